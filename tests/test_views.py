"""The entities / facts views (FACTS.md) over a store holding hand-built article graphs."""
from __future__ import annotations

import pytest
from graph_samples import SECOND_ID, SEED_ID, second_extraction, seed_extraction

from kgnews.graph import article_quads, entity_graph_update, iris
from kgnews.query.views import entities, facts
from kgnews.store import open_store
from kgnews.vocab import resource_base

R = resource_base()
SEED = seed_extraction()
SENTENCES = SEED.sentences


def load(store, *extractions) -> None:
    for extraction in extractions:
        store.replace_graphs({iris.article_iri(extraction.article.id): article_quads(extraction)})
    store.update(entity_graph_update())


@pytest.fixture()
def store():
    store = open_store(":memory:")
    load(store, seed_extraction(), second_extraction())
    yield store
    store.close()


def fact(subject, subject_iri, subject_type, relation, obj, object_iri, object_type, sentence, *,
         role=None, role_of=None, date="2016-11-01", confidence=0.9, article=SEED_ID, source=SENTENCES, **extra):
    return {
        "subject": subject, "subject_iri": subject_iri, "subject_type": subject_type,
        "relation": relation, "object": obj, "object_iri": object_iri, "object_type": object_type,
        "role": role, "role_of": role_of, "article": article, "sentence": source[sentence].text,
        "start": source[sentence].start, "end": source[sentence].end, "date": date, "confidence": confidence,
        **extra,
    }


DAYTON = ("Mark Dayton", R + "person/mark-dayton", "Person")
DAUDT = ("Kurt Daudt", R + "person/kurt-daudt", "Person")
HOUSE = ("Minnesota House of Representatives", R + "organization/minnesota-house-of-representatives", "Organization")


def quote_iri(speaker: tuple, text: str) -> str:
    return iris.quote_iri(speaker[1], text)


EXPECTED_SEED_FACTS = [
    fact(*DAUDT, "holds_position", "Speaker of the Minnesota House of Representatives",
         R + "position/house-speaker-of-minnesota-house-of-representatives", "Position", 1,
         role="House Speaker", role_of="Minnesota House of Representatives"),
    fact(*DAYTON, "holds_position", "Governor of Minnesota", R + "position/governor-of-minnesota", "Position", 1,
         role="Governor", role_of="Minnesota"),
    fact(*DAUDT, "member_of", *HOUSE, 1, confidence=0.8),
    fact(*DAYTON, "said", "the problems stemmed from a sinister source",
         quote_iri(DAYTON, "the problems stemmed from a sinister source"), "Quote", 2, kind="indirect"),
    fact(*DAYTON, "said", "trying to jam the call center",
         quote_iri(DAYTON, "trying to jam the call center"), "Quote", 2),
    fact(*DAYTON, "said", SEED.facts[6].object_text, quote_iri(DAYTON, SEED.facts[6].object_text), "Quote", 3),
    fact(*DAUDT, "member_of", "Republican Party", R + "organization/republican-party", "Organization", 5),
    fact(*DAUDT, "represents", "Crown", R + "place/crown", "Place", 5),
    fact(*DAUDT, "said", "the full-blown crisis", quote_iri(DAUDT, "the full-blown crisis"), "Quote", 5),
    fact(*DAUDT, "threaten", "call for Governor Dayton’s resignation",
         iris.phrase_iri("call for Governor Dayton’s resignation"), "Phrase", 5, date="2016-10"),
    fact(SEED_ID, R + f"article/{SEED_ID}", "Article", "author", "Andrea Mayer-Bruestle",
         R + "person/andrea-mayer-bruestle", "Person", 6, confidence=0.95),
    fact("Andrea Mayer-Bruestle", R + "person/andrea-mayer-bruestle", "Person", "holds_position",
         "writer for Alpha News", R + "position/writer-of-alpha-news", "Position", 7,
         role="Writer", role_of="Alpha News", qualifier="former"),
]


def ordered(records: list[dict]) -> list[dict]:
    return sorted(records, key=lambda r: (r["article"], r["start"], r["relation"], r["object"]))


def test_facts_of_an_article_are_exactly_the_facts_md_records(store) -> None:
    assert ordered(list(facts(store, SEED_ID))) == ordered(EXPECTED_SEED_FACTS)


def test_negated_facts_are_in_the_graph_but_not_listed(store) -> None:
    assert "allege" not in {record["relation"] for record in facts(store)}
    rows = store.select('SELECT ?f WHERE { GRAPH ?g { ?f kgo:relation "allege" ; kgo:negated true } }')
    assert len(rows) == 1


def test_facts_of_all_articles_include_both_sources(store) -> None:
    governor = [r for r in facts(store) if r["object"] == "Governor of Minnesota"]
    assert {r["article"] for r in governor} == {SEED_ID, SECOND_ID}
    assert len({r["object_iri"] for r in governor}) == 1  # the same post, stated by two articles


def test_article_can_be_given_by_iri(store) -> None:
    assert list(facts(store, iris.article_iri(SECOND_ID))) == list(facts(store, SECOND_ID))


def test_canonical_entities(store) -> None:
    records = {record["label"]: record for record in entities(store)}
    assert records["Mark Dayton"] == {
        "iri": R + "person/mark-dayton",
        "label": "Mark Dayton",
        "type": "Person",
        "subtype": None,
        "aliases": ["Mark Dayton", "Dayton", "Gov.Mark Dayton", "Governor Dayton", "Governor Mark Dayton"],
        "mentions": 6,
        "articles": [SEED_ID, SECOND_ID],
        "same_as": [],
    }
    assert records["Republican Party"]["subtype"] == "PoliticalParty"
    assert records["Republican Party"]["mentions"] == 1
    assert records["Minnesota House of Representatives"]["subtype"] == "Legislature"
    assert set(records) == {entity.label for entity in SEED.entities}


def test_entities_of_one_article_as_it_names_them(store) -> None:
    records = list(entities(store, SECOND_ID))
    assert [(r["label"], r["aliases"], r["mentions"], r["articles"]) for r in records] == [
        ("Mark Dayton", ["Mark Dayton", "Dayton", "Governor Mark Dayton"], 2, [SECOND_ID]),
        ("Minnesota", ["Minnesota"], 1, [SECOND_ID]),
    ]


def test_views_after_an_article_is_removed(store) -> None:
    store.replace_graphs({}, remove=[iris.article_iri(SEED_ID)])
    store.update(entity_graph_update())
    assert {record["label"] for record in entities(store)} == {"Mark Dayton", "Minnesota"}
    assert {record["article"] for record in facts(store)} == {SECOND_ID}
    (dayton,) = [record for record in entities(store) if record["label"] == "Mark Dayton"]
    assert dayton["articles"] == [SECOND_ID]
    assert dayton["mentions"] == 2
