"""`docbind docs --format mkdocs`: an mkdocs-material project of the reference that mkdocs itself
builds with --strict (every page in the nav, every link and anchor resolving)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from docbind.cli.commands import main

ROOT = Path(__file__).resolve().parents[1]
SPECS = ["kicc_easypay", "konaplate"]
MKDOCS = Path(sys.executable).parent / "mkdocs"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("mkdocs") / "reference"
    specs = [str(ROOT / "spec" / s) for s in SPECS]
    assert main(["docs", *specs, "--format", "mkdocs", "-o", str(out)]) == 0
    return out


def build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(MKDOCS), "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def nav_pages(nav: list[object]) -> list[str]:
    found: list[str] = []
    for item in nav:
        assert isinstance(item, dict)
        for value in item.values():
            found += nav_pages(value) if isinstance(value, list) else [str(value)]
    return found


def test_the_nav_lists_every_package_and_operation(project: Path) -> None:
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["name"] == "material"
    pages = nav_pages(config["nav"])
    docs = project / "docs"
    assert sorted(pages) == sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    for spec in SPECS:
        assert f"{spec}/README.md" in pages
        for op in (ROOT / "generated" / spec / "docs").glob("*.md"):
            assert f"{spec}/docs/{op.name}" in pages
            assert (docs / spec / "docs" / op.name).read_text(encoding="utf-8") == op.read_text(
                encoding="utf-8"
            )


def test_mkdocs_builds_it_strictly(project: Path, tmp_path: Path) -> None:
    done = build(project, tmp_path / "site")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "site" / "kicc_easypay" / "docs" / "refund" / "index.html").is_file()
    assert (tmp_path / "site" / "search" / "search_index.json").is_file()


def test_a_broken_anchor_fails_the_strict_build(project: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    subprocess.run(["cp", "-r", str(project), str(copy)], check=True)
    page = copy / "docs" / "kicc_easypay" / "docs" / "refund.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("(#request-body)", "(#no-such-heading)", 1), encoding="utf-8")
    done = build(copy, tmp_path / "site")
    assert done.returncode != 0 and "no-such-heading" in done.stdout + done.stderr
