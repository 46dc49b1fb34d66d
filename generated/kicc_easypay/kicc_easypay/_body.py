"""Reading an answer's body, bounded in size (after decompression) and in time (written by
docbind, the same in every generated package). The ``exchange`` functions send a request and
read its whole answer within the attempt's deadline, never following a redirect."""

from __future__ import annotations

import math
import time
import zlib
from collections.abc import AsyncIterator, Callable, Mapping
from typing import TYPE_CHECKING, Any

import httpx

from ._deadline import Overran, run_within, watch

if TYPE_CHECKING:  # httpx imports it when it makes its transport, not with httpx
    import httpcore

# The largest answer read, after decompression: payment APIs answer in kilobytes, so anything
# near this is a fault (a decompression bomb, an endless stream). ``max_response_bytes=`` on the
# client changes it.
MAX_RESPONSE_BYTES = 10 * 1024 * 1024

# --- reading an answer, bounded -------------------------------------------------------------


class _Unreadable(Exception):
    """An answer arrived but cannot be read; ``status`` is its HTTP status."""

    status = 0
    headers: httpx.Headers | None = None


class _TooLarge(_Unreadable):
    """The answer grew past the limit (raw or decoded)."""


class _BadEncoding(_Unreadable):
    """The answer's Content-Encoding is unknown or its compressed data is invalid."""


