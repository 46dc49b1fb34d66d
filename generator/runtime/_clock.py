"""The request time: zones, the documents' time formats, and a time the caller wrote (written
by docbind, the same in every generated package)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from ._dates import OFFSET, _writer, render_offset
from ._operation import Operation

# Zones without DST, used when the system has no time zone database (e.g. Windows without tzdata).
_FIXED_OFFSETS = {"Asia/Seoul": 9, "Asia/Tokyo": 9, "UTC": 0, "Etc/UTC": 0}

_ZONES: dict[str, dt.tzinfo] = {}
_WRITERS: dict[str, Callable[[dt.date], str] | None] = {}  # strftime → its fast writer


def zone(name: str) -> dt.tzinfo:
    tz = _ZONES.get(name)
    if tz is None:
        # zoneinfo reads the system's paths when imported: not worth it before a zone is used
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            tz = ZoneInfo(name)
        except ZoneInfoNotFoundError:
            if name not in _FIXED_OFFSETS:
                raise
            tz = dt.timezone(dt.timedelta(hours=_FIXED_OFFSETS[name]))
        _ZONES[name] = tz
    return tz


def local_now(instant: dt.datetime, name: str) -> dt.datetime:
    """``instant`` as wall-clock time in zone ``name`` (naive, as the documents write it)."""
    return instant.astimezone(zone(name)).replace(tzinfo=None)


def format_time(value: dt.datetime, strftime: str) -> str:
    if strftime.endswith(OFFSET):  # ISO 8601 with an offset: ``value`` is aware
        return format_time(value, strftime[: -len(OFFSET)]) + render_offset(value)
    if "%f" not in strftime:
        # As the models write dates: their fast writer, strftime for years before 1000.
        if strftime not in _WRITERS:
            _WRITERS[strftime] = _writer(strftime)
        write = _WRITERS[strftime]
        if write is not None and value.year >= 1000:
            return write(value)
        return value.strftime(strftime)
    # Documents count milliseconds (SSS); strftime only knows microseconds.
    millis = f"{value.microsecond // 1000:03d}"
    return millis.join(value.strftime(part) for part in strftime.split("%f"))


def given_instant(
    op: Operation[Any], headers: Mapping[str, str | None], payload: Mapping[str, Any]
) -> dt.datetime | None:
    """The request time the caller wrote into a top-level ``now`` value, if any. The whole
    request then uses it, so a signer's ``{time}`` and every other ``now`` value agree with
    what is sent (a provider checks that they match). A value that does not read as the
    documented format gives None here; validation reports it at its place."""
    if not op.top_level_now:
        return None
    rules = [(rule, headers) for rule in op.header_computed]
    rules += [(rule, payload) for rule in op.body_computed if not rule.path]
    for rule, given in rules:
        value = given.get(rule.target) if rule.kind == "now" else None
        if not isinstance(value, str):
            continue
        strftime = rule.strftime or "%Y%m%d"
        try:
            if strftime.endswith(OFFSET):  # the value carries its own offset
                parsed = dt.datetime.strptime(value, strftime[: -len(OFFSET)] + "%z")
            else:
                local = dt.datetime.strptime(value, strftime)
                parsed = local.replace(tzinfo=zone(rule.arg or "UTC"))
        except ValueError:
            return None
        return parsed.astimezone(dt.UTC)
    return None
