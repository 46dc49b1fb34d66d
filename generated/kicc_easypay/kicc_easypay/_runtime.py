"""What JSON Schema cannot say, enforced for the models of this API.

Shared by every package docbind generates (copied as it is from docbind's ``runtime`` folder).
The API's own rules are data in ``_api.RULES``, generated from docbind's constraints table:

* ``max_bytes`` / ``min_bytes``: length in bytes, counted in ``_api.ENCODING``;
* ``sensitive``: the value is masked in ``repr`` and ``str``;
* ``required_when``: a field required when sibling fields hold given values;
* ``filled``: required fields the client computes; checked when validating with the context
  ``{FILLED: True}`` (the request as sent, after the computed values are filled in);

and documented date/time patterns are :class:`WireFormat` markers on the ``Date...`` /
``Datetime...`` / ``Time...`` types of ``_types``. Limits pydantic knows (lengths in characters,
patterns, bounds) stay in the models' ``Field`` definitions.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar, TypedDict, cast, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    ValidationInfo,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import (
    PydanticCustomError,
    ValidationError,
    core_schema,
)

from ._api import RULES
from ._checks import CHECKS, FILLED, Check, compile_check
from ._checks import byte_error as _byte_error
from ._checks import error as _error
from ._dates import (
    OFFSET,
    _at,
    _day_reader,
    _reader,
    _slices,
    _writer,
    render_offset,
    split_offset,
)
from ._errors import MASK


class FieldRules(TypedDict, total=False):
    """The rules of one field, by wire name (the entries of ``_api.RULES``)."""

    max_bytes: int
    min_bytes: int
    sensitive: bool


class RequiredWhen(TypedDict):
    field: str  # wire name
    when: dict[str, list[Any]]  # wire name → accepted values; all must hold
    message: str


class Rules(TypedDict, total=False):
    """The rules of one model class (``_api.RULES[class name]``)."""

    fields: dict[str, FieldRules]
    required_when: list[RequiredWhen]
    filled: list[str]  # required, computed: present once the client has filled them in


# --- documented date/time patterns -------------------------------------------------------

_KINDS: dict[str, type] = {"date": dt.date, "datetime": dt.datetime, "time": dt.time}
_DIGITS_ONLY = re.compile(r"\^((?:\\d\{\d+\})+)\$")  # ^\d{4}\d{2}\d{2}$


@dataclass(frozen=True)
class WireFormat:
    """A date, datetime or time written on the wire in a documented pattern.

    ``Annotated[dt.date, WireFormat("date", "yyyy-MM-dd", "%Y-%m-%d", r"^\\d{4}-...$")]``:
    reads only text in the pattern (a valid calendar value), writes the pattern.
    """

    kind: str  # date, datetime or time
    shown: str  # the pattern as the documents write it
    strftime: str  # ``%f`` stands for milliseconds
    regex: str
    _match: Callable[[str], Any] = field(init=False, repr=False, compare=False)
    _read: Callable[[str], Any] = field(init=False, repr=False, compare=False)
    _write: Callable[[Any], str] | None = field(init=False, repr=False, compare=False)
    # What pydantic calls: ``parse`` and ``render`` with the common case first.
    _parse_fast: Callable[[Any], Any] = field(init=False, repr=False, compare=False)
    _render_fast: Callable[[Any], str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Worked out once per pattern, not for every value read (the dataclass is frozen).
        fmt = self.strftime
        plain = fmt.removesuffix(OFFSET)
        object.__setattr__(self, "_match", re.compile(self.regex).match)
        read: Callable[[str], Any] = _reader(_slices(plain))
        if (
            plain == fmt and self.kind == "date"
        ):  # no offset: the finished value is read
            read = _day_reader(_slices(plain))
        elif plain == fmt and self.kind == "time":
            read = _at(read, dt.datetime.time)
        object.__setattr__(self, "_read", read)
        plain_date = self.kind != "time" and plain == fmt
        object.__setattr__(self, "_write", _writer(fmt) if plain_date else None)
        object.__setattr__(self, "_parse_fast", self._fast_parser())
        object.__setattr__(self, "_render_fast", self._fast_renderer())

    def _fast_parser(self) -> Callable[[Any], Any]:
        # A pattern of digits only (yyyyMMdd): text of that many decimal digits is exactly
        # what its regex matches (``\\d`` is Unicode's Nd, as ``isdecimal``); anything else,
        # an error included, goes the whole way through ``parse``.
        digits = _DIGITS_ONLY.fullmatch(self.regex)
        parse, read = self.parse, self._read
        if digits is None or self.strftime.endswith(OFFSET):
            return parse
        size = sum(int(n) for n in re.findall(r"\d+", digits.group(1)))

        def fast(value: Any) -> Any:
            if value.__class__ is str and len(value) == size and value.isdecimal():
                try:
                    return read(value)
                except ValueError:  # not a calendar date: parse says so
                    pass
            return parse(value)

        return fast

    def _fast_renderer(self) -> Callable[[Any], str]:
        write, render = self._write, self.render
        if write is None:
            return render
        return lambda value: write(value) if value.year >= 1000 else render(value)

    def parse(self, value: Any) -> Any:
        if (
            value.__class__ is not str
            and isinstance(value, _KINDS[self.kind])
            and (self.kind != "date" or not isinstance(value, dt.datetime))
        ):
            return value
        if not isinstance(value, str) or not self._match(value):
            # An int such as 20240131 would otherwise be read as a Unix time.
            raise PydanticCustomError(
                "wire_format",
                "must be a {kind} in the format {fmt}",
                {"kind": self.kind, "fmt": self.shown},
            )
        try:
            if self.strftime.endswith(OFFSET):
                local, zone = split_offset(value)
                return self._read(local).replace(tzinfo=zone)
            return self._read(value)
        except ValueError as exc:
            # The value is not repeated: a sensitive date must not reach an error message.
            raise PydanticCustomError(
                "wire_format",
                "is not a valid {fmt}: {reason}",
                {"fmt": self.shown, "reason": str(exc)},
            ) from None

    def render(self, value: Any) -> str:
        if self._write is not None and value.year >= 1000:
            return self._write(value)
        fmt, zone = self.strftime, ""
        if fmt.endswith(OFFSET):
            fmt, zone = fmt[: -len(OFFSET)], render_offset(value)
        if "%f" not in fmt:
            return str(value.strftime(fmt)) + zone
        # Documents count milliseconds (SSS); strftime only knows microseconds.
        millis = f"{value.microsecond // 1000:03d}"
        return millis.join(str(value.strftime(p)) for p in fmt.split("%f")) + zone

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_before_validator_function(
            self._parse_fast,
            handler(source),
            serialization=core_schema.plain_serializer_function_ser_schema(
                self._render_fast, return_schema=core_schema.str_schema()
            ),
        )

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "pattern": self.regex, "x-wire-format": self.shown}


# --- base classes --------------------------------------------------------------------------

_ByteLimit = tuple[str, str, int, int]  # attribute, wire name, min bytes, max bytes
# attribute, wire name, all-of (attribute, accepted values), message
_RequiredWhen = tuple[str, str, tuple[tuple[str, tuple[Any, ...]], ...], str]


@dataclass(frozen=True)
class _Compiled:
    """A class's rules by attribute name, worked out on first use."""

    byte_limits: tuple[_ByteLimit, ...]
    required_when: tuple[_RequiredWhen, ...]
    sensitive: frozenset[str]
    filled: tuple[tuple[str, str], ...] = ()  # (attribute, wire name)


