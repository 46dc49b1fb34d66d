"""Python names for spec identifiers, decided once while building the IR."""

from __future__ import annotations

import builtins
import keyword
import re

_WORD_BREAK = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NON_WORD = re.compile(r"[^0-9A-Za-z]+")
# Names a pydantic model already uses; a field called so would shadow them.
_MODEL_RESERVED = frozenset(
    {"copy", "dict", "json", "schema", "construct", "validate", "fields", "parse_obj", "parse_raw"}
)
_RESERVED = frozenset(dir(builtins)) | _MODEL_RESERVED


def words(name: str) -> list[str]:
    """Split camelCase, PascalCase, kebab-case, dotted and snake_case names into lowercase words."""
    spaced = _WORD_BREAK.sub(" ", name)
    return [w.lower() for w in _NON_WORD.split(spaced) if w]


def _safe(name: str, prefix: str) -> str | None:
    if not name:
        return None
    if name[0].isdigit():
        name = f"{prefix}{name}"
    if not name.isidentifier() or not name.isascii():
        return None
    if keyword.iskeyword(name) or keyword.issoftkeyword(name) or name in _RESERVED:
        return f"{name}_"
    if name.startswith("model_"):
        return f"{name}_"
    return name


def snake(name: str) -> str | None:
    """``refundInfo`` → ``refund_info``, ``X-KM-Tran-Time`` → ``x_km_tran_time``, or None."""
    return _safe("_".join(words(name)), "f_")


def pascal(name: str) -> str | None:
    """``get_refund_fee`` → ``GetRefundFee``; None if no safe class name can be made."""
    return _safe("".join(w[:1].upper() + w[1:] for w in words(name)), "M")


def constant(name: str) -> str | None:
    """``settlement_full_refund`` → ``SETTLEMENT_FULL_REFUND`` (enum members)."""
    return _safe("_".join(words(name)).upper(), "V_")
