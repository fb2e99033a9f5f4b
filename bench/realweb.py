"""Article fields on real pages of sites we never tuned on: the archiver against trafilatura alone.

``python -m bench.realweb [--dataset ../shared/datasets/wcxb-dev] [--jobs 2] [--limit N]`` runs
the shared scorer (``../shared/tools/score_realweb.py``, see its docstring) over the dataset,
prints its report, then a Markdown table of the article pages' fields: the archiver, trafilatura
alone, the difference in points and the issue's target for it. Exit status: the scorer's.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "score_realweb.py"
DEFAULT_DATASET = SHARED / "datasets" / "wcxb-dev"
#: Per field, how far above trafilatura alone the archiver must be (points; title: a floor in %).
TARGETS = {"body F1": "+1", "title": ">= 90%", "author": "+5", "date": "+3"}


def _share(rows: list[dict[str, Any]], side: str, field: str) -> tuple[int, int]:
    scored = [row[side][field] for row in rows if row[side][field] is not None]
    return sum(bool(x) for x in scored), len(scored)


def table(rows: list[dict[str, Any]]) -> str:
    """The Markdown table of the article pages' fields, archiver beside trafilatura alone."""
    articles = [row for row in rows if row["type"] == "article"]
    lines = [
        f"| field ({len(articles)} article pages) | archiver | trafilatura alone | difference | target |",
        "|---|---|---|---|---|",
    ]
    ours = statistics.mean(row["archiver"]["f1"] for row in articles)
    theirs = statistics.mean(row["trafilatura"]["f1"] for row in articles)
    lines.append(
        f"| body F1 | {ours:.3f} | {theirs:.3f} | {100 * (ours - theirs):+.1f} | {TARGETS['body F1']} |"
    )
    for field in ("title", "author", "date"):
        (a, n), (t, _) = _share(articles, "archiver", field), _share(articles, "trafilatura", field)
        lines.append(
            f"| {field} | {a}/{n} ({a / n:.1%}) | {t}/{n} ({t / n:.1%}) | {100 * (a - t) / n:+.1f} | {TARGETS[field]} |"
        )
    empty = sum(
        1 for row in articles if not row["archiver"]["got"]["body"] and row["trafilatura"]["f1"] > 0.5
    )
    lines.append(f"| empty body where trafilatura has text | {empty} | | | 0 |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dataset", type=Path, default=DEFAULT_DATASET, help="folder in the wcxb-dev layout")
    parser.add_argument("--jobs", type=int, default=2, help="pages scored in parallel")
    parser.add_argument("--limit", type=int, help="score only the first N pages")
    parser.add_argument("--examples", type=int, default=5, help="failures the scorer lists per kind")
    args = parser.parse_args(argv)
    if not SCORER.is_file() or not args.dataset.is_dir():
        print(f"needs {SCORER} and the dataset {args.dataset}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / "rows.jsonl"
        command = [sys.executable, str(SCORER), str(args.dataset), "--jobs", str(args.jobs)]
        command += ["--examples", str(args.examples), "--dump", str(dump)]
        command += ["--limit", str(args.limit)] if args.limit else []
        done = subprocess.run(command, cwd=ROOT, check=False)
        if not dump.is_file():
            return done.returncode or 2
        rows = [json.loads(line) for line in dump.read_text(encoding="utf-8").splitlines()]
    print()
    print(table(rows))
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
