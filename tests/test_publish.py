"""Publishing: the generated pyproject carries the spec's metadata, `spec.json` snapshots the IR,
CHANGELOG.md is written from the diff against the previous generated version (deterministically),
and a generated package builds into a wheel whose metadata is right."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tomllib
import zipfile
from dataclasses import replace
from email.parser import Parser
from pathlib import Path

import pytest
from docbind.backends.package.changelog import release_files, render_changelog
from docbind.diff import plain_ir
from docbind.frontend.check import check_spec
from docbind.ir.model import Api
from docbind.output.baseline import read_baseline

ROOT = Path(__file__).resolve().parents[1]
GENERATED = ROOT / "generated"


def seed(name: str) -> Api:
    api = check_spec(ROOT / "spec" / name).api
    assert api is not None
    return api


def shorter_deposit_name(api: Api) -> Api:
    """The KICC spec with refundInfo.refundDepositName lowered to 40 bytes."""
    op = api.operations[0]
    body = list(op.request.body)
    i = next(n for n, f in enumerate(body) if f.wire_name == "refundInfo")
    children = tuple(
        replace(f, max_bytes=40) if f.wire_name == "refundDepositName" else f
        for f in body[i].fields
    )
    body[i] = replace(body[i], fields=children)
    request = replace(op.request, body=tuple(body))
    return replace(api, operations=(replace(op, request=request),))


@pytest.mark.parametrize("package", ["kicc_easypay", "konaplate"])
def test_pyproject_carries_the_spec_metadata(package: str) -> None:
    api = seed(package)
    data = tomllib.loads((GENERATED / package / "pyproject.toml").read_text(encoding="utf-8"))
    project = data["project"]
    assert project["name"] == package.replace("_", "-")
    assert project["version"] == api.version
    assert project["description"] == api.summary
    assert project["readme"] == "README.md" and (GENERATED / package / "README.md").is_file()
    assert "Typing :: Typed" in project["classifiers"]


@pytest.mark.parametrize("package", ["kicc_easypay", "konaplate"])
def test_snapshot_is_the_ir_without_locations(package: str) -> None:
    snapshot = json.loads((GENERATED / package / "spec.json").read_text(encoding="utf-8"))
    assert snapshot == json.loads(json.dumps(plain_ir(seed(package))))
    assert '"loc"' not in (GENERATED / package / "spec.json").read_text(encoding="utf-8")


def test_first_changelog_and_unchanged_regeneration() -> None:
    api = seed("konaplate")
    first = render_changelog(api, None)
    assert first.startswith("# Changelog\n") and "## 0.1.0\n\n- First version" in first
    assert render_changelog(api, plain_ir(api), first) == first  # nothing changed: same bytes
    assert render_changelog(api, None, first) == first


def test_changes_wait_under_unreleased_until_the_version_is_raised() -> None:
    old = seed("kicc_easypay")
    base = render_changelog(old, None)
    new = shorter_deposit_name(old)
    pending = render_changelog(new, plain_ir(old), base)
    assert pending.index("## Unreleased") < pending.index("## 0.1.0")
    assert (
        "- **breaking** (major; request) `refund.request.body.refundInfo.refundDepositName`: "
        "refundDepositName: maximum length lowered: 50 → 40 bytes"
    ) in pending
    assert "these changes call for a major bump (0.1.0 → 0.2.0)" in pending
    # generating again (the snapshot now holds the new spec) keeps the file byte for byte
    assert render_changelog(new, plain_ir(new), pending) == pending
    released = render_changelog(replace(new, version="1.0.0"), plain_ir(new), pending)
    assert "## Unreleased" not in released and "call for" not in released
    assert released.index("## 1.0.0") < released.index("## 0.1.0")
    assert "maximum length lowered: 50 → 40 bytes" in released.split("## 0.1.0")[0]


def test_a_too_small_version_bump_is_called_out() -> None:
    old = seed("kicc_easypay")
    new = replace(shorter_deposit_name(old), version="0.1.1")
    text = render_changelog(new, plain_ir(old), render_changelog(old, None))
    assert "## 0.1.1" in text
    assert "call for a major bump (0.1.0 → 0.2.0); this version is 0.1.1" in text


def test_release_files_read_the_previous_output(tmp_path: Path) -> None:
    old = seed("kicc_easypay")
    files = release_files(old, read_baseline(tmp_path / "none"))
    (tmp_path / "spec.json").write_text(files["spec.json"], encoding="utf-8")
    (tmp_path / "CHANGELOG.md").write_text(files["CHANGELOG.md"], encoding="utf-8")
    assert release_files(old, read_baseline(tmp_path)) == files
    again = release_files(shorter_deposit_name(old), read_baseline(tmp_path))
    assert "## Unreleased" in again["CHANGELOG.md"]
    (tmp_path / "spec.json").write_text("{not json", encoding="utf-8")  # damaged: start again
    assert "First version" in release_files(old, read_baseline(tmp_path))["CHANGELOG.md"]


def test_wheel_builds_with_the_right_metadata(tmp_path: Path) -> None:
    """A cheap `make publish-check`: one wheel, built offline with the venv's hatchling."""
    try:
        import hatchling  # noqa: F401
    except ImportError:
        pytest.skip("hatchling is not installed (pip install -e '.[dev]')")
    source = tmp_path / "konaplate"
    shutil.copytree(GENERATED / "konaplate", source)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(tmp_path / "dist"),
            str(source),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        meta = Parser().parsestr(zf.read("konaplate-0.1.0.dist-info/METADATA").decode())
    assert "konaplate/py.typed" in names and "konaplate/client.py" in names
    assert not any(n.startswith("tests/") for n in names)
    assert meta["Name"] == "konaplate" and meta["Version"] == "0.1.0"
    assert meta["Description-Content-Type"] == "text/markdown"
    assert meta["Requires-Python"] == ">=3.11"
