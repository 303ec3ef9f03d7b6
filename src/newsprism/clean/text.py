"""Separate an article's body from page junk in already-extracted plain text.

Plain-text dumps of news pages keep everything the page showed: breadcrumbs,
category menus, view counters, photo captions, promos, "You May Also Like"
headlines, bios, copyright footers, comment forms. trafilatura cannot help once
the markup is gone, so this module classifies lines from general signals:

* **shape** - length, closing punctuation, title case, bullets, counters;
* **position** - the header before the first body paragraph, the tail after
  the last one, and "end of article" markers ("About the author", "Leave a
  Reply", "©") after which only junk follows;
* **repetition** - a line repeated inside the page, or seen in other articles
  of the same outlet, is page furniture;
* **phrases** - kinds of page furniture kept as data in ``data/junk.toml``.

Every line ends up with a label; junk lines are kept verbatim with their reason.
"""

from __future__ import annotations

import re
import tomllib
from html import unescape as html_unescape
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..config import DEFAULT_SETTINGS
from ..model import Removed

# Labels a line can get. Kept lines: title (metadata, not body), heading, body.
KEPT = {"body", "heading"}


@dataclass
class Line:
    text: str
    index: int  # position among non-empty lines
    label: str = ""
    words: int = 0

    @property
    def norm(self) -> str:
        return normalise(self.text)


@dataclass
class CleanText:
    title: str | None
    lines: list[Line]
    removed: list[Removed] = field(default_factory=list)

    @property
    def body(self) -> str:
        return "\n\n".join(line.text.strip() for line in self.lines if line.label in KEPT)


@lru_cache(maxsize=1)
def junk_data() -> dict:
    with resources.files("newsprism.clean").joinpath("data/junk.toml").open("rb") as handle:
        data = tomllib.load(handle)
    compiled = {}
    for reason, table in data.items():
        if "phrases" in table:
            pattern = r"(?<!\w)(?:" + "|".join(re.escape(p) for p in sorted(table["phrases"], key=len, reverse=True)) + r")(?!\w)"
            compiled[reason] = (re.compile(pattern, re.I), bool(table.get("ends_article")))
    return {
        "phrases": compiled,
        "section_words": set(data["section_words"]["words"]),
        "photo_credits": data["photo_credits"]["words"],
    }


