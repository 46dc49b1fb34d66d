"""The one-attribute-per-line listing: a documentation page pasted as text, one line per cell.

A field is ``name`` / ``type`` / ``Required`` or ``Optional`` (KONA PLATE), or ``name`` / ``*``
(when mandatory) / ``type`` with no requiredness line at all (as API reference pages paste),
followed by its attribute lines (``Length : 20``, ``Min : 0 , Max : 99``,
``- Format : yyyyMMddHHmmssSSS``, ``- D : Not refundable``, or ``normal: ...`` lines after a line
ending in ``:``) and description lines. Sections are ``Request Headers``, ``Path Parameters``,
``Request Parameters``, ``Response Headers``, ``Response Parameters`` and ``Response Code`` /
``Errors`` (error blocks of status / ``Error code`` / code / ``Message`` / text /
``Description`` / text, or ``status | code | message`` lines).
"""

from __future__ import annotations

import re

from docbind.importers import vocab
from docbind.importers.codes import attach_code_tables
from docbind.importers.endpoints import METHODS, path_template, sample_host
from docbind.importers.model import DraftApi, DraftError, DraftField
from docbind.importers.rows import decide_type, set_length
from docbind.ir.names import words

SECTIONS = {
    "request headers": ("request", "headers"),
    "request parameters": ("request", "body"),
    "path parameters": ("request", "body"),  # the writer moves them to the path by name
    "query parameters": ("request", "query"),
    "response headers": ("response", "headers"),
    "response parameters": ("response", "body"),
    "요청 헤더": ("request", "headers"),
    "요청 파라미터": ("request", "body"),
    "응답 헤더": ("response", "headers"),
    "응답 파라미터": ("response", "body"),
}
ERROR_SECTIONS = frozenset(
    {"response code", "error code", "error codes", "errors", "응답 코드", "에러 코드"}
)
_TYPES = frozenset({"string", "number", "integer", "boolean", "object", "array"})
_REQ = {"required": True, "optional": False, "필수": True, "선택": False}
_MARKS = {**_REQ, "*": True, "mandatory": True}  # a line between the name and the type
_MIN_MAX = re.compile(r"^min\s*:\s*(-?[\d.]+)\s*,\s*max\s*:\s*(-?[\d.]+)$", re.I)
_CODE_LINE = re.compile(r"^-\s*([A-Z0-9][A-Z0-9_]{0,7})\s*:\s*(.+)$")
_LISTED_CODE = re.compile(r"^-?\s*([A-Za-z0-9][\w.]{0,23})\s*:\s*(.+)$")  # after "values:"
_ERROR_ROW = re.compile(r"^(\d{3})\s*\|\s*([^|]+?)\s*\|\s*(.+)$")
_FORMAT_LINE = re.compile(r"^-?\s*(?:format|form)\s*:\s*(\S+)", re.I)


def looks_like_listing(lines: list[str]) -> bool:
    if any(line.startswith("|") or "\t" in line for line in lines):
        return False  # pipe or tab tables: the Markdown reader's
    return sum(1 for i in range(len(lines) - 2) if _is_field_start(lines, i)) >= 3


def _field_head(lines: list[str], i: int) -> tuple[str, bool, int] | None:
    """The type word, requiredness and the index after them, when a field starts at line i."""
    if not re.fullmatch(r"[\w.\-]+", lines[i]) or lines[i].lower() in _TYPES:
        return None
    j, required = i + 1, None
    if j < len(lines) and lines[j].lower() in _MARKS:
        required, j = _MARKS[lines[j].lower()], j + 1
    if j >= len(lines) or lines[j].lower() not in _TYPES:
        return None
    type_word, j = lines[j], j + 1
    if required is None and j < len(lines) and lines[j].lower() in _REQ:
        required, j = _REQ[lines[j].lower()], j + 1
    return type_word, bool(required), j


def _is_field_start(lines: list[str], i: int) -> bool:
    return vocab.norm(lines[i]) not in SECTIONS and _field_head(lines, i) is not None


def read_listing(text: str, api: DraftApi) -> DraftApi:
    lines = [line.strip() for line in text.splitlines()]
    i = 0
    section: tuple[str, str] | None = None
    while i < len(lines):
        key = vocab.norm(lines[i])
        if key in SECTIONS:
            section, i = SECTIONS[key], i + 1
        elif key in ERROR_SECTIONS:
            i = read_errors(lines, i + 1, api)
        elif section is not None and _is_field_start(lines, i):
            i = _read_field(lines, i, api, section)
        else:
            _prose(lines[i], i + 1, api, section)
            i += 1
    _nest_after_objects(api)
    attach_code_tables(api)
    return api


