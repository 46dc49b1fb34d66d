"""The shared runtime's [ENC] encryption (``_crypto.py``) and answer reading by charset
(``_operation.RawResponse``), tested where they live against ``cryptography`` directly."""

from __future__ import annotations

import base64

import httpx
import pytest
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from runtime_support import runtime_module

crypto = runtime_module("_crypto")
operation = runtime_module("_operation")

KEY16, KEY32, IV = "0123456789abcdef", "0123456789abcdef" * 2, "fedcba9876543210"


def _reference(plain: bytes, key: bytes, mode: modes.Mode) -> bytes:
    padder = padding.PKCS7(128).padder()
    enc = Cipher(algorithms.AES(key), mode).encryptor()
    return enc.update(padder.update(plain) + padder.finalize()) + enc.finalize()


@pytest.mark.parametrize(
    ("size", "mode", "output", "key_format"),
    [
        (16, "cbc", "base64", "text"),
        (32, "cbc", "hex", "hex"),
        (16, "ecb", "hex-upper", "base64"),
        (32, "ecb", "base64", "text"),
    ],
)
def test_encrypt_matches_cryptography_and_decrypts(
    size: int, mode: str, output: str, key_format: str
) -> None:
    key = (KEY16 if size == 16 else KEY32).encode()
    written = {
        "text": key.decode(),
        "hex": key.hex(),
        "base64": base64.b64encode(key).decode(),
    }[key_format]
    iv_text = {
        "text": IV,
        "hex": IV.encode().hex(),
        "base64": base64.b64encode(IV.encode()).decode(),
    }
    rule = operation.Encrypted(
        "acct", "r", size, mode, "key", "iv" if mode == "cbc" else None, key_format, output
    )
    credentials = {"key": written, "iv": iv_text[key_format]}
    sealed = crypto.encrypt(rule, "계좌 123", credentials)
    cipher_mode = modes.CBC(IV.encode()) if mode == "cbc" else modes.ECB()
    expected = _reference("계좌 123".encode(), key, cipher_mode)
    shown = {
        "base64": base64.b64encode(expected).decode(),
        "hex": expected.hex(),
        "hex-upper": expected.hex().upper(),
    }[output]
    assert sealed == shown
    assert crypto.decrypt(rule, sealed, credentials) == "계좌 123"


@pytest.mark.parametrize(
    ("credentials", "message"),
    [
        ({"iv": IV}, "the key credential is needed"),
        ({"key": "short", "iv": IV}, "the key credential is 5 bytes; the AES-128 key needs 16"),
        ({"key": KEY16, "iv": "x"}, "the iv credential is 1 bytes; the IV needs 16"),
    ],
)
def test_credential_problems_name_the_credential(credentials: dict[str, str], message: str) -> None:
    rule = operation.Encrypted("acct", "r", 16, "cbc", "key", "iv")
    with pytest.raises(crypto.CredentialError) as info:
        crypto.encrypt(rule, "1", credentials)
    assert str(info.value).startswith(message)
    assert "short" not in str(info.value)


@pytest.mark.parametrize("text", ["not base64!", "QUJD", "", "A" * 22 + "=="])
def test_decrypt_refuses_what_is_not_the_recipe(text: str) -> None:
    rule = operation.Encrypted("acct", "r", 16, "cbc", "key", "iv")
    with pytest.raises(ValueError, match="acct"):
        crypto.decrypt(rule, text, {"key": KEY16, "iv": IV})


def _raw(content: bytes, charset: str | None, decoded: tuple[str, ...] = ()) -> object:
    headers = httpx.Headers({"content-type": "application/json"})
    return operation.RawResponse(
        200, headers, content, 1, None, 0.0, None, charset, decoded, charset or "utf-8"
    )


def test_answer_read_in_the_requested_charset_and_url_decoded() -> None:
    body = '{"msg": "%C1%A4%BB%F3+%C3%B3%B8%AE", "name": "홍길동"}'.encode("euc-kr")
    raw = _raw(body, "euc-kr", ("msg",))
    assert raw.json() == {"msg": "정상 처리", "name": "홍길동"}  # type: ignore[attr-defined]
    with pytest.raises(UnicodeDecodeError):  # read as JSON's UTF-8, the same bytes fail
        _raw(body, None).json()  # type: ignore[attr-defined]
