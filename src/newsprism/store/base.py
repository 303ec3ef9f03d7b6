"""The storage interface every stage uses. Only implementations talk SQL."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Literal, Protocol

from ..model import Article, Entity, Grouping, InputError, Quote, QuoteGroup, Relation

AddOutcome = Literal["added", "version", "unchanged"]


class Store(Protocol):
    """What the pipeline needs from storage; SQLite today, Postgres can implement the same."""

    def transaction(self) -> AbstractContextManager[None]:
        """All writes inside commit together or not at all."""

    def add_article(self, article: Article) -> tuple[AddOutcome, str]:
        """Store an article unless its content is already stored.

        Returns the outcome and the id of the stored article (the existing one
        when unchanged). Same URL with new content: stored as a new version whose
        ``previous_id`` points at the latest older one.
        """

    def get_article(self, ref: str) -> Article | None:
        """By id, unique id prefix, URL (latest version) or source path."""

    def articles(self, *, latest_only: bool = False) -> list[Article]:
        """All articles in ingestion order."""

    def articles_of_outlet(self, key: str, *, limit: int = 200) -> list[Article]:
        """The latest stored articles whose ``Article.outlet_key`` (URL host, else outlet name) is ``key``."""

    def save_grouping(self, grouping: Grouping, index=None) -> None:
        """Replace the stored events, storylines and relations with these, atomically;
        ``index`` (a whole run's ``group.GroupingDelta``) replaces the grouping index too."""

    def save_grouping_delta(self, delta) -> None:
        """Write what an incremental grouping run changed (``group.GroupingDelta``), atomically."""

    def load_grouping(self) -> Grouping: ...

    def ungrouped_articles(self) -> list[Article]:
        """Latest versions of the articles no event holds yet."""

    def superseded_in_grouping(self) -> bool:
        """Does the grouping hold an article that a newer version replaces?"""

    def cached_vectors(self, model: str, keys) -> dict[str, bytes]:
        """Stored embeddings (float32 bytes) of texts by hash, for ``model``."""

    def cache_vectors(self, model: str, items: list[tuple[str, bytes]]) -> None: ...

    def cached_article_analyses(self, article_ids) -> dict[str, tuple[str, bytes]]:
        """article id -> (fingerprint, payload) of what analysis last read from its parse."""

    def cache_article_analyses(self, items: list[tuple[str, str, bytes]]) -> None:
        """Keep (article id, fingerprint, payload) triples, replacing older ones."""

    # The grouping index: what ``group.Grouper`` reads to add articles without loading the
    # store whole. Plain data in and out (event states are JSON-ready dicts).
    def index_ready(self) -> bool: ...
    def index_totals(self) -> dict[str, int]: ...
    def index_events(self, ids) -> dict[str, dict]: ...
    def index_event_of(self, article_id: str) -> str | None: ...
    def index_term_counts(self, terms) -> dict[str, tuple[int, int]]: ...
    def index_top_events(self, terms, limit: int) -> list[tuple[str, int]]: ...
    def index_storyline_sizes(self, storyline_ids) -> dict[str, int]: ...
    def index_lsh(self, keys) -> set[str]: ...
    def index_names(self, kind: str, name: str, limit: int = 1000) -> list[str]: ...
    def index_articles(self, ids) -> dict[str, Article]: ...
    def index_relations(self, from_ids) -> list[Relation]: ...
    def index_storylines_of(self, event_ids) -> dict[str, str]: ...
    def index_storyline_events(self, storyline_ids) -> list[str]: ...

    def save_analysis(self, entities: list[Entity], quotes: list[Quote], groups: list[QuoteGroup],
                      sections: dict | None = None) -> None:
        """Replace the stored entities, quotes, quote groups and other sections (claims,
        timeline, summaries: JSON documents by name) with these, atomically."""

    def load_analysis(self) -> tuple[list[Entity], list[Quote], list[QuoteGroup]]: ...

    def load_sections(self) -> dict: ...

    def search(self, query: str, limit: int = 50) -> list[tuple[str, str | None, str]]:
        """Full-text search: (article id, title, snippet) best first."""

    def start_batch(self, inputs: list[str]) -> int: ...

    def finish_batch(self, batch_id: int, *, added: int, versions: int, unchanged: int,
                     errors: list[InputError]) -> None: ...

    def close(self) -> None: ...
