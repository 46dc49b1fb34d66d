"""Editors check spec files the way the YAML language server does: each file names its JSON
Schema in a first-line modeline, and is read as YAML 1.2, where `yes`, `no`, `on`, `off`, `Y`
and `N` are strings (PyYAML, and so docbind's loader, read YAML 1.1). No seed file and no file
`docbind import` writes may show an error there: api.yaml, operation files, code-table files
shared with `$ref`, and `{$ref: ...}` standing in for a mapping."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from docbind.cli.commands import main
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "spec" / "schema.json"
SEED_FILES = sorted((ROOT / "spec").rglob("*.yaml"))
DOCUMENTS = ROOT / "tests" / "documents"
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")

_TAG = "tag:yaml.org,2002:"


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML's safe loader with the YAML 1.2 core schema's implicit types."""


# Drop YAML 1.1's booleans (yes/no/on/off/y/n), sexagesimal and 0-octal numbers, timestamps...
Yaml12Loader.yaml_implicit_resolvers = {
    first: [
        (tag, rx)
        for tag, rx in resolvers
        if tag not in {f"{_TAG}bool", f"{_TAG}int", f"{_TAG}float", f"{_TAG}timestamp"}
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# ... and add 1.2's (https://yaml.org/spec/1.2.2/#1032-tag-resolution).
Yaml12Loader.add_implicit_resolver(
    f"{_TAG}bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
Yaml12Loader.add_implicit_resolver(
    f"{_TAG}int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789")
)
Yaml12Loader.add_implicit_resolver(
    f"{_TAG}float",
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)


def _int_12(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = str(node.value)
    base = {"0o": 8, "0x": 16}.get(text[:2], 10)
    return int(text[2:] if base != 10 else text, base)  # 010 is ten, not YAML 1.1's eight


Yaml12Loader.add_constructor(f"{_TAG}int", _int_12)


def read_12(text: str) -> Any:
    return yaml.load(text, Loader=Yaml12Loader)  # a SafeLoader: plain data only


def modeline_schema(file: Path) -> Path:
    """The schema file the first-line modeline of ``file`` names (relative to ``file``)."""
    first = file.read_text(encoding="utf-8").splitlines()[0]
    match = MODELINE.match(first)
    assert match, f"{file}: the first line is not a schema modeline: {first!r}"
    schema_file = (file.parent / match.group(1)).resolve()
    assert schema_file.is_file(), f"{file}: the modeline points to a missing {schema_file}"
    return schema_file


def schema_errors(file: Path) -> list[str]:
    """What an editor shows for ``file``: its modeline's schema applied to its YAML 1.2 data."""
    schema = json.loads(modeline_schema(file).read_text(encoding="utf-8"))
    data = read_12(file.read_text(encoding="utf-8"))
    return [
        f"{file.name}: {'/'.join(map(str, e.absolute_path)) or 'top'}: {e.message}"
        for e in Draft202012Validator(schema).iter_errors(data)
    ]


def test_the_reader_is_yaml_1_2() -> None:
    data = read_12("on: yes\nY: N\nflag: true\nzero: 010\nhex: 0x1F\nday: 2024-01-31\nn: ~\n")
    assert data == {
        "on": "yes",
        "Y": "N",
        "flag": True,
        "zero": 10,
        "hex": 31,
        "day": "2024-01-31",
        "n": None,
    }


@pytest.mark.parametrize("file", SEED_FILES, ids=lambda f: f.relative_to(ROOT).as_posix())
def test_seed_file_validates_against_the_schema_its_modeline_names(file: Path) -> None:
    assert modeline_schema(file) == SCHEMA
    assert schema_errors(file) == []


def test_each_kind_of_seed_file_is_covered() -> None:
    kinds = {
        "api" if "docbind" in d else "operation" if "operation" in d else "code table"
        for d in (read_12(f.read_text(encoding="utf-8")) for f in SEED_FILES)
    }
    assert kinds == {"api", "operation", "code table"}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("values: []\n", "should be non-empty"),  # a code-table file, checked as one
        ("values:\n  - {code: Y, name: yes, colour: red}\n", "'colour' was unexpected"),
        ("operation: x\nmethod: GET\npath: /x\nvalues: 1\n", "'response' is a required"),
        ("docbind: 1\n", "'name' is a required"),
    ],
)
def test_the_schema_still_finds_errors_in_each_kind_of_file(
    tmp_path: Path, text: str, problem: str
) -> None:
    file = tmp_path / "spec" / "x" / "f.yaml"
    file.parent.mkdir(parents=True)
    shutil.copy(SCHEMA, tmp_path / "spec" / "schema.json")
    file.write_text(f"# yaml-language-server: $schema=../schema.json\n{text}", encoding="utf-8")
    assert any(problem in error for error in schema_errors(file)), schema_errors(file)


def test_a_ref_stands_in_for_any_mapping_and_only_alone(tmp_path: Path) -> None:
    data = read_12((ROOT / "spec" / "konaplate" / "api.yaml").read_text(encoding="utf-8"))
    data["headers"]["X-Shared"] = {"$ref": "common.yaml#/headers/X-Shared"}  # a field
    data["environments"]["sandbox"] = {"$ref": "environments.yaml#/sandbox"}
    data["codes"] = {"$ref": "codes.yaml"}  # a whole mapping of names
    data["signers"] = {"$ref": "#/x-signers"}  # a pointer into the same file
    file = tmp_path / "spec" / "x" / "api.yaml"
    file.parent.mkdir(parents=True)
    shutil.copy(SCHEMA, tmp_path / "spec" / "schema.json")

    def write(content: dict[str, Any]) -> None:
        text = yaml.safe_dump(content, allow_unicode=True, sort_keys=False)
        file.write_text(f"# yaml-language-server: $schema=../schema.json\n{text}", "utf-8")

    write(data)
    assert schema_errors(file) == []
    write({**data, "signers": {"$ref": "signers.yaml", "extra": 1}})
    assert any("'extra' was unexpected" in error for error in schema_errors(file))


@pytest.mark.parametrize("document", ["kicc_easypay_refund.md", "konaplate_refund_fee.txt"])
def test_imported_drafts_carry_the_modeline_and_validate(
    document: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(ROOT / "spec", tmp_path / "project" / "spec")
    places = {
        tmp_path / "project" / "spec" / "draft": "../schema.json",
        tmp_path / "project" / "drafts" / "a": "../../spec/schema.json",
        tmp_path / "elsewhere": "../schema.json",
    }  # no project: as if under spec/<name>/
    for out, expected in places.items():
        assert main(["import", str(DOCUMENTS / document), "-o", str(out)]) == 0
        files = sorted(out.glob("*.yaml"))
        assert len(files) == 2
        for file in files:
            first = file.read_text(encoding="utf-8").splitlines()[0]
            assert first == f"# yaml-language-server: $schema={expected}"
    for file in sorted((tmp_path / "project").rglob("draft*/**/*.yaml")):
        assert schema_errors(file) == []
    capsys.readouterr()
