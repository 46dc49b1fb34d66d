"""Hostile specs: a spec is untrusted text, and nothing in it may crash docbind, inject code or
markup, or write outside the output folder (issue 8).

Each folder under tests/hostile/ is a spec with ``expected.txt``, its pinned outcome: for a spec
that must fail, the exact stderr of ``docbind generate tests/hostile/<case>`` (every error
located); for a spec that generates, ``generates <package>`` and the Python names docbind chose.
A few cases too large to keep in git (SYNTHESIZED) are written at test time; their expectations
live under tests/hostile/_synthesized/. ``--update-golden`` rewrites the expectations.

Every generating case is then compiled, imported (warnings are errors), probed (field
descriptions equal the spec's text, every operation callable through the fake provider) and
type-checked with ``mypy --strict``; its Markdown and HTML hold no live markup from the spec.
"""

from __future__ import annotations

import html
import py_compile
import re
import resource
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from docbind.frontend.sizes import MAX_FILE_BYTES
from golden import REPO, Golden
from hostile_support import (
    INTERNALS,
    assert_clean_failure,
    checked_api,
    mypy_strict,
    names_summary,
    probe,
    run_cli,
    tree,
)

CORPUS = REPO / "tests" / "hostile"
SYNTH_EXPECTED = CORPUS / "_synthesized"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith("_"))
# Markup a spec string may hold that must never be live in generated docs.
LIVE_MARKUP = re.compile(r"(?<!\\)<(script|img|/td)|(?<!\\)\]\(javascript:", re.IGNORECASE)
# Fenced blocks and code spans: Markdown shows what they hold as text.
CODE = re.compile(r"^```.*?^```|(`+)(?!`).+?(?<!`)\1(?!`)", re.MULTILINE | re.DOTALL)

_MINIMAL = (
    "docbind: 1\nname: Big\npackage: h_big\nversion: 0.1.0\n"
    'environments: {test: {url: "https://e.com"}}\noperations: [op.yaml]\n'
)
_OPERATION = "operation: ping\nmethod: GET\npath: /ping\nresponse: {body: {ok: {type: boolean}}}\n"


def _spec(folder: Path, api: str) -> None:
    (folder / "api.yaml").write_text(api, encoding="utf-8")
    (folder / "op.yaml").write_text(_OPERATION, encoding="utf-8")


