"""Compare two IRs (as the plain JSON of `docbind inspect --json`) into a list of changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docbind.diff.fields import FieldDiff
from docbind.diff.model import Bump, Change, Json, Report, Severity, Where


def compare(old: Json, new: Json, old_label: str = "old", new_label: str = "new") -> Report:
    changes: list[Change] = []
    _Compare(old, new, changes.append).run()
    order = {"breaking": 0, "warning": 1, "compatible": 2}
    ranked = sorted(enumerate(changes), key=lambda ic: (order[ic[1].severity], ic[0]))
    return Report(
        old_label,
        new_label,
        str(old.get("version", "")),
        str(new.get("version", "")),
        tuple(c for _, c in ranked),
    )


def _by(items: list[Json], key: str) -> dict[str, Json]:
    return {str(item[key]): item for item in items}


class _Compare:
    def __init__(self, old: Json, new: Json, emit: Any) -> None:
        self.old, self.new, self.emit = old, new, emit
        old_tables, new_tables = _by(old["codes"], "name"), _by(new["codes"], "name")
        self.old_codes = lambda name: _codes(old_tables, name)
        self.new_codes = lambda name: _codes(new_tables, name)

    def change(
        self,
        severity: Severity,
        bump: Bump,
        kind: str,
        path: str,
        message: str,
        old: Any = None,
        new: Any = None,
        where: Where = "api",
    ) -> None:
        self.emit(Change(severity, bump, where, kind, path, message, old, new))

    def fields(self, where: Where) -> FieldDiff:
        return FieldDiff(where, self.emit, self.old_codes, self.new_codes)

    def run(self) -> None:
        o, n = self.old, self.new
        checks: tuple[tuple[str, Severity, Bump], ...] = (
            ("package", "breaking", "major"),
            ("encoding", "warning", "minor"),
        )
        for key, severity, bump in checks:
            if o[key] != n[key]:
                self.change(
                    severity,
                    bump,
                    f"{key}_changed",
                    key,
                    f"{key}: {o[key]} → {n[key]}",
                    o[key],
                    n[key],
                )
        self.fields("request").fields(o["headers"], n["headers"], "headers")
        self.keyed("environment", o["environments"], n["environments"], "url")
        self.keyed("credential", o["credentials"], n["credentials"], "secret")
        self.recipes("signers", "signer", _recipe)
        self.auth()
        self.recipes("encryption", "encryption")
        self.errors()
        self.code_tables()
        self.webhooks()
        olds, news = _by(o["operations"], "name"), _by(n["operations"], "name")
        for name in olds.keys() - news.keys():
            self.change(
                "breaking",
                "major",
                "operation_removed",
                name,
                f"operation {name} removed: client.{name}() is gone",
            )
        for name in sorted(news.keys() - olds.keys(), key=list(news).index):
            self.change(
                "compatible",
                "minor",
                "operation_added",
                name,
                f"operation {name} added: client.{name}()",
            )
        for name, op in news.items():
            if name in olds:
                self.operation(olds[name], op)

    def keyed(self, what: str, old: list[Json], new: list[Json], detail: str) -> None:
        before, after = _by(old, "name"), _by(new, "name")
        for name in before.keys() - after.keys():
            self.change(
                "breaking", "major", f"{what}_removed", f"{what}s.{name}", f"{what} {name} removed"
            )
        for name in sorted(after.keys() - before.keys(), key=list(after).index):
            severity: Severity = "warning" if what == "credential" else "compatible"
            self.change(
                severity, "minor", f"{what}_added", f"{what}s.{name}", f"{what} {name} added"
            )
        for name in after.keys() & before.keys():
            if before[name][detail] != after[name][detail]:
                self.change(
                    "warning",
                    "minor",
                    f"{what}_changed",
                    f"{what}s.{name}",
                    f"{what} {name}: {detail} {before[name][detail]} → {after[name][detail]}",
                    before[name][detail],
                    after[name][detail],
                )

    def recipes(
        self, key: str, what: str, normal: Callable[[Json | None], Any] = lambda r: r
    ) -> None:
        """Recipes by name (signers, encryption): a changed one is a warning and a minor bump,
        the wire value changes while the caller's code does not (a spec.json from before a
        key reads as none)."""
        before, after = _by(self.old.get(key, []), "name"), _by(self.new.get(key, []), "name")
        for name in sorted(before.keys() | after.keys()):
            a, b = normal(before.get(name)), normal(after.get(name))
            if a != b:
                self.change(
                    "warning",
                    "minor",
                    f"{what}_changed",
                    f"{key}.{name}",
                    f"{what} {name}: recipe changed; check it against the provider",
                    a,
                    b,
                )

    def auth(self) -> None:
        """How requests authenticate: what the wire carries changes, the caller's code not."""
        old_auth, new_auth = self.old.get("auth"), self.new.get("auth")
        if old_auth != new_auth:
            kinds = [a["type"] if a else "none" for a in (old_auth, new_auth)]
            self.change(
                "warning",
                "minor",
                "auth_changed",
                "auth",
                f"auth: {kinds[0]} → {kinds[1]}; check it against the provider",
                old_auth,
                new_auth,
            )

    def errors(self) -> None:
        before = _by(self.old["errors"]["entries"], "code")
        after = _by(self.new["errors"]["entries"], "code")
        for code in before.keys() - after.keys():
            self.change(
                "breaking",
                "major",
                "error_removed",
                f"errors.{code}",
                f"error {code} removed: exception {before[code]['exception']} is gone",
            )
        for code in sorted(after.keys() - before.keys(), key=list(after).index):
            self.change(
                "compatible",
                "minor",
                "error_added",
                f"errors.{code}",
                f"error {code} added ({after[code]['exception']})",
            )
        for code in after.keys() & before.keys():
            a, b = before[code], after[code]
            if a["exception"] != b["exception"]:
                self.change(
                    "breaking",
                    "major",
                    "exception_renamed",
                    f"errors.{code}",
                    f"error {code}: exception {a['exception']} → {b['exception']}",
                )
            elif (a["http_status"], a["message"]) != (b["http_status"], b["message"]):
                self.change(
                    "compatible",
                    "patch",
                    "error_changed",
                    f"errors.{code}",
                    f"error {code}: status or message changed",
                )
        for key in ("code_field", "message_field"):
            a, b = self.old["errors"][key], self.new["errors"][key]
            if a != b:
                self.change(
                    "warning",
                    "minor",
                    f"errors_{key}_changed",
                    f"errors.{key}",
                    f"errors.{key}: {a} → {b}",
                    a,
                    b,
                )

    def webhooks(self) -> None:
        """Notifications are read like responses: their fields are diffed in that direction."""
        before = _by(self.old.get("webhooks", []), "name")
        after = _by(self.new.get("webhooks", []), "name")
        for name in before.keys() - after.keys():
            self.change(
                "breaking",
                "major",
                "webhook_removed",
                f"webhooks.{name}",
                f"webhook {name} removed: its model is gone",
            )
        for name in sorted(after.keys() - before.keys(), key=list(after).index):
            self.change(
                "compatible",
                "minor",
                "webhook_added",
                f"webhooks.{name}",
                f"webhook {name} added ({after[name]['model']})",
            )
        for name in after.keys() & before.keys():
            a, b = before[name], after[name]
            for key in ("match", "replies", "allowed_sources"):
                if a[key] != b[key]:
                    self.change(
                        "warning",
                        "minor",
                        f"webhook_{key}_changed",
                        f"webhooks.{name}.{key}",
                        f"webhook {name}: {key} changed",
                    )
            self.fields("response").fields(a["body"], b["body"], f"webhooks.{name}.body")

    def code_tables(self) -> None:
        before, after = _by(self.old["codes"], "name"), _by(self.new["codes"], "name")
        for name in before.keys() - after.keys():
            self.change(
                "breaking",
                "major",
                "code_table_removed",
                f"codes.{name}",
                f"code table {name} removed: enum {name} is gone",
            )
        for name in sorted(after.keys() - before.keys(), key=list(after).index):
            self.change(
                "compatible",
                "minor",
                "code_table_added",
                f"codes.{name}",
                f"code table {name} added",
            )
        for name in after.keys() & before.keys():
            a = {v["code"]: v for v in before[name]["values"]}
            b = {v["code"]: v for v in after[name]["values"]}
            for code in a.keys() & b.keys():
                if a[code]["member"] != b[code]["member"]:
                    self.change(
                        "breaking",
                        "major",
                        "code_member_renamed",
                        f"codes.{name}",
                        f"{name}.{a[code]['member']} renamed to {b[code]['member']}",
                    )
                elif (a[code]["label"], a[code]["doc"]) != (b[code]["label"], b[code]["doc"]):
                    self.change(
                        "compatible",
                        "patch",
                        "code_doc_changed",
                        f"codes.{name}",
                        f"{name} {code!r}: label or description changed",
                    )

    def operation(self, old: Json, new: Json) -> None:
        name = new["name"]
        old = {**old, "success": _success(old["success"])}
        for key in ("method", "path", "content_type", "idempotency_key", "success"):
            if old[key] != new[key]:
                self.change(
                    "warning",
                    "minor",
                    f"{key}_changed",
                    f"{name}.{key}",
                    f"{name}: {key} {_plain(old[key])} → {_plain(new[key])}",
                    old[key],
                    new[key],
                )
        if old["timeout"] != new["timeout"]:
            self.change(
                "compatible",
                "patch",
                "timeout_changed",
                f"{name}.timeout",
                f"{name}: timeout {old['timeout']}s → {new['timeout']}s",
                old["timeout"],
                new["timeout"],
            )
        if old["retry"]["safe"] != new["retry"]["safe"] or old["recovery"] != new["recovery"]:
            self.change(
                "warning",
                "minor",
                "retry_changed",
                f"{name}.retry",
                f"{name}: retry or recovery rules changed",
            )
        for part in ("request", "response"):
            where: Where = "request" if part == "request" else "response"
            if old[part]["model"] != new[part]["model"]:
                self.change(
                    "breaking",
                    "major",
                    "model_renamed",
                    f"{name}.{part}",
                    f"{name}: model {old[part]['model']} → {new[part]['model']}",
                    where=where,
                )
            diff = self.fields(where)
            for section in ("path", "query", "headers", "body"):
                before, after = old[part].get(section, []), new[part].get(section, [])
                diff.fields(before, after, f"{name}.{part}.{section}")
        for code in sorted(set(new["errors"]) - set(old["errors"])):
            self.change(
                "compatible",
                "minor",
                "operation_error_added",
                f"{name}.errors",
                f"{name}: documents error {code}",
            )


