"""Runs the pipeline over many documents: in this process, on a process pool, or on Dask.

Whatever the engine, the caller gets one result (a :class:`DocResult`, or the :class:`Skip`
that stands for a document that could not be done) per input item, in input order, as soon
as it and everything before it are done, so it can merge each into the graph and append its
triples to disk as it arrives.

Three things make the engines interchangeable and the output identical:

- The stream is cut into batches by :func:`kg.nlp.batches_by_size` (characters, not count)
  before any engine sees it, and every engine parses and extracts a batch with the same
  function, :func:`extract_batch`. A pool task is one batch; a Dask task is a shard of
  consecutive whole batches, so Dask's tasks are coarse without changing any batch.
- Workers parse *and* extract, and send back ``DocResult`` records (small, picklable
  dataclasses), never spaCy Docs; the caller's process only merges. This is why the pool is
  ours and not spaCy's ``nlp.pipe(n_process=...)``, which ships Docs back to be extracted in
  one process; spaCy's ``n_process`` cannot run inside a Dask worker either.
- Work in flight is bounded (a few batches per worker), so memory holds a few batches of
  text whatever the size of the corpus.
- What spaCy makes for the words it reads (lexemes, strings) lives in a memory zone that a
  run (in this process) or a worker (for its life) keeps over many batches and renews every
  :data:`ZONE_CHARS` characters (:class:`_Zone`), so a worker that runs for days does not grow
  with the words it has seen, and each batch does not pay to make its words anew.

A document that fails to parse or extract becomes a ``Skip``; a worker process that dies
(a crash in native code, the kernel's OOM killer) costs the documents it was working on,
found by re-running its batch one document at a time, never the run. A document that takes
longer than ``doc_timeout`` seconds to parse, or again to extract, is a ``Skip`` too
(:mod:`kg.timeouts`); a batch that runs out of its time (``doc_timeout`` per document in it)
is parsed again one document at a time so only the slow one is lost. Pool workers die with
the process that started them (``PR_SET_PDEATHSIG``), so a run killed by SIGTERM or the OOM
killer leaves no worker behind blocked on its pipe.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import itertools
import logging
import multiprocessing
import os
import threading
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from kg import collector
from kg import nlp as kg_nlp
from kg.model import DocResult, Document, Skip
from kg.pipeline import extract_document
from kg.text import defuse
from kg.timeouts import TimeLimit, time_limit

Item = Document | Skip
Result = DocResult | Skip
Batch = list[Item]

ENGINES = ("local", "dask")
# Below this many characters in the whole input, starting worker processes (each imports
# spaCy and loads the model, ~2 s) costs more than it saves: the run stays in this process.
PARALLEL_MIN_CHARS = 100_000
# Batches each local worker may have queued or running: enough to never starve a worker.
BATCHES_IN_FLIGHT_PER_WORKER = 3
# A Dask task is a shard of whole batches of about this many characters (~15 articles,
# tens of seconds of work): coarse enough that scheduling costs nothing.
SHARD_CHARS = 100_000
SHARDS_IN_FLIGHT_PER_THREAD = 2
# Seconds one document may take to parse, and again to extract, before it is skipped: far
# beyond any news article (a 100,000-character one takes about 10 s on one core).
DEFAULT_DOC_TIMEOUT = 300.0
# Characters read in one spaCy memory zone before it is renewed (~400 news articles). Inside a
# zone spaCy makes a lexeme and strings for each new word once; when the zone ends they are
# freed, so the next zone makes them again. A zone a batch (20,000 characters) made the words
# of every batch anew (~23,000 lexemes over the 84 PolNeAR dev articles instead of ~12,000);
# a zone this long keeps what it holds to a few MB (the distinct words of ~2 MB of text).
ZONE_CHARS = 2_000_000

log = logging.getLogger(__name__)

_batch_lock = threading.Lock()


class _Zone:
    """One spaCy memory zone held over many batches, renewed after :data:`ZONE_CHARS` characters.

    Why: a zone per batch bounds memory but makes every batch create its words' lexemes and
    strings again; one zone for ever would grow with every word a long-running worker sees.
    A batch's Docs never outlive it (workers send back plain records), so renewing the zone
    between batches never frees anything still in use. Used under ``_batch_lock``.
    """

    def __init__(self) -> None:
        self._open: contextlib.ExitStack | None = None
        self._nlp: Any = None
        self.chars = 0  # characters read in the zone open now

    def enter(self, nlp: Any, chars: int) -> None:
        """Before a batch of ``chars`` characters is read by ``nlp``: the zone to read it in is
        the open one, or a new one if that is full (or belongs to another model)."""
        if self._open is not None and (self._nlp is not nlp or self.chars >= ZONE_CHARS):
            self.close()
        if self._open is None:
            self._open = contextlib.ExitStack()
            self._open.enter_context(nlp.memory_zone())
            self._nlp, self.chars = nlp, 0
        self.chars += chars

    def close(self) -> None:
        """End the open zone (if any): spaCy frees what was made in it."""
        if self._open is not None:
            stack, self._open, self._nlp = self._open, None, None
            stack.close()


_kept: _Zone | None = None  # the zone this process keeps over batches (None: one zone a batch)
_keepers = 0  # runs in this process keeping it now; a worker keeps it for its life


@contextlib.contextmanager
def kept_zone() -> Iterator[None]:
    """Inside: the batches :func:`extract_batch` reads share one memory zone, renewed every
    :data:`ZONE_CHARS` characters; the last one out ends it. A run's caller does not use the
    model between batches, so the zone open between them holds nothing of the caller's."""
    global _kept, _keepers
    keep_zone_for_this_process()
    try:
        yield
    finally:
        with _batch_lock:
            _keepers -= 1
            if not _keepers and _kept is not None:
                _kept.close()
                _kept = None


