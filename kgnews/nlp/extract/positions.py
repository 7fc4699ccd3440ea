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

from collections import Counter
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Iterable, Iterator, Sequence, TypeVar

from spacy.tokens import Doc, Span, Token

from kgnews.kb import KBS_KEPT, KnowledgeBase, Post, load_kb
from kgnews.nlp import gazetteers
from kgnews.nlp.extract.clauses import CONJUNCTIONS, HYPHENS, is_passive, passive_subject, prepositional_objects, states_as_so
from kgnews.nlp.extract.parse import (
    PLACE_LABELS,
    PLACE_RANK,
    PLURAL_TAGS,
    DocIndex,
    Modifiers,
    attached_entities,
    entity_after_name,
    listed_people,
    party_of,
    phrase_entity,
    place_of,
    predicated_person,
    read_modifiers,
    subject_of,
    text_of,
)
from kgnews.nlp.extract.names import AGENT_SUFFIXES, head_word_subtype
from kgnews.nlp.extract.ner_fixes import POSTS_KNOWN_BY_SURNAME
from kgnews.nlp.gazetteers import Office, Party, Place, Title
from kgnews.nlp.spanfacts import SpanFact
from kgnews.normalise import name_key

S = TypeVar("S")
T = TypeVar("T")


# The kind of a description that only says a person leads an organisation (`describe_by_verb`).
LEADING = "leading"


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
    rank: str | None = None  # "Deputy" of "Deputy Director"
    party: Party | None = None
    home: Span | str | None = None  # the place represented ("Senator from Texas")
    seat: Span | None = None  # the body sat in ("the top Republican on the Oversight Committee")
    plural: bool = False  # "members of the House X and Y": the description fits conjoined names
    start: int = -1  # first token of the phrase before the name (its modifiers), when there is one
    confidence: float = 0.9

    @property
    def office(self) -> Office | None:
        return gazetteers.office_of(self.title_role) if self.title_role else None


def occupation_before(index: DocIndex, end: int) -> Span | None:
    """Lower-case occupation nouns ending at token `end` ("fashion designer Tim Gunn")."""
    doc = index.doc
    i = end - 1
    if i < 0:
        return None
    noun = doc[i]
    if not (noun.pos_ == "NOUN" and noun.is_lower and noun.lower_.endswith(AGENT_SUFFIXES)
            and noun.lower_ not in gazetteers.not_occupations() and noun.dep_ == "compound"):
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
    office = gazetteers.office_of(title.role) if title is not None else None
    role = None
    if title is not None and title.kind not in ("membership", "honorific"):
        role = title.role
    elif title is None and mods.party is None:
        role = title_case(title_span.text)  # an occupation noun
    home: Span | None = None
    explicit: tuple[str, Span] | None = None
    legislator = office is not None and office.represents
    seat: Span | None = None
    portfolio: Span | None = None  # "the Secretary of Transportation": a department, as in "Transportation Secretary"
    for preposition, ent in attached:
        attaches = gazetteers.title_prepositions()[preposition]
        if attaches == "post" and portfolio is None and office is not None and office.department and is_portfolio(ent):
            portfolio = ent  # "the Secretary of Justice for Puerto Rico": a post of Puerto Rico
            continue
        if attaches == "seat":
            # a party's contest is no seat: "a candidate in the Democratic primary"
            seat = seat or (ent if is_body(ent) and party_of(ent.text) is None else None)
            continue
        home_phrase = attaches == "home"
        if (home_phrase or legislator) and mods.party is None and party_of(ent.text) is not None:
            # "a lawmaker from the ruling Justice and Development Party", "MP Yvette Cooper of the Labour Party"
            mods.party = party_of(ent.text)
        elif home_phrase:
            # "a Republican from Texas" represents Texas; "a teacher from Leeds" represents nothing
            if legislator or mods.party is not None:
                home = home or ent
        elif explicit is None:
            explicit = (preposition, ent)
    role_of: Span | str | None = mods.org or mods.place
    if role_of is None and mods.holder is not None and not (office is not None and office.scope):
        role_of = mods.holder  # a post of a person, not of a place: "Trump's Special Presidential Envoy"
    role_of_type = "Place" if isinstance(role_of, str) else None
    if office is not None and office.organisation and (role_of is None or text_of(role_of) != office.organisation):
        # a post of one body belongs to it, not to the place or party named with it ("Labour MEP")
        role_of, role_of_type = office.organisation, "Organization"
    elif role_of is None and mods.party_owns and mods.party is not None:
        role_of, role_of_type = mods.party.name, "Organization"
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
    suffix = next((token.lower_ for token in title_span[1:] if token.lower_ in gazetteers.qualifiers()
                   and token.nbor(-1).text in HYPHENS), None)
    if role is not None and suffix is not None:
        role = f"{role}-{suffix}"  # "President-elect" is a post of its own, not yet the presidency
    if role is not None and mods.rank is not None:
        role = f"{mods.rank} {role}"
    department = " ".join(mods.department) or (portfolio.text if portfolio is not None else None)
    if role is None and title is not None and title.kind == "membership" and role_of is not None and \
            head_word_subtype(text_of(role_of), "Organization") == "Legislature":
        role = f"{title.role} of {text_of(role_of)}"  # a seat in a legislature is a post: "member of the Rajya Sabha"
    return Description(
        subject=person,
        sentence=index.sentence(title_span.start),  # a pronoun's person may be named sentences before
        role=f"{department} {role}" if department and role else role,
        title_role=title.role if title is not None and role else role,
        kind=title.kind if title is not None else ("party" if mods.party and not role else "occupation"),
        role_of=role_of,
        role_of_type=role_of_type if isinstance(role_of, str) else None,
        preposition=preposition,
        department=department,
        qualifier=qualifier,
        rank=mods.rank,
        party=mods.party,
        home=home,
        seat=seat,
        plural=is_plural_title(title_span, title),
        start=mods.start,
    )


