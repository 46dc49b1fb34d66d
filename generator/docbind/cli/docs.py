"""`docbind docs` and `docbind openapi`: the reference site and the OpenAPI export."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from docbind.cli.common import EXIT_BAD_INPUT, EXIT_OK, AddCommand, checked_apis, default_specs
from docbind.frontend.spec_paths import display_path
from docbind.output import pipeline

OPENAPI_FORMATS = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}


def _not_a_folder(out: Path) -> bool:
    if out.exists() and not out.is_dir():
        print(f"docbind: {display_path(out)}: error: exists and is not a folder", file=sys.stderr)
        return True
    return False


def cmd_docs(args: argparse.Namespace) -> int:
    from docbind.backends.docs.mkdocs import render_mkdocs
    from docbind.backends.docs.site import render_site
    from docbind.output.write import OutputError

    started = time.perf_counter()
    out = Path(args.output)
    if _not_a_folder(out):
        return EXIT_BAD_INPUT
    paths = [Path(p) for p in args.specs] or default_specs()
    apis = checked_apis(paths)
    if apis is None:
        return EXIT_BAD_INPUT
    clash = pipeline.package_clash(paths, apis)
    if clash is not None:
        print(clash, file=sys.stderr)
        return EXIT_BAD_INPUT
    names = sorted(a.package for a in apis)
    files = render_mkdocs(apis) if args.format == "mkdocs" else render_site(apis)
    try:
        changed = pipeline.write_site(out, files)
    except OutputError as exc:
        print(f"docbind: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    size = sum(len(text.encode("utf-8")) for text in files.values())
    print(
        f"{display_path(out)}: {len(files)} pages ({size // 1024} KiB) for {', '.join(names)}; "
        f"{len(changed)} file{'s' if len(changed) != 1 else ''} changed; "
        f"{time.perf_counter() - started:.2f}s"
    )
    return EXIT_OK


def cmd_openapi(args: argparse.Namespace) -> int:
    from docbind.backends.openapi import dump_openapi, openapi_document
    from docbind.output.write import write_file

    fmt = "json"
    if args.output is not None:
        suffix = Path(args.output).suffix.lower()
        if suffix not in OPENAPI_FORMATS:
            print(
                f"docbind: {args.output}: error: the output must end in .json, .yaml or .yml",
                file=sys.stderr,
            )
            return EXIT_BAD_INPUT
        fmt = OPENAPI_FORMATS[suffix]
        if Path(args.output).is_dir():
            print(f"docbind: {args.output}: error: is a folder, not a file", file=sys.stderr)
            return EXIT_BAD_INPUT
    apis = checked_apis([Path(args.spec)])
    if apis is None:
        return EXIT_BAD_INPUT
    text = dump_openapi(openapi_document(apis[0]), fmt)
    if args.output is None:
        sys.stdout.write(text)
    else:
        write_file(Path(args.output), text)
        print(f"{display_path(Path(args.output))}: OpenAPI 3.1 for {apis[0].package}")
    return EXIT_OK


def register(add: AddCommand) -> None:
    """Add `docs` and `openapi` to the docbind parser."""
    docs = add("docs", cmd_docs, "Write the static HTML reference site for the specs.")
    docs.add_argument("specs", nargs="*", metavar="SPEC", help="spec folders (default: spec/*)")
    docs.add_argument(
        "-o", "--output", default="site", metavar="DIR", help="output folder (default: site)"
    )
    docs.add_argument(
        "--format",
        choices=("html", "mkdocs"),
        default="html",
        help="html: the static site; mkdocs: mkdocs.yml and a Markdown docs/ tree for "
        "mkdocs-material (default: html)",
    )
    openapi = add("openapi", cmd_openapi, "Export a spec as an OpenAPI 3.1 document.")
    openapi.add_argument("spec", metavar="SPEC", help="a spec folder")
    openapi.add_argument(
        "-o",
        "--output",
        default=None,
        metavar="FILE",
        help="write FILE (.json, .yaml or .yml) instead of JSON on standard output",
    )
