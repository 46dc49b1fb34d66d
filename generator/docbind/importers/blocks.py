"""A document as a flat list of blocks: text lines, tables and JSON samples, each with its line.

The Markdown and HTML readers both produce blocks, so one interpreter (``tables``) reads either.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from typing import Any

from docbind.importers.aligned import is_aligned_header, read_aligned_table
from docbind.importers.bullets import HEADER, is_parameter_list, read_parameter_list


@dataclass
class Line:
    text: str
    line: int


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    line: int
    row_lines: list[int] = field(default_factory=list)


@dataclass
class JsonSample:
    payload: dict[str, Any]
    line: int


@dataclass
class BadJson:
    text: str
    line: int
    error: str


Block = Line | Table | JsonSample | BadJson


def split_row(line: str) -> list[str]:
    """The cells of a pipe-table row; trailing empty cells (from ``| |`` padding) dropped."""
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    cells = [cell_text(c.replace("\\|", "|")) for c in _split_unescaped(body)]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def cell_text(raw: str) -> str:
    """A cell's text with HTML entities decoded; leading ``&nbsp;`` (an indent that shows
    nesting) is kept as no-break spaces, other outer whitespace is dropped."""
    text = html.unescape(raw.strip(" \t\r\n"))
    indent = len(text) - len(text.lstrip("\u00a0"))
    return "\u00a0" * indent + text.strip()


def _split_unescaped(body: str) -> list[str]:
    cells: list[str] = []
    current: list[str] = []
    prev = ""
    for ch in body:
        if ch == "|" and prev != "\\":
            cells.append("".join(current))
            current = []
        else:
            current.append(ch)
        prev = ch
    cells.append("".join(current))
    return cells


def _is_rule(line: str) -> bool:
    stripped = line.strip().strip("|").replace("|", "").replace(" ", "")
    return bool(stripped) and set(stripped) <= set("-:")


def markdown_blocks(text: str) -> list[Block]:
    """Pipe tables (a header row, a ``|---|`` rule, rows), JSON objects and plain lines."""
    lines = text.splitlines()
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        raw = lines[i].strip()
        if raw.startswith("|") and i + 1 < len(lines) and _is_rule(lines[i + 1]):
            i = _read_table(lines, i, blocks)
        elif _is_tab_row(lines, i) and _is_tab_row(lines, i + 1):
            i = _read_tab_table(lines, i, blocks)
        elif is_parameter_list(lines, i):
            (rows, row_lines), end = read_parameter_list(lines, i)
            blocks.append(Table(list(HEADER), rows, i + 1, row_lines))
            i = end
        elif is_aligned_header(lines[i]) and i + 1 < len(lines) and lines[i + 1].strip():
            (header, rows, row_lines), end = read_aligned_table(lines, i)
            blocks.append(Table(header, rows, i + 1, row_lines))
            i = end
        elif raw.startswith("{") or raw.startswith("```json"):
            i = _read_json(lines, i, blocks)
        else:
            if raw:
                blocks.append(Line(raw.lstrip("#").strip(), i + 1))
            i += 1
    return blocks


def _read_table(lines: list[str], start: int, blocks: list[Block]) -> int:
    table = Table(split_row(lines[start]), [], start + 1)
    i = start + 2
    while i < len(lines) and lines[i].strip().startswith("|"):
        if not _is_rule(lines[i]):
            table.rows.append(split_row(lines[i]))
            table.row_lines.append(i + 1)
        i += 1
    blocks.append(table)
    return i


def _is_tab_row(lines: list[str], i: int) -> bool:
    """A line of a table copied from a browser or a PDF: cells separated by tabs."""
    return i < len(lines) and lines[i].count("\t") >= 1 and bool(lines[i].strip())


def _read_tab_table(lines: list[str], start: int, blocks: list[Block]) -> int:
    """Tab-separated rows; the first is the header. Empty leading cells are kept (a blank first
    column marks a child row)."""
    table = Table([cell_text(c) for c in lines[start].rstrip().split("\t")], [], start + 1)
    i = start + 1
    while _is_tab_row(lines, i):
        cells = [cell_text(c) for c in lines[i].rstrip().split("\t")]
        while cells and not cells[-1]:
            cells.pop()
        table.rows.append(cells)
        table.row_lines.append(i + 1)
        i += 1
    blocks.append(table)
    return i


def _read_json(lines: list[str], start: int, blocks: list[Block]) -> int:
    """Read a JSON object by brace balance (strings respected); a fenced block by its fence.

    Returns the index of the first line after the object (or after the closing fence).
    """
    fenced = lines[start].strip().startswith("```")
    first = start + 1 if fenced else start
    end, depth = len(lines), 0
    for i in range(first, len(lines)):
        if fenced and lines[i].strip().startswith("```"):
            end = i
            break
        depth += _brace_delta(lines[i])
        if not fenced and depth <= 0:
            end = i + 1
            break
    text = "\n".join(lines[first:end])
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        where = first + exc.lineno
        blocks.append(BadJson(text, start + 1, f"{exc.msg} (line {where}, column {exc.colno})"))
    else:
        if isinstance(payload, dict):
            blocks.append(JsonSample(payload, start + 1))
        else:
            blocks.append(BadJson(text, start + 1, "not a JSON object"))
    return end + 1 if fenced else end


def _brace_delta(line: str) -> int:
    delta, in_string, escaped = 0, False, False
    for ch in line:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == '"':
            in_string = not in_string
        elif not in_string:
            delta += {"{": 1, "}": -1}.get(ch, 0)
    return delta
