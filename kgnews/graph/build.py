"""RDF for one article: its named graph, built from a `kgnews.model.Extraction`.

The graph (named by the article IRI) holds, for that article only:
  * the schema:NewsArticle and its metadata, and a nif:Context with the exact text;
  * nif:Sentence and mention strings (nif:Phrase, itsrdf:taIdentRef -> entity) with offsets;
  * the entities as seen in this article (type, subtype, rdfs:label, skos:altLabel);
  * positions (kgo:Position = org:Post), quotes, phrases;
  * every fact as a kgo:Fact node with its provenance, plus the plain triple it states
    (`person org:holds post`) unless it is negated or qualified; a fact taken from the
    article's metadata (author, publisher) is derived from the article, not a sentence;
  * entity IRIs from the article and the knowledge base alone (kgnews.graph.linking), so
    an article's graph is the same whatever the store holds;
  * for an entity linked to a knowledge-base entry (kgnews.graph.kblinking): the KB's name
    as its label (the article's names as aliases), kgo:kbId and owl:sameAs its Wikidata
    item; a post it holds is tied (kgo:term) to the KB's term covering the article's date;
  * PROV-O: which run, software version and model made the graph, and when.
What the KB itself says about a linked entry (its terms of office, parties) is not part of
the article graph: `kb_graphs` gives one named graph per entry, with PROV-O provenance
naming the KB and its version, so KB facts are never counted as extracted facts.
Vocabulary terms are spelt through rdflib namespaces once, as pyoxigraph nodes, because
building quads directly is several times faster than going through rdflib.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from functools import lru_cache
from typing import Protocol

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse, serialize
from rdflib import URIRef
from rdflib.namespace import ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

from kgnews.errors import KGNewsError
from kgnews.graph import entity_counts, fact_counts, iris
from kgnews.graph.kblinking import KBIndex, KBLink, kb_index, link_entities, terms_covering
from kgnews.graph.linking import ArticleLinks, link_article, own_iri
from kgnews.graph.ontology import relation_properties, subtype_classes
from kgnews.graph.vocab import ITSRDF, KGO
from kgnews.kb import KBEntry, KBFiles, KnowledgeBase, Post
from kgnews.model import METADATA_RELATIONS, Entity, Extraction, Fact
from kgnews.results import SelectStore
from kgnews.store.updates import NQuadsGraph
from kgnews.version import __version__
from kgnews.vocab import DCT, NIF, SCHEMA, WD


class GraphError(KGNewsError):
    """An Extraction breaks the model's contract, so no faithful graph can be built."""


def _node(term: URIRef) -> NamedNode:
    return NamedNode(str(term))


class _V:
    """pyoxigraph nodes of the vocabulary terms the builder writes."""

    type = _node(RDF.type)
    label = _node(RDFS.label)
    alt_label = _node(SKOS.altLabel)
    same_as = _node(OWL.sameAs)
    # article
    NewsArticle = _node(SCHEMA.NewsArticle)
    identifier = _node(SCHEMA.identifier)
    headline = _node(SCHEMA.headline)
    date_published = _node(SCHEMA.datePublished)
    url = _node(SCHEMA.url)
    word_count = _node(SCHEMA.wordCount)
    mentions = _node(SCHEMA.mentions)
    text = _node(SCHEMA.text)
    text_hash = _node(KGO.textHash)
    has_context = _node(KGO.hasContext)
    # NIF
    Context = _node(NIF.Context)
    Sentence = _node(NIF.Sentence)
    Phrase = _node(NIF.Phrase)
    is_string = _node(NIF.isString)
    source_url = _node(NIF.sourceUrl)
    begin = _node(NIF.beginIndex)
    end = _node(NIF.endIndex)
    anchor_of = _node(NIF.anchorOf)
    reference_context = _node(NIF.referenceContext)
    sentence = _node(NIF.sentence)
    ta_ident_ref = _node(ITSRDF.taIdentRef)
    # positions, quotes, phrases
    Position = _node(KGO.Position)
    Role = _node(ORG.Role)
    role = _node(ORG.role)
    role_of = _node(KGO.roleOf)
    post_in = _node(ORG.postIn)
    Quote = _node(KGO.Quote)
    TextPhrase = _node(KGO.Phrase)
    quote_kind = _node(KGO.quoteKind)
    # facts
    Fact = _node(KGO.Fact)
    Event = _node(KGO.Event)
    subject = _node(KGO.subject)
    relation = _node(KGO.relation)
    object = _node(KGO.object)
    direct_property = _node(KGO.directProperty)
    confidence = _node(KGO.confidence)
    negated = _node(KGO.negated)
    qualifier = _node(KGO.qualifier)
    fact_date = _node(KGO.date)
    date_precision = _node(KGO.datePrecision)
    derived_from = _node(PROV.wasDerivedFrom)
    generated_by = _node(PROV.wasGeneratedBy)
    # provenance
    Extraction = _node(KGO.Extraction)
    IngestRun = _node(KGO.IngestRun)
    SoftwareAgent = _node(PROV.SoftwareAgent)
    extraction = _node(KGO.extraction)
    generated_at = _node(PROV.generatedAtTime)
    attributed_to = _node(PROV.wasAttributedTo)
    started_at = _node(PROV.startedAtTime)
    associated_with = _node(PROV.wasAssociatedWith)
    used = _node(PROV.used)
    software_version = _node(SCHEMA.softwareVersion)
    model_name = _node(KGO.modelName)
    # knowledge bases
    KnowledgeBase = _node(KGO.KnowledgeBase)
    KBFact = _node(KGO.KBFact)
    kb_id = _node(KGO.kbId)
    term = _node(KGO.term)
    version = _node(SCHEMA.version)
    start_date = _node(SCHEMA.startDate)
    end_date = _node(SCHEMA.endDate)
    dct_source = _node(DCT.source)
    dct_license = _node(DCT.license)
    pref_label = _node(SKOS.prefLabel)
    # datatypes
    xsd_date = _node(XSD.date)
    xsd_g_year_month = _node(XSD.gYearMonth)
    xsd_g_year = _node(XSD.gYear)
    xsd_date_time = _node(XSD.dateTime)
    xsd_integer = _node(XSD.integer)
    xsd_decimal = _node(XSD.decimal)
    xsd_any_uri = _node(XSD.anyURI)


