"""person → role: titles before a name and appositives after it.

Rules (after the guideline in shared/data/roles-dev/GUIDELINE.md):
- title before the name: "former Attorney General Jeff Sessions" → Attorney General (former);
- appositive: "Gene Hamilton, a top official" → top official.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from kg.entities import EntityIndex, strip_possessive
from kg.lexicons import load_words
from kg.model import Evidence, Triple, TripleObject, entity_id

EXTRACTOR = "roles.rules/1"
QUALIFIERS = {"former", "acting", "interim", "future", "then", "outgoing", "incoming"}
ABBREVIATIONS = {"sen": "Senator", "rep": "Representative", "gov": "Governor", "lt": "Lieutenant",
                 "gen": "General", "sec": "Secretary", "pres": "President", "atty": "Attorney",
                 "dr": "Doctor", "prof": "Professor", "col": "Colonel", "sgt": "Sergeant", "capt": "Captain",
                 "adm": "Admiral"}
TITLE_WORDS = load_words("titles")
ROLE_NOUNS = load_words("role_nouns")


def normalise_role(words: list[str]) -> str:
    """Role words with abbreviations expanded: ["Sen."] → "Senator"."""
    out = [ABBREVIATIONS.get(w.lower().rstrip("."), w) for w in words]
    return " ".join(out)


def _title_before(name_start: Token) -> tuple[list[Token], str | None]:
    """Title tokens directly before the name: capitalised title words and their qualifier."""
    tokens: list[Token] = []
    qualifier = None
    i = name_start.i - 1
    doc = name_start.doc
    while i >= 0:
        tok = doc[i]
        low = tok.lower_.rstrip(".")
        if low in QUALIFIERS:
            qualifier = low
            break
        if tok.ent_type_ == "PERSON" or tok.is_punct and tok.text != ".":
            break
        if low in TITLE_WORDS or (tok.is_title and tok.pos_ in ("PROPN", "NOUN") and tok.ent_type_ == ""
                                  and tokens and tok.lower_ in ROLE_NOUNS):
            tokens.insert(0, tok)
            i -= 1
            continue
        break
    # drop leading words that cannot start a role
    while tokens and tokens[0].lower_ in ("general",) and len(tokens) == 1:
        tokens = []
    return tokens, qualifier


def _appositive(head: Token) -> tuple[list[Token], str | None]:
    """'Gene Hamilton, a top official' → ([top, official], None)."""
    for child in head.children:
        if child.dep_ == "appos" and child.ent_type_ != "PERSON" and child.pos_ == "NOUN":
            words = [t for t in child.subtree if t.dep_ not in ("det", "punct") and t.i <= child.i]
            qualifier = next((t.lower_ for t in words if t.lower_ in QUALIFIERS), None)
            words = [t for t in words if t.lower_ not in QUALIFIERS and t.dep_ != "poss" and t.dep_ != "case"]
            if words:
                return words, qualifier
    return [], None


def extract(doc: Doc, index: EntityIndex) -> Iterator[Triple]:
    """HOLDS_ROLE triples for every person mention with a title or appositive."""
    for ent in doc.ents:
        first = ent[0]
        cluster = index.cluster_at(first)
        if cluster is None or cluster.type != "Person":
            continue
        # titles inside the entity span ("President Donald Trump" tagged as one PERSON)
        inner = [t for t in ent if t.lower_.rstrip(".") in TITLE_WORDS and t.i < ent.end - 1]
        before, qualifier = _title_before(first)
        words = before + [t for t in inner if t.i < ent.end - 1 and _is_leading_title(ent, t)]
        found = []
        if words:
            found.append((words, qualifier))
        appos, appos_q = _appositive(ent.root)
        if appos:
            found.append((appos, appos_q))
        sentence = ent.sent
        for tokens, qual in found:
            name = normalise_role([t.text for t in tokens])
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
            quals = (("qualifier", qual),) if qual else ()
            yield Triple(
                relation="HOLDS_ROLE",
                subject=index.ref_for(cluster, index.span_of(ent.start_char,
                                                             ent.start_char + len(strip_possessive(ent.text)))),
                object=TripleObject(id=entity_id("Role", name), name=name, type="Role",
                                    span=index.span_of(start, end)),
                evidence=Evidence(index.doc_id, index.span_of(sentence.start_char, sentence.end_char),
                                  EXTRACTOR, 0.8),
                qualifiers=quals,
            )


def _is_leading_title(ent, token: Token) -> bool:  # noqa: ANN001
    """A title word inside the entity, before any part of the name proper."""
    for t in ent:
        if t.i == token.i:
            return True
        if t.lower_.rstrip(".") not in TITLE_WORDS:
            return False
    return False
