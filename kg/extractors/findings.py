"""report → found: what reports, polls, studies, records and data found.

Rules (each branch below names the one it implements; the cue words are data in
``kg/lexicons``: ``document_nouns``, ``document_parts``, ``finding_verbs``, ``finding_predicates``,
``finding_clause_verbs``, ``poll_nouns``, ``report_verbs``):

- subject: a document noun as the subject of a finding verb, the complement clause or
  object after the verb is the finding ("the report found that …", "a poll shows X"); for a
  predicate verb the verb belongs to it ("directly implicated Trump in …"); some verbs count
  only with a clause ("the poll has Clinton leading");
- postposed and headline forms: "…, new Justice Department report finds", "…, records show",
  "…, the study said": the clause before the comma is the finding;
- nominal: "the report's findings show", "early results of exit polls": the document that owns
  the findings/results is the source;
- participle and relative: "a new poll showing X", "records, which showed X";
- passive: "it was found in the audit that X", "X was documented in a report", "as shown by the data";
- "according to a new poll, X" / "X, according to the report";
- "In a CNN poll released Monday, X": a clause placed in a poll or survey;
- label: "Poll: X", "From the report: “…”";
- surface: "…, FEC records compiled by X show." when the tagger reads "show" as a noun.

One finding is made once: the surer rule claims its clause first, and scraps (one word, a link)
and documents said not to exist ("no data show") are dropped.

Reports are ``Report`` entities with their author organisation when the phrase names it
("a Justice Department report", "a draft report from the department's inspector general",
"polls conducted by Edison Research") and are resolved within the document ("That draft report",
"the report" point back to the last compatible report), so every finding of one report, and
every quotation a person gave "in the report" (:func:`link_reports`), share one Report id.

The forms come from the PolNeAR attribution guidelines (Newell et al., LREC 2018) and from the
train split's document-sourced attributions; the dev split is only measured.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from kg.entities import EntityIndex
from kg.lexicons import load_words
from kg.model import EntityRef, Evidence, Triple, TripleObject
from kg.token_table import token_table

EXTRACTOR = "findings.rules/2"
DOCUMENT_NOUNS = load_words("document_nouns")
# Verbs whose whole predicate is the finding: "implicated Trump in the policy".
PREDICATE_VERBS = load_words("finding_predicates")
# Verbs that report a finding only with a clause: "the poll has Clinton leading", not "has a margin".
CLAUSE_VERBS = load_words("finding_clause_verbs")
FINDING_VERBS = load_words("finding_verbs") | PREDICATE_VERBS
POLL_NOUNS = load_words("poll_nouns")
# Verbs of a participle that says who made a document: "a poll conducted by Edison Research".
REPORT_VERBS = load_words("report_verbs")
SPEECH_VERBS = load_words("speech_verbs")
# Nouns that stand for what documents hold or for a set of them; the document is the source
# ("the report's findings", "an average of recent polls", "a new batch of State Department emails").
CONTENT_OF = load_words("document_parts")
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
NEWSLETTER_NOUNS = {"email", "emails", "letter", "newsletter"}
# Clauses that state something themselves (not "who leads in the polls", "as he rose in the polls").
MAIN_CLAUSE_DEPS = {"ROOT", "conj", "ccomp", "parataxis"}
# Children of a finding verb that hold what was found.
CONTENT_DEPS = {"ccomp", "dobj", "xcomp", "attr", "oprd", "acomp"}
# Words before a document noun that name it without telling it apart from another.
GENERIC_WORDS = {"a", "an", "the", "that", "this", "these", "those", "its", "their", "his", "her", "our", "new",
                 "latest", "recent", "same", "most", "more", "early", "another", "one", "two", "first", "last",
                 "own", "final", "full", "also", "previous", "separate", "other", "earlier", "prior", "newest",
                 "further", "several", "some", "many", "both", "all"}
DETERMINERS_BACK = {"the", "that", "this", "these", "those", "its", "their", "his", "her", "our", "same"}
WORD = re.compile(r"\b[^\W\d_]{2,}\b")
# Finding verb forms the tagger may read as nouns ("records show"), and what a noun phrase holds.
SURFACE_FORMS = {"show", "shows", "showed", "indicate", "indicates", "indicated", "suggest", "suggests",
                 "reveal", "reveals", "revealed", "find", "finds", "found"}
PHRASE_POS = {"NOUN", "PROPN", "ADJ", "DET", "NUM", "ADP", "PART", "PUNCT", "CCONJ"}
STRIP = " \t\n\r,.;:—–-\"“”'‘’"
TRAIL = " \t\n\r,.;:—–-"


@dataclass
class ReportMention:
    """One noun phrase that names a document, and what it says about it."""

    head: Token  # the document noun
    start: int  # character bounds of the phrase (determiner .. noun)
    end: int
    words: frozenset[str]  # distinctive words, lowercased (no determiners, dates or "new")
    label: str  # the phrase as a name, in the text's case
    definite: bool
    author: tuple[str, int, int] | None = None
    entity: int = -1  # index into ReportResolver.entities


@dataclass
class ReportEntity:
    """A document of the article, built from its mentions in reading order."""

    name: str
    lemma: str
    words: set[str] = field(default_factory=set)
    author: tuple[str, int, int] | None = None


class ReportResolver:
    """Report mentions of one document, each tied to a report (within-document coreference).

    Built once per document (after roles are registered) and shared by :func:`extract` and
    :func:`link_reports`, so both name every report with the same Report id; building it
    walks every token, so building it twice cost a tenth of the extraction time.
    """

    def __init__(self, doc: Doc, index: EntityIndex) -> None:
        self.doc = doc
        self.index = index
        self.entities: list[ReportEntity] = []
        self.mentions: dict[int, ReportMention] = {}
        self.orgs = [e for e in index.ents if e.label_ == "ORG"]
        for token in (doc[i] for i in _document_words(doc, 0, len(doc))):
            if _is_document_noun(token) and not _is_modifier(token):
                self._add(self._mention(token))

    # -- building -----------------------------------------------------------------------
    def _mention(self, noun: Token) -> ReportMention:
        left = noun.i
        for child in noun.lefts:
            if child.dep_ in ("det", "amod", "compound", "nmod", "nummod", "poss", "punct", "case", "quantmod"):
                left = min(left, child.left_edge.i)
        tokens = [t for t in self.doc[left:noun.i + 1] if not t.is_punct]
        while tokens and tokens[0].dep_ == "case":
            tokens = tokens[1:]
        definite = bool(tokens) and tokens[0].lower_ in DETERMINERS_BACK
        named = [t for t in tokens if t.lower_ not in GENERIC_WORDS and t.ent_type_ not in ("DATE", "TIME")
                 and t.dep_ != "case" and t.pos_ != "PRON"]
        # the name as written ("NBC News/Wall Street Journal poll"), from its first telling word
        label = self.index.text[named[0].idx:noun.idx + len(noun.text)] if named else noun.text  # not Doc.text: O(doc)
        label = re.sub(r"['’]s\b", "", " ".join(label.split())) if named and named[0].dep_ == "poss" else \
            " ".join(label.split())
        words = frozenset(re.sub(r"['’]s$", "", t.lower_) for t in named)
        start = tokens[0].idx if tokens else noun.idx
        return ReportMention(noun, start, noun.idx + len(noun.text), words, label, definite,
                             self._author(noun, tokens))

    def _author(self, noun: Token, tokens: list[Token]) -> tuple[str, int, int] | None:
        """Who made the document: "from/by X", "conducted by X", a possessive or a name before it."""
        for child in noun.rights:
            agent = None
            if child.dep_ == "prep" and child.lower_ in ("from", "by"):
                agent = child
            elif child.dep_ == "acl" and child.lemma_.lower() in REPORT_VERBS:
                agent = next((c for c in child.children if c.dep_ == "agent"), None)
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if pobj is not None and pobj.pos_ in ("PROPN", "NOUN"):
                return self._organisation(pobj)
        for child in noun.lefts:
            if child.dep_ == "poss" and child.pos_ == "PROPN":
                words = [t for t in child.subtree if t.dep_ != "case"]
                return self._text(words[0].idx, words[-1].idx + len(words[-1].text))
        names = [t for t in tokens if t.i < noun.i and (t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "GPE", "NORP"))
                 and t.ent_type_ not in ("DATE", "TIME", "PERSON") and t.dep_ != "poss"]
        if names:
            return self._text(names[0].idx, names[-1].idx + len(names[-1].text))
        return None

    def _organisation(self, head: Token) -> tuple[str, int, int]:
        """The author phrase; "the department's inspector general" names its department if the
        article does ("Justice Department Inspector General"); "the charity Clearwater Trust"
        is the name after the common noun."""
        named = self._name_after(head)
        if named is not None:
            return named
        words = sorted(_name_words(head), key=lambda t: t.i)
        words = [t for t in words if not (t.dep_ == "det" and t.i == words[0].i)]
        start, end = words[0].idx, words[-1].idx + len(words[-1].text)
        text = self.index.text[start:end]  # Doc.text rebuilds the string on every call
        owner = next((t for t in head.lefts if t.dep_ == "poss" and t.pos_ == "NOUN"), None)
        if owner is not None:
            full = self._named_org(owner.lower_)
            if full:
                rest = [t for t in head.subtree if t.i > owner.i and t.dep_ != "case" and t.i <= head.i]
                text = f"{full} " + " ".join(t.text.capitalize() for t in rest)
        return text, start, end

    def _name_after(self, head: Token) -> tuple[str, int, int] | None:
        """"the humanitarian organisation WaterBridge International": a common noun with the name
        of an organisation or person of the article in apposition right after it."""
        if head.pos_ != "NOUN":
            return None
        for child in head.rights:
            cluster = self.index.cluster_at(child) if child.dep_ == "appos" and child.pos_ == "PROPN" else None
            if cluster is not None and cluster.type in ("Organization", "Person"):
                words = [t for t in child.subtree if self.index.cluster_at(t) is cluster]
                start, end = words[0].idx, words[-1].idx + len(words[-1].text)
                return self.index.text[start:end], start, end
        return None

    def _named_org(self, common: str) -> str | None:
        """The one organisation of the article whose name ends with ``common`` ("department")."""
        names = {e.text for e in self.orgs if e.text.lower().split()[-1] == common}
        names = {re.sub(r"^(?:the|The)\s+", "", n) for n in names}
        return names.pop() if len(names) == 1 else None

    def _text(self, start: int, end: int) -> tuple[str, int, int]:
        return self.index.text[start:end], start, end

    def _add(self, mention: ReportMention) -> None:
        lemma = _lemma(mention.head)
        plain = mention.words <= {lemma, mention.head.lower_} | {w for w in mention.words if w in DOCUMENT_NOUNS}
        chosen = None
        for number in range(len(self.entities) - 1, -1, -1):
            entity = self.entities[number]
            if entity.lemma != lemma:
                continue
            # "the report", "That draft report", "the October draft report": back to the last one
            # whose words hold these; an indefinite phrase joins only an earlier one it repeats.
            same_author = mention.author is None or entity.author is None or \
                mention.author[0].lower() in entity.author[0].lower()
            if mention.words <= entity.words and same_author and (mention.definite or not plain):
                chosen = number
                break
        if chosen is None:
            name = mention.label
            if mention.author and not mention.start <= mention.author[1] < mention.end:
                name = f"{mention.author[0]} {name}"  # "a draft report from the inspector general"
            self.entities.append(ReportEntity(name, lemma, set(mention.words), mention.author))
            chosen = len(self.entities) - 1
        entity = self.entities[chosen]
        entity.words |= mention.words
        if entity.author is None and mention.author is not None:
            entity.author = mention.author
        mention.entity = chosen
        self.mentions[mention.head.i] = mention

    def _author_ref(self, text: str, start: int, end: int) -> EntityRef:
        """A named author is the article's entity (a person stays a Person); others are minted."""
        named = _entity_named(self.index, self.doc, start, end)
        return named or self.index.mint("Organization", text, self.index.span_of(start, end))

    # -- lookups --------------------------------------------------------------------------
    def mention_of(self, token: Token) -> ReportMention | None:
        """The report phrase a document noun (or "the report's findings") belongs to."""
        owner = _owner(token)
        return self.mentions.get(owner.i) if owner is not None else None

    def ref(self, mention: ReportMention) -> tuple[EntityRef, list[tuple[str, object]]]:
        """The Report entity (minted in the index) and its author qualifier."""
        entity = self.entities[mention.entity]
        span = self.index.span_of(mention.start, mention.end)
        # a report with no author is this article's own: "the draft report" of one article is
        # not that of another
        key = f"{entity.name} {self.index.doc_id}" if entity.author is None else None
        report = self.index.mint("Report", entity.name, span, key=key)
        quals: list[tuple[str, object]] = []
        author = mention.author or entity.author
        if author is not None:
            quals.append(("author", self._author_ref(*author)))
        return report, quals


