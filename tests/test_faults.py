"""The generated KICC and KONA PLATE clients under faults, over real sockets (issue 8).

Each case scripts the loopback fake provider (``<package>.testing.FakeProvider.serve()``) and
counts the requests that reached it: a request is repeated only where the spec says repeating is
safe (KICC refund: yes, on timeout, connection, 5xx and 429; KONA PLATE get_refund_fee: never),
every attempt carries the same idempotency key, every failure ends in a typed error that says
what the caller needs to reconcile (key, attempts, last status), and neither the secret key nor a
sensitive value reaches a log line or an exception. The matrix is printed (``pytest -s``).
"""

from __future__ import annotations

import asyncio
import logging
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import kicc_easypay
import kicc_easypay.testing
import konaplate
import konaplate.testing
import loopback
import pytest

SECRET = "fault-matrix-secret-key"
ACCOUNT = "110987654321"
DEPOSITOR = "홍길동"
TOKEN = "tok0123456789abc"
TIMEOUT = 0.4  # client timeout in seconds; the scripted silences are longer
MAX_RETRIES = 2


@dataclass(frozen=True)
class Api:
    name: str
    package: ModuleType
    testing: ModuleType
    operation: str
    credentials: dict[str, str]
    call: dict[str, Any]
    key_field: str | None  # the idempotency key's wire name
    retry_safe: bool
    sensitive: tuple[str, ...]


KICC = Api(
    "KICC",
    kicc_easypay,
    kicc_easypay.testing,
    "refund",
    {"secret_key": SECRET, "mall_id": "T5102001"},
    {
        "pg_cno": "20240131000001",
        "revise_type_code": "60",
        "refund_info": {
            "refundBankCode": "003",
            "refundAccountNo": ACCOUNT,
            "refundDepositName": DEPOSITOR,
        },
    },
    "shopTransactionId",
    True,
    (SECRET, ACCOUNT, DEPOSITOR),
)
KONA = Api(
    "KONA",
    konaplate,
    konaplate.testing,
    "get_refund_fee",
    {"access_key": "A" * 40, "secret_key": SECRET, "asp_id": "ASP0001"},
    {"one_time_token": TOKEN},
    None,
    False,
    (SECRET, TOKEN),
)


@dataclass(frozen=True)
class Case:
    name: str
    fault: str  # a Fault factory, called with ``args`` for every attempt
    args: tuple[float, ...]
    retryable: bool  # listed in the KICC refund's retry.on
    error: str | None  # the error class a caller gets; None: the call succeeds


CASES = [
    Case("connection reset", "reset", (), True, "APIConnectionError"),
    Case("slow headers, in time", "slow_headers", (0.1,), False, None),
    Case("slow headers, too slow", "timeout", (1.0,), True, "APITimeoutError"),
    Case("read timeout mid-body", "stalled_body", (1.0,), True, "APITimeoutError"),
    Case("truncated body", "truncated", (), True, "APIConnectionError"),
    Case("invalid JSON", "malformed_json", (), False, "ResponseDecodeError"),
    Case("HTTP 503", "server_error", (503,), True, "InternalServerError"),
    Case("HTTP 429, Retry-After: 0.2", "rate_limited", (0.2,), True, "RateLimitError"),
]
MATRIX: list[tuple[str, str, int, str, str]] = []


@pytest.fixture(scope="module", autouse=True)
def _print_matrix() -> Iterator[None]:
    yield
    if MATRIX:
        rows = [
            ("client", "fault", "reached server", "outcome", "attempts/key/status"),
            *[(a, c, str(n), o, d) for a, c, n, o, d in MATRIX],
        ]
        widths = [max(len(r[i]) for r in rows) for i in range(5)]
        print("\n\nFault matrix (requests that reached the loopback server)")
        for row in rows:
            print("  " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))


@pytest.fixture(autouse=True)
def _fast_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    for api in (KICC, KONA):
        monkeypatch.setattr(api.package._http, "BACKOFF_BASE", 0.0)


def _expected_requests(api: Api, case: Case) -> int:
    if case.error is None or case.name == "invalid JSON":
        return 1
    return MAX_RETRIES + 1 if api.retry_safe and case.retryable else 1


