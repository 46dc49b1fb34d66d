"""Every class in generated code is named by docbind and checked by it (issue 12, finding 3).

datamodel-code-generator names the classes it invents (a ``RootModel`` for a constrained array
element) and renames on a clash (``Tag`` → ``Tag1``); neither may reach a generated package.
And every tool whose output reaches the golden record is pinned exactly.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from docbind.backends.registry import EMITTERS
from docbind.cli.common import checked_apis
from docbind.frontend.class_names import class_names
from docbind.ir.model import Api
from golden import REPO

SEEDS = sorted(p.parent for p in (REPO / "spec").glob("*/api.yaml"))
# An array of strings `tags` beside a code table `Tag`: what once became `list[Tag1]`.
TAGS_API = """\
docbind: 1
name: Tags
package: tagsdemo
version: 0.1.0
environments:
  test: {url: "https://example.com"}
codes:
  Tag:
    values:
      - {code: "A", name: a}
operations: [op.yaml]
"""
TAGS_OP = """\
operation: op
method: POST
path: /op
request:
  body:
    tags: {type: array, max_items: 3, items: {type: string, bytes: 5, pattern: "^[a-z]+$"}}
    codes5: {type: array, items: {type: string, chars: 2, exact: true}}
    plain: {type: array, items: {type: string}}
    amounts: {type: array, items: {type: decimal, places: 1, min: 0}}
    kind: {type: string, codes: Tag}
    lines: {type: array, items: {type: object, fields: {n: {type: integer}}}}
response:
  body:
    tags: {type: array, items: {type: string, chars: 5}}
"""


def _tags_api(tmp_path: Path) -> Api:
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "api.yaml").write_text(TAGS_API)
    (tmp_path / "op.yaml").write_text(TAGS_OP)
    apis = checked_apis([tmp_path])
    assert apis is not None
    return apis[0]


def _defined_classes(files: dict[str, str], package: str) -> set[str]:
    return {
        node.name
        for path, text in files.items()
        if path.startswith(f"{package}/_models/")
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.ClassDef)
    }


def _decided(api: Api, kinds: tuple[str, ...]) -> set[str]:
    return {name for name, what, _ in class_names(api) if any(k in what for k in kinds)}


MODEL_KINDS = ("code table", "model of", "object of", "notification")


def _check_package(api: Api, files: dict[str, str]) -> None:
    decided = _decided(api, MODEL_KINDS)
    assert _defined_classes(files, api.package) == decided
    exported = ast.literal_eval(
        re.search(r"__all__ = (\[.*?\])", files[f"{api.package}/models.py"], re.S).group(1)  # type: ignore[union-attr]
    )
    assert set(exported) == decided
    types = ast.parse(files[f"{api.package}/_types.py"])
    aliases = {
        target.id
        for node in types.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    assert aliases == _decided(api, ("array item type", "date/time type"))


@pytest.mark.parametrize("spec", SEEDS, ids=lambda p: p.name)
def test_seed_packages_define_only_classes_docbind_decided(spec: Path) -> None:
    apis = checked_apis([spec])
    assert apis is not None
    files = {
        str(p.relative_to(REPO / "generated" / apis[0].package)): p.read_text()
        for p in (REPO / "generated" / apis[0].package).rglob("*.py")
    }
    _check_package(apis[0], files)


def test_array_elements_are_plain_types_named_by_docbind(tmp_path: Path) -> None:
    api = _tags_api(tmp_path)
    files = EMITTERS.render(api)
    _check_package(api, files)
    models = "\n".join(t for p, t in files.items() if "/_models/" in p)
    assert "RootModel" not in models
    assert "tags: Annotated[list[OpRequestTagsItem] | None" in models
    assert "plain: list[str] | None" in models
    assert "tags: list[str] | None" in models  # responses: no limits, a plain list
    assert "lines: list[Lines] | None" in models


def test_array_element_limits_hold_and_values_stay_strings(tmp_path: Path) -> None:
    api = _tags_api(tmp_path / "spec")
    out = tmp_path / "out"
    for path, text in EMITTERS.render(api).items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text(text)
    script = """
from decimal import Decimal
from pydantic import ValidationError
from tagsdemo.models import OpRequest, Tag
request = OpRequest(tags=["ab"], amounts=["1.5"], kind="A")
assert request.tags == ["ab"] and type(request.tags[0]) is str, request.tags
assert request.amounts == [Decimal("1.5")]
assert request.kind is Tag.A
for bad in ({"tags": ["abcdef"]}, {"codes5": ["a"]}, {"tags": ["AB"]}, {"tags": ["a"] * 4},
            {"amounts": ["1.55"]}, {"amounts": ["-1"]}):
    try:
        OpRequest(**bad)
    except ValidationError:
        continue
    raise AssertionError(f"accepted {bad}")
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=out, capture_output=True, text=True)
    assert done.stdout.strip() == "ok", done.stderr


def _module_file(module: str) -> Path | None:
    """The source file of ``docbind.<...>`` in the checkout (None for anything else)."""
    base = REPO / "generator" / module.replace(".", "/")
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


def _third_party_imports() -> set[str]:
    """Top-level third-party modules imported by what ``pipeline.render_all`` runs (the import
    closure inside ``docbind`` of the registered emitters, the formatter and the writer): the
    code whose output is the golden record. (Checking a spec decides nothing of the output.)"""
    found: set[str] = set()
    todo = ["docbind.backends.registry", "docbind.output.format", "docbind.output.write"]
    seen: set[Path] = set()
    while todo:
        path = _module_file(todo.pop())
        if path is None or path in seen:
            continue
        seen.add(path)
        for node in ast.walk(ast.parse(path.read_text())):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                # `from docbind.x import y` may name the module docbind.x.y too
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            for name in names:
                if name.split(".")[0] == "docbind":
                    todo.append(name)
                elif not (isinstance(node, ast.ImportFrom) and name != node.module):
                    found.add(name.split(".")[0])
    return {m for m in found if m not in sys.stdlib_module_names}


def test_every_tool_whose_output_is_in_the_golden_record_is_pinned_exactly() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    pins = {}
    for requirement in project["dependencies"]:
        name, _, version = requirement.partition("==")
        if version:
            pins[name.strip().lower()] = version.strip()
    distributions = importlib.metadata.packages_distributions()
    modules = _third_party_imports()
    assert {"datamodel_code_generator", "black", "isort", "jinja2"} <= modules
    for module in sorted(modules):
        for dist in distributions[module]:
            name = dist.lower()
            assert name in pins, f"{dist} (imported as {module}) is not pinned with == in pyproject"
            assert importlib.metadata.version(dist) == pins[name], f"{dist}: installed != pin"
