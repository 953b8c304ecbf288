"""The knowledge graph: document results merged into one networkx MultiDiGraph.

Entities merge across documents on their deterministic id (type + canonical name), so a
corpus yields one node per person; statements (Quote, Finding) are nodes of their own so
they can carry offsets and be linked to the article, the addressee and the report.

Graph shape (shared with Neo4j and RDF):
  (Person|Organization|Group)-[:SAID {kind, mode, cue}]->(Quote)-[:IN_ARTICLE]->(Article); a Quote's
  text is what was said (pieces joined by ' … '), start/end its whole span, part_* its pieces
  (Quote)-[:ADDRESSED_TO]->(entity), (Quote)-[:IN_REPORT]->(Report)
  (Person)-[:HOLDS_ROLE]->(Role)
  (Report)-[:FOUND]->(Finding)-[:IN_ARTICLE]->(Article), (Report)-[:AUTHORED_BY]->(Organization)
  (entity)-[:MENTIONED_IN {count}]->(Article)
  (Quote|Finding)-[:MENTIONS {starts, ends, text}]->(entity): who a statement talks about
  (Person)-[:WORKS_FOR {role, doc}]->(Organization): a role's organisation, when it is a node
  (Group)-[:MEMBER_OF {doc, start, end, text}]->(Organization|Person): "ACLU lawyers" → the ACLU
"""

from __future__ import annotations

import functools
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from kg.given_names import GENDERED_HONORIFICS, is_given_name
from kg.given_names import gender_of as gender_of_name
from kg.handles import handle_letters, spellings
from kg.lexicons import load_words
from kg.model import DocResult, EntityRef, OpenDescription, Triple, entity_id, stable_hash
from kg.owned_groups import owned_noun, owned_nouns

if TYPE_CHECKING:  # networkx takes ~0.4 s to import: only the paths that build a graph do
    import networkx as nx

NODE_LABELS = ("Person", "Organization", "Group", "Place", "Report", "Role", "Quote", "Finding", "Article")
EDGE_TYPES = ("SAID", "HOLDS_ROLE", "FOUND", "ADDRESSED_TO", "IN_ARTICLE", "IN_REPORT", "AUTHORED_BY", "MENTIONED_IN",
              "MENTIONS", "WORKS_FOR", "MEMBER_OF")
STATEMENT_LABEL = {"SAID": "Quote", "FOUND": "Finding"}
# the statement table (kg export --format csv|parquet, graph.to_dataframe()); docs/api.md says what each holds
STATEMENT_COLUMNS = ("relation", "speaker", "speaker_id", "speaker_type", "kind", "mode", "cue", "statement",
                     "addressee", "mentions", "article", "title", "url", "date", "sentence", "confidence",
                     "start", "end", "sentence_start", "sentence_end", "triple_id")
# named things: aliases, a mention count and MENTIONED_IN edges (not roles, statements or articles)
ENTITY_LABELS = ("Person", "Organization", "Group", "Place", "Report")


def article_id(doc: str) -> str:
    return f"article:{doc}"


def statement_id(label: str, doc: str, start: int, end: int) -> str:
    """A statement is identified by where it stands, so re-running never duplicates it."""
    return f"{label.lower()}:{stable_hash(doc, start, end)}"


