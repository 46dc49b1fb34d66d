"""What a module of ``_operations/`` needs, derived from the IR: one operation's parameters,
their annotations and docs, and the ``_http.Operation`` literal.

Each operation is one module named after it (``_operations/refund.py``). Its keyword parameters
are written once per client class (``Client`` and ``AsyncClient``), in an ``@overload`` that type
checkers read: required request fields are required keyword-only parameters, every other one is
optional. The methods themselves take ``**arguments`` and map them to wire names through one
table, so the list is not repeated in a forwarding call or a payload dict.
"""

from __future__ import annotations

from dataclasses import dataclass

from docbind.backends.env import docstring
from docbind.backends.pylit import INDENT, LINE_LENGTH, Call, py_str, str_width
from docbind.ir import datefmt
from docbind.ir.media import DEFAULT_CONTENT_TYPE, FORM, media_type, sends_body
from docbind.ir.model import Api, Field, Operation

METHOD_PARAM_INDENT = INDENT * 2
ARGS_INDENT = INDENT * 3  # ``name: doc`` lines of a method docstring's ``Args:`` section
# Operation classes combined into one base class at a time; Python builds a class with many bases
# in time that grows faster than their number (1,000 bases: half a second, 32: well under 1 ms).
GROUP_SIZE = 32
# The per-call options every operation method takes after the request's own parameters.
OPTION_LINES = (
    "timeout: float | httpx.Timeout | None = None,",
    "extra_headers: Mapping[str, str] | None = None,",
    "extra_query: Mapping[str, str] | None = None,",
    "extra_body: Mapping[str, Any] | None = None,",
)
OPTION_DOCS = (
    (
        "extra_headers",
        "Headers the spec does not list, added to the request (one the client "
        "sets from the spec cannot be replaced).",
    ),
    ("extra_query", "Query parameters the spec does not list, added to the URL."),
    (
        "extra_body",
        "Fields the spec does not list, added to the body before any signature "
        "over it is computed (a documented field is passed as its argument).",
    ),
)
RESERVED_PARAMS = frozenset(
    {"self", "request", "cls", "arguments", *(line.split(":")[0] for line in OPTION_LINES)}
)


@dataclass(frozen=True)
class Param:
    name: str  # Python parameter name
    annotation: str
    wire: str  # body field or header name
    required: bool  # a required keyword-only parameter (documented required, not computed)
    doc_lines: tuple[str, ...]  # its ``Args:`` entry, wrapped, without indent


@dataclass(frozen=True)
class OperationView:
    op: Operation
    definition: Call  # the _http.Operation(...) the module's OPERATION holds
    params: tuple[Param, ...]  # in the document's order: path, query, body, then headers
    body: dict[str, str]  # Python name → wire name, for the payload (path, query, body)
    headers: dict[str, str]
    param_lines: tuple[str, ...]  # the keyword-only parameters, as black lays them out
    request_lines: tuple[str, ...]  # ``self, request: models.X, /, *, timeout: ...``, laid out
    computed_lines: tuple[str, ...]  # the docstring's sentence on values never given (signatures)
    option_doc_lines: tuple[str, ...]  # the ``timeout`` and ``extra_*`` entries of ``Args:``
    imports: tuple[str, ...]


def annotation(f: Field) -> str:
    if f.type == "object":
        return f"models.{f.model} | Mapping[str, Any]"
    if f.type == "array":
        assert f.items is not None
        return f"Sequence[{annotation(f.items)}]"
    if f.codes is not None:
        return f"models.{f.codes} | str"
    return {
        "string": "str",
        "integer": "int",
        "decimal": "Decimal | int | str",
        "boolean": "bool",
        "date": "dt.date | str",
        "datetime": "dt.datetime | str",
        "time": "dt.time | str",
    }[f.type]


def _computed(f: Field, path: tuple[str, ...] = (), create: bool = False) -> Call | None:
    if f.computed is None:
        return None
    fmt = datefmt.strftime(f.format) if f.format else None
    nested = (("path", path), ("create", create)) if path else ()
    return Call("_http.Computed", (f.wire_name, f.computed.kind, f.computed.arg, fmt), nested)


def _all_computed(
    fields: tuple[Field, ...], path: tuple[str, ...] = (), create: bool = True
) -> list[Call]:
    """Every computed value, at any depth: a nested object's are filled in where the caller
    gave the object (or, when it and the objects above it are required, in a new one)."""
    found = []
    for f in fields:
        call = _computed(f, path, create)
        if call is not None:
            found.append(call)
        inner = f.items if f.type == "array" and f.items is not None else f
        if inner.type == "object":
            below = create and f.required and f.type == "object"
            found += _all_computed(inner.fields, (*path, f.wire_name), below)
    return found


def _header_rule(f: Field) -> Call:
    return Call(
        "_http.HeaderRule",
        (f.wire_name,),
        (
            ("required", f.required),
            ("max_length", f.length_limit),
            ("in_bytes", f.max_bytes is not None),
            ("exact", f.exact_length),
            ("pattern", f.pattern),
            ("sensitive", f.sensitive),
            *((("default", str(f.default)),) if f.default is not None else ()),
        ),
    )


