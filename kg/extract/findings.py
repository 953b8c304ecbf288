"""report → found: what reports, polls, studies and data found.

Rules:
- a document noun (lexicon ``document_nouns``) as the subject of a finding verb (lexicon
  ``finding_verbs``): its complement clause (or object) is the finding;
- headline form "…, new Justice Department report finds": the text before the comma;
- the author organisation from a compound or "from" phrase ("a Justice Department report",
  "a draft report from the department's inspector general").
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from kg.entities import EntityIndex
from kg.lexicons import load_words
from kg.model import EntityRef, Evidence, Triple, TripleObject

EXTRACTOR = "findings.rules/1"
DOCUMENT_NOUNS = load_words("document_nouns")
FINDING_VERBS = load_words("finding_verbs")
MODIFIERS_OF_NAME = {"amod", "compound", "nmod"}
DETERMINERS = {"a", "an", "the", "that", "this", "these", "those", "its", "their"}


def _report_name(noun: Token) -> tuple[str, int, int, str | None, tuple[int, int] | None]:
    """The report's name (modifiers + noun), its span, and its author words if given."""
    mods = [t for t in noun.lefts if t.dep_ in MODIFIERS_OF_NAME or t.dep_ == "poss"]
    left = min([noun.i] + [t.left_edge.i for t in mods])
    words = [t for t in noun.doc[left:noun.i + 1] if t.lower_ not in DETERMINERS and not t.is_punct]
    author_tokens = [t for t in words if t.ent_type_ in ("ORG", "GPE", "PERSON") or
                     (t.is_title and t.pos_ == "PROPN")]
    author = None
    author_span = None
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            pobj = [t for t in child.subtree if t.i != child.i]
            if pobj:
                author_span = (pobj[0].idx, pobj[-1].idx + len(pobj[-1].text))
                author = noun.doc.text[author_span[0]:author_span[1]]
    if author is None and author_tokens:
        author_span = (author_tokens[0].idx, author_tokens[-1].idx + len(author_tokens[-1].text))
        author = noun.doc.text[author_span[0]:author_span[1]]
    name_words = [t for t in words if t.lower_ not in ("new", "latest", "recent")]
    start = words[0].idx if words else noun.idx
    name = " ".join(t.text for t in name_words) or noun.text
    return name, start, noun.idx + len(noun.text), author, author_span


def _clause_of(verb: Token) -> tuple[int, int] | None:
    for child in verb.children:
        if child.dep_ in ("ccomp", "dobj", "xcomp"):
            tokens = list(child.subtree)
            while tokens and (tokens[0].dep_ == "mark" or tokens[0].is_punct):
                tokens = tokens[1:]
            while tokens and tokens[-1].is_punct:
                tokens = tokens[:-1]
            if tokens:
                return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return None


def extract(doc: Doc, index: EntityIndex) -> Iterator[Triple]:
    """FOUND triples for document nouns that are subjects of finding verbs."""
    for sent in doc.sents:
        sentence = index.span_of(sent.start_char, sent.end_char)
        for noun in sent:
            if noun.lemma_.lower() not in DOCUMENT_NOUNS and noun.lower_ not in DOCUMENT_NOUNS:
                continue
            verb = noun.head
            if noun.dep_ in ("nsubj",) and verb.lemma_.lower() in FINDING_VERBS:
                bounds = _clause_of(verb)
            elif noun.dep_ in ("nsubj", "ROOT", "appos") and verb.lemma_.lower() in FINDING_VERBS:
                bounds = None
            else:
                bounds = None
                # headline form: "<finding>, new X report finds"
                finds = [c for c in noun.children if c.dep_ in ("relcl", "acl") and c.lemma_ in FINDING_VERBS]
                if not finds and not (verb.lemma_ in FINDING_VERBS and noun.dep_ == "nsubj"):
                    continue
            if bounds is None and noun.dep_ == "nsubj" and verb.lemma_.lower() in FINDING_VERBS:
                # "…, report finds" at the end: the finding is what stands before the comma
                before = [t for t in verb.children if t.dep_ in ("ccomp", "parataxis") and t.i < noun.i]
                if before:
                    tokens = list(before[0].subtree)
                    bounds = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
            if bounds is None:
                continue
            start, end = bounds
            text = doc.text
            while end > start and text[end - 1] in " ,.;:\"”":
                end -= 1
            while start < end and text[start] in " \"“":
                start += 1
            if end - start < 3:
                continue
            name, r_start, r_end, author, author_span = _report_name(noun)
            mention = index.span_of(r_start, r_end)
            report = index.mint("Report", name, mention)
            quals: list[tuple[str, object]] = []
            if author and author_span:
                org_mention = index.span_of(*author_span)
                org = index.mint("Organization", author, org_mention)
                quals.append(("author", org))
            yield Triple(
                relation="FOUND",
                subject=EntityRef(report.id, report.name, "Report", mention),
                object=TripleObject(span=index.span_of(start, end)),
                evidence=Evidence(index.doc_id, sentence, EXTRACTOR, 0.7),
                cue=index.span_of(verb.idx, verb.idx + len(verb.text)),
                qualifiers=tuple(quals),
            )
