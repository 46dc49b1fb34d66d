"""Two more signer shapes of payment providers' documents (issue 14): a canonical string of
every request field sorted by name (Eximbay's fgkey, Alipay-style MD5 with ``&key=``), and RSA
signatures with a PEM private key (NHN KCP's ``kcp_sign_data``). The generated client's
requests, captured by an ``httpx.MockTransport``, are checked against ``hashlib`` and
``cryptography`` used here directly; the generated fake refuses a wrong signature."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from docbind.backends.openapi import openapi_document
from docbind.backends.registry import EMITTERS
from docbind.cli.common import checked_apis
from docbind.diff import compare, plain_ir
from openapi_spec_validator import validate
from synthetic import render_spec, run_script

SORTED_API = """\
docbind: 1
name: Sorted Demo
package: sorteddemo
version: 0.1.0
environments:
  test: {url: "https://example.com"}
default_environment: test
credentials:
  secret_key: {secret: true}
  api_key: {secret: true}
signers:
  fgkey:                      # SHA-256 over the secret, "?" and the sorted query string
    algorithm: sha256
    input:
      - {credential: secret_key}
      - {constant: "?"}
      - {sorted_fields: {exclude: [lang], skip_empty: true}}
    output: hex
  md5_sign:                   # every field (empty ones too), then &key=<secret>
    algorithm: md5
    input: [{sorted_fields: {}}, {constant: "&key="}, {credential: api_key}]
    output: hex-upper
operations: [refund.yaml]
"""
SORTED_OP = """\
operation: refund
method: POST
path: /refund
request:
  body:
    mid: {type: string, required: true}
    ref: {type: string, required: true}
    amt: {type: integer, required: true}
    cur: {type: string, required: true}
    lang: {type: string, required: true}
    partial: {type: boolean, required: true}
    memo: {type: string}
    fgkey: {type: string, required: true, computed: signature(fgkey)}
  headers:
    X-Sign: {type: string, required: true, computed: signature(md5_sign)}
response:
  body:
    rescode: {type: string}
success: {http_status: [200], field: rescode, equals: "0000"}
"""
SORTED_CLIENT = """
import json, httpx
from sorteddemo import Client, errors
from sorteddemo.testing import FakeProvider
seen, out = [], {}
def capture(request):
    seen.append(request)
    return httpx.Response(200, json={"rescode": "0000"})
keys = dict(secret_key="sk", api_key="ak")
args = dict(mid="M1", ref="R 9", amt=1000, cur="KRW", lang="EN", partial=False, memo="")
client = Client(**keys, http_client=httpx.Client(transport=httpx.MockTransport(capture)))
client.refund(**args)
out["sent"] = [{"headers": dict(r.headers), "body": json.loads(r.content)} for r in seen]
fake = FakeProvider(secret_key="sk", credentials={"api_key": "ak"})
Client(**keys, http_client=httpx.Client(transport=fake.transport())).refund(**args)
out["fake"] = fake.rejections
wrong = FakeProvider(secret_key="other", credentials={"api_key": "ak"})
try:
    Client(**keys, http_client=httpx.Client(transport=wrong.transport())).refund(**args)
except errors.ApiError:
    pass
out["wrong"] = wrong.rejections
print(json.dumps(out))
"""


def test_sorted_fields_sign_every_field_by_name(tmp_path: Path) -> None:
    out = render_spec(tmp_path, {"api.yaml": SORTED_API, "refund.yaml": SORTED_OP})
    result = json.loads(run_script(out, SORTED_CLIENT))
    sent = result["sent"][0]
    body, headers = sent["body"], sent["headers"]
    assert body["memo"] == "" and body["partial"] is False  # sent, as given
    # Written out here: sorted by wire name, lang and the signature excluded, empty memo
    # skipped, booleans as JSON writes them.
    query = "amt=1000&cur=KRW&mid=M1&partial=false&ref=R 9"
    assert body["fgkey"] == hashlib.sha256(f"sk?{query}".encode()).hexdigest()
    # Every field (the empty memo too, lang too), never the signature field itself.
    every = (
        "amt=1000&cur=KRW&fgkey=" + body["fgkey"] + "&lang=EN&memo=&mid=M1&partial=false&ref=R 9"
    )
    md5 = hashlib.md5(f"{every}&key=ak".encode(), usedforsecurity=False).hexdigest().upper()
    assert headers["x-sign"] == md5
    assert result["fake"] == []  # the fake computes the same recipes
    assert result["wrong"] == ["refund: fgkey is not the documented signature"]


RSA_API = """\
docbind: 1
name: Rsa Demo
package: rsademo
version: 0.1.0
environments:
  test: {{url: "https://example.com"}}
