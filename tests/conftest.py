"""Shared fixtures: the real spaCy model, the seed article, and the shared data folder."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = ROOT / "seeds" / "000_11ef9304a4508b62.txt"


@pytest.fixture(scope="session")
def nlp():
    """The real English pipeline, loaded once for the whole session."""
    from kg.nlp import load

    return load()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the project; tests that need it skip with a reason where it is absent."""
    if not (SHARED / "data").is_dir():
        pytest.skip(f"shared data folder not found at {SHARED} (clone-only checkout): dev-set floors not checked")
    return SHARED


@pytest.fixture(scope="session")
def seed_result(nlp):
    """The seed article run through the whole pipeline once (a DocResult)."""
    from kg.model import Document
    from kg.pipeline import extract_document

    text = SEED.read_text(encoding="utf-8")
    return extract_document(Document(id=SEED.stem, text=text), nlp(text))


def analyse(nlp, text: str, doc_id: str = "test"):
    """Run the pipeline on one sentence or paragraph; returns the DocResult."""
    from kg.model import Document
    from kg.pipeline import extract_document

    return extract_document(Document(id=doc_id, text=text), nlp(text))


def said(result) -> list:
    """The SAID triples of a DocResult, in order."""
    return [t for t in result.triples if t.relation == "SAID"]


def speaker_of(rows: list, words: str) -> str | None:
    """The speaker's name of the first statement among ``rows`` whose words hold ``words``; None
    when no statement does."""
    return next((t.subject.name for t in rows if words in t.object.span.text), None)


def shown(rows: list) -> list[tuple[str, str]]:
    """Each statement's speaker and words: what an assertion on speakers prints when it fails."""
    return [(t.subject.name, t.object.words) for t in rows]


@pytest.fixture(scope="session")
def dev_results(shared_dir, nlp) -> list:
    """Every PolNeAR dev article through the pipeline once per session (DocResults, in order).

    The dev-set floor tests all read this, so CI runs the 84 articles once, not once per test.
    """
    from kg.model import Document
    from kg.pipeline import extract_document

    texts = sorted((shared_dir / "data" / "polnear" / "dev" / "text").glob("*.txt"))
    docs = [Document(id=p.stem, text=p.read_text(encoding="utf-8")) for p in texts]
    return [extract_document(d, s) for d, s in zip(docs, nlp.pipe(d.text for d in docs), strict=True)]


def load_shared_module(shared: Path, name: str):
    """Import one of the project's scorers from ../shared/eval by file path."""
    return load_module_file(shared / "eval" / f"{name}.py", f"shared_eval_{name}")


def load_module_file(path: Path, name: str):
    """Import a script (a scorer of ../shared/eval or of scripts/) by its file path, as module ``name``."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def graph_server(tmp_path_factory):
    """One real local graph server (ArcadeDB + Bolt) for the whole session, on a free port in a temp dir.

    Java starts in a few seconds, so every ``server`` test shares it; tests that need an empty
    database wipe it first. Stopped at the end of the session.
    """
    from kg import server

    data_dir = tmp_path_factory.mktemp("kg-server")
    info = server.start(port=server.free_port(), data_dir=data_dir)
    yield info
    server.stop(data_dir=data_dir)


def attribution_rows(results) -> dict[str, list[dict]]:
    """SAID and FOUND triples as the PolNeAR scorer's rows (what ../shared/eval/from_triples.py writes)."""
    rows: dict[str, list[dict]] = {}
    for result in results:
        for t in result.triples:
            if t.relation in ("SAID", "FOUND") and t.object.span is not None:
                rows.setdefault(t.doc, []).append({
                    "doc": t.doc,
                    "speaker": [t.subject.mention.start, t.subject.mention.end],
                    "cue": [t.cue.start, t.cue.end] if t.cue else None,
                    "content": [t.object.span.start, t.object.span.end],
                })
    return rows


@pytest.fixture(scope="session")
def polnear_dev_scores(shared_dir, dev_results) -> dict[str, dict[str, float]]:
    """The shared PolNeAR scorer's table for the dev set: subset -> metric -> value."""
    scorer = load_shared_module(shared_dir, "polnear")
    gold = scorer.load_split(shared_dir / "data" / "polnear", "dev")
    return scorer.score(gold, attribution_rows(dev_results))
