"""Names the draft makes from a document's prose: code tables, members, operations, errors.

They differ from ``docbind.ir.names`` (``snake``/``pascal``) on purpose, and are named apart:
those turn a spec's identifiers into Python names and return None for one that cannot be made
(the author gets a located error to fix), while these read free text (a table's title, a code's
label, an error message) and must always give a name, so a draft is always written: accented
letters are folded to ASCII rather than dropped, and ``fallback`` stands in for text with no
ASCII word at all. Both split words alike (``ir.names.words``), so a draft names things the way
the generated code will.
"""

from __future__ import annotations

import keyword
import unicodedata

from docbind.ir.names import words


def _ascii_words(text: str) -> list[str]:
    return words(unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode())


def snake_from_text(text: str, fallback: str) -> str:
    name = "_".join(_ascii_words(text))
    if not name or not name[0].isalpha():
        name = f"{fallback}_{name}" if name else fallback
    return f"{name}_" if keyword.iskeyword(name) else name


def pascal_from_text(text: str, fallback: str) -> str:
    name = "".join(w.capitalize() for w in _ascii_words(text))
    return name if name and name[0].isalpha() else fallback + name


def code_table_name(field_name: str) -> str:
    """``reviseTypeCode`` → ``ReviseType``; ``statusCode`` → ``StatusCode``."""
    name = pascal_from_text(field_name, "Codes")
    trimmed = name[:-4] if name.endswith("Code") else name
    return trimmed if len(trimmed) > 1 and trimmed not in ("Status", "Result") else name


def unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name}_{n}", n + 1
    taken.add(candidate)
    return candidate
