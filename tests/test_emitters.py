"""Emitters behind one interface: a new emitter is one module and one registration, and the
pipeline formats, lists and writes its files like every other emitter's."""

from __future__ import annotations

from pathlib import Path

import pytest
from docbind.backends import registry
from docbind.backends.emitter import Baseline, Emitted, EmitterClash, SlowJob
from docbind.cli.commands import main
from docbind.ir.model import Api

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "spec" / "konaplate"


def _shout(name: str) -> str:
    return f"NAME   =   {name.upper()!r}\n"  # module-level: a slow job may run on a worker


class OperationsList:
    """A small emitter: a text file, a Python module (unformatted), and a slow job."""

    name = "operations-list"

    def emit(self, api: Api, previous: Baseline) -> Emitted:
        names = "".join(f"{op.name}\n" for op in api.operations)
        return Emitted(
            files={"OPERATIONS.txt": names, f"{api.package}/_ops.py": "OPS=( 'a' ,)\n"},
            verbatim={"VERBATIM.py": "x   =   1\n"},
            slow={f"{api.package}/_slow.py": SlowJob(_shout, api.package, f"shout {api.package}")},
        )


@pytest.fixture
def emitters(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> registry.Registry:
    """The registry `docbind generate` uses, a copy this test may add to."""
    monkeypatch.setenv("DOCBIND_CACHE_DIR", str(tmp_path / "cache"))
    copy = registry.EMITTERS.copy()
    monkeypatch.setattr(registry, "EMITTERS", copy)
    return copy


def test_a_registered_emitter_has_its_files_generated(
    emitters: registry.Registry, tmp_path: Path
) -> None:
    emitters.register(OperationsList())
    out = tmp_path / "out"
    assert main(["generate", "-q", str(SPEC), "-o", str(out)]) == 0
    package = out / "konaplate"
    assert (package / "OPERATIONS.txt").read_text() == "get_refund_fee\n"
    assert (package / "konaplate" / "_ops.py").read_text() == 'OPS = ("a",)\n'  # black ran
    assert (package / "konaplate" / "_slow.py").read_text() == 'NAME = "KONAPLATE"\n'
    assert (package / "VERBATIM.py").read_text() == "x   =   1\n"  # copied as it is
    manifest = (package / ".docbind-manifest").read_text().splitlines()
    assert {"OPERATIONS.txt", "konaplate/_ops.py", "konaplate/_slow.py"} <= set(manifest)
    # the other emitters' files are all still there
    assert (package / "konaplate" / "client.py").is_file()
    assert (package / "CHANGELOG.md").is_file() and (package / "README.md").is_file()


def test_a_path_two_emitters_make_is_a_bug_named_not_a_silent_overwrite(
    emitters: registry.Registry, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    class Clashing(OperationsList):
        name = "clashing"

        def emit(self, api: Api, previous: Baseline) -> Emitted:
            return Emitted(files={"README.md": "mine\n"})

    emitters.register(Clashing())
    assert main(["generate", "-q", str(SPEC), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "konaplate/README.md: made by both the 'package-docs' and the 'clashing'" in err
    assert not (tmp_path / "out").exists()


def test_an_emitter_name_is_registered_once(emitters: registry.Registry) -> None:
    with pytest.raises(EmitterClash, match="'models'"):
        emitters.register(next(iter(registry.EMITTERS.copy())))
    assert [e.name for e in emitters] == [
        "models",
        "package",
        "model-tests",
        "package-docs",
        "release",
    ]


class Portable:
    """An emitter that may run on a worker; it says where it ran."""

    name = "portable"
    portable = True

    def __init__(self) -> None:
        self.runs = 0

    def emit(self, api: Api, previous: Baseline) -> Emitted:
        self.runs += 1
        return Emitted(files={"WHERE.txt": "here\n"})


def test_portable_emitters_run_on_a_worker_or_here_never_twice() -> None:
    from concurrent.futures import Future

    from docbind.frontend.check import check_spec

    api = check_spec(SPEC).api
    assert api is not None
    portable = Portable()
    emitters = registry.Registry([OperationsList(), portable])
    handed: list[list[object]] = []

    def worker_ran_them(es: list[object], *_: object) -> Future[list[Emitted]]:
        handed.append(es)
        done: Future[list[Emitted]] = Future()
        done.set_result([Emitted(files={"WHERE.txt": "worker\n"})])
        return done

    out = emitters.emit(api, elsewhere=worker_ran_them)  # type: ignore[arg-type]
    assert out.files["WHERE.txt"] == "worker\n" and portable.runs == 0
    assert handed == [[portable]]  # after the first emitter, which is never handed over
    waiting: Future[list[Emitted]] = Future()  # no worker has started it
    out = emitters.emit(api, elsewhere=lambda *_: waiting)  # type: ignore[arg-type]
    assert out.files["WHERE.txt"] == "here\n" and portable.runs == 1 and waiting.cancelled()
