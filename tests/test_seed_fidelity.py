"""The seed specs say what their source documents say, field by field.

The documents (their transcriptions in tests/documents/) are read with the small parsers of
`seed_tables` (not docbind's code), and every fact found there (wire name, type, length or
bounds, requiredness, code values) is compared with `docbind inspect SPEC --json`. Mapping
rules the specs follow on purpose:

- String -> string, or date/datetime when the description gives a date pattern (yyyyMMdd...);
  Number -> integer, or decimal with `places` when the description allows decimal places;
  Object/boolean -> object/boolean.
- KICC "NByte" -> max_bytes; KONA PLATE "Length : N" (no unit, on strings) -> max_chars;
  KONA PLATE "Min : a , Max : b" -> minimum/maximum.
- A KICC row without ✅ in its Required column (shifted rows included) is optional.
- Every document code value is in the field's code table; extra values come from provider-docs.
- Every spec field that the document does not list comes from provider-docs.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from docbind.cli.commands import main
from seed_tables import DocField, parse_kicc, parse_konaplate

Json = dict[str, Any]
Key = tuple[str, tuple[str, ...]]  # (location, path of wire names)

REPO = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).resolve().parent / "documents"
ASPECTS = ("name", "type", "length", "required", "codes")
DATE_PATTERN = re.compile(r"yy(yy)?MMdd")

# label: (spec folder, source document, parser, expected number of document fields)
CASES: dict[str, tuple[str, str, Callable[[str], list[DocField]], int]] = {
    # 17 + 4 + 3 + 2 request rows, 13 + 5 + 2 + 4 response rows
    "KICC": ("kicc_easypay", "kicc_easypay_refund.md", parse_kicc, 50),
    # 2 headers, 15 response fields and the 5 children of refundPolicy
    "KONA PLATE": ("konaplate", "konaplate_refund_fee.txt", parse_konaplate, 22),
}


def read_seed(name: str) -> str:
    path = SEEDS / name
    if not path.is_file():
        pytest.fail(
            f"source document {path} is missing: this test compares the seed specs with "
            f"the transcribed documents in {SEEDS}"
        )
    return path.read_text(encoding="utf-8")


def inspect_json(spec: str, capsys: pytest.CaptureFixture[str]) -> Json:
    capsys.readouterr()
    code = main(["inspect", str(REPO / "spec" / spec), "--json"])
    out, err = capsys.readouterr()
    assert code == 0, f"docbind inspect spec/{spec} failed:\n{err}"
    result: Json = json.loads(out)
    return result


def spec_fields(ir: Json) -> dict[Key, list[Json]]:
    """Every field mapping of the spec by location and path; a header may be defined twice
    (the KONA PLATE spec repeats the document's response headers as common request headers)."""
    index: dict[Key, list[Json]] = defaultdict(list)

    def walk(location: str, prefix: tuple[str, ...], fields: list[Json]) -> None:
        for field in fields:
            path = (*prefix, field["wire_name"])
            index[(location, path)].append(field)
            walk(location, path, field["fields"])

    walk("headers", (), ir["headers"])
    for op in ir["operations"]:
        for part in ("request", "response"):
            walk("headers", (), op[part]["headers"])
            walk(f"{part}.body", (), op[part]["body"])
    return index


def number(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def type_ok(doc: DocField, field: Json) -> bool:
    doc_type, spec_type = doc.doc_type.lower(), field["type"]
    if doc_type == "string":
        is_date = spec_type in ("date", "datetime") and bool(DATE_PATTERN.search(doc.description))
        return spec_type == "string" or is_date
    if doc_type == "number":
        if "one decimal place" in doc.description:
            return bool(spec_type == "decimal" and field["places"] == 1)
        return bool(spec_type == "integer" and field["places"] is None)
    return bool(spec_type == doc_type)


def length_ok(doc: DocField, field: Json) -> bool:
    expected: dict[str, int | None] = {"max_bytes": None, "max_chars": None}
    if doc.length is not None:  # "NByte" counts bytes; a unit-less string length, characters
        expected["max_bytes" if doc.length_unit == "bytes" else "max_chars"] = doc.length
    lengths = {key: field[key] for key in expected} == expected
    bounds = (number(field["minimum"]), number(field["maximum"]))
    return lengths and bounds == (number(doc.minimum), number(doc.maximum))


def code_problems(doc: DocField, field: Json, tables: dict[str, Json]) -> list[str]:
    if not doc.codes:
        return []
    table = tables.get(field["codes"] or "")
    if table is None:
        return [f"document codes {list(doc.codes)}, spec codes: {field['codes']}"]
    values = {value["code"]: value["source"] for value in table["values"]}
    problems = [
        f"document code {code!r} missing from {table['name']}"
        for code in doc.codes
        if code not in values
    ]
    problems += [
        f"{table['name']} value {code!r} is not in the document but has source {source!r}"
        for code, source in values.items()
        if code not in doc.codes and source != "provider-docs"
    ]
    return problems


def describe(field: Json) -> str:
    keys = ("type", "required", "max_bytes", "max_chars", "minimum", "maximum", "places", "codes")
    return ", ".join(
        f"{key}={field[key]!r}"
        for key in keys
        if field[key] is not None and field[key] is not False
    )


def stated(doc: DocField) -> str:
    parts = [doc.doc_type]
    if doc.length is not None:
        parts.append(f"length {doc.length}{' bytes' if doc.length_unit == 'bytes' else ''}")
    if doc.minimum is not None:
        parts.append(f"min {doc.minimum}, max {doc.maximum}")
    parts.append("required" if doc.required else "optional")
    return ", ".join(parts)


def compare(doc: DocField, defs: list[Json], tables: dict[str, Json]) -> dict[str, list[str]]:
    """Problems per aspect for one document field (empty lists: it matches)."""
    if not defs:
        return {aspect: ["not in the spec"] for aspect in ASPECTS}
    problems: dict[str, list[str]] = {aspect: [] for aspect in ASPECTS}
    for field in defs:
        where = f"document: {stated(doc)}; {field['loc']}: {describe(field)}"
        if not type_ok(doc, field):
            problems["type"].append(where)
        if not length_ok(doc, field):
            problems["length"].append(where)
        if field["required"] is not doc.required:
            problems["required"].append(where)
        problems["codes"] += [
            f"{field['loc']}: {problem}" for problem in code_problems(doc, field, tables)
        ]
    return problems


@pytest.mark.parametrize("label", list(CASES))
def test_spec_matches_source_document(label: str, capsys: pytest.CaptureFixture[str]) -> None:
    spec, document, parse, expected = CASES[label]
    doc_fields = parse(read_seed(document))
    assert len(doc_fields) == expected, f"the test's parser read {len(doc_fields)} fields"
    ir = inspect_json(spec, capsys)
    index = spec_fields(ir)
    tables = {table["name"]: table for table in ir["codes"]}

    matched, full = dict.fromkeys(ASPECTS, 0), 0
    mismatches: list[str] = []
    for doc in doc_fields:
        name = f"{doc.location}:{'.'.join(doc.path)}"
        problems = compare(doc, index.get((doc.location, doc.path), []), tables)
        for aspect, found in problems.items():
            matched[aspect] += not found
            mismatches += [f"{name} [{aspect}] {problem}" for problem in found]
        full += not any(problems.values())

    # Nothing invented: what the document does not list must come from the provider's docs.
    documented = {(doc.location, doc.path) for doc in doc_fields}
    mismatches += [
        f"{loc}:{'.'.join(path)} [name] not in the document, source {field['source']!r}"
        for (loc, path), defs in index.items()
        if (loc, path) not in documented
        for field in defs
        if field["source"] != "provider-docs"
    ]

    total = len(doc_fields)
    with_codes = [doc for doc in doc_fields if doc.codes]
    with capsys.disabled():
        print(
            f"\n{label}: {full}/{total} fields match ("
            + ", ".join(f"{aspect} {matched[aspect]}/{total}" for aspect in ASPECTS)
            + f"; {sum(len(doc.codes) for doc in with_codes)} document code values "
            f"in {len(with_codes)} fields)"
        )
        for line in mismatches:
            print(f"  MISMATCH {line}")
    assert not mismatches, "\n".join(mismatches)
