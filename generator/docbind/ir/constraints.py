"""The one table of the limits a field can carry, and what every consumer makes of each.

A row per limit: the spec key and the IR attribute, which direction is tighter, the words for
docs and ``docbind diff``, the JSON Schema keywords (``x-`` keys where JSON Schema has none), the
run-time rule that enforces it, and the boundary values of the generated tests. The models
schema, OpenAPI, the Markdown and HTML docs, the diff and the generated test data all iterate
``CONSTRAINTS``; ``tests/test_constraints.py`` walks every row through every consumer, so a new
limit cannot be forgotten by one of them.

Which direction is tighter, and what ``docbind diff`` makes of it:

- ``lower``: a lower value (or a new limit) is tighter, removing it looser (``bytes``, ``max``);
- ``higher``: a higher value (or a new limit) is tighter (``min``, ``min_items``);
- ``flag``: ``true`` is tighter (``exact``);
- ``set``: a new limit is tighter, a removed one looser, another value both (``pattern``,
  ``codes``: neither includes the other);
- ``type``: the value is part of the Python type (``format`` picks the date/time class), so any
  change is a type change, breaking both ways.

A request is what callers send: tighter is breaking (values accepted before are refused), looser
is compatible. A response is what callers read: looser is a warning (a caller who stored values
in a column sized by the old limit may now receive longer or other ones), tighter is compatible
(responses are read leniently, nothing a caller does starts failing). Requiredness is not a limit
on the value and is diffed on its own (``diff.fields``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from docbind.ir import datefmt
from docbind.ir.boundaries import (
    Boundary,
    Values,
    _bytes_cases,
    _chars_cases,
    _codes_cases,
    _exact_cases,
    _format_cases,
    _max_cases,
    _max_items_cases,
    _min_cases,
    _min_items_cases,
    _pattern_cases,
    _places_cases,
)
from docbind.ir.model import Field

Order = Literal["lower", "higher", "flag", "set", "type"]
Column = Literal["limits", "type", "codes"]  # where the reference docs show a limit
Change = Literal["tighter", "looser", "both", "same"]


@dataclass(frozen=True, slots=True)
class Dialect:
    """How one JSON Schema consumer refers to definitions and spells its ``x-`` keys."""

    refs: str  # the prefix of a ``$ref`` to a code table
    max_bytes: str
    min_bytes: str
    format: str
    wire_type: str | None  # the key naming the date/time type, where the format is inline
    places: str | None  # the key repeating ``places`` beside ``multipleOf``


MODELS = Dialect("#/$defs/", "x-max-bytes", "x-min-bytes", "x-wire-format", None, None)
OPENAPI = Dialect(
    "#/components/schemas/",
    "x-docbind-max-bytes",
    "x-docbind-min-bytes",
    "x-docbind-format",
    "x-docbind-type",
    "x-docbind-places",
)


@dataclass(frozen=True, slots=True)
class Phrase:
    """A limit in the reference docs' words; ``literal`` is shown as code (a pattern)."""

    text: str
    literal: str | None = None


Keywords = Callable[[Field, Dialect], dict[str, Any]]
# The entries a limit adds to a field's rules in the generated ``_api.RULES`` table, for the
# limits pydantic has no keyword for (the shared runtime's ``WireModel`` enforces them).
Rule = Callable[[Field], dict[str, int]]
Words = Callable[[Field], Phrase | None]
Boundaries = Callable[[Field, Values], list[Boundary]]


