"""Read a document made of blocks (Markdown pipe tables or HTML tables) into a draft API.

The walk keeps a little state, as a reader does: which direction (Request / Response) and which
object (``refundInfo (Refund Account Info)``, ``reviseInfo > refundInfo (...)``) the next table
belongs to, and the title of the next code table (``Change Type Codes (reviseTypeCode)``).
"""

from __future__ import annotations

import re

from docbind.importers import vocab
from docbind.importers.blocks import BadJson, Block, JsonSample, Line, Table
from docbind.importers.codes import attach_code_tables, code_table_from_rows
from docbind.importers.model import DraftApi, DraftError, DraftField, DraftSample
from docbind.importers.rows import read_field_row

_DIRECTIONS = {
    "request": ("request", "body"),
    "request parameters": ("request", "body"),
    "request body": ("request", "body"),
    "request headers": ("request", "headers"),
    "response": ("response", "body"),
    "response parameters": ("response", "body"),
    "response body": ("response", "body"),
    "response headers": ("response", "headers"),
    "요청": ("request", "body"),
    "요청 파라미터": ("request", "body"),
    "요청 헤더": ("request", "headers"),
    "응답": ("response", "body"),
    "응답 파라미터": ("response", "body"),
    "응답 헤더": ("response", "headers"),
}
_SECTION_WORDS = frozenset({"parameters", "parameter", "파라미터", "body", "fields"})
_ENDPOINT = re.compile(r"^(GET|POST|PUT|PATCH|DELETE)\s+((?:https?://|/)\S*(?:\{[^}]*\}\S*)*)$")
_SIGNING = re.compile(r"hmac|sha-?256|signature|서명", re.I)
_CONTENT_TYPE = re.compile(r"^content-type\s*:\s*(.+)$", re.I)
_TIMEOUT = re.compile(r"timeout.*?\b(\d+)\s*(seconds?|secs?|s|초)\b", re.I)
_OBJECT_HEADING = re.compile(r"^([A-Za-z_]\w*(?:\s*>\s*[A-Za-z_]\w*)*)\s*\((.+)\)$")
_CODE_TITLE = re.compile(r"^(.*?(?:codes?|코드).*?)\s*\((\w+)\)$", re.I)


class TableReader:
    def __init__(self, api: DraftApi) -> None:
        self.api = api
        self.op = api.operation
        self.direction: str | None = None
        self.section = "body"
        self.path: list[str] = []
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

    def line(self, block: Line) -> None:
        text, key = block.text, vocab.norm(block.text)
        self.last_line = text
        if key in _DIRECTIONS:
            (self.direction, self.section), self.path = _DIRECTIONS[key], []
        elif key in _SECTION_WORDS:
            self.path, self.code_title = [], None
        elif m := _ENDPOINT.match(text):
            self.endpoint(m.group(1), m.group(2))
        elif m := _CONTENT_TYPE.match(text):
            self.op.content_type = m.group(1).strip()
        elif (m := _OBJECT_HEADING.match(text)) and self.find_object(m.group(1)) is not None:
            self.path, self.code_title = [p.strip() for p in m.group(1).split(">")], None
        elif m := _CODE_TITLE.match(text):
            self.code_title = (text, m.group(2))
        else:
            self.prose(text)

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
        if "idempoten" in text.lower():
            self.op.todos.append(
                "The document mentions idempotency: set idempotency_key to the "
                "request field that makes a repeat safe."
            )

    def endpoint(self, method: str, url: str) -> None:
        self.op.method = method
        if url.startswith("/"):
            self.op.path = url
            return
        self.op.url = url
        match = re.match(r"^https?://[^/]*(/.*)?$", url)
        self.op.path = match.group(1) if match and match.group(1) else "/"

    def find_object(self, heading: str) -> DraftField | None:
        names = [p.strip() for p in heading.split(">")]
        fields = self.op.message(self.direction or "request").body
        found: DraftField | None = None
        for name in names:
            found = next((f for f in fields if f.name == name and f.type == "object"), None)
            if found is None:
                return None
            fields = found.fields
        return found

    def table(self, block: Table) -> None:
        roles = {vocab.header_role(h) for h in block.header}
        if "name" in roles and roles & {"type", "length", "required"}:
            self.field_table(block)
        elif "status" in roles and "message" in roles:
            self.error_table(block, [vocab.header_role(h) for h in block.header])
        elif "code" in roles:
            title, hint = self.code_title or (self.last_line, None)
            self.api.codes.append(code_table_from_rows(block, title, hint))
            self.code_title = None
        else:
            self.api.todos.append(
                f"Line {block.line}: a table with the columns "
                f"{' | '.join(block.header)} was not understood; it is left out."
            )

    def field_table(self, block: Table) -> None:
        if self.direction is None:
            self.api.todos.append(
                f"Line {block.line}: a field table before any Request or "
                "Response heading; read as request fields. Check it."
            )
        message = self.op.message(self.direction or "request")
        target = message.headers if self.section == "headers" else message.body
        if self.path:
            parent = self.find_object(" > ".join(self.path))
            target = parent.fields if parent is not None else target
        for cells, line in zip(
            block.rows, block.row_lines or [block.line] * len(block.rows), strict=False
        ):
            if cells and any(cells):
                target.append(read_field_row(block.header, cells, line))

    def error_table(self, block: Table, roles: list[str | None]) -> None:
        for cells, line in zip(block.rows, block.row_lines, strict=False):
            cell = dict(zip(roles, cells, strict=False))
            status = (cell.get("status") or "").strip()
            self.api.errors.append(
                DraftError(
                    int(status) if status.isdigit() else None,
                    (cell.get("code") or "").strip(),
                    cell.get("message") or "",
                    cell.get("description") or "",
                    line,
                )
            )

    def sample(self, block: JsonSample) -> None:
        if self.direction is None:
            self.api.todos.append(
                f"Line {block.line}: a JSON sample before any Request or "
                "Response heading is left out."
            )
            return
        self.op.samples.append(DraftSample(self.direction, block.payload, block.line))
