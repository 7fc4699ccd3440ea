"""Posts people hold, read from the noun phrases that describe them.

A person is described by a title written before the name ("Minnesota Gov. Mark Dayton",
"then-governor of Alaska Sarah Palin"), by an apposition ("Catherine Scott, HealthPartners
spokeswoman"; "The Labour Party's leader, Jeremy Corbyn"), or by a predicate ("X is a former
writer for Alpha News", "X served as the US ambassador to the United Nations", "X held the
post of Speaker"). Each description is read the same way: the title, then the words in front
of it (qualifiers, party, place, organisation, department), then its "of / for / to / from"
phrases. `describe_people` returns one `Description` per described person and post;
`position_facts` turns them into `holds_position` facts and
`kgnews.nlp.extract.affiliations` into affiliations.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Iterable, Iterator

from spacy.attrs import ENT_IOB, ENT_TYPE, LEMMA, LOWER, ORTH, SENT_START
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token

from kgnews.nlp import gazetteers
from kgnews.nlp.gazetteers import Office, Party, Place, Title
from kgnews.nlp.spanfacts import SpanFact

MODIFIER_LABELS = {"GPE", "LOC", "ORG", "NORP", "FAC"}
PLACE_LABELS = {"GPE", "LOC"}
# Prepositions that attach a post to its organisation or place ("spokeswoman for X").
POST_PREPOSITIONS = {"of", "for", "at", "to", "with"}
# Nouns naming a post in "held the post of Speaker", "resumed the office of Speaker".
POST_NOUNS = {"office", "post", "position", "role", "job", "seat", "title", "chair", "helm"}
# A lower-case noun right before a name is an occupation when it names an agent
# ("drummer Mickey Hart", "political scholar Kelly Dittmar"), not a relative or a crowd.
AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ar")
NOT_OCCUPATIONS = {
    "brother", "daughter", "father", "mother", "sister", "partner", "grandmother",
    "grandfather", "stepfather", "stepmother", "neighbor", "neighbour", "member",
    "supporter", "voter", "user", "viewer", "reader", "customer", "rival", "challenger",
}
# Words before a title that make it a different post, so "Vice President" is never merged
# into "President" when one person's posts are unified.
RANK_WORDS = {"vice", "deputy", "lieutenant", "assistant", "under", "associate", "chief"}
# Last words of an untagged proper-noun phrase that make it a place rather than an organisation.
PLACE_HEADS = {"District", "County", "Ward", "Township", "Province", "Region", "Borough"}
WH_SUBJECTS = {"who", "that", "which"}
PLACE_RANK = {"city": 0, "state": 1, "country": 2}
DOC_INDEX_KEY = ("kgnews", "doc_index")


@dataclass
class Description:
    """What one phrase says about a person: a post, a party, a place they represent."""

    subject: Span
    sentence: Span
    role: str | None = None  # normalised post, department words included: "Commerce Commissioner"
    title_role: str | None = None  # the title's own role: "Commissioner"
    kind: str = "office"  # kind of the title (titles.tsv); "party" when only a party is named
    # ("employment" descriptions are kept only with a role_of: see `describe_people`)
    role_of: Span | str | None = None
    role_of_type: str | None = None  # "Place" / "Organization" when role_of is a str
    preposition: str | None = None  # how an explicit role_of was attached: "of", "for", "to"
    department: str | None = None  # "Commerce" in "Commerce Commissioner"
    qualifier: str | None = None
    party: Party | None = None
    home: Span | str | None = None  # the place represented ("Senator from Texas")
    plural: bool = False  # "members of the House X and Y": the description fits conjoined names
    confidence: float = 0.9

    @property
    def office(self) -> Office | None:
        return gazetteers.offices().get(self.title_role.lower()) if self.title_role else None


@dataclass
class Modifiers:
    """Words in front of a title, read right to left."""

    start: int  # first token of the modified phrase
    place: Span | str | None = None
    org: Span | None = None
    party: Party | None = None
    qualifier: str | None = None
    department: list[str] = field(default_factory=list)


class PhraseIndex:
    """Gazetteer phrases found token by token: leftmost-longest, non-overlapping.

    Compares hashed token attributes (one `Doc.to_array` call) rather than running a spaCy
    Matcher, whose state machine over a few hundred phrases costs more than the whole rest
    of the extraction. An abbreviation's period may be a token of its own ("Vt" "."), and
    hyphens are tokens ("then" "-" "Vice").
    """

    PERIOD = hash_string(".")

    def __init__(self, phrases: Iterable[tuple[str, object]], lower: bool) -> None:
        self.attr = LOWER if lower else ORTH
        self.by_first: dict[int, list[tuple[tuple[tuple[frozenset[int], bool], ...], object]]] = {}
        for surface, value in phrases:
            words = []
            for word in re.findall(r"[^\s\-–]+|[-–]", surface.lower() if lower else surface):
                abbreviation = len(word) > 1 and word.endswith(".")
                forms = {word, word[:-1]} if abbreviation else {word}
                words.append((frozenset(hash_string(form) for form in forms), abbreviation))
            for first in words[0][0]:
                self.by_first.setdefault(first, []).append((tuple(words), value))
        for candidates in self.by_first.values():
            candidates.sort(key=lambda candidate: -len(candidate[0]))

    def find(self, doc: Doc) -> list[tuple[int, int, object]]:
        ids = [int(value) for value in doc.to_array(self.attr)] if len(doc) else []
        found = []
        i = 0
        while i < len(ids):
            end = None
            for phrase, value in self.by_first.get(ids[i], ()):
                end = self.match_end(ids, i, phrase)
                if end is not None:
                    found.append((i, end, value))
                    break
            i = end if end is not None else i + 1
        return found

    def match_end(self, ids: list[int], start: int, phrase: tuple[tuple[frozenset[int], bool], ...]) -> int | None:
        j = start
        for forms, abbreviation in phrase:
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


class DocIndex:
    """Per-Doc lookups shared by the extractors: entities by position, title and party matches."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text  # `Doc.text` joins the tokens anew on every access
        arrays = doc.to_array([LOWER, LEMMA, SENT_START]).tolist() if len(doc) else []
        self.lowers = [row[0] for row in arrays]
        self.lemmas = [row[1] for row in arrays]
        self.ents = list(doc.ents)
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
            if span.text.islower() and span.root.pos_ not in ("NOUN", "PROPN"):
                continue  # "major", "general" as adjectives
            inside = self.entity_of_token.get(start)
            if inside is not None and inside.label_ != "NORP" and (inside.end > end or inside.start < start):
                continue  # "General" in "Maryland General Assembly", "Party" in "Conservative Party"
            self.title_spans.append(span)
            self.titles[start] = title
        self.title_tokens = {i for span in self.title_spans for i in range(span.start, span.end)}
        self.title_ending_at = {span.end: span for span in self.title_spans}
        self.title_starting_at = {span.start: span for span in self.title_spans}
        self.party_spans = [doc[start:end] for start, end, _ in party_index().find(doc)]
        self.party_ending_at = {span.end: span for span in self.party_spans}
        self.sentence_starts = [0, *(i for i, row in enumerate(arrays) if row[2] == 1 and i > 0)]

    def sentence(self, token_index: int) -> Span:
        """The sentence holding a token (a bisect, where `Span.sent` walks the whole Doc)."""
        position = bisect_right(self.sentence_starts, token_index)
        end = self.sentence_starts[position] if position < len(self.sentence_starts) else len(self.doc)
        return self.doc[self.sentence_starts[position - 1] : end]

    @classmethod
    def of(cls, doc: Doc) -> DocIndex:
        """The index of `doc`, built once and kept in `doc.user_data` while its entities stay
        the same (the positions and places components share it)."""
        fingerprint = hash(doc.to_array([ENT_IOB, ENT_TYPE]).tobytes()) if len(doc) else 0
        cached = doc.user_data.get(DOC_INDEX_KEY)
        if cached is None or cached[0] != fingerprint:
            cached = (fingerprint, cls(doc))
            doc.user_data[DOC_INDEX_KEY] = cached
        return cached[1]

    def tokens(self, lowers: Iterable[str] = (), lemmas: Iterable[str] = ()) -> Iterator[Token]:
        """The tokens with one of the given lower-case forms or lemmas, found by hash."""
        wanted_lowers = {hash_string(word) for word in lowers}
        wanted_lemmas = {hash_string(word) for word in lemmas}
        for i, (lower, lemma) in enumerate(zip(self.lowers, self.lemmas)):
            if lower in wanted_lowers or lemma in wanted_lemmas:
                yield self.doc[i]

    def person_at(self, token: Token) -> Span | None:
        return self.person_of_token.get(token.i)

    def entity_of(self, token: Token) -> Span | None:
        """The modifier entity (place, organisation, group) containing `token`."""
        return self.entity_of_token.get(token.i)


