"""docbind's own code stays ruff- and mypy-clean, formatted by `ruff format` (configuration in
pyproject.toml), with no dead code (vulture; the names it cannot see used are in
vulture_whitelist.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def test_ruff_is_clean() -> None:
    result = subprocess.run(
        [str(BIN / "ruff"), "check", "--no-cache", "generator", "tests"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:]


def test_formatted_by_ruff_format() -> None:
    """One formatter for docbind's own code (the runtime modules keep black's 88-column layout,
    which tests/test_black_layout.py holds, since they are copied into generated packages)."""
    result = subprocess.run(
        [str(BIN / "ruff"), "format", "--check", "--no-cache", "generator", "tests"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:]


def test_mypy_is_clean() -> None:
    result = subprocess.run(
        [str(BIN / "mypy")], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-4000:]


def test_no_dead_code() -> None:
    result = subprocess.run(
        [str(BIN / "vulture"), "generator/docbind", "vulture_whitelist.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:]
