"""The data of a generated package's client tests: calls, credentials, errors, recovery rules."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass

from docbind.backends.package.testdata import TestData
from docbind.ir import datefmt
from docbind.ir.crypto import IV_BYTES
from docbind.ir.model import Api, Field, JsonValue, Operation, Scalar

Recovery = tuple[str, dict[str, Scalar], dict[str, Scalar], dict[str, Scalar]]
MARKER = "Zq9" * 30  # a sensitive value no log line may contain


@dataclass(frozen=True)
class CallCase:
    operation: str
    request_model: str
    response_model: str
    payload: dict[str, JsonValue]  # what the caller gives; computed values left out
    today: tuple[tuple[str, str, str], ...]  # (wire name, zone, strftime) of today(...) fields
    idempotency_key: str | None
    retry_safe: bool
    retry_on: tuple[str, ...]
    # (code, exception, documented status, attempts: the client retries a 5xx or 429 where
    # the operation says a repeat is safe)
    errors: tuple[tuple[str, str, int, int], ...]
    success_field: str | None
    recovery: tuple[Recovery, ...]
    sensitive: tuple[str, ...]  # the sensitive values in ``payload``


def _marker(f: Field) -> str:
    size = f.length_limit or 12
    return MARKER[:size] if f.exact_length else MARKER[: min(size, 12)]


def credentials(api: Api) -> dict[str, str]:
    """A value per credential that fits every field or header it is sent in."""
    limits: dict[str, int] = {}
    fields = [
        *api.headers,
        *(f for op in api.operations for f in (*op.request.fields, *op.request.headers)),
    ]
    for f in fields:
        if f.computed is not None and f.computed.kind == "credential" and f.length_limit:
            name = f.computed.arg or ""
            limits[name] = min(limits.get(name, f.length_limit), f.length_limit)
    values = {
        c.name: (f"test-{c.name}-" + "x" * 64)[: limits.get(c.name, 24)] for c in api.credentials
    }
    return {**values, **cipher_credentials(api)}


def cipher_credentials(api: Api) -> dict[str, str]:
    """AES keys and IVs of the size their recipe needs: the spec's published test vector's
    when it has one (a test value, never a default), else made-up bytes in ``key_format``."""
    found: dict[str, str] = {}
    for recipe in api.encryption:
        vector = recipe.vectors[0] if recipe.vectors else None
        for name, size, given in (
            (recipe.key, recipe.key_bytes, vector.key if vector else None),
            (recipe.iv, IV_BYTES, vector.iv if vector else None),
        ):
            if name is not None:
                found[name] = given or _made_up(name, size, recipe.key_format)
    return found


def _made_up(name: str, size: int, key_format: str) -> str:
    raw = (f"test-{name}-" + "k" * size)[:size].encode("ascii")
    if key_format == "hex":
        return raw.hex()
    return base64.b64encode(raw).decode("ascii") if key_format == "base64" else raw.decode()


def call_case(api: Api, op: Operation, data: TestData) -> CallCase:
    payload: dict[str, JsonValue] = {}
    sensitive: list[str] = []
    for f in op.request.fields:
        if f.computed is not None:
            continue
        value = data.valid(f)
        if f.sensitive and f.type == "string" and f.codes is None:
            # The marker, unless the field's pattern refuses it: then the valid value, watched
            # for in logs when it is long enough not to appear there by chance.
            marker = _marker(f)
            if f.pattern is None or re.fullmatch(f.pattern, marker):
                value = marker
            if isinstance(value, str) and len(value) >= 8:
                sensitive.append(value)
        payload[f.wire_name] = value
    today = tuple(
        (f.wire_name, f.computed.arg or "UTC", datefmt.strftime(f.format or "yyyyMMdd"))
        for f in op.request.fields
        if f.computed is not None and f.computed.kind == "today"
    )
    by_code = {e.code: e for e in api.errors.entries}
    errors = tuple(
        (code, by_code[code].exception, status, _attempts(op, status))
        for code in op.errors
        if code in by_code
        for status in (by_code[code].http_status or 400,)
    )
    recovery = tuple(
        (
            r.name,
            {c.field: c.values[0] for c in r.when_request},
            {c.field: c.values[0] for c in r.when_response},
            dict(r.resend),
        )
        for r in op.recovery
    )
    return CallCase(
        op.name,
        op.request.model,
        op.response.model,
        payload,
        today,
        op.idempotency_key,
        op.retry.safe,
        tuple(sorted(op.retry.on)),
        errors,
        op.success.field,
        recovery,
        tuple(sensitive),
    )


def _attempts(op: Operation, status: int) -> int:
    retried = "http_5xx" if status >= 500 else "http_429" if status == 429 else None
    if op.retry.safe and retried in op.retry.on:
        return 1 + op.retry.max_retries
    return 1


def call_cases(api: Api) -> list[CallCase]:
    data = TestData(api)
    return [call_case(api, op, data) for op in api.operations]
