"""Per-Doc lookups and phrase readers shared by the extractors (positions, affiliations,
places, entity resolution).

`DocIndex.of(doc)` indexes a Doc's entities, title and party phrases and sentence starts
once; the readers below walk the parse from a token: the modifiers in front of a title
(`read_modifiers`), the organisation or place of a prepositional phrase (`phrase_entity`,
`attached_entities`, `entity_after_name`), the person a clause or title phrase is about
(`subject_of`, `predicated_person`).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Collection, Iterable, Iterator

import numpy
from spacy.attrs import ENT_IOB, ENT_TYPE, LOWER, ORTH, SENT_START
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from kgnews.nlp import gazetteers
from kgnews.nlp.extensions import doc_text
from kgnews.nlp.extract.clauses import HYPHENS, is_condition, is_negated, prepositional_objects
from kgnews.nlp.extract.coref import PLACE_LABELS, Referents, named_place
from kgnews.nlp.extract.docwords import DocWords, among
from kgnews.nlp.extract.names import head_word_subtype
from kgnews.nlp.extract.quotemarks import quotation_spans
from kgnews.nlp.gazetteers import Party, Place, Title

MODIFIER_LABELS = {"GPE", "LOC", "ORG", "NORP", "FAC"}
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
# Words that separate the names of a list: "A, B, and C", "A and B", "A or B".
LIST_SEPARATORS = frozenset({",", "and", "or", "&"})
WH_SUBJECTS = {"who", "that", "which"}
PARTY_WORD = "Party"  # a word that makes a name a party's
PERSONAL_PRONOUNS = frozenset({"he", "she"})
# Words of the title a list item may put before its name ("and energy minister B").
MAX_ITEM_TITLE_WORDS = 3
# Words of a phrase inserted between commas after a listed name: "the Prime Minister", "45", "left".
MAX_INSERTED_WORDS = 6
DOC_INDEX_KEY = ("kgnews", "doc_index")


@dataclass
class Modifiers:
    """Words in front of a title, read right to left."""

    start: int  # first token of the modified phrase
    place: Span | str | None = None
    org: Span | None = None
    party: Party | None = None
    qualifier: str | None = None
    department: list[str] = field(default_factory=list)
    rank: str | None = None  # "Deputy" of "Deputy Director": part of the post
    holder: Span | None = None  # the person whose post it is: "Trump's Special Presidential Envoy"
    party_owns: bool = False  # the party, named as a noun, owns a post of no public scope: "Labour leader"


class PhraseIndex:
    """Gazetteer phrases found token by token: leftmost-longest, non-overlapping.

    Compares token attributes' string ids (one `Doc.to_array` call; `get_string_id`, as the
    Doc's arrays hold spaCy's symbol id for a word that is one, "agent") rather than running a spaCy
    Matcher, whose state machine over a few hundred phrases costs more than the whole rest
    of the extraction. An abbreviation's period may be a token of its own ("Vt" "."), and
    hyphens are tokens ("then" "-" "Vice").
    """

    PERIOD = get_string_id(".")
    HYPHENS = frozenset(map(get_string_id, HYPHENS))  # clauses.HYPHENS, as the ids of the doc's words

    def __init__(self, phrases: Iterable[tuple[str, object]], lower: bool) -> None:
        self.attr = LOWER if lower else ORTH
        self.by_first: dict[int, list[tuple[tuple[tuple[frozenset[int], bool], ...], object]]] = {}
        for surface, value in phrases:
            words = []
            for word in re.findall(r"[^\s\-–]+|[-–]", surface.lower() if lower else surface):
                abbreviation = len(word) > 1 and word.endswith(".")
                forms = {word, word[:-1]} if abbreviation else {word}
                words.append((frozenset(get_string_id(form) for form in forms), abbreviation))
            for first in words[0][0]:
                self.by_first.setdefault(first, []).append((tuple(words), value))
        for candidates in self.by_first.values():
            candidates.sort(key=lambda candidate: -len(candidate[0]))
        self.first_words = numpy.unique(numpy.fromiter(self.by_first, dtype=numpy.uint64, count=len(self.by_first)))

    def find(self, doc: Doc) -> list[tuple[int, int, object]]:
        array = doc.to_array(self.attr)
        ids = array.tolist()
        found = []
        end = 0
        # only the tokens that start some phrase are tried (`among`, on the Doc's array)
        for i in numpy.flatnonzero(among(array, self.first_words)).tolist():
            if i < end:
                continue  # inside the phrase found before
            for phrase, value in self.by_first[ids[i]]:
                matched = self.match_end(ids, i, phrase)
                if matched is not None:
                    found.append((i, matched, value))
                    end = matched
                    break
        return found

    def match_end(self, ids: list[int], start: int, phrase: tuple[tuple[frozenset[int], bool], ...]) -> int | None:
        j = start
        for number, (forms, abbreviation) in enumerate(phrase):
            if number and j + 1 < len(ids) and ids[j] in self.HYPHENS and ids[j] not in forms:
                j += 1  # words joined by a hyphen: "then-prime-minister"
            if j >= len(ids) or ids[j] not in forms:
                return None
            j += 1
            if abbreviation and j < len(ids) and ids[j] == self.PERIOD:
                j += 1  # the period of an abbreviation split off: "Gov" "."
        return j


@lru_cache(maxsize=None)
def title_index() -> PhraseIndex:
    return PhraseIndex(((title.surface, title) for title in gazetteers.titles()), lower=True)


@lru_cache(maxsize=None)
def party_index() -> PhraseIndex:
    return PhraseIndex(((form, party) for form, party in gazetteers.party_names().items()), lower=False)


# The index `DocIndex.pinned` holds for the Doc a component works on (a context variable:
# threads sharing one pipeline each pin their own).
_PINNED: ContextVar[DocIndex | None] = ContextVar("kgnews_pinned_doc_index", default=None)


class DocIndex:
    """Per-Doc lookups shared by the extractors: entities by position, title and party matches."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.words = DocWords.of(doc)  # what `tokens` searches
        self.ents = list(doc.ents)
        self.ent_starts = [ent.start for ent in self.ents]
        self.people = [ent for ent in self.ents if ent.label_ == "PERSON"]
        self.entity_ending_at: dict[int, Span] = {}
        self.entity_of_token: dict[int, Span] = {}
        self.person_of_token: dict[int, Span] = {}
        for ent in self.ents:
            if ent.label_ in MODIFIER_LABELS:
                self.entity_ending_at[ent.end] = ent
                for i in range(ent.start, ent.end):
                    self.entity_of_token[i] = ent
            if ent.label_ == "PERSON":
                for i in range(ent.start, ent.end):
                    self.person_of_token[i] = ent
        self.titles: dict[int, Title] = {}  # title span start -> title
        self.title_spans: list[Span] = []
        for start, end, title in title_index().find(doc):
            span = doc[start:end]
            if span.text.islower() and not any(token.pos_ in ("NOUN", "PROPN") for token in span):
                continue  # "major", "general" as adjectives (a noun in it makes a title: "director-general")
            if span.text.islower() and span.root.dep_ == "appos" and not any(
                    child.dep_ in ("det", "poss", "prep", "compound", "nummod") for child in span.root.children):
                continue  # a bare common noun the parser set beside a name: "Callamard ... cautioned justice does not come"
            inside = self.entity_of_token.get(start)
            if inside is not None and inside.label_ != "NORP" and (inside.end > end or inside.start < start):
                continue  # "General" in "Maryland General Assembly", "Party" in "Conservative Party"
            self.title_spans.append(span)
            self.titles[start] = title
        self.title_tokens = {i for span in self.title_spans for i in range(span.start, span.end)}
        self.title_ending_at = {span.end: span for span in self.title_spans}
        self.title_starting_at = {span.start: span for span in self.title_spans}
        listed = [doc[start:end] for start, end, _ in party_index().find(doc)]
        covered = {i for span in listed for i in range(span.start, span.end)}
        # a party the gazetteer does not list, named as one: "the Solidarity Party", "Unity Party of America"
        named = [ent for ent in self.ents if ent.label_ == "ORG" and unlisted_party_name(ent.text) is not None
                 and not covered & set(range(ent.start, ent.end))]
        self.party_spans = sorted(listed + named, key=lambda span: span.start)
        self.party_ending_at = {span.end: span for span in self.party_spans}
        self.sentence_starts = [0, *(i for i in numpy.flatnonzero(doc.to_array(SENT_START) == 1).tolist() if i > 0)]

    def ents_within(self, span: Span) -> list[Span]:
        """`span.ents`, the entities wholly inside `span`, found by bisection (`Span.ents`
        walks all the Doc's entities on each call)."""
        found = []
        for ent in self.ents[bisect_left(self.ent_starts, span.start):]:
            if ent.end > span.end:
                break
            found.append(ent)
        return found

    def sentence(self, token_index: int) -> Span:
        """The sentence holding a token (a bisect, where `Span.sent` walks the whole Doc)."""
        position = bisect_right(self.sentence_starts, token_index)
        end = self.sentence_starts[position] if position < len(self.sentence_starts) else len(self.doc)
        return self.doc[self.sentence_starts[position - 1] : end]

    @classmethod
    def of(cls, doc: Doc) -> DocIndex:
        """The index of `doc`, built once and kept in `doc.user_data` while its entities stay
        the same (the positions and places components share it); inside `pinned(doc)`, the
        index pinned there without looking at the entities again."""
        pinned = _PINNED.get()
        if pinned is not None and pinned.doc is doc:
            return pinned
        fingerprint = hash(doc.to_array([ENT_IOB, ENT_TYPE]).tobytes()) if len(doc) else 0
        cached = doc.user_data.get(DOC_INDEX_KEY)
        if cached is None or cached[0] != fingerprint:
            cached = (fingerprint, cls(doc))
            doc.user_data[DOC_INDEX_KEY] = cached
        return cached[1]

    @staticmethod
    @contextmanager
    def pinned(doc: Doc) -> Iterator[DocIndex]:
        """`DocIndex.of(doc)`, given without a check of the Doc's entities by every
        `DocIndex.of(doc)` inside the block (in this thread): for a component whose extractors
        read the entities and change none, which ask for the index a dozen times per Doc."""
        index = DocIndex.of(doc)
        token = _PINNED.set(index)
        try:
            yield index
        finally:
            _PINNED.reset(token)

    def tokens(self, lowers: Iterable[str] = (), lemmas: Iterable[str] = (), pos: int | None = None) -> Iterator[Token]:
        """The tokens with one of the given lower-case forms, or one of the given lemmas, or
        the part of speech `pos` (a `spacy.symbols` id), in text order: found on the Doc's
        arrays (`DocWords`), as the extractors look at few tokens of a Doc."""
        chosen = self.words.with_lower(lowers) | self.words.with_lemma(lemmas)
        if pos is not None:
            chosen |= self.words.with_pos(pos)
        for i in DocWords.positions(chosen):
            yield self.doc[i]

    @cached_property
    def _quotation_marks(self) -> tuple[list[Span], frozenset[int]]:
        return quotation_spans(self.doc)

    @property
    def quotations(self) -> list[Span]:
        """The contents of the Doc's top-level quotations, in text order."""
        return self._quotation_marks[0]

    @property
    def quotations_running_on(self) -> frozenset[int]:
        """Positions in `quotations` of those that go on in the next one, a paragraph later."""
        return self._quotation_marks[1]

    @cached_property
    def referents(self) -> Referents:
        """The Doc's one coreference resolver (quoted mentions are no antecedents), shared by
        the position, quote and event extractors so that they agree on who "he" is."""
        return Referents(self.doc, self.quotations, {span.start: span.end for span in self.title_spans})

    def antecedent(self, pronoun: Token) -> Span | None:
        """The person "he" or "she" stands for."""
        found = self.referents.antecedent(pronoun)
        return found if found is not None and found.label_ == "PERSON" else None

    def person_at(self, token: Token) -> Span | None:
        return self.person_of_token.get(token.i)

    def owner(self, possessive: Token) -> Span | None:
        """The person a possessive names: "his" as its antecedent, "Obama's" as the name."""
        return self.antecedent(possessive) if possessive.tag_ == "PRP$" else self.person_at(possessive)

    def entity_of(self, token: Token) -> Span | None:
        """The modifier entity (place, organisation, group) containing `token`."""
        return self.entity_of_token.get(token.i)


