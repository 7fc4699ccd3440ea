"""Identity: which IRI each entity of an article gets, and which entities of different
articles are one.

An article graph depends on the article (and the knowledge base) alone, never on what the
store holds, so the graph of every article is the same whatever order the articles arrive in:

* A knowledge-base link (kgnews.graph.kblinking decides it on the article's evidence) gives
  the entry's IRI, so every article naming that person lands on one node.
* Any other entity is named by its type and its fullest name in the article
  (kgr:person/mark-dayton); a lone surname the article's own full names account for
  ("Dayton" beside "Mark Dayton") takes that person's IRI, and one they do not is the
  article's own (kgr:person/dayton~<article id>): two articles' lone "Dayton"s are not one
  person for sharing a surname.
* Generic names -- a bare body or post such as "House", "the Senate", "Governor"
  (generic_names.tsv) -- and names the article leaves ambiguous (a "Trump" beside "Ivanka
  Trump"; a surname whose KB candidates the article could not choose between) mean one
  thing in one article: they are named per article (kgr:person/trump.<article id>) and
  never linked.

Across articles, a weaker name is joined to the one entity it can stand for by
`owl:sameAs` in the derived entity graph (`name_links`): a lone surname ("Dayton") to the
one person of that surname ("Mark Dayton"), any other name to the one entity of its type
that has it as a name ("de Blasio" -> "Bill de Blasio") or, for an organisation, as its
initials ("AFP" -> "Agence France-Presse"). Two candidates: no link; people whose full names
differ are never linked ("Donald Trump Jr." is not "Donald Trump"). The links are derived
from the set of stored articles, so they too are the same in any order, appear when the
full name arrives and go when it is removed. Each entity of the entity graph carries its
`kgo:nameKey`s (the keys it may be named by), so a write finds the entities its names
concern by index lookups, at a cost that does not grow with the store. The views show
each sameAs cluster as one entity, its `representative`: the member with the fullest label.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import TYPE_CHECKING

from kgnews.graph import iris
from kgnews.model import Entity, Extraction
from kgnews.nlp import gazetteers
from kgnews.normalise import NAME_SUFFIXES, fold_accents, name_key

if TYPE_CHECKING:
    from kgnews.graph.kblinking import KBLink

# Types whose names link across articles; a place's name is its identity (kgr:place/georgia).
LINKED_TYPES = frozenset({"Person", "Organization"})

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


def may_stand_for_others(entity: NamedEntity) -> bool:
    """Whether `could_name` may hold for some name and this entity: a person only when their
    name has several words, any entity of another type (the query in entities-named.rq says
    the same). It relies on LINKED_TYPES: of the types linked by name, the one not a person
    is an organisation (for any other type, True is the safe answer)."""
    return entity.type != "Person" or len(name_words(entity.label)) > 1


def representative(labels: Mapping[str, str | None]) -> str:
    """The IRI standing for a sameAs cluster: fullest label, then the smallest IRI."""
    return min(labels, key=lambda iri: (-len(labels[iri] or ""), iri))


@dataclass(frozen=True)
class ArticleLinks:
    """What linking decided for one article: entity key -> IRI, and entity key -> the KB
    entry it is linked to."""

    iris: dict[str, str]
    kb: Mapping[str, KBLink] = field(default_factory=dict)


def link_article(
    extraction: Extraction,
    kb_links: Mapping[str, KBLink] | None = None,
    kb_unlinked: Collection[str] = (),
    kb_iris: Collection[str] = (),
) -> ArticleLinks:
    """Each entity's IRI, from the article and its KB links alone.

    `kb_links` (entity key -> KB link) fix the IRIs of the entities linked to a KB;
    `kb_unlinked` are the keys of entities that had KB candidates but no link, and
    `kb_iris` the IRIs of KB entries (a container answering `in`): such an entity is named
    per article when its IRI is a KB entry's or it is a lone surname. A lone surname takes
    the IRI of the one full name of the article it can stand for ("Dayton", "Mark Dayton");
    with two it is as ambiguous as a generic name: named per article; with none it is this
    article's lone name (`iris.lone_name_iri`), which the entity graph joins to the one
    stored person of that surname, if there is exactly one.
    """
    article_id = extraction.article.id
    kb_links = kb_links or {}
    entity_iris = {entity.key: own_iri(entity, article_id) for entity in extraction.entities}
    for entity in extraction.entities:
        if entity.key in kb_links:
            entity_iris[entity.key] = kb_links[entity.key].iri
        elif entity.key in kb_unlinked and (entity_iris[entity.key] in kb_iris or _lone_surname(entity)):
            entity_iris[entity.key] = iris.entity_iri(entity.type, entity.label, article_id)
    full_names = _article_entities(extraction, entity_iris)
    for entity in extraction.entities:
        if not _lone_surname(entity) or is_generic(entity.label) or entity.key in kb_links or entity.key in kb_unlinked:
            continue
        words = name_words(entity.label)
        found = {named.iri for named in full_names if named.type == "Person" and could_name(words, "Person", named.label, named.names)}
        if len(found) == 1:
            entity_iris[entity.key] = found.pop()
        elif found:
            entity_iris[entity.key] = iris.entity_iri(entity.type, entity.label, article_id)
        else:
            entity_iris[entity.key] = iris.lone_name_iri(entity.type, entity.label, article_id)
    return ArticleLinks(entity_iris, kb_links)


def _lone_surname(entity: Entity) -> bool:
    return entity.type == "Person" and len(name_words(entity.label)) == 1


@dataclass
class _ArticleEntity:
    """An article's entity under its IRI (several article entities may share one)."""

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


