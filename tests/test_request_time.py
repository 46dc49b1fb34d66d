"""A request time the caller writes is the request's time: the signer's ``{time}`` and every
other ``now`` value agree with it (KONA PLATE checks X-KM-Tran-Time against X-KM-Tran-Token)."""

from __future__ import annotations

import base64
import hashlib
import hmac

import httpx
import konaplate
import pytest

KONA = {"access_key": "a" * 40, "secret_key": "kona-secret-key-value", "asp_id": "A" * 15}


def _sent(**call: str) -> httpx.Request:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={})

    http = httpx.Client(transport=httpx.MockTransport(handler))
    client = konaplate.Client(**KONA, http_client=http, max_retries=0)
    client.get_refund_fee_raw(one_time_token="0123456789abcdef", user_id="u", **call)
    return sent[0]


@pytest.mark.parametrize("given", [None, "20200101000000"])
def test_the_signed_time_is_the_time_sent(given: str | None) -> None:
    request = _sent(**({"x_km_tran_time": given} if given else {}))
    prefix, signed_time, mac = request.headers["X-KM-Tran-Token"].split(":")
    assert prefix == "KMV1" and signed_time == request.headers["X-KM-Tran-Time"]
    if given:
        assert signed_time == given
    key = KONA["secret_key"].encode()
    expected = base64.b64encode(hmac.new(key, request.content, hashlib.sha256).digest())
    assert mac == expected.decode()


def test_a_time_not_in_the_documented_format_is_refused_at_its_place() -> None:
    with pytest.raises(konaplate.errors.RequestValidationError) as caught:
        _sent(x_km_tran_time="2020-01-01 00:00")
    assert "X-KM-Tran-Time" in str(caught.value)