def party_of(text: str) -> Party | None:
    """The party a name or member noun names: one the gazetteer lists ("Democrats", "Tory"), or
    a name with the word "Party" in it ("the Solidarity Party", of no country the gazetteer knows)."""
    listed = gazetteers.party_names().get(text)
    if listed is not None:
        return listed
    name = unlisted_party_name(text)
    return Party(name, "", "", (), "party") if name is not None else None


def unlisted_party_name(text: str) -> str | None:
    """The name of a party the gazetteer does not list, by the word "Party" in it with another
    word ("the Solidarity Party", "Party of Regions"; not "the Party" alone), without a "the"."""
    name = re.sub(r"^the ", "", text, flags=re.IGNORECASE)
    return name if PARTY_WORD in name.split() and len(name.split()) > 1 else None


def place_of(text: str) -> Place | None:
    return gazetteers.places().get(re.sub(r"^the ", "", text))


PLACE_RANK = {"city": 0, "state": 1, "country": 2}


def may_contain(larger: str, smaller: str) -> bool:
    """Whether the place named `larger` may hold the one named `smaller`: not when the
    gazetteer knows both and the second is as large ("Vermont" is not in "Colorado")."""
    outer, inner = place_of(larger), place_of(smaller)
    return outer is None or inner is None or PLACE_RANK[inner.kind] < PLACE_RANK[outer.kind]


