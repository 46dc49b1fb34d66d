"""IR → an OpenAPI 3.1 document, for Swagger UI, Redoc, schemathesis and other generators.

Limits JSON Schema can state use its keywords (``maxLength``, ``minimum``, ``multipleOf``,
``pattern``, ``enum``, ``if``/``then`` for conditional requiredness); the rest are ``x-docbind-``
extensions (byte lengths, documented date patterns, computed values, sensitivity, sources, notes).
Fields keep the document's order; paths and component schemas are sorted.
"""

from __future__ import annotations

import json
from typing import Any, Literal

import yaml

from docbind.backends import json_text
from docbind.backends.docs.markdown import operation_errors
from docbind.backends.openapi_security import (
    notes_extension,
    publishing_info,
    security_components,
    signers_extension,
)
from docbind.ir.constraints import OPENAPI, keywords
from docbind.ir.model import Api, CodeTable, ErrorDef, Field, Operation, Sample

Schema = dict[str, Any]
OPENAPI_VERSION = "3.1.0"


def _ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def _annotate(schema: Schema, f: Field) -> Schema:
    """Facts about a field that are not limits: docs, defaults, computed values, notes."""
    extra: Schema = {"x-docbind-python-name": f.py_name}
    if f.doc:
        extra["description"] = f.doc
    if f.default is not None:
        extra["default"] = f.default
    if f.example is not None:
        extra["examples"] = [f.example]
    if f.computed is not None:
        extra["x-docbind-computed"] = f.computed.describe()
    if f.sensitive:
        extra["x-docbind-sensitive"] = True
    extra |= {"x-docbind-encrypt": f.encrypt} if f.encrypt else {}  # limits: the plain text's
    extra |= {"x-docbind-url-encoded": True} if f.url_encoded else {}
    if f.source != "document":
        extra["x-docbind-source"] = f.source
    if f.notes:
        extra["x-docbind-notes"] = notes_extension(f.notes)
    return {**schema, **extra}


def field_schema(f: Field) -> Schema:
    """The schema of one field, every documented limit included (``constraints`` in order)."""
    if f.type == "object":
        schema = _ref(f.model or f.wire_name)
    elif f.type == "array":
        assert f.items is not None  # the checker guarantees it
        schema = {"type": "array", "items": field_schema(f.items)}
    elif f.codes is not None:
        schema = {}  # the code table's $ref leads the keywords
    elif f.type in ("integer", "decimal"):
        schema = {"type": "integer" if f.type == "integer" else "number"}
    else:
        schema = {"type": "boolean" if f.type == "boolean" else "string"}
    return _annotate({**schema, **keywords(f, OPENAPI)}, f)


def _conditions(fields: tuple[Field, ...]) -> list[Schema]:
    """``required_when`` as JSON Schema: if every sibling matches, then the field is required."""
    rules = []
    for f in fields:
        if not f.required_when:
            continue
        match = {c.field: {"enum": list(c.values)} for c in f.required_when}
        rules.append(
            {
                "if": {"properties": match, "required": sorted(match)},
                "then": {"required": [f.wire_name]},
            }
        )
    return rules


def object_schema(doc: str, fields: tuple[Field, ...]) -> Schema:
    schema: Schema = {
        "type": "object",
        "properties": {f.wire_name: field_schema(f) for f in fields},
    }
    if doc:
        schema["description"] = doc
    required = [f.wire_name for f in fields if f.required]
    if required:
        schema["required"] = required
    rules = _conditions(fields)
    if rules:
        schema["allOf"] = rules
        schema["x-docbind-required-when"] = [
            {"field": f.wire_name, "when": {c.field: list(c.values) for c in f.required_when}}
            for f in fields
            if f.required_when
        ]
    return schema


def code_schema(table: CodeTable) -> Schema:
    def described(label: str, doc: str) -> str:
        return f"{label}: {doc}" if label and doc else label or doc

    schema: Schema = {
        "type": "string",
        "enum": [v.code for v in table.values],
        "oneOf": [
            {"const": v.code, "title": v.label, "description": described(v.label, v.doc)}
            for v in table.values
        ],
        "x-enum-varnames": [v.member for v in table.values],
        "x-enum-descriptions": [described(v.label, v.doc) for v in table.values],
    }
    if table.doc:
        schema["description"] = table.doc
    if table.source != "document":
        schema["x-docbind-source"] = table.source
    notes = [*table.notes, *(n for v in table.values for n in v.notes)]
    if notes:
        schema["x-docbind-notes"] = notes_extension(tuple(notes))
    return schema


