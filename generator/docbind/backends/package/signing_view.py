"""Each signer as one straight-line expression over the joined message, so a generated signer
costs little more than calling ``hmac`` by hand."""

from __future__ import annotations

import re
from dataclasses import dataclass

from docbind.ir.model import Signer


@dataclass(frozen=True)
class SignerView:
    signer: Signer
    expression: str  # Python source of the returned value


def _message(signer: Signer) -> str:
    if signer.sign_body:
        return "body"
    parts = f" + {signer.separator!r} + ".join(signer.field_py_names)
    return f'({parts}).encode("utf-8")'


def _mac(signer: Signer) -> str:
    message = _message(signer)
    digest = (
        f'hmac.new({signer.key}.encode("utf-8"), {message}, hashlib.sha256)'
        if signer.key
        else f"hashlib.sha256({message})"
    )
    if signer.output == "hex":
        return f"{digest}.hexdigest()"
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
    return SignerView(signer, " + ".join(parts))


def signing_imports(signers: tuple[Signer, ...]) -> list[str]:
    modules = {"hashlib", "hmac"}  # verify() uses hmac.compare_digest
    for signer in signers:
        modules |= {"binascii"} if signer.output == "base64" else set()
    return sorted(modules)
