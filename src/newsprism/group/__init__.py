"""Group: events, storylines, and the copy/credit relations between articles.

Entry points: :func:`group_articles` (in memory) and :class:`Grouper` (in memory, or
incrementally against a store). Articles are taken in publication order (then
ingestion order) and each one goes through the same online steps a new article
would: find text-sharing candidates (LSH, credits), classify each pair, join an
event (forced when it copies or rewrites an article already grouped), then check
the rest of its event for relations. Storylines link the events.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..model import Article, EventGroup, Grouping, Relation, Storyline
from .copies import CopyIndex, CopyParams, PairVerdict, classify
from .events import Event, EventIndex, EventParams, Lazy
from .features import Features, features
from .storylines import StorylineParams, link_events, linked, principal_names, storyline_label

__all__ = ["group_articles", "Grouper", "GroupingDelta", "Grouping", "EventGroup", "Storyline", "Relation"]

# Sentence alignment weighs words by corpus rarity (idf). While the corpus is a handful of
# articles every shared word looks common and no sentence matches (an article arriving
# second found no rewrite that batch grouping of the same five found): this many
# pseudo-documents that lack every word keep early idf moderate. Negligible from a few
# hundred articles on (bench/copies.py: no change at 3k). The smallest of 5/10/20 that
# made one-by-one arrival of the example corpus group as a batch does; 10+ added a false rewrite.
ALIGN_PSEUDO_DOCS = 5

# Articles of a credited outlet (and articles crediting this one's outlet) checked per
# article: the latest ones. Unbounded, a 1,000-article copy-heavy corpus took 15 min to group.
CREDIT_CANDIDATES = 20

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
    # Publication order, undated articles last; never the ingestion time: articles of one
    # batch straddle a second boundary at random, and the grouping (its event ids too)
    # must not depend on when they happened to be read.
    return (article.published or "9999", article.id)


class Grouper:
    """The online grouping state: events, the copy index, who credits whom, relations found.

    ``add`` takes one article through the steps every article goes through: find
    text-sharing candidates (LSH, credits, the closest events' reports), classify each
    pair, join an event (forced when it copies or rewrites an article already grouped),
    then check the rest of its event for relations.

    In memory (``backing=None``) it holds everything given to it. With ``backing``, a
    store's grouping index (``Store.index_*``), it starts from what is stored and loads
    only what an article needs; :meth:`delta` says what to write back.
    """

    def __init__(self, *, backing=None, event_params: EventParams | None = None,
                 copy_params: CopyParams | None = None, story_params: StorylineParams | None = None):
        self.backing = backing
        self.copy_params = copy_params
        self.story_params = story_params or StorylineParams()
        self.event_index = EventIndex(event_params, backing)
        self.copy_index = CopyIndex(copy_params, backing)
        self.by_id: dict[str, Article] = Lazy(self._load_article if backing else None)
        self.feats: dict[str, Features] = Lazy(lambda i: features(self.by_id[i]) if i in self.by_id else None)
        self.relations: dict[tuple[str, str], Relation] = {}
        self.checked: set[frozenset[str]] = set()
        self.by_outlet: dict[str, list[str]] = {}  # outlet -> its articles
        self.citing: dict[str, list[str]] = {}  # credited name -> articles that credit it
        self._names_loaded: set[tuple[str, str]] = set()
        self.added: list[str] = []
        # Corpus rarity for sentence alignment: the articles grouped so far (the event
        # index's counts) plus those given but not added yet (``expect``).
        self.pending: Counter[str] = Counter()
        self._expected: set[str] = set()  # given to ``expect``, not added yet
        self.sentence_vectors: dict[str, dict[str, float]] = {}  # one idf per run: computed once, not per pair

    def _load_article(self, article_id: str) -> Article | None:
        return self.backing.index_articles([article_id]).get(article_id)

    def _load_articles(self, article_ids) -> None:
        """From the store, in one query, the articles among these not loaded yet."""
        if self.backing:
            self.by_id.update(self.backing.index_articles([i for i in article_ids
                                                           if not dict.__contains__(self.by_id, i)]))

    def expect(self, articles: list[Article]) -> None:
        """Articles about to be added (their words count in the corpus rarity from the start)."""
        for article in articles:
            if article.id in self._expected:
                continue
            dict.__setitem__(self.by_id, article.id, article)
            self.pending.update(self.feats[article.id].terms.keys())
            self._expected.add(article.id)
        self.event_index.need_counts(self.pending)

    def idf(self, term: str) -> float:
        n = self.event_index.seen + len(self._expected)
        return math.log((n + 1 + ALIGN_PSEUDO_DOCS) / (self.event_index.df.get(term, 0) + self.pending.get(term, 0) + 0.5))

    def _names(self, kind: str, name: str) -> list[str]:
        """The articles of outlet ``name`` (kind "outlet") or crediting it ("cites"), in arrival
        order; from a store, only the latest ``CREDIT_CANDIDATES`` (all that is used)."""
        table = self.by_outlet if kind == "outlet" else self.citing
        found = table.setdefault(name, [])
        if self.backing and (kind, name) not in self._names_loaded:
            self._names_loaded.add((kind, name))
            found[:0] = self.backing.index_names(kind, name, limit=CREDIT_CANDIDATES)
        return found

    def remember(self, article: Article) -> None:
        if article.outlet:
            self._names("outlet", _norm(article.outlet)).append(article.id)
        for cite in article.cites:
            self._names("cites", _norm(cite)).append(article.id)

    def keep(self, existing: Grouping, articles: dict[str, Article]) -> set[str]:
        """In memory: rebuild a stored grouping's events as they are (founder first, so
        event ids are stable) and keep its relations. Returns the articles it holds."""
        grouped: set[str] = set()
        for event in existing.events:
            founder = event.id.removeprefix("ev-")
            members = sorted((i for i in event.article_ids if i in articles), key=lambda i: i != founder)
            for member in members:
                self.event_index.add(self.feats[member], join=members[0] if member != members[0] else None)
                self._settle(member)
                self.copy_index.add(member, articles[member].text)
                self.remember(articles[member])
                grouped.add(member)
        for relation in existing.relations:
            if relation.from_id in grouped and (relation.to in grouped or relation.to not in articles):
                self.relations[(relation.from_id, relation.to)] = relation
                if relation.to in grouped:
                    self.checked.add(frozenset((relation.from_id, relation.to)))
        return grouped

    def run(self, articles: list[Article], *, existing: Grouping | None = None) -> int:
        """Group ``articles``: those ``existing`` holds as they were (in memory only), the
        rest one by one in publication order. Returns how many were added."""
        self.expect(articles)
        grouped = self.keep(existing, {a.id: a for a in articles}) if existing else set()
        order = sorted((a for a in articles if a.id not in grouped), key=_order_key)
        for article in order:
            self.add(article)
        return len(order)

    def _settle(self, article_id: str) -> None:
        """An added article's words move from "expected" to the event index's counts."""
        if article_id not in self._expected:
            return
        self._expected.discard(article_id)
        self.pending.subtract(self.feats[article_id].terms.keys())

    def check(self, article: Article, other_id: str) -> PairVerdict | None:
        key = frozenset((article.id, other_id))
        if key in self.checked or other_id == article.id or other_id not in self.by_id:
            return None
        self.checked.add(key)
        other = self.feats[other_id]
        self.event_index.need_counts(other.terms)
        verdict = classify(article, self.feats[article.id], self.by_id[other_id], other, self.copy_params,
                           self.idf, self.sentence_vectors)
        if verdict:
            relation = _relation(verdict)
            self.relations[(relation.from_id, relation.to)] = relation
        return verdict

    def add(self, article: Article) -> str:
        """Group one article; returns its event id."""
        dict.__setitem__(self.by_id, article.id, article)
        f = self.feats[article.id]
        index = self.event_index
        # Candidates: shared shingles (LSH), credits either way, and the reports of
        # the events this article is closest to (rewrites share facts, not shingles).
        candidates = set(self.copy_index.add(article.id, article.text))
        # Credits either way, bounded to the latest reports (lists are in arrival order):
        # a wire credited by every article must not make each one check all its reports.
        for cite in article.cites:
            candidates.update(self._names("outlet", _norm(cite))[-CREDIT_CANDIDATES:])
        if article.outlet:
            candidates.update(self._names("cites", _norm(article.outlet))[-CREDIT_CANDIDATES:])
        # Bounded: the closest 3 events, 10 reports each (a big event's reports repeat
        # one another; the copies among them are found through LSH anyway).
        near = sorted(index.candidates(f), key=lambda e: -index.score(f, e))[:3]
        for event in near:
            candidates.update(event.article_ids[:10])
        self._load_articles(candidates)
        verdicts = [v for v in (self.check(article, c) for c in sorted(candidates)) if v]
        strong = [v for v in verdicts if v.kind in ("copy", "rewrite") or (v.kind == "cites" and v.alignment.pairs)]
        join = None
        if strong:
            best = max(strong, key=lambda v: v.score)
            join = best.source.id if best.derived is article else best.derived.id
        self._settle(article.id)
        event_id = index.add(f, join=join)
        members = list(index.events[event_id].article_ids)[:20]
        self._load_articles(members)
        for member in members:
            self.check(article, member)
        self.remember(article)
        self.added.append(article.id)
        return event_id

    def credit_outside_sources(self, article_ids: list[str]) -> None:
        """Credits to sources outside the corpus are relations too, to a named node."""
        for article_id in article_ids:
            article = self.by_id[article_id]
            for cite in article.cites:
                if self._names("outlet", _norm(cite)):  # an outlet of the corpus
                    if any(r.from_id == article.id and r.to in self.by_id and _norm(self.by_id[r.to].outlet) == _norm(cite)
                           for r in self.relations.values()):
                        continue
                places = self.feats[article.id].sentences + [r.text for r in article.removed
                                                              if r.reason == "credit-line"]
                sentence = next((s for s in places if cite in s), None)
                evidence = [{"from_text": sentence or cite, "to_text": None, "score": 1.0}]
                self.relations[(article.id, cite)] = Relation(article.id, cite, "credits", 1.0, "credit", evidence)

    def _drop_outdated_credits(self) -> list[tuple[str, str]]:
        """A credit to an outlet that was outside the corpus gives way to the relation with
        that outlet's article, once one has arrived. Returns the (from, to) dropped."""
        outdated = [(r.from_id, cite) for r in list(self.relations.values())
                    if r.kind != "credits" and r.to in self.by_id
                    for cite in self.by_id[r.from_id].cites if _norm(cite) == _norm(self.by_id[r.to].outlet)]
        for key in outdated:
            self.relations.pop(key, None)
        return outdated

    def event_group(self, event: Event, derivation: "Derivation") -> EventGroup:
        members = sorted(event.article_ids, key=lambda i: _order_key(self.by_id[i]))
        return EventGroup(
            id=event.id,
            label=_event_label([self.by_id[i] for i in members], derivation.derived),
            date=event.date.isoformat() if event.date else None,
            article_ids=members,
            independent_reports=independent_reports(members, derivation.links),
        )

    def grouping(self) -> Grouping:
        """Everything held, as one Grouping (in memory)."""
        self.credit_outside_sources(sorted(self.by_id, key=lambda i: _order_key(self.by_id[i])))
        self._drop_outdated_credits()
        derivation = Derivation(self.relations.values())
        events = [self.event_group(e, derivation) for e in self.event_index.events.values()]
        storylines = [_storyline(story) for story in link_events(list(self.event_index.events.values()),
                                                                 self.story_params)]
        return Grouping(events=events, storylines=storylines, relations=list(self.relations.values()))

    def delta(self) -> "GroupingDelta":
        """What the articles added since the start changed, for ``backing`` to store."""
        self.credit_outside_sources(self.added)
        index = self.event_index
        touched = [index.events[e] for e in sorted(index.dirty_events)]
        members = [m for e in touched for m in e.article_ids]
        self._load_articles(members)
        relations = {(r.from_id, r.to): r for r in self.backing.index_relations(members)}
        relations.update(self.relations)
        derivation = Derivation(relations.values())
        events = [self.event_group(e, derivation) for e in touched]
        storylines, dropped, appended = self._relink(touched)
        outdated = self._drop_outdated_credits()
        return GroupingDelta(
            events=events, storylines=storylines, dropped_storylines=dropped, storyline_events=appended,
            relations=list(self.relations.values()), dropped_relations=outdated,
            event_states={e.id: e.to_state() for e in touched},
            norms=index.norms(index.dirty_norms),
            term_counts={t: (index.df[t], index.ef[t]) for t in index.dirty_terms},
            postings=index.new_postings, lsh_keys=self.copy_index.new_keys,
            grouped=self.added,
            names=[("outlet", _norm(a.outlet), a.id) for a in map(self.by_id.__getitem__, self.added) if a.outlet]
            + [("cites", _norm(c), a.id) for a in map(self.by_id.__getitem__, self.added) for c in a.cites],
            totals=index.totals())

    def index_state(self, grouping: Grouping) -> "GroupingDelta":
        """In memory: the whole grouping and index, for a store to replace its own with."""
        index = self.event_index
        return GroupingDelta(
            events=grouping.events, storylines=grouping.storylines, dropped_storylines=[], storyline_events=[],
            relations=grouping.relations, dropped_relations=[],
            event_states={e.id: e.to_state() for e in index.events.values()},
            norms=index.norms(index.events),
            term_counts={t: (index.df[t], index.ef[t]) for t in index.df if index.df[t] or index.ef[t]},
            postings=[(t, e) for t, events in index.index.items() for e in sorted(events)],
            lsh_keys=self.copy_index.new_keys, grouped=list(self.by_id),
            names=[("outlet", name, i) for name, ids in self.by_outlet.items() for i in ids]
            + [("cites", name, i) for name, ids in self.citing.items() for i in ids],
            totals=index.totals())

    def _relink(self, touched: list[Event]) -> tuple[list[Storyline], list[str], list[tuple[str, str]]]:
        """Storylines, online: each touched event is linked to the stored events it shares
        principal names with (the same test as ``link_events``), and the storylines it
        meets are merged. Storylines only grow: nothing stored is split. Returns the new or
        merged storylines (written whole), the ids merged away, and (storyline, event) pairs
        to append to a stored storyline."""
        params = self.story_params
        index = self.event_index
        story_of = self.backing.index_storylines_of([e.id for e in touched])
        merges: list[set[str]] = []
        for event in touched:
            names = principal_names(event, params.principal_names)
            group = {event.id}
            # Linking to any one event of a storyline is enough to join it: the 50 events
            # sharing most principal names decide.
            for other in index.events_sharing(sorted(names), limit=50, min_hits=params.min_shared_names):
                if other.id != event.id and linked(event, other, params, names):
                    group.add(other.id)
            merges.append(group)
        story_of.update(self.backing.index_storylines_of(sorted({e for g in merges for e in g} - set(story_of))))
        # Union the groups with the storylines their events already belong to.
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            parent.setdefault(x, x)
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for group in merges:
            first, *rest = sorted(group)
            for other in rest:
                parent[find(other)] = find(first)
            for event_id in group:
                if event_id in story_of:
                    parent[find("story:" + story_of[event_id])] = find(first)
        components: dict[str, set[str]] = {}
        for node in list(parent):
            components.setdefault(find(node), set()).add(node)
        storylines, dropped, appended = [], [], []
        for nodes in components.values():
            old = sorted(n.removeprefix("story:") for n in nodes if n.startswith("story:"))
            event_ids = {n for n in nodes if not n.startswith("story:")}
            if old:
                # Events join stored storylines: the largest keeps its id and label (links to
                # it keep working) and takes the events it did not hold, those of the other
                # storylines met included; nothing stored is rewritten or re-read whole.
                sizes = self.backing.index_storyline_sizes(old)
                keeper = max(old, key=lambda story: (sizes.get(story, 0), story))
                joining = {e for e in event_ids if story_of.get(e) != keeper}
                for story in old:
                    if story != keeper:
                        joining.update(self.backing.index_storyline_events([story]))
                        dropped.append(story)
                appended.extend((keeper, e) for e in sorted(joining))
                continue
            index.prefetch_events(sorted(event_ids))
            storylines.append(_storyline([index.events[e] for e in sorted(event_ids)]))
        return storylines, dropped, appended


