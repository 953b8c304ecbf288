"""What the text says a named person is: "Ann Lee, a retired state senator from Ohio, ...".

An indefinite description ("a"/"an" + modifiers + a lowercase common noun, with its complements:
"a senator from Ohio", "a columnist for the Daily Ledger", "a farmer and former mayor"), or one
relative to someone ("his"/"her"/"their" + ...: "her chief rival, Tom Ashby"), that the text
sets on one named person is a mention of that person, so the graph and the statements that use
the words know who they are about. Where the text sets it (the first that holds):

- apposition, either side: "Ann Lee, a retired state senator, ..."; "a spokeswoman for the
  campaign, Ann Lee, said";
- "named"/"called": "a young lawyer named Ann Lee" (the words before "named");
- a predicate of "be"/"become"/"remain" whose subject is the person's name: "Lee is a retired
  state senator"; never under a negation ("Lee is not a senator"), a modal ("Lee would be a
  fine senator": what she might be, not what she is), or of two people ("Lee and Ruiz are ...").

Only the words of the noun phrase count: its modifiers, its prepositional complements and a noun
coordinated without its own article; never a clause after it ("who ...", "named ...") nor
punctuation at its end (a comma only inside a place: "from Austin, Texas"). Never words in
quotation marks ('a "loser"': someone else's word), a part of a hyphenated word ("a co-founder"
is read whole or not at all), a description that names the person itself, an appositive not right
after the name and a comma ("Ray, head of the Lee Institute, a think tank" is the institute's) or
one the sentence goes on from ("over Lee, a narrower win in the state would ..."), a possessive
one beside the subject ("Ann Lee, her seat on the line, won": hers, not her), nor before a
name a noun that is no person's ("a study by a sociologist, Ann Lee", "her book, ...").

Whether the words also become an alias of the person's node (another name a user sees and
``who-said --about`` finds): only a description the writer sets beside the name (apposition,
"named"), indefinite ("her rival" names no one but by another), with a modifier or complement
("real estate developer", not a bare "a lawyer" or "a Democrat"), no age or number ("a
74-year-old senator" dates), and no judging word ("a brilliant lawyer", ``EVALUATIVE``). A
predicate is a mention only: "Lee is a disgrace" is someone's judgement, never her name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from kg.entities import Cluster, entity_of
from kg.extractors.roles import EVALUATIVE, is_head
from kg.lexicons import load_words
from kg.model import Span
from kg.token_table import token_table

ARTICLES = ("a", "an")
PERSON_NOUNS = load_words("person_nouns")
TITLES = load_words("titles")  # "her rival, Sen. Ann Lee"
RELATION_NOUNS = {"rival", "opponent", "challenger", "ally", "predecessor", "successor", "mentor", "protege"}
POSSESSIVES = ("his", "her", "their")  # "her chief rival, Ann Lee": a description relative to someone
NAMING = ("named", "called")  # "a lawyer named Ann Lee"
COPULAS = ("be", "become", "remain")
MODALS = {"would", "could", "might", "may", "should", "must", "can", "will", "'d", "wo", "ca"}
COMPLEMENT_DEPS = ("prep",)  # "from Ohio", "for the Daily Ledger", "to the governor"
QUOTES = {'"', "“", "”", "''", "``", "‘", "’"}
RELATIVE = {"who", "whom", "whose", "which", "that", "where", "when"}  # a clause that says more of it
CLAUSE_DEPS = ("relcl", "acl", "appos", "advcl", "punct")  # never words of the noun phrase


@dataclass(frozen=True)
class SaidToBe:
    """An indefinite description the text sets on one person: where, whose, how, and whether its
    words may stand as another name of the person (an alias)."""

    span: Span
    entity_id: str
    how: str  # "apposition", "named", "predicate"
    alias: bool


def said_to_be(doc: Doc, text: str, person: Callable[[Token], Cluster | None]) -> list[SaidToBe]:
    """Every indefinite description of ``doc`` set on one named person (``person`` gives the
    Person cluster a word names, or None), in order of the text."""
    out: list[SaidToBe] = []
    table = token_table(doc)  # a Token is made only for a common noun tagged NN
    for token in (doc[i] for i, tag in enumerate(table.tag) if tag == "NN" and table.pos[i] == "NOUN"):
        if not _head(token):
            continue
        found = _whose(token, person)
        if found is None:
            continue
        cluster, how = found
        words = _words(token)
        if words is None or any((p := person(t)) is not None and p.id == cluster.id for t in words):
            continue  # "a rival of Lee's" is not Lee
        if any(t.text in QUOTES for t in words) or words[-1].i + 1 < len(doc) and doc[words[-1].i + 1].text in QUOTES:
            continue  # 'a "loser"': someone's word the writer quotes, not what the text says she is
        if how == "apposition" and token.dep_ == "appos" and not (_beside(words[0], cluster, person)
                                                                  and _closed(words[-1], token)):
            continue  # "Dean Ray, head of the Lee Institute, a think tank": the institute's
        if words[0].lower_ in POSSESSIVES and token.dep_ == "appos" and token.head.dep_ in ("nsubj", "nsubjpass"):
            continue  # "Ann Lee, her seat on the line, won": her own seat, not what she is
        span = Span.of(text, words[0].idx, words[-1].idx + len(words[-1].text))
        alias = how != "predicate" and words[0].lower_ in ARTICLES and _names(words, token)
        out.append(SaidToBe(span, cluster.id, how, alias))
    return out


def _head(token: Token) -> bool:
    """A lowercase singular common noun after "a"/"an" or a possessive pronoun, a whole word (not
    the "co" of "co-founder")."""
    doc = token.doc
    glued = not token.whitespace_ and token.i + 1 < len(doc) and doc[token.i + 1].text == "-"
    return token.pos_ == "NOUN" and token.tag_ == "NN" and token.text.islower() and not glued and any(
        c.dep_ == "det" and c.lower_ in ARTICLES or c.dep_ == "poss" and c.lower_ in POSSESSIVES
        for c in token.children if c.i < token.i)


def _whose(token: Token, person: Callable[[Token], Cluster | None]) -> tuple[Cluster, str] | None:
    """The person the text sets the description on, and how; None when it sets it on no one."""
    if token.dep_ == "appos" and (cluster := person(token.head)) is not None:
        return cluster, "apposition"  # "Ann Lee, a retired senator"
    after = next((c for c in token.children if c.dep_ == "appos" and c.i > token.i), None)
    if after is not None and (cluster := person(after)) is not None and _set_off(after) and _person_noun(token) \
            and _right_after(token, after):
        return cluster, "apposition"  # "a spokeswoman for the campaign, Ann Lee, said"
    if (cluster := _name_follows(token, person)) is not None:
        return cluster, "apposition"  # "her chief rival Ann Lee", "her rival, Sen. Ann Lee of Ohio."
    named = next((c for c in token.children if c.dep_ == "acl" and c.lower_ in NAMING), None)
    if named is not None:
        obj = next((c for c in named.children if c.dep_ in ("oprd", "dobj", "attr")), None)
        cluster = person(obj) if obj is not None else None
        return (cluster, "named") if cluster is not None else None
    verb = token.head
    if token.dep_ == "attr" and verb.lemma_.lower() in COPULAS and not any(
            c.dep_ == "neg" or c.dep_ == "aux" and c.lower_ in MODALS for c in verb.children):
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None and not any(c.dep_ == "conj" for c in subject.children):
            cluster = person(subject)
            return (cluster, "predicate") if cluster is not None else None
    return None


def _name_follows(token: Token, person: Callable[[Token], Cluster | None]) -> Cluster | None:
    """The person named right after a possessive description of a person noun, the parser's
    appositive or not: "her chief rival Ann Lee" (the noun a compound of the name), "her rival,
    Sen. Ann Lee of Ohio." (a comma, a title, the name and a place, then the end of the phrase;
    never an item of a list: "her rival, Ann Lee and ...")."""
    doc = token.doc
    if not any(c.dep_ == "poss" and c.lower_ in POSSESSIVES for c in token.children) or not _person_noun(token):
        return None
    k = token.i + 1
    comma = k < len(doc) and doc[k].text == ","
    k += comma
    if k < len(doc) and doc[k].ent_type_ != "PERSON" and doc[k].lower_.rstrip(".") in TITLES:
        k += 1
    name = entity_of(doc[k]) if k < len(doc) else None
    if name is None or name.start != k or name.label_ != "PERSON" or (cluster := person(doc[k])) is None:
        return None
    if not comma:  # the noun a compound of the name, or the name its appositive
        return cluster if token.dep_ == "compound" and name.start <= token.head.i < name.end or any(
            t.dep_ == "appos" and t.head.i == token.i for t in name) else None
    end = name.end
    if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].ent_type_ == "GPE":
        end = next((j for j in range(end + 1, len(doc)) if doc[j].ent_type_ != "GPE"), len(doc))
    if end < len(doc) and (doc[end].text not in (",", ".", ";") or doc[end].text == "," and end + 1 < len(doc)
                           and doc[end + 1].lower_ in ("and", "or")):
        return None
    return cluster


def _person_noun(token: Token) -> bool:
    """A noun that stands for a person: a role or job ("spokeswoman"), a person noun ("husband",
    ``person_nouns.txt``) or one a person is to another ("rival"); never "a study", "a report"."""
    lemma = token.lemma_.lower()
    return is_head(token) or lemma in PERSON_NOUNS or lemma in RELATION_NOUNS


def _beside(first: Token, cluster: Cluster, person: Callable[[Token], Cluster | None]) -> bool:
    """Does the description start right after the person's name and a comma ("Ann Lee, a ...")?"""
    doc = first.doc
    if first.i < 2 or doc[first.i - 1].text != ",":
        return False
    before = person(doc[first.i - 2])
    return before is not None and before.id == cluster.id


