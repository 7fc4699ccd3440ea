"""Posts people hold, read from the noun phrases that describe them.

A person is described by a title written before the name ("Minnesota Gov. Mark Dayton"),
by an apposition ("Catherine Scott, HealthPartners spokeswoman"), or by a predicate ("X is a
former writer for Alpha News", "X served as the US ambassador to the United Nations", "X held
the post of Speaker"). Each description is read the same way: the title, then the words in
front of it (qualifiers, party, place, organisation, department), then its "of / for / to"
phrases. `describe_people` returns one `Description` per described person; `position_facts`
turns them into `holds_position` facts and `kgnews.nlp.extract.affiliations` into affiliations.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, Iterator

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from kgnews.nlp import gazetteers
from kgnews.nlp.gazetteers import Office, Party, Title
from kgnews.nlp.spanfacts import SpanFact

MODIFIER_LABELS = {"GPE", "LOC", "ORG", "NORP", "FAC"}
PLACE_LABELS = {"GPE", "LOC"}
# Prepositions that attach a post to its organisation or place ("spokeswoman for X").
POST_PREPOSITIONS = {"of", "for", "at", "to", "with"}
# Nouns naming a post in "held the post of Speaker", "resumed the office of Speaker".
POST_NOUNS = {"office", "post", "position", "role", "job", "seat", "title", "chair", "helm"}
# A lower-case noun right before a name is an occupation when it names an agent
# ("drummer Mickey Hart", "political scholar Kelly Dittmar"), not a relative.
AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ar")
KINSHIP_NOUNS = {
    "brother", "daughter", "father", "mother", "sister", "partner", "grandmother",
    "grandfather", "stepfather", "stepmother", "daughter-in-law", "son-in-law", "neighbor",
    "neighbour", "member", "supporter", "voter", "user", "viewer", "reader", "customer",
}
WH_SUBJECTS = {"who", "that", "which"}
PLACE_RANK = {"city": 0, "state": 1, "country": 2, "none": 3}


@dataclass
class Description:
    """What one phrase says about a person: a post, a party, a place they represent."""

    subject: Span
    sentence: Span
    role: str | None = None
    title_role: str | None = None  # the title's own role, without department words
    kind: str = "office"  # kind of the title (titles.tsv); "party" when only a party is named
    role_of: Span | str | None = None
    role_of_type: str | None = None  # "Place" / "Organization" when role_of is a str
    department: str | None = None  # "Commerce" in "Commerce Commissioner"
    qualifier: str | None = None
    party: Party | None = None
    home: Span | str | None = None  # the place represented ("Senator from Texas")
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
    department: list[str] | None = None


def token_pattern(surface: str, attr: str) -> list[dict]:
    """A Matcher pattern for a gazetteer surface form, tolerant of "Gov." being split as
    "Gov" + "." and of hyphens being tokens of their own."""
    pattern: list[dict] = []
    for word in re.findall(r"[^\s\-–]+|[-–]", surface):
        value = word.lower() if attr == "LOWER" else word
        if word.endswith(".") and len(word) > 1:
            pattern.append({attr: {"IN": [value, value[:-1]]}})
            pattern.append({"ORTH": ".", "OP": "?"})
        else:
            pattern.append({attr: value})
    return pattern


@lru_cache(maxsize=8)
def title_matcher(vocab: Vocab) -> tuple[Matcher, dict[str, Title]]:
    by_key = {title.surface.lower(): title for title in gazetteers.titles()}
    matcher = Matcher(vocab)
    for key, title in by_key.items():
        matcher.add(key, [token_pattern(title.surface, "LOWER")])
    return matcher, by_key


@lru_cache(maxsize=8)
def party_matcher(vocab: Vocab) -> Matcher:
    matcher = Matcher(vocab)
    for form in gazetteers.party_names():
        matcher.add(form, [token_pattern(form, "ORTH")])
    return matcher


class DocIndex:
    """Per-Doc lookups shared by the extractors: entities by boundary, title and party matches."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.entity_ending_at: dict[int, Span] = {}
        self.entity_of_token: dict[int, Span] = {}
        self.person_of_token: dict[int, Span] = {}
        for ent in doc.ents:
            if ent.label_ in MODIFIER_LABELS:
                self.entity_ending_at[ent.end] = ent
                for i in range(ent.start, ent.end):
                    self.entity_of_token[i] = ent
            if ent.label_ == "PERSON":
                for i in range(ent.start, ent.end):
                    self.person_of_token[i] = ent
        matcher, by_key = title_matcher(doc.vocab)
        spans = [
            Span(doc, start, end, label=key)
            for key, start, end in matcher(doc, as_spans=False)
            for key in (doc.vocab.strings[key],)
        ]
        self.titles: dict[int, Title] = {}  # span start -> title
        self.title_spans: list[Span] = []
        for span in filter_spans(spans):
            if span.text.islower() and span.root.pos_ not in ("NOUN", "PROPN"):
                continue  # "major", "general" as adjectives
            self.title_spans.append(span)
            self.titles[span.start] = by_key[span.label_]
        self.title_ending_at = {span.end: span for span in self.title_spans}
        self.title_starting_at = {span.start: span for span in self.title_spans}
        parties = party_matcher(doc.vocab)
        self.party_spans = filter_spans(parties(doc, as_spans=True))
        self.party_ending_at = {span.end: span for span in self.party_spans}

    def person_at(self, token: Token) -> Span | None:
        return self.person_of_token.get(token.i)

    def entity_of(self, token: Token) -> Span | None:
        """The modifier entity (place, organisation, group) containing `token`."""
        return self.entity_of_token.get(token.i)


