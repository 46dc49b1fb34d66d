"""A change between two versions of a spec, classified by what it does to callers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from packaging.version import InvalidVersion, Version

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
        return {
            "severity": self.severity,
            "bump": self.bump,
            "where": self.where,
            "kind": self.kind,
            "path": self.path,
            "message": self.message,
            "old": self.old,
            "new": self.new,
        }


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
    """The version after ``version`` for a change of size ``bump`` (semver, read by PEP 440).

    - 1.0.0 and later: major, minor, patch as semver says.
    - 0.x (major 0): semver promises nothing, so this follows cargo's convention: a breaking
      change bumps the minor (0.1.0 → 0.2.0), anything else the patch (0.1.0 → 0.1.1).
    - A pre-release (``1.0.0rc1``, ``1.0.0.dev2``) becomes its own release when that release
      already makes room for the change, else the next one (npm's rule): 1.0.0rc1 → 1.0.0 for any
      change; 1.1.0rc1 → 1.1.0 for minor or patch, but 2.0.0 for breaking (1.1.0 must not break
      1.0 callers); 1.0.1rc1 → 1.0.1 for a patch, 1.1.0 for minor.
    - A post-release counts as its release; an epoch is kept; a local label is dropped; a
      version PEP 440 cannot read is returned as it is (no suggestion).
    """
    try:
        parsed = Version(version)
    except InvalidVersion:
        return version
    if bump == "none":
        return version
    major, minor, patch = (*parsed.release, 0, 0)[:3]
    if major == 0:
        bump = "minor" if bump == "major" else "patch"
    pre = parsed.pre is not None or (parsed.dev is not None and parsed.post is None)
    has_room = {"major": minor == patch == 0, "minor": patch == 0, "patch": True}[bump]
    if pre and has_room:
        numbers = (major, minor, patch)
    elif bump == "major":
        numbers = (major + 1, 0, 0)
    elif bump == "minor":
        numbers = (major, minor + 1, 0)
    else:
        numbers = (major, minor, patch + 1)
    epoch = f"{parsed.epoch}!" if parsed.epoch else ""
    return epoch + ".".join(str(n) for n in numbers)
