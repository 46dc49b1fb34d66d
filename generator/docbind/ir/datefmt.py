"""Date/time patterns as the documents write them (``yyyyMMddHHmmssSSS``)."""

from __future__ import annotations

import re

# Longest tokens first so "yyyy" wins over "yy"; "mi" is how some docs write minutes.
_TOKENS = {
    "yyyy": ("%Y", 4, "date"),
    "yy": ("%y", 2, "date"),
    "MM": ("%m", 2, "date"),
    "dd": ("%d", 2, "date"),
    "HH": ("%H", 2, "time"),
    "mm": ("%M", 2, "time"),
    "mi": ("%M", 2, "time"),
    "ss": ("%S", 2, "time"),
    "SSS": ("%f", 3, "time"),
    # ISO 8601's offset as Java's XXX writes it: Z for UTC, else +09:00 (at most 6 characters).
    "XXX": ("%:z", 6, "zone"),
}
_OFFSET_REGEX = r"(?:Z|[+-]\d{2}:\d{2})"
_SPLIT = re.compile("|".join(sorted(_TOKENS, key=len, reverse=True)) + "|.", re.DOTALL)
_LITERAL = re.compile(r"[-:./ T]")


def tokens(pattern: str) -> list[str]:
    return _SPLIT.findall(pattern)


def problem(pattern: str, kind: str) -> str | None:
    """Why ``pattern`` cannot serve a field of ``kind`` (date, datetime, time); None if it can."""
    parts = tokens(pattern)
    unknown = [p for p in parts if p not in _TOKENS and not _LITERAL.fullmatch(p)]
    if unknown:
        return (
            f"format {pattern!r}: {_unknown(unknown)} "
            f"(use yyyy yy MM dd HH mm ss SSS XXX, separated by - : . / space or T)"
        )
    found = [p for p in parts if p in _TOKENS]
    if len(set(found)) != len(found):
        return f"format {pattern!r} repeats a part"
    if "XXX" in found and (kind != "datetime" or parts[-1] != "XXX"):
        return f"format {pattern!r}: the offset XXX ends the format of a datetime"
    classes = {_TOKENS[p][2] for p in found} - {"zone"}
    if kind == "date" and classes != {"date"}:
        return f"format {pattern!r} of a date must have only date parts (yyyy MM dd)"
    if kind == "time" and classes != {"time"}:
        return f"format {pattern!r} of a time must have only time parts (HH mm ss SSS)"
    if kind == "datetime" and classes != {"date", "time"}:
        return f"format {pattern!r} of a datetime needs date and time parts"
    return None


def _unknown(parts: list[str]) -> str:
    """Name what is unknown as it is: letters (a misspelt part) apart from other characters."""
    letters = "".join(p for p in parts if p.isalpha())
    others = "".join(p for p in parts if not p.isalpha())
    said = [f"unknown pattern letters {letters!r}"] if letters else []
    if others:
        said.append(f"characters {others!r} are neither pattern letters nor separators")
    return " and ".join(said)


def width(pattern: str) -> int:
    return sum(_TOKENS[p][1] if p in _TOKENS else len(p) for p in tokens(pattern))


def strftime(pattern: str) -> str:
    """The strftime/strptime form; ``%f`` stands for milliseconds (the runtime trims it to 3)."""
    return "".join(_TOKENS[p][0] if p in _TOKENS else p.replace("%", "%%") for p in tokens(pattern))


def regex(pattern: str) -> str:
    return (
        "^"
        + "".join(
            _OFFSET_REGEX
            if p == "XXX"
            else rf"\d{{{_TOKENS[p][1]}}}"
            if p in _TOKENS
            else re.escape(p)
            for p in tokens(pattern)
        )
        + "$"
    )
