"""`kgnews_paragraphs` (before the parser): a line break always starts a sentence.

Article texts put the headline and each paragraph on lines of their own, but the parser
happily runs a headline into the first paragraph, or a closing quotation into the next
one, and links words across them. The parser keeps sentence starts set before it runs,
so marking the first token after a line break is enough.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("kgnews_paragraphs", assigns=["token.is_sent_start"])
def start_sentences_at_line_breaks(doc: Doc) -> Doc:
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
    return doc
