"""The output folder: the user's files keep what they are, one writer at a time, and a run killed
anywhere leaves something the next run finishes or undoes (generator/write.py, journal.py)."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Union

import pytest
from docbind.cli import main
from docbind.output import journal, write
from docbind.output.output_lock import output_lock

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ["spec/kicc_easypay", "spec/konaplate"]
PACKAGE = "kicc_easypay"
StrPath = Union[str, "os.PathLike[str]"]


@pytest.fixture(autouse=True)
def _in_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="module")
def generated_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("generated") / "out"
    assert main(["generate", *SEEDS, "-o", str(out)]) == 0
    return out


@pytest.fixture
def out(generated_once: Path, tmp_path: Path) -> Path:
    """A fresh copy of a generated output folder, with some owned files made stale."""
    copy = tmp_path / "out"
    shutil.copytree(generated_once, copy, symlinks=True)
    for module in sorted((copy / PACKAGE / PACKAGE).glob("*.py"))[:6]:
        module.write_text("stale\n", encoding="utf-8")
    return copy


def identity(path: Path) -> tuple[object, ...]:
    """What a regeneration must not change about a file docbind did not write."""
    st = os.lstat(path)
    link = os.readlink(path) if stat.S_ISLNK(st.st_mode) else None
    return (st.st_ino, st.st_nlink, st.st_mode, st.st_uid, st.st_gid, link)


def foreign_entries(tmp_path: Path, package: Path) -> list[Path]:
    """One of every kind of entry a user may keep in a package folder, top level and nested."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "data.txt").write_text("theirs\n", encoding="utf-8")
    shared = tmp_path / "shared.txt"
    shared.write_text("shared\n", encoding="utf-8")
    made = []
    for folder in (package, package / PACKAGE):
        notes = folder / "NOTES.md"
        notes.write_text("ours\n", encoding="utf-8")
        notes.chmod(0o640)
        if os.geteuid() == 0:  # as root, an owner the run must not turn into root's
            os.chown(notes, 12345, 12345)
        (folder / "linked_dir").symlink_to(elsewhere, target_is_directory=True)
        (folder / "notes_link.md").symlink_to("NOTES.md")
        os.link(shared, folder / f"hard_{folder.name}.txt")
        os.mkfifo(folder / "pipe")
        (folder / "empty").mkdir()
        made += [
            notes,
            *(folder / n for n in ("linked_dir", "notes_link.md", "pipe", "empty")),
            folder / f"hard_{folder.name}.txt",
        ]
    return made


def snapshot(root: Path) -> dict[str, tuple[object, ...]]:
    """Every entry under ``root`` (links not followed): what it is, and a file's bytes."""
    found: dict[str, tuple[object, ...]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath, name)
            regular = stat.S_ISREG(os.lstat(path).st_mode)
            found[str(path)] = (*identity(path), path.read_bytes() if regular else None)
    return found


def leftovers(folder: Path) -> list[str]:
    """Temporary files, journals and swap folders anywhere under ``folder``."""
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            if (
                name.endswith(".docbind-tmp")
                or name.startswith(journal.JOURNAL)
                or ".new-" in name
                or ".old-" in name
            ):
                found.append(os.path.join(dirpath, name))
    return found


def assert_consistent(out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["check", *SEEDS, "-o", str(out)]) == 0, capsys.readouterr().out[-2000:]
    assert leftovers(out) == []


