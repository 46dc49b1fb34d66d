"""Load spec files: YAML with every node's source position, `$ref`s resolved, sizes bounded
(each file is read by ``yaml_file``; the node budget of a walked file is kept here).

The result is plain data (dicts, lists, scalars) plus a table from JSON path to position, so the
checks that follow can name ``file:line:col`` for any value or key. Nothing here knows the spec
format beyond `$ref` and the list of operation files.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from docbind.frontend import doc_cache
from docbind.frontend.doc_cache import DocumentCache
from docbind.frontend.spec_paths import display_path, not_a_spec, project_path
from docbind.frontend.yaml_events import plain_document
from docbind.frontend.yaml_file import (
    COLLECTION_TAGS,
    CONTROL,
    MAX_DEPTH,
    MAX_NODES,
    SCALAR_TAGS,
    STR_TAG,
    TAG,
    TIMESTAMP_TAG,
    compose_file,
    decoded,
    read_bounded,
)
from docbind.ir.diagnostics import Collector, Loc

JsonPath = tuple[str | int, ...]


@dataclass
class Document:
    """One spec file, after `$ref` resolution."""

    file: str  # as shown in messages: relative to the working directory
    data: Any
    # As recorded in generated output: the same wherever docbind runs (see ``project_path``).
    source_name: str = ""
    locs: dict[JsonPath, Loc] = field(default_factory=dict)
    key_locs: dict[JsonPath, Loc] = field(default_factory=dict)
    # Paths whose value could not be read (a broken `$ref`, a refused tag); the loader has said
    # why, so later checks stay quiet about them.
    unresolved: set[JsonPath] = field(default_factory=set)

    def is_unresolved(self, path: JsonPath) -> bool:
        return any(path[: len(bad)] == bad for bad in self.unresolved)

    def loc(self, path: JsonPath) -> Loc:
        """The position of the value at ``path``, or of its nearest located parent."""
        for end in range(len(path), -1, -1):
            found = self.locs.get(path[:end])
            if found is not None:
                return found
        return Loc(self.file, 1, 1)

    def key_loc(self, path: JsonPath) -> Loc:
        return self.key_locs.get(path) or self.loc(path)


@dataclass
class SpecSource:
    """A spec folder: ``api.yaml`` and the operation files it lists."""

    root: Path
    api: Document
    operations: list[Document]


class _Budget:
    def __init__(self) -> None:
        self.nodes = 0

    @property
    def exceeded(self) -> bool:
        return self.nodes > MAX_NODES


class _Loader:
    """Turns YAML nodes into plain data, recording positions; one instance per spec folder."""

    def __init__(self, root: Path, diag: Collector, cache: DocumentCache | None = None) -> None:
        self.root = root.resolve()
        self.diag = diag
        self.cache = cache
        self._followed = False  # the file being walked took values from another file
        self.budget = _Budget()
        self._composed: dict[Path, yaml.Node | None] = {}
        self._scalars = yaml.SafeLoader("")
        self._shown: dict[Path, str] = {}  # a file as errors name it: one relpath per file

    def loc(self, node: yaml.Node, file: Path) -> Loc:
        mark = node.start_mark
        return Loc(self.shown(file), mark.line + 1, mark.column + 1)

    def shown(self, file: Path) -> str:
        found = self._shown.get(file)
        if found is None:
            found = self._shown[file] = display_path(file)
        return found

    def compose(self, path: Path, raw: bytes | None = None) -> yaml.Node | None:
        path = path.resolve()
        if path not in self._composed:
            self._composed[path] = compose_file(path, self.diag, raw)
        return self._composed[path]

    def document(self, path: Path) -> Document:
        doc = Document(display_path(path), None, project_path(path, self.root))
        file = path.resolve()
        named = self.shown(file)  # positions are named as ``loc`` names them
        cache, raw = self.cache, self._read(path)
        entry = None if raw is None or cache is None else doc_cache.key(raw)
        hit = cache.get(entry, named) if cache is not None and entry is not None else None
        if hit is not None:
            doc.data, doc.locs, doc.key_locs = hit
            return doc
        plain = None if raw is None else self.plain(raw, named)
        if plain is not None:  # read straight off libyaml's events: no tree, nothing to report
            doc.data, doc.locs, doc.key_locs = plain
            if cache is not None and entry is not None:
                cache.put(entry, *plain)
            return doc
        reported, self._followed = len(self.diag.items), False
        node = self.compose(file, raw)
        self.budget = _Budget()  # per file: a large API is many ordinary files, each bounded
        if node is not None:
            doc.data = self.walk(node, (), doc, file, [], 0)
        # The walked document holds what is needed; a file read again (a later $ref to it) is
        # composed again. Keeping every file's YAML tree would hold a large API's whole spec.
        self._composed.pop(file, None)
        if self.budget.exceeded:
            doc.data = None  # half a document would only add confusing errors
        clean = len(self.diag.items) == reported and not doc.unresolved and not self._followed
        if cache is not None and entry is not None and clean and doc.data is not None:
            cache.put(entry, doc.data, doc.locs, doc.key_locs)
        return doc

    def plain(self, raw: bytes, named: str) -> tuple[Any, dict[Any, Loc], dict[Any, Loc]] | None:
        """The file's data and positions, named ``named``, when it is plain (``yaml_events``),
        else None."""
        text = decoded(raw)
        return None if text is None else plain_document(text, named, self._scalars)

    def _read(self, path: Path) -> bytes | None:
        """The file's bytes, read once for its cache key, the plain reading and its YAML; None
        for a file that cannot be read or is too large (``compose_file`` reports why)."""
        try:
            raw, _size = read_bounded(path)
        except OSError:
            return None
        return raw

    def walk(
        self,
        node: yaml.Node,
        path: JsonPath,
        doc: Document,
        file: Path,
        refs: list[str],
        depth: int,
    ) -> Any:
        loc = self.loc(node, file)
        doc.locs[path] = loc
        self.budget.nodes += 1
        if self.budget.nodes > MAX_NODES:
            if self.budget.nodes == MAX_NODES + 1:
                self.diag.error(loc, f"the spec expands to more than {MAX_NODES} YAML nodes")
            return None
        if depth > MAX_DEPTH:
            self.diag.error(loc, f"nesting deeper than {MAX_DEPTH} levels")
            doc.unresolved.add(path)
            return None
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path, doc, loc)
        if node.tag not in COLLECTION_TAGS:
            return self.refuse_tag(node, path, doc, loc)
        if isinstance(node, yaml.MappingNode):
            ref = _single_ref(node)
            if ref is not None:
                return self.follow_ref(ref, node, path, doc, file, refs, depth)
            return self.walk_mapping(node, path, doc, file, refs, depth)
        return [
            self.walk(item, (*path, index), doc, file, refs, depth + 1)
            for index, item in enumerate(node.value)
        ]

    def refuse_tag(self, node: yaml.Node, path: JsonPath, doc: Document, loc: Loc) -> None:
        tag = str(node.tag).replace(TAG, "!!")
        self.diag.error(
            loc,
            f"unsupported YAML tag '{tag}': a spec holds only plain strings, "
            f"numbers, booleans, lists and mappings",
        )
        doc.unresolved.add(path)

    def walk_mapping(
        self,
        node: yaml.MappingNode,
        path: JsonPath,
        doc: Document,
        file: Path,
        refs: list[str],
        depth: int,
    ) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Loc] = {}
        for key_node, value_node in node.value:
            key_loc = self.loc(key_node, file)
            if not isinstance(key_node, yaml.ScalarNode):
                self.diag.error(key_loc, "mapping keys must be plain strings")
                continue
            # Keys are names: take them as written, so `on:` or `003:` stay text, not YAML 1.1
            # booleans or octal numbers.
            key = str(key_node.value)
            if key == "<<":
                self.diag.error(
                    key_loc,
                    "YAML merge keys ('<<') are not supported in specs; "
                    "write the keys out, or share the part with $ref",
                )
                doc.unresolved.add(path)
                continue
            if key == "$ref":
                self.diag.error(
                    key_loc,
                    "a $ref must be alone in its mapping, as {$ref: FILE} or {$ref: FILE#/pointer}",
                )
                doc.unresolved.add(path)
                continue
            if key in first_seen:
                first = first_seen[key]
                self.diag.error(key_loc, f"duplicate key '{key}' (first at line {first.line})")
                continue
            first_seen[key] = key_loc
            doc.key_locs[(*path, key)] = key_loc
            result[key] = self.walk(value_node, (*path, key), doc, file, refs, depth + 1)
        return result

    def follow_ref(
        self,
        ref: yaml.ScalarNode,
        node: yaml.MappingNode,
        path: JsonPath,
        doc: Document,
        file: Path,
        refs: list[str],
        depth: int,
    ) -> Any:
        loc = self.loc(ref, file)
        self._followed = True
        target_text, _, pointer = str(ref.value).partition("#")
        target = (file.parent / target_text).resolve() if target_text else file
        doc.unresolved.add(path)  # until the target is found
        if not target.is_relative_to(self.root):
            self.diag.error(loc, f"$ref '{ref.value}' points outside the spec folder")
            return None
        key = target.relative_to(self.root).as_posix() + (f"#{pointer}" if pointer else "")
        if key in refs:
            cycle = " -> ".join([*refs[refs.index(key) :], key])
            self.diag.error(loc, f"$ref cycle: {cycle}")
            return None
        if not target.is_file():
            self.diag.error(loc, f"$ref '{ref.value}': no such file {display_path(target)}")
            return None
        root = self.compose(target)
        if root is None:
            return None  # the file's own errors say why
        found = _pointer(root, pointer)
        if found is None:
            self.diag.error(
                loc, f"$ref '{ref.value}': {display_path(target)} has nothing at '#{pointer}'"
            )
            return None
        doc.unresolved.discard(path)
        return self.walk(found, path, doc, target, [*refs, key], depth + 1)

    def scalar(self, node: yaml.ScalarNode, path: JsonPath, doc: Document, loc: Loc) -> Any:
        if node.tag == TIMESTAMP_TAG:
            return str(node.value)  # a date is text in a spec, not a datetime object
        if node.tag == STR_TAG:
            value = node.value  # what pyyaml's str constructor returns, without its call chain
        elif node.tag not in SCALAR_TAGS:
            return self.refuse_tag(node, path, doc, loc)
        else:
            try:
                value = self._scalars.construct_object(node, deep=True)
            except (yaml.YAMLError, ValueError, KeyError):
                kind = str(node.tag).removeprefix(TAG)
                self.diag.error(loc, f"'{node.value}' is not a valid !!{kind}")
                doc.unresolved.add(path)
                return None
        found = CONTROL.search(value) if isinstance(value, str) else None
        if found:
            self.diag.error(
                loc,
                f"text holds the control character U+{ord(found[0]):04X}; "
                "only tab and line breaks may appear in spec text",
            )
            doc.unresolved.add(path)
            return None
        return value


def _single_ref(node: yaml.MappingNode) -> yaml.ScalarNode | None:
    if len(node.value) != 1:
        return None
    key, value = node.value[0]
    is_ref = isinstance(key, yaml.ScalarNode) and key.value == "$ref"
    if is_ref and isinstance(value, yaml.ScalarNode):
        return value
    return None


def _pointer(node: yaml.Node, pointer: str) -> yaml.Node | None:
    for raw_part in (p for p in pointer.split("/") if p):
        part = raw_part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, yaml.MappingNode):
            match = [v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == part]
            if not match:
                return None
            node = match[0]
        elif isinstance(node, yaml.SequenceNode) and part.isdigit() and int(part) < len(node.value):
            node = node.value[int(part)]
        else:
            return None
    return node


def _operation_files(api: Document) -> Iterator[tuple[int, str]]:
    data = api.data
    if not isinstance(data, dict) or not isinstance(data.get("operations"), list):
        return
    for index, entry in enumerate(data["operations"]):
        if isinstance(entry, str):
            yield index, entry


def load_spec(path: Path, diag: Collector, cache: DocumentCache | None = None) -> SpecSource | None:
    """Load a spec folder (or its ``api.yaml``) and every operation file it lists; ``cache``
    keeps the files that load cleanly, for the next run."""
    root = path if path.is_dir() else path.parent
    api_file = path / "api.yaml" if path.is_dir() else path
    if not api_file.is_file() or api_file.name != "api.yaml":
        shown = path if path.is_file() or path.is_dir() else api_file
        diag.error(Loc(display_path(shown)), not_a_spec(path))
        return None
    if not api_file.resolve().is_relative_to(root.resolve()):
        # A link out of the folder would have docbind read (and echo in errors) another file.
        diag.error(Loc(display_path(api_file)), "api.yaml links to a file outside the spec folder")
        return None
    loader = _Loader(root, diag, cache)
    api = loader.document(api_file)
    operations: list[Document] = []
    listed: dict[Path, Loc] = {}
    for index, name in _operation_files(api):
        target = (root / name).resolve()
        loc = api.loc(("operations", index))
        if not target.is_relative_to(root.resolve()):
            diag.error(loc, f"operation file '{name}' is outside the spec folder")
        elif not target.is_file():
            diag.error(loc, f"operation file '{name}' not found")
        elif target in listed:
            first = listed[target]
            diag.error(
                loc,
                f"operation file '{name}' is listed twice "
                f"(first at line {first.line}, column {first.col})",
            )
        else:
            listed[target] = loc
            operations.append(loader.document(target))
    return SpecSource(root, api, operations)
