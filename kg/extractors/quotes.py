"""person → said: direct quotations, indirect speech and mixed forms, in order of appearance.

The rules follow the attribution scheme of PolNeAR (Newell et al., LREC 2018) and the cue /
source / content split of PARC 3.0 (Pareti 2016): a cue (a speech or stance verb from the
``speech_verbs`` lexicon, or "according to"), its source (the verb's subject) and its content.

- Quotations are found paragraph by paragraph (:func:`find_quotations`), so an unbalanced
  mark never swallows the rest of the article (textacy gives up on such articles); a
  quotation's span keeps its marks, so a direct statement is recognisable by its text.
  Quoted titles (“Good Morning America”) are names, not statements (:func:`is_title`).
- cues: speech verbs (``speech_verbs``); stance verbs only with a clause (``stance_verbs``:
  "believes that …"); intention verbs only with a to-clause or clause (``intention_verbs``:
  "wants to …", "wants the city to pay"); a few of either with an object too (``object_cues``:
  "wants a review", "expects revenue of …"); position verbs at a lower confidence
  (``position_verbs``: "supported Sanders"); a forecast verb with a to-clause, in the active voice
  and not denied (``forecast_verbs``: "expects to be fit", a thought); a concern verb with its own
  preposition (``preposition_cues``: "worries about the price", "object to the cuts"); an attitude adjective after "is",
  "remains" … (or read as a passive participle) with its complement (``attitude_adjectives``: "is
  concerned about …", "is confident that …", "is keen to …", "remains opposed to …"), never in a
  question; with a pronoun for holder, or in another verb's clause, these three count only inside
  a statement of the same speaker ("said he expects to …", "The firm expects to …, it said");
  weak cues only with a clause or quotation (``weak_cues``: not "continues to trail"); an owned
  speech noun with a that-clause (``speech_nouns``: "Trump's claim that …"); "as X put it";
  any main verb whose colon, its own or its object's, opens a quotation ("She addressed the
  crowd: “…”", "made the following comment: “…”"). A lemma the model cut short ("hoped" →
  "hop") is repaired (:func:`cue_lemma`); a plural noun at the root with a subject (or a name
  hung on it) before it and a clause after is a verb the model misread ("Trump claims that …",
  "The campaign plans to …", :func:`_noun_reading`); "called" naming a thing ("a scheme called
  Homes First", "so-called") is no cue.
- not statements: a cue on a headline, standfirst or label line, or in a run-in subhead in
  capitals ('FELLOW DOCTORS DON'T WANT … — Oz may …') (:meth:`_headline_cue`);
  withheld words (:func:`_withheld`: "would not say", "declined to comment", "refused to say",
  "asked not to be named", "Asked whether …, she shrugged"; "refused to pay" is an intention;
  a 'not' across a comma or quotation mark before the cue is the quotation's: '"Probably
  not," she said' is a statement); a place opening a dateline never speaks (a name and an
  age, "Salinas, 58, said", are no dateline) and a wire dateline opening a statement's line
  ("QUITO, March 3 (Reuters) - Acme has halted …, the company said") is no part of the statement;
  a cue in a to-clause after an object
  ("prompted the mayor to announce", "asked him to explain") is nobody's statement.
- content clause: ``X said (that) …``, ``X told Y (that) …``: the cue's clausal complement,
  "that" included, cut at its paragraph; quotation marks inside make it *mixed*. Without a
  clause, an object, to-clause or 'for …' ("called for a ban", "accused X of …"); "said in a
  statement that …": the that-clause the parser hung on the message noun. "The governor
  added:" closing its paragraph: the next paragraph, set off without quotation marks.
- parenthetical cue: ``"…," X said.`` / ``X said: "…"`` / ``X said, "…"``: the quotation next to the speaker
  and cue is the content (*direct*); the quotations that follow in the paragraph with no cue
  of their own continue it (``"…," he said. "…"`` is one statement, its span running from the
  first mark to the last, as PolNeAR annotates it), as does a quotation left open at its
  paragraph's end; a paragraph that is only a quotation, right after a direct statement,
  is a new statement of the same speaker; a quotation sentence closing its paragraph right
  after a reported statement of a person who also spoke in the previous paragraph, with no
  other statement in between, continues that person (confidence 0.5). A cue of the same
  speaker between two quotations ('"…," she said, suggesting questions such as "…"') opens a
  statement of its own (confidence 0.6); a quotation ending on a comma whose own cue follows
  it ('… to respond. "We must stay calm," she told me') is never taken by an earlier cue left
  without content; a quotation alone on its line in title case is a subhead, never a
  continuation.
- ``according to X, …`` / ``…, according to X``: X said the rest of the clause.
- a name set off by a dash beside a quotation ('Ana Ruiz ― “…”', '“…” — Ana Ruiz (@ana)') and
  a line opening with a short name and a colon ('WALLACE: …', 'Warren: …') name the speaker.
- speakers and addressees are resolved by :mod:`kg.speakers` (pronouns, role nouns, groups,
  poll respondents, the author for a first person); a subject the parser lost or put inside
  the quotation is replaced by the name beside the cue (never a name of the clause a conjoined
  cue is joined to: "would be contacted by SMS and urged them to wait" is not SMS's); a participle takes the subject of
  its clause ("…, adding that …"), or the noun it describes ("a prosecutor writing …",
  "talk about a rival challenging him"); a conjoined cue borrows its head's subject, except a
  thing's ("fears the closure is a first step and wants …": the closure wants nothing), where a
  wish or belief joined to a clause a cue reports is that cue's speaker's; a name set right
  before a parenthetical cue that the parser hung on the subject as an appositive is the
  speaker ("To see the real Tom Platt, Mayor Cole said, …").
- document nouns (report, poll) as speakers are left to ``findings``; nested reporting
  (``X said Y, The Times reported``) yields both the outer and the inner statement.
- qualifiers: ``mode`` (direct / indirect / mixed), ``addressee`` ("told prosecutors"),
  ``date`` (a DATE entity on the cue: "said Monday").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from kg.entities import HONORIFICS, TITLE_WORDS, EntityIndex, entity_of, name_tokens
from kg.extractors.transcripts import TurnReader, first_name_speaker, given_and_family_name, person_of_turn
from kg.lexicons import load_words
from kg.model import EntityRef, Evidence, Triple, TripleObject
from kg.model import Span as TextSpan
from kg.speakers import (
    COMPANY_NOUNS,
    MESSAGE_NOUNS,
    ORGANISATION_NOUNS,
    PERSON_NOUNS,
    ROLE_NOUNS,
    is_document,
    noun_phrase,
    resolve_speaker,
)
from kg.token_table import TokenTable, token_table

EXTRACTOR = "quotes.rules/2"
SPEECH_VERBS = load_words("speech_verbs")
# Stance verbs are attributions only with a clause: "X believes that …", not "X believes him".
STANCE_VERBS = load_words("stance_verbs")
INTENTION_VERBS = load_words("intention_verbs")
OBJECT_CUES = load_words("object_cues")
# stance verbs whose to-clause is a belief about what will happen ("expects to be fit")
FORECAST_VERBS = load_words("forecast_verbs")
# verbs that report only with their own preposition ("worried about the cost", "object to the cuts"):
# lemma → preposition
PREPOSITION_CUES = dict(entry.split() for entry in load_words("preposition_cues"))
SPEECH_NOUNS = load_words("speech_nouns")
POSITION_VERBS = load_words("position_verbs")
# Cues too common in other senses ("continues to trail", "posted a victory", "called a
# meeting") to take an object or to-clause as content: only a clause or a quotation.
WEAK_CUES = load_words("weak_cues")
ALL_CUES = SPEECH_VERBS | STANCE_VERBS | INTENTION_VERBS | POSITION_VERBS


def _attitude_adjectives() -> dict[str, tuple[frozenset[str], str]]:
    """adjective → (its complements, its kind), from the ``attitude_adjectives`` lexicon."""
    lines = [entry.split() for entry in load_words("attitude_adjectives")]
    return {word: (frozenset(c for w, c, _ in lines if w == word), kind) for word, _, kind in lines}


# "worried about the cost", "is keen to settle": adjective → (complements, kind), see the file
ATTITUDE_ADJECTIVES = _attitude_adjectives()
COPULAS = {"be", "remain", "seem", "appear", "feel", "become", "grow", "stay"}
# the lemmas _is_cue accepts only with an object or a clause
_CUES_BY_ARGUMENT = OBJECT_CUES | STANCE_VERBS | INTENTION_VERBS | set(PREPOSITION_CUES) | {"put"}
# speech verbs that also mean keeping or claiming a thing: words only with a clause or a view for object
_HELD_NOT_SAID = {"maintain", "assert"}
_VIEW_OBJECTS = {"innocence", "guilt", "position", "stance", "view", "belief", "opposition", "support", "line"}
# the lemmas of the verbs _is_cue can accept (a cue is a verb, a noun the model misread or a speech noun)
_VERB_CUES = SPEECH_VERBS | POSITION_VERBS | _CUES_BY_ARGUMENT
# "lemma kind" pairs: what a cue reports when its lexicon alone does not say (see the file)
CUE_KINDS = dict(entry.split() for entry in load_words("cue_kinds"))
COMPLEMENT_PREPS = {"for", "about", "against", "of"}
# Verbs whose direct object is the person spoken to, not what was said.
ADDRESSEE_VERBS = {"tell", "ask", "inform", "assure", "advise", "urge", "remind", "warn", "email"}
# verbs whose direct object, one who can listen, is the one spoken to ("exhorted Republicans to ...",
# "thanked Trump for ...": the object stays in what was said, as it always has)
TELLING_VERBS = ADDRESSEE_VERBS | {"reassure", "notify", "brief", "exhort", "implore", "caution", "encourage",
                                   "persuade", "convince", "scold", "berate", "chide", "lecture", "admonish",
                                   "rebuke", "reprimand", "thank", "congratulate", "address", "beg", "instruct"}
# singular nouns of an audience or a body that may be the one spoken to ("told the paper", "a crowd")
LISTENER_NOUNS = load_words("listener_nouns") | PERSON_NOUNS | ORGANISATION_NOUNS | COMPANY_NOUNS
SUBJECT_DEPS = {"nsubj"}
CLAUSE_DEPS = {"ccomp"}
# Verbs whose subject a participle or conjoined cue borrows: "…, adding that …", "said A and added B".
BORROW_DEPS = {"conj", "advcl", "xcomp", "dep", "pcomp", "prep"}
ADDRESSEE_DEPS = {"dobj", "dative", "iobj"}
OPEN_MARKS = "“"
CLOSE_MARKS = "”"
TOGGLE_MARKS = ('"', "''")
MARK_CHARS = "“”\""
TRIM_END = " \t\n,;:—–-"


@dataclass(frozen=True)
class Quotation:
    """A quotation's bounds, marks included; ``closed`` is False when its paragraph ran out."""

    start: int
    end: int
    closed: bool = True


