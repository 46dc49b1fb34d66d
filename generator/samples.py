"""Check a sample payload against the fields of its body, strictly, as the table reads.

Returns every violation with its path (``refundInfo.refundBankCode``) so the checker can compare
them with the deviations a spec lists on purpose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from . import datefmt
from .ir import CodeTable, Field, JsonValue

PLACEHOLDER = re.compile(r"^\{[^{}]+\}$")


@dataclass(frozen=True, slots=True)
class Violation:
    path: str
    message: str


@dataclass(frozen=True, slots=True)
class SampleRules:
    encoding: str
    codes: dict[str, CodeTable]
    placeholders: bool


def check_payload(
    fields: tuple[Field, ...], payload: dict[str, JsonValue], rules: SampleRules, prefix: str = ""
) -> list[Violation]:
    found: list[Violation] = []
    by_wire = {f.wire_name: f for f in fields}
    for key in payload:
        if key not in by_wire:
            found.append(Violation(prefix + key, f"'{key}' is not a field of the table"))
    for f in fields:
        path = prefix + f.wire_name
        if f.wire_name not in payload:
            if f.required:
                found.append(Violation(path, f"required field '{f.wire_name}' is missing"))
            elif f.required_when and all(_holds(c.field, c.values, payload) for c in f.required_when):
                reason = " and ".join(c.describe() for c in f.required_when)
                found.append(Violation(path, f"'{f.wire_name}' is required when {reason}"))
            continue
        found.extend(_check_value(f, payload[f.wire_name], rules, path))
    return found


def _holds(name: str, values: tuple[object, ...], payload: dict[str, JsonValue]) -> bool:
    return name in payload and any(str(payload[name]) == str(v) for v in values)


def _check_value(f: Field, value: JsonValue, rules: SampleRules, path: str) -> list[Violation]:
    if value is None:
        return [Violation(path, "is null")]
    if rules.placeholders and isinstance(value, str) and PLACEHOLDER.match(value):
        return []
    if f.type == "object":
        if not isinstance(value, dict):
            return [Violation(path, "expected an object")]
        return check_payload(f.fields, value, rules, path + ".")
    if f.type == "array":
        if not isinstance(value, list) or f.items is None:
            return [Violation(path, "expected an array")]
        result: list[Violation] = []
        for index, item in enumerate(value):
            result.extend(_check_value(f.items, item, rules, f"{path}[{index}]"))
        return result
    return [Violation(path, m) for m in scalar_problems(f, value, rules.encoding, rules.codes)]


def scalar_problems(
    f: Field, value: JsonValue, encoding: str, codes: dict[str, CodeTable]
) -> list[str]:
    if f.type in ("string", "date", "datetime", "time"):
        if not isinstance(value, str):
            return [f"expected a string, got {type(value).__name__}"]
        return _string_problems(f, value, encoding, codes)
    if f.type == "boolean":
        return [] if isinstance(value, bool) else [f"expected true/false, got {value!r}"]
    if f.type == "integer" and (isinstance(value, bool) or not isinstance(value, int)):
        return [f"expected an integer, got {type(value).__name__} {value!r}"]
    if f.type == "decimal":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return [f"expected a number, got {type(value).__name__} {value!r}"]
        return _number_problems(f, value)
    return _number_problems(f, value) if isinstance(value, int) else []


def _string_problems(
    f: Field, value: str, encoding: str, codes: dict[str, CodeTable]
) -> list[str]:
    problems: list[str] = []
    limit = f.length_limit
    if limit is not None:
        try:
            size = len(value.encode(encoding)) if f.max_bytes is not None else len(value)
        except UnicodeEncodeError:
            return [f"cannot be encoded in {encoding}"]
        unit = "bytes" if f.max_bytes is not None else "characters"
        if size > limit or (f.exact_length and size != limit):
            problems.append(f"is {size} {unit}; the table allows {limit}")
    if f.format is not None and not re.match(datefmt.regex(f.format), value):
        problems.append(f"{value!r} is not in the format {f.format}")
    if f.pattern is not None and not re.fullmatch(f.pattern, value):
        problems.append(f"{value!r} does not match {f.pattern}")
    table = codes.get(f.codes or "")
    if table is not None and value not in {v.code for v in table.values}:
        problems.append(f"{value!r} is not a code of {table.name}")
    return problems


def _number_problems(f: Field, value: int | float) -> list[str]:
    problems: list[str] = []
    if f.minimum is not None and value < f.minimum:
        problems.append(f"{value} is below the minimum {f.minimum}")
    if f.maximum is not None and value > f.maximum:
        problems.append(f"{value} is above the maximum {f.maximum}")
    if f.places is not None:
        try:
            exponent = Decimal(str(value)).as_tuple().exponent
        except InvalidOperation:
            return [*problems, f"{value!r} is not a number"]
        if isinstance(exponent, int) and -exponent > f.places:
            problems.append(f"{value} has more than {f.places} decimal places")
    return problems
