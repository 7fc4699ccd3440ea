"""Linking an article's entities to knowledge-base entries, on the evidence the article gives.

A person is a candidate for a KB entry when one of its names is one of the entry's full
names ("Joe Biden", "Joseph R. Biden"), or, for a person the article names only by surname
("Trump", "Senator Sanders"), when the entry has that surname. The article then speaks for
or against each candidate:

* posts: a title the KB models ("Senator", "Representative", "President" of the United
  States) held by the candidate on the article's date -- before it for a "former" one --
  counts for it;
* party: a party the article gives the person that the candidate belonged to counts;
* place: a state the person represents ("D-Vt.", "Vermont Senator") or that the article
  names counts for a candidate who represented it;
* country: the country the article is about (the one most of its places, parties and
  bodies belong to) must be the candidate's, unless the article gives a post, party or
  place for it.

A surname is more easily someone else's: for it, a post, party or state that does not fit
rules the candidate out ("Senator Lee" needs a Lee in the Senate on the day), and it needs
the country and a post held on the day, or evidence counting for it. A full name needs only
the country or some evidence (a KB need not know every post of the people it names). The one candidate
with the most evidence wins; two fitting equally leave the entity unlinked -- never guessed.
Organisations link by name (a one-word name only as the entry's initials or own word),
not to an entry of another country; a generic body ("Congress", "the Senate") links to
the body of that name of the article's country (`generic_names`), unless the article
names another body of that kind ("Nevada Senate").
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from kgnews.graph import iris
from kgnews.graph.linking import acronyms, is_generic, linking_key, name_words, surname
from kgnews.kb import KBEntry, KnowledgeBase, Post
from kgnews.model import Entity, Extraction
from kgnews.nlp.gazetteers import Place, party_names, places, qualifiers

# Titles the text uses for a post the KB models, as the KB's role.
KB_ROLES = {
    "Senator": "Senator", "United States Senator": "Senator", "US Senator": "Senator",
    "Representative": "Representative", "Congressman": "Representative", "Congresswoman": "Representative",
    "Congressperson": "Representative", "United States Representative": "Representative",
    "President": "President", "Vice President": "Vice President",
}
# KB roles checked only when the article's post belongs to this country (or its bodies):
# "President Erdogan" of Turkey says nothing about US Presidents.
ROLE_COUNTRY = "United States"
_TITLES_LONGEST_FIRST = sorted(KB_ROLES.items(), key=lambda item: -len(item[0]))
_FORMER = frozenset({"former", "then"})
_MIN_COUNTRY_VOTES = 2
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


@dataclass(frozen=True)
class KBLink:
    entry: KBEntry
    iri: str


class KBIndex:
    """Name, surname and generic-name lookups over a KnowledgeBase, and each entry's IRI."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.by_name: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.by_surname: dict[str, set[str]] = defaultdict(set)
        self.by_generic: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.by_initials: dict[str, set[str]] = defaultdict(set)  # organisations, by the initials of their name
        self.iris: dict[str, str] = {}
        slugs = Counter((entry.type, iris.slug(entry.name)) for entry in kb.entries.values())
        for entry in kb.entries.values():
            # Two entries of one name (two "Mike Rogers") are told apart by their ids.
            suffix = entry.id if slugs[(entry.type, iris.slug(entry.name))] > 1 else None
            self.iris[entry.id] = iris.kb_entity_iri(entry.type, entry.name, suffix)
            for name in entry.names:
                self.by_name[(entry.type, linking_key(name))].add(entry.id)
            if entry.type == "Person":
                last = linking_key(entry.surname) if entry.surname else surname(name_words(entry.name))
                if last:
                    self.by_surname[last].add(entry.id)
            if entry.type == "Organization":
                for acronym in acronyms(entry.name):
                    self.by_initials[acronym].add(entry.id)
            for generic in entry.generic_names:
                self.by_generic[(entry.country or "", linking_key(generic))].add(entry.id)
        self.entry_of_iri = {iri: entry_id for entry_id, iri in self.iris.items()}

    def entry(self, entry_id: str) -> KBEntry:
        return self.kb.entries[entry_id]

    def organization_iri(self, name: str) -> str | None:
        """The IRI of the one organisation entry with this name, if any."""
        found = self.by_name.get(("Organization", linking_key(name)), ())
        return self.iris[next(iter(found))] if len(found) == 1 else None

    def link(self, entry_id: str) -> KBLink:
        return KBLink(self.kb.entries[entry_id], self.iris[entry_id])


