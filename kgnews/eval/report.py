"""An `EvalReport` as a text table (with optional misses) or as JSON."""
from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from kgnews.eval.scoring import Counts, EvalReport, FactIssue, as_list

_HEADER = f"{'family':<13}{'gold':>6}{'pred':>6}{'match':>7}{'P':>8}{'R':>8}{'F1':>8}"


def format_text(report: EvalReport, *, misses: bool = False) -> str:
    """The scores as a table; with `misses`, every missed and spurious fact with its sentence."""
    lines = [_HEADER, *(_row(name, counts) for name, counts in report.families.items()),
             _row("all facts", report.all_facts)]
    entities = report.entities
    lines += [
        "",
        f"entities: gold {entities.gold}, predicted {entities.predicted}, found {entities.found}, "
        f"correct {entities.correct}; P {entities.precision:.3f} R {entities.recall:.3f} F1 {entities.f1:.3f}; "
        f"split {entities.split}, merged {entities.merged}",
    ]
    identity = report.identity
    lines.append(
        f"identity across articles: linked {identity.linked_share:.3f} ({identity.linked}/{identity.gold} gold "
        f"entities found in 2+ articles), merged pairs {identity.merged}"
    )
    if report.model:
        lines.append(f"model: {report.model}; articles: {len(report.articles)}")
    if misses:
        lines += _details(report)
        lines += _identity_details(report)
    return "\n".join(lines) + "\n"


def format_json(report: EvalReport) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"


def _row(name: str, counts: Counts) -> str:
    if counts.gold == counts.predicted == 0:
        scores = f"{'-':>8}{'-':>8}{'-':>8}"
    else:
        scores = f"{counts.precision:>8.3f}{counts.recall:>8.3f}{counts.f1:>8.3f}"
    return f"{name:<13}{counts.gold:>6}{counts.predicted:>6}{counts.matched:>7}{scores}"


def _details(report: EvalReport) -> list[str]:
    lines: list[str] = []
    for article in report.articles:
        scores = ", ".join(
            f"{name} {counts.matched}/{counts.gold}/{counts.predicted}"
            for name, counts in article.families.items()
            if counts.gold or counts.predicted
        )
        lines += ["", f"== article {article.article} (matched/gold/predicted: {scores})"]
        lines += [_issue("miss", issue) for issue in article.misses]
        lines += [_issue("extra", issue) for issue in article.false_positives]
        lines += [f"  split   {split['gold']}: {', '.join(split['iris'])}" for split in article.entities.splits]
        lines += [f"  merged  {', '.join(merge['gold'])}: {merge['iri']}" for merge in article.entities.merges]
    return lines


def _identity_details(report: EvalReport) -> list[str]:
    identity = report.identity
    if not identity.unlinked and not identity.merges:
        return []
    lines = ["", "== identity across articles"]
    for miss in identity.unlinked:
        where = "; ".join(f"{article}: {', '.join(iris)}" for article, iris in miss["iris"].items())
        lines.append(f"  unlinked {miss['gold']}: {where}")
    for merge in identity.merges:
        lines.append(f"  merged  {' + '.join(merge['gold'])}: {merge['iri']} ({', '.join(merge['articles'])})")
    return lines


def _issue(label: str, issue: FactIssue) -> str:
    line = f"  {label:<7} {issue.family:<12} {_describe(issue.fact)}"
    if issue.sentence:
        line += f"\n          | {' '.join(issue.sentence.split())}"
    return line


def _describe(fact: Mapping[str, Any]) -> str:
    """subject · relation · object (role of role_of) [kind]"""
    parts = [str(fact.get("subject")), str(fact.get("relation"))]
    if fact.get("relation") == "holds_position":
        role = " / ".join(as_list(fact.get("role")))
        role_of = " / ".join(as_list(fact.get("role_of")))
        parts.append(f"{role} of {role_of}" if role_of else role)
    else:
        parts.append(f"{fact.get('object')}")
    if fact.get("kind"):
        parts.append(f"[{fact['kind']}]")
    return " · ".join(parts)

