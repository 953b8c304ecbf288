"""A candidate's rival: "her primary rival" is the one other candidate of her contest the article names.

"his rival", "her chief opponent", "her primary rival", "his Republican challenger" (a possessive
pronoun, a few words that only say which contest or how close, and a rival noun) is a mention
of a person when:

- the pronoun's person is resolved as for one's own party (:func:`kg.own_party.possessor`: the
  clause's subject, of the pronoun's gender) and is a candidate (a role of the candidacy class,
  ``role_classes.txt``: "candidate", "nominee", "front-runner");
- exactly one other candidate of that contest is named in the article before the end of the
  sentence: of the same party for a primary ("primary", "nomination", the person's own party
  word), of another party for a general election ("general election", another party word),
  else any candidate at all — so an article that names three candidates links no bare "her
  rival", and a party the text leaves unsaid for either person links no primary rival.

Never a past rival ("his former rival", "his onetime opponent": which race, the words do not
say), a word this module does not know among the modifiers, nor a pronoun in quotation marks.
A mention only: "her rival" is no name of anyone's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from spacy.tokens import Doc, Token

from kg.entities import Cluster, EntityIndex
from kg.model import Span
from kg.own_party import GENDERS, possessor
from kg.token_table import token_table

RIVAL_NOUNS = {"rival", "opponent", "challenger"}
CLOSENESS = {"chief", "main", "top", "closest", "nearest", "leading", "biggest", "principal", "likely", "presumptive",
             "remaining", "last"}
PRIMARY = {"primary", "nomination"}
GENERAL = {"general", "election", "november"}


def rivals(doc: Doc, index: EntityIndex, candidates: Iterable[str], parties: Mapping[str, set[str]],
           person: Callable[[Token], Cluster | None], described: Mapping[int, str],
           party_of: Callable[[str], str | None], first: Mapping[str, int]) -> list[tuple[Span, str]]:
    """(span of "her primary rival", the rival's id) for every such phrase the text makes unique.

    ``candidates``: the people the article gives a candidacy; ``parties``: person id → the
    parties the text ties them to; ``first``: person id → the offset of their first mention."""
    pool = set(candidates)
    if len(pool) < 2:
        return []
    out: list[tuple[Span, str]] = []
    table = token_table(doc)  # a Token is made only for a rival noun
    for token in (doc[i] for i, lemma in enumerate(table.lemma) if lemma in RIVAL_NOUNS and table.tag[i] == "NN"):
        left = list(doc[token.left_edge.i:token.i])
        if not left or left[0].lower_ not in GENDERS or left[0].dep_ != "poss":
            continue
        words = [t.lower_ for t in left[1:] if t.text != "-"]
        said = {p for w in words if (p := party_of(w)) is not None}
        if any(w not in CLOSENESS | PRIMARY | GENERAL and party_of(w) is None for w in words):
            continue  # "his former rival", "her Senate rival": which race, this module does not know
        pid = possessor(left[0], index, person, described)
        if pid is None or pid not in pool:
            continue
        end = token.sent.end_char
        others = {c for c in pool - {pid} if first.get(c, end) < end}
        own = parties.get(pid, set())
        if PRIMARY & set(words) or said and said <= own:
            others = {c for c in others if len(own) == 1 and parties.get(c) == own} if not said - own else set()
        elif GENERAL & set(words) or said:
            others = {c for c in others if len(own) == 1 and parties.get(c) and not parties[c] & own
                      and (not said or parties[c] <= said)}
        if len(others) == 1:
            out.append((Span.of(index.text, left[0].idx, token.idx + len(token.text)), next(iter(others))))
    return out
