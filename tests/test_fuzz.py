"""Property-based tests (hypothesis): random valid specs, and random mutations of the seed specs.

Every input either generates a package whose Python compiles (and, on a few examples, imports,
works against its fake provider and passes ``mypy --strict``), or stops with located errors and
exit status 2. Never a traceback, never a file outside the output folder, and a failure leaves
the previous output byte-identical. ``make test`` runs a fixed, derandomized budget;
``make fuzz`` (DOCBIND_FUZZ_EXAMPLES) a longer one.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from golden import REPO
from hostile_support import (
    INTERNALS,
    assert_clean_failure,
    checked_api,
    mypy_strict,
    probe,
    run_cli,
    tree,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("DOCBIND_FUZZ_EXAMPLES", "0"))
FAST = settings(
    max_examples=EXAMPLES or 50,
    deadline=None,
    derandomize=not EXAMPLES,
    database=None,
    suppress_health_check=list(HealthCheck),
)
SLOW = settings(
    max_examples=max(EXAMPLES // 20, 3),
    deadline=None,
    derandomize=not EXAMPLES,
    database=None,
    suppress_health_check=list(HealthCheck),
)
TRIED: dict[str, int] = {}
SEEDS = ("kicc_easypay", "konaplate")
# Characters PyYAML will not read raw, even inside quotes; the writer escapes them.
_UNPRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


@pytest.fixture(scope="module", autouse=True)
def _report_counts() -> Iterator[None]:
    yield
    print(f"\nfuzz inputs tried: {TRIED}")


def _count(kind: str) -> None:
    TRIED[kind] = TRIED.get(kind, 0) + 1


def yaml_text(value: Any) -> str:
    """``value`` as YAML (JSON flow style), every string as a double-quoted scalar."""
    text = json.dumps(value, ensure_ascii=False, indent=1)
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text) + "\n"


# --- random valid specs -------------------------------------------------------------------

# Spec text may hold any character but controls (tab and line breaks aside): those are refused.
_SPEC_CHARS = st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\t\n")
TEXT = st.text(_SPEC_CHARS, min_size=1, max_size=60) | st.sampled_from(
    [
        '"""',
        "'''",
        "\\",
        "{{ x }}",
        "{% if %}",
        "</script>",
        "\u202e",
        "😀",
        "환불 refund",
    ]
)
WIRE_NAME = st.from_regex(
    r"[A-Za-z][A-Za-z0-9]{0,10}([-._][A-Za-z0-9]{1,6}){0,2}", fullmatch=True
) | st.sampled_from(
    [
        "class",
        "from",
        "type",
        "id",
        "self",
        "request",
        "timeout",
        "model_config",
        "json",
        "9lives",
        "X-KM-Correlation-Id",
        "a.b",
        "None",
        "fields",
    ]
)
CODE = st.from_regex(r"[A-Z0-9]{1,4}", fullmatch=True)


@st.composite
def scalar_field(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(["string", "integer", "decimal", "boolean", "date", "coded"]))
    field: dict[str, Any] = {"doc": draw(TEXT), "required": draw(st.booleans())}
    if kind == "string":
        field.update(type="string", bytes=draw(st.integers(1, 200)))
    elif kind == "integer":
        low = draw(st.integers(-(10**6), 10**6))
        field.update(type="integer", min=low, max=low + draw(st.integers(0, 10**6)))
    elif kind == "decimal":
        field.update(type="decimal", places=draw(st.integers(0, 4)))
    elif kind == "date":
        field.update(type="date", format="yyyyMMdd", bytes=8)
    elif kind == "coded":
        field.update(type="string", bytes=4, codes="Kind")
    else:
        field.update(type="boolean")
    return field


def _unique_by_python_name(names: list[str]) -> list[str]:
    from docbind.ir.names import snake

    seen: dict[str, str] = {}
    for name in names:
        py = snake(name)
        if py is not None and py != "order_id":
            seen.setdefault(py, name)
    return list(seen.values())


@st.composite
def valid_spec(draw: st.DrawFn) -> dict[str, str]:
    codes = draw(st.lists(CODE, min_size=1, max_size=5, unique=True))
    names = _unique_by_python_name(draw(st.lists(WIRE_NAME, max_size=8)))
    body = {
        "orderId": {"type": "string", "bytes": 32, "required": True, "computed": "idempotency_key"}
    }
    body.update({name: draw(scalar_field()) for name in names})
    if draw(st.booleans()):
        body["nested"] = {
            "type": "object",
            "model": "Nested",
            "fields": {"inner": draw(scalar_field())},
        }
    api = {
        "docbind": 1,
        "name": draw(TEXT) or "Fuzz",
        "package": "fuzz_pkg",
        "version": "0.1.0",
        "summary": draw(TEXT),
        "environments": {"test": {"url": "https://example.com"}},
        "credentials": {"secret_key": {"secret": True}},
        "codes": {
            "Kind": {
                "doc": draw(TEXT),
                "values": [
                    {"code": c, "name": f"v{i}_{c.lower()}", "label": draw(TEXT)}
                    for i, c in enumerate(codes)
                ],
            }
        },
        "signers": {
            "mac": {
                "algorithm": "hmac-sha256",
                "key": "secret_key",
                "input": {"fields": ["orderId"], "separator": draw(TEXT)},
                "output": draw(st.sampled_from(["hex", "base64"])),
            }
        },
        "operations": ["op.yaml"],
        "notes": [draw(TEXT)],
    }
    body["mac"] = {"type": "string", "computed": "signature(mac)"}
    retry_safe = draw(st.booleans())
    op = {
        "operation": "pay",
        "summary": draw(TEXT),
        "doc": draw(TEXT),
        "method": "POST",
        "path": "/pay",
        "idempotency_key": "orderId",
        "retry": {"safe": retry_safe, "on": ["timeout", "http_5xx"] if retry_safe else []},
        "request": {"body": body},
        "response": {"body": {"resCd": {"type": "string", "doc": draw(TEXT)}}},
        "notes": [draw(TEXT)],
    }
    return {"api.yaml": yaml_text(api), "op.yaml": yaml_text(op)}


