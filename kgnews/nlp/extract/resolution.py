"""Resolve a Doc's entity spans to canonical entities (pure functions over the Doc).

`resolve_entities(doc)` collects every entity span of the Doc (`doc.ents` after the fixes,
plus the entity spans and implied entity names of `doc._.kg_facts`), clusters them with
`kgnews.nlp.extract.clustering.cluster_mentions`, and returns
- the entities (`kgnews.model.Entity`), keys "e1", "e2", ... by first mention, with
  title-free labels and every form that names the entity as aliases, a person's titled
  forms included ("Governor Dayton", "Minnesota Gov.Mark Dayton");
- the mentions (`kgnews.model.Mention`), in text order;
- a `MentionIndex`, the lookup behind `entity_key(doc, span_or_name)`.
The `kgnews_resolution` component stores them on `doc._.kg_entities`, `doc._.kg_mentions`
and `doc._.kg_mention_index`.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from kgnews.model import Entity, EntityType, Mention
from kgnews.nlp import gazetteers
from kgnews.nlp.extract.clustering import NamedMention, cluster_mentions, is_acronym
from kgnews.nlp.extract.names import LABEL_TYPES, clean_name, name_key, words_with_space
from kgnews.nlp.extract.parse import DocIndex, place_of, read_modifiers
from kgnews.nlp.spanfacts import SpanFact

ENTITY_TYPES: frozenset[str] = frozenset(LABEL_TYPES.values())
# Type of a fact's subject span that is no entity of the NER: facts are about people
# unless the span's own label says otherwise.
DEFAULT_SUBJECT_TYPE: EntityType = "Person"
PLURAL_NOUN_TAGS = frozenset({"NNS", "NNPS"})
# Parts of speech of a capitalised word in front of a title that belongs to the title phrase
# ("Commerce Commissioner", "Presidential Spokesperson").
NAME_WORD_TAGS = frozenset({"PROPN", "NOUN", "ADJ"})
# A short name in capitals: "PKK", "YPG", "MN.IT".
ACRONYM = re.compile(r"[A-Z][A-Z.&-]{1,7}")


@dataclass
class MentionIndex:
    """Where each mention span and each implied name of a Doc resolved to."""

    by_offsets: dict[tuple[int, int], str] = field(default_factory=dict)
    by_name: dict[tuple[str, str], str] = field(default_factory=dict)  # (type, name_key) -> key
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # sorted mention offsets


def entity_key(doc: Doc, ref: Span | str | None, entity_type: str | None = None) -> str | None:
    """The entity key a span or an implied name resolved to, None when it names no entity.

    A span that is not itself a mention resolves through the mention it contains or lies in
    ("Governor Dayton" through "Dayton").
    """
    index: MentionIndex | None = doc._.kg_mention_index
    if index is None or ref is None:
        return None
    if isinstance(ref, str):
        key = name_key(ref)
        if entity_type is not None:
            return index.by_name.get((entity_type, key))
        return next((found for (_, name), found in index.by_name.items() if name == key), None)
    exact = index.by_offsets.get((ref.start_char, ref.end_char))
    if exact is not None:
        return exact
    overlapping = [
        (min(end, ref.end_char) - max(start, ref.start_char), key)
        for start, end, key in index.spans
        if start < ref.end_char and ref.start_char < end
    ]
    return max(overlapping)[1] if overlapping else None


def resolve_entities(doc: Doc) -> tuple[list[Entity], list[Mention], MentionIndex]:
    """The Doc's canonical entities, its mentions in text order, and where each resolved to."""
    spans, names = _collect(doc)
    index_of_titles = DocIndex.of(doc) if any(entity_type == "Person" for _, entity_type in spans) else None
    sentence_starts = [sentence.start for sentence in doc.sents]
    mentions = [_named_mention(span, entity_type, index_of_titles, bisect_right(sentence_starts, span.start) - 1)
                for span, entity_type in spans]
    if index_of_titles is not None:
        mentions = _styles_joined(index_of_titles, spans, mentions)
    mentions = _acronyms_defined(doc, spans, mentions)
    mentions += [
        NamedMention(clean_name(words_with_space(name), entity_type), name, entity_type)
        for name, entity_type in names
    ]
    clusters = cluster_mentions(mentions)
    entities, found, index = [], [], MentionIndex()
    for number, cluster in enumerate(clusters, start=1):
        key = f"e{number}"
        entities.append(Entity(key, cluster.label, cluster.type, cluster.subtype, cluster.aliases))
        for member in cluster.members:
            mention = mentions[member]
            index.by_name[(cluster.type, name_key(mention.name))] = key
            if member < len(spans):
                span = spans[member][0]
                index.by_offsets[(span.start_char, span.end_char)] = key
                found.append(Mention(span.start_char, span.end_char, span.text, key, mention.sentence))
        index.by_name.setdefault((cluster.type, name_key(cluster.label)), key)
    found.sort(key=lambda mention: (mention.start, mention.end))
    index.spans = [(mention.start, mention.end, mention.entity) for mention in found]
    return entities, found, index


