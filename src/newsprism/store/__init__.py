"""Storage behind one interface (:class:`Store`); SQLite is the default and only backend so far."""

from __future__ import annotations

from .base import Store
from .sqlite import SQLiteStore

__all__ = ["Store", "open_store"]


def open_store(target: str) -> Store:
    """Open (creating and migrating) the store at ``target``: a file path or sqlite:///path."""
    if target.startswith(("postgres://", "postgresql://")):
        raise NotImplementedError("Postgres is not implemented yet; use an SQLite file path")
    return SQLiteStore(target.removeprefix("sqlite:///"))