# How many words a portfolio named after a title may have: "Minister for East African Affairs".
MAX_PORTFOLIO_WORDS = 4


def is_portfolio(ent: Span) -> bool:
    """Whether the organisation the model found after the "of" / "for" of a post with departments
    is only what the post is in charge of: "the Secretary of Transportation", "the South Sudanese
    minister for East African Affairs" (data/department_words.tsv; "the director of Amnesty
    International" is none, nor a chief executive's "Massey Energy")."""
    return ent.label_ == "ORG" and len(ent) <= MAX_PORTFOLIO_WORDS and ent[-1].text in gazetteers.department_nouns() \
        and all(token.is_title or token.text in gazetteers.department_words() for token in ent)


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
    descriptions.extend(describe_by_verb(index))
    descriptions.extend(list(describe_counterparts(index, descriptions)))
    descriptions.extend(describe_seats(index))
    place_led_posts(descriptions)
    # list(): extending a list from a generator that iterates that same list never ends.
    descriptions.extend(list(share_with_conjuncts(index, descriptions)))
    share_place_with_conjunct(index, descriptions)
    pair_respectively(index, descriptions)
    return [description for description in complete_descriptions(doc, descriptions)
            if description.kind != "employment" or description.role_of is not None]


def is_plural_title(title_span: Span, title: Title | None) -> bool:
    """Whether a title names several holders: tagged plural, or a plural form the tagger calls
    singular ("Representatives", "Sens.")."""
    return title_span.root.tag_ in PLURAL_TAGS or title in gazetteers.plural_titles()


def title_before(index: DocIndex, end: int) -> tuple[Span | None, Span | None]:
    """The title ending at token `end`, skipping honorifics; or the title of "then-governor of
    Alaska Sarah Palin", "Senator from Vermont Bernie Sanders" or "Ambassador to the United
    Nations Nikki Haley", with the entity its preposition names."""
    doc = index.doc
    end = before_gloss(index, end)
    title_span = index.title_ending_at.get(end)
    while title_span is not None and index.titles[title_span.start].kind == "honorific":
        title_span = index.title_ending_at.get(title_span.start)
    if title_span is not None:
        return title_span, None
    plural = index.title_ending_at.get(end - 1) if end > 0 and doc[end - 1].text == "," else None
    if plural is not None and is_plural_title(plural, index.titles[plural.start]):
        return plural, None  # "Three Republican Representatives, Justin Amash, ..."
    ent = index.entity_ending_at.get(end)
    if ent is None:
        return None, None
    of = ent.start - 1 - (ent.start > 0 and doc[ent.start - 1].lower_ == "the")
    if of > 0 and doc[of].lower_ in gazetteers.title_owner_prepositions():
        return index.title_ending_at.get(of), ent
    return None, None


# How many words a department named between a title and a name may have: "Minister of Trade and Industry X".
MAX_DEPARTMENT_WORDS = 4


def title_of_department(index: DocIndex, end: int) -> tuple[Span, list[str]] | None:
    """The title whose "of" phrase names a department right before the name at token `end`, and
    the department's words: "Director of National Intelligence John Ratcliffe", "Minister of
    Economy Richard Sulík", "Secretary of Justice Wanda Vázquez" (not Justice Wanda Vázquez). A
    place or organisation the model names there is the post's own (`title_before`: "Mayor of
    London Sadiq Khan"); a title listed whole is one title ("Secretary of State Mike Pompeo")."""
    doc = index.doc
    of = end - 1
    while of > 0 and end - of <= MAX_DEPARTMENT_WORDS and doc[of].lower_ != "of":
        token = doc[of]
        if not (token.is_title or token.lower_ in CONJUNCTIONS) or index.entity_of(token) is not None:
            return None
        of -= 1
    if of <= 0 or of == end - 1 or doc[of].lower_ != "of" or {doc[of + 1].lower_, doc[end - 1].lower_} & CONJUNCTIONS:
        return None
    listed = index.title_ending_at.get(end)
    title_span = index.title_ending_at.get(of)
    if (listed is not None and listed.start < of) or title_span is None or \
            index.titles[title_span.start].kind == "honorific":
        return None
    return title_span, [token.text for token in doc[of + 1 : end]]


# How many words a gloss in brackets between a title and a name may have: "Labour MP (Member
# of Parliament) Tom Watson", "Member of Parliament (MP) Yvette Cooper".
MAX_GLOSS_WORDS = 4


def before_gloss(index: DocIndex, end: int) -> int:
    """Where a title glossed in brackets right before token `end` ends: the opening bracket
    when the brackets hold a title (its abbreviation or its expansion), else `end`."""
    doc = index.doc
    if end < 3 or doc[end - 1].text != ")":
        return end
    opening = next((i for i in range(end - 2, max(end - 3 - MAX_GLOSS_WORDS, 0), -1) if doc[i].text == "("), None)
    if opening is None or index.title_ending_at.get(end - 1) is None or opening not in index.title_ending_at:
        return end
    return opening


