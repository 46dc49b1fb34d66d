"""[ENC] fields, a response charset chosen by a request field, and URL-decoded response fields
(issue 14): what a generated client sends and reads, checked against ``cryptography`` and the
standard library directly, in a package rendered from a small spec."""

from __future__ import annotations

import json
from pathlib import Path

from synthetic import render_spec, run_script

API = """\
docbind: 1
name: Enc Demo
package: encdemo
version: 0.1.0
encoding: {encoding}
environments:
  test: {{url: "https://example.com"}}
default_environment: test
credentials:
  api_key: {{secret: true}}
  api_iv: {{secret: true}}
  wide_key: {{secret: true}}
encryption:
  cbc: {{algorithm: aes-128, mode: cbc, key: api_key, iv: api_iv, output: base64}}
  ecb: {{algorithm: aes-256, mode: ecb, key: wide_key, key_format: hex, output: hex-upper}}
signers:
  sent_hash:
    algorithm: sha256
    input: [{{credential: api_key}}, {{field: account}}]
    output: hex
  plain_hash:
    algorithm: sha256
    input: [{{credential: api_key}}, {{plain: account}}, {{constant: "|"}}, {{plain: holder}}]
    output: hex
operations: [pay.yaml, query.yaml]
"""
PAY = """\
operation: pay
method: POST
path: /pay
content_type: {content_type}
request:
  body:
    account: {{type: string, bytes: 9, encrypt: cbc}}
    holder: {{type: string, bytes: 6, encrypt: ecb}}
    sentHash: {{type: string, required: true, computed: signature(sent_hash)}}
    plainHash: {{type: string, required: true, computed: signature(plain_hash)}}
response:
  body:
    resCd: {{type: string}}
"""
QUERY = """\
operation: query
method: POST
path: /query
content_type: application/x-www-form-urlencoded
request:
  body:
    charset: {type: string}
response:
  charset: {field: charset, values: {UTF-8: utf-8, EUC-KR: euc-kr}}
  body:
    resMsg: {type: string, url_encoded: true}
    plain: {type: string}
"""
WIDE = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
KEYS = (
    f'CREDENTIALS = dict(api_key="0123456789abcdef", api_iv="fedcba9876543210", wide_key="{WIDE}")'
)
ENCRYPT = """
import base64, hashlib, json, urllib.parse
import httpx
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from encdemo import Client, errors
from encdemo.testing import FakeProvider

def aes(data, cipher):
    padder = padding.PKCS7(128).padder()
    enc = cipher.encryptor()
    return enc.update(padder.update(data) + padder.finalize()) + enc.finalize()

def cbc(text):
    key, iv = CREDENTIALS["api_key"].encode(), CREDENTIALS["api_iv"].encode()
    sealed = aes(text.encode(ENCODING), Cipher(algorithms.AES(key), modes.CBC(iv)))
    return base64.b64encode(sealed).decode()

def ecb(text):
    key = bytes.fromhex(CREDENTIALS["wide_key"])
    return aes(text.encode(ENCODING), Cipher(algorithms.AES(key), modes.ECB())).hex().upper()

seen = []
def capture(request):
    seen.append(request)
    return httpx.Response(200, json={"resCd": "0000"})

client = Client(**CREDENTIALS, http_client=httpx.Client(transport=httpx.MockTransport(capture)))
client.pay(account=ACCOUNT, holder=HOLDER)
request = seen[0]
if request.headers["content-type"].startswith("application/json"):
    sent = json.loads(request.content)
else:
    sent = dict(urllib.parse.parse_qsl(request.content.decode("ascii"), encoding=ENCODING))
key = CREDENTIALS["api_key"]
print("account", sent["account"] == cbc(ACCOUNT))
print("holder", sent["holder"] == ecb(HOLDER))
print("sent_hash", sent["sentHash"] == hashlib.sha256((key + cbc(ACCOUNT)).encode()).hexdigest())
plain = (key + ACCOUNT + "|" + HOLDER).encode()
print("plain_hash", sent["plainHash"] == hashlib.sha256(plain).hexdigest())
for account in (ACCOUNT + "0", "x" * 30):
    try:
        client.pay(account=account, holder=HOLDER)
        print("too long sent")
    except errors.RequestValidationError as exc:
        print("refused", "account" in str(exc))
fake = FakeProvider(credentials=CREDENTIALS)
client = Client(**CREDENTIALS, http_client=httpx.Client(transport=fake.transport()))
client.pay(account=ACCOUNT, holder=HOLDER)
print("fake", fake.rejections, fake.requests[0].payload["holder"] == HOLDER)
"""


