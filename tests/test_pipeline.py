"""load_pipeline, the adapter and extract_articles end to end, with the real model."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from spacy.language import Language

from conftest import GOLD_DIR
from kgnews.errors import KGNewsError
from kgnews.model import Article, Extraction
from kgnews.nlp import extract_articles, load_pipeline
from kgnews.defaults import DEFAULT_MODEL
from kgnews.nlp.extensions import doc_text
from kgnews.nlp.pipeline import KGNEWS_COMPONENTS, _make_doc, check_requirements

pytestmark = pytest.mark.model

SEED_TEXT = (GOLD_DIR / "seed-7249ac44.txt").read_text(encoding="utf-8")
SEED = Article(
    id="7249ac44",
    text=SEED_TEXT,
    title="Dayton Blames MNSure Issues on Robocallers",
    date="2016-11-01",
    author="Andrea Mayer-Bruestle",
    publisher="Alpha News",
)


@pytest.fixture(scope="module")
def seed_extraction() -> Extraction:
    [(_, extraction)] = list(extract_articles([SEED]))
    return extraction


def labels_of(extraction: Extraction, entity_type: str | None = None) -> set[str]:
    return {e.label for e in extraction.entities if entity_type in (None, e.type)}


def test_components_follow_ner_in_order(nlp: Language) -> None:
    names = nlp.pipe_names
    kgnews = names[names.index("ner") + 1:]
    assert kgnews == list(KGNEWS_COMPONENTS)
    assert names.index("kgnews_paragraphs") < names.index("parser")


def test_components_declare_what_they_need_and_spacy_checks_the_order(nlp: Language) -> None:
    analysis = nlp.analyze_pipes()
    assert not any(analysis["problems"].values())
    assert analysis["attrs"]["doc._.kg_facts"]["assigns"] == [
        "kgnews_positions", "kgnews_places", "kgnews_quotes", "kgnews_events"
    ]
    assert analysis["attrs"]["doc._.kg_facts"]["requires"] == ["kgnews_resolution"]


def test_a_component_before_what_it_requires_is_refused() -> None:
    import spacy

    nlp = spacy.load(DEFAULT_MODEL)
    nlp.add_pipe("kgnews_resolution")  # no fact extractor before it, no entity fixes
    with pytest.raises(KGNewsError) as caught:
        check_requirements(nlp, DEFAULT_MODEL)
    message = str(caught.value)
    assert message.startswith(f"spaCy pipeline {DEFAULT_MODEL!r} cannot run the kgnews components: ")
    assert "kgnews_resolution needs " in message
    assert "doc._.kg_facts" in message and "span._.kg_subtype" in message


def test_a_pipeline_without_a_parser_is_refused() -> None:
    import spacy

    nlp = spacy.load(DEFAULT_MODEL, exclude=["parser"])
    for name in KGNEWS_COMPONENTS:
        nlp.add_pipe(name)
    with pytest.raises(KGNewsError, match="kgnews_positions needs .*token.dep"):
        check_requirements(nlp, DEFAULT_MODEL)


def test_missing_model_is_one_line_kgnews_error() -> None:
    with pytest.raises(KGNewsError) as caught:
        load_pipeline("en_no_such_model")
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("spaCy pipeline 'en_no_such_model' is not installed")
    assert "pip install" in message


@pytest.mark.slow
def test_saved_pipeline_reloads_with_spacy_load(nlp: Language, tmp_path: Path) -> None:
    import spacy

    nlp.to_disk(tmp_path / "pipeline")
    reloaded = spacy.load(tmp_path / "pipeline")
    assert reloaded.pipe_names == nlp.pipe_names
    text = "Minnesota Gov.Mark Dayton met Pres.Trump."
    assert [t.text for t in reloaded(text)] == [t.text for t in nlp(text)]
    assert [(e.label, e.type) for e in reloaded(text)._.kg_entities] == [
        (e.label, e.type) for e in nlp(text)._.kg_entities
    ]


def test_seed_entities(seed_extraction: Extraction) -> None:
    people = labels_of(seed_extraction, "Person")
    assert {
        "Mark Dayton", "Kurt Daudt", "Myron Frans", "Mike Rothman",
        "Catherine Scott", "Andrea Mayer-Bruestle",
    } <= people
    assert "Dayton Blames MNSure Issues" not in labels_of(seed_extraction)
    assert {"Minnesota", "United States"} <= labels_of(seed_extraction, "Place")
    assert {"MNSure", "Minnesota IT Services", "HealthPartners", "Pioneer Press"} <= labels_of(
        seed_extraction, "Organization"
    )


def test_seed_mnsure_is_one_entity_with_both_spellings(seed_extraction: Extraction) -> None:
    [mnsure] = [e for e in seed_extraction.entities if "mnsure" in e.label.lower()]
    assert {"MNSure", "MNsure"} <= set(mnsure.aliases)
    texts = {m.text for m in seed_extraction.mentions if m.entity == mnsure.key}
    assert {"MNSure", "MNsure"} <= texts


def test_seed_people_keep_every_titled_form_under_a_title_free_label(seed_extraction: Extraction) -> None:
    by_label = {e.label: set(e.aliases) for e in seed_extraction.entities if e.type == "Person"}
    assert {"Dayton", "Governor Dayton", "Gov.Mark Dayton", "Gov. Mark Dayton", "Minnesota Gov. Mark Dayton"} <= by_label[
        "Mark Dayton"
    ]
    assert {"House Speaker Kurt Daudt", "Minnesota House Speaker Kurt Daudt"} <= by_label["Kurt Daudt"]
    assert "Commerce Commissioner Mike Rothman" in by_label["Mike Rothman"]


def test_seed_acronym_joins_full_name(seed_extraction: Extraction) -> None:
    [it_services] = [e for e in seed_extraction.entities if e.label == "Minnesota IT Services"]
    assert "MN.IT" in it_services.aliases


def test_seed_mentions_point_into_text_and_sentences(seed_extraction: Extraction) -> None:
    keys = {e.key for e in seed_extraction.entities}
    assert seed_extraction.mentions
    for mention in seed_extraction.mentions:
        assert SEED_TEXT[mention.start:mention.end] == mention.text
        assert mention.entity in keys
        sentence = seed_extraction.sentences[mention.sentence]
        assert sentence.start <= mention.start < sentence.end
    for sentence in seed_extraction.sentences:
        assert SEED_TEXT[sentence.start:sentence.end] == sentence.text


def test_metadata_facts(seed_extraction: Extraction) -> None:
    by_key = {e.key: e for e in seed_extraction.entities}
    metadata = {
        (f.relation, by_key[f.object].label, by_key[f.object].type)
        for f in seed_extraction.facts if f.subject is None
    }
    assert metadata == {
        ("author", "Andrea Mayer-Bruestle", "Person"),
        ("publisher", "Alpha News", "Organization"),
    }
    [publisher] = [by_key[f.object] for f in seed_extraction.facts if f.relation == "publisher"]
    assert publisher.subtype == "NewsOrganization"


def test_undated_article_is_dated_by_its_dateline_before_the_components_run() -> None:
    undated = replace(SEED, id="undated", date=None)
    without_dateline = replace(
        undated, id="no-dateline", text=SEED_TEXT.replace("SAINT PAUL, MN November 1, 2016 ", "")
    )
    dated = replace(SEED, id="dated", date="2016-11-02")
    extractions = {article.id: extraction for article, extraction in extract_articles([undated, without_dateline, dated])}
    assert extractions["undated"].article.date == "2016-11-01"
    assert extractions["no-dateline"].article.date is None
    assert extractions["dated"].article.date == "2016-11-02"  # the input's date is kept

    def outage_dates(extraction: Extraction) -> set[str | None]:
        # "... experienced outages today": a relative date, resolved against the article date.
        return {fact.date for fact in extraction.facts if fact.relation == "experience"}

    assert outage_dates(extractions["undated"]) == {"2016-11-01"}
    assert outage_dates(extractions["no-dateline"]) == {None}
    assert outage_dates(extractions["dated"]) == {"2016-11-02"}


@pytest.mark.slow
def test_jobs_two_gives_the_same_extractions(seed_extraction: Extraction) -> None:
    other = Article(id="two", text="Senator Elizabeth Warren spoke in Boston. Warren left.", date="2019-01-02")
    serial = list(extract_articles([SEED, other], batch_size=1))
    parallel = list(extract_articles([SEED, other], batch_size=1, jobs=2))
    assert parallel == serial
    assert serial[0][1] == seed_extraction


def test_failing_article_is_reported_and_skipped() -> None:
    bad = Article(id="bad", text=None)  # type: ignore[arg-type]
    good = Article(id="good", text="Governor Tim Walz spoke.")
    errors: list[tuple[str, str]] = []
    results = list(
        extract_articles([bad, good], on_error=lambda article, error: errors.append((article.id, type(error).__name__)))
    )
    assert [article.id for article, _ in results] == ["good"]
    assert [article_id for article_id, _ in errors] == ["bad"]


def test_failing_article_raises_without_handler() -> None:
    with pytest.raises(Exception):
        list(extract_articles([Article(id="bad", text=None)]))  # type: ignore[arg-type]


def test_sentences_hold_their_mentions_and_no_trailing_space():
    """The parser splits the seed's byline "Andrea Mayer-Bruestle" into two sentences; the
    Extraction joins them so every mention lies inside its sentence."""
    from kgnews.ingest import read_articles

    articles = list(read_articles([GOLD_DIR / "seed-7249ac44.txt"]))
    [(_, extraction)] = list(extract_articles(articles))
    for mention in extraction.mentions:
        sentence = extraction.sentences[mention.sentence]
        assert sentence.start <= mention.start and mention.end <= sentence.end
    assert "Andrea Mayer-Bruestle" in [sentence.text for sentence in extraction.sentences]
    for sentence in extraction.sentences:
        assert sentence.text == sentence.text.strip()
        assert extraction.article.text[sentence.start : sentence.end] == sentence.text


@pytest.mark.parametrize(
    "text",
    [
        "Gov.Mark Dayton  said\tno.\n\n  A second\u00a0paragraph  \n",
        "Headline\r\n\r\nBody with “quotes”, an emoji 🙂 and trailing spaces   ",
        "",
    ],
)
def test_a_docs_kept_text_is_the_text_its_tokens_join_to(nlp: Language, text: str) -> None:
    """The ingest keeps an article's text for `doc_text` rather than joining the tokens anew:
    spaCy's tokenizer keeps every character, odd whitespace included."""
    doc = _make_doc(nlp, Article(id="a", text=text))
    assert doc_text(doc) == doc.text == text


def test_every_line_break_starts_a_sentence(nlp: Language) -> None:
    """However the line break is written: alone, in a blank line, after a carriage return,
    with spaces around it, after a word without a full stop."""
    doc = nlp("Dayton blames MNSure\nHe said it failed\r\n\r\nThe state  \n  rejected it and\n\n  officials agreed")
    starts = [token.text for token in doc if token.is_sent_start and not token.is_space]
    assert {"He", "The", "rejected", "officials"} <= set(starts)
