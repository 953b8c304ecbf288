"""Who a speech cue's subject stands for: names, pronouns, role nouns, groups, organisations.

Kept apart from ``kg/extractors/quotes.py`` because the same resolution serves the speaker and
the addressee of a statement (and may serve other extractors). The entity comes from the
document's :class:`~kg.entities.EntityIndex`; the mention always keeps the words of the
sentence, so an evaluation against annotated sources can check where the speaker is named.

Rules, in order:
- a proper name the index clustered ("Mr. Trump", "the ACLU") is that entity;
- a pronoun (he/she/they) is the nearest compatible earlier subject (``previous_subject``):
  he/she never a person of the other gender (an honorific, else the given name's usual
  gender, :mod:`kg.given_names`), and past one such person only a person known to agree;
  an object pronoun is never its own clause's subject ("Lee spoke with her"); a he or she is
  never a plural noun ("Reporters met the mayor. She said"); a pronoun that answers is the one
  asked (:func:`_asked_party`): a they after a clause of I/we/you is that clause's object
  organisation ("We asked the ministry, and they said"), and a pronoun whose verb is joined to a
  verb of asking is that verb's object when it agrees ("The Post approached the board for
  comment, but it said", "asked Ana Ruiz, and she said"); the subject of a parenthetical cue is
  its sentence's first subject ("The plan, he said, is dead"), and never the subject of the clause
  it interrupts when that clause has its pronoun for object ("An engineer had told him, he said,
  …": he is the one told); when no subject of the sentence right before fits a he or she, the one
  person that sentence names in any part, of that gender ("The last word went to Dr Shah. He
  said", :func:`_only_person_named`); at most
  :data:`SUBJECTS_PER_SENTENCE` subjects are weighed in each of :data:`PRONOUN_WINDOW`
  sentences back; a they right after a person (nothing plural near) that resolves elsewhere
  gets no speaker (it may be that person's own pronoun); a one-word "person" only named after
  "from"/"in" is a place;
- an *it* that speaks (:func:`resolve_it`) is an organisation: inside what an organisation is
  reported to say, that organisation ("The Jazz Society said it plans …"); else the nearest
  earlier subject, within :data:`IT_WINDOW` sentences, that could be an *it* (persons and
  plurals passed over) when it is an organisation ("Acme cut its forecast. It said …"), or a
  body the article never named ("The church council said it plans …", a singular organisation
  noun, :func:`_nameless_body`); a
  thing ("The bill passed. It says …") or a document names nobody;
- "those close to him", "those who know her" (a *those* with a modifier) is a group of those
  words;
- a relative pronoun ("Smith, who said …") is the noun the relative clause hangs on, named
  by the relative pronoun itself;
- a title the model typed as a name with a person in apposition, or conjoined right after a
  title word the parser split off, is that person;
- a name the model left untyped whose first word is a given name is a person of those words
  ("said Ana Duarte of the Riders' Union" is Ana Duarte; "Farmer Ingrid Dahl" opening a
  sentence is Ingrid Dahl, her job no given name);
- a noun with a person's name in apposition ("Her chief of staff, Kevin Park, said") is that
  person, and so is one whose "who gave only his surname, Okoro" clause gives the name (whatever
  the model typed it), before any role-noun guess; one with an organisation in apposition ("X's
  largest shareholder, the fund Keel Capital") is that organisation;
- a noun owned by "your" ("Your paper says", in a question) is nobody;
- a title the model cut into a name ("Gauteng MEC for Housing Ann Lee") is the name after the
  portfolio, from its first known given name on, else nobody;
- a subject inside a quotation is no antecedent for a pronoun of the narration ('"… where
  Welsh is spoken," Ms Hale said. She added' is Ms Hale);
- a role noun ("the president", "the attorney general") is the one person holding that
  role in the document and named before it, unless no one is; with a nationality ("the French
  president") only one holding it with that nationality, with a body, party or place ("the
  Senate Democratic leader") only one holding it so named (``holder_of``; never for an
  indefinite one: "a spokesperson", "another reporter"), else the one person named before
  with that title ("Mayor Ann Lee", "Ann Lee, the mayor"), never the holder of a lesser office of it
  ("Deputy Mayor Tom Pell", "vice-presidential candidate Ann Lee" for "the candidate"); if a
  titled name was seen but not resolved, nobody; if nobody bore the title, one nameless person of the article ("the
  Minister"), never a group;
- "the company", "the council" (``company_nouns.txt``, ``organisation_nouns.txt``) is the
  organisation named before whose name holds the noun ("the group" for "Riverside Tenants
  Group"), or the subject of the clause it reports when no other organisation was named before
  ("Acme has halted output at its mine, the company said", a dateline's agency and a byline
  aside), or the main subject of the sentence before ("Pecos Trail Midstream blamed … . The
  company said"; in a transcript the one before the speaker's label, "Dr. OSEI."), or for a
  business noun the article's main organisation (nearest earlier subject,
  else one named earlier in the same sentence: "Shares of Acme fell after the company said";
  named most often so far), else a nameless group; with words before the noun ("the parish
  council") only the one organisation named before whose name holds them all ("Kirkton
  Parish Council", not "Angus Council"); when no organisation named before holds the noun at all
  ("the state utility" after "Kestrel Power Ltd said …"), the organisation the text goes on about
  (the subject of the clause it reports, or the main subject of the sentence before), else as any
  other noun phrase;
- a definite noun no rule above resolves ("the operator") is the one organisation named before
  with that noun in apposition ("Lumen Venue Services, a private operator appointed by …");
- "the team" (and "the authors", "the researchers") is the one group of researchers the narration
  introduced ("Scientists at X found …", "a study led by researchers at X",
  :func:`_research_team`), else as any other noun phrase;
- a title noun for one holder ("councillor", :data:`HOLDER_TITLES`) is read as a role noun: "the
  Glen Kerr councillor" is the councillor named before, never a group of a person named Kerr;
- a share or count as subject ("47 percent of Democrats said", "one of the negotiators, who …")
  is a group of the article named by its words, a relative clause set off by a comma aside;
- any other noun phrase is a nameless group ("prosecutors", "ACLU lawyers") or, when the
  model tags it ORG, an organisation; document nouns (report, poll) are left to findings.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from itertools import islice

from spacy.tokens import Doc, Span, Token

from kg.entities import (
    GENDERED_HONORIFICS,
    HONORIFICS,
    LESSER,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    PRONOUN_GENDER,
    STILL_WORDS,
    Cluster,
    EntityIndex,
    in_quotation,
    is_party_member,
    is_title_word,
    lesser_office,
    org_basename,
    phrase_head,
)
from kg.given_names import gender_of as gender_of_name
from kg.groups import mint_by_reference
from kg.lexicons import load_pairs, load_words
from kg.model import Entity, EntityRef, normalise_key
from kg.model import Span as TextSpan

NATIONALITIES = frozenset(adj.strip().lower() for adj, _place in load_pairs("demonyms"))

DOCUMENT_NOUNS = load_words("document_nouns")
ROLE_NOUNS = load_words("role_nouns")
# a speaker noun that is a role: the role nouns, and offices one person holds at a time ("the pope said":
# the Pope Francis the article names, else one nameless person, never a group); only here, where who
# speaks is asked (as a role of its own, "a political pope" would be given to whoever it is said of)
# titles (``titles.txt``) that are nouns for one holder, as role nouns are: "the Glen Kerr councillor
# said" is the councillor the article named ("Local councillor Ann Lee"), never a group of a "Kerr"
HOLDER_TITLES = frozenset({"councillor", "prince", "princess"})
SPEAKER_ROLE_NOUNS = ROLE_NOUNS | {w for w in load_words("standing_offices") if " " not in w} | HOLDER_TITLES
# what a "who gave only his surname, Okoro" clause gives
NAME_NOUNS = {"name", "surname"}
# "the team", "the authors", "the researchers" said: the researchers the article introduced ("Scientists
# at …", "a study led by researchers at …"), when it introduced one group
TEAM_NOUNS = {"team", "author", "researcher", "scientist"}
RESEARCHER_NOUNS = {"researcher", "scientist", "investigator"}
# Nouns that stand for an organisation named before ("the company said")
COMPANY_NOUNS = load_words("company_nouns")
ORGANISATION_NOUNS = load_words("organisation_nouns") | COMPANY_NOUNS
# words of a business's name: it is a "company" too ("Acme Bank", "Volta Group", "Kestrel Holdings")
BUSINESS_WORDS = COMPANY_NOUNS | {"group", "holdings", "partners", "industries", "enterprises"}
# the words of a name that make it what such a noun says ("college" for "the school")
NAME_WORDS: dict[str, set[str]] = {}
for _noun, _word in load_pairs("organisation_name_words"):
    NAME_WORDS.setdefault(_noun, set()).add(_word)
# Entity types that never speak ("5:45 p.m. calling …" is a parse slip)
NOT_SPEAKERS = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"}
# Messages are said by their authors: a possessor speaks for them, nothing else does.
MESSAGE_NOUNS = load_words("message_nouns")
# Words that name a share of people polled ("nearly half said", "a majority say")
SHARE_WORDS = {"half", "third", "thirds", "quarter", "quarters", "majority", "minority", "plurality", "most",
               "many", "some", "few", "percent"}
OBJECT_FORMS = {"he": "him", "she": "her", "they": "them"}
# verbs of asking or contacting someone: a pronoun that answers is the one asked ("approached the board for
# comment, but it said")
ASKING_VERBS = {"ask", "approach", "contact", "email", "phone", "ring", "question", "press", "query", "reach"}
PRONOUN_WINDOW = 3  # sentences a pronoun looks back for its antecedent
IT_WINDOW = 3  # sentences an *it* looks back for its organisation (its own and two before)
SPEECH_VERBS = load_words("speech_verbs")
PERSON_NOUNS = load_words("person_nouns")
# "the Englishman said": one person of a nation, and the gender the noun says (None: either)
NATIONALITY_NOUNS: dict[str, str | None] = {noun: None if gender == "-" else gender
                                            for noun, gender in load_pairs("nationality_nouns")}
# nouns for a person of one sex: "a woman said he …" points past the woman
NOUN_GENDER = {**dict.fromkeys(("woman", "mother", "grandmother", "daughter", "wife", "girl", "sister", "widow"), "f"),
               **dict.fromkeys(("man", "father", "grandfather", "son", "husband", "boy", "brother", "widower"), "m")}
# subjects a pronoun weighs in one sentence: far more than prose has (a sentence of thousands of
# '"…," he said' clauses would otherwise cost a walk over all of them for every pronoun)
SUBJECTS_PER_SENTENCE = 40
RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
# determiners and ordinals that introduce someone not met before ("another reporter")
INDEFINITE_WORDS = {"a", "an", "another", "other", "one", "some", "second", "third", "fourth", "fifth"}
UNRESOLVABLE = {"i", "we", "you", "it", "this", "that", "which", "there", "me", "us", "one", "what",
                "everyone", "everybody", "someone", "somebody", "anyone", "nobody", "all", "both"}
# Dependants that still belong to a speaker's name ("Sen. Jeff Sessions of Alabama").
PHRASE_DEPS = {"prep", "pobj", "compound", "amod", "det", "nmod", "poss", "case", "nummod", "quantmod",
               "flat", "pcomp"}
# nouns of a when-phrase that the parser may hang on the speaker ("The president at one point claimed")
WHEN_NOUNS = {"point", "time", "times", "moment", "stage", "juncture", "once"}


def noun_phrase(token: Token) -> Span:
    """The speaker's words: the head with its modifiers, cut before a comma or a clause."""
    left = token.i
    for t in reversed(list(token.lefts)):
        if t.is_punct:
            break
        left = min(left, t.left_edge.i)
    right = token.i
    for t in token.rights:
        if t.is_punct or t.dep_ not in PHRASE_DEPS or _when_phrase(t):
            break
        # "a worker at a nearby bakery, who …": the phrase stops at a comma inside it too, and before a
        # bracket ("a spokesman for the Acme Oil Company Limited (AOC Ltd)": the acronym is no part of it)
        edge = next((w.i - 1 for w in t.subtree if w.i > t.i and w.text in (",", "(")), t.right_edge.i)
        right = max(right, edge)
        if edge < t.right_edge.i:
            break
    while left < token.i and token.doc[left].dep_ == "advmod" and token.doc[left].lower_ in STILL_WORDS \
            and token.doc[left + 1].lower_ in ("the", "a", "an"):
        left += 1  # "(Ann Lee,) now the majority leader, who said": the words that name her start at "the"
    while right > token.i and token.doc[right].dep_ == "cc":  # "the secretary of state and current nominee"
        right -= 1
    return token.doc[left:right + 1]


