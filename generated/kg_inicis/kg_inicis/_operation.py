"""What an operation is, as data: the generated ``_operations`` modules describe each endpoint
with these classes, and the prepared request and raw answer travel between the stages of
``_http`` in them (written by docbind, the same in every generated package)."""

from __future__ import annotations

import base64
import datetime as dt
import importlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast
from urllib.parse import unquote_plus

import httpx

from . import _errors as errors

# pydantic's BaseModel is named, not imported: importing it costs more than the rest of the
# package, and the models (which need it) load on first use.
if TYPE_CHECKING:
    from pydantic import BaseModel

    from ._extra import Extra
    from ._timing import Timeout

ModelT = TypeVar("ModelT", bound="BaseModel")
Conditions = tuple[tuple[str, tuple[Any, ...]], ...]
Credentials = Mapping[str, str | None]
# A signer gets the request payload (wire names), the exact body, the request instant, the
# credentials and the headers (those not computed from the body).
Signer = Callable[
    [Mapping[str, Any], bytes, dt.datetime, Credentials, Mapping[str, str]], str
]


@dataclass(frozen=True)
class Computed:
    """A value filled in when the caller gives none (``kind`` as in the spec)."""

    target: str
    kind: str
    arg: str | None = None
    strftime: str | None = None
    # Inside nested objects: the wire names of the objects (or arrays of them) above it.
    path: tuple[str, ...] = ()
    create: bool = False  # make the objects on ``path`` when missing (all are required)


@dataclass(frozen=True)
class Encrypted:
    """A request field sent encrypted ([ENC]): AES with a ``key_bytes`` key in ``mode``
    (``cbc``/``ecb``), PKCS#7 padding, the key (and IV) from credentials written as
    ``key_format``, the ciphertext as ``output``; ``_crypto`` does the work."""

    field: str
    recipe: str
    key_bytes: int
    mode: str
    key: str
    iv: str | None = None
    key_format: str = "text"
    output: str = "base64"


@dataclass(frozen=True)
class Auth:
    """How every request is authenticated (the spec's ``auth``): ``basic`` (``credential``
    as the user name, ``password`` or nothing), ``bearer``, ``scheme`` (``<scheme> <value>``)
    or ``header`` (the value alone, in ``header``)."""

    kind: str
    header: str
    credential: str
    password: str | None = None
    scheme: str | None = None


def auth_headers(auth: Auth | None, credentials: Credentials) -> dict[str, str]:
    """The header the documented authentication scheme sends, from the credentials."""
    if auth is None:
        return {}
    names = [auth.credential, *([auth.password] if auth.password else [])]
    missing = [name for name in names if credentials.get(name) is None]
    if missing:
        raise errors.RequestValidationError(
            f"the {missing[0]} credential is needed to authenticate: pass "
            f"{missing[0]}= to the client",
            [(missing[0], "not set")],
        )
    value = credentials.get(auth.credential) or ""
    if auth.kind == "basic":
        pair = f"{value}:{credentials.get(auth.password or '') or ''}"
        value = "Basic " + base64.b64encode(pair.encode("utf-8")).decode("ascii")
    elif auth.kind == "bearer":
        value = f"Bearer {value}"
    elif auth.kind == "scheme":
        value = f"{auth.scheme} {value}"
    return {auth.header: value}


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
    # "json", "form" (application/x-www-form-urlencoded), or "none" (a GET: no body at all)
    body_format: str = "json"
    # (signer, "body" or "header", name) of a documented signature over the answer
    response_signature: tuple[str, str, str] | None = None
    # Request model fields sent in the URL (wire names): into the path template, or the query.
    path_params: tuple[str, ...] = ()
    query_params: tuple[str, ...] = ()
    encrypted: tuple[Encrypted, ...] = ()  # fields sent encrypted, in the body
    # (request field, {its value: charset}, default): the answer's charset, as requested
    response_charset: tuple[str, tuple[tuple[str, str], ...], str] | None = None
    url_decoded: tuple[str, ...] = ()  # answer fields percent-encoded on the wire

    # Importing the package must not build thousands of model classes: the client names them
    # and they are imported here, when an operation is first used.
    @cached_property
    def request_model(self) -> type[BaseModel]:
        from . import models

        return cast("type[BaseModel]", getattr(models, self.request_class))

    @cached_property
    def response_model(self) -> type[ModelT]:
        from . import models

        return cast(type[ModelT], getattr(models, self.response_class))

    @cached_property
    def key_is_sensitive(self) -> bool:
        """Whether the idempotency key is documented as sensitive: logs and messages then show
        it masked (the errors still carry it, for reconciliation)."""
        from ._api import RULES

        key = self.idempotency_key
        if key is None:
            return False
        for header in self.headers:
            if header.name.lower() == key.lower():
                return header.sensitive
        fields = RULES.get(self.request_class, {}).get("fields", {})
        return bool(fields.get(key, {}).get("sensitive"))

    @cached_property
    def success_codes(self) -> frozenset[str]:
        """The success codes as text (documents list one, or several)."""
        accepted = self.success_equals
        if not isinstance(accepted, tuple):
            accepted = (accepted,)
        return frozenset(str(value) for value in accepted)

    @cached_property
    def top_level_now(self) -> bool:
        """Whether the caller can write the request time (a top-level ``now`` value)."""
        rules = (*self.header_computed, *(r for r in self.body_computed if not r.path))
        return any(rule.kind == "now" for rule in rules)

    @cached_property
    def url_attributes(self) -> set[str] | None:
        """The request model's attributes sent in the URL, left out of the body."""
        wires = (*self.path_params, *self.query_params)
        return {self.attributes[wire] for wire in wires} or None

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
    # The same request with some body fields changed, every value computed from them computed
    # again (signatures); the idempotency key, dates and the instant are kept.
    rebuild: Callable[[Mapping[str, Any]], Prepared] | None = field(
        default=None, compare=False, repr=False
    )

    @cached_property
    def payload(self) -> dict[str, Any]:
        """The body as wire names and JSON values (built only when a rule needs it)."""
        return _wire(self.model)


