"""Knowledge bases (kgnews.kb) and linking to them (kgnews.graph.kblinking): the format and
its errors, the shipped default KB, and linking on real-text articles -- namesakes stay
unlinked, titles must fit the article's date, every order of ingest gives one graph."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

import kgnews
from kgnews.graph import iris
from kgnews.graph.shapes import validate
from kgnews.ingest import read_articles
from kgnews.kb import DEFAULT_KB, KBError, load_kb, read_kb_file
from kgnews.model import Article
from same_graph import quads_without_run_provenance

EXAMPLE_KB = Path(__file__).resolve().parent.parent / "examples" / "kb" / "city-officials.jsonl"
EXAMPLE_ARTICLES = EXAMPLE_KB.parent.parent / "articles"

# --- the format ------------------------------------------------------------------------------


def test_the_default_kb_ships_with_the_package_and_holds_congress_presidents_and_bodies() -> None:
    source, entries = read_kb_file(DEFAULT_KB)
    assert (source.name, source.licence) == ("kgnews-default", "CC0-1.0")
    by_name = {entry.name: entry for entry in entries}
    assert by_name["Bernie Sanders"].wikidata == "Q359442"
    assert by_name["Donald Trump"].wikidata == "Q22686"
    assert "Joseph R. Biden" in by_name["Joe Biden"].aliases
    # A President known by a nickname is named as the news names him; the formal name is an alias.
    assert by_name["Bill Clinton"].id == "govtrack:412374" and "William Jefferson Clinton" in by_name["Bill Clinton"].aliases
    assert by_name["United States Senate"].generic_names == ("Senate",)
    senator = [post for post in by_name["Bernie Sanders"].posts if post.role == "Senator"]
    assert senator[0].represents == "Vermont" and senator[0].start == "2007-01-04"
    assert DEFAULT_KB.stat().st_size < 1_000_000


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "malformed JSON"),
        ('{"id": "x", "type": "Person"}', "needs an 'id' and a 'name'"),
        ('{"id": "x", "name": "X", "type": "Thing"}', "'type' must be one of"),
        ('{"id": "x", "name": "X", "type": "Person", "wikidata": "170581"}', "must be a QID"),
        ('{"id": "x", "name": "X", "type": "Person", "posts": [{"role": "Mayor", "start": "May 2019"}]}',
         "is not an ISO date"),
        ('{"id": "x", "name": "X", "type": "Person", "posts": [{"title": "Mayor"}]}', "unknown field 'title'"),
    ],
)
def test_a_bad_kb_line_is_reported_with_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "ok", "name": "Ok", "type": "Person"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(KBError, match=f"bad.jsonl:2.*{message}"):
        read_kb_file(path)


def test_a_gzipped_kb_reads_like_the_plain_one(tmp_path: Path) -> None:
    plain = EXAMPLE_KB.read_bytes()
    packed = tmp_path / "officials.jsonl.gz"
    packed.write_bytes(gzip.compress(plain))
    def described(path: Path) -> list[tuple]:
        return [(entry.id, entry.name, entry.posts, entry.source.name) for entry in read_kb_file(path)[1]]

    assert described(packed) == described(EXAMPLE_KB)


def test_kb_files_come_from_the_environment_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KGNEWS_KB", str(EXAMPLE_KB))
    kb = load_kb()
    assert "cityofhaven:mayor-lena-okafor" in kb.entries and "bioguide:S000033" in kb.entries
    assert [source.name for source in kb.sources] == ["kgnews-default", "city-officials"]


# --- linking real text -----------------------------------------------------------------------

SENATE_STORY = Article(
    id="senate-vote",
    date="2019-12-18",
    title="Senate Democrats press for witnesses",
    text=(
        "Senate Democrats press for witnesses\n\n"
        "Senator Bernie Sanders of Vermont said on Wednesday that the Senate must hear witnesses "
        "before any vote. \u201cThe American people deserve a fair trial,\u201d Sanders told reporters "
        "in Washington.\n\n"
        "Senator Amy Klobuchar of Minnesota agreed. President Trump called the process a hoax."
    ),
)
CAMPAIGN_STORY = Article(
    id="iowa-rally",
    date="2020-01-28",
    title="Sanders draws crowds in Iowa",
    text=(
        "Sanders draws crowds in Iowa\n\n"
        "Vermont Senator Bernie Sanders spoke to thousands of supporters in Des Moines, Iowa, on Tuesday. "
        "The Democratic candidate promised to expand Medicare.\n\n"
        "Sanders said Congress had failed working families in the United States."
    ),
)
BRITISH_STORY = Article(
    id="westminster",
    date="2019-10-02",
    title="Former prime minister warns on Brexit",
    text=(
        "Former prime minister warns on Brexit\n\n"
        "Former British Prime Minister Gordon Brown warned on Wednesday that a no-deal Brexit would "
        "damage the United Kingdom. Brown spoke in Edinburgh, Scotland.\n\n"
        "Dunn, a Conservative councillor in London, and Gray, a Labour activist, both backed the call. "
        "Parliament returns next week, and the Conservative Party and the Labour Party are divided."
    ),
)


def entities_by_label(kg: kgnews.KnowledgeGraph) -> dict[str, dict]:
    return {record["label"]: record for record in kg.entities()}


@pytest.fixture(scope="module")
def linked() -> kgnews.KnowledgeGraph:
    with kgnews.open(":memory:") as kg:
        kg.ingest([SENATE_STORY, CAMPAIGN_STORY, BRITISH_STORY])
        yield kg


@pytest.mark.model
def test_people_link_to_their_wikidata_item_on_their_posts(linked: kgnews.KnowledgeGraph) -> None:
    records = entities_by_label(linked)
    sanders = records["Bernie Sanders"]
    assert (sanders["wikidata"], sanders["kb_id"]) == ("Q359442", "bioguide:S000033")
    assert sanders["articles"] == ["iowa-rally", "senate-vote"]
    assert (records["Amy Klobuchar"]["wikidata"], records["Donald Trump"]["wikidata"]) == ("Q22237", "Q22686")
    # "President Trump" alone is the President in office on the article's date.
    assert "Trump" in records["Donald Trump"]["aliases"]


@pytest.mark.model
def test_namesakes_in_a_british_story_stay_unlinked(linked: kgnews.KnowledgeGraph) -> None:
    british = {record["label"]: record for record in linked.entities(article="westminster")}
    assert {"Gordon Brown", "Dunn"} <= set(british)
    people = [record for record in british.values() if record["type"] == "Person"]
    assert all((record["wikidata"], record["kb_id"]) == (None, None) for record in people), people
    # The lone surnames are named in this article only: no other article's Dunn or Gray joins them.
    assert iris.entity_iri("Person", "Dunn", "westminster") in {record["iri"] for record in british.values()}


@pytest.mark.model
def test_generic_bodies_link_to_the_national_body_of_the_articles_country(linked: kgnews.KnowledgeGraph) -> None:
    records = entities_by_label(linked)
    assert records["United States Senate"]["wikidata"] == "Q66096"
    assert "senate-vote" in records["United States Senate"]["articles"]
    assert records["United States Congress"]["articles"] == ["iowa-rally"]
    assert records["Parliament of the United Kingdom"]["articles"] == ["westminster"]
    assert records["Conservative Party"]["wikidata"] == "Q9626"


@pytest.mark.model
@pytest.mark.slow
def test_kb_facts_have_their_own_graph_and_provenance(linked: kgnews.KnowledgeGraph) -> None:
    extracted = list(linked.facts())
    with_kb = list(linked.facts(with_kb=True))
    kb_facts = [fact for fact in with_kb if fact.get("source") == "kb"]
    assert with_kb[: len(extracted)] == extracted and kb_facts
    assert all(fact["kb"] == "kgnews-default" and fact["kb_version"] == "2026-06-15" for fact in kb_facts)
    senator = [fact for fact in kb_facts if fact["subject"] == "Bernie Sanders" and fact["role"] == "Senator"]
    assert {(fact["role_of"], fact["term_start"]) for fact in senator} >= {("United States Senate", "2007-01-04")}
    rows = linked.select(
        "SELECT DISTINCT ?g ?kb WHERE { GRAPH ?g { ?g prov:wasDerivedFrom ?kb . ?kb a kgo:KnowledgeBase } }"
    )
    assert rows and all("/graph/kb/kgnews-default/" in row["g"] for row in rows)
    conforms, report = validate(linked.store)
    assert conforms, report


@pytest.mark.model
def test_an_extracted_post_gets_the_dates_of_the_kb_term_covering_the_article(linked: kgnews.KnowledgeGraph) -> None:
    posts = [fact for fact in linked.facts(article="senate-vote")
             if fact["relation"] == "holds_position" and fact["subject"] == "Bernie Sanders"]
    assert posts and {(fact["term_start"], fact["term_end"]) for fact in posts} == {("2019-01-03", "2025-01-03")}


@pytest.mark.model
@pytest.mark.slow
def test_kb_graphs_go_with_the_last_article_mentioning_their_entity() -> None:
    with kgnews.open(":memory:") as kg:
        kg.ingest([BRITISH_STORY])
        before = sorted(str(quad) for quad in kg.store.quads())
        kg.ingest([SENATE_STORY])
        kg.remove([SENATE_STORY.id])
        assert sorted(str(quad) for quad in kg.store.quads()) == before


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0), (1, 2, 0)])
def test_every_ingest_order_gives_the_same_entity_graph(order: tuple[int, ...]) -> None:
    stories = [SENATE_STORY, CAMPAIGN_STORY, BRITISH_STORY]
    reference = _entity_graph([stories[0], stories[1], stories[2]], batch_size=32)
    assert _entity_graph([stories[index] for index in order], batch_size=1) == reference


def _entity_graph(articles: list[Article], batch_size: int) -> list[str]:
    with kgnews.open(":memory:") as kg:
        kg.ingest(articles, batch_size=batch_size)
        return sorted(str(quad) for quad in kg.store.quads(iris.entities_graph_iri()))


@pytest.mark.model
def test_a_kb_linked_person_is_labelled_as_the_news_names_him_with_the_formal_name_kept() -> None:
    story = Article(
        id="clinton-library", date="2019-05-02", title="Clinton library",
        text="Clinton library\n\nFormer President William Jefferson Clinton opened an exhibit at his library "
             "in Little Rock, Arkansas on Thursday. Clinton said the exhibit honours the volunteers.",
    )
    with kgnews.open(":memory:") as kg:
        kg.ingest([story])
        (clinton,) = [record for record in kg.entities() if record["kb_id"] == "govtrack:412374"]
        formal = kg.select(f"SELECT ?name WHERE {{ GRAPH ?g {{ <{clinton['iri']}> skos:altLabel ?name }} }}")
    assert clinton["label"] == "Bill Clinton" and "William Jefferson Clinton" in clinton["aliases"]
    assert "William Clinton" in {row["name"] for row in formal}  # in the KB's graph of him


@pytest.mark.model
def test_a_users_kb_file_links_local_officials(tmp_path: Path) -> None:
    story = Article(
        id="haven-budget", date="2021-03-02", title="Haven budget passes",
        text="Haven budget passes\n\nMayor Lena Okafor of Haven signed the city budget on Tuesday. "
             "Okafor said the budget protects bus routes.",
    )
    with kgnews.open(":memory:") as kg:
        kg.ingest([story], kb=[EXAMPLE_KB])
        okafor = next(record for record in kg.entities() if record["label"] == "Lena Okafor")
    assert okafor["kb_id"] == "cityofhaven:mayor-lena-okafor" and okafor["wikidata"] is None


def test_an_unreadable_kb_file_stops_the_ingest_before_anything_is_written(tmp_path: Path) -> None:
    bad = tmp_path / "broken.jsonl"
    bad.write_text('{"id": "a"}\n', encoding="utf-8")
    with kgnews.open(":memory:") as kg:
        with pytest.raises(KBError, match="broken.jsonl:1"):
            kg.ingest([SENATE_STORY], kb=[bad])
        assert len(kg.store) == 0


def test_the_user_kb_example_is_valid_json_lines() -> None:
    lines = [json.loads(line) for line in EXAMPLE_KB.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert lines[0]["kgnews_kb"] == 1 and all("id" in line for line in lines[1:])


@pytest.mark.model
def test_a_title_must_fit_the_article_date_for_a_surname_and_need_not_for_a_full_name() -> None:
    senate = Article(
        id="lee-filibuster", date="2019-03-05", title="Senate debate",
        text="Senate debate\n\nSenator Lee said on Tuesday that the rules of the Senate must not change. "
             "The senator spoke for an hour in Washington.",
    )
    house = Article(
        id="lee-town-hall", date="2019-03-06", title="Town hall",
        text="Town hall\n\nLee spoke at a town hall in Washington on Wednesday. Lee said the meeting went well.",
    )
    running_mate = Article(
        id="running-mate", date="2020-08-12", title="Biden picks Harris",
        text="Biden picks Harris\n\nFormer Vice President Joe Biden on Tuesday chose Senator Kamala Harris of "
             "California as his running mate. Harris, a Democrat, was the state's attorney general before she "
             "joined the Senate.",
    )
    with kgnews.open(":memory:") as kg:
        kg.ingest([senate, house, running_mate])
        lees = {record["articles"][0]: record for record in kg.entities() if "Lee" in record["aliases"]}
        people = {record["label"]: record["wikidata"] for record in kg.entities() if record["type"] == "Person"}
    # In 2019 one Lee was a senator (Mike Lee); two Lees sat in Congress, so a bare "Lee" stays unlinked.
    assert lees["lee-filibuster"]["kb_id"] == "bioguide:L000577"
    assert lees["lee-town-hall"]["kb_id"] is None and lees["lee-town-hall"]["iri"].endswith(".lee-town-hall")
    # The default KB lists Kamala Harris's vice-presidency, not her Senate years: her full name suffices.
    assert (people["Kamala Harris"], people["Joe Biden"]) == ("Q10853588", "Q6279")


GOLD_ARTICLES = Path(__file__).resolve().parent / "data" / "gold" / "articles"


def _store_quads(ids: list[str], batch_size: int) -> tuple[set[str], set[tuple[str, str]]]:
    """The quads (modulo run provenance) of a store the gold articles `ids` are ingested into
    in this order, and its sameAs links between entities."""
    return _ingested([next(iter(read_articles([GOLD_ARTICLES / f"{article_id}.txt"]))) for article_id in ids],
                     batch_size)


def _ingested(articles: list[Article], batch_size: int) -> tuple[set[str], set[tuple[str, str]]]:
    with kgnews.open(":memory:") as kg:
        kg.ingest(articles, batch_size=batch_size)
        assert kg.check() == []
        links = {(row["s"], row["o"]) for row in kg.select(
            f"SELECT ?s ?o WHERE {{ GRAPH <{iris.entities_graph_iri()}> {{ ?s owl:sameAs ?o "
            "FILTER(!STRSTARTS(STR(?o), 'http://www.wikidata.org/')) } }")}
        return quads_without_run_provenance(kg.store.quads()), links


@pytest.mark.model
@pytest.mark.slow
def test_real_articles_in_either_order_give_the_same_store() -> None:
    """Eight articles sharing Trump, Pelosi, Biden, Sanders, Congress ..., five on Turkey and
    Syria, and the examples give the same quads (article graphs, entity graph, counts) in both
    orders. Erdogan, in no KB, is named by surname alone in 044 (first in one order, last in
    the other) and in full in the others: in both orders his surname is the same as his full name."""
    american = ["001", "015", "021", "026", "034", "047", "055", "023"]
    assert _store_quads(american, 32) == _store_quads(american[::-1], 1)
    middle_east = ["044", "010", "029", "032", "043"]
    quads, links = _store_quads(middle_east, 32)
    assert (quads, links) == _store_quads(middle_east[::-1], 1)
    lone_erdogan = iris.lone_name_iri("Person", "Erdogan", next(iter(read_articles([GOLD_ARTICLES / "044.txt"]))).id)
    assert (lone_erdogan, iris.entity_iri("Person", "Recep Tayyip Erdogan")) in links
    examples = list(read_articles([EXAMPLE_ARTICLES]))
    assert _ingested(examples, 32) == _ingested(examples[::-1], 1)
