"""Names the draft needs: PascalCase code tables, snake_case members and operations."""

from __future__ import annotations

import keyword
import re
import unicodedata


def words(text: str) -> list[str]:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", ascii_text)
    return [w.lower() for w in re.findall(r"[A-Za-z0-9]+", spaced)]


def snake(text: str, fallback: str) -> str:
    name = "_".join(words(text))
    if not name or not name[0].isalpha():
        name = f"{fallback}_{name}" if name else fallback
    return f"{name}_" if keyword.iskeyword(name) else name


def pascal(text: str, fallback: str) -> str:
    name = "".join(w.capitalize() for w in words(text))
    return name if name and name[0].isalpha() else fallback + name


def code_table_name(field_name: str) -> str:
    """``reviseTypeCode`` → ``ReviseType``; ``statusCode`` → ``StatusCode``."""
    name = pascal(field_name, "Codes")
    trimmed = name[:-4] if name.endswith("Code") else name
    return trimmed if len(trimmed) > 1 and trimmed not in ("Status", "Result") else name


def unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name}_{n}", n + 1
    taken.add(candidate)
    return candidate
