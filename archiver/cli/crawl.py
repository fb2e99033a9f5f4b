"""``archiver crawl URL|PROFILE``: archive a whole site."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from archiver.cli import exitcodes
from archiver.cli.common import add_run_options, check_url, check_writable
from archiver.cli.sitesjob import run_sites
from archiver.crawl.process import crawl_settings, parse_overrides
from archiver.crawl.run import CrawlRun, RunOutcome, run_site_crawl
from archiver.extensions.runstats import summary_text
from archiver.profiles import ProfileError, resolve_profile

HELP = """Crawl the site of URL, or the site of a profile (see `archiver sites`), with no
further configuration: robots.txt is obeyed and captured, its Sitemap: lines,
sitemap indexes, the RSS/Atom feeds pages announce and every on-site link are
followed, each page is captured in a WARC file, and each article page (told from
the page itself, or by the profile's URL patterns) gets one JSON record, whatever
tracking parameters, redirects or print versions lead to it. Crawler traps are
cut by what they yield: a URL template whose pages bring nothing new
ARCHIVER_TRAP_IDLE_RUN (10) times in a row is no longer followed (the summary
names it), so every crawl ends; fixed limits: --max-pages, ARCHIVER_MAX_PAGES_PER_PATTERN,
DEPTH_LIMIT. On a re-run, known articles are re-checked with conditional GETs.
Progress goes to stderr (a bar on a terminal, a line every few seconds elsewhere:
pages, articles, errors, queue, elapsed time, rate and an estimate); the end prints
a summary (--json: the stats as one JSON object). The run's stats file
DIR/runs/<run-id>.json is rewritten every few seconds while it runs ("state":
"running", then "finished" or "interrupted"). Ctrl-C or SIGTERM stops the crawl
cleanly: what was fetched is kept, the summary and stats say it was interrupted,
the exit code is 130 (SIGINT) or 143 (SIGTERM), and the next run resumes it.
Politeness: AutoThrottle, DOWNLOAD_DELAY and CONCURRENT_REQUESTS_PER_DOMAIN are on
by default and settable with -s (a local test crawl: -s DOWNLOAD_DELAY=0
-s AUTOTHROTTLE_ENABLED=False); set your contact URL with
-s ARCHIVER_CONTACT_URL=https://... .
Pages are parsed, classified and extracted in worker processes, one per core by
default (-s ARCHIVER_EXTRACT_WORKERS=N; 0 keeps everything in this process).
Re-runs are incremental: DIR/state/<site>.sqlite3 remembers every page, listings,
feeds and sitemaps are fetched again, known articles only when their sitemap
<lastmod> is newer or ARCHIVER_RECHECK_INTERVAL (seconds, default 7 days) has
passed; an unchanged payload is written as a WARC revisit record and leaves its
JSON record untouched, a changed article gets a new record version. A killed run
is resumed by the next one, whose start repairs the .open WARC files it left.
--all / --sites-file run many sites in one job, each in its own process.
Exit 0 when every page was archived, 1 when some failed (network errors, 5xx,
unusable records; broken links, 404/410, are listed apart and do not count) or, for
many sites, when any site did not succeed, 2 on a usage error, 3 when another run
holds this archive and site (or every site of the job), 130/143 when interrupted."""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "crawl", help="archive a whole site (URL or profile)", description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    parser.add_argument(
        "target", metavar="URL|PROFILE", nargs="?", help="start URL of the site, or a site profile name"
    )
    parser.add_argument("--all", action="store_true", help="crawl every site profile, one after the other")
    parser.add_argument("--sites-file", metavar="FILE", type=Path,
                        help="crawl the sites (profile names or URLs) listed in FILE, one per line")  # fmt: skip
    parser.add_argument("--profile", metavar="NAME", help="crawl URL with the site profile NAME")
    parser.add_argument("--sites-dir", metavar="DIR", action="append", default=[], type=Path,
                        help="also read site profiles (*.toml) from DIR (repeatable)")  # fmt: skip
    parser.add_argument("--max-pages", metavar="N", type=int, help="stop following links after N pages")
    parser.add_argument("--ignore-robots", action="store_true", help="do not obey robots.txt")
    parser.add_argument("--redis", metavar="URL", help="be one worker of a crawl shared through the Redis at "
                        "URL (redis://HOST:PORT/DB; setting ARCHIVER_REDIS_URL; see the README on shared crawls)")  # fmt: skip
    parser.add_argument("--json", action="store_true", help="print the run's stats (the runs/<run-id>.json "
                        "object) on stdout instead of the summary")  # fmt: skip
    parser.add_argument("--worker-id", metavar="ID", help="this worker's name in WARC file names "
                        "(default: <host>-<pid>; setting ARCHIVER_WORKER_ID)")  # fmt: skip
    add_run_options(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    if args.all or args.sites_file:
        if args.target:
            return exitcodes.usage_error("crawl", "give a site, or --all / --sites-file, not both")
        return run_sites(args)
    if not args.target:
        return exitcodes.usage_error("crawl", "give a site (URL or profile), --all or --sites-file")
    try:
        overrides = parse_overrides(args.settings)
        if "://" in args.target and (reason := check_url(args.target)):
            raise ValueError(f"{args.target!r}: {reason}")
        sites_dirs = [str(d) for d in args.sites_dir]
        profile = resolve_profile(args.target, sites_dirs, args.profile)
    except (ValueError, ProfileError) as exc:
        return exitcodes.usage_error("crawl", str(exc))
    if sites_dirs:
        overrides["ARCHIVER_SITES_DIRS"] = sites_dirs
    if args.max_pages is not None:
        overrides["ARCHIVER_MAX_PAGES"] = args.max_pages
    if args.redis:
        overrides["ARCHIVER_REDIS_URL"] = args.redis
    if args.worker_id:
        overrides["ARCHIVER_WORKER_ID"] = args.worker_id
    if args.ignore_robots:
        overrides.setdefault("ROBOTSTXT_OBEY", False)
    overrides.setdefault("LOG_LEVEL", "INFO" if args.verbose else "WARNING")
    if unwritable := check_writable(args.archive):
        return exitcodes.usage_error("crawl", unwritable)
    settings = crawl_settings(args.archive, overrides)

    def starting() -> None:
        print(f"archiver crawl: {profile.name}: {', '.join(profile.start_urls)}", file=sys.stderr)

    run = run_site_crawl(settings, profile.name, starting=starting, start=args.target, profile=args.profile)
    return print_run(run, args.json)


#: The exit code of each way a crawl run ends.
EXIT_CODES = {RunOutcome.COMPLETE: exitcodes.OK, RunOutcome.PAGES_FAILED: exitcodes.PARTIAL,
              RunOutcome.UNFINISHED: exitcodes.PARTIAL, RunOutcome.LOCKED: exitcodes.LOCKED,
              RunOutcome.CANNOT_JOIN: exitcodes.PARTIAL}  # fmt: skip


def print_run(run: CrawlRun, as_json: bool = False) -> int:
    """Print how ``run`` went (its summary or, ``as_json``, its stats; or why it did not run); its exit code."""
    if run.stats is None:
        print(f"archiver crawl: {run.reason}", file=sys.stderr)
    elif as_json:
        print(json.dumps(run.stats, ensure_ascii=False))
    else:
        print(summary_text(run.stats))
        print(f"run stats: {run.run_file}" if run.run_file else "run stats: not written (see above)")
    if run.outcome is RunOutcome.INTERRUPTED:
        return exitcodes.interrupted(run.stop_signal)
    return EXIT_CODES[run.outcome]
