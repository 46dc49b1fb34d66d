"""The `docbind diff OLD NEW` command (registered by ``docbind.cli.workflow``)."""

from __future__ import annotations

import argparse
import sys

from docbind.cli.common import EXIT_BAD_INPUT, EXIT_DIFF, EXIT_OK
from docbind.cli.diff_source import SourceError, load
from docbind.diff import compare, plain_ir
from docbind.diff.render import RENDERERS, summary
from docbind.ir.diagnostics import render as render_diagnostics
from docbind.ir.model import Api

FAIL_ON = ("breaking", "warning", "none")


def cmd_diff(args: argparse.Namespace) -> int:
    apis: list[Api] = []
    for arg in (args.old, args.new):
        try:
            api, diagnostics, _ = load(arg)
        except SourceError as exc:
            print(f"docbind: {exc}", file=sys.stderr)
            return EXIT_BAD_INPUT
        if diagnostics:
            print(render_diagnostics(diagnostics), file=sys.stderr)
        if api is None:
            print(f"docbind: {arg}: the spec has errors; nothing compared", file=sys.stderr)
            return EXIT_BAD_INPUT
        apis.append(api)
    report = compare(plain_ir(apis[0]), plain_ir(apis[1]), args.old, args.new)
    sys.stdout.write(RENDERERS[args.format](report))
    if report.fails(args.fail_on):
        print(f"docbind: {summary(report)} (--fail-on {args.fail_on})", file=sys.stderr)
        return EXIT_DIFF
    return EXIT_OK


def add_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("old", metavar="OLD", help="spec folder or git REV:PATH (HEAD~1:spec/x)")
    command.add_argument("new", metavar="NEW", help="spec folder or git REV:PATH")
    command.add_argument(
        "--format", choices=sorted(RENDERERS), default="text", help="output format (default: text)"
    )
    command.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default="breaking",
        help="exit 1 when a change is at least this severe (default: breaking; none: always 0)",
    )
