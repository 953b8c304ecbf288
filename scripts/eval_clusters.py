#!/usr/bin/env python3
"""Score kg's entity merges against hand-made entity clusters: pairwise precision and recall.

    scripts/eval_clusters.py GOLD_CLUSTERS.jsonl OUTDIR_OR_GRAPH_JSON [--docs DOCS.txt] [--details]

Gold: one JSON object a line, ``{"doc", "entity", "type", "generic", "mentions": [surface forms]}``:
``entity`` is a canonical name shared across articles, ``generic`` marks a nameless group
("reporters", "officials") that is scoped to its article.

Items: every (doc, gold entity, surface form) of the gold. Two items are one entity in the gold
when they have the same ``entity`` and either the same doc, or the entity is not generic (named
things are one node across articles; "reporters" of one article are not those of another).

How kg's output maps a surface form to a node (the design this script fixes): in ``graph.json``,
the candidate nodes of a doc are the entities with a MENTIONED_IN edge to its article, plus the
speakers, addressees and mentioned entities of its statements and the holders of its roles (a
group minted for a speaker has no NER mention), and the words that name an entity at one place
of a triple in ``triples.jsonl`` beside it (a speaker's "the senator", an addressee, a mentioned
name: kg's own statement that those words are that node). A surface form maps to the candidate whose name,
one of whose aliases or one of whose ``forms`` in that doc (the MENTIONED_IN edge's: the words kg resolved
to that node in that article, "the governor") equals it after normalising (case, accents, a leading "the", a possessive
's, punctuation), else — titles and honorifics before a name ("Secretary Clinton", "Mrs.
Clinton") — the longest tail of its words that starts with a capital right after a title word
(``TITLES``; never "supporters of Sanders" or "Team Trump", nor after words that make the name a
complement of others: "a former aide to Mr. Rubio", "Mr. and Mrs. Khan", ``titled``) and so equals one, or — a title of
other words ("former Secretary of State Hillary Clinton", "Fox News host Sean Hannity") — a tail
of two or more capitalised words that names a Person node, after words that hold a lowercase word
and do not end in a preposition, conjunction or possessive (``title_before_name``); among
several, the one with most mentions in that doc; none — the form is a singleton (it can only cost
recall: a description such as "the party favorite" that kg does not link is a missed link).
Two items are one entity for kg when they map to the same node id.

Pairs are counted within documents and across documents, over all gold forms ("all") and over
the forms kg maps to some node ("found": how well kg merges what it detected);
precision = linked-by-both / linked-by-kg, recall = linked-by-both / linked-by-gold.
``--details`` lists the wrong and missed links; ``--breakdown`` counts the missed links by the kind
of gold form that kg left unmapped (``form_kind``: a description, a group of a person, a party's
members, a handle, ...; a form is counted once per missed link it is an end of), and the links
missed between two forms kg maps to different nodes ("split").
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

# words that end a title before a name ("former Secretary Clinton", "Vermont Sen. Sanders")
TITLES = {"mr", "mrs", "ms", "miss", "dr", "sir", "sen", "senator", "rep", "representative", "gov", "governor",
          "president", "secretary", "vice", "gen", "general", "judge", "justice", "mayor", "speaker", "leader",
          "minister", "chairman", "chairwoman", "director", "ambassador", "candidate", "nominee", "rev", "prof",
          "professor", "sheriff", "commissioner", "chief", "attorney", "lt", "col", "sgt", "capt", "adm",
          # a party or a candidacy word before a name only says which person: "Republican Donald Trump",
          # "Democratic front-runner Clinton"
          "republican", "democratic", "democrat", "gop", "front-runner", "frontrunner", "hopeful", "contender"}

# words that end a phrase before a name without making it a title ("supporters of", "Kaine and")
NOT_TITLE_ENDS = {"of", "for", "with", "and", "or", "at", "to", "from", "by", "in", "on", "as", "than", "vs", "vs."}
# words that make the name after them a complement of other words, not the one the form names: "a former aide
# to Mr. Rubio", "rivals beyond Mr. Bush", "Mr. and Mrs. Khan", "the mother of Benghazi victim Sean Smith"
COMPLEMENT_WORDS = NOT_TITLE_ENDS | {"a", "an", "beyond", "against", "about", "like", "over", "after", "before",
                                     "behind", "toward", "towards", "into", "among", "between", "without",
                                     "including", "besides", "but", "nor", "versus", "under",
                                     # a relative clause's words: "those who support Mr. Trump"
                                     "who", "whom", "whose", "which", "that"}


def norm(text: str) -> str:
    """A surface form folded for matching: case, accents, leading 'the', possessive, punctuation."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().strip()
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"(?:'s|')$", "", text)
    text = re.sub(r"[^\w]+", " ", text)
    return " ".join(text.split())


