"""Error tables: ``HTTP status | Error code | Message``, ``코드 | 메시지`` and HTTP status tables
(``Status | Description``, or ``Code | Meaning`` under an HTTP status heading), read into the
API's error table with their messages. Rows that report success (HTTP 2xx, ``성공``, ``OK``) are
kept as notes, not errors."""

from __future__ import annotations

import re

from docbind.importers.blocks import Table
from docbind.importers.model import DraftApi, DraftError

_SUCCESS = re.compile(
    r"^(성공|정상|정상\s*처리|정상처리|success|succeeded|ok|approved|승인)\.?$", re.I
)
_STATUS = re.compile(r"^[1-5]\d\d$")


def is_error_table(roles: list[str | None], rows: list[list[str]], heading: str) -> bool:
    found = set(roles)
    if "code" in found and "message" in found:
        return True
    if "status" in found and found & {"message", "description", "label"}:
        return True
    if "code" in found and heading and found & {"description", "label"}:
        return re.search(r"error|에러|오류", heading, re.I) is not None or _all_statuses(
            roles, rows
        )
    return False


def _all_statuses(roles: list[str | None], rows: list[list[str]]) -> bool:
    at = roles.index("code")
    codes = [cells[at].strip() for cells in rows if at < len(cells)]
    return bool(codes) and all(_STATUS.match(c) for c in codes)


def error_rows(block: Table, roles: list[str | None], api: DraftApi) -> None:
    """One error per row; where only an HTTP status is given, the status is also the code."""
    statuses_only = "code" in roles and _all_statuses(roles, block.rows) and "status" not in roles
    for cells, line in zip(
        block.rows, block.row_lines or [block.line] * len(block.rows), strict=False
    ):
        cell: dict[str | None, str] = {}
        for role, text in zip(roles, cells, strict=False):
            cell.setdefault(role, text.strip())
        status_text = cell.get("code", "") if statuses_only else cell.get("status", "")
        status = int(status_text) if _STATUS.match(status_text) else None
        code = status_text if statuses_only else cell.get("code", "")
        message = cell.get("message") or cell.get("label") or cell.get("description") or ""
        doc = cell.get("description", "") if cell.get("message") else ""
        if not code and status is not None:
            code = str(status)
        if not code:
            api.todos.append(f"Line {line}: an error row without a code is left out.")
        elif any(e.code == code for e in api.errors):
            api.todos.append(f"Line {line}: the error code {code} is listed again; left out.")
        elif (status is not None and 200 <= status < 300) or _SUCCESS.match(message):
            api.notes.append(f"The error table lists {code} ({message}): a success, not an error.")
        else:
            api.errors.append(DraftError(status, code, message, doc, line))
