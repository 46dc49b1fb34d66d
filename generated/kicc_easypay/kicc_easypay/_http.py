"""The HTTP machinery behind ``Client`` and ``AsyncClient``, written by docbind (the same in
every generated package).

Each operation is described by data (:class:`Operation`) generated from the spec; this module
prepares a request from it (computed values, validation, signatures), sends it with bounded
retries where the spec says repeating is safe, runs the documented recovery rules, and reads the
answer by the documented success rule.
"""

from __future__ import annotations

import logging
import math
import random
import time
from typing import Any

import httpx

from . import _errors as errors
from . import _logs
from ._answer import apply_recovery, parse, recovery_for, verify_signature
from ._api import ENCODING
from ._arguments import arguments, payload
from ._body import (
    MAX_RESPONSE_BYTES,
    _TooLarge,
    _Unreadable,
    exchange_async,
    exchange_within,
    request_for,
)
from ._clock import format_time, local_now
from ._errors import MASK
from ._extra import Extra
from ._operation import (
    AsyncSender,
    Auth,
    Computed,
    Credentials,
    Encrypted,
    HeaderRule,
    Operation,
    Prepared,
    RawResponse,
    Recovery,
    Sent,
    Signer,
    SyncSender,
    auth_headers,
    charset_of,
    crypto,
    plain_text,
    request_id,
)
from ._prepare import decode_body, prepare
from ._timing import Timeout, attempt_seconds, retry_after

# What the generated modules use as ``_http.<name>``; the parts live in _operation (the data),
# _prepare (building a request), _body (reading an answer) and _answer (judging it).
__all__ = [
    "MAX_RESPONSE_BYTES",
    "AsyncSender",
    "Auth",
    "Computed",
    "Credentials",
    "Encrypted",
    "Extra",
    "HeaderRule",
    "Operation",
    "RawResponse",
    "Recovery",
    "Sent",
    "Signer",
    "SyncSender",
    "Timeout",
    "arguments",
    "attempt_seconds",
    "auth_headers",
    "charset_of",
    "crypto",
    "decode_body",
    "format_time",
    "local_now",
    "parse",
    "payload",
    "plain_text",
    "prepare",
    "send",
    "send_async",
    "verify_signature",
]

logger = logging.getLogger(__name__.rpartition(".")[0])  # the package's logger
_logs.configure(logger)  # <PACKAGE>_LOG=debug or info

BACKOFF_BASE = 0.5  # seconds before the first retry; doubled each time, with jitter
BACKOFF_CAP = 8.0


# --- retries --------------------------------------------------------------------------------


def backoff(attempt: int, retry_after: float | None = None) -> float:
    """Seconds to wait before attempt ``attempt + 1``: exponential, capped, with jitter."""
    if retry_after is not None:
        return retry_after
    delay = min(BACKOFF_BASE * 2.0 ** (attempt - 1), BACKOFF_CAP)
    return delay * (0.5 + random.random() / 2)


def _transport_failure(exc: httpx.TransportError) -> tuple[str, bool]:
    """(kind, maybe_sent): a request that never left is always safe to try again."""
    if isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout):
        return "connection", False
    if isinstance(exc, httpx.TimeoutException):
        return "timeout", True
    return "connection", True


def _may_retry_failure(op: Operation[Any], kind: str, maybe_sent: bool) -> bool:
    return not maybe_sent or (op.retry_safe and kind in op.retry_on)


def _may_retry_status(op: Operation[Any], status: int) -> bool:
    kind = "http_429" if status == 429 else "http_5xx" if status >= 500 else None
    return kind is not None and op.retry_safe and kind in op.retry_on


