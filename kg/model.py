"""The vocabulary of the whole program: documents, spans, entities and triples.

Everything here is a frozen dataclass (hashable, so sets of triples de-duplicate) and
nothing here imports spaCy: extractors produce these records, exporters consume them.
Offsets are always character offsets into the ORIGINAL document text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

RELATIONS = ("SAID", "HOLDS_ROLE", "FOUND", "MEMBER_OF")
# words that stand for an entity without naming it: never a statement's mention, never a form of the entity
PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "they", "them", "their", "theirs", "it", "its", "i",
                      "me", "my", "we", "us", "our", "you", "your", "himself", "herself", "themselves", "itself"})
ENTITY_TYPES = ("Person", "Organization", "Group", "Place", "Report", "Role")
MODES = ("direct", "indirect", "mixed")
# What a SAID reports: words spoken or written, a belief, a wish or plan, a stance on something.
KINDS = ("speech", "thought", "intention", "position")


def stable_hash(*parts: object, length: int = 16) -> str:
    """A short hex digest that is the same on every run and machine (ids must not move)."""
    joined = "\x1f".join(str(p) for p in parts)
    return hashlib.blake2b(joined.encode("utf-8"), digest_size=16).hexdigest()[:length]


@lru_cache(maxsize=65_536)  # pure, and asked for the same names again and again
def normalise_key(name: str) -> str:
    """The canonical key of a name: case, accents, punctuation and spacing folded."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = folded.replace("’", "'").lower()
    folded = re.sub(r"'s\b", "", folded)
    folded = re.sub(r"[^\w]+", " ", folded)
    return " ".join(folded.split())


@lru_cache(maxsize=65_536)
def entity_id(entity_type: str, name: str) -> str:
    """Deterministic id of an entity: its type and normalised name (merges across documents)."""
    key = normalise_key(name) or stable_hash(name)
    return f"{entity_type.lower()}:{key.replace(' ', '-')}"


@dataclass(frozen=True)
class Document:
    """One article: its id and its original text, untouched (all offsets point into it)."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    date: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Span:
    """A piece of a document: ``text == document.text[start:end]`` always holds."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span of ``text[start:end]``, so the invariant holds by construction."""
        return cls(start, end, text[start:end])

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


def is_pronoun(text: str) -> bool:
    """Are these words a pronoun? "US" and "IT" written in capitals are names, "I" is a pronoun."""
    words = text.strip()
    return words.lower() in PRONOUNS and not (len(words) > 1 and words.isupper())


@dataclass(frozen=True)
class Entity:
    """A thing the article talks about, with every way the article names it."""

    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()

    def forms(self) -> list[str]:
        """The distinct words that name the entity in its article, sorted: names and the descriptions
        resolved to it ("the governor"), not pronouns. What a reader of the graph sees as how the
        article called it (the MENTIONED_IN edge's ``forms``)."""
        return sorted({m.text for m in self.mentions if m.text.strip() and not is_pronoun(m.text)})

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "name": self.name,
            "aliases": list(self.aliases),
            "mentions": [m.to_json() for m in self.mentions],
        }


@dataclass(frozen=True)
class EntityRef:
    """The subject of a triple: the resolved entity plus the words that name it here."""

    id: str
    name: str
    type: str
    mention: Span

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type, "mention": self.mention.to_json()}


@dataclass(frozen=True)
class TripleObject:
    """What the subject said, found or holds: a statement span or a named node (a Role; for
    MEMBER_OF the organisation or person, with the words that name it inside the group's mention).

    ``span`` is the whole statement as annotators score it (the envelope, attribution words
    between its pieces included); ``parts`` are the pieces the speaker said, each its own span
    (``"X," Lohmar said. "Y."`` has two), so a reader can show the words without the narration.
    """

    id: str | None = None
    name: str | None = None
    type: str | None = None
    span: Span | None = None
    parts: tuple[Span, ...] = ()

    @property
    def words(self) -> str:
        """What was said without the attribution between pieces: the parts joined by ' … '."""
        if self.parts:
            return " … ".join(p.text for p in self.parts)
        return self.span.text if self.span is not None else ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.id is not None:
            out["id"] = self.id
        if self.name is not None:
            out["name"] = self.name
        if self.type is not None:
            out["type"] = self.type
        if self.span is not None:
            out.update(self.span.to_json())
        if self.parts:
            out["parts"] = [p.to_json() for p in self.parts]
        return out


