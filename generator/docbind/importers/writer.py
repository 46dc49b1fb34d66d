"""Write a draft API as a docbind spec folder: ``api.yaml`` and one operation file.

Everything the importer could not decide is a ``TODO:`` note next to what it is about, so
``grep TODO`` lists the work left; nothing is filled in silently. Placeholders the format needs
(a method, a base URL) are marked as such.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docbind.frontend.params import placeholders
from docbind.importers.api_parts import code_table, environments_of, errors_section
from docbind.importers.codes import all_fields
from docbind.importers.model import DraftApi, DraftField, DraftOperation, DraftSample
from docbind.importers.naming import pascal_from_text, snake_from_text
from docbind.importers.yaml_out import Flow, document

# A spec folder sits in spec/, beside spec/schema.json (docs/spec-format.md).
CONVENTIONAL_SCHEMA = "../schema.json"
_PLACEHOLDER = re.compile(r"^\{[^{}]+\}$")

Deviations = dict[int, list[tuple[str, str]]]  # sample index → (path, problem)


@dataclass
class DraftNames:
    name: str
    package: str
    operation: str
    schema: str = CONVENTIONAL_SCHEMA  # where the files' modeline points


def schema_reference(out: Path | None) -> str:
    """The modeline's path from the draft folder ``out`` to the spec/schema.json of the project
    holding it, relative so the project can move; without one (or without ``out``), the path
    that is right once the draft is moved to spec/<name>/."""
    if out is None:
        return CONVENTIONAL_SCHEMA
    folder = out.resolve()
    for ancestor in folder.parents:
        schema = ancestor / "spec" / "schema.json"
        if schema.is_file():
            return Path(os.path.relpath(schema, folder)).as_posix()
    return CONVENTIONAL_SCHEMA


@dataclass
class _Models:
    taken: set[str] = field(default_factory=set)


def draft_files(
    api: DraftApi,
    names: DraftNames,
    deviations: Deviations | None = None,
    with_samples: bool = True,
) -> dict[str, str]:
    op_file = f"{names.operation}.yaml"
    header = (
        f"Draft spec imported by `docbind import` from {api.document} "
        f"({api.layout} layout).\n"
        "Review every TODO note against the document, then remove it."
    )
    return {
        "api.yaml": document(_api(api, names, op_file), header, names.schema),
        op_file: document(
            _operation(api, names, deviations or {}, with_samples), header, names.schema
        ),
    }


def _todos(todos: list[str]) -> list[str]:
    return [f"TODO: {t}" for t in todos]


def _api(api: DraftApi, names: DraftNames, op_file: str) -> dict[str, Any]:
    environments, default, url_todos = environments_of(api)
    data: dict[str, Any] = {
        "docbind": 1,
        "name": names.name,
        "package": names.package,
        "version": "0.1.0",
        "summary": api.operation.summary or names.name,
        "documents": [api.document],
        "encoding": "utf-8",
        "environments": environments,
        "default_environment": default,
        "credentials": {},
        "codes": {t.name: code_table(t) for t in api.codes},
        "errors": errors_section(api.errors),
        "operations": [op_file],
        "notes": [*api.notes, *_todos([*url_todos, *api.todos])],
    }
    unitless = [f.name for f in _fields(api) if f.unitless]
    if unitless:
        data["notes"].append(
            f"TODO: Lengths are written without a unit (as {unitless[0]}'s): "
            "read as characters (chars). Use bytes if the provider counts bytes."
        )
    if any(f.bytes for f in _fields(api)):
        data["notes"].append(
            "TODO: The document gives lengths in bytes but does not say how "
            "they are counted; encoding utf-8 is assumed."
        )
    return data


def _fields(api: DraftApi) -> list[DraftField]:
    return list(all_fields(api))


def _operation(
    api: DraftApi, names: DraftNames, deviations: Deviations, with_samples: bool
) -> dict[str, Any]:
    op, todos = api.operation, list(api.operation.todos)
    if op.method is None:
        todos.append("The document does not give the HTTP method; POST is a placeholder.")
    if op.path is None:
        todos.append("The document does not give the path; / is a placeholder.")
    prefix = pascal_from_text(names.operation, "Op")
    models = _Models(
        {f"{prefix}{s}" for s in ("Request", "Response")} | {t.name for t in api.codes}
    )
    data: dict[str, Any] = {
        "operation": names.operation,
        "summary": op.summary or names.name,
        "method": op.method or "POST",
        "path": _path(op.path or "/", todos),
    }
    data |= {"doc": op.doc} if op.doc else {}
    data |= {"content_type": op.content_type} if _form_fits(op, todos) else {}
    data |= {"timeout": op.timeout} if op.timeout else {}
    for direction in ("request", "response"):
        message = op.message(direction)
        if not message.body and not message.headers and not message.query:
            todos.append(f"The document lists no {direction} fields.")
        data[direction] = {
            "headers": _fields_map(message.headers, models, ""),
            "body": _fields_map(message.body, models, ""),
        }
    query = _fields_map(op.request.query, models, "")
    data["request"] = _parameters(data["method"], data["path"], data["request"], todos)
    if query:
        data["request"]["query"] = {**data["request"].get("query", {}), **query}
    if with_samples and op.samples:
        in_url = {*data["request"].get("path", {}), *data["request"].get("query", {})}
        data["samples"] = [
            _sample(s, i, deviations.get(i, []), op.samples, in_url)
            for i, s in enumerate(op.samples)
        ]
    data["notes"] = [*op.notes, *_todos(todos)]
    return data


def _form_fits(op: DraftOperation, todos: list[str]) -> bool:
    """A form body holds only scalars: with a nested object the content type is left out."""
    if not op.content_type:
        return False
    nested = [f.name for f in op.request.body if f.type in ("object", "array")]
    if "x-www-form-urlencoded" in op.content_type.lower() and nested:
        todos.append(
            f"The document gives the content type {op.content_type}, but {', '.join(nested)} "
            "nest fields, which docbind's forms cannot send; the content type is left out. "
            "Describe how the provider encodes them."
        )
        return False
    return True


_SCALARS = ("string", "integer", "decimal", "boolean", "date", "datetime", "time")


def _parameters(
    method: str, path: str, request: dict[str, Any], todos: list[str]
) -> dict[str, Any]:
    """Request fields named by a ``{placeholder}`` of the path become path parameters (one the
    tables do not describe is drafted as a string); a GET's fields are its query parameters."""
    body: dict[str, Any] = request["body"]
    params: dict[str, Any] = {}
    for name in dict.fromkeys(placeholders(path)):
        field = body.pop(name, None)
        if field is None or field.get("type") not in ("string", "integer"):
            field = {"type": "string"}
            todos.append(f"The document does not describe the path parameter {{{name}}}.")
        params[name] = {k: v for k, v in field.items() if k != "required"}
    query: dict[str, Any] = {}
    if method == "GET":
        for name, field in list(body.items()):
            if field.get("type") in _SCALARS:
                query[name] = body.pop(name)
        if body:
            todos.append(
                f"A GET request has no body: {', '.join(body)} cannot be query parameters "
                "as drafted; describe how the provider sends them."
            )
            body.clear()
    return {
        **({"path": params} if params else {}),
        **({"query": query} if query else {}),
        **request,
    }


