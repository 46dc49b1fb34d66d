"""`docbind generate` with every emitter but the models answering from a recording: the floor
of "one changed operation regenerated" that per-operation emitter caches could reach at best.

    python benchmarks/given_emitters.py record SPEC OUT RECORDING   # a normal run, recorded
    python benchmarks/given_emitters.py given SPEC OUT RECORDING    # emitters answer from it

A `given` run still starts docbind, loads and checks the spec (the document cache helps as it
does for users), renders the changed models module with datamodel-code-generator on a worker
(the recording holds no models: they are the decided renderer's work, cached by their input),
and writes what changed; only the emitters' own rendering is free. `benchmarks/run.py` records
each change with a copy of the cache and of the output folder, so the `given` run finds them as
a real regeneration would. A benchmark tool: the recording is this script's own pickle.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path
from typing import Any


def main(mode: str, spec: str, out: str, recording: Path) -> int:
    from docbind.backends.registry import EMITTERS
    from docbind.cli.commands import main as docbind

    emitters = [e for e in EMITTERS if e.name != "models"]
    if mode == "record":
        seen: dict[str, Any] = {}
        for emitter in emitters:
            emit = emitter.emit

            def recorded(api: Any, previous: Any, name: str = emitter.name, run: Any = emit) -> Any:
                seen[name] = run(api, previous)
                return seen[name]

            emitter.emit = recorded  # type: ignore[method-assign]
            emitter.portable = False  # type: ignore[attr-defined]  # record in this process
        status = docbind(["generate", spec, "-o", out])
        recording.write_bytes(pickle.dumps(seen))
        return status
    given = pickle.loads(recording.read_bytes())
    for emitter in emitters:
        emitter.emit = lambda _api, _previous, name=emitter.name: given[name]  # type: ignore
        emitter.portable = False  # type: ignore[attr-defined]
    return docbind(["generate", spec, "-o", out])


if __name__ == "__main__":
    if len(sys.argv) != 5 or sys.argv[1] not in ("record", "given"):
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3], Path(sys.argv[4])))
