"""What a caller sends beside the documented request (written by docbind, the same in every
generated package): ``extra_headers``, ``extra_query`` and ``extra_body`` of each operation
method, for what the provider accepts but the spec does not list.

They add to a request and never replace what the client sets from the spec: a documented
field, parameter or header is passed as its keyword argument (so its documented rules are
checked), and a computed, signed or authentication header cannot be overridden. The extras are
added before the header signatures are computed, so a signature over the body covers them.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import _errors as errors
from ._api import ENCODING
from ._encode import dump_value
from ._operation import Operation

_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")  # a header name (RFC 9110 token)
_CONTROL = re.compile(
    r"[\x00-\x08\x0a-\x1f\x7f]"
)  # CR or LF would start another header
# Set by the client or by httpx whatever the spec says: the body's type and framing, and what
# the bounded reader can decode. Accept and User-Agent may be replaced.
_FRAMING = frozenset(
    {"content-type", "content-length", "transfer-encoding", "host", "accept-encoding"}
)
_CALLER_MAY_SET = frozenset({"accept", "user-agent"})


@dataclass(frozen=True)
class Extra:
    """The extras of one call (names as they go on the wire)."""

    headers: Mapping[str, str] = field(default_factory=dict)
    query: Mapping[str, str] = field(default_factory=dict)
    body: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        headers: Mapping[str, str] | None,
        query: Mapping[str, str] | None,
        body: Mapping[str, Any] | None,
    ) -> Extra | None:
        if not (headers or query or body):
            return None
        return cls(dict(headers or {}), dict(query or {}), dict(body or {}))


def refusal(op: Operation[Any], where: str, message: str) -> errors.Error:
    """One extra the client cannot send; nothing is sent."""
    return errors.RequestValidationError(
        f"{op.name}: {where}: {message}", [(where, message)]
    )


def _refuse(op: Operation[Any], problems: list[tuple[str, str]]) -> None:
    if problems:
        lines = "; ".join(f"{loc}: {msg}" for loc, msg in problems)
        raise errors.RequestValidationError(f"{op.name}: {lines}", problems)


def extend(
    op: Operation[Any], body: bytes, url: str, extra: Extra
) -> tuple[bytes, str]:
    """The body and URL with the extra fields and query parameters; one that would replace a
    documented field or parameter is refused."""
    _check_fields(op, extra)
    return _add_body(op, body, extra), _add_query(op, url, extra)


def _check_fields(op: Operation[Any], extra: Extra) -> None:
    documented = set(op.attributes)
    problems = [
        (
            f"extra_query.{name}",
            "a documented parameter: pass it as its keyword argument",
        )
        for name in extra.query
        if name in documented
    ]
    if extra.body and op.body_format == "none":
        problems.append(("extra_body", f"{op.method} {op.path} sends no body"))
    problems += [
        (f"extra_body.{name}", "a documented field: pass it as its keyword argument")
        for name in extra.body
        if name in documented
    ]
    _refuse(op, problems)


def _add_body(op: Operation[Any], body: bytes, extra: Extra) -> bytes:
    """``body`` with the extra fields after the documented ones (its bytes kept as they are)."""
    if not extra.body:
        return body
    if op.body_format == "form":
        pairs = [(name, _form(value)) for name, value in extra.body.items()]
        try:
            added = urllib.parse.urlencode(pairs, encoding=ENCODING).encode("ascii")
        except UnicodeEncodeError:
            raise refusal(
                op, "extra_body", f"a value cannot be written in {ENCODING}"
            ) from None
        return body + b"&" + added if body else added
    try:
        added = dump_value(dict(extra.body))  # a JSON object: "{...}"
    except (TypeError, ValueError):  # pydantic's serialization error is a ValueError
        raise refusal(op, "extra_body", "a value cannot be written as JSON") from None
    if body.rstrip() in (b"", b"{}"):
        return added
    return body.rstrip()[:-1] + b"," + added[1:]


def _form(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _add_query(op: Operation[Any], url: str, extra: Extra) -> str:
    if not extra.query:
        return url
    try:
        added = urllib.parse.urlencode(list(extra.query.items()), encoding=ENCODING)
    except (UnicodeEncodeError, TypeError):
        raise refusal(
            op, "extra_query", f"a value cannot be written in {ENCODING}"
        ) from None
    return url + ("&" if "?" in url else "?") + added


def add_headers(
    op: Operation[Any], headers: dict[str, str], extra: Extra
) -> dict[str, str]:
    """``headers`` with the extra headers; one the client sets from the spec (documented,
    computed, signed, authentication) or for the body's framing is refused."""
    if not extra.headers:
        return headers
    taken = {name.lower() for name in headers} - _CALLER_MAY_SET
    taken |= {rule.name.lower() for rule in op.headers}
    taken |= {rule.target.lower() for rule in op.header_computed}
    problems = []
    for name, value in extra.headers.items():
        where = f"extra_headers.{name}"
        if name.lower() in taken | _FRAMING:
            problems.append(
                (where, "set by the client from the spec; it cannot be replaced")
            )
        elif not _NAME.fullmatch(name):
            problems.append((where, "is not a header name"))
        elif (
            not isinstance(value, str) or _CONTROL.search(value) or not value.isascii()
        ):
            problems.append((where, "must be ASCII text without control characters"))
    _refuse(op, problems)
    replaced = {name.lower() for name in extra.headers}
    kept = {k: v for k, v in headers.items() if k.lower() not in replaced}
    return {**kept, **extra.headers}
