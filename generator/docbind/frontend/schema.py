"""The JSON Schema check of each spec file, with messages a person can act on."""

from __future__ import annotations

import difflib
import functools
from typing import TYPE_CHECKING, Any

from docbind.frontend.load import Document, JsonPath
from docbind.frontend.schema_fast import Check, Compiler
from docbind.ir.diagnostics import Collector
from docbind.resources import spec_schema

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

_TYPE_NAMES = {
    "object": "a mapping",
    "array": "a list",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
}
# What the schema's name and path patterns mean, for patterns without an ``x-expected``.
_PATTERN_NAMES = {
    "^[a-z][a-z0-9_]*$": "snake_case (lowercase letters, digits and _, starting with a letter)",
    "^[A-Z][A-Za-z0-9]*$": "PascalCase (letters and digits, starting with a capital letter)",
    "^[0-9]+\\.[0-9]+\\.[0-9]+([a-z]+[0-9]+)?$": "a version such as 1.2.0 or 1.2.0rc1",
    "^https?://[^\\s]+$": "an http:// or https:// URL",
    "^/": "a path starting with /",
    "\\.ya?ml$": "a .yaml file name",
}


@functools.cache
def _validator(definition: str) -> Draft202012Validator:
    # Imported here: only a document the quick check refuses needs jsonschema (and its 0.1 s
    # of imports).
    from jsonschema import Draft202012Validator

    schema = dict(spec_schema())
    root = {"$defs": schema["$defs"], "$ref": f"#/$defs/{definition}"}
    return Draft202012Validator(root)


@functools.cache
def _quick(definition: str) -> Check:
    return Compiler(spec_schema()).definition(definition)


def check_document(doc: Document, definition: str, diag: Collector) -> None:
    """Report every schema violation of ``doc`` against ``$defs/<definition>``."""
    if doc.data is None:
        return  # the loader has already said why
    if _quick(definition)(doc.data):
        return  # valid: jsonschema would find nothing (schema_fast)
    for error in _validator(definition).iter_errors(doc.data):
        if not doc.is_unresolved(tuple(error.absolute_path)):
            _report(doc, error, diag)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return "nothing (null)"
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, int | float):
        return f"the number {value}"
    return "a mapping" if isinstance(value, dict) else "a list"


def _quote_hint(schema: dict[str, Any], value: Any) -> str:
    """YAML reads unquoted 003 as the number 3 and no as false; say so where text was wanted."""
    kinds = schema.get("type")
    wants_text = kinds == "string" or (isinstance(kinds, list) and "string" in kinds)
    if not wants_text or "x-expected" in schema:
        return ""
    if isinstance(value, bool):
        return "; YAML reads unquoted yes, no, on, off as true or false: quote it"
    return "; quote it to keep it as written" if isinstance(value, int | float) else ""


def _expected(schema: dict[str, Any]) -> str:
    if "x-expected" in schema:
        return str(schema["x-expected"])
    kind = schema.get("type")
    if isinstance(kind, list):
        return " or ".join(_TYPE_NAMES.get(str(k), str(k)) for k in kind)
    return _TYPE_NAMES.get(str(kind), str(kind))


def _report(doc: Document, error: ValidationError, diag: Collector) -> None:
    path: JsonPath = tuple(error.absolute_path)
    where = "/".join(str(p) for p in path) or "top level"
    kind = error.validator
    instance = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    if "propertyNames" in error.relative_schema_path:
        _report_name(doc, path, where, str(instance), schema, diag)
        return
    if kind == "additionalProperties" and isinstance(instance, dict):
        allowed = sorted(schema.get("properties", {}))
        for key in sorted(set(instance) - set(allowed)):
            hint = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            suffix = (
                f"; did you mean '{hint[0]}'?"
                if hint
                else f"; expected one of: {', '.join(allowed)}"
            )
            diag.error(doc.key_loc((*path, key)), f"unknown key '{key}' in {where}{suffix}")
        return
    if kind == "required" and isinstance(instance, dict):
        missing = [k for k in schema.get("required", []) if k not in instance]
        for key in missing:
            diag.error(doc.loc(path), f"missing required key '{key}' in {where}")
        return
    loc = doc.loc(path)
    if kind in ("type", "anyOf"):
        diag.error(
            loc,
            f"{where}: expected {_expected(schema)}, got {_describe(instance)}"
            f"{_quote_hint(schema, instance)}",
        )
    elif kind == "enum":
        options = ", ".join(str(o) for o in schema.get("enum", []))
        diag.error(loc, f"{where}: {_describe(instance)} is not one of: {options}")
    elif kind == "const":
        diag.error(loc, f"{where}: must be {schema.get('const')!r}, got {_describe(instance)}")
    elif kind == "pattern":
        diag.error(loc, f"{where}: {instance!r} is not {_pattern_name(schema)}")
    else:
        diag.error(loc, f"{where}: {error.message}")


def _pattern_name(schema: dict[str, Any]) -> str:
    pattern = str(schema.get("pattern"))
    return str(schema.get("x-expected") or _PATTERN_NAMES.get(pattern, f"matching {pattern}"))


def _report_name(
    doc: Document, path: JsonPath, where: str, name: str, schema: dict[str, Any], diag: Collector
) -> None:
    """A key of a mapping of names (fields, code tables, credentials) that is not a valid name."""
    loc = doc.key_loc((*path, name))
    if not name:
        diag.error(loc, f"{where}: a name cannot be empty")
    elif "pattern" in schema:
        diag.error(loc, f"{where}: the name {name!r} is not {_pattern_name(schema)}")
    else:
        diag.error(loc, f"{where}: the name {name!r} is not allowed")