def _too_large(folder: Path) -> None:
    padding = "# " + "x" * 98 + "\n"
    _spec(folder, _MINIMAL + padding * (MAX_FILE_BYTES // 100 + 1))


def _long_line(folder: Path) -> None:
    _spec(folder, _MINIMAL + "summary: " + "y" * (MAX_FILE_BYTES - 300) + "\n")


def _many_nodes(folder: Path) -> None:
    _spec(folder, _MINIMAL + "notes: [" + "a, " * 210_000 + "]\n")


def _aliased_text(folder: Path) -> None:
    # 200 aliases of a 30,000-character text: few nodes, six million characters of docs.
    text = "z" * 30_000
    _spec(folder, _MINIMAL + f"x-text: &t {text}\nnotes: [" + "*t, " * 200 + "]\n")


SYNTHESIZED: dict[str, Callable[[Path], None]] = {
    "size_aliases_expand_text": _aliased_text,
    "size_file_over_limit": _too_large,
    "size_long_string_under_limit": _long_line,
    "size_too_many_nodes": _many_nodes,
}


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) + len(SYNTHESIZED) >= 60


def _outcome(spec: Path, shown: str, out_dir: Path) -> str:
    before = tree(out_dir.parent)
    run = run_cli("generate", shown, "-o", str(out_dir))
    assert not INTERNALS.search(run.out + run.err), run.out + run.err
    if run.status != 0:
        assert_clean_failure(run)
        assert tree(out_dir.parent) == before, "a failed run wrote something"
        return run.err
    api = checked_api(spec)
    written = {p.relative_to(out_dir).parts[0] for p in out_dir.rglob("*")}
    assert written == {api.package}, f"files outside the package folder: {written}"
    return names_summary(api)


@pytest.mark.parametrize("case", CASES)
def test_hostile_spec(
    case: str, golden: Golden, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    out_dir = tmp_path / "out"
    outcome = _outcome(CORPUS / case, f"tests/hostile/{case}", out_dir)
    golden.check(CORPUS / case / "expected.txt", outcome)


@pytest.mark.parametrize("case", sorted(SYNTHESIZED))
def test_synthesized_hostile_spec(
    case: str, golden: Golden, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = tmp_path / case
    spec.mkdir()
    SYNTHESIZED[case](spec)
    monkeypatch.chdir(tmp_path)
    outcome = _outcome(spec, case, tmp_path / "out")
    golden.check(SYNTH_EXPECTED / f"{case}.txt", outcome)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Every generating case of the corpus, generated into one folder."""
    out = tmp_path_factory.mktemp("hostile-out")
    roots = []
    for case in CASES:
        if not (CORPUS / case / "expected.txt").read_text(encoding="utf-8").startswith("generates"):
            continue
        run = run_cli("generate", str(CORPUS / case), "-o", str(out))
        assert run.status == 0, run.err
        roots.append(out / checked_api(CORPUS / case).package)
    assert len(roots) >= 20
    return roots


def test_generated_code_compiles(generated: list[Path]) -> None:
    for root in generated:
        for path in root.rglob("*.py"):
            py_compile.compile(str(path), doraise=True, cfile=str(path) + "c-test")
            Path(str(path) + "c-test").unlink()


def test_generated_packages_import_and_keep_the_text(generated: list[Path]) -> None:
    result = probe(generated)
    assert result.returncode == 0, result.stderr[-4000:]
    assert result.stdout.count("ok ") == len(generated)


def test_generated_packages_pass_mypy_strict(generated: list[Path], tmp_path: Path) -> None:
    result = mypy_strict(generated, tmp_path / "mypy-cache")
    assert result.returncode == 0, result.stdout[-4000:]


def test_markdown_holds_no_live_markup(generated: list[Path]) -> None:
    for root in generated:
        for path in root.rglob("*.md"):
            text = CODE.sub("", path.read_text(encoding="utf-8"))  # code is shown literally
            assert not LIVE_MARKUP.search(text), f"{path}: {LIVE_MARKUP.search(text)}"


def test_html_site_escapes_spec_text(tmp_path: Path) -> None:
    hostile = [
        CORPUS / c
        for c in (
            "strings_quotes_templates_html",
            "strings_code_labels_and_errors",
            "strings_sample_payload",
        )
    ]
    run = run_cli("docs", *map(str, hostile), "-o", str(tmp_path / "site"))
    assert run.status == 0, run.err
    pages = list((tmp_path / "site").rglob("*.html"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in text and "<img src=x" not in text, page
    joined = html.unescape(" ".join(p.read_text(encoding="utf-8") for p in pages))
    assert "<script>alert(1)</script>" in joined  # escaped, not dropped: the meaning is kept


def test_a_failed_run_leaves_previous_output_byte_identical(tmp_path: Path) -> None:
    good = tmp_path / "spec"
    shutil.copytree(CORPUS / "names_keywords", good)
    out = tmp_path / "out"
    assert run_cli("generate", str(good), "-o", str(out)).status == 0
    before = tree(out)
    (good / "op.yaml").write_text((good / "op.yaml").read_text() + "  bogus: [\n")
    run = run_cli("generate", str(good), "-o", str(out))
    assert run.status == 2 and tree(out) == before


def test_huge_files_are_never_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 3 GiB operation file is refused by its size, and a 3 GiB file nobody references costs
    nothing (both sparse, so the test needs no disk): memory stays flat."""
    spec = tmp_path / "spec"
    spec.mkdir()
    _spec(spec, _MINIMAL.replace("[op.yaml]", "[op.yaml, huge.yaml]"))
    for name in ("huge.yaml", "stray.bin"):
        with (spec / name).open("wb") as handle:
            handle.truncate(3 << 30)
    monkeypatch.chdir(tmp_path)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    run = run_cli("generate", "spec", "-o", str(tmp_path / "out"))
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert run.status == 2 and f"file is {3 << 30} bytes" in run.err, run.err
    assert grown_kib < 512 * 1024, f"memory grew by {grown_kib >> 10} MiB"
    (spec / "huge.yaml").unlink()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    run = run_cli("generate", "spec", "-o", str(tmp_path / "out"))
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert run.status == 2 and "huge.yaml" in run.err  # still listed, now missing
    _spec(spec, _MINIMAL)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    run = run_cli("generate", "spec", "-o", str(tmp_path / "out"))
    grown_kib = max(grown_kib, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
    assert run.status == 0, run.err
    assert grown_kib < 512 * 1024, f"memory grew by {grown_kib >> 10} MiB"


def test_an_api_yaml_linked_outside_the_folder_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "elsewhere.yaml"
    secret.write_text("docbind: 1\nname: TOP-SECRET-VALUE\n", encoding="utf-8")
    spec = tmp_path / "spec"
    spec.mkdir()
    (spec / "api.yaml").symlink_to(secret)
    run = run_cli("validate", str(spec))
    assert run.status == 2 and "outside the spec folder" in run.err
    assert "TOP-SECRET-VALUE" not in run.err + run.out
