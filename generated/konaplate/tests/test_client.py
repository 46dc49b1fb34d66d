"""Generated tests: the KONA PLATE clients against the fake provider.

Every documented operation is called through ``Client`` and ``AsyncClient``; the fake checks the
request (documented rules, signatures) and can be scripted to fail. Counts of what reached the
fake prove that a request is repeated only where the spec says repeating is safe.
Regenerate with docbind; do not edit.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from konaplate import AsyncClient, Client, _http, errors, models
from konaplate.testing import FakeProvider, Fault

CREDENTIALS: dict[str, Any] = {
    "access_key": "test-access_key-xxxxxxxxxxxxxxxxxxxxxxxx",
    "secret_key": "test-secret_key-xxxxxxxx",
    "asp_id": "test-asp_id-xxx",
}
SECRET = str(CREDENTIALS.get("secret_key", ""))
# operation, request model, response model, payload, today(...) fields, idempotency key,
# retry safe, retry on, documented errors, success field, recovery rules, sensitive values
CASES: list[tuple[Any, ...]] = [
    (
        "get_refund_fee",
        "GetRefundFeeRequest",
        "GetRefundFeeResponse",
        {"oneTimeToken": "Zq9Zq9Zq9Zq9", "userId": "AAAAAAAA"},
        (),
        None,
        False,
        (),
        (
            ("000_002", "InvalidInputParameterError", 400),
            ("009_001", "BankAccountNullError", 400),
            ("009_002", "MonthlyRefundAmountLimitError", 400),
            ("009_003", "MonthlyRefundCountLimitError", 400),
            ("009_004", "RefundDeniedError", 400),
        ),
        None,
        (),
        ("Zq9Zq9Zq9Zq9",),
    ),
]
BY_NAME = {case[0]: case for case in CASES}
NAMES = sorted(BY_NAME)


@pytest.fixture(autouse=True)
def _no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_http, "BACKOFF_BASE", 0.0)


def _client(fake: FakeProvider, **options: Any) -> Client:
    transport = httpx.Client(transport=fake.transport())
    return Client(**CREDENTIALS, http_client=transport, **options)


def _call(client: Client, name: str, drop: tuple[str, ...] = (), **changes: Any) -> Any:
    case = BY_NAME[name]
    payload = {k: v for k, v in case[3].items() if k not in drop}
    request = getattr(models, case[1]).model_validate({**payload, **changes})
    return getattr(client, name)(request)


@pytest.mark.parametrize("name", NAMES)
def test_call_is_valid_signed_and_parsed(name: str) -> None:
    case = BY_NAME[name]
    fake = FakeProvider(secret_key=SECRET)
    with _client(fake) as client:
        result = _call(client, name)
    assert isinstance(result, getattr(models, case[2]))
    assert fake.rejections == [] and fake.count(name) == 1
    sent = fake.requests[-1].payload
    for wire, zone, fmt in case[4]:
        assert sent[wire] == dt.datetime.now(ZoneInfo(zone)).strftime(fmt)
    if case[5] is not None:
        assert sent.get(case[5]) or fake.requests[-1].headers.get(case[5].lower())


@pytest.mark.parametrize("name", NAMES)
def test_async_call_matches_sync(name: str) -> None:
    case = BY_NAME[name]
    fake = FakeProvider(secret_key=SECRET)

    async def run() -> Any:
        http = httpx.AsyncClient(transport=fake.transport())
        async with AsyncClient(**CREDENTIALS, http_client=http) as client:
            request = getattr(models, case[1]).model_validate(case[3])
            return await getattr(client, name)(request)

    assert isinstance(asyncio.run(run()), getattr(models, case[2]))
    assert fake.rejections == [] and fake.count(name) == 1


@pytest.mark.parametrize("name", NAMES)
def test_loopback_server(name: str) -> None:
    fake = FakeProvider(secret_key=SECRET)
    with fake.serve() as url, Client(**CREDENTIALS, base_url=url, timeout=5) as client:
        assert _call(client, name) is not None
    assert fake.rejections == [] and fake.count(name) == 1


@pytest.mark.parametrize(
    ("name", "code", "exception", "status"),
    [(c[0], *e) for c in CASES for e in c[8]],
)
def test_documented_error_raises_its_class(
    name: str, code: str, exception: str, status: int
) -> None:
    fake = FakeProvider(secret_key=SECRET)
    fake.script(name, Fault.error(code))
    with _client(fake) as client, pytest.raises(getattr(errors, exception)) as info:
        _call(client, name)
    assert info.value.code == code and info.value.http_status == status
    assert fake.count(name) == 1


@pytest.mark.parametrize("name", NAMES)
def test_undocumented_error_is_an_api_error(name: str) -> None:
    case = BY_NAME[name]
    fake = FakeProvider(secret_key=SECRET)
    fake.script(name, Fault.reply(400, **{case[9] or "code": "ZZ99"}))
    with _client(fake) as client, pytest.raises(errors.ApiError) as info:
        _call(client, name)
    assert info.value.http_status == 400 and fake.count(name) == 1


@pytest.mark.parametrize("fault", ["timeout", "reset", "server_error", "rate_limited"])
@pytest.mark.parametrize("name", NAMES)
def test_retries_only_where_safe_and_with_the_same_key(name: str, fault: str) -> None:
    case = BY_NAME[name]
    kind = {
        "timeout": "timeout",
        "reset": "connection",
        "server_error": "http_5xx",
        "rate_limited": "http_429",
    }[fault]
    fake = FakeProvider(secret_key=SECRET)
    fake.script(name, *[getattr(Fault, fault)() for _ in range(5)])
    with _client(fake, max_retries=2) as client, pytest.raises(errors.Error) as info:
        _call(client, name)
    expected = 3 if case[6] and kind in case[7] else 1
    assert fake.count(name) == expected == info.value.attempts
    if case[5] is not None:
        keys = {
            r.payload.get(case[5]) or r.headers.get(case[5].lower())
            for r in fake.requests
        }
        assert len(keys) == 1 and info.value.idempotency_key in keys


@pytest.mark.parametrize("name", NAMES)
def test_unreadable_answer_keeps_the_body(name: str) -> None:
    fake = FakeProvider(secret_key=SECRET)
    fake.script(name, Fault.malformed_json())
    with _client(fake) as client, pytest.raises(errors.ResponseDecodeError) as info:
        _call(client, name)
    assert info.value.body == b'{"not json' and fake.count(name) == 1


@pytest.mark.parametrize("name", NAMES)
def test_secrets_never_reach_logs_or_errors(
    name: str, caplog: pytest.LogCaptureFixture
) -> None:
    case = BY_NAME[name]
    fake = FakeProvider(secret_key=SECRET)
    fake.script(name, Fault.timeout(), Fault.error("ZZ99"))
    caplog.set_level(logging.DEBUG)
    texts = []
    with _client(fake, max_retries=0) as client:
        for _ in range(2):
            try:
                _call(client, name)
            except errors.Error as exc:
                texts.append(str(exc))
    texts.extend(record.getMessage() for record in caplog.records)
    secrets = [SECRET, *case[11]] if SECRET else list(case[11])
    assert texts and not [s for s in secrets for text in texts if s and s in text]