# "Ana Ruiz ― “…”": a short capitalised name, a dash, then the quotation (at a line start)
_DASH_BEFORE = re.compile(r"^\s*([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})\s*([―—–]|--)\s*$")
# "“…” — Ana Ruiz (@ana) …": a dash and a capitalised name after the quotation
_DASH_AFTER = re.compile(r"\s*([―—–]|--)\s*([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})")
# "WALLACE: …", "Warren: …": a short capitalised name and a colon at a line's start
# "WALLACE: …", "Warren: …", "ANN LEE, ANCHOR: …": a short name (a role after a comma) and a colon,
# a transcript quoted as a block may open each turn with a quotation mark
# a wire dateline opening a line: "QUITO, March 3 (Reuters) - ", "Tunis, June 2 (AP) -- ", "BENGALURU: ",
# "SEOUL, Nov. 14 (Yonhap) -- "; a place in capitals or one an agency in brackets follows, then a dash
# (a bare capitals word and a single dash, "US - China talks", is no dateline)
_DATELINE = re.compile(r"(?:[A-Z][A-Z.'’ -]*[A-Z.](?=\s*[,:(]|\s*--|\s*[–—])|[A-Z][\w.'’ ]*(?=,[^\n]{0,40}\([A-Z]))"
                       r"(?:,[^\n()–—:-]{1,40})?(?:\s*\([A-Z][\w ]*\))?\s*(?:-{1,2}|[–—:])[ \t]+(?=\S)")
_NAME_COLON = re.compile(r"(?m)^[ \t]*[\"“]?([A-Z][\w.'’-]*(?:[ \t]+[A-Za-z][\w.'’-]*){0,5})"
                         r"(,[ \t]*[A-Z][A-Z .,'’&-]{1,60})?:[ \t]+(\S[^\n]*)$")
# "declined to say", "refused to comment": the words were withheld
WITHHOLDING_VERBS = {"decline", "refuse"}
WITHHELD_WORDS = {"speak", "discuss", "elaborate", "talk", "disclose", "specify", "detail", "identify", "name"}
NOBODY = {"neither", "nobody", "no", "none"}
# A line a link label opens ('READ: Cities told to clear drains', 'RELATED: …, WHO says') names another
# article: its words are that article's headline, never a statement of this one.
_LINK_LINE = re.compile(r"(?:read|related|see|also|watch|listen|more)(?:[ \t]+(?:also|more|read|story|stories|"
                        r"article|coverage))?[ \t]*[:|]", re.IGNORECASE)
# A line ending otherwise, of at most so many words, is a headline or label, not a sentence.
TITLE_LINE_ENDS = ".!?…\"”’')]:;"
TITLE_LINE_WORDS = 30
# "Science editor Tom Lee spoke with her": the interviewer and the interviewee of a Q:/A: text
INTERVIEW_VERBS = {"speak", "talk", "interview", "chat"}
NOT_NAMES = {"update", "related", "note", "photo", "watch", "read", "correction", "advertisement", "video",
             "editor", "source", "sources", "credit", "q", "a"}
# words a title leaves in lower case ("Legend in the Coal Fields")
TITLE_SMALL_WORDS = {"a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "by", "with", "as"}
_MARK = re.compile(r"“|”|\"|''")
# 'single' or ‘single’ quotation marks (British and Irish papers): opened before a letter after a
# space, colon or dash, closed after sentence punctuation ("…,' he said"), so apostrophes inside
# ("don't", "parents' homes") never close one
_SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s:(—–]))['‘](?=[A-Za-z])[^\n]*?[,.!?;]['’](?=[\s)—–]|$)")


def find_quotations(text: str) -> list[Quotation]:
    """Quotations paragraph by paragraph; an unclosed one ends with its paragraph.

    Curly marks open and close by shape; straight ``"`` and the doubled apostrophe ``''``
    (some archives' typewriter quotes) toggle; single marks ('…,' ‘…’) are British quotations
    when they close after sentence punctuation. A stray closing mark is ignored, except at the
    start of a paragraph, where it is an opening mark mistyped (”We won.” ― Ana Ruiz).
    """
    out: list[Quotation] = []
    offset = 0
    for paragraph in text.split("\n"):
        before = len(out)  # the quotations of earlier paragraphs
        open_at: int | None = None
        for m in _MARK.finditer(paragraph):
            mark = m.group()
            if open_at is None:
                if mark == CLOSE_MARKS and paragraph[:m.start()].strip():
                    continue  # a stray closing mark; one opening its paragraph is a mistyped opening mark
                open_at = m.start()
            elif mark != OPEN_MARKS:
                if m.end() - open_at > 2:
                    out.append(Quotation(offset + open_at, offset + m.end()))
                open_at = None
            else:  # a second opening mark: the first was never closed
                out.append(Quotation(offset + open_at, offset + len(paragraph[:m.start()].rstrip()), False))
                open_at = m.start()
        if open_at is not None and len(paragraph.rstrip()) - open_at > 2:
            out.append(Quotation(offset + open_at, offset + len(paragraph.rstrip()), False))
        doubles = out[before:]  # this paragraph's (each starts at or after its offset)
        for m in _SINGLE.finditer(paragraph):  # British style: 'We will win,' she said.
            start, end = offset + m.start(), offset + m.end()
            if not any(q.start <= start < q.end or start <= q.start < end for q in doubles):
                out.append(Quotation(start, end))
        offset += len(paragraph) + 1
    return sorted(out, key=lambda q: q.start)


def is_title(text: str, q: Quotation) -> bool:
    """A name in quotation marks (“Good Morning America”, “Never Trump”), not a statement:
    a few words, every one capitalised; or markup such as an attribute value (author="x")."""
    if q.start > 0 and text[q.start - 1] == "=":
        return True
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", text[q.start:q.end])]
    if not words:
        return True
    return 2 <= len(words) <= 6 and all(w[:1].isupper() for w in words if len(w) > 3)


def mode_of(text: str) -> str:
    """direct: the content is quotation only; mixed: it holds some; indirect: none."""
    stripped = text.strip()
    if _SINGLE.fullmatch(stripped):
        return "direct"  # 'We will win,'
    if not any(c in text for c in MARK_CHARS) and "''" not in text:
        return "indirect"
    stripped = text.strip()
    starts = stripped[:1] in "“\"" or stripped.startswith("''")
    ends = stripped[-1:] in "”\"" or stripped.endswith("''")
    return "direct" if starts and ends else "mixed"


@dataclass
class Statement:
    """One attribution under construction (mutable while quotations are attached)."""

    speaker: EntityRef
    cue: TextSpan | None
    start: int
    end: int
    sentence: TextSpan
    addressee: EntityRef | None = None
    date: str | None = None
    confidence: float = 0.8
    direct: bool = False
    kind: str = "speech"
    parts: list[tuple[int, int]] = field(default_factory=list)  # the quoted pieces; empty: the whole


def cue_kind(lemma: str, *, to_clause: bool = False) -> str:
    """speech, thought, intention or position: what a cue word reports (``cue_kinds`` first,
    then the lexicon it is in; a lemma of intention and of stance is an intention with a
    to-clause, "agreed to pay", and a thought with a that-clause, "agreed that …")."""
    lemma = lemma.lower()
    if lemma in CUE_KINDS:
        return CUE_KINDS[lemma]
    if lemma in SPEECH_VERBS:
        return "speech"
    if lemma in POSITION_VERBS:
        return "position"
    if lemma in INTENTION_VERBS and (to_clause or lemma not in STANCE_VERBS):
        return "intention"
    if lemma in STANCE_VERBS:
        return "thought"
    return "speech"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop spaces, and trailing commas or dashes, around a statement (marks stay)."""
    while start < end and text[start] in " \t\n,;:—–-":
        start += 1
    while end > start and text[end - 1] in TRIM_END:
        end -= 1
    while end > start and text[end - 1] == "." and not text[start:end].endswith(".."):
        end -= 1
        while end > start and text[end - 1] in TRIM_END:
            end -= 1
    return start, end


def _speaker_token(verb: Token) -> Token | None:
    """The cue's subject, or the subject a participle/conjoined cue borrows from its head."""
    reading = _noun_reading(verb)
    if reading is not None:
        return reading[0]
    head = verb.head
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        if head.dep_ == "dobj":  # "emailed supporters saying …": the emailer speaks
            verb = head.head
        elif head.pos_ in ("NOUN", "PROPN"):
            return head  # "with a prosecutor writing, '…'", "a Republican challenging him": the noun described
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG":
        own = next((c for c in head.children if c.dep_ == "pobj" and c.i < verb.i), None)
        if own is not None:
            return own  # "talk about a Republican challenging him": the gerund's own subject
    if verb.dep_ == "xcomp" and any(c.dep_ == "dobj" and c.i < verb.i for c in head.children):
        return None  # "prompted NATO to order …", "asked him to explain": not the subject's words, maybe nobody's
    if _second_saying_in_relative(verb):
        return None  # "paying an architect who said he was stiffed, saying, '…'": the payer's? unsure
    aside = _asked_aside(head)
    if aside is not None and aside.i == verb.i:
        verb = head  # "Berg, asked how …, said …": Berg said
    token = verb
    for _ in range(4):
        # the nearest subject: a label the parser also made one ("Update, 4 PM: A source says") is farther
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
        subject = max(subjects, key=lambda c: (c.i < token.i, c.i if c.i < token.i else -c.i), default=None)
        if subject is not None and _is_dateline(subject):
            subject = _after_dateline(subject, token)
        if subject is not None and subject.i < token.i:
            # "To understand the real Dred Scott, Chief Justice Roberts said, …": a name the parser
            # hung on the subject as an appositive, standing right before the cue, is the speaker
            subject = next((c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN"
                            and c.ent_type_ not in ("GPE", "LOC", "DATE") and c.i == token.i - 1), subject)
        if subject is not None and token.i != verb.i and _controlled(token, verb):
            token = token.head  # "He wants the council to act, saying …": he says it, not the council
            continue
        if subject is not None and token.i == verb.head.i and verb.dep_ == "conj" and _is_cue(verb) \
                and cue_lemma(verb) in SPEECH_VERBS and cue_kind(cue_lemma(verb)) == "speech" \
                and not any(c.dep_ in ("nsubjpass", "auxpass", "aux") for c in verb.children) \
                and subject.pos_ == "NOUN" and token.dep_ == "ccomp" and _is_cue(token.head):
            # "Ford said the group intends to plant trees but warned that …": the parser hung the
            # second cue (a verb of speech, in the active voice) on the reported clause; the one who
            # said the first warns, not the group (which "planned to …" would be). With persons
            # for subject ("said farmers were angry and called on …") either may speak: nobody
            if subject.lemma_.lower() in ROLE_NOUNS:
                return None
            token = token.head
            continue
        if subject is not None and token.i == verb.head.i and verb.dep_ == "conj" and _is_cue(verb) \
                and (cue_kind(cue_lemma(verb)) == "speech" or _directive(verb)) and subject.pos_ == "PROPN" \
                and _reported_clause(token) and not _is_cue(token):
            # "Walsh wrote that Ortiz was 'a liar' and told supporters to …": the parser hung the second
            # cue on the reported clause, whose named subject may as well be the one telling as the
            # writer: unsure, so nobody's (a reported cue of its own, "Ortiz pledged …", stays theirs)
            return None
        if subject is not None and token.i != verb.i and verb.dep_ == "conj" and subject.pos_ == "NOUN" \
                and not _is_cue(token) and subject.lemma_.lower() not in ROLE_NOUNS | ORGANISATION_NOUNS:
            # "fears the closure is a first step and wants …": not the closure's wish; when that clause
            # is what a cue reports, the cue's own subject wants it (the parser hung "and wants" low)
            if token.dep_ == "ccomp" and _is_cue(token.head) and token.head.i != token.i and _wish_of_holder(verb):
                token = token.head
                continue
            return None
        if subject is not None:
            return subject
        if token.dep_ not in BORROW_DEPS or token.head.i == token.i:
            break
        token = token.head
    return _name_beside(verb)


