"""`kgnews_entity_patterns` (after `ner`): spaCy's span ruler over data/entity_patterns.jsonl.

Matches go to `doc.spans["kgnews_entity_patterns"]`, longest first and not overlapping; a
pattern's `id` is the subtype of the entity it finds. `kgnews_entity_fixes` merges them
into `doc.ents`. A saved pipeline keeps its patterns (the span ruler writes them to disk).
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import SpanRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from kgnews.nlp import gazetteers
from kgnews.nlp.extract.docwords import DocWords

ENTITY_PATTERNS_KEY = "kgnews_entity_patterns"


def required_words(pattern: list[dict[str, object]]) -> Iterator[frozenset[int]]:
    """For each token of a token pattern that must be there (no operator) and must be one of
    some lower-case words (`LOWER`, as a string or an `IN` list), the string ids of those words."""
    for token in pattern:
        lower = token.get("LOWER")
        if "OP" in token or lower is None:
            continue
        words = [lower] if isinstance(lower, str) else lower.get("IN") if isinstance(lower, dict) else None
        if words and all(isinstance(word, str) for word in words):
            yield frozenset(get_string_id(word) for word in words)


class AnchoredSpanRuler(SpanRuler):
    """spaCy's span ruler, whose Matcher runs on each Doc with only the token patterns that
    can match there: those whose required words (`required_words`) the Doc has.

    spaCy's Matcher costs most of its time per token and per pattern whatever the Doc holds
    (it makes a Token of each, and tries every pattern's first token at each), and most
    articles contain the required words of one pattern or none: the matches are the same.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        self._forget_anchors()
        super().__init__(*args, **kwargs)
        self._lending = threading.Lock()

    def _forget_anchors(self) -> None:
        """Drop the anchors and Matchers of the patterns (`_matcher_for` makes them again)."""
        self._anchors: list[tuple[dict[str, object], tuple[frozenset[int], ...]]] | None = None
        self._matchers: dict[tuple[int, ...], Matcher] = {}

    # every change of the patterns goes through one of these (initialize and loading call them too)
    def add_patterns(self, patterns: list[dict[str, object]]) -> None:
        super().add_patterns(patterns)
        self._forget_anchors()

    def remove(self, label: str) -> None:
        super().remove(label)
        self._forget_anchors()

    def remove_by_id(self, pattern_id: str) -> None:
        super().remove_by_id(pattern_id)
        self._forget_anchors()

    def clear(self) -> None:
        super().clear()
        self._forget_anchors()

    def match(self, doc: Doc) -> list[Span]:
        # SpanRuler.match reads self.matcher: lend it the Doc's for the call, one call at a
        # time, as a pipeline shared by threads may run two Docs at once
        with self._lending:
            every_pattern = self.matcher
            self.matcher = self._matcher_for(doc)
            try:
                return super().match(doc)
            finally:
                self.matcher = every_pattern

    def _matcher_for(self, doc: Doc) -> Matcher:
        """A Matcher of the token patterns whose every required word `doc` has."""
        if self._anchors is None:  # patterns added or removed since the last Doc
            self._anchors = [(entry, tuple(required_words(entry["pattern"])))
                             for entry in self.patterns if isinstance(entry["pattern"], list)]
        words = set(DocWords.of(doc).lower.tolist())
        chosen = tuple(number for number, (_, required) in enumerate(self._anchors)
                       if all(not words.isdisjoint(choices) for choices in required))
        matcher = self._matchers.get(chosen)
        if matcher is None:
            matcher = Matcher(self.nlp.vocab, validate=self.validate, fuzzy_compare=self.matcher_fuzzy_compare)
            for number in chosen:
                entry = self._anchors[number][0]
                # the span ruler's own key for a pattern's label and id (SpanRuler.add_patterns)
                matcher.add(repr((entry["label"], entry.get("id", ""))), [entry["pattern"]])
            self._matchers[chosen] = matcher
        return matcher


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
    ruler = AnchoredSpanRuler(nlp, name, spans_key=spans_key, spans_filter=spans_filter, validate=True)
    ruler.add_patterns(gazetteers.read_patterns("entity_patterns.jsonl"))
    return ruler
