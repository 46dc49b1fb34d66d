"""The static HTML reference site of ``docbind docs``: ``{relative path: text}``, nothing written.

Every page is rendered with autoescaping on, so no spec string can add markup. The search index is
JSON inside a ``<script type="application/json">`` block with ``<``, ``>`` and ``&`` written as
``\\u`` escapes, and the only script that may run is the site's own: each page's Content Security
Policy allows exactly its hash and no network access at all, so the site works from disk offline.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import jinja2
from markupsafe import Markup

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
from docbind.backends.env import environment
from docbind.ir.model import Api, Field, Operation

SearchEntry = dict[str, str]


@dataclass(frozen=True, slots=True)
class Script:
    """The site's inline script and the CSP source that allows exactly it."""

    text: Markup
    csp_source: Markup  # base64 and quotes only: written as is


@cache
def site_environment() -> jinja2.Environment:
    env = environment().overlay(autoescape=True)
    env.filters = {**env.filters, **VIEW_FILTERS}
    return env


def _static(name: str) -> str:
    env = site_environment()
    assert env.loader is not None
    text, _, _ = env.loader.get_source(env, name)
    return text


@cache
def _script() -> Script:
    text = _static("site/search.js").strip()
    if "</" in text:  # would end the inline <script> element early
        raise ValueError("templates/site/search.js must not contain '</'")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return Script(Markup(text), Markup(f"'sha256-{digest}'"))


def embedded_json(value: object) -> Markup:
    """JSON that is inert inside a ``<script>`` element: no ``</script>``, no ``<!--``."""
    text = json.dumps(value, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


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
                    "u": f"{url}#{field_anchor(table, f)}",
                }
            )
    return entries


def search_index(apis: Sequence[Api]) -> list[SearchEntry]:
    """What the search box finds: APIs, operations, fields, code tables, codes and errors."""
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
    return entries


def render_site(apis: Sequence[Api]) -> dict[str, str]:
    """Every page of the site for ``apis``."""
    env = site_environment()
    shared = {
        "apis": apis,
        "search": embedded_json(search_index(apis)),
        "script": _script(),
        "style": Markup(_static("site/style.css")),
        "object_heading": object_heading,
        "field_anchor": field_anchor,
    }

    def page(template: str, path: str, **context: object) -> tuple[str, str]:
        root = "../" * path.count("/")
        html = env.get_template(template).render(root=root, path=path, **shared, **context)
        return path, html

    files = dict([page("site/index.html.j2", "index.html")])
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
            files.update(
                [
                    page(
                        "site/operation.html.j2",
                        op_url(api, op),
                        op=op,
                        tables=field_tables(api, op),
                        errors=operation_errors(api, op),
                        call=quick_start_call(op),
                        **about,
                    )
                ]
            )
    return files
