"""`kgnews_entity_fixes` (after the entity patterns): `doc.ents` as
`kgnews.nlp.extract.ner_fixes.fixed_entities` corrects them; and the tokenizer fix that
keeps abbreviated titles whole, applied before the model runs."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from kgnews.nlp import gazetteers
from kgnews.nlp.components.entity_patterns import ENTITY_PATTERNS_KEY
from kgnews.nlp.extract.ner_fixes import dateline_matcher, dateline_matches, fixed_entities


def add_title_abbreviations(tokenizer: Tokenizer) -> None:
    """Keep abbreviated titles whole when glued to a name: "Pres.Trump" -> "Pres." "Trump"."""
    for title in gazetteers.titles():
        for word in title.surface.split():
            if word.endswith(".") and len(word) > 1:
                tokenizer.add_special_case(word, [{"ORTH": word}])


def lexicon_adjectives(nlp: Language) -> frozenset[str]:
    """The English adjectives the model's rule-based lemmatizer knows (its `lemma_index`
    table, from WordNet); none for a pipeline without one."""
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None) if "lemmatizer" in nlp.pipe_names else None
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(lookups.get_table("lemma_index").get("adj", ()))


class EntityFixes:
    def __init__(self, nlp: Language, name: str, patterns_key: str) -> None:
        self.name = name
        self.patterns_key = patterns_key
        self.dateline_matcher = dateline_matcher(nlp.vocab)
        self.adjectives = lexicon_adjectives(nlp)

    def __call__(self, doc: Doc) -> Doc:
        patterned = doc.spans[self.patterns_key] if self.patterns_key in doc.spans else ()
        doc.ents = fixed_entities(doc, patterned, dateline_matches(self.dateline_matcher, doc), self.adjectives)
        return doc


@Language.factory(
    "kgnews_entity_fixes",
    assigns=["doc.ents", "token.ent_iob", "token.ent_type", "span._.kg_subtype"],
    requires=["doc.ents", "doc.spans", "token.tag"],
    default_config={"patterns_key": ENTITY_PATTERNS_KEY},
)
def make_entity_fixes(nlp: Language, name: str, patterns_key: str) -> EntityFixes:
    return EntityFixes(nlp, name, patterns_key)
