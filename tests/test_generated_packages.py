"""The committed golden record works: its own tests pass, it type-checks strictly, lints clean,
and it behaves as the documents say (the examples of the models-and-signers issue)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import importlib
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from pydantic import ValidationError

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ["kicc_easypay", "konaplate", "toss_payments", "portone_v1", "kakaopay", "nhn_kcp"]
BIN = Path(sys.executable).parent


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def _stray_files(package: str) -> list[str]:
    """Files in the golden record that docbind did not write (bytecode aside): a tool's cache
    left there by a test would sit in the user's folder and in every `docbind check` listing."""
    folder = ROOT / "generated" / package
    owned = set((folder / ".docbind-manifest").read_text(encoding="utf-8").split())
    return sorted(
        rel
        for path in folder.rglob("*")
        if path.is_file()
        and "__pycache__" not in path.parts
        and (rel := path.relative_to(folder).as_posix()) not in owned
    )


@pytest.mark.parametrize("package", PACKAGES)
def test_generated_tests_pass(package: str) -> None:
    result = _run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        ROOT / "generated" / package,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "skipped" not in result.stdout
    assert _stray_files(package) == []


@pytest.mark.parametrize("package", PACKAGES)
def test_generated_code_passes_mypy_strict(package: str, tmp_path: Path) -> None:
    cache = ["--cache-dir", str(tmp_path / "mypy")]  # never a .mypy_cache in the golden record
    result = _run(
        [str(BIN / "mypy"), "--strict", "--no-incremental", *cache, "."],
        ROOT / "generated" / package,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert _stray_files(package) == []


@pytest.mark.parametrize("package", PACKAGES)
def test_generated_code_passes_ruff(package: str) -> None:
    result = _run(
        [str(BIN / "ruff"), "check", "--isolated", "--no-cache", "."], ROOT / "generated" / package
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert _stray_files(package) == []


def _models(package: str) -> ModuleType:
    return importlib.import_module(f"{package}.models")


def _refund(**changes: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "mallId": "T5102001",
        "shopTransactionId": "20240131-0001",
        "pgCno": "20240131000001",
        "reviseTypeCode": "60",
        "cancelReqDate": "20240131",
        "msgAuthValue": "0" * 64,
        "refundInfo": {
            "refundBankCode": "003",
            "refundAccountNo": "12345678901234",
            "refundDepositName": "홍길동",
        },
    }
    payload.update(changes)
    return payload


def _refused(payload: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as info:
        _models("kicc_easypay").RefundRequest.model_validate(payload)
    return str(info.value)


def test_refund_request_enforces_the_document() -> None:
    models = _models("kicc_easypay")
    accepted = models.RefundRequest.model_validate(_refund())
    assert accepted.cancel_req_date == dt.date(2024, 1, 31)
    assert "mallId must be at most 8 bytes" in _refused(_refund(mallId="T51020011"))
    long_name = {"refundBankCode": "003", "refundAccountNo": "1", "refundDepositName": "가" * 17}
    assert "at most 50 bytes in utf-8 (got 51)" in _refused(_refund(refundInfo=long_name))
    assert "reviseTypeCode" in _refused(_refund(reviseTypeCode="99"))
    assert "amount is required when reviseTypeCode is 62" in _refused(_refund(reviseTypeCode="62"))
    assert "yyyyMMdd" in _refused(_refund(cancelReqDate="2024-01-31"))


def test_refund_request_by_python_names_dumps_wire_names() -> None:
    models = _models("kicc_easypay")
    request = models.RefundRequest(
        mall_id="T5102001",
        shop_transaction_id="k1",
        pg_cno="p1",
        revise_type_code="62",
        amount=1000,
        cancel_req_date=dt.date(2024, 1, 31),
        msg_auth_value="f" * 64,
        refund_info={
            "refund_bank_code": "003",
            "refund_account_no": "12345678901234",
            "refund_deposit_name": "홍길동",
        },
    )
    wire = request.model_dump(by_alias=True, exclude_none=True, mode="json")
    assert wire["cancelReqDate"] == "20240131" and wire["reviseTypeCode"] == "62"
    assert wire["refundInfo"]["refundDepositName"] == "홍길동"
    assert "12345678901234" not in repr(request) and "홍길동" not in str(request)


def test_refund_response_reads_the_document_sample() -> None:
    sample = {
        "resCd": "0000",
        "resMsg": "Refund Successful",
        "mallId": "{Requested Merchant ID}",
        "shopTransactionId": "{Requested API Idempotency Key}",
        "shopOrderNo": "{Merchant Order No}",
        "cancelAmount": "51004",
        "remainAmount": "0",
        "transactionDate": "20210326090200",
        "statusCode": "RF01",
        "statusMessage": "Refund Requested",
        "reviseInfo": {
            "payMethodTypeCode": "11",
            "approvalDate": "20210326090200",
            "refundInfo": {"refundDate": "20210326090200", "depositPgCno": "x"},
        },
    }
    response = _models("kicc_easypay").RefundResponse.model_validate(sample)
    assert response.cancel_amount == 51004 and isinstance(response.cancel_amount, int)
    assert response.model_extra == {"shopOrderNo": "{Merchant Order No}"}
    assert response.transaction_date == dt.datetime(2021, 3, 26, 9, 2, 0)


def test_refund_fee_response_reads_decimals_and_milliseconds() -> None:
    models = _models("konaplate")
    amounts = dict.fromkeys(
        [
            "balance",
            "refundCheckBalance",
            "discountAmount",
            "refundFee",
            "refundAmount",
            "expiredFee",
            "refundThresholdBalance",
            "lastLoadedBalance",
        ],
        1000,
    )
    policy = {
        "refundMonthlyCount": 1,
        "refundMonthlyLimitCount": 3,
        "refundMonthlyAmount": 0,
        "refundMonthlyLimitAmount": 100000,
        "conditionOverPolicy": "D",
    }
    response = models.GetRefundFeeResponse.model_validate(
        {
            "par": "P" * 27,
            "refundFeeRate": 2.5,
            "refundable": True,
            "refundThresholdRatio": 60,
            "currentBalanceRatio": "12.5",
            "lastLoadedDateTime": "20240131090807654",
            "refundPolicy": policy,
            **amounts,
        }
    )
    assert response.refund_fee_rate == Decimal("2.5") and isinstance(
        response.refund_fee_rate, Decimal
    )
    assert response.last_loaded_date_time == dt.datetime(2024, 1, 31, 9, 8, 7, 654000)
    wire = response.model_dump(by_alias=True, mode="json")
    assert wire["lastLoadedDateTime"] == "20240131090807654"


def test_signers_match_an_independent_hmac() -> None:
    kicc = importlib.import_module("kicc_easypay.signing")
    expected = hmac.new(b"merchant-secret", b"20240131000001|shop-0001", hashlib.sha256).hexdigest()
    actual = kicc.msg_auth_value(
        "merchant-secret", pg_cno="20240131000001", shop_transaction_id="shop-0001"
    )
    assert actual == expected and len(actual) == 64 and actual == actual.lower()
    assert kicc.verify(expected, actual) and not kicc.verify(expected, "0" * 64)

    kona = importlib.import_module("konaplate.signing")
    body = b'{"oneTimeToken":"0123456789abcdef"}'
    mac = base64.b64encode(hmac.new(b"kona-secret", body, hashlib.sha256).digest()).decode()
    token = kona.tran_token("kona-secret", body=body, time="20240131090807")
    assert token == f"KMV1:20240131090807:{mac}" and len(token) == 64
