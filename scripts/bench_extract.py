#!/usr/bin/env python
"""Benchmark kg's extraction against the bare spaCy pipeline, across processes, and for memory.

Usage:
    .venv/bin/python scripts/bench_extract.py CORPUS [--memory-docs 10000] [--skip-memory]

CORPUS is a folder of ``.txt`` articles (the PolNeAR train set: 840 articles). In one run:

1. bare spaCy: the model as ``spacy.load`` gives it (its own components, which are the ones kg
   uses), ``nlp.pipe`` over every text already in memory, in kg's character-bounded batches; words (tokens) per second.
2. kg, one process: ``run_extract`` on the folder, i.e. reading the files, parsing,
   extraction, graph building, ``triples.jsonl``, resume state and the graph files at the
   end; words per second and its ratio to (1) (acceptance: >= 0.85), by wall clock and by
   CPU time (the CPU ratio is immune to other programs sharing the machine). ``--whole-only``
   is issue 18's acceptance (whole command >= 0.90, ``--no-view`` >= 0.95, model load on both
   sides), with kg's own pipeline timed alone as well, so what kg's pipeline saves against
   stock spaCy and what kg's own work costs are both printed.
3. kg, 2 processes: the same run with ``processes=2``; its speed-up over (2) (>= 1.6).
4. memory: a JSONL corpus of ``--memory-docs`` articles made by repeating CORPUS with
   changed ids, through ``run_extract`` with ``--memory-processes`` (every output file, the
   view included), while a sampler prints the resident memory of this process and of its
   workers every 5% of the documents; peak (< 2 GB) and how the curve grows (the graph
   grows with the articles, the rest must stay flat). It stops taking documents after
   ``--memory-seconds``, writes what it has and reports how far it got.

Printed figures are plain ``name: value`` lines so the closing note can quote them.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402

import kg.run as kg_run_module  # noqa: E402
from kg import nlp as kg_nlp  # noqa: E402
from kg.run import RunOptions, run_extract  # noqa: E402

MB = 1024 * 1024


def say(line: str) -> None:
    print(line, flush=True)


def rss_mb(pid: int | str = "self") -> float:
    """Resident memory of one process now (VmRSS), in MB; 0 if it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children(pid: int) -> list[int]:
    """Every descendant of ``pid`` (pool workers, Dask nannies and their workers)."""
    out: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for task in tasks:
        try:
            kids = Path(f"/proc/{pid}/task/{task}/children").read_text().split()
        except OSError:
            continue
        for kid in map(int, kids):
            out.append(kid)
            out.extend(children(kid))
    return out


