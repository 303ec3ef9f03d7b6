"""A dated timeline of a story: what happened when, and which articles say so.

Each article's date expressions are resolved (:mod:`.dates`) against an anchor:
its publication date; else the date its event's reports pin down together
("September 28" + "on Thursday"); else the dates of its storyline's other
articles; else the latest complete date it mentions. Every date resolved from a
non-publication anchor is marked ``inferred``.
"""

from __future__ import annotations

from collections import defaultdict

from dataclasses import dataclass, field
from datetime import date

from ..group.features import cosine, weighted_terms
from ..model import Article, Grouping
from .dates import floor_date, infer_anchor, resolve_mentions, solve_event_date


@dataclass
class TimelineEntry:
    date: str  # ISO at its precision: YYYY-MM-DD, YYYY-MM or YYYY
    precision: str  # day | month | year
    text: str  # the sentence that dates the happening
    article_ids: list[str] = field(default_factory=list)
    inferred: bool = False  # the date rests on an inferred anchor

    def to_dict(self) -> dict:
        return {"date": self.date, "precision": self.precision, "text": self.text,
                "article_ids": self.article_ids, "inferred": self.inferred}


def _published(article: Article) -> date | None:
    if not article.published:
        return None
    try:
        return date.fromisoformat(article.published[:10])
    except ValueError:
        return None


def article_anchors(articles: list[Article], grouping: Grouping | None) -> dict[str, tuple[date | None, bool]]:
    """article id -> (anchor, inferred)."""
    by_id = {a.id: a for a in articles}
    anchors: dict[str, tuple[date | None, bool]] = {a.id: (_published(a), False) for a in articles if _published(a)}
    for event in (grouping.events if grouping else []):
        members = [by_id[i] for i in event.article_ids if i in by_id]
        undated = [a for a in members if a.id not in anchors]
        if not undated:
            continue
        dated = [anchors[a.id][0] for a in members if a.id in anchors]
        floors = [f for f in (floor_date(a.text) for a in members) if f]
        solved = max(dated) if dated else solve_event_date([a.text for a in members], max(floors) if floors else None)
        if solved:
            for article in undated:
                anchors[article.id] = (solved, True)
    for story in (grouping.storylines if grouping else []):
        events = {e.id: e for e in grouping.events}
        members = [by_id[i] for e in story.event_ids for i in events[e].article_ids if i in by_id]
        hints = [anchors[a.id][0] for a in members if a.id in anchors]
        for article in members:
            if article.id not in anchors and hints:
                anchors[article.id] = (infer_anchor(article.text, hints), True)
    for article in articles:
        if article.id not in anchors:
            anchors[article.id] = (infer_anchor(article.text), True)
    return anchors


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    sentence = text[left + 1:right].strip()
    return sentence if len(sentence) <= 300 else sentence[:297].rsplit(" ", 1)[0] + "…"


def build_timeline(articles: list[Article], grouping: Grouping | None = None) -> list[TimelineEntry]:
    anchors = article_anchors(articles, grouping)
    entries: list[TimelineEntry] = []
    # Entries (with their sentence's terms) by date, in the order they were made: only
    # entries of the same date can be the same happening (scanning all was quadratic).
    on_date: dict[str, list[tuple[TimelineEntry, dict]]] = defaultdict(list)
    for article in sorted(articles, key=lambda a: (a.published or "9999", a.id)):
        anchor, inferred = anchors.get(article.id, (None, True))
        mentions = resolve_mentions(article.text, _published(article), anchor=anchor)
        for mention in mentions:
            if not mention.value:
                continue
            sentence = _sentence_around(article.text, mention.start, mention.end)
            vector = weighted_terms(sentence)
            same_day = on_date[mention.value]
            # The same date and a similar sentence in another article: one happening.
            match = next((e for e, v in same_day
                          if article.id not in e.article_ids and cosine(v, vector) >= 0.25), None)
            if match:
                match.article_ids.append(article.id)
                continue
            if any(e.text == sentence for e, _ in same_day):
                continue
            entry = TimelineEntry(mention.value, mention.precision, sentence, [article.id],
                                  inferred=mention.relative and inferred)
            entries.append(entry)
            same_day.append((entry, vector))
    entries.sort(key=lambda e: (e.date, -len(e.article_ids)))
    return entries


def event_dates(articles: list[Article], grouping: Grouping | None) -> dict[str, dict]:
    """event id -> {date, precision, inferred} for events no publication date dates.

    News leads say when the happening was ("... on Thursday when ..."): the first
    day-precision date in the first sentence of the event's reports, resolved against
    each report's anchor, dates the event.
    """
    if not grouping:
        return {}
    by_id = {a.id: a for a in articles}
    anchors = article_anchors(articles, grouping)
    out = {}
    for event in grouping.events:
        if event.date:
            continue
        for article_id in event.article_ids:
            article = by_id.get(article_id)
            if article is None:
                continue
            lead_end = article.text.find(". ")
            lead = article.text[: lead_end if lead_end > 0 else len(article.text)]
            anchor, inferred = anchors.get(article_id, (None, True))
            for mention in resolve_mentions(lead, _published(article), anchor=anchor):
                if mention.value and mention.precision == "day":
                    out[event.id] = {"date": mention.value, "precision": "day",
                                     "inferred": inferred and mention.relative}
                    break
            if event.id in out:
                break
    return out
