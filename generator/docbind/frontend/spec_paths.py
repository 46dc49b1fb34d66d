"""Paths around a spec folder: as shown to the user, as recorded in output, and the folder the
user probably meant when a path is not a spec folder."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_MARKERS = (".git", "pyproject.toml")


def project_path(path: Path, spec_root: Path) -> str:
    """``path`` as output records it, independent of the working directory: relative to the
    nearest folder above the spec holding ``.git`` or ``pyproject.toml`` (the project), else to
    the folder holding the spec folder (so ``kicc_easypay/refund.yaml``)."""
    path, spec_root = path.resolve(), spec_root.resolve()
    for folder in (spec_root, *spec_root.parents):
        if any((folder / marker).exists() for marker in PROJECT_MARKERS):
            return path.relative_to(folder).as_posix()
    return path.relative_to(spec_root.parent).as_posix()


def display_path(path: Path) -> str:
    """A path as users typed it: relative to the working directory when below it."""
    rel = os.path.relpath(path)
    return path.as_posix() if rel.startswith("..") else Path(rel).as_posix()


def not_a_spec(path: Path) -> str:
    """Why ``path`` is not a spec folder, and which folder the user probably meant."""
    if path.is_file():
        owner = next((d for d in path.resolve().parents if (d / "api.yaml").is_file()), None)
        if owner is None:
            return "a spec is a folder holding api.yaml, not a single file"
        return (
            f"pass the spec folder: {display_path(owner)} "
            f"(this file is one of its operation or code files)"
        )
    if not path.is_dir():
        return "no such spec: expected a folder holding api.yaml"
    # A folder of specs (spec/) or a project (.) rather than one spec: name the specs inside.
    found = sorted(path.glob("*/api.yaml")) or sorted(path.glob("*/*/api.yaml"))
    if not found:
        return "no api.yaml in this folder, nor in the folders under it; a spec folder holds one"
    names = [display_path(f.parent) for f in found]
    more = f" and {len(names) - 10} more" if len(names) > 10 else ""
    return f"no api.yaml in this folder; did you mean: {', '.join(names[:10])}{more}"
