"""The typed loader of every rule data file shipped in `kgnews/nlp/data/`: gazetteers (titles,
offices, parties, places, well-known entities), cue-word lexicons and the entity patterns.

Each TSV file has `#` comment lines, then a header row naming its columns, then one record a
line; list-valued cells are `|`-separated. Loaders are cached: the files are read once per
process. Code elsewhere reads rule data only through the functions here.

Where a word list lives: closed classes of the grammar (articles, prepositions that build a
construction, wh-words, auxiliaries, dependency and entity labels, suffixes) stay in code,
next to the rule they belong to, as frozensets named for their role. Open lexicons -- lists a
user could extend for their corpus without reading the rule (titles, posts, parties, places,
cue verbs and nouns, kin and crowd words, credit-line nouns) -- are data files loaded here.
A list of either kind that carries per-word attributes (pronouns with their entity labels)
is data too.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from kgnews.errors import KGNewsError
from kgnews.model import EntityType

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
    department: bool  # a department word before the title is part of the post ("Health Minister")
    department_body: bool  # ... and names a "Department of" body of the place ("Commerce Commissioner")
    represents: bool  # a smaller place named with the title is the constituency ("Texas Senator")
    country: str  # the country the post belongs to when the article is about no one country; "" for none
    organisation: str  # the body the post belongs to whatever place or party is named: "European Parliament"
    absent_in: frozenset[str] = frozenset()  # countries without such a post: "Prime Minister" -> United States


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
def plural_titles() -> frozenset[Title]:
    """The titles written as the plural of another form of the same post ("Senators", "Sens.",
    "Reps."): before a list of names they give each name the post, whatever the tagger makes
    of them ("Representatives" and "Sens." are tagged singular proper nouns)."""
    forms = {(title.surface.lower().rstrip("."), title.role) for title in titles() if title.role}
    return frozenset(title for title in titles() if title.role and any(
        (title.surface.lower().rstrip(".").removesuffix(ending), title.role) in forms
        for ending in ("s", "es") if title.surface.lower().rstrip(".").endswith(ending)))


@lru_cache(maxsize=None)
def offices() -> dict[str, Office]:
    """Offices keyed by lower-cased role."""
    return {
        row["role"].lower(): Office(
            row["role"],
            split_list(row["scope"]),
            row["body"],
            row["relation"],
            row["department"] in ("yes", "title"),
            row["department"] == "yes",
            row["represents"] == "yes",
            row["country"],
            row["organisation"],
            frozenset(split_list(row["absent_in"])),
        )
        for row in read_tsv("offices.tsv")
    }


@lru_cache(maxsize=None)
def office_of(role: str) -> Office | None:
    """The office of a normalised role: its own row, else the row of its head, the longest
    run of last words listed ("Interior Minister", "Energy Minister" -> Minister), so a
    cabinet post of any name belongs to a country like the minister it is."""
    words = role.lower().split()
    table = offices()
    return next((table[key] for start in range(len(words)) if (key := " ".join(words[start:])) in table), None)


@cache
def seat_roles() -> dict[str, Office]:
    """The last word of a legislature's name -> the office of one who has a seat in it, from the
    offices whose holders represent a place there, a nation's first ("Senate" -> Senator,
    "Representatives" -> Representative, "Parliament" -> Member of Parliament)."""
    roles: dict[str, Office] = {}
    for office in sorted(offices().values(), key=lambda office: office.scope[:1] != ("country",)):
        if office.represents and office.relation == "member_of" and office.body:
            roles.setdefault(office.body.split()[-1], office)
    return roles


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


@cache
def body_subject_prepositions() -> dict[str, frozenset[str]]:
    """Body word -> the prepositions naming each subject of a plural listing several such bodies
    ("committees on X and Y": Committee -> on); only the words that list bodies so."""
    return {row["word"]: frozenset(split_list(row["subject_prepositions"])) for row in read_tsv("bodies.tsv")
            if row["subject_prepositions"]}


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


@dataclass(frozen=True)
class ListedEntity:
    name: str  # canonical
    type: EntityType
    subtype: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class HeadWordRule:
    words: tuple[str, ...]  # "Party", "Supreme Court"
    anywhere: bool  # anywhere in the name, else only at its end
    subtype: str
    type: EntityType


@dataclass(frozen=True)
class DateWords:
    months: dict[str, int]  # lower-cased name or abbreviation -> month number
    weekdays: dict[str, int]  # lower-cased name or abbreviation -> ISO weekday
    relative: tuple[tuple[str, str, int], ...]  # ("last week", "week", -1), longest phrase first


@cache
def words(name: str, column: str) -> frozenset[str]:
    """The values of one column of a one-word-a-line lexicon."""
    return frozenset(row[column] for row in read_tsv(name))


@cache
def name_heads() -> dict[str, EntityType]:
    """Last word of a name -> the type it decides whatever the model's label ("Hospital" ->
    Organization): the head words marked `decides` in data/name_heads.tsv."""
    return {row["word"]: row["type"] for row in read_tsv("name_heads.tsv") if row["decides"] == "yes"}  # type: ignore[misc]


@cache
def listed_entities() -> tuple[ListedEntity, ...]:
    """Well-known organisations and places other than parties, countries and states."""
    return tuple(
        ListedEntity(row["name"], row["type"], row["subtype"] or None, split_list(row["aliases"]))  # type: ignore[arg-type]
        for row in read_tsv("known_entities.tsv")
    )


@cache
def head_word_rules() -> tuple[HeadWordRule, ...]:
    """Subtypes given by a name's words ("... Party" -> PoliticalParty), in file order
    (data/name_heads.tsv, the rows that name a subtype)."""
    return tuple(
        HeadWordRule(tuple(row["word"].split()), row["position"] == "any", row["subtype"], row["type"])  # type: ignore[arg-type]
        for row in read_tsv("name_heads.tsv") if row["subtype"]
    )


@cache
def last_head_words(subtypes: frozenset[str]) -> frozenset[str]:
    """The words that, last in a name, give it one of `subtypes` ("Party", "Corporation", "Inc.")."""
    return frozenset(" ".join(rule.words) for rule in head_word_rules() if rule.subtype in subtypes and not rule.anywhere)


@cache
def date_words() -> DateWords:
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    relative: list[tuple[str, str, int]] = []
    for row in read_tsv("dates.tsv"):
        if row["kind"] == "month":
            months[row["phrase"]] = int(row["value"])
        elif row["kind"] == "weekday":
            weekdays[row["phrase"]] = int(row["value"])
        else:
            unit, offset = row["value"].split(":")
            relative.append((row["phrase"], unit, int(offset)))
    relative.sort(key=lambda entry: -len(entry[0]))
    return DateWords(months, weekdays, tuple(relative))


def speech_verbs() -> frozenset[str]:
    return words("speech_verbs.tsv", "lemma")


@cache
def reporting_verbs() -> frozenset[str]:
    """Speech verbs that report speech ("say", "tell"), not only frame it."""
    return frozenset(row["lemma"] for row in read_tsv("speech_verbs.tsv") if row["reports"] == "yes")


@cache
def text_speech_verbs() -> frozenset[str]:
    """Speech verbs that speak only with a text for subject or when read out ("the statement read")."""
    return frozenset(row["lemma"] for row in read_tsv("speech_verbs.tsv") if row["speaker"] == "text")


@cache
def reported_done_verbs() -> frozenset[str]:
    """Reporting verbs whose passive hands its subject to the act its infinitive states as done."""
    return frozenset(row["lemma"] for row in read_tsv("reported_done_verbs.tsv"))


@cache
def quoting_verbs() -> frozenset[str]:
    """Verbs that hand who they quote to the speech verb of their "as" phrase ("was quoted as saying", "quoted X as saying")."""
    return words("quoting_verbs.tsv", "lemma")


@cache
def reciprocal_verbs() -> frozenset[str]:
    """Verbs of what parties do together: their passive's "between" objects are its doers."""
    return frozenset(row["lemma"] for row in read_tsv("reciprocal_verbs.tsv"))


