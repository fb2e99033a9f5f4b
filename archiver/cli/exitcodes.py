"""Exit codes of the ``archiver`` command, for schedulers (cron, systemd, CI)."""

import signal
import sys

OK = 0  # everything asked for was archived
PARTIAL = 1  # some URLs or sites failed; the rest was archived
USAGE = 2  # the command line was wrong (argparse uses 2 too); nothing was done
LOCKED = 3  # another run holds the lock on this archive and site
INTERRUPTED = 130  # stopped by the operator (Ctrl-C, SIGINT): 128 + the signal's number
TERMINATED = 143  # stopped by SIGTERM (systemd, kill)
BROKEN_PIPE = 141  # the reader of stdout went away (| head): 128 + SIGPIPE


def interrupted(signum: int | None) -> int:
    """The exit code of a command stopped by the signal ``signum`` (130 for Ctrl-C, 143 for SIGTERM)."""
    return 128 + signum if signum else INTERRUPTED


def usage_error(command: str, message: str) -> int:
    """Say what is wrong with the command line of ``archiver COMMAND`` on stderr; the exit code."""
    print(f"archiver {command}: {message}", file=sys.stderr)
    return USAGE


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C's KeyboardInterrupt so the same clean-up runs (exit 143)."""


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated


def stop_on_sigterm() -> None:
    """Let SIGTERM stop this command as Ctrl-C does: ``finally`` blocks run, exit :data:`TERMINATED`."""
    signal.signal(signal.SIGTERM, _raise_terminated)
