"""A ``default:`` on a field with a code table is the table's member, as the field is typed: it
was the bare code text, which ``mypy --strict`` refused in the generated models."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from synthetic import render_spec, run_script

API = """\
docbind: 1
name: Code Default
package: codedefault
version: 0.1.0
environments:
  test: {url: "https://example.com"}
default_environment: test
codes:
  PayType:
    values:
      - {code: "CARD", name: card}
      - {code: "BANK", name: bank}
operations: [pay.yaml]
"""
PAY = """\
operation: pay
method: POST
path: /pay
request:
  body:
    kind: {type: string, codes: PayType, default: "CARD"}
    other: {type: string, codes: PayType, required: true, default: "BANK"}
response:
  body:
    ok: {type: string}
"""
SCRIPT = """\
from codedefault import models
m = models.PayRequest()
print(type(m.kind).__name__, m.kind.value, type(m.other).__name__, m.model_dump_json(by_alias=True))
"""


def test_a_code_default_is_the_enum_member_and_passes_mypy_strict(tmp_path: Path) -> None:
    out = render_spec(tmp_path, {"api.yaml": API, "pay.yaml": PAY})
    assert run_script(out, SCRIPT).split() == [
        "PayType",
        "CARD",
        "PayType",
        '{"kind":"CARD","other":"BANK"}',
    ]
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "codedefault"],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout[-2000:]