# --- mutations of the seeds ---------------------------------------------------------------


def _seed_files(seed: str) -> dict[str, str]:
    root = REPO / "spec" / seed
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(root.rglob("*.yaml"))
    }


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))


REPLACEMENT = st.one_of(
    TEXT,
    st.integers(-(2**70), 2**70),
    st.floats(),
    st.none(),
    st.booleans(),
    st.just([]),
    st.just({}),
    st.lists(TEXT, max_size=2),
    st.dictionaries(WIRE_NAME, TEXT, max_size=2),
    st.sampled_from(
        [
            "../../etc/passwd",
            "/etc/passwd",
            "{$ref: x}",
            "signature(nope)",
            "today(Mars/Base)",
            "class",
            "json",
            "test",
            "*",
            "&a",
            "!!python/object",
        ]
    ),
)


@st.composite
def mutated_seed(draw: st.DrawFn) -> dict[str, str]:
    files = _seed_files(draw(st.sampled_from(SEEDS)))
    name = draw(st.sampled_from(sorted(files)))
    how = draw(st.sampled_from(["tree", "tree", "tree", "text"]))
    if how == "text":
        text = files[name]
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 40)))
        files[name] = text[:start] + draw(st.text(max_size=20)) + text[end:]
        return files
    data = yaml.safe_load(files[name])
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(list(_paths(data))))
        if not path:
            continue
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        if draw(st.booleans()) and isinstance(parent, dict):
            parent.pop(path[-1])  # drop a key
        else:
            parent[path[-1]] = draw(REPLACEMENT)
    files[name] = yaml_text(data)
    return files


# --- the property -------------------------------------------------------------------------


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def _previous_output(out: Path, files: dict[str, str]) -> None:
    """What a user already has in the output folder: the seed's package when a seed was
    mutated, else an earlier package of the same name; and a folder docbind does not own."""
    seed = next((s for s in SEEDS if f"package: {s}" in files.get("api.yaml", "")), None)
    if seed is not None:
        shutil.copytree(
            REPO / "generated" / seed,
            out / seed,
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "tests", "docs"),
        )
    else:
        (out / "fuzz_pkg").mkdir(parents=True)
        (out / "fuzz_pkg" / "README.md").write_text("an earlier version\n")
    (out / "unrelated").mkdir(parents=True)
    (out / "unrelated" / "keep.txt").write_text("not docbind's\n")


def check_input(files: dict[str, str], work: Path) -> Path | None:
    """The property; returns the generated package folder, or None after a clean failure."""
    spec, out = work / "spec", work / "out"
    _write(spec, files)
    _previous_output(out, files)
    before = tree(work)
    run = run_cli("generate", str(spec), "-o", str(out))
    assert not INTERNALS.search(run.out + run.err), run.out + run.err
    if run.status != 0:
        assert_clean_failure(run)
        assert tree(work) == before, "a failed run changed the files"
        return None
    package = checked_api(spec).package
    after = tree(work)
    changed = {path for path in set(before) | set(after) if before.get(path) != after.get(path)}
    assert all(path.startswith(f"out/{package}/") for path in changed), sorted(changed)[:5]
    for path in (out / package).rglob("*.py"):
        compile(path.read_text(encoding="utf-8"), str(path), "exec", dont_inherit=True)
    return out / package


@FAST
@given(files=valid_spec())
def test_random_valid_specs_generate(files: dict[str, str]) -> None:
    _count("random valid specs")
    with tempfile.TemporaryDirectory() as tmp:
        package = check_input(files, Path(tmp))
        assert package is not None, "a valid spec did not generate"


@FAST
@given(files=mutated_seed())
def test_mutated_seeds_generate_or_fail_cleanly(files: dict[str, str]) -> None:
    _count("seed mutations")
    with tempfile.TemporaryDirectory() as tmp:
        check_input(files, Path(tmp))


@SLOW
@given(files=valid_spec())
def test_random_specs_import_work_and_type_check(files: dict[str, str]) -> None:
    _count("random specs, imported and type-checked")
    with tempfile.TemporaryDirectory() as tmp:
        package = check_input(files, Path(tmp))
        assert package is not None
        moved = Path(tmp) / "pkgs" / package.name
        shutil.move(package, moved)  # away from the copies of the seeds
        result = probe([moved])
        assert result.returncode == 0, result.stderr[-3000:]
        result = mypy_strict([moved], Path(tempfile.gettempdir()) / "docbind-fuzz-mypy")
        assert result.returncode == 0, result.stdout[-3000:]
