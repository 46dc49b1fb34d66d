"""A scripted answer (or failure) of the fake provider (shared by every package docbind
generates, copied as it is; the package's ``testing`` subclasses it with the API's errors).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Self


@dataclass(frozen=True)
class Fault:
    """One scripted answer (or failure) for the next matching request."""

    kind: str
    status: int = 200
    body: Any = None
    delay: float = 0.0
    headers: tuple[tuple[str, str], ...] = ()

    # The API's error answers (the package's ``testing.Fault`` sets them): the body fields of
    # the code and message, and each documented code's HTTP status and message.
    error_fields: ClassVar[tuple[str | None, str | None]] = (None, None)
    error_messages: ClassVar[dict[str, tuple[int, str]]] = {}

    @classmethod
    def timeout(cls, delay: float = 5.0) -> Self:
        """No answer in time (the loopback server sleeps ``delay`` seconds first)."""
        return cls("timeout", delay=delay)

    @classmethod
    def slow_headers(cls, delay: float) -> Self:
        """The documented answer, after ``delay`` seconds of silence before the status line."""
        return cls("slow_headers", delay=delay)

    @classmethod
    def stalled_body(cls, delay: float = 5.0) -> Self:
        """Headers and half the body arrive, then nothing for ``delay`` seconds (a read timeout
        in the middle of the answer)."""
        return cls("stalled_body", delay=delay)

    @classmethod
    def reset(cls) -> Self:
        """The connection is closed before any answer."""
        return cls("reset")

    @classmethod
    def truncated(cls) -> Self:
        """Headers promise more body than arrives."""
        return cls("truncated")

    @classmethod
    def server_error(cls, status: int = 503) -> Self:
        return cls("reply", status=status, body={"message": "fake server error"})

    @classmethod
    def rate_limited(cls, retry_after: float = 0.0) -> Self:
        return cls(
            "reply",
            status=429,
            body={"message": "slow down"},
            headers=(("Retry-After", str(retry_after)),),
        )

    @classmethod
    def malformed_json(cls) -> Self:
        return cls("raw", body=b'{"not json')

    @classmethod
    def reply(cls, status: int = 200, **fields: Any) -> Self:
        """The documented answer with ``fields`` (wire names) replaced."""
        return cls("merge", status=status, body=fields)

    @classmethod
    def error(cls, code: str, message: str | None = None) -> Self:
        """A documented error code, answered the way the spec describes errors."""
        status, documented = cls.error_messages.get(code, (400, code))
        code_field, message_field = cls.error_fields
        body = {
            code_field or "code": code,
            message_field or "message": message or documented,
        }
        return cls("merge" if code_field else "reply", status=status, body=body)
