"""Generated Python comes out of the templates already in black's layout.

That is a speed property, not a correctness one (black still formats every file): black confirms
a file that is already formatted in one pass with no splitting, and reformats anything else in
two. So these tests pin that the literals (``docbind/backends/pylit.py``) and the templates render
exactly what black would write, and name the file when one drifts.
"""

from __future__ import annotations

import ast
import random
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from docbind.backends.env import static
from docbind.backends.package.assemble import render_templates
from docbind.backends.package.layout import NEEDS_BLACK
from docbind.backends.package.model_tests import model_test_files
from docbind.backends.package.runtime_files import RUNTIME_MODULES
from docbind.backends.pylit import Call, Code, py_block, py_literal
from docbind.frontend.check import check_spec
from docbind.output.format import _black

ROOT = Path(__file__).resolve().parents[1]
# every spec in the repository: a provider's text (Korean messages, two columns wide) is where
# a template's layout drifts from black's
SEEDS = sorted(p.name for p in (ROOT / "spec").iterdir() if (p / "api.yaml").is_file())

# Text a payment document may hold: quotes of both kinds, backslashes, Korean (two columns wide
# for black), control characters, and braces (placeholders).
PIECES = ["a", "Z", '"', "'", "\\", "\n", "\t", "한", "글", "é", "\x00", "\u200b", "{", " "]
PIECES.append("x" * 12)


def _text(rnd: random.Random) -> str:
    return "".join(rnd.choice(PIECES) for _ in range(rnd.randint(0, 10)))


def _value(rnd: random.Random, depth: int = 0) -> object:
    roll = rnd.random()
    if depth > 3 or roll < 0.4:
        return rnd.choice(
            [
                _text(rnd),
                _text(rnd) * 4,
                rnd.randint(-10, 10**12),
                None,
                True,
                2.5,
                Decimal("12.30"),
                _text(rnd).encode("utf-8"),
            ]
        )
    if roll < 0.6:
        return {_text(rnd): _value(rnd, depth + 1) for _ in range(rnd.randint(0, 6))}
    if roll < 0.8:
        return [_value(rnd, depth + 1) for _ in range(rnd.randint(0, 6))]
    if roll < 0.9:
        return Call(
            "call",
            tuple(_value(rnd, depth + 1) for _ in range(rnd.randint(0, 3))),
            tuple((f"k{i}", _value(rnd, depth + 1)) for i in range(rnd.randint(0, 3))),
        )
    return tuple(_value(rnd, depth + 1) for _ in range(rnd.randint(0, 4)))


def _call(*args: object, **kwargs: object) -> Call:
    return Call("call", args, tuple(kwargs.items()))


@pytest.mark.parametrize("seed", range(400))
def test_literal_is_the_value_in_blacks_layout(seed: int) -> None:
    rnd = random.Random(seed)
    value = _value(rnd)
    name = rnd.choice(["X", "X" * rnd.randint(40, 66)])  # a target that leaves little room
    head = rnd.choice([f"{name}: dict[str, Any] = ", f"{name} = ", "return "])
    depth = 0 if head != "return " else rnd.randint(1, 3)
    text = py_block(value, head, depth)
    if head == "return ":
        code = "".join(f"{'    ' * d}{'def f():' if d == 0 else 'if x:'}\n" for d in range(depth))
        code += "    " * depth + text + "\n"
    else:
        code = text + "\n"
        namespace: dict[str, object] = {"Any": object, "Decimal": Decimal, "call": _call}
        exec(compile(code, "<literal>", "exec"), namespace)
        assert namespace[name] == value
    assert _black(code, "<literal>") == code


def test_code_is_placed_as_written_and_unknown_values_are_refused() -> None:
    assert py_literal({"a": Code("models.Refund")}) == '{"a": models.Refund}'
    assert ast.literal_eval(py_literal(("x",))) == ("x",)
    with pytest.raises(TypeError, match="object"):
        py_literal(object())


# A signer's recipe is one expression, written on one line; black splits it (a small file).
# (The models modules are datamodel-code-generator's output and not rendered by templates.)
NOT_IN_LAYOUT = NEEDS_BLACK  # the only templates black formats


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 12-operation spec (two parts) with every shape the benchmarks use."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import synth
    finally:
        sys.path.pop(0)
    return Path(synth.write_spec(tmp_path_factory.mktemp("synth"), 12))


@pytest.mark.parametrize("seed", [*SEEDS, "synthetic"])
def test_templates_render_in_blacks_layout(seed: str, synthetic: Path) -> None:
    api = check_spec(synthetic if seed == "synthetic" else ROOT / "spec" / seed).api
    assert api is not None
    drifted = [
        path
        for path, text in sorted({**render_templates(api), **model_test_files(api)}.items())
        if path.endswith(".py")
        and Path(path).name not in NOT_IN_LAYOUT
        and _black(text, path) != text
    ]
    assert drifted == [], f"black would change these templates' output: {drifted}"


@pytest.mark.parametrize("name", RUNTIME_MODULES)
def test_runtime_modules_are_in_blacks_layout(name: str) -> None:
    """They are copied into every package without formatting: black must have nothing to do."""
    text = static(name)
    assert _black(text, name) == text
    assert "{{" not in text and "{%" not in text  # not a template by mistake
