"""The plain reading of a spec file (frontend/yaml_events.py) against the full path (yaml_file
and load's walk): when it answers, it is the full path's answer, and the full path has nothing
to report; on every spec file, every bad case, and mutated files."""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from docbind.frontend import load
from docbind.frontend.yaml_events import plain_document
from docbind.frontend.yaml_file import decoded
from docbind.ir.diagnostics import Collector

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted(
    p
    for folder in ("spec", "tests/cases", "tests/hostile")
    for p in (ROOT / folder).rglob("*.yaml")
)


def _full(path: Path) -> tuple[tuple[Any, ...], bool]:
    """The full path's data and positions, and whether it read the file cleanly on its own."""
    diag = Collector()
    loader = load._Loader(path.parent, diag)
    loader.plain = lambda _raw, _named: None  # type: ignore[method-assign]
    doc = loader.document(path)
    clean = not diag.items and not doc.unresolved and not loader._followed
    return (doc.data, doc.locs, doc.key_locs), clean


def _plain(path: Path) -> tuple[Any, ...] | None:
    text = decoded(path.read_bytes())
    loader = load._Loader(path.parent, Collector())
    return (
        None
        if text is None
        else plain_document(text, loader.shown(path.resolve()), yaml.SafeLoader(""))
    )


def _agree(path: Path) -> bool:
    """Asserts the two agree; True when the plain reading answered."""
    plain = _plain(path)
    if plain is None:
        return False
    full, clean = _full(path)
    assert clean, path
    assert plain == full, path
    return True


def test_every_spec_file() -> None:
    assert len(FILES) > 300
    answered = [path for path in FILES if _agree(path)]
    # and every file the full path reads cleanly, with nothing the plain reading leaves to it
    # (an anchor, alias or tag; a $ref or merge key), is read plain
    for path in FILES:
        text = path.read_text(encoding="utf-8", errors="replace")
        simple = not any(mark in text for mark in ("&", "*", "!", "<<", "$ref"))
        if simple and _full(path)[1]:
            assert path in answered, path
    assert len(answered) > 300


def test_the_bad_cases_take_the_full_path() -> None:
    for folder in ("tests/cases/bad", "tests/hostile"):
        for case in sorted((ROOT / folder).iterdir()):
            for path in case.rglob("*.yaml"):
                if not _full(path)[1]:
                    assert _plain(path) is None, path


def test_deep_nesting_is_refused_without_recursion(tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text("a: " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    assert _plain(deep) is None
    assert sys.getrecursionlimit() < 50_000  # so a recursive reader would have failed


# Scalars and lines whose reading is easy to get wrong: YAML 1.1 types, quoting, keys that must
# stay text, values the full path refuses.
_VALUES = [
    "yes",
    "No",
    "on",
    "~",
    "null",
    "Null",
    "",
    "0x1F",
    "0o17",
    "017",
    "1_000",
    "+12",
    "-0",
    ".inf",
    "-.Inf",
    ".nan",
    "1e3",
    "1.5e-3",
    "2024-01-31",
    "2024-01-31 10:00:00",
    "2024-13-45",
    "'quoted'",
    '"a\\tb"',
    '"\\x01"',
    '"\\u0085"',
    "=",
    "<<",
    "!!str 12",
    "!!binary aGk=",
    "&a x",
    "*a",
    "[1, 2]",
    "{a: 1}",
    "|\n      block\n      text",
    '"multi\n      line"',
    "a: b",
    "#not a comment",
    "x # a comment",
    "@x",
    "`x",
]


def _mutate(text: str, rng: random.Random) -> str:
    lines = text.splitlines()
    index = rng.randrange(len(lines))
    line = lines[index]
    indent = line[: len(line) - len(line.lstrip())]
    choice = rng.randrange(4)
    if choice == 0 and ":" in line:  # a new value
        key = line.split(":", 1)[0]
        lines[index] = f"{key}: {rng.choice(_VALUES)}"
    elif choice == 1:  # a new key (sometimes one that is there already)
        key = rng.choice(["name", "type", "003", "true", "null", "x y", "<<", "$ref", "k"])
        lines.insert(index, f"{indent}{key}: {rng.choice(_VALUES)}")
    elif choice == 2:  # a list item
        lines.insert(index, f"{indent}- {rng.choice(_VALUES)}")
    else:  # the line moved in or out
        lines[index] = (" " * rng.choice([0, 1, 2, 4])) + line.lstrip()
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("seed", range(3))
def test_mutated_files(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    sources = [p for p in FILES if p.is_relative_to(ROOT / "spec")]
    answered = 0
    for number in range(400):
        text = sources[number % len(sources)].read_text(encoding="utf-8")
        for _ in range(rng.randrange(1, 4)):
            text = _mutate(text, rng)
        path = tmp_path / f"m{number}.yaml"
        path.write_text(text, encoding="utf-8")
        answered += _agree(path)
    assert 50 < answered < 400  # both paths were taken


@pytest.mark.parametrize(
    "text",
    [
        "? [a]\n: 1\n",  # a list as a key
        "{{a: 1}: 2}\n",  # a mapping as a key
        "{{{{{{{{\n",  # cut off
        "- a: 1\n" * 70_000,  # 210,001 nodes counting the keys, as the full path does
    ],
    ids=["list-key", "mapping-key", "unclosed", "too-many-nodes"],
)
def test_what_the_full_path_reports_is_left_to_it(text: str, tmp_path: Path) -> None:
    path = tmp_path / "op.yaml"
    path.write_text(text, encoding="utf-8")
    assert not _full(path)[1]  # the full path reports a problem
    assert _plain(path) is None  # and the plain reading neither answers nor raises
