"""Read a document in any known layout, and turn the draft into a spec folder that validates."""

from __future__ import annotations

import tempfile
from pathlib import Path

from docbind.frontend.check import check_spec
from docbind.frontend.samples import SampleRules, check_payload
from docbind.importers.blocks import markdown_blocks
from docbind.importers.html_tables import html_blocks, looks_like_html
from docbind.importers.listing import looks_like_listing, read_listing
from docbind.importers.model import DocumentError, DraftApi
from docbind.importers.repair import STEPS, plainer
from docbind.importers.sensitive import mark_sensitive
from docbind.importers.tables import TableReader
from docbind.importers.writer import (
    Deviations,
    DraftNames,
    body_sample,
    draft_files,
    has_placeholders,
    hoist_common_todos,
)
from docbind.ir.diagnostics import Diagnostic
from docbind.ir.model import Api

MAX_BYTES = 5 * 1024 * 1024


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise DocumentError(
            f"{path}: {len(data)} bytes; a documentation page is at most "
            f"{MAX_BYTES // 1024 // 1024} MiB"
        )
    if b"\0" in data[:8192]:
        raise DocumentError(f"{path}: a binary file, not pasted documentation text")
    for encoding in ("utf-8-sig", "cp949"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DocumentError(f"{path}: neither UTF-8 nor CP949 (EUC-KR) text")


def detect_layout(text: str) -> str:
    if looks_like_html(text):
        return "html"
    if looks_like_listing([line.strip() for line in text.splitlines()]):
        return "listing"
    return "markdown"


def read_document(path: Path, layout: str = "auto") -> DraftApi:
    text = read_text(path)
    chosen = detect_layout(text) if layout == "auto" else layout
    api = DraftApi(path.name, chosen)
    if chosen == "listing":
        read_listing(text, api)
    else:
        blocks = html_blocks(text) if chosen == "html" else markdown_blocks(text)
        TableReader(api).read(blocks)
    op = api.operation
    for message in (op.request, op.response):
        for fields in (message.headers, message.body, message.query):
            mark_sensitive(fields)
    messages = (op.request.body, op.request.headers, op.request.query, op.response.body)
    if not any((*messages, op.response.headers, op.path, api.errors)):
        raise DocumentError(
            f"{path}: no field table found (read as {chosen}); docbind import "
            "reads Markdown pipe tables, HTML tables and the one-attribute-per-"
            "line listing (name / type / Required)"
        )
    return api


def build_draft(api: DraftApi, names: DraftNames) -> tuple[dict[str, str], list[Diagnostic]]:
    """The draft files and what `docbind validate` says of them.

    Samples are checked against the drafted tables first: where a sample contradicts its table
    (as documents do), the contradiction is listed as a deviation with a TODO note.
    """
    hoist_common_todos(api)
    for step in range(STEPS + 1):
        first, diagnostics = _checked(draft_files(api, names, with_samples=False))
        deviations = _deviations(api, first) if first is not None else {}
        files = draft_files(api, names, deviations)
        _, diagnostics = _checked(files)
        problems = [d.message for d in diagnostics if d.severity == "error"]
        if not problems or step == STEPS:
            break
        plainer(api, step + 1, problems)
    return files, diagnostics


def _checked(files: dict[str, str]) -> tuple[Api | None, list[Diagnostic]]:
    with tempfile.TemporaryDirectory(prefix="docbind-import-") as tmp:
        root = Path(tmp) / "draft"
        root.mkdir()
        for name, text in files.items():
            (root / name).write_text(text, encoding="utf-8")
        result = check_spec(root)
        shown = [
            Diagnostic(
                d.loc.__class__(Path(d.loc.file).name, d.loc.line, d.loc.col), d.message, d.severity
            )
            for d in result.diagnostics
        ]
        return result.api, shown


def _deviations(draft: DraftApi, api: Api) -> Deviations:
    op = api.operations[0]
    codes = {t.name: t for t in api.codes}
    found: Deviations = {}
    in_url = {f.wire_name for f in (*op.request.path, *op.request.query)}
    for index, sample in enumerate(draft.operation.samples):
        message = op.request if sample.direction == "request" else op.response
        payload = body_sample(sample.payload, in_url, sample.direction)
        rules = SampleRules(api.encoding, codes, has_placeholders(payload))
        by_path: dict[str, list[str]] = {}
        for v in check_payload(message.body, payload, rules):
            by_path.setdefault(v.path, []).append(v.message)
        found[index] = [(path, "; ".join(problems)) for path, problems in by_path.items()]
    return found
