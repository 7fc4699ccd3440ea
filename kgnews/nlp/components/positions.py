"""`kgnews_positions`: posts people hold and the affiliations they imply.

Adds to `doc._.kg_facts` the `holds_position` facts of `kgnews.nlp.extract.positions`, the
`member_of` / `works_for` / `represents` facts derived from the same descriptions and from
party-letter tags, `works_for` from organisations written with a name and from credit lines,
and `author` facts from bylines.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kgnews.nlp.extract.affiliations import (
    affiliation_facts,
    byline_facts,
    credit_facts,
    named_with_facts,
    party_tag_facts,
)
from kgnews.nlp.extract.positions import describe_people, position_facts
from kgnews.nlp.spanfacts import add_fact


class Positions:
    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        descriptions = describe_people(doc)
        for fact in (
            *position_facts(descriptions),
            *affiliation_facts(descriptions),
            *party_tag_facts(doc),
            *named_with_facts(doc),
            *credit_facts(doc),
            *byline_facts(doc),
        ):
            add_fact(doc, fact)
        return doc


@Language.factory("kgnews_positions", default_config={})
def make_positions(nlp: Language, name: str) -> Positions:
    return Positions(name)
