"""`kgnews_paragraphs` (before the parser): a line break always starts a sentence.

Article texts put the headline and each paragraph on lines of their own, but the parser
happily runs a headline into the first paragraph, or a closing quotation into the next
one, and links words across them. The parser keeps sentence starts set before it runs,
so marking the first token after a line break is enough.
"""
from __future__ import annotations

import numpy
from spacy.attrs import IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc


@Language.component("kgnews_paragraphs", assigns=["token.is_sent_start"])
def start_sentences_at_line_breaks(doc: Doc) -> Doc:
    # The tokenizer splits whitespace off into tokens of their own (a token's own trailing
    # whitespace is one space at most), so a line break is in one of those: only they are
    # looked at, found on the Doc's array rather than by making every token in Python; and
    # the starts are written as one array (`Token.is_sent_start` looks at every token's
    # parse on each write).
    columns = doc.to_array([IS_SPACE, SENT_START])
    after_breaks = [i + 1 for i in numpy.flatnonzero(columns[:-1, 0]).tolist() if "\n" in doc[i].text]
    if after_breaks:
        columns[after_breaks, 1] = 1
        doc.from_array([SENT_START], columns[:, 1])
    return doc
