"""Two descriptions taken respectively (kg/respective.py), on sentences of our own."""

from __future__ import annotations

from kg.descriptions import resolve_descriptions
from kg.entities import EntityIndex
from kg.extractors import roles

LEVEL = "Ann Lee and Tom Ruiz are level in Ohio, well ahead of their rivals.\n\n"


def _resolved(nlp, text: str) -> set[tuple[str, str]]:
    doc = nlp(text)
    index = EntityIndex(doc, "test")
    names = {c.id: c.name for c in index.clusters_before(len(text) + 1)}
    return {(d.span.text, names[d.entity_id])
            for d in resolve_descriptions(doc, index, list(roles.extract(doc, index)))}


def test_two_descriptions_made_two_by_their_verb_name_the_pair_in_order(nlp):
    text = LEVEL + "According to a poll out Thursday, the Ohio senator and business owner each have 27 percent."
    assert {("the Ohio senator", "Ann Lee"), ("business owner", "Tom Ruiz")} <= _resolved(nlp, text)
    plural = LEVEL + "The veteran lawmaker and the young lawyer agree on little else."
    assert {("The veteran lawmaker", "Ann Lee"), ("the young lawyer", "Tom Ruiz")} <= _resolved(nlp, plural)


def test_one_person_with_two_heads_is_no_pair(nlp):
    """A singular verb says the two heads are one person's: nothing is taken respectively."""
    text = LEVEL + "The Ohio senator and business owner has 27 percent in the poll."
    assert not {d for d in _resolved(nlp, text) if d[0] == "business owner"}


def test_no_pair_just_before_or_another_name_between_leaves_them(nlp):
    three = ("Ann Lee, Tom Ruiz and Carl Moss are level in Ohio.\n\n"
             "The Ohio senator and business owner each have 27 percent.")
    assert not {d for d in _resolved(nlp, three) if d[0] == "business owner"}
    between = LEVEL + "Carl Moss trails them. The Ohio senator and business owner each have 27 percent."
    assert not {d for d in _resolved(nlp, between) if d[0] == "business owner"}


def test_a_head_the_article_gives_the_other_person_is_no_respective_reading(nlp):
    """The article calls Tom Ruiz a senator: "the Ohio senator" cannot be Ann Lee by order alone."""
    text = ("Sen. Tom Ruiz spoke in Akron on Monday.\n\n" + LEVEL
            + "The Ohio senator and business owner each have 27 percent.")
    assert ("business owner", "Tom Ruiz") not in _resolved(nlp, text)
    assert ("The Ohio senator", "Ann Lee") not in _resolved(nlp, text)
