"""Events: articles that report the same happening, grouped online.

Each new article is compared with the events that share its rarest terms (an
inverted index keeps that cheap at 100k articles) and joins the best one if the
score clears a threshold; otherwise it opens a new event. Nothing is re-clustered.

score = w_terms * cosine(article terms, event centroid)
      + w_names * overlap(names mentioned)
      + w_title * cosine(article title, titles of the event's reports)
      + w_years * agreement of the years mentioned (-1 .. +1, when both mention years)
      - date penalty when publication dates are known and far apart
The weights and threshold are tuned on ECB+ train/dev (bench/events.py), never on
the example corpus.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from .features import Features, name_overlap, rarity


_MONTHS = {m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                           "nov", "dec"])}
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?:[a-z]*)\.?"
_DAY_MONTH = re.compile(rf"\b(?:{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b|(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b)",
                        re.I)


def mentioned_days(sentences: list[str]) -> set[int]:
    """Calendar days a text mentions ("November 9", "9 Nov.", "June 13th"), as day of the year (1-366).

    Without a year (most mentions have none) only the day of the year can be compared;
    neighbouring days in December and January are handled by comparing cyclically."""
    days = set()
    for sentence in sentences:
        for m in _DAY_MONTH.finditer(sentence):
            word = m.group(1) or m.group(4)
            if not word[0].isupper():  # "may 5 people"
                continue
            month = _MONTHS[word.lower()[:3]]
            day = int(m.group(2) or m.group(3))
            if 1 <= day <= 31:
                days.add(round((month - 1) * 30.5 + day))
    return days


def _day_gap(a: int, b: int) -> int:
    gap = abs(a - b)
    return min(gap, 366 - gap)


@dataclass
class EventParams:
    w_terms: float = 0.75
    w_names: float = 0.25
    w_title: float = 0.0
    w_years: float = 0.0
    w_days: float = 0.0
    # "both": agreement in -1..+1 adds or subtracts; "penalty": only disagreement subtracts
    # (two reports of different happenings often share a year; one happening's reports rarely
    # disagree on it).
    mentions_mode: str = "both"
    days_window: int = 3  # mentioned calendar days this close count as the same day
    threshold: float = 0.30
    # Reports of one happening are published within days of each other; beyond
    # this gap (when both dates are known) a candidate is penalised.
    max_days: int = 10
    date_penalty: float = 0.3
    index_terms: int = 30  # terms of each article put in the inverted index
    query_terms: int = 15  # terms of a new article used to find candidate events
    max_candidates: int = 200
    # Weight terms also by their rarity in what was seen so far: the words a whole
    # storyline shares ("Russia", "Kazakhstan") say little about which event.
    corpus_idf: bool = True
    # What that rarity counts: "articles" (document frequency) or "events" (in how many
    # events a term occurs - terms every report of one event repeats are not penalised).
    idf_unit: str = "articles"
    # How names are weighted in the overlap: "count" (share of mentions only), "events"
    # (also by rarity among events: a country every event names counts less), "rarity"
    # (also by rarity in the language: "Teixeira" over "Today" capitalised at a sentence start).
    names_weight: str = "count"
    # Years compared: "any" (share of the event's reports that mention one of the article's
    # years) or "latest" (that mention the same latest year - the year of the news; older
    # years are background).
    years_mode: str = "any"


@dataclass
class Event:
    id: str
    article_ids: list[str] = field(default_factory=list)
    term_sum: dict[str, float] = field(default_factory=dict)
    norm2: float = 0.0
    names: Counter[str] = field(default_factory=Counter)
    dates: list[date] = field(default_factory=list)
    years: Counter[int] = field(default_factory=Counter)
    title_sum: dict[str, float] = field(default_factory=dict)
    title_norm2: float = 0.0
    with_years: int = 0  # reports that mention any year
    latest_years: Counter[int] = field(default_factory=Counter)  # latest year each report mentions
    days: list[set[int]] = field(default_factory=list)  # calendar days each dated report mentions

    def add(self, f: Features) -> list[str]:
        """Add a report; returns the terms new to this event."""
        self.article_ids.append(f.article_id)
        new_terms = []
        for term, weight in f.terms.items():
            old = self.term_sum.get(term)
            if old is None:
                old = 0.0
                new_terms.append(term)
            new = old + weight
            self.term_sum[term] = new
            self.norm2 += new * new - old * old
        for term, weight in f.title_terms.items():
            old = self.title_sum.get(term, 0.0)
            new = old + weight
            self.title_sum[term] = new
            self.title_norm2 += new * new - old * old
        self.names.update(f.names)
        if f.published:
            self.dates.append(f.published)
        self.years.update(f.years)
        if f.years:
            self.with_years += 1
            self.latest_years[max(f.years)] += 1
        days = mentioned_days(f.sentences)
        if days:
            self.days.append(days)
        return new_terms

    def cosine(self, terms: dict[str, float], idf=None) -> float:
        if idf is None:
            if self.norm2 <= 0:
                return 0.0
            return sum(w * self.term_sum.get(t, 0.0) for t, w in terms.items()) / math.sqrt(self.norm2)
        weighted = {t: w * idf(t) for t, w in terms.items()}
        norm_a = math.sqrt(sum(w * w for w in weighted.values()))
        norm_b = math.sqrt(sum((w * idf(t)) ** 2 for t, w in self.term_sum.items()))
        if not norm_a or not norm_b:
            return 0.0
        return sum(w * self.term_sum.get(t, 0.0) * idf(t) for t, w in weighted.items()) / (norm_a * norm_b)

    def title_cosine(self, title_terms: dict[str, float]) -> float:
        if self.title_norm2 <= 0 or not title_terms:
            return 0.0
        return sum(w * self.title_sum.get(t, 0.0) for t, w in title_terms.items()) / math.sqrt(self.title_norm2)

    def year_agreement(self, years: set[int], latest: bool = False) -> float | None:
        """+1 when every report of the event that mentions a year mentions one of these, -1 when none does
        (``latest``: when its latest year is the latest of these)."""
        if not years or not self.with_years:
            return None
        if latest:
            return 2.0 * self.latest_years.get(max(years), 0) / self.with_years - 1.0
        return 2.0 * max(self.years.get(y, 0) for y in years) / self.with_years - 1.0

    def day_agreement(self, days: set[int], window: int) -> float | None:
        """+1 when every report of the event that mentions a calendar day mentions one near these, -1 when none does."""
        if not days or not self.days:
            return None
        near = sum(1 for other in self.days if any(_day_gap(a, b) <= window for a in days for b in other))
        return 2.0 * near / len(self.days) - 1.0

    @property
    def date(self) -> date | None:
        return min(self.dates) if self.dates else None

    def top_terms(self, n: int = 10) -> list[str]:
        return [t for t, _ in sorted(self.term_sum.items(), key=lambda kv: -kv[1])[:n]]


class EventIndex:
    """Online event grouping; ``add`` assigns one article and returns its event id."""

    def __init__(self, params: EventParams | None = None):
        self.params = params or EventParams()
        self.events: dict[str, Event] = {}
        self.index: dict[str, set[str]] = {}
        self.event_of: dict[str, str] = {}
        self.df: Counter[str] = Counter()  # articles per term
        self.ef: Counter[str] = Counter()  # events per term
        self.name_ef: Counter[str] = Counter()  # events per name
        self.seen = 0
        self._days_of: tuple[str | None, set[int]] = (None, set())
        self._article_cache: tuple = (None, {}, 0.0)
        self._event_norms: dict[str, tuple] = {}
        self._ef_total = 0

    def idf(self, term: str) -> float:
        if self.params.idf_unit == "events":
            return math.log((len(self.events) + 2) / (self.ef.get(term, 0) + 1.5))
        # +1 on both sides: the article being scored counts as seen.
        return math.log((self.seen + 2) / (self.df.get(term, 0) + 1.5))

    def _idf_norm(self, weights: dict[str, float]) -> float:
        """sqrt(sum((w * idf(t))^2)), inlined: the hot loop of scoring."""
        if self.params.idf_unit == "events":
            total, counts = math.log(len(self.events) + 2), self.ef
        else:
            total, counts = math.log(self.seen + 2), self.df
        log, get = math.log, counts.get
        return math.sqrt(sum((w * (total - log(get(t, 0) + 1.5))) ** 2 for t, w in weights.items()))

    def name_idf(self, name: str) -> float:
        return math.log((len(self.events) + 2) / (self.name_ef.get(name, 0) + 1.5))

    def names_score(self, f: Features, event: Event) -> float:
        how = self.params.names_weight
        if how == "count":
            return name_overlap(f.names, event.names)
        weight = self.name_idf if how == "events" else rarity
        a, b = f.names, event.names
        if not a or not b:
            return 0.0
        sa, sb = sum(a.values()), sum(b.values())
        inter = union = 0.0
        for k in set(a) | set(b):
            w = weight(k)
            x, y = a.get(k, 0) / sa, b.get(k, 0) / sb
            inter += w * min(x, y)
            union += w * max(x, y)
        return inter / union if union else 0.0

    def _stamp(self) -> int:
        """Changes when the corpus counts behind ``idf`` have moved enough to matter: at every
        step while the corpus is small, then every 1 % of growth (cached norms are refreshed)."""
        # For event rarity, the number of (event, term) pairs: it moves whenever any ef does.
        n = self._ef_total if self.params.idf_unit == "events" else self.seen
        return n if n < 100 else 100 + int(math.log(n / 100) / math.log(1.01))

    def term_cosine(self, f: Features, event: Event) -> float:
        """Cosine of the article's terms and the event's centroid, both weighted by corpus idf
        when ``corpus_idf``; the idf-weighted norms are cached (refreshed when the event grows
        or the corpus moved, see ``_stamp``), so a candidate costs O(article terms)."""
        if not self.params.corpus_idf:
            return event.cosine(f.terms)
        stamp = self._stamp()
        if self._article_cache[0] != (f.article_id, stamp):
            idf = {t: self.idf(t) for t in f.terms}
            norm = math.sqrt(sum((w * idf[t]) ** 2 for t, w in f.terms.items()))
            # Each term's weight times idf twice: once for each side of the dot product.
            self._article_cache = ((f.article_id, stamp), {t: w * idf[t] ** 2 for t, w in f.terms.items()}, norm)
        _, doubled, norm_a = self._article_cache
        key = (len(event.article_ids), stamp)
        cached = self._event_norms.get(event.id)
        if cached is None or cached[0] != key:
            cached = (key, self._idf_norm(event.term_sum))
            self._event_norms[event.id] = cached
        norm_b = cached[1]
        if not norm_a or not norm_b:
            return 0.0
        term_sum = event.term_sum
        if len(doubled) > len(term_sum):
            dot = sum(w * doubled.get(t, 0.0) for t, w in term_sum.items())
        else:
            dot = sum(w * term_sum.get(t, 0.0) for t, w in doubled.items())
        return dot / (norm_a * norm_b)

    def score(self, f: Features, event: Event) -> float:
        p = self.params
        score = p.w_terms * self.term_cosine(f, event) + p.w_names * self.names_score(f, event)
        if p.w_title:
            score += p.w_title * event.title_cosine(f.title_terms)
        if p.w_years:
            agreement = event.year_agreement(f.years, latest=p.years_mode == "latest")
            if agreement is not None:
                score += p.w_years * (agreement if p.mentions_mode == "both" else min(0.0, agreement))
        if p.w_days:
            agreement = event.day_agreement(self._days(f), p.days_window)
            if agreement is not None:
                score += p.w_days * (agreement if p.mentions_mode == "both" else min(0.0, agreement))
        if f.published and event.dates:
            gap = min(abs((f.published - d).days) for d in event.dates)
            if gap > p.max_days:
                score -= p.date_penalty
        return score

    def _days(self, f: Features) -> set[int]:
        if self._days_of[0] != f.article_id:
            self._days_of = (f.article_id, mentioned_days(f.sentences))
        return self._days_of[1]

    def candidates(self, f: Features) -> list[Event]:
        top = sorted(f.terms.items(), key=lambda kv: -kv[1])[: self.params.query_terms]
        hits: Counter[str] = Counter()
        for term, _ in top:
            for event_id in self.index.get(term, ()):
                hits[event_id] += 1
        return [self.events[e] for e, _ in hits.most_common(self.params.max_candidates)]

    def best(self, f: Features) -> tuple[Event | None, float]:
        best, best_score = None, -math.inf
        for event in self.candidates(f):
            s = self.score(f, event)
            if s > best_score:
                best, best_score = event, s
        return best, best_score

    def add(self, f: Features, *, join: str | None = None) -> str:
        """Assign an article; ``join`` forces the event of that (already added) article -
        used when the article is a copy or rewrite of it, which reports the same happening."""
        if f.article_id in self.event_of:
            return self.event_of[f.article_id]
        if join and join in self.event_of:
            event, score = self.events[self.event_of[join]], math.inf
        else:
            event, score = self.best(f)
        self.seen += 1
        self.df.update(f.terms.keys())
        if event is None or score < self.params.threshold:
            event = Event(id=f"ev-{f.article_id}")
            self.events[event.id] = event
        new_names = [n for n in f.names if n not in event.names]
        new_terms = event.add(f)
        self.ef.update(new_terms)
        self._ef_total += len(new_terms)
        self.name_ef.update(new_names)
        for term, _ in sorted(f.terms.items(), key=lambda kv: -kv[1])[: self.params.index_terms]:
            self.index.setdefault(term, set()).add(event.id)
        self.event_of[f.article_id] = event.id
        return event.id
