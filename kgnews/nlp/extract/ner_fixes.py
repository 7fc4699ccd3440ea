"""Corrections of the small model's predictable NER errors on news text (pure functions).

`fixed_entities(doc, ...)` is what the `kgnews_entity_fixes` component, right after `ner`
and the entity patterns, writes to `doc.ents`:
- title-case headlines: an entity on the first line is replaced by the names inside it that
  the body also uses ("Dayton Blames MNSure Issues" -> "Dayton", "MNSure");
- all-caps datelines: "SAINT PAUL, MN November 1, 2016" gives a city and a state;
- one label per name in an article: a name tagged differently in places (the possessive
  "Dayton's" as ORG where Dayton is a person) takes the label most of its mentions have,
  a person's surname counting as that person, and a name starting with a person's given
  name being a person ("Nikos Christodoulides" beside "Nikos Dendias"); untagged repetitions
  of a name the article tags elsewhere ("The MNSure website") are tagged too;
- an organisation joined by a hyphen to a name the article also uses alone is two
  ("Islamic Revolutionary Guard Corps-Quds Force");
- acronyms introduced after a name ("(MMB)", "MN.IT") become entities of the name's type;
- entity edges: titles before a person's name, a leading "the" and a possessive ending
  are left out of the span; a person's name is extended to the untagged first names
  before it ("Elijah Eugene" + "Cummings") and to the surname after it that the article uses
  alone ("Amy Berman" + "Jackson"); a title inside an ORG or place span splits it
  ("United States Representative Elijah Cummings" -> a place and a person), and so does
  the owner a title is "of" ("Prime Minister of India Narendra Modi");
- matches of data/entity_patterns.jsonl (a spaCy span ruler: "the Western District of
  Texas", "Maryland's seventh Congressional District") replace what they overlap;
- lower-case "entities" ("senate") are dropped;
- NORP: party names ("Republicans") become ORG entities, nationalities are dropped; a party's
  members in the plural ("Liberals" beside "the Liberal Party") are tagged as the party;
- well-known names take their gazetteer type ("U.S." a place, "GOP" an organisation,
  "Twitter" not a person), and are tagged where the model left them out ("Britain"), and a name's head word can decide it too ("... Hospital" is an
  organisation, "... Square" a place: data/name_heads.tsv); two names around a comma that are one known name ("Washington,
  D.C.") are joined.
The tokenizer part ("Gov.Mark Dayton" -> "Gov." "Mark") is
`kgnews.nlp.components.entity_fixes.add_title_abbreviations`, applied before the model runs.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache

import numpy
from spacy.attrs import IS_ALPHA, IS_LOWER, IS_SPACE, IS_TITLE, IS_UPPER, LIKE_URL
from spacy.matcher import Matcher
from spacy.strings import get_string_id
from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from kgnews.kb import KBS_KEPT, KnowledgeBase, Post, load_kb
from kgnews.nlp import gazetteers
from kgnews.nlp.extract.clauses import CONJUNCTIONS, HYPHENS
from kgnews.nlp.extract.clustering import is_acronym
from kgnews.nlp.extract.coref import PERSONAL_RELATIVE_PRONOUNS
from kgnews.nlp.extract.docwords import DocWords, among
from kgnews.nlp.extract.headlines import headline
from kgnews.nlp.extract.parse import PhraseIndex, place_of
from kgnews.nlp.extract.names import (
    AGENT_SUFFIXES,
    LABEL_TYPES,
    LEADING_ARTICLES,
    NAME_SUFFIXES,
    POSSESSIVE_ENDINGS,
    TYPE_LABELS,
    head_word_subtype,
    known_entities,
    name_key,
    split_name,
    state_codes,
    strip_titles,
    title_sequences,
)

DASHES = ["—", "–", "-", "--"]


def dateline_matcher(vocab: Vocab) -> Matcher:
    """All-caps place at the start of a paragraph, before ", MN" or a dash."""
    matcher = Matcher(vocab)
    paragraph_start = {"IS_SPACE": True, "TEXT": {"REGEX": "\n"}}
    place = {"IS_UPPER": True, "IS_ALPHA": True, "OP": "+"}
    matcher.add(
        "DATELINE_STATE",
        [[paragraph_start, place, {"ORTH": ","}, {"ORTH": {"IN": sorted(state_codes())}}]],
    )
    matcher.add(
        "DATELINE",
        [
            [paragraph_start, place, {"ORTH": {"IN": DASHES}}],
            [paragraph_start, place, {"ORTH": "("}, {"IS_UPPER": True}, {"ORTH": ")"}],
        ],
    )
    return matcher


def dateline_matches(matcher: Matcher, doc: Doc) -> list[tuple[int, int, int]]:
    """The matches of `dateline_matcher` in `doc`: it runs on each paragraph's opening only
    (its line break, the capitalised words after it and the three tokens after those), as
    every pattern starts at a line break, rather than trying them at every token."""
    columns = doc.to_array([IS_SPACE, IS_UPPER, IS_ALPHA]).astype(bool)
    capital_words = columns[:, 1] & columns[:, 2]
    found = []
    for i in numpy.flatnonzero(columns[:, 0]).tolist():
        if "\n" not in doc[i].text:
            continue
        end = i + 1
        while end < len(doc) and capital_words[end]:
            end += 1
        if end > i + 1:
            found += [(match_id, i, i + stop) for match_id, start, stop in matcher(doc[i : end + 3]) if start == 0]
    return found


def fixed_entities(doc: Doc, patterned: Iterable[Span], dateline_matches: Iterable[tuple[int, int, int]],
                   adjectives: frozenset[str]) -> list[Span]:
    """`doc.ents` corrected: `patterned` are the entity-pattern matches (their `id_` is the
    subtype), `dateline_matches` those of `dateline_matcher`, `adjectives` the lower-case
    English adjectives (a word in front of a title that is one is part of the title)."""
    model_entities = doc.ents  # read once: each read walks the whole Doc
    others = [ent for ent in model_entities if ent.label_ not in LABEL_TYPES and ent.label_ != "NORP"]
    patterned = [_with_subtype(span, span.id_ or None) for span in patterned]
    by_patterns = _covered(patterned)
    entities = [
        fixed for ent in model_entities if not _overlaps_any(ent, by_patterns)
        for fixed in _fix_entity(doc, ent, adjectives)
    ] + patterned
    entities = _split_headline(doc, entities)
    datelines = _dateline_places(doc, dateline_matches)
    by_datelines = _covered(datelines)
    entities = [ent for ent in entities if not _overlaps_any(ent, by_datelines)] + datelines
    entities += _untagged_described_names(doc, entities)
    entities = _credit_lines(doc, entities)
    entities = _one_label_per_name(doc, entities)
    entities = _split_joined_names(doc, entities)
    entities = _with_name_tails(doc, entities)
    entities = _with_name_fronts(doc, entities)
    entities += _untagged_known_names(doc, entities)
    entities += _untagged_party_members(doc, entities, adjectives)
    entities += _untagged_speakers(doc, entities)
    entities += _untagged_titled_names(doc, entities)
    entities += _untagged_site_names(doc, entities)
    entities += _untagged_headed_names(doc, entities)
    entities = _with_country_tails(doc, entities)
    tagged = _covered(entities)
    entities = [_with_first_names(doc, ent, tagged) for ent in entities]
    entities = _with_surnames(doc, entities, tagged)
    entities += _acronyms(doc, entities)
    entities = _joined_known_names(doc, entities)
    tagged = _covered(entities)
    spans = filter_spans(entities + [ent for ent in others if not _overlaps_any(ent, tagged)])
    return sorted(spans, key=lambda span: span.start)


def _with_subtype(span: Span, subtype: str | None) -> Span:
    fixed = Span(doc=span.doc, start=span.start, end=span.end, label=span.label_)
    fixed._.kg_subtype = subtype
    return fixed


def _dateline_places(doc: Doc, matches: Iterable[tuple[int, int, int]]) -> list[Span]:
    places = []
    for match_id, start, end in matches:
        first = start + 1
        if doc.vocab.strings[match_id] == "DATELINE_STATE":
            city = Span(doc, first, end - 2, label="GPE")
            state = _with_subtype(Span(doc, end - 1, end, label="GPE"), "State")
            places += [_with_subtype(city, "City"), state]
        elif not _joins_capitals(doc, end - 1):
            places.append(_with_subtype(Span(doc, first, _place_end(doc, first), label="GPE"), "City"))
    return places


def _joins_capitals(doc: Doc, dash: int) -> bool:
    """Whether the dash at `dash` joins two all-caps words into one name ("ABS-CBN Corporation
    is ..." opening a paragraph), as a dateline's dash ("CAIRO - ", "CAIRO—The") does not."""
    return (dash + 1 < len(doc) and not doc[dash - 1].whitespace_ and not doc[dash].whitespace_
            and doc[dash + 1].is_upper)


def _place_end(doc: Doc, start: int) -> int:
    end = start
    while end < len(doc) and doc[end].is_upper and doc[end].is_alpha:
        end += 1
    return end


def _covered(spans: Iterable[Span]) -> set[int]:
    """The positions of the tokens `spans` cover: built once per list, so that each overlap
    test looks at its own few tokens instead of every span of the list."""
    return {i for span in spans for i in range(span.start, span.end)}


def _overlaps_any(span: Span, covered: set[int]) -> bool:
    """Whether `span` shares a token with the spans whose tokens are `covered` (`_covered`)."""
    return any(i in covered for i in range(span.start, span.end))


def _fix_entity(doc: Doc, ent: Span, adjectives: frozenset[str]) -> list[Span]:
    """The entity with its edges trimmed and its label corrected (a title inside an ORG or
    place span splitting it in two); none for a nationality."""
    label = ent.label_
    if label == "NORP":
        if ent.text not in gazetteers.party_names():
            return []
        label = "ORG"
    elif label == "PRODUCT" and _after_locative_preposition(
            doc, ent.start, ent.end, ORGANISATION_LOCATIVES) and _no_head_word(ent.text):
        label = "GPE"  # "terminals in Damietta and Idku", "started in Sangatte": where, not a product ("at Snapdragon")
    elif label not in LABEL_TYPES or not any(token.text[:1].isupper() for token in ent):
        return []  # not a name: "the state senate" tagged ORG
    start, end = ent.start, ent.end
    opening = next((token.i for token in ent if token.text == "("), None)
    closing = next((token.i for token in doc[opening:end] if token.text == ")"), None) if opening is not None else None
    if opening is not None and opening > start and (closing is None or all(token.is_lower for token in doc[closing + 1 : end])):
        # "Commission on International Religious Freedom (USCIRF", "Indian National Congress (INC) party",
        # a span ending in "(INC)": the acronym is its own
        end = opening
    while end > start + 1 and doc[end - 1].text in POSSESSIVE_ENDINGS:
        end -= 1
    # "Associated Press of bank (robberies)": a name ends in no lower-case word after "of"
    tail = end
    while (tail > start + 2 and doc[tail - 1].is_lower and doc[tail - 1].is_alpha
           and doc[tail - 1].lower_ not in NAME_TAIL_PREPOSITIONS):
        tail -= 1
    if tail < end and doc[tail - 1].lower_ in NAME_TAIL_PREPOSITIONS:
        end = tail - 1
    if end > start + 1 and doc[start].lower_ in LEADING_ARTICLES:
        start += 1
    split = _owner_and_name(doc, start, end, label)
    if split is not None:
        return split
    if label == "ORG" and end - start > 1 and doc[start].text in gazetteers.party_names() \
            and head_word_subtype(doc[start + 1 : end].text, "Organization") == "Legislature":
        # a party word taken into a chamber's name: "the Republican Senate Majority Leader"
        return (_fix_entity(doc, Span(doc, start, start + 1, label="NORP"), adjectives)
                + _fix_entity(doc, Span(doc, start + 1, end, label=label), adjectives))
    owner = _title_of_owner(doc, start, end) if label == "ORG" else None
    if owner is not None:
        return [owner]
    places = (_conjoined_places(doc, start, end) or _names_around_a_comma(doc, start, end, label)
              or _name_in_place(doc, start, end, label))
    if places is not None:
        return places
    if label != "PERSON":
        title = _title_inside(doc, start, end)
        if title is not None:
            before = _fix_entity(doc, Span(doc, start, title[0], label=label), adjectives) if title[0] > start else []
            # "Presidential" of "the Presidential Spokesperson Harry Roque" is part of the title
            before = [ent for ent in before if not _adjective_word(ent, adjectives)]
            return before + [Span(doc, title[1], end, label="PERSON")]
    if label == "PERSON":
        words = [token.text_with_ws for token in doc[start:end]]
        start += len(words) - len(strip_titles(words))
        start += _role_noun_first(doc, start, end)
    known = known_entities().get(name_key(doc[start:end].text))
    if known is not None and (label != "PERSON" or known.type == "Organization"):
        label = TYPE_LABELS[known.type]
    elif label in ("PERSON", "ORG", "GPE") and _written_as_a_place(doc, start, end):
        return [_with_subtype(Span(doc, start, end, label="GPE"), "City")]
    elif (label == "PERSON" or (label == "ORG" and end - start == 1 and not doc[start].is_upper)) and _after_locative_preposition(
            doc, start, end, ORGANISATION_LOCATIVES if label == "ORG" else LOCATIVE_PREPOSITIONS
    ) and _no_head_word(doc[start:end].text):
        label = "GPE"  # "the consulate in Erbil"; not an acronym ("in NATO"), nor "works at Boeing"
    elif label in ("PERSON", "GPE", "LOC") and _after_organisation_noun(doc, start, end):
        label = "ORG"  # "Greek daily Kathimerini", "the South American group Mercosur"
    elif label == "LOC" and _titled_with_the(doc, start, end):
        label = "ORG"  # "told The Atlantic": a publication named after a sea or region, with its "The"
    elif label in ("PERSON", "ORG") and _after_place_noun(doc, start):
        label = "GPE"  # "our biggest island Crete", "the country's capital, Tunis"
    elif end - start > 1 and (head := gazetteers.name_heads().get(doc[end - 1].text)) is not None:
        if LABEL_TYPES[label] != head:
            label = TYPE_LABELS[head]  # "John Radcliffe Hospital" tagged as a person
    elif label in ("ORG", "GPE") and known is None and _titled_name(doc, start, end, label):
        label = "PERSON"
    return [Span(doc, start, end, label=label)]


def _role_noun_first(doc: Doc, start: int, end: int) -> bool:
    """"Voter Kitty Mak told The Atlantic": the capitalised first word of a sentence, before a
    name of two words or more, is a role rather than a first name when it ends like an agent
    noun ("voter", "protester") or is a noun of a crowd or side (data/not_occupations.tsv)."""
    first = doc[start]
    return end - start > 2 and first.is_sent_start and first.is_alpha and (
        first.lower_.endswith(AGENT_SUFFIXES) or first.lower_ in gazetteers.not_occupations())


PARTY_SUBTYPES = frozenset({"PoliticalParty"})
PERSONAL_TITLE_KINDS = frozenset({"office", "royal", "religious", "military", "honorific"})
MAX_OWNER_WORDS = 5
MAX_TITLE_WORDS = 4  # the longest titles looked up before a name ("Chancellor of the Exchequer")


def _titled_name(doc: Doc, start: int, end: int, label: str) -> bool:
    """A name the model tags as an organisation or place that a post title names as a person:
    right after the title ("President Emmerson Mnangagwa") or after the title's owner
    ("Ambassador to the United Nations Nikki Haley") or with a title noun in apposition
    ("Emmerson Mnangagwa, Zimbabwe's president,"). A name with an organisation's head word
    stays what it is ("Prime Minister's Office")."""
    name = doc[start:end]
    if not all(token.text[:1].isupper() for token in name) or head_word_subtype(name.text, "Organization") is not None:
        return False
    if any(kind in PERSONAL_TITLE_KINDS or doc[start - size].text[:1].isupper()
           for size, kind in _titles_ending_at(doc, start)):
        return True
    # the title's owner between it and the name: "Ambassador to the United Nations Nikki Haley"
    owner = start
    while owner > 0 and start - owner < MAX_OWNER_WORDS and doc[owner - 1].text[:1].isupper():
        owner -= 1
    preposition = owner - 1 - (owner > 1 and doc[owner - 1].lower_ == "the")
    if owner < start and preposition > 0 and doc[preposition].lower_ in gazetteers.title_owner_prepositions() \
            and _title_ends_at(doc, preposition):
        return True
    # a capitalised title in apposition is more likely the title of a name after it
    # ("According to NPR, former Vice President Joe Biden")
    # and a place's title in apposition is a post in the place ("Cincinnati, Ohio's special prosecutor")
    # and a party's member noun in apposition is said of a person ("Trump, a Republican,",
    # "Nadler, a New York Democrat,"); and so is a name in apposition to a post or job noun before
    # it ("The current president of Namibia, Hage Geingob,", "a State Department spokesperson,
    # Morgan Ortagus,")
    title = name.root.head
    if (label == "ORG" and name.root.dep_ == "appos" and title.i < start and doc[start - 1].text == ","
            and title.is_lower and title.lower_ in _job_words()):
        return True
    return label == "ORG" and any(
        child.dep_ == "appos" and child.i >= end and (
            (child.is_lower and child.lower_ in _post_words())
            or (child.text in gazetteers.party_names() and child.tag_ == "NNP"
                and any(det.dep_ == "det" and det.lower_ in ("a", "an") for det in child.children)))
        for child in name.root.children
    )


def _titles_ending_at(doc: Doc, end: int) -> Iterator[tuple[int, str]]:
    """(size in words, kind) of each title (any case, singular or plural) that ends right
    before token `end`, shortest first."""
    kinds, lower = _title_kinds_by_id(), DocWords.of(doc).lower  # the words' string ids, not their Tokens
    for size in range(1, min(end, MAX_TITLE_WORDS) + 1):
        kind = kinds.get(tuple(lower[end - size : end].tolist()))
        if kind is not None:
            yield size, kind


def _title_ends_at(doc: Doc, end: int) -> bool:
    """Whether a title (any kind) ends right before token `end`."""
    return next(_titles_ending_at(doc, end), None) is not None


@cache
def _title_kinds() -> dict[tuple[str, ...], str]:
    """Lower-cased words of each title -> its kind (titles.tsv)."""
    return {tuple(title.surface.lower().split()): title.kind for title in gazetteers.titles()}


@cache
def _title_kinds_by_id() -> dict[tuple[int, ...], str]:
    """`_title_kinds` keyed by the string-store ids of the words (a Doc's LOWER array holds
    spaCy's symbol for a word that is one, "agent" say, and a hash for the others)."""
    return {tuple(get_string_id(word) for word in words): kind for words, kind in _title_kinds().items()}


@cache
def _job_words() -> frozenset[str]:
    """Last words of the titles of a post, a membership or a job ("president", "spokesperson")."""
    return _post_words() | frozenset(words[-1] for words, kind in _title_kinds().items() if kind == "occupation")


@cache
def _post_words() -> frozenset[str]:
    """Last words of the titles of a person's post or membership ("president", "king", "nominee")."""
    return frozenset(words[-1] for words, kind in _title_kinds().items()
                     if kind in PERSONAL_TITLE_KINDS or kind == "membership")


PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "from", "to"})


