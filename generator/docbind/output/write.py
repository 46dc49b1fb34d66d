"""The last stage: write a rendered package in place, crash-safely, or compare it with disk.

Why in place: the package used to be rebuilt in a staging folder, the user's files copied into
it, and swapped in with two renames. A copy cannot keep what a file is (symbolic links became
copies, hard links split, FIFOs, empty folders and linked folders were dropped, owners became
the runner's), and a kill between the renames left no package at all. Now the user's folder is
never moved or copied: only docbind's own files (those its manifest lists) are replaced, each
atomically, under a journal the next run finishes or undoes (generator/journal.py), by one run at
a time per output folder (generator/output_lock.py). Files docbind did not write are never
opened, so they keep everything they have. A package whose files are unchanged is not touched.

docbind refuses (``OutputError``: the path and why; exit 2, nothing written) rather than write
through a symbolic link, or where a folder or file it needs is something else: ``-o/<package>``
being a file, a link, or a FIFO standing where ``models.py`` goes.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from docbind.output import journal
from docbind.output.journal import MANIFEST, unsafe_path
from docbind.output.output_lock import DEFAULT_TIMEOUT, OutputError, output_lock

__all__ = [
    "MANIFEST",
    "OutputError",
    "diff_package",
    "read_regular",
    "refuse_unsafe",
    "with_manifest",
    "write_file",
    "write_package",
]


def with_manifest(files: dict[str, str]) -> dict[str, str]:
    """Add the manifest: the sorted list of files docbind owns in this package."""
    listing = "".join(f"{path}\n" for path in sorted({*files, MANIFEST}))
    return {**files, MANIFEST: listing}


def _mode(path: Path) -> int | None:
    try:
        return os.lstat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None


def read_regular(path: Path) -> str | None:
    """A regular file's text; None for anything else (a FIFO is never opened: it would block)."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _owned(target: Path) -> set[str]:
    listing = read_regular(target / MANIFEST) or ""
    return {line for line in listing.splitlines() if line and _safe_relative(line)}


