"""The access-token flow: a token operation whose answer is cached until it expires (with a
safety margin) and fetched once however many calls want it at the same time (written by
docbind, the same in every generated package).

The token never appears in a repr, a log line or an error message.
"""

from __future__ import annotations

import math
import secrets
import threading
import time
import weakref
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from . import _errors as errors
from ._answer import parse
from ._errors import MASK
from ._extra import refusal
from ._operation import Operation, Prepared, RawResponse

FieldPath = tuple[str, ...]


@dataclass(frozen=True)
class TokenAuth:
    """The spec's ``auth: {type: token, ...}``: ``operation`` answers with the token at
    ``token_field``; its expiry is ``expires_field`` (Unix seconds, measured against
    ``now_field``, the provider's clock, when given) or ``expires_in_field`` (seconds).
    """

    operation: str
    token_field: FieldPath
    header: str = "Authorization"
    scheme: str | None = "Bearer"  # None: the token alone
    expires_field: FieldPath | None = None
    expires_in_field: FieldPath | None = None
    now_field: FieldPath | None = None
    margin: float = 60.0  # refresh this long before the token expires

    def headers(self, token: str) -> dict[str, str]:
        return {self.header: f"{self.scheme} {token}" if self.scheme else token}


def _at(data: Any, path: FieldPath) -> Any:
    for name in path:
        if not isinstance(data, Mapping):
            return None
        data = data.get(name)
    return data


def _seconds(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) and abs(number) < 1e12 else None


def _lifetime(auth: TokenAuth, data: Any) -> float | None:
    """Seconds the token stays valid from now, by the answer."""
    if auth.expires_in_field is not None:
        return _seconds(_at(data, auth.expires_in_field))
    if auth.expires_field is None:
        return None
    expires = _seconds(_at(data, auth.expires_field))
    now = time.time() if auth.now_field is None else _seconds(_at(data, auth.now_field))
    return None if expires is None or now is None else expires - now


def read_token(
    op: Operation[Any], auth: TokenAuth, raw: RawResponse[Any]
) -> tuple[str, float]:
    """(token, seconds it may be used) from the token operation's answer; an error answer
    raises its documented error, as for any operation."""
    try:
        parse(op, raw)
    except errors.ResponseDecodeError:
        raise errors.AccessTokenError(  # the body may hold the token: not kept
            f"{op.name}: the token answer could not be read as documented",
            body=b"",
            http_status=raw.status_code,
            attempts=raw.attempts,
        ) from None
    data = raw._object
    token = _at(data, auth.token_field)
    lifetime = _lifetime(auth, data)
    where = ".".join(auth.token_field)
    if not isinstance(token, str) or not token or lifetime is None or lifetime <= 0:
        raise errors.AccessTokenError(  # the body may hold the token: not kept
            f"{op.name}: the answer has no usable token at {where} or no future expiry",
            body=b"",
            http_status=raw.status_code,
            attempts=raw.attempts,
        )
    # A short-lived token is used for half its life rather than not at all.
    return token, max(lifetime - auth.margin, lifetime / 2)


def with_token(prepared: Prepared, auth: TokenAuth, token: str) -> Prepared:
    """The request carrying ``token``; a recovery rule's re-send carries it too."""
    rebuild = prepared.rebuild
    return replace(
        prepared,
        headers={**prepared.headers, **auth.headers(token)},
        rebuild=(
            None
            if rebuild is None
            else lambda changes: with_token(rebuild(changes), auth, token)
        ),
    )


def refuse_extra_header(
    auth: TokenAuth, op: Operation[Any], extra_headers: Mapping[str, str]
) -> None:
    """The token's header is the client's to set: a call's ``extra_headers`` cannot replace
    it (or skip the token flow by setting it)."""
    wanted = auth.header.lower()
    for name in extra_headers:
        if name.lower() == wanted:
            message = "set by the client from the access token; it cannot be replaced"
            raise refusal(op, f"extra_headers.{name}", message)