@lru_cache(maxsize=4)
def kb_index(kb: KnowledgeBase) -> KBIndex:
    return KBIndex(kb)


@dataclass
class _Clues:
    """What an article says about one entity: posts (role, qualifier, country of the post), parties, places."""

    roles: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    parties: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)


@dataclass
class ArticleEvidence:
    """Evidence one article gives for linking its entities."""

    date: str | None
    country: str | None
    states: set[str]  # US states the article names
    clues: dict[str, _Clues]  # entity key -> clues
    bodies: list[tuple[str, ...]]  # words of the article's multi-word organisation names

    @classmethod
    def of(cls, extraction: Extraction) -> ArticleEvidence:
        entities = {entity.key: entity for entity in extraction.entities}
        place_of = {key: _place(entity) for key, entity in entities.items()}
        clues: dict[str, _Clues] = defaultdict(_Clues)
        for fact in extraction.facts:
            if fact.subject is None or fact.subject not in entities:
                continue
            clue = clues[fact.subject]
            if fact.relation == "holds_position" and fact.role:
                country = _country_of(entities.get(fact.role_of), place_of.get(fact.role_of or ""))
                clue.roles.append((fact.role, fact.qualifier, country))
            elif fact.relation == "member_of" and fact.object in entities:
                party = _party(entities[fact.object])
                if party:
                    clue.parties.add(party)
            elif fact.relation == "represents" and place_of.get(fact.object or ""):
                clue.places.add(place_of[fact.object].name)
        for entity in entities.values():
            if entity.type == "Person":
                clues[entity.key].roles += _alias_titles(entity)
        states = {place.name for place in place_of.values() if place is not None and place.kind == "state"}
        bodies = [
            name_words(entity.label) for entity in entities.values()
            if entity.type == "Organization" and len(name_words(entity.label)) > 1
        ]
        return cls(extraction.article.date, _article_country(extraction, entities, place_of), states,
                   dict(clues), bodies)


def _place(entity: Entity) -> Place | None:
    if entity.type != "Place":
        return None
    table = places()
    return next((table[name] for name in (entity.label, *entity.aliases) if name in table), None)


def _country_of(entity: Entity | None, place: Place | None) -> str | None:
    """The country a post's organisation or place belongs to, when known."""
    if place is not None:
        return place.country
    if entity is not None and entity.type == "Organization":
        party = party_names().get(entity.label)
        if party:
            return party.country
        words = name_words(entity.label)
        for name, found in places().items():
            if found.kind == "country" and len(name) > 3 and name_words(name) == words[: len(name_words(name))]:
                return found.country
    return None


def _party(entity: Entity) -> str | None:
    party = next((party_names()[name] for name in (entity.label, *entity.aliases) if name in party_names()), None)
    return party.name if party is not None and party.kind == "party" else None


def _alias_titles(entity: Entity) -> list[tuple[str, str | None, str | None]]:
    """Posts the entity's name forms carry ("President Trump", "former Vice President Joe Biden")."""
    found = []
    last = name_words(entity.label)
    quals = qualifiers()
    for alias in entity.aliases:
        words = name_words(alias)
        head = words[: len(words) - len(last)] if words[len(words) - len(last):] == last else ()
        qualifier = next((quals[word] for word in head if word in quals), None)
        text = " ".join(head)
        for title, role in _TITLES_LONGEST_FIRST:
            if text and text.endswith(linking_key(title)):
                found.append((role, qualifier, None))
                break
    return found


