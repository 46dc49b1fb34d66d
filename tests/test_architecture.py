"""The import package's shape: stages as folders, imports pointing one way (docs/architecture.md).

Each stage may import only the stages listed for it; a new import that points back up the
pipeline (an emitter reading the front end, the IR importing an emitter) fails here.
"""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "generator" / "docbind"
# stage -> the stages it may import (itself always allowed). ``resources`` finds shipped files.
ALLOWED = {
    "ir": set(),
    "resources": set(),
    "frontend": {"ir", "resources"},
    "diff": {"ir"},
    "importers": {"ir", "frontend"},
    "backends": {"ir", "resources", "diff"},
    "output": {"ir", "resources", "frontend", "backends"},
    "cli": {"ir", "resources", "frontend", "backends", "output", "diff", "importers", "(root)"},
    "__main__": {"cli"},
    "(root)": set(),
}


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "(root)"


def _imports() -> list[tuple[str, str, str]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        module = ".".join(p for p in rel.parts if p != "__init__")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom):
                assert node.level == 0, f"{module}: relative import (use docbind.<stage>...)"
                targets = [node.module or ""]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            found += [(module, path.name, t) for t in targets if t.split(".")[0] == "docbind"]
    return found


def test_every_module_lives_in_a_known_stage() -> None:
    stages = {_stage(m) for m, _, _ in _imports()}
    assert stages <= set(ALLOWED), stages - set(ALLOWED)


def test_imports_point_down_the_pipeline() -> None:
    wrong = [
        f"{module} imports {target}"
        for module, _, target in _imports()
        if _stage(target) != _stage(module) and _stage(target) not in ALLOWED[_stage(module)]
    ]
    assert wrong == []


def test_nothing_installs_a_generator_package() -> None:
    assert not (REPO / "generator" / "__init__.py").exists()
    assert {p.name for p in (REPO / "generator").iterdir() if p.suffix == ".py"} == set()