_ENTITY_CLASSES = {name: _node(KGO[name]) for name in ("Person", "Organization", "Place")}
# Object types given by their text: class, and IRI from (speaker IRI, text).
_TEXT_OBJECTS = {
    "Quote": (_V.Quote, iris.quote_iri),
    "Phrase": (_V.TextPhrase, lambda _speaker, text: iris.phrase_iri(text)),
}
# Partial dates ("last October") are kept at the precision the text gives. XSD has no week
# type: a week ("last week", 2016-W43) is the xsd:date of its Monday with kgo:datePrecision
# "week", so it sorts and compares as a date and the facts view gives back "2016-W43".
_DATE_DATATYPES = (
    (re.compile(r"\d{4}-\d{2}-\d{2}"), _V.xsd_date),
    (re.compile(r"\d{4}-\d{2}"), _V.xsd_g_year_month),
    (re.compile(r"\d{4}"), _V.xsd_g_year),
)
_ISO_WEEK = re.compile(r"(\d{4})-W(\d{2})")
WEEK_PRECISION = "week"


@dataclass(frozen=True)
class ProvenanceRun:
    """One ingest run: all articles it builds share its IRI, start time and software version."""

    started: datetime = field(default_factory=lambda: datetime.now(timezone.utc).replace(microsecond=0))
    kgnews_version: str = __version__

    @property
    def iri(self) -> str:
        return iris.run_iri(self.started.isoformat(), self.kgnews_version)


@lru_cache(maxsize=1 << 16)  # every string node has two; a typed literal costs more to make than to look up
def _offset(value: int) -> Literal:
    # xsd:integer, not NIF's xsd:nonNegativeInteger: Oxigraph stores the latter as the former,
    # and a graph should read back exactly as it was built.
    return Literal(str(value), datatype=_V.xsd_integer)


def _date_literal(value: str, where: str) -> tuple[Literal, str | None]:
    """A fact date as a typed literal, and its precision when the datatype does not say it."""
    week = _ISO_WEEK.fullmatch(value)
    if week:
        try:
            monday = date.fromisocalendar(int(week[1]), int(week[2]), 1)
        except ValueError as error:
            raise GraphError(f"{where}: date {value!r} is not an ISO week") from error
        return Literal(monday.isoformat(), datatype=_V.xsd_date), WEEK_PRECISION
    for pattern, datatype in _DATE_DATATYPES:
        if pattern.fullmatch(value):
            if datatype is _V.xsd_date:
                _check_date(value, where)
            return Literal(value, datatype=datatype), None
    raise GraphError(f"{where}: date {value!r} is not ISO 8601 (YYYY-MM-DD, YYYY-MM, YYYY or YYYY-Www)")


