#!/usr/bin/env python
"""A newsroom archive of short items through ``kg extract``: the main process's memory as it grows.

    .venv/bin/python scripts/bench_archive.py corpus TEXT_DIR OUT.jsonl [--docs 150000]
    .venv/bin/python scripts/bench_archive.py run OUT.jsonl OUTDIR [--processes 2] [--every 10000] [-- KG_ARGS...]
    .venv/bin/python scripts/bench_archive.py state OUT.jsonl OUTDIR
    .venv/bin/python scripts/bench_archive.py worker OUT.jsonl [--docs 1000]

``corpus`` cuts the articles of TEXT_DIR (PolNeAR's ``train/text``) into short items of a few
paragraphs (~330 characters, the shape of a wire archive: 150,000 items are ~50 MB), cycling
through them with new ids until ``--docs`` items are written (the same people recur, as in an
archive; every item is a new document).

``run`` starts ``kg extract OUT.jsonl -o OUTDIR`` and samples ``/proc`` every second: the main
process's resident memory (VmRSS, and its peak VmHWM) and its workers' apart, against the number
of documents done (lines of ``.kg-state/results.jsonl``). It prints the main process's memory at
every ``--every`` documents, the peak, and the growth past the first ``--every`` documents in MB
per 1,000 documents (a least-squares slope over the samples).

``state`` is for a machine too slow or too busy to parse the whole archive in a session: after a
``run`` stopped once every distinct item was extracted, it fills OUTDIR's saved results
(``.kg-state/results.jsonl``) for every item, each the saved result of the first item with the
same text under the item's own id (what extracting it would give: statement ids hash the id).
``run OUT.jsonl OUTDIR -- --resume`` then sends all of them through the main process exactly as
a run does (merge, ``triples.jsonl``, every output file), without the NLP; progress is then
read from the staged ``triples.jsonl``.

``worker`` is one worker's speed on the archive: the first ``--docs`` items parsed and extracted
in this process exactly as a pool worker does (:func:`kg.engine.run_local`), model loaded first,
in documents per CPU second; the merge's documents per second (``scripts/bench_merge.py``)
divided by it is the number of workers one merging process can feed.
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import json
import subprocess
import sys
import time
from pathlib import Path


def short_items(text_dir: Path, *, size: int = 160) -> list[str]:
    """Each article's paragraphs, joined into items of about ``size`` characters."""
    items = []
    for path in sorted(text_dir.glob("*.txt")):
        paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        chunk: list[str] = []
        for paragraph in paragraphs:
            chunk.append(paragraph)
            if sum(len(p) for p in chunk) >= size:
                items.append("\n\n".join(chunk))
                chunk = []
        if chunk:
            items.append("\n\n".join(chunk))
    return items


def write_corpus(text_dir: Path, out: Path, docs: int) -> None:
    items = short_items(text_dir)
    with out.open("w", encoding="utf-8") as stream:
        for n in range(docs):
            stream.write(json.dumps({"id": f"item-{n:06d}", "text": items[n % len(items)]}, ensure_ascii=False) + "\n")
    print(f"corpus: {docs} items ({len(items)} distinct) in {out}, {out.stat().st_size / 1e6:.1f} MB")


def fill_state(corpus: Path, outdir: Path) -> None:
    results = outdir / ".kg-state" / "results.jsonl"
    saved = {}
    for line in results.read_text(encoding="utf-8").splitlines():
        saved[json.loads(line)["document"]["id"]] = line
    first: dict[str, str] = {}
    written = missing = 0
    with corpus.open(encoding="utf-8") as items, (outdir / ".kg-state" / "results.filled").open("w") as out:
        for line in items:
            item = json.loads(line)
            source = first.setdefault(item["text"], item["id"])
            if source not in saved:
                missing += 1
                continue
            out.write(saved[source].replace(json.dumps(source), json.dumps(item["id"])) + "\n")
            written += 1
    (outdir / ".kg-state" / "results.filled").replace(results)
    print(f"state: {written} results saved ({len(first)} distinct texts, {len(saved)} extracted); "
          f"{missing} items without a result (extracted again by the resume)")


def triples_per_doc(outdir: Path) -> list[int]:
    """Cumulative triples after each saved result, to read a resume's progress from triples.jsonl."""
    total, out = 0, []
    with (outdir / ".kg-state" / "results.jsonl").open("rb") as lines:
        for line in lines:
            total += line.count(b'"relation": ')
            out.append(total)
    return out


class StagedTriples:
    """Lines of the run's staged ``triples.jsonl`` so far, read on from where the last look stopped."""

    def __init__(self, outdir: Path) -> None:
        self.outdir = outdir
        self.offsets: dict[Path, int] = {}
        self.lines = 0
        self.stale = set(outdir.glob(".kg-staging-*"))  # an interrupted run's, removed by the next run

    def count(self) -> int:
        for path in self.outdir.glob(".kg-staging-*/triples.jsonl"):
            if path.parent in self.stale:
                continue
            with contextlib.suppress(OSError), path.open("rb") as stream:
                stream.seek(self.offsets.get(path, 0))
                for chunk in iter(lambda s=stream: s.read(1 << 20), b""):
                    self.lines += chunk.count(b"\n")
                self.offsets[path] = stream.tell()
        return self.lines


