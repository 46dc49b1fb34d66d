"""`docbind completion bash|zsh|fish`: a shell completion script made from the argparse parser
(with shtab), so every command and option the parser knows completes, and nothing else."""

from __future__ import annotations

import argparse
import sys

from docbind.cli.common import EXIT_OK, AddCommand

SHELLS = ("bash", "zsh", "fish")


def cmd_completion(args: argparse.Namespace) -> int:
    import shtab

    from docbind.cli.commands import build_parser

    parser = build_parser()
    _mark_paths(parser)
    sys.stdout.write(shtab.complete(parser, shell=args.shell))
    return EXIT_OK


def _mark_paths(parser: argparse.ArgumentParser) -> None:
    """Spec, package and output arguments complete as folders; FILE arguments as files."""
    import shtab

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                _mark_paths(sub)
        elif action.metavar in ("SPEC", "DIR", "PACKAGE", "OLD", "NEW"):
            action.complete = shtab.DIRECTORY  # type: ignore[attr-defined]
        elif action.metavar == "FILE":
            action.complete = shtab.FILE  # type: ignore[attr-defined]


def register(add: AddCommand) -> None:
    """Add `completion` to the docbind parser."""
    command = add("completion", cmd_completion, "Print a shell completion script.")
    command.add_argument("shell", choices=SHELLS, help="the shell: bash, zsh or fish")