def _written_as_a_place(doc: Doc, start: int, end: int) -> bool:
    """"in Fort Lee, New Jersey": a name after "in" and before a comma and a state or country
    is a town, whatever the model tagged."""
    if start == 0 or doc[start - 1].lower_ not in PLACE_PREPOSITIONS or end + 1 >= len(doc) or doc[end].text != ",":
        return False
    for size in (3, 2, 1):
        larger = doc[end + 1 : end + 1 + size]
        if len(larger) == size and larger[0].is_title and gazetteers.places().get(larger.text) is not None:
            return len(larger.text) > 2  # a bare postal code after a comma may be anything
    return False


LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "near"})
ORGANISATION_LOCATIVES = frozenset({"in", "near"})  # one works "at" a company


def _after_locative_preposition(doc: Doc, start: int, end: int,
                                prepositions: frozenset[str] = LOCATIVE_PREPOSITIONS) -> bool:
    """"a camp at Ain Issa", "the consulate in Erbil": a name right after "in", "at" or "near"
    as its object (or conjoined to it: "in Damietta and Idku") is where something is, not a
    person; not a possessive ("in Smith's view")."""
    if (end < len(doc) and doc[end].tag_ == "POS") or not all(token.text[:1].isupper() for token in doc[start:end]):
        return False
    root = doc[start:end].root
    first = root.head if root.dep_ == "conj" else root
    return (first.dep_ == "pobj" and first.head.lower_ in prepositions
            and first.head.i == first.left_edge.i - 1 and (root is first or first.head.i < start))