def _name_words(head: Token) -> list[Token]:
    """An author's words: its modifiers and "of"/"for" phrases, not an apposition or a clause
    ("Lily Batchelder, a former tax aide now teaching at …" is Lily Batchelder)."""
    words = [t for t in head.lefts for t in t.subtree]
    words.append(head)
    for child in head.rights:
        if child.dep_ in ("compound", "prep", "pobj", "cc", "conj", "flat", "nmod") and not child.is_punct:
            words.extend(_name_words(child))
    return words


def _entity_named(index: EntityIndex, doc: Doc, start: int, end: int) -> EntityRef | None:
    """The article's entity when a phrase is exactly one of its names ("Lily Batchelder")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    cluster = index.cluster_at(span[0]) if span is not None and len(span) else None
    if cluster is None or not all(index.cluster_at(t) is cluster for t in span if not t.is_punct):
        return None
    return index.ref_for(cluster, index.span_of(start, end))


def _lemma(token: Token) -> str:
    low = token.lower_
    return {"polls": "poll", "surveys": "survey", "reports": "report", "studies": "study", "datum": "data",
            "memos": "memo", "letters": "letter"}.get(low, token.lemma_.lower() if low not in DOCUMENT_NOUNS else low)


def _document_words(doc: Doc, start: int, end: int) -> list[int]:
    """Positions in ``[start, end)`` of the words :func:`_is_document_noun` may accept (its word
    test, read off the token table, so the other words cost no Token)."""
    table = token_table(doc)
    lower, lemma = table.lower, table.lemma
    return [i for i in range(start, end) if lower[i] in DOCUMENT_NOUNS or lemma[i] in DOCUMENT_NOUNS]


def _is_document_noun(token: Token) -> bool:
    words = (token.lower_, token.lemma_.lower())
    if token.pos_ == "VERB" and token.dep_ in ("compound", "nsubj"):
        return token.lower_ in DOCUMENT_NOUNS  # "Commission records/VERB show": a mis-tagged noun
    return token.pos_ in ("NOUN", "PROPN") and any(w in DOCUMENT_NOUNS for w in words)


def _is_modifier(token: Token) -> bool:
    """"poll" in "poll results" is part of a bigger name; the phrase's head is the mention."""
    return token.dep_ in ("compound", "nmod", "amod") and token.head.pos_ in ("NOUN", "PROPN") and \
        _is_document_noun(token.head)


