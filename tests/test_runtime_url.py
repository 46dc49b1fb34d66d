"""The shared runtime's URL building (``_url.py``), tested where it lives: path parameters are
data, never URL structure, and the fake reads back exactly what the client wrote."""

from __future__ import annotations

import pytest
from runtime_support import runtime_module

url = runtime_module("_url")

TEMPLATE = "/v1/payments/{paymentKey}/cancel"


@pytest.mark.parametrize(
    ("value", "sent"),
    [
        ("abc/1", "/v1/payments/abc%2F1/cancel"),
        ("a?b#c", "/v1/payments/a%3Fb%23c/cancel"),
        ("50% off", "/v1/payments/50%25%20off/cancel"),
        ("..", "/v1/payments/%2E%2E/cancel"),
        (".", "/v1/payments/%2E/cancel"),
        ("a..b", "/v1/payments/a..b/cancel"),
        ("e\u0301", "/v1/payments/e%CC%81/cancel"),  # decomposed: sent as given, not NFC
        ("%7BpaymentKey%7D", "/v1/payments/%257BpaymentKey%257D/cancel"),
        (12, "/v1/payments/12/cancel"),
    ],
)
def test_path_values_are_data_and_read_back_unchanged(value: object, sent: str) -> None:
    assert url.expand_path(TEMPLATE, {"paymentKey": value}) == sent
    assert url.match_path(TEMPLATE, "/base" + sent) == {"paymentKey": str(value)}


@pytest.mark.parametrize("values", [{}, {"paymentKey": None}, {"paymentKey": ""}])
def test_a_missing_or_empty_path_value_is_refused(values: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="paymentKey"):
        url.expand_path(TEMPLATE, values)


def test_query_keeps_the_documented_order_and_encodes_every_delimiter() -> None:
    values = {"b": "x y+z&w=v", "a": True, "c": None, "d": 10}
    assert url.encode_query(values, ("a", "b", "c", "d")) == "a=true&b=x%20y%2Bz%26w%3Dv&d=10"
    assert url.parse_query("a=true&b=x%20y%2Bz%26w%3Dv&d=10") == {
        "a": "true",
        "b": "x y+z&w=v",
        "d": "10",
    }


def test_the_fake_tells_templates_apart_and_refuses_repeats() -> None:
    assert url.match_path("/v1/payments/{id}", "/v1/payments/abc/cancel") is None
    assert url.match_path("/v1/payments/{id}", "/v1/payments/") is None
    assert url.placeholder_count("/a/{x}/b/{y}") == 2
    with pytest.raises(ValueError, match="twice"):
        url.parse_query("a=1&a=2")