def describe_named(index: DocIndex, person: Span, used_titles: set[int]) -> Iterator[Description]:
    """The titles written before a name ("Conservative Party leader and Prime Minister Boris
    Johnson"), with the "of" phrase after the name."""
    doc = index.doc
    lower_bound = index.sentence(person.start).start
    subject = person
    title_span = index.title_starting_at.get(person.start)
    of_entity = None
    department: list[str] = []
    if title_span is not None and title_span.end < person.end:
        subject = doc[title_span.end : person.end]  # the entity swallowed its title
    elif (found := title_of_department(index, person.start)) is not None:
        title_span, department = found
    else:
        title_span, of_entity = title_before(index, person.start)
        if title_span is not None and title_span.end == person.start and len(listed_people(index, person)) == 1 \
                and is_plural_title(title_span, index.titles[title_span.start]):
            title_span = None  # a plural title before one name is not its post: "the number of justices Hammons favors"
    attached = list(attached_entities(index, subject.root, subject.end, gazetteers.title_prepositions()))
    if of_entity is not None:
        attached.insert(0, (doc[of_entity.start - 1 - (doc[of_entity.start - 1].lower_ == "the")].lower_, of_entity))
    if title_span is None:
        occupation = occupation_before(index, person.start)
        mods = read_modifiers(index, occupation.start if occupation else person.start, lower_bound, None)
        if occupation is not None or mods.party is not None:
            yield describe(index, subject, occupation or doc[mods.start : person.start], None, mods, attached)
        return
    # the parser may start a sentence inside a title's gloss: "Labour MP (Member of Parliament) Tom Watson"
    lower_bound = min(lower_bound, index.sentence(title_span.start).start)
    chain: list[tuple[Description, bool]] = []  # each title's description, and whether it has modifiers
    while title_span is not None:
        title = index.titles[title_span.start]
        used_titles.add(title_span.start)
        mods = read_modifiers(index, title_span.start, lower_bound, title)
        mods.department = mods.department or department
        chain.append((describe(index, subject, title_span, title, mods, attached), mods.start < title_span.start))
        attached, department = [], []
        conjunction = mods.start - 1
        if conjunction <= lower_bound or doc[conjunction].lower_ not in CONJUNCTIONS:
            break
        title_span = index.title_ending_at.get(conjunction)
        if title_span is not None and title_span.start > 1 and \
                candidacy_after(index, title_span.start - 1) == title_span:
            break  # "Don Blankenship for president and ... chairman William Mohr": Blankenship's candidacy
    share_organisation_along_chain(chain)
    yield from (description for description, _ in chain)


def candidacy_after(index: DocIndex, end: int) -> Span | None:
    """The post a name ending at token `end` runs for: "Don Blankenship for president",
    "Scott Bradley for vice president" (a ticket's, not a post held)."""
    doc = index.doc
    if end >= len(doc) or doc[end].lower_ != "for" or index.person_of_token.get(end - 1) is None:
        return None
    return index.title_starting_at.get(end + 1)


# Kinds of title (titles.tsv) that are jobs in any organisation, so may be in the one named before them.
JOB_KINDS = frozenset({"occupation", "employment"})


def share_organisation_along_chain(chain: list[tuple[Description, bool]]) -> None:
    """Conjoined titles before one name, nearest the name first, each with whether words of its
    own modify it: a bare job title (not a public office) is in the
    organisation named before the titles to its left: "PG&E President and CEO Andy Vesey" (CEO
    of PG&E), "Free and Equal Elections Foundation founder and director Christina Tobin"; not
    "Conservative Party leader and Prime Minister Boris Johnson" (a Prime Minister is a
    country's) nor "party co-founder and union leader Howie Hawkins" (a leader of a union)."""
    for at, (description, modified) in enumerate(chain):
        office = description.office
        if (modified or description.role_of is not None or not description.role or description.kind not in JOB_KINDS
                or (office is not None and office.scope)):
            continue  # a public office is no company's ("Harvard professor and Ambassador Samantha Power")
        placed = next((left for left, _ in chain[at + 1:] if isinstance(left.role_of, Span)
                       and left.role_of.label_ == "ORG" and left.preposition is None), None)
        if placed is not None:
            description.role_of = placed.role_of


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
    elif mods.org is None and mods.place is None and (owner := relative_owner(index, head)) is not None:
        if owner.label_ == "ORG":
            mods.org = owner
        else:
            mods.place = owner
    # a conjoined title right after this one shares its phrase ("chairman and CEO of Acme"); one after
    # other titles does not ("former Foreign Secretary, mayor of London, and member of Parliament")
    doc = index.doc
    conjuncts = [conj for conj in head.conjuncts
                 if (conjoined := next((t for t in index.title_spans if t.start <= conj.i < t.end), None)) is not None
                 and all(doc[i].lower_ in CONJUNCTIONS or doc[i].text == "," for i in range(span.end, conjoined.start))]
    attached = [found for token in (head, *conjuncts) for found in
                attached_entities(index, token, span.end, gazetteers.title_prepositions())] or \
        phrase_right_after(index, span)
    yield describe(index, person, span, title, mods, attached)