default_environment: test
credentials:
  site_cd: {{}}
  private_key: {{secret: true}}
  key_password: {{secret: true}}
signers:
  kcp_sign:                   # RSA over site_cd^tno^mod_type, base64
    algorithm: {algorithm}
    key: private_key
    key_password: key_password
    input:
      - {{field: site_cd}}
      - {{constant: "^"}}
      - {{field: tno}}
      - {{constant: "^"}}
      - {{field: mod_type}}
    output: base64
operations: [cancel.yaml]
"""
RSA_OP = """\
operation: cancel
method: POST
path: /cancel
request:
  body:
    site_cd: {type: string, required: true, computed: credential(site_cd)}
    tno: {type: string, required: true, bytes: 14}
    mod_type: {type: string, required: true}
    kcp_sign_data: {type: string, required: true, computed: signature(kcp_sign)}
response:
  body:
    res_cd: {type: string}
success: {http_status: [200], field: res_cd, equals: "0000"}
"""
RSA_CLIENT = """
import json, sys, httpx
from rsademo import Client, errors
from rsademo.testing import FakeProvider
seen, out = [], {}
def capture(request):
    seen.append(request)
    return httpx.Response(200, json={"res_cd": "0000"})
pem, other = sys.argv[1], sys.argv[2]
keys = dict(site_cd="T0000", private_key=pem, key_password="pw")
client = Client(**keys, http_client=httpx.Client(transport=httpx.MockTransport(capture)))
client.cancel(tno="20240101000001", mod_type="STSC")
out["sent"] = [json.loads(r.content) for r in seen]
given = {"site_cd": "T0000", "private_key": pem, "key_password": "pw"}
fake = FakeProvider(credentials=given)
Client(**keys, http_client=httpx.Client(transport=fake.transport())).cancel(
    tno="20240101000001", mod_type="STPC"
)
out["fake"] = fake.rejections
wrong = FakeProvider(credentials={**given, "private_key": other, "key_password": "pw"})
try:
    Client(**keys, http_client=httpx.Client(transport=wrong.transport())).cancel(
        tno="20240101000001", mod_type="STSC"
    )
except errors.ApiError:
    pass
