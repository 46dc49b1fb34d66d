"""Find the files docbind ships: in the wheel, or in the source tree when run from a checkout."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent
_SOURCE_ROOT = _PACKAGE.parents[1]  # a checkout: generator/docbind/ -> the project


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"docbind is installed without {candidates[0].name}")


def templates_dir() -> Path:
    return _first_existing(_PACKAGE / "templates", _SOURCE_ROOT / "templates")


def runtime_dir() -> Path:
    """The modules every generated package shares (``generator/runtime/`` in a checkout)."""
    return _first_existing(_PACKAGE / "runtime", _SOURCE_ROOT / "generator" / "runtime")


def schema_path() -> Path:
    return _first_existing(_PACKAGE / "schema.json", _SOURCE_ROOT / "spec" / "schema.json")


@cache
def spec_schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_path().read_text(encoding="utf-8"))
    return loaded