def party_of(text: str) -> Party | None:
    return gazetteers.party_names().get(text)


def place_of(text: str) -> gazetteers.Place | None:
    return gazetteers.places().get(re.sub(r"^the ", "", text))


def read_modifiers(index: DocIndex, end: int, lower_bound: int, title: Title | None) -> Modifiers:
    """Read the qualifiers, party, place, organisation and department words that end at token
    `end` (exclusive), right to left, stopping at the first word that is none of these."""
    doc = index.doc
    office = gazetteers.offices().get(title.role.lower()) if title is not None else None
    department_allowed = office is not None and office.department
    mods = Modifiers(start=end)
    k = end
    while k > lower_bound:
        token = doc[k - 1]
        party_span = index.party_ending_at.get(k)
        ent = index.entity_ending_at.get(k)
        if party_span is not None and mods.party is None:
            mods.party = party_of(party_span.text)
            k = party_span.start
        elif ent is not None and ent.start >= lower_bound:
            if department_allowed and ent.label_ == "ORG" and len(ent) == 1 and not mods.department:
                mods.department = [ent.text]
            elif ent.label_ == "ORG" and mods.org is None and mods.place is None:
                mods.org = ent
            elif ent.label_ in PLACE_LABELS and mods.place is None:
                mods.place = ent
            elif ent.label_ == "NORP" and mods.place is None and ent.text in gazetteers.demonyms():
                mods.place = gazetteers.demonyms()[ent.text].name
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
        elif token.lower_ in gazetteers.qualifiers() and mods.qualifier is None:
            mods.qualifier = gazetteers.qualifiers()[token.lower_]
            k -= 1
        elif token.text in ("-", "–") and k - 1 > lower_bound and doc[k - 2].lower_ in gazetteers.qualifiers():
            k -= 1
        elif token.text in gazetteers.demonyms() and mods.place is None:
            mods.place = gazetteers.demonyms()[token.text].name
            k -= 1
        elif department_allowed and token.is_title and token.pos_ in ("PROPN", "NOUN") and not mods.department:
            mods.department = [token.text]
            k -= 1
        elif token.pos_ == "DET" and k == end:
            k -= 1
        else:
            break
        mods.start = k
    return mods


def attached_entity(index: DocIndex, token: Token, after: int, prepositions: set[str]) -> tuple[str, Span] | None:
    """The entity in a prepositional phrase hanging off `token` after token `after`
    ("of Minnesota Management and Budget", "for Alpha News"), with its preposition."""
    for prep in token.children:
        if prep.dep_ != "prep" or prep.i < after or prep.lower_ not in prepositions:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            ent = index.entity_of(obj)
            if ent is None:
                # a possessor or compound inside the object ("the Trump administration's Department")
                ent = next((e for t in obj.subtree if (e := index.entity_of(t)) is not None), None)
            if ent is None and obj.pos_ == "PROPN" and obj.is_title:
                left = obj.left_edge.i + (obj.left_edge.pos_ == "DET")
                ent = index.doc[left : obj.i + 1]
            if ent is not None:
                return prep.lower_, ent
    return None


