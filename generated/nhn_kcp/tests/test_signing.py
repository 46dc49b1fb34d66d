"""Generated tests: each signer reproduces its documented recipe, computed here with hashlib/hmac.

Regenerate with docbind; do not edit.
"""

from __future__ import annotations

import base64
from typing import Any

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from nhn_kcp import signing

KEY = "docbind-test-key"
TIME = "20240131090807"


def test_kcp_sign_data_follows_the_recipe() -> None:
    """RSA PKCS#1 v1.5 SHA-256 with the private key private_key (unlocked with key_password) over site_cd + '' + '^' + '' + tno + '' + '^' + '' + mod_type (UTF-8), as base64: checked here with the public key."""
    values: dict[str, Any] = {
        "site_cd": "site_cd-1",
        "tno": "tno-2",
        "mod_type": "mod_type-3",
    }
    message = "".join(
        [values["site_cd"], "^", values["tno"], "^", values["mod_type"]]
    ).encode("utf-8")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cipher: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(b"docbind-test-password")
    )
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, cipher
    ).decode("ascii")
    arguments: dict[str, Any] = {
        **values,
        "key_password": "docbind-test-password",
    }
    actual = signing.kcp_sign_data(pem, **arguments)
    raw = base64.b64decode(actual)
    pad = padding.PKCS1v15()
    key.public_key().verify(raw, message, pad, hashes.SHA256())  # raises when wrong
    assert signing.verify_kcp_sign_data(actual, pem, **arguments)
    forged = ("0" * len(actual)) if actual[:1] != "0" else ("1" * len(actual))
    assert not signing.verify_kcp_sign_data(forged, pem, **arguments)


def test_verify_compares_whole_signatures() -> None:
    assert signing.verify("abc", "abc")
    assert not signing.verify("abc", "abd") and not signing.verify("abc", "ab")
