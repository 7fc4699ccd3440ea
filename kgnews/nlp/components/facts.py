"""The fact components: each adds to `doc._.kg_facts` what one extractor of
`kgnews.nlp.extract` finds.

- `kgnews_positions`: posts people hold and the affiliations they imply, bylines;
- `kgnews_places`: `located_in` and `lives_in`;
- `kgnews_quotes`: who said what, direct and (unless `indirect` is false) reported;
- `kgnews_events`: verb-lemma facts, who did what to what.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from spacy.language import Language
from spacy.tokens import Doc

from kgnews.nlp.extract.affiliations import position_and_affiliation_facts
from kgnews.nlp.extract.events import event_facts
from kgnews.nlp.extract.parse import DocIndex
from kgnews.nlp.extract.places import place_facts
from kgnews.nlp.extract.quotes import said_facts
from kgnews.nlp.spanfacts import SpanFact, add_fact

# What every fact extractor reads: the corrected entities and the parse.
FACT_REQUIRES = ["doc.ents", "doc.sents", "token.dep", "token.lemma", "token.tag"]
FACT_ASSIGNS = ["doc._.kg_facts"]


class AddFacts:
    """Adds the facts `extract(doc)` finds to `doc._.kg_facts`."""

    def __init__(self, name: str, extract: Callable[[Doc], Iterable[SpanFact]]) -> None:
        self.name = name
        self.extract = extract

    def __call__(self, doc: Doc) -> Doc:
        with DocIndex.pinned(doc):
            for fact in self.extract(doc):
                add_fact(doc, fact)
        return doc


@Language.factory("kgnews_positions", assigns=FACT_ASSIGNS, requires=FACT_REQUIRES)
def make_positions(nlp: Language, name: str) -> AddFacts:
    return AddFacts(name, position_and_affiliation_facts)


@Language.factory("kgnews_places", assigns=FACT_ASSIGNS, requires=FACT_REQUIRES)
def make_places(nlp: Language, name: str) -> AddFacts:
    return AddFacts(name, place_facts)


@Language.factory(
    "kgnews_quotes", assigns=FACT_ASSIGNS, requires=FACT_REQUIRES, default_config={"indirect": True}
)
def make_quotes(nlp: Language, name: str, indirect: bool) -> AddFacts:
    return AddFacts(name, partial(said_facts, with_indirect=indirect))


@Language.factory("kgnews_events", assigns=FACT_ASSIGNS, requires=FACT_REQUIRES)
def make_events(nlp: Language, name: str) -> AddFacts:
    return AddFacts(name, event_facts)
