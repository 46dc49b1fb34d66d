"""`docbind diff`: what changed between two versions of a spec, and what it does to callers.

``compare`` works on the plain JSON form of the IR (what `docbind inspect --json` prints, without
source locations), so a committed ``spec.json`` snapshot and a freshly checked spec compare alike.
"""

from __future__ import annotations

from typing import Any

from docbind.diff.compare import compare
from docbind.diff.model import Change, Report, next_version
from docbind.ir.as_json import plain
from docbind.ir.model import Api

__all__ = ["Change", "Report", "compare", "next_version", "plain_ir"]


def plain_ir(api: Api) -> dict[str, Any]:
    """The IR as JSON without source locations: what a spec means, not where it says it."""
    data: dict[str, Any] = plain(api, locs=False)
    return data
