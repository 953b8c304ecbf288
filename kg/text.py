"""The text the model reads: the article with pathological character runs defused, same length.

spaCy's tokenizer strips prefixes and suffixes one character at a time, searching the rest
of the token again each time, so a run of n punctuation marks costs O(n²): 20,000 ``)`` take
39 s, 50,000 ``"`` take minutes and a gigabyte. No article needs such a run to be read: of a
run of :data:`RUN` or more punctuation or symbol characters, the model sees the first
:data:`KEEP` and spaces for the rest. Every character keeps its place (one character for one),
so each offset the model gives is an offset into the original text, which is what spans are
cut from (:func:`kg.pipeline.extract_document` restores their words from it).
"""

from __future__ import annotations

import re

__all__ = ["KEEP", "LONG_SENTENCE", "PIECE", "RUN", "defuse", "pieces", "quotations_only"]

RUN = 64  # no news text holds 64 punctuation marks in a row (a rule of dashes is the nearest)
KEEP = 8
_RUNS = re.compile(rf"[^\w\s]{{{RUN},}}")


def defuse(text: str) -> str:
    """``text`` with every run of :data:`RUN`+ punctuation/symbol characters cut to its first
    :data:`KEEP`, the rest blanked; ``len(defuse(t)) == len(t)`` always."""
    if len(text) < RUN:
        return text
    return _RUNS.sub(lambda m: m.group()[:KEEP] + " " * (len(m.group()) - KEEP), text)


# -- over-long sentences: read in pieces ------------------------------------------------------
# No news sentence comes near this (the longest of PolNeAR's 927 articles: ~1,000 characters);
# a stretch this long with no sentence end is a list, a dump or an attack.
LONG_SENTENCE = 5_000
# What the model reads of such a stretch at a time: a long sentence's worth, so its working
# memory stays that of an ordinary article and its parser never holds one 24,000-word sentence.
PIECE = 2_000
# A sentence ends at . ! ? … (closing marks after it included) before a space, or at a line break.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s|\n")
# Where to cut inside a stretch, best first: before a quotation opens ('…", | "…'), after a
# comma, semicolon or colon, after any space; failing all (one 2,000-character word), anywhere.
# (each pattern matches in linear time: no quantifier followed by a test that can fail)
_CUTS = (re.compile(r"(?<=\s)(?=[\"“‘]\S)"), re.compile(r"[,;:]\s+"), re.compile(r"\s+"))
_QUOTE_MARKS = re.compile(r'["“”\n]')
_CLOSES = {'"': '"', "“": "”"}
_WORD = re.compile(r"\w")


def pieces(text: str, *, long: int = LONG_SENTENCE, piece: int = PIECE) -> list[tuple[int, int]]:
    """``(start, end)`` pieces that cover ``text`` end to end, in order, for the model to read apart.

    Text with no stretch of ``long`` characters without a sentence end is one piece (every news
    article: its parse is exactly what it always was). A longer stretch is cut into pieces of
    at most ``piece`` characters at the best place in the second half of each (see ``_CUTS``),
    so no cut splits a word unless a word is that long; the text around stays whole.
    """
    if len(text) <= long:
        return [(0, len(text))]
    cuts: list[int] = []
    run_start = 0
    for m in _SENTENCE_END.finditer(text + "\n"):
        if m.start() - run_start > long:
            cuts.extend(_cut_points(text, run_start, m.start(), piece))
        run_start = m.end()
    bounds = [0, *cuts, len(text)]
    return list(zip(bounds, bounds[1:], strict=False))


def _cut_points(text: str, start: int, end: int, piece: int) -> list[int]:
    """Cut points inside the stretch ``text[start:end]``, at most ``piece`` apart."""
    out: list[int] = []
    at = start
    while end - at > piece:
        lo, hi = at + piece // 2, at + piece
        cut = hi
        for pattern in _CUTS:
            found = [m.end() for m in pattern.finditer(text, lo, hi) if m.end() < hi]
            if found:
                cut = found[-1]
                break
        out.append(cut)
        at = cut
    return out


def quotations_only(piece: str) -> bool:
    """Nothing but quotations and the punctuation between them ('"…", "…", "…"'): a piece of an
    over-long stretch the model need not read. kg attributes a quotation by the words around
    it (a cue, a speaker), which such a piece does not hold; its quotations are still found
    in the text, and continue a statement made before them. A quotation left open (at a line
    break or the piece's end) counts as words outside. One pass over the marks: linear time."""
    outside = 0  # where the text outside quotations resumes
    opened: tuple[int, str] | None = None  # where the open quotation starts, and its closing mark
    for m in _QUOTE_MARKS.finditer(piece):
        mark = m.group()
        if opened is None:
            if mark in _CLOSES:
                if _WORD.search(piece, outside, m.start()):
                    return False
                opened = (m.start(), _CLOSES[mark])
        elif mark == opened[1]:
            opened, outside = None, m.end()
        elif mark == "\n":  # a quotation never runs past its line: what it held was outside
            outside, opened = opened[0], None
    start = outside if opened is None else opened[0]
    return not _WORD.search(piece, start)
