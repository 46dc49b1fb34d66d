"""The fake provider as a real HTTP server on loopback, for tests that need sockets: it acts out
the scripted faults (silence, a reset, a stalled or truncated body) where a transport cannot
(written by docbind, the same in every generated package)."""

from __future__ import annotations

import socket
import struct
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._fake import FakeProvider


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        return  # a client that hangs up mid-answer is part of the scripted faults


def _handler(fake: FakeProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            self._exchange()

        do_GET = do_PUT = do_PATCH = do_DELETE = do_POST

        def _exchange(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            fault, status, answer = fake.handle(
                self.command, self.path, dict(self.headers), body
            )
            if fault is not None and fault.kind in ("timeout", "slow_headers"):
                time.sleep(fault.delay)
            if fault is not None and fault.kind == "reset":
                # Linger 0: the peer sees a reset, not an orderly close.
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )
                self.close_connection = True
                return
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            for name, value in fault.headers if fault is not None else ():
                self.send_header(name, value)
            promised = len(answer) + (
                100 if fault is not None and fault.kind == "truncated" else 0
            )
            self.send_header("Content-Length", str(promised))
            self.end_headers()
            try:
                if fault is not None and fault.kind == "stalled_body":
                    self.wfile.write(answer[: len(answer) // 2])
                    self.wfile.flush()
                    time.sleep(fault.delay)
                    answer = answer[len(answer) // 2 :]
                self.wfile.write(answer)
            except OSError:
                # the client gave up first (a scripted timeout): nothing to tell
                self.close_connection = True
            if fault is not None and fault.kind == "truncated":
                self.close_connection = True

        def log_message(self, format: str, *args: Any) -> None:
            return  # keep test output quiet

    return Handler
