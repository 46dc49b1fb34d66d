"""Generated tests: each signer reproduces its documented recipe, computed here with hashlib/hmac.

Regenerate with docbind; do not edit.
"""

from __future__ import annotations

from kakaopay import signing


def test_verify_compares_whole_signatures() -> None:
    assert signing.verify("abc", "abc")
    assert not signing.verify("abc", "abd") and not signing.verify("abc", "ab")
