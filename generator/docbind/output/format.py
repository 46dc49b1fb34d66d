"""Format generated Python with black, on worker processes, once per distinct text.

black dominates generation time, so it runs on every core while the main process renders, and
formatted text is cached by the hash of its input, black's
version and the mode: in memory for one run, and on disk across runs (``DOCBIND_CACHE_DIR``, else
``$XDG_CACHE_HOME/docbind`` or ``~/.cache/docbind``; ``DOCBIND_NO_CACHE=1`` turns it off). The
cache changes only speed: its entries are exactly what black returned for that input.
"""

from __future__ import annotations

import hashlib
import importlib
import multiprocessing
import os
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial
from importlib import metadata
from pathlib import Path
from typing import TypeVar

from docbind.backends.pylit import LINE_LENGTH, InLayout
from docbind.output.fingerprint import cache_root

T = TypeVar("T")
# black's version and mode: a cached entry is what that black returned for that input
_SALT = f"black {metadata.version('black')} py311 line-length {LINE_LENGTH}".encode()
_MEMORY: dict[str, str] = {}
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


class GeneratorBug(Exception):
    """Generated code that does not parse: a docbind bug, never the spec author's fault."""


def cache_dir() -> Path | None:
    root = cache_root()
    return None if root is None else root / "black"


def _read_cached(folder: Path | None, key: str) -> str | None:
    if folder is None:
        return None
    try:
        return (folder / key).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _write_cached(folder: Path | None, key: str, text: str) -> None:
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temporary, folder / key)  # readers see a whole entry or none
    except OSError:
        return  # a read-only or full disk only costs speed


def _key(text: str) -> str:
    return hashlib.sha256(_SALT + text.encode("utf-8")).hexdigest()


def _black(text: str, where: str) -> str:
    # Imported here, by the worker processes that format: the main process never needs it.
    import black
    from black.mode import TargetVersion
    from black.parsing import InvalidInput

    mode = black.Mode(target_versions={TargetVersion.PY311}, line_length=LINE_LENGTH)
    try:
        return black.format_str(text, mode=mode)
    except InvalidInput as exc:
        raise GeneratorBug(f"{where}: generated code does not parse ({exc})") from exc


def _render_format(render: Callable[[T], str], job: T, where: str) -> str:
    """A slow job's module: rendered, then formatted by black unless it is ``InLayout``."""
    text = render(job)
    return str(text) if isinstance(text, InLayout) else _black(text, where)


def _warm(target: str) -> None:
    module, _, name = target.partition(":")
    getattr(importlib.import_module(module), name)()


def format_python(text: str, where: str) -> str:
    key = _key(text)
    cached = _MEMORY.get(key)
    if cached is None:
        folder = cache_dir()
        cached = _read_cached(folder, key)
        if cached is None:
            cached = _black(text, where)
            _write_cached(folder, key, cached)
        _MEMORY[key] = cached
    return cached


