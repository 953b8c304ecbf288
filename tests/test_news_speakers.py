"""Statements given to the wrong speaker in news of many styles (session 9, news-styles 5 and 6).

Each test pins one kind of error on sentences written for it: a wrong speaker is worse than none.
"""

from __future__ import annotations

import pytest
from conftest import analyse, said, shown, speaker_of


@pytest.mark.parametrize("text", [
    # the model cuts the name in two at "and" and types both pieces ORG
    "Boats stayed in port on Monday. The Tanzania Coastal and Marine Science Institute (TCMSI) has in the past "
    "warned that warm water drives the fish away.",
    # the model types nothing and makes the first words the subject, the rest a conjunct
    "Fishermen on the lake are worried. The Uganda Lakes and Wetlands Research Centre has warned that fertiliser "
    "runoff is choking the bays.",
])
def test_a_body_named_with_and_speaks_under_its_whole_name(nlp, text):
    rows = said(analyse(nlp, text))
    assert speaker_of(rows, "drives the fish" if "TCMSI" in text else "choking the bays") in (
        "Tanzania Coastal and Marine Science Institute", "Uganda Lakes and Wetlands Research Centre"), shown(rows)


def test_two_bodies_joined_by_and_stay_two(nlp):
    rows = said(analyse(nlp, "The Harbour Institute and Volta Council said the pier would close."))
    assert all("Institute and" not in name for name, _ in shown(rows)), shown(rows)


WIRE_LEDE = ("Gold output falls as floods cut road\n\n"
             "QUITO, March 3 (Reuters) - Ecuadorean gold miner Minera Oro Verde has suspended work at its Nambija pit "
             "after floods cut the access road, the company said on Monday.")


def test_a_wire_dateline_is_no_part_of_the_statement(nlp):
    rows = said(analyse(nlp, WIRE_LEDE))
    (row,) = [t for t in rows if "suspended work" in t.object.span.text]
    assert row.object.span.text.startswith("Ecuadorean gold miner"), shown(rows)


def test_the_company_that_says_what_it_did_in_the_lede_is_the_one_named_there(nlp):
    rows = said(analyse(nlp, WIRE_LEDE))
    assert speaker_of(rows, "suspended work") == "Minera Oro Verde", shown(rows)


def test_the_parish_council_is_the_one_named_with_both_words(nlp):
    text = ("Angus Council's finance committee will vote on the plan next month. Kirkton Parish Council chairman "
            "Ewan Bell said villagers were angry. Mr Bell said the parish council plans to write to every councillor "
            "before the vote.")
    rows = said(analyse(nlp, text))
    assert [name for name, words in shown(rows) if words.startswith("to write")] == ["Kirkton Parish Council"], \
        shown(rows)


COUNCILLOR = ("Shopkeeper Malcolm Kerr, whose shop faces the pier, said trade was down by a third. Mr Kerr said "
              "the village needed the toilets.\n\nLocal councillor Hamish Grant said he understood the anger. The "
              "Glen Kerr councillor wants the council to work with the pier trust, which he said had offered to pay "
              "for cleaning.")


def test_the_place_councillor_is_the_councillor_named_before_not_a_group_of_a_namesake(nlp):
    rows = said(analyse(nlp, COUNCILLOR))
    assert speaker_of(rows, "the council to work with the pier trust") == "Hamish Grant", shown(rows)


def test_a_he_in_a_which_clause_is_the_councillor_who_speaks(nlp):
    rows = said(analyse(nlp, COUNCILLOR))
    assert [name for name, words in shown(rows) if words.startswith("which he said")] in ([], ["Hamish Grant"]), \
        shown(rows)
    assert all("Kerr" not in name for name, words in shown(rows) if "offered to pay" in words), shown(rows)


@pytest.mark.parametrize("farmer", [
    "Farmer Sigrid Aalund, whose 200 sheep near Esbjerg grazed on the plots,",  # the model types the job into the name
    "Farmer Ingrid Dahl, whose 90 goats near Odense took part in the trial,",  # the model types nothing
])
def test_a_job_opening_a_sentence_is_no_given_name_so_her_she_is_hers(nlp, farmer):
    text = ('"The trial went better than we expected," said lead researcher Dr. Karin Holm.\n\n'
            f"{farmer} said her herd did well. She hopes the feed will be sold in shops next year.")
    rows = said(analyse(nlp, text))
    name = farmer.split(",")[0].removeprefix("Farmer ")
    assert speaker_of(rows, "sold in shops") == name, shown(rows)
    assert speaker_of(rows, "her herd did well") == name, shown(rows)


