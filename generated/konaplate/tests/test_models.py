"""Generated tests: the KONA PLATE models against the documents' own rules.

Each case states what the spec says must happen (accepted or refused, and the words the error
must contain). Regenerate with docbind; do not edit.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from konaplate import models

MISSING = "<missing>"
Edits = tuple[tuple[tuple[str, ...], Any], ...]

# A payload per request model that obeys every documented rule.
VALID: dict[str, dict[str, Any]] = {
    "GetRefundFeeRequest": {"oneTimeToken": "AAAAAAAA", "userId": "AAAAAAAA"}
}

# (id, model, edits to VALID, accepted, words the error must contain)
LIMIT_CASES: list[tuple[str, str, Edits, bool, str]] = [
    ("GetRefundFeeRequest-valid", "GetRefundFeeRequest", (), True, ""),
    (
        "GetRefundFeeRequest-unknown-field",
        "GetRefundFeeRequest",
        ((("undocumentedField",), "x"),),
        False,
        "Extra inputs are not permitted",
    ),
    (
        "GetRefundFeeRequest-oneTimeToken-missing",
        "GetRefundFeeRequest",
        ((("oneTimeToken",), "<missing>"),),
        False,
        "Field required",
    ),
    (
        "GetRefundFeeRequest-oneTimeToken-at-limit",
        "GetRefundFeeRequest",
        ((("oneTimeToken",), "AAAAAAAAAAAAAAAA"),),
        True,
        "",
    ),
    (
        "GetRefundFeeRequest-oneTimeToken-over-limit",
        "GetRefundFeeRequest",
        ((("oneTimeToken",), "AAAAAAAAAAAAAAAAA"),),
        False,
        "at most 16 characters",
    ),
    (
        "GetRefundFeeRequest-oneTimeToken-korean-at-limit",
        "GetRefundFeeRequest",
        ((("oneTimeToken",), "가가가가가가가가가가가가가가가가"),),
        True,
        "",
    ),
    (
        "GetRefundFeeRequest-userId-omitted",
        "GetRefundFeeRequest",
        ((("userId",), "<missing>"),),
        True,
        "",
    ),
]

# (id, model, payload as the document gives it, its contradictions: (path, what the spec says))
SAMPLES: list[
    tuple[str, str, dict[str, Any], tuple[tuple[tuple[str, ...], str], ...]]
] = []

# (id, model, payload, path, value the server sent, value the model must hold)
LENIENT_CASES: list[tuple[str, str, dict[str, Any], tuple[str, ...], Any, Any]] = [
    (
        "GetRefundFeeResponse-keeps-unknown-field",
        "GetRefundFeeResponse",
        {
            "par": "AAAAAAAA",
            "refundFeeRate": 1.5,
            "balance": 1,
            "refundCheckBalance": 1,
            "discountAmount": 1,
            "refundFee": 1,
            "refundAmount": 1,
            "expiredFee": 1,
            "refundable": True,
            "refundThresholdBalance": 1,
            "refundThresholdRatio": 1.5,
            "currentBalanceRatio": 1.5,
            "lastLoadedBalance": 1,
            "lastLoadedDateTime": "20240131090807654",
            "refundPolicy": {
                "refundMonthlyCount": 1,
                "refundMonthlyLimitCount": 1,
                "refundMonthlyAmount": 1,
                "refundMonthlyLimitAmount": 1,
                "conditionOverPolicy": "D",
            },
        },
        ("undocumentedField",),
        "kept",
        "kept",
    ),
    (
        "GetRefundFeeResponse-refundFeeRate-numeric-string",
        "GetRefundFeeResponse",
        {
            "par": "AAAAAAAA",
            "refundFeeRate": 1.5,
            "balance": 1,
            "refundCheckBalance": 1,
            "discountAmount": 1,
            "refundFee": 1,
            "refundAmount": 1,
            "expiredFee": 1,
            "refundable": True,
            "refundThresholdBalance": 1,
            "refundThresholdRatio": 1.5,
            "currentBalanceRatio": 1.5,
            "lastLoadedBalance": 1,
            "lastLoadedDateTime": "20240131090807654",
            "refundPolicy": {
                "refundMonthlyCount": 1,
                "refundMonthlyLimitCount": 1,
                "refundMonthlyAmount": 1,
                "refundMonthlyLimitAmount": 1,
                "conditionOverPolicy": "D",
            },
        },
        ("refundFeeRate",),
        "12.5",
        Decimal("12.5"),
    ),
    (
        "GetRefundFeeResponse-balance-numeric-string",
        "GetRefundFeeResponse",
        {
            "par": "AAAAAAAA",
            "refundFeeRate": 1.5,
            "balance": 1,
            "refundCheckBalance": 1,
            "discountAmount": 1,
            "refundFee": 1,
            "refundAmount": 1,
            "expiredFee": 1,
            "refundable": True,
            "refundThresholdBalance": 1,
            "refundThresholdRatio": 1.5,
            "currentBalanceRatio": 1.5,
            "lastLoadedBalance": 1,
            "lastLoadedDateTime": "20240131090807654",
            "refundPolicy": {
                "refundMonthlyCount": 1,
                "refundMonthlyLimitCount": 1,
                "refundMonthlyAmount": 1,
                "refundMonthlyLimitAmount": 1,
                "conditionOverPolicy": "D",
            },
        },
        ("balance",),
        "51004",
        51004,
    ),
    (
        "GetRefundFeeResponse-refundCheckBalance-numeric-string",
        "GetRefundFeeResponse",
        {
            "par": "AAAAAAAA",
            "refundFeeRate": 1.5,
            "balance": 1,
            "refundCheckBalance": 1,
            "discountAmount": 1,
            "refundFee": 1,
            "refundAmount": 1,
            "expiredFee": 1,
            "refundable": True,
            "refundThresholdBalance": 1,
            "refundThresholdRatio": 1.5,
            "currentBalanceRatio": 1.5,
            "lastLoadedBalance": 1,
            "lastLoadedDateTime": "20240131090807654",
            "refundPolicy": {
                "refundMonthlyCount": 1,
                "refundMonthlyLimitCount": 1,
                "refundMonthlyAmount": 1,
                "refundMonthlyLimitAmount": 1,
                "conditionOverPolicy": "D",
            },
        },
        ("refundCheckBalance",),
        "51004",
        51004,
    ),
    (
        "GetRefundFeeResponse-discountAmount-numeric-string",
        "GetRefundFeeResponse",
        {
            "par": "AAAAAAAA",
            "refundFeeRate": 1.5,
            "balance": 1,
            "refundCheckBalance": 1,
            "discountAmount": 1,
            "refundFee": 1,
            "refundAmount": 1,
            "expiredFee": 1,
            "refundable": True,
            "refundThresholdBalance": 1,
            "refundThresholdRatio": 1.5,
            "currentBalanceRatio": 1.5,
            "lastLoadedBalance": 1,
            "lastLoadedDateTime": "20240131090807654",
            "refundPolicy": {
                "refundMonthlyCount": 1,
                "refundMonthlyLimitCount": 1,
                "refundMonthlyAmount": 1,
                "refundMonthlyLimitAmount": 1,
                "conditionOverPolicy": "D",
            },
        },
        ("discountAmount",),
        "51004",
        51004,
    ),
    (
        "GetRefundFeeResponse-refundFee-numeric-string",
        "GetRefundFeeResponse",
        {
            "par": "AAAAAAAA",
            "refundFeeRate": 1.5,
            "balance": 1,
            "refundCheckBalance": 1,
            "discountAmount": 1,
            "refundFee": 1,
            "refundAmount": 1,
            "expiredFee": 1,
            "refundable": True,
            "refundThresholdBalance": 1,
            "refundThresholdRatio": 1.5,
            "currentBalanceRatio": 1.5,
            "lastLoadedBalance": 1,
            "lastLoadedDateTime": "20240131090807654",
            "refundPolicy": {
                "refundMonthlyCount": 1,
                "refundMonthlyLimitCount": 1,
                "refundMonthlyAmount": 1,
                "refundMonthlyLimitAmount": 1,
                "conditionOverPolicy": "D",
            },
        },
        ("refundFee",),
        "51004",
        51004,
    ),
    (
        "GetRefundFeeResponse-refundAmount-numeric-string",
        "GetRefundFeeResponse",
        {
            "par": "AAAAAAAA",
            "refundFeeRate": 1.5,
            "balance": 1,
            "refundCheckBalance": 1,
            "discountAmount": 1,
            "refundFee": 1,
            "refundAmount": 1,
            "expiredFee": 1,
            "refundable": True,
            "refundThresholdBalance": 1,
            "refundThresholdRatio": 1.5,
            "currentBalanceRatio": 1.5,
            "lastLoadedBalance": 1,
            "lastLoadedDateTime": "20240131090807654",
            "refundPolicy": {
                "refundMonthlyCount": 1,
                "refundMonthlyLimitCount": 1,
                "refundMonthlyAmount": 1,
                "refundMonthlyLimitAmount": 1,
                "conditionOverPolicy": "D",
            },
        },
        ("refundAmount",),
        "51004",
        51004,
    ),
    (
        "GetRefundFeeResponse-expiredFee-numeric-string",
        "GetRefundFeeResponse",
        {
            "par": "AAAAAAAA",
            "refundFeeRate": 1.5,
            "balance": 1,
            "refundCheckBalance": 1,
            "discountAmount": 1,
            "refundFee": 1,
            "refundAmount": 1,
            "expiredFee": 1,
            "refundable": True,
            "refundThresholdBalance": 1,
            "refundThresholdRatio": 1.5,
            "currentBalanceRatio": 1.5,
            "lastLoadedBalance": 1,
            "lastLoadedDateTime": "20240131090807654",
            "refundPolicy": {
                "refundMonthlyCount": 1,
                "refundMonthlyLimitCount": 1,
                "refundMonthlyAmount": 1,
                "refundMonthlyLimitAmount": 1,
                "conditionOverPolicy": "D",
            },
        },
        ("expiredFee",),
        "51004",
        51004,
    ),
    (
        "GetRefundFeeResponse-refundThresholdBalance-numeric-string",
        "GetRefundFeeResponse",
        {
            "par": "AAAAAAAA",
            "refundFeeRate": 1.5,
            "balance": 1,
            "refundCheckBalance": 1,
            "discountAmount": 1,
            "refundFee": 1,
            "refundAmount": 1,
            "expiredFee": 1,
            "refundable": True,
            "refundThresholdBalance": 1,
            "refundThresholdRatio": 1.5,
            "currentBalanceRatio": 1.5,
            "lastLoadedBalance": 1,
            "lastLoadedDateTime": "20240131090807654",
            "refundPolicy": {
                "refundMonthlyCount": 1,
                "refundMonthlyLimitCount": 1,
                "refundMonthlyAmount": 1,
                "refundMonthlyLimitAmount": 1,
                "conditionOverPolicy": "D",
            },
        },
        ("refundThresholdBalance",),
        "51004",
        51004,
    ),
    (
        "GetRefundFeeResponse-refundThresholdRatio-numeric-string",
        "GetRefundFeeResponse",
        {
            "par": "AAAAAAAA",
            "refundFeeRate": 1.5,
            "balance": 1,
            "refundCheckBalance": 1,
            "discountAmount": 1,
            "refundFee": 1,
            "refundAmount": 1,
            "expiredFee": 1,
            "refundable": True,
            "refundThresholdBalance": 1,
            "refundThresholdRatio": 1.5,
            "currentBalanceRatio": 1.5,
            "lastLoadedBalance": 1,
            "lastLoadedDateTime": "20240131090807654",
            "refundPolicy": {
                "refundMonthlyCount": 1,
                "refundMonthlyLimitCount": 1,
                "refundMonthlyAmount": 1,
                "refundMonthlyLimitAmount": 1,
                "conditionOverPolicy": "D",
            },
        },
        ("refundThresholdRatio",),
        "12.5",
        Decimal("12.5"),
    ),
    (
        "GetRefundFeeResponse-currentBalanceRatio-numeric-string",
        "GetRefundFeeResponse",
        {
            "par": "AAAAAAAA",
            "refundFeeRate": 1.5,
            "balance": 1,
            "refundCheckBalance": 1,
            "discountAmount": 1,
            "refundFee": 1,
            "refundAmount": 1,
            "expiredFee": 1,
            "refundable": True,
            "refundThresholdBalance": 1,
            "refundThresholdRatio": 1.5,
            "currentBalanceRatio": 1.5,
            "lastLoadedBalance": 1,
            "lastLoadedDateTime": "20240131090807654",
            "refundPolicy": {
                "refundMonthlyCount": 1,
                "refundMonthlyLimitCount": 1,
                "refundMonthlyAmount": 1,
                "refundMonthlyLimitAmount": 1,
                "conditionOverPolicy": "D",
            },
        },
        ("currentBalanceRatio",),
        "12.5",
        Decimal("12.5"),
    ),
    (
        "GetRefundFeeResponse-lastLoadedBalance-numeric-string",
        "GetRefundFeeResponse",
        {
            "par": "AAAAAAAA",
            "refundFeeRate": 1.5,
            "balance": 1,
            "refundCheckBalance": 1,
            "discountAmount": 1,
            "refundFee": 1,
            "refundAmount": 1,
            "expiredFee": 1,
            "refundable": True,
            "refundThresholdBalance": 1,
            "refundThresholdRatio": 1.5,
            "currentBalanceRatio": 1.5,
            "lastLoadedBalance": 1,
            "lastLoadedDateTime": "20240131090807654",
            "refundPolicy": {
                "refundMonthlyCount": 1,
                "refundMonthlyLimitCount": 1,
                "refundMonthlyAmount": 1,
                "refundMonthlyLimitAmount": 1,
                "conditionOverPolicy": "D",
            },
        },
        ("lastLoadedBalance",),
        "51004",
        51004,
    ),
    (
        "GetRefundFeeResponse-refundPolicy.refundMonthlyCount-numeric-string",
        "GetRefundFeeResponse",
        {
            "par": "AAAAAAAA",
            "refundFeeRate": 1.5,
            "balance": 1,
            "refundCheckBalance": 1,
            "discountAmount": 1,
            "refundFee": 1,
            "refundAmount": 1,
            "expiredFee": 1,
            "refundable": True,
            "refundThresholdBalance": 1,
            "refundThresholdRatio": 1.5,
            "currentBalanceRatio": 1.5,
            "lastLoadedBalance": 1,
            "lastLoadedDateTime": "20240131090807654",
            "refundPolicy": {
                "refundMonthlyCount": 1,
                "refundMonthlyLimitCount": 1,
                "refundMonthlyAmount": 1,
                "refundMonthlyLimitAmount": 1,
                "conditionOverPolicy": "D",
            },
        },
        ("refundPolicy", "refundMonthlyCount"),
        "51004",
        51004,
    ),
    (
        "GetRefundFeeResponse-refundPolicy.refundMonthlyLimitCount-numeric-string",
        "GetRefundFeeResponse",
        {
            "par": "AAAAAAAA",
            "refundFeeRate": 1.5,
            "balance": 1,
            "refundCheckBalance": 1,
            "discountAmount": 1,
            "refundFee": 1,
            "refundAmount": 1,
            "expiredFee": 1,
            "refundable": True,
            "refundThresholdBalance": 1,
            "refundThresholdRatio": 1.5,
            "currentBalanceRatio": 1.5,
            "lastLoadedBalance": 1,
            "lastLoadedDateTime": "20240131090807654",
            "refundPolicy": {
                "refundMonthlyCount": 1,
                "refundMonthlyLimitCount": 1,
                "refundMonthlyAmount": 1,
                "refundMonthlyLimitAmount": 1,
                "conditionOverPolicy": "D",
            },
        },
        ("refundPolicy", "refundMonthlyLimitCount"),
        "51004",
        51004,
    ),
    (
        "GetRefundFeeResponse-refundPolicy.refundMonthlyAmount-numeric-string",
        "GetRefundFeeResponse",
        {
            "par": "AAAAAAAA",
            "refundFeeRate": 1.5,
            "balance": 1,
            "refundCheckBalance": 1,
            "discountAmount": 1,
            "refundFee": 1,
            "refundAmount": 1,
            "expiredFee": 1,
            "refundable": True,
            "refundThresholdBalance": 1,
            "refundThresholdRatio": 1.5,
            "currentBalanceRatio": 1.5,
            "lastLoadedBalance": 1,
            "lastLoadedDateTime": "20240131090807654",
            "refundPolicy": {
                "refundMonthlyCount": 1,
                "refundMonthlyLimitCount": 1,
                "refundMonthlyAmount": 1,
                "refundMonthlyLimitAmount": 1,
                "conditionOverPolicy": "D",
            },
        },
        ("refundPolicy", "refundMonthlyAmount"),
        "51004",
        51004,
    ),
    (
        "GetRefundFeeResponse-refundPolicy.refundMonthlyLimitAmount-numeric-string",
        "GetRefundFeeResponse",
        {
            "par": "AAAAAAAA",
            "refundFeeRate": 1.5,
            "balance": 1,
            "refundCheckBalance": 1,
            "discountAmount": 1,
            "refundFee": 1,
            "refundAmount": 1,
            "expiredFee": 1,
            "refundable": True,
            "refundThresholdBalance": 1,
            "refundThresholdRatio": 1.5,
            "currentBalanceRatio": 1.5,
            "lastLoadedBalance": 1,
            "lastLoadedDateTime": "20240131090807654",
            "refundPolicy": {
                "refundMonthlyCount": 1,
                "refundMonthlyLimitCount": 1,
                "refundMonthlyAmount": 1,
                "refundMonthlyLimitAmount": 1,
                "conditionOverPolicy": "D",
            },
        },
        ("refundPolicy", "refundMonthlyLimitAmount"),
        "51004",
        51004,
    ),
    (
        "GetRefundFeeResponse-refundPolicy.conditionOverPolicy-unknown-code",
        "GetRefundFeeResponse",
        {
            "par": "AAAAAAAA",
            "refundFeeRate": 1.5,
            "balance": 1,
            "refundCheckBalance": 1,
            "discountAmount": 1,
            "refundFee": 1,
            "refundAmount": 1,
            "expiredFee": 1,
            "refundable": True,
            "refundThresholdBalance": 1,
            "refundThresholdRatio": 1.5,
            "currentBalanceRatio": 1.5,
            "lastLoadedBalance": 1,
            "lastLoadedDateTime": "20240131090807654",
            "refundPolicy": {
                "refundMonthlyCount": 1,
                "refundMonthlyLimitCount": 1,
                "refundMonthlyAmount": 1,
                "refundMonthlyLimitAmount": 1,
                "conditionOverPolicy": "D",
            },
        },
        ("refundPolicy", "conditionOverPolicy"),
        "ZZZZ",
        "ZZZZ",
    ),
]

# (id, model, payload, sensitive path, its value)
SENSITIVE: list[tuple[str, str, dict[str, Any], tuple[str, ...], str]] = [
    (
        "GetRefundFeeRequest-oneTimeToken",
        "GetRefundFeeRequest",
        {"oneTimeToken": "AAAAAAAA", "userId": "AAAAAAAA"},
        ("oneTimeToken",),
        "Zq9Zq9Zq9Zq9",
    ),
]


def _model(name: str) -> type[BaseModel]:
    cls = getattr(models, name)
    assert isinstance(cls, type) and issubclass(cls, BaseModel)
    return cls


def _apply(payload: dict[str, Any], edits: Edits) -> None:
    for path, value in edits:
        target = payload
        for key in path[:-1]:
            target = target.setdefault(key, {})
        if value == MISSING:
            target.pop(path[-1], None)
        else:
            target[path[-1]] = value


def _get(payload: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        payload = payload[key] if isinstance(payload, dict) else getattr(payload, key)
    return payload


def _same(wire: Any, dumped: Any) -> bool:
    """Equal as the wire means it: a numeric string and the number it spells are the same."""
    if isinstance(wire, dict) and isinstance(dumped, dict):
        return wire.keys() == dumped.keys() and all(
            _same(wire[k], dumped[k]) for k in wire
        )
    if isinstance(wire, list) and isinstance(dumped, list):
        return len(wire) == len(dumped) and all(map(_same, wire, dumped))
    if (
        isinstance(wire, str)
        and isinstance(dumped, int | float)
        and not isinstance(dumped, bool)
    ):
        return wire.strip() == str(dumped)
    return bool(wire == dumped)


@pytest.mark.parametrize(
    ("model", "edits", "accepted", "fragment"),
    [pytest.param(*case[1:], id=case[0]) for case in LIMIT_CASES],
)
def test_documented_limit(
    model: str, edits: Edits, accepted: bool, fragment: str
) -> None:
    payload = copy.deepcopy(VALID[model])
    _apply(payload, edits)
    if accepted:
        parsed = _model(model).model_validate(payload)
        assert _same(
            payload, parsed.model_dump(by_alias=True, exclude_none=True, mode="json")
        )
        return
    with pytest.raises(ValidationError) as info:
        _model(model).model_validate(payload)
    assert fragment in str(info.value)
    path = edits[-1][0]
    locations = [tuple(str(p) for p in error["loc"]) for error in info.value.errors()]
    assert any(loc[: len(path)] == path for loc in locations), locations


@pytest.mark.parametrize(
    ("model", "payload", "path", "sent", "expected"),
    [pytest.param(*case[1:], id=case[0]) for case in LENIENT_CASES],
)
def test_response_is_lenient(
    model: str, payload: dict[str, Any], path: tuple[str, ...], sent: Any, expected: Any
) -> None:
    edited = copy.deepcopy(payload)
    _apply(edited, ((path, sent),))
    parsed = _model(model).model_validate(edited)
    value = _get(parsed.model_dump(by_alias=True), path)
    assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize(
    ("model", "payload", "path", "marker"),
    [pytest.param(*case[1:], id=case[0]) for case in SENSITIVE],
)
def test_sensitive_value_is_masked(
    model: str, payload: dict[str, Any], path: tuple[str, ...], marker: str
) -> None:
    edited = copy.deepcopy(payload)
    _apply(edited, ((path, marker),))
    parsed = _model(model).model_validate(edited)
    assert marker not in repr(parsed) and marker not in str(parsed)
    assert _same(_get(edited, path), _get(parsed.model_dump(by_alias=True), path))
