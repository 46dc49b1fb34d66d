"""Field-level encryption ([ENC] fields): AES-128/256 in CBC or ECB with PKCS#7 padding, the
key and IV from credentials, the ciphertext as base64 or hex (written by docbind; copied only
into packages whose spec encrypts a field, which then depend on ``cryptography``).

The documented limits apply to the plain text: the request model checks it, and the client
encrypts the checked value as it goes on the wire; the fake provider decrypts it again.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from typing import Any

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from . import _errors as errors
from ._api import ENCODING
from ._operation import Credentials, Encrypted, Operation

BLOCK_BYTES = 16  # AES


class CredentialError(ValueError):
    """A key or IV credential that is missing or of the wrong size (its value never shown)."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"the {name} credential {problem}")
        self.name = name


def _material(
    credentials: Credentials, name: str, key_format: str, size: int, what: str
) -> bytes:
    value = credentials.get(name)
    if value is None:
        raise CredentialError(name, f"is needed to encrypt: pass {name}= to the client")
    try:
        if key_format == "hex":
            data = bytes.fromhex(value)
        elif key_format == "base64":
            data = base64.b64decode(value, validate=True)
        else:
            data = value.encode("utf-8")
    except (ValueError, binascii.Error):
        raise CredentialError(name, f"is not {key_format}") from None
    if len(data) != size:
        raise CredentialError(name, f"is {len(data)} bytes; the {what} needs {size}")
    return data


def _cipher(rule: Encrypted, credentials: Credentials) -> Cipher[Any]:
    key = _material(
        credentials,
        rule.key,
        rule.key_format,
        rule.key_bytes,
        f"AES-{rule.key_bytes * 8} key",
    )
    if rule.mode == "ecb":
        # ECB because the provider documents it: its recipe, not docbind's choice of mode.
        return Cipher(algorithms.AES(key), modes.ECB())
    iv = _material(credentials, rule.iv or "", rule.key_format, BLOCK_BYTES, "IV")
    return Cipher(algorithms.AES(key), modes.CBC(iv))


def encrypt(rule: Encrypted, plain: str, credentials: Credentials) -> str:
    """``plain`` (in the API's encoding) encrypted and written as the recipe says."""
    padder = padding.PKCS7(BLOCK_BYTES * 8).padder()
    data = padder.update(plain.encode(ENCODING)) + padder.finalize()
    encryptor = _cipher(rule, credentials).encryptor()
    sealed = encryptor.update(data) + encryptor.finalize()
    if rule.output == "base64":
        return base64.b64encode(sealed).decode("ascii")
    text = sealed.hex()
    return text.upper() if rule.output == "hex-upper" else text


def decrypt(rule: Encrypted, text: str, credentials: Credentials) -> str:
    """The plain text of ``text``; ``ValueError`` when it is not the recipe's ciphertext
    (not base64/hex, not whole blocks, bad padding, not text in the API's encoding)."""
    try:
        if rule.output == "base64":
            sealed = base64.b64decode(text, validate=True)
        else:
            sealed = bytes.fromhex(text)
    except (ValueError, binascii.Error):
        raise ValueError(f"{rule.field} is not {rule.output}") from None
    if not sealed or len(sealed) % BLOCK_BYTES:
        raise ValueError(f"{rule.field} is not whole AES blocks")
    decryptor = _cipher(rule, credentials).decryptor()
    data = decryptor.update(sealed) + decryptor.finalize()
    unpadder = padding.PKCS7(BLOCK_BYTES * 8).unpadder()
    try:
        plain = unpadder.update(data) + unpadder.finalize()
        return plain.decode(ENCODING)
    except ValueError:  # bad padding or bytes: another key, or not this recipe
        raise ValueError(
            f"{rule.field} does not decrypt with the documented key"
        ) from None


def seal(
    op: Operation[Any], values: Mapping[str, Any], credentials: Credentials
) -> dict[str, str]:
    """The ciphertext of every encrypted field the request holds, by wire name."""
    sealed = {}
    for rule in op.encrypted:
        value = values.get(rule.field)
        if value is None:
            continue
        try:
            sealed[rule.field] = encrypt(rule, str(value), credentials)
        except CredentialError as exc:
            raise errors.RequestValidationError(
                f"{op.name}: {rule.field} cannot be encrypted: {exc}",
                [(exc.name, str(exc))],
            ) from None
    return sealed


def unseal(
    op: Operation[Any], payload: Mapping[str, Any], credentials: Credentials
) -> dict[str, Any]:
    """``payload`` with its encrypted fields decrypted, as the provider reads it;
    ``ValueError`` naming the field that does not decrypt."""
    plain = dict(payload)
    for rule in op.encrypted:
        value = payload.get(rule.field)
        if value is None:
            continue
        try:
            plain[rule.field] = decrypt(rule, str(value), credentials)
        except CredentialError as exc:
            raise ValueError(str(exc)) from None
    return plain
