"""Floors for who-said-what on PolNeAR dev (issue 3), with the shared scorer.

All 84 dev articles run once per session (the ``dev_results`` fixture); the scorer is
``../shared/eval/polnear.py``, imported by path. Each floor sits at what kg reaches, measured
with ``scripts/eval_polnear.sh``, and at the issue's number where kg reaches it, so a change
that loses statements or speakers fails here.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.shared, pytest.mark.model]

SHARED = Path(__file__).resolve().parents[2] / "shared"
# subset -> metric -> floor; comments give the measured value and the acceptance
FLOORS = {
    "all": {
        "content_f1": 0.70,  # measured 0.733 (issue 3: >= 0.70)
        "content_exact_f1": 0.40,  # measured 0.513 (issue 3: >= 0.40)
        "speaker_acc": 0.85,  # measured 0.914 (issue 3: >= 0.85)
        "e2e_f1": 0.60,  # measured 0.670 (issue 3: >= 0.60)
    },
    "quoted": {
        "e2e_f1": 0.85,  # measured 0.860 (issue 3: >= 0.85)
    },
}


def polnear_scorer():
    """The shared scorer, imported by path (registered first: its dataclasses look themselves up)."""
    path = SHARED / "eval" / "polnear.py"
    if not path.is_file():
        pytest.skip(f"shared scorer not found at {path} (clone-only checkout): dev-set floors not checked")
    spec = importlib.util.spec_from_file_location("shared_eval_polnear", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def predictions(results) -> dict[str, list[dict]]:
    """SAID and FOUND triples as the scorer's rows (what ../shared/eval/from_triples.py writes)."""
    rows: dict[str, list[dict]] = {}
    for result in results:
        for t in result.triples:
            if t.relation in ("SAID", "FOUND") and t.object.span is not None:
                rows.setdefault(t.doc, []).append({
                    "doc": t.doc,
                    "speaker": [t.subject.mention.start, t.subject.mention.end],
                    "cue": [t.cue.start, t.cue.end] if t.cue else None,
                    "content": [t.object.span.start, t.object.span.end],
                })
    return rows


@pytest.fixture(scope="module")
def scores(dev_results) -> dict[str, dict[str, float]]:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} not found (clone-only checkout): dev-set floors not checked")
    scorer = polnear_scorer()
    gold = scorer.load_split(SHARED / "data" / "polnear", "dev")
    return scorer.score(gold, predictions(dev_results))


@pytest.mark.parametrize(("subset", "metric"), [(s, m) for s, ms in FLOORS.items() for m in ms])
def test_attribution_floor(scores, subset, metric):
    assert scores[subset][metric] >= FLOORS[subset][metric], scores[subset]
