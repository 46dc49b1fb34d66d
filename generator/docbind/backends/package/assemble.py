"""Assemble a whole generated package: ``{relative path: text}``, nothing written yet."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from docbind.backends import json_text
from docbind.backends.emitter import Baseline, Emitted
from docbind.backends.env import render
from docbind.backends.package import client_tests, client_view
from docbind.backends.package.item_types import item_aliases, uses_decimal
from docbind.backends.package.json_schema import ModelsPart, ModelsPlan, ModelsSchema, models_parts
from docbind.backends.package.layout import split_by_layout
from docbind.backends.package.operation_view import (
    GROUP_SIZE,
    OPTION_LINES,
    import_line,
    literal_alias,
    mixin_groups,
    operation_view,
)
from docbind.backends.package.response_samples import response_sample
from docbind.backends.package.rules import rules_table
from docbind.backends.package.runtime_files import static_files
from docbind.backends.package.signing_view import (
    signer_view,
    signing_imports,
    signing_test_message,
    signing_test_values,
)
from docbind.backends.package.testdata import TestData
from docbind.backends.package.webhooks import render_webhooks
from docbind.backends.pylit import Code, py_literal, py_str
from docbind.ir import datefmt
from docbind.ir.model import Api
from docbind.ir.names import env_var


class PackageEmitter:
    """The registered emitter of the package's code and its tests."""

    name = "package"

    def emit(self, api: Api, previous: Baseline) -> Emitted:
        for_black, in_layout = split_by_layout(render_templates(api))
        return Emitted(files=for_black, verbatim={**in_layout, **static_files(api)})


def render_templates(api: Api, plan: ModelsPlan | None = None) -> dict[str, str]:
    """The package's code and tests from the templates, and the models' index (the models
    modules and the model tests have emitters of their own). ``plan`` is
    ``models_parts(api)``, when the caller has it already."""
    schema, parts = plan or models_parts(api)
    return {
        **_render_modules(api, schema, parts),
        **_render_client(api),
        **_render_testing(api),
        **_render_tests(api),
        **render_webhooks(api),
    }


def _render_modules(api: Api, schema: ModelsSchema, parts: list[ModelsPart]) -> dict[str, str]:
    """The package's own modules but the client's: models index, types, signing, errors."""
    pkg = api.package
    return {
        "pyproject.toml": render("package/pyproject.toml.j2", api=api),
        f"{pkg}/__init__.py": render("package/__init__.py.j2", api=api),
        f"{pkg}/py.typed": "",
        f"{pkg}/models.py": render(
            "package/models.py.j2",
            api=api,
            # isort's order, as ruff checks it: CONSTANTS, then Classes, each case-insensitively
            imports=[(part.module, sorted(part.names, key=_isort_key)) for part in parts],
            exported=client_view.export_order([n for part in parts for n in part.names]),
            modules=dict(sorted((n, part.module) for part in parts for n in part.names)),
        ),
        f"{pkg}/_models/__init__.py": render("package/_models/__init__.py.j2", api=api),
        f"{pkg}/_types.py": _render_types(api, schema.wire_types, schema.item_types),
        f"{pkg}/signing.py": render(
            "package/signing.py.j2",
            api=api,
            signers=[signer_view(s) for s in api.signers],
            imports=signing_imports(api.signers),
            exported=sorted(
                [
                    *(s.name for s in api.signers),
                    *(f"verify_{s.name}" for s in api.signers if s.rsa),
                    "verify",
                ]
            ),
            sorts=any(s.sorted_fields for s in api.signers),
            rsa=any(s.rsa for s in api.signers),
        ),
        f"{pkg}/errors.py": render(
            "package/errors.py.j2",
            api=api,
            error_bases=client_view.error_bases(api),
            exported=client_view.error_exports(api),
        ),
        f"{pkg}/_api.py": render(
            "package/_api.py.j2",
            api=api,
            user_agent=_user_agent(api),
            rules=rules_table(api),
            request_id_headers=(api.request_id_header,)
            if api.request_id_header
            else COMMON_REQUEST_ID_HEADERS,
            log_variable=env_var(api, "log"),
        ),
    }


