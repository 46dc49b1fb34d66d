"""What the client templates need, derived from the IR: parameters, annotations, literal data.

The templates stay loops over these views; every decision (types, names, which values are
computed, how a signer is called) is made here, once.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import datefmt
from ..ir import Api, Field, Operation, Signer
from .pylit import py_str

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
RESERVED_PARAMS = frozenset({"self", "request", "timeout", "cls"})


@dataclass(frozen=True)
class StatusClass:
    name: str
    status: int | None
    doc: str


@dataclass(frozen=True)
class Param:
    name: str  # Python parameter name
    annotation: str
    wire: str  # body field or header name
    doc: str


@dataclass(frozen=True)
class SignerCall:
    name: str
    key: str | None
    arguments: str  # the keyword arguments, as Python source


@dataclass(frozen=True)
class OperationView:
    op: Operation
    constant: str
    body_params: tuple[Param, ...]
    header_params: tuple[Param, ...]
    body_computed: tuple[str, ...]  # _http.Computed(...) literals
    header_computed: tuple[str, ...]
    header_rules: tuple[str, ...]  # _http.HeaderRule(...) literals
    recovery: tuple[str, ...]  # _http.Recovery(...) literals
    retry_on: str


def status_classes() -> list[StatusClass]:
    return [StatusClass(*row) for row in STATUS_CLASSES]


def error_bases(api: Api) -> dict[str, str]:
    by_status = {status: name for name, status, _ in STATUS_CLASSES if status is not None}
    bases = {}
    for error in api.errors.entries:
        status = error.http_status
        base = "InternalServerError" if status and status >= 500 else by_status.get(status or 0)
        bases[error.code] = base or "ApiError"
    return bases


def annotation(f: Field) -> str:
    if f.type == "object":
        return f"models.{f.model} | Mapping[str, Any]"
    if f.type == "array":
        assert f.items is not None
        return f"Sequence[{annotation(f.items)}]"
    if f.codes is not None:
        return f"models.{f.codes} | str"
    return {
        "string": "str",
        "integer": "int",
        "decimal": "Decimal | int | str",
        "boolean": "bool",
        "date": "dt.date | str",
        "datetime": "dt.datetime | str",
        "time": "dt.time | str",
    }[f.type]


def _computed(f: Field) -> str | None:
    if f.computed is None:
        return None
    fmt = datefmt.strftime(f.format) if f.format else None
    return f"_http.Computed({f.wire_name!r}, {f.computed.kind!r}, {f.computed.arg!r}, " f"{fmt!r})"


def _header_rule(f: Field) -> str:
    return (
        f"_http.HeaderRule({f.wire_name!r}, required={f.required!r}, "
        f"max_length={f.length_limit!r}, in_bytes={f.max_bytes is not None!r}, "
        f"exact={f.exact_length!r}, pattern={f.pattern!r}, sensitive={f.sensitive!r})"
    )


def _exposed_header(f: Field) -> bool:
    return f.computed is None or f.computed.kind not in ("signature", "credential")


def operation_view(api: Api, op: Operation) -> OperationView:
    headers = (*api.headers, *op.request.headers)
    taken = set(RESERVED_PARAMS)
    body_params = []
    for f in op.request.body:
        name = f.py_name if f.py_name not in taken else f"{f.py_name}_"
        taken.add(name)
        body_params.append(Param(name, annotation(f), f.wire_name, f.doc))
    header_params = []
    for f in headers:
        if not _exposed_header(f):
            continue
        name = f.py_name if f.py_name not in taken else f"{f.py_name}_header"
        taken.add(name)
        header_params.append(Param(name, "str", f.wire_name, f.doc))
    recovery = tuple(
        f"_http.Recovery({r.name!r}, "
        f"{tuple((c.field, c.values) for c in r.when_request)!r}, "
        f"{tuple((c.field, c.values) for c in r.when_response)!r}, {r.resend!r}, "
        f"{r.max_attempts!r})"
        for r in op.recovery
    )
    return OperationView(
        op=op,
        constant=f"_{op.name.upper()}",
        body_params=tuple(body_params),
        header_params=tuple(header_params),
        body_computed=tuple(c for c in map(_computed, op.request.body) if c),
        header_computed=tuple(c for c in map(_computed, headers) if c),
        header_rules=tuple(_header_rule(f) for f in headers),
        recovery=recovery,
        retry_on=f"frozenset({tuple(sorted(op.retry.on))!r})",
    )


def _signer_argument_list(signer: Signer, time: str) -> list[str]:
    """Keyword arguments of a signer call over ``payload`` and ``body``; ``time`` is the
    expression for the request time, when the recipe has one."""
    if signer.sign_body:
        arguments = ["body=body"]
    else:
        # An optional field the caller left out is signed as empty text, as the fake expects.
        arguments = [
            f'{py}=str(payload.get({py_str(wire)}, ""))'
            for py, wire in zip(signer.field_py_names, signer.fields, strict=True)
        ]
    if signer.time_format:
        arguments.append(f"time={time}")
    return arguments


def _signer_arguments(signer: Signer, time: str) -> str:
    return ", ".join(_signer_argument_list(signer, time))


def signer_call(signer: Signer) -> SignerCall:
    """How the client computes a signature: the request time from the request's instant."""
    zone = signer.time_zone or "UTC"
    fmt = datefmt.strftime(signer.time_format or "yyyyMMddHHmmss")
    time = f"_http.format_time(_http.local_now(instant, {zone!r}), {fmt!r})"
    return SignerCall(signer.name, signer.key, _signer_arguments(signer, time))


def env_var(api: Api, credential: str) -> str:
    return f"{api.package}_{credential}".upper()


def export_order(names: list[str]) -> list[str]:
    """``__all__`` in the order ruff's RUF022 expects: CONSTANTS, Classes, functions."""
    return sorted(set(names), key=lambda n: (not n.isupper(), not n[:1].isupper(), n))


def error_exports(api: Api) -> list[str]:
    fixed = [
        "APIConnectionError",
        "APITimeoutError",
        "ApiError",
        "Error",
        "RequestValidationError",
        "ResponseDecodeError",
        "DOCUMENTED_CODES",
        "DOCUMENTED_MESSAGES",
        "error_class",
    ]
    return export_order(
        [*fixed, *(n for n, _, _ in STATUS_CLASSES), *(e.exception for e in api.errors.entries)]
    )


def client_imports(api: Api) -> list[str]:
    """The import lines client.py needs, and no more (ruff flags unused ones)."""
    annotations = " ".join(
        p.annotation for op in api.operations for p in operation_view(api, op).body_params
    )
    has_signers = bool(api.signers)
    needs = {
        "import datetime as dt": has_signers or "dt." in annotations,
        "import os": True,
        "from decimal import Decimal": "Decimal" in annotations,
    }
    abc = [
        n for n in ("Mapping", "Sequence") if n in annotations or (n == "Mapping" and has_signers)
    ]
    lines = [line for line, needed in needs.items() if needed]
    if abc:
        lines.append(f"from collections.abc import {', '.join(abc)}")
    lines.append("from typing import TYPE_CHECKING, Any, Literal, Self")
    return sorted(lines, key=lambda line: (line.startswith("from"), line))


def fake_signer_args(signer: Signer) -> list[str]:
    """How the fake provider recomputes a signature: the time as the request wrote it."""
    return _signer_argument_list(signer, 'time or ""')


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
