"""One row of a field table as a draft field: the cells read by what they hold, not only by
where they stand, because real documents shift cells (a description in the Length column, ``✅``
in the Length column, an empty Required cell dropped)."""

from __future__ import annotations

import re

from docbind.importers import vocab
from docbind.importers.model import DraftField
from docbind.importers.nesting import NameCell, read_name

_SYMBOL_MARKS = frozenset({"✅", "✓", "✔", "●", "○"})
_CONDITIONAL = re.compile(
    r"\brequired (?:for|if|when|only)\b|\(required\b|필수\s*\(|(?:인|일|한) 경우\s*필수|시\s*필수",
    re.I,
)
_DECIMAL = re.compile(r"^(?:n|num|number|numeric|decimal)\s*\(\s*(\d+)\s*,\s*(\d+)\s*\)$")
_NAME_BADGE = re.compile(r"^([\w.\-\[\]]+)\s+(required|optional|mandatory|필수|선택)$", re.I)
_MARK_WITH_CONDITION = re.compile(r"^(\S+)\s*\((.+)\)$")
_COLUMN_WORDS = {"length": "Length", "required": "Required", "description": "Description"}


def clean_name(cell: str) -> str:
    """The name without marks (backquotes, ``*``, ``[ENC]``, an aside); a leading indent of
    no-break spaces is kept, as it shows nesting."""
    indent = cell[: len(cell) - len(cell.lstrip("\u00a0"))]
    name = re.sub(r"[`*]|\[(?:enc|ENC)\]", "", cell).split("(")[0]
    return indent + name.strip(" \u00a0")


def _name_cell(roles: list[str | None], header: list[str], cells: list[str]) -> NameCell:
    """The name, and its nesting: a blank first column moves the name one column right
    (the name column's title spans the blank-titled columns after it)."""
    at = roles.index("name") if "name" in roles else 0
    span = at + 1
    while span < len(header) and (header[span] == header[at] or not header[span].strip()):
        span += 1  # blank titles, or the name's title repeated by a colspan
    names = cells[at:span]
    found = NameCell("")
    for offset, cell in enumerate(names):
        if cell.strip(" \u00a0"):
            repeated = offset == 0  # a colspan over the name columns repeats the name
            found = read_name(clean_name(cell), 0 if repeated else offset)
            break
    found.columns = span
    return found


def read_field_row(header: list[str], cells: list[str], line: int) -> tuple[NameCell, DraftField]:
    roles = [vocab.header_role(h) for h in header]
    name = _name_cell(roles, header, cells)
    type_at = roles.index("type") if "type" in roles else None
    field = DraftField(name.name, line)
    type_word = cells[type_at] if type_at is not None and type_at < len(cells) else ""
    if m := _DECIMAL.match(vocab.norm(type_word)):  # N(12,2): digits and decimal places
        type_word, field.places = "decimal", int(m.group(2))
    type_word, length = vocab.type_and_length(type_word)
    if length is not None:
        unit = vocab.header_unit(header[type_at]) if type_at is not None else None
        set_length(field, length[0], unit if unit and length[1] == "plain" else length[1])
    at = roles.index("name") if "name" in roles else 0
    skip = set(range(at, name.columns)) | {i for i, r in enumerate(roles) if r in ("type", "index")}
    _read_rest(field, header, cells, skip)
    if field.bytes is None and field.chars is None and (n := vocab.length_in_text(field.doc)):
        field.chars = n
    decide_type(field, type_word)
    if (m := _NAME_BADGE.match(name.name)) and "required" not in roles:
        name.name = field.name = m.group(1)  # `capture_id required`: a badge beside the name
        field.required = vocab.read_required(m.group(2)) is True
    return name, field


def _required_mark(title: str, role: str | None, cell: str) -> bool | None:
    if title and vocab.norm(title) in ("m/o", "m/o/c") and vocab.norm(cell) in ("m", "o"):
        return vocab.norm(cell) == "m"  # M/O: O is optional here, not a check mark
    if role == "required" or cell in _SYMBOL_MARKS:
        mark = vocab.read_required(cell)
        # Under an "Optional" title a yes mark (Y, O, ✅) means optional; a word says itself.
        if mark is not None and vocab.norm(title) in ("optional", "선택"):
            return not mark if vocab.norm(cell) not in ("required", "optional") else mark
        return mark
    return None


