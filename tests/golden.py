"""Golden files: text a test compares with what the code produces, rewritten on request.

Any test can use it through the ``golden`` fixture (tests/conftest.py); a mismatch fails with a
unified diff and the command that accepts the new output (``--update-golden``).
"""

from __future__ import annotations

import difflib
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Golden:
    """Compares text with a golden file, or rewrites the file when ``update`` is set."""

    update: bool
    nodeid: str  # the test asking, for the command that updates its file

    @property
    def update_command(self) -> str:
        return f".venv/bin/pytest {shlex.quote(self.nodeid)} --update-golden"

    def check(self, expected_file: Path, actual: str) -> None:
        if self.update:
            if not expected_file.is_file() or read_exact(expected_file) != actual:
                expected_file.write_text(actual, encoding="utf-8", newline="")
            return
        shown = expected_file.resolve().relative_to(REPO).as_posix()
        if not expected_file.is_file():
            pytest.fail(
                f"{shown} does not exist; to create it, run:\n  {self.update_command}",
                pytrace=False,
            )
        expected = read_exact(expected_file)
        if expected != actual:
            diff = "".join(
                difflib.unified_diff(
                    expected.splitlines(keepends=True),
                    actual.splitlines(keepends=True),
                    fromfile=f"{shown} (expected)",
                    tofile="actual",
                )
            )
            pytest.fail(
                f"output differs from {shown}:\n{diff}\n"
                f"If the new output is right, update the golden file:\n"
                f"  {self.update_command}",
                pytrace=False,
            )


def read_exact(path: Path) -> str:
    """The file's text with its line endings as they are."""
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()
