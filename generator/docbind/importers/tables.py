"""Read a document made of blocks (Markdown pipe tables, tab-separated tables or HTML tables) into a
draft API.

The walk keeps a little state, as a reader does: which message (request / response) and part
(headers, path, query, body) the next table belongs to (``headings``), which object a sub-table
fills (a heading naming an object above: ``amount``, ``reviseInfo > refundInfo (...)``), whether
the next table lists an encrypted field's contents, and the title of the next code table.
"""

from __future__ import annotations

import re

from docbind.importers import vocab
from docbind.importers.blocks import BadJson, Block, JsonSample, Line, Table
from docbind.importers.codes import attach_code_tables, code_table_from_rows
from docbind.importers.endpoints import endpoint_from_table, read_endpoint
from docbind.importers.errors import error_rows, is_error_table
from docbind.importers.headings import bare, read_heading, read_payload_heading
from docbind.importers.model import DraftApi, DraftField, DraftSample
from docbind.importers.named_types import make_objects, share_fields, typed_as
from docbind.importers.nesting import Placer, find_object
from docbind.importers.rows import read_field_row
from docbind.importers.shape import shape_table

_SIGNING = re.compile(r"hmac|sha-?256|sha-?512|signature|서명", re.I)
_CONTENT_TYPE = re.compile(r"^content-type\s*:\s*(.+)$", re.I)
_TIMEOUT = re.compile(r"timeout.*?\b(\d+)\s*(seconds?|secs?|s|초)\b", re.I)
_OBJECT_HEADING = re.compile(r"^(?:the\s+)?`?([A-Za-z_][\w.]*(?:\s*>\s*[A-Za-z_]\w*)*)`?(?:\s|$)")
_CODE_TITLE = re.compile(r"^(.*?(?:codes?|코드).*?)\s*\((\w+)\)$", re.I)


def _urls_only(block: Table) -> bool:
    """A two-column table of environments (a label and a URL on every row), or of keys and
    values whose keys name the method or the URL (``Method | POST``, ``URL | https://...``)."""
    rows = [block.header, *block.rows]
    if all(len(r) == 2 and re.match(r"https?://", r[1].strip()) for r in rows):
        return True
    keys = {vocab.header_role(r[0]) for r in rows if len(r) == 2}
    return {"method", "url"} <= keys