def _path(path: str, todos: list[str]) -> str:
    """The path with each placeholder a usable name: ``{파트너 ID}`` becomes ``{id}``."""

    def rename(m: re.Match[str]) -> str:
        name = m.group(1)
        if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            return m.group(0)
        new = snake_from_text(name, "param")
        todos.append(f"The path placeholder {{{name}}} is drafted as {{{new}}}; rename it.")
        return "{" + new + "}"

    return re.sub(r"\{([^{}]*)\}", rename, path)


def _fields_map(fields: list[DraftField], models: _Models, parent: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields:
        if not f.name:
            continue
        if f.name in out:
            out[f.name].setdefault("notes", []).append(
                f"TODO: The document lists {f.name} again (line {f.line}); that row is left out."
            )
            continue
        out[f.name] = _field(f, models, parent)
    return out


def _field(f: DraftField, models: _Models, parent: str) -> dict[str, Any]:
    data: dict[str, Any] = {"type": f.type}
    optional = {
        "format": f.format,
        "bytes": f.bytes,
        "chars": f.chars,
        "min": f.minimum,
        "max": f.maximum,
        "places": f.places,
    }
    data |= {k: v for k, v in optional.items() if v is not None}
    data |= {"required": True} if f.required and not f.conditional else {}
    data |= {"sensitive": True} if f.sensitive and f.type not in ("object", "array") else {}
    data |= {"codes": f.codes} if f.codes else {}
    data |= {"doc": f.doc} if f.doc else {}
    notes = [*f.notes, *_todos(f.todos)]
    if f.example is not None and (example := _example(f)) is not None:
        data["example"] = example
    elif f.example is not None:
        notes.append(f"Example in the document: {f.example}")
    if f.type == "object" or (f.type == "array" and f.fields):
        holder: dict[str, Any] = data if f.type == "object" else {"type": "object"}
        holder["model"] = _model_name(f, models, parent, notes)
        holder["fields"] = _fields_map(f.fields, models, f.name)
        if not f.fields:  # docbind needs an object's fields: an optional placeholder stands in
            holder["fields"] = {"TODO": {"type": "string", "doc": "Placeholder, not documented."}}
            notes.append(
                f"TODO: The document lists no fields of {f.name}; the optional field TODO "
                "stands in for them. Add the fields (or a model shared with another object)."
            )
        data |= {"items": holder} if f.type == "array" else {}
    elif f.type == "array":
        data["items"] = {"type": "string"}
        notes.append(f"TODO: The document does not describe the elements of {f.name}: strings?")
    if notes:
        data["notes"] = notes
    return data


def _example(f: DraftField) -> str | int | bool | None:
    """The Example column's value, where it plainly fits the drafted field."""
    text = (f.example or "").strip().strip('"')
    if f.type == "integer" and re.fullmatch(r"-?\d+", text.replace(",", "")):
        return int(text.replace(",", ""))
    if f.type == "boolean" and text.lower() in ("true", "false"):
        return text.lower() == "true"
    fits = (f.bytes is None or len(text.encode()) <= f.bytes) and (
        f.chars is None or len(text) <= f.chars
    )
    return text if f.type == "string" and f.codes is None and text and fits else None


def _model_name(f: DraftField, models: _Models, parent: str, notes: list[str]) -> str:
    model = pascal_from_text(f.name, "Model")
    if model in models.taken:
        longer = pascal_from_text(parent + " " + f.name, "Model")
        notes.append(f"Named {longer} because {model} is taken by another object or table.")
        model = longer
    candidate, n = model, 2
    while candidate in models.taken:
        candidate, n = f"{model}{n}", n + 1
    models.taken.add(candidate)
    return candidate


def body_sample(payload: dict[str, Any], in_url: set[str], direction: str) -> dict[str, Any]:
    """A request sample's body: the values the URL carries (path and query) left out."""
    if direction != "request":
        return payload
    return {k: v for k, v in payload.items() if k not in in_url}


def _sample(
    s: DraftSample,
    index: int,
    problems: list[tuple[str, str]],
    samples: list[DraftSample],
    in_url: set[str],
) -> dict[str, Any]:
    same = [x for x in samples[:index] if x.direction == s.direction]
    payload = body_sample(s.payload, in_url, s.direction)
    data: dict[str, Any] = {
        "name": f"document_{s.direction}" + (f"_{len(same) + 1}" if same else ""),
        "direction": s.direction,
        "doc": f"Sample {s.direction} from the document (line {s.line}).",
        "placeholders": has_placeholders(payload),
        "payload": Flow(payload),
    }
    if problems:
        data["deviations"] = [
            {
                "path": path,
                "note": f"TODO: the sample contradicts the table: "
                f"{problem}. Keep it if the document really says so.",
            }
            for path, problem in problems
        ]
    return data


def has_placeholders(value: Any) -> bool:
    if isinstance(value, dict):
        return any(has_placeholders(v) for v in value.values())
    if isinstance(value, list):
        return any(has_placeholders(v) for v in value)
    return isinstance(value, str) and bool(_PLACEHOLDER.match(value))


def hoist_common_todos(api: DraftApi, at_least: int = 3) -> None:
    """A TODO repeated on many fields is said once, at the API, with the fields it is about."""
    owners: dict[str, list[str]] = {}
    fields = list(all_fields(api))
    for f in fields:
        for todo in f.todos:
            owners.setdefault(todo, []).append(f.name)
    common = {todo for todo, names in owners.items() if len(names) >= at_least}
    for f in fields:
        f.todos = [t for t in f.todos if t not in common]
    for todo in sorted(common, key=lambda t: list(owners).index(t)):
        names = ", ".join(dict.fromkeys(n for n in owners[todo] if n))
        api.todos.append(f"{todo} Fields: {names}." if names else todo)
