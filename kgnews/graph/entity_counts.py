"""Per-entity counts that make an entity-graph refresh cost what the batch costs.

An entity's canonical description (kgnews.graph.entity_graph) aggregates every article
graph describing it: its fullest name, every name, the subtype most articles give, the
sameAs links articles state. Recomputed from the article graphs, a popular entity's refresh
reads every article naming it, so each batch costs more as the store grows. Instead
kgr:graph/entity-counts keeps, per entity, in how many article graphs each of its names,
types and sameAs links appears (a kgo:EntityCount node each). A write turns the article
graphs it adds and drops into count deltas; the touched entities' counts are read (by
entity IRI: an index lookup), adjusted, and their descriptions derived from the counts
alone. `derive` gives what `entity_graph_update()` gives from the article graphs; tests
compare the two after adds and removals.

The entity graph also gives each entity the keys it may be named by (kgo:nameKey) and the
owl:sameAs links between names (kgnews.graph.linking.name_links) -- a lone "Dayton" and the
one "Mark Dayton" -- which depend on the other entities' names. A write looks up, by the
touched entities' name keys (index lookups on kgo:nameKey), the entities whose links may
change, and derives those links again; `names_update` derives them all.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kgnews import sparql
from kgnews.graph import iris
from kgnews.graph.entity_graph import unmentioned_kb_graphs_removal
from kgnews.graph.linking import NamedEntity, may_stand_for_others, name_links
from kgnews.graph.ontology import ENTITY_TYPES, subtype_classes
from kgnews.graph.vocab import KGO
from kgnews.query.named import named_query
from kgnews.store.updates import NQuadsGraph
from kgnews.vocab import SCHEMA, WD

if TYPE_CHECKING:
    from kgnews.store import Store

Term = ox.NamedNode | ox.Literal
Key = tuple[str, ox.NamedNode, Term]  # entity IRI, counted property, value

_TYPE, _LABEL, _ALIAS, _SAME_AS = (ox.NamedNode(str(term)) for term in (RDF.type, RDFS.label, SKOS.altLabel, OWL.sameAs))
_PREF_LABEL = ox.NamedNode(str(SKOS.prefLabel))
_KB_ID = ox.NamedNode(str(KGO.kbId))
_NAME_KEY = ox.NamedNode(str(KGO.nameKey))
_NEWS_ARTICLE = ox.NamedNode(str(SCHEMA.NewsArticle))
_ENTITY_CLASSES = {ox.NamedNode(str(KGO[name])): ox.NamedNode(str(SCHEMA[name])) for name in ENTITY_TYPES}
_TYPE_NAMES = {ox.NamedNode(str(KGO[name])): name for name in ENTITY_TYPES}
_COUNT_OF, _ARTICLE_COUNT, _COUNT_CHANGE = (
    ox.NamedNode(str(term)) for term in (KGO.countOf, KGO.articleCount, KGO.countChange)
)
# The counted property -> the property a count node gives the counted value with.
_COUNTED_AS = {
    counted: ox.NamedNode(str(term)) for counted, term in (
        (_TYPE, KGO.countedType), (_LABEL, KGO.countedLabel), (_ALIAS, KGO.countedAltLabel),
        (_SAME_AS, KGO.countedSameAs), (_KB_ID, KGO.countedKbId),
    )
}
_COUNTED = {value_property: counted for counted, value_property in _COUNTED_AS.items()}
_JOURNAL_ENTRIES = ox.NamedNode(str(KGO.journalEntries))
# Characters of journal text per literal: small enough for any SPARQL server's literals.
JOURNAL_PART_CHARS = 60_000
_XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


@cache
def _subtypes() -> frozenset[ox.NamedNode]:
    return frozenset(ox.NamedNode(iri) for _, iri in subtype_classes().values())


def _counted(quads: Iterable[ox.Quad]) -> Iterator[tuple[ox.Quad, ox.NamedNode, Term]]:
    """The quads of an article graph `article_keys` reads, with their predicate and object:
    the graph's article type, and the types, names, sameAs links and KB ids it states."""
    for quad in quads:  # each term read once: the getters build new objects
        predicate = quad.predicate
        if predicate not in _COUNTED_AS:
            continue
        value = quad.object
        if predicate == _TYPE:
            if value not in _ENTITY_CLASSES and value not in _subtypes() and value != _NEWS_ARTICLE:
                continue
        elif predicate == _SAME_AS and not isinstance(value, ox.NamedNode):
            continue
        yield quad, predicate, value


