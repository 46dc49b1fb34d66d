"""The access-token flow never misleads the caller of a refund (review findings, PortOne V1):
a failed token request means the call was not sent; the token stays out of errors and reprs;
the call's timeout bounds the token request and the wait for it; one token serves a client and
its ``with_options`` variants, and an ``AsyncClient`` across event loops."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable

import httpx
import portone_v1
import pytest
from portone_v1 import errors

SECRET_TOKEN = "SECRET-TOKEN-0123456789"
CANCEL = {"imp_uid": "imp_1", "reason": "x"}
Handler = Callable[[httpx.Request], httpx.Response]


def _token_answer(now: object = None) -> httpx.Response:
    clock = int(time.time())
    body = {"access_token": SECRET_TOKEN, "now": clock if now is None else now}
    body["expired_at"] = clock + 1800
    return httpx.Response(200, json={"code": 0, "message": None, "response": body})


def _cancel_answer() -> httpx.Response:
    return httpx.Response(200, json={"code": 0, "message": None, "response": None})


class Provider:
    def __init__(self, token: Handler) -> None:
        self.token, self.paths = token, []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.paths.append(request.url.path)
        if request.url.path == "/users/getToken":
            return self.token(request)
        return _cancel_answer()


def _client(provider: Provider, **options: object) -> portone_v1.Client:
    http = httpx.Client(transport=httpx.MockTransport(provider))
    return portone_v1.Client(imp_key="k", imp_secret="s", http_client=http, **options)


def _timeout(request: httpx.Request) -> httpx.Response:
    raise httpx.ReadTimeout("slow token", request=request)


def _refused(request: httpx.Request) -> httpx.Response:
    return httpx.Response(401, json={"code": -1, "message": "bad key", "response": None})


@pytest.mark.parametrize("token", [_timeout, _refused], ids=["timeout", "401"])
def test_a_failed_token_request_means_the_call_was_not_sent(token: Handler) -> None:
    provider = Provider(token)
    with pytest.raises(errors.Error) as caught:
        _client(provider, max_retries=0).cancel(**CANCEL)
    assert caught.value.maybe_sent is False
    assert "/payments/cancel" not in provider.paths


def test_an_unreadable_token_answer_keeps_the_token_out_of_the_error() -> None:
    provider = Provider(lambda request: _token_answer(now="not a number"))
    with pytest.raises(errors.AccessTokenError) as caught:
        _client(provider).cancel(**CANCEL)
    error = caught.value
    assert error.maybe_sent is False and getattr(error, "body", b"") == b""
    assert SECRET_TOKEN not in str(error) and SECRET_TOKEN not in repr(error)


def test_a_raw_answer_does_not_show_its_body_in_its_repr() -> None:
    raw = _client(Provider(lambda request: _token_answer())).get_token_raw()
    assert SECRET_TOKEN.encode() in raw.content and SECRET_TOKEN not in repr(raw)


def test_the_calls_timeout_bounds_the_token_request_and_the_wait_for_it() -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        time.sleep(1.5)  # a MockTransport handler runs on the caller's thread: not cut off
        raise httpx.ReadTimeout("gave up", request=request)

    client = _client(Provider(slow), max_retries=0)
    times: list[float] = []

    def call() -> None:
        started = time.monotonic()
        try:
            client.cancel(**CANCEL, timeout=0.3)
        except errors.APITimeoutError as exc:
            assert exc.maybe_sent is False
            times.append(time.monotonic() - started)

    threads = [threading.Thread(target=call) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    # One caller fetches (1.5 s); the others give up after their own 0.3 s, instead of
    # fetching one after another (1.5, 3, 4.5, 6 s).
    assert len(times) == 4 and max(sorted(times)[:3]) < 1.0, times


def test_with_options_variants_share_one_token() -> None:
    provider = Provider(lambda request: _token_answer())
    client = _client(provider)
    for _ in range(3):
        client.with_options(timeout=5).cancel(**CANCEL)
    assert provider.paths.count("/users/getToken") == 1
    assert provider.paths.count("/payments/cancel") == 3


def test_an_async_client_serves_one_event_loop_after_another() -> None:
    fetched = []

    async def provider(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/users/getToken":
            fetched.append(1)
            await asyncio.sleep(0.05)  # the other tasks wait on the lock meanwhile
            return _token_answer()
        return _cancel_answer()

    http = httpx.AsyncClient(transport=httpx.MockTransport(provider))
    client = portone_v1.AsyncClient(imp_key="k", imp_secret="s", http_client=http)

    async def burst() -> None:
        await asyncio.gather(*(client.cancel(**CANCEL) for _ in range(3)))

    asyncio.run(burst())
    client._tokens.forget(SECRET_TOKEN)  # the second loop has to fetch again, under its lock
    asyncio.run(burst())
    assert len(fetched) == 2
