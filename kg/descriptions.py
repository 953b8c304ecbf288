"""Descriptions that refer back to one entity: "the former secretary of state" is Hillary Clinton.

A description is "the" + modifiers + a singular common noun (+ an of-complement: "the former
governor of Arkansas", or "from" a place: "the senator from Vermont"; a lowercase head tagged
NNP before a possessive 's is a common noun too), with no name, possessor or pronoun among its
modifiers (a hyphenated modifier is one word: "first-time" is no rank) and no name right after
it (the title rules own "the senator, Ted Cruz"). It is linked to an entity only when the text
makes that entity the one it can mean; it then becomes a mention and an alias of that entity's
node (``kg.pipeline``; a bare "the pollster" a mention only), so statements that use it
mention the entity, a speaker phrase that starts with it is that entity, and the graph knows the
words. Rules, in order (the first that links wins):

- apposition: a definite description in apposition to a person's name, either side ("Ted Cruz,
  the Texas senator, ...", "the party chairwoman, Representative Ann Lee of Ohio;", also inside a
  complement: "the resignation of the party chairwoman, ..."; never a body's noun, "the face of the
  party, Ann Lee"; after a list of names, the one right before its comma: "Clinton, Trump and Cruz,
  the Texas senator" is Cruz) is that person, and
  its head is then a role that person holds for the descriptions after it, where the role
  extractor was unsure ("Ann Lee - the first-term senator from Ohio - ... the Republican
  senator"; a noun that is no role, a descriptor given);
- a role held: its head is the head of a role that exactly one person named before it holds in
  the article beside a name (a title before the name — "Secretary Clinton" → "the secretary of
  state" —, an appositive, a predicate; a lesser office is another head: "the president" is not
  the vice president; never a role given with a year the description does not name, also for a
  party's candidate below: "the GOP nominee" is not "the 2012 GOP nominee"), or a role of the
  same class (``role_classes.txt``: "the front-runner" after "presidential candidate X"); "the
  former X" only a person who held X before; one whose of-complement names a body in common nouns
  ("the president of a gun violence prevention group") only a holder whose roles name those words
  (never "President Obama"; nor, with no such holder, left open for the corpus); a bare head ("the
  pollster", no modifier) only within two sentences of that person's last mention;
- a descriptor given: its head is the noun of an indefinite appositive, predicate or "named"
  phrase the text gave exactly one person before it ("Trump, a billionaire businessman" →
  "the billionaire businessman"; never a description naming a body or place: "the Senate
  Democratic leader" is not "a civil rights leader", nor one with a noun before its head that
  the descriptor lacks or a past one it did not give: "a rising star" is no "former reality TV
  star"; never a descriptor said in a quotation, a speaker's judgement: '"Moss is a rising star"');
- a party's candidate: a party word and a candidacy head ("the GOP front-runner", "the
  Republican nominee") → the one person named before it whom the text ties to that party (a
  role of that party, the party word right before the name: "Republican Donald Trump",
  "(R-Texas)" after it), when no other person of that party was named before it and the
  person named last before it is not one whose party the text leaves unsaid;
- the party: a bare "the party" → the one party the nearest sentence that speaks of one names
  (its own before it, else up to two before: "Democratic leaders are worried ... as the party
  seeks"), when the article names that party;
- an organisation's head noun: "the bureau" after "the Federal Bureau of Investigation", "the
  foundation" after "the Eric Trump Foundation" → the one organisation named before it, within
  two sentences, whose name has that head;
- handles: "@realDonaldTrump", "tedcruz", "GovChristie" (a tweet's author) → the person whose
  full name the handle spells, after an optional "real" or title prefix ("Gov", "Sen"); a
  camel-case handle written as one ("@…", a tweet's author="…"; never words the article names
  already, "AmeriCorps") that spells no one of the article but a well-attested given name and a
  surname ("LindseyGrahamSC") names that person (a node that merges with the corpus's by its
  name), and a title and a surname ("GovChristie") the surname; any other handle written as one,
  in lower case or in capitalised words none an organisation's ("tedcruz", "BernieSanders";
  never "FoxNews"), is an account, a Person node named "@tedcruz" that the corpus merge gives to
  the one person whose full name it spells (``KnowledgeGraph.merge_short_names``);
- nicknames: quoted words in brackets right after a person's name that hold that person's given
  name or surname ("Marco Rubio (“Little Marco”)", "Ted Cruz ("Lyin' Ted")"), one to three
  capitalised words, are that person (an alias too, so a later "Little Marco" is him); never
  other quoted words ("Trump ("I love the poorly educated")");
- a possessive role: "Donald Trump's campaign manager", "Trump's 41-year-old campaign manager",
  "DuPont's longtime chief executive", "Mrs. Obama's chief of staff" (a possessor where "the"
  stands) → the one person the article gives that role (its words before the head among the
  description's, its complement after it) for that owner, a person or an organisation, the role's
  org naming the owner ("Trump campaign manager Corey Lewandowski"), before or after it; never when
  someone holds the role for no one named or in the past, nor with a word that ranks, dates or
  points ("Trump's former manager"), nor another's name after it. Set beside a name as its
  appositive, the owner may be a place and the role a past one, and others may hold it: "Bush,
  Florida's former governor" is Bush when the text gives him that role for Florida;
- a predicate: a description after "be"/"become" is its named subject ("Ann Lee would become the
  Republican nominee"), never another holder of the role, nor anyone under a negation, nor one
  of a pair ("Lee or Ruiz to be the nominee");
- a speaker continued: a description with modifiers, headed by a person's role noun, that is the
  subject of a speech verb, in a sentence that names no one before the verb (a name in what is said
  is no speaker, but never the person meant; a name in the description's own relative clause is
  not it: "who backs Cruz"), right after a sentence that names one person only outside its
  quotations, as the subject of its speech verb ('"...," Ann Lee said. The Republican
  incumbent added ...'), when no one else named before holds its head and the person's roles
  name every body and nation it names (never a body: "The DA caucus in the council blamed ...");
  a second head joined by "and" under its one "the" is its word too ("the influential delegate and
  conservative activist": one person), unless a plural verb says two;
- left open: a description with modifiers or a complement that no one named before it fits here
  goes to the corpus (:func:`link_across`, :mod:`kg.corpus`), with the people named before it;
  so does a bare role noun ("the candidate"), which the corpus may give only to a person named
  within :data:`BARE_REACH` sentences before it (and never as an alias: its words name no one);
  one that says its person never held office ("the political neophyte", "the outsider candidate",
  ``outsider_words.txt``) the corpus gives to the one candidate named before it whom no article
  gives a political office, current or former (``political_offices.txt``).

- said to be: an indefinite description the text sets on a named person ("Ann Lee, a retired
  senator from Ohio", "a lawyer named Ann Lee", "Lee is a lawyer") is a mention of that person,
  an alias only where the writer sets it beside the name with a modifier or complement
  (:mod:`kg.indefinites` decides both); never a speaker phrase's words (the speaker rules own
  them);
- one's own party: "her own party", "his party" → the one party the text ties the pronoun's person
  (the subject of its clause, of its gender) to, when the article names it (:mod:`kg.own_party`;
  a mention, no alias);
- a candidate's rival: "her primary rival", "his chief opponent" → the one other candidate of
  that contest the article names (:mod:`kg.rivals`; a mention, no alias);
- respectively: two descriptions under one "the" made two by their verb, right after a pair of
  people joined by "and" ("Ann Lee and Tom Ruiz ... the Ohio senator and business owner each have")
  → the first is the first person's, the second the second's (:mod:`kg.respective`; mentions, no
  aliases, never a speaker's words);
- kin: "Eric Lamb said his father ..." → the one other person of the article with that surname
  and the kin noun's gender ("father" the mention, no alias; a speaker phrase "his father said"
  that person), and "the elder Lamb" the one of two Lambs such a link makes the parent
  (:mod:`kg.kin`).

Never, whatever fits: a party, organisation or place among the modifiers that the person's own
roles or party name otherwise, or a nationality their roles do not name ("the French president"
is not the one "President Obama") ("the Democratic senator" is not the Republican one); a modifier
that is a standing of its own the person does not hold ("the billionaire candidate" is not the
one candidate kg knows to be a politician only); modifiers that rank, imagine or date ("the
first female president", "the next mayor", "the average worker", "the one candidate who", "the
then-little-known senator"); a person who is the subject or object of the description's own
clause ("Cruz attacked the senator" is not about Cruz); words another entity already holds as a
mention; two candidates that fit (then nothing: a statement about the wrong person is worse
than a missed one), also a candidacy without a party ("the nominee") when another person named
before is a candidate of any kind. Confidence :data:`CONFIDENCE`, below a name's.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from kg.entities import (
    LESSER,
    ORG_WORDS,
    STILL_WORDS,
    TITLES_OR_HONORIFICS,
    Cluster,
    EntityIndex,
    article_key,
    entity_of,
    is_party,
)
from kg.extractors.roles import (
    EVALUATIVE,
    NOT_REFERRING,
    PARTIES,
    PARTY_NAMES,
    demonyms,
    is_head,
    normalise_role,
    role_classes,
    word_before,
)
from kg.given_names import gender_of as gender_of_name
from kg.handles import HANDLE_PREFIXES
from kg.indefinites import said_to_be
from kg.kin import kin
from kg.lexicons import load_words
from kg.model import Entity, EntityRef, OpenDescription, Span, Triple, entity_id
from kg.own_party import own_parties
from kg.respective import respective
from kg.rivals import rivals
from kg.token_table import token_table

if TYPE_CHECKING:  # a worker process extracting articles never needs networkx (~0.3 s to import)
    import networkx as nx

CONFIDENCE = 0.6  # a description points back; a name (0.8 and above) names
NAMED = 0.8  # role triples at least this sure stand beside a name: evidence for a description
BARE_REACH = 2  # sentences a bare "the pollster" may stand after its person's last mention
CANDIDACY = "candidacy"  # the role class of "the Republican nominee", "the GOP front-runner"
EPITHET_CLASSES = {CANDIDACY, "business"}  # classes whose bare heads stand for one another across articles
COMPLEMENT_WORDS = {"of", "for", "to", "from", "at", "in", "with", "on", "against", "by"}  # a complement's words
PAST = {"former", "ex", "erstwhile", "onetime", "one-time"}  # "the former president" held it before
RELATIVE = {"who", "whom", "that", "which"}  # a relative pronoun stands for the words before it
GENDERED = {**dict.fromkeys(("he", "him", "his", "himself"), "m"),  # a pronoun's gender, as given_names gives it
            **dict.fromkeys(("she", "her", "hers", "herself"), "f")}
OWN_PARTY = "own party"  # "Ann Lee broke with her own party" (kg.own_party)
RIVAL = "rival"  # "Ann Lee and her primary rival" (kg.rivals)
RESPECTIVE = "respectively"  # "Lee and Ruiz ... the Ohio senator and business owner each" (kg.respective)
KIN = "kin"  # "Eric Lamb said his father", "the elder Lamb" (kg.kin)
INDEFINITE = "indefinite"  # the rule of what the text says a person is: "Ann Lee, a retired senator"
SAID_TO_BE = ("apposition",)  # the text sets the description beside the name: what the person is
NOT_POINTING = {"one", "same", "other", "another", "new"}  # "the one candidate who ...", "the new mayor"
SPEECH_VERBS = load_words("speech_verbs")
OUTSIDER_WORDS = load_words("outsider_words")  # "the political neophyte": no office held, ever
POLITICAL_OFFICES = load_words("political_offices")
# nouns of a body, never of a person: a name set after one is another's ("the face of the party, Ann Lee")
BODY_NOUNS = ORG_WORDS | load_words("organisation_nouns") | load_words("company_nouns")
_BRACKET_PARTY = re.compile(r"\s*\((R|D|I)\s*[-–,]\s*[A-Z]")
_BRACKET_PARTIES = {"R": "republican", "D": "democratic", "I": "independent"}


@dataclass(frozen=True)
class Description:
    """Words that refer back to one entity, with the rule that linked them."""

    span: Span
    entity_id: str
    rule: str
    confidence: float = CONFIDENCE
    alias: bool | None = None  # set for what the text says a person is (kg.indefinites decides)
    phrase: Span | None = None  # the words a speaker phrase starts with, when wider: "his father" of "father"

    @property
    def specific(self) -> bool:
        """Does it say more than a bare head ("the Texas senator", a handle; not "the party")? Only
        such words can stand for the entity beyond this article (an alias of its node)."""
        if self.alias is not None:
            return self.alias
        return self.rule in ("handle", "nickname") or len(self.span.text.split()) > 2

    @property
    def names_speaker(self) -> bool:
        """May a speaker phrase that starts with these words be the entity? Not a predicate ("Lee is
        a lawyer": what she is, never a phrase that speaks) nor one's own party."""
        return self.rule not in (f"{INDEFINITE} predicate", OWN_PARTY, RIVAL, RESPECTIVE)


def party_of(word: str) -> str | None:
    """A party word folded: "GOP", "Republicans" → republican; None for other words."""
    low = word.lower().removesuffix(" party")
    low = PARTY_NAMES.get(low, low)
    low = low[:-1] if low.endswith("s") and low[:-1] in PARTIES else low
    return low if low in PARTIES else None


def role_head(name: str) -> str:
    """The head word of a role name: "presidential nominee" → nominee, "secretary of state" → secretary."""
    words = name.lower().split()
    cut = next((k for k, w in enumerate(words) if w in ("of", "in", "to", "for") and k), len(words))
    return words[cut - 1].split("-")[-1] if words else ""


class _Evidence:
    """What the article says about each person before a given point: roles, descriptors, party."""

    def __init__(self, doc: Doc, index: EntityIndex, role_triples: Sequence[Triple]) -> None:
        self.index = index
        self.first: dict[str, int] = {}
        self.mentions: dict[str, list[int]] = defaultdict(list)
        self.clusters: dict[str, Cluster] = {}
        for cluster in index.clusters_before(len(index.text) + 1):
            starts = sorted(m.start for m in cluster.mentions)
            if starts:
                self.clusters[cluster.id] = cluster
                self.first[cluster.id] = starts[0]
                self.mentions[cluster.id] = starts
        # head → person → (first char, orgs named with the role)
        self.roles: dict[str, dict[str, tuple[int, set[str]]]] = defaultdict(dict)
        self.former: set[tuple[str, str]] = set()  # (head, person): a role of that head the person held before
        self.parties: dict[str, set[str]] = defaultdict(set)
        # (head, person): a role given with a year before it ("the 2012 GOP nominee"), and one without
        self.dated: set[tuple[str, str]] = set()
        self.undated: set[tuple[str, str]] = set()
        # (head, person) → the words of the person's roles of that head and of their bodies ("secretary",
        # "of", "state"): a description's common-noun body ("the president of a gun group") must be among them
        self.role_words: dict[tuple[str, str], set[str]] = defaultdict(set)
        for t in role_triples:
            if t.evidence.confidence < NAMED or t.object.name is None:
                continue
            head = role_head(t.object.name)
            lesser = "+".join(sorted(set(t.object.name.lower().replace("-", " ").split()) & LESSER))
            head = f"{lesser}+{head}" if lesser else head  # "vice president" is no evidence for "the president"
            start = t.subject.mention.start if t.subject.mention else 0
            first, orgs = self.roles[head].get(t.subject.id, (start, set()))
            org = t.qualifier("org")
            if isinstance(org, str):
                orgs = orgs | {org.lower()}
                if (party := party_of(org)) is not None:
                    self.parties[t.subject.id].add(party)
            self.roles[head][t.subject.id] = (min(first, start), orgs)
            self.role_words[head, t.subject.id].update(" ".join((t.object.name, *orgs)).lower().split())
            if t.qualifier("qualifier") == "former":
                self.former.add((head, t.subject.id))
            if t.object.span is not None and _year_before(doc, index, t.object.span.start):
                self.dated.add((head, t.subject.id))
            else:
                self.undated.add((head, t.subject.id))
        self.descriptors: dict[str, dict[str, int]] = defaultdict(dict)  # head → person → char
        # (head, person) → the words the text set before that head for the person ("real estate" of "a real
        # estate mogul", "former" of "a former reality TV star"): a later description's nouns must be among them
        self.descriptor_words: dict[tuple[str, str], set[str]] = defaultdict(set)
        table = token_table(doc)
        for i, (pos, char) in enumerate(zip(table.pos, table.idx, strict=True)):
            if pos == "NOUN":  # a descriptor is a noun: no other word is tried
                self._read_descriptor(doc[i])
            if (cluster := index.cluster_at_char(char)) is not None and cluster.type == "Person":
                self._read_party(doc[i])  # (only a person's word can tie a party to a person)

    def learn(self, token: Token, found: Description) -> None:
        """What a description set beside a person's name ("Ann Lee - the first-term senator from
        Ohio") tells later descriptions: its head
        is a role the person holds from there on (with the bodies, nations and party it names), or
        for a noun that is no role a descriptor given ("the businessman"). Roles the extractor
        found beside a name come first: this adds only what they missed."""
        words = _description_words(token) or [token]
        modifiers = [t for t in words if t.i < token.i and t.lower_ != "the"]
        head = token.lemma_.lower()
        lesser = "+".join(sorted({t.lower_ for t in modifiers} & LESSER))
        held = f"{lesser}+{head}" if lesser else head
        pid = found.entity_id
        if not is_head(token):
            self.descriptors[head].setdefault(pid, found.span.start)
            self.descriptor_words[head, pid].update(_written_words(modifiers), (t.lower_ for t in modifiers))
            return
        if pid in self.roles.get(held, {}):
            return
        named = {demonyms().get(w, w).lower() for t in words if t.ent_type_ in ("ORG", "GPE", "NORP") and t.i != token.i
                 for w in [_org_words(t)]}
        self.roles[held][pid] = (found.span.start, named)
        self.role_words[held, pid].update(t.lower_ for t in words)
        self.undated.add((held, pid))
        self.parties[pid].update(p for t in modifiers if (p := party_of(t.text)) is not None)
        if any(w in PAST for w in _written_words(modifiers)):
            self.former.add((held, pid))

    def classes_held(self, pid: str) -> set[str]:
        """The role classes (``role_classes.txt``) of the roles the person holds in the article."""
        return {kind for head, holders in self.roles.items() if pid in holders
                if (kind := role_classes().get(head.rpartition("+")[2])) is not None}

    def person(self, token: Token) -> Cluster | None:
        cluster = self.index.cluster_at(token)
        return cluster if cluster is not None and cluster.type == "Person" else None

    def _read_descriptor(self, token: Token) -> None:
        """"Trump, a billionaire businessman", "an entrepreneur named Donald Trump", "X is a mogul"."""
        if token.pos_ != "NOUN" or not token.text.islower() or not any(
                c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children):
            return  # "a billionaire businessman": what the text says the person is, not who
        if _quoted(self.index.text, token.idx):
            return  # '"Marco is still a rising star," Hill said': a speaker's judgement, no descriptor

        person = None
        if token.dep_ == "appos":
            person = self.person(token.head)
        elif token.dep_ == "attr" and token.head.lemma_ == "be":
            subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
            person = self.person(subject) if subject is not None else None
        else:
            named = next((c for c in token.children if c.dep_ == "acl" and c.lower_ == "named"), None)
            obj = next((c for c in named.children if c.dep_ in ("oprd", "dobj", "attr")), None) if named else None
            person = self.person(obj) if obj is not None else None
        if person is not None:
            head = token.lemma_.lower()
            self.descriptors[head].setdefault(person.id, token.idx)
            before = [t for t in token.subtree if t.i < token.i and t.dep_ != "det"]
            self.descriptor_words[head, person.id].update(_written_words(before), (t.lower_ for t in before))

    def descriptor_fits(self, head: str, pid: str, modifiers: Sequence[Token], past: bool) -> bool:
        """May a description of a descriptor's head ("the former reality TV star") be the person the
        text gave that descriptor? Only when each noun before its head is one of the descriptor's own
        words and a past one ("former") had a past descriptor: "a rising star" is no "former reality
        TV star", "a real estate mogul" no "casino mogul"; "the mogul" and "the billionaire mogul"
        after "a billionaire real estate mogul" are."""
        words = self.descriptor_words.get((head, pid), set())
        nouns = {t.lower_ for t in modifiers if t.pos_ in ("NOUN", "PROPN") and party_of(t.text) is None}
        return nouns <= words and (not past or bool(words & PAST))

    def _read_party(self, token: Token) -> None:
        """"Republican Donald Trump", "Sen. Ted Cruz (R-Texas)": the party the text ties a person to."""
        person = self.person(token)
        if person is None or (token.i and self.index.cluster_at(token.doc[token.i - 1]) is person):
            return
        before = token.doc[token.i - 1] if token.i else None
        if before is not None and (party := party_of(before.text)) is not None:
            self.parties[person.id].add(party)
        ent = entity_of(token)
        end = ent.end_char if ent is not None else token.idx + len(token.text)
        match = _BRACKET_PARTY.match(self.index.text, end)  # Doc.text rebuilds the string per call
        if match:
            self.parties[person.id].add(_BRACKET_PARTIES[match.group(1)])


def resolve_descriptions(doc: Doc, index: EntityIndex, role_triples: Sequence[Triple]) -> list[Description]:
    """Every description of the document that the text ties to exactly one entity, in order.

    ``role_triples`` are the article's HOLDS_ROLE triples (``kg.extractors.roles.extract``).
    """
    return describe(doc, index, role_triples)[0]


def describe(doc: Doc, index: EntityIndex, role_triples: Sequence[Triple]
             ) -> tuple[list[Description], list[OpenDescription]]:
    """The descriptions the text ties to one entity, and those it leaves open for the corpus
    (:func:`link_across`): a description with modifiers that no one named before it fits here."""
    evidence = _Evidence(doc, index, role_triples)
    out: list[Description] = []
    left: list[OpenDescription] = []
    taken: set[int] = set()
    table = token_table(doc)  # a description's head is a common noun tagged NN: no other word is tried
    # (or a lowercase word tagged NNP before a possessive 's: "the hotel mogul's record", a tagger slip)
    heads = (i for i, tag in enumerate(table.tag) if tag == "NN" and table.pos[i] == "NOUN" or tag == "NNP"
             and i + 1 < len(table.tag) and table.tag[i + 1] == "POS" and doc[i].text.islower())
    for start, end, pid in respective(doc, evidence.person, lambda head: set(evidence.roles.get(head, {}))):
        span = Span.of(index.text, doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
        out.append(Description(span, pid, RESPECTIVE, alias=False))
        taken.add(span.start)
    for token in (doc[i] for i in heads):
        found = _describe(token, evidence)
        if found is not None and found.span.start not in taken:
            taken.add(found.span.start)
            (out if isinstance(found, Description) else left).append(found)
            if isinstance(found, Description) and found.rule in SAID_TO_BE:
                evidence.learn(token, found)  # "Ann Lee, the state senator, ... The senator said"
    spans = [(d.span.start, d.span.end) for d in out]  # (a possessive role another rule read with its "the")
    out.extend(d for d in _possessive_roles(doc, evidence, role_triples)
               if not any(start < d.span.end and d.span.start < end for start, end in spans))
    out.extend(_handles(index.text, index))
    out.extend(_nicknames(index.text, index))
    out.extend(Description(d.span, d.entity_id, f"{INDEFINITE} {d.how}", alias=d.alias)
               for d in said_to_be(doc, index.text, evidence.person) if d.span.start not in taken)
    linked = {d.span.start: d.entity_id for d in out}  # "The GOP nominee ... his own party": the nominee's
    party_nodes = [c for c in evidence.clusters.values() if is_party(c)]
    parties = _parties_said(evidence, out)
    out.extend(Description(span, party, OWN_PARTY, alias=False) for span, party in
               own_parties(doc, index, parties, party_nodes, evidence.person, linked, party_of))
    candidates = [pid for pid, c in evidence.clusters.items() if c.type == "Person"
                  and CANDIDACY in evidence.classes_held(pid)]
    out.extend(Description(span, pid, RIVAL, alias=False) for span, pid in
               rivals(doc, index, candidates, parties, evidence.person, linked, party_of, evidence.first))
    people = [c for c in evidence.clusters.values() if c.type == "Person"]
    out.extend(Description(span, pid, KIN, alias=False, phrase=phrase) for span, phrase, pid in
               kin(doc, index, people, evidence.person, linked))
    out.sort(key=lambda d: (d.span.start, d.span.end))
    return out, left


def _parties_said(ev: _Evidence, described: Iterable[Description]) -> dict[str, set[str]]:
    """The parties the text ties each person to: the evidence's, and a party word of a description
    linked to the person ("the presumptive Republican nominee", "a Democratic pollster")."""
    parties = {pid: set(held) for pid, held in ev.parties.items()}
    for d in described:
        words = [w.strip(",.'\"“”").lower() for w in d.span.text.split()]
        cut = next((k for k, w in enumerate(words) if w in COMPLEMENT_WORDS), len(words))
        if d.entity_id not in ev.clusters or ev.clusters[d.entity_id].type != "Person" or PAST & set(words):
            continue  # (never "a former Democratic senator", nor "a critic of the Republican Party")
        parties.setdefault(d.entity_id, set()).update(p for w in words[:cut] if (p := party_of(w)) is not None)
    return parties


def _describe(token: Token, ev: _Evidence) -> Description | OpenDescription | None:
    words = _description_words(token)
    if words is None:
        return None
    span = Span.of(ev.index.text, words[0].idx, words[-1].idx + len(words[-1].text))
    modifiers = [t for t in words if t.i < token.i and t.lower_ != "the"]
    written = _written_words(modifiers)  # "first-time" is one word: no rank ("the first candidate")
    if any(w in NOT_REFERRING | EVALUATIVE | NOT_POINTING for w in written):
        return None
    if token.dep_ == "appos" and (person := ev.person(token.head)) is not None \
            and _set_beside(token, words, (person := _last_listed(words, person, ev)), ev):
        return Description(span, person.id, "apposition")
    named_after = next((p for c in token.children if c.dep_ == "appos" and (p := ev.person(c)) is not None), None)
    if named_after is None and words[-1].i == token.i and token.i + 2 < len(token.doc) \
            and token.doc[token.i + 1].text == "," and _named_in_apposition(token):
        named_after = ev.person(_name_after_comma(token))  # the parser hung the appositive name elsewhere
    # "the party chairwoman, Representative Ann Lee"; never a body's noun: "the face of the party, Ann Lee"
    if named_after is not None and token.lemma_.lower() not in BODY_NOUNS:
        return Description(span, named_after.id, "apposition")
    head = token.lemma_.lower()
    lesser = "+".join(sorted({t.lower_ for t in modifiers} & LESSER))
    held_head = f"{lesser}+{head}" if lesser else head
    named = {demonyms().get(w, w).lower() for t in words if t.ent_type_ in ("ORG", "GPE", "NORP") and t.i != token.i
             for w in [_org_words(t)]}  # "Russian" names the org "Russia" a role records
    parties = {p for t in modifiers if (p := party_of(t.text)) is not None}
    # "the French president": a nation the person's roles must name ("Obama" holds a bare "President")
    nations = {place.lower() for t in modifiers if (place := demonyms().get(t.lower_)) is not None}
    past = any(w in PAST for w in written)
    # a party among them is the person's party (one of another party is no one it fits), never one
    # of the role's bodies
    bodies = {n for n in named if party_of(n) is None}
    other_party = {pid for pid, held in ev.parties.items() if parties and held and not parties & held}
    body = _common_body(words, token)  # "the president of a gun violence prevention group": whose group?
    fits: dict[str, str] = {}
    # "the GOP nominee" is not "the 2012 GOP nominee": a role held in a year the description does not name
    dated = set() if any(t.like_num for t in modifiers) else ev.dated - ev.undated
    for pid, (first, orgs) in ev.roles.get(held_head, {}).items():
        if (held_head, pid) in dated or pid in other_party or body and not body <= ev.role_words[held_head, pid]:
            continue
        if first < token.idx and not (bodies and orgs and not bodies <= orgs) and nations <= orgs and (
                held_head, pid) in ev.former | (set() if past else {(held_head, pid)}):
            fits[pid] = "role held"
    kind = role_classes().get(head)
    if not fits and kind is not None and not past:
        for held, holders in ev.roles.items():
            for pid, (first, orgs) in holders.items():
                if held != head and role_classes().get(held) == kind and first < token.idx and pid not in other_party \
                        and not (bodies and orgs and not bodies <= orgs) and nations <= orgs \
                        and not (body and not body <= ev.role_words[held, pid]):
                    fits[pid] = "role held"
    # "the billionaire candidate": a modifier that is itself a kind of standing the person must hold
    standing = {role_classes()[w] for w in written if w in role_classes()}
    fits = {pid: why for pid, why in fits.items() if standing <= ev.classes_held(pid)}
    if fits and kind == CANDIDACY and not parties and not named and _rival_candidates(ev, token, set(fits)):
        return None  # "the nominee" when "Clinton, the Democratic candidate" is named beside "nominee Trump"
    if not fits and not {n for n in named if party_of(n) is None}:
        # (a descriptor says nothing of a body or place the description names: "the Senate Democratic leader")
        for pid, at in ev.descriptors.get(head, {}).items():
            if at < token.idx and ev.descriptor_fits(head, pid, modifiers, past):
                fits[pid] = "descriptor given"
    if not fits and kind == CANDIDACY and parties:
        for pid, held in ev.parties.items():
            if held & parties and ev.first.get(pid, len(ev.index.text)) < token.idx \
                    and not any((h, pid) in dated for h, holders in ev.roles.items() if pid in holders
                                and role_classes().get(h.rpartition("+")[2]) == CANDIDACY):
                fits[pid] = "party candidate"
        nearest = _last_named(ev, token)
        if nearest is not None and nearest not in fits and not ev.parties.get(nearest):
            fits = {}  # "... talking to Donald Trump. The GOP front-runner said": of a party the text never says
    if not fits and modifiers and (pid := _speaker_continued(token, ev)) is not None \
            and _may_describe(pid, ev, held_head, bodies, nations, standing, token):
        fits = {pid: "speaker continued"}  # '"...," Ann Lee said. The Ohio Republican added ...'
    if len(fits) > 1 and (pid := _speaker_continued(token, ev)) in fits:
        # '"...," Ann Lee told the paper. "...," the candidate said': of two candidates, the one speaking on
        fits = {pid: "speaker continued"}
    if not fits and not modifiers and token.text.islower():
        org = _party_meant(token, ev) if head == "party" else _organisation(token, ev)
        if org is not None:
            return Description(span, org.id, "organisation head")
    if token.dep_ in ("attr", "oprd"):  # "Ruiz will become the nominee": said of Ruiz, never another holder
        said_of = _predicated_of(token, ev)
        if said_of is None or parties and ev.parties.get(said_of) and not parties & ev.parties[said_of]:
            return None
        return Description(span, said_of, "predicate")
    if not fits and body:
        return None  # a body no role of the article names: someone new, whom the corpus's roles cannot tell either
    # "the senator from Vermont" says more than its head (a complement of a role noun; not "the end of the day")
    # a bare role noun ("the candidate") too, for one of the people named in the sentences just before it
    if not fits and (modifiers or is_head(token)):
        firms = {_org_words(t).lower() for t in words if t.ent_type_ == "ORG" and t.i != token.i
                 and t.text[:1].isupper() and party_of(_org_words(t)) is None}  # (never "of state")
        return _left_open(token, span, held_head, named, parties, ev, past=past, standing=standing, dated=dated,
                          bare=not modifiers and words[-1].i == token.i, firms=firms)
    fits = {pid: why for pid, why in fits.items() if not (parties and ev.parties.get(pid) and not parties
                                                          & ev.parties[pid])}
    if len(fits) != 1:
        return None
    pid, why = next(iter(fits.items()))
    if not modifiers and why != "speaker continued" and not _recent(ev, pid, token):
        return None  # (the one speaking on was named in the sentence just before)
    if pid not in ev.clusters or _same_clause(token, ev.clusters[pid], ev):
        return None
    if (second := _second_head(token)) is not None:  # "the influential delegate and conservative activist"
        span = Span.of(ev.index.text, span.start, max(span.end, second.idx + len(second.text)))
    return Description(span, pid, why)


def _second_head(token: Token) -> Token | None:
    """A second person's noun joined by "and" to the description's head under its one "the" ("the
    delegate and conservative activist": one person, two heads), when no verb says they are two
    ("the senator and governor agree") and nothing follows the first head but the "and"."""
    doc = token.doc
    if token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "and" \
            or token.dep_ == "nsubj" and token.head.tag_ == "VBP":
        return None
    conj = next((c for c in token.children if c.dep_ == "conj"), None)
    if conj is None or not _common_noun(conj) or not conj.text.islower() or not is_head(conj):
        return None
    if any(t.dep_ in ("det", "poss") or t.pos_ not in ("ADJ", "NOUN") or not t.text.islower()
           for t in doc[token.i + 2:conj.i]):
        return None
    return conj


def _set_beside(token: Token, words: list[Token], person: Cluster, ev: _Evidence) -> bool:
    """Is an appositive description set right beside the person's name — after its comma or bracket,
    the name's own words before it ("Ted Cruz, the Texas senator", "Sen. Ann Lee of Ohio, the
    Democratic leader"; "Ann Lee, now the majority leader") — or before the name? The parser hangs an
    appositive far along the sentence on a name too ("Perez and Castro met at the Center for American
    Progress, the think tank founded by …"): then it describes whatever stands before its comma."""
    first, name = words[0], token.head
    mark = word_before(first.doc, first.i) if first.i > 0 else None
    if mark is not None and mark.lower_ in STILL_WORDS and mark.head.i in (name.i, token.i) and mark.i > 0:
        mark = word_before(first.doc, mark.i)  # "Ann Lee, now the state senate majority leader, ..."
    before = word_before(first.doc, mark.i) if mark is not None and mark.i > 0 else None
    if mark is None or mark.text not in (",", "(", "—", "–", "-") or before is None or before.is_space:
        # at the start of a clause: set before the name ("The party chairwoman, Representative Ann Lee")
        return first.i < min((t.i for t in first.sent if ev.person(t) is person), default=first.i + 1)
    return name.i <= before.i and before in name.subtree and before not in token.subtree


def _common_body(words: list[Token], token: Token) -> set[str]:
    """The nouns of a description's of-complement that names a body in common nouns after a
    determiner ("of a leading gun violence prevention group", "of the company"): only a holder
    whose roles name those words is meant, never one who holds its head elsewhere ("President
    Obama" is no "president of a gun violence group"). Empty for no such complement, a named body
    ("of the United States", tested as a body) or a title's own words ("secretary of state")."""
    tail = [t for t in words if t.i > token.i]
    if not tail or tail[0].lower_ != "of" or any(t.ent_type_ or t.pos_ == "PROPN" for t in tail) \
            or not any(t.pos_ == "DET" for t in tail):
        return set()
    return {t.lower_ for t in tail if t.pos_ == "NOUN"}


def _last_listed(words: list[Token], person: Cluster, ev: _Evidence) -> Cluster:
    """The person an appositive after a list of names describes: the one named right before its
    comma ("Clinton, Trump and Cruz, the Texas senator" is Cruz), not the list's first name, on
    which the parser hangs it; ``person`` when no other person of the list stands there."""
    mark = word_before(words[0].doc, words[0].i) if words[0].i > 0 else None
    before = word_before(mark.doc, mark.i) if mark is not None and mark.text == "," and mark.i > 0 else None
    listed = ev.person(before) if before is not None and before.dep_ == "conj" else None
    return listed if listed is not None and listed is not person else person


def _predicated_of(token: Token, ev: _Evidence) -> str | None:
    """The person a predicate description is said of: the named subject of "be" or "become"
    ("Ann Lee would become the Republican nominee"); never under a negation ("is not the nominee")."""
    verb = token.head
    if token.dep_ != "attr" or verb.lemma_.lower() not in ("be", "become", "remain") \
            or any(c.dep_ == "neg" for c in verb.children):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and any(c.dep_ == "conj" for c in subject.children):
        return None  # "Trump or Cruz to be the nominee": said of neither alone
    person = ev.person(subject) if subject is not None else None
    return person.id if person is not None else None


def _speaker_continued(token: Token, ev: _Evidence) -> str | None:
    """The person who goes on speaking: the description, headed by a person's role noun, is the
    subject of a speech verb in a sentence that names no one before the verb (names in what is said
    are no speaker, but never the person before: "The senator said Lee was wrong"), and the sentence before (past ones
    that name no one and have no "he"/"she" subject: the rest of a quotation) names one person
    only outside its quotations, the subject of its speech verb ('"... Tom Ashby ...," Ann Lee
    said. The Republican incumbent, who backs Ashby, added ...'). Never after a sentence that names
    two people or where the person only acts, nor for a body ("The DA caucus in the council
    blamed ...")."""
    if token.dep_ != "nsubj" or token.head.lemma_.lower() not in SPEECH_VERBS or not is_head(token):
        return None  # (a person's role noun: "the DA caucus blamed ..." is a body, never the speaker before)
    doc, sentence = token.doc, token.sent
    verb = token.head
    # people named in what is said ("... said that voting for Trump ...") are no speaker; anyone before
    # the verb might be the one described, and the speaker before must not be named here at all
    named_here = {p.id for t in sentence if (p := ev.person(t)) is not None}
    heads = (token, *(c for c in token.children if c.dep_ == "conj"))  # "the delegate and activist, who ..."
    own_clause = {t.i for h in heads for c in h.children if c.dep_ == "relcl" for t in c.subtree}
    if any(ev.person(t) is not None for t in sentence if t.i < verb.i and t.i not in own_clause):
        return None  # (a name in the description's own relative clause is not it: "who backs Cruz")
    for _ in range(3):
        if sentence.start == 0:
            return None
        sentence = doc[sentence.start - 1].sent
        people = {p.id for t in sentence if (p := _person_or_name(t, ev)) is not None
                  and not _quoted(ev.index.text, t.idx)}  # a name in what was said is no one speaking
        if not people:
            if any(t.lower_ in ("he", "she") and t.dep_ in ("nsubj", "nsubjpass") for t in sentence):
                return None  # who "she" is, this rule does not tell
            continue
        speakers = {p.id for t in sentence if t.dep_ == "nsubj" and t.head.lemma_.lower() in SPEECH_VERBS
                    and (p := _person_or_name(t, ev)) is not None}
        return next(iter(speakers)) if len(people) == 1 and speakers == people and not people & named_here \
            else None
    return None


def _person_or_name(token: Token, ev: _Evidence) -> Cluster | None:
    """The person a word names: its cluster, or for a capitalised word the model gave no name of a
    place or body ('"...," Trump told ABC' tagged a work of art) the one person of the article that
    name designates (:meth:`EntityIndex.person_named`)."""
    if (person := ev.person(token)) is not None or ev.index.cluster_at(token) is not None:
        return person
    if token.pos_ != "PROPN" or token.ent_type_ in ("ORG", "GPE", "LOC", "FAC", "NORP"):
        return None
    return ev.index.person_named(token.text)


def _may_describe(pid: str, ev: _Evidence, head: str, bodies: set[str], nations: set[str], standing: set[str],
                  token: Token) -> bool:
    """Can the description be the person, by what the article says before it? No one else named
    before holds its head; the person's roles name every nation and body it names (a party is
    tested apart); the person holds each standing its modifiers name."""
    if any(other != pid and first < token.idx for other, (first, _orgs) in ev.roles.get(head, {}).items()):
        return False
    orgs = set().union(*(o for holders in ev.roles.values() for p, (_f, o) in holders.items() if p == pid))
    return nations <= orgs and (not bodies or bodies <= orgs) and standing <= ev.classes_held(pid)


def _written_words(tokens: Sequence[Token]) -> list[str]:
    """The words of ``tokens`` as written, lowercased, a hyphenated compound one word: "first-time",
    "one-time" (a novice's, a past standing), not the rank "first" or the pointing "one"."""
    out: list[str] = []
    glue = False
    for t in tokens:
        if t.text == "-" and out and not t.whitespace_ and t.i and not t.doc[t.i - 1].whitespace_:
            out[-1] += "-"
            glue = True
        elif glue:
            out[-1] += t.lower_
            glue = False
        else:
            out.append(t.lower_)
    return out


def _before_possessive(doc: Doc, i: int) -> bool:
    """Is ``doc[i]`` right before a possessive 's ("the hotel mogul's record")? There the small model
    often tags a lowercase common noun a proper one (NNP)."""
    return i + 1 < len(doc) and doc[i + 1].tag_ == "POS"


def _common_noun(token: Token) -> bool:
    """A singular common noun: tagged NN, or a lowercase word tagged NNP before a possessive 's."""
    if token.tag_ == "NN" and token.pos_ == "NOUN":
        return True
    return token.tag_ == "NNP" and token.text.islower() and _before_possessive(token.doc, token.i)


def _year_before(doc: Doc, index: EntityIndex, start: int) -> bool:
    """Does a year stand among the few words before a role ("the 2012 GOP nominee", "his 2008
    campaign manager")? Such a role is of that year, not the one a description without it means."""
    token = index.token_at(start)
    if token is None:
        return False
    for k in range(token.i - 1, max(-1, token.i - 4), -1):
        word = doc[k].text
        if len(word) == 4 and word.isdigit() and 1900 <= int(word) <= 2100:
            return True
        if doc[k].pos_ in ("DET", "VERB", "AUX", "ADP", "PUNCT") or doc[k].lower_ in ("'s", "’s"):
            return False
    return False


def _rival_candidates(ev: _Evidence, token: Token, fits: set[str]) -> bool:
    """Does someone besides ``fits``, named before ``token``, hold a role of the candidacy class
    beside a name (a candidate, nominee, front-runner of any party)?"""
    return any(pid not in fits and first < token.idx for held, holders in ev.roles.items()
               if role_classes().get(held.rpartition("+")[2]) == CANDIDACY for pid, (first, _orgs) in holders.items())


def _left_open(token: Token, span: Span, head: str, orgs: set[str], parties: set[str], ev: _Evidence, *,
               past: bool, standing: set[str], dated: set[tuple[str, str]], bare: bool = False,
               firms: set[str] = frozenset()) -> OpenDescription | None:
    """A description no one named before it fits in its article, with the people it may be: those
    named before it, not in its own clause, of no other party than it names, and not one the
    article gives its head only with a year it does not name ("the GOP nominee" is not the "2012
    GOP presidential nominee Ann Lee" of its article, whatever the corpus says of her). A bare
    head ("the candidate") also lists those named within :data:`BARE_REACH` sentences before it:
    the one the corpus picks must be one of them."""
    candidates = tuple(sorted(
        pid for pid, cluster in ev.clusters.items()
        if cluster.type == "Person" and ev.first[pid] < token.idx and not _same_clause(token, cluster, ev)
        and not (parties and ev.parties.get(pid) and not parties & ev.parties[pid]) and (head, pid) not in dated))
    if not candidates:
        return None
    near = tuple(pid for pid in candidates if _recent(ev, pid, token)) if bare else None
    # a person named after it may be meant only before its paragraph ends (a lede's "the candidate ... Ann
    # Lee"); one first named paragraphs later is no one a reader had in mind
    end = ev.index.text.find("\n", token.idx)
    end = len(ev.index.text) if end < 0 else end
    later = tuple(sorted(pid for pid, cluster in ev.clusters.items() if cluster.type == "Person"
                         and token.idx <= ev.first[pid] < end)) if bare else ()
    outsider = bool(set(re.findall(r"[a-z-]+", span.text.lower())) & OUTSIDER_WORDS)
    return OpenDescription(span, head, tuple(sorted(orgs)), tuple(sorted(parties)), candidates, past=past,
                           standing=tuple(sorted(standing)), near=near, later=later, outsider=outsider,
                           firms=tuple(sorted(firms)),
                           quoted=bare and _quoted(ev.index.text, span.start))


def _quoted(text: str, start: int) -> bool:
    """Does ``start`` stand inside a quotation its paragraph opened before it (an odd number of
    straight quotation marks, or more opening curly ones than closing)?"""
    before = text[text.rfind("\n", 0, start) + 1:start]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def _description_words(token: Token) -> list[Token] | None:
    """The words of a definite description headed by ``token`` ("the former secretary of state"),
    or None: not a singular common noun after "the", a possessor, pronoun or name among its
    modifiers, or a name right after it."""
    if not _common_noun(token) or not token.text.islower() or token.ent_type_ in ("PERSON", "ORG"):
        return None
    det = [c for c in token.children if c.dep_ == "det" and c.i < token.i]
    if not det and (glued := _glued_to_next_object(token)) is not None:
        return glued  # "ask the GOP front-runner a question": the parser made it a compound of "question"
    if len(det) != 1 or det[0].lower_ != "the":
        return None
    doc = token.doc
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if nxt is not None and (nxt.ent_type_ == "PERSON" or nxt.text == "," and token.i + 2 < len(doc)
                            and doc[token.i + 2].ent_type_ == "PERSON" and not _named_in_apposition(token)):
        return None  # "the senator Ted Cruz": the title rules own it (", Ted Cruz" in apposition is his)
    left = sorted({t for c in token.children if c.i < token.i for t in c.subtree}, key=lambda t: t.i)
    while left and left[0].dep_ == "advmod" and left[0].lower_ in STILL_WORDS:  # "(Lee,) now the majority leader"
        left = left[1:]
    if any(t.dep_ == "poss" or t.pos_ in ("PRON", "PROPN") and t.ent_type_ == "PERSON" or t.pos_ == "PRON"
           for t in left):
        return None
    if any(t.is_punct and t.text not in ("-", "“", "”", '"') for t in left):
        return None
    words = [*left, token]
    while words[0].is_punct:  # an opening quotation mark before "the" is no word of the description
        words = words[1:]
    if words[0].lower_ != "the" or any(t.lower_ == "then" for t in words):
        return None  # "the then-little-known senator": who held it then, kg's roles do not tell
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "from") and c.i == token.i + 1),
              None)
    tail = [t for t in of.subtree if t.dep_ != "case" and not t.is_punct] if of is not None else []
    # "the secretary of state and current party chair": a second description starts at the "and"
    # ("the secretary of health and human services" is one body)
    cut = next((k for k, t in enumerate(tail) if t.dep_ == "cc" and (k + 1 == len(tail) or tail[k + 1].pos_ in (
        "ADJ", "DET"))), None)
    tail = tail if cut is None else tail[:cut]
    if of is not None and of.lower_ == "from":  # "the senator from Vermont": the place the person stands for
        of = of if len(tail) > 1 and all(t.ent_type_ == "GPE" for t in tail[1:]) else None
    if of is not None:
        if any(t.ent_type_ == "PERSON" or t.pos_ == "PRON" for t in tail) or \
                [t.i for t in tail] != list(range(of.i, of.i + len(tail))):
            return None
        words += tail
    return words


