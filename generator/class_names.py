"""One generated package is one namespace: no two classes may share a name."""

from __future__ import annotations

from collections.abc import Iterator

from .diagnostics import Collector, Loc
from .ir import Api, Field


def _nested(fields: tuple[Field, ...]) -> Iterator[tuple[str, Loc]]:
    for f in fields:
        if f.model is not None and (f.type == "object" or (f.items and f.items.type == "object")):
            yield f.model, f.loc
        yield from _nested(f.fields)
        if f.items is not None:
            yield from _nested(f.items.fields)


def class_names(api: Api) -> Iterator[tuple[str, str, Loc]]:
    """Every class the package will define: (name, what it is, where the spec names it)."""
    for table in api.codes:
        yield table.name, "code table", table.loc
    for error in api.errors.entries:
        yield error.exception, "exception", error.loc
    for hook in api.webhooks:
        yield hook.model, f"notification {hook.name}", hook.loc
        for name, loc in _nested(hook.body):
            yield name, f"object of notification {hook.name}", loc
    for op in api.operations:
        yield op.request.model, f"request model of {op.name}", op.loc
        yield op.response.model, f"response model of {op.name}", op.loc
        for message, side in ((op.request, "request"), (op.response, "response")):
            for name, loc in _nested(message.body):
                yield name, f"{side} object of {op.name}", loc


def check_class_names(api: Api, diag: Collector) -> None:
    seen: dict[str, tuple[str, Loc]] = {}
    for name, what, loc in class_names(api):
        if name in seen:
            first_what, first_loc = seen[name]
            diag.error(
                loc,
                f"class name '{name}' ({what}) is already used by the {first_what} "
                f"at {first_loc}; set a different `model:`",
            )
        else:
            seen[name] = (what, loc)