def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object whose keys repeat is not an answer: one reader would take the first
    ``resCd``, another the last, and a failure could read as a success."""
    data = dict(pairs)
    if len(data) != len(pairs):
        raise ValueError("a key appears twice in one object")
    return data


# json.loads with a hook builds a decoder (and its scanner) on every call: one is kept.
_DECODER = json.JSONDecoder(object_pairs_hook=unique_keys)


def load_json(data: bytes | str) -> Any:
    """``json.loads(data, object_pairs_hook=unique_keys)``, the same text accepted and the
    same errors raised."""
    if isinstance(data, str):
        if data.startswith("\ufeff"):
            raise json.JSONDecodeError(
                "Unexpected UTF-8 BOM (decode using utf-8-sig)", data, 0
            )
        return _DECODER.decode(data)
    return _DECODER.decode(data.decode(json.detect_encoding(data), "surrogatepass"))


def crypto() -> Any:
    """The package's ``_crypto`` module: copied only where the spec encrypts a field (and
    ``cryptography`` is a dependency), so it is imported by name, never statically."""
    return importlib.import_module(f"{__package__}._crypto")


def charset_of(op: Operation[Any], values: Mapping[str, Any]) -> str | None:
    """The charset of the answer, chosen by a request value (None: JSON's own rule)."""
    if op.response_charset is None:
        return None
    field_name, choices, default = op.response_charset
    chosen = values.get(field_name)
    if chosen is None:
        return default
    return next((c for v, c in choices if v == str(chosen)), default)


class Sent(dict[str, Any]):
    """A request's values as sent (an encrypted field as its ciphertext); ``plain`` holds
    them before encryption, which a signer's ``{plain: ...}`` item reads."""

    def __init__(self, sent: Mapping[str, Any], plain: Mapping[str, Any]) -> None:
        super().__init__(sent)
        self.plain = plain


def plain_text(payload: Mapping[str, Any], wire: str) -> str:
    """An encrypted field's value before encryption (empty when it was left out)."""
    source: Mapping[str, Any] = getattr(payload, "plain", payload)
    return str(source.get(wire, ""))


@dataclass(frozen=True)
class RawResponse(Generic[ModelT]):
    """What came back, exactly: status, headers, body bytes, and how it was obtained;
    ``parse()`` reads it as the operation method would have."""

    status_code: int
    # Not in the repr: an answer may carry an access token, or account data it echoes.
    headers: httpx.Headers = field(repr=False)
    content: bytes = field(repr=False)
    attempts: int
    idempotency_key: str | None
    elapsed: float
    recovered_by: str | None = None
    charset: str | None = None  # chosen by the request; None: JSON's own (UTF-8)
    url_decoded: tuple[str, ...] = ()  # top-level fields percent-decoded on reading
    url_charset: str = "utf-8"  # the charset of their percent-encoded bytes
    operation: Operation[ModelT] | None = field(default=None, compare=False, repr=False)

    def json(self) -> Any:
        text = (
            self.content if self.charset is None else self.content.decode(self.charset)
        )
        data = load_json(text)
        if self.url_decoded and isinstance(data, dict):
            for name in self.url_decoded:
                if isinstance(data.get(name), str):
                    data[name] = unquote_plus(
                        data[name], encoding=self.url_charset, errors="strict"
                    )
        return data

    def parse(self) -> ModelT:
        """The answer as the operation's response model, by its documented success rule;
        anything else raises the documented error (``errors.ApiError`` and the rest)."""
        if self.operation is None:
            raise TypeError("this answer did not come from an operation method")
        from ._answer import parse

        return parse(self.operation, self)

    @property
    def request_id(self) -> str | None:
        """The provider's id of this request, from the documented header (else the usual
        ones, such as ``X-Request-Id``): quote it when asking the provider about a call.
        """
        return request_id(self.headers)

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


def request_id(headers: httpx.Headers | None) -> str | None:
    """The provider's id of a request, from an answer's headers."""
    from ._api import REQUEST_ID_HEADERS

    if headers is None:
        return None
    return next((headers[h] for h in REQUEST_ID_HEADERS if h in headers), None)


def _wire(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(by_alias=True, exclude_none=True, mode="json")


class SyncSender:
    """What the synchronous operation methods need from ``Client``."""

    def _send(
        self,
        op: Operation[Any],
        payload: dict[str, Any],
        headers: dict[str, str | None],
        timeout: Timeout | None,
        extra: Extra | None = None,
    ) -> RawResponse[Any]:
        raise NotImplementedError


class AsyncSender:
    """What the asynchronous operation methods need from ``AsyncClient``."""

    async def _send(
        self,
        op: Operation[Any],
        payload: dict[str, Any],
        headers: dict[str, str | None],
        timeout: Timeout | None,
        extra: Extra | None = None,
    ) -> RawResponse[Any]:
        raise NotImplementedError