def load_gold(path: Path, docs: set[str] | None) -> list[dict]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            if docs is None or row["doc"] in docs:
                rows.append(row)
    return rows


def doc_candidates(graph: dict) -> dict[str, dict[str, int]]:
    """{doc: {node id: mentions in that doc}} from a node-link graph.json."""
    nodes = {n["id"]: n for n in graph["nodes"]}
    out: dict[str, dict[str, int]] = defaultdict(dict)
    statement_doc = {n["id"]: n.get("doc") for n in graph["nodes"] if n.get("label") in ("Quote", "Finding")}
    for link in graph.get("edges", graph.get("links", [])):  # networkx 3.6 node-link; "links" before
        kind, src, dst = link.get("type"), link["source"], link["target"]
        if kind == "MENTIONED_IN":
            out[link.get("doc") or str(dst).partition(":")[2]][src] = int(link.get("count", 1))
        elif kind in ("SAID", "FOUND", "HOLDS_ROLE") and link.get("doc"):
            out[link["doc"]].setdefault(src, 1)
        elif kind in ("ADDRESSED_TO", "IN_REPORT", "MENTIONS") and statement_doc.get(src):
            out[statement_doc[src]].setdefault(dst, 1)
    return {doc: {n: c for n, c in cands.items() if n in nodes} for doc, cands in out.items()}


def triple_mentions(triples: list[dict], merged: dict[str, str]) -> dict[str, dict[str, Counter]]:
    """{doc: {normalised mention words: Counter(node id)}} from triples.jsonl records: the words that
    name a speaker, role holder, addressee, report or mentioned entity at one place of the text."""
    out: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for record in triples:
        refs = [record["subject"]]
        for value in record.get("qualifiers", {}).values():
            if isinstance(value, dict) and "id" in value:
                refs.append(value)
            elif isinstance(value, list):
                refs.extend(v for v in value if isinstance(v, dict) and "id" in v)
        for ref in refs:
            words = norm(ref.get("mention", {}).get("text", ""))
            if words:
                out[record["doc"]][words][merged.get(ref["id"], ref["id"])] += 1
    return out


def titled(words: list[str], i: int) -> bool:
    """Do the words before ``words[i]`` only title it? Not when a word among them makes the name a
    complement of other words ("a former aide to Mr. Rubio", "rivals beyond Mr. Bush"), nor an "and"/"or"
    after a capitalised word ("Mr. and Mrs. Khan"; "journalist and author Hiro Aida" titles), nor an "of"
    after a lowercase word no title ("the nonprofit of billionaire Pete Peterson"; "secretary of state"
    titles)."""
    before = [w.lower() for w in words[:i]]
    for k, w in enumerate(before):
        prev = words[k - 1] if k else ""
        if w in ("and", "or") and prev[:1].isupper() or w == "of" and prev[:1].islower() \
                and prev.lower().rstrip(".") not in TITLES or w in COMPLEMENT_WORDS - {"and", "or", "of"}:
            return False
    return True


def title_before_name(words: list[str], i: int) -> bool:
    """Is ``words[i:]`` a full name (two or more capitalised words) after a title that is not a
    word of ``TITLES``: "former Secretary of State Hillary Clinton", "Fox News host Sean Hannity"?
    The title holds a lowercase word and does not end in a preposition, conjunction or
    possessive, so "supporters of Bernie Sanders" and "Tim Kaine and Hillary Clinton" stay apart."""
    tail, title = words[i:], words[:i]
    return len(tail) >= 2 and all(w[:1].isupper() for w in tail) and any(w[:1].islower() for w in title) \
        and title[-1].lower() not in NOT_TITLE_ENDS and not title[-1].endswith(("'s", "’s", "'", "’"))


