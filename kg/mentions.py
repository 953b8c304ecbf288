"""Who was talked about: the entities each statement (quote or finding) names.

A SAID or FOUND triple gets a ``mentions`` qualifier: the entities of its document whose
mentions lie inside the statement's span, one :class:`~kg.model.EntityRef` per mention, with
the mention's character offsets into the ORIGINAL text (so ``text[start:end]`` is the words
that name the entity, inside the statement). Rules, in order:
- a mention counts when it lies wholly inside the statement span ("Sessions" in "Sessions
  asked me to ..."), names, resolved role nouns and groups alike (they are entity mentions);
- a definite role noun that one person of the document holds ("The attorney general was aware
  ..." after "Attorney General Jeff Sessions") is that person (:func:`role_noun_refs`): that
  role or a longer form of it ("city treasurer"), never a lesser office ("the mayor" is not the
  "deputy mayor", "the president" not the "vice president", "the candidate" not the
  "vice-presidential candidate");
- a known person's name or surname the model did not tag ("interviews with Sessions and
  Rosenstein") counts when the words match, whole and capitalised, an alias of exactly one
  person of the document;
- pronouns never count here: a pronoun inside a statement was not resolved with the care a
  speaker's pronoun gets, and a statement given the wrong referent is worse than none;
- the speaker's own mention is not a mention of the statement (it stands outside the quote);
- one EntityRef per (entity, mention span), in order of appearance.
The graph turns these into ``(Quote|Finding)-[:MENTIONS {starts, ends}]->(entity)`` edges.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from spacy.tokens import Doc

from kg.entities import ROLE_NOUNS, EntityIndex, lesser_office
from kg.model import Entity, EntityRef, Span, Triple, is_pronoun
from kg.token_table import token_table

STATEMENT_RELATIONS = ("SAID", "FOUND")
MENTIONABLE = ("Person", "Organization", "Group", "Place", "Report")


def mentions_in(start: int, end: int, entities: Iterable[Entity], *, skip: tuple[int, int] | None = None
                ) -> tuple[EntityRef, ...]:
    """Every non-pronoun entity mention inside ``[start, end)``, as refs in order of appearance."""
    return _Mentions(entities).inside(start, end, skip=skip)


class _Mentions:
    """The entities' non-pronoun mentions sorted by place, so the mentions inside a statement
    are found by bisection, not by reading every mention of the document per statement."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        found = {}
        for entity in entities:
            if entity.type not in MENTIONABLE:
                continue
            for m in entity.mentions:
                if m.end > m.start and not is_pronoun(m.text):
                    ref = EntityRef(id=entity.id, name=entity.name, type=entity.type, mention=m)
                    found[ref] = (m.start, m.end, ref.id)
        self.refs = sorted(found, key=found.__getitem__)
        self.starts = [r.mention.start for r in self.refs]

    def inside(self, start: int, end: int, *, skip: tuple[int, int] | None = None) -> tuple[EntityRef, ...]:
        """The refs whose mention lies inside ``[start, end)`` (but for ``skip``), in order."""
        refs = []
        for ref in self.refs[bisect_left(self.starts, start):bisect_left(self.starts, end)]:
            m = ref.mention
            if m.end <= end and (m.start, m.end) != skip:
                refs.append(ref)
        return tuple(refs)


def person_names(entities: Iterable[Entity]) -> dict[str, Entity]:
    """Each alias and surname of a person that names exactly one person of the document."""
    owners: dict[str, set[str]] = defaultdict(set)
    by_id: dict[str, Entity] = {}
    for entity in entities:
        if entity.type != "Person":
            continue
        by_id[entity.id] = entity
        for alias in {*entity.aliases, entity.name}:
            words = alias.split()
            if words and all(w[:1].isupper() for w in words):
                owners[alias].add(entity.id)
                if len(words) >= 2 and len(words[-1]) > 2:
                    owners[words[-1]].add(entity.id)
    return {alias: by_id[next(iter(ids))] for alias, ids in owners.items() if len(ids) == 1}


