"""The schema's SPARQL files (kgnews/query/sparql/*.rq): each parses and runs (a query, or
an update) on a store holding article and entity graphs, and each is used by name in kgnews."""
from __future__ import annotations

import re

import pytest

from kgnews import sparql
from kgnews.query.named import QUERY_DIR, named_query, query_names
from kgnews.store import open_store
from store_contract import ARTICLE, ENTITIES, sample_graphs

# A value for each placeholder the files use, as kgnews writes them (through kgnews.sparql).
PARTS = {"graph": sparql.iri(ENTITIES), "graphs": sparql.values("g", [ARTICLE]), "scope": sparql.values("g", [ARTICLE]),
         "entity_types": sparql.values("type", [ARTICLE]),
         "type_pairs": sparql.values(("type", "schemaType"), [(ARTICLE, ARTICLE)]),
         "subtypes": sparql.values("sub", [ARTICLE]), "candidates": sparql.values("candidate", [ARTICLE]),
         "wikidata": sparql.literal("http://www.wikidata.org/entity/"),
         "counts_graph": sparql.iri(ENTITIES), "entities_graph": sparql.iri(ENTITIES),
         "applied_graph": sparql.iri(ENTITIES),
         "entities": sparql.values("e", [ARTICLE]), "subjects": sparql.values("s", [ARTICLE]),
         "objects": sparql.values("o", [ARTICLE]), "types": sparql.values("type", [ARTICLE]),
         "keys": sparql.values("key", ["mark dayton"], sparql.literal),
         "every_key": sparql.values("key", ["dayton"], sparql.literal),
         "prefix": sparql.literal("https://w3id.org/kgnews/resource/graph/")}
# Files that change the store rather than read it.
UPDATE_FORM = re.compile(r"^\s*(INSERT|DELETE|DROP)\b", re.MULTILINE)
ASK_FORM = re.compile(r"^\s*ASK\b", re.MULTILINE)
SOURCES = "\n".join(path.read_text(encoding="utf-8") for path in (QUERY_DIR.parents[1]).rglob("*.py"))


@pytest.mark.parametrize("name", query_names())
def test_each_named_query_runs_and_is_used(name: str) -> None:
    placeholders = set(re.findall(r"\$(\w+)", (QUERY_DIR / f"{name}.rq").read_text(encoding="utf-8")))
    assert placeholders <= set(PARTS)
    with open_store(":memory:") as store:
        store.replace_graphs(sample_graphs())
        text = named_query(name, **{part: PARTS[part] for part in placeholders})
        if UPDATE_FORM.search(text):
            store.update(text)
        elif ASK_FORM.search(text):
            assert isinstance(store.query(text).boolean, bool)
        else:
            assert isinstance(store.select(text), list)
    assert f'named_query("{name}"' in SOURCES


def test_a_missing_part_is_an_error() -> None:
    with pytest.raises(KeyError, match="graphs"):
        named_query("text-hashes")

