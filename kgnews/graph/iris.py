"""The one place kgnews mints resource IRIs: deterministic, readable, stable across articles.

Entities, positions and roles are named by slugs of their labels, so the same name gives the
same IRI in every article ("Mark Dayton" -> kgr:person/mark-dayton), except generic names
("the House"), which are named per article (kgnews.graph.linking decides which). A short hash is added
only where a slug alone would lose information (non-Latin letters, very long names). Facts,
quotes and phrases are named by a hash of what they state. Strings of the article text
(sentences, mentions) use NIF's RFC 5147 fragment: <article#char=start,end>.

Article ids are the users' own (file names, JSON `id` fields, URLs): they enter IRIs
percent-encoded (RFC 3986/3987) with only [A-Za-z0-9._~-] kept as they are, so different ids
always give different IRIs and `article_id(article_iri(id)) == id` for every id. (Ids made
only of those characters, the only ones older kgnews versions kept, keep their old IRIs.)
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote, unquote

from kgnews.model import EntityType
from kgnews.vocab import (
    APPLIED_GRAPH_PATH, ENTITY_COUNTS_GRAPH_PATH, FACT_COUNTS_GRAPH_PATH, PENDING_GRAPH_PATH, resource_base,
)

MAX_SLUG_LENGTH = 60
ENTITIES_GRAPH_PATH = "graph/entities"
ARTICLE_PATH = "article/"
_ID_SAFE = "-._"  # with the letters, digits and "~" quote always keeps: what an id keeps in its IRI

_NON_SLUG = re.compile(r"[^a-z0-9]+")
_SLUG_PREFIX = re.compile(r"[a-z0-9-]*")
_ENTITY_PATHS: dict[str, str] = {"Person": "person", "Organization": "organization", "Place": "place"}


def short_hash(*parts: str, length: int = 16) -> str:
    """Hex digest of the parts (joined unambiguously), `length` characters long."""
    joined = "\x1f".join(parts).encode("utf-8")
    return hashlib.sha1(joined, usedforsecurity=False).hexdigest()[:length]


@lru_cache(maxsize=8192)
def slug(text: str) -> str:
    """Lower-case ASCII words joined by '-'; a hash suffix where that would lose letters."""
    decomposed = text if text.isascii() else unicodedata.normalize("NFKD", text)
    words = _NON_SLUG.sub("-", decomposed.encode("ascii", "ignore").decode("ascii").lower()).strip("-")
    # Letters with no ASCII form ("Łódź", "習近平") or a cut-off tail would make different
    # names collide; the hash of the full name keeps them apart.
    lost_letters = not decomposed.isascii() and any(ch.isalnum() and not ch.isascii() for ch in decomposed)
    if words and not lost_letters and len(words) <= MAX_SLUG_LENGTH:
        return words
    head = words[:MAX_SLUG_LENGTH].rstrip("-")
    digest = short_hash(unicodedata.normalize("NFC", text).casefold(), length=8)
    return f"{head}-{digest}" if head else digest


def _resource(path: str) -> str:
    return resource_base() + path


def id_segment(article_id: str) -> str:
    """`article_id` as one IRI path segment, injectively: every character but [A-Za-z0-9._~-]
    percent-encoded (UTF-8), and the dots of an id of dots only too ("." and ".." would be
    resolved away as path segments)."""
    if article_id and set(article_id) == {"."}:
        return "%2E" * len(article_id)
    return quote(article_id, safe=_ID_SAFE)


def article_iri(article_id: str) -> str:
    """The article's IRI, which also names the graph holding its extraction."""
    return _resource(ARTICLE_PATH + id_segment(article_id))


def article_id(iri: str) -> str | None:
    """The id an article IRI was minted from (the inverse of `article_iri`), or None when
    `iri` is not one `article_iri` mints."""
    prefix = _resource(ARTICLE_PATH)
    if not iri.startswith(prefix):
        return None
    segment = iri[len(prefix):]
    try:
        decoded = unquote(segment, errors="strict")
    except UnicodeDecodeError:
        return None
    return decoded if id_segment(decoded) == segment else None


def fact_counts_graph_iri(article_graph: str) -> str:
    """The bookkeeping graph counting the facts of the article graph `article_graph`
    (kgnews.graph.fact_counts), named by the article's id as its graph is."""
    return _resource(FACT_COUNTS_GRAPH_PATH + article_graph[len(_resource(ARTICLE_PATH)):])


def fact_count_iri(article_graph: str, relation: str) -> str:
    """The node counting the facts of one relation an article graph lists."""
    return _resource("count/" + short_hash(article_graph, relation))


def entities_graph_iri() -> str:
    """The shared graph holding the canonical view of every entity."""
    return _resource(ENTITIES_GRAPH_PATH)


def pending_graph_iri() -> str:
    """The graph recording derived-graph work a write has yet to finish (kgnews.graph.derived)."""
    return _resource(PENDING_GRAPH_PATH)


