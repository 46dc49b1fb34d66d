"""What a package's previous output says about it: read here, before emitting.

The changelog compares the spec with the ``spec.json`` snapshot and extends the ``CHANGELOG.md``
of the last generated version; reading them here keeps the emitters free of I/O.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from docbind.backends.emitter import Baseline
from docbind.backends.package.changelog import CHANGELOG, SNAPSHOT
from docbind.output.write import read_regular


def read_baseline(folder: Path) -> Baseline:
    return Baseline(_read_json(folder / SNAPSHOT), read_regular(folder / CHANGELOG))


def _read_json(path: Path) -> dict[str, Any] | None:
    text = read_regular(path)
    if text is None:
        return None
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return None  # a damaged snapshot: start the history again rather than fail
    return data if isinstance(data, dict) and "operations" in data else None
