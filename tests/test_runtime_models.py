"""The shared runtime's model rules, date/time types and wire form, tested where they live.

The rules come from the stand-in ``_api.RULES`` (each test adds the rules of its own class), as a
generated package's come from its generated ``_api.py``.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Annotated, Any

import pytest
from pydantic import Field, ValidationError
from runtime_support import runtime_module

rt = runtime_module("_runtime")
enc = runtime_module("_encode")
api = runtime_module("_api")


def model(class_name: str, rules: dict[str, Any], /, **fields: Any) -> Any:
    """A request model class with ``fields`` (attribute → (annotation, Field)) and ``rules``."""
    api.RULES[class_name] = rules
    annotations = {key: value[0] for key, value in fields.items()}
    namespace = {"__annotations__": annotations, **{k: v[1] for k, v in fields.items()}}
    return type(class_name, (rt.RequestBase,), namespace)


def test_byte_limits_count_the_api_encoding_and_never_echo_the_value() -> None:
    cls = model(
        "ByteProbe",
        {"fields": {"holderName": {"max_bytes": 6}}},
        holder_name=(str, Field(alias="holderName")),
    )
    assert cls(holderName="가나").holder_name == "가나"  # 6 bytes in UTF-8
    with pytest.raises(ValidationError) as info:
        cls(holderName="가나다")
    (error,) = info.value.errors()
    assert error["loc"] == ("holderName",) and "at most 6 bytes in utf-8 (got 9)" in error["msg"]
    assert "가나다" not in str(info.value)


def test_an_exact_byte_length_refuses_shorter_values() -> None:
    cls = model(
        "ExactProbe", {"fields": {"code": {"max_bytes": 4, "min_bytes": 4}}}, code=(str, Field())
    )
    assert cls(code="ABCD").code == "ABCD"
    with pytest.raises(ValidationError, match="exactly 4 bytes"):
        cls(code="ABC")


def test_required_when_and_sensitive_fields() -> None:
    rules = {
        "fields": {"accountNo": {"sensitive": True}},
        "required_when": [
            {
                "field": "amount",
                "when": {"kind": ["62"]},
                "message": "amount is required when kind is 62",
            }
        ],
    }
    cls = model(
        "RuleProbe",
        rules,
        kind=(str, Field()),
        amount=(int | None, Field(None)),
        account_no=(str, Field(alias="accountNo")),
    )
    assert cls(kind="60", accountNo="1234").amount is None
    with pytest.raises(ValidationError, match="amount is required when kind is 62"):
        cls(kind="62", accountNo="1234")
    shown = repr(cls(kind="62", amount=5, accountNo="secret-1234"))
    assert "secret-1234" not in shown and rt.MASK in shown


def test_a_subclass_has_its_own_rules() -> None:
    base = model("BaseProbe", {"fields": {"name": {"max_bytes": 2}}}, name=(str, Field()))
    child = type("ChildProbe", (base,), {})
    assert child(name="long enough").name == "long enough"
    with pytest.raises(ValidationError):
        base(name="long enough")


DashDate = Annotated[
    dt.date, rt.WireFormat("date", "yyyy-MM-dd", "%Y-%m-%d", r"^\d{4}-\d{2}-\d{2}$")
]
Stamp = Annotated[
    dt.datetime,
    rt.WireFormat(
        "datetime",
        "yyyy.MM.dd HH:mm:ss.SSS",
        "%Y.%m.%d %H:%M:%S.%f",
        r"^\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$",
    ),
]


def test_wire_formats_read_and_write_their_own_pattern() -> None:
    cls = model("DateProbe", {}, day=(DashDate, Field()), at=(Stamp | None, Field(None)))
    parsed = cls(day="2024-01-31", at="2024.01.31 09:08:07.123")
    assert parsed.day == dt.date(2024, 1, 31)
    assert parsed.at == dt.datetime(2024, 1, 31, 9, 8, 7, 123000)
    assert json.loads(enc.dump_json(parsed)) == {
        "day": "2024-01-31",
        "at": "2024.01.31 09:08:07.123",
    }
    for wrong in ("2024-13-45", "2024/01/31", "20240131", 20240131):
        with pytest.raises(ValidationError, match="yyyy-MM-dd"):
            cls(day=wrong)
    schema = cls.model_json_schema()["properties"]["day"]
    assert schema["pattern"] == r"^\d{4}-\d{2}-\d{2}$" and schema["x-wire-format"] == "yyyy-MM-dd"


def test_decimals_are_written_as_json_numbers_with_their_own_digits() -> None:
    inner = model("AmountProbe", {}, value=(Decimal, Field()))
    outer = model(
        "TotalProbe",
        {},
        total=(Decimal, Field()),
        parts=(list[inner], Field()),
        note=(str | None, Field(None)),
    )
    built = outer(
        total=Decimal("123456789012345678.123456789"),
        parts=[inner(value=Decimal("1.05")), inner(value=Decimal("1E+2"))],
    )
    text = enc.dump_json(built).decode()
    assert text == ('{"total":123456789012345678.123456789,"parts":[{"value":1.05},{"value":100}]}')
    with pytest.raises(ValueError, match="JSON number"):  # pydantic refuses it first anyway
        enc.dump_json(inner.model_construct(value=Decimal("NaN")))


def test_models_without_decimals_are_written_as_pydantic_writes_them() -> None:
    cls = model("PlainProbe", {}, name=(str, Field(alias="userName")), count=(int, Field()))
    built = cls(userName='홍길동 "\n', count=3)
    assert enc.dump_json(built) == built.model_dump_json(by_alias=True).encode()


def test_item_bytes_checks_each_element() -> None:
    item = Annotated[str, rt.item_bytes(0, 3)]
    cls = model("ItemProbe", {}, tags=(list[item], Field()))
    assert cls(tags=["abc", "가"]).tags == ["abc", "가"]
    with pytest.raises(ValidationError, match="at most 3 bytes"):
        cls(tags=["abcd"])
