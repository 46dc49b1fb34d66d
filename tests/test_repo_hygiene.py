"""The repository stands alone: tests and the build read nothing outside it, and git tracks what
the project ships."""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# A sibling folder of the clone (where the seed documents once lived), or any path built above
# the repository root from a test file (running from the parent folder is fine).
OUTSIDE = re.compile(r"\.\./shared|shared['\"]?\s*/\s*['\"]?seeds|\b(?:ROOT|REPO)\.parent\s*/")
# ``Path(__file__).resolve().parents[N]``: above the root when N is more than the file's depth.
PARENTS = re.compile(r"parents\[(\d+)\]")


def _above_root(path: Path, line: str) -> bool:
    depth = len(path.relative_to(ROOT).parts) - 1  # tests/x.py: 1; tests/e2e/x.py: 2
    return any(int(n) > depth for n in PARENTS.findall(line))


def _scanned() -> list[Path]:
    return [*sorted((ROOT / "tests").rglob("*.py")), ROOT / "Makefile", ROOT / ".ci" / "run"]


def test_nothing_reads_outside_the_repository() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _scanned()
        if path != Path(__file__).resolve()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OUTSIDE.search(line) or _above_root(path, line)
    ]
    assert not found, "paths outside the repository:\n" + "\n".join(found)


def test_the_documents_the_tests_read_are_tracked() -> None:
    """A fresh clone holds them: each transcribed document is committed, not only on disk."""
    documents = {
        f"tests/documents/{name}"
        for name in ("README.md", "kicc_easypay_refund.md", "konaplate_refund_fee.txt")
    }
    assert all((ROOT / name).is_file() for name in documents)
    if (ROOT / ".git").exists():
        tracked = subprocess.run(
            ["git", "ls-files", "tests/documents"],
            cwd=ROOT,
            text=True,
            capture_output=True,
            check=True,
        ).stdout.split()
        assert documents <= set(tracked), f"not committed: {sorted(documents - set(tracked))}"


def _project(tmp_path: Path) -> Path:
    """The Makefile in an empty project whose venv's python only records how it was called."""
    (tmp_path / "Makefile").write_text((ROOT / "Makefile").read_text(encoding="utf-8"))
    (tmp_path / "pyproject.toml").write_text("")
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text('#!/bin/sh\necho "$*" >> "$(dirname "$0")/../calls"\n')
    python.chmod(0o755)
    stamp = tmp_path / ".venv" / ".docbind-installed"
    stamp.write_text("")
    os.utime(stamp, (time.time() + 60, time.time() + 60))  # newer than pyproject.toml
    return tmp_path


def _package(project: Path, name: str, installable: bool = True) -> None:
    (project / "generated" / name).mkdir(parents=True)
    if installable:
        (project / "generated" / name / "pyproject.toml").write_text("")


def _make(project: Path, *args: str) -> str:
    result = subprocess.run(
        ["make", "-s", *args], cwd=project, text=True, capture_output=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_installs_every_generated_package(tmp_path: Path) -> None:
    project = _project(tmp_path)
    _package(project, "kicc_easypay")
    _package(project, "konaplate")
    _package(project, "notes", installable=False)  # a folder, not a package: left alone
    calls = project / ".venv" / "calls"
    _make(project, "install-generated")
    assert calls.read_text().splitlines() == [
        "-m pip install --quiet --no-deps -e generated/kicc_easypay -e generated/konaplate"
    ]
    _make(project, "install-generated")
    assert len(calls.read_text().splitlines()) == 1  # nothing new: no pip run
    _package(project, "my_api")  # a user's new spec, generated
    _make(project, "install-generated")
    assert calls.read_text().splitlines()[-1].endswith("-e generated/my_api")
    assert "for pkg in kicc_easypay konaplate my_api;" in _make(project, "-n", "publish-check")


def test_no_tracked_file_is_also_ignored() -> None:
    """spec/schema.json (shipped in the wheel, named by every modeline) must not match a
    .gitignore pattern: a fresh copy of it would silently stay out of the next commit."""
    if not (ROOT / ".git").exists():
        return  # an unpacked sdist: nothing to compare
    ignored = subprocess.run(
        ["git", "ls-files", "--cached", "--ignored", "--exclude-standard"],
        cwd=ROOT,
        text=True,
        capture_output=True,
        check=True,
    ).stdout
    assert ignored == "", f"tracked but ignored:\n{ignored}"
    schema = subprocess.run(
        ["git", "check-ignore", "--no-index", "-v", "spec/schema.json"],
        cwd=ROOT,
        text=True,
        capture_output=True,
        check=False,
    )
    assert schema.returncode == 1, schema.stdout