# Characters that show nothing but break every reading of the text: bidi embeddings, marks and
# isolates, the zero-width space, the byte-order mark, the word joiner and the soft hyphen
# (pages and social posts are full of them: '\u202a"Sorry Sarah, ..." posted X' read no quote
# mark at the paragraph's start, and "Toka\u00adyev" was no name). Not the zero-width
# (non-)joiners, which join or part letters in Persian, Indic scripts and emoji.
_INVISIBLE = re.compile("[\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


def visible(text: str) -> str:
    """``text`` without the characters that show nothing (``_INVISIBLE``)."""
    return _INVISIBLE.sub("", text)


def normalise(text: str) -> str:
    text = re.sub(r"^[\s•·▪◦*\-–—]+", "", text)
    return re.sub(r"\s+", " ", text).strip().lower()


_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*", re.U)
_END_PUNCT = tuple('.!?…"”’»)。！？」』')
_BULLET = re.compile(r"^\s*[•·▪◦*\-–]\s+")
_COUNTER = re.compile(
    r"^(?:(?:views?|reads?|comments?|shares?|likes?|hits)\s*[:\-]?\s*[\d.,]+\s*[km]?"
    r"|[\d.,]+\s*[km]?\s+(?:views?|reads?|comments?|shares?|likes?)"
    r"|\d+\s+min(?:ute)?s?\s+read)$", re.I)
_BREADCRUMB = re.compile(r"^\s*(?:home|main|start)\s*[»›>|/]\s*\S", re.I)
_BYLINE = re.compile(
    r"^(?i:by|written by|words by|reporting by|author:?|authors:?)\s+"
    r"(?P<name>[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|van|von|de|der|den|da|di|del|la|le|al|bin|ibn|and|&))*)\s*"
    r"(?:[,|–—-].*)?$", re.U)
_DATELINE = re.compile(
    r"^(?:(?:published|posted|updated|last updated|date)\s*:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    r"(?:\d{1,2}\s+[a-z]{3,9}\.?\s+\d{4}|[a-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})"
    r"(?:[,\s]+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?\s*$", re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_QUOTED = re.compile(r"[\"“„«][^\"“”„«»]*[\"”»]")
_CAPTION_START = re.compile(
    r"^\(?(?:from left|from l-r|left to right|l-r|pictured|file photo|in this photo|this photo|above|top|below)\b\)?",
    re.I)
_BIO = re.compile(
    r"^(?P<name>[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|van|von|de|der|den|da|di|del|la|le|al|bin|ibn)){1,4})"
    r"\s+(?:is|was|has been|covers)\s+(?:a|an|the)?\s*(?P<role>[^.]{0,80}?)\b"
    r"(?i:reporter|correspondent|journalist|writer|editor|contributor|columnist|producer|author|analyst|intern)s?\b", re.U)
_FUNCTION_WORDS = {"a", "an", "the", "of", "in", "on", "to", "for", "and", "or", "with", "at", "by", "from", "is",
                   "are", "was", "be", "as", "that", "this", "its", "his", "her", "their", "has", "have", "not"}


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def is_headline_shaped(line: Line) -> bool:
    """Short, no closing full stop: titles, subheads, menu entries, related-article links."""
    stripped = line.text.strip()
    return 1 <= line.words <= 35 and not stripped.endswith((".", ":", ";", ","))


def is_bodyish(line: Line) -> bool:
    """Reads like running prose: a sentence of some length that ends like one."""
    stripped = line.text.strip()
    if line.words >= 30:
        return True
    return line.words >= 10 and stripped.endswith(_END_PUNCT) and not stripped.endswith("...")


def _unquoted(text: str) -> str:
    return _QUOTED.sub(" ", text)


def _photo_credit(text: str) -> bool:
    credits = junk_data()["photo_credits"]
    tail = text.strip()[-60:].lower().rstrip(".])")
    # "Name/Agency", "[Name/Agency]", "Photo: Agency", "(AFP Photo)" at the end of the line.
    slash = re.search(r"[\w.]+\s*/\s*([\w .-]+)$", tail)
    if slash and any(slash.group(1).strip().endswith(c) for c in credits):
        return True
    if re.search(r"(?:photo|image|picture|photograph|credit)s?\s*(?:by|:|credit:?)\s*[\w .,/-]+$", tail):
        return True
    return bool(re.search(r"\((?:[\w .]+/)?(?:getty images|afp|reuters|ap|epa|tass|sputnik)(?: photo)?\)$", tail))


def classify_lines(text: str, *, title_hint: str | None = None,
                   known_boilerplate: frozenset[str] = frozenset(), mode: str = "text") -> CleanText:
    """Label every non-empty line of ``text``; see the module docstring for the signals.

    ``mode="html"`` is for text trafilatura already extracted from markup: no
    header/title detection from line position (the markup gave those), the
    same junk rules otherwise.
    """
    data = junk_data()
    raw_lines = [piece for ln in _unwrap(visible(text)).split("\n") if ln.strip()
                 for piece in _bounded(ln, DEFAULT_SETTINGS.max_paragraph_chars)]
    lines = [Line(text=ln.rstrip(), index=i, words=len(words(ln))) for i, ln in enumerate(raw_lines)]
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.norm] = counts.get(line.norm, 0) + 1

    for line in lines:
        line.label = _junk_reason(line, data, counts, known_boilerplate, mode) or ""
    _keep_first_copy_of_repeated_prose(lines)
    if title_hint:
        _mark_title_repeat(lines, title_hint)

    # Body boundaries: the first and last prose lines not already judged junk.
    prose = [ln.index for ln in lines if not ln.label and is_bodyish(ln)]
    first_body = prose[0] if prose else len(lines)
    last_body = prose[-1] if prose else -1

    # End-of-article markers after the body: everything after them is tail junk,
    # unless prose resumes for at least two lines (a "Related:" link mid-article).
    for line in lines:
        if line.index <= first_body or not line.label:
            continue
        # A bare marker ("You May Also Like", "About the author") ends the article;
        # an inline one ("Related: <headline>") is a single junk line.
        pattern_end = line.label in _ends_article() and line.words <= 8 and not re.search(r":\s*\S", line.text)
        if (pattern_end or line.label == "footer") and not _prose_resumes(lines, line.index):
            for later in lines[line.index + 1:]:
                if later.label in ("", "title-repeat") or later.label in KEPT:
                    later.label = _tail_reason(later, line.label)
            last_body = min(last_body, line.index - 1)
            break

    title: str | None = None
    if mode == "text" and not title_hint:
        title = _find_title(lines, first_body)
        if title and lines[first_body:first_body + 1] and lines[first_body].label == "title":
            later = [i for i in prose if i > first_body]
            first_body = later[0] if later else len(lines)
    for line in lines:
        if line.label:
            continue
        if line.index < first_body:
            line.label = _header_label(line, data, mode)
        elif line.index > last_body:
            # Extracted HTML has no page furniture left around the body except what the
            # junk rules catch; in text dumps the tail is furniture unless it is a
            # sentence still attached to the body.
            if mode == "html" or is_bodyish(line) or (_is_sentence(line) and _attached(lines, line.index, last_body)):
                line.label = "body"
                last_body = line.index
            else:
                line.label = "tail"
        else:
            line.label = "heading" if (is_headline_shaped(line) and not is_bodyish(line)) else "body"

    # An image's alt/title line sits right before its caption: junk with it.
    for prev, line in zip(lines, lines[1:]):
        if line.label == "caption" and prev.label == "heading" and prev.words <= 15:
            prev.label = "caption"
    # A short line between two junk lines is furniture too ("Uncommon Knowledge").
    for prev, line, nxt in zip(lines, lines[1:], lines[2:]):
        if line.label == "heading" and _is_junk(prev) and _is_junk(nxt) and line.words <= 6:
            line.label = "furniture"

    removed: list[Removed] = []
    for line in lines:
        if line.label in KEPT or line.label == "title":
            continue
        if removed and removed[-1].reason == line.label:
            removed[-1].text += "\n" + line.text
        else:
            removed.append(Removed(text=line.text, reason=line.label))
    if title_hint:
        title = title_hint
    return CleanText(title=title, lines=lines, removed=removed)


def _ends_article() -> set[str]:
    return {reason for reason, (_, ends) in junk_data()["phrases"].items() if ends}


def _is_junk(line: Line) -> bool:
    return bool(line.label) and line.label not in KEPT and line.label not in ("title", "title-repeat")


def _prose_resumes(lines: list[Line], index: int) -> bool:
    run = 0
    for later in lines[index + 1:]:
        if not later.label and is_bodyish(later):
            run += 1
            if run >= 2:
                return True
        else:
            run = 0
    return False


def _tail_reason(line: Line, marker: str) -> str:
    if _BIO.match(line.text.strip()):
        return "bio"
    return marker


def _junk_reason(line: Line, data: dict, counts: dict[str, int], known: frozenset[str],
                 mode: str = "text") -> str | None:
    text = line.text.strip()
    # Extracted HTML keeps real paragraphs that mention deals or subscriptions; only short promos go.
    max_promo = 40 if mode == "text" else 20
    lower = text.lower()
    n = line.words
    if line.norm in known:
        return "boilerplate"
    if n == 0:
        return "furniture"  # a line of symbols: separators, stray bullets
    if _COUNTER.match(text):
        return "counter"
    # Space-delimited separators: "«quoted»" guillemets in Russian or French prose are no crumbs.
    if (_BREADCRUMB.match(text) or len(re.findall(r"\s[»›]\s", text)) >= 2) and n <= 30:
        return "breadcrumb"
    if "©" in text or re.match(r"^\(c\)\s*\d{4}", lower) or re.match(r"^copyright\b", lower):
        return "footer"
    if _CAPTION_START.match(text) or _photo_credit(text):
        return "caption"
    if re.match(r"^(?:sources?|via|credit)\s*:\s*\S", text, re.I) and n <= 12:
        return "credit-line"
    if _CREDIT_NOTE.search(text) and n <= 40:
        return "credit-line"
    outside_quotes = _unquoted(text)
    for reason, (pattern, ends_article) in data["phrases"].items():
        match = pattern.search(outside_quotes)
        if not match:
            continue
        at_start = match.start() <= 2
        if reason == "share" and n <= 6:
            return reason
        if reason in ("related", "comments", "bio") and (n <= 8 or (at_start and reason != "bio" and ":" in text[:40])):
            return reason
        if reason == "comments" and n <= 20:
            return reason
        if reason == "footer" and (n <= 25 or "rights reserved" in lower or "permission" in lower):
            return reason
        if reason in ("promo", "clickbait") and (n <= 12 or (_second_person(outside_quotes) and n <= max_promo)):
            return reason
    if _BIO.match(text) and n <= 80 and (text.endswith(("...", "…")) or re.search(r"read more\W*$", lower)
                                          or counts.get(line.norm, 0) > 1):
        return "bio"
    if counts.get(line.norm, 0) > 1 and n < 60 and mode == "text":
        # Only in text dumps: in extracted HTML, repeated lines are mostly real content
        # (interview questions, meal plans, list items) - measured on the benchmark's dev pages.
        return "repeated"
    if (_EMAIL.search(outside_quotes) or re.search(r"https?://", outside_quotes)) and n <= 40 \
            and _second_person(outside_quotes):
        return "promo"
    return None


def _second_person(text: str) -> bool:
    """Addressing the reader: "you", "us", or an imperative opening ("Follow ...", "Email ... at")."""
    return bool(re.search(r"\b(?:you|your|yours|us|our)\b", text, re.I) or _IMPERATIVE.match(text.strip()))


_IMPERATIVE = re.compile(
    r"^(?:follow|subscribe|sign up|join|download|listen|watch|click|tap|get|email|e-mail|write to|reach|"
    r"contact|share|register|log in|support|donate|have a tip|got a tip|see|read)\b", re.I)
_CREDIT_NOTE = re.compile(
    r"^\(?\s*(?:additional\s+)?(?:reporting|writing|editing|research)\s+by\b"
    r"|\bcontributed to this (?:report|story|article)\b", re.I)


def _header_label(line: Line, data: dict, mode: str = "text") -> str:
    text = line.text.strip()
    tokens = [w.lower() for w in words(text)]
    if _BYLINE.match(text):
        return "byline"
    if _DATELINE.match(text) or _date_line(text, len(tokens)):
        return "dateline"
    if mode == "html":
        # Before the first paragraph of extracted HTML: standfirsts and short labels are body.
        return "heading" if is_headline_shaped(line) else "body"
    if tokens and len(tokens) <= 12 and not text.endswith((".", "?", "!")):
        section_share = sum(1 for t in tokens if t in data["section_words"]) / len(tokens)
        if section_share >= 0.5:
            return "category"
    if len(tokens) <= 2 and not text.endswith((".", "?", "!")):
        return "label"
    return "heading"


def _find_title(lines: list[Line], first_body: int) -> str | None:
    """The first headline-shaped, non-junk line before the body, or a breadcrumb's last crumb.

    A question headline can read like prose, so the first "body" line is a
    candidate too when nothing before it qualifies.
    """
    crumbs = [ln for ln in lines[:first_body] if ln.label == "breadcrumb"]
    crumb_tails = {normalise(re.split(r"[»›>|]", c.text)[-1]) for c in crumbs}
    head = lines[:first_body + 1]
    for line in head:
        if line.norm in crumb_tails and line.words >= 2:
            return _take_title(lines, line)
    data = junk_data()
    for line in head:
        if line.label:
            continue
        if _header_label(line, data) in ("category", "byline", "dateline", "label"):
            continue
        tokens = [w.lower() for w in words(line.text)]
        if line.words >= 3 and is_headline_shaped(line) and not set(tokens) <= _FUNCTION_WORDS:
            return _take_title(lines, line)
        break
    return None


def _take_title(lines: list[Line], title: Line) -> str:
    title.label = "title"
    _mark_repeats(lines, title)
    return title.text.strip()


def _mark_repeats(lines: list[Line], title: Line) -> None:
    for other in lines:
        if other is not title and other.norm == title.norm:
            other.label = "title-repeat"


_SENTENCE_END = re.compile(r"[.!?…][\"”’»)\]]*\s+")


def _bounded(line: str, limit: int) -> list[str]:
    """``line`` as pieces of at most ``limit`` characters, cut after the last sentence end
    in each (else at a space, else anywhere): a wall of text is no paragraph."""
    pieces, start = [], 0
    while len(line) - start > limit:
        ends = [m.end() for m in _SENTENCE_END.finditer(line, start, start + limit)]
        cut = ends[-1] if ends and ends[-1] > start + limit // 2 else line.rfind(" ", start, start + limit) + 1
        cut = cut if cut > start else start + limit
        pieces.append(line[start:cut])
        start = cut
    pieces.append(line[start:])
    return [piece.strip() for piece in pieces if piece.strip()]


def _unwrap(text: str) -> str:
    """Join hard-wrapped lines (fixed-width dumps) inside blank-line-separated blocks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u2028", "\n")
    blocks = re.split(r"\n\s*\n", text)
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if len(blocks) < 2 or len(lines) < 6:
        return text
    widths = [len(ln) for ln in lines]
    wrapped = sum(1 for w in widths if 55 <= w <= 90) / len(widths)
    multi_line_blocks = sum(1 for b in blocks if b.strip().count("\n") >= 1)
    if wrapped < 0.6 or max(widths) > 100 or multi_line_blocks < len(blocks) / 3:
        return text
    return "\n".join(re.sub(r"\s*\n\s*", " ", b.strip()) for b in blocks if b.strip())


_DATE_IN_LINE = re.compile(
    r"\b(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|"
    r"\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}|"
    r"\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?)", re.I)


def _date_line(text: str, n_words: int) -> bool:
    """A short line that is mostly a date or time stamp ("Updated at 1:23 p.m.", "5:45 AM PST 11/19/2019 by X")."""
    return n_words <= 12 and bool(_DATE_IN_LINE.search(text)) and not text.endswith((".", "?", "!")) or \
        bool(re.match(r"^[-–—•\s]*(?:published|posted|updated|last updated)\b", text, re.I) and n_words <= 12)


def _is_sentence(line: Line) -> bool:
    text = line.text.strip()
    # (A quotation opens with its mark or a dialogue dash: '"We will be back," she said.',
    # «...», — сказала она.)
    opening = text.lstrip("\"'“„«‘‚‹—–- \u00a0")
    return line.words >= 4 and text.endswith(_END_PUNCT) and opening[:1].isupper() and not text.endswith("...")


def _attached(lines: list[Line], index: int, last_body: int) -> bool:
    """No junk line between the body's last line and this one."""
    return all(not _is_junk(between) for between in lines[last_body + 1:index])


def _keep_first_copy_of_repeated_prose(lines: list[Line]) -> None:
    """A prose line repeated inside the body (a pull quote, a twice-rendered block) keeps
    its first copy; repeats that only occur after the body are furniture, every copy."""
    prose = [ln.index for ln in lines if not ln.label and is_bodyish(ln)]
    if not prose:
        return
    seen: set[str] = set()
    for line in lines:
        if line.label == "repeated" and is_bodyish(line) and line.norm not in seen:
            seen.add(line.norm)
            if line.index < prose[-1]:
                line.label = ""


def _mark_title_repeat(lines: list[Line], title: str) -> None:
    """The title again at the top of the body (often with the site name attached)."""
    from rapidfuzz import fuzz

    target = normalise(html_unescape(title))
    for line in lines[:3]:
        if line.label not in ("", "repeated"):
            continue
        norm = line.norm
        if norm == target or (len(norm) >= 10 and (fuzz.ratio(norm, target) >= 90 or
                                                 (target.startswith(norm) and len(norm) >= 0.6 * len(target)) or
                                                 (norm.startswith(target) and len(target) >= 0.6 * len(norm)))):
            line.label = "title-repeat"
            return
