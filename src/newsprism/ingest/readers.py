"""Readers: one per container format, each yielding RawDocument or InputError.

A reader never raises for bad content: it reports the problem as an InputError
naming the input (and the line or record inside it) and goes on with the rest.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import zlib
from collections.abc import Iterator

import feedparser
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..config import Settings
from ..model import InputError, RawDocument
from .decode import InputRejected, decode_bytes

Item = RawDocument | InputError


def sniff_format(name: str, head: bytes) -> str:
    """Guess the container format from the name, then from the first bytes.

    Returns one of: "warc", "feed", "jsonl", "html", "text".
    """
    lower = name.lower()
    for suffix, kind in (
        (".warc.gz", "warc"), (".warc", "warc"), (".arc.gz", "warc"),
        (".jsonl", "jsonl"), (".ndjson", "jsonl"), (".jsonl.gz", "jsonl"),
        (".rss", "feed"), (".atom", "feed"),
        (".html", "html"), (".htm", "html"), (".xhtml", "html"),
        (".txt", "text"), (".text", "text"), (".md", "text"),
    ):
        if lower.endswith(suffix):
            return kind
    if head.startswith(b"\x1f\x8b"):
        try:
            head = gzip.GzipFile(fileobj=io.BytesIO(head)).read(512)
        except (OSError, EOFError, zlib.error):
            head = b""
        if head.startswith(b"WARC/"):
            return "warc"
    if head.startswith(b"WARC/"):
        return "warc"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"<?xml") or start.startswith(b"<rss") or start.startswith(b"<feed"):
        if b"<rss" in start or b"<feed" in start or b"<rdf" in start or b"<channel" in start:
            return "feed"
        if b"<html" not in start:
            return "feed"
    if start.startswith(b"{") or (lower.endswith(".json") and start.startswith(b"[")):
        return "jsonl"
    if start.startswith(b"<!doctype html") or start.startswith(b"<html") or b"<body" in start or b"<p>" in start:
        return "html"
    return "text"


def read_plain(name: str, data: bytes, kind: str, input_kind: str, url: str | None = None,
               declared_encoding: str | None = None) -> Iterator[Item]:
    """A single text or HTML document."""
    try:
        content, encoding = decode_bytes(data, declared_encoding)
    except InputRejected as exc:
        yield InputError(name, str(exc))
        return
    yield RawDocument(source_path=name, input_kind=input_kind, content=content,
                      content_format="html" if kind == "html" else "text", url=url, encoding=encoding)


# JSONL fields newsprism understands; anything else on the record is ignored.
_JSONL_HINTS = ("title", "published", "outlet", "author", "language")


def read_jsonl(name: str, data: bytes, settings: Settings) -> Iterator[Item]:
    """One article per line: {"text" or "html", optional url, title, published, outlet, author}.

    A .json file holding an array of such objects is accepted too.
    """
    if name.lower().endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            yield InputError(name, f"not a readable gzip file: {exc}")
            return
    try:
        text, _ = decode_bytes(data)
    except InputRejected as exc:
        yield InputError(name, str(exc))
        return
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            records = json.loads(stripped)
        except json.JSONDecodeError as exc:
            yield InputError(name, f"not valid JSON: {exc}")
            return
        numbered = list(enumerate(records, start=1))
        where = "item"
    else:
        numbered = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                numbered.append((number, json.loads(line)))
            except json.JSONDecodeError as exc:
                yield InputError(f"{name}:{number}", f"line is not valid JSON ({exc.msg} at column {exc.colno})")
        where = "line"
    for number, record in numbered:
        source = f"{name}:{number}"
        if not isinstance(record, dict):
            yield InputError(source, f"{where} is not a JSON object")
            continue
        html, body = record.get("html"), record.get("text")
        content = html if isinstance(html, str) and html.strip() else body
        if not isinstance(content, str) or not content.strip():
            yield InputError(source, f"{where} has no non-empty 'text' or 'html' field")
            continue
        if len(content.encode("utf-8", "ignore")) > settings.max_document_bytes:
            yield InputError(source, f"{where} is larger than the {settings.max_document_bytes // 2**20} MB document limit")
            continue
        hints = {k: str(record[k]) for k in _JSONL_HINTS if record.get(k)}
        url = record.get("url") if isinstance(record.get("url"), str) else None
        yield RawDocument(source_path=source, input_kind="jsonl", content=content,
                          content_format="html" if content is html else "text", url=url,
                          encoding="utf-8", hints=hints, hint_origin="jsonl")


def read_feed(name: str, data: bytes, fetch=None) -> Iterator[Item]:
    """RSS/Atom: one document per entry, from the entry's full content, else its summary.

    With ``fetch`` (a callable url -> Iterator[Item]) each entry's link is
    downloaded instead, for feeds that carry only teasers.
    """
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        reason = parsed.get("bozo_exception")
        detail = f": {reason}" if reason else ""
        yield InputError(name, f"not a readable RSS/Atom feed, or a feed with no entries{detail}")
        return
    outlet = (parsed.get("feed") or {}).get("title")
    items = list(_feed_items(name, entries, outlet, fetch))
    if parsed.get("bozo") and not any(isinstance(i, RawDocument) for i in items):
        # Malformed XML that feedparser half-recovered: one error for the file says more.
        yield InputError(name, f"malformed feed ({parsed.get('bozo_exception')}); no entry with content")
        return
    yield from items


def _author_name(author: str) -> str | None:
    """RSS <author> is "email (Name)" by the spec; keep the name."""
    match = re.match(r"^\s*\S+@\S+\s*\((.+)\)\s*$", author)
    return (match.group(1) if match else author).strip() or None


def _feed_items(name, entries, outlet, fetch) -> Iterator[Item]:
    for number, entry in enumerate(entries, start=1):
        source = f"{name}#entry-{number}"
        link = entry.get("link")
        hints = {}
        if entry.get("title"):
            hints["title"] = entry["title"]
        if outlet:
            hints["outlet"] = outlet
        author = _author_name(entry.get("author") or "")
        if author:
            hints["author"] = author
        date = entry.get("published_parsed") or entry.get("updated_parsed")
        if date:
            hints["published"] = "%04d-%02d-%02dT%02d:%02d:%02dZ" % tuple(date[:6])
        if fetch is not None and link:
            for item in fetch(link):
                if isinstance(item, RawDocument):
                    item.hints = {**hints, **item.hints}
                    item.hint_origin = "feed"
                    item.input_kind = "feed"
                yield item
            continue
        content = ""
        for part in entry.get("content") or []:
            if len(part.get("value", "")) > len(content):
                content = part["value"]
        if len(entry.get("summary", "")) > len(content):
            content = entry["summary"]
        if not content.strip():
            yield InputError(source, "feed entry has no content or summary (try --fetch-links)")
            continue
        yield RawDocument(source_path=source, input_kind="feed", content=content, content_format="html",
                          url=link, encoding="utf-8", hints=hints, hint_origin="feed")


def read_warc(name: str, stream, settings: Settings) -> Iterator[Item]:
    """HTML response (and resource) records of a WARC or WARC.gz, streamed.

    A truncated or corrupt archive keeps the records read before the damage
    and reports the rest as one error.
    """
    count = 0
    try:
        # Digests are checked so that a record cut short by truncation is caught
        # rather than stored as a shorter article.
        for record in ArchiveIterator(stream, check_digests="log"):
            if record.rec_type not in ("response", "resource"):
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            source = f"{name}#{url or 'record-' + str(count + 1)}"
            if record.http_headers is not None:
                status = record.http_headers.get_statuscode()
                ctype = record.http_headers.get_header("Content-Type") or ""
                if status and not status.startswith("2"):
                    continue
            else:
                ctype = record.rec_headers.get_header("Content-Type") or ""
            if "html" not in ctype.lower():
                continue
            payload = record.content_stream().read(settings.max_document_bytes + 1)
            count += 1
            record.content_stream().read()  # finish the record so its digest is checked
            checker = getattr(record, "digest_checker", None)
            if checker is not None and checker.passed is False:
                yield InputError(source, "record is corrupt (payload digest does not match)")
                continue
            if getattr(record.raw_stream, "limit", 0) > 0:
                # Fewer bytes than the record's Content-Length: the archive ends inside it.
                yield InputError(name, f"truncated WARC: the archive ends inside record {count} ({url})")
                continue
            if len(payload) > settings.max_document_bytes:
                yield InputError(source, f"record larger than the {settings.max_document_bytes // 2**20} MB document limit")
                continue
            charset = None
            if "charset=" in ctype.lower():
                charset = ctype.lower().split("charset=")[-1].split(";")[0].strip(" \"'")
            for item in read_plain(source, payload, "html", "warc", url=url, declared_encoding=charset):
                yield item
    except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError, AttributeError, KeyError) as exc:
        # warcio raises AttributeError/KeyError on records with mangled headers.
        yield InputError(name, f"truncated or corrupt WARC after {count} HTML record(s): {exc}")
        return
    if count == 0:
        yield InputError(name, "WARC holds no HTML response records")
