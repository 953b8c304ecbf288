"""Mentions to entities inside one document.

Names: PERSON/ORG/GPE mentions are clustered so "Donald Trump", "Trump", "President Donald
Trump", "Donald J. Trump", "Hillary" and "Crooked Hillary" (when only one Hillary is named; a
word before the given name that is no name itself is an epithet, and that word before the full
name makes an alias: "Crooked Hillary Clinton") are one person
(possessive 's stripped, surnames attached to the full name that carries them). When two
people of the article share a surname (Bernie and Sarah Huckabee Sanders, Donald and Eric
Trump), they stay apart and the bare surname goes to neither unless an honorific's gender
leaves one ("Mrs. Clinton") or the article uses it only while it has named one of them
("President George W. Bush ... Mr. Bush ... Jeb Bush"): it is a name of its own, keyed to its article, which the corpus
merge gives to the person the corpus makes dominant (``KnowledgeGraph.merge_short_names``) or
leaves alone. An honorific or a gendered title ("Congresswoman") of the gender no full name of the
surname has is another person of the article ("Mr. Obama" beside Michelle Obama; "Mr. Keller"
and "Mrs. Keller" where no full name is given), and the bare surname written before the full
name is then neither's; where it tells two bearers apart, the honorific stays in the alias
("Mrs. Clinton"). "The first President George Bush" is not George W. Bush. The small
model's slips are repaired before clustering: untyped capitalised words after an honorific are
a name ("Mrs Prys-Jones"), and so is a given name before that surname elsewhere; a plural title
("Presidents Obama and Bush") is no part of a name; a name split at a quoted
nickname ('Robert C. "Bobby" Scott') is rejoined, so is a body named with "and" ("the Uganda Lakes
and Wetlands Research Centre", cut in two or left untyped: one ORG name) and one the model
ended at a possessive ("St Aidan's" + "Academy"), a role noun opening
a name ("Farmer Ingrid Dahl") is cut off like a title, a one-word name with a capital inside that
spells the article's one person of that full name ("#DonaldTrump") is that person, a name
never crosses a line break, words a
headline glues onto a name ("Clinton Breaks With Obama") and leading verbs ("Injecting
Clinton's ...") are cut off, and the type is voted: a one-word ORG/GPE/NORP that is a known
person's surname, or an ORG/GPE name with a person cue (an honorific before it, apposition to
a role noun; a double-barrelled surname, "Leila Haddad-Cross", is no less a name), is a person;
a PERSON/ORG span that ends in a title ("Gauteng MEC for") is dropped, and a
one-word "person" only named after a locative preposition is no pronoun's antecedent; a name
ending in a seat of power or a government noun ("the Obama White House", "the Lee
administration") is an Organization, never the person; a two-word name typed ORG that is a
gendered given name and the surname of a full name the article gives with a gendered given name
("Barack Obama's 2008 campaign" beside Michelle Obama; never "Jasper County" beside a headline's
"Harbor County") is a person. Speakers
that are not names are resolved here too: pronouns to the
nearest preceding compatible subject (a person no name tells the gender of takes the gender of
the he or she resolved to it, so "The manager … He said" is no later she), role nouns ("the
president") to the person holding that role (``holder_of``), and nameless groups ("prosecutors")
are minted; a minted speaker phrase
that is a person's name ("Trump") is that person, never one whose name is another's complement
("supporters of Trump", "a spokesman for Ann Lee"). Cross-document merging of short forms is
``KnowledgeGraph.merge_short_names`` in kg/graph.py.

Organisations, places and groups (issue 15, the functions at the end of this module): an
organisation is named without its legal form (cleanco: "Northwind Energy Inc." is "Northwind
Energy"), and its identity folds the ways news writes it (``org_key``: "Department of Justice" is
the "Justice Department", "U.S. Senate" the "Senate", "Fox News Channel" "Fox News"), a
ticker in brackets after it ("(NYSE: NWE)") and its first word alone are aliases; a name tagged
both ORG and FAC/GPE gets the type it has most often (seats of power such as the White House are
Organizations, ``institutions.txt``); a party named in the singular ("GOP",
"Republican", "the Republican party") is one Organization (``party_names.txt``), never anyone's
employer, and its members in the plural ("Democrats") one named group across articles, unless
counted ("two Democrats") or a camp ("conservatives"): then a group of the article; a place
written several ways is one place (``place_aliases.txt``); a group loses its
determiners, a group of an organisation is one group either way round ("ACLU lawyers", "Lawyers
from the American Civil Liberties Union"), and a group of common nouns ("reporters") is keyed to
its article.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from cleanco import basename
from spacy.tokens import Doc, Span, Token

from kg.given_names import GENDERED_HONORIFICS, is_given_name
from kg.given_names import gender_of as gender_of_name
from kg.handles import handle_letters, spellings
from kg.lexicons import load_pairs, load_words
from kg.model import Entity, EntityRef, Triple, entity_id
from kg.model import Span as TextSpan
from kg.owned_groups import owned_noun
from kg.token_table import doc_text, token_table

LABEL_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place",
               "NORP": "Group"}
PERSON_PRONOUNS = {"he", "she", "him", "her"}
# the gender a he or she gives the person it points to
PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
PLURAL_PRONOUNS = {"they", "them"}
SPEAKER_PRONOUNS = {"i", "we", "you"}
TITLE_WORDS = load_words("titles")
ROLE_NOUNS = load_words("role_nouns")
# a political camp in the plural ("conservatives", "independents"): nameless, a group of one article
CAMPS = {"conservatives", "liberals", "progressives", "independents", "socialists", "moderates"}
# a party's members in the plural: a named group, one across articles (``party_members_key``)
PARTY_MEMBERS = {"democrats", "republicans", "libertarians", "tories"}
# words that may open an appositive, saying its role holds still ("Ann Lee, now the majority leader")
STILL_WORDS = frozenset({"now", "currently", "also", "still"})
# words that make a different, lesser office of a role ("deputy mayor" is not "the mayor")
LESSER = {"vice", "deputy", "assistant", "associate", "under", "lieutenant", "co", "sub"}
COUNT_WORDS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "both", "dozen"}
# honorifics before a name, English and others English-language papers print ("Madam Lim Siew
# Hoon" in Singapore and Ghana, "Puan Rohana Ismail" and "Encik" in Malaysia, "Alhaji" in West
# Africa, "Smt." and "Shri" in India): not part of the name
HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lady", "lord", "rev", "mr.", "mrs.", "ms.", "dr.",
              "madam", "madame", "mme", "puan", "encik", "cik", "datuk", "dato", "dato'", "tun", "alhaji", "alhaja",
              "hajia", "smt", "shri", "shrimati"}
NAME_PARTICLES = load_words("name_particles")
# unions the per-token checks test against, made once (a set union per word cost more than the test);
# TITLES_OR_HONORIFICS is shared with kg/extractors/roles.py
TITLES_OR_HONORIFICS = frozenset(TITLE_WORDS | HONORIFICS)
_TITLES_OR_ROLE_NOUNS = frozenset(TITLE_WORDS | ROLE_NOUNS)
FIRST_PERSON = {"i", "me", "my", "we", "us", "our"}
# "By Ann Lee" on a line of its own near the top: the writer, whom an "I" of the text means
_BYLINE = re.compile(r"(?m)^[ \t]*By:?[ \t]+([A-Z][\w.'’-]+(?:[ \t]+[A-Z][\w.'’-]+){1,3})[ \t]*$")
BYLINE_REACH = 800
# "Mr. Lee", "Ms Lee": an honorific right before (or at the start of) a mention
_HONORIFIC_BEFORE = re.compile(r"\b(Mr|Mrs|Ms|Miss|Sir|Lord|Dame|Lady|MR|MRS|MS|Madam|Madame|Mme|Puan|Encik|Alhaji"
                               r"|Alhaja|Hajia|Smt|Shri|Shrimati)\b\.?\s+(?=[A-Z])")
# "the first President George Bush", "the elder George Bush": an earlier bearer of a name written before it
_ELDER_BEFORE = re.compile(r"\b[Tt]he (?:first|elder|senior)(?: [A-Z][\w.]*)* ?$")
# "Congresswoman Keller", "spokesman Ed Lee": a title that says the gender of the person it is written before
GENDERED_TITLES = dict(load_pairs("gendered_titles"))
_GENDERED_TITLE_BEFORE = re.compile(r"\b(" + "|".join(f"[{t[0].upper()}{t[0]}]{t[1:]}" for t in GENDERED_TITLES)
                                    + r")\s+(?=[A-Z])")
# words that make the name after them another's complement in a phrase ("aides to Mr. Obama")
LINKING_WORDS = {"to", "for", "with", "from", "by", "against", "behind", "about", "like", "than", "and", "or", "&"}
LOCATIVE = {"in", "to", "from", "at", "across", "near", "into", "throughout", "around", "outside", "inside"}
GIVEN_ING = {"irving", "sterling", "manning", "fleming", "harding", "browning", "channing", "ewing", "king"}
HONORIFIC_STEMS = {h.rstrip(".") for h in HONORIFICS} - {"lady", "lord"}  # before a name the model left untyped
SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "sc", "qc", "kc"}  # "Alison Mbeki SC": senior counsel
# a generation after a name tells two people apart: "Donald Trump Jr." is not Donald Trump
GENERATIONS = {"jr": "Jr.", "sr": "Sr.", "ii": "II", "iii": "III", "iv": "IV"}
INSTITUTIONS = load_words("institutions")
# legal forms too weak to leave a one-word name behind ("News Corp" is not "News")
WEAK_FORMS = {"co", "co.", "corp", "corp.", "company", "corporation", "group", "holdings"}
GROUP_DETERMINERS = {"the", "these", "those", "some", "many", "several", "other", "two", "three", "both", "all"}
TICKER = re.compile(r"\(\s*(?:(?:NYSE|NASDAQ|Nasdaq|LSE|TSX|AMEX)\s*:\s*)?([A-Z][A-Z.]{0,5})\s*\)")


def article_key(name: str, doc_id: str) -> str:
    """What the id of a node of one article only is made from (:meth:`EntityIndex.mint_of_article`)."""
    return f"{name.lower()} {doc_id}"


def strip_possessive(text: str) -> str:
    return re.sub(r"(?:'s|’s|'|’)$", "", text.strip()).strip()


def entity_of(token: Token) -> Span | None:
    """The named entity that covers ``token``, read from its IOB tags.

    ``Doc.ents`` builds a Span for every entity of the document on each access; looking one
    entity up through it, per token, was a tenth of the extraction time.
    """
    if not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)


def name_tokens(text: str) -> list[str]:
    """The words of a name without honorifics, titles before it, lowercase prefixes or suffixes.

    Lowercase words cannot start a name: "pro-Clinton" is Clinton, "former Sen. Bob Dole" is Bob Dole.
    """
    return list(_name_tokens(text))  # a fresh list: callers may change theirs


@lru_cache(maxsize=16_384)  # pure, and asked again for every mention of a name
def _name_tokens(text: str) -> tuple[str, ...]:
    text = re.sub(r"^[a-z]+-(?=[A-Z])", "", strip_possessive(text).replace("’", "'").strip())
    words = [w.strip("\"“”‘`").rstrip(",;:") for w in text.split()]
    words = [w.strip("'") if w.count("'") == 1 and (w.startswith("'") or w.endswith("'")) else w for w in words]
    words = [w for w in words if w and any(c.isalnum() for c in w)]
    while words and (words[0].lower().rstrip(".") in TITLES_OR_HONORIFICS or words[0].lower() == "the"
                     or words[0][:1].islower() or _plural_title(words[0])):
        words = words[1:]
    while words and words[-1].lower().rstrip(".,") in SUFFIXES:
        words = words[:-1]
    return tuple(words)


def person_words(text: str) -> list[str]:
    """A person's name words (:func:`name_tokens`) with the generation kept at the end:
    "Donald Trump Jr." is ["Donald", "Trump", "Jr."], another person than "Donald Trump"."""
    words = name_tokens(text)
    last = strip_possessive(text).split()[-1:] if words else []
    mark = GENERATIONS.get(last[0].lower().rstrip(".,")) if last else None
    return words + [mark] if mark else words


def generation(words: list[str]) -> str | None:
    """The generation that ends a person's name words ("Jr.", "iii"), if any, as "Jr.", "III"."""
    return GENERATIONS.get(words[-1].lower().rstrip(".")) if len(words) >= 2 else None


