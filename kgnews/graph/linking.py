"""Cross-article identity: which IRI each entity of an article gets.

Within an article the NLP stage has resolved mentions to entities. Across articles an entity
is named by its type and label (kgr:person/mark-dayton), so one name is one thing everywhere,
with two refinements, both pure functions of an article's Extraction and an `EntityIndex` of
the entities the store (and the articles built before in the same ingest) already hold:

* Generic names -- a bare body or post such as "House", "the Senate", "Court", "Governor"
  (generic_names.tsv) -- mean different things in different articles: they are named per
  article (kgr:organization/house.<article id>) and never linked.
* A name links to the one entity it can stand for: a lone surname ("Dayton") to the one
  person of that surname ("Mark Dayton"); any other person or organisation name to the one
  entity of its type that has it as label or alias ("de Blasio" -> "Bill de Blasio",
  "DFL"). Two candidates: no link. People whose full names differ are never linked
  ("Donald Trump Jr." is not "Donald Trump"). Places keep the IRI of their name.

Knowledge-base links come first (kgnews.graph.kblinking decides them on the article's
evidence): a linked entity takes its KB entry's IRI, so every article naming that person
lands on one node whatever the order. An entity that had KB candidates but no link (two
fitting equally, or none fitting) is not linked by name either: a lone surname, or a name
whose IRI is a KB entry's, is named per article.

The other order -- "Dayton" stored first, "Mark Dayton" arriving later -- cannot rename what
is stored, so the article bringing the full name records `<mark-dayton> owl:sameAs <dayton>`.
The views show each sameAs cluster as one entity, its `representative`: the member with the
fullest label.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from rdflib.namespace import OWL, RDF, SKOS

from kgnews import sparql
from kgnews.graph import iris
from kgnews.graph.ontology import ENTITY_TYPES
from kgnews.graph.vocab import KGO
from kgnews.model import Entity, Extraction
from kgnews.nlp import gazetteers
from kgnews.normalise import NAME_SUFFIXES, fold_accents, name_key
from kgnews.query.named import named_query
from kgnews.results import SelectStore

if TYPE_CHECKING:
    from kgnews.graph.kblinking import KBLink

# Types whose names link across articles; a place's name is its identity (kgr:place/georgia).
LINKED_TYPES = frozenset({"Person", "Organization"})

_TYPE_NAMES = {str(KGO[name]): name for name in ENTITY_TYPES}
_LETTER_RUNS = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=65536)
def name_words(text: str) -> tuple[str, ...]:
    """A name's comparison words (`kgnews.normalise.name_key`), accents folded too: across
    articles one name is spelt with and without them ("Erdoğan", "Erdogan")."""
    # British and American spellings of one name ("World Health Organisation") are one name.
    return tuple(word.replace("isation", "ization") for word in name_key(fold_accents(text)).split())


def linking_key(text: str) -> str:
    return " ".join(name_words(text))


@cache
def generic_keys() -> frozenset[str]:
    """Linking keys of the generic names of the gazetteer (kgnews/nlp/data/generic_names.tsv)."""
    return frozenset(linking_key(name) for name in gazetteers.generic_names())


def is_generic(label: str) -> bool:
    return linking_key(label) in generic_keys()


def own_iri(entity: Entity, article_id: str) -> str:
    """The IRI an entity's name gives it, before linking: per article for a generic name."""
    return iris.entity_iri(entity.type, entity.label, article_id if is_generic(entity.label) else None)


def initials(name: str) -> str:
    """Lower-cased first letters of a name's capitalised words: "nato" for North Atlantic
    Treaty Organization, "fbi" for Federal Bureau of Investigation."""
    return "".join(word[0] for word in _LETTER_RUNS.findall(name) if word[0].isupper()).casefold()


def acronyms(name: str) -> frozenset[str]:
    """The acronyms a multi-word name may go by: its initials, with or without those of its
    small words ("va" and "voa" for Voice of America)."""
    words = _LETTER_RUNS.findall(name)
    if len(words) < 2:
        return frozenset()
    found = {initials(name), "".join(word[0] for word in words).casefold()}
    return frozenset(acronym for acronym in found if len(acronym) > 1)


