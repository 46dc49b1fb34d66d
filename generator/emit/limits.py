"""A field's documented limits as JSON Schema keywords, shared by the models step and OpenAPI."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..ir import Field


def length_keywords(f: Field, byte_key: str) -> dict[str, Any]:
    """Characters as ``maxLength``/``minLength``; bytes (which JSON Schema cannot count) under
    ``<byte_key>`` and its ``min`` twin, e.g. ``x-max-bytes`` / ``x-min-bytes``."""
    schema: dict[str, Any] = {}
    if f.max_chars is not None:
        schema["maxLength"] = f.max_chars
        if f.exact_length:
            schema["minLength"] = f.max_chars
    if f.max_bytes is not None:
        schema[byte_key] = f.max_bytes
        if f.exact_length:
            schema[byte_key.replace("max", "min")] = f.max_bytes
    return schema


def number_keywords(f: Field) -> dict[str, Any]:
    schema: dict[str, Any] = {}
    if f.minimum is not None:
        schema["minimum"] = f.minimum
    if f.maximum is not None:
        schema["maximum"] = f.maximum
    if f.places is not None:
        schema["multipleOf"] = float(Decimal(1).scaleb(-f.places))
    return schema
