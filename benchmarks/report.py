"""The Markdown results table (printed, and written into benchmarks/README.md by a full run)."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

START, END = "<!-- results:start -->", "<!-- results:end -->"


def _s(entry: dict[str, Any] | None) -> str:
    if not entry or not entry.get("runs"):
        return "n/a"
    if entry.get("timed_out"):
        return f"> {entry['max_s']:.0f} s (stopped)"
    if not entry.get("ok", True):
        return "failed"
    med, low, high = entry["median_s"], entry["min_s"], entry["max_s"]
    if med < 1:
        return f"{med * 1000:.0f} ms [{low * 1000:.0f}–{high * 1000:.0f}]"
    return f"{med:.2f} s [{low:.2f}–{high:.2f}]"


def _mb(entry: dict[str, Any] | None) -> str:
    if not entry or not entry.get("runs"):
        return "n/a"
    return f"{entry['peak_rss_mb']:.0f} MB"


def _met(ok: bool | None) -> str:
    return "n/a" if ok is None else ("**met**" if ok else "**not met**")


def _median(entry: dict[str, Any] | None) -> float | None:
    if not entry or not entry.get("runs") or not entry.get("ok", True):
        return None
    return float(entry["median_s"])


def _rt(res: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    for item in res.get("runtime", []) if isinstance(res.get("runtime"), list) else []:
        if item["name"].startswith(prefix):
            return item
    return None


def _ratio(item: dict[str, Any] | None) -> str:
    if item is None:
        return "n/a"
    return (f"{item['ratio_median']:.2f}× [{item['ratio_min']:.2f}–{item['ratio_max']:.2f}] "
            f"({item['candidate_us']:.1f} µs vs {item['baseline_us']:.1f} µs)")


def targets(res: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    rows = []
    seeds, noop = res.get("seeds_cold"), res.get("seeds_noop")
    calib = _median(res.get("calibration"))
    note = f" (interpreter start {calib * 1000:.0f} ms)" if calib else ""
    m = _median(seeds)
    rows.append(("seeds: `docbind generate` whole process, cold", _s(seeds) + note, "< 1.5 s",
                 _met(None if m is None else m < 1.5)))
    warm = res.get("seeds_warm")
    m = _median(warm)
    rows.append(("seeds: same, black's on-disk cache warm", _s(warm), "< 1.5 s",
                 _met(None if m is None else m < 1.5)))
    m = _median(noop)
    rows.append(("seeds: no-op regeneration", _s(noop), "< 0.5 s",
                 _met(None if m is None else m < 0.5)))
    synth = res.get("synthetic", {})
    for ops, entry in sorted(synth.items(), key=lambda kv: int(kv[0])):
        rows.append(_versus(f"{int(ops):,} ops: docbind vs openapi-python-client, cold", entry))
    big = synth.get("1000", {}).get("docbind_cold")
    if big:
        peak = big.get("peak_rss_mb", math.nan)
        rows.append(("1,000 ops: peak RSS", _mb(big) + (" (at the stop)" if big.get(
            "timed_out") else ""), "≤ 1 GB", _met(None if math.isnan(peak) or big.get(
                "timed_out") else peak <= 1024)))
    per_op = [(int(k), _median(v.get("docbind_cold"))) for k, v in synth.items()]
    per_op = [(k, v) for k, v in sorted(per_op) if v is not None]
    if len(per_op) >= 2:
        (n1, t1), (n2, t2) = per_op[-2], per_op[-1]
        growth = (t2 / n2) / (t1 / n1)
        rows.append((f"scaling: cost per op at {n2} vs {n1} ops", f"{growth:.2f}×",
                     "linear (≤ 1.25×)", _met(growth <= 1.25)))
    one = (res.get("regen_100") or {}).get("one_changed")
    m = _median(one)
    given = (res.get("regen_100") or {}).get("one_changed_given")
    floor = f" (floor, emitters given: {_s(given)})" if given and given.get("runs") else ""
    rows.append(("100 ops: one changed operation regenerated", _s(one) + floor, "≤ 1 s",
                 _met(None if m is None else m <= 1.0)))
    check = synth.get("100", {}).get("docbind_check_cold")
    m = _median(check)
    rows.append(("100 ops: `docbind check`, cold", _s(check), "≤ 3 s",
                 _met(None if m is None else m <= 3.0)))
    for name, target, floor in (
        ("request validate+serialize: generated vs hand-written", "≥ 0.9×", 0.9),
        ("request validate+serialize: generated vs types-only floor", "≥ 0.5×", 0.5),
    ):
        item = _rt(res, name)
        rows.append((name, _ratio(item), target,
                     _met(None if item is None else item["ratio_median"] >= floor)))
    signers = [i for i in (res.get("runtime") or []) if isinstance(i, dict)
               and i["name"].startswith("signer")]
    for item in signers:
        rows.append((item["name"], _ratio(item), "≥ 0.9×", _met(item["ratio_median"] >= 0.9)))
    for where in ("MockTransport", "loopback"):
        call = _rt(res, f"client call ({where}): generated vs raw httpx + hand-written")
        rows.append((f"client call vs raw httpx with the same hand-written validations "
                     f"({where})", _ratio(call), "≥ 0.9×",
                     _met(None if call is None else call["ratio_median"] >= 0.9)))
    imports = res.get("imports", {})
    base = _median(imports.get("baseline: import pydantic, httpx"))
    for name in ("kicc_easypay", "konaplate"):
        m = _median(imports.get(f"import {name}"))
        if m is not None and base is not None:
            rows.append((f"`import {name}` vs `import pydantic, httpx`",
                         f"{(m - base) * 1000:+.0f} ms ({_s(imports[f'import {name}'])} vs "
                         f"{base * 1000:.0f} ms)", "≤ +50 ms", _met(m - base <= 0.05)))
    m = _median(imports.get("import synth_pg_1000"))
    rows.append(("`import` of the 1,000-op package", _s(imports.get("import synth_pg_1000")),
                 "< 1 s", _met(None if m is None else m < 1.0)))
    return rows


def _versus(label: str, entry: dict[str, Any]) -> tuple[str, str, str, str]:
    """docbind against openapi-python-client, wall time (and CPU time) in the same run."""
    ours = entry.get("docbind_cold")
    theirs = entry.get("alternatives", {}).get("openapi_python_client")
    ok: bool | None
    if ours and ours.get("timed_out") and _median(theirs) is not None:
        ok = False if ours["max_s"] > theirs["median_s"] else None  # type: ignore[index]
    else:
        a, b = _median(ours), _median(theirs)
        ok = None if a is None or b is None else a <= b
    return (label, f"{_s(ours)} vs {_s(theirs)} (CPU {_cpu(ours)} vs {_cpu(theirs)})",
            "≤ openapi-python-client", _met(ok))


def _cpu(entry: dict[str, Any] | None) -> str:
    cpu = (entry or {}).get("cpu_s")
    return "n/a" if cpu is None or math.isnan(cpu) else f"{cpu:.2f} s"


def table(res: dict[str, Any]) -> str:
    v = res.get("versions", {})
    lines = [
        f"Run: `{res.get('kind')}` · {v.get('machine')} · Python {v.get('python')} · docbind "
        f"{v.get('docbind')} · datamodel-code-generator {v.get('datamodel-code-generator')} · "
        f"black {v.get('black')} · pydantic {v.get('pydantic')} (core "
        f"{v.get('pydantic-core')}) · httpx {v.get('httpx')} · openapi-python-client "
        f"{v.get('openapi-python-client')}",
        "",
        "Times are medians with [min–max]; ratios are baseline time / candidate time measured "
        "in the same run (≥ 1× means as fast or faster).",
        "",
        "### Targets",
        "",
        "| measure | result | target | status |",
        "|---|---|---|---|",
    ]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in targets(res)]
    lines += ["", "### Generation (whole process: wall time, peak RSS)", "",
              "| input | docbind | peak | openapi-python-client | peak | datamodel-codegen alone "
              "| peak |", "|---|---|---|---|---|---|---|"]
    seeds_alt = res.get("seeds_alternatives", {})
    for name, alt in seeds_alt.items():
        o, d = alt.get("openapi_python_client"), alt.get("datamodel_codegen")
        lines.append(f"| seed {name} | (both seeds, one process, below) | | {_s(o)} | {_mb(o)} "
                     f"| {_s(d)} | {_mb(d)} |")
    for label, key in (("both seeds, cold (no black cache)", "seeds_cold"),
                       ("both seeds, no output, warm black cache", "seeds_warm"),
                       ("both seeds, no-op", "seeds_noop")):
        if res.get(key):
            lines.append(f"| {label} | {_s(res[key])} | {_mb(res[key])} | | | | |")
    for ops, entry in sorted(res.get("synthetic", {}).items(), key=lambda kv: int(kv[0])):
        alt = entry.get("alternatives", {})
        o, d, c = alt.get("openapi_python_client"), alt.get("datamodel_codegen"), entry.get(
            "docbind_cold")
        lines.append(f"| synthetic {ops} ops, cold | {_s(c)} | {_mb(c)} | {_s(o)} | {_mb(o)} | "
                     f"{_s(d)} | {_mb(d)} |")
        if entry.get("docbind_check_cold"):
            k = entry["docbind_check_cold"]
            lines.append(f"| synthetic {ops} ops, `docbind check`, cold | {_s(k)} | {_mb(k)} | "
                         "| | | |")
    for key, entry in res.items():
        if key.startswith("regen_") and isinstance(entry, dict) and "noop" in entry:
            ops = key.split("_")[1]
            for label, sub in (("nothing changed", "noop"), ("one op changed", "one_changed"),
                               ("one op changed, every emitter but the models given (floor)",
                                "one_changed_given")):
                if sub not in entry:
                    continue
                lines.append(f"| synthetic {ops} ops, regenerate, {label} | {_s(entry[sub])} | "
                             f"{_mb(entry[sub])} | | | | |")
    lines += _stages(res.get("synthetic", {}))
    if isinstance(res.get("runtime"), list):
        lines += ["", "### Run time (ratio = baseline time / candidate time)", "",
                  "| pair | ratio [min–max] (per call) | note |", "|---|---|---|"]
        lines += [f"| {i['name']} | {_ratio(i)} | {i['note']} |" for i in res["runtime"]]
    if res.get("imports"):
        lines += ["", "### Import (fresh interpreter, whole process)", "",
                  "| command | time |", "|---|---|"]
        lines += [f"| `{name}` | {_s(e)} |" for name, e in res["imports"].items()]
    return "\n".join(lines)


def _stages(synthetic: dict[str, Any]) -> list[str]:
    """CPU seconds by stage (benchmarks/stages.py), a column per synthetic size."""
    sizes = [ops for ops, entry in sorted(synthetic.items(), key=lambda kv: int(kv[0]))
             if entry.get("stages")]
    if not sizes:
        return []
    labels = [label for label, _ in synthetic[sizes[0]]["stages"]]
    lines = ["", "### Generation by stage (CPU seconds, one stage after another in one process, "
             "no cache)", "", "| stage | " + " | ".join(f"{ops} ops" for ops in sizes) + " |",
             "|---|" + "---|" * len(sizes)]
    for index, label in enumerate(labels):
        cells = []
        for ops in sizes:
            rows = synthetic[ops]["stages"]
            value = rows[index][1] if index < len(rows) else None
            cells.append("" if value is None else str(value) if isinstance(value, int) else
                         f"{value:.3f}")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def update_readme(path: Path, text: str) -> None:
    readme = path.read_text(encoding="utf-8")
    block = f"{START}\n{text}\n{END}"
    if START in readme and END in readme:
        readme = re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _: block, readme,
                        flags=re.S)
    else:
        readme += "\n" + block + "\n"
    path.write_text(readme, encoding="utf-8")
