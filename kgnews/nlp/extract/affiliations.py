"""Affiliations: parties, the bodies posts sit in, places represented, and bylines.

Everything person-centred comes from the same `Description`s as the posts
(`kgnews.nlp.extract.positions`), so a post and the affiliation it implies are read once:
"Minnesota House Speaker Kurt Daudt" is Speaker of Minnesota and a member of the Minnesota
House of Representatives. Party-letter tags ("(R-Crown)", "D-Minn.") and bylines are read
from the text around names.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator

from spacy.tokens import Doc, Span, Token

from kgnews.nlp import gazetteers
from kgnews.nlp.extract import clauses
from kgnews.nlp.extract.parse import (
    PLACE_LABELS,
    WH_SUBJECTS,
    DocIndex,
    attached_entities,
    entity_after_name,
    listed_people,
    party_of,
    phrase_entity,
    place_of,
    predicated_person,
    subject_of,
    text_of,
)
from kgnews.nlp.extract.positions import (
    Description,
    candidacy_after,
    closed_by_respectively,
    describe_people,
    is_body,
    listed_entities,
    pair_by_position,
    position_facts,
)
from kgnews.nlp.spanfacts import SpanFact

# "(R-Crown)", "(D-Minn.)", ", R-Texas,", "(D-CA)", "(I-Vt.)" right after a name; in brackets the
# place may be left out: "Rep. Justin Amash (R)".
PARTY_TAG = re.compile(
    r"\s*(?:[(,]\s*(?P<letter>[A-Z]{1,3})\s?[-–]\s?"
    r"(?P<place>[A-Z][A-Za-z.']*(?:[ .]?[A-Z][A-Za-z.']*)*)\s*[),]|\(\s*(?P<lone>[A-Z]{1,3})\s*\))"
)
# A line that is only a name (a byline), or "By <name>".
BYLINE = re.compile(r"^(?:By\s+)?(?P<name>[A-Z][^\n]{2,60})$")


def affiliation_facts(descriptions: Iterable[Description]) -> Iterator[SpanFact]:
    """member_of a party, works_for / member_of the body a post sits in, represents a place."""
    for description in descriptions:
        found: list[tuple[str, Span | str, str]] = []
        party = description.party
        if party is not None and party.kind == "party":
            found.append(("member_of", party.name, "Organization"))
        if description.home is not None:
            found.append(("represents", description.home, "Place"))
        if description.seat is not None:
            found.append(("member_of", description.seat, "Organization"))
        found.extend((relation, body, "Organization") for relation, body in post_bodies(description))
        seen = set()
        for relation, obj, object_type in found:
            if (relation, text_of(obj)) not in seen:  # "Labour Party leader": the party once
                seen.add((relation, text_of(obj)))
                yield fact(description, relation, obj, object_type)


def post_bodies(description: Description) -> Iterator[tuple[str, Span | str]]:
    """The organisations a post makes its holder work for or belong to: the organisation it
    is "of" or "for" ("spokeswoman for the Department of Justice"; not "ambassador to the
    United Nations"), or the bodies the office has in a place of its kind ("Minnesota" House
    Speaker -> Minnesota House of Representatives)."""
    role_of = description.role_of
    office = description.office
    if role_of is None or gazetteers.title_prepositions().get(description.preposition or "") == "target":
        return
    if description.role_of_type == "Organization" or (isinstance(role_of, Span) and role_of.label_ == "ORG"):
        yield organisation_relation(role_of, office, description.kind), role_of
        return
    place = place_of(role_of if isinstance(role_of, str) else role_of.text)
    if office is None or place is None or place.kind not in office.scope:
        return
    if description.department:
        if office.department_body:
            yield "works_for", f"{place.name} Department of {description.department}"
    elif office.body:
        # a deputy works in the post's own body, not in those the post sits in ("Assistant Secretary
        # of State": the Department of State, not the Cabinet)
        bodies = list(zip(office.relation.split("|"), office.body.split("|")))
        for relation, body in bodies[:1] if description.rank else bodies:
            yield relation, f"{place.name} {body}"


def organisation_relation(org: Span | str, office: gazetteers.Office | None, kind: str) -> str:
    if kind == "membership" or is_body(text_of(org)):
        return "member_of"
    if office is not None and office.relation:
        return office.relation.split("|")[0]
    return "works_for"


def fact(description: Description, relation: str, obj: Span | str, object_type: str) -> SpanFact:
    return SpanFact(
        subject=description.subject,
        relation=relation,
        sentence=description.sentence,
        object=obj,
        object_type=object_type,
        confidence=description.confidence,
    )


def party_tag_facts(doc: Doc) -> Iterator[SpanFact]:
    """member_of and represents from a party-letter tag after a name: "Kurt Daudt (R-Crown)",
    "Justin Amash (R)".
    A state abbreviation is given as the state's name unless the text tags it as a place."""
    index = DocIndex.of(doc)
    for person in index.people:
        match = PARTY_TAG.match(index.text, person.end_char)
        letter = match and (match.group("letter") or match.group("lone"))
        if letter not in gazetteers.party_letters():
            continue
        sentence = index.sentence(person.start)
        party = gazetteers.party_letters()[letter]
        if party.kind == "party":
            yield SpanFact(person, "member_of", sentence, party.name, "Organization")
        place_text = match.group("place")
        if place_text is None:
            continue
        span = doc.char_span(match.start("place"), match.start("place") + len(place_text),
                             alignment_mode="expand")
        known = place_of(place_text)
        if span is not None and index.entity_ending_at.get(span.end) == span and span.label_ in ("GPE", "LOC"):
            place: Span | str | None = span
        elif known is not None:
            place = known.name
        else:
            place = span
        if place is not None:
            yield SpanFact(person, "represents", sentence, place, "Place")


