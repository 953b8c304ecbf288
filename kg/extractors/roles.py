"""person → role: every title, office, job or function the article's words give a named person.

The role's organisation is an ``org`` qualifier (its words); when it names an Organization of the
article, an ``org_entity`` qualifier links the person to that node too (WORKS_FOR in the graph).
Short role names share one Role node (``kg/lexicons/role_synonyms.txt``: "CEO" is "chief
executive officer"); the triple's name and span keep the words as written.

Rules (after the guideline in shared/data/roles-dev/GUIDELINE.md, with the patterns of the
Stanford/Angeli "title" relation and textacy's appositive walker as sources):
- title before the name: "former Deputy Attorney General Rod Rosenstein", "Republican
  presidential nominee Donald Trump" (role "presidential nominee", org Republican), "FBI
  Director James Comey", "Russian President Vladimir Putin" (org Russia), two titles in a row
  ("vice-presidential nominee Gov. Mike Pence") and coordinated ones ("the actress and activist");
  never a lowercase role after an article before a name that opens a relative clause without
  "that" ("The federal judge Trump was referring to is ...": a preposition left without its
  object, a second finite verb with no subject, or a clause the parser hangs on the noun);
- a plural title shared by coordinated names: "Presidential candidates Hillary Clinton and Donald Trump",
  "Sens. Tom Carper and Chris Coons", "Presidents Obama and Bush" (the title inside the name);
- a plural role before a list of names opened by a dash, a colon, "including" or "such as":
  "the remaining presidential candidates - A, B and C", "GOP candidates, including front-runner A
  and Sen. B" (never a heading's label, "Historians: A, B ..."; a class word such as "officials"
  not to a name with a title of its own);
- appositive after the name: "Gene Hamilton, a top official", "Robby Mook, Clinton's campaign manager",
  also when the parser hung it on an earlier name or on the noun the name stands beside ("Joe
  Biden and his late son Beau Biden, the former attorney general": Beau's; the name before the
  comma owns it), an indefinite role opening the sentence ("A lawyer, Khan has ..."),
  coordinated ones even when the parser hangs the second on the first one's object ("a fellow at
  the Hoover Institution and a former ambassador to Russia"),
  and the appositive's own relative clause ("X, the real estate magnate who is the Republican
  nominee" → magnate and nominee);
- appositive before the name: "Clinton's running mate, Tim Kaine", "The Mexican president, Enrique Peña Nieto",
  also when the parser missed it, if the role is definite and the name closes the apposition
  ("her running mate, Senator Tim Kaine, said" → running mate and Senator; never "After meeting
  the governor, Tim Kaine left"); a plural role before a list goes to every name ("The
  candidates, A, B and C");
- copula and relative clause: "Aaron Kall is director of debate at ...", "Conway, who is Trump's
  campaign manager", "he is the anchor of ..." (pronoun subjects through the entity index; in a
  quotation only the one person its sentence names before it: a "he" there is whom the speaker
  talks about);
  with "will" (no other modal) a role to come, qualifier future ("will take over as head of X");
  never negated ("is not a lawyer"); two
  role nouns the parser hung on one another are two roles ("an economist and business
  professor"); never a rank among doers ("the first candidate to raise it") or a supposition
  ("if she is the nominee", "if he ran for governor");
- "as" + role: "Clinton tapped Kaine as her running mate" (never after a wish, a negation, a
  modal or an if: "If you don't want Cruz as the nominee"), "Bratton as commissioner", a phrasal
  verb of the subject ("took over as chief executive"), any other act of the subject with a role
  of the lexicon ("a remark Trump made as a businessman"; never with an object of its own,
  "treated him as a son", nor passive, "was seen as a front-runner");
- appointed: "Kim was elected mayor of Dayton", "Hale named Kim campaign manager";
- heading something: "Luis Rubio, who heads the Center ..." → head (org the Center ...);
  chairing it → chair;
- a seat on a body (``BODIES``): "who are both on the Judiciary Committee", "sits on the board of
  X" → member (org the body); a plural "who" clause on the last of two names is about both;
- the owner of a time in a role (``tenure_nouns.txt``): "Clinton's tenure as secretary of state",
  "her weakness as a candidate", "his candidacy for president" (candidate); a role head of the
  lexicon only, never a noun with an of-object ("Obama's nomination of Garland as justice");
  "his"/"her" only when gender makes the owner plain (confidence 0.7);
- gerund acts of the subject: "revived his career by running for mayor", "after serving as
  mayor", "having served as chief of staff" (never after a wish or a negation: "hopes to win by
  running for governor"; never through a "he"/"she" subject);
- a role noun named or completed by a name: "an entrepreneur named Jane Ruiz", "One lawyer on
  the case was Jane Ruiz" (a lexicon head, no rank or superlative, never "is no Ronald Reagan");
- a "who" clause inside a copula's role is its holder's, wherever the parser hung it ("was a
  litigator in a Houston law firm who had served as solicitor general");
- "X-turned-Y" before a name: Y, and X as former ("lawyer-turned-senator Jane Ruiz");
- roles in brackets after the name: "Mara Olsen (Acme Media chairman and CEO)", only when every
  word in them is a role or its organisation;
- running for an office: "Jane Ruiz is running for governor" → governor, qualifier candidate;
- definite description: "The former secretary of state said" (a modifier, a qualifier or an
  of-complement makes it specific) as a subject, or as an object or subordinate subject in a
  sentence that names no one, after a sentence whose main subject is a person, or that names
  exactly one person (looking back over one sentence that names no one; never after a "he"/"she"
  subject or a proper-noun subject kg did not take for a person, never to a person whose roles
  name another party, never "the average worker" or "the next president", never an outcome,
  "the losing candidate", never a role another person holds beside a name, never a standing
  office, ``standing_offices.txt``, "the former president", to a candidate the text does not
  give it beside the name: its holder may be someone never named); confidence 0.6, and
  no near-duplicate of a role of that head the person holds beside the name; "the GOP
  front-runner" → the one person named before who holds a role of the same class
  (``role_classes.txt``) of that party;
- description aliases (:func:`descriptions`): "the Ohio senator" after "Sen. Tom Ashby" → an alias
  of his node, when he is the only person named before it holding that head.
A role needs a head noun from ``kg/lexicons/role_nouns.txt`` or ``titles.txt``, or a lowercase
common noun shaped like a job (:func:`occupation_noun`: "neurosurgeon", "litigator",
"cardiologist") that ``not_role_nouns.txt`` does not stop (voters, rivals, kin, doers of one
deed, things); a person noun of belief in -ist before the head ("rape apologist coach") makes the
phrase a description, not a title; a definite description whose complement is indefinite ("the
organizer of a rally") is someone new and points back to no one. So a party or a
nationality alone ("Democrat Hillary Clinton"), kinship and opinions never become roles; "lady"
only as "first lady", "model" never as "role model"; "star" and "champion" only with their
field ("NBA star"). An age ("a 40-year-old litigator") is not part of a role. Colour words ("bombastic", "maverick",
``DROP_MODIFIERS``) are not part of a role. An of-complement that is a name or an acronym
("of the A.F.L.-C.I.O.") is the org, not part of the role.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache

from spacy.tokens import Doc, Span, Token

from kg.entities import (
    HONORIFICS,
    LESSER,
    TITLES_OR_HONORIFICS,
    Cluster,
    EntityIndex,
    entity_of,
    in_quotation,
    strip_possessive,
)
from kg.lexicons import load_pairs, load_words
from kg.model import EntityRef, Evidence, Triple, TripleObject, entity_id
from kg.token_table import token_table

EXTRACTOR = "roles.rules/2"
NAMED_CONFIDENCE = 0.8  # the role stands beside the name
PRONOUN_CONFIDENCE = 0.7  # the role's holder is a "his"/"her" that gender resolves
DESCRIPTION_CONFIDENCE = 0.6  # the role is a description that points back to a person named before
QUALIFIERS = {"former", "acting", "interim", "future", "then", "outgoing", "incoming", "retired", "ex"}
QUALIFIER_CANON = {"retired": "former", "ex": "former"}
ABBREVIATIONS = {"sen": "Senator", "rep": "Representative", "gov": "Governor", "lt": "Lieutenant",
                 "gen": "General", "sec": "Secretary", "pres": "President", "atty": "Attorney",
                 "dr": "Doctor", "prof": "Professor", "col": "Colonel", "sgt": "Sergeant", "capt": "Captain",
                 "adm": "Admiral", "del": "Delegate", "supt": "Superintendent", "cmdr": "Commander"}
# plural abbreviations before coordinated names ("Sens. Tom Carper and Chris Coons")
PLURAL_ABBREVIATIONS = {"sens": "sen", "reps": "rep", "govs": "gov", "drs": "dr", "gens": "gen"}
TITLE_WORDS = load_words("titles")
ROLE_NOUNS = load_words("role_nouns")
# words that are titles only in front of another title word ("Vice President", "Prime Minister")
NOT_HEADS = {"former", "acting", "interim", "vice", "prime", "miss", "press", "deputy"}
HEAD_WORDS = (ROLE_NOUNS | TITLE_WORDS | set(ABBREVIATIONS) | set(PLURAL_ABBREVIATIONS)) - NOT_HEADS
# the shape of a job noun outside the lexicon: "litigator", "cardiologist", "neurosurgeon"
NOT_ROLE_NOUNS = load_words("not_role_nouns")
THING_ISTS = {"assist", "insist", "resist", "persist", "consist", "exist", "checklist", "playlist", "shortlist",
              "wishlist", "twist", "tourist"}
AGENT_SUFFIXES = ("ist", "ian", "er", "or", "ant", "eer", "eur", "man", "woman", "person")
ROLE_NOUN_ENDINGS = tuple(sorted((n for n in ROLE_NOUNS if n.isalpha() and len(n) >= 5), key=len, reverse=True))
# modifiers that colour a role without being part of it ("his closest aides", "a novice politician")
DROP_MODIFIERS = {"closest", "close", "longtime", "long-time", "potential", "novice", "celebrity",
                  "billionaire", "current", "now", "famous", "prominent", "well-known", "veteran", "new",
                  "only", "other", "another", "same", "last", "real", "possible", "likely", "own",
                  "recognizable", "most", "many", "several", "such", "self", "very", "ranking", "remaining",
                  "viable",
                  # colour a description adds without changing the job ("the bombastic real estate magnate")
                  "bombastic", "flamboyant", "maverick", "outspoken", "controversial", "embattled", "beleaguered",
                  "colorful", "colourful", "firebrand", "legendary", "renowned", "influential", "powerful",
                  "wealthy", "rich", "young", "seasoned", "savvy", "popular", "respected", "leading", "star",
                  "notorious", "reclusive", "charismatic", "eccentric", "onetime", "one-time", "erstwhile"}
ORG_LABELS = {"ORG", "GPE", "NORP", "FAC", "LOC", "EVENT"}
HEAD_VERBS = {"head", "lead", "run", "chair", "direct"}  # "who heads the Center" → head
VERB_ROLES = {"chair": "chair"}  # "who's chairing the team" is its chair, not just its head
AS_VERBS = {"serve", "work", "act", "run", "join", "remain", "stay", "continue"}  # subject is the role holder
RUN_VERBS = {"run", "campaign"}  # "is running for governor": the office sought
COPULAS = {"be", "become", "remain"}
WISH_VERBS = {"want", "hope", "plan", "intend", "consider", "expect", "seek", "threaten", "wish",
              "decline", "refuse", "avoid", "deny", "stop", "quit", "think", "weigh", "mull", "contemplate",
              "explore", "debate", "rule"}  # their acts are not done ("thinking about running", "ruled out running")
# their inflections, for the model's lemma slips ("hopes" → "hop")
WISH_FORMS = {f for v in WISH_VERBS for f in (v + "s", v + "d" if v.endswith("e") else v + "ed",
                                               v[:-1] + "ing" if v.endswith("e") else v + "ing")}
SEAT_VERBS = {"be", "sit", "serve", "remain", "stay"}  # "is on the Judiciary Committee", "sits on the board"
BODIES = {"committee", "subcommittee", "board", "panel", "council", "commission", "cabinet", "caucus"}
# "was elected mayor", "named Kim campaign manager": the object predicate is the role
APPOINT_VERBS = {"name", "appoint", "elect", "reelect", "re-elect", "nominate", "choose", "pick", "make", "hire",
                 "select", "tap", "install", "confirm", "designate", "promote", "swear"}
# opinions, not roles: "a strong leader", "a great senator"
EVALUATIVE = {"strong", "great", "good", "bad", "terrible", "best", "better", "worst", "weak", "brilliant", "fine",
              "wonderful", "incompetent", "true", "fantastic", "horrible", "excellent", "tough", "smart", "lousy",
              "perfect", "successful", "failed", "nasty", "crooked", "dangerous", "poor", "greatest", "worse",
              "amazing", "incredible", "terrific", "tremendous", "outstanding", "exceptional", "extraordinary",
              "remarkable", "phenomenal", "awesome", "superb", "awful", "decent", "honest", "effective"}
# complements that are part of a title ("Secretary of State", "Speaker of the House"); other
# named complements are the organisation ("director of the VOA Eurasian division" → org)
TITLE_COMPLEMENTS = {"state", "house", "defense", "staff", "treasury", "justice", "commerce", "energy", "labor",
                     "agriculture", "education", "homeland security", "the house", "the economy", "the treasury",
                     "the interior", "interior", "the army", "the navy", "the joint chiefs", "health"}
BARE_NOT_ROLES = {"leader", "member", "head", "partner", "figure", "star", "employee"}
GENERIC_HEADS = BARE_NOT_ROLES | {"official", "officer", "staffer", "personality"}
# heads that are a role only with the field or organisation they are in before them
NEEDS_FIELD = {"star", "champion"}
# heads that are a role only with one of these words before them ("first lady", not "a lady of leisure")
ONLY_WITH = {"lady": {"first"}, "gentleman": {"first"}}
# heads that are no role with one of these words before them: "role model" is whom one admires
NOT_WITH = {"model": {"role"}}
# descriptions that rank or imagine rather than point back ("the first female president", "the next mayor")
NOT_REFERRING = {"first", "next", "last", "future", "potential", "possible", "hypothetical", "ideal", "perfect",
                 "female", "male", "woman", "black", "youngest", "oldest", "only", "average", "typical",
                 "ordinary"}
# an outcome of an event ("the losing candidate", "the defeated nominee"): its participant, not the last subject
OUTCOME_WORDS = {"losing", "defeated", "beaten", "vanquished", "winning", "victorious", "triumphant", "unsuccessful"}
NOT_REFERRING |= OUTCOME_WORDS
NO_ONE_IN_PARTICULAR = {"average", "typical", "ordinary", "next", "future", "hypothetical", "ideal", "potential",
                        "possible"} | OUTCOME_WORDS  # yet "the first lady" is someone
# offices named by the title alone for their holder: a description of one is the holder's the text names beside
# the name, never the last subject's (kg/lexicons/standing_offices.txt)
STANDING_OFFICES = load_words("standing_offices")
CONDITIONS = {"if", "unless", "whether"}
UNREAL_AUX = {"not", "n't", "never", "would", "could", "might", "'d"}  # "don't want X as", "would prefer X as"
FUTURE = {"will", "'ll", "’ll", "shall"}  # "will take over as head": a role to come, said as a fact
MODALS = {"would", "could", "might", "may", "will", "should", "can", "to", "'d", "must"}
PERSON_PRONOUNS = {"he", "she"}
POSSESSIVE_GENDER = {"his": "m", "her": "f"}
CANDIDACY_NOUNS = {"candidacy", "bid", "campaign", "run", "quest"}  # "his bid for governor"
TENURE_NOUNS = load_words("tenure_nouns")  # "her tenure as secretary of state": the owner held it
LOOK_BACK = 2  # sentences a definite description looks back over for its person
PARTIES = {"republican", "democratic", "libertarian", "green", "independent"}
PARTY_NAMES = {"gop": "republican", "democrat": "democratic", "dem": "democratic"}
# a role noun with one of these before it may head a relative clause the name after it opens
CLAUSE_ARTICLES = {"the", "a", "an", "this", "that"}
CLAUSE_OPENERS = {"that", "which", "who", "whom", "because", "when", "while", "if", "as", "after", "before"}
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
# where a definite description may stand: subject anywhere, object, object of a preposition
DESCRIPTION_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj"}


@cache
def role_synonyms() -> dict[str, str]:
    """Short or gendered role names to the one name their Role node takes ("CEO" → "chief executive officer")."""
    pairs = load_pairs("role_synonyms")
    return {short.strip().lower(): long.strip() for short, long in pairs}


def role_node_name(name: str) -> str:
    """The Role node a role name belongs to: "CEO" and "Chief Executive Officer" are one node."""
    return role_synonyms().get(name.lower(), name)


@cache
def demonyms() -> dict[str, str]:
    """Nationality adjectives to the place they name ("Russian" → "Russia"), from the lexicon."""
    pairs = load_pairs("demonyms")
    return {adj.strip().lower(): place.strip() for adj, place in pairs}


def normalise_role(words: list[str]) -> str:
    """Role words with abbreviations expanded: ["Sen."] → "Senator"."""
    out = [ABBREVIATIONS.get(_abbreviation(w), w) if w[:1].isupper() else w for w in words if w != "."]
    return " ".join(out).replace(" - ", "-").replace(" -", "-").replace("- ", "-")


def _abbreviation(word: str) -> str:
    """The singular abbreviation a title word may be ("Sens." → "sen"), else the word lowercased."""
    low = word.lower().rstrip(".")
    return PLURAL_ABBREVIATIONS.get(low, low)


def is_head(token: Token) -> bool:
    """Can this word be the head of a role ("manager", "Sen.", "President", "litigator")?"""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    low = token.lower_.rstrip(".")
    if low in HEAD_WORDS or token.lemma_.lower() in HEAD_WORDS:
        return True
    # a lowercase common noun only: capitalised "Baker" or "Walker" is a name
    return token.pos_ == "NOUN" and token.text.islower() and occupation_noun(token.lemma_.lower())


@lru_cache(maxsize=16_384)  # pure, and asked for the same nouns again and again
def occupation_noun(word: str) -> bool:
    """Does the word look like a person's job though the lexicon lacks it? Either a role noun of
    the lexicon closes a compound ("neurosurgeon", "newscaster") or it has the suffix of an
    agent noun ("litigator", "cardiologist", "statistician", "consultant", "auctioneer"), and it
    is not in ``not_role_nouns.txt`` (voters, rivals, kin, beliefs and things shaped the same)."""
    if word in NOT_ROLE_NOUNS or not word.isalpha() or len(word) < 6:
        return False
    if any(word.endswith(n) and len(word) - len(n) >= 3 for n in ROLE_NOUN_ENDINGS):
        return True
    return any(word.endswith(s) and len(word) > len(s) + 2 for s in AGENT_SUFFIXES)


@dataclass
class RolePhrase:
    """Role words found around a name, before they become a triple."""

    tokens: list[Token] = field(default_factory=list)
    qualifier: str | None = None
    org: str | None = None
    plural: bool = False
    named: str | None = None  # a role the words imply but do not name ("on the Judiciary Committee": member)
    coordinated: Token | None = None  # a role noun the parser hung on this one as a modifier ("economist and ...")

    def name(self) -> str:
        if self.named:
            return self.named
        words = sorted(self.tokens, key=lambda t: t.i)
        texts = [t.text for t in words]
        of = next((i for i, t in enumerate(words) if t.lower_ in ("of", "in", "to")), len(words))
        head = words[of - 1] if of else words[-1]
        if head.tag_ in ("NNS", "NNPS"):  # "one of his closest aides" → aide
            texts[of - 1] = singular(head)
        return normalise_role(texts)

    def valid(self) -> bool:
        if not self.tokens:
            return False
        words = sorted(self.tokens, key=lambda t: t.i)
        of = next((i for i, t in enumerate(words) if t.lower_ in ("of", "in", "to")), None)
        head = words[of - 1] if of else words[-1]
        if head.lemma_.lower() in NEEDS_FIELD and not self.org \
                and not any(t.pos_ in ("NOUN", "PROPN") for t in words if t.i < head.i):
            return False  # "NBA star", "boxing champion"; never "a rising star", "a lifelong champion"
        if any(t.lower_ in NOT_WITH.get(head.lemma_.lower(), ()) for t in words if t.i < head.i):
            return False  # "his role models Warren Buffett and Bill Gates"
        if any(_person_modifier(t) for t in words if t.i < head.i):
            return False  # "rape apologist coach": a person noun before the head describes the person, not the job
        return of != 0 and is_head(head)


def _person_modifier(token: Token) -> bool:
    """A lowercase person noun of belief or practice ("apologist", "activist") modifying a role
    head: the phrase says what the person is like or did, not which job they hold."""
    word = token.lemma_.lower()
    return token.pos_ in ("NOUN", "ADJ") and token.text.islower() and word.endswith("ist") and len(word) >= 6 \
        and word not in HEAD_WORDS and word not in THING_ISTS and not _hyphenated(token)  # "anti-terrorist"


def singular(token: Token) -> str:
    """A plural role head in the singular, keeping its case ("candidates" → "candidate")."""
    lemma = token.lemma_ if token.lemma_.lower() != token.lower_ else token.text.removesuffix("s")
    return lemma.capitalize() if token.text[:1].isupper() else lemma.lower()


def _org_text(token: Token) -> str:
    """The organisation or place a modifier names: the whole entity, demonyms as their place."""
    span: Span | Token = entity_of(token) or token
    text = strip_possessive(span.text)
    if text.lower().startswith("the "):
        text = text[4:]
    return demonyms().get(text.lower(), text)


def _qualifier(token: Token) -> str | None:
    low = token.lower_.rstrip("-")
    return QUALIFIER_CANON.get(low, low) if low in QUALIFIERS else None


# -- title before the name -----------------------------------------------------------
def _imagined(phrase: RolePhrase) -> bool:
    """Does "a"/"an" stand right before a title and a name ("a President Ann Lee", "an Ambassador
    Lee")? A titled name is one person; an indefinite one is someone imagined in that office."""
    words = [t for t in phrase.tokens if not t.is_space]
    if not words:
        return False
    first = min(words, key=lambda t: t.i)
    if first.i == 0:
        return False
    article = first.doc[first.i - 1]  # (a capital "A" may be a name's: "A Plus reporter Isaac Saul")
    return article.text in ("a", "an")


def _titles_before(name_start: Token, ent: Span) -> list[RolePhrase]:
    """Walk left from the name over title words: one RolePhrase per title in front of it."""
    doc = name_start.doc
    phrases: list[RolePhrase] = []
    current = RolePhrase()
    i = name_start.i - 1
    org_seen = False
    while i >= 0:
        tok = doc[i]
        low = tok.lower_.rstrip(".")
        in_name = ent.start <= i < ent.end
        if tok.is_space:
            pass  # non-breaking spaces between title and name are tokens of their own
        elif tok.text == ")" and not current.tokens:
            # "Vice President (then-Senator) Joseph R. Biden": a title in brackets, then the title
            opening = next((k for k in range(i - 1, max(-1, i - 6), -1) if doc[k].text == "("), None)
            if opening is None:
                break
            inner = RolePhrase(tokens=[t for t in doc[opening + 1:i] if t.is_alpha and not _qualifier(t)])
            inner.qualifier = next((_qualifier(t) for t in doc[opening + 1:i] if _qualifier(t)), None)
            if inner.valid():
                phrases.append(inner)
            i = opening - 1
            continue
        elif tok.text == "." and i > 0 and _abbreviation(doc[i - 1].lower_) in ABBREVIATIONS \
                and (current.tokens or is_head(doc[i - 1])):
            pass  # "Lt ." split by the tokenizer: the abbreviation comes next
        elif tok.text in ("-", "–") and i > 2 and doc[i - 1].lower_ == "turned" and doc[i - 2].text in ("-", "–") \
                and not tok.whitespace_:
            # "lawyer-turned-senator Jane Ruiz": the role after "turned" is hers now, the one before was
            if current.valid():
                phrases.append(current)
            current, org_seen = RolePhrase(qualifier="former"), False
            i -= 3
            continue
        elif tok.text in ("-", "–") and current.tokens and i > 0 and doc[i - 1].is_alpha \
                and not tok.whitespace_ and not doc[i - 1].whitespace_:
            current.tokens.append(tok)
        elif _qualifier(tok) or tok.lower_ in ("then-", "ex-"):
            current.qualifier = current.qualifier or _qualifier(tok) or QUALIFIER_CANON.get(low.rstrip("-"), "then")
        elif tok.lower_ in ("'s", "’s", "'") and i > 0 and current.tokens:
            if doc[i - 1].pos_ != "PRON":
                current.org = current.org or _org_text(doc[i - 1])
            break
        elif tok.lower_ == "and" and current.tokens and current.valid():
            phrases.append(current)
            current, org_seen = RolePhrase(), False
        elif low == "the" and i > 1 and doc[i - 1].lower_ == "of" and is_head(doc[i - 2]) and current.tokens:
            current.tokens.extend([tok, doc[i - 1]])
            i -= 2
            continue
        elif tok.is_punct or tok.pos_ in ("DET", "PRON", "ADP", "CCONJ", "VERB", "AUX", "NUM", "PART", "SCONJ"):
            break
        elif tok.ent_type_ == "PERSON" and not in_name:
            if not current.tokens:
                break
            current.org = current.org or _org_text(tok)
            org_seen = True
            while i > 0 and doc[i - 1].ent_type_ == "PERSON" and doc[i - 1].ent_iob_ != "B" and doc[i].ent_iob_ != "B":
                i -= 1
        elif tok.ent_type_ in ORG_LABELS and not (low in HEAD_WORDS and tok.is_title):
            if not current.tokens:
                if (start := _title_of_body(doc, i)) is not None:
                    current.tokens.extend(doc[start:i + 1])
                    i = start - 1
                    continue
                break
            current.org = current.org or _org_text(tok)
            org_seen = True
            while i > 0 and doc[i].ent_iob_ == "I":
                i -= 1
        elif is_head(tok) and current.tokens and tok.text.islower() and current.tokens[-1].text[:1].isupper() \
                and sorted(current.tokens, key=lambda t: t.i)[0].text[:1].isupper():
            # "nominee Gov. Mike Pence", "hopefuls former Maryland Gov. Martin O'Malley": a second title in a row
            if current.valid():
                phrases.append(current)
            current, org_seen = RolePhrase(tokens=[tok]), False
        elif org_seen:
            break
        elif low in DROP_MODIFIERS and current.tokens:
            pass
        elif tok.pos_ in ("NOUN", "PROPN", "ADJ") or low in TITLE_WORDS:
            if not current.tokens and not is_head(tok):
                if tok.text[:1].isupper() and (start := _title_of_body(doc, i)) is not None:
                    current.tokens.extend(doc[start:i + 1])
                    i = start - 1
                    continue
                break
            leftmost = min(current.tokens, key=lambda t: t.i) if current.tokens else None
            if leftmost is not None and tok.text.islower() and leftmost.text[:1].isupper():
                break  # "the reason President Obama", "state Sen.": lowercase words are not in a title
            if leftmost is not None and leftmost.lower_.rstrip(".") in ("dr", "doctor", "prof", "professor"):
                if current.valid():
                    phrases.append(current)  # "State Sen. Dr. Kelli Ward": two titles
                current = RolePhrase()
            current.tokens.append(tok)
        else:
            break
        i -= 1
    if current.valid():
        phrases.append(current)
    for phrase in phrases:
        last = max((t for t in phrase.tokens if t.text != "."), key=lambda t: t.i)
        phrase.plural = last.tag_ in ("NNS", "NNPS") or last.lower_.rstrip(".") in PLURAL_ABBREVIATIONS
    return phrases


def _contact_clause(ent: Span, phrase: RolePhrase) -> bool:
    """'The federal judge Trump was referring to is Gonzalo Curiel': a lowercase role after an
    article, then a name that opens a relative clause without "that" — the role is the clause's
    head, someone else, not the name's title. The parser gives this the tree of "the federal judge
    Tomas Berg ruled", so the evidence is in the clause itself: its verb hung on the role noun
    (relcl/acl), a preposition it leaves without an object ("referring to"), or a second finite
    verb after it with no subject of its own ("the judge Trump had criticized ruled against him")."""
    doc = ent.doc
    words = sorted(phrase.tokens, key=lambda t: t.i)
    if not words or words[0].i == 0 or doc[words[0].i - 1].lower_ not in CLAUSE_ARTICLES \
            or any(t.text[:1].isupper() and is_head(t) for t in words):
        return False  # "Federal Judge Tomas Berg", "Clinton's lawyer Mills": a title
    j = ent.end
    while j < ent.sent.end and (doc[j].is_space or doc[j].pos_ in ("AUX", "ADV", "PART")
                                and doc[j].lower_ not in ("to", "'s", "’s")):
        j += 1  # (past the non-breaking spaces some papers put between words: tokens of their own)
    if j >= ent.sent.end or doc[j].pos_ != "VERB" or doc[j].tag_ == "VBG" and j == ent.end:
        return False
    verb = doc[j]
    if verb.dep_ in ("relcl", "acl") and verb.head in words:
        return True
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.i > j and not any(True for _ in c.children)):
        after = next((doc[k] for k in range(prep.i + 1, ent.sent.end) if not doc[k].is_space), None)
        if after is None or after.pos_ in ("VERB", "AUX"):
            return True  # "was referring to is ...": the preposition's object is the role noun
    for tok in doc[j + 1:ent.sent.end]:
        if tok.is_space:
            continue
        if tok.is_punct or tok.dep_ in ("cc", "mark") or tok.lower_ in CLAUSE_OPENERS:
            return False
        if tok.pos_ in ("NOUN", "PROPN", "PRON", "NUM") and tok.dep_ != "pobj":
            return False  # a subject of the next verb, or an object: no gap shown
        if tok.pos_ in ("VERB", "AUX") and tok.tag_ in FINITE_TAGS:
            return True
    return False