def _failure(
    op: Operation[Any],
    prepared: Prepared,
    exc: httpx.TransportError,
    attempts: int,
    maybe_sent: bool,
    last_status: int | None,
) -> errors.APIConnectionError:
    """The final error; ``maybe_sent`` says whether ANY attempt may have reached the provider,
    whatever the last one saw (a refund that timed out stays "maybe sent" when the retries then
    cannot connect)."""
    cls = (
        errors.APITimeoutError
        if isinstance(exc, httpx.TimeoutException)
        else errors.APIConnectionError
    )
    what = "timed out" if cls is errors.APITimeoutError else "could not connect"
    hint = (
        f"; look the transaction up by its key {_shown_key(op, prepared)}"
        if maybe_sent and prepared.idempotency_key
        else ""
    )
    return cls(
        f"{op.name}: {what} after {attempts} attempt(s) ({type(exc).__name__}){hint}",
        maybe_sent=maybe_sent,
        idempotency_key=prepared.idempotency_key,
        attempts=attempts,
        http_status=last_status,
    )


def _log(
    op: Operation[Any], prepared: Prepared, attempt: int, started: float, outcome: str
) -> None:
    elapsed = (time.monotonic() - started) * 1000
    logger.info(
        "%s %s -> %s in %.0f ms (attempt %d, key %s)",
        prepared.method,
        op.path,
        outcome,
        elapsed,
        attempt,
        _shown_key(op, prepared),
    )


def _shown_key(op: Operation[Any], prepared: Prepared) -> str:
    """The idempotency key as logs and messages show it: masked where it is sensitive."""
    if prepared.idempotency_key is None:
        return "-"
    return MASK if op.key_is_sensitive else prepared.idempotency_key


class _Attempts:
    """Bookkeeping shared by the sync and async send loops (no network I/O here)."""

    def __init__(
        self,
        op: Operation[Any],
        prepared: Prepared,
        max_retries: int,
        max_bytes: int,
    ) -> None:
        self.op = op
        self.prepared = prepared
        self.max_retries = max_retries
        self.max_bytes = max_bytes
        self.count = 0
        self.recoveries: dict[str, int] = {}
        self.recovered_by: str | None = None
        self.last_status: int | None = None  # of the last attempt that got an answer
        self.maybe_sent = False  # may any attempt so far have reached the provider?

    def next_request(
        self, http: httpx.Client | httpx.AsyncClient, limits: dict[str, Any]
    ) -> tuple[httpx.Request, float]:
        """The next attempt's request (counted and logged), and when the attempt started."""
        self.count += 1
        started = time.monotonic()
        _logs.request(logger, self.op, self.prepared, self.count)
        prepared = self.prepared
        request = request_for(
            http,
            prepared.method,
            prepared.url,
            prepared.headers,
            prepared.body,
            limits,
            fixed_url=not self.op.path_params,
        )
        return request, started

    def failed(self, exc: httpx.TransportError, started: float) -> float:
        """Seconds to wait before trying again; raises when it must not be tried again."""
        kind, maybe_sent = _transport_failure(exc)
        self.maybe_sent = self.maybe_sent or maybe_sent
        _log(self.op, self.prepared, self.count, started, type(exc).__name__)
        if self.count > self.max_retries or not _may_retry_failure(
            self.op, kind, maybe_sent
        ):
            raise _failure(
                self.op,
                self.prepared,
                exc,
                self.count,
                self.maybe_sent,
                self.last_status,
            ) from None
        return backoff(self.count)

    def unreadable(self, exc: _Unreadable) -> errors.Error:
        """The answer arrived (so the request was processed) but cannot be read: final."""
        self.maybe_sent = True
        self.last_status = exc.status
        context: dict[str, Any] = {
            "idempotency_key": self.prepared.idempotency_key,
            "attempts": self.count,
            "http_status": exc.status,
            "headers": exc.headers,
            "request_id": request_id(exc.headers),
        }
        hint = (
            f"; look the transaction up by its key {_shown_key(self.op, self.prepared)}"
            if self.prepared.idempotency_key
            else ""
        )
        if isinstance(exc, _TooLarge):
            return errors.ResponseTooLargeError(
                f"{self.op.name}: the answer is larger than {self.max_bytes} bytes{hint}",
                limit=self.max_bytes,
                **context,
            )
        return errors.ResponseDecodeError(
            f"{self.op.name}: the answer cannot be decoded: {exc}{hint}",
            body=b"",
            **context,
        )

    def answered(
        self, response: httpx.Response, content: bytes, started: float
    ) -> RawResponse[Any]:
        _log(self.op, self.prepared, self.count, started, str(response.status_code))
        self.maybe_sent = True
        self.last_status = response.status_code
        op = self.op
        charset = charset_of(op, self.prepared.payload) if op.response_charset else None
        raw = RawResponse(
            response.status_code,
            response.headers,
            content,
            self.count,
            self.prepared.idempotency_key,
            time.monotonic() - started,
            self.recovered_by,
            charset=charset,
            url_decoded=op.url_decoded,
            url_charset=charset or ENCODING,
            operation=self.op,
        )
        _logs.response(logger, self.op, raw)
        return raw

    def next_step(self, raw: RawResponse[Any]) -> float | None:
        """None when ``raw`` is final; otherwise the wait before the next attempt."""
        if self.count <= self.max_retries and _may_retry_status(
            self.op, raw.status_code
        ):
            return backoff(self.count, retry_after(raw.headers))
        rule = recovery_for(self.op, self.prepared, raw, self.recoveries)
        if rule is None:
            return None
        logger.info(
            "%s: %s: re-sending with %s (key %s)",
            self.op.name,
            rule.name,
            dict(rule.resend),
            _shown_key(self.op, self.prepared),
        )
        self.recoveries[rule.name] = self.recoveries.get(rule.name, 0) + 1
        self.recovered_by = rule.name
        self.prepared = apply_recovery(self.op, self.prepared, rule)
        return 0.0