def _when_phrase(token: Token) -> bool:
    """Is ``token`` a preposition of time ("at one point", "on Tuesday", "in 2015")? It says when the
    speaker spoke, so it is no part of the words that name the speaker."""
    objects = [c for c in token.children if c.dep_ == "pobj"]
    return token.dep_ == "prep" and any(o.ent_type_ in ("DATE", "TIME") or o.lower_ in WHEN_NOUNS for o in objects)


def _without_relative_clause(words: Span) -> Span:
    """The words before a relative clause set off by a comma ("one of the negotiators, who was granted
    anonymity …": the clause says who they are, it is no part of their name)."""
    cuts = [t.left_edge.i for t in words if t.dep_ == "relcl" and t.left_edge.i > words.start
            and words.doc[t.left_edge.i - 1].text == ","]
    return words.doc[words.start:min(cuts) - 1] if cuts and min(cuts) - 1 > words.start else words


def _person_named(token: Token, index: EntityIndex) -> Entity | None:
    """A person the index knows whose name ends with this word ("Rosenstein" for "Rod
    Rosenstein"), for surnames the NER model missed; None unless exactly one matches."""
    word = normalise_key(token.text)
    if not word or not token.text[:1].isupper():
        return None
    found = [e for e in index.entities() if e.type == "Person" and normalise_key(e.name).split()[-1:] == [word]]
    return found[0] if len(found) == 1 else None


def _antecedent_ok(candidate: Token, index: EntityIndex, *, plural: bool) -> bool:
    """Could this earlier subject be what the pronoun points to? (No entity is minted here.)"""
    cluster = index.cluster_at(candidate)
    if plural:
        if cluster is not None:  # a singular noun minted as a group ("my landlord") is no they
            return cluster.type == "Organization" or cluster.type == "Group" and candidate.tag_ != "NN"
        return candidate.tag_ in ("NNS", "NNPS") and not is_document(candidate)
    if cluster is not None:
        return cluster.type == "Person" and not index.looks_like_place(cluster)
    if candidate.pos_ == "PROPN" and candidate.lower_ not in ROLE_NOUNS:
        return candidate.ent_type_ == "PERSON" or _person_named(candidate, index) is not None
    if candidate.tag_ in ("NNS", "NNPS"):
        return False  # "Reporters met the mayor. She said": a he or she is never a plural noun
    lemma = candidate.lemma_.lower()
    return candidate.pos_ in ("NOUN", "PROPN") and (lemma in ROLE_NOUNS or lemma in HOLDER_TITLES)  # "The Minister"