def _compile(cls: type[BaseModel]) -> _Compiled:
    rules = RULES.get(cls.__name__, {})
    attribute = {(f.alias or name): name for name, f in cls.model_fields.items()}
    limits: list[_ByteLimit] = []
    sensitive: set[str] = set()
    for wire, entry in rules.get("fields", {}).items():
        if "max_bytes" in entry:
            low = entry.get("min_bytes", 0)
            limits.append((attribute[wire], wire, low, entry["max_bytes"]))
        if entry.get("sensitive"):
            sensitive.add(attribute[wire])
    required = tuple(
        (
            attribute[rule["field"]],
            rule["field"],
            tuple((attribute[w], tuple(v)) for w, v in rule["when"].items()),
            rule["message"],
        )
        for rule in rules.get("required_when", ())
    )
    filled = tuple((attribute[w], w) for w in rules.get("filled", ()))
    return _Compiled(tuple(limits), required, frozenset(sensitive), filled)


def _checker(cls: type[WireModel]) -> Check | None:
    rules = cls._docbind_compiled()
    kinds = {name: info.annotation for name, info in cls.model_fields.items()}
    found = compile_check(cls, rules, kinds, FILLED)
    CHECKS[cls] = found
    return found


class WireModel(BaseModel):
    """Base of every generated model; each class reads its rules from ``_api.RULES``."""

    # Wire names such as `model_dump` become `model_dump_`; pydantic need not warn about them.
    # hide_input_in_errors: pydantic's own error text would otherwise repeat the value given,
    # a token or an account number included.
    model_config = ConfigDict(
        validate_by_name=True,
        validate_by_alias=True,
        protected_namespaces=(),
        hide_input_in_errors=True,
    )

    __docbind_rules__: ClassVar[_Compiled | None] = None
    _docbind_rules: ClassVar[object]  # the validator of a class with checks

    @classmethod
    def _docbind_compiled(cls) -> _Compiled:
        # Looked up in the class's own namespace: a subclass never reuses its base's rules.
        found = cls.__dict__.get("__docbind_rules__")
        if found is None:
            found = _compile(cls)
            cls.__docbind_rules__ = found
        return cast(_Compiled, found)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # Only a class with checks gets the validator that runs them (before pydantic collects
        # the validators): a class without costs nothing more than a plain pydantic model.
        super().__init_subclass__(**kwargs)
        if _has_checks(RULES.get(cls.__name__, {})):
            cls._docbind_rules = model_validator(mode="after")(_run_checks)

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        sensitive = self._docbind_compiled().sensitive
        for key, value in super().__repr_args__():
            yield key, (MASK if key in sensitive and value is not None else value)


