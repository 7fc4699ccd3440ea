"""The entities / facts views (docs/facts.md) over a store holding hand-built article graphs."""
from __future__ import annotations

from dataclasses import replace

import pytest
from graph_samples import SECOND_ID, SEED_ID, second_extraction, seed_extraction

from kgnews.errors import KGNewsError
from kgnews.graph import GraphBuilder, article_quads, derived, entity_graph_update, iris
from kgnews.model import Fact
from kgnews.query.views import entities, facts
from kgnews.store import open_store
from kgnews.vocab import resource_base

R = resource_base()
LONE_DAYTON = R + "person/dayton~surname-only"  # the surname-only article's Dayton
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


def test_article_is_named_by_its_id_not_its_iri(store) -> None:
    with pytest.raises(KGNewsError, match="unknown article"):
        facts(store, iris.article_iri(SECOND_ID))


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
        "wikidata": None,
        "kb_id": None,
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


# --- sameAs clusters, metadata bylines, dates ------------------------------------------------


def surname_only_extraction():
    """The second sample article as if it named Dayton by his surname only."""
    second = second_extraction()
    return replace(
        second,
        article=replace(second.article, id="surname-only"),
        entities=[replace(entity, label="Dayton", aliases=("Dayton", "Governor Dayton")) if entity.key == "p" else entity
                  for entity in second.entities],
    )


@pytest.fixture()
def surname_first_store():
    """The surname-only article and the seed naming Mark Dayton in full."""
    store = open_store(":memory:")
    builder = GraphBuilder()
    for extraction in (surname_only_extraction(), seed_extraction()):
        store.replace_graphs({iris.article_iri(extraction.article.id): builder.article_quads(extraction)})
    derived.repair(store)
    yield store
    store.close()


def test_a_same_as_cluster_is_one_entity_under_its_fullest_name(surname_first_store) -> None:
    records = {record["iri"]: record for record in entities(surname_first_store) if record["type"] == "Person"}
    dayton = records[R + "person/mark-dayton"]
    assert LONE_DAYTON not in records
    assert dayton["label"] == "Mark Dayton"
    assert dayton["same_as"] == [LONE_DAYTON]
    assert dayton["articles"] == [SEED_ID, "surname-only"]
    assert dayton["mentions"] == 4 + 2  # the seed's and the surname-only article's
    assert {"Dayton", "Governor Dayton", "Gov.Mark Dayton"} <= set(dayton["aliases"])


def test_facts_and_one_articles_entities_use_the_representative(surname_first_store) -> None:
    (held,) = [r for r in facts(surname_first_store, "surname-only") if r["relation"] == "holds_position"]
    assert (held["subject"], held["subject_iri"]) == ("Mark Dayton", R + "person/mark-dayton")
    (dayton,) = [r for r in entities(surname_first_store, "surname-only") if r["type"] == "Person"]
    assert (dayton["iri"], dayton["label"], dayton["same_as"]) == (
        R + "person/mark-dayton", "Dayton", [LONE_DAYTON])


def test_same_as_goes_with_the_article_naming_the_full_name(surname_first_store) -> None:
    surname_first_store.replace_graphs({}, remove=[iris.article_iri(SEED_ID)])
    derived.repair(surname_first_store)
    (dayton,) = [r for r in entities(surname_first_store) if r["type"] == "Person"]
    assert (dayton["iri"], dayton["label"], dayton["same_as"]) == (LONE_DAYTON, "Dayton", [])


def test_a_byline_from_metadata_is_listed_without_a_sentence() -> None:
    seed = seed_extraction()
    publisher = Fact(None, "publisher", 0, object="e9", object_type="Organization")
    store = open_store(":memory:")
    load(store, replace(seed, facts=[*seed.facts, publisher]))
    (record,) = [r for r in facts(store) if r["relation"] == "publisher"]
    assert record == fact(SEED_ID, R + f"article/{SEED_ID}", "Article", "publisher", "Alpha News",
                          R + "organization/alpha-news", "Organization", 0) | {"sentence": None, "start": None, "end": None}


@pytest.mark.parametrize("value", ["2016-10-26", "2016-10", "2016", "2016-W43", "2015-W53"])
def test_fact_dates_read_back_as_extracted(value: str) -> None:
    seed = seed_extraction()
    store = open_store(":memory:")
    load(store, replace(seed, facts=[replace(f, date=value) if f.relation == "threaten" else f for f in seed.facts]))
    (record,) = [r for r in facts(store) if r["relation"] == "threaten"]
    assert record["date"] == value
