"""Cluster the named mentions of one article into canonical entities (pure functions).

Rules, applied within one entity type:
1. mentions with the same `name_key` (or naming the same well-known entity: "US",
   "U.S.", "United States"; "GOP", "Republicans") are one entity, and so are an
   organisation's names led by any name or nationality of its place ("UK government",
   "British government"; "Australian Liberal Party", "Australia Liberal Party");
2. a person's shorter name joins the full name it is part of: "Dayton" and "Mark Dayton",
   "John Bolton" and "John R. Bolton", "de Blasio" and "Bill de Blasio", and a first name
   alone ("John") or the names before the last ("John Luk" of "John Luk Jok") its full name;
3. an organisation's or place's shorter name that ends its longer name joins it
   ("Pioneer Press" and "St. Paul Pioneer Press"), and so does the head before "of"
   ("House" and "House of Representatives"), and so does a name without its legal form or
   "Party" ("ABS-CBN", "Liberal", "Liberals" and "Liberal Party"), unless the shorter one is a
   well-known entity of its own ("Democratic Party" never joins "Maryland Democratic Party");
4. an acronym joins the name it abbreviates ("MMB" and "Minnesota Management and Budget",
   "MN.IT" and "Minnesota IT Services", "CPD" and "United States Commission on Presidential
   Debates");
5. a generic body standing alone ("Cabinet", "Embassy") is the article's one body of that
   name led by a country ("United States Cabinet", "U.S. Embassy"); with two it stays apart;
6. a person named by a post's title alone ("the Queen") is the one person the article names
   with that title ("Queen Elizabeth II").
When a short name fits several entities (Elijah, Robert and Maya Cummings), it joins the
one the article mentions first, which in news is the person the article is about; the
full names themselves are never merged with each other.
The label of an entity is its well-known canonical name, else its fullest name; its aliases
are every form that names it, titled forms ("Gov. Mark Dayton") included.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from kgnews.model import EntityType
from kgnews.nlp import gazetteers
from kgnews.normalise import fold_accents
from kgnews.nlp.extract.names import (
    entity_subtype,
    known_entities,
    known_entity,
    name_key,
    split_name,
)

ACRONYM_FILLER_WORDS = frozenset({"of", "and", "the", "for", "on", "in", "&"})
# "MN.IT" takes two letters of "Minnesota"; "UNESCO" does not spell "UNitEd States COmmission"
MAX_ACRONYM_LETTERS_PER_WORD = 2
MIN_COUNTRYLESS_ACRONYM_LETTERS = 3
# Subtypes whose head word (data/name_heads.tsv) a short name may leave out: "ABS-CBN" for
# "ABS-CBN Corporation", "Liberal" for "Liberal Party".
KIND_FORM_SUBTYPES = frozenset({"Company", "PoliticalParty"})


@dataclass(frozen=True)
class NamedMention:
    """A name found in the text (or implied by a fact, then without offsets)."""

    name: str  # cleaned: "Mark Dayton" for "Gov. Mark Dayton's"
    surface: str  # as written
    type: EntityType
    start: int | None = None  # character offset; None for a name only implied
    subtype: str | None = None  # when the finder knows it (a dateline city)
    titled: tuple[str, ...] = ()  # the name with the titles before it: "Minnesota Gov.Mark Dayton"
    sentence: int | None = None  # index of the sentence; None for a name only implied


@dataclass
class EntityCluster:
    label: str
    type: EntityType
    subtype: str | None
    members: list[int]  # indices into the mentions
    aliases: tuple[str, ...]


class _Partition:
    """Union-find over name groups; a root is the group mentioned first."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def join(self, first: int, second: int) -> None:
        first, second = self.find(first), self.find(second)
        if first != second:
            self.parent[max(first, second)] = min(first, second)


def identity_key(mention: NamedMention) -> str:
    """Key under which mentions are the same entity outright (rule 1), accents folded: a
    headline's "Jaroslaw Kaczynski" is the body's "Jarosław Kaczyński"."""
    key = name_key(mention.name)
    known = known_entity(mention.name)
    if known is not None and known.type == mention.type:
        key = name_key(known.name)
    elif mention.type == "Organization":
        key = _place_led_key(mention.name) or key
    return fold_accents(key)