def _title_of_body(doc: Doc, i: int) -> int | None:
    """'Speaker of the House' ending at ``i``: where the title starts, or None."""
    j = i
    while j > 0 and j > i - 4 and doc[j - 1].text[:1].isupper() and doc[j - 1].lower_ not in ("of", "the"):
        j -= 1
    k = j - 1 if j > 0 and doc[j - 1].lower_ == "the" else j
    if any(doc[m].lower_.rstrip(".") in HONORIFICS for m in range(j, i + 1)):
        return None  # "chairman of Mrs. Clinton's campaign": a person's honorific, not an office
    # "Secretary of State", also lowercased by the writer ("former secretary of State Jane Ruiz")
    if k >= 2 and doc[k - 1].lower_ == "of" and is_head(doc[k - 2]) \
            and (doc[k - 2].text[:1].isupper() or doc[k - 2].lower_ in TITLE_WORDS):
        return k - 2
    return None


# -- a role noun's own phrase (appositives, copulas, "as") ----------------------------
def _phrases_of(head: Token, exclude: set[int]) -> Iterator[RolePhrase]:
    """The role phrase headed by ``head`` and those of its conjuncts ("founder and CEO of X")."""
    first = _phrase_of(head, exclude)
    if first:
        yield first
        if first.coordinated is not None and (other := _phrase_of(first.coordinated, exclude)):
            other.org, other.qualifier = other.org or first.org, other.qualifier or first.qualifier
            yield other
    for conj in (c for c in head.children if c.dep_ == "conj" and c.ent_type_ != "PERSON"
                 and c.tag_ in ("NN", "NNP")):  # "head of X, and other scientists" is not a second role
        phrase = _phrase_of(conj, exclude)
        if phrase:
            if first and not phrase.qualifier:
                phrase.qualifier = first.qualifier
            yield phrase
    # "a senior fellow at the Hoover Institution and a former ambassador to Russia": the parser
    # hangs the second role on the first one's object; its own article marks a new noun phrase
    for prep in (c for c in head.children if c.dep_ == "prep" and c.i > head.i):
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            for conj in (c for c in pobj.children if c.dep_ == "conj" and c.tag_ == "NN" and c.ent_type_ != "PERSON"
                         and any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in c.children)):
                phrase = _phrase_of(conj, exclude)
                if phrase:
                    yield phrase


