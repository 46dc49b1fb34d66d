"""Computed values and defaults at any depth, several success codes, ISO 8601 offsets, test data
for patterns and request-sample deviations (issue 14, failures 3, 4, 5, 6, 8 and 9; issue 18,
item 11). One spec holding all of them generates a package; a probe drives its client through
an ``httpx.MockTransport`` that records what was sent, and the package's own tests must pass.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from client_support import run_in
from docbind.ir.patterns import matching_text
from hostile_support import run_cli

API: dict[str, Any] = {
    "docbind": 1,
    "name": "Depth Probe",
    "package": "depth_probe",
    "version": "0.1.0",
    "environments": {"test": {"url": "https://example.test"}},
    # No default_environment: the generated tests must pass a base URL of their own.
    "credentials": {"secret_key": {"doc": "key", "secret": True}},
    "signers": {
        "mac": {
            "algorithm": "hmac-sha256",
            "key": "secret_key",
            "input": {"fields": ["tid"], "separator": "|"},
            "output": "hex",
        }
    },
    "errors": {
        "code_field": "code",
        "message_field": "message",
        "table": [
            {"http_status": 500, "code": "E500", "message": "Down", "exception": "DownError"}
        ],
    },
    "operations": ["cancel.yaml"],
}
TID = "^T[0-9]{4}[A-Z]{3}-[a-f0-9]{3}$"
OP: dict[str, Any] = {
    "operation": "cancel",
    "method": "POST",
    "path": "/v1/cancel",
    "idempotency_key": "orderId",
    "retry": {"safe": True, "on": ["timeout", "http_5xx"], "max_retries": 1},
    "request": {
        "body": {
            "orderId": {
                "type": "string",
                "chars": 64,
                "required": True,
                "computed": "idempotency_key",
            },
            "currency": {"type": "string", "chars": 3, "required": True, "default": "KRW"},
            "tid": {"type": "string", "chars": 12, "exact": True, "required": True, "pattern": TID},
            "mac": {"type": "string", "chars": 64, "required": True, "computed": "signature(mac)"},
            "refund": {
                "type": "object",
                "model": "RefundAccount",
                "required": True,
                "fields": {
                    "bank": {
                        "type": "string",
                        "chars": 2,
                        "required": True,
                        "pattern": "^[0-9]{2}$",
                    },
                    "requestedOn": {
                        "type": "date",
                        "format": "yyyyMMdd",
                        "required": True,
                        "computed": "today(Asia/Seoul)",
                    },
                    "key": {
                        "type": "string",
                        "chars": 40,
                        "required": True,
                        "computed": "idempotency_key",
                    },
                    "holder": {"type": "string", "chars": 20, "default": "me"},
                },
            },
        }
    },
    "response": {
        "body": {
            "code": {"type": "string", "required": True},
            "message": {"type": "string"},
            "approvedAt": {"type": "datetime", "format": "yyyy-MM-ddTHH:mm:ssXXX"},
        }
    },
    "success": {"http_status": [200], "field": "code", "equals": ["0000", "2001", "2211"]},
    "errors": ["E500"],
    "samples": [
        {
            "name": "doc_request",
            "direction": "request",
            "payload": {
                "orderId": "o1",
                "tid": "T1234ABC-0af-EXTRA",
                "mac": "ab",
                "refund": {"bank": "4", "requestedOn": "20240101", "key": "k"},
            },
            "deviations": [
                {"path": "tid", "note": "The sample's tid is longer than the table's 12."},
                {"path": "refund.bank", "note": "One digit in the sample."},
            ],
        },
        {
            "name": "doc_response",
            "direction": "response",
            "payload": {"code": "2001", "approvedAt": "2024-01-01T10:00:00+09:00"},
        },
    ],
}


def write(folder: Path, api: dict[str, Any], op: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "api.yaml").write_text(json.dumps(api, indent=1), encoding="utf-8")
    (folder / "cancel.yaml").write_text(json.dumps(op, indent=1), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("depth")
    spec = write(root / "spec", API, OP)
    run = run_cli("generate", str(spec), "-o", str(root / "out"), "-q")
    assert run.status == 0, run.err
    return root / "out" / "depth_probe"


# The client against a MockTransport that records each request and answers as told.
PROBE = r"""
import datetime as dt, json, zoneinfo
import httpx
from depth_probe import Client, errors, models
from depth_probe.testing import FakeProvider

