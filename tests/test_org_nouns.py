"""A definite noun that speaks for an organisation the article named: "the court said", "the government said"."""

from __future__ import annotations

import pytest
from conftest import analyse, said


@pytest.mark.model
def test_the_court_or_the_government_that_speaks_is_the_one_named_before_whose_name_holds_it(nlp):
    """"The court said", sentences after "the Dover Appeals Court ruled", is that court, and "the
    government said" after "the Ruritanian government" that government, never a nameless "court"
    or "government" node that every article would share; beside two courts, nobody is guessed."""
    text = ("The Dover Appeals Court ruled on the port case on Monday. Farmers protested in the square. Prices "
            "rose sharply in the market. Traders were angry about it. The court said the ruling would stand.")
    r = analyse(nlp, text, "org-nouns-1")
    assert [(t.subject.name, t.subject.mention.text) for t in said(r)] == [("Dover Appeals Court", "The court")]
    assert not any(e.name == "court" for e in r.entities)
    two = analyse(nlp, "The Dover Appeals Court and the Kent High Court met on Monday. Farmers protested in the "
                       "square. Prices rose sharply. Traders were angry. The court said the ruling would stand.",
                  "org-nouns-2")
    assert not any(t.subject.name in ("Dover Appeals Court", "Kent High Court") for t in said(two))
    state = analyse(nlp, "The Canadian government raised taxes on Monday. Farmers protested in the square. Prices "
                         "rose sharply. Traders were angry. The government said the tax would stay.", "org-nouns-3")
    assert [t.subject.name for t in said(state)] == ["Government of Canada"]