def counted_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """The quads of an article graph `article_keys` reads (so that `article_keys` gives the
    same for them as for the whole graph). A worker process sends them apart
    (kgnews.graph.build), so the process writing the graph counts them without reading the rest."""
    return [quad for quad, _, _ in _counted(quads)]


def article_keys(quads: Iterable[ox.Quad]) -> set[Key]:
    """What one article graph says that the entity graph aggregates, each once: the types,
    names, sameAs links and KB ids of the entities it describes (nothing for another graph).
    For a graph sent as text (NQuadsGraph), its `counted` quads are read (`counted_quads`)."""
    is_article = False
    described: set[ox.NamedNode | ox.BlankNode] = set()  # typed Person, Organization or Place
    stated: list[tuple[ox.NamedNode | ox.BlankNode, ox.NamedNode, Term]] = []
    for quad, predicate, value in _counted(quads.counted if isinstance(quads, NQuadsGraph) else quads):
        subject = quad.subject
        if predicate == _TYPE and value == _NEWS_ARTICLE:  # the graph's own type says it is an article's
            is_article = is_article or subject == quad.graph_name
            continue
        if predicate == _TYPE and value in _ENTITY_CLASSES:
            described.add(subject)
        stated.append((subject, predicate, value))
    if not is_article:
        return set()  # not an article graph (a knowledge base's graph, say): the entity graph ignores it
    return {(subject.value, predicate, value) for subject, predicate, value in stated
            if subject in described and isinstance(subject, ox.NamedNode)}


class Change(Counter):
    """Count changes: Key -> how many article graphs more (or fewer) state it."""

    def entities(self) -> list[str]:
        return sorted({entity for entity, _, _ in self})


def deltas(added: Iterable[Iterable[ox.Quad]], removed: Iterable[Iterable[ox.Quad]]) -> Change:
    """Count changes for article graphs added and removed (a replaced graph is both)."""
    change = Change()
    for graph in added:
        change.update(article_keys(graph))
    for graph in removed:
        change.subtract(article_keys(graph))
    return Change({key: value for key, value in change.items() if value})


def journal_quads(change: Mapping[Key, int]) -> list[ox.Quad]:
    """`change` written down in kgr:graph/pending, to be applied by `refresh` (or, after
    a crash, by the next command: kgnews.graph.derived): one entry node per count key, with
    kgo:countOf, the counted value and kgo:countChange, as N-Triples text in a few
    kgo:journalEntries literals. A write adds the journal and drops it again; as a few
    literals that costs the store two small writes, where three quads per key cost as much
    as a tenth of the batch's article graphs."""
    graph = ox.NamedNode(iris.pending_graph_iri())
    entries = [_journal_entry(f"{graph.value}/{index}", key, amount)
               for index, (key, amount) in enumerate(change.items())]
    parts = joined_parts(entries, JOURNAL_PART_CHARS)
    return [ox.Quad(graph, _JOURNAL_ENTRIES, ox.Literal(part), graph) for part in parts]


def _journal_entry(node: str, key: Key, amount: int) -> str:
    """One count change as N-Triples lines (terms print themselves as N-Triples)."""
    entity, prop, value = key
    return (f"<{node}> {_COUNT_OF} <{entity}> .\n<{node}> {_COUNTED_AS[prop]} {value} .\n"
            f'<{node}> {_COUNT_CHANGE} "{amount}"^^{_XSD_INTEGER} .\n')


def joined_parts(texts: list[str], size: int) -> list[str]:
    """`texts` joined, in order, into parts of about `size` characters (never cut inside one)."""
    parts: list[str] = []
    start = length = 0
    for index, text in enumerate(texts):
        if length and length + len(text) > size:
            parts.append("".join(texts[start:index]))
            start, length = index, 0
        length += len(text)
    if length:
        parts.append("".join(texts[start:]))
    return parts


