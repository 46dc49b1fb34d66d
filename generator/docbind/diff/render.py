"""A diff report as text (for people), JSON (for tools) or Markdown (for pull requests)."""

from __future__ import annotations

import json

from docbind.diff.model import SEVERITIES, Report


def summary(report: Report) -> str:
    counts = ", ".join(f"{report.count(s)} {s}" for s in SEVERITIES)
    if not report.changes:
        return f"no changes; suggested bump: none (stay at {report.old_version})"
    return (
        f"{len(report.changes)} change{'s' if len(report.changes) != 1 else ''} ({counts}); "
        f"suggested bump: {report.bump} ({report.old_version} → {report.suggested_version})"
    )


def text(report: Report) -> str:
    lines = [f"docbind diff {report.old_label} → {report.new_label}"]
    for severity in SEVERITIES:
        group = [c for c in report.changes if c.severity == severity]
        if group:
            lines.append(f"{severity}:")
            lines += [f"  [{c.where}] {c.path}: {c.message}" for c in group]
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def as_json(report: Report) -> str:
    data = {
        "old": {"label": report.old_label, "version": report.old_version},
        "new": {"label": report.new_label, "version": report.new_version},
        "bump": report.bump,
        "suggested_version": report.suggested_version,
        "counts": {s: report.count(s) for s in SEVERITIES},
        "changes": [c.as_json() for c in report.changes],
    }
    return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def markdown(report: Report) -> str:
    lines = [
        f"## docbind diff `{report.old_label}` → `{report.new_label}`",
        "",
        f"**{summary(report)}**",
        "",
    ]
    if report.changes:
        lines += ["| severity | where | path | change |", "|---|---|---|---|"]
        lines += [
            f"| {c.severity} | {c.where} | `{_cell(c.path)}` | {_cell(c.message)} |"
            for c in report.changes
        ]
    return "\n".join(lines) + "\n"


RENDERERS = {"text": text, "json": as_json, "markdown": markdown}
