"""Storylines: events that belong to one developing story.

Two events are linked when they share their principal actors (the names most
mentioned across their articles) and some vocabulary, within a time window of
months; storylines are the connected groups (single link), so a story can drift
from its first event to its latest through the ones between.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .events import Event


@dataclass
class StorylineParams:
    principal_names: int = 5  # how many top names stand for an event's actors
    min_shared_names: int = 2
    min_cosine: float = 0.15
    max_days: int = 180


def principal_names(event: Event, n: int) -> set[str]:
    ranked = sorted(event.names.items(), key=lambda kv: (-kv[1], kv[0]))  # ties broken by name: deterministic
    return {name for name, _ in ranked[:n]}


def _centroid_cosine(a: Event, b: Event) -> float:
    import math

    if a.norm2 <= 0 or b.norm2 <= 0:
        return 0.0
    small, big = (a, b) if len(a.term_sum) < len(b.term_sum) else (b, a)
    dot = sum(w * big.term_sum.get(t, 0.0) for t, w in small.term_sum.items())
    return dot / math.sqrt(a.norm2 * b.norm2)


def link_events(events: list[Event], params: StorylineParams | None = None) -> list[list[Event]]:
    params = params or StorylineParams()
    parent = {e.id: e.id for e in events}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    names = {e.id: principal_names(e, params.principal_names) for e in events}
    for i, a in enumerate(events):
        for b in events[i + 1:]:
            if a.date and b.date and abs((a.date - b.date).days) > params.max_days:
                continue
            if len(names[a.id] & names[b.id]) >= params.min_shared_names and \
                    _centroid_cosine(a, b) >= params.min_cosine:
                parent[find(a.id)] = find(b.id)
    groups: dict[str, list[Event]] = {}
    for e in events:
        groups.setdefault(find(e.id), []).append(e)
    return list(groups.values())


def storyline_label(events: list[Event]) -> str:
    """The names the story's events share most, e.g. "Kazakhstan, Russia, Tokayev"."""
    counts: Counter[str] = Counter()
    for e in events:
        for name in principal_names(e, 5):
            counts[name] += 1
    top = [n for n, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3]]
    return ", ".join(n.title() for n in top) if top else "storyline"
