"""Every key the spec format accepts reaches the emitters that should use it, or steers the
checker (issue 12, finding 4). The test walks spec/schema.json; each key path must have a case
in ``spec_keys_table.CASES``: one key of the base spec (tests/spec_keys/) changed, and where
the change must show (the IR attribute, the artefacts), or the located error it must get.

The packages are rendered in memory without black (a few hundredths of a second each once
datamodel-code-generator is warm), so all cases run in seconds.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from docbind.backends.docs.site import render_site
from docbind.backends.openapi import dump_openapi, openapi_document
from docbind.backends.registry import EMITTERS
from docbind.cli.common import checked_apis
from docbind.ir.model import Api
from golden import REPO
from spec_keys_table import ARTEFACTS, CASES, DROP, Checked

BASE = REPO / "tests" / "spec_keys"
FILES = {"api": "api.yaml", "op": "pay.yaml"}


class _Yaml12Loader(yaml.SafeLoader):
    """Booleans as YAML 1.2 (and docbind) read them: ``on`` is a key, not ``True``."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf")
)


def schema_key_paths() -> list[str]:
    """``<definition>.<key>[.<key>...]`` for every property the schema accepts, inline
    objects (``signer.input.fields``) included; ``$ref`` targets are walked as their own
    definitions, so the recursion of ``field.items`` ends."""
    defs = json.loads((REPO / "spec" / "schema.json").read_text())["$defs"]
    found: list[str] = []

    def walk(node: Any, prefix: str) -> None:
        if not isinstance(node, dict):
            return
        for key, sub in node.get("properties", {}).items():
            found.append(f"{prefix}.{key}")
            walk(sub, f"{prefix}.{key}")
        for key in ("items", "additionalProperties"):
            if isinstance(node.get(key), dict) and "$ref" not in node[key]:
                walk(node[key], prefix)
        for alternative in node.get("anyOf", []):
            walk(alternative, prefix)
        # A mapping that may also be a lone `$ref` (for editors) is `if $ref then ref else ...`.
        if isinstance(node.get("else"), dict):
            walk(node["else"], prefix)

    for name, definition in defs.items():
        walk(definition, name)
    return found


def _load(folder: Path) -> tuple[Api | None, str]:
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        apis = checked_apis([folder])
    return (apis[0] if apis else None), err.getvalue()


def _artefacts(api: Api) -> dict[str, str]:
    files = dict(EMITTERS.render(api))
    files["openapi.json"] = dump_openapi(openapi_document(api), "json")
    files |= {f"site/{path}": text for path, text in render_site([api]).items()}
    return files


@cache
def _base() -> tuple[Api, dict[str, str]]:
    api, err = _load(BASE)
    assert api is not None, err
    return api, _artefacts(api)


def _variant(tmp_path: Path, file: str, path: tuple[str | int, ...], value: Any) -> Path:
    folder = tmp_path / "spec"
    shutil.copytree(BASE, folder)
    target = folder / FILES[file]
    data = yaml.load(target.read_text(), Loader=_Yaml12Loader)
    node = data
    for step in path[:-1]:
        node = node[step]
    last = path[-1]
    if value is DROP:
        del node[last]
    else:
        assert isinstance(node, dict) or last < len(node), path
        node[last] = copy.deepcopy(value)
    target.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return folder


def _attribute(api: Api, dotted: str) -> Any:
    value: Any = api
    for part in dotted.split("."):
        name, *indexes = re.findall(r"[^\[\]]+", part)
        value = getattr(value, name)
        for index in indexes:
            value = value[int(index)]
    return value


def _changed_groups(before: dict[str, str], after: dict[str, str], package: str) -> set[str]:
    changed = {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}
    groups = set()
    for group, prefixes in ARTEFACTS.items():
        wanted = tuple(p.replace("PKG", package) for p in prefixes)
        if any(path.startswith(wanted) for path in changed):
            groups.add(group)
    return groups


def test_every_schema_key_has_a_case() -> None:
    keys = schema_key_paths()
    missing = [k for k in keys if k not in CASES]
    assert not missing, f"schema keys without a case in tests/spec_keys_table.py: {missing}"
    assert not set(CASES) - set(keys), "cases for keys the schema no longer has"


def test_base_spec_uses_each_changed_key() -> None:
    """The base spec is valid; it is what each case changes."""
    api, files = _base()
    assert api.package == "keysdemo" and "keysdemo/models.py" in files


@pytest.mark.parametrize("key", sorted(CASES))
def test_key_reaches_its_emitters(key: str, tmp_path: Path) -> None:
    case = CASES[key]
    folder = _variant(tmp_path, case.file, case.path, case.value)
    api, err = _load(folder)
    if isinstance(case, Checked):
        assert api is None, f"{key}: a wrong value was accepted"
        assert re.search(r":\d+:\d+: error: ", err) and case.error in err, err
        return
    assert api is not None, f"{key}: the changed spec does not validate:\n{err}"
    base, before = _base()
    assert _attribute(api, case.ir) != _attribute(base, case.ir), f"{key}: IR {case.ir} same"
    package = api.package if api.package == base.package else None
    after = _artefacts(api)
    if package is None:  # a new package name moves every file; compare under the old one
        after = {p.replace(f"{api.package}/", f"{base.package}/", 1): t for p, t in after.items()}
    changed = _changed_groups(before, after, base.package)
    missing = set(case.artefacts) - changed
    assert not missing, f"{key}: no change in {sorted(missing)} (changed: {sorted(changed)})"
