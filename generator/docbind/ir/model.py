"""The intermediate representation: frozen, typed, the only thing emitters see.

Everything a template needs is decided here or while building it: Python names, types, limits,
defaults. The IR does no I/O and knows nothing of YAML, jinja2 or black. Every node keeps the
location of the spec text it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from docbind.ir.crypto import Encryption, ResponseCharset
from docbind.ir.diagnostics import Loc
from docbind.ir.publishing import Publishing
from docbind.ir.recipes import (
    ALGORITHM_NAMES,
    OUTPUT_NAMES,
    Algorithm,
    Auth,
    Output,
    ResponseSignature,
    SignPart,
    SortedFields,
    keyed_words,
)

Scalar = str | int | float | bool
JsonValue = Scalar | None | list["JsonValue"] | dict[str, "JsonValue"]
FieldType = Literal[
    "string", "integer", "decimal", "boolean", "date", "datetime", "time", "object", "array"
]
Source = Literal["document", "provider-docs"]
Direction = Literal["request", "response"]
# A sample value written as ``{Merchant ID}`` stands for whatever the request sent.
PLACEHOLDER = re.compile(r"^\{[^{}]+\}$")


@dataclass(frozen=True, slots=True)
class Note:
    kind: Literal["note", "assumption"]
    text: str
    source: Source
    loc: Loc


@dataclass(frozen=True, slots=True)
class Condition:
    """``field`` (a sibling, by wire name) holds one of ``values``."""

    field: str
    py_name: str
    values: tuple[Scalar, ...]

    def describe(self) -> str:
        shown = " or ".join(str(v) for v in self.values)
        return f"{self.field} is {shown}"


@dataclass(frozen=True, slots=True)
class Computed:
    kind: Literal["today", "now", "idempotency_key", "correlation_id", "signature", "credential"]
    arg: str | None

    def describe(self) -> str:
        return f"{self.kind}({self.arg})" if self.arg else self.kind

    @property
    def explain(self) -> str:
        """How the client fills the value in, in words, for the reference docs."""
        return {
            "today": f"today's date in {self.arg}",
            "now": f"the current time in {self.arg}",
            "idempotency_key": "a new idempotency key, the same on every retry",
            "correlation_id": "a new correlation id for each request",
            "signature": f"the {self.arg} signature",
            "credential": f"the client's {self.arg} credential",
        }[self.kind]


@dataclass(frozen=True, slots=True)
class Field:
    wire_name: str
    py_name: str
    type: FieldType
    doc: str
    required: bool
    required_when: tuple[Condition, ...]
    max_bytes: int | None
    max_chars: int | None
    exact_length: bool
    minimum: int | float | None
    maximum: int | float | None
    places: int | None
    format: str | None  # date/time pattern as documented, e.g. yyyyMMddHHmmssSSS
    pattern: str | None
    codes: str | None  # code table name
    default: Scalar | None
    computed: Computed | None
    sensitive: bool
    source: Source
    example: Scalar | None
    model: str | None  # class name of an object, or of an array's object items
    fields: tuple[Field, ...]
    items: Field | None
    min_items: int | None
    max_items: int | None
    notes: tuple[Note, ...]
    loc: Loc
    encrypt: str | None = None  # the encryption recipe of an [ENC] request field
    url_encoded: bool = False  # a response field percent-encoded on the wire (decoded)

    @property
    def length_limit(self) -> int | None:
        return self.max_bytes if self.max_bytes is not None else self.max_chars

    @property
    def length_text(self) -> str:
        """The documented length with its unit: ``max 8 bytes``, ``exactly 20 characters``."""
        if self.max_bytes is not None:
            limit, unit = self.max_bytes, "byte"
        elif self.max_chars is not None:
            limit, unit = self.max_chars, "character"
        else:
            return ""
        plural = "s" if limit != 1 else ""
        return f"{'exactly' if self.exact_length else 'max'} {limit} {unit}{plural}"

    @property
    def requirement(self) -> str:
        """``required``, ``required when reviseTypeCode is 62``, or ``optional``."""
        if self.required:
            return "required"
        if self.required_when:
            return "required when " + " and ".join(c.describe() for c in self.required_when)
        return "optional"


@dataclass(frozen=True, slots=True)
class CodeValue:
    code: str
    member: str  # Python enum member name
    label: str
    doc: str
    source: Source
    notes: tuple[Note, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class CodeTable:
    name: str  # as the spec names it; also the enum class name
    doc: str
    source: Source
    values: tuple[CodeValue, ...]
    notes: tuple[Note, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class Environment:
    name: str
    url: str
    doc: str
    source: Source
    notes: tuple[Note, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class Credential:
    name: str
    doc: str
    secret: bool
    source: Source
    loc: Loc


@dataclass(frozen=True, slots=True)
class Signer:
    name: str
    doc: str
    algorithm: Algorithm
    key: str | None  # credential name: the HMAC key, or the RSA private key (PEM)
    parts: tuple[SignPart, ...]  # the signed message, in the document's order
    separator: str
    output: Output
    template: str
    time_format: str | None
    time_zone: str | None
    source: Source
    notes: tuple[Note, ...]
    loc: Loc
    key_password: str | None = None  # the credential unlocking an encrypted RSA key

    @property
    def rsa(self) -> bool:
        """An RSA signature: the package then ships ``_rsa`` and depends on ``cryptography``."""
        return self.algorithm.startswith("rsa")

    @property
    def sorted_fields(self) -> SortedFields | None:
        return next((p.sorted for p in self.parts if p.sorted is not None), None)

    @property
    def fields(self) -> tuple[str, ...]:
        """Wire names of the fields it signs, in order."""
        return tuple(p.value for p in self.parts if p.kind == "field")

    @property
    def sign_body(self) -> bool:
        return any(p.kind == "body" for p in self.parts)

    @property
    def recipe(self) -> str:
        """The signing recipe in words, for docstrings and docs."""
        if len(self.parts) == 1 and self.sign_body:
            message = "the exact bytes of the request body"
        else:
            message = f" + {self.separator!r} + ".join(p.words for p in self.parts) + " (UTF-8)"
        keyed = keyed_words(self.algorithm, self.key, self.key_password)
        output = OUTPUT_NAMES[self.output]
        shaped = "" if self.template == "{mac}" else f", written as {self.template!r}"
        return f"{ALGORITHM_NAMES[self.algorithm]}{keyed} over {message}, as {output}{shaped}"


@dataclass(frozen=True, slots=True)
class ErrorDef:
    code: str
    http_status: int | None
    message: str
    doc: str
    exception: str
    source: Source
    notes: tuple[Note, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class ErrorTable:
    code_field: str | None
    message_field: str | None
    entries: tuple[ErrorDef, ...]
    notes: tuple[Note, ...]


@dataclass(frozen=True, slots=True)
class Message:
    model: str
    headers: tuple[Field, ...]
    body: tuple[Field, ...]
    # A request's path and query parameters; the request model holds them beside the body.
    path: tuple[Field, ...] = ()
    query: tuple[Field, ...] = ()
    charset: ResponseCharset | None = None  # a response's charset, chosen by the request

    @property
    def fields(self) -> tuple[Field, ...]:
        """Every field of the message's model: path and query parameters, then the body."""
        return (*self.path, *self.query, *self.body)


