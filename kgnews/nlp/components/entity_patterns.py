"""`kgnews_entity_patterns` (after `ner`): spaCy's span ruler over data/entity_patterns.jsonl.

Matches go to `doc.spans["kgnews_entity_patterns"]`, longest first and not overlapping; a
pattern's `id` is the subtype of the entity it finds. `kgnews_entity_fixes` merges them
into `doc.ents`. A saved pipeline keeps its patterns (the span ruler writes them to disk).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokens import Span

from kgnews.nlp import gazetteers

ENTITY_PATTERNS_KEY = "kgnews_entity_patterns"


@Language.factory(
    "kgnews_entity_patterns",
    assigns=["doc.spans"],
    requires=["doc.ents", "token.ent_type"],
    default_config={
        "spans_key": ENTITY_PATTERNS_KEY,
        "spans_filter": {"@misc": "spacy.first_longest_spans_filter.v1"},
    },
)
def make_entity_patterns(
    nlp: Language,
    name: str,
    spans_key: str,
    spans_filter: Callable[[Iterable[Span], Iterable[Span]], Iterable[Span]],
) -> SpanRuler:
    ruler = SpanRuler(nlp, name, spans_key=spans_key, spans_filter=spans_filter, validate=True)
    ruler.add_patterns(gazetteers.read_patterns("entity_patterns.jsonl"))
    return ruler
