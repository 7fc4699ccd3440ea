"""The keywords of a SPARQL text, for the two decisions the stores take before running it.

  * SERVICE (a federated query) makes the engine send a request to any address the query
    names, and shows part of the answer: refused unless the caller allows it.
  * FROM / FROM NAMED name the query's dataset: the union default graph is used only
    without them.
The text is split into SPARQL tokens so that a word inside a string, an IRI, a comment, a
variable or a prefixed name (schema:Service, ex:from) does not count, and a keyword does in
any letter case.
"""
from __future__ import annotations

import re

from kgnews.errors import QueryError

TOKEN = re.compile(
    r"""
      \#[^\n]*                                   # comment
    | '''(?:[^'\\]|\\.|'(?!''))*'''              # long strings
    | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
    | '(?:[^'\\\n]|\\.)*'                        # short strings
    | "(?:[^"\\\n]|\\.)*"
    | <[^<>"{}|^`\\\x00-\x20]*>                  # IRI
    | [?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+  # variable
    | [^\s:'"<>{}()\[\],;.!=&|+*/^]*:[^\s'"<>{}()\[\],;!=&|+*/^]*  # prefixed name
    | [A-Za-z_]\w*                               # keyword or name
    | \S                                         # anything else, one character
    """,
    re.VERBOSE | re.DOTALL,
)


def has_keyword(sparql: str, keyword: str) -> bool:
    """True when `keyword` (upper case) is one of the query's keywords."""
    return any(token.group().upper() == keyword for token in TOKEN.finditer(sparql))


def uses_service(sparql: str) -> bool:
    """True when `sparql` has a SERVICE clause."""
    return has_keyword(sparql, "SERVICE")


def names_its_dataset(sparql: str) -> bool:
    """True when the query text has a FROM or FROM NAMED clause."""
    return has_keyword(sparql, "FROM")


def refuse_service(sparql: str) -> None:
    """Raise a one-line QueryError when `sparql` is a federated query."""
    if uses_service(sparql):
        raise QueryError(
            "SERVICE (federated query) is turned off: it sends requests to the addresses the "
            "query names; allow it explicitly (--allow-service) to run this query"
        )