def _phrase_of(head: Token, exclude: set[int]) -> RolePhrase | None:
    """The role phrase headed by ``head``: its modifiers, of-complement, org and qualifier."""
    if head.lower_ == "one":  # "one of the president's closest aides"
        pobj = next((g for c in head.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)
        if pobj is None:
            return None
        head = pobj
    if not is_head(head) or head.ent_type_ == "PERSON" or head.i in exclude:
        return None
    if head.lower_ in ONLY_WITH and not any(c.lower_ in ONLY_WITH[head.lower_] for c in head.children):
        return None
    phrase = RolePhrase(tokens=[head])
    for child in sorted((c for c in head.children if c.i < head.i), key=lambda c: -c.i):
        if child.i in exclude:
            continue
        low = child.lower_
        if child.dep_ == "det" or child.pos_ == "PRON" or child.dep_ == "punct":
            continue
        if _qualifier(child):
            phrase.qualifier = phrase.qualifier or _qualifier(child)
        elif child.dep_ == "poss" or child.ent_type_ in ORG_LABELS | {"PERSON"}:
            phrase.org = phrase.org or _org_text(child)
        elif low in DROP_MODIFIERS or child.pos_ in ("NUM", "ADV") or child.tag_ == "JJS" \
                or child.pos_ == "ADJ" and any(c.dep_ == "conj" for c in child.children):
            # "France's latest radical and violent jihadist": a superlative or a pair of adjectives describes
            continue
        elif _age(child):
            continue  # "a 40-year-old litigator": an age, not part of the role
        elif child.dep_ in ("nmod", "compound") and child.pos_ == "NOUN" and is_head(child) \
                and any(c.dep_ == "cc" for c in child.children) \
                and (conj := next((c for c in child.children if c.dep_ == "conj"), None)) is not None:
            # "an economist and business professor": two roles, the parser made the first a modifier
            phrase.coordinated = child
            phrase.tokens.extend(t for t in conj.subtree if t.i not in exclude and t.dep_ not in ("det", "punct"))
        elif child.dep_ in ("amod", "compound", "nmod", "npadvmod") and child.pos_ in ("NOUN", "PROPN", "ADJ", "VERB"):
            tokens = [t for t in child.subtree if t.i not in exclude and (t.dep_ not in ("det", "poss", "case", "punct")
                                                                          or _inner_hyphen(t, child))
                      and not _qualifier(t) and (t.lower_ not in DROP_MODIFIERS or _fixed_phrase(t))]
            phrase.tokens.extend(tokens)
            phrase.qualifier = phrase.qualifier or next((_qualifier(t) for t in child.subtree if _qualifier(t)), None)
    for child in (c for c in head.children if c.i > head.i and c.dep_ == "prep"):
        pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
        if pobj is None or pobj.i in exclude:
            continue
        if child.lower_ == "in" and pobj.lower_ == "chief":
            phrase.tokens.extend([child, pobj])
        elif child.lower_ in ("of", "to") and _title_complement(pobj):
            phrase.tokens.extend(t for t in [child, *pobj.subtree] if t.dep_ != "det")
        elif child.lower_ == "of" and (pobj.pos_ == "PROPN" or _acronym(pobj)) \
                and not any(t.ent_type_ == "PERSON" or t.is_quote for t in _up_to_comma(pobj)):
            words = _up_to_comma(pobj)
            start, end = words[0].i, words[-1].i + 1
            if (ent := entity_of(pobj)) is not None and ent.label_ in ORG_LABELS and ent.start >= start:
                end = max(end, ent.end)  # "of Cleveland Jobs With Justice": the parser cut the name
            phrase.org = phrase.org or strip_possessive(head.doc[start:end].text).removeprefix("the ")
        elif child.lower_ in ("of", "at", "for", "with", "on") and pobj.ent_type_ in ORG_LABELS:
            phrase.org = phrase.org or _org_text(pobj)
    tokens = sorted({t.i: t for t in phrase.tokens}.values(), key=lambda t: t.i)
    phrase.tokens = tokens
    if any(c.lower_ in EVALUATIVE for c in head.children):
        return None
    if head.lemma_ in BARE_NOT_ROLES and len(phrase.tokens) == 1 and not phrase.org:
        return None  # "a leader who embodies the American spirit" is praise
    return phrase if phrase.valid() else None


def _inner_hyphen(token: Token, modifier: Token) -> bool:
    """A hyphen inside a modifier ("first-term"): part of the role's words, not punctuation around them."""
    return token.text in ("-", "–") and not token.whitespace_ and modifier.left_edge.i < token.i < modifier.right_edge.i


def _age(token: Token) -> bool:
    """A modifier that gives an age ("40-year-old", "six-year"): it never belongs to the role."""
    words = {t.lower_ for t in token.subtree}
    return bool(words & {"year", "years", "old"}) and any(t.like_num for t in token.subtree)


def _fixed_phrase(token: Token) -> bool:
    """A dropped modifier that is part of a fixed phrase here ("real estate")."""
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return token.lower_ == "real" and nxt is not None and nxt.lower_ == "estate"


def _title_complement(pobj: Token) -> bool:
    """Is 'of X' part of the title: common nouns ("of debate") or a known office ("of State")?"""
    words = [t for t in pobj.subtree]
    text = " ".join(t.lower_ for t in words)
    if text in TITLE_COMPLEMENTS:
        return True
    return len(words) <= 6 and not any(t.ent_type_ or t.pos_ == "PROPN" or t.dep_ == "poss" or _acronym(t)
                                       for t in words)


def _up_to_comma(pobj: Token) -> list[Token]:
    """The words of a complement up to a comma after its head ("the AFL-CIO, Sam Okoro" → "the AFL-CIO")."""
    words = sorted(pobj.subtree, key=lambda t: t.i)
    cut = next((k for k, t in enumerate(words) if t.i > pobj.i and t.text in (",", ";", "(")), len(words))
    return words[:cut]


def _acronym(token: Token) -> bool:
    """An organisation's initials the model may tag as a number or leave untagged ("A.F.L.-C.I.O.", "NAACP")."""
    letters = [c for c in token.text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _appositives(root: Token, ent: Span) -> Iterator[RolePhrase]:
    """'Gene Hamilton, a top official' (after) and 'Clinton's running mate, Tim Kaine' (before)."""
    exclude = set(range(ent.start, ent.end))
    doc = ent.doc
    # after: the appositive must start right after the name and its comma (not after a conjunct)
    owners = [root] + ([root.head] if root.dep_ == "conj" else [])
    # "Joe Biden and his late son Beau Biden, the former attorney general": the parser hung the
    # appositive on the earlier name (or on "son"); it belongs to the name its comma follows
    after = ent.end + 1 if ent.end < len(doc) and doc[ent.end].text == "," else None
    earlier: list[Token] = []
    if after is not None:  # the sentence's appositives, found in the token table: Tokens only for them
        sent, dep = ent.sent, token_table(doc).dep
        earlier = [t for t in (doc[i] for i in range(sent.start, sent.end) if dep[i] == "appos")
                   if t.left_edge.i == after and t.head.i < ent.start
                   and (t.head.ent_type_ == "PERSON" or root.dep_ == "appos" and t.head == root.head)]
    base = list(owners)
    owners += [t.head for t in earlier if t.head not in owners]
    for owner in owners:
        for child in owner.children:
            start = child.left_edge.i
            if child.dep_ == "appos" and child.ent_type_ != "PERSON" and start > ent.end \
                    and word_before(doc, start).text == "," \
                    and not any(t.ent_type_ == "PERSON" for t in doc[ent.end:start]) \
                    and (owner in base or child in earlier):
                yield from _phrases_of(child, exclude)
                # "X, the real estate magnate who is the Republican nominee": the appositive's own clause
                for clause in (c for c in child.children if c.dep_ == "relcl"):
                    if any(c.dep_ == "nsubj" and c.lower_ in ("who", "that") for c in clause.children):
                        yield from _predicate(clause, exclude)
    # before: "Clinton's running mate, Tim Kaine" with only the role's complement between
    left = ent.start
    while left > 0:
        if doc[left - 1].lower_.rstrip(".") in TITLES_OR_HONORIFICS:
            left -= 1
        elif left < ent.start and doc[left - 1].ent_type_ in ("GPE", "NORP", "ORG") \
                and (place := entity_of(doc[left - 1])) is not None:
            left = place.start  # "Trump's running mate, Indiana Gov. Mike Pence": the title's place
        else:
            break
    first = root
    while first.dep_ == "conj" and first.head.ent_type_ == "PERSON":  # "The candidates, A, B and C"
        first = first.head
    head = first.head
    if first is not root:
        first_ent = entity_of(first)
        left = first_ent.start if first_ent is not None else first.i
        if head.tag_ not in ("NNS", "NNPS"):
            return  # a singular role before a list belongs to its first name only
    phrase = None
    if first.dep_ == "appos" and head.i < left and left >= 2 and doc[left - 1].text == ",":
        between = range(head.i + 1, left - 1)
        if all(doc[j] in list(head.subtree) and doc[j].dep_ not in ("cc", "conj") for j in between):
            phrase = _phrase_of(head, exclude)
    if phrase is None and first is root:
        phrase = _role_before_comma(ent, left) or _fronted_role(ent, left)
    if phrase is not None:
        yield phrase


# a list of names after a plural role: "the candidates - A, B and C", "candidates, including A and B"
LIST_OPENERS = {"-", "–", "—", "--", ":", "including"}
LIST_WORDS = {",", "and", "&", "of", ".", "-", "–"}  # inside the list, between its names and their titles


def _list_role(ent: Span) -> RolePhrase | None:
    """'the remaining presidential candidates - Jane Ruiz, Tom Ashby and Mara Olsen', 'rival
    candidates, including front-runner Jane Ruiz and Sen. Tom Ashby of Ohio': a plural role noun
    (its own phrase: "presidential candidate", org) right before a dash, a colon, "including" or
    "such as" that opens a list of names; the name is one of the list. Only names, their titles
    and places ("of Ohio"), commas and "and" may stand between the opener and the name."""
    doc = ent.doc
    i = ent.start - 1
    stop = max(ent.sent.start, ent.start - 40)  # (Span.sent walks the sentence: once, not per word)
    while i >= stop:
        tok = doc[i]
        low = tok.lower_
        opener = low in LIST_OPENERS and (low == "including" or tok.pos_ == "PUNCT" and not _hyphenated(tok)) \
            or low == "as" and i > 0 and doc[i - 1].lower_ == "such"
        if opener:
            k = i - (2 if low == "as" else 1)
            if k >= 0 and doc[k].text == ",":
                k -= 1
            head = doc[k] if k >= 0 else None
            if head is None or head.tag_ not in ("NNS", "NNPS") or not is_head(head) or head.ent_type_ == "PERSON" \
                    or head.i == head.sent.start:
                return None  # "Historians: Clinton, Obama linked": a heading's label, not the names' role
            words = set(range(k + 1, ent.end))
            return _phrase_of(head, words)
        if tok.is_space or low in LIST_WORDS or tok.ent_type_ in ORG_LABELS | {"PERSON"} \
                or tok.pos_ == "PROPN" or is_head(tok) or _qualifier(tok) \
                or tok.pos_ in ("ADJ", "NOUN") and _hyphenated(tok):
            i -= 1
            continue
        return None
    return None


def _generic(phrase: RolePhrase) -> bool:
    """A class word that only says someone holds some post ("officials", "leaders"): beside a
    title of the name's own ("officials, including Defense Secretary X") it adds nothing."""
    words = sorted(phrase.tokens, key=lambda t: t.i)
    of = next((i for i, t in enumerate(words) if t.lower_ in ("of", "in", "to")), len(words))
    return words[of - 1].lemma_.lower() in GENERIC_HEADS if of else False


def _hyphenated(tok: Token) -> bool:
    """A word joined by a hyphen to the next or the previous one ("front-runner"), or such a hyphen."""
    doc = tok.doc
    if tok.text in ("-", "–"):
        return not tok.whitespace_ and tok.i > 0 and not doc[tok.i - 1].whitespace_
    after = tok.i + 1 < len(doc) and doc[tok.i + 1].text in ("-", "–") and not tok.whitespace_
    before = tok.i > 0 and doc[tok.i - 1].text in ("-", "–") and not doc[tok.i - 1].whitespace_
    return after or before


def word_before(doc: Doc, i: int) -> Token:
    """The word before ``i``, past space tokens ("Ashby,  a historian" has two spaces after the comma)."""
    j = i - 1
    while j > 0 and doc[j].is_space:
        j -= 1
    return doc[j]


def _fronted_role(ent: Span, left: int) -> RolePhrase | None:
    """'A lawyer, Khan has long handed out copies': an indefinite role noun phrase opening the
    sentence, a comma, then the name as the subject of the verb the role hangs on (never "After
    meeting a lawyer, Khan left": there the role is the object of something else)."""
    doc = ent.doc
    root = ent.root
    if left < 3 or doc[left - 1].text != "," or root.dep_ not in ("nsubj", "nsubjpass"):
        return None
    head = doc[left - 2]
    if not is_head(head) or head.tag_ != "NN" or head.left_edge.i != ent.sent.start or head.head.i != root.head.i \
            or head.dep_ not in ("npadvmod", "nsubj", "appos", "dep") \
            or not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children):
        return None
    return _phrase_of(head, set(range(ent.start, ent.end)))


def _bracketed(ent: Span) -> list[RolePhrase]:
    """'Mara Olsen (Acme Media chairman and CEO)': roles in brackets right after the name, one per
    coordinated part, the organisation's name before them as their org. Every word in the
    brackets must belong to a role or its organisation, else nothing ("(R-Texas)", "(pictured)")."""
    doc = ent.doc
    if ent.end + 2 >= len(doc) or doc[ent.end].text != "(":
        return []
    close = next((k for k in range(ent.end + 1, min(len(doc), ent.end + 10)) if doc[k].text == ")"), None)
    if close is None:
        return []
    words = list(doc[ent.end + 1:close])
    org_words = [t for t in words if t.ent_type_ in ORG_LABELS and t.ent_type_ != "PERSON"]
    org = _org_text(org_words[0]) if org_words else None
    phrases, current = [], RolePhrase(org=org)
    for tok in words:
        if tok in org_words:
            continue
        if tok.lower_ in ("and", "&", ",") and current.tokens:
            phrases.append(current)
            current = RolePhrase(org=org)
        elif _qualifier(tok):
            current.qualifier = _qualifier(tok)
        elif tok.is_alpha and tok.pos_ in ("NOUN", "PROPN", "ADJ"):
            current.tokens.append(tok)
        else:
            return []
    phrases.append(current)
    return phrases if all(p.valid() for p in phrases) else []


def _role_before_comma(ent: Span, left: int) -> RolePhrase | None:
    """'her running mate, Senator Tim Kaine, said' when the parser missed the apposition: the role
    phrase ends right before the comma, is definite ("her", "the", "Clinton's") and the name
    closes the apposition (a comma, a full stop or a bracket after it), so "After meeting the
    governor, Tim Kaine left" stays out."""
    doc = ent.doc
    close = ent.end
    if close + 1 < len(doc) and doc[close].lower_ == "of" and doc[close + 1].ent_type_ == "GPE" \
            and (place := entity_of(doc[close + 1])) is not None:
        close = place.end  # "Representative Debbie Wasserman Schultz of Florida;"
    if left < 2 or doc[left - 1].text != "," or close >= len(doc) or doc[close].text not in (",", ".", ")", ";"):
        return None
    last = doc[left - 2]
    head = last
    if not is_head(head) and head.dep_ == "pobj" and head.head.lower_ == "of":  # "director of the AFL-CIO"
        head = head.head.head
    if not is_head(head) or head.tag_ not in ("NN", "NNP") or head.ent_type_ == "PERSON":
        return None
    if any(t.i >= left - 1 for t in head.subtree if t.i > head.i and t.dep_ in ("relcl", "acl")):
        return None
    if last.i != head.i and not all(doc[j] in list(head.subtree) for j in range(head.i + 1, left - 1)):
        return None
    if not any(c.dep_ in ("poss", "det") and (c.dep_ == "poss" or c.lower_ == "the") for c in head.children):
        return None
    subject = head.dep_ in ("nsubj", "nsubjpass")
    if head.dep_ == "dobj" or subject and (head.head.i < ent.end or doc[close].text != ","):
        return None  # "When the senator arrived, Tim Kaine ...": the role noun is an argument of its own verb
    return _phrase_of(head, set(range(ent.start, ent.end)))


def _clauses(root: Token, ent: Span) -> Iterator[RolePhrase]:
    """Copula, relative clause, 'as' and 'heads X' rules with the name as subject."""
    exclude = set(range(ent.start, ent.end))
    verbs = []
    if root.dep_ in ("nsubj", "nsubjpass") and not _after_preposition(ent):
        verbs.append(root.head)
    verbs.extend(c for c in root.children if c.dep_ == "relcl")
    # "Lindsey Graham and David Perdue, who are both on the committee": a plural clause on the
    # last of two coordinated names is about both
    for conj in (c for c in root.children if c.dep_ == "conj" and c.ent_type_ == "PERSON"):
        verbs.extend(c for c in conj.children if c.dep_ == "relcl" and _plural_clause(c))
    doc = ent.doc
    # "John Kerry, who is now his secretary of state" (the parser may hang the clause elsewhere)
    if ent.end + 1 < len(doc) and doc[ent.end].text == "," and doc[ent.end + 1].lower_ == "who" \
            and doc[ent.end + 1].dep_ == "nsubj" and doc[ent.end + 1].head not in verbs:
        verbs.append(doc[ent.end + 1].head)
    for verb in verbs:
        yield from _predicate(verb, exclude)
        for act in _gerund_acts(verb):
            yield from _serving_as(act, exclude)
            yield from _running_for(act, exclude)
    yield from _appointed(root, exclude)
    yield from _named_after(root, exclude)
    # "the departure of Bill Bratton as commissioner": 'as' hangs on the noun the name complements
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN":
        for child in root.head.head.children:
            if child.lower_ == "as" and child.dep_ == "prep" and child.i > ent.end:
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None and (phrase := _phrase_of(pobj, exclude)):
                    yield phrase
    # "the departure of Bill Bratton as commissioner"
    for child in root.children if not _wished(ent) else ():
        if child.lower_ == "as" and child.dep_ == "prep":
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None and (phrase := _phrase_of(pobj, exclude)):
                yield phrase
    # "Clinton tapped Kaine as her running mate"; never a wish, a negation or a supposition
    # ("If you don't want Cruz as the nominee")
    if root.dep_ == "dobj" and not _unreal(root.head) and not _wished(ent):
        for child in root.head.children:
            if child.lower_ == "as" and child.dep_ == "prep":
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None and (phrase := _phrase_of(pobj, exclude)):
                    yield phrase


def _unreal(verb: Token) -> bool:
    """Is ``verb`` a wish, negated, conditional or modal ("don't want", "would prefer", "if ...
    picks"), so that what it does to its object is not done?"""
    return verb.lemma_ in WISH_VERBS or verb.lower_ in WISH_FORMS or verb.lemma_ == "prefer" \
        or any(c.dep_ in ("neg", "aux") and c.lower_ in UNREAL_AUX for c in verb.children) \
        or any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in verb.children)


