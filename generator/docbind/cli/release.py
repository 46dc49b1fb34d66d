"""`docbind release SPEC`: raise the spec's version by the bump its changes call for, date the
changelog section, and regenerate the package.

The changes are those between the spec and the package's committed baseline (``spec.json`` in
the output folder), plus any the changelog still lists under ``## Unreleased`` (a `generate` run
since the last release already moved the snapshot forward).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from packaging.version import InvalidVersion, Version

from docbind.backends.package.changelog import (
    CHANGELOG,
    date_heading,
    pending_bump,
    render_changelog,
)
from docbind.cli.common import EXIT_BAD_INPUT, EXIT_OK, AddCommand, checked_apis, render_specs
from docbind.diff import compare, next_version, plain_ir
from docbind.diff.model import BUMPS, Bump
from docbind.frontend.spec_paths import display_path, not_a_spec
from docbind.frontend.spec_version import set_version, version_line
from docbind.ir.model import Api
from docbind.output import pipeline
from docbind.output.baseline import read_baseline
from docbind.output.pipeline import RenderedPackage
from docbind.output.write import OutputError, write_file


class ReleaseError(Exception):
    """A release that cannot go ahead; the message is the whole located error line."""


@dataclass(frozen=True)
class Plan:
    api: Api  # the spec as checked, before the version is raised
    spec_file: Path
    old: str  # the baseline's version
    new: str
    bump: Bump
    day: str
    yaml_text: str  # api.yaml as it will be written


def release_day(option: str | None) -> str:
    """The release date: ``--date``, else ``SOURCE_DATE_EPOCH`` (reproducible builds), else
    today, in UTC."""
    if option is not None:
        try:
            return dt.date.fromisoformat(option).isoformat()
        except ValueError:
            raise ReleaseError(f"--date {option}: error: not a date (YYYY-MM-DD)") from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date().isoformat()
        except (ValueError, OverflowError, OSError):
            raise ReleaseError(
                f"SOURCE_DATE_EPOCH={epoch!r}: error: not a count of seconds since 1970"
            ) from None
    return dt.datetime.now(dt.UTC).date().isoformat()


def plan_release(api: Api, spec: Path, out_dir: Path, day: str, least: Bump) -> Plan | None:
    """What releasing ``api`` does; None when nothing changed since the baseline."""
    folder = out_dir / api.package
    baseline = read_baseline(folder)
    if baseline.snapshot is None:
        raise ReleaseError(
            f"{display_path(folder / 'spec.json')}: error: no baseline to compare with; "
            f"run `docbind generate {display_path(spec)}` and commit it first"
        )
    report = compare(baseline.snapshot, plain_ir(api), "baseline", "spec")
    old = report.old_version
    found = (report.bump, pending_bump(baseline.changelog), least)
    bump = max(found, key=BUMPS.index)
    spec_file = spec / "api.yaml"
    text = _read(spec_file)
    if bump == "none" and api.version == old:
        return None
    wanted = next_version(old, bump)
    here = f"{display_path(spec_file)}:{version_line(text)}:1"
    if api.version != old:  # raised by hand already: keep it if it is high enough
        if _key(api.version) < _key(wanted):
            raise ReleaseError(
                f"{here}: error: version {api.version} is below {wanted}, which the changes "
                f"since {old} call for ({bump})"
            )
        return Plan(api, spec_file, old, api.version, bump, day, text)
    if wanted == old:
        raise ReleaseError(f"{here}: error: {old} is not a PEP 440 version; raise it by hand")
    edited, problem = set_version(text, display_path(spec_file), old, wanted)
    if problem is not None or edited is None:
        raise ReleaseError(str(problem))
    return Plan(api, spec_file, old, wanted, bump, day, edited)


def _read(path: Path) -> str:
    """The file's text with its line endings as they are (no newline translation)."""
    return path.read_bytes().decode("utf-8")


def _key(version: str) -> tuple[int, ...]:
    try:
        return Version(version).release
    except InvalidVersion:
        return ()


