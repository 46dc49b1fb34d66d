"""`docbind generate` and `docbind check`: deterministic, atomic, and honest about staleness."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from docbind.cli.commands import main
from docbind.frontend import spec_paths
from docbind.output import write

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ["spec/kicc_easypay", "spec/konaplate"]


@pytest.fixture(autouse=True)
def _in_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_committed_output_is_up_to_date(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check"])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert "up to date" in out


def test_hand_edit_is_reported_with_a_diff(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["generate", *SEEDS, "-o", str(tmp_path)]) == 0
    models = tmp_path / "kicc_easypay" / "kicc_easypay" / "models.py"
    models.write_text(models.read_text(encoding="utf-8") + "# hand edit\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["check", *SEEDS, "-o", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert "-# hand edit" in out and "models.py" in out
    assert "docbind generate" in err
    assert main(["generate", *SEEDS, "-o", str(tmp_path)]) == 0
    assert main(["check", *SEEDS, "-o", str(tmp_path)]) == 0


def test_generation_matches_the_golden_record_byte_for_byte(tmp_path: Path) -> None:
    assert main(["generate", *SEEDS, "-o", str(tmp_path)]) == 0
    for package in ("kicc_easypay", "konaplate"):
        fresh = tree_digest(tmp_path / package)
        golden = {k: v for k, v in tree_digest(ROOT / "generated" / package).items() if k in fresh}
        assert fresh == golden


def test_output_does_not_depend_on_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # How CI and pre-commit call it: from the folder above the clone, against the golden record.
    monkeypatch.chdir(ROOT.parent)
    seeds = [f"{ROOT.name}/{seed}" for seed in SEEDS]
    assert main(["check", *seeds, "-o", f"{ROOT.name}/generated"]) == 0, capsys.readouterr()
    # From an unrelated folder, with absolute spec paths: the same bytes as the golden record.
    monkeypatch.chdir(tmp_path)
    assert main(["generate", str(ROOT / SEEDS[0]), "-o", "out"]) == 0
    fresh = tree_digest(tmp_path / "out" / "kicc_easypay")
    golden = tree_digest(ROOT / "generated" / "kicc_easypay")
    assert fresh == {k: v for k, v in golden.items() if k in fresh}
    assert "spec.json" in fresh
    # The other outputs: the reference site and the OpenAPI export, from here and from the root.
    for label, cwd, spec in (("away", tmp_path, str(ROOT / SEEDS[0])), ("root", ROOT, SEEDS[0])):
        monkeypatch.chdir(cwd)
        assert main(["docs", spec, "-o", str(tmp_path / f"site-{label}")]) == 0
        assert main(["openapi", spec, "-o", str(tmp_path / f"openapi-{label}.json")]) == 0
    assert tree_digest(tmp_path / "site-away") == tree_digest(tmp_path / "site-root")
    openapi = [(tmp_path / f"openapi-{label}.json").read_bytes() for label in ("away", "root")]
    assert openapi[0] == openapi[1]


def test_recorded_spec_paths_are_relative_to_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    spec = project / "specs" / "shop"
    spec.mkdir(parents=True)
    (project / "pyproject.toml").write_text("", encoding="utf-8")
    (spec / "op.yaml").write_text("", encoding="utf-8")
    for cwd in (tmp_path, spec, project):
        monkeypatch.chdir(cwd)
        assert spec_paths.project_path(spec / "op.yaml", spec) == "specs/shop/op.yaml"
    # Without a project marker above it: relative to the folder holding the spec folder.
    monkeypatch.setattr(spec_paths, "PROJECT_MARKERS", ("no-such-marker-for-docbind-tests",))
    assert spec_paths.project_path(spec / "op.yaml", spec) == "shop/op.yaml"


def test_output_does_not_depend_on_hash_seed(tmp_path: Path) -> None:
    digests = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-m", "docbind.cli.commands", "generate", *SEEDS, "-o", str(out)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        digests.append(tree_digest(out))
    assert digests[0] == digests[1]


def test_bad_spec_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["generate", *SEEDS, "-o", str(out)]) == 0
    before = tree_digest(out)
    broken = tmp_path / "broken"
    shutil.copytree(ROOT / "spec" / "konaplate", broken)
    api = broken / "api.yaml"
    api.write_text(
        api.read_text(encoding="utf-8").replace("package: konaplate", "package: 9x"),
        encoding="utf-8",
    )
    assert main(["generate", "spec/kicc_easypay", str(broken), "-o", str(out)]) == 2
    assert "package" in capsys.readouterr().err
    assert tree_digest(out) == before


def test_failure_while_writing_keeps_previous_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["generate", *SEEDS, "-o", str(tmp_path)]) == 0
    target = tmp_path / "kicc_easypay"
    (target / "kicc_easypay" / "models.py").write_text("stale\n", encoding="utf-8")
    before = tree_digest(target)
    real = write._write_temporary
    written: list[str] = []

    def disk_full_on_second(target: Path, path: str, text: str) -> None:
        if written:
            raise OSError(28, "No space left on device", str(target / path))
        written.append(path)
        real(target, path, text)

    monkeypatch.setattr(write, "_write_temporary", disk_full_on_second)
    with pytest.raises(write.OutputError, match="No space left"):
        write.write_package(target, {"kicc_easypay/models.py": "new\n", "README.md": "x\n"})
    assert tree_digest(target) == before  # no temporary file or journal left either
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kicc_easypay", "konaplate"]


def test_files_docbind_did_not_write_are_kept(tmp_path: Path) -> None:
    assert main(["generate", *SEEDS, "-o", str(tmp_path)]) == 0
    notes = tmp_path / "kicc_easypay" / "NOTES.md"
    notes.write_text("ours\n", encoding="utf-8")
    (tmp_path / "kicc_easypay" / "kicc_easypay" / "models.py").write_text("x\n", encoding="utf-8")
    assert main(["generate", *SEEDS, "-o", str(tmp_path)]) == 0
    assert notes.read_text(encoding="utf-8") == "ours\n"


def test_unchanged_generation_touches_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["generate", *SEEDS, "-o", str(tmp_path)]) == 0
    stamp = (tmp_path / "konaplate").stat().st_ino
    capsys.readouterr()
    assert main(["generate", *SEEDS, "-o", str(tmp_path)]) == 0
    assert "unchanged" in capsys.readouterr().out
    assert (tmp_path / "konaplate").stat().st_ino == stamp


def test_refuses_paths_outside_the_package(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="outside"):
        write.write_package(tmp_path / "pkg", {"../escape.py": "x"})
    assert not (tmp_path / "escape.py").exists()


def test_format_cache_changes_speed_not_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docbind.output import format as fmt

    monkeypatch.setenv("DOCBIND_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(fmt, "_MEMORY", {})
    assert main(["generate", *SEEDS, "-o", str(tmp_path / "a")]) == 0
    entries = list((tmp_path / "cache").iterdir())
    assert entries and not [e for e in entries if e.name.startswith(".tmp-")]
    monkeypatch.setattr(fmt, "_MEMORY", {})
    assert main(["generate", *SEEDS, "-o", str(tmp_path / "b")]) == 0
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")


def test_noop_regeneration_is_skipped_only_when_output_is_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from docbind.cli import common as runner

    monkeypatch.setenv("DOCBIND_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "out"
    assert main(["generate", *SEEDS, "-o", str(out)]) == 0
    calls: list[object] = []

    def counting(*args: Any) -> Any:
        calls.append(args)
        return runner.render_specs(*args)

    monkeypatch.setattr("docbind.cli.commands.render_specs", counting)
    assert main(["generate", *SEEDS, "-o", str(out)]) == 0
    assert calls == [] and "unchanged" in capsys.readouterr().out
    models = out / "konaplate" / "konaplate" / "models.py"
    models.write_text("edited\n", encoding="utf-8")
    assert main(["generate", *SEEDS, "-o", str(out)]) == 0
    assert len(calls) == 1 and models.read_text(encoding="utf-8") != "edited\n"


def test_generate_reports_progress_on_stderr_unless_quiet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["generate", *SEEDS, "-o", str(tmp_path / "a")]) == 0
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert lines[0] == (
        "docbind: generating kicc_easypay from spec/kicc_easypay, konaplate from spec/konaplate ..."
    )
    for line, package in zip(lines[1:], ("kicc_easypay", "konaplate"), strict=True):
        assert re.fullmatch(rf"docbind: {package} done \(\d+ files, \d+\.\ds\)", line), line
    # stdout stays one line per package, for scripts
    assert all(re.search(r": \d+ files changed$", line) for line in out.splitlines()), out
    assert main(["generate", "-q", *SEEDS, "-o", str(tmp_path / "b")]) == 0
    assert capsys.readouterr().err == ""


def test_pyproject_is_valid_toml_whatever_the_names_hold(tmp_path: Path) -> None:
    """An emoji, a quote or a backslash in the API's name or summary (issue 18, item 11):
    JSON string escapes are not TOML, so the metadata is written as TOML strings."""
    import tomllib

    from docbind.backends.registry import EMITTERS
    from docbind.cli.common import checked_apis

    spec = tmp_path / "spec"
    spec.mkdir()
    name = 'Pay 💳 "Quick" \\ 카드'
    (spec / "api.yaml").write_text(
        "docbind: 1\n"
        f"name: {json.dumps(name, ensure_ascii=False)}\n"
        'summary: "Refunds 💸 in \\"one\\" call"\n'
        "package: emoji_pay\nversion: 0.1.0\n"
        'environments: {test: {url: "https://example.com"}}\noperations: [op.yaml]\n',
        encoding="utf-8",
    )
    (spec / "op.yaml").write_text(
        "operation: ping\nmethod: GET\npath: /ping\nresponse: {body: {ok: {type: boolean}}}\n"
    )
    apis = checked_apis([spec])
    assert apis is not None
    project = tomllib.loads(EMITTERS.render(apis[0])["pyproject.toml"])["project"]
    assert project["keywords"][0] == name
    assert project["description"] == 'Refunds 💸 in "one" call'
