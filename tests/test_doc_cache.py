"""Loaded spec files kept across runs (frontend/doc_cache.py): a cached load is the same load."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docbind.frontend.check import check_spec
from docbind.frontend.doc_cache import DocumentCache
from docbind.frontend.load import load_spec
from docbind.ir.as_json import api_to_json
from docbind.ir.diagnostics import Collector

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "spec" / "kicc_easypay", tmp_path / "kicc")
    return Path("kicc")


def _documents(spec: Path, cache: DocumentCache | None) -> list[tuple[object, ...]]:
    source = load_spec(spec, Collector(), cache)
    assert source is not None
    if cache is not None:
        cache.flush()
    docs = [source.api, *source.operations]
    return [(d.file, d.source_name, d.data, d.locs, d.key_locs, d.unresolved) for d in docs]


def test_a_cached_load_is_the_same_load(spec: Path, tmp_path: Path) -> None:
    cache = DocumentCache(tmp_path / "cache")
    first = _documents(spec, cache)
    entries = sorted((tmp_path / "cache").iterdir())
    # the operation file is kept; api.yaml takes its code tables from another file ($ref), so
    # it is read every time (the key would not see that file change)
    assert len(entries) == 1 and "$ref" in (spec / "api.yaml").read_text(encoding="utf-8")
    assert _documents(spec, cache) == first == _documents(spec, None)
    # and the IR built from cached files is the IR
    assert api_to_json(check_spec(spec, cache).api) == api_to_json(check_spec(spec).api)


def test_an_edited_file_is_read_again(spec: Path, tmp_path: Path) -> None:
    cache = DocumentCache(tmp_path / "cache")
    _documents(spec, cache)
    api = spec / "api.yaml"
    api.write_text(api.read_text(encoding="utf-8").replace("KICC", "KICC2", 1), encoding="utf-8")
    assert "KICC2" in str(_documents(spec, cache)[0][2])


def test_a_broken_entry_is_ignored(spec: Path, tmp_path: Path) -> None:
    cache = DocumentCache(tmp_path / "cache")
    expected = _documents(spec, cache)
    for entry in (tmp_path / "cache").iterdir():
        entry.write_text('{"data": [', encoding="utf-8")
    assert _documents(spec, cache) == expected


def test_files_with_problems_or_refs_are_not_kept(spec: Path, tmp_path: Path) -> None:
    (spec / "shared.yaml").write_text("name: Shared\n", encoding="utf-8")
    api = spec / "api.yaml"
    text = api.read_text(encoding="utf-8")
    assert "\nname:" in text
    api.write_text(text.replace("\nname:", "\nname: {$ref: shared.yaml#/name}\nold_name:", 1))
    cache = DocumentCache(tmp_path / "cache")
    diag = Collector()
    source = load_spec(spec, diag, cache)
    assert source is not None and source.api.data["name"] == "Shared"
    (spec / "shared.yaml").write_text("name: Changed\n", encoding="utf-8")
    assert load_spec(spec, Collector(), cache).api.data["name"] == "Changed"  # type: ignore[union-attr]


def test_generate_and_check_write_the_entries(
    spec: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docbind.cli.commands import main

    for command in ("generate", "check"):
        folder = tmp_path / f"cache-{command}"
        monkeypatch.setenv("DOCBIND_CACHE_DIR", str(folder))
        main([command, str(spec), "-o", "out"])
        # refund.yaml; api.yaml takes its code tables from another file ($ref)
        assert len(list((folder / "documents").iterdir())) == 1, command


def test_a_copied_spec_is_read_from_the_cache_and_named_as_the_copy(
    spec: Path, tmp_path: Path
) -> None:
    cache = DocumentCache(tmp_path / "cache")
    _documents(spec, cache)
    entries = sorted((tmp_path / "cache").iterdir())
    copy = Path("kicc-v2")
    shutil.copytree(spec, copy)
    hits: list[str] = []
    real_get = cache.get

    def get(entry: str, shown: str) -> object:
        found = real_get(entry, shown)
        hits.append(shown if found is not None else "")
        return found

    cache.get = get  # type: ignore[method-assign]
    copied = _documents(copy, cache)
    assert sorted((tmp_path / "cache").iterdir()) == entries  # nothing new was kept
    assert [h for h in hits if h] == [str(copy / "refund.yaml")]
    assert copied == _documents(copy, None)  # the positions name the copy, not the original
    assert all(loc.file.startswith("kicc-v2") for loc in copied[1][3].values())


def test_a_hit_names_the_file_as_a_fresh_read_does(
    spec: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docbind.frontend.load import _Loader

    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    # a path named one way as given (../kicc/...) and another once resolved (absolute)
    roundabout = Path("..") / spec / "refund.yaml"
    cache = DocumentCache(tmp_path / "cache")

    def positions() -> dict[object, object]:
        doc = _Loader(roundabout.parent, Collector(), cache).document(roundabout)
        cache.flush()
        return doc.locs

    fresh = positions()
    assert list((tmp_path / "cache").iterdir())  # kept, so the next read is a hit
    assert positions() == fresh
