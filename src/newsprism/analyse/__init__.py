"""Analyse: entities, quotes with speakers, and quote groups across outlets.

Entry point: :func:`analyse_articles`. Reads Articles (and the grouping, to know
which reports are original), writes an :class:`Analysis`.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib import resources

from ..model import Article, Entity, Grouping, Quote, QuoteGroup
from .entities import EntityLookup, Mention, entities_from_mentions, mentions_of
from .nlp import SharedParses, load_nlp
from .claims import extract_claims
from .framing import frame_articles, loaded_terms, outlet_profiles
from .quote_groups import EMBEDDER, embed, group_quotes, writing_system
from .quotes import extract_quotes
from .russian import russian_mentions, russian_quotes
from .summary import claim_support, summarise
from .timeline import build_timeline, event_dates

__all__ = ["Analysis", "analyse_articles", "quote_entry"]


@dataclass
class Analysis:
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    quote_groups: list[QuoteGroup] = field(default_factory=list)
    claims: list = field(default_factory=list)  # claims.Claim
    timeline: list = field(default_factory=list)  # timeline.TimelineEntry
    summaries: dict[str, list[dict]] = field(default_factory=dict)  # event or storyline id -> cited sentences
    framing: list[dict] = field(default_factory=list)  # one record per article (framing.frame_articles)
    outlet_profiles: list[dict] = field(default_factory=list)
    event_dates: dict[str, dict] = field(default_factory=dict)  # undated event id -> date from its lead
    problems: list[str] = field(default_factory=list)  # articles the readers failed on, each with why

    def sections(self) -> dict:
        """The JSON-ready sections beyond entities and quotes (stored as they are)."""
        return {"claims": [c.to_dict() for c in self.claims], "timeline": [t.to_dict() for t in self.timeline],
                "summaries": self.summaries, "framing": self.framing, "outlet_profiles": self.outlet_profiles,
                "event_dates": self.event_dates}


def quote_entry(quote: Quote) -> dict:
    return {"id": quote.id, "article_id": quote.article_id, "speaker": quote.speaker,
            "speaker_entity_id": quote.speaker_entity_id, "text": quote.text, "kind": quote.kind,
            "group_id": quote.group_id, "cue": quote.cue, "start": quote.start, "end": quote.end}


def _originality(articles: list[Article], grouping: Grouping | None) -> dict[str, int]:
    """Rank articles so that sources come before what derives from them, then by date.

    Depth = the longest chain of derived-from relations above an article, each article's
    computed once (an iterative depth-first walk; an edge back into the current chain, a
    cycle, is ignored). Walking every path instead is exponential on copy-heavy corpora."""
    derived_from: dict[str, list[str]] = {}
    for relation in (grouping.relations if grouping else []):
        if relation.kind in ("copy", "rewrite", "cites", "shares-source"):
            derived_from.setdefault(relation.from_id, []).append(relation.to)
    depth: dict[str, int] = {}
    on_chain: set[str] = set()
    for start in derived_from:
        if start in depth:
            continue
        stack = [(start, iter(derived_from.get(start, ())))]
        on_chain.add(start)
        while stack:
            node, parents = stack[-1]
            parent = next(parents, None)
            if parent is None:
                stack.pop()
                on_chain.discard(node)
                depth[node] = 1 + max((depth[p] for p in derived_from.get(node, ()) if p in depth), default=-1)
            elif parent not in depth and parent not in on_chain:
                on_chain.add(parent)
                stack.append((parent, iter(derived_from.get(parent, ()))))
    ordered = sorted(articles, key=lambda a: (depth.get(a.id, 0), a.published or "9999", a.id))
    return {a.id: rank for rank, a in enumerate(ordered)}


_CACHE_CHUNK = 500  # articles whose cached readings are fetched at once


@lru_cache(maxsize=1)
def _reader_fingerprint() -> str:
    """Changes whenever what reads an article's parse changes: the code and data of
    quotes (the stance model's weights too), entities and framing, the spaCy and natasha
    models, the tone lexicon's package. A stale cached reading is never used, and nobody has
    to remember to bump a version."""
    from importlib.metadata import version

    digest = hashlib.sha1()
    package = resources.files("newsprism.analyse")
    quotes = sorted(f"quotes/{entry.name}" for entry in package.joinpath("quotes").iterdir() if entry.name.endswith(".py"))
    for name in (*quotes, "entities.py", "framing.py", "nlp.py", "russian.py", "data/cues.toml", "data/cues_ru.toml",
                 "data/names_ru.toml", "data/roles.toml", "data/framing.toml", "data/stances.json"):
        digest.update(package.joinpath(name).read_bytes())
    digest.update(resources.files("newsprism").joinpath("model.py").read_bytes())  # Quote's fields
    meta = load_nlp().meta
    digest.update(f"{meta.get('lang')}_{meta.get('name')} {meta.get('version')} spacy {version('spacy')} "
                  f"vader {version('vadersentiment')} natasha {version('natasha')} iuliia {version('iuliia')}".encode())
    return digest.hexdigest()


def _article_fingerprint(article: Article) -> str:
    digest = hashlib.sha1(_reader_fingerprint().encode())
    for part in (article.id, article.title or "", article.text, article.author or "", "\x1f".join(article.cites),
                 "\x1f".join(block.text for block in article.removed if block.reason == "caption")):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\x00")
    return digest.hexdigest()


def _read_one(article: Article, parses):
    """(mentions, quotes, loaded terms) of one article, by the readers of its language."""
    if article.language == "ru":  # natasha's parse; no loaded-term lexicon for Russian yet
        return russian_mentions(article) + mentions_of(article, parses, body=False), \
            russian_quotes(article.id, article.text), []
    if writing_system(article.text) not in ("LATIN", ""):
        # Kazakh, Ukrainian, Arabic ...: no reader for the body here, and the English
        # model's reading of it is noise ("сказал Токаев" as an organisation).
        return mentions_of(article, parses, body=False), [], []
    found_mentions = mentions_of(article, parses)
    found_quotes = extract_quotes(article.id, article.text, parses)
    return found_mentions, found_quotes, loaded_terms(article, found_quotes, parses)


def _read_articles(articles: list[Article], cache=None, problems: list[str] | None = None):
    """(article, (mentions, quotes, loaded terms)) per article: what analysis reads from
    its parse. Each paragraph is parsed once for all three (they used to parse every
    article three times). With a ``cache`` (the store), an article read before with the
    same text and the same analysers is not parsed again: re-analysing a store after one
    new article parses that article only. An article a reader fails on gives nothing (and
    is not cached, so it is read again next time); ``problems`` gets one line naming it."""
    parses = SharedParses(load_nlp())
    for first in range(0, len(articles), _CACHE_CHUNK):
        chunk = articles[first:first + _CACHE_CHUNK]
        stored = cache.cached_article_analyses([a.id for a in chunk]) if cache else {}
        fresh = []
        for article in chunk:
            fingerprint = _article_fingerprint(article) if cache else None
            hit = stored.get(article.id)
            if hit and hit[0] == fingerprint:
                payload = json.loads(zlib.decompress(hit[1]))
                yield article, ([Mention(**m) for m in payload["mentions"]],
                                [Quote(**q) for q in payload["quotes"]], payload["terms"])
                continue
            try:
                found_mentions, found_quotes, found_terms = _read_one(article, parses)
            except Exception as exc:  # noqa: BLE001 - one article a reader trips on must not stop the rest
                parses.clear()
                if problems is not None:
                    problems.append(f"{article.id}: entities and quotes could not be read "
                                    f"({exc.__class__.__name__}: {exc})")
                yield article, ([], [], [])
                continue
            parses.clear()
            if cache:
                payload = {"mentions": [asdict(m) for m in found_mentions],
                           "quotes": [asdict(q) for q in found_quotes], "terms": found_terms}
                fresh.append((article.id, fingerprint, zlib.compress(
                    json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode())))
            yield article, (found_mentions, found_quotes, found_terms)
        if fresh:
            cache.cache_article_analyses(fresh)


def analyse_articles(articles: list[Article], grouping: Grouping | None = None, *, cache=None) -> Analysis:
    """``cache``: the store, if any, that keeps sentence embeddings and each article's
    parse readings (mentions, quotes, loaded terms) between runs."""
    mentions, quotes, terms, problems = [], [], {}, []
    for article, (found_mentions, found_quotes, found_terms) in _read_articles(articles, cache, problems):
        mentions += found_mentions
        quotes += found_quotes
        terms[article.id] = found_terms
    entities, _ = entities_from_mentions(articles, mentions)
    lookup = EntityLookup(entities)
    for quote in quotes:
        entity = lookup.find(quote.speaker)
        quote.speaker_entity_id = entity.id if entity else None
    order = _originality(articles, grouping)
    groups = group_quotes(quotes, {q.id: q.speaker_entity_id for q in quotes}, order, cache=cache,
                          people={e.id for e in entities if e.type == "person"})
    claims = extract_claims(articles, grouping, order,
                            embed=(lambda texts: embed(texts, cache)) if EMBEDDER != "none" else None)
    timeline = build_timeline(articles, grouping)
    dated_events = event_dates(articles, grouping)
    summaries = {}
    story_of = {}  # article id -> its storyline
    support = claim_support(claims)
    if grouping:
        by_id = {a.id: a for a in articles}
        events = {e.id: e for e in grouping.events}
        for event in grouping.events:
            members = [by_id[i] for i in event.article_ids if i in by_id]
            summaries[event.id] = summarise(members, claims, order, size=3, support=support)
        for story in grouping.storylines:
            member_ids = [i for e in story.event_ids for i in events[e].article_ids]
            summaries[story.id] = summarise([by_id[i] for i in member_ids if i in by_id], claims, order, size=5,
                                            support=support)
            for article_id in member_ids:
                story_of[article_id] = story.id
    framing = frame_articles(articles, entities, quotes, story_of, terms)
    return Analysis(entities=entities, quotes=quotes, quote_groups=groups, claims=claims, timeline=timeline,
                    summaries=summaries, framing=framing, outlet_profiles=outlet_profiles(framing, articles),
                    event_dates=dated_events, problems=problems)
