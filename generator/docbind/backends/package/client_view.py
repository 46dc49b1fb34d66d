"""What client.py, errors.py and testing.py need, derived from the IR: classes, calls, data.

The templates stay loops over these views; every decision (types, names, which values are
computed, how a signer is called) is made here, once.
"""

from __future__ import annotations

from dataclasses import dataclass

from docbind.backends.pylit import Call, Code, py_str
from docbind.ir import datefmt
from docbind.ir.model import Api, Operation, Signer

STATUS_CLASSES = (
    ("BadRequestError", 400, "HTTP 400: the provider refused the request as invalid."),
    ("AuthenticationError", 401, "HTTP 401: the credentials were refused."),
    ("PermissionDeniedError", 403, "HTTP 403: the credentials may not do this."),
    ("NotFoundError", 404, "HTTP 404: no such resource."),
    ("ConflictError", 409, "HTTP 409: the request conflicts with an earlier one."),
    ("UnprocessableEntityError", 422, "HTTP 422: the request could not be processed."),
    ("RateLimitError", 429, "HTTP 429: too many requests."),
    ("InternalServerError", None, "HTTP 5xx: the provider failed."),
)


@dataclass(frozen=True)
class SignerCall:
    name: str
    call: Call  # signing.<name>(...) over the request


def error_bases(api: Api) -> dict[str, str]:
    by_status = {status: name for name, status, _ in STATUS_CLASSES if status is not None}
    bases = {}
    for error in api.errors.entries:
        status = error.http_status
        base = "InternalServerError" if status and status >= 500 else by_status.get(status or 0)
        bases[error.code] = base or "ApiError"
    return bases


def _signer_keywords(signer: Signer, time: str, credential: str) -> list[tuple[str, str]]:
    """Keyword arguments of a signer call over ``payload``, ``headers`` and ``body``, as
    (name, Python source); ``time`` is the expression for the request time, and
    ``credential`` the function that reads a credential by name."""
    keywords: list[tuple[str, str]] = []
    seen: set[str] = set()
    for part in signer.parts:
        if part.py_name in seen or part.kind in ("constant", "body", "time"):
            continue
        seen.add(part.py_name)
        # An optional field the caller left out is signed as empty text, as the fake expects.
        # A path parameter is a field of the request model too, signed as given (not encoded).
        if part.kind in ("field", "path"):
            keywords.append((part.py_name, f'str(payload.get({py_str(part.value)}, ""))'))
        elif part.kind == "plain":  # before encryption
            keywords.append((part.py_name, f"_http.plain_text(payload, {py_str(part.value)})"))
        elif part.kind == "header":
            keywords.append((part.py_name, f'headers.get({py_str(part.value)}, "")'))
        elif part.kind == "credential":
            keywords.append((part.py_name, f"{credential}(credentials, {py_str(part.value)})"))
        elif part.kind == "sorted":  # every field as sent, by wire name
            keywords.append((part.py_name, "payload"))
    if signer.sign_body:
        keywords.append(("body", "body"))
    if signer.time_format:
        keywords.append(("time", time))
    if signer.key_password:  # not given: the PEM key is not encrypted
        keywords.append(("key_password", f"credentials.get({py_str(signer.key_password)})"))
    return keywords


def signer_call(signer: Signer) -> SignerCall:
    """How the client computes a signature: the request time from the request's instant."""
    zone = py_str(signer.time_zone or "UTC")
    fmt = py_str(datefmt.strftime(signer.time_format or "yyyyMMddHHmmss"))
    time = f"_http.format_time(_http.local_now(instant, {zone}), {fmt})"
    key = (Code(f"_credential(credentials, {py_str(signer.key)})"),) if signer.key else ()
    keywords = tuple(
        (name, Code(source)) for name, source in _signer_keywords(signer, time, "_credential")
    )
    return SignerCall(signer.name, Call(f"signing.{signer.name}", key, keywords))


def auth_call(api: Api) -> Call | None:
    """The ``_http.Auth(...)`` the client sends on every request, and the fake checks."""
    auth = api.auth
    if auth is None or auth.token is not None:
        return None
    kwargs: list[tuple[str, object]] = [
        ("kind", auth.type),
        ("header", auth.header),
        ("credential", auth.credential or ""),
    ]
    if auth.password:
        kwargs.append(("password", auth.password))
    if auth.scheme:
        kwargs.append(("scheme", auth.scheme))
    return Call("_http.Auth", (), tuple(kwargs))


def token_call(api: Api) -> Call | None:
    """The ``_token.TokenAuth(...)`` of an access-token flow, for the client and the fake."""
    flow = api.auth.token if api.auth is not None else None
    if api.auth is None or flow is None:
        return None
    kwargs: list[tuple[str, object]] = [
        ("operation", flow.operation),
        ("token_field", flow.token_field),
        ("header", api.auth.header),
        ("scheme", api.auth.scheme),
    ]
    times = (
        ("expires_field", flow.expires_field),
        ("expires_in_field", flow.expires_in_field),
        ("now_field", flow.now_field),
    )
    kwargs += [(name, value) for name, value in times if value is not None]
    kwargs.append(("margin", flow.margin))
    return Call("_token.TokenAuth", (), tuple(kwargs))


def export_order(names: list[str]) -> list[str]:
    """``__all__`` in the order ruff's RUF022 expects: CONSTANTS, Classes, functions."""
    return sorted(set(names), key=lambda n: (not n.isupper(), not n[:1].isupper(), n))


def error_exports(api: Api) -> list[str]:
    fixed = [
        "AccessTokenError",
        "APIConnectionError",
        "APITimeoutError",
        "ApiError",
        "Error",
        "RequestValidationError",
        "ResponseDecodeError",
        "ResponseSignatureError",
        "ResponseTooLargeError",
        "DOCUMENTED_CODES",
        "DOCUMENTED_MESSAGES",
        "error_class",
    ]
    return export_order(
        [*fixed, *(n for n, _, _ in STATUS_CLASSES), *(e.exception for e in api.errors.entries)]
    )


def client_imports(api: Api) -> list[str]:
    """The import lines client.py needs, and no more (ruff flags unused ones)."""
    lines = ["import os", "from typing import Any, Literal, Self"]
    if api.signers:
        lines += ["import datetime as dt", "from collections.abc import Mapping"]
    return sorted(lines, key=lambda line: (line.startswith("from"), line))


def fake_signer_args(signer: Signer) -> list[str]:
    """How the fake provider recomputes a signature: the time as the request wrote it (an
    RSA signature is checked with the public key of the ``key`` credential instead)."""
    keywords = _signer_keywords(signer, 'time or ""', "_fake.credential")
    rsa_key = signer.key if signer.rsa else None
    key = [f"_fake.credential(credentials, {py_str(rsa_key)})"] if rsa_key else []
    return [*key, *(f"{name}={source}" for name, source in keywords)]


def signatures(api: Api, op: Operation) -> tuple[tuple[str, str, str, str], ...]:
    found = []
    for where, fields in (
        ("body", op.request.body),
        ("header", (*api.headers, *op.request.headers)),
    ):
        for f in fields:
            if f.computed is not None and f.computed.kind == "signature":
                signer = api.signer(f.computed.arg or "")
                template = signer.template if signer else "{mac}"
                found.append((where, f.wire_name, f.computed.arg or "", template))
    return tuple(found)
