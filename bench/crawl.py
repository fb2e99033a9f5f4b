"""The crawl benchmark: bare Scrapy spider vs the full archiver on a generated site served by nginx.

``python -m bench.crawl [--pages 2000] [--repeats 3] [--quick]`` generates the site
(:mod:`bench.sitegen`, with its page resources: :mod:`bench.siteassets`), serves it with
nginx on 127.0.0.1 and its CDN on 127.0.0.2 (:mod:`bench.nginx`), then runs, interleaved,
(a) :mod:`bench.bare_spider`, (b) ``archiver crawl`` exactly as users run it (page
resources captured) and (c) the same with ``ARCHIVER_PAGE_RESOURCES=none``, each in a
subprocess with politeness delays off and the same concurrency. It prints HTML pages/s,
bytes written and peak memory of every run, the medians and the ratios full/bare and
resources on/off.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from archiver import settings as archiver_settings
from archiver.webarchive.replay import free_port
from bench import sitegen
from bench.meter import MB, Measurement, quartiles, run_measured
from bench.nginx import NginxServer

TARGET_RATIO = 0.6
#: Target of HTML pages/s with page resources against without them.
RESOURCES_TARGET_RATIO = 0.8
#: Settings both crawls get: no politeness delays, no side services.
COMMON_SETTINGS = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "TELNETCONSOLE_ENABLED": "False",
    "REMOTE_CONTROL_ENABLED": "False",
    "LOG_LEVEL": "INFO",
}
#: The bare spider gets the archiver's concurrency and headers, so only the work per page differs.
BARE_SETTINGS = {
    "CONCURRENT_REQUESTS": str(archiver_settings.CONCURRENT_REQUESTS),
    "CONCURRENT_REQUESTS_PER_DOMAIN": str(archiver_settings.CONCURRENT_REQUESTS_PER_DOMAIN),
    "DEFAULT_REQUEST_HEADERS": json.dumps(archiver_settings.DEFAULT_REQUEST_HEADERS),
    "USER_AGENT": archiver_settings.USER_AGENT,
}
_STATS_BLOCK = re.compile(r"Dumping Scrapy stats:\s*(\{.*?\})\s*$", re.S | re.M)
_STAT = re.compile(r"'([\w/.]+)': ([\d.]+)")


@dataclass
class CrawlRun:
    """One measured crawl and the Scrapy stats it logged."""

    name: str
    repeat: int
    measurement: Measurement
    stats: dict[str, float]
    records: int  # JSON records written under archive/records (0 for the bare spider)

    @property
    def pages(self) -> int:
        """HTML pages (and robots.txt, sitemaps): responses, less those to page resources."""
        return int(
            self.stats.get("response_received_count", 0) - self.stats.get("archiver/resources_fetched", 0)
        )

    @property
    def resources(self) -> int:
        return int(self.stats.get("archiver/resources_fetched", 0))

    @property
    def warc_mb(self) -> float:
        return self.stats.get("archiver/warc_bytes", 0) / MB

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.measurement.wall_seconds

    @property
    def cpu_ms_per_page(self) -> float:
        """CPU time of the crawl's processes per page: robust to other load on the machine."""
        return 1000 * self.measurement.cpu_seconds / max(self.pages, 1)

    @property
    def crawl_pages_per_second(self) -> float:
        """Pages per second of Scrapy's own clock (spider open → closed), without start-up."""
        elapsed = self.stats.get("elapsed_time_seconds") or self.measurement.wall_seconds
        return self.pages / elapsed


def scrapy_stats(log: str) -> dict[str, float]:
    """The numeric stats of the last "Dumping Scrapy stats" block of a Scrapy log."""
    blocks = _STATS_BLOCK.findall(log)
    return {key: float(value) for key, value in _STAT.findall(blocks[-1])} if blocks else {}


def setting_args(settings: dict[str, str]) -> list[str]:
    return [arg for name, value in settings.items() for arg in ("-s", f"{name}={value}")]


def bare_command(start_url: str, archive: Path, robots: bool, extra: dict[str, str]) -> list[str]:
    """(a) the bare spider, run with ``scrapy runspider`` outside any Scrapy project."""
    spider = Path(__file__).with_name("bare_spider.py")
    settings = {**COMMON_SETTINGS, **BARE_SETTINGS, "ROBOTSTXT_OBEY": str(robots)}
    return [
        sys.executable,
        "-m",
        "scrapy",
        "runspider",
        str(spider),
        "-a",
        f"start_url={start_url}",
    ] + setting_args(settings)


