"""Every row of ``docbind.ir.constraints.CONSTRAINTS`` reaches every consumer.

For each limit a field can carry, a spec with that limit (and one without it, and one with it
changed) goes through the models JSON Schema, OpenAPI, the Markdown and HTML references, the
generated boundary test data and ``docbind diff``. A new row without an example here, or a
consumer that ignores a row, fails. One generated package holding every limit then runs its own
tests, so the boundary data is proved against the run-time rules, not against itself.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, fields
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from client_support import run_in
from docbind.backends.docs.markdown import render_package_docs
from docbind.backends.docs.site import render_site
from docbind.backends.openapi import openapi_document
from docbind.backends.package import testdata
from docbind.backends.package.json_schema import models_schema
from docbind.backends.package.rules import rules_table
from docbind.diff import compare, plain_ir
from docbind.ir.constraints import BY_KEY, CONSTRAINTS, MODELS, OPENAPI, Constraint
from docbind.ir.model import Api, Field
from golden import REPO
from hostile_support import checked_api, run_cli

Spec = dict[str, Any]
ITEMS: Spec = {"type": "array", "items": {"type": "string", "chars": 4}}


@dataclass(frozen=True)
class Example:
    limited: Spec  # a field carrying the limit
    changed: Spec  # the same field with only this limit's value changed
    words: str  # what the reference docs must say about it
    without: Spec | None = None  # the field without it (default: ``limited`` minus the key)


EXAMPLES: dict[str, Example] = {
    "codes": Example(
        {"type": "string", "codes": "Kind"}, {"type": "string", "codes": "Other"}, "Kind"
    ),
    "chars": Example(
        {"type": "string", "chars": 10}, {"type": "string", "chars": 5}, "max 10 characters"
    ),
    "bytes": Example(
        {"type": "string", "bytes": 10}, {"type": "string", "bytes": 5}, "max 10 bytes"
    ),
    "exact": Example(
        {"type": "string", "chars": 10, "exact": True},
        {"type": "string", "chars": 10},
        "exactly 10 characters",
    ),
    "min": Example({"type": "integer", "min": 1}, {"type": "integer", "min": 3}, "min 1"),
    "max": Example({"type": "integer", "max": 100}, {"type": "integer", "max": 50}, "max 100"),
    "places": Example(
        {"type": "decimal", "places": 2}, {"type": "decimal", "places": 1}, "decimal (2 places)"
    ),
    "pattern": Example(
        {"type": "string", "pattern": "^[0-9]+$", "example": "123"},
        {"type": "string", "pattern": "^[0-9]{2}$", "example": "12"},
        "pattern",
    ),
    "format": Example(
        {"type": "date", "format": "yyyyMMdd"},
        {"type": "date", "format": "yyyy-MM-dd"},
        "date yyyyMMdd",
        without={"type": "string"},
    ),
    "min_items": Example({**ITEMS, "min_items": 1}, {**ITEMS, "min_items": 2}, "1 to any"),
    "max_items": Example({**ITEMS, "max_items": 5}, {**ITEMS, "max_items": 2}, "0 to 5 items"),
}
KEYS = [c.key for c in CONSTRAINTS]


def write_spec(folder: Path, body: dict[str, Spec]) -> Path:
    """A one-operation spec whose request and response bodies are ``body``."""
    folder.mkdir(parents=True, exist_ok=True)
    codes = {
        name: {"values": [{"code": c, "name": f"v_{c.lower()}"} for c in values]}
        for name, values in (("Kind", "AB"), ("Other", "AC"))
    }
    api = {
        "docbind": 1,
        "name": "Limits",
        "package": "limits_probe",
        "version": "0.1.0",
        "environments": {"test": {"url": "https://example.com"}},
        "default_environment": "test",
        "codes": codes,
        "operations": ["op.yaml"],
    }
    op = {
        "operation": "op",
        "method": "POST",
        "path": "/op",
        "request": {"body": body},
        "response": {"body": body},
    }
    (folder / "api.yaml").write_text(json.dumps(api, indent=1) + "\n", encoding="utf-8")
    (folder / "op.yaml").write_text(json.dumps(op, indent=1) + "\n", encoding="utf-8")
    return folder


def api_with(tmp_path: Path, name: str, spec: Spec) -> Api:
    return checked_api(write_spec(tmp_path / name, {"value": spec}))


def without(key: str) -> Spec:
    example = EXAMPLES[key]
    if example.without is not None:
        return example.without
    return {k: v for k, v in example.limited.items() if k != key}


def request_field(api: Api) -> Field:
    return api.operations[0].request.body[0]


def is_within(part: dict[str, Any], whole: dict[str, Any]) -> bool:
    return bool(part) and all(whole.get(k) == v for k, v in part.items())


def test_every_row_has_an_example_a_spec_key_and_an_attribute() -> None:
    assert sorted(EXAMPLES) == sorted(KEYS)
    schema = json.loads((REPO / "spec" / "schema.json").read_text(encoding="utf-8"))
    text = json.dumps(schema)
    attributes = {f.name for f in fields(Field)}
    for row in CONSTRAINTS:
        assert f'"{row.key}"' in text, f"{row.key} is not a key of spec/schema.json"
        assert row.attr in attributes, row.attr
        assert row.noun and row.runtime and row.diff_kind


def models_property(api: Api) -> dict[str, Any]:
    defs = models_schema(api).schema["$defs"]
    prop: dict[str, Any] = defs[api.operations[0].request.model]["properties"]["value"]
    ref = prop.get("$ref", "").rsplit("/", 1)[-1]
    return {**defs[ref], **prop} if ref in defs and ref.startswith(("Date", "Time")) else prop


def openapi_property(api: Api) -> dict[str, Any]:
    schemas = openapi_document(api)["components"]["schemas"]
    prop: dict[str, Any] = schemas[api.operations[0].request.model]["properties"]["value"]
    return prop


@pytest.mark.parametrize("key", KEYS)
def test_json_schema_of_the_models_and_openapi(key: str, tmp_path: Path) -> None:
    row = BY_KEY[key]
    limited = api_with(tmp_path, "limited", EXAMPLES[key].limited)
    plain = api_with(tmp_path, "plain", without(key))
    f = request_field(limited)
    assert row.applies(f) and not row.applies(request_field(plain))
    for dialect, schema_of in ((MODELS, models_property), (OPENAPI, openapi_property)):
        schema = schema_of(limited)
        assert is_within(row.keywords(f, dialect), schema), (dialect, schema)
        assert schema != schema_of(plain)
    # a row the shared runtime enforces puts its entries in the package's rules table
    if row.rule is not None:
        model = limited.operations[0].request.model
        entry = rules_table(limited).get(model, {}).get("fields", {}).get("value", {})
        assert row.rule(f).items() <= entry.items(), entry


def reference_line(api: Api) -> str:
    text = render_package_docs(api)["docs/op.md"]
    request = text.split("Request body", 1)[1]
    return next(line for line in request.splitlines() if line.startswith("| `value` |"))


def site_row(api: Api) -> str:
    page = render_site([api])["limits_probe/operations/op.html"]
    return page.split('<tr id="', 2)[1].split("</tr>", 1)[0]


@pytest.mark.parametrize("key", KEYS)
def test_markdown_and_html_reference(key: str, tmp_path: Path) -> None:
    limited = api_with(tmp_path, "limited", EXAMPLES[key].limited)
    plain = api_with(tmp_path, "plain", without(key))
    words = EXAMPLES[key].words
    assert words in reference_line(limited) and reference_line(limited) != reference_line(plain)
    assert words in html.unescape(site_row(limited)) and site_row(limited) != site_row(plain)
    if key == "pattern":  # shown as code in both
        assert "`^[0-9]+$`" in reference_line(limited)
        assert "<code>^[0-9]+$</code>" in site_row(limited)


@pytest.mark.parametrize("key", KEYS)
def test_boundary_test_data(key: str, tmp_path: Path) -> None:
    row = BY_KEY[key]
    api = api_with(tmp_path, "limited", EXAMPLES[key].limited)
    data = testdata.TestData(api)
    found = row.boundaries(request_field(api), data)
    assert any(not b.accepted and b.fragment for b in found), found
    cases = {c.id: c for c in data.limit_cases()}
    model = api.operations[0].request.model
    for b in found:
        case = cases[f"{model}-value-{b.label}"]
        assert (case.edits, case.accepted, case.fragment) == (
            ((("value",), b.value),),
            b.accepted,
            b.fragment,
        )


def changes(old: Api, new: Api, prefix: str) -> dict[str, str]:
    """``where`` → severity of the one change of this row's kind on that side (a swapped code
    table also reports the codes that differ, as changes of their own)."""
    report = compare(plain_ir(old), plain_ir(new))
    assert report.changes, "no change reported"
    found: dict[str, str] = {}
    for c in report.changes:
        if c.kind.startswith(prefix):
            assert c.where not in found and c.path == f"op.{c.where}.body.value", report.changes
            found[c.where] = c.severity
        else:
            assert c.kind in ("code_added", "code_removed"), c
    return found


def expected_severity(row: Constraint, old: Field, new: Field) -> dict[str, str]:
    if row.order == "type":
        return {"request": "breaking", "response": "breaking"}
    moved = row.change(row.value(old), row.value(new))
    if moved == "tighter":
        return {"request": "breaking", "response": "compatible"}
    if moved == "looser":
        return {"request": "compatible", "response": "warning"}
    return {"request": "breaking", "response": "warning"}


@pytest.mark.parametrize("key", KEYS)
def test_diff_reports_every_change_by_the_rows_direction(key: str, tmp_path: Path) -> None:
    row = BY_KEY[key]
    limited = api_with(tmp_path, "limited", EXAMPLES[key].limited)
    versions = {
        "changed": api_with(tmp_path, "changed", EXAMPLES[key].changed),
        "removed": api_with(tmp_path, "plain", without(key)),
    }
    for label, other in versions.items():
        for old, new in ((limited, other), (other, limited)):
            prefix = "type_changed" if row.order == "type" else row.diff_kind
            found = changes(old, new, prefix)
            want = expected_severity(row, request_field(old), request_field(new))
            assert found == want, (label, found)
            if label == "changed":
                break  # the reverse of a change is the same kind of change


# Every limit case of model_cases.json against the generated models: accepted or refused with
# the documented words at the field's location (the package's own tests run afterwards too).
PROBE = r"""
import copy, json, sys
from pydantic import ValidationError
from limits_probe import models
data = json.load(open("tests/model_cases.json", encoding="utf-8"))
failures = []
for case in data["limits"]:
    payload = copy.deepcopy(data["payloads"][case["model"]])
    for path, value in case["edits"]:
        target = payload
        for key in path[:-1]:
            target = target.setdefault(key, {})
        if value == data["missing"]:
            target.pop(path[-1], None)
        else:
            target[path[-1]] = value
    try:
        getattr(models, case["model"]).model_validate(payload)
        ok = case["accepted"]
    except ValidationError as exc:
        where = [tuple(str(p) for p in e["loc"]) for e in exc.errors()]
        path = tuple(case["edits"][-1][0]) if case["edits"] else ()
        ok = (not case["accepted"] and case["fragment"] in str(exc)
              and any(loc[: len(path)] == path for loc in where))
    if not ok:
        failures.append(case["id"])