def _check_date(value: str, where: str) -> None:
    try:
        date.fromisoformat(value)
    except ValueError as error:
        raise GraphError(f"{where}: date {value!r} is not a calendar date") from error


class _ArticleGraph:
    """Accumulates one article's quads; each node is described once however often it is used."""

    def __init__(self, extraction: Extraction, run: ProvenanceRun, links: ArticleLinks | None) -> None:
        self.extraction = extraction
        self.links = links or ArticleLinks({})
        self.article = extraction.article
        self.where = self.article.source or f"article {self.article.id}"
        self.article_iri = iris.article_iri(self.article.id)
        self.node = NamedNode(self.article_iri)
        self.context = NamedNode(iris.string_iri(self.article_iri, 0, len(self.article.text)))
        self.run = run
        self.run_node = NamedNode(run.iri)
        self.quads: list[Quad] = []
        self.described: set[NamedNode] = set()
        self.sentences: dict[int, NamedNode] = {}
        self.entities: dict[str, tuple[NamedNode, Entity]] = {}
        self.mentioned: set[tuple[NamedNode, int]] = set()  # (entity, sentence index)
        self.stated: set[tuple[NamedNode, NamedNode, NamedNode]] = set()
        # The facts the facts view lists, per relation (kgnews.graph.fact_counts): every fact
        # node written here is typed, has a confidence, and its subject and object are typed
        # entities, the article, posts, quotes or phrases, so all but the negated are listed.
        # Counted here, as `fact_counts.listed_facts` would read them back from the quads.
        self.listed: Counter[str] = Counter()

    def add(self, subject: NamedNode, predicate: NamedNode, obj: NamedNode | Literal) -> None:
        self.quads.append(Quad(subject, predicate, obj, self.node))

    def state(self, subject: NamedNode, predicate: NamedNode, obj: NamedNode) -> None:
        """A direct triple, which both a fact and the article's metadata may give."""
        if (subject, predicate, obj) not in self.stated:
            self.stated.add((subject, predicate, obj))
            self.add(subject, predicate, obj)

    def first_time(self, node: NamedNode) -> bool:
        if node in self.described:
            return False
        self.described.add(node)
        return True

    def build(self) -> list[Quad]:
        self.add_article()
        self.add_sentences()
        self.add_entities()
        self.add_mentions()
        self.add_metadata_agents()
        self.add_facts()
        self.add_provenance()
        return self.quads

    # article and text

    def add_article(self) -> None:
        article, node, add = self.article, self.node, self.add
        add(node, _V.type, _V.NewsArticle)
        add(node, _V.identifier, Literal(article.id))
        if article.title:
            add(node, _V.headline, Literal(article.title))
        if article.date:
            _check_date(article.date, self.where)
            add(node, _V.date_published, Literal(article.date, datatype=_V.xsd_date))
        if article.url:
            add(node, _V.url, Literal(article.url, datatype=_V.xsd_any_uri))
        add(node, _V.word_count, Literal(str(article.word_count), datatype=_V.xsd_integer))
        add(node, _V.text_hash, Literal(article.text_hash))
        add(node, _V.has_context, self.context)
        add(self.context, _V.type, _V.Context)
        add(self.context, _V.is_string, Literal(article.text))
        add(self.context, _V.begin, _offset(0))
        add(self.context, _V.end, _offset(len(article.text)))
        if article.url:
            add(self.context, _V.source_url, Literal(article.url, datatype=_V.xsd_any_uri))

    def add_string(self, node: NamedNode, kind: NamedNode, start: int, end: int) -> None:
        """A NIF string of the text; a span that is both a sentence and a mention is one node."""
        self.add(node, _V.type, kind)
        if self.first_time(node):
            self.add(node, _V.begin, _offset(start))
            self.add(node, _V.end, _offset(end))
            self.add(node, _V.anchor_of, Literal(self.article.text[start:end]))
            self.add(node, _V.reference_context, self.context)

    def add_sentences(self) -> None:
        for sentence in self.extraction.sentences:
            node = NamedNode(iris.string_iri(self.article_iri, sentence.start, sentence.end))
            self.sentences[sentence.index] = node
            self.add_string(node, _V.Sentence, sentence.start, sentence.end)

    def sentence(self, index: int, what: str) -> NamedNode:
        try:
            return self.sentences[index]
        except KeyError:
            raise GraphError(f"{self.where}: {what} refers to sentence {index}, which the extraction lacks") from None

    # entities and mentions

    def add_entities(self) -> None:
        by_iri: dict[str, list[Entity]] = {}
        for entity in self.extraction.entities:
            if not entity.label.strip():
                raise GraphError(f"{self.where}: entity {entity.key!r} has an empty label")
            iri = self.links.iris.get(entity.key) or own_iri(entity, self.article.id)
            by_iri.setdefault(iri, []).append(entity)
        for iri, group in by_iri.items():
            # Two article-local entities whose names differ only in case or punctuation
            # ("MNSure", "MNsure") are one thing: describe it once, with every alias.
            node = NamedNode(iri)
            main = max(group, key=lambda entity: len(entity.label))
            linked = next((self.links.kb[entity.key] for entity in group if entity.key in self.links.kb), None)
            subtype = next((entity.subtype for entity in group if entity.subtype), None)
            aliases = {alias for entity in group for alias in (entity.label, *entity.aliases)}
            label = main.label
            if linked is not None:
                label, subtype = linked.entry.name, linked.entry.subtype or subtype
            merged = Entity(main.key, label, main.type, subtype, tuple(sorted(aliases)))
            for entity in group:
                self.entities[entity.key] = (node, merged)
            self.first_time(node)
            self.add_entity(node, merged)
            if linked is not None:
                self.add_kb_link(node, linked.entry)

    def add_entity(self, node: NamedNode, entity: Entity) -> None:
        self.add(node, _V.type, _ENTITY_CLASSES[entity.type])
        if entity.subtype:
            refines, class_iri = subtype_classes().get(entity.subtype, (None, ""))
            if refines != entity.type:
                raise GraphError(
                    f"{self.where}: entity {entity.label!r}: subtype {entity.subtype!r} is not a kind of "
                    f"{entity.type} in the ontology (known: {', '.join(sorted(subtype_classes()))})"
                )
            self.add(node, _V.type, NamedNode(class_iri))
        self.add(node, _V.label, Literal(entity.label))
        for alias in entity.aliases:
            if alias != entity.label:
                self.add(node, _V.alt_label, Literal(alias))
        self.add(self.node, _V.mentions, node)

    def add_kb_link(self, node: NamedNode, entry: KBEntry) -> None:
        self.add(node, _V.kb_id, Literal(entry.id))
        if entry.wikidata:
            self.add(node, _V.same_as, _node(WD[entry.wikidata]))

    def entity(self, key: str, what: str) -> tuple[NamedNode, Entity]:
        try:
            return self.entities[key]
        except KeyError:
            raise GraphError(f"{self.where}: {what} refers to entity {key!r}, which the extraction lacks") from None

    def add_mentions(self) -> None:
        linked: dict[NamedNode, NamedNode] = {}
        for mention in self.extraction.mentions:
            what = f"mention {mention.text!r} at {mention.start}"
            entity, _ = self.entity(mention.entity, what)
            node = NamedNode(iris.string_iri(self.article_iri, mention.start, mention.end))
            if linked.setdefault(node, entity) != entity:
                raise GraphError(f"{self.where}: {what} is linked to two entities")
            self.add_string(node, _V.Phrase, mention.start, mention.end)
            self.add(node, _V.sentence, self.sentence(mention.sentence, what))
            self.add(node, _V.ta_ident_ref, entity)
            self.mentioned.add((entity, mention.sentence))

    def add_metadata_agents(self) -> None:
        """Author and publisher from the article's metadata, joined to a same-named entity."""
        properties = relation_properties()
        for metadata in METADATA_RELATIONS:
            name = getattr(self.article, metadata.field)
            if name:
                predicate = NamedNode(properties[metadata.field])
                self.state(self.node, predicate, self.named_entity(name, metadata.type, metadata.subtype))

    def named_entity(self, name: str, entity_type: str, subtype: str | None) -> NamedNode:
        wanted = name.casefold()
        for node, entity in self.entities.values():
            if entity.type == entity_type and any(alias.casefold() == wanted for alias in (entity.label, *entity.aliases)):
                return node
        entity = Entity(key="", label=name, type=entity_type, subtype=subtype, aliases=(name,))
        node = NamedNode(own_iri(entity, self.article.id))
        if self.first_time(node):
            self.add_entity(node, entity)
        return node

    def from_metadata(self, fact: Fact, obj: NamedNode) -> bool:
        """True for an author/publisher fact the article's metadata gives and its sentence
        does not state (the adapter files those under sentence 0, which names no one)."""
        return (
            fact.subject is None
            and any(fact.relation == metadata.field and getattr(self.article, metadata.field)
                    for metadata in METADATA_RELATIONS)
            and (obj, fact.sentence) not in self.mentioned
        )

    # facts

    def add_facts(self) -> None:
        # A fact is stated once per article: the most confident (then earliest) occurrence.
        chosen: dict[str, tuple[Fact, NamedNode, NamedNode]] = {}
        for number, fact in enumerate(self.extraction.facts):
            what = f"fact {number} ({fact.relation})"
            self.sentence(fact.sentence, what)
            subject = self.node if fact.subject is None else self.entity(fact.subject, what)[0]
            obj = self.fact_object(fact, subject, what)
            iri = iris.fact_iri(subject.value, fact.relation, obj.value, fact.qualifier, fact.negated)
            if iri not in chosen or fact.confidence > chosen[iri][0].confidence:
                chosen[iri] = (fact, subject, obj)
        properties = relation_properties()
        for iri, (fact, subject, obj) in chosen.items():
            self.add_fact(NamedNode(iri), fact, subject, obj, properties.get(fact.relation))
            if not fact.negated:
                self.listed[fact.relation] += 1

    def fact_object(self, fact: Fact, subject: NamedNode, what: str) -> NamedNode:
        if fact.object_type == "Position":
            return self.position(fact, what)
        if fact.object_type in _TEXT_OBJECTS:
            return self.text_object(fact, subject, what)
        if fact.object is None:
            raise GraphError(f"{self.where}: {what}: {fact.object_type} object without an entity")
        return self.entity(fact.object, what)[0]

    def position(self, fact: Fact, what: str) -> NamedNode:
        if not fact.role:
            raise GraphError(f"{self.where}: {what}: a position needs a role")
        role_of = self.entity(fact.role_of, what) if fact.role_of is not None else None
        node = NamedNode(iris.position_iri(fact.role, role_of[0].value if role_of else None))
        if self.first_time(node):
            label = fact.object_text or (f"{fact.role} of {role_of[1].label}" if role_of else fact.role)
            role = NamedNode(iris.role_iri(fact.role))
            self.add(node, _V.type, _V.Position)
            self.add(node, _V.label, Literal(label))
            self.add(node, _V.role, role)
            if self.first_time(role):
                self.add(role, _V.type, _V.Role)
                self.add(role, _V.label, Literal(fact.role))
            if role_of:
                self.add(node, _V.role_of, role_of[0])
                if role_of[1].type == "Organization":
                    self.add(node, _V.post_in, role_of[0])
        return node

    def text_object(self, fact: Fact, subject: NamedNode, what: str) -> NamedNode:
        text = fact.object_text
        if text is None and fact.object_start is not None and fact.object_end is not None:
            text = self.article.text[fact.object_start : fact.object_end]
        if not text or not text.strip():
            raise GraphError(f"{self.where}: {what}: a {fact.object_type} object needs its text")
        kind, mint = _TEXT_OBJECTS[fact.object_type]
        node = NamedNode(mint(subject.value, text))
        if self.first_time(node):
            self.add(node, _V.type, kind)
            self.add(node, _V.text, Literal(text))
            if kind is _V.Quote:
                self.add(node, _V.quote_kind, Literal(fact.kind or "direct"))
            if fact.object_start is not None and fact.object_end is not None:
                self.add(node, _V.begin, _offset(fact.object_start))
                self.add(node, _V.end, _offset(fact.object_end))
                self.add(node, _V.reference_context, self.context)
        return node

    def add_fact(self, node: NamedNode, fact: Fact, subject: NamedNode, obj: NamedNode, direct: str | None) -> None:
        add = self.add
        add(node, _V.type, _V.Fact)
        add(node, _V.subject, subject)
        add(node, _V.relation, Literal(fact.relation))
        add(node, _V.object, obj)
        if direct is None:
            add(node, _V.type, _V.Event)
        else:
            direct_node = NamedNode(direct)
            add(node, _V.direct_property, direct_node)
            if not fact.negated and not fact.qualifier:
                self.state(subject, direct_node, obj)
        add(node, _V.derived_from, self.node if self.from_metadata(fact, obj) else self.sentences[fact.sentence])
        add(node, _V.generated_by, self.run_node)
        add(node, _V.confidence, Literal(f"{fact.confidence:.3f}".rstrip("0").rstrip("."), datatype=_V.xsd_decimal))
        add(node, _V.negated, Literal(fact.negated))
        if fact.qualifier:
            add(node, _V.qualifier, Literal(fact.qualifier))
        if fact.relation == "holds_position" and fact.subject in self.links.kb and fact.role:
            entry = self.links.kb[fact.subject].entry
            term = terms_covering(entry, fact.role, self.article.date, fact.qualifier)
            if term is not None:
                add(node, _V.term, NamedNode(kb_term_iri(entry, term)))
        if fact.date:
            literal, precision = _date_literal(fact.date, self.where)
            add(node, _V.fact_date, literal)
            if precision:
                add(node, _V.date_precision, Literal(precision))

    # provenance

    def add_provenance(self) -> None:
        add, run = self.add, self.run
        model = self.extraction.model
        extraction = NamedNode(iris.extraction_iri(self.article.id))
        agent = NamedNode(iris.agent_iri(run.kgnews_version, model))
        started = Literal(run.started.isoformat(), datatype=_V.xsd_date_time)
        add(self.node, _V.extraction, extraction)
        add(extraction, _V.type, _V.Extraction)
        add(extraction, _V.generated_by, self.run_node)
        add(extraction, _V.generated_at, started)
        add(extraction, _V.derived_from, self.node)
        add(extraction, _V.attributed_to, agent)
        add(self.run_node, _V.type, _V.IngestRun)
        add(self.run_node, _V.started_at, started)
        add(self.run_node, _V.associated_with, agent)
        add(self.run_node, _V.used, self.node)
        add(agent, _V.type, _V.SoftwareAgent)
        add(agent, _V.label, Literal(f"kgnews {run.kgnews_version}" + (f" with {model}" if model else "")))
        add(agent, _V.software_version, Literal(run.kgnews_version))
        if model:
            add(agent, _V.model_name, Literal(model))