def _glued_to_next_object(token: Token) -> list[Token] | None:
    """The words "the ... NOUN" of a first object the parser glued onto a second one as its compound
    ("ask the GOP front-runner a question": "runner" a compound of "question", which has two
    determiners, "the" before the noun and "a" right after it), or None."""
    head, doc = token.head, token.doc
    if token.dep_ != "compound" or head.pos_ != "NOUN" or token.i + 1 >= len(doc):
        return None
    dets = sorted((c for c in head.children if c.dep_ == "det"), key=lambda c: c.i)
    if len(dets) != 2 or dets[0].lower_ != "the" or dets[1].i != token.i + 1 or dets[1].lower_ not in ("a", "an"):
        return None
    words = list(doc[dets[0].i:token.i + 1])
    if any(t.ent_type_ == "PERSON" or t.pos_ == "PRON" or t.dep_ == "poss" or t.is_punct and t.text != "-"
           for t in words):
        return None
    return words


def _named_in_apposition(token: Token) -> bool:
    """Is a name set off in apposition right after the description ("the presumptive Republican
    nominee, Donald J. Trump, in a poll", "the party chairwoman, Representative Ann Lee of Ohio;"),
    a title before it and "of" a place after it allowed? Then the description is that person's (the
    apposition rule), wherever the parser hung the name: an appositive set off by commas, never an
    item of a list ("the mayor, Tom Ashby and Ann Lee")."""
    doc = token.doc
    first = _name_after_comma(token)
    name = entity_of(first)
    if name is None or name.start != first.i:
        return False
    end = name.end
    if end + 1 < len(doc) and doc[end].lower_ in ("of", "from") and (place := entity_of(doc[end + 1])) is not None \
            and place.label_ == "GPE" and place.start == end + 1:
        end = place.end  # "Representative Ann Lee of Ohio, ..."
    if end >= len(doc) or doc[end].text not in (",", ".", ";"):
        return False
    return any(t.dep_ in ("appos", "npadvmod") for t in name)  # (npadvmod: a parser slip after a title)


