"""Generated tests: the documented notifications and replies of the KICC EasyPay API.

Regenerate with docbind; do not edit.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from kicc_easypay import errors, models, webhooks

# (model, a body that matches the documented notification, documented replies)
CASES: list[tuple[str, dict[str, Any], dict[str, dict[str, Any]]]] = [
    (
        "RefundResultNotification",
        {"notiType": "50", "statusCode": "RF01"},
        {"accepted": {"resCd": "0000"}, "resend": {"resCd": "5001"}},
    ),
]


@pytest.mark.parametrize(("model", "body", "replies"), CASES)
def test_documented_notification_is_parsed(
    model: str, body: dict[str, Any], replies: dict[str, dict[str, Any]]
) -> None:
    extra = {**body, "undocumentedField": "kept"}
    for given in (extra, json.dumps(extra).encode("utf-8"), json.dumps(extra)):
        parsed = webhooks.parse_notification(given)
        assert type(parsed) is getattr(models, model)
        assert parsed.model_extra == {"undocumentedField": "kept"}
    for name, reply in replies.items():
        assert json.loads(getattr(webhooks, f"REPLY_{name.upper()}")) == reply


def test_other_bodies_are_refused() -> None:
    with pytest.raises(webhooks.UnknownNotificationError):
        webhooks.parse_notification({"undocumented": "kind"})
    with pytest.raises(errors.ResponseDecodeError):
        webhooks.parse_notification(b"not json")


def test_allowlist_and_deduplicator() -> None:
    assert not webhooks.SourceAllowlist([]).allows("203.0.113.7")
    allow = webhooks.SourceAllowlist(["203.0.113.0/24", "2001:db8::1"])
    assert allow.allows("203.0.113.7") and allow.allows("2001:db8::1")
    assert not allow.allows("198.51.100.1") and not allow.allows("not an address")
    seen = webhooks.Deduplicator(capacity=2)
    assert [seen.seen(k) for k in ("a", "a", "b")] == [False, True, False]
    with pytest.raises(webhooks.DeduplicatorFull):
        seen.seen("c")  # full: "a" is not forgotten to make room
    assert seen.seen("a")