def _place_led_key(name: str) -> str | None:
    """"UK government", "British government", "U.S. Embassy", "Australian Liberal Party" ->
    "united kingdom government", "united states embassy", "australia liberal party": a name led
    by a name or nationality of a place is keyed by the place's canonical name."""
    led = _place_led(name)
    if led is None:
        return None
    place, rest = led
    return name_key(" ".join([place.name, *rest]))


def _place_led(name: str) -> tuple[gazetteers.Place, list[str]] | None:
    """The place a name starts with (its longest name or nationality) and the words after it."""
    words = name.split()
    for size in range(len(words) - 1, 0, -1):
        lead = " ".join(words[:size])
        place = gazetteers.places().get(lead) or gazetteers.demonyms().get(lead)
        if place is not None:
            return place, words[size:]
    return None


def is_person_short_name(short: Sequence[str], full: Sequence[str]) -> bool:
    """"dayton" / "mark dayton", "john bolton" / "john r bolton", "de blasio" / "bill de blasio",
    "john" and "john luk" / "john luk jok"."""
    if not short or len(short) >= len(full):
        return False
    if list(full[:len(short)]) == list(short):
        return True  # the first name alone, or the first names without the last: "john luk" / "john luk jok"
    if short[-1] != full[-1]:
        return False
    if list(full[-len(short):]) == list(short):
        return True
    remaining = iter(full)
    return short[0] == full[0] and all(word in remaining for word in short)


def _leading_names_of_several(short: Sequence[str], fulls: Sequence[Sequence[str]]) -> bool:
    """Whether `short`, of two words or more, is the leading names of two different full names
    ("kim jong" of "kim jong un" and "kim jong il"); a first name alone still joins the first."""
    return len(short) > 1 and len({tuple(full) for full in fulls if list(full[:len(short)]) == list(short)}) > 1


def is_organisation_short_name(short: Sequence[str], full: Sequence[str]) -> bool:
    """"pioneer press" / "st paul pioneer press", "house" / "house of representatives".

    A single word does not stand for a place's body ("senate" / "nevada senate"): a
    "Senate" in the same article may well be another one.
    """
    if not 0 < len(short) < len(full):
        return False
    if list(full[:len(short) + 1]) == [*short, "of"]:
        return True
    if len(full) == len(short) + 1 and full[-1] in kind_forms() and _names_without_kind(short, full[:-1]):
        return True  # named without its legal form or "Party": "abs-cbn" / "abs-cbn corporation", "liberals" / "liberal party"
    if list(full[-len(short):]) != list(short):
        return False
    qualifier = known_entities().get(" ".join(full[:-len(short)]))
    return len(short) > 1 or qualifier is None or qualifier.type != "Place"


@lru_cache(maxsize=None)
def kind_forms() -> frozenset[str]:
    """The name keys of the last words that say what kind of organisation a name is and that
    the text may leave out: a company's legal form ("corporation", "inc"), a party's "party"."""
    return frozenset(name_key(word) for word in gazetteers.last_head_words(KIND_FORM_SUBTYPES))


def _names_without_kind(short: Sequence[str], rest: Sequence[str]) -> bool:
    """Whether `short` is `rest` (a name without its kind word), or `rest` with its last word in
    the plural, as a party's members are named ("liberals" for "liberal party")."""
    return list(short) == list(rest) or (list(short[:-1]) == list(rest[:-1]) and short[-1] == f"{rest[-1]}s")


