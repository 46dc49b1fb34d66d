"""The escape hatches of a generated client (issue 16): a raw answer parsed by its public
``parse()``, per-call ``extra_headers`` / ``extra_query`` / ``extra_body`` (never replacing what
the client sets from the spec, and covered by the signatures), ``timeout`` as an
``httpx.Timeout``, errors that carry the answer's headers and the provider's request id, and
``Retry-After`` read as seconds, an HTTP date or ``retry-after-ms``. Sync and async alike;
everything expected is computed here from the documents' rules (hmac, base64, json)."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import email.utils
import hashlib
import hmac
import json
import os
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import kicc_easypay
import konaplate
import pytest
import toss_payments
from client_support import mypy_errors
from kicc_easypay import errors
from kicc_easypay.testing import FakeProvider, Fault
from runtime_support import runtime_module

KICC = {"secret_key": "k" * 16, "mall_id": "T5102001"}
KONA = {
    "access_key": "a" * 40,
    "secret_key": "kona-secret-key-value",
    "asp_id": "A" * 15,
}
REFUND: dict[str, Any] = {
    "pg_cno": "20240131000001",
    "revise_type_code": "60",
    "refund_info": {
        "refundBankCode": "003",
        "refundAccountNo": "110987654321",
        "refundDepositName": "Hong",
    },
}
TOKEN = "1234567890123456"  # konaplate's oneTimeToken: 16 characters
timing = runtime_module("_timing")


class Recorder:
    """Records each request; answers with the next of ``answers`` (the last one repeats)."""

    def __init__(self, *answers: httpx.Response) -> None:
        self.requests: list[httpx.Request] = []
        self.answers = list(answers) or [httpx.Response(200, json={})]

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        return httpx.Response(answer.status_code, headers=answer.headers, content=answer.content)


def _sync(module: Any, credentials: dict[str, str], recorder: Recorder, **options: Any) -> Any:
    http = httpx.Client(transport=httpx.MockTransport(recorder))
    return module.Client(**credentials, http_client=http, **options)


def _async(module: Any, credentials: dict[str, str], recorder: Recorder, **options: Any) -> Any:
    http = httpx.AsyncClient(transport=httpx.MockTransport(recorder))
    return module.AsyncClient(**credentials, http_client=http, **options)


def _call(is_async: bool, method: Callable[..., Any], **arguments: Any) -> Any:
    """``method(**arguments)``, awaited for an ``AsyncClient``."""
    if not is_async:
        return method(**arguments)

    async def run() -> Any:
        return await method(**arguments)

    return asyncio.run(run())


def _client(is_async: bool, *args: Any, **options: Any) -> Any:
    return (_async if is_async else _sync)(*args, **options)


# --- parsing a raw answer -------------------------------------------------------------------


@pytest.mark.parametrize("is_async", [False, True])
def test_a_raw_answer_parses_into_the_operations_model_or_its_documented_error(
    is_async: bool,
) -> None:
    fake = FakeProvider(secret_key=KICC["secret_key"], credentials=KICC)
    transport = fake.transport()
    http = (httpx.AsyncClient if is_async else httpx.Client)(transport=transport)
    cls = kicc_easypay.AsyncClient if is_async else kicc_easypay.Client
    client = cls(**KICC, http_client=http)
    call = {**REFUND, "shop_transaction_id": "T-1", "cancel_req_date": "20260102"}
    raw = _call(is_async, client.refund_raw, **call)
    assert isinstance(raw, kicc_easypay.RawResponse)
    parsed = raw.parse()
    assert isinstance(parsed, kicc_easypay.models.RefundResponse)
    assert parsed.model_dump() == _call(is_async, client.refund, **call).model_dump()
    assert parsed.res_cd == json.loads(raw.content)["resCd"] == "0000"
    fake.script("refund", Fault.error("R102"))
    failed = _call(is_async, client.refund_raw, **REFUND)
    with pytest.raises(errors.ApiError) as info:
        failed.parse()
    assert info.value.code == "R102" and info.value.http_status == failed.status_code


def test_an_answer_not_from_an_operation_method_cannot_be_parsed() -> None:
    raw = kicc_easypay.RawResponse(200, httpx.Headers(), b"{}", 1, None, 0.0)
    with pytest.raises(TypeError, match="operation method"):
        raw.parse()


# --- extra headers, query and body ----------------------------------------------------------


def _tran_token_mac(body: bytes) -> str:
    mac = hmac.new(KONA["secret_key"].encode(), body, hashlib.sha256).digest()
    return base64.b64encode(mac).decode("ascii")


@pytest.mark.parametrize("is_async", [False, True])
def test_extras_are_sent_and_the_signature_over_the_body_covers_them(is_async: bool) -> None:
    recorder = Recorder()
    client = _client(is_async, konaplate, KONA, recorder)
    _call(
        is_async,
        client.get_refund_fee_raw,
        one_time_token=TOKEN,
        extra_headers={"X-Trace": "t-1", "User-Agent": "mine/1"},
        extra_query={"lang": "ko kr"},
        extra_body={"memo": "hi", "rate": Decimal("1.50"), "flag": True},
    )
    (sent,) = recorder.requests
    assert sent.url.path.endswith("/api/v1/refund/fee")
    assert sent.url.params["lang"] == "ko kr"
    assert sent.headers["X-Trace"] == "t-1" and sent.headers["User-Agent"] == "mine/1"
    assert sent.content.endswith(b',"memo":"hi","rate":1.50,"flag":true}')
    body = json.loads(sent.content)
    assert body["oneTimeToken"] == TOKEN and body["memo"] == "hi"
    prefix, _, mac = sent.headers["X-KM-Tran-Token"].rpartition(":")
    assert prefix.startswith("KMV1:") and mac == _tran_token_mac(sent.content)


@pytest.mark.parametrize("is_async", [False, True])
def test_extras_survive_a_recovery_resend(
    is_async: bool,
) -> None:
    recorder = Recorder(
        httpx.Response(200, json={"resCd": "VTIM", "resMsg": "timeout"}),
        httpx.Response(200, json={"resCd": "0000", "resMsg": "ok"}),
    )
    client = _client(is_async, kicc_easypay, KICC, recorder)
    arguments = {**REFUND, "revise_type_code": "63"}
    _call(
        is_async,
        client.refund_raw,
        **arguments,
        extra_headers={"X-Trace": "t-2"},
        extra_body={"memo": "again"},
    )
    first, second = recorder.requests
    assert [json.loads(r.content).get("refundQueryFlag") for r in recorder.requests] == [
        None,
        "Y",
    ]
    for request in (first, second):
        assert request.headers["X-Trace"] == "t-2"
        assert json.loads(request.content)["memo"] == "again"


REFUSED = [
    (kicc_easypay, KICC, "refund_raw", REFUND, {"extra_body": {"pgCno": "x"}}, "extra_body.pgCno"),
    (
        kicc_easypay,
        KICC,
        "refund_raw",
        REFUND,
        {"extra_body": {"msgAuthValue": "f" * 64}},
        "extra_body.msgAuthValue",
    ),
    (
        kicc_easypay,
        KICC,
        "refund_raw",
        REFUND,
        {"extra_headers": {"content-type": "text/plain"}},
        "extra_headers.content-type",
    ),
    (
        konaplate,
        KONA,
        "get_refund_fee_raw",
        {"one_time_token": TOKEN},
        {"extra_headers": {"x-km-tran-token": "forged"}},
        "extra_headers.x-km-tran-token",
    ),
    (
        konaplate,
        KONA,
        "get_refund_fee_raw",
        {"one_time_token": TOKEN},
        {"extra_headers": {"X-KM-Crypto-Key-Id": "k"}},
        "extra_headers.X-KM-Crypto-Key-Id",
    ),
    (
        konaplate,
        KONA,
        "get_refund_fee_raw",
        {"one_time_token": TOKEN},
        {"extra_headers": {"X-Trace": "a\r\nX-Evil: 1"}},
        "extra_headers.X-Trace",
    ),
    (
        toss_payments,
        {"secret_key": "test_sk_x"},
        "cancel_raw",
        {"payment_key": "p1", "cancel_reason": "r"},
        {"extra_headers": {"Authorization": "Basic eDo="}},
        "extra_headers.Authorization",
    ),
    (
        toss_payments,
        {"secret_key": "test_sk_x"},
        "cancel_raw",
        {"payment_key": "p1", "cancel_reason": "r"},
        {"extra_body": {"memo": object()}},
        "extra_body",
    ),
    (
        toss_payments,
        {"secret_key": "test_sk_x"},
        "cancel_raw",
        {"payment_key": "p1", "cancel_reason": "r"},
        {"extra_query": {"paymentKey": "other"}},
        "extra_query.paymentKey",
    ),
    # Values that cannot go on the wire: a header is ASCII, JSON has no NaN, a lone surrogate
    # has no encoding (each raised outside the package's errors before).
    (
        toss_payments,
        {"secret_key": "test_sk_x"},
        "cancel_raw",
        {"payment_key": "p1", "cancel_reason": "r"},
        {"extra_headers": {"X-Memo": "\ud55c\uae00"}},
        "extra_headers.X-Memo",
    ),
    (
        toss_payments,
        {"secret_key": "test_sk_x"},
        "cancel_raw",
        {"payment_key": "p1", "cancel_reason": "r"},
        {"extra_body": {"ratio": float("nan")}},
        "extra_body",
    ),
    (
        toss_payments,
        {"secret_key": "test_sk_x"},
        "cancel_raw",
        {"payment_key": "p1", "cancel_reason": "r"},
        {"extra_query": {"memo": "\ud800"}},
        "extra_query",
    ),
]


@pytest.mark.parametrize("bad", [0, -1.0, "5"])
def test_a_bad_timeout_is_refused_when_the_client_is_made(bad: Any) -> None:
    with pytest.raises(toss_payments.errors.RequestValidationError, match="timeout"):
        toss_payments.Client(secret_key="test_sk_x", timeout=bad)


@pytest.mark.parametrize("is_async", [False, True])
@pytest.mark.parametrize(("module", "credentials", "method", "call", "extra", "where"), REFUSED)
def test_an_extra_that_would_replace_what_the_client_sets_is_refused_before_sending(
    is_async: bool,
    module: Any,
    credentials: dict[str, str],
    method: str,
    call: dict[str, Any],
    extra: dict[str, Any],
    where: str,
) -> None:
    recorder = Recorder()
    client = _client(is_async, module, credentials, recorder)
    with pytest.raises(module.errors.RequestValidationError) as info:
        _call(is_async, getattr(client, method), **call, **extra)
    assert where in [loc for loc, _ in info.value.errors]
    assert recorder.requests == []


def test_extras_in_a_form_body_and_a_bodyless_request() -> None:
    extra = runtime_module("_extra")
    form = type("Op", (), {"body_format": "form", "attributes": {"x": "x"}})()
    added = extra.Extra.of(None, None, {"memo": "a b&c", "flag": False})
    assert extra.extend(form, b"x=1", "https://h/p?a=1", added) == (
        b"x=1&memo=a+b%26c&flag=false",
        "https://h/p?a=1",
    )
    assert extra.extend(form, b"", "u", added)[0] == b"memo=a+b%26c&flag=false"
    query = extra.Extra.of(None, {"q": "가"}, None)
    assert extra.extend(form, b"", "https://h/p", query)[1] == "https://h/p?q=%EA%B0%80"
    assert extra.Extra.of(None, {}, None) is None
    fields = {"name": "fetch", "method": "GET", "path": "/p", "attributes": {"id": "id"}}
    bodyless = type("Op", (), {**fields, "body_format": "none"})()
    with pytest.raises(extra.errors.RequestValidationError, match="GET /p sends no body"):
        extra.extend(bodyless, b"", "https://h/p", added)


# --- timeouts -------------------------------------------------------------------------------


@pytest.mark.parametrize("is_async", [False, True])
def test_a_timeout_may_be_an_httpx_timeout_per_client_and_per_call(is_async: bool) -> None:
    recorder = Recorder()
    per_client = httpx.Timeout(3.0, connect=1.0)
    client = _client(is_async, kicc_easypay, KICC, recorder, timeout=per_client)
    _call(is_async, client.refund_raw, **REFUND)
    _call(is_async, client.refund_raw, **REFUND, timeout=httpx.Timeout(7.0))
    _call(is_async, client.with_options(timeout=2.5).refund_raw, **REFUND)
    seen = [r.extensions["timeout"] for r in recorder.requests]
    assert seen == [
        per_client.as_dict(),
        httpx.Timeout(7.0).as_dict(),
        httpx.Timeout(2.5).as_dict(),
    ]


def test_an_httpx_timeout_bounds_the_whole_attempt_by_the_sum_of_its_phases() -> None:
    assert timing.attempt_seconds(httpx.Timeout(2.0, connect=1.0)) == 1.0 + 2.0 + 2.0 + 2.0
    assert timing.attempt_seconds(httpx.Timeout(2.0, pool=None)) is None
    assert timing.attempt_seconds(4) == 4.0
    for bad in (0, -1.0, float("nan"), httpx.Timeout(-1.0)):
        with pytest.raises(ValueError, match="positive"):
            timing.attempt_seconds(bad)
    with pytest.raises(timing.errors.RequestValidationError, match=r"httpx\.Timeout"):
        timing.attempt_seconds("5")


# --- errors carry the answer's headers and the request id -----------------------------------


@pytest.mark.parametrize("is_async", [False, True])
def test_errors_carry_the_answers_headers_and_the_usual_request_id(is_async: bool) -> None:
    headers = {"X-Request-Id": "req-123", "X-Other": "o"}
    answers = [
        httpx.Response(200, json={"resCd": "R102", "resMsg": "no"}, headers=headers),
        httpx.Response(200, content=b"not json", headers=headers),
        httpx.Response(200, content=b"x" * 64, headers=headers),
    ]
    for answer, limit, cls in zip(
        answers,
        (None, None, 8),
        (errors.ApiError, errors.ResponseDecodeError, errors.ResponseTooLargeError),
        strict=True,
    ):
        options = {"max_response_bytes": limit} if limit else {}
        client = _client(is_async, kicc_easypay, KICC, Recorder(answer), **options)
        with pytest.raises(cls) as info:
            _call(is_async, client.refund, **REFUND)
        assert info.value.request_id == "req-123", cls
        assert info.value.headers is not None and info.value.headers["x-other"] == "o"


@pytest.mark.parametrize("is_async", [False, True])
def test_a_documented_request_id_header_is_the_one_read(is_async: bool) -> None:
    answer = httpx.Response(
        400,
        json={"code": "000_002", "message": "Invalid input parameter. oneTimeToken"},
        headers={"X-KM-Correlation-Id": "260101120000-abcdef0", "X-Request-Id": "other"},
    )
    client = _client(is_async, konaplate, KONA, Recorder(answer))
    with pytest.raises(konaplate.errors.ApiError) as info:
        _call(is_async, client.get_refund_fee, one_time_token=TOKEN)
    assert info.value.request_id == "260101120000-abcdef0"
    raw = _call(is_async, client.get_refund_fee_raw, one_time_token=TOKEN)
    assert raw.request_id == "260101120000-abcdef0"
    plain = _client(is_async, konaplate, KONA, Recorder(httpx.Response(200, json={})))
    assert _call(is_async, plain.get_refund_fee_raw, one_time_token=TOKEN).request_id is None


# --- Retry-After ----------------------------------------------------------------------------

NOW = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Retry-After": "3"}, 3.0),
        ({"Retry-After": "1.5"}, 1.5),
        ({"Retry-After": email.utils.format_datetime(NOW + dt.timedelta(seconds=7))}, 7.0),
        ({"Retry-After": "Fri, 02 Jan 2026 03:04:15 GMT"}, 10.0),
        ({"Retry-After": email.utils.format_datetime(NOW - dt.timedelta(hours=1))}, 0.0),
        ({"Retry-After": email.utils.format_datetime(NOW + dt.timedelta(hours=1))}, 60.0),
        ({"retry-after-ms": "250", "Retry-After": "9"}, 0.25),
        ({"retry-after-ms": "junk", "Retry-After": "2"}, 2.0),
        ({"Retry-After": "soon"}, None),
        ({"Retry-After": "nan"}, None),
        ({}, None),
    ],
)
def test_retry_after_is_read_as_seconds_an_http_date_or_milliseconds(
    headers: dict[str, str], expected: float | None
) -> None:
    assert timing.retry_after(httpx.Headers(headers), NOW) == expected


@pytest.mark.parametrize("is_async", [False, True])
@pytest.mark.parametrize(
    ("header", "value", "expected"),
    [("retry-after-ms", "250", 0.25), ("Retry-After", "HTTP-DATE", 5.0), ("Retry-After", "2", 2.0)],
)
def test_a_rate_limited_call_waits_as_the_provider_says(
    is_async: bool,
    header: str,
    value: str,
    expected: float,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    waits: list[float] = []

    async def wait_async(seconds: float) -> None:
        waits.append(seconds)

    monkeypatch.setattr(kicc_easypay._http.time, "sleep", waits.append)
    monkeypatch.setattr(asyncio, "sleep", wait_async)
    if value == "HTTP-DATE":  # 5.5 s ahead: the date has whole seconds, so 5 to 6 remain
        ahead = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5.5)
        value = email.utils.format_datetime(ahead.replace(microsecond=0), usegmt=True)
    limited = httpx.Response(429, json={"resCd": "E429"}, headers={header: value})
    recorder = Recorder(limited, httpx.Response(200, json={"resCd": "0000"}))
    client = _client(is_async, kicc_easypay, KICC, recorder, max_retries=1)
    _call(is_async, client.refund_raw, **REFUND)
    assert len(recorder.requests) == 2 and len(waits) == 1
    assert expected - 1.0 < waits[0] <= expected + 1.0, waits


# --- <PACKAGE>_LOG --------------------------------------------------------------------------

LOGGED_CALL = f"""
import httpx
import kicc_easypay
from kicc_easypay.testing import FakeProvider

