"""How deep objects may nest. pydantic builds a model's JSON schema (``model_json_schema()``,
used by editors, OpenAPI tools and docs) recursively, about 35 frames a level: past some 25
levels it exceeds Python's recursion limit. Payment documents nest a few levels; 16 is ample."""

from __future__ import annotations

from docbind.ir.diagnostics import Collector
from docbind.ir.model import Api, Field

MAX_OBJECT_DEPTH = 16


def check_nesting(api: Api, diag: Collector) -> None:
    bodies = [(op.name, m.fields) for op in api.operations for m in (op.request, op.response)]
    bodies += [(hook.name, hook.body) for hook in api.webhooks]
    for _, fields in bodies:
        _walk(fields, 1, diag)


def _walk(fields: tuple[Field, ...], depth: int, diag: Collector) -> bool:
    """False once an error was reported (one per chain is enough)."""
    for f in fields:
        inner = f.items if f.type == "array" and f.items is not None else f
        if inner.type != "object":
            continue
        if depth > MAX_OBJECT_DEPTH:
            diag.error(
                f.loc,
                f"{f.wire_name}: objects nest more than {MAX_OBJECT_DEPTH} levels deep here; "
                "generated models could not describe themselves (model_json_schema)",
            )
            return False
        if not _walk(inner.fields, depth + 1, diag):
            return False
    return True
