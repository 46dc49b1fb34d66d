"""`docbind openapi`: valid OpenAPI 3.1 that keeps every documented limit."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from docbind.backends.openapi import openapi_document
from docbind.cli.commands import main
from docbind.frontend.check import check_spec
from docbind.ir import datefmt
from docbind.ir.model import Api, Field
from openapi_spec_validator import validate

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ["kicc_easypay", "konaplate"]
PARAMS = ROOT / "tests" / "parameters"


def load(seed: str) -> Api:
    api = check_spec(ROOT / "spec" / seed).api
    assert api is not None
    return api


def resolve(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    return doc["components"]["schemas"][ref.rsplit("/", 1)[1]] if ref else schema


def roundtrip(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """The limits a reader of the OpenAPI document recovers for one field."""
    is_code = "$ref" in schema and "enum" in resolve(doc, schema)
    return {
        "max_chars": schema.get("maxLength"),
        "max_bytes": schema.get("x-docbind-max-bytes"),
        "exact": "minLength" in schema or "x-docbind-min-bytes" in schema,
        "minimum": schema.get("minimum"),
        "maximum": schema.get("maximum"),
        "places": schema.get("x-docbind-places"),
        "format": schema.get("x-docbind-format"),
        "pattern": None if "x-docbind-format" in schema else schema.get("pattern"),
        "codes": schema["$ref"].rsplit("/", 1)[1] if is_code else None,
        "sensitive": schema.get("x-docbind-sensitive", False),
        "default": schema.get("default"),
        "computed": schema.get("x-docbind-computed"),
    }


def expected(f: Field) -> dict[str, Any]:
    return {
        "max_chars": f.max_chars,
        "max_bytes": f.max_bytes,
        "exact": f.exact_length,
        "minimum": f.minimum,
        "maximum": f.maximum,
        "places": f.places,
        "format": f.format,
        "pattern": f.pattern,
        "codes": f.codes,
        "sensitive": f.sensitive,
        "default": f.default,
        "computed": f.computed.describe() if f.computed else None,
    }


def check_object(doc: dict[str, Any], model: dict[str, Any], fields: tuple[Field, ...]) -> int:
    assert list(model["properties"]) == [f.wire_name for f in fields]
    assert model.get("required", []) == [f.wire_name for f in fields if f.required]
    conditional = {r["field"]: r["when"] for r in model.get("x-docbind-required-when", [])}
    count = 0
    for f in fields:
        schema = model["properties"][f.wire_name]
        assert roundtrip(doc, schema) == expected(f), f.wire_name
        assert conditional.get(f.wire_name) == (
            {c.field: list(c.values) for c in f.required_when} or None
        )
        if f.format:
            assert schema["pattern"] == datefmt.regex(f.format)
        if f.type == "object":
            count += check_object(doc, resolve(doc, schema), f.fields)
        count += 1
    return count


@pytest.mark.parametrize("seed", SEEDS)
def test_document_is_valid_openapi_3_1(seed: str) -> None:
    doc = openapi_document(load(seed))
    assert doc["openapi"] == "3.1.0"
    validate(doc)


# Every spec under spec/ (new providers included as they are added), and the spec that uses
# path and query parameters, every method and objects in arrays of arrays.
EVERY_SPEC = [*sorted(p.parent for p in (ROOT / "spec").glob("*/api.yaml")), PARAMS]


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [r for key, value in node.items() if key != "$ref" for r in _refs(value)]
    if isinstance(node, list):
        return [r for value in node for r in _refs(value)]
    return []


@pytest.mark.parametrize("folder", EVERY_SPEC, ids=lambda p: p.name)
def test_every_spec_exports_valid_openapi_whose_refs_resolve(folder: Path) -> None:
    api = check_spec(folder).api
    assert api is not None
    doc = openapi_document(api)
    validate(doc)
    schemas = doc["components"]["schemas"]
    dangling = [r for r in _refs(doc) if r.removeprefix("#/components/schemas/") not in schemas]
    assert not dangling  # issue 14, failure 7: array items referred to a name never emitted


def test_path_and_query_parameters_are_declared() -> None:
    api = check_spec(PARAMS).api
    assert api is not None
    doc = openapi_document(api)
    for op in api.operations:
        operation = doc["paths"][op.path][op.method.lower()]
        declared = [(p["in"], p["name"], p["required"]) for p in operation["parameters"]]
        assert declared == [
            *(("path", f.wire_name, True) for f in op.request.path),
            *(("query", f.wire_name, f.required) for f in op.request.query),
            *(("header", f.wire_name, f.required) for f in op.request.headers),
        ]
        for p in operation["parameters"]:
            f = next(f for f in op.request.fields + op.request.headers if f.wire_name == p["name"])
            assert roundtrip(doc, p["schema"]) == expected(f)
        # A GET or DELETE without body fields has no request body at all.
        assert ("requestBody" in operation) == bool(op.request.body)
    slots = doc["components"]["schemas"]["CancelResponse"]["properties"]["slots"]
    assert slots["items"]["items"]["$ref"] == "#/components/schemas/Slot"


@pytest.mark.parametrize("seed", SEEDS)
def test_every_field_limit_round_trips(seed: str) -> None:
    api = load(seed)
    doc = openapi_document(api)
    for op in api.operations:
        operation = doc["paths"][op.path][op.method.lower()]
        request = resolve(doc, operation["requestBody"]["content"][op.content_type]["schema"])
        response_media = operation["responses"]["200"]["content"][op.content_type]
        assert check_object(doc, request, op.request.body) > 0
        assert check_object(doc, resolve(doc, response_media["schema"]), op.response.body) > 0
        params = {p["name"]: p for p in operation["parameters"]}
        for f in api.headers + op.request.headers:
            assert params[f.wire_name]["required"] == f.required
            assert roundtrip(doc, params[f.wire_name]["schema"]) == expected(f)
        headers = operation["responses"]["200"].get("headers", {})
        for f in op.response.headers:
            assert roundtrip(doc, headers[f.wire_name]["schema"]) == expected(f)


@pytest.mark.parametrize("seed", SEEDS)
def test_codes_errors_servers_and_examples(seed: str) -> None:
    api = load(seed)
    doc = openapi_document(api)
    schemas = doc["components"]["schemas"]
    for table in api.codes:
        schema = schemas[table.name]
        assert schema["enum"] == [v.code for v in table.values]
        assert [o["const"] for o in schema["oneOf"]] == schema["enum"]
        assert len(schema["x-enum-descriptions"]) == len(table.values)
    assert doc["servers"][0]["url"] == next(
        e.url for e in api.environments if e.name == api.default_environment
    )
    for op in api.operations:
        operation = doc["paths"][op.path][op.method.lower()]
        listed = {
            e["code"]: e["exception"]
            for r in operation["responses"].values()
            for e in r.get("x-docbind-errors", [])
        }
        assert listed == {e.code: e.exception for e in api.errors.entries if e.code in op.errors}
        for sample in op.samples:
            where = (
                operation["requestBody"]
                if sample.direction == "request"
                else operation["responses"]["200"]
            )
            examples = where["content"][op.content_type]["examples"]
            assert examples[sample.name]["value"] == sample.payload


def test_required_when_is_standard_json_schema() -> None:
    api = load("kicc_easypay")
    doc = openapi_document(api)
    sample = next(s.payload for s in api.operations[0].samples if s.direction == "request")
    validator = jsonschema.Draft202012Validator(
        {**doc, "$ref": "#/components/schemas/RefundRequest"}
    )

    def amount_missing(payload: dict[str, Any]) -> bool:
        return any(
            "'amount' is a required property" in e.message for e in validator.iter_errors(payload)
        )

    assert amount_missing({**sample, "reviseTypeCode": "62"})
    assert not amount_missing({**sample, "reviseTypeCode": "62", "amount": 1000})
    assert not amount_missing({**sample, "reviseTypeCode": "60"})


@pytest.fixture(autouse=True)
def _in_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_cli_writes_json_or_yaml_by_extension(tmp_path: Path) -> None:
    as_json, as_yaml = tmp_path / "k.json", tmp_path / "k.yaml"
    assert main(["openapi", "spec/konaplate", "-o", str(as_json)]) == 0
    assert main(["openapi", "spec/konaplate", "-o", str(as_yaml)]) == 0
    loaded = json.loads(as_json.read_text(encoding="utf-8"))
    assert loaded == yaml.safe_load(as_yaml.read_text(encoding="utf-8"))
    validate(loaded)
    first = as_json.read_bytes()
    assert main(["openapi", "spec/konaplate", "-o", str(as_json)]) == 0
    assert as_json.read_bytes() == first


def test_cli_prints_json_without_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["openapi", "spec/kicc_easypay"]) == 0
    validate(json.loads(capsys.readouterr().out))


def test_cli_bad_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["openapi", "spec/konaplate", "-o", str(tmp_path / "x.txt")]) == 2
    assert ".json, .yaml or .yml" in capsys.readouterr().err
    broken = tmp_path / "broken"
    shutil.copytree(ROOT / "spec" / "konaplate", broken)
    api = broken / "api.yaml"
    api.write_text(
        api.read_text(encoding="utf-8").replace('code: "009_004"', 'code: "009_003"'),
        encoding="utf-8",
    )
    out = tmp_path / "out.json"
    assert main(["openapi", str(broken), "-o", str(out)]) == 2
    assert "api.yaml:" in capsys.readouterr().err
    assert not out.exists()


def test_hostile_strings_stay_data(tmp_path: Path) -> None:
    from test_docs import HOSTILE, hostile_spec

    api = check_spec(hostile_spec(tmp_path)).api
    assert api is not None
    doc = openapi_document(api)
    validate(doc)
    assert doc["info"]["title"] == HOSTILE + "\nsecond line"


def test_publishing_metadata_becomes_the_infos_license_and_contact(tmp_path: Path) -> None:
    spec = tmp_path / "toss_payments"
    shutil.copytree(ROOT / "spec" / "toss_payments", spec)
    api_yaml = spec / "api.yaml"
    data = yaml.safe_load(api_yaml.read_text(encoding="utf-8"))
    text = api_yaml.read_text(encoding="utf-8")
    text += "authors:\n  - {name: Docs Team, email: docs@example.com}\n"
    api_yaml.write_text(text, encoding="utf-8")
    api = check_spec(spec).api
    assert api is not None
    info = openapi_document(api)["info"]
    assert info["license"] == {"name": data["license"], "identifier": data["license"]}
    assert info["contact"] == {
        "name": "Docs Team",
        "email": "docs@example.com",
        "url": data["urls"]["homepage"],
    }
    validate(openapi_document(api))
