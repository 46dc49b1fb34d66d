"""Format generated Python with black, in-process, once per distinct text.

black dominates generation time, so formatted text is cached by the hash of its input, black's
version and the mode: in memory for one run, and on disk across runs (``DOCBIND_CACHE_DIR``, else
``$XDG_CACHE_HOME/docbind`` or ``~/.cache/docbind``; ``DOCBIND_NO_CACHE=1`` turns it off). The
cache changes only speed: its entries are exactly what black returned for that input.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from importlib import metadata
from pathlib import Path

import black
from black.mode import TargetVersion
from black.parsing import InvalidInput

from .fingerprint import cache_root

MODE = black.Mode(target_versions={TargetVersion.PY311}, line_length=88)
_SALT = f"black {metadata.version('black')} {MODE!r}".encode()
_MEMORY: dict[str, str] = {}


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
    try:
        return black.format_str(text, mode=MODE)
    except InvalidInput as exc:
        raise GeneratorBug(f"{where}: generated code does not parse ({exc})") from exc


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


def _format_in_parallel(jobs: dict[str, str]) -> None:
    """Format texts the caches do not hold, on every core (black is pure CPU work)."""
    folder = cache_dir()
    missing: dict[str, tuple[str, str]] = {}
    for path, text in jobs.items():
        key = _key(text)
        if key in _MEMORY:
            continue
        cached = _read_cached(folder, key)
        if cached is not None:
            _MEMORY[key] = cached
        else:
            missing.setdefault(key, (text, path))
    workers = min(os.cpu_count() or 1, len(missing))
    if workers < 2:
        return  # format_python does the rest in this process
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        results = pool.map(_black, *zip(*missing.values(), strict=True))
        for key, formatted in zip(missing, results, strict=True):
            _MEMORY[key] = formatted
            _write_cached(folder, key, formatted)


def format_files(files: dict[str, str]) -> dict[str, str]:
    python = {path: text for path, text in files.items() if path.endswith(".py")}
    if len(python) > 3 and sys.platform != "win32":
        _format_in_parallel(python)
    return {
        path: format_python(text, path) if path in python else text
        for path, text in sorted(files.items())
    }
