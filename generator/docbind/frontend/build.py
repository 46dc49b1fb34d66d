"""Build the IR from schema-checked spec data, checking what crosses fields and files."""

from __future__ import annotations

from typing import Any, cast

from docbind.frontend.build_crypto import EncryptionBuilder, check_cipher_fields
from docbind.frontend.build_fields import FieldBuilder, FieldContext, notes_of
from docbind.frontend.build_media import check_request_headers
from docbind.frontend.build_operation import OperationBuilder, seconds
from docbind.frontend.build_signers import SignerBuilder, check_excludes, exclude_signatures
from docbind.frontend.build_token import check_token
from docbind.frontend.build_webhooks import build_webhooks
from docbind.frontend.load import JsonPath, SpecSource
from docbind.frontend.publishing import publishing
from docbind.ir.diagnostics import Collector, Loc
from docbind.ir.model import (
    Api,
    CodeTable,
    CodeValue,
    Credential,
    Environment,
    ErrorDef,
    ErrorTable,
    Operation,
    Source,
    Webhook,
)
from docbind.ir.names import constant, package_problem

DEFAULT_TIMEOUT = 30.0


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
        recipes = SignerBuilder(self.doc, self.diag, {c.name for c in credentials})
        signers = recipes.signers(data.get("signers") or {})
        ciphers = EncryptionBuilder(self.doc, self.diag, {c.name for c in credentials})
        encryption = ciphers.recipes(data.get("encryption") or {})
        encoding = str(data.get("encoding", "utf-8"))
        ctx = FieldContext(
            codes={t.name: t for t in codes},
            signers=frozenset(s.name for s in signers),
            credentials=frozenset(c.name for c in credentials),
            encoding=encoding,
            encryption=frozenset(e.name for e in encryption),
        )
        headers = FieldBuilder(self.doc, self.diag, ctx).fields(data.get("headers"), ("headers",))
        check_request_headers(self.doc, self.diag, headers, ("headers",))
        check_cipher_fields(self.doc, self.diag, headers, ("headers",), set(ctx.encryption))
        errors = self.error_table(data.get("errors") or {})
        environments, default_env = self.environments_of(data)
        timeout = seconds(data.get("timeout"), DEFAULT_TIMEOUT)
        self._check_package(str(data["package"]))
        operations = tuple(
            OperationBuilder(op_doc, self.diag, ctx, errors, timeout, signers, headers).build()
            for op_doc in self.source.operations
            if isinstance(op_doc.data, dict)
        )
        operations = self._unique_operations(operations)
        check_excludes(self.doc, self.diag, signers, operations)
        signers = exclude_signatures(signers, operations)
        auth = recipes.auth(data.get("auth"))
        check_token(self.doc, self.diag, auth, operations)
        webhooks = self._webhooks(data, ctx)
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
            auth=auth,
            errors=errors,
            operations=operations,
            webhooks=webhooks,
            notes=notes_of(self.doc, data, ()),
            loc=self.doc.loc(()),
            publishing=publishing(self.doc, self.diag),
            request_id_header=data.get("request_id_header"),
            encryption=encryption,
        )

    def environments_of(self, data: dict[str, Any]) -> tuple[tuple[Environment, ...], Any]:
        """The environments, and the default one (checked to be among them)."""
        environments = self.environments(data["environments"])
        default_env = data.get("default_environment")
        if default_env is not None and default_env not in {e.name for e in environments}:
            self.diag.error(
                self.doc.loc(("default_environment",)),
                f"default_environment '{default_env}' is not one of the environments",
            )
        return environments, default_env

    def _webhooks(self, data: dict[str, Any], ctx: FieldContext) -> tuple[Webhook, ...]:
        fields = FieldBuilder(self.doc, self.diag, ctx)
        webhooks = build_webhooks(self.doc, self.diag, fields, data.get("webhooks") or {})
        for hook in webhooks:  # nothing in a notification is encrypted or URL-encoded (yet)
            where = ("webhooks", hook.name, "body")
            check_cipher_fields(self.doc, self.diag, hook.body, where, set())
        return webhooks

    def _check_package(self, package: str) -> None:
        problem = package_problem(package)
        if problem is not None:
            self.diag.error(
                self.doc.loc(("package",)), f"package '{package}' {problem}; choose another name"
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
