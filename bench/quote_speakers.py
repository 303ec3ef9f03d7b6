"""Quote speakers benchmark: is a quote given to the person who said it, with "he said" and
"Mr. Perry" resolved to the name, on BASIL (Fan et al., EMNLP 2019)?

PolNeAR (bench/quotes.py) scores the speaker *as written*: its gold source of '"...," he
said' is "he". What a reader of newsprism's who-said-what table sees is the resolved
speaker, and BASIL's annotators name it: a phrase marked ``quote: yes`` carries a
``speaker`` ("Rick_Perry"). Those phrases are parts of quotations chosen for their bias
(a word, a clause, a whole quotation), by the NYT, Fox News and HuffPost, 2010-2014.

Gold: every BASIL phrase with ``quote: yes`` whose speaker is one named person (two
capitalised words, not a group: "Tea_Party", "Senate_Republicans" and the annotators'
"other_pro" / "other_anti" / "other_neutral" - someone the annotators did not name - are
left out), found in the article's cleaned text by its words. Years 2010-2012 are the
development part (errors read, rules changed), 2013-2014 the held-out part (``--years``).

Metric: a gold phrase is *found* when one predicted quote covers more than 30 % of its
characters (the Gender Gap Tracker's threshold, as in bench/quotes.py); its speaker is
*right* when the gold's surname is a word of the predicted speaker - newsprism: the
quote's speaker as shown, its entity's name and aliases; textacy's ``direct_quotations``
(the anchor, same text, same spaCy pipeline, same run): its speaker tokens as written.
``speaker accuracy`` = right / found; ``found and right`` = right / gold.

newsprism runs the product path (ingest into a fresh SQLite store, ``group_new``,
``reanalyse``), as bench/analysis.py does.

Usage:
  python bench/quote_speakers.py                         # both parts, both systems
  python bench/quote_speakers.py --years 2010-2012 --errors   # list what newsprism gets wrong
  python bench/quote_speakers.py --json bench/out/quote-speakers.json
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import re
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from _common import BASIL, basil_items, git_commit, machine_line, package_versions

PARTS = {"dev": range(2010, 2013), "test": range(2013, 2015)}
GROUP_WORDS = {"party", "republicans", "democrats", "lawmakers"}  # "Tea_Party", "Senate_Republicans"


@dataclass
class Gold:
    year: int
    url: str
    text: str  # as annotated
    speaker: str  # "Rick Perry"
    start: int = -1  # in newsprism's cleaned text; -1: not found there
    end: int = -1


def is_person(speaker: str) -> bool:
    words = speaker.split("_")
    return len(words) == 2 and all(w[:1].isupper() for w in words) and words[1].lower() not in GROUP_WORDS


def load_gold(data: Path, urls: dict[str, str]) -> list[Gold]:
    """Named-person quote phrases of the articles in ``urls`` (BASIL uuid -> URL)."""
    gold = []
    for path in sorted((data / "annotations").glob("*/*_ann.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        url = urls.get(record["uuid"])
        if url is None:
            continue
        for phrase in record["phrase-level-annotations"]:
            if phrase["quote"] == "yes" and is_person(phrase["speaker"]):
                gold.append(Gold(int(path.parent.name), url, phrase["txt"], phrase["speaker"].replace("_", " ")))
    return gold


def _squash(text: str) -> tuple[str, list[int]]:
    """Letters and digits only, lower case, with each kept character's offset."""
    kept = [(ch.lower(), i) for i, ch in enumerate(text) if ch.isalnum()]
    return "".join(ch for ch, _ in kept), [i for _, i in kept]


def locate(gold: Gold, text: str) -> None:
    """The gold phrase's span in ``text``: found as written, else by its letters and digits
    (BASIL's sentences were re-joined and its quotation marks differ from the page's)."""
    at = text.find(gold.text.strip())
    if at >= 0:
        gold.start, gold.end = at, at + len(gold.text.strip())
        return
    needle, _ = _squash(gold.text)
    hay, offsets = _squash(text)
    at = hay.find(needle) if needle else -1
    if at >= 0:
        gold.start, gold.end = offsets[at], offsets[at + len(needle) - 1] + 1


def fold_words(text: str) -> set[str]:
    from newsprism.analyse.entities import fold

    return set(fold(text).split())


@dataclass
class Pred:
    start: int
    end: int
    speaker_names: list[str]  # what the speaker is called: as shown, entity name and aliases


def newsprism_predictions(records: list[dict], tmp: Path) -> tuple[dict[str, list[Pred]], dict[str, str]]:
    """url -> predicted quotes, and url -> the cleaned text, from the product path."""
    from newsprism.pipeline import group_new, ingest, reanalyse
    from newsprism.store import open_store

    source = tmp / "basil.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    store = open_store(str(tmp / "store.db"))
    ingest([str(source)], store)
    group_new(store)
    analysis = reanalyse(store)
    entities = {e.id: e for e in analysis.entities}
    articles = {a.id: a for a in store.articles(latest_only=True)}
    preds: dict[str, list[Pred]] = defaultdict(list)
    for quote in analysis.quotes:
        names = [quote.speaker] if quote.speaker else []
        entity = entities.get(quote.speaker_entity_id)
        if entity is not None:
            names += [entity.name, *entity.aliases]
        preds[articles[quote.article_id].url].append(Pred(quote.start, quote.end, names))
    return preds, {a.url: a.text for a in articles.values()}


