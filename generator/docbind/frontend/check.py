"""The front of the pipeline: load a spec folder, check it, and build the IR (or say why not)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docbind.frontend.build import ApiBuilder
from docbind.frontend.class_names import check_class_names
from docbind.frontend.doc_cache import DocumentCache
from docbind.frontend.load import load_spec
from docbind.frontend.nesting import check_nesting
from docbind.frontend.references import check_references
from docbind.frontend.schema import check_document
from docbind.ir.diagnostics import Collector, Diagnostic, sort_diagnostics
from docbind.ir.model import Api


@dataclass(frozen=True)
class CheckResult:
    api: Api | None
    diagnostics: tuple[Diagnostic, ...]

    @property
    def ok(self) -> bool:
        return self.api is not None


def check_spec(path: Path, cache: DocumentCache | None = None) -> CheckResult:
    """Load → schema check → IR. The IR is only built from files the schema accepted; ``cache``
    keeps loaded files across runs."""
    diag = Collector()
    source = load_spec(path, diag, cache)
    if source is not None:
        check_document(source.api, "api", diag)
        for op in source.operations:
            check_document(op, "operation", diag)
    if source is None or diag.has_errors:
        if source is not None:  # so one run reports misspelt names along with the structure
            check_references(source, diag)
        return CheckResult(None, sort_diagnostics(diag.items))
    api = ApiBuilder(source, diag).build()
    check_class_names(api, diag)
    check_nesting(api, diag)
    return CheckResult(None if diag.has_errors else api, sort_diagnostics(diag.items))