# --- across articles: the entity graph's name links -------------------------------------------


@dataclass(frozen=True)
class NamedEntity:
    """An entity of the entity graph as cross-article linking sees it: its canonical label
    and the linking keys of all its names; `in_kb` when it is linked to a KB entry (then
    the KB, not its name, decides its identity)."""

    iri: str
    type: str
    label: str
    names: frozenset[str]
    in_kb: bool = False

    @classmethod
    def of(cls, iri: str, entity_type: str, label: str, names: Iterable[str], in_kb: bool = False) -> NamedEntity | None:
        """The entity, or None for one that no name links (a place, a generic or article-scoped name)."""
        if entity_type not in LINKED_TYPES or is_generic(label) or iris.is_article_scoped(iri):
            return None
        keys = frozenset(key for key in (linking_key(name) for name in (label, *names)) if key)
        return cls(iri, entity_type, label, keys, in_kb) if keys else None

    @property
    def key(self) -> str:
        return linking_key(self.label)

    @cached_property
    def name_keys(self) -> frozenset[str]:
        """The keys a name standing for this entity may have: its names', a person's
        surname, an organisation's initials (stored as kgo:nameKey)."""
        keys = set(self.names)
        if self.type == "Person":
            last = surname(name_words(self.label))
            if last:
                keys.add(last)
        else:
            keys |= acronyms(self.label)
        return frozenset(keys)


def name_links(entities: Iterable[NamedEntity], sources: Iterable[NamedEntity] | None = None) -> set[tuple[str, str]]:
    """(weaker, fuller) pairs: each of `sources` (default: all `entities`) whose label can
    stand for exactly one other of `entities` is the same as it. `entities` must hold
    every entity with a name key equal to a source's label key."""
    entities = list(entities)
    by_key: dict[str, list[NamedEntity]] = defaultdict(list)
    for entity in entities:
        for key in entity.name_keys:
            by_key[key].append(entity)
    links = set()
    for source in entities if sources is None else sources:
        if source.in_kb:
            continue
        words = name_words(source.label)
        found = {
            candidate.iri for candidate in by_key.get(source.key, ())
            if candidate.iri != source.iri and candidate.type == source.type
            and could_name(words, source.type, candidate.label, candidate.names)
        }
        if len(found) == 1:
            links.add((source.iri, found.pop()))
    return links