def _models(fields: tuple[Field, ...], out: dict[str, Schema]) -> None:
    """A component for every object below ``fields``, under the name ``field_schema`` refers
    to it by: objects in arrays of arrays included (issue 14, failure 7)."""
    for f in fields:
        if f.type == "object":
            out[f.model or f.wire_name] = object_schema(f.doc, f.fields)
            _models(f.fields, out)
        elif f.items is not None:
            _models((f.items,), out)


def components(api: Api) -> Schema:
    schemas: dict[str, Schema] = {t.name: code_schema(t) for t in api.codes}
    for op in api.operations:
        schemas[op.request.model] = object_schema(op.summary, op.request.body)
        schemas[op.response.model] = object_schema(op.summary, op.response.body)
        _models(op.request.body, schemas)
        _models(op.response.body, schemas)
    return {"schemas": dict(sorted(schemas.items()))}


def _examples(samples: tuple[Sample, ...], direction: Literal["request", "response"]) -> Schema:
    found: Schema = {}
    for s in samples:
        if s.direction != direction:
            continue
        example: Schema = {"summary": s.doc or s.name, "value": s.payload}
        if s.placeholders:
            example["x-docbind-placeholders"] = True
        if s.deviations:
            example["x-docbind-deviations"] = [
                {"path": d.path, "note": d.note} for d in s.deviations
            ]
        if s.notes:
            example["x-docbind-notes"] = notes_extension(s.notes)
        found[s.name] = example
    return found


def _media(op: Operation, model: str, direction: Literal["request", "response"]) -> Schema:
    media: Schema = {"schema": _ref(model)}
    examples = _examples(op.samples, direction)
    if examples:
        media["examples"] = examples
    return {op.content_type: media}


def _header(f: Field) -> Schema:
    """A parameter or response header: the field's description beside its schema."""
    schema = field_schema(f)
    description = schema.pop("description", "")
    return {
        "required": f.required,
        **({"description": description} if description else {}),
        "schema": schema,
    }


def _parameters(api: Api, op: Operation) -> list[Schema]:
    """Path, query and header parameters, each in the document's order."""
    return [
        {"name": f.wire_name, "in": where, **_header(f)}
        for where, fields in (
            ("path", op.request.path),
            ("query", op.request.query),
            ("header", api.headers + op.request.headers),
        )
        for f in fields
    ]


def _error_body(api: Api, errors: list[ErrorDef]) -> Schema:
    code_field, message_field = api.errors.code_field, api.errors.message_field
    if code_field is None:
        return {}
    properties: Schema = {code_field: {"type": "string"}}
    if message_field:
        properties[message_field] = {"type": "string"}
    examples = {
        e.code: {
            "summary": f"{e.exception}: {e.message}",
            "value": {code_field: e.code, **({message_field: e.message} if message_field else {})},
        }
        for e in errors
    }
    schema = {"type": "object", "properties": properties, "required": [code_field]}
    return {"content": {"application/json": {"schema": schema, "examples": examples}}}


def _error_entries(errors: list[ErrorDef]) -> list[Schema]:
    return [
        {
            "http_status": e.http_status,
            "code": e.code,
            "message": e.message,
            "description": e.doc,
            "exception": e.exception,
            **({"notes": notes_extension(e.notes)} if e.notes else {}),
        }
        for e in errors
    ]


def _success_text(op: Operation) -> str:
    text = "Success: HTTP " + " or ".join(str(s) for s in op.success.http_status)
    if op.success.field is not None:
        text += f" and {op.success.field} is " + " or ".join(map(json.dumps, op.success.equals))
    return text + "."


