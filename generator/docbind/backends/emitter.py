"""The emitter interface: IR in, ``{relative path: text}`` out (sqlc's plugin boundary).

An emitter reads only the IR and what the package's previous output says (``Baseline``, read by
the output stage: emitters do no I/O). It returns the files it makes, relative to the package's
folder, in three kinds, so the pipeline can format them without knowing the emitter:

- ``files``: rendered text; the Python among them is formatted with black on the workers;
- ``verbatim``: copied as they are (modules written in black's layout already);
- ``slow``: files too slow to render in line (the models modules, datamodel-code-generator);
  a worker renders each only when the cache has no answer for the job's ``key``, and formats it
  with black unless the text comes back as ``pylit.InLayout`` (already in black's layout).

Emitters are registered in ``docbind.backends.registry``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from docbind.ir.model import Api

T = TypeVar("T")


@dataclass(frozen=True)
class Baseline:
    """What the package's previous output says (read by ``output.baseline``); None where the
    package has no such file yet, or it cannot be read."""

    snapshot: dict[str, Any] | None  # the previous IR as JSON (``spec.json``)
    changelog: str | None


NO_BASELINE = Baseline(None, None)


@dataclass(frozen=True)
class SlowJob(Generic[T]):
    """One file rendered by ``render(data)``. ``render`` is a module-level function and ``data``
    plain data, so the job may run in a worker process; ``key`` is the job's whole input (the
    pinned tools' versions included), the cache key of its formatted output."""

    render: Callable[[T], str]
    data: T
    key: str

    def run(self) -> str:
        return self.render(self.data)


@dataclass(frozen=True)
class Emitted:
    """What one emitter makes for one API; paths are relative to the package's folder."""

    files: Mapping[str, str] = field(default_factory=dict)
    verbatim: Mapping[str, str] = field(default_factory=dict)
    slow: Mapping[str, SlowJob[Any]] = field(default_factory=dict)

    def paths(self) -> list[str]:
        return [*self.files, *self.verbatim, *self.slow]


class EmitterClash(Exception):
    """Two emitters made the same file, or have one name: a docbind bug, not the spec's."""


class Emitter(Protocol):
    """IR in, files out. ``name`` says which emitter made a clashing path."""

    @property
    def name(self) -> str: ...

    def emit(self, api: Api, previous: Baseline) -> Emitted: ...
