"""Characters XML 1.0 cannot hold, even escaped: most C0 controls (NUL...), lone surrogates, U+FFFE/FFFF.

JSON may carry them (a "\\u0000" in a field), so ingest strips them with a warning, and the
writers of XML-based and Graphviz formats replace any that reach them some other way.
"""
from __future__ import annotations

import re

FORBIDDEN = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
REPLACEMENT = "\ufffd"


def forbidden_in(text: str) -> list[str]:
    """The forbidden characters of `text`, in order."""
    return FORBIDDEN.findall(text)


def strip_forbidden(text: str) -> str:
    return FORBIDDEN.sub("", text)


def replace_forbidden(text: str) -> str:
    """`text` with each forbidden character shown as U+FFFD, so a reader sees something was there."""
    return FORBIDDEN.sub(REPLACEMENT, text)


def describe(characters: list[str]) -> str:
    """'2 characters XML does not allow (U+0000, U+0001)'."""
    names = ", ".join(dict.fromkeys(f"U+{ord(character):04X}" for character in characters))
    plural = "s" if len(characters) > 1 else ""
    return f"{len(characters)} character{plural} XML does not allow ({names})"
