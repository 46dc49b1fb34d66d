"""Build the IR from schema-checked spec data, checking what crosses fields and files."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, cast

from docbind.frontend.build_fields import FieldBuilder, FieldContext, hint, notes_of, zone_problem
from docbind.frontend.build_media import check_content_type, check_request_headers
from docbind.frontend.build_webhooks import build_webhooks
from docbind.frontend.load import Document, JsonPath, SpecSource
from docbind.frontend.references import unknown_error_code
from docbind.frontend.samples import SampleRules, check_payload, show
from docbind.ir.diagnostics import Collector, Loc
from docbind.ir.media import DEFAULT_CONTENT_TYPE
from docbind.ir.model import (
    Api,
    CodeTable,
    CodeValue,
    Condition,
    Credential,
    Deviation,
    Environment,
    ErrorDef,
    ErrorTable,
    Field,
    Message,
    Operation,
    RecoveryRule,
    RetryPolicy,
    Sample,
    Signer,
    Source,
    SuccessRule,
)
from docbind.ir.names import constant, package_problem, pascal, snake

DEFAULT_TIMEOUT = 30.0


def seconds(text: str | None, default: float) -> float:
    if text is None:
        return default
    for suffix, factor in (("ms", 0.001), ("s", 1.0), ("m", 60.0)):
        if text.endswith(suffix):
            return float(text[: -len(suffix)]) * factor
    return default


def _source(data: dict[str, Any]) -> Source:
    return cast(Source, data.get("source", "document"))


class ApiBuilder:
    def __init__(self, source: SpecSource, diag: Collector) -> None:
        self.source = source
        self.doc = source.api
        self.diag = diag

    def build(self) -> Api:
        data: dict[str, Any] = self.doc.data
        codes = self.code_tables(data.get("codes") or {})
        credentials = self.credentials(data.get("credentials") or {})
        signers = self.signers(data.get("signers") or {}, {c.name for c in credentials})
        encoding = str(data.get("encoding", "utf-8"))
        ctx = FieldContext(
            codes={t.name: t for t in codes},
            signers=frozenset(s.name for s in signers),
            credentials=frozenset(c.name for c in credentials),
            encoding=encoding,
        )
        headers = FieldBuilder(self.doc, self.diag, ctx).fields(data.get("headers"), ("headers",))
        check_request_headers(self.doc, self.diag, headers, ("headers",))
        errors = self.error_table(data.get("errors") or {})
        environments = self.environments(data["environments"])
        default_env = data.get("default_environment")
        if default_env is not None and default_env not in {e.name for e in environments}:
            self.diag.error(
                self.doc.loc(("default_environment",)),
                f"default_environment '{default_env}' is not one of the environments",
            )
        timeout = seconds(data.get("timeout"), DEFAULT_TIMEOUT)
        problem = package_problem(str(data["package"]))
        if problem is not None:
            self.diag.error(
                self.doc.loc(("package",)),
                f"package '{data['package']}' {problem}; choose another name",
            )
        operations = tuple(
            OperationBuilder(op_doc, self.diag, ctx, errors, timeout, signers).build()
            for op_doc in self.source.operations
            if isinstance(op_doc.data, dict)
        )
        operations = self._unique_operations(operations)
        return Api(
            name=str(data["name"]),
            package=str(data["package"]),
            version=str(data["version"]),
            summary=str(data.get("summary", "")),
            documents=tuple(data.get("documents") or ()),
            encoding=encoding,
            timeout=timeout,
            environments=environments,
            default_environment=default_env,
            credentials=credentials,
            headers=headers,
            codes=codes,
            signers=signers,
            errors=errors,
            operations=operations,
            webhooks=build_webhooks(
                self.doc,
                self.diag,
                FieldBuilder(self.doc, self.diag, ctx),
                data.get("webhooks") or {},
            ),
            notes=notes_of(self.doc, data, ()),
            loc=self.doc.loc(()),
        )

    def _unique_operations(self, operations: tuple[Operation, ...]) -> tuple[Operation, ...]:
        """Report a second operation of the same name, and drop it (as the loader drops a
        duplicate key), so later checks do not report its class names again."""
        seen: dict[str, Operation] = {}
        for op in operations:
            if op.name in seen:
                self.diag.error(
                    op.loc,
                    f"operation '{op.name}' is defined twice (first in {seen[op.name].loc.file})",
                )
            else:
                seen[op.name] = op
        return tuple(seen.values())

    def code_tables(self, data: dict[str, Any]) -> tuple[CodeTable, ...]:
        tables = []
        for name, spec in data.items():
            path: JsonPath = ("codes", name)
            values = []
            codes_seen: dict[str, Loc] = {}
            members_seen: dict[str, Loc] = {}
            for index, item in enumerate(spec["values"]):
                vpath = (*path, "values", index)
                code = str(item["code"])
                member = constant(str(item["name"]))
                code_loc = self.doc.loc((*vpath, "code"))
                member_loc = self.doc.loc((*vpath, "name"))
                if member is None:
                    self.diag.error(
                        member_loc,
                        f"name {str(item['name'])!r} in {name} cannot "
                        f"be made a Python name (use ASCII letters)",
                    )
                    member = "INVALID"
                if code in codes_seen:
                    self.diag.error(
                        code_loc,
                        f"code '{code}' appears twice in {name} "
                        f"(first at line {codes_seen[code].line})",
                    )
                if member in members_seen:
                    self.diag.error(
                        member_loc,
                        f"name '{item['name']}' appears twice in {name} "
                        f"(first at line {members_seen[member].line})",
                    )
                codes_seen.setdefault(code, code_loc)
                members_seen.setdefault(member, member_loc)
                values.append(
                    CodeValue(
                        code=code,
                        member=member,
                        label=str(item.get("label", "")),
                        doc=str(item.get("doc", "")),
                        source=_source(item),
                        notes=notes_of(self.doc, item, vpath),
                        loc=self.doc.loc(vpath),
                    )
                )
            tables.append(
                CodeTable(
                    name,
                    str(spec.get("doc", "")),
                    _source(spec),
                    tuple(values),
                    notes_of(self.doc, spec, path),
                    self.doc.key_loc(path),
                )
            )
        return tuple(sorted(tables, key=lambda t: t.name))

    def credentials(self, data: dict[str, Any]) -> tuple[Credential, ...]:
        return tuple(
            Credential(
                name,
                str(spec.get("doc", "")),
                bool(spec.get("secret", False)),
                _source(spec),
                self.doc.key_loc(("credentials", name)),
            )
            for name, spec in data.items()
        )

    def environments(self, data: dict[str, Any]) -> tuple[Environment, ...]:
        return tuple(
            Environment(
                name,
                str(spec["url"]).rstrip("/"),
                str(spec.get("doc", "")),
                _source(spec),
                notes_of(self.doc, spec, ("environments", name)),
                self.doc.key_loc(("environments", name)),
            )
            for name, spec in data.items()
        )

    def signers(self, data: dict[str, Any], credentials: set[str]) -> tuple[Signer, ...]:
        result = []
        for name, spec in data.items():
            path: JsonPath = ("signers", name)
            inp = spec["input"]
            template = str(spec.get("template", "{mac}"))
            if ("fields" in inp) == bool(inp.get("body")):
                self.diag.error(
                    self.doc.loc((*path, "input")),
                    f"signer {name}: input needs either fields or body: true",
                )
            key = spec.get("key")
            if spec["algorithm"].startswith("hmac") and key is None:
                self.diag.error(self.doc.key_loc(path), f"signer {name}: an HMAC needs a key")
            if key is not None and key not in credentials:
                self.diag.error(
                    self.doc.loc((*path, "key")), f"signer {name}: key '{key}' is not a credential"
                )
            if "{mac}" not in template:
                self.diag.error(
                    self.doc.loc((*path, "template")),
                    f"signer {name}: template must contain {{mac}}",
                )
            if "{time}" in template and "time_format" not in spec:
                self.diag.error(
                    self.doc.loc((*path, "template")),
                    f"signer {name}: template uses {{time}} but gives no time_format",
                )
            zone_trouble = zone_problem(spec["time_zone"]) if "time_zone" in spec else None
            if zone_trouble:
                self.diag.error(
                    self.doc.loc((*path, "time_zone")), f"signer {name}: {zone_trouble}"
                )
            result.append(
                Signer(
                    name=name,
                    doc=str(spec.get("doc", "")),
                    algorithm=spec["algorithm"],
                    key=key,
                    fields=tuple(inp.get("fields") or ()),
                    field_py_names=tuple(snake(f) or "value" for f in inp.get("fields") or ()),
                    separator=str(inp.get("separator", "")),
                    sign_body=bool(inp.get("body", False)),
                    output=spec["output"],
                    template=template,
                    time_format=spec.get("time_format"),
                    time_zone=spec.get("time_zone"),
                    source=_source(spec),
                    notes=notes_of(self.doc, spec, path),
                    loc=self.doc.key_loc(path),
                )
            )
        return tuple(result)

    def error_table(self, data: dict[str, Any]) -> ErrorTable:
        entries = []
        codes: dict[str, Loc] = {}
        exceptions: dict[str, Loc] = {}
        for index, item in enumerate(data.get("table") or []):
            path: JsonPath = ("errors", "table", index)
            code, exc = str(item["code"]), str(item["exception"])
            code_loc = self.doc.loc((*path, "code"))
            exc_loc = self.doc.loc((*path, "exception"))
            if code in codes:
                self.diag.error(
                    code_loc,
                    f"error code '{code}' appears twice in the error table "
                    f"(first at line {codes[code].line})",
                )
            if exc in exceptions:
                self.diag.error(
                    exc_loc,
                    f"exception name '{exc}' is used by two error codes "
                    f"(first at line {exceptions[exc].line})",
                )
            codes.setdefault(code, code_loc)
            exceptions.setdefault(exc, exc_loc)
            entries.append(
                ErrorDef(
                    code,
                    item.get("http_status"),
                    str(item.get("message", "")),
                    str(item.get("doc", "")),
                    exc,
                    _source(item),
                    notes_of(self.doc, item, path),
                    self.doc.loc(path),
                )
            )
        return ErrorTable(
            data.get("code_field"),
            data.get("message_field"),
            tuple(entries),
            notes_of(self.doc, data, ("errors",)),
        )


class OperationBuilder:
    def __init__(
        self,
        doc: Document,
        diag: Collector,
        ctx: FieldContext,
        errors: ErrorTable,
        default_timeout: float,
        signers: tuple[Signer, ...],
    ) -> None:
        self.doc = doc
        self.diag = diag
        self.ctx = ctx
        self.errors = errors
        self.default_timeout = default_timeout
        self.signers = {s.name: s for s in signers}
        self.fields = FieldBuilder(doc, diag, ctx)

    def message(self, data: dict[str, Any] | None, key: str, default_model: str) -> Message:
        data = data or {}
        return Message(
            model=str(data.get("model") or default_model),
            headers=self.fields.fields(data.get("headers"), (key, "headers")),
            body=self.fields.fields(data.get("body"), (key, "body")),
        )

    def build(self) -> Operation:
        data: dict[str, Any] = self.doc.data
        name = str(data["operation"])
        prefix = pascal(name) or "Operation"
        request = self.message(data.get("request"), "request", f"{prefix}Request")
        response = self.message(data.get("response"), "response", f"{prefix}Response")
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
        )
        self._check_idempotency(op)
        check_content_type(self.doc, self.diag, op, self.ctx.encoding)
        self._check_signers(op)
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
            return SuccessRule((200,), None, None)
        field = data.get("field")
        if field is not None and field not in {f.wire_name for f in response.body}:
            self.diag.error(
                self.doc.loc(("success", "field")),
                f"success field '{field}' is not a response body field",
            )
        return SuccessRule(tuple(data["http_status"]), field, data.get("equals"))

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
        names = {f.wire_name for f in (*op.request.body, *op.request.headers)}
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
        for f in (*op.request.body, *op.request.headers):
            if f.computed is None or f.computed.kind != "signature":
                continue
            signer = self.signers.get(f.computed.arg or "")
            if signer is None:
                continue  # the field check has said so
            missing = [name for name in signer.fields if name not in body]
            if missing:
                self.diag.error(
                    f.loc,
                    f"signer {signer.name} signs {', '.join(missing)}, "
                    f"not in the request body of {op.name}",
                )

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
