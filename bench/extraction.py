"""The extraction benchmark: our extractor vs trafilatura alone, quality and speed.

``python -m bench.extraction [--repeats 5] [--corpus ../shared/corpus]`` runs, in one
process, over the gold corpus pages (when the folder exists) plus our fixture pages
(``tests/extraction/pages``): per-field quality of both (same measures as the gold
scorer, see :mod:`bench.scoring`), then pages/s of both, interleaved
rounds, medians and the ratio ours/trafilatura (target ≥ 0.8).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import trafilatura

from archiver.extraction import extract_article
from bench.scoring import meets_bars, score

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "extraction" / "pages"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
TARGET_RATIO = 0.8
FIELDS = ("title", "date", "language", "authors", "credit", "bio", "body", "leak-free", "all bars")

Case = tuple[dict[str, Any], bytes]  # gold, page bytes


def load_cases(corpus: Path | None) -> list[Case]:
    """Gold corpus cases (``*.gold.json``) and our fixtures (``*.expected.json``)."""
    golds = sorted(corpus.glob("*.gold.json")) if corpus and corpus.is_dir() else []
    golds += sorted(FIXTURES.glob("*.expected.json"))
    cases = []
    for path in golds:
        gold = json.loads(path.read_text(encoding="utf-8"))
        page = path.with_name(re.sub(r"\.(gold|expected)\.json$", ".html", path.name))
        cases.append((gold, page.read_bytes()))
    return cases


def ours(gold: dict[str, Any], html: bytes) -> dict[str, Any]:
    return extract_article(html, gold["url"], gold.get("headers") or {"Content-Type": "text/html"})


def trafilatura_alone(gold: dict[str, Any], html: bytes) -> dict[str, Any]:
    """trafilatura's own fields mapped to our record, as the gold scorer's baseline does."""
    doc = trafilatura.bare_extraction(html, url=gold["url"], with_metadata=True, include_comments=False)
    doc = doc.as_dict() if doc is not None else {}
    authors = [a.strip() for a in re.split(r";|,| and | et ", doc.get("author") or "") if a.strip()]
    return {
        "title": doc.get("title"),
        "published": doc.get("date"),
        "language": doc.get("language"),
        "authors": [{"name": a, "bio": None} for a in authors],
        "images": [],
        "body": doc.get("text") or "",
    }


def quality(cases: list[Case], extractor: Callable[[dict, bytes], dict]) -> dict[str, float]:
    """Share of cases right per field (body and bio: mean F1)."""
    rows = [score(gold, extractor(gold, html)) for gold, html in cases]
    n = len(rows)
    result = {
        k: sum(bool(r[k]) for r in rows) / n for k in ("title", "date", "language", "authors", "credit")
    }
    result["bio"] = sum(r["bio"] for r in rows) / n
    result["body"] = sum(r["body"] for r in rows) / n
    result["leak-free"] = sum(not r["leaks"] for r in rows) / n
    result["all bars"] = sum(meets_bars(r) for r in rows) / n
    return result


def pages_per_second(cases: list[Case], extractor: Callable[[dict, bytes], dict]) -> float:
    start = time.perf_counter()
    for gold, html in cases:
        extractor(gold, html)
    return len(cases) / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="gold corpus folder (optional)")
    parser.add_argument("--repeats", type=int, default=5, help="interleaved timing rounds")
    args = parser.parse_args(argv)
    cases = load_cases(args.corpus)
    if not cases:
        print("no pages found", file=sys.stderr)
        return 2
    print(f"{len(cases)} pages ({args.corpus if args.corpus.is_dir() else 'no corpus'} + {FIXTURES})")
    mine, theirs = quality(cases, ours), quality(cases, trafilatura_alone)
    print(f"{'field':12} {'ours':>7} {'trafilatura':>12}")
    for field in FIELDS:
        print(f"{field:12} {mine[field]:7.3f} {theirs[field]:12.3f}")
    pages_per_second(cases, ours), pages_per_second(cases, trafilatura_alone)  # warm-up
    rates: dict[str, list[float]] = {"ours": [], "trafilatura": []}
    for _ in range(args.repeats):
        rates["ours"].append(pages_per_second(cases, ours))
        rates["trafilatura"].append(pages_per_second(cases, trafilatura_alone))
    ours_rate, base_rate = statistics.median(rates["ours"]), statistics.median(rates["trafilatura"])
    ratio = ours_rate / base_rate
    print(f"pages/s (median of {args.repeats}): ours {ours_rate:.1f}  trafilatura {base_rate:.1f}")
    print(
        f"ratio ours/trafilatura {ratio:.2f} (target >= {TARGET_RATIO}): {'ok' if ratio >= TARGET_RATIO else 'BELOW'}"
    )
    return 0 if ratio >= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
