"""Encryption recipes of ``api.yaml`` ([ENC] fields), and the checks of the fields and answers
that use them: ``encrypt:`` on request fields, ``url_encoded:`` on response fields, and the
response ``charset`` a request field chooses."""

from __future__ import annotations

import base64
import binascii
import codecs
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from docbind.frontend.build_fields import hint, notes_of
from docbind.frontend.load import Document, JsonPath
from docbind.ir.crypto import IV_BYTES, CipherVector, Encryption, ResponseCharset, material
from docbind.ir.diagnostics import Collector
from docbind.ir.model import Field, Operation, Signer


def _cipher_bytes(text: str, output: str) -> bytes | None:
    try:
        if output == "base64":
            return base64.b64decode(text, validate=True)
        return bytes.fromhex(text)
    except (ValueError, binascii.Error):
        return None


class EncryptionBuilder:
    """The ``encryption:`` recipes, each checked where it is written."""

    def __init__(self, doc: Document, diag: Collector, credentials: set[str]) -> None:
        self.doc = doc
        self.diag = diag
        self.credentials = credentials

    def recipes(self, data: dict[str, Any]) -> tuple[Encryption, ...]:
        return tuple(self.recipe(name, spec) for name, spec in data.items())

    def _error(self, path: JsonPath, message: str) -> None:
        self.diag.error(self.doc.loc(path), message)

    def recipe(self, name: str, spec: dict[str, Any]) -> Encryption:
        path: JsonPath = ("encryption", name)
        for key in ("key", "iv"):
            value = spec.get(key)
            if value is not None and value not in self.credentials:
                self._error(
                    (*path, key),
                    f"encryption {name}: {key} '{value}' is not a credential"
                    f"{hint(str(value), self.credentials, 'credentials')}",
                )
        mode = spec["mode"]
        if mode == "ecb" and "iv" in spec:
            self._error((*path, "iv"), f"encryption {name}: ECB takes no IV; remove iv:")
        if mode == "cbc" and "iv" not in spec:
            self.diag.error(
                self.doc.key_loc(path), f"encryption {name}: CBC needs an IV credential (iv:)"
            )
        recipe = Encryption(
            name=name,
            doc=str(spec.get("doc", "")),
            algorithm=spec["algorithm"],
            mode=mode,
            key=str(spec["key"]),
            iv=spec.get("iv") if mode == "cbc" else None,
            key_format=spec.get("key_format", "text"),
            output=spec["output"],
            vectors=(),
            source=spec.get("source", "document"),
            notes=notes_of(self.doc, spec, path),
            loc=self.doc.key_loc(path),
        )
        vectors = tuple(
            self._vector(recipe, item, (*path, "vectors", index))
            for index, item in enumerate(spec.get("vectors") or [])
        )
        return replace(recipe, vectors=vectors)

    def _vector(self, recipe: Encryption, item: dict[str, Any], path: JsonPath) -> CipherVector:
        """A published test value must fit its recipe: a wrong key length is a typo in the
        spec, not something to find out at run time."""
        where = f"encryption {recipe.name}"
        key = material(str(item["key"]), recipe.key_format)
        if key is None:
            self._error((*path, "key"), f"{where}: the key is not {recipe.key_format}")
        elif len(key) != recipe.key_bytes:
            self._error(
                (*path, "key"),
                f"{where}: the key is {len(key)} bytes; {recipe.algorithm.upper()} needs "
                f"{recipe.key_bytes}",
            )
        iv = item.get("iv")
        if iv is not None and recipe.mode == "ecb":
            self._error((*path, "iv"), f"{where}: ECB takes no IV")
        elif iv is None and recipe.mode == "cbc":
            self.diag.error(self.doc.key_loc(path), f"{where}: a CBC example needs its iv")
        elif iv is not None:
            iv_bytes = material(str(iv), recipe.key_format)
            if iv_bytes is None or len(iv_bytes) != IV_BYTES:
                size = "not " + recipe.key_format if iv_bytes is None else f"{len(iv_bytes)} bytes"
                self._error((*path, "iv"), f"{where}: the IV is {size}; AES needs {IV_BYTES}")
        cipher = _cipher_bytes(str(item["cipher"]), recipe.output)
        if cipher is None or not cipher or len(cipher) % IV_BYTES:
            self._error(
                (*path, "cipher"),
                f"{where}: the ciphertext is not whole AES blocks written as {recipe.output}",
            )
        return CipherVector(
            str(item["key"]),
            None if iv is None else str(iv),
            str(item["plain"]),
            str(item["cipher"]),
            self.doc.loc(path),
        )


