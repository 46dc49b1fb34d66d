"""`docbind import` and `docbind diff`: the doc-change workflow."""

from __future__ import annotations

import argparse
from collections.abc import Callable

AddCommand = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def register(add: AddCommand) -> None:
    """Add this module's commands to the docbind parser (none yet)."""
