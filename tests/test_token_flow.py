"""The other shape of the access-token flow (issue 14): a lifetime in seconds
(``expires_in_field``), the token alone (``scheme: none``) in a header of its own, a token
operation that takes its credentials in a form, and the fake provider on a loopback server."""

from __future__ import annotations

from pathlib import Path

from synthetic import render_spec, run_script

API = """\
docbind: 1
name: Token Shape
package: tokenshape
version: 0.1.0
environments:
  test: {url: "https://example.com"}
default_environment: test
credentials:
  client_id: {doc: Client ID}
  client_secret: {secret: true}
auth:
  type: token
  operation: issue
  token_field: token
  expires_in_field: expires_in
  header: X-Access-Token
  scheme: none
  margin: 10s
operations: [issue.yaml, refund.yaml]
"""
ISSUE = """\
operation: issue
method: POST
path: /oauth/token
content_type: application/x-www-form-urlencoded
request:
  body:
    client_id: {type: string, required: true, computed: credential(client_id)}
    client_secret:
      {type: string, required: true, sensitive: true, computed: credential(client_secret)}
response:
  body:
    token: {type: string, required: true, sensitive: true}
    expires_in: {type: integer, required: true}
"""
REFUND = """\
operation: refund
method: POST
path: /refunds
request:
  body:
    amount: {type: integer, required: true}
response:
  body:
    ok: {type: boolean}
"""
CLIENT = """
import time, httpx
from tokenshape import Client, errors
from tokenshape.testing import FakeProvider
seen = []
def answer(request):
    seen.append(request)
    if request.url.path == "/oauth/token":
        return httpx.Response(200, json={"token": f"tk{len(seen)}", "expires_in": 30})
    return httpx.Response(200, json={"ok": True})
http = httpx.Client(transport=httpx.MockTransport(answer))
client = Client(client_id="id-1", client_secret="s-1", http_client=http)
client.refund(amount=1)
client.refund(amount=2)
print(seen[0].content.decode(), [r.headers.get("x-access-token") for r in seen])
start = time.monotonic()
client._tokens.clock = lambda: start + 20.5  # 30 s less the 10 s margin have passed
client.refund(amount=3)
print([r.url.path for r in seen][-2:], seen[-1].headers["x-access-token"])
print("authorization" in seen[-1].headers)
fake = FakeProvider(credentials={"client_id": "id-1", "client_secret": "s-1"})
with fake.serve() as url:
    served = Client(client_id="id-1", client_secret="s-1", base_url=url)
    print(served.refund(amount=4).ok, fake.count("issue"), fake.rejections)
"""


def test_expires_in_and_a_bare_token_in_its_own_header(tmp_path: Path) -> None:
    out = render_spec(tmp_path, {"api.yaml": API, "issue.yaml": ISSUE, "refund.yaml": REFUND})
    lines = run_script(out, CLIENT).splitlines()
    assert lines[0] == "client_id=id-1&client_secret=s-1 [None, 'tk1', 'tk1']"
    assert lines[1] == "['/oauth/token', '/refunds'] tk4"
    assert lines[2] == "False"
    assert lines[3] == "True 1 []"
