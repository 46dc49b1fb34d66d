"""The operations of the PortOne V1 API, one module each, named after it; use them through ``portone_v1.Client`` and ``portone_v1.AsyncClient``."""

from __future__ import annotations

from typing import Any, Literal

from .. import _http
from . import cancel, get_token

OPERATIONS: dict[str, _http.Operation[Any]] = {
    "get_token": get_token.OPERATION,
    "cancel": cancel.OPERATION,
}
# The name of an operation, as FakeProvider.script takes it.
OperationName = Literal["get_token", "cancel"]


class SyncOperations(
    get_token.SyncMethods,
    cancel.SyncMethods,
    _http.SyncSender,
):
    """The operation methods of ``Client``."""


class AsyncOperations(
    get_token.AsyncMethods,
    cancel.AsyncMethods,
    _http.AsyncSender,
):
    """The operation methods of ``AsyncClient``."""
