"""Creating and validating WACZ packages with the ``wacz`` command (py-wacz).

``wacz create`` indexes the WARCs itself and stores our page list as given
(``--copy-pages``); ``wacz validate`` checks the package the way the format's
reference tool does.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from archiver.webarchive.tools import tool

TIMEOUT = 3600


class WaczError(RuntimeError):
    """``wacz`` failed; the message holds its output."""


def create_wacz(warcs: list[Path], pages: Path, output: Path, title: str, description: str) -> None:
    """Write ``output`` holding ``warcs`` and the page list ``pages``; raise :class:`WaczError`."""
    command = [tool("wacz"), "create", "-o", str(output), "--pages", str(pages), "--copy-pages",
               "--title", title, "--desc", description, *map(str, warcs)]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
    if done.returncode != 0 or not output.is_file():
        raise WaczError(
            f"wacz create failed ({done.returncode}):\n{done.stdout[-2000:]}{done.stderr[-2000:]}"
        )


def validate_wacz(path: Path) -> tuple[bool, str]:
    """Whether ``wacz validate`` accepts ``path``, and what it said."""
    done = subprocess.run([tool("wacz"), "validate", "-f", str(path)], capture_output=True, text=True,
                          timeout=TIMEOUT)  # fmt: skip
    return done.returncode == 0, (done.stdout + done.stderr).strip()
