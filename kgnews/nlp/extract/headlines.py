"""Headlines, rewritten into the prose the model was trained on.

An article's text opens with its headline on a line of its own. Headlines have a grammar of
their own that the model misreads: Title Case makes every word a name ("Dayton Blames MNSure
Issues on Robocallers"), the present tense states a past event and is read as a plural noun
("Trump ousts national security advisor Bolton"), and a bare participle is a passive without
its auxiliary ("Pelosi again elected Speaker", "mayor stabbed on stage").

`analysis_words` gives the headline's words as a reporter would write them in the body:
capitalised words that the body writes in lower case are lowered, the headline verb in the
present tense is put in the past, and "was" goes before a bare participle. The words map to
the headline's tokens (an inserted word maps to none), so the parse of the rewritten words
can be copied back onto the original tokens, whose text stays as written.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from kgnews.nlp.extensions import doc_text

# A headline is the first line when a blank line follows it and it ends without a full stop
# (headlines carry none; a plain-text article may open with a paragraph of prose instead).
HEADLINE = re.compile(r"[^\n]*[^\s.][ \t]*\n[ \t]*\n")
# Share of the headline's capitalisable words that are capitalised in Title Case.
TITLE_CASE_SHARE = 0.75
# Words the rewriting never turns into verbs: auxiliaries in the present tense.
AUXILIARY_FORMS = frozenset({"is", "has", "does", "was"})
# Dependencies of a bare participle that is the headline's passive ("Pelosi elected Speaker",
# "Arrest made as ...").
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "conj"})
PARTICIPLE_TAGS = frozenset({"VBD", "VBN"})
PASSIVE_AUXILIARY = "was"


class Word(NamedTuple):
    text: str
    space: bool
    token: int | None  # the headline token it stands for, None for an inserted word


Parse = Callable[[Sequence[Word]], Doc]


def headline(doc: Doc) -> Span | None:
    """The headline's tokens (without the line break), when the text opens with one."""
    match = HEADLINE.match(doc_text(doc))
    if match is None:
        return None
    span = doc.char_span(0, len(match.group().rstrip()), alignment_mode="expand")
    return span if span is not None and len(span) > 1 else None


def _capitalisable(token: Token) -> bool:
    return token.is_alpha and len(token) > 3


def is_title_case(span: Span) -> bool:
    """Whether nearly all the headline's longer words are capitalised: "Dayton Blames MNSure
    Issues on Robocallers"."""
    words = [token for token in span if _capitalisable(token)]
    capitalised = [token for token in words if token.text[0].isupper()]
    return len(words) >= 3 and len(capitalised) >= TITLE_CASE_SHARE * len(words)


def cased_words(span: Span, body: str) -> list[Word]:
    """The headline's words, capitalised words lowered where `body` (the text after the
    headline) writes them in lower case; in Title Case only, as a sentence-case headline is
    written as prose is."""
    words = [Word(token.text, bool(token.whitespace_), token.i) for token in span]
    if not is_title_case(span):
        return words
    lower_words = set(re.findall(r"\b[a-z][a-z'-]*\b", body))
    return [
        word._replace(text=word.text.lower())
        if word.token > span.start and word.text[:1].isupper() and not word.text.isupper()
        and word.text.lower() in lower_words else word
        for word in words
    ]


class VerbForms:
    """Verb lemmas and irregular forms (the model's lemmatizer tables) for putting a verb in
    the present tense into the past."""

    def __init__(self, lemmas: Collection[str], irregular: Mapping[str, Sequence[str]]) -> None:
        self.lemmas = frozenset(lemmas)
        pasts: dict[str, str] = {}
        for form, form_lemmas in irregular.items():
            if form.endswith("ing"):
                continue
            for lemma in form_lemmas:
                if lemma not in pasts or len(form) < len(pasts[lemma]):
                    pasts[lemma] = form
        self.pasts = pasts

    def lemma_of_present(self, word: str) -> str | None:
        """"ousts" -> "oust", "announces" -> "announce", "carries" -> "carry"."""
        lower = word.lower()
        if not lower.endswith("s") or lower in AUXILIARY_FORMS:
            return None
        stems = [lower[:-1]]
        if lower.endswith("es"):
            stems.append(lower[:-2])
        if lower.endswith("ies"):
            stems.append(lower[:-3] + "y")
        return next((stem for stem in stems if stem in self.lemmas), None)

    def past(self, lemma: str) -> str:
        if lemma in self.pasts:
            return self.pasts[lemma]
        if lemma.endswith("e"):
            return lemma + "d"
        if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in "aeiou":
            return lemma[:-1] + "ied"
        return lemma + "ed"


def _present_verb_read_as_noun(parsed: Doc | Span, forms: VerbForms) -> tuple[int, str] | None:
    """The position and lemma of the first word after a noun that is a verb in the present
    tense ("Trump ousts", "court rules") which the parse did not take for one, and no name
    ("United States") has."""
    for token in parsed[1:]:
        if not token.is_alpha or token.text.isupper() or token.tag_ == "VBZ" or token.ent_type_:
            continue
        if parsed[token.i - 1].pos_ in ("NOUN", "PROPN") and (lemma := forms.lemma_of_present(token.text)):
            return token.i, lemma
    return None


def _with_passive_auxiliaries(words: list[Word], parsed: Doc | Span, changed: int | None) -> list[Word]:
    """The words with "was" before each bare participle that has a subject before it and no
    auxiliary: the headline's passives."""
    bare = {
        token.i
        for token in parsed
        if token.tag_ in PARTICIPLE_TAGS and token.dep_ in CLAUSE_DEPS and token.i != changed
        and any(child.dep_ == "nsubj" and child.i < token.i for child in token.children)
        and not any(child.dep_ in ("aux", "auxpass") for child in token.children)
    }
    rewritten: list[Word] = []
    for position, word in enumerate(words):
        if position in bare:
            rewritten.append(Word(PASSIVE_AUXILIARY, True, None))
        rewritten.append(word)
    return rewritten


def analysis_words(span: Span, body: str, parse: Parse, forms: VerbForms | None) -> tuple[list[Word], Doc] | None:
    """The headline rewritten as prose (see the module docstring) and its parse, or None when
    it reads as prose already (`parse` analyses words, and runs only when they change)."""
    words = cased_words(span, body)
    # Unchanged words were parsed with the text (the headline is a sentence of its own, and
    # starts the Doc: its tokens' positions are the words'), and are read where they are.
    unchanged = all(word.text == token.text for word, token in zip(words, span))
    parsed = span if unchanged else parse(words)
    changed = None
    present = _present_verb_read_as_noun(parsed, forms) if forms is not None else None
    if present is not None:
        # the past tense is unambiguous: "Trump ousted Bolton"; kept when it heads the headline
        position, lemma = present
        past = [*words[:position], words[position]._replace(text=forms.past(lemma)), *words[position + 1 :]]
        reparsed = parse(past)
        if reparsed[position].dep_ == "ROOT" and reparsed[position].pos_ == "VERB":
            words, parsed, changed = past, reparsed, position
    passive = _with_passive_auxiliaries(words, parsed, changed)
    if len(passive) != len(words):
        words, parsed = passive, parse(passive)
    elif unchanged and changed is None:
        return None
    return words, parsed
