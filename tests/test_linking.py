"""Identity (kgnews.graph.linking): an article's IRIs from its own names, the links between
names across articles on hand-built entities, then the whole pipeline on two short articles
in the corpus' style, in both orders."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib.namespace import OWL

import kgnews
from kgnews.graph import iris
from kgnews.graph.linking import NamedEntity, link_article, name_links
from kgnews.graph.shapes import validate
from kgnews.graph.vocab import KGO
from kgnews.model import Article, Entity, Extraction
from kgnews.vocab import WD, resource_base

pytestmark = pytest.mark.model

R = resource_base()

# --- the rules, on hand-built extractions ----------------------------------------------------


def extraction(article_id: str, *entities: tuple) -> Extraction:
    """An article holding `entities`, each (label, type[, aliases])."""
    return Extraction(
        article=Article(id=article_id, text="text"),
        entities=[
            Entity(f"e{number}", label, entity_type, None, tuple(dict.fromkeys((label, *aliases))))
            for number, (label, entity_type, *rest) in enumerate(entities)
            for aliases in [rest[0] if rest else ()]
        ],
    )


def named(label: str, entity_type: str, aliases: tuple = ()) -> NamedEntity | None:
    """An entity of the entity graph named `label` (and `aliases`) in the articles."""
    return NamedEntity.of(iris.entity_iri(entity_type, label), entity_type, label, aliases)


def link_of(held: list[tuple], name: tuple) -> str | None:
    """What the entity named `name` is the same as (after the resource base), among `held`."""
    source = named(*name)
    if source is None:
        return None
    entities = [entity for entity in map(lambda entry: named(*entry), held) if entity is not None]
    links = dict(name_links([*entities, source]))
    return links[source.iri].removeprefix(R) if source.iri in links else None


@pytest.mark.parametrize(
    ("held", "name", "expected"),
    [
        ([("Mark Dayton", "Person")], ("Dayton", "Person"), "person/mark-dayton"),
        ([("Recep Tayyip Erdoğan", "Person")], ("Erdogan", "Person"), "person/recep-tayyip-erdogan"),
        ([("Bill de Blasio", "Person", ("de Blasio",))], ("de Blasio", "Person"), "person/bill-de-blasio"),
        ([("North Atlantic Treaty Organization", "Organization", ("NATO",))], ("NATO", "Organization"),
         "organization/north-atlantic-treaty-organization"),
        # Two people of that surname: no link.
        ([("Mark Dayton", "Person"), ("Bob Dayton", "Person")], ("Dayton", "Person"), None),
        ([("Donald Trump", "Person"), ("Donald Trump Jr.", "Person")], ("Trump", "Person"), None),
        # A full name links only as a name the entity has; different full names are different people.
        ([("Mark Dayton", "Person")], ("Mark B. Dayton", "Person"), None),
        ([("Mark B. Dayton", "Person", ("Mark Dayton",))], ("Mark Dayton", "Person"), "person/mark-b-dayton"),
        ([("Donald Trump", "Person")], ("Donald Trump Jr.", "Person"), None),
        ([("Hillary Clinton", "Person")], ("Bill Clinton", "Person"), None),
        # Initials hold across articles, defined there or not ("AFP" for Agence France-Presse).
        ([("Agence France-Presse", "Organization")], ("AFP", "Organization"), "organization/agence-france-presse"),
        ([("Voice of America", "Organization", ("VOA",))], ("VOA", "Organization"), "organization/voice-of-america"),
        # A one-word alias that is neither a word of the name nor its initials is not followed.
        ([("United States Cabinet", "Organization", ("UTC",))], ("UTC", "Organization"), None),
        # Types must agree; places are their names.
        ([("Mark Dayton", "Person")], ("Dayton", "Place"), None),
        ([("Washington, D.C.", "Place", ("Washington",))], ("Washington", "Place"), None),
        # Generic names mean one thing per article.
        ([("Minnesota House of Representatives", "Organization", ("House",))], ("House", "Organization"), None),
        ([], ("Dayton", "Person"), None),
    ],
)
def test_a_name_is_the_same_as_the_one_entity_it_can_stand_for(held: list, name: tuple, expected: str | None) -> None:
    assert link_of(held, name) == expected


def test_name_keys_hold_names_surname_and_initials() -> None:
    assert named("Mark Dayton", "Person", ("Gov. Mark Dayton",)).name_keys == {"mark dayton", "gov mark dayton", "dayton"}
    assert named("Agence France-Presse", "Organization").name_keys == {"agence francepresse", "afp"}
    assert named("Dayton", "Place") is None and named("Senate", "Organization") is None


def linked(*entities: tuple) -> list[str]:
    """The IRIs (after the resource base) an article with `entities` gets."""
    links = link_article(extraction("a1", *entities))
    return [links.iris[f"e{number}"].removeprefix(R) for number in range(len(entities))]


def test_an_articles_iris_come_from_its_own_names() -> None:
    # A lone surname the article does not account for is the article's own lone name.
    assert linked(("Dayton", "Person"), ("Senate", "Organization"), ("AFP", "Organization")) == [
        "person/dayton~a1", "organization/senate.a1", "organization/afp"]


def test_a_surname_links_to_the_full_name_in_its_own_article() -> None:
    assert linked(("Mark Dayton", "Person"), ("Dayton", "Person")) == ["person/mark-dayton", "person/mark-dayton"]


def test_a_surname_stays_apart_when_its_article_names_two_people_of_that_surname() -> None:
    assert linked(("Ivanka Trump", "Person"), ("Eric Trump", "Person"), ("Trump", "Person")) == [
        "person/ivanka-trump", "person/eric-trump", "person/trump.a1"]


# --- the real pipeline -----------------------------------------------------------------------

MINNESOTA = Article(
    id="mn-session",
    title="Dayton calls special session on insurance rates",
    date="2016-11-01",
    text=(
        "Dayton calls special session on insurance rates\n\n"
        "Minnesota Gov. Mark Dayton on Tuesday called lawmakers back to St. Paul for a special session "
        "on health insurance premiums.\n\n"
        "House Speaker Kurt Daudt (R-Crown) said the House would pass a relief bill within a week. "
        "\u201cWe are ready to act,\u201d Daudt said."
    ),
)
WASHINGTON = Article(
    id="dc-spending",
    title="House passes spending bill",
    date="2016-12-09",
    text=(
        "House passes spending bill\n\n"
        "The House voted 232 to 196 on Thursday to pass a spending bill that keeps the federal government "
        "open through December.\n\n"
        "Speaker Nancy Pelosi said the House had done its job. Governor Dayton said in a statement that "
        "Minnesota would welcome the federal money."
    ),
)
DAYTON = R + "person/mark-dayton"
LONE_DAYTON = R + "person/dayton~dc-spending"  # WASHINGTON's "Governor Dayton"

# (articles in ingestion order, how they are ingested): one call with one batch (the index
# is kept up to date in memory), one call with a batch per article, one call per article
# (the index is read back from the store).
SCENARIOS = {
    "Minnesota first, one batch": ([MINNESOTA, WASHINGTON], "batch"),
    "Minnesota first, two ingests": ([MINNESOTA, WASHINGTON], "calls"),
    "Washington first, one batch": ([WASHINGTON, MINNESOTA], "batch"),
    "Washington first, batches of one": ([WASHINGTON, MINNESOTA], "batches"),
    "Washington first, two ingests": ([WASHINGTON, MINNESOTA], "calls"),
}


@pytest.fixture(scope="module", params=list(SCENARIOS))
def ingested(request: pytest.FixtureRequest):
    articles, mode = SCENARIOS[request.param]
    with kgnews.open(":memory:") as kg:
        if mode == "calls":
            for article in articles:
                assert kg.ingest([article]).ingested == 1
        else:
            assert kg.ingest(articles, batch_size=1 if mode == "batches" else 32).ingested == 2
        yield kg, articles[0] is WASHINGTON


def test_dayton_is_one_entity_across_articles(ingested) -> None:
    kg, _ = ingested
    daytons = [record for record in kg.entities() if "Dayton" in record["aliases"] and record["type"] == "Person"]
    assert [(record["iri"], record["label"], record["articles"]) for record in daytons] == [
        (DAYTON, "Mark Dayton", ["dc-spending", "mn-session"])
    ]
    assert {"Dayton", "Governor Dayton", "Gov. Mark Dayton"} <= set(daytons[0]["aliases"])


def test_the_surname_is_the_same_as_the_full_name_in_every_order(ingested) -> None:
    kg, _ = ingested
    (dayton,) = [record for record in kg.entities() if record["iri"] == DAYTON]
    assert dayton["same_as"] == [LONE_DAYTON]
    # The link is in the entity graph as well as in the view; the article graphs state none.
    rows = kg.select(f"SELECT ?s ?o WHERE {{ GRAPH <{iris.entities_graph_iri()}> {{ ?s owl:sameAs ?o }} }}")
    links = [(row["s"], row["o"]) for row in rows if not row["o"].startswith(str(WD))]  # not the KB's Wikidata links
    assert links == [(LONE_DAYTON, DAYTON)]
    assert not kg.select("SELECT ?s WHERE { GRAPH ?g { ?g a schema:NewsArticle . ?s owl:sameAs ?o "
                         "FILTER(!STRSTARTS(STR(?o), 'http://www.wikidata.org/')) } }")


def test_facts_about_dayton_name_one_subject_in_both_articles(ingested) -> None:
    kg, _ = ingested
    dayton_facts = [fact for fact in kg.facts() if "Dayton" in fact["sentence"] and fact["subject_type"] == "Person"
                    and fact["subject"] not in ("Kurt Daudt", "Nancy Pelosi")]
    assert {fact["article"] for fact in dayton_facts} == {"mn-session", "dc-spending"}
    assert {(fact["subject"], fact["subject_iri"]) for fact in dayton_facts} == {("Mark Dayton", DAYTON)}
    said = [fact for fact in dayton_facts if fact["relation"] == "said"]
    assert [fact["object"] for fact in said] == ["Minnesota would welcome the federal money"]
    # Folding two IRIs into one never lists a fact twice.
    keys = [(f["article"], f["subject_iri"], f["relation"], f["object_iri"]) for f in kg.facts()]
    assert len(keys) == len(set(keys))


def test_one_articles_view_uses_the_shared_iri(ingested) -> None:
    kg, _ = ingested
    (dayton,) = [record for record in kg.entities("dc-spending") if "Dayton" in record["aliases"]]
    assert dayton["iri"] == DAYTON
    assert dayton["articles"] == ["dc-spending"]


def test_the_house_of_each_article_is_its_own_entity(ingested) -> None:
    kg, _ = ingested
    houses = {record["iri"]: record["articles"] for record in kg.entities() if record["label"] == "House"}
    assert houses == {
        R + "organization/house.mn-session": ["mn-session"],
        R + "organization/house.dc-spending": ["dc-spending"],
    }


@pytest.mark.slow
def test_linked_graphs_conform_to_the_shapes(ingested) -> None:
    kg, _ = ingested
    conforms, report = validate(kg.store)
    assert conforms, report


def test_metadata_author_and_publisher_are_facts_without_a_sentence(tmp_path: Path) -> None:
    record = {"id": "budget", "title": "Governor signs budget", "date": "2016-11-03",
              "author": "Jane Porter", "publisher": "Capitol Report",
              "text": "Minnesota Gov. Mark Dayton signed the budget on Tuesday."}
    source = tmp_path / "articles.jsonl"
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with kgnews.open(":memory:") as kg:
        assert kg.ingest([source]).ingested == 1
        bylines = {fact["relation"]: fact for fact in kg.facts() if fact["subject_type"] == "Article"}
        assert {relation: (fact["subject"], fact["object"], fact["object_type"], fact["sentence"], fact["start"],
                           fact["end"], fact["date"])
                for relation, fact in bylines.items()} == {
            "author": ("budget", "Jane Porter", "Person", None, None, None, "2016-11-03"),
            "publisher": ("budget", "Capitol Report", "Organization", None, None, None, "2016-11-03"),
        }
        assert bylines["author"]["subject_iri"] == iris.article_iri("budget")
        conforms, report = validate(kg.store)
        assert conforms, report


@pytest.mark.slow
def test_a_week_date_is_a_typed_monday_and_reads_back_as_a_week() -> None:
    article = Article(id="vetoes", date="2016-11-01", title="Budget talks", text=(
        "Budget talks\n\nMinnesota Gov. Mark Dayton vetoed the tax bill last week. "
        "In October, Dayton signed the bonding bill."))
    with kgnews.open(":memory:") as kg:
        kg.ingest([article])
        dates = {fact["relation"]: fact["date"] for fact in kg.facts()}
        assert dates["veto"] == "2016-W43"
        assert dates["sign"] == "2016-10"
        (stored,) = kg.query(
            'SELECT ?date ?precision WHERE { GRAPH ?g { ?f kgo:relation "veto" ; kgo:date ?date ; '
            "kgo:datePrecision ?precision } }"
        ).rows
        date, precision = stored
        assert (date.value, date.datatype.value, precision.value) == (
            "2016-10-24", "http://www.w3.org/2001/XMLSchema#date", "week")
        conforms, report = validate(kg.store)
        assert conforms, report


def test_batch_refreshes_of_the_entity_graph_drop_links_to_removed_entities() -> None:
    """Removing the surname-only article refreshes only the entities it described; the
    sameAs link from its surname to the full name must go, as in a full rebuild."""
    from kgnews.graph import derived
    from kgnews.graph.iris import entities_graph_iri

    def same_as_links(kg) -> int:
        """sameAs links between kgnews entities (not those to Wikidata items)."""
        return sum(quad.predicate.value.endswith("#sameAs") and not quad.object.value.startswith(str(WD))
                   for quad in kg.store.quads(entities_graph_iri()))

    with kgnews.open(":memory:") as kg:
        for article in (WASHINGTON, MINNESOTA):
            assert kg.ingest([article]).ingested == 1
        assert same_as_links(kg) == 1
        kg.remove([WASHINGTON.id])
        incremental = set(kg.store.quads(entities_graph_iri()))
        derived.repair(kg.store)
        rebuilt = set(kg.store.quads(entities_graph_iri()))
        assert same_as_links(kg) == 0
    assert incremental == rebuilt


def test_a_store_whose_entities_lack_name_keys_gets_them_on_its_next_write(tmp_path: Path) -> None:
    """A store written before entities carried kgo:nameKey (and names their links) is repaired once."""
    graph = f"<{iris.entities_graph_iri()}>"
    with kgnews.open(tmp_path / "kgnews.db") as kg:
        kg.ingest([WASHINGTON, MINNESOTA])
        expected = set(kg.store.quads(iris.entities_graph_iri()))
        kg.store.update(f"DELETE WHERE {{ GRAPH {graph} {{ ?e <{KGO.nameKey}> ?key }} }} ; "
                        f"DELETE WHERE {{ GRAPH {graph} {{ <{LONE_DAYTON}> <{OWL.sameAs}> ?other }} }}")
        assert len(set(kg.store.quads(iris.entities_graph_iri()))) < len(expected)
    with kgnews.open(tmp_path / "kgnews.db") as kg:
        assert set(kg.store.quads(iris.entities_graph_iri())) == expected
        assert kg.check() == []


FARM_BILL = Article(
    id="farm-bill", title="Farmers back the bill", date="2016-12-12",
    text="Farmers back the bill\n\nBob Dayton, who farms corn near Ames, Iowa, said on Monday that the farm bill "
         "would help his neighbours. Bob Dayton has farmed there for thirty years.",
)


def test_a_second_person_of_the_surname_unlinks_it_and_its_removal_links_it_again() -> None:
    """The link from a lone surname holds only while one person has that surname, whatever
    the order: a second Dayton undoes it, and removing him brings it back."""
    def dayton_links(kg) -> set[tuple[str, str]]:
        rows = kg.select(f"SELECT ?s ?o WHERE {{ GRAPH <{iris.entities_graph_iri()}> {{ ?s owl:sameAs ?o }} }}")
        return {(row["s"], row["o"]) for row in rows if "dayton" in row["s"]}

    with kgnews.open(":memory:") as kg:
        kg.ingest([WASHINGTON, MINNESOTA])
        assert dayton_links(kg) == {(LONE_DAYTON, DAYTON)}
        kg.ingest([FARM_BILL])
        assert R + "person/bob-dayton" in {record["iri"] for record in kg.entities()}
        assert dayton_links(kg) == set() and kg.check() == []
        kg.remove([FARM_BILL.id])
        assert dayton_links(kg) == {(LONE_DAYTON, DAYTON)} and kg.check() == []


BONDING_BILL = Article(
    id="bonding-bill", title="Bonding bill stalls", date="2016-12-14",
    text="Bonding bill stalls\n\nGovernor Dayton said on Wednesday that the bonding bill would wait until "
         "the new session. Dayton met legislative leaders in St. Paul.",
)


def test_lone_surnames_of_two_articles_are_one_person_only_through_a_full_name() -> None:
    """Two articles naming only "Dayton" share a surname, not (for that) a person; the one
    Mark Dayton stored makes both his, in any order."""
    def daytons(kg) -> list[tuple[str, list[str]]]:
        return sorted((record["iri"], record["articles"]) for record in kg.entities()
                      if record["type"] == "Person" and "Dayton" in record["aliases"])

    with kgnews.open(":memory:") as kg:
        kg.ingest([WASHINGTON, BONDING_BILL])
        assert daytons(kg) == [(R + "person/dayton~bonding-bill", ["bonding-bill"]), (LONE_DAYTON, ["dc-spending"])]
        kg.ingest([MINNESOTA])
        assert daytons(kg) == [(DAYTON, ["bonding-bill", "dc-spending", "mn-session"])]


def test_a_lone_surname_comes_and_goes_without_the_other_lone_surnames_being_read() -> None:
    """Each article naming only "Dayton" has its own node, linked to the one Mark Dayton:
    adding or removing one such article changes its own link alone, so a write reads the
    candidates for the name, not every other article's lone "Dayton" (one per article, ever
    more as the store grows); adding or removing Mark Dayton relinks them all."""
    from kgnews.graph.entity_counts import CountReader

    def dayton_links(kg) -> set[tuple[str, str]]:
        rows = kg.select(f"SELECT ?s ?o WHERE {{ GRAPH <{iris.entities_graph_iri()}> {{ ?s owl:sameAs ?o }} }}")
        return {(row["s"], row["o"]) for row in rows if "dayton" in row["s"]}

    lone_bonding = R + "person/dayton~bonding-bill"
    with kgnews.open(":memory:") as kg:
        kg.ingest([MINNESOTA, WASHINGTON])
        assert dayton_links(kg) == {(LONE_DAYTON, DAYTON)}
        kg.ingest([BONDING_BILL])
        assert dayton_links(kg) == {(LONE_DAYTON, DAYTON), (lone_bonding, DAYTON)} and kg.check() == []
        held, _ = CountReader(kg.store).named_by({"dayton"})
        assert set(held) == {DAYTON}
        held, _ = CountReader(kg.store).named_by(set(), every={"dayton"})
        assert set(held) == {DAYTON, LONE_DAYTON, lone_bonding}
        kg.remove([WASHINGTON.id])
        assert dayton_links(kg) == {(lone_bonding, DAYTON)} and kg.check() == []
        kg.remove([MINNESOTA.id])
        assert dayton_links(kg) == set() and kg.check() == []
        kg.ingest([WASHINGTON, MINNESOTA])
        assert dayton_links(kg) == {(LONE_DAYTON, DAYTON), (lone_bonding, DAYTON)} and kg.check() == []
