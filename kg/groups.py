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

A group or organisation of a person (:func:`mention_owned`) is minted wherever the text names
it, not only when it speaks: a noun of ``owned_groups.txt`` ("campaign", "administration",
"supporters", "camp", "backers") whose one owner is a person of the article, as a possessor
("Trump's campaign", "Sanders' insurgent campaign"), a name before it ("the Obama
administration", "die-hard Sanders supporters") or an of-complement ("the campaign of Donald
Trump", "supporters of Sanders"); never two owners ("the Clinton and Sanders campaigns",
"supporters of Sanders and Clinton"), a noun inside a name ("the Obama Foundation") or words
another entity holds. A group read back without a name (:func:`mint_by_reference`) is that
person's group too, with no alias and a MEMBER_OF at :data:`~kg.extractors.roles.PRONOUN_CONFIDENCE`:
"his campaign" where gender makes the owner plain (as a role's "his" is read), outside
quotations; "the campaign" as an agent (subject, object, possessor, "by"/"for"/"from"/"with"
the campaign) where the article named one person's campaign before, and no one else's.

A party's candidates (:func:`mention_party_candidates`): a plural of a candidacy noun
(``role_classes.txt``: "candidates", "hopefuls", "contenders") with a party word before it and
"presidential" ("the Republican presidential hopefuls", "top GOP presidential candidates") are
one named group across articles, "Republican presidential candidates"; without "presidential"
("GOP hopefuls") only in an article that names that group so, else nothing (a Senate race has
hopefuls of its own); never words a speaker or another group holds.
"""

from __future__ import annotations

import re
from functools import cache
from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Token

from kg.descriptions import CANDIDACY, party_of
from kg.entities import Cluster, EntityIndex, in_quotation
from kg.extractors.roles import POSSESSIVE_GENDER, PRONOUN_CONFIDENCE, gendered_referent, role_classes
from kg.model import EntityRef, Evidence, Span, Triple, TripleObject
from kg.owned_groups import owned_noun, owned_nouns
from kg.token_table import token_table

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
        # "his campaign", "the campaign": the group is read back, not named
        by_reference = mention.text.split(maxsplit=1)[0].lower() in {*POSSESSIVE_GENDER, "the"}
        out.append(Triple(relation="MEMBER_OF", subject=index.ref_for(group, mention),
                          object=TripleObject(id=owner.id, name=owner.name, type=owner.type,
                                              span=_owner_words(owner, mention)),
                          evidence=Evidence(index.doc_id, where, EXTRACTOR,
                                            PRONOUN_CONFIDENCE if by_reference else CONFIDENCE)))
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


def mention_owned(doc: Doc, index: EntityIndex) -> None:
    """Mint every group or organisation of a person the text names ("Trump's campaign", "his
    campaign"), in order."""
    table = token_table(doc)  # plain strings: a Token is made only for a noun of owned_groups.txt
    nouns = owned_nouns()
    for token in (doc[i] for i, low in enumerate(table.lower) if low in nouns and table.pos[i] == "NOUN"):
        if index.cluster_at(token) is not None:
            continue  # "the Obama Foundation": the noun is in a name
        found = _owner(token, index)
        if found is not None:
            owner, first, last = found
            index.mint_owned(owner, token.text, index.span_of(first.idx, last.idx + len(last.text)))
        else:
            mint_by_reference(token, index)


def mint_by_reference(noun: Token, index: EntityIndex) -> EntityRef | None:
    """The group of a person a noun of ``owned_groups.txt`` refers back to without naming him:
    "his campaign", "her loyal supporters" (:func:`_by_pronoun`), or "the campaign" after the
    article named one person's campaign (:func:`_by_article`); minted as "Trump's campaign" is,
    with no alias (the words name another person's group elsewhere). None when unsure."""
    if noun.lower_ not in owned_nouns() or noun.pos_ != "NOUN":
        return None
    return _by_pronoun(noun, index) or _by_article(noun, index)


# what a definite "the campaign" may be to stand for the organisation, not the season of a race
# ("during the campaign", "on the campaign trail" are not its group)
AGENT_DEPS = {"nsubj", "nsubjpass", "poss", "dobj"}
AGENT_PREPOSITIONS = {"by", "for", "from", "with", "against", "within", "inside"}


def _by_article(noun: Token, index: EntityIndex) -> EntityRef | None:
    """"The Okafor campaign hired staff. … The campaign said": a definite noun with nothing but
    "the", as a subject, object, possessor or after "by"/"for"/"from"/"with", is the group of that
    noun of the one person whose group of it the article named by name before ("his campaign" is
    no name); never two persons'."""
    kids = [c for c in noun.children if c.dep_ not in ("punct", "relcl", "acl", "appos", "prep", "case")]
    if len(kids) != 1 or kids[0].lower_ != "the" or noun.tag_ != "NN" or in_quotation(noun, index.text):
        return None
    if noun.dep_ not in AGENT_DEPS and not (noun.dep_ == "pobj" and noun.head.lower_ in AGENT_PREPOSITIONS):
        return None
    folded = owned_noun(noun.lower_)
    owners = {owner.id: owner for i, noun_of, owner in _named_groups(noun.doc, index)
              if i < noun.i and noun_of == folded and owner.type == "Person"}
    if len(owners) != 1:
        return None
    owner = next(iter(owners.values()))
    return index.mint_owned(owner, noun.text, index.span_of(kids[0].idx, noun.idx + len(noun.text)), alias=False)


_NAMED_GROUPS: WeakKeyDictionary[EntityIndex, list[tuple[int, str, Cluster]]] = WeakKeyDictionary()


def _named_groups(doc: Doc, index: EntityIndex) -> list[tuple[int, str, Cluster]]:
    """(word, folded noun, owner) of every group of a person the text names by name ("Trump's
    campaign"), in order; found once per document (a long text's every "the campaign" asks)."""
    found = _NAMED_GROUPS.get(index)
    if found is None:
        table, nouns = token_table(doc), owned_nouns()
        found = _NAMED_GROUPS[index] = [
            (i, owned_noun(low), owner[0]) for i, low in enumerate(table.lower)
            if low in nouns and table.pos[i] == "NOUN" and (owner := _owner(doc[i], index)) is not None]
    return found


def _by_pronoun(noun: Token, index: EntityIndex) -> EntityRef | None:
    """The group of a person at "his campaign", "her loyal supporters" (a noun owned by
    "his"/"her" in the narration), when gender makes the owner plain
    (:func:`kg.extractors.roles.gendered_referent`, as a role "his"/"her" owns). None otherwise:
    in a quotation (the speaker's "his" is whom they talk about), another owner word before the
    noun, or no plain owner."""
    left = [c for c in noun.children if c.i < noun.i]
    pronoun = next((c for c in left if c.dep_ == "poss" and c.lower_ in POSSESSIVE_GENDER), None)
    if pronoun is None or any(c.dep_ in ("poss", "compound") and c is not pronoun for c in left) \
            or in_quotation(pronoun, index.text):
        return None
    words = [t for c in left if not c.is_punct for t in c.subtree]
    if any(t.is_punct and t.text != "-" or t.pos_ == "PROPN" for t in words):
        return None  # "his Senate campaign", "her Trump-style campaign": not plainly the pronoun's own
    owner = gendered_referent(index, pronoun)
    if owner is None or owner.type != "Person" or not _subject_agrees(noun, owner, index):
        return None
    first = min(words, key=lambda t: t.i)
    return index.mint_owned(owner, noun.text, index.span_of(first.idx, noun.idx + len(noun.text)), alias=False)


def _subject_agrees(noun: Token, owner: Cluster, index: EntityIndex) -> bool:
    """Is the subject of the clause "his"/"her" + ``noun`` stands in (when another phrase is its
    subject) the owner, a he/she, or a "who" hung on the owner's name? "Trump's words affected the
    former president, who spent his speech defending his administration": the "who" is the
    president's, so "his" is not plainly Trump's."""
    verb = noun.head
    subject = None
    while subject is None:
        if verb.pos_ in ("VERB", "AUX"):
            subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None or verb.head.i == verb.i:
            break
        verb = verb.head
    if subject is None or subject.i == noun.i or subject.lower_ in ("he", "she"):
        return True
    if subject.lower_ == "who" and subject.head.dep_ == "relcl":
        subject = subject.head.head
    found = index.cluster_at(subject)
    return found is owner or found is None and subject.text in {*owner.aliases, owner.name.split()[-1]}


def _owner(noun: Token, index: EntityIndex) -> tuple[Cluster, Token, Token] | None:
    """The one person who owns ``noun`` and the first and last words of the phrase, or None."""
    left = [c for c in noun.children if c.i < noun.i]
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in left):
        return None  # "his campaign": a pronoun's owner is read by _by_pronoun
    owners = [c for c in left if c.dep_ in ("poss", "compound") and c.pos_ == "PROPN"]
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == noun.i + 1), None)
    pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if pobj is not None and pobj.pos_ == "PROPN" and not any(c.dep_ in ("conj", "cc") for c in pobj.children):
        owners.append(pobj)
    if len(owners) != 1 or any(c.dep_ in ("conj", "cc") for c in owners[0].children):
        return None
    owner = index.cluster_at(owners[0])
    if owner is None or owner.type != "Person":
        return None
    words = sorted({t for c in left if c.dep_ != "det" and not c.is_punct for t in c.subtree}, key=lambda t: t.i)
    first = words[0] if words else noun
    last = next(t for t in reversed(list(pobj.subtree)) if not t.is_punct) if owners[0] is pobj else noun
    if any(t.is_punct and t.text not in ("'", "’", "-") for t in noun.doc[first.i:last.i + 1] if t.dep_ != "case"):
        return None
    return owner, first, last


