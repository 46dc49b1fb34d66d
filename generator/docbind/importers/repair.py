"""The last line of defence for "a draft always validates": when `docbind validate` still refuses
a draft (a document docbind reads in a way it did not foresee), the draft is made plainer step
by step, and what was taken out is said in a TODO note with the validator's words."""

from __future__ import annotations

import keyword
import re

from docbind.importers.codes import walk
from docbind.importers.model import DraftApi, DraftField

STEPS = 3
_PLAIN_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


def plainer(api: DraftApi, step: int, problems: list[str]) -> None:
    """Make the draft plainer: 1 drops the samples, 2 the code tables, errors and formats,
    3 the fields whose names docbind cannot use."""
    said = "; ".join(dict.fromkeys(problems))[:600]
    if step == 1:
        api.operation.samples.clear()
        taken = "the JSON samples"
    elif step == 2:
        api.codes.clear()
        api.errors.clear()
        for f in _all(api):
            f.codes, f.format, f.minimum, f.maximum, f.places = None, None, None, None, None
            f.example = None
            f.type = "string" if f.type in ("date", "datetime", "time", "decimal") else f.type
        taken = "the code tables, the error table, formats and bounds"
    else:
        dropped = _drop_unusable(api)
        taken = f"the fields {', '.join(dropped)}" if dropped else "nothing more"
    api.todos.append(
        f"docbind could not draft this document as read ({said}); {taken} are left out. "
        "Please report this document."
    )


def _all(api: DraftApi) -> list[DraftField]:
    op = api.operation
    found: list[DraftField] = []
    for message in (op.request, op.response):
        for fields in (message.headers, message.body, message.query):
            found.extend(walk(fields))
    return found


def _drop_unusable(api: DraftApi) -> list[str]:
    dropped: list[str] = []

    def keep(fields: list[DraftField], headers: bool) -> list[DraftField]:
        seen: set[str] = set()
        kept = []
        for f in fields:
            usable = headers or (_PLAIN_NAME.match(f.name) and not keyword.iskeyword(f.name))
            if not usable or f.name.lower() in seen:
                dropped.append(f.name or "(no name)")
                continue
            seen.add(f.name.lower())
            f.fields = keep(f.fields, False)
            kept.append(f)
        return kept

    op = api.operation
    for message in (op.request, op.response):
        message.headers = keep(message.headers, True)
        message.body = keep(message.body, False)
        message.query = keep(message.query, False)
    return dropped