def text_of(ref: Span | str) -> str:
    return ref if isinstance(ref, str) else ref.text


def read_modifiers(index: DocIndex, end: int, lower_bound: int, title: Title | None) -> Modifiers:
    """Read the qualifiers, party, place, organisation and department words that end at token
    `end` (exclusive), right to left, stopping at the first word that is none of these."""
    doc = index.doc
    office = gazetteers.office_of(title.role) if title is not None else None
    department_allowed = office is not None and office.department
    qualifiers, demonyms = gazetteers.qualifiers(), gazetteers.demonyms()
    mods = Modifiers(start=end)
    k = end
    if title is not None and k > lower_bound and doc[k - 1].lower_ in gazetteers.rank_words() and \
            doc[k - 1].pos_ != "ADP":  # not "under President Mitterrand"
        mods.rank = doc[k - 1].text.capitalize()  # "Deputy Director", "Assistant Secretary"
        k -= 1
        mods.start = k
    while k > lower_bound:
        token = doc[k - 1]
        party_span = index.party_ending_at.get(k)
        ent = index.entity_ending_at.get(k)
        if party_span is not None and mods.party is None and party_span.start >= lower_bound:
            mods.party = party_of(party_span.text)
            public_scope = office is not None and office.scope
            if party_span.text == mods.party.name and not public_scope:
                mods.org = ent if ent is not None and ent.label_ == "ORG" else None  # "Labour Party leader"
            # "Labour leader", "SNP leader" (not "Republican leader", "Democratic strategist")
            mods.party_owns = title is not None and party_span[-1].pos_ != "ADJ" and not public_scope
            k = party_span.start
        elif ent is not None and ent.start >= lower_bound:
            if department_allowed and ent.label_ == "ORG" and len(ent) == 1 and not mods.department:
                mods.department = [ent.text]
            elif ent.label_ == "ORG" and mods.org is None and mods.place is None:
                mods.org = ent
            elif ent.label_ in PLACE_LABELS and mods.place is None:
                mods.place = ent
            elif ent.label_ == "NORP" and mods.place is None and ent.text in demonyms:
                mods.place = demonyms[ent.text].name
            else:
                break
            k = ent.start
        elif (token.tag_ == "POS" and k - 2 > lower_bound and mods.org is None and doc[k - 3].lower_ == "the"
              and (described := index.referents.described(doc[k - 2])) is not None):
            mods.org = described  # "the committee's acting chair"
            k -= 3
        elif (token.tag_ == "POS" and mods.holder is None and mods.org is None and mods.place is None and k - 2 >= lower_bound
              and (person := index.person_of_token.get(k - 2)) is not None and person.end == k - 1):
            mods.holder = person  # "Merkel's spokesperson", "Trump's Special Presidential Envoy"
            k = person.start
        elif token.tag_ == "POS" and (owner := index.entity_ending_at.get(k - 1)) is not None:
            if owner.label_ in PLACE_LABELS and mods.place is None:
                mods.place = owner
            elif owner.label_ == "ORG" and mods.org is None:
                mods.org = owner
            else:
                break
            k = owner.start
        elif token.lower_ in qualifiers and mods.qualifier is None:
            mods.qualifier = qualifiers[token.lower_] or None
            k -= 1
        elif token.text in HYPHENS and k - 1 > lower_bound and doc[k - 2].lower_ in qualifiers:
            k -= 1
        elif token.text in demonyms and mods.place is None:
            # a two-word demonym whose second word is one too: "South Sudanese", not "Sudanese"
            longer = f"{doc[k - 2].text} {token.text}" if k - 2 >= lower_bound else None
            mods.place = demonyms[longer if longer in demonyms else token.text].name
            k -= 2 if longer in demonyms else 1
        elif department_allowed and token.is_title and token.pos_ in ("PROPN", "NOUN") and not mods.department:
            mods.department = [token.text]
            k -= 1
        elif (k == end and mods.org is None and (title is None or title.kind in ("occupation", "employment"))
              and (name := untagged_name_ending(index, k, lower_bound)) is not None):
            mods.org = name  # "ABS-CBN CEO Carlo Katigbak": a job is in the organisation the model left untagged
            k = name.start
        elif token.is_lower and token.pos_ == "NOUN" and token.dep_ == "compound" and k == end:
            # "committee" in "Democratic committee chairman": the committee the article named
            mods.org = mods.org or index.referents.described(token)
            k -= 1
        elif token.is_lower and token.pos_ == "ADJ" and token.dep_ == "amod":
            k -= 1  # "the Democratic Party's presumptive nominee", "the current chairwoman"
        elif token.pos_ == "DET" and k == end:
            k -= 1
        else:
            break
        mods.start = k
    return mods