def surname(words: list[str]) -> str:
    """The surname of a person's name words, before any generation ("Trump" of "Donald Trump Jr.")."""
    return words[-2] if generation(words) else words[-1]


def first_surname(words: list[str]) -> str | None:
    """The first of two surnames ("Peña" of "Enrique Peña Nieto", "Sada" of "Carlos Manuel Sada
    Solana", "Rodham" of "Hillary Rodham Clinton"): the word before the last of a name of three words
    or more, when it is no well-attested given name ("John Paul Jones"), initial or particle. News
    writes such a person by it alone."""
    if len(words) < 3 or generation(words):
        return None
    word = words[-2]
    if not word[:1].isupper() or len(word) < 3 or not word.isalpha() or gender_of_name(word) is not None \
            or word.lower() in NAME_PARTICLES:
        return None
    return word


def _plural_title(word: str) -> bool:
    """'Presidents' of "Presidents Obama and Bush", 'Sens.' of "Sens. Cruz and Lee": a title in the plural."""
    low = word.lower().rstrip(".")
    return len(low) > 3 and low.endswith("s") and low[:-1] in TITLE_WORDS


@dataclass
class Cluster:
    """Mentions of one entity while the document is being read."""

    type: str
    name: str
    mentions: list[TextSpan] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    votes: Counter = field(default_factory=Counter)
    roles: set[str] = field(default_factory=set)
    key: str | None = None  # what the id is made from when the name alone would merge too much

    @property
    def id(self) -> str:
        return entity_id(self.type, self.key or self.name)

    def entity(self) -> Entity:
        mentions = tuple(sorted(set(self.mentions), key=lambda s: (s.start, s.end)))
        return Entity(id=self.id, type=self.type, name=self.name, aliases=tuple(sorted(self.aliases | {self.name})),
                      mentions=mentions)