def subject_of(index: DocIndex, verb: Token, prefer_object: bool = False) -> Span | None:
    """The person a clause is about: its subject, or its object in "named X as Y"."""
    if prefer_object:
        for child in verb.children:
            if child.dep_ == "dobj" and (person := index.person_at(child)) is not None:
                return person
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            if child.lower_ in WH_SUBJECTS and verb.dep_ == "relcl":
                return index.person_at(verb.head)
            return index.person_at(child)
    if verb.dep_ in ("xcomp", "advcl", "conj") and verb.head is not verb:
        return subject_of(index, verb.head)
    if verb.dep_ in ("relcl", "acl"):
        return index.person_at(verb.head)
    return None


def predicated_person(index: DocIndex, head: Token) -> Span | None:
    """The person a title phrase is said of: in apposition, as a predicate ("is the secretary
    of state"), after "as" or in "the post of"."""
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
        if post.dep_ in ("dobj", "attr", "nsubjpass"):
            return subject_of(index, post.head)
        return None
    return next(
        (person for child in head.children if child.dep_ == "appos" and (person := index.person_at(child))),
        None,
    )


def occupation_before(index: DocIndex, person: Span) -> Span | None:
    """Lower-case occupation nouns right before a name ("fashion designer Tim Gunn")."""
    doc = index.doc
    i = person.start - 1
    if i < 0:
        return None
    noun = doc[i]
    if not (noun.pos_ == "NOUN" and noun.is_lower and noun.lower_.endswith(AGENT_SUFFIXES)
            and noun.lower_ not in KINSHIP_NOUNS and noun.dep_ == "compound"):
        return None
    start = i
    while start > 0 and doc[start - 1].is_lower and doc[start - 1].pos_ in ("NOUN", "ADJ") \
            and doc[start - 1].dep_ in ("compound", "amod") and doc[start - 1].head.i >= start:
        start -= 1
    return doc[start : i + 1]


def describe(index: DocIndex, person: Span, title_span: Span | None, title: Title | None,
             mods: Modifiers, post_tokens: Iterable[Token], after: int, role: str | None) -> Description:
    """One description from a title (or none), the modifiers before it and the phrases after."""
    role_of: Span | str | None = None
    home: Span | str | None = None
    explicit: Span | None = None
    for token in post_tokens:
        found = attached_entity(index, token, after, POST_PREPOSITIONS | {"from"})
        if found is None:
            continue
        prep, ent = found
        if prep == "from":
            home = home or ent
        elif explicit is None:
            explicit = ent
    if explicit is not None and explicit.label_ != "GPE" and explicit.label_ != "LOC":
        role_of = explicit
    elif mods.org is not None:
        role_of = mods.org
    elif mods.place is not None:
        role_of = mods.place
    else:
        role_of = explicit
    title_role = role
    if mods.department and role:
        role = f"{' '.join(mods.department)} {role}"
    qualifier = mods.qualifier
    if title_span is not None and qualifier is None:
        qualifier = next((gazetteers.qualifiers()[t.lower_] for t in title_span if t.lower_ in gazetteers.qualifiers()), None)
    return Description(
        subject=person,
        sentence=person.sent,
        role=role,
        title_role=title_role,
        kind=title.kind if title else ("party" if mods.party else "occupation"),
        role_of=role_of,
        role_of_type="Place" if isinstance(role_of, str) else None,
        department=" ".join(mods.department) if mods.department else None,
        qualifier=qualifier,
        party=mods.party,
        home=home,
    )


def title_case(words: str) -> str:
    return " ".join(word[:1].upper() + word[1:] for word in words.split())


def describe_people(doc: Doc) -> list[Description]:
    """Every description of a person in `doc`, with places assumed from the article where the
    post needs one the text leaves implicit (see `complete_places`)."""
    index = DocIndex(doc)
    descriptions: list[Description] = []
    used_titles: set[int] = set()
    for person in (ent for ent in doc.ents if ent.label_ == "PERSON"):
        descriptions.extend(describe_named(index, person, used_titles))
    for title_span in index.title_spans:
        if title_span.start not in used_titles:
            descriptions.extend(describe_predicate(index, title_span, index.titles[title_span.start]))
    for party_span in index.party_spans:
        descriptions.extend(describe_predicate(index, party_span, None))
    return complete_places(doc, descriptions)


