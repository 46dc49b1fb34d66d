"""The command line's own behaviour: version, module entry point, help, and what it says when it is
given the wrong kind of path."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
from docbind.cli.commands import build_parser, main
from docbind.ir import datefmt

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = [
    "validate",
    "inspect",
    "generate",
    "check",
    "docs",
    "openapi",
    "import",
    "diff",
    "release",
    "publish-check",
    "completion",
]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exit_:  # argparse exits for --version and --help
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def _in_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--version"], capsys)
    assert (code, out) == (0, f"docbind {metadata.version('docbind')}\n")


def test_python_m_docbind_is_the_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "docbind", "--version"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, f"docbind {metadata.version('docbind')}\n")


def test_the_parser_knows_every_command_listed_here() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert sorted(sub.choices or {}) == sorted(COMMANDS)


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_gives_examples_and_exit_statuses(
    command: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run([command, "--help"] if command else ["--help"], capsys)
    assert code == 0
    examples = out.split("examples:\n", 1)[1]
    assert examples.startswith(f"  docbind {command or ''}".rstrip())
    assert "exit status:\n  0  " in out and "\n  2  " in out


def test_an_operation_file_is_refused_with_its_folder_named(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(["validate", "spec/kicc_easypay/refund.yaml"], capsys)
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "spec/kicc_easypay/refund.yaml: error: pass the spec folder: spec/kicc_easypay "
        "(this file is one of its operation or code files)",
        "docbind: 1 error in spec/kicc_easypay/refund.yaml",
    ]


def test_a_code_table_file_names_its_spec_folder(capsys: pytest.CaptureFixture[str]) -> None:
    code_file = next((ROOT / "spec" / "kicc_easypay").rglob("codes/*.yaml"))
    code, _, err = run(["validate", str(code_file.relative_to(ROOT))], capsys)
    assert code == 2 and "pass the spec folder: spec/kicc_easypay " in err


def test_a_file_outside_any_spec_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["validate", "pyproject.toml"], capsys)
    assert code == 2
    assert "pyproject.toml: error: a spec is a folder holding api.yaml, not a single file" in err


def test_a_folder_of_specs_suggests_the_specs_in_it(capsys: pytest.CaptureFixture[str]) -> None:
    # The specs in the repository, found here so that adding one does not change this test.
    specs = sorted(f"spec/{p.parent.name}" for p in (ROOT / "spec").glob("*/api.yaml"))
    assert {"spec/kicc_easypay", "spec/konaplate"} <= set(specs) and len(specs) <= 10
    code, _, err = run(["validate", "spec"], capsys)
    assert code == 2
    assert err.splitlines()[0] == (
        f"spec: error: no api.yaml in this folder; did you mean: {', '.join(specs)}"
    )
    code, _, err = run(["validate", "."], capsys)  # two levels down, from a project folder
    assert code == 2 and f"did you mean: {', '.join(specs)}" in err


def test_validate_does_not_say_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = ROOT / "tests" / "cases" / "bad" / "dangling_codes"
    code, _, err = run(["validate", "tests/cases/bad/dangling_codes"], capsys)
    assert code == 2 and "nothing written" not in err
    assert err.splitlines()[-1] == "docbind: 1 error in tests/cases/bad/dangling_codes"
    # Commands that would write still say that they did not.
    code, _, err = run(["generate", str(bad), "-o", str(tmp_path)], capsys)
    assert code == 2 and err.splitlines()[-1] == "docbind: 1 error; nothing written"


def test_structural_errors_and_misspelt_names_are_reported_in_one_run(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(["validate", "tests/cases/bad/structure_and_misspelt_names"], capsys)
    assert code == 2
    assert "unknown key 'maximum'" in err  # the structural error, found by the schema
    assert "flag: no code table named 'YesNO'" in err  # found by the reference pass
    assert "items: no code table named 'YesNoo'" in err
    assert "error code 'E2' is not in the API error table" in err


@pytest.mark.parametrize(
    ("pattern", "said"),
    [
        ("yyyyMMddHHmmss+0900", "characters '+0900' are neither pattern letters nor separators"),
        ("yyyyMMddHHmmssZ", "unknown pattern letters 'Z'"),
        ("yyyyMMddQQ_", "unknown pattern letters 'QQ' and characters '_' are neither"),
    ],
)
def test_date_format_problems_call_digits_characters(pattern: str, said: str) -> None:
    problem = datefmt.problem(pattern, "datetime")
    assert problem is not None and said in problem
    assert "letters '+" not in problem and "letters '_" not in problem
