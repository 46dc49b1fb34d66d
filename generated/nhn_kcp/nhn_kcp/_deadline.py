"""A deadline for a whole blocking exchange, for the sync client.

httpx's timeouts bound each socket read, so a server that sends its status line and headers a
byte at a time keeps a sync call busy far past its timeout. The async client cancels the whole
attempt with ``asyncio.timeout``; threads cannot be cancelled, so the sync client runs the
exchange on a helper thread and stops waiting at the deadline. The connection the exchange opened
(seen through httpcore's ``trace`` extension) is then shut down, which wakes the helper; on a
reused keep-alive connection the helper runs on until httpx's own per-read timeout or the
server's end, and the caller has its answer either way.

Helper threads are daemons (a dripping server must not hold up the interpreter's exit) and are
kept for reuse, so a call costs a hand-over, not a thread start.
"""

from __future__ import annotations

import contextlib
import contextvars
import queue
import socket
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar, cast

import httpx

T = TypeVar("T")

# Idle helpers kept for the next call; more than this many at once exit when done.
_KEEP_IDLE = 8
_idle: list[_Helper] = []
_idle_lock = threading.Lock()


class Overran(Exception):
    """The exchange did not finish before the deadline (it may still be running)."""


class _Job(Generic[T]):
    def __init__(self, work: Callable[[], T]) -> None:
        self.context = contextvars.copy_context()
        self.work = work
        # A bare lock, held until the work is done: the caller's timed acquire is the wait
        # (an Event builds a Condition and a waiter lock each time: twice the hand-over).
        self.done = threading.Lock()
        self.done.acquire()
        self.result: T | None = None
        self.error: BaseException | None = None
        self.sockets: list[Any] = []
        self.lock = threading.Lock()
        self.abandoned = False

    def run(self) -> None:
        # Stays set if the work ends by something other than an Exception (a SystemExit).
        self.error = httpx.ReadError("the exchange stopped before an answer")
        try:
            self.result = self.context.run(self.work)
            self.error = None
        except Exception as exc:  # noqa: BLE001  # the waiting caller re-raises it
            self.error = exc

    def trace(self, event: str, info: dict[str, Any]) -> None:
        """httpcore's trace hook: remember the stream of a connection opened for this job."""
        if event in (
            "connection.connect_tcp.complete",
            "connection.start_tls.complete",
        ):
            stream = info.get("return_value")
            sock = stream.get_extra_info("socket") if stream is not None else None
            if sock is not None:
                with self.lock:
                    self.sockets.append(sock)
                    abandoned = self.abandoned
                if abandoned:
                    _shut(sock)

    def abandon(self) -> None:
        with self.lock:
            self.abandoned = True
            sockets = list(self.sockets)
        for sock in sockets:
            _shut(sock)


def _shut(sock: Any) -> None:
    # shutdown, not close: it wakes a read blocked in another thread; httpx closes it later.
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


class _Helper(threading.Thread):
    def __init__(self) -> None:
        super().__init__(name="deadline-helper", daemon=True)
        self.inbox: queue.SimpleQueue[_Job[Any]] = queue.SimpleQueue()

    def run(self) -> None:
        while True:
            job = self.inbox.get()
            finished = False
            try:
                job.run()
                finished = True
            finally:
                # Idle again before the caller hears back, so its next call reuses this thread.
                with _idle_lock:
                    keep = finished and len(_idle) < _KEEP_IDLE
                    if keep:
                        _idle.append(self)
                job.done.release()
            if not keep:
                return


def _helper() -> _Helper:
    with _idle_lock:
        if _idle:
            return _idle.pop()
    helper = _Helper()
    helper.start()
    return helper


def run_within(
    work: Callable[[Callable[[str, dict[str, Any]], None]], T], seconds: float
) -> T:
    """``work(trace)`` on a helper thread, or :class:`Overran` after ``seconds``.

    ``work`` passes ``trace`` to httpx as the request's ``trace`` extension, so the connection
    it opens can be shut down when the deadline passes.
    """
    job: _Job[T] = _Job(lambda: work(job.trace))
    _helper().inbox.put(job)
    if not job.done.acquire(timeout=min(max(seconds, 0.0), threading.TIMEOUT_MAX)):
        job.abandon()
        raise Overran
    if job.error is not None:
        raise job.error
    return cast(T, job.result)