def untagged_name_ending(index: DocIndex, end: int, lower_bound: int) -> Span | None:
    """The acronym ending at token `end` that the model tagged as no entity, as an organisation:
    capitals, perhaps joined by hyphens ("ABS-CBN"); a capitalised word may be the title's own
    ("Chief Technical Officer", "Detective Inspector"), so only an acronym is read, and only one the
    article tags as an organisation elsewhere ("ABS-CBN Corporation"), since many are departments or
    media ("TV presenter", "IT manager", "HR director")."""
    doc = index.doc
    start = end
    while start > lower_bound:
        token = doc[start - 1]
        if token.text in HYPHENS and start - 1 > lower_bound and start < end:
            start -= 1
            continue
        if not (token.is_upper and token.is_alpha and len(token) > 1) or token.i in index.title_tokens \
                or index.entity_of(token) is not None or token.i in index.person_of_token:
            break
        start -= 1
    if start < end and doc[start].text in HYPHENS:
        start += 1
    if start == end or (start > lower_bound and (index.entity_of(doc[start - 1]) is not None
                                                 or doc[start - 1].i in index.person_of_token)):
        return None  # none, or the end of a name the model tagged in part
    name = doc[start:end]
    if place_of(name.text) is not None or party_of(name.text) is not None:
        return None  # an untagged "US" or "SNP" is a place or a party, not an employer
    if not any(ent.label_ == "ORG" and (ent.text == name.text or ent.text.startswith(name.text + " "))
               for ent in index.ents):
        return None  # "TV presenter", "IT manager": an abbreviation the article never names as an organisation
    return Span(doc, start, end, label="ORG")


