"""Independent readers of the two seed documents (deliberately not docbind's code), as
transcribed in tests/documents/ in the originals' layouts.

Each reader returns the document's facts per field: where it sits, its type as written, its
length, bounds, requiredness and code values. The test compares them with `docbind inspect`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

KM_TYPES = {"string", "number", "boolean", "object"}
KM_SECTIONS = {
    "Request Headers": "headers",
    "Request Parameters": "request.body",
    "Response Headers": "headers",
    "Response Parameters": "response.body",
}


@dataclass(frozen=True)
class DocField:
    location: str  # "request.body", "response.body" or "headers"
    path: tuple[str, ...]  # wire names from the top-level object down to the field
    doc_type: str  # as written: String, Number, Object, string, number, boolean, object
    length: int | None = None
    length_unit: str | None = None  # "bytes" for KICC's "NByte"; None when no unit is given
    minimum: str | None = None
    maximum: str | None = None
    required: bool = False
    codes: tuple[str, ...] = ()
    description: str = ""


def _cells(line: str) -> list[str]:
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _inline_codes(text: str) -> tuple[str, ...]:
    """Values a KICC description lists inline: "(Y/N)" or "('Y': Query)"."""
    if m := re.search(r"\((\w+(?:/\w+)+)\)", text):
        return tuple(m.group(1).split("/"))
    return tuple(re.findall(r"'(\w+)':", text))


def parse_kicc(text: str) -> list[DocField]:
    """Rows of every field table; a code table's values go to the field its title names."""
    fields: list[DocField] = []
    code_tables: dict[str, tuple[str, ...]] = {}
    direction, code_field = "", ""
    path: tuple[str, ...] = ()
    header: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if line in ("Request", "Response"):
            direction, code_field = line.lower(), ""
        elif line == "Parameters":
            path, code_field = (), ""
        elif m := re.fullmatch(r"([A-Za-z]+(?:\s*>\s*[A-Za-z]+)*)\s*\(.*\)", line):
            path, code_field = tuple(p.strip() for p in m.group(1).split(">")), ""
        elif m := re.fullmatch(r".*Codes \((\w+)\)", line):
            code_field = m.group(1)
        elif line.startswith("|---"):
            continue
        elif line.startswith("|"):
            cells = _cells(line)
            if cells[0] in ("Field Name", "Code", "Type"):
                header = cells
            elif code_field:
                # Rows of a merged "Type" cell leave it out: the cells shift left.
                missing = len(header) - len(cells)
                code = cells[header.index("Code") - missing]
                code_tables[code_field] = (*code_tables.get(code_field, ()), code)
            else:
                name, doc_type, rest = cells[0], cells[1], cells[2:]
                length = None
                if rest and (m := re.fullmatch(r"(\d+)Byte", rest[0])):
                    length, rest = int(m.group(1)), rest[1:]
                # A shifted row may hold "✅" or the description where Required belongs.
                required = bool(rest) and rest[0] == "✅"
                description = " ".join(c for c in rest if c != "✅")
                fields.append(
                    DocField(
                        location=f"{direction}.body",
                        path=(*path, name),
                        doc_type=doc_type,
                        length=length,
                        length_unit="bytes" if length is not None else None,
                        required=required,
                        codes=_inline_codes(description),
                        description=description,
                    )
                )
    return [replace(f, codes=f.codes + code_tables.get(f.path[-1], ())) for f in fields]


def parse_konaplate(text: str) -> list[DocField]:
    """Attribute blocks: name, type, Required/Optional, Length or Min/Max, description lines.

    The document lists every response field flat; the fields after the object `refundPolicy`
    (the last ones of the list) are read as its children.
    """
    lines = [line.strip() for line in text.splitlines()]
    fields: list[DocField] = []
    location = ""
    parent: tuple[str, ...] = ()
    i = 0
    while i < len(lines) and lines[i] != "Response Code":
        if lines[i] in KM_SECTIONS:
            location, parent = KM_SECTIONS[lines[i]], ()
        is_block = (
            i + 2 < len(lines)
            and lines[i + 1] in KM_TYPES
            and lines[i + 2] in ("Required", "Optional")
        )
        if not is_block:
            i += 1
            continue
        name, doc_type, required = lines[i], lines[i + 1], lines[i + 2] == "Required"
        i += 3
        length: int | None = None
        minimum: str | None = None
        maximum: str | None = None
        codes: list[str] = []
        description: list[str] = []
        while i < len(lines) and lines[i] not in KM_SECTIONS and lines[i] != "Response Code":
            if i + 1 < len(lines) and lines[i + 1] in KM_TYPES:
                break  # the next block starts
            if m := re.fullmatch(r"Length : (\d+)", lines[i]):
                length = int(m.group(1))
            elif m := re.fullmatch(r"Min : ([\d.]+) , Max : ([\d.]+)", lines[i]):
                minimum, maximum = m.group(1), m.group(2)
            elif m := re.fullmatch(r"- ([A-Z0-9]{1,4}) : .+", lines[i]):
                codes.append(m.group(1))
            else:
                description.append(lines[i])
            i += 1
        fields.append(
            DocField(
                location=location,
                path=(*parent, name),
                doc_type=doc_type,
                length=length,
                minimum=minimum,
                maximum=maximum,
                required=required,
                codes=tuple(codes),
                description="\n".join(description),
            )
        )
        if doc_type == "object":
            parent = (name,)
    return fields
