"""The operations of the KG INICIS INIAPI API, one module each, named after it; use them through ``kg_inicis.Client`` and ``kg_inicis.AsyncClient``."""

from __future__ import annotations

from typing import Any, Literal

from .. import _http
from . import refund

OPERATIONS: dict[str, _http.Operation[Any]] = {"refund": refund.OPERATION}
# The name of an operation, as FakeProvider.script takes it.
OperationName = Literal["refund"]


class SyncOperations(
    refund.SyncMethods,
    _http.SyncSender,
):
    """The operation methods of ``Client``."""


class AsyncOperations(
    refund.AsyncMethods,
    _http.AsyncSender,
):
    """The operation methods of ``AsyncClient``."""