def _named_mention(span: Span, entity_type: EntityType, titles: DocIndex | None, sentence: int) -> NamedMention:
    return NamedMention(
        name=clean_name([token.text_with_ws for token in span], entity_type),
        surface=span.text,
        type=entity_type,
        start=span.start_char,
        subtype=span._.kg_subtype,
        titled=titled_forms(titles, span) if entity_type == "Person" and titles is not None else (),
        sentence=sentence,
    )


def _styles_joined(index: DocIndex, spans: list[tuple[Span, EntityType]],
                   mentions: list[NamedMention]) -> list[NamedMention]:
    """A person named again in apposition by a style, an honorific and a name ("Colin
    Sutherland, Lord Carloway, the Lord President of the court"): every mention of the
    styled name is one of the person, its forms ("Carloway", "Lord Carloway") aliases of the
    person's."""
    doc = index.doc
    styled: dict[str, str] = {}
    for (person, first_type), (style, second_type), named in zip(spans, spans[1:], mentions):
        title = index.title_ending_at.get(style.start)
        if (first_type == second_type == "Person" and title is not None and title.start == person.end + 1
                and doc[person.end].text == "," and index.titles[title.start].kind == "honorific"
                and style.root.dep_ == "appos" and person.start <= style.root.head.i < person.end):
            styled[name_key(clean_name([token.text_with_ws for token in style], "Person"))] = named.name
    if not styled:
        return mentions
    return [replace(mention, name=styled.get(name_key(mention.name), mention.name)) if mention.type == "Person"
            else mention for mention in mentions]


def _acronyms_defined(doc: Doc, spans: list[tuple[Span, EntityType]],
                      mentions: list[NamedMention]) -> list[NamedMention]:
    """An organisation's short name written in brackets right after its name ("Kurdistan
    Workers' Party (PKK)", "People's Protection Units (YPG)") names it wherever it is used,
    whatever its letters spell and whatever the model tagged it; a place in brackets says
    where the organisation is ("Ministry of Defence (UK)"), and is no name of it. An acronym
    that spells the place the name ends in, not the whole name, is the place's ("Parliament
    of New South Wales (NSW)": "NSW had the most restrictive law" is the state)."""
    defined: dict[str, NamedMention] = {}
    places = {name_key(mention.name) for mention in mentions if mention.type == "Place"}
    for (full, full_type), (short, short_type), named in zip(spans, spans[1:], mentions):
        if (full_type == "Organization" and short_type != "Place" and short.start == full.end + 1
                and short.end < len(doc) and doc[full.end].text == "(" and doc[short.end].text == ")"
                and len(short) == 1 and ACRONYM.fullmatch(short.text) and place_of(short.text) is None):
            defined[name_key(short.text)] = _place_spelled(short.text, named.name, places) or named
    if not defined:
        return mentions
    return [replace(mention, name=defining.name, type=defining.type) if (defining := defined.get(name_key(mention.name)))
            and mention.type not in ("Person", "Place") else mention for mention in mentions]


def _place_spelled(acronym: str, organisation: str, places: set[str]) -> NamedMention | None:
    """The place an organisation's name ends in after "of" when `acronym` spells that place
    and not the whole name: "New South Wales" for "NSW" of "Parliament of New South Wales"
    (the article names it as a place, or the gazetteer knows it)."""
    if is_acronym(acronym, organisation):
        return None
    words = organisation.split()
    for at, word in enumerate(words[1:-1], start=1):
        tail = " ".join(words[at + 1:])
        if (word == "of" and is_acronym(acronym, tail)
                and (name_key(tail) in places or place_of(tail) is not None)):
            return NamedMention(tail, acronym, "Place")
    return None


