"""Social-media handles and the names they spell ("@realDonaldTrump", "tedcruz", "GovChristie").

Pure string functions, apart from kg.descriptions (which imports spaCy) so the corpus merge in
kg.graph can match a handle to a person without loading the model.
"""

from __future__ import annotations

import re

# words a handle may put before a name: "realDonaldTrump", "GovMikeHuckabee", "SenSanders"
HANDLE_PREFIXES = ("real", "the", "gov", "governor", "sen", "senator", "rep", "mayor", "dr", "potus", "speaker",
                   "president")


def handle_letters(handle: str) -> str:
    """A handle folded for comparison: lowercase letters and digits ("@Ted_Cruz" → "tedcruz")."""
    return re.sub(r"[^a-z0-9]", "", handle.lower())


def spellings(name: str) -> set[str]:
    """The handles a full name spells: its letters, after any prefix ("realdonaldtrump"), and a
    title before the surname ("govchristie"). None for a one-word name."""
    words = [re.sub(r"[^a-z]", "", w.lower()) for w in name.split()]
    if len(words) < 2 or not all(words):
        return set()
    full = "".join(words)
    titled = {prefix + words[-1] for prefix in HANDLE_PREFIXES[2:]}
    return {full} | {prefix + full for prefix in HANDLE_PREFIXES} | titled
