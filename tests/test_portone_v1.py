"""The generated PortOne V1 client: the access-token flow, then the cancel (issue 14).

Everything expected is computed here from the documents' rules, independently of docbind: the
token request with `json`, the Bearer header by hand, the token's lifetime from `time`.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import portone_v1  # installed from generated/ by the Makefile, as a user would
import pytest
import yaml
from portone_v1 import _token, client, errors
from portone_v1.testing import FakeProvider

SPEC = Path(__file__).resolve().parents[1] / "spec" / "portone_v1"
BASE = "https://api.iamport.kr"
# The documents' own example credentials and token (rest-api-access-token).
KEY = "imp_apikey"
SECRET = "ekKoeW8RyKuT0zgaZsUtXXTLQ4AhPFW3ZGseDA6bkA5lamv9OqDMnxyeB9wqOsuO9W3Mx9YSJ4dTqJ3f"
TOKEN = "a9ace025c90c0da2161075da6ddd3492a2fca776"


def _sample(operation: str, name: str) -> dict[str, Any]:
    spec = yaml.safe_load((SPEC / f"{operation}.yaml").read_text(encoding="utf-8"))
    (sample,) = [s for s in spec["samples"] if s["name"] == name]
    payload: dict[str, Any] = sample["payload"]
    return payload


class Provider:
    """An independent stand-in: issues ``token-<n>`` tokens valid for ``lifetime`` seconds,
    records every request, and answers a cancel with the documented sample."""

    def __init__(self, lifetime: int = 1800, delay: float = 0.0, skew: int = 0) -> None:
        self.lifetime, self.delay, self.skew = lifetime, delay, skew
        self.requests: list[httpx.Request] = []
        self.issued = 0
        self.cancel_status = 200
        self._lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        with self._lock:
            self.requests.append(request)
        if request.url.path == "/users/getToken":
            time.sleep(self.delay)  # slow enough for every concurrent caller to be waiting
            with self._lock:
                self.issued += 1
                token = f"token-{self.issued}"
            now = int(time.time()) + self.skew  # the provider's clock
            answer = {"access_token": token, "now": now, "expired_at": now + self.lifetime}
            return httpx.Response(200, json={"code": 0, "message": None, "response": answer})
        return httpx.Response(self.cancel_status, json=_sample("cancel", "document_response"))

    def paths(self) -> list[str]:
        return [r.url.path for r in self.requests]


def _client(provider: Provider) -> portone_v1.Client:
    http = httpx.Client(transport=httpx.MockTransport(provider))
    return portone_v1.Client(imp_key=KEY, imp_secret=SECRET, http_client=http, max_retries=0)


def _async_client(provider: Provider) -> portone_v1.AsyncClient:
    http = httpx.AsyncClient(transport=httpx.MockTransport(provider))
    return portone_v1.AsyncClient(imp_key=KEY, imp_secret=SECRET, http_client=http, max_retries=0)


CANCEL = {
    "imp_uid": "imp_448280090638",
    "amount": 1000,
    "checksum": "1500.5",
    "reason": "customer request",
}


def _check_exchange(provider: Provider) -> None:
    token_request, cancel_request = provider.requests
    assert token_request.method == "POST"
    assert str(token_request.url) == f"{BASE}/users/getToken"
    assert token_request.headers["Content-Type"].startswith("application/json")
    assert "Authorization" not in token_request.headers
    assert json.loads(token_request.content) == {"imp_key": KEY, "imp_secret": SECRET}
    assert cancel_request.method == "POST"
    assert str(cancel_request.url) == f"{BASE}/payments/cancel"
    assert cancel_request.headers["Authorization"] == "Bearer token-1"
    assert json.loads(cancel_request.content) == {
        "imp_uid": "imp_448280090638",
        "amount": 1000,
        "checksum": 1500.5,
        "reason": "customer request",
    }


def _check_answer(answer: Any) -> None:
    documented = _sample("cancel", "document_response")["response"]
    assert answer.code == 0
    assert answer.response.imp_uid == documented["imp_uid"]
    assert answer.response.status == "ready"
    assert answer.response.cancel_history[0].receipt_url == "string"
    assert answer.response.cancel_receipt_urls == ["string"]


def test_token_then_cancel_is_sent_exactly() -> None:
    provider = Provider()
    answer = _client(provider).cancel(**CANCEL)
    _check_exchange(provider)
    _check_answer(answer)


def test_async_token_then_cancel_is_sent_exactly() -> None:
    provider = Provider()
    answer = asyncio.run(_async_client(provider).cancel(**CANCEL))
    _check_exchange(provider)
    _check_answer(answer)


def test_document_token_answer_is_parsed() -> None:
    answer = _sample("get_token", "document_response")
    parsed = portone_v1.models.GetTokenResponse.model_validate(answer)
    assert parsed.response is not None
    assert parsed.response.expired_at - parsed.response.now == 1800
    assert TOKEN not in repr(parsed)  # the token is sensitive


def test_token_is_reused_until_it_expires_then_fetched_once() -> None:
    provider = Provider()
    api = _client(provider)
    api.cancel(**CANCEL)
    api.cancel(**CANCEL)
    assert provider.paths().count("/users/getToken") == 1
    # 1800 s later by the cache's clock: past expiry less the 60 s margin.
    api._tokens.clock = lambda: time.monotonic() + 1800
    api.cancel(**CANCEL)
    api.cancel(**CANCEL)
    assert provider.paths().count("/users/getToken") == 2
    assert provider.requests[-1].headers["Authorization"] == "Bearer token-2"


def test_refresh_margin_is_measured_on_the_provider_clock() -> None:
    # The provider's clock is hours behind ours: its own "now" measures the 300 s lifetime,
    # and the token is refreshed 60 s before it ends.
    provider = Provider(lifetime=300, skew=-10_000)
    api = _client(provider)
    start = time.monotonic()
    api._tokens.clock = lambda: start
    api.cancel(**CANCEL)
    api._tokens.clock = lambda: start + 239
    api.cancel(**CANCEL)
    assert provider.paths().count("/users/getToken") == 1
    api._tokens.clock = lambda: start + 241
    api.cancel(**CANCEL)
    assert provider.paths().count("/users/getToken") == 2


def test_concurrent_threads_fetch_one_token() -> None:
    provider = Provider(delay=0.2)
    api = _client(provider)
    barrier = threading.Barrier(8)
    failures: list[BaseException] = []

    def call() -> None:
        barrier.wait()
        try:
            api.cancel(**CANCEL)
        except BaseException as exc:  # noqa: BLE001  # reported below, not lost in the thread
            failures.append(exc)

    threads = [threading.Thread(target=call) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert provider.paths().count("/users/getToken") == 1
    assert provider.paths().count("/payments/cancel") == 8
    assert {r.headers.get("Authorization") for r in provider.requests[1:]} == {"Bearer token-1"}


def test_concurrent_tasks_fetch_one_token() -> None:
    provider = Provider(delay=0.2)

    async def main() -> None:
        api = _async_client(provider)
        await asyncio.gather(*(api.cancel(**CANCEL) for _ in range(8)))

    asyncio.run(main())
    assert provider.paths().count("/users/getToken") == 1
    assert provider.paths().count("/payments/cancel") == 8


def _answering(status: int, body: dict[str, Any]) -> portone_v1.Client:
    def respond(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/users/getToken", "nothing else may be sent"
        return httpx.Response(status, json=body)

    http = httpx.Client(transport=httpx.MockTransport(respond))
    return portone_v1.Client(imp_key=KEY, imp_secret=SECRET, http_client=http, max_retries=0)


def test_token_endpoint_refusal_raises_a_typed_error() -> None:
    body = {"code": -1, "message": "unknown imp_key", "response": None}
    with pytest.raises(errors.AuthenticationError) as info:
        _answering(401, body).cancel(**CANCEL)
    assert info.value.code == "-1" and info.value.http_status == 401
    with pytest.raises(errors.ApiError) as other:  # HTTP 200, but not code 0
        _answering(200, {**body, "code": 1}).cancel(**CANCEL)
    assert other.value.code == "1"


def test_token_answer_without_expiry_raises_access_token_error() -> None:
    past = {"access_token": "t", "now": 1000, "expired_at": 1000}
    with pytest.raises(errors.AccessTokenError) as info:
        _answering(200, {"code": 0, "message": None, "response": past}).cancel(**CANCEL)
    assert info.value.body == b"" and "t" not in str(info.value).split()


def test_401_on_a_cancel_forgets_the_token_and_never_resends_the_cancel() -> None:
    provider = Provider()
    api = _client(provider)
    provider.cancel_status = 401
    with pytest.raises(errors.AuthenticationError):
        api.cancel(**CANCEL)
    assert provider.paths() == ["/users/getToken", "/payments/cancel"]
    provider.cancel_status = 200
    api.cancel(**CANCEL)  # a new token for the next call
    assert provider.paths().count("/users/getToken") == 2
    assert provider.requests[-1].headers["Authorization"] == "Bearer token-2"


def test_401_is_resent_once_with_a_new_token_only_where_a_repeat_is_safe() -> None:
    safe = dataclasses.replace(client.OPERATIONS["cancel"], retry_safe=True)
    cache = _token.TokenCache(client.TOKEN, client.OPERATIONS["get_token"])
    provider = Provider()
    api = _client(provider)
    sent: list[str] = []

    def send(prepared: Any) -> Any:
        sent.append(prepared.headers["Authorization"])
        return dataclasses.replace(raw, status_code=401 if len(sent) == 1 else 200)

    raw = api._fetch_token()
    prepared = portone_v1._http.prepare(safe, BASE, dict(CANCEL), {}, {}, {})
    answer = cache.send(safe, prepared, api._fetch_token, send)
    assert answer.status_code == 200
    assert sent == ["Bearer token-2", "Bearer token-3"]  # token-1 went to ``raw``


def test_a_recovery_resend_keeps_the_token() -> None:
    op = client.OPERATIONS["cancel"]
    prepared = portone_v1._http.prepare(op, BASE, dict(CANCEL), {}, {}, {})
    carrying = _token.with_token(prepared, client.TOKEN, "t-1")
    assert carrying.rebuild is not None
    resent = carrying.rebuild({"reason": "again"})
    assert resent.headers["Authorization"] == "Bearer t-1"
    assert json.loads(resent.body)["reason"] == "again"


def test_no_secret_in_reprs_logs_or_errors(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    provider = Provider()
    api = _client(provider)
    api.cancel(**CANCEL)
    provider.cancel_status = 401
    with pytest.raises(errors.AuthenticationError) as info:
        api.cancel(**CANCEL)
    shown = [caplog.text, repr(api), repr(api._tokens), str(info.value), repr(info.value)]
    for secret in (SECRET, "token-1"):
        assert all(secret not in text for text in shown), secret
    request = portone_v1.models.GetTokenRequest(imp_key=KEY, imp_secret=SECRET)
    assert SECRET not in repr(request)


def test_fake_provider_issues_tokens_and_refuses_calls_without_one() -> None:
    fake = FakeProvider(credentials={"imp_key": KEY, "imp_secret": SECRET})
    http = httpx.Client(transport=fake.transport())
    api = portone_v1.Client(imp_key=KEY, imp_secret=SECRET, http_client=http)
    assert api.cancel(**CANCEL).response is not None
    assert fake.count("get_token") == 1 and fake.rejections == []
    fake.tokens.expire_all()
    with pytest.raises(errors.AuthenticationError):  # the cached token has expired
        api.cancel(**CANCEL)
    assert fake.rejections[-1] == "cancel: Authorization carries an expired token"
    api.cancel(**CANCEL)
    assert fake.count("get_token") == 2
    wrong = portone_v1.Client(imp_key=KEY, imp_secret="wrong", http_client=http)
    with pytest.raises(errors.AuthenticationError):
        wrong.cancel(**CANCEL)
    assert fake.rejections[-1].startswith("get_token: imp_secret is not the credential")


def test_openapi_declares_the_bearer_scheme_and_an_open_token_operation() -> None:
    from docbind.backends.openapi import openapi_document
    from docbind.cli.common import checked_apis

    apis = checked_apis([SPEC])
    assert apis is not None
    document = openapi_document(apis[0])
    assert document["components"]["securitySchemes"]["auth"]["scheme"] == "bearer"
    assert document["security"] == [{"auth": []}]
    assert document["paths"]["/users/getToken"]["post"]["security"] == []
    assert "security" not in document["paths"]["/payments/cancel"]["post"]


@pytest.mark.parametrize("name", ["Authorization", "authorization"])
def test_an_extra_header_cannot_replace_or_skip_the_access_token(name: str) -> None:
    provider = Provider()
    with _client(provider) as api, pytest.raises(errors.RequestValidationError) as caught:
        api.cancel(**CANCEL, extra_headers={name: "Bearer mine"})
    assert f"extra_headers.{name}" in str(caught.value)
    assert provider.requests == []  # neither the token call nor the cancel went out
    with _client(provider) as api:
        api.cancel(**CANCEL, extra_headers={"X-Trace": "t-1"})
    assert provider.paths()[0] == "/users/getToken"
    assert provider.requests[-1].headers["X-Trace"] == "t-1"
    assert provider.requests[-1].headers["Authorization"] == "Bearer token-1"
