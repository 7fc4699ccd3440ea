"""The per-Doc arrays the extractors search instead of walking every token (`DocWords`), and
the entity index a component pins for the Doc it works on (`DocIndex.pinned`)."""
from __future__ import annotations

from spacy.language import Language
from spacy.symbols import NOUN, PROPN, VERB
from spacy.tokens import Span

from kgnews.nlp.extract.docwords import DocWords
from kgnews.nlp.extract.ner_fixes import _title_kinds, _titles_ending_at, dateline_matcher, dateline_matches
from kgnews.nlp.extract.parse import DocIndex, party_index, title_index
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


def test_datelines_found_at_paragraph_openings_are_the_matchers_own(nlp: Language) -> None:
    matcher = dateline_matcher(nlp.vocab)
    texts = [
        "Flood Warning\n\nSAINT PAUL, MN November 1, 2016 - The governor spoke.\nCAIRO\nNEW YORK - More.",
        "Talks\n\nWASHINGTON (AP) The Senate voted.\n\nABS-CBN Corporation is a network.\n\nLONDON — Rain.",
        "No dateline here.\nJust PROSE, MN and CAIRO - inside a line.",
    ]
    for text in texts:
        doc = nlp.make_doc(text)
        assert dateline_matches(matcher, doc) == matcher(doc)
    assert len(dateline_matches(matcher, nlp.make_doc(texts[0]))) == 2


def test_phrase_index_finds_what_a_scan_of_every_token_finds(nlp: Language) -> None:
    doc = analyse(nlp, "Then-Vice President Joe Biden met Gov. Mark Dayton and Rep. Ilhan Omar of the DFL "
                       "and Democratic-Farmer-Labor Party; former president Barack Obama and the Republican Party.")
    for index in (title_index(), party_index()):
        ids = doc.to_array(index.attr).tolist()
        scanned, i = [], 0
        while i < len(ids):
            end = next((end for phrase, _ in index.by_first.get(ids[i], ())
                        if (end := index.match_end(ids, i, phrase)) is not None), None)
            if end is not None:
                scanned.append((i, end))
            i = end if end is not None else i + 1
        found = [(start, end) for start, end, _ in index.find(doc)]
        assert found == scanned and len(found) >= 3


def test_titles_ending_at_a_token_are_looked_up_as_by_their_words(nlp: Language) -> None:
    # "agent" is one of spaCy's symbols: a Doc's LOWER array holds the symbol, not its hash
    doc = nlp.make_doc("The FBI special agent John Smith said Prime Minister Sam Lee and the agent met.")
    by_words = [[(size, _title_kinds()[tuple(token.lower_ for token in doc[end - size : end])])
                 for size in range(1, min(end, 4) + 1)
                 if tuple(token.lower_ for token in doc[end - size : end]) in _title_kinds()]
                for end in range(len(doc) + 1)]
    assert [list(_titles_ending_at(doc, end)) for end in range(len(doc) + 1)] == by_words
    assert by_words[4] and by_words[-3]  # "agent" after "special" and after "the"


def test_words_that_are_spacy_symbols_are_found(nlp: Language) -> None:
    # a Doc's LOWER array holds spaCy's symbol for "agent" and "number", not their hashes
    doc = nlp.make_doc("The agent counted the number of votes.")
    assert DocWords.positions(DocWords.of(doc).with_lower({"agent", "number"})) == [1, 4]
