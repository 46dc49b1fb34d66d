"""The release flow: `docbind release` raises the version the changes call for (one line of
api.yaml, every other byte kept), dates the changelog section, regenerates; `publish-check` refuses
a package whose contents changed while its version did not; `docbind completion` completes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docbind.cli.commands import main
from docbind.frontend.spec_version import set_version

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "konaplate"
# An optional request field: a compatible change (minor; on 0.x a patch: 0.1.0 → 0.1.1).
NEW_FIELD = """    memo:
      type: string
      doc: "A note for the merchant's own records."
"""


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository holding the konaplate spec and its committed generated package."""
    shutil.copytree(ROOT / "spec" / PACKAGE, tmp_path / "spec" / PACKAGE)
    shutil.copy(ROOT / "spec" / "schema.json", tmp_path / "spec" / "schema.json")
    shutil.copytree(ROOT / "generated" / PACKAGE, tmp_path / "generated" / PACKAGE)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "baseline")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DOCBIND_NO_CACHE", "1")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return tmp_path


def add_field(repo: Path) -> None:
    path = repo / "spec" / PACKAGE / "get_refund_fee.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = "\nresponse:\n"
    path.write_text(text.replace(anchor, NEW_FIELD + anchor, 1), encoding="utf-8")


def test_set_version_edits_only_the_value() -> None:
    text = 'docbind: 1\r\nversion: "0.1.0"   # bumped by docbind release\r\nname: x\r\n'
    edited, problem = set_version(text, "api.yaml", "0.1.0", "0.2.0")
    assert problem is None
    assert edited == 'docbind: 1\r\nversion: "0.2.0"   # bumped by docbind release\r\nname: x\r\n'


@pytest.mark.parametrize(
    ("text", "line", "why"),
    [
        ("name: x\n", 1, "no top-level"),
        ("version: 0.1.0\nversion: 0.1.0\n", 2, "more than one"),
        ("name: x\nversion: {major: 0}\n", 2, "cannot raise"),
    ],
)
def test_set_version_refuses_with_a_location(text: str, line: int, why: str) -> None:
    edited, problem = set_version(text, "spec/x/api.yaml", "0.1.0", "0.2.0")
    assert edited is None and problem is not None
    assert str(problem).startswith(f"spec/x/api.yaml:{line}:1: error: {why}")


def test_nothing_to_release_without_changes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["release", f"spec/{PACKAGE}"], capsys)
    assert code == 0 and "nothing to release" in out
    assert git(repo, "status", "--porcelain") == ""


