"""`kgnews_places`: `located_in` and `lives_in` facts of `kgnews.nlp.extract.places`."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kgnews.nlp.extract.places import place_facts
from kgnews.nlp.spanfacts import add_fact


class Places:
    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for fact in place_facts(doc):
            add_fact(doc, fact)
        return doc


@Language.factory("kgnews_places", default_config={})
def make_places(nlp: Language, name: str) -> Places:
    return Places(name)