def exit_with_parent(parent: int) -> None:
    """Worker initializer: end this worker when docbind ends, even when docbind is killed (its
    pool's shutdown never runs then, and an idle worker would wait for work forever).

    On Linux the kernel does it (PR_SET_PDEATHSIG; it fires when the *thread* that started the
    worker ends, and docbind starts and uses its pool on one thread). SIGKILL, not SIGTERM: a
    worker holds nothing to flush, and a forked worker inherits handlers that may ignore
    SIGTERM. Elsewhere, or if prctl fails, a thread checks once a second for a new parent."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # docbind died before the prctl took effect
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _python(path: str, ready: AbstractSet[str]) -> bool:
    return path.endswith(".py") and path not in ready


class Formatter:
    """Formats Python texts on every core while the caller goes on rendering.

    ``submit`` hands texts over as soon as they are rendered (black runs in worker processes,
    pure CPU work); ``collect`` waits for them and returns every file, Python ones formatted.
    So black on the templates' output overlaps with the models step in this process.
    """

    def __init__(self) -> None:
        self._folder = cache_dir()
        self._pending: dict[str, Future[str]] = {}
        self._slow: set[str] = set()  # keys of the slow jobs among them
        self._rendered: dict[str, str] = {}  # path → cache key, for submit_rendered's files
        self._warmed = False  # the workers import the stages and set the models generator up
        self._sources: dict[str, Callable[[], str]] = {}  # cache key → its job, while queued
        self._pool: ProcessPoolExecutor | None = None
        self._workers = (os.cpu_count() or 1) if sys.platform != "win32" else 1

    def __enter__(self) -> Formatter:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    def submit_rendered(self, path: str, render: Callable[[T], str], job: T, key: str) -> None:
        """Render ``job`` with ``render`` and format it, both on a worker (black only when the
        text is not ``InLayout``); ``key`` names the job's whole input, so an unchanged job is
        answered from the cache, rendering skipped."""
        self._rendered[path] = key = _key(key)
        self._schedule(key, partial(_render_format, render, job, path), slow=True)

    def elsewhere(self, work: Callable[..., T], *args: object) -> Future[T]:
        """``work(*args)`` on a worker when they were set up ahead of need (``start``), else
        here: a worker that has not imported the stages would take longer than this process,
        which has."""
        if self._workers > 1 and self._warmed:
            return self._executor().submit(work, *args)
        done: Future[T] = Future()
        done.set_result(work(*args))
        return done

    def submit(self, files: dict[str, str]) -> None:
        """Format the Python files among ``files`` on the workers."""
        for path, text in files.items():
            if path.endswith(".py"):
                self._schedule(_key(text), partial(_black, text, path))

    def _schedule(self, key: str, work: Callable[[], str], slow: bool = False) -> None:
        """``work`` answered from the cache, else run on a worker (or here, with one)."""
        if key in _MEMORY or key in self._pending:
            return
        cached = _read_cached(self._folder, key)
        if cached is not None:
            _MEMORY[key] = cached
        elif self._workers > 1:
            self._pending[key] = self._executor().submit(work)
            if slow:
                self._slow.add(key)
            self._sources[key] = work
        else:
            _MEMORY[key] = work()
            _write_cached(self._folder, key, _MEMORY[key])

    def start(self, warm: str | None = None) -> None:
        """Start the workers now, while this process is small: they are forked from it.
        ``warm`` (``module:function``) is run once on each worker meanwhile, so what the slow
        jobs import and set up is ready while this process checks the specs; only when the
        cache is empty (a first run: every job will run), since the pool waits for it to end."""
        if self._folder is not None and self._folder.is_dir() and any(self._folder.iterdir()):
            warm = None
        self._warmed = warm is not None
        if self._workers > 1:
            pool = self._executor()
            for _ in range(self._workers):  # one each: every worker is idle now
                pool.submit(_warm, warm) if warm else pool.submit(int)

    def _help(self) -> None:
        """Rendering is done: this process takes black's jobs that no worker has started and
        formats them itself (a worker that could have started one was busy with a slow job).
        It leaves the slow jobs to the workers: they have set up their generator already, this
        process has not."""
        waiting = [
            key
            for key, job in self._pending.items()
            if key not in self._slow and not (job.running() or job.done())
        ]
        for key in reversed(waiting):  # from the end of the queue: the workers take its head
            if self._pending[key].cancel():
                _MEMORY[key] = self._sources[key]()
                _write_cached(self._folder, key, _MEMORY[key])
                del self._pending[key]

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context("fork")
            self._pool = ProcessPoolExecutor(
                max_workers=self._workers,
                mp_context=context,
                initializer=exit_with_parent,
                initargs=(os.getpid(),),
            )
        return self._pool

    def collect(
        self, files: dict[str, str], ready: AbstractSet[str] = frozenset()
    ) -> dict[str, str]:
        """Every file of ``files`` and of ``submit_rendered``, Python ones formatted but for
        those in ``ready`` (written in black's layout already)."""
        self._help()
        for key, future in self._pending.items():
            formatted = future.result()
            _MEMORY[key] = formatted
            _write_cached(self._folder, key, formatted)
        self._pending.clear()
        self._sources.clear()
        done = {path: _MEMORY[key] for path, key in self._rendered.items()}
        return dict(
            sorted(
                {
                    **{
                        path: format_python(text, path) if _python(path, ready) else text
                        for path, text in files.items()
                    },
                    **done,
                }.items()
            )
        )