@dataclass(frozen=True)
class Evidence:
    """Where a triple comes from and how sure the extractor is."""

    doc: str
    sentence: Span
    extractor: str
    confidence: float

    def to_json(self) -> dict[str, Any]:
        return {
            "sentence": {"start": self.sentence.start, "end": self.sentence.end},
            "extractor": self.extractor,
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True)
class Triple:
    """One subject–relation–object fact with its evidence.

    ``qualifiers`` is a tuple of (key, value) pairs so the triple stays hashable; values
    are strings, :class:`EntityRef` (the addressee, the report a quote was made in) or a tuple
    of EntityRefs (``mentions``: the entities a statement names, kg/mentions.py).
    """

    relation: str
    subject: EntityRef
    object: TripleObject
    evidence: Evidence
    cue: Span | None = None
    qualifiers: tuple[tuple[str, Any], ...] = ()

    @property
    def doc(self) -> str:
        return self.evidence.doc

    @property
    def id(self) -> str:
        """Deterministic: the same fact in the same place always has the same id."""
        obj = self.object
        where = (obj.span.start, obj.span.end) if obj.span else (obj.id,)
        return "t:" + stable_hash(self.doc, self.relation, self.subject.id, *where)

    def qualifier(self, key: str, default: Any = None) -> Any:
        return dict(self.qualifiers).get(key, default)

    def to_json(self) -> dict[str, Any]:
        quals: dict[str, Any] = {}
        for key, value in self.qualifiers:
            if isinstance(value, tuple):  # "mentions": entity refs in order of appearance
                quals[key] = [v.to_json() if hasattr(v, "to_json") else v for v in value]
            else:
                quals[key] = value.to_json() if hasattr(value, "to_json") else value
        return {
            "id": self.id,
            "doc": self.doc,
            "relation": self.relation,
            "subject": self.subject.to_json(),
            "object": self.object.to_json(),
            "cue": self.cue.to_json() if self.cue else None,
            "qualifiers": quals,
            "evidence": self.evidence.to_json(),
        }


@dataclass(frozen=True)
class Skip:
    """A document that was not processed, and why (recorded, never raised)."""

    doc: str
    reason: str
    source: str | None = None


@dataclass(frozen=True)
class OpenDescription:
    """A description ("the former secretary of state") that its article alone does not tie to one
    person, with what the corpus needs to (``kg.descriptions.link_across``): its role head
    ("secretary"; "vice+president" for a lesser office), the organisations and parties it names,
    and the people named before it in the article, one of whom it may be."""

    span: Span
    head: str
    orgs: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    candidates: tuple[str, ...] = ()
    past: bool = False  # "the former secretary": a role held before
    standing: tuple[str, ...] = ()  # role classes its modifiers name ("the billionaire candidate": business)
    # the nameless person its article made of these words (a speaker "the former secretary of state
    # said"), when every time the article writes them it left them open: the person the corpus ties
    # the description to takes that node's statements (kg.corpus.settle)
    node: str | None = None
    # a bare head ("the candidate"): the candidates named just before it, one of whom it must be
    near: tuple[str, ...] | None = None
    # the genders ('m', 'f') of the "he"/"she" the article resolved to that nameless node: the person the
    # corpus ties the words to must be of that gender to take its statements
    genders: tuple[str, ...] = ()
    # a bare head: the people its article names only after it, and whether it stands in a quotation
    later: tuple[str, ...] = ()
    quoted: bool = False
    doc: str = ""  # the article that wrote it: a tie adds its words to how that article named the person
    outsider: bool = False  # "the political neophyte": one who holds or held no political office
    firms: tuple[str, ...] = ()  # organisations it names by name: the person's roles must name them

    def to_json(self) -> dict[str, Any]:
        return {"span": self.span.to_json(), "head": self.head, "orgs": list(self.orgs),
                "parties": list(self.parties), "candidates": list(self.candidates), "past": self.past,
                "standing": list(self.standing), "node": self.node,
                "near": None if self.near is None else list(self.near), "genders": list(self.genders),
                "later": list(self.later), "quoted": self.quoted, "doc": self.doc,
                "outsider": self.outsider, "firms": list(self.firms)}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> OpenDescription:
        """The inverse of :meth:`to_json` (fields a file of an older kg lacks take their defaults)."""
        return cls(Span(d["span"]["start"], d["span"]["end"], d["span"]["text"]), d["head"], tuple(d["orgs"]),
                   tuple(d["parties"]), tuple(d["candidates"]), past=d.get("past", False),
                   standing=tuple(d.get("standing", ())), node=d.get("node"),
                   near=None if d.get("near") is None else tuple(d["near"]), genders=tuple(d.get("genders", ())),
                   later=tuple(d.get("later", ())), quoted=d.get("quoted", False), doc=d.get("doc", ""),
                   outsider=d.get("outsider", False), firms=tuple(d.get("firms", ())))


@dataclass
class DocResult:
    """Everything extracted from one document."""

    document: Document
    entities: list[Entity] = field(default_factory=list)
    triples: list[Triple] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    descriptions: list[OpenDescription] = field(default_factory=list)  # left for the corpus to resolve
