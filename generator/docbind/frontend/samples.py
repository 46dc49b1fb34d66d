"""Check a sample payload against the fields of its body, strictly, as the table reads.

Returns every violation with its path (``refundInfo.refundBankCode``) so the checker can compare
them with the deviations a spec lists on purpose.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from docbind.ir import datefmt
from docbind.ir.model import PLACEHOLDER, CodeTable, Condition, Field, JsonValue


@dataclass(frozen=True, slots=True)
class Violation:
    path: str  # as deviations name it: refundInfo.refundBankCode, basketInfo[0].sellerId
    message: str
    keys: tuple[str | int, ...] = ()  # the same as a JSON path, to locate it in the payload


def show(value: JsonValue) -> str:
    """A value as the spec writes it (true, null, 'text'), not as Python prints it."""
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return "null"
    if isinstance(value, dict | list):
        return "a mapping" if isinstance(value, dict) else "a list"
    return repr(value) if isinstance(value, str) else str(value)


@dataclass(frozen=True, slots=True)
class SampleRules:
    encoding: str
    codes: dict[str, CodeTable]
    placeholders: bool


def check_payload(
    fields: tuple[Field, ...],
    payload: dict[str, JsonValue],
    rules: SampleRules,
    prefix: str = "",
    keys: tuple[str | int, ...] = (),
) -> list[Violation]:
    found: list[Violation] = []
    by_wire = {f.wire_name: f for f in fields}
    for key in payload:
        if key not in by_wire:
            close = difflib.get_close_matches(key, sorted(by_wire), n=1, cutoff=0.6)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            found.append(
                Violation(prefix + key, f"'{key}' is not a field of the table{hint}", (*keys, key))
            )
    for f in fields:
        path = prefix + f.wire_name
        if f.wire_name not in payload:
            if f.required and f.default is None:  # a default is sent in its place
                found.append(Violation(path, f"required field '{f.wire_name}' is missing", keys))
            elif f.required_when and all(_holds(c, payload) for c in f.required_when):
                reason = " and ".join(c.describe() for c in f.required_when)
                found.append(Violation(path, f"'{f.wire_name}' is required when {reason}", keys))
            continue
        found.extend(_check_value(f, payload[f.wire_name], rules, path, (*keys, f.wire_name)))
    return found


def _holds(cond: Condition, payload: dict[str, JsonValue]) -> bool:
    return cond.field in payload and any(str(payload[cond.field]) == str(v) for v in cond.values)


def _check_value(
    f: Field, value: JsonValue, rules: SampleRules, path: str, keys: tuple[str | int, ...]
) -> list[Violation]:
    if value is None:
        return [Violation(path, "is null", keys)]
    if rules.placeholders and isinstance(value, str) and PLACEHOLDER.match(value):
        return []
    if f.type == "object" and isinstance(value, dict):
        return check_payload(f.fields, value, rules, path + ".", keys)
    if f.type == "array" and isinstance(value, list) and f.items is not None:
        result: list[Violation] = []
        for index, item in enumerate(value):
            result.extend(_check_value(f.items, item, rules, f"{path}[{index}]", (*keys, index)))
        return result
    problems = scalar_problems(f, value, rules.encoding, rules.codes)
    return [Violation(path, f"{show(value)} {m}", keys) for m in problems]


def scalar_problems(
    f: Field, value: JsonValue, encoding: str, codes: dict[str, CodeTable]
) -> list[str]:
    """Why ``value`` breaks the rules of ``f``, each as a predicate: "is not a code of YesNo"."""
    if f.type in ("object", "array"):
        return [f"is not {'an object' if f.type == 'object' else 'a list'}"]
    if f.type in ("string", "date", "datetime", "time"):
        if not isinstance(value, str):
            return ["is not a string"]
        return _string_problems(f, value, encoding, codes)
    if f.type == "boolean":
        return [] if isinstance(value, bool) else ["is not true or false"]
    if isinstance(value, bool) or not isinstance(value, int | float):
        return [f"is not {'an integer' if f.type == 'integer' else 'a number'}"]
    if f.type == "integer" and not isinstance(value, int):
        return ["is not an integer"]
    return _number_problems(f, value)


def _string_problems(f: Field, value: str, encoding: str, codes: dict[str, CodeTable]) -> list[str]:
    problems: list[str] = []
    limit = f.length_limit
    if limit is not None:
        try:
            size = len(value.encode(encoding)) if f.max_bytes is not None else len(value)
        except UnicodeEncodeError:
            return [f"cannot be encoded in {encoding}"]
        unit = "bytes" if f.max_bytes is not None else "characters"
        if size > limit or (f.exact_length and size != limit):
            allowed = f"exactly {limit}" if f.exact_length else f"at most {limit}"
            problems.append(f"is {size} {unit}; the table allows {allowed}")
    if f.format is not None and not re.match(datefmt.regex(f.format), value):
        problems.append(f"is not in the format {f.format}")
    if f.pattern is not None and not re.fullmatch(f.pattern, value):
        problems.append(f"does not match {f.pattern}")
    table = codes.get(f.codes or "")
    if table is not None and value not in {v.code for v in table.values}:
        problems.append(not_a_code(table))
    return problems


def not_a_code(table: CodeTable) -> str:
    return f"is not a code of {table.name} ({', '.join(v.code for v in table.values)})"


def _number_problems(f: Field, value: int | float) -> list[str]:
    problems: list[str] = []
    if f.minimum is not None and value < f.minimum:
        problems.append(f"is below the minimum {f.minimum}")
    if f.maximum is not None and value > f.maximum:
        problems.append(f"is above the maximum {f.maximum}")
    if f.places is not None:
        try:
            exponent = Decimal(str(value)).as_tuple().exponent
        except InvalidOperation:
            return [*problems, "is not a number"]
        if isinstance(exponent, int) and -exponent > f.places:
            problems.append(f"has more than {f.places} decimal places")
    return problems
