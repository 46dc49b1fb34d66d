"""The last stage: write a rendered package atomically, or compare it with what is on disk.

A package folder is built complete in a temporary folder beside its target and then swapped in
with renames, so a failed run leaves the previous output untouched. Files docbind did not write
(not in its manifest) are carried over, never deleted.
"""

from __future__ import annotations

import difflib
import os
import shutil
import tempfile
from pathlib import Path

MANIFEST = ".docbind-manifest"


def with_manifest(files: dict[str, str]) -> dict[str, str]:
    """Add the manifest: the sorted list of files docbind owns in this package."""
    listing = "".join(f"{path}\n" for path in sorted({*files, MANIFEST}))
    return {**files, MANIFEST: listing}


def _owned(target: Path) -> set[str]:
    manifest = target / MANIFEST
    if not manifest.is_file():
        return set()
    return {line for line in manifest.read_text(encoding="utf-8").splitlines() if line}


def _safe_relative(path: str) -> bool:
    parts = Path(path).parts
    return bool(parts) and not Path(path).is_absolute() and ".." not in parts


def write_package(target: Path, files: dict[str, str]) -> list[str]:
    """Replace ``target`` with ``files``; returns the paths whose content changed."""
    for path in files:
        if not _safe_relative(path):
            raise ValueError(f"refusing to write outside the package folder: {path!r}")
    target.parent.mkdir(parents=True, exist_ok=True)
    changed = [p for p in sorted(files) if _read(target / p) != files[p]]
    stale = sorted(_owned(target) - set(files))
    if not changed and not stale:
        return []
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    os.chmod(staging, 0o777 & ~_umask())  # mkdtemp makes 0700; the package is an ordinary folder
    try:
        for path, text in files.items():
            dest = staging / path
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(text, encoding="utf-8", newline="\n")
        if target.exists():
            _carry_over_foreign_files(target, staging, _owned(target) | set(files))
        _swap(target, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return changed + stale


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _carry_over_foreign_files(target: Path, staging: Path, owned: set[str]) -> None:
    for path in sorted(target.rglob("*")):
        rel = path.relative_to(target).as_posix()
        if path.is_file() and rel not in owned and "__pycache__" not in path.parts:
            dest = staging / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, dest)


def _swap(target: Path, staging: Path) -> None:
    if not target.exists():
        os.replace(staging, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    os.rmdir(old)
    os.replace(target, old)
    try:
        os.replace(staging, target)
    except BaseException:
        os.replace(old, target)  # put the previous output back
        raise
    shutil.rmtree(old, ignore_errors=True)


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def diff_package(target: Path, files: dict[str, str], shown: str) -> list[str]:
    """Unified diff lines between disk and ``files``; empty when identical."""
    lines: list[str] = []
    for path in sorted(set(files) | _owned(target)):
        old = _read(target / path)
        new = files.get(path)
        if old == new:
            continue
        lines.extend(
            difflib.unified_diff(
                (old or "").splitlines(keepends=True),
                (new or "").splitlines(keepends=True),
                fromfile=f"{shown}/{path}" if old is not None else "/dev/null",
                tofile=f"{shown}/{path} (regenerated)" if new is not None else "/dev/null",
            )
        )
    return lines