def named_with_facts(doc: Doc) -> Iterator[SpanFact]:
    """works_for (member_of for a party or legislature) from an organisation written with a
    name: "John Roe of the Heritage Foundation", "Jane Doe, 45, of Acme Corp.", "Regina Ip from
    the Liberal Party", "CNN's Jake Tapper", and from a
    common noun in apposition "at" or "with" one: "Jane Doe, an ecologist at Cornell
    University", "John Roe, a lobbyist with the American Petroleum Institute" (any noun: the
    titles gazetteer cannot list every job)."""
    index = DocIndex.of(doc)
    for person in index.people:
        org = entity_after_name(index, person)
        if org is None and person.start >= 2 and doc[person.start - 1].tag_ == "POS":
            org = index.entity_ending_at.get(person.start - 1)  # "The Native American Rights Fund's Jacqueline De León"
        if org is None:
            org = next((ent for child in person.root.children if child.dep_ == "appos" and child.pos_ == "NOUN"
                        for preposition, ent in attached_entities(index, child, child.i, gazetteers.employer_prepositions())), None)
        if org is not None and org.label_ == "ORG":
            relation = organisation_relation(org, None, "occupation")
            yield SpanFact(person, relation, index.sentence(person.start), org, "Organization")


def verb_affiliation_facts(doc: Doc) -> Iterator[SpanFact]:
    """Affiliations stated by a verb (data/membership_verbs.tsv): member_of from joining or being
    elected to a body ("Mukherjee was elected to the Rajya Sabha", "Cummings, first elected to
    Congress in 1996", "joining the Maryland General Assembly"; a body is an organisation whose
    last word makes a membership, bodies.tsv), works_for from working for or at an organisation
    ("Jane Roe works for the Heritage Foundation"), represents from representing a place ("Jim
    Jordan, who represents Ohio's 4th district", "represented Maryland in Congress", which also
    makes a member of Congress)."""
    index = DocIndex.of(doc)
    verbs = gazetteers.membership_verbs()
    for verb in index.tokens(lemmas=verbs):
        if verb.pos_ != "VERB" or not clauses.states_as_so(verb):
            continue
        prepositions, relation = verbs[verb.lemma_]
        objects = (clauses.prepositional_objects(verb, prepositions) if prepositions
                   else [child for child in verb.children if child.dep_ == "dobj"])
        first = next((ent for obj in objects if (ent := verb_object(index, obj, relation)) is not None), None)
        found = [(relation, first, "Organization" if relation != "represents" else "Place")] if first is not None else []
        if relation == "represents" and found:  # "represented Maryland in Congress"
            found += [("member_of", ent, "Organization") for obj in clauses.prepositional_objects(verb, {"in"})
                      if (ent := verb_object(index, obj, "member_of")) is not None]
        # "voters elected Ann Roe to the Senate": the object is elected; "Roe joined the Senate"
        person = subject_of(index, verb, prefer_object=relation == "member_of" and bool(prepositions)) \
            if found else None
        if person is None:
            continue
        pairs = respective_objects(index, person, found[0][1])
        for subject, obj in pairs:  # "A and B, who represent Ohio and Utah respectively"
            yield SpanFact(subject, found[0][0], index.sentence(verb.i), obj, found[0][2])
        # what the verb says besides ("... in Congress") holds for each subject of the pairs
        for subject in [subject for subject, _ in pairs] or [person]:
            for relation, obj, object_type in found[1:] if pairs else found:
                yield SpanFact(subject, relation, index.sentence(verb.i), obj, object_type)


