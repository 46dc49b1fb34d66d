"""What a package's previous output says about it: read here, before emitting.

The changelog compares the spec with the ``spec.json`` snapshot and extends the ``CHANGELOG.md``
of the last generated version; reading them here keeps the emitters free of I/O.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from docbind.backends.emitter import Baseline
from docbind.backends.package.changelog import CHANGELOG, SNAPSHOT


def read_baseline(folder: Path) -> Baseline:
    return Baseline(_read_json(folder / SNAPSHOT), _read_text(folder / CHANGELOG))


def _read_json(path: Path) -> dict[str, Any] | None:
    text = _read_text(path)
    if text is None:
        return None
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return None  # a damaged snapshot: start the history again rather than fail
    return data if isinstance(data, dict) and "operations" in data else None


def _read_text(path: Path) -> str | None:
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None  # a link or a FIFO is not docbind's output (and a FIFO would block)
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
