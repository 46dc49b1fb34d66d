"""Field-level encryption recipes ([ENC] fields) and the response charset a request field
chooses, as data: checked by the frontend, read by every emitter that needs them."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from docbind.ir.diagnostics import Loc

if TYPE_CHECKING:
    from docbind.ir.model import Note, Source

CipherAlgorithm = Literal["aes-128", "aes-256"]
CipherMode = Literal["cbc", "ecb"]
KeyFormat = Literal["text", "hex", "base64"]
CipherOutput = Literal["base64", "hex", "hex-upper"]

KEY_BYTES: dict[str, int] = {"aes-128": 16, "aes-256": 32}
IV_BYTES = 16  # the AES block size
_OUTPUT_NAMES = {"base64": "base64", "hex": "lowercase hex", "hex-upper": "uppercase hex"}


def material(text: str, key_format: str) -> bytes | None:
    """The bytes a key or IV written as ``text`` stands for (``text``: its UTF-8 bytes, as the
    documents' sample code uses the key string); None when ``text`` is not in that format."""
    try:
        if key_format == "hex":
            return bytes.fromhex(text)
        if key_format == "base64":
            return base64.b64decode(text, validate=True)
    except (ValueError, binascii.Error):
        return None
    return text.encode("utf-8")


@dataclass(frozen=True, slots=True)
class CipherVector:
    """A documented example: ``plain`` encrypted with ``key`` (and ``iv``) gives ``cipher``.
    Published test values only; they become the generated package's test, never a default."""

    key: str
    iv: str | None
    plain: str
    cipher: str
    loc: Loc


@dataclass(frozen=True, slots=True)
class Encryption:
    """How an [ENC] field is encrypted: AES in ``mode`` with PKCS#7 padding, the key (and, for
    CBC, the IV) from credentials, the ciphertext written as ``output``."""

    name: str
    doc: str
    algorithm: CipherAlgorithm
    mode: CipherMode
    key: str  # credential name
    iv: str | None  # credential name (CBC only)
    key_format: KeyFormat  # how the credentials' text becomes key bytes
    output: CipherOutput
    vectors: tuple[CipherVector, ...]
    source: Source
    notes: tuple[Note, ...]
    loc: Loc

    @property
    def key_bytes(self) -> int:
        return KEY_BYTES[self.algorithm]

    @property
    def words(self) -> str:
        """The recipe in words, for docstrings and docs."""
        iv = f", IV {self.iv}" if self.iv else ""
        shape = "" if self.key_format == "text" else f" ({self.key_format})"
        return (
            f"{self.algorithm.upper()}-{self.mode.upper()} with PKCS#7 padding, key "
            f"{self.key}{iv}{shape}, as {_OUTPUT_NAMES[self.output]}"
        )


@dataclass(frozen=True, slots=True)
class ResponseCharset:
    """The answer's charset, chosen by the value of the request field ``field``."""

    field: str  # a request body or query field, by wire name
    values: tuple[tuple[str, str], ...]  # request value → charset of the answer
    default: str  # when the field is left out or holds another value
    loc: Loc

    @property
    def words(self) -> str:
        chosen = ", ".join(f"{value} → {charset}" for value, charset in self.values)
        return f"chosen by {self.field} ({chosen}; otherwise {self.default})"