def respective_objects(index: DocIndex, person: Span, obj: Span) -> list[tuple[Span, Span]]:
    """The names of the list `person` is in, each with the entity at its place in the list
    `obj` is in, when that list is closed by "respectively" and the counts match; [] otherwise."""
    items = listed_entities(index, obj)
    if not closed_by_respectively(index, items):
        return []
    return pair_by_position(listed_people(index, person), items)


def verb_object(index: DocIndex, obj: Token, relation: str) -> Span | None:
    """The body or place a verb's object names for `relation`: a membership body for member_of,
    any organisation (not a party) for works_for, a place for represents (or the place that owns
    the object: "Ohio's 4th district")."""
    ent = phrase_entity(index, obj)
    if relation == "represents":
        if ent is None or ent.label_ not in PLACE_LABELS:
            ent = next((owner for child in obj.children if child.dep_ in ("poss", "compound")
                        and (owner := index.entity_of(child)) is not None), None)
        return ent if ent is not None and ent.label_ in PLACE_LABELS else None
    if ent is None or ent.label_ != "ORG":
        return None
    membership = organisation_relation(ent, None, "occupation") == "member_of"
    return ent if membership == (relation == "member_of") else None


# How far from a contest noun its verb may be: "remain in the race for the Democratic nomination".
MAX_CONTEST_DEPTH = 5