def phrase_right_after(index: DocIndex, span: Span) -> list[tuple[str, Span]]:
    """The entity of the prepositional phrase right after a title that the parser hung off
    another word: "a jeweler and president of Vision Seattle" (off "jeweler"), "a national
    spokesman for reform and president of the Carnegie Foundation" (off "reform")."""
    doc = index.doc
    preposition = doc[span.end] if span.end < len(doc) else None
    # only a post's "of" / "for": not the "to" of an infinitive the parser took for a preposition
    # ("Her Majesty the Queen to prorogue Parliament"), nor a word of a name the title ends inside
    # ("the Speaker of the House of Representatives")
    if preposition is None or gazetteers.title_prepositions().get(preposition.lower_) != "post" or \
            preposition.dep_ != "prep" or index.entity_of(preposition) is not None:
        return []
    return [(preposition.lower_, ent) for obj in preposition.children
            if obj.dep_ == "pobj" and (ent := phrase_entity(index, obj)) is not None]


def describe_by_verb(index: DocIndex) -> Iterator[Description]:
    """The post a verb gives its subject in the body it names (data/post_verbs.tsv; `is_body`):
    "Ronna McDaniel, who chairs the Republican National Committee", "Trudeau heads the Liberal
    Party", and in the passive, "The Labour Party, led by Jeremy Corbyn", "The committee is
    chaired by Adam Schiff"; each name of a list holds it ("A and B, who chair the Judiciary and
    Intelligence committees respectively": paired by `pair_respectively`), and a plural body
    noun listing its bodies by subject leaves them to `pair_respectively` ("who chair the
    committees on X, Y and Z respectively")."""
    posts = gazetteers.post_verbs()
    for verb in index.tokens(lemmas=posts):
        if verb.pos_ != "VERB" or not states_as_so(verb):
            continue
        if is_passive(verb) or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
            agent = next(prepositional_objects(verb, {"by"}, ("agent",)), None)
            person = index.person_at(agent) if agent is not None else None
            held = verb.head if verb.dep_ == "acl" else passive_subject(verb)
        else:
            held = next((child for child in verb.children if child.dep_ == "dobj"), None)
            person = subject_of(index, verb) if held is not None else None
        if held is None or person is None:
            continue
        body = phrase_entity(index, held)
        if body is None and body_list_title(index, held) is None or body is not None and body.label_ != "ORG":
            continue
        # leading an organisation that is no body is what its head does, whatever the title: it places
        # the person's post of the sentence ("As Attorney General, Barr leads the Department of Justice")
        title = posts[verb.lemma_] if body is None or is_body(body) else None
        people = listed_people(index, person)
        for subject in people:
            yield Description(subject=subject, sentence=index.sentence(verb.i), role=title and title.role,
                              title_role=title and title.role, kind=title.kind if title else LEADING, role_of=body,
                              preposition="of" if body is not None else None, plural=len(people) > 1)


def describe_seats(index: DocIndex) -> Iterator[Description]:
    """The seat a person has in a body (data/seats.tsv): a member of it, and in a legislature
    the post of its members (`gazetteers.seat_roles`: "Barack Obama's former U.S. Senate seat"
    makes a Senator). The seat is the owner's ("who won her seat in the House") or that of the
    subject of a verb of holding it ("Ocasio-Cortez won a seat in Congress"; one who seeks a
    seat is no member)."""
    seats = gazetteers.seats()
    for seat in index.tokens(lemmas=seats["noun"]):
        if seat.pos_ != "NOUN":
            continue
        # "in the House" may hang off the verb: "won her seat in the House"
        holders = (seat, seat.head) if seat.dep_ == "dobj" else (seat,)
        body = next((ent for child in seat.children if child.dep_ in ("compound", "amod", "nmod")
                     and (ent := index.entity_of(child)) is not None), None) or next(
            (ent for holder in holders for obj in prepositional_objects(holder, {"in", "on"})
             if (ent := phrase_entity(index, obj)) is not None), None)
        if body is None or not is_body(body):
            continue
        owner = next((child for child in seat.children if child.dep_ == "poss"), None)
        if owner is not None:
            person = index.owner(owner)
        elif seat.dep_ == "dobj" and seat.head.lemma_ in seats["verb"] and states_as_so(seat.head):
            person = subject_of(index, seat.head)
        else:
            person = None
        if person is None:
            continue
        office = gazetteers.seat_roles().get(body_word(text_of(body)))
        # a seat lost or given up makes no holder ("Khan lost his seat"), and a post of a state's
        # legislature ("Assembly Member") is not that of a nation's ("Pakistani National Assembly")
        held = not (seat.dep_ == "dobj" and seat.head.lemma_ in seats["loss"])
        role = office.role if office is not None and held and (
            "country" in office.scope or names_state(text_of(body))) else None
        qualifier = next((gazetteers.qualifiers()[child.lower_] for child in seat.children
                          if child.lower_ in gazetteers.qualifiers()), None)  # "former U.S. Senate seat"
        yield Description(subject=person, sentence=index.sentence(seat.i), role=role, title_role=role,
                          role_of=body if role else None, preposition="of" if role else None,
                          qualifier=qualifier or None, seat=body)


# The noun that names one who holds, in another country, the post of the person it is owned by.
COUNTERPART = "counterpart"