sent, answers = [], []
def answer(request):
    sent.append(json.loads(request.content))
    return httpx.Response(200, json=answers.pop(0))

def call(answer_body, refund={"bank": "04"}, **kwargs):
    answers.append(answer_body)
    http = httpx.Client(transport=httpx.MockTransport(answer))
    with Client(secret_key="k", base_url="https://x.test", http_client=http) as client:
        return client.cancel(tid="T1234ABC-0af", refund=refund, **kwargs)

report = {}
call({"code": "0000"}, refund={"bank": "04"})
report["first"] = sent[-1]
report["today"] = dt.datetime.now(zoneinfo.ZoneInfo("Asia/Seoul")).strftime("%Y%m%d")
call({"code": "0000"}, refund={"bank": "04", "key": "mine", "holder": "her"}, currency="USD")
report["given"] = sent[-1]
try:  # the required object is made to hold its computed values; what is not computed is named
    call({"code": "0000"}, refund=None)
except errors.RequestValidationError as exc:
    report["made"] = str(exc)
    answers.clear()  # nothing was sent
report["fields_required"] = {
    name: info.is_required() for name, info in models.CancelRequest.model_fields.items()
}
report["codes"] = {}
for code in ("0000", "2001", "2211", "2002"):
    try:
        call({"code": code})
        report["codes"][code] = "success"
    except errors.ApiError as exc:
        report["codes"][code] = type(exc).__name__
parsed = call({"code": "2211", "approvedAt": "2024-01-01T10:00:00+09:00"})
report["offset"] = [parsed.approved_at.utcoffset().total_seconds(), parsed.approved_at.hour]
report["offset_dump"] = parsed.model_dump(mode="json", by_alias=True)["approvedAt"]
utc = models.CancelResponse.model_validate({"code": "0000", "approvedAt": "2024-01-01T01:00:00Z"})
report["utc_dump"] = utc.model_dump(mode="json", by_alias=True)["approvedAt"]
report["same_instant"] = utc.approved_at == parsed.approved_at

# The fake refuses a request whose required nested computed value is missing.
fake = FakeProvider(secret_key="k")
with Client(secret_key="k", base_url="https://x.test",
            http_client=httpx.Client(transport=fake.transport())) as client:
    client.cancel(tid="T1234ABC-0af", refund={"bank": "04"})
good = dict(sent[0])
report["fake_accepts"] = fake.rejections == []
bad = json.loads(json.dumps(report["first"]))
del bad["refund"]["key"]
raw = httpx.Client(transport=fake.transport()).post(
    "https://x.test/v1/cancel", content=json.dumps(bad),
    headers={"Content-Type": "application/json; charset=utf-8"})