def contest_facts(doc: Doc) -> Iterator[SpanFact]:
    """member_of a party from taking part in its contest: "Both Warren and Sanders remain in the
    race for the Democratic presidential nomination", "Biden won the Democratic Party's South
    Carolina primary", "Buttigieg's campaign for the Democratic nomination", "Gillibrand, who was a
    candidate in the Democratic primary"."""
    index = DocIndex.of(doc)
    contests = gazetteers.party_contests()
    for span in index.party_spans:
        party = party_of(span.text)
        contest = span.root.head
        if party is None or party.kind != "party" or span.root.dep_ not in ("amod", "compound", "poss", "nmod") or not any(
            word.lemma_.lower() in contests["noun"]  # "primary election" is a primary
            for word in (contest, *(child for child in contest.children if child.dep_ in ("amod", "compound")))
        ):
            continue
        token = contest
        for _ in range(MAX_CONTEST_DEPTH):
            owner = next((index.person_at(child) for child in token.children if child.dep_ == "poss"), None)
            if owner is None and token.lemma_.lower() in contests["participant"]:
                owner = predicated_person(index, token)  # "Gillibrand, who was a candidate in the Democratic primary"
            if owner is not None:
                yield SpanFact(owner, "member_of", index.sentence(owner.start), party.name, "Organization")
                break
            if token.pos_ in clauses.VERB_POS or token.head is token:
                break
            token = token.head
        taking_part = token.lemma_ in contests["verb"] or (
            token.lemma_ in contests["direct_verb"] and contest.head == token and contest.dep_ == "dobj")
        if token.pos_ != "VERB" or not taking_part or clauses.is_negated(token):
            continue
        for doer in clauses.doers(token):
            # "Don Blankenship, who won the Constitution Party's nomination": "who" is the name it follows
            person = index.person_at(doer) or (subject_of(index, token) if doer.lower_ in WH_SUBJECTS else None)
            if person is not None:
                yield SpanFact(person, "member_of", index.sentence(person.start), party.name, "Organization")


def ticket_facts(doc: Doc) -> Iterator[SpanFact]:
    """member_of a party from its ticket and its nominations: "the US Constitution Party nominated
    a ticket of businessman Don Blankenship for president and Michigan Taxpayers Party chairman
    William Mohr for vice president", "the Constitution Party ticket of Darrell Castle for
    president and Scott Bradley for vice president", "the national Constitution Party, which
    nominated Don Blankenship for president"; "the party" that nominates is the party named last
    before it, in its sentence or the one before."""
    index = DocIndex.of(doc)
    contests = gazetteers.party_contests()
    for token in index.tokens(lemmas=contests["nominating_verb"] | contests["ticket_noun"]):
        if token.pos_ == "VERB":
            if clauses.is_negated(token):
                continue
            subject = next(iter(clauses.doers(token)), None)
            if subject is not None and subject.lower_ in WH_SUBJECTS and token.dep_ == "relcl":
                subject = token.head
            party = nominating_party(index, subject) if subject is not None else None
        else:
            party = next((party_of(span.text) for child in token.children if child.dep_ in ("compound", "nmod", "poss")
                          for span in index.party_spans if span.start <= child.i < span.end), None)
        if party is None or party.kind != "party":
            continue
        for person in nominees(index, token):
            yield SpanFact(person, "member_of", index.sentence(person.start), party.name, "Organization")


def nominating_party(index: DocIndex, subject: Token) -> gazetteers.Party | None:
    """The party a nominating verb's subject names: its name, or "the party", the party named
    last before it in its sentence or the one before."""
    named = next((span for span in index.party_spans if span.start <= subject.i < span.end), None)
    if named is not None:
        return party_of(named.text)
    # "the party" alone: "the ruling party" or "the opposition party" may be another one
    if subject.lower_ != "party" or [child.lower_ for child in subject.children] != ["the"]:
        return None
    sentence = index.sentence(subject.i)
    earliest = index.sentence(sentence.start - 1).start if sentence.start else 0
    before = [span for span in index.party_spans if earliest <= span.start and span.end <= subject.i]
    return party_of(before[-1].text) if before else None


def nominees(index: DocIndex, head: Token) -> list[Span]:
    """The people a nomination or ticket puts up: the first name after a nominating verb (each
    of a list; the parser often misplaces it: "nominated Clemson University psychologist Jo
    Jorgensen, the party's 1996 vice presidential nominee, for president"), the names of "a
    ticket of A", and each name running "for" a post ("A for president and B for vice president")."""
    doc = index.doc
    end = index.sentence(head.i).end
    found: dict[int, Span] = {}
    for person in index.people:
        root = person.root
        if not head.i < person.start < end or root.dep_ == "poss":
            continue  # "nominated Boris Johnson's ally Ben Houchen": the nominee is the ally
        between = doc[head.i + 1 : person.start]
        if not found and head.pos_ == "VERB" and not any(token.pos_ in ("VERB", "AUX", "PUNCT") for token in between):
            found.update((listed.start, listed) for listed in listed_people(index, person))
        if not in_own_clause(root, head):
            continue  # "..., while the Green Party nominated Howie Hawkins for president": another nomination
        if candidacy_after(index, person.end) is not None or (root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head == head):
            found.setdefault(person.start, person)
    return list(found.values())