def _article_country(
    extraction: Extraction, entities: dict[str, Entity], place_of: dict[str, Place | None]
) -> str | None:
    """The country most of the article's mentions of places and parties belong to, when it
    clearly leads (at least two mentions, half again as many as the next)."""
    votes: Counter[str] = Counter()
    for mention in extraction.mentions:
        entity = entities.get(mention.entity)
        if entity is None:
            continue
        place = place_of.get(entity.key)
        country = place.country if place is not None else None
        if country is None and entity.type == "Organization":
            party = party_names().get(entity.label)
            country = party.country if party is not None and party.kind == "party" else None
        if country:
            votes[country] += 1
    ranked = votes.most_common(2)
    if not ranked or ranked[0][1] < _MIN_COUNTRY_VOTES:
        return None
    if len(ranked) > 1 and ranked[0][1] * 2 < ranked[1][1] * 3:
        return None
    return ranked[0][0]


# --- people ---------------------------------------------------------------------------------


def _posts_of_role(entry: KBEntry, role: str) -> list[Post]:
    return [post for post in entry.posts if post.role == role]


def _person_score(
    entry: KBEntry, clues: _Clues, evidence: ArticleEvidence, by_full_name: bool
) -> tuple[int, bool] | None:
    """(support, held a post on the day) for a candidate, or None when the article rules it out.

    Only a surname is ruled out by a post, party or state that does not fit: a KB need not
    know every post of a person it names in full (Kamala Harris's years in the Senate are
    not in a roster of current members), so there they only count for a candidate.
    """
    day = evidence.date
    support = 0
    for role, qualifier, country in clues.roles:
        kb_role = KB_ROLES.get(role)
        if kb_role is None or (country is not None and country != ROLE_COUNTRY) or day is None:
            continue
        if qualifier not in (None, *_FORMER):
            continue  # "President-elect", "acting": no term to check
        held = _posts_of_role(entry, kb_role)
        if qualifier in _FORMER:
            fits = any(post.before(day) for post in held)
        else:
            fits = any(post.covers(day) for post in held)
        if fits:
            support += 1
        elif not by_full_name:
            return None
    parties = _parties(entry)
    if clues.parties and parties:
        if clues.parties & parties:
            support += 1
        elif not by_full_name:
            return None
    represented = {post.represents for post in entry.posts if post.represents}
    states = {place.name for place in places().values() if place.kind == "state"}
    if not by_full_name and represented and clues.places & states and not clues.places & represented:
        return None
    support += bool((clues.places | evidence.states) & represented)
    in_office = day is not None and any(post.covers(day) for post in entry.posts)
    return support, in_office


def _parties(entry: KBEntry) -> set[str]:
    """The parties a KB entry belonged to (a party of a post, a membership in a known party)."""
    known = {party.name for party in party_names().values()}
    return {post.party for post in entry.posts if post.party} | {
        membership.organization for membership in entry.memberships if membership.organization in known
    }


def _person_candidates(entity: Entity, index: KBIndex) -> tuple[set[str], bool]:
    """KB ids the entity's names could stand for, and whether by full name."""
    full: set[str] = set()
    for name in {entity.label, *entity.aliases}:
        words = name_words(name)
        if len(words) > 1:
            full |= index.by_name.get(("Person", " ".join(words)), set())
    if full:
        return full, True
    words = name_words(entity.label)
    if len(words) == 1:
        return set(index.by_surname.get(words[0], ())), False
    return set(), True


def link_person(entity: Entity, evidence: ArticleEvidence, index: KBIndex) -> tuple[str | None, bool]:
    """The KB id the person links to (or None), and whether any KB entry was a candidate."""
    candidates, by_full_name = _person_candidates(entity, index)
    if not candidates:
        return None, False
    clues = evidence.clues.get(entity.key, _Clues())
    scored: dict[str, int] = {}
    for entry_id in candidates:
        entry = index.entry(entry_id)
        result = _person_score(entry, clues, evidence, by_full_name)
        if result is None:
            continue
        support, in_office = result
        same_country = evidence.country is not None and evidence.country == entry.country
        if by_full_name:
            if support or same_country or evidence.country is None:
                scored[entry_id] = support
        elif support or (same_country and in_office):
            scored[entry_id] = support
    return _best(scored), True


