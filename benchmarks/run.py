"""docbind's benchmarks: generation (whole process) and the generated code at run time.

    python benchmarks/run.py --quick     # about a minute: seeds, 10 operations, run-time ratios
    python benchmarks/run.py             # the full set; rewrites the table in benchmarks/README.md

Results go to benchmarks/results/<quick|full>.json. Everything runs from the repository root
with the interpreter running this script (the project's .venv). Work files go to
benchmarks/.work/ (ignored by git).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / ".work"
sys.path.insert(0, str(HERE))

import measure  # noqa: E402
import report  # noqa: E402
import synth  # noqa: E402

PY = sys.executable
BIN = Path(PY).parent
SEEDS = ["spec/kicc_easypay", "spec/konaplate"]


def docbind(*args: str) -> list[str]:
    return [PY, "-m", "docbind.cli.commands", *args]


def fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def cold_env() -> dict[str, str]:
    """docbind with an empty black cache (DOCBIND_CACHE_DIR): a first run on a new machine."""
    env = env_with_path()
    env["DOCBIND_CACHE_DIR"] = str(WORK / "black-cache")
    return env


def warm_env() -> dict[str, str]:
    env = env_with_path()
    env["DOCBIND_CACHE_DIR"] = str(WORK / "black-cache-warm")
    return env


def clear_cache() -> None:
    shutil.rmtree(WORK / "black-cache", ignore_errors=True)


def env_with_path() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"  # openapi-python-client calls ruff
    env.pop("PYTHONPATH", None)
    # Imports are timed with their .pyc files written, as an installed package has them.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def versions() -> dict[str, str]:
    out = {"python": platform.python_version(), "machine": f"{platform.machine()}, "
           f"{os.cpu_count()} cores, {platform.system()} {platform.release()}"}
    for name in ("docbind", "datamodel-code-generator", "black", "pydantic", "pydantic-core",
                 "httpx", "openapi-python-client", "ruff"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def have_oapc() -> bool:
    return (BIN / "openapi-python-client").exists()


# --- generation -----------------------------------------------------------------------------


def gen_seeds(repeat: int, res: dict[str, Any]) -> None:
    print("generation: seeds", flush=True)
    out = WORK / "seeds"
    res["calibration"] = measure.series(
        "python -c pass (interpreter start)", [PY, "-c", "pass"], ROOT, repeat).as_json()
    res["seeds_cold"] = measure.series(
        "docbind generate seeds, cold (no output, no cache)",
        docbind("generate", *SEEDS, "-o", str(out)), ROOT, repeat,
        before=lambda i: (fresh(out), clear_cache()), env=cold_env()).as_json()
    res["seeds_warm"] = measure.series(
        "docbind generate seeds, no output, warm cache",
        docbind("generate", *SEEDS, "-o", str(out)), ROOT, repeat,
        before=lambda i: fresh(out), env=warm_env()).as_json()
    res["seeds_noop"] = measure.series(
        "docbind generate seeds, nothing changed", docbind("generate", *SEEDS, "-o", str(out)),
        ROOT, repeat, env=warm_env()).as_json()
    side: dict[str, Any] = {}
    for spec in SEEDS:
        name = Path(spec).name
        side[name] = alternatives(ROOT / spec, name, repeat)
    res["seeds_alternatives"] = side


def alternative_commands(spec: Path, label: str) -> tuple[Path, dict[str, list[str]]] | str:
    """The alternatives' commands on ``spec`` (its OpenAPI export and JSON Schema written
    first), or why there are none."""
    base = fresh(WORK / "alt" / label)
    openapi = base / "openapi.json"
    schema = base / "models.schema.json"
    exported = subprocess.run(docbind("openapi", str(spec), "-o", str(openapi)), cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if exported.returncode != 0:  # docbind refused the spec: nothing to compare on
        print(f"  ! alternatives for {label} skipped: {exported.stderr.strip()[:300]}",
              file=sys.stderr)
        return exported.stderr.strip()[:1000]
    subprocess.run([PY, str(HERE / "models_schema.py"), str(spec), str(schema)], cwd=ROOT,
                   check=True)
    commands = {}
    if have_oapc():
        commands["openapi_python_client"] = [
            str(BIN / "openapi-python-client"), "generate", "--path", str(openapi), "--meta",
            "none", "--output-path", str(base / f"{label}_oapc"), "--overwrite"]
    commands["datamodel_codegen"] = [
        str(BIN / "datamodel-codegen"), "--input", str(schema), "--input-file-type",
        "jsonschema", "--output", str(base / "models.py"), "--output-model-type",
        "pydantic_v2.BaseModel", "--target-python-version", "3.11", "--snake-case-field",
        "--use-annotated", "--field-constraints", "--disable-timestamp",
        "--use-schema-description", "--use-field-description", "--capitalise-enum-members",
        "--use-double-quotes", "--use-union-operator", "--use-standard-collections"]
    return base, commands


LABELS = {"openapi_python_client": "openapi-python-client", "datamodel_codegen":
          "datamodel-codegen alone"}


def alternatives(spec: Path, label: str, repeat: int, timeout: float = 900) -> dict[str, Any]:
    """openapi-python-client on docbind's OpenAPI export; datamodel-codegen on its JSON Schema."""
    prepared = alternative_commands(spec, label)
    if isinstance(prepared, str):
        return {"error": prepared}
    base, commands = prepared
    return {key: measure.series(f"{LABELS[key]} {label}", command, base, repeat,
                                env=env_with_path(), timeout=timeout).as_json()
            for key, command in commands.items()}