def article_quads(
    extraction: Extraction, *, run: ProvenanceRun | None = None, links: ArticleLinks | None = None
) -> list[Quad]:
    """All quads of the article's named graph (graph name = article IRI kgr:article/<id>).

    `links` (from `kgnews.graph.linking.link_article`) gives each entity's IRI; without it,
    entities are named by their names alone.
    Raises GraphError when the extraction refers to sentences or entities it lacks, gives a
    position without a role, a subtype the ontology does not declare, or a malformed date.
    """
    return _ArticleGraph(extraction, run or ProvenanceRun(), links).build()


def kb_term_iri(entry: KBEntry, post: Post) -> str:
    return iris.kb_fact_iri(entry.id, "holds_position", post.role, post.role_of, post.start, post.as_of)


def kb_graphs(links: Iterable[KBLink], body_iri: Callable[[str], str | None] = lambda _name: None) -> dict[str, list[Quad]]:
    """One named graph per linked KB entry: what the KB says about it, with provenance.

    The entity (its KB IRI) with its type, the KB's names, kgo:kbId and owl:sameAs its
    Wikidata item; each post and membership as a kgo:Fact with schema:startDate/endDate,
    derived from the kgo:KnowledgeBase (name, version, source, licence). `body_iri` gives
    the IRI of the KB entry of an organisation's name, so posts point at linked bodies.
    """
    graphs: dict[str, list[Quad]] = {}
    for link in links:
        entry = link.entry
        graph = NamedNode(iris.kb_graph_iri(entry.source.name, entry.id))
        if graph.value in graphs:
            continue
        quads: list[Quad] = []

        def add(subject: NamedNode, predicate: NamedNode, obj: NamedNode | Literal) -> None:
            quads.append(Quad(subject, predicate, obj, graph))

        source = NamedNode(iris.kb_source_iri(entry.source.name, entry.source.version))
        add(source, _V.type, _V.KnowledgeBase)
        add(source, _V.label, Literal(entry.source.name))
        add(source, _V.version, Literal(entry.source.version))
        if entry.source.source:
            add(source, _V.dct_source, Literal(entry.source.source))
        if entry.source.licence:
            add(source, _V.dct_license, Literal(entry.source.licence))
        add(graph, _V.derived_from, source)
        node = NamedNode(link.iri)
        add(node, _V.type, _ENTITY_CLASSES[entry.type])
        if entry.subtype in subtype_classes():
            add(node, _V.type, NamedNode(subtype_classes()[entry.subtype][1]))
        add(node, _V.label, Literal(entry.name))
        add(node, _V.pref_label, Literal(entry.name))
        for alias in set(entry.aliases) - {entry.name}:
            add(node, _V.alt_label, Literal(alias))
        add(node, _V.kb_id, Literal(entry.id))
        if entry.wikidata:
            add(node, _V.same_as, _node(WD[entry.wikidata]))
        described: set[NamedNode] = set()

        def body(name: str, default_type: str) -> NamedNode:
            """The node of a post's or membership's organisation or place, described once."""
            found = body_iri(name)
            body_type = "Organization" if found else default_type
            body_node = NamedNode(found or iris.entity_iri(body_type, name))
            if body_node not in described:
                described.add(body_node)
                add(body_node, _V.type, _ENTITY_CLASSES[body_type])
                add(body_node, _V.label, Literal(name))
            return body_node

        for post in entry.posts:
            organisation = body(post.role_of, "Place") if post.role_of else None
            position = NamedNode(iris.position_iri(post.role, organisation.value if organisation else None))
            role = NamedNode(iris.role_iri(post.role))
            if position not in described:
                described.add(position)
                add(position, _V.type, _V.Position)
                add(position, _V.label, Literal(f"{post.role} of {post.role_of}" if post.role_of else post.role))
                add(position, _V.role, role)
                if organisation:
                    add(position, _V.role_of, organisation)
            if role not in described:
                described.add(role)
                add(role, _V.type, _V.Role)
                add(role, _V.label, Literal(post.role))
            fact = NamedNode(kb_term_iri(entry, post))
            _kb_fact(add, fact, node, "holds_position", position, post.start, post.end, post.as_of, source)
        for membership in entry.memberships:
            fact = NamedNode(iris.kb_fact_iri(entry.id, "member_of", membership.organization, membership.start,
                                              membership.as_of))
            _kb_fact(add, fact, node, "member_of", body(membership.organization, "Organization"), membership.start,
                     membership.end, membership.as_of, source)
        graphs[graph.value] = quads
    return graphs