def _name_after_comma(token: Token) -> Token:
    """The word that opens the name after the description's comma, past a title or honorific
    ("the party chairwoman, Representative Ann Lee": Ann)."""
    doc, k = token.doc, token.i + 2
    while k + 1 < len(doc) and k < token.i + 4 and doc[k].lower_.rstrip(".") in TITLES_OR_HONORIFICS \
            and doc[k].text[:1].isupper():
        k += 1
    return doc[k]


def _org_words(token: Token) -> str:
    ent = entity_of(token)
    text = (ent.text if ent is not None else token.text).lower()
    return text.removeprefix("the ")


def _last_named(ev: _Evidence, token: Token) -> str | None:
    """The person named last before ``token``."""
    last = {pid: max((s for s in starts if s < token.idx), default=-1) for pid, starts in ev.mentions.items()
            if ev.clusters[pid].type == "Person"}
    pid = max(last, key=lambda p: last[p], default=None)
    return pid if pid is not None and last[pid] >= 0 else None


def _recent(ev: _Evidence, pid: str, token: Token) -> bool:
    """Is the person's last mention before ``token`` within :data:`BARE_REACH` sentences of it?"""
    before = [s for s in ev.mentions.get(pid, []) if s < token.idx]
    if not before:
        return False
    sentences = ev.index.sentences
    here = next(k for k, s in enumerate(sentences) if s.start_char <= token.idx < s.end_char)
    there = next((k for k, s in enumerate(sentences) if s.start_char <= before[-1] < s.end_char), here)
    return here - there <= BARE_REACH


