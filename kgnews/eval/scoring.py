"""Score predicted entities and facts against a gold article, by the rules of docs/facts.md.

Everything here is a pure function of plain data: a gold line (dict, as in the gold JSONL),
the predicted `entities` and `facts` view records of that article (dicts, as docs/facts.md
describes them) and, optionally, the article text (to show where a missed fact was).

Choices where docs/facts.md leaves room, applied the same way everywhere:

- Normalising a name or text: lower-case, dashes become spaces, all other punctuation
  (Unicode category P: straight and curly quotes, periods, ...) is dropped, whitespace is
  collapsed and a leading "the" is dropped. "U.S." and "US" both become "us".
- Gold names: a name used in a gold fact (subject, object, `role_of`) stands for the gold
  entity (or `implicit` entry) that has it as `name` or alias, so every alias of that entity
  is accepted; a name found nowhere in the gold line is accepted only as itself.
- Predicted names: a predicted fact's subject (object, `role_of`) matches a gold entity when
  its text equals one of the gold entity's names, or when the predicted entity it points to
  (`subject_iri`/`object_iri`, or a predicted entity with that label) *resolves* to it. A
  predicted entity resolves to the one gold entity that any of its names (label and
  aliases) match; when its names match several gold entities (a merge) it resolves to the
  one its label matches, if any. So a good alias list is credited even when the label is a
  form the annotators did not list, while a merged entity is credited for one gold entity
  only (the merge itself is reported under entities).
- `holds_position`: the last word of a gold role (any of a list) must be a word of the
  predicted `role` (only `role`: the post's label in `object` is not read); a gold
  `role_of` (any of a list) must match the predicted `role_of` as a name; no gold
  `role_of` means any predicted `role_of` is accepted.
- `said`: the kind of the quote is not compared (docs/facts.md names relation, subject and
  object only), so a reported-speech fact (`kind: "indirect"`) is matched by its words like
  a direct quote, and both count in the quotes family. Words are counted with repeats:
  at least 60% of the gold quote's words must occur in the predicted quote, which may have
  at most twice as many words.
- Verb-lemma facts: the relation (the lemma) must be equal; the object matches when the
  gold object's last word is a word of the predicted object, or, when the gold object
  names a gold entity, when the predicted object matches that entity as a name.
- `author` / `publisher` facts have the article as subject; they are scored in their own
  family "bylines", matching on the object name only.
- Each gold fact and each predicted fact takes part in at most one match; the matching is
  a maximum one-to-one matching per family, so the result does not depend on order. A
  repeated prediction of one gold fact counts once as matched and then as false positive.
- Entities: a gold entity is found when a predicted entity of the same type resolves to
  it. It is split when its names occur among the names (label and aliases) of more than
  one predicted entity, and merged when a predicted entity's names include names of
  another gold entity too. A name that two gold entities share is not used as evidence of
  a split or merge. A predicted entity is `correct` when it resolves to a gold entity of
  its type; each part of a split entity is correct (the split is counted on its own). `implicit` entries serve name matching only: they are neither gold
  entities nor counted against predicted entities that resolve to them.
- Identity across articles (over all articles scored together): a gold entity is known
  by its canonical `name` in every gold file. Where it is found (as above) in two or more
  articles, it is *linked* when one predicted IRI holds it in all of them (an article
  that splits it counts when one of its parts is that IRI). Two different gold entities
  that predicted entities resolving to them share an IRI for, in any articles, are a
  *merged pair*. The entity views fold sameAs clusters into one IRI, so a cluster counts
  as one predicted entity.
- Scores are micro-averaged; a ratio with a zero denominator is 0.0 (a family with
  neither gold nor predicted facts is shown as "-" by the printer).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import networkx as nx

from kgnews.normalise import dashes_to_spaces, name_key

T = TypeVar("T")
U = TypeVar("U")

FAMILIES: tuple[str, ...] = ("positions", "affiliations", "quotes", "places", "events", "bylines")

_FAMILY_OF_RELATION = {
    "holds_position": "positions",
    "member_of": "affiliations",
    "works_for": "affiliations",
    "represents": "affiliations",
    "said": "quotes",
    "located_in": "places",
    "lives_in": "places",
    "author": "bylines",
    "publisher": "bylines",
}
ARTICLE_SUBJECT_RELATIONS = frozenset({"author", "publisher"})

# Quote coverage rule as integer ratios, so 60% is exact: covered/gold >= 3/5, pred/gold <= 2.
_MIN_QUOTE_COVERAGE = (3, 5)
_MAX_QUOTE_LENGTH_FACTOR = 2


def family_of(relation: str) -> str:
    """The scoring family of a relation; every verb lemma is an event."""
    return _FAMILY_OF_RELATION.get(relation, "events")


def text_words(text: str | None) -> list[str]:
    """Lower-cased words of `text`, punctuation dropped (dashes separate words)."""
    if not text:
        return []
    kept = []
    for char in text.lower():
        category = unicodedata.category(char)
        if category == "Pd":
            kept.append(" ")
        elif not category.startswith("P"):
            kept.append(char)
    return "".join(kept).split()


def normalise(name: str | None) -> str:
    """The form names are compared in: `kgnews.normalise.name_key`, with dashes as word
    breaks because names are also looked up inside sentences ("Minnesota-based")."""
    return name_key(dashes_to_spaces(name)) if name else ""


def role_matches(gold_role: str | Sequence[str], predicted_role: str | None) -> bool:
    """True when the last word of the gold role (any of a list) is a word of the prediction."""
    predicted_words = set(text_words(predicted_role))
    return any(
        (words := text_words(role)) and words[-1] in predicted_words for role in as_list(gold_role)
    )


def quote_matches(gold_quote: str, predicted_quote: str | None) -> bool:
    """True when the prediction covers >= 60% of the gold words and is at most twice as long."""
    gold_words = Counter(text_words(gold_quote))
    predicted_words = Counter(text_words(predicted_quote))
    gold_length = sum(gold_words.values())
    predicted_length = sum(predicted_words.values())
    if not gold_length or predicted_length > _MAX_QUOTE_LENGTH_FACTOR * gold_length:
        return False
    covered = sum((gold_words & predicted_words).values())
    numerator, denominator = _MIN_QUOTE_COVERAGE
    return covered * denominator >= gold_length * numerator


def phrase_matches(gold_phrase: str, predicted_phrase: str | None) -> bool:
    """Verb-lemma object rule: the gold phrase's last word is a word of the prediction."""
    gold_words = text_words(gold_phrase)
    return bool(gold_words) and gold_words[-1] in text_words(predicted_phrase)


