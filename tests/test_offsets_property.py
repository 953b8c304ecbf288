"""Offsets stay true on any input: property tests over random and adversarial text.

Every span a result records (the subject's mention, the object span, the cue, the evidence
sentence, an EntityRef qualifier's mention, every entity mention) must satisfy
``text[start:end] == span.text``, and extraction must never raise. The text is built from
fragments chosen to hit the extractors' rules (names, speech and finding verbs, role nouns,
quotation marks of every kind, nested and unbalanced) mixed with unicode that changes length
under case mapping or normalisation, and arbitrary text. Examples are bounded for CI.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kg.export.jsonl import triple_line
from kg.graph import KnowledgeGraph
from kg.model import DocResult, Document, EntityRef, Span
from kg.pipeline import extract_document

pytestmark = pytest.mark.model

NAMES = ["Jane Doe", "Donald Trump", "President Donald Trump", "Trump", "Mr. Smith", "Jeff Sessions'",
         "the attorney general", "the president", "he", "she", "they", "It", "the ACLU", "prosecutors",
         "ACLU lawyers", "The Justice Department", "Zoë Ðjokić", "İsmail Şahin", "José Ñúñez", "O'Brien"]
VERBS = ["said", "told reporters", "says", "added", "according to", "found that", "concluded that", "is the",
         ", the mayor,", ", who is the chief of staff,", "wrote", "argued", "asked", "was told by", "said:"]
REPORTS = ["The report", "A study by the GAO", "an investigation", "The inspector general's review", "the poll"]
QUOTES = ['"', "“", "”", "'", "‘", "’", "«", "»", "„", "``", "''", '""', "“‘", "’”", '"\'', "'\""]
PUNCT = [".", ",", ":", ";", "—", " - ", "(", ")", "...", "?", "!", "[", "]", "/", "&", "*"]
SPACES = [" ", " ", " ", "\n", "\r\n", "\t", "\u00a0", "\u2028", "\n\n", "\r\n\r\n", "  ", "\u200b"]
ODD = ["é", "e\u0301", "ﬁ", "ß", "İ", "ǅ", "北京", "🙂", "👩‍👩‍👧", "\u202e", "\ufeff", "\ufffd", "x" * 300,
       "Ⅻ", "٣", "\u0000", "\x1b[0m", "http://example.com/a?b=c&d=e", "#hashtag", "@handle", "$5.2bn", "3:15 p.m."]
WORDS = ["the", "bridge", "would", "open", "in", "May", "costs", "rose", "and", "that", "it", "was", "not", "fair",
         "we", "will", "win", "policy", "children", "border"]

fragment = st.one_of(
    st.sampled_from(NAMES), st.sampled_from(VERBS), st.sampled_from(REPORTS), st.sampled_from(QUOTES),
    st.sampled_from(PUNCT), st.sampled_from(WORDS), st.sampled_from(ODD),
    st.text(max_size=6),
)
separator = st.sampled_from(SPACES + ["", "", ""])
texts = st.lists(st.tuples(fragment, separator), min_size=1, max_size=80).map(
    lambda parts: "".join(f + s for f, s in parts))

# Sentence-shaped text: the shapes the extractors look for, with noise in every slot.
sentences = st.builds(
    lambda who, verb, q1, words, q2, tail: f"{who} {verb} {q1}{' '.join(words)}{q2} {tail}",
    st.sampled_from(NAMES + REPORTS), st.sampled_from(VERBS), st.sampled_from(QUOTES + [""]),
    st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(QUOTES), st.sampled_from(ODD)), max_size=30),
    st.sampled_from(QUOTES + [""]), st.sampled_from([".", "", "\r\n", " on Monday.", ", he said.", "”"]),
)
articles = st.lists(st.tuples(sentences, separator), min_size=1, max_size=12).map(
    lambda parts: "".join(f + s for f, s in parts))

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True, print_blob=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def spans_of(result: DocResult) -> list[tuple[str, Span]]:
    spans: list[tuple[str, Span]] = []
    for t in result.triples:
        spans += [("subject", t.subject.mention), ("sentence", t.evidence.sentence)]
        if t.object.span is not None:
            spans.append(("object", t.object.span))
        if t.cue is not None:
            spans.append(("cue", t.cue))
        spans += [(f"qualifier {k}", v.mention) for k, v in t.qualifiers if isinstance(v, EntityRef)]
    for entity in result.entities:
        spans += [(f"entity {entity.id}", m) for m in entity.mentions]
    return spans


def check(nlp, text: str) -> DocResult:  # noqa: ANN001
    """Extract, then check every recorded span and that every output record serialises."""
    result = extract_document(Document(id="prop", text=text), nlp(text))
    for what, span in spans_of(result):
        assert 0 <= span.start <= span.end <= len(text), (what, span)
        assert text[span.start:span.end] == span.text, (what, span, text[span.start:span.end])
    for triple in result.triples:
        assert json.loads(triple_line(triple))["doc"] == "prop"
    KnowledgeGraph().add(result)
    return result


@SETTINGS
@given(text=texts)
@example(text='"""“‘’”« »„')
@example(text="İİİ Jane Doe said “İstanbul is big.” ﬁne.")
@example(text='Jane Doe said "He said \'she said "no" to me\' yesterday" and left.')
@example(text="“Unclosed quotation, said Jane Doe.\r\n\r\nAnother “ paragraph ” ” “")
def test_offsets_true_on_random_text(nlp, text):
    check(nlp, text)


@SETTINGS
@given(text=articles)
@example(text="Jeff Sessions, the attorney general, said “we will take away children.” The report found "
              "that costs rose.\r\nHe told reporters: “Nothing’s ‘final’.”")
def test_offsets_true_on_sentence_shaped_text(nlp, text):
    check(nlp, text)


def test_a_very_long_sentence_with_quotes_everywhere(nlp):
    words = " ".join(f"word{i} “said” Jane Doe ‘{i}’" for i in range(400))
    check(nlp, f'Jane Doe, the mayor, said "{words}" and Tom Smith told reporters "{words[:2000]}".')


def test_a_very_long_line_without_spaces(nlp):
    check(nlp, "Jane Doe said " + "x" * 100_000 + " on Monday.")
