"""Read one spec file into a YAML tree, bounded: size, encoding, nesting and alias expansion.

Every way a file can fail to be read is reported here, located and in a person's words (pyyaml's
token names translated); ``load`` walks the tree that comes back.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from docbind.frontend.sizes import MAX_FILE_BYTES
from docbind.frontend.spec_paths import display_path
from docbind.ir.diagnostics import Collector, Loc

MAX_NODES = 200_000  # per file, after alias expansion: stops "billion laughs"
# Characters of scalar text per file after alias expansion: a long text aliased a few thousand
# times stays under MAX_NODES but would fill the docs and the package with gigabytes.
MAX_EXPANDED_CHARS = 4 * MAX_FILE_BYTES
MAX_DEPTH = 64

# The tags a spec may use: plain YAML data. Anything else (`!!python/object`, `!!binary`, `!!set`,
# local `!tags`) is refused rather than silently read as a plain mapping or string.
TAG = "tag:yaml.org,2002:"
COLLECTION_TAGS = frozenset({f"{TAG}map", f"{TAG}seq"})
SCALAR_TAGS = frozenset(f"{TAG}{name}" for name in ("str", "int", "float", "bool", "null"))
TIMESTAMP_TAG = f"{TAG}timestamp"  # a date is text in a spec, not a datetime object
STR_TAG = f"{TAG}str"
# Control characters spec text may not hold (all but tab and line breaks): a NUL or an escape
# sequence would reach the docs, a header or a generated file.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# PyYAML's token names, as a person would say them.
_TOKEN_WORDS = {
    "'<stream end>'": "the end of the file",
    "<stream end>": "the end of the file",
    "<block end>": "the end of the indented block",
    "found '?'": "found a new key",
    "found unexpected end of stream": "the file ends",
}


def compose_file(path: Path, diag: Collector, raw: bytes | None = None) -> yaml.Node | None:
    """The file's YAML tree, or None after reporting why it cannot be read: too large, not
    UTF-8 text, bad YAML, too deep, or aliases that expand past the limits. ``raw`` is its
    bytes when the caller has read them already."""
    shown = display_path(path)
    try:
        raw, size = (raw, len(raw)) if raw is not None else read_bounded(path)
    except OSError as exc:
        diag.error(Loc(shown), f"cannot read file: {exc.strerror or exc}")
        return None
    if raw is None:
        diag.error(
            Loc(shown, 1, 1),
            f"file is {size} bytes; spec files are limited to {MAX_FILE_BYTES} bytes",
        )
        return None
    text = _decode(raw, shown, diag)
    if text is None:
        return None
    try:
        too_deep, node, plain = _parse(text)
        if too_deep is not None:
            diag.error(Loc(shown, *too_deep), f"nesting deeper than {MAX_DEPTH} levels")
            return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        diag.error(Loc(shown, line, col), f"YAML syntax: {_syntax_message(exc)}")
        return None
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line, col = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        found = exc.character
        char = found if isinstance(found, int) else ord(str(found)[:1])
        diag.error(
            Loc(shown, line, col),
            f"character U+{char:04X} cannot appear in a YAML file; remove it, or "
            f"write it as an escape (\\u{char:04x}) in a double-quoted string",
        )
        return None
    except yaml.YAMLError as exc:
        message = " ".join(str(exc).split())
        diag.error(Loc(shown, 1, 1), f"YAML syntax: {message}")
        return None
    if node is None:
        diag.error(Loc(shown, 1, 1), "file is empty; expected a mapping")
        return None
    alias_problem = None if plain else _alias_problem(node)
    if alias_problem is not None:
        diag.error(node_loc(alias_problem[0], path), alias_problem[1])
        return None
    return node


def decoded(raw: bytes) -> str | None:
    """The file's text when ``compose_file`` would decode it without a word, else None."""
    return _decode(raw, "", Collector())


def _decode(raw: bytes, shown: str, diag: Collector) -> str | None:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        diag.error(Loc(shown, 1, 1), "file is UTF-16 text; save it as UTF-8")
        return None
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        diag.error(Loc(shown, line, 1), "file contains NUL bytes: not a text file")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        # Columns count characters, as editors do; everything before the bad byte is valid UTF-8.
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8-sig")) + 1
        diag.error(
            Loc(shown, line, col),
            f"file is not UTF-8 text (byte 0x{raw[exc.start]:02x} here); save it as UTF-8",
        )
        return None
    if not text.strip():
        diag.error(Loc(shown, 1, 1), "file is empty; expected a mapping")
        return None
    return text