def responses(api: Api, op: Operation) -> Schema:
    errors = operation_errors(api, op)
    out: Schema = {}
    for status in op.success.http_status:
        ok: Schema = {"description": _success_text(op)}
        if op.response.headers:
            ok["headers"] = {f.wire_name: _header(f) for f in op.response.headers}
        ok["content"] = _media(op, op.response.model, "response")
        in_body = [e for e in errors if e.http_status in (None, status)]
        if in_body:
            ok["x-docbind-errors"] = _error_entries(in_body)
        out[str(status)] = ok
    statuses = sorted({e.http_status for e in errors if e.http_status is not None})
    for status in (s for s in statuses if str(s) not in out):
        group = [e for e in errors if e.http_status == status]
        listed = "; ".join(f"{e.code} ({e.exception}): {e.message}" for e in group)
        out[str(status)] = {
            "description": f"Documented errors: {listed}",
            **_error_body(api, group),
            "x-docbind-errors": _error_entries(group),
        }
    out["default"] = {"description": "Any other answer raises ApiError."}
    return out


def operation(api: Api, op: Operation) -> Schema:
    doc: Schema = {
        "operationId": op.name,
        "summary": op.summary,
        "description": op.doc,
        "tags": [api.name],
        "parameters": _parameters(api, op),
    }
    if op.request.body:
        doc["requestBody"] = {"required": True, "content": _media(op, op.request.model, "request")}
    doc["responses"] = responses(api, op)
    if api.auth and api.auth.token and api.auth.token.operation == op.name:
        doc["security"] = []  # the token operation is how a client gets its token
    doc["x-docbind-python-method"] = op.name
    doc["x-docbind-timeout-seconds"] = op.timeout
    if op.idempotency_key:
        doc["x-docbind-idempotency-key"] = op.idempotency_key
    doc["x-docbind-retry"] = {
        "safe": op.retry.safe,
        "on": list(op.retry.on),
        "max_retries": op.retry.max_retries,
        **({"notes": notes_extension(op.retry.notes)} if op.retry.notes else {}),
    }
    if op.recovery:
        doc["x-docbind-recovery"] = [
            {
                "name": r.name,
                "description": r.doc,
                "when_request": {c.field: list(c.values) for c in r.when_request},
                "when_response": {c.field: list(c.values) for c in r.when_response},
                "resend": dict(r.resend),
                "max_attempts": r.max_attempts,
            }
            for r in op.recovery
        ]
    if op.notes:
        doc["x-docbind-notes"] = notes_extension(op.notes)
    return doc


def _servers(api: Api) -> list[Schema]:
    ordered = sorted(api.environments, key=lambda e: e.name != api.default_environment)
    return [
        {
            "url": e.url,
            "description": e.name
            + (" (default)" if e.name == api.default_environment else "")
            + (f": {e.doc}" if e.doc else ""),
            "x-docbind-environment": e.name,
            "x-docbind-source": e.source,
        }
        for e in ordered
    ]


def _info(api: Api) -> Schema:
    return {
        "title": api.name,
        "version": api.version,
        **({"summary": api.summary} if api.summary else {}),
        **publishing_info(api),
        "x-docbind-package": api.package,
        "x-docbind-documents": list(api.documents),
        "x-docbind-encoding": api.encoding,
        "x-docbind-timeout-seconds": api.timeout,
        "x-docbind-credentials": [
            {"name": c.name, "description": c.doc, "secret": c.secret} for c in api.credentials
        ],
        "x-docbind-signers": signers_extension(api),
        "x-docbind-errors": {
            "code_field": api.errors.code_field,
            "message_field": api.errors.message_field,
            "table": _error_entries(list(api.errors.entries)),
            "notes": notes_extension(api.errors.notes),
        },
        "x-docbind-notes": notes_extension(api.notes),
    }


def openapi_document(api: Api) -> Schema:
    paths: dict[str, Schema] = {}
    for op in sorted(api.operations, key=lambda o: (o.path, o.method)):
        paths.setdefault(op.path, {})[op.method.lower()] = operation(api, op)
    return {
        "openapi": OPENAPI_VERSION,
        "info": _info(api),
        "servers": _servers(api),
        "tags": [{"name": api.name, "description": api.summary}],
        "paths": paths,
        "components": {**components(api), **security_components(api)},
        **({"security": [{"auth": []}]} if api.auth else {}),
    }


def dump_openapi(document: Schema, fmt: Literal["json", "yaml"] | str) -> str:
    if fmt == "yaml":
        return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
    return json_text.dumps(document, indent=2) + "\n"