def is_acronym(short: str, full: str) -> bool:
    """Whether `short` ("MN.IT", "MMB") abbreviates `full`: its letters are spelled, in
    order, by the initials of the full name's words, each optionally followed by one more
    letter of the same word when the acronym is written in parts ("MN.IT") or the word in
    capitals ("US"); the first word must be used, filler words ("of") may be skipped, and at least half of the other words
    must be used. A country's name leading the full name may be left out."""
    letters = _acronym_letters(short)
    if letters is None:
        return False
    words = [word for word in full.split() if word.lower() not in ACRONYM_FILLER_WORDS]
    if len(words) < 2:
        return False
    letters, lowered = letters.lower(), [word.lower() for word in words]
    # Only an acronym written in parts ("MN.IT") takes more than a word's initial, or one of a
    # word in capitals ("USAF" of "US Air Force"): "WN" is not "WashiNgton Post", "TMZ" not
    # "Time MagaZine", "UFO" not "United States Air FOrce".
    in_parts = "." in short.strip(".")
    per_word = [MAX_ACRONYM_LETTERS_PER_WORD if in_parts or word.isupper() else 1 for word in words]

    def spell(letter_at: int, word_at: int, used: int) -> bool:
        if letter_at == len(letters):
            return 2 * used >= len(lowered)
        if word_at == len(lowered):
            return False
        word = lowered[word_at]
        if word[0] == letters[letter_at]:
            # Take the initial and then as many further letters of this word as fit.
            taken, position = letter_at + 1, 1
            while True:
                if spell(taken, word_at + 1, used + 1):
                    return True
                if taken == len(letters) or taken - letter_at == per_word[word_at]:
                    break
                found = word.find(letters[taken], position)
                if found < 0:
                    break
                taken, position = taken + 1, found + 1
        return word_at > 0 and spell(letter_at, word_at + 1, used)

    if spell(0, 0, 0):
        return True
    # a name led by its country's name is abbreviated without it ("CPD" for "United States
    # Commission on Presidential Debates"), though not by one of its words ("IT"), by two
    # letters (too easily spelled: "BA" of "UK Border Agency") or by a well-known name ("BA")
    led = _place_led(full)
    return (led is not None and len(letters) >= MIN_COUNTRYLESS_ACRONYM_LETTERS and short not in led[1]
            and known_entity(short) is None and is_acronym(short, " ".join(led[1])))


@lru_cache(maxsize=4096)  # by name: each short name is tried against every other name of its type
def _acronym_letters(short: str) -> str | None:
    """The letters and digits of `short` when it is written as an acronym (two to eight of
    them, one word, its letters capitals: "MN.IT", "G20"), else None."""
    letters = "".join(char for char in short if char.isalnum())
    if not (2 <= len(letters) <= 8 and letters.isupper()) or " " in short.strip():
        return None
    return letters


def cluster_mentions(mentions: Sequence[NamedMention]) -> list[EntityCluster]:
    """Canonical entities of one article, ordered by first mention."""
    # Rule 1: name groups, numbered by first mention.
    group_of_key: dict[tuple[str, str], int] = {}
    group_members: list[list[int]] = []
    for index, mention in enumerate(mentions):
        key = (mention.type, identity_key(mention))
        if key not in group_of_key:
            group_of_key[key] = len(group_members)
            group_members.append([])
        group_members[group_of_key[key]].append(index)
    names = [mentions[members[0]] for members in group_members]
    words = [[fold_accents(word) for word in split_name(mention.name)] for mention in names]
    partition = _Partition(len(group_members))
    # Longest names first, so that a short name meets the full names already joined.
    for group in sorted(range(len(names)), key=lambda group: -len(words[group])):
        mention = names[group]
        if mention.type == "Person":
            fits = lambda other: is_person_short_name(words[group], words[other])  # noqa: E731
        elif known_entity(mention.name) is None:
            fits = lambda other: (  # noqa: E731
                is_organisation_short_name(words[group], words[other]) or is_acronym(mention.name, names[other].name)
            )
        else:
            continue
        candidates = [
            other for other in range(len(names))
            if other != group and names[other].type == mention.type and fits(other)
        ]
        if _leading_names_of_several(words[group], [words[other] for other in candidates]):
            continue  # "Kim Jong" beside "Kim Jong Un" and "Kim Jong Il": either one
        if candidates:
            # Roots are the groups mentioned first: the earliest entity wins an ambiguous name.
            partition.join(min(partition.find(candidate) for candidate in candidates), group)
    _join_titles_alone(mentions, group_members, words, partition)
    _join_generic_bodies(names, partition)
    entity_members: dict[int, list[int]] = {}
    for group, members in enumerate(group_members):
        entity_members.setdefault(partition.find(group), []).extend(members)
    return [
        _cluster(mentions, sorted(members))
        for members in sorted(entity_members.values(), key=min)
    ]


def _join_titles_alone(mentions: Sequence[NamedMention], group_members: Sequence[Sequence[int]],
                       words: Sequence[Sequence[str]], partition: _Partition) -> None:
    """Rule 6: a person named by a post's title alone ("the Queen suspended parliament")
    is the one person the article names with that title before the name ("Queen Elizabeth
    II"); with two such people ("President Macron", "President Trump") it stays apart, and so
    it does when a sentence names both apart, as two people ("Rania thanked the Queen")."""
    titles = _post_titles()
    for group, members in enumerate(group_members):
        title = tuple(words[group])
        if mentions[members[0]].type != "Person" or title not in titles:
            continue
        own = partition.find(group)
        # the sentences where the title stands alone, not right before a name ("Queen" "Rania")
        alone = {mentions[index].sentence for index in members if not _before_a_name(mentions, mentions[index])}
        holders = {
            partition.find(other) for other, others in enumerate(group_members)
            if mentions[others[0]].type == "Person" and tuple(words[other]) != title
            and any(_titled_with(form, title) for index in others for form in mentions[index].titled)
            and not any(mentions[index].sentence in alone for index in others if mentions[index].sentence is not None)
        } - {own}
        if len(holders) == 1:
            partition.join(holders.pop(), own)


