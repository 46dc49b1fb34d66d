"""Build the IR of webhooks: notifications the provider sends, and the documented replies."""

from __future__ import annotations

import ipaddress
from typing import Any, cast

from docbind.frontend.build_fields import FieldBuilder, notes_of
from docbind.frontend.build_media import check_received
from docbind.frontend.load import Document, JsonPath
from docbind.ir.diagnostics import Collector
from docbind.ir.model import Source, Webhook, WebhookReply
from docbind.ir.names import pascal


def build_webhooks(
    doc: Document, diag: Collector, fields: FieldBuilder, data: dict[str, Any]
) -> tuple[Webhook, ...]:
    result = []
    for name, spec in data.items():
        path: JsonPath = ("webhooks", name)
        body = fields.fields(spec["body"], (*path, "body"))
        check_received(doc, diag, body, (*path, "body"))
        by_wire = {f.wire_name: f for f in body}
        match = fields.conditions(spec["match"])
        for cond in match:
            target = by_wire.get(cond.field)
            if target is None:
                diag.error(
                    doc.key_loc((*path, "match", cond.field)),
                    f"webhook {name}: match names '{cond.field}', which is not a body field",
                )
            else:
                fields.check_condition_values(cond, target, (*path, "match", cond.field))
        replies = tuple(
            WebhookReply(str(r["name"]), str(r.get("doc", "")), r["body"])
            for r in spec.get("replies") or []
        )
        _check_sources(doc, diag, spec.get("allowed_sources") or (), (*path, "allowed_sources"))
        result.append(
            Webhook(
                name=name,
                doc=str(spec.get("doc", "")),
                source=cast(Source, spec.get("source", "document")),
                method=str(spec.get("method", "POST")),
                model=str(spec.get("model") or f"{pascal(name) or 'Webhook'}Notification"),
                match=match,
                body=body,
                replies=replies,
                allowed_sources=tuple(str(a) for a in spec.get("allowed_sources") or ()),
                notes=notes_of(doc, spec, path),
                loc=doc.key_loc(path),
            )
        )
    _check_overlap(doc, diag, result)
    return tuple(result)


def _check_sources(doc: Document, diag: Collector, sources: Any, path: JsonPath) -> None:
    """Each allowed source is an address or a network, without host bits (a typo such as
    ``203.0.113.5/0`` would allow every sender)."""
    for index, source in enumerate(sources):
        try:
            ipaddress.ip_network(str(source), strict=True)
        except ValueError as exc:
            diag.error(doc.loc((*path, index)), f"allowed source {source!r}: {exc}")


def _check_overlap(doc: Document, diag: Collector, hooks: list[Webhook]) -> None:
    """Two webhooks whose ``match`` can hold for one body: parse_notification would always pick
    the first, so the second could never be told apart."""
    for later_index, later in enumerate(hooks):
        for earlier in hooks[:later_index]:
            mine = {c.field: {str(v) for v in c.values} for c in later.match}
            theirs = {c.field: {str(v) for v in c.values} for c in earlier.match}
            if mine.keys() == theirs.keys() and all(mine[k] & theirs[k] for k in mine):
                diag.error(
                    later.loc,
                    f"webhook {later.name} matches the same notifications as webhook "
                    f"{earlier.name}; give them a match that tells them apart",
                )
