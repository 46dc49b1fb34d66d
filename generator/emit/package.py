"""Assemble a whole generated package: ``{relative path: text}``, nothing written yet."""

from __future__ import annotations

from .. import datefmt
from ..ir import Api
from .env import render
from .json_schema import models_schema
from .models import render_models


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
    }
