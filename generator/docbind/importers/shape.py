"""A field table's columns and rows as documents lay them out, put into the form ``rows`` reads.

Each rule reads the whole table, because one cell alone cannot tell:

- Two name columns (a label ``항목명`` and the wire name ``필드명``): the one whose cells are
  identifiers is the name; the other is a label, read into the description.
- A Required column holding only ``M``/``O``/``C``: there ``O`` means optional (as under an
  ``M/O`` title), not a check mark.
- An encryption column (``암호화``, ``Encrypted``): a yes mark there says the value is encrypted.
- ``(object)`` rows in a table with no other nesting: the rows after one are its fields, up to
  the next ``(object)`` row (a PDF area such as ``params`` / ``data`` with its fields listed flat).
"""

from __future__ import annotations

import re

from docbind.importers import vocab

_IDENTIFIER = re.compile(r"[A-Za-z_$][\w$.\-\[\]]*")
_GROUP_TYPE = re.compile(r"^\(\s*(object|array)\s*\)$", re.I)
_ENCRYPTION_TITLES = frozenset({"암호화", "암호화 여부", "encrypted", "encryption", "enc"})
_MOC = frozenset({"m", "o", "c", "-", ""})


def shape_table(header: list[str], rows: list[list[str]]) -> list[str]:
    """The header to read the table with; the rows are adjusted in place."""
    header = list(header)
    roles = [vocab.header_role(h) for h in header]
    _one_name_column(header, roles, rows)
    for index, title in enumerate(header):
        column = [r[index] for r in rows if index < len(r)]
        if roles[index] == "required" and _moc_only(column):
            header[index] = "M/O/C"
        elif vocab.norm(title) in _ENCRYPTION_TITLES:
            header[index] = "encryption"
            for r in rows:
                if index < len(r):
                    r[index] = "(암호화)" if vocab.read_required(r[index]) and r[index] else ""
    if "type" in roles:
        _group_rows(roles.index("type"), roles, rows)
    return header


def _one_name_column(header: list[str], roles: list[str | None], rows: list[list[str]]) -> None:
    names = [i for i, r in enumerate(roles) if r == "name"]
    if len(names) < 2:
        return

    def identifiers(index: int) -> int:
        cells = [r[index].strip(" \u00a0") for r in rows if index < len(r) and r[index].strip()]
        return sum(1 for c in cells if _IDENTIFIER.fullmatch(c))

    keep = max(names, key=identifiers)
    for index in names:
        if index != keep and identifiers(index) * 2 < identifiers(keep):
            header[index], roles[index] = "label", "label"


def _moc_only(column: list[str]) -> bool:
    values = {vocab.norm(c) for c in column}
    return "m" in values and "o" in values and values <= _MOC


def _group_rows(type_at: int, roles: list[str | None], rows: list[list[str]]) -> None:
    groups = [r for r in rows if type_at < len(r) and _GROUP_TYPE.match(r[type_at].strip())]
    if not groups:
        return
    name_at = roles.index("name") if "name" in roles else 0
    inside = False
    for r in rows:
        if type_at < len(r) and (m := _GROUP_TYPE.match(r[type_at].strip())):
            r[type_at], inside = m.group(1), True
        elif inside and name_at < len(r) and r[name_at].strip():
            r[name_at] = "\u00a0\u00a0" + r[name_at]
