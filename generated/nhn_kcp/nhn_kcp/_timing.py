"""How long to wait: the timeout of an attempt and the provider's ``Retry-After`` (written by
docbind, the same in every generated package)."""

from __future__ import annotations

import datetime as dt
import email.utils
import math

import httpx

from . import _errors as errors

# A timeout is seconds for the whole attempt, or httpx's per-phase ``httpx.Timeout``.
Timeout = float | httpx.Timeout

RETRY_AFTER_CAP = 60.0  # seconds: a longer wait is the caller's decision, not a retry's


def attempt_seconds(timeout: Timeout) -> float | None:
    """Seconds that bound a whole attempt, the answer's body included (a server that drips its
    answer a byte at a time is cut off): the number given, or for an ``httpx.Timeout`` the sum
    of its phases, each of which may use its whole budget; None when a phase is unbounded.
    """
    if isinstance(timeout, httpx.Timeout):
        phases = (timeout.connect, timeout.write, timeout.read, timeout.pool)
        for phase in phases:
            if phase is not None:
                _check(phase)
        if any(phase is None for phase in phases):
            return None
        return sum(phase for phase in phases if phase is not None)
    return _check(timeout)


def _check(seconds: float) -> float:
    # A RequestValidationError (a ValueError too): inside the package's error tree, and
    # raised before anything is sent.
    if isinstance(seconds, bool) or not isinstance(seconds, int | float):
        problem = f"must be seconds or an httpx.Timeout, not {type(seconds).__name__}"
    elif not math.isfinite(seconds) or seconds <= 0:
        problem = f"must be a positive number of seconds, not {seconds}"
    else:
        return float(seconds)
    raise errors.RequestValidationError(f"timeout {problem}", [("timeout", problem)])


def retry_after(headers: httpx.Headers, now: dt.datetime | None = None) -> float | None:
    """Seconds the provider asks to wait: ``retry-after-ms`` (milliseconds), else
    ``Retry-After`` as seconds or as an HTTP date; capped at ``RETRY_AFTER_CAP``; None when
    neither is given or readable (the usual backoff applies)."""
    millis = _number(headers.get("retry-after-ms"))
    if millis is not None:
        return _capped(millis / 1000)
    value = headers.get("retry-after")
    if value is None:
        return None
    seconds = _number(value)
    if seconds is not None:
        return _capped(seconds)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # an HTTP date is in GMT; "-0000" reads as naive
        when = when.replace(tzinfo=dt.UTC)
    now = now or dt.datetime.now(dt.UTC)
    return _capped((when - now).total_seconds())


def _number(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None  # "nan" and "inf" parse as floats


def _capped(seconds: float) -> float:
    return min(max(seconds, 0.0), RETRY_AFTER_CAP)
