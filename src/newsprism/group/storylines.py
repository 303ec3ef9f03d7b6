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


def linked(a: Event, b: Event, params: StorylineParams, a_names: set[str] | None = None) -> bool:
    """Do two events belong to one storyline: close enough in time, sharing principal
    names and some vocabulary?"""
    if a.date and b.date and abs((a.date - b.date).days) > params.max_days:
        return False
    a_names = a_names if a_names is not None else principal_names(a, params.principal_names)
    return len(a_names & principal_names(b, params.principal_names)) >= params.min_shared_names and \
        _centroid_cosine(a, b) >= params.min_cosine


def link_events(events: list[Event], params: StorylineParams | None = None) -> list[list[Event]]:
    params = params or StorylineParams()
    parent = {e.id: e.id for e in events}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    names = {e.id: principal_names(e, params.principal_names) for e in events}
    by_id = {e.id: e for e in events}
    # Candidate pairs share at least two principal names: index events by name pairs
    # rather than comparing every event with every other (100k events stay cheap).
    by_pair: dict[tuple[str, str], list[str]] = {}
    for event in events:
        ranked = sorted(names[event.id])
        for i, first in enumerate(ranked):
            for second in ranked[i + 1:]:
                by_pair.setdefault((first, second), []).append(event.id)
    seen: set[tuple[str, str]] = set()
    for members in by_pair.values():
        # Each event meets at most the 50 events before it in a bucket: single link
        # still chains a long story together, and a huge bucket stays linear.
        for i, b_id in enumerate(members):
            for a_id in members[max(0, i - 50):i]:
                if (a_id, b_id) in seen or find(a_id) == find(b_id):
                    continue
                seen.add((a_id, b_id))
                if linked(by_id[a_id], by_id[b_id], params, names[a_id]):
                    parent[find(a_id)] = find(b_id)
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
