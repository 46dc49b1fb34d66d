"""The `docbind` command line: one module per command group, shared helpers in ``common``."""

from __future__ import annotations

import sys
from collections.abc import Sequence

# The command that renders models on worker processes; ``main`` forks those first. (`check`
# mostly finds the models modules stamped as up to date, and renders none.)
_RENDERING = frozenset({"generate"})


def main(argv: Sequence[str] | None = None) -> int:
    """The command line. For ``generate`` on a first run the workers are forked
    (and set the models generator up) before the commands and the stages are imported: that
    set-up, not this process, is the longest path to the first models module."""
    args = sys.argv[1:] if argv is None else list(argv)
    early = bool(args) and args[0] in _RENDERING and not {"-h", "--help"} & set(args)
    if early:
        from docbind.output.format import prestart

        prestart("docbind.backends.package.models:warm_up")
    from docbind.cli.commands import main as run

    try:
        return run(argv)
    finally:
        if early:
            from docbind.output.format import discard_early

            discard_early()


__all__ = ["main"]