report["fake_refuses"] = [raw.status_code, len(fake.rejections)]
print(json.dumps(report))
"""


def test_the_client_fills_nested_values_and_defaults_and_reads_several_codes(
    package: Path,
) -> None:
    result = run_in(package, "-c", PROBE)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout)
    first = report["first"]
    # Failure 3: the nested object goes out with its computed values, not as {}.
    assert first["refund"]["requestedOn"] == report["today"]
    assert re.fullmatch("[0-9a-f]{32}", first["refund"]["key"])
    assert re.fullmatch("[0-9a-f]{32}", first["orderId"])
    # Failure 4: a required field with a default is optional and sent with its default.
    assert first["currency"] == "KRW" and first["refund"]["holder"] == "me"
    assert report["fields_required"]["currency"] is False
    assert report["fields_required"]["tid"] is True
    # Values the caller gives win over computed ones and defaults.
    given = report["given"]
    assert given["refund"]["key"] == "mine" and given["refund"]["holder"] == "her"
    assert given["currency"] == "USD"
    assert report["made"] == "cancel: invalid request: refund.bank: Field required"
    # Failure 8: several success codes.
    assert report["codes"] == {
        "0000": "success",
        "2001": "success",
        "2211": "success",
        "2002": "ApiError",
    }
    # Failure 9: an ISO 8601 offset is read as an aware datetime and written back exactly.
    assert report["offset"] == [9 * 3600, 10]
    assert report["offset_dump"] == "2024-01-01T10:00:00+09:00"
    assert report["utc_dump"] == "2024-01-01T01:00:00Z" and report["same_instant"]
    # The filled request is validated: the fake refuses one missing a nested computed value.
    assert report["fake_accepts"] is True
    assert report["fake_refuses"][0] >= 400 and report["fake_refuses"][1] == 1


def test_the_package_passes_its_own_tests(package: Path) -> None:
    """Pattern fields (failure 5), request-sample deviations (failure 6), a documented 5xx on a
    retry-safe operation and no default environment (issue 18, item 11)."""
    result = run_in(package, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests")
    assert result.returncode == 0, result.stdout[-3000:]
    cases = json.loads((package / "tests" / "model_cases.json").read_text(encoding="utf-8"))
    payload = cases["payloads"]["CancelRequest"]
    assert re.fullmatch(TID, payload["tid"]) and re.fullmatch("[0-9]{2}", payload["refund"]["bank"])
    sample = next(s for s in cases["samples"] if s["id"] == "cancel-doc_request")
    assert re.fullmatch(TID, sample["payload"]["tid"])  # the deviation put right
    assert sample["payload"]["refund"]["bank"] != "4"


@pytest.mark.parametrize(
    ("pattern", "length"),
    [
        (TID, 12),
        ("^[0-9]+$", 5),
        ("^(ab|cd)*x[^a-z]$", None),
        (r"^\d{2,4}$", 3),
        (r"^[\w.-]+@[a-z]+\.com$", None),
        ("^(?:KR|US)-[A-Z0-9]{6}$", 9),
    ],
)
def test_pattern_values_match_in_full(pattern: str, length: int | None) -> None:
    text = matching_text(pattern, length)
    assert text is not None and re.fullmatch(pattern, text)
    assert length is None or len(text) == length
    assert matching_text(pattern, length) == text  # the same on every run


def _errors(tmp_path: Path, api: dict[str, Any], op: dict[str, Any]) -> str:
    spec = write(tmp_path / "spec", api, op)
    run = run_cli("validate", str(spec))
    assert run.status == 2
    return run.err


def _with(op: dict[str, Any], path: tuple[str, ...], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(op)
    target = changed
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return changed


REFUND = ("request", "body", "refund", "fields")


@pytest.mark.parametrize(
    ("path", "value", "words"),
    [
        (
            (*REFUND, "key"),
            {"type": "string", "computed": "signature(mac)"},
            "inside an object or array",
        ),
        (
            ("request", "body", "mac"),
            {"type": "string", "chars": 20, "required": True, "computed": "signature(mac)"},
            "writes 64 characters",
        ),
        (
            ("request", "body", "tid"),
            {"type": "string", "chars": 3, "pattern": "^[A-Z]{5}$"},
            "give one as `example:`",
        ),
        (
            ("response", "body", "approvedAt"),
            {"type": "datetime", "format": "yyyy-MM-ddXXXTHH:mm:ss"},
            "the offset XXX ends the format",
        ),
    ],
)
def test_located_errors(tmp_path: Path, path: tuple[str, ...], value: Any, words: str) -> None:
    err = _errors(tmp_path, API, _with(OP, path, value))
    assert re.search(rf"cancel\.yaml:\d+:\d+: error: .*{re.escape(words)}", err), err