class EntityIndex:
    """Entities of one document and the lookups extractors need (names, pronouns, roles)."""

    def __init__(self, doc: Doc, doc_id: str) -> None:
        self.doc = doc
        self.doc_id = doc_id
        self.text = doc_text(doc)
        self.sentences: list[Span] = list(doc.sents)  # Doc.sents recomputes them on every access
        self.ents: tuple[Span, ...] = doc.ents  # and Doc.ents makes a Span per entity on every access
        self._clusters: list[Cluster] = []
        self._by_char: dict[int, Cluster] = {}  # token start char -> cluster of the name covering it
        self._extra: dict[str, Cluster] = {}  # groups, reports and other minted entities by id
        # one-word names the model tags PERSON somewhere in the article ("Trump"), read off the type vote
        # (_person_spans): never the first word of an organisation's name as its short form ("the Trump Train")
        self._tagged_person: set[str] = set()
        self._role_holders: dict[str, list[Cluster]] = defaultdict(list)
        self._genders: dict[str, str | None] = {}
        self._owners: dict[str, Cluster] = {}  # a group's canonical name -> the organisation or person it belongs to
        self.memberships: dict[tuple[str, int], tuple[Cluster, TextSpan]] = {}  # (group id, start) -> owner, mention
        self._described: dict[int, tuple[int, str]] = {}  # description start -> (end, entity id): kg.descriptions
        self._heads: dict[int, tuple[bool, str, str] | None] = {}  # mention start -> _mention_head
        self._build()

    # -- names ----------------------------------------------------------------------
    def _person_spans(self) -> tuple[list[tuple[Span, list[str]]], list[tuple[Span, str]]]:
        """Person and other name spans, after repairs the small model needs.

        - a quoted nickname splits a name into pieces ('Robert C. "Bobby" Scott'): the pieces
          become one span, named without the nickname;
        - an ORG/GPE tagged name that a title or honorific stands before ("Mr. Guajardo
          Villarreal"), or that is in apposition to a role noun ("The Mexican president, Enrique
          Peña Nieto"), is a person;
        - a one-word name the model tags PERSON at least as often as ORG/NORP in this document
          is a person everywhere in it (type vote).
        """
        doc = self.doc
        nick_spans = _nickname_spans(doc)
        covered = {i for span in nick_spans for i in range(span.start, span.end)}
        votes: Counter = Counter()
        for ent in self.ents:
            words = name_tokens(self._words(ent))
            if len(words) == 1:
                votes[(words[0].lower(), ent.label_ == "PERSON")] += 1
        self._tagged_person = {word for word, person in votes if person}
        # the surnames of the article's full names that start with a gendered given name ("Michelle Obama";
        # not a headline's "Bellwether County")
        surnames = {words[-1].lower() for ent in self.ents if ent.label_ == "PERSON"
                    and len(words := name_tokens(self._words(ent))) >= 2 and gender_of_name(words[0]) is not None}
        persons: list[tuple[Span, list[str]]] = []
        others: list[tuple[Span, str]] = []
        for span in nick_spans:
            words = [t.text for t in span if t.text not in ('"', "“", "”") and not _is_nickname(t)]
            persons.append((span, person_words(" ".join(words))))
        pieces = [piece for whole in self.ents for line in _split_at_newlines(whole)
                  for piece in _split_at_bracket(line)]
        pieces = [piece for whole in _national_governments(doc, pieces) for piece in _split_at_possessive(whole)]
        pieces = _join_conjoined_bodies(doc, sorted(pieces + _untagged_names(doc), key=lambda e: e.start))
        pieces = [_with_body_after_possessive(ent) for ent in pieces]
        for ent in _join_particles(doc, _extend_persons(doc, pieces)):
            kind = LABEL_TYPES.get(ent.label_)
            if kind is None or any(t.i in covered for t in ent):
                continue
            while len(ent) > 1 and (ent[0].tag_ in ("VBG", "VBD", "VBZ", "VBP", "VB", "IN", "RB", "UH") or (
                    ent[0].is_sent_start and ent[0].lower_.endswith("ing") and ent[0].lower_ not in GIVEN_ING)):
                ent = ent[1:]  # "Injecting Clinton's marital troubles": the verb is not in the name
            words = person_words(self._words(ent))
            kin = ent.label_ == "ORG" and _kin_named(words, surnames)  # "Barack Obama's" beside Michelle Obama
            if kind != "Person" and words and (_person_cue(ent) or kin or len(words) == 1 and votes[(
                    words[0].lower(), True)] >= max(1, votes[(words[0].lower(), False)])):
                kind = "Person"
            if kind in ("Person", "Organization") and ends_in_title(ent):
                continue  # "Gauteng MEC for Housing Ann Lee": the model cut a title, not a name
            if kind == "Person" and len(words) >= 3 and words[-1].lower() in NAMED_AFTER:
                kind = "Organization"  # "Muhammad Ali Center" the model typed a person: named after him;
                # "Solomon Missionary Baptist Church", "Pershing Square Capital Management": a body
            if kind == "Person" and _seat_of_power_after_name(words):
                kind = "Organization"  # "the Obama White House", "the Lee administration": a government, no person
            if kind == "Person" and (named := _name_after_title(ent)) is not None:
                ent, words = named, person_words(self._words(named))  # "Battalion Chief Marcus Hale" is Marcus Hale
            if kind == "Person":
                if words:
                    persons.append((ent, words))
            else:
                others.append((ent, kind))
        return persons, others

    def _build(self) -> None:
        persons, others = self._person_spans()
        # Full names first: each distinct multi-word name is one person; a longer form that
        # contains a known one ("Donald J. Trump", "Crooked Hillary Clinton") is that person.
        full: dict[str, Cluster] = {}
        given = {words[0].lower() for _ent, words in persons if len(words) >= 2 and gender_of_name(words[0])}
        epithets: set[str] = set()  # "Crooked Hillary", "Little Marco": a word that is no name, a given name
        middles = _middles(words for _ent, words in persons)
        # "the first President George Bush" beside George W. Bush: the elder of the name, not him
        elders = {" ".join(words).lower() for ent, words in persons if len(words) == 2
                  and _ELDER_BEFORE.search(self.text[max(0, ent.start_char - 60):ent.start_char])}
        for _ent, words in sorted(persons, key=lambda p: (len(p[1]), p[0].start)):
            if len(words) >= 2 and not _in_headline(_ent, self.text):
                key = " ".join(words).lower()
                if len(words) == 2 and words[1].lower() in given and not is_given_name(words[0]) \
                        and words[0][:1].isupper() and not any(w[-1].lower() == words[0].lower() for _e, w in persons):
                    epithets.add(key)
                    continue
                if key not in full:
                    same = next((c for k, c in full.items() if _contains_name(key.split(), k.split())
                                 and not _middle_shared(middles, k.split()) and k not in elders), None)
                    if same is not None:
                        full[key] = same
                        if key.endswith(" " + same.name.lower()) and gender_of_name(words[0]) is not None:
                            same.name = " ".join(words)  # "Wasserman Schultz" first, then "Debbie Wasserman Schultz"
                        continue
                    cluster = Cluster("Person", " ".join(words))
                    full[key] = cluster
                    self._clusters.append(cluster)
        by_surname: dict[str, list[Cluster]] = defaultdict(list)
        by_first: dict[str, list[Cluster]] = defaultdict(list)
        for cluster in {id(c): c for c in full.values()}.values():
            by_surname[surname(cluster.name.split()).lower()].append(cluster)
            by_first[cluster.name.split()[0].lower()].append(cluster)
            if (inner := first_surname(cluster.name.split())) is not None:
                by_surname[inner.lower()].append(cluster)  # "Peña" for Enrique Peña Nieto
        for key, cluster in full.items():  # "Debbie Wasserman Schultz" joined "Wasserman Schultz"
            if cluster not in by_first[first := key.split()[0]]:
                by_first[first].append(cluster)
        # Organisations, places and groups whose text is a known person's surname (or the one
        # first name of a known person) are that person (type vote): "Garland is Obama's
        # nominee" after "Merrick Garland"; never a place after a locative preposition.
        for ent, kind in others:
            words = name_tokens(self._words(ent))
            if len(words) >= 2 and any(k.endswith(" " + " ".join(words).lower()) for k in full):
                persons.append((ent, words))  # "Von der Leyen" after "Ursula von der Leyen"
                continue
            if len(words) != 1 or len(ent) != 1 and kind != "Organization" or _possessive_company(ent):
                continue
            low = words[0].lower()
            known = low in by_surname or (kind != "Organization" or gender_of_name(words[0]) is not None) and len(
                by_first.get(low, [])) == 1  # "Debbie" the model typed ORG after "Debbie Wasserman Schultz"
            locative = ent.root.dep_ == "pobj" and ent.root.head.lower_ in LOCATIVE
            if _spelled_by(words[0], full.values()) is not None:
                known, locative = True, False  # "#AlmaReyes" the model typed an organisation
            if known and (kind == "Organization" or not locative):
                persons.append((ent, words))
        # where each full name is first written, and where each bare surname is last: "Mr. Bush" used
        # only before the article names its second Bush is the one Bush named by then
        first_named: dict[int, int] = {}
        last_alone: dict[str, int] = {}
        for ent, words in persons:
            if len(words) >= 2 and (named := full.get(" ".join(words).lower())) is not None:
                first_named[id(named)] = min(first_named.get(id(named), ent.start_char), ent.start_char)
            elif len(words) == 1:
                last_alone[words[0].lower()] = max(last_alone.get(words[0].lower(), 0), ent.start_char)
        shared: dict[str, list[Cluster]] = {}  # a surname two full names carry -> those people
        other_bearers: dict[tuple[str, str], Cluster] = {}  # (surname, gender) -> "Mrs. Khan" beside Khizr Khan
        unsettled = self._unnamed_bearers(persons, by_surname)  # "Obama" beside Michelle Obama and "Mr. Obama"
        for ent, words in sorted(persons, key=lambda p: p[0].start):
            key = " ".join(words).lower()
            if len(words) == 1 and key.endswith("s") and key[:-1] in by_surname:
                continue  # "the Clintons": a family, not one of them
            if key in unsettled and self._honorific_gender(ent.start_char) is None and all(
                    first_named.get(id(c), ent.start_char + 1) > ent.start_char for c in by_surname.get(key, [])):
                # "President Obama" before Michelle Obama is named, beside a "Mr. Obama": either, so neither
                cluster = unsettled[key] or Cluster("Person", words[0], key=f"{words[0]} {self.doc_id}")
                if unsettled[key] is None:
                    unsettled[key] = cluster
                    self._clusters.append(cluster)
                self._mention(cluster, ent, strip_possessive(self._words(ent)))
                continue
            cluster = full.get(key)
            if cluster is None and _in_headline(ent, self.text):
                # headline case glues words onto a name ("Clinton Breaks With Obama"): its first
                # word, when it is a known surname, is the mention
                if (words[0].lower() in by_surname or len(by_first.get(words[0].lower(), [])) == 1) \
                        and len(words) >= 2:
                    first = next((t for t in ent if t.text == words[0]), ent[0])
                    ent = ent.doc[first.i:first.i + 1]
                    words = words[:1]
                    key = words[0].lower()
                else:
                    cluster = next((c for k, c in full.items() if _contains_name(words_low := key.split(), k.split())
                                    and len(words_low) > len(k.split())), None)
            if cluster is None and len(words) == 1:
                cluster = _spelled_by(words[0], full.values())  # "#DonaldTrump" beside Donald Trump
            if cluster is None:
                bearers = by_surname.get(surname(words).lower(), [])
                candidates = _agreeing(bearers, gender := self._honorific_gender(ent.start_char))
                if len(words) == 1 and len(candidates) > 1:
                    # "Trump" beside Donald and Eric Trump: a name of its own, the corpus settles it; unless
                    # the article uses it only while it has named one of them
                    candidates = _only_one_named_yet(candidates, first_named, ent.start_char, last_alone[key])
                cluster = self._nearest_before(candidates, ent.start_char) if candidates else None
                if len(words) == 1 and (bearers or key in unsettled) and not candidates and gender is not None:
                    # "Mrs. Khan" beside Khizr Khan: another bearer of the name, of this article only
                    cluster = other_bearers.get((key, gender)) or self._other_bearer(other_bearers, key, gender, ent)
            elif len(words) == 1 and key in shared:  # "Mrs. Clinton" beside Bill and Hillary Clinton
                agreeing = _agreeing(shared[key], self._honorific_gender(ent.start_char))
                cluster = agreeing[0] if len(agreeing) == 1 else cluster
            if cluster is None and len(words) == 1 and len(by_first.get(key, [])) == 1 and not by_surname.get(key):
                # "Hillary" when only Hillary Clinton has that first name; never "Paul" when Rand Paul is named
                cluster = by_first[key][0]
            if cluster is None and key in epithets and len(by_first.get(words[1].lower(), [])) == 1:
                cluster = by_first[words[1].lower()][0]  # "Crooked Hillary" when only Hillary Clinton is a Hillary
            if cluster is None:
                cluster = Cluster("Person", " ".join(words))
                if len(words) == 1 and len(by_surname.get(key, [])) > 1:
                    shared[key] = list(by_surname[key])
                    cluster.key = f"{cluster.name} {self.doc_id}"  # never the "Bush" of another article
                full[key] = cluster
                by_surname[surname(words).lower()].append(cluster)
                self._clusters.append(cluster)
            self._mention(cluster, ent, strip_possessive(self._words(ent)))
            if len(words) == 1 and (honorific := self._settling_honorific(ent, by_surname, unsettled)) is not None:
                cluster.aliases.add(f"{honorific} {words[0]}")
        orgs: dict[tuple[str, str], Cluster] = {}
        person_starts = {m.start for c in self._clusters if c.type == "Person" for m in c.mentions}
        others = [(ent, kind) for ent, kind in others if ent.start_char not in person_starts]
        kinds = _voted_kinds(others)
        tickers = ticker_aliases(self.doc, self.text, self.ents)
        for ent, kind in others:
            name = strip_possessive(re.sub(r"^(?:the|The)\s+", "", self._words(ent)))
            if not name or len(ent) == 1 and is_party_member(ent[0]):
                continue
            kind = kinds.get(name.lower(), kind)
            base = org_basename(name) if kind == "Organization" else place_name(name) if kind == "Place" else name
            if kind == "Organization" and name.lower().endswith(" government") \
                    and (nation := government_nation(name, self._places())) is not None:
                base = f"Government of {nation}"  # "the Ethiopian government" is the "Government of Ethiopia"
            if kind in ("Organization", "Group") and (party := party_name(name)) is not None:
                kind, base = "Organization", party  # "GOP", "Republican", "the Republican party": one party
            counted = kind == "Group" and _counted(ent)  # "two Democrats": some members, not the party's
            key = (kind, base.lower() + (" (counted)" if counted else ""))
            # an acronym the text defines ("the Associated Press (AP)") before one guessed by initials
            cluster = orgs.get(key) or self._ticker_of(tickers, name) or self._org_alias(orgs, kind, base)
            if cluster is None and kind == "Organization":  # "Department of Justice", then "Justice Department"
                canon = org_key(base)
                cluster = next((c for (k, _low), c in orgs.items() if k == kind and org_key(c.name) == canon), None)
            if cluster is None:
                cluster = Cluster(kind, base, key=self.party_members_key(kind, base, counted=counted,
                                                                         people=_a_people(ent)))
                orgs[key] = cluster
                self._clusters.append(cluster)
            self._mention(cluster, ent, name)
        for cluster in {id(c): c for c in orgs.values()}.values():
            canon = org_key(cluster.name) if cluster.type == "Organization" and cluster.key is None else cluster.name
            if canon != cluster.name:
                cluster.key = canon  # "Department of Justice" and "U.S. Justice Department": one node
        self._epithets_before_names(epithets)

    def _places(self) -> frozenset[str]:
        """The names of the places the article's model tags (GPE), for :func:`government_nation`."""
        return frozenset(self._words(ent) for ent in self.ents if ent.label_ == "GPE")

    def _epithets_before_names(self, epithets: set[str]) -> None:
        """"Crooked Hillary Clinton" where the model named only "Hillary Clinton": an epithet the
        article puts before the given name alone ("Crooked Hillary") is, right before the full
        name, an alias of that person too."""
        if not epithets:
            return
        for cluster in self._clusters:
            words = cluster.name.split()
            if cluster.type != "Person" or len(words) < 2:
                continue
            for mention in cluster.mentions:
                before = re.search(r"([A-Z][\w'’]*)[ \t]+$", self.text[max(0, mention.start - 30):mention.start])
                if before and f"{before.group(1).lower()} {words[0].lower()}" in epithets \
                        and mention.text.split()[0].lower() == words[0].lower():
                    cluster.aliases.add(f"{before.group(1)} {mention.text}")

    def _unnamed_bearers(self, persons: list[tuple[Span, list[str]]],
                         by_surname: dict[str, list[Cluster]]) -> dict[str, Cluster | None]:
        """Surnames the article gives a second, unnamed person: an honorific of a gender that no
        full name of that surname has ("Mr. Obama" beside Michelle Obama), or, where no full name
        carries it, honorifics of both genders ("Mr. Keller" and "Mrs. Keller": one node each). The surname without an
        honorific written before the full name ("President Obama ... the first lady, Michelle
        Obama") may then be either person: it goes to neither, a name of its own keyed to the
        article (None until minted). Written after the full name, it refers back to it ("Thomas
        Ashby ... Mrs. Ashby ... Ashby said")."""
        found: dict[str, Cluster | None] = {}
        unnamed: dict[str, set[str]] = defaultdict(set)  # a surname no full name carries -> its honorifics' genders
        for ent, words in persons:
            if len(words) != 1 or (gender := self._honorific_gender(ent.start_char)) is None:
                continue
            if (bearers := by_surname.get(key := words[0].lower())) is None:
                unnamed[key].add(gender)
            elif not _agreeing(bearers, gender):
                found[key] = None
        found.update((key, None) for key, genders in unnamed.items() if len(genders) > 1)  # "Mr. Keller", "Mrs. Keller"
        return found

    def _settling_honorific(self, ent: Span, by_surname: dict[str, list[Cluster]],
                            unsettled: dict[str, Cluster | None]) -> str | None:
        """The honorific before a surname ("Mrs." of "Mrs. Clinton") when the article gives that
        surname to people of both genders (Bill and Hillary Clinton; Michelle Obama and a "Mr.
        Obama"): there it tells them apart, so it stays in the alias the person is known by."""
        gender = self._honorific_gender(ent.start_char)
        key = name_tokens(self._words(ent))[0].lower()
        if gender is None:
            return None
        genders = {gender_of_name(c.name.split()[0]) for c in by_surname.get(key, []) if len(c.name.split()) >= 2}
        if key not in unsettled and not {"m", "f"} <= genders:
            return None
        before = _HONORIFIC_BEFORE.search(self.text, max(0, ent.start_char - 8), ent.start_char + 6)
        return before.group(0).strip() if before is not None else None

    def _other_bearer(self, other_bearers: dict[tuple[str, str], Cluster], surname: str, gender: str,
                      ent: Span) -> Cluster:
        """A person named only by an honorific and a surname whose gender no full name of that
        surname has ("Mrs. Khan" beside Khizr Khan): named with the honorific as written, and
        scoped to the article, since nothing says which of the name's bearers elsewhere it is."""
        before = _HONORIFIC_BEFORE.search(self.text, max(0, ent.start_char - 8), ent.start_char + 6)
        honorific = before.group(0).strip() if before is not None else ""
        name = " ".join(w for w in (honorific, ent.text.split()[-1]) if w)
        cluster = Cluster("Person", strip_possessive(name), key=f"{name} {self.doc_id}")
        other_bearers[(surname, gender)] = cluster
        self._clusters.append(cluster)
        return cluster

    def party_members_key(self, kind: str, name: str, *, counted: bool = False, people: bool = False) -> str | None:
        """The id key of a political camp ("conservatives", "independents"): nameless, so the camp
        an article speaks of is its own group, as a generic group is. A party's members
        ("Democrats", "Republicans") are a named group, one node across the corpus (the annotation
        guideline: party members are not generic), apart from the party itself; a counted few of
        them ("two Democrats", "10 Republicans", "2016 Democrats": the field of one race) are
        the article's own. So are the people of a nation, faith or descent ``people`` (:func:`_a_people`:
        "Americans", "Muslims"): the Americans one story speaks of are not another's, and one node
        for all would tie every story of the corpus together in the view."""
        if kind == "Group" and (name.lower() in CAMPS or counted and name.lower() in PARTY_MEMBERS or people):
            return f"{name} {self.doc_id}"
        return None

    def _ticker_of(self, tickers: dict[str, int], name: str) -> Cluster | None:
        """The organisation whose ticker ``name`` is ("NWE" after "Northwind Energy (NWE)")."""
        start = tickers.get(name)
        if start is None:
            return None
        orgs = (c for c in self._clusters if c.type == "Organization")
        return next((c for c in orgs if any(m.start == start for m in c.mentions)), None)

    def _org_alias(self, orgs: dict, kind: str, name: str) -> Cluster | None:
        """'The Times' is 'The New York Times'; 'ACLU' is 'American Civil Liberties Union'."""
        low = name.lower()
        if party_name(name) is not None:
            return None  # "Democratic Party" is not the "Florida Democratic Party"
        for (k, other_low), cluster in orgs.items():
            if k != kind or is_party(cluster):
                continue
            if (other_low.endswith(" " + low) or low.endswith(" " + other_low)) \
                    and not _state_body(min(low, other_low, key=len), max(name, cluster.name, key=len)):
                if len(name) > len(cluster.name):
                    cluster.name = name
                return cluster
            initials = "".join(w[0] for w in cluster.name.split() if w[0].isupper())
            if name.isupper() and len(name) >= 2 and name == initials:
                return cluster
            if cluster.name.isupper() and "".join(w[0] for w in name.split() if w[0].isupper()) == cluster.name:
                cluster.name = name
                return cluster
        if " " not in name and kind == "Organization" and low not in self._tagged_person:
            # "Northwind" after "Northwind Energy": the first word of exactly one organisation's name
            # (never a word the model also takes for a person: "Trump" beside "the Trump Train")
            same = {id(c): c for (k, _low), c in orgs.items()
                    if k == kind and " " in c.name and c.name.split()[0].lower() == low}
            if len(same) == 1:
                return next(iter(same.values()))
        return None

    @staticmethod
    def _nearest_before(candidates: list[Cluster], position: int) -> Cluster:
        def last_before(c: Cluster) -> int:
            starts = [m.start for m in c.mentions if m.start < position]
            return max(starts) if starts else -1

        return max(candidates, key=last_before)

    def _mention(self, cluster: Cluster, ent: Span, alias: str) -> None:
        start = ent.start_char
        words = strip_possessive(self._words(ent))
        span = TextSpan.of(self.text, start, start + len(words))
        cluster.mentions.append(span)
        cluster.aliases.add(alias)
        for token in ent:
            self._by_char[token.idx] = cluster

    # -- lookups for extractors -------------------------------------------------------
    def _words(self, span: Span) -> str:
        """``span.text``, cut from the text (Span.text joins its Tokens' words anew on each access)."""
        return self.text[span.start_char:span.end_char]

    def cluster_at(self, token: Token) -> Cluster | None:
        return self._by_char.get(token.idx)

    def cluster_at_char(self, char: int) -> Cluster | None:
        """:meth:`cluster_at` the token that starts at ``char`` (a token table's ``idx``: no Token made)."""
        return self._by_char.get(char)

    def cluster_by_id(self, entity_id_: str) -> Cluster | None:
        """The cluster behind an id (a resolved pronoun's ref), so extractors can attach to it."""
        for cluster in self._clusters + list(self._extra.values()):
            if cluster.id == entity_id_:
                return cluster
        return None

    def ref_for(self, cluster: Cluster, mention: TextSpan) -> EntityRef:
        return EntityRef(id=cluster.id, name=cluster.name, type=cluster.type, mention=mention)

    def span_of(self, start: int, end: int) -> TextSpan:
        return TextSpan.of(self.text, start, end)

    def register_roles(self, triples: Iterable[Triple]) -> None:
        """Remember who holds which role, so 'the president' can point to a person."""
        by_id = {c.id: c for c in self._clusters}
        for t in triples:
            cluster = by_id.get(t.subject.id)
            if cluster is not None and t.object.name:
                role = t.object.name.lower()
                cluster.roles.add(role)
                if cluster not in self._role_holders[role]:
                    self._role_holders[role].append(cluster)

    def describe(self, entity_id_: str, span: TextSpan) -> None:
        """Words that the text ties to one entity (``kg.descriptions``), known before the speakers are
        read: a speaker phrase that starts with them is that entity, not a new nameless one."""
        self._described.setdefault(span.start, (span.end, entity_id_))

    def add_description(self, entity_id_: str, span: TextSpan, *, alias: bool = True) -> None:
        """A description that refers back to one entity ("the Texas senator", "@tedcruz"): a mention
        of it at ``span`` (so statements that use it mention the entity) and, when ``alias``, its
        words without "the", "a" or "@" an alias of its node (so ``who-said --about`` finds them; never a
        name for matching). A bare "the party" is no alias: it names the party of one article only."""
        cluster = self.cluster_by_id(entity_id_)
        words = " ".join(re.sub(r"^(?:the|The|THE|an?|An?|AN?)\s+|^@|[“”\"]", "", span.text).split())
        if cluster is None or not words:
            return
        owners = {id(c) for c in self._clusters + list(self._extra.values()) for m in c.mentions
                  if (m.start, m.end) == (span.start, span.end)}
        if owners - {id(cluster)}:
            return  # the words are another entity's mention already (a speaker kg minted): one entity a span
        if not owners:
            cluster.mentions.append(span)
        if alias and words.lower() != cluster.name.lower():
            cluster.aliases.add(words)

    def holder_of(self, role: str, *, before: int | None = None) -> Cluster | None:
        """The one person holding ``role`` in this document, if exactly one does; with ``before``, one
        named before that offset once anyone is ("the senator said" after Clinton and Sanders are
        named is not a senator first named later; a lede's "the president" before anyone is named
        may be the "President Obama" of the next paragraph)."""
        low = role.lower()
        if before is not None and not any(self._named_before(c, before) for c in self._clusters
                                          if c.type == "Person"):
            before = None
        holders = [c for c in self._role_holders.get(low, []) if self._named_before(c, before)]
        if len(holders) == 1:
            return None if self._rival_candidate(low, holders[0], before) else holders[0]
        if holders or self._role_holders.get(low):
            return None
        suffix = [c for r, cs in self._role_holders.items() if r.endswith(" " + low) and not lesser_office(r, low)
                  for c in cs if self._named_before(c, before)]
        if len(set(map(id, suffix))) != 1 or self._rival_candidate(low, suffix[0], before):
            return None
        return suffix[0]

    def _rival_candidate(self, role: str, holder: Cluster, before: int | None) -> bool:
        """Is ``role`` a candidacy ("the nominee", ``role_classes.txt``) and another person named
        (before ``before``) a candidate of some kind too ("Republican nominee Trump", "Clinton, the
        Democratic candidate")? Then "the nominee" may be either: no one."""
        if role.split()[-1] not in _candidacy_heads():
            return False
        return any(c is not holder and self._named_before(c, before) for r, cs in self._role_holders.items()
                   if r.split() and r.split()[-1] in _candidacy_heads() for c in cs)

    @staticmethod
    def _named_before(cluster: Cluster, before: int | None) -> bool:
        return before is None or any(m.start < before for m in cluster.mentions)

    def mint(self, kind: str, name: str, mention: TextSpan, *, key: str | None = None) -> EntityRef:
        """An entity with no NER name (a group, a report): keyed by its type and words.

        ``key`` replaces the name in the id when the name is too plain to merge across
        documents ("the report" of one article is not that of another).
        """
        described = self._described.get(mention.start)
        # (a phrase the description's words hold, cut short: "The delegate" of "The delegate and activist")
        if described is not None and kind != "Report" and (described[0] <= mention.end or kind == "Person") \
                and not self._owned_by_description(described[0], mention) \
                and (meant := self.cluster_by_id(described[1])) is not None:
            meant.mentions.append(mention)  # "The former pollster said": the person the description is
            return self.ref_for(meant, mention)
        clean = surface = " ".join(name.split())
        person = self._named_person(clean) if kind in ("Group", "Person") and key is None else None
        if person is not None:  # a speaker phrase that is a person's name ("Trump") is that person
            person.mentions.append(mention)
            return self.ref_for(person, mention)
        if kind == "Group" and key is None:
            clean, key = self.group_identity(clean, sentence_start=self._starts_sentence(mention.start))
        eid = entity_id(kind, key or clean)
        cluster = self._extra.get(eid)
        if cluster is None:
            cluster = Cluster(kind, clean, key=key)
            self._extra[eid] = cluster
        if kind == "Group" and clean in self._owners:  # "ACLU lawyers": a group of the ACLU (kg.groups)
            self.memberships.setdefault((eid, mention.start), (self._owners[clean], mention))
        cluster.mentions.append(mention)
        cluster.aliases.update({clean, surface})
        return self.ref_for(cluster, mention)

    def _owned_by_description(self, end: int, mention: TextSpan) -> bool:
        """Do the phrase's words go on past a description with its possessive ("the party's lack of
        awareness")? Then the phrase names a thing of the described entity, never the entity."""
        return mention.end > end and self.text[end:mention.end].startswith(("'s", "’s", "' ", "’ "))

    def mint_of_article(self, kind: str, name: str, mention: TextSpan) -> EntityRef:
        """:meth:`mint` keyed to this article: a nameless person or group ("the Senate Democratic
        leader", "a Democrat", "Mr. and Mrs. Aziz") that no other article's same words are."""
        return self.mint(kind, name, mention, key=article_key(name, self.doc_id))

    def _starts_sentence(self, char: int) -> bool:
        token = self._token_at(char)
        return token is not None and token.is_sent_start

    def group_identity(self, name: str, *, sentence_start: bool = False) -> tuple[str, str | None]:
        """A group's name and id key: determiners dropped ("the prosecutors" is "prosecutors"); a
        group of an organisation named either way round is one group ("ACLU lawyers", "Lawyers from
        the American Civil Liberties Union": "American Civil Liberties Union lawyers"); a group of
        common nouns only is keyed to its article, so "reporters" of two stories stay apart. A group
        of a person is one group the same way ("Sanders supporters", "supporters of Bernie Sanders",
        "die-hard Sanders supporters": "Bernie Sanders supporters")."""
        words = group_words(name)
        text = " ".join(words)
        counted = len(words) < len(name.split()) and _is_count(name.split()[0])
        match = re.match(r"^(\w[\w-]*)\s+(?:from|at|of|with|for)\s+(?:the\s+)?(.+)$", text, flags=re.IGNORECASE)
        owner: Cluster | None = None
        if match and match.group(2)[:1].isupper():
            noun = match.group(1).lower()
            owner = self.organization_named(match.group(2)) or self._named_person(match.group(2))
        elif len(words) >= 2 and words[-1][:1].islower():
            # "ACLU lawyers", "die-hard Sanders supporters": colour words before the name go
            noun, k = words[-1], len(words) - 1
            while k > 0 and words[k - 1][:1].isupper():
                k -= 1
            for start in range(k, len(words) - 1):
                named = " ".join(words[start:-1])
                owner = self.organization_named(named) or self._named_person(named)
                if owner is not None:
                    break
        if owner is not None:
            return self.owned_identity(owner, noun)
        if sentence_start and words and not words[0].isupper() and (len(words) > 1 or words[0][1:].islower()) \
                and words[0].lower() not in ("democrats", "republicans", "liberals", "conservatives"):
            words = [words[0].lower(), *words[1:]]  # "Women who were ...": capitalised by the sentence only
        if is_generic_group(" ".join(words)):
            return " ".join(words), f"{' '.join(words)} {self.doc_id}"
        return text, self.party_members_key("Group", text, counted=counted)

    def owned_identity(self, owner: Cluster, noun: str) -> tuple[str, str]:
        """The name and id key of a group of ``owner`` ("Bernie Sanders supporters"): the noun folded
        (``owned_groups.txt``: "Clinton camp" is her campaign); keyed to the article when the owner
        is (a surname two people of the article share)."""
        canonical = f"{owner.name} {owned_noun(noun)}"
        self._owners[canonical] = owner
        return canonical, canonical if owner.key is None else f"{canonical} {self.doc_id}"

    def mint_group(self, name: str, key: str, mention: TextSpan) -> EntityRef | None:
        """A named group at ``mention`` ("GOP presidential hopefuls": "Republican presidential
        candidates", ``kg.groups``), its words an alias. None when the words are already another
        entity's (a speaker kg minted otherwise)."""
        eid = entity_id("Group", key)
        if self._overlaps(mention, eid):
            return None
        cluster = self._extra.get(eid)
        if cluster is None:
            cluster = self._extra[eid] = Cluster("Group", name, key=key)
        cluster.mentions.append(mention)
        cluster.aliases.update({name, re.sub(r"^(?:the|The|THE)\s+", "", mention.text)})
        return self.ref_for(cluster, mention)

    def _overlaps(self, mention: TextSpan, eid: str) -> bool:
        """Do the words at ``mention`` belong to another group, person or a description already?"""
        return mention.start in self._described or any(
            m.start < mention.end and mention.start < m.end for c in self._clusters + list(self._extra.values())
            if c.type in ("Group", "Person") and c.id != eid for m in c.mentions)

    def mint_owned(self, owner: Cluster, noun: str, mention: TextSpan, *, alias: bool = True) -> EntityRef | None:
        """A group or organisation of a person at ``mention`` ("Trump's campaign", "the Obama
        administration"), minted as a speaker phrase of those words would be: one node across
        articles, its words an alias (unless ``alias`` is false: "his campaign" names another
        person's elsewhere), a MEMBER_OF its owner (``kg.groups``). None when the words are
        already another entity's (a description, a speaker kg minted otherwise)."""
        owners = [c for c in self._clusters + list(self._extra.values()) for m in c.mentions
                  if m.start < mention.end and mention.start < m.end and c is not owner]
        if owners or mention.start in self._described:
            return None
        canonical, key = self.owned_identity(owner, noun)
        eid = entity_id("Group", key)
        cluster = self._extra.get(eid)
        if cluster is None:
            cluster = self._extra[eid] = Cluster("Group", canonical, key=key)
        self.memberships.setdefault((eid, mention.start), (owner, mention))
        cluster.mentions.append(mention)
        cluster.aliases.update({canonical, re.sub(r"^(?:the|The|THE)\s+", "", mention.text)} if alias else {canonical})
        return self.ref_for(cluster, mention)

    def organization_named(self, text: str) -> Cluster | None:
        """The organisation of this document that ``text`` names: its name, an alias, its initials."""
        low = strip_possessive(re.sub(r"^(?:the|The)\s+", "", text)).lower()
        for cluster in self._clusters:
            if cluster.type != "Organization" or is_party(cluster):
                continue  # a party is no employer: "Republican nominee X" keeps it a qualifier
            names = {cluster.name.lower(), *(a.lower() for a in cluster.aliases)}
            initials = "".join(w[0] for w in cluster.name.split() if w[:1].isupper()).lower()
            if low in names or (len(low) >= 2 and low == initials):
                return cluster
        return None

    def person_named(self, text: str) -> Cluster | None:
        """The person a bare name designates here ("Moreno", "Rachel Moreno"), if exactly one."""
        return self._named_person(text)

    def _named_person(self, text: str) -> Cluster | None:
        """The person a bare name designates: the full name, or a surname only one person has; never
        a phrase whose name is another's complement ("supporters of Bernie Sanders", "a spokesman
        for Ann Lee", "Tim Kaine and Hillary Clinton")."""
        raw = text.split()
        if any(w in LINKING_WORDS or w == "of" and k and raw[k - 1].lower().rstrip(".") not in _TITLES_OR_ROLE_NOUNS
               for k, w in enumerate(raw)):
            return None
        words = person_words(text)
        persons = [c for c in self._clusters if c.type == "Person"]
        if len(words) > 2:  # a phrase across a headline that ends in a known full name
            ending = [c for c in persons if len(c.name.split()) >= 2 and [w.lower() for w in words[-len(
                c.name.split()):]] == c.name.lower().split()]
            if len(ending) == 1:
                return ending[0]
        if not words or len(words) > 4 or not all(w[:1].isupper() for w in words):
            return None
        low = " ".join(words).lower()
        exact = [c for c in persons if c.name.lower() == low or low in (a.lower() for a in c.aliases)]
        if exact:
            return exact[0]
        if len(words) == 1:
            same = [c for c in persons if surname(c.name.split()).lower() == low]
            return same[0] if len(same) == 1 else None
        return None

    def add_mention(self, ref: EntityRef) -> None:
        """Record a resolved mention (a pronoun or role noun) on an existing entity."""
        for cluster in self._clusters + list(self._extra.values()):
            if cluster.id == ref.id:
                cluster.mentions.append(ref.mention)
                self._genders.pop(ref.id, None)  # a he or she resolved to it may tell its gender
                return

    def author(self, mention: TextSpan) -> EntityRef:
        """The article's writer, for a first person outside any quotation: the person its
        byline names ('By Ann Lee' near the top), else one "the author" per document."""
        byline = _BYLINE.search(self.text, 0, min(len(self.text), BYLINE_REACH))
        if byline is not None:
            name = " ".join(byline.group(1).split())
            known = self._named_person(name)
            if known is not None:
                known.mentions.append(mention)
                return self.ref_for(known, mention)
            return self.mint("Person", name, mention)
        return self.mint("Person", "the author", mention, key=f"author {self.doc_id}")

    def in_byline(self, char: int) -> bool:
        """Is ``char`` inside the byline ('By Ann Lee' near the top), whatever the model typed its name?"""
        byline = _BYLINE.search(self.text, 0, min(len(self.text), BYLINE_REACH))
        return byline is not None and byline.start(1) <= char < byline.end(1)

    def _honorific_gender(self, char: int) -> str | None:
        """'f' for "Ms. Vance", 'm' for "Mr Vance": the honorific right before a name at ``char``,
        or a title that only one gender holds ("Congresswoman Vance", ``gendered_titles``)."""
        before = _HONORIFIC_BEFORE.search(self.text, max(0, char - 8), char + 6)
        if before is not None and before.end() >= char and before.start() <= char + 1:
            return GENDERED_HONORIFICS[before.group(1).lower()]
        title = _GENDERED_TITLE_BEFORE.search(self.text, max(0, char - 15), char + 15)
        if title is not None and title.end() >= char and title.start() <= char + 1:
            return GENDERED_TITLES[title.group(1).lower()]
        return None

    def gender_of(self, entity_id_: str) -> str | None:
        """'f', 'm' or None for a person of this document: an honorific before a mention (Mr.,
        Ms., Mrs., Sir, Dame) first, else the given name's usual gender (:mod:`kg.given_names`)."""
        if entity_id_ in self._genders:
            return self._genders[entity_id_]
        cluster = self.cluster_by_id(entity_id_)
        gender = None
        if cluster is not None and cluster.type == "Person":
            for m in cluster.mentions:
                gender = self._honorific_gender(m.start)
                if gender is not None:
                    break
            words = cluster.name.split()
            if gender is None and len(words) >= 2 and len(words[0].rstrip(".")) > 1:
                gender = gender_of_name(words[0])
            if gender is None:  # "The manager … He said": a person no name tells of is what its he or she says
                said = {PRONOUN_GENDER.get(m.text.lower()) for m in cluster.mentions} - {None}
                gender = next(iter(said)) if len(said) == 1 else None
        self._genders[entity_id_] = gender
        return gender

    def looks_like_place(self, cluster: Cluster) -> bool:
        """A one-word "person" only ever named after a locative preposition and never a subject
        ("residents from Hammanskraal" typed PERSON): a place, which no he or she points to."""
        if cluster.type != "Person" or len(cluster.name.split()) != 1:
            return False
        heads = [phrase_head(t) for m in cluster.mentions if (t := self._token_at(m.start)) is not None]
        return bool(heads) and not any(h.dep_ in ("nsubj", "nsubjpass") for h in heads) and any(
            h.dep_ == "pobj" and h.head.lower_ in LOCATIVE - {"to"} for h in heads)

    def previous_subject(self, position: int, *, plural: bool = False, gender: str | None = None) -> EntityRef | None:
        """The nearest subject before ``position`` that a pronoun can point to.

        he/she: a Person (not one of the other gender); they: a Group or Organization (or
        several people). Subjects of earlier sentences beat nearer non-subject mentions, as
        readers resolve them.
        """
        best: tuple[int, Cluster] | None = None
        at = self._token_at(position)
        narrated = at is not None and not in_quotation(at, self.text)  # then a quoted subject is no antecedent
        pool = self._clusters + list(self._extra.values())
        for cluster in pool:
            if plural and cluster.type not in ("Group", "Organization"):
                continue
            if not plural and (cluster.type != "Person" or self.looks_like_place(cluster)):
                continue
            if gender is not None and self.gender_of(cluster.id) not in (None, gender):
                continue
            # the cluster's best mention is its last subject before ``position``, else its last
            # mention: read from the last back, so a long article's hundredth "he" costs little
            score: int | None = None
            for m in sorted(cluster.mentions, key=lambda m: m.start, reverse=True):
                if m.start >= position or m.text.lower() in FIRST_PERSON or self._alone_on_line(m):
                    continue  # the writer's "I", a byline's name, is never a he or a she
                seen = self._mention_head(m.start)
                if seen is None or narrated and seen[0]:
                    continue
                _quoted, head_tag, head_dep = seen
                if plural and cluster.type == "Group" and head_tag == "NN":
                    continue  # "my landlord told me …": a nameless group of one, never a they
                if head_dep in ("nsubj", "nsubjpass"):
                    score = max(score or 0, m.start + len(self.text))
                    break
                score = m.start if score is None else score
            if score is not None and (best is None or score > best[0]):
                best = (score, cluster)
        return None if best is None else self.ref_for(best[1], TextSpan(0, 0, ""))

    def _alone_on_line(self, mention: TextSpan) -> bool:
        """A name that is its line ("Karen Lau" under a headline, "By Ann Lee"): a byline or a
        credit, which no pronoun of the story points back to."""
        start = self.text.rfind("\n", 0, mention.start) + 1
        end = self.text.find("\n", mention.end)
        line = self.text[start:len(self.text) if end < 0 else end].strip()
        return re.sub(r"^(?:By|BY|by):?\s+", "", line) == mention.text

    def _mention_head(self, start: int) -> tuple[bool, str, str] | None:
        """For the token at a mention's start: whether it is in a quotation, and its phrase
        head's tag and dependency (None: no token there). Kept per start, as the words do not
        change: each pronoun reads the same mentions again."""
        if start not in self._heads:
            token = self._token_at(start)
            if token is None:
                self._heads[start] = None
            else:
                head = phrase_head(token)
                self._heads[start] = (in_quotation(token, self.text), head.tag_, head.dep_)
        return self._heads[start]

    def clusters_before(self, char: int) -> list[Cluster]:
        """Every entity of the document (named or minted) with a mention before ``char``."""
        pool = self._clusters + list(self._extra.values())
        return [c for c in pool if any(m.start < char for m in c.mentions)]

    def token_at(self, char: int) -> Token | None:
        """The token at a character offset of the text."""
        return self._token_at(char)

    def _token_at(self, char: int) -> Token | None:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def entities(self) -> list[Entity]:
        out = [c.entity() for c in self._clusters] + [c.entity() for c in self._extra.values()]
        merged: dict[str, Entity] = {}
        for e in out:
            if e.id in merged:
                old = merged[e.id]
                merged[e.id] = Entity(e.id, e.type, e.name, tuple(sorted(set(old.aliases) | set(e.aliases))),
                                      tuple(sorted(set(old.mentions) | set(e.mentions), key=lambda s: s.start)))
            else:
                merged[e.id] = e
        return sorted(merged.values(), key=lambda e: e.id)


