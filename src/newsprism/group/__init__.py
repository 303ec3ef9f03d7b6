"""Group: events, storylines, and the copy/credit relations between articles.

Entry point: :func:`group_articles`. Articles are taken in publication order
(then ingestion order) and each one goes through the same online steps a new
article would: find text-sharing candidates (LSH, credits), classify each pair,
join an event (forced when it copies or rewrites an article already grouped),
then check the rest of its event for relations. Storylines link the events.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from ..model import Article, EventGroup, Grouping, Relation, Storyline
from .copies import CopyIndex, CopyParams, PairVerdict, classify
from .events import EventIndex, EventParams
from .features import Features, features
from .storylines import StorylineParams, link_events, storyline_label

__all__ = ["group_articles", "Grouping", "EventGroup", "Storyline", "Relation"]

# Relations that make two reports one report for counting "independent" coverage.
DERIVED_KINDS = {"copy", "rewrite", "cites", "shares-source"}


def _norm(name: str | None) -> str:
    return re.sub(r"[^a-z0-9]", "", (name or "").lower())


def _relation(verdict: PairVerdict) -> Relation:
    derived_is_a = verdict.derived_is_a
    evidence = []
    for pair in verdict.alignment.pairs:
        from_text, to_text = (pair.a_text, pair.b_text) if derived_is_a else (pair.b_text, pair.a_text)
        evidence.append({"from_text": from_text, "to_text": to_text, "score": pair.score})
    return Relation(verdict.derived.id, verdict.source.id, verdict.kind, verdict.score, verdict.basis, evidence)


def _order_key(article: Article):
    return (article.published or "9999", article.ingested_at or "", article.id)


def group_articles(articles: list[Article], *, existing: Grouping | None = None,
                   event_params: EventParams | None = None,
                   copy_params: CopyParams | None = None,
                   story_params: StorylineParams | None = None) -> Grouping:
    """Group ``articles``. With ``existing`` (a stored grouping), its events and relations
    are kept as they are and only the articles it does not hold are assigned, online."""
    by_id = {a.id: a for a in articles}
    kept_events = []
    for event in (existing.events if existing else []):
        founder = event.id.removeprefix("ev-")  # first in, so the rebuilt event keeps its id
        kept_events.append(sorted((i for i in event.article_ids if i in by_id), key=lambda i: i != founder))
    kept_events = [members for members in kept_events if members]
    grouped = {i for members in kept_events for i in members}
    order = sorted((a for a in articles if a.id not in grouped), key=_order_key)
    feats: dict[str, Features] = {a.id: features(a) for a in articles}
    copy_index = CopyIndex(copy_params)
    event_index = EventIndex(event_params)
    by_outlet: dict[str, list[str]] = {}
    relations: dict[tuple[str, str], Relation] = {}
    checked: set[frozenset[str]] = set()
    # Corpus rarity for sentence alignment, from every article being grouped.
    df = Counter(t for f in feats.values() for t in f.terms)
    n_docs = len(feats)

    def idf(term: str) -> float:
        return math.log((n_docs + 1) / (df.get(term, 0) + 0.5))

    sentence_vectors: dict[str, dict[str, float]] = {}  # computed once per run, not once per pair

    def check(a: Article, other_id: str) -> PairVerdict | None:
        key = frozenset((a.id, other_id))
        if key in checked or other_id == a.id:
            return None
        checked.add(key)
        verdict = classify(a, feats[a.id], by_id[other_id], feats[other_id], copy_params, idf, sentence_vectors)
        if verdict:
            relation = _relation(verdict)
            relations[(relation.from_id, relation.to)] = relation
        return verdict

    citing: dict[str, list[str]] = {}  # credited name -> articles that credit it

    def remember(article: Article) -> None:
        if article.outlet:
            by_outlet.setdefault(_norm(article.outlet), []).append(article.id)
        for cite in article.cites:
            citing.setdefault(_norm(cite), []).append(article.id)

    # The stored grouping stays as it is: its events are rebuilt member by member
    # (the founding article first, so event ids are stable) and its relations kept.
    for members in kept_events:
        for member in members:
            event_index.add(feats[member], join=members[0] if member != members[0] else None)
            copy_index.add(member, by_id[member].text)
            remember(by_id[member])
    for relation in (existing.relations if existing else []):
        if relation.from_id in grouped and (relation.to in grouped or relation.to not in by_id):
            relations[(relation.from_id, relation.to)] = relation
            if relation.to in grouped:
                checked.add(frozenset((relation.from_id, relation.to)))

    for article in order:
        f = feats[article.id]
        # Candidates: shared shingles (LSH), credits either way, and the reports of
        # the events this article is closest to (rewrites share facts, not shingles).
        candidates = set(copy_index.add(article.id, article.text))
        for cite in article.cites:
            candidates.update(by_outlet.get(_norm(cite), []))
        if article.outlet:
            candidates.update(citing.get(_norm(article.outlet), []))
        # Bounded: the closest 3 events, 10 reports each (a big event's reports repeat
        # one another; the copies among them are found through LSH anyway).
        near = sorted(event_index.candidates(f), key=lambda e: -event_index.score(f, e))[:3]
        for event in near:
            candidates.update(event.article_ids[:10])
        verdicts = [v for v in (check(article, c) for c in sorted(candidates)) if v]
        strong = [v for v in verdicts if v.kind in ("copy", "rewrite") or (v.kind == "cites" and v.alignment.pairs)]
        join = None
        if strong:
            best = max(strong, key=lambda v: v.score)
            join = best.source.id if best.derived is article else best.derived.id
        event_id = event_index.add(f, join=join)
        for member in list(event_index.events[event_id].article_ids)[:20]:
            check(article, member)
        remember(article)

    # Credits to sources outside the corpus are relations too, to a named node.
    corpus_outlets = {_norm(a.outlet) for a in articles if a.outlet}
    for article in sorted(articles, key=_order_key):
        for cite in article.cites:
            if _norm(cite) in corpus_outlets:
                if any(r.from_id == article.id and by_id.get(r.to) and _norm(by_id[r.to].outlet) == _norm(cite)
                       for r in relations.values()):
                    continue
            places = feats[article.id].sentences + [r.text for r in article.removed if r.reason == "credit-line"]
            sentence = next((s for s in places if cite in s), None)
            evidence = [{"from_text": sentence or cite, "to_text": None, "score": 1.0}]
            relations[(article.id, cite)] = Relation(article.id, cite, "credits", 1.0, "credit", evidence)

    events = []
    for event in event_index.events.values():
        members = sorted(event.article_ids, key=lambda i: _order_key(by_id[i]))
        events.append(EventGroup(
            id=event.id,
            label=_event_label([by_id[i] for i in members], relations),
            date=event.date.isoformat() if event.date else None,
            article_ids=members,
            independent_reports=_independent(members, relations.values()),
        ))
    storylines = []
    for linked in link_events(list(event_index.events.values()), story_params):
        linked.sort(key=lambda e: (e.date.isoformat() if e.date else "9999", e.id))
        storylines.append(Storyline(id="st-" + linked[0].id.removeprefix("ev-"), label=storyline_label(linked),
                                    event_ids=[e.id for e in linked]))
    return Grouping(events=events, storylines=storylines, relations=list(relations.values()))


def _independent(members: list[str], relations) -> int:
    """Reports in an event that derive from no other: connected groups of the copy/credit graph."""
    parent = {m: m for m in members}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for r in relations:
        if r.kind in DERIVED_KINDS and r.from_id in parent and r.to in parent:
            parent[find(r.from_id)] = find(r.to)
    return len({find(m) for m in members})


def _event_label(members: list[Article], relations: dict) -> str:
    """The title of the event's most original report (derived from no other), else of any report."""
    derived = {r.from_id for r in relations.values() if r.kind in DERIVED_KINDS}
    for article in sorted(members, key=lambda a: a.id in derived):
        if article.title:
            return article.title
    first = members[0].text.split("\n\n")[0]
    return first if len(first) <= 120 else first[:117].rsplit(" ", 1)[0] + "…"