def _closed(last: Token, head: Token) -> bool:
    """Does the appositive end where the words after it say it does: a punctuation mark, a
    relative word ("Ann Lee, a senator who ...") or "and" before another noun it is ("Ann Lee, a
    former aide and now the chair of ...")? Never a clause going on ("over Lee, a narrower win
    in the state she held would ...": the subject of what follows, not her), nor an item of a
    list the parser hung on it ("Lee, a tough line on crime and supporting the police")."""
    doc = last.doc
    if last.i + 1 >= len(doc) or doc[last.i + 1].is_punct or doc[last.i + 1].lower_ in RELATIVE:
        return True
    after = doc[last.i + 1]
    return after.dep_ == "cc" and after.head.i == head.i and any(
        c.dep_ == "conj" and c.pos_ == "NOUN" and c.i > after.i for c in head.children)


def _right_after(token: Token, name: Token) -> bool:
    """Does the appositive name follow the description's own words and one comma ("a spokeswoman
    for the campaign, Ann Lee"), no other words between, and none of them a noun of its own
    article ("a study by a sociologist, Ann Lee": hers, not the study's)?"""
    doc = token.doc
    first = min(t.i for t in name.subtree)
    subtree = {t.i for t in token.subtree}
    between = range(token.i + 1, first)
    return first > token.i + 1 and doc[first - 1].text == "," and all(k in subtree for k in between) \
        and not any(doc[k].dep_ == "det" and doc[k].lower_ in ARTICLES for k in between)


