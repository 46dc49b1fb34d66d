"""Request header names and values a spec may declare: nothing that lets a request be read as
two (``Transfer-Encoding``, ``Content-Length``), sent elsewhere (``Host``), or that the client
sets itself (``Content-Type`` comes from ``content_type``)."""

from __future__ import annotations

import re

from docbind.frontend.load import Document, JsonPath
from docbind.ir.diagnostics import Collector
from docbind.ir.model import Field

# RFC 9110 token: the characters a field name may hold.
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
# Framing, routing and connection headers belong to the HTTP library; the body headers to the
# client (they follow from ``content_type`` and the bounded reader).
_DENIED = {
    "host": "the client sends it from the base URL",
    "content-length": "the HTTP library computes it from the body",
    "transfer-encoding": "the HTTP library frames the body",
    "te": "the HTTP library frames the body",
    "trailer": "the HTTP library frames the body",
    "connection": "the HTTP library manages connections",
    "keep-alive": "the HTTP library manages connections",
    "proxy-connection": "the HTTP library manages connections",
    "upgrade": "the HTTP library manages connections",
    "expect": "the HTTP library manages connections",
    "content-type": "the client sends it from the operation's content_type",
    "content-encoding": "the client sends the body as content_type says",
    "accept-encoding": "the client asks only for what its bounded reader decodes",
}
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")  # tab is allowed in a field value


def check_header_name(doc: Document, diag: Collector, f: Field, where: JsonPath) -> None:
    name = f.wire_name
    if not _TOKEN.fullmatch(name):
        diag.error(
            doc.key_loc(where),
            f"header name {name!r} is not an HTTP token (letters, digits and !#$%&'*+-.^_`|~ only)",
        )
    elif name.lower() in _DENIED:
        diag.error(doc.key_loc(where), f"header {name} cannot be declared: {_DENIED[name.lower()]}")
    if isinstance(f.default, str) and _CONTROL.search(f.default):
        diag.error(
            doc.loc((*where, "default")),
            f"{name}: a header value cannot hold control characters (CR, LF, NUL, ...)",
        )
