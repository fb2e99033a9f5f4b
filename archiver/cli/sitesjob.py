"""``archiver crawl --all`` / ``--sites-file FILE``: one job crawling many sites, each in its own process.

Each site runs as ``archiver crawl SITE`` in a child process, one after the other:
its own lock, state, WARC files and summary, and a crash or failure of one site
cannot stop the next. The job's exit code sums the sites' up for a scheduler.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from archiver.cli import exitcodes
from archiver.profiles import load_profiles

OUTCOMES = {exitcodes.OK: "ok", exitcodes.PARTIAL: "partial failure", exitcodes.USAGE: "usage error",
            exitcodes.LOCKED: "locked: another run holds it"}  # fmt: skip


def read_sites_file(path: Path) -> list[str]:
    """Site profile names or URLs, one per line; blank lines and ``#`` comments skipped."""
    lines = (line.split("#", 1)[0].strip() for line in path.read_text("utf-8").splitlines())
    return [line for line in lines if line]


def job_sites(args: argparse.Namespace) -> list[str]:
    """The sites of the job: every profile (``--all``) or the lines of ``--sites-file``."""
    if args.sites_file:
        return read_sites_file(args.sites_file)
    return list(load_profiles(args.sites_dir))


def child_options(args: argparse.Namespace) -> list[str]:
    """The options of this command a site's ``archiver crawl`` inherits."""
    options = ["--archive", str(args.archive)]
    for folder in args.sites_dir:
        options += ["--sites-dir", str(folder)]
    if args.max_pages is not None:
        options += ["--max-pages", str(args.max_pages)]
    if args.ignore_robots:
        options.append("--ignore-robots")
    if args.verbose:
        options.append("-v")
    for pair in args.settings:
        options += ["-s", pair]
    return options


def job_exit_code(codes: dict[str, int]) -> int:
    """OK when every site is; LOCKED when every site was locked; PARTIAL otherwise."""
    if all(code == exitcodes.OK for code in codes.values()):
        return exitcodes.OK
    if all(code == exitcodes.LOCKED for code in codes.values()):
        return exitcodes.LOCKED
    return exitcodes.PARTIAL


def run_sites(args: argparse.Namespace) -> int:
    """Crawl every site of the job, one process each; print one line per site at the end."""
    try:
        sites = job_sites(args)
    except (OSError, ValueError) as exc:
        return exitcodes.usage_error("crawl", str(exc))
    if not sites:
        return exitcodes.usage_error("crawl", "no site to crawl")
    codes: dict[str, int] = {}
    for site in sites:
        print(f"== {site}", flush=True)
        command = [sys.executable, "-m", "archiver", "crawl", site, *child_options(args)]
        codes[site] = subprocess.run(command, check=False).returncode
    print(f"{len(sites)} site(s):")
    for site, code in codes.items():
        print(f"  {site}: {OUTCOMES.get(code, f'exit {code}')}")
    return job_exit_code(codes)