@cache
def addressee_verbs() -> frozenset[str]:
    """Speech verbs whose direct object is who is spoken to ("told reporters ...")."""
    return frozenset(row["lemma"] for row in read_tsv("speech_verbs.tsv") if row["object"] == "addressee")


def counterpart_offices() -> frozenset[str]:
    """Lower-cased roles of the offices (offices.tsv rows) a counterpart abroad holds as well."""
    return frozenset(word.lower() for word in words("counterpart_offices.tsv", "role"))


@cache
def possibility_modals() -> frozenset[str]:
    """Auxiliaries of mere possibility ("could"): a post said with one is only a prospect."""
    return words("possibility_modals.tsv", "word")


def modal_auxiliaries() -> frozenset[str]:
    return words("modal_auxiliaries.tsv", "word")


@cache
def transparent_verbs() -> dict[str, str]:
    """Verb lemma -> the particle that makes it pass through to its complement ("go on")."""
    return {row["lemma"]: row["particle"] for row in read_tsv("transparent_verbs.tsv")}


@cache
def pronoun_labels() -> dict[str, tuple[str, ...]]:
    """Pronoun -> the entity labels it can refer to."""
    return {row["pronoun"]: split_list(row["labels"]) for row in read_tsv("pronouns.tsv")}


@cache
def residence_cues() -> dict[str, frozenset[str]]:
    """kind ("verb" / "noun") -> the words that say where someone lives."""
    cues: dict[str, set[str]] = {"verb": set(), "noun": set()}
    for row in read_tsv("residence_cues.tsv"):
        cues.setdefault(row["kind"], set()).add(row["cue"])
    return {kind: frozenset(found) for kind, found in cues.items()}


