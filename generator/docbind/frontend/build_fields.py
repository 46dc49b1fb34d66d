"""Build IR fields from checked spec data: types, limits, conditions, and the rules between them."""

from __future__ import annotations

import difflib
import math
import re
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from docbind.frontend.load import Document, JsonPath
from docbind.frontend.references import no_code_table
from docbind.frontend.samples import not_a_code, scalar_problems, show
from docbind.ir import datefmt
from docbind.ir.diagnostics import Collector, Loc
from docbind.ir.model import CodeTable, Computed, Condition, Field, FieldType, Note, Scalar, Source
from docbind.ir.names import pascal, snake
from docbind.ir.patterns import backtracking_feature, pattern_value

_COMPUTED = re.compile(r"^(?P<kind>[a-z_]+)(?:\((?P<arg>[^)]*)\))?$")
_LENGTH_TYPES = frozenset({"string", "date", "datetime", "time"})
_NUMBER_TYPES = frozenset({"integer", "decimal"})
_DATE_TYPES = frozenset({"date", "datetime", "time"})
# Keys about a named field (its presence, its value as a whole); an array's items have neither.
_FIELD_ONLY = ("required", "required_when", "default", "computed", "sensitive")
INVALID_NAME = "invalid_name"  # stands in for a name already reported as unusable


def notes_of(doc: Document, data: dict[str, Any], path: JsonPath) -> tuple[Note, ...]:
    """The ``notes`` and ``assumptions`` of a mapping, in that order."""
    result: list[Note] = []
    for key, kind in (("notes", "note"), ("assumptions", "assumption")):
        for index, item in enumerate(data.get(key) or []):
            loc = doc.loc((*path, key, index))
            if isinstance(item, dict):
                source = cast(Source, item.get("source", "document"))
                result.append(Note(kind, str(item["text"]), source, loc))  # type: ignore[arg-type]
            else:
                result.append(Note(kind, str(item), "document", loc))  # type: ignore[arg-type]
    return tuple(result)


@dataclass
class FieldContext:
    """What a field may refer to: the API's code tables, signers and credentials."""

    codes: dict[str, CodeTable]
    signers: frozenset[str]
    credentials: frozenset[str]
    encoding: str
    encryption: frozenset[str] = frozenset()  # the names of the encryption recipes


