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

__all__ = ["KEEP", "RUN", "defuse"]

RUN = 64  # no news text holds 64 punctuation marks in a row (a rule of dashes is the nearest)
KEEP = 8
_RUNS = re.compile(rf"[^\w\s]{{{RUN},}}")


def defuse(text: str) -> str:
    """``text`` with every run of :data:`RUN`+ punctuation/symbol characters cut to its first
    :data:`KEEP`, the rest blanked; ``len(defuse(t)) == len(t)`` always."""
    if len(text) < RUN:
        return text
    return _RUNS.sub(lambda m: m.group()[:KEEP] + " " * (len(m.group()) - KEEP), text)
