"""Reading an answer: the documented recovery rules and success rule, and the documented error
for anything else (written by docbind, the same in every generated package)."""

from __future__ import annotations

import datetime as dt
import hmac
from collections.abc import Mapping
from typing import Any

from pydantic_core import ValidationError

from . import _errors as errors
from ._operation import (
    Conditions,
    Credentials,
    ModelT,
    Operation,
    Prepared,
    RawResponse,
    Recovery,
    Signer,
)

# --- reading an answer --------------------------------------------------------------------


def _holds(conditions: Conditions, values: Mapping[str, Any]) -> bool:
    return all(
        str(values.get(name)) in {str(v) for v in accepted}
        for name, accepted in conditions
    )


def recovery_for(
    op: Operation[Any],
    prepared: Prepared,
    raw: RawResponse[Any],
    done: Mapping[str, int],
) -> Recovery | None:
    if not op.recovery:
        return None
    data = raw._object
    if data is None:
        return None
    for rule in op.recovery:
        # The answer first: the request's wire payload is built only when the answer matches.
        if (
            done.get(rule.name, 0) < rule.max_attempts
            and _holds(rule.when_response, data)
            and _holds(rule.when_request, prepared.payload)
        ):
            return rule
    return None


def apply_recovery(op: Operation[Any], prepared: Prepared, rule: Recovery) -> Prepared:
    """The same request (same idempotency key) with the rule's fields set, and every
    signature over what changed computed again: a re-sent body must not carry the old one.
    """
    # prepare() always sets it; re-encoding the old request here would keep stale signatures.
    assert prepared.rebuild is not None, f"{op.name}: a request not built by prepare()"
    return prepared.rebuild(dict(rule.resend))


def parse(op: Operation[ModelT], raw: RawResponse[Any]) -> ModelT:
    """Apply the documented success rule; raise the documented error otherwise."""
    data = raw._object
    if data is None:
        raise errors.ResponseDecodeError(
            f"{op.name}: HTTP {raw.status_code} answer is not a JSON object",
            body=raw.content,
            **answer_context(raw),
        )
    if not _succeeded(op, raw, data):
        raise _api_error(op, raw, data, answer_context(raw))
    try:
        return op.response_model.model_validate(data)
    except ValidationError as exc:
        where = ", ".join(".".join(str(p) for p in e["loc"]) for e in exc.errors())
        raise errors.ResponseDecodeError(
            f"{op.name}: the answer does not have the documented shape ({where})",
            body=raw.content,
            **answer_context(raw),
        ) from None


def answer_context(raw: RawResponse[Any]) -> dict[str, Any]:
    """What every error about an answer carries."""
    return {
        "idempotency_key": raw.idempotency_key,
        "attempts": raw.attempts,
        "http_status": raw.status_code,
        "headers": raw.headers,
        "request_id": raw.request_id,
    }


def _is_success_code(op: Operation[Any], value: Any) -> bool:
    """Documents list one success code or several ("0000, 2001 and 2211 are success")."""
    return str(value) in op.success_codes


def _succeeded(
    op: Operation[Any], raw: RawResponse[Any], data: Mapping[str, Any]
) -> bool:
    return raw.status_code in op.success_statuses and (
        op.success_field is None or _is_success_code(op, data.get(op.success_field))
    )


def verify_signature(
    op: Operation[Any],
    raw: RawResponse[Any],
    credentials: Credentials,
    signers: Mapping[str, Signer],
) -> None:
    """Check the documented signature of a successful answer; a forged or altered one raises
    ``ResponseSignatureError`` (error answers are judged by ``parse`` as they are)."""
    if op.response_signature is None:
        return
    data = raw._object
    if data is None or not _succeeded(op, raw, data):
        return
    signer, where, name = op.response_signature
    sent = data.get(name) if where == "body" else raw.headers.get(name)
    now = dt.datetime.now(dt.UTC)
    expected = signers[signer](data, raw.content, now, credentials, raw.headers)
    if not isinstance(sent, str) or not hmac.compare_digest(
        expected.encode("utf-8"), sent.encode("utf-8")
    ):
        raise errors.ResponseSignatureError(
            f"{op.name}: the answer's {name} is not the documented signature",
            field=name,
            body=raw.content,
            **answer_context(raw),
        )


def _api_error(
    op: Operation[Any],
    raw: RawResponse[Any],
    data: dict[str, Any],
    context: dict[str, Any],
) -> errors.ApiError:
    code: str | None = None
    if op.error_code_field is not None and data.get(op.error_code_field) is not None:
        code = str(data[op.error_code_field])
    else:
        # The error body's field names are not documented: take a documented code wherever
        # it appears among the top-level values.
        code = next(
            (str(v) for v in data.values() if str(v) in errors.DOCUMENTED_CODES), None
        )
    message = data.get(op.error_message_field) if op.error_message_field else None
    if not isinstance(message, str) or not message:
        documented = errors.DOCUMENTED_MESSAGES.get(code or "")
        message = documented or f"{op.name} failed with HTTP {raw.status_code}"
    try:
        response: Any = op.response_model.model_validate(data)
    except ValidationError:
        response = data
    cls = errors.error_class(code, raw.status_code)
    return cls(message, code=code, response=response, **context)
