"""``kg extract NEW... -o OUT --append``: a corpus that grows without extracting it again.

OUT's ``.kg-state/results.jsonl`` holds every extracted document's result, losslessly (see
:mod:`kg.state`). An append replays those results, extracts only the new documents, and
builds the graph from old and new together, in that order: exactly what one run over the old
inputs followed by the new ones builds. So entities merge across old and new articles, the
corpus-wide short-name merge ("Trump" into Donald Trump) is decided on the whole corpus, and
every id is the one a full run gives. The NLP, which is nearly all of a run's time, runs on
the new documents only.

A document already in OUT is left out: by id (the same article read again), or by content
hash (the same text under another name). A document whose id is in OUT with a different text
is a recorded skip, never a silent replacement. The model and size limit must be OUT's own.
An interrupted append is finished by running it again: what it extracted is saved already.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from kg.model import DocResult, Document, Skip
from kg.state import RunState, content_hash

KEPT_SETTINGS = ("model", "max_chars")


class AppendError(ValueError):
    """An append that would mix two incompatible runs; nothing has been written."""


@dataclass
class Append:
    """One append into an output folder: the saved results, then the new documents."""

    state: RunState
    ids: dict[str, str | None] = field(default_factory=dict)  # id -> content hash (None: not recorded)
    hashes: set[str] = field(default_factory=set)
    present: int = 0  # new inputs left out because OUT holds them already

    @classmethod
    def start(cls, state: RunState, saved: dict[str, Any], settings: dict[str, Any]) -> Append:
        """Check this run may add to ``state``'s run, and record the inputs it adds.

        Raises:
            AppendError: the model or size limit differ from the saved run's.
        """
        changed = [k for k in KEPT_SETTINGS if saved.get(k) != settings.get(k)]
        if changed:
            raise AppendError(f"cannot append: {', '.join(changed)} differ from the run that made this folder "
                              f"({', '.join(f'{k}={saved.get(k)!r}' for k in changed)}); "
                              "use the same options, or extract into a new folder")
        inputs = list(saved.get("inputs", []))
        inputs += [p for p in settings.get("inputs", []) if p not in inputs]
        state.extend({**settings, "inputs": inputs})
        return cls(state)

    def replay(self) -> Iterator[DocResult]:
        """The saved results, in their order, noting each document's id and hash."""
        for result, digest in self.state.saved():
            self.ids[result.document.id] = digest
            if digest:
                self.hashes.add(digest)
            yield result

    def new_only(self, items: Iterable[Document | Skip]) -> Iterator[Document | Skip]:
        """The input without the documents OUT holds; an id held with another text becomes a Skip.

        Consumed after :meth:`replay`, so every saved id is known by then.
        """
        for item in items:
            if isinstance(item, Document):
                digest = content_hash(item.text)
                if item.id in self.ids:
                    saved = self.ids[item.id]
                    if saved is None or saved == digest:
                        self.present += 1
                        continue
                    yield Skip(item.id, "a document with this id is already in the output folder with a different "
                                        "text; give it another id to add it", item.source)
                    continue
                if digest in self.hashes:
                    self.present += 1
                    continue
                self.ids[item.id] = digest
                self.hashes.add(digest)
            yield item
