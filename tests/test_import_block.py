"""The models modules' imports sorted without isort (backends/package/import_block.py): isort's
exact answer, on every models module of the specs and of a synthetic API, and on random blocks."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import isort
import pytest
from docbind.backends.emitter import NO_BASELINE
from docbind.backends.package.import_block import sort_imports
from docbind.backends.package.models import (
    _MULTIPLE_OF,
    ModelsEmitter,
    PartJob,
    _decimal_places,
    _options,
)
from docbind.cli.common import checked_apis

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import synth  # noqa: E402

PACKAGE = "acme_pay"


def _isort(text: str, package: str) -> str:
    config = isort.Config(
        profile="black", known_first_party=frozenset({package}), src_paths=(), py_version="311"
    )
    return isort.code(text, config=config)


def _raw(job: PartJob) -> str:
    from datamodel_code_generator import generate

    text = generate(job.schema, **_options(job))
    assert isinstance(text, str)
    return _MULTIPLE_OF.sub(_decimal_places, text)


def test_every_models_module_of_the_specs_and_a_synthetic_api(tmp_path: Path) -> None:
    specs = sorted(p.parent for p in (ROOT / "spec").glob("*/api.yaml"))
    apis = checked_apis([*specs, synth.write_spec(tmp_path / "synth", 12)])
    assert apis is not None
    compared = 0
    for api in apis:
        for path, job in ModelsEmitter().emit(api, NO_BASELINE).slow.items():
            raw = _raw(job.data)
            assert sort_imports(raw, api.package) == _isort(raw, api.package), path
            compared += 1
    assert compared >= 10


STDLIB = ["decimal", "enum", "typing", "datetime", "collections.abc", "uuid", "re"]
THIRD = ["pydantic", "httpx", "annotated_types", "pydantic_core"]
FIRST = [PACKAGE, f"{PACKAGE}._types", f"{PACKAGE}._runtime", f"{PACKAGE}._models.codes"]
LONG = "VeryLongClassNameForWrappingTheLine" * 2
NAMES = ["Annotated", "Any", "MAX", "A1", "Field", "field", "x2", "X10", "Date2", "Date10",
         "ConfigDict", "YesNo", "yes_no", "Decimal", LONG]  # fmt: skip


def _random_module(rng: random.Random) -> str:
    lines = ["from __future__ import annotations"] if rng.random() < 0.8 else []
    for _ in range(rng.randrange(1, 9)):
        module = rng.choice(rng.choice([STDLIB, THIRD, FIRST]))
        if rng.random() < 0.15:
            lines.append(f"import {module}")
        else:
            lines.append(
                f"from {module} import {', '.join(rng.sample(NAMES, rng.randrange(1, 6)))}"
            )
    rng.shuffle(lines)
    body = rng.choice(["class A:\n    x: int\n", "X = 1\n", "def f() -> None:\n    pass\n"])
    return '"""Doc."""\n\n' + "\n".join(lines) + "\n" * rng.randrange(1, 4) + body


def test_random_blocks_are_sorted_as_isort_sorts_them() -> None:
    rng = random.Random(11)
    for _ in range(1500):
        text = _random_module(rng)
        assert sort_imports(text, PACKAGE) == _isort(text, PACKAGE), text


@pytest.mark.parametrize(
    "line",
    [
        "from enum import StrEnum as Enum",
        "from . import sibling",
        "import os, sys",
        "from typing import (Any)",
        "from typing import Any  # a comment",
    ],
)
def test_other_shapes_are_left_to_isort(line: str) -> None:
    assert sort_imports(f'"""Doc."""\n\n{line}\n\n\nclass A:\n    pass\n', PACKAGE) is None
