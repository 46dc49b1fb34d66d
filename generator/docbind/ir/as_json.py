"""The IR as JSON, for `docbind inspect --json`: what docbind understood, in plain data."""

from __future__ import annotations

import dataclasses
from typing import Any

from docbind.ir.diagnostics import Loc
from docbind.ir.model import Api


def _plain(value: Any) -> Any:
    if isinstance(value, Loc):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def api_to_json(api: Api) -> dict[str, Any]:
    plain: dict[str, Any] = _plain(api)
    return plain