def describe_counterparts(index: DocIndex, descriptions: list[Description]) -> Iterator[Description]:
    """The posts of people named as another's counterparts: the owner's post, in the country each
    nationality before the noun names, paired by position ("Egyptian foreign minister Sameh
    Shoukry and his Greek, Cypriot and French counterparts, Nikos Dendias, Nikos Christodoulides
    and Jean-Yves Le Drian"; "Lavrov met his Turkish counterpart Mevlut Cavusoglu"). Only for a
    minister's portfolio (counterpart_offices.tsv), and not in a country without such a post: a
    Prime Minister's Chinese counterpart is China's President, a Defence Minister's American
    counterpart the Secretary of Defense."""
    doc = index.doc
    demonyms = gazetteers.demonyms()
    for noun in index.tokens(lemmas=(COUNTERPART,)):
        possessive = next((child for child in noun.children if child.dep_ == "poss"), None)
        owner = index.owner(possessive) if possessive is not None else None
        if owner is None:
            continue
        post = next((description for description in descriptions if description.role
                     and subject_key(description) == owner[-1].lower_), None)
        office = post.office if post is not None else None
        if office is None or office.role.lower() not in gazetteers.counterpart_offices():
            continue
        countries = [demonyms[token.text].name for token in doc[possessive.i + 1 : noun.i] if token.text in demonyms]
        at = noun.i + 1 + (noun.i + 1 < len(doc) and doc[noun.i + 1].text == ",")
        first = index.person_of_token.get(at)
        if first is None or first.start != at:
            continue
        named = listed_people(index, first)
        pairs = pair_by_position(named, countries) or (
            [(named[0], countries[0])] if len(named) == len(countries) == 1 else [])
        for person, country in pairs:
            if country in office.absent_in:
                continue
            yield Description(subject=person, sentence=index.sentence(person.start), role=post.role,
                              title_role=post.title_role, kind=post.kind, role_of=country, role_of_type="Place",
                              confidence=0.8)


def place_led_posts(descriptions: list[Description]) -> None:
    """A post without a place or body, held by one who leads an organisation in the same
    sentence, is a post of that organisation: "The Supreme Court is led by President Brenda
    Hale" (President of the Supreme Court)."""
    led = {(d.sentence.start, d.subject.start): d.role_of for d in descriptions if d.kind == LEADING}
    for description in descriptions:
        organisation = led.get((description.sentence.start, description.subject.start))
        office = description.office
        if organisation is not None and description.role and description.role_of is None and not (
                office is not None and office.body):  # an Attorney General's bodies are known
            description.role_of, description.preposition = organisation, "of"


def relative_owner(index: DocIndex, head: Token) -> Span | None:
    """The organisation or place a title owned by "whose" belongs to: the name the relative
    clause is said of ("The Syrian Army, whose commander-in-chief is President Bashar al-Assad")."""
    if not any(child.dep_ == "poss" and child.lower_ == "whose" for child in head.children):
        return None
    clause = head.head
    return index.entity_of(clause.head) if clause.dep_ == "relcl" else None


def share_with_conjuncts(index: DocIndex, descriptions: list[Description]) -> Iterator[Description]:
    """A plural title or party applies to each name of the list it describes ("Representatives
    X and Y"; "Senators A of Ohio, B of Utah, and C of Iowa, all Republicans"), each with the
    place written after its own name."""
    described = {(d.subject.start, d.role, d.party) for d in descriptions}
    for description in descriptions:
        if not description.plural:
            continue
        for person in listed_people(index, description.subject):
            if (person.start, description.role, description.party) in described:
                continue
            described.add((person.start, description.role, description.party))
            home = None
            if description.home is not None:
                own = entity_after_name(index, person)
                home = own if own is not None and own.label_ in PLACE_LABELS else None
            yield replace(description, subject=person, sentence=index.sentence(person.start), home=home)


def share_place_with_conjunct(index: DocIndex, descriptions: list[Description]) -> None:
    """A country's post named without a place right after "and" and a post whose place the
    words before its title gave shares that place: "Israeli prime minister Benjamin Netanyahu
    and energy minister Yuval Steinitz" (both Israel's)."""
    placed = {description.subject.end: description for description in descriptions
              if description.role and description.role_of is not None and description.preposition is None}
    for description in descriptions:
        office = description.office
        if (description.role and description.role_of is None and office is not None and "country" in office.scope
                and description.start > 0 and index.doc[description.start - 1].lower_ == "and"
                and (before := placed.get(description.start - 1)) is not None):
            description.role_of, description.role_of_type = before.role_of, before.role_of_type


def pair_respectively(index: DocIndex, descriptions: list[Description]) -> None:
    """One post said of a list of names whose place or body is a list pairs them by position,
    as a reader does, when the list is closed by "respectively" or the post is a plural title:
    "A and B are the governors of Ohio and Utah(, respectively)", "A and B, the foreign
    ministers of France and Germany respectively", "A, B and C, who serve as chairmen of the
    House's committees on X, Y and Z, respectively". Only when the counts match; otherwise
    each keeps what it had (the list's first item, or no body)."""
    for field in ("role_of", "home"):
        groups: dict[tuple[str | None, int], list[Description]] = {}
        lists: dict[int, list[Span]] = {}  # the list each value is in, by the value's start
        for description in descriptions:
            value = getattr(description, field)
            if not isinstance(value, Span):
                continue
            if value.start not in lists:
                lists[value.start] = listed_entities(index, value)
            items = lists[value.start]
            if description.plural or closed_by_respectively(index, items):
                groups.setdefault((description.role, value.start), []).append(description)
        for (_, start), group in groups.items():
            for description, item in by_position(group, lists[start]):
                setattr(description, field, item)
    listed_bodies = {(index.sentence(noun.i).start, title.role): bodies
                     for noun, title, bodies in bodies_listed_by_subject(index)}
    unplaced: dict[tuple[int, str | None], list[Description]] = {}
    for description in descriptions:
        key = (description.sentence.start, description.title_role)
        if description.role and description.role_of is None and key in listed_bodies:
            unplaced.setdefault(key, []).append(description)
    for key, group in unplaced.items():
        for description, body in by_position(group, listed_bodies[key]):
            description.role_of, description.role_of_type = body, "Organization"