def _is_argument(f: Field) -> bool:
    """Body fields and headers alike: every value may be given, but a signature, which the
    client computes over the final request (a given one could not match it)."""
    return f.computed is None or f.computed.kind != "signature"


def _is_required(f: Field) -> bool:
    return f.required and f.computed is None and f.default is None


def _param_line(p: Param) -> str:
    """``name: annotation,`` or ``name: annotation | None = None,`` at a method's parameter
    indent; black puts a type that does not fit in parentheses of its own."""
    kind, tail = ("", ",") if p.required else (" | None", " = None,")
    line = f"{p.name}: {p.annotation}{kind}{tail}"
    if len(METHOD_PARAM_INDENT) + str_width(line) <= LINE_LENGTH:
        return line
    inner = f"{METHOD_PARAM_INDENT}{INDENT}{p.annotation}{kind}"
    if kind and str_width(inner) > LINE_LENGTH:  # and a union that still does not fit
        inner = f"{METHOD_PARAM_INDENT}{INDENT}{p.annotation}\n{METHOD_PARAM_INDENT}{INDENT}| None"
    return f"{p.name}: (\n{inner}\n{METHOD_PARAM_INDENT}){tail}"


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?" else text + "."


# Where a parameter other than a body field goes, said in its ``Args:`` entry.
_SENT = {
    "path": "Sent in the path, percent-encoded, as ``{{{}}}``.",
    "query": "Sent as the ``{}`` query parameter.",
    "header": "Sent as the ``{}`` header.",
}


def _doc_text(f: Field, where: str) -> str:
    """The spec's ``doc`` of a field, then what the client does with it."""
    what = "field" if where in ("body", "header") else "parameter"
    parts = [_sentence(f.doc) or f"The ``{f.wire_name}`` {what}."]
    if _is_required(f):  # help() shows the implementation's signature, which cannot say it
        parts.append("Required.")
    if f.required_when:
        parts.append(_sentence("R" + f.requirement[1:]))
    if f.computed is not None:
        parts.append(f"Computed when not given: {f.computed.explain}.")
    if where in _SENT:
        parts.append(_SENT[where].format(f.wire_name))
    return " ".join(p for p in parts if p)


def wrap(text: str, first: str, width: int, hang: str = INDENT) -> tuple[str, ...]:
    """``first`` + ``text`` in lines of at most ``width`` columns (as black counts them),
    continuation lines indented by ``hang``."""
    lines: list[str] = []
    line = first
    for word in docstring(text).split():
        candidate = f"{line} {word}"
        if str_width(candidate) > width and line != first:
            lines.append(line)
            candidate = f"{hang}{word}"
        line = candidate
    lines.append(line)
    return tuple(lines)


def _param(f: Field, name: str, where: str) -> Param:
    typed = annotation(f) if where != "header" else "str"
    doc = wrap(_doc_text(f, where), f"{name}:", LINE_LENGTH - len(ARGS_INDENT))
    return Param(name, typed, f.wire_name, _is_required(f), doc)


def _definition(api: Api, op: Operation, headers: tuple[Field, ...]) -> Call:
    recovery = tuple(
        Call(
            "_http.Recovery",
            (
                r.name,
                tuple((c.field, c.values) for c in r.when_request),
                tuple((c.field, c.values) for c in r.when_response),
                r.resend,
                r.max_attempts,
            ),
        )
        for r in op.recovery
    )
    fields: dict[str, object] = {
        "name": op.name,
        "method": op.method,
        "path": op.path,
        "timeout": op.timeout,
        "request_class": op.request.model,
        "response_class": op.response.model,
        "idempotency_key": op.idempotency_key,
        "retry_safe": op.retry.safe,
        "retry_on": Call("frozenset", (tuple(sorted(op.retry.on)),)),
        "max_retries": op.retry.max_retries,
        "success_statuses": Call("frozenset", (op.success.http_status,)),
        "success_field": op.success.field,
        # One documented value stays a scalar; several are a tuple of accepted values.
        "success_equals": (
            op.success.equals[0] if len(op.success.equals) == 1 else op.success.equals or None
        ),
        "error_code_field": api.errors.code_field,
        "error_message_field": api.errors.message_field,
        "body_computed": tuple(_all_computed(op.request.fields)),
        "header_computed": tuple(c for c in map(_computed, headers) if c),
        "headers": tuple(_header_rule(f) for f in headers),
        "recovery": recovery,
    }
    # Left out at their defaults, so a JSON operation reads as it always did.
    if op.content_type != DEFAULT_CONTENT_TYPE:
        fields["content_type"] = op.content_type
    if not sends_body(op.method, len(op.request.body)):
        fields["body_format"] = "none"
    elif media_type(op.content_type)[0] == FORM:
        fields["body_format"] = "form"
    verified = op.response_signature
    if verified is not None:
        fields["response_signature"] = (verified.signer, verified.where, verified.name)
    if op.request.path:
        fields["path_params"] = tuple(f.wire_name for f in op.request.path)
    if op.request.query:
        fields["query_params"] = tuple(f.wire_name for f in op.request.query)
    fields |= _reading(api, op)
    return Call("_http.Operation", (), tuple(fields.items()))


