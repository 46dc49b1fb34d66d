"""Reading an answer's body, bounded in size (after decompression) and in time (written by
docbind, the same in every generated package)."""

from __future__ import annotations

import time
import zlib
from collections.abc import AsyncIterator
from typing import Any

import httpx

# The largest answer read, after decompression: payment APIs answer in kilobytes, so anything
# near this is a fault (a decompression bomb, an endless stream). ``max_response_bytes=`` on the
# client changes it.
MAX_RESPONSE_BYTES = 10 * 1024 * 1024

# --- reading an answer, bounded -------------------------------------------------------------


class _Unreadable(Exception):
    """An answer arrived but cannot be read; ``status`` is its HTTP status."""

    status = 0


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
