"""The Markdown reference inside a generated package: ``README.md`` and ``docs/<operation>.md``.

The helpers that turn IR values into reader-facing text (field tables, types, limits, defaults,
the quick start) live here and are shared with the HTML site (``site.py``), so both say the same.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Literal

import jinja2

from docbind.backends.emitter import Baseline, Emitted
from docbind.backends.env import environment
from docbind.ir.constraints import Phrase, phrases
from docbind.ir.media import sends_body
from docbind.ir.model import (
    Api,
    CodeValue,
    Environment,
    ErrorDef,
    Field,
    Note,
    Operation,
    Scalar,
    Webhook,
)
from docbind.ir.names import env_var

Side = Literal["request", "response"]


@dataclass(frozen=True, slots=True)
class FieldTable:
    """One table of fields: a request's path or query parameters, a message's headers or body,
    or a nested object's children."""

    title: str  # "Request body", "Object RefundInfo"
    side: Side
    model: str | None  # class name when the table is a model (body or object)
    fields: tuple[Field, ...]
    parent: str | None  # wire name of the field holding a nested object


def children(field: Field) -> tuple[Field, ...]:
    """The fields of an object, or of an array's object items."""
    if field.type == "object":
        return field.fields
    if field.items is not None and field.items.type == "object":
        return field.items.fields
    return ()


def object_heading(model: str) -> str:
    return f"Object {model}"


def _nested(fields: tuple[Field, ...], side: Side) -> list[FieldTable]:
    tables: list[FieldTable] = []
    for field in fields:
        kids = children(field)
        if kids:
            model = field.model or field.wire_name
            tables.append(FieldTable(object_heading(model), side, model, kids, field.wire_name))
            tables.extend(_nested(kids, side))
    return tables


def field_tables(api: Api, op: Operation) -> list[FieldTable]:
    """Every table of an operation, in reading order: request, then response; nested after."""
    req, res = op.request, op.response
    tables = [
        FieldTable("Path parameters", "request", None, req.path, None),
        FieldTable("Query parameters", "request", None, req.query, None),
        FieldTable("Request headers", "request", None, api.headers + req.headers, None),
        *(
            [FieldTable("Request body", "request", req.model, req.body, None)]
            if sends_body(op.method, len(req.body))
            else []
        ),
        *_nested(req.body, "request"),
        FieldTable("Response headers", "response", None, res.headers, None),
        FieldTable("Response body", "response", res.model, res.body, None),
        *_nested(res.body, "response"),
    ]
    return [t for t in tables if t.fields or t.model is not None]


def content_text(op: Operation) -> str:
    """What the Content type row says: the media type, or that nothing is sent."""
    return op.content_type if sends_body(op.method, len(op.request.body)) else ""


def type_text(field: Field) -> str:
    """``string``, ``decimal (1 place)``, ``date yyyyMMdd``, ``array of string``."""
    if field.type == "array" and field.items is not None:
        return f"array of {type_text(field.items)}"
    return " ".join([field.type, *(p.text for p in phrases(field, "type"))])


def limit_phrases(field: Field) -> list[Phrase]:
    """The documented limits for the "Length / limits" column, in words (a pattern as code)."""
    return phrases(field, "limits")


def code_tables(field: Field) -> list[str]:
    """The code table a field's values come from, for the "Codes" column."""
    return [p.text for p in phrases(field, "codes")]


def default_text(field: Field) -> str:
    if field.computed is not None:
        return f"computed: {field.computed.explain}"
    if field.default is not None:
        return f"default {json.dumps(field.default, ensure_ascii=False)}"
    return ""


def described(item: Field | Environment | CodeValue | ErrorDef | Webhook) -> list[tuple[str, str]]:
    """A description cell: the document's words, then (label, text) facts and notes."""
    parts = [("", item.doc)] if item.doc else []
    if isinstance(item, Field) and item.sensitive:
        parts.append(("Sensitive", "masked in reprs, logs and error messages."))
    if isinstance(item, Field) and item.encrypt:
        parts.append(
            ("Encrypted", f"[ENC] sent encrypted ({item.encrypt}); limits hold for the plain text.")
        )
    if isinstance(item, Field) and item.url_encoded:
        parts.append(
            ("URL-encoded", "percent-encoded on the wire; the model holds the decoded text.")
        )
    if item.source == "provider-docs":
        parts.append(("Source", "the provider's wider documentation."))
    parts.extend((note_label(n), n.text) for n in item.notes)
    return parts


def note_label(note: Note) -> str:
    """``Note (document)`` or ``Assumption (provider docs)``."""
    source = "provider docs" if note.source == "provider-docs" else "document"
    return f"{note.kind.capitalize()} ({source})"


def operation_errors(api: Api, op: Operation) -> list[ErrorDef]:
    wanted = set(op.errors)
    return [e for e in api.errors.entries if e.code in wanted]


def error_operations(api: Api) -> dict[str, list[str]]:
    """Error code → names of the operations that document it."""
    return {
        e.code: [op.name for op in api.operations if e.code in op.errors]
        for e in api.errors.entries
    }


def signer_uses(api: Api) -> dict[str, list[str]]:
    """Signer name → ``operation.field`` names whose value it computes."""
    uses: dict[str, list[str]] = {s.name: [] for s in api.signers}
    for op in api.operations:
        for table in field_tables(api, op):
            for f in table.fields:
                if f.computed and f.computed.kind == "signature" and f.computed.arg in uses:
                    uses[f.computed.arg].append(f"{op.name}: {f.wire_name}")
    return {name: sorted(set(found)) for name, found in uses.items()}