def _read_rest(field: DraftField, header: list[str], cells: list[str], skip: set[int]) -> None:
    """Length, requiredness and description from the cells after the type, whatever their order."""
    roles = [vocab.header_role(h) for h in header]
    described: list[str] = []
    shifted: list[str] = []
    required_seen = False
    for index in range(len(cells)):
        if index in skip:
            continue
        cell, role = cells[index], roles[index] if index < len(roles) else None
        title = header[index] if index < len(header) else ""
        length = vocab.read_length(cell) if cell and role in ("length", None) else None
        mark = _required_mark(title, role, cell)
        if role == "example":
            field.example = cell or None
            continue
        if role == "required" and (condition := _condition(cell)):  # Required (partial only)
            cell = condition[0]
            described.append(condition[1])
            if vocab.read_required(cell):
                field.conditional = required_seen = True
                continue
        if role == "required" and vocab.is_conditional(cell):
            field.conditional = required_seen = True
            continue
        if length is not None and field.bytes is None and field.chars is None:
            unit = vocab.header_unit(title)
            set_length(field, length[0], unit if unit and length[1] == "plain" else length[1])
            moved = False  # a length is only read from the Length column (or an unnamed one)
        elif mark is not None and cell:
            field.required, required_seen = mark, True
            moved = role not in ("required", None)
        elif mark is not None:
            continue  # an empty Required cell: optional
        else:
            described.append(cell)
            moved = bool(cell) and role in ("length", "required")
        if moved and role is not None:
            shifted.append(
                f"the {_COLUMN_WORDS.get(role, role)} column holds "
                f"{'✅' if cell in _SYMBOL_MARKS else repr(_short(cell))}"
            )
    field.doc = " ".join(dict.fromkeys(c for c in described if c))
    if shifted:
        verdict = "required" if field.required else "optional"
        field.notes.append(
            f"Shifted row in the document: {'; '.join(shifted)}. "
            f"Read as {verdict}{'' if required_seen else ' (no required mark)'}."
        )
    if field.conditional or _CONDITIONAL.search(field.doc):
        field.todos.append(
            "The document makes requiredness conditional; add required_when if a sibling "
            "field tells when, else keep the note."
        )


def _condition(cell: str) -> tuple[str, str] | None:
    """A requiredness mark with its condition in parentheses, split; None for anything else."""
    m = _MARK_WITH_CONDITION.match(cell)
    if m is None or vocab.read_required(m.group(1)) is None:
        return None
    return m.group(1), m.group(2)


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def set_length(field: DraftField, value: int, unit: str) -> None:
    """``bytes`` and ``chars`` as written; a unit-less length is read as characters (the
    caller says so once for the whole document)."""
    if unit == "bytes":
        field.bytes = value
    else:
        field.chars, field.unitless = value, unit == "plain"


def decide_type(field: DraftField, word: str) -> None:
    """Turn the documented type word into a docbind type, with a TODO where it is a reading."""
    kind = vocab.read_type(word) if word else None
    if kind is None:
        field.type, field.type_word = "string", word
        shown = repr(word) if word else "no type"
        field.todos.append(f"The document gives {shown} as the type; read as string. Check it.")
    elif kind == "number":
        _decide_number(field)
    elif kind == "string":
        _decide_string(field)
    else:
        field.type = kind
    if field.type not in ("string", "date", "datetime", "time") and (field.bytes or field.chars):
        length = field.bytes or field.chars
        field.bytes = field.chars = None
        field.todos.append(
            f"The document gives a length of {length} for "
            f"{'an' if field.type[0] in 'aeiou' else 'a'} {field.type} field; "
            "docbind cannot limit its length. Add min/max if they are meant."
        )


def _decide_number(field: DraftField) -> None:
    if vocab.date_format(field.doc) is not None:  # a date written in digits: N(8) yyyyMMdd
        _decide_string(field)
        return
    places = vocab.one_decimal_place(field.doc)
    if places is not None:
        field.type, field.places = "decimal", places
        return
    field.type = "integer"
    field.todos.append(
        "Typed Number with no decimal places given: read as integer. Use "
        "type: decimal with places if fractional values occur."
    )


def _decide_string(field: DraftField) -> None:
    pattern = vocab.date_format(field.doc)
    if pattern is None:
        field.type = "string"
        return
    field.type, field.format = vocab.date_type(pattern), pattern
    length = field.bytes or field.chars
    if length is not None and len(pattern) > length:
        field.bytes = field.chars = None
        field.todos.append(
            f"The format {pattern} is longer than the documented length "
            f"{length}; the length is left out. Check which is right."
        )
    elif length is not None and len(pattern) != length:
        field.todos.append(
            f"The format {pattern} has {len(pattern)} characters but the "
            f"documented length is {length}. Check which is right."
        )
