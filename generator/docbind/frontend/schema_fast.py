"""A quick yes or no for the JSON Schema check of a spec file.

jsonschema walks its validators for every keyword of every value: about 5 ms for an ordinary
operation file, most of checking a large API. The spec schema uses a small set of keywords, so
they are compiled once here into plain Python functions. The answer is conservative: a document
this accepts is one jsonschema accepts too (``tests/test_schema_fast.py`` holds the two to each
other on every spec and on mutated ones), and anything else (a refusal, a keyword or a value of a
kind this does not know) goes to jsonschema, which says what is wrong and where.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

Check = Callable[[Any], bool]

# Keywords that only describe: they never change whether a value is valid.
_ANNOTATIONS = frozenset(
    {"$schema", "$id", "$comment", "title", "description", "default", "examples", "x-expected"}
)
_SCALARS = (str, int, float, bool, type(None))


def _is_type(kind: str, value: Any) -> bool:
    if kind == "object":
        return isinstance(value, dict)
    if kind == "array":
        return isinstance(value, list)
    if kind == "string":
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "null":
        return value is None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    if kind == "number":
        return True
    return kind == "integer" and (isinstance(value, int) or value.is_integer())


def _same(value: Any, options: list[Any]) -> bool:
    """JSON equality, strictly: the same Python type and equal (True is not 1 here)."""
    if not isinstance(value, _SCALARS):
        return False  # a list or mapping against an enum: left to jsonschema
    return any(type(option) is type(value) and option == value for option in options)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class Compiler:
    """Compiles ``$defs`` of one schema on demand; references may be recursive."""

    def __init__(self, root: Mapping[str, Any]) -> None:
        self._defs: Mapping[str, Any] = root.get("$defs", {})
        self._compiled: dict[str, Check] = {}

    def definition(self, name: str) -> Check:
        if name not in self._compiled:
            # A placeholder first: a definition that refers to itself calls it by name.
            self._compiled[name] = lambda value: self._compiled[name](value)
            self._compiled[name] = self.compile(self._defs[name])
        return self._compiled[name]

    def compile(self, schema: Any) -> Check:
        if schema is True:
            return lambda value: True
        if schema is False or not isinstance(schema, dict):
            return lambda value: False
        found = (self._keyword(key, schema) for key in schema if key not in _ANNOTATIONS)
        checks = [check for check in found if check is not None]
        if len(checks) == 1:
            return checks[0]
        return lambda value: all(check(value) for check in checks)

    def _keyword(self, key: str, schema: dict[str, Any]) -> Check | None:
        """The check of one keyword; None when another keyword's check covers it."""
        arg = schema[key]
        if key in ("then", "else"):
            return None  # part of "if"
        if key in ("properties", "additionalProperties", "required", "propertyNames"):
            return self._object(schema) if key == _first_object_key(schema) else None
        simple = _SIMPLE.get(key)
        if simple is not None:
            return simple(arg)
        if key == "$ref":
            prefix = "#/$defs/"
            if not isinstance(arg, str) or not arg.startswith(prefix):
                raise ValueError(f"unsupported $ref {arg!r}")
            name = arg.removeprefix(prefix)
            return lambda value: self.definition(name)(value)
        if key == "items":
            item = self.compile(arg)
            return lambda value: not isinstance(value, list) or all(item(v) for v in value)
        if key == "if":
            return self._if(schema)
        if key in ("anyOf", "oneOf"):
            options = [self.compile(s) for s in arg]
            if key == "anyOf":
                return lambda value: any(option(value) for option in options)
            return lambda value: sum(option(value) for option in options) == 1
        if key == "not":
            inner = self.compile(arg)
            return lambda value: not inner(value)
        raise ValueError(f"unsupported schema keyword {key!r}")

    def _if(self, schema: dict[str, Any]) -> Check:
        condition = self.compile(schema["if"])
        then = self.compile(schema.get("then", True))
        otherwise = self.compile(schema.get("else", True))
        return lambda value: then(value) if condition(value) else otherwise(value)

    def _object(self, schema: dict[str, Any]) -> Check:
        """properties, additionalProperties, required and propertyNames in one pass."""
        properties = {k: self.compile(s) for k, s in schema.get("properties", {}).items()}
        extra = schema.get("additionalProperties", True)
        extra_check = None if extra is True else self.compile(extra)
        required = tuple(schema.get("required", ()))
        names = self.compile(schema["propertyNames"]) if "propertyNames" in schema else None

        def check(value: Any) -> bool:
            if not isinstance(value, dict):
                return True
            if any(key not in value for key in required):
                return False
            for key, item in value.items():
                if names is not None and not names(key):
                    return False
                known = properties.get(key)
                if known is not None:
                    if not known(item):
                        return False
                elif extra_check is not None and not extra_check(item):
                    return False
            return True

        return check


def _first_object_key(schema: dict[str, Any]) -> str:
    object_keys = ("properties", "additionalProperties", "required", "propertyNames")
    return next(key for key in schema if key in object_keys)


def _type(arg: Any) -> Check:
    kinds = arg if isinstance(arg, list) else [arg]
    return lambda value: any(_is_type(kind, value) for kind in kinds)


def _pattern(arg: str) -> Check:
    search = re.compile(arg).search
    return lambda value: not isinstance(value, str) or search(value) is not None


def _dependent(arg: dict[str, list[str]]) -> Check:
    return lambda value: (
        not isinstance(value, dict)
        or all(all(need in value for need in needs) for key, needs in arg.items() if key in value)
    )


_SIMPLE: dict[str, Callable[[Any], Check]] = {
    "type": _type,
    "enum": lambda arg: lambda value: _same(value, arg),
    "const": lambda arg: lambda value: _same(value, [arg]),
    "pattern": _pattern,
    "minimum": lambda arg: lambda value: not _number(value) or value >= arg,
    "maximum": lambda arg: lambda value: not _number(value) or value <= arg,
    "minLength": lambda arg: lambda value: not isinstance(value, str) or len(value) >= arg,
    "minItems": lambda arg: lambda value: not isinstance(value, list) or len(value) >= arg,
    "minProperties": lambda arg: lambda value: not isinstance(value, dict) or len(value) >= arg,
    "maxProperties": lambda arg: lambda value: not isinstance(value, dict) or len(value) <= arg,
    "dependentRequired": _dependent,
}
