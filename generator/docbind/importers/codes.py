"""Code tables: read from ``Code | Service Name | Description`` tables or from a description's
inline values (``(Y/N)``, ``('Y': Query)``, ``- D : Not refundable``), and linked to the fields
they belong to."""

from __future__ import annotations

import re
from collections.abc import Iterator

from docbind.importers import vocab
from docbind.importers.blocks import Table
from docbind.importers.model import DraftApi, DraftCode, DraftCodeTable, DraftField
from docbind.importers.naming import code_table_name, pascal_from_text

_SEE_CODES = re.compile(r"\(See ([^)]*?Codes?)\)|\b(See [\w -]*?Codes?)\b", re.I)


def code_table_from_rows(block: Table, title: str, hint: str | None) -> DraftCodeTable:
    roles = [vocab.header_role(h) for h in block.header]
    if "code" in roles:  # a "Type" column next to a Code column groups rows; it is no type
        roles = ["group" if r == "type" else r for r in roles]
    plain_title = re.sub(r"(?i)\bcodes?\b", "", title)
    name = code_table_name(hint) if hint else pascal_from_text(plain_title, "Codes")
    table = DraftCodeTable(name, title, block.line, hint)
    group = ""
    for cells, line in zip(
        block.rows, block.row_lines or [block.line] * len(block.rows), strict=False
    ):
        missing = len(roles) - len(cells)
        if missing > 0 and "group" in roles and roles.index("group") == 0:
            cells = [group, *cells]  # a merged group cell: the row is shifted left
        cell = dict(zip(roles, cells, strict=False))
        group = cell.get("group") or group
        code = (cell.get("code") or "").strip()
        if not code:
            table.todos.append(f"Line {line}: a row without a code is left out.")
            continue
        value = DraftCode(code, cell.get("label") or "", cell.get("description") or "")
        if group and "group" in roles:
            value.notes.append(f"{block.header[roles.index('group')]}: {group}")
        table.values.append(value)
    return table


def walk(fields: list[DraftField]) -> Iterator[DraftField]:
    for f in fields:
        yield f
        yield from walk(f.fields)


def all_fields(api: DraftApi) -> Iterator[DraftField]:
    op = api.operation
    for message in (op.request, op.response):
        yield from walk(message.headers)
        yield from walk(message.body)


def attach_code_tables(api: DraftApi) -> None:
    """Link titled tables to their fields, then turn inline values into tables."""
    fields = list(all_fields(api))
    for f in fields:
        if f.type == "string" and not f.inline_codes:
            f.inline_codes = vocab.inline_codes(f.doc)
    for table in api.codes:
        linked = [f for f in fields if table.field_hint and f.name == table.field_hint]
        for f in linked:
            f.codes = table.name
        if not linked:
            table.todos.append(
                f"No field named {table.field_hint} uses this table; set `codes:` on the "
                "field it belongs to."
                if table.field_hint
                else "The document does not say which field uses this table; set `codes:` "
                "on the field it belongs to."
            )
    for f in fields:
        if f.codes is None and f.inline_codes:
            f.codes = _inline_table(api, f)
        elif f.codes is None and (m := _SEE_CODES.search(f.doc)):
            f.todos.append(
                f"The description refers to {(m.group(1) or m.group(2)).strip()}, "
                "which the document does not list: add a code table if the values "
                "are known."
            )


def _inline_table(api: DraftApi, f: DraftField) -> str:
    codes = [c for c, _ in f.inline_codes]
    name = "YesNo" if codes == ["Y", "N"] else code_table_name(f.name)
    existing = api.code_table(name)
    if existing is not None and [v.code for v in existing.values] == codes:
        return name
    if existing is not None:
        name = code_table_name(f.name) + "Values"
    labels = {"Y": "Yes", "N": "No"} if name == "YesNo" else {}
    table = DraftCodeTable(name, f"{f.name}: values given in its description", f.line, f.name)
    table.values = [DraftCode(c, label or labels.get(c, "")) for c, label in f.inline_codes]
    table.todos.append(
        f"Read from the description of {f.name} ({', '.join(codes)}); check "
        "that no other value is allowed."
    )
    api.codes.append(table)
    return name