def _same_clause(token: Token, cluster: Cluster, ev: _Evidence) -> bool:
    """Is the person the subject or object of the description's own clause ("Cruz attacked the
    senator")? Then the description means someone else."""
    verb = token
    while verb.dep_ not in ("ROOT",) and verb.pos_ not in ("VERB", "AUX") and verb.head is not verb:
        verb = verb.head
    for child in verb.children:
        # the argument itself, not a relative clause or possessor inside it ("Clinton, who was
        # tied with Trump, is ahead of the GOP challenger" is about Trump)
        words = (child, *(c for c in child.children if c.dep_ in ("compound", "flat")))
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "iobj") and child.i != token.i \
                and any(ev.index.cluster_at(t) is cluster for t in words):
            return True
    return False


def _organisation(token: Token, ev: _Evidence) -> Cluster | None:
    """The one organisation named before ``token`` whose name has the description's head noun
    ("the bureau" → Federal Bureau of Investigation)."""
    head = token.lower_
    fits = []
    for cluster in ev.clusters.values():
        if cluster.type != "Organization" or ev.first[cluster.id] >= token.idx:
            continue
        words = cluster.name.lower().split()
        cut = words.index("of") if "of" in words[1:] else len(words)
        if cut and words[cut - 1] == head:
            fits.append(cluster)
    return fits[0] if len(fits) == 1 and _recent(ev, fits[0].id, token) else None