def _adjective_word(ent: Span, adjectives: frozenset[str]) -> bool:
    """A one-word name that is an English adjective ("Presidential", "Federal"; not "Montreal",
    "Senegal"), not a party or a well-known name."""
    return (len(ent) == 1 and ent.text.lower() in adjectives and ent.text not in gazetteers.party_names()
            and known_entities().get(name_key(ent.text)) is None)


def _describing_noun(doc: Doc, start: int) -> Token | None:
    """The lower-case word right before a name starting at `start`, a comma between allowed
    ("island Crete", "capital, Tunis"): a noun that may describe what the name is."""
    before = start - 1 - (start > 1 and doc[start - 1].text == ",")
    return doc[before] if before >= 0 and doc[before].is_lower else None


def _after_organisation_noun(doc: Doc, start: int, end: int) -> bool:
    """A name right after a noun that describes an organisation (data/organisation_nouns.tsv)
    and linked with it by the parse, either way round ("daily Kathimerini", "group, Mercosur");
    not the subject of a clause on the noun ("the company Jane Doe founded")."""
    noun = _describing_noun(doc, start)
    if noun is None or noun.lower_ not in gazetteers.organisation_nouns():
        return False
    root = doc[start:end].root
    if end < len(doc) and doc[end].pos_ == "VERB" and doc[end].head == noun:
        return False  # "the company Jane Doe founded", parsed as an apposition and a clause on the noun
    return root.head == noun or noun.head == root


def _titled_with_the(doc: Doc, start: int, end: int) -> bool:
    """A name after a capitalised "The" inside a sentence and after the headline ("told The
    Atlantic") that is no known place ("The Gambia"): news writes a publication's name so."""
    return (start > 0 and doc[start - 1].text == "The" and not doc[start - 1].is_sent_start
            and start - 1 >= _headline_end(doc) and gazetteers.places().get(doc[start - 1 : end].text) is None
            and gazetteers.places().get(doc[start:end].text) is None)


def _after_place_noun(doc: Doc, start: int) -> bool:
    """A name right after a noun that describes a place ("island Crete", "capital, Tunis";
    data/place_nouns.tsv) is a place."""
    noun = _describing_noun(doc, start)
    return noun is not None and noun.lower_ in gazetteers.place_nouns()


@cache
def _describing_nouns() -> frozenset[str]:
    return frozenset([*gazetteers.place_nouns(), *gazetteers.organisation_nouns()])


def _untagged_described_names(doc: Doc, entities: list[Span]) -> list[Span]:
    """Names the model left untagged in apposition to a noun that describes a place or an
    organisation ("the country's capital, Tunis", "the Greek daily Kathimerini"): a place or
    an organisation, unless a word of the name is an organisation's or place's head word
    (the noun then only describes it) or a title ("the state Sen. Jane Roe")."""
    tagged = _covered(entities)
    found = []
    words = DocWords.of(doc)
    for i in DocWords.positions(words.with_pos(NOUN) & words.with_lower(_describing_nouns())):
        noun = doc[i]
        if not noun.is_lower:
            continue
        start = noun.i + 1 + (noun.i + 1 < len(doc) and doc[noun.i + 1].text == ",")
        end = start
        while end < len(doc) and _name_word(doc[end], tagged):
            end += 1
        if end == start or any(_title_ends_at(doc, i + 1) for i in range(start, end)) or not _no_head_word(doc[start:end].text):
            continue
        name = doc[start:end]
        if not (name.root.dep_ == "appos" and name.root.head == noun) and not _after_organisation_noun(doc, start, end):
            continue
        found.append(Span(doc, start, end, label="GPE" if _after_place_noun(doc, start) else "ORG"))
    return found


