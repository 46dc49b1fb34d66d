"""Generated tests: each signer reproduces its documented recipe, computed here with hashlib/hmac.

Regenerate with docbind; do not edit.
"""

from __future__ import annotations

import hashlib
import hmac

from kicc_easypay import signing

KEY = "docbind-test-key"
TIME = "20240131090807"


def test_msg_auth_value_follows_the_recipe() -> None:
    """HMAC-SHA256 keyed with secret_key over pgCno + '|' + shopTransactionId (UTF-8), as lowercase hex."""
    values = {"pg_cno": "pg_cno-1", "shop_transaction_id": "shop_transaction_id-2"}
    message = "|".join(values.values()).encode("utf-8")
    digest = hmac.new(KEY.encode("utf-8"), message, hashlib.sha256).digest()
    mac = digest.hex()
    expected = "{mac}".replace("{time}", TIME).replace("{mac}", mac)
    actual = signing.msg_auth_value(
        KEY,
        **values,
    )
    assert actual == expected
    assert signing.verify(expected, actual)
    assert not signing.verify(
        expected, actual[:-1] + ("0" if actual[-1] != "0" else "1")
    )


def test_verify_compares_whole_signatures() -> None:
    assert signing.verify("abc", "abc")
    assert not signing.verify("abc", "abd") and not signing.verify("abc", "ab")