def mention_party_candidates(doc: Doc, index: EntityIndex) -> None:
    """Mint every group of a party's candidates the text names ("GOP presidential hopefuls"), in order."""
    table = token_table(doc)  # plain strings: a Token is made only for a plural candidacy noun
    heads = _candidacy_heads()
    found: list[tuple[str, bool, Token, Token]] = []  # party, presidential, first word, noun
    for token in (doc[i] for i, tag in enumerate(table.tag) if tag == "NNS" and table.lemma[i] in heads):
        if index.cluster_at(token) is not None:
            continue
        left = [c for c in token.children if c.i < token.i and c.dep_ in ("amod", "compound", "nmod", "nummod")]
        parties = {p for c in left if (p := party_of(c.text)) is not None}
        if len(parties) != 1 or any(c.dep_ == "poss" for c in token.children):
            continue
        words = sorted({t for c in left for t in c.subtree}, key=lambda t: t.i)
        if any(t.is_punct and t.text != "-" or t.pos_ == "PRON" for t in words):
            continue
        found.append((parties.pop(), any(c.lower_ == "presidential" for c in left), words[0], token))
    named = {party for party, presidential, _first, _noun in found if presidential}
    for party, _presidential, first, noun in found:
        if party in named:
            canonical = f"{party.capitalize()} presidential candidates"
            index.mint_group(canonical, canonical, index.span_of(first.idx, noun.idx + len(noun.text)))


@cache
def _candidacy_heads() -> frozenset[str]:
    """The role heads of the candidacy class ("candidate", "hopeful", "contender")."""
    return frozenset(head for head, kind in role_classes().items() if kind == CANDIDACY)
