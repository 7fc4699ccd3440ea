"""The store as a networkx graph of entities and the facts between them.

    graph = project(store, types=["Person"], entity="Mark Dayton", hops=2)

The graph is a `networkx.MultiDiGraph`: one node per canonical entity, one edge per
(subject, relation, object) stated by any article, keyed by relation (so parallel relations
between two entities stay apart), with the role and qualifier in the key for positions.

Nodes (keyed by `node_id(iri)`, e.g. "person:mark-dayton", valid as a GraphML NMTOKEN):
  label, type, subtype (when known), iri, aliases ("; "-joined), mentions, articles (count),
  first_seen / last_seen (ISO dates of its articles; for an undated article, of the facts it
  takes part in there), quotes (number of `said`
  facts), positions ("; "-joined posts held), degree and pagerank (of the projected graph).
Edges, kind="relation":
  relation, label (what pictures write on the edge: the title of a position, "Governor", else
  the relation in words, "member of"), role (holds_position), qualifier (former, acting, ...), weight (number of
  articles stating it), first_seen / last_seen (fact dates), sentence and article (one example).
  A position is drawn Person -> the organisation or place it belongs to (`role_of`), with
  relation holds_position and the title in `role`: Gephi then shows who holds posts where
  without a node per post. A post without a `role_of` has no edge; it stays in `positions`.
Edges, kind="cooccurrence" (only with cooccurrence=True): relation "co_mention", between two
  entities mentioned in one sentence, weight = number of such sentences (GDELT-style), from
  the lower to the higher node id; kept apart from extracted relations by `kind`.
Quotes are no entities: a speaker's node counts them in `quotes`, and the facts (quotes
included) are kept on the graph, `graph.graph["facts"]`, for the HTML explorer. With
events=True, quotes (type "Quote") and the phrases events act on (type "Event", e.g. "call
for Dayton's resignation") are nodes too, joined to their speaker or actor by an edge
labelled "said" or with the event's verb ("threaten").

Filters compose in this order: article, since/until, types, relations, min_weight, entity
with hops (ego network), top (by PageRank). Node filters drop the edges that lose an
endpoint; edge filters (relations, min_weight) drop the nodes they leave without edges or
quotes.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from kgnews import sparql
from kgnews.errors import KGNewsError
from kgnews.graph.ontology import ENTITY_TYPES
from kgnews.query import views
from kgnews.query.named import named_query
from kgnews.results import SelectStore
from kgnews.viz.layout import pagerank
from kgnews.vocab import resource_base

RELATION_KIND = "relation"
# Node types of the statements drawn with `events`: what an event acts on, and a quote.
EVENT_TYPE = "Event"
QUOTE_TYPE = "Quote"
STATEMENT_TYPES = (EVENT_TYPE, QUOTE_TYPE)
MAX_STATEMENT_LABEL = 60
COOCCURRENCE_KIND = "cooccurrence"
COOCCURRENCE_RELATION = "co_mention"

_NOT_NMTOKEN = re.compile(r"[^A-Za-z0-9._:-]+")


class VizError(KGNewsError):
    """A projection or picture could not be made as asked (unknown entity, bad filter)."""


@dataclass(frozen=True)
class Filters:
    """What to keep; every filter left at its default keeps everything."""

    article: str | None = None
    since: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date, inclusive
    types: frozenset[str] = frozenset()  # entity types or subtypes
    relations: frozenset[str] = frozenset()
    min_weight: int = 1
    entity: str | None = None  # a label, alias or IRI
    hops: int = 1
    top: int | None = None
    cooccurrence: bool = False
    events: bool = False  # draw what events act on and what people said as nodes of their own


@dataclass
class Records:
    """What the projection reads from the store, as plain records (docs/facts.md views and more)."""

    entities: list[dict[str, Any]]
    facts: list[dict[str, Any]]
    article_dates: dict[str, str] = field(default_factory=dict)  # article id -> ISO date
    position_owners: dict[str, str] = field(default_factory=dict)  # position IRI -> role_of IRI
    cooccurrences: list[dict[str, Any]] = field(default_factory=list)


def node_id(iri: str) -> str:
    """A short node id from an entity IRI: kgr:person/mark-dayton -> "person:mark-dayton"."""
    local = iri[len(resource_base()):] if iri.startswith(resource_base()) else iri
    return _NOT_NMTOKEN.sub("_", local.replace("/", ":"))


def project(store: SelectStore, **filters: Any) -> nx.MultiDiGraph:
    """The filtered entity graph of the store; keyword arguments are `Filters` fields."""
    chosen = make_filters(**filters)
    return build_graph(read_records(store, chosen), chosen)


def make_filters(**options: Any) -> Filters:
    """`Filters` from keyword options; comma-separated strings are accepted for lists."""
    for name in ("types", "relations"):
        value = options.get(name)
        if isinstance(value, str):
            value = value.split(",")
        options[name] = frozenset(item.strip() for item in value or () if item.strip())
    try:
        chosen = Filters(**{name: value for name, value in options.items() if value is not None})
    except TypeError as error:
        raise VizError(f"unknown filter: {error}") from None
    for name in ("since", "until"):
        value = getattr(chosen, name)
        if value is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
            raise VizError(f"{name} {value!r} is not an ISO date (YYYY-MM-DD)")
    if chosen.hops < 0 or chosen.min_weight < 1 or (chosen.top is not None and chosen.top < 1):
        raise VizError("hops must be >= 0, min_weight and top >= 1")
    return chosen


# -- reading the store ----------------------------------------------------------------------

def read_records(store: SelectStore, filters: Filters) -> Records:
    """Entities, facts, article dates, post owners (and co-mentions when asked) from the store.

    For the neighbours of one entity named by its IRI (hops <= 1, as an entity page draws
    them), only the facts naming it are read, and the nodes come from those facts.
    """
    article_graph = views.article_graph(store, filters.article) if filters.article else None
    focus = filters.entity if filters.entity and filters.hops <= 1 and filters.entity.startswith(resource_base()) \
        else None
    records = Records(
        entities=list(views.entities(store, article=filters.article)) if focus is None else [],
        facts=list(views.facts(store, article=filters.article, entity=focus)),
        article_dates={row["article"]: row["date"] for row in store.select(named_query("article-dates")) if row["date"]},
        position_owners={row["position"]: row["owner"] for row in store.select(named_query("position-owners"))},
    )
    if filters.cooccurrence:
        scope = sparql.values("g", [article_graph]) if article_graph else ""
        records.cooccurrences = store.select(named_query("co-mentions", scope=scope))
    return records


# -- building the graph ---------------------------------------------------------------------


def build_graph(records: Records, filters: Filters = Filters()) -> nx.MultiDiGraph:
    """The projection of `records` (see the module docstring), filtered."""
    graph = nx.MultiDiGraph()
    in_range = _date_range(filters)
    facts = [fact for fact in records.facts if in_range(fact.get("date") or records.article_dates.get(fact["article"]))]
    _add_nodes(graph, records, in_range, _undated_article_fact_dates(records))
    _add_fact_edges(graph, facts, records.position_owners, filters.events)
    if filters.cooccurrence:
        _add_cooccurrence_edges(graph, records.cooccurrences, in_range)
    graph.graph["facts"] = [fact for fact in facts if node_id(fact["subject_iri"]) in graph]

    _keep_nodes(graph, [node for node, data in graph.nodes(data=True) if data.pop("_in_range")])
    if filters.types:
        _keep_nodes(graph, [node for node, data in graph.nodes(data=True)
                            if data["type"] in filters.types or data.get("subtype") in filters.types
                            or data["type"] in STATEMENT_TYPES])
    if filters.relations:
        _drop_edges(graph, lambda data: data["kind"] == RELATION_KIND and data["relation"] not in filters.relations)
        graph.graph["facts"] = [fact for fact in graph.graph["facts"] if fact["relation"] in filters.relations]
    if filters.min_weight > 1:
        _drop_edges(graph, lambda data: data["weight"] < filters.min_weight)
    if filters.events:  # a statement whose speaker or actor was filtered out goes too
        _keep_nodes(graph, [node for node, data in graph.nodes(data=True)
                            if data["type"] not in STATEMENT_TYPES or graph.degree(node)])
    if filters.entity is not None:
        centre = find_node(graph, filters.entity)
        reach = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), centre, cutoff=filters.hops)
        _keep_nodes(graph, list(reach))
    if filters.top is not None:
        ranks = pagerank(graph)
        _keep_nodes(graph, sorted(graph, key=lambda node: (-ranks[node], graph.nodes[node]["label"]))[: filters.top])
    _add_node_measures(graph)
    return graph


def _date_range(filters: Filters):
    """A test for dates within since..until; undated things pass only without a range."""
    def within(date: str | None) -> bool:
        if filters.since is None and filters.until is None:
            return True
        if not date:
            return False
        # Partial dates ("2016-11") compare by their prefix, so "2016" covers the whole year.
        return (filters.since is None or date[: len(filters.since)] >= filters.since) and (
            filters.until is None or date[: len(filters.until)] <= filters.until
        )
    return within


def _undated_article_fact_dates(records: Records) -> dict[str, set[str]]:
    """Entity IRI -> dates of the facts it takes part in, in articles without a date."""
    dates: dict[str, set[str]] = defaultdict(set)
    for fact in records.facts:
        if fact.get("date") and fact["article"] not in records.article_dates:
            for iri in (fact["subject_iri"], fact.get("object_iri")):
                if iri:
                    dates[iri].add(fact["date"])
    return dates


def _add_nodes(graph: nx.MultiDiGraph, records: Records, in_range, fact_dates: dict[str, set[str]]) -> None:
    """Entity nodes; an entity is seen on its articles' dates (for an undated article, on the
    dates of the facts it takes part in there)."""
    for entity in records.entities:
        dated = {records.article_dates[a] for a in entity["articles"] if a in records.article_dates}
        dates = sorted(dated | fact_dates.get(entity["iri"], set()))
        dates_in_range = [date for date in dates if in_range(date)]
        data: dict[str, Any] = {
            "label": entity["label"],
            "type": entity["type"],
            "iri": entity["iri"],
            "aliases": "; ".join(entity["aliases"]),
            "mentions": int(entity["mentions"]),
            "articles": len(entity["articles"]),
            "quotes": 0,
            "_in_range": bool(dates_in_range) or in_range(None),
        }
        if entity.get("subtype"):
            data["subtype"] = entity["subtype"]
        if dates_in_range:
            data["first_seen"], data["last_seen"] = dates_in_range[0], dates_in_range[-1]
        graph.add_node(node_id(entity["iri"]), **data)


def _ensure_node(graph: nx.MultiDiGraph, iri: str, label: str, entity_type: str) -> str:
    """The node of a fact's endpoint, added from the fact when the entity view lacks it."""
    node = node_id(iri)
    if node not in graph:
        graph.add_node(node, label=label, type=entity_type, iri=iri, aliases=label, mentions=0,
                       articles=0, quotes=0, _in_range=True)
    return node


