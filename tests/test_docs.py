"""The Markdown reference and the HTML site: complete, well-formed, linked, and escaped."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import html5lib
import pytest
from docbind.backends.docs.markdown import field_tables, md, render_package_docs
from docbind.cli.commands import main
from docbind.frontend.check import check_spec
from docbind.ir.model import Api, Field

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ["kicc_easypay", "konaplate"]
HOSTILE = "</script><script>alert(1)</script> {{ 7*7 }} \"dq\" 'sq' | pipe <b>x</b> & *em*"
XHTML = "{http://www.w3.org/1999/xhtml}"


def load(path: Path) -> Api:
    api = check_spec(path).api
    assert api is not None, check_spec(path).diagnostics
    return api


def all_fields(api: Api) -> list[Field]:
    return [f for op in api.operations for t in field_tables(api, op) for f in t.fields]


def hostile_spec(tmp_path: Path) -> Path:
    """The KICC seed with hostile text in names, docs, labels, notes and error strings."""
    spec = tmp_path / "hostile"
    shutil.copytree(ROOT / "spec" / "kicc_easypay", spec)
    quoted = json.dumps(HOSTILE + "\nsecond line")
    api = spec / "api.yaml"
    text = api.read_text(encoding="utf-8")
    text = text.replace("name: KICC EasyPay", f"name: {quoted}")
    text = text.replace('label: "Settlement Full Refund"', f"label: {quoted}")
    text = text.replace('doc: "Merchant ID assigned by KICC"', f"doc: {quoted}")
    note = "\"The document gives only 'Y': Query; no other value is documented.\""
    text = text.replace(f"    - {note}", f"    - {quoted}")
    api.write_text(text, encoding="utf-8")
    op = spec / "refund.yaml"
    text = op.read_text(encoding="utf-8")
    text = text.replace("summary: Payment Refund", f"summary: {quoted}")
    text = text.replace('doc: "Original PG Transaction ID"', f"doc: {quoted}")
    text = text.replace('doc: "Sample request from the document."', f"doc: {quoted}")
    op.write_text(text, encoding="utf-8")
    assert text.count(quoted) >= 3
    return spec


# --- Markdown --------------------------------------------------------------------------------

CELL_SPLIT = re.compile(r"(?<!\\)\|")


def table_blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    return blocks


def github_anchors(text: str) -> set[str]:
    """Anchors GitHub gives the headings of a Markdown file (outside code fences)."""
    anchors: set[str] = set()
    seen: dict[str, int] = {}
    fence = False
    for line in text.splitlines():
        if line.startswith("```"):
            fence = not fence
        if fence or not re.match(r"#{1,6} ", line):
            continue
        shown = re.sub(r"\\(.)", r"\1", line.lstrip("#").strip()).replace("`", "")
        base = re.sub(r"[^\w\- ]", "", shown.lower()).replace(" ", "-")
        count = seen.get(base, 0)
        seen[base] = count + 1
        anchors.add(base if count == 0 else f"{base}-{count}")
    return anchors


@pytest.mark.parametrize("seed", SEEDS)
def test_markdown_tables_have_consistent_columns(seed: str) -> None:
    files = render_package_docs(load(ROOT / "spec" / seed))
    assert "README.md" in files and any(p.startswith("docs/") for p in files)
    for path, text in files.items():
        blocks = table_blocks(text)
        assert blocks, path
        for block in blocks:
            widths = {len(CELL_SPLIT.split(line.strip())) for line in block}
            assert len(widths) == 1, (path, block[0], widths)
            assert re.fullmatch(r"(\|---)+\|", block[1]), (path, block[1])


@pytest.mark.parametrize("seed", SEEDS)
def test_markdown_links_and_anchors_resolve(seed: str) -> None:
    files = render_package_docs(load(ROOT / "spec" / seed))
    for path, text in files.items():
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            file_part, _, anchor = target.partition("#")
            resolved = (Path(path).parent / file_part).as_posix() if file_part else path
            resolved = re.sub(r"[^/]+/\.\./", "", resolved)
            assert resolved in files, (path, target)
            if anchor:
                assert anchor in github_anchors(files[resolved]), (path, target)


@pytest.mark.parametrize("seed", SEEDS)
def test_markdown_lists_every_field_code_error_and_note(seed: str) -> None:
    api = load(ROOT / "spec" / seed)
    files = render_package_docs(api)
    everything = "\n".join(files.values())
    for op in api.operations:
        page = files[f"docs/{op.name}.md"]
        for table in field_tables(api, op):
            for f in table.fields:
                assert f"| `{f.wire_name}` | `{f.py_name}` |" in page
                for note in f.notes:
                    assert md(note.text) in page, note.text
        for note in op.notes:
            assert md(note.text) in page
    readme = files["README.md"]
    for table in api.codes:
        for v in table.values:
            assert f"| `{v.code}` | `{table.name}.{v.member}` |" in readme
    for e in api.errors.entries:
        assert f"`{e.code}`" in readme and f"`{e.exception}`" in readme
    for s in api.signers:
        assert md(s.recipe) in readme
    for note in api.notes:
        assert md(note.text) in everything


def test_markdown_escapes_hostile_text(tmp_path: Path) -> None:
    files = render_package_docs(load(hostile_spec(tmp_path)))
    text = "\n".join(files.values())
    assert "<script>" not in text and "<b>" not in text
    assert "\\<script\\>alert(1)\\</script\\>" in text
    assert "{{ 7\\*7 }}" in text
    for path, page in files.items():
        for block in table_blocks(page):
            assert len({len(CELL_SPLIT.split(line.strip())) for line in block}) == 1, path


# --- HTML ------------------------------------------------------------------------------------


def build_site(tmp_path: Path, *specs: str) -> Path:
    out = tmp_path / "site"
    assert main(["docs", *specs, "-o", str(out)]) == 0
    return out


def parse(path: Path) -> ElementTree.Element:
    """The page's root element; strict: any HTML5 parse error raises."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
    root: ElementTree.Element = parser.parse(path.read_bytes())
    return root


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def text_of(root: ElementTree.Element) -> str:
    return "".join(root.itertext())


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("docs"), *(f"spec/{s}" for s in SEEDS))