def send(
    http: httpx.Client,
    op: Operation[Any],
    prepared: Prepared,
    timeout: Timeout,
    max_retries: int,
    max_bytes: int = MAX_RESPONSE_BYTES,
) -> RawResponse[Any]:
    state = _Attempts(op, prepared, max_retries, max_bytes)
    seconds = attempt_seconds(timeout)  # bounds the whole attempt; None: unbounded
    limits = httpx.Timeout(timeout).as_dict()  # each phase's, as httpx reads them
    while True:
        request, started = state.next_request(http, limits)
        try:
            response, content = exchange_within(
                http, request, max_bytes, started, seconds
            )
        except httpx.TransportError as exc:
            time.sleep(state.failed(exc, started))
            continue
        except _Unreadable as exc:
            raise state.unreadable(exc) from None
        raw = state.answered(response, content, started)
        wait = state.next_step(raw)
        if wait is None:
            return raw
        time.sleep(wait)


async def send_async(
    http: httpx.AsyncClient,
    op: Operation[Any],
    prepared: Prepared,
    timeout: Timeout,
    max_retries: int,
    max_bytes: int = MAX_RESPONSE_BYTES,
) -> RawResponse[Any]:
    import asyncio  # here, not at the top: importing the package should not pay for asyncio

    state = _Attempts(op, prepared, max_retries, max_bytes)
    seconds = attempt_seconds(timeout)  # bounds the whole attempt; None: unbounded
    limits = httpx.Timeout(timeout).as_dict()  # each phase's, as httpx reads them
    while True:
        request, started = state.next_request(http, limits)
        try:
            # The timeout bounds the whole attempt: a server that drips its answer a byte at a
            # time is cut off, not only one that goes silent.
            async with asyncio.timeout(seconds):
                response, content = await exchange_async(
                    http,
                    request,
                    max_bytes,
                    started + (math.inf if seconds is None else seconds),
                )
        except TimeoutError:
            exc = httpx.ReadTimeout("no whole answer within the timeout")
            await asyncio.sleep(state.failed(exc, started))
            continue
        except httpx.TransportError as exc:
            await asyncio.sleep(state.failed(exc, started))
            continue
        except _Unreadable as exc:
            raise state.unreadable(exc) from None
        raw = state.answered(response, content, started)
        wait = state.next_step(raw)
        if wait is None:
            return raw
        await asyncio.sleep(wait)
