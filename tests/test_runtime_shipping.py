"""The shared runtime reaches every generated package as it is, and a change to it is noticed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docbind.backends.package.runtime_files import CRYPTO_MODULE, RSA_MODULE, RUNTIME_MODULES
from docbind.backends.registry import EMITTERS
from docbind.frontend.check import check_spec
from docbind.output import fingerprint
from runtime_support import RUNTIME

ROOT = Path(__file__).resolve().parents[1]
STAND_INS = {"__init__.py", "_api.py", "models.py"}  # generated per package; never copied


def test_every_runtime_module_is_copied_as_it_is() -> None:
    assert {p.name for p in RUNTIME.glob("*.py")} == {*RUNTIME_MODULES, *STAND_INS}
    api = check_spec(ROOT / "spec" / "kicc_easypay").api  # it documents notifications
    assert api is not None and api.webhooks
    files = EMITTERS.render(api)
    for name in RUNTIME_MODULES:
        if name in (CRYPTO_MODULE, RSA_MODULE):  # only where a spec encrypts or signs with RSA
            assert f"{api.package}/{name}" not in files
            continue
        assert files[f"{api.package}/{name}"] == (RUNTIME / name).read_text(encoding="utf-8")
    inicis = check_spec(ROOT / "spec" / "kg_inicis").api  # it encrypts refundAcctNum
    assert inicis is not None and inicis.encrypts
    shipped = EMITTERS.render(inicis)[f"{inicis.package}/{CRYPTO_MODULE}"]
    assert shipped == (RUNTIME / CRYPTO_MODULE).read_text(encoding="utf-8")
    # the per-API data modules are generated, not the stand-ins
    assert "RULES: dict[str, Rules] = {}" not in files[f"{api.package}/_api.py"]


def test_editing_the_runtime_invalidates_the_output_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "runtime"
    shutil.copytree(RUNTIME, copy)
    monkeypatch.setattr(fingerprint, "runtime_dir", lambda: copy)
    spec = ROOT / "spec" / "konaplate"
    before = fingerprint.inputs_digest(spec)
    with (copy / "_runtime.py").open("a", encoding="utf-8") as handle:
        handle.write("# edited\n")
    assert fingerprint.inputs_digest(spec) != before