credentials = {KICC!r}
fake = FakeProvider(secret_key=credentials["secret_key"], credentials=credentials)
client = kicc_easypay.Client(**credentials, http_client=httpx.Client(transport=fake.transport()))
client.refund(**{REFUND!r}, extra_headers={{"X-Caller-Token": "caller-secret-token"}})
print("done")
"""


def _logged(value: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "KICC_EASYPAY_LOG"}
    if value is not None:
        env["KICC_EASYPAY_LOG"] = value
    return subprocess.run(
        [sys.executable, "-c", LOGGED_CALL],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def test_the_log_variable_turns_on_logging_with_secrets_masked() -> None:
    debug = _logged("debug").stderr
    assert "kicc_easypay" in debug and "DEBUG" in debug and "INFO" in debug
    assert "refund request POST https://testpgapi.easypay.co.kr/api/trades/revise" in debug
    assert "refund answer HTTP 200" in debug
    assert "'X-Caller-Token': '***'" in debug  # a header the spec does not know: masked
    assert "'User-Agent': 'kicc-easypay/" in debug  # one the client sets: shown
    for secret in (KICC["secret_key"], "caller-secret-token", "110987654321"):
        assert secret not in debug, secret  # the key, a caller's header, an account number
    info = _logged("INFO").stderr
    assert "POST /api/trades/revise -> 200" in info and "DEBUG" not in info
    assert _logged(None).stderr == ""
    unknown = _logged("verbose")
    assert "KICC_EASYPAY_LOG='verbose' is not one of ['debug', 'info']" in unknown.stderr
    assert "POST" not in unknown.stderr and unknown.stdout == "done\n"


# --- what a type checker sees ---------------------------------------------------------------

USER_SCRIPT = """\
from typing import Any