def _run_checks(self: WireModel, info: ValidationInfo) -> WireModel:
    cls = type(self)
    check = CHECKS[cls] if cls in CHECKS else _checker(cls)
    if check is not None:
        found = check(self.__dict__, info)
        if found:
            raise ValidationError.from_exception_data(cls.__name__, found)
    return self


def _has_checks(rules: Rules) -> bool:
    limits = any("max_bytes" in f for f in rules.get("fields", {}).values())
    return limits or bool(rules.get("required_when") or rules.get("filled"))


class RequestBase(WireModel):
    """Outgoing messages: unknown fields are refused and every documented limit is checked."""


class ResponseBase(WireModel):
    """Incoming messages: read leniently; unknown fields are kept in ``model_extra``.

    Lenient is not careless: numeric strings become numbers, but ``true`` is not read as 1
    (pydantic's lax mode would), since a balance of ``true`` is a broken answer, not a balance.
    """

    __docbind_numbers__: ClassVar[frozenset[str] | None] = None

    @model_validator(mode="before")
    @classmethod
    def _no_booleans_for_numbers(cls, data: Any) -> Any:
        # Run for every object of every answer: a plain loop that finds nothing, in the
        # common case (a bool cannot be subclassed, so the class test is isinstance's).
        if isinstance(data, dict):
            names = cls.__dict__.get("__docbind_numbers__")
            for wire in cls._numeric_wire_names() if names is None else names:
                if data.get(wire).__class__ is bool:
                    raise _booleans_found(cls, cls._numeric_wire_names(), data)
        return data

    @classmethod
    def _numeric_wire_names(cls) -> frozenset[str]:
        found = cls.__dict__.get("__docbind_numbers__")
        if found is None:
            found = frozenset(
                info.alias or name
                for name, info in cls.model_fields.items()
                if _is_number(info.annotation)
            )
            cls.__docbind_numbers__ = found
        return cast(frozenset[str], found)


def _booleans_found(
    cls: type[BaseModel], names: frozenset[str], data: dict[str, Any]
) -> ValidationError:
    found = [
        _error(
            wire,
            "bool_for_number",
            "{field}: true/false is not a number",
            {"field": wire},
        )
        for wire in names
        if isinstance(data.get(wire), bool)
    ]
    return ValidationError.from_exception_data(cls.__name__, found)


def _is_number(annotation: Any) -> bool:
    """``int``, ``Decimal`` or ``float``, alone or with ``None`` (not ``bool``, an int)."""
    kinds = get_args(annotation) or (annotation,)
    numbers = [k for k in kinds if k is not type(None)]
    return bool(numbers) and all(k in (int, float, Decimal) for k in numbers)


def item_bytes(low: int, high: int) -> AfterValidator:
    """The byte limits of each element of a request array, counted as for a field."""

    def check(value: str) -> str:
        error = _byte_error("item", value, low, high)
        if error is not None:
            raise cast(PydanticCustomError, error["type"])
        return value

    return AfterValidator(check)