def phrase_entity(index: DocIndex, obj: Token) -> Span | None:
    """The organisation or place a prepositional object names: an entity containing it,
    the whole phrase when an entity only modifies a common noun ("the New York police"),
    or a capitalised name the model left untagged ("the House")."""
    doc = index.doc
    ent = index.entity_of(obj)
    if ent is not None:
        return ent
    start = obj.left_edge.i + (obj.left_edge.pos_ == "DET")
    inner = [ent for token in doc[start : obj.i] if (ent := index.entity_of(token)) is not None]
    party = next((ent for ent in inner if ent.text in gazetteers.party_names()), None)
    if party is not None:
        return party  # "candidate for the Democratic nomination"
    if obj.is_lower and any(ent.label_ in PLACE_LABELS for ent in inner) and \
            head_word_subtype(obj.text.capitalize(), "Organization") is not None:
        return Span(doc, start, obj.i + 1, label="ORG")  # "the New York police", not "Ukraine negotiations"
    named = named_place(obj, index.entity_of)  # "the (Polish) city of Gdańsk" names Gdańsk
    if named is not None:
        return named
    if obj.i in index.title_tokens:
        return None  # "nominee for President": a post, not an organisation
    if obj.is_lower and obj.pos_ == "NOUN":
        named = next((found for child in obj.children if child.dep_ == "appos"
                      and (found := index.entity_of(child)) is not None and found.root == child), None)
        if named is not None:
            return named  # "chairman of the strongest opposition party, the Croatian Social Liberal Party"
    if obj.is_lower and obj.left_edge.lower_ == "the" and obj.left_edge.i == obj.i - 1:
        return index.referents.described(obj)  # "the Lord President of the court"
    if obj.pos_ == "PROPN" and obj.is_title and all(t.is_title or t.like_num or t.tag_ == "POS" or t.is_lower and t.tag_ == "JJ"
                                                   for t in doc[start : obj.i + 1]):
        return Span(doc, start, obj.i + 1, label="GPE" if obj.text in gazetteers.place_heads() else "ORG")
    return None


def attached_entities(
    index: DocIndex, token: Token, after: int, prepositions: Collection[str]
) -> Iterator[tuple[str, Span]]:
    """Entities in the prepositional phrases hanging off `token` after token `after`
    ("of Minnesota Management and Budget", "for Alpha News"), with their preposition."""
    for obj in prepositional_objects(token, prepositions):
        if obj.head.i >= after and (ent := phrase_entity(index, obj)) is not None:
            yield obj.head.lower_, ent


def entity_after_name(index: DocIndex, person: Span) -> Span | None:
    """The organisation or place of a phrase right after a person's name, past an age:
    "Jane Doe of Dallas", "Jane Doe, 45, of Dallas", "John Roe of the Heritage Foundation"
    (gazetteers.name_prepositions)."""
    doc = index.doc
    at = person.end
    if at + 2 < len(doc) and doc[at].text == "," and doc[at + 1].like_num and doc[at + 2].text == ",":
        at += 3
    if at + 1 >= len(doc) or doc[at].lower_ not in gazetteers.name_prepositions():
        return None
    first = at + 1 + (doc[at + 1].lower_ == "the")
    ent = index.entity_of_token.get(first)
    return ent if ent is not None and ent.start == first else None


