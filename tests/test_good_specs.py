"""The seed specs validate, and `inspect --json` prints what docbind understood as JSON."""

from __future__ import annotations

import json

import pytest
from docbind.cli.commands import EXIT_OK, main
from golden import REPO

SEEDS = ["spec/kicc_easypay", "spec/konaplate"]


@pytest.fixture(autouse=True)
def _in_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


def test_seed_specs_validate(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["validate", *SEEDS])
    out, err = capsys.readouterr()
    assert status == EXIT_OK, err
    assert err == ""
    assert out == "ok: kicc_easypay, konaplate\n"


def test_inspect_json_is_json(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["inspect", "spec/kicc_easypay", "--json"])
    out, err = capsys.readouterr()
    assert status == EXIT_OK, err
    data = json.loads(out)
    assert isinstance(data, dict)
    assert data["package"] == "kicc_easypay"
    assert [op["name"] for op in data["operations"]] == ["refund"]
