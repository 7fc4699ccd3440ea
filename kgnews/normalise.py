"""The one name normaliser: the comparison key of the facts contract (docs/facts.md),
"lower-cased, punctuation dropped, no leading 'the'", shared by extraction, linking and
the scorer. Where a step compares more loosely it says why, and composes with this key.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

LEADING_ARTICLES = frozenset({"the"})
# Generational suffixes (as keys) end a full name but are not its surname.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """"The Pioneer Press" -> "pioneer press", "Mayer-Bruestle" -> "mayerbruestle"."""
    text = "".join(char for char in text.lower() if not unicodedata.category(char).startswith("P"))
    words = text.split()
    if words and words[0] in LEADING_ARTICLES:
        words = words[1:]
    return " ".join(words)


# Letters that carry their mark inside them, so that no decomposition takes it off.
UNDECOMPOSED_LETTERS = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i"})


def fold_accents(text: str) -> str:
    """`text` case-folded, without accents or other combining marks: "Erdoğan" -> "erdogan",
    "Jarosław" -> "jaroslaw"."""
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text.translate(UNDECOMPOSED_LETTERS))
    return "".join(char for char in decomposed if unicodedata.category(char)[0] != "M").casefold()


def dashes_to_spaces(text: str) -> str:
    """Every dash a word break: "Minnesota-based" -> "Minnesota based"."""
    return "".join(" " if unicodedata.category(char) == "Pd" else char for char in text)
