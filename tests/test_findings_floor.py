"""Floors for report → found on PolNeAR dev, `document` subset of the shared scorer.

The subset holds the gold attributions whose source is a report, poll, survey, data, notes …
and the predictions whose speaker span names one. Floors sit at what kg reaches (measured with
``scripts/eval_polnear.sh``), so a change that loses findings fails here.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.shared, pytest.mark.model]

SHARED = Path(__file__).resolve().parents[2] / "shared"
CONTENT_F1 = 0.84  # measured 0.850 (issue 5 asks >= 0.70)
E2E_F1 = 0.84  # measured 0.850 (issue 5 asks >= 0.60)


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
def document_scores(dev_results) -> dict[str, float]:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} not found (clone-only checkout): dev-set floors not checked")
    scorer = polnear_scorer()
    gold = scorer.load_split(SHARED / "data" / "polnear", "dev")
    return scorer.score(gold, predictions(dev_results))["document"]


def test_document_content_f1_floor(document_scores):
    assert document_scores["content_f1"] >= CONTENT_F1, document_scores


def test_document_end_to_end_f1_floor(document_scores):
    assert document_scores["e2e_f1"] >= E2E_F1, document_scores
