"""The attribute ruler's rules answered from a table keyed by each word's tag, text and dependency.

spaCy's ``attribute_ruler`` gives every word its part of speech and morphology (and a few
lemmas) from ~180 Matcher patterns over the tag, the lowercase text and the dependency label.
Running the Matcher over every word of every Doc cost as much as the parser (about 10% of the
whole pipeline on news). The patterns only ever test one word's (tag, lowercase, dependency,
is-space), plus a handful of two-word sequences, so kg evaluates each pattern once per new
such key and keeps the answer: the same attributes, set in the same order (a later rule wins, as
with spaCy's sort by rule number), written as one array per Doc.

:func:`tabled` builds the table from the model's own ruler, so it follows whatever patterns the
model ships; a pattern using anything the table cannot answer (operators, other attributes or
predicates) leaves spaCy's own component in place (``None``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

# what a pattern may test, and the column of the word's key holding it
KEY_COLUMNS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
KEY_ATTRS = [TAG, LOWER, DEP, IS_SPACE]
# what kg writes as arrays; any other attribute a rule sets is set word by word as spaCy does
ARRAY_ATTRS = (POS, MORPH, LEMMA)
# keys answered at most (a (tag, word, dependency) each): bounded like kg.lemmas' cache
MAX_CACHED = 200_000

# a word's text (or dependency) that no pattern names nor matches: every such word answers alike,
# so the table holds one row per tag for them instead of one per word of the language
OTHER = -1
NORMALISED = (1, 2)  # the key columns read through OTHER: LOWER and DEP (tags are few)

Key = tuple[int, int, int, int]
WordTest = Callable[[Key], bool]


class _Named:
    """Per normalised key column, the values the patterns name and the regexes they match by: a
    word whose text (or dependency) is none of them and matches none is read as OTHER."""

    def __init__(self) -> None:
        self.values: dict[int, set[int]] = {column: set() for column in NORMALISED}
        self.searches: dict[int, list[Callable[[str], object]]] = {column: [] for column in NORMALISED}

    def note(self, column: int, hashes: Iterable[int] = (), search: Callable[[str], object] | None = None) -> None:
        """Record values (or a regex) a pattern names for ``column``; other columns need none."""
        if column in NORMALISED:
            self.values[column].update(hashes)
            if search is not None:
                self.searches[column].append(search)


def _value_test(column: int, wanted: object, strings, named: _Named) -> Callable[[Key], bool] | None:
    """A test of one column of a word's key for one pattern value (noted in ``named`` for a
    normalised column); None if unsupported."""
    if column == 3:  # IS_SPACE: a boolean flag
        if not isinstance(wanted, bool):
            return None
        return lambda key: bool(key[3]) is wanted
    if isinstance(wanted, str):
        target = strings.add(wanted)
        named.note(column, (target,))
        return lambda key: key[column] == target
    if isinstance(wanted, dict) and len(wanted) == 1:
        (predicate, value), = wanted.items()
        if predicate in ("IN", "NOT_IN") and isinstance(value, list) and all(isinstance(v, str) for v in value):
            hashes = frozenset(strings.add(v) for v in value)
            named.note(column, hashes)
            if predicate == "IN":
                return lambda key: key[column] in hashes
            return lambda key: key[column] not in hashes
        if predicate == "REGEX" and isinstance(value, str):
            search = re.compile(value).search
            named.note(column, search=search)
            return lambda key: key[column] != OTHER and search(strings[key[column]]) is not None
    return None


def _word_test(spec: dict, strings, named: _Named) -> WordTest | None:
    """A test of one word's key for one token pattern; None if the pattern needs anything else."""
    tests = []
    for name, wanted in spec.items():
        column = KEY_COLUMNS.get(name.upper())
        test = None if column is None else _value_test(column, wanted, strings, named)
        if test is None:
            return None
        tests.append(test)
    return lambda key: all(test(key) for test in tests)