def in_own_clause(token: Token, head: Token) -> bool:
    """Whether `token` hangs from `head` without another verb between them (in `head`'s own clause)."""
    while token.i != head.i:
        if token.head.i == token.i or token.pos_ in clauses.VERB_POS:
            return False
        token = token.head
    return True


# Words that put a person among a party's members: "X and fellow Republicans", "X, like other
# Democrats"; and those that list members after the party's name: "Democrats such as X".
FELLOW_WORDS = frozenset({"other", "fellow"})
COMPANY_JOINERS = frozenset({"and", "like", "with"})
EXAMPLE_WORDS = (("such", "as"), ("including",), ("like",))


def company_facts(doc: Doc) -> Iterator[SpanFact]:
    """member_of a party from the company a person is named in or the party named as theirs:
    "McConnell and fellow Republicans", "Sanders, like other progressive Democrats", "Biden and
    others in the Democratic Party", "Republicans such as Mitt Romney and Susan Collins",
    "Corbyn said his Labour Party", "Erdogan's Justice and Development Party"."""
    index = DocIndex.of(doc)
    for span in index.party_spans:
        party = party_of(span.text)
        if party is None or party.kind != "party":
            continue
        for person in party_company(index, span):
            yield SpanFact(person, "member_of", index.sentence(person.start), party.name, "Organization")


def party_company(index: DocIndex, span: Span) -> list[Span]:
    """The people a party's name is said of: its owner, the person it is joined to as "other"
    or "fellow" members, and the members it lists. The phrase may end in a plural noun after
    the name ("fellow Labour MPs")."""
    doc = index.doc
    head = span.end if span.end < len(doc) and doc[span.end].tag_ in ("NNS", "NNPS") else span.end - 1
    before = span.start - 1
    if before >= 0 and doc[before].tag_ == "PRP$" and head == span.end - 1 and doc[head].pos_ == "PROPN":
        owner = index.antecedent(doc[before])  # "his Labour Party"
        return [owner] if owner is not None else []
    if before >= 1 and doc[before].tag_ == "POS" and head == span.end - 1 and doc[head].pos_ == "PROPN":
        owner = index.person_of_token.get(before - 1)  # "Erdogan's AKP"
        return [owner] if owner is not None else []
    while before >= 0 and doc[before].is_lower and doc[before].pos_ == "ADJ" and doc[before].lower_ not in FELLOW_WORDS:
        before -= 1
    # "McConnell and fellow Republicans", "Sanders, like other Democrats", "Ted Cruz and fellow
    # Republican Representative Francis Rooney" ("other" only before a plural: "other Republican X")
    if before >= 1 and (doc[before].lower_ == "fellow" or (doc[before].lower_ in FELLOW_WORDS
                                                         and doc[head].tag_ in ("NNS", "NNPS"))):
        joiner = before - 1 - (doc[before - 1].text == ",")
        person = index.person_of_token.get(joiner - 1 - (doc[joiner - 1].text == ",")) if joiner > 0 else None
        if doc[joiner].lower_ in COMPANY_JOINERS and person is not None:
            return [person]
    before = span.start - 1 - (span.start > 0 and doc[span.start - 1].lower_ == "the")
    if before >= 3 and doc[before].lower_ in ("in", "of", "from") and doc[before - 1].lower_ == "others" \
            and doc[before - 2].lower_ == "and" and (person := index.person_of_token.get(before - 3)) is not None:
        return [person]  # "Biden and others in the Democratic Party"
    after = head + 1 + (head + 1 < len(doc) and doc[head + 1].text == ",")
    for words in EXAMPLE_WORDS:
        if tuple(token.lower_ for token in doc[after : after + len(words)]) == words:
            at = after + len(words)
            while at < len(doc) and (at in index.title_tokens or doc[at].lower_ in gazetteers.qualifiers()):
                at += 1  # "Democrats, such as former Representative Beto O'Rourke"
            listed = index.person_of_token.get(at)
            if listed is not None and doc[head].tag_ in ("NNS", "NNPS"):
                return listed_people(index, listed)  # "Republicans such as Mitt Romney and Susan Collins"
    return []