def _owner(token: Token) -> Token | None:
    """The document noun a source word stands for: itself, or the report of "the report's findings",
    "results of exit polls", "an average of recent polls"."""
    if token.lower_ in CONTENT_OF or token.lemma_.lower() in CONTENT_OF:
        for child in token.children:
            if child.dep_ == "poss" and _is_document_noun(child):
                return child
            if child.dep_ == "prep" and child.lower_ == "of":
                pobj = next((c for c in child.children if c.dep_ == "pobj" and _is_document_noun(c)), None)
                if pobj is not None:
                    return pobj
    return token if _is_document_noun(token) else None


# -- content spans -----------------------------------------------------------------------------
def _bounds(tokens: Iterable[Token]) -> tuple[int, int] | None:
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and (tokens[0].is_punct or (tokens[0].dep_ == "mark" and tokens[0].lower_ == "that")
                      or tokens[0].dep_ == "cc"):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _after_verb(verb: Token) -> tuple[int, int] | None:
    """What a finding verb found: from its first content child to the end of its phrase.

    For a predicate verb ("the report directly implicated Trump in …") the verb and its
    adverbs belong to the finding: "Trump" alone is not what was found.
    """
    content = [c for c in verb.rights if c.dep_ in CONTENT_DEPS]
    if not content:
        return None
    first = content[0].left_edge.i
    if verb.lemma_.lower() in PREDICATE_VERBS:
        first = min([verb.i] + [c.left_edge.i for c in verb.lefts if c.dep_ in ("advmod", "neg", "aux")])
    return _bounds(t for t in verb.doc[first:verb.right_edge.i + 1])