@lru_cache(maxsize=4096)
def _alias_pattern(alias: str) -> re.Pattern[str]:
    """The alias as a whole word (not inside a longer word or hyphenated name), compiled once."""
    return re.compile(rf"(?<![\w-]){re.escape(alias)}(?![\w-])")


def untagged_names(statement: Span, names: dict[str, Entity], taken: list[tuple[int, int]]) -> list[EntityRef]:
    """Known person names inside ``statement`` that no tagged mention covers, longest first."""
    refs: list[EntityRef] = []
    for alias in sorted(names, key=len, reverse=True):
        if alias not in statement.text:  # the pattern needs the alias itself: skip the regex
            continue
        for match in _alias_pattern(alias).finditer(statement.text):
            start, end = statement.start + match.start(), statement.start + match.end()
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            entity = names[alias]
            refs.append(EntityRef(id=entity.id, name=entity.name, type=entity.type,
                                  mention=Span(start, end, match.group(0))))
    return refs


def role_noun_refs(doc: Doc, index: EntityIndex) -> list[EntityRef]:
    """Definite singular role nouns ("the attorney general") whose exact role one person holds; never
    one that is a predicate ("X will become the nominee" says what X is, not who holds it now)."""
    refs = []
    table = token_table(doc)
    for token in (doc[i] for i, lemma in enumerate(table.lemma) if lemma in ROLE_NOUNS and table.tag[i] == "NN"):
        if token.pos_ != "NOUN" or token.tag_ != "NN" or token.lemma_.lower() not in ROLE_NOUNS:
            continue
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            continue
        if token.dep_ in ("attr", "oprd"):
            continue  # "that Ruiz will become the nominee": the role said of someone, no mention of its holder
        words = [t for t in token.subtree if t.i <= token.i and (t.dep_ in ("compound", "amod") or t.i == token.i)]
        role = " ".join(t.lower_ for t in words)
        holder = index.holder_of(role)
        if holder is None or not any(r == role or r.endswith(" " + role) and not lesser_office(r, role)
                                     for r in holder.roles):
            continue
        start = min(t.idx for t in token.subtree if t.i <= token.i)
        refs.append(index.ref_for(holder, index.span_of(start, token.idx + len(token.text))))
    return refs


def attach_mentions(triples: Iterable[Triple], entities: list[Entity], *, extra: Iterable[EntityRef] = ()
                    ) -> list[Triple]:
    """The triples with a ``mentions`` qualifier on each statement that names an entity;
    ``extra``: mentions resolved outside the entities (role nouns, :func:`role_noun_refs`)."""
    out = []
    extra = list(extra)
    names = person_names(entities)
    mentions = _Mentions(entities)
    for triple in triples:
        span = triple.object.span
        if triple.relation not in STATEMENT_RELATIONS or span is None or triple.qualifier("mentions"):
            out.append(triple)
            continue
        subject = triple.subject.mention
        refs = mentions.inside(span.start, span.end, skip=(subject.start, subject.end))
        taken = [(r.mention.start, r.mention.end) for r in refs] + [(subject.start, subject.end)]
        more = [r for r in extra if span.start <= r.mention.start and r.mention.end <= span.end
                and not any(s < r.mention.end and r.mention.start < e for s, e in taken)]
        taken += [(r.mention.start, r.mention.end) for r in more]
        more += untagged_names(span, names, taken)
        if more:
            refs = tuple(sorted({*refs, *more}, key=lambda r: (r.mention.start, r.mention.end, r.id)))
        pieces = [(p.start, p.end) for p in triple.object.parts]
        if len(pieces) > 1:  # a statement in pieces: names in the words said, not in the attribution between
            refs = tuple(r for r in refs if any(a <= r.mention.start and r.mention.end <= b for a, b in pieces))
        if refs:
            triple = Triple(relation=triple.relation, subject=triple.subject, object=triple.object,
                            evidence=triple.evidence, cue=triple.cue,
                            qualifiers=(*triple.qualifiers, ("mentions", refs)))
        out.append(triple)
    return out
