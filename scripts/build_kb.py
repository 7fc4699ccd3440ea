"""Compile kgnews' default knowledge base (kgnews/kb/default.jsonl.gz) from public-domain data.

    python scripts/build_kb.py [--source ../shared/kb] [--out kgnews/kb/default.jsonl.gz]

Sources (all CC0 or the project's own):
  * the `unitedstates/congress-legislators` YAML files in --source: current members of
    Congress (with Wikidata QIDs and every term), every US President and Vice President,
    congressional committees and their current chairs;
  * the parties and well-known organisations the extraction rules know
    (kgnews/nlp/data/parties.tsv, known_entities.tsv) and national bodies with their
    QIDs and generic names (kgnews/kb/data/organizations.tsv);
  * short forms of given names (kgnews/kb/data/given_names.tsv) for name variants.
The output is the JSON lines format of kgnews/kb/README.md; the build is deterministic, so
re-running it on the same sources gives the same file (gzip without a timestamp).
Needs PyYAML (a development dependency of kgnews).
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kgnews.kb import FORMAT_VERSION, KB_DIR  # noqa: E402
from kgnews.nlp.gazetteers import parties, read_tsv, split_list  # noqa: E402

SOURCE_REPOSITORY = "https://github.com/unitedstates/congress-legislators"
SOURCE_COMMIT = "dfa9622263dd4c8d08636926e498f1845704d7eb"
SNAPSHOT = "2026-06-15"  # the date of that commit: current rosters are as of this day
UNITED_STATES = "United States"
# congress-legislators term types -> (role, the body or country the post belongs to)
TERM_POSTS = {
    "sen": ("Senator", "United States Senate"),
    "rep": ("Representative", "United States House of Representatives"),
    "prez": ("President", UNITED_STATES),
    "viceprez": ("Vice President", UNITED_STATES),
}
COMMITTEE_BODIES = {"house": "House", "senate": "Senate", "joint": "Joint"}


def _party(name: str | None) -> str | None:
    """A congress-legislators party name as the party's canonical name ("Democrat" -> "Democratic Party")."""
    if not name or name in ("Independent", "no party"):
        return None
    known = {alias: party.name for party in parties() for alias in (party.name, *party.aliases)}
    return known.get(name, name if name.endswith("Party") else f"{name} Party")


def _states() -> dict[str, str]:
    return {row["postal"]: row["name"] for row in read_tsv("us_states.tsv")}


def _short_forms() -> dict[str, tuple[str, ...]]:
    return {row["name"]: split_list(row["forms"]) for row in _kb_tsv("given_names.tsv")}


def _kb_tsv(name: str) -> list[dict[str, str]]:
    lines = [line for line in (KB_DIR / "data" / name).read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, (line.split("\t") + [""] * len(header))[: len(header)])) for line in lines[1:]]


def person_names(name: dict[str, str], wikipedia: str | None) -> tuple[str, list[str]]:
    """Canonical name -- the name the news uses: Wikipedia's title without its disambiguation,
    else the nickname and surname ("Bill Clinton", not "William Clinton") -- and the other
    full names, the formal ones among them."""
    first, last = name["first"], name["last"]
    middle, suffix, nickname = name.get("middle"), name.get("suffix"), name.get("nickname")
    given = [first, *([nickname] if nickname else []), *_short_forms().get(first.split()[0], ())]
    forms: list[str] = []
    for given_name in given:
        forms.append(f"{given_name} {last}")
        if middle:
            forms += [f"{given_name} {middle} {last}", f"{given_name} {middle[0]}. {last}"]
    if suffix:
        forms += [f"{form} {suffix}" for form in list(forms)]
    if name.get("official_full"):
        forms.append(name["official_full"].replace('"', ""))
    common = f"{nickname} {last}" if nickname else None
    canonical = (wikipedia or "").split(" (")[0] or common or name.get("official_full") or f"{first} {last}"
    return canonical, [form for form in dict.fromkeys(forms) if form != canonical]


def person_entries(records: Iterable[dict[str, Any]], committees: dict[str, list[dict[str, Any]]]) -> Iterator[dict[str, Any]]:
    states = _states()
    for record in records:
        ids = record["id"]
        key = f"bioguide:{ids['bioguide']}" if ids.get("bioguide") else f"govtrack:{ids['govtrack']}"
        name, aliases = person_names(record["name"], ids.get("wikipedia"))
        posts, memberships = [], []
        for term in record["terms"]:
            role, role_of = TERM_POSTS[term["type"]]
            post = {"role": role, "role_of": role_of, "start": term["start"], "end": term["end"]}
            if term.get("state"):
                post["represents"] = states.get(term["state"], term["state"])
            if term.get("district") is not None and term["district"] > 0:
                post["district"] = term["district"]
            party = _party(term.get("party"))
            if party:
                post["party"] = party
                memberships.append({"organization": party, "start": term["start"], "end": term["end"]})
            posts.append(post)
        for committee in committees.get(ids.get("bioguide") or "", []):
            memberships.append({"organization": committee["name"], "as_of": SNAPSHOT})
            if committee.get("title"):
                posts.append({"role": committee["title"], "role_of": committee["name"], "as_of": SNAPSHOT})
        yield {
            "id": key, "wikidata": ids.get("wikidata"), "type": "Person", "subtype": None,
            "name": name, "aliases": aliases, "surname": record["name"]["last"], "country": UNITED_STATES,
            "posts": posts, "memberships": _merged_terms(memberships),
        }


