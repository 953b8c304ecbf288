"""Floors for report → found on PolNeAR dev, `document` subset of the shared scorer.

The subset holds the gold attributions whose source is a report, poll, survey, data, notes …
and the predictions whose speaker span names one. Floors sit at what kg reaches (measured with
``scripts/eval_polnear.sh``), so a change that loses findings fails here.
"""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.shared, pytest.mark.model]

CONTENT_F1 = 0.84  # measured 0.850 (issue 5 asks >= 0.70)
E2E_F1 = 0.84  # measured 0.850 (issue 5 asks >= 0.60)


@pytest.fixture(scope="module")
def document_scores(polnear_dev_scores) -> dict[str, float]:
    return polnear_dev_scores["document"]


def test_document_content_f1_floor(document_scores):
    assert document_scores["content_f1"] >= CONTENT_F1, document_scores


def test_document_end_to_end_f1_floor(document_scores):
    assert document_scores["e2e_f1"] >= E2E_F1, document_scores
