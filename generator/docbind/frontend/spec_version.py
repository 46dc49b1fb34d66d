"""Raise a spec's ``version:`` in api.yaml by editing that one line, every other byte kept.

A YAML round trip would rewrite quoting, comments and flow mappings the author chose; the release
flow only needs the value of one top-level scalar changed, so it edits the text.
"""

from __future__ import annotations

import re

from docbind.ir.diagnostics import Diagnostic, Loc

# A top-level ``version:`` line: the value plain or quoted, an optional comment after it.
_LINE = re.compile(
    r"^version:(?P<gap>[ \t]*)(?P<quote>['\"]?)(?P<value>[^'\"#\s]+)(?P=quote)"
    r"(?P<tail>[ \t]*(?:#.*)?)$"
)


def set_version(text: str, file: str, old: str, new: str) -> tuple[str | None, Diagnostic | None]:
    """``text`` (api.yaml) with its top-level ``version: old`` changed to ``new``; or a located
    error when there is not exactly one such line holding ``old``."""
    lines = text.splitlines(keepends=True)
    found = []
    for number, line in enumerate(lines, start=1):
        body = line.rstrip("\r\n")
        if body.startswith("version:"):
            found.append((number, body, _LINE.match(body)))
    if len(found) != 1:
        where = Loc(file, found[1][0] if found else 1, 1)
        why = "more than one top-level" if found else "no top-level"
        return None, _error(where, f"{why} `version:` line to raise; write it as `version: {old}`")
    number, body, match = found[0]
    if match is None or match.group("value") != old:
        shown = body if len(body) <= 60 else body[:57] + "..."
        return None, _error(
            Loc(file, number, 1), f"cannot raise the version on `{shown}`: write `version: {old}`"
        )
    quote = match.group("quote")
    edited = f"version:{match.group('gap')}{quote}{new}{quote}{match.group('tail')}"
    ending = lines[number - 1][len(body) :]
    lines[number - 1] = edited + ending
    return "".join(lines), None


def version_line(text: str) -> int:
    """The line number of the top-level ``version:`` (1 when there is none)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("version:"):
            return number
    return 1


def _error(loc: Loc, message: str) -> Diagnostic:
    return Diagnostic(loc=loc, severity="error", message=message)
