"""A small YAML writer for draft specs: block mappings, one key per line, strings quoted.

Drafts are read by people side by side with the document, so the layout is fixed and plain;
strings are written as JSON strings (valid YAML double-quoted scalars).
"""

from __future__ import annotations

import json
import re
from typing import Any

_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")
_PLAIN_VALUE = re.compile(r"^[A-Za-z_][A-Za-z0-9_./-]*$")
_YAML_WORDS = frozenset({"y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"})


def key(text: str) -> str:
    if _PLAIN_KEY.match(text) and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def scalar(value: Any) -> str:
    if isinstance(value, str) and _PLAIN_VALUE.match(value) and value.lower() not in _YAML_WORDS:
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


def emit(data: Any, indent: int = 0) -> list[str]:
    """Lines for a mapping's entries (or a list's items) at ``indent`` spaces."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(data, dict):
        for k, v in data.items():
            lines.extend(_entry(f"{pad}{key(str(k))}:", v, indent))
    else:
        for item in data:
            lines.extend(_entry(f"{pad}-", item, indent))
    return lines


def _entry(prefix: str, value: Any, indent: int) -> list[str]:
    if isinstance(value, Flow):
        return [f"{prefix} {value.text(indent + 2)}"]
    if isinstance(value, dict | list) and not value:
        return [f"{prefix} {'{}' if isinstance(value, dict) else '[]'}"]
    if isinstance(value, dict) and prefix.endswith("-"):
        inner = emit(value, indent + 2)  # "- key: value", the other keys aligned below it
        return [f"{prefix} {inner[0].lstrip()}", *inner[1:]]
    if isinstance(value, dict | list):
        return [prefix, *emit(value, indent + 2)]
    return [f"{prefix} {scalar(value)}"]


class Flow:
    """A value written as JSON (flow style), e.g. a sample payload exactly as documented."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def text(self, indent: int) -> str:
        dumped = json.dumps(self.value, ensure_ascii=False, indent=2)
        return dumped.replace("\n", "\n" + " " * indent)


def document(data: dict[str, Any], header: str = "", schema: str | None = None) -> str:
    """The file's text; ``schema`` (a path or URL) makes its first line the YAML language
    server's modeline, so editors check the file against that JSON Schema."""
    lines = [f"# yaml-language-server: $schema={schema}"] if schema else []
    lines += [f"# {line}".rstrip() for line in header.splitlines()] if header else []
    return "\n".join([*lines, *emit(data)]) + "\n"
