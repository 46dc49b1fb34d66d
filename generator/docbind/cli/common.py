"""Shared by the commands: find specs, check them with every diagnostic printed, render them."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from docbind.backends.emitter import EmitterClash
from docbind.frontend.spec_paths import display_path
from docbind.ir.diagnostics import render as render_diagnostics
from docbind.output import pipeline
from docbind.output.format import GeneratorBug
from docbind.output.pipeline import Checked, RenderedPackage

if TYPE_CHECKING:
    from docbind.frontend.check import CheckResult
    from docbind.ir.model import Api

EXIT_OK, EXIT_DIFF, EXIT_BAD_INPUT = 0, 1, 2
DEFAULT_SPEC_ROOT = Path("spec")
NO_SPECS = "docbind: no specs given and none found under spec/"
# How a command module adds its commands: ``add(name, function, help)`` returns the subparser.
AddCommand = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def default_specs() -> list[Path]:
    if not DEFAULT_SPEC_ROOT.is_dir():
        return []
    return sorted(p.parent for p in DEFAULT_SPEC_ROOT.glob("*/api.yaml"))


def check_all(
    paths: Sequence[Path], outcome: str | None = "nothing written"
) -> tuple[list[CheckResult], bool]:
    """Check every spec, print every diagnostic sorted, and say whether all passed. The closing
    count says ``outcome`` (what the command did not do), or with None which specs failed."""
    checked = pipeline.check(paths)
    return list(checked.results), report_checked(checked, outcome)


def report_checked(checked: Checked, outcome: str | None = "nothing written") -> bool:
    """Print what checking found (see ``check_all``); True when every spec passed."""
    if checked.diagnostics:
        print(render_diagnostics(checked.diagnostics), file=sys.stderr)
    if checked.errors:
        errors = checked.errors
        failed = ", ".join(display_path(p) for p in checked.failed())
        tail = f"; {outcome}" if outcome else f" in {failed}"
        print(f"docbind: {errors} error{'s' if errors != 1 else ''}{tail}", file=sys.stderr)
    return checked.ok


def checked_apis(paths: Sequence[Path]) -> list[Api] | None:
    """The IR of every spec; None (after printing every diagnostic) when any is bad."""
    if not paths:
        print(NO_SPECS, file=sys.stderr)
        return None
    results, ok = check_all(paths)
    if not ok:
        return None
    return [r.api for r in results if r.api is not None]


def render_specs(
    paths: Sequence[Path],
    out_dir: Path,
    on_checked: Callable[[list[Api]], None] | None = None,
) -> list[RenderedPackage] | None:
    """Check and render every spec in memory; None (after printing why) when any is bad.
    ``on_checked`` hears of the checked specs before the (slower) rendering starts."""
    if not paths:
        print(NO_SPECS, file=sys.stderr)
        return None

    def checked(result: Checked) -> bool:
        if not report_checked(result):
            return False
        clash = pipeline.package_clash(paths, result.apis)
        if clash is not None:
            print(clash, file=sys.stderr)
            return False
        if on_checked is not None:
            on_checked(result.apis)
        return True

    try:
        return pipeline.render_specs(paths, out_dir, checked)
    except (GeneratorBug, EmitterClash) as exc:
        print(f"docbind: internal error (please report): {exc}", file=sys.stderr)
        return None
