"""Turn an analysed Doc into a spaCy-free `kgnews.model.Extraction`.

Span-level facts (`doc._.kg_facts`) are resolved to the entity keys that `kgnews_resolution`
assigned; an entity a fact only names ("Republican Party" for an "R") becomes an entity
without mentions. A fact whose subject resolves to no entity is dropped, and a fact
stated several times in the article is kept once. The article's byline and publisher
become `author` / `publisher` facts about the article itself, and a date read from the
text's dateline becomes the article's date.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from spacy.tokens import Doc, Span

from kgnews.model import METADATA_RELATIONS, Article, Entity, EntityType, Extraction, Fact, Sentence
from kgnews.nlp.extensions import doc_text
from kgnews.nlp.extract.clustering import entity_label
from kgnews.nlp.extract.names import entity_subtype, name_key
from kgnews.nlp.extract.resolution import entity_key
from kgnews.nlp.spanfacts import SpanFact

ENTITY_OBJECT_TYPES = frozenset({"Person", "Organization", "Place"})


class _Entities:
    """The article's entities, growing by the names that facts and metadata imply."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.entities: list[Entity] = list(doc._.kg_entities or ())

    def key(self, ref: Span | str | None, entity_type: EntityType, subtype: str | None = None) -> str | None:
        if ref is None:
            return None
        found = entity_key(self.doc, ref, entity_type if isinstance(ref, str) else None)
        if found is not None or not isinstance(ref, str):
            return found
        key = name_key(ref)
        for entity in self.entities:
            if entity.type == entity_type and key in {name_key(alias) for alias in entity.aliases}:
                return entity.key
        label = entity_label([ref], entity_type)
        new = Entity(
            key=f"e{len(self.entities) + 1}",
            label=label,
            type=entity_type,
            subtype=entity_subtype(label, entity_type) or subtype,
            aliases=tuple(dict.fromkeys((label, ref))),
        )
        self.entities.append(new)
        return new.key


def to_extraction(doc: Doc, article: Article, model_name: str) -> Extraction:
    """Everything the pipeline found in `doc` (the analysis of `article.text`).

    An article without a date takes the one the pipeline read from its dateline
    (`doc._.kg_article_date`); a date given with the article is never replaced.
    """
    if not article.date and doc._.kg_article_date:
        article = replace(article, date=doc._.kg_article_date)
    sentences = _sentences(doc)
    sentence_starts = [sentence.start for sentence in sentences]
    mentions = [
        replace(mention, sentence=bisect_right(sentence_starts, mention.start) - 1)
        for mention in doc._.kg_mentions or ()
    ]
    entities = _Entities(doc)
    # What a fact says -> the fact where it is first stated (a fact is stated once per article).
    facts: dict[Fact, Fact] = {}
    for span_fact in doc._.kg_facts or ():
        fact = _fact(span_fact, entities, sentence_starts)
        if fact is not None:
            facts.setdefault(_content(fact), fact)
    for metadata in METADATA_RELATIONS:
        value = getattr(article, metadata.field)
        if value:
            key = entities.key(value, metadata.type, metadata.subtype)
            fact = Fact(None, metadata.field, 0, object=key, object_type=metadata.type)
            facts.setdefault(_content(fact), fact)
    return Extraction(
        article=article,
        sentences=sentences,
        entities=entities.entities,
        mentions=mentions,
        facts=list(facts.values()),
        model=model_name,
    )


def _sentences(doc: Doc) -> list[Sentence]:
    """The Doc's sentences without trailing whitespace, joined where an entity mention would
    cross a boundary: the parser sometimes splits a name ("Andrea" | "Mayer-Bruestle" in a
    byline), and a mention must lie inside one sentence."""
    spans = [[sentence.start_char, sentence.end_char] for sentence in doc.sents]
    starts = [start for start, _ in spans]
    joined_into_previous = set()
    for mention in doc._.kg_mentions or ():
        first = bisect_right(starts, mention.start) - 1
        last = bisect_right(starts, mention.end - 1) - 1
        joined_into_previous.update(range(first + 1, last + 1))
    merged: list[list[int]] = []
    for index, span in enumerate(spans):
        if index in joined_into_previous and merged:
            merged[-1][1] = span[1]
        else:
            merged.append(span)
    sentences = []
    article_text = doc_text(doc)
    for start, end in merged:
        text = article_text[start:end].rstrip()
        if text:
            sentences.append(Sentence(len(sentences), start, start + len(text), text))
    return sentences


def _content(fact: Fact) -> Fact:
    """What a fact says, without where it is said."""
    return replace(fact, sentence=0, object_start=None, object_end=None, confidence=0.0)


def _fact(span_fact: SpanFact, entities: _Entities, sentence_starts: list[int]) -> Fact | None:
    subject = None
    if span_fact.subject is not None:
        subject = entities.key(span_fact.subject, "Person")
        if subject is None:
            return None
    sentence = bisect_right(sentence_starts, span_fact.sentence.start_char) - 1
    object_key = object_text = object_start = object_end = None
    if span_fact.object_type in ENTITY_OBJECT_TYPES:
        object_key = entities.key(span_fact.object, span_fact.object_type)  # type: ignore[arg-type]
        if object_key is None:
            return None
    elif isinstance(span_fact.object, Span):
        object_start, object_end = span_fact.object.start_char, span_fact.object.end_char
        object_text = span_fact.object.text
    elif isinstance(span_fact.object, str):
        object_text = span_fact.object
    if span_fact.object_text is not None:
        object_text = span_fact.object_text
    role_of = None
    if span_fact.role_of is not None:
        role_of = entities.key(span_fact.role_of, span_fact.role_of_type or "Organization")  # type: ignore[arg-type]
    return Fact(
        subject=subject,
        relation=span_fact.relation,
        sentence=max(sentence, 0),
        object=object_key,
        object_text=object_text,
        object_type=span_fact.object_type,  # type: ignore[arg-type]
        object_start=object_start,
        object_end=object_end,
        role=span_fact.role,
        role_of=role_of,
        qualifier=span_fact.qualifier,
        kind=span_fact.kind,
        negated=span_fact.negated,
        date=span_fact.date,
        confidence=span_fact.confidence,
    )
