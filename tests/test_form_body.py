"""``content_type: application/x-www-form-urlencoded`` is what the client sends (issue 12,
finding 4): the body form-encoded in the API's encoding, the documented Content-Type, a
signature over the exact bytes sent, and a fake provider that reads forms."""

from __future__ import annotations

from pathlib import Path

from synthetic import render_spec, run_script

API = """\
docbind: 1
name: Form Demo
package: formdemo
version: 0.1.0
encoding: {encoding}
environments:
  test: {{url: "https://example.com"}}
default_environment: test
credentials:
  secret_key: {{secret: true}}
signers:
  body_mac: {{algorithm: hmac-sha256, key: secret_key, input: {{body: true}}, output: hex}}
operations: [pay.yaml, query.yaml]
"""
PAY = """\
operation: pay
method: POST
path: /pay
content_type: {content_type}
request:
  headers:
    X-Mac: {{type: string, required: true, computed: signature(body_mac)}}
  body:
    a: {{type: integer, required: true}}
    b: {{type: string, bytes: 10, required: true}}
    flag: {{type: boolean}}
response:
  body:
    resCd: {{type: string}}
"""
QUERY = """\
operation: query
method: POST
path: /query
request:
  body:
    a: {type: integer}
response: {}
"""
CLIENT = """
import hashlib, hmac, httpx
from formdemo import Client
from formdemo.testing import FakeProvider
seen = []
def capture(request):
    seen.append(request)
    return httpx.Response(200, json={"resCd": "0000"})
client = Client(secret_key="k", http_client=httpx.Client(transport=httpx.MockTransport(capture)))
client.pay(a=1, b="x")
client.pay(a=2, b=TEXT, flag=True)
client.query(a=3)
for request in seen:
    mac = hmac.new(b"k", request.content, hashlib.sha256).hexdigest()
    print(request.content, request.headers["content-type"], request.headers.get("x-mac") == mac)
fake = FakeProvider(secret_key="k")
client = Client(secret_key="k", http_client=httpx.Client(transport=fake.transport()))
client.pay(a=2, b=TEXT, flag=False)
print(fake.rejections, fake.requests[0].payload)
"""


def _run(tmp_path: Path, encoding: str, content_type: str, text: str) -> list[str]:
    files = {
        "api.yaml": API.format(encoding=encoding),
        "pay.yaml": PAY.format(content_type=content_type),
        "query.yaml": QUERY,
    }
    out = render_spec(tmp_path, files)
    return run_script(out, f"TEXT = {text!r}\n{CLIENT}").splitlines()


def test_form_operation_sends_a_form_with_its_content_type(tmp_path: Path) -> None:
    form = "application/x-www-form-urlencoded"
    lines = _run(tmp_path, "utf-8", form, "x y&z")
    assert lines == [
        f"b'a=1&b=x' {form} True",
        f"b'a=2&b=x+y%26z&flag=true' {form} True",
        # An operation without content_type still sends JSON, as before.
        "b'{\"a\":3}' application/json; charset=utf-8 False",
        "[] {'a': '2', 'b': 'x y&z', 'flag': 'false'}",
    ]


def test_form_values_are_encoded_in_the_api_encoding(tmp_path: Path) -> None:
    form = "application/x-www-form-urlencoded; charset=euc-kr"
    lines = _run(tmp_path, "euc-kr", form, "한글")
    # 한글 in EUC-KR is C7 D1 B1 DB; the signature is over these very bytes.
    assert lines[1] == f"b'a=2&b=%C7%D1%B1%DB&flag=true' {form} True"
    assert lines[3] == "[] {'a': '2', 'b': '한글', 'flag': 'false'}"