def _party_meant(token: Token, ev: _Evidence) -> Cluster | None:
    """The party a bare "the party" means: the one party whose words ("Democratic leaders",
    "Republicans", "the GOP") stand nearest before it — in its sentence, else in the one before,
    else the one before that —, when the article names that party (its Organization node); none
    when the nearest sentence that speaks of a party speaks of two."""
    sentences = ev.index.sentences
    here = next(k for k, s in enumerate(sentences) if s.start_char <= token.idx < s.end_char)
    said: set[str] = set()
    for k in range(here, max(-1, here - BARE_REACH - 1), -1):
        words = token.doc[sentences[k].start:min(sentences[k].end, token.i)]
        said = {p for t in words if t.text[:1].isupper()  # "Democrats" too: the party's members
                and (p := party_of(t.text) or party_of(t.text.removesuffix("s"))) is not None}
        if said:
            break
    if not said:
        return _organisation(token, ev)  # no party spoken of nearby: a party named just before, as any body
    if len(said) != 1:
        return None
    party = next(iter(said))
    fits = [c for c in ev.clusters.values() if is_party(c) and party_of(c.name) == party
            and ev.first[c.id] < token.idx]
    return fits[0] if len(fits) == 1 else None


def _possessive_roles(doc: Doc, ev: _Evidence, role_triples: Sequence[Triple]) -> list[Description]:
    """"Donald Trump's campaign manager", "Trump's 41-year-old campaign manager", "DuPont's longtime
    chief executive", "Mrs. Obama's chief of staff" → the one person the article gives that role for
    that owner, a person or an organisation ("Trump campaign manager Corey Lewandowski", the role's
    org naming the owner), wherever in the article: a possessor is no determiner the other rules read."""
    holders, named_for = _owned_role_holders(ev, role_triples)
    out: list[Description] = []
    for token in doc:
        if not (token.tag_ == "NN" and token.pos_ == "NOUN" and token.text.islower()):
            continue
        owner_word = next((c for c in token.children if c.i < token.i and _possessor(c)), None)
        owner = ev.index.cluster_at(owner_word) if owner_word is not None else None
        if owner is None or owner_word is None or owner.type not in ("Person", "Organization", "Place"):
            continue
        named = ev.person(token.head) if token.dep_ == "appos" else None
        fits = {(named.id, end) for (role, owner_id, past), people in named_for.items() if owner_id == owner.id
                and named.id in people and (end := _owned_role_end(token, owner_word, role, past=past)) is not None
                } if named is not None else set()  # "Bush, Florida's former governor": beside the name, his
        fits = fits or {(pid, end) for (role, owner_id), people in holders.items() if owner_id == owner.id
                        and (end := _owned_role_end(token, owner_word, role)) is not None for pid in people}
        if len(fits) != 1:
            continue
        [(pid, end)] = fits
        if pid == owner.id or pid not in ev.clusters or _other_name_after(doc[end], pid, ev):
            continue
        beside = token.dep_ == "appos" and ev.index.cluster_at(token.head) is ev.clusters[pid]
        if not beside and _same_clause(token, ev.clusters[pid], ev):
            continue  # ("Ann Lee, Trump's campaign manager, said": set beside her name, it is hers)
        last = doc[end]
        first = _owner_start(owner_word)
        out.append(Description(Span.of(ev.index.text, first.idx, last.idx + len(last.text)), pid, "possessive role"))
    return out


