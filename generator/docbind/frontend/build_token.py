"""``auth: {type: token, ...}``: the access-token flow, and the checks that cross into the
token operation's answer."""

from __future__ import annotations

from typing import Any

from docbind.frontend.build_operation import seconds
from docbind.frontend.load import Document
from docbind.ir.diagnostics import Collector
from docbind.ir.model import Field, Operation
from docbind.ir.recipes import Auth, TokenFlow

# The keys only ``type: token`` takes.
TOKEN_KEYS = (
    "operation",
    "token_field",
    "expires_field",
    "expires_in_field",
    "now_field",
    "margin",
)
DEFAULT_MARGIN = 60.0
_PATHS = ("token_field", "expires_field", "expires_in_field", "now_field")


def _path(spec: dict[str, Any], key: str) -> tuple[str, ...] | None:
    value = spec.get(key)
    return None if value is None else tuple(str(value).split("."))


def token_flow(doc: Document, diag: Collector, spec: dict[str, Any]) -> TokenFlow:
    """The flow as written; which fields exist is checked once operations are built."""
    at = doc.key_loc(("auth",))
    for key in ("operation", "token_field"):
        if not spec.get(key):
            diag.error(at, f"auth: type token needs {key}:")
    if ("expires_field" in spec) == ("expires_in_field" in spec):
        diag.error(
            at,
            "auth: type token needs one of expires_field: (Unix seconds) and "
            "expires_in_field: (seconds from now)",
        )
    if "now_field" in spec and "expires_field" not in spec:
        diag.error(doc.key_loc(("auth", "now_field")), "auth: now_field goes with expires_field")
    return TokenFlow(
        operation=str(spec.get("operation", "")),
        token_field=_path(spec, "token_field") or (),
        expires_field=_path(spec, "expires_field"),
        expires_in_field=_path(spec, "expires_in_field"),
        now_field=_path(spec, "now_field"),
        margin=seconds(spec.get("margin"), DEFAULT_MARGIN),
    )


def _find(fields: tuple[Field, ...], path: tuple[str, ...]) -> Field | None:
    field = next((f for f in fields if f.wire_name == path[0]), None)
    if field is None or len(path) == 1:
        return field
    return _find(field.fields, path[1:]) if field.type == "object" else None


def check_token(
    doc: Document, diag: Collector, auth: Auth | None, operations: tuple[Operation, ...]
) -> None:
    """The token operation exists, and each path names a field of its answer of the right type:
    text for the token, a number for the times."""
    flow = auth.token if auth is not None else None
    if flow is None or not flow.operation:
        return
    op = next((o for o in operations if o.name == flow.operation), None)
    if op is None:
        names = ", ".join(sorted(o.name for o in operations)) or "none"
        diag.error(
            doc.key_loc(("auth", "operation")),
            f"auth: '{flow.operation}' is not an operation of this API (operations: {names})",
        )
        return
    for key in _PATHS:
        path = getattr(flow, key)
        if not path:
            continue
        field = _find(op.response.body, path)
        wanted = ("string",) if key == "token_field" else ("integer", "decimal")
        where = ".".join(path)
        if field is None:
            diag.error(
                doc.key_loc(("auth", key)),
                f"auth: {key} '{where}' is not a field of the {op.name} response",
            )
        elif field.type not in wanted:
            diag.error(
                doc.key_loc(("auth", key)),
                f"auth: {key} '{where}' is of type {field.type}; it must be of type "
                f"{' or '.join(wanted)}",
            )
