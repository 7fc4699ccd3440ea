"""Entity names: normalising surface forms, typing and subtyping them (pure functions).

A surface form such as "the Pioneer Press", "Gov. Mark Dayton" or "Dayton's" is reduced to
the name it carries ("Pioneer Press", "Mark Dayton", "Dayton"); names are compared by
`kgnews.normalise.name_key`.
The tables come from the gazetteers in `kgnews/nlp/data/`.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from kgnews.model import EntityType
from kgnews.nlp import gazetteers
from kgnews.normalise import LEADING_ARTICLES, NAME_SUFFIXES, name_key

# A lower-case noun right before a name is an occupation when it names an agent
# ("drummer Mickey Hart", "political scholar Kelly Dittmar"), not a relative or a crowd
# (gazetteers.not_occupations).
AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ar")

# spaCy NER labels kept as entities, and the kgnews type each stands for.
LABEL_TYPES: dict[str, EntityType] = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
}
# The spaCy label a kgnews type is written back as when a fix re-types a span.
TYPE_LABELS: dict[str, str] = {"Person": "PERSON", "Organization": "ORG", "Place": "GPE"}

POSSESSIVE_ENDINGS = frozenset({"'s", "’s", "'", "’"})


@dataclass(frozen=True)
class KnownEntity:
    name: str
    type: EntityType
    subtype: str | None


@lru_cache(maxsize=None)
def title_sequences() -> frozenset[tuple[str, ...]]:
    """Every title of the titles gazetteer as a tuple of lower-cased words."""
    return frozenset(tuple(title.surface.lower().split()) for title in gazetteers.titles())


@lru_cache(maxsize=None)
def _longest_title() -> int:
    return max(len(words) for words in title_sequences())


def strip_titles(words: Sequence[str]) -> Sequence[str]:
    """A person's name without the titles before it: "Minnesota House Speaker Kurt Daudt"
    -> "Kurt Daudt". Words up to the last title are dropped; a name that would be left
    empty ("Judge") is returned whole."""
    titles = title_sequences()
    lowered = [word.strip().lower() for word in words]
    name_start = 0
    for start in range(len(words)):
        for length in range(min(_longest_title(), len(words) - start), 0, -1):
            if tuple(lowered[start:start + length]) in titles:
                name_start = max(name_start, start + length)
                break
    return words[name_start:] if name_start < len(words) else words


def clean_name(words: Sequence[str], entity_type: EntityType) -> str:
    """The name a span's words carry: no leading "the", no possessive ending, and for a
    person no titles. `words` keep their trailing whitespace (spaCy's `text_with_ws`),
    so "Mayer-Bruestle" stays one word."""
    words = list(words)
    while len(words) > 1 and words[-1].strip() in POSSESSIVE_ENDINGS:
        words.pop()
    if words:
        last = words[-1].strip()
        for ending in POSSESSIVE_ENDINGS:
            if last.endswith(ending) and len(last) > len(ending) and ending.endswith("s"):
                words[-1] = last[: -len(ending)]
    if len(words) > 1 and words[0].strip().lower() in LEADING_ARTICLES:
        words.pop(0)
    if entity_type == "Person":
        words = list(strip_titles(words))
    return "".join(words).strip()


def words_with_space(text: str) -> list[str]:
    """`text` cut into words that keep their trailing whitespace, for `clean_name`."""
    return re.findall(r"\S+\s*", text)


def split_name(name: str) -> list[str]:
    """A name's words as `name_key`s, with a generational suffix ("Jr.") dropped."""
    return list(_name_words(name))


@lru_cache(maxsize=65536)  # by name: the entity fixes and the clustering split the same names many times
def _name_words(name: str) -> tuple[str, ...]:
    keys = [name_key(word) for word in re.split(r"\s+", name) if name_key(word)]
    while len(keys) > 1 and keys[-1] in NAME_SUFFIXES:
        keys.pop()
    return tuple(keys)


@lru_cache(maxsize=None)
def known_entities() -> dict[str, KnownEntity]:
    """`name_key` of every listed form of a well-known entity -> the entity.

    Sources, first listing wins: known_entities.tsv (organisations), parties.tsv, and the
    countries and US states of the places gazetteer (two-letter state codes included: an
    entity tagged "MN" is the state).
    """
    table: dict[str, KnownEntity] = {}

    def add(form: str, entity: KnownEntity) -> None:
        table.setdefault(name_key(form), entity)

    for listed in gazetteers.listed_entities():
        entity = KnownEntity(listed.name, listed.type, listed.subtype)
        for form in (listed.name, *listed.aliases):
            add(form, entity)
    for party in gazetteers.parties():
        if party.kind == "party":
            entity = KnownEntity(party.name, "Organization", "PoliticalParty")
            for form in (party.name, *party.aliases):
                add(form, entity)
    for form, place in gazetteers.places().items():
        add(form, KnownEntity(place.name, "Place", "Country" if place.kind == "country" else "State"))
    return table


@lru_cache(maxsize=None)
def _place_forms() -> dict[str, tuple[str, ...]]:
    """Canonical place name -> every form of it, names, aliases and demonyms ("UK", "British")."""
    forms: dict[str, list[str]] = {}
    for form, place in (*gazetteers.places().items(), *gazetteers.demonyms().items()):
        forms.setdefault(place.name, []).append(form)
    return {name: tuple(dict.fromkeys(found)) for name, found in forms.items()}


def known_entity(name: str) -> KnownEntity | None:
    """The well-known entity `name` names, also when it leads with another form of a place
    than the listed one: "United Kingdom Parliament" is the listed "UK Parliament"."""
    known = known_entities().get(name_key(name))
    if known is not None:
        return known
    words = name.split()
    for size in range(len(words) - 1, 0, -1):
        place = gazetteers.places().get(" ".join(words[:size]))
        if place is not None:
            rest = " ".join(words[size:])
            return next((found for form in _place_forms()[place.name]
                         if (found := known_entities().get(name_key(f"{form} {rest}"))) is not None), None)
    return None


@lru_cache(maxsize=None)
def state_codes() -> dict[str, str]:
    """Two-letter postal code -> US state name ("MN" -> "Minnesota")."""
    return {
        form: place.name
        for form, place in gazetteers.places().items()
        if place.kind == "state" and re.fullmatch(r"[A-Z]{2}", form)
    }


@lru_cache(maxsize=65536)
def head_word_subtype(name: str, entity_type: EntityType) -> str | None:
    """Subtype from the name's words ("... Party" -> PoliticalParty), first rule that fits
    (kept per name: the extractors ask about the same names many times per article)."""
    words = tuple(name.split())
    for rule in gazetteers.head_word_rules():
        if rule.type != entity_type:
            continue
        size = len(rule.words)
        if words[-size:] == rule.words or (
            rule.anywhere
            and any(words[start:start + size] == rule.words for start in range(len(words) - size + 1))
        ):
            return rule.subtype
    return None


def entity_subtype(name: str, entity_type: EntityType) -> str | None:
    """Subtype of a named entity: from the gazetteers when the name is listed there with
    the same type, else from its head words."""
    known = known_entities().get(name_key(name))
    if known is not None and known.type == entity_type:
        return known.subtype
    return head_word_subtype(name, entity_type)
