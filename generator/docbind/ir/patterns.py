"""Which documented patterns a linear-time regex engine can run.

Generated models match patterns with pydantic's Rust engine, and the client checks header
patterns with it too: its time is linear in the input, so no pattern in a spec can stall a
client (ReDoS). That engine has no look-around and no back-references; a pattern using them
would silently fall back to Python's backtracking ``re``, so docbind refuses it instead.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docbind.ir.model import Field

_parser: Any = getattr(re, "_parser", None)  # sre_parse under its 3.11+ name
_FEATURES = {
    "ASSERT": "look-ahead/look-behind groups",
    "ASSERT_NOT": "negative look-ahead/look-behind groups",
    "GROUPREF": "back-references",
    "GROUPREF_EXISTS": "conditional groups",
}


def backtracking_feature(pattern: str) -> str | None:
    """The first construct of ``pattern`` that only a backtracking engine runs, or None."""
    if _parser is None:
        return None
    return _walk(_parser.parse(pattern))


def _walk(items: Any) -> str | None:
    for op, arg in items:
        if str(op) in _FEATURES:
            return _FEATURES[str(op)]
        for sub in _subpatterns(arg):
            found = _walk(sub)
            if found:
                return found
    return None


def _subpatterns(arg: Any) -> list[Any]:
    """The nested patterns of one opcode's argument (groups, branches, repeats)."""
    found: list[Any] = []
    for part in arg if isinstance(arg, (list, tuple)) else ():
        if isinstance(part, _parser.SubPattern):
            found.append(part)
        elif isinstance(part, (list, tuple)):
            found += [sub for sub in part if isinstance(sub, _parser.SubPattern)]
    return found


# --- a value that matches: deterministic test data for a pattern -----------------------------


def pattern_value(f: Field) -> str | None:
    """Test data for a string field with a pattern: a matching text within
    its length (exactly its length when ``exact``), not empty when the pattern allows more."""
    assert f.pattern is not None
    limit = f.length_limit
    text = matching_text(f.pattern, limit if f.exact_length else None)
    if text == "":
        text = matching_text(f.pattern, 1) or ""
    if text is None or (limit is not None and len(text.encode("utf-8")) > limit):
        return None
    return text


_CATEGORY_CHARS = {"CATEGORY_DIGIT": "0", "CATEGORY_WORD": "a", "CATEGORY_SPACE": " "}
_CANDIDATES = "aA0zZ9_-. ~x"


def matching_text(pattern: str, length: int | None = None) -> str | None:
    """A text that ``pattern`` matches in full, made by walking its parse tree: the fewest
    repeats, the first alternative, the first character of a class; when ``length`` is given,
    repeats grow until the text is that long. The same text on every run. None when no such
    text was found (the spec then needs an ``example``)."""
    if _parser is None:
        return None
    try:
        tree = _parser.parse(pattern)
    except re.error:
        return None
    text = _text(tree, [0])
    if length is not None and len(text) < length:
        text = _text(tree, [length - len(text)])
    ok = re.fullmatch(pattern, text) is not None
    return text if ok and (length is None or len(text) == length) else None


def _text(items: Any, budget: list[int]) -> str:
    """``budget[0]``: characters still to add by repeating more than the fewest times."""
    out = []
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(arg))
        elif name == "NOT_LITERAL":
            out.append("b" if chr(arg) == "a" else "a")
        elif name == "ANY":
            out.append("a")
        elif name == "IN":
            out.append(_one_of(arg))
        elif name == "BRANCH":
            out.append(_text(arg[1][0], budget))
        elif name == "SUBPATTERN":
            out.append(_text(arg[-1], budget))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            out.append(_repeat(arg, budget))
        elif name == "ATOMIC_GROUP":
            out.append(_text(arg, budget))
    return "".join(out)


def _repeat(arg: Any, budget: list[int]) -> str:
    low, high, sub = arg
    once = _text(sub, [0])
    text = _text(sub, budget) * low if low else ""
    count = low
    while once and budget[0] >= len(once) and (high == _parser.MAXREPEAT or count < high):
        text += once
        budget[0] -= len(once)
        count += 1
    return text


def _one_of(items: Any) -> str:
    """The first character of a class (``[a-z]``, ``\\d``), or of its complement."""
    if items and str(items[0][0]) == "NEGATE":
        return next((c for c in _CANDIDATES if not _in_class(items[1:], c)), "a")
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            return chr(arg)
        if name == "RANGE":
            return chr(arg[0])
        if name == "CATEGORY":
            return _CATEGORY_CHARS.get(str(arg), "a")
    return "a"


def _in_class(items: Any, char: str) -> bool:
    code = ord(char)
    for op, arg in items:
        name = str(op)
        if (name == "LITERAL" and arg == code) or (name == "RANGE" and arg[0] <= code <= arg[1]):
            return True
        if name == "CATEGORY" and re.fullmatch(
            {"CATEGORY_DIGIT": r"\d", "CATEGORY_WORD": r"\w", "CATEGORY_SPACE": r"\s"}.get(
                str(arg), "(?!)"
            ),
            char,
        ):
            return True
    return False
