"""Transcript turns: who speaks in a transcript that names each speaker on a line of its own.

Earnings calls, parliamentary records and many interview transcripts put the speaker's name
alone on a line and the words on the lines after it::

    Linda Okafor

    Thanks, Kevin. Net sales rose 6% …

    The Minister for Local Transport (Tom Ashdown)

    We are giving councils £955 million …

Rules (each turn is one statement, kind speech, confidence 0.6, its parts the paragraphs):
- a label line is short, does not end as a sentence does, and names a speaker: a person of
  the text ("Mrs Helen Pryce (Carrick Moor) (Con)" → Helen Pryce, the brackets being seat
  and party; "The Minister for Local Transport (Tom Ashdown)" → the name in brackets;
  "Kevin Tran - Vice President" → the name before the dash), a name the model tags as a
  person or whose first word is a given name (:func:`given_and_family_name`), or a transcript
  role (``transcript_roles``: "Operator", "Mr Speaker"), which is a speaker of this transcript
  only;
- the turn is the paragraphs after the label up to the next label, a heading or a time
  line; a label followed by another label (a list of participants) is no turn;
- only a text with at least :data:`MIN_TURNS` turns, :data:`MIN_PEOPLE` of them by persons
  of the text, is read as such a transcript, so a lone name line in a story (a byline, a
  caption credit) never speaks;
- statements the sentence rules found inside a turn that are the turn speaker's own (the
  same speaker, or a first person read as the article's author) are the turn itself and
  give way to it; statements of others reported inside a turn stay.

Labels that open the turn's own line (:meth:`TurnReader.inline_turns`), read the same way
(at least :data:`MIN_TURNS` turns, two for the distinctive phone-in label, two speakers):
- a hearing record's "Mr. PRUITT. The subcommittee will come to order." (an honorific, the
  surname in capitals, a full stop): the person of the text with that surname, else a person
  of this transcript named by the surname; "The CHAIRMAN." a transcript role;
- a phone-in's "CALLER (GWEN, PAPAMOA): …": the person the brackets name (first name, then
  where from), a speaker of this transcript only.

The one-word labels of a colon transcript that name a speaker by the first name alone
("MAYA:" after "MAYA CHEN:") are resolved by :func:`first_name_speaker`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from kg.entities import HONORIFICS, EntityIndex, name_tokens
from kg.given_names import gender_of
from kg.lexicons import load_words
from kg.model import EntityRef, Span

TRANSCRIPT_ROLES = load_words("transcript_roles")
MIN_TURNS = 3
MIN_PEOPLE = 2
LABEL_WORDS = 10
_SENTENCE_END = ".!?…\"”’:;,"
# "11.34 am", "[00:01:12]", "(10:02)", "[THEME MUSIC]": lines between turns that say nothing
_NOISE = re.compile(r"^\s*(?:[\[(][^\])]*[\])]|\d{1,2}[.:]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?)\s*$", re.IGNORECASE)
_BRACKETED = re.compile(r"\s*\(([^()]*)\)")
_AFTER_DASH = re.compile(r"\s+[-–—]\s+.*$")
_HONORIFIC_WORDS = HONORIFICS | {"hon", "hon.", "rt", "rt.", "the"}
# "Mr. PRUITT. …", "Ms. OKAFOR. …", "The CHAIRMAN. …": a hearing record's turn
_HEARING_TURN = re.compile(r"(?m)^[ \t]*(?:(Mr|Mrs|Ms|Miss|Dr|Senator|Sen|Rep|Representative|Chairman|Chairwoman)\.?"
                           r"[ \t]+([A-Z][A-Z'’-]+(?:[ \t]+[A-Z][A-Z'’-]+)?)|(The[ \t]+[A-Z]{4,}))\.[ \t]+(\S[^\n]*)$")
# "CALLER (GWEN, PAPAMOA): …": a role, the name (and where from) in brackets, a colon
_BRACKET_TURN = re.compile(r"(?m)^[ \t]*[A-Z][A-Z ]{1,30}?[ \t]*\(([A-Z][A-Za-z'’-]+)(?:,[^)\n]*)?\)[ \t]*:"
                           r"[ \t]+(\S[^\n]*)$")


@dataclass
class Turn:
    """One speaker's turn: who, the label's span, and the paragraphs said."""

    speaker: EntityRef
    label: tuple[int, int]
    paragraphs: list[tuple[int, int]]


def _lines(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every non-blank line, stripped of surrounding spaces."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        if line.strip():
            start = m.start() + len(line) - len(line.lstrip())
            out.append((start, m.start() + len(line.rstrip())))
    return out


def _label_name(line: str) -> tuple[int, int] | None:
    """Where the speaker's name stands in a label line, relative to the line; None if the line
    cannot be a label (too long, ends as a sentence, or holds no capitalised word)."""
    words = line.split()
    if not words or len(words) > LABEL_WORDS or line[-1] in _SENTENCE_END:
        return None
    brackets = list(_BRACKETED.finditer(line))
    if brackets and line.startswith("The ") and brackets[0].end() == len(line):
        inner = brackets[0]
        return inner.start(1), inner.end(1)  # "The Minister for X (Tom Ashdown)"
    end = brackets[0].start() if brackets else len(line)
    dash = _AFTER_DASH.search(line, 0, end)
    end = dash.start() if dash else end
    name = line[:end].rstrip(" ,")
    if not name or not name[0].isupper() or any(c.isdigit() for c in name):
        return None
    return 0, len(name)


class TurnReader:
    """Finds the turns of one document (pure: reads the index, mints transcript roles)."""

    def __init__(self, text: str, index: EntityIndex, doc) -> None:
        self.text = text
        self.index = index
        self.doc = doc
        self.by_surname: dict[str, EntityRef] = {}

    def speaker(self, lo: int, hi: int) -> tuple[EntityRef | None, bool]:
        """The speaker a label names, and whether it is a person of the text (not a role)."""
        raw = self.text[lo:hi]
        words = [w for w in name_tokens(raw.title() if raw.isupper() else raw)
                 if w.lower() not in _HONORIFIC_WORDS]
        mention = self.index.span_of(lo, hi)
        if raw.lower().strip() in TRANSCRIPT_ROLES:
            name = " ".join(raw.split())
            return self.index.mint_of_article("Person", name, mention), False
        if not words or len(words) > 4 or not all(w[:1].isupper() for w in words):
            return None, False
        ref = person_of_turn(self.index, words, mention, self.by_surname)
        if ref is None:
            if len(words) < 2 or not (self._tagged_person(lo, hi) or given_and_family_name(words)):
                return None, False
            ref = self.index.mint("Person", " ".join(words), mention)
        self.by_surname.setdefault(words[-1].lower(), ref)
        return ref, True

    def _tagged_person(self, lo: int, hi: int) -> bool:
        span = self.doc.char_span(lo, hi, alignment_mode="expand")
        return span is not None and any(t.ent_type_ == "PERSON" for t in span)

    def turns(self) -> list[Turn]:
        lines = _lines(self.text)
        labels: dict[int, tuple[EntityRef, tuple[int, int], bool]] = {}
        for i, (start, end) in enumerate(lines):
            at = _label_name(self.text[start:end])
            if at is None:
                continue
            ref, person = self.speaker(start + at[0], start + at[1])
            if ref is not None:
                labels[i] = (ref, (start, end), person)
        turns, people = [], 0
        for i, (ref, label, person) in labels.items():
            paragraphs = []
            for start, end in lines[i + 1:]:
                line = self.text[start:end]
                if _NOISE.match(line) or line[-1] not in _SENTENCE_END and len(line.split()) < LABEL_WORDS:
                    break  # the next label, a heading or a time line ends the turn
                paragraphs.append((start, end))
            if paragraphs:
                turns.append(Turn(ref, label, paragraphs))
                people += person
        return turns if len(turns) >= MIN_TURNS and people >= MIN_PEOPLE else []

    def inline_turns(self) -> list[Turn]:
        """Turns whose label opens their own line: a hearing record's "Mr. PRUITT." and a
        phone-in's "CALLER (GWEN, PAPAMOA):" (see the module's docstring)."""
        hearing, phone_in = [], []
        for m in _HEARING_TURN.finditer(self.text):
            if m.group(3):  # "The CHAIRMAN."
                lo, hi = m.span(3)
                role = " ".join(self.text[lo:hi].split()).lower()
                if role not in TRANSCRIPT_ROLES and role[4:] not in TRANSCRIPT_ROLES:
                    continue
                name = " ".join(self.text[lo:hi].split()).title()
                ref = self.index.mint_of_article("Person", name, self.index.span_of(lo, hi))
            else:
                lo, hi = m.span(2)
                ref = self._by_surname(lo, hi)
            hearing.append(Turn(ref, (m.start(1) if m.group(1) else lo, hi), [m.span(4)]))
        for m in _BRACKET_TURN.finditer(self.text):
            lo, hi = m.span(1)
            name = self.text[lo:hi].title()
            ref = self.index.mint_of_article("Person", name, self.index.span_of(lo, hi))
            phone_in.append(Turn(ref, (m.start(), m.start(2)), [m.span(2)]))
        return _transcript(hearing, MIN_TURNS) + _transcript(phone_in, 2)

    def _by_surname(self, lo: int, hi: int) -> EntityRef:
        """"PRUITT": the person of the text with that surname, else one of this transcript."""
        surname = self.text[lo:hi].title()
        mention = self.index.span_of(lo, hi)
        known = self.index.person_named(surname)
        if known is not None:
            return self.index.ref_for(known, mention)
        return self.index.mint_of_article("Person", surname, mention)


def person_of_turn(index: EntityIndex, words: list[str], mention: Span,
                   earlier: dict[str, EntityRef]) -> EntityRef | None:
    """The person a turn's label names: one the text names ("MORENO" for Rachel Moreno), else the
    speaker of an earlier turn with that surname (``earlier``, keyed by lowercase surname). Both
    kinds of transcript (colon turns and name lines) read labels this way."""
    known = index.person_named(" ".join(words))
    if known is not None:
        return index.ref_for(known, mention)
    prior = earlier.get(words[-1].lower())
    return None if prior is None else EntityRef(prior.id, prior.name, prior.type, mention)


def _transcript(turns: list[Turn], least: int) -> list[Turn]:
    """The turns, when there are at least ``least`` of them, by at least two speakers, to read
    the text as a transcript; else none."""
    return turns if len(turns) >= least and len({t.speaker.id for t in turns}) >= 2 else []


def given_and_family_name(words: list[str]) -> bool:
    """'Lena Moraes': two or three words, the first a well-attested given name (a label in
    capitals the model cannot tag; 'CITY HALL' or 'BREAKING NEWS' are not)."""
    return 2 <= len(words) <= 3 and gender_of(words[0]) is not None


def first_name_speaker(word: str, speakers: Iterable[EntityRef], index: EntityIndex) -> EntityRef | None:
    """The one speaker or person of the text whose first name is ``word`` ('MAYA' for Maya Chen),
    or None when none or several have it."""
    low = word.lower()
    found = {ref.id: ref for ref in speakers if ref.type == "Person" and ref.name.split()[0].lower() == low}
    for entity in index.entities():
        if entity.type == "Person" and len(entity.name.split()) >= 2 and entity.name.split()[0].lower() == low:
            found.setdefault(entity.id, None)
    if len(found) != 1:
        return None
    (entity_id, ref), = found.items()
    if ref is not None:
        return ref
    cluster = index.cluster_by_id(entity_id)
    return None if cluster is None else index.ref_for(cluster, index.span_of(0, 0))