def _wished(ent: Span) -> bool:
    """The word before the name is a wish, negated or supposed verb ("want Cruz as the nominee"),
    whatever head the parser gave the name."""
    before = word_before(ent.doc, ent.start) if ent.start > 0 else None
    return before is not None and before.pos_ in ("VERB", "AUX") and _unreal(before)


def _possessed(owner: Token, exclude: set[int]) -> Iterator[RolePhrase]:
    """'Clinton's tenure as secretary of state', 'his candidacy for president': the owner of a
    noun with an "as" role is its holder, of a candidacy "for" an office its candidate; never
    "Obama's nomination of Garland as justice" (the of-object holds that role)."""
    noun = owner.head
    if noun.pos_ != "NOUN" or noun.i < owner.i or noun.lemma_.lower() not in TENURE_NOUNS \
            or any(c.dep_ == "prep" and c.lower_ == "of" or c.lower_ in NO_ONE_IN_PARTICULAR for c in noun.children):
        return  # "his potential term as president" is not a role held
    preps = [c for c in noun.children if c.dep_ == "prep" and c.i > noun.i]
    if noun.dep_ == "dobj":  # "underscore Clinton's weakness as a candidate": the parser hangs "as" on the verb
        preps += [c for c in noun.head.children
                  if c.dep_ == "prep" and c.lower_ == "as" and c.i == noun.right_edge.i + 1]
    for prep in preps:
        pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if pobj is None or pobj.i in exclude or any(c.lower_ in NOT_REFERRING for c in pobj.children if c.i < pobj.i):
            continue  # "her bid as the first female president": a rank, not a role
        if pobj.lemma_.lower() not in HEAD_WORDS and pobj.lower_ not in HEAD_WORDS:
            continue  # a role of the lexicon only: "her role as an enabler of ..." is a charge, not a job
        if prep.lower_ == "as" and (phrase := _phrase_of(pobj, exclude)):
            yield phrase
        elif prep.lower_ == "for" and noun.lemma_.lower() in CANDIDACY_NOUNS and pobj.tag_ in ("NN", "NNP") \
                and (phrase := _phrase_of(pobj, exclude)):
            phrase.qualifier = phrase.qualifier or "candidate"
            yield phrase


