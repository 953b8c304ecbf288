"""report → found, one test per rule of kg/extractors/findings.py, on sentences of their own.

Each runs the real model (tests/conftest.py ``analyse``), so a rule is checked on the parse it
will meet, not on a hand-built tree.
"""

from __future__ import annotations

import pytest
from conftest import analyse

pytestmark = pytest.mark.model


def found(result) -> list:
    return [t for t in result.triples if t.relation == "FOUND"]


def only_finding(result):
    rows = found(result)
    assert len(rows) == 1, [(t.subject.name, t.object.span.text) for t in rows]
    return rows[0]


def test_subject_of_a_finding_verb(nlp):
    t = only_finding(analyse(nlp, "The study found that teenagers sleep two hours less than they did in 1990."))
    assert t.subject.type == "Report"
    assert t.object.span.text == "teenagers sleep two hours less than they did in 1990"
    assert t.cue.text == "found"


def test_headline_form_with_author(nlp):
    text = "Most rural hospitals ignored the federal guidance, new Health Department audit finds"
    t = only_finding(analyse(nlp, text))
    assert t.object.span.text == "Most rural hospitals ignored the federal guidance"
    assert t.qualifier("author").name == "Health Department"


def test_predicate_verb_keeps_the_verb(nlp):
    text = "A new Pentagon report sharply criticized the Army for its handling of the contracts."
    t = only_finding(analyse(nlp, text))
    assert t.object.span.text.startswith("sharply criticized the Army")
    assert t.qualifier("author").name == "Pentagon"


def test_nominal_findings_of_a_report(nlp):
    t = only_finding(analyse(nlp, "The survey's findings show that rents rose faster than wages in every city."))
    assert t.object.span.text == "rents rose faster than wages in every city"
    assert "survey" in t.subject.name.lower()


def test_according_to_after_the_finding(nlp):
    text = "Unemployment fell to 4 percent in March, according to a new Labor Department report."
    t = only_finding(analyse(nlp, text))
    assert t.object.span.text == "Unemployment fell to 4 percent in March"
    assert t.cue.text == "according to"
    assert t.qualifier("author").name == "Labor Department"


def test_according_to_before_the_finding(nlp):
    t = only_finding(analyse(nlp, "According to the poll, most voters in the county oppose the stadium plan."))
    assert t.object.span.text == "most voters in the county oppose the stadium plan"
    assert t.subject.mention.text == "the poll"


def test_clause_placed_in_a_poll(nlp):
    text = "In a Gallup poll released Tuesday, 60 percent of respondents backed the new tax measure."
    t = only_finding(analyse(nlp, text))
    assert t.object.span.text == "60 percent of respondents backed the new tax measure"
    assert t.qualifier("author").name == "Gallup"
    assert t.qualifier("date") == "Tuesday"


def test_participle_showing(nlp):
    text = "Officials pointed to a new survey showing that most teachers plan to leave the profession."
    t = only_finding(analyse(nlp, text))
    assert t.object.span.text == "most teachers plan to leave the profession"
    assert t.cue.text == "showing"


def test_postposed_records_show(nlp):
    text = "The company paid no state taxes in 2015, county records show."
    t = only_finding(analyse(nlp, text))
    assert t.object.span.text == "The company paid no state taxes in 2015"


def test_label_before_a_colon(nlp):
    result = analyse(nlp, "Poll: Voters sour on the stadium plan\n\nThe city council meets on Monday.")
    t = only_finding(result)
    assert t.object.span.text == "Voters sour on the stadium plan"


def test_author_named_through_the_article(nlp):
    text = ("The Energy Department released its budget on Monday. A draft report from the department's "
            "inspector general found that the contracts were never audited.")
    t = only_finding(analyse(nlp, text))
    assert t.qualifier("author").name == "Energy Department Inspector General"


def test_coreference_and_date(nlp):
    text = ("In March 2019, a draft report found that the pumps had failed twice. "
            "That draft report also said that nobody was told about the failures.")
    first, second = found(analyse(nlp, text))
    assert first.subject.id == second.subject.id
    assert first.qualifier("date") == "March 2019"
    assert second.subject.mention.text == "That draft report"


