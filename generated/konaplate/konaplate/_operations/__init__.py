"""The operations of the KONA PLATE API, one module each, named after it; use them through ``konaplate.Client`` and ``konaplate.AsyncClient``."""

from __future__ import annotations

from typing import Any, Literal

from .. import _http
from . import get_refund_fee

OPERATIONS: dict[str, _http.Operation[Any]] = {
    "get_refund_fee": get_refund_fee.OPERATION,
}
# The name of an operation, as FakeProvider.script takes it.
OperationName = Literal["get_refund_fee"]


class SyncOperations(
    get_refund_fee.SyncMethods,
    _http.SyncSender,
):
    """The operation methods of ``Client``."""


class AsyncOperations(
    get_refund_fee.AsyncMethods,
    _http.AsyncSender,
):
    """The operation methods of ``AsyncClient``."""
