"""Groups that belong to an organisation or a person: "ACLU lawyers" are members of the ACLU.

A group named by an organisation or a person ("ACLU lawyers", "Lawyers from the American Civil
Liberties Union", "Sanders supporters", "supporters of Bernie Sanders") is one named group across
the corpus (:meth:`kg.entities.EntityIndex.group_identity`); this module states what it is a
group of, as a MEMBER_OF triple from the group to that organisation or person:

- one triple per mention of such a group, subject the group at its mention, object the
  organisation or person with the words that name it inside the mention ("ACLU" in "ACLU
  lawyers"; none when the mention names it only by a form the text never uses alone);
- confidence :data:`CONFIDENCE` (the words say it, but "Trump supporters" are members of no
  organisation, only of a camp);
- generic groups ("reporters") and party members ("Democrats") belong to no one here.
The graph turns these into ``(Group)-[:MEMBER_OF]->(Organization|Person)`` edges.
"""

from __future__ import annotations

import re

from kg.entities import Cluster, EntityIndex
from kg.model import Evidence, Span, Triple, TripleObject

EXTRACTOR = "groups.rules/1"
CONFIDENCE = 0.8


def memberships(index: EntityIndex) -> list[Triple]:
    """A MEMBER_OF triple for each mention of a group of an organisation or person, in text order."""
    out = []
    groups = {c.id: c for c in index.clusters_before(len(index.text) + 1)}
    for (group_id, _start), (owner, mention) in sorted(index.memberships.items(), key=lambda kv: kv[0][1]):
        group = groups.get(group_id)
        if group is None:
            continue
        sentence = next((s for s in index.sentences if s.start_char <= mention.start < s.end_char), None)
        where = index.span_of(sentence.start_char, sentence.end_char) if sentence is not None else mention
        out.append(Triple(relation="MEMBER_OF", subject=index.ref_for(group, mention),
                          object=TripleObject(id=owner.id, name=owner.name, type=owner.type,
                                              span=_owner_words(owner, mention)),
                          evidence=Evidence(index.doc_id, where, EXTRACTOR, CONFIDENCE)))
    return out


def _owner_words(owner: Cluster, mention: Span) -> Span | None:
    """The words inside the group's mention that name its owner ("ACLU" in "ACLU lawyers")."""
    initials = "".join(w[0] for w in owner.name.split() if w[:1].isupper())
    surname = owner.name.split()[-1] if owner.type == "Person" else ""
    for words in sorted({owner.name, *owner.aliases, initials, surname}, key=len, reverse=True):
        if len(words) < 2:
            continue
        found = re.search(rf"(?<!\w){re.escape(words)}(?!\w)", mention.text)
        if found:
            return Span(mention.start + found.start(), mention.start + found.end(), found.group(0))
    return None