def seconds(value: float) -> str:
    """``30 s``, ``500 ms``, ``2 min``."""
    if value < 1:
        return f"{round(value * 1000)} ms"
    if value >= 60 and value % 60 == 0:
        return f"{int(value // 60)} min"
    return f"{value:g} s"


def slug(text: str) -> str:
    """The anchor GitHub (and the HTML site) gives a heading with this text."""
    lowered = unicodedata.normalize("NFC", text).strip().lower()
    kept = re.sub(r"[^\w\- ]", "", lowered)
    return kept.replace(" ", "-")


# --- the quick start --------------------------------------------------------------------------


def _literal(value: object) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool | int | float):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)


def _sample_value(field: Field, sample: object) -> str:
    kids = children(field)
    if field.type == "object" and kids:
        given = sample if isinstance(sample, dict) else {}
        args = ", ".join(f"{k}={v}" for k, v in call_arguments(kids, given))
        return f"{field.model or field.wire_name}({args})"
    if sample is not None and not isinstance(sample, list | dict):
        return _literal(sample)
    if field.example is not None:
        return _literal(field.example)
    return _placeholder(field)


def _placeholder(field: Field) -> str:
    if field.type in ("integer", "decimal"):
        return _literal(field.minimum if field.minimum is not None else 1000)
    if field.type == "boolean":
        return "True"
    if field.type == "array":
        return "[]"
    return _literal(f"<{field.wire_name}>")


def call_arguments(fields: tuple[Field, ...], sample: dict[str, object]) -> list[tuple[str, str]]:
    """Keyword arguments for an example call: the required fields the caller must give."""
    return [
        (f.py_name, _sample_value(f, sample.get(f.wire_name)))
        for f in fields
        if f.required and f.computed is None and f.default is None
    ]


def quick_start_call(op: Operation) -> list[tuple[str, str]]:
    sample = next((s.payload for s in op.samples if s.direction == "request"), {})
    return call_arguments(op.request.fields, dict(sample))


def quick_start_models(op: Operation) -> list[str]:
    """Model classes the example call constructs (imported in the quick start)."""
    return sorted({model for _, value in quick_start_call(op) for model in _models_in(value)})


def _models_in(value: str) -> list[str]:
    return re.findall(r"\b([A-Z][A-Za-z0-9_]*)\(", value)


# --- Markdown escaping ----------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*\[\]<>|#~])|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])|&")


def md(text: object) -> str:
    """Spec text as inline Markdown: literal, one line, safe inside a table cell."""
    raw = str(text)

    def escape(match: re.Match[str]) -> str:
        found = match.group(0)
        return "&amp;" if found == "&" else "\\" + found

    lines = [_MD_SPECIAL.sub(escape, line.strip()) for line in raw.splitlines()]
    return "<br>".join(line for line in lines if line)


def code(text: object) -> str:
    """A code span that holds any text, safe inside a table cell."""
    raw = " ".join(str(text).split())
    longest = max((len(run) for run in re.findall(r"`+", raw)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if raw.startswith("`") or raw.endswith("`") or longest else ""
    return f"{fence}{pad}{raw.replace('|', chr(92) + '|')}{pad}{fence}"


def fenced(text: str, lang: str) -> str:
    """A fenced code block around ``text``, the fence longer than any backtick run inside."""
    longest = max((len(run) for run in re.findall(r"`{3,}", text)), default=2)
    fence = "`" * (longest + 1)
    return f"{fence}{lang}\n{text}\n{fence}"


def pretty_json(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


def scalar_text(value: Scalar) -> str:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)


VIEW_FILTERS = {
    "content_text": content_text,
    "type_text": type_text,
    "limit_phrases": limit_phrases,
    "code_tables": code_tables,
    "default_text": default_text,
    "note_label": note_label,
    "described": described,
    "seconds": seconds,
    "slug": slug,
    "children": children,
    "pretty_json": pretty_json,
    "scalar": scalar_text,
}


@cache
def markdown_environment() -> jinja2.Environment:
    env = environment().overlay()
    env.filters = {**env.filters, **VIEW_FILTERS, "md": md, "code": code, "fenced": fenced}
    return env


class PackageDocsEmitter:
    """The registered emitter of the package's Markdown reference."""

    name = "package-docs"
    portable = True  # may run in a worker process: its output depends on the API alone

    def emit(self, api: Api, previous: Baseline) -> Emitted:
        return Emitted(files=render_package_docs(api))


def render_package_docs(api: Api) -> dict[str, str]:
    """``README.md`` and ``docs/<operation>.md`` of the generated package."""
    env = markdown_environment()
    common = {
        "api": api,
        "object_heading": object_heading,
        "error_operations": error_operations(api),
        "signer_uses": signer_uses(api),
        "env_var": env_var,
        "quick_op": api.operations[0] if api.operations else None,
        "quick_call": quick_start_call(api.operations[0]) if api.operations else [],
        "quick_models": quick_start_models(api.operations[0]) if api.operations else [],
    }
    files = {"README.md": env.get_template("docs/README.md.j2").render(**common)}
    for op in api.operations:
        files[f"docs/{op.name}.md"] = env.get_template("docs/operation.md.j2").render(
            op=op,
            tables=field_tables(api, op),
            errors=operation_errors(api, op),
            call=quick_start_call(op),
            call_models=quick_start_models(op),
            **common,
        )
    return files
