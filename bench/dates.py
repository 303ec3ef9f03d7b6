"""Date resolution benchmark: newsprism's resolver vs dateparser alone, on hand-labelled
date expressions from real news articles with their publication dates.

Data: Timeline17 (Tran et al., WWW 2013), read in place from /work/shared/data/timeline17
(or --data DIR): ``<topic>_<outlet>/articles.json`` = list of {uid, dct, text}, ``dct`` the
publication date, ``text`` the article (Penn-Treebank tokenized). Gold:
``bench/data/dates-gold.jsonl``, one line per expression, holding only references
(topic_dir, uid, character offsets into ``text``, the expression itself) and the label
(calendar date + precision, or "none" for an expression that is not a point in time);
the article text is re-read from the corpus. How the gold set was drawn and labelled:
bench/README.md ("Date resolution"); ``--candidates FILE`` redraws the unlabelled sample.

Text: the corpus is tokenized ("September 1 , 1969", "Gadhafi 's", "-LRB-"), which no real
page is; both systems get the article *detokenized* (spaces before punctuation and clitics
removed, brackets and quotes restored), and the gold offsets are mapped onto it.

Systems, per gold expression, with the publication date as anchor:
  * newsprism  - ``find_mentions`` on the whole article; the mention overlapping the gold
    span most is resolved with ``resolve`` (as ``resolve_mentions`` does with a publication
    date); no overlapping mention = a miss (no date);
  * dateparser - ``dateparser.parse(expression, settings={RELATIVE_BASE: dct,
    PREFER_DATES_FROM: "past", RETURN_TIME_AS_PERIOD: True})`` on the gold expression alone
    (dateparser 1.5.0 finds nothing in running text by itself; its ``search_dates`` is a
    different, much noisier task).

Scoring, for gold expressions with a date: the prediction is cut to the gold precision
(day YYYY-MM-DD, week = ISO week, month YYYY-MM, year YYYY) and must equal the gold; a
prediction coarser than the gold (a month for a day) is wrong. dateparser always returns
a day, so it is never too coarse. ``strict`` additionally requires newsprism's own
precision to be the gold's. Coverage = share of dated gold expressions newsprism finds
(overlaps) at all. For "none" gold expressions, "abstain" = the share a system leaves
without a date (newsprism: no mention or no value; dateparser: None).

Usage:
  python bench/dates.py                          # dev and test, both systems
  python bench/dates.py --split dev --errors     # list newsprism's dev errors (for tuning)
  python bench/dates.py --json bench/out/dates.json
  python bench/dates.py --candidates /tmp/candidates.jsonl   # redraw the unlabelled sample
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import random
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

DATA = Path("/work/shared/data/timeline17")
GOLD = Path(__file__).parent / "data" / "dates-gold.jsonl"
SEED = 20261123
TYPES = ["full date", "day-month", "month(-year)", "year", "weekday", "relative", "numeric"]  # the net's kinds
# The report's types of a gold expression: the net's, with "relative" split by its unit.
REPORT_TYPES = ["full date", "day-month", "month(-year)", "year", "weekday", "relative day", "relative week",
                "relative month/year", "N ago", "numeric"]


# ---------------------------------------------------------------- text

_JOIN_PREV = {",", ".", ":", ";", "?", "!", "...", "%", "'s", "n't", "'re", "'ve", "'m", "'ll", "'d",
              "''", "-RRB-", "'"}
_JOIN_NEXT = {"``", "`", "-LRB-", "$", "#"}
_REPLACE = {"``": '"', "''": '"', "-LRB-": "(", "-RRB-": ")", "`": "'"}


def detokenize(text: str, decades: bool = True) -> tuple[str, list[int], list[int]]:
    """(plain text, old->new offset map of len(text)+1, new->old offset map of len(new)+1).

    ``decades``: join "1920 s" back into "1920s" (off only to redraw the sample exactly as it
    was drawn, before this rule was added)."""
    out: list[str] = []
    old2new = [0] * (len(text) + 1)
    new2old: list[int] = []
    pos, n, glue = 0, 0, True
    for tok in text.split(" "):
        start = pos
        pos += len(tok) + 1
        if not tok:
            old2new[start] = n
            continue
        new = _REPLACE.get(tok, tok)
        decade = decades and tok == "s" and bool(out) and re.fullmatch(r"\d{4}", out[-1]) is not None
        if not glue and tok not in _JOIN_PREV and not decade:
            out.append(" ")
            new2old.append(start - 1)
            n += 1
        for i in range(len(tok)):
            old2new[start + i] = n + min(i, len(new) - 1)
        for i in range(len(new)):
            new2old.append(start + min(i, len(tok) - 1))
        out.append(new)
        n += len(new)
        if start + len(tok) <= len(text):
            old2new[start + len(tok)] = n
        glue = tok in _JOIN_NEXT
    new2old.append(len(text))
    old2new[len(text)] = n
    return "".join(out), old2new, new2old


# ---------------------------------------------------------------- data

@dataclass
class Gold:
    topic_dir: str
    uid: str
    dct: str
    start: int
    end: int
    expression: str
    gold: str  # ISO date at its precision, or "none"
    precision: str | None  # day | week | month | year | None
    split: str
    type: str = ""
    note: str = ""


def load_articles(data: Path, keys: set[tuple[str, str]] | None = None) -> dict[tuple[str, str], dict]:
    out = {}
    for path in sorted(data.glob("*/articles.json")):
        topic = path.parent.name
        if keys is not None and not any(k[0] == topic for k in keys):
            continue
        for art in json.loads(path.read_text()):
            key = (topic, str(art["uid"]))
            if keys is None or key in keys:
                out[key] = art
    return out


def load_gold(path: Path = GOLD) -> list[Gold]:
    rows = []
    for line in path.read_text().splitlines():
        if line.strip():
            row = json.loads(line)
            rows.append(Gold(**{k: row.get(k, "") for k in Gold.__dataclass_fields__ if k in row}))
    return rows


def split_of(topic_dir: str, uid: str, start: int) -> str:
    """Fixed dev/test split, drawn before any system was run on the labelled set."""
    h = int(hashlib.sha256(f"{topic_dir}/{uid}/{start}".encode()).hexdigest(), 16)
    return "dev" if h % 2 == 0 else "test"


# ---------------------------------------------------------------- the candidate net
# Broader than newsprism's patterns, written independently of them, so that the sample is
# not limited to what newsprism already finds. Run on the detokenized text.

_M = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
      r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)(?![a-z])")
_W = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_D = r"\d{1,2}(?:st|nd|rd|th)?"
_Y = r"(?:19|20)\d{2}"
_NUMW = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several|few)"
NET = [
    ("date", re.compile(rf"\b(?:{_W},?\s+)?(?:(?:the\s+)?{_D}\s+(?:of\s+)?{_M}|{_M}\s+{_D}\b)(?:,?\s+{_Y}\b)?")),
    ("relative", re.compile(
        r"\b(?:(?:yesterday|today|tomorrow|tonight)(?:\s+(?:morning|afternoon|evening|night))?"
        r"|this\s+(?:morning|afternoon|evening)"
        r"|(?:this past|the past|the last|the next|earlier this|later this|this|last|next|past)\s+"
        r"(?:week|weekend|month|year)"
        rf"|{_NUMW}\s+(?:days?|weeks?|months?|years?|decades?)\s+ago)\b", re.I)),
    ("month", re.compile(rf"\b(?:(?:early|late|mid-?|earlier|last|next|this|the end of|end of)\s+)?{_M}"
                         rf"(?:,?\s+(?:of\s+)?{_Y}\b)?")),
    ("weekday", re.compile(rf"\b(?:(?:this past|last|next|this|past)\s+)?{_W}\b")),
    ("numeric", re.compile(r"\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b")),
    ("year", re.compile(rf"\b(?:(?:early|late|mid-?)\s*)?{_Y}\b(?![,.]?\d)")),
]


def net_type(kind: str, expr: str) -> str:
    if kind == "date":
        return "full date" if re.search(rf",?\s+{_Y}$", expr) else "day-month"
    return {"month": "month(-year)"}.get(kind, kind)


def candidates(plain: str) -> list[tuple[int, int, str]]:
    taken: list[tuple[int, int]] = []
    out = []
    for kind, pattern in NET:
        for m in pattern.finditer(plain):
            s, e = m.span()
            if any(a < e and s < b for a, b in taken):
                continue
            taken.append((s, e))
            out.append((s, e, net_type(kind, m.group(0))))
    return sorted(out)


def expression_type(expr: str) -> str:
    """The benchmark's type of a gold expression (from its wording, not from any system):
    the net's kind of the earliest (then longest) candidate in it."""
    best = None
    for kind, pattern in NET:
        m = pattern.search(expr)
        if m and (best is None or (m.start(), -len(m.group(0))) < (best[1].start(), -len(best[1].group(0)))):
            best = (kind, m)
    typ = net_type(best[0], best[1].group(0)) if best else "relative"
    if typ == "relative":
        if re.search(r"\bago$", expr, re.I):
            return "N ago"
        if re.search(r"\bweek(?:end)?$", expr, re.I):
            return "relative week"
        if re.search(r"\b(?:month|year)$", expr, re.I):
            return "relative month/year"
        return "relative day"
    return typ