import httpx
from kicc_easypay import AsyncClient, Client, RawResponse, errors, models

CALL: dict[str, Any] = {"pg_cno": "P1", "revise_type_code": "60", "refund_info": {}}


def use(client: Client) -> models.RefundResponse:
    client = client.with_options(timeout=httpx.Timeout(5.0, connect=1.0))
    raw: RawResponse[models.RefundResponse] = client.refund_raw(
        **CALL, timeout=2.0, extra_query={"a": "b"}
    )
    request_id: str | None = raw.request_id
    print(request_id, raw.status_code, raw.headers.get("date"))
    try:
        return client.refund(
            pg_cno="P1",
            revise_type_code="60",
            refund_info={},
            timeout=httpx.Timeout(3.0),
            extra_headers={"X-Trace": "t"},
            extra_query={"lang": "ko"},
            extra_body={"memo": 1},
        )
    except errors.ApiError as exc:
        print(exc.request_id, exc.headers)
        return raw.parse()


async def use_async(client: AsyncClient) -> models.RefundResponse:
    raw = await client.refund_raw(**CALL, extra_body={"memo": "m"})
    return raw.parse()
"""
BAD_USES = {
    'client.refund(pg_cno="P1", revise_type_code="60", refund_info={}, extra_headers={"a": 1})': (
        'Dict entry 0 has incompatible type "str": "int"'
    ),
    'client.refund(pg_cno="P1", revise_type_code="60", refund_info={}, timeout="5")': (
        'No overload variant of "refund"'
    ),
    'number: int = client.refund_raw(pg_cno="P1", revise_type_code="60", refund_info={}).parse()': (
        'Incompatible types in assignment (expression has type "RefundResponse"'
    ),
    'client.refund_raw(revise_type_code="60", refund_info={})': "overload variant",
}


def test_mypy_strict_accepts_the_escape_hatches_and_catches_their_misuse(
    tmp_path: Path,
) -> None:
    bad = "\n".join(f"    {line}" for line in BAD_USES)
    errors_found, output = mypy_errors(
        tmp_path,
        USER_SCRIPT,
        f"from kicc_easypay import Client\n\n\ndef use(client: Client) -> None:\n{bad}\n",
    )
    assert not [e for e in errors_found if e.startswith("good.py")], output
    for number, expected in enumerate(BAD_USES.values(), start=5):
        found = [e for e in errors_found if e.startswith(f"bad.py:{number}:")]
        assert any(expected in e for e in found), (expected, found, output)