def _possessor(token: Token) -> bool:
    """Is ``token`` a possessor: "poss", or a noun with a possessive 's the parser hung as a modifier
    ("Trump's 41-year-old campaign manager" read as nmod)?"""
    return token.dep_ == "poss" or token.dep_ == "nmod" and any(
        c.dep_ == "case" and c.lower_ in ("'s", "’s") for c in token.children)


def _owner_start(owner: Token) -> Token:
    """The first word of the owner's name with its title and place ("California Rep. Duncan Hunter")."""
    doc, first = owner.doc, owner
    while first.i > 0 and doc[first.i - 1].head.i in range(first.i, owner.i + 1) and (
            doc[first.i - 1].pos_ == "PROPN" or doc[first.i - 1].text == "."):
        first = doc[first.i - 1]
    return first


def _owned_role_holders(ev: _Evidence, role_triples: Sequence[Triple]
                        ) -> tuple[dict[tuple[str, str], set[str]], dict[tuple[str, str, bool], set[str]]]:
    """(role words, owner) → the people the text gives that role for that person, organisation or
    place ("Trump campaign manager Corey Lewandowski": org "Trump"); a holder of the role for no one
    named, or a past or coming one, makes it anyone's: then the role's key holds every such person
    too. And (role words, owner, past) → the people given it for that owner, whoever else holds it
    (what a possessive role set beside one of their names may be: "Bush, Florida's former governor")."""
    owned: dict[tuple[str, str], set[str]] = defaultdict(set)
    named_for: dict[tuple[str, str, bool], set[str]] = defaultdict(set)
    loose: dict[str, set[str]] = defaultdict(set)
    for t in role_triples:
        if t.evidence.confidence < NAMED or t.object.name is None:
            continue
        words = " ".join(t.object.name.lower().split())
        owner = _owner_named(ev, t)
        if owner is not None and t.qualifier("qualifier") in (None, "former"):
            named_for[words, owner, t.qualifier("qualifier") == "former"].add(t.subject.id)
        if owner is None or t.qualifier("qualifier") is not None:
            loose[words].add(t.subject.id)  # ("campaign manager Ann Lee", "his former campaign manager")
        else:
            owned[words, owner].add(t.subject.id)
    return ({(words, owner): people | loose.get(words, set()) for (words, owner), people in owned.items()},
            named_for)


def _owner_named(ev: _Evidence, t: Triple) -> str | None:
    """The entity a role's org names: its organisation node, else the person or organisation of
    the article its words name ("Donald Trump", "Valeant")."""
    ref = t.qualifier("org_entity")
    if isinstance(ref, EntityRef):
        return ref.id
    org = t.qualifier("org")
    if not isinstance(org, str):
        return None
    if (person := ev.index.person_named(org)) is not None:
        return person.id
    low = org.lower().removeprefix("the ")
    named = [c.id for c in ev.clusters.values() if c.type in ("Organization", "Place")
             and low in {c.name.lower(), *(a.lower() for a in c.aliases)}]
    return named[0] if len(named) == 1 else None