def test_dry_run_shows_the_plan_and_writes_nothing(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_field(repo)
    before = git(repo, "status", "--porcelain")
    code, out, _ = run(["release", f"spec/{PACKAGE}", "--dry-run", "--date", "2026-11-30"], capsys)
    assert code == 0
    assert f"{PACKAGE}: 0.1.0 → 0.1.1 (minor bump)" in out
    assert f"spec/{PACKAGE}/api.yaml:5: version: 0.1.0 → 0.1.1" in out
    assert "## 0.1.1 - 2026-11-30" in out and "memo" in out
    assert git(repo, "status", "--porcelain") == before


def test_release_raises_the_version_dates_the_changelog_and_regenerates(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    add_field(repo)
    api_yaml = repo / "spec" / PACKAGE / "api.yaml"
    api_yaml.write_bytes(api_yaml.read_bytes().replace(b"\n", b"\r\n"))  # CRLF kept too
    original = api_yaml.read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")  # 2026-09-21 14:13 UTC
    code, out, err = run(["release", f"spec/{PACKAGE}"], capsys)
    assert code == 0, err
    assert api_yaml.read_bytes() == original.replace(b"version: 0.1.0", b"version: 0.1.1", 1)
    package = repo / "generated" / PACKAGE
    changelog = (package / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## 0.1.1 - 2026-09-21" in changelog and "## Unreleased" not in changelog
    assert 'version = "0.1.1"' in (package / "pyproject.toml").read_text(encoding="utf-8")
    assert "memo" in (package / PACKAGE / "_models" / "part1.py").read_text(encoding="utf-8")
    # The golden record is settled: `check` agrees, and a second release finds nothing to do.
    assert run(["check", f"spec/{PACKAGE}"], capsys)[0] == 0
    code, out, _ = run(["release", f"spec/{PACKAGE}"], capsys)
    assert code == 0 and "nothing to release" in out


def test_release_after_generate_reads_the_unreleased_section(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_field(repo)
    assert run(["generate", f"spec/{PACKAGE}", "-q"], capsys)[0] == 0
    assert run(["publish-check"], capsys)[0] == 1  # changed, version not raised
    code, out, _ = run(["release", f"spec/{PACKAGE}", "--date", "2026-11-30"], capsys)
    assert code == 0 and "0.1.0 → 0.1.1" in out
    assert run(["publish-check"], capsys)[0] == 0


def test_a_version_raised_by_hand_below_the_bump_is_refused(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.rmtree(repo / "spec" / PACKAGE)
    shutil.copytree(ROOT / "spec" / PACKAGE, repo / "spec" / PACKAGE)
    path = repo / "spec" / PACKAGE / "get_refund_fee.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("chars: 16\n", "chars: 12\n", 1), encoding="utf-8")  # breaking
    api_yaml = repo / "spec" / PACKAGE / "api.yaml"
    api_yaml.write_text(
        api_yaml.read_text(encoding="utf-8").replace("version: 0.1.0", "version: 0.1.1"),
        encoding="utf-8",
    )
    code, _, err = run(["release", f"spec/{PACKAGE}"], capsys)
    assert code == 2
    assert f"spec/{PACKAGE}/api.yaml:5:1: error: version 0.1.1 is below 0.2.0" in err


@pytest.mark.parametrize(
    ("argv", "env", "message"),
    [
        (["--date", "2026-13-01"], None, "--date 2026-13-01: error: not a date"),
        ([], "yesterday", "SOURCE_DATE_EPOCH='yesterday': error"),
    ],
)
def test_a_bad_release_date_is_refused(
    repo: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    env: str | None,
    message: str,
) -> None:
    if env is not None:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", env)
    code, _, err = run(["release", f"spec/{PACKAGE}", *argv], capsys)
    assert code == 2 and message in err


def test_release_without_a_baseline_is_refused(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.rmtree(repo / "generated")
    code, _, err = run(["release", f"spec/{PACKAGE}"], capsys)
    assert code == 2
    assert f"generated/{PACKAGE}/spec.json: error: no baseline" in err


def test_publish_check_refuses_changed_files_under_the_same_version(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["publish-check", "--against", "HEAD"], capsys)[0] == 0
    readme = repo / "generated" / PACKAGE / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8") + "\nmore\n", encoding="utf-8")
    code, _, err = run(["publish-check", "--against", "HEAD"], capsys)
    assert code == 1
    assert f"generated/{PACKAGE}/pyproject.toml:" in err and "(README.md)" in err
    code, _, err = run(["release", f"spec/{PACKAGE}", "--bump", "patch"], capsys)
    assert code == 0, err
    assert run(["publish-check", "--against", "HEAD"], capsys)[0] == 0
    code, _, err = run(["publish-check", "--against", "no-such-tag"], capsys)
    assert code == 2 and "unknown revision" in err


def test_bash_completion_completes_commands_and_options(tmp_path: Path) -> None:
    bash = shutil.which("bash")
    assert bash is not None
    script = tmp_path / "docbind.bash"
    with script.open("w", encoding="utf-8") as handle:
        done = subprocess.run(
            [sys.executable, "-m", "docbind", "completion", "bash"], stdout=handle, check=False
        )
    assert done.returncode == 0
    probe = f"""
source {script}
complete -p docbind
COMP_WORDS=(docbind rel); COMP_CWORD=1; COMP_LINE="docbind rel"; COMP_POINT=${{#COMP_LINE}}
_shtab_docbind; echo "commands: ${{COMPREPLY[*]}}"
COMP_WORDS=(docbind release --d); COMP_CWORD=2
_shtab_docbind; echo "options: ${{COMPREPLY[*]}}"
"""
    done = subprocess.run(
        [bash, "--norc", "-c", probe], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "commands: release" in done.stdout
    assert "options: --date --dry-run" in done.stdout


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_scripts_name_every_command(
    shell: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["completion", shell], capsys)
    assert code == 0
    for command in ("release", "publish-check", "generate", "completion"):
        assert command in out
