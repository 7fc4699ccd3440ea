"""The per-Doc arrays the extractors search instead of walking every token (`DocWords`), and
the entity index a component pins for the Doc it works on (`DocIndex.pinned`)."""
from __future__ import annotations

from spacy.language import Language
from spacy.symbols import NOUN, PROPN, VERB
from spacy.tokens import Span

from kgnews.nlp.extract.docwords import DocWords
from kgnews.nlp.extract.parse import DocIndex
from conftest import analyse

TEXT = ("Senator Jane Roe of Ohio said on Monday that the state would appeal. "
        "The governor's spokesman, Tom Lee, told reporters the governors said nothing.")


def test_doc_words_find_what_a_walk_over_the_tokens_finds(nlp: Language) -> None:
    doc = analyse(nlp, TEXT)
    words = DocWords.of(doc)

    def walk(keep) -> list[int]:
        return [token.i for token in doc if keep(token)]

    assert DocWords.positions(words.with_lower({"said", "governor", "state"})) == walk(
        lambda token: token.lower_ in {"said", "governor", "state"})
    assert DocWords.positions(words.with_lemma({"say", "governor"})) == walk(
        lambda token: token.lemma_ in {"say", "governor"})
    assert DocWords.positions(words.with_pos(PROPN, NOUN)) == walk(lambda token: token.pos in (PROPN, NOUN))
    # `&`: every property; `|`: any of them
    both = words.with_pos(VERB) & words.with_lemma({"say"})
    either = words.with_pos(PROPN) | words.with_lower({"governor"})
    assert DocWords.positions(both) == walk(lambda token: token.pos == VERB and token.lemma_ == "say")
    assert len(DocWords.positions(both)) == 2
    assert DocWords.positions(either) == walk(lambda token: token.pos == PROPN or token.lower_ == "governor")
    assert DocWords.positions(words.with_lower(())) == []
    assert DocWords.of(doc) is words  # read once per Doc


def test_a_pinned_index_is_the_one_given_until_the_block_ends(nlp: Language) -> None:
    doc = analyse(nlp, TEXT)
    with DocIndex.pinned(doc) as pinned:
        assert DocIndex.of(doc) is pinned
        other = analyse(nlp, "Tom Lee spoke.")
        assert DocIndex.of(other) is not pinned  # another Doc gets its own
    # Outside the block the entities are checked again: changed ones give a new index.
    doc.ents = [ent for ent in doc.ents if ent.label_ != "PERSON"]
    rebuilt = DocIndex.of(doc)
    assert rebuilt is not pinned and not rebuilt.people and pinned.people


def test_ents_within_is_span_ents(nlp: Language) -> None:
    doc = analyse(nlp, TEXT)
    index = DocIndex.of(doc)
    spans = [*doc.sents, doc[0:4], doc[3:9], Span(doc, 0, len(doc))]
    for span in spans:
        assert [(ent.start, ent.end, ent.label_) for ent in index.ents_within(span)] == [
            (ent.start, ent.end, ent.label_) for ent in span.ents]
