"""An operation's ``content_type``: what the generated client sends, so docbind checks it can.

JSON bodies are UTF-8 (what the client serializes); a form body (``application/x-www-form-
urlencoded``) is percent-encoded in the API's ``encoding``, one ``name=value`` pair per top-level
field. Forms have no single convention for nested values (``a[b]=``, ``a.b=``, repeated keys,
JSON in a value: each provider picks its own), so an object or array in a form body is refused.
"""

from __future__ import annotations

import codecs

from .diagnostics import Collector
from .ir import Operation
from .load import Document

JSON = "application/json"
FORM = "application/x-www-form-urlencoded"
DEFAULT_CONTENT_TYPE = "application/json; charset=utf-8"  # sent when the spec names none


def media_type(content_type: str) -> tuple[str, dict[str, str]]:
    """``("application/json", {"charset": "utf-8"})`` from a Content-Type value."""
    media, *params = (part.strip() for part in content_type.split(";"))
    pairs = (p.partition("=") for p in params if p)
    return media.lower(), {k.strip().lower(): v.strip().strip('"') for k, _, v in pairs}


def _same_charset(a: str, b: str) -> bool:
    try:
        return codecs.lookup(a).name == codecs.lookup(b).name
    except LookupError:
        return False


def check_content_type(doc: Document, diag: Collector, op: Operation, encoding: str) -> None:
    if "content_type" not in doc.data:
        return
    loc = doc.loc(("content_type",))
    media, params = media_type(op.content_type)
    if media not in (JSON, FORM):
        diag.error(loc, f"content_type '{op.content_type}' is not one docbind can send; "
                        f"use {JSON} or {FORM}")
        return
    body_charset = "utf-8" if media == JSON else encoding
    charset = params.get("charset")
    if charset is not None and not _same_charset(charset, body_charset):
        why = "JSON bodies are sent as UTF-8" if media == JSON else (
            f"form bodies are written in the API encoding, {encoding}")
        diag.error(loc, f"content_type charset={charset} contradicts what is sent: {why}")
    if media == FORM:
        for f in op.request.body:
            if f.type in ("object", "array"):
                diag.error(f.loc, f"{f.wire_name}: an {FORM} body holds only scalar fields "
                                  f"(forms have no one convention for a nested {f.type})")