def predict(gold: list[dict], graph: dict, triples: list[dict] | None = None,
            merged: dict[str, str] | None = None) -> dict[tuple[str, str], str | None]:
    """(doc, surface form) -> the kg node id it maps to, or None. ``merged``: ids the graph merged
    after the triples were written (none for a ``triples.jsonl`` that kg rewrote already)."""
    nodes = {n["id"]: n for n in graph["nodes"]}
    cands = doc_candidates(graph)
    forms_at = {(e["source"], e.get("doc")): e.get("forms", ()) for e in graph.get("edges", graph.get("links", []))
                if e.get("type") == "MENTIONED_IN"}
    at = triple_mentions(triples or [], merged or {})
    out: dict[tuple[str, str], str | None] = {}
    for row in gold:
        doc = row["doc"]
        forms: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for node, count in cands.get(doc, {}).items():
            data = nodes[node]
            for alias in {data.get("name", ""), *data.get("aliases", []), *forms_at.get((node, doc), ())}:
                if alias:
                    forms[norm(alias)].append((count, node))
        for words, counter in at.get(doc, {}).items():
            if words not in forms:
                forms[words] = [(count, node) for node, count in counter.items() if node in nodes]
        for form in row["mentions"]:
            hits = forms.get(norm(form), [])
            words = form.split()
            for i in range(1, len(words)):
                if hits:
                    break
                if not titled(words, i):
                    break
                if words[i][:1].isupper() and words[i - 1].lower().rstrip(".") in TITLES:
                    hits = forms.get(norm(" ".join(words[i:])), [])
                elif title_before_name(words, i):
                    hits = [h for h in forms.get(norm(" ".join(words[i:])), []) if nodes[h[1]].get("label") == "Person"]
            hits = sorted(hits, key=lambda h: (-h[0], h[1]))
            out[(doc, form)] = hits[0][1] if hits else None
    return out


def score(gold: list[dict], pred: dict[tuple[str, str], str | None]) -> tuple[dict[str, dict[str, float]], dict]:
    items = []  # (doc, form, gold key, pred key)
    for row in gold:
        gkey = (row["doc"], row["entity"]) if row.get("generic") else ("*", row["entity"])
        for form in dict.fromkeys(row["mentions"]):
            node = pred.get((row["doc"], form))
            items.append((row["doc"], form, gkey, node if node is not None else ("unmapped", row["doc"], form)))
    counts = {scope: Counter() for scope in ("within", "across")}
    wrong: list[tuple] = []
    missed: list[tuple] = []
    for a, b in combinations(items, 2):
        scope = "within" if a[0] == b[0] else "across"
        same_gold, same_pred = a[2] == b[2], a[3] == b[3]
        if not (same_gold or same_pred):
            continue
        c = counts[scope]
        c["gold"] += same_gold
        c["pred"] += same_pred
        c["both"] += same_gold and same_pred
        if same_pred and not same_gold:
            wrong.append((scope, a[0], a[1], b[0], b[1], a[3]))
        elif same_gold and not same_pred:
            missed.append((scope, a[0], a[1], b[0], b[1], a[2][1]))
    counts["all"] = counts["within"] + counts["across"]
    table = {}
    for scope, c in counts.items():
        p = c["both"] / c["pred"] if c["pred"] else 1.0
        r = c["both"] / c["gold"] if c["gold"] else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        table[scope] = {"gold_links": c["gold"], "kg_links": c["pred"], "both": c["both"], "P": p, "R": r, "F1": f}
    mapped = sum(1 for it in items if not (isinstance(it[3], tuple) and it[3][0] == "unmapped"))
    return table, {"items": len(items), "mapped": mapped, "wrong": wrong, "missed": missed}


PARTY_PLURALS = {"democrats", "republicans", "conservatives", "liberals", "independents", "progressives"}
OWNED_NOUNS = {"campaign", "administration", "supporters", "backers", "team", "camp", "fans", "staff", "aides",
               "allies", "voters", "family", "presidency", "delegates", "surrogates"}


def form_kind(form: str, gold_type: str, entity: str = "") -> str:
    """The kind of a gold surface form, for the missed-link breakdown (by its words and the gold
    entity's name: a one-word form is a handle when it holds the entity's surname, "tedcruz")."""
    words = form.replace("’", "'").split()
    low = [w.lower().strip(".,") for w in words]
    first = low[0] if low else ""
    surname = entity.split()[-1].lower() if entity else ""
    if form.startswith("@") or (len(words) == 1 and gold_type == "Person" and surname and surname in form.lower()
                                and form.lower() != surname and form.isalpha()):
        return "handle (@tedcruz, BernieSanders)"
    if gold_type == "Group" and low and low[-1] in PARTY_PLURALS:
        return "party members (Democrats, some Republicans)"
    if len(low) >= 2 and low[-1] in OWNED_NOUNS and (any(w.endswith("'s") or w.endswith("'") for w in words)
                                                     or any(w[:1].isupper() for w in words[1:-1])
                                                     or words[0][:1].isupper() and first != "the"):
        return "group/org of a name (Trump's campaign, Sanders supporters)"
    if " of " in f" {' '.join(low)} " and words[-1][:1].isupper() and first not in ("the", "a", "an"):
        return "X of a name (supporters of Sanders)"
    if first in ("his", "her", "their", "its", "our", "my", "your"):
        return "possessive pronoun + noun (his campaign)"
    if first == "the" and gold_type == "Person":
        named = any(w[:1].isupper() for w in words[1:])
        return "the + description with a capital (the GOP front-runner)" if named else \
            "the + description (the mogul)"
    if first in ("a", "an") and gold_type == "Person":
        return "a/an + description"
    if first == "the":
        return f"the + noun ({gold_type})"
    if words and words[0][:1].islower():
        return f"bare lowercase noun ({gold_type})"
    if gold_type == "Person":
        return "capitalised name/nickname (Person)"
    return f"capitalised name ({gold_type})"