def _second_saying_in_relative(participle: Token) -> bool:
    """"… an architect who said he was unpaid …, saying, '…'": a participle of speech after a comma,
    hung on a cue in a relative clause that already reports what was said. No one says a thing
    "saying" another; it most likely belongs to the main clause, but the parser cannot tell whose."""
    head = participle.head
    return participle.dep_ == "advcl" and participle.tag_ == "VBG" and participle.i > head.i \
        and head.dep_ == "relcl" and _is_cue(head) and any(c.dep_ in CLAUSE_DEPS for c in head.children) \
        and participle.i > 0 and participle.nbor(-1).text == ","


def _directive(verb: Token) -> bool:
    """"encouraged voters to …", "urged them to …": a cue addressed to someone it asks to act (unlike
    "planned to …", which only its subject can do)."""
    return any(c.dep_ == "dobj" for c in verb.children) and any(c.dep_ == "xcomp" for c in verb.children)


def _reported_clause(clause: Token) -> bool:
    """A clause a cue reports: its complement, or a "that …" clause the parser hung on it as an
    adverbial ("tweeted that X was …" read as advcl)."""
    if clause.head.i == clause.i or not _is_cue(clause.head):
        return False
    return clause.dep_ == "ccomp" or (clause.dep_ == "advcl" and any(
        c.lower_ == "that" and c.dep_ in ("mark", "advmod") and c.i < clause.i for c in clause.children))


def _controlled(clause: Token, participle: Token) -> bool:
    """"He wants the council to extend the route, saying …": a participle hung on an infinitive whose
    subject is the object of a want/urge verb ("the council to extend") borrows the subject of that
    verb, not of the infinitive (the one urged does not say what the urger says)."""
    return participle.dep_ == "advcl" and participle.tag_ == "VBG" and participle.head.i == clause.i \
        and clause.dep_ in ("ccomp", "xcomp") and clause.head.pos_ == "VERB" \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children) \
        and any(c.dep_ == "nsubj" and c.i < clause.i for c in clause.children)


def _wish_of_holder(verb: Token) -> bool:
    """"wants …", "hopes …" in the active voice with no auxiliary of its own: a wish or belief only a
    speaker can hold, so joined to a reported clause about a thing it is the speaker's ("will favor",
    "should be encouraged" belong to the clause's own subject)."""
    lemma = cue_lemma(verb)
    return (lemma in INTENTION_VERBS or lemma in STANCE_VERBS) and not any(
        c.dep_ in ("aux", "auxpass", "nsubjpass") for c in verb.children)


def _is_dateline(token: Token) -> bool:
    """'MINNEAPOLIS, June 10 -- …', 'BENGALURU: …': a place opening a line, then a date or dash."""
    doc = token.doc
    at_line_start = token.i == 0 or "\n" in doc[token.i - 1].whitespace_ or doc[token.i - 1].is_space
    if not at_line_start or token.ent_type_ not in ("GPE", "LOC"):
        return False
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    # after a comma a date, not a bare number: "Salinas, 58, said" is a man and his age
    return token.is_upper or (nxt is not None and nxt.text in (",", "--", "—", "–", ":") and (
        nxt.text != "," or token.i + 2 < len(doc) and doc[token.i + 2].ent_type_ == "DATE"
        and not doc[token.i + 2].like_num))


def _after_dateline(dateline: Token, verb: Token) -> Token | None:
    """The name between a dateline and its cue ('… /PRNewswire/ -- Acme Inc. today announced')."""
    names = [t for t in verb.doc[dateline.i + 1:verb.i] if t.ent_type_ in ("ORG", "PERSON") and t.pos_ == "PROPN"]
    return names[-1] if names else None


def _name_beside(verb: Token) -> Token | None:
    """A parenthetical cue the parser lost the subject of ('…,” Police Chief Ann Lee said.'
    parsed as a fragment): the name right before it after a closing mark, or right after it."""
    sent = verb.sent
    before = []
    closed = False  # a closing mark before the name: the cue is a quotation's
    for t in reversed(sent[:verb.i - sent.start]):
        closed = t.text in CLOSE_MARKS or t.text in TOGGLE_MARKS or t.text == "''"
        if closed or len(before) > 8:
            break
        before.append(t)
    else:
        before = []
    names = [t for t in before if t.pos_ == "PROPN" and t.ent_type_ in ("PERSON", "ORG")]
    if verb.dep_ == "conj" and not closed:  # "… would be contacted by SMS and urged them to wait": a name of
        head = verb.head  # the clause the cue is joined to (its agent, its object) is that clause's, no speaker
        names = [t for t in names if not head.is_ancestor(t) or verb.is_ancestor(t)]
    if names:
        return names[0]
    if verb.i > sent.start and verb.doc[verb.i - 1].is_punct:  # '…,” said Ann Lee'
        for t in sent[verb.i + 1 - sent.start:verb.i + 5 - sent.start]:
            if t.pos_ == "PROPN" and t.ent_type_ in ("PERSON", "ORG"):
                return t
            if t.is_punct:
                break
    return None


def cue_lemma(verb: Token) -> str:
    """The verb's lemma, repaired where the model drops a final e ("hoped", "hopes" → "hop")."""
    return _cue_lemma(verb.lemma_.lower(), verb.lower_)


@lru_cache(maxsize=16_384)
def _cue_lemma(lemma: str, lower: str) -> str:
    """:func:`cue_lemma` of a word's lowercased lemma and lowercased form."""
    if lemma + "e" in ALL_CUES and lemma not in ALL_CUES and lower.startswith(lemma + "e"):
        return lemma + "e"
    return lemma


def _may_cue(table: TokenTable, i: int) -> bool:
    """Whether word ``i`` can pass any test of :meth:`QuoteExtractor.statements` (read from the
    token table, so the other words cost no Token): "according"; a verb with a cue's lemma
    (:func:`_is_cue`) or at the root or a clause (:meth:`QuoteExtractor._colon_cue`); a speech
    noun; a plural noun at the root with a cue's lemma (:func:`_noun_reading`)."""
    pos, lower = table.pos[i], table.lower[i]
    if lower == "according":
        return True
    if lower in ATTITUDE_ADJECTIVES and pos in ("ADJ", "VERB"):
        return True
    if pos == "VERB" or pos == "AUX":
        return table.dep[i] in ("ROOT", "ccomp") or _cue_lemma(table.lemma[i], lower) in _VERB_CUES
    if pos == "NOUN":
        return table.lemma[i] in SPEECH_NOUNS or table.tag[i] == "NNS" and table.dep[i] == "ROOT" and _cue_lemma(
            table.lemma[i], lower) in ALL_CUES
    return False