def status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found += [int(c) for c in (task / "children").read_text().split()]
    return found


def slope(points: list[tuple[int, float]]) -> float:
    """Least-squares MB per document."""
    n = len(points)
    if n < 2:
        return 0.0
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    var = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / var if var else 0.0


def run(corpus: Path, outdir: Path, processes: int, every: int, extra: list[str]) -> int:
    kg = Path(sys.executable).with_name("kg")
    resume = "--resume" in extra
    cumulative = triples_per_doc(outdir) if resume else []
    staged = StagedTriples(outdir)
    command = [str(kg), "extract", str(corpus), "-o", str(outdir), "--processes", str(processes),
               *([] if resume else ["--force"]), *extra]
    print("command:", " ".join(command), flush=True)
    started = time.time()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    results = outdir / ".kg-state" / "results.jsonl"
    done = offset = 0
    samples: list[tuple[int, float]] = []
    next_mark = every
    peak_workers = peak = 0.0
    while proc.poll() is None:
        time.sleep(1.0)
        if resume:
            done = bisect.bisect_right(cumulative, staged.count())
        else:
            with contextlib.suppress(OSError), results.open("rb") as handle:
                handle.seek(offset)
                chunk = handle.read()
                offset += len(chunk)
                done += chunk.count(b"\n")
        rss = status_kb(proc.pid, "VmRSS") / 1024
        workers = sum(status_kb(c, "VmRSS") for c in children(proc.pid)) / 1024
        peak_workers = max(peak_workers, workers)
        if rss:
            samples.append((done, rss))
        if done >= next_mark:
            print(f"  {done:>7} docs  {time.time() - started:7.0f} s  main {rss:7.0f} MB  workers {workers:7.0f} MB  "
                  f"main peak {status_kb(proc.pid, 'VmHWM') / 1024:7.0f} MB", flush=True)
            next_mark += every
        last_hwm = status_kb(proc.pid, "VmHWM")
        if last_hwm:
            peak = last_hwm / 1024
    growth = [(d, m) for d, m in samples if every <= d < done]
    print(f"exit {proc.returncode} after {time.time() - started:.0f} s; {done} documents")
    print(f"main process peak (VmHWM at the last sample): {peak:.0f} MB; workers' peak sum {peak_workers:.0f} MB")
    print(f"main process growth past {every} documents: {slope(growth) * 1000:+.2f} MB per 1000 documents "
          f"({len(growth)} samples)")
    return proc.returncode or 0


def worker(corpus: Path, docs: int) -> None:
    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root))
    from kg import nlp as kg_nlp
    from kg.engine import run_local
    from kg.model import Document

    kg_nlp.load(kg_nlp.DEFAULT_MODEL)
    with corpus.open(encoding="utf-8") as lines:
        items = [Document(id=d["id"], text=d["text"]) for d in (json.loads(next(lines)) for _ in range(docs))]
    cpu, wall = time.process_time(), time.time()
    done = sum(1 for _ in run_local(items))
    cpu, wall = time.process_time() - cpu, time.time() - wall
    print(f"worker: {done} documents in {cpu:.1f} s CPU ({wall:.1f} s wall): {done / cpu:.1f} documents per CPU second")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("corpus")
    make.add_argument("text_dir", type=Path)
    make.add_argument("out", type=Path)
    make.add_argument("--docs", type=int, default=150_000)
    go = sub.add_parser("run")
    go.add_argument("corpus", type=Path)
    go.add_argument("outdir", type=Path)
    go.add_argument("--processes", type=int, default=2)
    go.add_argument("--every", type=int, default=10_000)
    fill = sub.add_parser("state")
    fill.add_argument("corpus", type=Path)
    fill.add_argument("outdir", type=Path)
    argv = list(sys.argv[1:] if argv is None else argv)
    extra = argv[argv.index("--") + 1:] if "--" in argv else []  # more kg extract options, after --
    one = sub.add_parser("worker")
    one.add_argument("corpus", type=Path)
    one.add_argument("--docs", type=int, default=1000)
    args = parser.parse_args(argv[:len(argv) - len(extra) - (1 if extra else 0)])
    if args.command == "worker":
        worker(args.corpus, args.docs)
        return 0
    if args.command == "state":
        fill_state(args.corpus, args.outdir)
        return 0
    if args.command == "corpus":
        write_corpus(args.text_dir, args.out, args.docs)
        return 0
    return run(args.corpus, args.outdir, args.processes, args.every, extra)


if __name__ == "__main__":
    sys.exit(main())
