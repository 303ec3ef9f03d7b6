"""Clean: RawDocument -> Article (body, junk removed and kept, metadata with origins).

Entry point: :func:`clean_document`. HTML goes through trafilatura first
(:mod:`.html`), then every body - from HTML or plain text - through the same
line classifier (:mod:`.text`) and metadata finders (:mod:`.metadata`).
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from urllib.parse import urlparse

import py3langid

from ..config import DEFAULT_SETTINGS
from ..model import Article, RawDocument, Removed
from .html import extract_html
from .metadata import find_author, find_cites, find_outlet
from .text import classify_lines

__all__ = ["clean_document", "html_body", "CleanError"]


class CleanError(Exception):
    """The document holds no article text."""


def html_body(html: str, url: str | None = None) -> str:
    """Body text of an HTML page after trafilatura and newsprism's junk removal (used by bench/)."""
    extraction = extract_html(html, url)
    return classify_lines(extraction.text, title_hint=extraction.metadata.get("title") or "", mode="html").body


def clean_document(raw: RawDocument, known_boilerplate: frozenset[str] = frozenset()) -> Article:
    values: dict[str, str] = {}
    origins: dict[str, str] = {}
    for key, value in raw.hints.items():
        if value:
            values[key], origins[key] = value, raw.hint_origin or "inferred"

    if raw.content_format == "html":
        extraction = extract_html(raw.content, raw.url)
        for key, value in extraction.metadata.items():
            if key not in values:
                values[key], origins[key] = value, extraction.origins[key]
        body_source, mode = extraction.text, "html"
    else:
        body_source, mode = raw.content, "text"

    clean = classify_lines(body_source, title_hint=values.get("title"), known_boilerplate=known_boilerplate, mode=mode)
    if clean.title and "title" not in values:
        values["title"], origins["title"] = clean.title, "text-cue"
    if "author" not in values:
        author = find_author(clean)
        if author:
            values["author"], origins["author"] = author, "text-cue"
    if "outlet" not in values:
        outlet = find_outlet(clean)
        if outlet:
            values["outlet"], origins["outlet"] = outlet, "text-cue"
        elif raw.url:
            host = urlparse(raw.url).hostname or ""
            if host:
                values["outlet"], origins["outlet"] = re.sub(r"^www\d?\.", "", host), "url"
    if "published" not in values:
        published = _published_from_text(clean)
        if published:
            values["published"], origins["published"] = published, "text-cue"

    text = clean.body
    if not text.strip():
        raise CleanError("no article text found (everything looked like page furniture, or the page is empty)")
    limit = DEFAULT_SETTINGS.max_body_chars
    if len(text) > limit:
        raise CleanError(f"the article text is {len(text):,} characters long, more than any news article "
                         f"(limit {limit:,}, NEWSPRISM_MAX_BODY_CHARS): not stored")
    if "language" not in values:
        values["language"], origins["language"] = py3langid.classify(text[:5000])[0], "inferred"

    cites = find_cites(values.get("title"), clean, exclude={values.get("outlet", ""), values.get("author", "")})
    digest = raw.content_hash
    return Article(
        id=digest[:12],
        content_hash=digest,
        source_path=raw.source_path,
        input_kind=raw.input_kind,
        content_format=raw.content_format,
        raw=raw.content,
        url=raw.url,
        title=values.get("title"),
        outlet=values.get("outlet"),
        author=values.get("author"),
        published=_iso_date(values.get("published")),
        language=values.get("language"),
        text=text,
        removed=[Removed(r.text, r.reason) for r in clean.removed],
        cites=cites,
        origins=origins,
        encoding=raw.encoding,
        ingested_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
    )


def _published_from_text(clean) -> str | None:
    import dateparser

    for line in clean.lines:
        if line.label == "dateline":
            parsed = dateparser.parse(re.sub(r"^(?:published|posted|updated|last updated|date)\s*:?\s*", "",
                                             line.text.strip(), flags=re.I),
                                      settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]})
            if parsed:
                return parsed.date().isoformat()
    return None


def _iso_date(value: str | None) -> str | None:
    """Normalise a published value to ISO 8601; keep it as given when it is not a date."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(value, settings={"RETURN_AS_TIMEZONE_AWARE": False})
    return parsed.isoformat() if parsed else value
