"""Response-sample deviations are honoured by the generated tests and the fake provider (issue 14,
finding 6 in the answer direction): a sample that leaves out a required field, or gives null
where text is documented, is listed under ``deviations``; the generated sample test reads it
with the gap put right and checks the model still requires the field, and the fake answers with
a value there, so a client parsing the fake's answer does not fail on the document's gap."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from synthetic import render_spec, run_script

API = """\
docbind: 1
name: Gap
package: gapdemo
version: 0.1.0
environments:
  test: {url: "https://example.com"}
default_environment: test
operations: [pay.yaml]
"""
PAY = """\
operation: pay
method: POST
path: /pay
request:
  body:
    orderId: {type: string, chars: 20, required: true}
response:
  body:
    code: {type: string, chars: 4, required: true}
    message: {type: string}
    detail:
      type: object
      required: true
      fields:
        total: {type: integer, required: true}
        status: {type: string, required: true}
samples:
  - name: document_response
    direction: response
    deviations:
      - {path: detail.total, note: The document's example ends before total.}
      - {path: message, note: null on success}
    payload:
      code: "0000"
      message: null
      detail: {status: DONE}
"""
CLIENT = """
import httpx
from gapdemo import Client
from gapdemo.testing import FakeProvider
fake = FakeProvider()
client = Client(http_client=httpx.Client(transport=fake.transport()))
answer = client.pay(order_id="o-1")
print(answer.detail.status, type(answer.detail.total).__name__, answer.message)
"""


def test_response_sample_gaps_are_put_right_and_still_required(tmp_path: Path) -> None:
    out = render_spec(tmp_path, {"api.yaml": API, "pay.yaml": PAY})
    cases = json.loads((out / "tests" / "model_cases.json").read_text(encoding="utf-8"))
    (sample,) = cases["samples"]
    # The gap is filled with a valid value; the null stays as the document gives it.
    assert isinstance(sample["payload"]["detail"]["total"], int)
    assert sample["payload"]["message"] is None
    assert sample["filled"] == [[["detail", "total"], "The document's example ends before total."]]
    assert sample["deviations"] == [[["message"], "null on success"]]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_models.py"],
        cwd=out,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert run_script(out, CLIENT).split() == ["DONE", "int", "None"]
