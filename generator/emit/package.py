"""Assemble a whole generated package: ``{relative path: text}``, nothing written yet."""

from __future__ import annotations

from decimal import Decimal

from .. import datefmt
from ..ir import Api
from .env import render
from .json_schema import models_schema
from .models import render_models
from .testdata import MISSING, TestData


def render_package(api: Api) -> dict[str, str]:
    schema = models_schema(api)
    wire_types = [
        (name, kind, fmt, datefmt.strftime(fmt), datefmt.regex(fmt))
        for name, (kind, fmt) in sorted(schema.wire_types.items())
    ]
    pkg = api.package
    return {
        "pyproject.toml": render("package/pyproject.toml.j2", api=api),
        f"{pkg}/__init__.py": render("package/__init__.py.j2", api=api),
        f"{pkg}/py.typed": "",
        f"{pkg}/_runtime.py": render("package/_runtime.py.j2", api=api, wire_types=wire_types),
        f"{pkg}/models.py": render_models(api, schema),
        f"{pkg}/signing.py": render("package/signing.py.j2", api=api),
        "tests/test_models.py": _render_model_tests(api),
        "tests/test_signing.py": render(
            "package/tests/test_signing.py.j2", api=api, stdlib_imports=_signing_test_imports(api)
        ),
    }


def _render_model_tests(api: Api) -> str:
    data = TestData(api)
    lenient = data.lenient_cases()
    return render(
        "package/tests/test_models.py.j2",
        api=api,
        missing=MISSING,
        valid={op.request.model: data.payload(op.request.body) for op in api.operations},
        limit_cases=data.limit_cases(),
        samples=data.sample_cases(),
        lenient_cases=lenient,
        sensitive_cases=data.sensitive_cases(),
        uses_decimal=any(isinstance(c.expected, Decimal) for c in lenient),
    )


def _signing_test_imports(api: Api) -> list[str]:
    modules = {"hashlib"}
    for signer in api.signers:
        modules |= {"hmac"} if signer.key else set()
        modules |= {"base64"} if signer.output == "base64" else set()
    return sorted(modules)