def journal_deltas(quads: Iterable[ox.Quad]) -> Change:
    """The count changes `journal_quads` wrote (or, journaled by a kgnews that wrote the
    count nodes as quads of their own, those quads say)."""
    fields: dict[ox.NamedNode, dict[ox.NamedNode, ox.NamedNode | ox.Literal]] = defaultdict(dict)
    for triple in _journal_triples(quads):
        fields[triple.subject][triple.predicate] = triple.object
    change = Change()
    for found in fields.values():
        counted = [value_property for value_property in found if value_property in _COUNTED]
        if _COUNT_OF in found and _COUNT_CHANGE in found and len(counted) == 1:
            key = (found[_COUNT_OF].value, _COUNTED[counted[0]], found[counted[0]])
            change[key] = int(found[_COUNT_CHANGE].value)
    return change


def _journal_triples(quads: Iterable[ox.Quad]) -> Iterator[ox.Triple]:
    for quad in quads:
        if quad.predicate == _JOURNAL_ENTRIES and isinstance(quad.object, ox.Literal):
            yield from (parsed.triple for parsed in ox.parse(quad.object.value, ox.RdfFormat.N_TRIPLES))
        else:
            yield quad.triple


def count_node(key: Key) -> ox.NamedNode:
    entity, prop, value = key
    kind = (value.language or value.datatype.value) if isinstance(value, ox.Literal) else ""
    return ox.NamedNode(iris.count_iri(entity, prop.value, value.value, kind))


def count_quads(key: Key, count: int) -> list[ox.Quad]:
    """The count node of `key` in the counts graph: what it counts, and `count`."""
    node, graph = count_node(key), ox.NamedNode(iris.entity_counts_graph_iri())
    return [  # when only the number changes, refresh rewrites only that quad
        ox.Quad(node, _COUNT_OF, ox.NamedNode(key[0]), graph),
        ox.Quad(node, _COUNTED_AS[key[1]], key[2], graph),
        _number_quad(node, count, graph),
    ]


def count_number_quad(key: Key, count: int) -> ox.Quad:
    """The quad of `key`'s count node giving `count`."""
    return _number_quad(count_node(key), count, ox.NamedNode(iris.entity_counts_graph_iri()))


def _number_quad(node: ox.NamedNode, count: int, graph: ox.NamedNode) -> ox.Quad:
    return ox.Quad(node, _ARTICLE_COUNT, ox.Literal(str(count), datatype=_XSD_INTEGER), graph)


@dataclass
class Description:
    """The counts of one entity, and what the entity graph says of it (without sameAs)."""

    counts: Counter[tuple[ox.NamedNode, Term]] = field(default_factory=Counter)

    def present(self) -> dict[ox.NamedNode, list[Term]]:
        """Each counted property's values that some article still states (count above 0)."""
        present: dict[ox.NamedNode, list[Term]] = defaultdict(list)
        for (prop, value), count in self.counts.items():
            if count > 0:
                present[prop].append(value)
        return present

    def named(self, entity: str, present: Mapping[ox.NamedNode, list[Term]] | None = None) -> NamedEntity | None:
        """The entity as name linking sees it (None when undescribed or not linked by name);
        `present` is `self.present()`, when the caller has it already."""
        present = self.present() if present is None else present
        label = _fullest(present.get(_LABEL, []))
        types = [_TYPE_NAMES[value] for value in present.get(_TYPE, ()) if value in _TYPE_NAMES]
        if label is None or not types:
            return None
        names = {name.value for prop in (_LABEL, _ALIAS) for name in present.get(prop, ())}
        return NamedEntity.of(entity, min(types), label.value, names, bool(present.get(_KB_ID)))

    def triples(self, entity: ox.NamedNode) -> list[ox.Triple]:
        """Type, schema.org type, label, aliases, subtype, KB id and Wikidata item, as
        entity_graph_update makes them, and the name keys."""
        present = self.present()
        types, subtypes = present.get(_TYPE, []), _subtypes()
        triples = []
        label = _fullest(present.get(_LABEL, []))
        if label is not None:
            for entity_class in types:
                if entity_class in _ENTITY_CLASSES:
                    triples += [ox.Triple(entity, _TYPE, entity_class),
                                ox.Triple(entity, _TYPE, _ENTITY_CLASSES[entity_class])]
            triples += [ox.Triple(entity, _LABEL, label), ox.Triple(entity, _PREF_LABEL, label)]
        names = {*present.get(_LABEL, ()), *present.get(_ALIAS, ())}
        triples += [ox.Triple(entity, _ALIAS, name) for name in names if name != label]
        triples += [ox.Triple(entity, _KB_ID, kb_id) for kb_id in present.get(_KB_ID, ())]
        triples += [ox.Triple(entity, _SAME_AS, item) for item in present.get(_SAME_AS, ()) if is_wikidata(item)]
        votes = {value: self.counts[(_TYPE, value)] for value in types if value in subtypes}
        if votes:
            most = max(votes.values())
            chosen = min((value for value, count in votes.items() if count == most), key=lambda node: node.value)
            triples.append(ox.Triple(entity, _TYPE, chosen))
        named = self.named(entity.value, present)
        if named is not None:
            triples += name_key_triples(named)
        return triples