@pytest.fixture(autouse=True)
def _in_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_site_has_the_expected_pages(seed_site: Path) -> None:
    found = {p.relative_to(seed_site).as_posix() for p in pages(seed_site)}
    assert found == {
        "index.html",
        "kicc_easypay/index.html",
        "kicc_easypay/codes.html",
        "kicc_easypay/errors.html",
        "kicc_easypay/operations/refund.html",
        "konaplate/index.html",
        "konaplate/codes.html",
        "konaplate/errors.html",
        "konaplate/operations/get_refund_fee.html",
    }


def test_every_page_is_valid_html5(seed_site: Path) -> None:
    for page in pages(seed_site):
        parse(page)  # strict: any parse error raises


@pytest.mark.parametrize("seed", SEEDS)
def test_site_shows_every_field_code_and_error(seed_site: Path, seed: str) -> None:
    api = load(ROOT / "spec" / seed)
    site_text = " ".join(text_of(parse(p)) for p in pages(seed_site / seed))
    for f in all_fields(api):
        assert f.wire_name in site_text and f.py_name in site_text
        for note in f.notes:
            assert " ".join(note.text.split()) in " ".join(site_text.split())
    for table in api.codes:
        for v in table.values:
            assert f"{table.name}.{v.member}" in site_text and v.label in site_text
    for e in api.errors.entries:
        for shown in (e.code, e.exception, e.message):
            assert shown in site_text


def test_links_resolve_and_nothing_is_fetched(seed_site: Path) -> None:
    for page in pages(seed_site):
        root = parse(page)
        ids = {el.get("id") for el in root.iter() if el.get("id")}
        sources = [el.get("src") for el in root.iter() if el.get("src") is not None]
        # Only the site's own two script files, by relative path: nothing from elsewhere.
        assert [Path(str(src)).name for src in sources] == ["search-index.js", "search.js"], page
        for src in sources:
            assert not urlsplit(src).scheme and (page.parent / str(src)).resolve().is_file()
        assert not list(root.iter(f"{XHTML}link")), page
        for a in root.iter(f"{XHTML}a"):
            href = a.get("href")
            parts = urlsplit(href)
            assert not parts.scheme and not parts.netloc, (page, href)
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file(), (page, href)
            if parts.fragment:
                target_ids = (
                    ids if target == page else {el.get("id") for el in parse(target).iter()}
                )
                assert parts.fragment in target_ids, (page, href)