@dataclass(frozen=True, slots=True)
class Constraint:
    key: str  # the spec key
    attr: str  # the ``Field`` attribute, and the key in the plain IR that diff reads
    order: Order
    noun: str  # the limit in words, for diff messages
    diff_kind: str  # diff's change kinds are ``<diff_kind>_<added|removed|lowered|...>``
    column: Column
    words: Words  # its phrase in the docs column (None: said by another row's phrase)
    keywords: Keywords
    runtime: str  # the run-time rule of a generated package that enforces it
    boundaries: Boundaries
    unit: str = ""  # after the values in diff messages: ``50 → 40 bytes``
    rule: Rule | None = None  # its entries in ``_api.RULES`` (None: pydantic or a type does it)

    def value(self, f: Field) -> Any:
        return getattr(f, self.attr)

    def applies(self, f: Field) -> bool:
        value = self.value(f)
        return value is not None and value is not False

    def change(self, old: Any, new: Any) -> Change:
        """How ``old`` → ``new`` moves the limit (None: no limit)."""
        if old == new:
            return "same"
        if self.order == "flag":
            return "tighter" if new else "looser"
        if old is None or new is None:
            return "tighter" if old is None else "looser"
        if self.order in ("set", "type"):
            return "both"
        return "tighter" if (new < old) == (self.order == "lower") else "looser"


# --- words ------------------------------------------------------------------------------------


def _length_words(f: Field) -> Phrase:
    return Phrase(f.length_text)


def _min_words(f: Field) -> Phrase:
    if f.maximum is not None:
        return Phrase(f"{f.minimum} to {f.maximum}")
    return Phrase(f"min {f.minimum}")


def _max_words(f: Field) -> Phrase | None:
    return None if f.minimum is not None else Phrase(f"max {f.maximum}")


def _items_words(f: Field) -> Phrase | None:
    if f.min_items is None and f.max_items is None:
        return None
    return Phrase(f"{f.min_items or 0} to {f.max_items or 'any number of'} items")


def _places_words(f: Field) -> Phrase:
    return Phrase(f"({f.places} place{'s' if f.places != 1 else ''})")


# --- JSON Schema keywords ---------------------------------------------------------------------


def _exact_keywords(f: Field, d: Dialect) -> dict[str, Any]:
    return {"minLength": f.max_chars} if f.max_chars is not None else {d.min_bytes: f.max_bytes}


def _exact_rule(f: Field) -> dict[str, int]:
    # An exact length in characters is pydantic's min_length; in bytes it is the runtime's.
    return {"min_bytes": f.max_bytes} if f.max_chars is None and f.max_bytes else {}


def _places_keywords(f: Field, d: Dialect) -> dict[str, Any]:
    assert f.places is not None
    schema: dict[str, Any] = {"multipleOf": float(Decimal(1).scaleb(-f.places))}
    return {**schema, d.places: f.places} if d.places else schema


def _format_keywords(f: Field, d: Dialect) -> dict[str, Any]:
    assert f.format is not None
    schema = {"pattern": datefmt.regex(f.format), d.format: f.format}
    return {**schema, d.wire_type: f.type} if d.wire_type else schema


# --- the table --------------------------------------------------------------------------------
# The order is the order of keywords in a schema and of cases in the test data: a code table
# first (its ``$ref`` leads the schema), then lengths, bounds, shapes and list sizes.

