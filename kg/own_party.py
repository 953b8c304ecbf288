"""A person's own party: "Ann Lee broke with her own party" is the party the text ties Lee to.

"his party", "her own party", "their party" (a possessive pronoun and "party", "own" the only
modifier) is a mention of a party's Organization node when:

- the pronoun's person is the subject of its clause: a name ("Lee ... her party"), a description
  kg has linked to one person ("The Republican senator ... her party"), or a he/she that
  :meth:`EntityIndex.previous_subject` resolves; the person's gender (an honorific, a given
  name) must be the pronoun's — an unknown gender links nothing;
- the text ties that person to exactly one party (a role of that party, the party word before
  the name, "(R-Ohio)" after it: what :mod:`kg.descriptions` reads as evidence), and the article
  names that party, one Organization node.

Never a past or other party ("his onetime party", "her former party", "the party she left"), a
pronoun whose clause has no subject kg knows, nor one inside quotation marks ("my party",
"your party": whose, the speaker's words do not say here).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from spacy.tokens import Doc, Token

from kg.entities import Cluster, EntityIndex, in_quotation
from kg.model import Span
from kg.token_table import token_table

GENDERS = {"his": "m", "her": "f"}
SUBJECTS = {"he": "m", "she": "f"}


def own_parties(doc: Doc, index: EntityIndex, parties: Mapping[str, set[str]],
                party_nodes: Iterable[Cluster], person: Callable[[Token], Cluster | None],
                described: Mapping[int, str], party_of: Callable[[str], str | None]) -> list[tuple[Span, str]]:
    """(span of "her own party", the party's node id) for every such phrase the text resolves.

    ``parties``: person id → the parties the text ties that person to; ``party_nodes``: the
    article's party Organization clusters; ``described``: the start of a description kg linked →
    its entity id; ``party_of`` folds a party word ("GOP" → republican)."""
    by_party: dict[str, list[str]] = {}
    for cluster in party_nodes:
        if (folded := party_of(cluster.name)) is not None:
            by_party.setdefault(folded, []).append(cluster.id)
    if not by_party:
        return []
    out: list[tuple[Span, str]] = []
    table = token_table(doc)  # a Token is made only for the word "party"
    for token in (doc[i] for i, low in enumerate(table.lower) if low == "party" and table.tag[i] == "NN"):
        left = list(doc[token.left_edge.i:token.i])
        if not left or left[0].lower_ not in GENDERS or left[0].dep_ != "poss" \
                or any(t.lower_ != "own" for t in left[1:]):
            continue
        pid = possessor(left[0], index, person, described)
        if pid is None or len(held := parties.get(pid, set())) != 1:
            continue
        nodes = by_party.get(next(iter(held)), [])
        if len(nodes) == 1:
            out.append((Span.of(index.text, left[0].idx, token.idx + len(token.text)), nodes[0]))
    return out


def possessor(pronoun: Token, index: EntityIndex, person: Callable[[Token], Cluster | None],
              described: Mapping[int, str], *, beyond_own: bool = False) -> str | None:
    """The person a his/her stands for: the subject of the nearest clause above it, of its gender.
    With ``beyond_own``, a clause whose subject is the pronoun's own phrase is passed over ("Ann
    Lee said her mother had paid": Lee, the subject of "said", not "her mother" of "paid")."""
    gender = GENDERS[pronoun.lower_]
    if in_quotation(pronoun, index.text):
        return None
    own = pronoun.head.i if beyond_own else -1

    def subject_of(verb: Token) -> Token | None:
        return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != own), None)

    verb = pronoun.head
    while verb.dep_ not in ("ROOT",) and subject_of(verb) is None:
        verb = verb.head
    subject = subject_of(verb)
    if subject is None or subject.i > pronoun.i and subject.lower_ in SUBJECTS:
        return None
    pid: str | None = None
    if subject.lower_ in SUBJECTS:
        if SUBJECTS[subject.lower_] != gender:
            return None
        ref = index.previous_subject(subject.idx, gender=gender)
        pid = ref.id if ref is not None else None
    elif (cluster := person(subject)) is not None:
        pid = cluster.id
    else:
        first = subject.left_edge.idx
        pid = described.get(first)
    if pid is None or index.gender_of(pid) != gender:
        return None
    if _rival_above(verb, pid, gender, index, person):
        return None  # "Ruiz responded to reports that Lee planned to endorse his opponent": whose?
    return pid


def _rival_above(verb: Token, pid: str, gender: str, index: EntityIndex,
                 person: Callable[[Token], Cluster | None]) -> bool:
    """Is another named person of the pronoun's gender the subject of a clause above the one that
    gave it its person? Then the his/her could be either's: say nothing."""
    while verb.dep_ != "ROOT":
        verb = verb.head
        for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
            other = person(subject)
            if other is not None and other.id != pid and index.gender_of(other.id) == gender:
                return True
    return False
