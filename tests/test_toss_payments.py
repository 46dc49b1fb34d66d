"""The generated Toss Payments client sends the documented cancel request (issue 14).

Everything expected is computed here from the documents' rules, independently of docbind:
the Basic header with `base64`, the path with `urllib.parse.quote`, the body with `json`.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
import toss_payments  # installed from generated/ by the Makefile, as a user would
import yaml
from client_support import Recorder
from toss_payments import errors
from toss_payments.testing import FakeProvider

SPEC = Path(__file__).resolve().parents[1] / "spec" / "toss_payments" / "cancel.yaml"
# The documents' own test secret key and payment key (guides/using-api, guides/cancel-payment).
SECRET = "test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R"
PAYMENT_KEY = "dxRrMScPUSvrdmfYps_UG"
BASE = "https://api.tosspayments.com"


def _sample(name: str) -> dict[str, Any]:
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    (sample,) = [s for s in spec["samples"] if s["name"] == name]
    payload: dict[str, Any] = sample["payload"]
    return payload


def _client(recorder: Recorder) -> toss_payments.Client:
    http = httpx.Client(transport=httpx.MockTransport(recorder))
    return toss_payments.Client(secret_key=SECRET, http_client=http, max_retries=0)


def _basic() -> str:
    return "Basic " + base64.b64encode(f"{SECRET}:".encode()).decode("ascii")


def test_document_request_is_sent_exactly() -> None:
    recorder = Recorder(200, _sample("document_response"))
    body = _sample("document_request")
    _client(recorder).cancel(
        payment_key=PAYMENT_KEY, cancel_reason=body["cancelReason"], idempotency_key="k-1"
    )
    (request,) = recorder.requests
    assert request.method == "POST"
    assert str(request.url) == f"{BASE}/v1/payments/{PAYMENT_KEY}/cancel"
    assert request.headers["Authorization"] == _basic()
    # The documents' own curl example carries this header for their test key.
    assert _basic() == "Basic dGVzdF9za196WExrS0V5cE5BcldtbzUwblgzbG1lYXhZRzVSOg=="
    assert request.headers["Idempotency-Key"] == "k-1"
    assert request.headers["Content-Type"].startswith("application/json")
    assert json.loads(request.content) == body


def test_payment_key_is_percent_encoded_and_nested_account_sent() -> None:
    recorder = Recorder(200, _sample("document_response"))
    key = "a/b?c#d %한"
    account = {"bank": "88", "accountNumber": "11012345678", "holderName": "홍길동"}
    _client(recorder).cancel(
        payment_key=key,
        cancel_reason="고객이 취소를 원함",
        cancel_amount=1000,
        tax_free_amount=0,
        refund_receive_account=account,
    )
    (request,) = recorder.requests
    assert request.url.raw_path.decode() == f"/v1/payments/{quote(key, safe='')}/cancel"
    assert json.loads(request.content) == {
        "cancelReason": "고객이 취소를 원함",
        "cancelAmount": 1000,
        "refundReceiveAccount": account,
        "taxFreeAmount": 0,
    }
    # Not given, the key is still sent: a fresh one, so that a retry is safe.
    assert 0 < len(request.headers["Idempotency-Key"]) <= 300


def test_refund_account_is_checked_before_sending() -> None:
    recorder = Recorder(200, _sample("document_response"))
    with pytest.raises(errors.RequestValidationError):
        _client(recorder).cancel(
            payment_key=PAYMENT_KEY,
            cancel_reason="x",
            refund_receive_account={"bank": "88", "accountNumber": "110-12", "holderName": "A"},
        )
    assert recorder.requests == []


def test_document_response_is_parsed_and_offsets_round_trip() -> None:
    answer = _sample("document_response")
    payment = _client(Recorder(200, answer)).cancel(payment_key=PAYMENT_KEY, cancel_reason="r")
    assert isinstance(payment, toss_payments.models.Payment)
    assert payment.payment_key == PAYMENT_KEY and payment.status == "CANCELED"
    kst = dt.timezone(dt.timedelta(hours=9))
    assert payment.requested_at == dt.datetime(2022, 1, 1, 11, 31, 29, tzinfo=kst)
    assert payment.cancels is not None
    (cancel,) = payment.cancels
    assert cancel.cancel_amount == 10000
    assert cancel.canceled_at == dt.datetime(2022, 1, 1, 11, 32, 4, tzinfo=kst)
    written = payment.model_dump(mode="json", by_alias=True, exclude_none=True)
    assert written["requestedAt"] == answer["requestedAt"] == "2022-01-01T11:31:29+09:00"
    assert written["approvedAt"] == answer["approvedAt"]
    assert written["cancels"][0]["canceledAt"] == answer["cancels"][0]["canceledAt"]


@pytest.mark.parametrize(
    ("status", "code", "exception"),
    [
        (400, "ALREADY_CANCELED_PAYMENT", errors.AlreadyCanceledPaymentError),
        (403, "NOT_CANCELABLE_AMOUNT", errors.NotCancelableAmountError),
        (404, "NOT_FOUND_PAYMENT", errors.NotFoundPaymentError),
        (401, "UNAUTHORIZED_KEY", errors.UnauthorizedKeyError),
    ],
)
def test_documented_error_code_raises_its_class(
    status: int, code: str, exception: type[errors.ApiError]
) -> None:
    recorder = Recorder(status, {"code": code, "message": "문서의 메시지"})
    with pytest.raises(exception) as caught:
        _client(recorder).cancel(payment_key=PAYMENT_KEY, cancel_reason="r")
    assert caught.value.code == code and caught.value.message == "문서의 메시지"


def test_async_client_sends_the_same_request() -> None:
    recorder = Recorder(200, _sample("document_response"))

    async def run() -> Any:
        http = httpx.AsyncClient(transport=httpx.MockTransport(recorder))
        async with toss_payments.AsyncClient(secret_key=SECRET, http_client=http) as client:
            return await client.cancel(
                payment_key=PAYMENT_KEY, cancel_reason="r", idempotency_key="k-2"
            )

    assert asyncio.run(run()).payment_key == PAYMENT_KEY
    (request,) = recorder.requests
    assert request.headers["Authorization"] == _basic()
    assert request.headers["Idempotency-Key"] == "k-2"
    assert str(request.url) == f"{BASE}/v1/payments/{PAYMENT_KEY}/cancel"


def test_generated_fake_checks_auth_and_path() -> None:

    fake = FakeProvider(secret_key=SECRET)
    http = httpx.Client(transport=fake.transport())
    client = toss_payments.Client(secret_key=SECRET, http_client=http)
    assert client.cancel(payment_key="a/b", cancel_reason="r").payment_key is not None
    assert fake.requests[-1].payload["paymentKey"] == "a/b"
    raw = httpx.Client(transport=fake.transport(), base_url=BASE)
    literal = raw.post(
        "/v1/payments/%7BpaymentKey%7D/cancel",
        json={"cancelReason": "r"},
        headers={"Authorization": _basic(), "Idempotency-Key": "k"},
    )
    wrong_key = raw.post(
        f"/v1/payments/{PAYMENT_KEY}/cancel",
        json={"cancelReason": "r"},
        headers={"Authorization": "Basic " + base64.b64encode(b"other:").decode()},
    )
    assert literal.status_code >= 400 and wrong_key.status_code >= 400
