"""The rules table of a generated package (``_api.RULES``), from the IR's constraints table.

What pydantic has a keyword for stays in the models' ``Field`` definitions (datamodel-code-
generator writes them); the rest is data here, by model class and wire name, that the shared
runtime's ``WireModel`` enforces: byte lengths (requests), ``required_when`` (requests) and
``sensitive`` (both directions). Nothing is read back from the models at run time.
"""

from __future__ import annotations

from typing import Any

from docbind.ir.constraints import rules as limit_rules
from docbind.ir.model import Api, Field


def rules_table(api: Api) -> dict[str, dict[str, Any]]:
    """``{class name: {"fields": {wire: {...}}, "required_when": [...]}}``, classes sorted."""
    table: dict[str, dict[str, Any]] = {}
    for op in api.operations:
        _model(table, op.request.model, op.request.fields, request=True)
        _model(table, op.response.model, op.response.body, request=False)
    for hook in api.webhooks:
        _model(table, hook.model, hook.body, request=False)
    return dict(sorted(table.items()))


def _model(
    table: dict[str, dict[str, Any]], name: str, fields: tuple[Field, ...], *, request: bool
) -> None:
    entry: dict[str, Any] = {}
    by_field: dict[str, dict[str, Any]] = {}
    for f in fields:
        nested = f.items if f.type == "array" and f.items is not None else f
        if nested.type == "object":
            _model(table, nested.model or nested.wire_name, nested.fields, request=request)
        found: dict[str, Any] = dict(limit_rules(f)) if request else {}
        if f.sensitive:
            found["sensitive"] = True
        if found:
            by_field[f.wire_name] = found
    if by_field:
        entry["fields"] = by_field
    # Required but computed: absent from what the caller gives, present once the client has
    # filled it in (signatures are checked on their own, after signing).
    filled = [f.wire_name for f in fields if request and f.required and _filled_later(f)]
    if filled:
        entry["filled"] = filled
    required = [_required_when(f) for f in fields if f.required_when and request]
    if required:
        entry["required_when"] = required
    if entry:
        table[name] = entry


def _filled_later(f: Field) -> bool:
    return f.computed is not None and f.computed.kind != "signature"


def _required_when(f: Field) -> dict[str, Any]:
    return {
        "field": f.wire_name,
        "when": {c.field: list(c.values) for c in f.required_when},
        "message": f"{f.wire_name} is required when "
        + " and ".join(c.describe() for c in f.required_when),
    }