def _add_fact_edges(graph: nx.MultiDiGraph, facts: Iterable[dict[str, Any]], position_owners: dict[str, str],
                    events: bool = False) -> None:
    """One edge per (subject, relation, role, qualifier, object) with its supporting articles;
    with `events`, quotes and the phrases events act on are nodes too."""
    grouped: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for fact in facts:
        if fact["subject_type"] not in ENTITY_TYPES:
            continue  # author / publisher: the subject is the article, not an entity
        subject = _ensure_node(graph, fact["subject_iri"], fact["subject"], fact["subject_type"])
        if fact["relation"] == "said":
            graph.nodes[subject]["quotes"] += 1
            if events:
                grouped[(subject, _statement_node(graph, fact, QUOTE_TYPE), edge_key(fact))].append(fact)
            continue
        if fact["object_type"] == "Position":
            post = fact["object"] + (f" ({fact['qualifier']})" if fact.get("qualifier") else "")
            held = graph.nodes[subject].setdefault("_positions", [])
            if post not in held:
                held.append(post)
            owner = position_owners.get(fact["object_iri"])
            owner_type = _entity_type_of(owner)
            if owner is None or (node_id(owner) not in graph and not (owner_type and fact.get("role_of"))):
                continue
            target = _ensure_node(graph, owner, fact["role_of"], owner_type)
        elif fact["object_type"] in ENTITY_TYPES:
            target = _ensure_node(graph, fact["object_iri"], fact["object"], fact["object_type"])
        elif events and fact["object_iri"]:
            target = _statement_node(graph, fact, EVENT_TYPE)
        else:
            continue  # a phrase object: listed with the subject's facts, drawn only with `events`
        grouped[(subject, target, edge_key(fact))].append(fact)

    for (subject, target, key), group in grouped.items():
        first = min(group, key=lambda fact: (fact.get("date") or "9999", fact["article"], fact["start"]))
        dates = sorted(fact["date"] for fact in group if fact.get("date"))
        data: dict[str, Any] = {
            "kind": RELATION_KIND,
            "relation": first["relation"],
            "label": edge_label(first),
            "weight": len({fact["article"] for fact in group}),
            "sentence": " ".join(first["sentence"].split()),
            "article": first["article"],
        }
        if first["relation"] == "holds_position":
            data["role"] = first["role"]
        if first.get("qualifier"):
            data["qualifier"] = first["qualifier"]
        if dates:
            data["first_seen"], data["last_seen"] = dates[0], dates[-1]
        graph.add_edge(subject, target, key=key, **data)

    for _, data in graph.nodes(data=True):
        if "_positions" in data:
            data["positions"] = "; ".join(data.pop("_positions"))


