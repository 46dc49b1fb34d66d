"""A request body as JSON, exactly as the documents describe it (written by docbind, the same
in every generated package): compact, by wire name, and a decimal as a JSON number with its own
digits."""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, get_args

from pydantic_core import to_json

if TYPE_CHECKING:  # importing pydantic's models is left to the models (see _operation)
    from pydantic import BaseModel


def dump_json(
    model: BaseModel,
    exclude: set[str] | None = None,
    replace: Mapping[str, str] | None = None,
) -> bytes:
    """Compact JSON of ``model`` by wire name, as pydantic writes it, except that a decimal is a
    JSON number with its own digits (pydantic writes a string; a float would round).
    ``exclude`` names attributes sent elsewhere (path and query parameters); ``replace``
    gives top-level values by wire name (the ciphertext of encrypted fields)."""
    decimals = _DECIMALS.get(type(model))
    if decimals is None:
        decimals = _holds_decimal(type(model), set())
    if not replace and not decimals:
        text = model.model_dump_json(by_alias=True, exclude_none=True, exclude=exclude)
        return text.encode("utf-8")
    data = model.model_dump(by_alias=True, exclude_none=True, exclude=exclude)
    return _json({**data, **(replace or {})}).encode("utf-8")


_DECIMALS: dict[type, bool] = {}  # model class → whether a decimal may appear in it


def _holds_decimal(annotation: Any, seen: set[type]) -> bool:
    from pydantic import BaseModel  # a model exists, so this import is done already

    if annotation is Decimal:
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        known = _DECIMALS.get(annotation)
        if known is not None or annotation in seen:
            return bool(known)
        seen.add(annotation)
        found = any(
            _holds_decimal(f.annotation, seen) for f in annotation.model_fields.values()
        )
        _DECIMALS[annotation] = found
        return found
    return any(_holds_decimal(arg, seen) for arg in get_args(annotation))


def _json(value: Any) -> str:
    if isinstance(value, dict):
        items = (f"{_json(str(key))}:{_json(item)}" for key, item in value.items())
        return "{" + ",".join(items) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(_json(item) for item in value) + "]"
    if isinstance(value, Decimal):
        return _number(value)
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(
            f"{value} cannot be written as a JSON number"
        )  # NaN is not JSON
    return to_json(value).decode("utf-8")


def _number(value: Decimal) -> str:
    if not value.is_finite():
        raise ValueError(f"{value} cannot be written as a JSON number")
    # Plain digits (1.05, 100) where they stay short; exponent form (valid JSON) beyond that.
    return format(value, "f") if abs(value.adjusted()) <= 64 else str(value)


def dump_value(value: Any) -> bytes:
    """Compact JSON of a plain value (the caller's ``extra_body``), decimals as numbers."""
    return _json(value).encode("utf-8")
