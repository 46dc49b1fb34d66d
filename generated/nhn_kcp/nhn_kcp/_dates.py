"""Documented date/time patterns on the wire: fixed-width digits (``yyyyMMddHHmmssSSS``) cut
without ``strptime``, and ISO 8601's offset (written by docbind, the same in every generated
package; ``_runtime.WireFormat`` reads and writes with them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from operator import attrgetter, itemgetter
from typing import TypeVar

T = TypeVar("T")

_WIDTHS = {"Y": 4, "y": 2, "m": 2, "d": 2, "H": 2, "M": 2, "S": 2, "f": 3}
_Slices = tuple[tuple[str, int, int], ...]


def _slices(fmt: str) -> _Slices:
    """Where each part of a fixed-width pattern sits: (strftime letter, start, end)."""
    found, position, index = [], 0, 0
    while index < len(fmt):
        if fmt[index] == "%" and fmt[index + 1] in _WIDTHS:
            width = _WIDTHS[fmt[index + 1]]
            found.append((fmt[index + 1], position, position + width))
            position, index = position + width, index + 2
        else:
            position, index = position + 1, index + (2 if fmt[index] == "%" else 1)
    return tuple(found)


def _read(value: str, slices: _Slices) -> dt.datetime:
    """Slice the digits (the pattern has been matched); dt.datetime checks the calendar."""
    parts = {letter: int(value[start:end]) for letter, start, end in slices}
    year = parts.get("Y")
    if year is None:  # two-digit years as strptime reads them: 69-99 → 1900s
        short = parts.get("y", 0)
        year = short + (1900 if short >= 69 else 2000)
    return dt.datetime(
        year,
        parts.get("m", 1),
        parts.get("d", 1),
        parts.get("H", 0),
        parts.get("M", 0),
        parts.get("S", 0),
        parts.get("f", 0) * 1000,
    )


def _reader(slices: _Slices) -> Callable[[str], dt.datetime]:
    if len(slices) >= 3 and "YmdHMS".startswith(
        "".join(letter for letter, _, _ in slices)
    ):
        # yyyyMMdd, yyyy-MM-dd HH:mm:ss, ...: the digits are dt.datetime's own arguments, in
        # order, cut in one C call.
        pick = itemgetter(*(slice(start, end) for _, start, end in slices))
        make: Callable[..., dt.datetime] = dt.datetime
        return lambda value: make(*map(int, pick(value)))
    return lambda value: _read(value, slices)


_FIELDS = {"Y": ("year", "%04d"), "m": ("month", "%02d"), "d": ("day", "%02d")}
_FIELDS |= {"H": ("hour", "%02d"), "M": ("minute", "%02d"), "S": ("second", "%02d")}


def _writer(fmt: str) -> Callable[[dt.date], str] | None:
    """``fmt`` (of a date or datetime) as one ``%`` formatting of the value's fields, picked
    in one C call (twice as fast as ``str.format``'s attribute lookups), or None when it
    holds a directive other than ``%Y %m %d %H %M %S``. strftime writes years before 1000
    with fewer digits: the caller keeps strftime for those."""
    template, names, index = [], [], 0
    while index < len(fmt):
        char = fmt[index]
        if char == "%":
            directive = fmt[index + 1 : index + 2]
            if directive == "%":
                template.append("%%")
            elif directive in _FIELDS:
                name, spec = _FIELDS[directive]
                template.append(spec)
                names.append(name)
            else:
                return None
            index += 2
            continue
        template.append(char)
        index += 1
    text = "".join(template)
    if len(names) < 2:  # attrgetter of one name gives the value, not a tuple
        return lambda value: text % tuple(getattr(value, n) for n in names)
    pick = attrgetter(*names)
    return lambda value: text % pick(value)


def _day_reader(slices: _Slices) -> Callable[[str], dt.date]:
    """A reader of dates: ``yyyyMMdd`` and its like cut straight into a dt.date."""
    if "".join(letter for letter, _, _ in slices) == "Ymd":
        pick = itemgetter(*(slice(start, end) for _, start, end in slices))
        make: Callable[..., dt.date] = dt.date
        return lambda value: make(*map(int, pick(value)))
    return _at(_reader(slices), dt.datetime.date)


def _at(
    read: Callable[[str], dt.datetime], part: Callable[[dt.datetime], T]
) -> Callable[[str], T]:
    return lambda value: part(read(value))


OFFSET = "%:z"  # ISO 8601's offset (XXX): Z for UTC, else +09:00; it ends the pattern


def split_offset(value: str) -> tuple[str, dt.timezone]:
    """``2024-01-01T10:00:00+09:00`` → the local part and its offset (the regex matched)."""
    if value.endswith("Z"):
        return value[:-1], dt.UTC
    sign = -1 if value[-6] == "-" else 1
    minutes = int(value[-5:-3]) * 60 + int(value[-2:])
    return value[:-6], dt.timezone(sign * dt.timedelta(minutes=minutes))


def render_offset(value: dt.datetime) -> str:
    offset = value.utcoffset()
    if offset is None:
        raise ValueError("a datetime with an offset needs a time zone (tzinfo)")
    if not offset:
        return "Z"
    minutes = int(abs(offset).total_seconds()) // 60
    sign = "-" if offset < dt.timedelta(0) else "+"
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
