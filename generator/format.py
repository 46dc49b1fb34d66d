"""Format generated Python with black, in-process, once per distinct text.

black dominates generation time, so formatted text is cached by the hash of its input, black's
version and the mode: in memory for one run, and on disk across runs (``DOCBIND_CACHE_DIR``, else
``$XDG_CACHE_HOME/docbind`` or ``~/.cache/docbind``; ``DOCBIND_NO_CACHE=1`` turns it off). The
cache changes only speed: its entries are exactly what black returned for that input.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
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


def format_python(text: str, where: str) -> str:
    key = hashlib.sha256(_SALT + text.encode("utf-8")).hexdigest()
    cached = _MEMORY.get(key)
    if cached is None:
        folder = cache_dir()
        cached = _read_cached(folder, key)
        if cached is None:
            try:
                cached = black.format_str(text, mode=MODE)
            except InvalidInput as exc:
                raise GeneratorBug(f"{where}: generated code does not parse ({exc})") from exc
            _write_cached(folder, key, cached)
        _MEMORY[key] = cached
    return cached


def format_files(files: dict[str, str]) -> dict[str, str]:
    return {
        path: format_python(text, path) if path.endswith(".py") else text
        for path, text in sorted(files.items())
    }
