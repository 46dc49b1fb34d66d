"""Hostile answers against a generated client (issue 18, Medium 4 and Low).

Each case was an error outside the package's error tree, or a silent wrong answer, before the
fix: a repeated key read as success, a Retry-After of "nan" crashing the backoff, a deeply nested
answer raising RecursionError, a header value with a line break, a redirect followed, ``true``
read as a number. Hostile notifications are tested where the code lives
(tests/test_runtime_webhooks.py).
"""

from __future__ import annotations

from typing import Any

import httpx
import kicc_easypay
import konaplate
import pytest
from kicc_easypay import errors
from konaplate.testing import FakeProvider

CALL: dict[str, Any] = {
    "pg_cno": "20240131000001",
    "revise_type_code": "60",
    "refund_info": {
        "refundBankCode": "003",
        "refundAccountNo": "110987654321",
        "refundDepositName": "Hong",
    },
}


def _client(answer: httpx.Response, seen: list[int]) -> kicc_easypay.Client:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(1)
        return answer

    return kicc_easypay.Client(
        secret_key="k" * 16,
        mall_id="T5102001",
        max_retries=2,
        http_client=httpx.Client(transport=httpx.MockTransport(handler)),
    )


def test_a_repeated_key_in_an_answer_is_not_a_success() -> None:
    body = b'{"resCd": "9999", "resMsg": "declined", "resCd": "0000"}'
    seen: list[int] = []
    with (
        _client(httpx.Response(200, content=body), seen) as client,
        pytest.raises(errors.ResponseDecodeError) as info,
    ):
        client.refund(**CALL)
    assert info.value.maybe_sent and len(seen) == 1


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e400"])
def test_a_retry_after_that_is_not_a_number_of_seconds_is_ignored(
    value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kicc_easypay._http, "BACKOFF_BASE", 0.0)
    monkeypatch.setattr(kicc_easypay._http.time, "sleep", lambda s: None)
    seen: list[int] = []
    answer = httpx.Response(429, json={"resCd": "E429"}, headers={"Retry-After": value})
    with _client(answer, seen) as client, pytest.raises(errors.RateLimitError):
        client.refund(**CALL)
    assert len(seen) == 3  # retried as documented, with the default backoff


def test_a_deeply_nested_answer_is_a_decode_error() -> None:
    body = b'{"resCd": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    seen: list[int] = []
    with (
        _client(httpx.Response(200, content=body), seen) as client,
        pytest.raises(errors.ResponseDecodeError),
    ):
        client.refund(**CALL)


def test_a_header_value_with_a_line_break_is_refused_before_sending() -> None:

    seen: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(1)
        return httpx.Response(200, json={})

    client = konaplate.Client(
        access_key="A" * 40,
        secret_key="s",
        asp_id="ASP\r\nX-Evil: 1",
        http_client=httpx.Client(transport=httpx.MockTransport(handler)),
    )
    with client, pytest.raises(konaplate.errors.RequestValidationError) as info:
        client.get_refund_fee(one_time_token="tok0123456789abc")
    assert "control characters" in str(info.value) and "X-Evil" not in str(info.value)
    assert seen == []


def test_a_redirect_is_never_followed_even_by_a_following_client() -> None:
    """A caller's client that follows redirects must not carry the signed refund (and the
    secret-derived signature) to another origin."""
    hosts: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        hosts.append(request.url.host)
        return httpx.Response(307, headers={"Location": "https://evil.example/steal"})

    http = httpx.Client(transport=httpx.MockTransport(handler), follow_redirects=True)
    client = kicc_easypay.Client(
        secret_key="k" * 16,
        mall_id="T5102001",
        max_retries=0,
        base_url="https://pg.example",
        http_client=http,
    )
    with client, pytest.raises(errors.Error) as info:
        client.refund(**CALL)
    assert hosts == ["pg.example"] and info.value.http_status == 307


def test_a_boolean_is_not_read_as_a_number() -> None:
    import konaplate.models

    seen: list[int] = []
    sample = FakeProvider.api.samples["get_refund_fee"]
    answer = httpx.Response(200, json={**sample, "balance": True})

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(1)
        return answer

    client = konaplate.Client(
        access_key="A" * 40,
        secret_key="s",
        asp_id="ASP0001",
        http_client=httpx.Client(transport=httpx.MockTransport(handler)),
    )
    with client, pytest.raises(konaplate.errors.ResponseDecodeError) as info:
        client.get_refund_fee(one_time_token="tok0123456789abc")
    assert "balance" in str(info.value) and seen == [1]
    # A numeric string is still read leniently.
    parsed = konaplate.models.GetRefundFeeResponse.model_validate({**sample, "balance": "15"})
    assert parsed.balance == 15
