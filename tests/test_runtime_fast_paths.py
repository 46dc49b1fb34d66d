"""The run-time fast paths give exactly what the general ones do.

Each model class's rules run as one compiled straight-line function (``_checks``), which leaves
out a byte limit no value of the field's type can break; dates are written with one
``%`` formatting instead of ``strftime`` (``_dates._writer``), and read, when the pattern is
digits only, without its regex (``WireFormat._parse_fast``). Checked on the generated KICC
package, against strftime and against the documented limits.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from enum import StrEnum
from typing import Any

import pytest
from kicc_easypay import _checks, _clock, _dates, _operation, models
from kicc_easypay._runtime import WireFormat
from pydantic import ValidationError

PATTERNS = ["%Y%m%d", "%Y%m%d%H%M%S", "%Y-%m-%d %H:%M:%S", "%Y{%m}%d%%", "%H%M%S", "%Y", "at %H"]


@pytest.mark.parametrize("fmt", PATTERNS)
def test_dates_are_written_as_strftime_writes_them(fmt: str) -> None:
    write = _dates._writer(fmt)
    assert write is not None
    rnd = random.Random(fmt)
    for _ in range(300):
        value = dt.datetime(
            rnd.randint(1000, 9999),
            rnd.randint(1, 12),
            rnd.randint(1, 28),
            rnd.randint(0, 23),
            rnd.randint(0, 59),
            rnd.randint(0, 59),
        )
        assert write(value) == value.strftime(fmt)


@pytest.mark.parametrize("fmt", [*PATTERNS, "%y%m%d %j", "%Y%m%d%H%M%S%f"])
def test_computed_times_are_written_as_strftime_writes_them(fmt: str) -> None:
    rnd = random.Random(fmt)
    for year in [1, 999, 1000, *(rnd.randint(1000, 9999) for _ in range(200))]:
        value = dt.datetime(year, rnd.randint(1, 12), rnd.randint(1, 28), rnd.randint(0, 23))
        expected = value.strftime(fmt.replace("%f", "%%f"))
        if "%f" in fmt:  # milliseconds, as documents count them
            expected = expected.replace("%f", f"{value.microsecond // 1000:03d}")
        assert _clock.format_time(value, fmt) == expected


def test_a_pattern_it_cannot_write_is_left_to_strftime() -> None:
    assert _dates._writer("%y%m%d") is None
    assert _dates._writer("%Y%m%d%f") is None


def test_years_before_1000_are_still_written_by_strftime() -> None:
    fmt = WireFormat("date", "yyyyMMdd", "%Y%m%d", r"^\d{8}$")
    value = dt.date(999, 1, 2)
    assert fmt.render(value) == value.strftime("%Y%m%d")
    assert fmt.render(dt.date(2024, 1, 31)) == "20240131"


def _outcome(read: object, value: object) -> object:
    try:
        return read(value)  # type: ignore[operator]
    except Exception as exc:  # noqa: BLE001  # the error is the outcome compared
        return (type(exc), str(exc))


@pytest.mark.parametrize(
    ("kind", "shown", "fmt", "regex"),
    [
        ("date", "yyyyMMdd", "%Y%m%d", r"^\d{4}\d{2}\d{2}$"),
        ("datetime", "yyyyMMddHHmmss", "%Y%m%d%H%M%S", r"^\d{4}\d{2}\d{2}\d{2}\d{2}\d{2}$"),
        ("date", "yyyy-MM-dd", "%Y-%m-%d", r"^\d{4}-\d{2}-\d{2}$"),
    ],
)
def test_dates_are_read_and_written_as_the_general_path_does(
    kind: str, shown: str, fmt: str, regex: str
) -> None:
    wire = WireFormat(kind, shown, fmt, regex)
    rnd = random.Random(shown)
    edge = ["20240131", "20240231", "20240131\n", "2024013\uff11", "2024013", "202401311"]
    edge += ["20240131120000", "20241301000000", "2024-01-31", "", "abcdefgh", 20240131]
    edge += [dt.date(2024, 1, 31), dt.datetime(2024, 1, 31, 12)]
    digits = [
        "".join(rnd.choice("0123456789") for _ in range(rnd.choice((8, 14)))) for _ in range(300)
    ]
    for value in edge + digits:
        assert _outcome(wire._parse_fast, value) == _outcome(wire.parse, value), value
    for year in (1, 999, 1000, 2024, 9999):
        value = dt.datetime(year, 2, 3, 4, 5, 6)
        assert wire._render_fast(value) == wire.render(value)


class Short(StrEnum):
    ONE = "1"
    TWO = "22"


class Korean(StrEnum):
    NAME = "홍"  # 3 bytes in UTF-8


@pytest.mark.parametrize(
    ("annotation", "low", "high", "skipped"),
    [
        (Short, 0, 2, True),
        (Short | None, 1, 2, True),
        (Short, 0, 1, False),  # "22" breaks it: the check stays
        (Short, 2, 2, False),  # "1" breaks the minimum
        (Korean, 0, 2, False),
        (Korean, 0, 3, True),
        (str, 0, 100, False),
        (str | None, 0, 100, False),
        (Short | str, 0, 100, False),
        (dt.date | None, 0, 1, True),
        (int, 0, 1, True),
        (None, 0, 1, False),
    ],
)
def test_a_limit_is_left_out_only_when_no_value_can_break_it(
    annotation: object, low: int, high: int, skipped: bool
) -> None:
    assert _checks._always_fits(annotation, low, high) is skipped


def test_the_compiled_rules_report_every_error_in_order() -> None:
    request = {
        "pgCno": "x" * 21,
        "reviseTypeCode": "62",
        "reviseMessage": "가" * 34,  # 102 bytes in UTF-8, 34 characters
        "refundInfo": {"refundBankCode": "0888", "refundAccountNo": "1", "refundDepositName": "n"},
        "basketUsed": "Y",
    }
    with pytest.raises(ValidationError) as caught:
        models.RefundRequest.model_validate(request)
    found = [(e["loc"], e["type"]) for e in caught.value.errors()]
    assert found == [
        (("refundInfo", "refundBankCode"), "max_bytes"),
    ]
    request["refundInfo"]["refundBankCode"] = "088"  # type: ignore[index]
    with pytest.raises(ValidationError) as caught:
        models.RefundRequest.model_validate(request)
    found = [(e["loc"], e["type"]) for e in caught.value.errors()]
    assert found == [
        (("pgCno",), "max_bytes"),
        (("reviseMessage",), "max_bytes"),
        (("amount",), "required_when"),
        (("basketInfo",), "required_when"),
    ]


ANSWERS = [
    '{"resCd": "0000", "n": [1, 2.5, {"a": null}]}',
    '{"resCd": "0000", "resCd": "9999"}',  # a repeated key is refused
    '\ufeff{"a": 1}',
    '{"a": 1',
    "",
    '"text"',
]


@pytest.mark.parametrize("text", ANSWERS)
@pytest.mark.parametrize("encoding", [None, "utf-8", "utf-8-sig", "utf-16", "utf-32-be"])
def test_answers_are_read_as_json_loads_reads_them(text: str, encoding: str | None) -> None:
    """One decoder is kept instead of json.loads building one per answer."""
    data = text if encoding is None else text.encode(encoding)

    def outcome(read: Any) -> Any:
        try:
            return read(data)
        except ValueError as exc:
            return type(exc), str(exc)

    expected = outcome(lambda d: json.loads(d, object_pairs_hook=_operation.unique_keys))
    assert outcome(_operation.load_json) == expected
