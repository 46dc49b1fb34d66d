"""Whole-process measurements: wall time and peak RSS of a child, medians with min and max."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Run:
    seconds: float
    peak_mb: float
    status: int
    cpu_s: float = float("nan")  # user + system time of the process and the workers it waited for


@dataclass
class Series:
    """Several runs of one command; figures are medians, with min and max beside them."""

    name: str
    command: list[str]
    runs: list[Run] = field(default_factory=list)
    timed_out: bool = False

    @property
    def ok(self) -> bool:
        return bool(self.runs) and all(r.status == 0 for r in self.runs) and not self.timed_out

    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs) if self.runs else float("nan")

    def span(self) -> tuple[float, float]:
        if not self.runs:
            return (float("nan"), float("nan"))
        return (min(r.seconds for r in self.runs), max(r.seconds for r in self.runs))

    def peak_mb(self) -> float:
        return max((r.peak_mb for r in self.runs), default=float("nan"))

    def as_json(self) -> dict[str, Any]:
        low, high = self.span()
        return {
            "name": self.name,
            "command": self.command,
            "ok": self.ok,
            "timed_out": self.timed_out,
            "median_s": self.median(),
            "min_s": low,
            "max_s": high,
            "peak_rss_mb": self.peak_mb(),
            "cpu_s": statistics.median(r.cpu_s for r in self.runs) if self.runs else float("nan"),
            "runs": [asdict(r) for r in self.runs],
        }


def tree_rss_kib(root: int) -> int:
    """Resident memory of ``root`` and all its descendants now (Linux /proc; 0 elsewhere)."""
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
                total += next((int(line.split()[1]) for line in status
                               if line.startswith("VmRSS:")), 0)
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as children:
                    stack += [int(c) for c in children.read().split()]
        except (OSError, ValueError):
            continue  # the process ended while it was being read
    return total


def run_once(
    command: Sequence[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 900
) -> Run:
    """Run ``command`` to completion: wall time, and the peak RSS of the whole process tree.

    The peak is the larger of the largest single process (os.wait4) and the sum over the child
    and its workers, sampled every 20 ms: docbind and openapi-python-client both start other
    processes, and memory a user must have is what they hold together."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        list(command), cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    # The child is waited for on a thread (os.wait4 blocks, so it is timed to the moment it
    # ends) while this thread samples the tree's memory every 20 ms and otherwise sleeps: a
    # measurer that polled would take CPU from the tools it measures (both cores are theirs).
    ended: list[tuple[int, int, Any, float]] = []
    done = threading.Event()

    def wait() -> None:
        pid, status, usage = os.wait4(proc.pid, 0)
        ended.append((pid, status, usage, time.perf_counter()))
        done.set()

    threading.Thread(target=wait, daemon=True).start()
    deadline = started + timeout
    tree_peak = 0
    while not done.wait(0.02):
        if time.perf_counter() > deadline:
            proc.kill()
            done.wait()
            peak = max(ended[0][2].ru_maxrss, tree_peak)
            return Run(time.perf_counter() - started, peak / 1024, -9)
        tree_peak = max(tree_peak, tree_rss_kib(proc.pid))
    _pid, status, usage, finished = ended[0]
    seconds = finished - started
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if code != 0:
        print(f"  ! {' '.join(command)} exited {code}: {err.strip()[-800:]}", file=sys.stderr)
    return Run(seconds, max(usage.ru_maxrss, tree_peak) / 1024, code,  # KiB on Linux
               usage.ru_utime + usage.ru_stime)


def series(
    name: str,
    command: Sequence[str],
    cwd: Path,
    repeat: int,
    before: Callable[[int], None] | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 900,
) -> Series:
    """``repeat`` runs of ``command``; ``before(i)`` resets the state each run starts from."""
    result = Series(name, list(command))
    for i in range(repeat):
        if before is not None:
            before(i)
        run = run_once(command, cwd, env, timeout)
        result.runs.append(run)
        if run.status == -9:
            result.timed_out = True
            break
        if run.status != 0:
            break
    low, high = result.span()
    print(
        f"  {name:<44} {result.median():8.3f} s  [{low:.3f}–{high:.3f}]  "
        f"peak {result.peak_mb():7.1f} MB{'  TIMED OUT' if result.timed_out else ''}"
        f"{'' if result.ok else '  FAILED'}",
        flush=True,
    )
    return result


def alternating(
    runs: list[tuple[str, Sequence[str], Path, Callable[[int], None] | None,
                     dict[str, str] | None]],
    repeat: int,
    timeout: float = 900,
) -> list[Series]:
    """Several tools' runs (name, command, cwd, before, env) taken in turn, ``repeat`` rounds:
    a slow spell of a shared machine then hits each of them alike, not whichever ran in it."""
    out = [Series(name, list(command)) for name, command, _, _, _ in runs]
    for i in range(repeat):
        for series, (_, command, cwd, before, env) in zip(out, runs):
            if series.timed_out or any(r.status != 0 for r in series.runs):
                continue  # stopped or failed: not run again
            if before is not None:
                before(i)
            run = run_once(command, cwd, env, timeout)
            series.runs.append(run)
            series.timed_out = run.status == -9
    for series in out:
        low, high = series.span()
        print(f"  {series.name:<44} {series.median():8.3f} s  [{low:.3f}–{high:.3f}]  "
              f"peak {series.peak_mb():7.1f} MB", flush=True)
    return out


def interleaved(
    pairs: dict[str, Sequence[str]], cwd: Path, repeat: int, env: dict[str, str] | None = None
) -> dict[str, Series]:
    """Run several commands in turn, ``repeat`` rounds, so drift in the machine hits all alike."""
    out = {name: Series(name, list(cmd)) for name, cmd in pairs.items()}
    for _ in range(repeat):
        for name, cmd in pairs.items():
            out[name].runs.append(run_once(cmd, cwd, env))
    for s in out.values():
        low, high = s.span()
        print(f"  {s.name:<44} {s.median() * 1000:8.1f} ms [{low * 1000:.1f}–{high * 1000:.1f}]")
    return out
