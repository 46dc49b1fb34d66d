"""A fake provider for tests: the shared part; the package's ``testing`` binds it to its API.

Shared by every package docbind generates (copied as it is from docbind's ``runtime`` folder).
The fake checks every request the way the documents describe it (the request model's rules and
the signatures), answers with the documented sample responses, and can be scripted to fail.
"""

from __future__ import annotations

import copy
import hmac
import json
import re
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, ClassVar

import httpx
from pydantic import ValidationError

from . import _http, _token, _url
from ._checks import FILLED
from ._fake_server import _handler, _QuietServer
from ._fault import Fault

# The signer of a signature the fake checks: (secret key, credentials, payload, body, time,
# headers) → the expected value.
Expected = Callable[
    [str, Mapping[str, str], Mapping[str, Any], bytes, str | None, Mapping[str, str]],
    str,
]
# An RSA signature is checked, not recomputed (PSS is randomized): the same values and the
# signature as sent → whether the public key of the private key credential accepts it.
Verifier = Callable[
    [
        str,
        Mapping[str, str],
        Mapping[str, Any],
        bytes,
        str | None,
        Mapping[str, str],
        str,
    ],
    bool,
]
_PLACEHOLDER = re.compile(r"^\{[^{}]+\}$")

__all__ = ["FakeApi", "FakeProvider", "Fault", "Received", "credential"]


@dataclass(frozen=True)
class FakeApi:
    """What the fake knows of one API (the package's ``testing`` module builds it)."""

    operations: Mapping[str, _http.Operation[Any]]
    # documented answers; ``{Field}`` echoes the request
    samples: Mapping[str, dict[str, Any]]
    # operation → (where, name, signer, template) of every signature it carries
    signatures: Mapping[str, tuple[tuple[str, str, str, str], ...]]
    expected: Mapping[str, Expected]  # signer name → how the provider computes it
    auth: _http.Auth | None = None  # the documented authentication scheme
    token: _token.TokenAuth | None = None  # or the documented access-token flow
    verifiers: Mapping[str, Verifier] = field(default_factory=dict)  # RSA signers


def credential(known: Mapping[str, str], name: str) -> str:
    return known.get(name, "")  # not given: the signature will not match


@dataclass(frozen=True)
class Received:
    operation: str
    payload: dict[str, Any]
    headers: dict[str, str]