def _safe_relative(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return bool(parts) and not PurePosixPath(path).is_absolute() and ".." not in parts


@contextlib.contextmanager
def _located(target: Path) -> Iterator[None]:
    """An OSError (read-only or full disk, no permission) as an error naming its path."""
    try:
        yield
    except OSError as exc:
        where = Path(exc.filename) if exc.filename else target
        raise OutputError(where, f"cannot write: {exc.strerror or exc}") from exc


# A generated package is a few hundred KiB per hundred operations; past this, the spec is
# feeding it something other than documentation (the input bounds make this a last guard).
MAX_PACKAGE_BYTES = 256 * 1024 * 1024


def refuse_unsafe(target: Path, files: dict[str, str]) -> None:
    """Raise ``OutputError`` where writing ``files`` into ``target`` would go through a link or
    over something that is not docbind's kind of file or folder, or would write more than
    ``MAX_PACKAGE_BYTES``; writes nothing."""
    for path in files:
        if not _safe_relative(path):
            raise ValueError(f"refusing to write outside the package folder: {path!r}")
    size = sum(len(text.encode("utf-8")) for text in files.values())
    if size > MAX_PACKAGE_BYTES:
        raise OutputError(
            target, f"the package would be {size} bytes, more than the {MAX_PACKAGE_BYTES} allowed"
        )
    with _located(target):
        _refuse_unsafe(target, files)


def _refuse_unsafe(target: Path, files: dict[str, str]) -> None:
    existing = next((p for p in (target.parent, *target.parent.parents) if p.exists()), None)
    if existing is not None and not existing.is_dir():
        raise OutputError(existing, "is not a folder; the output folder must be one")
    mode = _mode(target)
    if mode is not None and stat.S_ISLNK(mode):
        raise OutputError(
            target,
            "is a symbolic link; docbind writes a package only into a "
            "real folder, never through a link",
        )
    if mode is not None and not stat.S_ISDIR(mode):
        raise OutputError(
            target,
            f"exists and is not a folder; docbind writes the package "
            f"{target.name!r} here: move it away or choose another -o",
        )
    for path in sorted(files):
        problem = unsafe_path(target, path)
        if problem is not None:
            raise OutputError(*problem)


def write_package(
    target: Path, files: dict[str, str], lock_timeout: float = DEFAULT_TIMEOUT
) -> list[str]:
    """Bring ``target`` to ``files``; returns the paths whose content changed or went away."""
    refuse_unsafe(target, files)
    with _located(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        with output_lock(target.parent, lock_timeout):
            journal.clean_legacy(target)
            journal.recover(target)
            _refuse_unsafe(target, files)  # again: the folder is ours only now
            changed = [p for p in sorted(files) if read_regular(target / p) != files[p]]
            stale = sorted(_owned(target) - set(files))
            if changed or stale:
                _apply(target, files, changed, stale)
    return changed + stale


def _apply(target: Path, files: dict[str, str], changed: list[str], stale: list[str]) -> None:
    for path in changed:
        if _mode(journal.temp_path(target, path)) is not None:  # ours were removed by recover()
            raise OutputError(
                journal.temp_path(target, path),
                "exists; docbind needs this name for a temporary file",
            )
    created = _mode(target) is None
    if created:
        os.mkdir(target)
    entry = {
        "state": "staging",
        "write": changed,
        "delete": stale,
        "mkdirs": _missing_folders(target, changed),
    }
    journal.save(target, entry)
    try:
        for folder in entry["mkdirs"]:
            os.mkdir(target / folder)
        for path in changed:
            _write_temporary(target, path, files[path])
        for parent in sorted({(target / path).parent for path in changed}):
            journal.sync_folder(parent)
    except BaseException:
        _discard(target, entry, created)
        raise
    journal.save(target, {**entry, "state": "commit"})
    journal.roll_forward(target, entry)


def _missing_folders(target: Path, paths: list[str]) -> list[str]:
    """The folders below ``target`` that ``paths`` need and that do not exist, parents first."""
    missing = {
        PurePosixPath(*PurePosixPath(path).parts[:depth]).as_posix()
        for path in paths
        for depth in range(1, len(PurePosixPath(path).parts))
        if _mode(target.joinpath(*PurePosixPath(path).parts[:depth])) is None
    }
    return sorted(missing, key=lambda folder: (len(PurePosixPath(folder).parts), folder))


def write_file(path: Path, text: str) -> None:
    """One file written whole or not at all (a temporary file renamed over it): the OpenAPI
    export, which is a file the user names, not a package folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _write_temporary(target: Path, path: str, text: str) -> None:
    temporary = journal.temp_path(target, path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
    with os.fdopen(os.open(temporary, flags, 0o666), "wb") as out:
        out.write(text.encode("utf-8"))
        out.flush()
        os.fsync(out.fileno())
    _keep_mode_and_owner(target / path, temporary)


def _keep_mode_and_owner(dest: Path, temporary: Path) -> None:
    """A replaced file keeps the mode and owner it had (an owner only where allowed)."""
    try:
        old = os.lstat(dest)
    except FileNotFoundError:
        return
    new = os.lstat(temporary)
    if (old.st_uid, old.st_gid) != (new.st_uid, new.st_gid):
        with contextlib.suppress(PermissionError):
            os.chown(temporary, old.st_uid, old.st_gid)
    os.chmod(temporary, stat.S_IMODE(old.st_mode))


def _discard(target: Path, entry: dict[str, Any], created: bool) -> None:
    """Undo a failed staging now (a killed run is undone by the next run's recover())."""
    with contextlib.suppress(OSError):
        journal.roll_back(target, entry)
        if created:
            os.rmdir(target)


def diff_package(target: Path, files: dict[str, str], shown: str) -> list[str]:
    """Unified diff lines between disk and ``files``; empty when identical."""
    lines: list[str] = []
    for path in sorted(set(files) | _owned(target)):
        old = read_regular(target / path)
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
