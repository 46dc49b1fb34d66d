"""Tables copied from a PDF: columns aligned with spaces, no tabs and no pipes.

The header row names the columns (two or more spaces between titles, at least a name column and
one other known title); each title's start is where its column starts. A row's words go to the
column they start under, so an empty cell is simply a gap. A line with words only under the last
column continues the description above (a wrapped cell); a name indented past its column's start
is nested (the indent is kept as no-break spaces, two per level, as ``nesting`` reads them).
"""

from __future__ import annotations

import re
import unicodedata

from docbind.importers import vocab

_GAP = re.compile(r"\S+(?: \S+)*")  # words separated by single spaces form one cell


def _width(text: str) -> int:
    """Display columns: Hangul and other wide characters take two, as PDF text tools align them."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cells(line: str) -> list[tuple[int, str]]:
    """Each cell's display column and text."""
    line = line.expandtabs()
    return [(_width(line[: m.start()]), m.group(0)) for m in _GAP.finditer(line)]


def is_aligned_header(line: str) -> bool:
    cells = _cells(line)
    roles = [vocab.header_role(text) for _, text in cells]
    known = [r for r in roles if r is not None]
    keyed = "name" in roles or {"status", "code"} <= set(roles)  # a field or an error table
    return len(cells) >= 3 and keyed and len(known) >= 3 and len(known) * 2 > len(cells)


Rows = tuple[list[str], list[list[str]], list[int]]  # header, rows, each row's line


def read_aligned_table(lines: list[str], start: int) -> tuple[Rows, int]:
    """The table whose header is ``lines[start]``, and the index after its last row."""
    header = _cells(lines[start])
    starts = [at for at, _ in header]
    rows: list[list[str]] = []
    row_lines: list[int] = []
    i = start + 1
    while i < len(lines) and lines[i].strip():
        row = [""] * len(starts)
        for at, text in _cells(lines[i]):
            column = _column(starts, at)
            indent = at - starts[0] if column == 0 and at > starts[0] else 0
            joined = f"{row[column]} {text}".strip()
            row[column] = "\u00a0" * indent + joined if indent else joined
        if not any(row[:-1]) and rows:
            rows[-1][-1] = f"{rows[-1][-1]} {row[-1]}".strip()  # a wrapped cell
        else:
            rows.append(row)
            row_lines.append(i + 1)
        i += 1
    return ([text for _, text in header], rows, row_lines), i


def _column(starts: list[int], at: int) -> int:
    """The column a word starting at ``at`` belongs to: the last one starting at or before it
    (one space of slack, as PDF text is not always exactly aligned)."""
    column = 0
    for index, begin in enumerate(starts):
        if begin <= at + 1:
            column = index
    return column
