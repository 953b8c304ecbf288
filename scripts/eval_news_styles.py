"""Score who-said-what on tests/data/news-styles: news of many outlets, places and styles.

    scripts/eval_news_styles.py [DATA_DIR] [--triples triples.jsonl] [--python PY] [--details]

Without ``--triples`` it runs ``kg extract`` on DATA_DIR (``--python`` chooses the interpreter,
so another checkout can be scored: ``PYTHONPATH=/other/tree``). Gold is ``NN-slug.gold.json``
beside each ``NN-slug.txt``: entities (name, aliases), statements (speaker, kind, cue, parts:
the words said) and not_statements (text that must not become a statement: headlines,
labels, captions, "declined to comment").

A gold statement is found when one predicted SAID (each used once) covers at least half of
its words (the gold parts located in the text; the prediction's parts, else its span) and
names the same speaker: the predicted entity's name equals the gold name or an alias, or
shares its last word with the gold name when no other gold entity has that last word, or,
for a group or organisation, one name is the other's first words ("Residents" for "Residents
interviewed by News24"), or both have the same words but for "of/at/from/in" and a leading article
("Bernwood Securities analysts" for "Analysts at Bernwood Securities": the same group named the
other way round, as kg names a group of an organisation).
Reported: recall with the right speaker and kind (the headline figure), recall with the
right speaker, recall of the words alone; wrong speaker (a prediction covering a gold
statement's words, given to someone else, and not itself a found statement: a quotation that
quotes another person is not a wrong speaker for the words it quotes); non-statements (a prediction overlapping a
not_statements text); precision (predictions that found a gold statement with its speaker,
over all predictions); and a per-kind table.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
DEFAULT_DATA = HERE / "tests" / "data" / "news-styles"
KINDS = ("speech", "thought", "intention", "position")
COVER = 0.5  # share of a gold statement's words a prediction must cover


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("’", "'").lower()
    text = re.sub(r"'s\b", "", text)
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def words_at(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The (start, end) of every word in text[start:end]."""
    return [(start + m.start(), start + m.end()) for m in re.finditer(r"\w+", text[start:end])]


def locate(text: str, piece: str, after: int = 0) -> tuple[int, int] | None:
    """Where a gold piece stands in the text (exact, else with quotation marks and spaces folded)."""
    at = text.find(piece, after)
    if at < 0:
        at = text.find(piece)
    if at >= 0:
        return at, at + len(piece)
    words = re.findall(r"\w+", piece)
    if not words:
        return None
    pattern = r"\W+".join(re.escape(w) for w in words)
    m = re.search(pattern, text[after:]) or re.search(pattern, text)
    if m is None:
        return None
    base = after if re.search(pattern, text[after:]) else 0
    return base + m.start(), base + m.end()


def same_speaker(predicted: str, gold: str, entities: list[dict]) -> bool:
    """The prediction names the gold speaker: its name or alias, or its unique last word."""
    p = fold(predicted)
    if not p:
        return False
    ent = next((e for e in entities if e["name"] == gold), {"name": gold, "aliases": []})
    names = {fold(gold)} | {fold(a) for a in ent.get("aliases", [])}
    if p in names:
        return True
    if ent.get("type", "Person") != "Person" and (_word_prefix(p, fold(gold)) or _same_words(p, fold(gold))):
        return True  # a group or organisation named shorter, longer or the other way round
    last = fold(gold).split()[-1:]
    if not last or p.split()[-1:] != last:
        return False
    others = [e for e in entities if e["name"] != gold and fold(e["name"]).split()[-1:] == last]
    return not others


def _same_words(a: str, b: str) -> bool:
    """The same words in another order, prepositions and articles aside ("Analysts at X" / "X analysts")."""
    glue = {"the", "a", "an", "of", "at", "from", "in"}
    return sorted(w for w in a.split() if w not in glue) == sorted(w for w in b.split() if w not in glue)


def _word_prefix(a: str, b: str) -> bool:
    """Is one name the other's first words (a leading article aside)?"""
    articles = ("the", "a", "an")
    wa, wb = [w for w in a.split() if w not in articles], [w for w in b.split() if w not in articles]
    n = min(len(wa), len(wb))
    return n > 0 and wa[:n] == wb[:n]