def _set_off(name: Token) -> bool:
    """Is the appositive name closed by a comma or the sentence's end ("..., Ann Lee, said")?"""
    last = max(t.i for t in name.subtree)
    doc = name.doc
    return last + 1 >= len(doc) or doc[last + 1].text in (",", ".", ";", "--", "—")


def _words(token: Token) -> list[Token] | None:
    """The words of the noun phrase headed by ``token``, from its article to its last complement,
    contiguous in the text; None when its article is not its first word."""
    keep: set[int] = set()
    for child in token.children:
        if child.i < token.i:
            keep.update(t.i for t in child.subtree)
        elif child.dep_ in COMPLEMENT_DEPS or child.dep_ == "cc" or child.dep_ == "conj" and child.pos_ == "NOUN" \
                and not any(c.dep_ == "det" for c in child.children):
            keep.update(t.i for t in _phrase(child))
    keep.add(token.i)
    doc = token.doc
    first = min(keep)
    if doc[first].lower_ not in ARTICLES + POSSESSIVES:
        return None
    end = first
    while end + 1 in keep:
        end += 1
    if end != max(keep):
        return None  # words of it stand apart ("Irish - American" with the hyphen hung elsewhere): no clean span
    while end > token.i and (doc[end].is_punct or doc[end].dep_ in ("cc", "prep")):
        end -= 1  # "a senator from": no dangling word ends it
    if end < token.i:
        return None
    return list(doc[first:end + 1])


def _phrase(token: Token) -> list[Token]:
    """``token``'s subtree without the clauses hung inside it ("... newspaper, which ...")."""
    out = [token]
    for child in token.children:
        if child.dep_ in CLAUSE_DEPS and not _place_comma(child) and not _close_name(child) \
                and not (child.dep_ == "appos" and child.ent_type_ == token.ent_type_ == "GPE"):  # "Austin, Texas"
            continue
        out.extend(_phrase(child))
    return out


def _close_name(token: Token) -> bool:
    """A name in close apposition, no comma before it ("the newspaper Daily Ledger")."""
    first = min(t.i for t in token.subtree)
    return token.dep_ == "appos" and token.pos_ == "PROPN" and first > 0 and not token.doc[first - 1].is_punct


def _place_comma(token: Token) -> bool:
    """A comma inside a place's name ("Austin, Texas"): between two words of places."""
    doc = token.doc
    return token.text == "," and 0 < token.i < len(doc) - 1 and doc[token.i - 1].ent_type_ == "GPE" \
        and doc[token.i + 1].ent_type_ == "GPE"


def _names(words: list[Token], head: Token) -> bool:
    """May these words stand as another name of the person: a modifier or complement, no number
    or age, no judging word."""
    others = [t for t in words[1:] if t.i != head.i and not t.is_punct]
    return bool(others) and not any(t.like_num or any(c.isdigit() for c in t.text) or t.lower_ in EVALUATIVE
                                    for t in words)
