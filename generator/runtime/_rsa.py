"""RSA signatures with a PEM private key (PKCS#1 v1.5 or PSS, SHA-256), for the signers of
``signing``: copied only where a spec signs with RSA (the package then needs cryptography).
"""

from __future__ import annotations

import binascii
from functools import lru_cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from ._errors import RequestValidationError

__all__ = ["sign", "verify"]


@lru_cache(maxsize=8)
def _private_key(pem: str, password: str | None) -> rsa.RSAPrivateKey:
    """Parsing a PEM key costs more than signing with it: each key is parsed once."""
    secret = None if password is None else password.encode("utf-8")
    try:
        key = serialization.load_pem_private_key(pem.encode("ascii"), secret)
    except (ValueError, TypeError, UnicodeEncodeError) as exc:
        # cryptography's reason (a wrong password, a missing one, not PEM) holds no secret
        problem = f"not a usable PEM private key ({type(exc).__name__}: {exc})"
        raise RequestValidationError(
            f"the RSA private key credential is {problem}", [("private_key", problem)]
        ) from None
    if not isinstance(key, rsa.RSAPrivateKey):
        problem = "not an RSA key"
        raise RequestValidationError(
            f"the private key credential is {problem}", [("private_key", problem)]
        )
    return key


def _padding(pss: bool) -> padding.AsymmetricPadding:
    if pss:  # the salt as long as the digest: the common choice of providers' samples
        return padding.PSS(
            mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.DIGEST_LENGTH
        )
    return padding.PKCS1v15()


def sign(pem: str, password: str | None, message: bytes, pss: bool = False) -> bytes:
    """The RSA signature of ``message`` with SHA-256."""
    return _private_key(pem, password).sign(message, _padding(pss), hashes.SHA256())


def verify(
    pem: str,
    password: str | None,
    message: bytes,
    signature: str,
    output: str,
    pss: bool = False,
) -> bool:
    """Whether ``signature`` (text in ``output``: base64, hex or hex-upper) signs
    ``message``, checked with the public key of the private key ``pem``."""
    try:
        raw = (
            binascii.a2b_base64(signature, strict_mode=True)
            if output == "base64"
            else bytes.fromhex(signature)
        )
        public = _private_key(pem, password).public_key()
    except (binascii.Error, ValueError):  # no signature, or no usable key
        return False
    try:
        public.verify(raw, message, _padding(pss), hashes.SHA256())
    except InvalidSignature:
        return False
    return True