def _before_a_name(mentions: Sequence[NamedMention], title: NamedMention) -> bool:
    """Whether a person's mention ends right before another person's (a title tagged apart
    from the name it is written with: "Queen" "Elizabeth II")."""
    if title.start is None:
        return False
    end = title.start + len(title.surface)
    return any(mention.type == "Person" and mention.start is not None and 0 <= mention.start - end <= 1
               for mention in mentions)


@lru_cache(maxsize=None)
def _post_titles() -> frozenset[tuple[str, ...]]:
    """The titles of a post, as `split_name` words: "queen", "prime minister"."""
    return frozenset(tuple(split_name(title.surface)) for title in gazetteers.titles() if title.role)


def _titled_with(form: str, title: tuple[str, ...]) -> bool:
    """Whether a titled form ("Queen Elizabeth II", "British Prime Minister Boris Johnson")
    has `title` among its words before the last."""
    form_words = split_name(form)[:-1]
    size = len(title)
    return any(tuple(form_words[at : at + size]) == title for at in range(len(form_words) - size + 1))


def _join_generic_bodies(names: Sequence[NamedMention], partition: _Partition) -> None:
    """Rule 5: each generic body name joins the one other entity of its type that is the body
    of a country ("Cabinet" / "United States Cabinet"). A state's body is left apart: "Senate"
    in an article that names the "Nevada Senate" is as often the country's."""
    generic = [mention.type == "Organization" and name_key(mention.name) in gazetteers.generic_bodies()
               for mention in names]
    if not any(generic):
        return
    country_bodies = [_country_body(mention.name) for mention in names]  # once a name, not once a pair
    for group, mention in enumerate(names):
        own = partition.find(group)
        if not generic[group] or not all(generic[other] for other in range(len(names)) if partition.find(other) == own):
            continue  # a generic name already joined to a specific one ("Supreme Court" to "Wisconsin Supreme Court")
        key = name_key(mention.name)
        bodies = {
            partition.find(other)
            for other in range(len(names))
            if names[other].type == mention.type and country_bodies[other] == key
        } - {own}
        if len(bodies) == 1:
            partition.join(bodies.pop(), own)


def _country_body(name: str) -> str | None:
    """The body a country's name or nationality leads: "cabinet" for "United States Cabinet"."""
    led = _place_led(name)
    if led is None or led[0].kind != "country":
        return None
    return name_key(" ".join(led[1]))


def _cluster(mentions: Sequence[NamedMention], members: Sequence[int]) -> EntityCluster:
    entity_type = mentions[members[0]].type
    label = entity_label([mentions[index].name for index in members], entity_type)
    hinted = [mentions[index].subtype for index in members if mentions[index].subtype]
    forms = (
        form
        for index in members
        for form in (mentions[index].surface, mentions[index].name, *mentions[index].titled)
    )
    return EntityCluster(
        label=label,
        type=entity_type,
        subtype=entity_subtype(label, entity_type) or (hinted[0] if hinted else None),
        members=list(members),
        aliases=tuple(dict.fromkeys((label, *forms))),
    )


def entity_label(names: Sequence[str], entity_type: EntityType) -> str:
    """The well-known canonical name if one of `names` is listed, else the fullest name: a
    name over a post's title alone ("Elizabeth II", not "Queen"), then most words, then
    mixed case over ALL CAPS, then the most frequent, then the first."""
    for name in names:
        known = known_entity(name)
        if known is not None and known.type == entity_type:
            return known.name
    counts = Counter(names)
    best = max(
        dict.fromkeys(names),
        key=lambda name: (tuple(split_name(name)) not in _post_titles(), len(split_name(name)), not name.isupper(),
                          counts[name], -names.index(name)),
    )
    # A name only ever seen in capitals ("SAINT PAUL" in a dateline) is labelled in title case.
    return best.title() if best.isupper() and len(split_name(best)) > 1 else best
