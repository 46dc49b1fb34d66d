"""The `docbind` command line. Exit status: 0 success, 1 a difference or breaking change, 2 bad input."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .check import CheckResult, check_spec
from .diagnostics import render

EXIT_OK, EXIT_DIFF, EXIT_BAD_INPUT = 0, 1, 2
DEFAULT_SPEC_ROOT = Path("spec")


def default_specs() -> list[Path]:
    if not DEFAULT_SPEC_ROOT.is_dir():
        return []
    return sorted(p.parent for p in DEFAULT_SPEC_ROOT.glob("*/api.yaml"))


def _specs(args: argparse.Namespace) -> list[Path]:
    return [Path(p) for p in args.specs] or default_specs()


def check_all(paths: Sequence[Path]) -> tuple[list[CheckResult], bool]:
    """Check every spec, print every diagnostic sorted, and say whether all passed."""
    results = [check_spec(p) for p in paths]
    diagnostics = sorted((d for r in results for d in r.diagnostics), key=lambda d: d.sort_key())
    if diagnostics:
        print(render(diagnostics), file=sys.stderr)
    errors = sum(d.severity == "error" for d in diagnostics)
    if errors:
        print(f"docbind: {errors} error{'s' if errors != 1 else ''}; nothing written",
              file=sys.stderr)
    return results, errors == 0 and bool(paths)


def cmd_validate(args: argparse.Namespace) -> int:
    paths = _specs(args)
    if not paths:
        print("docbind: no specs given and none found under spec/", file=sys.stderr)
        return EXIT_BAD_INPUT
    results, ok = check_all(paths)
    if ok:
        names = ", ".join(r.api.package for r in results if r.api)
        print(f"ok: {names}")
    return EXIT_OK if ok else EXIT_BAD_INPUT


def cmd_inspect(args: argparse.Namespace) -> int:
    from .ir_json import api_to_json

    results, ok = check_all([Path(args.spec)])
    if not ok or results[0].api is None:
        return EXIT_BAD_INPUT
    api = results[0].api
    if args.json:
        print(json.dumps(api_to_json(api), indent=2, ensure_ascii=False))
    else:
        print(f"{api.name} ({api.package} {api.version})")
        for op in api.operations:
            print(f"  {op.method} {op.path} -> {op.name}: {len(op.request.body)} request fields, "
                  f"{len(op.response.body)} response fields, {len(op.samples)} samples")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="docbind",
        description="Turn API documentation tables (as YAML specs) into validated Python clients.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, func: Callable[[argparse.Namespace], int], help_text: str) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=help_text, description=help_text)
        command.set_defaults(func=func)
        return command

    validate = add("validate", cmd_validate, "Check specs; report every problem as file:line:col.")
    validate.add_argument("specs", nargs="*", metavar="SPEC", help="spec folders (default: spec/*)")
    inspect = add("inspect", cmd_inspect, "Show what docbind understood of a spec.")
    inspect.add_argument("spec", metavar="SPEC", help="a spec folder")
    inspect.add_argument("--json", action="store_true", help="print the normalized spec as JSON")
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
    return code


if __name__ == "__main__":
    sys.exit(main())