def party_of(text: str) -> Party | None:
    return gazetteers.party_names().get(text)


def place_of(text: str) -> Place | None:
    return gazetteers.places().get(re.sub(r"^the ", "", text))


def text_of(ref: Span | str) -> str:
    return ref if isinstance(ref, str) else ref.text


def read_modifiers(index: DocIndex, end: int, lower_bound: int, title: Title | None) -> Modifiers:
    """Read the qualifiers, party, place, organisation and department words that end at token
    `end` (exclusive), right to left, stopping at the first word that is none of these."""
    doc = index.doc
    office = gazetteers.offices().get(title.role.lower()) if title is not None else None
    department_allowed = office is not None and office.department
    qualifiers, demonyms = gazetteers.qualifiers(), gazetteers.demonyms()
    mods = Modifiers(start=end)
    k = end
    while k > lower_bound:
        token = doc[k - 1]
        party_span = index.party_ending_at.get(k)
        ent = index.entity_ending_at.get(k)
        if party_span is not None and mods.party is None and party_span.start >= lower_bound:
            mods.party = party_of(party_span.text)
            if party_span.text == mods.party.name and (office is None or not office.scope):
                mods.org = ent if ent is not None and ent.label_ == "ORG" else None  # "Labour Party leader"
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
        elif token.tag_ == "POS" and (owner := index.entity_ending_at.get(k - 1)) is not None:
            if owner.label_ in PLACE_LABELS and mods.place is None:
                mods.place = owner
            elif owner.label_ == "ORG" and mods.org is None:
                mods.org = owner
            else:
                break
            k = owner.start
        elif token.lower_ in qualifiers and mods.qualifier is None:
            mods.qualifier = qualifiers[token.lower_]
            k -= 1
        elif token.text in ("-", "–") and k - 1 > lower_bound and doc[k - 2].lower_ in qualifiers:
            k -= 1
        elif token.text in demonyms and mods.place is None:
            mods.place = demonyms[token.text].name
            k -= 1
        elif department_allowed and token.is_title and token.pos_ in ("PROPN", "NOUN") and not mods.department:
            mods.department = [token.text]
            k -= 1
        elif token.is_lower and token.pos_ == "NOUN" and token.dep_ == "compound" and k == end:
            k -= 1  # "committee" in "Democratic committee chairman" names no post of its own
        elif token.is_lower and token.pos_ == "ADJ" and token.dep_ == "amod":
            k -= 1  # "the Democratic Party's presumptive nominee", "the current chairwoman"
        elif token.pos_ == "DET" and k == end:
            k -= 1
        else:
            break
        mods.start = k
    return mods


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
    if obj.is_lower and any(ent.label_ in PLACE_LABELS for ent in inner):
        return Span(doc, start, obj.i + 1, label="ORG")  # "the New York police"
    if obj.i in index.title_tokens:
        return None  # "nominee for President": a post, not an organisation
    if obj.pos_ == "PROPN" and obj.is_title and all(t.is_title or t.like_num or t.tag_ == "POS" or t.is_lower and t.tag_ == "JJ"
                                                   for t in doc[start : obj.i + 1]):
        return Span(doc, start, obj.i + 1, label="GPE" if obj.text in PLACE_HEADS else "ORG")
    return None


