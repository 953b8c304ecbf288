"""What the text says a named person is (kg/indefinites.py), on sentences of our own."""

from __future__ import annotations

from conftest import analyse


def _entity(result, name: str):
    return next(e for e in result.entities if e.name == name)


def _mentioned(result, name: str) -> set[str]:
    return {m.text for m in _entity(result, name).mentions}


def test_an_indefinite_appositive_is_a_mention_and_an_alias(nlp):
    r = analyse(nlp, "Maria Olsen, a retired dairy farmer from Wisconsin, opened the hearing on Monday.")
    assert "a retired dairy farmer from Wisconsin" in _mentioned(r, "Maria Olsen")
    assert "retired dairy farmer from Wisconsin" in _entity(r, "Maria Olsen").aliases


def test_a_description_before_the_name_in_apposition_is_that_person(nlp):
    r = analyse(nlp, "A spokeswoman for the county, Maria Olsen, declined to comment on the plan.")
    assert "A spokeswoman for the county" in _mentioned(r, "Maria Olsen")


def test_a_predicate_is_a_mention_but_never_an_alias(nlp):
    r = analyse(nlp, "Tom Ashby is a longtime zoning lawyer. He filed the appeal in March.")
    assert "a longtime zoning lawyer" in _mentioned(r, "Tom Ashby")
    assert "longtime zoning lawyer" not in _entity(r, "Tom Ashby").aliases


def test_what_a_person_might_be_or_is_not_is_no_mention(nlp):
    r = analyse(nlp, "Tom Ashby would be a terrible treasurer, and Maria Olsen is not a lawyer.")
    assert not any(m.text.startswith(("a ", "an ")) for m in _entity(r, "Tom Ashby").mentions)
    assert not any(m.text.startswith(("a ", "an ")) for m in _entity(r, "Maria Olsen").mentions)


def test_a_bare_or_judging_description_is_no_alias(nlp):
    r = analyse(nlp, "The board hired Tom Ashby, a lawyer, and Maria Olsen, a brilliant engineer.")
    assert "a lawyer" in _mentioned(r, "Tom Ashby")
    assert "lawyer" not in _entity(r, "Tom Ashby").aliases
    assert "brilliant engineer" not in _entity(r, "Maria Olsen").aliases


def test_a_named_phrase_is_the_person_it_names(nlp):
    r = analyse(nlp, "In 1998 a young Chicago architect named Tom Ashby designed the library.")
    assert "a young Chicago architect" in _mentioned(r, "Tom Ashby")


def test_a_clause_after_the_description_is_not_its_words(nlp):
    r = analyse(nlp, "Maria Olsen, a columnist for the Daily Ledger who covers farming, wrote the report.")
    assert "a columnist for the Daily Ledger" in _mentioned(r, "Maria Olsen")


def test_a_statement_using_the_description_mentions_the_person(nlp):
    r = analyse(nlp, 'Tom Ashby said: "Maria Olsen is a seasoned budget analyst, and I trust her numbers."')
    said = [t for t in r.triples if t.relation == "SAID"]
    assert said
    mentioned = {ref.mention.text for t in said for ref in (t.qualifier("mentions") or ())}
    assert "a seasoned budget analyst" in mentioned


def test_an_appositive_after_another_phrase_is_not_the_persons(nlp):
    r = analyse(nlp, "“We will fight,” said Tom Ashby, director of the Lakeside Institute, a nonprofit research group.")
    assert not any("research group" in m.text for m in _entity(r, "Tom Ashby").mentions)


def test_a_phrase_that_goes_on_as_a_subject_is_no_appositive(nlp):
    r = analyse(nlp, "Though Ann Lee leads Tom Ashby, a narrower win in the county she ran for years would hurt her.")
    assert not any("win" in m.text for m in _entity(r, "Tom Ashby").mentions)


def test_a_name_after_a_noun_of_its_own_article_is_not_the_first_nouns(nlp):
    r = analyse(nlp, "A report by a Danish economist, Maria Olsen, found the tax fell short.")
    assert not any("report" in m.text for m in _entity(r, "Maria Olsen").mentions)


def test_quoted_words_and_part_of_a_hyphenated_word_are_no_description(nlp):
    r = analyse(nlp, 'Tom Ashby, a co-founder of the firm, called Maria Olsen a "fraud" and said Olsen is a “loser.”')
    mentions = {m.text for e in r.entities for m in e.mentions}
    assert "a co" not in mentions
    assert not any("loser" in m or "fraud" in m for m in mentions)


def test_a_possessive_description_beside_a_name_is_that_person_but_no_alias(nlp):
    r = analyse(nlp, "Maria Olsen spent the day answering her chief rival, Tom Ashby, on taxes.")
    assert "her chief rival" in _mentioned(r, "Tom Ashby")
    assert "chief rival" not in _entity(r, "Tom Ashby").aliases
    assert not any("rival" in m.text for m in _entity(r, "Maria Olsen").mentions)


def test_a_possessive_phrase_beside_the_subject_is_not_the_subject(nlp):
    r = analyse(nlp, "Maria Olsen, her seat on the line, won the county by nine points.")
    assert not any("seat" in m.text for m in _entity(r, "Maria Olsen").mentions)


def test_a_possessive_description_right_before_a_name_is_that_person(nlp):
    text = ("Maria Olsen leads the race in Ohio, a state in which her chief rival Tom Ashby grew up. "
            "Voters who backed her rival, Sen. Tom Ashby of Ohio, stayed home, and her opponent, Tom Ashby, "
            "said he would win.")
    r = analyse(nlp, text)
    assert {"her chief rival", "her rival", "her opponent"} <= _mentioned(r, "Tom Ashby")


def test_a_possessive_description_before_a_list_of_names_is_no_one(nlp):
    r = analyse(nlp, "Maria Olsen thanked her rival, Tom Ashby and Ann Lee for the debate.")
    assert "her rival" not in _mentioned(r, "Tom Ashby")


def test_a_place_with_its_state_and_a_second_noun_after_and_keep_the_description(nlp):
    text = ("Tom Ashby, a retired teacher from Dayton, Ohio, spoke first. Maria Olsen, a former aide to "
            "Mr. Ashby and now the chair of the county board, spoke next.")
    r = analyse(nlp, text)
    assert "a retired teacher from Dayton, Ohio" in _mentioned(r, "Tom Ashby")
    assert "a former aide to Mr. Ashby" in _mentioned(r, "Maria Olsen")
