"""What a package index shows of a generated package (issue 16): the spec's license, URLs and
authors reach the wheel's METADATA and ``pip show``; the README works where it is published
(no relative link to a file a package index lacks, and every relative link resolves inside the
built sdist, docs/ included); a license that is not an SPDX expression is a located error."""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from docbind.cli.common import checked_apis
from synthetic import render_spec

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ["kicc_easypay", "konaplate", "toss_payments"]
LINK = re.compile(r"\]\(([^)\s]+)\)")
METADATA = """\
license: Apache-2.0
urls:
  homepage: "https://keys.example.com"
  documentation: "https://keys.example.com/docs/"
  repository: "https://git.example.com/keys"
  issues: "https://git.example.com/keys/issues"
authors: [{name: Keys Team, email: keys@example.com}, {name: Second Author}]
"""


def _build(source: Path, out: Path, *kinds: str) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            *kinds,
            "--no-isolation",
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


def _spec_files(seed: str, api_yaml_extra: str = "") -> dict[str, str]:
    files = {
        p.relative_to(ROOT / "spec" / seed).as_posix(): p.read_text(encoding="utf-8")
        for p in (ROOT / "spec" / seed).rglob("*.yaml")
    }
    assert all("/" not in name for name in files), "render_spec writes one folder"
    api = re.sub(r"^license: .*\n", "", files["api.yaml"], flags=re.MULTILINE)
    files["api.yaml"] = api.replace("\nversion:", f"\n{api_yaml_extra}version:", 1)
    return files


def _anchors(markdown: str) -> set[str]:
    """The anchors GitHub-flavoured Markdown gives the headings of ``markdown``."""
    slugs = set()
    for heading in re.findall(r"^#+ (.+)$", markdown, re.MULTILINE):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        slugs.add(slug)
    return slugs


@pytest.mark.parametrize("seed", SEEDS)
def test_every_relative_link_of_the_readme_and_docs_resolves_inside_the_sdist(
    seed: str, tmp_path: Path
) -> None:
    _build(ROOT / "generated" / seed, tmp_path, "--sdist")
    (sdist,) = tmp_path.glob("*.tar.gz")
    with tarfile.open(sdist) as tar:
        root = tar.getnames()[0].split("/")[0]
        texts = {
            name.removeprefix(f"{root}/"): tar.extractfile(name).read().decode()  # type: ignore[union-attr]
            for name in tar.getnames()
            if name.endswith(".md")
        }
    readme = texts["README.md"]
    pages = [name for name in texts if name.startswith("docs/")]
    assert pages, "the sdist holds the operations' pages"
    for name in ["README.md", *pages]:
        for target in LINK.findall(texts[name]):
            if re.match(r"[a-z]+:", target):
                continue
            path, _, anchor = target.partition("#")
            resolved = (Path(name).parent / path).as_posix() if path else name
            resolved = str(Path(resolved)).replace("docs/../", "")
            assert resolved in texts, (name, target)
            assert not anchor or anchor in _anchors(texts[resolved]), (name, target)
    # A package index shows the README alone: it links to no file, only to its own headings.
    assert all(t.startswith(("#", "https://")) for t in LINK.findall(readme)), readme


def test_metadata_reaches_the_wheel_pip_show_and_the_readme(tmp_path: Path) -> None:
    out = render_spec(tmp_path, _spec_files("konaplate", METADATA))
    _build(out, tmp_path / "dist", "--sdist", "--wheel")
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    with zipfile.ZipFile(wheel) as zf:
        meta = Parser().parsestr(zf.read("konaplate-0.1.0.dist-info/METADATA").decode())
    assert meta["License-Expression"] == "Apache-2.0"
    assert meta.get_all("Project-URL") == [
        "Homepage, https://keys.example.com",
        "Documentation, https://keys.example.com/docs",
        "Repository, https://git.example.com/keys",
        "Issues, https://git.example.com/keys/issues",
    ]
    assert meta["Author-email"] == "Keys Team <keys@example.com>"
    assert meta["Author"] == "Second Author"
    readme = meta.get_payload()
    assert "[get_refund_fee](https://keys.example.com/docs/get_refund_fee.md)" in readme
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), wheel],
        check=True,
        capture_output=True,
    )
    shown = subprocess.run(
        [sys.executable, "-m", "pip", "show", "konaplate"],
        env={"PYTHONPATH": str(target), "PATH": ""},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    fields = dict(line.split(": ", 1) for line in shown.splitlines() if ": " in line)
    assert "Apache-2.0" in (fields.get("License-Expression"), fields.get("License"))
    assert fields["Home-page"] == "https://keys.example.com"
    assert "Second Author" in fields["Author"] and "keys@example.com" in fields["Author-email"]


def test_a_license_that_is_not_an_spdx_expression_is_a_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "spec"
    spec.mkdir()
    for name, text in _spec_files("konaplate", "license: MIT or whatever\n").items():
        (spec / name).write_text(text, encoding="utf-8")
    assert checked_apis([spec]) is None
    err = capsys.readouterr().err
    assert re.search(r"api\.yaml:\d+:\d+: error: license 'MIT or whatever' is not an SPDX", err)
