"""Build one operation's IR from its checked spec file: messages, retries, success rule,
error references, recovery rules and samples, and the checks that cross them."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Literal

from docbind.frontend.build_crypto import check_cipher_fields, check_plain_parts, response_charset
from docbind.frontend.build_fields import FieldBuilder, FieldContext, hint, notes_of
from docbind.frontend.build_media import check_content_type
from docbind.frontend.load import Document, JsonPath
from docbind.frontend.params import check_params, required_path_params
from docbind.frontend.references import unknown_error_code
from docbind.frontend.samples import SampleRules, check_payload, show
from docbind.ir import datefmt
from docbind.ir.diagnostics import Collector
from docbind.ir.media import DEFAULT_CONTENT_TYPE
from docbind.ir.model import (
    Condition,
    Deviation,
    ErrorTable,
    Field,
    Message,
    Operation,
    RecoveryRule,
    RetryPolicy,
    Sample,
    Signer,
    SuccessRule,
)
from docbind.ir.names import pascal
from docbind.ir.recipes import ResponseSignature


def seconds(text: str | None, default: float) -> float:
    if text is None:
        return default
    for suffix, factor in (("ms", 0.001), ("s", 1.0), ("m", 60.0)):
        if text.endswith(suffix):
            return float(text[: -len(suffix)]) * factor
    return default


_DIGEST_BYTES = {"sha256": 32, "sha512": 64, "md5": 16}


def signature_width(signer: Signer) -> int | None:
    """How many characters a signer writes (its template filled in), when that is known."""
    size = next((n for name, n in _DIGEST_BYTES.items() if signer.algorithm.endswith(name)), None)
    if size is None or signer.rsa:  # an RSA signature is as long as the key
        return None
    mac = size * 2 if signer.output == "hex" else 4 * ((size + 2) // 3)
    time = datefmt.width(signer.time_format) if signer.time_format else 0
    fixed = len(signer.template.replace("{mac}", "").replace("{time}", ""))
    return fixed + mac * signer.template.count("{mac}") + time * signer.template.count("{time}")


class OperationBuilder:
    def __init__(
        self,
        doc: Document,
        diag: Collector,
        ctx: FieldContext,
        errors: ErrorTable,
        default_timeout: float,
        signers: tuple[Signer, ...],
        api_headers: tuple[Field, ...] = (),
    ) -> None:
        self.doc = doc
        self.diag = diag
        self.ctx = ctx
        self.errors = errors
        self.default_timeout = default_timeout
        self.signers = {s.name: s for s in signers}
        self.api_headers = api_headers
        self.fields = FieldBuilder(doc, diag, ctx)

    def message(self, data: dict[str, Any] | None, key: str, default_model: str) -> Message:
        data = data or {}
        path = self.fields.fields(data.get("path"), (key, "path"))
        return Message(
            model=str(data.get("model") or default_model),
            headers=self.fields.fields(data.get("headers"), (key, "headers")),
            body=self.fields.fields(data.get("body"), (key, "body")),
            path=required_path_params(self.doc, self.diag, path),
            query=self.fields.fields(data.get("query"), (key, "query")),
        )

    def build(self) -> Operation:
        data: dict[str, Any] = self.doc.data
        name = str(data["operation"])
        prefix = pascal(name) or "Operation"
        request = self.message(data.get("request"), "request", f"{prefix}Request")
        response = self.message(data.get("response"), "response", f"{prefix}Response")
        charset = (data.get("response") or {}).get("charset")
        response = replace(
            response,
            charset=response_charset(
                self.doc, self.diag, charset, request.fields, self.ctx.encoding
            ),
        )
        op = Operation(
            name=name,
            summary=str(data.get("summary", "")),
            doc=str(data.get("doc", "")),
            method=str(data["method"]),
            path=str(data["path"]),
            content_type=str(data.get("content_type", DEFAULT_CONTENT_TYPE)),
            timeout=seconds(data.get("timeout"), self.default_timeout),
            idempotency_key=data.get("idempotency_key"),
            retry=self.retry(data.get("retry")),
            request=request,
            response=response,
            success=self.success(data.get("success"), response),
            errors=self.error_refs(data.get("errors") or []),
            recovery=self.recovery(data.get("recovery") or [], request, response),
            samples=(),
            notes=notes_of(self.doc, data, ()),
            file=self.doc.source_name,
            loc=self.doc.key_loc(("operation",)),
            response_signature=self.response_signature(data.get("response_signature"), response),
        )
        check_params(self.doc, self.diag, op.method, op.path, request)
        self._check_idempotency(op)
        check_content_type(self.doc, self.diag, op, self.ctx.encoding)
        self._check_signers(op)
        check_plain_parts(self.doc, self.diag, op, self.signers)
        for message, key in ((request, "request"), (response, "response")):
            for part in ("path", "query", "headers", "body"):
                fields, known = getattr(message, part), set(self.ctx.encryption)
                check_cipher_fields(self.doc, self.diag, fields, (key, part), known)
        samples = tuple(
            self.sample(item, index, op) for index, item in enumerate(data.get("samples") or [])
        )
        return replace(op, samples=samples)

    def retry(self, data: dict[str, Any] | None) -> RetryPolicy:
        if data is None:
            return RetryPolicy(False, (), 0, ())
        return RetryPolicy(
            bool(data["safe"]),
            tuple(data.get("on") or ()),
            int(data.get("max_retries", 2)),
            notes_of(self.doc, data, ("retry",)),
        )

    def success(self, data: dict[str, Any] | None, response: Message) -> SuccessRule:
        if data is None:
            return SuccessRule((200,), None, ())
        field = data.get("field")
        if field is not None and field not in {f.wire_name for f in response.body}:
            self.diag.error(
                self.doc.loc(("success", "field")),
                f"success field '{field}' is not a response body field",
            )
        equals = data.get("equals")
        accepted = tuple(equals) if isinstance(equals, list) else (equals,)
        return SuccessRule(tuple(data.get("http_status", [200])), field, accepted if field else ())

    def error_refs(self, codes: list[str]) -> tuple[str, ...]:
        known = [e.code for e in self.errors.entries]
        for index, code in enumerate(codes):
            if code not in known:
                self.diag.error(self.doc.loc(("errors", index)), unknown_error_code(code, known))
        return tuple(codes)

    def conditions_on(
        self, data: dict[str, Any] | None, fields: tuple[Field, ...], path: JsonPath, what: str
    ) -> tuple[Condition, ...]:
        conds = self.fields.conditions(data)
        by_wire = {f.wire_name: f for f in fields}
        for cond in conds:
            loc = self.doc.key_loc((*path, cond.field))
            target = by_wire.get(cond.field)
            if target is None:
                self.diag.error(
                    loc, f"'{cond.field}' is not a {what} field{hint(cond.field, set(by_wire), '')}"
                )
            else:
                self.fields.check_condition_values(cond, target, (*path, cond.field))
        return conds

    def recovery(
        self, items: list[dict[str, Any]], request: Message, response: Message
    ) -> tuple[RecoveryRule, ...]:
        rules = []
        request_fields = {f.wire_name: f for f in request.body}
        for index, item in enumerate(items):
            path: JsonPath = ("recovery", index)
            for key, value in item["resend"].items():
                target = request_fields.get(key)
                if target is None:
                    self.diag.error(
                        self.doc.key_loc((*path, "resend", key)),
                        f"resend sets '{key}', which is not a request body field"
                        f"{hint(key, set(request_fields), '')}",
                    )
                else:
                    for problem in self.fields.value_problems(target, value):
                        self.diag.error(
                            self.doc.loc((*path, "resend", key)),
                            f"resend value {show(value)} {problem}",
                        )
            rules.append(
                RecoveryRule(
                    name=str(item["name"]),
                    doc=str(item.get("doc", "")),
                    when_request=self.conditions_on(
                        item.get("when_request"),
                        request.body,
                        (*path, "when_request"),
                        "request body",
                    ),
                    when_response=self.conditions_on(
                        item.get("when_response"),
                        response.body,
                        (*path, "when_response"),
                        "response body",
                    ),
                    resend=tuple(item["resend"].items()),
                    max_attempts=int(item.get("max_attempts", 1)),
                    notes=notes_of(self.doc, item, path),
                    loc=self.doc.loc(path),
                )
            )
        return tuple(rules)

    def _check_idempotency(self, op: Operation) -> None:
        key = op.idempotency_key
        names = {f.wire_name for f in (*op.request.fields, *op.request.headers)}
        if key is not None and key not in names:
            self.diag.error(
                self.doc.loc(("idempotency_key",)),
                f"idempotency_key '{key}' is not a request field or header"
                f"{hint(key, names, 'request fields and headers')}",
            )
        if op.retry.safe and key is None:
            self.diag.error(
                self.doc.loc(("retry", "safe")),
                "retry.safe: true needs an idempotency_key; without one a retried "
                "request may be carried out twice",
            )

    def _check_signers(self, op: Operation) -> None:
        body = {f.wire_name for f in op.request.body}
        headers = {f.wire_name.lower() for f in (*self.api_headers, *op.request.headers)}
        for f in (*op.request.body, *op.request.headers):
            if f.computed is None or f.computed.kind != "signature":
                continue
            signer = self.signers.get(f.computed.arg or "")
            if signer is None:
                continue  # the field check has said so
            missing = [name for name in signer.fields if name not in body]
            missing += [
                f"header {p.value}"
                for p in signer.parts
                if p.kind == "header" and p.value.lower() not in headers
            ]
            params = {f.wire_name for f in op.request.path}
            missing += [
                f"path parameter {p.value}"
                for p in signer.parts
                if p.kind == "path" and p.value not in params
            ]
            if missing:
                self.diag.error(
                    f.loc,
                    f"signer {signer.name} signs {', '.join(missing)}, "
                    f"not in the request of {op.name}",
                )
            self._check_sorted(op, signer)
            width = signature_width(signer)
            limit = f.length_limit
            if width is not None and limit is not None and width > limit:
                self.diag.error(
                    f.loc,
                    f"{f.wire_name}: signer {signer.name} writes {width} characters, but the "
                    f"field holds at most {limit}; check the field's length or the signer's "
                    "output",
                )

    def _check_sorted(self, op: Operation, signer: Signer) -> None:
        """``sorted_fields`` writes each value as text: an object or array has no documented
        text form, so it must be excluded (or the recipe written item by item)."""
        rule = signer.sorted_fields
        if rule is None:
            return
        for f in op.request.fields:
            if f.type in ("object", "array") and f.wire_name not in rule.exclude:
                self.diag.error(
                    f.loc,
                    f"{f.wire_name}: signer {signer.name} signs every field sorted by name as "
                    f"name=value, and {f.wire_name} is an {f.type} with no text form; add it "
                    "to sorted_fields.exclude (or sign its parts with {field: ...} items)",
                )

    def response_signature(
        self, data: dict[str, Any] | None, response: Message
    ) -> ResponseSignature | None:
        if data is None:
            return None
        loc = self.doc.key_loc(("response_signature",))
        name = data.get("field") or data.get("header")
        if ("field" in data) == ("header" in data):
            self.diag.error(loc, "response_signature needs either field or header")
        signer = self.signers.get(str(data["signer"]))
        if signer is None:
            self.diag.error(
                self.doc.loc(("response_signature", "signer")),
                f"response_signature: no signer {data['signer']}",
            )
        elif signer.rsa or signer.sorted_fields:
            self.diag.error(
                self.doc.loc(("response_signature", "signer")),
                f"response_signature: signer {signer.name} uses "
                f"{'RSA' if signer.rsa else 'sorted_fields'}, which only signs requests",
            )
        else:
            body = {f.wire_name for f in response.body}
            headers = {f.wire_name.lower() for f in response.headers}
            missing = [n for n in signer.fields if n not in body]
            missing += [
                f"header {p.value}"
                for p in signer.parts
                if p.kind == "header" and p.value.lower() not in headers
            ]
            missing += [f"the {p.kind}" for p in signer.parts if p.kind in ("time", "path")]
            if missing:
                self.diag.error(
                    loc,
                    f"response_signature: signer {signer.name} signs "
                    f"{', '.join(dict.fromkeys(missing))}, "
                    "not in the response",
                )
        where: Literal["body", "header"] = "body" if "field" in data else "header"
        return ResponseSignature(str(data["signer"]), where, str(name or ""), loc)

    def sample(self, item: dict[str, Any], index: int, op: Operation) -> Sample:
        path: JsonPath = ("samples", index)
        direction = item["direction"]
        message = op.request if direction == "request" else op.response
        deviations = tuple(
            Deviation(str(d["path"]), str(d["note"]), self.doc.loc((*path, "deviations", i)))
            for i, d in enumerate(item.get("deviations") or [])
        )
        sample = Sample(
            str(item["name"]),
            direction,
            str(item.get("doc", "")),
            bool(item.get("placeholders", False)),
            item["payload"],
            deviations,
            notes_of(self.doc, item, path),
            self.doc.loc(path),
        )
        rules = SampleRules(self.ctx.encoding, self.ctx.codes, sample.placeholders)
        violations = check_payload(message.body, sample.payload, rules)
        listed = {d.path for d in deviations}
        for v in violations:
            if v.path not in listed:
                loc = self.doc.key_loc((*path, "payload", *v.keys))
                self.diag.error(
                    loc,
                    f"sample {sample.name} breaks its table at {v.path}: "
                    f"{v.message} (list it under deviations if the document "
                    f"really says so)",
                )
        actual = {v.path for v in violations}
        for d in deviations:
            if d.path not in actual:
                self.diag.error(
                    d.loc,
                    f"sample {sample.name} lists a deviation at '{d.path}', but "
                    f"conforms there; remove the deviation",
                )
        return sample