def _voted_kinds(others: list[tuple[Span, str]]) -> dict[str, str]:
    """One type per organisation or place name in a document: a name the model tags ORG in one
    sentence and FAC/GPE in another is what it is tagged most often (ties: Organization); the
    seats of power in ``institutions.txt`` ("the White House said") are always Organizations."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for ent, kind in others:
        if kind in ("Organization", "Place"):
            votes[strip_possessive(re.sub(r"^(?:the|The)\s+", "", ent.text)).lower()][kind] += 1
    out = {}
    for name, counts in votes.items():
        if name in INSTITUTIONS:
            out[name] = "Organization"
        elif len(counts) > 1:
            out[name] = "Organization" if counts["Organization"] >= counts["Place"] else "Place"
    return out


def _only_one_named_yet(candidates: list[Cluster], first_named: dict[int, int], at: int, last: int) -> list[Cluster]:
    """The one of ``candidates`` (people of one surname) that the article has named by ``at``, when
    every other is first named after ``last`` (the surname's last use alone): "President George W.
    Bush ... Mr. Bush ... Jeb Bush" makes "Mr. Bush" George W. Bush. Else none."""
    never = 1 << 62
    before = [c for c in candidates if first_named.get(id(c), never) < at]
    if len(before) == 1 and all(first_named.get(id(c), never) > last for c in candidates if c is not before[0]):
        return before
    return []


def _spelled_by(word: str, people: Iterable[Cluster]) -> Cluster | None:
    """The one person of the article whose full name a camel-case word spells, as a hashtag or
    handle does ("#DonaldTrump", "SenTedCruz" beside Ted Cruz): one word with a capital inside,
    never a surname such as "McCain" (it spells no full name)."""
    if not word.isalpha() or word.isupper() or not any(c.isupper() for c in word[1:]):
        return None
    letters = handle_letters(word)
    found = {id(c): c for c in people if c.type == "Person" and letters in spellings(c.name)}
    return next(iter(found.values())) if len(found) == 1 else None


def _agreeing(candidates: list[Cluster], gender: str | None) -> list[Cluster]:
    """The people a surname after an honorific can be: "Ms. Vance" is not Marcus Vance, whether
    or not Loretta Vance is named too (the given name's usual gender decides; unknown ones stay)."""
    if gender is None:
        return candidates
    return [c for c in candidates if gender_of_name(c.name.split()[0]) in (None, gender)]


def _contains_name(longer: list[str], shorter: list[str]) -> bool:
    """Is ``shorter`` (2+ words) the same person as ``longer``: contained in it, or a first and
    last name that ``longer`` puts initials or middle names between ("Donald J. Trump")?"""
    if len(shorter) < 2 or len(longer) <= len(shorter) or generation(longer) != generation(shorter):
        return False  # "Donald Trump Jr." is not "Donald Trump"
    n = len(shorter)
    if any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1)):
        return True
    # "Donald J. Trump" is "Donald Trump"; "George H. W. Bush" is not "George W. Bush": middles that differ
    return n == 2 and longer[0] == shorter[0] and longer[-1] == shorter[-1]


