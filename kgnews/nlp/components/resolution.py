"""`kgnews_resolution` (last component): the Doc's entity spans resolved to canonical
entities by `kgnews.nlp.extract.resolution.resolve_entities`."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kgnews.nlp.extract.resolution import resolve_entities


class EntityResolution:
    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.kg_entities, doc._.kg_mentions, doc._.kg_mention_index = resolve_entities(doc)
        return doc


@Language.factory(
    "kgnews_resolution",
    assigns=["doc._.kg_entities", "doc._.kg_mentions", "doc._.kg_mention_index"],
    requires=["doc.ents", "doc.sents", "span._.kg_subtype", "doc._.kg_facts"],
)
def make_resolution(nlp: Language, name: str) -> EntityResolution:
    return EntityResolution(name)