def applied_graph_iri() -> str:
    """The side store's graph naming the last write journal applied to the counts (kgnews.graph.derived)."""
    return _resource(APPLIED_GRAPH_PATH)


def entity_counts_graph_iri() -> str:
    """The graph of per-entity article counts the entity graph is derived from (kgnews.graph.entity_counts)."""
    return _resource(ENTITY_COUNTS_GRAPH_PATH)


def count_iri(entity: str, counted_property: str, value: str, value_kind: str) -> str:
    """The node counting the article graphs that state `entity counted_property value`."""
    return _resource("count/" + short_hash(entity, counted_property, value, value_kind))


def entity_iri(entity_type: EntityType, label: str, article_id: str | None = None) -> str:
    """kgr:person/mark-dayton; with `article_id`, a name that means one thing only within that
    article: kgr:organization/house.7249ac44 (one path segment, so posts in it stay apart too)."""
    name = slug(label)
    if article_id is not None:
        name += "." + id_segment(article_id)
    return _resource(f"{_ENTITY_PATHS[entity_type]}/{name}")


def lone_name_iri(entity_type: EntityType, label: str, article_id: str) -> str:
    """A lone surname as one article names it, where the article says no more (kgr:person/dayton~<id>):
    it stands for a person of another article only through the entity graph's sameAs, while
    exactly one stored person has that surname (kgnews.graph.linking)."""
    return _resource(f"{_ENTITY_PATHS[entity_type]}/{slug(label)}~{id_segment(article_id)}")


def _scope_mark(iri: str) -> str:
    """The character after the slug of an entity IRI's last segment: '.' (named within one
    article for its ambiguity), '~' (a lone name of one article), '' (neither). Slugs hold
    neither character; article ids may hold both, after it."""
    segment = iri.rsplit("/", 1)[-1]
    return segment[len(_SLUG_PREFIX.match(segment).group()):][:1]


def is_article_scoped(iri: str) -> bool:
    """True for an entity IRI named within one article for its ambiguity (a generic name, a
    surname two people of the article or the KB may bear): no name links to or from it."""
    return _scope_mark(iri) == "."


def kb_entity_iri(entity_type: EntityType, label: str, entry_id: str | None = None) -> str:
    """The IRI of an entity linked to a KB entry: named by the entry's name, as an unlinked
    entity of that name would be (kgr:person/joe-biden); where two entries share a name, the
    entry's id is added (kgr:person/mike-rogers--bioguide-r000575)."""
    iri = entity_iri(entity_type, label)
    return iri if entry_id is None else f"{iri}--{slug(entry_id)}"


def kb_source_iri(name: str, version: str) -> str:
    """A knowledge base (one version of it), named in the provenance of the facts taken from it."""
    return _resource(f"kb/{slug(name)}/{quote(version, safe='-._~')}")


def kb_graph_iri(kb_name: str, entry_id: str) -> str:
    """The named graph holding what a KB says about one of its entries."""
    return _resource(f"graph/kb/{slug(kb_name)}/{quote(entry_id, safe='-._~')}")


def kb_fact_iri(entry_id: str, relation: str, *parts: str | None) -> str:
    """A fact a KB states (a term of office, a party membership), named by what it states."""
    return _resource("kbfact/" + short_hash(entry_id, relation, *(part or "" for part in parts)))


def role_iri(role: str) -> str:
    return _resource("role/" + slug(role))


def position_iri(role: str, role_of_iri: str | None) -> str:
    """A post named by its role and the last path segment of its organisation or place."""
    name = slug(role)
    if role_of_iri is not None:
        name += "-of-" + role_of_iri.rsplit("/", 1)[-1]
    return _resource("position/" + name)


def fact_iri(subject_iri: str, relation: str, object_iri: str, qualifier: str | None, negated: bool) -> str:
    """Same statement, same IRI, whichever article states it."""
    return _resource("fact/" + short_hash(subject_iri, relation, object_iri, qualifier or "", "not" if negated else ""))


def quote_iri(speaker_iri: str, text: str) -> str:
    return _resource("quote/" + short_hash(speaker_iri, " ".join(text.split())))


def phrase_iri(text: str) -> str:
    return _resource("phrase/" + short_hash(" ".join(text.split())))


def string_iri(article: str, start: int, end: int) -> str:
    """A NIF string of the article text (the context, a sentence, a mention)."""
    return f"{article}#char={start},{end}"


def extraction_iri(article_id: str) -> str:
    return _resource("extraction/" + id_segment(article_id))


def run_iri(started: str, kgnews_version: str) -> str:
    return _resource("run/" + short_hash(started, kgnews_version))


def agent_iri(kgnews_version: str, model: str) -> str:
    return _resource("agent/" + slug(f"kgnews {kgnews_version} {model}"))
