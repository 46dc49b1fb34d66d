"""Write the JSON Schema docbind hands to datamodel-code-generator for a spec (the models step).

    python benchmarks/models_schema.py SPEC OUT.json

Uses docbind's own stages (check, then emit/json_schema), so datamodel-codegen alone can be timed
on exactly the input docbind gives it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docbind.backends.package.json_schema import models_schema
from docbind.frontend.check import check_spec


def main() -> int:
    spec, out = Path(sys.argv[1]), Path(sys.argv[2])
    result = check_spec(spec)
    if result.api is None:
        print(f"{spec}: does not pass docbind validate", file=sys.stderr)
        return 2
    out.write_text(json.dumps(models_schema(result.api).schema, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