def resolve_pronoun(token: Token, index: EntityIndex, *, depth: int = 0,
                    noun_gender: str | None | bool = False) -> EntityRef | None:
    """he/she/they: the subject of the nearest clause before, as a reader resolves it.

    Walks back over subjects (this sentence's before the pronoun, then up to
    :data:`PRONOUN_WINDOW` sentences, main-clause subject first); an earlier pronoun of the
    same kind is resolved in turn. Falls back to the index's ``previous_subject``.
    ``noun_gender``: ``token`` is a noun read as a "he"/"she" ("the Englishman"), of that gender
    ('m', 'f', None for either).
    """
    low = token.lower_
    plural = low in PLURAL_PRONOUNS and noun_gender is False
    gender = PRONOUN_GENDER.get(low) if noun_gender is False else noun_gender
    mention = TextSpan(token.idx, token.idx + len(token.text), token.text)  # Doc.text costs O(doc) a call
    ref: EntityRef | None = None
    crossed = False  # passed a person of the other gender: an unknown one is then no safe guess
    clause_verb = _governing_verb(token)
    sent = _sentence_of(token.doc, token.i)
    sentences = [sent]
    while len(sentences) <= PRONOUN_WINDOW and sentences[-1].start > 0:
        sentences.append(_sentence_of(token.doc, sentences[-1].start - 1))
    near_persons = _singular_they(token, sentences[:2], index) if plural else set()
    narrated = not in_quotation(token, index.text)
    asked = _asked_party(token, sent, index) if noun_gender is False else None
    if asked is not None:
        ref = resolve_speaker(asked, index)
        sentences = [] if ref is not None else sentences
    nobody = False
    told = _clause_told_to(token)
    for s in sentences:
        for cand in islice(_subjects_before(s, token, nearest_first=s is sent), SUBJECTS_PER_SENTENCE):
            if clause_verb is not None and cand.head.i == clause_verb.i:
                continue  # "Lee spoke with her": an object pronoun is not its own clause's subject
            if told is not None and cand.head.i == told.i:
                continue  # "An engineer had told him, he said, …": he is the one told, not the engineer
            if narrated and in_quotation(cand, index.text):
                continue  # '"… where Welsh is spoken," Ms Hale said. She added': the speaker, not the quote's subject
            if cand.lower_ in PERSON_PRONOUNS or cand.lower_ in PLURAL_PRONOUNS:
                if (cand.lower_ in PLURAL_PRONOUNS) == plural and PRONOUN_GENDER.get(cand.lower_) == gender \
                        and depth < 3:
                    ref = resolve_pronoun(cand, index, depth=depth + 1)
            elif not plural and _nameless_person(cand, gender) and _person_in_phrase(cand, index) is None:
                ref = resolve_speaker(cand, index)
                if ref is None or ref.type == "Organization":
                    ref, nobody = None, True  # the nearest person has no entity: say nothing, never an earlier one
                    break
            elif _antecedent_ok(cand, index, plural=plural) or (
                    not plural and (cand := _person_in_phrase(cand, index)) is not None):
                ref = resolve_speaker(cand, index)
                if ref is not None and gender is not None and ref.type == "Person":
                    known = index.gender_of(ref.id)
                    if known is not None and known != gender:
                        crossed, ref = True, None
                    elif known is None and crossed:
                        ref = None
            if ref is not None:
                break
        if ref is None and not nobody and not plural and gender is not None and len(sentences) > 1 \
                and s is sentences[1]:
            ref = _only_person_named(s, index, gender, narrated=narrated, known_only=crossed)
        if ref is not None or nobody:
            break
    if nobody:
        return None
    if ref is None and not crossed:
        ref = index.previous_subject(token.idx, plural=plural, gender=gender)
        if ref is None and plural:
            ref = index.previous_subject(token.idx, plural=False)
    elif ref is None:
        ref = index.previous_subject(token.idx, plural=plural, gender=gender)
        if ref is not None and index.gender_of(ref.id) != gender:
            ref = None  # past a person of the other gender only a known match is taken
    if ref is None or near_persons and ref.id not in near_persons:
        return None  # a they right after one person, resolved elsewhere: unsure, say nothing
    resolved = EntityRef(ref.id, ref.name, ref.type, mention)
    if depth == 0:
        index.add_mention(resolved)
    return resolved


def _clause_told_to(token: Token) -> Token | None:
    """"A council engineer had told him, he said, that …": the clause a parenthetical cue interrupts,
    when it has the cue's pronoun for object ("him" for a he): its subject told the speaker, so the
    speaker is not its subject. None for any other pronoun."""
    verb = token.head
    obj = OBJECT_FORMS.get(token.lower_)
    if obj is None or token.dep_ != "nsubj" or verb.dep_ != "parataxis" or verb.lemma_.lower() not in SPEECH_VERBS:
        return None
    host = verb.head
    for _ in range(3):
        if any(c.dep_ in ("dobj", "dative", "iobj") and c.lower_ == obj and c.i < token.i for c in host.children):
            return host
        if host.head.i == host.i:
            return None
        host = host.head
    return None


def _only_person_named(sent: Span, index: EntityIndex, gender: str, *, narrated: bool,
                       known_only: bool) -> EntityRef | None:
    """"The last word went to Ms Hale. She said …": when no subject of the sentence right before
    a he or she is its antecedent, the one person that sentence names whatever its part (object,
    "to …"), of that gender (``known_only``: known to be, once a person of the other gender was
    passed), as a reader takes the object when the subject does not fit; None when it names none
    or several."""
    found: dict[str, Token] = {}
    for t in sent:
        cluster = index.cluster_at(t) if t.pos_ == "PROPN" else None
        if cluster is None or cluster.type != "Person" or index.looks_like_place(cluster) \
                or narrated and in_quotation(t, index.text):
            continue
        known = index.gender_of(cluster.id)
        if known == gender or known is None and not known_only:
            found.setdefault(cluster.id, t)
        else:
            return None  # a person of the other gender (or of none known) named beside: unsure
    return resolve_speaker(next(iter(found.values())), index) if len(found) == 1 else None


