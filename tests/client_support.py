"""What the tests of generated clients share: a recording MockTransport handler, a script run
inside a generated package, and mypy --strict over a user's good and bad uses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
from hostile_support import python_env

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[1]


class Recorder:
    """Records each request and answers with a fixed status and JSON body."""

    def __init__(self, status: int, answer: dict[str, Any]) -> None:
        self.requests: list[httpx.Request] = []
        self.status, self.answer = status, answer

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(self.status, json=self.answer)


def run_in(package: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python *args`` inside a generated package, importing it from there."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=package,
        env=python_env(package),
        capture_output=True,
        text=True,
        check=False,
    )


def mypy_errors(folder: Path, good: str, bad: str) -> tuple[list[str], str]:
    """``mypy --strict`` on ``good.py`` and ``bad.py`` written in ``folder``, against the golden
    kicc_easypay: its error lines, and its whole output for the assertion messages."""
    (folder / "good.py").write_text(good, encoding="utf-8")
    (folder / "bad.py").write_text(bad, encoding="utf-8")
    env = {**os.environ, "MYPYPATH": str(ROOT / "generated" / "kicc_easypay")}
    result = subprocess.run(
        [str(BIN / "mypy"), "--strict", "--cache-dir", str(folder / "m"), "good.py", "bad.py"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return [line for line in result.stdout.splitlines() if ": error:" in line], result.stdout
