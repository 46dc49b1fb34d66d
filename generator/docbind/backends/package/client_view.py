"""What the client templates need, derived from the IR: parameters, annotations, literal data.

The templates stay loops over these views; every decision (types, names, which values are
computed, how a signer is called) is made here, once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from docbind.backends.package.parts import split
from docbind.backends.pylit import INDENT, LINE_LENGTH, Call, Code, py_str, str_width
from docbind.ir import datefmt
from docbind.ir.media import DEFAULT_CONTENT_TYPE, FORM, media_type
from docbind.ir.model import Api, Field, Operation, Signer

METHOD_PARAM_INDENT = INDENT * 2

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
class Param:
    name: str  # Python parameter name
    annotation: str
    wire: str  # body field or header name
    doc: str


@dataclass(frozen=True)
class SignerCall:
    name: str
    call: Call  # signing.<name>(...) over the request


@dataclass(frozen=True)
class OperationView:
    op: Operation
    constant: str
    definition: Call  # the _http.Operation(...) the constant holds
    body_params: tuple[Param, ...]
    header_params: tuple[Param, ...]
    param_lines: tuple[str, ...]  # the keyword-only parameters, as black lays them out
    body: dict[str, Code]  # wire name → parameter, for the payload
    headers: dict[str, Code]


@dataclass(frozen=True)
class OperationsPart:
    """One module of operation methods (``_operations/<module>.py``)."""

    module: str
    operations: tuple[OperationView, ...]
    imports: tuple[str, ...]


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


def _computed(f: Field) -> Call | None:
    if f.computed is None:
        return None
    fmt = datefmt.strftime(f.format) if f.format else None
    return Call("_http.Computed", (f.wire_name, f.computed.kind, f.computed.arg, fmt))


def _header_rule(f: Field) -> Call:
    return Call(
        "_http.HeaderRule",
        (f.wire_name,),
        (
            ("required", f.required),
            ("max_length", f.length_limit),
            ("in_bytes", f.max_bytes is not None),
            ("exact", f.exact_length),
            ("pattern", f.pattern),
            ("sensitive", f.sensitive),
            *((("default", str(f.default)),) if f.default is not None else ()),
        ),
    )


def _exposed_header(f: Field) -> bool:
    return f.computed is None or f.computed.kind not in ("signature", "credential")


def _param_line(p: Param) -> str:
    """``name: annotation | None = None,`` at a method's parameter indent; black puts a type
    that does not fit in parentheses of its own."""
    line = f"{p.name}: {p.annotation} | None = None,"
    if len(METHOD_PARAM_INDENT) + str_width(line) <= LINE_LENGTH:
        return line
    inner = f"{METHOD_PARAM_INDENT}{INDENT}{p.annotation} | None"
    if str_width(inner) > LINE_LENGTH:  # and a union that still does not fit, one per line
        inner = f"{METHOD_PARAM_INDENT}{INDENT}{p.annotation}\n{METHOD_PARAM_INDENT}{INDENT}| None"
    return f"{p.name}: (\n{inner}\n{METHOD_PARAM_INDENT}) = None,"


def _definition(api: Api, op: Operation, headers: tuple[Field, ...]) -> Call:
    recovery = tuple(
        Call(
            "_http.Recovery",
            (
                r.name,
                tuple((c.field, c.values) for c in r.when_request),
                tuple((c.field, c.values) for c in r.when_response),
                r.resend,
                r.max_attempts,
            ),
        )
        for r in op.recovery
    )
    fields: dict[str, object] = {
        "name": op.name,
        "method": op.method,
        "path": op.path,
        "timeout": op.timeout,
        "request_class": op.request.model,
        "response_class": op.response.model,
        "idempotency_key": op.idempotency_key,
        "retry_safe": op.retry.safe,
        "retry_on": Call("frozenset", (tuple(sorted(op.retry.on)),)),
        "max_retries": op.retry.max_retries,
        "success_statuses": Call("frozenset", (op.success.http_status,)),
        "success_field": op.success.field,
        "success_equals": op.success.equals,
        "error_code_field": api.errors.code_field,
        "error_message_field": api.errors.message_field,
        "body_computed": tuple(c for c in map(_computed, op.request.body) if c),
        "header_computed": tuple(c for c in map(_computed, headers) if c),
        "headers": tuple(_header_rule(f) for f in headers),
        "recovery": recovery,
    }
    # Left out at their defaults, so a JSON operation reads as it always did.
    if op.content_type != DEFAULT_CONTENT_TYPE:
        fields["content_type"] = op.content_type
    if media_type(op.content_type)[0] == FORM:
        fields["body_format"] = "form"
    return Call("_http.Operation", (), tuple(fields.items()))


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
    return OperationView(
        op=op,
        constant=f"_{op.name.upper()}",
        definition=_definition(api, op, headers),
        body_params=tuple(body_params),
        header_params=tuple(header_params),
        param_lines=tuple(_param_line(p) for p in (*body_params, *header_params)),
        body={p.wire: Code(p.name) for p in body_params},
        headers={p.wire: Code(p.name) for p in header_params},
    )


def operations_parts(api: Api) -> list[OperationsPart]:
    """The operation methods, ``parts.PART_SIZE`` operations to a module."""
    return [
        OperationsPart(module, tuple(views), _part_imports(views))
        for module, views in split([operation_view(api, op) for op in api.operations])
    ]


def _signer_keywords(signer: Signer, time: str) -> list[tuple[str, str]]:
    """Keyword arguments of a signer call over ``payload`` and ``body``, as (name, Python
    source); ``time`` is the expression for the request time, when the recipe has one."""
    if signer.sign_body:
        keywords = [("body", "body")]
    else:
        # An optional field the caller left out is signed as empty text, as the fake expects.
        keywords = [
            (py, f'str(payload.get({py_str(wire)}, ""))')
            for py, wire in zip(signer.field_py_names, signer.fields, strict=True)
        ]
    if signer.time_format:
        keywords.append(("time", time))
    return keywords


def signer_call(signer: Signer) -> SignerCall:
    """How the client computes a signature: the request time from the request's instant."""
    zone = py_str(signer.time_zone or "UTC")
    fmt = py_str(datefmt.strftime(signer.time_format or "yyyyMMddHHmmss"))
    time = f"_http.format_time(_http.local_now(instant, {zone}), {fmt})"
    key = (Code(f"_credential(credentials, {py_str(signer.key)})"),) if signer.key else ()
    keywords = tuple((name, Code(source)) for name, source in _signer_keywords(signer, time))
    return SignerCall(signer.name, Call(f"signing.{signer.name}", key, keywords))


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
        "ResponseTooLargeError",
        "DOCUMENTED_CODES",
        "DOCUMENTED_MESSAGES",
        "error_class",
    ]
    return export_order(
        [*fixed, *(n for n, _, _ in STATUS_CLASSES), *(e.exception for e in api.errors.entries)]
    )