def _fullest(names: list[Term]) -> Term | None:
    return min(names, key=lambda name: (-len(name.value), name.value)) if names else None


def name_key_triples(named: NamedEntity) -> list[ox.Triple]:
    node = ox.NamedNode(named.iri)
    return [ox.Triple(node, _NAME_KEY, ox.Literal(key)) for key in sorted(named.name_keys)]


def is_wikidata(node: Term) -> bool:
    """A Wikidata item: linked whether or not anything describes it (not an entity of ours)."""
    return isinstance(node, ox.NamedNode) and node.value.startswith(str(WD))


def _descriptions(rows: Iterable[tuple]) -> dict[str, Description]:
    """Descriptions from (entity, count node, property, value) rows of the counts graph."""
    nodes: dict[ox.NamedNode, dict[ox.NamedNode, Term]] = defaultdict(dict)
    owners: dict[ox.NamedNode, str] = {}
    for entity, node, prop, value in rows:
        nodes[node][prop] = value
        owners[node] = entity.value
    found: dict[str, Description] = defaultdict(Description)
    for node, statements in nodes.items():
        counted = [prop for prop in statements if prop in _COUNTED]
        if len(counted) == 1 and _ARTICLE_COUNT in statements:
            key = (_COUNTED[counted[0]], statements[counted[0]])
            found[owners[node]].counts[key] = int(statements[_ARTICLE_COUNT].value)
    return found


