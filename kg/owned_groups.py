"""The nouns of a group or organisation of a person ("Trump's campaign", "Sanders supporters").

Kept apart from kg.entities (which imports spaCy) so the graph's corpus merge can fold them
without loading the model. The nouns are data: ``kg/lexicons/owned_groups.txt``.
"""

from __future__ import annotations

from functools import cache

from kg.lexicons import load_pairs


def owned_noun(noun: str) -> str:
    """The noun a group of a person is named with: "camp" → campaign, "backers" → supporters."""
    low = noun.lower()
    return _folded().get(low, low)


@cache
def owned_nouns() -> frozenset[str]:
    """The nouns of a group or organisation of a person as written ("campaign", "camp", "backers")."""
    return frozenset(_folded())


@cache
def _folded() -> dict[str, str]:
    return {row[0].strip().lower(): row[1].strip().lower() for row in load_pairs("owned_groups") if len(row) == 2}
