"""Pure functions over a parsed spaCy Doc; the components of `kgnews.nlp.components` call them."""
from kgnews.nlp import extensions  # noqa: F401 - the Doc/Span extensions extractors read and write
