"""A Doc's words as arrays, searched instead of walking every token in Python (`DocWords`)."""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import numpy
from spacy.attrs import LEMMA, LOWER, POS
from spacy.strings import get_string_id
from spacy.tokens import Doc

DOC_WORDS_KEY = ("kgnews", "doc_words")


@lru_cache(maxsize=256)
def word_ids(words: frozenset[str]) -> numpy.ndarray:
    """The string-store ids of `words` (what a Doc's LOWER and LEMMA arrays hold: a hash, or
    spaCy's symbol for a word that is one, "agent" say), sorted for `DocWords`."""
    return numpy.unique(numpy.array([get_string_id(word) for word in words], dtype=numpy.uint64))


class DocWords:
    """A Doc's lower-case forms, lemmas and parts of speech as arrays (one `Doc.to_array`),
    and which tokens have given ones: the rules that look at a few tokens of a Doc find them
    here instead of walking every token in Python. Each `with_*` gives a mask over the
    tokens, combined by the caller: `|` for tokens with any of the properties, `&` for
    tokens with all of them; `positions` turns a mask into token positions."""

    def __init__(self, doc: Doc) -> None:
        self.lower, self.lemma, self.pos = doc.to_array([LOWER, LEMMA, POS]).T

    @classmethod
    def of(cls, doc: Doc) -> DocWords:
        """The arrays of `doc`, read once and kept in `doc.user_data`: no kgnews component
        after the headline's (`kgnews.nlp.components.headline`, which drops them when it
        rewrites the headline's lemmas and tags) changes a token's form, lemma or tag."""
        words = doc.user_data.get(DOC_WORDS_KEY)
        if words is None or len(words.lower) != len(doc):  # a Doc retokenised since (merge_entities, say)
            words = doc.user_data[DOC_WORDS_KEY] = cls(doc)
        return words

    def with_lower(self, words: Iterable[str]) -> numpy.ndarray:
        """Which tokens' lower-case form is one of `words`."""
        return among(self.lower, word_ids(frozenset(words)))

    def with_lemma(self, words: Iterable[str]) -> numpy.ndarray:
        """Which tokens' lemma is one of `words`."""
        return among(self.lemma, word_ids(frozenset(words)))

    def with_pos(self, *pos: int) -> numpy.ndarray:
        """Which tokens' part of speech (a `spacy.symbols` id) is one of `pos`."""
        chosen = self.pos == pos[0]
        for other in pos[1:]:
            chosen |= self.pos == other
        return chosen

    @staticmethod
    def positions(chosen: numpy.ndarray) -> list[int]:
        """The positions of the tokens a mask chooses, in text order."""
        return numpy.flatnonzero(chosen).tolist()


def among(values: numpy.ndarray, wanted: numpy.ndarray) -> numpy.ndarray:
    """Which of `values` are in the sorted array `wanted` (of the same dtype): a binary search each, three times
    faster than `numpy.isin` on a Doc's tokens and a word list of a few hundred."""
    if not len(wanted):
        return numpy.zeros(len(values), dtype=bool)
    at = numpy.minimum(numpy.searchsorted(wanted, values), len(wanted) - 1)
    return wanted[at] == values
