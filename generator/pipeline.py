"""The whole pipeline in one place: load → check → IR → emit → format, all in memory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .baseline import read_baseline
from .emit.changelog import release_files
from .emit.models import render_part
from .emit.package import models_jobs, render_templates, static_files
from .format import Formatter
from .ir import Api
from .write import with_manifest


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
    raw = []
    for api in apis:
        baseline = read_baseline(out_dir / api.package)
        files = {**render_templates(api), **release_files(api, baseline)}
        formatter.submit(_prefixed(api, files))
        raw.append({**files, **static_files(api)})
    for api in apis:
        for path, job in models_jobs(api).items():
            formatter.submit_rendered(f"{api.package}/{path}", render_part, job, job.key())
    every = {path: text for api, files in zip(apis, raw, strict=True)
             for path, text in _prefixed(api, files).items()}
    static = {f"{api.package}/{path}" for api in apis for path in static_files(api)}
    formatted = formatter.collect(every, ready=static)
    return [
        RenderedPackage(api, with_manifest(_unprefixed(api, formatted)))
        for api in apis
    ]


def _prefixed(api: Api, files: dict[str, str]) -> dict[str, str]:
    return {f"{api.package}/{path}": text for path, text in files.items()}


def _unprefixed(api: Api, files: dict[str, str]) -> dict[str, str]:
    prefix = f"{api.package}/"
    return {path[len(prefix) :]: text for path, text in files.items() if path.startswith(prefix)}