def describe_named(index: DocIndex, person: Span, used_titles: set[int]) -> Iterator[Description]:
    """The title written before a name, with the "of" phrase after it."""
    doc = index.doc
    lower_bound = person.sent.start
    title_span = index.title_starting_at.get(person.start)
    subject = person
    if title_span is not None and title_span.end < person.end:
        subject = doc[title_span.end : person.end]  # the entity swallowed its title
    else:
        title_span = index.title_ending_at.get(person.start)
    while title_span is not None and index.titles[title_span.start].kind == "honorific":
        title_span = index.title_ending_at.get(title_span.start)
    if title_span is not None:
        title = index.titles[title_span.start]
        used_titles.add(title_span.start)
        mods = read_modifiers(index, title_span.start, lower_bound, title)
        role = title.role if title.kind != "membership" else None
    else:
        occupation = occupation_before(index, person)
        title = None
        if occupation is not None:
            mods = read_modifiers(index, occupation.start, lower_bound, None)
            role = title_case(occupation.text)
            title_span = occupation
        else:
            mods = read_modifiers(index, person.start, lower_bound, None)
            role = None
            if mods.party is None:
                return
    yield describe(index, subject, title_span, title, mods, [subject.root], subject.end, role)


def describe_predicate(index: DocIndex, span: Span, title: Title | None) -> Iterator[Description]:
    """A title or party phrase said of a person elsewhere in the clause."""
    if title is not None and title.kind == "honorific":
        return
    head = span.root
    if title is None and (head.dep_ not in ("appos", "attr", "oprd", "pobj") or head.pos_ not in ("NOUN", "PROPN")):
        return  # a party named as an adjective ("Republican majority") describes no one
    person = predicated_person(index, head)
    if person is None or (person.start <= span.start < person.end):
        return
    lower_bound = max(head.left_edge.i, person.sent.start)
    if person.end <= span.start:
        lower_bound = max(lower_bound, person.end)
    mods = read_modifiers(index, span.start, lower_bound, title)
    role = title.role if title is not None and title.kind != "membership" else None
    if title is None:
        mods.party = mods.party or party_of(span.text)
    post_tokens = [head, *(conj for conj in head.conjuncts if conj.i > head.i)]
    description = describe(index, person, span, title, mods, post_tokens, span.end, role)
    if title is None:
        description.kind = "party"
    yield description


def subject_key(description: Description) -> str:
    return description.subject[-1].lower_


def complete_places(doc: Doc, descriptions: list[Description]) -> list[Description]:
    """Give posts whose place the text leaves implicit the place the article names for that
    person elsewhere, else the article's main country or state (lower confidence); a state
    named with a national post ("Texas Senator") is the place represented, not the post's."""
    known = {
        (subject_key(d), d.role): d.role_of for d in descriptions if d.role and d.role_of is not None
    }
    main_places = article_places(doc)
    completed = []
    for description in descriptions:
        office = description.office
        if office is not None and office.represents and description.role_of is not None:
            place = place_of(role_of_text(description.role_of))
            if place is not None and PLACE_RANK[place.kind] < PLACE_RANK[office.scope]:
                description = replace(description, home=description.home or description.role_of,
                                      role_of=place.country, role_of_type="Place")
        if description.role and description.role_of is None:
            inherited = known.get((subject_key(description), description.role))
            if inherited is not None:
                description = replace(description, role_of=inherited,
                                      role_of_type="Place" if isinstance(inherited, str) else None)
            elif office is not None and office.scope in main_places:
                description = replace(description, role_of=main_places[office.scope],
                                      role_of_type="Place", confidence=0.6)
        completed.append(description)
    return completed


def role_of_text(role_of: Span | str) -> str:
    return role_of if isinstance(role_of, str) else role_of.text


def article_places(doc: Doc) -> dict[str, str]:
    """The country and the US state the article names most ("country" -> "United States")."""
    counts: dict[str, Counter[str]] = {"country": Counter(), "state": Counter()}
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        place = place_of(ent.text)
        if place is None:
            continue
        counts[place.kind][place.name] += 1
        if place.kind == "state":
            counts["country"][place.country] += 1
    return {scope: counter.most_common(1)[0][0] for scope, counter in counts.items() if counter}


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