def statement_nouns() -> frozenset[str]:
    return words("statement_nouns.tsv", "noun")


def partitive_nouns() -> frozenset[str]:
    return words("partitive_nouns.tsv", "noun")


def issuing_verbs() -> frozenset[str]:
    return words("issuing_verbs.tsv", "lemma")


@cache
def place_nouns() -> dict[str, bool]:
    """Noun describing a place as part of a larger one -> whether its "of" phrase names the
    larger place ("capital of Zimbabwe") rather than the place itself ("city of São Paulo")."""
    return {row["noun"]: row["of"] == "larger" for row in read_tsv("place_nouns.tsv")}


def appointing_verbs() -> frozenset[str]:
    return words("appointing_verbs.tsv", "lemma")


@cache
def title_prepositions() -> dict[str, str]:
    """Preposition -> what it attaches a title to: "post", "target", "employer" or "home"
    (data/title_prepositions.tsv)."""
    return {row["preposition"]: row["attaches"] for row in read_tsv("title_prepositions.tsv")}


@cache
def title_owner_prepositions() -> frozenset[str]:
    """Prepositions of a phrase that may stand between a title and its holder's name
    ("Ambassador to the UN Nikki Haley")."""
    return frozenset(row["preposition"] for row in read_tsv("title_prepositions.tsv") if row["before_name"] == "yes")


@cache
def employer_prepositions() -> frozenset[str]:
    """Prepositions that attach a job to the organisation it is at: "an ecologist at Cornell"."""
    return frozenset(preposition for preposition, attaches in title_prepositions().items() if attaches == "employer")


@cache
def name_prepositions() -> frozenset[str]:
    """Prepositions of a phrase right after a name that give the person's place or
    organisation ("Jane Roe of Oregon")."""
    return frozenset(row["preposition"] for row in read_tsv("title_prepositions.tsv") if row["after_name"] == "yes")


@cache
def seats() -> dict[str, frozenset[str]]:
    """kind ("noun" / "verb" / "loss") -> the words for a seat in a body, the verbs of holding one
    and those of giving one up."""
    found: dict[str, set[str]] = {"noun": set(), "verb": set(), "loss": set()}
    for row in read_tsv("seats.tsv"):
        found[row["kind"]].add(row["word"])
    return {kind: frozenset(words) for kind, words in found.items()}