def listed_people(index: DocIndex, person: Span) -> list[Span]:
    """The people of the list `person` is in, read from the text rather than the parse (which
    hangs list items off each other as appositions or conjuncts at will): names separated by
    commas and "and" / "or", each possibly followed by its place ("Sherrod Brown of Ohio,
    Mike Lee of Utah, and Joni Ernst of Iowa"). `person` alone when it is in no list."""
    doc = index.doc
    sentence = index.sentence(person.start)

    def after(name: Span) -> Span | None:
        at = name.end
        place = entity_after_name(index, name)
        if place is not None:
            at = place.end
        at = _past_inserted_phrase(index, at, sentence.end)
        separators = 0
        while at < sentence.end and doc[at].lower_ in LIST_SEPARATORS and separators < 2:
            at, separators = at + 1, separators + 1
        if not separators:
            return None
        # the next name may carry its own title: "A and energy minister B, Cypriot president C"
        for _ in range(MAX_ITEM_TITLE_WORDS + 1):
            following = index.person_of_token.get(at)
            if following is not None and following.start == at:
                return following
            if at >= sentence.end or not _item_title_word(index, doc[at]):
                return None
            at += 1
        return None

    listed = [person]
    while (following := after(listed[-1])) is not None:
        listed.append(following)
    earlier = [other for other in index.people if sentence.start <= other.start < person.start]
    for other in reversed(earlier):
        if after(other) == listed[0]:
            listed.insert(0, other)
    return listed if len(listed) > 1 and _ends_a_list(index, listed) else [person]


def _past_inserted_phrase(index: DocIndex, at: int, end: int) -> int:
    """The comma closing a short phrase inserted after a name ("Boris Johnson, the Prime
    Minister, and Jeremy Corbyn"), or `at` when none is there: the phrase names no one and
    has no verb, and a list separator follows it."""
    doc = index.doc
    if at >= end or doc[at].text != ",":
        return at
    for closing in range(at + 2, min(at + MAX_INSERTED_WORDS + 2, end - 1)):
        token = doc[closing]
        if token.text == ",":
            return closing if doc[closing + 1].lower_ in LIST_SEPARATORS else at
        if token.pos_ in ("VERB", "AUX") or token.i in index.person_of_token or token.lower_ in LIST_SEPARATORS:
            return at
    return at


def _title_word(token: Token) -> bool:
    """A word of a title in front of a name: lower-case ("energy minister") or a nationality
    ("Cypriot president")."""
    return token.is_alpha and (token.is_lower or token.ent_type_ == "NORP" or token.pos_ == "ADJ")


def _item_title_word(index: DocIndex, token: Token) -> bool:
    """A word of the title a listed name may carry: "energy minister", "Cypriot president",
    "House Speaker" (a title, or a name the title belongs to)."""
    return _title_word(token) or token.i in index.title_tokens or token.i in index.entity_of_token


def _ends_a_list(index: DocIndex, listed: list[Span]) -> bool:
    """A list of names has "and" / "or" before its last name; three commas-only names are none."""
    doc = index.doc
    before = listed[-1].start
    while before > 0 and _item_title_word(index, doc[before - 1]) and doc[before - 1].lower_ not in LIST_SEPARATORS:
        before -= 1
    return any(doc[i].lower_ in ("and", "or", "&") for i in range(max(before - 2, 0), before))


# Dependencies of a verb's object: the parser calls "Pierluisi" of "appointed Pierluisi as" an
# object predicate as often as an object.
OBJECT_DEPS = ("dobj", "oprd")


def subject_of(index: DocIndex, verb: Token, prefer_object: bool = False, besides: Token | None = None) -> Span | None:
    """The person a clause is about: its subject, or, `prefer_object`, its object in "named X as
    Y", "appointed him Foreign Secretary" (`besides`, the predicate, is no object). A verb with
    an object that names no person makes no one the post's holder: not its subject ("Rosselló
    appointed Pierluisi as secretary of state" where Pierluisi is not recognised)."""
    if prefer_object:
        obj = next((child for child in verb.children if child.dep_ in OBJECT_DEPS and child.pos_ in ("PROPN", "NOUN", "PRON")
                    and (besides is None or child.i != besides.i)), None)
        if obj is not None and obj.pos_ != "PRON":
            return index.person_at(obj)
        if obj is not None:
            # "him" is never the subject of its own clause ("May appointed him"): that would be "herself"
            person = index.antecedent(obj)
            return person if person != subject_of(index, verb) else None
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            if child.lower_ in WH_SUBJECTS and verb.dep_ == "relcl":
                # "who" refers to the name it follows, even when the parse attaches the clause higher,
                # or to the name a noun it follows is in apposition to ("Pranab Mukherjee, a career
                # politician who served as President of India")
                return index.person_at(verb.head) or (index.person_at(child.nbor(-1)) if child.i else None) or (
                    predicated_person(index, verb.head) if verb.head.dep_ == "appos" else None)
            if child.lower_ in PERSONAL_PRONOUNS:
                return index.antecedent(child)  # "He was also a member of the Select Committee"
            return index.person_at(child)
    if verb.dep_ in ("xcomp", "advcl", "conj", "dep") and verb.head is not verb:
        return subject_of(index, verb.head)
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":  # "served as X before joining the Senate"
        return subject_of(index, verb.head.head)
    if verb.dep_ in ("relcl", "acl"):
        # "a Turkish national now living in London": the person the noun is said of
        return index.person_at(verb.head) or predicated_person(index, verb.head)
    return None


