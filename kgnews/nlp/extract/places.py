"""Where organisations and places are (`located_in`) and where people live (`lives_in`).

Read from the ways news text states it: "Crown, Minn." and datelines ("SAINT PAUL, MN"),
"Virginia-based Symplicity", "based in X", "the US state of Montana", "Nevada became the first
state in the United States", "X, who lives in Y", "a resident of Y", "Y resident X".
"""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc, Span, Token

from kgnews.nlp.extract.positions import DocIndex, place_of, predicated_person, subject_of
from kgnews.nlp.spanfacts import SpanFact

PLACE_LABELS = {"GPE", "LOC"}
LOCATED_LABELS = {"GPE", "LOC", "ORG", "FAC"}
BASED_LEMMAS = {"base", "headquarter"}
LIVE_LEMMAS = {"live", "reside"}
RESIDENT_NOUNS = {"resident", "residents"}


def place_facts(doc: Doc) -> Iterator[SpanFact]:
    index = DocIndex.of(doc)
    yield from comma_places(index)
    yield from based_in(index)
    yield from states_of_countries(index)
    yield from residences(index)


def located(index: DocIndex, subject: Span, obj: Span | str) -> SpanFact:
    return SpanFact(subject, "located_in", index.sentence(subject.start), obj, "Place")


def comma_places(index: DocIndex) -> Iterator[SpanFact]:
    """"Crown, Minn.", "Baltimore, Maryland", "SAINT PAUL, MN": a place, a comma, and a
    larger place (a state or a country the gazetteer knows)."""
    doc = index.doc
    ents = index.ents
    for ent, following in zip(ents, ents[1:] + [None]):
        if ent.label_ not in PLACE_LABELS or place_of(ent.text) is not None:
            continue
        comma = ent.end
        if comma >= len(doc) or doc[comma].text != ",":
            continue
        if following is not None and following.start == comma + 1:
            larger = place_of(following.text)
            if larger is not None and larger.name != ent.text:
                yield located(index, ent, following)
            continue
        # An abbreviation the model left untagged: "Crown, Minn."
        words = doc[comma + 1 : min(comma + 3, len(doc))]
        for end in range(len(words), 0, -1):
            place = place_of(words[:end].text)
            if place is not None and place.kind == "state":
                yield located(index, ent, place.name)
                break


def based_in(index: DocIndex) -> Iterator[SpanFact]:
    """"Virginia-based Symplicity Corporation", "Symplicity, based in Virginia"."""
    doc = index.doc
    for token in index.tokens(lemmas=BASED_LEMMAS):
        if token.i >= 2 and doc[token.i - 1].text == "-":
            place = index.entity_ending_at.get(token.i - 1)
            org = next((ent for ent in index.ents if token.i < ent.start <= token.i + 3
                        and ent.label_ in LOCATED_LABELS), None)
            if place is not None and org is not None and place.label_ in PLACE_LABELS:
                yield located(index, org, place)
            continue
        place = prepositional_place(index, token, "in")
        if place is None:
            continue
        if token.dep_ == "acl":
            subject = index.entity_of(token.head)
        else:
            subject = next((index.entity_of(child) for child in token.children
                            if child.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.label_ in LOCATED_LABELS:
            yield located(index, subject, place)


def prepositional_place(index: DocIndex, token: Token, preposition: str) -> Span | None:
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == preposition:
            for obj in prep.children:
                ent = index.entity_of(obj)
                if obj.dep_ == "pobj" and ent is not None and ent.label_ in PLACE_LABELS:
                    return ent
    return None


def states_of_countries(index: DocIndex) -> Iterator[SpanFact]:
    """"the US state of Montana", "Nevada became the first state in the United States"."""
    for token in index.tokens(lowers=["state"]):
        if token.pos_ != "NOUN":
            continue
        country = prepositional_place(index, token, "in") or next(
            (ent for child in token.children if child.dep_ in ("compound", "amod", "nmod")
             and (ent := index.entity_of(child)) is not None and ent.label_ in PLACE_LABELS), None)
        state = prepositional_place(index, token, "of")
        if state is None and token.dep_ == "attr":
            state = next((index.entity_of(child) for child in token.head.children
                          if child.dep_ == "nsubj"), None)
        if country is None or state is None:
            continue
        country_place, state_place = place_of(country.text), place_of(state.text)
        if (country_place is not None and state_place is not None and country_place.kind == "country"
                and state_place.kind == "state" and state_place.country == country_place.name):
            yield located(index, state, country)


def residences(index: DocIndex) -> Iterator[SpanFact]:
    """lives_in: "X, who lives in Y", "X lives in Y", "X, a resident of Y", "Y resident X"."""
    for token in index.tokens(lowers=RESIDENT_NOUNS, lemmas=LIVE_LEMMAS):
        person: Span | None = None
        place: Span | None = None
        if token.lemma_ in LIVE_LEMMAS and token.pos_ == "VERB":
            place = prepositional_place(index, token, "in")
            person = subject_of(index, token) if place is not None else None
        elif token.lower_ in RESIDENT_NOUNS:
            place = prepositional_place(index, token, "of")
            if place is not None:
                person = predicated_person(index, token)
            elif token.dep_ == "compound" and (person := index.person_at(token.head)) is not None:
                place = index.entity_ending_at.get(token.i)
                if place is not None and place.label_ not in PLACE_LABELS:
                    place = None
        if person is not None and place is not None:
            yield SpanFact(person, "lives_in", index.sentence(person.start), place, "Place")