def as_list(value: str | Sequence[str] | None) -> list[str]:
    """A gold field that may be one value or a list of acceptable ones, as a list."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


# --- report ---------------------------------------------------------------------------


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


@dataclass
class Counts:
    """Gold, predicted and matched counts of one family, with micro P/R/F1."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return _ratio(self.matched, self.predicted)

    @property
    def recall(self) -> float:
        return _ratio(self.matched, self.gold)

    @property
    def f1(self) -> float:
        return _ratio(2 * self.matched, self.gold + self.predicted)

    def add(self, other: Counts) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.matched += other.matched

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class EntityCounts:
    """Entity figures: `found` gold entities, `correct` predicted ones, splits and merges."""

    gold: int = 0
    predicted: int = 0
    found: int = 0
    correct: int = 0
    split: int = 0
    merged: int = 0
    splits: list[dict[str, Any]] = field(default_factory=list)  # {"article", "gold", "iris"}
    merges: list[dict[str, Any]] = field(default_factory=list)  # {"article", "iri", "gold"}

    @property
    def precision(self) -> float:
        return _ratio(self.correct, self.predicted)

    @property
    def recall(self) -> float:
        return _ratio(self.found, self.gold)

    @property
    def f1(self) -> float:
        precision, recall = self.precision, self.recall
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def add(self, other: EntityCounts) -> None:
        for name in ("gold", "predicted", "found", "correct", "split", "merged"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.splits.extend(other.splits)
        self.merges.extend(other.merges)

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "found": self.found,
            "correct": self.correct,
            "split": self.split,
            "merged": self.merged,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "splits": self.splits,
            "merges": self.merges,
        }


