"""What ``kg extract --resume`` needs: every finished document's result, saved as it finishes.

``OUTDIR/.kg-state/results.jsonl`` holds one line per extracted document — its metadata,
entities, triples and warnings, losslessly — appended and flushed the moment the document is
done, so a killed run loses at most the document in flight. ``run.json`` beside it records the
inputs, so a resume with different inputs is refused instead of mixing two corpora. On resume
the saved results are replayed in their original order (which rebuilds the graph and
``triples.jsonl`` exactly) and only documents whose id is not saved are read again. Skipped
documents are not saved: they are cheap to judge again, and a file fixed since is then read.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from kg.model import (
    DocResult,
    Document,
    Entity,
    EntityRef,
    Evidence,
    OpenDescription,
    Span,
    Triple,
    TripleObject,
    stable_hash,
)

STATE_DIR = ".kg-state"
FORMAT = 1


class ResumeError(ValueError):
    """A resume that would give wrong results (the inputs changed since the interrupted run)."""


# -- lossless JSON for DocResult --------------------------------------------------------
def _span(span: Span | None) -> list[Any] | None:
    return None if span is None else [span.start, span.end, span.text]


def _unspan(data: list[Any] | None) -> Span | None:
    return None if data is None else Span(int(data[0]), int(data[1]), str(data[2]))


def _ref(ref: EntityRef) -> dict[str, Any]:
    return {"id": ref.id, "name": ref.name, "type": ref.type, "mention": _span(ref.mention)}


def _unref(data: dict[str, Any]) -> EntityRef:
    return EntityRef(data["id"], data["name"], data["type"], _unspan(data["mention"]))  # type: ignore[arg-type]


def _triple(t: Triple) -> dict[str, Any]:
    ev = t.evidence
    return {
        "relation": t.relation,
        "subject": _ref(t.subject),
        "object": {"id": t.object.id, "name": t.object.name, "type": t.object.type, "span": _span(t.object.span),
                   "parts": [_span(p) for p in t.object.parts]},
        "evidence": {"doc": ev.doc, "sentence": _span(ev.sentence), "extractor": ev.extractor,
                     "confidence": ev.confidence},
        "cue": _span(t.cue),
        # an EntityRef qualifier (or a tuple of them: mentions) is tagged so it comes back as one, not as a dict
        "qualifiers": [[k, _qualifier(v)] for k, v in t.qualifiers],
    }


def _qualifier(value: Any) -> Any:
    if isinstance(value, EntityRef):
        return {"ref": _ref(value)}
    if isinstance(value, tuple):
        return {"refs": [_ref(v) for v in value]}
    return value


def _unqualifier(value: Any) -> Any:
    if isinstance(value, dict) and "ref" in value:
        return _unref(value["ref"])
    if isinstance(value, dict) and "refs" in value:
        return tuple(_unref(v) for v in value["refs"])
    return value


def _untriple(d: dict[str, Any]) -> Triple:
    obj, ev = d["object"], d["evidence"]
    quals = tuple((k, _unqualifier(v)) for k, v in d["qualifiers"])
    return Triple(
        relation=d["relation"],
        subject=_unref(d["subject"]),
        object=TripleObject(id=obj["id"], name=obj["name"], type=obj["type"], span=_unspan(obj["span"]),
                            parts=tuple(_unspan(p) for p in obj.get("parts", ()))),  # type: ignore[misc]
        evidence=Evidence(ev["doc"], _unspan(ev["sentence"]), ev["extractor"], ev["confidence"]),  # type: ignore[arg-type]
        cue=_unspan(d["cue"]),
        qualifiers=quals,
    )


def result_to_json(result: DocResult) -> dict[str, Any]:
    """Everything about a document's result except its text (offsets and span words suffice)."""
    doc = result.document
    return {
        "document": {"id": doc.id, "title": doc.title, "url": doc.url, "date": doc.date, "source": doc.source,
                     "hash": content_hash(doc.text)},
        "entities": [{"id": e.id, "type": e.type, "name": e.name, "aliases": list(e.aliases),
                      "mentions": [_span(m) for m in e.mentions]} for e in result.entities],
        "triples": [_triple(t) for t in result.triples],
        "warnings": list(result.warnings),
        "descriptions": [d.to_json() for d in result.descriptions],
    }


