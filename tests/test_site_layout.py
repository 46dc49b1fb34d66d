"""The HTML reference's layout (issue 16): the refund page's request table comes before any note
(the notes are collapsed), each side's sample sits beside its fields, Python members wrap only
between words, search covers notes, and the search index is one shared file."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import html5lib
import pytest
from docbind.cli.commands import main
from docbind.frontend.check import check_spec
from docbind.ir.model import Api

ROOT = Path(__file__).resolve().parents[1]
X = "{http://www.w3.org/1999/xhtml}"
REFUND = "kicc_easypay/operations/refund.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    assert (
        main(
            ["docs", str(ROOT / "spec/kicc_easypay"), str(ROOT / "spec/konaplate"), "-o", str(out)]
        )
        == 0
    )
    return out


def kicc() -> Api:
    api = check_spec(ROOT / "spec" / "kicc_easypay").api
    assert api is not None
    return api


def parse(path: Path) -> ElementTree.Element:
    root: ElementTree.Element = html5lib.HTMLParser(strict=True).parse(path.read_bytes())
    return root


def classes(el: ElementTree.Element) -> set[str]:
    return set((el.get("class") or "").split())


def document_order(root: ElementTree.Element) -> list[ElementTree.Element]:
    return list(root.iter())


def test_the_request_table_comes_before_every_open_note(site: Path) -> None:
    root = parse(site / REFUND)
    order = document_order(root)
    table = next(el for el in order if el.tag == f"{X}table" and "fields" in classes(el))
    details = [el for el in order if el.tag == f"{X}details"]
    assert len(details) == 1 and details[0].get("open") is None  # collapsed
    inside = set(details[0].iter())
    before = order[: order.index(table)]
    notes = [el for el in before if "note" in classes(el)]
    assert notes and all(n in inside for n in notes)  # every note above the table is folded
    api = kicc()
    op = api.operations[0]
    assert len(notes) == len(op.notes) + len(op.retry.notes)
    summary = next(details[0].iter(f"{X}summary"))
    assert f"{len(notes)} notes" in "".join(summary.itertext())


@pytest.mark.parametrize("side", ["request", "response"])
def test_each_side_shows_its_sample_beside_its_fields(site: Path, side: str) -> None:
    root = parse(site / REFUND)
    grids = [el for el in root.iter(f"{X}div") if "beside" in classes(el)]
    sample = kicc().operations[0].samples
    wanted = next(s for s in sample if s.direction == side)
    aside = next(
        a for g in grids for a in g.iter(f"{X}aside") if a.get("aria-label") == f"{side} sample"
    )
    grid = next(g for g in grids if aside in list(g.iter()))
    assert any("fields" in classes(t) for t in grid.iter(f"{X}table"))
    shown = [
        json.loads("".join(p.itertext()))
        for p in aside.iter(f"{X}pre")
        if "{" in "".join(p.itertext())[:2]
    ]
    assert wanted.payload in shown


def test_python_members_wrap_only_between_words(site: Path) -> None:
    root = parse(site / "kicc_easypay/codes.html")
    members = [el for el in root.iter(f"{X}code") if "member" in classes(el)]
    api = kicc()
    assert ["".join(m.itertext()) for m in members] == [
        f"{t.name}.{v.member}" for t in api.codes for v in t.values
    ]
    for member in members:
        pieces = [member.text or "", *((w.tail or "") for w in member.iter(f"{X}wbr"))]
        assert all(p.endswith(("_", ".")) for p in pieces[:-1]), pieces
        assert len(pieces) == "".join(pieces).count("_") + "".join(pieces).count(".") + 1
    style = (ROOT / "templates" / "site" / "style.css").read_text(encoding="utf-8")
    assert "code.member { overflow-wrap: normal; }" in style


def entries(site: Path) -> list[dict[str, str]]:
    text = (site / "search-index.js").read_text(encoding="utf-8")
    return list(json.loads(text[text.index("[") : text.rindex("]") + 1]))


def search(site: Path, query: str) -> list[dict[str, str]]:
    """What templates/site/search.js finds: entries holding every word of the query."""
    words = query.lower().split()
    found = []
    for e in entries(site):
        haystack = " ".join([e["t"], e["k"], e["c"], e.get("s", "")]).lower()
        if all(w in haystack for w in words):
            found.append(e)
    return found


def test_search_finds_notes(site: Path) -> None:
    hits = search(site, "VTIM")
    assert any(e["k"] == "note" and e["u"] == "kicc_easypay/errors.html" for e in hits)
    api = kicc()
    texts = {e.get("s") for e in entries(site) if e["k"] in ("note", "assumption")}
    for note in (*api.notes, *api.errors.notes, *api.operations[0].notes):
        assert " ".join(note.text.split()) in texts


def test_the_search_index_is_one_shared_file(site: Path) -> None:
    index = (site / "search-index.js").read_text(encoding="utf-8")
    assert index.startswith("window.docbindSearch = [")
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "docbindSearch" not in html and '"u":' not in html, page
        depth = len(page.relative_to(site).parts) - 1
        assert f'<script src="{"../" * depth}search-index.js"></script>' in html
    # The whole index is once on disk, not once per page.
    assert sum(p.stat().st_size for p in pages) < len(index) * len(pages)
