"""The sync client's whole-attempt deadline (``_deadline.py``, copied into every package)."""

from __future__ import annotations

import contextvars
import threading
import time
from types import SimpleNamespace
from typing import Any

import httpx
import loopback
import pytest
from konaplate import _body, _deadline

WHO = contextvars.ContextVar("WHO", default="nobody")


def test_the_result_and_the_callers_context_come_through() -> None:
    token = WHO.set("caller")
    try:
        seen = _deadline.run_within(lambda trace: (WHO.get(), threading.current_thread()), 5)
    finally:
        WHO.reset(token)
    assert seen[0] == "caller"
    assert seen[1] is not threading.current_thread() and seen[1].daemon


def test_an_exception_of_the_work_is_raised_to_the_caller() -> None:
    def work(trace: Any) -> None:
        raise ValueError("from the helper")

    with pytest.raises(ValueError, match="from the helper"):
        _deadline.run_within(work, 5)


def test_the_caller_stops_waiting_at_the_deadline() -> None:
    release = threading.Event()
    started = time.monotonic()
    with pytest.raises(_deadline.Overran):
        _deadline.run_within(lambda trace: release.wait(10), 0.2)
    assert time.monotonic() - started < 2
    release.set()


def test_helpers_are_reused_rather_than_started_per_call() -> None:
    _deadline.run_within(lambda trace: None, 5)
    time.sleep(0.05)  # the helper files itself as idle after handing over
    before = threading.active_count()
    names = {_deadline.run_within(lambda trace: threading.get_ident(), 5) for _ in range(20)}
    assert threading.active_count() == before
    assert len(names) <= 2


def test_a_connection_opened_for_an_overrun_exchange_is_shut_down() -> None:
    class Sock:
        shut = 0

        def shutdown(self, how: int) -> None:
            self.shut += 1

    class Stream:
        def __init__(self) -> None:
            self.sock = Sock()

        def get_extra_info(self, name: str) -> Any:
            return self.sock if name == "socket" else None

    stream = Stream()
    release = threading.Event()

    def work(trace: Any) -> None:
        trace("connection.connect_tcp.complete", {"return_value": stream})
        release.wait(10)

    with pytest.raises(_deadline.Overran):
        _deadline.run_within(work, 0.2)
    assert stream.sock.shut == 1
    release.set()


class _Recording(httpx.BaseTransport):
    """Any transport but a ``MockTransport`` may sit on a socket (a proxy, a wrapper)."""

    def __init__(self) -> None:
        self.threads: list[threading.Thread] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.threads.append(threading.current_thread())
        return httpx.Response(200, content=b"{}")


def test_only_a_mock_transport_is_exchanged_on_the_callers_thread() -> None:
    mocked: list[threading.Thread] = []

    def answer(request: httpx.Request) -> httpx.Response:
        mocked.append(threading.current_thread())
        return httpx.Response(200, content=b"{}")

    other = _Recording()
    mounts = {"http://network.invalid": other}
    with httpx.Client(transport=httpx.MockTransport(answer), mounts=mounts) as http:
        for url in ("http://mock.invalid/", "http://network.invalid/"):
            request = http.build_request("GET", url)
            response, body = _body.exchange_within(http, request, 1024, time.monotonic(), 5.0)
            assert (response.status_code, body) == (200, b"{}")
    assert mocked == [threading.current_thread()]
    assert len(other.threads) == 1 and other.threads[0] is not threading.current_thread()


class _Stream:
    def __init__(self) -> None:
        self.shut = 0
        self.sock = self

    def shutdown(self, how: int) -> None:
        self.shut += 1

    def get_extra_info(self, name: str) -> Any:
        return self.sock if name == "socket" else None


def _pool_serving(extensions: dict[str, Any], stream: _Stream | None) -> Any:
    """An httpcore pool as the watchdog reads it: one request, on a connection or queued."""
    connection = None if stream is None else SimpleNamespace(_network_stream=stream)
    waiting = SimpleNamespace(
        request=SimpleNamespace(extensions=extensions),
        connection=SimpleNamespace(_connection=connection),
    )
    other = SimpleNamespace(
        request=SimpleNamespace(extensions={}),
        connection=SimpleNamespace(_connection=SimpleNamespace(_network_stream=_Stream())),
    )
    return SimpleNamespace(_requests=[other, waiting])


def test_the_watchdog_shuts_the_socket_of_an_exchange_past_its_deadline() -> None:
    extensions: dict[str, Any] = {}
    stream = _Stream()
    pool = _pool_serving(extensions, stream)
    watched = _deadline.watch(time.monotonic() + 0.1, pool, extensions)
    time.sleep(0.5)
    assert watched.fired and stream.shut == 1
    assert pool._requests[0].connection._connection._network_stream.shut == 0  # not ours


def test_a_finished_exchange_is_left_alone() -> None:
    extensions: dict[str, Any] = {}
    stream = _Stream()
    watched = _deadline.watch(time.monotonic() + 0.1, _pool_serving(extensions, stream), extensions)
    watched.finish()
    time.sleep(0.3)
    assert not watched.fired and stream.shut == 0


def test_a_socket_opened_after_the_deadline_is_shut_once_it_exists() -> None:
    extensions: dict[str, Any] = {}
    pool = _pool_serving(extensions, None)  # still connecting at the deadline
    watched = _deadline.watch(time.monotonic() + 0.05, pool, extensions)
    time.sleep(0.2)
    assert watched.fired
    stream = _Stream()
    pool._requests[1].connection._connection = SimpleNamespace(_network_stream=stream)
    time.sleep(0.2)
    assert stream.shut == 1


def test_a_reused_connection_is_read_on_the_callers_thread_and_cut_at_the_deadline() -> None:
    threads: list[threading.Thread] = []

    def record(request: httpx.Request) -> None:
        threads.append(threading.current_thread())

    hooks = {"request": [record]}
    with (
        loopback.serve(loopback.answer_then_drip) as server,
        httpx.Client(event_hooks=hooks) as http,
    ):
        first = http.build_request("POST", server.url, content=b"{}")
        response, body = _body.exchange_within(http, first, 1024, time.monotonic(), 5.0)
        assert (response.status_code, body) == (200, b'{"resCd": "0000"}')
        second = http.build_request("POST", server.url, content=b"{}")
        started = time.monotonic()
        with pytest.raises(httpx.ReadTimeout):
            _body.exchange_within(http, second, 1024, started, 0.4)
        elapsed = time.monotonic() - started
    assert server.received == 2
    assert elapsed < 2, f"{elapsed:.1f} s for a 0.4 s deadline"
    # A new connection is opened on a helper (a host name may take any time to resolve);
    # the idle one is reused on the caller's own thread, with no hand-over.
    assert threads[0] is not threading.current_thread()
    assert threads[1] is threading.current_thread()