@cache
def post_verbs() -> dict[str, Title]:
    """Verb lemma -> the title of the post it gives its subject in the body it names ("chairs
    the committee": Chair)."""
    by_surface = {title.surface: title for title in titles()}
    return {row["lemma"]: by_surface[row["title"]] for row in read_tsv("post_verbs.tsv")}


@cache
def membership_verbs() -> dict[str, tuple[frozenset[str], str]]:
    """Verb lemma -> (the prepositions introducing the body joined, empty for the direct object;
    the relation it states: member_of, works_for or represents)."""
    return {row["lemma"]: (frozenset(split_list(row["preposition"])), row["relation"])
            for row in read_tsv("membership_verbs.tsv")}


@cache
def party_contests() -> dict[str, frozenset[str]]:
    """kind ("noun" / "verb" / "direct_verb" / "participant" / "nominating_verb" / "ticket_noun") ->
    a party's contests, the verbs of taking part in one (of "direct_verb", only with the contest as
    its object), the nouns said of one who takes part, the verbs by which a party puts up its
    candidates and the nouns that list them."""
    found: dict[str, set[str]] = {"noun": set(), "verb": set(), "direct_verb": set(), "participant": set(),
                                  "nominating_verb": set(), "ticket_noun": set()}
    for row in read_tsv("party_contests.tsv"):
        found[row["kind"]].add(row["word"])
    return {kind: frozenset(words) for kind, words in found.items()}


def event_stop_lemmas() -> frozenset[str]:
    return words("event_stop_lemmas.tsv", "lemma")


def event_object_prepositions() -> frozenset[str]:
    return words("object_prepositions.tsv", "preposition")


def partner_verbs() -> frozenset[str]:
    return words("partner_verbs.tsv", "lemma")


@cache
def verb_prepositions() -> dict[str, frozenset[str]]:
    """Verb lemma -> the prepositions whose object is its theme whatever it names ("respond": "to")."""
    found: dict[str, set[str]] = {}
    for row in read_tsv("verb_prepositions.tsv"):
        found.setdefault(row["lemma"], set()).add(row["preposition"])
    return {lemma: frozenset(prepositions) for lemma, prepositions in found.items()}


@cache
def idiom_objects() -> frozenset[tuple[str, str]]:
    """(verb lemma, object word) pairs that are idioms, not actions: ("take", "place")."""
    return frozenset((row["lemma"], row["object"]) for row in read_tsv("idiom_objects.tsv"))


def negating_verbs() -> frozenset[str]:
    return words("negating_verbs.tsv", "lemma")


def attitude_verbs() -> frozenset[str]:
    """Verbs of belief and conjecture, whose clause is held rather than stated as done."""
    return words("attitude_verbs.tsv", "lemma")


@cache
def condition_markers() -> frozenset[str]:
    """Conjunctions of a clause that states a condition, not what happened ("if", "unless")."""
    return words("condition_markers.tsv", "word")


@cache
def preposition_participles() -> frozenset[str]:
    """Participles that are prepositions without a subject of their own ("following the landslide")."""
    return words("preposition_participles.tsv", "word")


@cache
def stance_verbs() -> frozenset[str]:
    """Verbs by which a reporter gives grounds for or takes a stand on what they report ("citing")."""
    return words("stance_verbs.tsv", "lemma")


@cache
def event_nouns() -> dict[str, tuple[str, str]]:
    """Lower-cased noun -> (verb lemma, kind "doer" / "action")."""
    return {row["noun"]: (row["lemma"], row["kind"]) for row in read_tsv("event_nouns.tsv")}


def generic_names() -> frozenset[str]:
    """Names that, standing alone, name a kind of body or post rather than one thing."""
    return words("generic_names.tsv", "name")


@cache
def generic_bodies() -> frozenset[str]:
    """The generic names of a kind of body ("house", "cabinet", "embassy"), not of a post."""
    return frozenset(row["name"] for row in read_tsv("generic_names.tsv") if row["kind"] == "body")


def post_nouns() -> frozenset[str]:
    """Nouns naming a post in "held the post of Speaker", "resumed the office of Speaker"."""
    return words("post_nouns.tsv", "lemma")


