"""Headless Chromium (the Debian package ``chromium``) taking screenshots, and comparing them.

Each screenshot runs a fresh browser with its own profile folder, no GPU, no network
beyond the page asked for (no component updates, sync or background fetches), a
1280 px wide window (the desktop width :mod:`archiver.crawl.srcset` assumes; 1400 high) and a
virtual-time budget so the page's scripts and late images settle before the shot.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image, ImageChops

from tests.support.requires import require_command

CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
                  "--disable-extensions", "--disable-default-apps", "--mute-audio",
                  "--force-device-scale-factor=1", "--window-size=1280,1400")  # fmt: skip


def chromium() -> str:
    """The Chromium binary (the test skips without it, or fails with ``ARCHIVER_REQUIRE_ALL=1``)."""
    return shutil.which("chromium-browser") or require_command("chromium")


def screenshot(url: str, output: Path, budget_ms: int = 5000) -> Image.Image:
    """A screenshot of ``url`` in a fresh headless Chromium, saved at ``output``."""
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        command = [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--virtual-time-budget={budget_ms}",
                   f"--screenshot={output}", url]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and output.is_file(), (
        f"chromium failed ({done.returncode}): {done.stderr[-2000:]}"
    )
    with Image.open(output) as image:
        return image.convert("RGB")


def different_pixels(a: Image.Image, b: Image.Image, threshold: int = 40) -> float:
    """The share of pixels whose colour differs by more than ``threshold`` (of 255) in any channel."""
    assert a.size == b.size, (a.size, b.size)
    red, green, blue = ImageChops.difference(a, b).split()
    largest = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    return largest.point(lambda value: 255 if value > threshold else 0).histogram()[255] / (
        a.size[0] * a.size[1]
    )


def banner_aligned_difference(live: Image.Image, replayed: Image.Image, most: int = 200) -> tuple[int, float]:
    """(offset, share of differing pixels) of ``replayed`` against ``live`` once the replay's
    top banner (pywb's, ``offset`` pixels high, at most ``most``) is cut off; the offset is
    the one that matches best."""
    width, height = live.size
    best = (0, 1.0)
    for offset in range(most + 1):
        share = different_pixels(live.crop((0, 0, width, height - offset)),
                                 replayed.crop((0, offset, width, height)))  # fmt: skip
        if share < best[1]:
            best = (offset, share)
    return best