@dataclass
class IdentityCounts:
    """Corpus-level identity: gold entities found in 2+ articles, how many are linked, merged pairs."""

    gold: int = 0
    linked: int = 0
    unlinked: list[dict[str, Any]] = field(default_factory=list)  # {"gold", "iris": {article: [iri]}}
    merges: list[dict[str, Any]] = field(default_factory=list)  # {"gold": [a, b], "iri", "articles"}

    @property
    def linked_share(self) -> float:
        return _ratio(self.linked, self.gold)

    @property
    def merged(self) -> int:
        return len(self.merges)

    def to_dict(self) -> dict[str, Any]:
        return {"gold": self.gold, "linked": self.linked, "linked_share": round(self.linked_share, 4),
                "merged": self.merged, "unlinked": self.unlinked, "merges": self.merges}


def score_identity(articles: Sequence[ArticleReport]) -> IdentityCounts:
    """Linked share and merged pairs over the articles' `found` maps (see the module docstring)."""
    found_in: dict[str, dict[str, list[str]]] = {}
    names_of_iri: dict[str, dict[str, set[str]]] = {}
    for article in articles:
        for gold_name, iris in article.found.items():
            found_in.setdefault(gold_name, {})[article.article] = iris
            for iri in iris:
                names_of_iri.setdefault(iri, {}).setdefault(gold_name, set()).add(article.article)
    counts = IdentityCounts()
    for gold_name, by_article in sorted(found_in.items()):
        if len(by_article) < 2:
            continue
        counts.gold += 1
        if set.intersection(*(set(iris) for iris in by_article.values())):
            counts.linked += 1
        else:
            counts.unlinked.append({"gold": gold_name, "iris": dict(sorted(by_article.items()))})
    for iri, names in sorted(names_of_iri.items()):
        ordered = sorted(names)
        for index, first in enumerate(ordered):
            for second in ordered[index + 1:]:
                counts.merges.append({"gold": [first, second], "iri": iri,
                                      "articles": sorted(names[first] | names[second])})
    return counts


@dataclass(frozen=True)
class FactIssue:
    """A gold fact that was missed, or a predicted fact that matched no gold fact."""

    article: str
    family: str
    fact: Mapping[str, Any]
    sentence: str | None  # the sentence that (most likely) holds it, when known

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "family": self.family, "fact": dict(self.fact), "sentence": self.sentence}


@dataclass
class ArticleReport:
    article: str
    families: dict[str, Counts]
    entities: EntityCounts
    misses: list[FactIssue]
    false_positives: list[FactIssue]
    found: dict[str, list[str]] = field(default_factory=dict)  # gold name -> IRIs of predicted entities resolving to it

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "families": {name: counts.to_dict() for name, counts in self.families.items()},
            "entities": self.entities.to_dict(),
            "misses": [issue.to_dict() for issue in self.misses],
            "false_positives": [issue.to_dict() for issue in self.false_positives],
        }


@dataclass
class EvalReport:
    """Per-article reports and their micro-averaged totals."""

    articles: list[ArticleReport]
    families: dict[str, Counts]
    entities: EntityCounts
    model: str = ""
    identity: IdentityCounts = field(default_factory=IdentityCounts)

    @property
    def all_facts(self) -> Counts:
        """All families together (micro average over every fact)."""
        total = Counts()
        for counts in self.families.values():
            total.add(counts)
        return total

    @property
    def misses(self) -> list[FactIssue]:
        return [issue for article in self.articles for issue in article.misses]

    @property
    def false_positives(self) -> list[FactIssue]:
        return [issue for article in self.articles for issue in article.false_positives]

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "families": {name: counts.to_dict() for name, counts in self.families.items()},
            "all_facts": self.all_facts.to_dict(),
            "entities": self.entities.to_dict(),
            "identity": self.identity.to_dict(),
            "articles": [article.to_dict() for article in self.articles],
        }


