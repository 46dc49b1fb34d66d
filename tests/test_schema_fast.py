"""The quick schema check (frontend/schema_fast.py) against jsonschema: a document it accepts,
jsonschema accepts; on the specs, the bad cases and thousands of mutated documents."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

import pytest
from docbind.frontend.load import load_spec
from docbind.frontend.schema_fast import Compiler
from docbind.ir.diagnostics import Collector
from docbind.resources import spec_schema
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parents[1]
SPEC_DIRS = sorted(
    [p.parent for p in (ROOT / "spec").glob("*/api.yaml")]
    + [p.parent for p in (ROOT / "tests" / "cases" / "bad").glob("*/api.yaml")]
)


def _documents() -> list[tuple[str, str, Any]]:
    """(name, definition, data) of every spec file of the specs and of the bad cases."""
    found = []
    for folder in SPEC_DIRS:
        source = load_spec(folder, Collector())
        if source is None:
            continue
        docs = [("api", source.api)] + [("operation", op) for op in source.operations]
        found += [(d.file, kind, d.data) for kind, d in docs if d.data is not None]
    return found


DOCUMENTS = _documents()
SCHEMA = spec_schema()


def _both(definition: str) -> tuple[Any, Draft202012Validator]:
    root = {"$defs": SCHEMA["$defs"], "$ref": f"#/$defs/{definition}"}
    return Compiler(SCHEMA).definition(definition), Draft202012Validator(root)


def test_every_definition_compiles() -> None:
    compiler = Compiler(SCHEMA)
    for name in SCHEMA["$defs"]:
        compiler.definition(name)  # raises on a keyword the quick check does not know
    with pytest.raises(ValueError, match="unsupported schema keyword 'maxLength'"):
        Compiler({}).compile({"maxLength": 3})


def test_agrees_with_jsonschema_on_every_spec_file() -> None:
    assert len(DOCUMENTS) > 100
    refused = 0
    for name, definition, data in DOCUMENTS:
        quick, full = _both(definition)
        assert quick(data) == full.is_valid(data), name
        refused += not full.is_valid(data)
    assert refused > 20  # the bad cases' schema errors are among them


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*path, index))
    return found


REPLACEMENTS: list[Any] = [
    None, True, False, 0, 1, -1, 1.5, 2.0, "", "x", "Y", "003", "snake_case", "Pascal",
    "https://example.com", "/path", "1.2.0", [], ["a"], {}, {"unknown": 1}, 10**12,
]  # fmt: skip


def _mutate(data: Any, rng: random.Random) -> Any:
    """One change somewhere: a value replaced, a key dropped or added, an item dropped."""
    data = copy.deepcopy(data)
    path = rng.choice(_paths(data))
    if not path:
        return rng.choice(REPLACEMENTS)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    how = rng.random()
    if how < 0.6:
        parent[last] = copy.deepcopy(rng.choice(REPLACEMENTS))
    elif how < 0.8:
        del parent[last]
    elif isinstance(parent, dict):
        parent[rng.choice(["extra", "nme", "type", "required", "length"])] = rng.choice(
            REPLACEMENTS
        )
    return data


def test_a_mutated_document_it_accepts_jsonschema_accepts() -> None:
    rng = random.Random(20261130)
    checked = accepted = 0
    for name, definition, data in DOCUMENTS:
        quick, full = _both(definition)
        for _ in range(25):
            mutated = _mutate(data, rng)
            verdict = quick(mutated)
            expected = full.is_valid(mutated)
            # Never accepts what jsonschema refuses; and refuses nothing jsonschema accepts,
            # which would only send it the slow way.
            assert verdict == expected, (name, json.dumps(mutated)[:300])
            checked += 1
            accepted += verdict
    assert checked > 2000 and 0.05 < accepted / checked < 0.95
