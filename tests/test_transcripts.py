"""Transcript turns (``kg/extractors/transcripts.py``): one test per rule, on texts made up for it."""

from __future__ import annotations

import pytest
from conftest import analyse, said

pytestmark = pytest.mark.model

CALL = """Harbourline Shipping Q2 Results Call

Company Participants

Petra Lindqvist - Chief Executive Officer
Omar Haddad - Chief Financial Officer

Operator

Welcome to the Harbourline Shipping second-quarter call. I will now hand over to Petra Lindqvist.

Petra Lindqvist

Thank you. Container volumes grew 4% in the quarter.

We opened two new routes to West Africa, and both are already full.

Omar Haddad

Thanks, Petra. Fuel costs fell, so our margin rose to 18%.

Operator

Our next question comes from Grace Mbeki with Barclays.

Grace Mbeki

Omar, how long can the lower fuel costs last?
"""

HANSARD = """Coastal Flooding

2.15 pm

Mr Daniel Frost (Saltmarsh) (Lab)

What assessment has the Department made of the sea walls in Saltmarsh?

The Secretary of State for the Environment (Ruth Allardyce)

We have inspected every wall in the county this year, and the repairs begin in March.

Mr Frost

The repairs were promised last year too. Will she publish the inspection reports?

Ruth Allardyce

I will place them in the Library of the House this week.
"""


def by_speaker(result) -> list[tuple[str, str]]:
    return [(t.subject.name, t.object.words) for t in said(result)]


def test_a_name_on_its_own_line_opens_a_turn(nlp):
    rows = by_speaker(analyse(nlp, CALL))
    speakers = [name for name, _ in rows]
    assert speakers.count("Petra Lindqvist") == 1 and speakers.count("Omar Haddad") == 1, rows
    petra = next(t for t in said(analyse(nlp, CALL)) if t.subject.name == "Petra Lindqvist")
    assert [p.text for p in petra.object.parts] == [
        "Thank you. Container volumes grew 4% in the quarter",
        "We opened two new routes to West Africa, and both are already full"]
    assert ("Grace Mbeki", "Omar, how long can the lower fuel costs last?") in rows


def test_a_list_of_participants_is_no_turn(nlp):
    rows = said(analyse(nlp, CALL))
    assert not any("Chief Executive Officer" in t.object.span.text for t in rows)


def test_a_role_label_speaks_for_this_transcript_only(nlp):
    rows = said(analyse(nlp, CALL, doc_id="call-a"))
    operator = [t for t in rows if t.subject.name == "Operator"]
    assert len(operator) == 2 and len({t.subject.id for t in operator}) == 1
    other = [t for t in said(analyse(nlp, CALL, doc_id="call-b")) if t.subject.name == "Operator"]
    assert other[0].subject.id != operator[0].subject.id


def test_parliamentary_labels_seat_party_and_office(nlp):
    rows = by_speaker(analyse(nlp, HANSARD))
    names = [name for name, _ in rows]
    assert names.count("Daniel Frost") == 2, rows  # "Mrs Frost" is the member named in full before
    assert names.count("Ruth Allardyce") == 2, rows  # the office, then her name in brackets
    assert ("Ruth Allardyce", "We have inspected every wall in the county this year, and the repairs begin "
            "in March") in rows


def test_a_lone_name_line_in_a_story_is_no_transcript(nlp):
    text = ("Storm closes harbour\n\nJane Okafor\n\nThe harbour at Port Ellis was closed on Monday after the "
            "storm damaged the pier. Boats were moved to the marina.\n\nPhoto: Mark Dunne\n\n"
            "Repairs are expected to take three weeks.")
    assert said(analyse(nlp, text)) == []


def test_a_first_name_in_capitals_is_the_speaker_named_before(nlp):
    text = ("LENA MORAES: Welcome back to the show. Our guest today is Tomas Reyes.\n\n"
            "TOMAS REYES: Thanks for having me.\n\n"
            "LENA: Why did the bakery close?\n\n"
            "TOMAS: The rent went up three times in one year, and the bank would not wait.")
    rows = by_speaker(analyse(nlp, text))
    assert ("Lena Moraes", "Why did the bakery close?") in rows, rows
    assert ("Tomas Reyes", "The rent went up three times in one year, and the bank would not wait") in rows


def test_a_first_name_two_people_share_names_nobody(nlp):
    text = ("LENA MORAES: Welcome back. With me are Lena Park and Tomas Reyes.\n\n"
            "LENA PARK: Hello.\n\n"
            "LENA: Let us begin with the rent freeze that the council passed last week.")
    rows = by_speaker(analyse(nlp, text))
    assert not any(words.startswith("Let us begin") for _, words in rows), rows


def test_a_first_person_inside_a_turn_is_the_turn_speaker(nlp):
    text = ("NINA SOTO: Good evening. I am joined by Karl Weiss.\n\n"
            "KARL WEISS: I think the new tunnel will open late, and I hope the city learns from it.")
    rows = said(analyse(nlp, text))
    assert [t.subject.name for t in rows] == ["Nina Soto", "Karl Weiss"], by_speaker(analyse(nlp, text))


HEARING = """The committee met at 9:30 a.m., Hon. Martha Greenlaw presiding.

Mrs. GREENLAW. The committee will come to order. We are here to talk about rural broadband.

STATEMENT OF OWEN BRACKETT, DIRECTOR, PRAIRIE NETWORK ALLIANCE

Mr. BRACKETT. Thank you, Madam Chair. Half of the farms in my state still have no fixed line.

Mr. HOLLIS. Mr. Brackett, what would it cost to connect them all?

Mr. BRACKETT. About four billion dollars over ten years.

The CHAIRMAN. Without objection, the letter is entered into the record.
"""

PHONE_IN = """NINA ROSS: Lines are open. Should the town close the old pier?

CALLER (DAVE, SEAFORD): Close it. My kids nearly fell through a gap last summer.

NINA ROSS: Thanks Dave. Priya is on the line from Newhaven.

CALLER (PRIYA, NEWHAVEN): Please keep it. My grandfather fished off that pier for fifty years.
"""


def test_a_hearing_record_names_each_speaker_by_honorific_and_surname(nlp):
    rows = [(name.title(), words) for name, words in by_speaker(analyse(nlp, HEARING))]
    assert ("Martha Greenlaw", "The committee will come to order. We are here to talk about rural broadband") in rows
    assert ("Brackett", "About four billion dollars over ten years") in rows, rows
    assert ("Hollis", "Mr. Brackett, what would it cost to connect them all?") in rows, rows
    assert any(name == "The Chairman" for name, _ in rows), rows


def test_a_caller_named_in_brackets_speaks_for_this_transcript_only(nlp):
    rows = said(analyse(nlp, PHONE_IN, doc_id="phone-a"))
    callers = {t.subject.name: t for t in rows if t.subject.name in ("Dave", "Priya")}
    assert set(callers) == {"Dave", "Priya"}, by_speaker(analyse(nlp, PHONE_IN))
    assert callers["Dave"].object.words == "Close it. My kids nearly fell through a gap last summer"
    other = [t for t in said(analyse(nlp, PHONE_IN, doc_id="phone-b")) if t.subject.name == "Dave"]
    assert other[0].subject.id != callers["Dave"].subject.id
