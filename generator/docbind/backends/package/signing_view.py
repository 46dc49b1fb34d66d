"""Each signer as one straight-line expression over the joined message, so a generated signer
costs little more than calling ``hmac`` by hand."""

from __future__ import annotations

import re
from dataclasses import dataclass

from docbind.backends.pylit import Code, py_str
from docbind.ir.model import Signer
from docbind.ir.recipes import SignPart, SortedFields

_DIGESTS = {
    "hmac-sha256": "sha256",
    "hmac-sha512": "sha512",
    "sha256": "sha256",
    "sha512": "sha512",
    "md5": "md5",
}


@dataclass(frozen=True)
class SignerView:
    signer: Signer
    arguments: tuple[str, ...]  # keyword-only parameters, in the recipe's order
    expression: str  # Python source of the returned value
    message: str = ""  # RSA: the signed bytes, which verify_<name> checks again

    def annotation(self, name: str) -> str:
        if name == "params":
            return "Mapping[str, object]"
        if name == "key_password":
            return "str | None"
        return "bytes" if name == "body" else "str"


def arguments(signer: Signer) -> tuple[str, ...]:
    """The signer's keyword arguments: each field, header and credential once, then the
    body and the time (the names the seeds' signers have always taken)."""
    names: list[str] = []
    for part in signer.parts:
        if part.kind not in ("constant", "body", "time") and part.py_name not in names:
            names.append(part.py_name)
    if signer.sign_body:
        names.append("body")
    if signer.time_format:
        names.append("time")
    if signer.key_password:
        names.append("key_password")
    return tuple(names)


def _sorted_call(part: SignPart) -> str:
    rule = part.sorted
    assert rule is not None
    return (
        f"_sorted_fields(params, {rule.exclude!r}, {rule.skip_empty!r}, {rule.pair!r}, "
        f"{rule.join!r})"
    )


def _piece(part: SignPart) -> str:
    if part.kind == "constant":
        return repr(part.value)
    return _sorted_call(part) if part.sorted else part.py_name


def _message(signer: Signer) -> str:
    if len(signer.parts) == 1 and signer.sign_body:
        return "body"
    pieces = [_piece(p) for p in signer.parts]
    if not signer.sign_body:
        joiner = f" + {signer.separator!r} + " if signer.separator else " + "
        return f'({joiner.join(pieces)}).encode("utf-8")'
    # The body is bytes as sent: every other piece is encoded and joined to it.
    encoded = [
        "body" if p.kind == "body" else f'{piece}.encode("utf-8")'
        for p, piece in zip(signer.parts, pieces, strict=True)
    ]
    return f"{signer.separator.encode('utf-8')!r}.join(({', '.join(encoded)},))"


def _rsa_mac(signer: Signer) -> str:
    password = "key_password" if signer.key_password else "None"
    pss = signer.algorithm == "rsa-pss-sha256"
    raw = f"_rsa.sign({signer.key}, {password}, message, pss={pss})"
    if signer.output == "hex":
        return f"{raw}.hex()"
    if signer.output == "hex-upper":
        return f"{raw}.hex().upper()"
    return f'binascii.b2a_base64({raw}, newline=False).decode("ascii")'


def _mac(signer: Signer) -> str:
    if signer.rsa:  # the message is bound to a local first: verify_<name> shares it
        return _rsa_mac(signer)
    message = _message(signer)
    name = _DIGESTS[signer.algorithm]
    if signer.key:
        digest = f'hmac.new({signer.key}.encode("utf-8"), {message}, hashlib.{name})'
    elif name == "md5":  # a provider's documented checksum, not docbind's choice of hash
        digest = f"hashlib.md5({message}, usedforsecurity=False)"
    else:
        digest = f"hashlib.{name}({message})"
    if signer.output == "hex":
        return f"{digest}.hexdigest()"
    if signer.output == "hex-upper":
        return f"{digest}.hexdigest().upper()"
    # binascii directly: base64.b64encode is a Python wrapper around the same call.
    return f'binascii.b2a_base64({digest}.digest(), newline=False).decode("ascii")'


def signer_view(signer: Signer) -> SignerView:
    """The template's literal text and its placeholders joined with ``+``: no ``str.replace``
    passes at run time, and no escaping of the document's text inside an f-string."""
    values = {"{mac}": _mac(signer), "{time}": "time" if signer.time_format else None}
    parts = []
    for piece in re.split(r"(\{mac\}|\{time\})", signer.template):
        value = values.get(piece)
        if value is not None:
            parts.append(value)
        elif piece:
            parts.append(repr(piece))
    message = _message(signer) if signer.rsa else ""
    return SignerView(signer, arguments(signer), " + ".join(parts), message)


def signing_imports(signers: tuple[Signer, ...]) -> list[str]:
    modules = {"hmac"}  # verify() uses hmac
    for signer in signers:
        modules |= {"hashlib"} if not signer.rsa else set()
        modules |= {"binascii"} if signer.output == "base64" or signer.rsa else set()
    return sorted(modules)


def sorted_text(rule: SortedFields, values: dict[str, str]) -> str:
    """The generated test's own writing of a ``sorted_fields`` item over ``values``."""
    pairs = [(k, v) for k, v in sorted(values.items()) if k not in rule.exclude]
    return rule.join.join(f"{k}{rule.pair}{v}" for k, v in pairs if v or not rule.skip_empty)


# --- the generated test's own computation of each recipe ----------------------------------


def _test_params(rule: SortedFields) -> dict[str, str]:
    """Fields out of order, an empty one and the excluded ones, for ``sorted_fields``."""
    values = {"zeta": "z", "Alpha": "A", "alpha": "a b", "empty": "", "mid_1": "10"}
    return values | {name: "excluded" for name in rule.exclude}


def signing_test_values(signer: Signer) -> dict[str, object]:
    """A value for each text argument of the signer (fields, headers, credentials)."""
    names = [n for n in arguments(signer) if n not in ("body", "time", "key_password")]
    values: dict[str, object] = {n: f"{n}-{i}" for i, n in enumerate(names, 1)}
    rule = signer.sorted_fields
    if rule is not None:
        values["params"] = _test_params(rule)
    return values


def signing_test_message(signer: Signer) -> Code:
    """The signed message, written out from the recipe (not from the signer's code)."""
    if len(signer.parts) == 1 and signer.sign_body:
        return Code("body")
    names = [p.py_name for p in signer.parts]
    rule = signer.sorted_fields
    sorted_piece = py_str(sorted_text(rule, _test_params(rule))) if rule else ""
    if all(p.kind == "field" for p in signer.parts) and len(set(names)) == len(names):
        return Code(f'{py_str(signer.separator)}.join(values.values()).encode("utf-8")')
    pieces = []
    for part in signer.parts:
        if part.kind == "constant":
            pieces.append(py_str(part.value))
        elif part.kind in ("time", "body"):
            pieces.append(part.kind.upper() if part.kind == "time" else "body")
        elif part.kind == "sorted":  # written out here, from the recipe
            pieces.append(sorted_piece)
        else:
            pieces.append(f"values[{py_str(part.py_name)}]")
    if not signer.sign_body:
        return Code(f'{py_str(signer.separator)}.join([{", ".join(pieces)}]).encode("utf-8")')
    encoded = [p if p == "body" else f'{p}.encode("utf-8")' for p in pieces]
    return Code(f"{py_str(signer.separator.encode('utf-8'))}.join([{', '.join(encoded)}])")
