"""HTML -> body text and metadata.

trafilatura does the extraction (it is the best-measured open extractor); this
module adds what newsprism needs on top: where each metadata field came from
(publisher <meta> tags and JSON-LD are read here so their origin is known,
trafilatura's own guesses are the fallback), and the body text handed on to
the plain-text cleaner, which removes the junk trafilatura keeps (its weak side
is precision: captions, promos, related links, bios inside the article node).
"""

from __future__ import annotations

import html
import json
import logging
from dataclasses import dataclass, field

import lxml.html
import trafilatura
from lxml import etree

# trafilatura logs every page it finds too short; newsprism reports that itself.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


@dataclass
class HtmlExtraction:
    text: str  # body as trafilatura gives it: one paragraph per line
    metadata: dict[str, str] = field(default_factory=dict)  # title, author, outlet, published, language
    origins: dict[str, str] = field(default_factory=dict)


_META_FIELDS = {
    "title": ["og:title", "twitter:title", "dc.title", "headline"],
    "author": ["author", "article:author", "dc.creator", "byl", "parsely-author", "sailthru.author"],
    "outlet": ["og:site_name", "application-name", "publisher", "dc.publisher", "twitter:site"],
    "published": ["article:published_time", "datepublished", "date", "dc.date", "pubdate",
                  "parsely-pub-date", "sailthru.date", "og:published_time", "publish-date"],
    "language": ["og:locale", "content-language", "dc.language"],
}


def read_publisher_metadata(tree) -> tuple[dict[str, str], dict[str, str]]:
    """Metadata the publisher declared: JSON-LD first (most specific), then <meta> tags."""
    values: dict[str, str] = {}
    origins: dict[str, str] = {}
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "")
        except (json.JSONDecodeError, ValueError):
            continue
        for node in _ld_nodes(data):
            kind = node.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if not any(isinstance(k, str) and ("Article" in k or k in ("Report", "BlogPosting")) for k in kinds):
                continue
            found = {
                "title": node.get("headline") or node.get("name"),
                "author": _ld_name(node.get("author")),
                "outlet": _ld_name(node.get("publisher")),
                "published": node.get("datePublished"),
                "language": node.get("inLanguage"),
            }
            for key, value in found.items():
                if isinstance(value, str) and value.strip() and key not in values:
                    # JSON-LD is often written with HTML entities left in ("&#8211;").
                    values[key], origins[key] = html.unescape(value.strip()), "json-ld"
    metas: dict[str, str] = {}
    for meta in tree.xpath("//meta[@content]"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or meta.get("http-equiv") or "").lower()
        if name and name not in metas and meta.get("content", "").strip():
            metas[name] = meta.get("content").strip()
    for key, names in _META_FIELDS.items():
        if key in values:
            continue
        for name in names:
            value = metas.get(name)
            # An author meta holding a URL (facebook profile) is no name.
            if value and not (key == "author" and value.startswith("http")):
                values[key], origins[key] = value, "html-meta"
                break
    html_lang = tree.getroot().get("lang") if hasattr(tree, "getroot") else None
    if "language" not in values and html_lang:
        values["language"], origins["language"] = html_lang, "html-meta"
    if "language" in values:
        values["language"] = values["language"].replace("_", "-").split("-")[0].lower()
    return values, origins


def _ld_nodes(data):
    if isinstance(data, list):
        for item in data:
            yield from _ld_nodes(item)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if isinstance(data.get(key), (list, dict)):
                yield from _ld_nodes(data[key])


def _ld_name(value) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return value.get("name") if isinstance(value.get("name"), str) else None
    if isinstance(value, list):
        names = [n for n in (_ld_name(v) for v in value) if n]
        return ", ".join(names) if names else None
    return None


def extract_html(page: str, url: str | None = None) -> HtmlExtraction:
    """Extract the body and metadata of one HTML page."""
    values: dict[str, str] = {}
    origins: dict[str, str] = {}
    try:
        tree = lxml.html.document_fromstring(page.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
        values, origins = read_publisher_metadata(tree.getroottree())
    except (etree.ParserError, ValueError):
        tree = None
    document = trafilatura.bare_extraction(
        page, url=url, with_metadata=True, include_comments=False, include_tables=True,
        deduplicate=False,
    )
    text = ""
    if document is not None:
        text = document.text or ""
        fallback = {
            "title": document.title,
            "author": document.author,
            "outlet": document.sitename,
            "published": document.date,
        }
        for key, value in fallback.items():
            if value and key not in values:
                values[key], origins[key] = str(value), "extractor"
    if not text.strip() and tree is not None:
        # trafilatura refuses very short documents (feed entries, fragments); their
        # block elements, one per line, are the body then.
        text = fragment_text(tree)
    return HtmlExtraction(text=text, metadata=values, origins=origins)


_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "dd", "dt", "figcaption"}


def fragment_text(tree) -> str:
    """Text of an HTML fragment, one line per block element, scripts and styles dropped."""
    for bad in tree.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    lines = []
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCKS and not any(
                isinstance(child.tag, str) and child.tag in _BLOCKS for child in element.iterdescendants()):
            line = " ".join(element.text_content().split())
            if line:
                lines.append(line)
    if not lines:
        body = tree.find("body")
        lines = [" ".join((body if body is not None else tree).text_content().split())]
    return "\n".join(lines)
