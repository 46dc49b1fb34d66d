"""Located diagnostics, reported like a compiler: ``file:line:col: error: message``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True, order=True)
class Loc:
    """A position in a spec file; line and column are 1-based."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    loc: Loc
    message: str
    severity: Severity = "error"

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.loc.file, self.loc.line, self.loc.col, self.message)

    def __str__(self) -> str:
        return f"{self.loc}: {self.severity}: {self.message}"


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    unique = {(d.loc, d.severity, d.message): d for d in diagnostics}
    return tuple(sorted(unique.values(), key=Diagnostic.sort_key))


def render(diagnostics: Iterable[Diagnostic]) -> str:
    return "\n".join(str(d) for d in diagnostics)


class Collector:
    """Collects diagnostics so a stage can report every problem in one run."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []

    def error(self, loc: Loc, message: str) -> None:
        self.items.append(Diagnostic(loc, message, "error"))

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.items)
