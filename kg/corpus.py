"""What only the whole corpus can decide, run once every document is in the graph.

1. short names merge into the one person the corpus means ("Trump" of one article is Donald
   Trump: :meth:`KnowledgeGraph.merge_short_names`);
2. descriptions an article left open are tied to the one person named there whom other articles
   give that role ("the former secretary of state": :func:`kg.descriptions.ties_across`), their
   words become that person's aliases (:func:`kg.descriptions.link_across`) and words its article
   used for that person (:func:`kg.descriptions.forms_across`; a bare "the frontrunner" too), and the nameless
   person the article made of them (a speaker, "The former secretary of state said") merges into
   that person (:func:`kg.descriptions.nameless_merges`).
Both are deterministic over the whole graph, so ``--append`` builds what one run builds.
"""

from __future__ import annotations

from kg.descriptions import forms_across, link_across, nameless_merges, ties_across
from kg.graph import KnowledgeGraph, final_target


def settle(graph: KnowledgeGraph) -> dict[str, str]:
    """Run the corpus-wide steps on ``graph``; returns the ids the merges replaced (old → new)."""
    merged = graph.merge_short_names()
    opened = graph.open_descriptions()
    roles = graph.roles_graph()
    ties = ties_across(roles, opened, merged)
    graph.add_aliases(link_across(ties))
    graph.add_forms(forms_across(ties))
    bare = {found.node for found in opened if found.near is not None and found.node is not None}
    far = ties_across(roles, opened, merged, far=True)
    alone = ties_across(roles, opened, merged, far=True, alone=True)
    merged.update(graph.merge_into(nameless_merges(opened, ties, roles, far, alone), nameless=bare))
    # a node the first step merged into one the second step merged on ends at the second's target
    ends = {node: final_target(merged, node) for node in merged}
    return {node: target for node, target in ends.items() if node != target}
