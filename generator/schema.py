"""The JSON Schema check of each spec file, with messages a person can act on."""

from __future__ import annotations

import difflib
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from .diagnostics import Collector
from .load import Document, JsonPath
from .resources import spec_schema

_TYPE_NAMES = {
    "object": "a mapping",
    "array": "a list",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
}


def _validator(definition: str) -> Draft202012Validator:
    schema = dict(spec_schema())
    root = {"$defs": schema["$defs"], "$ref": f"#/$defs/{definition}"}
    return Draft202012Validator(root)


def check_document(doc: Document, definition: str, diag: Collector) -> None:
    """Report every schema violation of ``doc`` against ``$defs/<definition>``."""
    if doc.data is None:
        return  # the loader has already said why
    for error in _validator(definition).iter_errors(doc.data):
        _report(doc, error, diag)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "nothing (null)"
    for name, python_type in (("a mapping", dict), ("a list", list), ("a string", str)):
        if isinstance(value, python_type):
            return name
    return "a number" if isinstance(value, int | float) else type(value).__name__


def _expected(schema: dict[str, Any]) -> str:
    if "x-expected" in schema:
        return str(schema["x-expected"])
    kind = schema.get("type")
    if isinstance(kind, list):
        return " or ".join(_TYPE_NAMES.get(k, k) for k in kind)
    return _TYPE_NAMES.get(str(kind), str(kind))


def _report(doc: Document, error: ValidationError, diag: Collector) -> None:
    path: JsonPath = tuple(error.absolute_path)
    where = "/".join(str(p) for p in path) or "top level"
    kind = error.validator
    instance = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    if kind == "additionalProperties" and isinstance(instance, dict):
        allowed = sorted(schema.get("properties", {}))
        for key in sorted(set(instance) - set(allowed)):
            hint = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            suffix = f"; did you mean '{hint[0]}'?" if hint else f"; expected one of: {', '.join(allowed)}"
            diag.error(doc.key_loc((*path, key)), f"unknown key '{key}' in {where}{suffix}")
        return
    if kind == "required" and isinstance(instance, dict):
        missing = [k for k in schema.get("required", []) if k not in instance]
        for key in missing:
            diag.error(doc.loc(path), f"missing required key '{key}' in {where}")
        return
    loc = doc.loc(path)
    if kind in ("type", "anyOf"):
        diag.error(loc, f"{where}: expected {_expected(schema)}, got {_describe(instance)}")
    elif kind == "enum":
        options = ", ".join(str(o) for o in schema.get("enum", []))
        diag.error(loc, f"{where}: {instance!r} is not one of: {options}")
    elif kind == "const":
        diag.error(loc, f"{where}: must be {schema.get('const')!r}")
    elif kind == "pattern" and "x-expected" in schema:
        diag.error(loc, f"{where}: {instance!r} is not {schema['x-expected']}")
    elif kind == "pattern":
        diag.error(loc, f"{where}: {instance!r} does not match {schema.get('pattern')}")
    elif kind == "propertyNames":
        diag.error(loc, f"{where}: name {error.instance!r} is not allowed here ({error.message})")
    else:
        diag.error(loc, f"{where}: {error.message}")