class _Inflater:
    """One content coding (gzip or deflate), decoded in steps that never produce more than the
    room left: a small compressed body cannot inflate to gigabytes in memory."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self._raw_deflate = False
        self._decoder = self._new()

    def _new(self) -> Any:
        if self.coding in ("gzip", "x-gzip"):
            return zlib.decompressobj(zlib.MAX_WBITS | 16)
        return zlib.decompressobj(
            -zlib.MAX_WBITS if self._raw_deflate else zlib.MAX_WBITS
        )

    def feed(self, data: bytes, room: int) -> bytes:
        out: list[bytes] = []
        size = 0
        while data:
            try:
                chunk = self._decoder.decompress(data, room - size + 1)
            except zlib.error as exc:
                if self.coding == "deflate" and not self._raw_deflate and not out:
                    self._raw_deflate = (
                        True  # servers send deflate with and without a header
                    )
                    self._decoder = self._new()
                    continue
                raise _BadEncoding(f"invalid {self.coding} data ({exc})") from None
            size += len(chunk)
            if size > room:
                raise _TooLarge
            out.append(chunk)
            data = self._decoder.unconsumed_tail
            if not data and self._decoder.eof and self._decoder.unused_data:
                data = self._decoder.unused_data  # the next gzip member
                self._decoder = self._new()
        return b"".join(out)


class BodyReader:
    """Collects an answer's body chunk by chunk, decoded, up to ``limit`` bytes and before
    ``deadline`` (``time.monotonic()``): the timeout bounds the whole attempt, not each read.
    """

    def __init__(self, response: httpx.Response, limit: int, deadline: float) -> None:
        self.limit = limit
        self.deadline = deadline
        self.parts: list[bytes] = []
        self.size = 0
        self.raw_size = 0
        codings = [
            c.strip().lower()
            for c in response.headers.get("content-encoding", "").split(",")
            if c.strip() and c.strip().lower() != "identity"
        ]
        unknown = [c for c in codings if c not in ("gzip", "x-gzip", "deflate")]
        if unknown:
            raise _BadEncoding(f"unsupported Content-Encoding {', '.join(unknown)}")
        self.inflaters = [_Inflater(c) for c in reversed(codings)]
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > limit:
            raise _TooLarge

    def feed(self, raw: bytes) -> None:
        self.raw_size += len(raw)
        if self.raw_size > self.limit:  # also bounds streams that decode to nothing
            raise _TooLarge
        data = raw
        for inflater in self.inflaters:
            data = inflater.feed(data, self.limit - self.size)
        self.size += len(data)
        if self.size > self.limit:
            raise _TooLarge
        self.parts.append(data)
        if time.monotonic() > self.deadline:
            raise httpx.ReadTimeout("the answer did not arrive within the timeout")

    def content(self) -> bytes:
        return b"".join(self.parts)


def _in_memory(response: httpx.Response, limit: int) -> bytes | None:
    """The body of an answer built in memory (a mock transport), which httpx has already read
    and decoded; None for an answer from the network."""
    if not response.is_stream_consumed:
        return None
    if len(response.content) > limit:
        raise _TooLarge
    return response.content


def read_body(response: httpx.Response, limit: int, deadline: float) -> bytes:
    content = _in_memory(response, limit)
    if content is not None:
        return content
    reader = BodyReader(response, limit, deadline)
    for raw in response.iter_raw():
        reader.feed(raw)
    return reader.content()


async def read_body_async(
    response: httpx.Response, limit: int, deadline: float
) -> bytes:
    content = _in_memory(response, limit)
    if content is not None:
        return content
    reader = BodyReader(response, limit, deadline)
    chunks: AsyncIterator[bytes] = response.aiter_raw()
    async for raw in chunks:
        reader.feed(raw)
    return reader.content()


def request_for(
    http: httpx.Client | httpx.AsyncClient,
    method: str,
    url: str,
    headers: Mapping[str, str],
    body: bytes,
    timeout: dict[str, Any],
    fixed_url: bool = False,
) -> httpx.Request:
    """The request ``http.build_request`` builds: the client's headers with ours in place of
    those of the same names, the body, and ``timeout`` (``httpx.Timeout.as_dict()``). Built
    here because httpx merges the headers by copying and searching its list once per header;
    a client with cookies, query parameters of its own, or a URL
    that is not absolute, is left to ``build_request``. ``fixed_url``: the operation has no
    path parameter, so a URL without a query holds none of the caller's values and its
    parsed form may be kept."""
    if http.cookies or http.params or not url.startswith(("https://", "http://")):
        return http.build_request(
            method, url, headers=headers, content=body, extensions={"timeout": timeout}
        )
    ours = {name.lower().encode("ascii") for name in headers}
    kept = [(k, v) for k, v in http.headers.raw if k.lower() not in ours]
    merged: list[tuple[Any, Any]] = [*kept, *headers.items()]
    extensions = {"timeout": timeout}
    return httpx.Request(
        method,
        _parsed(url) if fixed_url and "?" not in url else url,
        headers=merged,
        content=body,
        extensions=extensions,
    )


# An operation's URL, parsed once: parsing it is a sixth of what httpx does for a call.
_URLS: dict[str, httpx.URL] = {}


def _parsed(url: str) -> httpx.URL:
    found = _URLS.get(url)
    if found is None:
        if len(_URLS) >= 64:
            _URLS.clear()
        found = _URLS[url] = httpx.URL(url)
    return found


def _exchange(
    http: httpx.Client,
    request: httpx.Request,
    max_bytes: int,
    deadline: float,
    done: Callable[[], None] | None = None,
) -> tuple[httpx.Response, bytes]:
    # Never follow a redirect, whatever the caller's client says: a signed body and credentials
    # must not be re-sent to another origin, and a re-issued refund is not ours to decide.
    response = http.send(request, stream=True, follow_redirects=False)
    try:
        return response, read_body(response, max_bytes, deadline)
    except _Unreadable as exc:
        exc.status, exc.headers = response.status_code, response.headers
        raise
    finally:
        if done is not None:  # before the connection goes back to the pool
            done()
        response.close()


def exchange_within(
    http: httpx.Client,
    request: httpx.Request,
    max_bytes: int,
    started: float,
    seconds: float | None,
) -> tuple[httpx.Response, bytes]:
    """The exchange, bounded as a whole by ``seconds`` (None: unbounded); httpx bounds each
    read only, so a server dripping its status line and headers needs the helper thread.
    """
    if seconds is None:
        return _exchange(http, request, max_bytes, math.inf)
    transport = _transport(http, request)
    if isinstance(transport, httpx.MockTransport):
        # The caller's own code answers: no socket can drip, nothing for a helper to bound.
        return _exchange(http, request, max_bytes, started + seconds)
    pool = _pool_to_reuse(transport, request.url)
    if pool is not None:
        return _watched(http, request, max_bytes, started + seconds, pool)

    def work(
        trace: Callable[[str, dict[str, Any]], None],
    ) -> tuple[httpx.Response, bytes]:
        request.extensions["trace"] = trace
        return _exchange(http, request, max_bytes, started + seconds)

    try:
        return run_within(work, started + seconds - time.monotonic())
    except Overran:
        raise httpx.ReadTimeout("no whole answer within the timeout") from None


def _transport(http: httpx.Client, request: httpx.Request) -> Any:
    """The transport that sends ``request`` (None when the client cannot say)."""
    transport_for = getattr(http, "_transport_for_url", None)
    return None if transport_for is None else transport_for(request.url)


_ORIGINS: dict[tuple[bytes, bytes, int | None], httpcore.Origin] = {}


def _pool_to_reuse(transport: Any, url: httpx.URL) -> Any:
    """httpcore's pool behind httpx's own transport, when it holds an idle HTTP/1.1
    connection to ``url``'s origin that the request will reuse (no host to resolve, a
    socket to shut); None for anything else: a proxy, HTTP/2, another transport."""
    if type(transport) is not httpx.HTTPTransport:
        return None
    import httpcore  # loaded already: httpx's transport is made of it

    pool = getattr(transport, "_pool", None)
    if type(pool) is not httpcore.ConnectionPool or getattr(pool, "_http2", True):
        return None
    key = (url.raw_scheme, url.raw_host, url.port)
    origin = _ORIGINS.get(key)
    if origin is None:
        target = httpcore.URL(scheme=key[0], host=key[1], port=key[2], target=b"/")
        if len(_ORIGINS) >= 64:  # one a host the client talks to: a bound, not a need
            _ORIGINS.clear()
        origin = _ORIGINS.setdefault(key, target.origin)
    for connection in pool.connections:
        if (
            connection.can_handle_request(origin)
            and connection.is_idle()
            and not connection.has_expired()
        ):
            return pool
    return None


def _watched(
    http: httpx.Client,
    request: httpx.Request,
    max_bytes: int,
    deadline: float,
    pool: Any,
) -> tuple[httpx.Response, bytes]:
    """The exchange on the caller's thread, its socket shut by the watchdog at the deadline
    (the read it wakes fails: that failure is the timeout)."""
    watched = watch(deadline, pool, request.extensions)
    try:
        return _exchange(http, request, max_bytes, deadline, watched.finish)
    except httpx.TransportError:
        if watched.fired:
            raise httpx.ReadTimeout("no whole answer within the timeout") from None
        raise
    finally:
        watched.finish()


async def exchange_async(
    http: httpx.AsyncClient, request: httpx.Request, max_bytes: int, deadline: float
) -> tuple[httpx.Response, bytes]:
    response = await http.send(request, stream=True, follow_redirects=False)
    try:
        return response, await read_body_async(response, max_bytes, deadline)
    except _Unreadable as exc:
        exc.status, exc.headers = response.status_code, response.headers
        raise
    finally:
        await response.aclose()
