"""`docbind import`: draft a spec from pasted documentation.

One module per layout: ``blocks`` (Markdown pipe tables and JSON samples), ``html_tables``
(HTML pages, stdlib ``html.parser``), ``listing`` (the KONA PLATE one-attribute-per-line listing);
``vocab`` knows the header words (English and Korean) and cell marks; ``tables`` and ``rows``
interpret tables; ``writer`` writes the draft spec folder.
"""

from __future__ import annotations

from docbind.importers.draft import LAYOUTS, build_draft, detect_layout, read_document
from docbind.importers.model import DocumentError, DraftApi

__all__ = ["LAYOUTS", "DocumentError", "DraftApi", "build_draft", "detect_layout", "read_document"]