def _without(tokens: Iterable[Token], cut: Token) -> list[Token]:
    """The tokens of a clause around a phrase, keeping the side that holds the clause's verb."""
    removed = {t.i for t in cut.subtree}
    kept = [t for t in tokens if t.i not in removed]
    before = [t for t in kept if t.i < cut.i]
    after = [t for t in kept if t.i > cut.i]
    if not before or all(t.is_punct for t in before):
        return after
    if not after or all(t.is_punct for t in after):
        return before
    return kept


def _clause(token: Token) -> Token:
    """The verb of the clause a phrase is attached to."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


# -- rules -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Found:
    """A candidate finding: the document noun, the cue and the content bounds."""

    source: Token
    cue: tuple[int, int]
    content: tuple[int, int]
    confidence: float
    min_words: int = 2  # fewer words is a scrap ("fraud", a link); "That's according to …" names one


def _line_break_before(token: Token, end: int) -> bool:
    """Is there a line break from ``token`` up to character ``end``? (Walks the tokens between:
    ``doc.text.find`` would rebuild the whole Doc's text on every call.)"""
    doc = token.doc
    for tok in doc[token.i:]:
        if tok.idx >= end:
            return False
        at = tok.text_with_ws.find("\n")
        if at >= 0:
            return tok.idx + at < end
    return False


def _subject_rule(sent: Span) -> Iterator[Found]:
    doc, dep = sent.doc, token_table(sent.doc).dep
    for noun in (doc[i] for i in range(sent.start, sent.end) if dep[i] in SUBJECT_DEPS):
        if noun.dep_ not in SUBJECT_DEPS or _owner(noun) is None:
            continue
        verb = noun.head
        if any(c.dep_ == "neg" for c in verb.children):
            continue
        if verb.lemma_.lower() in CLAUSE_VERBS:
            clause = next((c for c in verb.rights if c.dep_ in ("ccomp", "xcomp", "oprd")), None)
            bounds = _bounds(clause.subtree) if clause is not None else None
            obj = next((c for c in verb.rights if c.dep_ == "dobj"), None)
            if bounds is None and obj is not None and any(
                    c.i > obj.i and c.dep_ in ("prep", "advmod", "acomp") for c in verb.rights):
                # "a CNN-ORC survey had him at 4 percent", "polls put Trump ahead"
                bounds = _bounds(verb.doc[obj.left_edge.i:verb.right_edge.i + 1])
            if bounds is not None:
                yield Found(noun, (verb.idx, verb.idx + len(verb.text)), bounds, 0.7)
            continue
        if verb.lemma_.lower() not in FINDING_VERBS:
            continue
        cue = (verb.idx, verb.idx + len(verb.text))
        bounds = _after_verb(verb)
        if bounds is not None and _line_break_before(verb, bounds[0]):
            bounds = None
        if bounds is None or bounds[0] < noun.idx:
            # postposed / headline: "<finding>, new Justice Department report finds"
            before = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis", "advcl") and c.i < noun.i]
            if before:
                bounds = _bounds(before[0].subtree)
            elif verb.dep_ in ("ccomp", "parataxis") and verb.head.i < noun.i:
                # "<finding>, the study said" parsed with the finding as the root
                bounds = _bounds(t for t in verb.head.subtree if t.i < noun.left_edge.i)
            elif verb.dep_ in ("parataxis", "advcl", "ccomp") and verb.head.i > verb.i:
                # parenthetical: "During the same stretch, F.A.A. records show, the Cessna has flown …"
                inner = {t.i for t in verb.subtree}
                bounds = _bounds(t for t in verb.head.subtree if t.i not in inner)
        if bounds is not None:
            yield Found(noun, cue, bounds, 0.85)


def _participle_rule(sent: Span) -> Iterator[Found]:
    """"a new poll showing X", "records, which showed X", "results that show X"."""
    for noun in (sent.doc[i] for i in _document_words(sent.doc, sent.start, sent.end)):
        if not _is_document_noun(noun):
            continue
        for verb in noun.children:
            if verb.dep_ in ("acl", "relcl") and verb.lemma_.lower() in FINDING_VERBS and verb.tag_ != "VBN":
                bounds = _after_verb(verb)
                if bounds is not None:
                    yield Found(noun, (verb.idx, verb.idx + len(verb.text)), bounds, 0.7)


def _passive_rule(sent: Span) -> Iterator[Found]:
    """Passive: "It was found in the audit that X", "X was documented in a 2019 report",
    "X, as shown by the FBI data"."""
    doc, table = sent.doc, token_table(sent.doc)
    for verb in (doc[i] for i in range(sent.start, sent.end)
                 if table.lemma[i] in FINDING_VERBS and table.tag[i] == "VBN"):
        if verb.lemma_.lower() not in FINDING_VERBS or verb.tag_ != "VBN":
            continue
        source = None
        for prep in verb.children:
            if prep.dep_ == "agent" or (prep.dep_ == "prep" and prep.lower_ == "in"):
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                source = pobj if pobj is not None and _owner(pobj) is not None else source
        if source is None:
            continue
        cue = (verb.idx, verb.idx + len(verb.text))
        clause = next((c for c in verb.rights if c.dep_ == "ccomp"), None)
        subject = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.pos_ != "PRON"), None)
        mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ == "as"), None)
        if clause is not None:
            bounds = _bounds(clause.subtree)
        elif subject is not None and any(c.dep_ == "auxpass" for c in verb.children):
            bounds = _bounds(subject.subtree)
        elif mark is not None and verb.dep_ == "advcl":
            inner = {t.i for t in verb.subtree}
            bounds = _bounds(t for t in verb.head.subtree if t.i not in inner)
        else:
            continue
        if bounds is not None:
            yield Found(source, cue, bounds, 0.75)