def textacy_predictions(texts: dict[str, str], nlp) -> tuple[dict[str, list[Pred]], int]:
    from textacy.extract.triples import direct_quotations

    preds: dict[str, list[Pred]] = defaultdict(list)
    crashes = 0
    for url, text in texts.items():
        try:
            for triple in direct_quotations(nlp(text)):
                speaker = " ".join(t.text for t in triple.speaker)
                preds[url].append(Pred(triple.content.start_char, triple.content.end_char, [speaker]))
        except ValueError:  # "N quotation marks found, indicating an unclosed quotation"
            crashes += 1
    return preds, crashes


def best_match(gold: Gold, preds: list[Pred]) -> Pred | None:
    """The prediction covering the largest share (> 30 %) of the gold's characters."""
    best, share = None, 0.3
    for pred in preds:
        covered = max(0, min(gold.end, pred.end) - max(gold.start, pred.start)) / (gold.end - gold.start)
        if covered > share:
            best, share = pred, covered
    return best


def speaker_right(gold: Gold, pred: Pred) -> bool:
    surname = gold.speaker.split()[-1].lower()
    return any(surname in fold_words(name) for name in pred.speaker_names)


def score(gold: list[Gold], preds: dict[str, list[Pred]]) -> tuple[dict, list[tuple[Gold, Pred | None]]]:
    found = right = 0
    wrong = []
    for g in gold:
        pred = best_match(g, preds.get(g.url, []))
        if pred is None:
            wrong.append((g, None))
            continue
        found += 1
        if speaker_right(g, pred):
            right += 1
        else:
            wrong.append((g, pred))
    n = len(gold)
    return ({"gold": n, "found": found, "speaker_right": right,
             "recall": round(found / n, 3) if n else None,
             "speaker_accuracy": round(right / found, 3) if found else None,
             "found_and_right": round(right / n, 3) if n else None}, wrong)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=BASIL)
    parser.add_argument("--years", help="e.g. 2010-2012 (default: both parts, reported apart)")
    parser.add_argument("--systems", default="newsprism,textacy")
    parser.add_argument("--errors", action="store_true",
                        help="print newsprism's misses and wrong speakers (not on the held-out part)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)

    items = basil_items(args.data, 10_000)
    if args.years:
        first, _, last = args.years.partition("-")
        years = range(int(first), int(last or first) + 1)
        parts = {args.years: years}
        items = [(item, record) for item, record in items if int(item["date"][:4]) in years]
    else:
        parts = PARTS
    systems = args.systems.split(",")

    from newsprism.analyse.nlp import load_nlp

    nlp = load_nlp()
    with tempfile.TemporaryDirectory() as tmp:
        preds, texts = newsprism_predictions([record for _, record in items], Path(tmp))
    gold = load_gold(args.data, {item["uuid"]: item["url"] for item, _ in items})
    for g in gold:
        locate(g, texts.get(g.url, ""))
    located = [g for g in gold if g.start >= 0]
    results = {"newsprism": preds}
    crashes = {"newsprism": 0}
    if "textacy" in systems:
        results["textacy"], crashes["textacy"] = textacy_predictions(texts, nlp)

    rows = []
    for part, years in parts.items():
        part_gold = [g for g in located if g.year in years]
        for system in systems:
            numbers, wrong = score(part_gold, results[system])
            rows.append({"part": part, "years": f"{years[0]}-{years[-1]}", "system": system, **numbers,
                         "crashes": crashes[system]})
            if args.errors and system == "newsprism" and part != "test":  # the held-out part is not read
                for g, pred in wrong:
                    print(f"[{part}] {g.speaker}: {g.text[:90]!r} -> "
                          f"{'not found' if pred is None else pred.speaker_names[:3]}", file=sys.stderr)

    print(f"{len(gold)} named-person quote phrases, {len(located)} found in newsprism's cleaned text; "
          f"{len(items)} articles")
    print(f"{'part':>9} {'system':>10} {'gold':>5} {'found':>6} {'recall':>7} {'speaker acc':>12} "
          f"{'found+right':>12} {'crashes':>8}")
    for r in rows:
        print(f"{r['part']:>9} {r['system']:>10} {r['gold']:>5} {r['found']:>6} {r['recall']:>7} "
              f"{r['speaker_accuracy']!s:>12} {r['found_and_right']!s:>12} {r['crashes']:>8}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({
            "benchmark": "quote_speakers", "data": "BASIL", "articles": len(items), "gold_phrases": len(gold),
            "located": len(located), "rows": rows, "date": _dt.date.today().isoformat(), "machine": machine_line(),
            "commit": git_commit(), "versions": package_versions("newsprism", "spacy", "textacy")},
            indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
