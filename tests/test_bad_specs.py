"""Specs that must fail, sqlc-style: one folder per case under tests/cases/bad/, holding the spec
and ``expected.txt``, the exact stderr of ``docbind validate tests/cases/bad/<case>`` run from the
repository root. ``pytest tests/test_bad_specs.py --update-golden`` rewrites the expectations.
"""

from __future__ import annotations

import re

import pytest
from docbind.cli.commands import EXIT_BAD_INPUT, main
from golden import REPO, Golden

CASES = REPO / "tests" / "cases" / "bad"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir())
# What must never reach a user: Python's own reports and reprs.
INTERNALS = re.compile(r"Traceback|File \"|<class |object at 0x|\bNone\b")


def test_there_are_enough_cases() -> None:
    assert len(CASE_NAMES) >= 30


@pytest.mark.parametrize("case", CASE_NAMES)
def test_bad_spec(
    case: str, golden: Golden, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    status = main(["validate", f"tests/cases/bad/{case}"])
    out, err = capsys.readouterr()
    assert not INTERNALS.search(out + err), f"Python internals in the output:\n{out}{err}"
    assert status == EXIT_BAD_INPUT, f"exit status {status}, not {EXIT_BAD_INPUT}:\n{out}{err}"
    assert out == ""
    golden.check(CASES / case / "expected.txt", err)
    # Every diagnostic names a place in the case's own files, then the count closes the report.
    *diagnostics, summary = err.splitlines()
    # validate writes nothing, so its count names the spec instead of saying "nothing written".
    assert re.fullmatch(rf"docbind: \d+ errors? in tests/cases/bad/{re.escape(case)}", summary)
    located = re.compile(rf"tests/cases/bad/{re.escape(case)}/[^:]+:\d+:\d+: error: \S")
    for line in diagnostics:
        assert located.match(line), f"not located as file:line:col in the case folder: {line}"
