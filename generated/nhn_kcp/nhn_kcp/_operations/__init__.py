"""The operations of the NHN KCP API, one module each, named after it; use them through ``nhn_kcp.Client`` and ``nhn_kcp.AsyncClient``."""

from __future__ import annotations

from typing import Any, Literal

from .. import _http
from . import cancel

OPERATIONS: dict[str, _http.Operation[Any]] = {"cancel": cancel.OPERATION}
# The name of an operation, as FakeProvider.script takes it.
OperationName = Literal["cancel"]


class SyncOperations(
    cancel.SyncMethods,
    _http.SyncSender,
):
    """The operation methods of ``Client``."""


class AsyncOperations(
    cancel.AsyncMethods,
    _http.AsyncSender,
):
    """The operation methods of ``AsyncClient``."""
