"""`docbind import` on the corpus of provider documents (tests/importer/corpus/, see
corpus_report.py): every draft validates, and per document at least 97% of the fields are found
with the right direction and nesting and at least 90% have every attribute right; endpoints,
code values, errors and encrypted fields come out as the expected result says."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_report import documents, measure, render

DOCUMENTS = documents()


def test_the_corpus_has_eight_providers_or_more() -> None:
    assert len(DOCUMENTS) >= 8


@pytest.mark.parametrize("document", DOCUMENTS, ids=[d.name for d in DOCUMENTS])
def test_corpus_document(document: Path) -> None:
    report = measure(document)
    shown = render([report], verbose=True)
    assert not report.invalid, shown
    assert report.recall >= 0.97, shown
    assert report.all_right >= 0.90, shown
    assert all(right == total for right, total in report.extras.values()), shown
