"""Every Doc and Span extension kgnews reads and writes, registered in one place.

Importing `kgnews.nlp` registers them (idempotently), before any component or extractor runs.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

# name -> what it holds; each defaults to None.
DOC_EXTENSIONS: dict[str, str] = {
    "kg_article_date": "ISO date of the article, for relative dates; set before the pipeline runs",
    "kg_facts": "list[SpanFact]: facts between spans of the Doc, from the extraction components",
    "kg_entities": "list[kgnews.model.Entity]: the article's canonical entities (kgnews_resolution)",
    "kg_mentions": "list[kgnews.model.Mention]: entity mentions in text order (kgnews_resolution)",
    "kg_mention_index": "MentionIndex: where each mention and implied name resolved to (kgnews_resolution)",
}
SPAN_EXTENSIONS: dict[str, str] = {
    "kg_subtype": "subtype an entity fix knows for an entity span (a dateline's city)",
}


def register_extensions() -> None:
    """Register the extensions above that are not registered yet."""
    for owner, names in ((Doc, DOC_EXTENSIONS), (Span, SPAN_EXTENSIONS)):
        for name in names:
            if not owner.has_extension(name):
                owner.set_extension(name, default=None)


register_extensions()

TEXT_KEY = ("kgnews", "text")


def keep_text(doc: Doc, text: str) -> None:
    """Give `doc_text` the text `doc` was made from, so that it is not joined from the tokens
    (spaCy's tokenizer keeps every character of its input: `doc.text == text`)."""
    doc.user_data[TEXT_KEY] = text


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once per Doc and kept in `doc.user_data`: spaCy joins every token
    anew on each access, and no kgnews component changes a token's text."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text
