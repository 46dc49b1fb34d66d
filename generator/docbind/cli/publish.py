"""`docbind publish-check`: refuse to publish a package whose contents changed while its
version did not.

Two signs, both located: the changelog still has an ``## Unreleased`` section (the spec changed
since the last release and `docbind release` has not raised the version), and, against a git
revision (``--against v1.2.0`` or the branch last published from), files differ while
``pyproject.toml`` names the same version (a docbind upgrade changed the generated code).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from docbind.backends.package.changelog import CHANGELOG, UNRELEASED
from docbind.cli.common import EXIT_BAD_INPUT, EXIT_DIFF, EXIT_OK, AddCommand
from docbind.frontend.spec_paths import display_path
from docbind.output.write import read_regular

_VERSION = re.compile(r'^version\s*=\s*"([^"]+)"', re.MULTILINE)


class GitError(Exception):
    """git could not answer; the message says why."""


def unreleased(folder: Path) -> list[str]:
    """A located error when the changelog holds changes no version was raised for."""
    text = read_regular(folder / CHANGELOG) or ""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() == f"## {UNRELEASED}":
            return [
                f"{display_path(folder / CHANGELOG)}:{number}:1: error: the spec changed since "
                f"version {_version(folder) or '?'} and the version was not raised; run "
                "`docbind release` on its spec"
            ]
    return []


def _version(folder: Path) -> str | None:
    text = read_regular(folder / "pyproject.toml") or ""
    found = _VERSION.search(text)
    return found.group(1) if found else None


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(f"cannot run git: {exc}") from None
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        raise GitError(f"git {args[0]}: {lines[-1] if lines else 'failed'}")
    return done.stdout


def unbumped(folder: Path, rev: str) -> list[str]:
    """A located error when ``folder`` differs from revision ``rev`` under the same version."""
    if rev.startswith("-"):
        raise GitError(f"--against {rev}: not a revision")
    root = Path(_git(["rev-parse", "--show-toplevel"], folder).strip()).resolve()
    inside = folder.resolve().relative_to(root).as_posix()
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], root)
    except GitError:
        raise GitError(f"--against {rev}: unknown revision (in {root.name})") from None
    try:
        before = tomllib.loads(_git(["show", f"{rev}:{inside}/pyproject.toml"], root))
    except GitError:
        return []  # not published from that revision: a new package
    except tomllib.TOMLDecodeError:
        before = {}
    old = str(before.get("project", {}).get("version", ""))
    if old != _version(folder):
        return []
    changed = _git(["diff", "--name-only", rev, "--", inside], root).split()
    changed += _git(["ls-files", "--others", "--exclude-standard", "--", inside], root).split()
    if not changed:
        return []
    names = [Path(p).relative_to(inside).as_posix() for p in sorted(set(changed))]
    shown = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
    text = read_regular(folder / "pyproject.toml") or ""
    line = next((n for n, t in enumerate(text.splitlines(), 1) if _VERSION.match(t)), 1)
    return [
        f"{display_path(folder / 'pyproject.toml')}:{line}:1: error: version {old} is the one "
        f"published from {rev}, but {len(names)} file{'s' if len(names) != 1 else ''} changed "
        f"({shown}); run `docbind release --bump patch` on its spec"
    ]


def cmd_publish_check(args: argparse.Namespace) -> int:
    folders = [Path(p) for p in args.packages] or sorted(
        p.parent for p in Path("generated").glob("*/pyproject.toml")
    )
    if not folders:
        print("docbind: no packages given and none found under generated/", file=sys.stderr)
        return EXIT_BAD_INPUT
    problems: list[str] = []
    for folder in folders:
        if not (folder / "pyproject.toml").is_file():
            print(f"docbind: {display_path(folder)}: error: not a package folder", file=sys.stderr)
            return EXIT_BAD_INPUT
        problems += unreleased(folder)
        if args.against is not None:
            try:
                problems += unbumped(folder, args.against)
            except (GitError, ValueError) as exc:
                print(f"docbind: {display_path(folder)}: error: {exc}", file=sys.stderr)
                return EXIT_BAD_INPUT
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"docbind: publish-check: {len(problems)} package(s) refused", file=sys.stderr)
        return EXIT_DIFF
    names = ", ".join(f"{f.name} {_version(f)}" for f in folders)
    print(f"ok: {names}")
    return EXIT_OK


def register(add: AddCommand) -> None:
    """Add `publish-check` to the docbind parser."""
    command = add(
        "publish-check",
        cmd_publish_check,
        "Refuse packages whose contents changed while their version did not.",
    )
    command.add_argument(
        "packages", nargs="*", metavar="PACKAGE", help="package folders (default: generated/*)"
    )
    command.add_argument(
        "--against",
        metavar="REV",
        help="also compare with the git revision last published from (a tag or branch)",
    )