def _according_rule(sent: Span) -> Iterator[Found]:
    """"according to a new poll, X" and "X, according to the report"."""
    doc, lower = sent.doc, token_table(sent.doc).lower
    for word in (doc[i] for i in range(sent.start, sent.end) if lower[i] == "according"):
        if word.lower_ != "according":
            continue
        to = next((c for c in word.children if c.lower_ == "to"), None)
        source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if source is None or _owner(source) is None:
            continue
        head = _clause(word.head) if word.head.i != word.i else word
        clause = list(head.subtree) if head.i != word.i else list(sent)
        if word.i == sent.start or (word.i == sent.start + 1 and sent[0].is_punct):
            clause = [t for t in sent if t.i > word.right_edge.i]
        elif head.i < word.i and word.head.i != word.i:
            clause = [t for t in sent if t.i < word.i]
        else:
            clause = _without(clause, word)
        bounds = _bounds(clause)
        if bounds is not None:
            yield Found(source, (word.idx, to.idx + len(to.text)), bounds, 0.8, min_words=1)


def _in_poll_rule(sent: Span) -> Iterator[Found]:
    """"In a CNN poll released Monday, 50 percent chose Clinton"; "Trump leads in the polls"."""
    doc, table = sent.doc, token_table(sent.doc)
    for prep in (doc[i] for i in range(sent.start, sent.end) if table.dep[i] == "prep" and table.lower[i] == "in"):
        if prep.dep_ != "prep" or prep.lower_ != "in":
            continue
        source = next((c for c in prep.children if c.dep_ == "pobj"), None)
        owner = _owner(source) if source is not None else None
        if owner is None or _lemma(owner) not in POLL_NOUNS:
            continue  # "in the RealClearPolitics average of recent polls" counts, "in the report" not
        head = _clause(prep.head)
        if head.i == prep.i or head.dep_ not in MAIN_CLAUSE_DEPS or \
                any(c.dep_ in SUBJECT_DEPS and _owner(c) is not None for c in head.children):
            continue
        content = [t for t in _without(list(head.subtree), prep) if not t.is_punct]
        if not any(t.dep_ in SUBJECT_DEPS for t in content) or len(content) < 4:
            continue  # "who leads in the polls", "he rose in the polls": no finding of the poll
        bounds = _bounds(content)
        if bounds is not None:
            yield Found(source, (prep.idx, prep.idx + len(prep.text)), bounds, 0.6)