def _is_cue(verb: Token) -> bool:
    """A speech verb; a stance verb with a clause; an intention verb with a to-clause."""
    lemma = cue_lemma(verb)
    if verb.pos_ not in ("VERB", "AUX"):
        return _verb_read_as_noun(verb)
    if lemma == "call" and (verb.dep_ == "acl" and verb.tag_ == "VBN" or verb.lower_.startswith("so-")):
        return False  # "a stream called Miracle Run", "the so-called deal": a name, not a statement
    if lemma in _HELD_NOT_SAID and _holds_a_thing(verb):
        return False  # "help Putin maintain the image of …", "would assert his rights": a deed, not words
    if lemma in SPEECH_VERBS or lemma in POSITION_VERBS:
        return True
    if lemma not in _CUES_BY_ARGUMENT:
        return False  # none of the tests below can pass: the verb's children are not read
    deps = {c.dep_ for c in verb.children}
    if lemma == "put" and any(c.lower_ == "it" for c in verb.children) and any(
            c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return True  # "as X put it, …"
    if lemma in OBJECT_CUES and "dobj" in deps:
        return True  # "wants an independent review", "expects revenue of $4 billion"
    if lemma in STANCE_VERBS and deps & CLAUSE_DEPS:
        return True
    if _forecast(verb, lemma, deps) or _preposition_cue(verb, lemma):
        return True
    return lemma in INTENTION_VERBS and bool(deps & {"xcomp", "ccomp"})  # "wants the city to pay"


def _attitude_cue(token: Token) -> bool:
    """A cue only the rules for forecasts, preposition cues or attitude adjectives read (not a lexicon cue)."""
    if token.lower_ in ATTITUDE_ADJECTIVES and _attitude_subject(token) is not None:
        return True
    if token.pos_ not in ("VERB", "AUX"):
        return False
    lemma = cue_lemma(token)
    deps = {c.dep_ for c in token.children}
    plain = (lemma in OBJECT_CUES and "dobj" in deps) or (lemma in STANCE_VERBS and deps & CLAUSE_DEPS)
    return not plain and (_forecast(token, lemma, deps) or _preposition_cue(token, lemma))


def _anchored_holder(cue: Token) -> Token | None:
    """The holder of an attitude read by the rules for forecasts, preposition cues and attitude adjectives
    (:func:`_attitude_cue`) when it is a pronoun, or when the attitude stands in another verb's
    clause: such an attitude counts only inside a statement of the same speaker ("Whitlock said
    he expects to …", "The union said it was concerned about …": the speaker's own attitude, in
    their words). Elsewhere the pronoun may have passed over a name the model mistyped ("Farmer
    Mette Vinther" an organisation, so "she" went to an earlier woman), and "Some believe … shows
    the campaign is worried" is others' guess; a wrong holder is worse than none. None: no anchor
    needed."""
    if not _attitude_cue(cue):
        return None
    adjective = cue.lower_ in ATTITUDE_ADJECTIVES
    holder = _attitude_subject(cue) if adjective else _speaker_token(cue)
    clause = cue.head if adjective and cue.dep_ == "acomp" else cue
    reported = clause.dep_ == "ccomp" or clause.dep_ == "conj" and clause.head.dep_ == "ccomp"
    return holder if holder is not None and (holder.pos_ == "PRON" or reported) else None


def _forecast(verb: Token, lemma: str, deps: set[str]) -> bool:
    """"expects to be fit", "the company expects to record charges": a forecast verb in the active
    voice with a to-clause is what its subject believes will happen ("is expected to resign",
    passive, is nobody's belief in particular, nor is "with Obama expected to visit …"; "had not expected
    to play" is no forecast; "what many expect to be …" is a noun phrase, not what they expect)."""
    if lemma not in FORECAST_VERBS or "xcomp" not in deps or deps & {"auxpass", "nsubjpass", "neg"}:
        return False
    if verb.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children):
        return False
    if verb.dep_ in ("pcomp", "acl") or any(c.dep_ == "mark" and c.lower_ == "with" for c in verb.children):
        return False  # "with Obama expected to visit …": a participle, passive whatever its tag
    return any(c.dep_ == "xcomp" and c.left_edge.i > verb.i and any(a.lower_ == "to" for a in c.children)
               for c in verb.children)


def _preposition_cue(verb: Token, lemma: str) -> bool:
    """"worries about the price", "said he worried about …", "Democrats object to the cuts": a verb
    that reports only with its own preposition and an object after it ("worry about" alone, about
    nothing named, or "doesn't worry about" is no statement; "objects" alone is a thing)."""
    prep = PREPOSITION_CUES.get(lemma)
    return prep is not None and not _negated(verb) and any(c.dep_ == "prep" and c.lower_ == prep and any(
        g.dep_ in ("pobj", "pcomp") for g in c.children) for c in verb.rights)


def _attitude_subject(word: Token) -> Token | None:
    """The holder of an attitude adjective: the subject of its copula ("Ana Taufa is worried
    about …", "remains opposed to …") or, where the parser read the word as a passive participle
    ("Donors were concerned about …", "isn't convinced …"), its own subject; else None."""
    if word.pos_ == "ADJ" and word.dep_ == "acomp" and word.head.lemma_.lower() in COPULAS:
        holder = word.head
    elif word.pos_ == "VERB" and word.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in word.children) \
            and "xcomp" not in ATTITUDE_ADJECTIVES[word.lower_][0]:
        holder = word  # not "was determined to have been involved": a finding, no intention
    else:
        return None
    subjects = [c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < word.i]
    if not subjects:  # "Kayleigh isn't convinced …": the parser may hang the subject on the auxiliary
        subjects = [c for a in holder.children if a.dep_ in ("aux", "auxpass") and a.i < word.i
                    for c in a.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < a.i]
    return subjects[-1] if subjects else None


def _attitude_content(word: Token) -> Span | None:
    """What an attitude adjective reports: its preposition's object ("about the cost"), its clause
    ("that the bill will pass") or to-clause ("to settle"), as its lexicon line says; else None
    ("opposed by residents" is no position, "she was worried" says nothing). Denied, only a clause
    is still a thought ("isn't convinced the hawk will work"); "weren't concerned about the shift",
    "not keen to stay" report no worry or wish; nor does a perfect to-clause ("to have been …") or
    a clause of whether or if ("not sure if …")."""
    complements = ATTITUDE_ADJECTIVES[word.lower_][0]
    if "ccomp" not in complements and (_negated(word) or word.dep_ == "acomp" and _negated(word.head)):
        return None
    doc = word.doc
    for child in word.rights:
        if child.dep_ in complements and child.dep_ in ("ccomp", "xcomp") and child.pos_ in ("VERB", "AUX"):
            if child.dep_ == "xcomp" and (not any(c.lower_ == "to" for c in child.children) or any(
                    c.dep_ == "aux" and c.lemma_.lower() == "have" for c in child.children)):
                continue
            if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in child.children):
                return None  # "not sure if they could help": a question left open, no belief
            return doc[child.left_edge.i:child.right_edge.i + 1]
        if child.dep_ == "prep" and child.lower_ in complements:
            objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
            if objects:
                return doc[child.i + 1:objects[-1].right_edge.i + 1]
    return None


def _holds_a_thing(verb: Token) -> bool:
    """"maintain the image", "assert their rights": an object that is no view, with no clause or
    quotation beside it. "maintained his innocence", "asserted that …" are still said."""
    if any(c.dep_ in CLAUSE_DEPS for c in verb.children):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return bool(objects) and all(
        o.lemma_.lower() not in SPEECH_NOUNS | _VIEW_OBJECTS and o.pos_ in ("NOUN", "PROPN")
        and not any(t.is_quote for t in o.subtree) for o in objects)


def _verb_read_as_noun(token: Token) -> bool:
    return _noun_reading(token) is not None


def _noun_reading(token: Token) -> tuple[Token, Token] | None:
    """'Trump claims that he …', 'The campaign plans to employ …' parsed as a plural noun at the
    root with a subject-like word before it and a clause after: the model misread the verb. The
    subject (a subject, or a name hung on it as a compound) and the clause's head, else None."""
    if token.pos_ != "NOUN" or token.tag_ != "NNS" or token.dep_ != "ROOT" or cue_lemma(token) not in ALL_CUES:
        return None
    subject = next((c for c in token.children if c.i < token.i and (
        c.dep_ == "nsubj" or c.dep_ == "compound" and c.text[:1].isupper())), None)
    clause = next((c for c in token.children if c.i > token.i and c.pos_ in ("VERB", "AUX") and (
        c.dep_ == "ccomp" or c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)
        or c.dep_ == "acl" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children))), None)
    if subject is None or clause is None:
        return None
    return subject, clause


def _withheld(verb: Token) -> bool:
    """Words withheld or a question put to the subject, not a statement: a negated speech cue
    ("would not say how many", "did not speak except to confirm his name"), a wish not to be
    named ("asked not to be named"), and *asked* as a participle ("Asked whether …, she
    shrugged", "Hofbauer, asked how …, said": the subject was asked, the asker is not named)."""
    lemma = verb.lemma_.lower()
    if lemma in SPEECH_VERBS and _negated(verb):
        return True
    if lemma in WITHHOLDING_VERBS and any(c.dep_ == "xcomp" and c.lemma_.lower() in SPEECH_VERBS | WITHHELD_WORDS
                                          for c in verb.children):
        return True  # "declined to comment", "refused to say" (but "refused to pay" is an intention)
    if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in verb.children):
        return True  # "Asked whether he expected a reply, …": a question, not what he expects
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and (subject.lower_ in NOBODY or any(
            c.dep_ == "det" and c.lower_ in NOBODY for c in subject.children)):
        return True  # "Neither leader would say …", "No one said"
    head = verb.head
    for _ in range(2):  # "did not speak … except to confirm", "did not want to say", "declined to say"
        if verb.dep_ not in ("xcomp", "pcomp", "prep") or head.i == verb.i:
            break
        if head.pos_ in ("VERB", "AUX") and (_negated(head) or head.lemma_.lower() in WITHHOLDING_VERBS
                                             and lemma in SPEECH_VERBS | WITHHELD_WORDS):
            return True
        verb, head = head, head.head
    for c in verb.children:
        if c.dep_ == "xcomp" and c.lemma_.lower() in ("name", "identify", "quote") and any(
                g.dep_ == "auxpass" for g in c.children):
            return True  # "asked not to be named"
    if lemma == "ask" and verb.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lemma_ == "have"
                                                          for c in verb.children):
        return True
    if lemma == "ask" and verb.is_sent_start and verb.i + 1 < len(verb.doc) and verb.doc[verb.i + 1].lower_ in (
            "whether", "if", "how", "what", "why", "when", "about", "by"):
        return True  # "Asked whether …" opening a sentence, whatever tag the parser gave it
    return _asked_aside(verb) is not None


def _asked_aside(verb: Token) -> Token | None:
    """'Berg, asked how …, said …' parsed as if Berg asked: the speech verb after the aside."""
    doc = verb.doc
    if verb.lemma_.lower() != "ask" or verb.i == 0 or doc[verb.i - 1].text != ",":
        return None
    if not any(c.dep_ == "nsubj" and c.i < verb.i for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ in ("ccomp", "conj") and c.i > verb.i
                 and c.lemma_.lower() in SPEECH_VERBS and doc[c.i - 1].text == ","), None)


def _negated(verb: Token) -> bool:
    """'did not say', 'never said', 'won't comment': a negation of the cue itself; a 'not' the
    parser hung on it from across a comma or quotation mark ('"… Probably not," she said') is
    the quotation's."""
    doc = verb.doc
    return any(c.dep_ == "neg" and not (c.i < verb.i and any(t.is_punct for t in doc[c.i + 1:verb.i]))
               for c in verb.children)


