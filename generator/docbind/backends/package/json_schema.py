"""IR → JSON Schema for the models step (datamodel-code-generator reads it).

Requests carry every documented limit (standard keywords where JSON Schema has one; ``x-`` keys
where it has none, which the models step ignores: the shared runtime enforces those limits from
``_api.RULES``, see ``rules.py``). Responses carry types and formats only: a server's
sloppy answer must still be read, never lost to a length check (numeric strings become numbers,
unknown fields and codes are kept).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from docbind.backends.package.parts import part_of, split
from docbind.ir.constraints import BY_KEY, MODELS, keywords
from docbind.ir.model import Api, Field
from docbind.ir.names import item_type, wire_type_name

Side = Literal["request", "response"]


@dataclass
class ModelsSchema:
    """The schema plus what the models step needs to know about it."""

    schema: dict[str, Any]
    bases: dict[str, str] = field(default_factory=dict)  # class name → RequestBase/ResponseBase
    wire_types: dict[str, tuple[str, str]] = field(default_factory=dict)  # name → (kind, format)
    # Request array elements with limits: name → the element's schema (a ``_runtime`` alias)
    item_types: dict[str, dict[str, Any]] = field(default_factory=dict)

    def imported(self) -> set[str]:
        """Definitions the models import from ``_runtime`` instead of defining them."""
        return {*self.wire_types, *self.item_types}


@dataclass(frozen=True)
class ModelsPart:
    """One module of models: the classes it defines, over the whole API's definitions."""

    module: str  # under ``<package>._models``
    names: tuple[str, ...]  # the classes it defines, in the document's order
    schema: dict[str, Any]  # its own definitions, plus the shared ones it may refer to

    @property
    def is_codes(self) -> bool:
        return self.module == CODES_MODULE


CODES_MODULE = "codes"