def _walk(fields: tuple[Field, ...], path: JsonPath) -> Iterator[tuple[Field, JsonPath, bool]]:
    """Every field with its spec path and whether it is at the top level."""
    for f in fields:
        where = (*path, f.wire_name)
        yield f, where, len(path) == 2
        inner = f.items if f.type == "array" and f.items is not None else f
        below = (*where, "items", "fields") if f.type == "array" else (*where, "fields")
        yield from ((g, p, False) for g, p, _ in _walk(inner.fields, below))


def check_cipher_fields(
    doc: Document, diag: Collector, fields: tuple[Field, ...], path: JsonPath, known: set[str]
) -> None:
    """``encrypt`` on a top-level request body string field only, naming a recipe; refused
    everywhere else (headers, path, query, nested objects, answers, notifications)."""
    body = path == ("request", "body")
    for f, where, top in _walk(fields, path):
        if f.encrypt is not None:
            loc = doc.loc((*where, "encrypt"))
            if f.encrypt not in known:
                diag.error(
                    loc,
                    f"{f.wire_name}: encrypt names no encryption recipe"
                    f"{hint(f.encrypt, known, 'encryption recipes')}",
                )
            if not (body and top):
                diag.error(loc, f"{f.wire_name}: only top-level request body fields are encrypted")
            if f.type != "string":
                diag.error(loc, f"{f.wire_name}: only a string is encrypted (type {f.type})")
        if f.url_encoded:
            loc = doc.loc((*where, "url_encoded"))
            if path != ("response", "body") or not top:
                diag.error(loc, f"{f.wire_name}: url_encoded applies to top-level response fields")
            if f.type != "string":
                diag.error(loc, f"{f.wire_name}: url_encoded applies to a string (type {f.type})")


def check_plain_parts(
    doc: Document, diag: Collector, op: Operation, signers: dict[str, Signer]
) -> None:
    """A signer's ``{plain: x}`` reads an encrypted field before encryption: ``x`` must be one
    (``{field: x}`` signs a field as sent, ciphertext included)."""
    encrypted = {f.wire_name for f in op.request.body if f.encrypt}
    for f in (*op.request.body, *op.request.headers):
        if f.computed is None or f.computed.kind != "signature":
            continue
        signer = signers.get(f.computed.arg or "")
        for part in signer.parts if signer else ():
            if part.kind == "plain" and part.value not in encrypted:
                diag.error(
                    f.loc,
                    f"signer {signer.name if signer else ''} signs {{plain: {part.value}}}, "
                    f"but {part.value} is not an encrypted request field of {op.name}; use "
                    f"{{field: {part.value}}}",
                )


def response_charset(
    doc: Document,
    diag: Collector,
    data: dict[str, Any] | None,
    request: tuple[Field, ...],
    encoding: str,
) -> ResponseCharset | None:
    """``response.charset``: a request body or query field whose value chooses the charset."""
    if data is None:
        return None
    path: JsonPath = ("response", "charset")
    names = {f.wire_name for f in request}
    field = str(data["field"])
    if field not in names:
        diag.error(
            doc.loc((*path, "field")),
            f"response charset: '{field}' is not a request field{hint(field, names, '')}",
        )
    values = tuple((str(k), str(v)) for k, v in data["values"].items())
    default = str(data.get("default", encoding))
    for where, charset in [
        *(((*path, "values", k), v) for k, v in values),
        ((*path, "default"), default),
    ]:
        try:
            codecs.lookup(charset)
        except LookupError:
            diag.error(doc.loc(where), f"response charset: unknown charset '{charset}'")
    return ResponseCharset(field, values, default, doc.key_loc(path))
