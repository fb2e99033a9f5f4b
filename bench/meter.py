"""Run a command and measure it: wall time and peak memory of its whole process tree.

CPU time comes from ``wait4`` (the child and the descendants it waited for, e.g. a
process pool), so it stays meaningful when other work shares the machine. Memory is polled with psutil (every ``interval`` seconds) over the child and all its
descendants (extraction workers included). Two sums are kept: RSS, which counts pages
shared between forked processes once per process, and PSS (proportional set size),
which splits shared pages between the processes sharing them, so it does not.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

MB = 1024 * 1024


@dataclass
class Measurement:
    """What one measured run took."""

    returncode: int
    wall_seconds: float
    peak_rss: int  # bytes, summed over the process tree
    peak_pss: int  # bytes, summed over the process tree (0 if the kernel does not say)
    peak_processes: int
    cpu_seconds: float  # user + system time of the process and its waited-for descendants
    pss_timeline: list[tuple[float, int]]  # (seconds since start, tree PSS bytes), every poll
    log: str  # stdout and stderr of the command


def quartiles(timeline: list[tuple[float, int]]) -> list[int]:
    """Peak memory in each quarter of a run: flat when memory does not grow with the pages done."""
    quarters = [0, 0, 0, 0]
    end = timeline[-1][0] if timeline else 0
    for at, value in timeline:
        q = min(3, int(4 * at / end)) if end else 0
        quarters[q] = max(quarters[q], value)
    return quarters


def tree_memory(process: psutil.Process) -> tuple[int, int, int]:
    """(RSS, PSS, process count) summed over ``process`` and its descendants."""
    rss = pss = count = 0
    try:
        members = [process, *process.children(recursive=True)]
    except psutil.Error:
        return 0, 0, 0
    for member in members:
        try:
            info = member.memory_full_info()
        except psutil.Error:
            continue
        rss += info.rss
        pss += getattr(info, "pss", 0)
        count += 1
    return rss, pss, count


def run_measured(
    cmd: list[str], cwd: Path, env: dict[str, str], log_path: Path, interval: float = 0.2
) -> Measurement:
    """Run ``cmd`` to completion, logging to ``log_path``; return its :class:`Measurement`."""
    peak_rss = peak_pss = peak_count = 0
    timeline: list[tuple[float, int]] = []
    with log_path.open("wb") as log:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        process = psutil.Process(child.pid)
        while True:
            rss, pss, count = tree_memory(process)
            peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
            peak_count = max(peak_count, count)
            timeline.append((round(time.perf_counter() - start, 2), pss or rss))
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            time.sleep(interval)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
    return Measurement(
        returncode=child.returncode,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        pss_timeline=timeline,
        wall_seconds=wall,
        peak_rss=peak_rss,
        peak_pss=peak_pss,
        peak_processes=peak_count,
        log=log_path.read_text(errors="replace"),
    )
