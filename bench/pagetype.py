"""Page kinds on real pages: how often the crawl's classifier tells an article right, and its weights.

    .venv/bin/python -m bench.pagetype ../shared/datasets/wcxb-dev            # accuracy per page type
    .venv/bin/python -m bench.pagetype ../shared/datasets/wcxb-dev --fit      # + weights fitted to it
    .venv/bin/python -m bench.pagetype ../shared/datasets/wcxb-dev --folds 5  # + cross-validated accuracy

DATASET is a folder in the layout of ``../shared/datasets/wcxb-dev`` (``html/ID.html.gz``,
``ground-truth/ID.json`` with the page's ``url``, ``metadata.json`` with its ``page_type``).
Each page goes through :func:`archiver.crawl.pagetype.classify` on the tree a crawl parses.
``--fit`` fits the weights of :data:`archiver.crawl.pagetype_rules.ARTICLE_WEIGHTS` by logistic
regression (L2, both classes weighed equally), rounded to halves, and prints them with the
accuracy they give; ``--folds K`` fits on K-1 parts and counts the errors on the part left out,
which estimates the accuracy on pages of sites the weights never saw. The time spent
classifying is printed per page, beside the time of parsing it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path


def classify_page(args: tuple[Path, str, str]) -> dict:
    """One page's type, the features that fire on it, and the times to parse and classify it."""
    from archiver.crawl.pagetype import classify
    from archiver.extraction import parse_page

    root, pid, page_type = args
    url = json.loads((root / "ground-truth" / f"{pid}.json").read_text(encoding="utf-8"))["url"]
    body = gzip.decompress((root / "html" / f"{pid}.html.gz").read_bytes())
    start = time.perf_counter()
    tree = parse_page(body, {})
    parsed = time.perf_counter()
    verdict = classify(tree, url)
    done = time.perf_counter()
    return {
        "id": pid, "type": page_type, "url": url, "kind": verdict.kind, "score": verdict.score,
        "features": verdict.features, "parse_s": parsed - start, "classify_s": done - parsed,
    }  # fmt: skip


def load(root: Path, jobs: int) -> list[dict]:
    pages = json.loads((root / "metadata.json").read_text(encoding="utf-8"))["files"]
    work = [(root, pid, pages[pid]["page_type"]) for pid in sorted(pages)]
    with ProcessPoolExecutor(jobs) as pool:
        return list(pool.map(classify_page, work, chunksize=16))


def accuracy(rows: list[dict], weights: dict[str, float], threshold: float) -> tuple[int, int, Counter]:
    """Articles called articles, other pages called something else, and misses per page type."""
    misses: Counter = Counter()
    for row in rows:
        is_article = sum(weights.get(name, 0.0) for name in row["features"]) >= threshold
        if is_article != (row["type"] == "article"):
            misses[row["type"]] += 1
    articles = sum(row["type"] == "article" for row in rows)
    return (
        articles - misses["article"],
        len(rows) - articles - sum(misses.values()) + misses["article"],
        misses,
    )


def fit(
    rows: list[dict], names: list[str], l2: float = 0.002, epochs: int = 1500
) -> tuple[dict[str, float], float]:
    """Logistic regression over the binary features, articles and the rest weighed equally."""
    articles = sum(row["type"] == "article" for row in rows) or 1
    share = {True: len(rows) / (2 * articles), False: len(rows) / (2 * max(1, len(rows) - articles))}
    weights, bias, rate = dict.fromkeys(names, 0.0), 0.0, 0.5
    samples = [(row["features"], row["type"] == "article") for row in rows]
    for _ in range(epochs):
        grad, grad_bias = dict.fromkeys(names, 0.0), 0.0
        for features, label in samples:
            z = bias + sum(weights.get(name, 0.0) for name in features)
            error = (1 / (1 + math.exp(-max(-30.0, min(30.0, z)))) - label) * share[label]
            grad_bias += error
            for name in features:
                if name in grad:
                    grad[name] += error
        for name in names:
            weights[name] -= rate * (grad[name] / len(samples) + l2 * weights[name])
        bias -= rate * grad_bias / len(samples)
    return weights, -bias


def rounded(weights: dict[str, float], threshold: float) -> tuple[dict[str, float], float]:
    """Weights and threshold scaled so that the threshold is 3, in halves."""
    scale = 3.0 / threshold if threshold > 0.5 else 1.0
    return {name: round(w * scale * 2) / 2 for name, w in weights.items()}, round(threshold * scale * 2) / 2


def report(title: str, rows: list[dict], result: tuple[int, int, Counter]) -> None:
    arts = sum(row["type"] == "article" for row in rows)
    others = len(rows) - arts
    totals = Counter(row["type"] for row in rows)
    art_ok, other_ok, misses = result
    print(
        f"{title}: articles called article {art_ok}/{arts} ({art_ok / arts:.1%}); other pages called "
        f"non-article {other_ok}/{others} ({other_ok / others:.1%}); missed per type: "
        + ", ".join(f"{t} {misses[t]}/{totals[t]}" for t in sorted(totals))
    )


def main() -> None:
    from archiver.crawl import pagetype_rules as rules

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dataset", type=Path)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--fit", action="store_true", help="fit the weights and print them")
    ap.add_argument("--folds", type=int, default=0, help="cross-validate the fit over K parts")
    ap.add_argument("--errors", action="store_true", help="list the pages told wrong")
    args = ap.parse_args()
    rows = load(args.dataset, args.jobs)
    weights, threshold = rules.ARTICLE_WEIGHTS, rules.ARTICLE_THRESHOLD
    report("current weights", rows, accuracy(rows, weights, threshold))
    parse = sum(r["parse_s"] for r in rows) / len(rows)
    spent = sum(r["classify_s"] for r in rows) / len(rows)
    print(
        f"time per page: classify {spent * 1000:.1f} ms, parse {parse * 1000:.1f} ms ({spent / parse:.2f}x)"
    )
    if args.errors:
        for row in rows:
            if (row["kind"] == "article") != (row["type"] == "article"):
                print(
                    f"  {row['type']:13} {row['score']:5.1f} {row['url'][:100]} {','.join(row['features'])}"
                )
    names = list(rules.ARTICLE_WEIGHTS)
    if args.folds:
        order = sorted(rows, key=lambda r: r["id"])
        random.Random(0).shuffle(order)
        parts = [order[i :: args.folds] for i in range(args.folds)]
        total: tuple[int, int, Counter] = (0, 0, Counter())
        for i, part in enumerate(parts):
            train = [r for j, p in enumerate(parts) if j != i for r in p]
            held = rounded(*fit(train, names))
            got = accuracy(part, *held)
            total = (total[0] + got[0], total[1] + got[1], total[2] + got[2])
        report(f"{args.folds}-fold cross-validated fit", rows, total)
    if args.fit:
        fitted = rounded(*fit(rows, names))
        report("fitted weights", rows, accuracy(rows, *fitted))
        print("ARTICLE_WEIGHTS = {")
        for name in names:
            print(f'    "{name}": {fitted[0][name]},')
        print(f"}}\nARTICLE_THRESHOLD = {fitted[1]}")


if __name__ == "__main__":
    main()
