"""The `docbind` command line: one module per command group, shared helpers in ``common``."""

from docbind.cli.commands import main

__all__ = ["main"]
