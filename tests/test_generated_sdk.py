"""What a user of a generated package gets from a type checker, ``help()`` and the module layout:
required request fields are required keyword-only parameters, options and fault names are typed
and refused at run time when misspelt, each parameter carries its spec ``doc``, and each
operation's code is in the module named after it (issues 13 and 16)."""

from __future__ import annotations

import inspect
import pydoc
import re
import sys
import typing
from pathlib import Path

import httpx
import kicc_easypay
import konaplate
import pytest
from client_support import mypy_errors
from docbind.backends.package.assemble import render_templates
from docbind.frontend.check import check_spec
from docbind.ir.model import Api, Field
from docbind.output.format import _black
from kicc_easypay.testing import FakeProvider

ROOT = Path(__file__).resolve().parents[1]
REFUND_INFO = {"refundBankCode": "003", "refundAccountNo": "1", "refundDepositName": "Hong"}

GOOD = """\
from kicc_easypay import Client, models
from kicc_easypay.testing import FakeProvider, Fault

def call(client: Client, fake: FakeProvider) -> models.RefundResponse:
    fake.script("refund", Fault.timeout())
    client.with_options(max_retries=3, timeout=None)
    client.refund(models.RefundRequest.model_validate({"pgCno": "P1"}))
    return client.refund(pg_cno="P1", revise_type_code="60", refund_info={})
"""
# Each line a user could get wrong, with what mypy must report for it. (A call that matches
# neither overload, the request model or the fields, is reported as such; the fields' overload
# in the note shows pg_cno without a default.)
BAD = {
    'client.refund(revise_type_code="60", refund_info={})': 'No overload variant of "refund"',
    "client.with_options(max_retry=3)": 'Unexpected keyword argument "max_retry"',
    'fake.script("refnd")': "incompatible type \"Literal['refnd']\"",
    'client.refund(pg_cno="P1", revise_type_code="60", refund_info={}, msg_auth_value="x")': (
        'Unexpected keyword argument "msg_auth_value"'
    ),
}


def _api(seed: str) -> Api:
    api = check_spec(ROOT / "spec" / seed).api
    assert api is not None
    return api


def _given(f: Field) -> bool:
    """A value the caller may give: everything but a signature, in the body and headers alike."""
    return f.computed is None or f.computed.kind != "signature"


def _required(f: Field) -> bool:
    return f.required and f.computed is None and f.default is None


def test_mypy_rejects_a_missing_argument_a_misspelt_option_and_fault(tmp_path: Path) -> None:
    bad = "\n".join(f"    {line}" for line in BAD)
    errors, output = mypy_errors(
        tmp_path,
        GOOD,
        "from kicc_easypay import Client\nfrom kicc_easypay.testing import FakeProvider\n\n"
        f"def call(client: Client, fake: FakeProvider) -> None:\n{bad}\n",
    )
    assert not [e for e in errors if e.startswith("good.py")], output
    for number, (line, expected) in enumerate(BAD.items(), start=5):
        found = [e for e in errors if e.startswith(f"bad.py:{number}:")]
        assert any(expected in e for e in found), (line, found, output)
    assert re.search(r"bad.py:5: note: .*, pg_cno: str, ", output), output


def test_misspelt_options_arguments_and_fault_names_are_refused_at_run_time() -> None:
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(500)

    http = httpx.Client(transport=httpx.MockTransport(answer))
    client = kicc_easypay.Client(secret_key="k", mall_id="T5102001", http_client=http)
    with pytest.raises(TypeError, match="max_retry"):
        client.with_options(max_retry=3)  # type: ignore[call-arg]
    assert client.with_options(max_retries=0).max_retries == 0
    with pytest.raises(TypeError, match="unexpected keyword argument 'pgcno'"):
        client.refund(  # type: ignore[call-overload]
            pgcno="P1", revise_type_code="60", refund_info=REFUND_INFO
        )
    with pytest.raises(TypeError, match="msg_auth_value"):  # a signature is never an argument
        client.refund_raw(pg_cno="P1", revise_type_code="60", msg_auth_value="f" * 64)
    assert sent == []
    with pytest.raises(ValueError, match="unknown operation 'refnd'"):
        FakeProvider().script("refnd")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("seed", "client"),
    [
        ("kicc_easypay", kicc_easypay.Client),
        ("konaplate", konaplate.Client),
        ("kicc_easypay", kicc_easypay.AsyncClient),
    ],
)
def test_parameters_are_the_request_fields_and_the_required_ones_are_required(
    seed: str,
    client: type,
) -> None:
    api = _api(seed)
    for op in api.operations:
        fields = [*op.request.body, *api.headers, *op.request.headers]
        _, by_fields = typing.get_overloads(getattr(client, op.name))
        # not self, request (None in this overload), timeout and the extra_* options
        params = list(inspect.signature(by_fields).parameters.values())[2:-4]
        given = [f for f in fields if _given(f)]
        assert [p.name for p in params] == [f.py_name for f in given]
        required = {p.name for p in params if p.default is p.empty}
        assert required == {f.py_name for f in given if _required(f)}
        assert required and len(required) < len(params)


