"""The storage interface every stage uses. Only implementations talk SQL."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Literal, Protocol

from ..model import Article, Entity, Grouping, InputError, Quote, QuoteGroup

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
        """The latest stored articles whose outlet name or URL host is ``key``."""

    def save_grouping(self, grouping: Grouping) -> None:
        """Replace the stored events, storylines and relations with these, atomically."""

    def load_grouping(self) -> Grouping: ...

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
