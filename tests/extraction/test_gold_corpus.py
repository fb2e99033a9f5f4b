"""The shared gold corpus, scored by the shared scorer through ``archiver extract``.

Runs only when ``../shared`` (corpus and scorer) sits beside the checkout.
"""

from __future__ import annotations

import subprocess
import sys

from tests.support.requires import CORPUS, require, require_corpus

SCORER = CORPUS.parent / "tools" / "score_extraction.py"


def test_every_gold_case_meets_every_bar(sandbox_env: dict[str, str]) -> None:
    require_corpus()
    require(SCORER.exists(), f"the scorer {SCORER} (beside the checkout)")
    command = f"{sys.executable} -m archiver extract {{html}} --url {{url}}"
    done = subprocess.run(
        [sys.executable, str(SCORER), str(CORPUS), "--cmd", command],
        capture_output=True,
        text=True,
        env=sandbox_env,
        timeout=240,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "00-ofnrs-seed" in done.stdout