def by_position(group: list[Description], items: list[T]) -> list[tuple[Description, T]]:
    """Each description of `group` with the item at its subject's place in the list of names;
    [] unless there are several names and as many items."""
    item_at = dict(pair_by_position(sorted({description.subject.start for description in group}), items))
    return [(description, item_at[description.subject.start]) for description in group] if item_at else []


def pair_by_position(names: Sequence[S], items: Sequence[T]) -> list[tuple[S, T]]:
    """A list of names and a list closed by "respectively", paired item by item; [] unless
    there are several names and as many items."""
    return list(zip(names, items)) if len(names) >= 2 and len(items) == len(names) else []


def closed_by_respectively(index: DocIndex, items: list[Span]) -> bool:
    """Whether "respectively" closes the list of entities `items` (`listed_entities`: "Ohio and
    Utah(,) respectively"), and not some later list of the sentence."""
    if not items:
        return False
    after = items[-1].end + (items[-1].end < len(index.doc) and index.doc[items[-1].end].text == ",")
    return after < len(index.doc) and index.doc[after].lower_ == "respectively"


def bodies_listed_by_subject(index: DocIndex) -> Iterator[tuple[Token, Title, list[str]]]:
    """The bodies a plural body noun lists by subject in a sentence closed by "respectively",
    with the title of the post held in each: "chairmen of the House's committees on Foreign
    Affairs, Intelligence, and Oversight and Reform, respectively", "who chair the committees
    on X, Y and Z respectively" -> House Foreign Affairs Committee, House Intelligence Committee,
    House Oversight and Reform Committee (an entity the model found is one item even where the
    parser splits it: "Oversight and Reform"; one with commas is a list, read item by item)."""
    doc = index.doc
    for respectively in index.tokens(lowers=("respectively",)):
        for noun in index.sentence(respectively.i):
            title = body_list_title(index, noun)
            if title is None:
                continue
            body_word = noun.lemma_.capitalize()
            first = next(prepositional_objects(noun, gazetteers.body_subject_prepositions()[body_word]), None)
            if first is None:
                continue
            items: dict[int, Span] = {}
            for item in (first, *first.conjuncts):
                compounds = [child.i for child in item.lefts if child.dep_ == "compound"]
                ent = entity_around(item)
                if ent is None or any(token.text == "," for token in ent):  # the model's "X, Y and Z" is a list
                    ent = doc[min(compounds, default=item.i) : item.i + 1]
                items[ent.start] = ent
            owner = next((child for child in noun.children if child.dep_ == "poss"), None)
            prefix = f"{text_of(index.entity_of(owner) or owner.text)} " if owner is not None else ""
            yield noun, title, [f"{prefix}{items[start].text} {body_word}" for start in sorted(items)]


def is_body(org: Span | str) -> bool:
    """An organisation whose posts make members: a party, a legislature, a committee (the last
    word of its name in bodies.tsv: "the Blue and White party" is a party; or the word its
    subject follows: "the Senate Committee on Veterans Affairs")."""
    name = text_of(org)
    return (name in gazetteers.party_names() or body_word(name) in gazetteers.membership_words()) and (
        isinstance(org, str) or org.label_ == "ORG")


def names_state(name: str) -> bool:
    """Whether a body's name begins with a state's ("New York State Assembly")."""
    words = name.split()
    return any((place := place_of(" ".join(words[:end]))) is not None and place.kind == "state"
               for end in range(1, len(words)))


def body_word(name: str) -> str:
    """The word that says what kind of body `name` is: its last, or, in a body of a body, the one
    before the preposition that names its subject ("Committee" of "House Committee on Oversight
    and Reform"; not of "Council on Foreign Relations", a think tank whose staff are employees)."""
    words = [word.capitalize() for word in name.split()]
    subject_prepositions = gazetteers.body_subject_prepositions()
    for at in range(2, len(words) - 1):
        if words[at].lower() in subject_prepositions.get(words[at - 1], ()) and words[at - 2] in gazetteers.membership_words():
            return words[at - 1]
    return words[-1]


def entity_around(token: Token) -> Span | None:
    """The entity of any label `token` is in ("Oversight and Reform", even a WORK_OF_ART), read
    from the token's own IOB marks."""
    if token.ent_iob_ not in ("B", "I"):
        return None
    doc = token.doc
    start, end = token.i, token.i + 1
    while doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def body_list_title(index: DocIndex, noun: Token) -> Title | None:
    """The title of the post held in each body of a plural body noun ("committees"): the title
    it is "of" ("chairmen of the committees on ...") or the post of the verb it is the object of
    ("who chair the committees on ..."); None for any other noun."""
    if noun.tag_ not in PLURAL_TAGS or noun.lemma_.capitalize() not in gazetteers.body_subject_prepositions():
        return None
    if noun.head.lower_ == "of" and noun.head.head.i in index.title_tokens:
        title_token = noun.head.head
        return next(index.titles[span.start] for span in index.title_spans if span.start <= title_token.i < span.end)
    if noun.dep_ == "dobj" and states_as_so(noun.head):
        return gazetteers.post_verbs().get(noun.head.lemma_)
    return None