class CountReader:
    """Reads counts and entity-graph facts of given entities from a store, by IRI lookups."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.counts_graph = sparql.iri(iris.entity_counts_graph_iri())
        self.entities_graph = sparql.iri(iris.entities_graph_iri())

    def counts(self, entities: Iterable[str]) -> dict[str, Description]:
        listed = sparql.values("e", sorted(entities))
        query = named_query("entity-counts", entities=listed, counts_graph=self.counts_graph)
        return _descriptions(self.store.bookkeeping.query(query).rows)

    def named_by(self, keys: Iterable[str], every: Iterable[str] = ()) -> tuple[dict[str, NamedEntity], list[ox.Triple]]:
        """The entities of the entity graph with one of the name `keys` (kgo:nameKey) that may
        stand for another name (not a person of a one-word name), and every entity with one of
        the keys `every`; and the sameAs links from them to other entities."""
        query = named_query("entities-named", entities_graph=self.entities_graph,
                            keys=sparql.values("key", sorted(keys), sparql.literal),
                            every_key=sparql.values("key", sorted(every), sparql.literal))
        described: dict[ox.NamedNode, Description] = defaultdict(Description)
        links = []
        for entity, prop, value in self.store.query(query).rows:
            if prop == _SAME_AS:
                if isinstance(value, ox.NamedNode) and not is_wikidata(value):
                    links.append(ox.Triple(entity, prop, value))
            elif prop == _PREF_LABEL:
                described[entity].counts[(_LABEL, value)] = 1
            else:
                described[entity].counts[(prop, value)] = 1
        named = {entity.value: description.named(entity.value) for entity, description in described.items()}
        return {iri: entity for iri, entity in named.items() if entity is not None}, links

    def entity_graph_triples(self, entities: Iterable[str]) -> list[ox.Triple]:
        """What the entity graph says about `entities`, and the sameAs links to them."""
        listed = sorted(entities)
        query = named_query("entity-graph-description", entities_graph=self.entities_graph,
                            subjects=sparql.values("s", listed), objects=sparql.values("o", listed))
        rows = self.store.query(query).rows
        return [ox.Triple(s, p, o) for s, p, o in rows]


@dataclass(frozen=True)
class Refresh:
    """What applying a count change takes: the count quads to delete and insert (in the
    store's `bookkeeping`) and a SPARQL update of the entity graph (in the store itself)."""

    counts_deleted: list[ox.Quad] = field(default_factory=list)
    counts_inserted: list[ox.Quad] = field(default_factory=list)
    entities_update: str = ""

    def counts(self) -> str:
        """The SPARQL update of the counts (empty when none change)."""
        return _data_update(self.counts_deleted, self.counts_inserted)

    def counts_undone(self) -> str:
        """The SPARQL update putting the counts back as they were before `counts()`."""
        return _data_update(self.counts_inserted, self.counts_deleted)


def refresh(store: Store, change: Mapping[Key, int], *, applied: bool = False) -> Refresh:
    """The updates applying the count `change` and rewriting the entity graph for the
    entities it concerns (and the sameAs links to them). With `applied`, the counts hold the
    change already (a write stopped between its two updates): only the entity graph is left,
    and the counts before the change are those held less the change."""
    touched = {entity for entity, _, _ in change}
    if not touched:
        return Refresh()
    reader = CountReader(store)
    held = reader.counts(touched)
    before = {entity: Description(Counter(held[entity].counts)) for entity in touched}
    after = {entity: Description(Counter(held[entity].counts)) for entity in touched}
    for (entity, prop, value), amount in change.items():
        if applied:
            before[entity].counts[(prop, value)] -= amount
        else:
            after[entity].counts[(prop, value)] += amount
    new: list[ox.Triple] = []
    for entity in sorted(touched):
        new += after[entity].triples(ox.NamedNode(entity))
    links, old_links, again = _name_links(reader, touched, before, after)
    new += links
    # What the entity graph says of the touched entities, and the links derived again; a link
    # to a touched entity from another that is not derived again stays as it is.
    old = [triple for triple in reader.entity_graph_triples(touched)
           if triple.subject.value in touched or triple.subject.value in again] + old_links

    counts_old, counts_new = [], []
    for entity in touched:
        for (prop, value) in before[entity].counts.keys() | after[entity].counts.keys():
            was, now = before[entity].counts.get((prop, value), 0), after[entity].counts[(prop, value)]
            if was == now:
                continue
            key = (entity, prop, value)
            if was > 0 and now > 0:  # only the number changes
                counts_old.append(count_number_quad(key, was))
                counts_new.append(count_number_quad(key, now))
                continue
            counts_old += count_quads(key, was) if was > 0 else []
            counts_new += count_quads(key, now) if now > 0 else []
    entities_graph = ox.NamedNode(iris.entities_graph_iri())
    removed = set(old) - set(new)
    added = set(new) - set(old)
    deletions = [ox.Quad(t.subject, t.predicate, t.object, entities_graph) for t in removed]
    insertions = [ox.Quad(t.subject, t.predicate, t.object, entities_graph) for t in added]
    # With the entities, the KB graphs of those no article mentions any more go. Only an entity
    # no article describes any more (no count left) can be one: the look-up reads every article
    # mentioning an entity, ever more as the store grows, so it is made for those alone.
    gone = sorted(entity for entity in touched if not any(count > 0 for count in after[entity].counts.values()))
    requests = [unmentioned_kb_graphs_removal(sparql.values("e", gone))] if gone else []
    requests.append(_data_update(deletions, insertions))
    return Refresh(counts_old, counts_new, " ;\n".join(request for request in requests if request))


def _data_update(deletions: list[ox.Quad], insertions: list[ox.Quad]) -> str:
    """DELETE DATA then INSERT DATA of the quads given (empty when there are none)."""
    requests = [f"DELETE DATA {{ {sparql.quad_block(deletions)} }}"] if deletions else []
    if insertions:
        requests.append(f"INSERT DATA {{ {sparql.quad_block(insertions)} }}")
    return " ;\n".join(requests)


def _name_links(
    reader: CountReader, touched: set[str], before: Mapping[str, Description], after: Mapping[str, Description]
) -> tuple[list[ox.Triple], list[ox.Triple], set[str]]:
    """The name links (sameAs) a write may change, as they are after it and as they were:
    those from the touched entities, and from every entity whose label key is a name key of
    a touched entity whose names changed (it may have become, or ceased to be, the one
    entity such a name stands for); and those other entities, whose links are derived again.
    A person of a one-word name stands for no other name (`linking.could_name`), so when
    such a one changes, only its own link does."""
    keys: set[str] = set()
    changed: set[str] = set()  # keys whose candidates may differ after the write
    current: dict[str, NamedEntity | None] = {}
    for entity in touched:
        was, now = before[entity].named(entity), after[entity].named(entity)
        current[entity] = now
        for named in (was, now):
            if named is not None:
                keys |= named.name_keys
                if was != now and may_stand_for_others(named):
                    changed |= named.name_keys
    if not keys:
        return [], [], set()
    held, old_links = reader.named_by(keys - changed, every=changed)
    for entity in touched:
        held.pop(entity, None)
        if current[entity] is not None:
            held[entity] = current[entity]
    sources = [named for named in held.values() if named.key in changed or (named.iri in touched and named.key in keys)]
    # The links derived again: from the sources (those from the touched entities are in what
    # the entity graph says of them already).
    again = {named.iri for named in sources} - touched
    old_links = [link for link in old_links if link.subject.value in again]
    return _same_as_triples(name_links(held.values(), sources)), old_links, again


def _same_as_triples(links: Iterable[tuple[str, str]]) -> list[ox.Triple]:
    return [ox.Triple(ox.NamedNode(source), _SAME_AS, ox.NamedNode(target)) for source, target in sorted(links)]


def names_update(store: Store) -> str:
    """SPARQL Update adding every entity's name keys and the name links to the entity graph,
    derived from the counts graph (after the counts are rebuilt, with `entity_graph_update()`)."""
    rows = store.bookkeeping.query(named_query("all-count-nodes", counts_graph=sparql.iri(iris.entity_counts_graph_iri()))).rows
    named = [entity for entity in (description.named(iri) for iri, description in _descriptions(rows).items())
             if entity is not None]
    triples = [triple for entity in named for triple in name_key_triples(entity)]
    triples += _same_as_triples(name_links(named))
    if not triples:
        return ""
    graph = ox.NamedNode(iris.entities_graph_iri())
    return f"INSERT DATA {{ {sparql.quad_block([ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples])} }}"


def all_counts(store: Store) -> list[ox.Quad]:
    """The counts graph recomputed from every article graph (for repair, bulk loads and
    stores made before counts were kept): one aggregate query over the whole store."""
    types = sparql.values("type", (node.value for node in _ENTITY_CLASSES))
    rows = store.query(named_query("all-entity-counts", types=types)).rows
    allowed_types = _ENTITY_CLASSES.keys() | _subtypes()
    quads = []
    for entity, prop, value, count in rows:
        if not isinstance(entity, ox.NamedNode) or isinstance(value, ox.BlankNode):
            continue
        if (prop == _TYPE and value not in allowed_types) or (prop == _SAME_AS and not isinstance(value, ox.NamedNode)):
            continue
        quads += count_quads((entity.value, prop, value), int(count.value))
    return quads
