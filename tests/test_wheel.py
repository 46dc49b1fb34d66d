"""`pip install .` gives a working docbind: the wheel ships the templates and the spec schema."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_ships_templates_and_schema(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("docbind-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = {
        p.relative_to(ROOT / "templates").as_posix()
        for p in (ROOT / "templates").rglob("*")
        if p.is_file()
    }
    assert templates and {f"docbind/templates/{t}" for t in templates} <= names
    assert "docbind/schema.json" in names and "docbind/cli/commands.py" in names
    # The import package is docbind; nothing installs a top-level `generator` (or anything else).
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert tops == {"docbind"}, tops
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "docbind = docbind.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
