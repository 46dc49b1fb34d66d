"""What an importer recovers from a document: a draft API, plain and mutable while it is built.

Every fact keeps the document line it came from. What an importer could not decide goes into
``todos``: the writer prints each as a ``TODO:`` note in the draft spec, never as a silent guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Direction = str  # "request" | "response"


@dataclass
class DraftField:
    name: str
    line: int
    type: str = "string"  # a docbind field type
    doc: str = ""
    required: bool = False
    bytes: int | None = None
    chars: int | None = None
    minimum: int | float | None = None
    maximum: int | float | None = None
    places: int | None = None
    unitless: bool = False  # the length was written without a unit (read as characters)
    format: str | None = None
    codes: str | None = None  # name of a code table
    sensitive: bool = False
    example: str | None = None  # from an Example column, as written
    type_word: str = ""  # the type as the document wrote it, when docbind does not know it
    conditional: bool = False  # the document marks requiredness as conditional
    inline_codes: list[tuple[str, str]] = field(default_factory=list)  # (code, label) in the text
    fields: list[DraftField] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    todos: list[str] = field(default_factory=list)


@dataclass
class DraftCode:
    code: str
    label: str
    doc: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass
class DraftCodeTable:
    name: str  # PascalCase
    doc: str
    line: int
    field_hint: str | None = None  # the field the title names: "(reviseTypeCode)"
    values: list[DraftCode] = field(default_factory=list)
    todos: list[str] = field(default_factory=list)


@dataclass
class DraftError:
    http_status: int | None
    code: str
    message: str
    doc: str
    line: int


@dataclass
class DraftSample:
    direction: Direction
    payload: dict[str, Any]
    line: int


@dataclass
class DraftMessage:
    headers: list[DraftField] = field(default_factory=list)
    body: list[DraftField] = field(default_factory=list)
    query: list[DraftField] = field(default_factory=list)


@dataclass
class DraftOperation:
    summary: str = ""
    doc: str = ""
    method: str | None = None
    path: str | None = None
    url: str | None = None  # the URL as written, when the document gives a whole one
    content_type: str | None = None
    timeout: str | None = None
    request: DraftMessage = field(default_factory=DraftMessage)
    response: DraftMessage = field(default_factory=DraftMessage)
    samples: list[DraftSample] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    todos: list[str] = field(default_factory=list)

    def message(self, direction: Direction) -> DraftMessage:
        return self.request if direction == "request" else self.response


@dataclass
class DraftApi:
    document: str  # file name of the source document
    layout: str  # markdown | html | listing
    operation: DraftOperation = field(default_factory=DraftOperation)
    environments: list[tuple[str, str]] = field(default_factory=list)  # (label, base URL)
    codes: list[DraftCodeTable] = field(default_factory=list)
    errors: list[DraftError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    todos: list[str] = field(default_factory=list)

    def code_table(self, name: str) -> DraftCodeTable | None:
        return next((t for t in self.codes if t.name == name), None)


class DocumentError(Exception):
    """The document cannot be read as any known layout; the message says where and why."""
