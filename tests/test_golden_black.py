"""black is the formatter of record, though most modules no longer go through it: the templates
render its layout, and the models modules are laid out by ``model_layout``. So black runs here
over every Python file of the golden record (generated/) and of a synthetic API's package as
``docbind generate`` writes it, and must change nothing (docs: backends/package/layout.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from docbind.cli.common import checked_apis
from docbind.output.format import Formatter, _black
from docbind.output.pipeline import render_all

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = sorted((ROOT / "generated").rglob("*.py"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import synth  # noqa: E402


@pytest.mark.parametrize("path", GOLDEN, ids=[p.relative_to(ROOT).as_posix() for p in GOLDEN])
def test_black_changes_no_file_of_the_golden_record(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _black(text, str(path)) == text


def test_black_changes_no_file_of_a_synthetic_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOCBIND_NO_CACHE", "1")  # what black would make, not a cached answer
    apis = checked_apis([synth.write_spec(tmp_path / "spec", 23)])
    assert apis is not None
    with Formatter() as formatter:
        (package,) = render_all(apis, tmp_path / "out", formatter)
    python = {path: text for path, text in package.files.items() if path.endswith(".py")}
    assert len(python) > 30
    changed = [path for path, text in python.items() if _black(text, path) != text]
    assert changed == []
