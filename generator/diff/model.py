"""A change between two versions of a spec, classified by what it does to callers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

Severity = Literal["breaking", "warning", "compatible"]
Bump = Literal["major", "minor", "patch", "none"]
Where = Literal["request", "response", "api"]
SEVERITIES: tuple[Severity, ...] = ("breaking", "warning", "compatible")
BUMPS: tuple[Bump, ...] = ("none", "patch", "minor", "major")
Json = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Change:
    severity: Severity
    bump: Bump
    where: Where  # request: callers send it; response: callers read it; api: the whole client
    kind: str  # a stable identifier: field_removed, max_length_lowered, code_added, ...
    path: str  # operation.request.body.refundInfo.refundDepositName, codes.ReviseType, ...
    message: str
    old: Any = None
    new: Any = None

    def as_json(self) -> Json:
        return {"severity": self.severity, "bump": self.bump, "where": self.where,
                "kind": self.kind, "path": self.path, "message": self.message,
                "old": self.old, "new": self.new}


@dataclass(frozen=True, slots=True)
class Report:
    old_label: str
    new_label: str
    old_version: str
    new_version: str
    changes: tuple[Change, ...]

    @property
    def bump(self) -> Bump:
        return max((c.bump for c in self.changes), key=BUMPS.index, default="none")

    @property
    def suggested_version(self) -> str:
        return next_version(self.old_version, self.bump)

    def count(self, severity: Severity) -> int:
        return sum(c.severity == severity for c in self.changes)

    def fails(self, level: str) -> bool:
        """``--fail-on``: breaking, warning (breaking or warning), or none."""
        rank = {"breaking": 0, "warning": 1, "compatible": 2}
        if level not in rank:
            return False
        return any(rank[c.severity] <= rank[level] for c in self.changes)


def next_version(version: str, bump: Bump) -> str:
    """The version after ``version`` for ``bump`` (semver; pre-release tags dropped)."""
    m = re.match(r"^(\d+)\.(\d+)\.(\d+)", version)
    if m is None or bump == "none":
        return version
    major, minor, patch = (int(g) for g in m.groups())
    if bump == "major":
        return f"{major + 1}.0.0"
    if bump == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"
