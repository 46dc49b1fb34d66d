"""`docbind import` and `docbind diff`: the doc-change workflow."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from docbind.cli import diff as diff_cli
from docbind.cli.common import EXIT_BAD_INPUT, EXIT_OK, AddCommand
from docbind.importers.layouts import LAYOUTS
from docbind.ir.diagnostics import render as render_diagnostics


def cmd_import(args: argparse.Namespace) -> int:
    # Imported here: the importers are not needed by any other command.
    from docbind.importers import DocumentError, build_draft, read_document
    from docbind.importers.naming import snake_from_text
    from docbind.importers.writer import DraftNames, schema_reference

    try:
        draft = read_document(Path(args.file), args.layout)
    except DocumentError as exc:
        print(f"docbind: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    operation = snake_from_text(args.operation or draft.operation.summary, "operation")
    package = args.package or operation
    if not (args.operation and args.package) and operation == "operation":
        draft.todos.append(
            "No ASCII name could be made from the title: the package and "
            "operation are named 'operation'. Pass --package and --operation."
        )
    if not package.isidentifier():
        print(f"docbind: --package {package!r} is not a Python identifier", file=sys.stderr)
        return EXIT_BAD_INPUT
    output = Path(args.output) if args.output is not None else None
    names = DraftNames(
        args.name or draft.operation.summary or package,
        package,
        operation,
        schema_reference(output),
    )
    files, diagnostics = build_draft(draft, names)
    if args.output is None:
        for name, text in files.items():
            sys.stdout.write(f"# ---- {name} ----\n{text}")
    else:
        error = _write_folder(Path(args.output), files, args.force)
        if error:
            print(f"docbind: {error}", file=sys.stderr)
            return EXIT_BAD_INPUT
    todos = sum(text.count("TODO:") for text in files.values())
    if diagnostics:
        print(render_diagnostics(diagnostics), file=sys.stderr)
    errors = sum(d.severity == "error" for d in diagnostics)
    where = args.output or "stdout"
    print(
        f"docbind: drafted {', '.join(files)} ({draft.layout} layout) to {where}: "
        f"{todos} TODO note{'s' if todos != 1 else ''} to review"
        + (f"; {errors} validation errors (a docbind bug: please report)" if errors else ""),
        file=sys.stderr,
    )
    return EXIT_BAD_INPUT if errors else EXIT_OK


def _write_folder(out: Path, files: dict[str, str], force: bool) -> str | None:
    if out.suffix in (".yaml", ".yml"):
        return f"-o {out}: a spec is a folder (api.yaml and operation files); give a folder"
    if out.exists() and not out.is_dir():
        return f"-o {out}: exists and is not a folder"
    clashes = [name for name in files if (out / name).exists()]
    if clashes and not force:
        return f"{out}: would overwrite {', '.join(clashes)}; use --force to replace them"
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (out / name).write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:
        return f"{out}: cannot write: {exc.strerror or exc}"
    return None


def register(add: AddCommand) -> None:
    """Add this module's commands to the docbind parser."""
    importer = add(
        "import", cmd_import, "Draft a spec folder from pasted documentation (tables or listings)."
    )
    importer.add_argument("file", metavar="FILE", help="the pasted documentation (text or HTML)")
    importer.add_argument(
        "-o", "--output", metavar="DIR", help="write the draft spec folder here (default: print it)"
    )
    importer.add_argument(
        "--layout",
        choices=LAYOUTS,
        default="auto",
        help="how the document is laid out (default: detect)",
    )
    importer.add_argument("--name", help="the API's human name (default: the document title)")
    importer.add_argument("--package", help="the Python package name (default: from the title)")
    importer.add_argument("--operation", help="the operation name (default: from the title)")
    importer.add_argument("--force", action="store_true", help="overwrite files in DIR")
    diff_cli.add_arguments(
        add("diff", diff_cli.cmd_diff, "Compare two specs: every change classified for callers.")
    )