def listed_entities(index: DocIndex, ent: Span) -> list[Span]:
    """`ent` and the entities coordinated with it ("Ohio and Utah"), in text order; [] when a
    conjunct is no entity (the list cannot be paired item by item)."""
    items = {ent.start: ent}
    for conjunct in ent.root.conjuncts:
        item = index.entity_of_token.get(conjunct.i)
        if item is None:
            return []
        items[item.start] = item
    return [items[start] for start in sorted(items)]


def subject_key(description: Description) -> str:
    return description.subject[-1].lower_


def same_post(shorter: str, longer: str) -> bool:
    """"Speaker" and "House Speaker" name one post; "President" and "Vice President" do not."""
    short_words, long_words = shorter.lower().split(), longer.lower().split()
    extra = long_words[: len(long_words) - len(short_words)]
    return long_words[len(extra):] == short_words and not gazetteers.rank_words() & set(extra)


def complete_descriptions(doc: Doc, descriptions: list[Description]) -> list[Description]:
    """Fill in what a description leaves implicit from the rest of the article:
    - a state named with a national legislator's title ("Texas Senator") is the place represented;
    - one person's post named in several ways ("Speaker", "House Speaker") takes the fullest name;
    - a post without a place takes the place the article gives it for that person elsewhere,
      else the one the knowledge base has the holder's post of that role in on the article's
      day (`place_posts_from_kb`), else, for a country's post, the country of the holder's
      party ("Labour MP"),
      else the country of a post that (nearly) only one country has ("Secretary of State"), else
      the article's main country or state for its scope, else the country a legislator's seat
      most often belongs to (offices.tsv; all three with lower confidence)."""
    place_counts = article_place_counts(doc)
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
    share_posts_of_person(posts.values())
    day = doc._.kg_article_date
    known = kb_posts(day, load_kb()) if day else None
    if place_posts_from_kb(known, completed):
        share_posts_of_person(posts.values())  # "Senator Klobuchar" is Amy Klobuchar's post the KB placed
    # the party a person is given anywhere in the article: "Prime Minister Boris Johnson ... Johnson,
    # a Conservative"
    parties = {subject_key(description): description.party for description in completed
               if description.party is not None and description.party.country}
    for description in completed:
        office = description.office
        party = description.party or parties.get(subject_key(description))
        if (description.role and description.role_of is None and office is not None and "country" in office.scope
                and party is not None and party.country):
            # "Labour MP Tom Watson": the post is in the country of the holder's party
            description.role_of, description.role_of_type = party.country, "Place"
            continue
        if description.role and description.role_of is None and office is not None:
            scope = office.scope[0] if office.scope else None
            if scope is None or (scope == "country" and office.country and not office.represents):
                # a post of one country only (no scope), or nearly so ("Secretary of State"), is that
                # country's wherever the article is
                main = office.country or None
            else:
                absent = office.absent_in if scope == "country" else frozenset()
                # a department's secretary many countries have ("Education Secretary") is the one of the
                # country its sentence names before the holder ("In the UK, Education Secretary Gavin
                # Williamson"; not "... said Mexico must act", where the country is what is said)
                leading = doc[description.sentence.start : description.subject.end]
                sentence_place = main_place(article_place_counts(doc, leading), scope, absent) \
                    if office.body.startswith("Department of") and not office.country else None
                main = sentence_place or main_place(place_counts, scope, absent) or (
                    office.country if scope == "country" else None) or None
            if main is not None and (known is None or known.may_hold(description, main)):
                description.role_of, description.role_of_type, description.confidence = main, "Place", 0.6
    return completed


# Qualifiers of a post held before the article's day ("former President Obama").
FORMER_QUALIFIERS = frozenset({"former", "then"})


@dataclass(frozen=True)
class KBPostIndex:
    """The knowledge base's posts with a body or place, made once per KB (`kb_post_index`):
    by holder, the name key of a full name or of the surname of one in a post known by
    surname alone, and role; and by post, role and body or place, with the name keys of its
    holder."""

    by_holder: dict[tuple[str, str], tuple[Post, ...]]
    by_post: dict[tuple[str, str], tuple[tuple[tuple[str, ...], Post], ...]]


@lru_cache(maxsize=KBS_KEPT)  # by KB: the KB changes with $KGNEWS_KB
def kb_post_index(kb: KnowledgeBase) -> KBPostIndex:
    """The index of the posts of `kb`'s people. Each day's `KBPosts` reads it (made per day
    from the whole KB, the posts cost 2.4 s for the 259 days of the bulk articles)."""
    by_holder: dict[tuple[str, str], list[Post]] = {}
    by_post: dict[tuple[str, str], list[tuple[tuple[str, ...], Post]]] = {}
    for entry in kb.entries.values():
        if entry.type != "Person":
            continue
        for post in entry.posts:
            if post.role_of is None:
                continue
            names = [name_key(name) for name in entry.names]
            if post.role in POSTS_KNOWN_BY_SURNAME:
                names.append(name_key(entry.surname or entry.name.split()[-1]))
            for name in names:
                by_holder.setdefault((name, post.role), []).append(post)
            by_post.setdefault((post.role, post.role_of), []).append((tuple(names), post))
    return KBPostIndex({key: tuple(posts) for key, posts in by_holder.items()},
                       {key: tuple(posts) for key, posts in by_post.items()})