def gen_synth(sizes: list[int], repeats: dict[int, int], timeout: float,
              res: dict[str, Any]) -> None:
    print("generation: synthetic specs", flush=True)
    scaling: dict[str, Any] = {}
    for ops in sizes:
        spec = synth.write_spec(WORK / f"synth{ops}", ops)
        out = WORK / f"synth{ops}-out"
        entry: dict[str, Any] = {}
        prepared = alternative_commands(spec, f"synth{ops}")
        commands = {} if isinstance(prepared, str) else prepared[1]
        # docbind and openapi-python-client cold, in turn: the comparison of record
        runs: list[Any] = [(f"docbind generate {ops} ops, cold",
                            docbind("generate", str(spec), "-o", str(out)), ROOT,
                            lambda i, out=out: (fresh(out), clear_cache()), cold_env())]
        if "openapi_python_client" in commands:
            runs.append((f"openapi-python-client synth{ops}", commands["openapi_python_client"],
                         WORK, None, env_with_path()))
        measured = measure.alternating(runs, repeats[ops], timeout)
        entry["docbind_cold"] = measured[0].as_json()
        alts: dict[str, Any] = {"error": prepared} if isinstance(prepared, str) else {}
        if len(measured) > 1:
            alts["openapi_python_client"] = measured[1].as_json()
        if ops <= 100:  # what CI pays on every pull request: `docbind check`, cold
            entry["docbind_check_cold"] = measure.series(
                f"docbind check {ops} ops, cold", docbind("check", str(spec), "-o", str(out)),
                ROOT, max(repeats[ops], 3), before=lambda i: clear_cache(), env=cold_env(),
                timeout=timeout).as_json()
        if "datamodel_codegen" in commands:
            alts["datamodel_codegen"] = measure.series(
                f"datamodel-codegen alone synth{ops}", commands["datamodel_codegen"], WORK,
                repeats[ops], env=env_with_path(), timeout=timeout).as_json()
        entry["alternatives"] = alts
        if ops <= 100:  # the CPU profile by stage behind the rows (benchmarks/stages.py)
            entry["stages"] = stage_profile(spec)
        scaling[str(ops)] = entry
    res["synthetic"] = scaling


def stage_profile(spec: Path) -> list[list[Any]]:
    """CPU seconds by stage, one stage after another in a fresh process with no cache."""
    env = cold_env() | {"DOCBIND_NO_CACHE": "1"}
    done = subprocess.run([PY, str(HERE / "stages.py"), "--json", str(spec)], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True)
    rows: list[list[Any]] = json.loads(done.stdout)
    return rows


