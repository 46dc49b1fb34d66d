"""Format generated Python with black, in-process, once per distinct text."""

from __future__ import annotations

import hashlib

import black
from black.mode import TargetVersion
from black.parsing import InvalidInput

MODE = black.Mode(target_versions={TargetVersion.PY311}, line_length=88)
_CACHE: dict[str, str] = {}


class GeneratorBug(Exception):
    """Generated code that does not parse: a docbind bug, never the spec author's fault."""


def format_python(text: str, where: str) -> str:
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    try:
        formatted = black.format_str(text, mode=MODE)
    except InvalidInput as exc:
        raise GeneratorBug(f"{where}: generated code does not parse ({exc})") from exc
    _CACHE[key] = formatted
    return formatted


def format_files(files: dict[str, str]) -> dict[str, str]:
    return {
        path: format_python(text, path) if path.endswith(".py") else text
        for path, text in sorted(files.items())
    }