def _reading(api: Api, op: Operation) -> dict[str, object]:
    """Encrypted request fields, the answer's charset and its URL-encoded fields, where the
    spec has them (left out otherwise, so other operations read as they always did)."""
    found: dict[str, object] = {}
    encrypted = []
    for f in op.request.body:
        recipe = api.cipher(f.encrypt or "")
        if recipe is None:
            continue
        keywords = (("iv", recipe.iv), ("key_format", recipe.key_format))
        encrypted.append(
            Call(
                "_http.Encrypted",
                (f.wire_name, recipe.name, recipe.key_bytes, recipe.mode, recipe.key),
                (*keywords, ("output", recipe.output)),
            )
        )
    if encrypted:
        found["encrypted"] = tuple(encrypted)
    charset = op.response.charset
    if charset is not None:
        found["response_charset"] = (charset.field, charset.values, charset.default)
    decoded = tuple(f.wire_name for f in op.response.body if f.url_encoded)
    if decoded:
        found["url_decoded"] = decoded
    return found


def operation_view(api: Api, op: Operation) -> OperationView:
    headers = (*api.headers, *op.request.headers)
    taken = set(RESERVED_PARAMS)
    params: list[Param] = []
    body: dict[str, str] = {}
    header_names: dict[str, str] = {}
    for fields, where, suffix, table in (
        (op.request.path, "path", "_", body),
        (op.request.query, "query", "_", body),
        (op.request.body, "body", "_", body),
        (headers, "header", "_header", header_names),
    ):
        for f in filter(_is_argument, fields):
            name = f.py_name if f.py_name not in taken else f"{f.py_name}{suffix}"
            taken.add(name)
            params.append(_param(f, name, where))
            table[name] = f.wire_name
    computed = [
        f"``{f.wire_name}`` ({f.computed.explain})"
        for f in (*op.request.fields, *headers)
        if f.computed is not None and not _is_argument(f)
    ]
    doc_width = LINE_LENGTH - len(METHOD_PARAM_INDENT)
    computed_lines = (
        wrap(", ".join(computed) + ".", "Always computed, never arguments:", doc_width, "")
        if computed
        else ()
    )
    timeout = (
        "Seconds each attempt may take, or an ``httpx.Timeout`` (default: the client's, "
        f"else {op.timeout:g} s)."
    )
    width = LINE_LENGTH - len(ARGS_INDENT)
    options = [("timeout", timeout), *OPTION_DOCS]
    return OperationView(
        op=op,
        definition=_definition(api, op, headers),
        params=tuple(params),
        body=body,
        headers=header_names,
        param_lines=tuple(_param_line(p) for p in params),
        request_lines=("self,", f"request: models.{op.request.model},", "/,", "*,"),
        computed_lines=computed_lines,
        option_doc_lines=tuple(line for n, doc in options for line in wrap(doc, f"{n}:", width)),
        imports=_imports(params),
    )


def import_line(module: str, names: list[str]) -> str:
    """``from module import a, b``, as black lays it out (exploded when it does not fit)."""
    if not names:
        return ""
    line = f"from {module} import {', '.join(names)}"
    if len(line) <= LINE_LENGTH:
        return line
    return "\n".join([f"from {module} import (", *(f"{INDENT}{n}," for n in names), ")"])


def mixin_groups(modules: list[str]) -> list[list[str]]:
    """The operation modules in groups of ``GROUP_SIZE``; none when one class can hold them."""
    if len(modules) <= GROUP_SIZE:
        return []
    return [modules[i : i + GROUP_SIZE] for i in range(0, len(modules), GROUP_SIZE)]


def literal_alias(alias: str, values: list[str]) -> str:
    """``Alias = Literal["a", "b"]``, as black lays it out (exploded when it does not fit)."""
    if not values:
        return f"{alias} = str"
    items = [py_str(v) for v in values]
    line = f"{alias} = Literal[{', '.join(items)}]"
    if len(line) <= LINE_LENGTH:
        return line
    return "\n".join([f"{alias} = Literal[", *(f"{INDENT}{i}," for i in items), "]"])


def _imports(params: list[Param]) -> tuple[str, ...]:
    """The import lines an operation's module needs, and no more (ruff flags unused ones)."""
    annotations = " ".join(p.annotation for p in params)
    lines = [
        line
        for line, needed in (
            ("import datetime as dt", "dt." in annotations),
            ("from decimal import Decimal", "Decimal" in annotations),
        )
        if needed
    ]
    abc = ["Mapping", *(["Sequence"] if "Sequence" in annotations else [])]
    lines.append(f"from collections.abc import {', '.join(abc)}")
    lines.append("from typing import TYPE_CHECKING, Any, overload")
    return tuple(sorted(lines, key=lambda line: (line.startswith("from"), line)))