STUDY = ("Scientists at the University of Bergen's Institute of Marine Research today released the results of a "
         "three-year study of cod stocks.\n\nCod in the fjords grew 12 percent faster when kelp beds were restored, "
         "the scientists found.\n\n\"We did not expect the effect to be this strong,\" said lead author Dr. Ola "
         "Nygaard.\n\nThe team plans to extend the study to two more fjords next year.")


def test_the_team_is_the_researchers_the_release_introduced(nlp):
    rows = said(analyse(nlp, STUDY))
    assert speaker_of(rows, "to extend the study") == \
        "Scientists at the University of Bergen's Institute of Marine Research", shown(rows)


def test_the_team_after_two_groups_of_researchers_is_neither(nlp):
    text = STUDY.replace("\n\nCod in", "\n\nResearchers in Oslo had found the opposite.\n\nCod in")
    rows = said(analyse(nlp, text))
    assert "Scientists" not in (speaker_of(rows, "to extend the study") or ""), shown(rows)


def test_one_of_a_group_is_named_without_the_clause_set_off_after_it(nlp):
    text = ('Ministers remain split over the fishing quota. "Nobody will give way before the summer," said one of the '
            "negotiators, who was granted anonymity to discuss the closed talks.")
    rows = said(analyse(nlp, text))
    assert speaker_of(rows, "Nobody will give way") == "one of the negotiators", shown(rows)


def test_a_resident_who_gave_only_his_surname_is_that_name(nlp):
    text = ("Residents of the tower block say the lifts have been broken for a month. One resident, a 74-year-old "
            "former bus driver who gave only his surname, Okoro, said he had not left his flat in nine days. He hopes "
            "the council will act before winter.")
    rows = said(analyse(nlp, text))
    assert speaker_of(rows, "left his flat") == "Okoro", shown(rows)
    assert speaker_of(rows, "act before winter") == "Okoro", shown(rows)


def test_the_authors_are_the_researchers_a_study_was_led_by(nlp):
    text = ("Seals that hear ship noise dive for shorter spells, according to a new study led by researchers at "
            "the University of Tromsø.\n\nThe results suggest that shipping lanes could starve seal pups, the authors "
            "said.")
    rows = said(analyse(nlp, text))
    assert "Tromsø" in (speaker_of(rows, "shipping lanes could starve") or ""), shown(rows)


def test_the_operator_is_the_organisation_described_as_one_before(nlp):
    text = ("Stallholders at the Kranji night market say their rents are rising again. The market is run by Lumen "
            "Venue Services, a private operator appointed by the town council in 2022.\n\nIn a letter to "
            "stallholders on Monday, the operator said rents would rise by 12 per cent from March.")
    rows = said(analyse(nlp, text))
    assert speaker_of(rows, "rents would rise") == "Lumen Venue Services", shown(rows)


def test_a_school_the_model_cut_at_its_possessive_is_the_school(nlp):
    text = ("Parents at a Cork secondary school are split. St Aidan's Academy was one of nine schools picked for a "
            "Department of Health pilot. The school plans to ask every family for its views in May.")
    rows = said(analyse(nlp, text))
    assert speaker_of(rows, "to ask every family") == "St Aidan's Academy", shown(rows)


# -- session 10: news-styles-7 --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Leila Haddad-Cross", "Amara Okafor-Lyle"])
def test_a_double_barrelled_name_beside_a_role_is_a_person(nlp, name):
    # the model types these names ORG or GPE; the hyphen of the surname hid the person cue
    text = (f"Then came the shadow housing secretary, {name}, who thinks the scheme is a gimmick. "
            "\"The minister is hiding,\" she said.")
    rows = said(analyse(nlp, text))
    for words in ("scheme is a gimmick", "minister is hiding"):
        assert [(t.subject.name, t.subject.type) for t in rows if words in t.object.span.text] == [(name, "Person")], \
            shown(rows)


@pytest.mark.parametrize("name", ["Gethin ap Llyr", "Elin ap Dafydd"])
def test_a_welsh_name_is_whole_across_its_particle(nlp, name):
    # the model cuts these at "ap" and types the pieces PERSON, so the surname alone spoke
    text = ("A community trust, Cwmni Bro Eifion, has raised £90,000 since May.\n\n"
            f"Its secretary, {name}, said: \"If the pub closes, the village dies.\"")
    rows = said(analyse(nlp, text))
    assert speaker_of(rows, "the village dies") == name, shown(rows)


@pytest.mark.parametrize(("text", "words", "speaker"), [
    ("Reporters met Mayor Jo Kent on Monday. She said the fees would stay.", "fees would stay", "Jo Kent"),
    ("Inspectors visited Dr Amir Haddad at the clinic. He said the wards were full.", "wards were full",
     "Amir Haddad"),
])
def test_a_he_or_she_is_never_a_plural_noun(nlp, text, words, speaker):
    rows = said(analyse(nlp, text))
    assert speaker_of(rows, words) in (speaker, None), shown(rows)