def breakdown(info: dict, pred: dict[tuple[str, str], str | None], gold: list[dict]) -> list[tuple[str, int, int]]:
    """(kind, missed links, distinct forms) over the missed links, largest first."""
    types = {(row["doc"], form): (row["type"], row["entity"]) for row in gold for form in row["mentions"]}
    links: Counter = Counter()
    forms: dict[str, set] = defaultdict(set)
    for _scope, d1, f1, d2, f2, _what in info["missed"]:
        ends = [(d, f) for d, f in ((d1, f1), (d2, f2)) if pred.get((d, f)) is None]
        if not ends:
            links["split: both forms mapped, to different nodes"] += 1
            continue
        for end in ends:
            kind = form_kind(end[1], *types.get(end, ("", "")))
            links[kind] += 1
            forms[kind].add(end)
    return [(kind, n, len(forms[kind])) for kind, n in links.most_common()]


def found_only(gold: list[dict], pred: dict[tuple[str, str], str | None]) -> list[dict]:
    """The gold restricted to the surface forms kg maps to a node: merge quality apart from detection."""
    rows = []
    for row in gold:
        forms = [f for f in row["mentions"] if pred.get((row["doc"], f)) is not None]
        if forms:
            rows.append({**row, "mentions": forms})
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("output", type=Path, help="kg's output folder (graph.json inside) or a graph.json")
    ap.add_argument("--docs", type=Path, help="only these docs (one id a line)")
    ap.add_argument("--details", action="store_true", help="list wrong and missed links")
    ap.add_argument("--breakdown", action="store_true", help="missed links by the kind of form kg left unmapped")
    args = ap.parse_args(argv)
    path = args.output / "graph.json" if args.output.is_dir() else args.output
    graph = json.loads(path.read_text(encoding="utf-8"))
    docs = set(args.docs.read_text().split()) if args.docs else None
    gold = load_gold(args.gold, docs)
    triples_path = path.parent / "triples.jsonl"
    triples = [json.loads(line) for line in triples_path.read_text(encoding="utf-8").splitlines() if line.strip()] \
        if triples_path.is_file() else []
    pred = predict(gold, graph, triples)
    table, info = score(gold, pred)
    print(f"clusters: gold surface forms={info['items']}, mapped to a kg node={info['mapped']}")
    print(f"{'forms':6} {'scope':7} {'gold':>6} {'kg':>6} {'both':>6}  {'P':>5}  {'R':>5}  {'F1':>5}")
    found, _ = score(found_only(gold, pred), pred)
    for label, tab in (("all", table), ("found", found)):
        for scope in ("within", "across", "all"):
            t = tab[scope]
            print(f"{label:6} {scope:7} {t['gold_links']:6d} {t['kg_links']:6d} {t['both']:6d}  {t['P']:.3f}  "
                  f"{t['R']:.3f}  {t['F1']:.3f}")
    if args.breakdown:
        print(f"== missed links by kind ({len(info['missed'])} missed; an unmapped form counts once per link) ==")
        for kind, n, nforms in breakdown(info, pred, gold):
            print(f"  {n:6d}  {nforms:4d} forms  {kind}")
    if args.details:
        for kind in ("wrong", "missed"):
            print(f"== {kind} links ==")
            seen = set()
            for scope, d1, f1, d2, f2, what in info[kind]:
                key = (scope, f1, f2, str(what)) if scope == "across" else (d1, f1, f2)
                if key in seen:
                    continue
                seen.add(key)
                where = d1 if d1 == d2 else f"{d1} | {d2}"
                print(f"  {scope:6} {f1!r} ~ {f2!r}  [{what}]  {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
