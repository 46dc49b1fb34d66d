"""The whole pipeline in one place: load → check → IR → emit → format, all in memory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .baseline import read_baseline
from .emit.changelog import release_files
from .emit.package import render_package
from .format import format_files
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
    """Render every package, then format all their Python in one go (on every core)."""
    raw = [{**render_package(api), **release_files(api, read_baseline(out_dir / api.package))}
           for api in apis]
    every = {f"{api.package}/{path}": text for api, files in zip(apis, raw, strict=True)
             for path, text in files.items()}
    formatted = format_files(every)
    return [
        RenderedPackage(api, with_manifest({p: formatted[f"{api.package}/{p}"] for p in files}))
        for api, files in zip(apis, raw, strict=True)
    ]
