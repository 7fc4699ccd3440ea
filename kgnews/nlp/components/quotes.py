"""`kgnews_quotes`: who said what, direct and reported.

Adds a `said` fact to `doc._.kg_facts` for each quotation of `kgnews.nlp.extract.quotes`
and each of its speakers: the object is the quotation's content span (from the first
piece to the last for an interrupted quotation, whose joined text is `object_text`), the
sentence is the one that attributes it, `kind` is "indirect" for reported speech.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kgnews.nlp.extract.dates import DATE_LABELS, clause_date
from kgnews.nlp.extract.quotes import Quotation, QuotationFinder
from kgnews.nlp.spanfacts import SpanFact, add_fact


def quotation_facts(doc: Doc, quotation: Quotation, with_indirect: bool = True) -> list[SpanFact]:
    """The `said` facts of one quotation, one per speaker."""
    if quotation.kind == "indirect" and not with_indirect:
        return []
    first, last = quotation.pieces[0], quotation.pieces[-1]
    content = doc[first.start : last.end]
    date = None
    if quotation.cue is not None:
        dates = [ent for ent in quotation.sentence.ents if ent.label_ in DATE_LABELS]
        date = clause_date(quotation.cue, dates, doc._.kg_article_date, skip=content)
    return [
        SpanFact(
            subject=speaker,
            relation="said",
            sentence=quotation.sentence,
            object=content,
            object_type="Quote",
            object_text=None if quotation.text == content.text else quotation.text,
            kind="indirect" if quotation.kind == "indirect" else None,
            date=date,
        )
        for speaker in quotation.speakers
    ]


class Quotes:
    def __init__(self, name: str, indirect: bool) -> None:
        self.name = name
        self.indirect = indirect

    def __call__(self, doc: Doc) -> Doc:
        for quotation in QuotationFinder.of(doc).quotations():
            for fact in quotation_facts(doc, quotation, self.indirect):
                add_fact(doc, fact)
        return doc


@Language.factory("kgnews_quotes", default_config={"indirect": True})
def make_quotes(nlp: Language, name: str, indirect: bool) -> Quotes:
    return Quotes(name, indirect)