def _label_rule(doc: Doc, text: str) -> Iterator[Found]:
    """"Poll: X" (a headline label) and "From the report: “…”" up to the end of the paragraph."""
    for match in re.finditer(r"(?m)^(?:(?:More )?[Ff]rom )?([^\n:]{1,40}):[ \t]*(\S[^\n]*)", text):
        label = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
        if label is None or not len(label):
            continue
        nouns = [t for t in label if _is_document_noun(t)]
        if not nouns or nouns[-1].i != label[-1].i or _lemma(nouns[-1]) in NEWSLETTER_NOUNS:
            continue  # "Monday's Morning Email:", "EMAIL:" head newsletters, not findings
        cue = (match.end(1), match.end(1) + 1)
        start, end = match.start(2), match.end(2)
        if match.string[start] not in "“\"":
            sent = doc.char_span(start, end, alignment_mode="expand")
            if sent is not None and len(sent):
                end = min(end, sent[0].sent.end_char) if sent[0].sent.start_char >= match.start(1) else end
        yield Found(nouns[-1], cue, (start, end), 0.6)


def _tail_rule(sent: Span) -> Iterator[Found]:
    """"<finding>, Federal Election Commission records show." when the parser misses the verb."""
    table = token_table(sent.doc)
    words = [i for i in range(sent.start, sent.end) if not table.punct[i]]  # positions: no Tokens made
    if len(words) < 4 or table.lemma[words[-1]] not in FINDING_VERBS:
        return
    verb = sent.doc[words[-1]]
    comma = next((t for t in reversed(sent[:verb.i - sent.start]) if t.text == ","), None)
    if comma is None:
        return
    nouns = [t for t in sent.doc[comma.i + 1:verb.i] if _is_document_noun(t)]
    if nouns and comma.i > sent.start + 2:
        yield Found(nouns[-1], (verb.idx, verb.idx + len(verb.text)), (sent.start_char, comma.idx), 0.6)