def place_heads() -> frozenset[str]:
    """Last words of an untagged proper-noun phrase that make it a place, not an organisation."""
    return words("place_heads.tsv", "word")


def rank_words() -> frozenset[str]:
    """Words before a title that make it a different post ("Vice President", not "President")."""
    return words("rank_words.tsv", "word")


def organisation_nouns() -> frozenset[str]:
    """Lower-case nouns that describe an organisation ("daily", "broadcaster", "group")."""
    return words("organisation_nouns.tsv", "noun")


def department_words() -> frozenset[str]:
    """Words naming what a ministry is in charge of ("Foreign", "Affairs", "Economy")."""
    return words("department_words.tsv", "word")


@cache
def department_nouns() -> frozenset[str]:
    """Department words that can end a portfolio's name ("Affairs", "Justice", "Transportation")."""
    return frozenset(row["word"] for row in read_tsv("department_words.tsv") if row["part"] == "noun")


def not_occupations() -> frozenset[str]:
    """Agent-like nouns before a name that are no occupation: relatives, crowds, roles in a contest."""
    return words("not_occupations.tsv", "word")


@cache
def naming_words() -> dict[str, frozenset[str]]:
    """Kind ("verb", "noun") -> the lemmas that name who a description describes ("named",
    "pseudonym")."""
    kinds: dict[str, set[str]] = defaultdict(set)
    for row in read_tsv("naming_words.tsv"):
        kinds[row["kind"]].add(row["lemma"])
    return {kind: frozenset(lemmas) for kind, lemmas in kinds.items()}


@cache
def gendered_words() -> dict[str, str]:
    """Lower-cased word -> "f" or "m": pronouns, and titles and nouns that tell the gender of
    the person they name ("mrs.", "queen", "spokeswoman")."""
    return {row["word"]: row["gender"] for row in read_tsv("gendered_words.tsv")}


@cache
def given_name_genders() -> dict[str, str]:
    """Lower-cased common given name -> "f" or "m", where the name tells the gender ("elizabeth": "f")."""
    return {row["name"].lower(): row["gender"] for row in read_tsv("given_name_genders.tsv")}


@cache
def media_nouns() -> frozenset[str]:
    """Lower-cased nouns of a medium a speech verb's "on" names ("social media", "Instagram")."""
    return words("media_nouns.tsv", "word")


def credit_nouns() -> frozenset[str]:
    """Nouns of a credit line: "(Forum News Service photo by Don Davis)"."""
    return words("credit_nouns.tsv", "word")


def surname_particles() -> frozenset[str]:
    """Lower-cased particles a surname starts with before an inner capital ("Mc", "De")."""
    return words("surname_particles.tsv", "particle")


@cache
def given_names() -> frozenset[str]:
    """Common given names, lower-cased, that are not ordinary words or places ("crystal")."""
    return frozenset(name.lower() for name in words("given_names.tsv", "name"))


# Every loader, so that a test can run them all and check that each data file is read.
LOADERS = (
    titles, offices, parties, party_letters, party_names, membership_words, places, demonyms,
    qualifiers, listed_entities, head_word_rules, date_words, speech_verbs, reporting_verbs, text_speech_verbs, reported_done_verbs, quoting_verbs, reciprocal_verbs, addressee_verbs,
    counterpart_offices, possibility_modals, modal_auxiliaries, transparent_verbs, pronoun_labels, residence_cues, event_stop_lemmas,
    event_object_prepositions, idiom_objects, partner_verbs, verb_prepositions, negating_verbs, stance_verbs, condition_markers, preposition_participles, event_nouns, generic_names, generic_bodies, post_nouns, naming_words, gendered_words,
    place_heads, rank_words, not_occupations, credit_nouns, membership_verbs, party_contests,
    appointing_verbs, attitude_verbs, place_nouns, statement_nouns, partitive_nouns, issuing_verbs, organisation_nouns, department_words, name_heads,
    title_prepositions,
    title_owner_prepositions,
    name_prepositions, employer_prepositions, given_names, given_name_genders, media_nouns, surname_particles, post_verbs, body_subject_prepositions, seats,
    lambda: read_patterns("entity_patterns.jsonl"),
)