def gendered_referent(index: EntityIndex, pronoun: Token) -> Cluster | None:
    """Who "his"/"her" is, only when gender makes it plain: the one person of that gender named
    earlier in its sentence, while no one named there is of unknown gender; else, when its
    sentence names no one before it, the last subject before it, when known to be of that gender."""
    gender = POSSESSIVE_GENDER[pronoun.lower_]
    before: dict[str, Cluster] = {}
    for tok in pronoun.sent:
        if tok.i >= pronoun.i:
            break
        if (c := index.cluster_at(tok)) is not None and c.type == "Person":
            before[c.id] = c
    if before:
        genders = {pid: index.gender_of(pid) for pid in before}
        fitting = [pid for pid, g in genders.items() if g == gender]
        if None in genders.values() or len(fitting) != 1:
            return None
        return before[fitting[0]]
    ref = index.previous_subject(pronoun.idx, gender=gender)
    if ref is None or index.gender_of(ref.id) != gender:
        return None
    return index.cluster_by_id(ref.id)


def _named_after(root: Token, exclude: set[int]) -> Iterator[RolePhrase]:
    """'an entrepreneur named Jane Ruiz' (the role noun the name is given to) and 'One lawyer on
    the case was Jane Ruiz' (the name completes a copula whose subject is a role noun)."""
    verb = root.head
    if root.dep_ == "oprd" and verb.lower_ in ("named", "called") and verb.dep_ == "acl":
        role = verb.head
    elif root.dep_ == "attr" and verb.lemma_ == "be" and verb.tag_ in ("VBD", "VBZ") \
            and not any(c.dep_ in ("aux", "neg") for c in verb.children) \
            and not any(c.lower_ in ("no", "not") for c in [*root.children, root.doc[max(root.left_edge.i - 1, 0)]]):
        # never "the reality TV star is no Ronald Reagan"
        role = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if role is None or role.tag_ != "NN" or role.lemma_.lower() not in HEAD_WORDS \
                or any(c.lower_ in NOT_REFERRING or c.tag_ == "JJS" for c in role.children):
            return  # "The first woman to win was Jane Ruiz", "the biggest unifier is X": a rank, not a role
    else:
        return
    if role.pos_ == "NOUN":
        yield from _phrases_of(role, exclude)