def search_entries(site: Path) -> list[dict[str, str]]:
    """The shared search index, ``search-index.js``: one JSON array assigned to one global."""
    text = (site / "search-index.js").read_text(encoding="utf-8")
    prefix, suffix = "window.docbindSearch = ", ";\n"
    assert text.startswith(prefix) and text.endswith(suffix)
    entries: list[dict[str, str]] = json.loads(text[len(prefix) : -len(suffix)])
    return entries


def test_only_the_sites_own_script_files_may_run(seed_site: Path) -> None:
    script = (ROOT / "templates" / "site" / "search.js").read_text(encoding="utf-8")
    assert (seed_site / "search.js").read_text(encoding="utf-8") == script
    for page in pages(seed_site):
        html = page.read_text(encoding="utf-8")
        assert "script-src 'self';" in html and "default-src 'none'" in html
        scripts = list(parse(page).iter(f"{XHTML}script"))
        assert [el.text for el in scripts] == [None, None], page  # nothing inline
    assert {"field", "code", "error", "operation", "note"} <= {
        e["k"] for e in search_entries(seed_site)
    }


def test_search_index_holds_every_field(seed_site: Path) -> None:
    titles = {e["t"] for e in search_entries(seed_site)}
    for seed in SEEDS:
        api = load(ROOT / "spec" / seed)
        assert {f.wire_name for f in all_fields(api)} <= titles
        assert {v.code for t in api.codes for v in t.values} <= titles


def test_hostile_strings_come_out_escaped(tmp_path: Path) -> None:
    site = build_site(tmp_path, str(hostile_spec(tmp_path)))
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        root = parse(page)
        scripts = list(root.iter(f"{XHTML}script"))
        assert len(scripts) == 2, page
        assert not list(root.iter(f"{XHTML}b")), page
        assert "alert(1)</script>" not in html
    text = " ".join(text_of(parse(p)) for p in pages(site))
    assert HOSTILE in text and "{{ 7*7 }}" in text
    assert "<" not in (site / "search-index.js").read_text(encoding="utf-8")
    assert any(HOSTILE in e["c"] or HOSTILE in e["t"] for e in search_entries(site))


def test_docs_is_deterministic(tmp_path: Path) -> None:
    first = build_site(tmp_path / "a", "spec/kicc_easypay", "spec/konaplate")
    second = build_site(tmp_path / "b", "spec/kicc_easypay", "spec/konaplate")
    assert [p.read_bytes() for p in pages(first)] == [p.read_bytes() for p in pages(second)]


def test_docs_bad_input_exits_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(ROOT / "spec" / "konaplate", broken)
    op = broken / "get_refund_fee.yaml"
    op.write_text(
        op.read_text(encoding="utf-8").replace("codes: ConditionOverPolicy", "codes: Nope"),
        encoding="utf-8",
    )
    out = tmp_path / "site"
    assert main(["docs", str(broken), "-o", str(out)]) == 2
    assert "get_refund_fee.yaml:" in capsys.readouterr().err
    assert not out.exists()
    afile = tmp_path / "file"
    afile.write_text("x", encoding="utf-8")
    assert main(["docs", "spec/konaplate", "-o", str(afile)]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_site_of_two_specs_of_one_package_is_refused_where_the_second_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "again"
    shutil.copytree(ROOT / "spec" / "konaplate", copy)
    out = tmp_path / "site"
    assert main(["docs", "spec/konaplate", str(copy), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert re.search(
        r"again/api\.yaml:\d+:\d+: error: package 'konaplate' is also generated "
        r"by spec/konaplate",
        err,
    ), err
    assert not out.exists()
