"""Each signer as one straight-line expression over the joined message, so a generated signer
costs little more than calling ``hmac`` by hand."""

from __future__ import annotations

from dataclasses import dataclass

from ..ir import Signer


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
    digest = (f'hmac.new({signer.key}.encode("utf-8"), {message}, hashlib.sha256)' if signer.key
              else f"hashlib.sha256({message})")
    return f"{digest}.hexdigest()" if signer.output == "hex" else (
        f'base64.b64encode({digest}.digest()).decode("ascii")')


def signer_view(signer: Signer) -> SignerView:
    mac = _mac(signer)
    if signer.template == "{mac}":
        return SignerView(signer, mac)
    shaped = repr(signer.template)
    if signer.time_format:
        shaped += '.replace("{time}", time)'
    return SignerView(signer, f'{shaped}.replace("{{mac}}", {mac})')


def signing_imports(signers: tuple[Signer, ...]) -> list[str]:
    modules = {"hashlib", "hmac"}  # verify() uses hmac.compare_digest
    for signer in signers:
        modules |= {"base64"} if signer.output == "base64" else set()
    return sorted(modules)
