"""The HTML pages of `kgnews serve`: entity, article and resource pages and the web UI.

Pages are Jinja2 templates (kgnews/serve/templates) with autoescaping on: every value from
the graph is escaped; the one piece of HTML built here, an article's highlighted text, is
assembled from escaped slices of the text.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from kgnews.vocab import prefixes, resource_base

RELATION_GROUPS = {
    "holds_position": "Positions",
    "member_of": "Memberships and affiliations",
    "works_for": "Memberships and affiliations",
    "represents": "Memberships and affiliations",
    "located_in": "Places",
    "lives_in": "Places",
    "said": "Quotes",
    "author": "Articles written or published",
    "publisher": "Articles written or published",
}
GROUP_ORDER = ("Positions", "Memberships and affiliations", "Places", "Quotes", "Events",
               "Articles written or published", "Said or done about them")


def local_path(iri: str) -> str | None:
    """The server path of a kgnews resource IRI (/resource/...), None for other IRIs."""
    base = resource_base()
    return "/resource/" + iri[len(base):] if iri.startswith(base) else None


def article_path(article_id: str, start: int | None = None, end: int | None = None) -> str:
    from kgnews.graph import iris

    path = local_path(iris.article_iri(article_id)) or ""
    return path if start is None else f"{path}#char={start},{end}"


def compact(iri: str) -> str:
    best = max((ns for ns in prefixes().values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return iri
    name = next(name for name, ns in prefixes().items() if ns == best)
    return f"{name}:{iri[len(best):]}"


def group_facts(iri: str, facts: Iterable[Mapping[str, Any]]) -> list[tuple[str, list[Mapping[str, Any]]]]:
    """The facts of an entity page under headings: what it is the subject of by relation
    family, then what others say or do about it."""
    groups: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for fact in facts:
        if fact["subject_iri"] == iri:
            groups[RELATION_GROUPS.get(fact["relation"], "Events")].append(fact)
        else:
            groups["Said or done about them"].append(fact)
    return [(name, groups[name]) for name in GROUP_ORDER if groups.get(name)]


def highlighted_text(text: str, mentions: Iterable[Mapping[str, Any]], facts: Iterable[Mapping[str, Any]]) -> Markup:
    """The article text as HTML: each sentence stating a fact is a <mark> (its facts in the
    title, its offsets as id), each entity mention a link to the entity's page. Mentions
    that overlap an earlier one, or cross a sentence edge, are left plain."""
    sentences: dict[tuple[int, int], list[str]] = defaultdict(list)
    for fact in facts:
        if fact.get("start") is not None:
            sentences[(fact["start"], fact["end"])].append(
                f"{fact['subject']} · {fact['relation']} · {fact['object']}")
    spans = sorted(sentences)
    kept_sentences: list[tuple[int, int]] = []
    for start, end in spans:
        if not kept_sentences or start >= kept_sentences[-1][1]:
            kept_sentences.append((start, end))
    links: list[tuple[int, int, str, str]] = []
    for mention in sorted(mentions, key=lambda m: (m["start"], -m["end"])):
        start, end = int(mention["start"]), int(mention["end"])
        crosses = any(s < start < e < end or start < s < end < e for s, e in kept_sentences)
        path = local_path(mention["entity"])
        if path and not crosses and (not links or start >= links[-1][1]) and 0 <= start < end <= len(text):
            links.append((start, end, path, mention.get("label") or ""))
    # Boundaries in text order: a sentence opens before and closes after the mentions in it.
    opening: dict[int, list[str]] = defaultdict(list)
    closing: dict[int, list[str]] = defaultdict(list)
    for start, end in kept_sentences:
        title = escape(" | ".join(sentences[(start, end)]))
        opening[start].append(Markup('<mark class="fact" id="char={},{}" title="{}">').format(start, end, title))
        closing[end].append(Markup("</mark>"))
    for start, end, path, label in links:
        opening[start].append(Markup('<a class="mention" href="{}" title="{}">').format(path, label))
        closing[end].insert(0, Markup("</a>"))
    cuts = sorted({0, len(text), *opening, *closing})
    parts: list[str] = []
    for position, following in zip(cuts, cuts[1:] + [None]):
        parts.extend(closing.get(position, ()))
        parts.extend(opening.get(position, ()))
        if following is not None:
            parts.append(escape(text[position:following]))
    return Markup("".join(parts))


def environment() -> Environment:
    env = Environment(loader=PackageLoader("kgnews.serve", "templates"), autoescape=select_autoescape(["html"]))
    env.filters["local"] = lambda iri: local_path(str(iri)) or str(iri)
    env.filters["compact"] = compact
    env.globals["article_path"] = article_path
    return env
