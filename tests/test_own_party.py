"""A person's own party (kg/own_party.py), on sentences of our own."""

from __future__ import annotations

from conftest import analyse


def _party_mentions(result, name: str) -> set[str]:
    return {m.text for e in result.entities if e.name == name for m in e.mentions}


def test_her_own_party_is_the_party_the_text_ties_her_to(nlp):
    text = ("Republican Maria Olsen, the state senator, leads the Republican Party in Ohio. "
            "On Tuesday Maria Olsen voted against her own party on the farm bill.")
    r = analyse(nlp, text)
    assert "her own party" in _party_mentions(r, "Republican Party")


def test_a_pronoun_of_the_other_gender_or_a_past_party_links_nothing(nlp):
    text = ("Republican Maria Olsen leads the Republican Party in Ohio. Maria Olsen voted against his party, "
            "and Tom Ashby left his onetime party.")
    r = analyse(nlp, text)
    assert not {m for m in _party_mentions(r, "Republican Party") if m.startswith(("his ", "her "))}


def test_a_person_of_two_parties_links_nothing(nlp):
    text = ("Maria Olsen, a former Democratic senator, joined the Republican Party. Democrats and the Democratic "
            "Party mourned. Republican Maria Olsen then voted against her own party.")
    r = analyse(nlp, text)
    owned = {m.text for e in r.entities for m in e.mentions if m.text == "her own party"}
    assert not owned


def test_a_party_word_of_a_linked_description_ties_the_person_to_it(nlp):
    text = ("Maria Olsen won the Republican primary for governor, and the Democratic Party and the Republican "
            "Party both spent heavily. Maria Olsen, a Republican state senator, has angered many in her own party.")
    r = analyse(nlp, text)
    assert "her own party" in _party_mentions(r, "Republican Party")
    assert "her own party" not in _party_mentions(r, "Democratic Party")


def test_a_critic_of_a_party_is_not_of_that_party(nlp):
    text = ("The Republican Party met in Ohio. Maria Olsen, a fierce critic of the Republican Party, "
            "has often angered her own party.")
    r = analyse(nlp, text)
    assert "her own party" not in _party_mentions(r, "Republican Party")