@pytest.mark.parametrize(
    ("seed", "client"),
    [
        ("kicc_easypay", kicc_easypay.Client),
        ("konaplate", konaplate.Client),
        ("konaplate", konaplate.AsyncClient),
    ],
)
def test_help_shows_each_parameters_doc_and_what_is_computed(seed: str, client: type) -> None:
    api = _api(seed)
    for op in api.operations:
        text = " ".join(
            pydoc.render_doc(getattr(client, op.name), renderer=pydoc.plaintext).split()
        )
        args = text[text.index(" Args: ") : text.index(" Returns: ")]
        given = [f for f in (*op.request.body, *api.headers, *op.request.headers) if _given(f)]
        starts = [args.index(f" {f.py_name}: ") for f in given] + [args.index(" timeout: ")]
        for f, start, end in zip(given, starts, starts[1:], strict=False):
            entry = args[start:end]
            assert " ".join(f.doc.split())[:60] in entry, (f.py_name, entry)
            assert ("Required." in entry) == _required(f), entry
            if f.computed is not None:
                assert f"Computed when not given: {f.computed.explain}." in entry
        for f in (*op.request.body, *api.headers, *op.request.headers):
            if not _given(f):  # a signature: said to be computed, never offered
                assert f.computed is not None
                assert f"``{f.wire_name}`` ({f.computed.explain})" in text


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 40-operation spec: more operations than one class of operation methods holds."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import synth
    finally:
        sys.path.pop(0)
    return Path(synth.write_spec(tmp_path_factory.mktemp("synth"), 40))


@pytest.mark.parametrize("seed", ["kicc_easypay", "konaplate", "synthetic"])
def test_each_operation_is_in_the_module_named_after_it(seed: str, synthetic: Path) -> None:
    api = check_spec(synthetic if seed == "synthetic" else ROOT / "spec" / seed).api
    assert api is not None
    files = render_templates(api)
    modules = sorted(p for p in files if f"{api.package}/_operations/" in p)
    names = [op.name for op in api.operations]
    assert modules == sorted(
        [
            f"{api.package}/_operations/__init__.py",
            *(f"{api.package}/_operations/{name}.py" for name in names),
        ]
    )
    for name in names:
        text = files[f"{api.package}/_operations/{name}.py"]
        assert f'    name="{name}",' in text
        defined = set(re.findall(r"^    (?:async )?def (\w+)\(", text, re.MULTILINE))
        assert defined == {name, f"{name}_raw"}


def test_many_operations_are_combined_a_group_at_a_time(synthetic: Path) -> None:
    """A class of a thousand bases takes Python half a second to build; groups of 32 do not."""
    api = check_spec(synthetic).api
    assert api is not None and len(api.operations) == 40
    path = f"{api.package}/_operations/__init__.py"
    text = render_templates(api)[path]
    assert _black(text, path) == text
    for variant in ("Sync", "Async"):
        bases = re.findall(rf"^    (\w+)\.{variant}Methods,$", text, re.MULTILINE)
        assert sorted(bases) == sorted(op.name for op in api.operations)
        groups = re.findall(rf"^    (_{variant}Operations\d+),$", text, re.MULTILINE)
        assert groups == [f"_{variant}Operations1", f"_{variant}Operations2"]
