"""Types a document names and describes in a table of their own.

``amount_money | Money | Required`` and, further down, a table under the heading ``Money``: the
fields typed ``Money`` are objects with that table's fields (each its own copy).
"""

from __future__ import annotations

import copy
import re

from docbind.importers.model import DraftField

_TYPE_NAME = re.compile(r"^`?([A-Z][A-Za-z0-9_]*)`?(?:\s+(?:object|type))?$")


def typed_as(fields: list[DraftField], heading: str) -> list[DraftField]:
    """The fields (at any depth) whose unknown documented type is the heading's name."""
    m = _TYPE_NAME.match(heading.strip())
    if m is None:
        return []
    found: list[DraftField] = []

    def walk(level: list[DraftField]) -> None:
        for f in level:
            if f.type_word and f.type_word.strip("` ") == m.group(1):
                found.append(f)
            walk(f.fields)

    walk(fields)
    return found


def make_objects(targets: list[DraftField], name: str, line: int) -> None:
    """Turn the targets into objects; their fields come from the table that follows."""
    for f in targets:
        f.type, f.type_word = "object", ""
        f.todos = [t for t in f.todos if "as the type; read as string" not in t]
        f.notes.append(
            f"Typed {name} in the document: the fields of the {name} table (line {line})."
        )


def share_fields(targets: list[DraftField]) -> None:
    """Every target gets its own copy of the fields the table gave the first one."""
    for f in targets[1:]:
        f.fields = copy.deepcopy(targets[0].fields)