def attached_entities(index: DocIndex, token: Token, after: int, prepositions: set[str]) -> Iterator[tuple[str, Span]]:
    """Entities in the prepositional phrases hanging off `token` after token `after`
    ("of Minnesota Management and Budget", "for Alpha News"), with their preposition."""
    for prep in token.children:
        if prep.dep_ != "prep" or prep.i < after or prep.lower_ not in prepositions:
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj" and (ent := phrase_entity(index, obj)) is not None:
                yield prep.lower_, ent


def entity_after_name(index: DocIndex, person: Span, prepositions: set[str]) -> Span | None:
    """The organisation or place of a phrase right after a person's name, past an age:
    "Jane Doe of Dallas", "Jane Doe, 45, of Dallas", "John Roe of the Heritage Foundation"."""
    doc = index.doc
    at = person.end
    if at + 2 < len(doc) and doc[at].text == "," and doc[at + 1].like_num and doc[at + 2].text == ",":
        at += 3
    if at + 1 >= len(doc) or doc[at].lower_ not in prepositions:
        return None
    first = at + 1 + (doc[at + 1].lower_ == "the")
    ent = index.entity_of_token.get(first)
    return ent if ent is not None and ent.start == first else None


def subject_of(index: DocIndex, verb: Token, prefer_object: bool = False) -> Span | None:
    """The person a clause is about: its subject, or its object in "named X as Y"."""
    if prefer_object:
        for child in verb.children:
            if child.dep_ == "dobj" and (person := index.person_at(child)) is not None:
                return person
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            if child.lower_ in WH_SUBJECTS and verb.dep_ == "relcl":
                # "who" refers to the name it follows, even when the parse attaches the clause higher
                return index.person_at(verb.head) or (index.person_at(child.nbor(-1)) if child.i else None)
            return index.person_at(child)
    if verb.dep_ in ("xcomp", "advcl", "conj") and verb.head is not verb:
        return subject_of(index, verb.head)
    if verb.dep_ in ("relcl", "acl"):
        return index.person_at(verb.head)
    return None