def archiver_command(start_url: str, archive: Path, robots: bool, extra: dict[str, str]) -> list[str]:
    """(b) the full archiver: ``archiver crawl`` as users run it, politeness delays off."""
    archiver = Path(sys.executable).with_name("archiver")
    settings = {**COMMON_SETTINGS, "ROBOTSTXT_OBEY": str(robots), **extra}
    return [str(archiver), "crawl", start_url, "--archive", str(archive)] + setting_args(settings)


def archiver_html_command(start_url: str, archive: Path, robots: bool, extra: dict[str, str]) -> list[str]:
    """(c) the full archiver without page resources: the HTML pages only."""
    return archiver_command(start_url, archive, robots, {**extra, "ARCHIVER_PAGE_RESOURCES": "none"})


COMMANDS = {"bare": bare_command, "archiver": archiver_command, "archiver-html": archiver_html_command}


def archiver_crawl_available() -> bool:
    archiver = Path(sys.executable).with_name("archiver")
    done = subprocess.run([str(archiver), "crawl", "--help"], capture_output=True)
    return done.returncode == 0


def crawl_env(work: Path) -> dict[str, str]:
    """The environment of a crawl: caches and state redirected into ``work``."""
    env = dict(os.environ)
    for name in ("XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        env[name] = str(work / "xdg" / name.lower())
    env["TLDEXTRACT_CACHE"] = str(work / "xdg" / "tldextract")
    return env


def run_crawl(name: str, repeat: int, start_url: str, work: Path, args: argparse.Namespace) -> CrawlRun:
    run_dir = work / f"{name}-{repeat}"
    run_dir.mkdir(parents=True)
    extra = dict(pair.split("=", 1) for pair in args.archiver_set) if name.startswith("archiver") else {}
    cmd = COMMANDS[name](start_url, run_dir / "archive", not args.no_robots, extra)
    measurement = run_measured(cmd, cwd=run_dir, env=crawl_env(work), log_path=run_dir / "crawl.log")
    records = sum(1 for _ in (run_dir / "archive" / "records").rglob("*.json"))
    run = CrawlRun(name, repeat, measurement, scrapy_stats(measurement.log), records)
    if measurement.returncode != 0 or not run.pages:
        tail = "\n".join(measurement.log.splitlines()[-30:])
        print(f"!! {name} exited {measurement.returncode} with {run.pages} pages:\n{tail}", file=sys.stderr)
    return run


def row(cells: list[str]) -> str:
    return "  ".join(f"{cell:>12}" for cell in cells)


HEADER = ["run", "pages", "resources", "records", "WARC MB", "wall s", "pages/s", "crawl p/s", "CPU ms/page", "peak RSS MB", "peak PSS MB",
          "processes", "PSS by quarter MB"]  # fmt: skip


def describe(run: CrawlRun) -> list[str]:
    m = run.measurement
    return [
        f"{run.name}#{run.repeat}",
        str(run.pages),
        str(run.resources),
        str(run.records),
        f"{run.warc_mb:.1f}",
        f"{m.wall_seconds:.1f}",
        f"{run.pages_per_second:.1f}",
        f"{run.crawl_pages_per_second:.1f}",
        f"{run.cpu_ms_per_page:.1f}",
        f"{m.peak_rss / MB:.0f}",
        f"{m.peak_pss / MB:.0f}",
        str(m.peak_processes),
        "/".join(str(q // MB) for q in quartiles(m.pss_timeline)),
    ]


def summarize(runs: list[CrawlRun]) -> dict[str, dict[str, float]]:
    """Medians per crawl kind."""
    summary = {}
    for name in dict.fromkeys(r.name for r in runs):
        mine = [r for r in runs if r.name == name]
        summary[name] = {
            "pages": statistics.median(r.pages for r in mine),
            "resources": statistics.median(r.resources for r in mine),
            "warc_mb": statistics.median(r.warc_mb for r in mine),
            "pages_per_second": statistics.median(r.pages_per_second for r in mine),
            "crawl_pages_per_second": statistics.median(r.crawl_pages_per_second for r in mine),
            "cpu_ms_per_page": statistics.median(r.cpu_ms_per_page for r in mine),
            "peak_rss_mb": statistics.median(r.measurement.peak_rss / MB for r in mine),
            "peak_pss_mb": statistics.median(r.measurement.peak_pss / MB for r in mine),
        }
    return summary


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000, help="article pages of the site (default 2000)")
    parser.add_argument("--repeats", type=int, default=3, help="interleaved runs of each crawl (default 3)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 150 articles, one repeat")
    parser.add_argument("--only", choices=sorted(COMMANDS), action="append", help="run only this crawl")
    parser.add_argument("--no-robots", action="store_true", help="ROBOTSTXT_OBEY=False for both crawls")
    parser.add_argument("--archiver-set", metavar="NAME=VALUE", action="append", default=[],
                        help="extra -s setting for the archiver run only, e.g. ARCHIVER_EXTRACT_WORKERS=1")  # fmt: skip
    parser.add_argument("--json", type=Path, help="also write the runs and medians here")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (site, logs, archives)")
    args = parser.parse_args(argv)
    if args.quick:
        args.pages, args.repeats = 150, 1
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop nginx and clean up on kill
    names = args.only or list(COMMANDS)
    if "archiver" in names and not archiver_crawl_available():
        print("`archiver crawl` is not available yet: running the bare spider only.", file=sys.stderr)
        names = [n for n in names if n != "archiver"]
    work = Path(tempfile.mkdtemp(prefix="archiver-bench-"))
    started = time.perf_counter()
    cdn_port = free_port()
    cdn_url = f"http://127.0.0.2:{cdn_port}"
    site = sitegen.generate(work / "site", args.pages, cdn=work / "cdn", cdn_url=cdn_url)
    sizes = site.article_bytes
    print(
        f"site: {site.pages} pages, {site.articles} articles of {min(sizes) // 1000}-{max(sizes) // 1000} KB "
        f"(generated in {time.perf_counter() - started:.0f} s) in {work}"
    )
    runs: list[CrawlRun] = []
    with (
        NginxServer(work / "site", work / "nginx") as server,
        NginxServer(work / "cdn", work / "nginx-cdn", cdn_port, "127.0.0.2"),
    ):
        print(
            f"nginx {server.base_url}, CDN {cdn_url}  robots.txt obeyed: {not args.no_robots}\n{row(HEADER)}"
        )
        for repeat in range(1, args.repeats + 1):
            for name in names if repeat % 2 else names[::-1]:
                run = run_crawl(name, repeat, server.url("/"), work, args)
                runs.append(run)
                print(row(describe(run)), flush=True)
    summary = summarize(runs)
    print("\nmedians:")
    for name, values in summary.items():
        print(row([name, f"{values['pages']:.0f}", f"{values['resources']:.0f}", "", f"{values['warc_mb']:.1f}", "",
                   f"{values['pages_per_second']:.1f}",
                   f"{values['crawl_pages_per_second']:.1f}", f"{values['cpu_ms_per_page']:.1f}",
                   f"{values['peak_rss_mb']:.0f}",
                   f"{values['peak_pss_mb']:.0f}"]))  # fmt: skip
    if {"bare", "archiver"} <= summary.keys():
        ratio = summary["archiver"]["pages_per_second"] / summary["bare"]["pages_per_second"]
        verdict = "meets" if ratio >= TARGET_RATIO else "misses"
        print(f"\nratio archiver/bare pages/s: {ratio:.2f}x ({verdict} the {TARGET_RATIO}x target)")
    if {"archiver", "archiver-html"} <= summary.keys():
        ratio = summary["archiver"]["pages_per_second"] / summary["archiver-html"]["pages_per_second"]
        verdict = "meets" if ratio >= RESOURCES_TARGET_RATIO else "misses"
        print(
            f"ratio resources on/off HTML pages/s: {ratio:.2f}x ({verdict} the {RESOURCES_TARGET_RATIO}x target)"
        )
    if args.json:
        payload = {"pages": args.pages, "runs": [_as_dict(r) for r in runs], "medians": summary}
        args.json.write_text(json.dumps(payload, indent=2))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if all(r.measurement.returncode == 0 and r.pages for r in runs) else 1


def _as_dict(run: CrawlRun) -> dict[str, object]:
    measurement = {k: v for k, v in asdict(run.measurement).items() if k != "log"}
    return {"name": run.name, "repeat": run.repeat, "pages": run.pages, "records": run.records, **measurement,
            "stats": run.stats}  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
