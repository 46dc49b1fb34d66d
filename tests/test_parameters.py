"""Path and query parameters, and methods other than POST (issue 14, failure 1): the generated
client percent-encodes each path parameter into the path and each query parameter into the URL,
a GET sends no body, and the generated fake provider matches the path template and refuses a
placeholder sent literally. Checked against httpx.MockTransport and the loopback fake, from the
spec in tests/parameters/."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from docbind.backends.registry import EMITTERS
from docbind.cli.common import checked_apis
from golden import REPO

SPEC = REPO / "tests" / "parameters"

# Calls the generated client makes; each prints what went over the wire, as JSON.
CLIENT = """
import json, httpx
from paramsdemo import Client, errors
from paramsdemo.testing import FakeProvider

def show(request):
    return {
        "method": request.method,
        "target": request.url.raw_path.decode("ascii"),
        "body": request.content.decode("ascii"),
        "content_type": request.headers.get("content-type"),
        "idempotency_key": request.headers.get("idempotency-key"),
    }

seen = []
def answer(request):
    seen.append(show(request))
    return httpx.Response(200, json={"total": 1, "paymentKey": "k", "status": "DONE"})

client = Client(mall_id="M1", http_client=httpx.Client(transport=httpx.MockTransport(answer)))
client.cancel(payment_key="abc/1", cancel_reason="reason", idempotency_key="key-1")
client.cancel(payment_key="..", cancel_reason="dots")
client.cancel(payment_key=TEXT, cancel_reason="text")
client.search(order_id="o 1", seq=3, q="a+b c&d=e", since="2024-01-02", paid=True)
client.search(order_id="o1", seq=3, amount="12.50", status="DONE")
client.update(order_id="o1", memo="new memo")
client.remove(order_id="o1", reason="duplicate")
refused = []
for call in (
    lambda: client.cancel(payment_key="", cancel_reason="x"),
    lambda: client.search(order_id="o1", seq=0),
    lambda: client.search(order_id="o" * 65, seq=1),
):
    try:
        call()
    except errors.RequestValidationError as exc:
        refused.append(str(exc))

fake = FakeProvider()
faked = Client(mall_id="M1", http_client=httpx.Client(transport=fake.transport()))
result = faked.cancel(payment_key="abc/1", cancel_reason="reason")
faked.search(order_id=TEXT, seq=3, q=TEXT, paid=False)
faked.remove(order_id="o1", reason="duplicate")
raw = httpx.Client(transport=fake.transport(), base_url="https://api.example.com")
statuses = [
    raw.post("/base/v1/payments/%7BpaymentKey%7D/cancel", json={"cancelReason": "x"}).status_code,
    raw.post("/base/v1/payments/{paymentKey}/cancel", json={"cancelReason": "x"}).status_code,
    raw.post("/base/v1/payments/abc/1/cancel", json={"cancelReason": "x"}).status_code,
    raw.get("/base/v1/orders/o1/items/3", params={"mid": "M1", "undocumented": "1"}).status_code,
    raw.request("GET", "/base/v1/orders/o1/items/3?mid=M1", content=b"{}").status_code,
]
with fake.serve() as url:
    served = Client(mall_id="M1", base_url=url + "/base").search(order_id="o/1", seq=2, q=TEXT)