@dataclass
class FakeProvider:
    """The fake; credentials are what the client under test is configured with."""

    api: ClassVar[FakeApi]  # set by the package's ``testing.FakeProvider``
    secret_key: str | None = None
    requests: list[Received] = field(default_factory=list)
    # Credentials other than the secret key that signatures or authentication use.
    credentials: dict[str, str] = field(default_factory=dict)
    rejections: list[str] = field(default_factory=list)
    # Seconds an issued access token stays valid (APIs with a token flow).
    token_lifetime: float = 1800.0
    _scripts: dict[str, list[Fault]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _tokens: _token.TokenIssuer | None = None

    @property
    def tokens(self) -> _token.TokenIssuer:
        """The access tokens this fake issued (``expire_all()`` ends them)."""
        if self.api.token is None:
            raise ValueError("this API has no access-token flow")
        if self._tokens is None:
            self._tokens = _token.TokenIssuer(self.api.token, self.token_lifetime)
        return self._tokens

    def _script(self, operation: str, *faults: Fault) -> None:
        """Answer the next requests of ``operation`` with ``faults``, in order (``testing``
        offers it as ``script``, typed with the API's operation names)."""
        # A misspelt name would never be answered.
        if operation not in self.api.operations:
            raise ValueError(
                f"unknown operation {operation!r}; one of {sorted(self.api.operations)}"
            )
        self._scripts.setdefault(operation, []).extend(faults)

    def count(self, operation: str) -> int:
        return sum(1 for r in self.requests if r.operation == operation)

    # --- the provider's side of one exchange -----------------------------------------------

    def handle(
        self, method: str, path: str, headers: Mapping[str, str], body: bytes
    ) -> tuple[Fault | None, int, bytes]:
        """Record and check a request; returns (fault to act out, status, answer body).

        ``path`` is the request target as sent: percent-encoded, with its query string.
        """
        raw_path, _, query = path.partition("?")
        found = self._operation(method, raw_path)
        if found is None:
            return None, 404, b'{"message": "no such operation in the spec"}'
        name, params = found
        op = self.api.operations[name]
        try:
            payload = _http.decode_body(op, body)
        except ValueError:
            payload = None
        try:
            problem, payload = None, _url.with_params(op, payload, params, query)
        except ValueError as exc:
            problem = str(exc)
        if problem is None and op.encrypted and isinstance(payload, dict):
            problem, payload = self._decrypted(op, payload)
        plain = getattr(payload, "plain", payload)  # what the provider reads
        with self._lock:
            self.requests.append(
                Received(name, plain if isinstance(plain, dict) else {}, dict(headers))
            )
            queue = self._scripts.get(name) or []
            fault = queue.pop(0) if queue else None
        denied = None if problem else self._token_problem(name, op, payload, headers)
        if denied is not None:
            self.rejections.append(f"{name}: {denied}")
            return None, 401, json.dumps({"docbindFake": denied}).encode()
        problem = problem or self._check(name, op, payload, headers, body)
        if problem is not None:
            self.rejections.append(f"{name}: {problem}")
            return None, 400, json.dumps({"docbindFake": problem}).encode()
        return self._answer(name, plain, fault)

    def _decrypted(
        self, op: _http.Operation[Any], payload: dict[str, Any]
    ) -> tuple[str | None, dict[str, Any]]:
        """The provider decrypts [ENC] fields before anything else reads them; the values as
        sent stay beside them for the signatures (``_http.Sent``)."""
        try:
            plain = _http.crypto().unseal(op, payload, self._known())
        except ValueError as exc:
            return f"cannot decrypt: {exc}", payload
        return None, _http.Sent(payload, plain)

    def _operation(self, method: str, path: str) -> tuple[str, dict[str, str]] | None:
        """The operation a path is one of, and its path parameters (decoded): a literal path
        before one with placeholders, so ``/payments/status`` is not ``/payments/{id}``.
        """
        ranked = sorted(
            self.api.operations.items(),
            key=lambda item: _url.placeholder_count(item[1].path),
        )
        for name, op in ranked:
            if op.method != method:
                continue
            try:
                params = _url.match_path(op.path, path)
            except ValueError:
                params = {
                    "": ""
                }  # not text in the API's encoding: refused by the check
            if params is not None:
                return name, params
        return None

    def _check(
        self,
        name: str,
        op: _http.Operation[Any],
        payload: Any,
        headers: Mapping[str, str],
        body: bytes,
    ) -> str | None:
        if not isinstance(payload, dict):
            if op.body_format == "none":
                return "a body was sent, but this operation has none"
            return f"the body is not what {op.content_type} says"
        lowered = {k.lower(): v for k, v in headers.items()}
        has_body = op.body_format != "none"
        if has_body and lowered.get("content-type") != op.content_type:
            return f"Content-Type is not the documented {op.content_type}"
        try:
            plain = getattr(payload, "plain", payload)  # limits hold for the plain text
            op.request_model.model_validate(plain, context={FILLED: True})
        except ValidationError as exc:
            return f"request breaks the documented rules: {exc.error_count()} error(s)"
        for rule in op.headers:
            if rule.required and rule.name.lower() not in lowered:
                return f"missing header {rule.name}"
        problem = self._auth_problem(lowered)
        if problem is not None:
            return problem
        # A time inside the message only is the one the request carries as "now".
        now = [
            c.target
            for c in (*op.body_computed, *op.header_computed)
            if c.kind == "now"
        ]
        times = [payload.get(t) or lowered.get(t.lower()) for t in now]
        for where, target, signer, template in self.api.signatures.get(name, ()):
            sent = (
                payload.get(target) if where == "body" else lowered.get(target.lower())
            )
            values = (payload, body, httpx.Headers(headers))
            if not isinstance(sent, str) or not self._signature_ok(
                signer, template, sent, values, times
            ):
                return f"{target} is not the documented signature"
        return None

    def _known(self) -> dict[str, str]:  # every credential the fake was given
        secret = {} if self.secret_key is None else {"secret_key": self.secret_key}
        return {**secret, **self.credentials}

    def _auth_problem(self, lowered: Mapping[str, str]) -> str | None:
        if self.api.auth is None:
            return None
        try:
            wanted = _http.auth_headers(self.api.auth, self._known())
        except ValueError:
            return f"the fake was given no {self.api.auth.credential} to check with"
        for header, value in wanted.items():
            sent = lowered.get(header.lower(), "")
            if not hmac.compare_digest(sent.encode("utf-8"), value.encode("utf-8")):
                return f"{header} is not the documented authentication"
        return None

    def _token_problem(
        self,
        name: str,
        op: _http.Operation[Any],
        payload: Any,
        headers: Mapping[str, str],
    ) -> str | None:
        if self.api.token is None:
            return None
        return self.tokens.refusal(op, payload, headers, self._known())

    def _signature_ok(
        self, signer: str, template: str, sent: str, values: Any, times: list[Any]
    ) -> bool:
        parts = re.escape(template).replace(r"\{time\}", "(?P<time>.+?)")
        match = re.fullmatch(parts.replace(r"\{mac\}", "(?P<mac>.+)"), sent)
        if match is None:
            return False
        payload, body, headers = values
        times = [match.groupdict().get("time"), *times]
        verifier = self.api.verifiers.get(signer)
        if verifier is not None:
            known, mac = self._known(), match.group("mac")
            key = self.secret_key or ""
            return any(
                verifier(key, known, payload, body, t, headers, mac) for t in times
            )
        expected = [self._sign(signer, payload, body, t, headers) for t in times]
        return any(hmac.compare_digest(sent.encode(), e.encode()) for e in expected)

    def _sign(self, signer: str, *values: Any) -> str:
        """The signer as the provider computes it: (payload, body, time, headers)."""
        return self.api.expected[signer](self.secret_key or "", self._known(), *values)

    def _answer(
        self, name: str, payload: dict[str, Any], fault: Fault | None
    ) -> tuple[Fault | None, int, bytes]:
        answer = _echo(copy.deepcopy(self.api.samples.get(name, {})), payload)
        if self.api.token is not None and name == self.api.token.operation:
            self.tokens.issue(answer)
        op = self.api.operations[name]
        signed = op.response_signature
        if signed is not None and signed[1] == "body":  # the provider signs its answer
            answer[signed[2]] = self._sign(signed[0], answer, b"", None, {})
        charset = _http.charset_of(op, payload)

        def dump(data: Any) -> bytes:  # in the charset the request asked for
            if charset is None:
                return json.dumps(data).encode()
            return json.dumps(data, ensure_ascii=False).encode(charset)

        if fault is None:
            return None, 200, dump(answer)
        if fault.kind == "merge":
            return fault, fault.status, dump({**answer, **fault.body})
        if fault.kind == "reply":
            return fault, fault.status, dump(fault.body)
        if fault.kind == "raw":
            return fault, fault.status, bytes(fault.body)
        return fault, 200, dump(answer)

    # --- ways to plug the fake in ----------------------------------------------------------

    def transport(self) -> httpx.MockTransport:
        """An httpx transport (sync and async) that answers in-process."""

        def respond(request: httpx.Request) -> httpx.Response:
            fault, status, body = self.handle(
                request.method,
                request.url.raw_path.decode("ascii"),
                dict(request.headers),
                request.read(),
            )
            if fault is not None and fault.kind in ("timeout", "stalled_body"):
                raise httpx.ReadTimeout(
                    "fake provider: no answer in time", request=request
                )
            if fault is not None and fault.kind in ("reset", "truncated"):
                raise httpx.RemoteProtocolError(
                    "fake provider: connection closed", request=request
                )
            headers = dict(fault.headers) if fault is not None else {}
            return httpx.Response(
                status, content=body, headers=headers, request=request
            )

        return httpx.MockTransport(respond)

    @contextmanager
    def serve(self) -> Iterator[str]:
        """Run the fake on a loopback port; yields its base URL."""
        server = _QuietServer(("127.0.0.1", 0), _handler(self))
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}"
        finally:
            server.shutdown()
            server.server_close()


def _echo(answer: Any, payload: Mapping[str, Any]) -> Any:
    """Fill ``{Placeholder}`` strings with the request's value of the same field, if any."""
    if isinstance(answer, dict):
        return {
            key: (
                payload[key]
                if isinstance(value, str)
                and _PLACEHOLDER.match(value)
                and key in payload
                else _echo(value, payload)
            )
            for key, value in answer.items()
        }
    return answer