def titled_forms(index: DocIndex, person: Span) -> tuple[str, ...]:
    """The person's name with the capitalised titles written right before it, as written
    and with a space after a title glued to the name, from the title alone to the whole
    title phrase with the place, organisation, party or department words in front of it:
    "Gov.Mark Dayton", "Gov. Mark Dayton", "Minnesota Gov.Mark Dayton", ...

    A lower-case title describes rather than names ("lawyer Michael Cohen") and a plural
    one is shared ("Senators Ted Cruz and Marco Rubio"): neither gives a form.
    """
    doc = index.doc
    title = index.title_ending_at.get(person.start)
    if title is None or not _names_person(title):
        return ()
    starts = [title.start]
    while (earlier := index.title_ending_at.get(starts[-1])) is not None and _names_person(earlier):
        starts.append(earlier.start)  # "Dr." before "Governor"
    # Of the words `read_modifiers` reads as the title's modifiers, the names ("Minnesota",
    # "House", "Commerce", "Turkish"), not "the", "Both" or "Former".
    lower_bound = read_modifiers(index, starts[-1], index.sentence(person.start).start, index.titles[title.start]).start
    start = starts[-1]
    while start > lower_bound and (entity := _modifier_entity(index, doc[start - 1])) is not None:
        start = max(entity.start, lower_bound)
        starts.append(start)
    title_end = title.end_char
    glued = not doc[title.end - 1].whitespace_
    forms: dict[str, None] = {}
    for start in starts:
        start_char = doc[start].idx
        forms[index.text[start_char : person.end_char]] = None
        if glued:
            forms[f"{index.text[start_char:title_end]} {person.text}"] = None
    return tuple(forms)


def _names_person(title: Span) -> bool:
    return title.text[:1].isupper() and title.root.tag_ not in PLURAL_NOUN_TAGS


def _modifier_entity(index: DocIndex, token: Token) -> Span | None:
    """The entity holding `token`, or the token itself when it is a capitalised name-like
    word that qualifies no post; None otherwise."""
    entity = index.entity_of(token)
    if entity is not None:
        return entity
    if token.text[:1].isupper() and token.pos_ in NAME_WORD_TAGS and token.lower_ not in gazetteers.qualifiers():
        return token.doc[token.i : token.i + 1]
    return None


def _collect(doc: Doc) -> tuple[list[tuple[Span, EntityType]], list[tuple[str, EntityType]]]:
    """Entity spans in text order (the NER's, then facts' spans that overlap none of them),
    and the names facts imply without a span."""
    spans: dict[tuple[int, int], tuple[Span, EntityType]] = {
        (ent.start, ent.end): (ent, LABEL_TYPES[ent.label_])
        for ent in doc.ents if ent.label_ in LABEL_TYPES
    }
    covered = {token for start, end in spans for token in range(start, end)}
    names: dict[tuple[str, EntityType], None] = {}
    for ref, entity_type in _fact_entities(doc._.kg_facts or ()):
        if isinstance(ref, str):
            names[(ref, entity_type)] = None
        elif not covered.intersection(range(ref.start, ref.end)):
            spans[(ref.start, ref.end)] = (ref, entity_type)
            covered.update(range(ref.start, ref.end))
    return [spans[key] for key in sorted(spans)], list(names)


def _fact_entities(facts: list[SpanFact]) -> list[tuple[Span | str, EntityType]]:
    """Each entity a fact refers to, with its type."""
    refs: list[tuple[Span | str, EntityType]] = []
    for fact in facts:
        if isinstance(fact.subject, Span):
            refs.append((fact.subject, _span_type(fact.subject, DEFAULT_SUBJECT_TYPE)))
        if fact.object is not None and fact.object_type in ENTITY_TYPES:
            refs.append((fact.object, _declared_type(fact.object, fact.object_type)))
        if fact.role_of is not None:
            refs.append((fact.role_of, _declared_type(fact.role_of, fact.role_of_type)))
    return refs


def _declared_type(ref: Span | str, declared: str | None) -> EntityType:
    if declared in ENTITY_TYPES:
        return declared  # type: ignore[return-value]
    if isinstance(ref, Span):
        return _span_type(ref, "Organization")
    return "Organization"


def _span_type(span: Span, default: EntityType) -> EntityType:
    return LABEL_TYPES.get(span.label_, default)