@dataclass
class GroupingDelta:
    """What one incremental grouping run changed: the rows a store rewrites."""
    events: list[EventGroup]
    storylines: list[Storyline]
    dropped_storylines: list[str]  # merged into another
    storyline_events: list[tuple[str, str]]  # (storyline, event) added to a stored storyline
    relations: list[Relation]
    dropped_relations: list[tuple[str, str]]  # (from, to) of relations that no longer hold
    event_states: dict[str, dict]
    norms: dict[str, tuple[int, int, float]]  # event id -> (size, stamp, idf-weighted norm), a cache
    term_counts: dict[str, tuple[int, int]]
    postings: list[tuple[str, str]]
    lsh_keys: list[tuple[int, str]]
    names: list[tuple[str, str, str]]
    grouped: list[str]  # the articles this run grouped
    totals: dict[str, int]


def _storyline(events: list[Event]) -> Storyline:
    events = sorted(events, key=lambda e: (e.date.isoformat() if e.date else "9999", e.id))
    return Storyline(id="st-" + events[0].id.removeprefix("ev-"), label=storyline_label(events),
                     event_ids=[e.id for e in events])


def group_articles(articles: list[Article], *, existing: Grouping | None = None,
                   event_params: EventParams | None = None,
                   copy_params: CopyParams | None = None,
                   story_params: StorylineParams | None = None) -> Grouping:
    """Group ``articles`` in memory. With ``existing`` (a stored grouping), its events and
    relations are kept as they are and only the articles it does not hold are assigned, online.
    Articles go in publication order (then ingestion order)."""
    grouper = Grouper(event_params=event_params, copy_params=copy_params, story_params=story_params)
    grouper.run(articles, existing=existing)
    return grouper.grouping()


class Derivation:
    """Who derives from whom, indexed once per grouping: each event used to walk every
    relation of the corpus twice (for its label and its count of independent reports)."""

    def __init__(self, relations):
        self.derived: set[str] = set()  # articles that derive from another
        self.links: dict[str, list[str]] = defaultdict(list)  # either way
        for r in relations:
            if r.kind in DERIVED_KINDS:
                self.derived.add(r.from_id)
                self.links[r.from_id].append(r.to)
                self.links[r.to].append(r.from_id)


def independent_reports(members: list[str], links: dict[str, list[str]]) -> int:
    """How many of ``members`` are independent reports: connected groups of the copy/credit
    graph (``Derivation.links``). Events count their reports with it, claims their support."""
    parent = {m: m for m in members}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for m in members:
        for other in links.get(m, ()):
            if other in parent:
                parent[find(m)] = find(other)
    return len({find(m) for m in members})


def _event_label(members: list[Article], derived: set[str]) -> str:
    """The title of the event's most original report (derived from no other), else of any report."""
    for article in sorted(members, key=lambda a: a.id in derived):
        if article.title:
            return article.title
    first = members[0].text.split("\n\n")[0]
    return first if len(first) <= 120 else first[:117].rsplit(" ", 1)[0] + "…"