def _entity_type_of(iri: str | None) -> str | None:
    """The entity type a kgnews entity IRI names in its path (kgr:place/minnesota -> "Place")."""
    if not iri or not iri.startswith(resource_base()):
        return None
    segment = iri[len(resource_base()):].split("/", 1)[0]
    return next((name for name in ENTITY_TYPES if name.lower() == segment), None)


def _statement_node(graph: nx.MultiDiGraph, fact: dict[str, Any], statement_type: str) -> str:
    """The node of a quote or of what an event acts on, labelled with (the start of) its text."""
    text = " ".join(str(fact["object"]).split())
    label = text if len(text) <= MAX_STATEMENT_LABEL else text[: MAX_STATEMENT_LABEL - 1] + "…"
    node = node_id(fact["object_iri"])
    if node not in graph:
        graph.add_node(node, label=label, type=statement_type, iri=fact["object_iri"], aliases=text, mentions=0,
                       articles=0, quotes=0, _in_range=True)
    return node


def edge_label(fact: dict[str, Any]) -> str:
    """What an edge says in a picture: the title for a position ("Governor"), else the
    relation in words ("member of", "threaten")."""
    if fact["relation"] == "holds_position" and fact.get("role"):
        return fact["role"]
    return fact["relation"].replace("_", " ")