def _render(tmp_path: Path, encoding: str, content_type: str) -> Path:
    files = {
        "api.yaml": API.format(encoding=encoding),
        "pay.yaml": PAY.format(content_type=content_type),
        "query.yaml": QUERY,
    }
    return render_spec(tmp_path, files)


def _encrypt(tmp_path: Path, encoding: str, content_type: str, account: str, holder: str) -> str:
    out = _render(tmp_path, encoding, content_type)
    given = f"{KEYS}\nENCODING = {encoding!r}\nACCOUNT = {account!r}\nHOLDER = {holder!r}\n"
    return run_script(out, given + ENCRYPT)


EXPECTED = """\
account True
holder True
sent_hash True
plain_hash True
refused True
refused True
fake [] True
"""


def test_form_fields_are_encrypted_and_signed_either_way(tmp_path: Path) -> None:
    """Nine digits fit ``bytes: 9`` (the plain text), although 24 base64 characters are sent."""
    assert _encrypt(
        tmp_path, "utf-8", "application/x-www-form-urlencoded", "123456789", "홍길"
    ) == (EXPECTED)


def test_json_body_and_euc_kr_plain_text(tmp_path: Path) -> None:
    """Limits count the plain text in the API's encoding (a Hangul syllable is 2 bytes in
    EUC-KR, so three fit ``bytes: 6``), and that is the text encrypted."""
    assert _encrypt(tmp_path, "euc-kr", "application/json", "987654321", "홍길동") == EXPECTED


READ = """
import httpx, json
from encdemo import Client
from encdemo.testing import FakeProvider

def answer(request):
    charset = dict(httpx.QueryParams(request.content.decode("ascii"))).get("charset", "UTF-8")
    text = json.dumps({"resMsg": ENCODED[charset], "plain": "정상"}, ensure_ascii=False)
    return httpx.Response(200, content=text.encode(charset))

client = Client(**CREDENTIALS, http_client=httpx.Client(transport=httpx.MockTransport(answer)))
for charset in ("EUC-KR", "UTF-8"):
    result = client.query(charset=charset)
    print(charset, result.res_msg, result.plain)
fake = FakeProvider(credentials=CREDENTIALS)
fake.script("query", Fault.reply(plain="정상 처리"))
client = Client(**CREDENTIALS, http_client=httpx.Client(transport=fake.transport()))
print(client.query(charset="EUC-KR").plain, fake.rejections)
"""


def test_charset_chosen_by_the_request_and_url_decoded_fields(tmp_path: Path) -> None:
    out = _render(tmp_path, "utf-8", "application/json")
    # "정상 처리" percent-encoded in each charset, a space as "+" (as URLEncoder writes it).
    encoded = {
        "EUC-KR": "%C1%A4%BB%F3+%C3%B3%B8%AE",
        "UTF-8": "%EC%A0%95%EC%83%81+%EC%B2%98%EB%A6%AC",
    }
    script = f"{KEYS}\nENCODED = {json.dumps(encoded)}\nfrom encdemo.testing import Fault\n{READ}"
    assert run_script(out, script).splitlines() == [
        "EUC-KR 정상 처리 정상",
        "UTF-8 정상 처리 정상",
        "정상 처리 []",
    ]
