"""The one-attribute-per-line listing of the KONA PLATE document.

A field is three lines, ``name`` / ``type`` / ``Required`` or ``Optional``, followed by its
attribute lines (``Length : 20``, ``Min : 0 , Max : 99``, ``- Format : yyyyMMddHHmmssSSS``,
``- D : Not refundable``) and description lines. Sections are ``Request Headers``,
``Request Parameters``, ``Response Headers``, ``Response Parameters`` and ``Response Code`` (error
blocks of status / ``Error code`` / code / ``Message`` / text / ``Description`` / text).
"""

from __future__ import annotations

import re

from docbind.importers import vocab
from docbind.importers.codes import attach_code_tables
from docbind.importers.model import DraftApi, DraftError, DraftField
from docbind.importers.rows import decide_type, set_length

SECTIONS = {
    "request headers": ("request", "headers"),
    "request parameters": ("request", "body"),
    "response headers": ("response", "headers"),
    "response parameters": ("response", "body"),
    "요청 헤더": ("request", "headers"),
    "요청 파라미터": ("request", "body"),
    "응답 헤더": ("response", "headers"),
    "응답 파라미터": ("response", "body"),
}
ERROR_SECTIONS = frozenset({"response code", "error code", "error codes", "응답 코드", "에러 코드"})
_TYPES = frozenset({"string", "number", "integer", "boolean", "object", "array"})
_REQ = {"required": True, "optional": False, "필수": True, "선택": False}
_MIN_MAX = re.compile(r"^min\s*:\s*(-?[\d.]+)\s*,\s*max\s*:\s*(-?[\d.]+)$", re.I)
_CODE_LINE = re.compile(r"^-\s*([A-Z0-9][A-Z0-9_]{0,7})\s*:\s*(.+)$")
_FORMAT_LINE = re.compile(r"^-?\s*(?:format|form)\s*:\s*(\S+)", re.I)


def looks_like_listing(lines: list[str]) -> bool:
    return sum(1 for i in range(len(lines) - 2) if _is_field_start(lines, i)) >= 2


def _is_field_start(lines: list[str], i: int) -> bool:
    return (
        i + 2 < len(lines)
        and lines[i + 1].lower() in _TYPES
        and lines[i + 2].lower() in _REQ
        and bool(re.fullmatch(r"[\w.\-]+", lines[i]))
    )


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
    field = DraftField(lines[i], i + 1, required=_REQ[lines[i + 2].lower()])
    type_word, j = lines[i + 1], i + 3
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
    (message.headers if section[1] == "headers" else message.body).append(field)
    return j


def _attribute(line: str, field: DraftField, doc: list[str]) -> None:
    if (length := vocab.read_length(line)) is not None and line.lower().startswith("length"):
        set_length(field, *length)
    elif m := _MIN_MAX.match(line):
        field.minimum, field.maximum = _number(m.group(1)), _number(m.group(2))
    elif m := _CODE_LINE.match(line):
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
    if line.startswith("/") and op.path is None:
        op.path = line
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
        elif vocab.norm(lines[i]) in ("test data", "sample", "example"):
            return i
        else:
            if lines[i]:
                api.notes.append(f"Response Code: {lines[i]}")
            i += 1
    return i


def _nest_after_objects(api: DraftApi) -> None:
    """A flat list cannot show nesting: the fields after an object are read as its children."""
    for message in (api.operation.request, api.operation.response):
        body = message.body
        at = next((n for n, f in enumerate(body) if f.type == "object" and not f.fields), None)
        if at is None or at == len(body) - 1:
            continue
        parent, children = body[at], body[at + 1 :]
        parent.fields, message.body = children, body[: at + 1]
        parent.todos.append(
            f"The document lists every field in one flat list; the {len(children)} fields after "
            f"{parent.name} ({children[0].name} to {children[-1].name}) are read as its children. "
            "Move any that belong to the top level."
        )
