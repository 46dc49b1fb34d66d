"""Request array elements with limits, as ``Annotated`` aliases in ``_types``.

datamodel-code-generator would turn such an element into a ``RootModel`` class it names itself
(``Tag``, or ``Tag1`` beside a code table ``Tag``), so the models import these aliases instead:
the attribute stays a ``list[str]`` and the name is docbind's (``class_names.item_type``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from docbind.backends.pylit import Call, Code, py_literal

_BASES = {"string": "str", "integer": "int", "number": "Decimal"}
# JSON Schema keyword → pydantic ``Field`` argument, for the keywords an element can carry.
_FIELD_ARGUMENTS = {
    "minLength": "min_length",
    "maxLength": "max_length",
    "pattern": "pattern",
    "minimum": "ge",
    "maximum": "le",
    "multipleOf": "multiple_of",
}


def item_alias(name: str, schema: dict[str, Any]) -> str:
    """One alias as source: ``Name = Annotated[str, Field(max_length=5), item_bytes(0, 5)]``."""
    base = _BASES[schema["type"]]
    arguments: list[tuple[str, object]] = []
    for keyword, argument in _FIELD_ARGUMENTS.items():
        if keyword in schema:
            value = schema[keyword]
            if base == "Decimal" and keyword != "pattern":
                value = Code(f"Decimal({py_literal(str(Decimal(str(value))))})")
            arguments.append((argument, value))
    parts = [base]
    if arguments:
        parts.append(py_literal(Call("Field", (), tuple(arguments))))
    if "x-max-bytes" in schema:
        limits = (schema.get("x-min-bytes", 0), schema["x-max-bytes"])
        parts.append(py_literal(Call("item_bytes", limits)))
    return f"{name} = Annotated[{', '.join(parts)}]"


def item_aliases(item_types: dict[str, dict[str, Any]]) -> list[str]:
    return [item_alias(name, schema) for name, schema in sorted(item_types.items())]


def uses_decimal(item_types: dict[str, dict[str, Any]]) -> bool:
    return any(schema["type"] == "number" for schema in item_types.values())