def test_foreign_entries_keep_links_modes_owners_and_kinds(
    out: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entries = foreign_entries(tmp_path, out / PACKAGE)
    before = {path: identity(path) for path in entries}
    assert main(["generate", *SEEDS, "-o", str(out)]) == 0
    assert {path: identity(path) for path in entries} == before
    assert (out / PACKAGE / "NOTES.md").read_text(encoding="utf-8") == "ours\n"
    assert sorted(os.listdir(tmp_path / "elsewhere")) == ["data.txt"]
    assert_consistent(out, capsys)


def test_a_replaced_owned_file_keeps_its_mode(out: Path) -> None:
    models = out / PACKAGE / PACKAGE / "models.py"
    models.write_text("stale\n", encoding="utf-8")
    models.chmod(0o600)
    assert main(["generate", *SEEDS, "-o", str(out)]) == 0
    assert models.read_text(encoding="utf-8") != "stale\n"
    assert stat.S_IMODE(models.stat().st_mode) == 0o600


def test_package_path_that_is_a_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / PACKAGE).write_text("mine\n", encoding="utf-8")
    assert main(["generate", *SEEDS, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"out/{PACKAGE}: error: exists and is not a folder" in err
    assert (out / PACKAGE).read_text(encoding="utf-8") == "mine\n"
    assert os.listdir(out) == [PACKAGE]  # nothing written, konaplate included


def test_output_folder_that_is_a_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    afile = tmp_path / "out"
    afile.write_text("mine\n", encoding="utf-8")
    assert main(["generate", *SEEDS, "-o", str(afile)]) == 2
    assert "out: error: is not a folder" in capsys.readouterr().err
    assert afile.read_text(encoding="utf-8") == "mine\n"


def _link_inner_folder(out: Path, tmp_path: Path) -> Path:
    inner = out / PACKAGE / PACKAGE
    moved = tmp_path / "moved"
    inner.rename(moved)
    inner.symlink_to(moved, target_is_directory=True)
    return inner


def _fifo_for_readme(out: Path, tmp_path: Path) -> Path:
    readme = out / PACKAGE / "README.md"
    readme.unlink()
    os.mkfifo(readme)
    return readme


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_link_inner_folder, "is a symbolic link; docbind never writes through one"),
        (_fifo_for_readme, "is a named pipe (FIFO), where docbind writes its file README.md"),
    ],
)
def test_a_link_or_special_file_where_docbind_writes_is_refused(
    out: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], make: object, reason: str
) -> None:
    assert callable(make)
    where = make(out, tmp_path)
    before = snapshot(tmp_path)
    assert main(["generate", *SEEDS, "-o", str(out)]) == 2
    assert f"{where.relative_to(tmp_path).as_posix()}: error: {reason}" in capsys.readouterr().err
    assert snapshot(tmp_path) == before  # nothing written, nothing left behind


