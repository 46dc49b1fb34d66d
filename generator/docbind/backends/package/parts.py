"""How a large API's models are split into modules, ``PART_SIZE`` operations to a module, so black
formats many small files (its cost grows faster than a file's length) on every core, a changed
operation re-renders one small module, and a package imports what it uses. (The operation methods
are one module per operation: ``_operations/<name>.py``.)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

# Small, so that the workers share even a small API's models (at ten operations two modules
# render side by side) and a changed operation re-renders little; datamodel-code-generator's
# cost per call beyond its cost per definition is a few milliseconds (measured: 10 operations
# as 1, 2 or 5 modules cost 239, 244 and 288 ms of CPU).
PART_SIZE = 5


def split(items: Sequence[T]) -> list[tuple[str, Sequence[T]]]:
    """``[(module name, items)]``: part1 … part9, or part01 … part40, numbered so they sort."""
    starts = range(0, len(items), PART_SIZE)
    width = len(str(len(starts)))
    return [
        (f"part{number:0{width}d}", items[start : start + PART_SIZE])
        for number, start in enumerate(starts, 1)
    ]


def part_of(index: int) -> int:
    """The position in ``split``'s list of the part holding item ``index``."""
    return index // PART_SIZE
