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

An exchange that reuses an idle keep-alive connection of httpx's own pool needs no helper: it
runs on the caller's thread while one long-lived watchdog thread holds its deadline, and past it
shuts the connection's socket (found through the pool), which wakes the caller's read. That
costs a lock and a heap entry, not a hand-over between threads (about 45 us a call). A new
connection still goes to a helper: resolving a host name blocks where no socket can be shut.
"""

from __future__ import annotations

import contextlib
import contextvars
import heapq
import itertools
import queue
import socket
import threading
import time
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


# --- watching an exchange on the caller's thread --------------------------------------------

_RETRY = 0.005  # seconds before looking again for a socket the pool has not opened yet
_COMPACT = 1024  # finished watches are dropped from the heap once it holds this many


class Watch:
    """An exchange running on the caller's thread until ``deadline`` (``time.monotonic()``);
    ``pool`` is the httpcore pool it goes through, ``extensions`` its request's extensions
    (httpx hands the same dict to httpcore, which is how its connection is found)."""

    def __init__(self, deadline: float, pool: Any, extensions: dict[str, Any]) -> None:
        self.deadline = deadline
        self.pool = pool
        self.extensions = extensions
        self.lock = threading.Lock()
        self.done = False
        self.fired = False  # the deadline passed before the exchange was done

    def finish(self) -> None:
        """The exchange is over (call before its connection goes back to the pool): its
        socket is no longer this watch's to shut."""
        with self.lock:
            self.done = True

    def fire(self) -> bool:
        """Shut the exchange's socket; False when it has none yet (look again shortly)."""
        with self.lock:
            if self.done:
                return True
            self.fired = True
            sock = _socket_of(self.pool, self.extensions)
            if sock is None:
                return False
            _shut(sock)
            return True


def _socket_of(pool: Any, extensions: dict[str, Any]) -> Any:
    """The socket of the connection serving the request with these ``extensions``, if any."""
    for waiting in list(getattr(pool, "_requests", ())):
        request = getattr(waiting, "request", None)
        if getattr(request, "extensions", None) is not extensions:
            continue
        connection = getattr(getattr(waiting, "connection", None), "_connection", None)
        stream = getattr(connection, "_network_stream", None)
        return None if stream is None else stream.get_extra_info("socket")
    return None


class _Watchdog(threading.Thread):
    """One daemon thread for every watch: a heap by deadline, woken only when a watch due
    earlier than all the others arrives."""

    def __init__(self) -> None:
        super().__init__(name="deadline-watchdog", daemon=True)
        self.cond = threading.Condition(threading.Lock())
        self.heap: list[tuple[float, int, Watch]] = []
        self.order = itertools.count()
        self.compact_at = _COMPACT

    def add(self, watch: Watch, when: float) -> None:
        with self.cond:
            heapq.heappush(self.heap, (when, next(self.order), watch))
            if len(self.heap) >= self.compact_at:  # most are done: drop those
                self.heap = [entry for entry in self.heap if not entry[2].done]
                heapq.heapify(self.heap)
                self.compact_at = max(_COMPACT, 2 * len(self.heap))
            if self.heap[0][2] is watch:
                self.cond.notify()

    def _due(self) -> list[Watch]:
        with self.cond:
            while True:
                now = time.monotonic()
                due: list[Watch] = []
                while self.heap and (self.heap[0][2].done or self.heap[0][0] <= now):
                    watch = heapq.heappop(self.heap)[2]
                    if not watch.done:
                        due.append(watch)
                if due:
                    return due
                self.cond.wait(self.heap[0][0] - now if self.heap else None)

    def run(self) -> None:
        while True:
            for watch in self._due():
                if not watch.fire():
                    self.add(watch, time.monotonic() + _RETRY)


_watchdog: _Watchdog | None = None
_watchdog_lock = threading.Lock()


def watch(deadline: float, pool: Any, extensions: dict[str, Any]) -> Watch:
    """Watch an exchange the caller runs itself: past ``deadline`` its socket is shut."""
    global _watchdog
    if _watchdog is None:
        with _watchdog_lock:
            if _watchdog is None:
                started = _Watchdog()
                started.start()
                _watchdog = started
    found = Watch(deadline, pool, extensions)
    _watchdog.add(found, deadline)
    return found
