"""Run every generated package's own tests against the lowest versions its pyproject allows.

    python tests/lowest_versions.py [generated/<package> ...]

For each package, the lower bound of every direct dependency (``name>=X``) becomes a pin
(``name==X``), the package is installed with those pins into a fresh virtual environment, and its
tests run there. A bound that is too low (a hook or keyword the code relies on that the oldest
allowed release lacks) fails here instead of silently in a user's environment. pip has no
``--resolution lowest``; pinning the direct lower bounds is what ``uv --resolution lowest-direct``
does. Exit status: 0 when every package passed, 1 otherwise, 2 on bad input.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The test runner is not a dependency of the generated packages; its version only has to run them.
TEST_TOOLS = ("pytest==9.2.0",)
LOWER = re.compile(r"^\s*([A-Za-z0-9_.\-\[\]]+)\s*>=\s*([^,;\s]+)")


def lowest_pins(pyproject: Path) -> list[str]:
    """``name==lower`` for every dependency; a dependency without a lower bound is an error,
    since nothing then says which release the code was proven against."""
    deps = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    pins = []
    for dep in deps:
        match = LOWER.match(dep)
        if match is None:
            raise SystemExit(f"{pyproject}: dependency {dep!r} has no lower bound (>=)")
        pins.append(f"{match.group(1)}=={match.group(2)}")
    return pins


def run_package(package: Path, work: Path) -> bool:
    pins = lowest_pins(package / "pyproject.toml")
    env_dir = work / package.name
    venv.create(env_dir, with_pip=True)
    python = str(env_dir / "bin" / "python")
    pip = [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    print(f"== {package.name}: {', '.join(pins)}", flush=True)
    subprocess.run([*pip, *pins, *TEST_TOOLS], check=True)
    subprocess.run([*pip, "--no-deps", str(package)], check=True)
    installed = subprocess.run(
        [python, "-m", "pip", "freeze"], check=True, capture_output=True, text=True
    ).stdout
    for pin in pins:  # the resolver must not have moved a pin
        if pin.lower() not in installed.lower():
            print(f"{package.name}: {pin} was not installed as asked:\n{installed}")
            return False
    # Run from the temporary folder so the installed package, not the source tree, is imported.
    tests = package.resolve() / "tests"
    result = subprocess.run(
        [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tests)], cwd=work
    )
    return result.returncode == 0


def main(argv: list[str]) -> int:
    packages = [Path(a) for a in argv] or sorted(
        p.parent for p in (ROOT / "generated").glob("*/pyproject.toml")
    )
    missing = [str(p) for p in packages if not (p / "pyproject.toml").is_file()]
    if missing:
        print(f"not a generated package (no pyproject.toml): {', '.join(missing)}")
        return 2
    with tempfile.TemporaryDirectory(prefix="docbind-lowest-") as tmp:
        failed = [p.name for p in packages if not run_package(p, Path(tmp))]
    if failed:
        print(f"lowest versions: FAILED for {', '.join(failed)}")
        return 1
    print(f"lowest versions: ok ({', '.join(p.name for p in packages)})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
