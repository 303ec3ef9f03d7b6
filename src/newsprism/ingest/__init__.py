"""Ingest: turn paths, globs, directories, URLs and stdin into RawDocuments.

Entry point: :func:`read_inputs`. Every input yields documents or one clear
InputError naming it; nothing here touches the database or judges content.
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import httpx

from ..config import DEFAULT_SETTINGS, Settings
from ..model import InputError
from .readers import Item, read_feed, read_jsonl, read_plain, read_warc, sniff_format

__all__ = ["read_inputs", "expand_inputs", "fetch_url"]

_GLOB_CHARS = set("*?[")


def expand_inputs(args: Iterable[str]) -> Iterator[str | InputError]:
    """Arguments to concrete inputs: files (directories walked, globs expanded), URLs, "-"."""
    for arg in args:
        if arg == "-" or arg.startswith(("http://", "https://")):
            yield arg
            continue
        path = Path(arg)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p.relative_to(path)))
            if not files:
                yield InputError(arg, "directory holds no files")
            yield from (str(p) for p in files)
        elif path.exists():
            yield arg
        elif _GLOB_CHARS & set(arg):
            matches = sorted(m for m in glob.glob(arg, recursive=True) if os.path.isfile(m))
            if not matches:
                yield InputError(arg, "pattern matches no files")
            yield from matches
        else:
            yield InputError(arg, "no such file or directory")


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def read_inputs(args: Iterable[str], settings: Settings = DEFAULT_SETTINGS, *,
                fetch_links: bool = False, client: httpx.Client | None = None) -> Iterator[Item]:
    """Yield a RawDocument for every document found, an InputError for every failure."""
    own_client = client is None
    client = client or _LazyClient(settings)
    try:
        for target in expand_inputs(args):
            if isinstance(target, InputError):
                yield target
            elif target == "-":
                yield from _read_bytes("stdin", sys.stdin.buffer.read(settings.max_document_bytes + 1),
                                       settings, input_kind="stdin")
            elif target.startswith(("http://", "https://")):
                yield from fetch_url(target, client, settings, fetch_links=fetch_links)
            else:
                yield from _read_file(target, settings, client, fetch_links)
    finally:
        if own_client:
            client.close()


def _read_file(path: str, settings: Settings, client: httpx.Client, fetch_links: bool) -> Iterator[Item]:
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as handle:
            head = handle.read(4096)
            kind = sniff_format(path, head)
            if kind == "warc":
                # WARCs are archives of many pages: streamed, the limit applies per record.
                handle.seek(0)
                yield from read_warc(path, handle, settings)
                return
            if size > settings.max_document_bytes:
                yield InputError(path, f"file is {size / 2**20:.1f} MB, over the "
                                       f"{settings.max_document_bytes / 2**20:.0f} MB limit for one document "
                                       f"(raise it with NEWSPRISM_MAX_DOCUMENT_BYTES)")
                return
            data = head + handle.read()
    except OSError as exc:
        yield InputError(path, f"cannot read file: {exc.strerror or exc}")
        return
    yield from _read_bytes(path, data, settings, input_kind=None, kind=kind, client=client, fetch_links=fetch_links)


def _read_bytes(name: str, data: bytes, settings: Settings, *, input_kind: str | None, kind: str | None = None,
                url: str | None = None, declared_encoding: str | None = None,
                client: httpx.Client | None = None, fetch_links: bool = False) -> Iterator[Item]:
    if len(data) > settings.max_document_bytes:
        yield InputError(name, f"input is over the {settings.max_document_bytes / 2**20:.0f} MB limit for one document")
        return
    kind = kind or sniff_format(name, data[:4096])
    if kind == "warc":
        import io

        yield from read_warc(name, io.BytesIO(data), settings)
    elif kind == "jsonl":
        yield from read_jsonl(name, data, settings)
    elif kind == "feed":
        fetch = (lambda link: fetch_url(link, client, settings)) if (fetch_links and client) else None
        yield from read_feed(name, data, fetch=fetch)
    else:
        yield from read_plain(name, data, kind, input_kind or kind, url=url, declared_encoding=declared_encoding)


class _LazyClient:
    """An httpx client made on first use: its TLS setup costs ~50 ms, and most runs read files only."""

    def __init__(self, settings: Settings):
        self._settings = settings
        self._client: httpx.Client | None = None

    def __getattr__(self, name: str):
        if self._client is None:
            self._client = make_client(self._settings)
        return getattr(self._client, name)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()


def make_client(settings: Settings) -> httpx.Client:
    return httpx.Client(
        timeout=settings.http_timeout_s,
        follow_redirects=True,
        max_redirects=settings.http_max_redirects,
        headers={"User-Agent": settings.user_agent},
    )


def fetch_url(url: str, client: httpx.Client, settings: Settings, *, fetch_links: bool = False) -> Iterator[Item]:
    """Download one URL (size-capped, redirects limited) and read what came back."""
    limit = settings.max_document_bytes
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                yield InputError(url, f"HTTP {response.status_code} {response.reason_phrase}")
                return
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > limit:
                yield InputError(url, f"response is {int(declared) / 2**20:.1f} MB, over the {limit / 2**20:.0f} MB limit")
                return
            chunks, total = [], 0
            for chunk in response.iter_bytes():
                total += len(chunk)
                if total > limit:
                    yield InputError(url, f"response is over the {limit / 2**20:.0f} MB limit")
                    return
                chunks.append(chunk)
            ctype = response.headers.get("content-type", "").lower()
            final_url = str(response.url)
    except httpx.TooManyRedirects:
        yield InputError(url, f"more than {settings.http_max_redirects} redirects")
        return
    except httpx.TimeoutException:
        yield InputError(url, f"timed out after {settings.http_timeout_s:.0f} s")
        return
    except httpx.HTTPError as exc:
        yield InputError(url, f"cannot fetch: {exc.__class__.__name__}: {exc}")
        return
    data = b"".join(chunks)
    charset = ctype.split("charset=")[-1].split(";")[0].strip(" \"'") if "charset=" in ctype else None
    if any(t in ctype for t in ("rss", "atom", "application/xml", "text/xml")):
        kind = "feed"
    elif "html" in ctype:
        kind = "html"
    elif "json" in ctype:
        kind = "jsonl"
    else:
        kind = None
    yield from _read_bytes(url, data, settings, input_kind="url", kind=kind, url=final_url,
                           declared_encoding=charset, client=client, fetch_links=fetch_links)
