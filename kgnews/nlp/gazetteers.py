"""The title, office, party and place gazetteers shipped in `kgnews/nlp/data/`.

Each TSV file has `#` comment lines, then a header row naming its columns, then one record a
line; list-valued cells are `|`-separated. Loaders are cached: the files are read once per process.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kgnews.errors import KGNewsError

DATA_DIR = Path(__file__).parent / "data"


class GazetteerError(KGNewsError):
    """A gazetteer file is missing or malformed."""


@dataclass(frozen=True)
class Title:
    surface: str  # as written before a name: "Gov.", "Lt. Gov.", "House Speaker"
    role: str  # normalised post, "" for honorifics ("Mr.")
    kind: str  # office | occupation | military | royal | religious | honorific


@dataclass(frozen=True)
class Office:
    role: str
    scope: tuple[str, ...]  # kinds of place the post belongs to, the usual one first; () for none
    body: str  # organisation the post sits in, named after the place: "Senate"
    relation: str  # member_of | works_for | "" (the post gives no affiliation)
    department: bool  # a department word before the title names a department
    represents: bool  # a smaller place named with the title is the constituency ("Texas Senator")


@dataclass(frozen=True)
class Party:
    name: str
    country: str
    letter: str
    aliases: tuple[str, ...]
    kind: str  # party | independent


@dataclass(frozen=True)
class Place:
    name: str  # canonical: "Minnesota", "United States"
    kind: str  # country | state
    country: str  # the country a state belongs to; the country itself for a country


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of `data/<name>` as dicts keyed by the header; raises GazetteerError naming the line."""
    path = DATA_DIR / name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise GazetteerError(f"{path}: cannot read gazetteer ({error.strerror})") from error
    header: list[str] | None = None
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if header is None:
            header = cells
            continue
        if len(cells) != len(header):
            raise GazetteerError(
                f"{path}:{number}: expected {len(header)} tab-separated columns, got {len(cells)}"
            )
        rows.append(dict(zip(header, cells)))
    return rows


def read_patterns(name: str) -> list[dict[str, object]]:
    """spaCy span-ruler patterns of `data/<name>` (JSON lines: `label`, `pattern`, an optional
    `id`, a `comment`); raises GazetteerError naming the line."""
    path = DATA_DIR / name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise GazetteerError(f"{path}: cannot read patterns ({error.strerror})") from error
    patterns = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
            if not isinstance(entry["label"], str) or not isinstance(entry["pattern"], list):
                raise ValueError("label must be a string and pattern a list of token patterns")
        except (ValueError, KeyError, TypeError) as error:
            raise GazetteerError(f"{path}:{number}: bad entity pattern ({error})") from error
        patterns.append(entry)
    return patterns


def split_list(cell: str) -> tuple[str, ...]:
    return tuple(item for item in cell.split("|") if item)


@lru_cache(maxsize=None)
def titles() -> tuple[Title, ...]:
    return tuple(Title(row["surface"], row["role"], row["kind"]) for row in read_tsv("titles.tsv"))


@lru_cache(maxsize=None)
def offices() -> dict[str, Office]:
    """Offices keyed by lower-cased role."""
    return {
        row["role"].lower(): Office(
            row["role"],
            split_list(row["scope"]),
            row["body"],
            row["relation"],
            row["department"] == "yes",
            row["represents"] == "yes",
        )
        for row in read_tsv("offices.tsv")
    }


@lru_cache(maxsize=None)
def parties() -> tuple[Party, ...]:
    return tuple(
        Party(row["name"], row["country"], row["letter"], split_list(row["aliases"]), row["kind"])
        for row in read_tsv("parties.tsv")
    )


@lru_cache(maxsize=None)
def party_letters() -> dict[str, Party]:
    """Party-letter tag ("R", "DFL") -> party."""
    return {party.letter: party for party in parties() if party.letter}


@lru_cache(maxsize=None)
def party_names() -> dict[str, Party]:
    """Every case-sensitive surface form of a party (name, aliases) -> party."""
    return {form: party for party in parties() for form in (party.name, *party.aliases)}


@lru_cache(maxsize=None)
def membership_words() -> dict[str, str]:
    """Last word of an organisation name -> relation of a post in it ("Committee" -> member_of)."""
    return {row["word"]: row["relation"] for row in read_tsv("bodies.tsv")}


@lru_cache(maxsize=None)
def places() -> dict[str, Place]:
    """Surface forms of countries and US states (names, postal codes, AP abbreviations,
    aliases) -> place. Two-letter postal codes are included; callers decide when a bare
    code may stand for a state (after a comma or in a party-letter tag)."""
    table: dict[str, Place] = {}
    for row in read_tsv("countries.tsv"):
        country = Place(row["name"], "country", row["name"])
        for form in (row["name"], *split_list(row["aliases"])):
            table[form] = country
    for row in read_tsv("us_states.tsv"):
        state = Place(row["name"], "state", "United States")
        for form in (row["name"], row["postal"], row["ap"], *split_list(row["other"])):
            table.setdefault(form, state)
    return table


@lru_cache(maxsize=None)
def demonyms() -> dict[str, Place]:
    """Demonym adjectives ("Turkish") -> country."""
    return {
        demonym: Place(row["name"], "country", row["name"])
        for row in read_tsv("countries.tsv")
        for demonym in split_list(row["demonyms"])
    }


@lru_cache(maxsize=None)
def qualifiers() -> dict[str, str]:
    """Lower-cased word next to a title -> qualifier of the post ("ex" -> "former")."""
    return {row["word"]: row["qualifier"] for row in read_tsv("qualifiers.tsv")}
