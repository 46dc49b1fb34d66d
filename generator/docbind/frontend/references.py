"""Names a spec refers to (code tables, error codes), checked even when the schema check failed.

The IR is built only from files the schema accepted, so before this pass a misspelt code-table
name surfaced only in a second run, after the structural errors were fixed. This pass reads the
raw data as it is, skips whatever is not shaped as expected (the schema check has said why), and
reports a reference only when the set it must belong to is known in full. When the schema check
passes, the IR builder reports the same problems with the same wording (the messages are here).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from docbind.frontend.load import Document, JsonPath, SpecSource
from docbind.ir.diagnostics import Collector


def no_code_table(name: str, known: set[str] | frozenset[str]) -> str:
    return f"no code table named '{name}' (known: {', '.join(sorted(known)) or 'none defined'})"


def unknown_error_code(code: str, known: list[str]) -> str:
    listed = f"it has {', '.join(known)}" if known else "it is empty"
    return f"error code '{code}' is not in the API error table ({listed})"


def check_references(source: SpecSource, diag: Collector) -> None:
    api = source.api.data
    if not isinstance(api, dict):
        return
    tables = api.get("codes", {})
    if isinstance(tables, dict):
        for doc in (source.api, *source.operations):
            for wire, path, spec in _fields_of(doc):
                name = spec.get("codes")
                if isinstance(name, str) and name not in tables and not doc.is_unresolved(path):
                    message = no_code_table(name, set(tables))
                    diag.error(doc.loc((*path, "codes")), f"{wire}: {message}")
    errors = _error_codes(api.get("errors", {}))
    if errors is not None:
        for doc in source.operations:
            listed = doc.data.get("errors") if isinstance(doc.data, dict) else None
            for index, code in enumerate(listed if isinstance(listed, list) else []):
                if isinstance(code, str) and code not in errors:
                    diag.error(doc.loc(("errors", index)), unknown_error_code(code, errors))


def _error_codes(table: Any) -> list[str] | None:
    """The API's error codes, or None when the table is malformed (any code could be missing)."""
    if not isinstance(table, dict):
        return None
    entries = table.get("table", [])
    if not isinstance(entries, list):
        return None
    if not all(isinstance(e, dict) and "code" in e for e in entries):
        return None
    return [str(e["code"]) for e in entries]


def _fields_of(doc: Document) -> Iterator[tuple[str, JsonPath, dict[str, Any]]]:
    """Every field spec in ``doc`` (wire name, path, spec), at any depth, that is a mapping."""
    data = doc.data
    if not isinstance(data, dict):
        return
    roots: list[JsonPath] = [("headers",)]
    roots += [(key, part) for key in ("request", "response") for part in ("headers", "body")]
    webhooks = data.get("webhooks")
    if isinstance(webhooks, dict):
        roots += [("webhooks", name, "body") for name in webhooks]
    for root in roots:
        yield from _fields(_at(data, root), root)


def _fields(mapping: Any, path: JsonPath) -> Iterator[tuple[str, JsonPath, dict[str, Any]]]:
    if not isinstance(mapping, dict):
        return
    for wire, spec in mapping.items():
        yield from _field(str(wire), spec, (*path, wire))


def _field(wire: str, spec: Any, path: JsonPath) -> Iterator[tuple[str, JsonPath, dict[str, Any]]]:
    if not isinstance(spec, dict):
        return
    yield wire, path, spec
    yield from _fields(spec.get("fields"), (*path, "fields"))
    if "items" in spec:
        yield from _field(wire, spec["items"], (*path, "items"))


def _at(data: Any, path: JsonPath) -> Any:
    for part in path:
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data
