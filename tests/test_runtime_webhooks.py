"""The shared runtime's notification helpers, tested where they live."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ConfigDict
from runtime_support import runtime_module

hooks = runtime_module("_webhooks")
errors = runtime_module("_errors")


class Paid(BaseModel):
    model_config = ConfigDict(extra="allow")
    kind: str
    amount: int


KINDS = (((("kind", ("PAID",)),), Paid),)


def test_a_notification_is_read_by_its_kind_and_keeps_unknown_fields() -> None:
    parsed = hooks.parse_notification(b'{"kind": "PAID", "amount": "5", "extra": 1}', KINDS)
    assert isinstance(parsed, Paid) and parsed.amount == 5 and parsed.model_extra == {"extra": 1}


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (b'{"kind": "PAID", "kind": "REFUND", "amount": 1}', "ResponseDecodeError"),
        (b"[" * 100_000, "ResponseDecodeError"),
        (b'{"kind": "REFUND"}', "UnknownNotificationError"),
        (b'{"kind": "PAID"}', "UnknownNotificationError"),
        (b"[1]", "UnknownNotificationError"),
        (None, "UnknownNotificationError"),  # not bytes, str or a mapping: still a package error
        (123, "UnknownNotificationError"),
    ],
)
def test_bodies_that_are_no_documented_notification(body: object, error: str) -> None:
    with pytest.raises(errors.Error) as info:
        hooks.parse_notification(body, KINDS)
    assert type(info.value).__name__ == error


def test_source_allowlist() -> None:
    allow = hooks.SourceAllowlist(["203.0.113.0/24"])
    assert allow.allows("203.0.113.7") and allow.allows("::ffff:203.0.113.7")
    assert not allow.allows("198.51.100.1") and not allow.allows("not-an-ip")
    assert not allow.allows("::ffff:198.51.100.1")
    assert not hooks.SourceAllowlist([]).allows("203.0.113.7")
    for typo in ("203.0.113.5/0", "203.0.113.5/24", "not-an-ip"):
        with pytest.raises(ValueError, match="not an address or a network"):
            hooks.SourceAllowlist([typo])


def test_deduplicator_forgets_a_key_only_after_its_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """A replay is caught however many other keys came since (issue 18, Low): a full
    de-duplicator refuses a new key instead of forgetting an old one."""
    clock = [1000.0]
    monkeypatch.setattr(hooks.time, "monotonic", lambda: clock[0])
    seen = hooks.Deduplicator(capacity=2, window=60)
    assert not seen.seen(123) and seen.seen("123")  # compared as text
    assert not seen.seen("a")
    with pytest.raises(hooks.DeduplicatorFull):
        seen.seen("b")  # full within the window: 123 must not be forgotten
    assert seen.seen(123)  # the replay is still caught
    clock[0] += 61
    assert not seen.seen("b") and not seen.seen(123)  # the window passed: forgotten
    with pytest.raises(ValueError):
        hooks.Deduplicator(capacity=0)
    with pytest.raises(ValueError):
        hooks.Deduplicator(window=0)