def _carries(auth: TokenAuth, op: Operation[Any], prepared: Prepared) -> bool:
    """The token operation itself, and a call whose caller set the header, take no token."""
    wanted = auth.header.lower()
    given = any(name.lower() == wanted for name in prepared.headers)
    return op.name != auth.operation and not given


def _no_token_in_time(op: Operation[Any]) -> errors.Error:
    return errors.APITimeoutError(
        f"{op.name}: no access token within the timeout (another call is fetching one)",
        maybe_sent=False,
    )


def _before_sending(get: Callable[[], str]) -> str:
    """The token for a call not sent yet: whatever getting it raises, the call itself was
    never sent (``maybe_sent`` describes the token request's own fate otherwise)."""
    try:
        return get()
    except errors.Error as exc:
        exc.maybe_sent = False
        raise


async def _before_sending_async(get: Awaitable[str]) -> str:
    try:
        return await get
    except errors.Error as exc:
        exc.maybe_sent = False
        raise


def _resend_after_401(op: Operation[Any], raw: RawResponse[Any]) -> bool:
    """A 401 answer was sent and seen; repeating it is only for what may be repeated."""
    return raw.status_code == 401 and op.retry_safe


class _Cache:
    """The token and when it stops being used (on ``clock``, monotonic seconds)."""

    def __init__(self, auth: TokenAuth, op: Operation[Any]) -> None:
        self.auth = auth
        self.op = op
        self.clock: Callable[[], float] = time.monotonic
        self.fetches = 0  # token requests made, for tests and metrics
        self._token: str | None = None
        self._until = 0.0

    def _valid(self) -> str | None:
        if self._token is not None and self.clock() < self._until:
            return self._token
        return None

    def _store(self, raw: RawResponse[Any]) -> str:
        self.fetches += 1
        token, usable = read_token(self.op, self.auth, raw)
        self._token, self._until = token, self.clock() + usable
        return token

    def forget(self, token: str) -> None:
        """Drop ``token`` (refused by the provider) unless another call replaced it."""
        if self._token is not None and secrets.compare_digest(self._token, token):
            self._token = None

    def __repr__(self) -> str:
        state = MASK if self._token is not None else "none"
        return (
            f"{type(self).__name__}(operation={self.auth.operation!r}, token={state})"
        )


class TokenCache(_Cache):
    """For ``Client``: threads wait on one lock while one of them fetches the token."""

    def __init__(self, auth: TokenAuth, op: Operation[Any]) -> None:
        super().__init__(auth, op)
        self._lock = threading.Lock()

    def token(
        self, fetch: Callable[[], RawResponse[Any]], wait: float | None = None
    ) -> str:
        """The cached token, or one fetched now; ``wait`` bounds the wait for another
        caller's fetch (None: as long as it takes)."""
        token = self._valid()
        if token is not None:
            return token
        if not self._lock.acquire(timeout=-1 if wait is None else wait):
            raise _no_token_in_time(self.op)
        try:
            return self._valid() or self._store(fetch())
        finally:
            self._lock.release()

    def send(
        self,
        op: Operation[Any],
        prepared: Prepared,
        fetch: Callable[[], RawResponse[Any]],
        send: Callable[[Prepared], RawResponse[Any]],
        wait: float | None = None,
    ) -> RawResponse[Any]:
        if not _carries(self.auth, op, prepared):
            return send(prepared)
        token = _before_sending(lambda: self.token(fetch, wait))
        raw = send(with_token(prepared, self.auth, token))
        if raw.status_code == 401:
            self.forget(token)
            if _resend_after_401(op, raw):
                token = _before_sending(lambda: self.token(fetch, wait))
                return send(with_token(prepared, self.auth, token))
        return raw


