"""The distributed crawl benchmark: Redis workers, each pinned to its own core, vs the embedded crawl.

``python -m bench.distributed [--pages 2000] [--repeats 1] [--quick]`` generates the crawl
benchmark's site (:mod:`bench.sitegen`), serves it with nginx (:mod:`bench.nginx`), starts a
``redis-server`` on 127.0.0.1 and runs the full ``archiver crawl`` (politeness off) three ways:
(a) the embedded default pinned to core 0 (``taskset``), (b) one ``--redis`` worker pinned to
core 0, (c) two ``--redis`` workers sharing one Redis, pinned to cores 0 and 1; each worker
runs in its own session (``setsid``), as on its own machine. It prints
pages/s of each and the ratios two/one worker (target >= 1.7) and one worker/embedded
(target >= 0.9). nginx and Redis are not pinned.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from archiver.webarchive.replay import free_port
from bench import sitegen
from bench.crawl import archiver_command, crawl_env, scrapy_stats
from bench.meter import run_measured
from bench.nginx import NginxServer

TARGET_SCALING = 1.7  # two workers / one worker
TARGET_OVERHEAD = 0.9  # one Redis worker / embedded
#: Shared-crawl timings for a loopback site: poll often, close 1 s after the queue empties.
SHARED_SETTINGS = {"ARCHIVER_REDIS_HEARTBEAT": "0.25", "ARCHIVER_REDIS_IDLE_CLOSE": "1",
                   "ARCHIVER_REDIS_WORKER_TIMEOUT": "5"}  # fmt: skip


class RedisServer:
    """``redis-server`` on a free loopback port, without persistence, in the foreground."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}"

    def start(self, timeout: float = 10.0) -> RedisServer:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("redis-server is missing: apt-get install redis-server")
        self.work.mkdir(parents=True, exist_ok=True)
        args = [binary, "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
                "--appendonly", "no", "--dir", str(self.work)]  # fmt: skip
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL)
        import redis

        client, deadline = redis.Redis(port=self.port), time.monotonic() + timeout
        while True:
            try:
                client.ping()
                return self
            except redis.ConnectionError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.stop()
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)

    def __enter__(self) -> RedisServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@dataclass
class Setup:
    """One measured crawl set-up: its workers, each ``(core, redis URL or None)``."""

    name: str
    workers: list[tuple[int, str | None]]


@dataclass
class SetupRun:
    name: str
    pages: int
    records: int
    wall_seconds: float
    cpu_seconds: float  # of every worker process (user + system)
    server_cpu_seconds: float  # of nginx and Redis meanwhile
    returncodes: list[int]

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.wall_seconds

    @property
    def cpu_ms_per_page(self) -> float:
        """Load-independent: what a page costs the workers, whatever else the machine runs."""
        return 1000 * self.cpu_seconds / max(self.pages, 1)

    @property
    def core_share(self) -> float:
        """How much of its pinned core each worker got (1.0: all of it; less: others' processes ran)."""
        return self.cpu_seconds / (self.wall_seconds * len(self.returncodes))

    @property
    def server_cpu_ms_per_page(self) -> float:
        """What nginx and Redis spent per page: on two cores, two workers must share it with them."""
        return 1000 * self.server_cpu_seconds / max(self.pages, 1)