print(json.dumps({"cases": len(data["limits"]), "failures": failures}))
"""


def test_a_generated_package_enforces_every_boundary(tmp_path: Path) -> None:
    """One field per row in a real package; its models refuse and accept as the data says."""
    body = {f"value_{key}": {**EXAMPLES[key].limited, "required": True} for key in KEYS}
    body |= {  # rows that meet: an exact byte length, a decimal range, an optional list
        "exact_bytes": {"type": "string", "bytes": 6, "exact": True},
        "decimal_range": {"type": "decimal", "places": 1, "min": 0, "max": 99},
        "items_range": {**ITEMS, "min_items": 0, "max_items": 1},
    }
    spec = write_spec(tmp_path / "spec", body)
    run = run_cli("generate", str(spec), "-o", str(tmp_path / "out"))
    assert run.status == 0, run.err
    package = tmp_path / "out" / "limits_probe"
    cases = json.loads((package / "tests" / "model_cases.json").read_text(encoding="utf-8"))
    ids = {c["id"] for c in cases["limits"]}
    for key in KEYS:  # every row left boundary data for its field
        assert any(
            i.startswith(f"OpRequest-value_{key}-") and not i.endswith("-missing") for i in ids
        ), key
    # The limits pydantic has no keyword for come from the rules table docbind generated from
    # the constraints table (every row with a rule has entries there), never from the models.
    rules = (package / "limits_probe" / "_api.py").read_text(encoding="utf-8")
    ruled = [row for row in CONSTRAINTS if row.rule is not None]
    assert ruled and all(
        f'"{name}"' in rules
        for row in ruled
        for name in row.rule(request_field(api_with(tmp_path, "exact_bytes", body["exact_bytes"])))
    )
    models = "".join(
        p.read_text(encoding="utf-8") for p in (package / "limits_probe" / "_models").glob("*.py")
    )
    assert "json_schema_extra" not in models and "__pydantic_on_complete__" not in models
    result = run_in(package, "-c", PROBE)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout)
    assert report["failures"] == [] and report["cases"] == len(cases["limits"]) > 2 * len(KEYS)
    own = run_in(package, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests")
    assert own.returncode == 0, own.stdout[-3000:]


# What a generated client puts on the wire for a request decimal and for dates with separators:
# the raw request body, captured by a transport, and the models' verdicts.
WIRE_PROBE = r"""
import datetime as dt, json
from decimal import Decimal
import httpx
from pydantic import ValidationError
from limits_probe import Client, models
sent = []
def answer(request):
    sent.append(request.content)
    return httpx.Response(200, json={"ok": "yes"})
