"""HTML documentation pages (saved from a browser) as blocks, with the stdlib ``html.parser``.

Tables become :class:`Table` blocks (the first row, or the ``<th>`` row, is the header; ``colspan``
repeats a cell across the columns it spans and ``rowspan`` down the rows, so columns stay
aligned; a leading ``&nbsp;`` indent is kept, as it shows nesting); headings, paragraphs and list
items become lines;
``<pre>`` blocks holding JSON become samples. Scripts and styles are skipped.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from docbind.importers.blocks import BadJson, Block, JsonSample, Line, Table

_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "dt",
        "dd",
        "caption",
        "section",
        "article",
        "header",
        "br",
    }
)
_SKIP = frozenset({"script", "style", "noscript", "template", "title"})

Cell = tuple[str, int, int]  # text, colspan, rowspan
# An enclosing table's state while a nested one is read: rows, line, open cell, spans, <th>?
_Outer = tuple[
    list[tuple[int, list[Cell], bool]] | None, int, list[str] | None, tuple[int, int], bool
]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.text: list[str] = []
        self.text_line = 0
        self.skip = 0
        self.pre: list[str] | None = None
        self.pre_line = 0
        self.table: list[tuple[int, list[Cell], bool]] | None = None  # (line, cells, header?)
        self.table_line = 0
        self.cell: list[str] | None = None
        self.cell_span = (1, 1)
        self.cell_is_th = False
        self.outer: list[_Outer] = []  # the tables a nested <table> sits in
        self.nested: list[tuple[str, int, list[Block]]] = []  # (the row's name, line, blocks)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag in _SKIP:
            self.skip += 1
        elif tag == "pre":
            self.flush()
            self.pre, self.pre_line = [], line
        elif tag == "table" and self.cell is not None:
            self.open_nested(line)
        elif tag == "table":
            self.flush()
            self.table, self.table_line = [], line
        elif tag == "tr" and self.table is not None:
            self.table.append((line, [], False))
        elif tag in ("td", "th") and self.table is not None:
            self.cell, self.cell_is_th = [], tag == "th"
            self.cell_span = (_span(attrs, "colspan"), _span(attrs, "rowspan"))
        elif tag in _BLOCK_TAGS and self.table is None:
            self.flush()
        elif tag == "br" and self.cell is not None:
            self.cell.append(" ")  # a line break inside a cell separates words

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == "pre" and self.pre is not None:
            self.blocks.append(_pre_block("".join(self.pre), self.pre_line))
            self.pre = None
        elif tag in ("td", "th") and self.cell is not None and self.table:
            line, cells, header = self.table[-1]
            cells.append((_cell_clean("".join(self.cell)), *self.cell_span))
            self.table[-1] = (line, cells, header or self.cell_is_th)
            self.cell = None
        elif tag == "table" and self.table is not None and self.outer:
            self.close_nested()
        elif tag == "table" and self.table is not None:
            self.blocks.extend(_table_block(self.table, self.table_line))
            self.table, self.cell = None, None  # a cell left open ends with its table
            for name, line, blocks in self.nested:  # each as a sub-table titled by its object
                self.blocks.extend([Line(name, line), *blocks])
            self.nested = []
        elif tag in _BLOCK_TAGS and self.table is None:
            self.flush()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.pre is not None:
            self.pre.append(data)
        elif self.cell is not None:
            self.cell.append(data)
        elif self.table is None:
            if not self.text:
                self.text_line = self.getpos()[0]
            self.text.append(data)

    def open_nested(self, line: int) -> None:
        """A table inside a cell describes the object of the row it sits in."""
        row = self.table[-1][1] if self.table else []
        name = row[0][0].split()[0] if row and row[0][0].split() else ""
        self.outer.append((self.table, self.table_line, self.cell, self.cell_span, self.cell_is_th))
        self.nested.append((name, line, []))
        self.table, self.table_line, self.cell = [], line, None

    def close_nested(self) -> None:
        name, line, _ = self.nested[-1]
        self.nested[-1] = (name, line, _table_block(self.table or [], self.table_line))
        state = self.outer.pop()
        self.table, self.table_line, self.cell, self.cell_span, self.cell_is_th = state

    def flush(self) -> None:
        text = _clean("".join(self.text))
        if text:
            self.blocks.append(Line(text, self.text_line))
        self.text = []


def _span(attrs: list[tuple[str, str | None]], name: str) -> int:
    value = (dict(attrs).get(name) or "1").strip()
    return int(value) if value.isdigit() and 0 < int(value) < 50 else 1


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _cell_clean(text: str) -> str:
    stripped = text.lstrip(" \t\r\n")
    indent = len(stripped) - len(stripped.lstrip("\u00a0"))
    return "\u00a0" * indent + _clean(stripped)


def _grid(rows: list[tuple[int, list[Cell], bool]]) -> list[tuple[int, list[str], bool]]:
    """Resolve colspan and rowspan: a spanned cell's text is repeated where it spans."""
    pending: dict[int, tuple[str, int]] = {}  # column -> (text, rows still to fill)
    grid: list[tuple[int, list[str], bool]] = []
    for line, cells, header in rows:
        out: list[str] = []
        queue = list(cells)
        while queue or any(col >= len(out) for col in pending):
            col = len(out)
            if col in pending:
                text, left = pending.pop(col)
                out.append(text)
                if left > 1:
                    pending[col] = (text, left - 1)
            elif queue:
                text, colspan, rowspan = queue.pop(0)
                for _ in range(colspan):
                    if rowspan > 1:
                        pending[len(out)] = (text, rowspan - 1)
                    out.append(text)
            else:
                out.append("")
        grid.append((line, out, header))
    return grid


def _table_block(cell_rows: list[tuple[int, list[Cell], bool]], line: int) -> list[Block]:
    rows = [r for r in _grid(cell_rows) if any(r[1])]
    if not rows:
        return []
    header_index = next((i for i, r in enumerate(rows) if r[2]), 0)
    header = rows[header_index][1]
    body = rows[header_index + 1 :]
    while body and body[-1][1] and not body[-1][1][-1]:
        body[-1][1].pop()
    return [Table(header, [_trim(r[1]) for r in body], line, [r[0] for r in body])]


def _trim(cells: list[str]) -> list[str]:
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _pre_block(text: str, line: int) -> Block:
    stripped = text.strip()
    try:
        payload = json.loads(stripped)
    except json.JSONDecodeError as exc:
        if stripped.startswith("{"):
            return BadJson(stripped, line, f"{exc.msg} (line {line + exc.lineno - 1})")
        return Line(_clean(stripped), line)
    if isinstance(payload, dict):
        return JsonSample(payload, line)
    return BadJson(stripped, line, "not a JSON object")


def looks_like_html(text: str) -> bool:
    head = text[:4000].lower()
    return "<table" in head or "<html" in head or "<!doctype html" in head or "<body" in head


def html_blocks(text: str) -> list[Block]:
    reader = _Reader()
    reader.feed(text)
    reader.close()
    reader.flush()
    return reader.blocks
