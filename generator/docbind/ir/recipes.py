"""Signature recipes and authentication schemes as data: the parts of a signed message, in
the document's order, and how credentials become the ``Authorization`` (or API-key) header."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from docbind.ir.diagnostics import Loc

PartKind = Literal[
    "field", "plain", "header", "path", "constant", "credential", "time", "body", "sorted"
]
Algorithm = Literal[
    "hmac-sha256", "hmac-sha512", "sha256", "sha512", "md5", "rsa-sha256", "rsa-pss-sha256"
]
Output = Literal["hex", "hex-upper", "base64"]
AuthType = Literal["basic", "bearer", "scheme", "header", "token"]

ALGORITHM_NAMES = {
    "hmac-sha256": "HMAC-SHA256",
    "hmac-sha512": "HMAC-SHA512",
    "sha256": "SHA-256",
    "sha512": "SHA-512",
    "md5": "MD5",
    "rsa-sha256": "RSA PKCS#1 v1.5 SHA-256",
    "rsa-pss-sha256": "RSA-PSS SHA-256",
}
OUTPUT_NAMES = {"hex": "lowercase hex", "hex-upper": "uppercase hex", "base64": "base64"}


def keyed_words(algorithm: str, key: str | None, key_password: str | None) -> str:
    """How a signer is keyed, in words: an HMAC key or an RSA private key (and password)."""
    if not algorithm.startswith("rsa"):
        return f" keyed with {key}" if key else ""
    unlocked = f" (unlocked with {key_password})" if key_password else ""
    return f" with the private key {key}{unlocked}"


@dataclass(frozen=True, slots=True)
class SortedFields:
    """``{sorted_fields: ...}``: every request field the request carries (body, query and
    path parameters) but ``exclude`` (the signature fields always among them), sorted by wire
    name, written as ``name<pair>value`` and joined with ``join``; ``skip_empty`` leaves out
    empty values."""

    exclude: tuple[str, ...]
    skip_empty: bool
    pair: str
    join: str

    @property
    def words(self) -> str:
        but = f" but {', '.join(self.exclude)}" if self.exclude else ""
        empty = " non-empty" if self.skip_empty else ""
        return (
            f"every{empty} request field{but}, sorted by name, as name{self.pair}value "
            f"joined by {self.join!r}"
        )


@dataclass(frozen=True, slots=True)
class SignPart:
    """One piece of a signed message: a request (or response) field, a header, a path
    parameter, a constant, a credential, the request time or the exact body."""

    kind: PartKind
    value: str  # wire name, header name, parameter, constant text, credential, time format
    py_name: str  # the signer's keyword argument ("" for a constant)
    sorted: SortedFields | None = None  # kind "sorted" only

    @property
    def words(self) -> str:
        if self.sorted is not None:
            return self.sorted.words
        if self.kind == "constant":
            return repr(self.value)
        if self.kind == "body":
            return "the exact bytes of the body"
        if self.kind == "time":
            return f"the request time ({self.value})"
        if self.kind == "plain":
            return f"{self.value} (before encryption)"
        return f"{self.value}" if self.kind == "field" else f"{self.kind} {self.value}"


@dataclass(frozen=True, slots=True)
class TokenFlow:
    """``auth: {type: token}``: the operation that answers with an access token, where the
    token and its expiry are in that answer (dotted response paths), and how it is sent."""

    operation: str
    token_field: tuple[str, ...]
    expires_field: tuple[str, ...] | None  # Unix seconds
    expires_in_field: tuple[str, ...] | None  # seconds from now
    now_field: tuple[str, ...] | None  # the provider's clock, with expires_field
    margin: float  # seconds before expiry when a new token is fetched


@dataclass(frozen=True, slots=True)
class Auth:
    """How every request is authenticated, from the client's credentials.

    ``basic``: ``Authorization: Basic base64(username:password)`` (no password: empty);
    ``bearer``: ``Authorization: Bearer <credential>``; ``scheme``: ``Authorization:
    <scheme> <credential>``; ``header``: ``<header>: <credential>``; ``token``: ``<header>:
    <scheme> <token>`` with the token from ``token.operation`` (no scheme: the token alone).
    """

    type: AuthType
    credential: str | None  # bearer, scheme, header; basic: the username
    password: str | None  # basic only; None sends an empty password
    scheme: str | None  # scheme only (``SECRET_KEY``)
    header: str  # the header it sets
    doc: str
    loc: Loc
    token: TokenFlow | None = None  # type token only

    @property
    def words(self) -> str:
        if self.type == "basic" and self.password is None:
            return f"Basic base64({self.credential}:), an empty password"
        if self.type == "basic":
            return f"Basic base64({self.credential}:{self.password})"
        if self.type == "bearer":
            return f"Bearer {self.credential}"
        if self.type == "scheme":
            return f"{self.scheme} {self.credential}"
        if self.token is not None:
            how = f"{self.scheme} <token>" if self.scheme else "the token alone"
            return (
                f"{how}, the access token from the {self.token.operation} operation "
                f"({'.'.join(self.token.token_field)}), cached until it expires"
            )
        return f"the {self.credential} credential"


@dataclass(frozen=True, slots=True)
class ResponseSignature:
    """A documented signature over the answer: ``signer`` recomputed over the response and
    compared with the body field (or header) ``name``."""

    signer: str
    where: Literal["body", "header"]
    name: str
    loc: Loc
