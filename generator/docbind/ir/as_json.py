"""The IR as JSON, for `docbind inspect --json`: what docbind understood, in plain data."""

from __future__ import annotations

import dataclasses
from typing import Any

from docbind.ir.diagnostics import Loc
from docbind.ir.model import Api

_SCALARS = (str, int, float, bool, type(None))
_FIELDS: dict[type, tuple[str, ...]] = {}  # a dataclass's field names, looked up once a class


def plain(value: Any, locs: bool = True) -> Any:
    """``value`` as JSON data: dataclasses become mappings, tuples lists, ``Loc`` text. Without
    ``locs``, every ``loc`` key is left out, at any depth."""
    if type(value) in _SCALARS:
        return value
    if isinstance(value, Loc):
        return str(value)
    names = _FIELDS.get(type(value))
    if names is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELDS[type(value)] = tuple(f.name for f in dataclasses.fields(value))
    if names is not None:
        return {n: plain(getattr(value, n), locs) for n in names if locs or n != "loc"}
    if isinstance(value, tuple | list):
        return [plain(v, locs) for v in value]
    if isinstance(value, dict):
        items = ((str(k), v) for k, v in value.items())
        return {k: plain(v, locs) for k, v in items if locs or k != "loc"}
    return value


def api_to_json(api: Api) -> dict[str, Any]:
    data: dict[str, Any] = plain(api)
    return data
