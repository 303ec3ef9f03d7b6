"""Adding one article to a stored corpus of N articles, through the real path.

What a user's ``newsprism ingest NEW && newsprism analyze ...`` does to group a new article:
``pipeline.ingest`` (read, clean, store) and then ``pipeline.group_new``, which loads from
the SQLite store's grouping index only what the article needs (its LSH buckets, the
events sharing its top terms, the term counts, the candidate articles) and writes back
what changed, in one transaction. Timed here on a store of ``--n`` articles (default
100,000), one new article at a time, each its own ingest batch and grouping run.

Store: the synthetic stream of ``bench/copycorpus.py`` (real Timeline17 sentences in
runs, 300 made-up outlets, ~5 articles per synthetic event, 3 % planted near-duplicates;
see bench/README.md, "Copies"). Building it through ``group_new`` would take hours on
this machine (every article searches candidates and classifies pairs), so the base
store is built in bulk: articles written directly, then one in-memory ``Grouper`` whose
event index is given the known synthetic events (the first article of an event opens
it, the others join it) and whose LSH index and outlet names are filled as grouping
would, saved with ``store.save_grouping(..., index=grouper.index_state(...))``. The
base store has no copy relations (none were classified); everything measured after
that is the product's own path. The store is cached under bench/out/add-one-<n>/
(``--rebuild`` to build it again).

Measured: for ``--add`` (200) further articles of the same stream (so some are planted
copies of stored articles), wall and CPU time of ingest and of group_new; which event
each joined (the known one?); whether planted copies got a relation to their original;
database size. Process start-up (imports, ~1 s) is not counted: ``--cold K`` times K
additions in fresh processes too.

Usage:
  python bench/add_one.py                       # 100k store (built once, ~15 min here), 200 additions
  python bench/add_one.py --n 5000 --add 50     # quick
  python bench/add_one.py --json bench/out/add-one.json
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import cpu_model, memory_kib  # noqa: E402
import copycorpus  # noqa: E402

from newsprism.group import Grouper, _order_key  # noqa: E402
from newsprism.pipeline import group_new, ingest  # noqa: E402
from newsprism.store import open_store  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def url(article) -> str:
    host = (article.outlet or "unknown").lower().replace(" ", "-")
    return f"https://{host}.example/{article.id}"


def record(article) -> dict:
    return {"text": article.text, "title": article.title, "outlet": article.outlet, "published": article.published,
            "url": url(article)}


def build(folder: Path, stored: list) -> dict:
    """The base store, in bulk (see the module docstring)."""
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "newsprism.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    info: dict = {"n": len(stored)}
    store = open_store(str(db))
    t = time.perf_counter()
    # The same cleaning every input gets, then one transaction for the lot.
    from newsprism.clean import clean_document
    from newsprism.config import DEFAULT_SETTINGS
    from newsprism.ingest.readers import read_jsonl
    from newsprism.model import RawDocument

    path = folder / "base.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for article, _, _ in stored:
            fh.write(json.dumps(record(article), ensure_ascii=False) + "\n")
    cleaned = {}
    with store.transaction():
        batch = store.start_batch([str(path)])
        for raw in read_jsonl(str(path), path.read_bytes(), DEFAULT_SETTINGS):
            if not isinstance(raw, RawDocument):
                continue
            article = clean_document(raw)
            store.add_article(article)
            cleaned[article.url] = article
    store.finish_batch(batch, added=len(cleaned), versions=0, unchanged=0, errors=[])
    info["store_articles_s"] = time.perf_counter() - t
    log(f"  {len(cleaned):,} articles stored in {info['store_articles_s']:.0f} s")

    t = time.perf_counter()
    grouper = Grouper()
    articles = [cleaned[url(a)] for a, _, _ in stored]
    grouper.expect(articles)
    log(f"  features in {time.perf_counter() - t:.0f} s")
    opening = dataclasses.replace(grouper.event_index.params, max_candidates=0)
    searching = grouper.event_index.params
    first_of: dict[str, str] = {}
    stories = {cleaned[url(a)].id: story for a, story, _ in stored}
    for i, article in enumerate(sorted(articles, key=_order_key)):
        story = stories[article.id]
        grouper.event_index.params = searching if story in first_of else opening
        grouper._settle(article.id)
        grouper.event_index.add(grouper.feats[article.id], join=first_of.get(story))
        first_of.setdefault(story, article.id)
        grouper.copy_index.add(article.id, article.text)
        grouper.remember(article)
        if i and i % 20000 == 0:
            log(f"  indexed {i:,}")
    grouper.event_index.params = searching
    info["index_s"] = time.perf_counter() - t
    t = time.perf_counter()
    grouping = grouper.grouping()
    store.save_grouping(grouping, index=grouper.index_state(grouping))
    info["save_s"] = time.perf_counter() - t
    info["events"] = len(grouping.events)
    info["storylines"] = len(grouping.storylines)
    info["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    store.close()
    log(f"  indexed in {info['index_s']:.0f} s, saved in {info['save_s']:.0f} s: {info['events']:,} events")
    (folder / "build.json").write_text(json.dumps(info, indent=2))
    return info


def add_one(store, article, folder: Path) -> dict:
    path = folder / "new.jsonl"
    path.write_text(json.dumps(record(article), ensure_ascii=False) + "\n", encoding="utf-8")
    w0, c0 = time.perf_counter(), time.process_time()
    result = ingest([str(path)], store)
    w1, c1 = time.perf_counter(), time.process_time()
    grouped = group_new(store)
    w2, c2 = time.perf_counter(), time.process_time()
    article_id = result.article_ids[0] if result.article_ids else None
    return {"id": article_id, "ingest_ms": (w1 - w0) * 1e3, "ingest_cpu_ms": (c1 - c0) * 1e3,
            "group_ms": (w2 - w1) * 1e3, "group_cpu_ms": (c2 - c1) * 1e3, "grouped": grouped}


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def machine() -> str:
    cpu = cpu_model("?")
    mem = (memory_kib() or 0) // 2**20
    return f"{cpu}, {os.cpu_count()} vCPUs, {mem} GiB, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--add", type=int, default=200)
    ap.add_argument("--cold", type=int, default=5, help="additions timed in fresh processes")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)

    folder = OUT / f"add-one-{args.n}"
    log(f"synthetic stream: {args.n + args.add + args.cold:,} articles")
    stream = list(copycorpus.synthetic_stream(args.n + args.add + args.cold, seed=args.seed))
    stored, new, cold = stream[:args.n], stream[args.n:args.n + args.add], stream[args.n + args.add:]
    db = folder / "newsprism.db"
    marker = folder / "build.json"
    if args.rebuild or not marker.exists():
        log(f"building the base store of {args.n:,} articles in {folder}")
        info = build(folder, stored)
    else:
        info = json.loads(marker.read_text())
    # Work on a copy: the base store stays reusable.
    work = folder / "work.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(work) + suffix).unlink(missing_ok=True)
    src = open_store(str(db))
    src.db.execute(f"VACUUM INTO '{work}'")
    src.close()
    store = open_store(str(work))
    base_size = work.stat().st_size

    story_of = {}
    for article, story, plant in stored:
        story_of[url(article)] = story
    log(f"adding {len(new)} articles one at a time")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, (article, story, plant) in enumerate(new):
            row = add_one(store, article, Path(tmp))
            row["story"], row["planted"] = story, plant.how if plant else None
            row["original_url"] = next((url(a) for a, _, _ in stored if a.id == plant.original_id), None) \
                if plant else None
            rows.append(row)
            story_of[url(article)] = story
            if i % 20 == 0:
                log(f"  {i}: ingest {row['ingest_ms']:.0f} ms, group {row['group_ms']:.0f} ms")
    # Quality: did each addition join an event holding its synthetic story, and did
    # planted copies get a relation to their original?
    db_rows = store.db.execute("SELECT a.id, a.url, ea.event_id FROM articles a JOIN event_articles ea "
                               "ON ea.article_id = a.id").fetchall()
    url_by_id = {r["id"]: r["url"] for r in db_rows}
    members: dict[str, list[str]] = {}
    for r in db_rows:
        members.setdefault(r["event_id"], []).append(r["url"])
    event_of = {r["id"]: r["event_id"] for r in db_rows}
    joined_story = 0
    planted_rows = [r for r in rows if r["planted"]]
    related = 0
    for r in rows:
        others = [u for u in members[event_of[r["id"]]] if u != url_by_id[r["id"]]]
        joined_story += any(story_of.get(u) == r["story"] for u in others)
        if r["planted"]:
            original_id = store.db.execute("SELECT id FROM articles WHERE url = ?", (r["original_url"],)).fetchone()[0]
            related += store.db.execute(
                "SELECT COUNT(*) FROM relations WHERE (from_id = ? AND to_ref = ?) OR (from_id = ? AND to_ref = ?)",
                (r["id"], original_id, original_id, r["id"])).fetchone()[0] > 0
    store.close()
    added_size = work.stat().st_size

    group = [r["group_ms"] for r in rows]
    result = {
        "date": time.strftime("%Y-%m-%d"), "machine": machine(), "n": args.n, "added": len(rows),
        "build": info, "db_mib": base_size / 2**20, "db_growth_kib_per_article": (added_size - base_size) / 1024 / len(rows),
        "group_ms": {"median": statistics.median(group), "p95": pct(group, 95), "max": max(group)},
        "group_cpu_ms": {"median": statistics.median(r["group_cpu_ms"] for r in rows),
                         "p95": pct([r["group_cpu_ms"] for r in rows], 95)},
        "ingest_ms": {"median": statistics.median(r["ingest_ms"] for r in rows),
                      "p95": pct([r["ingest_ms"] for r in rows], 95)},
        "joined_its_story": joined_story / len(rows),
        "planted": len(planted_rows), "planted_related_to_original": related,
    }
    print(json.dumps(result, indent=2))
    print(f"\n{args.n:,} stored articles ({result['db_mib']:.0f} MiB): group_new for one new article "
          f"median {result['group_ms']['median']:.0f} ms, p95 {result['group_ms']['p95']:.0f} ms "
          f"(CPU {result['group_cpu_ms']['median']:.0f} / {result['group_cpu_ms']['p95']:.0f}); ingest median "
          f"{result['ingest_ms']['median']:.0f} ms; joined an event of its own story {result['joined_its_story']:.0%}; "
          f"planted copies related to their original {related}/{len(planted_rows)}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2))
    cold_rows = []
    for article, _, _ in cold:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "new.jsonl"
            path.write_text(json.dumps(record(article)) + "\n", encoding="utf-8")
            code = ("import time,sys; t=time.perf_counter(); from newsprism.store import open_store; "
                    "from newsprism.pipeline import ingest, group_new; s=open_store(sys.argv[1]); "
                    "t1=time.perf_counter(); ingest([sys.argv[2]], s); t2=time.perf_counter(); group_new(s); "
                    "t3=time.perf_counter(); print(t1-t, t2-t1, t3-t2)")
            t = time.perf_counter()
            out = subprocess.run([sys.executable, "-c", code, str(work), str(path)], capture_output=True, text=True,
                                 check=True).stdout.split()
            cold_rows.append({"process_s": time.perf_counter() - t, "imports_open_s": float(out[0]),
                              "ingest_s": float(out[1]), "group_s": float(out[2])})

    result["cold"] = cold_rows
    print("fresh processes (imports + open, ingest, group_new), s:",
          [(round(r["imports_open_s"], 2), round(r["ingest_s"], 2), round(r["group_s"], 2)) for r in cold_rows])
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
