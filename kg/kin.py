"""Kin: "Eric Lamb said his father ..." is the one other Lamb of the article, a man.

Rules, in order:

- a kin noun after a possessive: "his father", "her own mother", "Eric Lamb's late brother" (a
  singular noun of ``kin_nouns.txt`` whose possessor is a his/her or a person's name, "own" or
  "late" the only other word before it) is a mention of a person when the possessor is resolved
  — a his/her as for one's own party (:func:`kg.own_party.possessor`: the subject of its clause,
  of its gender, past a clause whose subject is the kin phrase itself: "Eric Lamb said his father
  had paid" is Eric Lamb's father), a name the person it names — and has a surname (a name of
  two words or more), and the article names exactly one other person of that surname (a full
  name) of the kin noun's gender (an honorific, a given name: :meth:`EntityIndex.gender_of`).
  The mention is the kin noun alone ("father"): the pronoun or name before it is the
  possessor's own mention;
- the elder, the younger: "the elder Lamb", "the younger Lamb" (a surname exactly two people of
  the article share) is the one of them that a kin link above makes the elder (a father, mother
  or grandparent of the other) or the younger (a son, daughter or grandchild); no such link, or
  links both ways, and it is no one.

Never a plural kin noun ("his sons"), a kin noun in quotation marks (whose, the speaker's words
do not say here), a possessor kg has not resolved or one with no surname, a candidate who is the
possessor, none or two candidates of that surname and gender ("Jeb Lamb ... his father" with
George Lamb and George W. Lamb both named is no one), a person of unknown gender. A mention
only, never an alias: "father" names no one beyond its article; a speaker phrase of the whole
words ("his father said") is that person, as a description's is (:meth:`EntityIndex.describe`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from spacy.tokens import Doc, Token

from kg.entities import Cluster, EntityIndex, in_quotation, name_tokens, surname
from kg.lexicons import load_pairs
from kg.model import Span
from kg.own_party import GENDERS, possessor
from kg.token_table import token_table

KIN = {row[0]: (row[1], row[2]) for row in load_pairs("kin_nouns")}  # noun → (gender, elder/younger/-)
BESIDE = {"own", "late"}  # the only words a kin noun may have between its possessor and itself
AGES = {"elder": "elder", "older": "elder", "younger": "younger"}


def kin(doc: Doc, index: EntityIndex, people: Iterable[Cluster], person: Callable[[Token], Cluster | None],
        described: Mapping[int, str]) -> list[tuple[Span, Span, str]]:
    """(span of the kin noun or of "the elder Lamb", span of the whole phrase with its possessor,
    "his father", the relative's id) for every such phrase the text makes unique. ``people``: the
    article's Person clusters; ``described``: the start of a description kg linked → its entity
    id (a possessor that is "The senator")."""
    by_surname: dict[str, list[str]] = {}
    for cluster in people:
        words = name_tokens(cluster.name)
        if len(words) >= 2:
            # "George Lamb" and "George W. Lamb", one node: maybe two men of one family, counted twice
            times = 2 if len(_full_names(cluster)) > 1 else 1
            by_surname.setdefault(surname(words).lower(), []).extend([cluster.id] * times)
    if not by_surname:
        return []
    out: list[tuple[Span, Span, str]] = []
    links: list[tuple[str, str]] = []  # (elder, younger) the kin nouns make
    table = token_table(doc)  # a Token is made only for a singular kin noun
    for token in (doc[i] for i, low in enumerate(table.lower) if low in KIN and table.tag[i] == "NN"):
        found = _relative(token, index, by_surname, person, described)
        if found is None:
            continue
        owner, relative, start = found
        end = token.idx + len(token.text)
        out.append((Span.of(index.text, token.idx, end), Span.of(index.text, start, end), relative))
        age = KIN[token.lower_][1]
        if age == "elder":
            links.append((relative, owner))
        elif age == "younger":
            links.append((owner, relative))
    out.extend(_elder_younger(doc, index, by_surname, links))
    return out


def _relative(token: Token, index: EntityIndex, by_surname: Mapping[str, list[str]],
              person: Callable[[Token], Cluster | None], described: Mapping[int, str]) -> tuple[str, str, int] | None:
    """(possessor's id, relative's id, start of the possessor's words) for a kin noun the text ties
    to one relative, else None."""
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if owner is None or any(t.lower_ not in BESIDE and t.tag_ != "POS" for t in token.doc[owner.i + 1:token.i]) \
            or any(c.dep_ in ("conj", "cc") for c in token.children) or in_quotation(token, index.text):
        return None  # "his father and mother": two, not one
    if owner.lower_ in GENDERS:
        pid = possessor(owner, index, person, described, beyond_own=True)
    else:
        cluster = person(owner)
        pid = cluster.id if cluster is not None else None
    if pid is None or (cluster := index.cluster_by_id(pid)) is None or len(words := name_tokens(cluster.name)) < 2:
        return None
    gender = KIN[token.lower_][0]
    fits = [c for c in by_surname.get(surname(words).lower(), []) if c != pid and index.gender_of(c) == gender]
    return (pid, fits[0], owner.left_edge.idx) if len(fits) == 1 else None


def _elder_younger(doc: Doc, index: EntityIndex, by_surname: Mapping[str, list[str]],
                   links: list[tuple[str, str]]) -> list[tuple[Span, Span, str]]:
    """"the elder Lamb" → the one of the two Lambs a kin link makes the elder; "the younger Lamb"
    the other."""
    out: list[tuple[Span, Span, str]] = []
    table = token_table(doc)
    for token in (doc[i] for i, low in enumerate(table.lower) if low in AGES):
        if token.i == 0 or doc[token.i - 1].lower_ != "the" or token.i + 1 >= len(doc):
            continue
        name = doc[token.i + 1]
        pair = by_surname.get(name.text.lower(), [])
        if not name.text[:1].isupper() or len(pair) != 2 or in_quotation(token, index.text):
            continue
        ordered = {(e, y) for e, y in links if {e, y} == set(pair)}
        if len(ordered) != 1:
            continue
        elder, younger = next(iter(ordered))
        meant = elder if AGES[token.lower_] == "elder" else younger
        span = Span.of(index.text, doc[token.i - 1].idx, name.idx + len(name.text))
        out.append((span, span, meant))
    return out


def _full_names(cluster: Cluster) -> set[tuple[str, ...]]:
    """The distinct full names (two words or more) among a person's mentions: "George Lamb" and
    "George W. Lamb" are two, which the text may mean for two men of one family."""
    return {tuple(w.lower() for w in words) for m in cluster.mentions if len(words := name_tokens(m.text)) >= 2}