def keep_zone_for_this_process() -> None:
    """One more keeper of this process's renewed zone: a worker process (pool or Dask) that only
    runs kg's batches for its life, :func:`kept_zone` for the length of a run."""
    global _kept, _keepers
    with _batch_lock:
        _keepers += 1
        if _kept is None:
            _kept = _Zone()


@contextlib.contextmanager
def _zone(nlp: Any, chars: int) -> Iterator[None]:
    """The memory zone a batch of ``chars`` characters is read in: the kept one, or its own."""
    if _kept is None:
        with nlp.memory_zone():
            yield
    else:
        _kept.enter(nlp, chars)
        yield


def default_processes() -> int:
    """The cores this process may run on (the affinity mask, not the machine's total)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# -- the unit of work: one batch, the same in every engine --------------------------------
def extract_batch(batch: Batch, model: str = kg_nlp.DEFAULT_MODEL, doc_timeout: float | None = None
                  ) -> list[Result]:
    """Parse and extract one batch; skips pass through; a failing or too slow document becomes a Skip.

    Runs in whatever process holds the batch (this one, a pool worker, a Dask worker), with
    that process's one copy of the model. Everything spaCy makes for the batch lives in a
    memory zone: the one the process keeps over many batches (:func:`kept_zone`), else one of
    its own; so a worker that runs for days does not grow with the strings it has seen.
    """
    nlp = kg_nlp.load(model)
    documents = [item for item in batch if isinstance(item, Document)]
    # under the lock: a Dask worker may run tasks in threads, and they share one zone
    with _batch_lock, _zone(nlp, sum(map(_size, documents))):
        parsed = _parse_all(nlp, documents, doc_timeout)
        done: dict[int, Result] = {}
        for document, sdoc in zip(documents, parsed, strict=True):
            if isinstance(sdoc, Skip):
                done[id(document)] = sdoc
                continue
            try:
                with time_limit(doc_timeout):
                    done[id(document)] = extract_document(document, sdoc)
            except TimeLimit as err:
                done[id(document)] = _too_slow(document, "extracting", err)
            except Exception as err:  # one bad article never stops a batch
                done[id(document)] = _skip(document, "extraction failed", err)
    return [item if isinstance(item, Skip) else done[id(item)] for item in batch]


def _parse_all(nlp: Any, documents: list[Document], doc_timeout: float | None = None) -> list[Any]:
    """Docs for ``documents`` in order; if the batch fails or runs out of time, each alone, a
    failure a Skip. The model reads each text with its pathological character runs defused
    (:func:`kg.text.defuse`: same length, so every offset holds for the original text), and one
    with an over-long sentence in pieces (:func:`kg.nlp.read`)."""
    budget = None if doc_timeout is None else doc_timeout * max(1, len(documents))
    try:
        with time_limit(budget):
            return kg_nlp.read(nlp, [defuse(d.text) for d in documents])
    except TimeLimit as err:
        if len(documents) == 1:
            return [_too_slow(documents[0], "parsing", err)]
    except Exception:  # find the one article that breaks the model, keep the others
        pass
    parsed: list[Any] = []
    for document in documents:
        try:
            with time_limit(doc_timeout):
                parsed.extend(kg_nlp.read(nlp, [defuse(document.text)]))
        except TimeLimit as err:
            parsed.append(_too_slow(document, "parsing", err))
        except Exception as err:
            parsed.append(_skip(document, "parsing failed", err))
    return parsed


def _too_slow(document: Document, what: str, err: TimeLimit) -> Skip:
    return Skip(document.id, f"time limit: {what} {err} (the limit per document; raise it with --doc-timeout)",
                document.source)


def _skip(document: Document, what: str, err: BaseException) -> Skip:
    return Skip(document.id, f"{what}: {type(err).__name__}: {err}", document.source)


def _size(item: Item) -> int:
    return len(item.text) if isinstance(item, Document) else 0


def batches(items: Iterable[Item], max_chars: int = kg_nlp.BATCH_CHARS) -> Iterator[Batch]:
    """The stream cut into batches of about ``max_chars`` characters; skips ride along free."""
    return kg_nlp.batches_by_size(items, max_chars, size_of=_size)


# -- in this process ------------------------------------------------------------------------
def run_local(items: Iterable[Item], *, model: str | None = None, doc_timeout: float | None = None
              ) -> Iterator[Result]:
    """Parse and extract in this process, batch by batch, in one renewed memory zone (:func:`kept_zone`);
    skips pass through in their place."""
    with kept_zone():
        for batch in batches(items):
            yield from extract_batch(batch, model or kg_nlp.DEFAULT_MODEL, doc_timeout)


# -- on a pool of worker processes ----------------------------------------------------------
PR_SET_PDEATHSIG = 1  # prctl(2) option: a signal this process gets when its parent dies


def die_with_parent(parent: int) -> None:
    """Have the kernel SIGKILL this process when its parent dies (Linux; elsewhere nothing).

    A pool worker otherwise outlives a parent killed by SIGTERM or the OOM killer, blocked
    forever on its task pipe with its model in memory. If the parent died before this call,
    exit now.
    """
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, 9, 0, 0, 0)  # 9: SIGKILL; a worker has nothing to save
    if os.getppid() != parent:
        os._exit(1)


def _warm(model: str, parent: int | None = None) -> None:
    """Worker initializer (pool and Dask): die with the parent, load the model once before the
    worker's first batch, then collect garbage less often (kg.collector) and keep one renewed
    memory zone over the worker's batches (:func:`keep_zone_for_this_process`)."""
    if parent is not None:
        die_with_parent(parent)
    kg_nlp.load(model)
    collector.for_this_process()  # after the load: the model is frozen with the rest
    keep_zone_for_this_process()


