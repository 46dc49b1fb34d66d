"""``webhooks.py`` and its tests, for an API whose spec documents notifications."""

from __future__ import annotations

import json

from docbind.backends.env import render
from docbind.backends.package.client_view import export_order
from docbind.backends.package.testdata import TestData
from docbind.backends.pylit import Code
from docbind.ir.model import Api


def render_webhooks(api: Api) -> dict[str, str]:
    if not api.webhooks:
        return {}
    replies = {
        f"{hook.name}.{reply.name}": _compact(reply.body)
        for hook in api.webhooks
        for reply in hook.replies
    }
    exported = [
        "DOCUMENTED_SOURCES",
        "Deduplicator",
        "DeduplicatorFull",
        "Notification",
        "SourceAllowlist",
        "UnknownNotificationError",
        "parse_notification",
        *(f"REPLY_{reply.name.upper()}" for hook in api.webhooks for reply in hook.replies),
    ]
    kinds = tuple(
        (
            tuple((c.field, tuple(str(v) for v in c.values)) for c in hook.match),
            Code(f"models.{hook.model}"),
        )
        for hook in api.webhooks
    )
    data = TestData(api)
    cases = []
    for hook in api.webhooks:
        body = data.payload(hook.body)
        body.update({c.field: c.values[0] for c in hook.match})
        cases.append((hook.model, body, {r.name: r.body for r in hook.replies}))
    return {
        f"{api.package}/webhooks.py": render(
            "package/webhooks.py.j2",
            api=api,
            exported=export_order(exported),
            sources=tuple(sorted({s for hook in api.webhooks for s in hook.allowed_sources})),
            kinds=kinds,
            reply_bodies=replies,
        ),
        "tests/test_webhooks.py": render("package/tests/test_webhooks.py.j2", api=api, cases=cases),
    }


def _compact(body: object) -> bytes:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
