"""The engines: batching, order, failures as skips, and identical output whatever the engine.

The first tests need no model (they pin the batching and ordering machinery with stand-ins);
the last ones run the real model on a few PolNeAR dev articles in this process, on a pool of
2 worker processes and on a Dask ``LocalCluster`` of 2 worker processes, and compare the
written ``triples.jsonl`` and ``graph.json`` byte for byte.
"""

from __future__ import annotations

import shutil
import textwrap
from concurrent.futures import Future
from pathlib import Path

import pytest

from kg import engine
from kg.model import DocResult, Document, Skip
from kg.nlp import DEFAULT_MODEL


def doc(doc_id: str, size: int = 10) -> Document:
    return Document(id=doc_id, text="x" * size)


# -- batching and order (no model) ----------------------------------------------------------
def test_batches_close_at_the_character_limit_and_skips_ride_free():
    items = [doc("a", 6), Skip("s", "empty", None), doc("b", 6), doc("c", 30), doc("d", 1)]
    cut = [[getattr(i, "id", None) or i.doc for i in b] for b in engine.batches(items, max_chars=10)]
    assert cut == [["a", "s", "b"], ["c"], ["d"]]


def test_batches_depend_only_on_the_stream():
    items = [doc(str(i), 3 + i % 7) for i in range(50)]
    assert list(engine.batches(iter(items), 20)) == list(engine.batches(list(items), 20))


def _done(value) -> Future:
    future: Future = Future()
    future.set_result(value)
    return future


def _failed(err: BaseException) -> Future:
    future: Future = Future()
    future.set_exception(err)
    return future


def test_ordered_keeps_order_bounds_in_flight_and_recovers_a_failed_unit():
    submitted: list[int] = []
    in_flight_seen: list[int] = []

    def submit(unit):
        submitted.append(unit[0])
        in_flight_seen.append(len(submitted) - len(yielded_units))
        return _failed(RuntimeError("worker died")) if unit[0] == 2 else _done([f"r{unit[0]}"])

    yielded_units: list[int] = []
    out = []
    for result in engine._ordered(([n] for n in range(6)), submit, 3, lambda unit: [f"again{unit[0]}"]):
        out.append(result)
        yielded_units.append(len(out))
    assert out == ["r0", "r1", "again2", "r3", "r4", "r5"]
    assert max(in_flight_seen) <= 3