class _Pool:
    """A process pool that can be replaced when one of its workers dies."""

    def __init__(self, processes: int, model: str, task: Callable[[Batch, str], list[Result]]) -> None:
        self.processes = processes
        self.model = model
        self.task = task
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        # spawn: a fresh interpreter per worker, safe whatever threads this process runs
        # (fork after threads can deadlock) and the same on Linux, macOS and Windows.
        return ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_warm, initargs=(self.model, os.getpid()))

    def submit(self, batch: Batch) -> Future:
        try:
            return self.executor.submit(self.task, batch, self.model)
        except BrokenProcessPool:  # a worker died since the last look: a new pool takes it
            self.restart()
            return self.executor.submit(self.task, batch, self.model)

    def restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._new()

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)


def run_pool(items: Iterable[Item], *, model: str | None = None, processes: int | None = None,
             task: Callable[[Batch, str], list[Result]] | None = None, doc_timeout: float | None = None
             ) -> Iterator[Result]:
    """Batches on ``processes`` worker processes, each with its own model; results in order.

    ``task`` is what a worker runs on a batch: :func:`extract_batch` (with ``doc_timeout``), or
    a stand-in in tests (it must be importable by name in a fresh interpreter).
    """
    processes = processes or default_processes()
    task = task or functools.partial(extract_batch, doc_timeout=doc_timeout)
    pool = _Pool(processes, model or kg_nlp.DEFAULT_MODEL, task)
    limit = processes * BATCHES_IN_FLIGHT_PER_WORKER
    try:
        yield from _ordered(batches(items), pool.submit, limit, lambda batch: _isolate(pool, batch),
                            resubmit_after_recover=True)
    finally:
        pool.close()


