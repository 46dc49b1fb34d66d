"""Which documented patterns a linear-time regex engine can run.

Generated models match patterns with pydantic's Rust engine, and the client checks header
patterns with it too: its time is linear in the input, so no pattern in a spec can stall a
client (ReDoS). That engine has no look-around and no back-references; a pattern using them
would silently fall back to Python's backtracking ``re``, so docbind refuses it instead.
"""

from __future__ import annotations

import re
from typing import Any

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