QUOTAS = {"full date": 30, "day-month": 50, "month(-year)": 40, "year": 20, "weekday": 50,
          "relative": 60, "numeric": 10}


def draw_candidates(data: Path, per_topic: int = 12) -> list[dict]:
    """The unlabelled sample: ``per_topic`` articles of every topic directory (fixed seed),
    every net candidate in them, then per type a quota, taken round-robin over the topics."""
    rng = random.Random(SEED)
    pool: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for path in sorted(data.glob("*/articles.json")):
        topic = path.parent.name
        arts = json.loads(path.read_text())
        rng.shuffle(arts)
        taken = 0
        for art in arts:
            raw = art["text"]
            plain, _, new2old = detokenize(raw, decades=False)
            found = candidates(plain)
            if not found:
                continue
            taken += 1
            for s, e, typ in found:
                start, end = new2old[s], new2old[e - 1] + 1
                pool[typ][topic].append({"topic_dir": topic, "uid": str(art["uid"]), "dct": art["dct"],
                                         "start": start, "end": end, "expression": raw[start:end],
                                         "type": typ})
            if taken >= per_topic:
                break
    sample = []
    for typ in TYPES:
        by_topic = pool[typ]
        for topic in by_topic:
            rng.shuffle(by_topic[topic])
        order = sorted(by_topic)
        quota, i = QUOTAS[typ], 0
        chosen: list[dict] = []
        while len(chosen) < quota and any(by_topic[t] for t in order):
            topic = order[i % len(order)]
            if by_topic[topic]:
                chosen.append(by_topic[topic].pop())
            i += 1
        sample.extend(chosen)
    for row in sample:
        row["split"] = split_of(row["topic_dir"], row["uid"], row["start"])
    return sample