def edge_key(fact: dict[str, Any]) -> str:
    """The key of a fact's edge: its relation, plus role and qualifier when given (NMTOKEN-safe)."""
    parts = [fact["relation"], fact.get("role") or "", fact.get("qualifier") or ""]
    return _NOT_NMTOKEN.sub("_", ":".join(part for part in parts if part))


def _add_cooccurrence_edges(graph: nx.MultiDiGraph, rows: Iterable[dict[str, Any]], in_range) -> None:
    for row in rows:
        a, b = node_id(row["a"]), node_id(row["b"])
        if a not in graph or b not in graph or not (in_range(row["first"]) or in_range(row["last"])):
            continue
        article, _, sentence = row["example"].partition("\t")
        source, target = sorted((a, b))
        data: dict[str, Any] = {
            "kind": COOCCURRENCE_KIND,
            "relation": COOCCURRENCE_RELATION,
            "label": COOCCURRENCE_RELATION,
            "weight": int(row["sentences"]),
            "sentence": " ".join(sentence.split()),
            "article": article,
        }
        if row["first"]:
            data["first_seen"], data["last_seen"] = row["first"], row["last"]
        graph.add_edge(source, target, key=COOCCURRENCE_RELATION, **data)


def _keep_nodes(graph: nx.MultiDiGraph, keep: Iterable[str]) -> None:
    keep = set(keep)
    graph.remove_nodes_from([node for node in list(graph) if node not in keep])
    graph.graph["facts"] = [
        fact for fact in graph.graph["facts"]
        if node_id(fact["subject_iri"]) in keep or node_id(fact["object_iri"] or "") in keep
    ]


def _drop_edges(graph: nx.MultiDiGraph, drop) -> None:
    """Remove edges matching `drop`, then the nodes left with neither edges nor quotes."""
    graph.remove_edges_from([(u, v, key) for u, v, key, data in graph.edges(keys=True, data=True) if drop(data)])
    speakers = {node_id(fact["subject_iri"]) for fact in graph.graph["facts"] if fact["relation"] == "said"}
    _keep_nodes(graph, [node for node in graph if graph.degree(node) or node in speakers])


def find_node(graph: nx.MultiDiGraph, name: str) -> str:
    """The node whose IRI, id, label or alias is `name` (case-insensitive); VizError if none."""
    wanted = name.casefold().strip()
    for node, data in graph.nodes(data=True):
        names = {node, data["iri"], data["label"], *data["aliases"].split("; ")}
        if wanted in {candidate.casefold() for candidate in names}:
            return node
    raise VizError(f"no entity named {name!r} in the projected graph")


def _add_node_measures(graph: nx.MultiDiGraph) -> None:
    ranks = pagerank(graph)
    for node, data in graph.nodes(data=True):
        data["degree"] = int(graph.degree(node))
        data["pagerank"] = round(ranks[node], 6)
