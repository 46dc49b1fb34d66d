"""The hooks in .pre-commit-hooks.yaml, run by pre-commit itself (`pre-commit try-repo` on this
repository) in a temporary git repository holding a spec and its generated package. pre-commit
installs docbind from this repository into its own environment, offline from the wheelhouse."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "konaplate"
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


def git(repo: Path, *args: str) -> None:
    command = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args]
    subprocess.run(command, cwd=repo, check=True, capture_output=True)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pre-commit's cache, shared by the runs here: the hook environment is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "spec" / PACKAGE, tmp_path / "spec" / PACKAGE)
    shutil.copy(ROOT / "spec" / "schema.json", tmp_path / "spec" / "schema.json")
    shutil.copytree(ROOT / "generated" / PACKAGE, tmp_path / "generated" / PACKAGE)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "spec and package")
    return tmp_path


def try_repo(project: Path, home: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(ROOT), "--all-files", "--color", "never"],
        cwd=project,
        env={**env, "PRE_COMMIT_HOME": str(home), "DOCBIND_NO_CACHE": "1"},
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def test_the_hooks_pass_on_a_valid_spec_and_fresh_package(
    project: Path, home: Path, offline_env: dict[str, str]
) -> None:
    done = try_repo(project, home, offline_env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "docbind validate" in done.stdout and "docbind check" in done.stdout
    assert done.stdout.count("Passed") == 2


def test_the_hooks_fail_on_a_bad_spec_with_its_location(
    project: Path, home: Path, offline_env: dict[str, str]
) -> None:
    api = project / "spec" / PACKAGE / "api.yaml"
    api.write_text(api.read_text(encoding="utf-8").replace("package: konaplate", "package: 9x"))
    git(project, "commit", "-qam", "a bad spec")
    done = try_repo(project, home, offline_env)
    assert done.returncode == 1
    assert done.stdout.count("Failed") == 2
    assert f"spec/{PACKAGE}/api.yaml:4:" in done.stdout
