"""Measure `docbind import` on the corpus: how much of each provider document the draft gets right.

Each ``corpus/<doc>`` has ``corpus/<stem>.expected.yaml``: one line per field
(``direction path type length required [sensitive]``; a length is ``-``, ``12b`` or ``200c``;
required is ``req``, ``opt`` or ``cond``, optional with a ``required_when`` TODO), and optionally
the endpoint, code values, errors (``status code message``, ``-`` for none), encrypted fields and
the contents of an encrypted payload (which must not become wire fields).

*Recall* is the share of expected fields found with the right name, direction and nesting;
*all right* the share that also has the right type, length with its unit, and requiredness.
Run ``make import-report`` (or this file) to print the table.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from docbind.frontend.check import check_spec
from docbind.importers import DocumentError, build_draft, read_document
from docbind.importers.writer import DraftNames
from docbind.ir.model import Api, Field

CORPUS = Path(__file__).resolve().parent / "corpus"
Key = tuple[str, str]  # (direction, dotted path)


@dataclass
class Report:
    document: str
    total: int = 0
    found: int = 0
    right: int = 0
    invalid: list[str] = field(default_factory=list)  # validation errors of the draft
    misses: list[str] = field(default_factory=list)  # what the draft got wrong, one line each
    extras: dict[str, tuple[int, int]] = field(default_factory=dict)  # (right, total) by kind

    @property
    def recall(self) -> float:
        return self.found / self.total if self.total else 1.0

    @property
    def all_right(self) -> float:
        return self.right / self.total if self.total else 1.0


def documents() -> list[Path]:
    return sorted(
        p
        for p in CORPUS.iterdir()
        if p.is_file() and ".expected." not in p.name and p.name != "README.md"
    )


def expected_of(document: Path) -> dict[str, Any]:
    path = document.with_name(document.name.split(".")[0] + ".expected.yaml")
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def draft_api(document: Path) -> tuple[Api | None, list[str], str]:
    """The draft's IR as `docbind validate` builds it, its errors, and the draft's text."""
    draft = read_document(document)
    files, diagnostics = build_draft(draft, DraftNames("Corpus", "corpus", "operation"))
    errors = [f"{d.loc}: {d.message}" for d in diagnostics if d.severity == "error"]
    with tempfile.TemporaryDirectory(prefix="docbind-corpus-") as tmp:
        for name, text in files.items():
            (Path(tmp) / name).write_text(text, encoding="utf-8")
        api = check_spec(Path(tmp)).api
    return api, errors, "\n".join(files.values())


def index(api: Api) -> dict[Key, Field]:
    found: dict[Key, Field] = {}

    def walk(direction: str, prefix: str, fields: tuple[Field, ...]) -> None:
        for f in fields:
            path = f"{prefix}{f.wire_name}"
            found.setdefault((direction, path), f)
            children = f.items.fields if f.items is not None else f.fields
            walk(direction, path + ".", children)

    op = api.operations[0]
    walk("request", "", (*op.request.headers, *op.request.path, *op.request.query))
    walk("request", "", op.request.body)
    walk("response", "", (*op.response.headers, *op.response.body))
    return found


def _length(f: Field) -> str:
    if f.max_bytes is not None:
        return f"{f.max_bytes}b"
    return f"{f.max_chars}c" if f.max_chars is not None else "-"


def compare_fields(report: Report, expected: list[str], mine: dict[Key, Field]) -> None:
    sensitive = [0, 0]
    for line in expected:
        direction, path, kind, length, required, *flags = line.split()
        report.total += 1
        f = mine.get((direction, path))
        if f is None:
            report.misses.append(f"missing {direction} {path}")
            continue
        report.found += 1
        got = f"{f.type} {_length(f)} {'req' if f.required else 'opt'}"
        want = f"{kind} {length} {'req' if required == 'req' else 'opt'}"
        if got == want:
            report.right += 1
        else:
            report.misses.append(f"{direction} {path}: drafted {got}, expected {want}")
        if "sensitive" in flags:
            sensitive[1] += 1
            sensitive[0] += f.sensitive
            if not f.sensitive:
                report.misses.append(f"{direction} {path}: not drafted sensitive")
    report.extras["sensitive"] = (sensitive[0], sensitive[1])


def compare_rest(report: Report, expected: dict[str, Any], api: Api, text: str) -> None:
    mine = index(api)
    checks: list[tuple[str, bool, str]] = []
    if (endpoint := expected.get("endpoint")) is not None:
        op, urls = api.operations[0], {e.url for e in api.environments}
        ok = op.method == endpoint["method"] and op.path == endpoint["path"]
        ok = ok and (endpoint["url"] is None or endpoint["url"] in urls)
        checks.append(("endpoint", ok, f"{op.method} {op.path} {sorted(urls)}"))
    tables = {t.name: {v.code for v in t.values} for t in api.codes}
    for where, values in (expected.get("codes") or {}).items():
        f = mine.get(tuple(where.split()))  # type: ignore[arg-type]
        have = tables.get(f.codes or "", set()) if f is not None else set()
        checks.append(("codes", set(map(str, values)) <= have, f"{where}: {sorted(have)}"))
    errors = {(e.http_status, e.code or None, e.message) for e in api.errors.entries}
    for line in expected.get("errors") or []:
        status, code, message = ([*str(line).split(" ", 2), ""])[:3]
        want = None if status == "-" else int(status)
        ok = any(
            e[0] == want and (code == "-" or (e[1] == code and e[2] == message)) for e in errors
        )
        checks.append(("errors", ok, f"error {line}"))
    for name in expected.get("encrypted_fields") or []:
        ok = any(p.split(".")[-1] == name and f.sensitive for (_, p), f in mine.items())
        checks.append(("encrypted", ok and f"{name}" in text, f"encrypted field {name}"))
    for name in expected.get("encrypted_contents") or []:
        wire = any(p.split(".")[-1] == name for _, p in mine)
        checks.append(("encrypted", not wire and name in text, f"payload content {name}"))
    for kind, ok, what in checks:
        right, total = report.extras.get(kind, (0, 0))
        report.extras[kind] = (right + ok, total + 1)
        if not ok:
            report.misses.append(f"{kind} wrong: {what}")


def measure(document: Path) -> Report:
    report = Report(document.name)
    expected = expected_of(document)
    try:
        api, report.invalid, text = draft_api(document)
    except DocumentError as exc:
        api, report.invalid = None, [str(exc)]
    if api is None:
        report.total = len(expected["fields"])
        return report
    compare_fields(report, expected["fields"], index(api))
    compare_rest(report, expected, api, text)
    return report


def render(reports: list[Report], verbose: bool) -> str:
    lines = [f"{'document':<28} {'fields':>6} {'recall':>7} {'all right':>9}  other"]
    for r in reports:
        other = " ".join(f"{k} {a}/{b}" for k, (a, b) in sorted(r.extras.items()) if b)
        invalid = f" INVALID ({len(r.invalid)} errors)" if r.invalid else ""
        lines.append(
            f"{r.document:<28} {r.total:>6} {r.recall:>7.1%} {r.all_right:>9.1%}  {other}{invalid}"
        )
        if verbose:
            lines += [f"    {m}" for m in [*r.invalid, *r.misses]]
    return "\n".join(lines)


if __name__ == "__main__":
    print(render([measure(d) for d in documents()], "-v" in sys.argv[1:]))
