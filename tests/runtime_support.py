"""Import the shared runtime from where it lives (``generator/runtime/``), as a package of its own
name, so its unit tests run on the very files docbind copies into every generated package."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

RUNTIME = Path(__file__).resolve().parents[1] / "generator" / "runtime"
NAME = "docbind_runtime_under_test"


def runtime_module(name: str) -> ModuleType:
    """``generator/runtime/<name>.py``, imported as ``docbind_runtime_under_test.<name>``."""
    if NAME not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            NAME, RUNTIME / "__init__.py", submodule_search_locations=[str(RUNTIME)]
        )
        assert spec is not None and spec.loader is not None
        package = importlib.util.module_from_spec(spec)
        sys.modules[NAME] = package
        spec.loader.exec_module(package)
    return importlib.import_module(f"{NAME}.{name}")