@dataclass(frozen=True, slots=True)
class SuccessRule:
    http_status: tuple[int, ...]
    field: str | None
    equals: tuple[Scalar, ...]  # any of these values of ``field`` is a success


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    safe: bool
    on: tuple[str, ...]
    max_retries: int
    notes: tuple[Note, ...]


@dataclass(frozen=True, slots=True)
class RecoveryRule:
    name: str
    doc: str
    when_request: tuple[Condition, ...]
    when_response: tuple[Condition, ...]
    resend: tuple[tuple[str, Scalar], ...]
    max_attempts: int
    notes: tuple[Note, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class Deviation:
    path: str
    note: str
    loc: Loc


@dataclass(frozen=True, slots=True)
class Sample:
    name: str
    direction: Direction
    doc: str
    placeholders: bool
    payload: dict[str, JsonValue]
    deviations: tuple[Deviation, ...]
    notes: tuple[Note, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class Operation:
    name: str  # snake_case method name
    summary: str
    doc: str
    method: str
    path: str
    content_type: str
    timeout: float  # seconds
    idempotency_key: str | None
    retry: RetryPolicy
    request: Message
    response: Message
    success: SuccessRule
    errors: tuple[str, ...]  # codes from the API error table
    recovery: tuple[RecoveryRule, ...]
    samples: tuple[Sample, ...]
    notes: tuple[Note, ...]
    file: str
    loc: Loc
    response_signature: ResponseSignature | None = None


@dataclass(frozen=True, slots=True)
class WebhookReply:
    name: str
    doc: str
    body: dict[str, JsonValue]


@dataclass(frozen=True, slots=True)
class Webhook:
    """A notification the provider sends to the merchant, and the documented replies."""

    name: str
    doc: str
    source: Source
    method: str
    model: str
    match: tuple[Condition, ...]
    body: tuple[Field, ...]
    replies: tuple[WebhookReply, ...]
    allowed_sources: tuple[str, ...]
    notes: tuple[Note, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class Api:
    name: str
    package: str
    version: str
    summary: str
    documents: tuple[str, ...]
    encoding: str
    timeout: float
    environments: tuple[Environment, ...]
    default_environment: str | None
    credentials: tuple[Credential, ...]
    headers: tuple[Field, ...]
    codes: tuple[CodeTable, ...]
    signers: tuple[Signer, ...]
    auth: Auth | None
    errors: ErrorTable
    operations: tuple[Operation, ...]
    webhooks: tuple[Webhook, ...]
    notes: tuple[Note, ...]
    loc: Loc
    publishing: Publishing = field(default_factory=Publishing)
    request_id_header: str | None = None  # the documented header with the provider's request id
    encryption: tuple[Encryption, ...] = ()

    @property
    def encrypts(self) -> bool:
        """Whether a request field is encrypted: the package then ships ``_crypto`` and
        depends on ``cryptography``."""
        return any(f.encrypt for op in self.operations for f in op.request.body)

    @property
    def signs_rsa(self) -> bool:
        """A signer signs with RSA: the package ships ``_rsa`` and depends on cryptography."""
        return any(s.rsa for s in self.signers)

    def cipher(self, name: str) -> Encryption | None:
        return next((e for e in self.encryption if e.name == name), None)

    def code_table(self, name: str) -> CodeTable | None:
        return next((t for t in self.codes if t.name == name), None)

    def signer(self, name: str) -> Signer | None:
        return next((s for s in self.signers if s.name == name), None)
