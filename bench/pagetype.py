"""Page kinds on real pages: how often the crawl's classifier tells an article right, and its weights.

    .venv/bin/python -m bench.pagetype ../shared/datasets/wcxb-dev             # accuracy per page type
    .venv/bin/python -m bench.pagetype ../shared/datasets/wcxb-dev --folds 5   # + cross-validated by site
    .venv/bin/python -m bench.pagetype ../shared/datasets/wcxb-dev --fit       # + weights refitted to it

DATASET is a folder in the layout of ``../shared/datasets/wcxb-dev`` (``html/ID.html.gz``,
``ground-truth/ID.json`` with the page's ``url``, ``metadata.json`` with its ``page_type``).
Each page goes through :func:`archiver.crawl.pagetype.classify` on the tree a crawl parses.

``--fit`` fits :data:`archiver.crawl.pagetype_rules.ARTICLE_WEIGHTS` and ``ARTICLE_THRESHOLD``:
an L2-regularised logistic regression (scikit-learn, ``pip install -e '.[fit]'``; only this
script needs it) over every feature of :data:`archiver.crawl.pagetype.FEATURES`, standardised
while fitting and folded back into weights of the raw values, both classes weighed equally;
it prints them to paste into the rules module. ``--folds K`` fits on K-1 parts and counts
the errors on the part left out, pages of one site always in the same part: an estimate of
the accuracy on sites the weights never saw. The time spent classifying is printed per
page, beside the time of parsing it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit


def classify_page(args: tuple[Path, str, str]) -> dict:
    """One page's type, its verdict and feature values, and the times to parse and classify it."""
    from archiver.crawl.pagefacts import PageFacts
    from archiver.crawl.pagetype import classify, page_features
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
        "site": (urlsplit(url).hostname or pid).removeprefix("www."),
        "values": page_features(PageFacts(tree, url)), "parse_s": parsed - start, "classify_s": done - parsed,
    }  # fmt: skip


def load(root: Path, jobs: int) -> list[dict]:
    pages = json.loads((root / "metadata.json").read_text(encoding="utf-8"))["files"]
    work = [(root, pid, pages[pid]["page_type"]) for pid in sorted(pages)]
    with ProcessPoolExecutor(jobs) as pool:
        return list(pool.map(classify_page, work, chunksize=16))


def is_article(row: dict, weights: dict[str, float], threshold: float) -> bool:
    return sum(weights.get(name, 0.0) * value for name, value in row["values"].items()) >= threshold


def accuracy(rows: list[dict], verdicts: list[bool]) -> tuple[int, int, Counter]:
    """Articles called articles, other pages called something else, and misses per page type."""
    misses: Counter = Counter(
        row["type"]
        for row, article in zip(rows, verdicts, strict=True)
        if article != (row["type"] == "article")
    )
    articles = sum(row["type"] == "article" for row in rows)
    return articles - misses["article"], len(rows) - articles - misses.total() + misses["article"], misses


def fit(rows: list[dict], names: list[str], c: float, cost: float = 1.0) -> tuple[dict[str, float], float]:
    """Weights of the raw feature values and the threshold, from a logistic regression on standardised ones."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x = np.array([[row["values"].get(name, 0.0) for name in names] for row in rows])
    y = np.array([row["type"] == "article" for row in rows])
    mean, std = x.mean(axis=0), x.std(axis=0)
    std[std == 0] = 1.0
    share = {True: len(y) / (2 * y.sum()) * cost, False: len(y) / (2 * (~y).sum())}
    model = LogisticRegression(C=c, class_weight=share, max_iter=5000).fit((x - mean) / std, y)
    raw = model.coef_[0] / std
    bias = float(model.intercept_[0] - (raw * mean).sum())
    return {name: round(float(w), 3) for name, w in zip(names, raw, strict=True)}, round(-bias, 3)


def cross_validated(rows: list[dict], names: list[str], c: float, cost: float, folds: int) -> list[bool]:
    """Each page's verdict by weights fitted on the other parts (pages of one site in one part)."""
    from sklearn.model_selection import StratifiedGroupKFold

    verdicts = [False] * len(rows)
    labels = [row["type"] == "article" for row in rows]
    split = StratifiedGroupKFold(folds, shuffle=True, random_state=0)
    for train, held in split.split(rows, labels, [row["site"] for row in rows]):
        weights, threshold = fit([rows[i] for i in train], names, c, cost)
        for i in held:
            verdicts[i] = is_article(rows[i], weights, threshold)
    return verdicts


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
    from archiver.crawl.pagetype import FEATURES

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dataset", type=Path)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--fit", action="store_true", help="fit the weights and print them")
    ap.add_argument("--folds", type=int, default=0, help="cross-validate the fit over K parts, by site")
    ap.add_argument("--c", type=float, default=rules.FIT_C, help="inverse L2 strength (default: %(default)s)")
    ap.add_argument(
        "--cost",
        type=float,
        default=rules.FIT_ARTICLE_COST,
        help="cost of a missed article (default: %(default)s)",
    )
    ap.add_argument("--errors", action="store_true", help="list the pages told wrong")
    args = ap.parse_args()
    rows = load(args.dataset, args.jobs)
    report("current weights", rows, accuracy(rows, [row["kind"] == "article" for row in rows]))
    parse = sum(r["parse_s"] for r in rows) / len(rows)
    spent = sum(r["classify_s"] for r in rows) / len(rows)
    print(
        f"time per page: classify {spent * 1000:.1f} ms, parse {parse * 1000:.1f} ms ({spent / parse:.2f}x)"
    )
    if args.errors:
        for row in sorted(rows, key=lambda r: (r["type"], r["score"])):
            if (row["kind"] == "article") != (row["type"] == "article"):
                print(f"  {row['type']:13} {row['score']:6.2f} {row['url'][:110]}")
    names = list(FEATURES)
    if args.folds:
        verdicts = cross_validated(rows, names, args.c, args.cost, args.folds)
        title = f"{args.folds}-fold cross-validated fit, by site (C={args.c}, cost={args.cost})"
        report(title, rows, accuracy(rows, verdicts))
    if args.fit:
        weights, threshold = fit(rows, names, args.c, args.cost)
        report("fitted weights", rows, accuracy(rows, [is_article(row, weights, threshold) for row in rows]))
        print("ARTICLE_WEIGHTS: dict[str, float] = {")
        for name in names:
            print(f'    "{name}": {weights[name]},')
        print(f"}}\nARTICLE_THRESHOLD = {threshold}")


if __name__ == "__main__":
    main()