@pytest.mark.parametrize(("text", "words", "speaker"), [
    ("The Sentinel approached the Harlow Water Board for comment, but it said leaks were a matter for the county.",
     "leaks were a matter", "Harlow Water Board"),
    ("Reporters asked Mayor Jo Kent about the fees, and she said they would stay.", "they would stay", "Jo Kent"),
    ("Councillor Jo Kent asked Ana Ruiz about the delay, and she said the depot would open in May.",
     "depot would open", "Ana Ruiz"),
])
def test_a_pronoun_that_answers_is_the_one_asked(nlp, text, words, speaker):
    rows = said(analyse(nlp, text))
    assert speaker_of(rows, words) == speaker, shown(rows)


def test_a_nameless_person_a_he_was_given_to_is_no_she(nlp):
    text = ("The site manager blamed a power cut. He said the servers had been repaired.\n\n"
            "The exam board said a new date would be set within a week.\n\n"
            "\"My daughter cried all the way home,\" she said.")
    rows = said(analyse(nlp, text))
    assert speaker_of(rows, "servers had been repaired") == "The site manager", shown(rows)
    assert speaker_of(rows, "cried all the way home") != "The site manager", shown(rows)


TOLD_HIM = ("Councillor Tom Pell said the budget was tight. Mr Pell said the library would stay open.\n\n"
            "The last question went to Dr Ravi Shah. A bridge engineer had warned him, he said, that the old span "
            "would fail \"within a decade\".\n\n\"I will be 90 by then,\" he said.")


def test_a_he_who_reports_what_he_was_told_is_not_the_teller(nlp):
    rows = said(analyse(nlp, TOLD_HIM))
    assert ("Ravi Shah", 'that the old span would fail "within a decade"') in shown(rows), shown(rows)
    assert speaker_of(rows, "90 by then") == "Ravi Shah", shown(rows)


def test_a_he_is_the_one_person_the_sentence_before_names_when_its_subject_is_a_thing(nlp):
    text = ("Councillor Tom Pell said the budget was tight.\n\nThe final word went to Dr Ravi Shah. "
            "He said the clinic would need two more nurses.")
    rows = said(analyse(nlp, text))
    assert speaker_of(rows, "two more nurses") == "Ravi Shah", shown(rows)



def test_a_body_named_by_its_kind_is_the_one_the_text_goes_on_about(nlp):
    text = ("Kestrel Power Ltd said in a statement that outages would continue until March because the dams were "
            "low.\n\nThe state utility said it was importing more electricity and urged customers to save power.")
    rows = said(analyse(nlp, text))
    assert speaker_of(rows, "importing more electricity") == "Kestrel Power", shown(rows)


@pytest.mark.parametrize(("text", "agent"), [
    ("In a statement on Friday, the Exam Council said the affected pupils would be contacted by SMS with a new date "
     "and urged them not to worry.", "SMS"),
    ("The Lusaka Water Board said residents would be alerted by Radio Phoenix before the cuts and told them to "
     "store water.", "Radio Phoenix"),
])
def test_the_agent_of_the_clause_a_cue_is_joined_to_is_no_speaker(nlp, text, agent):
    rows = said(analyse(nlp, text))
    assert agent not in [name for name, _ in shown(rows)], shown(rows)


def test_it_inside_what_a_nameless_body_says_is_that_body(nlp):
    text = ("Thieves stole copper pipes from a school in Brockton overnight. The school board said it plans to "
            "install alarms, which it hopes will deter further thefts. The bill passed on Monday. It says landlords "
            "must fit alarms.")
    rows = said(analyse(nlp, text))
    assert speaker_of(rows, "to install alarms") == "school board", shown(rows)
    assert ("school board", "to install alarms, which it hopes will deter further thefts") in shown(rows), shown(rows)
    assert speaker_of(rows, "landlords must fit") is None, shown(rows)


def test_the_agency_in_a_transcript_answer_is_the_one_the_question_named(nlp):
    # the answer's label ("Dr. OSEI.") is a sentence of its own, which hid the question's subject
    text = ("Ms. LANE. Thank you. Dr. Osei, has NHTSA contacted your clinic about the airbag recall?\n\n"
            "Dr. OSEI. The agency told us in May that it would send guidance to every clinic. Nothing has arrived.")
    rows = said(analyse(nlp, text))
    assert speaker_of(rows, "send guidance") == "NHTSA", shown(rows)