def _middles(names: Iterable[list[str]]) -> dict[tuple[str, str], set[tuple[str, ...]]]:
    """(first, last) → the middle parts the names put between them ("George W. Bush", "George H.W. Bush")."""
    found: dict[tuple[str, str], set[tuple[str, ...]]] = defaultdict(set)
    for words in names:
        if len(words) >= 3:
            low = [w.lower() for w in words]
            found[(low[0], low[-1])].add(tuple(low[1:-1]))
    return found


def _middle_shared(middles: dict[tuple[str, str], set[tuple[str, ...]]], name: list[str]) -> bool:
    """Does the article give a first and last name (``name``, two words) two different middles,
    so that it may be either of two people ("George Bush" beside George W. and George H.W. Bush)?"""
    return len(name) == 2 and len(middles.get((name[0], name[1]), ())) > 1


def _in_headline(span: Span, text: str) -> bool:
    """Is the span on a title-case line (a headline), where NER glues words onto names?

    ``text`` is the Doc's text, passed in: ``Doc.text`` rebuilds the string on every call."""
    start = text.rfind("\n", 0, span.start_char) + 1
    end = text.find("\n", span.end_char)
    return _title_case_line(text[start:end if end >= 0 else len(text)])


@lru_cache(maxsize=1024)  # asked again for every name on the same line
def _title_case_line(line: str) -> bool:
    words = re.findall(r"[A-Za-z][\w'’-]*", line)
    long_words = [w for w in words if len(w) > 3]
    return len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.8