def _codes(tables: dict[str, Json], name: str | None) -> dict[str, Json]:
    table = tables.get(name or "")
    return {v["code"]: v for v in table["values"]} if table else {}


def _recipe(signer: Json | None) -> Any:
    if signer is None:
        return None
    keys = ("algorithm", "key", "separator", "output", "template", "time_format", "time_zone")
    # key_password and sorted parts came later: a snapshot without them had none
    return {
        **{k: signer[k] for k in keys},
        "key_password": signer.get("key_password"),
        "parts": [{**p, "sorted": p.get("sorted")} for p in _parts(signer)],
    }


def _parts(signer: Json) -> list[Json]:
    """The ordered recipe; a snapshot from before ordered recipes held fields or the body."""
    if "parts" in signer:
        return list(signer["parts"])
    if signer["sign_body"]:
        return [{"kind": "body", "value": "", "py_name": "body"}]
    pairs = zip(signer["fields"], signer["field_py_names"], strict=True)
    return [{"kind": "field", "value": f, "py_name": p} for f, p in pairs]


def _success(rule: Json) -> Json:
    """A success rule as this version writes it: ``equals`` is a list (an older spec.json
    holds one value, or null without a field)."""
    equals = rule.get("equals")
    if isinstance(equals, list):
        return rule
    return {**rule, "equals": [] if equals is None else [equals]}


def _plain(value: Any) -> str:
    return "none" if value is None else str(value)
