"""Signers and the authentication scheme of ``api.yaml``: recipes as data, checked here."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, cast

from docbind.frontend.build_fields import hint, notes_of, zone_problem
from docbind.frontend.build_token import TOKEN_KEYS, token_flow
from docbind.frontend.load import Document, JsonPath
from docbind.ir.diagnostics import Collector
from docbind.ir.model import Operation, Signer, Source
from docbind.ir.names import snake
from docbind.ir.recipes import Auth, SignPart, SortedFields

# The one key of an item of an ordered ``input:`` list, and the part it becomes.
PART_KEYS = (
    "field",
    "plain",
    "header",
    "path",
    "constant",
    "credential",
    "time",
    "body",
    "sorted_fields",
)
# Which auth keys each type takes.
_AUTH_KEYS = (
    ("username", {"basic"}),
    ("password", {"basic"}),
    ("credential", {"bearer", "scheme", "header"}),
    ("scheme", {"scheme", "token"}),
    ("header", {"header", "token"}),
    *((key, {"token"}) for key in TOKEN_KEYS),
)


def _legacy_parts(inp: dict[str, Any]) -> list[SignPart]:
    """``{fields: [...], separator: ...}`` or ``{body: true}``, the short forms."""
    if inp.get("body"):
        return [SignPart("body", "", "body")]
    return [SignPart("field", str(f), snake(str(f)) or "value") for f in inp.get("fields") or ()]


def _part(item: dict[str, Any]) -> SignPart:
    kind = next(k for k in PART_KEYS if k in item)
    value = item[kind]
    if kind == "body":
        return SignPart("body", "", "body")
    if kind == "sorted_fields":
        spec = value if isinstance(value, dict) else {}
        rule = SortedFields(
            exclude=tuple(str(n) for n in spec.get("exclude") or ()),
            skip_empty=bool(spec.get("skip_empty", False)),
            pair=str(spec.get("pair", "=")),
            join=str(spec.get("join", "&")),
        )
        return SignPart("sorted", "", "params", rule)
    if kind == "time":
        return SignPart("time", str(value), "time")
    if kind == "constant":
        return SignPart("constant", str(value), "")
    if kind == "credential":
        return SignPart("credential", str(value), str(value))
    if kind == "plain":  # beside {field: x} of the same field: a name of its own
        return SignPart("plain", str(value), f"{snake(str(value)) or 'value'}_plain")
    return SignPart(cast(Any, kind), str(value), snake(str(value)) or "value")


def exclude_signatures(
    signers: tuple[Signer, ...], operations: tuple[Operation, ...]
) -> tuple[Signer, ...]:
    """A ``sorted_fields`` item never signs the signature itself: every field that carries
    the signer's signature joins its ``exclude`` list (the provider sees it in the request)."""
    targets: dict[str, set[str]] = {}
    for op in operations:
        for f in op.request.body:
            if f.computed is not None and f.computed.kind == "signature":
                targets.setdefault(f.computed.arg or "", set()).add(f.wire_name)
    result = []
    for signer in signers:
        rule = signer.sorted_fields
        extra = sorted(targets.get(signer.name, set()) - set(rule.exclude if rule else ()))
        if rule is not None and extra:
            wider = replace(rule, exclude=(*rule.exclude, *extra))
            parts = tuple(replace(p, sorted=wider) if p.sorted else p for p in signer.parts)
            signer = replace(signer, parts=parts)
        result.append(signer)
    return tuple(result)


def check_excludes(
    doc: Document, diag: Collector, signers: tuple[Signer, ...], operations: tuple[Operation, ...]
) -> None:
    """A name in ``sorted_fields.exclude`` that no request signed by the signer holds is a
    typo: the field it meant would be signed."""
    for signer in signers:
        rule = signer.sorted_fields
        if rule is None:
            continue
        names: set[str] = set()
        for op in operations:
            if any(
                f.computed is not None and f.computed.arg == signer.name
                for f in (*op.request.body, *op.request.headers)
            ):
                names |= {f.wire_name for f in op.request.fields}
        index = next(i for i, p in enumerate(signer.parts) if p.sorted is not None)
        for at, name in enumerate(rule.exclude):
            if names and name not in names:
                where = ("signers", signer.name, "input", index, "sorted_fields", "exclude", at)
                diag.error(
                    doc.loc(where),
                    f"signer {signer.name}: sorted_fields excludes '{name}', which no request "
                    f"it signs holds{hint(name, names, 'request fields')}",
                )


