"""The generated KakaoPay client sends the documented cancel (issue 14): the open API's custom
``Authorization: SECRET_KEY <key>`` scheme, a JSON body with the merchant code from the client,
and the answer's amount objects read back.

Everything expected is written here by hand from the documents' table, independently of docbind.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
from typing import Any

import httpx
import kakaopay  # installed from generated/ by the Makefile, as a user would
import pytest
from client_support import Recorder
from kakaopay import errors
from kakaopay.testing import FakeProvider

BASE = "https://open-api.kakaopay.com"
SECRET = "DEV0123456789ABCDEF0123456789ABCDEF"
CID = "TC0ONETIME"  # the documents' test merchant code
TID = "T1234567890123456789"


def _amounts(total: int, vat: int) -> dict[str, int]:
    return {
        "total": total,
        "tax_free": 0,
        "vat": vat,
        "point": 0,
        "discount": 0,
        "green_deposit": 0,
    }


ANSWER: dict[str, Any] = {
    "aid": "A1234567890123456789",
    "tid": TID,
    "cid": CID,
    "status": "CANCEL_PAYMENT",
    "partner_order_id": "order-1",
    "partner_user_id": "user-1",
    "payment_method_type": "MONEY",
    "amount": _amounts(2200, 200),
    "approved_cancel_amount": _amounts(2200, 200),
    "canceled_amount": _amounts(2200, 200),
    "cancel_available_amount": _amounts(0, 0),
    "item_name": "초코파이",
    "quantity": 1,
    "created_at": "2024-01-01T10:00:00",
    "approved_at": "2024-01-01T10:00:05",
    "canceled_at": "2024-01-01T10:30:00",
}


def _client(recorder: Recorder) -> kakaopay.Client:
    http = httpx.Client(transport=httpx.MockTransport(recorder))
    return kakaopay.Client(secret_key=SECRET, cid=CID, http_client=http)


CALL = {"tid": TID, "cancel_amount": 2200, "cancel_tax_free_amount": 0, "payload": "p-1"}


def _check_request(request: httpx.Request) -> None:
    assert request.method == "POST"
    assert str(request.url) == f"{BASE}/online/v1/payment/cancel"
    assert request.headers["Authorization"] == f"SECRET_KEY {SECRET}"
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.content) == {
        "cid": CID,
        "tid": TID,
        "cancel_amount": 2200,
        "cancel_tax_free_amount": 0,
        "payload": "p-1",
    }


def _check_answer(answer: Any) -> None:
    assert answer.aid == ANSWER["aid"] and answer.status == "CANCEL_PAYMENT"
    assert answer.payment_method_type == "MONEY"
    assert answer.approved_cancel_amount.total == 2200
    assert answer.approved_cancel_amount.vat == 200
    assert answer.cancel_available_amount.total == 0
    assert answer.canceled_at == dt.datetime(2024, 1, 1, 10, 30)


def test_cancel_is_sent_exactly_and_parsed() -> None:
    recorder = Recorder(200, ANSWER)
    answer = _client(recorder).cancel(**CALL)
    (request,) = recorder.requests
    _check_request(request)
    _check_answer(answer)


def test_async_cancel_is_sent_exactly_and_parsed() -> None:
    recorder = Recorder(200, ANSWER)

    async def main() -> Any:
        http = httpx.AsyncClient(transport=httpx.MockTransport(recorder))
        async with kakaopay.AsyncClient(secret_key=SECRET, cid=CID, http_client=http) as api:
            return await api.cancel(**CALL)

    answer = asyncio.run(main())
    (request,) = recorder.requests
    _check_request(request)
    _check_answer(answer)


def test_limits_are_checked_before_sending() -> None:
    recorder = Recorder(200, ANSWER)
    with pytest.raises(errors.RequestValidationError):
        _client(recorder).cancel(**{**CALL, "tid": "T" * 21})
    with pytest.raises(errors.RequestValidationError):
        _client(recorder).cancel(**{**CALL, "cid_secret": "UPPER-case-is-refused-00"})
    assert recorder.requests == []


def test_error_answer_raises_by_status_with_its_code() -> None:
    recorder = Recorder(400, {"error_code": -780, "error_message": "approval failure!"})
    with pytest.raises(errors.BadRequestError) as info:
        _client(recorder).cancel(**CALL)
    assert info.value.code == "-780" and info.value.message == "approval failure!"
    assert len(recorder.requests) == 1  # a cancel is never re-sent


def test_secret_key_is_never_shown(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    recorder = Recorder(401, {"error_code": -401, "error_message": "unauthorized"})
    api = _client(recorder)
    with pytest.raises(errors.AuthenticationError) as info:
        api.cancel(**CALL)
    for text in (caplog.text, repr(api), str(info.value), repr(info.value)):
        assert SECRET not in text


def test_fake_provider_checks_the_custom_scheme() -> None:
    fake = FakeProvider(secret_key=SECRET, credentials={"cid": CID})
    http = httpx.Client(transport=fake.transport())
    kakaopay.Client(secret_key=SECRET, cid=CID, http_client=http).cancel(**CALL)
    assert fake.rejections == []
    assert fake.requests[0].headers["authorization"] == f"SECRET_KEY {SECRET}"
    wrong = kakaopay.Client(secret_key="DEV-other", cid=CID, http_client=http)
    with pytest.raises(errors.BadRequestError):
        wrong.cancel(**CALL)
    assert fake.rejections == ["cancel: Authorization is not the documented authentication"]