def _kb_fact(add, fact: NamedNode, subject: NamedNode, relation: str, obj: NamedNode, start: str | None,
             end: str | None, as_of: str | None, source: NamedNode) -> None:
    add(fact, _V.type, _V.KBFact)
    add(fact, _V.subject, subject)
    add(fact, _V.relation, Literal(relation))
    add(fact, _V.object, obj)
    add(fact, _V.derived_from, source)
    for predicate, value in ((_V.start_date, start), (_V.end_date, end), (_V.fact_date, as_of)):
        if value:
            add(fact, predicate, Literal(value, datatype=_V.xsd_date))


class GraphStore(SelectStore, Protocol):
    def graphs_with_data(self, iris: Iterable[str]) -> set[str]: ...


@dataclass(frozen=True)
class BuiltArticle:
    """One article's graph, its fact-count graph (kgnews.graph.fact_counts: counted where the
    graph is built, so a parent writing what workers built only writes), and the KB entries
    its entities are linked to (for `kb_graphs`). Without `counts` (a graph `analyse` writes
    out, to be counted when it is loaded) it has no fact counts, and a worker sends no
    counted quads with it."""

    quads: list[Quad] | NQuadsGraph  # as text when sent back by a worker process
    fact_counts: list[Quad]
    kb_links: tuple[KBLink, ...] = ()
    counts: bool = True

    def __reduce__(self) -> tuple[Callable[..., BuiltArticle], tuple[bytes, int, int, int, tuple[KBLink, ...], bool]]:
        # Sent back by a worker process: pyoxigraph pickles quads one term at a time, about 30
        # times slower than its N-Quads writer and parser (the builder makes no blank nodes).
        # One text: the article graph, which the parent writes as it is (NQuadsGraph), then
        # the quads of it the entity counts read and the fact counts, which it parses.
        counted = entity_counts.counted_quads(self.quads) if self.counts else []
        parts = [serialize(quads, None, RdfFormat.N_QUADS) for quads in (self.quads, counted, self.fact_counts)]
        return _built_from_nquads, (b"".join(parts), len(parts[0]), len(parts[0]) + len(parts[1]), len(self.quads),
                                    self.kb_links, self.counts)


