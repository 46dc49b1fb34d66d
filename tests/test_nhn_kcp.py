"""The generated NHN KCP client sends the documented cancel (issue 14): site_cd and the
serialized certificate from the client's credentials, and kcp_sign_data, SHA256withRSA over
``site_cd^tno^mod_type`` with the merchant's encrypted PEM key, checked here with the public
key through ``cryptography`` directly, independently of docbind."""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx
import nhn_kcp  # installed from generated/ by the Makefile, as a user would
import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from nhn_kcp import errors
from nhn_kcp.testing import FakeProvider

SITE = "T0000"  # the documents' test site code
TNO = "20210719000000"  # the documents' sample transaction number
CERT = "-----BEGIN CERTIFICATE-----MIIDtest-----END CERTIFICATE-----"
PASSWORD = "test-password"
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
PEM = KEY.private_bytes(
    serialization.Encoding.PEM,
    serialization.PrivateFormat.PKCS8,
    serialization.BestAvailableEncryption(PASSWORD.encode()),
).decode()
CREDENTIALS = {
    "site_cd": SITE,
    "kcp_cert_info": CERT,
    "private_key": PEM,
    "key_password": PASSWORD,
}


def _client(seen: list[httpx.Request], answer: dict[str, Any], **changed: str) -> nhn_kcp.Client:
    def capture(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=answer)

    http = httpx.Client(transport=httpx.MockTransport(capture))
    return nhn_kcp.Client(**{**CREDENTIALS, **changed}, environment="test", http_client=http)


def test_partial_cancel_is_sent_signed_with_the_private_key() -> None:
    seen: list[httpx.Request] = []
    answer = {"res_cd": "0000", "res_msg": "정상처리", "tno": TNO}
    result = _client(seen, answer).cancel(
        tno=TNO, mod_type="STPC", mod_mny="1000", rem_mny="5000", mod_desc="partial"
    )
    assert result.res_cd == "0000" and result.tno == TNO
    (request,) = seen
    assert (request.method, str(request.url)) == (
        "POST",
        "https://stg-spl.kcp.co.kr/gw/mod/v1/cancel",
    )
    assert request.headers["content-type"].startswith("application/json")
    body = json.loads(request.content)
    signature = base64.b64decode(body.pop("kcp_sign_data"), validate=True)
    assert body == {
        "site_cd": SITE,
        "kcp_cert_info": CERT,
        "tno": TNO,
        "mod_type": "STPC",
        "mod_desc": "partial",
        "mod_mny": "1000",
        "rem_mny": "5000",
    }
    message = f"{SITE}^{TNO}^STPC".encode()
    KEY.public_key().verify(signature, message, padding.PKCS1v15(), hashes.SHA256())
    with pytest.raises(InvalidSignature):  # it signs mod_type: STSC would not verify
        KEY.public_key().verify(
            signature, f"{SITE}^{TNO}^STSC".encode(), padding.PKCS1v15(), hashes.SHA256()
        )


def test_a_partial_cancel_needs_its_amounts_and_a_failure_raises() -> None:
    seen: list[httpx.Request] = []
    client = _client(seen, {"res_cd": "8133", "res_msg": "failed"})
    with pytest.raises(errors.RequestValidationError):
        client.cancel(tno=TNO, mod_type="STPC")  # mod_mny and rem_mny are required for STPC
    assert seen == []
    with pytest.raises(errors.ApiError) as caught:
        client.cancel(tno=TNO, mod_type="STSC")
    assert caught.value.code == "8133"


def test_the_fake_checks_the_signature_with_the_public_key() -> None:
    fake = FakeProvider(credentials=CREDENTIALS)
    http = httpx.Client(transport=fake.transport())
    client = nhn_kcp.Client(**CREDENTIALS, environment="test", http_client=http)
    assert client.cancel(tno=TNO, mod_type="STSC").res_cd == "0000"
    assert fake.rejections == []
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forger = {
        **CREDENTIALS,
        "private_key": other.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode(),
        "key_password": None,
    }
    wrong = nhn_kcp.Client(**forger, environment="test", http_client=http)
    with pytest.raises(errors.ApiError):
        wrong.cancel(tno=TNO, mod_type="STSC")
    assert fake.rejections == ["cancel: kcp_sign_data is not the documented signature"]


def test_an_unusable_key_is_a_request_error_that_names_no_secret() -> None:
    """A wrong password or a text that is no PEM key: nothing is sent, and the error names
    the credential, never the key or the password."""
    seen: list[httpx.Request] = []
    for changed in ({"key_password": "wrong"}, {"private_key": "not a key"}):
        client = _client(seen, {"res_cd": "0000"}, **changed)
        with pytest.raises(errors.RequestValidationError) as caught:
            client.cancel(tno=TNO, mod_type="STSC")
        text = str(caught.value) + repr(caught.value.errors)
        assert "private key" in text
        assert PASSWORD not in text and "wrong" not in text and "BEGIN" not in text
    assert seen == []