def _render_tests(api: Api) -> dict[str, str]:
    return {
        **_encryption_tests(api),
        "tests/test_client.py": render(
            "package/tests/test_client.py.j2",
            api=api,
            credentials=client_tests.credentials(api),
            rsa_keys=sorted({(s.key, s.key_password) for s in api.signers if s.rsa and s.key}),
            any_errors=any(op.errors for op in api.operations),
            any_recovery=any(op.recovery for op in api.operations),
        ),
        "tests/client_cases.json": _json_data(
            [asdict(case) for case in client_tests.call_cases(api)]
        ),
        "tests/test_signing.py": render(
            "package/tests/test_signing.py.j2",
            api=api,
            stdlib_imports=_signing_test_imports(api),
            test_values={s.name: signing_test_values(s) for s in api.signers},
            messages={s.name: signing_test_message(s) for s in api.signers},
            digests={s.name: s.algorithm.removeprefix("hmac-") for s in api.signers},
            rsa=api.signs_rsa,
        ),
    }


def _encryption_tests(api: Api) -> dict[str, str]:
    """The documents' encryption examples, one case each, where the spec encrypts a field."""
    cases = [
        {
            "id": f"{recipe.name}-{index}",
            "rule": {
                "field": "example",
                "recipe": recipe.name,
                "key_bytes": recipe.key_bytes,
                "mode": recipe.mode,
                "key": "key",
                "iv": "iv" if recipe.iv else None,
                "key_format": recipe.key_format,
                "output": recipe.output,
            },
            "key": vector.key,
            "iv": vector.iv or "",
            "plain": vector.plain,
            "cipher": vector.cipher,
        }
        for recipe in api.encryption
        for index, vector in enumerate(recipe.vectors, 1)
    ]
    if not api.encrypts or not cases:
        return {}
    return {
        "tests/test_encryption.py": render(
            "package/tests/test_encryption.py.j2", api=api, cases=cases
        )
    }


def _render_types(
    api: Api, wire: dict[str, tuple[str, str]], items: dict[str, dict[str, Any]]
) -> str:
    """The date/time types (a ``WireFormat`` each) and the request array elements with limits."""
    wire_types = [
        (name, kind, fmt, datefmt.strftime(fmt), datefmt.regex(fmt))
        for name, (kind, fmt) in sorted(wire.items())
    ]
    aliases = item_aliases(items)
    uses_bytes = any("item_bytes(" in alias for alias in aliases)
    return render(
        "package/_types.py.j2",
        api=api,
        wire_types=wire_types,
        item_aliases=aliases,
        item_decimal=uses_decimal(items),
        item_field=any("Field(" in alias for alias in aliases),
        runtime_imports=[
            *(["WireFormat"] if wire_types else []),
            *(["item_bytes"] if uses_bytes else []),
        ],
    )


def _json_data(data: object) -> str:
    """Test data as a JSON file beside the tests: black has nothing to format in it."""
    return json_text.dumps(data, indent=1) + "\n"


def _isort_key(name: str) -> tuple[bool, bool, str, str]:
    return (not name.isupper(), not name[:1].isupper(), name.lower(), name)


def _signing_test_imports(api: Api) -> list[str]:
    modules = {"hashlib"} if any(not s.rsa for s in api.signers) else set()
    for signer in api.signers:
        modules |= {"hmac"} if signer.key and not signer.rsa else set()
        modules |= {"base64"} if signer.output == "base64" else set()
    return sorted(modules)


# Where providers that document none usually put their id of a request.
COMMON_REQUEST_ID_HEADERS = ("x-request-id", "request-id", "x-amzn-requestid")

