"""A candidate's rival (kg/rivals.py), on sentences of our own."""

from __future__ import annotations

from conftest import analyse


def _mentioned(result, name: str) -> set[str]:
    return {m.text for e in result.entities if e.name == name for m in e.mentions}


def test_her_primary_rival_is_the_one_other_candidate_of_her_party(nlp):
    text = ("Democratic candidate Maria Olsen and Democratic candidate Tom Ashby meet in Ohio on Tuesday, "
            "and Republican candidate Carl Moss waits. Maria Olsen spent the day attacking her primary rival.")
    r = analyse(nlp, text)
    assert "her primary rival" in _mentioned(r, "Tom Ashby")
    assert "her primary rival" not in _mentioned(r, "Carl Moss")


def test_a_bare_rival_among_three_candidates_is_no_one(nlp):
    text = ("Democratic candidate Maria Olsen and Democratic candidate Tom Ashby meet in Ohio on Tuesday, "
            "and Republican candidate Carl Moss waits. Maria Olsen spent the day attacking her rival.")
    r = analyse(nlp, text)
    assert not any("her rival" in _mentioned(r, n) for n in ("Tom Ashby", "Carl Moss"))


def test_a_former_rival_is_no_one(nlp):
    text = ("Democratic candidate Maria Olsen and Democratic candidate Tom Ashby meet in Ohio. "
            "Maria Olsen praised her former rival.")
    r = analyse(nlp, text)
    assert "her former rival" not in _mentioned(r, "Tom Ashby")


def test_his_is_no_ones_when_two_men_are_subjects_above_it(nlp):
    """"Tom Ruiz responded to reports that Carl Moss planned to endorse his opponent": "his" may be
    Ruiz's (the subject above) or Moss's (the nearest): no one's opponent is named."""
    text = ("Presidential candidate Carl Moss said on Friday that he would endorse House Speaker Paul Lee, who "
            "faces a primary challenge from candidate Tom Ruiz.\n\nTom Ruiz responded on Friday to reports that "
            "Moss planned to endorse his opponent.")
    r = analyse(nlp, text)
    assert not any("his opponent" in _mentioned(r, n) for n in ("Tom Ruiz", "Carl Moss", "Paul Lee"))
