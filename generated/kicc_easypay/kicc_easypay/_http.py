"""The HTTP machinery behind ``Client`` and ``AsyncClient``, written by docbind (the same in
every generated package).

Each operation is described by data (:class:`Operation`) generated from the spec; this module
prepares a request from it (computed values, validation, signatures), sends it with bounded
retries where the spec says repeating is safe, runs the documented recovery rules, and reads the
answer by the documented success rule.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import random
import re
import time
import urllib.parse
import uuid
import zlib
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any, Generic, TypeVar, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import httpx
from pydantic import BaseModel, ValidationError

from . import errors
from ._api import ENCODING, USER_AGENT

logger = logging.getLogger(__name__.rpartition(".")[0])  # the package's logger
ModelT = TypeVar("ModelT", bound=BaseModel)

BACKOFF_BASE = 0.5  # seconds before the first retry; doubled each time, with jitter
BACKOFF_CAP = 8.0
RETRY_AFTER_CAP = 60.0
# The largest answer read, after decompression: payment APIs answer in kilobytes, so anything
# near this is a fault (a decompression bomb, an endless stream). ``max_response_bytes=`` on the
# client changes it.
MAX_RESPONSE_BYTES = 10 * 1024 * 1024
# Zones without DST, used when the system has no time zone database (e.g. Windows without tzdata).
_FIXED_OFFSETS = {"Asia/Seoul": 9, "Asia/Tokyo": 9, "UTC": 0, "Etc/UTC": 0}

Conditions = tuple[tuple[str, tuple[Any, ...]], ...]
Credentials = Mapping[str, str | None]
# A signer gets the request payload (wire names), the exact body, and the request instant.
Signer = Callable[[Mapping[str, Any], bytes, dt.datetime, Credentials], str]


@dataclass(frozen=True)
class Computed:
    """A value filled in when the caller gives none (``kind`` as in the spec)."""

    target: str
    kind: str
    arg: str | None = None
    strftime: str | None = None


@dataclass(frozen=True)
class HeaderRule:
    name: str
    required: bool
    max_length: int | None
    in_bytes: bool
    exact: bool
    pattern: str | None
    sensitive: bool
    default: str | None = None  # sent when the caller gives no value


@dataclass(frozen=True)
class Recovery:
    """Re-send with ``resend`` applied (same idempotency key) when both conditions hold."""

    name: str
    when_request: Conditions
    when_response: Conditions
    resend: tuple[tuple[str, Any], ...]
    max_attempts: int


@dataclass(frozen=True)
class Operation(Generic[ModelT]):
    """One endpoint as data; its models are named, and looked up in ``models`` on first use."""

    name: str
    method: str
    path: str
    timeout: float
    request_class: str
    response_class: str
    idempotency_key: str | None
    retry_safe: bool
    retry_on: frozenset[str]
    max_retries: int
    success_statuses: frozenset[int]
    success_field: str | None
    success_equals: Any
    error_code_field: str | None
    error_message_field: str | None
    body_computed: tuple[Computed, ...]
    header_computed: tuple[Computed, ...]
    headers: tuple[HeaderRule, ...]
    recovery: tuple[Recovery, ...]
    content_type: str = "application/json; charset=utf-8"  # as documented; sent as is
    body_format: str = "json"  # "json", or "form" (application/x-www-form-urlencoded)

    # Importing the package must not build thousands of model classes: the client names them
    # and they are imported here, when an operation is first used.
    @cached_property
    def request_model(self) -> type[BaseModel]:
        from . import models

        return cast(type[BaseModel], getattr(models, self.request_class))

    @cached_property
    def response_model(self) -> type[ModelT]:
        from . import models

        return cast(type[ModelT], getattr(models, self.response_class))

    @cached_property
    def attributes(self) -> dict[str, str]:
        """Wire name -> attribute name of the request model."""
        fields = self.request_model.model_fields
        return {(info.alias or name): name for name, info in fields.items()}


@dataclass(frozen=True)
class Prepared:
    """A request ready for the wire; the same bytes are sent on every attempt."""

    method: str
    url: str
    headers: dict[str, str]
    body: bytes
    model: BaseModel  # validated; ``body`` is its encoding (JSON, or a form)
    idempotency_key: str | None
    instant: dt.datetime

    @cached_property
    def payload(self) -> dict[str, Any]:
        """The body as wire names and JSON values (built only when a rule needs it)."""
        return _wire(self.model)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object whose keys repeat is not an answer: one reader would take the first
    ``resCd``, another the last, and a failure could read as a success."""
    data = dict(pairs)
    if len(data) != len(pairs):
        raise ValueError("a key appears twice in one object")
    return data


