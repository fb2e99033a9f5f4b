"""``archiver sites``: list the site profiles ``archiver crawl PROFILE`` knows."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from archiver.cli import exitcodes
from archiver.profiles import ProfileError, load_profiles

HELP = """List the site profiles: those shipped in archiver/sites/ and those of each
--sites-dir DIR (a profile there with the same name wins). One line per profile:
name, start URLs, allowed hosts, file. --json prints one JSON object per profile
(JSON Lines): name, title, start_urls, allowed_hosts, file."""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("sites", help="list the site profiles", description=HELP)
    parser.add_argument("--sites-dir", metavar="DIR", action="append", default=[], type=Path,
                        help="also read site profiles (*.toml) from DIR (repeatable)")  # fmt: skip
    parser.add_argument("--json", action="store_true", help="one JSON object per profile (JSON Lines)")
    return parser


def run(args: argparse.Namespace) -> int:
    try:
        profiles = load_profiles(args.sites_dir)
    except ProfileError as exc:
        return exitcodes.usage_error("sites", str(exc))
    for profile in profiles.values():
        if args.json:
            print(json.dumps({"name": profile.name, "title": profile.title, "start_urls": list(profile.start_urls),
                              "allowed_hosts": list(profile.allowed_hosts), "file": str(profile.source)}))  # fmt: skip
            continue
        title = f" ({profile.title})" if profile.title else ""
        print(f"{profile.name}{title}")
        print(
            f"    start: {' '.join(profile.start_urls) or '-'}   hosts: {' '.join(profile.allowed_hosts) or '-'}"
        )
        print(f"    file:  {profile.source}")
    return exitcodes.OK