def test_small_inputs_stay_in_this_process():
    small, items = engine._small_or_parallel([doc("a"), doc("b")])
    assert small and [i.id for i in items] == ["a", "b"]
    big = [doc(str(i), engine.PARALLEL_MIN_CHARS // 4) for i in range(10)]
    small, items = engine._small_or_parallel(iter(big))
    assert not small and list(items) == big


@pytest.mark.parametrize("kwargs", [dict(engine="spark"), dict(processes=0), dict(engine="dask", workers=0),
                                    dict(workers=2), dict(scheduler="tcp://127.0.0.1:1")])
def test_bad_options_are_refused_before_reading(kwargs):
    def never():
        raise AssertionError("read")
        yield

    with pytest.raises(ValueError):
        engine.run_documents(never(), **kwargs)


def test_a_worker_that_dies_costs_only_its_document(tmp_path, monkeypatch):
    """A document that kills its worker process (a native crash) becomes a Skip; the rest go on."""
    (tmp_path / "kg_crash_task.py").write_text(textwrap.dedent("""
        import os
        from kg.model import DocResult, Skip

        def task(batch, model):
            if any(getattr(item, "id", "") == "crash" for item in batch):
                os._exit(3)
            return [item if isinstance(item, Skip) else DocResult(document=item, entities=[], triples=[])
                    for item in batch]
    """))
    monkeypatch.syspath_prepend(str(tmp_path))
    import kg_crash_task

    items = [doc(f"d{i}", 8_000) for i in range(8)]
    items.insert(5, doc("crash", 8_000))
    items.insert(2, Skip("gone", "empty file", None))
    out = list(engine.run_pool(items, processes=2, task=kg_crash_task.task))
    ids = [r.document.id if isinstance(r, DocResult) else r.doc for r in out]
    assert ids == [getattr(i, "id", None) or i.doc for i in items]
    crashed = out[ids.index("crash")]
    assert isinstance(crashed, Skip) and "worker process died" in crashed.reason
    assert sum(isinstance(r, DocResult) for r in out) == 8


# -- the real model ---------------------------------------------------------------------------
@pytest.mark.model
def test_a_failing_extraction_is_a_skip_not_a_crash(monkeypatch):
    real = engine.extract_document

    def flaky(document, sdoc):
        if document.id == "bad":
            raise ValueError("boom")
        return real(document, sdoc)

    monkeypatch.setattr(engine, "extract_document", flaky)
    items = [Document("a", "The mayor said the bridge would open."), Document("bad", "It rained."),
             Skip("empty", "empty file", None), Document("c", "Police said two people were hurt.")]
    out = list(engine.run_documents(items, processes=1))
    assert [type(r).__name__ for r in out] == ["DocResult", "Skip", "Skip", "DocResult"]
    assert out[1].doc == "bad" and "extraction failed: ValueError: boom" in out[1].reason


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, shared_dir) -> Path:
    """Eight PolNeAR dev articles and one empty file (a skip), as a folder of files."""
    folder = tmp_path_factory.mktemp("corpus")
    for path in sorted((shared_dir / "data" / "polnear" / "dev" / "text").glob("*.txt"))[:8]:
        shutil.copy(path, folder / path.name)
    (folder / "empty.txt").write_text("")
    return folder


def _extract(corpus: Path, out: Path, **options) -> dict[str, bytes]:
    from kg.run import RunOptions, run_extract

    summary = run_extract([str(corpus)], RunOptions(out_dir=out, view=False, progress=False, **options))
    assert summary.extracted == 8 and len(summary.skipped) == 1
    return {name: (out / name).read_bytes() for name in ("triples.jsonl", "graph.json")}


@pytest.fixture(scope="module")
def local_output(corpus, tmp_path_factory, nlp) -> dict[str, bytes]:
    return _extract(corpus, tmp_path_factory.mktemp("local"), processes=1)


@pytest.mark.model
@pytest.mark.shared
@pytest.mark.slow
def test_process_pool_output_is_identical(corpus, local_output, tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "PARALLEL_MIN_CHARS", 0)  # this small input would stay in-process
    assert local_output["triples.jsonl"].count(b"\n") > 10
    assert _extract(corpus, tmp_path, processes=2) == local_output


@pytest.mark.model
@pytest.mark.shared
@pytest.mark.slow
def test_dask_local_cluster_output_is_identical(corpus, local_output, tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "SHARD_CHARS", 15_000)  # several shards, so both workers get some
    assert _extract(corpus, tmp_path, engine="dask", workers=2) == local_output


# -- spaCy's memory over a long run: one memory zone over many batches, renewed ------------------
def _made_up(n: int) -> Document:
    """A short article whose names are words no model has seen (so each makes new lexemes)."""
    words = [f"Zqv{n}x{k}" for k in range(6)]
    return Document(f"m{n}", f"{words[0]} {words[1]} met {words[2]} in {words[3]}. "
                             f"{words[4]} said {words[5]} would come back on Monday.")


def _zones(known_before: list[bool], sizes: list[int]) -> tuple[int, set[int]]:
    """How many zones a run of one-article batches used (a batch that no longer knows the
    words of the batch before starts one), and the strings held just after each zone's first
    batch: the same every time if the zone's words are freed, growing if they are kept."""
    starts = [i for i, known in enumerate(known_before) if not known]
    return len(starts), {sizes[i] for i in starts}


@pytest.mark.model
def test_a_long_run_reads_many_batches_in_one_zone_and_renews_it_so_memory_stays_bounded(nlp, monkeypatch):
    """Words made in one batch are still known in the next (no batch pays to make them again),
    yet the zone is renewed every ZONE_CHARS characters, so spaCy's strings never grow with the
    words a long run has seen, and the run leaves the vocabulary as it found it."""
    monkeypatch.setattr(engine, "ZONE_CHARS", 3 * len(_made_up(0).text))  # a zone: 3 batches
    before = len(nlp.vocab.strings)
    sizes: list[int] = []
    known_before: list[bool] = []
    with engine.kept_zone():
        for n in range(12):
            [result] = engine.extract_batch([_made_up(n)])
            assert isinstance(result, DocResult) and result.triples
            known_before.append(n > 0 and f"Zqv{n - 1}x0" in nlp.vocab.strings)
            sizes.append(len(nlp.vocab.strings))
    assert known_before[:4] == [False, True, True, False]  # batches 2 and 3 share the first's zone
    count, at_start = _zones(known_before, sizes)
    assert count == 4 and len(at_start) == 1  # renewed every 3 batches; nothing piles up
    assert max(sizes) > before and len(nlp.vocab.strings) == before  # the last zone ends with the run
    # a lone call, with no kept zone, reads its batch in a zone of its own, as before
    engine.extract_batch([_made_up(99)])
    assert "Zqv99x0" not in nlp.vocab.strings and len(nlp.vocab.strings) == before


@pytest.mark.model
@pytest.mark.slow
def test_a_pool_worker_keeps_one_renewed_zone_for_its_life(tmp_path, monkeypatch):
    """A worker process reads batch after batch in one zone, renewed every ZONE_CHARS
    characters: its spaCy strings stay bounded however long it runs."""
    (tmp_path / "kg_zone_task.py").write_text(textwrap.dedent(f"""
        from dataclasses import replace
        from kg import engine, nlp as kg_nlp

        engine.ZONE_CHARS = {3 * len(_made_up(0).text)}  # a zone: 3 of the test's batches

        def task(batch, model):
            results = engine.extract_batch(batch, model)
            strings = kg_nlp.load(model).vocab.strings
            n = int(batch[0].id[1:])
            report = f"{{len(strings)}} {{n > 0 and f'Zqv{{n - 1}}x0' in strings}}"
            return [replace(r, document=replace(r.document, title=report)) for r in results]
    """))
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    import kg_zone_task

    pool = engine._Pool(1, DEFAULT_MODEL, kg_zone_task.task)
    try:
        out = [pool.submit([_made_up(n)]).result()[0] for n in range(12)]
    finally:
        pool.close()
    reports = [r.document.title.split() for r in out]
    known_before = [known == "True" for _size, known in reports]
    assert known_before[:4] == [False, True, True, False]
    count, at_start = _zones(known_before, [int(size) for size, _known in reports])
    assert count == 4 and len(at_start) == 1