def _split_at_newlines(ent: Span) -> list[Span]:
    """A name never crosses a line break: a headline glued to the first line is two spans."""
    pieces, start = [], ent.start
    for tok in ent:
        if tok.is_space or "\n" in tok.whitespace_:
            end = tok.i if tok.is_space else tok.i + 1
            if end > start:
                pieces.append(Span(ent.doc, start, end, label=ent.label_))
            start = tok.i + 1
    if ent.end > start:
        pieces.append(Span(ent.doc, start, ent.end, label=ent.label_))
    return pieces


def _split_at_bracket(ent: Span) -> list[Span]:
    """"Federal Bureau of Investigation (FBI", "the Associated Press (": the model ran a name into
    the bracket that defines its acronym. The name ends before the bracket; an acronym inside it
    (capitals only) is a name of its own, which :func:`ticker_aliases` ties to the name."""
    cut = next((t.i for t in ent[1:] if t.text == "("), None)
    if cut is None:
        return [ent]
    doc = ent.doc
    inside = [t for t in doc[cut + 1:ent.end] if t.text != ")"]
    pieces = [Span(doc, ent.start, cut, label=ent.label_)]
    if len(inside) == 1 and inside[0].text.replace(".", "").isalpha() and inside[0].text.isupper():
        pieces.append(Span(doc, inside[0].i, inside[0].i + 1, label=ent.label_))
    return pieces


def _possessive_company(ent: Span) -> bool:
    """"the top flack for McDonald’s": an ORG the model tagged with its possessive inside, owning
    no noun after it, is a company named so (McDonald's, Wendy's), not the person of that surname
    ("Laquan McDonald"); never after "of" ("a friend of Trump's")."""
    doc = ent.doc
    if ent.label_ != "ORG" or len(ent) != 2 or ent[-1].lower_ not in ("'s", "’s"):
        return False
    after = doc[ent.end] if ent.end < len(doc) else None
    owned = after is not None and after.pos_ in ("NOUN", "PROPN", "ADJ", "NUM")
    return not owned and (ent.start == 0 or doc[ent.start - 1].lower_ != "of")


def _split_at_possessive(ent: Span) -> list[Span]:
    """"Fox News’ Bret Baier", "Fox News Channel’s Hannity" tagged one ORG: an organisation's
    possessive inside the span ends the organisation's name (its last word an organisation word,
    ``ORG_WORDS`` or "channel", or a person's name after it); a name after it that starts with a
    given name is a person. "Emily's List" and "People's Liberation Front" stay whole."""
    if ent.label_ != "ORG" or len(ent) < 3:
        return [ent]
    cut = next((t.i for t in ent[1:-1] if t.tag_ == "POS" or t.text in ("’", "'") and t.dep_ == "case"), None)
    if cut is None:
        return [ent]
    doc = ent.doc
    before, after = Span(doc, ent.start, cut, label="ORG"), Span(doc, cut + 1, ent.end, label="PERSON")
    person = len(after) >= 2 and all(t.text[:1].isupper() for t in after) and gender_of_name(after[0].text) is not None
    if not person and before[-1].lower_ not in ORG_WORDS | {"channel"}:
        return [ent]
    return [before, after] if person else [before]


@cache
def _demonym_places() -> dict[str, str]:
    return {adj.strip().lower(): place.strip() for adj, place in load_pairs("demonyms")}


def nation_of(adjective: str, places: Iterable[str] = ()) -> str | None:
    """The nation a nationality adjective names: ``demonyms.txt`` ("American" → United States), else
    the one one-word place among ``places`` (the article's) whose name the adjective continues
    ("Ethiopian" → Ethiopia, "Mexican" → Mexico)."""
    low = adjective.lower()
    if (place := _demonym_places().get(low)) is not None:
        return place
    fits = {p for p in places if len(p) >= 4 and " " not in p and p[:1].isupper()
            and low.startswith(p.lower()[:max(4, len(p) - 1)]) and 0 <= len(low) - len(p) <= 3}
    return fits.pop() if len(fits) == 1 else None


def government_nation(name: str, places: Iterable[str] = ()) -> str | None:
    """The nation of "Ethiopian government" (a nationality adjective and "government"), else None."""
    match = re.fullmatch(r"([A-Z][\w-]+) [Gg]overnment", name)
    return nation_of(match.group(1), places) if match else None


def _national_governments(doc: Doc, ents: list[Span]) -> list[Span]:
    """"the Ethiopian government": the model tags the adjective alone (NORP); the government of a
    nation is an organisation, so the adjective and the word "government" after it are one ORG span."""
    out = []
    for ent in ents:
        nxt = doc[ent.end] if ent.end < len(doc) else None
        if ent.label_ == "NORP" and len(ent) == 1 and nxt is not None and nxt.lower_ == "government" \
                and nxt.tag_ == "NN" and not nxt.ent_type_:
            ent = Span(doc, ent.start, ent.end + 1, label="ORG")
        out.append(ent)
    return out


def _is_nickname(token: Token) -> bool:
    """A word between quotation marks inside a name ('Robert C. "Bobby" Scott')."""
    doc = token.doc
    return 0 < token.i < len(doc) - 1 and doc[token.i - 1].text in QUOTES and doc[token.i + 1].text in QUOTES


QUOTES = {'"', "“", "”"}


def _nickname_spans(doc: Doc) -> list[Span]:
    """Names the model splits at a quoted nickname: Given [Initial] "Nick" Surname."""
    spans = []
    lower = token_table(doc).lower  # a quotation mark's lowercase is itself: only words between two are tried
    for tok in (doc[i] for i in range(1, len(doc) - 1) if lower[i - 1] in QUOTES and lower[i + 1] in QUOTES):
        i = tok.i
        if not (_is_nickname(tok) and i >= 2 and i + 2 < len(doc)):
            continue
        before, after = doc[i - 2], doc[i + 2]
        if not (before.text[:1].isupper() and after.text[:1].isupper() and after.is_alpha):
            continue
        if not any(t.ent_type_ == "PERSON" for t in (before, tok, after)):
            continue
        start = i - 2
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper() \
                and doc[start - 1].lower_.rstrip(".") not in TITLES_OR_HONORIFICS:
            start -= 1
        end = i + 3
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() and doc[end].ent_type_:
            end += 1
        spans.append(doc[start:end])
    return spans


def _is_particle(token: Token) -> bool:
    """von, van der, bin, de la …: a name particle (capitalised only at a name's start)."""
    return token.lower_ in NAME_PARTICLES and not token.whitespace_.count("\n")


def _capital_word(token: Token) -> bool:
    return token.text[:1].isupper() and token.is_alpha and token.ent_type_ not in ("DATE", "TIME", "CARDINAL")


def _extend_persons(doc: Doc, ents: list[Span]) -> list[Span]:
    """A PERSON span the model stopped short: on over capitalised name words it gave no type,
    and a post-nominal it typed ORG ("Alison" + "Mbeki" + "SC" is Alison Mbeki SC); never past a
    possessive ("Barack Obama's DOJ": what he has is no part of his name)."""
    out: list[Span] = []
    swallowed: set[int] = set()
    for ent in ents:
        if ent.start in swallowed:
            continue
        end = ent.end
        while ent.label_ == "PERSON" and end < len(doc) and "\n" not in doc[end - 1].whitespace_ \
                and doc[end - 1].tag_ != "POS":
            nxt = doc[end]
            if nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and nxt.is_alpha and not nxt.ent_type_:
                end += 1
            elif nxt.ent_type_ and nxt.lower_.rstrip(".") in SUFFIXES and nxt.ent_iob_ == "B" and (
                    end + 1 >= len(doc) or doc[end + 1].ent_iob_ != "I"):
                swallowed.add(end)
                end += 1
            else:
                break
        out.append(ent if end == ent.end else Span(doc, ent.start, end, label=ent.label_))
    return out


def in_quotation(token: Token, text: str) -> bool:
    """Inside a quotation (the document's quotations as the quote extractor reads them, found
    once: :func:`kg.extractors.quotes.quotations_of`): a subject there is the quoted speaker's,
    not the narration's. ``text`` is the document's text (``Doc.text`` rebuilds it per call)."""
    from kg.extractors.quotes import quotations_of  # quotes imports this module

    return quotations_of(token.doc, text).at(token.idx) is not None


def _name_run(doc: Doc, i: int) -> int:
    """The end of the capitalised name words the model left untyped from token ``i`` on, a
    hyphenated surname kept whole ("Prys-Jones"); ``i`` itself when there are none."""
    end = i
    while end < len(doc):
        t = doc[end]
        if t.ent_type_ or t.pos_ != "PROPN" or not _capital_word(t):
            break
        end += 1
        if "\n" in t.whitespace_:
            break
        if end + 1 < len(doc) and doc[end].text == "-" and not t.whitespace_ and not doc[end].whitespace_:
            end += 1  # "Prys" "-" "Jones"
    return end - 1 if end > i and doc[end - 1].text == "-" else end


