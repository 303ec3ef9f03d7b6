"""Settings in one place, each overridable from the environment or the CLI."""

from __future__ import annotations

import os
from dataclasses import dataclass


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


@dataclass
class Settings:
    # The database a run uses when --db is not given: a file in the working directory.
    db_path: str = os.environ.get("NEWSPRISM_DB", "newsprism.db")
    # One document (a file, a JSONL line, a WARC record, a download) larger than this
    # is refused with a message rather than read into memory. Real article pages are
    # well under 5 MB; 20 MB leaves room for pages bloated with inline assets.
    max_document_bytes: int = _env_int("NEWSPRISM_MAX_DOCUMENT_BYTES", 20 * 1024 * 1024)
    # A body paragraph longer than this is split at sentence ends: news paragraphs run to a
    # few thousand characters, and the parser needs about 1 GB per 100,000 (spaCy refuses
    # a text over 1,000,000 characters, which stopped a whole analysis run).
    max_paragraph_chars: int = _env_int("NEWSPRISM_MAX_PARAGRAPH_CHARS", 10_000)
    # An article body longer than this is refused: the longest news features run to about
    # 100,000 characters, and analysing 1.35 MB of one text dump took over 15 minutes.
    max_body_chars: int = _env_int("NEWSPRISM_MAX_BODY_CHARS", 1_000_000)
    # Network fetches (URLs, remote feeds).
    http_timeout_s: float = float(os.environ.get("NEWSPRISM_HTTP_TIMEOUT", "20"))
    http_max_redirects: int = 5
    user_agent: str = "newsprism/0.1 (+https://github.com/newsprism/newsprism)"


DEFAULT_SETTINGS = Settings()
