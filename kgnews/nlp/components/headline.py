"""`kgnews_headline` (right after the model's own components): the headline's tags, lemmas,
parse and entities are those of the headline rewritten as prose
(`kgnews.nlp.extract.headlines`), analysed by the same model components on its own; the
tokens keep their text.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span

from kgnews.nlp.extensions import doc_text
from kgnews.nlp.extract.docwords import DOC_WORDS_KEY
from kgnews.nlp.extract.headlines import VerbForms, Word, analysis_words, headline

COPIED = [TAG, POS, MORPH, LEMMA, DEP, HEAD]


class Headline:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.nlp = nlp
        self.forms = _verb_forms(nlp)

    def _parse(self, words: Sequence[Word]) -> Doc:
        doc = Doc(self.nlp.vocab, words=[word.text for word in words], spaces=[word.space for word in words])
        for name, component in self.nlp.pipeline:
            if name == self.name:
                break
            doc = component(doc)
        return doc

    def __call__(self, doc: Doc) -> Doc:
        span = headline(doc)
        if span is None:
            return doc
        rewritten = analysis_words(span, doc_text(doc)[span.end_char :], self._parse, self.forms)
        if rewritten is not None:
            copy_analysis(doc, span, *rewritten)
        return doc


def copy_analysis(doc: Doc, span: Span, words: Sequence[Word], parsed: Doc) -> None:
    """Give `span`'s tokens the annotations of the words standing for them in `parsed`."""
    position_of = {word.token: position for position, word in enumerate(words) if word.token is not None}
    values = doc.to_array(COPIED).astype(numpy.int64)
    source = parsed.to_array(COPIED).astype(numpy.int64)
    head_column = COPIED.index(HEAD)
    for token in span:
        position = position_of[token.i]
        values[token.i] = source[position]
        head = parsed[position].head
        while words[head.i].token is None and head.head.i != head.i:  # an inserted auxiliary heads nothing of its own
            head = head.head
        if words[head.i].token is None:
            # the parser made the inserted "was" the root: the participle it was put before stands for it
            head = parsed[head.i + 1]
        values[token.i, head_column] = words[head.i].token - token.i
    doc.from_array(COPIED, values.astype(numpy.uint64))
    doc.user_data.pop(DOC_WORDS_KEY, None)  # the lemmas and tags read before are stale
    entities = []
    for ent in parsed.ents:
        tokens = [word.token for word in words[ent.start : ent.end]]
        if None not in tokens:
            entities.append(Span(doc, tokens[0], tokens[-1] + 1, label=ent.label_))
    doc.ents = [ent for ent in doc.ents if ent.start >= span.end] + entities


def _verb_forms(nlp: Language) -> VerbForms | None:
    """The model's verb lemmas and irregular forms, when it has a lookup-table lemmatizer."""
    if "lemmatizer" not in nlp.pipe_names:
        return None
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index") or not lookups.has_table("lemma_exc"):
        return None
    index, exceptions = lookups.get_table("lemma_index"), lookups.get_table("lemma_exc")
    if "verb" not in index or "verb" not in exceptions:
        return None
    return VerbForms(index["verb"], exceptions["verb"])


@Language.factory(
    "kgnews_headline",
    # it also rewrites the tags and dependencies it requires, which only the model assigns
    assigns=["token.pos", "token.lemma", "token.head", "doc.ents"],
    requires=["token.tag", "token.dep", "doc.ents"],
)
def make_headline(nlp: Language, name: str) -> Headline:
    return Headline(nlp, name)
