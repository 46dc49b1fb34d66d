"""The emitters `docbind generate` runs, in one registry the pipeline iterates.

To add an emitter: write a module with a class that has a ``name`` and an
``emit(api, previous) -> Emitted`` method (``docbind.backends.emitter``), and register an
instance in ``EMITTERS`` below. The pipeline formats, checks and writes whatever the registered
emitters return; nothing else needs to know about the new one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future
from typing import Any

from docbind.backends.docs.markdown import PackageDocsEmitter
from docbind.backends.emitter import (
    NO_BASELINE,
    Baseline,
    Emitted,
    Emitter,
    EmitterClash,
    SlowJob,
)
from docbind.backends.package.assemble import PackageEmitter
from docbind.backends.package.changelog import ReleaseEmitter
from docbind.backends.package.model_tests import ModelTestsEmitter
from docbind.backends.package.models import ModelsEmitter
from docbind.ir.model import Api

# Runs each emitter's ``emit(api, previous)`` in a worker process; the future holds the results.
Elsewhere = Callable[[list[Emitter], Api, Baseline], Future[list[Emitted]]]


class Registry:
    """Emitters in the order they run; names and output paths are each one emitter's."""

    def __init__(self, emitters: Iterable[Emitter] = ()) -> None:
        self._emitters: dict[str, Emitter] = {}
        for emitter in emitters:
            self.register(emitter)

    def register(self, emitter: Emitter) -> Emitter:
        if emitter.name in self._emitters:
            raise EmitterClash(f"an emitter named {emitter.name!r} is registered already")
        self._emitters[emitter.name] = emitter
        return emitter

    def __iter__(self) -> Iterator[Emitter]:
        return iter(self._emitters.values())

    def copy(self) -> Registry:
        return Registry(self)

    def emit(
        self,
        api: Api,
        previous: Baseline = NO_BASELINE,
        started: Callable[[Mapping[str, SlowJob[Any]]], None] | None = None,
        elsewhere: Elsewhere | None = None,
    ) -> Emitted:
        """Every emitter's files for ``api``, in one ``Emitted``; a path two emitters make
        raises ``EmitterClash`` (naming both) rather than one silently replacing the other.
        ``started`` hears of each emitter's slow jobs as soon as it returns them, so they can
        start while the next emitters run. ``elsewhere`` runs a ``portable`` emitter (its
        ``emit``) in another process, queued behind the first emitter's slow jobs; when this
        process comes to them and no worker has started them, it runs them itself."""
        owners: dict[str, str] = {}
        files: dict[str, str] = {}
        verbatim: dict[str, str] = {}
        slow: dict[str, SlowJob[Any]] = {}
        away: Future[list[Emitted]] | None = None
        portable = [e for e in list(self)[1:] if getattr(e, "portable", False)]
        for index, emitter in enumerate(self):
            if emitter in portable and away is not None:
                if away.cancel():  # no worker took them: run here, all of them
                    away = _done([e.emit(api, previous) for e in portable])
                emitted = away.result()[portable.index(emitter)]
            else:
                emitted = emitter.emit(api, previous)
            for path in emitted.paths():
                if path in owners:
                    raise EmitterClash(
                        f"{api.package}/{path}: made by both the "
                        f"{owners[path]!r} and the {emitter.name!r} emitters"
                    )
                owners[path] = emitter.name
            files |= emitted.files
            verbatim |= emitted.verbatim
            slow |= emitted.slow
            if started is not None and emitted.slow:
                started(emitted.slow)
            if index == 0 and elsewhere is not None and portable:
                # after the first emitter (the models: their jobs queue ahead, being the long
                # ones), the portable ones go to the workers as one job (the API pickled once)
                away = elsewhere(portable, api, previous)
        return Emitted(files, verbatim, slow)

    def render(self, api: Api, previous: Baseline = NO_BASELINE) -> dict[str, str]:
        """Every file for ``api`` rendered in this process, slow jobs included, unformatted
        (the pipeline formats on workers; this is for tests and tools that need the text)."""
        emitted = self.emit(api, previous)
        slow = {path: job.run() for path, job in emitted.slow.items()}
        return {**emitted.files, **emitted.verbatim, **slow}


def _done(value: list[Emitted]) -> Future[list[Emitted]]:
    done: Future[list[Emitted]] = Future()
    done.set_result(value)
    return done


# ``models`` first: its slow jobs go to the workers before anything else (see ``emit``).
EMITTERS = Registry(
    [
        ModelsEmitter(),
        PackageEmitter(),
        ModelTestsEmitter(),
        PackageDocsEmitter(),
        ReleaseEmitter(),
    ]
)
