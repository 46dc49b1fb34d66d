"""Shared by the hostile-spec corpus and the fuzz tests: run docbind on an untrusted spec and say
what happened, and check a generated package the way a user would use it."""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from docbind.cli.commands import main
from docbind.frontend.check import check_spec
from docbind.ir.model import Api, Field

BIN = Path(sys.executable).parent
# What must never reach a user: Python's own reports and reprs.
INTERNALS = re.compile(r"Traceback|File \"|<class |object at 0x|internal error")
LOCATED = re.compile(r"^[^:\n]+:\d+:\d+: error: \S")
SUMMARY = re.compile(r"^docbind: \d+ errors?; nothing written$")


@dataclass(frozen=True)
class Run:
    status: int
    out: str
    err: str


def run_cli(*args: str) -> Run:
    """``docbind ARGS`` in-process, with its output captured."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(args))
    return Run(status, out.getvalue(), err.getvalue())


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (relative POSIX path → bytes); empty when it does not exist."""
    if not root.exists():
        return {}
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def assert_clean_failure(run: Run) -> None:
    """Exit 2, nothing on stdout, every line a located error, then the count; no internals."""
    text = run.out + run.err
    assert not INTERNALS.search(text), f"Python internals in the output:\n{text}"
    assert run.status == 2, f"exit status {run.status}, not 2:\n{text}"
    *diagnostics, summary = run.err.splitlines() or [""]
    assert SUMMARY.match(summary), f"no closing count:\n{run.err}"
    for line in diagnostics:
        assert LOCATED.match(line), f"not located as file:line:col: {line!r}"


def _field_lines(fields: tuple[Field, ...], indent: str) -> list[str]:
    lines = []
    for f in fields:
        lines.append(f"{indent}{f.wire_name!r} -> {f.py_name}")
        lines.extend(_field_lines(f.fields, indent + "  "))
        if f.items is not None:
            lines.extend(_field_lines(f.items.fields, indent + "  "))
    return lines


def names_summary(api: Api) -> str:
    """The Python names docbind chose for a spec: what a golden file pins for a spec that
    generates."""
    lines = [f"generates {api.package}"]
    lines += [f"credential {c.name}" for c in api.credentials]
    for s in api.signers:
        lines.append(
            f"signer {s.name}({', '.join(p.py_name for p in s.parts if p.kind == 'field')})"
        )
    for table in api.codes:
        lines.append(
            f"codes {table.name}: " + ", ".join(f"{v.code!r}={v.member}" for v in table.values)
        )
    lines += [f"error {e.code!r} -> {e.exception}" for e in api.errors.entries]
    lines += _field_lines(api.headers, "header ")
    for hook in api.webhooks:
        lines.append(f"webhook {hook.name} -> {hook.model}")
        lines += _field_lines(hook.body, "  ")
    for op in api.operations:
        lines.append(f"operation {op.name}: {op.request.model} -> {op.response.model}")
        lines += _field_lines(op.request.body, "  request ")
        lines += _field_lines(op.response.body, "  response ")
    return "\n".join(lines) + "\n"


def checked_api(spec: Path) -> Api:
    result = check_spec(spec)
    assert result.api is not None, result.diagnostics
    return result.api


def python_env(*paths: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(str(p) for p in paths),
        "PYTHONDONTWRITEBYTECODE": "1",
    }


# Imports a generated package, compares every request field's description with the spec's
# doc (the meaning unchanged), and calls every operation through the fake provider.
PROBE = r"""
import ast, importlib, json, sys, warnings
from pathlib import Path
import httpx
warnings.simplefilter("error")


def attribute_docs(source):
    docs = {}
    for cls in ast.parse(source).body:
        if isinstance(cls, ast.ClassDef):
            body = cls.body
            for node, after in zip(body, body[1:]):
                if (isinstance(node, ast.AnnAssign) and isinstance(after, ast.Expr)
                        and isinstance(after.value, ast.Constant)):
                    docs[(cls.name, node.target.id)] = after.value.value
    return docs


for root in sys.argv[1:]:
    root = Path(root)
    spec = json.loads((root / "spec.json").read_text(encoding="utf-8"))
    name = spec["package"]
    pkg = importlib.import_module(name)
    models = importlib.import_module(name + ".models")
    testing = importlib.import_module(name + ".testing")
    docs = {k: v for part in sorted((root / name / "_models").glob("*.py"))
            for k, v in attribute_docs(part.read_text(encoding="utf-8")).items()}
    for op in spec["operations"]:
        for side in ("request", "response"):
            model = getattr(models, op[side]["model"])
            by_alias = {(f.alias or n): n for n, f in model.model_fields.items()}
            for field in op[side]["body"]:
                got = docs.get((model.__name__, by_alias[field["wire_name"]]))
                want = field["doc"].strip() or None
                # The models' formatter may re-indent a docstring; the words must be the same.
                assert (got or "").split() == (want or "").split(), (name, field["wire_name"])
    fake = testing.FakeProvider(secret_key="s3cret-key")
    creds = {c["name"]: "s3cret-key" if c["secret"] else "cred" for c in spec["credentials"]}
    http = httpx.Client(transport=fake.transport())
    env = spec["environments"][0]["name"]
    with pkg.Client(**creds, environment=env, http_client=http) as client:
        for op in spec["operations"]:
            try:
                getattr(client, op["name"])()
            except pkg.errors.Error as exc:
                assert "s3cret-key" not in str(exc)
    print("ok", name)
"""


def probe(package_roots: list[Path]) -> subprocess.CompletedProcess[str]:
    """Run PROBE on generated package folders (each holding spec.json and the import package)."""
    return subprocess.run(
        [sys.executable, "-c", PROBE, *map(str, package_roots)],
        env=python_env(*package_roots),
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def mypy_strict(package_roots: list[Path], cache: Path) -> subprocess.CompletedProcess[str]:
    """``mypy --strict`` on the import packages of generated folders, in one run."""
    targets = [str(root / root.name) for root in package_roots]
    return subprocess.run(
        [str(BIN / "mypy"), "--strict", "--cache-dir", str(cache), "--no-error-summary", *targets],
        env=python_env(*package_roots),
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
