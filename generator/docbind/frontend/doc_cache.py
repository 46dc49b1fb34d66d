"""Loaded spec files kept across runs: a changed operation in a large API reads one file again.

An entry is a file's walked data and the positions of its values, as JSON (never pickle: a
cache folder shared between CI runs must not be able to run code), under the digest of
everything the walk depended on: the file's bytes and the loader itself (the front end's code
and pyyaml's version). The file's name is not in it: positions are stored as line and column,
and named when read. Only files that loaded cleanly on their own are kept: no problem reported,
no ``$ref`` followed into another file (whose change the key would not see), nothing
unresolved.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from docbind.ir.diagnostics import Loc

_FRONTEND = Path(__file__).resolve().parent


@functools.cache
def _salt() -> bytes:
    digest = hashlib.sha256(f"{sys.version}\0pyyaml {yaml.__version__}\0".encode())
    for path in sorted([*_FRONTEND.glob("*.py"), _FRONTEND.parent / "ir" / "diagnostics.py"]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes().replace(b"\r\n", b"\n"))
    return digest.digest()


def key(raw: bytes) -> str:
    """The entry of a file with these bytes, wherever it lives: a kept file's data and positions
    depend on its bytes alone (its name goes into the positions when the entry is read), so a
    checkout in another folder, or a spec copied to start a new version, is read from the
    cache too."""
    return hashlib.sha256(_salt() + raw).hexdigest()


# New entries held for ``flush`` at most: a large API's documents are not all kept alive (at
# 1,000 operations holding them all was 150 MB more at the peak), and such an API's main process
# has time to spare while its workers render the models.
_HELD = 200


class DocumentCache:
    """Entries in ``folder`` (one file each); every failure to read or write only costs speed.
    New entries are written by ``flush``, which the pipeline calls when it would otherwise
    wait for its workers: encoding them is a third of loading a file."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._new: dict[str, tuple[Any, dict[Any, Loc], dict[Any, Loc]]] = {}

    def get(self, entry: str, shown: str) -> tuple[Any, dict[Any, Loc], dict[Any, Loc]] | None:
        """The data, value positions and key positions stored under ``entry``."""
        try:
            stored = json.loads((self.folder / entry).read_text(encoding="utf-8"))
            data, locs, key_locs = stored["data"], stored["locs"], stored["key_locs"]
            return data, _positions(locs, shown), _positions(key_locs, shown)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, entry: str, data: Any, locs: dict[Any, Loc], key_locs: dict[Any, Loc]) -> None:
        self._new[entry] = (data, locs, key_locs)

    def flush(self) -> None:
        """Write the entries ``put`` since the last flush."""
        new, self._new = self._new, {}
        for entry, (data, locs, key_locs) in new.items():
            text = json.dumps(
                {"data": data, "locs": _flat(locs), "key_locs": _flat(key_locs)},
                ensure_ascii=False,
            )
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    out.write(text)
                os.replace(temporary, self.folder / entry)  # readers see a whole entry or none
            except OSError:
                return


def _flat(positions: dict[Any, Loc]) -> list[list[Any]]:
    return [[list(path), loc.line, loc.col] for path, loc in positions.items()]


def _positions(flat: list[list[Any]], shown: str) -> dict[Any, Loc]:
    return {tuple(path): Loc(shown, line, col) for path, line, col in flat}
