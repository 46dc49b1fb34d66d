"""The generated package's model tests: a small module, and every case as JSON data beside it
(an emitter of its own, so that it can run on a worker while the package renders)."""

from __future__ import annotations

from decimal import Decimal

from docbind.backends import json_text
from docbind.backends.emitter import Baseline, Emitted
from docbind.backends.env import render
from docbind.backends.package.layout import split_by_layout
from docbind.backends.package.testdata import MISSING, TestData
from docbind.ir.model import Api


class ModelTestsEmitter:
    """The registered emitter of ``tests/test_models.py`` and ``tests/model_cases.json``."""

    name = "model-tests"
    portable = True  # may run in a worker process: its output depends on the API alone

    def emit(self, api: Api, previous: Baseline) -> Emitted:
        for_black, in_layout = split_by_layout(model_test_files(api))
        return Emitted(files=for_black, verbatim=in_layout)


def model_test_files(api: Api) -> dict[str, str]:
    """The model tests: a small module, and its cases as JSON data beside it."""
    data = TestData(api)
    samples = data.sample_cases()
    lenient = data.lenient_cases()
    sensitive = data.sensitive_cases()
    payloads = {op.request.model: data.payload(op.request.fields) for op in api.operations}
    payloads |= {op.response.model: data.payload(op.response.body) for op in api.operations}
    cases = {
        "missing": MISSING,
        "payloads": payloads,
        "defaults": data.defaults(),
        "limits": [
            {
                "id": c.id,
                "model": c.model,
                "edits": c.edits,
                "accepted": c.accepted,
                "fragment": c.fragment,
            }
            for c in data.limit_cases()
        ],
        "samples": [
            {
                "id": s.id,
                "model": s.model,
                "payload": s.payload,
                "deviations": s.deviations,
                "filled": s.filled,
                "notes": s.notes,
            }
            for s in samples
        ],
        "lenient": [
            {
                "id": c.id,
                "model": c.model,
                "path": c.path,
                "sent": c.sent,
                "expected": {"type": type(c.expected).__name__, "value": _plain(c.expected)},
            }
            for c in lenient
        ],
        "sensitive": [
            {"id": c.id, "model": c.model, "path": c.path, "marker": c.marker} for c in sensitive
        ],
    }
    module = render(
        "package/tests/test_models.py.j2",
        api=api,
        samples=samples,
        lenient_cases=lenient,
        sensitive_cases=sensitive,
    )
    return {
        "tests/test_models.py": module,
        "tests/model_cases.json": json_text.dumps_lines(cases, indent=1, levels=2) + "\n",
    }


def _plain(value: object) -> object:
    return str(value) if isinstance(value, Decimal) else value