def combine(articles: Sequence[ArticleReport], model: str = "") -> EvalReport:
    """Sum per-article counts into one report (micro averages over all articles)."""
    families = {name: Counts() for name in FAMILIES}
    entities = EntityCounts()
    for article in articles:
        for name, counts in article.families.items():
            families[name].add(counts)
        entities.add(article.entities)
    return EvalReport(articles=list(articles), families=families, entities=entities, model=model,
                      identity=score_identity(articles))


# --- names ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _GoldEntity:
    name: str
    type: str | None
    names: frozenset[str]  # normalised name and aliases
    source: str  # "entities", "implicit", or "unlisted" (a fact's name no entry lists)

    @property
    def scored(self) -> bool:
        return self.source == "entities"


class _Names:
    """Name matching between one gold article and its predicted entities."""

    def __init__(self, gold: Mapping[str, Any], entities: Sequence[Mapping[str, Any]]) -> None:
        self.gold_entities = [_gold_entity(entry, "entities") for entry in gold.get("entities", [])]
        self.implicit = [_gold_entity(entry, "implicit") for entry in gold.get("implicit", [])]
        owners: dict[str, set[int]] = {}
        for index, entity in enumerate(self.gold_entities):
            for name in entity.names:
                owners.setdefault(name, set()).add(index)
        # Names of exactly one scored gold entity: the only evidence for splits and merges.
        self.unique_owner = {name: next(iter(ids)) for name, ids in owners.items() if len(ids) == 1}
        self.predicted = list(entities)
        self.resolved: dict[str, _GoldEntity | None] = {
            entity["iri"]: self._resolve(entity) for entity in self.predicted
        }
        self.by_label: dict[str, list[str]] = {}
        for entity in self.predicted:
            self.by_label.setdefault(normalise(entity.get("label")), []).append(entity["iri"])

    def gold(self, name: str) -> _GoldEntity:
        """The gold entity (or implicit entry) a gold fact means by `name`."""
        key = normalise(name)
        candidates = self.gold_entities + self.implicit
        for entity in candidates:
            if normalise(entity.name) == key:
                return entity
        for entity in candidates:
            if key in entity.names:
                return entity
        return _GoldEntity(name=name, type=None, names=frozenset({key}), source="unlisted")

    def matches(self, predicted_name: str | None, predicted_iri: str | None, gold: _GoldEntity) -> bool:
        """Does a predicted fact's name (and the entity it points to) match a gold entity?"""
        key = normalise(predicted_name)
        if key and key in gold.names:
            return True
        iris = [predicted_iri] if predicted_iri else self.by_label.get(key, [])
        return any(self.resolved.get(iri) == gold for iri in iris)

    def _resolve(self, entity: Mapping[str, Any]) -> _GoldEntity | None:
        names = _predicted_names(entity)
        candidates = [gold for gold in self.gold_entities + self.implicit if gold.names & names]
        if len(candidates) == 1:
            return candidates[0]
        label = normalise(entity.get("label"))
        by_label = [gold for gold in candidates if label in gold.names]
        return by_label[0] if len(by_label) == 1 else None


def _gold_entity(entry: Mapping[str, Any], source: str) -> _GoldEntity:
    names = {normalise(entry["name"])} | {normalise(alias) for alias in entry.get("aliases", [])}
    return _GoldEntity(name=entry["name"], type=entry.get("type"), names=frozenset(names - {""}), source=source)


def _predicted_names(entity: Mapping[str, Any]) -> frozenset[str]:
    names = {normalise(entity.get("label"))} | {normalise(alias) for alias in entity.get("aliases") or []}
    return frozenset(names - {""})