def _untagged_names(doc: Doc) -> list[Span]:
    """Names the model gave no type although the text says they are people: an honorific before
    capitalised words ("Mrs Prys-Jones said"), and, once such a surname is known, a capitalised
    word before it elsewhere that is no title ("Siân Prys-Jones, who chairs …")."""
    found: list[Span] = []
    surnames: set[str] = set()
    table = token_table(doc)
    for t in (doc[i] for i, low in enumerate(table.lower)
              if low in HONORIFIC_STEMS or low[-1:] == "." and low.rstrip(".") in HONORIFIC_STEMS):
        if t.lower_.rstrip(".") in HONORIFIC_STEMS and not t.ent_type_ and t.i + 1 < len(doc):
            end = _name_run(doc, t.i + 1)
            if end > t.i + 1:
                found.append(Span(doc, t.i + 1, end, label="PERSON"))
                surnames.add(doc[t.i + 1:end].text.split()[-1])
    if not surnames:
        return found  # the second pass only finds names ending in a surname found here
    taken = {i for span in found for i in range(span.start, span.end)}
    for t in (doc[i] for i, kind in enumerate(table.ent_type) if not kind):
        if t.i in taken or t.ent_type_ or not _capital_word(t) or t.lower_.rstrip(".") in TITLES_OR_HONORIFICS:
            continue
        end = _name_run(doc, t.i)
        if end > t.i + 1 and doc[t.i + 1:end].text.split()[-1] in surnames:
            found.append(Span(doc, t.i, end, label="PERSON"))
            taken.update(range(t.i, end))
    return found


def _capital_run_before(doc: Doc, end: int) -> int:
    """The start of the capitalised proper-noun words that end right before token ``end``."""
    start = end
    while start > 0 and doc[start - 1].pos_ == "PROPN" and _capital_word(doc[start - 1]) \
            and "\n" not in doc[start - 1].whitespace_:
        start -= 1
    return start


def _conjoined_body(doc: Doc, conj: int) -> tuple[int, int] | None:
    """The token range of one body's name that holds "and" at ``conj`` ("the Uganda Lakes and
    Wetlands Research Centre"), or None.

    Such a name is written after "the", its words before "and" are capitalised and end in no
    body word (so "the Acme Institute and Volta Council" stays two), and the words after it are
    capitalised and end in a singular body word (:data:`BODY_NAME_ENDS`): two bodies would be
    plural ("the Oslo and Bergen Institutes") or each have a word of their own.
    """
    first = _capital_run_before(doc, conj)
    if first == conj or first == 0 or doc[first - 1].lower_ != "the" or doc[conj - 1].lower_ in BODY_NAME_ENDS \
            or "\n" in doc[conj].whitespace_:
        return None
    end = conj + 1
    while end < len(doc) and doc[end].pos_ == "PROPN" and _capital_word(doc[end]):
        end += 1
        if "\n" in doc[end - 1].whitespace_:
            break
    if end == conj + 1 or doc[end - 1].lower_ not in BODY_NAME_ENDS or (end < len(doc) and doc[end].tag_ == "POS"):
        return None
    return first, end


def _with_body_after_possessive(ent: Span) -> Span:
    """An ORG the model ended at a saint's or founder's possessive ("St Aidan's" + "Academy", "St
    Anne's" + "Catholic Primary School"): the span runs on over the capitalised words it left
    untyped when they end in a body word (:data:`BODY_NAME_ENDS`), as one name."""
    doc = ent.doc
    if ent.label_ != "ORG" or len(ent) < 2 or ent[-1].tag_ != "POS" or "\n" in ent[-1].whitespace_:
        return ent
    end = ent.end
    while end < len(doc) and doc[end].pos_ == "PROPN" and _capital_word(doc[end]) and not doc[end].ent_type_:
        end += 1
        if "\n" in doc[end - 1].whitespace_:
            break
    while end > ent.end and doc[end - 1].lower_ not in BODY_NAME_ENDS:
        end -= 1
    return ent if end == ent.end else Span(doc, ent.start, end, label="ORG")


def _join_conjoined_bodies(doc: Doc, ents: list[Span]) -> list[Span]:
    """A body named with "and" that the model cut in two ("The Uganda Lakes" + "Wetlands
    Research Centre") or left untyped: one ORG span over the whole name, the pieces inside it
    dropped (else the speaker is the name's tail alone)."""
    joined = [Span(doc, *found, label="ORG") for t in doc if t.lower_ in ("and", "&") and t.i > 0
              and (found := _conjoined_body(doc, t.i)) is not None]
    if not joined:
        return ents
    inside = {i for span in joined for i in range(span.start, span.end)}
    kept = [e for e in ents if not any(i in inside for i in range(e.start, e.end))]
    return sorted(kept + joined, key=lambda e: e.start)


def _join_particles(doc: Doc, ents: list[Span]) -> list[Span]:
    """Names the model cut at their particles, joined: 'Ursula von der' + 'Leyen' is one PERSON
    span, and 'Van den Broek' keeps its particles (the type comes from a PERSON piece)."""
    out: list[Span] = []
    taken_until = -1
    for ent in sorted(ents, key=lambda e: e.start):
        if ent.start < taken_until:
            continue
        start, end, label = ent.start, ent.end, ent.label_
        while start > 0 and _is_particle(doc[start - 1]) and "\n" not in doc[start - 1].whitespace_:
            start -= 1  # "Van den" + "Broek"
        while start < ent.start and not doc[start].text[:1].isupper() and (
                start == 0 or not _capital_word(doc[start - 1]) or doc[start - 1].ent_type_):
            start += 1  # lowercase particles begin a name only after a given name
        if start < ent.start and start > 0 and _capital_word(doc[start - 1]) and not doc[start - 1].ent_type_ \
                and not doc[start].text[:1].isupper():
            start -= 1  # "Maria" + "de la Cruz"
        while True:
            j = end
            while j < len(doc) and _is_particle(doc[j]) and "\n" not in doc[j - 1].whitespace_:
                j += 1
            if j == end and not _is_particle(doc[end - 1]):
                break
            if j < len(doc) and _capital_word(doc[j]) and "\n" not in doc[j - 1].whitespace_:
                other = next((e for e in ents if e.start <= j < e.end), None)
                if other is not None and other.label_ == "PERSON":
                    label = "PERSON"
                end = other.end if other is not None else j + 1
                if ent.label_ == "PERSON":
                    label = "PERSON"
            else:
                break
        while end > start + 1 and _is_particle(doc[end - 1]):
            end -= 1  # a trailing particle the model took ("Annelies van") with no surname after
        if (start, end) == (ent.start, ent.end):
            out.append(ent)
        else:
            out.append(Span(doc, start, end, label=label))
        taken_until = end
    return out


def _name_after_title(ent: Span) -> Span | None:
    """"Battalion Chief Marcus Hale": the words after a capitalised title word inside a name span
    when they start with a well-attested given name and hold a surname too; else None. A role noun
    opening the span is such a word too ("Farmer Ingrid Dahl, whose goats …": the sentence's
    capital made the job look like a name, and its "given name" a man's)."""
    for k in range(len(ent) - 2, -1, -1):
        title = ent[k]
        if (title.lower_.rstrip(".") in TITLES_OR_HONORIFICS or k == 0 and title.lower_ in ROLE_NOUNS) \
                and title.text[:1].isupper() \
                and gender_of_name(ent[k + 1].text) is not None and len(ent) - k - 1 >= 2:
            return ent[k + 1:]
    return _name_after_portfolio(ent)


def _name_after_portfolio(ent: Span) -> Span | None:
    """"Secretary for Housing Agnes Tsang Mei-ling" where the model typed "Housing Agnes Tsang
    Mei-ling" a name: after a capitalised title and "for"/"of", the portfolio's words, then a
    well-attested given name and more: the person is named from the given name on."""
    doc = ent.doc
    if ent.start < 2 or doc[ent.start - 1].lower_ not in ("for", "of"):
        return None
    title = doc[ent.start - 2]
    if title.lower_.rstrip(".") not in TITLES_OR_HONORIFICS or not title.text[:1].isupper():
        return None
    return next((ent[k:] for k in range(1, len(ent) - 1) if gender_of_name(ent[k].text) is not None), None)


def _person_cue(ent: Span) -> bool:
    """Does the text say a non-PERSON name is a person (a title before it, a role noun beside it)?"""
    doc = ent.doc
    prev = doc[ent.start - 1] if ent.start else None
    if prev is not None and prev.lower_.rstrip(".") in GENDERED_HONORIFICS and prev.text[:1].isupper() \
            and ent[0].pos_ == "PROPN":
        return True  # "Mr Ashby" typed ORG
    if _name_after_portfolio(ent) is not None:
        return True  # "Secretary for Housing Agnes Tsang Mei-ling" typed ORG
    if len(ent) < 2 or not all(t.pos_ == "PROPN" or t.lower_ in NAME_PARTICLES or _name_hyphen(t, ent) for t in ent):
        return False
    if prev is not None and prev.lower_.rstrip(".") in TITLES_OR_HONORIFICS and prev.text[:1].isupper():
        return True  # "Mr. Lee", "Chancellor Olaf Scholz" typed ORG
    if _name_after_title(ent) is not None:
        return True  # "Cllr Máire Nic Giolla Phádraig", "Battalion Chief Marcus Hale" typed ORG: a title, a given name
    given = gender_of_name(ent[0].text) is not None or len(ent) > 1 and gender_of_name(ent[1].text) is not None
    # a job noun before a place name is what the place does ("coal-producer West Virginia"); a title is a person's
    before = TITLE_WORDS if ent.label_ == "GPE" else _TITLES_OR_ROLE_NOUNS
    if prev is not None and prev.lower_ in before and given and (
            prev.dep_ == "compound" and ent.start <= prev.head.i < ent.end or prev.text.islower()):
        return True  # "city spokesperson Ann Lee", "City of Avon spokesperson Ann Lee" typed ORG
    root = ent.root
    if root.dep_ == "appos" and root.head.lower_ in ROLE_NOUNS and (root.head.pos_ == "NOUN" or root.head.is_lower):
        return True  # "the shadow housing secretary, Leila Haddad-Cross," ("secretary" read as a proper noun too)
    return _role_noun_before(ent) or given and (_role_appositive_after(ent) or _role_predicate(ent))


def _name_hyphen(token: Token, ent: Span) -> bool:
    """The hyphen of a double-barrelled surname ("Haddad-Cross"): between two capitalised words of the name."""
    return token.tag_ == "HYPH" and ent.start < token.i < ent.end - 1 and token.nbor(-1).text[:1].isupper() \
        and token.nbor(1).text[:1].isupper() and token.whitespace_ == "" and token.nbor(-1).whitespace_ == ""


def _role_appositive_after(ent: Span) -> bool:
    """'Deb Kline, a leader of Cleveland Jobs With Justice': a name that opens with a given name,
    followed by a comma and an appositive headed by a role noun, is that role's holder, unless it
    has the words of an organisation or a legal form ("Morgan Stanley Group, the adviser")."""
    doc = ent.doc
    if ent.end + 2 >= len(doc) or doc[ent.end].text != "," or not _shaped_like_a_name(ent):
        return False
    return any(c.dep_ == "appos" and c.i > ent.end and _role_noun_phrase(c) for c in ent.root.children)


def _role_predicate(ent: Span) -> bool:
    """'Amanda Renteria is the Clinton campaign's national political director': a name that opens with
    a given name and is the subject of "be" (or "become", "remain") whose predicate is headed by a role
    noun is that role's holder, as with an appositive (:func:`_role_appositive_after`).
    A firm named like a person ("Morgan Stanley", "Charles Schwab") is an adviser or an owner too: a
    role a firm may hold (``FIRM_ROLES``), or a last word that is a given name, says nothing."""
    root = ent.root
    if not _shaped_like_a_name(ent) or root.dep_ != "nsubj" or root.head.lemma_ not in ("be", "become", "remain") \
            or gender_of_name(ent[0].text) is None or gender_of_name(ent[-1].text) is not None:
        return False
    return any(c.dep_ == "attr" and c.lemma_.lower() not in FIRM_ROLES and _role_noun_phrase(c)
               for c in root.head.children)


def _shaped_like_a_name(ent: Span) -> bool:
    """Two or three capitalised words with no word of an organisation or legal form: a name a role
    beside it may make a person's."""
    return 2 <= len(ent) <= 3 and all(t.is_title and t.is_alpha for t in ent) \
        and not any(t.lower_ in ORG_WORDS for t in ent) and org_basename(ent.text) == ent.text