def _part_imports(views: Sequence[OperationView]) -> tuple[str, ...]:
    """The import lines a module of operations needs, and no more (ruff flags unused ones)."""
    annotations = " ".join(p.annotation for view in views for p in view.body_params)
    lines = [
        line
        for line, needed in (
            ("import datetime as dt", "dt." in annotations),
            ("from decimal import Decimal", "Decimal" in annotations),
        )
        if needed
    ]
    abc = [n for n in ("Mapping", "Sequence") if n in annotations]
    if abc:
        lines.append(f"from collections.abc import {', '.join(abc)}")
    lines.append("from typing import TYPE_CHECKING, Any")
    return tuple(sorted(lines, key=lambda line: (line.startswith("from"), line)))


def client_imports(api: Api) -> list[str]:
    """The import lines client.py needs, and no more (ruff flags unused ones)."""
    lines = ["import os", "from typing import Any, Literal, Self"]
    if api.signers:
        lines += ["import datetime as dt", "from collections.abc import Mapping"]
    return sorted(lines, key=lambda line: (line.startswith("from"), line))


def fake_signer_args(signer: Signer) -> list[str]:
    """How the fake provider recomputes a signature: the time as the request wrote it."""
    return [f"{name}={source}" for name, source in _signer_keywords(signer, 'time or ""')]


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
