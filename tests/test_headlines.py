"""Headlines: the real pipeline reads the headline as the prose it stands for, and keeps its
text. Headlines and body sentences are from the seed article and Wikinews articles (CC BY
2.5, see tests/data/README.md)."""
from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from conftest import analyse
from kgnews.nlp.components.headline import copy_analysis
from kgnews.nlp.extract.headlines import Word

BODY = "The body of the article follows here."


def headline_events(nlp: Language, headline: str, body: str = BODY) -> list[tuple[str, str, str]]:
    doc = analyse(nlp, f"{headline}\n\n{body}")
    end = len(headline)
    return [
        (fact.subject.text, fact.relation, fact.object.text if hasattr(fact.object, "text") else fact.object)
        for fact in doc._.kg_facts or ()
        if fact.sentence.start_char < end and fact.relation not in ("holds_position", "member_of", "works_for",
                                                                   "represents", "located_in", "lives_in")
    ]


@pytest.mark.parametrize(
    ("headline", "body", "expected"),
    [
        # the present tense states the event; the parser alone takes "ousts" for a name
        ("US president Trump ousts national security advisor Bolton", BODY, [("Trump", "oust", "Bolton")]),
        ("US President Trump grants eleven people clemency", BODY, [("Trump", "grant", "clemency")]),
        # Title Case: words the body writes in lower case are common words
        (
            "Dayton Blames MNSure Issues on Robocallers",
            "Governor Dayton blames the outages on robocallers, calling the issues a scam.",  # (not restating the event)
            [("Dayton", "blame", "MNSure Issues")],
        ),
        # a bare participle is a passive: no one stabbed the stage, nor did Pelosi elect a Speaker
        ("Arrest made as mayor of Gdańsk, Poland stabbed on stage", BODY, []),
        ("Nancy Pelosi again elected Speaker as 116th U.S. Congress sworn in", BODY, []),
        # a bare participle after the verb states a circumstance, not what it acts on
        ("Former President of India Pranab Mukherjee dies aged 84", BODY, []),
    ],
)
def test_headline_events(nlp: Language, headline: str, body: str, expected: list[tuple[str, str, str]]) -> None:
    assert headline_events(nlp, headline, body) == expected


def test_title_case_headline_keeps_its_text_and_loses_false_names(nlp: Language) -> None:
    headline = "Dayton Blames MNSure Issues on Robocallers"
    doc = analyse(nlp, f"{headline}\n\nGovernor Dayton blames the issues on robocallers.")
    assert doc.text.startswith(headline)
    assert doc[1].text == "Blames" and doc[1].lemma_ == "blame" and doc[1].pos_ == "VERB"
    assert "Dayton Blames MNSure Issues" not in [ent.text for ent in doc.ents]


def assert_parsed_as_the_model_parses_it(nlp: Language, text: str) -> None:
    """The pipeline's tags and parse of `text` are the model's own: no headline was rewritten."""
    doc = analyse(nlp, text)
    bare = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name == "kgnews_headline":
            break
        bare = component(bare)
    assert [(t.tag_, t.dep_, t.head.i) for t in doc] == [(t.tag_, t.dep_, t.head.i) for t in bare]


def test_text_without_headline_is_untouched(nlp: Language) -> None:
    assert_parsed_as_the_model_parses_it(
        nlp, "Hong Kong leader announces withdrawal of extradition bill. Nothing else follows.")


def test_an_opening_paragraph_of_prose_is_no_headline(nlp: Language) -> None:
    """A plain-text article may open with a paragraph and a blank line; it ends with a full
    stop, which no headline has, and is parsed as the model parses it (the headline rewriting
    once made a word inserted into it the root of the parse, and the copy never ended)."""
    first = ("On Sunday and Saturday evening, Australian store chains Woolworths and Coles lowered their purchase "
             "restrictions on toilet paper. ALDI also introduced a one-pack limit, on Monday.")
    assert_parsed_as_the_model_parses_it(
        nlp, f"{first}\n\nOn Wednesday, Woolworths also limited toilet paper purchases for home delivery.")


def test_a_word_inserted_as_the_root_leaves_the_word_below_it_the_root(nlp: Language) -> None:
    doc = nlp("Mayor stabbed on stage\n\nThe body follows.")
    span = doc[0:4]
    words = [Word("Mayor", True, 0), Word("was", True, None), Word("stabbed", True, 1), Word("on", True, 2),
             Word("stage", False, 3)]
    # a parse that makes the inserted "was" the root: "stabbed" hangs from it
    parsed = Doc(nlp.vocab, words=[word.text for word in words], heads=[1, 1, 1, 2, 3],
                 deps=["nsubjpass", "ROOT", "ccomp", "prep", "pobj"])
    copy_analysis(doc, span, words, parsed)
    assert [(token.text, token.head.text) for token in span] == [
        ("Mayor", "stabbed"), ("stabbed", "stabbed"), ("on", "stabbed"), ("stage", "on")]


def test_a_headline_event_restated_in_the_body_is_given_in_the_bodys_words(nlp: Language) -> None:
    headline = "Dayton Blames MNSure Issues on Robocallers"
    doc = analyse(nlp, f"{headline}\n\nGovernor Dayton blames the issues on robocallers.")
    blamed = [(fact.subject.text, fact.object.text, fact.sentence.start_char > len(headline))
              for fact in doc._.kg_facts if fact.relation == "blame"]
    assert blamed == [("Dayton", "issues", True)]
