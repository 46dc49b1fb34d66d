"""Response samples as the generated tests and the fake provider use them: a required field the
document's sample leaves out (a listed deviation) is put right, and remembered so that the
test can check the model still requires it."""

from __future__ import annotations

import copy
from collections.abc import Callable

from docbind.ir.model import Field, JsonValue, Operation

Deviations = tuple[tuple[tuple[str, ...], str], ...]  # (path, what the spec says)


def _field_at(fields: tuple[Field, ...], path: tuple[str, ...]) -> Field | None:
    """The documented field a dotted path of object fields names, or None."""
    f = next((f for f in fields if f.wire_name == path[0]), None)
    if f is None or len(path) == 1:
        return f
    return _field_at(f.fields, path[1:])


def _value_at(payload: JsonValue, path: tuple[str, ...]) -> JsonValue:
    for key in path:
        payload = payload.get(key) if isinstance(payload, dict) else None
    return payload


def fill_required(
    valid: Callable[[Field], JsonValue],
    fields: tuple[Field, ...],
    payload: dict[str, JsonValue],
    deviations: Deviations,
) -> tuple[dict[str, JsonValue], Deviations]:
    """A response model still requires what its table requires: a listed deviation that leaves
    a required field out (or null) gets ``valid(field)``; returns the payload and those
    deviations."""
    payload = copy.deepcopy(payload)
    filled = []
    for path, note in deviations:
        f = _field_at(fields, path)
        parent = _value_at(payload, path[:-1])
        if f is None or not f.required or not isinstance(parent, dict):
            continue
        if parent.get(path[-1]) is None:
            parent[path[-1]] = valid(f)
            filled.append((path, note))
    return payload, tuple(filled)


def response_sample(
    valid: Callable[[Field], JsonValue], op: Operation
) -> dict[str, JsonValue] | None:
    """The first response sample, as the fake provider answers it, or None."""
    sample = next((s for s in op.samples if s.direction == "response"), None)
    if sample is None:
        return None
    deviations = tuple((tuple(d.path.split(".")), d.note) for d in sample.deviations)
    return fill_required(valid, op.response.body, sample.payload, deviations)[0]
