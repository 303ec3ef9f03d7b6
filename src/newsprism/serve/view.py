"""A read-only, indexed view of a store for the web app.

The app reads a lot and writes nothing, so the store is loaded once into memory
with the indexes the pages need (article -> event, storyline, quotes, framing,
...) and reloaded only when the database file changes.
"""

from __future__ import annotations

import gc
import os
import threading
from collections import defaultdict
from dataclasses import dataclass, field

from ..analyse import Analysis
from ..model import Article, Grouping
from ..report import build_report
from ..store import open_store


@dataclass
class StoreView:
    path: str
    articles: dict[str, Article] = field(default_factory=dict)
    grouping: Grouping = field(default_factory=Grouping)
    analysis: Analysis = field(default_factory=Analysis)
    story_of_event: dict[str, str] = field(default_factory=dict)
    event_of_article: dict[str, str] = field(default_factory=dict)
    quotes_of: dict[str, list] = field(default_factory=lambda: defaultdict(list))
    quote_by_id: dict[str, object] = field(default_factory=dict)
    entities_of: dict[str, list] = field(default_factory=lambda: defaultdict(list))
    framing_of: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str) -> "StoreView":
        store = open_store(path)
        try:
            view = cls(path=path)
            view.articles = {a.id: a for a in store.articles(latest_only=True)}
            view.grouping = store.load_grouping()
            entities, quotes, groups = store.load_analysis()
            sections = store.load_sections()
        finally:
            store.close()
        from ..analyse.claims import Claim
        from ..analyse.timeline import TimelineEntry

        view.analysis = Analysis(
            entities=entities, quotes=quotes, quote_groups=groups,
            claims=[Claim(**c) for c in sections.get("claims", [])],
            timeline=[TimelineEntry(**t) for t in sections.get("timeline", [])],
            summaries=sections.get("summaries", {}), framing=sections.get("framing", []),
            outlet_profiles=sections.get("outlet_profiles", []), event_dates=sections.get("event_dates", {}))
        for story in view.grouping.storylines:
            for event_id in story.event_ids:
                view.story_of_event[event_id] = story.id
        for event in view.grouping.events:
            for article_id in event.article_ids:
                view.event_of_article[article_id] = event.id
        for quote in quotes:
            view.quotes_of[quote.article_id].append(quote)
            view.quote_by_id[quote.id] = quote
        for entity in entities:
            for article_id in entity.article_ids:
                view.entities_of[article_id].append(entity)
        view.framing_of = {f["article_id"]: f for f in view.analysis.framing}
        return view

    def storyline(self, story_id: str):
        return next((s for s in self.grouping.storylines if s.id == story_id), None)

    def story_article_ids(self, story_id: str) -> list[str]:
        story = self.storyline(story_id)
        events = {e.id: e for e in self.grouping.events}
        return [a for e in (story.event_ids if story else []) for a in events[e].article_ids if a in self.articles]

    def report(self, article_ids: list[str]) -> dict:
        """The report contract for these articles (and their events' other articles)."""
        ids = set(article_ids)
        events = [e for e in self.grouping.events if ids & set(e.article_ids)]
        for event in events:
            ids.update(a for a in event.article_ids if a in self.articles)
        event_ids = {e.id for e in events}
        grouping = Grouping(events=events,
                            storylines=[s for s in self.grouping.storylines if event_ids & set(s.event_ids)],
                            relations=[r for r in self.grouping.relations if r.from_id in ids])
        quotes = [q for a in ids for q in self.quotes_of.get(a, [])]
        group_ids = {q.group_id for q in quotes if q.group_id}
        # (The other versions of their quotes, wherever they are: a storyline's "who said what"
        # shows every version; build_report brings in their articles.)
        quotes += [self.quote_by_id[i] for g in self.analysis.quote_groups if g.id in group_ids
                   for i in g.quote_ids if i in self.quote_by_id and self.quote_by_id[i].article_id not in ids]
        entity_ids = {e.id for a in ids for e in self.entities_of.get(a, [])}
        analysis = Analysis(
            entities=[e for e in self.analysis.entities if e.id in entity_ids],
            quotes=quotes,
            quote_groups=[g for g in self.analysis.quote_groups if g.id in group_ids],
            claims=[c for c in self.analysis.claims if ids & set(c.stance)],
            timeline=[t for t in self.analysis.timeline if ids & set(t.article_ids)],
            summaries={k: v for k, v in self.analysis.summaries.items()
                       if k in event_ids or k in {s.id for s in grouping.storylines}},
            framing=[self.framing_of[a] for a in ids if a in self.framing_of],
            outlet_profiles=self.analysis.outlet_profiles, event_dates=self.analysis.event_dates)
        chosen = [self.articles[a] for a in article_ids if a in self.articles]
        return build_report(chosen, grouping, database=self.path, store_articles=self.articles, analysis=analysis)


class ViewCache:
    """Reload the view when the database (or its write-ahead log) changes on disk."""

    def __init__(self, path: str):
        self.path = path
        self._lock = threading.Lock()
        self._stamp: tuple | None = None
        self._view: StoreView | None = None

    def _current_stamp(self) -> tuple:
        stamps = []
        for suffix in ("", "-wal"):
            try:
                info = os.stat(self.path + suffix)
                stamps.append((info.st_mtime_ns, info.st_size))
            except FileNotFoundError:
                stamps.append(None)
        return tuple(stamps)

    def get(self) -> StoreView:
        stamp = self._current_stamp()
        with self._lock:
            if self._view is None or stamp != self._stamp:
                self._view = None
                gc.unfreeze()
                gc.collect()
                self._view = StoreView.load(self.path)
                self._stamp = stamp
                # The view is read-only and long-lived: kept out of the collector's scans, a
                # page that allocates 30k small dicts no longer pays for walking the whole
                # store in memory (the largest storyline page: 0.43 s -> see bench/README).
                gc.freeze()
            return self._view