def _owned_role_end(token: Token, owner: Token, role: str, *, past: bool = False) -> int | None:
    """The index of the last word of a role ``role`` ("chief of staff") written after its owner's
    possessive with ``token`` its head ("Trump's 41-year-old campaign manager", "Obama's chief of
    staff"), or None: each word of the role before its head stands between the owner and the head,
    any other word there is an adjective or number that does not rank, judge, date or point
    ("Trump's former/next/new/2008 manager"; with ``past``, a past role, a word that says so is
    needed: "Florida's former governor"), and the words after the head are the role's own."""
    doc = token.doc
    words = role.split()
    cut = next((k for k, w in enumerate(words) if w in ("of", "for", "to", "in") and k), len(words))
    if words[cut - 1] not in (token.lower_, token.lemma_.lower()):
        return None
    between = [t for t in doc[owner.i + 1:token.i] if not (t.dep_ == "case" and t.head.i == owner.i)]
    written = _written_words(between)
    if past != any(w in PAST for w in written):
        return None
    if any(w in NOT_REFERRING | EVALUATIVE | NOT_POINTING for w in written) or any(
            t.pos_ in ("PRON", "PROPN") or t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
            or t.is_punct and t.text != "-" or len(t.text) == 4 and t.text.isdigit() for t in between):
        return None
    lows = [t.lower_ for t in between]
    if not set(words[:cut - 1]) <= set(lows) or any(
            t.pos_ == "NOUN" and t.lower_ not in words and t.head.i == token.i for t in between):
        return None  # ("Trump's finance manager" is not his "campaign manager")
    tail = words[cut:]
    after = [t.lower_ for t in doc[token.i + 1:token.i + 1 + len(tail)]]
    return token.i + len(tail) if after == tail else None


def _other_name_after(last: Token, pid: str, ev: _Evidence) -> bool:
    """Does a name other than the holder's stand right after the role, or after its comma ("Trump's
    campaign manager, Paul Reyes")? Then the title rules say who, not this one."""
    doc = last.doc
    k = last.i + 1 + (last.i + 1 < len(doc) and doc[last.i + 1].text == ",")
    if k >= len(doc) or doc[k].ent_type_ != "PERSON":
        return False
    named = ev.index.cluster_at(doc[k])
    return named is None or named.id != pid


def _handles(text: str, index: EntityIndex) -> list[Description]:
    """Social-media handles that spell a person's full name ("@realDonaldTrump", "tedcruz"), or a
    title and the surname ("GovChristie"): mentions of that person."""
    spelled: dict[str, set[str]] = defaultdict(set)
    for cluster in index.clusters_before(len(text) + 1):
        words = [re.sub(r"[^a-z]", "", w.lower()) for w in cluster.name.split()]
        if cluster.type != "Person" or len(words) < 2 or not all(words):
            continue
        spelled["".join(words)].add(cluster.id)
        for prefix in HANDLE_PREFIXES[2:]:
            spelled[prefix + words[-1]].add(cluster.id)
    if not spelled and "@" not in text and '="' not in text:
        return []  # no one to spell and no handle written as one
    # every prefix + spelled name, to the first prefix (in HANDLE_PREFIXES order) that makes it
    prefixed: dict[str, str] = {}
    for prefix in HANDLE_PREFIXES:
        for name in spelled:
            prefixed.setdefault(prefix + name, prefix)
    out = []
    for match in re.finditer(r"(?<![\w@.])@?([A-Za-z][A-Za-z0-9_]{5,30})(?![\w@])", text):
        handle = match.group(1).lower().replace("_", "")
        ids = spelled.get(handle)
        if ids is None:
            prefix = prefixed.get(handle)
            ids = spelled.get(handle[len(prefix):]) if prefix else None
        # a handle is written so: "@GovMikeHuckabee", a tweet's author="realDonaldTrump" ("AmeriCorps" is a word)
        if ids is None and _written_as_handle(text, match) and (name := _spelled_name(match.group(1))):
            span = Span.of(text, match.start(1), match.end(1))
            if not _named_at(index, span):
                ids = {index.mint("Person", name, span).id}  # "BernieSanders" of a tweet: the person it spells
        elif ids is None and _written_as_handle(text, match) and _account(match.group(1)):
            span = Span.of(text, match.start(1), match.end(1))
            if not _named_at(index, span):  # "tedcruz": an account the corpus merge may tie to a person
                ids = {index.mint("Person", "@" + match.group(1), span, key="@" + handle).id}
        if ids is not None and len(ids) == 1:  # one word that spells two names: never an ordinary word
            out.append(Description(Span.of(text, match.start(1), match.end(1)), next(iter(ids)), "handle"))
    return out


_NICKNAME = re.compile(r"[ \t]*\([ \t]*[“\"‘']((?:[A-Z][\w'’.-]*)(?:[ \t]+[A-Z][\w'’.-]*){0,2})[,.]?[”\"’'][ \t]*\)")


def _nicknames(text: str, index: EntityIndex) -> list[Description]:
    """A quoted nickname in brackets right after a person's name ("Marco Rubio (“Little Marco”)")
    that holds that person's given name or surname: a mention of that person."""
    out = []
    for cluster in index.clusters_before(len(text) + 1):
        if len(name := cluster.name.lower().split()) < 2 or cluster.type != "Person" and not (
                len(name) == 2 and cluster.type in ("Place", "Organization") and gender_of_name(name[0])):
            continue  # ("Marco Rubio" the model typed a place: the corpus merge makes it the person)
        for mention in cluster.mentions:
            match = _NICKNAME.match(text, mention.end)
            if match is None:
                continue
            words = {re.sub(r"[^a-z]", "", w.lower()) for w in match.group(1).split()}
            if words & {name[0], name[-1]} and words - {name[0], name[-1]}:
                out.append(Description(Span.of(text, match.start(1), match.end(1)), cluster.id, "nickname"))
    return out


def _written_as_handle(text: str, match: re.Match[str]) -> bool:
    """Is the word written as a handle: "@GovMikeHuckabee", a tweet's author="tedcruz"?"""
    return match.group(0).startswith("@") or text[max(0, match.start() - 2):match.start()] == '="'


def _account(handle: str) -> bool:
    """A handle that may be a person's account: letters only, in lower case ("tedcruz") or in
    capitalised words none of which is an organisation's ("RandPaul"; never "FoxNews")."""
    if not handle.isalpha():
        return False
    words = re.findall(r"[A-Z][a-z]+|[a-z]+|[A-Z]+(?![a-z])", handle)
    return handle.islower() or len(words) >= 2 and all(w[:1].isupper() for w in words) \
        and not any(w.lower() in ORG_WORDS for w in words)


def _named_at(index: EntityIndex, span: Span) -> bool:
    """Do the words at ``span`` belong to a name the article has already?"""
    tokens = index.doc.char_span(span.start, span.end, alignment_mode="expand")
    return tokens is not None and any(index.cluster_at(t) is not None for t in tokens)


def _spelled_name(handle: str) -> str | None:
    """The person a camel-case handle spells when no one of the article does: a well-attested given
    name and a surname ("BernieSanders", "realDonaldTrump", "GovMikeHuckabee", "LindseyGrahamSC"),
    or a title and a surname ("GovChristie": "Christie", which the corpus merge may settle)."""
    words = re.findall(r"[A-Z][a-z]+|[a-z]+|[A-Z]+(?![a-z])", handle)
    if len(words) < 2 or not any(w[:1].isupper() for w in words[1:]) or not handle.isalpha():
        return None
    if words[0].lower() in HANDLE_PREFIXES:
        title = words[0].lower() in HANDLE_PREFIXES[2:]
        words = words[1:]
    else:
        title = False
    if len(words) >= 2 and words[-1].isupper() and len(words[-1]) <= 3:
        words = words[:-1]  # "LindseyGrahamSC": a state's code after the name
    if not all(w[:1].isupper() and w[1:].islower() for w in words) or any(w.lower() in ORG_WORDS for w in words):
        return None  # "FoxNews", "NYPost": an organisation's
    if len(words) in (2, 3) and gender_of_name(words[0]) is not None:
        return " ".join(words)
    return words[0] if len(words) == 1 and title else None


def with_nameless_nodes(left: Sequence[OpenDescription], entities: Iterable[Entity], doc_id: str
                        ) -> list[OpenDescription]:
    """The open descriptions, each with the nameless person its article minted of the same words
    (``kg.speakers``: "The former secretary of state said ..."), when that node's every mention is
    one of them, a relative pronoun after one ("who"), or a "he"/"she" (its gender kept: only a person
    of that gender may take the node, :func:`nameless_merges`): a node that also stands where the
    article decided otherwise (two people fit there) is no one the corpus may name."""
    opened: dict[str, set[int]] = defaultdict(set)
    for found in left:
        opened[found.span.text.lower()].add(found.span.start)
    by_id = {e.id: e for e in entities if e.type == "Person"}
    out = []
    for found in left:
        found = replace(found, doc=doc_id)
        words = found.span.text.lower()
        node = by_id.get(entity_id("Person", article_key(words, doc_id)))  # kg.speakers minted it so
        if node is not None and all(m.start in opened[words] if m.text.lower() == words
                                    else m.text.lower() in RELATIVE or m.text.lower() in GENDERED
                                    for m in node.mentions):
            genders = sorted({GENDERED[m.text.lower()] for m in node.mentions if m.text.lower() in GENDERED})
            found = replace(found, node=node.id, genders=tuple(genders))
        out.append(found)
    return out


# -- across the corpus ------------------------------------------------------------------
def role_key(name: str) -> str:
    """A role name's head with its lesser office, as descriptions key it: "Vice President" →
    "vice+president", "former Secretary of State" → "secretary"."""
    head = role_head(name)
    lesser = "+".join(sorted(set(name.lower().replace("-", " ").split()) & LESSER))
    return f"{lesser}+{head}" if lesser else head


