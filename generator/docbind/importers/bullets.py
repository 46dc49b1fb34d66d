"""Parameters written as a Markdown bullet list, as API references export to Markdown.

``- `amount` (object, required): Amount to refund.`` with the fields of an object as a list
indented under it. The list is read as a field table (Name, Type, Required, Description); each
indent level below the first is kept as two no-break spaces, as ``nesting`` reads them. Lines
indented under an item without a bullet continue its description.
"""

from __future__ import annotations

import re

from docbind.importers import vocab

_ITEM = re.compile(
    r"^(\s*)[-*+]\s+`?([A-Za-z_$][\w$.\-\[\]]*)`?\s*\(([^()]*)\)\s*(?:[:\u2014\u2013-]\s*)?(.*)$"
)
HEADER = ["Name", "Type", "Required", "Description"]
Rows = tuple[list[list[str]], list[int]]  # rows, each row's line


def is_parameter_list(lines: list[str], start: int) -> bool:
    """Two parameter items from ``start`` on (continuation lines between them allowed)."""
    first = _ITEM.match(lines[start])
    if first is None or not _type_of(first.group(3)):
        return False
    items = 0
    for line in lines[start : start + 12]:
        if (m := _ITEM.match(line)) and _type_of(m.group(3)):
            items += 1
        elif line.strip() and not line.startswith((" ", "\t")):
            break
        if items >= 2:
            return True
    return False


def read_parameter_list(lines: list[str], start: int) -> tuple[Rows, int]:
    rows: list[list[str]] = []
    row_lines: list[int] = []
    indents: list[int] = []
    i = start
    while i < len(lines):
        line = lines[i].expandtabs()
        m = _ITEM.match(line)
        if m and _type_of(m.group(3)):
            level = _level(indents, len(m.group(1)))
            rows.append(_row(m.group(2), m.group(3), m.group(4), level))
            row_lines.append(i + 1)
        elif line.strip() and line.startswith(" ") and rows:
            rows[-1][3] = f"{rows[-1][3]} {line.strip()}".strip()  # a wrapped description
        elif not line.strip() and i + 1 < len(lines) and is_parameter_list(lines, i + 1):
            pass  # a loose list: blank lines between its items
        else:
            break
        i += 1
    return (rows, row_lines), i


def _level(indents: list[int], indent: int) -> int:
    """The nesting level of an item indented by ``indent`` spaces (levels as the list uses them)."""
    while indents and indents[-1] > indent:
        indents.pop()
    if not indents or indents[-1] < indent:
        indents.append(indent)
    return len(indents) - 1


def _row(name: str, aside: str, text: str, level: int) -> list[str]:
    parts = [p.strip() for p in aside.split(",") if p.strip()]
    kind = next((p for p in parts if _type_of(p)), "")
    marks = [p for p in parts if p is not kind and vocab.read_required(p) is not None]
    rest = [p for p in parts if p is not kind and p not in marks]
    description = " ".join([*rest, text.strip()]).strip()
    return ["\u00a0\u00a0" * level + name, kind, marks[0] if marks else "", description]


def _type_of(aside: str) -> bool:
    return any(vocab.read_type(p.strip()) for p in aside.split(","))