@dataclass(frozen=True)
class RawResponse:
    """What came back, exactly: status, headers, body bytes, and how it was obtained."""

    status_code: int
    headers: httpx.Headers
    content: bytes
    attempts: int
    idempotency_key: str | None
    elapsed: float
    recovered_by: str | None = None

    def json(self) -> Any:
        return json.loads(self.content, object_pairs_hook=_unique_keys)

    @cached_property
    def _object(self) -> dict[str, Any] | None:
        """The body decoded once, shared by the recovery rules and the success rule."""
        try:
            data = self.json()
        except (
            ValueError,
            UnicodeDecodeError,
            RecursionError,
        ):  # deep nesting is not an answer
            return None
        return data if isinstance(data, dict) else None


# --- preparing a request -------------------------------------------------------------------


_ZONES: dict[str, dt.tzinfo] = {}


def local_now(instant: dt.datetime, zone: str) -> dt.datetime:
    """``instant`` as wall-clock time in ``zone`` (naive, as the documents write it)."""
    tz = _ZONES.get(zone)
    if tz is None:
        try:
            tz = ZoneInfo(zone)
        except ZoneInfoNotFoundError:
            if zone not in _FIXED_OFFSETS:
                raise
            tz = dt.timezone(dt.timedelta(hours=_FIXED_OFFSETS[zone]))
        _ZONES[zone] = tz
    return instant.astimezone(tz).replace(tzinfo=None)


def format_time(value: dt.datetime, strftime: str) -> str:
    if "%f" not in strftime:
        return value.strftime(strftime)
    # Documents count milliseconds (SSS); strftime only knows microseconds.
    millis = f"{value.microsecond // 1000:03d}"
    return millis.join(value.strftime(part) for part in strftime.split("%f"))


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
        return format_time(local, rule.strftime or "%Y%m%d")
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


