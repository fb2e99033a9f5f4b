"""``archiver crawl --all`` / ``--sites-file FILE``: one job crawling many sites, each in its own process.

Each site runs as ``archiver crawl SITE`` in a child process, one after the other:
its own lock, state, WARC files and summary, and a crash or failure of one site
cannot stop the next. The job's exit code sums the sites' up for a scheduler.
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
from pathlib import Path

from archiver.cli import exitcodes
from archiver.profiles import load_profiles

OUTCOMES = {exitcodes.OK: "ok", exitcodes.PARTIAL: "partial failure", exitcodes.USAGE: "usage error",
            exitcodes.LOCKED: "locked: another run holds it", exitcodes.INTERRUPTED: "interrupted (Ctrl-C)",
            exitcodes.TERMINATED: "interrupted (SIGTERM)"}  # fmt: skip
#: Exit codes of a site's crawl that stop the whole job.
STOPPED = (exitcodes.INTERRUPTED, exitcodes.TERMINATED)


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
    exitcodes.stop_on_sigterm()
    for site in sites:
        print(f"== {site}", flush=True)
        command = [sys.executable, "-m", "archiver", "crawl", site, *child_options(args)]
        codes[site] = crawl_one(command)
        if codes[site] in STOPPED:  # the operator stopped the job: the sites left wait for the next one
            break
    print(f"{len(sites)} site(s):")
    for site in sites:
        code = codes.get(site)
        print(
            f"  {site}: {'not crawled (job interrupted)' if code is None else OUTCOMES.get(code, f'exit {code}')}"
        )
    stopped = [code for code in codes.values() if code in STOPPED]
    return stopped[0] if stopped else job_exit_code(codes)


def crawl_one(command: list[str]) -> int:
    """Run one site's crawl; on Ctrl-C or SIGTERM, pass the stop on and let it end cleanly."""
    child = subprocess.Popen(command)
    try:
        return child.wait()
    except KeyboardInterrupt as exc:
        if isinstance(exc, exitcodes.Terminated):  # `kill PID`, systemd's KillMode=mixed: this process only
            child.send_signal(signal.SIGTERM)
        # Ctrl-C reached the child too (one process group): a second signal would force it.
        code = child.wait()
        return (
            code
            if code in STOPPED
            else exitcodes.interrupted(
                signal.SIGTERM if isinstance(exc, exitcodes.Terminated) else signal.SIGINT
            )
        )