def _name_word(token: Token, tagged: set[int]) -> bool:
    """A word an untagged name is made of: a capitalised alphabetic proper noun, no stop word,
    that no entity takes (`tagged`: the tokens of the entities found)."""
    return (token.i not in tagged and token.pos_ == "PROPN" and token.is_title and token.is_alpha
            and not token.is_stop)


def _names_around_a_comma(doc: Doc, start: int, end: int, label: str) -> list[Span] | None:
    """"Fort Peck, Blackfeet Nation" tagged as one organisation: capitalised words around a
    comma, the second part ending in a head word that decides its type (data/name_heads.tsv),
    are two names of a list; the first keeps the model's label."""
    comma = next((i for i in range(start + 1, end - 1) if doc[i].text == ","), None)
    head = gazetteers.name_heads().get(doc[end - 1].text) if comma is not None else None
    if head is None or not all(token.text[:1].isupper() for token in doc[start:end] if token.i != comma):
        return None
    return [Span(doc, start, comma, label=label), Span(doc, comma + 1, end, label=TYPE_LABELS[head])]


def _conjoined_places(doc: Doc, start: int, end: int) -> list[Span] | None:
    """"Crete and Cyprus" tagged as one organisation: two names around "and", one of them a
    known place and the whole no known name ("Trinidad and Tobago"), are two places."""
    conjunction = next((i for i in range(start + 1, end - 1) if doc[i].lower_ == "and"), None)
    if conjunction is None or gazetteers.places().get(doc[start:end].text) is not None:
        return None
    first, second = doc[start:conjunction], doc[conjunction + 1 : end]
    if not all(token.text[:1].isupper() for token in (*first, *second)) or (
        gazetteers.places().get(first.text) is None and gazetteers.places().get(second.text) is None
    ):
        return None
    return [Span(doc, start, conjunction, label="GPE"), Span(doc, conjunction + 1, end, label="GPE")]


def _name_in_place(doc: Doc, start: int, end: int, label: str) -> list[Span] | None:
    """"the ruling Democratic Rally in Cyprus" tagged as one organisation: a name, "in" and a
    known country or state after it are the name and where it is."""
    at = next((i for i in range(start + 1, end - 1) if doc[i].lower_ == "in"), None)
    if at is None or label == "PERSON" or gazetteers.places().get(doc[at + 1 : end].text) is None:
        return None
    return [Span(doc, start, at, label=label), Span(doc, at + 1, end, label="GPE")]


OWNER_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC"})
MAX_NAME_WORDS = 3  # "Jean-Yves Le Drian"; a longer tail is an organisation's name


def _owner_and_name(doc: Doc, start: int, end: int, label: str) -> list[Span] | None:
    """"Prime Minister of India Narendra Modi", "director of Amnesty International Man-kei
    Tam", "Senator from Vermont Bernie Sanders": the place or organisation a title is "of"
    or "from" or "to" (the title right before the preposition), tagged as one span with the name
    after it, split in two. The owner is a known place or entity, a name the article tags
    elsewhere, or has an organisation's head word; the name is two or three capitalised
    words (a hyphenated word is one: "Man-kei") and no organisation's."""
    of = start - 1 - (start > 1 and doc[start - 1].lower_ == "the")
    if (of < 1 or doc[of].lower_ not in gazetteers.title_owner_prepositions() or label not in ("PERSON", "ORG", "GPE")
            or not _title_ends_at(doc, of)):
        return None  # "Greg Thayer of the U.S. Forest Service" names no owner of a title
    word_starts = [i for i in range(start + 1, end - 1) if doc[i - 1].whitespace_]
    for cut in word_starts[-MAX_NAME_WORDS:]:
        name = doc[cut:end]
        if (not all(word[:1].isupper() for word in name.text.split()) or not doc[cut - 1].text[:1].isupper()
                or head_word_subtype(name.text, "Organization") is not None
                or name[-1].text in gazetteers.membership_words() or name[-1].text in gazetteers.name_heads()
                or known_entities().get(name_key(name.text)) is not None):
            continue
        owner_label = _owner_label(doc, doc[start:cut].text)
        if owner_label is None and cut - start > 1 and not _joins_names(name):
            owner_label = "ORG"  # an owner of two words or more the article names nowhere else
        if owner_label is not None:
            return [Span(doc, start, cut, label=owner_label), Span(doc, cut, end, label="PERSON")]
    return None


def _joins_names(span: Span) -> bool:
    """Whether a hyphen joins two capitalised names in `span` ("Guard Corps-Quds Force"), as
    a person's hyphenated given name does not ("Man-kei")."""
    return any(token.text[:1].isupper() and token.i > span.start and span.doc[token.i - 1].text in HYPHENS
               for token in span)


def _owner_label(doc: Doc, owner: str) -> str | None:
    """The label of a name a title can be "of": a known place or entity, a name the article
    tags elsewhere, or one with an organisation's head word ("House of Representatives")."""
    if gazetteers.places().get(owner) is not None:
        return "GPE"
    known = known_entities().get(name_key(owner))
    if known is not None:
        return TYPE_LABELS[known.type]
    tagged = next((ent for ent in doc.ents if ent.text == owner and ent.label_ in OWNER_LABELS), None)
    if tagged is not None:
        return tagged.label_
    return "ORG" if head_word_subtype(owner, "Organization") is not None else None


def _title_of_owner(doc: Doc, start: int, end: int) -> Span | None:
    """"the Archbishop of Gdańsk" tagged as one organisation: the owner after the personal
    title and "of" is the entity."""
    for size in range(1, min(end - start - 2, 4) + 1):
        kind = _title_kinds().get(tuple(token.lower_ for token in doc[start : start + size]))
        if kind in PERSONAL_TITLE_KINDS and doc[start + size].lower_ == "of":
            first = start + size + 1 + (doc[start + size + 1].lower_ == "the")
            label = _owner_label(doc, doc[first:end].text) if first < end else None
            return Span(doc, first, end, label=label) if label is not None else None
    return None


