"""The caller's values, as the generated operation methods pass them: keyword arguments by
Python name to a payload and headers by wire name (written by docbind, the same in every
generated package)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ._operation import Operation

if TYPE_CHECKING:  # importing pydantic's models is left to the models (see _operation)
    from pydantic import BaseModel


def payload(request: BaseModel | None, values: dict[str, Any]) -> dict[str, Any]:
    """The caller's values by wire name: the request model's, then the keyword arguments.

    Nothing is validated here: ``prepare`` validates once, after the computed values.
    Models are given as data, so that this validation checks them too (pydantic accepts a
    model instance as it is, and a caller may have changed its attributes since).
    """
    given = {name: _data(value) for name, value in values.items() if value is not None}
    if request is None:
        return given
    return {**request.model_dump(by_alias=True, exclude_none=True), **given}


def arguments(
    op: Operation[Any],
    request: BaseModel | None,
    given: Mapping[str, Any],
    body: Mapping[str, str],
    headers: Mapping[str, str],
) -> tuple[dict[str, Any], dict[str, str | None]]:
    """The payload and headers of a call from its keyword arguments, by Python name.

    ``body`` and ``headers`` map the names to wire names; an unknown name is refused as
    Python refuses one.
    """
    if not given:  # a request model alone (or nothing): no names to map
        return payload(request, {}), {}
    unknown = sorted(set(given) - set(body) - set(headers))
    if unknown:
        raise TypeError(
            f"{op.name}() got an unexpected keyword argument {unknown[0]!r}"
        )
    values = payload(request, {wire: given.get(name) for name, wire in body.items()})
    return values, {wire: given.get(name) for name, wire in headers.items()}


def _data(value: Any) -> Any:
    from pydantic import BaseModel

    if isinstance(value, BaseModel):
        return value.model_dump(by_alias=True, exclude_none=True)
    if isinstance(value, list | tuple):
        return [_data(item) for item in value]
    return value
