"""Crash-safe writing of docbind's own files inside a package folder, and recovery on the next run.

A write has two phases, each announced in ``<target>/.docbind-journal`` (JSON, replaced
atomically) before it starts:

* ``staging``: every new or changed file is written complete as ``.<name>.docbind-tmp`` in its
  own destination folder, and synced. A run killed here changed nothing the user sees; the next
  run deletes the temporary files (and the folders this write created) listed in the journal.
* ``commit``: each temporary file is renamed over its destination (``os.replace``, atomic per
  file), stale owned files are deleted, and the journal is removed. A run killed here is rolled
  forward by the next run: every temporary file is complete, so finishing the renames gives
  exactly the package that run meant to write.

Nothing but the paths listed in the journal is touched, so files docbind did not write keep
everything they have (links, special files, modes, owners). ``clean_legacy`` repairs what the
previous design (a staging folder swapped in with two renames) could leave beside a package.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path, PurePosixPath
from typing import Any

from docbind.output.output_lock import OutputError

MANIFEST = ".docbind-manifest"  # the list of files docbind owns in a package
JOURNAL = ".docbind-journal"
_JOURNAL_TEMP = ".docbind-journal.tmp"
_TEMP_SUFFIX = ".docbind-tmp"
_KINDS = {
    stat.S_IFLNK: "symbolic link",
    stat.S_IFDIR: "folder",
    stat.S_IFREG: "file",
    stat.S_IFIFO: "named pipe (FIFO)",
    stat.S_IFSOCK: "socket",
    stat.S_IFCHR: "character device",
    stat.S_IFBLK: "block device",
}


def temp_path(target: Path, rel: str) -> Path:
    dest = target / rel
    return dest.with_name(f".{dest.name}{_TEMP_SUFFIX}")


def _mode(path: Path) -> int | None:
    try:
        return os.lstat(path).st_mode
    except FileNotFoundError:
        return None


def unsafe_path(target: Path, rel: str) -> tuple[Path, str] | None:
    """Why docbind may not write its file ``rel`` below ``target``: a component that is a
    symbolic link or not a folder, or a destination that is not a regular file. None: safe."""
    here = target
    parts = PurePosixPath(rel).parts
    for index, part in enumerate(parts):
        here = here / part
        mode = _mode(here)
        if mode is None:
            return None  # docbind creates the rest
        kind = _KINDS.get(stat.S_IFMT(mode), "special file")
        if stat.S_ISLNK(mode):
            return here, "is a symbolic link; docbind never writes through one"
        if index == len(parts) - 1 and not stat.S_ISREG(mode):
            return here, f"is a {kind}, where docbind writes its file {rel}"
        if index < len(parts) - 1 and not stat.S_ISDIR(mode):
            return here, f"is a {kind}, where docbind needs a folder for {rel}"
    return None


def save(target: Path, entry: dict[str, Any]) -> None:
    """Replace the journal atomically and durably with ``entry``."""
    temporary = target / _JOURNAL_TEMP
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o666)
    try:
        os.write(handle, json.dumps(entry, sort_keys=True).encode("utf-8"))
        os.fsync(handle)
    finally:
        os.close(handle)
    os.replace(temporary, target / JOURNAL)
    sync_folder(target)


def sync_folder(folder: Path) -> None:
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _load(target: Path) -> dict[str, Any] | None:
    path = target / JOURNAL
    if _mode(path) is None:
        return None
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
        lists = [entry[key] for key in ("write", "delete", "mkdirs")]
        if entry["state"] in ("staging", "commit") and all(
            isinstance(item, str) and _relative(item) for items in lists for item in items
        ):
            return dict(entry)
    except (OSError, ValueError, KeyError, TypeError):
        pass
    raise OutputError(
        path,
        "is not a journal docbind can read (a damaged interrupted write); "
        "check the package folder, delete this file and run again",
    )


def _relative(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return bool(parts) and not PurePosixPath(path).is_absolute() and ".." not in parts


def recover(target: Path) -> None:
    """Finish or undo a write that was interrupted; call with the output folder locked."""
    if _mode(target / _JOURNAL_TEMP) is not None:
        os.unlink(target / _JOURNAL_TEMP)  # a journal never saved: its phase had not begun
    entry = _load(target)
    if entry is None:
        return
    if entry["state"] == "commit":
        roll_forward(target, entry)
    else:
        roll_back(target, entry)


def roll_forward(target: Path, entry: dict[str, Any]) -> None:
    """Rename every temporary file that is still there, delete stale files, drop the journal."""
    renames = sorted(entry["write"], key=lambda rel: rel == MANIFEST)  # manifest last
    for rel in renames:
        temporary = temp_path(target, rel)
        if _mode(temporary) is not None:
            problem = unsafe_path(target, rel)
            if problem is not None:
                raise OutputError(*problem)
            os.replace(temporary, target / rel)
    for rel in entry["delete"]:
        mode = _mode(target / rel)
        if mode is not None and stat.S_ISREG(mode) and unsafe_path(target, rel) is None:
            os.unlink(target / rel)
            _prune(target, (target / rel).parent)
    os.unlink(target / JOURNAL)


def roll_back(target: Path, entry: dict[str, Any]) -> None:
    """Delete this write's temporary files and the folders it created, then the journal."""
    for rel in entry["write"]:
        temporary = temp_path(target, rel)
        if _mode(temporary) is not None and unsafe_path(target, rel) is None:
            os.unlink(temporary)
    os.unlink(target / JOURNAL)
    for rel in sorted(entry["mkdirs"], key=lambda d: -len(PurePosixPath(d).parts)):
        _prune(target, target / rel)


def _prune(target: Path, folder: Path) -> None:
    """Remove ``folder`` and its parents below ``target`` while they are empty."""
    while folder != target and target in folder.parents:
        try:
            os.rmdir(folder)
        except OSError:
            return  # not empty (or not ours to remove): it stays
        folder = folder.parent


def clean_legacy(target: Path) -> None:
    """Repair what the old swap could leave beside ``target``: ``.<name>.old-*`` holds the
    previous package with the user's files (restored when the package folder is missing, else
    the user's files missing from it are moved back), ``.<name>.new-*`` only copies."""

    def leftovers(kind: str) -> list[Path]:
        found = target.parent.glob(f".{target.name}.{kind}-*")
        return [p for p in found if stat.S_ISDIR(_mode(p) or 0)]

    olds = sorted(leftovers("old"), key=lambda p: os.lstat(p).st_mtime_ns, reverse=True)
    if olds and _mode(target) is None:
        os.rename(olds.pop(0), target)
    for old in olds:
        _move_back(old, target, _owned(old), "")
        shutil.rmtree(old)
    for new in leftovers("new"):
        shutil.rmtree(new)


def _owned(folder: Path) -> set[str]:
    try:
        return set((folder / MANIFEST).read_text(encoding="utf-8").splitlines())
    except (OSError, UnicodeDecodeError):
        return set()


def _move_back(source: Path, dest: Path, owned: set[str], prefix: str) -> None:
    with os.scandir(source) as entries:
        for item in entries:
            rel, there = f"{prefix}{item.name}", dest / item.name
            mode = _mode(there)
            if mode is None:
                if rel not in owned:
                    os.rename(item.path, there)  # a rename keeps links, modes and owners
            elif stat.S_ISDIR(mode) and item.is_dir(follow_symlinks=False):
                _move_back(Path(item.path), there, owned, f"{rel}/")
