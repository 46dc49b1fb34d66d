"""An operation's path and query parameters, checked against its ``path`` template.

Every ``{placeholder}`` of the path needs a parameter under ``request.path`` and every path
parameter a placeholder, so a client can never send a literal ``{tid}``. A path parameter is one
required scalar (a string or an integer): it names the resource. A query parameter is a scalar
too: a query string has no one convention for objects or lists. Path, query and body fields
share one request model, so their names must differ.

A GET request carries no body: RFC 9110 gives content in a GET no meaning, caches and proxies
may drop it, and a GET table's "request parameters" belong in ``query:``. DELETE may carry a
body where the document says so (RFC 9110 allows it when the origin server documents it).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from docbind.frontend.load import Document, JsonPath
from docbind.ir.diagnostics import Collector
from docbind.ir.model import Field, Message

_PLACEHOLDER = re.compile(r"\{([^{}/]*)\}")
_PATH_TYPES = ("string", "integer")
_QUERY_TYPES = ("string", "integer", "decimal", "boolean", "date", "datetime", "time")
_BODY_REFUSED = ("GET",)


def placeholders(path: str) -> list[str]:
    """The names of the ``{placeholders}`` of a path template, in order."""
    return _PLACEHOLDER.findall(path)


def _raw(doc: Document, path: JsonPath) -> dict[str, Any]:
    """The mapping at ``path`` of the spec file, or an empty one."""
    node: Any = doc.data
    for key in path:
        node = node.get(key) if isinstance(node, dict) else None
    return node if isinstance(node, dict) else {}


def required_path_params(
    doc: Document, diag: Collector, fields: tuple[Field, ...]
) -> tuple[Field, ...]:
    """A path parameter is always required: ``required: false`` or a condition is refused."""
    for f in fields:
        where: JsonPath = ("request", "path", f.wire_name)
        said_optional = _raw(doc, where).get("required") is False
        if said_optional or f.required_when:
            key = "required" if said_optional else "required_when"
            diag.error(
                doc.key_loc((*where, key)),
                f"{f.wire_name}: a path parameter is always required (the path needs it)",
            )
        if f.type not in _PATH_TYPES:
            diag.error(
                doc.loc((*where, "type")),
                f"{f.wire_name}: a path parameter is a string or an integer, not {f.type}",
            )
    return tuple(replace(f, required=True) for f in fields)


def check_params(doc: Document, diag: Collector, method: str, path: str, request: Message) -> None:
    _check_template(doc, diag, path, request.path)
    for f in request.query:
        if f.type not in _QUERY_TYPES:
            diag.error(
                doc.loc(("request", "query", f.wire_name, "type")),
                f"{f.wire_name}: a query parameter is a scalar; type {f.type} has no one "
                "convention in a query string",
            )
    _check_names(doc, diag, request)
    if method in _BODY_REFUSED and request.body:
        diag.error(
            doc.key_loc(("request", "body")),
            f"a {method} request has no body (RFC 9110 gives it no meaning, and caches and "
            "proxies may drop it); declare these fields under request.query",
        )


def _check_template(doc: Document, diag: Collector, path: str, params: tuple[Field, ...]) -> None:
    names = placeholders(path)
    outside = _PLACEHOLDER.sub("", path)
    loc = doc.loc(("path",))
    if "{" in outside or "}" in outside:
        diag.error(loc, f"path '{path}': a brace that is not part of a {{placeholder}}")
    declared = {f.wire_name for f in params}
    for name in dict.fromkeys(names):
        if names.count(name) > 1:
            diag.error(loc, f"path '{path}': placeholder {{{name}}} appears twice")
        if name not in declared:
            diag.error(
                loc,
                f"path placeholder {{{name}}} has no parameter; declare it under "
                f"request.path ({name}: {{type: string, ...}})",
            )
    for f in params:
        if f.wire_name not in names:
            diag.error(
                doc.key_loc(("request", "path", f.wire_name)),
                f"path parameter '{f.wire_name}' has no {{{f.wire_name}}} in the path "
                f"'{path}'; add the placeholder, or declare it under request.query",
            )


def _check_names(doc: Document, diag: Collector, request: Message) -> None:
    """Path, query and body fields are one request model: no wire or Python name twice."""
    seen: dict[str, tuple[str, str]] = {}  # Python name -> (section, wire name)
    for section, fields in (
        ("path", request.path),
        ("query", request.query),
        ("body", request.body),
    ):
        for f in fields:
            for key in (f.wire_name, f.py_name):
                first = seen.get(key)
                if first is not None and first[0] != section:
                    diag.error(
                        doc.key_loc(("request", section, f.wire_name)),
                        f"'{f.wire_name}' and request.{first[0]} '{first[1]}' are one name "
                        "in the request model (path, query and body share it); rename one",
                    )
                    break
            seen.setdefault(f.wire_name, (section, f.wire_name))
            seen.setdefault(f.py_name, (section, f.wire_name))
