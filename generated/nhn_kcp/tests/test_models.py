"""Generated tests: the NHN KCP models against the documents' own rules.

Each case states what the spec says must happen (accepted or refused, and the words the error
must contain). Regenerate with docbind; do not edit.
"""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from nhn_kcp import models
from nhn_kcp._encode import dump_json

Edits = tuple[tuple[tuple[str, ...], Any], ...]
# The cases are data, written by docbind next to this file: model_cases.json holds
# a payload per model that obeys every documented rule, and the cases that change it.
DATA: dict[str, Any] = json.loads(
    Path(__file__).with_name("model_cases.json").read_text(encoding="utf-8")
)
MISSING: str = DATA["missing"]
PAYLOADS: dict[str, dict[str, Any]] = DATA["payloads"]


def _edits(raw: list[list[Any]]) -> Edits:
    return tuple((tuple(path), value) for path, value in raw)


def _typed(raw: dict[str, Any]) -> Any:
    return Decimal(raw["value"]) if raw["type"] == "Decimal" else raw["value"]


# (id, model, edits to the model's payload, accepted, words the error must contain)
LIMIT_CASES = [
    (c["id"], c["model"], _edits(c["edits"]), c["accepted"], c["fragment"])
    for c in DATA["limits"]
]
# (id, model, payload as the document gives it, its contradictions: (path, what the spec says),
# and the required fields it leaves out, put right: (path, what the spec says))
SAMPLES = [
    (s["id"], s["model"], s["payload"], _edits(s["deviations"]), _edits(s["filled"]))
    for s in DATA["samples"]
]
# (id, model, path, value the server sent, value the model must hold)
LENIENT_CASES = [
    (c["id"], c["model"], tuple(c["path"]), c["sent"], _typed(c["expected"]))
    for c in DATA["lenient"]
]
# (id, model, sensitive path, its value)
SENSITIVE = [
    (c["id"], c["model"], tuple(c["path"]), c["marker"]) for c in DATA["sensitive"]
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


def _defaulted(payload: Any, model: str) -> Any:
    """``payload`` as the model completes it: a documented default where a value is missing
    (inside the objects that were given)."""
    filled = copy.deepcopy(payload)
    for path, value in DATA["defaults"].get(model, ()):
        target = filled
        for key in path[:-1]:
            target = target.get(key) if isinstance(target, dict) else None
        if isinstance(target, dict) and target.get(path[-1]) is None:
            target[path[-1]] = value
    return filled


def _wire(parsed: BaseModel) -> Any:
    """The model as the client writes it (decimals as JSON numbers), read back."""
    return json.loads(dump_json(parsed))


def _same(wire: Any, dumped: Any) -> bool:
    """Equal as the wire means it: a numeric string and the number it spells are the same,
    and a null is a value not given."""
    if isinstance(wire, dict) and isinstance(dumped, dict):
        wire = {k: v for k, v in wire.items() if v is not None}
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
    payload = copy.deepcopy(PAYLOADS[model])
    _apply(payload, edits)
    if accepted:
        parsed = _model(model).model_validate(payload)
        assert _same(_defaulted(payload, model), _wire(parsed))
        return
    with pytest.raises(ValidationError) as info:
        _model(model).model_validate(payload)
    assert fragment in str(info.value)
    path = edits[-1][0]
    locations = [tuple(str(p) for p in error["loc"]) for error in info.value.errors()]
    assert any(loc[: len(path)] == path for loc in locations), locations


@pytest.mark.parametrize(
    ("model", "path", "sent", "expected"),
    [pytest.param(*case[1:], id=case[0]) for case in LENIENT_CASES],
)
def test_response_is_lenient(
    model: str, path: tuple[str, ...], sent: Any, expected: Any
) -> None:
    edited = copy.deepcopy(PAYLOADS[model])
    _apply(edited, ((path, sent),))
    parsed = _model(model).model_validate(edited)
    value = _get(parsed.model_dump(by_alias=True), path)
    assert value == expected and type(value) is type(expected)
