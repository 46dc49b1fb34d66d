"""Patterns run in linear time (issue 18, Low: ReDoS): a header pattern that backtracks
exponentially in Python's ``re`` (``(a+)+b`` against ``aaaa...``) is checked by the client in
pydantic's Rust engine, and constructs only a backtracking engine runs are refused by the checker
(tests/cases/bad/pattern_backtracking)."""

from __future__ import annotations

import time
from pathlib import Path

from docbind.ir.patterns import backtracking_feature
from synthetic import render_spec, run_script

API = """\
docbind: 1
name: Pattern Demo
package: patterndemo
version: 0.1.0
environments:
  test: {url: "https://example.com"}
default_environment: test
operations: [op.yaml]
"""
OP = """\
operation: op
method: POST
path: /op
request:
  headers:
    X-Token: {type: string, required: true, pattern: "(a+)+b"}
  body:
    code: {type: string, pattern: "(a+)+b"}
response: {}
"""
SCRIPT = """
import httpx
from patterndemo import Client, errors
client = Client(http_client=httpx.Client(transport=httpx.MockTransport(
    lambda request: httpx.Response(200, json={}))))
for kwargs in ({"x_token": "a" * 40 + "!"}, {"x_token": "aab", "code": "a" * 40 + "!"}):
    try:
        client.op(**kwargs)
    except errors.RequestValidationError as exc:
        print("refused", [loc for loc, _ in exc.errors])
"""


def test_backtracking_constructs_are_named() -> None:
    assert backtracking_feature("^[0-9]{8}$") is None
    assert backtracking_feature("(a+)+b") is None  # nested, but linear in the Rust engine
    assert backtracking_feature("x(?=y)") == "look-ahead/look-behind groups"
    assert backtracking_feature(r"(a)\1") == "back-references"


def test_exponential_patterns_are_checked_in_linear_time(tmp_path: Path) -> None:
    out = render_spec(tmp_path, {"api.yaml": API, "op.yaml": OP})
    started = time.monotonic()
    printed = run_script(out, SCRIPT, timeout=60)
    assert printed.splitlines() == ["refused ['X-Token']", "refused ['code']"]
    assert time.monotonic() - started < 30  # Python's re would need about 2**40 steps