def _wire(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(by_alias=True, exclude_none=True, mode="json")


def encode_body(op: Operation[Any], model: BaseModel) -> bytes:
    """The exact request body (what the signers sign is what is sent): compact JSON in UTF-8,
    or for a form, ``name=value`` pairs of the top-level fields percent-encoded in the API's
    encoding (``true``/``false`` for booleans, as JSON writes them)."""
    if op.body_format == "form":
        pairs = [(name, _form_value(value)) for name, value in _wire(model).items()]
        return urllib.parse.urlencode(pairs, encoding=ENCODING).encode("ascii")
    return model.model_dump_json(by_alias=True, exclude_none=True).encode("utf-8")


def _form_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def decode_body(op: Operation[Any], body: bytes) -> Any:
    """A request body as the provider reads it (the fake provider uses this); raises
    ``ValueError`` when it is not what ``op.body_format`` says."""
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
    return json.loads(body or b"{}")


class _WireValues(Mapping[str, Any]):
    """The validated request by wire name, each value serialized when it is read: signers read
    two or three fields, and dumping the whole model for them cost more than signing."""

    def __init__(self, model: BaseModel, attributes: Mapping[str, str]) -> None:
        self._model = model
        self._attributes = attributes

    def __getitem__(self, wire: str) -> Any:
        name = self._attributes[wire]
        value = getattr(self._model, name)
        if value is None:  # left out of the body, as by model_dump(exclude_none=True)
            raise KeyError(wire)
        if value.__class__ is str:
            return value
        return self._model.model_dump(mode="json", include={name})[name]

    def __iter__(self) -> Iterator[str]:
        return (
            wire
            for wire, name in self._attributes.items()
            if getattr(self._model, name) is not None
        )

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _validate(op: Operation[Any], payload: Mapping[str, Any]) -> BaseModel:
    try:
        return op.request_model.model_validate(payload)
    except ValidationError as exc:
        raise _validation_error(op.name, exc) from None


def prepare(
    op: Operation[Any],
    base_url: str,
    payload: dict[str, Any],
    header_values: Mapping[str, str | None],
    credentials: Credentials,
    signers: Mapping[str, Signer],
) -> Prepared:
    """Fill computed values, validate every documented rule (once), sign and serialize.

    ``payload`` holds the caller's values by wire name; it is filled in place.
    """
    instant = dt.datetime.now(dt.UTC)
    signatures = []
    for rule in op.body_computed:
        if payload.get(rule.target) is None:
            if rule.kind == "signature":
                signatures.append(rule)
            else:
                payload[rule.target] = _plain_value(rule, instant, credentials, op.name)
    model = _validate(op, payload)
    values = _WireValues(model, op.attributes)
    for rule in signatures:
        # Signed over the validated values as they go on the wire; then the signature is
        # checked against its own documented limits (the other fields are not validated again).
        signature = signers[rule.arg or ""](values, b"", instant, credentials)
        try:
            model.__pydantic_validator__.validate_assignment(
                model, op.attributes[rule.target], signature
            )
        except ValidationError as exc:
            raise _validation_error(op.name, exc) from None
    body = encode_body(op, model)
    headers = _headers(op, header_values, values, body, instant, credentials, signers)
    key: Any = None
    if op.idempotency_key:
        key = values.get(op.idempotency_key)
        if key is None:
            key = headers.get(op.idempotency_key)
    return Prepared(
        op.method,
        base_url + op.path,
        headers,
        body,
        model,
        None if key is None else str(key),
        instant,
    )


def _headers(
    op: Operation[Any],
    given: Mapping[str, str | None],
    payload: Mapping[str, Any],
    body: bytes,
    instant: dt.datetime,
    credentials: Credentials,
    signers: Mapping[str, Signer],
) -> dict[str, str]:
    values = {name: value for name, value in given.items() if value is not None}
    for header in op.headers:
        if header.default is not None:
            values.setdefault(header.name, header.default)
    for rule in op.header_computed:
        if rule.target not in values:
            value: str | None
            if rule.kind == "signature":
                value = signers[rule.arg or ""](payload, body, instant, credentials)
            else:
                value = _plain_value(rule, instant, credentials, op.name)
            if value is not None:
                values[rule.target] = value
    problems = [
        p for rule in op.headers for p in _header_problems(rule, values.get(rule.name))
    ]
    if problems:
        lines = "; ".join(f"{loc}: {msg}" for loc, msg in problems)
        raise errors.RequestValidationError(
            f"{op.name}: invalid headers: {lines}", problems
        )
    return {
        "Content-Type": op.content_type,
        "Accept": "application/json",
        "Accept-Encoding": "gzip, deflate",  # what the bounded reader decodes
        "User-Agent": USER_AGENT,
        **values,
    }


def _header_problems(rule: HeaderRule, value: str | None) -> list[tuple[str, str]]:
    if value is None:
        return [(rule.name, "header is required")] if rule.required else []
    problems = []
    if rule.max_length is not None:
        size = len(value.encode(ENCODING)) if rule.in_bytes else len(value)
        unit = "bytes" if rule.in_bytes else "characters"
        if size > rule.max_length or (rule.exact and size != rule.max_length):
            bound = "exactly" if rule.exact else "at most"
            problems.append(
                (rule.name, f"must be {bound} {rule.max_length} {unit} (got {size})")
            )
    if rule.pattern is not None and not re.fullmatch(rule.pattern, value):
        problems.append((rule.name, f"does not match {rule.pattern}"))
    return problems


# --- reading an answer --------------------------------------------------------------------


def _holds(conditions: Conditions, values: Mapping[str, Any]) -> bool:
    return all(
        str(values.get(name)) in {str(v) for v in accepted}
        for name, accepted in conditions
    )


def recovery_for(
    op: Operation[Any], prepared: Prepared, raw: RawResponse, done: Mapping[str, int]
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
    """The same request (same key, same signature inputs) with the rule's fields set."""
    model = _validate(op, {**prepared.payload, **dict(rule.resend)})
    return replace(prepared, model=model, body=encode_body(op, model))


def parse(op: Operation[ModelT], raw: RawResponse) -> ModelT:
    """Apply the documented success rule; raise the documented error otherwise."""
    context: dict[str, Any] = {
        "idempotency_key": raw.idempotency_key,
        "attempts": raw.attempts,
        "http_status": raw.status_code,
    }
    data = raw._object
    if data is None:
        raise errors.ResponseDecodeError(
            f"{op.name}: HTTP {raw.status_code} answer is not a JSON object",
            body=raw.content,
            **context,
        )
    succeeded = raw.status_code in op.success_statuses and (
        op.success_field is None
        or str(data.get(op.success_field)) == str(op.success_equals)
    )
    if not succeeded:
        raise _api_error(op, raw, data, context)
    try:
        return op.response_model.model_validate(data)
    except ValidationError as exc:
        where = ", ".join(".".join(str(p) for p in e["loc"]) for e in exc.errors())
        raise errors.ResponseDecodeError(
            f"{op.name}: the answer does not have the documented shape ({where})",
            body=raw.content,
            **context,
        ) from None


def _api_error(
    op: Operation[Any], raw: RawResponse, data: dict[str, Any], context: dict[str, Any]
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


# --- reading an answer, bounded -------------------------------------------------------------


class _Unreadable(Exception):
    """An answer arrived but cannot be read; ``status`` is its HTTP status."""

    status = 0


class _TooLarge(_Unreadable):
    """The answer grew past the limit (raw or decoded)."""


class _BadEncoding(_Unreadable):
    """The answer's Content-Encoding is unknown or its compressed data is invalid."""


class _Inflater:
    """One content coding (gzip or deflate), decoded in steps that never produce more than the
    room left: a small compressed body cannot inflate to gigabytes in memory."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self._raw_deflate = False
        self._decoder = self._new()

    def _new(self) -> Any:
        if self.coding in ("gzip", "x-gzip"):
            return zlib.decompressobj(zlib.MAX_WBITS | 16)
        return zlib.decompressobj(
            -zlib.MAX_WBITS if self._raw_deflate else zlib.MAX_WBITS
        )

    def feed(self, data: bytes, room: int) -> bytes:
        out: list[bytes] = []
        size = 0
        while data:
            try:
                chunk = self._decoder.decompress(data, room - size + 1)
            except zlib.error as exc:
                if self.coding == "deflate" and not self._raw_deflate and not out:
                    self._raw_deflate = (
                        True  # servers send deflate with and without a header
                    )
                    self._decoder = self._new()
                    continue
                raise _BadEncoding(f"invalid {self.coding} data ({exc})") from None
            size += len(chunk)
            if size > room:
                raise _TooLarge
            out.append(chunk)
            data = self._decoder.unconsumed_tail
            if not data and self._decoder.eof and self._decoder.unused_data:
                data = self._decoder.unused_data  # the next gzip member
                self._decoder = self._new()
        return b"".join(out)


class BodyReader:
    """Collects an answer's body chunk by chunk, decoded, up to ``limit`` bytes and before
    ``deadline`` (``time.monotonic()``): the timeout bounds the whole attempt, not each read.
    """

    def __init__(self, response: httpx.Response, limit: int, deadline: float) -> None:
        self.limit = limit
        self.deadline = deadline
        self.parts: list[bytes] = []
        self.size = 0
        self.raw_size = 0
        codings = [
            c.strip().lower()
            for c in response.headers.get("content-encoding", "").split(",")
            if c.strip() and c.strip().lower() != "identity"
        ]
        unknown = [c for c in codings if c not in ("gzip", "x-gzip", "deflate")]
        if unknown:
            raise _BadEncoding(f"unsupported Content-Encoding {', '.join(unknown)}")
        self.inflaters = [_Inflater(c) for c in reversed(codings)]
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > limit:
            raise _TooLarge

    def feed(self, raw: bytes) -> None:
        self.raw_size += len(raw)
        if self.raw_size > self.limit:  # also bounds streams that decode to nothing
            raise _TooLarge
        data = raw
        for inflater in self.inflaters:
            data = inflater.feed(data, self.limit - self.size)
        self.size += len(data)
        if self.size > self.limit:
            raise _TooLarge
        self.parts.append(data)
        if time.monotonic() > self.deadline:
            raise httpx.ReadTimeout("the answer did not arrive within the timeout")

    def content(self) -> bytes:
        return b"".join(self.parts)


def _in_memory(response: httpx.Response, limit: int) -> bytes | None:
    """The body of an answer built in memory (a mock transport), which httpx has already read
    and decoded; None for an answer from the network."""
    if not response.is_stream_consumed:
        return None
    if len(response.content) > limit:
        raise _TooLarge
    return response.content


def read_body(response: httpx.Response, limit: int, deadline: float) -> bytes:
    content = _in_memory(response, limit)
    if content is not None:
        return content
    reader = BodyReader(response, limit, deadline)
    for raw in response.iter_raw():
        reader.feed(raw)
    return reader.content()


async def read_body_async(
    response: httpx.Response, limit: int, deadline: float
) -> bytes:
    content = _in_memory(response, limit)
    if content is not None:
        return content
    reader = BodyReader(response, limit, deadline)
    chunks: AsyncIterator[bytes] = response.aiter_raw()
    async for raw in chunks:
        reader.feed(raw)
    return reader.content()


# --- retries --------------------------------------------------------------------------------


def _retry_after(headers: httpx.Headers) -> float | None:
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None
    if not math.isfinite(seconds):  # "nan" and "inf" parse as floats
        return None
    return min(max(seconds, 0.0), RETRY_AFTER_CAP)


def backoff(attempt: int, retry_after: float | None = None) -> float:
    """Seconds to wait before attempt ``attempt + 1``: exponential, capped, with jitter."""
    if retry_after is not None:
        return retry_after
    delay = min(BACKOFF_BASE * 2.0 ** (attempt - 1), BACKOFF_CAP)
    return delay * (0.5 + random.random() / 2)


def _transport_failure(exc: httpx.TransportError) -> tuple[str, bool]:
    """(kind, maybe_sent): a request that never left is always safe to try again."""
    if isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout):
        return "connection", False
    if isinstance(exc, httpx.TimeoutException):
        return "timeout", True
    return "connection", True


def _may_retry_failure(op: Operation[Any], kind: str, maybe_sent: bool) -> bool:
    return not maybe_sent or (op.retry_safe and kind in op.retry_on)


def _may_retry_status(op: Operation[Any], status: int) -> bool:
    kind = "http_429" if status == 429 else "http_5xx" if status >= 500 else None
    return kind is not None and op.retry_safe and kind in op.retry_on


def _failure(
    op: Operation[Any],
    prepared: Prepared,
    exc: httpx.TransportError,
    attempts: int,
    maybe_sent: bool,
    last_status: int | None,
) -> errors.APIConnectionError:
    """The final error; ``maybe_sent`` says whether ANY attempt may have reached the provider,
    whatever the last one saw (a refund that timed out stays "maybe sent" when the retries then
    cannot connect)."""
    cls = (
        errors.APITimeoutError
        if isinstance(exc, httpx.TimeoutException)
        else errors.APIConnectionError
    )
    what = "timed out" if cls is errors.APITimeoutError else "could not connect"
    hint = (
        f"; look the transaction up by its key {prepared.idempotency_key}"
        if maybe_sent and prepared.idempotency_key
        else ""
    )
    return cls(
        f"{op.name}: {what} after {attempts} attempt(s) ({type(exc).__name__}){hint}",
        maybe_sent=maybe_sent,
        idempotency_key=prepared.idempotency_key,
        attempts=attempts,
        http_status=last_status,
    )


def _log(
    op: Operation[Any], prepared: Prepared, attempt: int, started: float, outcome: str
) -> None:
    elapsed = (time.monotonic() - started) * 1000
    logger.info(
        "%s %s -> %s in %.0f ms (attempt %d, key %s)",
        prepared.method,
        op.path,
        outcome,
        elapsed,
        attempt,
        prepared.idempotency_key or "-",
    )


class _Attempts:
    """Bookkeeping shared by the sync and async send loops (no I/O here)."""

    def __init__(
        self,
        op: Operation[Any],
        prepared: Prepared,
        max_retries: int,
        timeout: float,
        max_bytes: int,
    ) -> None:
        self.op = op
        self.prepared = prepared
        self.max_retries = max_retries
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.count = 0
        self.recoveries: dict[str, int] = {}
        self.recovered_by: str | None = None
        self.last_status: int | None = None  # of the last attempt that got an answer
        self.maybe_sent = False  # may any attempt so far have reached the provider?

    def failed(self, exc: httpx.TransportError, started: float) -> float:
        """Seconds to wait before trying again; raises when it must not be tried again."""
        kind, maybe_sent = _transport_failure(exc)
        self.maybe_sent = self.maybe_sent or maybe_sent
        _log(self.op, self.prepared, self.count, started, type(exc).__name__)
        if self.count > self.max_retries or not _may_retry_failure(
            self.op, kind, maybe_sent
        ):
            raise _failure(
                self.op,
                self.prepared,
                exc,
                self.count,
                self.maybe_sent,
                self.last_status,
            ) from None
        return backoff(self.count)

    def unreadable(self, exc: _Unreadable) -> errors.Error:
        """The answer arrived (so the request was processed) but cannot be read: final."""
        self.maybe_sent = True
        self.last_status = exc.status
        context: dict[str, Any] = {
            "idempotency_key": self.prepared.idempotency_key,
            "attempts": self.count,
            "http_status": exc.status,
        }
        hint = (
            f"; look the transaction up by its key {self.prepared.idempotency_key}"
            if self.prepared.idempotency_key
            else ""
        )
        if isinstance(exc, _TooLarge):
            return errors.ResponseTooLargeError(
                f"{self.op.name}: the answer is larger than {self.max_bytes} bytes{hint}",
                limit=self.max_bytes,
                **context,
            )
        return errors.ResponseDecodeError(
            f"{self.op.name}: the answer cannot be decoded: {exc}{hint}",
            body=b"",
            **context,
        )

    def answered(
        self, response: httpx.Response, content: bytes, started: float
    ) -> RawResponse:
        _log(self.op, self.prepared, self.count, started, str(response.status_code))
        self.maybe_sent = True
        self.last_status = response.status_code
        return RawResponse(
            response.status_code,
            response.headers,
            content,
            self.count,
            self.prepared.idempotency_key,
            time.monotonic() - started,
            self.recovered_by,
        )

    def next_step(self, raw: RawResponse) -> float | None:
        """None when ``raw`` is final; otherwise the wait before the next attempt."""
        if self.count <= self.max_retries and _may_retry_status(
            self.op, raw.status_code
        ):
            return backoff(self.count, _retry_after(raw.headers))
        rule = recovery_for(self.op, self.prepared, raw, self.recoveries)
        if rule is None:
            return None
        logger.info(
            "%s: %s: re-sending with %s (key %s)",
            self.op.name,
            rule.name,
            dict(rule.resend),
            self.prepared.idempotency_key or "-",
        )
        self.recoveries[rule.name] = self.recoveries.get(rule.name, 0) + 1
        self.recovered_by = rule.name
        self.prepared = apply_recovery(self.op, self.prepared, rule)
        return 0.0


def _exchange(
    http: httpx.Client, request: httpx.Request, max_bytes: int, deadline: float
) -> tuple[httpx.Response, bytes]:
    response = http.send(request, stream=True)
    try:
        return response, read_body(response, max_bytes, deadline)
    except _Unreadable as exc:
        exc.status = response.status_code
        raise
    finally:
        response.close()


async def _exchange_async(
    http: httpx.AsyncClient, request: httpx.Request, max_bytes: int, deadline: float
) -> tuple[httpx.Response, bytes]:
    response = await http.send(request, stream=True)
    try:
        return response, await read_body_async(response, max_bytes, deadline)
    except _Unreadable as exc:
        exc.status = response.status_code
        raise
    finally:
        await response.aclose()


def send(
    http: httpx.Client,
    op: Operation[Any],
    prepared: Prepared,
    timeout: float,
    max_retries: int,
    max_bytes: int = MAX_RESPONSE_BYTES,
) -> RawResponse:
    state = _Attempts(op, prepared, max_retries, timeout, max_bytes)
    while True:
        state.count += 1
        started = time.monotonic()
        request = http.build_request(
            state.prepared.method,
            state.prepared.url,
            headers=state.prepared.headers,
            content=state.prepared.body,
            timeout=timeout,
        )
        try:
            response, content = _exchange(http, request, max_bytes, started + timeout)
        except httpx.TransportError as exc:
            time.sleep(state.failed(exc, started))
            continue
        except _Unreadable as exc:
            raise state.unreadable(exc) from None
        raw = state.answered(response, content, started)
        wait = state.next_step(raw)
        if wait is None:
            return raw
        time.sleep(wait)


async def send_async(
    http: httpx.AsyncClient,
    op: Operation[Any],
    prepared: Prepared,
    timeout: float,
    max_retries: int,
    max_bytes: int = MAX_RESPONSE_BYTES,
) -> RawResponse:
    import asyncio  # here, not at the top: importing the package should not pay for asyncio

    state = _Attempts(op, prepared, max_retries, timeout, max_bytes)
    while True:
        state.count += 1
        started = time.monotonic()
        request = http.build_request(
            state.prepared.method,
            state.prepared.url,
            headers=state.prepared.headers,
            content=state.prepared.body,
            timeout=timeout,
        )
        try:
            # The timeout bounds the whole attempt: a server that drips its answer a byte at a
            # time is cut off, not only one that goes silent.
            async with asyncio.timeout(timeout):
                response, content = await _exchange_async(
                    http, request, max_bytes, started + timeout
                )
        except TimeoutError:
            exc = httpx.ReadTimeout("no whole answer within the timeout")
            await asyncio.sleep(state.failed(exc, started))
            continue
        except httpx.TransportError as exc:
            await asyncio.sleep(state.failed(exc, started))
            continue
        except _Unreadable as exc:
            raise state.unreadable(exc) from None
        raw = state.answered(response, content, started)
        wait = state.next_step(raw)
        if wait is None:
            return raw
        await asyncio.sleep(wait)


# --- what the operation methods (_operations/) share --------------------------------------


def payload(request: BaseModel | None, values: dict[str, Any]) -> dict[str, Any]:
    """The caller's values by wire name: the request model's, then the keyword arguments.

    Nothing is validated here: ``prepare`` validates once, after the computed values.
    Models are given as data, so that this validation checks them too (pydantic accepts a
    model instance as it is, and a caller may have changed its attributes since).
    """
    given = {name: _data(value) for name, value in values.items() if value is not None}
    if request is None:
        return given
    return {**request.model_dump(by_alias=True, exclude_none=True), **given}


def arguments(
    op: Operation[Any],
    request: BaseModel | None,
    given: Mapping[str, Any],
    body: Mapping[str, str],
    headers: Mapping[str, str],
) -> tuple[dict[str, Any], dict[str, str | None]]:
    """The payload and headers of a call from its keyword arguments, by Python name.

    ``body`` and ``headers`` map the names to wire names; an unknown name is refused as
    Python refuses one.
    """
    unknown = sorted(set(given) - set(body) - set(headers))
    if unknown:
        raise TypeError(
            f"{op.name}() got an unexpected keyword argument {unknown[0]!r}"
        )
    values = payload(request, {wire: given.get(name) for name, wire in body.items()})
    return values, {wire: given.get(name) for name, wire in headers.items()}


def _data(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(by_alias=True, exclude_none=True)
    if isinstance(value, list | tuple):
        return [_data(item) for item in value]
    return value


class SyncSender:
    """What the synchronous operation methods need from ``Client``."""

    def _send(
        self,
        op: Operation[Any],
        payload: dict[str, Any],
        headers: dict[str, str | None],
        timeout: float | None,
    ) -> RawResponse:
        raise NotImplementedError


class AsyncSender:
    """What the asynchronous operation methods need from ``AsyncClient``."""

    async def _send(
        self,
        op: Operation[Any],
        payload: dict[str, Any],
        headers: dict[str, str | None],
        timeout: float | None,
    ) -> RawResponse:
        raise NotImplementedError