class FieldBuilder:
    def __init__(self, doc: Document, diag: Collector, ctx: FieldContext) -> None:
        self.doc = doc
        self.diag = diag
        self.ctx = ctx

    def loc(self, path: JsonPath) -> Loc:
        return self.doc.loc(path)

    def fields(self, data: dict[str, Any] | None, path: JsonPath) -> tuple[Field, ...]:
        built = tuple(self.field(name, spec, (*path, name)) for name, spec in (data or {}).items())
        self._check_siblings(built, path)
        return built

    def _check_siblings(self, fields: tuple[Field, ...], path: JsonPath) -> None:
        seen: dict[str, Field] = {}
        for f in fields:
            if f.py_name == INVALID_NAME:
                continue  # already reported
            other = seen.get(f.py_name)
            if other is not None:
                self.diag.error(
                    self.doc.key_loc((*path, f.wire_name)),
                    f"'{f.wire_name}' and '{other.wire_name}' both become the Python name "
                    f"'{f.py_name}'",
                )
            seen[f.py_name] = f
        by_wire = {f.wire_name: f for f in fields}
        for f in fields:
            for cond in f.required_when:
                self._check_condition(cond, by_wire, (*path, f.wire_name, "required_when"))

    def _check_condition(self, cond: Condition, siblings: dict[str, Field], path: JsonPath) -> None:
        target = siblings.get(cond.field)
        if target is None:
            names = ", ".join(sorted(siblings)) or "none"
            self.diag.error(
                self.doc.key_loc((*path, cond.field)),
                f"condition names '{cond.field}', which is not a sibling field (siblings: {names})",
            )
            return
        self.check_condition_values(cond, target, (*path, cond.field))

    def check_condition_values(self, cond: Condition, target: Field, path: JsonPath) -> None:
        """Each value a condition compares ``target`` with must be a code of its table."""
        table = self.ctx.codes.get(target.codes or "")
        if table is None:
            return
        known = {v.code for v in table.values}
        for index, value in enumerate(cond.values):
            if str(value) not in known:
                loc = self.doc.locs.get((*path, index)) or self.loc(path)  # in a list, or alone
                self.diag.error(
                    loc, f"condition value {show(value)} for {cond.field} {not_a_code(table)}"
                )

    def conditions(self, data: dict[str, Any] | None) -> tuple[Condition, ...]:
        result = []
        for name, value in (data or {}).items():
            values = tuple(value) if isinstance(value, list) else (value,)
            result.append(Condition(name, snake(name) or name, values))
        return tuple(result)

    def field(self, wire: str, spec: dict[str, Any], path: JsonPath) -> Field:
        kind = cast(FieldType, spec["type"])
        py_name = snake(wire)
        if py_name is None:
            self.diag.error(
                self.doc.key_loc(path),
                f"{wire!r} cannot be made a Python name (it needs an ASCII letter or digit)",
            )
            py_name = INVALID_NAME
        children = self.fields(spec.get("fields"), (*path, "fields"))
        model = spec.get("model") or (pascal(wire) if kind in ("object", "array") else None)
        items = None
        if "items" in spec:
            # An array's object items are named by the items' own `model:`, else the array's.
            item_spec = spec["items"]
            if item_spec.get("type") == "object" and model:
                item_spec = {"model": model, **item_spec}
            items = self.field(wire, item_spec, (*path, "items"))
            self._check_item(spec["items"], (*path, "items"))
        if kind == "array" and items is not None:
            model = items.model
        built = Field(
            wire_name=wire,
            py_name=py_name,
            type=kind,
            doc=str(spec.get("doc", "")),
            required=bool(spec.get("required", False)),
            required_when=self.conditions(spec.get("required_when")),
            max_bytes=spec.get("bytes"),
            max_chars=spec.get("chars"),
            exact_length=bool(spec.get("exact", False)),
            minimum=spec.get("min"),
            maximum=spec.get("max"),
            places=spec.get("places"),
            format=spec.get("format"),
            pattern=spec.get("pattern"),
            codes=spec.get("codes"),
            default=spec.get("default"),
            computed=self.computed(spec.get("computed"), (*path, "computed")),
            sensitive=bool(spec.get("sensitive", False)),
            source=cast(Source, spec.get("source", "document")),
            example=spec.get("example"),
            model=model if kind in ("object", "array") else None,
            fields=children,
            items=items,
            min_items=spec.get("min_items"),
            max_items=spec.get("max_items"),
            notes=notes_of(self.doc, spec, path),
            loc=self.doc.key_loc(path),
            encrypt=spec.get("encrypt"),
            url_encoded=bool(spec.get("url_encoded", False)),
        )
        self._check_field(built, spec, path)
        return built

    def _check_item(self, spec: dict[str, Any], path: JsonPath) -> None:
        """An array's element has no name of its own: what applies to a named field does not."""
        for key in _FIELD_ONLY:
            if key in spec:
                self.diag.error(
                    self.doc.key_loc((*path, key)),
                    f"'{key}' does not apply to the items of an array; set it on the array field",
                )

    def computed(self, text: str | None, path: JsonPath) -> Computed | None:
        if text is None:
            return None
        match = _COMPUTED.match(text)
        assert match is not None  # the schema's pattern guarantees the shape
        kind, arg = match["kind"], match["arg"]
        loc = self.loc(path)
        if kind in ("today", "now"):
            problem = zone_problem(arg or "")
            if problem:
                self.diag.error(loc, f"computed: {text}: {problem}")
        elif kind == "signature" and ("fields" in path or "items" in path):
            self.diag.error(
                loc,
                f"computed: {text} inside an object or array: signers read top-level fields "
                "and headers; put the signature at the top level",
            )
        elif kind == "signature" and arg not in self.ctx.signers:
            self.diag.error(
                loc, f"computed: {text} names no signer{hint(arg, self.ctx.signers, 'signers')}"
            )
        elif kind == "credential" and arg not in self.ctx.credentials:
            self.diag.error(
                loc,
                f"computed: {text} names no credential"
                f"{hint(arg, self.ctx.credentials, 'credentials')}",
            )
        return Computed(kind, arg)  # type: ignore[arg-type]

    def _check_field(self, f: Field, spec: dict[str, Any], path: JsonPath) -> None:
        def err(key: str, message: str) -> None:
            self.diag.error(self.loc((*path, key)), f"{f.wire_name}: {message}")

        def err_key(key: str, message: str) -> None:
            self.diag.error(self.doc.key_loc((*path, key)), f"{f.wire_name}: {message}")

        misplaced = {
            "bytes": f.type not in _LENGTH_TYPES,
            "chars": f.type not in _LENGTH_TYPES,
            "min": f.type not in _NUMBER_TYPES,
            "max": f.type not in _NUMBER_TYPES,
            "places": f.type != "decimal",
            "format": f.type not in _DATE_TYPES,
            "pattern": f.type != "string",
            "fields": f.type != "object",
            "items": f.type != "array",
            "min_items": f.type != "array",
            "max_items": f.type != "array",
            "model": f.type != "object" and not (f.items is not None and f.items.type == "object"),
        }
        kind = f"array of {f.items.type}" if f.items is not None else f.type
        for key, wrong in misplaced.items():
            if wrong and key in spec:
                err_key(key, f"'{key}' does not apply to a field of type {kind}")
        if f.max_bytes is not None and f.max_chars is not None:
            err("chars", "give either bytes or chars, not both")
        for key in ("bytes", "chars"):
            if key in spec and spec[key] <= 0:
                err(key, f"{key} must be at least 1, got {spec[key]}")
        if f.exact_length and f.length_limit is None:
            err("exact", "exact: true needs a length (bytes or chars)")
        for key in ("min", "max", "default", "example"):
            value = spec.get(key)
            if isinstance(value, float) and not math.isfinite(value):
                err(key, f"{key} must be a finite number, got {value}")
                return  # the checks below compare with it
        if f.minimum is not None and f.maximum is not None and f.minimum > f.maximum:
            err("min", f"min {f.minimum} is greater than max {f.maximum}")
        if f.min_items is not None and f.max_items is not None and f.min_items > f.max_items:
            err("min_items", f"min_items {f.min_items} is greater than max_items {f.max_items}")
        if f.type == "object" and not f.fields:
            err("type", "an object needs fields")
        if f.type == "array" and f.items is None:
            err("type", "an array needs items")
        if f.type in _DATE_TYPES and f.format is None:
            err("type", f"a {f.type} needs a format such as yyyyMMdd")
        if f.required and f.required_when:
            err("required_when", "required: true and required_when contradict each other")
        self._check_pattern(f, err)
        self._check_format(f, err)
        if f.codes is not None and f.codes not in self.ctx.codes:
            err("codes", no_code_table(f.codes, set(self.ctx.codes)))
        if f.default is not None:
            for problem in self.value_problems(f, f.default):
                err("default", f"default {show(f.default)} {problem}")

    def _check_pattern(self, f: Field, err: Callable[[str, str], None]) -> None:
        if f.pattern is None:
            return
        try:
            re.compile(f.pattern)
        except re.error as exc:
            err("pattern", f"invalid regular expression: {exc}")
            return
        needs = backtracking_feature(f.pattern)
        if needs:
            err(
                "pattern",
                f"{needs} need a backtracking engine; patterns are matched in linear "
                "time (pydantic's Rust engine), so they cannot be used",
            )
        elif f.example is None and pattern_value(f) is None:
            err(
                "pattern",
                f"docbind cannot make a value that matches {f.pattern!r} within the field's "
                "length for the generated tests; give one as `example:`",
            )

    def _check_format(self, f: Field, err: Callable[[str, str], None]) -> None:
        if f.format is None or f.type not in _DATE_TYPES:
            return
        problem = datefmt.problem(f.format, f.type)
        if problem:
            err("format", problem)
            return
        width = datefmt.width(f.format)
        limit = f.length_limit
        if limit is not None and (width > limit or (f.exact_length and width != limit)):
            err("format", f"format {f.format} is {width} characters but the length is {limit}")

    def value_problems(self, f: Field, value: Scalar) -> list[str]:
        """Why a literal value (a default, a value to resend) breaks the field's own rules."""
        return scalar_problems(f, value, self.ctx.encoding, self.ctx.codes)


def zone_problem(zone: str) -> str | None:
    """Why ``zone`` is not an IANA time zone name, with the closest one; None if it is one."""
    try:
        zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        # A strict cutoff: "KST" is not "MST".
        close = hint(zone, zoneinfo.available_timezones(), "", cutoff=0.8)
        return f"unknown time zone '{zone}'{close or '; use an IANA name such as Asia/Seoul'}"
    return None


def hint(name: str | None, known: frozenset[str] | set[str], kind: str, cutoff: float = 0.6) -> str:
    """ "; did you mean 'x'?", else the list of ``kind`` (when named), else nothing."""
    close = difflib.get_close_matches(name or "", sorted(known), n=1, cutoff=cutoff)
    if close:
        return f"; did you mean '{close[0]}'?"
    if kind and known:
        return f"; defined {kind}: {', '.join(sorted(known))}"
    return f"; no {kind} are defined" if kind else ""