def _role_noun_phrase(token: Token) -> bool:
    """A lowercase role noun with its article or possessor ("a leader", "the campaign's director")."""
    return token.pos_ == "NOUN" and token.text.islower() \
        and (token.lower_ in ROLE_NOUNS or token.lemma_.lower() in ROLE_NOUNS) \
        and any(d.dep_ in ("det", "poss") for d in token.children)


# roles a firm holds as well as a person: "Charles Schwab is the custodian" says no one is a person
FIRM_ROLES = {"adviser", "advisor", "custodian", "sponsor", "partner", "owner", "investor", "lender", "underwriter",
              "contractor", "supplier", "provider", "operator", "broker", "auditor", "shareholder", "stakeholder",
              "bidder", "buyer", "seller", "vendor", "distributor", "manufacturer", "publisher", "leader", "backer",
              "donor", "founder", "consultant", "manager", "employer", "landlord", "tenant", "member", "winner"}


# the last word of a place or body named after a person ("the Muhammad Ali Center", "the Ruth
# Lee Foundation"): never a person's own name, whatever the model typed it (no common surnames)
NAMED_AFTER = {"center", "centre", "foundation", "institute", "university", "college", "school", "academy",
               "hospital", "museum", "library", "stadium", "arena", "airport", "prize", "award", "fund",
               "scholarship", "lecture", "building", "highway", "boulevard", "avenue", "street",
               # words that end the name of a body of people, which no person's name ends in
               "church", "cathedral", "chapel", "mosque", "synagogue", "ministries", "management", "partners",
               "associates", "holdings", "industries", "enterprises", "corporation", "company", "association",
               "committee", "council", "agency", "department", "ministry", "society"}


def lesser_office(role: str, head: str) -> bool:
    """Is ``role`` a lesser office of ``head`` ("vice president", a hyphen too: "vice-presidential
    candidate")? Its holder is no holder of the bare head: "the candidate" is not the running mate."""
    return bool(set(role.removesuffix(head).replace("-", " ").split()) & LESSER)


def _kin_named(words: list[str], surnames: set[str]) -> bool:
    """Is a two-word name the model typed a body ("Barack Obama's 2008 campaign" ORG) a clearly
    gendered given name and the surname of a person the article names (``surnames``: of full names
    that start with a gendered given name)? Then it is that person's
    kin, a person: else the article's one full name of that surname takes his "President Obama"."""
    return len(words) == 2 and gender_of_name(words[0]) is not None and words[1].lower() in surnames - NAMED_AFTER


# words after a leader's name that make the name a government's: "the Obama administration"
GOVERNMENT_AFTER_NAME = {"administration", "presidency", "government"}


def _seat_of_power_after_name(words: list[str]) -> bool:
    """Do a name's words end in a seat of power (``institutions.txt``: "Obama White House") or a
    government noun ("Lee Administration")? Then it names a government of that person's, which the
    model typed a person: an Organization, so the person's own "Obama" is never its mention."""
    if len(words) < 2:
        return False
    low = [w.lower() for w in words]
    return low[-1] in GOVERNMENT_AFTER_NAME or any(" ".join(low[k:]) in INSTITUTIONS for k in range(1, len(low)))


ORG_WORDS = load_words("org_words")
# the last word of a body's name that may hold an "and" ("the Uganda Lakes and Wetlands Research
# Centre", "the Highlands and Islands Enterprise Council"): a body of people or a service
BODY_NAME_ENDS = (NAMED_AFTER | ORG_WORDS | {"service", "commission", "authority", "board", "trust", "union",
                                             "federation", "bureau", "office", "organisation", "organization",
                                             "alliance", "laboratory", "centre", "center"}) - {
    "highway", "boulevard", "avenue", "street", "prize", "award", "lecture", "scholarship", "building",
    "news", "times", "post", "party", "arena", "stadium", "airport"}


def _role_noun_before(ent: Span) -> bool:
    """'host Sean Hannity', 'CEO Carly Fiorina': a two- or three-word name in capitals right after
    a role noun is the role's holder, whatever the model tagged it, unless it has the words of an
    organisation ("host Fox News") or a legal form ("CEO Acme Inc.")."""
    doc = ent.doc
    if ent.label_ != "ORG" or not 2 <= len(ent) <= 3 or ent.start == 0 \
            or not all(t.is_title and t.is_alpha for t in ent):
        return False
    prev = doc[ent.start - 1]
    if prev.lower_ not in ROLE_NOUNS or prev.pos_ not in ("NOUN", "PROPN") or prev.ent_type_:
        return False
    return not any(t.lower_ in ORG_WORDS for t in ent) and org_basename(ent.text) == ent.text


def is_title_word(token: Token) -> bool:
    """A role or title word ("minister", "MEC", "CEO"): a lexicon word, or a short all-capitals
    acronym followed by "for"/"of" (a portfolio: "MEC for Health")."""
    if token.lower_.rstrip(".") in _TITLES_OR_ROLE_NOUNS:
        return True
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return token.is_upper and 2 <= len(token.text) <= 5 and token.is_alpha and nxt is not None \
        and nxt.lower_ in ("for", "of")


def ends_in_title(ent: Span) -> bool:
    """A PERSON or ORG span whose last word is a title before its portfolio ("Gauteng MEC for
    Housing"): a role the model cut, no name."""
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return len(ent) >= 2 and is_title_word(ent[-1]) and gender_of_name(ent[0].text) is None \
        and after is not None and after.lower_ in ("for", "of")


def phrase_head(token: Token) -> Token:
    """Climb compound/flat links so a name's subject role is read off its head word."""
    while token.dep_ in ("compound", "flat", "poss", "case") and token.head is not token:
        token = token.head
    return token


# -- entity normalisation: one node per organisation and group ---------------------------
@lru_cache(maxsize=16_384)  # pure; cleanco's matching is slow and the same names come back
def org_basename(name: str) -> str:
    """An organisation's name without its legal form, by cleanco ("Northwind Energy Inc." →
    "Northwind Energy", "SolarPeak LLC" → "SolarPeak"); a one-word remainder only after a strong
    legal form (Inc., LLC, AG, plc), so "News Corp" stays itself."""
    base = basename(name).strip(" ,.")
    if not base or base == name:
        return name
    if " " not in base and name[len(base):].strip(" ,.").lower() in WEAK_FORMS:
        return name
    return org_basename(base) if base != name else base


NATIONAL_BODIES = load_words("national_bodies")
CHAMBERS = load_words("chambers")  # a nation's and a state's alike
_NATIONAL_PREFIX = re.compile(r"^(?:U\.S\.?|US|United States)\s+(?=[A-Z])")
_DEPARTMENT_OF = re.compile(r"^Department of (?:the )?([A-Z][\w.&' -]*)$")


@cache
def _candidacy_heads() -> frozenset[str]:
    """Heads of running for an office: the "candidacy" row of ``role_classes.txt`` (nominee, candidate, ...)."""
    return frozenset(w for row in load_pairs("role_classes") if row[0].strip() == "candidacy" for w in row[1].split())


def _state_body(short: str, long: str) -> bool:
    """Is ``short`` a bare chamber of the nation ("senate", ``CHAMBERS``) and ``long`` a chamber of
    that name with more words, a state's or a city's ("North Carolina Senate")? Then "the Senate"
    is not the longer one: a bare national chamber is the nation's ("U.S. Senate",
    :func:`org_key`). ("The court" may still be "the Supreme Court".)"""
    return short in CHAMBERS and org_key(long).lower() != short


def org_key(name: str) -> str:
    """The identity of an organisation written several ways: "Department of Justice" is "Justice
    Department", a national prefix before a body of the nation goes ("U.S. Senate" is "Senate",
    ``national_bodies.txt``), and so does a trailing "Channel" ("Fox News Channel" is "Fox News")."""
    key = name
    rest = _NATIONAL_PREFIX.sub("", key)
    if rest != key and (set(rest.lower().split()) & NATIONAL_BODIES
                        or any(body in rest.lower() for body in NATIONAL_BODIES if " " in body)):
        key = rest
    if (match := _DEPARTMENT_OF.match(key)) is not None:
        key = f"{match.group(1)} Department"
    if key.endswith(" Channel") and len(key.split()) >= 3:
        key = key.removesuffix(" Channel")
    return key


@cache
def _party_names() -> dict[str, str]:
    return {alias.strip().lower(): name.strip() for alias, name in load_pairs("party_names")}


def party_name(name: str) -> str | None:
    """The one name of a political party written in the singular ("GOP", "Republican", "the
    Republican party" → "Republican Party", ``party_names.txt``); None for anything else."""
    return _party_names().get(" ".join(name.split()).lower().removeprefix("the "))


# a party's word that, as a noun with an article, is one of its members: "the Republican said", "a Democrat"
PARTY_MEMBER_NOUNS = {"republican", "democrat", "libertarian", "tory"}


def is_party_member(word: Token) -> bool:
    """"the Republican" who "seemed to confirm critiques", "a Democrat said": a person, not the
    party; the word before a noun ("Republican voters") or in a name ("the Republican Party") names it."""
    if word.lower_ not in PARTY_MEMBER_NOUNS or word.i == 0:
        return False
    return word.doc[word.i - 1].lower_ in ("the", "a", "an", "another") and not (
        word.dep_ in ("compound", "amod", "nmod") and word.head.i > word.i)


def is_party(cluster: Cluster) -> bool:
    return cluster.type == "Organization" and cluster.name in set(_party_names().values())


@cache
def _place_aliases() -> dict[str, str]:
    pairs = load_pairs("place_aliases")
    return {alias.strip().lower(): name.strip() for alias, name in pairs}


def place_name(name: str) -> str:
    """The one name of a place written several ways ("U.S.", "USA", "America" → "United States")."""
    return _place_aliases().get(name.lower(), name)


def ticker_aliases(doc: Doc, text: str | None = None, ents: tuple[Span, ...] | None = None) -> dict[str, int]:
    """Stock tickers in brackets right after an organisation ("Northwind Energy (NWE)", "(NYSE: NWE)"):
    ticker → start char of the organisation mention it names. ``text`` and ``ents``: the Doc's text
    and entities when the caller has them (``Doc.text`` and ``Doc.ents`` are rebuilt on each access)."""
    out: dict[str, int] = {}
    text = doc.text if text is None else text
    for ent in doc.ents if ents is None else ents:
        if ent.label_ != "ORG":
            continue
        end = ent.end_char
        if "(" in ent.text[1:]:  # "Federal Bureau of Investigation (FBI": the model ran into the bracket
            end = ent.start_char + ent.text.index("(", 1)
            end -= text[end - 1:end] == " "
        match = TICKER.match(text, end + (1 if text[end:end + 1] == " " else 0))
        if match:
            out[match.group(1).rstrip(".")] = ent.start_char
    return out


def _is_count(word: str) -> bool:
    """A number or a year before a group ("10", "two", "2016")."""
    return word.isdigit() or word.lower() in COUNT_WORDS


def _counted(ent: Span) -> bool:
    """Is the group name ``ent`` counted ("two Democrats", "2016 Republicans")?"""
    before = ent.doc[ent.start - 1] if ent.start else None
    return before is not None and (_is_count(before.text) or before.tag_ == "CD")


def _a_people(ent: Span) -> bool:
    """Is the entity a nation, faith or descent named by its people in the plural ("Americans",
    "Muslims", "African Americans"): a NORP entity ending in a plural noun, not a party's members?"""
    return ent.label_ == "NORP" and ent[-1].tag_ in ("NNPS", "NNS") and ent[-1].lower_ not in PARTY_MEMBERS


def group_words(name: str) -> list[str]:
    """A group's words without leading determiners and quantities ("the prosecutors" → ["prosecutors"])."""
    words = name.split()
    while len(words) > 1 and (words[0].lower() in GROUP_DETERMINERS or words[0].isdigit()):
        words = words[1:]
    return words


def is_generic_group(name: str) -> bool:
    """A group named by common nouns only ("reporters", "senior officials"): one per article."""
    return not any(w[:1].isupper() for w in group_words(name))
