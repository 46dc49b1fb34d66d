"""Generated tests: each signer reproduces its documented recipe, computed here with hashlib/hmac.

Regenerate with docbind; do not edit.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from konaplate import signing

KEY = "docbind-test-key"
TIME = "20240131090807"


def test_tran_token_follows_the_recipe() -> None:
    """HMAC-SHA256 keyed with secret_key over the exact bytes of the request body, as base64, written as 'KMV1:{time}:{mac}'."""
    body = b'{"oneTimeToken": "0123456789abcdef"}'
    message = body
    digest = hmac.new(KEY.encode("utf-8"), message, hashlib.sha256).digest()
    mac = base64.b64encode(digest).decode("ascii")
    expected = "KMV1:{time}:{mac}".replace("{time}", TIME).replace("{mac}", mac)
    actual = signing.tran_token(
        KEY,
        body=body,
        time=TIME,
    )
    assert actual == expected
    assert signing.verify(expected, actual)
    assert not signing.verify(
        expected, actual[:-1] + ("0" if actual[-1] != "0" else "1")
    )


def test_verify_compares_whole_signatures() -> None:
    assert signing.verify("abc", "abc")
    assert not signing.verify("abc", "abd") and not signing.verify("abc", "ab")