# --- facts ----------------------------------------------------------------------------


def _fact_matches(gold: Mapping[str, Any], predicted: Mapping[str, Any], names: _Names) -> bool:
    relation = gold["relation"]
    if predicted.get("relation", "").lower() != relation.lower():
        return False
    if relation not in ARTICLE_SUBJECT_RELATIONS and not names.matches(
        predicted.get("subject"), predicted.get("subject_iri"), names.gold(gold["subject"])
    ):
        return False
    if relation == "holds_position":
        if not role_matches(gold.get("role", []), predicted.get("role")):
            return False
        wanted = as_list(gold.get("role_of"))
        return not wanted or any(
            names.matches(predicted.get("role_of"), None, names.gold(role_of)) for role_of in wanted
        )
    if relation == "said":
        return quote_matches(gold["object"], predicted.get("object"))
    object_matches_entity = names.matches(
        predicted.get("object"), predicted.get("object_iri"), names.gold(gold["object"])
    )
    if family_of(relation) == "events":
        return object_matches_entity or phrase_matches(gold["object"], predicted.get("object"))
    return object_matches_entity


def max_matching(gold: Sequence[T], predicted: Sequence[U], matches: Callable[[T, U], bool]) -> dict[int, int]:
    """Maximum one-to-one matching of gold to predicted items: {gold index: predicted index}."""
    # Integer nodes (gold i is i, predicted j is len(gold) + j): networkx keeps them in sets,
    # and integers, unlike strings, hash the same in every run, so ties break the same way.
    offset = len(gold)
    graph = nx.Graph()
    graph.add_nodes_from(range(offset + len(predicted)))
    for gold_index, gold_item in enumerate(gold):
        for predicted_index, predicted_item in enumerate(predicted):
            if matches(gold_item, predicted_item):
                graph.add_edge(gold_index, offset + predicted_index)
    pairs = nx.bipartite.hopcroft_karp_matching(graph, top_nodes=range(offset))
    return {node: partner - offset for node, partner in pairs.items() if node < offset}


# --- entities -------------------------------------------------------------------------


def _found(names: _Names) -> dict[str, list[str]]:
    """Gold name -> IRIs of the predicted entities (of its type) that resolve to it."""
    found: dict[str, set[str]] = {}
    for entity in names.predicted:
        resolved = names.resolved[entity["iri"]]
        if resolved is not None and resolved.scored and resolved.type == entity.get("type"):
            found.setdefault(resolved.name, set()).add(entity["iri"])
    return {name: sorted(iris) for name, iris in found.items()}


def _score_entities(article: str, names: _Names) -> EntityCounts:
    counts = EntityCounts(gold=len(names.gold_entities))
    found: set[int] = set()
    iris_of_gold: dict[int, set[str]] = {}
    for entity in names.predicted:
        resolved = names.resolved[entity["iri"]]
        if resolved is not None and not resolved.scored:
            continue  # an implicit entity: not scored either way
        counts.predicted += 1
        if resolved is not None and resolved.type == entity.get("type"):
            counts.correct += 1
            found.add(names.gold_entities.index(resolved))
        owners = {names.unique_owner[name] for name in _predicted_names(entity) if name in names.unique_owner}
        for owner in owners:
            iris_of_gold.setdefault(owner, set()).add(entity["iri"])
        if len(owners) > 1:
            counts.merged += len(owners)
            counts.merges.append(
                {"article": article, "iri": entity["iri"], "gold": sorted(names.gold_entities[o].name for o in owners)}
            )
    counts.found = len(found)
    for owner, iris in sorted(iris_of_gold.items()):
        if len(iris) > 1:
            counts.split += 1
            counts.splits.append({"article": article, "gold": names.gold_entities[owner].name, "iris": sorted(iris)})
    return counts


# --- where a fact is ------------------------------------------------------------------

