"""The static HTML reference site of ``docbind docs``: ``{relative path: text}``, nothing written.

Every page is rendered with autoescaping on, so no spec string can add markup. The search index
is one shared file, ``search-index.js`` (JSON with ``<``, ``>`` and ``&`` written as ``\\u``
escapes), loaded with the site's own ``search.js`` by ``<script src>``: each page's Content
Security Policy allows scripts from the site itself only, inline none, and no network access at
all, so the site works from disk offline.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import jinja2
from markupsafe import Markup, escape

from docbind.backends.docs.markdown import (
    VIEW_FILTERS,
    FieldTable,
    error_operations,
    field_tables,
    object_heading,
    operation_errors,
    quick_start_call,
    signer_uses,
    slug,
)
from docbind.backends.docs.site_search import (
    INDEX_FILE,
    SCRIPT_FILE,
    SearchEntry,
    index_script,
    note_entries,
)
from docbind.backends.env import environment
from docbind.ir.model import Api, Field, Operation, Sample


def breakable(name: str) -> Markup:
    """An identifier that may wrap only after ``_`` or ``.``: never mid-word (``AUTH_BY_K|ICC``)."""
    text = str(escape(name))
    return Markup(text.replace("_", "_<wbr>").replace(".", ".<wbr>"))


@cache
def site_environment() -> jinja2.Environment:
    env = environment().overlay(autoescape=True)
    env.filters = {**env.filters, **VIEW_FILTERS, "breakable": breakable}
    return env


def _static(name: str) -> str:
    env = site_environment()
    assert env.loader is not None
    text, _, _ = env.loader.get_source(env, name)
    return text


def field_anchor(table: FieldTable, field: Field) -> str:
    return slug(f"{table.title} {field.wire_name}")


def op_url(api: Api, op: Operation) -> str:
    return f"{api.package}/operations/{op.name}.html"


def _short(text: str, limit: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _operation_entries(api: Api, op: Operation) -> list[SearchEntry]:
    url = op_url(api, op)
    entries = [{"t": op.name, "k": "operation", "c": f"{api.name}: {op.summary}", "u": url}]
    for table in field_tables(api, op):
        for f in table.fields:
            entries.append(
                {
                    "t": f.wire_name,
                    "k": "field",
                    "c": f"{op.name} · {table.title} · {f.py_name} · {_short(f.doc)}",
                    "s": " ".join(" ".join([f.doc, *(n.text for n in f.notes)]).split()),
                    "u": f"{url}#{field_anchor(table, f)}",
                }
            )
    return entries


def search_index(apis: Sequence[Api]) -> list[SearchEntry]:
    """What the search box finds: APIs, operations, fields, code tables, codes, errors, and
    every note and assumption."""
    entries: list[SearchEntry] = []
    for api in apis:
        pkg = api.package
        entries.append({"t": api.name, "k": "API", "c": api.summary, "u": f"{pkg}/index.html"})
        for op in api.operations:
            entries.extend(_operation_entries(api, op))
        for table in api.codes:
            anchor = f"{pkg}/codes.html#{slug('Code table ' + table.name)}"
            entries.append({"t": table.name, "k": "code table", "c": table.doc, "u": anchor})
            entries.extend(
                {"t": v.code, "k": "code", "c": f"{table.name} · {v.label}", "u": anchor}
                for v in table.values
            )
        entries.extend(
            {
                "t": e.code,
                "k": "error",
                "c": f"{api.name} · {e.exception} · {e.message}",
                "u": f"{pkg}/errors.html#{slug('error ' + e.code)}",
            }
            for e in api.errors.entries
        )
        entries.extend(note_entries(api))
    return entries


def beside_samples(op: Operation, tables: Sequence[FieldTable]) -> dict[str, Sample]:
    """The first request and response samples, keyed by the title of the first table of their
    side: the page shows each beside those fields."""
    found: dict[str, Sample] = {}
    for side in ("request", "response"):
        sample = next((s for s in op.samples if s.direction == side), None)
        table = next((t for t in tables if t.side == side and t.fields), None)
        if sample is not None and table is not None:
            found[table.title] = sample
    return found


def render_site(apis: Sequence[Api]) -> dict[str, str]:
    """Every page of the site for ``apis``."""
    env = site_environment()
    shared = {
        "apis": apis,
        "scripts": (INDEX_FILE, SCRIPT_FILE),
        "style": Markup(_static("site/style.css")),
        "object_heading": object_heading,
        "field_anchor": field_anchor,
    }

    def page(template: str, path: str, **context: object) -> tuple[str, str]:
        root = "../" * path.count("/")
        html = env.get_template(template).render(root=root, path=path, **shared, **context)
        return path, html

    files = dict([page("site/index.html.j2", "index.html")])
    files[INDEX_FILE] = index_script(search_index(apis))
    files[SCRIPT_FILE] = _static("site/search.js")
    for api in apis:
        pkg = api.package
        about = {"api": api, "error_operations": error_operations(api)}
        files.update(
            [
                page(
                    "site/api.html.j2", f"{pkg}/index.html", signer_uses=signer_uses(api), **about
                ),
                page("site/codes.html.j2", f"{pkg}/codes.html", **about),
                page("site/errors.html.j2", f"{pkg}/errors.html", **about),
            ]
        )
        for op in api.operations:
            tables = field_tables(api, op)
            files.update(
                [
                    page(
                        "site/operation.html.j2",
                        op_url(api, op),
                        op=op,
                        tables=tables,
                        beside=beside_samples(op, tables),
                        errors=operation_errors(api, op),
                        call=quick_start_call(op),
                        **about,
                    )
                ]
            )
    return files
