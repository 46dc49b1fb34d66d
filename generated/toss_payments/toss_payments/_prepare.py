"""Preparing a request: computed values filled in, every documented rule checked once, signed,
and encoded exactly as it is sent (written by docbind, the same in every generated package).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import urllib.parse
import uuid
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Annotated, Any

from pydantic_core import ValidationError

from . import _errors as errors
from ._api import ENCODING, USER_AGENT
from ._checks import FILLED
from ._clock import format_time, given_instant, local_now, zone
from ._dates import OFFSET
from ._encode import dump_json
from ._extra import Extra, add_headers, extend
from ._operation import (
    Computed,
    Credentials,
    HeaderRule,
    Operation,
    Prepared,
    Signer,
    _wire,
)
from ._url import request_url
from ._values import WireValues, seal_fields

if TYPE_CHECKING:  # importing pydantic's models is left to the models (see _operation)
    from pydantic import BaseModel, TypeAdapter

_HEADER_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")  # tab is allowed in a value
# --- preparing a request -------------------------------------------------------------------


def _plain_value(
    rule: Computed, instant: dt.datetime, credentials: Credentials, operation: str
) -> str | None:
    if rule.kind == "idempotency_key":
        return uuid.uuid4().hex
    if rule.kind == "credential":
        value = credentials.get(rule.arg or "")
        if value is None:
            raise errors.RequestValidationError(
                f"{operation}: {rule.target} needs the {rule.arg} credential: pass {rule.arg}= "
                "to the client or to the call",
                [(rule.target, f"{rule.arg} is not set")],
            )
        return value
    if rule.kind in ("today", "now"):
        local = local_now(instant, rule.arg or "UTC")
        strftime = rule.strftime or "%Y%m%d"
        if strftime.endswith(OFFSET):  # the zone's offset is written: keep it
            local = local.replace(tzinfo=zone(rule.arg or "UTC"))
        return format_time(local, strftime)
    if rule.kind == "correlation_id":
        local = local_now(instant, "Asia/Seoul")
        return f"{local:%y%m%d%H%M%S}-{uuid.uuid4().hex[:7]}"
    return None  # signatures come last, over the final values


def _validation_error(
    operation: str, exc: ValidationError
) -> errors.RequestValidationError:
    found = [
        (".".join(str(p) for p in e["loc"]) or "request", e["msg"])
        for e in exc.errors()
    ]
    lines = "; ".join(f"{loc}: {msg}" for loc, msg in found)
    return errors.RequestValidationError(
        f"{operation}: invalid request: {lines}", found
    )


def encode_body(
    op: Operation[Any], model: BaseModel, sealed: Mapping[str, str] | None = None
) -> bytes:
    """The exact request body (what the signers sign is what is sent): compact JSON in UTF-8,
    or for a form, ``name=value`` pairs of the top-level fields percent-encoded in the API's
    encoding (``true``/``false`` for booleans, as JSON writes them). ``sealed`` holds the
    ciphertext sent for encrypted fields."""
    if op.body_format == "none":
        return b""
    if op.body_format == "form":
        in_url = (*op.path_params, *op.query_params)
        fields = {**_wire(model), **(sealed or {})}.items()
        pairs = [(k, _form_value(v)) for k, v in fields if k not in in_url]
        return urllib.parse.urlencode(pairs, encoding=ENCODING).encode("ascii")
    # decimals as JSON numbers, with their own digits
    return dump_json(model, exclude=op.url_attributes, replace=sealed)


def _form_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def decode_body(op: Operation[Any], body: bytes) -> Any:
    """A request body as the provider reads it (the fake provider uses this); raises
    ``ValueError`` when it is not what ``op.body_format`` says."""
    if op.body_format == "none":
        if body:
            raise ValueError("this operation has no request body")
        return {}
    if op.body_format == "form":
        text = body.decode("ascii")
        pairs = urllib.parse.parse_qsl(
            text,
            keep_blank_values=True,
            strict_parsing=bool(text),
            encoding=ENCODING,
            errors="strict",
        )
        return dict(pairs)
    return json.loads(body or b"{}", parse_float=Decimal)


def _owners(payload: dict[str, Any], rule: Computed) -> Iterator[dict[str, Any]]:
    """The objects that hold ``rule.target``: the body, or (``rule.path``) the nested
    objects and array elements the caller gave on the way; a missing object is created only
    when it and every object above it are required (``rule.create``)."""
    owners = [payload]
    if not rule.path:
        return iter(owners)
    for name in rule.path:
        found: list[dict[str, Any]] = []
        for owner in owners:
            value = owner.get(name)
            if value is None and rule.create:
                value = owner[name] = {}
            if isinstance(value, dict):
                found.append(value)
            elif isinstance(value, list):
                found.extend(item for item in value if isinstance(item, dict))
        owners = found
    return iter(owners)


def _validate(op: Operation[Any], payload: Mapping[str, Any]) -> BaseModel:
    try:
        return op.request_model.model_validate(payload, context={FILLED: True})
    except ValidationError as exc:
        raise _validation_error(op.name, exc) from None


def _fill_computed(
    op: Operation[Any],
    payload: dict[str, Any],
    instant: dt.datetime,
    credentials: Credentials,
) -> list[Computed]:
    """Fill the computed values the caller left out, at any depth; the body signatures among
    them are returned, to be computed once the request is validated."""
    signatures = []
    for rule in op.body_computed:
        for owner in _owners(payload, rule):
            if owner.get(rule.target) is None:
                if rule.kind == "signature":
                    signatures.append(rule)
                else:
                    owner[rule.target] = _plain_value(
                        rule, instant, credentials, op.name
                    )
    return signatures


def prepare(
    op: Operation[Any],
    base_url: str,
    payload: dict[str, Any],
    header_values: Mapping[str, str | None],
    credentials: Credentials,
    signers: Mapping[str, Signer],
    instant: dt.datetime | None = None,
    extra: Extra | None = None,
) -> Prepared:
    """Fill computed values, validate every documented rule (once), sign and serialize.

    ``payload`` holds the caller's values by wire name; it is filled in place.
    """
    instant = (
        instant or given_instant(op, header_values, payload) or dt.datetime.now(dt.UTC)
    )
    signatures = _fill_computed(op, payload, instant, credentials)
    model = _validate(op, payload)
    sealed = seal_fields(op, model, credentials)
    values = WireValues(model, op.attributes, sealed)
    plain = _plain_headers(op, header_values, instant, credentials)
    for rule in signatures:
        # Signed over the validated values as they go on the wire; then the signature is
        # checked against its own documented limits (the other fields are not validated again).
        signature = signers[rule.arg or ""](values, b"", instant, credentials, plain)
        try:
            model.__pydantic_validator__.validate_assignment(
                model, op.attributes[rule.target], signature
            )
        except ValidationError as exc:
            raise _validation_error(op.name, exc) from None
    body = encode_body(op, model, sealed)
    url = request_url(op, base_url, values)
    if extra is not None:  # the caller's extras, signed over as the rest is
        body, url = extend(op, body, url, extra)
    headers = _headers(op, plain, values, body, instant, credentials, signers)
    name = op.idempotency_key
    keys = (values.get(name), headers.get(name)) if name else ()
    key = next((k for k in keys if k is not None), None)
    if extra is not None:
        headers = add_headers(op, headers, extra)
    signed_body = {rule.target for rule in signatures}
    sent = (model, headers, instant)
    rebuild = _rebuilder(
        op, base_url, sent, header_values, signed_body, credentials, signers, extra
    )
    key = None if key is None else str(key)
    return Prepared(op.method, url, headers, body, model, key, instant, rebuild)


def _rebuilder(
    op: Operation[Any],
    base_url: str,
    sent: tuple[BaseModel, dict[str, str], dt.datetime],
    given_headers: Mapping[str, str | None],
    signed_body: set[str],
    credentials: Credentials,
    signers: Mapping[str, Signer],
    extra: Extra | None,
) -> Callable[[Mapping[str, Any]], Prepared]:
    """How to build the request ``sent`` (its model, headers, instant) again with some body
    fields changed (a recovery re-send): the signatures docbind computed are left out, so
    they are computed anew; every other value (idempotency key, dates, correlation id, the
    instant, the caller's extras) is kept. Worked out only when a recovery needs it."""
    model, headers, instant = sent

    def rebuild(changes: Mapping[str, Any]) -> Prepared:
        signed_headers = {
            rule.target.lower()
            for rule in op.header_computed
            if rule.kind == "signature" and given_headers.get(rule.target) is None
        }
        dropped = signed_headers | {n.lower() for n in (extra.headers if extra else ())}
        kept = {k: v for k, v in headers.items() if k.lower() not in dropped}
        wire = _wire(model).items()
        again = {k: v for k, v in wire if k not in signed_body}
        again.update(changes)
        return prepare(op, base_url, again, kept, credentials, signers, instant, extra)

    return rebuild


def _plain_headers(
    op: Operation[Any],
    given: Mapping[str, str | None],
    instant: dt.datetime,
    credentials: Credentials,
) -> dict[str, str]:
    """The given headers, defaults and computed values that a signature may cover."""
    values = {name: value for name, value in given.items() if value is not None}
    for header in op.headers:
        if header.default is not None:
            values.setdefault(header.name, header.default)
    for rule in op.header_computed:
        if rule.target not in values and rule.kind != "signature":
            value = _plain_value(rule, instant, credentials, op.name)
            if value is not None:
                values[rule.target] = value
    return values


def _headers(
    op: Operation[Any],
    plain: Mapping[str, str],
    payload: Mapping[str, Any],
    body: bytes,
    instant: dt.datetime,
    credentials: Credentials,
    signers: Mapping[str, Signer],
) -> dict[str, str]:
    values = dict(plain)
    for rule in op.header_computed:
        if rule.target not in values and rule.kind == "signature":
            sign = signers[rule.arg or ""]
            values[rule.target] = sign(payload, body, instant, credentials, plain)
    problems = [
        p for rule in op.headers for p in _header_problems(rule, values.get(rule.name))
    ]
    if problems:
        lines = "; ".join(f"{loc}: {msg}" for loc, msg in problems)
        raise errors.RequestValidationError(
            f"{op.name}: invalid headers: {lines}", problems
        )
    # A request without a body (a GET) has no Content-Type to declare.
    content = {} if op.body_format == "none" else {"Content-Type": op.content_type}
    return {
        **content,
        "Accept": "application/json",
        "Accept-Encoding": "gzip, deflate",  # what the bounded reader decodes
        "User-Agent": USER_AGENT,
        **values,
    }


@lru_cache(maxsize=256)
def _matcher(pattern: str) -> TypeAdapter[str]:
    from pydantic import StringConstraints, TypeAdapter

    # pydantic's Rust engine runs in linear time: no header pattern can stall a call (ReDoS).
    return TypeAdapter(Annotated[str, StringConstraints(pattern=f"^(?:{pattern})$")])


def _matches(pattern: str, value: str) -> bool:
    try:
        _matcher(pattern).validate_python(value)
    except ValidationError:
        return False
    return True


def _header_problems(rule: HeaderRule, value: str | None) -> list[tuple[str, str]]:
    if value is None:
        return [(rule.name, "header is required")] if rule.required else []
    problems = []
    if _HEADER_CONTROL.search(
        value
    ):  # CR or LF would start a header of the caller's choosing
        problems.append(
            (rule.name, "must not hold control characters (CR, LF, NUL, ...)")
        )
    if not value.isascii():
        problems.append((rule.name, "must be ASCII (a header carries no other text)"))
    if rule.max_length is not None:
        size = len(value.encode(ENCODING)) if rule.in_bytes else len(value)
        unit = "bytes" if rule.in_bytes else "characters"
        if size > rule.max_length or (rule.exact and size != rule.max_length):
            bound = "exactly" if rule.exact else "at most"
            problems.append(
                (rule.name, f"must be {bound} {rule.max_length} {unit} (got {size})")
            )
    if rule.pattern is not None and not _matches(rule.pattern, value):
        problems.append((rule.name, f"does not match {rule.pattern}"))
    return problems
