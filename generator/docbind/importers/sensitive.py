"""Fields a draft marks ``sensitive: true`` (card and account numbers, a person's name, passwords
and secrets, resident registration numbers) and fields the document says are encrypted.

Both are readings of names and descriptions, so each comes with a TODO to confirm it.
"""

from __future__ import annotations

import re

from docbind.importers.model import DraftField
from docbind.ir.names import words

_PERSON = frozenset(
    {
        "holder",
        "buyer",
        "customer",
        "payer",
        "depositor",
        "owner",
        "acct",
        "account",
        "card",
        "user",
        "member",
        "receiver",
        "recipient",
        "sender",
        "cardholder",
        "full",
        "first",
        "last",
    }
)
_NUMBER = frozenset({"no", "num", "number", "nbr"})
_PAYOUT = frozenset({"refund", "bank", "deposit", "settlement", "payout", "withdraw"})
_SECRET = frozenset({"password", "passwd", "pwd", "pin", "secret", "cvc", "cvv", "ssn", "rrn"})
_DOC_TERMS = re.compile(
    r"(카드\s*번호|계좌\s*번호|예금주(?:\s*명)?|비밀\s*번호|주민(?:등록)?\s*번호|card number|"
    r"account number|holder name|password|cardholder name|social security number)$",
    re.I,
)
_ENCRYPTED = re.compile(r"\[enc\]|암호화|encrypted|\bAES\d*\b|\bRSA\b|\bSEED\b", re.I)


def sensitive_reason(f: DraftField, parent: str = "") -> str | None:
    """Why the field looks sensitive, or None."""
    parts = [w.lower() for w in words(f.name)]
    last = parts[-1] if parts else ""
    if any(p in _SECRET for p in parts) or "resident" in parts or "jumin" in parts:
        return "a password, secret or resident number"
    if last in _NUMBER and ("card" in parts or (parent.lower() == "card" and len(parts) == 1)):
        return "a card number"
    if {"acct", "account"} & set(parts) and last in _NUMBER:
        return "an account number"
    if last == "account" and parts[0] in _PAYOUT:
        return "an account number"
    if last == "holder" or (last == "name" and _PERSON & set(parts[:-1])):
        return "a person's name"
    subject = re.split(r"[,(.]", f.doc, maxsplit=1)[0].strip()
    if subject and _DOC_TERMS.search(subject):
        return "described as " + _DOC_TERMS.search(subject).group(1)  # type: ignore[union-attr]
    return None


def encrypted_mark(f: DraftField) -> str | None:
    m = _ENCRYPTED.search(f"{f.name} {f.doc}")
    return m.group(0) if m else None


def mark_sensitive(fields: list[DraftField], parent: str = "") -> None:
    """Mark encrypted and sensitive-looking fields, each with a TODO to confirm."""
    for f in fields:
        if f.type not in ("object", "array"):
            if (mark := encrypted_mark(f)) is not None:
                f.sensitive = True
                f.todos.append(
                    f"The document marks this value as encrypted ({mark}): docbind passes it "
                    "as given (it neither encrypts nor decrypts); confirm it is sensitive."
                )
            elif (reason := sensitive_reason(f, parent)) is not None:
                f.sensitive = True
                f.todos.append(f"Drafted sensitive: true as {reason}; confirm.")
        mark_sensitive(f.fields, f.name)