def _asked_party(token: Token, sent: Span, index: EntityIndex) -> Token | None:
    """The one asked, when a pronoun answers: "We asked the ministry to comment, and they sent a
    statement" (a they after a clause whose subject is I/we/you), "The Post approached the board for
    comment, but it said …", "Reporters asked the mayor, and she said …" (a pronoun whose verb is
    joined to a verb of asking, :data:`ASKING_VERBS`): that clause's object, as a reader takes it,
    when it agrees with the pronoun (an organisation for *it*, a person of no other gender for
    he/she, an organisation or a plural for *they*); the asker cannot be the one who answers."""
    low = token.lower_
    verb = token.head if token.dep_ == "nsubj" else None
    for t in reversed(sent[: token.i - sent.start]):
        if t.dep_ != "dobj" or t.head.i >= token.i:
            continue
        subjects = [c.lower_ for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        first_person = bool(subjects) and set(subjects) <= {"i", "we", "you"}
        asking = t.head.lemma_.lower() in ASKING_VERBS and verb is not None and verb.dep_ == "conj" \
            and verb.head.i == t.head.i
        if not (first_person and low in PLURAL_PRONOUNS or asking):
            continue
        cluster = index.cluster_at(t)
        if low in PLURAL_PRONOUNS and (cluster is not None and cluster.type == "Organization"
                                       or cluster is None and t.tag_ == "NNS"):
            return t
        if low == "it" and cluster is not None and cluster.type == "Organization":
            return t
        if low in PRONOUN_GENDER and _person_of_gender(t, cluster, index, PRONOUN_GENDER[low]):
            return t
    return None


def _person_of_gender(token: Token, cluster: Cluster | None, index: EntityIndex, gender: str) -> bool:
    """Is ``token`` a person of no other gender: a person the index clustered, or a name the model left
    untyped whose given name is of that gender ("asked Ana Ruiz" for a she)?"""
    if cluster is not None:
        return cluster.type == "Person" and index.gender_of(cluster.id) in (None, gender)
    given = next((c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
    return token.pos_ == "PROPN" and not token.ent_type_ and given is not None and gender_of_name(given.text) == gender


def resolve_it(token: Token, index: EntityIndex, *, depth: int = 0) -> EntityRef | None:
    """"The Jazz Society said it plans …", "Acme cut its forecast. It said …": an *it* that speaks
    is an organisation. Inside what an organisation is reported to say, it is that organisation;
    otherwise the nearest earlier subject that could be an *it* (persons and plurals passed
    over) must be an organisation; a thing ("The bill passed. It says …") names nobody."""
    mention = index.span_of(token.idx, token.idx + len(token.text))
    ref = _reporting_organisation(token, index)
    asked = _asked_party(token, _sentence_of(token.doc, token.i), index) if ref is None else None
    if asked is not None:
        ref = resolve_speaker(asked, index)
    elif ref is None:
        sent = _sentence_of(token.doc, token.i)
        sentences = [sent]
        while len(sentences) < IT_WINDOW and sentences[-1].start > 0:
            sentences.append(_sentence_of(token.doc, sentences[-1].start - 1))
        cand = next((c for s in sentences for c in islice(_subjects_before(s, token, nearest_first=True),
                                                           SUBJECTS_PER_SENTENCE) if _could_be_it(c, index)), None)
        if cand is None:
            return None
        if cand.lower_ == "it":
            ref = resolve_it(cand, index, depth=depth + 1) if depth < 3 else None
        else:
            ref = resolve_speaker(cand, index) if not is_document(cand) else None
            ref = ref if ref is None or ref.type == "Organization" or _nameless_body(cand, ref) else None
    if ref is None or ref.type not in ("Organization", "Group"):
        return None
    resolved = EntityRef(ref.id, ref.name, ref.type, mention)
    if depth == 0:
        index.add_mention(resolved)
    return resolved


def _reporting_organisation(token: Token, index: EntityIndex) -> EntityRef | None:
    """The organisation whose reported words hold this *it* ("The board said it would appeal")."""
    verb = token.head
    for _ in range(3):
        if verb.dep_ not in ("ccomp", "conj") or verb.head.i == verb.i:
            return None
        verb = verb.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None:
            continue
        if verb.lemma_.lower() not in SPEECH_VERBS or subject.lower_ in UNRESOLVABLE:
            return None
        ref = resolve_speaker(subject, index)
        return ref if ref is not None and (ref.type == "Organization" or _nameless_body(subject, ref)) else None
    return None


def _nameless_body(token: Token, ref: EntityRef) -> bool:
    """"The church council said it plans …": a singular organisation noun the article never named
    (``organisation_nouns.txt``), minted as a nameless group with words that describe it, is a body
    an *it* may stand for. A bare "the agency" no rule tied to an organisation named before is most
    likely one the model missed ("FDA"): its *it* stays unresolved."""
    return ref.type == "Group" and token.tag_ == "NN" and token.lemma_.lower() in ORGANISATION_NOUNS \
        and len(ref.name.split()) > 1


def _could_be_it(token: Token, index: EntityIndex) -> bool:
    """A subject an *it* may point back to: not a person, not a plural, not I/we/you."""
    if token.lower_ in PERSON_PRONOUNS or token.lower_ in PLURAL_PRONOUNS or token.lower_ in ("i", "we", "you"):
        return False
    cluster = index.cluster_at(token)
    if cluster is not None and cluster.type in ("Organization", "Person"):
        return cluster.type == "Organization"  # "Pellworth Foods" is one, though its head is plural
    if token.tag_ in ("NNS", "NNPS") or token.pos_ not in ("NOUN", "PROPN", "PRON"):
        return False
    if token.pos_ == "PRON" and token.lower_ != "it":
        return False
    return not (token.lemma_.lower() in ROLE_NOUNS or token.ent_type_ == "PERSON")


def _singular_they(token: Token, near: list[Span], index: EntityIndex) -> set[str]:
    """"Alex Romero spoke. They told the council …": a they whose nearest subjects (its sentence
    and the one before) name a person and nothing plural may be that person's own pronoun; the
    ids of those persons (empty when a plural subject is near). A they resolved further back
    than them is unsure, so the statement gets no speaker."""
    persons: set[str] = set()
    plural = False
    for s in near:
        for t in islice(_subjects_before(s, token, nearest_first=False), SUBJECTS_PER_SENTENCE):
            if t.lower_ in PERSON_PRONOUNS:
                continue
            if t.lower_ in PLURAL_PRONOUNS or _antecedent_ok(t, index, plural=True):
                plural = True
            elif _antecedent_ok(t, index, plural=False) and t.pos_ == "PROPN":
                person = index.cluster_at(t) or _person_named(t, index)  # looked up, nothing minted
                if person is not None:
                    persons.add(person.id)
    return set() if plural else persons


def _person_in_phrase(subject: Token, index: EntityIndex) -> Token | None:
    """The one person named inside a subject phrase that is not a name itself ("One of them, a
    retired machinist named Walter Briggs, …") or beside a title typed as a name (:func:`_person_beside_title`):
    what a later he or she most likely points to."""
    if subject.pos_ == "PROPN":
        return _person_beside_title(subject, index.cluster_at(subject), index)
    if subject.lower_ in PERSON_PRONOUNS:
        return None
    found = {}
    for t in subject.subtree:
        cluster = index.cluster_at(t)
        if cluster is not None and cluster.type == "Person" and t.pos_ == "PROPN":
            found.setdefault(cluster.id, t)
    return next(iter(found.values())) if len(found) == 1 else None


def _governing_verb(token: Token) -> Token | None:
    """The verb an object pronoun belongs to ("spoke with her" → spoke); None for a subject
    or a possessive ("her team" may be the subject's own)."""
    if token.dep_ not in ("dobj", "pobj", "dative", "iobj"):
        return None
    head = token.head
    for _ in range(3):
        if head.pos_ in ("VERB", "AUX"):
            return head
        if head.head.i == head.i:
            break
        head = head.head
    return None


def _named_appositive(token: Token, index: EntityIndex) -> EntityRef | None:
    """'Her chief of staff, Kevin Park, said': the person named beside a noun is the speaker,
    before any role-noun guess ("chief" is not the police chief named earlier)."""
    if token.pos_ != "NOUN":
        return None
    given = _name_given(token, index)
    if given is not None:
        return given
    for child in token.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            cluster = index.cluster_at(child)
            if cluster is not None and cluster.type == "Person":
                return resolve_speaker(child, index)
        if child.dep_ == "appos":
            org = _organisation_in(child, index)
            if org is not None:
                return org
        if child.dep_ == "conj" and child.pos_ == "PROPN" and token.lemma_.lower() in ROLE_NOUNS \
                and _titled_conjunct(child, index):
            return resolve_speaker(child, index)
    return None


def _name_given(token: Token, index: EntityIndex) -> EntityRef | None:
    """'One resident, a retired driver who gave only his surname, Okoro, said': the person whose name
    a "who gave (only) his name / surname" clause on the noun or its appositive gives, set off
    after it or after "as" ("who gave her first name as Mei"); None when there is no such name."""
    nouns = (token, *(c for c in token.children if c.dep_ == "appos" and c.pos_ == "NOUN"))
    for clause in (c for noun in nouns for c in noun.children if c.dep_ == "relcl" and c.lemma_ == "give"):
        for obj in (c for c in clause.children if c.dep_ == "dobj" and c.lemma_.lower() in NAME_NOUNS):
            after_as = [p for prep in (*obj.children, *clause.children) if prep.dep_ == "prep" and prep.lower_ == "as"
                        for p in prep.children if p.dep_ == "pobj"]
            for name in (*(c for c in obj.children if c.dep_ == "appos"), *after_as):
                if name.pos_ != "PROPN" or not name.text[:1].isupper():
                    continue
                cluster = index.cluster_at(name)
                if cluster is not None and cluster.type == "Person":
                    return resolve_speaker(name, index)
                # the clause says it is a name, whatever the model typed it ("Okoro" as a place)
                return index.mint_of_article("Person", name.text, index.span_of(name.idx, name.idx + len(name.text)))
    return None


def _titled_conjunct(name: Token, index: EntityIndex) -> bool:
    """"Former Kenya captain and pundit Ann Oduya said": the name the parser joined to a role noun
    with "and" is one person with both titles when a role noun stands right before the name and
    "and" right before that (no article: "the captain and a pundit, Ann Oduya" is two people)."""
    cluster = index.cluster_at(name)
    if cluster is None or cluster.type != "Person":
        return False
    doc = name.doc
    first = min(t.i for t in name.subtree if index.cluster_at(t) is cluster)
    before = doc[first - 1] if first > 0 else None
    return before is not None and before.pos_ == "NOUN" and before.lemma_.lower() in ROLE_NOUNS \
        and before.i > 0 and doc[before.i - 1].lower_ == "and"


def _person_beside_title(token: Token, cluster: Cluster | None, index: EntityIndex) -> Token | None:
    """A title written as a name (typed ORG, or no type), with the person beside it: in
    apposition ("People's Representative for Eua 11, Sione Fifita, said", "The Chief Warden of
    Ashby, Nana Kofi Mensah II, told …") or conjoined right after a title word the parser split
    off ("Roads and Transport Committee Member Ann Wairimu defended …"). The person speaks, not
    the title."""
    if cluster is not None and cluster.type == "Person" or token.pos_ != "PROPN":
        return None
    doc = token.doc
    titled = any(is_title_word(t) for t in doc[token.left_edge.i:token.i + 1])
    for child in token.children:
        if child.i < token.i or child.dep_ not in ("appos", "conj") or child.pos_ != "PROPN":
            continue
        name = [t for t in child.subtree if t.i == child.i or t.dep_ in ("compound", "flat") and t.head.i == child.i]
        people = {c.id: t for t in name if (c := index.cluster_at(t)) is not None and c.type == "Person"}
        if len(people) != 1:
            continue
        person = next(iter(people.values()))
        first = min(t.i for t in name if index.cluster_at(t) is index.cluster_at(person))
        if child.dep_ == "appos" and titled \
                or child.dep_ == "conj" and doc[first - 1].text[:1].isupper() and is_title_word(doc[first - 1]):
            return person
    return _person_set_off(token, index) if titled else None


def _person_set_off(token: Token, index: EntityIndex) -> Token | None:
    """"Member of Parliament for St Ann North, Dr Ruth Gayle, who toured …, backs": the one person
    of a title's phrase set off by commas after it (the parser hung her name anywhere inside)."""
    doc = token.doc
    people: dict[str, list[Token]] = {}
    for t in token.subtree:
        cluster = index.cluster_at(t) if t.pos_ == "PROPN" and t.i > token.i else None
        if cluster is not None and cluster.type == "Person":
            people.setdefault(cluster.id, []).append(t)
    if len(people) != 1:
        return None
    name = next(iter(people.values()))
    before = name[0].i - 1
    while before > token.i and doc[before].lower_.rstrip(".") in HONORIFICS:
        before -= 1  # "Dr", "Mr"
    after = doc[name[-1].i + 1] if name[-1].i + 1 < len(doc) else None
    if doc[before].text == "," and after is not None and after.text == ",":
        return name[-1]
    return None


def _untagged_person(token: Token, index: EntityIndex) -> EntityRef | None:
    """"said Ana Duarte of the Riders' Union": a name the model left untyped, its first word a
    well-attested given name, is a person named by those words alone (the organisation after
    "of" is where she is from, not part of her name; a role noun before the given name is her job)."""
    if token.pos_ != "PROPN" or token.ent_type_:
        return None
    words = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN" and t.text[:1].isupper()] + [token]
    if len(words) == 3 and words[0].lower_ in ROLE_NOUNS and gender_of_name(words[1].text) is not None:
        words = words[1:]  # "Farmer Ingrid Dahl, whose goats …": a job the sentence's capital dressed as a name
    if not 2 <= len(words) <= 3 or words[-1].i - words[0].i != len(words) - 1 or gender_of_name(words[0].text) is None:
        return None
    span = index.span_of(words[0].idx, token.idx + len(token.text))
    return index.mint("Person", span.text, span)


def _indefinite(token: Token) -> bool:
    """"a spokesperson said", "another reporter asked": someone new with that role, never the
    person named before with it."""
    return any(c.dep_ in ("det", "amod", "nummod") and c.lower_ in INDEFINITE_WORDS for c in token.children)


def _sentence_of(doc: Doc, i: int) -> Span:
    """Token ``i``'s sentence, as ``Token.sent`` gives it, found by bisection in the sentence starts
    (kept in ``user_data``): ``Token.sent`` walks the sentence, once per pronoun."""
    starts = doc.user_data.get("kg_sentence_starts")
    if starts is None:
        starts = doc.user_data["kg_sentence_starts"] = tuple(s.start for s in doc.sents) + (len(doc),)
    n = bisect_right(starts, i) - 1
    return doc[starts[n]:starts[n + 1]]


def _subjects_before(sent: Span, token: Token, *, nearest_first: bool) -> Iterator[Token]:
    """The subjects of ``sent`` before ``token``: a parenthetical cue's first ("The plan, he said,
    is dead": the sentence is his report), then main-clause ones, each group nearest
    first (``nearest_first``) or in reading order. The sentence is read once and its subjects
    kept in the Doc's ``user_data`` (plain ints), so a sentence of thousands of quotations
    costs one pass, not one per pronoun."""
    doc = sent.doc
    key = ("kg_subjects", sent.start)
    if key not in doc.user_data:
        reporting: list[int] = []
        main: list[int] = []
        other: list[int] = []
        for t in sent:
            if t.dep_ in ("nsubj", "nsubjpass"):
                if t.head.dep_ == "parataxis" and t.head.lemma_.lower() in SPEECH_VERBS:
                    reporting.append(t.i)  # "The plan, he said, is dead": the sentence is his report
                else:
                    (main if t.head.dep_ == "ROOT" else other).append(t.i)
        lost = _name_before_subjectless_root(sent)
        if lost is not None:
            main = sorted(main + [lost])
        doc.user_data[key] = (tuple(reporting), tuple(main), tuple(other))
    for group in doc.user_data[key]:
        before = group[: bisect_left(group, token.i)]
        for i in (reversed(before) if nearest_first else before):
            yield doc[i]


def _name_before_subjectless_root(sent: Span) -> int | None:
    """"At the shelter on Elm Road, Rosa Diaz, 68, said …" parsed with the name hung on the place:
    a root verb left without a subject has for subject the person's name right before it (only
    its own appositives and commas between), as a reader takes it. None when the root has one."""
    root = sent.root
    if root.pos_ != "VERB" or any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in root.children):
        return None
    for t in reversed(sent[: root.i - sent.start]):
        if t.ent_type_ == "PERSON" and t.pos_ == "PROPN":
            between = t.doc[t.i + 1:root.i]
            inside = range(t.left_edge.i, t.right_edge.i + 1)
            return t.i if all(w.is_punct or w.i in inside for w in between) else None
        if not (t.is_punct or t.like_num or t.pos_ in ("DET", "ADJ", "NOUN", "NUM")):
            return None
    return None


def _nameless_person(cand: Token, gender: str | None) -> bool:
    """"A tenant who rents above the shop said he …", "My mother … she still says": a singular
    subject that is a person noun (``person_nouns.txt``), or any noun a "who" clause describes as
    the subject of a speech verb, is a person no name was given for, and the nearest he/she is
    that person, not a person named before it ("The ad says", "Her submission noted" are things).
    A noun of the other sex is passed over."""
    if cand.tag_ != "NN" or cand.ent_type_ or cand.pos_ != "NOUN":
        return False
    if sum(c.dep_ == "nsubj" for c in cand.head.children) > 1:
        return False  # "the paper's co-author, …" split into three subjects: a slip, not a person
    lemma = cand.lemma_.lower()
    if lemma in ORGANISATION_NOUNS or lemma in ROLE_NOUNS or is_document(cand):
        return False
    described = cand.head.lemma_.lower() in SPEECH_VERBS and any(
        c.dep_ == "relcl" and any(w.lower_ in ("who", "whose") for w in c.children) for c in cand.children)
    if lemma not in PERSON_NOUNS and not described:
        return False
    sex = NOUN_GENDER.get(lemma)
    return sex is None or gender is None or sex == gender


def _organisation_in(appos: Token, index: EntityIndex) -> EntityRef | None:
    """"Its largest shareholder, the fund Keel Capital, said": the one organisation the appositive
    names (its head or the head's compound name) is the speaker, not the possessive phrase."""
    if appos.pos_ == "PROPN":
        names = [appos]  # "X's niece, state Del. Ann Lee (D-Avon)": a name, not its bracket
    else:  # "the activist fund Keel Capital": the noun's own name
        names = [t for t in appos.children if t.pos_ == "PROPN" and t.dep_ in ("compound", "flat", "appos")
                 and t.doc[max(t.left_edge.i - 1, 0)].text != "("]
    found = {c.id: c for t in names if (c := index.cluster_at(t)) is not None and c.type == "Organization"}
    if len(found) != 1:
        return None
    cluster = next(iter(found.values()))
    words = [t for t in appos.subtree if index.cluster_at(t) is cluster]
    if words[0].i and appos.doc[words[0].i - 1].text == "(":
        return None  # "(D-Avon)": a party and a place in brackets, not the speaker
    return index.ref_for(cluster, index.span_of(words[0].idx, words[-1].idx + len(words[-1].text)))


def _addressee_owned(token: Token) -> bool:
    """"Your paper says …" (an interviewer's question): what the addressee's side said, whose
    speaker the question does not name; kg says nothing rather than credit the noun."""
    return any(c.dep_ == "poss" and c.lower_ in ("your", "yours") for c in token.children)


def _is_definite(token: Token) -> bool:
    """"the mayor", "the company": a definite singular noun with nothing but its article."""
    kids = [c for c in token.children if c.dep_ not in ("punct", "relcl", "acl", "appos", "prep")]
    return len(kids) == 1 and kids[0].lower_ == "the"


def _titled_person(token: Token, index: EntityIndex) -> tuple[Cluster | None, bool]:
    """"Mayor Ines Gruber … The mayor wants": the one person named earlier right after this title
    word ("Mayor Ann Lee") or with it in apposition ("Ann Lee, the mayor"), when roles did not
    say; and whether the text named anyone with that title before (then a miss is no licence to guess)."""
    role = token.lemma_.lower()
    found = {}
    titled = False
    pattern = re.compile(rf"\b(?i:{re.escape(role)})\s+((?:[A-Z][\w'’.-]*\s+){{0,3}}[A-Z][\w'’-]+)")
    for match in pattern.finditer(index.text, 0, token.idx):
        if _lesser_before(index.text, match.start()):
            continue  # "Deputy Mayor Tom Pell", "vice-presidential candidate Tom Ashby": another office
        titled = True
        person = index.person_named(match.group(1)) or index.person_named(match.group(1).split()[-1])
        if person is not None:
            found[person.id] = person
    for cluster in index.clusters_before(token.idx):
        if cluster.type != "Person":
            continue
        for m in cluster.mentions:
            before = index.text[max(0, m.start - 40):m.start].lower().split()
            after = index.text[m.end:m.end + 40].lower().split()
            if m.start < token.idx and (before[-1:] == [role] and not lesser_office(" ".join(before[-2:]), role)
                                        or m.text.lower().split()[:1] == [role]
                                        or after[:2] in (["the", role], [",", "the"]) and role in after[:3]):
                found[cluster.id] = cluster
    return (next(iter(found.values())) if len(found) == 1 else None), titled or bool(found)


def _lesser_before(text: str, start: int) -> bool:
    """Is the word before ``start`` a lesser office's ("Deputy", "vice-presidential")? Then the
    title at ``start`` is part of that lesser office, whose holder is no holder of the title."""
    words = text[max(0, start - 30):start].lower().split()
    return bool(words) and bool(set(words[-1].split("-")) & LESSER)


def _organisation_meant(token: Token, index: EntityIndex) -> Cluster | None:
    """"the company said": the organisation named before whose name holds the noun ("the council"
    for "Harlow City Council") or a word that says the same (``organisation_name_words``: "the
    school" for "St Colman's College"), else for a business noun the one company the text names with
    its legal form ("Volta Beverages Ltd") or the only organisation named so far, else the
    nearest earlier subject organisation (none: one named earlier in the same sentence) when
    it is also the one named most often so far; else None (the noun stays a nameless group)."""
    noun = token.lemma_.lower()
    orgs = [c for c in index.clusters_before(token.idx) if c.type == "Organization"
            and any(m.start < m.end and m.start < token.idx for m in c.mentions)]  # named in the text before
    words = {noun} | NAME_WORDS.get(noun, set())  # "the school" for "St Colman's College"
    named = [c for c in orgs if words & set(c.name.lower().split())]
    if len(named) == 1:
        return named[0]
    own = _subject_of_own_report(token, index, orgs)
    if own is not None and (own in named or not named and not _other_body(own, noun, words)):
        return own  # "Acme has halted output at its mine, the company said"
    previous = _subject_of_previous_sentence(token, index, orgs)
    if previous is not None and (previous in named or not named and not _other_body(previous, noun, words)):
        return previous  # "Southern California Edison said … . The utility declined to comment"
    if noun not in COMPANY_NOUNS:
        return None  # "the union" may be one the article never named
    orgs = [c for c in orgs if not _other_body(c, noun, words)]  # "the company" is no council named before
    if not orgs:
        return None
    incorporated = [c for c in orgs if any(org_basename(a) != a.strip(" ,.") for a in c.aliases)]
    if len(incorporated) == 1:
        return incorporated[0]  # "Volta Beverages Ltd … the company": the one company named with its legal form
    if len(orgs) == 1:
        return orgs[0]  # the only organisation named so far
    best: tuple[int, Cluster] | None = None
    for cluster in orgs:
        for m in cluster.mentions:
            word = index.token_at(m.start)
            if m.start < token.sent.start_char and word is not None and phrase_head(word).dep_ == "nsubj" \
                    and (best is None or m.start > best[0]):
                best = (m.start, cluster)
    counts = sorted((sum(m.start < token.idx for m in c.mentions) for c in orgs), reverse=True)

    def main(cluster: Cluster) -> bool:
        """Only the article's main organisation (named most often so far, alone) is safe to assume."""
        mine = sum(m.start < token.idx for m in cluster.mentions)
        return mine == counts[0] and counts[1:2] != [mine]

    if best is not None and main(best[1]):
        return best[1]
    # "Shares of Acme Inc. fell after the company said …": the organisation of this very sentence
    here = [c for c in orgs if any(token.sent.start_char <= m.start < token.idx for m in c.mentions)]
    return next((c for c in here if main(c)), None)


def _research_team(token: Token, index: EntityIndex) -> EntityRef | None:
    """"The team plans …", "the authors said" after "Scientists at the Bergen institute found …" or
    "a study led by researchers at X": the researchers the narration introduced (a plural of
    :data:`RESEARCHER_NOUNS` without "the"), when it introduced one such group; else None."""
    lemma = token.lemma_.lower()
    if lemma not in TEAM_NOUNS or not _is_definite(token) or lemma != "team" and token.tag_ != "NNS":
        return None
    found = [t for t in token.doc[:token.i] if t.tag_ == "NNS" and t.lemma_.lower() in RESEARCHER_NOUNS
             and not any(c.dep_ in ("det", "poss") for c in t.children) and not in_quotation(t, index.text)]
    if len({noun_phrase(t).text.lower() for t in found}) != 1:
        return None
    return resolve_speaker(found[0], index)


def _organisation_described(token: Token, index: EntityIndex) -> Cluster | None:
    """"Lumen Venue Services, a private operator appointed by the council, … . The operator said":
    the one organisation named before with the noun in apposition to its name, either way round
    ("a private operator, Lumen Venue Services"); None when none or several were described so."""
    if token.tag_ != "NN" or not _is_definite(token):
        return None
    lemma = token.lemma_.lower()
    found: dict[str, Cluster] = {}
    for cluster in index.clusters_before(token.idx):
        if cluster.type != "Organization":
            continue
        for m in cluster.mentions:
            word = index.token_at(m.start) if m.start < m.end and m.start < token.idx else None
            head = phrase_head(word) if word is not None else None
            if head is not None and (any(a.dep_ == "appos" and a.pos_ == "NOUN" and a.lemma_.lower() == lemma
                                         for a in head.children)
                                     or head.dep_ == "appos" and head.head.lemma_.lower() == lemma):
                found[cluster.id] = cluster
    return next(iter(found.values())) if len(found) == 1 else None


def _organisation_named_in_full(token: Token, index: EntityIndex) -> Cluster | None:
    """"the parish council said": the one organisation named before whose name holds the noun
    and every word before it ("Kirkton Parish Council", not "Angus Council" named beside
    it); None when no name or several hold them ("the local council" is left as it was)."""
    mods = _describing_words(token)
    if not mods:
        return None
    words = {token.lemma_.lower(), *(c.lower_ for c in mods)}
    found = [c for c in index.clusters_before(token.idx) if c.type == "Organization" and words <= set(
        c.name.lower().split()) and any(m.start < m.end and m.start < token.idx for m in c.mentions)]
    return found[0] if len(found) == 1 else None


def _describing_words(token: Token) -> list[Token]:
    """The lowercase words before a noun that has "the" and nothing else ("the parish council":
    [parish]; "the state utility": [state]); empty for any other noun phrase."""
    kids = [c for c in token.children if c.dep_ not in ("punct", "relcl", "acl", "appos", "prep")]
    mods = [c for c in kids if c.dep_ in ("compound", "amod") and c.is_alpha and c.is_lower]
    if len(kids) != len(mods) + 1 or not any(c.dep_ == "det" and c.lower_ == "the" for c in kids):
        return []
    return mods


def _organisation_of_kind(token: Token, index: EntityIndex) -> Cluster | None:
    """"Kestrel Power said … . The state utility said …": a noun with words before it that say what
    kind of body it is, when no organisation named before holds the noun (nor a word that says the
    same), is the organisation the text goes on about (the subject of the clause its cue reports, or
    the main subject of the sentence before), as with "the utility" (:func:`_organisation_meant`);
    never one whose name says it is another kind of body."""
    if not _describing_words(token):
        return None
    noun = token.lemma_.lower()
    words = {noun} | NAME_WORDS.get(noun, set())
    orgs = [c for c in index.clusters_before(token.idx) if c.type == "Organization"
            and any(m.start < m.end and m.start < token.idx for m in c.mentions)]
    if any(words & set(c.name.lower().split()) for c in orgs):
        return None  # "the parish council" beside two councils: only a name holding all its words
    for found in (_subject_of_own_report(token, index, orgs), _subject_of_previous_sentence(token, index, orgs)):
        if found is not None and not _other_body(found, noun, words):
            return found
    return None


def _subject_of_own_report(token: Token, index: EntityIndex, orgs: list[Cluster]) -> Cluster | None:
    """The organisation of ``orgs`` that is the subject of the clause ``token``'s cue reports before
    it, when no other organisation was named in an earlier sentence: a lede says what a company did
    and then that the company said so ("Volta Mining has halted output at its Kora pit, the company
    said"); after another organisation named before (a byline the model typed one aside), "the
    company" may be that one."""
    if token.dep_ != "nsubj":
        return None
    clause = next((c for c in token.head.children if c.dep_ == "ccomp" and c.i < token.i), None)
    subject = None if clause is None else next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    # a dateline the parser made the subject ("QUITO, March 3 (Reuters) - … miner Acme has …"): the
    # name in apposition to it
    named = {id(c): c for t in (subject, *(w for w in subject.subtree if w.dep_ == "appos"))
             if (c := index.cluster_at(t)) is not None and any(c is o for o in orgs)}
    if len(named) != 1:
        return None
    cluster = next(iter(named.values()))
    start = token.sent.start_char
    earlier = [c for c in orgs if c is not cluster and any(m.start < start and not index.in_byline(m.start)
                                                           for m in c.mentions)]
    return None if earlier else cluster


def _subject_of_previous_sentence(token: Token, index: EntityIndex, orgs: list[Cluster]) -> Cluster | None:
    """The one organisation of ``orgs`` that is the main subject of the sentence right before
    ``token``'s, when ``token`` starts its own main clause's subject: the text goes on about it
    ("Pecos Trail Midstream blamed the delay on … . In a filing, the company said …")."""
    if token.head.dep_ != "ROOT" or token.dep_ not in ("nsubj", "nsubjpass"):
        return None
    here = _sentence_of(token.doc, token.i)
    if here.start == 0:
        return None
    before = _sentence_of(token.doc, here.start - 1)
    if _turn_label(before) and before.start > 0:
        before = _sentence_of(token.doc, before.start - 1)  # "Dr. OSEI. The agency told us …": the turn before
    found = {id(c): c for c in orgs for m in c.mentions if before.start_char <= m.start < before.end_char
             and (words := token.doc.char_span(m.start, m.end, alignment_mode="expand")) is not None
             and words.root.dep_ in ("nsubj", "nsubjpass") and words.root.head.dep_ == "ROOT"}
    return next(iter(found.values())) if len(found) == 1 else None


def _turn_label(sent: Span) -> bool:
    """"Dr. OSEI.", "Mr. STROUD:" opening a line of a transcript: a speaker's label the parser made a
    sentence of, which says nothing of what the turn goes on about."""
    doc = sent.doc
    words = [t for t in sent if not t.is_punct and not t.is_space]
    starts_line = sent.start == 0 or "\n" in doc[sent.start - 1].text + doc[sent.start - 1].whitespace_
    return starts_line and sent.text.rstrip().endswith((".", ":")) and 0 < len(words) <= 4 \
        and words[-1].is_upper and len(words[-1]) > 1


def _other_body(cluster: Cluster, noun: str, words: set[str]) -> bool:
    """Does the organisation's name say it is another kind of body than the noun ``noun`` (with
    ``words``, the name words that say the same) means: "Harlow City Council" is no "company", the
    "Lagos Fish Sellers Association" no "agency"? Any business is a "company" ("Acme Bank",
    "Volta Group"); any body an "organisation"."""
    if noun in ("organisation", "organization"):
        return False
    name = set(cluster.name.lower().split())
    others = ORGANISATION_NOUNS - words - (BUSINESS_WORDS if noun in COMPANY_NOUNS else set())
    return bool(name & others) or any(name & NAME_WORDS.get(n, set()) for n in others) and not any(
        name & NAME_WORDS.get(w, set()) for w in words)


def _person_after_title(token: Token, index: EntityIndex) -> EntityRef | None:
    """"Gauteng MEC for Housing Themba Khoza said": the name after the portfolio (from its first
    known given name on), a person; without such a name, nobody (a title alone names no one)."""
    phrase = [t for t in token.subtree if t.i > token.i]
    tail: list[Token] = []
    for t in phrase:
        if t.dep_ in ("relcl", "acl") or t.text == ",":
            break
        tail = [*tail, t] if t.pos_ == "PROPN" else []
    start = next((k for k, t in enumerate(tail) if gender_of_name(t.text) is not None), None)
    if start is None or len(tail) - start < 2:
        return None
    first, last = tail[start], tail[-1]
    span = index.span_of(first.idx, last.idx + len(last.text))
    return index.mint("Person", span.text, span)


def is_document(token: Token) -> bool:
    """A report, poll or study: findings extracts what those say, quotes stays out."""
    return token.lemma_.lower() in DOCUMENT_NOUNS or token.lower_ in DOCUMENT_NOUNS


def resolve_speaker(token: Token, index: EntityIndex) -> EntityRef | None:
    """The entity a subject (or addressee) word stands for, or None when nobody can be named."""
    low = token.lower_
    if low in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
        antecedent = token.head.head
        ref = resolve_speaker(antecedent, index) if antecedent.pos_ in ("NOUN", "PROPN") else None
        if ref is None:
            return None
        return EntityRef(ref.id, ref.name, ref.type, index.span_of(token.idx, token.idx + len(token.text)))
    if low in NATIONALITY_NOUNS and token.tag_ in ("NN", "NNP") and [c.lower_ for c in token.children] == ["the"]:
        # "Coach Ann Lee said … . '…,' the Englishman said": the person the text goes on about, as a "he"
        # is, or nobody (never a group of Englishmen)
        return resolve_pronoun(token, index, noun_gender=NATIONALITY_NOUNS[low])
    cluster = index.cluster_at(token)
    if cluster is not None and token.pos_ == "PROPN":
        beside = _person_beside_title(token, cluster, index)
        if beside is not None:
            return resolve_speaker(beside, index)
        words = [t for t in token.subtree if index.cluster_at(t) is cluster]
        start, end = words[0].idx, words[-1].idx + len(words[-1].text)
        return index.ref_for(cluster, index.span_of(start, end))
    mention = index.span_of(token.idx, token.idx + len(token.text))
    if low in PERSON_PRONOUNS or low in PLURAL_PRONOUNS:
        return resolve_pronoun(token, index)
    if low == "i" and token.dep_ in ("nsubj", "nsubjpass"):
        # first person outside any quotation: the article's writer (its byline, else one per document)
        return index.author(mention)
    if cluster is None and low.rstrip(".") in GENDERED_HONORIFICS and any(c.dep_ == "conj" for c in token.children):
        # "Mr. and Mrs. Aziz said": the couple, a group of this article, never a node named "Mr."
        words = token.doc[token.i:token.right_edge.i + 1]
        couple = index.span_of(words.start_char, words.end_char)
        return index.mint_of_article("Group", couple.text, couple)
    if cluster is None and token.pos_ == "PROPN":
        beside = _person_beside_title(token, None, index)
        if beside is not None:
            return resolve_speaker(beside, index)
        known = _person_named(token, index)
        if known is not None:
            return EntityRef(known.id, known.name, known.type, mention)
    if token.dep_ in ("nsubj", "nsubjpass") and (
            token.ent_type_ in ("PERCENT", "CARDINAL") or low in SHARE_WORDS or token.pos_ == "NUM"):
        # poll respondents: "47 percent of Democrats said", "nearly half said", "4 in 10 say"
        words = _without_relative_clause(token.doc[token.left_edge.i:token.right_edge.i + 1])
        span = index.span_of(words.start_char, words.end_char)
        return index.mint("Group", span.text, span, key=f"{span.text} {index.doc_id}")
    if low == "it" and token.dep_ == "nsubj":
        return resolve_it(token, index)
    if low == "those" and token.dep_ == "nsubj" and any(c.dep_ in ("amod", "relcl", "acl", "prep")
                                                        for c in token.children):
        # "Those close to him say", "those who know her said": the people the phrase describes
        words = token.doc[token.i:token.right_edge.i + 1]
        span = index.span_of(words.start_char, words.end_char)
        return index.mint_of_article("Group", span.text, span)
    if low in UNRESOLVABLE or token.pos_ not in ("NOUN", "PROPN") or token.ent_type_ in NOT_SPEAKERS:
        return None
    if _addressee_owned(token):
        return None
    if cluster is None and token.pos_ == "PROPN" and is_title_word(token) \
            and any(c.dep_ == "prep" and c.lower_ in ("for", "of") for c in token.children):
        return _person_after_title(token, index)
    if token.lemma_.lower() in MESSAGE_NOUNS:
        # "Trump's tweet mocking …": the message's author speaks
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is not None and owner.pos_ != "PRON":
            return resolve_speaker(owner, index)
    if is_document(token):
        return None
    named = _named_appositive(token, index)
    if named is not None:
        return named
    phrase = noun_phrase(token)
    span = index.span_of(phrase.start_char, phrase.end_char)
    if (token.pos_ == "NOUN" or _is_definite(token)) and token.lemma_.lower() in SPEAKER_ROLE_NOUNS:
        role = " ".join(t.lower_ for t in phrase if t.dep_ in ("compound", "amod") or t.i == token.i)
        at = token.idx
        nation = any(w in NATIONALITIES for w in role.split())  # "the French president" is no bare "President"
        # "the Senate Democratic leader" names a body and a party: never the bare "leader" of another
        named = any(t.ent_type_ in ("ORG", "NORP", "GPE") for t in phrase if t.i != token.i)
        holder = None if _indefinite(token) else index.holder_of(role, before=at) or (
            None if nation or named else index.holder_of(token.lemma_.lower(), before=at))
        definite = token.tag_ in ("NN", "NNP") and _is_definite(token)
        if holder is None and definite:
            holder, titled = _titled_person(token, index)
            if holder is None and titled:
                return None  # "Mayor Ann Lee … the mayor" with Ann Lee unresolved: say nothing
            if holder is None:
                # nobody is named with this title: one nameless person of this article, never a group
                return index.mint_of_article("Person", span.text, span)
        if holder is None and token.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            # "the Senate Democratic leader" no one here holds: one nameless person of this article, never
            # a group every article that prints the words shares
            return index.mint_of_article("Person", span.text, span)
        if holder is not None and token.tag_ in ("NN", "NNP"):
            resolved = index.ref_for(holder, span)
            index.add_mention(resolved)
            return resolved
    if cluster is None and is_party_member(token):
        # "the Republican told reporters", "a Democrat said": one member, a person of this article;
        # never the party, nor a group every article that prints the words shares
        return index.mint_of_article("Person", span.text, span)
    if cluster is None and (token.tag_ == "NN" or token.tag_ == "NNP" and token.text.islower()) \
            and token.lemma_.lower() in ORGANISATION_NOUNS:
        # (a lowercase noun the model tagged a name, "the parish council", is a noun all the same)
        org = _organisation_meant(token, index) if _is_definite(token) else (
            _organisation_named_in_full(token, index) or _organisation_of_kind(token, index))
        if org is not None:
            return index.ref_for(org, span)
    if cluster is not None:
        return index.ref_for(cluster, span)
    untagged = _untagged_person(token, index)
    if untagged is not None:
        return untagged
    owned = mint_by_reference(token, index)  # "His campaign said", "The campaign said": one person's group
    if owned is not None:
        return owned
    team = _research_team(token, index)
    if team is not None:
        resolved = EntityRef(team.id, team.name, team.type, span)
        index.add_mention(resolved)
        return resolved
    described = _organisation_described(token, index)
    if described is not None:
        return index.ref_for(described, span)
    kind = "Organization" if token.ent_type_ == "ORG" else "Group"
    if token.pos_ == "PROPN" and token.ent_type_ == "PERSON":
        kind = "Person"
    if kind == "Group" and token.tag_ == "NN" and _indefinite(token):
        # "A KWSC official said": someone of this article, named as written, never one node with
        # the unnamed officials of other articles
        return index.mint_of_article(kind, span.text, span)
    return index.mint(kind, span.text, span)
