"""`docbind diff`: what changed between two versions of a spec, and what it does to callers.

``compare`` works on the plain JSON form of the IR (what `docbind inspect --json` prints, without
source locations), so a committed ``spec.json`` snapshot and a freshly checked spec compare alike.
"""

from __future__ import annotations

from typing import Any

from docbind.diff.compare import compare
from docbind.diff.model import Change, Report, next_version
from docbind.ir.as_json import api_to_json
from docbind.ir.model import Api

__all__ = ["Change", "Report", "compare", "next_version", "plain_ir"]


def _without_locs(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_locs(v) for k, v in value.items() if k != "loc"}
    if isinstance(value, list):
        return [_without_locs(v) for v in value]
    return value


def plain_ir(api: Api) -> dict[str, Any]:
    """The IR as JSON without source locations: what a spec means, not where it says it."""
    plain: dict[str, Any] = _without_locs(api_to_json(api))
    return plain