def _isolate(pool: _Pool, batch: Batch) -> list[Result]:
    """A batch whose worker died: restart the pool, run each document alone, so only the one
    that kills its worker is lost."""
    pool.restart()
    out: list[Result] = []
    for item in batch:
        if isinstance(item, Skip):
            out.append(item)
            continue
        try:
            out.extend(pool.submit([item]).result())
        except BrokenProcessPool as err:
            out.append(Skip(item.id, f"worker process died: {err}", item.source))
            pool.restart()
    return out


def _ordered(units: Iterable[Any], submit: Callable[[Any], Any], limit: int,
             recover: Callable[[Any], list[Result]], *, resubmit_after_recover: bool = False
             ) -> Iterator[Result]:
    """Submit units with at most ``limit`` in flight; yield their results in submission order.

    ``recover`` redoes a unit whose future failed as a whole (its worker died); with
    ``resubmit_after_recover`` (a process pool, which a dead worker breaks for every task
    in it) the units still in flight are sent again. Waiting on the oldest unit while the
    younger ones run keeps order at no cost in throughput as long as ``limit`` exceeds the
    number of workers.
    """
    pending: deque[tuple[Any, Any]] = deque()
    source = iter(units)
    while True:
        while len(pending) < limit:
            unit = next(source, None)
            if unit is None:
                break
            pending.append((unit, submit(unit)))
        if not pending:
            return
        unit, future = pending.popleft()
        try:
            results = future.result()
        except Exception as err:  # the worker died or the cluster lost the task
            log.warning("a task failed as a whole (%s: %s); retrying its documents one by one",
                        type(err).__name__, err)
            results = recover(unit)
            if resubmit_after_recover:
                pending = deque((u, submit(u)) for u, _ in pending)
        yield from results


def _small_or_parallel(items: Iterable[Item]) -> tuple[bool, Iterator[Item]]:
    """Read ahead up to :data:`PARALLEL_MIN_CHARS`: is the whole input smaller than that?

    A stream's length is unknown up front; buffering its first ~100,000 characters (a few
    dozen articles) tells a handful of documents, which one process does faster than
    worker processes can start, from a corpus. The stream comes back whole either way.
    """
    source = iter(items)
    head: list[Item] = next(kg_nlp.batches_by_size(source, PARALLEL_MIN_CHARS, size_of=_size), [])
    return sum(map(_size, head)) < PARALLEL_MIN_CHARS, itertools.chain(head, source)


# -- on a Dask cluster ----------------------------------------------------------------------
def extract_shard(shard: list[Batch], model: str = kg_nlp.DEFAULT_MODEL, doc_timeout: float | None = None
                  ) -> list[Result]:
    """A Dask task: whole batches, each exactly as the local engine would run it (a time limit
    applies only where the task runs in a worker's main thread; see :mod:`kg.timeouts`). A
    worker warmed by :func:`_warm` keeps its zone over shards; one that joined later, over the shard."""
    with kept_zone():
        return [result for batch in shard for result in extract_batch(batch, model, doc_timeout)]


