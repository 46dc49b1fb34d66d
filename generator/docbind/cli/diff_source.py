"""Where a spec to compare comes from: a folder, or a git revision (``HEAD~1:spec/kicc_easypay``).

A revision is materialised with ``git archive`` into a temporary folder and then goes through the
normal check pipeline; its diagnostics name the revision (``HEAD~1:spec/kicc/api.yaml:3:1``).
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from docbind.frontend.check import check_spec
from docbind.ir.diagnostics import Diagnostic, Loc
from docbind.ir.model import Api


class SourceError(Exception):
    """The spec argument names nothing readable; the message says why."""


def is_revision(arg: str) -> bool:
    return ":" in arg and not Path(arg).exists() and not arg.split(":", 1)[0].endswith("/")


@contextmanager
def materialised(arg: str) -> Iterator[tuple[Path, str]]:
    """Yield (spec folder, label); a revision lives in a temporary folder until exit."""
    if not is_revision(arg):
        folder = Path(arg)
        if not folder.is_dir():
            raise SourceError(f"{arg}: no such spec folder (give a folder or REV:PATH)")
        yield folder, arg
        return
    rev, path = arg.split(":", 1)
    with tempfile.TemporaryDirectory(prefix="docbind-diff-") as tmp:
        root = _git_root()
        if path.startswith("./"):  # as in git: REV:./path is relative to the working directory
            path = (Path.cwd().resolve().relative_to(root) / path[2:]).as_posix()
        inside = path.strip("/") or "."
        _archive(root, rev, inside, Path(tmp))
        folder = Path(tmp) / inside
        if not folder.is_dir():
            raise SourceError(f"{arg}: {inside} is not a folder in revision {rev}")
        yield folder, arg


def _git(args: list[str], cwd: Path | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SourceError(f"cannot run git: {exc}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SourceError(f"git {' '.join(args[:2])}: {message[-1] if message else 'failed'}")
    return done.stdout


def _git_root() -> Path:
    return Path(_git(["rev-parse", "--show-toplevel"]).decode().strip()).resolve()


def _archive(root: Path, rev: str, inside: str, dest: Path) -> None:
    if rev.startswith("-"):
        raise SourceError(f"{rev}: not a revision")
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd=root)
    except SourceError:
        raise SourceError(f"{rev}: unknown revision (in {root})") from None
    data = _git(["archive", "--format=tar", rev, "--", inside], cwd=root)
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(dest, filter="data")


def load(arg: str) -> tuple[Api | None, list[Diagnostic], str]:
    """Check the spec ``arg`` names; diagnostics are located as the user wrote ``arg``."""
    with materialised(arg) as (folder, label):
        result = check_spec(folder)
        shown = list(result.diagnostics)
        if is_revision(arg):
            shown = [replace(d, loc=_relabel(d.loc, folder, arg)) for d in shown]
        return result.api, shown, label


def _relabel(loc: Loc, folder: Path, arg: str) -> Loc:
    try:
        rel = Path(loc.file).resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return loc
    return Loc(f"{arg.rstrip('/')}/{rel}", loc.line, loc.col)