class AsyncTokenCache(_Cache):
    """For ``AsyncClient``: tasks wait on one lock while one of them fetches the token."""

    def __init__(self, auth: TokenAuth, op: Operation[Any]) -> None:
        super().__init__(auth, op)
        # One lock per event loop: an asyncio.Lock belongs to the loop that first waits on
        # it, and one client may serve several loops one after another (a loop per test).
        self._locks: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()

    def _lock(self) -> Any:
        import asyncio  # here: importing the package should not pay for asyncio

        loop = asyncio.get_running_loop()
        lock = self._locks.get(loop)
        if lock is None:
            lock = self._locks[loop] = asyncio.Lock()
        return lock

    async def token(
        self,
        fetch: Callable[[], Awaitable[RawResponse[Any]]],
        wait: float | None = None,
    ) -> str:
        import asyncio

        token = self._valid()
        if token is not None:
            return token
        lock = self._lock()
        try:
            async with asyncio.timeout(wait):
                await lock.acquire()
        except TimeoutError:
            raise _no_token_in_time(self.op) from None
        try:
            return self._valid() or self._store(await fetch())
        finally:
            lock.release()

    async def send(
        self,
        op: Operation[Any],
        prepared: Prepared,
        fetch: Callable[[], Awaitable[RawResponse[Any]]],
        send: Callable[[Prepared], Awaitable[RawResponse[Any]]],
        wait: float | None = None,
    ) -> RawResponse[Any]:
        if not _carries(self.auth, op, prepared):
            return await send(prepared)
        token = await _before_sending_async(self.token(fetch, wait))
        raw = await send(with_token(prepared, self.auth, token))
        if raw.status_code == 401:
            self.forget(token)
            if _resend_after_401(op, raw):
                token = await _before_sending_async(self.token(fetch, wait))
                return await send(with_token(prepared, self.auth, token))
        return raw


# --- the fake provider's side --------------------------------------------------------------


class TokenIssuer:
    """What the fake provider does with tokens: issues them, and refuses calls without a
    valid one."""

    def __init__(self, auth: TokenAuth, lifetime: float = 1800.0) -> None:
        self.auth = auth
        self.lifetime = lifetime
        self._issued: dict[str, float] = {}  # token → Unix time it expires
        self._lock = threading.Lock()

    def issue(self, answer: dict[str, Any]) -> None:
        """Write a new token, and its expiry, into the token operation's answer."""
        now = int(time.time())
        token = secrets.token_hex(20)
        with self._lock:
            self._issued[token] = now + self.lifetime
        _put(answer, self.auth.token_field, token)
        if self.auth.expires_in_field is not None:
            _put(answer, self.auth.expires_in_field, int(self.lifetime))
        if self.auth.expires_field is not None:
            _put(answer, self.auth.expires_field, int(now + self.lifetime))
        if self.auth.now_field is not None:
            _put(answer, self.auth.now_field, now)

    def expire_all(self) -> None:
        """Every token issued so far stops being valid (as when it times out)."""
        with self._lock:
            self._issued = dict.fromkeys(self._issued, 0.0)

    def refusal(
        self,
        op: Operation[Any],
        payload: Any,
        headers: Mapping[str, str],
        known: Mapping[str, str],
    ) -> str | None:
        """Why a request is refused: the token operation wants the credentials the fake was
        given (``known``), every other operation a token it issued that has not expired.
        """
        if op.name == self.auth.operation:
            sent = payload if isinstance(payload, dict) else {}
            for rule in op.body_computed:
                if rule.kind == "credential" and not rule.path:
                    given, wanted = sent.get(rule.target), known.get(rule.arg or "")
                    if wanted is None or not isinstance(given, str) or given != wanted:
                        return f"{rule.target} is not the credential the fake was given"
            return None
        return self._problem({name.lower(): value for name, value in headers.items()})

    def _problem(self, lowered: Mapping[str, str]) -> str | None:
        sent = lowered.get(self.auth.header.lower(), "")
        prefix = f"{self.auth.scheme} " if self.auth.scheme else ""
        if not sent.startswith(prefix):
            return f"{self.auth.header} does not carry a token"
        with self._lock:
            expires = self._issued.get(sent[len(prefix) :])
        if expires is None:
            return f"{self.auth.header} carries a token the provider did not issue"
        if expires <= time.time():
            return f"{self.auth.header} carries an expired token"
        return None


def _put(data: dict[str, Any], path: FieldPath, value: Any) -> None:
    for name in path[:-1]:
        child = data.get(name)
        if not isinstance(child, dict):
            child = data[name] = {}
        data = child
    data[path[-1]] = value
