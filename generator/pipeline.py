"""The whole pipeline in one place: load → check → IR → emit → format, all in memory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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
    files = {**render_package(api), **release_files(api, out_dir / api.package)}
    return RenderedPackage(api, with_manifest(format_files(files)))