class SchemaBuilder:
    def __init__(self, api: Api) -> None:
        self.api = api
        self.out = ModelsSchema({"$schema": "https://json-schema.org/draft/2020-12/schema"})
        self.defs: dict[str, Any] = {}
        self.groups: list[list[str]] = []  # model names introduced by each operation, in order
        self.code_users: dict[str, set[int]] = {}  # code table → the groups that use it

    def build(self) -> ModelsSchema:
        for table in self.api.codes:
            self.defs[table.name] = {
                "type": "string",
                "description": table.doc or f"Code table {table.name}.",
                "enum": [v.code for v in table.values],
                "x-enum-varnames": [v.member for v in table.values],
                "x-enum-descriptions": [_code_doc(v.label, v.doc) for v in table.values],
            }
        for op in self.api.operations:
            before = set(self.defs)
            self.model(
                op.request.model,
                op.request.fields,
                "request",
                op.summary or f"Request of {op.name}.",
            )
            self.model(
                op.response.model,
                op.response.body,
                "response",
                op.summary or f"Response of {op.name}.",
            )
            self.groups.append(self._added(before))
        before = set(self.defs)
        for hook in self.api.webhooks:
            self.model(hook.model, hook.body, "response", hook.doc or f"Notification {hook.name}.")
        if self.api.webhooks:
            self.groups.append(self._added(before))
        self.out.schema["$defs"] = self.defs
        return self.out

    def _added(self, before: set[str]) -> list[str]:
        imported = self.out.imported()
        return [n for n in self.defs if n not in before and n not in imported]

    def parts(self) -> list[ModelsPart]:
        """The models split into modules: a part per ``parts.PART_SIZE`` operations (webhook
        notifications make the last group), each with the code tables only it uses, and the
        code tables several parts (or none) use in ``codes``."""
        shared = {n: d for n, d in self.defs.items() if n in self.out.imported()}
        homes: dict[int, list[str]] = {}
        common: list[str] = []
        for table in self.api.codes:
            users = {part_of(group) for group in self.code_users.get(table.name, ())}
            if len(users) == 1:
                homes.setdefault(users.pop(), []).append(table.name)
            else:
                common.append(table.name)
        codes = {name: self.defs[name] for name in common}
        parts = [ModelsPart(CODES_MODULE, tuple(codes), self._schema(codes))] if codes else []
        for number, (module, groups) in enumerate(split(self.groups)):
            names = [*homes.get(number, ()), *(n for group in groups for n in group)]
            own = {n: self.defs[n] for n in names}
            parts.append(ModelsPart(module, tuple(names), self._schema({**own, **codes, **shared})))
        return parts

    def _schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {**self.out.schema, "$defs": defs}

    def model(self, name: str, fields: tuple[Field, ...], side: Side, doc: str) -> None:
        properties = {f.wire_name: self.field(name, f, side) for f in fields}
        schema: dict[str, Any] = {
            "type": "object",
            "description": doc,
            "properties": properties,
            "additionalProperties": side == "response",
        }
        # A computed value (or a default) is filled in when the caller gives none, so a request
        # model does not insist on it; the client validates again once it is filled in.
        required = [
            f.wire_name
            for f in fields
            if f.required and (side == "response" or (f.computed is None and f.default is None))
        ]
        if required:
            schema["required"] = required
        self.defs[name] = schema
        self.out.bases[name] = "RequestBase" if side == "request" else "ResponseBase"

    def field(self, owner: str, f: Field, side: Side) -> dict[str, Any]:
        schema = self.value(f, side, owner)
        if f.doc:
            schema["description"] = f.doc
        if f.default is not None:
            schema["default"] = f.default
        return schema

    def value(self, f: Field, side: Side, owner: str = "") -> dict[str, Any]:
        strict = side == "request"
        if f.type == "object":
            self.model(f.model or f.wire_name, f.fields, side, f.doc or f.wire_name)
            return {"$ref": f"#/$defs/{f.model}"}
        schema: dict[str, Any]
        if f.type == "array":
            assert f.items is not None  # the checker guarantees it
            schema = {"type": "array", "items": self.item(owner, f, side)}
        elif f.codes is not None:
            # A code table and a date/time format become classes of their own.
            self.code_users.setdefault(f.codes, set()).add(len(self.groups))
            ref = BY_KEY["codes"].keywords(f, MODELS)
            return ref if strict else {"anyOf": [ref, {"type": "string"}]}
        elif f.type in ("date", "datetime", "time"):
            assert f.format is not None
            name = wire_type_name(f.type, f.format)
            self.out.wire_types[name] = (f.type, f.format)
            self.defs[name] = {"type": "string", **BY_KEY["format"].keywords(f, MODELS)}
            return {"$ref": f"#/$defs/{name}"}
        elif f.type in ("integer", "decimal"):
            schema = (
                {"type": "integer"}
                if f.type == "integer"
                else {"type": "number", "format": "decimal"}
            )
        else:
            schema = {"type": f.type}
        # Responses carry types and formats only (see the module docstring).
        return {**schema, **keywords(f, MODELS, structural=False)} if strict else schema

    def item(self, owner: str, f: Field, side: Side) -> dict[str, Any]:
        """An array's element: a model, a code table, a date/time type, a plain scalar, or (a
        request scalar with limits) an alias docbind names (``class_names.item_type``), never
        a class datamodel-code-generator would name itself."""
        assert f.items is not None
        element = self.value(f.items, side, owner)
        name = item_type(owner, f) if side == "request" else None
        if name is None:
            return element
        self.out.item_types[name] = element
        self.defs[name] = element
        return {"$ref": f"#/$defs/{name}"}


def _code_doc(label: str, doc: str) -> str:
    if label and doc:
        return f"{label}: {doc}"
    return label or doc or "-"


def models_schema(api: Api) -> ModelsSchema:
    return SchemaBuilder(api).build()


ModelsPlan = tuple[ModelsSchema, list[ModelsPart]]


def models_parts(api: Api) -> ModelsPlan:
    """The whole schema and its split into modules (``<package>._models.<part>``)."""
    builder = SchemaBuilder(api)
    whole = builder.build()
    return whole, builder.parts()