print(json.dumps({
    "sent": seen,
    "refused": refused,
    "fake_payloads": [r.payload for r in fake.requests[:3]],
    "echoed": result.payment_key,
    "statuses": statuses,
    "rejections": fake.rejections,
    "served": served.total,
    "loopback_payload": fake.requests[-1].payload,
}))
"""


def _render(folder: Path, out: Path) -> Path:
    apis = checked_apis([folder])
    assert apis is not None
    for path, source in EMITTERS.render(apis[0]).items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text(source, encoding="utf-8")
    return out


def _run(out: Path, text: str) -> dict[str, Any]:
    script = f"TEXT = {text!r}\n{CLIENT}"
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=out, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _render(SPEC, tmp_path_factory.mktemp("paramsdemo"))


@pytest.fixture(scope="module")
def utf8(package: Path) -> dict[str, Any]:
    return _run(package, "a b?c#d%e/한")


@pytest.fixture(scope="module")
def euc_kr(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    spec = tmp_path_factory.mktemp("spec") / "paramsdemo"
    shutil.copytree(SPEC, spec)
    api = spec / "api.yaml"
    api.write_text(api.read_text().replace("encoding: utf-8", "encoding: euc-kr"))
    return _run(_render(spec, tmp_path_factory.mktemp("euckr")), "한글")


def test_path_parameter_is_percent_encoded_never_normalised(utf8: dict[str, Any]) -> None:
    cancel = [s for s in utf8["sent"] if s["target"].endswith("/cancel")]
    assert [s["target"] for s in cancel] == [
        "/base/v1/payments/abc%2F1/cancel",
        "/base/v1/payments/%2E%2E/cancel",  # a dot segment would be resolved away
        "/base/v1/payments/a%20b%3Fc%23d%25e%2F%ED%95%9C/cancel",
    ]
    # The path parameter is not repeated in the body; the per-operation header is sent.
    assert cancel[0]["body"] == '{"cancelReason":"reason"}'
    assert cancel[0]["idempotency_key"] == "key-1"


def test_get_sends_query_parameters_encoded_and_no_body(utf8: dict[str, Any]) -> None:
    first, second = (s for s in utf8["sent"] if s["method"] == "GET")
    assert first["target"] == (
        "/base/v1/orders/o%201/items/3?q=a%2Bb%20c%26d%3De&since=2024-01-02&paid=true&mid=M1"
    )
    assert second["target"] == "/base/v1/orders/o1/items/3?status=DONE&amount=12.50&mid=M1"
    for get in (first, second):
        assert get["body"] == "" and get["content_type"] is None


def test_put_sends_a_body_and_delete_without_body_fields_none(utf8: dict[str, Any]) -> None:
    put, delete = utf8["sent"][-2:]
    assert (put["method"], put["target"], put["body"]) == (
        "PUT",
        "/base/v1/orders/o1",
        '{"memo":"new memo"}',
    )
    assert put["content_type"] == "application/json; charset=utf-8"
    assert (delete["method"], delete["target"], delete["body"], delete["content_type"]) == (
        "DELETE",
        "/base/v1/orders/o1?reason=duplicate",
        "",
        None,
    )


def test_bad_path_parameters_are_refused_before_sending(utf8: dict[str, Any]) -> None:
    empty, too_small, too_long = utf8["refused"]
    assert "path parameter paymentKey is missing or empty" in empty
    assert "seq" in too_small and "greater than or equal to 1" in too_small
    assert "orderId" in too_long and "64 bytes" in too_long
    assert len(utf8["sent"]) == 7  # none of them reached the transport


def test_fake_reads_the_parameters_and_refuses_a_literal_placeholder(
    utf8: dict[str, Any],
) -> None:
    text = "a b?c#d%e/한"
    assert utf8["fake_payloads"] == [
        {"cancelReason": "reason", "paymentKey": "abc/1"},
        {"q": text, "paid": "false", "mid": "M1", "orderId": text, "seq": "3"},
        {"reason": "duplicate", "orderId": "o1"},
    ]
    assert utf8["echoed"] == "abc/1"  # the documented answer echoes the path parameter
    # %7B..%7D and a raw {..} are the template sent unfilled; abc/1 unencoded is another path.
    assert utf8["statuses"] == [400, 400, 404, 400, 400]
    assert utf8["rejections"] == [
        "cancel: path parameter paymentKey is not a value: '{paymentKey}'",
        "cancel: path parameter paymentKey is not a value: '{paymentKey}'",
        "search: undocumented query parameter undocumented",
        "search: a body was sent, but this operation has none",
    ]
    assert utf8["served"] == 1
    assert utf8["loopback_payload"] == {"q": text, "mid": "M1", "orderId": "o/1", "seq": "2"}


def test_parameters_are_encoded_in_the_api_encoding(euc_kr: dict[str, Any]) -> None:
    # 한글 in EUC-KR is C7 D1 B1 DB, in the path and in the query alike.
    assert euc_kr["sent"][2]["target"] == "/base/v1/payments/%C7%D1%B1%DB/cancel"
    assert euc_kr["fake_payloads"][1]["orderId"] == "한글"
    assert euc_kr["fake_payloads"][1]["q"] == "한글"
    assert euc_kr["rejections"][-2:] == [
        "search: undocumented query parameter undocumented",
        "search: a body was sent, but this operation has none",
    ]


def test_generated_package_passes_its_own_tests(package: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=package,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
