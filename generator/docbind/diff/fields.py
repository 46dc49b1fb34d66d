"""Compare two field lists (a request or response body or headers), direction-aware.

A request field is what callers send: anything that rejects a value accepted before is
breaking. A response field is what callers read through a typed attribute: an attribute that goes
away or becomes ``X | None`` (removed, no longer required) is breaking for every typed caller;
anything that can hand them a value they did not get before (longer, another pattern, an unknown
code) is a warning. The opposite direction is compatible. Which direction of each limit is
tighter is a column of ``constraints.CONSTRAINTS``, the table every limit is diffed from.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docbind.diff.model import Bump, Change, Json, Severity, Where
from docbind.ir.constraints import CONSTRAINTS, Constraint

Emit = Callable[[Change], None]
Codes = Callable[[str | None], dict[str, Json]]  # table name → {code: value}

# (when tighter, when looser) per direction
_TIGHTER: dict[str, tuple[Severity, Bump]] = {
    "request": ("breaking", "major"),
    "response": ("compatible", "patch"),
}
_LOOSER: dict[str, tuple[Severity, Bump]] = {
    "request": ("compatible", "minor"),
    "response": ("warning", "minor"),
}
# A limit swapped for one that neither includes nor is included (another pattern or code table).
_BOTH: dict[str, tuple[Severity, Bump]] = {
    "request": ("breaking", "major"),
    "response": ("warning", "minor"),
}
_TYPE_ROWS = tuple(c for c in CONSTRAINTS if c.order == "type")


class FieldDiff:
    def __init__(self, where: Where, emit: Emit, old_codes: Codes, new_codes: Codes) -> None:
        self.where, self.emit = where, emit
        self.old_codes, self.new_codes = old_codes, new_codes

    def change(
        self,
        severity: Severity,
        bump: Bump,
        kind: str,
        path: str,
        message: str,
        old: Any = None,
        new: Any = None,
    ) -> None:
        self.emit(Change(severity, bump, self.where, kind, path, message, old, new))

    def fields(self, old: list[Json], new: list[Json], prefix: str) -> None:
        before = {f["wire_name"]: f for f in old}
        after = {f["wire_name"]: f for f in new}
        for name, f in before.items():
            if name not in after:
                self.removed(f, f"{prefix}.{name}")
        for name, f in after.items():
            if name not in before:
                self.added(f, f"{prefix}.{name}")
            else:
                self.field(before[name], f, f"{prefix}.{name}")

    def removed(self, f: Json, path: str) -> None:
        if self.where == "request":
            self.change(
                "breaking",
                "major",
                "field_removed",
                path,
                f"request field {f['wire_name']} removed: callers passing it fail",
            )
        else:
            self.change(
                "breaking",
                "major",
                "field_removed",
                path,
                f"response field {f['wire_name']} removed: callers reading it break",
            )

    def added(self, f: Json, path: str) -> None:
        name = f["wire_name"]
        if self.where == "response":
            self.change("compatible", "minor", "field_added", path, f"response field {name} added")
        elif f["required"] and f["computed"] is None and f["default"] is None:
            self.change(
                "breaking",
                "major",
                "required_field_added",
                path,
                f"required request field {name} added: every caller must pass it",
            )
        else:
            self.change(
                "compatible", "minor", "field_added", path, f"optional request field {name} added"
            )

    def field(self, old: Json, new: Json, path: str) -> None:
        name = new["wire_name"]
        if old["type"] != new["type"] or any(old[c.attr] != new[c.attr] for c in _TYPE_ROWS):
            self.change(
                "breaking",
                "major",
                "type_changed",
                path,
                f"{name}: type {_type(old)} → {_type(new)}",
                _type(old),
                _type(new),
            )
        if old["py_name"] != new["py_name"]:
            self.change(
                "breaking",
                "major",
                "python_name_changed",
                path,
                f"{name}: Python name {old['py_name']} → {new['py_name']}",
                old["py_name"],
                new["py_name"],
            )
        self.requiredness(old, new, path)
        self.limits(old, new, path)
        self.codes(old, new, path)
        self.behaviour(old, new, path)
        if old["model"] != new["model"] and old["model"] and new["model"]:
            self.change(
                "breaking",
                "major",
                "model_renamed",
                path,
                f"{name}: model {old['model']} → {new['model']}",
                old["model"],
                new["model"],
            )
        if old["doc"] != new["doc"]:
            self.change("compatible", "patch", "doc_changed", path, f"{name}: description changed")
        self.fields(old["fields"], new["fields"], path)
        if old["items"] and new["items"]:
            self.field(old["items"], new["items"], path + "[]")

    def requiredness(self, old: Json, new: Json, path: str) -> None:
        name = new["wire_name"]
        if old["required"] != new["required"]:
            if self.where == "response" and not new["required"]:
                # Typed callers read it: the attribute becomes ``X | None`` for every one of them.
                self.change(
                    "breaking",
                    "major",
                    "required_changed",
                    path,
                    f"{name}: now optional: the attribute becomes X | None",
                    True,
                    False,
                )
            else:
                tighter = new["required"]
                what = "now required" if tighter else "now optional"
                self.tightness(
                    tighter,
                    "required_changed",
                    path,
                    f"{name}: {what}",
                    old["required"],
                    new["required"],
                )
        if old["required_when"] != new["required_when"]:
            tighter = bool(new["required_when"]) and not old["required_when"]
            if tighter or self.where == "request":
                severity: Severity = "breaking" if tighter else "warning"
                self.change(
                    severity,
                    "major" if tighter else "minor",
                    "required_when_changed",
                    path,
                    f"{name}: conditional requiredness changed",
                    _conditions(old),
                    _conditions(new),
                )

    def tightness(
        self, tighter: bool, kind: str, path: str, message: str, old: Any, new: Any
    ) -> None:
        severity, bump = (_TIGHTER if tighter else _LOOSER)[self.where]
        self.change(severity, bump, kind, path, message, old, new)

    def limits(self, old: Json, new: Json, path: str) -> None:
        """Every row of the constraints table; a format is part of the type (``field``)."""
        for row in CONSTRAINTS:
            a, b = old[row.attr], new[row.attr]
            moved = row.change(a, b)
            if moved == "same" or row.order == "type":
                continue
            verb = _verb(row, a, b)
            message = f"{new['wire_name']}: {row.noun} {verb}"
            if row.order != "flag":
                message += f": {_show(a)} → {_show(b)}" + (f" {row.unit}" if row.unit else "")
            kind = f"{row.diff_kind}_{verb}"
            if moved == "both":  # neither includes the other: tighter and looser at once
                severity, bump = _BOTH[self.where]
                self.change(severity, bump, kind, path, message, a, b)
            else:
                self.tightness(moved == "tighter", kind, path, message, a, b)

    def codes(self, old: Json, new: Json, path: str) -> None:
        """The values of the code tables (attaching, detaching or swapping one is a limit)."""
        name = new["wire_name"]
        if old["codes"] is None or new["codes"] is None:
            return
        before, after = self.old_codes(old["codes"]), self.new_codes(new["codes"])
        for code in before.keys() - after.keys():
            severity: Severity = "breaking" if self.where == "request" else "warning"
            self.change(
                severity,
                "major",
                "code_removed",
                path,
                f"{name}: code {code!r} removed from {new['codes']}",
                code,
                None,
            )
        for code in sorted(after.keys() - before.keys(), key=list(after).index):
            if self.where == "response":
                self.change(
                    "warning",
                    "minor",
                    "code_added",
                    path,
                    f"{name}: code {code!r} added to {new['codes']}: callers may "
                    "receive a value they do not handle",
                    None,
                    code,
                )
            else:
                self.change(
                    "compatible",
                    "minor",
                    "code_added",
                    path,
                    f"{name}: code {code!r} added to {new['codes']}",
                    None,
                    code,
                )

    def behaviour(self, old: Json, new: Json, path: str) -> None:
        name = new["wire_name"]
        if old["computed"] != new["computed"] and self.where == "request":
            gone = new["computed"] is None and new["required"]
            self.change(
                "breaking" if gone else "warning",
                "major" if gone else "minor",
                "computed_changed",
                path,
                f"{name}: filled in {_show(_computed(old))} → {_show(_computed(new))}",
                _computed(old),
                _computed(new),
            )
        if old["default"] != new["default"]:
            self.change(
                "warning",
                "minor",
                "default_changed",
                path,
                f"{name}: default {_show(old['default'])} → {_show(new['default'])}",
                old["default"],
                new["default"],
            )
        for key, what in (("encrypt", "encrypted with"), ("url_encoded", "URL-decoded")):
            before, after = old.get(key) or None, new.get(key) or None
            if before != after:
                self.change(
                    "warning",
                    "minor",
                    f"{key}_changed",
                    path,
                    f"{name}: {what} {_show(before)} → {_show(after)} (the wire value changes)",
                    before,
                    after,
                )
        if old["sensitive"] != new["sensitive"]:
            severity: Severity = "compatible" if new["sensitive"] else "warning"
            self.change(
                severity,
                "patch",
                "sensitive_changed",
                path,
                f"{name}: {'now' if new['sensitive'] else 'no longer'} masked as sensitive",
                old["sensitive"],
                new["sensitive"],
            )


def _type(f: Json) -> str:
    return f"{f['type']}({f['format']})" if f["format"] else str(f["type"])


def _verb(row: Constraint, old: Any, new: Any) -> str:
    """``added``, ``removed``, ``lowered``, ``raised`` or ``changed``."""
    if row.order == "flag":
        return "added" if new else "removed"
    if old is None or new is None:
        return "added" if old is None else "removed"
    if row.order == "set":
        return "changed"
    return "lowered" if new < old else "raised"


def _show(value: Any) -> str:
    return "none" if value is None else str(value)


def _computed(f: Json) -> str | None:
    c = f["computed"]
    if c is None:
        return None
    return f"{c['kind']}({c['arg']})" if c.get("arg") else str(c["kind"])


def _conditions(f: Json) -> list[str]:
    return [f"{c['field']} in {c['values']}" for c in f["required_when"]]