def _built_from_nquads(text: bytes, graph_end: int, counted_end: int, length: int,
                       kb_links: tuple[KBLink, ...], counts: bool = True) -> BuiltArticle:
    counted = list(parse(text[graph_end:counted_end], RdfFormat.N_QUADS))
    return BuiltArticle(NQuadsGraph(text[:graph_end], length, counted),
                        list(parse(text[counted_end:], RdfFormat.N_QUADS)), kb_links, counts)


def build_article(extraction: Extraction, run: ProvenanceRun, kb: KBIndex | None, *, counts: bool = True) -> BuiltArticle:
    """An article's graph with its entities linked to the KB `kb` (when given), counted when
    `counts` (see BuiltArticle). It depends on the article and the KB alone
    (kgnews.graph.linking), so it can be built wherever the article is analysed."""
    if kb is None:
        kb_links: dict[str, KBLink] = {}
        links = link_article(extraction)
    else:
        kb_links, kb_unlinked = link_entities(extraction, kb)
        links = link_article(extraction, kb_links, kb_unlinked, kb.entry_of_iri)
    graph = _ArticleGraph(extraction, run, links)
    quads = graph.build()
    counted = fact_counts.counts_graph(graph.article_iri, graph.listed) if counts else []
    return BuiltArticle(quads, counted, tuple(kb_links.values()), counts)


