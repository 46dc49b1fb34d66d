"""The repository stands alone: tests and the build read nothing outside it, and git tracks what
the project ships."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# A sibling folder of the clone (the seed documents once lived in ../shared/seeds), or any path
# climbing above the repository root from a test file.
OUTSIDE = re.compile(r"\.\./shared|shared['\"]?\s*/\s*['\"]?seeds|parents\[[2-9]\]"
                     r"|\b(?:ROOT|REPO)\.parent\b")


def _scanned() -> list[Path]:
    return [*sorted((ROOT / "tests").rglob("*.py")), ROOT / "Makefile", ROOT / ".ci" / "run"]


def test_nothing_reads_outside_the_repository() -> None:
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for path in _scanned() if path != Path(__file__).resolve()
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if OUTSIDE.search(line)]
    assert not found, "paths outside the repository:\n" + "\n".join(found)


def test_the_documents_the_tests_read_are_tracked() -> None:
    """A fresh clone holds them: each transcribed document is committed, not only on disk."""
    documents = {f"tests/documents/{name}" for name in
                 ("README.md", "kicc_easypay_refund.md", "konaplate_refund_fee.txt")}
    assert all((ROOT / name).is_file() for name in documents)
    if (ROOT / ".git").exists():
        tracked = subprocess.run(["git", "ls-files", "tests/documents"], cwd=ROOT, text=True,
                                 capture_output=True, check=True).stdout.split()
        assert documents <= set(tracked), f"not committed: {sorted(documents - set(tracked))}"