def _texts(exc: BaseException | None, caplog: pytest.LogCaptureFixture) -> list[str]:
    texts = [record.getMessage() for record in caplog.records]
    if exc is not None:
        texts += [str(exc), repr(exc), *map(str, exc.args)]
    return texts


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
@pytest.mark.parametrize("api", [KICC, KONA], ids=["kicc", "kona"])
def test_fault(api: Api, case: Case, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    fake = api.testing.FakeProvider(secret_key=SECRET)
    factory = getattr(api.testing.Fault, case.fault)
    fake.script(api.operation, *[factory(*case.args) for _ in range(MAX_RETRIES + 2)])
    error: BaseException | None = None
    started = time.monotonic()
    with (
        fake.serve() as url,
        api.package.Client(
            **api.credentials, base_url=url, timeout=TIMEOUT, max_retries=MAX_RETRIES
        ) as client,
    ):
        try:
            getattr(client, api.operation)(**api.call)
        except api.package.errors.Error as exc:
            error = exc
    elapsed = time.monotonic() - started
    reached = fake.count(api.operation)
    assert reached == _expected_requests(api, case), f"{reached} requests reached the server"
    assert fake.rejections == []
    keys = {r.payload.get(api.key_field) for r in fake.requests} if api.key_field else set()
    assert len(keys) <= 1, f"retries changed the idempotency key: {keys}"
    if case.error is None:
        assert error is None, error
        MATRIX.append((api.name, case.name, reached, "success", "-"))
        return
    assert type(error).__name__ == case.error, repr(error)
    assert isinstance(error, api.package.errors.Error)
    assert error.attempts == reached
    if api.key_field:
        assert error.idempotency_key in keys and error.idempotency_key
        assert error.idempotency_key in str(error) or case.error != "APITimeoutError"
    if "HTTP" in case.name:
        assert error.http_status == int(case.name.split()[1].rstrip(","))
    if "Retry-After" in case.name and reached > 1:
        assert elapsed >= 0.2 * (reached - 1), "Retry-After was not honoured"
    leaked = [s for s in api.sensitive for text in _texts(error, caplog) if s in text]
    assert not leaked, f"sensitive values in logs or the error: {leaked}"
    MATRIX.append(
        (
            api.name,
            case.name,
            reached,
            case.error,
            f"{error.attempts}/{'key' if error.idempotency_key else '-'}/{error.http_status}",
        )
    )


def test_vtim_is_recovered_by_one_query_with_the_same_key(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    fake = kicc_easypay.testing.FakeProvider(secret_key=SECRET)
    fake.script("refund", kicc_easypay.testing.Fault.reply(resCd="VTIM", resMsg="timeout"))
    with (
        fake.serve() as url,
        kicc_easypay.Client(**KICC.credentials, base_url=url, timeout=TIMEOUT) as client,
    ):
        result = client.refund(**{**KICC.call, "revise_type_code": "63"})
    first, second = (r.payload for r in fake.requests)
    assert fake.count("refund") == 2 and fake.rejections == []
    assert "refundQueryFlag" not in first and second["refundQueryFlag"] == "Y"
    assert first["shopTransactionId"] == second["shopTransactionId"] == result.shop_transaction_id
    assert not [s for s in KICC.sensitive for text in _texts(None, caplog) if s in text]
    MATRIX.append(("KICC", "VTIM (real-time refund)", 2, "recovered by query", "-"))


def test_vtim_twice_ends_in_a_typed_error() -> None:
    fake = kicc_easypay.testing.FakeProvider(secret_key=SECRET)
    vtim = kicc_easypay.testing.Fault.reply(resCd="VTIM", resMsg="timeout")
    fake.script("refund", vtim, vtim, vtim)
    with (
        fake.serve() as url,
        kicc_easypay.Client(**KICC.credentials, base_url=url, timeout=TIMEOUT) as client,
        pytest.raises(kicc_easypay.errors.ApiError) as info,
    ):
        client.refund(**{**KICC.call, "revise_type_code": "63"})
    assert fake.count("refund") == 2  # the rule allows one query, never a second refund
    assert info.value.code == "VTIM" and info.value.attempts == 2
    assert info.value.idempotency_key and info.value.http_status == 200
    MATRIX.append(
        (
            "KICC",
            "VTIM, then VTIM again",
            2,
            "ApiError VTIM",
            f"{info.value.attempts}/key/{info.value.http_status}",
        )
    )


# --- issue 18, High: misbehaving servers beyond the fake's scripted faults ----------------------
# Each runs against tests/loopback.py: a raw socket server that reads the request whole (so the
# provider "received" it) and then misbehaves. MATRIX rows show what reached it and maybe_sent.


def _call_raw(api: Api, url: str, **options: Any) -> BaseException | None:
    with api.package.Client(
        **api.credentials, base_url=url, timeout=TIMEOUT, max_retries=MAX_RETRIES, **options
    ) as client:
        try:
            getattr(client, api.operation)(**api.call)
        except api.package.errors.Error as exc:
            return exc
    return None


@pytest.mark.parametrize(
    ("name", "behaviour", "final"),
    [
        (
            "request read, then silence and no listener",
            loopback.silent_then_gone,
            "APIConnectionError",
        ),
        (
            "request read, then reset and no listener",
            loopback.reset_then_gone,
            "APIConnectionError",
        ),
    ],
)
@pytest.mark.parametrize("api", [KICC, KONA], ids=["kicc", "kona"])
def test_maybe_sent_stays_true_once_the_server_read_the_request(
    api: Api, name: str, behaviour: loopback.Behaviour, final: str
) -> None:
    with loopback.serve(behaviour) as server:
        error = _call_raw(api, server.url)
    assert isinstance(error, api.package.errors.APIConnectionError), repr(error)
    assert server.received == 1
    # The first attempt reached the provider; whatever later attempts saw (refused
    # connections), the caller must be told to look the transaction up, not to re-send.
    assert error.maybe_sent is True
    if api.key_field:
        assert error.idempotency_key and error.idempotency_key in str(error)
        assert error.attempts == MAX_RETRIES + 1  # retry-safe: it tried, and could not connect
    else:
        assert error.attempts == 1  # not retry-safe: never tried again
    MATRIX.append(
        (api.name, name, server.received, type(error).__name__, f"maybe_sent={error.maybe_sent}")
    )


BIG = [
    ("gzip bomb: 256 KiB inflating to 256 MiB", loopback.gzip_bomb(256 << 20)),
    ("endless chunked stream", loopback.endless(chunked=True)),
    ("Content-Length: 100 MB", loopback.endless(chunked=False)),
]


@pytest.mark.parametrize(("name", "behaviour"), BIG, ids=[b[0] for b in BIG])
@pytest.mark.parametrize("api", [KICC, KONA], ids=["kicc", "kona"])
def test_response_body_is_bounded(api: Api, name: str, behaviour: loopback.Behaviour) -> None:
    limit = 1 << 20
    tracemalloc.start()
    started = time.monotonic()
    try:
        with loopback.serve(behaviour) as server:
            error = _call_raw(api, server.url, max_response_bytes=limit)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    elapsed = time.monotonic() - started
    errors = api.package.errors
    assert isinstance(error, errors.ResponseTooLargeError), repr(error)
    assert isinstance(error, errors.ResponseDecodeError)  # callers catching the parent see it
    assert error.limit == limit and error.maybe_sent is True and error.attempts == 1
    assert server.received == 1  # an answer came: never re-sent
    assert peak < 24 * limit, f"reading used {peak >> 20} MiB for a {limit >> 20} MiB limit"
    assert elapsed < 10
    MATRIX.append(
        (
            api.name,
            name,
            server.received,
            "ResponseTooLargeError",
            f"maybe_sent={error.maybe_sent}, peak {peak >> 20} MiB",
        )
    )


def test_async_client_bounds_the_body_too() -> None:
    async def call(url: str) -> BaseException | None:
        async with kicc_easypay.AsyncClient(
            **KICC.credentials, base_url=url, timeout=TIMEOUT, max_response_bytes=1 << 20
        ) as client:
            try:
                await client.refund(**KICC.call)
            except kicc_easypay.errors.Error as exc:
                return exc
        return None

    with loopback.serve(loopback.gzip_bomb(64 << 20)) as server:
        error = asyncio.run(call(server.url))
    assert isinstance(error, kicc_easypay.errors.ResponseTooLargeError), repr(error)
    assert error.maybe_sent and server.received == 1


def test_a_small_gzip_answer_is_read() -> None:
    answer = zlib.compress(b'{"resCd": "E999", "resMsg": "declined"}', wbits=31)  # gzip

    def gzipped(conn: Any, server: loopback.Server) -> None:
        conn.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: "
            b"gzip\r\nContent-Length: "
            + str(len(answer)).encode()
            + b"\r\nConnection: close\r\n\r\n"
            + answer
        )

    with loopback.serve(gzipped) as server:
        error = _call_raw(KICC, server.url)
    # Decoded and read by the success rule: the provider's error, not a decoding failure.
    assert isinstance(error, kicc_easypay.errors.ApiError), repr(error)
    assert error.code == "E999" and error.message == "declined" and error.maybe_sent


@pytest.mark.parametrize("headers_too", [False, True], ids=["body", "headers"])
def test_async_timeout_bounds_the_whole_attempt(headers_too: bool) -> None:
    async def call(url: str) -> BaseException | None:
        async with konaplate.AsyncClient(
            **KONA.credentials, base_url=url, timeout=TIMEOUT
        ) as client:
            try:
                await client.get_refund_fee(**KONA.call)
            except konaplate.errors.Error as exc:
                return exc
        return None

    started = time.monotonic()
    with loopback.serve(loopback.drip(headers_too)) as server:
        error = asyncio.run(call(server.url))
    elapsed = time.monotonic() - started
    assert isinstance(error, konaplate.errors.APITimeoutError), repr(error)
    assert error.maybe_sent and server.received == 1
    assert elapsed < 4 * TIMEOUT, f"{elapsed:.1f} s for a {TIMEOUT} s timeout"
    MATRIX.append(
        (
            "KONA async",
            f"answer dripped ({'headers' if headers_too else 'body'})",
            server.received,
            "APITimeoutError",
            f"{elapsed:.1f} s",
        )
    )


@pytest.mark.parametrize("headers_too", [False, True], ids=["body", "headers"])
def test_sync_timeout_bounds_the_whole_attempt(headers_too: bool) -> None:
    started = time.monotonic()
    with loopback.serve(loopback.drip(headers_too)) as server:
        error = _call_raw(KONA, server.url)
    elapsed = time.monotonic() - started
    assert isinstance(error, konaplate.errors.APITimeoutError), repr(error)
    assert error.maybe_sent and server.received == 1
    assert elapsed < 4 * TIMEOUT, f"{elapsed:.1f} s for a {TIMEOUT} s timeout"