def link_across(ties: Iterable[tuple[OpenDescription, str]]) -> dict[str, set[str]]:
    """Descriptions their article left open, tied to one person by what the whole corpus says
    (:func:`ties_across`): {person node id: description words to add as aliases}."""
    out: dict[str, set[str]] = defaultdict(set)
    for found, person in ties:
        if found.near is None:  # a bare "the candidate" is no name of anyone's
            out[person].add(description_alias(found))
    return dict(out)


def forms_across(ties: Iterable[tuple[OpenDescription, str]]) -> dict[tuple[str, str], set[str]]:
    """Descriptions the corpus tied, as words their article used for that person: {(person node id,
    doc): words as written}. Bare heads too ("The frontrunner" there is Donald Trump): no alias of
    anyone's, but how that article named him (its MENTIONED_IN edge's ``forms``)."""
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for found, person in ties:
        if found.doc:
            out[(person, found.doc)].add(found.span.text)
    return dict(out)


def description_alias(found: OpenDescription) -> str:
    """A description's words as an alias: without "the" and quotation marks ("former secretary of state")."""
    return " ".join(re.sub(r"^(?:the|The|THE)\s+|[“”\"]", "", found.span.text).split())


def nameless_merges(open_descriptions: Iterable[OpenDescription], ties: Iterable[tuple[OpenDescription, str]],
                    graph: nx.MultiDiGraph, far: Iterable[tuple[OpenDescription, str]] = (),
                    alone: Iterable[tuple[OpenDescription, str]] = ()) -> dict[str, str]:
    """{nameless node: person} for the nameless people articles minted of descriptions they left
    open (:func:`with_nameless_nodes`) that the corpus ties to one person, every time the article
    writes them: the statements "the former secretary of state" made are then that person's.

    ``far``: bare heads ("the candidate") whose one fit was named before but not just before
    (``ties_across(..., far=True)``); they count for a node only beside a use of the same words that
    ``ties`` ties to that person, or ``alone`` (``ties_across(..., far=True, alone=True)``): outside a
    quotation, and no one named later in its paragraph fits. A "he"/"she" the article resolved to the node
    must be of the person's gender (by the given name): "she" on "the GOP nominee" is no statement of
    Donald Trump's."""
    tied = {id(found): person for found, person in [*ties, *alone]}
    loose = {id(found): person for found, person in far}
    people: dict[str, set[str | None]] = defaultdict(set)
    sure: dict[str, set[str]] = defaultdict(set)
    genders: dict[str, set[str]] = defaultdict(set)
    for found in open_descriptions:
        if found.node is not None:
            person = tied.get(id(found))
            if person is not None:
                sure[found.node].add(person)
            people[found.node].add(person or loose.get(id(found)))
            genders[found.node].update(found.genders)
    return {node: person for node, found in people.items()
            if len(found) == 1 and (person := next(iter(found))) is not None and node in graph
            and sure[node] == {person} and _of_gender(graph, person, genders[node])}


def _of_gender(graph: nx.MultiDiGraph, person: str, genders: set[str]) -> bool:
    """Is the person of every gender in ``genders`` (none: any person), by the given name that starts
    the node's name?"""
    if not genders:
        return True
    words = str(graph.nodes[person].get("name", "")).split()
    return len(genders) == 1 and bool(words) and gender_of_name(words[0]) in genders


def ties_across(graph: nx.MultiDiGraph, open_descriptions: Iterable[OpenDescription],
                merged: dict[str, str], *, far: bool = False, alone: bool = False
                ) -> list[tuple[OpenDescription, str]]:
    """Descriptions their article left open, tied to one person by what the whole corpus says:
    "the former secretary of state" in an article that names Clinton and Napolitano is Clinton
    when another article calls her "former Secretary of State Hillary Clinton" and no article gives
    Napolitano that role. The same tests as in one article (a role of that head, else of its class,
    else a party's one candidate; organisations and parties never contradicted; exactly one fits),
    over the roles every article gives beside a name. ``merged``: ids the corpus merge replaced.
    ``far``: instead, the bare heads whose one fit was named before them but not just before (none of
    ``near``), which :func:`nameless_merges` may use beside a sure use of the same words; with
    ``alone`` only those that may stand on their own: outside a quotation, and no one the article
    names after them in their paragraph fits either ("the president's legacy" in a quotation before
    "Mr. Obama" is named; one first named paragraphs later is no one a reader had in mind).

    Returns:
        (description, person node id) for every description the corpus ties.
    """
    heads: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # person → head → orgs
    former: dict[str, set[str]] = defaultdict(set)  # person → heads of roles held before
    parties: dict[str, set[str]] = defaultdict(set)
    in_office: dict[str, set[str]] = defaultdict(set)  # the parties of roles other than a candidacy
    for person, role, data in graph.edges(data=True):
        if data.get("type") != "HOLDS_ROLE" or data.get("confidence", 0) < NAMED \
                or graph.nodes[person].get("label") != "Person":
            continue
        # the words as written, abbreviations spelled out: "Sen. Ann Lee" holds a senator's role
        head = role_key(normalise_role(str(data.get("text") or graph.nodes[role].get("name", "")).split()))
        org = data.get("org")
        heads[person][head].update({_org_word(str(org))} if org else set())
        if data.get("qualifier") == "former":
            former[person].add(head)
        if org and (party := party_of(str(org))) is not None:
            parties[person].add(party)
            if role_classes().get(role_head(str(graph.nodes[role].get("name", "")))) != CANDIDACY:
                in_office[person].add(party)  # (the Role node's name: "candidate" for "candidates")
    out: list[tuple[OpenDescription, str]] = []
    for found in open_descriptions:
        people = {merged.get(c, c) for c in found.candidates}
        chosen = _fits(found, people, graph, heads, former, parties, in_office)
        if len(chosen) != 1:
            continue
        close = found.near is None or chosen[0] in {merged.get(c, c) for c in found.near}
        if not far:
            if close:
                out.append((found, chosen[0]))
        elif found.near is not None and not close and (not alone or not found.quoted and len(
                _fits(found, people | {merged.get(c, c) for c in found.later}, graph, heads, former, parties,
                     in_office)) == 1):
            out.append((found, chosen[0]))
    return out


def _fits(found: OpenDescription, people: set[str], graph: nx.MultiDiGraph, heads: dict[str, dict[str, set[str]]],
          former: dict[str, set[str]], parties: dict[str, set[str]], in_office: dict[str, set[str]]) -> list[str]:
    """The people the corpus lets the description be: a role of its head, else of its class, else a
    party's one candidate; organisations and parties never contradicted (``in_office``: the parties of
    roles other than a candidacy); each standing it names held."""
    people = {p for p in people if p in graph and not _party_clash(found, parties[p], in_office[p])}
    orgs = {_org_word(org) for org in found.orgs}
    # an organisation it names by name must be one a role of the person's names: "the president of the
    # Arab American Institute" is no holder of a bare "President"
    firms = [_org_word(f) for f in found.firms]
    people = {p for p in people if _firms_named(firms, set().union(*heads[p].values()))}
    chosen = [p for p in people if _holds(heads[p], found.head, orgs) and (not found.past
                                                                           or found.head in former[p])]
    kind = role_classes().get(found.head)
    # a bare head of a class of jobs ("the host", "the reporter") is by class alone no one the corpus names:
    # only epithets stand in for each other so ("the mogul" of "businessman X", "the frontrunner")
    if not chosen and kind is not None and not found.past and (found.near is None or kind in EPITHET_CLASSES):
        chosen = [p for p in people if any(role_classes().get(h) == kind and _holds(heads[p], h, orgs)
                                           for h in heads[p])]
    if not chosen and kind == CANDIDACY and found.parties:
        chosen = [p for p in people if set(found.parties) & parties[p]]
    if found.outsider:  # "the political neophyte", "the outsider candidate": the one candidate of no office
        pool = chosen or [p for p in people
                          if any(role_classes().get(h.rpartition("+")[2]) == CANDIDACY for h in heads[p])]
        chosen = [p for p in pool if not any(h.rpartition("+")[2] in POLITICAL_OFFICES for h in heads[p])]
    return sorted(p for p in chosen if set(found.standing) <= {role_classes().get(h.rpartition("+")[2])
                                                               for h in heads[p]})


def _firms_named(firms: list[str], held: set[str]) -> bool:
    """Is each organisation among those the person's roles name, written in full or in part ("U.S.
    Court of Appeals" of "U.S. Court of Appeals for the D.C. Circuit") or by its initials ("HP" of
    "Hewlett-Packard")?"""
    def initials(name: str) -> str:
        return "".join(w[0] for w in re.split(r"[\s-]+", name) if w)

    return all(any(firm in org or org in firm or initials(org) == firm or initials(firm) == org for org in held)
               for firm in firms)


def _party_clash(found: OpenDescription, held: set[str], in_office: set[str]) -> bool:
    """Does the description name a party other than the person's? An independent may run in a
    party's race: "the independent Vermont senator" is the one the corpus calls only a Democratic
    candidate (no Democratic senator), but "the independent candidate" is no party's candidate."""
    if not found.parties or not held or set(found.parties) & held:
        return False
    return not (set(found.parties) == {"independent"} and not in_office
                and role_classes().get(found.head.rpartition("+")[2]) != CANDIDACY)


def _org_word(org: str) -> str:
    """An organisation named with a role, folded as the corpus compares them: a party by its one
    name ("GOP", "Republican Party" → republican), any other lowercased."""
    return party_of(org) or org.lower()


def _holds(held: dict[str, set[str]], head: str, orgs: set[str]) -> bool:
    """Does a person hold a role of ``head`` whose organisations (if any) include those named, and
    every nation named ("the French president" is no holder of a bare "President")?"""
    nations = orgs & {place.lower() for place in demonyms().values()}
    return head in held and not (orgs and held[head] and not orgs <= held[head]) and nations <= held[head]
