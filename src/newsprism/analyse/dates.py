"""Date expressions resolved to calendar dates, with their precision.

Finding the expressions and anchoring them is newsprism's own logic (dateparser
parses a fully written date well, but news relies on its reader knowing when the
article appeared: "on Thursday", "in July", "earlier this month"). Rules:

* a complete date ("December 26, 2022", "26 December 2022") stands on its own;
* a date without its year ("November 9") takes the year that puts it nearest the
  anchor, at most a month ahead of it (news reports the recent past, sometimes a
  scheduled event);
* a weekday ("on Thursday") is the last such day on or before the anchor (within
  the week); "this month", "last year", "in July", "two years ago" count from the
  anchor; "23 May last year" / "early June last year" take the year named after them;
* a day, month or weekday said of the future ("will meet on Tuesday", "is due in
  April", "closed until May 6") is the next such date instead: a clause cue
  (will, due, expected, scheduled, set to, plans to...) allows up to half a year
  ahead, "until" a deadline up to three months ahead (a weekday: the next one);
* the second day of a weekday range ("on Friday and Saturday", "Wednesday into
  Thursday") is the first such day after the first;
* not a point in time: "on a Sunday", "every Monday"; "Today" capitalised inside a
  sentence (a programme's name);
* the **anchor** is the publication date; when an article has none, it is
  inferred (and every date resolved from it says so) - see :func:`infer_anchor`.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# "23 May last year", "early June of next year": the year named after a date without one.
_YEAR_AFTER = r"(?:,?\s+(?:of\s+)?(?P<yrel>(?i:last|this|next))\s+year\b)?"
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
                 "thirty": 30, "forty": 40, "fifty": 50}

# Ordered: longer, more specific patterns first; a span matched once is not matched again.
PATTERNS = [
    ("mdy", re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d{2})\b")),
    ("dmy", re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>(?:19|20)\d{2})\b")),
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})\b")),
    # not "May 3 10:30"-like times, but a caption's "July 31: ..." is a date
    ("md", re.compile(r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s+\d{4})(?!:\d|\d)"
                      + _YEAR_AFTER)),
    ("dm", re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"\b(?!,?\s+\d{4})" + _YEAR_AFTER)),
    ("my", re.compile(r"\b" + _MONTH + r",?\s+(?:of\s+)?(?P<year>(?:19|20)\d{2})\b")),
    # not "on a Sunday" / "it was a Wednesday" / "every Monday" (no point in time)
    ("weekday", re.compile(r"\b(?<!\b[Oo]n\sa\s)(?<!\b[Ww]as\sa\s)(?<!\b[Ii]s\sa\s)(?<!\b[Ee]very\s)(?<!\b[Ee]ach\s)"
                           r"(?:(?P<rel>(?i:last|this|next|on|since|until|by))\s+)?" + _WEEKDAY + r"\b")),
    ("month", re.compile(r"\b(?P<rel>(?i:in|since|until|by|from|last|this|next|early|late|mid-?|earlier in"
                         r"|(?:the\s+)?(?:end|beginning|start|middle)\s+of))\s+" + _MONTH + r"\b(?!\s+\d)"
                         + _YEAR_AFTER)),
    ("this_month", re.compile(r"\b(?P<rel>earlier this|later this|this|last|next|earlier in the)\s+month\b", re.I)),
    ("this_year", re.compile(r"\b(?P<rel>earlier this|later this|this|last|next)\s+year\b", re.I)),
    ("ago", re.compile(r"\b(?<![\d,.])(?P<num>\d{1,3}|(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten"
                       r"|eleven|twelve|fifteen|twenty|thirty|forty|fifty))"
                       r"\s+(?P<unit>(?i:days?|months?|years?))\s+ago\b")),
    ("year", re.compile(r"\b(?P<rel>(?i:in|since|until|by|from|during|of|early|late|mid-?|before|after"
                        r"|the|a|an|its|his|her|their))\s+(?P<year>(?:19|20)\d{2})\b")),
    ("day_word", re.compile(r"\b(?P<rel>yesterday|today|tomorrow)\b", re.I)),
]

# Words before a date, in its clause, that put it in the future.
_FUTURE = re.compile(r"\b(?:will|won't|shall|expected\s+to|(?:is|are)\s+expected"
                     r"|due\s+(?:to\s+(?!the\b|an?\b|its\b|his\b|her\b|their\b|this\b|that\b)|on|in|by|back|for)"
                     r"|(?:is|are)\s+due|scheduled\s+(?:to|for|in|on)|(?:is|are)\s+scheduled|set\s+(?:to|for)"
                     r"|plans?\s+to|planning\s+to|planned\s+for|to\s+be\s+held|(?:is|are)\s+to|going\s+to)\b|'ll\b",
                     re.I)
# A verb in the past between the cue and the date: the date is that verb's ("will continue the
# campaign they launched in January").
_PAST_VERB = re.compile(r"\b(?<!\bbe\s)(?<!\bbeen\s)(?<!\bbeing\s)"
                        r"(?:[a-z]{2,}[^e\W]ed|said|told|began|took|met|came|went|left|saw|found|fell|rose|won)\b")
_PAST_AUX = re.compile(r"\b(?:was|were|had|had\s+been)\s+$", re.I)
_UNTIL = re.compile(r"\b(?:until|till)\s+$", re.I)
_RANGE_BEFORE = re.compile(r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
                           r"(?:\s+(?:morning|afternoon|evening|night))?\s*(?:and|to|into|through|or|-|–)"
                           r"\s+(?:on\s+)?$")
_YEAR_SHIFT = {"last": -1, "this": 0, "next": 1}


def _keep(kind: str, match: re.Match) -> bool:
    """False for a match that is no date: "Today" capitalised inside a sentence (NBC's Today show)."""
    if kind == "day_word" and match.group(0)[0].isupper():
        before = match.string[:match.start()].rstrip()
        return not before or before[-1] in ".!?:;\"'“‘(-—\n"
    return True


def _future(match: re.Match) -> str | None:
    """"cue" when the date's clause speaks of the future (will, due, expected...), "until" for a
    deadline ("closed until May 6"), else None."""
    text, start = match.string, match.start()
    if _UNTIL.search(text[max(0, start - 8):start]) or (match.groupdict().get("rel") or "").lower() == "until":
        return "until"
    clause = text[max(0, start - 120):start]
    clause = re.split(r"[.!?;:,()\n]|--|—", clause)[-1]
    cues = list(_FUTURE.finditer(clause))
    # "had been expected to reveal on Saturday", "was due on Monday": the future of a past
    if cues and not _PAST_AUX.search(clause[:cues[-1].start()]) and not _PAST_VERB.search(clause[cues[-1].end():]):
        return "cue"
    return None


@dataclass
class DateMention:
    text: str  # the expression as written
    start: int
    end: int
    value: str | None  # ISO: YYYY-MM-DD, YYYY-MM or YYYY
    precision: str | None  # day | month | year
    relative: bool  # needed the anchor
    inferred: bool = False  # the anchor itself was inferred, not a publication date


def find_mentions(text: str) -> list[tuple[str, re.Match]]:
    taken: list[tuple[int, int]] = []
    found = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            span = match.span()
            if any(a < span[1] and span[0] < b for a, b in taken) or not _keep(kind, match):
                continue
            taken.append(span)
            found.append((kind, match))
    found.sort(key=lambda item: item[1].start())
    return found


def _month(name: str) -> int:
    return int(name) if name.isdigit() else MONTHS[name.lower().rstrip(".")]


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def year_for(month: int, day: int, anchor: date, ahead_days: int = 31) -> int | None:
    """The year putting month/day nearest the anchor, no more than ``ahead_days`` after it."""
    best = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        candidate = _safe(year, month, day)
        if candidate is None or (candidate - anchor).days > ahead_days:
            continue
        if best is None or abs((candidate - anchor).days) < abs((best - anchor).days):
            best = candidate
    return best.year if best else None


def _future_month(match: re.Match, month: int, anchor: date) -> bool:
    future = _future(match)
    return future == "cue" or (future == "until" and (month - anchor.month) % 12 <= 3)


def resolve(kind: str, match: re.Match, anchor: date | None,
            ahead_days: int = 31) -> tuple[str | None, str | None, bool]:
    """(ISO value, precision, relative) for one match; value None when it cannot be resolved.

    ``ahead_days``: how far after the anchor a date without its year may fall (a
    publication date bounds it tightly; an inferred anchor is only a nearby date)."""
    g = match.groupdict()
    if kind in ("mdy", "dmy", "iso"):
        d = _safe(int(g["year"]), _month(g["month"]), int(g["day"]))
        return (d.isoformat() if d else None), "day", False
    if kind == "my":
        return f"{int(g['year']):04d}-{_month(g['month']):02d}", "month", False
    if kind == "year":
        return g["year"], "year", False
    if anchor is None:
        return None, None, True
    if kind in ("md", "dm"):
        month, day = _month(g["month"]), int(g["day"])
        if g.get("yrel"):
            d = _safe(anchor.year + _YEAR_SHIFT[g["yrel"].lower()], month, day)
            return (d.isoformat() if d else None), "day", True
        future = _future(match)
        year = None
        if future:  # the first such day from the anchor on, if near enough
            ahead = max(ahead_days, 183 if future == "cue" else 92)
            nxt = next((c for c in (_safe(y, month, day) for y in (anchor.year, anchor.year + 1))
                        if c and 0 <= (c - anchor).days <= ahead), None)
            year = nxt.year if nxt else None
        year = year or year_for(month, day, anchor, ahead_days)
        d = _safe(year, month, day) if year else None
        return (d.isoformat() if d else None), "day", True
    if kind == "weekday":
        rel = (g.get("rel") or "").lower()
        target = WEEKDAYS[g["weekday"].lower()]
        back = (anchor.weekday() - target) % 7
        before = _RANGE_BEFORE.search(match.string[max(0, match.start() - 40):match.start()])
        if before and rel in ("", "on", "until"):  # "Friday and Saturday": the Saturday after that Friday
            first = WEEKDAYS[before.group("weekday").lower()]
            first_day = anchor - timedelta(days=(anchor.weekday() - first) % 7)
            if _future(match):
                first_day = anchor + timedelta(days=(first - anchor.weekday()) % 7)
            d = first_day + timedelta(days=(target - first) % 7 or 7)
        elif rel == "next":
            d = anchor + timedelta(days=(target - anchor.weekday()) % 7 or 7)
        elif rel == "last" and back == 0:
            d = anchor - timedelta(days=7)
        elif rel in ("", "on", "until", "by") and _future(match):
            d = anchor + timedelta(days=(target - anchor.weekday()) % 7)
        else:
            d = anchor - timedelta(days=back)
        return d.isoformat(), "day", True
    if kind == "this_month":
        rel = g["rel"].lower()
        first = anchor.replace(day=1)
        if rel == "last":
            first = (first - timedelta(days=1)).replace(day=1)
        elif rel == "next":
            first = (first + timedelta(days=32)).replace(day=1)
        return first.strftime("%Y-%m"), "month", True
    if kind == "this_year":
        rel = g["rel"].lower()
        year = anchor.year - 1 if rel == "last" else anchor.year + 1 if rel == "next" else anchor.year
        return f"{year:04d}", "year", True
    if kind == "month":
        month = _month(g["month"])
        rel = (g.get("rel") or "").lower()
        year = anchor.year
        if g.get("yrel"):
            year += _YEAR_SHIFT[g["yrel"].lower()]
        elif rel == "next" or (rel not in ("last", "this", "since") and _future_month(match, month, anchor)):
            if month < anchor.month or (rel == "next" and month == anchor.month):
                year += 1
        elif month > anchor.month + (0 if rel != "this" else 12):
            year -= 1  # "in July", written in March: last July
        if rel == "last" and month >= anchor.month and not g.get("yrel"):
            year = anchor.year - 1
        return f"{year:04d}-{month:02d}", "month", True
    if kind == "ago":
        num = g["num"].lower()
        n = int(num) if num.isdigit() else _NUMBER_WORDS[num]
        unit = g["unit"].lower().rstrip("s")
        if unit == "day":
            return (anchor - timedelta(days=n)).isoformat(), "day", True
        if unit == "month":
            index = anchor.year * 12 + anchor.month - 1 - n
            return f"{index // 12:04d}-{index % 12 + 1:02d}", "month", True
        return f"{anchor.year - n:04d}", "year", True
    if kind == "day_word":
        shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[g["rel"].lower()]
        return (anchor + timedelta(days=shift)).isoformat(), "day", True
    return None, None, True


def infer_anchor(text: str, hints: list[date] | None = None) -> date | None:
    """An anchor for an article without a publication date.

    The article was written after every complete date it mentions; ``hints`` are
    dates known from related articles (its event or storyline), used when they
    do not contradict that. Returns the latest usable date, or None.
    """
    explicit = []
    for kind, match in find_mentions(text):
        value, precision, relative = resolve(kind, match, None)
        if value and not relative:
            parts = [int(p) for p in value.split("-")]
            explicit.append(date(parts[0], parts[1] if len(parts) > 1 else 12, parts[2] if len(parts) > 2 else 28))
    floor = max(explicit) if explicit else None
    usable = [h for h in (hints or []) if floor is None or h >= floor]
    if usable:
        return max(usable)
    return floor


def resolve_mentions(text: str, published: date | None, hints: list[date] | None = None,
                     anchor: date | None = None) -> list[DateMention]:
    """Every date expression of ``text``, resolved against the publication date, or
    else ``anchor`` / an anchor inferred from ``hints`` (then the relative ones are
    marked ``inferred``)."""
    inferred = published is None
    anchor = published or anchor or infer_anchor(text, hints)
    out = []
    for kind, match in find_mentions(text):
        value, precision, relative = resolve(kind, match, anchor, 366 if inferred else 31)
        out.append(DateMention(match.group(0), match.start(), match.end(), value, precision, relative,
                               inferred=inferred and relative and value is not None))
    return out


def floor_date(text: str) -> date | None:
    """The latest complete date an article mentions: it was written after it."""
    return infer_anchor(text, None)


def solve_event_date(texts: list[str], floor: date | None) -> date | None:
    """A day a group of reports of one happening pins down without any year:
    "September 28" in one, "on Thursday" in another - the first year, not before
    what the reports mention, in which that day is that weekday."""
    days, weekdays = [], set()
    for text in texts:
        for kind, match in find_mentions(text):
            g = match.groupdict()
            if kind in ("md", "dm"):
                days.append((_month(g["month"]), int(g["day"])))
            elif kind == "weekday" and (g.get("rel") or "").lower() in ("on", ""):
                weekdays.add(WEEKDAYS[g["weekday"].lower()])
    if not days or len(weekdays) != 1:
        return None
    weekday = weekdays.pop()
    start = floor.year if floor else date.today().year - 10
    for month, day in days:
        for year in range(start, start + 12):
            candidate = _safe(year, month, day)
            if candidate and candidate.weekday() == weekday and (floor is None or candidate >= floor):
                return candidate
    return None