def _title_inside(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Token range of the last title inside `doc[start:end]` that is followed by a
    capitalised name running to the end of the span, if any; a name with an organisation's
    head word is no person ("General" + "Assembly")."""
    titles = title_sequences()
    lowered = [token.lower_ for token in doc[start:end]]
    found = None
    for first in range(len(lowered)):
        for last in range(len(lowered) - 1, first, -1):
            if (
                tuple(lowered[first:last]) in titles
                and all(token.is_title for token in doc[start + last:end])
                and head_word_subtype(doc[start + last:end].text, "Organization") is None
            ):
                found = (start + first, start + last)
                break
    return found


def _headline_end(doc: Doc) -> int:
    """Token index where the headline ends, 0 when the text opens with none (a first line of
    prose, ending in a full stop, is the body's: "President Hassan Rouhani of Iran said ...")."""
    span = headline(doc)
    return span.end if span is not None else 0


def _split_headline(doc: Doc, entities: list[Span]) -> list[Span]:
    """Replace each headline entity by the body's names found inside it (kept whole when
    the body names nothing in it, or names it whole)."""
    headline_end = _headline_end(doc)
    body = [ent for ent in entities if ent.start >= headline_end]
    names = _name_index(body)
    body_keys = {name_key(ent.text) for ent in body}
    fixed = []
    for ent in entities:
        if ent.start >= headline_end or name_key(ent.text) in body_keys:
            fixed.append(ent)
            continue
        inside = _find_names(doc, ent.start, ent.end, names)
        fixed.extend(inside or [ent])
    return fixed


NameIndex = dict[int, list[tuple[tuple[int, ...], str]]]


def _name_index(entities: Iterable[Span]) -> NameIndex:
    """First word -> (all words, label) of each name, longest first, the words as the string ids
    of their lower-case forms (a Doc's LOWER array, `DocWords`); a person's surname ("Dayton"
    of "Mark Dayton") is indexed as a name of its own."""
    index: NameIndex = defaultdict(list)

    def add(words: tuple[int, ...], label: str) -> None:
        if (words, label) not in index[words[0]]:
            index[words[0]].append((words, label))

    for ent in entities:
        lower = DocWords.of(ent.doc).lower
        add(tuple(lower[ent.start : ent.end].tolist()), ent.label_)
        if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].is_title:
            surname = ent[-1].lower_
            if surname not in known_entities() and name_key(surname) not in NAME_SUFFIXES:
                add((int(lower[ent.end - 1]),), "PERSON")
    for candidates in index.values():
        candidates.sort(key=lambda candidate: -len(candidate[0]))
    return index


def _find_names(doc: Doc, start: int, end: int, names: NameIndex) -> list[Span]:
    """Capitalised occurrences of the indexed names between tokens `start` and `end`."""
    lower = DocWords.of(doc).lower
    # Only tokens whose lower-cased form starts a name are looked at (found on the array).
    first_words = numpy.unique(numpy.fromiter(names, dtype=lower.dtype, count=len(names)))
    found: list[Span] = []
    for offset in numpy.flatnonzero(among(lower[start:end], first_words)).tolist():
        position = start + offset
        if (found and position < found[-1].end) or not doc[position].text[:1].isupper():
            continue
        for words, label in names[int(lower[position])]:
            stop = position + len(words)
            if stop <= end and tuple(lower[position:stop].tolist()) == words:
                found.append(Span(doc, position, stop, label=label))
                break
    return found


def _no_head_word(name: str) -> bool:
    """Whether no word of `name` makes it an organisation or place ("Hospital", "Party")."""
    return (head_word_subtype(name, "Organization") is None and head_word_subtype(name, "Place") is None
            and gazetteers.name_heads().get(name.split()[-1]) is None)


def _one_label_per_name(doc: Doc, entities: list[Span]) -> list[Span]:
    """Give every mention of a name the label most of its mentions have, and tag its
    untagged capitalised repetitions. A person's surname is a person ("Cummings" tagged
    GPE, "Dayton's" tagged ORG) unless it is a well-known name of its own, and so is a
    multi-word name ending in such a surname or in a one-word person's name ("Maya
    Rockeymoore Cummings", "Morgan Tsvangirai" tagged ORG) or of two or three words starting
    with a person's given name in the article or a common given name (data/given_names.tsv)
    and without an organisation's head word ("Nikos Christodoulides" beside "Nikos Dendias",
    "Crystal Munoz" tagged GPE), and so is that given name alone ("Jamal's killing" beside
    "Jamal Khashoggi") unless it is a place's name. A town written with its state or
    country ("Fort Lee, New Jersey") is a place wherever it is named."""
    towns = {name_key(ent.text) for ent in entities if ent._.kg_subtype == "City"}
    # names that are where something is ("a camp at Ain Issa"): that outweighs one other tag of
    # the name, and the name gives no surname
    placed = {name_key(ent.text) for ent in entities
              if LABEL_TYPES[ent.label_] == "Place" and _after_locative_preposition(doc, ent.start, ent.end)}
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    surnames, given_names = set(), set()
    for ent in entities:
        key = name_key(ent.text)
        votes[key][ent.label_] += 2 if LABEL_TYPES[ent.label_] == "Place" and key in placed else 1
        if ent.label_ == "PERSON" and len(split_name(ent.text)) > 1 and key not in towns and key not in placed:
            surnames.add(split_name(ent.text)[-1])
            given_names.add(split_name(ent.text)[0])
    label_of = {key: counts.most_common(1)[0][0] for key, counts in votes.items()}
    for surname in (surnames | _office_holders_named_alone(doc, entities)) - known_entities().keys():
        label_of[surname] = "PERSON"
    label_of.update((town, "GPE") for town in towns)
    # "the killing of Jamal" beside "Jamal Khashoggi": a person's given name alone is the
    # person, unless it is a well-known name or a place's ("Victoria", "Baku") or names where
    given_alone = given_names - known_entities().keys() - placed

    def label(ent: Span) -> str:
        words = split_name(ent.text)
        if name_key(ent.text) in towns:
            return "GPE"
        if (ent.label_ != "PERSON" and len(words) == 1 and words[0] in given_alone and ent[0].is_title
                and gazetteers.places().get(ent.text) is None):
            return "PERSON"
        if (
            ent.label_ != "PERSON" and len(words) > 1
            and (words[-1] in surnames or label_of.get(words[-1]) == "PERSON"
                 or ((words[0] in given_names or words[0] in gazetteers.given_names())
                     and len(words) <= 3 and _no_head_word(ent.text)))
            and all(token.is_title for token in ent) and name_key(ent.text) not in known_entities()
        ):
            return "PERSON"
        return label_of[name_key(ent.text)]

    relabelled = [
        ent if (chosen := label(ent)) == ent.label_ else Span(doc, ent.start, ent.end, label=chosen)
        for ent in entities
    ]
    relabelled = _places_in_a_list_of_places(doc, relabelled)
    tagged = _covered(relabelled)
    repeats = [
        span for span in _find_names(doc, 0, len(doc), _name_index(relabelled))
        if not _overlaps_any(span, tagged)
    ]
    return relabelled + repeats


def _office_holders_named_alone(doc: Doc, entities: list[Span]) -> set[str]:
    """"Trump" tagged as an organisation in an article that never names him in full: a
    one-word name tagged as an organisation that is the surname of someone the knowledge
    base has as president or vice president on the article's day, or lately ("Biden" in 2020), is a person's, unless a head word makes it an
    organisation's or it is written with "the" ("The Hill"): no person's is. (Well-known
    organisations and places keep their type: the caller leaves them out.)"""
    day = doc._.kg_article_date
    if not day:
        return set()
    in_office = _surnames_in_office(day, load_kb())
    alone = {name_key(ent.text) for ent in entities
             if ent.label_ == "ORG" and len(ent) == 1 and ent[0].is_title and _no_head_word(ent.text)}
    with_the = {name_key(ent.text) for ent in entities if ent.start > 0 and doc[ent.start - 1].lower_ == "the"}
    return (alone & in_office) - with_the


# Years a surname stays known alone after its holder left the post; not a lifetime ("Ford"
# of 1977 is a carmaker in today's news).
RECENT_OFFICE_YEARS = 10
# The posts whose holders the news names by surname alone. A legislator's surname alone is as
# often a company's or a place's: Warner, Costa, Hill, Young and Paul were all in Congress in 2020.
POSTS_KNOWN_BY_SURNAME = frozenset({"President", "Vice President"})


@cache  # by day and KB: the KB changes with $KGNEWS_KB
def _surnames_in_office(day: str, kb: KnowledgeBase) -> frozenset[str]:
    """The `name_key`s of the surnames of the people the knowledge base (the one kgnews ships,
    and those of $KGNEWS_KB) has in a post of POSTS_KNOWN_BY_SURNAME on `day` or in the
    RECENT_OFFICE_YEARS before it."""
    since = f"{int(day[:4]) - RECENT_OFFICE_YEARS:04d}{day[4:]}"
    return frozenset(
        surname for surname, posts in _posts_known_by_surname(kb)
        if any(post.covers(day) or (post.before(day) and (post.end or post.as_of or "") >= since) for post in posts)
    )


@lru_cache(maxsize=KBS_KEPT)  # by KB: each day of a corpus reads only these, not the whole KB again
def _posts_known_by_surname(kb: KnowledgeBase) -> tuple[tuple[str, tuple[Post, ...]], ...]:
    """The knowledge base's people in a post of POSTS_KNOWN_BY_SURNAME: the `name_key` of the
    surname of each, and those posts."""
    return tuple(
        (name_key(entry.surname or entry.name.split()[-1]), posts) for entry in kb.entries.values()
        if entry.type == "Person"
        and (posts := tuple(post for post in entry.posts if post.role in POSTS_KNOWN_BY_SURNAME))
    )


def _places_in_a_list_of_places(doc: Doc, entities: list[Span]) -> list[Span]:
    """A person's name coordinated with a place ("entered Tell Tamer and Ain Issa" with Ain
    Issa a place) is a place too, unless it starts with a common given name or the place is
    what an "of" or "from" phrase names ("Senator Ann Ray of Ohio and Bo Kim")."""
    place_at = {index: ent for ent in entities if LABEL_TYPES[ent.label_] == "Place" for index in range(ent.start, ent.end)}
    fixed = []
    for ent in entities:
        words = split_name(ent.text)
        if ent.label_ == "PERSON" and len(words) > 1 and words[0] not in gazetteers.given_names() and any(
                    (conjunct := place_at.get(token.i)) is not None and token.head.lower_ not in ("of", "from")
                    and not (token.dep_ == "conj" and token.head.head.lower_ in ("of", "from"))
                    for word in ent for token in word.conjuncts if not ent.start <= token.i < ent.end):
            ent = Span(doc, ent.start, ent.end, label=conjunct.label_)
        fixed.append(ent)
    return fixed


@cache
def _known_name_index() -> PhraseIndex:
    """The listed forms of well-known organisations and places, countries and parties, as
    written (case-sensitive, so "US" is a name and "us" is not), longest first."""
    forms = {form: TYPE_LABELS[listed.type] for listed in gazetteers.listed_entities()
             for form in (listed.name, *listed.aliases)}
    for form, place in gazetteers.places().items():
        if place.kind == "country" and len(form) > 2:
            forms.setdefault(form, "GPE")
    for party in gazetteers.parties():
        # a party's own name or acronym, not the adjectives it shares with common words
        # ("Conservative groups", "Democratic senators")
        forms.update((form, "ORG") for form in (party.name, *party.aliases) if party.kind == "party" and (
            form == party.name or len(form.split()) > 1 or (form.isupper() and len(form) > 2)))
    return PhraseIndex(sorted(forms.items(), key=lambda item: -len(item[0].split())), lower=False)


def _untagged_known_names(doc: Doc, entities: list[Span]) -> list[Span]:
    """Well-known names the model left untagged or tagged as something else ("Twitter" as a
    product, "Britain" untagged)."""
    tagged = _covered(entities)
    return [Span(doc, start, end, label=label) for start, end, label in _known_name_index().find(doc)
            if not _overlaps_any(doc[start:end], tagged)]


def _untagged_party_members(doc: Doc, entities: list[Span], adjectives: frozenset[str]) -> list[Span]:
    """A party's members named in the plural where the article names the party by an adjective
    and its head word ("Liberals, which had secured a majority" beside "the Liberal Party"): the
    party, unless the article also writes the plural in lower case ("progressives"), a common
    noun then. A plural capitalised only because it starts a sentence is the party only where
    the article also capitalises it mid-sentence or describes it as a body, by apposition or a
    relative clause not about people ("Liberals, which had secured ..."; not "Progressives today
    say ..."). `adjectives`: the lower-case English adjectives ("Tea Party" has no "Teas")."""
    heads = {word.lower() for word in gazetteers.last_head_words(PARTY_SUBTYPES)}
    plurals = {f"{ent[-2].lower_}s" for ent in entities
               if ent.label_ == "ORG" and len(ent) > 1 and ent[-1].lower_ in heads and ent[-2].lower_ in adjectives}
    if not plurals:
        return []
    tagged = _covered(entities)
    found = DocWords.positions(DocWords.of(doc).with_lower(plurals))
    common = {doc[i].lower_ for i in found if doc[i].is_lower}
    capitalised = {doc[i].lower_ for i in found if doc[i].is_title and not doc[i].is_sent_start}
    return [Span(doc, i, i + 1, label="ORG") for i in found
            if i not in tagged and doc[i].is_title and doc[i].lower_ not in common
            and (doc[i].lower_ in capitalised or _described_as_a_body(doc[i]))]


def _described_as_a_body(token: Token) -> bool:
    """A noun in apposition, or with a relative clause not about people ("which", not "who")."""
    return any(child.dep_ == "appos" or (child.dep_ == "relcl" and not any(
        word.lower_ in PERSONAL_RELATIVE_PRONOUNS for word in child.children)) for child in token.children)


SPEAKER_NAME_WORDS = range(2, 4)  # "Regina Ip", "Tynice Nichole Hall"


def _untagged_speakers(doc: Doc, entities: list[Span]) -> list[Span]:
    """Names the model left untagged in a speech verb's subject ("Regina Ip from the
    pro-Beijing camp said"): two or three capitalised proper nouns are a person, unless their
    head word makes them an organisation or a place (data/name_heads.tsv); one capital or
    alphanumeric word is an organisation ("TVN24 reported", "UNICEF reported", whatever its
    part of speech). No word of a title counts."""
    speech = gazetteers.speech_verbs()
    tagged = _covered(entities)
    found = []
    for i in DocWords.positions(DocWords.of(doc).with_pos(PROPN, NOUN)):
        token = doc[i]
        if not (token.dep_ == "nsubj" and token.head.pos_ == "VERB" and token.head.lemma_ in speech and i not in tagged):
            continue  # an unknown acronym is often tagged as a common noun ("UNICEF reported")
        start = token.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head == token \
                and doc[start - 1].pos_ == "PROPN" and start - 1 not in tagged:
            start -= 1
        name = doc[start : token.i + 1]
        if any(_title_ends_at(doc, i + 1) for i in range(start, token.i + 1)):
            continue
        if len(name) == 1 and len(token.text) > 1 and token.text.isalnum() and (
                token.is_upper or any(char.isdigit() for char in token.text)):
            found.append(Span(doc, start, token.i + 1, label="ORG"))
        elif len(name) in SPEAKER_NAME_WORDS and all(_name_word(word, tagged) for word in name):
            head = gazetteers.name_heads().get(token.text)
            found.append(Span(doc, start, token.i + 1, label=TYPE_LABELS[head] if head else "PERSON"))
    return found


def _untagged_titled_names(doc: Doc, entities: list[Span]) -> list[Span]:
    """Names the model left untagged right after a person's title ("Conservative MP Dominic
    Grieve said"): one to three capitalised proper nouns, none of them a title's word, a stop
    word or an organisation's or place's head word ("Vice President", "General Assembly"),
    are a person; not when they modify a noun after them ("the King Vapealot vape store") or
    the title follows a capitalised word of no party ("Lesser General Public License")."""
    tagged = _covered(entities)

    def title_size(start: int) -> int:
        return next((size for size, kind in _titles_ending_at(doc, start) if kind in PERSONAL_TITLE_KINDS), 0)

    found = []
    end = 0
    for start in DocWords.positions(DocWords.of(doc).with_pos(PROPN)):
        if start < 1 or start < end or not _name_word(doc[start], tagged) or _title_ends_at(doc, start + 1) or not (size := title_size(start)):
            continue
        end = start + 1
        while end < len(doc) and _name_word(doc[end], tagged) and not _title_ends_at(doc, end + 1):
            end += 1
        before = start - size - 1
        if (end - start > MAX_NAME_WORDS or (end < len(doc) and doc[end].text[:1].isupper())
                or (doc[end - 1].dep_ == "compound" and doc[end - 1].head.i >= end)
                or (before >= 0 and _name_word(doc[before], tagged) and not doc[before].is_sent_start
                    and doc[before].text not in gazetteers.party_names())
                or not _no_head_word(doc[start:end].text) or known_entities().get(name_key(doc[start:end].text))):
            continue
        found.append(Span(doc, start, end, label="PERSON"))
    return found


# "UOL.com.br", "Change.org": a web address without a scheme or a path names a website
WEB_DOMAIN = re.compile(r"[A-Za-z][\w-]*(?:\.[a-z]{2,})+")
# "RealClearPolitics", "YouGov": capitals inside a word, unless what comes before the only
# one is a surname's particle ("McConnell", "DeSantis", "FitzGerald": data/surname_particles.tsv)
INNER_CAPITAL = re.compile(r"(?<=[a-z])[A-Z]")


def _untagged_site_names(doc: Doc, entities: list[Span]) -> list[Span]:
    """Untagged one-word names of websites and media, written as a web domain or in camel
    case: the model rarely knows them ("measured by RealClearPolitics", "in remarks to
    UOL.com.br"); an organisation each, unless it is a well-known name of another type."""
    columns = doc.to_array([LIKE_URL, IS_ALPHA, IS_TITLE, IS_UPPER, IS_LOWER]).astype(bool)
    mixed_case = columns[:, 1] & ~columns[:, 2] & ~columns[:, 3] & ~columns[:, 4]
    tagged = _covered(entities)
    found = []
    for i in numpy.flatnonzero(columns[:, 0] | mixed_case).tolist():
        token = doc[i]
        if i in tagged or name_key(token.text) in known_entities():
            continue
        capitals = [match.start() for match in INNER_CAPITAL.finditer(token.text)]
        camel_case = token.text[:1].isupper() and token.is_alpha and (
            len(capitals) > 1 or (len(capitals) == 1
                                  and token.text[:capitals[0]].lower() not in gazetteers.surname_particles()))
        if camel_case or WEB_DOMAIN.fullmatch(token.text):
            found.append(Span(doc, i, i + 1, label="ORG"))
    return found


def _untagged_headed_names(doc: Doc, entities: list[Span]) -> list[Span]:
    """Untagged runs of two or more name words past the headline that end in a head word
    deciding their type (data/name_heads.tsv): "Jennifer Lu of Marriage Equality Coalition
    Taiwan said" (the model tagged none of it). No word of a title counts."""
    tagged = _covered(entities)
    heads = gazetteers.name_heads()
    headline_end = _headline_end(doc)
    found = []
    end = 0
    words = DocWords.of(doc)
    for last in DocWords.positions(words.with_pos(PROPN) & words.with_lower(_lower_heads())):
        head = heads.get(doc[last].text)
        if head is None or last < end or not _name_word(doc[last], tagged):
            continue
        start = last
        while (start - 1 >= headline_end and _name_word(doc[start - 1], tagged)
               and not _title_ends_at(doc, start)):
            start -= 1
        end = last + 1
        previous = found[-1] if found else None
        if previous is not None and previous.end > start:  # "Foo Party Committee": both words head it
            if previous.start >= start:
                found.pop()  # the later head word ends the longer name
            else:
                start = previous.end
        if last > start:
            found.append(Span(doc, start, end, label=TYPE_LABELS[head]))
    return found


@cache
def _lower_heads() -> frozenset[str]:
    """The deciding head words, lower-cased: what `_untagged_headed_names` looks for on the
    doc's arrays before it compares the case."""
    return frozenset(word.lower() for word in gazetteers.name_heads())


def _with_country_tails(doc: Doc, entities: list[Span]) -> list[Span]:
    """An organisation's name runs on over a country's name right after it that it modifies
    ("no Change UK candidates", "Marriage Equality Coalition Taiwan": the model tags "Change"
    and "UK"); not after a well-known organisation ("the EU UK trade deal")."""
    fixed: list[Span] = []
    for ent in sorted(entities, key=lambda span: span.start):
        previous = fixed[-1] if fixed else None
        if (previous is not None and previous.label_ == "ORG" and previous.end == ent.start
                and LABEL_TYPES[ent.label_] == "Place" and previous[-1].head.i in range(ent.start, ent.end)
                and previous[-1].dep_ == "compound" and (place := place_of(ent.text)) is not None and place.kind == "country"
                and known_entities().get(name_key(previous.text)) is None):
            fixed[-1] = Span(doc, previous.start, ent.end, label="ORG")
        else:
            fixed.append(ent)
    return fixed


NAME_TAIL_PREPOSITIONS = frozenset({"for", "of", "on"})
NAME_TAIL_CONNECTORS = frozenset({"of", "and", "the", "for", "on", "&"})
# a place after "of" is where the organisation is, not its name: "Institute of Zoology of Kunming"
NAME_TAIL_LABELS = frozenset({"ORG", "LOC", "NORP"})


def _with_name_tails(doc: Doc, entities: list[Span]) -> list[Span]:
    """An organisation whose head is an organisation's word (data/name_heads.tsv) takes the
    capitalised "for / of / on ..." phrase after it that the model cut off or tagged apart:
    "the Tunisian League" + "for the Defence of Human Rights", "American Civil Liberties
    Union" + "of Montana", "High Court of England" + "and Wales". A date or a person ends it,
    and a place after a second "of" is where the organisation is, not its name."""
    entities = sorted(entities, key=lambda span: span.start)
    by_start = {ent.start: ent for ent in entities}
    absorbed: set[int] = set()
    fixed = []
    for ent in entities:
        if ent.start in absorbed:
            continue
        last = None
        if ent.label_ != "ORG" or ent.end >= len(doc):
            fixed.append(ent)
            continue
        # a word that names organisations of some kind ("Court", "Union") may take a place as owner
        owner = by_start.get(ent.end + 1)
        place_owner = owner is not None and owner.label_ == "GPE" and head_word_subtype(
            ent.root.text, "Organization") is not None and (
            (doc[ent.end].lower_ == "of" and not any(token.lower_ == "of" for token in ent))  # "Union" + "of Montana"
            or (len(ent) > 2 and ent[-2].lower_ == "of" and doc[ent.end].lower_ == "and"))  # "of England" + "and Wales"
        if place_owner:
            inside_tail, last = [owner.start], owner.end  # the owner ends the name
        elif (gazetteers.name_heads().get(ent.root.text) == "Organization"
                and doc[ent.end].lower_ in NAME_TAIL_PREPOSITIONS):
            at, inside_tail = ent.end, []
            while at < len(doc):
                token, inside = doc[at], by_start.get(at)
                if inside is not None and inside.label_ in NAME_TAIL_LABELS:
                    inside_tail.append(inside.start)
                    at = last = inside.end
                elif inside is None and token.ent_iob_ == "O" and token.text[:1].isupper() and token.is_alpha:
                    at = last = at + 1
                elif inside is None and token.lower_ in NAME_TAIL_CONNECTORS:
                    at += 1
                else:
                    break
        else:
            fixed.append(ent)
            continue
        absorbed.update(start for start in inside_tail if last is not None and start < last)
        fixed.append(ent if last is None else Span(doc, ent.start, last, label="ORG"))
    return fixed


def _with_name_fronts(doc: Doc, entities: list[Span]) -> list[Span]:
    """An organisation's span extended to the untagged name words before it that the parse
    attaches inside the name, one by one or two joined by "and": "a Kataeb" + "Hezbollah
    official", "Confederated Salish and" + "Kootenai Tribes"; not a sentence's first word,
    capitalised as such ("Proroguing Parliament is ..."), and a party's name keeps its span
    ("Senate" + "Democrats" are the party's senators). A span the model ended in a
    conjunction is one name with the organisation right after it ("the Army's Research and" +
    "Referral Hospital")."""
    tagged = _covered(entities)
    parties = gazetteers.party_names()

    def front_word(i: int, end: int) -> bool:
        token = doc[i]
        return (_name_word(token, tagged) and not token.is_sent_start and token.ent_type_ in ("", "NORP")
                and i < token.head.i < end and not _title_ends_at(doc, i + 1))

    fixed: list[Span] = []
    for ent in sorted(entities, key=lambda span: span.start):
        if ent.label_ != "ORG" or ent.text in parties:
            fixed.append(ent)
            continue
        start = ent.start
        while start > 0:
            if front_word(start - 1, ent.end):
                start -= 1
            elif start > 1 and doc[start - 1].lower_ in CONJUNCTIONS and front_word(start - 2, ent.end):
                start -= 2
            else:
                break
        previous = fixed[-1] if fixed else None
        if (previous is not None and previous.label_ == "ORG" and previous.end == start
                and doc[start - 1].lower_ in CONJUNCTIONS):
            fixed[-1] = Span(doc, previous.start, ent.end, label="ORG")
        else:
            fixed.append(ent if start == ent.start else Span(doc, start, ent.end, label="ORG"))
    return fixed


# a credit written as an initial glued to a surname: "Image: C.Suthorn."
GLUED_INITIAL_NAME = re.compile(r"[A-Z]\.[A-Z][a-z]+")
MAX_CREDIT_WORDS = 3


def _credit_lines(doc: Doc, entities: list[Span]) -> list[Span]:
    """A caption's credit line, "Image: John Lubbock (flickr).", "Kamala Harris Image: U.S.
    Senate.": the credit noun before the colon (data/credit_nouns.tsv) is no name and ends
    the caption's ("Kamala Harris Image" tagged as one person, "Image" alone as another), and
    the credit after it names who made the picture: one to three words up to the line's end
    or a bracket, a person when the model tags none of it and it is an initial and a surname
    ("C.Suthorn") or reads as a person's name (`_credited_person`), and the whole credit when
    the model tags only its first name ("Chris" of "Chris j wood")."""
    colons = [i for i in DocWords.positions(DocWords.of(doc).with_lower(gazetteers.credit_nouns()))
              if i + 1 < len(doc) and doc[i + 1].text == ":" and doc[i].text[:1].isupper()]
    if not colons:
        return entities
    nouns = set(colons)
    fixed = []
    for ent in entities:
        if ent.end - 1 in nouns and ent.end - 1 > ent.start:
            ent = Span(doc, ent.start, ent.end - 1, label=ent.label_)
        elif ent.end - 1 in nouns:
            continue
        fixed.append(ent)
    by_start = {ent.start: ent for ent in fixed}
    tagged = _covered(fixed)
    for noun in colons:
        start = end = noun + 2
        while end < len(doc) and doc[end].is_alpha and end - start < MAX_CREDIT_WORDS + 1:
            end += 1
        glued = end == start and end < len(doc) and GLUED_INITIAL_NAME.fullmatch(doc[end].text) is not None
        if glued:
            end += 1
        elif not 1 < end - start <= MAX_CREDIT_WORDS:
            continue
        if end < len(doc) and not (doc[end].is_punct or doc[end].is_space) or not doc[start].text[:1].isupper():
            continue
        first = by_start.get(start)
        if first is not None and first.label_ == "PERSON" and first.end < end and not _overlaps_any(doc[first.end : end], tagged):
            fixed[fixed.index(first)] = Span(doc, start, end, label="PERSON")
        elif not _overlaps_any(doc[start:end], tagged) and (glued or _credited_person(doc[start:end])):
            fixed.append(Span(doc, start, end, label="PERSON"))
    return fixed


def _credited_person(credit: Span) -> bool:
    """Whether an untagged credit reads as a person's name: capitalised words, the first a
    common given name (data/given_names.tsv), no head word and no well-known name ("Image:
    Andrew Gray", not "Image: Voice of America", "Image: New Media Days", "Image: Public domain")."""
    return (all(token.is_title for token in credit) and credit[0].lower_ in gazetteers.given_names()
            and _no_head_word(credit.text) and known_entities().get(name_key(credit.text)) is None)


def _split_joined_names(doc: Doc, entities: list[Span]) -> list[Span]:
    """An organisation's span that is two names of two words or more joined by a hyphen, the
    second a name the article also uses alone ("Islamic Revolutionary Guard Corps-Quds Force" beside "the Quds
    Force"), is the two organisations."""
    alone = {name_key(ent.text) for ent in entities}
    fixed = []
    for ent in entities:
        hyphen = next((token.i for token in ent[2:-2] if token.text in HYPHENS and not token.whitespace_
                       and not doc[token.i - 1].whitespace_), None) if ent.label_ == "ORG" else None
        if hyphen is not None and name_key(doc[hyphen + 1 : ent.end].text) in alone:
            fixed += [Span(doc, ent.start, hyphen, label="ORG"), Span(doc, hyphen + 1, ent.end, label="ORG")]
        else:
            fixed.append(ent)
    return fixed


def _with_first_names(doc: Doc, ent: Span, tagged: set[int]) -> Span:
    """A person's span extended to the capitalised proper nouns just before it that no
    entity (dates included; `tagged`: the tokens of the entities found) or title covers
    ("Elijah Eugene" before a tagged "Cummings")."""
    if ent.label_ != "PERSON" or _after_department(doc, ent.start):
        return ent
    start = ent.start
    while start > 0:
        token = doc[start - 1]
        if (not _name_word(token, tagged) or token.ent_iob_ != "O" or _title_ends_at(doc, start)
                or _role_noun_first(doc, start - 1, ent.end)):
            break  # "Chancellor of the Exchequer" before "Sajid Javid" is no first name, nor "Voter", nor a date
        start -= 1
    return ent if start == ent.start else Span(doc, start, ent.end, label="PERSON")


def _with_surnames(doc: Doc, entities: list[Span], tagged: set[int]) -> list[Span]:
    """A person's span extended to the proper noun right after it, in one phrase with it, that
    the article names a person by alone elsewhere, untagged or tagged as that one-word name: the
    model's "Amy Berman" of "Judge Amy Berman Jackson" beside "Judge Jackson" (`tagged`: the
    tokens of the entities found)."""
    alone = {ent.start: ent for ent in entities if ent.label_ == "PERSON" and len(ent) == 1}
    surnames = {ent.text for ent in alone.values()}
    extended, joined = [], set()
    for ent in entities:
        after = doc[ent.end] if ent.label_ == "PERSON" and ent.end < len(doc) and len(ent) > 1 else None
        if (after is not None and after.text in surnames and doc[ent.end - 1].whitespace_
                and (_name_word(after, tagged) or after.i in alone)
                and (doc[ent.end - 1].head == after or after.head in ent)):
            ent = Span(doc, ent.start, ent.end + 1, label="PERSON")
            joined.add(after.i)
        extended.append(ent)
    return [ent for ent in extended if not (ent.start in joined and len(ent) == 1)]


def _after_department(doc: Doc, start: int) -> bool:
    """Whether the words before token `start` name a department in a title's "of" phrase, which
    are no first names: "Minister of Foreign Affairs" before "Nikos Dendias", "Director of
    National Intelligence" (data/department_words.tsv)."""
    at = start
    while at > 0 and (doc[at - 1].text in gazetteers.department_words()
                      or (at < start and doc[at - 1].lower_ in CONJUNCTIONS)):
        at -= 1
    return start - at > 0 and at > 1 and doc[at - 1].lower_ == "of" and _title_ends_at(doc, at - 1)


def _joined_known_names(doc: Doc, entities: list[Span]) -> list[Span]:
    """Two entities around a comma that together are one known name ("Washington" "," "D.C.")
    become that entity; a known country tagged as a person after "<place>," is a place
    ("Niamey, Niger")."""
    ordered = sorted(entities, key=lambda span: span.start)
    joined: list[Span] = []
    for ent in ordered:
        previous = joined[-1] if joined else None
        if previous is not None and ent.start == previous.end + 1 and doc[previous.end].text == ",":
            known = known_entities().get(name_key(doc[previous.start : ent.end].text))
            if known is not None:
                joined[-1] = Span(doc, previous.start, ent.end, label=TYPE_LABELS[known.type])
                continue
            known = known_entities().get(name_key(ent.text))
            if ent.label_ == "PERSON" and previous.label_ in ("GPE", "LOC") and known is not None and known.type == "Place":
                ent = Span(doc, ent.start, ent.end, label="GPE")
        joined.append(ent)
    return joined


def _acronyms(doc: Doc, entities: list[Span]) -> list[Span]:
    """Untagged acronyms of the article's organisation and place names ("MMB", "MN.IT")."""
    # each name's text read once (Span.text joins its tokens anew on every read)
    long_names = [(ent.start, ent.text, ent.label_) for ent in entities if ent.label_ != "PERSON" and len(ent) > 1]
    if not long_names:
        return []
    tagged = _covered(entities)
    found = []
    for position in numpy.flatnonzero(doc.to_array("IS_UPPER")):
        token = doc[int(position)]
        letters = token.text.replace(".", "")
        if len(letters) < 2 or not letters.isalpha() or token.i in tagged:
            continue
        for start, name, label in long_names:
            if start < token.i and is_acronym(token.text, name):
                found.append(Span(doc, token.i, token.i + 1, label=label))
                break
    return found
