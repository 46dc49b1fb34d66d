"""Logging of the package, turned on by an environment variable as Stainless SDKs do
(``<PACKAGE>_LOG=debug`` or ``info``; written by docbind, the same in every generated package).

``info`` logs one line per attempt (method, path, status, time, idempotency key); ``debug``
adds each request's headers and fields and each answer's status and headers. Secrets are
masked: a header's value is shown only when it is one the client sets from the spec and is not
sensitive, a request's fields as the models show them (sensitive ones masked), query values
and bodies of answers never.
"""

from __future__ import annotations

import logging
import os
import warnings
from typing import Any, TextIO

from ._api import LOG_VARIABLE, REQUEST_ID_HEADERS
from ._errors import MASK
from ._operation import Operation, Prepared, RawResponse

LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}
FORMAT = "[%(asctime)s - %(name)s:%(lineno)d - %(levelname)s] %(message)s"
# Headers whose values say nothing about the caller (request and answer alike).
_PLAIN_HEADERS = frozenset(
    {
        "accept",
        "accept-encoding",
        "user-agent",
        "content-type",
        "content-length",
        "content-encoding",
        "date",
        "retry-after",
        "retry-after-ms",
        *(name.lower() for name in REQUEST_ID_HEADERS),
    }
)


class _Handler(logging.StreamHandler[TextIO]):
    """The handler ``configure`` adds (to tell it from the application's own)."""


def configure(logger: logging.Logger) -> None:
    """Turn on ``logger`` when ``LOG_VARIABLE`` says so (once: importing twice adds no second
    handler); an unknown value is reported, not guessed at."""
    value = os.environ.get(LOG_VARIABLE, "").strip().lower()
    if not value:
        return
    level = LEVELS.get(value)
    if level is None:
        warnings.warn(
            f"{LOG_VARIABLE}={value!r} is not one of {sorted(LEVELS)}: logging stays off",
            stacklevel=2,
        )
        return
    logger.setLevel(level)
    if not any(isinstance(h, _Handler) for h in logger.handlers):
        handler = _Handler()
        handler.setFormatter(logging.Formatter(FORMAT))
        logger.addHandler(handler)


def _headers(headers: Any, shown: frozenset[str]) -> dict[str, str]:
    return {
        name: value if name.lower() in shown else MASK
        for name, value in headers.items()
    }


def request(
    logger: logging.Logger, op: Operation[Any], prepared: Prepared, attempt: int
) -> None:
    """The request as sent, masked; logged only at ``debug``."""
    if not logger.isEnabledFor(logging.DEBUG):
        return
    plain = {rule.name.lower() for rule in op.headers if not rule.sensitive}
    signed = {rule.target.lower() for rule in op.header_computed}
    url, _, query = prepared.url.partition("?")
    names = [pair.partition("=")[0] for pair in query.split("&") if pair]
    logger.debug(
        "%s request %s %s (attempt %d) query=%s headers=%s fields=%r",
        op.name,
        prepared.method,
        url,
        attempt,
        names,  # names only: a value may be an account number
        _headers(prepared.headers, _PLAIN_HEADERS | (plain - signed)),
        prepared.model,  # the model's repr masks its sensitive fields
    )


def response(logger: logging.Logger, op: Operation[Any], raw: RawResponse[Any]) -> None:
    """The answer's status and headers (not its body); logged only at ``debug``."""
    if not logger.isEnabledFor(logging.DEBUG):
        return
    logger.debug(
        "%s answer HTTP %d, %d bytes in %.0f ms, request id %s, headers=%s",
        op.name,
        raw.status_code,
        len(raw.content),
        raw.elapsed * 1000,
        raw.request_id or "-",
        _headers(raw.headers, _PLAIN_HEADERS),
    )