def _best(scored: dict[str, int]) -> str | None:
    if not scored:
        return None
    top = max(scored.values())
    winners = [entry_id for entry_id, score in scored.items() if score == top]
    return winners[0] if len(winners) == 1 else None


# --- organisations --------------------------------------------------------------------------


def link_organization(entity: Entity, evidence: ArticleEvidence, index: KBIndex) -> tuple[str | None, bool]:
    key = linking_key(entity.label)
    if is_generic(entity.label):
        found = index.by_generic.get((evidence.country or "", key), set())
        if len(found) != 1 or _names_another_body(name_words(entity.label), index.entry(next(iter(found))), evidence):
            return None, False
        return next(iter(found)), True
    candidates: set[str] = set()
    for name in (entity.label, *entity.aliases):
        words = _without_ordinal(name_words(name))
        if len(words) > 1 or (words and words[0] in acronyms(entity.label)):
            candidates |= index.by_name.get(("Organization", " ".join(words)), set())
    if not candidates and len(name_words(entity.label)) == 1:
        candidates = set(index.by_initials.get(key, ()))  # "WH": the White House
    fitting = {
        entry_id for entry_id in candidates
        if evidence.country is None or index.entry(entry_id).country in (None, evidence.country)
    }
    return (next(iter(fitting)) if len(fitting) == 1 else None), bool(candidates)


def _names_another_body(words: tuple[str, ...], entry: KBEntry, evidence: ArticleEvidence) -> bool:
    """True when the article names another body a generic name may stand for: "the Senate"
    beside "Nevada Senate" is not the national Senate."""
    own = {name_words(name) for name in entry.names}
    kinds = {words[-1], name_words(entry.name)[-1]}  # "Senate"; "Representatives" of "House of Representatives"
    return any(
        set(words) <= set(body) and body[-1] in kinds and body != words and body not in own for body in evidence.bodies
    )


def _without_ordinal(words: tuple[str, ...]) -> tuple[str, ...]:
    """A body's name without a leading ordinal of its session: "116th Congress" is Congress."""
    return words[1:] if len(words) > 1 and _ORDINAL.fullmatch(words[0]) else words


def link_entities(extraction: Extraction, index: KBIndex) -> tuple[dict[str, KBLink], set[str]]:
    """KB links of an article's entities (entity key -> link), and the keys of the entities
    that had KB candidates but no link (ambiguous, or ruled out)."""
    evidence = ArticleEvidence.of(extraction)
    links: dict[str, KBLink] = {}
    unlinked: set[str] = set()
    for entity in extraction.entities:
        if entity.type == "Person":
            entry_id, had_candidates = link_person(entity, evidence, index)
        elif entity.type == "Organization":
            entry_id, had_candidates = link_organization(entity, evidence, index)
        else:
            continue
        if entry_id is not None:
            links[entity.key] = index.link(entry_id)
        elif had_candidates:
            unlinked.add(entity.key)
    return links, unlinked


def terms_covering(entry: KBEntry, role: str, day: str | None, qualifier: str | None) -> Post | None:
    """The KB term of `role` an extracted post refers to: the one covering the article's day,
    or for a former post the last one before it."""
    kb_role = KB_ROLES.get(role, role)
    held = _posts_of_role(entry, kb_role)
    if day is None or not held:
        return None
    if qualifier in _FORMER:
        before = [post for post in held if post.before(day) and not post.covers(day)]
        return max(before, key=lambda post: post.start or "", default=None)
    return next((post for post in held if post.covers(day)), None)


def kb_entries(links: Iterable[KBLink]) -> dict[str, KBEntry]:
    return {link.iri: link.entry for link in links}