def introduced_by_preposition(index: DocIndex, token: Token) -> bool:
    """Whether the phrase of `token` follows a preposition ("According to ISNA")."""
    left = token.left_edge.i
    return left > 0 and index.doc[left - 1].pos_ == "ADP"


def name_ending(index: DocIndex, head: Token) -> Span | None:
    """The person whose name ends the phrase of `head`, after a comma."""
    person = index.person_at(head.right_edge)
    return person if person is not None and person.start > 0 and index.doc[person.start - 1].text == "," else None


def tagged_person(index: DocIndex, tag: Token) -> Span | None:
    """The person whose party-letter tag `tag` heads: the parser hangs an apposition after the tag
    off its place ("Sen. Alan Cranston, D-Calif., chairman of the Senate Committee on Veterans Affairs")."""
    first = tag.left_edge
    if tag.dep_ != "appos" or first.text not in gazetteers.party_letters() or first.i + 1 >= len(index.doc) \
            or index.doc[first.i + 1].text not in HYPHENS:
        return None
    return index.person_at(tag.head)


def is_prospect(verb: Token) -> bool:
    """Whether a copula states its predicate only as a prospect: negated, with a modal of mere
    possibility ("could be"), or a condition or the consequence of one ("If elected, Harris would
    be"); a "would"/"will" alone states what was or will be so ("who would become the 44th President")."""
    modals = gazetteers.possibility_modals()
    return is_negated(verb) or is_condition(verb) or any(
        (child.dep_ == "aux" and child.lower_ in modals) or (child.dep_ == "advcl" and is_condition(child))
        for child in verb.children)


def predicated_person(index: DocIndex, head: Token) -> Span | None:
    """The person a title phrase is said of: in apposition (either way round), as a
    predicate ("is the secretary of state") or its subject ("the chairman is X"), after "as"
    (of a verb, or of a noun the person owns: "his time as"), or in "the post of". A name in
    apposition to one of conjoined titles is its own; one after the last of them is all
    theirs ("Haifa University geostrategy expert and former Israeli security official, Avinoam Idan")."""
    if head.dep_ == "conj" and (own := next((person for child in head.children if child.dep_ == "appos"
                                             and (person := index.person_at(child)) is not None), None)):
        return own
    while head.dep_ == "conj" and head.head is not head:
        head = head.head
    dep = head.dep_
    if dep == "appos":
        # "Speaking to AFP, the president of the league, Jamel Msallem, said": the title and the
        # name both hang off the name before them
        before = index.person_at(head.head) or tagged_person(index, head.head)
        if before is None and head.head.dep_ == "appos" and head.head.i in index.title_tokens:
            # "Boris Johnson — former Foreign Secretary, mayor of London, and ...": a title in
            # apposition to a title in apposition to the name
            before = predicated_person(index, head.head)
        after = next(
            (person for sibling in head.head.children if sibling.dep_ == "appos" and sibling.i > head.right_edge.i
             and (person := index.person_at(sibling)) is not None and index.doc[person.start - 1].text == ","), None)
        if before is not None and introduced_by_preposition(index, head.head):
            # "According to news agency ISNA, the prosecutor general of Tehran, Ali Alghasi Mehr, said": the
            # name before is a source, the holder is the name after, however the parser hung it
            return after or name_ending(index, head) or before
        if before is not None or after is not None:
            return before or after
        # else a name in apposition to the title itself: "news source Daily Xtra's editorial director,
        # Rachel Giese, said" (the title in apposition to a noun, not a name)
    if dep in ("attr", "oprd"):
        if dep == "attr" and is_prospect(head.head):
            return None  # "If elected, Harris would be the first woman to serve as Vice President"
        if any(child.dep_ == "nsubj" and child.lower_ in PERSONAL_PRONOUNS for child in head.head.children) and \
                any(quotation.start <= head.i < quotation.end for quotation in index.quotations):
            return None  # a quoted "he" is whom the speaker talks of: 'Vijay Goel said, "He was an excellent politician."'
        # an object predicate is said of the object: "May appointed him Foreign Secretary"
        return subject_of(index, head.head, prefer_object=dep == "oprd", besides=head)
    if dep == "nsubj" and head.head.lemma_ == "be":
        # "The chairman of the committee is Adam Schiff", "the army, whose commander-in-chief is X"
        person = next((index.person_at(child) for child in head.head.children if child.dep_ == "attr"), None)
        if person is not None:
            return person
    # the parser may take "as" for the title's subordinator: "his time as bond department head at Drexel"
    as_mark = dep == "advcl" and any(child.dep_ == "mark" and child.lower_ == "as" for child in head.children)
    if (dep == "pobj" and head.head.lower_ == "as") or as_mark:
        verb = head.head if as_mark else head.head.head
        if verb.pos_ == "NOUN":
            # "his time as bond department head", "Cummings's role as the committee's acting chair",
            # "serving his third term as president": the noun's owner
            owner = next((child for child in verb.children if child.dep_ == "poss"), None)
            if owner is None:
                return None
            return index.owner(owner)
        return subject_of(index, verb, prefer_object=verb.lemma_ in gazetteers.appointing_verbs())
    if dep == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_ in gazetteers.post_nouns():
        post = head.head.head
        return subject_of(index, post.head) if post.dep_ in ("dobj", "attr", "nsubjpass") else None
    # "geostrategy expert and former Israeli security official, Avinoam Idan": a name in apposition
    # to the last of conjoined titles holds them all; not one in apposition to a noun with its own
    # determiner ("The governor and his spokesman, Tom Lee"), who is someone else
    conjoined_titles = [last for last in head.conjuncts[-1:] if last.i in index.title_tokens
                        and not any(child.dep_ in ("det", "poss") for child in last.children)]
    for child in (*head.children, *(child for last in conjoined_titles for child in last.children)):
        if child.dep_ == "appos" and (person := index.person_at(child)) is not None:
            return person
    return name_after_comma(index, head) or name_hung_off_object(index, head)


