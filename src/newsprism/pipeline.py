"""The pipeline: ingest -> clean -> store, in batches; the CLI and web layer call these."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from .clean import CleanError, clean_document
from .clean.text import is_bodyish, normalise, words, Line
from .config import DEFAULT_SETTINGS, Settings
from .ingest import read_inputs
from .model import Article, Grouping, IngestResult, InputError, RawDocument
from .store import Store

# Documents are cleaned and written in chunks: enough for lines repeated across one
# outlet's articles to show, small enough to keep memory flat on big WARCs.
CHUNK = 500


def ingest(args: Iterable[str], store: Store, settings: Settings = DEFAULT_SETTINGS, *,
           fetch_links: bool = False, on_item: Callable[[str], None] | None = None) -> IngestResult:
    """Read, clean and store every input; bad inputs become errors, the rest is stored.

    Each document is written in its own transaction, so an interruption or a
    failure never leaves a half-written article behind, and what was stored
    before stays stored.
    """
    args = list(args)
    result = IngestResult()
    batch = store.start_batch(args)
    try:
        chunk: list[RawDocument] = []
        for item in read_inputs(args, settings, fetch_links=fetch_links):
            if on_item:
                on_item(item.source if isinstance(item, InputError) else item.source_path)
            if isinstance(item, InputError):
                result.errors.append(item)
                continue
            chunk.append(item)
            if len(chunk) >= CHUNK:
                _store_chunk(chunk, store, result)
                chunk = []
        if chunk:
            _store_chunk(chunk, store, result)
    finally:
        store.finish_batch(batch, added=len(result.added), versions=len(result.versions),
                           unchanged=len(result.unchanged), errors=result.errors)
    return result


def _store_chunk(raws: list[RawDocument], store: Store, result: IngestResult) -> None:
    cleaned: list[tuple[RawDocument, Article]] = []
    for raw in raws:
        article = _clean(raw, result)
        if article:
            cleaned.append((raw, article))
    # Second pass: lines that recur across one outlet's articles - in this chunk or
    # already stored - are page furniture.
    keys = {a.outlet_key for _, a in cleaned} - {None}
    stored = [old for key in keys for old in store.articles_of_outlet(key)]
    boilerplate = outlet_boilerplate([a for _, a in cleaned] + stored)
    for raw, article in cleaned:
        known = boilerplate.get(article.outlet_key, frozenset())
        if known and any(normalise(p) in known for p in article.text.split("\n\n")):
            article = _clean(raw, result, known) or article
        outcome, article_id = store.add_article(article)
        {"added": result.added, "version": result.versions, "unchanged": result.unchanged}[outcome].append(article_id)


def _clean(raw: RawDocument, result: IngestResult, known: frozenset[str] = frozenset()) -> Article | None:
    try:
        return clean_document(raw, known)
    except CleanError as exc:
        result.errors.append(InputError(raw.source_path, str(exc)))
    except Exception as exc:  # noqa: BLE001 - one broken document must not stop the batch
        result.errors.append(InputError(raw.source_path, f"could not be processed ({exc.__class__.__name__}: {exc})"))
    return None


def outlet_boilerplate(articles: list[Article]) -> dict[str, frozenset[str]]:
    """Per outlet, the lines found in two or more of its articles (distinct URLs).

    Long prose lines must recur in at least three articles: two stories of one
    outlet may legitimately share a background paragraph.
    """
    by_outlet: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for article in articles:
        key = article.outlet_key
        if not key:
            continue
        seen_as = article.url or article.id
        # Stored articles had the furniture removed already: their removed lines count too.
        lines = article.text.split("\n\n") + [ln for r in article.removed for ln in r.text.split("\n")]
        for paragraph in lines:
            by_outlet[key][normalise(paragraph)].add(seen_as)
    result: dict[str, frozenset[str]] = {}
    for key, lines in by_outlet.items():
        repeated = set()
        for norm, docs in lines.items():
            line = Line(text=norm, index=0, words=len(words(norm)))
            if len(docs) >= 3 or (len(docs) >= 2 and not is_bodyish(line)):
                repeated.add(norm)
        if repeated:
            result[key] = frozenset(repeated)
    return result


def regroup(store: Store, *, full: bool = False) -> Grouping:
    """Group the stored articles that no event holds yet, online (:func:`group_new`),
    and return the whole stored grouping. ``full`` groups everything afresh."""
    group_new(store, full=full)
    return store.load_grouping()


def group_new(store: Store, *, full: bool = False) -> int:
    """Assign the stored articles that no event holds yet; existing events and relations
    stay as they are. Reads from the store's grouping index only what the new articles
    need, so one new article costs about the same at 100 or 100k stored articles.

    Everything is grouped afresh, in memory, when ``full`` is asked (after a change of
    parameters, say), when the store has no grouping index yet, or when a newer version
    of a grouped article arrived (superseded versions leave the grouping). Returns the
    number of articles grouped."""
    from .group import Grouper

    if full or not store.index_ready() or store.superseded_in_grouping():
        articles = store.articles(latest_only=True)
        grouper = Grouper()
        added = grouper.run(articles, existing=None if full else store.load_grouping())
        grouping = grouper.grouping()
        store.save_grouping(grouping, index=grouper.index_state(grouping))
        return added
    new = store.ungrouped_articles()
    if not new:
        return 0
    grouper = Grouper(backing=store)
    added = grouper.run(new)
    store.save_grouping_delta(grouper.delta())
    return added


def reanalyse(store: Store, grouping: Grouping | None = None):
    """Entities, quotes and quote groups of every stored article (latest versions); stored."""
    from .analyse import analyse_articles

    analysis = analyse_articles(store.articles(latest_only=True), grouping or store.load_grouping(), cache=store)
    store.save_analysis(analysis.entities, analysis.quotes, analysis.quote_groups, analysis.sections())
    return analysis
