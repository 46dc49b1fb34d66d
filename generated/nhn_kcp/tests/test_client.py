"""Generated tests: the NHN KCP clients against the fake provider.

Every documented operation is called through ``Client`` and ``AsyncClient``; the fake checks the
request (documented rules, signatures) and can be scripted to fail. Counts of what reached the
fake prove that a request is repeated only where the spec says repeating is safe.
Regenerate with docbind; do not edit.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from nhn_kcp import AsyncClient, Client, _http, errors, models
from nhn_kcp.client import OperationName
from nhn_kcp.testing import FakeProvider, Fault

CREDENTIALS: dict[str, Any] = {
    "site_cd": "test-site_cd-xxxxxxxxxxx",
    "kcp_cert_info": "test-kcp_cert_info-xxxxx",
    "private_key": "test-private_key-xxxxxxx",
    "key_password": "test-key_password-xxxxxx",
}


def _rsa_key(password: str | None) -> str:
    """A fresh RSA private key for these tests, as PEM (encrypted when a password is given)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cipher = (
        serialization.NoEncryption()
        if password is None
        else serialization.BestAvailableEncryption(password.encode("utf-8"))
    )
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, cipher
    ).decode("ascii")


CREDENTIALS["private_key"] = _rsa_key(CREDENTIALS["key_password"])
SECRET = str(CREDENTIALS.get("secret_key", ""))
# The spec names no default environment, so a client needs a base URL; the fake answers on any.
WHERE: dict[str, Any] = {"base_url": "https://fake-provider.invalid"}
# One case per operation, written by docbind next to this file: the models, a payload that obeys
# every documented rule, the today(...) fields, the idempotency key, the retry rule, the
# documented errors, the success field, the recovery rules and the sensitive values sent.
CASES: list[dict[str, Any]] = json.loads(
    Path(__file__).with_name("client_cases.json").read_text(encoding="utf-8")
)
BY_NAME = {case["operation"]: case for case in CASES}
NAMES = sorted(BY_NAME)


@pytest.fixture(autouse=True)
def _no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_http, "BACKOFF_BASE", 0.0)


def _client(fake: FakeProvider, **options: Any) -> Client:
    transport = httpx.Client(transport=fake.transport())
    return Client(**CREDENTIALS, **WHERE, http_client=transport, **options)


def _call(client: Client, name: str, drop: tuple[str, ...] = (), **changes: Any) -> Any:
    case = BY_NAME[name]
    payload = {k: v for k, v in case["payload"].items() if k not in drop}
    model = getattr(models, case["request_model"])
    request = model.model_validate({**payload, **changes})
    return getattr(client, name)(request)


@pytest.mark.parametrize("name", NAMES)
def test_call_is_valid_signed_and_parsed(name: OperationName) -> None:
    case = BY_NAME[name]
    fake = FakeProvider(secret_key=SECRET, credentials=CREDENTIALS)
    with _client(fake) as client:
        result = _call(client, name)
    assert isinstance(result, getattr(models, case["response_model"]))
    assert fake.rejections == [] and fake.count(name) == 1
    sent = fake.requests[-1].payload
    for wire, zone, fmt in case["today"]:
        assert sent[wire] == dt.datetime.now(ZoneInfo(zone)).strftime(fmt)
    key = case["idempotency_key"]
    if key is not None:
        assert sent.get(key) or fake.requests[-1].headers.get(key.lower())


@pytest.mark.parametrize("name", NAMES)
def test_async_call_matches_sync(name: OperationName) -> None:
    case = BY_NAME[name]
    fake = FakeProvider(secret_key=SECRET, credentials=CREDENTIALS)

    async def run() -> Any:
        http = httpx.AsyncClient(transport=fake.transport())
        async with AsyncClient(**CREDENTIALS, **WHERE, http_client=http) as client:
            model = getattr(models, case["request_model"])
            request = model.model_validate(case["payload"])
            return await getattr(client, name)(request)

    assert isinstance(asyncio.run(run()), getattr(models, case["response_model"]))
    assert fake.rejections == [] and fake.count(name) == 1


@pytest.mark.parametrize("name", NAMES)
def test_loopback_server(name: OperationName) -> None:
    fake = FakeProvider(secret_key=SECRET, credentials=CREDENTIALS)
    with fake.serve() as url, Client(**CREDENTIALS, base_url=url, timeout=5) as client:
        assert _call(client, name) is not None
    assert fake.rejections == [] and fake.count(name) == 1


@pytest.mark.parametrize("name", NAMES)
def test_undocumented_error_is_an_api_error(name: OperationName) -> None:
    case = BY_NAME[name]
    fake = FakeProvider(secret_key=SECRET, credentials=CREDENTIALS)
    fake.script(name, Fault.reply(400, **{case["success_field"] or "code": "ZZ99"}))
    with _client(fake) as client, pytest.raises(errors.ApiError) as info:
        _call(client, name)
    assert info.value.http_status == 400 and fake.count(name) == 1


@pytest.mark.parametrize("fault", ["timeout", "reset", "server_error", "rate_limited"])
@pytest.mark.parametrize("name", NAMES)
def test_retries_only_where_safe_and_with_the_same_key(
    name: OperationName, fault: str
) -> None:
    case = BY_NAME[name]
    kind = {
        "timeout": "timeout",
        "reset": "connection",
        "server_error": "http_5xx",
        "rate_limited": "http_429",
    }[fault]
    fake = FakeProvider(secret_key=SECRET, credentials=CREDENTIALS)
    fake.script(name, *[getattr(Fault, fault)() for _ in range(5)])
    with _client(fake, max_retries=2) as client, pytest.raises(errors.Error) as info:
        _call(client, name)
    expected = 3 if case["retry_safe"] and kind in case["retry_on"] else 1
    assert fake.count(name) == expected == info.value.attempts
    key = case["idempotency_key"]
    if key is not None:
        keys = {r.payload.get(key) or r.headers.get(key.lower()) for r in fake.requests}
        assert len(keys) == 1 and info.value.idempotency_key in keys


@pytest.mark.parametrize("name", NAMES)
def test_unreadable_answer_keeps_the_body(name: OperationName) -> None:
    fake = FakeProvider(secret_key=SECRET, credentials=CREDENTIALS)
    fake.script(name, Fault.malformed_json())
    with _client(fake) as client, pytest.raises(errors.ResponseDecodeError) as info:
        _call(client, name)
    assert info.value.body == b'{"not json' and fake.count(name) == 1
    assert info.value.maybe_sent  # an answer came: the provider has the request


@pytest.mark.parametrize("name", NAMES)
def test_an_answer_over_the_limit_is_refused_and_not_resent(
    name: OperationName,
) -> None:
    fake = FakeProvider(secret_key=SECRET, credentials=CREDENTIALS)
    fake.script(name, Fault.reply(padding="x" * 4096))
    with (
        _client(fake, max_response_bytes=1024) as client,
        pytest.raises(errors.ResponseTooLargeError) as info,
    ):
        _call(client, name)
    assert info.value.limit == 1024 and info.value.maybe_sent
    assert fake.count(name) == 1 == info.value.attempts


@pytest.mark.parametrize("name", NAMES)
def test_secrets_never_reach_logs_or_errors(
    name: OperationName, caplog: pytest.LogCaptureFixture
) -> None:
    case = BY_NAME[name]
    fake = FakeProvider(secret_key=SECRET, credentials=CREDENTIALS)
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
    secrets = [SECRET, *case["sensitive"]] if SECRET else list(case["sensitive"])
    assert texts and not [s for s in secrets for text in texts if s and s in text]
