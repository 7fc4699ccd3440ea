"""Events: who did what to what, as verb-lemma relations over a parsed Doc.

An event is a verb with a named agent and a theme: "Kurt Daudt threatened to call for
Dayton's resignation" is (Kurt Daudt, threaten, "call for Dayton's resignation").
- The agent is the verb's subject, the "by" agent of a passive, or the doer inherited by a
  participle, infinitive or conjoined verb; it must be a named entity (a person,
  organisation, place or party), or a pronoun or relative pronoun that stands for one.
- The theme is the direct object (for a passive, its subject), else the infinitive the
  verb introduces ("agreed to support ..."), else the object of a theme preposition
  ("commented on party disparity"), else a clause complement; an entity when it is one,
  otherwise a short phrase.
- Aspectual verbs hand the event to their infinitive ("went on to start a law practice"
  is "start"). Copulas, light verbs without a theme, and "say" are no events; speech
  verbs give events only for a nominal object ("told the press"), their clauses being
  quotations.
- Negated actions are kept with `negated=True`; unrealised ones ("would drop", "failed to
  obtain") and actions inside quotations are left out.
The date is an explicit date of the sentence, else a relative one resolved against the
article date.
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from kgnews.nlp import gazetteers
from kgnews.nlp.extract import clauses
from kgnews.nlp.extract.coref import RELATIVE_PRONOUNS, is_agent_entity
from kgnews.nlp.extract.dates import DATE_LABELS, clause_date
from kgnews.nlp.extract.entities import LABEL_TYPES
from kgnews.nlp.extract.quotes import QuotationFinder


class Event(NamedTuple):
    agent: Span  # entity span
    relation: str  # the verb's lemma
    verb: Token
    object: Span  # entity span or phrase span
    object_type: str  # Person | Organization | Place | Phrase
    object_text: str | None  # the phrase when it is not the object span's text
    negated: bool
    date: str | None
    sentence: Span


@lru_cache(maxsize=None)
def _lemmas(name: str, column: str) -> frozenset[str]:
    return frozenset(row[column] for row in gazetteers.read_tsv(name))


def stop_lemmas() -> frozenset[str]:
    return _lemmas("event_stop_lemmas.tsv", "lemma")


def theme_prepositions() -> frozenset[str]:
    return _lemmas("object_prepositions.tsv", "preposition")


def negating_verbs() -> frozenset[str]:
    return _lemmas("negating_verbs.tsv", "lemma")


def _event_verb(token: Token) -> bool:
    """Whether `token` carries an event of its own (not handed to or from another verb)."""
    if token.pos_ != "VERB" or token.lemma_ in stop_lemmas() or token.lemma_ in negating_verbs():
        return False
    if clauses.is_transparent(token):
        return False
    return not clauses.is_infinitive_complement(token) or clauses.is_transparent(token.head)


def _realised(verb: Token) -> bool:
    """Not modal ("would drop"), no purpose infinitive ("has until May to release plans"),
    and not introduced by a modal aspectual verb ("would go on to ...")."""
    if clauses.is_infinitive_complement(verb):
        return not clauses.is_unrealised(verb.head)
    return not clauses.is_unrealised(verb) and not any(
        child.dep_ == "aux" and child.lower_ == "to" for child in verb.children
    )


def _negated(verb: Token) -> bool:
    return clauses.is_negated(verb) or (clauses.is_infinitive_complement(verb) and clauses.is_negated(verb.head))


def _theme(verb: Token) -> Token | None:
    """The token heading what `verb` acts on, or None."""
    children = list(verb.children)
    if clauses.is_passive(verb):
        return next((child for child in children if child.dep_ == "nsubjpass"), None)
    speech = verb.lemma_ in clauses.speech_verbs()
    by_dep = {}
    for child in children:
        by_dep.setdefault(child.dep_, child)
    if speech and "dative" in by_dep:
        return by_dep["dative"]
    if "dobj" in by_dep:
        return by_dep["dobj"]
    infinitive = clauses.infinitive_complement(verb)
    if infinitive is not None:
        return infinitive
    if "oprd" in by_dep:
        return by_dep["oprd"]
    for child in children:
        if child.dep_ == "prep" and child.i > verb.i and child.lower_ in theme_prepositions():
            pobj = next((grand for grand in child.children if grand.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    if not speech and "ccomp" in by_dep:
        return by_dep["ccomp"]
    return None


def _entity_type(ent: Span) -> str | None:
    if ent.label_ in LABEL_TYPES:
        return LABEL_TYPES[ent.label_]
    return "Organization" if is_agent_entity(ent) else None


class EventFinder:
    """Events of one Doc; shares the quotation spans and referents of a QuotationFinder."""

    def __init__(self, doc: Doc, quotations: QuotationFinder | None = None) -> None:
        self.doc = doc
        self.quotations = quotations or QuotationFinder.of(doc)
        self.referents = self.quotations.referents

    def _object(self, theme: Token) -> tuple[Span, str, str | None] | None:
        """(span, object type, phrase text or None) for the theme token.

        A theme inside a quotation must be the quotation itself ('noted his "strength"'),
        not a word within it; a pronoun theme counts when it stands for a person.
        """
        number = self.quotations.quotation_at[theme.i]
        if number >= 0 and self.quotations.quotation_at[theme.head.i] == number:
            return None
        ent = self.referents.entity(theme) if theme.pos_ == "PRON" else self._entity_rooted_at(theme)
        if theme.pos_ == "PRON" and ent is not None and ent.label_ != "PERSON":
            ent = None
        if ent is not None and (kind := _entity_type(ent)) is not None:
            return ent, kind, None
        if theme.pos_ == "PRON":
            if theme.lower_ in RELATIVE_PRONOUNS and theme.head.dep_ == "relcl":
                return self._object(theme.head.head)
            return None
        tokens = clauses.phrase_tokens(theme)
        if all(token.ent_type_ in DATE_LABELS for token in tokens):
            return None
        span = self.doc[tokens[0].i : tokens[-1].i + 1]
        text = clauses.tokens_text(tokens)
        return span, "Phrase", None if text == span.text else text

    def _entity_rooted_at(self, token: Token) -> Span | None:
        """The named entity whose root `token` is, if any."""
        ent = self.referents.named_entity(token)
        return ent if ent is not None and ent.root == token else None

    def events(self) -> Iterator[Event]:
        """Events in text order, each (agent, relation, object, negation) once."""
        seen = set()
        article_date = self.doc._.kg_article_date if self.doc.has_extension("kg_article_date") else None
        for verb in self.doc:
            if self.quotations.quoted(verb) or not _event_verb(verb) or not _realised(verb):
                continue
            theme = _theme(verb)
            if theme is None or not self.referents.same_line(theme, verb):
                continue
            found = self._object(theme)
            if found is None:
                continue
            span, object_type, object_text = found
            agents = self.quotations.speakers(verb)
            negated = _negated(verb)
            sentence_index = self.referents.sentence_index(verb)
            for agent in agents:
                if agent.start <= span.start < agent.end:
                    continue
                key = (agent.root.lower_, verb.lemma_, span.root.lemma_.lower(), negated)
                if key in seen:
                    continue
                seen.add(key)
                yield Event(
                    agent=agent,
                    relation=verb.lemma_,
                    verb=verb,
                    object=span,
                    object_type=object_type,
                    object_text=object_text,
                    negated=negated,
                    date=clause_date(verb, self.referents.dates.get(sentence_index, ()), article_date),
                    sentence=self.referents.sentences[sentence_index],
                )


def events(doc: Doc) -> list[Event]:
    """Events of `doc`, in text order."""
    return list(EventFinder(doc).events())
