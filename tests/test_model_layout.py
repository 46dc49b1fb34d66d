"""The models modules are laid out by ``model_layout`` instead of black: the result must be
byte for byte what black makes of the same text, or None (then black formats the module).

Checked on every models module of the seeds and of a synthetic API, and on random field lines
of the shapes datamodel-code-generator writes (long names, long types, calls to split, values).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from docbind.backends.emitter import NO_BASELINE
from docbind.backends.package.model_layout import lay_out
from docbind.backends.package.models import ModelsEmitter
from docbind.backends.pylit import InLayout
from docbind.frontend.check import check_spec
from docbind.output.format import _black

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import synth  # noqa: E402

HEADER = '"""Models, generated."""'


def _jobs(spec: Path) -> dict[str, object]:
    api = check_spec(spec).api
    assert api is not None
    return dict(ModelsEmitter().emit(api, NO_BASELINE).slow)


def _spec_dirs(tmp_path: Path) -> list[Path]:
    synthetic = synth.write_spec(tmp_path / "synth", 12)
    return [ROOT / "spec" / "kicc_easypay", ROOT / "spec" / "konaplate", synthetic]


def test_every_models_module_is_laid_out_as_black_writes_it(tmp_path: Path) -> None:
    for spec in _spec_dirs(tmp_path):
        for path, job in _jobs(spec).items():
            text = job.run()  # type: ignore[attr-defined]
            assert isinstance(text, InLayout), f"{spec.name}/{path}: left to black"
            assert _black(text, path) == text, f"{spec.name}/{path}: not black's layout"


def _word(rnd: random.Random, size: int) -> str:
    return "".join(rnd.choice("abcdefgh_") for _ in range(size)).strip("_") or "x"


def _field_line(rnd: random.Random) -> str:
    name = _word(rnd, rnd.randint(2, 40))
    kind = rnd.choice(["str", "int", "Decimal", "X" * rnd.randint(5, 60)])
    kind = rnd.choice([kind, f"{kind} | None", f"list[{kind}] | None", f"{kind} | str | None"])
    kwargs = [f"alias='{_word(rnd, rnd.randint(3, 30))}'"]
    kwargs += rnd.sample(
        [
            "ge=0",
            "le=9999999999",
            "max_length=20",
            "min_length=1",
            "multiple_of=0.1",
            f"pattern='^[0-9]{{{rnd.randint(1, 40)}}}$'",
            "union_mode='left_to_right'",
            f"description='{' '.join(_word(rnd, 8) for _ in range(rnd.randint(1, 12)))}'",
        ],
        rnd.randint(0, 5),
    )
    annotation = rnd.choice([kind, f"Annotated[{kind}, Field({', '.join(kwargs)})]"])
    value = rnd.choice(["", " = None", " = 'KRW'", " = 0", f" = '{_word(rnd, 50)}'"])
    return f"    {name}: {annotation}{value}"


@pytest.mark.parametrize("seed", range(300))
def test_random_fields_come_out_as_black_writes_them(seed: int) -> None:
    rnd = random.Random(seed)
    body = "\n".join(_field_line(rnd) + '\n    """Doc."""' for _ in range(2))
    text = f'{HEADER}\n\n\nclass Model(Base):\n    """A model."""\n{body}\n'
    laid_out = lay_out(text, HEADER)
    if laid_out is not None:
        assert laid_out == _black(text, "model.py")


@pytest.mark.parametrize(
    "line",
    [
        "    x: int  # a comment",
        "    x: Annotated[str, Field(pattern='\\\\d')]",
        "    x: Annotated[str, Field(description='say \"hi\"')]",
        "    x: bytes = b'abc'",
    ],
)
def test_shapes_it_does_not_know_are_left_to_black(line: str) -> None:
    assert lay_out(f"{HEADER}\n\n\nclass Model(Base):\n{line}\n", HEADER) is None


def test_the_workers_warm_up_renders_a_model() -> None:
    """The formatter's workers run it by name ahead of their jobs; a failure there is silent
    (only speed is lost), so it is checked here."""
    from docbind.backends.package.models import warm_up

    warm_up()