_BOUNDARY = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’']))[ \t]+(?=[\"“‘'(]?[A-Z])|\s*\n\s*")
# A period after a short capitalised word ("Gov.", "Sen.", "U.S.") rarely ends a sentence.
_ABBREVIATION_END = re.compile(r"(?:^|\s)[A-Z][A-Za-z.]{0,3}\.$")


def split_sentences(text: str) -> list[str]:
    """Rough sentence split of an article (lines, then sentence ends), to point at a fact."""
    sentences: list[str] = []
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        piece = text[start : boundary.start()].strip()
        if "\n" not in boundary.group() and _ABBREVIATION_END.search(piece):
            continue
        if piece:
            sentences.append(piece)
        start = boundary.end()
    if text[start:].strip():
        sentences.append(text[start:].strip())
    return sentences


def _locate(gold: Mapping[str, Any], sentences: Sequence[str], names: _Names) -> str | None:
    """The sentence most likely to state a gold fact: one naming its subject, then the one
    sharing most with the rest of it (its names, role, or the words of its text object)."""
    subject: frozenset[str] = frozenset()
    if gold["relation"] not in ARTICLE_SUBJECT_RELATIONS:
        subject = names.gold(gold["subject"]).names
    groups: list[frozenset[str]] = []  # a group counts once when any of its names occurs
    phrase: list[str] = []
    if gold["relation"] == "holds_position":
        groups.append(frozenset(text_words(role)[-1] for role in as_list(gold.get("role")) if text_words(role)))
        groups.append(frozenset().union(*(names.gold(role_of).names for role_of in as_list(gold.get("role_of")))))
    elif names.gold(gold["object"]).source != "unlisted":
        groups.append(names.gold(gold["object"]).names)
    else:
        phrase = text_words(gold["object"])
    best, best_score = None, (False, 0.0)
    for sentence in sentences:
        padded = f" {normalise(sentence)} "
        score = float(sum(_names_occur(group, padded) for group in groups))
        if phrase:
            score += sum(word in padded.split() for word in phrase) / len(phrase)
        candidate = (_names_occur(subject, padded), score)
        if candidate > best_score:
            best, best_score = sentence, candidate
    return best if sum(best_score) >= 1.0 else None


def _names_occur(names: Iterable[str], padded_text: str) -> bool:
    return any(f" {name} " in padded_text for name in names)


# --- entry point ----------------------------------------------------------------------


def score_article(
    gold: Mapping[str, Any],
    entities: Iterable[Mapping[str, Any]],
    facts: Iterable[Mapping[str, Any]],
    text: str | None = None,
) -> ArticleReport:
    """Score one article's predicted `entities`/`facts` view records against its gold line."""
    article = str(gold["id"])
    names = _Names(gold, list(entities))
    predicted_facts = list(facts)
    sentences = split_sentences(text) if text else []
    families: dict[str, Counts] = {}
    misses: list[FactIssue] = []
    false_positives: list[FactIssue] = []
    for family in FAMILIES:
        gold_facts = [fact for fact in gold.get("facts", []) if family_of(fact["relation"]) == family]
        family_predictions = [fact for fact in predicted_facts if family_of(fact.get("relation", "")) == family]
        pairs = max_matching(
            gold_facts, family_predictions, lambda gold_fact, fact: _fact_matches(gold_fact, fact, names)
        )
        families[family] = Counts(gold=len(gold_facts), predicted=len(family_predictions), matched=len(pairs))
        misses.extend(
            FactIssue(article, family, fact, _locate(fact, sentences, names))
            for index, fact in enumerate(gold_facts)
            if index not in pairs
        )
        matched_predictions = set(pairs.values())
        false_positives.extend(
            FactIssue(article, family, fact, fact.get("sentence"))
            for index, fact in enumerate(family_predictions)
            if index not in matched_predictions
        )
    return ArticleReport(
        article=article,
        families=families,
        entities=_score_entities(article, names),
        misses=misses,
        false_positives=false_positives,
        found=_found(names),
    )
