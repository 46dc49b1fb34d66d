"""CPU seconds of each generation stage, one after another in one process: the profile behind
the generation rows' "what limits it" (benchmarks/README.md).

    python benchmarks/stages.py SPEC [SPEC ...]     # e.g. a folder written by synth.py

Stages: importing docbind's stages, loading the spec files, the schema check, building the IR
(with the cross checks), each registered emitter, importing datamodel-code-generator and its
first call (what every worker process pays once), and the models modules one by one (what the
workers share). Nothing is cached: no document cache, no formatter cache.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def timed(label: str, work: Callable[[], T], rows: list[tuple[str, float | int]]) -> T:
    start = time.process_time()
    result = work()
    rows.append((label, time.process_time() - start))
    return result


def stages(spec: Path) -> list[tuple[str, float | int]]:
    rows: list[tuple[str, float | int]] = []

    def imports() -> Any:
        import docbind.cli.commands  # noqa: F401
        from docbind.backends import registry

        return registry

    registry = timed("import docbind's stages", imports, rows)
    from docbind.backends.emitter import NO_BASELINE
    from docbind.frontend.build import ApiBuilder
    from docbind.frontend.class_names import check_class_names
    from docbind.frontend.load import load_spec
    from docbind.frontend.nesting import check_nesting
    from docbind.frontend.schema import check_document
    from docbind.ir.diagnostics import Collector

    diag = Collector()
    source = timed("load the spec files", lambda: load_spec(spec, diag), rows)
    assert source is not None

    def schema() -> None:
        check_document(source.api, "api", diag)
        for op in source.operations:
            check_document(op, "operation", diag)

    timed("schema check", schema, rows)

    def build() -> Any:
        api = ApiBuilder(source, diag).build()
        check_class_names(api, diag)
        check_nesting(api, diag)
        return api

    api = timed("build the IR", build, rows)
    assert not diag.has_errors, diag.items[:3]
    slow: dict[str, Any] = {}
    for emitter in registry.EMITTERS:
        emitted = timed(f"emitter {emitter.name}", lambda e=emitter: e.emit(api, NO_BASELINE), rows)
        slow |= emitted.slow

    def models_setup() -> None:
        from docbind.backends.package.models import warm_up

        warm_up()

    timed("datamodel-code-generator import + first call (per worker)", models_setup, rows)
    timed(
        "every models module (the workers share them)",
        lambda: [j.run() for j in slow.values()],
        rows,
    )
    rows.append(("models modules (how many)", len(slow)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("specs", nargs="+", type=Path)
    parser.add_argument("--json", action="store_true", help="one JSON list of [stage, seconds]")
    args = parser.parse_args()
    for spec in args.specs:
        rows = stages(spec)
        if args.json:
            print(json.dumps(rows))
            continue
        print(f"{spec}: {sum(s for _, s in rows if isinstance(s, float)):.2f} s of CPU")
        for label, value in rows:
            print(
                f"  {value:7.3f} s  {label}"
                if isinstance(value, float)
                else f"  {value:7d}    {label}"
            )


if __name__ == "__main__":
    main()
