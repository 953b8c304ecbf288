"""Kin nouns after a possessive (kg/kin.py), on sentences of our own."""

from __future__ import annotations

from conftest import analyse, said


def _mentioned(result, name: str) -> set[str]:
    return {m.text for e in result.entities if e.name == name for m in e.mentions}


def _aliases(result, name: str) -> set[str]:
    return {a for e in result.entities if e.name == name for a in e.aliases}


def _anyone_holds(result, words: str) -> bool:
    return any(m.text == words for e in result.entities for m in e.mentions)


def test_his_father_is_the_one_other_man_of_that_surname(nlp):
    text = ("Peter Halvorsen said on Friday that his father had paid for the new library in Duluth. "
            "Martin Halvorsen has never confirmed the gift.")
    r = analyse(nlp, text)
    assert "father" in _mentioned(r, "Martin Halvorsen")
    assert "father" not in _aliases(r, "Martin Halvorsen")  # a mention only: "father" names no one elsewhere
    assert "father" not in _mentioned(r, "Peter Halvorsen")


def test_her_mother_is_the_one_woman_of_that_surname(nlp):
    text = ("Ingrid Castellano, Rosa Castellano and Luis Castellano run the bakery in Tucson. "
            "Ingrid Castellano said her mother had opened it in 1979.")
    r = analyse(nlp, text)
    assert "mother" in _mentioned(r, "Rosa Castellano")
    assert "mother" not in _mentioned(r, "Luis Castellano")


def test_a_name_with_a_possessive_works_as_his_does(nlp):
    text = ("Peter Halvorsen and Martin Halvorsen visited Duluth. "
            "Peter Halvorsen's father gave a speech at the library.")
    r = analyse(nlp, text)
    assert "father" in _mentioned(r, "Martin Halvorsen")


def test_the_elder_is_the_father_the_text_made(nlp):
    text = ("Peter Halvorsen said on Friday that his father had paid for the new library in Duluth. "
            "Martin Halvorsen has never confirmed the gift. "
            "The library was named for the elder Halvorsen's late wife.")
    r = analyse(nlp, text)
    assert "the elder Halvorsen" in _mentioned(r, "Martin Halvorsen")
    assert "the elder Halvorsen" not in _mentioned(r, "Peter Halvorsen")


def test_the_younger_is_the_son(nlp):
    text = ("Peter Halvorsen said on Friday that his father had paid for the new library in Duluth. "
            "Martin Halvorsen has never confirmed the gift. "
            "The younger Halvorsen runs a shipping company.")
    r = analyse(nlp, text)
    assert "The younger Halvorsen" in _mentioned(r, "Peter Halvorsen")


def test_the_elder_without_a_kin_link_is_no_one(nlp):
    text = ("Peter Halvorsen and Martin Halvorsen visited Duluth on Friday. "
            "The library was named for the elder Halvorsen's late wife.")
    r = analyse(nlp, text)
    assert not _anyone_holds(r, "the elder Halvorsen")


def test_two_men_of_that_surname_are_no_one(nlp):
    text = ("Walter Brandt and Walter K. Brandt both spoke in Omaha. "
            "Kurt Brandt said his father had never run for office.")
    r = analyse(nlp, text)
    assert not _anyone_holds(r, "father")


def test_no_one_of_the_kin_nouns_gender_is_no_one(nlp):
    text = ("Peter Halvorsen and Karin Halvorsen visited Duluth. "
            "Peter Halvorsen said his brother would stay in Oslo.")
    r = analyse(nlp, text)
    assert not _anyone_holds(r, "brother")


def test_a_possessor_with_no_surname_is_no_one(nlp):
    text = ("Peter Halvorsen visited Duluth. Madonna said her father had been a steelworker.")
    r = analyse(nlp, text)
    assert not _anyone_holds(r, "father")


def test_an_unresolved_possessor_is_no_one(nlp):
    text = ("Peter Halvorsen and Martin Halvorsen visited Duluth. "
            "The library said his father had paid for it.")
    r = analyse(nlp, text)
    assert not _anyone_holds(r, "father")


def test_a_kin_noun_in_quotation_marks_is_no_one(nlp):
    text = ("Peter Halvorsen and Martin Halvorsen visited Duluth. "
            "\"He said his father paid for all of it,\" a librarian said.")
    r = analyse(nlp, text)
    assert not _anyone_holds(r, "father")


def test_a_plural_kin_noun_is_no_one(nlp):
    text = ("Peter Halvorsen and Martin Halvorsen visited Duluth. "
            "Peter Halvorsen said his brothers had paid for the library.")
    r = analyse(nlp, text)
    assert not _anyone_holds(r, "brothers")


def test_his_father_said_is_the_father_when_the_rule_holds(nlp):
    text = ("Peter Halvorsen and Martin Halvorsen visited Duluth on Friday. "
            "Peter Halvorsen said the library was his idea, but his father said the gift was a family matter.")
    speakers = {t.subject.name for t in said(analyse(nlp, text)) if "family matter" in t.object.span.text}
    assert speakers == {"Martin Halvorsen"}


def test_his_father_said_stays_nameless_with_two_candidates(nlp):
    text = ("Walter Brandt and Walter K. Brandt both spoke in Omaha. "
            "Kurt Brandt said the library was his idea, but his father said the gift was a family matter.")
    speakers = {t.subject.name for t in said(analyse(nlp, text)) if "family matter" in t.object.span.text}
    assert not speakers & {"Walter Brandt", "Walter K. Brandt", "Kurt Brandt"}


def test_a_grandchild_the_article_does_not_name_is_no_one(nlp):
    """"Ann Lamb often mentions her granddaughter": the one other woman Lamb of the article may be
    her daughter; a grandchild or an uncle is not linked."""
    text = ("Jane Lamb announced that she was expecting her second child. Ann Lamb said she was thrilled. "
            "Ann Lamb often mentions her granddaughter in speeches.")
    r = analyse(nlp, text)
    assert "granddaughter" not in {m.text for e in r.entities if e.name == "Jane Lamb" for m in e.mentions}