def owned_party_facts(doc: Doc) -> Iterator[SpanFact]:
    """member_of the organisation named right after "party" owned by a person: "Adamowicz's
    former party Civic Platform", "Paweł Adamowicz's party, Civic Platform," (a party the
    gazetteer does not list)."""
    index = DocIndex.of(doc)
    for party in index.tokens(lowers=("party",)):
        if party.pos_ != "NOUN" or not party.is_lower:
            continue
        at = party.i + 1 + (party.i + 1 < len(doc) and doc[party.i + 1].text == ",")
        named = index.entity_of_token.get(at)
        owner = next((child for child in party.children if child.dep_ == "poss"), None)
        if owner is None and party.dep_ == "compound" and named is not None:
            owner = next((child for child in party.head.children if child.dep_ == "poss" and child.i < party.i), None)
        if named is None or named.start != at or named.label_ != "ORG" or owner is None:
            continue
        person = index.owner(owner)
        if person is not None:
            yield SpanFact(person, "member_of", index.sentence(party.i), named, "Organization")


def credit_facts(doc: Doc) -> Iterator[SpanFact]:
    """works_for from a credit line: "(Forum News Service photo by Don Davis)"."""
    index = DocIndex.of(doc)
    for noun in index.tokens(lowers=gazetteers.credit_nouns()):
        org = next((ent for child in noun.children if child.dep_ == "compound"
                    and (ent := index.entity_of(child)) is not None and ent.label_ == "ORG"), None)
        person = next((index.person_at(obj) for obj in clauses.prepositional_objects(noun, {"by"})), None)
        if org is not None and person is not None:
            yield SpanFact(person, "works_for", index.sentence(person.start), org, "Organization")


def byline_facts(doc: Doc) -> Iterator[SpanFact]:
    """author: a line at the start or end of the text that is only a person's name, or
    "By <name>"."""
    index = DocIndex.of(doc)
    lines = list(re.finditer(r"[^\n]+", index.text))
    for line in dict.fromkeys([*lines[1:2], *lines[-3:]]):  # lines[0] is the headline
        match = BYLINE.match(line.group().rstrip())
        if match is None:
            continue
        name_start, name_end = line.start() + match.start("name"), line.start() + match.end("name")
        person = next(
            (ent for ent in index.people if ent.start_char == name_start and ent.end_char == name_end), None
        )
        if person is not None:
            yield SpanFact(None, "author", index.sentence(person.start), person, "Person")


def position_and_affiliation_facts(doc: Doc) -> list[SpanFact]:
    """The `holds_position` facts of the people the Doc describes, the `member_of` /
    `works_for` / `represents` facts the same descriptions and party-letter tags imply,
    `works_for` from organisations written with a name and from credit lines, and `author`
    facts from bylines."""
    descriptions = describe_people(doc)
    return [
        *position_facts(descriptions),
        *affiliation_facts(descriptions),
        *party_tag_facts(doc),
        *named_with_facts(doc),
        *verb_affiliation_facts(doc),
        *contest_facts(doc),
        *ticket_facts(doc),
        *company_facts(doc),
        *owned_party_facts(doc),
        *credit_facts(doc),
        *byline_facts(doc),
    ]