def changelog_section(plan: Plan, out_dir: Path) -> str:
    """The dated changelog section the release writes (rendered as `generate` would)."""
    baseline = read_baseline(out_dir / plan.api.package)
    raised = replace(plan.api, version=plan.new)
    text = render_changelog(raised, baseline.snapshot, baseline.changelog)
    lines = date_heading(text, plan.new, plan.day).split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("## "))
    end = next(
        (i for i, line in enumerate(lines) if i > start and line.startswith("## ")), len(lines)
    )
    return "\n".join(lines[start:end]).rstrip() + "\n"


def cmd_release(args: argparse.Namespace) -> int:
    spec, out_dir = Path(args.spec), Path(args.output)
    if not (spec / "api.yaml").is_file():
        print(f"docbind: {not_a_spec(spec)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    apis = checked_apis([spec])
    if apis is None:
        return EXIT_BAD_INPUT
    try:
        plan = plan_release(apis[0], spec, out_dir, release_day(args.date), args.bump or "none")
    except ReleaseError as exc:
        print(f"docbind: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if plan is None:
        print(
            f"{apis[0].package} {apis[0].version}: nothing to release (no change since "
            f"{display_path(out_dir / apis[0].package / 'spec.json')}; --bump patch forces one)"
        )
        return EXIT_OK
    _show(plan, out_dir)
    if args.dry_run:
        print("dry run: nothing written")
        return EXIT_OK
    return _apply(plan, spec, out_dir)


def _show(plan: Plan, out_dir: Path) -> None:
    line = version_line(plan.yaml_text)
    print(f"{plan.api.package}: {plan.old} → {plan.new} ({plan.bump} bump)")
    if plan.api.version != plan.new:
        print(f"{display_path(plan.spec_file)}:{line}: version: {plan.old} → {plan.new}")
    print(f"{display_path(out_dir / plan.api.package / CHANGELOG)}:")
    sys.stdout.write(changelog_section(plan, out_dir))


def _apply(plan: Plan, spec: Path, out_dir: Path) -> int:
    original = _read(plan.spec_file)
    if plan.yaml_text != original:
        write_file(plan.spec_file, plan.yaml_text)
    rendered = render_specs([spec], out_dir)
    if rendered is None or rendered[0].api.version != plan.new:
        write_file(plan.spec_file, original)
        print(
            f"docbind: {display_path(plan.spec_file)}: restored; nothing released", file=sys.stderr
        )
        return EXIT_BAD_INPUT
    package = rendered[0]
    files = {**package.files, CHANGELOG: date_heading(package.files[CHANGELOG], plan.new, plan.day)}
    try:
        pipeline.write_all([spec], [RenderedPackage(package.api, files)], out_dir, _written)
    except OutputError as exc:
        write_file(plan.spec_file, original)
        print(f"docbind: {exc}; {display_path(plan.spec_file)} restored", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"released {plan.api.package} {plan.new}; commit it, then `make publish`")
    return EXIT_OK


def _written(package: RenderedPackage, changed: list[str]) -> None:
    print(f"{package.api.package}: {len(changed)} file{'s' if len(changed) != 1 else ''} written")


def register(add: AddCommand) -> None:
    """Add `release` to the docbind parser."""
    command = add(
        "release", cmd_release, "Raise a spec's version as its changes call for, and regenerate."
    )
    command.add_argument("spec", metavar="SPEC", help="a spec folder")
    command.add_argument(
        "-o",
        "--output",
        default="generated",
        metavar="DIR",
        help="output folder (default: generated)",
    )
    command.add_argument(
        "--bump",
        choices=[b for b in BUMPS if b != "none"],
        help="at least this bump (e.g. for a docbind upgrade that changed no spec)",
    )
    command.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="the release date (default: SOURCE_DATE_EPOCH, else today)",
    )
    command.add_argument(
        "--dry-run", action="store_true", help="print what would change; write nothing"
    )
