"""A signer input can take a path parameter (``{path: tid}``, issue 14): the client signs the
value as given (the URL carries it percent-encoded), and the fake provider recomputes it from
the decoded path. The expected signature is computed here with ``hashlib``."""

from __future__ import annotations

from pathlib import Path

from synthetic import render_spec, run_script

API = """\
docbind: 1
name: Signed Path
package: signedpath
version: 0.1.0
environments:
  test: {url: "https://example.com"}
default_environment: test
credentials:
  secret_key: {secret: true}
signers:
  path_hash:
    algorithm: sha256
    input: [{path: tid}, {constant: "|"}, {field: amount}, {credential: secret_key}]
    output: hex
operations: [cancel.yaml]
"""
CANCEL = """\
operation: cancel
method: POST
path: /v1/payments/{tid}/cancel
request:
  path:
    tid: {type: string, chars: 40}
  headers:
    X-Sign: {type: string, chars: 64, required: true, computed: signature(path_hash)}
  body:
    amount: {type: integer, required: true}
response: {}
"""
CLIENT = """
import hashlib, httpx
from signedpath import Client
from signedpath.testing import FakeProvider
seen = []
def capture(request):
    seen.append(request)
    return httpx.Response(200, json={})
client = Client(secret_key="k", http_client=httpx.Client(transport=httpx.MockTransport(capture)))
tid = "T/1 한"
client.cancel(tid=tid, amount=500)
(request,) = seen
expected = hashlib.sha256(f"{tid}|500k".encode("utf-8")).hexdigest()
print(request.url.raw_path.decode(), request.headers["X-Sign"] == expected)
fake = FakeProvider(secret_key="k")
client = Client(secret_key="k", http_client=httpx.Client(transport=fake.transport()))
client.cancel(tid=tid, amount=500)
print(fake.rejections)
forged = Client(secret_key="other", http_client=httpx.Client(transport=fake.transport()))
try:
    forged.cancel(tid=tid, amount=500)
except Exception as exc:
    print(type(exc).__name__, fake.rejections)
"""


def test_path_parameter_is_signed_as_given(tmp_path: Path) -> None:
    out = render_spec(tmp_path, {"api.yaml": API, "cancel.yaml": CANCEL})
    lines = run_script(out, CLIENT).splitlines()
    assert lines[0] == "/v1/payments/T%2F1%20%ED%95%9C/cancel True"
    assert lines[1] == "[]"
    assert lines[2] == "BadRequestError ['cancel: X-Sign is not the documented signature']"
