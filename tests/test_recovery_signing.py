"""A recovery re-send is signed again (issue 18, item 5): when a recovery rule changes the body,
a signature over the body (in a header) and a signature over the changed field (in the body)
are computed again for the bytes re-sent; the idempotency key stays the same."""

from __future__ import annotations

from pathlib import Path

from synthetic import render_spec, run_script

API = """\
docbind: 1
name: Resign Demo
package: resigndemo
version: 0.1.0
environments:
  test: {url: "https://example.com"}
default_environment: test
credentials:
  secret_key: {secret: true}
signers:
  body_mac: {algorithm: hmac-sha256, key: secret_key, input: {body: true}, output: hex}
  field_mac:
    algorithm: hmac-sha256
    key: secret_key
    input: {fields: [orderId, queryFlag], separator: "|"}
    output: hex
operations: [pay.yaml]
"""
PAY = """\
operation: pay
method: POST
path: /pay
idempotency_key: orderId
request:
  headers:
    X-Mac: {type: string, required: true, computed: signature(body_mac)}
  body:
    orderId: {type: string, bytes: 32, required: true, computed: idempotency_key}
    amount: {type: integer, required: true}
    queryFlag: {type: string, bytes: 1}
    mac: {type: string, bytes: 64, required: true, computed: signature(field_mac)}
response:
  body:
    resCd: {type: string}
success: {http_status: [200], field: resCd, equals: "0000"}
recovery:
  - name: query
    when_response: {resCd: [RETRY]}
    resend: {queryFlag: "Y"}
    max_attempts: 1
"""
SCRIPT = """
import hashlib, hmac, json, httpx
from resigndemo import Client
seen = []
def answer(request):
    seen.append(request)
    return httpx.Response(200, json={"resCd": "RETRY" if len(seen) == 1 else "0000"})
client = Client(secret_key="k", http_client=httpx.Client(transport=httpx.MockTransport(answer)))
client.pay(amount=100)
for request in seen:
    body = json.loads(request.content)
    mac = hmac.new(b"k", request.content, hashlib.sha256).hexdigest()
    header_ok = request.headers["x-mac"] == mac
    joined = "|".join(str(body.get(k, "")) for k in ("orderId", "queryFlag"))
    field_ok = body["mac"] == hmac.new(b"k", joined.encode(), hashlib.sha256).hexdigest()
    print(body.get("queryFlag"), body["orderId"] == json.loads(seen[0].content)["orderId"],
          header_ok, field_ok)
"""


def test_a_recovery_resend_carries_fresh_signatures(tmp_path: Path) -> None:
    out = render_spec(tmp_path, {"api.yaml": API, "pay.yaml": PAY})
    # first request, then the re-send: same key, both signatures valid for what was sent
    assert run_script(out, SCRIPT).splitlines() == ["None True True True", "Y True True True"]
