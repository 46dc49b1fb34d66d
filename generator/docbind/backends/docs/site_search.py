"""The site's search index as one shared file, ``search-index.js``, and the notes it covers.

Every page loads the index with ``<script src>`` instead of carrying its own copy: a file the
browser reads once, and one that still loads from ``file://`` (no fetch, no module import).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from docbind.backends.docs.markdown import slug
from docbind.ir.model import Api, Note

SearchEntry = dict[str, str]
INDEX_FILE = "search-index.js"
SCRIPT_FILE = "search.js"
_GLOBAL = "docbindSearch"


def index_script(entries: list[SearchEntry]) -> str:
    """``search-index.js``: the entries as a JSON array assigned to one global; with ``<``, ``>``
    and ``&`` escaped it is inert even if pasted into a page."""
    text = json.dumps(entries, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f"window.{_GLOBAL} = {text};\n"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _entries(notes: tuple[Note, ...], where: str, url: str) -> Iterator[SearchEntry]:
    for n in notes:
        text = _flat(n.text)
        title = text if len(text) <= 60 else text[:59].rstrip() + "…"
        yield {"t": title, "k": n.kind, "c": where, "s": text, "u": url}


def note_entries(api: Api) -> list[SearchEntry]:
    """Every note and assumption of ``api``, found by any word of its text ("VTIM")."""
    pkg = api.package
    found = [*_entries(api.notes, api.name, f"{pkg}/index.html#notes-and-assumptions")]
    found += _entries(api.errors.notes, f"{api.name} · errors", f"{pkg}/errors.html")
    for s in api.signers:
        found += _entries(
            s.notes, f"signer {s.name}", f"{pkg}/index.html#{slug('Signer ' + s.name)}"
        )
    for table in api.codes:
        anchor = f"{pkg}/codes.html#{slug('Code table ' + table.name)}"
        found += _entries(table.notes, f"code table {table.name}", anchor)
        for v in table.values:
            found += _entries(v.notes, f"{table.name} · {v.code}", anchor)
    for op in api.operations:
        url = f"{pkg}/operations/{op.name}.html"
        found += _entries(op.retry.notes + op.notes, f"{op.name}", f"{url}#notes")
        for r in op.recovery:
            found += _entries(r.notes, f"{op.name} · recovery {r.name}", f"{url}#recovery")
        for sample in op.samples:
            found += _entries(sample.notes, f"{op.name} · sample {sample.name}", f"{url}#samples")
    return found