class SignerBuilder:
    def __init__(self, doc: Document, diag: Collector, credentials: set[str]) -> None:
        self.doc = doc
        self.diag = diag
        self.credentials = credentials

    def signers(self, data: dict[str, Any]) -> tuple[Signer, ...]:
        return tuple(self.signer(name, spec) for name, spec in data.items())

    def _error(self, path: JsonPath, message: str) -> None:
        self.diag.error(self.doc.loc(path), message)

    def _parts(self, name: str, spec: dict[str, Any], path: JsonPath) -> list[SignPart]:
        inp = spec["input"]
        if isinstance(inp, dict):
            if ("fields" in inp) == bool(inp.get("body")):
                self._error(
                    (*path, "input"), f"signer {name}: input needs either fields or body: true"
                )
            return _legacy_parts(inp)
        parts = [_part(item) for item in inp]
        for index, part in enumerate(parts):
            where = (*path, "input", index, part.kind)
            if part.kind == "credential" and part.value not in self.credentials:
                self._error(where, f"signer {name}: '{part.value}' is not a credential")
        if sum(p.kind == "time" for p in parts) > 1:
            self._error((*path, "input"), f"signer {name}: the request time appears twice")
        if sum(p.kind == "sorted" for p in parts) > 1:
            self._error(
                (*path, "input"),
                f"signer {name}: sorted_fields appears twice; one list holds every field",
            )
        return parts

    def _check_rsa(self, name: str, spec: dict[str, Any], path: JsonPath) -> None:
        algorithm = str(spec["algorithm"])
        password = spec.get("key_password")
        if not algorithm.startswith("rsa"):
            if password is not None:
                self._error(
                    (*path, "key_password"),
                    f"signer {name}: key_password belongs to an RSA key; {algorithm} takes none",
                )
            return
        if spec.get("key") is None:
            self.diag.error(
                self.doc.key_loc(path),
                f"signer {name}: {algorithm} needs key: the credential holding the PEM private key",
            )
        if password is not None and password not in self.credentials:
            self._error((*path, "key_password"), f"signer {name}: '{password}' is not a credential")

    def _check_key(self, name: str, spec: dict[str, Any], path: JsonPath) -> None:
        key = spec.get("key")
        algorithm = str(spec["algorithm"])
        self._check_rsa(name, spec, path)
        if algorithm.startswith("hmac") and key is None:
            self.diag.error(self.doc.key_loc(path), f"signer {name}: an HMAC needs a key")
        if key is not None and algorithm.startswith("rsa"):
            if key not in self.credentials:
                self._error((*path, "key"), f"signer {name}: key '{key}' is not a credential")
        elif key is not None and not algorithm.startswith("hmac"):
            self._error(
                (*path, "key"),
                f"signer {name}: {algorithm} is a plain hash and takes no key; write the "
                f"credential into the message where the document puts it (input: "
                f"[..., {{credential: {key}}}, ...]), or use hmac-{algorithm} if the document "
                "says HMAC",
            )
        elif key is not None and key not in self.credentials:
            self._error((*path, "key"), f"signer {name}: key '{key}' is not a credential")

    def signer(self, name: str, spec: dict[str, Any]) -> Signer:
        path: JsonPath = ("signers", name)
        parts = self._parts(name, spec, path)
        self._check_key(name, spec, path)
        template = str(spec.get("template", "{mac}"))
        if "{mac}" not in template:
            self._error((*path, "template"), f"signer {name}: template must contain {{mac}}")
        time_format = spec.get("time_format")
        timed = next((p.value for p in parts if p.kind == "time"), None)
        if timed is not None and time_format is not None and timed != time_format:
            self._error(
                (*path, "time_format"),
                f"signer {name}: time_format {time_format} differs from the input's "
                f"time ({timed}); a recipe has one request time",
            )
        time_format = time_format or timed
        if "{time}" in template and time_format is None:
            self._error(
                (*path, "template"),
                f"signer {name}: template uses {{time}} but gives no time_format",
            )
        zone_trouble = zone_problem(spec["time_zone"]) if "time_zone" in spec else None
        if zone_trouble:
            self._error((*path, "time_zone"), f"signer {name}: {zone_trouble}")
        separator = spec.get("separator")
        if isinstance(spec["input"], dict):
            separator = spec["input"].get("separator", separator)
        return Signer(
            name=name,
            doc=str(spec.get("doc", "")),
            algorithm=spec["algorithm"],
            key=spec.get("key") if str(spec["algorithm"]).startswith(("hmac", "rsa")) else None,
            parts=tuple(parts),
            separator=str(separator or ""),
            output=spec["output"],
            template=template,
            time_format=time_format,
            time_zone=spec.get("time_zone"),
            source=cast(Source, spec.get("source", "document")),
            notes=notes_of(self.doc, spec, path),
            loc=self.doc.key_loc(path),
            key_password=spec.get("key_password"),
        )

    def auth(self, spec: dict[str, Any] | None) -> Auth | None:
        if spec is None:
            return None
        kind = spec["type"]
        credential = spec.get("username") if kind == "basic" else spec.get("credential")
        needed = "username" if kind == "basic" else "credential"
        if credential is None and kind != "token":
            self.diag.error(self.doc.key_loc(("auth",)), f"auth: {kind} needs {needed}")
        for key in ("username", "password", "credential"):
            value = spec.get(key)
            if value is not None and value not in self.credentials:
                self._error(("auth", key), f"auth: '{value}' is not a credential")
        if kind == "scheme" and not spec.get("scheme"):
            self.diag.error(self.doc.key_loc(("auth",)), "auth: type scheme needs scheme:")
        if kind == "header" and not spec.get("header"):
            self.diag.error(self.doc.key_loc(("auth",)), "auth: type header needs header:")
        for key, allowed in _AUTH_KEYS:
            if key in spec and kind not in allowed:
                self._error(("auth", key), f"auth: {key} does not belong to type {kind}")
        scheme = spec.get("scheme", "Bearer" if kind == "token" else None)
        return Auth(
            type=kind,
            credential=None if credential is None else str(credential),
            password=spec.get("password"),
            scheme=None if kind == "token" and scheme == "none" else scheme,
            header=str(spec.get("header") or "Authorization"),
            doc=str(spec.get("doc", "")),
            loc=self.doc.key_loc(("auth",)),
            token=token_flow(self.doc, self.diag, spec) if kind == "token" else None,
        )
