"""Fill the wheelhouse the end-to-end tests install from without a network (`make release-e2e`).

It holds a wheel of everything those installs need and the test cannot take from the index it
starts itself: docbind's dependencies and build backend (pre-commit installs the hook from this
repository) and the generated packages' dependencies (pip installs a package from the loopback
index into a fresh virtual environment). Usage: python tests/e2e/wheelhouse.py DIR
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def requirements() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    found = set(project["project"]["dependencies"]) | set(project["build-system"]["requires"])
    for path in sorted(ROOT.glob("generated/*/pyproject.toml")):
        package = tomllib.loads(path.read_text(encoding="utf-8"))
        found |= set(package["project"]["dependencies"]) | set(package["build-system"]["requires"])
    return sorted(found)


def main(folder: str) -> int:
    command = [sys.executable, "-m", "pip", "wheel", "--quiet", "--wheel-dir", folder]
    return subprocess.run([*command, *requirements()], check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