@dataclass(frozen=True)
class KBPosts:
    """The posts the knowledge base has people in on one day, or before it (`former`)."""

    day: str
    index: KBPostIndex

    def held(self, post: Post, former: bool) -> bool:
        """Whether `post` was held on the day, or (`former`) before it and not on it."""
        return post.before(self.day) and not post.covers(self.day) if former else post.covers(self.day)

    def places_of(self, description: Description) -> frozenset[str]:
        """The bodies or places of the posts of the description's role its holder held."""
        former = description.qualifier in FORMER_QUALIFIERS
        posts = self.index.by_holder.get((name_key(description.subject.text), description.role or ""), ())
        return frozenset(post.role_of for post in posts if self.held(post, former))

    def may_hold(self, description: Description, role_of: str) -> bool:
        """False when the knowledge base knows who held the post in `role_of` up to the day, and
        the description's holder is none of them: "President Vladimir Putin" in an article about
        the United States (a past holder need not be called "former": "Nixon resigned as President")."""
        holders = {name for names, post in self.index.by_post.get((description.role or "", role_of), ())
                   if post.covers(self.day) or post.before(self.day) for name in names}
        return not holders or _named_among(name_key(description.subject.text).split(), holders)


def _named_among(words: list[str], holders: set[str]) -> bool:
    """Whether a name (its key's words) may be one of `holders` (name keys): the same name; a
    surname alone, any holder's surname ("Johnson"); a fuller name, a holder's with the same
    surname and given-name initial ("Joe Biden" for "joseph biden", not "Sarah Wilson" for
    Vice President "henry wilson")."""
    if " ".join(words) in holders:
        return True
    for holder in holders:
        parts = holder.split()
        if parts[-1] == words[-1] and (len(words) == 1 or (len(parts) > 1 and parts[0][0] == words[0][0])):
            return True
    return False


def kb_posts(day: str, kb: KnowledgeBase) -> KBPosts:
    """The posts of the knowledge base's people held on `day` or before it: by the name key of
    a full name, or of the surname of one in a post known by surname alone ("trump",
    "President", held on a day of 2020 -> United States), and by post (President of the United
    States on that day -> "donald trump", "trump", ...)."""
    return KBPosts(day, kb_post_index(kb))


def share_posts_of_person(people: Iterable[list[Description]]) -> None:
    """One person's post named in several ways ("Speaker", "House Speaker") takes the fullest
    name, and a place one of them has (each list of `people` is one person's descriptions)."""
    for same_person in people:
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


def place_posts_from_kb(known: KBPosts | None, descriptions: list[Description]) -> bool:
    """Give a post named without a place the body or place of the one post of that role the
    knowledge base has its holder in on the article's day (before it, for a "former" post):
    "President Trump" in 2020 is President of the United States wherever the article is.
    Whether any was placed."""
    if known is None:
        return False
    placed = False
    for description in descriptions:
        office = description.office
        # a post the gazetteer places by itself (Senator: nearly only the United States has one) keeps that form
        if description.role and description.role_of is None and not (office is not None and office.country):
            found = known.places_of(description)
            if len(found) == 1:
                (role_of,) = found
                description.role_of = role_of
                description.role_of_type = "Place" if place_of(role_of) is not None else "Organization"
                placed = True
    return placed


def article_places(doc: Doc) -> dict[str, str]:
    """The country and the US state the article is about (see `main_place`)."""
    counts = article_place_counts(doc)
    return {scope: main for scope in counts if (main := main_place(counts, scope)) is not None}


def main_place(counts: dict[str, Counter[str]], scope: str, absent: frozenset[str] = frozenset()) -> str | None:
    """The place of kind `scope` the article is about: the one named at least twice as often as
    any other. An article spread over several countries has none, so a foreign leader's
    unplaced post is not given its main country. Countries in `absent` (those without the post
    to be placed: the United States has no Prime Minister) are left out of the count."""
    named = counts.get(scope, Counter()).most_common()
    ranked = [(name, count) for name, count in named if name not in absent][:2]
    if not ranked:
        return None
    (name, count), *others = ranked
    if count < 2 and any(other in absent for other, _ in named):
        return None  # named once beside a country left out (the one the article is about, say): no topic of it
    return name if not others or count >= 2 * others[0][1] else None


def article_place_counts(doc: Doc, within: Span | None = None) -> dict[str, Counter[str]]:
    """How often the article (or its span `within`) names each country and US state (a state
    counting for its country). A nationality ("British", "Polish") counts for its country, and so
    does a place or nationality naming a government body ("the U.S. federal government", "Samoan
    government")."""
    counts: dict[str, Counter[str]] = {"country": Counter(), "state": Counter()}
    index = DocIndex.of(doc)
    start, end = (within.start, within.end) if within is not None else (0, len(doc))
    for ent in index.ents:
        if not start <= ent.start < end:
            continue
        place = place_of(ent.text) if ent.label_ in PLACE_LABELS else _place_of_body(ent)
        if place is None:
            continue
        counts[place.kind][place.name] += 1
        if place.kind == "state":
            counts["country"][place.country] += 1
    demonyms = gazetteers.demonyms()
    for token in index.tokens(lowers={demonym.lower() for demonym in demonyms}):
        if start <= token.i < end and token.text in demonyms and index.entity_of(token) is None:
            counts["country"][demonyms[token.text].name] += 1
    return counts


def _place_of_body(ent: Span) -> Place | None:
    """The place a government body's name starts with ("U.S." of "the U.S. federal government")."""
    if ent._.kg_subtype != "GovernmentOrganization":
        return None
    for size in range(len(ent) - 1, 0, -1):
        lead = ent[:size].text
        place = place_of(lead) or gazetteers.demonyms().get(lead)
        if place is not None:
            return place
    return None


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