class TableReader:
    def __init__(self, api: DraftApi) -> None:
        self.api = api
        self.op = api.operation
        self.direction: str | None = None
        self.part = "body"
        self.parent: DraftField | None = None  # the object a sub-table fills
        self.typed: list[DraftField] = []  # the fields typed by the name the sub-table has
        self.payload: DraftField | None = None  # the encrypted field the next table unpacks
        self.errors_heading = ""
        self.code_title: tuple[str, str | None] | None = None
        self.last_line = ""

    def read(self, blocks: list[Block]) -> DraftApi:
        for block in blocks:
            if isinstance(block, Line):
                self.line(block)
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, JsonSample):
                self.sample(block)
            elif isinstance(block, BadJson):
                self.api.todos.append(
                    f"Line {block.line}: a JSON sample could not be read "
                    f"({block.error}); it is left out."
                )
        attach_code_tables(self.api)
        return self.api

    def fields(self) -> list[DraftField]:
        message = self.op.message(self.direction or "request")
        return {"headers": message.headers, "query": message.query}.get(self.part, message.body)

    def line(self, block: Line) -> None:
        text = block.text
        self.last_line = text
        heading = read_heading(text)
        if heading is not None and heading.kind == "section":
            self.direction = heading.direction or self.direction
            self.part, self.parent, self.payload = heading.part, None, None
            self.typed = []
            self.errors_heading, self.code_title = "", None
        elif heading is not None:
            self.errors_heading, self.payload = text, None
        elif (target := self.payload_target(text)) is not None:
            self.payload = target
        elif read_endpoint(text, self.api):
            return
        elif m := _CONTENT_TYPE.match(text):
            self.op.content_type = m.group(1).strip()
        elif (parent := self.object_heading(text)) is not None:
            self.parent, self.code_title, self.payload = parent, None, None
        elif typed := typed_as(self.fields(), text):
            make_objects(typed, text.strip("` "), block.line)
            self.parent, self.typed, self.code_title, self.payload = typed[0], typed, None, None
        elif m := _CODE_TITLE.match(text):
            self.code_title = (text, m.group(2))
        else:
            self.prose(text)

    def payload_target(self, text: str) -> DraftField | None:
        names = {f.name: f for f in self.fields()}
        heading = read_payload_heading(text, set(names))
        return names[heading.target] if heading is not None else None

    def object_heading(self, text: str) -> DraftField | None:
        m = _OBJECT_HEADING.match(bare(text))
        if m is None or len(bare(text).split()) > 4:
            return None
        names = [p.strip() for p in re.split(r"\s*>\s*|\.", m.group(1))]
        found: DraftField | None = None
        fields = self.fields()
        for name in names:
            found = find_object(fields, name)
            if found is None:
                return None
            fields = found.fields
        return found

    def prose(self, text: str) -> None:
        if m := _TIMEOUT.search(text):
            self.op.timeout = f"{m.group(1)}s"
        if self.direction is None and not self.op.summary:
            self.op.summary = text
        elif self.direction is None and not self.op.doc:
            self.op.doc = text
        else:
            self.op.notes.append(text)
        if _SIGNING.search(text) and not any("signing recipe" in t for t in self.op.todos):
            self.op.todos.append(
                "The document describes a signing recipe (see the notes): add a "
                "signer to api.yaml (key, output encoding) and set computed: "
                "signature(NAME) on the field that carries it."
            )
        if "idempoten" in text.lower() or "멱등" in text:
            self.op.todos.append(
                "The document mentions idempotency: set idempotency_key to the "
                "request field that makes a repeat safe."
            )

    def table(self, block: Table) -> None:
        roles = [vocab.header_role(h) for h in block.header]
        if self.payload is not None and "name" in roles:
            self.payload_table(block, self.payload)
        elif "name" not in roles and ({"method", "url"} & set(roles) or _urls_only(block)):
            endpoint_from_table(block.header, block.rows, self.api)
        elif "name" in roles and {"type", "length", "required", "description"} & set(roles):
            self.field_table(block)
        elif is_error_table(roles, block.rows, self.errors_heading):
            error_rows(block, roles, self.api)
        elif "code" in roles:
            title, hint = self.code_title or (self.last_line, None)
            self.api.codes.append(code_table_from_rows(block, title, hint))
            self.code_title = None
        else:
            self.api.todos.append(
                f"Line {block.line}: a table with the columns "
                f"{' | '.join(h for h in block.header if h) or '(none)'} was not understood; "
                "it is left out."
            )

    def payload_table(self, block: Table, target: DraftField) -> None:
        names = [n for n in (read_field_row(block.header, c, 0)[0].name for c in block.rows) if n]
        target.sensitive = True
        target.todos.append(
            f"The document lists the values {target.name} carries encrypted "
            f"({', '.join(dict.fromkeys(names)) or 'no names'}; line {block.line}): they are "
            f"not fields of their own. {target.name} is built from them and encrypted as the "
            "document says; docbind does neither."
        )
        self.payload = None

    def field_table(self, block: Table) -> None:
        if self.direction is None:
            self.api.todos.append(
                f"Line {block.line}: a field table with no Request or Response heading before "
                "it; read as request fields. Check it."
            )
        top = self.parent.fields if self.parent is not None else self.fields()
        placer = Placer(top)
        block.header = shape_table(block.header, block.rows)
        for cells, line in zip(
            block.rows, block.row_lines or [block.line] * len(block.rows), strict=False
        ):
            if not any(cells):
                continue
            if len(cells) >= 3 and len({c for c in cells if c}) == 1:
                self.op.notes.append(f"Line {line}: {cells[0]}")  # a group row spanning the table
                continue
            name, field = read_field_row(block.header, cells, line)
            if self.part == "headers" and field.name.lower() == "content-type":
                self.content_type_row(field)
                continue
            if not field.name:
                self.api.todos.append(f"Line {line}: a row without a field name is left out.")
                continue
            if (problem := placer.place(name, field)) is not None:
                field.todos.append(f"Placed at the top level: {problem}.")
        share_fields(self.typed)
        self.typed = []

    def content_type_row(self, field: DraftField) -> None:
        """The client sends Content-Type from the operation's content_type, not as a field."""
        mime = re.search(r"\b[a-z]+/[\w.+-]+(?:\s*;\s*charset=[\w-]+)?", field.doc, re.I)
        if mime and self.direction != "response" and self.op.content_type is None:
            self.op.content_type = mime.group(0)
        elif not mime:
            self.op.notes.append(f"Line {field.line}: Content-Type header: {field.doc}")

    def sample(self, block: JsonSample) -> None:
        if self.direction is None:
            self.api.todos.append(
                f"Line {block.line}: a JSON sample before any Request or "
                "Response heading is left out."
            )
            return
        self.op.samples.append(DraftSample(self.direction, block.payload, block.line))
