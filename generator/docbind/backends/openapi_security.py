"""The OpenAPI export's parts about authentication, signing and publishing: the security
scheme, the signing recipes (``x-docbind-signers``) and the info's license and contact."""

from __future__ import annotations

from typing import Any

from docbind.ir.model import Api, Note
from docbind.ir.recipes import SignPart

Schema = dict[str, Any]


def notes_extension(notes: tuple[Note, ...]) -> list[dict[str, str]]:
    """Notes and assumptions as ``x-docbind-notes`` entries."""
    return [{"kind": n.kind, "source": n.source, "text": n.text} for n in notes]


def _input_item(part: SignPart) -> Schema:
    """One item of a signer's ordered input, as the spec writes it."""
    rule = part.sorted
    if rule is None:
        return {part.kind: part.value or True}
    return {
        "sorted_fields": {
            "exclude": list(rule.exclude),
            "skip_empty": rule.skip_empty,
            "pair": rule.pair,
            "join": rule.join,
        }
    }


def signers_extension(api: Api) -> list[Schema]:
    return [
        {
            "name": s.name,
            "recipe": s.recipe,
            "description": s.doc,
            "algorithm": s.algorithm,
            "key": s.key,
            "fields": list(s.fields),
            "separator": s.separator,
            "sign_body": s.sign_body,
            "output": s.output,
            "template": s.template,
            "time_format": s.time_format,
            "time_zone": s.time_zone,
            **({"key_password": s.key_password} if s.key_password else {}),
            # The ordered recipe, where it holds more than fields or the body.
            **(
                {"input": [_input_item(p) for p in s.parts]}
                if any(p.kind not in ("field", "body") for p in s.parts)
                else {}
            ),
            **({"notes": notes_extension(s.notes)} if s.notes else {}),
        }
        for s in api.signers
    ]


def security_components(api: Api) -> Schema:
    """The ``auth`` scheme as an OpenAPI security scheme, required by every operation."""
    auth = api.auth
    if auth is None:
        return {}
    scheme: Schema = {"type": "apiKey", "in": "header", "name": auth.header}
    if auth.type in ("basic", "bearer") or (auth.token and auth.scheme == "Bearer"):
        scheme = {"type": "http", "scheme": "bearer" if auth.token else auth.type}
    scheme["description"] = f"{auth.header}: {auth.words}. {auth.doc}".strip()
    return {"securitySchemes": {"auth": scheme}}


def publishing_info(api: Api) -> Schema:
    """``license`` (an SPDX expression as its identifier) and ``contact`` from the spec's
    publishing metadata."""
    meta = api.publishing
    info: Schema = {}
    if meta.license:
        info["license"] = {"name": meta.license, "identifier": meta.license}
    contact: Schema = {}
    if meta.authors:
        contact["name"] = ", ".join(a.name for a in meta.authors)
        email = next((a.email for a in meta.authors if a.email), None)
        if email:
            contact["email"] = email
    homepage = meta.url("homepage")
    if homepage:
        contact["url"] = homepage
    if contact:
        info["contact"] = contact
    return info