def _plural_clause(verb: Token) -> bool:
    """A 'who' clause whose verb is plural ("who are both", "who were"): about several people."""
    if not any(c.dep_ == "nsubj" and c.lower_ == "who" for c in verb.children):
        return False
    words = [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))]
    return any(w.lower_ in ("are", "were", "have") for w in words) or any(c.lower_ == "both" for c in verb.children)


def _appointed(root: Token, exclude: set[int]) -> Iterator[RolePhrase]:
    """'Kim was elected mayor of Dayton', 'Hale named Kim campaign manager' (the parser may glue the
    name onto the role noun as a compound): the object predicate of an appointing verb."""
    if root.dep_ == "compound" and root.head.dep_ == "oprd":
        role, verb = root.head, root.head.head
    elif root.dep_ in ("nsubjpass", "dobj"):
        verb = root.head
        role = next((c for c in verb.children if c.dep_ == "oprd"), None)
    else:
        return
    if role is None or verb.lemma_ not in APPOINT_VERBS or verb.pos_ != "VERB" \
            or any(c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS for c in verb.children) or verb.dep_ == "xcomp":
        return
    yield from _phrases_of(role, exclude)


def _after_preposition(ent: Span) -> bool:
    """Is the name (with its titles) the object of a preposition the parser missed ("an adviser
    to Vice President (then-Senator) Joseph R. Biden, Jr., is ..." makes Biden the subject)?"""
    doc = ent.doc
    i = ent.start - 1
    while i >= 0 and (doc[i].is_space or doc[i].text in "()-" or doc[i].lower_.rstrip(".") in TITLE_WORDS | QUALIFIERS
                      or doc[i].lower_ == "then"):
        i -= 1
    return i >= 0 and doc[i].pos_ == "ADP" and i < ent.start - 1


def _predicate(verb: Token, exclude: set[int]) -> Iterator[RolePhrase]:
    """What a clause says its subject is: 'is director of debate', 'serves as aide', 'heads X';
    with "will" alone, what it will be (qualifier future: "will take over as head of X")."""
    modals = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS]
    future = bool(modals) and all(c.lower_ in FUTURE for c in modals)
    if modals and not future or verb.dep_ == "xcomp":
        return  # "would be a great senator", "to be president": not a role the person holds
    if any(c.dep_ == "neg" for c in verb.children):
        return  # "is not a lawyer", "will never be the nominee"
    for phrase in _predicated(verb, exclude):
        if future:
            phrase.qualifier = phrase.qualifier if phrase.qualifier in ("acting", "interim", "candidate") else "future"
        yield phrase


def _predicated(verb: Token, exclude: set[int]) -> Iterator[RolePhrase]:
    """The role phrases of :func:`_predicate`, once its modal and negation checks passed."""
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in verb.children):
        return  # "if she is the nominee", "unless he runs for governor": a supposition, not a fact
    if verb.lemma_ == "become" and verb.tag_ not in ("VBD", "VBN"):
        return  # "if Kaine becomes vice president"
    if verb.lemma_ in COPULAS:
        for child in verb.children:
            if child.dep_ in ("attr", "acomp") and not _ranked(child):
                yield from _phrases_of(child, exclude)
                if child.dep_ == "attr" and is_head(child):
                    for clause in _who_clauses(child):
                        yield from _predicate(clause, exclude)
    else:
        yield from _serving_as(verb, exclude)
    yield from _running_for(verb, exclude)
    yield from _seat_on(verb, exclude)
    if verb.lemma_ in HEAD_VERBS and verb.pos_ == "VERB":
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        # "heads the Center", not "led Trump by 5 points": a named object needs its article
        named = obj is not None and (obj.ent_type_ in ("PERSON", "GPE") or obj.ent_type_ == "ORG" and not any(
            c.dep_ == "det" for c in obj.children))
        if obj is not None and not named and obj.pos_ in ("NOUN", "PROPN") \
                and obj.lower_ not in ("race", "poll", "polls", "way", "country", "ad", "ads", "risk", "campaign"):
            words = [t for t in obj.subtree if t.dep_ != "det"]
            cut = next((k for k, t in enumerate(words) if t.i > obj.i and (t.is_punct or t.dep_ in ("relcl", "acl"))),
                       len(words))
            words = words[:cut] or [obj]
            org = strip_possessive(verb.doc[words[0].i:words[-1].i + 1].text)
            yield RolePhrase(tokens=[verb], org=org)


def _ranked(role: Token) -> bool:
    """'the first candidate to raise it', 'the only senator who voted no': a rank among people
    doing something, not a post (its words: a rank or a superlative, then an act of its own)."""
    rank = any(c.lower_ in ("first", "last", "only", "next") or c.tag_ == "JJS" for c in role.children if c.i < role.i)
    return rank and any(c.dep_ in ("acl", "relcl") for c in role.children if c.i > role.i)


def _who_clauses(role: Token) -> Iterator[Token]:
    """'was a litigator in a Houston law firm who had served as solicitor general': a "who"
    clause in the role's phrase is about its holder, wherever the parser hung it, unless it
    hangs on a person ("a lawyer for a senator who ...")."""
    for tok in role.subtree:
        if tok.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ == "who" for c in tok.children) \
                and (tok.head is role or tok.head.ent_type_ not in ("PERSON", "NORP") and not is_head(tok.head)
                     and tok.head.tag_ in ("NN", "NNP")):
            yield tok


def _serving_as(verb: Token, exclude: set[int]) -> Iterator[RolePhrase]:
    """'serves as aide', 'worked as a litigator': the role after "as" of a verb of holding one."""
    own_object = any(c.dep_ in ("dobj", "dative", "ccomp", "oprd") for c in verb.children)
    phrasal = any(c.dep_ == "prt" for c in verb.children) and not own_object
    # any other act the subject did "as" a role of the lexicon ("a remark Trump made as a
    # businessman"), never with an object the "as" may be about ("treated him as a son") or passive
    # ("was seen as a front-runner": an opinion)
    other = verb.pos_ == "VERB" and not own_object and any(c.dep_ == "nsubj" for c in verb.children) \
        and not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    if verb.lemma_ not in AS_VERBS and not phrasal and not other:  # "took over as chief executive"
        return
    for child in verb.children:
        if child.lower_ == "as" and child.dep_ == "prep":
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is None or verb.lemma_ not in AS_VERBS and not phrasal and pobj.lemma_.lower() not in HEAD_WORDS:
                continue
            if phrase := _phrase_of(pobj, exclude):
                yield phrase


def _gerund_acts(verb: Token) -> Iterator[Token]:
    """Gerunds whose unspoken subject is the verb's ("revived his career by running for mayor",
    "after serving as mayor"), through infinitives ("attempted to revive"), never past a
    subject of their own."""
    todo = [verb]
    while todo:
        head = todo.pop()
        if head.lemma_ in WISH_VERBS or head.lower_ in WISH_FORMS or any(c.dep_ == "neg" for c in head.children):
            continue  # "hopes to win by running for governor", "did not run": nothing held
        for child in head.children:
            found = [g for g in child.children if g.dep_ == "pcomp"] if child.dep_ == "prep" else \
                [child] if child.dep_ in ("xcomp", "advcl") else []
            for act in found:
                if act.pos_ == "VERB" and not any(c.dep_.startswith("nsubj") for c in act.children):
                    todo.append(act)
                    if act.tag_ == "VBG" or act.tag_ == "VBN" and any(c.lower_ == "having" for c in act.children):
                        yield act


def _seat_on(verb: Token, exclude: set[int]) -> Iterator[RolePhrase]:
    """'who are both on the Judiciary Committee', 'sits on the board of Acme': a seat on a body
    (``BODIES``) is membership, the body its organisation."""
    if verb.lemma_ not in SEAT_VERBS:
        return
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "on"):
        pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if pobj is None or pobj.lemma_.lower() not in BODIES or pobj.i in exclude \
                or any(t.ent_type_ == "PERSON" for t in pobj.subtree):
            continue
        if not any(c.dep_ in ("det", "poss", "compound", "amod") for c in pobj.children):
            continue  # "was on board the flight": an idiom, not a seat
        words = [t for t in pobj.subtree if not (t.dep_ == "det" and t.i < pobj.i)]
        words = [t for t in words if t.i <= pobj.i or t.dep_ in ("prep", "pobj", "compound", "amod")]
        org = strip_possessive(verb.doc[words[0].i:words[-1].i + 1].text)
        yield RolePhrase(tokens=[prep, *pobj.subtree], org=org, named="member")


def _running_for(verb: Token, exclude: set[int]) -> Iterator[RolePhrase]:
    """'is running for governor of Nevada', 'ran for mayor': the office sought, qualifier candidate."""
    if verb.lemma_ not in RUN_VERBS or verb.pos_ != "VERB":
        return
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"):
        pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if pobj is not None and pobj.tag_ in ("NN", "NNP") and (phrase := _phrase_of(pobj, exclude)):
            phrase.qualifier = phrase.qualifier or "candidate"
            yield phrase


# -- triples ---------------------------------------------------------------------------
def _triple(index: EntityIndex, cluster: Cluster, mention: Span | Token, phrase: RolePhrase, sentence: Span,
            confidence: float = NAMED_CONFIDENCE) -> Triple:
    if isinstance(phrase.tokens[0], Token) and phrase.tokens[0].lemma_ in HEAD_VERBS and len(phrase.tokens) == 1 \
            and phrase.tokens[0].pos_ == "VERB":
        name = VERB_ROLES.get(phrase.tokens[0].lemma_, "head")
    else:
        name = phrase.name()
    tokens = sorted(phrase.tokens, key=lambda t: t.i)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    quals: tuple[tuple[str, str], ...] = ()
    if phrase.qualifier:
        quals += (("qualifier", phrase.qualifier),)
    if phrase.org:
        quals += (("org", phrase.org),)
    mention_start = mention.start_char if isinstance(mention, Span) else mention.idx
    mention_text = strip_possessive(mention.text)
    if phrase.org and (org := _org_ref(index, phrase.org, sentence)) is not None:
        quals += (("org_entity", org),)
    return Triple(
        relation="HOLDS_ROLE",
        subject=index.ref_for(cluster, index.span_of(mention_start, mention_start + len(mention_text))),
        object=TripleObject(id=entity_id("Role", role_node_name(name)), name=name, type="Role",
                            span=index.span_of(start, end)),
        evidence=Evidence(index.doc_id, index.span_of(sentence.start_char, sentence.end_char), EXTRACTOR, confidence),
        qualifiers=quals,
    )