class TabledAttributes:
    """Sets a Doc's attributes as the ruler would, from a cache of its rules' answers per word."""

    def __init__(self, rules: list[tuple[list[list[WordTest]], dict, int]], named: _Named, strings) -> None:
        # rules in the ruler's order: (alternative sequences of word tests, attrs, index)
        self.named = named
        self.strings = strings
        self.seen: dict[int, dict[int, int]] = {column: {} for column in NORMALISED}
        self.attrs = [attrs for _, attrs, _ in rules]
        self.single = [(n, [seq[0] for seq in alts if len(seq) == 1]) for n, (alts, _, _) in enumerate(rules)]
        self.longer = [(n, seq, index) for n, (alts, _, index) in enumerate(rules) for seq in alts if len(seq) > 1]
        # per key: the one-word rules it matches, and the longer sequences its word may start
        self.answers: dict[Key, tuple[tuple[int, ...], tuple[int, ...]]] = {}
        self.folded: dict[tuple[int, ...], tuple[dict[int, int], dict]] = {}

    def _key(self, row: list[int]) -> Key:
        """The word's key with a text or dependency no pattern names or matches read as OTHER."""
        for column in NORMALISED:
            value = row[column]
            seen = self.seen[column]
            kept = seen.get(value)
            if kept is None:
                if len(seen) >= MAX_CACHED:
                    seen.clear()
                text = self.strings[value]
                named = value in self.named.values[column] or any(
                    search(text) for search in self.named.searches[column])
                kept = seen[value] = value if named else OTHER
            row[column] = kept
        return tuple(row)

    def _answer(self, key: Key) -> tuple[tuple[int, ...], tuple[int, ...]]:
        answer = self.answers.get(key)
        if answer is None:
            if len(self.answers) >= MAX_CACHED:
                self.answers.clear()
            answer = self.answers[key] = (
                tuple(n for n, tests in self.single if any(test(key) for test in tests)),
                tuple(s for s, (_, seq, _) in enumerate(self.longer) if seq[0](key)))
        return answer

    def _fold(self, rules: tuple[int, ...]) -> tuple[dict[int, int], dict]:
        """The attributes rules set on one word, applied in rule order (a later one wins)."""
        folded = self.folded.get(rules)
        if folded is None:
            merged: dict = {}
            for n in rules:
                merged.update(self.attrs[n])
            arrays = {attr: merged.pop(attr) for attr in ARRAY_ATTRS if attr in merged}
            folded = self.folded[rules] = (arrays, merged)
        return folded

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        keys = [self._key(row) for row in doc.to_array(KEY_ATTRS).tolist()]
        answers = [self._answer(key) for key in keys]
        hits = [rules for rules, _ in answers]
        for start, (_, sequences) in enumerate(answers):
            for s in sequences:
                self._add_match(keys, hits, start, s)
        values = doc.to_array(list(ARRAY_ATTRS))
        for i, rules in enumerate(hits):
            if not rules:
                continue
            arrays, others = self._fold(rules)
            row = values[i]
            for column, attr in enumerate(ARRAY_ATTRS):
                value = arrays.get(attr)
                if value is not None:
                    row[column] = value
            if others:
                set_token_attrs(doc[i], others)
        doc.from_array(list(ARRAY_ATTRS), values)
        return doc

    def _add_match(self, keys: list[Key], hits: list[tuple[int, ...]], start: int, s: int) -> None:
        """A sequence of two or more words matching at ``start`` adds its rule to the word it points at."""
        n, seq, index = self.longer[s]
        end = start + len(seq)
        if end > len(keys) or not all(test(keys[start + k]) for k, test in enumerate(seq[1:], 1)):
            return
        target = (start if index >= 0 else end) + index
        if start <= target < end and n not in hits[target]:
            hits[target] = tuple(sorted((*hits[target], n)))


def tabled(ruler: AttributeRuler) -> TabledAttributes | None:
    """The table for ``ruler``'s patterns, or None if any pattern needs the Matcher itself."""
    strings = ruler.vocab.strings
    named = _Named()
    rules = []
    for n, pattern in enumerate(ruler.patterns):
        alternatives = []
        for sequence in pattern["patterns"]:
            tests = [_word_test(spec, strings, named) for spec in sequence]
            if not tests or any(test is None for test in tests):
                return None
            alternatives.append(tests)
        rules.append((alternatives, ruler.attrs[n], ruler.indices[n]))
    return TabledAttributes(rules, named, strings)