def predicated_person(index: DocIndex, head: Token) -> Span | None:
    """The person a title phrase is said of: in apposition (either way round), as a
    predicate ("is the secretary of state"), after "as", or in "the post of"."""
    while head.dep_ == "conj" and head.head is not head:
        head = head.head
    dep = head.dep_
    if dep == "appos":
        return index.person_at(head.head)
    if dep in ("attr", "oprd"):
        return subject_of(index, head.head)
    if dep == "pobj" and head.head.lower_ == "as":
        return subject_of(index, head.head.head, prefer_object=True)
    if dep == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_ in POST_NOUNS:
        post = head.head.head
        return subject_of(index, post.head) if post.dep_ in ("dobj", "attr", "nsubjpass") else None
    for child in head.children:
        if child.dep_ == "appos" and (person := index.person_at(child)) is not None:
            return person
    # "The Labour Party's leader, Jeremy Corbyn announced": a comma, then the name
    after = head.right_edge.i + 1
    if after + 1 < len(index.doc) and index.doc[after].text == ",":
        person = index.person_at(index.doc[after + 1])
        if person is not None and person.start == after + 1 and head.dep_ in ("nsubj", "ROOT", "appos"):
            return person
    return None


def occupation_before(index: DocIndex, end: int) -> Span | None:
    """Lower-case occupation nouns ending at token `end` ("fashion designer Tim Gunn")."""
    doc = index.doc
    i = end - 1
    if i < 0:
        return None
    noun = doc[i]
    if not (noun.pos_ == "NOUN" and noun.is_lower and noun.lower_.endswith(AGENT_SUFFIXES)
            and noun.lower_ not in NOT_OCCUPATIONS and noun.dep_ == "compound"):
        return None
    start = i
    while (start > 0 and doc[start - 1].is_lower and doc[start - 1].pos_ in ("NOUN", "ADJ")
           and doc[start - 1].dep_ in ("compound", "amod") and doc[start - 1].head.i >= start
           and doc[start - 1].lower_ not in gazetteers.qualifiers()):
        start -= 1
    return doc[start : i + 1]