def load_gold(data: Path) -> dict[str, tuple[str, dict]]:
    docs = {}
    for gold_path in sorted(data.glob("*.gold.json")):
        stem = gold_path.name[: -len(".gold.json")]
        text = (data / f"{stem}.txt").read_text(encoding="utf-8")
        docs[stem] = (text, json.loads(gold_path.read_text(encoding="utf-8")))
    return docs


def load_triples(path: Path) -> dict[str, list[dict]]:
    by_doc: dict[str, list[dict]] = defaultdict(list)
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                t = json.loads(line)
                if t["relation"] == "SAID":
                    by_doc[t["doc"]].append(t)
    return by_doc


def _pred_ranges(t: dict) -> list[tuple[int, int]]:
    obj = t["object"]
    parts = obj.get("parts") or [obj]
    return [(p["start"], p["end"]) for p in parts]


def _covered(gold_words: list[tuple[int, int]], ranges: list[tuple[int, int]]) -> float:
    if not gold_words:
        return 0.0
    hit = sum(1 for a, b in gold_words if any(s < b and a < e for s, e in ranges))
    return hit / len(gold_words)


def score(docs: dict[str, tuple[str, dict]], triples: dict[str, list[dict]]) -> dict:
    """The scores over every document, with the errors listed for reading."""
    totals: Counter = Counter()
    by_kind: dict[str, Counter] = defaultdict(Counter)
    errors: list[dict] = []
    for doc, (text, gold) in docs.items():
        preds = triples.get(doc, [])
        entities = gold.get("entities", [])
        used: set[int] = set()
        credited: set[int] = set()
        # first every gold statement takes its prediction (right speaker); then what is left over
        unmatched: list[tuple[dict, list[tuple[int, float]]]] = []
        for st in gold.get("statements", []):
            kind = st.get("kind", "speech")
            totals["gold"] += 1
            by_kind[kind]["gold"] += 1
            gold_words: list[tuple[int, int]] = []
            after = 0
            for piece in st.get("parts", []):
                at = locate(text, piece, after)
                if at is None:
                    errors.append({"doc": doc, "error": "gold piece not in text", "text": piece})
                    continue
                gold_words += words_at(text, *at)
                after = at[1]
            cands = [(i, _covered(gold_words, _pred_ranges(t))) for i, t in enumerate(preds)]
            cands = [(i, c) for i, c in cands if c >= COVER]
            right = [i for i, _ in cands if same_speaker(preds[i]["subject"]["name"], st["speaker"], entities)]
            free = [i for i in right if i not in used]
            if not free:
                unmatched.append((st, cands))
                continue
            i = max(free, key=lambda j: dict(cands)[j])
            used.add(i)
            credited.add(i)
            totals["found_words"] += 1
            totals["found_speaker"] += 1
            by_kind[kind]["found_speaker"] += 1
            got = preds[i]["qualifiers"].get("kind")
            if got == kind:
                totals["found"] += 1
                by_kind[kind]["found"] += 1
            else:
                errors.append({"doc": doc, "error": f"kind {got} for {kind}", "speaker": st["speaker"],
                               "text": " … ".join(st.get("parts", []))})
        for st, cands in unmatched:
            kind = st.get("kind", "speech")
            if cands:
                totals["found_words"] += 1
            # a prediction over these words that found no statement of its own gave them to someone
            # else; one credited to a statement around them (a quotation quoting another) did not
            wrong = [i for i, _ in cands if i not in credited
                     and not same_speaker(preds[i]["subject"]["name"], st["speaker"], entities)]
            if wrong:
                totals["wrong_speaker"] += 1
                errors.append({"doc": doc, "error": f"wrong speaker {preds[wrong[0]]['subject']['name']!r}",
                               "speaker": st["speaker"], "text": " … ".join(st.get("parts", []))})
                continue
            errors.append({"doc": doc, "error": "missed" if not cands else "missed (inside another's statement)",
                           "speaker": st["speaker"], "kind": kind, "text": " … ".join(st.get("parts", []))})
        for bad in gold.get("not_statements", []):
            at = locate(text, bad["text"])
            if at is None:
                continue
            hits = [t for t in preds if any(s < at[1] and at[0] < e for s, e in _pred_ranges(t))
                    or (at[0] <= t["subject"]["mention"]["start"] < at[1] and t["subject"]["mention"]["end"] > 0)]
            hits = [t for i, t in enumerate(preds) if t in hits and i not in credited]
            if hits:
                totals["non_statement"] += 1
                errors.append({"doc": doc, "error": f"non-statement ({bad.get('why', '')})", "text": bad["text"],
                               "predicted": [(t["subject"]["name"], t["object"]["text"][:80]) for t in hits]})
        totals["pred"] += len(preds)
        totals["pred_right"] += len(credited)
        for i, t in enumerate(preds):
            if i not in credited:
                errors.append({"doc": doc, "error": "unmatched prediction", "speaker": t["subject"]["name"],
                               "kind": t["qualifiers"].get("kind"), "text": t["object"]["text"][:120]})
    g = totals["gold"] or 1
    return {
        "documents": len(docs),
        "gold": totals["gold"],
        "predicted": totals["pred"],
        "recall": totals["found"] / g,
        "recall_speaker": totals["found_speaker"] / g,
        "recall_words": totals["found_words"] / g,
        "wrong_speaker": totals["wrong_speaker"],
        "non_statements": totals["non_statement"],
        "precision": totals["pred_right"] / (totals["pred"] or 1),
        "kinds": {k: {"gold": c["gold"], "recall": c["found"] / (c["gold"] or 1),
                      "recall_speaker": c["found_speaker"] / (c["gold"] or 1)}
                  for k, c in sorted(by_kind.items(), key=lambda kv: KINDS.index(kv[0]) if kv[0] in KINDS else 9)},
        "errors": errors,
    }


