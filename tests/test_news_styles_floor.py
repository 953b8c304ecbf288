"""Floors for who-said-what on tests/data/news-styles (24 short articles of many outlets,
places and styles: wire, British and Canadian papers, press release, interview, TV and briefing
transcripts, live blog, court report, obituary, op-ed, …), tests/data/news-styles-2 to -5 (12
more each in new styles: Hansard, podcast, earnings call, hearing record, phone-in, papers of
Singapore, Ghana, Jamaica, …), -6 (12 of new places: Kisumu, Tasmania, Cebu, a Seoul wire, …)
and -7 (10 more: Halifax, Abuja, Lusaka, Otago, Vermont, Wales, Malta, a Q:/A: transcript, …),
annotated by hand without running kg.

Scored with ``scripts/eval_news_styles.py`` (imported by path); each floor sits just under what
kg reaches (``tests/data/news-styles/SCORES.md``), so a change that loses statements, gives
one to a wrong person or takes a headline or a label for one fails here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import load_module_file

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "news-styles"
# per sample: floors just under what kg measures (each sample's SCORES.md), ceilings on the errors
FLOORS = {
    "news-styles": {"recall": 0.90, "recall_speaker": 0.905, "precision": 0.92},  # measured 0.913, 0.917, 0.938
    # news-styles-2: measured 0.870, 0.876, 0.953 (untouched 0.638)
    "news-styles-2": {"recall": 0.875, "recall_speaker": 0.88, "precision": 0.945},
    # news-styles-3: measured 0.788, 0.800, 0.886 (untouched 0.570); session 8 0.824, 0.836, 0.908
    "news-styles-3": {"recall": 0.84, "recall_speaker": 0.855, "precision": 0.92},
    # news-styles-4: measured 0.823, 0.823, 0.833 (untouched 0.816); session 8 0.880, 0.880, 0.880
    "news-styles-4": {"recall": 0.91, "recall_speaker": 0.91, "precision": 0.89},
    # news-styles-5 (held out until the end): measured 0.776, 0.776, 0.786 (start of session 0.728);
    # session 8 (a development sample) 0.823, 0.823, 0.846
    "news-styles-5": {"recall": 0.85, "recall_speaker": 0.85, "precision": 0.855},
    # news-styles-6 (session 8, scored untouched, never read): measured 0.824, 0.830, 0.897
    # session 9 (development samples then): ns2 0.886/0.892/0.959, ns3 0.842/0.855/0.922, ns4 0.905/0.905/0.894,
    # ns5 0.850/0.850/0.862, ns6 0.867/0.872/0.937
    # session 10: ns3 0.848/0.861/0.928, ns4 0.918/0.918/0.901, ns5 0.857/0.857/0.863, ns6 0.878/0.883/0.943
    "news-styles-6": {"recall": 0.865, "recall_speaker": 0.87, "precision": 0.935},
    # news-styles-7 (session 9, scored untouched, never read): measured 0.764, 0.775, 0.826; end 0.770, 0.781, 0.818
    # session 10 (a development sample): 0.820, 0.837, 0.871
    "news-styles-7": {"recall": 0.81, "recall_speaker": 0.825, "precision": 0.86},
    # news-styles-8 (session 10, scored untouched, never read): measured 0.684, 0.699, 0.814
    "news-styles-8": {"recall": 0.67, "recall_speaker": 0.685, "precision": 0.80},
}
CEILINGS = {
    "news-styles": {"wrong_speaker": 0, "non_statements": 0},  # measured 0 and 0 (untouched: 30 and 35)
    "news-styles-2": {"wrong_speaker": 1, "non_statements": 1},  # measured 1 and 1 (untouched 12 and 1)
    "news-styles-3": {"wrong_speaker": 1, "non_statements": 1},  # measured 1 and 1 (s10; untouched 25 and 2)
    "news-styles-4": {"wrong_speaker": 2, "non_statements": 3},  # measured 2 and 3 (s9; untouched 12 and 5)
    "news-styles-5": {"wrong_speaker": 7, "non_statements": 2},  # measured 7 and 2 (s9; untouched 17 and 3)
    "news-styles-6": {"wrong_speaker": 0, "non_statements": 2},  # measured 0 and 2 (s9; untouched 8 and 3)
    "news-styles-7": {"wrong_speaker": 7, "non_statements": 3},  # measured 7 and 3 (s10; untouched 15 and 3)
    "news-styles-8": {"wrong_speaker": 15, "non_statements": 4},  # measured 15 and 4 (s10, untouched)
}


def _scorer():
    return load_module_file(ROOT / "scripts" / "eval_news_styles.py", "eval_news_styles")


@pytest.fixture(scope="module", params=sorted(FLOORS))
def news_scores(request, nlp):
    from kg.model import Document
    from kg.pipeline import extract_document

    scorer = _scorer()
    docs = scorer.load_gold(DATA.parent / request.param)
    triples: dict[str, list[dict]] = {}
    for stem, (text, _gold) in docs.items():
        result = extract_document(Document(id=stem, text=text), nlp(text))
        triples[stem] = [json.loads(json.dumps(t.to_json())) for t in result.triples if t.relation == "SAID"]
    return request.param, scorer.score(docs, triples)


@pytest.mark.parametrize("sample", sorted(FLOORS))
def test_every_article_has_its_gold(sample):
    data = DATA.parent / sample
    stems = {p.stem for p in data.glob("*.txt")}
    assert len(stems) >= 10
    assert stems == {p.name[: -len(".gold.json")] for p in data.glob("*.gold.json")}


def test_news_styles_floor(news_scores):
    sample, scores = news_scores
    summary = {k: v for k, v in scores.items() if k != "errors"}
    low = {m: scores[m] for m, floor in FLOORS[sample].items() if scores[m] < floor}
    assert not low, (sample, low, summary)


def test_news_styles_ceiling(news_scores):
    sample, scores = news_scores
    errors = [e for e in scores["errors"] if e["error"].startswith(("wrong", "non-statement"))]
    high = {m: scores[m] for m, ceiling in CEILINGS[sample].items() if scores[m] > ceiling}
    assert not high, (sample, high, errors)


def test_every_said_has_a_kind(nlp):
    from kg.model import KINDS, Document
    from kg.pipeline import extract_document

    text = (DATA / "01-wire-port-strike.txt").read_text(encoding="utf-8")
    rows = [t for t in extract_document(Document(id="x", text=text), nlp(text)).triples if t.relation == "SAID"]
    assert rows and all(t.qualifier("kind") in KINDS for t in rows)
