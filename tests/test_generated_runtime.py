"""The generated packages' run-time shortcuts keep their behaviour: one validation per request,
models loaded on first use, dates read by slicing (benchmarks/README.md, misses 6-8)."""

from __future__ import annotations

import datetime as dt
import gc
import json
import subprocess
import sys
import weakref
from collections.abc import Iterator
from typing import Any

import httpx
import kicc_easypay  # installed from generated/ by the Makefile, as a user would
import pytest
from kicc_easypay import _values, models
from kicc_easypay import client as kicc_client
from pydantic import ValidationError

SECRET = "merchant-secret-key"
REFUND_INFO = {
    "refundBankCode": "003",
    "refundAccountNo": "11122233344455",
    "refundDepositName": "홍길동",
}


def _client(sent: list[httpx.Request]) -> kicc_easypay.Client:
    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        body = json.loads(request.content)
        return httpx.Response(
            200,
            json={
                "resCd": "0000",
                "resMsg": "OK",
                "cancelAmount": "1",
                "shopTransactionId": body["shopTransactionId"],
            },
        )

    return kicc_easypay.Client(
        secret_key=SECRET,
        mall_id="T5102001",
        http_client=httpx.Client(transport=httpx.MockTransport(answer)),
    )


@pytest.mark.parametrize("package", ["kicc_easypay", "konaplate"])
def test_importing_the_package_builds_no_model(package: str) -> None:
    # Nor what only a model, a zone, the fake provider or webhooks need: pydantic's model
    # machinery alone costs more to import than the rest of the package (issue 17).
    later = ["pydantic.main", "zoneinfo", "httpcore", f"{package}._runtime"]
    later += [f"{package}._fake", f"{package}._webhooks"]
    code = (
        "import sys, pydantic, httpx\n"
        "before = set(sys.modules)\n"
        f"import {package}\n"
        f"from {package} import Client, AsyncClient\n"
        f"assert '{package}.models' not in sys.modules, 'models imported with the package'\n"
        f"loaded = [name for name in {later!r} if name in set(sys.modules) - before]\n"
        "assert not loaded, f'imported with the package: {loaded}'\n"
        f"assert {package}.models.__name__ == '{package}.models'\n"
        f"assert '{package}.models' in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.fixture
def validations() -> Iterator[list[dict[str, Any]]]:
    """Every RefundRequest validation the client runs, recorded."""
    seen: list[dict[str, Any]] = []

    class Counted(models.RefundRequest):
        @classmethod
        def model_validate(cls, obj: Any, *args: Any, **kwargs: Any) -> Counted:
            seen.append(dict(obj))
            return super().model_validate(obj, *args, **kwargs)

    op = kicc_client.OPERATIONS["refund"]
    op.__dict__["request_model"] = Counted  # the cached_property's slot
    try:
        yield seen
    finally:
        del op.__dict__["request_model"]


def test_a_call_validates_the_request_once(validations: list[dict[str, Any]]) -> None:
    sent: list[httpx.Request] = []
    request = models.RefundRequest.model_validate(
        {"pgCno": "20240131000001", "reviseTypeCode": "60", "refundInfo": REFUND_INFO}
    )
    _client(sent).refund(request, client_id="admin01")
    (validated,) = validations  # the caller's values and the computed ones, together
    assert validated["clientId"] == "admin01" and validated["mallId"] == "T5102001"
    body = json.loads(sent[0].content)
    assert body["msgAuthValue"] and body["clientId"] == "admin01"


def test_a_changed_model_is_still_checked_before_sending() -> None:
    sent: list[httpx.Request] = []
    request = models.RefundRequest.model_validate(
        {"pgCno": "20240131000001", "reviseTypeCode": "60", "refundInfo": REFUND_INFO}
    )
    request.refund_info.refund_account_no = "1" * 15  # 14 bytes at most; not validated on set
    with pytest.raises(kicc_easypay.errors.RequestValidationError, match="refundAccountNo"):
        _client(sent).refund(request)
    assert sent == []


def test_a_computed_signature_is_checked_against_its_limits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sent: list[httpx.Request] = []
    monkeypatch.setitem(kicc_client.SIGNERS, "msg_auth_value", lambda *args: "f" * 201)
    with pytest.raises(kicc_easypay.errors.RequestValidationError, match="msgAuthValue"):
        _client(sent).refund(
            pg_cno="20240131000001", revise_type_code="60", refund_info=REFUND_INFO
        )
    assert sent == []


@pytest.mark.parametrize(
    ("wire", "expected"),
    [
        ("20240131120005", dt.datetime(2024, 1, 31, 12, 0, 5)),
        ("20240229000000", dt.datetime(2024, 2, 29)),
    ],
)
def test_dates_read_by_slicing(wire: str, expected: dt.datetime) -> None:
    info = models.RefundDetail.model_validate({"refundDate": wire, "depositPgCno": "1"})
    assert info.refund_date == expected
    assert info.model_dump(by_alias=True, mode="json")["refundDate"] == wire


@pytest.mark.parametrize("wire", ["20230229000000", "20241301000000", "20240131250000"])
def test_impossible_dates_are_refused(wire: str) -> None:
    with pytest.raises(ValidationError, match="is not a valid yyyyMMddHHmmss") as info:
        models.RefundDetail.model_validate({"refundDate": wire, "depositPgCno": "1"})
    assert wire not in str(info.value)  # a date may be sensitive: the message never repeats it


def test_a_changed_nested_model_given_by_keyword_is_checked() -> None:
    sent: list[httpx.Request] = []
    info = models.RefundInfo.model_validate(REFUND_INFO)
    info.refund_account_no = "1" * 15
    with pytest.raises(kicc_easypay.errors.RequestValidationError, match="refundAccountNo"):
        _client(sent).refund(pg_cno="20240131000001", revise_type_code="60", refund_info=info)
    assert sent == []


def test_a_requests_wire_values_are_freed_without_the_garbage_collector() -> None:
    """A reference cycle would keep every request's model alive until a collection: more
    memory in use, and a slower call (issue 17)."""
    model = models.TaxInfo(taxation_amount=1, tax_free_amount=0, vat_amount=0)
    attributes = {"taxationAmount": "taxation_amount"}
    gc.collect()
    gc.disable()
    try:
        for sealed in (None, {"taxationAmount": "c2VhbGVk"}):
            values = _values.WireValues(model, attributes, sealed)
            assert values.plain["taxationAmount"] == 1
            gone = weakref.ref(values)
            del values
            assert gone() is None
    finally:
        gc.enable()


@pytest.mark.parametrize("field", ["cancelAmount", "remainAmount"])
def test_an_answer_with_true_for_a_number_is_refused(field: str) -> None:
    """Lenient answers read "1004" as 1004, but never true as 1 (pydantic's lax mode would)."""
    answer = {"resCd": "0000", "resMsg": "ok", "shopTransactionId": "t1", "cancelAmount": "1004"}
    assert models.RefundResponse.model_validate(answer).cancel_amount == 1004
    with pytest.raises(ValidationError, match="true/false is not a number"):
        models.RefundResponse.model_validate({**answer, field: True})
