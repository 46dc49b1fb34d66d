"""The shared fake provider's API-independent parts, tested where they live (the generated
packages' own tests and tests/test_faults.py drive it through whole clients)."""

from __future__ import annotations

import json
from typing import ClassVar

import httpx
from runtime_support import runtime_module

fake = runtime_module("_fake")


class Fault(fake.Fault):
    error_fields: ClassVar[tuple[str | None, str | None]] = ("resCd", "resMsg")
    error_messages: ClassVar[dict[str, tuple[int, str]]] = {"E1": (409, "duplicate")}


class Provider(fake.FakeProvider):
    api = fake.FakeApi(operations={}, samples={}, signatures={}, expected={})


def test_documented_errors_are_answered_the_way_the_spec_describes_them() -> None:
    documented = Fault.error("E1")
    assert isinstance(documented, Fault) and documented.kind == "merge"
    assert (documented.status, documented.body) == (409, {"resCd": "E1", "resMsg": "duplicate"})
    assert Fault.error("E9", "other").body == {"resCd": "E9", "resMsg": "other"}
    assert Fault.timeout(0.5) == Fault("timeout", delay=0.5)


def test_placeholders_echo_the_request() -> None:
    answer = {"id": "{TransactionId}", "nested": {"amount": "{amount}"}, "fixed": "{x"}
    assert fake._echo(answer, {"id": "T-1", "amount": 5}) == {
        "id": "T-1",
        "nested": {"amount": 5},
        "fixed": "{x",
    }


def test_an_undocumented_path_is_answered_404_and_recorded_nowhere() -> None:
    provider = Provider()
    client = httpx.Client(transport=provider.transport())
    answer = client.post("https://fake.example/nowhere", content=b"{}")
    assert answer.status_code == 404
    assert "no such operation" in json.loads(answer.content)["message"]
    assert provider.requests == []
