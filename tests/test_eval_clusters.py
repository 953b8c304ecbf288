"""The entity-cluster scorer (scripts/eval_clusters.py) maps a gold surface form to the kg node it names.

A title or honorific before a name maps the form to that person ("Sen. Ann Lee", "former secretary of
state Ann Lee", "journalist and author Ann Lee"); a name that is the complement of other words never
does ("a former aide to Mr. Lee", "Mr. and Mrs. Lee", "the mother of victim Ann Lee"): those forms are
other entities, and mapping them to the named person counted kg's right answer as a wrong merge.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import load_module_file

SCORER = Path(__file__).resolve().parents[1] / "scripts" / "eval_clusters.py"
DOC = "doc-1"


@pytest.fixture(scope="module")
def scorer():
    return load_module_file(SCORER, "eval_clusters")


def _mapped(scorer, forms: list[str]) -> dict[str, str | None]:
    graph = {"nodes": [{"id": "person:ann-lee", "label": "Person", "name": "Ann Lee", "aliases": ["Lee"]},
                       {"id": f"article:{DOC}", "label": "Article"}],
             "edges": [{"type": "MENTIONED_IN", "source": "person:ann-lee", "target": f"article:{DOC}",
                        "doc": DOC, "count": 3}]}
    gold = [{"doc": DOC, "entity": form, "type": "Person", "mentions": [form]} for form in forms]
    return {form: node for (_doc, form), node in scorer.predict(gold, graph).items()}


def test_titles_before_a_name_map_to_that_person(scorer):
    forms = ["Sen. Ann Lee", "Mrs. Lee", "former secretary of state Ann Lee", "Secretary of State Ann Lee",
             "journalist and author Ann Lee", "Vermont Sen. Lee", "Republican Ann Lee", "Democratic front-runner Lee"]
    assert _mapped(scorer, forms) == dict.fromkeys(forms, "person:ann-lee")


def test_a_name_that_completes_other_words_is_not_that_person(scorer):
    forms = ["a former aide to Mr. Lee", "Mr. and Mrs. Lee", "rivals beyond Mrs. Lee",
             "the mother of victim Ann Lee", "the nonprofit of billionaire Ann Lee", "a group allied with Sen. Lee",
             "those who support Mr. Lee", "voters that back Sen. Lee"]
    assert _mapped(scorer, forms) == dict.fromkeys(forms)


def test_words_kg_resolved_in_that_article_map_to_that_node(scorer):
    """A description kg linked in one article ("the governor", a MENTIONED_IN form) maps there, not elsewhere."""
    graph = {"nodes": [{"id": "person:ann-lee", "label": "Person", "name": "Ann Lee", "aliases": ["Lee"]},
                       {"id": "article:a", "label": "Article"}, {"id": "article:b", "label": "Article"}],
             "edges": [{"type": "MENTIONED_IN", "source": "person:ann-lee", "target": "article:a", "doc": "a",
                        "count": 2, "forms": ["Ann Lee", "The governor"]},
                       {"type": "MENTIONED_IN", "source": "person:ann-lee", "target": "article:b", "doc": "b",
                        "count": 1, "forms": ["Ann Lee"]}]}
    gold = [{"doc": doc, "entity": "Ann Lee", "type": "Person", "mentions": ["the governor"]} for doc in "ab"]
    assert scorer.predict(gold, graph) == {("a", "the governor"): "person:ann-lee", ("b", "the governor"): None}