def _surface_rule(sent: Span) -> Iterator[Found]:
    """"FEC records from the 2008 cycle show he backed …" when the tagger reads "show" as a noun
    (or "records" as a verb): a finding verb form right after a document's noun phrase."""
    doc, lower = sent.doc, token_table(sent.doc).lower
    for verb in (doc[i] for i in range(sent.start, sent.end) if lower[i] in SURFACE_FORMS):
        if verb.lower_ not in SURFACE_FORMS or verb.i == sent.start:
            continue
        noun = None
        for word in reversed(sent[:verb.i - sent.start]):
            if word.lower_ in DOCUMENT_NOUNS:
                noun = word
                break
            if word.pos_ not in PHRASE_POS and word.tag_ != "VBN":
                break
        if noun is None or (noun.i == verb.i - 1 and noun.pos_ in ("NOUN", "PROPN") and verb.pos_ == "VERB"):
            continue  # a well-tagged "records show": the subject rule reads it
        after = [t for t in sent if t.i > verb.i]
        if after and not all(t.is_punct for t in after):
            bounds = _bounds(after)
        else:
            comma = next((t for t in reversed(sent[:noun.left_edge.i - sent.start]) if t.text == ","), None)
            bounds = _bounds(t for t in sent if comma is not None and t.i < comma.i)
        if bounds is not None:
            yield Found(noun, (verb.idx, verb.idx + len(verb.text)), bounds, 0.55)


def _candidates(doc: Doc, sentences: Iterable[Span], text: str) -> Iterator[Found]:
    yield from _label_rule(doc, text)
    for sent in sentences:
        yield from _subject_rule(sent)
        yield from _participle_rule(sent)
        yield from _passive_rule(sent)
        yield from _according_rule(sent)
        yield from _in_poll_rule(sent)
        yield from _tail_rule(sent)
        yield from _surface_rule(sent)


def _date(doc: Doc, found: Found) -> str | None:
    """The date a finding was made when its sentence states it outside the finding
    ("In October 2020, a draft report …", "a poll released Monday")."""
    sent = found.source.sent
    for ent in sent.ents:
        if ent.label_ != "DATE" or not any(ch.isdigit() for ch in ent.text) and not re.search(
                r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|monday|tuesday|wednesday|thursday|"
                r"friday|saturday|sunday)", ent.text):
            continue
        if found.content[0] <= ent.start_char < found.content[1]:
            continue
        return re.sub(r"^(?:the|The)\s+", "", ent.text)
    return None


def _denied(noun: Token) -> bool:
    """"no data", "no poll": a document said not to exist finds nothing."""
    return any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)


def _within_paragraph(text: str, found: Found) -> tuple[int, int]:
    """The finding cut to the paragraph of its cue: a headline without a full stop is parsed
    into one sentence with the next paragraph, whose words are not the headline's finding."""
    start, end = found.content
    cue = found.cue[0]
    para_start = text.rfind("\n", 0, cue) + 1
    para_end = text.find("\n", cue)
    para_end = len(text) if para_end < 0 else para_end
    return max(start, para_start), min(end, para_end)


