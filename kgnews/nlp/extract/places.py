"""Where organisations and places are (`located_in`) and where people live (`lives_in`).

Read from the ways news text states it: "Crown, Minn." and datelines ("SAINT PAUL, MN"),
"Virginia-based Symplicity", "based in X", "the US state of Montana", "Nevada became the first
state in the United States", "the Acme Co. of Dayton", "a hospital in Gosforth", "New York's
Mount Sinai Hospital", "ABS-CBN is the largest broadcaster in the Philippines", "Rome is in
Lazio"; "X, who lives in Y", "X grew up in Y", "a resident
of Y", "Y native X", "Jane Doe of Dallas", "X, 45, of Y", "X, a technician from Y",
"Jane Doe is from Dallas", "Ohio's Richard Celeste". A birthplace alone is no home (lives_in
is schema:homeLocation). A place written with its larger place ("Franklin Lakes, N.J.")
gives the fact for both.
"""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc, Span, Token

from kgnews.nlp import gazetteers
from kgnews.nlp.gazetteers import Place
from kgnews.nlp.extract.clauses import HYPHENS, prepositional_objects
from kgnews.nlp.extract.coref import PLACE_LABELS, prepositional_place
from kgnews.nlp.extract.names import entity_subtype
from kgnews.nlp.extract.parse import (
    DocIndex,
    entity_after_name,
    may_contain,
    place_of,
    predicated_person,
    subject_of,
    text_of,
)
from kgnews.nlp.spanfacts import SpanFact

LOCATED_LABELS = {"GPE", "LOC", "ORG", "FAC"}
ORGANISATION_LABELS = {"ORG", "FAC"}
BASED_LEMMAS = {"base", "headquarter"}
# Prepositions that place an organisation ("the Acme Co. of Dayton", "a hospital in Gosforth",
# "the University of Texas at Austin") or a place ("Haifa in northern Israel").
ORGANISATION_PREPOSITIONS = {"in", "of", "at"}
PLACE_PREPOSITIONS = {"in"}
# Of these, the one whose country owns the organisation rather than placing it ("the Supreme
# Court of the United Kingdom", as "Iran's Quds Force"; "the Acme Co. of Dayton" is placed).
OWNING_PREPOSITIONS = {"of"}
# Facts that make "of Y" after a name a constituency or a post's place, not a home:
# "Representative Doug Collins of Georgia", "committee chairman Jerrold Nadler of New York".
POST_RELATIONS = {"holds_position", "member_of", "represents"}


def place_facts(doc: Doc) -> Iterator[SpanFact]:
    index = DocIndex.of(doc)
    larger = larger_places(index)
    for place, container in larger.values():
        yield located(index, place, container)
    for relation, subject, place in (*based_in(index), *organisation_places(index), *places_in_places(index),
                                     *states_of_countries(index), *described_places(index), *residences(index)):
        yield SpanFact(subject, relation, index.sentence(subject.start), place, "Place")
        if isinstance(place, Span) and place.start in larger and larger[place.start][0] == place:
            yield SpanFact(subject, relation, index.sentence(subject.start), larger[place.start][1], "Place")


def located(index: DocIndex, subject: Span, obj: Span | str) -> SpanFact:
    return SpanFact(subject, "located_in", index.sentence(subject.start), obj, "Place")


Found = tuple[str, Span, Span | str]  # (relation, subject, place)


def larger_places(index: DocIndex) -> dict[int, tuple[Span, Span | str]]:
    """"Crown, Minn.", "Baltimore, Maryland", "SAINT PAUL, MN", "Riga, Latvia": a place, a
    comma, and a larger place (one the gazetteer knows as a state or country, or any place
    that is not an item of a list such as "Paris, London and Berlin"); keyed by the smaller
    place's first token. A place the gazetteer knows itself only with its own country:
    "Nevada, United States", not "Iran, Iraq"."""
    doc = index.doc
    ents = index.ents
    found: dict[int, tuple[Span, Span | str]] = {}
    for number, ent in enumerate(ents):
        if ent.label_ not in PLACE_LABELS:
            continue
        comma = ent.end
        if comma >= len(doc) or doc[comma].text != ",":
            continue
        following = ents[number + 1] if number + 1 < len(ents) else None
        known = place_of(ent.text)
        if known is not None:
            if following is not None and following.start == comma + 1 and is_state_of(known, place_of(following.text)) \
                    and not in_list(index, ent, following):
                found[ent.start] = (ent, following)
            continue
        if following is not None and following.start == comma + 1:
            larger = place_of(following.text)
            if (larger is not None and larger.name != ent.text) or (
                    following.label_ in PLACE_LABELS and not in_list(index, ent, following)):
                found[ent.start] = (ent, following)
            continue
        # An abbreviation the model left untagged: "Crown, Minn."
        words = doc[comma + 1 : min(comma + 3, len(doc))]
        for end in range(len(words), 0, -1):
            place = place_of(words[:end].text)
            if place is not None and place.kind == "state":
                found[ent.start] = (ent, place.name)
                break
    return found