def _org_ref(index: EntityIndex, org: str, sentence: Span) -> EntityRef | None:
    """The Organization node an ``org`` qualifier names, at its mention in the role's sentence
    (the WORKS_FOR link); places and parties stay a qualifier only."""
    cluster = index.organization_named(org)
    if cluster is None:
        return None
    mention = next((m for m in cluster.mentions if sentence.start_char <= m.start < sentence.end_char), None)
    return None if mention is None else index.ref_for(cluster, mention)


def _definite_description(token: Token) -> RolePhrase | None:
    """'The Republican presidential nominee' as a subject, with no name beside it: a role phrase
    that refers back to a person (the guideline's "role noun that refers back"). Bare "the
    president" is left to holder_of: without a modifier it too often means someone unnamed."""
    if token.dep_ not in DESCRIPTION_DEPS or token.tag_ not in ("NN", "NNP") or token.ent_type_ == "PERSON":
        return None
    children = list(token.children)
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in children):
        return None  # (tested before the sentence is walked below: far fewer words pass it)
    if not _main_subject(token) and _names_person(token.sent):
        return None  # elsewhere than a main-clause subject, only in a sentence that names no one
    if any(c.lower_ in NO_ONE_IN_PARTICULAR for c in children if c.i < token.i):
        return None  # "the average worker", "the first female president": no one in particular
    specific = any(c.dep_ in ("amod", "compound", "nmod") and c.i < token.i and not _qualifier(c) for c in children)
    # "the former secretary of state": a qualifier or an of-complement makes the description specific too
    specific = specific or any(_qualifier(c) for c in children if c.i < token.i) or any(
        c.dep_ == "prep" and c.lower_ == "of" for c in children)
    if not specific:
        return None
    if any(t.ent_type_ == "PERSON" or t.dep_ in ("poss", "relcl", "acl") for t in token.subtree if t.i != token.i):
        return None
    if any(d.dep_ == "det" and d.lower_ in ("a", "an") for c in children if c.dep_ == "prep"
           for g in c.children if g.dep_ == "pobj" for d in g.children):
        return None  # "the organizer of a rally": a thing new to the text, so someone new too
    doc = token.doc
    if token.i + 1 < len(doc) and (doc[token.i + 1].ent_type_ == "PERSON" or doc[token.i + 1].text == ","):
        return None  # a name follows: the appositive and title rules own it
    return _phrase_of(token, set())


def _names_person(sentence: Span) -> bool:
    """Does a word of the sentence carry the PERSON entity type? (Read off the token table.)"""
    ent_type = token_table(sentence.doc).ent_type
    return any(ent_type[i] == "PERSON" for i in range(sentence.start, sentence.end))


def _other_party(held: dict[tuple[str, str], set[str]], person: str, org: str | None) -> bool:
    """Does a description name another party than any role of the person does ("the Republican
    nominee" after "Democratic presidential candidate X")?"""
    if not org or _party(org) not in PARTIES:
        return False
    parties = {o for (pid, _head), orgs in held.items() if pid == person for o in orgs if o in PARTIES}
    return bool(parties) and _party(org) not in parties


def _held_by_another(held: dict[tuple[str, str], set[str]], named: list[tuple[str, str, str | None]], person: str,
                     phrase: RolePhrase) -> bool:
    """Is the description someone else's, or no one's the text shows? Another person holds its
    role beside a name, of no other organisation or party than it names ("The former president
    said" after "Former President Bill Clinton" is not the last subject, Trump; "the Democratic
    nominee" after a Republican or a vice-presidential one, "the former secretary of state" after
    a press secretary may be), or it is a standing office (``STANDING_OFFICES``: "the president")
    and ``person`` a candidate the text does not give the office beside a name: one running for
    an office is not its holder, who may be someone never named ("Obama spoke. The president
    said" stays Obama's)."""
    name = phrase.name()
    org = _party(phrase.org) if phrase.org else None
    if any(pid != person and _same_role(name, org, other, other_org) for pid, other, other_org in named):
        return True
    head = _role_head(name)
    office = " ".join(w for w in name.lower().split() if w not in QUALIFIERS)
    national = not phrase.org or phrase.org.lower() in {p.lower() for p in demonyms().values()}
    candidate = any(pid == person and role_classes().get(held_head) == "candidacy" for pid, held_head in held)
    return office in STANDING_OFFICES and national and candidate and (person, head) not in held


def _same_role(name: str, org: str | None, other: str, other_org: str | None) -> bool:
    """Could a description's role (``name``, ``org``) be ``other``, a role held beside a name? The
    same head and lesser office ("vice"), words of one within the other's ("president",
    "presidential candidate" in "Libertarian presidential candidate"), and every organisation or
    party the description names also the other's (a party word in the name and an
    of-complement count as one)."""
    if _role_head(name) != _role_head(other):
        return False
    (base, _, of), (other_base, _, other_of) = name.lower().partition(" of "), other.lower().partition(" of ")
    words = {_party(w) for w in base.replace("-", " ").split()} - QUALIFIERS
    others = {_party(w) for w in other_base.replace("-", " ").split()} - QUALIFIERS
    if words & LESSER != others & LESSER:
        return False
    # an of-complement names the organisation too ("secretary of state" is not Homeland Security's)
    orgs = {o for o in (org, of) if o} | (words & PARTIES)
    other_orgs = {o for o in (other_org, other_of) if o} | (others & PARTIES)
    if orgs and not orgs & other_orgs:
        return False  # "the Florida senator" is not the plain "Sen. Ted Cruz" the text never ties to Florida
    words, others = words - PARTIES, others - PARTIES
    return words <= others or others <= words


def _names_someone(index: EntityIndex, sentence: Span) -> bool:
    """Does the sentence name a person (by any mention kg linked, whatever the tagger said)?"""
    return any((c := index.cluster_at(t)) is not None and c.type == "Person" for t in sentence)


def _other_org(orgs: set[str] | None, org: str | None) -> bool:
    """Does a description name another organisation or party than the person's own role of that
    head ("the Democratic senator" after "Republican Sen. X")? Then it is someone else."""
    return bool(orgs and org and org.lower() not in orgs)


@cache
def role_classes() -> dict[str, str]:
    """Role heads to the class of standing they share ("front-runner" → candidacy), from the lexicon."""
    rows = load_pairs("role_classes")
    return {head: name.strip() for name, heads in rows for head in heads.split()}


def _party(org: str) -> str:
    """An organisation or party folded for comparison: "GOP" and "Republicans" are "republican"."""
    low = org.lower().removesuffix(" party").removesuffix("s")
    return PARTY_NAMES.get(low, low)


def _class_holder(index: EntityIndex, token: Token, phrase: RolePhrase, held: dict[tuple[str, str], set[str]],
                  held_at: dict[tuple[str, str], int]) -> Cluster | None:
    """The one person named before ``token`` who holds a role of its class under another head
    ("the GOP front-runner" → the Republican presidential candidate) of the party or organisation
    the description names; None without one, when none or two fit, when the person already holds this very
    head (the description adds nothing), or when the person is named in the same sentence."""
    head = token.lemma_.lower()
    kind = role_classes().get(head)
    if kind is None:
        return None
    if not phrase.org:
        return None  # "the nominee" alone could be anyone's; a party or organisation narrows it
    org = _party(phrase.org)
    fitting: dict[str, set[str]] = {}
    for (pid, held_head), orgs in held.items():
        if role_classes().get(held_head) == kind and held_at[(pid, held_head)] < token.idx:
            fitting.setdefault(pid, set()).update(orgs)
    fitting = {pid: orgs for pid, orgs in fitting.items() if org in orgs}
    if len(fitting) != 1:
        return None
    pid = next(iter(fitting))
    cluster = index.cluster_by_id(pid)
    if cluster is None or (pid, head) in held or any(index.cluster_at(t) is cluster for t in token.sent):
        return None
    return cluster


def _main_subject(token: Token) -> bool:
    """A main-clause subject continues the story of its person; a subordinate one or an object need not."""
    return token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ROOT"


def _antecedent(index: EntityIndex, token: Token, resolved: dict[int, Cluster]) -> Cluster | None:
    """The person a definite description points back to: the last main-clause subject that is
    a person, in the previous sentence (earlier descriptions count, so chains follow), else the
    one person that sentence names; none when that subject is two people ("Tom Ashby and Ann Lee
    met"). A person already named in the description's own sentence is someone the description is not."""
    doc = token.doc
    sentence = token.sent
    in_sentence = {c.id for t in sentence if (c := index.cluster_at(t) or resolved.get(t.i)) is not None}
    found = None
    for _ in range(LOOK_BACK):  # over sentences that name no one and have no "he"/"she" subject
        if sentence.start == 0:
            return None
        sentence = doc[sentence.start - 1].sent
        named: dict[str, Cluster] = {}
        for tok in sentence:
            cluster = resolved.get(tok.i) or index.cluster_at(tok)
            if cluster is None or cluster.type != "Person":
                continue
            named[cluster.id] = cluster
            head = _subject_head(tok)
            if head.dep_ in ("nsubj", "nsubjpass") and head.head.dep_ == "ROOT":
                found = cluster
                if any(c.dep_ == "conj" and (other := index.cluster_at(c)) is not None and other.type == "Person"
                       and other.id != cluster.id for c in head.children):
                    return None  # "Tom Ashby and Ann Lee met. The Maine senator said": which of the two, unsure
        pronoun = next((t for t in sentence if t.lower_ in PERSON_PRONOUNS and t.dep_ in ("nsubj", "nsubjpass")
                        and t.head.dep_ == "ROOT"), None)
        if found is None and pronoun is not None:
            # "He lost to Cruz. The businessman ...": about "he", never Cruz; and who "he" is, kg
            # cannot tell surely enough (it knows no gender), so nothing
            return None
        if not named and any(t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "PROPN" and t.ent_type_ not in ORG_LABELS
                             and index.cluster_at(t) is None for t in sentence):
            # '"...," Sanders responded.' with the name tagged as a work of art: someone kg did not
            # take for a person is the subject there, so looking past it would skip them
            return None
        if found is None and len(named) == 1:
            # "Gary Johnson's doctor is calling ... The former New Mexico governor is": the one
            # person the previous sentence names, when no person is its subject
            found = next(iter(named.values()))
        if found is not None or named:
            break
    return found if found is not None and found.id not in in_sentence else None


def _subject_head(token: Token) -> Token:
    while token.dep_ in ("compound", "flat") and token.head is not token:
        token = token.head
    return token