def content_hash(text: str) -> str:
    """A document's text, fingerprinted: ``--append`` knows an article it already holds under a new name."""
    return stable_hash(text, length=32)


def result_from_json(data: dict[str, Any]) -> DocResult:
    """The inverse of :func:`result_to_json` (the document's text comes back empty)."""
    d = data["document"]
    return DocResult(
        document=Document(id=d["id"], text="", title=d["title"], url=d["url"], date=d["date"], source=d["source"]),
        entities=[Entity(e["id"], e["type"], e["name"], tuple(e["aliases"]),
                         tuple(_unspan(m) for m in e["mentions"])) for e in data["entities"]],  # type: ignore[misc]
        triples=[_untriple(t) for t in data["triples"]],
        warnings=list(data["warnings"]),
        descriptions=[OpenDescription.from_json(d) for d in data.get("descriptions", [])],
    )


# -- the state folder -------------------------------------------------------------------
class RunState:
    """The ``.kg-state`` folder of one output folder: run settings plus finished results."""

    def __init__(self, out_dir: Path) -> None:
        self.dir = Path(out_dir) / STATE_DIR
        self.results = self.dir / "results.jsonl"
        self.settings = self.dir / "run.json"
        self._stream: IO[str] | None = None

    def start(self, settings: dict[str, Any]) -> None:
        """Begin a new run: forget any earlier state."""
        # in this order, so a kill at any point never pairs these settings with older results
        self.dir.mkdir(parents=True, exist_ok=True)
        self.settings.unlink(missing_ok=True)
        self.results.write_text("", encoding="utf-8")
        partial = self.dir / ".run.json.partial"
        partial.write_text(json.dumps({"format": FORMAT, **settings}, indent=2), encoding="utf-8")
        os.replace(partial, self.settings)

    def resume(self, settings: dict[str, Any]) -> Iterator[DocResult]:
        """The saved results, in order, after checking the run is the same; the file is then
        cut after its last complete line (a kill mid-write leaves a torn one) for appending."""
        if not self.settings.exists():
            self.start(settings)
            return iter(())
        try:
            saved = json.loads(self.settings.read_text(encoding="utf-8"))
            if not isinstance(saved, dict):
                raise ValueError("not a JSON object")
        except (OSError, ValueError) as err:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
            raise ResumeError(f"cannot resume: the saved run state {self.settings} is unreadable ({err}); "
                              "run without --resume to start again") from None
        saved.pop("format", None)
        changed = sorted(k for k in settings if saved.get(k) != settings[k])
        if changed:
            raise ResumeError(f"cannot resume: {', '.join(changed)} differ from the interrupted run "
                              f"({', '.join(f'{k}={saved.get(k)!r}' for k in changed)}); "
                              "run without --resume to start again")
        return self._replay()

    def _replay(self) -> Iterator[DocResult]:
        for result, _hash in self.saved():
            yield result

    def saved(self) -> Iterator[tuple[DocResult, str | None]]:
        """Every saved result with its text's :func:`content_hash` (None in states older than
        the hash), in order; then the file is cut after its last complete line for appending."""
        good = 0
        self.results.touch()  # killed between writing run.json and results.jsonl: nothing finished
        with self.results.open("rb") as stream:
            for line in stream:
                if not line.endswith(b"\n"):
                    break
                try:
                    data = json.loads(line)
                    result = result_from_json(data)
                except (ValueError, KeyError, TypeError, IndexError):
                    break
                good += len(line)
                yield result, data["document"].get("hash")
        with self.results.open("rb+") as stream:
            stream.truncate(good)

    def extend(self, settings: dict[str, Any]) -> None:
        """Record new settings (an ``--append`` adds inputs) and keep the saved results."""
        self.dir.mkdir(parents=True, exist_ok=True)
        self.results.touch()
        partial = self.dir / ".run.json.partial"
        partial.write_text(json.dumps({"format": FORMAT, **settings}, indent=2), encoding="utf-8")
        os.replace(partial, self.settings)

    def save(self, result: DocResult) -> None:
        """Append one finished document and flush it to the operating system."""
        if self._stream is None:
            self._stream = self.results.open("a", encoding="utf-8")
        self._stream.write(json.dumps(result_to_json(result), ensure_ascii=False) + "\n")
        self._stream.flush()

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()
            self._stream = None