def gen_regeneration(ops: int, repeat: int, timeout: float, res: dict[str, Any]) -> None:
    """No-op regeneration, and one operation changed (a new change each run, the rest cached)."""
    print(f"generation: regeneration at {ops} ops", flush=True)
    a = synth.write_spec(WORK / f"regen{ops}-a", ops)
    out = fresh(WORK / f"regen{ops}-out")
    # A cache of this run's own, empty at first: the changes below are new to it, as a user's
    # edit is (a cache kept from an earlier run would hold their models modules already).
    cache = WORK / f"regen{ops}-cache"
    shutil.rmtree(cache, ignore_errors=True)
    env = env_with_path() | {"DOCBIND_CACHE_DIR": str(cache)}
    first = measure.run_once(docbind("generate", str(a), "-o", str(out)), ROOT, env,
                             timeout=timeout)
    if first.status != 0:
        res[f"regen_{ops}"] = {"error": "initial generation failed or timed out"}
        return
    noop = measure.series(f"docbind regenerate {ops} ops, nothing changed",
                          docbind("generate", str(a), "-o", str(out)), ROOT, repeat,
                          env=env, timeout=timeout)
    one = measure.Series(f"docbind regenerate {ops} ops, one op changed", [])
    for i in range(repeat):  # each run adds a field never seen before to one operation
        changed = synth.write_spec(fresh(WORK / f"regen{ops}-b"), ops, change_one=i + 1)
        cmd = docbind("generate", str(changed), "-o", str(out))
        one.command = cmd
        run = measure.run_once(cmd, ROOT, env, timeout=timeout)
        one.runs.append(run)
        if run.status != 0:
            break
    low, high = one.span()
    print(f"  {one.name:<44} {one.median():8.3f} s  [{low:.3f}–{high:.3f}]  "
          f"peak {one.peak_mb():7.1f} MB", flush=True)
    given = given_emitters(ops, repeat, out, cache, timeout)
    res[f"regen_{ops}"] = {"noop": noop.as_json(), "one_changed": one.as_json(),
                           "one_changed_given": given.as_json(),
                           "cold": measure.Series("cold", [], [first]).as_json()}


def given_emitters(
    ops: int, repeat: int, out: Path, cache: Path, timeout: float
) -> measure.Series:
    """One changed operation again, every emitter but the models answering from a recording
    of that very change (benchmarks/given_emitters.py): what per-operation emitter caches could
    reach at best. The recording run uses copies of the cache and of the output folder, so the
    timed run meets the change as new, as a user's regeneration does."""
    script = str(HERE / "given_emitters.py")
    series = measure.Series(f"docbind regenerate {ops} ops, one op, emitters given", [])
    for i in range(repeat):
        changed = synth.write_spec(fresh(WORK / f"regen{ops}-b"), ops, change_one=100 + i)
        scratch = fresh(WORK / f"regen{ops}-record")
        shutil.copytree(cache, scratch / "cache")
        shutil.copytree(out, scratch / "out")
        recording = scratch / "emitted.pickle"
        record = env_with_path() | {"DOCBIND_CACHE_DIR": str(scratch / "cache")}
        subprocess.run([PY, script, "record", str(changed), str(scratch / "out"), str(recording)],
                       cwd=ROOT, env=record, capture_output=True, check=True, timeout=timeout)
        cmd = [PY, script, "given", str(changed), str(out), str(recording)]
        series.command = cmd
        run = measure.run_once(cmd, ROOT, env_with_path() | {"DOCBIND_CACHE_DIR": str(cache)},
                               timeout=timeout)
        series.runs.append(run)
        if run.status != 0:
            break
    low, high = series.span()
    print(f"  {series.name:<44} {series.median():8.3f} s  [{low:.3f}–{high:.3f}]", flush=True)
    return series


# --- run time -------------------------------------------------------------------------------