def is_state_of(state: Place, country: Place | None) -> bool:
    """Whether the gazetteer puts the state in the country."""
    return country is not None and state.kind == "state" and country.kind == "country" and state.country == country.name


def preposition_before(place: Span) -> Token:
    """The word before a place and its determiners and adjectives: the preposition of "of the
    United Kingdom", "in northern Israel"."""
    at = place.start - 1
    while at > 0 and place.doc[at].is_lower and place.doc[at].pos_ in ("DET", "ADJ"):
        at -= 1
    return place.doc[at]


# Kinds of organisation (names.entity_subtype) that a country's possessive or "of" places rather
# than owns: "China's Tsinghua University", "Turkey's Hurriyet Daily News".
PLACED_SUBTYPES = frozenset({"EducationalOrganization", "Company", "NewsOrganization"})


def is_countrys_body(org: Span, place: Span) -> bool:
    """Whether an organisation written with a country's possessive or "of" is the country's
    own body ("Iran's Quds Force", "Taiwan's Constitutional Court", "the Supreme Court of the
    United Kingdom"), not merely located there as a city's is ("Chicago's Rush University
    Medical Center") or a university or company is."""
    known = place_of(place.text)
    return known is not None and known.kind == "country" and entity_subtype(org.text, "Organization") not in PLACED_SUBTYPES


def in_list(index: DocIndex, first: Span, second: Span) -> bool:
    """Whether "first, second" are items of an enumeration: "Paris, London and Berlin",
    "from Paris, London, Berlin", "Iran, Iraq and Syria"."""
    doc = index.doc
    after = doc[second.end] if second.end < len(doc) else None
    if after is not None and (after.lower_ in ("and", "or") or (
            after.text == "," and second.end + 1 < len(doc) and doc[second.end + 1].lower_ in ("and", "or"))):
        return True
    if after is not None and after.text == "," and index.entity_ending_at.get(second.end + 2) is not None:
        return True  # "Paris, London, Berlin": a third place follows
    before = first.start - 1
    return before > 0 and doc[before].text == "," and index.entity_ending_at.get(before) is not None


