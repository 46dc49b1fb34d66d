"""The table of tests/test_spec_keys.py: for every key path of spec/schema.json, how the test
proves the key is used. Each case changes one key of the base spec (tests/spec_keys/) and says
where that must show: the IR attribute it lands in and the artefacts that must change, or (for
a key that only steers checking) the located error a wrong value gets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

DROP = object()  # remove the key instead of setting it

# Artefact groups of a generated package (and the two other emitters), by path prefix.
ARTEFACTS = {
    "models": ("PKG/_models/", "PKG/models.py", "PKG/_types.py", "PKG/_api.py"),
    "client": ("PKG/_operations/", "PKG/client.py", "PKG/__init__.py"),
    "http": ("PKG/_http.py",),
    "signing": ("PKG/signing.py",),
    "errors": ("PKG/errors.py",),
    "testing": ("PKG/testing.py", "PKG/_samples.json"),
    "webhooks": ("PKG/webhooks.py",),
    "tests": ("tests/",),
    "docs": ("README.md", "docs/", "CHANGELOG.md"),
    "pyproject": ("pyproject.toml",),
    "openapi": ("openapi.json",),
    "site": ("site/",),
}


@dataclass(frozen=True)
class Emitted:
    """Setting ``value`` at ``path`` of ``file`` changes IR attribute ``ir`` and every group
    in ``artefacts``."""

    file: str  # "api" or "op"
    path: tuple[str | int, ...]
    value: Any
    ir: str  # e.g. "operations[0].timeout"
    artefacts: tuple[str, ...]


@dataclass(frozen=True)
class Checked:
    """A key that steers checking only: ``value`` at ``path`` is a located error."""

    file: str
    path: tuple[str | int, ...]
    value: Any
    error: str  # a part of the message


A, OP = "api", "op"
BODY = ("request", "body")
CODE = ("codes", "Kind")
VALUE = (*CODE, "values", 0)
SIGNER = ("signers", "mac")
LIST = ("signers", "list_mac", "input")  # the ordered input of the third signer
AUTH = ("auth",)
VERIFY = ("response_signature",)
ERROR = ("errors", "table", 0)
HOOK = ("webhooks", "paid")
SAMPLE = ("samples", 0)
RECOVERY = ("recovery", 0)
NOTE = ("notes", 0)
DOCS = ("docs", "site")
ENC = ("encryption", "aes")
VECTOR = (*ENC, "vectors", 0)
CHARSET = ("response", "charset")

CASES: dict[str, Emitted | Checked] = {
    # --- api.yaml ---------------------------------------------------------------------------
    "api.docbind": Checked(A, ("docbind",), 2, "docbind"),
    "api.name": Emitted(A, ("name",), "Other Name", "name", ("client", "docs", "openapi", "site")),
    "api.package": Emitted(A, ("package",), "otherpkg", "package", ("pyproject",)),
    "api.version": Emitted(A, ("version",), "0.2.0", "version", ("pyproject", "openapi")),
    "api.summary": Emitted(
        A, ("summary",), "Another summary.", "summary", ("pyproject", "docs", "openapi")
    ),
    "api.license": Emitted(A, ("license",), "Apache-2.0", "publishing.license", ("pyproject",)),
    "api.urls": Emitted(A, ("urls",), {}, "publishing.urls", ("pyproject", "docs")),
    **{
        f"api.urls.{key}": Emitted(
            A,
            ("urls", key),
            f"https://other.example.com/{key}",
            "publishing.urls",
            ("pyproject", "docs") if key == "documentation" else ("pyproject",),
        )
        for key in ("homepage", "documentation", "repository", "issues")
    },
    "api.authors": Emitted(
        A, ("authors",), [{"name": "Other"}], "publishing.authors", ("pyproject",)
    ),
    "api.authors.name": Emitted(
        A, ("authors", 0, "name"), "Someone Else", "publishing.authors", ("pyproject",)
    ),
    "api.authors.email": Emitted(
        A, ("authors", 0, "email"), "else@example.com", "publishing.authors", ("pyproject",)
    ),
    "api.request_id_header": Emitted(
        A, ("request_id_header",), "X-Other-Id", "request_id_header", ("models", "docs")
    ),
    "api.documents": Emitted(A, ("documents",), ["other.txt"], "documents", ("docs",)),
    "api.encoding": Emitted(A, ("encoding",), "euc-kr", "encoding", ("models",)),
    "api.timeout": Emitted(A, ("timeout",), "5s", "timeout", ("client",)),
    "api.environments": Emitted(
        A,
        ("environments", "live", "url"),
        "https://x.example.com",
        "environments[1].url",
        ("client", "openapi"),
    ),
    "api.default_environment": Emitted(
        A, ("default_environment",), "live", "default_environment", ("client",)
    ),
    "api.credentials": Emitted(
        A, ("credentials", "api_token"), {"doc": "A token"}, "credentials", ("client", "docs")
    ),
    "api.headers": Emitted(
        A, ("headers", "X-Api-Version", "default"), "2", "headers[0].default", ("client", "openapi")
    ),
    "api.codes": Emitted(
        A, (*CODE, "values", 2, "code"), "D", "codes[0].values[2].code", ("models", "openapi")
    ),
    "api.signers": Emitted(A, ("signers", "body_hash", "output"), "hex", "signers", ("signing",)),
    "api.errors": Emitted(A, ("errors", "table", 1), DROP, "errors.entries", ("errors",)),
    "api.webhooks": Emitted(A, ("webhooks",), DROP, "webhooks", ("webhooks",)),
    "api.operations": Checked(A, ("operations",), ["missing.yaml"], "missing.yaml"),
    # A `$ref` is replaced by what it names when the spec is loaded: a wrong one is located.
    "ref.$ref": Checked(A, CODE, {"$ref": "codes/missing.yaml"}, "no such file"),
    "api.notes": Emitted(A, ("notes",), DROP, "notes", ("docs",)),
    "api.assumptions": Emitted(A, ("assumptions",), DROP, "notes", ("docs",)),
    # --- operation files ---------------------------------------------------------------------
    "operation.operation": Emitted(
        OP, ("operation",), "settle", "operations[0].name", ("client", "docs", "openapi", "tests")
    ),
    "operation.summary": Emitted(
        OP, ("summary",), "Settle", "operations[0].summary", ("client", "docs", "openapi")
    ),
    "operation.doc": Emitted(OP, ("doc",), "Settles.", "operations[0].doc", ("docs", "openapi")),
    "operation.method": Emitted(
        OP, ("method",), "PUT", "operations[0].method", ("client", "docs", "openapi")
    ),
    "operation.path": Emitted(
        OP, ("path",), "/settle/{shopId}", "operations[0].path", ("client", "docs", "openapi")
    ),
    # A form body is proven in tests/test_form_body.py; this body has an object and an array.
    "operation.content_type": Emitted(
        OP,
        ("content_type",),
        "application/json",
        "operations[0].content_type",
        ("client", "docs", "openapi"),
    ),
    "operation.timeout": Emitted(
        OP, ("timeout",), "20s", "operations[0].timeout", ("client", "docs")
    ),
    "operation.idempotency_key": Emitted(
        OP, ("idempotency_key",), "reason", "operations[0].idempotency_key", ("client",)
    ),
    "operation.retry": Emitted(OP, ("retry",), DROP, "operations[0].retry", ("client", "docs")),
    "operation.request": Emitted(
        OP, (*BODY, "reason"), DROP, "operations[0].request", ("models", "openapi")
    ),
    "operation.response": Emitted(
        OP, ("response", "body", "extra"), DROP, "operations[0].response", ("models", "openapi")
    ),
    "operation.response_signature": Emitted(
        OP, VERIFY, DROP, "operations[0].response_signature", ("client", "docs")
    ),
    "operation.response_signature.signer": Checked(
        OP, (*VERIFY, "signer"), "nope", "response_signature: no signer nope"
    ),
    "operation.response_signature.field": Emitted(
        OP, (*VERIFY, "field"), "resMsg", "operations[0].response_signature", ("client", "docs")
    ),
    "operation.response_signature.header": Checked(
        OP, (*VERIFY, "header"), "X-Request-Id", "needs either field or header"
    ),
    "operation.success": Emitted(
        OP, ("success", "equals"), "0001", "operations[0].success", ("client",)
    ),
    "operation.errors": Emitted(
        OP, ("errors",), ["E1", "E2"], "operations[0].errors", ("docs", "openapi")
    ),
    "operation.recovery": Emitted(
        OP, ("recovery",), DROP, "operations[0].recovery", ("client", "docs")
    ),
    "operation.samples": Emitted(
        OP, ("samples", 1), DROP, "operations[0].samples", ("testing", "openapi")
    ),
    "operation.notes": Emitted(OP, ("notes",), DROP, "operations[0].notes", ("docs",)),
    "operation.assumptions": Emitted(OP, ("assumptions",), DROP, "operations[0].notes", ("docs",)),
    # --- notes -------------------------------------------------------------------------------
    "note.text": Emitted(A, NOTE, {"text": "Other note."}, "notes[0].text", ("docs",)),
    "note.source": Emitted(
        A, ("assumptions", 0, "source"), "document", "notes[1].source", ("docs",)
    ),
    # --- environments and credentials ------------------------------------------------------
    "environment.url": Emitted(
        A,
        ("environments", "test", "url"),
        "https://t.example.com",
        "environments[0].url",
        ("client", "openapi"),
    ),
    "environment.doc": Emitted(
        A, ("environments", "test", "doc"), DROP, "environments[0].doc", ("docs",)
    ),
    "environment.source": Emitted(
        A, ("environments", "test", "source"), "provider-docs", "environments[0].source", ("docs",)
    ),
    "environment.notes": Emitted(
        A, ("environments", "test", "notes"), DROP, "environments[0].notes", ("docs",)
    ),
    "environment.assumptions": Emitted(
        A, ("environments", "test", "assumptions"), DROP, "environments[0].notes", ("docs",)
    ),
    "credential.doc": Emitted(
        A, ("credentials", "secret_key", "doc"), "Another key", "credentials[0].doc", ("docs",)
    ),
    "credential.secret": Emitted(
        A, ("credentials", "secret_key", "secret"), False, "credentials[0].secret", ("docs",)
    ),
    "credential.source": Emitted(
        A,
        ("credentials", "secret_key", "source"),
        "provider-docs",
        "credentials[0].source",
        ("docs",),
    ),
    # --- code tables ---------------------------------------------------------------------------
    "code_table.doc": Emitted(
        A, (*CODE, "doc"), "Other kinds", "codes[0].doc", ("models", "openapi")
    ),
    "code_table.source": Emitted(
        A, (*CODE, "source"), "provider-docs", "codes[0].source", ("docs",)
    ),
    "code_table.values": Emitted(
        A, (*CODE, "values", 2), DROP, "codes[0].values", ("models", "openapi")
    ),
    "code_table.notes": Emitted(A, (*CODE, "notes"), DROP, "codes[0].notes", ("docs",)),
    "code_table.assumptions": Emitted(A, (*CODE, "assumptions"), DROP, "codes[0].notes", ("docs",)),
    "code_value.code": Emitted(
        A, (*CODE, "values", 2, "code"), "Z", "codes[0].values[2].code", ("models", "openapi")
    ),
    "code_value.name": Emitted(
        A, (*VALUE, "name"), "zulu", "codes[0].values[0].member", ("models",)
    ),
    "code_value.label": Emitted(
        A, (*VALUE, "label"), "Zulu", "codes[0].values[0].label", ("models", "docs")
    ),
    "code_value.doc": Emitted(
        A, (*VALUE, "doc"), "Another", "codes[0].values[0].doc", ("models", "docs")
    ),
    "code_value.source": Emitted(
        A, (*VALUE, "source"), "provider-docs", "codes[0].values[0].source", ("docs",)
    ),
    "code_value.notes": Emitted(A, (*VALUE, "notes"), DROP, "codes[0].values[0].notes", ("docs",)),
    # --- signers -----------------------------------------------------------------------------
    "signer.doc": Emitted(A, (*SIGNER, "doc"), "Another MAC", "signers[0].doc", ("signing",)),
    "signer.algorithm": Emitted(
        A, (*SIGNER, "algorithm"), "hmac-sha512", "signers[0].algorithm", ("signing",)
    ),
    "signer.key": Emitted(A, (*SIGNER, "key"), "mall_id", "signers[0].key", ("signing",)),
    "signer.input": Emitted(
        A,
        ("signers", "body_hash", "input"),
        {"fields": ["orderId"]},
        "signers[1].fields",
        ("signing",),
    ),
    "signer.input.fields": Emitted(
        A, (*SIGNER, "input", "fields"), ["orderId"], "signers[0].fields", ("signing",)
    ),
    "signer.input.separator": Emitted(
        A, (*SIGNER, "input", "separator"), ":", "signers[0].separator", ("signing",)
    ),
    "signer.input.body": Emitted(
        A, (*SIGNER, "input"), {"body": True}, "signers[0].sign_body", ("signing",)
    ),
    "signer.input.field": Emitted(
        A, (*LIST, 1, "field"), "amount", "signers[2].parts", ("signing", "client")
    ),
    "signer.input.header": Checked(
        A, (*LIST, 3, "header"), "X-Nope", "signs header X-Nope, not in the request"
    ),
    "signer.input.path": Emitted(
        A, (*LIST, 3), {"path": "shopId"}, "signers[2].parts", ("signing", "client", "testing")
    ),
    "signer.input.constant": Emitted(
        A, (*LIST, 2, "constant"), "#", "signers[2].parts", ("signing", "docs")
    ),
    "signer.input.credential": Emitted(
        A, (*LIST, 0, "credential"), "mall_id", "signers[2].parts", ("signing", "client")
    ),
    "signer.input.time": Emitted(
        A, (*LIST, 4, "time"), "yyyyMMdd", "signers[2].time_format", ("client", "docs")
    ),
    "signer.separator": Emitted(
        A, ("signers", "list_mac", "separator"), ":", "signers[2].separator", ("signing",)
    ),
    "signer.output": Emitted(A, (*SIGNER, "output"), "base64", "signers[0].output", ("signing",)),
    "signer.template": Emitted(
        A, (*SIGNER, "template"), "v1:{time}:{mac}", "signers[0].template", ("signing",)
    ),
    # The client formats the request time and hands it to the signer.
    "signer.time_format": Emitted(
        A, (*SIGNER, "time_format"), "yyyyMMdd", "signers[0].time_format", ("client", "docs")
    ),
    "signer.time_zone": Emitted(
        A, (*SIGNER, "time_zone"), "UTC", "signers[0].time_zone", ("client", "docs")
    ),
    "signer.source": Emitted(
        A, (*SIGNER, "source"), "provider-docs", "signers[0].source", ("docs",)
    ),
    "signer.notes": Emitted(A, (*SIGNER, "notes"), DROP, "signers[0].notes", ("docs",)),
    "signer.assumptions": Emitted(A, (*SIGNER, "assumptions"), DROP, "signers[0].notes", ("docs",)),
    "signer.input.plain": Emitted(
        A,
        ("signers", "plain_mac", "input", 1, "plain"),
        "orderId",
        "signers[4].parts",
        ("signing",),
    ),
    # A sorted list of every field cannot write the card object or the tags array as text.
    "signer.input.sorted_fields": Checked(
        A, (*LIST, 2), {"sorted_fields": {}}, "card is an object with no text form"
    ),
    **{
        f"signer.input.sorted_fields.{key}": Emitted(
            A,
            (*LIST, 2),
            {"sorted_fields": {"exclude": ["card", "tags"], key: value}},
            "signers[2].parts",
            ("signing", "client", "docs"),
        )
        for key, value in (
            ("exclude", ["card", "tags", "memo"]),
            ("skip_empty", True),
            ("pair", ":"),
            ("join", ";"),
        )
    },
    "signer.key_password": Checked(
        A, (*SIGNER, "key_password"), "secret_key", "key_password belongs to an RSA key"
    ),
    # --- encryption (issue 14) -----------------------------------------------------------------
    "api.encryption": Checked(A, ("encryption",), {}, "encrypt names no encryption recipe"),
    "encryption.doc": Emitted(A, (*ENC, "doc"), "Other", "encryption[0].doc", ("docs",)),
    "encryption.algorithm": Checked(A, (*ENC, "algorithm"), "aes-256", "AES-256 needs 32"),
    "encryption.mode": Checked(A, (*ENC, "mode"), "ecb", "ECB takes no IV"),
    "encryption.padding": Checked(A, (*ENC, "padding"), "zeros", "padding"),
    "encryption.key": Emitted(
        A, (*ENC, "key"), "mall_id", "encryption[0].key", ("client", "tests")
    ),
    "encryption.iv": Checked(A, (*ENC, "iv"), "nope", "iv 'nope' is not a credential"),
    "encryption.key_format": Checked(A, (*ENC, "key_format"), "hex", "the key is 8 bytes"),
    "encryption.output": Checked(A, (*ENC, "output"), "hex", "not whole AES blocks"),
    "encryption.vectors": Emitted(
        A, (*ENC, "vectors"), DROP, "encryption[0].vectors", ("tests", "docs")
    ),
    "encryption.vectors.key": Checked(A, (*VECTOR, "key"), "short", "the key is 5 bytes"),
    "encryption.vectors.iv": Checked(A, (*VECTOR, "iv"), "short", "the IV is 5 bytes"),
    "encryption.vectors.plain": Emitted(
        A, (*VECTOR, "plain"), "456", "encryption[0].vectors[0].plain", ("tests",)
    ),
    "encryption.vectors.cipher": Checked(A, (*VECTOR, "cipher"), "abc", "not whole AES blocks"),
    "encryption.source": Emitted(
        A, (*ENC, "source"), "provider-docs", "encryption[0].source", ("docs",)
    ),
    "encryption.notes": Emitted(A, (*ENC, "notes"), DROP, "encryption[0].notes", ("docs",)),
    "encryption.assumptions": Emitted(
        A, (*ENC, "assumptions"), DROP, "encryption[0].notes", ("docs",)
    ),
    "field.encrypt": Emitted(
        OP,
        (*BODY, "account", "encrypt"),
        DROP,
        "operations[0].request.body[10].encrypt",
        ("client", "pyproject", "tests", "docs", "openapi"),
    ),
    "field.url_encoded": Emitted(
        OP,
        ("response", "body", "note", "url_encoded"),
        DROP,
        "operations[0].response.body[4].url_encoded",
        ("client", "docs", "openapi"),
    ),
    "message.charset": Emitted(
        OP, CHARSET, DROP, "operations[0].response.charset", ("client", "docs", "site")
    ),
    "message.charset.field": Checked(OP, (*CHARSET, "field"), "nope", "not a request field"),
    "message.charset.values": Emitted(
        OP,
        (*CHARSET, "values"),
        {"ko": "cp949"},
        "operations[0].response.charset",
        ("client", "docs"),
    ),
    "message.charset.default": Checked(OP, (*CHARSET, "default"), "nope", "unknown charset 'nope'"),
    # --- authentication ---------------------------------------------------------------------
    "api.auth": Emitted(A, AUTH, DROP, "auth", ("client", "testing", "docs", "openapi")),
    "auth.type": Checked(A, (*AUTH, "type"), "bearer", "username does not belong to type bearer"),
    "auth.username": Emitted(
        A, (*AUTH, "username"), "secret_key", "auth.credential", ("client", "testing", "docs")
    ),
    "auth.password": Emitted(A, (*AUTH, "password"), DROP, "auth.password", ("client", "docs")),
    "auth.credential": Checked(
        A, (*AUTH, "credential"), "secret_key", "credential does not belong to type basic"
    ),
    "auth.scheme": Checked(A, (*AUTH, "scheme"), "SECRET_KEY", "scheme does not belong"),
    "auth.header": Checked(A, (*AUTH, "header"), "X-Api-Key", "header does not belong"),
    "auth.doc": Emitted(A, (*AUTH, "doc"), "Another scheme.", "auth.doc", ("docs",)),
    # The token flow's keys belong to type token only (its output: tests/test_portone_v1.py).
    "auth.operation": Checked(A, (*AUTH, "operation"), "get_token", "operation does not belong"),
    "auth.token_field": Checked(
        A, (*AUTH, "token_field"), "response.token", "token_field does not belong"
    ),
    "auth.expires_field": Checked(
        A, (*AUTH, "expires_field"), "response.expired_at", "expires_field does not belong"
    ),
    "auth.expires_in_field": Checked(
        A, (*AUTH, "expires_in_field"), "expires_in", "expires_in_field does not belong"
    ),
    "auth.now_field": Checked(A, (*AUTH, "now_field"), "response.now", "now_field does not belong"),
    "auth.margin": Checked(A, (*AUTH, "margin"), "30s", "margin does not belong"),
    # --- errors ------------------------------------------------------------------------------
    "errors.code_field": Emitted(
        A, ("errors", "code_field"), "code", "errors.code_field", ("client",)
    ),
    "errors.message_field": Emitted(
        A, ("errors", "message_field"), "message", "errors.message_field", ("client",)
    ),
    "errors.table": Emitted(
        A, ("errors", "table", 0, "exception"), "InputError", "errors.entries", ("errors",)
    ),
    "errors.notes": Emitted(A, ("errors", "notes"), DROP, "errors.notes", ("docs",)),
    "errors.assumptions": Emitted(A, ("errors", "assumptions"), DROP, "errors.notes", ("docs",)),
    "error_entry.http_status": Emitted(
        A, (*ERROR, "http_status"), 409, "errors.entries[0].http_status", ("errors", "openapi")
    ),
    "error_entry.code": Emitted(
        A, ("errors", "table", 1, "code"), "E9", "errors.entries[1].code", ("errors",)
    ),
    "error_entry.message": Emitted(
        A, (*ERROR, "message"), "Other", "errors.entries[0].message", ("errors",)
    ),
    "error_entry.doc": Emitted(A, (*ERROR, "doc"), "Other", "errors.entries[0].doc", ("errors",)),
    "error_entry.exception": Emitted(
        A, (*ERROR, "exception"), "InputError", "errors.entries[0].exception", ("errors",)
    ),
    "error_entry.source": Emitted(
        A, (*ERROR, "source"), "provider-docs", "errors.entries[0].source", ("docs",)
    ),
    "error_entry.notes": Emitted(A, (*ERROR, "notes"), DROP, "errors.entries[0].notes", ("docs",)),
    # --- messages and fields -----------------------------------------------------------------
    "message.model": Emitted(
        OP,
        ("response", "model"),
        "Payment",
        "operations[0].response.model",
        ("models", "client", "openapi"),
    ),
    "request.model": Emitted(
        OP,
        ("request", "model"),
        "Payment",
        "operations[0].request.model",
        ("models", "client", "openapi"),
    ),
    "request.path": Emitted(
        OP,
        ("request", "path", "shopId", "doc"),
        "Another shop",
        "operations[0].request.path",
        ("models", "client", "docs", "openapi", "site"),
    ),
    "request.query": Emitted(
        OP,
        ("request", "query"),
        DROP,
        "operations[0].request.query",
        ("models", "client", "docs", "openapi", "site"),
    ),
    "request.headers": Emitted(
        OP, ("request", "headers", "X-Hash"), DROP, "operations[0].request.headers", ("client",)
    ),
    "request.body": Emitted(
        OP, (*BODY, "rate"), DROP, "operations[0].request.body", ("models", "client", "openapi")
    ),
    "message.headers": Emitted(
        OP, ("response", "headers"), DROP, "operations[0].response.headers", ("openapi",)
    ),
    "message.body": Emitted(
        OP,
        ("response", "body", "paidAt"),
        {"type": "string"},
        "operations[0].response.body",
        ("models", "openapi"),
    ),
    "field.type": Emitted(
        OP,
        (*BODY, "reason", "type"),
        "integer",
        "operations[0].request.body[7].type",
        ("models", "openapi"),
    ),
    "field.doc": Emitted(
        OP,
        (*BODY, "orderId", "doc"),
        "Another",
        "operations[0].request.body[0].doc",
        ("models", "docs", "openapi"),
    ),
    "field.required": Emitted(
        OP,
        (*BODY, "amount", "required"),
        True,
        "operations[0].request.body[1].required",
        ("models", "openapi"),
    ),
    "field.required_when": Emitted(
        OP,
        (*BODY, "reason", "required_when"),
        DROP,
        "operations[0].request.body[7].required_when",
        ("models", "openapi"),
    ),
    "field.bytes": Emitted(
        OP,
        (*BODY, "orderId", "bytes"),
        30,
        "operations[0].request.body[0].max_bytes",
        ("models", "openapi"),
    ),
    "field.chars": Emitted(
        OP,
        (*BODY, "memo", "chars"),
        12,
        "operations[0].request.body[4].max_chars",
        ("models", "openapi"),
    ),
    "field.exact": Emitted(
        OP,
        (*BODY, "memo", "exact"),
        True,
        "operations[0].request.body[4].exact_length",
        ("models", "openapi"),
    ),
    "field.min": Emitted(
        OP,
        (*BODY, "amount", "min"),
        2,
        "operations[0].request.body[1].minimum",
        ("models", "openapi"),
    ),
    "field.max": Emitted(
        OP,
        (*BODY, "amount", "max"),
        999,
        "operations[0].request.body[1].maximum",
        ("models", "openapi"),
    ),
    "field.places": Emitted(
        OP,
        (*BODY, "rate", "places"),
        1,
        "operations[0].request.body[3].places",
        ("models", "openapi"),
    ),
    "field.format": Emitted(
        OP,
        (*BODY, "day", "format"),
        "yyyy-MM-dd",
        "operations[0].request.body[5].format",
        ("models", "openapi"),
    ),
    "field.pattern": Emitted(
        OP,
        (*BODY, "memo", "pattern"),
        "^[a-z0-9]*$",
        "operations[0].request.body[4].pattern",
        ("models", "openapi"),
    ),
    "field.codes": Emitted(
        OP,
        (*BODY, "kind", "codes"),
        DROP,
        "operations[0].request.body[2].codes",
        ("models", "openapi"),
    ),
    "field.default": Emitted(
        OP,
        (*BODY, "kind", "default"),
        "B",
        "operations[0].request.body[2].default",
        ("models", "openapi"),
    ),
    "field.computed": Emitted(
        OP,
        (*BODY, "day", "computed"),
        "now(UTC)",
        "operations[0].request.body[5].computed",
        ("client",),
    ),
    "field.sensitive": Emitted(
        OP,
        (*BODY, "memo", "sensitive"),
        False,
        "operations[0].request.body[4].sensitive",
        ("models",),
    ),
    "field.source": Emitted(
        OP,
        (*BODY, "orderId", "source"),
        "provider-docs",
        "operations[0].request.body[0].source",
        ("docs",),
    ),
    "field.example": Emitted(
        OP, (*BODY, "amount", "example"), 20, "operations[0].request.body[1].example", ("openapi",)
    ),
    "field.model": Emitted(
        OP,
        (*BODY, "card", "model"),
        "PaymentCard",
        "operations[0].request.body[8].model",
        ("models", "openapi"),
    ),
    "field.fields": Emitted(
        OP,
        (*BODY, "card", "fields", "cvc"),
        {"type": "string"},
        "operations[0].request.body[8].fields",
        ("models", "openapi"),
    ),
    "field.items": Emitted(
        OP,
        (*BODY, "tags", "items"),
        {"type": "integer"},
        "operations[0].request.body[9].items",
        ("models", "openapi"),
    ),
    "field.min_items": Emitted(
        OP,
        (*BODY, "tags", "min_items"),
        2,
        "operations[0].request.body[9].min_items",
        ("models", "openapi"),
    ),
    "field.max_items": Emitted(
        OP,
        (*BODY, "tags", "max_items"),
        2,
        "operations[0].request.body[9].max_items",
        ("models", "openapi"),
    ),
    "field.notes": Emitted(
        OP, (*BODY, "orderId", "notes"), DROP, "operations[0].request.body[0].notes", ("docs",)
    ),
    "field.assumptions": Emitted(
        OP,
        (*BODY, "orderId", "assumptions"),
        DROP,
        "operations[0].request.body[0].notes",
        ("docs",),
    ),
    # --- success, retry, recovery --------------------------------------------------------------
    "success.http_status": Emitted(
        OP,
        ("success", "http_status"),
        [200, 201],
        "operations[0].success.http_status",
        ("client", "openapi"),
    ),
    "success.field": Emitted(
        OP, ("success", "field"), "resMsg", "operations[0].success.field", ("client",)
    ),
    "success.equals": Emitted(
        OP, ("success", "equals"), "0001", "operations[0].success.equals", ("client",)
    ),
    "retry.safe": Emitted(OP, ("retry", "safe"), False, "operations[0].retry.safe", ("client",)),
    "retry.on": Emitted(
        OP, ("retry", "on"), ["timeout", "http_5xx"], "operations[0].retry.on", ("client",)
    ),
    "retry.max_retries": Emitted(
        OP, ("retry", "max_retries"), 3, "operations[0].retry.max_retries", ("client",)
    ),
    "retry.notes": Emitted(OP, ("retry", "notes"), DROP, "operations[0].retry.notes", ("docs",)),
    "retry.assumptions": Emitted(
        OP, ("retry", "assumptions"), DROP, "operations[0].retry.notes", ("docs",)
    ),
    "recovery.name": Emitted(
        OP, (*RECOVERY, "name"), "again", "operations[0].recovery[0].name", ("client",)
    ),
    "recovery.doc": Emitted(
        OP, (*RECOVERY, "doc"), "Other", "operations[0].recovery[0].doc", ("docs",)
    ),
    "recovery.when_request": Emitted(
        OP,
        (*RECOVERY, "when_request"),
        {"kind": "B"},
        "operations[0].recovery[0].when_request",
        ("client",),
    ),
    "recovery.when_response": Emitted(
        OP,
        (*RECOVERY, "when_response"),
        {"resCd": "VTIM"},
        "operations[0].recovery[0].when_response",
        ("client",),
    ),
    "recovery.resend": Emitted(
        OP,
        (*RECOVERY, "resend"),
        {"memo": "other"},
        "operations[0].recovery[0].resend",
        ("client",),
    ),
    "recovery.max_attempts": Emitted(
        OP, (*RECOVERY, "max_attempts"), 2, "operations[0].recovery[0].max_attempts", ("client",)
    ),
    "recovery.notes": Emitted(
        OP, (*RECOVERY, "notes"), DROP, "operations[0].recovery[0].notes", ("docs",)
    ),
    # --- samples -----------------------------------------------------------------------------
    "sample.name": Emitted(
        OP, (*SAMPLE, "name"), "first", "operations[0].samples[0].name", ("tests", "openapi")
    ),
    "sample.direction": Checked(OP, (*SAMPLE, "direction"), "response", "orderId"),
    "sample.doc": Emitted(
        OP, (*SAMPLE, "doc"), "Other", "operations[0].samples[0].doc", ("docs", "openapi")
    ),
    "sample.placeholders": Emitted(
        OP, (*SAMPLE, "placeholders"), False, "operations[0].samples[0].placeholders", ("tests",)
    ),
    "sample.payload": Emitted(
        OP,
        (*SAMPLE, "payload", "memo"),  # amount is a deviation: put right in the test
        "abc",
        "operations[0].samples[0].payload",
        ("tests", "openapi"),
    ),
    "sample.deviations": Checked(OP, (*SAMPLE, "deviations"), DROP, "amount"),
    "sample.deviations.path": Checked(OP, (*SAMPLE, "deviations", 0, "path"), "orderId", "orderId"),
    "sample.deviations.note": Emitted(
        OP,
        (*SAMPLE, "deviations", 0, "note"),
        "Another.",
        "operations[0].samples[0].deviations[0].note",
        ("docs",),
    ),
    "sample.notes": Emitted(
        OP, (*SAMPLE, "notes"), DROP, "operations[0].samples[0].notes", ("docs",)
    ),
    # --- webhooks ----------------------------------------------------------------------------
    "webhook.doc": Emitted(A, (*HOOK, "doc"), "Other", "webhooks[0].doc", ("models", "docs")),
    "webhook.source": Emitted(
        A, (*HOOK, "source"), "provider-docs", "webhooks[0].source", ("docs",)
    ),
    "webhook.method": Emitted(A, (*HOOK, "method"), "PUT", "webhooks[0].method", ("docs",)),
    "webhook.model": Emitted(
        A, (*HOOK, "model"), "PaidEvent", "webhooks[0].model", ("models", "webhooks")
    ),
    "webhook.match": Emitted(
        A, (*HOOK, "match"), {"event": "DONE"}, "webhooks[0].match", ("webhooks",)
    ),
    "webhook.body": Emitted(A, (*HOOK, "body", "orderId"), DROP, "webhooks[0].body", ("models",)),
    "webhook.replies": Emitted(A, (*HOOK, "replies"), DROP, "webhooks[0].replies", ("webhooks",)),
    "webhook.replies.name": Emitted(
        A, (*HOOK, "replies", 0, "name"), "done", "webhooks[0].replies[0].name", ("webhooks",)
    ),
    "webhook.replies.doc": Emitted(
        A, (*HOOK, "replies", 0, "doc"), "Other", "webhooks[0].replies[0].doc", ("webhooks",)
    ),
    "webhook.replies.body": Emitted(
        A,
        (*HOOK, "replies", 0, "body"),
        {"result": "DONE"},
        "webhooks[0].replies[0].body",
        ("webhooks",),
    ),
    "webhook.allowed_sources": Emitted(
        A,
        (*HOOK, "allowed_sources"),
        ["198.51.100.7"],
        "webhooks[0].allowed_sources",
        ("webhooks",),
    ),
    "webhook.notes": Emitted(A, (*HOOK, "notes"), DROP, "webhooks[0].notes", ("docs",)),
    "webhook.assumptions": Emitted(A, (*HOOK, "assumptions"), DROP, "webhooks[0].notes", ("docs",)),
}