def surname(words: tuple[str, ...]) -> str | None:
    """The surname of a full name's words (None for a single word); a generational suffix is
    none: "Trump" may be either "Donald Trump" or "Donald Trump Jr.", so it links to neither."""
    while len(words) > 1 and words[-1] in NAME_SUFFIXES:
        words = words[:-1]
    return words[-1] if len(words) > 1 else None


def _same_person(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """True when two multi-word person names can name one person: equal, the shorter the
    tail of the longer ("de Blasio", "Bill de Blasio"), or the same first and last words
    with middle names added ("Mark Dayton", "Mark B. Dayton")."""
    if len(short) > len(full):
        short, full = full, short
    if short == full[len(full) - len(short):]:
        return True
    if short[0] != full[0] or short[-1] != full[-1]:
        return False
    remaining = iter(full)
    return all(word in remaining for word in short)


def could_name(words: tuple[str, ...], entity_type: str, label: str, names: Collection[str]) -> bool:
    """True when a name of `words` can stand for an entity of `entity_type` whose canonical
    label is `label` and whose names (label and aliases) have the keys `names`."""
    key = " ".join(words)
    if entity_type != "Person":
        # One word standing for a longer organisation name must be one of its words or its
        # initials ("ISIS", "NATO"): an alias the NLP stage attached by mistake ("UTC" to
        # the United States Cabinet) is not followed across articles. Initials hold across
        # articles even where no article defines them ("AFP", "Agence France-Presse").
        if len(words) == 1 and key in acronyms(label):
            return True
        return key in names and (len(words) > 1 or key in name_words(label))
    full = name_words(label)
    if len(full) < 2:
        return False  # a lone surname is no candidate: it is what gets linked
    if len(words) == 1:
        return surname(full) == key or (key in names and key in full)
    return key in names and _same_person(words, full)


def representative(labels: Mapping[str, str | None]) -> str:
    """The IRI standing for a sameAs cluster: fullest label, then the smallest IRI."""
    return min(labels, key=lambda iri: (-len(labels[iri] or ""), iri))


@dataclass
class IndexedEntity:
    iri: str
    type: str
    label: str  # canonical: the fullest label (the first in sort order on ties, as in the entity graph)
    names: set[str] = field(default_factory=set)  # linking_key of every label and alias

    def relabel(self, label: str) -> None:
        if (-len(label), label) < (-len(self.label), self.label):
            self.label = label


@dataclass(frozen=True)
class ArticleLinks:
    """What linking decided for one article: entity key -> IRI, (full, short) sameAs pairs,
    and entity key -> the KB entry it is linked to."""

    iris: dict[str, str]
    same_as: tuple[tuple[str, str], ...] = ()
    kb: Mapping[str, KBLink] = field(default_factory=dict)



class EntityIndex:
    """Person and organisation names the store holds, with their sameAs clusters.

    Load it once per ingest (`from_store`, one SPARQL SELECT over kgr:graph/entities) and
    `record` each article built, so articles of one ingest link to each other as well.
    """

    def __init__(self) -> None:
        self.entities: dict[str, IndexedEntity] = {}
        self._by_name: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._by_surname: dict[str, set[str]] = defaultdict(set)
        self._by_initials: dict[str, set[str]] = defaultdict(set)  # organisations
        self._cluster: dict[str, frozenset[str]] = {}

    @classmethod
    def from_store(cls, store: SelectStore) -> EntityIndex:
        graph = iris.entities_graph_iri()
        rows = store.select(named_query("linkable-names", graph=sparql.iri(graph)))
        described: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for row in rows:
            described[str(row["e"])][str(row["p"])].append(str(row["o"]))
        index = cls()
        for iri, values in described.items():
            types = [_TYPE_NAMES[value] for value in values[str(RDF.type)] if value in _TYPE_NAMES]
            labels = values[str(SKOS.prefLabel)]
            if types and labels:
                index.add(iri, types[0], labels[0], values[str(SKOS.altLabel)])
        for iri, values in described.items():
            for other in values[str(OWL.sameAs)]:
                if other in index.entities:  # not a Wikidata item a KB-linked entity is the same as
                    index.add_same_as(iri, other)
        return index

    def add(self, iri: str, entity_type: str, label: str, aliases: Iterable[str] = ()) -> None:
        """An entity (or more names of one already held). Generic names, places and names
        scoped to one article for their ambiguity ("Trump" where the article did not say
        which) are not held: nothing links to them, so no later article decides them."""
        if entity_type not in LINKED_TYPES or is_generic(label) or iris.is_article_scoped(iri):
            return
        entity = self.entities.get(iri)
        if entity is None:
            entity = self.entities[iri] = IndexedEntity(iri, entity_type, label)
        entity.relabel(label)
        for name in (label, *aliases):
            key = linking_key(name)
            if key and key not in entity.names:
                entity.names.add(key)
                self._by_name[(entity_type, key)].add(iri)
        last = surname(name_words(entity.label))
        if entity_type == "Person" and last is not None:
            self._by_surname[last].add(iri)
        if entity_type == "Organization":
            for acronym in acronyms(entity.label):
                self._by_initials[acronym].add(iri)

    def add_same_as(self, first: str, second: str) -> None:
        merged = self.cluster(first) | self.cluster(second)
        for iri in merged:
            self._cluster[iri] = merged

    def cluster(self, iri: str) -> frozenset[str]:
        return self._cluster.get(iri, frozenset({iri}))

    def representative(self, iri: str) -> str:
        """The IRI the views show for `iri`'s cluster."""
        cluster = self.cluster(iri)
        if len(cluster) == 1:
            return iri
        return representative({member: self.label(member) for member in cluster})

    def label(self, iri: str) -> str | None:
        entity = self.entities.get(iri)
        return entity.label if entity else None

    def candidates(self, words: tuple[str, ...], entity_type: str) -> set[str]:
        """IRIs of held entities a name of `words` could stand for."""
        key = " ".join(words)
        found = set(self._by_name.get((entity_type, key), ()))
        if entity_type == "Person" and len(words) == 1:
            found |= self._by_surname.get(key, set())
        if entity_type == "Organization" and len(words) == 1:
            found |= self._by_initials.get(key, set())
        return {
            iri for iri in found
            if could_name(words, entity_type, self.entities[iri].label, self.entities[iri].names)
        }

    def labelled(self, entity_type: str, keys: Iterable[str]) -> list[IndexedEntity]:
        """Held entities of `entity_type` whose canonical label has one of the name `keys`."""
        keys = set(keys)
        found = {iri for key in keys for iri in self._by_name.get((entity_type, key), ())}
        return [self.entities[iri] for iri in sorted(found) if linking_key(self.entities[iri].label) in keys]

    def record(self, extraction: Extraction, links: ArticleLinks) -> None:
        """Hold what an article built with `links` adds (as the entity graph update will)."""
        for entity in extraction.entities:
            linked = links.kb.get(entity.key)
            label = linked.entry.name if linked else entity.label
            self.add(links.iris[entity.key], entity.type, label, (*entity.aliases, entity.label))
        for full, short in links.same_as:
            self.add_same_as(full, short)


@dataclass
class _ArticleEntity:
    """An article's entity under its final IRI (several article entities may share one)."""

    iri: str
    type: str
    label: str
    names: set[str]


def _article_entities(extraction: Extraction, entity_iris: Mapping[str, str]) -> list[_ArticleEntity]:
    by_iri: dict[str, _ArticleEntity] = {}
    for entity in extraction.entities:
        if entity.type not in LINKED_TYPES or is_generic(entity.label):
            continue
        iri = entity_iris[entity.key]
        held = by_iri.setdefault(iri, _ArticleEntity(iri, entity.type, entity.label, set()))
        if len(entity.label) > len(held.label):
            held.label = entity.label
        held.names |= {linking_key(name) for name in (entity.label, *entity.aliases)}
    return list(by_iri.values())


def _clusters(
    words: tuple[str, ...],
    entity_type: str,
    index: EntityIndex,
    article: Iterable[_ArticleEntity],
    excluding: str | None = None,
) -> set[frozenset[str]]:
    """The distinct things (sameAs clusters) a name could stand for, held or in the article,
    leaving out the entity `excluding` (the one bearing the name)."""
    found = {index.cluster(iri) for iri in index.candidates(words, entity_type) if iri != excluding}
    found |= {
        index.cluster(entity.iri) for entity in article
        if entity.type == entity_type and entity.iri != excluding
        and could_name(words, entity_type, entity.label, entity.names)
    }
    return found


def _linked_iri(cluster: frozenset[str], index: EntityIndex) -> str:
    """The IRI to link to for a cluster: its representative when held, else its one article IRI."""
    held = sorted(iri for iri in cluster if iri in index.entities)
    return index.representative(held[0]) if held else min(cluster)


def link_article(
    extraction: Extraction,
    index: EntityIndex,
    kb_links: Mapping[str, KBLink] | None = None,
    kb_unlinked: Collection[str] = (),
    kb_iris: Collection[str] = (),
) -> ArticleLinks:
    """Each entity's IRI, linked to what `index` holds, and the sameAs pairs the article adds.

    `kb_links` (entity key -> KB link) fix the IRIs of the entities linked to a KB;
    `kb_unlinked` are the keys of entities that had KB candidates but no link, and
    `kb_iris` the IRIs of KB entries (a container answering `in`). Full names link first
    (against the index); lone surnames then link against the index and the article's own
    full names, so an article's "Dayton" that the NLP stage left apart from its "Mark
    Dayton" ends on one IRI too. A lone surname that could stand for two people is as
    ambiguous as a generic name: it is named per article.
    """
    article_id = extraction.article.id
    kb_links = kb_links or {}
    entity_iris = {entity.key: own_iri(entity, article_id) for entity in extraction.entities}
    for entity in extraction.entities:
        if entity.key in kb_links:
            entity_iris[entity.key] = kb_links[entity.key].iri
        elif entity.key in kb_unlinked and (
            entity_iris[entity.key] in kb_iris or (entity.type == "Person" and len(name_words(entity.label)) == 1)
        ):
            entity_iris[entity.key] = iris.entity_iri(entity.type, entity.label, article_id)
    linkable = [
        e for e in extraction.entities
        if e.type in LINKED_TYPES and not is_generic(e.label) and e.key not in kb_links and e.key not in kb_unlinked
    ]
    lone_surnames = [e for e in linkable if e.type == "Person" and len(name_words(e.label)) == 1]
    for entity in linkable:
        if entity not in lone_surnames:
            clusters = _clusters(name_words(entity.label), entity.type, index, [])
            if len(clusters) == 1:
                entity_iris[entity.key] = _linked_iri(clusters.pop(), index)
    full_names = _article_entities(extraction, entity_iris)
    for entity in lone_surnames:
        clusters = _clusters(name_words(entity.label), entity.type, index, full_names)
        if len(clusters) == 1:
            entity_iris[entity.key] = _linked_iri(clusters.pop(), index)
        elif clusters:
            entity_iris[entity.key] = iris.entity_iri(entity.type, entity.label, article_id)
    unlinked_iris = {entity_iris[key] for key in kb_unlinked}
    return ArticleLinks(entity_iris, _same_as(extraction, entity_iris, index, unlinked_iris, kb_iris), kb_links)


def _same_as(
    extraction: Extraction,
    entity_iris: Mapping[str, str],
    index: EntityIndex,
    kb_unlinked: Collection[str] = (),
    kb_iris: Collection[str] = (),
) -> tuple[tuple[str, str], ...]:
    """(article entity, held entity) pairs where the held entity bears a shorter name that
    would now link to the article's entity alone -- the "Dayton" stored before "Mark Dayton".
    Whether an entity is a KB entry is the KB's evidence to decide, not its name: entities
    the KB left unlinked (`kb_unlinked` IRIs) and entities linked to it are not paired."""
    article = _article_entities(extraction, entity_iris)
    pairs: set[tuple[str, str]] = set()
    for entity in article:
        if entity.iri in kb_unlinked:
            continue
        keys = set(entity.names)
        last = surname(name_words(entity.label)) if entity.type == "Person" else None
        if last is not None:
            keys.add(last)
        if entity.type == "Organization":
            keys |= acronyms(entity.label)
        for held in index.labelled(entity.type, keys):
            # Recorded again when already linked: each article states the links it supports,
            # so a link outlives the removal of the article that first made it.
            if held.iri == entity.iri or held.iri in kb_iris:
                continue
            clusters = _clusters(name_words(held.label), held.type, index, article, excluding=held.iri)
            if clusters == {index.cluster(entity.iri)}:
                pairs.add((entity.iri, held.iri))
    return tuple(sorted(pairs))
