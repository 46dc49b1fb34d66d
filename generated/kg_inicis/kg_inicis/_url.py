"""The request URL: path parameters percent-encoded into the path template, query parameters
after it, both in the API's encoding (written by docbind, the same in every generated package).

A value is data, never part of the URL's structure: ``/``, ``?``, ``#``, ``%``, spaces and
non-ASCII text are percent-encoded, and a value that would be a ``.`` or ``..`` segment is sent
as ``%2E``/``%2E%2E`` (HTTP libraries and servers resolve dot segments; an encoded dot is not
one). Nothing is normalised: the bytes of the value in the API's encoding are what is sent.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from . import _errors as errors
from ._api import ENCODING
from ._operation import Operation

_PLACEHOLDER = re.compile(r"\{([^{}/]*)\}")


def _text(value: Any) -> str:
    if isinstance(value, bool):  # as JSON writes them
        return "true" if value else "false"
    return str(value)


def _quote(text: str) -> str:
    return urllib.parse.quote(text, safe="", encoding=ENCODING)


def expand_path(template: str, values: Mapping[str, Any]) -> str:
    """``template`` with each ``{name}`` replaced by its value, percent-encoded.

    Raises ``ValueError`` (naming the parameter) for a value that is missing or empty: an empty
    segment would address another resource.
    """

    if "{" not in template:  # no parameters: the documented path as it is
        return _dot_segments(template)

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        value = values.get(name)
        if value is None or _text(value) == "":
            raise ValueError(name)
        return _quote(_text(value))

    return _dot_segments(_PLACEHOLDER.sub(fill, template))


def _dot_segments(path: str) -> str:
    # A segment "." or ".." would address another resource: sent percent-encoded.
    if "." not in path:
        return path
    segments = path.split("/")
    return "/".join("%2E" * len(s) if s in (".", "..") else s for s in segments)


def encode_query(values: Mapping[str, Any], names: Iterable[str]) -> str:
    """``name=value`` pairs of the given parameters (in the documented order), without the
    ``?``; a space is ``%20`` and a ``+`` is ``%2B``, which every server reads alike."""
    return "&".join(
        f"{_quote(name)}={_quote(_text(values[name]))}"
        for name in names
        if values.get(name) is not None
    )


def request_url(op: Operation[Any], base_url: str, values: Mapping[str, Any]) -> str:
    """The base URL, the path with its parameters encoded, and the query string."""
    try:
        path = expand_path(op.path, values)
    except ValueError as exc:
        name = str(exc)
        raise errors.RequestValidationError(
            f"{op.name}: path parameter {name} is missing or empty",
            [(name, "a path parameter needs a value")],
        ) from None
    query = encode_query(values, op.query_params) if op.query_params else ""
    return base_url + path + ("?" + query if query else "")


@lru_cache(maxsize=256)
def _matcher(template: str) -> tuple[re.Pattern[str], tuple[str, ...]]:
    names: list[str] = []
    parts: list[str] = []
    last = 0
    for match in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[last : match.start()]))
        parts.append("([^/?#]+)")
        names.append(match.group(1))
        last = match.end()
    parts.append(re.escape(template[last:].rstrip("/")))
    # Any base path before the template (a base URL may hold one); a trailing slash is the same.
    return re.compile("(?:/.*)?" + "".join(parts) + "/?"), tuple(names)


def match_path(template: str, raw_path: str) -> dict[str, str] | None:
    """The path parameters of ``raw_path`` (as sent, percent-encoded, without the query),
    decoded; None when the path is not one of ``template``'s. Raises ``ValueError`` for a
    value that is not percent-encoded text of the API's encoding."""
    pattern, names = _matcher(template)
    match = pattern.fullmatch(raw_path)
    if match is None:
        return None
    return {
        name: urllib.parse.unquote(raw, encoding=ENCODING, errors="strict")
        for name, raw in zip(names, match.groups(), strict=True)
    }


def placeholder_count(template: str) -> int:
    return len(_PLACEHOLDER.findall(template))


def parse_query(query: str) -> dict[str, str]:
    """A query string as the provider reads it; raises ``ValueError`` for one that is not
    ``name=value`` pairs in the API's encoding, or that repeats a name."""
    pairs = urllib.parse.parse_qsl(
        query,
        keep_blank_values=True,
        strict_parsing=bool(query),
        encoding=ENCODING,
        errors="strict",
    )
    found = dict(pairs)
    if len(found) != len(pairs):
        raise ValueError("a query parameter appears twice")
    return found


def with_params(
    op: Operation[Any], payload: Any, params: Mapping[str, str], query: str
) -> Any:
    """The request as the provider reads it: the body's fields, and the path and query
    parameters beside them (as the request model holds them). Raises ``ValueError`` for a
    parameter that is not the documented one: a literal ``{tid}`` is a template the client
    never filled in, and a name in both the URL and the body is ambiguous."""
    for name, value in params.items():
        if not name or _PLACEHOLDER.fullmatch(value):
            raise ValueError(f"path parameter {name or '?'} is not a value: {value!r}")
    found = {**parse_query(query), **params}
    unknown = sorted(set(found) - {*op.path_params, *op.query_params})
    if unknown:
        raise ValueError(f"undocumented query parameter {unknown[0]}")
    if not isinstance(payload, dict):
        return payload
    twice = sorted(set(found) & set(payload))
    if twice:
        raise ValueError(f"{twice[0]} is sent both in the URL and in the body")
    return {**payload, **found}
