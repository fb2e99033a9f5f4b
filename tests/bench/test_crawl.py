"""The benchmark harness end to end: nginx serving the generated site, the bare spider measured."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bench import sitegen
from bench.crawl import scrapy_stats
from tests.support.requires import require_command

ROOT = Path(__file__).resolve().parents[2]


def test_scrapy_stats_reads_the_last_stats_dump() -> None:
    log = (
        "2026-11-24 [scrapy.statscollectors] INFO: Dumping Scrapy stats:\n{'a': 1}\n"
        "2026-11-24 [scrapy.statscollectors] INFO: Dumping Scrapy stats:\n"
        "{'elapsed_time_seconds': 2.5,\n 'finish_time': datetime.datetime(2026, 11, 24, 10, 0),\n"
        " 'response_received_count': 339}\n2026-11-24 [scrapy.core.engine] INFO: Spider closed (finished)\n"
    )
    assert scrapy_stats(log) == {"elapsed_time_seconds": 2.5, "response_received_count": 339.0}


def test_quick_bare_crawl_fetches_every_allowed_page(tmp_path: Path, sandbox_env: dict[str, str]) -> None:
    require_command("nginx", "/usr/sbin/nginx")
    out = tmp_path / "bench.json"
    cmd = [sys.executable, "-m", "bench.crawl", "--quick", "--only", "bare", "--json", str(out)]
    done = subprocess.run(cmd, cwd=ROOT, env=sandbox_env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    site = sitegen.generate(tmp_path / "site", 150, precompress=False)
    allowed = sum(1 for p in site.root.rglob("index.html") if "compte" not in p.parts)
    (run,) = json.loads(out.read_text())["runs"]
    assert run["pages"] == allowed + 1  # robots.txt is a response too
    assert run["peak_pss"] > 30 * 2**20 and run["cpu_seconds"] > 0
    assert "bare#1" in done.stdout and "pages/s" in done.stdout
