"""Nesting as documents write it, and placing each row's field in the tree of its message.

A row says where its field sits in one of these ways: a path (``card.cardCode``,
``card[].cardCode``, ``card > cardCode``), a marker repeated per level (``└ cardCode``,
``ㄴ cardCode``, ``- cardCode``, ``→``), an indent (``&nbsp;&nbsp;cardCode``, leading spaces), or
a blank first column (the name stands one column to the right). A marked row belongs to the
nearest object or array above it that is one level up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docbind.importers.model import DraftField

# Box-drawing corners and bars (└ ┗ ╰ ├ ...), ㄴ, arrows, bullets and dashes.
_MARKERS = "\u2500-\u257f\u21b3\u21aa\u2192\u2937\u23bfㄴ+>·ㆍ\\-"
_MARK = re.compile(rf"^((?:[{_MARKERS}]\s*)+)")
_PATH_SPLIT = re.compile(r"\s*(?:\[\]|\[\d*\])?\s*(?:\.|>|/)\s*")


@dataclass
class NameCell:
    name: str
    depth: int = 0  # levels below the top, from markers, an indent or a blank first column
    path: list[str] = field(default_factory=list)  # the parents a dotted name gives
    columns: int = 1  # how many columns the name takes (the name column and blank ones after it)


def read_name(cell: str, column_depth: int = 0) -> NameCell:
    """The field name and where the cell says it sits."""
    text = cell.replace("\u3000", "\u00a0")
    indent = len(text) - len(text.lstrip("\u00a0 "))
    text = text.strip("\u00a0 ")
    depth = column_depth + indent // 2
    if m := _MARK.match(text):
        marks = re.sub(r"\s", "", m.group(1))
        depth += len(marks)
        text = text[m.end() :].strip()
    text = re.sub(r"\[\d*\]$", "", text)  # items[] names the array itself
    parts = [p for p in _PATH_SPLIT.split(text) if p]
    if len(parts) > 1 and all(re.fullmatch(r"[\w-]+(?:\[\d*\])?", p) for p in parts):
        return NameCell(parts[-1], depth, parts[:-1])
    return NameCell(text, depth)


class Placer:
    """Puts fields into the message's field list, tracking the open parents by level."""

    def __init__(self, top: list[DraftField]) -> None:
        self.top = top
        self.stack: list[DraftField] = []  # the open parents; stack[i] is at level i

    def place(self, cell: NameCell, new: DraftField) -> str | None:
        """Add the field; return a TODO when its parent cannot be found."""
        problem = None
        if cell.path:
            parent = find_path(self.top, cell.path)
            if parent is None:
                problem = f"its parent {'.'.join(cell.path)} is not in the table"
            target = parent.fields if parent is not None else self.top
            depth = len(cell.path) if parent is not None else 0
        elif cell.depth > 0 and self.stack:
            depth = min(cell.depth, len(self.stack))
            target = self.stack[depth - 1].fields
        else:
            depth, target = 0, self.top
            if cell.depth > 0:
                problem = "it is marked as nested, but no object or array comes before it"
        target.append(new)
        del self.stack[depth:]
        if new.type in ("object", "array"):
            self.stack.append(new)
        return problem


def find_path(fields: list[DraftField], path: list[str]) -> DraftField | None:
    found: DraftField | None = None
    for name in path:
        name = re.sub(r"\[\d*\]$", "", name)
        found = next(
            (f for f in reversed(fields) if f.name == name and f.type in ("object", "array")),
            None,
        )
        if found is None:
            return None
        fields = found.fields
    return found


def find_object(fields: list[DraftField], name: str) -> DraftField | None:
    """The object or array of that name anywhere in the tree (the last one, depth first)."""
    for f in reversed(fields):
        if f.type in ("object", "array"):
            if f.name == name:
                return f
            if (inner := find_object(f.fields, name)) is not None:
                return inner
    return None