def title_case(words: str) -> str:
    return " ".join(word[:1].upper() + word[1:] for word in words.split())


def describe(index: DocIndex, person: Span, title_span: Span, title: Title | None, mods: Modifiers,
             attached: list[tuple[str, Span]]) -> Description:
    """One description from a title (or a party word), the modifiers before it and the
    prepositional phrases after it."""
    office = gazetteers.offices().get(title.role.lower()) if title is not None else None
    role = None
    if title is not None and title.kind not in ("membership", "honorific"):
        role = title.role
    elif title is None and mods.party is None:
        role = title_case(title_span.text)  # an occupation noun
    home: Span | None = None
    explicit: tuple[str, Span] | None = None
    legislator = office is not None and office.represents
    for preposition, ent in attached:
        if preposition == "from":
            # "a Republican from Texas" represents Texas; "a teacher from Leeds" represents nothing
            if legislator or mods.party is not None:
                home = home or ent
        elif explicit is None:
            explicit = (preposition, ent)
    role_of: Span | str | None = mods.org or mods.place
    preposition = None
    if explicit is not None:
        preposition, ent = explicit
        place = place_of(ent.text) if ent.label_ in PLACE_LABELS else None
        if ent.label_ in PLACE_LABELS and (
            (legislator and (place is None or place.kind != "country"))
            or ((office is None or not office.scope) and (mods.party or (title and title.kind == "membership")))
        ):
            home = home or ent  # "Representative X of Maryland's seventh district", "Doug Collins of Georgia"
        elif (ent.label_ not in PLACE_LABELS and mods.org is None) or role_of is None:
            role_of = ent
        else:
            preposition = None
    qualifier = mods.qualifier or next(
        (gazetteers.qualifiers()[t.lower_] for t in title_span if t.lower_ in gazetteers.qualifiers()), None
    )
    department = " ".join(mods.department) or None
    return Description(
        subject=person,
        sentence=index.sentence(person.start),
        role=f"{department} {role}" if department and role else role,
        title_role=title.role if title is not None and role else role,
        kind=title.kind if title is not None else ("party" if mods.party and not role else "occupation"),
        role_of=role_of,
        role_of_type="Place" if isinstance(role_of, str) else None,
        preposition=preposition,
        department=department,
        qualifier=qualifier,
        party=mods.party,
        home=home,
        plural=title_span.root.tag_ in ("NNS", "NNPS"),
    )


def describe_people(doc: Doc) -> list[Description]:
    """Every description of a person in `doc`, with the places posts leave implicit filled in
    (see `complete_descriptions`)."""
    index = DocIndex.of(doc)
    descriptions: list[Description] = []
    used_titles: set[int] = set()
    for person in index.people:
        descriptions.extend(describe_named(index, person, used_titles))
    for title_span in index.title_spans:
        if title_span.start not in used_titles:
            descriptions.extend(describe_predicate(index, title_span, index.titles[title_span.start]))
    for party_span in index.party_spans:
        descriptions.extend(describe_predicate(index, party_span, None))
    # list(): extending a list from a generator that iterates that same list never ends.
    descriptions.extend(list(share_with_conjuncts(index, descriptions)))
    return [description for description in complete_descriptions(doc, descriptions)
            if description.kind != "employment" or description.role_of is not None]


