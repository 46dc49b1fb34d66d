"""The whole pipeline in one place: load → check → IR → emit → format, all in memory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docbind.backends.package.assemble import render_templates, static_files
from docbind.backends.package.changelog import release_files
from docbind.backends.package.json_schema import models_parts
from docbind.backends.package.models import part_jobs, render_part
from docbind.ir.model import Api
from docbind.output.baseline import read_baseline
from docbind.output.format import Formatter
from docbind.output.write import with_manifest


@dataclass(frozen=True)
class RenderedPackage:
    api: Api
    files: dict[str, str]  # relative path → text, formatted, manifest included

    def target(self, out_dir: Path) -> Path:
        return out_dir / self.api.package


def render(api: Api, out_dir: Path) -> RenderedPackage:
    """Everything for ``api``; the changelog compares with what ``out_dir`` holds now."""
    return render_all([api], out_dir)[0]


def render_all(
    apis: list[Api], out_dir: Path, formatter: Formatter | None = None
) -> list[RenderedPackage]:
    """Render every package here, and format it on the workers as it comes: the templates
    first (quick to render), then the models modules (datamodel-code-generator, the slow part
    of rendering), so the workers are formatting while this process renders."""
    if formatter is None:
        with Formatter() as own:
            return render_all(apis, out_dir, own)
    every: dict[str, str] = {}
    ready: set[str] = set()  # modules copied as they are, already in black's layout
    plans = [models_parts(api) for api in apis]
    for api, plan in zip(apis, plans, strict=True):
        baseline = read_baseline(out_dir / api.package)
        files = {**render_templates(api, plan), **release_files(api, baseline)}
        formatter.submit(_prefixed(api, files))
        static = _prefixed(api, static_files(api))
        ready |= set(static)
        every |= {**_prefixed(api, files), **static}
    for api, plan in zip(apis, plans, strict=True):
        for path, job in part_jobs(api, *plan).items():
            formatter.submit_rendered(f"{api.package}/{path}", render_part, job, job.key())
    formatted = formatter.collect(every, ready=ready)
    return [
        RenderedPackage(api, with_manifest(_unprefixed(api, formatted)))
        for api in apis
    ]


def _prefixed(api: Api, files: dict[str, str]) -> dict[str, str]:
    return {f"{api.package}/{path}": text for path, text in files.items()}


def _unprefixed(api: Api, files: dict[str, str]) -> dict[str, str]:
    prefix = f"{api.package}/"
    return {path[len(prefix) :]: text for path, text in files.items() if path.startswith(prefix)}
