"""An operation's ``content_type``: what the generated client sends, so docbind checks it can.

JSON bodies are UTF-8 (what the client serializes); a form body (``application/x-www-form-
urlencoded``) is percent-encoded in the API's ``encoding``, one ``name=value`` pair per top-level
field. Forms have no single convention for nested values (``a[b]=``, ``a.b=``, repeated keys,
JSON in a value: each provider picks its own), so an object or array in a form body is refused.
"""

from __future__ import annotations

import codecs

from docbind.frontend.headers import check_header_name
from docbind.frontend.load import Document, JsonPath
from docbind.ir.diagnostics import Collector
from docbind.ir.media import FORM, JSON, media_type
from docbind.ir.model import Field, Operation


def _same_charset(a: str, b: str) -> bool:
    try:
        return codecs.lookup(a).name == codecs.lookup(b).name
    except LookupError:
        return False


# A request header is text, checked for presence, length and pattern (``_http.HeaderRule``).
_HEADER_TYPES = ("string", "date", "datetime", "time")
_NOT_FOR_HEADERS = ("codes", "required_when")


def check_request_headers(
    doc: Document, diag: Collector, fields: tuple[Field, ...], path: JsonPath
) -> None:
    """Refuse what a request header would silently ignore."""
    for f in fields:
        where = (*path, f.wire_name)
        check_header_name(doc, diag, f, where)
        if f.type not in _HEADER_TYPES:
            diag.error(
                doc.loc((*where, "type")),
                f"{f.wire_name}: a request header is sent as "
                f"text; type {f.type} is not supported there",
            )
        for key in _NOT_FOR_HEADERS:
            if getattr(f, key):
                diag.error(
                    doc.key_loc((*where, key)),
                    f"{f.wire_name}: '{key}' is not enforced on a request header "
                    f"(headers are checked for presence, length and pattern)",
                )


def check_received(
    doc: Document, diag: Collector, fields: tuple[Field, ...], path: JsonPath
) -> None:
    """The client fills in computed values of what it sends; in what it receives (a response,
    a notification) nothing would, so ``computed`` there is refused."""
    for f in fields:
        where = (*path, f.wire_name)
        if f.computed is not None:
            diag.error(
                doc.key_loc((*where, "computed")),
                f"{f.wire_name}: 'computed' applies only to what the client sends; "
                f"this field is received",
            )
        check_received(doc, diag, f.fields, (*where, "fields"))
        if f.items is not None:
            check_received(doc, diag, f.items.fields, (*where, "items", "fields"))


def check_content_type(doc: Document, diag: Collector, op: Operation, encoding: str) -> None:
    """The request: its headers, and the body the content type says to write (and no computed
    value in the response)."""
    check_request_headers(doc, diag, op.request.headers, ("request", "headers"))
    check_received(doc, diag, op.response.headers, ("response", "headers"))
    check_received(doc, diag, op.response.body, ("response", "body"))
    if "content_type" not in doc.data:
        return
    loc = doc.loc(("content_type",))
    media, params = media_type(op.content_type)
    if media not in (JSON, FORM):
        diag.error(
            loc,
            f"content_type '{op.content_type}' is not one docbind can send; use {JSON} or {FORM}",
        )
        return
    body_charset = "utf-8" if media == JSON else encoding
    charset = params.get("charset")
    if charset is not None and not _same_charset(charset, body_charset):
        why = (
            "JSON bodies are sent as UTF-8"
            if media == JSON
            else (f"form bodies are written in the API encoding, {encoding}")
        )
        diag.error(loc, f"content_type charset={charset} contradicts what is sent: {why}")
    if media == FORM:
        for f in op.request.body:
            if f.type in ("object", "array"):
                diag.error(
                    f.loc,
                    f"{f.wire_name}: an {FORM} body holds only scalar fields "
                    f"(forms have no one convention for a nested {f.type})",
                )