def _clause(verb: Token) -> Span | None:
    """The cue's clausal complement: 'that …', 'if …', 'whether …' (asked)."""
    for child in verb.children:
        if child.dep_ in CLAUSE_DEPS or (child.dep_ == "advcl" and verb.lemma_ == "ask" and child.i > verb.i):
            return verb.doc[child.left_edge.i:child.right_edge.i + 1]
    return None


def _complement(verb: Token) -> Span | None:
    """What follows the cue as its content: a clause, or an object / to-clause / 'for …'.

    "told prosecutors that …": the addressee of *tell* is not content; "called him a liar":
    object and predicate together; "called for a ban", "warned against it": the prepositional
    object.
    """
    reading = _noun_reading(verb)
    if reading is not None:  # "Trump claims that …" read as a noun: its clause
        head = reading[1]
        return verb.doc[head.left_edge.i:head.right_edge.i + 1]
    parts: list[Token] = []
    has_clause = any(c.dep_ in ("xcomp", "ccomp") for c in verb.rights)
    clause = next((c for c in verb.rights if c.dep_ in CLAUSE_DEPS), None)
    if clause is not None or verb.lemma_.lower() in WEAK_CUES:
        # "told a crowd in Miami that …": with a clause, the clause alone is what was said
        return verb.doc[clause.left_edge.i:clause.right_edge.i + 1] if clause is not None else None
    for child in verb.rights:
        dep = child.dep_
        if dep == "prep":
            # "called for a ban"; "accused X of lying", "described X as a liar"
            own = PREPOSITION_CUES.get(verb.lemma_.lower()) == child.lower_  # "object to the cuts"
            if ((child.lower_ in COMPLEMENT_PREPS or own) and not parts and verb.lemma_ != "say") or (
                    child.lower_ in ("of", "as", "to") and parts and parts[-1].dep_ == "dobj"):
                parts.append(child)
        elif dep == "dobj":
            if _share_of_a_thing(child) and verb.lemma_ in SPEECH_VERBS and verb.lemma_ not in _CUES_BY_ARGUMENT:
                continue  # "vented 1.9% of the gas", "aired a third of the footage": a deed, not words
            # "urged Congress to act": object and to-clause are both content
            if verb.lemma_ not in ADDRESSEE_VERBS or not _is_listener(child) or (
                    has_clause and verb.lemma_ in INTENTION_VERBS):
                parts.append(child)
            elif (said := _clause_hung_on_listener(child)) is not None:
                parts.append(said)  # "told the board he would resign": the parser hung the clause on "board"
        elif dep in CLAUSE_DEPS or dep in ("xcomp", "oprd") or (dep == "advcl" and verb.lemma_ == "ask"):
            parts.append(child)
    if not parts:
        return _message_clause(verb)
    first, last = parts[0], parts[-1]
    start = first.left_edge.i
    if first.dep_ == "prep":
        start = first.i + 1
    if first.dep_ == "prep" and PREPOSITION_CUES.get(verb.lemma_.lower()) == first.lower_:
        last = _trailing_preps(verb, last)
    return verb.doc[start:last.right_edge.i + 1] if last.right_edge.i >= start else None


def _clause_hung_on_listener(listener: Token) -> Token | None:
    """"told the board he would resign": a clause with its own subject and no relative word that the
    parser made a relative clause of the one spoken to is what was said."""
    if any(t.lower_ in ("so", "such") for t in listener.subtree):
        return None  # "tells so many lies that ...": a result, not what was said
    # the listener's own clause, or one under its complement: "told a meeting of leaders that ..."
    owners = {listener} | {pobj for prep in listener.rights if prep.dep_ == "prep"
                           for pobj in prep.children if pobj.dep_ == "pobj"}
    for owner in owners:
        for clause in owner.rights:
            if clause.dep_ in ("relcl", "acl", "ccomp") and any(c.dep_ in ("nsubj", "nsubjpass")
                                                                 for c in clause.children) \
                    and not any(t.tag_ in ("WDT", "WP", "WP$", "WRB") and t.dep_ != "mark" for t in clause.subtree):
                return clause
    return None


def _trailing_preps(verb: Token, last: Token) -> Token:
    """"object to cuts of $30 billion over a decade to the food program": the parser hangs the
    object's own phrases on the cue; the prepositional phrases right after it are the object's."""
    for child in verb.rights:
        if child.i <= last.i:
            continue
        if child.dep_ != "prep" or child.left_edge.i != last.right_edge.i + 1:
            break
        last = child
    return last


def _share_of_a_thing(obj: Token) -> bool:
    """"1.9% of the gas", "a third of the water", "40 tonnes of grain": an amount of something,
    which a verb of speech with a second, physical sense ("vent", "air") does to things, not says."""
    measured = obj.ent_type_ in ("PERCENT", "QUANTITY") or obj.text == "%" or obj.lower_ in ("third", "quarter", "half")
    return measured and any(c.dep_ == "prep" and c.lower_ == "of" for c in obj.children)


def _message_clause(verb: Token) -> Span | None:
    """'said in a statement that …': the that-clause the parser hung on the message noun (a
    statement, an interview, a letter) rather than on the cue is what was said."""
    for prep in verb.rights:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "on", "during"):
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj" or noun.lemma_.lower() not in MESSAGE_NOUNS:
                continue
            for clause in noun.rights:
                if clause.dep_ in ("acl", "relcl", "ccomp") and any(
                        m.dep_ == "mark" and m.lower_ == "that" for m in clause.children):
                    return verb.doc[clause.left_edge.i:clause.right_edge.i + 1]
    return None


def _is_listener(token: Token) -> bool:
    """Could this object of *tell* / *ask* be the person spoken to (not what was said)? A name, a
    pronoun, a plural, or a noun of a person, a body or an audience ("told the paper", "a crowd")."""
    lemma = token.lemma_.lower()
    return (token.pos_ in ("PRON", "PROPN") or token.ent_type_ in ("PERSON", "ORG", "NORP")
            or token.tag_ == "NNS" or lemma in ROLE_NOUNS or lemma in LISTENER_NOUNS)


def _addressee(verb: Token, index: EntityIndex) -> EntityRef | None:
    """'told prosecutors', 'told The Times', 'gave reporters a statement': the person or group spoken
    to. Only one who can listen, and as a direct object only of a verb of telling: "condemned the
    test", "praised Friday's decision", "telling the story" name no one spoken to."""
    for child in verb.children:
        if child.dep_ in ADDRESSEE_DEPS and child.pos_ in ("PROPN", "NOUN", "PRON") and _is_listener(child):
            # (resolved either way: "criticized the nominee" still tells whom the words name)
            ref = resolve_speaker(child, index)
            return ref if child.dep_ != "dobj" or verb.lemma_ in TELLING_VERBS else None
    return None


FIRST_PERSON = {"i", "we", "me", "us", "my", "our"}


def _give_way_to_turn(out: list[Statement], speaker: EntityRef, start: int, end: int) -> None:
    """Drop the statements inside a transcript turn that are the turn speaker's own: the same
    speaker, or a first person ("I hope …" in a turn is the turn's speaker, not the author)."""
    out[:] = [s for s in out if not (start <= s.start and s.end <= end and (
        s.speaker.id == speaker.id or s.speaker.mention.text.lower() in FIRST_PERSON))]


def _date(verb: Token) -> str | None:
    """'said Monday', 'told reporters on Tuesday': a DATE entity modifying the cue."""
    for child in verb.children:
        target = child
        if child.dep_ == "prep":
            target = next((c for c in child.children if c.dep_ == "pobj"), child)
        if target.ent_type_ == "DATE" and target.dep_ in ("npadvmod", "pobj", "tmod"):
            ent = entity_of(target)
            return ent.text if ent is not None else target.text
    return None


class Quotations:
    """A document's quotations, found once (:func:`quotations_of`) and looked up by binary search:
    quotations never overlap, so sorted by start they are sorted by end too (a hostile sentence
    holds thousands, and the cue loops ask again and again)."""

    def __init__(self, text: str) -> None:
        self.quotes = find_quotations(text)
        self.starts = [q.start for q in self.quotes]
        self.ends = [q.end for q in self.quotes]

    def at(self, char: int) -> Quotation | None:
        """The quotation holding ``char``, if any."""
        i = bisect_right(self.starts, char) - 1
        return self.quotes[i] if i >= 0 and char < self.quotes[i].end else None

    def between(self, lo: int, hi: int) -> list[Quotation]:
        """The quotations ending at or after ``lo`` and starting at or before ``hi``, in order."""
        return self.quotes[bisect_left(self.ends, lo):bisect_right(self.starts, hi)]


def quotations_of(doc: Doc, text: str) -> Quotations:
    """The quotations of a parsed document (``text`` is its text), found once and kept in its
    ``user_data``: the quote extractor and pronoun resolution (:func:`kg.entities.in_quotation`)
    both read them."""
    found = doc.user_data.get("kg_quotations")
    if found is None:
        found = doc.user_data["kg_quotations"] = Quotations(text)
    return found


