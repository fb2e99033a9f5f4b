"""The ``archiver`` command line: one module per sub-command.

Each command module has ``add_parser(subparsers)`` and ``run(args) -> int``; the
exit codes a scheduler can act on are in :mod:`archiver.cli.exitcodes`.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from archiver import __version__
from archiver.cli import exitcodes

#: Sub-commands, in the order ``--help`` lists them (module names under archiver.cli).
COMMANDS = ("archive", "crawl", "sites", "extract", "reindex", "validate", "demo", "package",
            "list", "captures", "show", "replay", "index", "repair", "status", "failures", "export")  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="archiver",
        description="Archive articles of observatory-style sites: a faithful WARC capture of every "
        "page fetched and a clean JSON record of each article.",
        epilog="Exit codes: 0 success, 1 some URL or site failed, 2 usage error, "
        "3 another run holds the lock. `archiver COMMAND --help` explains each command.",
    )
    parser.add_argument("--version", action="version", version=f"archiver {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        module = importlib.import_module(f"archiver.cli.{name}")
        sub = module.add_parser(subparsers)
        sub.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt as exc:
        terminated = isinstance(exc, exitcodes.Terminated)
        print(f"interrupted ({'SIGTERM' if terminated else 'SIGINT'})", file=sys.stderr)
        return exitcodes.TERMINATED if terminated else exitcodes.INTERRUPTED
    except BrokenPipeError:  # the reader went away (| head): stop quietly, as Unix tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # the interpreter's last flush must not fail again
        return exitcodes.BROKEN_PIPE


if __name__ == "__main__":
    sys.exit(main())
