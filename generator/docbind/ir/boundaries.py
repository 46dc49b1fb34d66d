"""Boundary values of the generated tests, one function per row of the constraints table
(``ir.constraints``): values at a limit, which are accepted, and just past it, which are refused
with the words the error must contain."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from docbind.ir.model import Field, JsonValue

KOREAN = "가"  # 3 bytes in UTF-8, 2 in EUC-KR/CP949: the byte-counting boundary value
ITEMS_CAP = 1000  # no boundary lists longer than this (the test data would balloon)


@dataclass(frozen=True, slots=True)
class Boundary:
    """One value at or past a limit: accepted or refused, with the words the error contains."""

    label: str
    value: JsonValue
    accepted: bool
    fragment: str = ""


class Values(Protocol):
    """What boundary values need from the test data: a valid value per field, the encoding."""

    korean_bytes: int

    def valid(self, f: Field) -> JsonValue: ...


# A code table, a date/time format or a pattern fixes the shape of a value, so lengths and
# bounds get boundary values only where nothing else does (free text, plain numbers).


def _free_text(f: Field) -> bool:
    return f.type == "string" and f.codes is None and f.pattern is None


def _bytes_cases(f: Field, v: Values) -> list[Boundary]:
    limit = f.max_bytes
    if limit is None or not _free_text(f):
        return []
    fits = limit // v.korean_bytes
    cases = [
        Boundary("at-limit", "A" * limit, True),
        Boundary("over-limit", "A" * (limit + 1), False, f"at most {limit} bytes"),
    ]
    if fits and not f.exact_length:
        cases.append(Boundary("korean-at-limit", KOREAN * fits, True))
    cases.append(
        Boundary("korean-over-limit", KOREAN * (fits + 1), False, f"at most {limit} bytes")
    )
    return cases


def _chars_cases(f: Field, v: Values) -> list[Boundary]:
    limit = f.max_chars
    if limit is None or not _free_text(f):
        return []
    return [
        Boundary("at-limit", "A" * limit, True),
        Boundary("over-limit", "A" * (limit + 1), False, f"at most {limit} characters"),
        Boundary("korean-at-limit", KOREAN * limit, True),
    ]


def _exact_cases(f: Field, v: Values) -> list[Boundary]:
    limit = f.length_limit
    if limit is None or limit <= 1 or not _free_text(f):
        return []
    words = "exactly" if f.max_bytes is not None else "at least"
    return [Boundary("under-exact", "A" * (limit - 1), False, words)]


def _step(f: Field) -> int | float:
    return 1 if f.type == "integer" else float(Decimal(1).scaleb(-(f.places or 0)))


def _min_cases(f: Field, v: Values) -> list[Boundary]:
    if f.codes is not None or f.minimum is None:
        return []
    return [
        Boundary("at-min", f.minimum, True),
        Boundary("below-min", f.minimum - _step(f), False, "greater than or equal"),
    ]


def _max_cases(f: Field, v: Values) -> list[Boundary]:
    if f.codes is not None or f.maximum is None:
        return []
    return [
        Boundary("at-max", f.maximum, True),
        Boundary("above-max", f.maximum + _step(f), False, "less than or equal"),
    ]


def _places_cases(f: Field, v: Values) -> list[Boundary]:
    if f.codes is not None or f.type != "decimal" or f.places is None:
        return []
    finer = float(Decimal(1).scaleb(-(f.places + 1)) * 5 + Decimal(1))
    return [Boundary("too-many-places", finer, False, "decimal place")]


def _pattern_cases(f: Field, v: Values) -> list[Boundary]:
    """A value of the right length that the pattern refuses, and the example when it fits."""
    if f.pattern is None or f.codes is not None:
        return []
    size = f.length_limit if f.exact_length and f.length_limit else 1
    cases: list[Boundary] = []
    if isinstance(f.example, str) and re.search(f.pattern, f.example):
        cases.append(Boundary("matches-pattern", f.example, True))
    refused = next((c * size for c in "~!Z0a _" if not re.search(f.pattern, c * size)), None)
    if refused is not None:
        cases.append(Boundary("not-matching-pattern", refused, False, "should match pattern"))
    return cases


def _format_cases(f: Field, v: Values) -> list[Boundary]:
    if f.format is None or f.codes is not None:
        return []
    return [Boundary("wrong-format", "2024-01-31T09:08:07", False, f.format)]


def _codes_cases(f: Field, v: Values) -> list[Boundary]:
    return [Boundary("undocumented-code", "ZZ", False, "Input should be")] if f.codes else []


def _items(f: Field, v: Values, count: int) -> JsonValue:
    assert f.items is not None
    return [v.valid(f.items) for _ in range(count)]


def _min_items_cases(f: Field, v: Values) -> list[Boundary]:
    low = f.min_items
    if low is None or low > ITEMS_CAP:
        return []
    cases = [Boundary("at-min-items", _items(f, v, low), True)]
    if low > 0:
        cases.append(
            Boundary("under-min-items", _items(f, v, low - 1), False, f"at least {low} item")
        )
    return cases


def _max_items_cases(f: Field, v: Values) -> list[Boundary]:
    high = f.max_items
    if high is None or high >= ITEMS_CAP:
        return []
    return [
        Boundary("at-max-items", _items(f, v, high), True),
        Boundary("over-max-items", _items(f, v, high + 1), False, f"at most {high} item"),
    ]
