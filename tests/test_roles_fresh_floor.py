"""roles-fresh floors: person→role and entity clusters on unseen PolNeAR train articles.

Floors beside roles-dev (issue 15): roles-fresh (28 articles), roles-fresh-2 and -3 (14 more each),
annotated by hand without running kg (their README.md); roles-fresh-4 and -5 (14 each) held out
from every rule writer of session 4, roles-fresh-6 and -7 (14 each) from those of session 5,
roles-fresh-8 (14) from those of session 6, roles-fresh-9 (14) from those of session 7, roles-fresh-10
(14) from those of session 8, roles-fresh-11 (14) from those of session 9, roles-fresh-12 (12) from
those of session 10.
Roles are scored by the project's scorer (../shared/eval/roles.py), entity merges by
scripts/eval_clusters.py on the graph the run builds (cross-article merges included). Floors sit
just under what was measured (SCORES.md), never above.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import load_module_file, load_shared_module

pytestmark = [pytest.mark.shared, pytest.mark.model, pytest.mark.slow]

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[1]
# per sample, just under what was measured (each sample's SCORES.md); session 8 (main 6dcdca3): rf 0.998/0.769,
# rf2 0.996/0.658 (roles 0.965/0.794), rf3 0.994/0.634, rf4 0.997/0.755, rf5 0.999/0.660, rf6 0.993/0.733,
# rf7 0.998/0.665, rf8 0.994/0.609; session 9 (main 21fdb7a; the scorer reads MENTIONED_IN forms): rf 0.998/0.774,
# rf2 0.996/0.672, rf3 0.994/0.674, rf4 0.997/0.757, rf5 0.998/0.669, rf6 0.992/0.756, rf7 0.998/0.680,
# rf8 0.995/0.654, rf9 0.993/0.583
FLOORS = {
    # session 4 (issue-15d) clusters: measured 1.000 / 0.720; roles (issue-15r) 0.889 / 0.980;
    # session 5 (issue-15c) clusters 0.998 / 0.738; session 6 (issue-15d) 0.998 / 0.764
    # session 10 clusters 0.999 / 0.860 (issue 15: >= 0.95 / 0.85)
    "roles-fresh": {"role_f1": 0.879, "role_p": 0.97, "cluster_p": 0.99, "cluster_r": 0.855},
    # read for error kinds in session 4: roles F1 / P 0.769 / 0.941 (0.677 / 0.917 before), clusters 0.997 / 0.637
    # session 5 (issue-15c) clusters 0.996 / 0.643; session 6 (issue-15d) 0.996 / 0.651
    "roles-fresh-2": {"role_f1": 0.785, "role_p": 0.95, "cluster_p": 0.99, "cluster_r": 0.665},
    # read for error kinds in session 4: roles F1 / P 0.833 / 1.000 (0.743 / 0.899 before), clusters 0.987 / 0.567
    # session 5 (issue-15c) clusters 0.983 / 0.585; session 6 (issue-15d) 0.983 / 0.607
    "roles-fresh-3": {"role_f1": 0.823, "role_p": 0.98, "cluster_p": 0.99, "cluster_r": 0.67},
    # held out from everyone in session 4 (scored at its start and end only): untouched 61f63d2 roles
    # 0.851 / 0.718 / 0.779, clusters 0.872 / 0.634; end: roles 0.862 / 0.728 / 0.789, clusters 0.889 / 0.654
    # session 6 (issue-15d, a development sample then) clusters 0.995 / 0.698
    # session 7 (issue-15f) clusters 0.996 / 0.728
    "roles-fresh-4": {"role_f1": 0.79, "role_p": 0.88, "cluster_p": 0.99, "cluster_r": 0.76},
    # the same for roles-fresh-5: untouched roles 0.923 / 0.661 / 0.771, clusters 0.928 / 0.586;
    # end: roles 0.913 / 0.661 / 0.767, clusters 0.931 / 0.589
    # session 6 (issue-15d, a development sample then) clusters 0.993 / 0.640
    # session 7 clusters 0.993 / 0.660
    "roles-fresh-5": {"role_f1": 0.76, "role_p": 0.91, "cluster_p": 0.99, "cluster_r": 0.655},
    # held out from everyone in session 5 (scored at its start and end only): untouched b046715 roles
    # 0.889 / 0.708 / 0.788, clusters 0.986 / 0.638
    # session 7 (a development sample then) clusters 0.988 / 0.720
    "roles-fresh-6": {"role_f1": 0.78, "role_p": 0.89, "cluster_p": 0.985, "cluster_r": 0.79},
    # the same for roles-fresh-7: untouched roles 0.841 / 0.732 / 0.783, clusters 0.990 / 0.637
    "roles-fresh-7": {"role_f1": 0.775, "role_p": 0.83, "cluster_p": 0.99, "cluster_r": 0.685},
    # held out from everyone in session 6 (scored at its start and end only): untouched 837f964 roles
    # 0.911 / 0.742 / 0.818, clusters 0.989 / 0.567
    # session 7 (a development sample then) clusters 0.989 / 0.587
    "roles-fresh-8": {"role_f1": 0.81, "role_p": 0.91, "cluster_p": 0.985, "cluster_r": 0.645},
    # held out from everyone in session 7 (scored at its start and end only): untouched 8542345 roles
    # 0.941 / 0.756 / 0.838, clusters 0.959 / 0.505; end of session 7: roles unchanged, clusters 0.960 / 0.519
    # session 8 (a development sample then; the scorer no longer maps "a former aide to Mr. Rubio" to Rubio):
    # roles 0.941 / 0.756 / 0.838, clusters 0.994 / 0.561
    "roles-fresh-9": {"role_f1": 0.83, "role_p": 0.93, "cluster_p": 0.985, "cluster_r": 0.575},
    # held out from everyone in session 8 (scored at its start and end only): untouched a495f1a roles
    # 0.893 / 0.725 / 0.800, clusters 0.913 / 0.560 (0.947 / 0.560 by the scorer fixed in session 8);
    # end of session 8: roles unchanged, clusters 0.950 / 0.560; session 9 (a development sample then; the scorer
    # reads MENTIONED_IN forms and a party word before a name): roles 0.902 / 0.732 / 0.808, clusters 0.969 / 0.616
    "roles-fresh-10": {"role_f1": 0.80, "role_p": 0.895, "cluster_p": 0.97, "cluster_r": 0.61},
    # held out from everyone in session 9 (scored at its start and end only): untouched be42346 roles
    # 0.959 / 0.824 / 0.886, clusters 0.960 / 0.363
    # session 10 (a development sample; the scorer no longer maps "those who support Mr. Trump"): clusters
    # 0.991 / 0.386
    "roles-fresh-11": {"role_f1": 0.875, "role_p": 0.95, "cluster_p": 0.985, "cluster_r": 0.38},
    # held out from everyone in session 10 (scored at its start and end only): untouched a2b28f3 roles
    # 0.934 / 0.755 / 0.835, clusters 0.934 / 0.620
    "roles-fresh-12": {"role_f1": 0.83, "role_p": 0.93, "cluster_p": 0.93, "cluster_r": 0.615},
}


def _eval_clusters():
    return load_module_file(ROOT / "scripts" / "eval_clusters.py", "eval_clusters")


@pytest.fixture(scope="module", params=sorted(FLOORS))
def sample(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def fresh_results(shared_dir, nlp, sample) -> list:
    from kg.model import Document
    from kg.pipeline import extract_document

    text = shared_dir / "data" / "polnear" / "train" / "text"
    ids = (DATA / sample / "docs.txt").read_text(encoding="utf-8").split()
    missing = [i for i in ids if not (text / f"{i}.txt").is_file()]
    if missing:
        pytest.skip(f"PolNeAR train texts of the fresh sample not found under {text} ({len(missing)} missing)")
    docs = [Document(id=i, text=(text / f"{i}.txt").read_text(encoding="utf-8")) for i in ids]
    return [extract_document(d, s) for d, s in zip(docs, nlp.pipe(d.text for d in docs), strict=True)]


@pytest.fixture(scope="module")
def roles_score(shared_dir, fresh_results, sample) -> dict[str, float]:
    scorer = load_shared_module(shared_dir, "roles")
    gold = scorer.load(DATA / sample / "gold.jsonl")
    pred = {r.document.id: [{"doc": t.doc, "person": t.subject.name, "role": t.object.name}
                            for t in r.triples if t.relation == "HOLDS_ROLE"] for r in fresh_results}
    return scorer.score(gold, pred)


@pytest.fixture(scope="module")
def cluster_score(fresh_results, sample) -> dict[str, float]:
    from kg.corpus import settle
    from kg.graph import KnowledgeGraph, to_node_link

    graph = KnowledgeGraph()
    graph.add_all(fresh_results)
    merged = settle(graph)
    scorer = _eval_clusters()
    gold = scorer.load_gold(DATA / sample / "clusters.jsonl", None)
    triples = [t.to_json() for r in fresh_results for t in r.triples]
    table, _info = scorer.score(gold, scorer.predict(gold, to_node_link(graph), triples, merged))
    return table["all"]


def test_roles_fresh_f1_floor(roles_score, sample):
    assert roles_score["f1"] >= FLOORS[sample]["role_f1"], (sample, roles_score)


def test_roles_fresh_precision_floor(roles_score, sample):
    assert roles_score["p"] >= FLOORS[sample]["role_p"], (sample, roles_score)


def test_entity_clusters_fresh_floor(cluster_score, sample):
    assert cluster_score["P"] >= FLOORS[sample]["cluster_p"], (sample, cluster_score)
    assert cluster_score["R"] >= FLOORS[sample]["cluster_r"], (sample, cluster_score)