out["wrong"] = wrong.rejections
print(json.dumps(out))
"""


def _pem(key: rsa.RSAPrivateKey, password: bytes) -> str:
    cipher = serialization.BestAvailableEncryption(password)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, cipher
    ).decode()


@pytest.mark.parametrize("algorithm", ["rsa-sha256", "rsa-pss-sha256"])
def test_rsa_signature_verifies_with_the_public_key(tmp_path: Path, algorithm: str) -> None:
    files = {"api.yaml": RSA_API.format(algorithm=algorithm), "cancel.yaml": RSA_OP}
    out = render_spec(tmp_path, files)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    script = f"import sys; sys.argv[1:] = {[_pem(key, b'pw'), _pem(other, b'pw')]!r}\n"
    result: dict[str, Any] = json.loads(run_script(out, script + RSA_CLIENT))
    body = result["sent"][0]
    signature = base64.b64decode(body["kcp_sign_data"])
    message = b"T0000^20240101000001^STSC"
    if algorithm == "rsa-pss-sha256":
        pad: padding.AsymmetricPadding = padding.PSS(
            mgf=padding.MGF1(hashes.SHA256()), salt_length=32
        )
    else:
        pad = padding.PKCS1v15()
    key.public_key().verify(signature, message, pad, hashes.SHA256())  # raises if wrong
    assert result["fake"] == []  # the fake checks with the public key of the credential
    assert result["wrong"] == ["cancel: kcp_sign_data is not the documented signature"]


@pytest.mark.parametrize("shape", ["sorted", "rsa"])
def test_generated_package_tests_pass_and_it_is_strictly_typed(tmp_path: Path, shape: str) -> None:
    """The package's own tests (signing recipes checked with hashlib/cryptography, the
    clients against the fake) pass, and ``mypy --strict``, ``ruff`` and black accept its
    code."""
    if shape == "sorted":
        files, package = {"api.yaml": SORTED_API, "refund.yaml": SORTED_OP}, "sorteddemo"
    else:
        api = RSA_API.format(algorithm="rsa-pss-sha256")
        files, package = {"api.yaml": api, "cancel.yaml": RSA_OP}, "rsademo"
    out = render_spec(tmp_path, files)
    for command in (
        ["pytest", "-q", "-p", "no:cacheprovider", "tests"],
        ["mypy", "--strict", "--no-incremental", package],
        ["ruff", "check", "--isolated", "--select", "F,I,B", package, "tests"],
        # templates render in black's layout (signing.py goes through black when written)
        ["black", "--check", "-q", f"{package}/testing.py", "tests/test_client.py"],
    ):
        done = subprocess.run(
            [sys.executable, "-m", *command], cwd=out, capture_output=True, text=True
        )
        assert done.returncode == 0, (command, done.stdout[-3000:], done.stderr[-2000:])


def test_openapi_and_docs_carry_the_new_recipes(tmp_path: Path) -> None:
    """x-docbind-signers writes sorted_fields as the spec does (the signature field added to
    exclude) and RSA's key and password credentials; the export stays valid OpenAPI 3.1."""
    spec = tmp_path / "spec"
    spec.mkdir()
    (spec / "api.yaml").write_text(SORTED_API)
    (spec / "refund.yaml").write_text(SORTED_OP)
    apis = checked_apis([spec])
    assert apis is not None
    document = openapi_document(apis[0])
    validate(document)
    fgkey = next(s for s in document["info"]["x-docbind-signers"] if s["name"] == "fgkey")
    assert fgkey["input"][2] == {
        "sorted_fields": {
            "exclude": ["lang", "fgkey"],
            "skip_empty": True,
            "pair": "=",
            "join": "&",
        }
    }
    assert "every non-empty request field but lang, fgkey, sorted by name" in fgkey["recipe"]
    rsa_spec = tmp_path / "rsa"
    rsa_spec.mkdir()
    (rsa_spec / "api.yaml").write_text(RSA_API.format(algorithm="rsa-sha256"))
    (rsa_spec / "cancel.yaml").write_text(RSA_OP)
    rsa_apis = checked_apis([rsa_spec])
    assert rsa_apis is not None
    document = openapi_document(rsa_apis[0])
    validate(document)
    (signer,) = document["info"]["x-docbind-signers"]
    assert (signer["algorithm"], signer["key"], signer["key_password"]) == (
        "rsa-sha256",
        "private_key",
        "key_password",
    )
    assert signer["recipe"].startswith(
        "RSA PKCS#1 v1.5 SHA-256 with the private key private_key (unlocked with key_password)"
    )
    readme = EMITTERS.render(rsa_apis[0])["README.md"]
    assert "SHA-256 with the private key private_key (unlocked with key_password)" in readme


def test_a_snapshot_from_before_these_keys_reads_as_the_same_recipe(tmp_path: Path) -> None:
    """spec.json written before sorted_fields and key_password existed has neither: the
    changelog must not call every signer changed; a real change is still reported."""
    spec = tmp_path / "spec"
    spec.mkdir()
    (spec / "api.yaml").write_text(SORTED_API)
    (spec / "refund.yaml").write_text(SORTED_OP)
    apis = checked_apis([spec])
    assert apis is not None
    new = plain_ir(apis[0])
    old = copy.deepcopy(new)
    for signer in old["signers"]:
        del signer["key_password"]
        for part in signer["parts"]:
            if part["sorted"] is None:
                del part["sorted"]
    assert [c for c in compare(old, new).changes if c.kind == "signer_changed"] == []
    old["signers"][0]["parts"][2]["sorted"]["skip_empty"] = False
    changed = [c.path for c in compare(old, new).changes if c.kind == "signer_changed"]
    assert changed == ["signers.fgkey"]