def tree_cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds of the processes ``pids`` and their children (nginx's workers)."""
    import psutil

    total = 0.0
    for pid in pids:
        try:
            root = psutil.Process(pid)
            for process in [root, *root.children(recursive=True)]:
                times = process.cpu_times()
                total += times.user + times.system
        except psutil.Error:
            continue
    return total


def worker_command(core: int, start_url: str, archive: Path, redis_url: str | None, worker: str) -> list[str]:
    """``archiver crawl`` pinned to ``core``; with ``redis_url``, one worker of a shared crawl."""
    # Its own session, so its own scheduler autogroup: with sched_autogroup on, the processes of
    # one session share one CPU share, and two workers would get what one gets on a busy machine.
    command = ["setsid", "--wait", "taskset", "-c", str(core)]
    command += archiver_command(start_url, archive, True, SHARED_SETTINGS if redis_url else {})
    return command + (["--redis", redis_url, "--worker-id", worker] if redis_url else [])


def run_setup(setup: Setup, start_url: str, work: Path, repeat: int, servers: list[int]) -> SetupRun:
    """Run the workers of ``setup`` at once; pages/s over the wall time until the last one ends."""
    run_dir = work / f"{setup.name}-{repeat}"
    archive = run_dir / "archive"
    archive.mkdir(parents=True)
    env = crawl_env(work)

    def one(index: int) -> tuple[int, float, dict[str, float]]:
        core, redis_url = setup.workers[index]
        cmd = worker_command(core, start_url, archive, redis_url, f"w{index + 1}")
        m = run_measured(cmd, cwd=run_dir, env=env, log_path=run_dir / f"w{index + 1}.log")
        return m.returncode, m.cpu_seconds, scrapy_stats(m.log)

    started, server_cpu = time.perf_counter(), tree_cpu_seconds(servers)
    with ThreadPoolExecutor(len(setup.workers)) as pool:
        results = list(pool.map(one, range(len(setup.workers))))
    wall = time.perf_counter() - started
    server_cpu = tree_cpu_seconds(servers) - server_cpu
    pages = sum(int(stats.get("response_received_count", 0)) for _, _, stats in results)
    records = sum(1 for _ in (archive / "records").rglob("*.json"))
    cpu = sum(seconds for _, seconds, _ in results)
    return SetupRun(setup.name, pages, records, wall, cpu, server_cpu, [code for code, _, _ in results])


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000, help="article pages of the site (default 2000)")
    parser.add_argument("--repeats", type=int, default=1, help="interleaved rounds (default 1)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 150 articles")
    parser.add_argument("--json", type=Path, help="also write the runs and medians here")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args(argv)
    if args.quick:
        args.pages = 150
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop nginx and Redis on kill
    if (os.cpu_count() or 1) < 2:
        print("needs two cores", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="archiver-bench-distributed-"))
    site = sitegen.generate(work / "site", args.pages)
    print(f"site: {site.pages} pages, {site.articles} articles in {work}")
    runs: list[SetupRun] = []
    with NginxServer(work / "site", work / "nginx") as server, RedisServer(work / "redis") as redis_server:
        setups = [
            Setup("embedded", [(0, None)]),
            Setup("redis-1", [(0, f"{redis_server.url}/1")]),
            Setup("redis-2", [(0, f"{redis_server.url}/2"), (1, f"{redis_server.url}/2")]),
        ]
        print(f"nginx {server.base_url}, redis {redis_server.url}")
        for repeat in range(1, args.repeats + 1):
            for setup in setups if repeat % 2 else setups[::-1]:
                # A finished shared crawl is reset by the next one's first worker.
                run = run_setup(
                    setup, server.url("/"), work, repeat, [server.process.pid, redis_server.process.pid]
                )
                runs.append(run)
                print(f"{run.name:>9}#{repeat}: {run.pages} pages, {run.records} records, "
                      f"{run.wall_seconds:.1f} s, {run.pages_per_second:.1f} pages/s, "
                      f"{run.cpu_ms_per_page:.1f} CPU ms/page (+{run.server_cpu_ms_per_page:.1f} nginx/Redis), "
                      f"{run.core_share:.0%} of each core, exit {run.returncodes}",
                      flush=True)  # fmt: skip
    medians = {
        name: statistics.median(r.pages_per_second for r in runs if r.name == name)
        for name in dict.fromkeys(r.name for r in runs)
    }
    scaling = medians["redis-2"] / medians["redis-1"]
    overhead = medians["redis-1"] / medians["embedded"]
    print(f"\ntwo workers / one worker: {scaling:.2f}x (target {TARGET_SCALING}x)")
    print(f"one Redis worker / embedded: {overhead:.2f}x (target {TARGET_OVERHEAD}x)")
    cpu = {name: statistics.median(r.cpu_ms_per_page for r in runs if r.name == name) for name in medians}
    print("CPU ms/page (load-independent): " + ", ".join(f"{name} {ms:.1f}" for name, ms in cpu.items()))
    print(
        f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (others' work skews wall times)"
    )
    if args.json:
        payload = {"pages": args.pages, "runs": [r.__dict__ for r in runs], "pages_per_second": medians,
                   "scaling": scaling, "overhead": overhead}  # fmt: skip
        args.json.write_text(json.dumps(payload, indent=2))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if all(code in (0, 1) and r.pages for r in runs for code in r.returncodes) else 1


if __name__ == "__main__":
    sys.exit(main())
