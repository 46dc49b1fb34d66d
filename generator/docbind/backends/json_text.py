"""Indented JSON text, the bytes ``json.dumps(value, indent=N, ensure_ascii=False)`` writes.

The standard library writes indented JSON in pure Python, a generator per value; ``spec.json`` and
the model tests' data of a large API are hundreds of thousands of values. This writes the same
text in one recursive pass over plain data (dict, list, tuple, str, int, float, bool, None), and
hands anything else (an enum, a non-finite float, a key that is not text) to ``json.dumps``
itself, so the text is always the standard library's (``tests/test_json_text.py``).
"""

from __future__ import annotations

import json
import math
from json.encoder import encode_basestring
from typing import Any

_encode: Any = encode_basestring  # the C function when the interpreter has it


class _NotPlain(Exception):
    """A value this writer leaves to ``json.dumps``."""


def dumps(value: Any, indent: int) -> str:
    """``json.dumps(value, indent=indent, ensure_ascii=False)``."""
    out: list[str] = []
    try:
        _write(value, out, " " * indent, "\n")
    except _NotPlain:
        return json.dumps(value, indent=indent, ensure_ascii=False)
    return "".join(out)


def dumps_lines(value: Any, indent: int, levels: int) -> str:
    """JSON text indented for ``levels`` levels, each value below them on one line: data of
    many cases, a case a line (a diff names the cases that changed), written by the standard
    library's C encoder (indenting every level is most of the cost of writing it)."""
    out: list[str] = []
    try:
        _write(value, out, " " * indent, "\n", levels)
    except _NotPlain:
        raise TypeError("not plain JSON data: text keys and finite numbers only") from None
    return "".join(out)


def _write(value: Any, out: list[str], unit: str, newline: str, levels: int = -1) -> None:
    """``newline`` is a line break and the current level's indentation; ``levels`` how many
    more levels are indented (-1: all of them)."""
    if levels == 0:
        out.append(json.dumps(value, ensure_ascii=False))
        return
    kind = type(value)
    if kind is str:
        out.append(_encode(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif kind is int:
        out.append(int.__repr__(value))
    elif kind is float and math.isfinite(value):
        out.append(float.__repr__(value))
    elif kind is dict:
        _write_dict(value, out, unit, newline, levels - 1)
    elif kind is list or kind is tuple:
        _write_list(value, out, unit, newline, levels - 1)
    elif levels > 0:
        out.append(json.dumps(value, ensure_ascii=False))  # as the standard library writes it
    else:
        raise _NotPlain


def _write_dict(
    value: dict[Any, Any], out: list[str], unit: str, newline: str, levels: int
) -> None:
    if not value:
        out.append("{}")
        return
    inner = newline + unit
    separator = "{" + inner
    for key, item in value.items():
        if type(key) is not str:
            raise _NotPlain  # json.dumps turns numbers and booleans into text its own way
        out.append(separator)
        out.append(_encode(key))
        out.append(": ")
        _write(item, out, unit, inner, levels)
        separator = "," + inner
    out.append(newline + "}")


def _write_list(
    value: list[Any] | tuple[Any, ...], out: list[str], unit: str, nl: str, levels: int
) -> None:
    if not value:
        out.append("[]")
        return
    inner = nl + unit
    separator = "[" + inner
    for item in value:
        out.append(separator)
        _write(item, out, unit, inner, levels)
        separator = "," + inner
    out.append(nl + "]")