VARIANTS = (
    {
        "name": "Client",
        "doc": "Synchronous",
        "http": "httpx.Client",
        "async_": "",
        "await_": "",
        "close": "close",
        "enter": "__enter__",
        "exit": "__exit__",
        "send": "send",
        "mixin": "SyncOperations",
        "methods": "SyncMethods",
        "sender": "SyncSender",
        "tokens": "TokenCache",
    },
    {
        "name": "AsyncClient",
        "doc": "Asynchronous",
        "http": "httpx.AsyncClient",
        "async_": "async ",
        "await_": "await ",
        "close": "aclose",
        "enter": "__aenter__",
        "exit": "__aexit__",
        "send": "send_async",
        "mixin": "AsyncOperations",
        "methods": "AsyncMethods",
        "sender": "AsyncSender",
        "tokens": "AsyncTokenCache",
    },
)


def _user_agent(api: Api) -> str:
    return f"{api.package.replace('_', '-')}/{api.version} (docbind)"


def _render_client(api: Api) -> dict[str, str]:
    """``client.py``, and the operation methods its classes are made of, a module each."""
    views = [operation_view(api, op) for op in api.operations]
    calls = [client_view.signer_call(s) for s in api.signers]
    environments = ", ".join(py_literal(env.name) for env in api.environments)
    files = {
        f"{api.package}/client.py": render(
            "package/client.py.j2",
            api=api,
            variants=VARIANTS,
            environments={env.name: env.url for env in api.environments},
            environment_type=Code(f"Literal[{environments}]"),
            signer_calls=calls,
            signers={call.name: Code(f"_sign_{call.name}") for call in calls},
            env_vars={c.name: env_var(api, c.name) for c in api.credentials},
            log_variable=env_var(api, "log"),
            credentials={
                c.name: Code(f"_given_or_env({c.name}, {py_str(env_var(api, c.name))})")
                for c in api.credentials
            },
            imports=client_view.client_imports(api),
            auth=client_view.auth_call(api),
            token=client_view.token_call(api),
            verifies=any(op.response_signature for op in api.operations),
        ),
        f"{api.package}/_operations/__init__.py": render(
            "package/_operations/__init__.py.j2",
            api=api,
            variants=VARIANTS,
            modules=[op.name for op in api.operations],
            groups=mixin_groups([op.name for op in api.operations]),
            group_size=GROUP_SIZE,
            import_modules=import_line(".", sorted(op.name for op in api.operations)),
            operations={op.name: Code(f"{op.name}.OPERATION") for op in api.operations},
            operation_name=literal_alias("OperationName", [op.name for op in api.operations]),
        ),
    }
    for view in views:
        files[f"{api.package}/_operations/{view.op.name}.py"] = render(
            "package/_operations/operation.py.j2",
            api=api,
            view=view,
            variants=VARIANTS,
            options=OPTION_LINES,
        )
    return files


def _render_testing(api: Api) -> dict[str, str]:
    """The fake provider, and its documented sample answers as data beside it."""
    data = TestData(api)
    responses = {}
    for op in api.operations:
        sample = response_sample(data.valid, op)
        responses[op.name] = sample if sample is not None else data.response_payload(op)
    module = render(
        "package/testing.py.j2",
        api=api,
        first_operation=api.operations[0].name if api.operations else "operation",
        signatures={op.name: client_view.signatures(api, op) for op in api.operations},
        fake_signer_args={s.name: client_view.fake_signer_args(s) for s in api.signers},
        error_messages={e.code: (e.http_status or 400, e.message) for e in api.errors.entries},
        expected={s.name: Code(f"_expected_{s.name}") for s in api.signers if not s.rsa},
        verifiers={s.name: Code(f"_verify_{s.name}") for s in api.signers if s.rsa},
        auth=client_view.auth_call(api),
        token=client_view.token_call(api),
        reads_plain=any(p.kind == "plain" for s in api.signers for p in s.parts),
    )
    return {
        f"{api.package}/testing.py": module,
        f"{api.package}/_samples.json": _json_data(responses),
    }