def _syntax_message(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or exc.context or "invalid YAML"
    if "'\\t'" in problem:
        return "a tab cannot indent YAML; indent with spaces"
    if problem == "but found another document":
        return "a spec file holds one YAML document, but a second one starts here"
    for token, words in _TOKEN_WORDS.items():
        problem = problem.replace(token, words)
    if "block" in problem or problem == "mapping values are not allowed here":
        problem += " (check the indentation, and quote values that contain ': ')"
    mark = exc.context_mark
    if exc.problem and exc.context and mark is not None:
        started = f"line {mark.line + 1}, column {mark.column + 1}"
        problem += f", {exc.context} started at {started}"
    return problem


# libyaml (C) reads a spec ten times faster than pyyaml's pure-Python reader; when a file does
# not read cleanly, the pure-Python reader reads it again, so every problem is reported in
# pyyaml's words and places, whichever reader the machine has.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _parse(text: str) -> tuple[tuple[int, int] | None, yaml.Node | None, bool]:
    """Where nesting first passes MAX_DEPTH, else the composed document; and whether the
    event stream alone shows the tree within the alias limits (no alias, few enough nodes)."""
    if _FAST_LOADER is not None:
        try:
            too_deep, plain = _scan(text, _FAST_LOADER)
            return too_deep, None if too_deep else yaml.compose(text, Loader=_FAST_LOADER), plain
        except yaml.YAMLError:
            pass
    too_deep, plain = _scan(text, yaml.SafeLoader)
    return too_deep, None if too_deep else yaml.compose(text, Loader=yaml.SafeLoader), plain


def _scan(text: str, loader: type[yaml.SafeLoader]) -> tuple[tuple[int, int] | None, bool]:
    """Where nesting first passes MAX_DEPTH (checked on the event stream, before the recursive
    composer could overflow the stack), and whether the file is plain: no alias and at most
    MAX_NODES nodes. A plain file cannot break the expansion limits (its text is all there is),
    so its tree need not be walked for them."""
    depth = nodes = 0
    aliased = False
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            nodes += 1
            mark = event.start_mark
            if depth > MAX_DEPTH and mark is not None:
                return (mark.line + 1, mark.column + 1), False
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.ScalarEvent):
            nodes += 1
        elif isinstance(event, yaml.AliasEvent):
            aliased = True
    return None, not aliased and nodes <= MAX_NODES


def read_bounded(path: Path) -> tuple[bytes | None, int]:
    """The file's bytes, or None and its size when it is over MAX_FILE_BYTES; never more than
    MAX_FILE_BYTES + 1 bytes are read (a 3 GB file costs nothing)."""
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > MAX_FILE_BYTES:
            return None, size
        raw = handle.read(MAX_FILE_BYTES + 1)  # the file may have grown since fstat
    return (None, len(raw)) if len(raw) > MAX_FILE_BYTES else (raw, len(raw))


def _alias_problem(root: yaml.Node) -> tuple[yaml.Node, str] | None:
    """An alias that contains itself, or the innermost node that aliases expand past MAX_NODES
    nodes or MAX_EXPANDED_CHARS characters of text ("billion laughs")."""
    sizes: dict[int, tuple[int, int]] = {}
    open_nodes: set[int] = set()
    aliased = False  # a node reached twice: the file uses aliases

    def size(node: yaml.Node) -> tuple[int, int]:
        nonlocal aliased
        known = sizes.get(id(node))
        if known is not None:
            aliased = True
            return known
        if id(node) in open_nodes:
            raise _AliasProblem(node, "this value contains an alias to itself")
        open_nodes.add(id(node))
        children: list[yaml.Node] = []
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        parts = [size(child) for child in children]
        total = 1 + sum(n for n, _ in parts)
        chars = sum(c for _, c in parts) + (len(str(node.value)) if not children else 0)
        open_nodes.discard(id(node))
        sizes[id(node)] = (total, chars)
        how = "aliases expand this value to" if aliased else "this value holds"
        if total > MAX_NODES:
            raise _AliasProblem(
                node, f"{how} {total} YAML nodes, more than the {MAX_NODES} a spec may hold"
            )
        if chars > MAX_EXPANDED_CHARS:
            raise _AliasProblem(
                node,
                f"{how} {chars} characters of text, more than the "
                f"{MAX_EXPANDED_CHARS} a spec file may hold",
            )
        return total, chars

    try:
        size(root)
    except _AliasProblem as problem:
        return problem.node, problem.message
    return None


class _AliasProblem(Exception):
    def __init__(self, node: yaml.Node, message: str) -> None:
        super().__init__(message)
        self.node = node
        self.message = message


def node_loc(node: yaml.Node, file: Path) -> Loc:
    mark = node.start_mark
    return Loc(display_path(file), mark.line + 1, mark.column + 1)
