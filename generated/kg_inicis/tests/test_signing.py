"""Generated tests: each signer reproduces its documented recipe, computed here with hashlib/hmac.

Regenerate with docbind; do not edit.
"""

from __future__ import annotations

import hashlib

from kg_inicis import signing

KEY = "docbind-test-key"
TIME = "20240131090807"


def test_hash_data_follows_the_recipe() -> None:
    """SHA-512 over credential api_key + '' + type + '' + paymethod + '' + timestamp + '' + clientIp + '' + mid + '' + tid + '' + refundAcctNum (UTF-8), as lowercase hex."""
    values = {
        "api_key": "api_key-1",
        "type": "type-2",
        "paymethod": "paymethod-3",
        "timestamp": "timestamp-4",
        "client_ip": "client_ip-5",
        "mid": "mid-6",
        "tid": "tid-7",
        "refund_acct_num": "refund_acct_num-8",
    }
    message = "".join(
        [
            values["api_key"],
            values["type"],
            values["paymethod"],
            values["timestamp"],
            values["client_ip"],
            values["mid"],
            values["tid"],
            values["refund_acct_num"],
        ]
    ).encode("utf-8")
    digest = hashlib.sha512(message).digest()
    mac = digest.hex()
    expected = "{mac}".replace("{time}", TIME).replace("{mac}", mac)
    actual = signing.hash_data(
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