# What may close a name in apposition: "the El Paso mayor, Dee Margo, said", "... Dee Margo."
APPOSITION_CLOSERS = frozenset({",", ")", ".", ";", ":", "—"})


def _opens_relative_clause(doc: Doc, comma: int) -> bool:
    """Whether the punctuation at `comma` opens a relative clause on the name before it ("After
    meeting the president, Nancy Pelosi, who leads House Democrats, said"): then the name is
    the sentence's subject, not in apposition to the title before it."""
    return comma + 1 < len(doc) and doc[comma + 1].tag_ in ("WP", "WP$", "WDT")


def name_after_comma(index: DocIndex, head: Token) -> Span | None:
    """The name a comma sets after a title phrase: "The Labour Party's leader, Jeremy Corbyn
    announced". After a title that is no subject, only a name that punctuation closes:
    "According to the El Paso mayor, Dee Margo, police were", not the subject of the clause that
    follows ("In a letter to the governor, Tim Walz said")."""
    doc = index.doc
    at = head.right_edge.i + 2
    person = index.person_at(doc[at]) if at < len(doc) and doc[at - 1].text == "," else None
    if person is None or person.start != at:
        return None
    closed = person.end == len(doc) or (doc[person.end].text in APPOSITION_CLOSERS and not _opens_relative_clause(doc, person.end))
    return person if head.dep_ in ("nsubj", "ROOT", "appos") or closed else None


def name_hung_off_object(index: DocIndex, head: Token) -> Span | None:
    """The name the parser hung off the place or organisation of a subject title's "of" / "for"
    phrase: "The mayor of New Orleans, LaToya Cantrell, advised residents", "the director of
    Argentina's Amnesty International, Mariela Belski, said". Only where nothing else can hold
    it: the title is its clause's subject, the name is set off by commas, and the title's verb
    follows the closing comma (a place or organisation has no name in apposition)."""
    doc = index.doc
    if head.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = head.head
    for preposition in head.children:
        if preposition.dep_ != "prep" or gazetteers.title_prepositions().get(preposition.lower_) != "post":
            continue
        for obj in preposition.children:
            if obj.dep_ != "pobj" or index.entity_of(obj) is None:
                continue
            for child in obj.children:
                person = index.person_at(child) if child.dep_ == "appos" else None
                if person is None or doc[person.start - 1].text != "," or person.end + 1 >= len(doc) \
                        or doc[person.end].text != ",":
                    continue
                after = doc[person.end + 1]
                if after == verb or (after.head == verb and after.dep_ in ("aux", "auxpass", "advmod", "neg")):
                    return person
    return None

