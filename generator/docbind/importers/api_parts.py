"""The API-wide parts of a draft: environments (from the endpoint and the document's environment
lines), code tables and the error table."""

from __future__ import annotations

import re
from typing import Any

from docbind.importers.endpoints import environment_name
from docbind.importers.model import DraftApi, DraftCodeTable, DraftError
from docbind.importers.naming import pascal_from_text, snake_from_text, unique
from docbind.ir.names import RESERVED_CLASSES

PLACEHOLDER_URL = "https://TODO.invalid"


def _todos(todos: list[str]) -> list[str]:
    return [f"TODO: {t}" for t in todos]


def environments_of(api: DraftApi) -> tuple[dict[str, Any], str, list[str]]:
    """The environments, the default one, and TODOs: the document's environment lines, else the
    endpoint's host, else a placeholder."""
    url = api.operation.url or ""
    host = re.match(r"^(https?://[^/\s{}]+)(?:/|$)", url)
    found: dict[str, Any] = {}
    for index, (label, base) in enumerate(api.environments):
        if base not in (e["url"] for e in found.values()):
            name = unique(environment_name(label, index), set(found))
            found[name] = {"url": base, "doc": label}
    if host and host.group(1) not in (e["url"] for e in found.values()):
        found = {"default": {"url": host.group(1)}, **found}
    if found:
        default = "production" if "production" in found else next(iter(found))
        return found, default, []
    said = f"gives the URL as {url}, without a usable host" if url else "gives no base URL"
    return (
        {"default": {"url": PLACEHOLDER_URL}},
        "default",
        [
            f"The document {said}; {PLACEHOLDER_URL} is a placeholder. "
            "Add the provider's environments."
        ],
    )


def code_table(table: DraftCodeTable) -> dict[str, Any]:
    members: set[str] = set()
    values = []
    for v in table.values:
        from_label = snake_from_text(v.label, "value") if v.label else "value"
        if from_label == "value":
            from_label = snake_from_text(v.code, "value")
        member = unique(from_label, members)
        entry: dict[str, Any] = {"code": v.code, "name": member}
        entry |= {"label": v.label} if v.label else {}
        entry |= {"doc": v.doc} if v.doc else {}
        entry |= {"notes": v.notes} if v.notes else {}
        values.append(entry)
    data: dict[str, Any] = {"doc": table.doc, "values": values}
    if table.todos:
        data["notes"] = _todos(table.todos)
    return data


def errors_section(errors: list[DraftError]) -> dict[str, Any]:
    table: list[dict[str, Any]] = []
    notes: list[str] = []
    taken: set[str] = set()
    codes: set[str] = set()
    for e in errors:
        if e.code and e.code in codes:  # one code, several messages: the table keeps one
            notes.append(
                f"The document also gives code {e.code!r} the message {e.message!r} (line "
                f"{e.line}); the table keeps the first."
            )
            continue
        codes.add(e.code)
        if e.http_status is not None and 200 <= e.http_status < 300:
            notes.append(
                f"The response code table also lists HTTP {e.http_status}, code "
                f"{e.code!r}, message {e.message!r}: a success, not an error."
            )
            continue
        exception = _exception(e, taken)
        entry: dict[str, Any] = {
            "http_status": e.http_status,
            "code": e.code,
            "message": e.message,
            "doc": e.doc,
            "exception": exception,
        }
        table.append({k: v for k, v in entry.items() if v not in (None, "")})
    if table:
        notes.append(
            "TODO: The error body's field names are not given: set code_field and "
            "message_field if the provider documents them."
        )
    return {"table": table, "notes": notes}


def _exception(e: DraftError, taken: set[str]) -> str:
    """An exception class name from the message (or the code where the message has no ASCII
    words); a repeat gets a number, as the schema allows no underscore."""
    base = pascal_from_text(e.doc or e.message, "")[:60]
    if not base:
        base = "Error" + pascal_from_text(re.sub(r"\W", " ", e.code), "")
    name = base if base.endswith("Error") else base + "Error"
    if name in RESERVED_CLASSES:  # BadRequestError and the like are the runtime's own
        name = ("Http" if e.http_status else "Api") + name
    candidate, n = name, 2
    while candidate in taken or candidate in RESERVED_CLASSES:
        candidate, n = f"{name}{n}", n + 1
    taken.add(candidate)
    return candidate