def runtime(rounds: int, res: dict[str, Any]) -> None:
    print("run time (ratios: baseline time / candidate time; ≥ 1 is as fast or faster)",
          flush=True)
    seeds = WORK / "seeds"
    if not (seeds / "kicc_easypay").is_dir():
        subprocess.run(docbind("generate", *SEEDS, "-o", str(seeds)), cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    oapc_dir = WORK / "alt" / "kicc_easypay"
    paths = [str(HERE), str(seeds / "kicc_easypay"), str(seeds / "konaplate")]
    use_oapc = (oapc_dir / "kicc_easypay_oapc").is_dir()
    if use_oapc:
        link = fresh(WORK / "oapc-pkgs") / "kicc_oapc"
        shutil.copytree(oapc_dir / "kicc_easypay_oapc", link)
        paths.append(str(link.parent))
    env = env_with_path()
    env["PYTHONPATH"] = os.pathsep.join(paths)
    proc = subprocess.run([PY, str(HERE / "runtime.py"), str(rounds),
                           "oapc" if use_oapc else "-"], cwd=ROOT, env=env,
                          stdout=subprocess.PIPE, text=True)
    res["runtime"] = json.loads(proc.stdout) if proc.returncode == 0 else {"error": "failed"}


def imports(repeat: int, res: dict[str, Any], synth_sizes: list[int]) -> None:
    print("import time (fresh interpreters, interleaved)", flush=True)
    seeds = WORK / "seeds"
    paths = {"kicc_easypay": seeds / "kicc_easypay", "konaplate": seeds / "konaplate"}
    for ops in synth_sizes:
        pkg = WORK / f"synth{ops}-out" / f"synth_pg_{ops}"
        if (pkg / f"synth_pg_{ops}" / "__init__.py").is_file():
            paths[f"synth_pg_{ops}"] = pkg
    oapc: dict[str, Path] = {}
    for label in ["kicc_easypay", *(f"synth{ops}" for ops in synth_sizes)]:
        target = WORK / "alt" / label / f"{label}_oapc"
        if (target / "__init__.py").is_file():
            oapc[f"{label}_oapc"] = target.parent
    env = env_with_path()
    env["PYTHONPATH"] = os.pathsep.join(str(p) for p in [*paths.values(), *oapc.values()])
    commands = {"baseline: import pydantic, httpx": [PY, "-c", "import pydantic, httpx"]}
    for name in [*paths, *oapc]:
        commands[f"import {name}"] = [PY, "-c", f"import {name}"]
    for cmd in commands.values():  # write the .pyc files first
        measure.run_once(cmd, ROOT, env)
    series = measure.interleaved(commands, ROOT, repeat, env)
    res["imports"] = {name: s.as_json() for name, s in series.items()}


# --- main -----------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="the one-minute subset")
    parser.add_argument("--timeout", type=float, default=600.0,
                        help="seconds one generation may take before it is stopped (default 600)")
    parser.add_argument("--sizes", default="10,100,1000",
                        help="synthetic spec sizes for the full run (default 10,100,1000)")
    args = parser.parse_args()
    WORK.mkdir(exist_ok=True)
    res: dict[str, Any] = {"kind": "quick" if args.quick else "full", "versions": versions()}
    print(f"docbind benchmarks ({res['kind']}): " + ", ".join(
        f"{k} {v}" for k, v in res["versions"].items()), flush=True)
    if args.quick:
        gen_seeds(3, res)
        gen_synth([10], {10: 1}, args.timeout, res)
        runtime(3, res)
        imports(5, res, [])
    else:
        sizes = [int(s) for s in args.sizes.split(",")]
        gen_seeds(5, res)
        gen_synth(sizes, {10: 5, 100: 3, 1000: 1} | {s: 1 for s in sizes if s > 1000},
                  args.timeout, res)
        for ops in (10, 100):  # at 100 operations a change touches one models module of five
            gen_regeneration(ops, 3, args.timeout, res)
        runtime(7, res)
        imports(7, res, sizes)
    out = HERE / "results" / f"{res['kind']}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(res, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    table = report.table(res)
    print("\n" + table)
    if not args.quick:
        report.update_readme(HERE / "README.md", table)
    print(f"\nresults: {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
