"""Skip regeneration when nothing that goes into it has changed.

Output is a pure function of the spec folder's files and of docbind itself (its code, templates,
schema, and the pinned formatter and models generator). After a run, the digest of those inputs
and the hash of every file written are remembered in the user's cache (never in the output, so
editing docbind does not touch the golden record). A later run whose inputs hash the same and
whose output files are untouched on disk has nothing to do, and returns before importing the
heavy stages. Anything else (a cache miss, an edited output file) takes the full path.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from importlib import metadata
from pathlib import Path

from docbind.frontend.sizes import MAX_FILE_BYTES
from docbind.output.journal import JOURNAL
from docbind.resources import runtime_dir, schema_path, templates_dir

_PACKAGE = Path(__file__).resolve().parents[1]  # the whole docbind package
_PINNED = ("datamodel-code-generator", "black", "isort", "jinja2", "pydantic")


def cache_root() -> Path | None:
    """docbind's cache folder, or None when caching is turned off (``DOCBIND_NO_CACHE``)."""
    if os.environ.get("DOCBIND_NO_CACHE"):
        return None
    configured = os.environ.get("DOCBIND_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "docbind"


def _hash_tree(digest: hashlib._Hash, root: Path, pattern: str) -> None:
    for path in sorted(p for p in root.rglob(pattern) if p.is_file()):
        if "__pycache__" in path.parts:
            continue
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        stat = path.stat()
        if stat.st_size > MAX_FILE_BYTES:
            # Too large to be a spec file (loading refuses it if it is referenced): its size
            # and time stand for it, so a stray 3 GB file in the folder is not read at all.
            digest.update(f"{stat.st_size}:{stat.st_mtime_ns}".encode())
            continue
        with path.open("rb") as handle:
            digest.update(hashlib.file_digest(handle, "sha256").digest())


def inputs_digest(spec_dir: Path) -> str:
    digest = hashlib.sha256()
    for name in _PINNED:
        try:
            digest.update(f"{name}=={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} missing\0".encode())
    _hash_tree(digest, _PACKAGE, "*.py")
    _hash_tree(digest, templates_dir(), "*")
    _hash_tree(digest, runtime_dir(), "*.py")  # copied into every package
    digest.update(schema_path().read_bytes())
    _hash_tree(digest, spec_dir.resolve(), "*")
    return digest.hexdigest()


def _record(spec_dir: Path, out_dir: Path) -> Path | None:
    root = cache_root()
    if root is None:
        return None
    key = hashlib.sha256(f"{spec_dir.resolve()}\0{out_dir.resolve()}".encode()).hexdigest()
    return root / "fingerprints" / f"{key}.json"


def up_to_date(spec_dir: Path, out_dir: Path) -> str | None:
    """The output folder's name when it is exactly what ``spec_dir`` generates, else None."""
    record = _record(spec_dir, out_dir)
    try:
        stored = json.loads(record.read_text(encoding="utf-8")) if record else None
    except (OSError, ValueError):
        return None
    if not isinstance(stored, dict) or stored.get("inputs") != inputs_digest(spec_dir):
        return None
    target = out_dir / str(stored.get("target"))
    leftovers = (
        *target.parent.glob(f".{target.name}.new-*"),
        *target.parent.glob(f".{target.name}.old-*"),
    )
    if leftovers or os.path.lexists(target / JOURNAL):
        return None  # an interrupted write to finish or undo (generator/journal.py)
    for path, expected in dict(stored.get("files", {})).items():
        try:
            if not stat.S_ISREG(os.lstat(target / path).st_mode):  # never open a FIFO
                return None
            if hashlib.sha256((target / path).read_bytes()).hexdigest() != expected:
                return None
        except OSError:
            return None
    return str(stored["target"])


def remember(spec_dir: Path, out_dir: Path, target: str, files: dict[str, str]) -> None:
    record = _record(spec_dir, out_dir)
    if record is None:
        return
    entry = {
        "inputs": inputs_digest(spec_dir),
        "target": target,
        "files": {p: hashlib.sha256(t.encode("utf-8")).hexdigest() for p, t in files.items()},
    }
    try:
        record.parent.mkdir(parents=True, exist_ok=True)
        temporary = record.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(entry, sort_keys=True), encoding="utf-8")
        os.replace(temporary, record)
    except OSError:
        return  # only speed is lost