def based_in(index: DocIndex) -> Iterator[Found]:
    """"Virginia-based Symplicity Corporation", "Symplicity, based in Virginia"."""
    doc = index.doc
    for token in index.tokens(lemmas=BASED_LEMMAS):
        if token.i >= 2 and doc[token.i - 1].text == "-":
            place = index.entity_ending_at.get(token.i - 1)
            org = next((ent for at in range(token.i + 1, token.i + 4) if (ent := index.entity_of_token.get(at))
                        is not None and ent.start == at and ent.label_ in LOCATED_LABELS), None) or \
                described_entity(index, token.head)
            if place is not None and org is not None and place.label_ in PLACE_LABELS and org.label_ in LOCATED_LABELS:
                yield "located_in", org, place
            continue
        place = prepositional_place(token, "in", index.entity_of)
        if place is None:
            continue
        if token.dep_ == "acl":
            subject = index.entity_of(token.head)
        else:
            subject = next((index.entity_of(child) for child in token.children
                            if child.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.label_ in LOCATED_LABELS:
            yield "located_in", subject, place


def described_entity(index: DocIndex, noun: Token) -> Span | None:
    """The entity a common noun describes in apposition ("Amazon, the Seattle-based retailer")
    or as the predicate of "be" ("Amazon is a Seattle-based company")."""
    if noun.dep_ == "appos":
        return index.entity_of(noun.head)
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        return predicate_subject(index, noun)
    return None


def predicate_subject(index: DocIndex, noun: Token) -> Span | None:
    """The entity that is the subject of the verb `noun` is a predicate of ("Pago Pago is the
    capital ...")."""
    return next((index.entity_of(child) for child in noun.head.children if child.dep_ == "nsubj"), None)


def organisation_places(index: DocIndex) -> Iterator[Found]:
    """An organisation and the place its own phrase puts it in: "the Acme Co. of Dayton",
    "McGill University in Montreal", "a retreat center in Wapato" in apposition to its name,
    "New York's Mount Sinai Hospital", "U.S. Coast Guard Training Center, Petaluma, Calif."."""
    for ent in index.ents:
        if ent.label_ not in ORGANISATION_LABELS:
            continue
        place = phrase_place(index, ent, ORGANISATION_PREPOSITIONS)
        if place is not None and preposition_before(place).lower_ in OWNING_PREPOSITIONS and is_countrys_body(ent, place):
            place = None  # "the Supreme Court of the United Kingdom"
        if place is None:
            owner = possessive_place(index, ent)
            place = owner if owner is not None and not is_countrys_body(ent, owner) else None
        if place is None:
            place = predicated_place(index, ent)
        if place is None:
            place = place_after_comma(index, ent)
        if place is not None and place.label_ in PLACE_LABELS:
            yield "located_in", ent, place


def possessive_place(index: DocIndex, ent: Span) -> Span | None:
    """The place whose possessive the entity's name is written with: "New York's Mount Sinai
    Hospital", "Iran's Qom Province"."""
    if ent.start < 2 or index.doc[ent.start - 1].tag_ != "POS":
        return None
    owner = index.entity_ending_at.get(ent.start - 1)
    return owner if owner is not None and owner.label_ in PLACE_LABELS and ent.start <= owner.root.head.i < ent.end else None


def place_after_comma(index: DocIndex, ent: Span) -> Span | None:
    """The place written after a comma behind an organisation's name, as an address is ("the
    Institute of Zoology, Kunming", "Harvard University, Cambridge, Massachusetts"); not an item
    of a list ("Google, Apple and Amazon") nor the owner of what follows ("the ministry, Iran's")."""
    doc = index.doc
    comma = ent.end
    if comma + 1 >= len(doc) or doc[comma].text != ",":
        return None
    place = index.entity_of_token.get(comma + 1)
    if place is None or place.start != comma + 1 or place.label_ not in PLACE_LABELS:
        return None
    larger = index.entity_of_token.get(place.end + 1) if place.end + 1 < len(doc) and doc[place.end].text == "," else None
    if larger is not None and place_of(larger.text) is not None and may_contain(larger.text, place.text):
        return place  # "..., Petaluma, Calif.": the town and its state
    if in_list(index, ent, place):
        return None
    after = doc[place.end] if place.end < len(doc) else None
    return place if after is None or after.is_punct and after.text not in HYPHENS else None


def predicated_place(index: DocIndex, ent: Span) -> Span | None:
    """The place of what the entity is said to be: "ABS-CBN is the largest broadcaster in the
    Philippines"."""
    root = ent.root
    if root.dep_ != "nsubj" or root.head.lemma_ != "be":
        return None
    return next((found for child in root.head.children if child.dep_ == "attr" and child.pos_ == "NOUN"
                 and (found := prepositional_place(child, "in", index.entity_of)) is not None), None)


def places_in_places(index: DocIndex) -> Iterator[Found]:
    """"Gosforth in northeast England", "Rome is in Lazio province", "Iran's Qom Province"."""
    for ent in index.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        place = phrase_place(index, ent, PLACE_PREPOSITIONS) or possessive_place(index, ent)
        root = ent.root
        if place is None and root.dep_ == "nsubj" and root.head.lemma_ == "be":
            place = prepositional_place(root.head, PLACE_PREPOSITIONS, index.entity_of)
        if place is not None and place.text != ent.text and may_contain(place.text, ent.text):
            yield "located_in", ent, place


def phrase_place(index: DocIndex, ent: Span, prepositions: set[str]) -> Span | None:
    """The place in a prepositional phrase of the entity's name, or of a common noun in
    apposition to it ("Campbell Farm, a retreat center in Wapato"), or written right after
    the name whatever the parse ("Haifa in northern Israel")."""
    root = ent.root
    place = prepositional_place(root, prepositions, index.entity_of) or place_written_after(index, ent, prepositions)
    if place is None:
        place = next((found for child in root.children if child.dep_ == "appos" and child.pos_ == "NOUN"
                      and (found := prepositional_place(child, prepositions, index.entity_of)) is not None), None)
    return place if place is not None and not (ent.start <= place.start < ent.end) else None


def place_written_after(index: DocIndex, ent: Span, prepositions: set[str]) -> Span | None:
    """The place of "in (the) (northern) Y" right after an entity, or after a comma behind it
    ("the Referral Hospital, in New Delhi"), or of "in the province of Y" (a place noun that
    names the place itself, data/place_nouns.tsv); not the first of places listed after a place the
    same preposition named ("terminals in the Nile-Delta, in Damietta and Idku": they narrow it)."""
    doc = index.doc
    at = ent.end + 1 if ent.end >= len(doc) or doc[ent.end].text != "," else ent.end + 2
    if at > len(doc) or doc[at - 1].lower_ not in prepositions:
        return None
    before = ent.start - 1 - (ent.start > 1 and doc[ent.start - 1].lower_ == "the")
    same_preposition = at == ent.end + 2 and before >= 0 and doc[before].lower_ == doc[at - 1].lower_
    while at < len(doc) and doc[at].is_lower and doc[at].pos_ in ("DET", "ADJ"):
        at += 1
    if at + 2 < len(doc) and gazetteers.place_nouns().get(doc[at].lower_) is False and doc[at + 1].lower_ == "of":
        at += 2  # "in the province of Banten" names Banten
        at += doc[at].lower_ == "the"
    place = index.entity_of_token.get(at)
    if place is not None and same_preposition and any(child.dep_ == "conj" for child in place.root.children):
        return None
    return place if place is not None and place.start == at and place.label_ in PLACE_LABELS else None


def states_of_countries(index: DocIndex) -> Iterator[Found]:
    """"the US state of Montana", "Nevada became the first state in the United States"."""
    for token in index.tokens(lowers=["state"]):
        if token.pos_ != "NOUN":
            continue
        country = prepositional_place(token, "in", index.entity_of) or next(
            (ent for child in token.children if child.dep_ in ("compound", "amod", "nmod")
             and (ent := index.entity_of(child)) is not None and ent.label_ in PLACE_LABELS), None)
        state = prepositional_place(token, "of", index.entity_of)
        if state is None and token.dep_ == "attr":
            state = predicate_subject(index, token)
        if country is None or state is None:
            continue
        state_place = place_of(state.text)
        if state_place is not None and is_state_of(state_place, place_of(country.text)):
            yield "located_in", state, country


def described_places(index: DocIndex) -> Iterator[Found]:
    """A place described as part of a larger one: "Harare, the capital of Zimbabwe", "Muscat,
    Oman's capital", "American Samoa, a US territory", "Pago Pago is the capital of American
    Samoa", "the Omani capital Muscat", "the Iraqi city of Basra" (nouns of
    data/place_nouns.tsv; a country's demonym names the country)."""
    nouns = gazetteers.place_nouns()
    demonyms = gazetteers.demonyms()
    for noun in index.tokens(lowers=nouns):
        if noun.pos_ != "NOUN":
            continue
        # "the Omani capital Muscat", "the Iraqi city of Basra"; after a demonym even the "of" of a
        # capital names the place itself: "the Kenyan capital of Nairobi"
        demonym = next((demonyms[child.text].name for child in noun.children
                        if child.dep_ == "amod" and child.text in demonyms), None)
        modifier = next((ent for child in noun.children if child.dep_ in ("poss", "compound", "amod", "nmod")
                         and (ent := index.entity_of(child)) is not None and ent.label_ in PLACE_LABELS), None) or next(
            (country for child in noun.children if child.dep_ == "poss"
             and (country := country_referred(index, child)) is not None), None) or demonym
        # a compound place noun says what the "of" names ("the capital city of South Sudan"),
        # unless the larger place is written before it ("the US capital city of Washington, DC")
        of_larger = nouns[noun.lower_] or any(child.dep_ == "compound" and nouns.get(child.lower_) for child in noun.children)
        of_names_itself = not of_larger or modifier is not None
        larger: Span | str | None = (None if of_names_itself else prepositional_place(noun, "of", index.entity_of)) or modifier
        if larger is None:
            continue
        if noun.dep_ in ("appos", "compound"):  # "Muscat, the Omani capital", "the Omani capital Muscat"
            described = index.entity_of(noun.head)
        elif noun.dep_ == "attr":
            described = predicate_subject(index, noun)
        else:
            described = next((index.entity_of(child) for child in noun.children if child.dep_ == "appos"), None)
        if described is None and of_names_itself:
            described = prepositional_place(noun, "of", index.entity_of)
        if described is not None and described.label_ in PLACE_LABELS and described.text != text_of(larger):
            yield "located_in", described, larger


# Common nouns by which news refers back to the country it is about: "Cairo, the country's capital".
COUNTRY_NOUNS = frozenset({"country", "nation"})


def country_referred(index: DocIndex, noun: Token) -> Span | str | None:
    """The country "the country" or "the nation" refers to: the one country its sentence names,
    by a name the gazetteer knows as a country or by a demonym ("Ukrainian President Volodymyr
    Zelensky spoke in Kyiv, the country's capital"); none when the sentence names none or
    several ("After talks with Donald Trump in the United States, Turkish President Recep Tayyip
    Erdogan returned to Ankara, the country's capital")."""
    if noun.lower_ not in COUNTRY_NOUNS or not any(child.lower_ == "the" for child in noun.children):
        return None
    sentence = index.sentence(noun.i)
    named: dict[str, Span | str] = {}
    for ent in index.ents_within(sentence):
        place = place_of(ent.text) if ent.label_ in PLACE_LABELS else None
        if place is not None and place.kind == "country":
            named.setdefault(place.name, ent)
    demonyms = gazetteers.demonyms()
    for token in sentence:
        if token.text in demonyms and token.pos_ == "ADJ":
            named.setdefault(demonyms[token.text].name, demonyms[token.text].name)
    return next(iter(named.values())) if len(named) == 1 else None


# Prepositions of how someone lives, whose noun the place's "in" phrase may hang from: "lived in
# self-imposed exile in Virginia", "lives with her husband in Ohio".
RESIDENCE_MANNER_PREPOSITIONS = frozenset({"in", "with"})


def residences(index: DocIndex) -> Iterator[Found]:
    """lives_in: "X, who lives in Y", "X grew up in Y", "X, a resident of Y", "Y native X",
    "X, a Y native", and the places written with a name (see `hometowns`)."""
    cues = gazetteers.residence_cues()
    for token in index.tokens(lowers=cues["noun"], lemmas=cues["verb"]):
        person: Span | None = None
        place: Span | None = None
        if token.lemma_ in cues["verb"] and token.pos_ == "VERB":
            if any(child.dep_ == "dobj" for child in token.children):
                continue  # "raised money in Texas", "grew corn in Iowa"
            place = prepositional_place(token, "in", index.entity_of) or next(
                (found for obj in prepositional_objects(token, RESIDENCE_MANNER_PREPOSITIONS)
                 if (found := prepositional_place(obj, "in", index.entity_of)) is not None), None)
            person = subject_of(index, token) if place is not None else None
        elif token.lower_ in cues["noun"]:
            place = prepositional_place(token, "of", index.entity_of)
            if place is None:
                place = index.entity_ending_at.get(token.i)
                if place is not None and place.label_ not in PLACE_LABELS:
                    place = None
            if place is not None:
                modifies_name = token.dep_ in ("compound", "amod")  # "Denver native Kim Lee"
                person = index.person_at(token.head) if modifies_name else predicated_person(index, token)
        if person is not None and place is not None:
            yield "lives_in", person, place
    yield from hometowns(index)


def hometowns(index: DocIndex) -> Iterator[Found]:
    """A place written with a person's name: "Jane Doe of Dallas", "Jane Doe, 45, of Dallas",
    "Jane Doe, a technician from Dallas", "Jane Doe is from Dallas", "Ohio's Richard Celeste"
    (the "of" phrase only for a person without a post: a politician's is their constituency;
    nor a place the person represents: "Elizabeth Warren, a senator from Massachusetts")."""
    doc = index.doc
    described = {fact.subject.start for fact in doc._.kg_facts or ()
                 if fact.relation in POST_RELATIONS and isinstance(fact.subject, Span)}
    represented = {(fact.subject.start, text_of(fact.object)) for fact in doc._.kg_facts or ()
                   if fact.relation == "represents" and isinstance(fact.subject, Span) and fact.object is not None}
    # surnames of the people with a post anywhere in the text: "Hong Kong's Carrie Lam" in a
    # headline is the Chief Executive the article names, and the place is her post's
    posted = {doc[fact.subject.end - 1].lower_ for fact in doc._.kg_facts or ()
              if fact.relation in POST_RELATIONS and isinstance(fact.subject, Span) and fact.subject.label_ == "PERSON"}
    for person in index.people:
        place = None if person.start in described else entity_after_name(index, person)
        if place is None:
            place = next((found for child in person.root.children if child.dep_ == "appos" and child.pos_ == "NOUN"
                          and (found := prepositional_place(child, "from", index.entity_of)) is not None), None)
        if place is None and person.root.dep_ == "nsubj" and person.root.head.lemma_ == "be":
            place = prepositional_place(person.root.head, "from", index.entity_of)  # "Madonna is from Bay City"
        if place is None and person.start >= 2 and doc[person.start - 1].tag_ == "POS" and person[-1].lower_ not in posted:
            place = index.entity_ending_at.get(person.start - 1)
        if place is not None and place.label_ in PLACE_LABELS and (person.start, place.text) not in represented:
            yield "lives_in", person, place