def test_two_reports_stay_apart(nlp):
    text = ("A Senate report found that the agency lost track of its laptops. "
            "A separate Treasury audit found that the agency overpaid its vendors.")
    first, second = found(analyse(nlp, text))
    assert first.subject.id != second.subject.id


def test_plain_report_names_do_not_merge_across_documents(nlp):
    a = only_finding(analyse(nlp, "The report found that the bridge was unsafe.", doc_id="a"))
    b = only_finding(analyse(nlp, "The report found that the bridge was unsafe.", doc_id="b"))
    assert a.subject.id != b.subject.id


def test_negated_finding_is_not_a_finding(nlp):
    assert found(analyse(nlp, "The report did not find that the mayor broke any law.")) == []


def test_quote_given_in_a_report_links_to_it(nlp):
    text = ("A state audit report found that the program lacked oversight. "
            "\"We could not find the records at all,\" Jane Smith said in the report.")
    result = analyse(nlp, text)
    report = only_finding(result).subject
    said = [t for t in result.triples if t.relation == "SAID"]
    assert said and all(t.subject.type != "Report" for t in said)
    assert said[0].qualifier("in_report").id == report.id


def test_seed_reports(seed_result):
    """The seed article: both reports, their authors, their mentions, the date, and Hamilton's
    statements made in the report (issue 5)."""
    rows = found(seed_result)
    assert len(rows) == 4, [(t.subject.name, t.object.span.text[:40]) for t in rows]
    headline, lede, draft, draft_said = rows
    assert headline.object.span.text.startswith("Trump and top White House aides")
    assert lede.object.span.text.startswith("directly implicated President Donald Trump in the zero-tolerance")
    assert headline.subject.id == lede.subject.id
    assert headline.qualifier("author").name == "Justice Department Inspector General"
    assert lede.qualifier("author").name == "Justice Department"
    assert draft.subject.id == draft_said.subject.id != lede.subject.id
    assert draft.qualifier("author").name == "Justice Department Inspector General"
    assert draft.qualifier("date") == "October 2020"
    entity = next(e for e in seed_result.entities if e.id == draft.subject.id)
    assert {"That draft report", "the October draft report"} <= {m.text for m in entity.mentions}
    hamilton = [t for t in seed_result.triples if t.relation == "SAID" and t.subject.name == "Gene Hamilton"
                and "in the report" in t.evidence.sentence.text]
    assert {t.cue.text for t in hamilton} == {"wrote", "said"}
    assert all(t.qualifier("in_report").id == lede.subject.id for t in hamilton)


@pytest.mark.parametrize(("text", "finding"), [
    ("It was found in the audit that the agency had lost 40 laptops.", "the agency had lost 40 laptops"),
    ("The failures were documented in a 2019 inspector general report.", "The failures"),
    ("Crime fell by 12 percent last year, as shown by the FBI data.", "Crime fell by 12 percent last year"),
])
def test_passive_forms(nlp, text, finding):
    t = only_finding(analyse(nlp, text))
    assert t.object.span.text == finding
    assert t.subject.type == "Report"


def test_clause_only_verbs(nlp):
    t = only_finding(analyse(nlp, "The Marist poll has the governor leading her challenger by nine points."))
    assert t.object.span.text == "the governor leading her challenger by nine points"
    assert found(analyse(nlp, "The Marist poll has a margin of error of four points.")) == []


def test_records_show_read_off_the_surface(nlp):
    text = ("But the senator hasn't given to any other campaign, Federal Election Commission records "
            "compiled by the Center for Responsive Politics show.")
    t = only_finding(analyse(nlp, text))
    assert t.object.span.text.endswith("the senator hasn't given to any other campaign")
    assert "records" in t.subject.mention.text


def test_a_report_by_a_common_noun_and_a_name_is_by_the_name(nlp):
    text = ("Half of the clinics have no clean water, according to a report published today by the "
            "humanitarian organisation Clearwater International.")
    found = [t for t in analyse(nlp, text).triples if t.relation == "FOUND"]
    authors = [dict(t.qualifiers).get("author") for t in found]
    assert found and all(a is not None and a.name == "Clearwater International" for a in authors), authors