class KnowledgeGraph:
    """Accumulates :class:`DocResult` records into one graph, one document at a time."""

    def __init__(self, graph: nx.MultiDiGraph | None = None) -> None:
        if graph is None:
            import networkx as nx

            graph = nx.MultiDiGraph()
        self.graph = graph
        self._touched: set[str] = set()
        self._mention_totals: dict[str, int] = {}  # entity -> sum of its MENTIONED_IN counts, filled lazily
        self._open: dict[str, list[OpenDescription]] = {}  # doc -> descriptions its article left open

    # -- building -------------------------------------------------------------------
    def add(self, result: DocResult) -> None:
        """Merge one document's entities and triples; adding the same document twice is a no-op."""
        doc = result.document
        art = article_id(doc.id)
        self._touched = set()
        self._node(art, label="Article", name=doc.title or doc.id, doc=doc.id, url=doc.url or "",
                   date=doc.date or "")
        for entity in result.entities:
            self._entity(entity.id, entity.type, entity.name, aliases=entity.aliases)
            count = len(entity.mentions)
            if count:
                key = f"MENTIONED_IN:{doc.id}"
                before = self._mention_total(entity.id)
                old = self.graph.get_edge_data(entity.id, art, key, default={}).get("count", 0)
                self._edge(entity.id, art, "MENTIONED_IN", key=key, count=count, doc=doc.id,
                           forms=entity.forms())
                self._mention_totals[entity.id] = before - old + count
        for triple in result.triples:
            self._triple(triple, art)
        self._recount_mentions(self._touched)
        if result.descriptions:
            self._open[doc.id] = list(result.descriptions)

    def add_all(self, results: Iterable[DocResult]) -> None:
        for result in results:
            self.add(result)

    def _node(self, node_id: str, **attrs: Any) -> None:
        if node_id in self.graph:
            self.graph.nodes[node_id].update({k: v for k, v in attrs.items() if v not in (None, "")})
        else:
            self.graph.add_node(node_id, **attrs)

    def _entity(self, node_id: str, label: str, name: str, *, aliases: Iterable[str] = ()) -> None:
        self._touched.add(node_id)
        if node_id in self.graph:
            data = self.graph.nodes[node_id]
            merged = sorted(set(data.get("aliases", [])) | set(aliases) | {name})
            data["aliases"] = merged
            if len(name) > len(data.get("name", "")):
                data["name"] = name
        else:
            self.graph.add_node(node_id, label=label, name=name, aliases=sorted(set(aliases) | {name}), mentions=0)

    def _edge(self, source: str, target: str, rel: str, *, key: str, **attrs: Any) -> None:
        self.graph.add_edge(source, target, key=key, type=rel, **{k: v for k, v in attrs.items() if v is not None})

    def _subject(self, ref: EntityRef) -> None:
        self._entity(ref.id, ref.type, ref.name)

    def _triple(self, triple: Triple, art: str) -> None:
        ev = triple.evidence
        tid = triple.id  # a hash: computed once, used as the attribute and the edge key
        self._subject(triple.subject)
        attrs: dict[str, Any] = {
            "id": tid,
            "doc": triple.doc,
            "mention": triple.subject.mention.text,
            "mention_start": triple.subject.mention.start,
            "mention_end": triple.subject.mention.end,
            "sentence_start": ev.sentence.start,
            "sentence_end": ev.sentence.end,
            "sentence": ev.sentence.text,  # what the view's statement panel shows around the statement
            "extractor": ev.extractor,
            "confidence": round(ev.confidence, 3),
        }
        if triple.cue is not None:
            attrs.update(cue=triple.cue.text, cue_start=triple.cue.start, cue_end=triple.cue.end)
        refs: dict[str, EntityRef] = {}
        mentioned: tuple[EntityRef, ...] = ()
        for key, value in triple.qualifiers:
            if key == "mentions":
                mentioned = value
            elif isinstance(value, EntityRef):
                refs[key] = value
                attrs[key] = value.name
            else:
                attrs[key] = value
        if triple.relation == "MEMBER_OF":
            owner = triple.object
            assert owner.id is not None, "MEMBER_OF objects are entities"
            self._entity(owner.id, owner.type or "Organization", owner.name or "")
            if owner.span is not None:
                attrs.update(start=owner.span.start, end=owner.span.end, text=owner.span.text)
            self._edge(triple.subject.id, owner.id, "MEMBER_OF", key=tid, **attrs)
        elif triple.relation == "HOLDS_ROLE":
            role = triple.object
            role_id = role.id or entity_id("Role", role.name or "")
            self._node(role_id, label="Role", name=role.name)
            span = role.span
            if span is not None:
                attrs.update(start=span.start, end=span.end, text=span.text)
            org = refs.get("org_entity")
            if org is not None:
                attrs["org_id"] = org.id
                self._entity(org.id, org.type, org.name)
                self._edge(triple.subject.id, org.id, "WORKS_FOR", key=f"WORKS_FOR:{triple.doc}:{role_id}",
                           role=role.name, doc=triple.doc, start=org.mention.start, end=org.mention.end)
            self._edge(triple.subject.id, role_id, "HOLDS_ROLE", key=tid, **attrs)
        else:
            label = STATEMENT_LABEL[triple.relation]
            span = triple.object.span
            assert span is not None, "SAID and FOUND objects are spans"
            st_id = statement_id(label, triple.doc, span.start, span.end)
            pieces = triple.object.parts
            more = {} if len(pieces) < 2 else {  # a statement in pieces: each piece's place and words
                "part_starts": [p.start for p in pieces], "part_ends": [p.end for p in pieces],
                "part_texts": [p.text for p in pieces]}
            self._node(st_id, label=label, text=triple.object.words, doc=triple.doc, start=span.start, end=span.end,
                       **more)
            self._edge(triple.subject.id, st_id, triple.relation, key=tid, **attrs)
            self._edge(st_id, art, "IN_ARTICLE", key="IN_ARTICLE")
            for key, ref in refs.items():
                rel = {"addressee": "ADDRESSED_TO", "in_report": "IN_REPORT"}.get(key)
                if rel:
                    self._entity(ref.id, ref.type, ref.name)
                    self._edge(st_id, ref.id, rel, key=rel)
            self._mentions(st_id, triple.doc, mentioned)
        author = refs.get("author")
        if author is not None:
            self._entity(author.id, author.type, author.name)
            self._edge(triple.subject.id, author.id, "AUTHORED_BY", key="AUTHORED_BY")

    def _mentions(self, statement: str, doc: str, refs: tuple[EntityRef, ...]) -> None:
        """One MENTIONS edge per entity the statement names, with the offsets of each of its mentions."""
        by_entity: dict[str, list[EntityRef]] = defaultdict(list)
        for ref in refs:
            by_entity[ref.id].append(ref)
        for node, group in by_entity.items():
            first = group[0]
            self._entity(node, first.type, first.name)
            self._edge(statement, node, "MENTIONS", key=f"MENTIONS:{node}", doc=doc, text=first.mention.text,
                       starts=[r.mention.start for r in group], ends=[r.mention.end for r in group])

    def _mention_total(self, node: str) -> int:
        """The sum of ``node``'s MENTIONED_IN counts: counted once, then kept up to date by :meth:`add`.

        Summing a popular entity's edges on every document ("Trump" is in most of them)
        would make building the graph quadratic in the corpus.
        """
        total = self._mention_totals.get(node)
        if total is None:
            total = sum(d.get("count", 0) for _u, _v, d in self.graph.out_edges(node, data=True)
                        if d.get("type") == "MENTIONED_IN")
            self._mention_totals[node] = total
        return total

    def _recount_mentions(self, nodes: Iterable[str] | None = None) -> None:
        """Set ``mentions`` of ``nodes`` (every entity by default) from their MENTIONED_IN edges."""
        g = self.graph
        for node in g.nbunch_iter(nodes):
            data = g.nodes[node]
            if data.get("label") in ENTITY_LABELS:
                data["mentions"] = max(self._mention_total(node), 1)

    def merge_short_names(self, *, dominance: float = 3.0) -> dict[str, str]:
        """Merge short forms of a person's name into the one person the corpus means by them.

        One article may say only "Trump" or "Donald J. Trump": its entity then gets an id of its
        own. A surname-only Person (or an Organization/Group with exactly that one word, the
        model's type error), a first-name-only Person, and a full name with middle initials
        added merge into the full-name Person that carries that surname (first name; first and
        last name; never when the corpus gives that first and last name two different middles,
        "George W." and "George H.W. Bush") when that person is named in at least ``dominance``
        times as many articles as any other candidate, and in two or more: "Trump" joins Donald Trump although Ivanka
        Trump is in the corpus too, but "Sanders" stays apart when Bernie and Sarah Huckabee
        Sanders are both common. A surname that articles use beside two or more of the people
        who carry it needs only twice the articles among those people; failing dominance, a
        surname goes to the one bearer some article calls by it alone ("Obama": Barack, never
        Michelle), and a surname two or more articles use alone to the corpus's only full-name
        bearer of it, even one named in a single article; never, though, to the one bearer its own
        article names in full, which that article kept it from ("President Obama" beside Michelle
        Obama and a "Mr. Obama"). A person named by honorific and surname ("Mr. Obama", beside
        Michelle Obama) merges into the dominant bearer of that surname whose given name has the
        honorific's gender and whom its article does not name, when the article names no bearer
        of that gender (never the "Mr. Bush" an article naming two men of that name left alone).
        A longer name that is a full name after a word that is no given name ("Crooked Hillary
        Clinton"), and a two-word Place or Organization that is a person's full name ("Marco
        Rubio" the model typed a place), merge the same way. An account ("@tedcruz",
        a handle no article spelled out: ``kg.descriptions``) merges into the one person whose
        full name it spells, with or without a prefix ("real", a title before the surname). A one-word
        Organization merges the same way into the organisation whose initials it is ("ACLU") or
        whose first or last word it is ("Northwind"). Run once after every document is added;
        idempotent.

        Returns:
            The merged ids, each mapped to the id it was merged into.
        """
        articles = self._article_counts()
        by_last: dict[str, list[str]] = defaultdict(list)
        by_first: dict[str, list[str]] = defaultdict(list)
        by_first_last: dict[tuple[str, str], list[str]] = defaultdict(list)
        by_initials: dict[str, list[str]] = defaultdict(list)
        by_org_word: dict[str, list[str]] = defaultdict(list)
        aliases_of: dict[str, list[str]] = {}  # full-name person -> its aliases
        middles: dict[tuple[str, str], set[tuple[str, ...]]] = defaultdict(set)  # "George W." and "George H.W. Bush"
        honorifics = GENDERED_HONORIFICS
        honorific_named: set[str] = set()
        by_first_of: dict[str, str] = {}  # full-name person -> its first word
        for node, data in self._entity_items():
            words = _name_words(data.get("name", ""))
            if data.get("label") == "Person" and len(words) >= 2:
                aliases_of[node] = data.get("aliases", [])
                for form in (data.get("name", ""), *aliases_of[node]):
                    if len(form_words := _name_words(form)) >= 3:
                        middles[(form_words[0], form_words[-1])].add(tuple(form_words[1:-1]))
                by_last[words[-1]].append(node)
                by_first[words[0]].append(node)
                if len(words) == 2:
                    by_first_last[(words[0], words[1])].append(node)
                by_first_of[node] = words[0]
                if words[0].rstrip(".") in honorifics:
                    honorific_named.add(node)  # "Mr. Obama", named so by kg.entities beside Michelle Obama
            elif data.get("label") == "Organization" and len(words) >= 2:
                by_initials[_initials(data.get("name", ""))].append(node)
                for word in {words[0], words[-1]}:
                    by_org_word[word].append(node)

        def dominant(candidates: list[str], ratio: float = dominance) -> str | None:
            ranked = sorted(candidates, key=lambda n: (-articles[n], n))
            if not ranked or articles[ranked[0]] < 2:
                return None
            if len(ranked) > 1 and articles[ranked[0]] < ratio * articles[ranked[1]]:
                return None
            return ranked[0]

        def called(candidates: list[str], word: str) -> str | None:
            """The one of ``candidates`` some article calls by ``word`` alone, named in two or more."""
            found = [c for c in candidates if word in {" ".join(_name_words(a)) for a in aliases_of[c]}]
            return found[0] if len(found) == 1 and articles[found[0]] >= 2 else None

        def sole_bearer(node: str, candidates: list[str]) -> str | None:
            """The corpus's only full-name bearer of a surname that two or more articles use alone.

            The two-article rule of ``dominant`` keeps a surname of one article from a person
            named in one other ("Kowalski" may be another Kowalski). A surname that articles
            naming no bearer use alone, twice or more, is a well-known person's, and when the
            corpus spells out one person of that surname, in no article of the bare name, it is him.
            """
            if len(candidates) != 1 or articles[node] < 2:
                return None
            return None if named_in(candidates[0]) & named_in(node) else candidates[0]

        def only_bearer_beside(node: str, word: str) -> str | None:
            """The one full-name bearer of surname ``word`` named in the articles of ``node`` (a
            surname alone), if exactly one: those articles left the surname apart from that person."""
            docs = named_in(node)
            beside = [c for c in by_last.get(word, []) if c != node and named_in(c) & docs
                      and c not in honorific_named]  # "Mr. Obama" is that other person, not a bearer named in full
            return beside[0] if len(beside) == 1 else None

        # a well-known bearer's articles are asked for once, not once per surname node beside him (a query
        # of the store each)
        named_in = functools.cache(self._named_in)
        merged: dict[str, str] = {}
        spelled = self._spelled_handles()
        for node, data in self._entity_items():
            label, words = data.get("label"), _name_words(data.get("name", ""))
            target = None
            if label == "Person" and str(data.get("name", "")).startswith("@"):
                # "@tedcruz", a tweet's author no article spelled out: the one person whose name it spells
                found = spelled.get(handle_letters(str(data["name"])), set())
                target = next(iter(found)) if len(found) == 1 else None
            elif len(words) == 1 and label in ("Person", "Organization", "Group"):
                target = dominant(by_last.get(words[0], []))
                if target is None and label == "Person":
                    # "Clinton" of an article that names Bill and Hillary Clinton (kg.entities leaves
                    # it to neither): the one of those the corpus names in twice as many articles
                    docs = named_in(node)
                    beside = [c for c in by_last.get(words[0], []) if named_in(c) & docs]
                    target = dominant(beside, 2.0) if len(beside) >= 2 else None
                if target is None and label == "Person":
                    # "Obama" when the corpus calls Barack Obama "Obama" but never Michelle Obama
                    target = called(by_last.get(words[0], []), words[0])
                if target is None and label == "Person":
                    # "Obama" alone in two or more articles, "Barack Obama" in one: the one bearer
                    target = sole_bearer(node, by_last.get(words[0], []))
                if target is not None and label == "Person" and node != entity_id("Person", str(data.get("name", ""))) \
                        and target == only_bearer_beside(node, words[0]):
                    # "President Obama" that kg.entities kept from Michelle Obama, the one Obama its article
                    # names (a "Mr. Obama" is there too), keyed to that article: never glued back to her
                    target = None
                if target is None and label == "Person" and not by_last.get(words[0]):
                    # a first name alone ("Hillary"); never one that is a surname of the corpus too ("Paul":
                    # Rand Paul's, not Paul Ryan's when the surname's bearers leave it open)
                    target = dominant(by_first.get(words[0], []))
                if target is None and label == "Organization":
                    # "ACLU" of one article is the corpus's American Civil Liberties Union; "Northwind"
                    # its Northwind Energy (the same dominance rule decides between several)
                    name = str(data.get("name", "")).replace(".", "")
                    if name.isupper() and len(name) >= 2:
                        target = dominant(by_initials.get(name.lower(), []))
                    elif words[0] not in load_words("chambers"):  # "House" is the House, never the "White House"
                        target = dominant(by_org_word.get(words[0], []))
            elif len(words) >= 3 and label == "Person" and all(len(w.rstrip(".")) == 1 for w in words[1:-1]) \
                    and len(middles[(words[0], words[-1])]) <= 1:
                # "Donald J. Trump"; never "George W. Bush" into "George Bush" when the corpus also has George H.W.
                target = dominant(by_first_last.get((words[0], words[-1]), []))
            elif len(words) >= 3 and label == "Person" and not is_given_name(words[0]):
                # "Crooked Hillary Clinton": a word that is no given name before a full name
                target = dominant(by_first_last.get((words[-2], words[-1]), []))
            elif len(words) == 2 and label in ("Place", "Organization") and gender_of_name(words[0]) is not None:
                # "Marco Rubio" the model typed a place in one article: the corpus's person of that name
                target = dominant(by_first_last.get((words[0], words[1]), []))
            elif len(words) == 2 and label == "Person" and node in honorific_named:
                # "Mr. Obama" of an article that names only Michelle Obama: the man of that surname the
                # corpus means, if one dominates among those its article does not name
                docs, gender = named_in(node), honorifics[words[0].rstrip(".")]
                bearers = [c for c in by_last.get(words[1], []) if c not in honorific_named]
                if not any(gender_of_name(by_first_of[c]) in (None, gender) for c in bearers if named_in(c) & docs):
                    # never the "Mr. Bush" an article naming two men of that name left to neither
                    target = dominant([c for c in bearers if gender_of_name(by_first_of[c]) == gender
                                       and not named_in(c) & docs])
            if target is not None and target != node:
                merged[node] = target
        merged = {node: final_target(merged, node) for node in merged}
        merged = {node: target for node, target in merged.items() if node != target}
        merged.update(self._owned_group_merges(merged))
        for node, target in merged.items():
            self._merge_node(node, target)
        if merged:
            self._after_merge()
        return merged

    def _spelled_handles(self) -> dict[str, set[str]]:
        """The letters of each account node ("@tedcruz") → the full-name Person nodes that spell
        them (Ted Cruz); only the accounts' letters are kept, so an archive's people cost no memory."""
        people = [(node, str(data.get("name", ""))) for node, data in self._entity_items()
                  if data.get("label") == "Person"]
        wanted = {handle_letters(name) for _node, name in people if name.startswith("@")}
        out: dict[str, set[str]] = defaultdict(set)
        if wanted:
            for node, name in people:
                if not name.startswith("@"):
                    for letters in spellings(name) & wanted:
                        out[letters].add(node)
        return out

    def _owned_group_merges(self, merged: dict[str, str]) -> dict[str, str]:
        """A group of a merged person joins the same group of the person it merged into: "Obama
        administration" of an article that says only "Obama" is the corpus's "Barack Obama
        administration" (``kg.groups.mention_owned``), when that node exists."""
        if not merged:
            return {}
        people = set(merged) | set(merged.values())
        names: dict[str, str] = {}
        groups: dict[str, list[str]] = defaultdict(list)  # a group's name -> its nodes
        for node, data in self._entity_items():
            if node in people:
                names[node] = str(data.get("name", ""))
            elif data.get("label") == "Group":
                groups[str(data.get("name", ""))].append(node)
        ids = {node for nodes in groups.values() for node in nodes}
        out: dict[str, str] = {}
        nouns = {owned_noun(w) for w in owned_nouns()}
        for old, new in merged.items():
            for noun in nouns:
                target = entity_id("Group", f"{names.get(new, '')} {noun}")
                if target not in ids:
                    continue
                for node in groups.get(f"{names.get(old, '')} {noun}", []):
                    if node != target:
                        out[node] = target
        return out

    def merge_into(self, merges: dict[str, str], *, nameless: Iterable[str] = ()) -> dict[str, str]:
        """Merge each node into its target (nodes the corpus found to be one: ``kg.corpus.settle``);
        both must be nodes of the graph. A node of ``nameless`` ("the candidate") leaves its words
        out of the target's aliases: they name no one. Returns the merges made."""
        # a chain (a nameless node tied to a person, and another tied to that nameless node) ends
        # where it ends: nothing is merged into a node that goes on into another
        done = {node: final_target(merges, node) for node in merges}
        done = {node: target for node, target in done.items() if node != target}
        keep = set(nameless)
        for node, target in done.items():
            before = list(self._attributes(target).get("aliases", []))
            self._merge_node(node, target)
            if node in keep:
                self._attributes(target)["aliases"] = before
        if done:
            self._after_merge()
        return done

    def _attributes(self, node: str) -> dict[str, Any]:
        """A node's attributes, to change in place."""
        return self.graph.nodes[node]

    def open_descriptions(self) -> list[OpenDescription]:
        """The descriptions the added articles left open (not kept in saved graphs), in doc order."""
        return [d for doc in sorted(self._open) for d in self._open[doc]]

    def roles_graph(self) -> nx.MultiDiGraph:
        """The entities, roles and HOLDS_ROLE edges, which corpus-wide description linking reads
        (:func:`kg.descriptions.link_across`); here the whole graph."""
        return self.graph

    def add_aliases(self, aliases: dict[str, set[str]]) -> None:
        """More words for entities the corpus resolved (``kg.descriptions.link_across``)."""
        for node, words in aliases.items():
            if node in self.graph:
                data = self.graph.nodes[node]
                data["aliases"] = sorted(set(data.get("aliases", [])) | words)

    def add_forms(self, forms: dict[tuple[str, str], set[str]]) -> None:
        """More words an article used for an entity, found once the corpus settled
        (``kg.descriptions.forms_across``): added to the ``forms`` of the entity's MENTIONED_IN edge
        for that article, when it has one."""
        for (node, doc), words in forms.items():
            data = self.graph.get_edge_data(node, article_id(doc), f"MENTIONED_IN:{doc}")
            if data is not None:
                unite_forms(data, words)

    def _entity_items(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every node (the named ones matter) in creation order, listed first so merging may change the graph."""
        return iter(list(self.graph.nodes(data=True)))

    def _article_counts(self) -> Counter[str]:
        """Entity -> number of articles it is named in (its MENTIONED_IN edges)."""
        return Counter(u for u, _v, d in self.graph.edges(data=True) if d.get("type") == "MENTIONED_IN")

    def _named_in(self, node: str) -> set[str]:
        """The documents ``node`` is named in (its MENTIONED_IN edges)."""
        return {d["doc"] for _u, _v, d in self.graph.out_edges(node, data=True) if d.get("type") == "MENTIONED_IN"}

    def _after_merge(self) -> None:
        self._mention_totals.clear()
        self._recount_mentions()

    def _merge_node(self, node: str, target: str) -> None:
        """Move every edge and alias of ``node`` onto ``target`` and drop ``node``."""
        g = self.graph
        data = g.nodes[node]
        tdata = g.nodes[target]
        tdata["aliases"] = sorted(set(tdata.get("aliases", [])) | set(data.get("aliases", [])) | {data.get("name", "")})
        for u, v, key, attrs in list(g.in_edges(node, keys=True, data=True)) + list(
                g.out_edges(node, keys=True, data=True)):
            u2, v2 = (target if u == node else u), (target if v == node else v)
            if g.has_edge(u2, v2, key):
                old = g.edges[u2, v2, key]
                add_mentions(old, attrs)
            else:
                g.add_edge(u2, v2, key=key, **attrs)
        g.remove_node(node)

    # -- reading --------------------------------------------------------------------
    def node_items(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every node and its attributes, in the graph's order (what the file writers stream)."""
        return iter(self.graph.nodes(data=True))

    def edge_items(self) -> Iterator[tuple[str, str, Any, dict[str, Any]]]:
        """Every edge as (source, target, key, attributes), in the graph's order."""
        return iter(self.graph.edges(keys=True, data=True))

    def node_json_items(self) -> Iterator[tuple[str, str]]:
        """:meth:`node_items` with each node's attributes as JSON text (graph.json's encoding)."""
        for node, data in self.node_items():
            yield node, _ENCODE(data)

    def edge_json_items(self) -> Iterator[tuple[str, str, Any, str]]:
        """:meth:`edge_items` with each edge's attributes as JSON text (graph.json's encoding)."""
        for u, v, key, data in self.edge_items():
            yield u, v, key, _ENCODE(data)

    def graph_attrs(self) -> dict[str, Any]:
        """The graph's own attributes (empty for a built graph; kept from a loaded file)."""
        return self.graph.graph

    def nodes(self, label: str | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
        for node, data in self.graph.nodes(data=True):
            if label is None or data.get("label") == label:
                yield node, data

    def edges(self, rel: str | None = None) -> Iterator[tuple[str, str, dict[str, Any]]]:
        for source, target, data in self.graph.edges(data=True):
            if rel is None or data.get("type") == rel:
                yield source, target, data

    def who_said(self, name: str | None = None, *, about: str | None = None,
                 kind: str | None = None) -> list[dict[str, Any]]:
        """Rows of speaker, kind, cue, statement and article, optionally for speakers matching
        ``name``, for statements that mention (MENTIONS) an entity matching ``about``, and for one
        ``kind`` of statement (speech, thought, intention, position)."""
        rows = []
        needle = (name or "").lower()
        for source, target, data in self.edges("SAID"):
            if kind and data.get("kind") != kind:
                continue
            speaker = self.graph.nodes[source]
            if needle and not _matches(speaker, needle):
                continue
            about_names = self.mentioned(target, about)
            if about and not about_names:
                continue
            quote = self.graph.nodes[target]
            rows.append({
                "speaker": speaker.get("name"),
                "kind": data.get("kind"),
                "cue": data.get("cue", ""),
                "statement": quote.get("text", ""),
                "article": data.get("doc"),
                "start": quote.get("start"),
                "about": ", ".join(about_names),
            })
        rows.sort(key=lambda r: (r["article"] or "", r["start"] or 0))
        return rows

    def mentioned(self, statement: str, about: str | None = None) -> list[str]:
        """Names of the entities ``statement`` MENTIONS (those matching ``about`` when given), sorted."""
        needle = (about or "").lower()
        names = {self.graph.nodes[t].get("name", "") for _s, t, d in self.graph.out_edges(statement, data=True)
                 if d.get("type") == "MENTIONS" and (not needle or _matches(self.graph.nodes[t], needle))}
        return sorted(names)

    def roles(self, name: str | None = None) -> list[dict[str, Any]]:
        """Rows of person, role, qualifier, org, article (the columns of the ``roles`` Cypher query)."""
        needle = (name or "").lower()
        rows = []
        for source, target, data in self.edges("HOLDS_ROLE"):
            person = self.graph.nodes[source]
            if needle and not any(needle in a.lower() for a in [person.get("name", "")] + person.get("aliases", [])):
                continue
            rows.append({"person": person.get("name"), "role": self.graph.nodes[target].get("name"),
                         "qualifier": data.get("qualifier"), "org": data.get("org"), "article": data.get("doc"),
                         "start": data.get("start")})
        rows.sort(key=lambda r: (r["article"] or "", r["start"] or 0, r["person"] or ""))
        return rows

    def findings(self, name: str | None = None) -> list[dict[str, Any]]:
        """Rows of report, authors, cue, finding, article (the columns of the ``findings`` Cypher query)."""
        needle = (name or "").lower()
        rows = []
        for source, target, data in self.edges("FOUND"):
            report = self.graph.nodes[source]
            if needle and needle not in report.get("name", "").lower():
                continue
            authors = [self.graph.nodes[t].get("name") for _, t, d in self.graph.out_edges(source, data=True)
                       if d.get("type") == "AUTHORED_BY"]
            finding = self.graph.nodes[target]
            rows.append({"report": report.get("name"), "authors": authors, "cue": data.get("cue", ""),
                         "finding": finding.get("text", ""), "article": finding.get("doc"),
                         "start": finding.get("start")})
        rows.sort(key=lambda r: (r["article"] or "", r["start"] or 0, r["report"] or ""))
        return rows

    def statements(self) -> list[dict[str, Any]]:
        """One row per statement (SAID and FOUND), the columns of :data:`STATEMENT_COLUMNS`.

        ``kind`` and ``mentions`` are filled when the graph has them (a ``kind`` on SAID edges,
        ``(Quote)-[:MENTIONS]->(entity)`` edges), and empty otherwise. Texts are whole, never cut.
        """
        g = self.graph
        rows = []
        for source, target, data in self.graph.edges(data=True):
            if data.get("type") not in STATEMENT_LABEL:
                continue
            speaker, statement = g.nodes[source], g.nodes[target]
            doc = data.get("doc") or statement.get("doc") or ""
            article = g.nodes[article_id(doc)] if article_id(doc) in g else {}
            mentioned = [name for name in self.mentioned(target) if name]
            rows.append({
                "relation": data.get("type"), "speaker": speaker.get("name", ""), "speaker_id": source,
                "speaker_type": speaker.get("label", ""), "kind": data.get("kind", ""),
                "mode": data.get("mode", ""), "cue": data.get("cue", ""), "statement": statement.get("text", ""),
                "addressee": data.get("addressee", ""), "mentions": " | ".join(mentioned),
                "article": doc, "title": article.get("name", ""), "url": article.get("url", ""),
                "date": article.get("date", ""), "sentence": data.get("sentence", ""),
                "confidence": data.get("confidence"), "start": statement.get("start"),
                "end": statement.get("end"), "sentence_start": data.get("sentence_start"),
                "sentence_end": data.get("sentence_end"), "triple_id": data.get("id", ""),
            })
        rows.sort(key=lambda r: (r["article"], r["start"] if r["start"] is not None else 0, r["triple_id"]))
        return rows

    def to_networkx(self) -> nx.MultiDiGraph:
        """The graph as a networkx ``MultiDiGraph`` (a copy: changing it leaves this graph alone).

        Nodes carry ``label`` (Person, Quote, ...) and ``name`` or ``text``; edges carry ``type``
        (SAID, ...) and, for statements, their evidence.
        """
        return self.graph.copy()

    def to_dataframe(self) -> Any:
        """The statements as a pandas ``DataFrame`` (columns: :data:`STATEMENT_COLUMNS`).

        Raises:
            ImportError: pandas is not installed (``pip install "kg[pandas]"``).
        """
        try:
            import pandas as pd
        except ImportError:
            raise ImportError('graph.to_dataframe() needs pandas: pip install "kg[pandas]"') from None
        frame = pd.DataFrame(self.statements(), columns=list(STATEMENT_COLUMNS))
        for column in ("start", "end", "sentence_start", "sentence_end"):
            frame[column] = frame[column].astype("Int64")
        frame["confidence"] = frame["confidence"].astype("float64")
        return frame

    def counts(self) -> dict[str, Counter[str]]:
        return {
            "nodes": Counter(d.get("label", "?") for _, d in self.graph.nodes(data=True)),
            "edges": Counter(d.get("type", "?") for _, _, d in self.graph.edges(data=True)),
        }


def _matches(node: dict[str, Any], needle: str) -> bool:
    """Does a lowercased ``needle`` occur in the node's name or one of its aliases?"""
    return any(needle in a.lower() for a in [node.get("name", "")] + list(node.get("aliases", [])))


def final_target(merged: dict[str, str], node: str) -> str:
    """Follow a merge chain ("Trump" -> "Donald J. Trump" -> "Donald Trump") to its end."""
    seen = {node}
    target = merged[node]
    while target in merged and target not in seen:
        seen.add(target)
        target = merged[target]
    return target


def _initials(name: str) -> str:
    """An organisation's initials from its capitalised words ("Federal Bureau of Investigation" → "fbi")."""
    return "".join(w[0] for w in name.split() if w[:1].isupper()).lower()


def _name_words(name: str) -> list[str]:
    """A name's words, lowercased, for comparing short and full forms across documents."""
    return [w for w in name.replace("’", "'").lower().replace("'s", "").split() if w.strip(".")]


def edge_id(source: str, target: str, key: Any, data: dict[str, Any]) -> str:
    """An edge's id, unique in the graph: the triple's id where there is one, else one derived
    from both ends and the edge key (an article's MENTIONED_IN and IN_ARTICLE edges share keys)."""
    if data.get("id"):
        return str(data["id"])
    return f"{str(data.get('type', 'edge')).lower()}:{stable_hash(source, key, target)}"


def to_node_link(graph: KnowledgeGraph) -> dict[str, Any]:
    """The node-link data of networkx 3.6 (``"edges"``), which ``nx.node_link_graph(data)`` reads as it is."""
    import networkx as nx

    return nx.node_link_data(graph.graph, edges="edges")


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode  # graph.json's encoding (and the store's rows')


def _with_keys(text: str, extra: dict[str, Any]) -> str:
    """``encode({**json.loads(text), **extra})`` of an object's JSON text, by splicing when no key
    of ``extra`` may be in it already (the store keeps each row's JSON: no decode and re-encode)."""
    if any(f'"{key}": ' in text for key in extra):
        return _ENCODE({**json.loads(text), **extra})
    more = ", ".join(f'"{key}": {_ENCODE(value)}' for key, value in extra.items())
    return f"{{{more}}}" if text == "{}" else f"{text[:-1]}, {more}}}"


def write_node_link(graph: KnowledgeGraph, stream: IO[str]) -> None:
    """``graph.json`` a node and an edge at a time.

    The same text as ``json.dumps(to_node_link(graph), ensure_ascii=False)``, without the two
    whole copies of the graph that makes (the node-link dicts, then one string): for 10,000
    articles those took over a gigabyte on top of the graph itself.
    """
    write = stream.write
    write(f'{{"directed": true, "multigraph": true, "graph": {_ENCODE(graph.graph_attrs())}, "nodes": [')
    sep = ""
    for node, text in graph.node_json_items():
        write(sep + _with_keys(text, {"id": node}))
        sep = ", "
    write('], "edges": [')
    sep = ""
    for u, v, key, text in graph.edge_json_items():
        write(sep + _with_keys(text, {"source": u, "target": v, "key": key}))
        sep = ", "
    write("]}")


def save_graph(graph: KnowledgeGraph, path: str | Path) -> None:
    """Write ``graph.json`` (read back by :func:`load_graph`)."""
    with Path(path).open("w", encoding="utf-8") as stream:
        write_node_link(graph, stream)


def from_node_link(data: dict[str, Any]) -> KnowledgeGraph:
    """The graph of node-link data; files written before kg used networkx 3.6's ``"edges"`` key
    hold ``"links"``, and still load."""
    key = "links" if "links" in data and "edges" not in data else "edges"
    import networkx as nx

    return KnowledgeGraph(nx.node_link_graph(data, directed=True, multigraph=True, edges=key))


def load_graph(path: str | Path) -> KnowledgeGraph:
    """Read a saved ``graph.json`` (or the folder that holds one)."""
    path = Path(path)
    if path.is_dir():
        path = path / "graph.json"
    return from_node_link(json.loads(path.read_text(encoding="utf-8")))


def add_mentions(old: dict[str, Any], attrs: dict[str, Any]) -> bool:
    """Fold a merged node's MENTIONED_IN edge into the one its target has for the same article: the
    counts add up, the words (``forms``) unite. False for an edge with no count (nothing to fold)."""
    if "count" not in attrs or "count" not in old:
        return False
    old["count"] += attrs["count"]
    if "forms" in attrs:
        unite_forms(old, attrs["forms"])
    return True


def unite_forms(edge: dict[str, Any], words: Iterable[str]) -> bool:
    """Unite ``words`` with the ``forms`` of a MENTIONED_IN edge's attributes (kept sorted); False for
    an edge that keeps no forms (a graph of an older kg)."""
    if "forms" not in edge:
        return False
    edge["forms"] = sorted({*edge["forms"], *words})
    return True
