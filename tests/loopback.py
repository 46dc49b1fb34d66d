"""A loopback HTTP server that misbehaves on purpose, for the fault tests.

Each connection is handed to a ``Behaviour``: a function that gets the socket (the request has
been read whole already) and the server, and answers however it likes, or not at all. The server
counts the requests that reached it with their whole body: what a provider would have processed.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Behaviour = Callable[[socket.socket, "Server"], None]


class Server:
    def __init__(self, behaviour: Behaviour) -> None:
        self.behaviour = behaviour
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.1)
        self.port = self.listener.getsockname()[1]
        self.received = 0  # requests read whole (headers and Content-Length body)
        self.sent_bytes = 0
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop_listening(self) -> None:
        """Later connections are refused, as when a provider's host goes away."""
        self.listener.close()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:  # the listener was closed
                return
            thread = threading.Thread(target=self._handle, args=(conn,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _handle(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            try:
                if read_request(conn):
                    self.received += 1
                    self.behaviour(conn, self)
            except OSError:
                pass  # the client went away: what these faults provoke

    def wait(self, seconds: float) -> None:
        """Sleep up to ``seconds``, ending early when the test is over."""
        self._stop.wait(seconds)

    def close(self) -> None:
        self._stop.set()
        self.listener.close()
        for thread in self._threads:
            thread.join(5)


def read_request(conn: socket.socket) -> bool:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return False
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            return False
        body += chunk
    return True


@contextmanager
def serve(behaviour: Behaviour) -> Iterator[Server]:
    server = Server(behaviour)
    thread = threading.Thread(target=server._accept, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.close()
        thread.join(5)


# --- behaviours -----------------------------------------------------------------------------


def silent_then_gone(conn: socket.socket, server: Server) -> None:
    """Reads the whole request, stops listening, and never answers."""
    server.stop_listening()
    server.wait(3)


def reset_then_gone(conn: socket.socket, server: Server) -> None:
    """Reads the whole request, stops listening, and resets the connection."""
    server.stop_listening()
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def gzip_bomb(inflated: int) -> Behaviour:
    """A small gzip body that inflates to ``inflated`` bytes of zeros."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = bytes(1 << 20)
    parts = [compressor.compress(block) for _ in range(inflated >> 20)]
    body = b"".join(parts) + compressor.flush()

    def behaviour(conn: socket.socket, server: Server) -> None:
        head = (
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        )
        conn.sendall(head.encode() + body)
        server.sent_bytes += len(body)

    return behaviour


def endless(chunked: bool) -> Behaviour:
    """A 200 answer whose body never ends (chunked), or claims 100 MB and streams it."""

    def behaviour(conn: socket.socket, server: Server) -> None:
        framing = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {100 << 20}"
        conn.sendall(
            f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{framing}\r\n\r\n".encode()
        )
        piece = b'{"pad": "' + b"x" * 65000 + b'"}'
        frame = f"{len(piece):x}\r\n".encode() + piece + b"\r\n" if chunked else piece
        deadline = time.monotonic() + 30
        while not server.stopping and time.monotonic() < deadline:
            conn.sendall(frame)
            server.sent_bytes += len(piece)

    return behaviour


def drip(headers_too: bool, interval: float = 0.05) -> Behaviour:
    """A valid-looking answer sent one byte every ``interval`` seconds (the body only, or the
    status line and headers too): each read succeeds, the answer never ends in time."""

    def behaviour(conn: socket.socket, server: Server) -> None:
        body = b'{"resCd": "0000", "pad": "' + b"x" * 2000 + b'"}'
        head = (
            f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            f"X-Pad: {'y' * 2000}\r\nContent-Length: {len(body)}\r\n\r\n"
        ).encode()
        if not headers_too:
            conn.sendall(head)
        for byte in head + body if headers_too else body:
            if server.stopping:
                return
            conn.sendall(bytes([byte]))
            server.wait(interval)

    return behaviour


def answer_then_drip(conn: socket.socket, server: Server) -> None:
    """A whole answer on a keep-alive connection, then, for the next request on the same
    connection, an answer dripped from its status line on."""
    body = b'{"resCd": "0000"}'
    head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n"
    conn.sendall(head.encode() + b"\r\n" + body)
    if read_request(conn):
        server.received += 1
        drip(headers_too=True)(conn, server)
