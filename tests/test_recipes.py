"""Signature recipes, authentication schemes and response signatures as data (issue 14,
failures 2 and 10): the generated client's requests, captured by an ``httpx.MockTransport``,
are checked against ``hashlib``/``hmac``/``base64`` computed here, not by the generated code."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from docbind.backends.openapi import openapi_document
from docbind.backends.registry import EMITTERS
from docbind.cli.common import checked_apis
from openapi_spec_validator import validate

API = """\
docbind: 1
name: Recipe Demo
package: recipedemo
version: 0.1.0
environments:
  test: {{url: "https://example.com"}}
default_environment: test
credentials:
  api_key: {{secret: true}}
  secret_key: {{secret: true}}
  client_id: {{}}
auth: {auth}
signers:
  hash_data:
    algorithm: sha512
    input:
      - {{credential: api_key}}
      - {{field: type}}
      - {{constant: "|"}}
      - {{field: mid}}
      - {{header: X-Client-Id}}
      - {{time: yyyyMMddHHmmss}}
    time_zone: Asia/Seoul
    output: hex
  answer_mac:
    algorithm: hmac-sha256
    key: secret_key
    input: [{{field: resultCode}}, {{constant: ":"}}, {{field: tid}}]
    output: base64
operations: [refund.yaml]
"""
REFUND = """\
operation: refund
method: POST
path: /refund
request:
  headers:
    X-Client-Id: {type: string, required: true, computed: credential(client_id)}
  body:
    type: {type: string, required: true}
    mid: {type: string, required: true}
    timestamp: {type: datetime, format: yyyyMMddHHmmss, required: true, computed: now(Asia/Seoul)}
    hashData: {type: string, required: true, computed: signature(hash_data)}
response:
  body:
    resultCode: {type: string}
    tid: {type: string}
    mac: {type: string}
response_signature: {signer: answer_mac, field: mac}
success: {http_status: [200], field: resultCode, equals: "00"}
"""
CLIENT = """
import base64, hashlib, hmac, json, httpx
from recipedemo import Client, errors
from recipedemo.testing import FakeProvider
seen, out = [], {}
def answer(forged):
    return {"resultCode": "00", "tid": "T1", "mac": "forged" if forged else MAC}
def capture(request):
    seen.append(request)
    return httpx.Response(200, json=answer(len(seen) > 1))
keys = dict(api_key="ak", secret_key="sk", client_id="cid")
client = Client(**keys, http_client=httpx.Client(transport=httpx.MockTransport(capture)))
out["tid"] = client.refund(type="Refund", mid="INIpayTest").tid
try:
    client.refund(type="Refund", mid="INIpayTest")
except errors.ResponseSignatureError as exc:
    out["forged"] = [type(exc).__name__, exc.field, exc.maybe_sent, exc.http_status]
out["requests"] = [
    {"headers": dict(r.headers), "body": json.loads(r.content)} for r in seen
]
fake = FakeProvider(secret_key="sk", credentials={"api_key": "ak", "client_id": "cid"})
client = Client(**keys, http_client=httpx.Client(transport=fake.transport()))
client.refund(type="Refund", mid="INIpayTest")
out["fake"] = fake.rejections
wrong = FakeProvider(secret_key="sk", credentials={"api_key": "other", "client_id": "cid"})
client = Client(**keys, http_client=httpx.Client(transport=wrong.transport()))
try:
    client.refund(type="Refund", mid="INIpayTest")
except errors.ApiError:
    pass
out["wrong"] = wrong.rejections
print(json.dumps(out))
"""


def _run(tmp_path: Path, auth: str) -> dict[str, Any]:
    spec = tmp_path / "spec"
    spec.mkdir(parents=True)
    (spec / "api.yaml").write_text(API.format(auth=auth))
    (spec / "refund.yaml").write_text(REFUND)
    apis = checked_apis([spec])
    assert apis is not None
    out = tmp_path / "out"
    for path, source in EMITTERS.render(apis[0]).items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text(source)
    # The correct answer's signature, computed here: HMAC-SHA256 of "00:T1", base64.
    mac = base64.b64encode(hmac.new(b"sk", b"00:T1", hashlib.sha256).digest()).decode()
    script = f"MAC = {mac!r}\n{CLIENT}"
    done = subprocess.run([sys.executable, "-c", script], cwd=out, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_sha512_over_credential_fields_constant_header_and_time(tmp_path: Path) -> None:
    """The credential first, a constant in the middle, a header and the request time: the
    hash is SHA-512 of exactly that text, and the time is the instant the body carries."""
    result = _run(tmp_path, "{type: basic, username: secret_key}")
    sent = result["requests"][0]
    body, headers = sent["body"], sent["headers"]
    text = "ak" + "Refund" + "|" + "INIpayTest" + "cid" + body["timestamp"]
    assert body["hashData"] == hashlib.sha512(text.encode()).hexdigest()
    assert headers["x-client-id"] == "cid"
    assert result["fake"] == []  # the fake computes the same recipe
    assert result["wrong"] == ["refund: hashData is not the documented signature"]


def test_basic_auth_from_the_secret_key_with_an_empty_password(tmp_path: Path) -> None:
    result = _run(tmp_path, "{type: basic, username: secret_key}")
    expected = "Basic " + base64.b64encode(b"sk:").decode()
    assert all(r["headers"]["authorization"] == expected for r in result["requests"])


def test_basic_auth_from_two_credentials(tmp_path: Path) -> None:
    result = _run(tmp_path, "{type: basic, username: client_id, password: secret_key}")
    expected = "Basic " + base64.b64encode(b"cid:sk").decode()
    assert result["requests"][0]["headers"]["authorization"] == expected
    assert result["fake"] == []


def test_custom_authorization_scheme(tmp_path: Path) -> None:
    result = _run(tmp_path, "{type: scheme, scheme: SECRET_KEY, credential: secret_key}")
    assert result["requests"][0]["headers"]["authorization"] == "SECRET_KEY sk"
    assert result["fake"] == []  # the fake checks the scheme too


def test_bearer_and_api_key_header(tmp_path: Path) -> None:
    bearer = _run(tmp_path / "bearer", "{type: bearer, credential: api_key}")
    assert bearer["requests"][0]["headers"]["authorization"] == "Bearer ak"
    header = _run(tmp_path / "header", "{type: header, header: X-Api-Key, credential: api_key}")
    assert header["requests"][0]["headers"]["x-api-key"] == "ak"
    assert "authorization" not in header["requests"][0]["headers"]


def test_response_signature_is_checked(tmp_path: Path) -> None:
    """A correct signature passes; a forged one raises the typed error, which says the
    request may have been carried out."""
    result = _run(tmp_path, "{type: bearer, credential: api_key}")
    assert result["tid"] == "T1"  # the first answer carried the correct signature
    assert result["forged"] == ["ResponseSignatureError", "mac", True, 200]


def test_openapi_declares_the_auth_scheme(tmp_path: Path) -> None:
    spec = tmp_path / "spec"
    spec.mkdir()
    (spec / "api.yaml").write_text(API.format(auth="{type: basic, username: secret_key}"))
    (spec / "refund.yaml").write_text(REFUND)
    apis = checked_apis([spec])
    assert apis is not None
    document = openapi_document(apis[0])
    validate(document)
    assert document["components"]["securitySchemes"]["auth"]["scheme"] == "basic"
    assert document["security"] == [{"auth": []}]
    recipe = document["info"]["x-docbind-signers"][0]["input"]
    assert recipe[0] == {"credential": "api_key"} and recipe[2] == {"constant": "|"}
