"""The whole pipeline in one place: load → check → IR → emit → format, all in memory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .baseline import read_baseline
from .emit.changelog import release_files
from .emit.package import render_models_file, render_templates
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


def render_all(apis: list[Api], out_dir: Path) -> list[RenderedPackage]:
    """Render every package; black formats the templates' output on the other cores while
    datamodel-code-generator writes the models here."""
    with Formatter() as formatter:
        raw = []
        for api in apis:
            baseline = read_baseline(out_dir / api.package)
            files = {**render_templates(api), **release_files(api, baseline)}
            formatter.submit(_prefixed(api, files))
            raw.append(files)
        for api, files in zip(apis, raw, strict=True):
            models = render_models_file(api)
            formatter.submit(_prefixed(api, models))
            files.update(models)
        every = {path: text for api, files in zip(apis, raw, strict=True)
                 for path, text in _prefixed(api, files).items()}
        formatted = formatter.collect(every)
    return [
        RenderedPackage(api, with_manifest({p: formatted[f"{api.package}/{p}"] for p in files}))
        for api, files in zip(apis, raw, strict=True)
    ]


def _prefixed(api: Api, files: dict[str, str]) -> dict[str, str]:
    return {f"{api.package}/{path}": text for path, text in files.items()}