def test_docs_keeps_the_folder_and_its_files(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    site.chmod(0o750)
    mine = site / "CNAME"
    mine.write_text("docs.example\n", encoding="utf-8")
    (site / "latest").symlink_to("index.html")
    folder = os.lstat(site)
    before = {p: identity(p) for p in (mine, site / "latest")}
    assert main(["docs", *SEEDS, "-o", str(site)]) == 0
    assert (site / "index.html").is_file()
    assert {p: identity(p) for p in (mine, site / "latest")} == before
    after = os.lstat(site)  # the same folder (not a new one swapped in), mode unchanged
    assert (after.st_ino, after.st_mode) == (folder.st_ino, folder.st_mode)


class Killed(BaseException):
    """Stands for SIGKILL: nothing catches it, so no cleanup code of the run happens."""


@pytest.fixture
def killed_at_rename(out: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """os.replace inside ``out`` raises Killed from call number ``fatal[0]`` on."""
    real, calls, fatal = os.replace, [0], [sys.maxsize]

    def replace(src: StrPath, dst: StrPath) -> None:
        if str(dst).startswith(str(out)):
            calls[0] += 1
            if calls[0] >= fatal[0]:
                raise Killed
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    yield fatal


@pytest.mark.parametrize("fatal", [1, 2, 3, 5, 8])
def test_a_run_killed_while_renaming_is_finished_by_the_next(
    out: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    killed_at_rename: list[int],
    fatal: int,
) -> None:
    entries = foreign_entries(tmp_path, out / PACKAGE)
    before = {path: identity(path) for path in entries}
    killed_at_rename[0] = fatal
    with pytest.raises(Killed):
        main(["generate", *SEEDS, "-o", str(out)])
    killed_at_rename[0] = sys.maxsize  # the next run is not killed
    assert main(["generate", *SEEDS, "-o", str(out)]) == 0
    assert {path: identity(path) for path in entries} == before
    assert_consistent(out, capsys)


def test_a_run_killed_while_staging_is_undone_by_the_next(
    out: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    notes = out / PACKAGE / "NOTES.md"
    notes.write_text("ours\n", encoding="utf-8")
    stale = (out / PACKAGE / PACKAGE / "models.py").read_bytes()
    real, count = write._write_temporary, [0]

    def write_then_die(target: Path, path: str, text: str) -> None:
        count[0] += 1
        if count[0] == 4:
            raise Killed
        real(target, path, text)

    monkeypatch.setattr(write, "_write_temporary", write_then_die)
    monkeypatch.setattr(write, "_discard", lambda *args: None)  # a kill cleans nothing up
    with pytest.raises(Killed):
        main(["generate", *SEEDS, "-o", str(out)])
    assert leftovers(out)  # the killed run's temporary files and journal...
    assert (out / PACKAGE / PACKAGE / "models.py").read_bytes() == stale  # ...changed nothing
    monkeypatch.undo()
    monkeypatch.chdir(ROOT)
    assert main(["generate", *SEEDS, "-o", str(out)]) == 0
    assert notes.read_text(encoding="utf-8") == "ours\n"
    assert_consistent(out, capsys)


def test_leftovers_of_the_old_swap_are_repaired(
    out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # What the previous design left after a kill between its two renames: no package folder,
    # the user's files inside .<package>.old-*, and a half-built .<package>.new-*.
    notes = out / PACKAGE / "NOTES.md"
    notes.write_text("ours\n", encoding="utf-8")
    inode = notes.stat().st_ino
    (out / PACKAGE).rename(out / f".{PACKAGE}.old-k2j4x9")
    (out / f".{PACKAGE}.new-a8d3q1").mkdir()
    (out / f".{PACKAGE}.new-a8d3q1" / "README.md").write_text("half\n", encoding="utf-8")
    assert main(["generate", *SEEDS, "-o", str(out)]) == 0
    assert notes.read_text(encoding="utf-8") == "ours\n" and notes.stat().st_ino == inode
    assert sorted(os.listdir(out)) == [PACKAGE, "konaplate"]
    assert_consistent(out, capsys)


def test_two_writers_at_once_take_turns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out" / "pkg"
    write.write_package(target, write.with_manifest({"pkg/a.py": "0\n", "README.md": "0\n"}))
    notes = target / "NOTES.md"
    notes.write_text("ours\n", encoding="utf-8")
    inode = notes.stat().st_ino
    versions = {
        name: write.with_manifest({"pkg/a.py": f"{name}\n", "README.md": f"{name}\n"})
        for name in ("first", "second")
    }
    first_inside, second_done = threading.Event(), threading.Event()
    real = os.replace

    def replace(src: StrPath, dst: StrPath) -> None:
        real(src, dst)
        if threading.current_thread().name == "first" and not first_inside.is_set():
            first_inside.set()  # the first writer is midway: let the second one try now
            second_done.wait(1.5)

    monkeypatch.setattr(os, "replace", replace)
    errors: list[BaseException] = []

    def run(name: str) -> None:
        try:
            if name == "second":
                first_inside.wait(10)
            write.write_package(target, versions[name])
        except BaseException as exc:  # noqa: BLE001  # reported below, with the thread's name
            errors.append(exc)
        finally:
            if name == "second":
                second_done.set()

    threads = [threading.Thread(target=run, args=(n,), name=n) for n in versions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert write.diff_package(target, versions["second"], "pkg") == []  # the later one wins
    assert notes.read_text(encoding="utf-8") == "ours\n" and notes.stat().st_ino == inode
    assert sorted(os.listdir(tmp_path / "out")) == ["pkg"] and leftovers(tmp_path) == []


def test_a_writer_gives_up_on_a_lock_held_too_long(tmp_path: Path) -> None:
    with output_lock(tmp_path), pytest.raises(write.OutputError, match="another docbind run"):
        write.write_package(tmp_path / "pkg", {"a.py": "x\n"}, lock_timeout=0.3)
    assert not (tmp_path / "pkg").exists()


def test_another_process_waits_for_the_lock(generated_once: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    err = tmp_path / "stderr.txt"
    with output_lock(out), err.open("w") as stderr:
        run = subprocess.Popen(
            [sys.executable, "-m", "docbind", "generate", *SEEDS, "-o", str(out)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        deadline = time.monotonic() + 120
        while "waiting for another docbind run" not in err.read_text(encoding="utf-8"):
            assert run.poll() is None and time.monotonic() < deadline, err.read_text()
            time.sleep(0.05)
        assert os.listdir(out) == []  # nothing written while the lock is held
    assert run.wait(120) == 0
    assert main(["check", *SEEDS, "-o", str(out)]) == 0


WORKERS = """
import sys
from docbind.output.format import Formatter
formatter = Formatter()
formatter._workers = 2
formatter.start()
print(*formatter._pool._processes, flush=True)
sys.stdin.read()
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")  # a zombie has exited; its new parent may not reap it


def test_formatter_workers_exit_when_docbind_is_killed() -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", WORKERS],
        cwd=ROOT,
        text=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert parent.stdout is not None
    workers = [int(pid) for pid in parent.stdout.readline().split()]
    assert len(workers) == 2 and all(_alive(pid) for pid in workers)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    orphans = [pid for pid in workers if _alive(pid)]
    for pid in orphans:  # leave nothing behind, even when the test fails
        os.kill(pid, signal.SIGKILL)
    assert orphans == []


def test_an_oversized_package_is_refused_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The last bound on what a spec can make docbind write (issue 18, item 9): the input
    bounds keep real specs far below it, so the test lowers it."""
    monkeypatch.setattr(write, "MAX_PACKAGE_BYTES", 10_000)
    out = tmp_path / "out"
    assert main(["generate", *SEEDS, "-o", str(out), "-q"]) == 2
    assert "more than the 10000 allowed" in capsys.readouterr().err
    assert not out.exists() or not any(out.iterdir())