class QuoteExtractor:
    """The statements of one document; :meth:`statements` is the pure compute step."""

    def __init__(self, doc: Doc, index: EntityIndex) -> None:
        self.doc = doc
        self.index = index
        self.text = index.text  # the same string; Doc.text rebuilds it on every call
        self._quotations = quotations_of(doc, self.text)
        self.quotes = self._quotations.quotes
        self.used: set[Quotation] = set()
        self.turn_speakers: dict[str, EntityRef] = {}  # surname -> a transcript speaker named only in turns
        self._titles: dict[Quotation, bool] = {}

    def _free(self, q: Quotation) -> bool:
        """Not yet attributed, and a statement rather than a quoted name (judged once per quotation:
        the cue loops ask again for every quotation, thousands of times in a hostile text)."""
        if q in self.used:
            return False
        title = self._titles.get(q)
        if title is None:
            title = self._titles[q] = is_title(self.text, q)
        return not title

    def _quote_at(self, char: int) -> Quotation | None:
        return self._quotations.at(char)

    def _quotes_between(self, lo: int, hi: int) -> list[Quotation]:
        return self._quotations.between(lo, hi)

    def _paragraph_end(self, char: int) -> int:
        end = self.text.find("\n", char)
        return len(self.text) if end < 0 else end

    def statements(self) -> list[Statement]:
        out: list[Statement] = []
        anchored: list[tuple[Statement, Token]] = []
        doc, table = self.doc, token_table(self.doc)
        # every rule below wants a verb, a noun (a cue the model read as one, a speech noun) or
        # "according" (_may_cue): the other words are passed over without making their Tokens
        wanted = [_may_cue(table, i) for i in range(len(doc))]
        for sent in self.index.sentences:
            sentence = self.index.span_of(sent.start_char, sent.end_char)
            for token in (doc[i] for i in range(sent.start, sent.end) if wanted[i]):
                if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
                    st = self._according(token, sent, sentence)
                elif token.lower_ in ATTITUDE_ADJECTIVES and _attitude_subject(token) is not None:
                    st = self._attitude(token, sent, sentence)
                elif (_is_cue(token) or self._colon_cue(token)) and self._quote_at(token.idx) is None:
                    st = self._cue(token, sent, sentence)
                elif token.pos_ == "NOUN" and token.lemma_.lower() in SPEECH_NOUNS:
                    st = self._noun_cue(token, sentence)
                else:
                    continue
                if st is not None and st.end - st.start >= 3 and not self._headline_cue(token):
                    holder = _anchored_holder(token)
                    if holder is None:
                        out.append(st)
                    else:
                        anchored.append((st, holder))
        # an attitude that needs its speaker's own words around it, kept once all cues are read
        # ('The company expects to …, it said': the cue after it holds it)
        out.extend(st for st, holder in anchored if any(
            o.start <= holder.idx < o.end and o.speaker.id == st.speaker.id for o in out))
        self._dash_quotations(out)
        self._colon_lines(out)
        self._line_turns(out)
        self._continue_quotations(out)
        self._continue_after_narration(out)
        return sorted(out, key=lambda s: (s.start, s.end))

    def _headline_cue(self, cue: Token) -> bool:
        """A cue on a headline, standfirst, label or link line ('Mayor defends budget cuts', 'Board
        says line will open', '…, fraud trial told', 'SEE ALSO | …', 'READ: Cities told to …'): a line a
        link label opens (``_LINK_LINE``), or a short line that does not
        end as a sentence does, its cue in the present tense of headlines or at the line's end.
        A past-tense cue with words after it is a body sentence missing its full stop. A cue in
        capitals opening its paragraph is a run-in subhead."""
        start = self.text.rfind("\n", 0, cue.idx) + 1
        end = self.text.find("\n", cue.idx)
        run_in = self.text[start:cue.idx + len(cue.text)]
        if len(cue.text) > 2 and cue.text.isupper() and run_in.upper() == run_in and len(run_in.split()) >= 2:
            return True  # 'FELLOW DOCTORS DON'T WANT TO … — Oz may …': a run-in subhead in capitals
        line = self.text[start:end if end >= 0 else len(self.text)].strip()
        if _LINK_LINE.match(line):
            return True
        if not line or line[-1] in TITLE_LINE_ENDS or len(line.split()) > TITLE_LINE_WORDS:
            return False
        return cue.tag_ != "VBD" or not line[line.find(cue.text) + len(cue.text):].strip()

    # -- rules ------------------------------------------------------------------------
    def _cue(self, verb: Token, sent: Span, sentence: TextSpan) -> Statement | None:
        if _withheld(verb):
            return None
        subject = _speaker_token(verb)
        if subject is not None and self._quote_at(subject.idx) is not None:
            subject = _name_beside(verb)  # a subject inside the quotation is the parser's slip
        if subject is None or is_document(subject):
            return None
        speaker = resolve_speaker(subject, self.index)
        if speaker is None:
            return None
        cue = self.index.span_of(verb.idx, verb.idx + len(verb.text))
        clause = _clause(verb)
        after = _complement(verb)
        bounds: tuple[int, int] | None = None
        direct = False
        adjacent = self._adjacent_quote(verb, sent)
        as_clause = verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
        if adjacent is not None:
            bounds, direct = (adjacent.start, adjacent.end), True
            self.used.add(adjacent)
        elif as_clause and (after is None or after.text.lower() == "it"):
            # "As Ms. Simonyan put it, RT is …": the clause the as-clause hangs on
            bounds = self._clause_without(verb.head, verb, sent)
        elif after is not None and any(_is_cue(t) and _complement(t) is None for t in verb.doc[verb.i + 1:after.start]):
            pass  # "concludes with footage of Trump saying “…”": the nearer cue, left without content, owns it
        elif after is not None:
            clause = after
            # content clause: "X said (that) …"; a quotation it opens is taken whole
            start, end = clause.start_char, clause.end_char
            opening = self._quote_at(start)
            if opening is not None and opening.start < start - 2:
                opening = None
            if opening is not None and opening.end < end and opening.start <= clause.root.idx < opening.end:
                # 'said "the bridge will open" in June': the quotation is the clause; the
                # parser hangs the cue's modifiers on the quoted verb
                end = opening.end
            q = self._quote_at(end - 1) or self._quote_at(max(start, end - 2))
            if q is not None and q.end > end and q.end <= sent.end_char + 2:
                end = q.end
            if opening is not None and end >= opening.end:
                start = opening.start  # 'said "the wall" would …': the quotation, marks and all
            if q is None:
                end = min(end, self._paragraph_end(start))  # the parser may run on past a paragraph
            if start < end:
                bounds = _trim(self.text, start, end)
                self.used.update(q for q in self._quotes_between(bounds[0], bounds[1] + 1)
                                 if bounds[0] <= q.start and q.end <= bounds[1] + 1)
        else:
            q = self._nearest_quote(verb, sent)
            block = self._block_after_colon(verb, sent) if q is None else None
            if q is not None:
                bounds, direct = (q.start, q.end), True
                self.used.add(q)
            elif block is not None:
                bounds = block
            elif clause is not None and clause.end <= verb.i:
                # "The plan will fail, he said.": the clause before a parenthetical cue
                bounds = _trim(self.text, clause.start_char, clause.end_char)
            elif verb.dep_ == "parataxis" and verb.head.i != verb.i:
                # "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt": the clause the
                # parenthetical cue interrupts (a cue at its edge is cut off)
                bounds = self._clause_without(verb.head, verb, sent)
        if bounds is None:
            return None
        bounds = (self._past_dateline(*bounds), bounds[1])
        lemma = cue_lemma(verb)
        confidence = 0.8 if lemma in SPEECH_VERBS else 0.5  # a stance, intention or position
        kind = cue_kind(lemma, to_clause=any(c.dep_ == "xcomp" for c in verb.children))
        return Statement(speaker, cue, bounds[0], bounds[1], sentence, _addressee(verb, self.index),
                         _date(verb), confidence,
                         direct=direct or mode_of(self.text[bounds[0]:bounds[1]]) == "direct", kind=kind)

    def _past_dateline(self, start: int, end: int) -> int:
        """Where a statement opening its line begins after the wire dateline the parser put in it
        ("QUITO, March 3 (Reuters) - Acme has halted …, the company said": the place, date and agency
        are nobody's words)."""
        if start > 0 and self.text[start - 1] != "\n":
            return start
        found = _DATELINE.match(self.text, start, end)
        return found.end() if found is not None else start

    def _attitude(self, word: Token, sent: Span, sentence: TextSpan) -> Statement | None:
        """"Ana Taufa is worried about the beans", "said it was concerned about staffing", "remains
        opposed to the closure": an attitude adjective with its complement is its subject's
        thought, intention or position (never in a question, nor a subject inside a quotation)."""
        subject = _attitude_subject(word)
        content = _attitude_content(word)
        if subject is None or content is None or sent.text.rstrip(" \n\"”’'").endswith("?"):
            return None
        if self._quote_at(subject.idx) is not None or is_document(subject):
            return None
        speaker = resolve_speaker(subject, self.index)
        if speaker is None:
            return None
        start, end = _trim(self.text, content.start_char, content.end_char)
        if start >= end:
            return None
        cue = self.index.span_of(word.idx, word.idx + len(word.text))
        return Statement(speaker, cue, start, end, sentence, None, _date(word.head), 0.5,
                         direct=mode_of(self.text[start:end]) == "direct", kind=ATTITUDE_ADJECTIVES[word.lower_][1])

    def _block_after_colon(self, verb: Token, sent: Span) -> tuple[int, int] | None:
        """'The governor added:' closing its paragraph, the next paragraph set off without quotation
        marks: that paragraph is what was said (a speech verb only; a 'NAME:' turn is no block)."""
        if cue_lemma(verb) not in SPEECH_VERBS:
            return None
        tail = self.text[verb.idx + len(verb.text):self._paragraph_end(verb.idx)]
        if tail.strip() != ":":
            return None
        start = self._paragraph_end(verb.idx)
        while start < len(self.text) and self.text[start].isspace():
            start += 1
        end = self._paragraph_end(start)
        block = self.text[start:end]
        if not block.strip() or _NAME_COLON.match(block) or any(c in block for c in MARK_CHARS):
            return None
        return _trim(self.text, start, end)

    def _noun_cue(self, noun: Token, sentence: TextSpan) -> Statement | None:
        """'Trump's claim that …', 'her warning that …': the owner said the clause."""
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        clause = next((c for c in noun.rights if c.dep_ in ("acl", "ccomp", "relcl")
                       and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
        if owner is None or clause is None or self._quote_at(noun.idx) is not None:
            return None
        speaker = resolve_speaker(owner, self.index)
        if speaker is None:
            return None
        start, end = _trim(self.text, clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge.text))
        q = self._quote_at(end - 1)
        if q is not None and q.end > end:
            end = q.end
        cue = self.index.span_of(noun.idx, noun.idx + len(noun.text))
        return Statement(speaker, cue, start, end, sentence, confidence=0.6, kind=cue_kind(noun.lemma_))

    def _colon_cue(self, verb: Token) -> bool:
        """'She addressed the crowd again: “…”': a main verb whose colon opens a quotation."""
        if verb.pos_ not in ("VERB", "AUX"):
            return False
        if verb.dep_ != "ROOT" and not (verb.dep_ == "ccomp" and self._quote_at(verb.head.idx) is not None):
            return False  # ("… is more blunt: “…”" may be parsed as a clause of the quoted verb)
        end = verb.right_edge.idx + len(verb.right_edge.text)
        if self.text.find(":", verb.idx, end + 1) < 0:
            return False  # no colon after the verb in its phrase, nor right after it: none to look for
        # the colon is the verb's, or closes its object ("made the following comment:")
        colons = [t for t in verb.rights if t.text == ":"] or [
            t for t in verb.subtree if t.text == ":" and t.i > verb.i and t.head.head.i == verb.i][:1]
        for colon in colons or [None]:
            at = colon.idx if colon is not None else end
            if self.text[at:at + 1] != ":":
                continue
            rest = self.text[at + 1:at + 4].lstrip()
            return rest[:1] in "“\"" or rest.startswith("''")
        return False

    def _clause_without(self, head: Token, inner: Token, sent: Span) -> tuple[int, int] | None:
        """The head's clause with the inner (cue) phrase cut off the side it sits on."""
        lo, hi = max(head.left_edge.idx, sent.start_char), min(sent.end_char, head.right_edge.idx +
                                                               len(head.right_edge.text))
        cut_lo = inner.left_edge.idx
        cut_hi = inner.right_edge.idx + len(inner.right_edge.text)
        if cut_lo - lo <= 2:
            lo = cut_hi
        elif hi - cut_hi <= 3:
            hi = cut_lo
        start, end = _trim(self.text, lo, hi)
        return (start, end) if end - start >= 3 else None

    def _adjacent_quote(self, verb: Token, sent: Span) -> Quotation | None:
        """'"…," X said' (the quotation ends just before the speaker and cue), 'X said: "…"' or 'X said, "…"'."""
        subject = _speaker_token(verb)
        lo = verb.idx
        if subject is not None and subject.i < verb.i:
            lo = min(lo, subject.left_edge.idx)  # '…,” Ann Lee, a senator from Ohio, said'
        for q in self._quotes_between(self._adjacent_reach(verb, lo, sent), verb.idx + len(verb.text) + 40):
            if not self._free(q):
                continue
            if q.end <= lo and not self.text[q.end:lo].strip(" ,—–-"):  # may end the sentence before
                return q
            if q.end <= verb.idx and q.end >= sent.start_char:
                between = self.doc.char_span(q.end, verb.idx, alignment_mode="expand")
                if between is not None and len(between) <= 6 and all(
                        t.dep_ in ("nsubj", "compound", "punct", "det", "amod", "advmod", "aux", "flat", "appos",
                                   "prep", "pobj", "npadvmod") or t.pos_ in ("PROPN", "PUNCT") for t in between):
                    return q
            if q.start > verb.idx:
                gap = self.text[verb.idx + len(verb.text):q.start]
                if (":" in gap and len(gap) <= 40 or gap.strip() == ",") and "\n" not in gap.strip():
                    return q  # 'X said: "…"', and 'He said, "My son told me, …"': the quotation whole
        return None

    def _adjacent_reach(self, verb: Token, lo: int, sent: Span) -> int:
        """The earliest end a quotation may have to be adjacent to the cue (:meth:`_adjacent_quote`):
        only spaces, commas and dashes before ``lo``, or at most six words before the cue."""
        window = self.text[max(0, lo - 200):lo]
        stripped = window.rstrip(" ,—–-")
        bare = lo - (len(window) - len(stripped)) if stripped or lo <= 200 else 0
        return min(bare, max(sent.start_char, verb.doc[max(0, verb.i - 8)].idx))

    def _nearest_quote(self, verb: Token, sent: Span) -> Quotation | None:
        """A free quotation touching the cue's sentence, or one a colon after the cue opens."""
        free = [q for q in self._quotes_between(sent.start_char, sent.end_char) if self._free(q)
                and q.end > sent.start_char - 1 and q.start < sent.end_char]
        before = [q for q in free if q.end <= verb.idx]
        after = [q for q in free if q.start > verb.idx and not self._cue_follows(q, verb)]
        colon = self.text[verb.idx:sent.end_char + 3].find(":")
        if colon >= 0:
            near = [q for q in self._quotes_between(verb.idx + colon, verb.idx + colon + 3)
                    if self._free(q) and 0 <= q.start - (verb.idx + colon) <= 3]
            if near:
                return near[0]
        if before and (not after or verb.idx - before[-1].end <= after[0].start - verb.idx):
            return before[-1]
        return after[0] if after else None

    def _subhead(self, q: Quotation) -> bool:
        """A quotation alone on its line in title case ('Coal Isn't the Villain.'): a subhead."""
        line_start = self.text.rfind("\n", 0, q.start) + 1
        if self.text[line_start:q.start].strip() or self.text[q.end:self._paragraph_end(q.end)].strip():
            return False
        words = re.findall(r"[^\W\d_][\w’'-]*", self.text[q.start:q.end])
        return len(words) >= 2 and all(w[:1].isupper() or w.lower() in TITLE_SMALL_WORDS for w in words)

    def _cue_follows(self, q: Quotation, verb: Token) -> bool:
        """'… for Mexico to respond. ''We must not overreact,'' he told me': a quotation whose own
        cue follows it belongs to that cue, not to an earlier one without content."""
        inner = self.text[q.start:q.end].rstrip(MARK_CHARS + "'’")
        if not inner.endswith((",", "?", "!")):
            return False  # '“…,” he said': a quotation its cue follows ends on a comma (or ? or !)
        token = self.index.token_at(q.end) or self.index.token_at(q.end + 1)
        if token is None:
            return False
        for t in self.doc[token.i:token.i + 6]:
            if t.i != verb.i and t.pos_ == "VERB" and cue_lemma(t) in SPEECH_VERBS:
                return True
            if t.pos_ not in ("PROPN", "PRON", "DET", "NOUN", "ADJ", "PUNCT", "AUX", "ADV") or t.text in ".!?":
                return False
        return False

    def _according(self, according: Token, sent: Span, sentence: TextSpan) -> Statement | None:
        """'according to X, …' / '…, according to X': X said the rest of the clause."""
        to = next(c for c in according.children if c.lower_ == "to")
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:  # "according to show insiders" with "show" read as a verb: its object
            pcomp = next((c for c in to.children if c.dep_ == "pcomp"), None)
            pobj = next((c for c in pcomp.children if c.dep_ == "dobj"), None) if pcomp is not None else None
        if pobj is None or is_document(pobj):
            return None
        speaker = resolve_speaker(pobj, self.index)
        if speaker is None:
            return None
        phrase_start = according.idx
        last = according.doc[according.right_edge.i]
        phrase_end = last.idx + len(last.text)
        named = noun_phrase(pobj)
        if named.end - 1 < last.i and according.doc[named.end].text == "," and phrase_start <= sent.start_char + 2 \
                and last.i >= sent.end - 2:
            # "According to X, the move reeks …" with the clause parsed into X's phrase
            phrase_end = named.end_char
        head = according.head
        lo = min(head.left_edge.idx, sent.start_char) if head.sent == sent else sent.start_char
        lo = sent.start_char if lo < sent.start_char else lo
        hi = sent.end_char
        if phrase_start - lo <= 2:  # "According to X, …"
            start, end = phrase_end, hi
        elif hi - phrase_end <= 3:  # "…, according to X."
            start, end = lo, phrase_start
        else:  # "…, according to X, …": the whole clause, the cue inside it
            start, end = lo, hi
        start, end = _trim(self.text, start, end)
        cue = self.index.span_of(according.idx, to.idx + len(to.text))
        return Statement(speaker, cue, start, end, sentence, confidence=0.7,
                         direct=mode_of(self.text[start:end]) == "direct")

    def _colon_lines(self, out: list[Statement]) -> None:
        """Transcript turns: a line opening with a person's name and a colon ('WALLACE: …',
        'MS. LEE:', 'ANN LEE, ANCHOR: …', 'Warren: Trump Is a Failure') is that person's
        statement, and an interview's 'Q:' / 'A:' lines are the interviewer's and the
        interviewee's its introduction names (:meth:`_interview`). A label ('READ MORE:',
        'MARKETS:', 'BENGALURU:') names no person of the text and is skipped. Statements of
        others inside a turn stay; the speaker's own inside it are the turn."""
        asker, answerer = self._interview()
        for m in _NAME_COLON.finditer(self.text):
            lo, hi = m.span(1)
            start, end = _trim(self.text, m.start(3), m.end(3))
            if end - start < 3 or any(s.start <= start < s.end for s in out):
                continue
            label = m.group(1).strip()
            if label in ("Q", "A"):
                speaker = asker if label == "Q" else answerer
                speaker = None if speaker is None else EntityRef(speaker.id, speaker.name, speaker.type,
                                                                 self.index.span_of(lo, hi))
            else:
                speaker = self._turn_speaker(lo, hi, titled=m.group(2) is not None)
            if speaker is None or end - start < 8 and label not in ("Q", "A"):
                continue
            _give_way_to_turn(out, speaker, start, end)
            colon = self.index.span_of(m.end(2) if m.group(2) else hi, (m.end(2) if m.group(2) else hi) + 1)
            sentence = self.index.span_of(m.start(1), m.end(3))
            out.append(Statement(speaker, colon, start, end, sentence, confidence=0.6,
                                 direct=mode_of(self.text[start:end]) == "direct"))

    def _turn_speaker(self, lo: int, hi: int, *, titled: bool) -> EntityRef | None:
        """The person a turn's name stands for: a person of the text ('MORENO' for Rachel
        Moreno), or a new one when the line says it is a person (an honorific or title before
        it, a role after a comma: 'GOV. ANN LEE:', 'ANN LEE, ANCHOR:')."""
        raw = self.text[lo:hi]
        name = self.doc.char_span(lo, hi, alignment_mode="expand")
        if name is None:
            return None
        mention = self.index.span_of(lo, hi)
        words = name_tokens(raw.title() if raw.isupper() else raw)
        if not words or any(w.lower().strip(".") in NOT_NAMES for w in words):
            return None
        known = person_of_turn(self.index, words, mention, self.turn_speakers)
        if known is not None:  # "MORENO:" for Rachel Moreno of the text or after "RACHEL MORENO, ANCHOR:"
            return known
        if len(words) == 1 and raw.isupper():  # "MAYA:" after "MAYA CHEN:"
            first = first_name_speaker(words[0], self.turn_speakers.values(), self.index)
            if first is not None:
                return EntityRef(first.id, first.name, first.type, mention)
        first = raw.split()[0].lower().rstrip(".")
        if raw.isupper() and len(words) <= 3 and (titled or first in HONORIFICS or first in TITLE_WORDS
                                                  or given_and_family_name(words)):
            ref = self.index.mint("Person", " ".join(words), mention)
            self.turn_speakers.setdefault(words[-1].lower(), ref)
            return ref
        heads = [t for t in name if t.pos_ == "PROPN" and t.ent_type_ == "PERSON"]
        if heads and not raw.isupper():
            ref = resolve_speaker(heads[-1], self.index)
            return ref if ref is not None and ref.type == "Person" else None
        return None

    def _line_turns(self, out: list[Statement]) -> None:
        """Transcripts naming each speaker on a line of its own, or in a label opening the turn's
        line in a hearing record or a phone-in (:mod:`kg.extractors.transcripts`)."""
        reader = TurnReader(self.text, self.index, self.doc)
        for turn in reader.turns() + reader.inline_turns():
            turn.paragraphs = [_trim(self.text, a, b) for a, b in turn.paragraphs]
            start, end = turn.paragraphs[0][0], turn.paragraphs[-1][1]
            if any(s.start <= start < s.end and s.speaker.id == turn.speaker.id for s in out):
                continue  # already read as the same speaker's turn
            _give_way_to_turn(out, turn.speaker, start, end)
            out.append(Statement(turn.speaker, self.index.span_of(*turn.label), start, end,
                                 self.index.span_of(turn.label[0], end), confidence=0.6,
                                 parts=list(turn.paragraphs)))

    def _interview(self) -> tuple[EntityRef | None, EntityRef | None]:
        """Who asks and who answers in a Q:/A: interview: the introduction's '<interviewer>
        spoke with <interviewee>' ('talked to', 'interviewed'); else the answers belong to the
        one person named most before the first question, and the questions to nobody."""
        first_q = re.search(r"(?m)^[ \t]*Q:[ \t]", self.text)
        if first_q is None or not re.search(r"(?m)^[ \t]*A:[ \t]", self.text):
            return None, None
        asker = answerer = None
        for sent in self.index.sentences:
            if sent.start_char >= first_q.start():
                break
            for verb in sent:
                if verb.lemma_.lower() not in INTERVIEW_VERBS or verb.pos_ != "VERB":
                    continue
                subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                other = next((c for c in verb.children if c.dep_ == "dobj"), None)
                for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("with", "to")):
                    other = other or next((c for c in prep.children if c.dep_ == "pobj"), None)
                if subject is not None and other is not None:
                    asker = resolve_speaker(subject, self.index)
                    answerer = resolve_speaker(other, self.index)
        if answerer is None or answerer.type != "Person":
            counts = Counter()
            for e in self.index.entities():
                if e.type == "Person":
                    counts[e.id] = sum(1 for m in e.mentions if m.start < first_q.start())
            ranked = counts.most_common(2)
            if ranked and ranked[0][1] and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
                cluster = self.index.cluster_by_id(ranked[0][0])
                answerer = self.index.ref_for(cluster, TextSpan(0, 0, "")) if cluster is not None else None
        if asker is not None and (asker.type != "Person" or answerer is not None and asker.id == answerer.id):
            asker = None
        return asker, answerer

    def _dash_quotations(self, out: list[Statement]) -> None:
        """'Ana Ruiz ― “…”' (a paragraph of voices) and '“…” — Ana Ruiz (@ana)' (an embedded
        post): a name set off by a dash beside a quotation is its speaker."""
        for q in self.quotes:
            if q in self.used:
                continue
            line_start = self.text.rfind("\n", 0, q.start) + 1
            before = _DASH_BEFORE.search(self.text[line_start:q.start])
            after = _DASH_AFTER.match(self.text, q.end, self._paragraph_end(q.end))
            if before is not None:
                lo, hi = line_start + before.start(1), line_start + before.end(1)
                dash = (line_start + before.start(2), line_start + before.end(2))
            elif after is not None:
                lo, hi = after.start(2), after.end(2)
                dash = after.span(1)
            else:
                continue
            name = self.doc.char_span(lo, hi, alignment_mode="expand")
            heads = [t for t in name or [] if t.pos_ == "PROPN" and (
                t.head.i == t.i or not name.start <= t.head.i < name.end)]
            if not heads:
                continue
            speaker = resolve_speaker(heads[0], self.index)
            if speaker is None:
                continue
            sentence = self.index.span_of(line_start, q.end)
            out.append(Statement(speaker, self.index.span_of(*dash), q.start, q.end, sentence,
                                 confidence=0.6, direct=True))
            self.used.add(q)

    def _continue_quotations(self, out: list[Statement]) -> None:
        """Free quotations after a direct statement continue it: in its paragraph they extend
        it ('"…," he said. "…"'), as they do a quotation left open at a paragraph's end; in the
        next paragraphs each is a statement of its own."""
        direct = sorted((s for s in out if s.direct), key=lambda s: s.start)
        for q in self.quotes:
            if q in self.used or self._subhead(q):
                continue  # taken, or a quoted title on its own line ('All Bets Are Off.' as a subhead)
            prior = [s for s in direct if s.end <= q.start]
            if not prior:
                continue
            last = prior[-1]
            if any(s is not last and s.cue is not None and last.end <= s.cue.start < q.start for s in out) or \
                    any(last.end < s.start < q.start for s in out):
                continue
            gap = self.text[last.end:q.start]
            same_paragraph = "\n" not in gap
            if same_paragraph:
                if len(gap) > 160 or gap.rstrip().endswith(":"):
                    continue  # '…: "…"': the narration before the colon introduces a quotation of its own
                own = self._gap_cue(last, q)
                if own is not None:
                    # '"…," Lee said, adding: "…"': a cue of the same speaker between opens a statement
                    if own.tag_ == "VBG" or own.dep_ in ("conj", "advcl", "xcomp"):
                        cue = self.index.span_of(own.idx, own.idx + len(own.text))
                        st = Statement(last.speaker, cue, q.start, q.end, self.index.span_of(q.start, q.end),
                                       confidence=0.6, direct=True, kind=cue_kind(cue_lemma(own)))
                        out.append(st)
                        direct.append(st)
                        direct.sort(key=lambda s: s.start)
                        self.used.add(q)
                    continue
                _extend(last, q)
                self.used.add(q)
                continue
            tail, _, between = gap.partition("\n")
            ending = next((e for e in self.quotes if e.start < last.end <= e.end), None)
            if ending is not None and not ending.closed and not gap.strip() and not between.count("\n") > 1:
                # a quotation left open at its paragraph's end goes on in the next one
                _extend(last, q)
                self.used.add(q)
                continue
            # a new paragraph that opens with this quotation (and holds little else)
            if len(tail) > 80 or between.strip() or self._paragraph_end(q.start) - q.end > 3:
                continue
            st = Statement(last.speaker, None, q.start, q.end, self.index.span_of(q.start, q.end),
                           confidence=0.6, direct=True)
            out.append(st)
            direct.append(st)
            direct.sort(key=lambda s: s.start)
            self.used.add(q)


    def _gap_cue(self, last: Statement, q: Quotation) -> Token | None:
        """A cue word of its own between a statement and the next quotation ('…," she said,
        suggesting questions such as "…"'), other than the statement's own cue."""
        span = self.doc.char_span(last.end, q.start, alignment_mode="expand")
        for t in span or []:
            if t.pos_ == "VERB" and cue_lemma(t) in SPEECH_VERBS and (last.cue is None or t.idx != last.cue.start) \
                    and not last.start <= t.idx < last.end:
                return t
        return None

    def _continue_after_narration(self, out: list[Statement]) -> None:
        """'Lee says that is not what the union sees. "Response times …"': a quotation that is a
        sentence of its own, right after a reported statement of a person who also spoke in the
        previous paragraph, with no other name in between, continues that person (lower
        confidence). Anything less certain stays unattributed."""
        for q in self.quotes:
            if not self._free(q):
                continue
            before = [s for s in out if s.end <= q.start]
            if not before:
                continue
            last = max(before, key=lambda s: s.end)
            gap = self.text[last.end:q.start]
            if last.speaker.type != "Person" or "\n" in gap or len(gap.strip(" .\"”’'")) > 0 \
                    or self.text[q.end:self._paragraph_end(q.end)].strip():
                continue  # the quotation must follow the statement's sentence and close its paragraph
            para_start = self.text.rfind("\n", 0, last.start) + 1
            prev_start = self.text.rfind("\n", 0, len(self.text[:para_start].rstrip())) + 1 if para_start else 0
            spoke_before = any(s is not last and s.speaker.id == last.speaker.id
                               and prev_start <= s.start < para_start for s in out)
            others = any(s is not last and last.start <= s.start < q.start for s in out)
            if not spoke_before or others:
                continue
            out.append(Statement(last.speaker, None, q.start, q.end, self.index.span_of(q.start, q.end),
                                 confidence=0.5, direct=True))
            self.used.add(q)


def _extend(st: Statement, q: Quotation) -> None:
    """A later piece of the same statement: the envelope grows to it, and it is one more part."""
    if not st.parts:
        st.parts.append((st.start, st.end))
    st.parts.append((q.start, q.end))
    st.end = q.end


def extract(doc: Doc, index: EntityIndex) -> Iterator[Triple]:
    """SAID triples in order of appearance."""
    for st in QuoteExtractor(doc, index).statements():
        yield _triple(index, st)


def _triple(index: EntityIndex, st: Statement) -> Triple:
    span = index.span_of(st.start, st.end)
    parts = tuple(index.span_of(a, b) for a, b in st.parts or [(st.start, st.end)])
    quals: list[tuple[str, object]] = [("mode", mode_of(span.text)), ("kind", st.kind)]
    if st.addressee is not None:
        quals.append(("addressee", st.addressee))
    if st.date is not None:
        quals.append(("date", st.date))
    return Triple(
        relation="SAID",
        subject=st.speaker,
        object=TripleObject(span=span, parts=parts),
        evidence=Evidence(index.doc_id, st.sentence, EXTRACTOR, st.confidence),
        cue=st.cue,
        qualifiers=tuple(quals),
    )
