"""Body text on ordinary news pages: ours vs trafilatura alone, on a public benchmark.

``python -m bench.news [--cache DIR] [--markdown]`` fetches the news pages and gold
texts that newspaper4k's source distribution ships (``tests/data/html/*.html`` with
``tests/data/txt/*.txt`` and the page URL in ``tests/data/metadata/*.json``: CNN, Time,
Wired, Fox 13, cleveland.com, El País, Yonhap...) with pip, the ordinary client, into a
cache folder (nothing is vendored), then scores the body of our records and of
trafilatura alone with the corpus scorer's token F1 (:func:`bench.scoring.f1`).
Prints one row per page, then the mean and median of each, for all pages and for the
pages in languages written with spaces between words (the token F1 counts a whole
CJK or Thai sentence as one token there). Exit 1 when our mean is below trafilatura's.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

from archiver.extraction import extract_article
from bench.extraction import trafilatura_alone
from bench.scoring import f1

PACKAGE = "newspaper4k==0.9.6"
DATA = "tests/data"
DEFAULT_CACHE = Path.home() / ".cache" / "archiver-bench" / "news"
#: Pages whose gold text has no spaces between words (token F1 is coarse there).
UNSPACED = ("burmese", "chinese", "japanese", "thai")


@dataclass
class Case:
    name: str
    url: str
    html: bytes
    gold: str


def fetch(cache: Path, package: str = PACKAGE) -> Path:
    """The benchmark's data folder, unpacked under ``cache`` from the sdist pip downloads."""
    target = cache / package.replace("==", "-")
    if (target / DATA / "txt").is_dir():
        return target
    downloads = cache / "sdist"
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
                    "--dest", str(downloads), package], check=True)  # fmt: skip
    name, version = package.split("==")
    [sdist] = downloads.glob(f"{name}-{version}.tar.gz")
    with tarfile.open(sdist) as archive:
        members = [m for m in archive.getmembers() if f"/{DATA}/" in m.name and m.isfile()]
        for member in members:
            member.name = member.name.split("/", 1)[1]
        archive.extractall(target, members=members, filter="data")
    return target


def load_cases(root: Path) -> list[Case]:
    """Pages with a gold text; the URL from their metadata, else a stand-in on ``.example``."""
    data = root / DATA
    cases = []
    for gold in sorted((data / "txt").glob("*.txt")):
        page = data / "html" / f"{gold.stem}.html"
        if not page.is_file():
            continue
        meta = data / "metadata" / f"{gold.stem}.json"
        known = json.loads(meta.read_text("utf-8")) if meta.is_file() else {}
        url = known.get("url") or known.get("canonical_link") or f"https://{gold.stem}.example/"
        cases.append(Case(gold.stem, url, page.read_bytes(), gold.read_text("utf-8")))
    return cases


def body_scores(case: Case) -> tuple[float, float]:
    """Token F1 of (our body, trafilatura's text) against the gold text."""
    headers = {"Content-Type": "text/html"}
    ours = extract_article(case.html, case.url, headers).get("body") or ""
    theirs = trafilatura_alone({"url": case.url}, case.html)["body"]
    return f1(case.gold, ours), f1(case.gold, theirs)


def summary(label: str, rows: list[tuple[str, float, float]], markdown: bool) -> str:
    ours, theirs = [r[1] for r in rows], [r[2] for r in rows]
    cells = [label, str(len(rows)), f"{statistics.mean(ours):.3f}", f"{statistics.mean(theirs):.3f}",
             f"{statistics.median(ours):.3f}", f"{statistics.median(theirs):.3f}"]  # fmt: skip
    return "| " + " | ".join(cells) + " |" if markdown else "  ".join(cells)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--cache", type=Path, default=DEFAULT_CACHE, help=f"download folder ({DEFAULT_CACHE})"
    )
    parser.add_argument("--package", default=PACKAGE, help=f"the sdist holding the pages ({PACKAGE})")
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    args = parser.parse_args(argv)
    cases = load_cases(fetch(args.cache, args.package))
    rows = [(case.name, *body_scores(case)) for case in cases]
    row = "| {} | {:.3f} | {:.3f} | {:+.3f} |" if args.markdown else "{:24} {:6.3f} {:12.3f} {:+7.3f}"
    print("| page | ours | trafilatura | ours - trafilatura |\n|---|---:|---:|---:|" if args.markdown
          else f"{'page':24} {'ours':>6} {'trafilatura':>12} {'diff':>7}")  # fmt: skip
    for name, ours, theirs in rows:
        print(row.format(name, ours, theirs, ours - theirs))
    spaced = [r for r in rows if not r[0].startswith(UNSPACED)]
    print("\n| pages | n | mean ours | mean trafilatura | median ours | median trafilatura |\n|---|---:|---:|---:|---:|---:|"
          if args.markdown else "\npages  n  mean-ours  mean-trafilatura  median-ours  median-trafilatura")  # fmt: skip
    print(summary("all", rows, args.markdown))
    print(summary("spaced scripts", spaced, args.markdown))
    return 0 if statistics.mean(r[1] for r in rows) >= statistics.mean(r[2] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