def _read_field(lines: list[str], i: int, api: DraftApi, section: tuple[str, str]) -> int:
    type_word, required, j = _field_head(lines, i) or ("", False, i + 1)
    field = DraftField(lines[i], i + 1, required=required)
    doc: list[str] = []
    while (
        j < len(lines)
        and lines[j]
        and not _is_field_start(lines, j)
        and vocab.norm(lines[j]) not in SECTIONS
        and vocab.norm(lines[j]) not in ERROR_SECTIONS
    ):
        _attribute(lines[j], field, doc)
        j += 1
    field.doc = "\n".join(doc)
    decide_type(field, type_word)
    message = api.operation.message(section[0])
    parts = {"headers": message.headers, "query": message.query}
    parts.get(section[1], message.body).append(field)
    return j


def _attribute(line: str, field: DraftField, doc: list[str]) -> None:
    if (length := vocab.read_length(line)) is not None and line.lower().startswith("length"):
        set_length(field, *length)
    elif m := _MIN_MAX.match(line):
        field.minimum, field.maximum = _number(m.group(1)), _number(m.group(2))
    elif (m := _CODE_LINE.match(line)) or (
        (m := _LISTED_CODE.match(line)) and doc and (doc[-1].endswith(":") or field.inline_codes)
    ):
        field.inline_codes.append((m.group(1), m.group(2).strip()))
        doc.append(line)
    elif (m := _FORMAT_LINE.match(line)) and vocab.date_format(m.group(1)) is None:
        field.todos.append(
            f"The document gives the form {m.group(1)}: add a `pattern` (and "
            "`exact: true` if the form fixes the length)."
        )
        doc.append(line)
    else:
        doc.append(line)


def _number(text: str) -> int | float:
    return float(text) if "." in text else int(text)


def _prose(line: str, number: int, api: DraftApi, section: tuple[str, str] | None) -> None:
    op = api.operation
    if not line or section is not None:
        if line and section is not None:
            op.notes.append(line)
        return
    if sample_host(line, api):
        return
    if line.startswith("/") and op.path is None:
        op.path = path_template(line)
    elif re.fullmatch(METHODS, line) and op.method is None:
        op.method = line
    elif m := re.match(r"^(GET|POST|PUT|PATCH|DELETE)\s+(/\S*)$", line):
        op.method, op.path = m.group(1), m.group(2)
    elif line.lower().startswith("version"):
        if line not in op.notes:
            op.notes.append(line)
    elif op.path is None:  # the last line before the path names the operation
        op.summary = re.sub(r"(?<=[a-z])(Sync|Async)$", r" (\1)", line)
    else:
        op.notes.append(line)


def read_errors(lines: list[str], i: int, api: DraftApi) -> int:
    """Blocks of status / ``Error code`` / code / ``Message`` / text / ``Description`` / text."""
    while i < len(lines):
        if (
            re.fullmatch(r"\d{3}", lines[i])
            and i + 2 < len(lines)
            and vocab.norm(lines[i + 1]) == "error code"
        ):
            status, code, i = int(lines[i]), lines[i + 2], i + 3
            texts: dict[str, str] = {}
            while i + 1 < len(lines) and vocab.norm(lines[i]) in ("message", "description"):
                texts[vocab.norm(lines[i])], i = lines[i + 1], i + 2
            api.errors.append(
                DraftError(status, code, texts.get("message", ""), texts.get("description", ""), i)
            )
        elif m := _ERROR_ROW.match(lines[i]):  # 400 | BAD_REQUEST_ERROR | The amount ...
            api.errors.append(DraftError(int(m.group(1)), m.group(2), m.group(3), "", i + 1))
            i += 1
        elif vocab.norm(lines[i]) in ("test data", "sample", "example"):
            return i
        else:
            if lines[i]:
                api.notes.append(f"Response Code: {lines[i]}")
            i += 1
    return i


def _nest_after_objects(api: DraftApi) -> None:
    """A flat list cannot show nesting: the fields right after an object whose names share a word
    with the object's name (``refundPolicy`` → ``refundMonthlyCount``) are read as its children,
    with a TODO; a field sharing none ends the run, so unrelated fields stay at the top."""
    for message in (api.operation.request, api.operation.response):
        body, moved = message.body, set[int]()
        for at in [n for n, f in enumerate(body) if f.type == "object" and not f.fields]:
            parent = body[at]
            end = at + 1
            while end < len(body) and _shares_a_word(parent.name, body[end].name):
                end += 1
            children = [f for f in body[at + 1 : end] if id(f) not in moved]
            if not children:
                continue
            parent.fields = children
            moved |= {id(f) for f in children}
            parent.todos.append(
                f"The document lists every field in one flat list; the {len(children)} fields "
                f"after {parent.name} ({children[0].name} to {children[-1].name}) are read as its "
                "children, as their names share a word with it. Move any that belong elsewhere."
            )
        message.body = [f for f in body if id(f) not in moved]


def _shares_a_word(parent: str, name: str) -> bool:
    return bool(set(words(parent)) & set(words(name)))
