"""`kgnews_events`: verb-lemma facts, who did what to what.

Adds a fact to `doc._.kg_facts` for each event of `kgnews.nlp.extract.events`: the relation
is the verb's lemma, the subject the agent's entity span, the object an entity span or a
phrase span (`object_text` when the phrase leaves words of the span out); negated events
are kept with `negated=True`.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kgnews.nlp.extract.events import Event, EventFinder
from kgnews.nlp.spanfacts import SpanFact, add_fact


def event_fact(event: Event) -> SpanFact:
    return SpanFact(
        subject=event.agent,
        relation=event.relation,
        sentence=event.sentence,
        object=event.object,
        object_type=event.object_type,
        object_text=event.object_text,
        negated=event.negated,
        date=event.date,
    )


class Events:
    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for event in EventFinder(doc).events():
            add_fact(doc, event_fact(event))
        return doc


@Language.factory("kgnews_events", default_config={})
def make_events(nlp: Language, name: str) -> Events:
    return Events(name)