class _SentencePersons:
    """The people named in each sentence, in order, read once per sentence: who is the one
    person named before a pronoun (linear in the document, however many pronouns a sentence holds)."""

    def __init__(self, doc: Doc, index: EntityIndex) -> None:
        self.index = index
        self.sentences = index.sentences  # Doc.sents recomputes them on every access; the index read them once
        self.sentence_of = [0] * len(doc)
        for number, sent in enumerate(self.sentences):
            for i in range(sent.start, sent.end):
                self.sentence_of[i] = number
        # sentence -> (positions, clusters) of its Person mentions, and where a second person first appears
        self.people: dict[int, tuple[list[int], list[Cluster], int | None]] = {}

    def one_before(self, pronoun: Token) -> Cluster | None:
        """The one person named earlier in the pronoun's own sentence ("Clinton said ... when she was")."""
        number = self.sentence_of[pronoun.i]
        if number not in self.people:
            positions: list[int] = []
            clusters: list[Cluster] = []
            for tok in self.sentences[number]:
                cluster = self.index.cluster_at(tok)
                if cluster is not None and cluster.type == "Person":
                    positions.append(tok.i)
                    clusters.append(cluster)
            second = next((i for i, c in zip(positions, clusters, strict=True) if c.id != clusters[0].id), None)
            self.people[number] = (positions, clusters, second)
        positions, clusters, second = self.people[number]
        before = bisect_left(positions, pronoun.i)
        if before == 0 or (second is not None and second < pronoun.i):
            return None
        return clusters[before - 1]  # the latest of one person's mentions, as the scan kept it


def _person_conjuncts(root: Token) -> list[Token]:
    """The names coordinated after ``root``, down the conj chain ("A, B and C": B and C)."""
    out: list[Token] = []
    todo = [root]
    while todo:
        for c in todo.pop().children:
            if c.dep_ == "conj" and c.ent_type_ == "PERSON" and c not in out:
                out.append(c)
                todo.append(c)
    return out


def _name_start(ent: Span) -> Token:
    """The first word of the name proper, after title words tagged inside the entity."""
    for tok in ent[:-1]:
        title = tok.lower_.rstrip(".") in TITLE_WORDS or tok.tag_ == "NNS" and tok.lemma_.lower() in TITLE_WORDS
        if not title and tok.lower_ not in QUALIFIERS:
            return tok
    return ent[-1]


def extract(doc: Doc, index: EntityIndex) -> Iterator[Triple]:
    """HOLDS_ROLE triples for every person mention, in order of appearance."""
    seen: set[tuple[str, str, int]] = set()

    held: dict[tuple[str, str], set[str]] = {}  # (person id, role head) → orgs of the roles named beside the name
    held_at: dict[tuple[str, str], int] = {}  # (person id, role head) → where the person is first given it
    named: list[tuple[str, str, str | None]] = []  # (person id, role name, its org) of each role beside a name

    def emit(cluster: Cluster, mention: Span | Token, phrase: RolePhrase,
             confidence: float = NAMED_CONFIDENCE) -> Iterator[Triple]:
        triple = _triple(index, cluster, mention, phrase, mention.sent, confidence)
        key = (cluster.id, triple.object.name.lower(), triple.object.span.start if triple.object.span else 0)
        if key not in seen:
            seen.add(key)
            if confidence == NAMED_CONFIDENCE:
                key_ = (cluster.id, _role_head(triple.object.name))
                held.setdefault(key_, set()).update({_party(phrase.org)} if phrase.org else set())
                start = triple.evidence.sentence.start
                held_at[key_] = min(held_at.get(key_, start), start)
                named.append((cluster.id, triple.object.name, _party(phrase.org) if phrase.org else None))
            yield triple

    for ent in index.ents:
        cluster = index.cluster_at(ent[0]) or index.cluster_at(ent[-1])
        if cluster is None or cluster.type != "Person":
            continue
        titled = False
        for phrase in _titles_before(_name_start(ent), ent):
            if _imagined(phrase):
                continue  # "the prospects of a President Ann Lee": what she might become, not a role held
            if _contact_clause(ent, phrase):
                continue  # "The federal judge Trump was referring to is ...": not Trump's title
            titled = True
            conjuncts = _person_conjuncts(ent.root)
            if phrase.plural and not conjuncts:
                continue  # "scientists Craig Bryan and ..." cut by the parser: whose title is unclear
            yield from emit(cluster, ent, phrase)
            if phrase.plural:  # "Presidential candidates Hillary Clinton and Donald Trump"
                for conj in conjuncts:
                    other = index.cluster_at(conj)
                    if other is not None and other.type == "Person":
                        other_ent = entity_of(conj)
                        yield from emit(other, other_ent, phrase)
        for phrase in [*_appositives(ent.root, ent), *_bracketed(ent)]:
            yield from emit(cluster, ent, phrase)
        if (phrase := _list_role(ent)) is not None and not (titled and _generic(phrase)):
            yield from emit(cluster, ent, phrase)
        for phrase in _clauses(ent.root, ent):
            yield from emit(cluster, ent, phrase)
        if ent.root.dep_ == "poss":
            for phrase in _possessed(ent.root, set(range(ent.start, ent.end))):
                yield from emit(cluster, ent, phrase)
    # definite descriptions: "The Indiana governor said ..." after a sentence about Mike Pence
    resolved: dict[int, Cluster] = {}
    # found once for both passes below (reading every token twice was a tenth of the rules' time)
    table = token_table(doc)  # Tokens only for the words each pass's first test can accept
    described = [(token, phrase) for token in (doc[i] for i, dep in enumerate(table.dep) if dep in DESCRIPTION_DEPS
                                               and table.tag[i] in ("NN", "NNP") and table.ent_type[i] != "PERSON")
                 if (phrase := _definite_description(token)) is not None]
    for token, phrase in described:
        cluster = _antecedent(index, token, resolved)
        if cluster is not None and not (phrase.org and phrase.org.split()[-1] in cluster.name.split()) \
                and not _other_org(held.get((cluster.id, token.lemma_.lower())), phrase.org) \
                and not _other_party(held, cluster.id, phrase.org) \
                and not _held_by_another(held, named, cluster.id, phrase) \
                and (_main_subject(token) or not _names_someone(index, token.sent)):
            resolved[token.i] = cluster
            for each in _phrases_of(token, set()):  # "The former first lady and U.S. senator"
                if (cluster.id, _role_head(each.name())) not in held:  # a role named beside the name already
                    yield from emit(cluster, token, each, DESCRIPTION_CONFIDENCE)
    # "the GOP front-runner" after "Republican presidential candidate X": the one holder of its class
    for token, phrase in described:
        if token.i in resolved:
            continue
        cluster = _class_holder(index, token, phrase, held, held_at)
        if cluster is not None and _antecedent(index, token, resolved) in (None, cluster):
            resolved[token.i] = cluster
            yield from emit(cluster, token, phrase, DESCRIPTION_CONFIDENCE)
    # pronoun subjects: "he is the anchor of a straight news program"
    people = _SentencePersons(doc, index)
    for token in (doc[i] for i, low in enumerate(table.lower) if low in PERSON_PRONOUNS):
        if token.lower_ in PERSON_PRONOUNS and token.dep_ == "nsubj":
            cluster = people.one_before(token)
            # a "he" inside a quotation that names no one before it is whom the speaker talks about, not the
            # last subject outside it (often the speaker): unknown
            if cluster is None and not in_quotation(token, index.text):
                ref = index.previous_subject(token.idx)
                cluster = index.cluster_by_id(ref.id) if ref else None
            if cluster is None:
                continue
            for phrase in _predicate(token.head, {token.i}):
                yield from emit(cluster, token, phrase)
    # "His candidacy for president", "her tenure as secretary of state": a gendered possessor
    for token in (doc[i] for i, low in enumerate(table.lower) if low in POSSESSIVE_GENDER):
        if token.lower_ in POSSESSIVE_GENDER and token.dep_ == "poss" \
                and (phrases := list(_possessed(token, {token.i}))) \
                and (cluster := gendered_referent(index, token)) is not None:
            for phrase in phrases:
                yield from emit(cluster, token, phrase, PRONOUN_CONFIDENCE)


# -- descriptions that refer back: aliases of the person's node ------------------------
def descriptions(doc: Doc, role_triples: list[Triple]) -> Iterator[tuple[str, str]]:
    """'the Texas senator' after 'Sen. Ted Cruz': (person id, description words) for each definite
    description whose head is the role head of exactly one person named before it, so the
    person's node takes the words as an alias (the same entity for the cluster scorer and
    ``who-said --about``). Bare "the senator" is left to :func:`kg.mentions.role_noun_refs`; an
    organisation, party or place in the description that the holder's roles name otherwise, or a
    second person with that head, and nothing is said."""
    holders: dict[str, dict[str, tuple[int, set[str]]]] = {}  # head → person id → (first start, orgs)
    for t in role_triples:
        if t.evidence.confidence < NAMED_CONFIDENCE:
            continue  # a description's own role is no evidence for the next description
        head = _role_head(t.object.name)
        start = t.subject.mention.start if t.subject.mention else 0
        first, orgs = holders.setdefault(head, {}).get(t.subject.id, (start, set()))
        org = t.qualifier("org")
        holders[head][t.subject.id] = (min(first, start), orgs | ({org.lower()} if org else set()))
    for token in doc:
        if token.tag_ != "NN" or token.ent_type_ == "PERSON" or not is_head(token) \
                or not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            continue
        words = _description_words(token)
        if words is None:
            continue
        fitting = [(pid, orgs) for pid, (first, orgs) in holders.get(token.lemma_.lower(), {}).items()
                   if first < token.idx]
        if len(fitting) != 1:
            continue
        pid, orgs = fitting[0]
        named = {_org_text(t).lower() for t in words if t.ent_type_ in ORG_LABELS}
        if named and orgs and not named <= orgs:
            continue  # "the Democratic senator" is not the Republican one the text named
        yield pid, doc[words[0].i:token.i + 1].text


def _role_head(name: str) -> str:
    """The head word of a role name, lowercased: "presidential nominee" → nominee, "secretary of state" → secretary."""
    words = name.lower().split()
    cut = next((k for k, w in enumerate(words) if w in ("of", "in", "to") and k), len(words))
    return words[cut - 1].split("-")[-1] if words else ""


def _description_words(token: Token) -> list[Token] | None:
    """The modifiers before a description's head ("the former Texas senator" → former Texas),
    or None when it is not a description of one person: no modifier, a possessor, a name inside
    or right after it (the appositive and title rules own those)."""
    doc = token.doc
    if token.i + 1 < len(doc) and (doc[token.i + 1].ent_type_ == "PERSON" or doc[token.i + 1].text == ","
                                   and token.i + 2 < len(doc) and doc[token.i + 2].ent_type_ == "PERSON"):
        return None
    left = [c for c in token.children if c.i < token.i and c.dep_ not in ("det", "punct")]
    if not left or any(c.dep_ == "poss" or c.pos_ == "PRON" for c in left):
        return None
    words = sorted({t for c in left for t in c.subtree}, key=lambda t: t.i)
    if any(t.ent_type_ == "PERSON" or t.lower_ in EVALUATIVE | NOT_REFERRING for t in words):
        return None
    if words[-1].i + 1 != token.i and any(doc[j].is_punct for j in range(words[0].i, token.i)):
        return None
    return words

