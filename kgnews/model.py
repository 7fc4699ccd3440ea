"""Plain data passed between the pipeline stages.

`ingest` yields `Article`s; `nlp` turns each into an `Extraction`; `graph` turns an
`Extraction` into RDF. Nothing here depends on spaCy or rdflib, so every stage can be
tested (and reused) on its own.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

EntityType = Literal["Person", "Organization", "Place"]
ObjectType = Literal["Person", "Organization", "Place", "Position", "Quote", "Phrase"]


@dataclass(frozen=True)
class MetadataRelation:
    """An `Article` metadata field that is also a relation with the article as subject."""

    field: str  # the Article attribute, also the relation's name (docs/facts.md)
    type: EntityType  # of the entity it names
    subtype: str | None = None


METADATA_RELATIONS: tuple[MetadataRelation, ...] = (
    MetadataRelation("author", "Person"),
    MetadataRelation("publisher", "Organization", "NewsOrganization"),
)


@dataclass(frozen=True)
class Article:
    """One news article as read from a source.

    `text` is the exact string kgnews analyses; every offset in the graph refers to it.
    When a title is known and the body does not already start with it, readers put the
    title on the first line followed by a blank line (as in the corpus' .txt files), so
    headlines are analysed and the stored text is self-contained.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    date: str | None = None  # ISO 8601 date (YYYY-MM-DD) when known
    author: str | None = None
    publisher: str | None = None
    source: str | None = None  # where it was read from: "path" or "path:line"

    @property
    def word_count(self) -> int:
        return len(self.text.split())

    @property
    def text_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    """A canonical entity within one article (its mentions resolved to one thing)."""

    key: str  # article-local id, e.g. "e3"
    label: str  # fullest name seen in the article, without titles
    type: EntityType
    subtype: str | None = None  # PoliticalParty, GovernmentOrganization, NewsOrganization, State, City, ...
    aliases: tuple[str, ...] = ()  # every surface form seen, including the label


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    entity: str  # Entity.key
    sentence: int  # Sentence.index


@dataclass(frozen=True)
class Fact:
    """One extracted statement, traceable to its sentence.

    `subject` is an Entity.key, or None when the subject is the article itself
    (`author`, `publisher`). The object is an entity (`object` = Entity.key) or a text
    (`object_text`, with `object_start`/`object_end` offsets for quotes and phrases).
    For `holds_position`, `object_text` is the post's label ("Governor of Minnesota"),
    `role` the normalised title and `role_of` the Entity.key of the post's organisation
    or place.
    """

    subject: str | None
    relation: str
    sentence: int
    object: str | None = None
    object_text: str | None = None
    object_type: ObjectType = "Phrase"
    object_start: int | None = None
    object_end: int | None = None
    role: str | None = None
    role_of: str | None = None
    qualifier: str | None = None  # former / acting / elect / ...
    kind: str | None = None  # "indirect" for reported speech
    negated: bool = False
    date: str | None = None
    confidence: float = 0.9


@dataclass
class Extraction:
    """Everything the NLP stage found in one article."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    model: str = ""  # name and version of the spaCy pipeline that produced it
