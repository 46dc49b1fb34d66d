"""Stamped models modules: a run with no cache (CI's `docbind check`) takes a models module on
disk as it is when its stamp shows it is the output of the same input, and renders it again when
the input or the text changed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from docbind.cli.commands import main
from docbind.output.format import stamp, stamped_body

ROOT = Path(__file__).resolve().parents[1]
SPEC = str(ROOT / "spec" / "kicc_easypay")
KEY = hashlib.sha256(b"the job's whole input").hexdigest()


def test_stamp_round_trip_and_refusals() -> None:
    text = '"""Models."""\n\nx = 1\n'
    stamped = stamp(text, KEY)
    assert stamped.startswith(f"# docbind: input {KEY[:16]} output ")
    assert stamped_body(stamped, KEY) == text
    other = hashlib.sha256(b"another input").hexdigest()
    assert stamped_body(stamped, other) is None  # the spec, a tool or docbind changed
    assert stamped_body(stamped.replace("x = 1", "x = 2"), KEY) is None  # a hand edit
    assert stamped_body(stamped.replace("\n", "\r\n"), KEY) is None
    assert stamped_body(stamped.splitlines()[0], KEY) is None  # the stamp alone
    assert stamped_body(text, KEY) is None  # no stamp


def _forge(module: Path, old: str, new: str) -> None:
    """Edit the module's text and stamp the edit as if docbind had made it."""
    line, _, body = module.read_text(encoding="utf-8").partition("\n")
    body = body.replace(old, new)
    assert new in body
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]
    line = line[: line.rindex(" ") + 1] + digest
    module.write_text(f"{line}\n{body}", encoding="utf-8")


@pytest.fixture
def out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DOCBIND_CACHE_DIR", str(tmp_path / "cache"))
    assert main(["generate", "-q", SPEC, "-o", str(tmp_path / "out")]) == 0
    monkeypatch.setenv("DOCBIND_CACHE_DIR", str(tmp_path / "empty-cache"))
    return tmp_path / "out"


def test_a_stamped_module_is_not_rendered_again(
    out: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    module = out / "kicc_easypay" / "kicc_easypay" / "_models" / "part1.py"
    _forge(module, "Refund Result Query Flag", "Forged Flag")
    # The forged text carries a valid stamp of the same input: taken as it is, not rendered.
    assert main(["check", SPEC, "-o", str(out)]) == 0
    # Without the cache (and the stamps) the module is rendered, and the forgery shows.
    monkeypatch.setenv("DOCBIND_NO_CACHE", "1")
    capsys.readouterr()
    assert main(["check", SPEC, "-o", str(out)]) == 1
    assert '-    """Forged Flag' in capsys.readouterr().out


def test_an_edit_without_its_stamp_is_reported(
    out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    module = out / "kicc_easypay" / "kicc_easypay" / "_models" / "part1.py"
    module.write_text(module.read_text(encoding="utf-8") + "# hand edit\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["check", SPEC, "-o", str(out)]) == 1
    assert "-# hand edit" in capsys.readouterr().out
    assert main(["generate", "-q", SPEC, "-o", str(out)]) == 0
    assert "# hand edit" not in module.read_text(encoding="utf-8")