client = Client(environment="test", http_client=httpx.Client(transport=httpx.MockTransport(answer)))
client.op_raw(amount=Decimal("1.05"), big=Decimal("123456789012345678.123456789"),
              dash="2024-01-31", slash="2024/01/31", dot="2024.01.31")
verdicts = {}
for field, value in (("dash", "2024-13-45"), ("dash", "2024/01/31"), ("slash", "2024-01-31"),
                     ("dot", "2024-01-31")):
    try:
        models.OpRequest.model_validate({"amount": "1", "big": "1", field: value})
        verdicts[f"{field}={value}"] = "accepted"
    except ValidationError:
        verdicts[f"{field}={value}"] = "refused"
print(json.dumps({"body": sent[0].decode(), "verdicts": verdicts}))
"""


def test_decimals_are_json_numbers_and_date_formats_keep_their_separators(tmp_path: Path) -> None:
    body = {
        "amount": {"type": "decimal", "places": 2, "required": True},
        "big": {"type": "decimal", "required": True},
        "dash": {"type": "date", "format": "yyyy-MM-dd"},
        "slash": {"type": "date", "format": "yyyy/MM/dd"},
        "dot": {"type": "date", "format": "yyyy.MM.dd"},
    }
    spec = write_spec(tmp_path / "spec", body)
    run = run_cli("generate", str(spec), "-o", str(tmp_path / "out"))
    assert run.status == 0, run.err
    package = tmp_path / "out" / "limits_probe"
    result = run_in(package, "-c", WIRE_PROBE)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout)
    # The exact digits, as JSON number tokens (no string, no float rounding).
    assert '"amount":1.05' in report["body"], report["body"]
    assert '"big":123456789012345678.123456789' in report["body"], report["body"]
    assert json.loads(report["body"], parse_float=Decimal)["big"] == Decimal(
        "123456789012345678.123456789"
    )
    # Each documented pattern is its own type: its separators, and a real calendar date.
    assert '"dash":"2024-01-31"' in report["body"] and '"slash":"2024/01/31"' in report["body"]
    assert '"dot":"2024.01.31"' in report["body"]
    assert report["verdicts"] == {
        "dash=2024-13-45": "refused",
        "dash=2024/01/31": "refused",
        "slash=2024-01-31": "refused",
        "dot=2024-01-31": "refused",
    }


def test_places_are_checked_exactly_on_a_request_decimal(tmp_path: Path) -> None:
    """``places`` becomes ``decimal_places``: a float ``multiple_of`` is inexact on pydantic
    2.11 (the lowest the packages allow), which refused 1000 as a multiple of 0.01."""
    body = {"amount": {"type": "decimal", "places": 2, "min": 0, "required": True}}
    spec = write_spec(tmp_path / "spec", body)
    run = run_cli("generate", str(spec), "-o", str(tmp_path / "out"))
    assert run.status == 0, run.err
    package = tmp_path / "out" / "limits_probe"
    source = "".join(p.read_text() for p in package.rglob("_models/*.py"))
    assert "decimal_places=2" in source and "multiple_of" not in source
    probe = (
        "from limits_probe import models\n"
        "for v in (1000, 1000.5, '1.50', '1.500', '1.505', '0.001'):\n"
        "    try:\n"
        "        models.OpRequest.model_validate({'amount': v}); print(v, 'accepted')\n"
        "    except ValueError:\n"
        "        print(v, 'refused')\n"
    )
    result = run_in(package, "-c", probe)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split("\n")[:-1] == [
        "1000 accepted",
        "1000.5 accepted",
        "1.50 accepted",
        "1.500 accepted",
        "1.505 refused",
        "0.001 refused",
    ]
