"""A plain spec file read in one pass over libyaml's event stream: its data and positions.

The full path (``yaml_file`` then ``load``'s walk) reads a file three times: libyaml's events for
the nesting limit, libyaml again to compose a tree of nodes, and a walk of that tree. Most spec
files are plain: mappings, lists and scalars of the plain YAML types, no anchor, alias, tag,
``$ref`` or merge key. Such a file gives the same data and positions read straight off the
events, with no tree built. Anything else, and anything the full path would report (a duplicate
key, a value its type refuses, a control character, a limit passed), returns None and the file
takes the full path, which reports it in its own words: this module never reports.
``tests/test_yaml_events.py`` holds the two equal on every spec file and on mutated ones.
"""

from __future__ import annotations

from typing import Any

import yaml

from docbind.frontend.yaml_file import (
    CONTROL,
    MAX_DEPTH,
    MAX_NODES,
    SCALAR_TAGS,
    STR_TAG,
    TIMESTAMP_TAG,
)
from docbind.ir.diagnostics import Loc

# Without libyaml every file takes the full path.
_FAST: Any = getattr(yaml, "CSafeLoader", None)
_DEPTH = MAX_DEPTH - 2  # well inside the limit: a file near it takes the full path
# The first characters pyyaml's safe resolver has implicit types for ("" for the empty text);
# a resolver for any first character (None) would have every plain scalar resolved.
_RESOLVERS: dict[Any, Any] = yaml.SafeLoader.yaml_implicit_resolvers
_RESOLVED_FIRST = frozenset(k for k in _RESOLVERS if k is not None)
_RESOLVE_ALL = None in _RESOLVERS
_REFUSED_KEYS = frozenset({"<<", "$ref"})  # a merge key; a $ref (followed, or refused)
_STARTS = frozenset({yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent})
_ENDS = frozenset({yaml.MappingEndEvent, yaml.SequenceEndEvent})


class _NotPlain(Exception):
    """The file needs the full path."""


Positions = dict[tuple[str | int, ...], Loc]


def plain_document(
    text: str, shown: str, scalars: yaml.SafeLoader
) -> tuple[Any, Positions, Positions] | None:
    """``(data, positions of values, positions of keys)`` as ``load`` records them, or None
    when the file is not plain (see the module docstring). ``scalars`` constructs the
    numbers, booleans and nulls, as the full path's does."""
    if _FAST is None:
        return None
    try:
        return _read(text, shown, scalars)
    except (_NotPlain, yaml.YAMLError, ValueError, KeyError, AttributeError, TypeError):
        return None  # the full path reads it, and says what is wrong


def _read(text: str, shown: str, scalars: yaml.SafeLoader) -> tuple[Any, Positions, Positions]:
    parser = _FAST(text)  # called directly: ``yaml.parse``'s generator costs a step an event
    try:
        return _walk(parser, shown, scalars)
    finally:
        parser.dispose()


def _walk(parser: Any, shown: str, scalars: yaml.SafeLoader) -> tuple[Any, Positions, Positions]:
    """The events in order, each value put in place as it comes (``load``'s walk, flattened)."""
    resolve, check, get = scalars.resolve, parser.check_event, parser.get_event
    locs: Positions = {}
    key_locs: Positions = {}
    # Open collections: [the container, its path, the key whose value comes next (None when a
    # key comes next, and always for a list)].
    stack: list[list[Any]] = []
    root: list[Any] = []
    nodes = documents = 0
    while check():
        event = get()
        kind = type(event)
        if kind in _STARTS:
            nodes += 1  # keys too, as the full path counts them
            if event.anchor is not None or event.tag is not None or nodes > MAX_NODES:
                raise _NotPlain
            mark = event.start_mark
            container = key = None
            path: tuple[str | int, ...] = ()
            if stack:
                top = stack[-1]
                container = top[0]
                if type(container) is dict:
                    key = top[2]
                    if key is None:  # this event is a key
                        if kind is not yaml.ScalarEvent:
                            raise _NotPlain
                        key = event.value
                        if key in _REFUSED_KEYS or key in container:
                            raise _NotPlain
                        top[2] = key
                        key_locs[(*top[1], key)] = Loc(shown, mark.line + 1, mark.column + 1)
                        continue
                    top[2] = None
                else:
                    key = len(container)
                path = (*top[1], key)
            if len(stack) > _DEPTH:
                raise _NotPlain
            locs[path] = Loc(shown, mark.line + 1, mark.column + 1)
            if kind is yaml.ScalarEvent:
                value = _scalar(event, resolve, scalars)
            else:
                value = {} if kind is yaml.MappingStartEvent else []
                stack.append([value, path, None])
            _place(root if container is None else container, key, value)
        elif kind in _ENDS:
            stack.pop()
        elif kind is yaml.AliasEvent:
            raise _NotPlain
        elif kind is yaml.DocumentStartEvent:
            documents += 1
    if documents != 1 or len(root) != 1:
        raise _NotPlain
    return root[0], locs, key_locs


def _place(container: Any, key: str | int | None, value: Any) -> None:
    """``value`` into its mapping under ``key``, else at the end of its list (or the root's)."""
    if type(key) is str:
        container[key] = value
    else:
        container.append(value)


def _scalar(event: Any, resolve: Any, scalars: yaml.SafeLoader) -> Any:
    """The value ``load``'s scalar check makes of this event's node, or ``_NotPlain``."""
    value = event.value
    if not event.implicit[0] or (not _RESOLVE_ALL and value[:1] not in _RESOLVED_FIRST):
        tag = STR_TAG  # quoted, or plain text no implicit type can start with: what resolve says
    else:
        tag = resolve(yaml.ScalarNode, value, event.implicit)
    if tag == TIMESTAMP_TAG:
        return str(value)  # a date is text in a spec
    if tag == STR_TAG:
        if CONTROL.search(value):
            raise _NotPlain
        return value
    if tag not in SCALAR_TAGS:
        raise _NotPlain
    node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
    return scalars.construct_object(node, deep=True)