def _linking_index(kb: KnowledgeBase | None) -> KBIndex | None:
    """The index entities are linked against, or None when there is no KB to link to."""
    return kb_index(kb) if kb is not None and len(kb) else None


@dataclass(frozen=True)
class ArticleGraphMaker:
    """`build_article` for one run, as a small picklable callable: it travels with the
    analysis tasks to worker processes and Dask workers, and each reads the KB files once
    (`KBFiles.load` and `kb_index` keep what they read per process). Without `counts`, for
    `analyse`, the graphs are not counted (see BuiltArticle)."""

    run: ProvenanceRun
    kb_files: KBFiles | None = None
    counts: bool = True

    def __call__(self, extraction: Extraction) -> BuiltArticle:
        kb = self.kb_files.load() if self.kb_files is not None else None
        return build_article(extraction, self.run, _linking_index(kb), counts=self.counts)


class GraphBuilder:
    """Article graphs for one ingest, their entities linked to a knowledge base (when given),
    and the KB graphs of the entries they link to, each given once. What the store holds
    does not change an article's graph (kgnews.graph.linking); it only saves writing a KB
    graph again."""

    def __init__(
        self,
        run: ProvenanceRun | None = None,
        kb: KnowledgeBase | None = None,
        held: Callable[[list[str]], set[str]] = lambda _iris: set(),
    ) -> None:
        self.run = run or ProvenanceRun()
        self.kb: KBIndex | None = _linking_index(kb)
        self.kb_links: list[KBLink] = []  # of the articles built since `take_kb_graphs`
        self.held = held  # which of some graphs the store holds already
        self.kb_graphs_given: set[str] = set()

    @classmethod
    def for_store(
        cls, store: GraphStore, run: ProvenanceRun | None = None, kb: KnowledgeBase | None = None
    ) -> GraphBuilder:
        """A builder linking to `kb` that writes only the KB graphs `store` lacks."""
        return cls(run, kb, store.graphs_with_data)

    def article_quads(self, extraction: Extraction) -> list[Quad]:
        """As `article_quads`, with the entities linked to the KB."""
        return self.add(build_article(extraction, self.run, self.kb))

    def add(self, built: BuiltArticle) -> list[Quad]:
        """The quads of an article built elsewhere (`ArticleGraphMaker`), its KB links noted."""
        self.kb_links.extend(built.kb_links)
        return built.quads

    def take_kb_graphs(self) -> dict[str, list[Quad]]:
        """The KB graphs of the entries linked since the last call (see `kb_graphs`) that
        neither the store nor an earlier call has: each is written once."""
        links, self.kb_links = self.kb_links, []
        if self.kb is None:
            return {}
        graphs = kb_graphs(_new_links(links, self._given_or_held), self.kb.organization_iri)
        self.kb_graphs_given.update(graphs)
        return graphs

    def _given_or_held(self, graphs: list[str]) -> set[str]:
        """Those of `graphs` an earlier call gave or the store holds (the store asked about the others only)."""
        given = self.kb_graphs_given.intersection(graphs)
        return given | self.held([graph for graph in graphs if graph not in given])


def _new_links(links: Iterable[KBLink], held: Callable[[list[str]], set[str]]) -> list[KBLink]:
    """One link per KB entry whose graph is not among those `held` (asked once for them all)."""
    by_graph: dict[str, KBLink] = {}
    for link in links:
        by_graph.setdefault(iris.kb_graph_iri(link.entry.source.name, link.entry.id), link)
    known = held(list(by_graph)) if by_graph else set()
    return [link for graph, link in by_graph.items() if graph not in known]


def missing_kb_graphs(
    linked: Iterable[tuple[str, KBEntry]], kb: KnowledgeBase, held: Callable[[list[str]], set[str]]
) -> dict[str, list[Quad]]:
    """The KB graphs of (entity IRI, KB entry) links whose graph is not among those `held` (for graphs
    built elsewhere, as by `kgnews analyse`, and loaded)."""
    links = [KBLink(entry, iri) for iri, entry in linked]
    return kb_graphs(_new_links(links, held), kb_index(kb).organization_iri) if links else {}

