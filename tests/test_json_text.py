"""backends/json_text.py writes exactly what json.dumps(indent=N, ensure_ascii=False) writes."""

from __future__ import annotations

import enum
import json
import random
from pathlib import Path
from typing import Any

import pytest
from docbind.backends.json_text import dumps, dumps_lines

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ["", "a", "한글", 'q"uote', "back\\slash", "tab\t", "nl\n", "\x00\x1f", "\u2028", "😀"]


class Colour(enum.Enum):
    RED = "red"


def _random(rng: random.Random, depth: int = 0) -> Any:
    pick = rng.randrange(10 if depth < 4 else 6)
    if pick == 0:
        return rng.choice(TEXTS) + str(rng.randrange(100))
    if pick == 1:
        return rng.choice([None, True, False])
    if pick == 2:
        return rng.choice([0, -1, 10**20, rng.randrange(-(10**6), 10**6)])
    if pick == 3:
        return rng.choice([0.0, -0.0, 1e-7, 1.5e300, rng.random()])
    if pick in (4, 5):
        return rng.choice(TEXTS)
    if pick in (6, 7):
        items = [_random(rng, depth + 1) for _ in range(rng.randrange(4))]
        return items if pick == 6 else tuple(items)
    return {rng.choice(TEXTS) + str(i): _random(rng, depth + 1) for i in range(rng.randrange(4))}


@pytest.mark.parametrize("indent", [1, 2, 4])
def test_random_plain_data(indent: int) -> None:
    rng = random.Random(indent)
    for _ in range(2000):
        value = _random(rng)
        assert dumps(value, indent) == json.dumps(value, indent=indent, ensure_ascii=False)


@pytest.mark.parametrize(
    "value",
    [
        {"a": float("nan")},
        [float("inf"), -float("inf")],
        {1: "number key", False: "bool key", None: "null key"},
        {"nested": [{"int_subclass": enum.IntEnum("E", "A").A}]},
        {"str_subclass": enum.StrEnum("S", {"A": "a"}).A},
    ],
)
def test_what_it_leaves_to_json_dumps(value: Any) -> None:
    assert dumps(value, 2) == json.dumps(value, indent=2, ensure_ascii=False)


def test_an_unserialisable_value_fails_as_json_dumps_does() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        dumps({"colour": Colour.RED}, 2)


def test_every_committed_spec_json() -> None:
    files = sorted((ROOT / "generated").glob("*/spec.json"))
    assert len(files) >= 7
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert dumps(json.loads(text), 2) + "\n" == text, path


def test_lines_layout_reads_back_and_keeps_a_value_a_line() -> None:
    rng = random.Random(7)
    for _ in range(500):
        value = {"cases": [_random(rng) for _ in range(rng.randrange(5))], "one": _random(rng)}
        text = dumps_lines(value, indent=1, levels=2)
        assert json.loads(text) == json.loads(json.dumps(value))  # tuples read back as lists
        # the braces, then each top-level value: a line, or its brackets and a line an item
        sizes = [
            len(v) + 2 if isinstance(v, list | tuple | dict) and v else 1 for v in value.values()
        ]
        assert len(text.split("\n")) == 2 + sum(sizes)
    with pytest.raises(TypeError, match="not plain JSON data"):
        dumps_lines({"a": {1: "number key"}}, indent=1, levels=2)
