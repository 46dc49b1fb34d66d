"""The `docbind` command line. Exit: 0 success, 1 a difference or breaking change, 2 bad input."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from docbind import __version__
from docbind.cli import completion as cli_completion
from docbind.cli import docs as cli_docs
from docbind.cli import help as cli_help
from docbind.cli import publish as cli_publish
from docbind.cli import release as cli_release
from docbind.cli import workflow as cli_workflow
from docbind.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_DIFF,
    EXIT_OK,
    NO_SPECS,
    check_all,
    default_specs,
    render_specs,
)
from docbind.frontend.spec_paths import display_path
from docbind.output import pipeline
from docbind.output.pipeline import RenderedPackage
from docbind.output.write import OutputError

if TYPE_CHECKING:
    from docbind.ir.model import Api


def _specs(args: argparse.Namespace) -> list[Path]:
    return [Path(p) for p in args.specs] or default_specs()


def cmd_validate(args: argparse.Namespace) -> int:
    paths = _specs(args)
    if not paths:
        print(NO_SPECS, file=sys.stderr)
        return EXIT_BAD_INPUT
    results, ok = check_all(paths, outcome=None)  # validate writes nothing anyway
    if ok:
        names = ", ".join(r.api.package for r in results if r.api)
        print(f"ok: {names}")
    return EXIT_OK if ok else EXIT_BAD_INPUT


def cmd_inspect(args: argparse.Namespace) -> int:
    from docbind.ir.as_json import api_to_json

    results, ok = check_all([Path(args.spec)], outcome=None)
    if not ok or results[0].api is None:
        return EXIT_BAD_INPUT
    api = results[0].api
    if args.json:
        print(json.dumps(api_to_json(api), indent=2, ensure_ascii=False))
    else:
        print(f"{api.name} ({api.package} {api.version})")
        for op in api.operations:
            print(
                f"  {op.method} {op.path} -> {op.name}: {len(op.request.body)} request fields, "
                f"{len(op.response.body)} response fields, {len(op.samples)} samples"
            )
    return EXIT_OK


def cmd_generate(args: argparse.Namespace) -> int:
    paths, out_dir = _specs(args), Path(args.output)
    unchanged = pipeline.up_to_date(paths, out_dir)
    if unchanged is not None:
        for name in unchanged:
            print(f"{display_path(out_dir / name)}: unchanged")
        return EXIT_OK
    # Rendering every package together takes a while on a cold cache: say what is going on
    # (after the check, so a bad spec still prints only its located errors).
    started = time.monotonic()

    def starting(apis: list[Api]) -> None:
        names = (
            f"{api.package} from {display_path(path)}"
            for path, api in zip(paths, apis, strict=True)
        )
        _progress(args, f"docbind: generating {', '.join(names)} ...")

    def written(package: RenderedPackage, changed: list[str]) -> None:
        count = len(changed)
        state = f"{count} file{'s' if count != 1 else ''} changed" if changed else "unchanged"
        print(f"{display_path(package.target(out_dir))}: {state}")
        _progress(
            args,
            f"docbind: {package.api.package} done "
            f"({len(package.files)} files, {time.monotonic() - started:.1f}s)",
        )

    rendered = render_specs(paths, out_dir, starting)
    if rendered is None:
        return EXIT_BAD_INPUT
    try:
        pipeline.write_all(paths, rendered, out_dir, written)
    except OutputError as exc:
        print(f"docbind: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


def _progress(args: argparse.Namespace, text: str) -> None:
    if not args.quiet:
        print(text, file=sys.stderr, flush=True)


def cmd_check(args: argparse.Namespace) -> int:
    out_dir = Path(args.output)
    rendered = render_specs(_specs(args), out_dir)
    if rendered is None:
        return EXIT_BAD_INPUT
    stale = pipeline.stale(rendered, out_dir)
    for diff in stale.values():
        sys.stdout.writelines(diff)
    if stale:
        print(
            f"docbind: stale: {', '.join(stale)}; run `docbind generate` (or `make generate`)",
            file=sys.stderr,
        )
        return EXIT_DIFF
    print(f"ok: {len(rendered)} package{'s' if len(rendered) != 1 else ''} up to date")
    return EXIT_OK


def _version() -> str:
    try:
        return metadata.version("docbind")
    except metadata.PackageNotFoundError:  # run from a source tree that is not installed
        return __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="docbind",
        description="Turn API documentation tables (as YAML specs) into validated Python clients.",
        epilog=cli_help.MAIN,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"docbind {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(
        name: str, func: Callable[[argparse.Namespace], int], help_text: str
    ) -> argparse.ArgumentParser:
        command = sub.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=cli_help.COMMANDS[name],
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        command.set_defaults(func=func)
        return command

    validate = add("validate", cmd_validate, "Check specs; report every problem as file:line:col.")
    validate.add_argument("specs", nargs="*", metavar="SPEC", help="spec folders (default: spec/*)")
    inspect = add("inspect", cmd_inspect, "Show what docbind understood of a spec.")
    inspect.add_argument("spec", metavar="SPEC", help="a spec folder")
    inspect.add_argument("--json", action="store_true", help="print the normalized spec as JSON")
    for name, func, text in (
        ("generate", cmd_generate, "Generate a package per spec, written atomically."),
        ("check", cmd_check, "Exit 1 with a diff when the generated output is stale."),
    ):
        command = add(name, func, text)
        command.add_argument(
            "specs", nargs="*", metavar="SPEC", help="spec folders (default: spec/*)"
        )
        command.add_argument(
            "-o",
            "--output",
            default="generated",
            metavar="DIR",
            help="output folder (default: generated)",
        )
        if name == "generate":
            command.add_argument(
                "-q", "--quiet", action="store_true", help="no progress lines on stderr"
            )
    cli_docs.register(add)
    cli_workflow.register(add)
    cli_release.register(add)
    cli_publish.register(add)
    cli_completion.register(add)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a docbind bug: say so in one line, traceback only on request
        if os.environ.get("DOCBIND_DEBUG"):
            raise
        print(
            f"docbind: internal error ({type(exc).__name__}: {exc}); please report it. "
            "Set DOCBIND_DEBUG=1 for the traceback.",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    return code


if __name__ == "__main__":
    sys.exit(main())