# ---------------------------------------------------------------- systems

RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def at_precision(value: str | None, precision: str | None, gold_precision: str) -> str | None:
    """A predicted ISO value cut to the gold precision; None when absent or too coarse."""
    if not value or not precision or RANK[precision] > RANK[gold_precision]:
        return None
    if gold_precision == "week":
        y, w, _ = date.fromisoformat(value[:10]).isocalendar()
        return f"{y:04d}-W{w:02d}"
    return value[: {"day": 10, "month": 7, "year": 4}[gold_precision]]


@dataclass
class Item:
    gold: Gold
    expr: str  # detokenized expression, as given to dateparser
    context: str
    np_value: str | None = None
    np_precision: str | None = None
    np_found: bool = False  # a newsprism mention overlaps the gold span
    np_text: str = ""
    dp_value: str | None = None  # dateparser's date, ISO day


def run_systems(gold: list[Gold], data: Path) -> list[Item]:
    import dateparser

    from newsprism.analyse.dates import resolve_mentions

    arts = load_articles(data, {(g.topic_dir, g.uid) for g in gold})
    cache: dict[tuple[str, str], tuple] = {}
    items = []
    for g in gold:
        key = (g.topic_dir, g.uid)
        raw = arts[key]["text"]
        if raw[g.start:g.end] != g.expression:
            raise SystemExit(f"gold span does not match the corpus text: {g}")
        if key not in cache:
            plain, old2new, _ = detokenize(raw)
            cache[key] = (plain, old2new, resolve_mentions(plain, date.fromisoformat(g.dct)))
        plain, old2new, mentions = cache[key]
        s, e = old2new[g.start], old2new[g.end]
        item = Item(g, plain[s:e], plain[max(0, s - 200):s] + "[[" + plain[s:e] + "]]" + plain[e:e + 80])
        overlapping = [(min(e, m.end) - max(s, m.start), m) for m in mentions if m.start < e and s < m.end]
        if overlapping:
            m = max(overlapping, key=lambda t: t[0])[1]
            item.np_found, item.np_text = True, m.text
            item.np_value, item.np_precision = m.value, m.precision
        base = datetime.fromisoformat(g.dct)
        parsed = dateparser.parse(item.expr, languages=["en"], settings={
            "RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True})
        item.dp_value = parsed.date().isoformat() if parsed else None
        items.append(item)
    return items


def np_correct(item: Item) -> bool:
    g = item.gold
    return at_precision(item.np_value, item.np_precision, g.precision) == g.gold


def np_strict(item: Item) -> bool:
    return item.np_precision == item.gold.precision and item.np_value == item.gold.gold


def dp_correct(item: Item) -> bool:
    g = item.gold
    return at_precision(item.dp_value, "day" if item.dp_value else None, g.precision) == g.gold


# ---------------------------------------------------------------- report

def metrics(items: list[Item]) -> dict:
    dated = [i for i in items if i.gold.precision]
    nones = [i for i in items if i.gold.gold == "none"]
    out: dict = {"n": len(dated), "n_none": len(nones),
                 "n_unlabelled": sum(1 for i in items if i.gold.gold is None), "by_type": {}}

    def block(group: list[Item]) -> dict:
        n = len(group)
        return {"n": n,
                "newsprism": sum(map(np_correct, group)) / n if n else None,
                "newsprism_strict": sum(map(np_strict, group)) / n if n else None,
                "dateparser": sum(map(dp_correct, group)) / n if n else None,
                "coverage": sum(i.np_found for i in group) / n if n else None}

    out["all"] = block(dated)
    for typ in REPORT_TYPES:
        group = [i for i in dated if i.gold.type == typ]
        if group:
            out["by_type"][typ] = block(group)
    out["none"] = {"n": len(nones),
                   "newsprism_abstain": (sum(1 for i in nones if not i.np_value) / len(nones)) if nones else None,
                   "dateparser_abstain": (sum(1 for i in nones if not i.dp_value) / len(nones)) if nones else None}
    return out


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--split", choices=["dev", "test", "all", "both"], default="both",
                    help="both = dev and test rows (default)")
    ap.add_argument("--json", type=Path, help="write metrics and every prediction here")
    ap.add_argument("--errors", action="store_true", help="list newsprism's errors on the split(s)")
    ap.add_argument("--candidates", type=Path, help="write the unlabelled sample here and stop")
    args = ap.parse_args(argv)

    if args.candidates:
        rows = draw_candidates(args.data)
        args.candidates.write_text("".join(json.dumps(r) + "\n" for r in rows))
        print(f"{len(rows)} candidates -> {args.candidates}")
        return 0

    from rich.console import Console
    from rich.table import Table

    gold = load_gold(args.gold)
    splits = ["dev", "test"] if args.split == "both" else [args.split]
    chosen = [g for g in gold if args.split in ("all", "both") or g.split == args.split]
    items = run_systems(chosen, args.data)
    by_split = {s: [i for i in items if s == "all" or i.gold.split == s] for s in splits}
    results = {s: metrics(v) for s, v in by_split.items()}

    console = Console(width=max(Console().width, 110))
    table = Table(title="Date resolution on Timeline17 (hand-labelled; accuracy % at the gold precision)")
    for col in ("split", "type", "n", "newsprism", "np strict", "dateparser", "np coverage"):
        table.add_column(col, justify="left" if col in ("split", "type") else "right")
    for s in splits:
        r = results[s]
        rows = [("all dated", r["all"])] + list(r["by_type"].items())
        for name, b in rows:
            table.add_row(s, name, str(b["n"]), _pct(b["newsprism"]), _pct(b["newsprism_strict"]),
                          _pct(b["dateparser"]), _pct(b["coverage"]))
        nb = r["none"]
        table.add_row(s, "not a date: abstain", str(nb["n"]), _pct(nb["newsprism_abstain"]), "",
                      _pct(nb["dateparser_abstain"]), "", end_section=True)
    console.print(table)
    console.print("unlabelled (undatable) sample items left out: "
                  + ", ".join(f"{s} {results[s]['n_unlabelled']}" for s in splits))

    if args.errors:
        for s in splits:
            for i in by_split[s]:
                g = i.gold
                if g.precision and not np_correct(i):
                    console.print(f"[bold]{s} {g.type}[/] {g.topic_dir}/{g.uid} dct={g.dct} "
                                  f"({date.fromisoformat(g.dct):%a}) gold={g.gold} ({g.precision}) "
                                  f"newsprism={i.np_value} ({i.np_precision}) via {i.np_text!r} "
                                  f"dateparser={i.dp_value}", highlight=False)
                    console.print("   ..." + i.context.replace("\n", " ") + "...", highlight=False, markup=False)
                elif g.gold == "none" and i.np_value:
                    console.print(f"[bold]{s} not-a-date[/] {g.topic_dir}/{g.uid} {i.expr!r} "
                                  f"newsprism={i.np_value}", highlight=False)

    if args.json:
        import dateparser as _dp
        payload = {
            "date_run": datetime.now().isoformat(timespec="seconds"),
            "python": platform.python_version(), "dateparser": _dp.__version__,
            "gold": str(args.gold), "results": results,
            "items": [{"topic_dir": i.gold.topic_dir, "uid": i.gold.uid, "start": i.gold.start,
                       "split": i.gold.split, "type": i.gold.type, "gold": i.gold.gold,
                       "precision": i.gold.precision, "newsprism": i.np_value,
                       "newsprism_precision": i.np_precision, "newsprism_found": i.np_found,
                       "dateparser": i.dp_value} for i in items],
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
