"""Generated tests: each encryption recipe reproduces the documents' own examples ([ENC] fields).

Regenerate with docbind; do not edit.
"""

from __future__ import annotations

import pytest

from kg_inicis import _crypto, _http

CASES = [
    {
        "id": "iniapi_aes-1",
        "rule": {
            "field": "example",
            "recipe": "iniapi_aes",
            "key_bytes": 16,
            "mode": "cbc",
            "key": "key",
            "iv": "iv",
            "key_format": "text",
            "output": "base64",
        },
        "key": "ItEQKi3rY7uvDS8l",
        "iv": "HYb3yQ4f65QL89==",
        "plain": "123456789",
        "cipher": "qwMHVJqsmXKoR+d8wQTS4g==",
    },
]


def _rule(case: dict[str, object]) -> _http.Encrypted:
    return _http.Encrypted(**case["rule"])  # type: ignore[arg-type]


@pytest.mark.parametrize("case", CASES, ids=[str(c["id"]) for c in CASES])
def test_documented_example_encrypts(case: dict[str, object]) -> None:
    credentials = {"key": str(case["key"]), "iv": str(case["iv"])}
    sealed = _crypto.encrypt(_rule(case), str(case["plain"]), credentials)
    assert sealed == case["cipher"]
    assert _crypto.decrypt(_rule(case), sealed, credentials) == case["plain"]


@pytest.mark.parametrize("case", CASES, ids=[str(c["id"]) for c in CASES])
def test_another_key_does_not_decrypt(case: dict[str, object]) -> None:
    size = len(str(case["key"]))
    other = {"key": str(case["key"])[::-1] if size else "", "iv": str(case["iv"])}
    try:
        plain = _crypto.decrypt(_rule(case), str(case["cipher"]), other)
    except ValueError:
        return  # the padding is wrong: refused
    assert plain != case["plain"]