CONSTRAINTS: tuple[Constraint, ...] = (
    Constraint(
        "codes",
        "codes",
        "set",
        "code table",
        "codes",
        "codes",
        lambda f: Phrase(str(f.codes)),
        lambda f, d: {"$ref": f"{d.refs}{f.codes}"},
        "the code table's enum class (requests); responses also keep unknown codes as str",
        _codes_cases,
    ),
    Constraint(
        "chars",
        "max_chars",
        "lower",
        "maximum length",
        "max_length",
        "limits",
        _length_words,
        lambda f, d: {"maxLength": f.max_chars},
        "pydantic max_length (maxLength); headers: _http.HeaderRule",
        _chars_cases,
        "characters",
    ),
    Constraint(
        "bytes",
        "max_bytes",
        "lower",
        "maximum length",
        "max_length",
        "limits",
        _length_words,
        lambda f, d: {d.max_bytes: f.max_bytes},
        "_runtime byte-length check (_api.RULES max_bytes, counted in the API encoding); "
        "headers: _http.HeaderRule",
        _bytes_cases,
        "bytes",
        rule=lambda f: {"max_bytes": f.max_bytes} if f.max_bytes is not None else {},
    ),
    Constraint(
        "exact",
        "exact_length",
        "flag",
        "exact length",
        "exact_length",
        "limits",
        lambda f: None,
        _exact_keywords,
        "pydantic min_length (minLength), or the _runtime byte check (_api.RULES min_bytes)",
        _exact_cases,
        rule=_exact_rule,
    ),
    Constraint(
        "min",
        "minimum",
        "higher",
        "minimum",
        "minimum",
        "limits",
        _min_words,
        lambda f, d: {"minimum": f.minimum},
        "pydantic ge (minimum)",
        _min_cases,
    ),
    Constraint(
        "max",
        "maximum",
        "lower",
        "maximum",
        "maximum",
        "limits",
        _max_words,
        lambda f, d: {"maximum": f.maximum},
        "pydantic le (maximum)",
        _max_cases,
    ),
    Constraint(
        "places",
        "places",
        "lower",
        "decimal places",
        "places",
        "type",
        _places_words,
        _places_keywords,
        "pydantic multiple_of (multipleOf)",
        _places_cases,
    ),
    Constraint(
        "pattern",
        "pattern",
        "set",
        "pattern",
        "pattern",
        "limits",
        lambda f: Phrase("pattern", f.pattern),
        lambda f, d: {"pattern": f.pattern},
        "pydantic pattern; headers: _http.HeaderRule",
        _pattern_cases,
    ),
    Constraint(
        "format",
        "format",
        "type",
        "date/time format",
        "format",
        "type",
        lambda f: Phrase(str(f.format)),
        _format_keywords,
        "the _runtime.WireFormat of the _types date/time type, requests and responses",
        _format_cases,
    ),
    Constraint(
        "min_items",
        "min_items",
        "higher",
        "minimum size",
        "min_items",
        "limits",
        _items_words,
        lambda f, d: {"minItems": f.min_items},
        "pydantic min_length on the list (minItems)",
        _min_items_cases,
        "items",
    ),
    Constraint(
        "max_items",
        "max_items",
        "lower",
        "maximum size",
        "max_items",
        "limits",
        lambda f: None if f.min_items is not None else _items_words(f),
        lambda f, d: {"maxItems": f.max_items},
        "pydantic max_length on the list (maxItems)",
        _max_items_cases,
        "items",
    ),
)
BY_KEY = {c.key: c for c in CONSTRAINTS}
STRUCTURAL = frozenset({"codes", "format"})  # pick the value's schema rather than add keywords


def keywords(f: Field, dialect: Dialect, *, structural: bool = True) -> dict[str, Any]:
    """Every limit of ``f`` as JSON Schema keywords, in table order; ``structural=False``
    leaves out the code table and the date/time format (the models step makes them classes)."""
    schema: dict[str, Any] = {}
    for c in CONSTRAINTS:
        if c.applies(f) and (structural or c.key not in STRUCTURAL):
            schema.update(c.keywords(f, dialect))
    return schema


def rules(f: Field) -> dict[str, int]:
    """The entries of ``f`` in the generated rules table, in table order."""
    found: dict[str, int] = {}
    for c in CONSTRAINTS:
        if c.rule is not None and c.applies(f):
            found.update(c.rule(f))
    return found


def phrases(f: Field, column: Column) -> list[Phrase]:
    """The limits of ``f`` the docs show in ``column``, in words."""
    found = [c.words(f) for c in CONSTRAINTS if c.column == column and c.applies(f)]
    return [p for p in found if p is not None]


def boundaries(f: Field, values: Values) -> list[Boundary]:
    """The boundary values of every limit of ``f``, in table order."""
    return [b for c in CONSTRAINTS if c.applies(f) for b in c.boundaries(f, values)]
