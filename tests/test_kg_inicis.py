"""The generated KG INICIS client sends the documented INIAPI refund (issue 14).

Everything expected is computed here from the documents' rules, independently of docbind: the
hash with ``hashlib``, the encrypted account number with ``cryptography``, the form with
``urllib.parse``. The INIAPI key and IV are the ones the manual publishes for its test merchant
INIpayTest: test vectors, never defaults.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import httpx
import kg_inicis  # installed from generated/ by the Makefile, as a user would
import pytest
import yaml
from client_support import Recorder
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from kg_inicis import errors
from kg_inicis.testing import FakeProvider

SPEC = Path(__file__).resolve().parents[1] / "spec" / "kg_inicis" / "refund.yaml"
KEY, IV, MID = "ItEQKi3rY7uvDS8l", "HYb3yQ4f65QL89==", "INIpayTest"
CREDENTIALS = {"api_key": KEY, "api_iv": IV, "mid": MID}
URL = "https://iniapi.inicis.com/api/v1/refund"
TID = "StdpayVBNKINIpayTest20201228161804321482"  # 40 bytes, a virtual-account approval
ANSWER = {
    "resultCode": "00",
    "resultMsg": "정상처리되었습니다.",
    "cancelDate": "20240131",
    "cancelTime": "093015",
    "cshrCancelNum": "",
    "detailResultCode": "",
    "receiptInfo": "",
}


def aes(plain: str, key: str = KEY, iv: str = IV) -> str:
    padder = padding.PKCS7(128).padder()
    data = padder.update(plain.encode("utf-8")) + padder.finalize()
    enc = Cipher(algorithms.AES(key.encode()), modes.CBC(iv.encode())).encryptor()
    return base64.b64encode(enc.update(data) + enc.finalize()).decode("ascii")


def sha512(*parts: str) -> str:
    return hashlib.sha512("".join(parts).encode("utf-8")).hexdigest()


def _client(recorder: Recorder, **credentials: str) -> kg_inicis.Client:
    http = httpx.Client(transport=httpx.MockTransport(recorder))
    return kg_inicis.Client(**{**CREDENTIALS, **credentials}, http_client=http)


def _vacct_refund(client: kg_inicis.Client) -> kg_inicis.models.RefundResponse:
    return client.refund(
        paymethod="Vacct",
        client_ip="192.0.0.1",
        tid=TID,
        msg="거래취소요청",
        refund_acct_num="123456789",
        refund_bank_code="88",
        refund_acct_name="홍길동",
    )


def test_documented_vector_holds() -> None:
    """The FAQ's example: account 123456789 of INIpayTest encrypts to this base64."""
    assert aes("123456789") == "qwMHVJqsmXKoR+d8wQTS4g=="


def test_virtual_account_refund_is_sent_exactly() -> None:
    recorder = Recorder(200, ANSWER)
    before = dt.datetime.now(dt.timezone(dt.timedelta(hours=9))).replace(microsecond=0)
    result = _vacct_refund(_client(recorder))
    (request,) = recorder.requests
    assert request.method == "POST" and str(request.url) == URL
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded; charset=utf-8"
    sent = dict(parse_qsl(request.content.decode("ascii"), keep_blank_values=True))
    stamp = dt.datetime.strptime(sent["timestamp"], "%Y%m%d%H%M%S")
    assert abs(stamp - before.replace(tzinfo=None)) < dt.timedelta(seconds=5)  # Korean time
    encrypted = aes("123456789")
    assert sent["refundAcctNum"] == encrypted == "qwMHVJqsmXKoR+d8wQTS4g=="
    expected = {
        "type": "Refund",
        "paymethod": "Vacct",
        "timestamp": sent["timestamp"],
        "clientIp": "192.0.0.1",
        "mid": MID,
        "tid": TID,
        "msg": "거래취소요청",
        "refundAcctNum": encrypted,
        "refundBankCode": "88",
        "refundAcctName": "홍길동",
        "hashData": sha512(
            KEY, "Refund", "Vacct", sent["timestamp"], "192.0.0.1", MID, TID, encrypted
        ),
    }
    assert sent == expected
    # The '+' of the base64 is percent-encoded (the FAQ's warning), the whole form in UTF-8.
    assert request.content == urlencode(expected).encode("ascii")
    assert b"qwMHVJqsmXKoR%2Bd8wQTS4g%3D%3D" in request.content
    assert result.result_code == "00"
    assert result.cancel_date == dt.date(2024, 1, 31)
    assert result.cancel_time == dt.time(9, 30, 15)


def test_card_refund_matches_the_manual_sample() -> None:
    """The manual's card sample: no refund account, so the hash ends with tid."""
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    (sample,) = [s for s in spec["samples"] if s["name"] == "document_card_refund"]
    payload = sample["payload"]
    recorder = Recorder(200, ANSWER)
    _client(recorder).refund(
        paymethod=payload["paymethod"],
        client_ip=payload["clientIp"],
        tid=payload["tid"],
        msg=payload["msg"],
    )
    sent = dict(parse_qsl(recorder.requests[0].content.decode("ascii")))
    assert sent["hashData"] == sha512(
        KEY, "Refund", "Card", sent["timestamp"], "192.0.0.1", MID, payload["tid"]
    )
    assert {k: v for k, v in sent.items() if k not in ("timestamp", "hashData")} == {
        k: v for k, v in payload.items() if k not in ("timestamp", "hashData")
    }
    assert "refundAcctNum" not in sent