def title_before(index: DocIndex, end: int) -> tuple[Span | None, Span | None]:
    """The title ending at token `end`, skipping honorifics; or the title of "then-governor of
    Alaska Sarah Palin", with the entity its "of" names."""
    doc = index.doc
    title_span = index.title_ending_at.get(end)
    while title_span is not None and index.titles[title_span.start].kind == "honorific":
        title_span = index.title_ending_at.get(title_span.start)
    if title_span is not None:
        return title_span, None
    ent = index.entity_ending_at.get(end)
    if ent is None:
        return None, None
    of = ent.start - 1 - (ent.start > 0 and doc[ent.start - 1].lower_ == "the")
    if of > 0 and doc[of].lower_ == "of":
        return index.title_ending_at.get(of), ent
    return None, None


def describe_named(index: DocIndex, person: Span, used_titles: set[int]) -> Iterator[Description]:
    """The titles written before a name ("Conservative Party leader and Prime Minister Boris
    Johnson"), with the "of" phrase after the name."""
    doc = index.doc
    lower_bound = index.sentence(person.start).start
    subject = person
    title_span = index.title_starting_at.get(person.start)
    of_entity = None
    if title_span is not None and title_span.end < person.end:
        subject = doc[title_span.end : person.end]  # the entity swallowed its title
    else:
        title_span, of_entity = title_before(index, person.start)
    attached = list(attached_entities(index, subject.root, subject.end, POST_PREPOSITIONS | {"from"}))
    if of_entity is not None:
        attached.insert(0, ("of", of_entity))
    if title_span is None:
        occupation = occupation_before(index, person.start)
        mods = read_modifiers(index, occupation.start if occupation else person.start, lower_bound, None)
        if occupation is not None or mods.party is not None:
            yield describe(index, subject, occupation or doc[mods.start : person.start], None, mods, attached)
        return
    while title_span is not None:
        title = index.titles[title_span.start]
        used_titles.add(title_span.start)
        mods = read_modifiers(index, title_span.start, lower_bound, title)
        yield describe(index, subject, title_span, title, mods, attached)
        attached = []
        conjunction = mods.start - 1
        if conjunction <= lower_bound or doc[conjunction].lower_ not in ("and", "&"):
            break
        title_span = index.title_ending_at.get(conjunction)


def describe_predicate(index: DocIndex, span: Span, title: Title | None) -> Iterator[Description]:
    """A title or party phrase said of a person elsewhere in the clause."""
    if title is not None and title.kind == "honorific":
        return
    head = span.root
    if title is None and (head.dep_ not in ("appos", "attr", "oprd", "pobj", "nsubj") or head.pos_ not in ("NOUN", "PROPN")):
        return  # a party named as an adjective ("Republican majority") describes no one
    person = predicated_person(index, head)
    if person is None or person.start <= span.start < person.end:
        return
    lower_bound = max(head.left_edge.i, index.sentence(person.start).start)
    if person.end <= span.start:
        lower_bound = max(lower_bound, person.end)
    mods = read_modifiers(index, span.start, lower_bound, title)
    if title is None:
        mods.party = mods.party or party_of(span.text)
    conjuncts = [conj for conj in head.conjuncts if any(start <= conj.i < span.end for start, span in
                                                        ((t.start, t) for t in index.title_spans))]
    attached = [found for token in (head, *conjuncts) for found in
                attached_entities(index, token, span.end, POST_PREPOSITIONS | {"from"})]
    yield describe(index, person, span, title, mods, attached)


