"""Errors every client docbind generates raises; ``errors`` re-exports them.

Shared by every package docbind generates (copied as it is from docbind's ``runtime`` folder);
``errors`` adds one subclass per documented code, each naming its code in ``documented_code``,
which registers it here (:func:`error_class` finds it by that code).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

MASK = "***"  # shown in place of a secret (reprs, logs, messages)

# documented code → its class, and the documents' message; filled as ``errors`` defines them.
_BY_CODE: dict[str, type[ApiError]] = {}
DOCUMENTED_MESSAGES: dict[str, str] = {}
DOCUMENTED_CODES = _BY_CODE.keys()


class Error(Exception):
    """Base of every error raised by this client.

    An error about an answer carries its ``headers`` and the provider's ``request_id`` (quote
    it when asking the provider); both are None when no answer arrived.
    """

    def __init__(
        self,
        message: str,
        *,
        idempotency_key: str | None = None,
        attempts: int = 0,
        http_status: int | None = None,
        maybe_sent: bool = False,
        headers: Mapping[str, str] | None = None,
        request_id: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.idempotency_key = idempotency_key
        self.attempts = attempts
        self.http_status = http_status
        self.maybe_sent = maybe_sent
        self.headers = headers
        self.request_id = request_id


class RequestValidationError(Error, ValueError):
    """The request broke a documented rule; nothing was sent.

    ``errors`` lists each problem as ``(location, message)``; input values are left out so that
    account numbers and names never reach logs.
    """

    def __init__(self, message: str, errors: list[tuple[str, str]]) -> None:
        super().__init__(message)
        self.errors = errors


class APIConnectionError(Error):
    """The connection failed. ``maybe_sent`` is False only when the request never left."""

    def __init__(self, message: str, *, maybe_sent: bool, **context: Any) -> None:
        super().__init__(message, maybe_sent=maybe_sent, **context)


class APITimeoutError(APIConnectionError):
    """No answer in time. The provider may still process the request: look it up by its key."""


class ResponseDecodeError(Error):
    """An answer arrived but could not be read; ``body`` holds it as received."""

    def __init__(self, message: str, *, body: bytes, **context: Any) -> None:
        super().__init__(message, **{"maybe_sent": True, **context})
        self.body = body


class ResponseTooLargeError(ResponseDecodeError):
    """The answer was larger than ``limit`` bytes (after decompression); reading stopped there,
    so ``body`` is empty. The provider processed the request: look it up by its key."""

    def __init__(self, message: str, *, limit: int, **context: Any) -> None:
        super().__init__(message, body=b"", **context)
        self.limit = limit


class ResponseSignatureError(ResponseDecodeError):
    """The answer's documented signature does not match: it may be forged or altered, so it
    is not read. The provider may have processed the request: look it up by its key."""

    def __init__(self, message: str, *, field: str, **context: Any) -> None:
        super().__init__(message, **context)
        self.field = field


class AccessTokenError(ResponseDecodeError):
    """The token operation answered without a usable access token or expiry; ``body`` is
    empty, as the answer may hold a secret."""


class ApiError(Error):
    """The provider answered with an error code.

    ``code`` and ``message`` come from the answer, ``http_status`` from the transport, and
    ``response`` is the parsed answer (the response model when it fits, else the JSON object).
    """

    documented_status: ClassVar[int | None] = None
    documented_code: ClassVar[str | None] = None
    documented_message: ClassVar[str | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        code = cls.__dict__.get("documented_code")
        if code is not None:
            _BY_CODE[code] = cls
            if cls.documented_message:
                DOCUMENTED_MESSAGES[code] = cls.documented_message

    def __init__(
        self,
        message: str,
        *,
        code: str | None,
        response: Any = None,
        **context: Any,
    ) -> None:
        shown = f"{code}: {message}" if code else message
        super().__init__(shown, **{"maybe_sent": True, **context})
        self.code = code
        self.message = message
        self.response = response


class BadRequestError(ApiError):
    """HTTP 400: the provider refused the request as invalid."""


class AuthenticationError(ApiError):
    """HTTP 401: the credentials were refused."""


class PermissionDeniedError(ApiError):
    """HTTP 403: the credentials may not do this."""


class NotFoundError(ApiError):
    """HTTP 404: no such resource."""


class ConflictError(ApiError):
    """HTTP 409: the request conflicts with an earlier one."""


class UnprocessableEntityError(ApiError):
    """HTTP 422: the request could not be processed."""


class RateLimitError(ApiError):
    """HTTP 429: too many requests."""


class InternalServerError(ApiError):
    """HTTP 5xx: the provider failed."""


_BY_STATUS: dict[int, type[ApiError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def error_class(code: str | None, http_status: int) -> type[ApiError]:
    """The most specific class for an answer: by documented code, else by HTTP status."""
    if code is not None and code in _BY_CODE:
        return _BY_CODE[code]
    if http_status >= 500:
        return InternalServerError
    return _BY_STATUS.get(http_status, ApiError)