def _merged_terms(memberships: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Back-to-back terms in one organisation as one membership (a party across many terms)."""
    merged: list[dict[str, Any]] = []
    for membership in memberships:
        last = merged[-1] if merged else None
        if (last and last["organization"] == membership["organization"] and "end" in last
                and "start" in membership and _adjacent(last["end"], membership["start"])):
            last["end"] = max(last["end"], membership["end"])
        else:
            merged.append(dict(membership))
    return merged


def _adjacent(end: str, start: str) -> bool:
    """True when a term starting on `start` continues one ending on `end` (they meet within days)."""
    return date.fromisoformat(start) - date.fromisoformat(end) <= timedelta(days=7)


def committee_entries(records: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for committee in records:
        body = COMMITTEE_BODIES.get(committee["type"], "")
        name = committee["name"]
        aliases = []
        topic = name.split(" Committee on ", 1)[-1] if " Committee on " in name else None
        if topic:
            aliases += [f"{body} {topic} Committee", f"Committee on {topic}", f"{topic} Committee"]
        yield {
            "id": f"thomas:{committee['thomas_id']}", "wikidata": None, "type": "Organization",
            "subtype": "GovernmentOrganization", "name": name,
            "aliases": [alias for alias in dict.fromkeys(aliases) if alias != name],
            "country": UNITED_STATES,
        }


def organization_entries() -> Iterator[dict[str, Any]]:
    """Parties and known organisations of the rules, completed by kb/data/organizations.tsv."""
    entries: dict[str, dict[str, Any]] = {}

    def entry(name: str, subtype: str | None, aliases: Iterable[str], country: str | None) -> dict[str, Any]:
        held = entries.setdefault(name, {
            "id": "kgnews:" + "-".join(name.casefold().replace(".", "").split()), "wikidata": None,
            "type": "Organization", "subtype": subtype, "name": name, "aliases": [], "country": country,
        })
        held["aliases"] = list(dict.fromkeys([*held["aliases"], *(alias for alias in aliases if alias != name)]))
        held["subtype"] = held["subtype"] or subtype
        held["country"] = held["country"] or country
        return held

    for party in parties():
        if party.kind == "party":
            entry(party.name, "PoliticalParty", party.aliases, party.country)
    for row in read_tsv("known_entities.tsv"):
        if row["type"] == "Organization":
            entry(row["name"], row["subtype"] or None, split_list(row["aliases"]), None)
    for row in _kb_tsv("organizations.tsv"):
        held = entry(row["name"], row["subtype"] or None, split_list(row["aliases"]), row["country"] or None)
        held["wikidata"] = row["wikidata"] or None
        if row["generic_names"]:
            held["generic_names"] = list(split_list(row["generic_names"]))
    yield from entries.values()


def build(source: Path) -> list[dict[str, Any]]:
    def load(name: str) -> Any:
        return yaml.safe_load((source / name).read_text(encoding="utf-8"))

    legislators, executives = load("legislators-current.yaml"), load("executive.yaml")
    committees = load("committees-current.yaml")
    names = {committee["thomas_id"]: committee["name"] for committee in committees}
    seats: dict[str, list[dict[str, Any]]] = {}
    for thomas_id, members in load("committee-membership-current.yaml").items():
        if thomas_id in names:  # subcommittee rosters (HSAG15) are left out with the subcommittees
            for member in members:
                seats.setdefault(member["bioguide"], []).append({"name": names[thomas_id], "title": member.get("title")})
    # A President or Vice President who is also a current legislator is one person: one record, all terms.
    by_bioguide = {record["id"]["bioguide"]: record for record in legislators}
    people = list(legislators)
    for record in executives:
        held = by_bioguide.get(record["id"].get("bioguide", ""))
        if held:
            held["terms"] = sorted(held["terms"] + record["terms"], key=lambda term: term["start"])
        else:
            people.append(record)
    header = {
        "kgnews_kb": FORMAT_VERSION, "name": "kgnews-default", "version": SNAPSHOT,
        "source": f"{SOURCE_REPOSITORY}/tree/{SOURCE_COMMIT}; kgnews rules data",
        "licence": "CC0-1.0",
    }
    entries = [*person_entries(people, seats), *committee_entries(committees), *organization_entries()]
    return [header, *({key: value for key, value in entry.items() if value not in (None, [])} for entry in entries)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=ROOT.parent / "shared" / "kb",
                        help="folder with the congress-legislators YAML files")
    parser.add_argument("--out", type=Path, default=KB_DIR / "default.jsonl.gz")
    options = parser.parse_args()
    lines = [json.dumps(record, ensure_ascii=False, sort_keys=True) for record in build(options.source)]
    with open(options.out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as out:
        out.write(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"wrote {options.out}: {len(lines) - 1} entries")


if __name__ == "__main__":
    main()