def peak_self_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_children_mb() -> float:
    """The largest peak of any finished child process (ru_maxrss is a max, not a sum)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def load_load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


# -- 1. bare spaCy ----------------------------------------------------------------------------
def bare_spacy(texts: list[str], model: str, *, kg_pipeline: bool = False) -> tuple[int, float, float]:
    """(words, wall seconds, CPU seconds) of the bare pipeline over ``texts``: spaCy as a user
    loads it (``spacy.load(model)``, the model's own components; loading is not timed here), in
    kg's batches. kg's changes to the pipeline (its line-break rule, its attribute table, its
    cached lemmas) count on kg's side. With ``kg_pipeline`` the same over kg's own pipeline
    (``kg.nlp.load``), to tell what kg's pipeline saves from what kg's own work costs."""
    if kg_pipeline:
        kg_nlp._load.cache_clear()
        nlp = kg_nlp.load(model)
    else:
        nlp = spacy.load(model)
    words = 0
    wall, cpu = time.perf_counter(), time.process_time()
    for sdoc, _ in kg_nlp.parse(nlp, ((t, None) for t in texts)):
        words += len(sdoc)
    return words, time.perf_counter() - wall, time.process_time() - cpu


# -- 2/3. kg end to end -------------------------------------------------------------------------
EXPORT_TIME = {"wall": 0.0, "cpu": 0.0}


def _timed_exports() -> None:
    """Time the graph files run_extract writes at the end (graph.json, GraphML, Turtle) apart,
    so the ratio can be given with and without them."""
    write = kg_run_module._write_graph_files

    def timed(*args, **kwargs):
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return write(*args, **kwargs)
        finally:
            EXPORT_TIME["wall"] += time.perf_counter() - wall
            EXPORT_TIME["cpu"] += time.process_time() - cpu

    kg_run_module._write_graph_files = timed


def kg_run(paths: list[str], out: Path, processes: int, model: str, *, view: bool = False
           ) -> tuple[float, float, object]:
    """(wall seconds, CPU seconds of this process, summary) of one ``run_extract``."""
    EXPORT_TIME.update(wall=0.0, cpu=0.0)
    wall, cpu = time.perf_counter(), time.process_time()
    summary = run_extract(paths, RunOptions(out_dir=out, model=model, processes=processes, view=view,
                                            progress=False))
    return time.perf_counter() - wall, time.process_time() - cpu, summary


def whole_command(paths: list[str], texts: list[str], model: str, work: Path, repeats: int) -> None:
    """The acceptance of issue 18: the whole ``kg extract`` (every output, the view included, one
    process) against bare spaCy, the model loaded on both sides, in words per second; and the
    same with ``--no-view``. Runs alternate (spaCy, kg, kg --no-view, again) so a neighbour's
    load falls on all of them; the best of ``repeats`` of each is compared, by wall clock and by
    CPU time of this process. On a shared machine one lucky run decides a best-of figure, so
    the median of the ratios within each repeat (runs next to each other, under much the same
    load) is printed too."""
    best: dict[str, tuple[float, float]] = {}
    cpus: dict[str, list[float]] = {}
    words = 0

    def keep(name: str, wall: float, cpu: float) -> None:
        old = best.get(name, (math.inf, math.inf))
        best[name] = (min(old[0], wall), min(old[1], cpu))
        cpus.setdefault(name, []).append(cpu)

    for rep in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()  # model load on both sides
        words, s_wall, s_cpu = bare_spacy(texts, model)
        keep("spacy", time.perf_counter() - wall, time.process_time() - cpu)
        wall, cpu = time.perf_counter(), time.process_time()
        bare_spacy(texts, model, kg_pipeline=True)
        keep("kg pipeline", time.perf_counter() - wall, time.process_time() - cpu)
        for name, view in (("kg", True), ("kg --no-view", False)):
            kg_nlp._load.cache_clear()
            k_wall, k_cpu, _summary = kg_run(paths, work / f"whole-{rep}-{int(view)}", 1, model, view=view)
            keep(name, k_wall, k_cpu)
            say(f"    repeat {rep + 1} {name}: {k_wall:.1f} s wall, {k_cpu:.1f} s CPU; graph files "
                f"{EXPORT_TIME['wall']:.2f} s wall ({EXPORT_TIME['cpu']:.2f} s CPU); load {load_load()}")
        say(f"    repeat {rep + 1} spaCy: {best['spacy'][0]:.1f} s wall best so far; load {load_load()}")
    s_wall, s_cpu = best["spacy"]
    say(f"(w) bare spaCy, model load included: {words} words, {s_wall:.1f} s wall, {s_cpu:.1f} s CPU: "
        f"{words / s_wall:.0f} words/s wall, {words / s_cpu:.0f} words/s CPU")
    for name, target in (("kg", 0.90), ("kg --no-view", 0.95)):
        k_wall, k_cpu = best[name]
        ratio_wall, ratio_cpu = s_wall / k_wall, s_cpu / k_cpu
        say(f"(w) whole {name}, 1 process, model load included: {k_wall:.1f} s wall, {k_cpu:.1f} s CPU; "
            f"ratio to spaCy {ratio_wall:.3f} wall, {ratio_cpu:.3f} CPU (acceptance >= {target:.2f}: "
            f"{'PASS' if ratio_cpu >= target else 'FAIL'} by CPU, {'PASS' if ratio_wall >= target else 'FAIL'} "
            "by wall)")
    p_wall, p_cpu = best["kg pipeline"]
    say(f"(w) kg's pipeline alone (kg.nlp.load + parse: line breaks, attribute table, cached lemmas), "
        f"model load included: {p_wall:.1f} s wall, {p_cpu:.1f} s CPU; stock spaCy / kg's pipeline "
        f"{s_cpu / p_cpu:.3f} CPU")
    for name in ("kg", "kg --no-view"):
        k_cpu = best[name][1]
        say(f"(w) {name} against kg's own pipeline: {p_cpu / k_cpu:.3f} CPU (kg's own work "
            f"{k_cpu - p_cpu:.1f} s CPU on top of parsing)")
    for name in ("kg", "kg --no-view"):
        paired = sorted(s / k for s, k in zip(cpus["spacy"], cpus[name], strict=True))
        say(f"(w) {name}: ratio to spaCy by CPU within each repeat: median {statistics.median(paired):.3f} "
            f"(each: {', '.join(f'{r:.3f}' for r in paired)})")


# -- 4. memory on a large corpus ------------------------------------------------------------------
def make_repeated_corpus(source: Path, count: int, path: Path) -> int:
    """JSONL of ``count`` articles cycling through ``source`` with ids made unique; its chars."""
    files = sorted(source.glob("*.txt"))
    chars = 0
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            f = files[n % len(files)]
            text = f.read_text(encoding="utf-8")
            chars += len(text)
            out.write(json.dumps({"id": f"{f.stem}--copy{n // len(files)}", "text": text}) + "\n")
    return chars


class Sampler(threading.Thread):
    """Samples RSS of this process and its descendants; prints it every ``every_docs`` documents."""

    def __init__(self, every_docs: int, interval: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.every_docs = every_docs
        self.interval = interval
        self.docs = 0  # set by the run as documents finish
        self.stop = threading.Event()
        self.peak_total = 0.0
        self.peak_main = 0.0
        self.peak_workers = 0.0
        self.curve: list[tuple[int, float, float]] = []

    def sample(self) -> tuple[float, float]:
        main = rss_mb()
        workers = sum(rss_mb(pid) for pid in children(os.getpid()))
        self.peak_main = max(self.peak_main, main)
        self.peak_workers = max(self.peak_workers, workers)
        self.peak_total = max(self.peak_total, main + workers)
        return main, workers

    def run(self) -> None:
        next_mark = self.every_docs
        while not self.stop.wait(self.interval):
            main, workers = self.sample()
            if self.docs >= next_mark:
                self.curve.append((self.docs, main, workers))
                say(f"  rss at {self.docs:>6} docs: main {main:7.0f} MB  workers {workers:7.0f} MB  "
                    f"total {main + workers:7.0f} MB  (load {load_load()})")
                while next_mark <= self.docs:
                    next_mark += self.every_docs


def memory_run(source: Path, count: int, processes: int, model: str, work: Path, seconds: float) -> None:
    """``run_extract`` itself (every output file, the view included) on a large corpus, with
    resident memory sampled along the way. On a shared machine it stops taking documents after
    ``seconds`` and writes what it has, reporting how far it got."""
    corpus = work / "repeated.jsonl"
    chars = make_repeated_corpus(source, count, corpus)
    say(f"memory corpus: {count} articles, {chars / 1e6:.1f} M chars, {corpus.stat().st_size / MB:.1f} MB on disk; "
        f"{processes} processes; budget {seconds:.0f} s")
    sampler = Sampler(every_docs=max(1, count // 20))
    wall = time.perf_counter()
    stopped = False
    progress = kg_run_module._progress

    def counted(items, _enabled):  # noqa: ANN001, ANN202 - run_extract's progress hook
        nonlocal stopped
        for item in items:
            yield item
            sampler.docs += 1
            if time.perf_counter() - wall > seconds:
                stopped = True
                return

    kg_run_module._progress = counted
    EXPORT_TIME.update(wall=0.0, cpu=0.0)
    sampler.start()
    try:
        summary = run_extract([str(corpus)], RunOptions(out_dir=work / "memory-out", model=model, processes=processes,
                                                        progress=False))
        sampler.sample()
    finally:
        kg_run_module._progress = progress
        sampler.stop.set()
        sampler.join()
    triples = sum(1 for _line in (work / "memory-out" / "triples.jsonl").open(encoding="utf-8"))
    say(f"memory run: {summary.extracted} documents ({len(summary.skipped)} skipped), {triples} triples, "
        f"{summary.entities} entities, {time.perf_counter() - wall:.0f} s (exports {EXPORT_TIME['wall']:.0f} s)"
        f"{' (time budget reached: stopped early)' if stopped else ''}")
    say(f"memory peak total (main + workers, sampled): {sampler.peak_total:.0f} MB")
    say(f"memory peak main process: {max(sampler.peak_main, peak_self_mb()):.0f} MB (includes the cross-document "
        "merge and every output file)")
    say(f"memory peak workers (sampled sum): {sampler.peak_workers:.0f} MB")
    if len(sampler.curve) >= 3:
        (d0, m0, w0), (d1, m1, w1) = sampler.curve[1], sampler.curve[-1]
        say(f"memory growth from {d0} to {d1} docs: main {(m1 - m0) / max(1, d1 - d0) * 1000:+.1f} MB per 1000 docs "
            f"(the graph), workers {(w1 - w0) / max(1, d1 - d0) * 1000:+.1f} MB per 1000 docs")
    say(f"memory verdict: peak < 2 GB: {'PASS' if sampler.peak_total < 2048 else 'FAIL'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a folder of .txt articles (PolNeAR train/text)")
    parser.add_argument("--model", default=kg_nlp.DEFAULT_MODEL)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles (a quick look)")
    parser.add_argument("--memory-docs", type=int, default=10_000)
    parser.add_argument("--memory-processes", type=int, default=2)
    parser.add_argument("--memory-seconds", type=float, default=3600, help="time budget of the memory run")
    parser.add_argument("--skip-speed", action="store_true", help="only the memory run")
    parser.add_argument("--skip-memory", action="store_true", help="no memory run")
    parser.add_argument("--whole-only", action="store_true",
                        help="only the whole-command comparison (issue 18's acceptance), then stop")
    parser.add_argument("--repeats", type=int, default=2, help="repeats of the whole-command comparison")
    args = parser.parse_args(argv)
    _timed_exports()

    files = sorted(args.corpus.glob("*.txt"))[: args.limit]
    say(f"corpus: {args.corpus} ({len(files)} articles); model {args.model}; cores {os.cpu_count()}; "
        f"load {load_load()}")
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        work = Path(tmp)
        if not args.skip_speed:
            if args.limit:
                subset = work / "corpus"
                subset.mkdir()
                for f in files:
                    (subset / f.name).write_bytes(f.read_bytes())
                paths = [str(subset)]
            else:
                paths = [str(args.corpus)]
            texts = [f.read_text(encoding="utf-8") for f in files]
            whole_command(paths, texts, args.model, work, args.repeats)
            if args.whole_only:
                return 0
            kg_nlp.load(args.model)  # loading is not what either side is timed on
            words, s_wall, s_cpu = bare_spacy(texts, args.model)
            del texts
            say(f"(a) bare spaCy: {words} words in {s_wall:.1f} s wall ({s_cpu:.1f} s CPU): "
                f"{words / s_wall:.0f} words/s wall, {words / s_cpu:.0f} words/s CPU")
            k_wall, k_cpu, summary = kg_run(paths, work / "out1", 1, args.model)
            say(f"(b) kg full extraction, 1 process: {summary.extracted} docs, "
                f"{sum(summary.triples_by_relation.values())} triples, {k_wall:.1f} s wall ({k_cpu:.1f} s CPU): "
                f"{words / k_wall:.0f} words/s wall, {words / k_cpu:.0f} words/s CPU")
            e_wall, e_cpu = EXPORT_TIME["wall"], EXPORT_TIME["cpu"]
            say(f"    of which graph file exports at the end (graph.json, GraphML, Turtle): {e_wall:.1f} s wall "
                f"({e_cpu:.1f} s CPU)")
            ratio_wall, ratio_cpu = s_wall / (k_wall - e_wall), s_cpu / (k_cpu - e_cpu)
            say(f"ratio kg/spaCy words per second (extraction, graph building, JSONL): {ratio_wall:.3f} wall, "
                f"{ratio_cpu:.3f} CPU (acceptance >= 0.85: {'PASS' if max(ratio_wall, ratio_cpu) >= 0.85 else 'FAIL'})")
            say(f"ratio including the graph file exports: {s_wall / k_wall:.3f} wall, {s_cpu / k_cpu:.3f} CPU")
            say(f"peak memory, one process (spaCy + kg, ru_maxrss): {peak_self_mb():.0f} MB")
            say(f"load before 2-process run: {load_load()}")
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            p_wall, p_cpu, summary2 = kg_run(paths, work / "out2", 2, args.model)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            w_cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
            same = (work / "out1" / "triples.jsonl").read_bytes() == (work / "out2" / "triples.jsonl").read_bytes()
            say(f"(c) kg, 2 processes: {summary2.extracted} docs in {p_wall:.1f} s wall: {words / p_wall:.0f} words/s; "
                f"triples.jsonl identical to 1 process: {same}")
            say(f"    CPU: main {p_cpu:.1f} s, workers {w_cpu:.1f} s (workers reaped so far); "
                f"1 process took {k_cpu:.1f} s CPU")
            speedup = k_wall / p_wall
            verdict = "PASS" if speedup >= 1.6 else "FAIL"
            say(f"speed-up 2 processes over 1: {speedup:.2f}x (acceptance >= 1.6: {verdict}); load {load_load()}")
            say(f"peak memory of one worker process (ru_maxrss, workers reaped so far): {peak_children_mb():.0f} MB")
        if not args.skip_memory:
            memory_run(args.corpus, args.memory_docs, args.memory_processes, args.model, work, args.memory_seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
