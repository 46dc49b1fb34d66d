"""One docbind run at a time per output folder: an exclusive ``flock`` held while it writes.

The lock is taken on the folder itself (a read-only descriptor of the directory), so nothing is
left behind: no lock file in ``generated/`` for git, the golden record or ``check`` to ignore,
and no stale lock after a kill (the kernel drops a dead process's locks). Where a file system
refuses locks on a directory (NFS emulates flock with byte-range locks, which need a writable
descriptor), an empty ``.docbind.lock`` file in the folder is locked instead, and left there.

A second run waits for the first (writing takes well under a second) and gives up with a
located message after ``timeout`` seconds: a lock held that long belongs to a stuck process.
"""

from __future__ import annotations

import errno
import fcntl
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from docbind.frontend.spec_paths import display_path

LOCK_FILE = ".docbind.lock"
DEFAULT_TIMEOUT = 60.0
_UNSUPPORTED = {errno.EBADF, errno.EINVAL, errno.ENOLCK, errno.EOPNOTSUPP}


class OutputError(Exception):
    """An output path docbind refuses to write, or cannot: ``path`` and why, for the user."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(path, reason)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"{display_path(self.path)}: error: {self.reason}"


def _try_lock(handle: int) -> bool:
    """Lock without waiting: True when locked, False when another run holds the lock."""
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _first_try(folder: Path) -> tuple[int, bool]:
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        return handle, _try_lock(handle)
    except OSError as exc:
        os.close(handle)
        if exc.errno not in _UNSUPPORTED:
            raise
    handle = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o666)
    try:
        return handle, _try_lock(handle)
    except BaseException:
        os.close(handle)
        raise


@contextmanager
def output_lock(folder: Path, timeout: float = DEFAULT_TIMEOUT) -> Iterator[None]:
    """Hold the exclusive lock of ``folder`` (which must exist) for the ``with`` block."""
    handle, locked = _first_try(folder)
    try:
        deadline = time.monotonic() + timeout
        if not locked:
            print(
                f"docbind: {display_path(folder)}: waiting for another docbind run writing here",
                file=sys.stderr,
            )
        while not locked:
            if time.monotonic() >= deadline:
                raise OutputError(
                    folder,
                    f"another docbind run has been writing this folder for {timeout:g} s; "
                    "wait for it to finish, or stop it, and run again",
                )
            time.sleep(0.05)
            locked = _try_lock(handle)
        yield
    finally:
        os.close(handle)  # closing the descriptor releases the lock
