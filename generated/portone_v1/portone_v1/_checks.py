"""Each model class's rules as one straight-line function, written and compiled on first use.

``_runtime.WireModel`` validates every instance with the function of its class: one ``if`` a
rule, in the order of ``_api.RULES``, instead of a loop over rule tuples for every instance. Only
the attribute and wire names (as ``repr`` literals) and the numeric limits go into the source;
accepted values and messages are constants of the function. A byte limit that no value of the
field's type can break (a date; a code whose every value fits) is left out.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Callable
from decimal import Decimal
from enum import Enum
from typing import Any, Protocol

from pydantic_core import InitErrorDetails, PydanticCustomError

from ._api import ENCODING

# The validation context key that says the computed values are filled in (the request as
# sent): only then are the computed fields required.
FILLED = "docbind_filled"
Check = Callable[[dict[str, Any], Any], list[InitErrorDetails] | None]
# class → its check (None: it has no rules); filled in by ``_runtime`` on first use
CHECKS: dict[type, Check | None] = {}
_NOT_TEXT = (dt.date, dt.time, int, float, Decimal, type(None))


class Rules(Protocol):
    """A class's rules by attribute name (``_runtime._Compiled``)."""

    @property
    def byte_limits(self) -> tuple[tuple[str, str, int, int], ...]: ...

    @property
    def required_when(self) -> tuple[tuple[str, str, Any, str], ...]: ...

    @property
    def filled(self) -> tuple[tuple[str, str], ...]: ...


def compile_check(
    cls: type, rules: Rules, kinds: dict[str, Any], filled_key: str
) -> Check | None:
    """``check(values, info)``: the errors of one instance (its ``__dict__``; ``info`` is
    pydantic's ``ValidationInfo``, for the context), in order."""
    consts: dict[str, Any] = {"_byte_error": byte_error, "_error": error}
    consts["ENCODING"] = ENCODING
    lines: list[str] = []
    if rules.filled:
        lines.append("    context = info.context")
        lines.append(f"    if context and context.get({filled_key!r}):")
        for name, wire in rules.filled:
            lines.append(f"        if values[{name!r}] is None:")
            lines.append(
                f"            found.append(_error({wire!r}, 'missing', 'Field required', "
                + "dict()))"
            )
    for name, wire, low, high in rules.byte_limits:
        if not _always_fits(kinds.get(name), low, high):
            lines += _byte_lines(name, wire, low, high)
    for index, (name, wire, conditions, message) in enumerate(rules.required_when):
        tests = [f"values[{name!r}] is None"]
        for number, (other, accepted) in enumerate(conditions):
            consts[f"_accepted_{index}_{number}"] = accepted
            tests.append(f"values[{other!r}] in _accepted_{index}_{number}")
        consts[f"_message_{index}"] = message
        lines.append(f"    if {' and '.join(tests)}:")
        lines.append(
            f"        found.append(_error({wire!r}, 'required_when', "
            + repr("{message}")
            + f", dict(message=_message_{index})))"
        )
    if not lines:
        return None
    source = "def check(values, info):\n    found = []\n"
    source += "\n".join(lines) + "\n    return found\n"
    # The source holds only names and numbers from this package's own _api.RULES (as repr
    # literals). Nothing is run here: the function is built from its compiled code.
    module = compile(source, f"<docbind rules of {cls.__name__}>", "exec")
    code = next(c for c in module.co_consts if isinstance(c, types.CodeType))
    return typing.cast(Check, types.FunctionType(code, consts, "check"))


def _byte_lines(name: str, wire: str, low: int, high: int) -> list[str]:
    # Not text (None): nothing to count. ASCII: its length is its size in every supported
    # encoding. Else encode; byte_error writes the error (the encoding's own included).
    return [
        f"    value = values[{name!r}]",
        "    if isinstance(value, str):",
        "        if value.isascii():",
        "            size = len(value)",
        "        else:",
        "            try:",
        "                size = len(value.encode(ENCODING))",
        "            except UnicodeEncodeError:",
        "                size = -1",
        f"        if not {low} <= size <= {high}:",
        f"            found.append(_byte_error({wire!r}, value, {low}, {high}))",
    ]


def _always_fits(annotation: Any, low: int, high: int) -> bool:
    """No value a field of this type holds after validation can break the limit: it is never
    text (a date, a number), or a code (an enum) whose every value fits."""
    if annotation is None:
        return False
    kinds = typing.get_args(annotation) if _is_union(annotation) else (annotation,)
    for kind in kinds:
        if typing.get_origin(kind) is typing.Annotated:
            kind = typing.get_args(kind)[0]
        if (
            isinstance(kind, type)
            and issubclass(kind, Enum)
            and not issubclass(kind, str)
        ):
            return False
        if isinstance(kind, type) and issubclass(kind, Enum):
            if not all(byte_error("", str(m.value), low, high) is None for m in kind):
                return False
        elif not (isinstance(kind, type) and issubclass(kind, _NOT_TEXT)):
            return False
    return True


def _is_union(annotation: Any) -> bool:
    return typing.get_origin(annotation) in (typing.Union, types.UnionType)


def byte_error(wire: str, value: Any, low: int, high: int) -> InitErrorDetails | None:
    if not isinstance(value, str):
        return None
    if value.isascii():  # every supported encoding is ASCII-compatible
        size = len(value)
    else:
        try:
            size = len(value.encode(ENCODING))
        except UnicodeEncodeError as exc:
            return error(
                wire,
                "wire_encoding",
                "{field}: character {char} cannot be written in {encoding}",
                {"field": wire, "char": repr(value[exc.start]), "encoding": ENCODING},
            )
    if size > high:
        return error(
            wire,
            "max_bytes",
            "{field} must be at most {limit} bytes in {encoding} (got {size})",
            {"field": wire, "limit": high, "encoding": ENCODING, "size": size},
        )
    if size < low:
        return error(
            wire,
            "min_bytes",
            "{field} must be exactly {limit} bytes in {encoding} (got {size})",
            {"field": wire, "limit": low, "encoding": ENCODING, "size": size},
        )
    return None


def error(wire: str, kind: str, template: str, ctx: dict[str, Any]) -> InitErrorDetails:
    # The offending value is left out on purpose: it may be an account number or a name.
    return {
        "type": PydanticCustomError(kind, template, ctx),
        "loc": (wire,),
        "input": None,
    }
