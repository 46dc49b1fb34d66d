"""A small spec written by a test, its package rendered in memory (no black, no writing stage),
and a script run against it in a fresh interpreter: how the tests of one feature check what a
generated client really sends."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from docbind.backends.registry import EMITTERS
from docbind.cli.common import checked_apis


def render_spec(tmp_path: Path, files: dict[str, str]) -> Path:
    """Write ``files`` as a spec folder, render its package; returns the folder holding it."""
    spec = tmp_path / "spec"
    spec.mkdir()
    for name, text in files.items():
        (spec / name).write_text(text, encoding="utf-8")
    apis = checked_apis([spec])
    assert apis is not None, "the synthetic spec does not validate"
    out = tmp_path / "out"
    for path, source in EMITTERS.render(apis[0]).items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text(source, encoding="utf-8")
    return out


def run_script(out: Path, script: str, timeout: float = 120) -> str:
    """Run ``script`` beside the rendered package; returns what it printed."""
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=out, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, done.stderr
    return done.stdout + done.stderr