def table(s: dict) -> str:
    lines = [
        f"documents {s['documents']}  gold statements {s['gold']}  predicted SAID {s['predicted']}",
        f"recall (speaker+kind) {s['recall']:.3f}  recall (speaker) {s['recall_speaker']:.3f}  "
        f"recall (words) {s['recall_words']:.3f}  precision {s['precision']:.3f}",
        f"wrong speaker {s['wrong_speaker']}  non-statements as statements {s['non_statements']}",
        "kind       gold  recall  recall(speaker)",
    ]
    for kind, k in s["kinds"].items():
        lines.append(f"{kind:<10} {k['gold']:>4}  {k['recall']:.3f}   {k['recall_speaker']:.3f}")
    return "\n".join(lines)


def run_kg(data: Path, python: str, out: Path) -> Path:
    env = dict(os.environ)
    # run outside any checkout: `-m` puts the working folder first on sys.path, PYTHONPATH must win
    subprocess.run([os.path.abspath(python), "-m", "kg.cli", "extract", str(data), "-o", str(out), "--no-view", "-q"],
                   check=False, env=env, stdout=subprocess.DEVNULL, cwd=out.parent)
    return out / "triples.jsonl"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", nargs="?", default=str(DEFAULT_DATA))
    ap.add_argument("--triples", help="score these triples instead of running kg")
    ap.add_argument("--python", default=sys.executable, help="interpreter that runs kg (default: this one)")
    ap.add_argument("--details", action="store_true", help="list every error")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = ap.parse_args(argv)
    data = Path(args.data)
    docs = load_gold(data)
    if args.triples:
        triples_path = Path(args.triples)
    else:
        # only the gold's articles (a data folder may hold other notes)
        tmp = Path(tempfile.mkdtemp(prefix="kg-news-styles-"))
        src = tmp / "in"
        src.mkdir()
        for stem in docs:
            (src / f"{stem}.txt").write_text(docs[stem][0], encoding="utf-8")
        triples_path = run_kg(src, args.python, tmp / "out")
    s = score(docs, load_triples(triples_path))
    if args.json:
        print(json.dumps({k: v for k, v in s.items() if k != "errors"}, indent=1))
    else:
        print(table(s))
    if args.details:
        for e in s["errors"]:
            print(json.dumps(e, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
