"""The data of a generated package's own tests: valid payloads, boundary cases, samples.

Every case states what the documents say should happen (accepted or refused, and the words the
error must contain), so the generated tests check the generated models against the spec, not
against themselves.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from docbind.backends.package.response_samples import fill_required
from docbind.ir import datefmt
from docbind.ir.boundaries import KOREAN
from docbind.ir.constraints import boundaries
from docbind.ir.model import PLACEHOLDER, Api, Field, JsonValue, Operation
from docbind.ir.patterns import pattern_value

# One fixed instant for every synthetic date, so the output never depends on the clock.
INSTANT = dt.datetime(2024, 1, 31, 9, 8, 7, 654000)
MISSING = "<missing>"  # a case that removes the field


Edit = tuple[tuple[str, ...], JsonValue]  # path in the payload, new value (or MISSING)


@dataclass(frozen=True)
class LimitCase:
    id: str
    model: str
    edits: tuple[Edit, ...]
    accepted: bool
    fragment: str  # words the validation error must contain (empty when accepted)


@dataclass(frozen=True)
class LenientCase:
    id: str
    model: str
    payload: dict[str, JsonValue]
    path: tuple[str, ...]
    sent: JsonValue
    expected: object


@dataclass(frozen=True)
class SensitiveCase:
    id: str
    model: str
    payload: dict[str, JsonValue]
    path: tuple[str, ...]
    marker: str


@dataclass(frozen=True)
class SampleCase:
    id: str
    model: str
    direction: str
    payload: dict[str, JsonValue]
    deviations: tuple[tuple[tuple[str, ...], str], ...]  # where the document contradicts itself
    notes: tuple[str, ...]
    # A response sample's required fields the document leaves out (or null), put right.
    filled: tuple[tuple[tuple[str, ...], str], ...] = ()


def wire_date(fmt: str) -> str:
    millis = f"{INSTANT.microsecond // 1000:03d}"
    pattern, zone = datefmt.strftime(fmt), ""
    if pattern.endswith("%:z"):  # an ISO 8601 offset: the test instant as Korean time
        pattern, zone = pattern[:-3], "+09:00"
    return millis.join(INSTANT.strftime(part) for part in pattern.split("%f")) + zone


class TestData:
    def __init__(self, api: Api) -> None:
        self.api = api
        self.codes = {t.name: t for t in api.codes}
        self.korean_bytes = len(KOREAN.encode(api.encoding))

    # --- valid values ---------------------------------------------------------------------

    def valid(self, f: Field) -> JsonValue:
        if f.type == "object":
            return self.payload(f.fields)
        if f.type == "array":
            assert f.items is not None
            return [self.valid(f.items)]
        if f.codes is not None:
            return self.codes[f.codes].values[0].code
        if f.format is not None:
            return wire_date(f.format)
        if f.type == "boolean":
            return True
        if f.type in ("integer", "decimal"):
            return self.number(f)
        if f.example is not None:
            return f.example
        if f.pattern is not None:
            return pattern_value(f)  # the checker made sure there is one
        limit = f.length_limit
        return "A" * (limit if f.exact_length and limit else min(limit or 8, 8))

    def number(self, f: Field) -> JsonValue:
        low = f.minimum if f.minimum is not None else 0
        value = max(low, 1) if f.maximum is None or f.maximum >= 1 else low
        if f.type == "decimal" and f.places:
            step = Decimal(1).scaleb(-f.places)
            candidate = Decimal(value) + step * 5
            if f.maximum is None or candidate <= Decimal(str(f.maximum)):
                return float(candidate)
        return int(value) if f.type == "integer" else float(value)

    def payload(self, fields: tuple[Field, ...]) -> dict[str, JsonValue]:
        return {f.wire_name: self.valid(f) for f in fields}

    def response_payload(self, op: Operation) -> dict[str, JsonValue]:
        """A valid answer that also meets the operation's success rule."""
        payload = self.payload(op.response.body)
        if op.success.field is not None and op.success.equals:
            payload[op.success.field] = op.success.equals[0]
        return payload

    def defaults(self) -> dict[str, list[tuple[tuple[str, ...], JsonValue]]]:
        """Each request model's documented defaults by wire path: a value the caller left out
        is sent as its default."""
        found: dict[str, list[tuple[tuple[str, ...], JsonValue]]] = {}
        for op in self.api.operations:
            paths: list[tuple[tuple[str, ...], JsonValue]] = [
                (p, f.default) for p, f in _walk(op.request.body, ()) if f.default is not None
            ]
            if paths:
                found[op.request.model] = paths
        return found

    # --- boundary cases -------------------------------------------------------------------

    def limit_cases(self) -> list[LimitCase]:
        cases: list[LimitCase] = []
        for op in self.api.operations:
            model = op.request.model
            cases.append(LimitCase(f"{model}-valid", model, (), True, ""))
            cases.append(
                LimitCase(
                    f"{model}-unknown-field",
                    model,
                    ((("undocumentedField",), "x"),),
                    False,
                    "Extra inputs are not permitted",
                )
            )
            for f in op.request.fields:
                cases.extend(self.field_cases(model, (), f, op.request.fields))
        return cases

    def field_cases(
        self, model: str, parent: tuple[str, ...], f: Field, siblings: tuple[Field, ...]
    ) -> list[LimitCase]:
        path = (*parent, f.wire_name)
        name = ".".join(path)

        def case(label: str, value: JsonValue, accepted: bool, fragment: str = "") -> LimitCase:
            return LimitCase(f"{model}-{name}-{label}", model, ((path, value),), accepted, fragment)

        cases: list[LimitCase] = []
        if f.required and f.computed is None and f.default is None:
            cases.append(case("missing", MISSING, False, "Field required"))
        elif f.required:
            cases.append(case("left-to-the-client", MISSING, True))
        elif f.required_when:
            cases.extend(self.condition_cases(model, parent, f, siblings))
        else:
            cases.append(case("omitted", MISSING, True))
        if f.type == "object":
            for child in f.fields:
                cases.extend(self.field_cases(model, path, child, f.fields))
            return cases
        cases.extend(case(b.label, b.value, b.accepted, b.fragment) for b in boundaries(f, self))
        return cases

    def condition_cases(
        self, model: str, parent: tuple[str, ...], f: Field, siblings: tuple[Field, ...]
    ) -> list[LimitCase]:
        """Required when the conditions hold: refused without it then, accepted otherwise."""
        path = (*parent, f.wire_name)
        trigger = tuple(((*parent, c.field), c.values[0]) for c in f.required_when)
        message = f"{f.wire_name} is required when " + " and ".join(
            c.describe() for c in f.required_when
        )
        name = f"{model}-{'.'.join(path)}"
        cases = [
            LimitCase(f"{name}-required-when", model, (*trigger, (path, MISSING)), False, message),
            LimitCase(f"{name}-given-when-required", model, (*trigger,), True, ""),
        ]
        first = f.required_when[0]
        sibling = next((s for s in siblings if s.wire_name == first.field), None)
        table = self.codes.get(sibling.codes or "") if sibling else None
        other = (
            next((v.code for v in table.values if v.code not in map(str, first.values)), None)
            if table
            else None
        )
        if other is not None:
            cases.append(
                LimitCase(
                    f"{name}-omitted-otherwise",
                    model,
                    (((*parent, first.field), other), (path, MISSING)),
                    True,
                    "",
                )
            )
        return cases

    # --- responses and masking -----------------------------------------------------------

    def lenient_cases(self) -> list[LenientCase]:
        cases: list[LenientCase] = []
        for op in self.api.operations:
            model = op.response.model
            payload = self.payload(op.response.body)
            cases.append(
                LenientCase(
                    f"{model}-keeps-unknown-field",
                    model,
                    payload,
                    ("undocumentedField",),
                    "kept",
                    "kept",
                )
            )
            for path, f in _walk(op.response.body, ()):
                name = f"{model}-{'.'.join(path)}"
                if f.codes is not None:
                    cases.append(
                        LenientCase(f"{name}-unknown-code", model, payload, path, "ZZZZ", "ZZZZ")
                    )
                elif f.type == "integer":
                    cases.append(
                        LenientCase(f"{name}-numeric-string", model, payload, path, "51004", 51004)
                    )
                elif f.type == "decimal":
                    cases.append(
                        LenientCase(
                            f"{name}-numeric-string", model, payload, path, "12.5", Decimal("12.5")
                        )
                    )
        return cases

    def sensitive_cases(self) -> list[SensitiveCase]:
        cases: list[SensitiveCase] = []
        for op in self.api.operations:
            for message in (op.request, op.response):
                payload = self.payload(message.body)
                for path, f in _walk(message.body, ()):
                    if f.sensitive and f.type == "string" and f.codes is None:
                        marker = _marker(f)
                        if marker is None:
                            continue
                        cases.append(
                            SensitiveCase(
                                f"{message.model}-{'.'.join(path)}",
                                message.model,
                                payload,
                                path,
                                marker,
                            )
                        )
        return cases

    # --- samples ----------------------------------------------------------------------------

    def sample_cases(self) -> list[SampleCase]:
        result = []
        for op in self.api.operations:
            for sample in op.samples:
                message = op.request if sample.direction == "request" else op.response
                payload = copy.deepcopy(sample.payload)
                if sample.placeholders and sample.direction == "request":
                    payload = self.fill(message.body, payload)
                if sample.direction == "request":  # a body sample: its URL's values are ours
                    for f in (*op.request.path, *op.request.query):
                        if f.required and f.computed is None:
                            payload.setdefault(f.wire_name, self.valid(f))
                deviations = tuple((tuple(d.path.split(".")), d.note) for d in sample.deviations)
                filled: tuple[tuple[tuple[str, ...], str], ...] = ()
                if sample.direction == "request":
                    # A strict request model refuses what the document contradicts: the test
                    # sends the sample with each listed deviation put right, and checks the rest.
                    for d in sample.deviations:
                        self.correct(message.body, payload, _keys(d.path))
                    deviations = ()
                else:
                    payload, filled = fill_required(self.valid, message.body, payload, deviations)
                    deviations = tuple(d for d in deviations if d not in filled)
                result.append(
                    SampleCase(
                        f"{op.name}-{sample.name}",
                        message.model,
                        sample.direction,
                        payload,
                        deviations,
                        tuple(n.text for n in sample.notes),
                        filled,
                    )
                )
        return result

    def correct(self, fields: tuple[Field, ...], payload: JsonValue, keys: list[str | int]) -> None:
        """Put one deviation right: a valid value for a documented field, none for another."""
        for key in keys[:-1]:
            if isinstance(key, int) and isinstance(payload, list) and key < len(payload):
                payload = payload[key]
                continue
            f = next((f for f in fields if f.wire_name == key), None)
            if f is None or not isinstance(payload, dict) or key not in payload:
                return
            fields = f.items.fields if f.items is not None else f.fields
            payload = payload[key]
        last = keys[-1]
        f = next((f for f in fields if f.wire_name == last), None)
        if isinstance(payload, dict) and isinstance(last, str):
            if f is None:
                payload.pop(last, None)
            else:
                payload[last] = self.valid(f)

    def fill(
        self, fields: tuple[Field, ...], payload: dict[str, JsonValue]
    ) -> dict[str, JsonValue]:
        """Replace ``{Placeholder}`` strings with valid values for their fields."""
        by_wire = {f.wire_name: f for f in fields}
        filled: dict[str, JsonValue] = {}
        for key, value in payload.items():
            f = by_wire.get(key)
            if f is not None and isinstance(value, dict) and f.type == "object":
                filled[key] = self.fill(f.fields, value)
            elif f is not None and isinstance(value, str) and PLACEHOLDER.match(value):
                filled[key] = self.valid(f)
            else:
                filled[key] = value
        return filled


def _keys(path: str) -> list[str | int]:
    """``basketInfo[0].sellerId`` → ``["basketInfo", 0, "sellerId"]``."""
    keys: list[str | int] = []
    for part in path.split("."):
        name, *indexes = part.replace("]", "").split("[")
        keys.append(name)
        keys.extend(int(i) for i in indexes if i.isdigit())
    return keys


def _marker(f: Field) -> str | None:
    """A value to look for in masked output: distinctive, and valid for the field."""
    if f.pattern is not None:
        found = f.example if isinstance(f.example, str) else pattern_value(f)
        return found if found is not None and len(found) >= 6 else None
    size = f.length_limit or 12
    return ("Zq9" * 20)[: size if f.exact_length else min(size, 12)]


def _walk(
    fields: tuple[Field, ...], parent: tuple[str, ...]
) -> list[tuple[tuple[str, ...], Field]]:
    """Every scalar field below ``fields`` (objects entered), with its wire path."""
    found: list[tuple[tuple[str, ...], Field]] = []
    for f in fields:
        path = (*parent, f.wire_name)
        if f.type == "object":
            found.extend(_walk(f.fields, path))
        elif f.type != "array":
            found.append((path, f))
    return found
