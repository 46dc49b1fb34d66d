"""The generated KICC and KONA PLATE clients do what the documents describe (issue: clients)."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import hashlib
import hmac
import json
import logging
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import kicc_easypay  # installed from generated/ by the Makefile, as a user would
import konaplate
import pytest

SECRET = "merchant-secret-key"
ACCOUNT = "11122233344455"
REFUND_INFO = {"refundBankCode": "003", "refundAccountNo": ACCOUNT, "refundDepositName": "홍길동"}


class Recorder:
    """An in-memory provider that records every request and answers from a script."""

    def __init__(self, *answers: dict[str, Any]) -> None:
        self.requests: list[httpx.Request] = []
        self.answers = list(answers)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        body = json.loads(request.content)
        answer = self.answers.pop(0) if self.answers else {"resCd": "0000", "resMsg": "OK"}
        return httpx.Response(
            200,
            json={
                "shopTransactionId": body.get("shopTransactionId"),
                "cancelAmount": "51004",
                **answer,
            },
        )


def test_kicc_refund_is_sent_signed_and_dated() -> None:
    recorder = Recorder()
    http = httpx.Client(transport=httpx.MockTransport(recorder))
    client = kicc_easypay.Client(
        secret_key=SECRET, mall_id="T5102001", environment="test", http_client=http
    )
    result = client.refund(pg_cno="20240131000001", revise_type_code="60", refund_info=REFUND_INFO)
    (request,) = recorder.requests
    assert request.method == "POST"
    assert str(request.url) == "https://testpgapi.easypay.co.kr/api/trades/revise"
    sent = json.loads(request.content)
    message = f"{sent['pgCno']}|{sent['shopTransactionId']}".encode()
    assert sent["msgAuthValue"] == hmac.new(SECRET.encode(), message, hashlib.sha256).hexdigest()
    assert sent["cancelReqDate"] == dt.datetime.now(ZoneInfo("Asia/Seoul")).strftime("%Y%m%d")
    assert sent["mallId"] == "T5102001" and len(sent["shopTransactionId"]) == 32
    assert isinstance(result, kicc_easypay.models.RefundResponse)
    assert result.shop_transaction_id == sent["shopTransactionId"] and result.cancel_amount == 51004


def test_kicc_refund_through_async_client() -> None:
    recorder = Recorder()

    async def run() -> Any:
        http = httpx.AsyncClient(transport=httpx.MockTransport(recorder))
        async with kicc_easypay.AsyncClient(
            secret_key=SECRET, mall_id="T5102001", http_client=http
        ) as client:
            return await client.refund(
                pg_cno="P1", revise_type_code="62", amount=1000, refund_info=REFUND_INFO
            )

    result = asyncio.run(run())
    assert isinstance(result, kicc_easypay.models.RefundResponse)
    assert json.loads(recorder.requests[0].content)["amount"] == 1000


def test_vtim_leads_to_exactly_one_query_with_the_same_key(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    recorder = Recorder({"resCd": "VTIM", "resMsg": "timeout"})
    http = httpx.Client(transport=httpx.MockTransport(recorder))
    client = kicc_easypay.Client(secret_key=SECRET, mall_id="T5102001", http_client=http)
    client.refund(pg_cno="P1", revise_type_code="63", refund_info=REFUND_INFO)
    first, second = (json.loads(r.content) for r in recorder.requests)
    assert "refundQueryFlag" not in first and second["refundQueryFlag"] == "Y"
    assert first["shopTransactionId"] == second["shopTransactionId"]
    assert first["msgAuthValue"] == second["msgAuthValue"]
    lines = [record.getMessage() for record in caplog.records]
    assert lines and not [line for line in lines if SECRET in line or ACCOUNT in line]


def test_non_0000_raises_api_error_with_the_code() -> None:
    recorder = Recorder({"resCd": "E101", "resMsg": "Invalid merchant"})
    http = httpx.Client(transport=httpx.MockTransport(recorder))
    client = kicc_easypay.Client(secret_key=SECRET, mall_id="T5102001", http_client=http)
    with pytest.raises(kicc_easypay.errors.ApiError) as info:
        client.refund(pg_cno="P1", revise_type_code="60", refund_info=REFUND_INFO)
    assert info.value.code == "E101" and info.value.http_status == 200
    assert info.value.idempotency_key and SECRET not in str(info.value)


def test_kona_headers_are_computed_and_the_token_verifies() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(400, json={"code": "009_002", "message": "over limit"})

    http = httpx.Client(transport=httpx.MockTransport(answer))
    client = konaplate.Client(
        access_key="A" * 40, secret_key=SECRET, asp_id="ASP0001", http_client=http
    )
    with pytest.raises(konaplate.errors.MonthlyRefundAmountLimitError) as info:
        client.get_refund_fee(one_time_token="0123456789abcdef")
    assert info.value.http_status == 400 and info.value.code == "009_002"
    (request,) = seen
    assert str(request.url) == "https://sandbox.konaplate.com/open-api/api/v1/refund/fee"
    headers = request.headers
    assert headers["X-KM-User-AspId"] == "ASP0001" and headers["X-KM-Access-Key"] == "A" * 40
    correlation = headers["X-KM-Correlation-Id"]
    assert len(correlation) == 20 and correlation[12] == "-"
    int(correlation[13:], 16)
    time = headers["X-KM-Tran-Time"]
    mac = base64.b64encode(hmac.new(SECRET.encode(), request.content, hashlib.sha256).digest())
    assert headers["X-KM-Tran-Token"] == f"KMV1:{time}:{mac.decode()}"