def extract(doc: Doc, index: EntityIndex, resolver: ReportResolver | None = None) -> Iterator[Triple]:
    """FOUND triples, one per finding, in order of appearance."""
    resolver = resolver or ReportResolver(doc, index)
    text = index.text  # Doc.text rebuilds the string on every call
    seen: list[tuple[int, int, int]] = []  # (start, end, source token) of findings made
    used: set[int] = set()
    made: list[Triple] = []
    # surer rules first: a document that is the subject of "show" owns its clause even inside a
    # sentence that is "according to" another one
    for found in sorted(_candidates(doc, index.sentences, text), key=lambda f: (-f.confidence, f.content[0])):
        start, end = _within_paragraph(text, found)
        while start < end and text[start] in STRIP:
            start += 1
        while end > start and text[end - 1] in TRAIL:
            end -= 1
        mention = resolver.mention_of(found.source)
        # "fraud", "BUSTED", a link: a scrap, not a finding; "no data show …": no document
        if mention is None or len(WORD.findall(text[start:end])) < found.min_words or _denied(mention.head):
            continue
        # two rules reading one finding make it once (the surer one)
        if any(s < end and start < e for s, e, _ in seen):
            continue
        seen.append((start, end, mention.head.i))
        report, quals = resolver.ref(mention)
        date = _date(doc, found)
        if date:
            quals.append(("date", date))
        sent = found.source.sent
        made.append(Triple(
            relation="FOUND",
            subject=report,
            object=TripleObject(span=index.span_of(start, end)),
            evidence=Evidence(index.doc_id, index.span_of(sent.start_char, sent.end_char), EXTRACTOR,
                              found.confidence),
            cue=index.span_of(*found.cue),
            qualifiers=tuple(quals),
        ))
        used.add(mention.entity)
    # every phrase naming a report that found something is a mention of it ("the October draft report")
    for mention in resolver.mentions.values():
        if mention.entity in used:
            resolver.ref(mention)
    yield from sorted(made, key=lambda t: t.object.span.start)


def link_reports(triples: list[Triple], doc: Doc, index: EntityIndex, resolver: ReportResolver | None = None
                 ) -> list[Triple]:
    """A person's statement made in a document ("Hamilton said in the report") keeps its
    speaker and gains ("in_report", the Report) — the same Report the FOUND triples name."""
    resolver = resolver or ReportResolver(doc, index)
    out: list[Triple] = []
    for triple in triples:
        if triple.relation == "SAID" and triple.cue is not None and triple.qualifier("in_report") is None:
            verb = _token_at(doc, triple.cue.start)
            mention = _report_of_statement(verb, resolver) if verb is not None else None
            if mention is not None:
                report, _ = resolver.ref(mention)
                triple = replace(triple, qualifiers=triple.qualifiers + (("in_report", report),))
        out.append(triple)
    cues = {t.cue.start for t in out if t.relation == "SAID" and t.cue is not None}
    out.extend(_statements_in_reports(doc, index, resolver, cues))
    return out


def _statements_in_reports(doc: Doc, index: EntityIndex, resolver: ReportResolver, cues: set[int]
                           ) -> Iterator[Triple]:
    """"Hamilton wrote in the report that the policy …": the parser hangs the that-clause on
    "report" ("the report that …"), so no speech rule sees it; the statement is the person's."""
    lemma = token_table(doc).lemma
    for verb in (doc[i] for i in range(len(doc)) if lemma[i] in SPEECH_VERBS):
        if verb.lemma_.lower() not in SPEECH_VERBS or verb.idx in cues:
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        cluster = index.cluster_at(subject) if subject is not None else None
        if cluster is None or cluster.type != "Person":
            continue
        mention = _report_of_statement(verb, resolver)
        clause = next((c for c in mention.head.children if c.dep_ in ("acl", "relcl", "ccomp")
                       and c.left_edge.lower_ == "that" and c.left_edge.dep_ == "mark"), None) if mention else None
        bounds = _bounds(clause.subtree) if clause is not None else None
        if mention is None or bounds is None:
            continue
        names = [t for t in subject.subtree if index.cluster_at(t) is cluster]
        speaker = index.ref_for(cluster, index.span_of(names[0].idx, names[-1].idx + len(names[-1].text)))
        report, _ = resolver.ref(mention)
        sent = verb.sent
        yield Triple(
            relation="SAID",
            subject=speaker,
            object=TripleObject(span=index.span_of(*bounds), parts=(index.span_of(*bounds),)),
            evidence=Evidence(index.doc_id, index.span_of(sent.start_char, sent.end_char), EXTRACTOR, 0.7),
            cue=index.span_of(verb.idx, verb.idx + len(verb.text)),
            qualifiers=(("mode", "indirect"), ("kind", "speech"), ("in_report", report)),
        )


def _report_of_statement(verb: Token, resolver: ReportResolver) -> ReportMention | None:
    """"said in the report", "wrote in a memo": the document the statement was made in."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None and _is_document_noun(pobj):
                return resolver.mention_of(pobj)
    return None


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None
