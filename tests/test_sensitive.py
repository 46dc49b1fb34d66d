"""Sensitive values stay out of errors and logs (issue 18, item 8): a sensitive date that fails
its pattern, an over-long token given straight to a request model, and a sensitive idempotency
key in the INFO log lines and the lookup hint of a failed call."""

from __future__ import annotations

from pathlib import Path

import konaplate.models
import pydantic
import pytest
from synthetic import render_spec, run_script

API = """\
docbind: 1
name: Sensitive Demo
package: sensitivedemo
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
idempotency_key: orderId
retry: {safe: true, on: [timeout, connection], max_retries: 1}
request:
  body:
    orderId: {type: string, bytes: 32, required: true, computed: idempotency_key, sensitive: true}
    birthDate: {type: date, format: yyyyMMdd, sensitive: true}
response:
  body:
    resCd: {type: string}
"""
SCRIPT = """
import logging, httpx
from sensitivedemo import Client, errors
logging.basicConfig(level=logging.DEBUG, format="%(message)s")
def refuse(request):
    raise httpx.ReadTimeout("no answer", request=request)
client = Client(http_client=httpx.Client(transport=httpx.MockTransport(refuse)))
try:
    client.pay(birth_date="19991345")
except errors.RequestValidationError as exc:
    print("VALIDATION", exc)
try:
    client.pay(order_id="SECRET-ORDER-0001")
except errors.APITimeoutError as exc:
    print("TIMEOUT", exc, exc.idempotency_key == "SECRET-ORDER-0001")
"""


def test_sensitive_values_are_kept_out_of_errors_and_logs(tmp_path: Path) -> None:
    out = render_spec(tmp_path, {"api.yaml": API, "pay.yaml": PAY})
    text = run_script(out, SCRIPT)
    assert "VALIDATION" in text and "19991345" not in text
    # The error still carries the key (for reconciliation); no message or log line shows it.
    assert "TIMEOUT" in text and "True" in text and "SECRET-ORDER-0001" not in text
    assert "key ***" in text


def test_a_request_model_built_directly_does_not_echo_a_sensitive_value() -> None:
    token = "TOKEN-" + "9" * 40  # over the documented 16 characters
    with pytest.raises(pydantic.ValidationError) as info:
        konaplate.models.GetRefundFeeRequest(one_time_token=token)
    assert token not in str(info.value) and token not in repr(info.value)
