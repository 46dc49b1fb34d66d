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


def render(api: Api) -> RenderedPackage:
    files = {**render_package(api), **release_files(api)}  # + spec.json, CHANGELOG.md
    return RenderedPackage(api, with_manifest(format_files(files)))
