"""`docbind import`: draft a spec from pasted documentation.

One module per layout: ``blocks`` (Markdown pipe tables and JSON samples), ``html_tables``
(HTML pages, stdlib ``html.parser``), ``listing`` (the KONA PLATE one-attribute-per-line listing);
``vocab`` knows the header words (English and Korean) and cell marks; ``tables`` and ``rows``
interpret tables; ``writer`` writes the draft spec folder.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from docbind.importers.layouts import LAYOUTS

if TYPE_CHECKING:
    from docbind.importers.draft import build_draft, detect_layout, read_document
    from docbind.importers.model import DocumentError, DraftApi

# Loaded on first use: every docbind command builds the parser, which names LAYOUTS, and only
# `docbind import` needs the importers themselves.
_LAZY = {
    "build_draft": "draft",
    "detect_layout": "draft",
    "read_document": "draft",
    "DocumentError": "model",
    "DraftApi": "model",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"docbind.importers.{_LAZY[name]}"), name)


__all__ = ["LAYOUTS", "DocumentError", "DraftApi", "build_draft", "detect_layout", "read_document"]
