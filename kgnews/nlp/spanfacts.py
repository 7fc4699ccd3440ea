"""What the extraction components leave on a `Doc`, before entities are resolved.

Components find facts between *spans* of the Doc (`doc._.kg_facts`); the final
`kgnews_resolution` component clusters entity spans into canonical entities and
`nlp.adapter` turns the Doc into a spaCy-free `kgnews.model.Extraction`.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span


@dataclass
class SpanFact:
    """A fact whose ends are spans of the Doc.

    `subject` is an entity span (a pronoun already resolved to its antecedent's span),
    or None when the subject is the article itself (author / publisher).
    `object` is an entity span when `object_type` is Person / Organization / Place,
    the quote's content span for "Quote", or the phrase span for "Phrase"; for
    "Position" it is None and `role` / `role_of` describe the post.
    An entity the text implies but does not spell out ("R" in "(R-Crown)" is the
    Republican Party) is given by name as a `str` in `object` / `role_of`, with
    `object_type` saying what it is; the resolver joins it to a mention of that name
    if there is one, or makes an entity without mentions.
    `object_text` overrides the object's surface text when it is not a single span
    (an interrupted quote, a normalised phrase).
    """

    subject: Span | None
    relation: str
    sentence: Span
    object: Span | str | None = None
    object_type: str = "Phrase"
    object_text: str | None = None
    role: str | None = None
    role_of: Span | str | None = None
    role_of_type: str | None = None  # entity type of role_of when it is a str
    qualifier: str | None = None
    kind: str | None = None
    negated: bool = False
    date: str | None = None
    confidence: float = 0.9


def add_fact(doc: Doc, fact: SpanFact) -> None:
    if doc._.kg_facts is None:
        doc._.kg_facts = []
    doc._.kg_facts.append(fact)