def share_with_conjuncts(index: DocIndex, descriptions: list[Description]) -> Iterator[Description]:
    """A plural title before conjoined names applies to each ("Representatives X and Y")."""
    described = {d.subject.start for d in descriptions}
    for description in descriptions:
        if not description.plural:
            continue
        for conj in description.subject.root.conjuncts:
            person = index.person_at(conj)
            if person is not None and person.start not in described:
                yield replace(description, subject=person, sentence=index.sentence(person.start))


def subject_key(description: Description) -> str:
    return description.subject[-1].lower_


def same_post(shorter: str, longer: str) -> bool:
    """"Speaker" and "House Speaker" name one post; "President" and "Vice President" do not."""
    short_words, long_words = shorter.lower().split(), longer.lower().split()
    extra = long_words[: len(long_words) - len(short_words)]
    return long_words[len(extra):] == short_words and not RANK_WORDS & set(extra)


def complete_descriptions(doc: Doc, descriptions: list[Description]) -> list[Description]:
    """Fill in what a description leaves implicit from the rest of the article:
    - a state named with a national legislator's title ("Texas Senator") is the place represented;
    - one person's post named in several ways ("Speaker", "House Speaker") takes the fullest name;
    - a post without a place takes the place the article gives it for that person elsewhere,
      else the article's main country or state for its scope (lower confidence)."""
    main_places = article_places(doc)
    completed = []
    for description in descriptions:
        office = description.office
        if office is not None and office.represents and description.role_of is not None:
            place = place_of(text_of(description.role_of))
            if place is not None and PLACE_RANK[place.kind] < PLACE_RANK[office.scope[0]]:
                description = replace(description, home=description.home or description.role_of,
                                      role_of=place.country, role_of_type="Place")
        completed.append(description)
    posts: dict[str, list[Description]] = {}
    for description in completed:
        if description.role:
            posts.setdefault(subject_key(description), []).append(description)
    for same_person in posts.values():
        for description in same_person:
            fuller = [other for other in same_person if same_post(description.role, other.role)]
            fullest = max(fuller, key=lambda other: (len(other.role.split()), other.role_of is not None))
            description.role = fullest.role
            placed = fullest if fullest.role_of is not None else next(
                (other for other in fuller if other.role_of is not None), None)
            if description.role_of is None and placed is not None:
                description.role_of, description.role_of_type = placed.role_of, placed.role_of_type
                description.preposition = placed.preposition
                description.department = description.department or placed.department
    for description in completed:
        office = description.office
        if description.role and description.role_of is None and office is not None and office.scope:
            main = main_places.get(office.scope[0])
            if main is not None:
                description.role_of, description.role_of_type, description.confidence = main, "Place", 0.6
    return completed


def article_places(doc: Doc) -> dict[str, str]:
    """The country and the US state the article is about: the one named at least twice as
    often as any other (a state counting for its country). An article spread over several
    countries has none, so a foreign leader's unplaced post is not given its main country."""
    counts: dict[str, Counter[str]] = {"country": Counter(), "state": Counter()}
    for ent in DocIndex.of(doc).ents:
        place = place_of(ent.text) if ent.label_ in PLACE_LABELS else None
        if place is None:
            continue
        counts[place.kind][place.name] += 1
        if place.kind == "state":
            counts["country"][place.country] += 1
    main = {}
    for scope, counter in counts.items():
        if counter:
            (name, count), *others = counter.most_common(2)
            if not others or count >= 2 * others[0][1]:
                main[scope] = name
    return main


def position_facts(descriptions: Iterable[Description]) -> Iterator[SpanFact]:
    """One `holds_position` fact per description that names a post."""
    for description in descriptions:
        if not description.role:
            continue
        yield SpanFact(
            subject=description.subject,
            relation="holds_position",
            sentence=description.sentence,
            object_type="Position",
            role=description.role,
            role_of=description.role_of,
            role_of_type=description.role_of_type,
            qualifier=description.qualifier,
            confidence=description.confidence,
        )