def run_dask(items: Iterable[Item], *, model: str | None = None, scheduler: str | None = None,
             workers: int | None = None, doc_timeout: float | None = None) -> Iterator[Result]:
    """Shards of batches on a Dask ``distributed`` cluster; results streamed back in order.

    ``scheduler`` is the address of a running cluster (``tcp://host:8786``); without it a
    ``LocalCluster`` of ``workers`` single-threaded worker processes is started here and
    closed at the end. Workers need ``kg`` and the model installed (see docs/scale.md).
    """
    from distributed import Client, LocalCluster

    model = model or kg_nlp.DEFAULT_MODEL
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers or default_processes(), threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(cluster)
    try:
        # Each worker process keeps one model in kg.nlp's per-process cache; loading it on
        # every worker now, in parallel, spares the first shards the wait. (A worker that
        # joins later loads it with its first shard.)
        client.run(_warm, model)
        threads = sum(client.nthreads().values()) or 1
        run = uuid.uuid4().hex[:8]
        counter = itertools.count()

        def submit(shard: list[Batch]) -> Any:
            return client.submit(extract_shard, shard, model, doc_timeout, key=f"kg-shard-{run}-{next(counter)}",
                                 pure=False)

        def recover(shard: list[Batch]) -> list[Result]:
            out: list[Result] = []
            for item in (item for batch in shard for item in batch):
                if isinstance(item, Skip):
                    out.append(item)
                    continue
                try:
                    out.extend(submit([[item]]).result())
                except Exception as err:  # the worker died again on this one document
                    out.append(Skip(item.id, f"dask task failed: {type(err).__name__}: {err}", item.source))
            return out

        shards = kg_nlp.batches_by_size(batches(items), SHARD_CHARS, size_of=lambda b: sum(map(_size, b)))
        yield from _ordered(shards, submit, max(2, threads * SHARDS_IN_FLIGHT_PER_THREAD), recover)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# -- the one entry point --------------------------------------------------------------------
def run_documents(items: Iterable[Item], *, model: str | None = None, processes: int | None = None,
                  engine: str = "local", scheduler: str | None = None, workers: int | None = None,
                  doc_timeout: float | None = None) -> Iterator[Result]:
    """The one entry point: results of every document, in input order, whatever the engine.

    Args:
        items: documents (and skips, passed through in place), read lazily.
        model: spaCy model name or path (default :data:`kg.nlp.DEFAULT_MODEL`).
        processes: local worker processes; default the cores this process may use; 1 runs
            in this process. An input under :data:`PARALLEL_MIN_CHARS` runs in this process
            whatever the number, since starting workers would take longer than the work.
        engine: ``"local"`` or ``"dask"``.
        scheduler: with ``engine="dask"``, a running cluster's scheduler address.
        workers: with ``engine="dask"`` and no scheduler, the LocalCluster's worker count.
        doc_timeout: seconds a document may take to parse, and again to extract, before it
            becomes a Skip (None: no limit).

    Raises:
        ValueError: an unknown engine or a bad number, before anything is read.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")
    if processes is not None and processes < 1:
        raise ValueError(f"processes must be at least 1, not {processes}")
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if engine == "dask":
        return run_dask(items, model=model, scheduler=scheduler, workers=workers, doc_timeout=doc_timeout)
    if scheduler or workers:
        raise ValueError("--scheduler and --workers need --engine dask")
    return _run_local_engine(items, model=model, processes=processes or default_processes(),
                             doc_timeout=doc_timeout)


def _run_local_engine(items: Iterable[Item], *, model: str | None, processes: int, doc_timeout: float | None
                      ) -> Iterator[Result]:
    if processes == 1:
        yield from run_local(items, model=model, doc_timeout=doc_timeout)
        return
    small, items = _small_or_parallel(items)
    if small:
        yield from run_local(items, model=model, doc_timeout=doc_timeout)
    else:
        yield from run_pool(items, model=model, processes=processes, doc_timeout=doc_timeout)