def test_virtual_account_needs_the_refund_account() -> None:
    recorder = Recorder(200, ANSWER)
    with pytest.raises(errors.RequestValidationError) as info:
        _client(recorder).refund(paymethod="Vacct", client_ip="1.2.3.4", tid=TID)
    assert "refundAcctNum" in str(info.value) and recorder.requests == []


def test_limits_apply_to_the_plain_account_number() -> None:
    """The pattern (digits only) holds for the plain text, not the base64 sent."""
    recorder = Recorder(200, ANSWER)
    with pytest.raises(errors.RequestValidationError):
        _client(recorder).refund(
            paymethod="Vacct",
            client_ip="1.2.3.4",
            tid=TID,
            refund_acct_num="110-123-456",
            refund_bank_code="88",
            refund_acct_name="A",
        )
    assert recorder.requests == []


def test_a_wrong_size_key_is_a_clear_error() -> None:
    recorder = Recorder(200, ANSWER)
    with pytest.raises(errors.RequestValidationError) as info:
        _vacct_refund(_client(recorder, api_key="short"))
    message = str(info.value)
    assert "api_key" in message and "16" in message and "short" not in message
    assert recorder.requests == []


def test_failure_code_raises_with_the_message() -> None:
    answer = {"resultCode": "01", "resultMsg": "취소 실패", "detailResultCode": "9999"}
    with pytest.raises(errors.ApiError) as info:
        _vacct_refund(_client(Recorder(200, answer)))
    assert info.value.code == "01" and info.value.message == "취소 실패"


def test_async_client_sends_the_same_request() -> None:
    recorder = Recorder(200, ANSWER)

    async def run() -> Any:
        http = httpx.AsyncClient(transport=httpx.MockTransport(recorder))
        async with kg_inicis.AsyncClient(**CREDENTIALS, http_client=http) as client:
            return await client.refund(
                paymethod="Vacct",
                client_ip="192.0.0.1",
                tid=TID,
                refund_acct_num="123456789",
                refund_bank_code="88",
                refund_acct_name="홍길동",
            )

    assert asyncio.run(run()).result_code == "00"
    sent = dict(parse_qsl(recorder.requests[0].content.decode("ascii")))
    encrypted = aes("123456789")
    assert sent["refundAcctNum"] == encrypted
    assert sent["hashData"] == sha512(
        KEY, "Refund", "Vacct", sent["timestamp"], "192.0.0.1", MID, TID, encrypted
    )


def _fake_client(fake: FakeProvider) -> kg_inicis.Client:
    return kg_inicis.Client(**CREDENTIALS, http_client=httpx.Client(transport=fake.transport()))


def test_fake_decrypts_and_accepts_the_documented_request() -> None:
    fake = FakeProvider(credentials=CREDENTIALS)
    assert _vacct_refund(_fake_client(fake)) is not None
    assert fake.rejections == []
    assert fake.requests[0].payload["refundAcctNum"] == "123456789"  # as the provider reads it


def _post(fake: FakeProvider, form: dict[str, str]) -> httpx.Response:
    content = urlencode(form).encode("ascii")
    headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
    with httpx.Client(transport=fake.transport()) as http:
        return http.post(URL, content=content, headers=headers)


def _form(refund_acct_num: str, hash_key: str = KEY) -> dict[str, str]:
    stamp = "20240131093015"
    form = {
        "type": "Refund",
        "paymethod": "Vacct",
        "timestamp": stamp,
        "clientIp": "192.0.0.1",
        "mid": MID,
        "tid": TID,
        "refundAcctNum": refund_acct_num,
        "refundBankCode": "88",
        "refundAcctName": "홍길동",
    }
    parts = [hash_key, "Refund", "Vacct", stamp, "192.0.0.1", MID, TID, refund_acct_num]
    return {**form, "hashData": sha512(*parts)}


def test_fake_accepts_a_hand_built_request() -> None:
    fake = FakeProvider(credentials=CREDENTIALS)
    response = _post(fake, _form(aes("123456789")))
    assert response.status_code == 200 and fake.rejections == []
    assert json.loads(response.content)["resultCode"] is not None


def test_fake_refuses_a_wrong_hash() -> None:
    fake = FakeProvider(credentials=CREDENTIALS)
    response = _post(fake, _form(aes("123456789"), hash_key="another-key-1234"))
    assert response.status_code == 400
    assert fake.rejections == ["refund: hashData is not the documented signature"]


@pytest.mark.parametrize(
    "cipher",
    [
        "123456789",  # sent in the clear
        aes("123456789", key="AnotherKey123456"),  # another merchant's key
        base64.b64encode(b"not whole blocks").decode()[:-4],
    ],
)
def test_fake_refuses_an_undecryptable_field(cipher: str) -> None:
    fake = FakeProvider(credentials=CREDENTIALS)
    response = _post(fake, _form(cipher))
    assert response.status_code == 400
    (rejection,) = fake.rejections
    assert rejection.startswith("refund: cannot decrypt: refundAcctNum")
