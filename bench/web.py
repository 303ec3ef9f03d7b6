"""Web app benchmark: requests/s and latency of the storyline page on a 10k-article store.

Store (built once, cached under bench/out/web-<n>/, git-ignored; ``--rebuild`` builds it
again). ``--n`` articles (default 10,000) of real text: the Timeline17 articles (Tran et
al., WWW 2013; CNN, BBC, Reuters, Guardian, Fox News, Washington Post, 2005-2013), read
in place from /work/shared/data/timeline17 and never copied into this repository, are
detokenised and split into paragraphs (4,241 distinct texts: the originals). The rest
are variants of originals published by other outlets, so that copy detection and event
grouping have real work: ``copy`` (syndicated, 0-2 days later, a dateline, sometimes
the last paragraph dropped, the syndicator's copyright line) and ``truncation`` (the
first 30-60 % of the paragraphs, 0-1 day later). Below 10,000 the originals are a
seeded sample of the same share. Records go to ``corpus.jsonl`` in publication order.

Build, timed per batch: ``--batch`` (1,000) records at a time, ``pipeline.ingest`` then
``pipeline.group_new`` (the incremental, store-backed grouping a daily run does; the first
batch is grouped in memory, as the store has no grouping index yet). The build stops at
a batch boundary once ``--build-budget`` seconds are spent (the store then holds the
earliest articles by date); an interrupted build resumes, and a partial store grows
when run again with more budget (it is then analysed afresh).

Analysis (spaCy, embeddings) costs one to three seconds per article here (timed on a
10-article sample), so unless the whole store fits in ``--analysis-budget`` seconds,
``analyse_articles`` runs on whole storylines only: the median-sized target, the
largest if it fits, then random others while the budget lasts; stored with
``store.save_analysis`` as ``pipeline.reanalyse`` does (the store as embedding cache).
bench/out/web-<n>/build.json records the corpus, every batch, the store and the analysis.

Load test: ``newsprism serve`` in a subprocess, on 127.0.0.1 only. The first request
(``GET /``) loads the in-memory view; it is timed alone. Targets: ``GET /``,
``GET /api/storylines/{largest}``, ``GET /storylines/{median-sized}``,
``GET /storylines/{largest}``. Each gets 2 sequential requests (the second is the
"unloaded" latency), then ``--duration`` s of load at ``--connections`` connections,
stretched for slow pages so that about 10 requests complete (at most
``--max-duration`` s). The generator is ``wrk`` (one thread; percentiles from its
histogram through a Lua ``done`` hook) or, without it, a bounded asyncio/httpx loop
(fixed concurrency and duration). Requests still in flight when a run ends are let
finish before the next run. Reported per target: requests/s, median, p95, errors,
server RSS, the 1-minute load average. The load generator runs on the same machine.

Usage:
  python bench/web.py --n 10000 --json bench/out/web-10000.json
  python bench/web.py --n 300 --duration 3 --analysis-budget 60     # quick check
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as _dt
import glob
import hashlib
import json
import math
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import cpu_model, memory_kib  # noqa: E402
import copycorpus  # noqa: E402

DATA = Path("/work/shared/data/timeline17")
OUT = Path(__file__).resolve().parent / "out"
HOST = "127.0.0.1"  # loopback only, always
FULL_N = 10_000
ORIGINAL_SHARE = 0.4241  # 4,241 originals in the 10k store

T17_OUTLETS = {"cnn": ("CNN", "edition.cnn.com"), "bbc": ("BBC", "www.bbc.co.uk"),
               "reuters": ("Reuters", "www.reuters.com"), "guardian": ("The Guardian", "www.theguardian.com"),
               "foxnews": ("Fox News", "www.foxnews.com"),
               "washingtonpost": ("The Washington Post", "www.washingtonpost.com")}
SYNDICATORS = [("Yahoo News", "news.yahoo.com"), ("MSN News", "www.msn.com"), ("The Daily Herald", "www.dailyherald.com"),
               ("Gulf Times", "www.gulf-times.com"), ("Star Tribune", "www.startribune.com"),
               ("Newsday", "www.newsday.com"), ("Independent Record", "helenair.com"),
               ("Morning Ledger", "www.morningledger.example"), ("NewsNow", "www.newsnow.example"),
               ("Daily Sentinel", "www.dailysentinel.example"), ("World Briefing", "www.worldbriefing.example"),
               ("Headline Hub", "www.headlinehub.example")]
DATELINES = {"bpoil": "NEW ORLEANS", "H1N1": "GENEVA", "EgyptianProtest": "CAIRO", "LibyaWar": "TRIPOLI",
             "SyrianCrisis": "DAMASCUS", "IraqWar": "BAGHDAD", "haiti": "PORT-AU-PRINCE", "MJ": "LOS ANGELES",
             "Finan": "NEW YORK"}


def log(message: str) -> None:
    print(f"[web {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------ corpus

_SENT = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


def detok(text: str) -> str:
    """Undo Timeline17's PTB tokenisation ("it 's" -> "it's", `` '' -> quotes); see bench/copycorpus.py."""
    return copycorpus.detok(text.replace("\\/", "/"))


def _paragraphs(sentences: list[str], rng: random.Random) -> list[str]:
    out, i = [], 0
    while i < len(sentences):
        k = rng.choice([1, 2, 2, 3])
        out.append(" ".join(sentences[i:i + k]))
        i += k
    return out


def _title(paragraphs: list[str]) -> str:
    words = re.split(r"(?<=[.!?])\s", paragraphs[0])[0].split()
    return " ".join(words[:12]).rstrip(",;:.")


def load_originals() -> list[dict]:
    """Every Timeline17 article with at least 3 sentences, as records; exact duplicate texts dropped."""
    out, seen = [], set()
    for path in sorted(glob.glob(str(DATA / "*" / "articles.json"))):
        folder = Path(path).parent.name
        topic, outlet_key = folder.rsplit("_", 1)
        outlet, domain = T17_OUTLETS[outlet_key]
        for record in json.loads(Path(path).read_text(encoding="utf-8")):
            sentences = [s.strip() for s in _SENT.split(detok(record["text"] or "")) if s.strip()]
            if len(sentences) < 3:
                continue
            key = hashlib.sha256(" ".join(sentences).encode()).hexdigest()
            if key in seen:
                continue
            seen.add(key)
            uid = f"{folder}-{record['uid']}"
            paragraphs = _paragraphs(sentences, random.Random(uid))
            out.append({"uid": uid, "topic": topic, "kind": "original", "outlet": outlet,
                        "url": f"https://{domain}/{topic.lower()}/{record['uid']}", "title": _title(paragraphs),
                        "published": record["dct"][:10], "paragraphs": paragraphs})
    return out


def make_corpus(n: int, seed: int = 0) -> list[dict]:
    """``n`` records: originals plus copies/truncations by other outlets (see the module docstring)."""
    originals = load_originals()
    rng = random.Random(seed)
    if n < FULL_N:
        originals = sorted(rng.sample(originals, min(len(originals), max(1, round(n * ORIGINAL_SHARE)))),
                           key=lambda r: r["uid"])
    originals = originals[:n]
    records = list(originals)
    used: dict[str, set[str]] = {}  # original uid -> outlets that already republished it
    order = list(originals)
    rng.shuffle(order)
    i = 0
    while len(records) < n:
        src = order[i % len(order)]
        i += 1
        paragraphs = src["paragraphs"]
        if len(paragraphs) < 3:
            continue
        taken = used.setdefault(src["uid"], {src["outlet"]})
        choices = [s for s in SYNDICATORS if s[0] not in taken]
        if not choices:
            continue
        outlet, domain = rng.choice(choices)
        taken.add(outlet)
        day = date.fromisoformat(src["published"])
        if rng.random() < 0.6:
            kind = "copy"
            body = list(paragraphs)
            if len(body) > 4 and rng.random() < 0.5:
                body = body[:-1]
            body[0] = f"{DATELINES.get(src['topic'], 'LONDON')} ({outlet}) - {body[0]}"
            body.append(f"Copyright {day.year} {outlet}. All rights reserved.")
            published = day + timedelta(days=rng.randint(0, 2))
        else:
            kind = "truncation"
            body = paragraphs[:max(2, round(len(paragraphs) * rng.uniform(0.3, 0.6)))]
            published = day + timedelta(days=rng.randint(0, 1))
        slug = hashlib.sha256(f"{src['uid']}|{outlet}".encode()).hexdigest()[:10]
        records.append({"uid": f"{src['uid']}~{kind}~{slug}", "topic": src["topic"], "kind": kind, "of": src["uid"],
                        "outlet": outlet, "url": f"https://{domain}/story/{slug}", "title": src["title"],
                        "published": published.isoformat(), "paragraphs": body})
    return records


def write_jsonl(records: list[dict], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for r in records:
            out.write(json.dumps({"text": "\n\n".join(r["paragraphs"]), "url": r["url"], "title": r["title"],
                                  "published": r["published"], "outlet": r["outlet"]}, ensure_ascii=False) + "\n")



# ------------------------------------------------------------------ store


def _save(folder: Path, info: dict) -> None:
    tmp = folder / "build.json.tmp"
    tmp.write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    tmp.replace(folder / "build.json")


def storyline_members(grouping) -> dict[str, list[str]]:
    """Storyline id -> its articles, largest storyline first (the order of /api/storylines)."""
    events = {e.id: e for e in grouping.events}
    members = {s.id: [a for e in s.event_ids for a in events[e].article_ids] for s in grouping.storylines}
    return dict(sorted(members.items(), key=lambda kv: (-len(kv[1]), kv[0])))


def new_build(n: int, seed: int, batch: int, folder: Path) -> dict:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    t = time.perf_counter()
    records = sorted(make_corpus(n, seed), key=lambda r: (r["published"], r["uid"]))
    write_jsonl(records, folder / "corpus.jsonl")
    kinds: dict[str, int] = {}
    for r in records:
        kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
    info = {"n": n, "seed": seed, "batch": batch, "corpus_s": round(time.perf_counter() - t, 1),
            "corpus": {"records": len(records), "kinds": kinds, "outlets": len({r["outlet"] for r in records}),
                       "mean_words": round(statistics.mean(len(" ".join(r["paragraphs"]).split()) for r in records))},
            "batches": []}
    _save(folder, info)
    log(f"corpus: {len(records):,} records {kinds}")
    return info


def ingest_and_group(info: dict, folder: Path, budget: float) -> None:
    """Ingest and group the corpus ``batch`` records at a time, until done or ``budget`` s are spent."""
    from newsprism.pipeline import group_new, ingest
    from newsprism.store import open_store

    batch = info["batch"]
    lines = (folder / "corpus.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    spent = sum(b["ingest_s"] + b["group_s"] for b in info["batches"])
    store = open_store(str(folder / "store.db"))
    try:
        for start in range(len(info["batches"]) * batch, len(lines), batch):
            if spent >= budget:
                log(f"build budget spent ({spent:.0f} s): stopping at {start:,} of {len(lines):,} records")
                break
            part = folder / "batch.jsonl"
            part.write_text("".join(lines[start:start + batch]), encoding="utf-8")
            t0 = time.perf_counter()
            result = ingest([str(part)], store)
            t1 = time.perf_counter()
            grouped = group_new(store)
            t2 = time.perf_counter()
            part.unlink()
            info["batches"].append({"records": min(len(lines), start + batch), "stored": store.count(),
                                    "added": len(result.added), "errors": len(result.errors), "grouped": grouped,
                                    "ingest_s": round(t1 - t0, 1), "group_s": round(t2 - t1, 1)})
            spent += t2 - t0
            _save(folder, info)
            log(f"batch {len(info['batches'])}: {info['batches'][-1]}")
    finally:
        store.close()


def analyse(info: dict, folder: Path, budget: float, seed: int) -> None:
    """Analyse the whole store, or whole storylines within ``budget`` s (see the docstring)."""
    from newsprism.analyse import analyse_articles
    from newsprism.store import open_store

    store = open_store(str(folder / "store.db"))
    try:
        grouping = store.load_grouping()
        articles = {a.id: a for a in store.articles(latest_only=True)}
        stories = {sid: [a for a in ids if a in articles] for sid, ids in storyline_members(grouping).items()}
        relations: dict[str, int] = {}
        for r in grouping.relations:
            relations[r.kind] = relations.get(r.kind, 0) + 1
        sizes = [len(ids) for ids in stories.values()]
        largest = next(iter(stories))
        median = list(stories)[(len(stories) - 1) // 2]
        info["store"] = {"articles": len(articles), "events": len(grouping.events), "storylines": len(stories),
                         "relations": relations, "largest_storyline": sizes[0],
                         "median_storyline": sizes[(len(sizes) - 1) // 2],
                         "single_article_storylines": sizes.count(1)}
        info["targets"] = {"largest": {"id": largest, "articles": len(stories[largest])},
                           "median": {"id": median, "articles": len(stories[median])}}
        log(f"store: {info['store']}")

        rng = random.Random(seed)
        t = time.perf_counter()
        analyse_articles(rng.sample(list(articles.values()), min(3, len(articles))), grouping)  # loads the models
        model_s = time.perf_counter() - t
        sample = rng.sample(list(articles.values()), min(10, len(articles)))
        t = time.perf_counter()
        analyse_articles(sample, grouping)
        per_article = (time.perf_counter() - t) / len(sample)
        log(f"analysis: models {model_s:.0f} s, {per_article:.2f} s/article on a sample of {len(sample)}")
        room = int(budget / per_article)
        if room >= len(articles):
            chosen, scope = list(stories), "all"
        else:
            others = [s for s in stories if s not in (median, largest)]
            rng.shuffle(others)
            chosen, scope = [], "whole storylines within the budget"
            for sid in [median, largest, *others]:
                if len(stories[sid]) <= room:
                    chosen.append(sid)
                    room -= len(stories[sid])
        subset = [articles[a] for sid in chosen for a in stories[sid]]
        log(f"analysing {len(subset):,} of {len(articles):,} articles ({len(chosen)} storylines), "
            f"~{per_article * len(subset):.0f} s")
        t = time.perf_counter()
        analysis = analyse_articles(subset, grouping, cache=store)  # as pipeline.reanalyse
        analyse_s = time.perf_counter() - t
        t = time.perf_counter()
        store.save_analysis(analysis.entities, analysis.quotes, analysis.quote_groups, analysis.sections())
        info["analysis"] = {
            "scope": scope, "articles": len(subset), "storylines": len(chosen),
            "targets_analysed": {k: v["id"] in chosen for k, v in info["targets"].items()},
            "model_load_s": round(model_s, 1), "sample_s_per_article": round(per_article, 2),
            "analyse_s": round(analyse_s, 1), "save_s": round(time.perf_counter() - t, 1),
            "s_per_article": round(analyse_s / max(1, len(subset)), 2),
            "counts": {"entities": len(analysis.entities), "quotes": len(analysis.quotes),
                       "quote_groups": len(analysis.quote_groups), "claims": len(analysis.claims),
                       "timeline": len(analysis.timeline), "framing": len(analysis.framing)}}
        log(f"analysis: {info['analysis']}")
    finally:
        store.close()
    db = folder / "store.db"
    info["db_mib"] = round((db.stat().st_size + sum(p.stat().st_size for p in folder.glob("store.db-*"))) / 2**20, 1)
    info["built_at"] = _dt.datetime.now().isoformat(timespec="seconds")
    _save(folder, info)


def build(args) -> dict:
    folder = OUT / f"web-{args.n}"
    record = folder / "build.json"
    info = None if args.rebuild or not record.exists() else json.loads(record.read_text())
    if info and (info["n"], info["seed"], info["batch"]) != (args.n, args.seed, args.batch):
        raise SystemExit(f"{folder} holds a build with other settings; use --rebuild")
    if info and "analysis" in info:
        spent = sum(b["ingest_s"] + b["group_s"] for b in info["batches"])
        if info["batches"][-1]["records"] == info["corpus"]["records"] or spent >= args.build_budget:
            log(f"using the cached store {folder} (built {info['built_at']})")
            return info
        del info["analysis"]  # a partial store with budget left: grow it, then analyse it afresh
    info = info or new_build(args.n, args.seed, args.batch, folder)
    ingest_and_group(info, folder, args.build_budget)
    analyse(info, folder, args.analysis_budget, args.seed)
    return info


# ------------------------------------------------------------------ load test

WRK_LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRKJSON {\\"requests\\": %d, \\"duration_us\\": %d, \\"errors\\": %d, \\"p50\\": %d, \\"p95\\": %d, "
    .. "\\"p99\\": %d, \\"max\\": %d}\\n", summary.requests, summary.duration,
    e.connect + e.read + e.write + e.status + e.timeout, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, int, float]:
    """(status, bytes, seconds) of one GET."""
    import httpx

    t = time.perf_counter()
    r = httpx.get(url, timeout=600)
    return r.status_code, len(r.content), time.perf_counter() - t


def start_server(db: Path, port: int, log_path: Path) -> subprocess.Popen:
    cmd = [str(Path(sys.executable).with_name("newsprism")), "serve", "--db", str(db), "--host", HOST,
           "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=log_path.open("w"), stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited ({proc.returncode}); see {log_path}")
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return proc
        except OSError:
            time.sleep(0.2)
    stop_server(proc)
    raise SystemExit(f"server did not listen on {HOST}:{port} within 60 s; see {log_path}")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def rss_mib(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def wait_idle(pid: int, timeout: float = 600.0) -> float:
    """Wait until the server has used < 5 % CPU over half a second (requests a load run
    left in flight are still being served); returns the seconds waited."""
    def cpu() -> float:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    began = time.perf_counter()
    while time.perf_counter() - began < timeout:
        before = cpu()
        time.sleep(0.5)
        if cpu() - before < 0.025:
            break
    return round(time.perf_counter() - began, 1)


def run_wrk(url: str, duration: int, connections: int, lua: Path) -> dict:
    cmd = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--timeout", "300s", "-s", str(lua), url]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 360, check=False).stdout
    line = next((ln for ln in out.splitlines() if ln.startswith("WRKJSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no summary:\n{out}")
    r = json.loads(line[len("WRKJSON "):])
    seconds = r["duration_us"] / 1e6
    done = r["requests"] > 0
    return {"generator": "wrk", "requests": r["requests"], "seconds": round(seconds, 1),
            "rps": round(r["requests"] / seconds, 2), "errors": r["errors"],
            **{f"{k}_ms": round(r[k] / 1000, 1) if done else None for k in ("p50", "p95", "p99", "max")}}


async def _httpx_load(url: str, duration: float, connections: int) -> dict:
    import httpx

    latencies: list[float] = []
    errors = 0
    stop_at = time.perf_counter() + duration

    async def worker(client):
        nonlocal errors
        while time.perf_counter() < stop_at:
            t = time.perf_counter()
            try:
                r = await client.get(url)
                ok = r.status_code < 400
            except httpx.HTTPError:
                ok = False
            if ok:
                latencies.append((time.perf_counter() - t) * 1000)
            else:
                errors += 1

    began = time.perf_counter()
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(timeout=300.0, limits=limits) as client:
        await asyncio.gather(*(worker(client) for _ in range(connections)))
    seconds = time.perf_counter() - began
    ms = sorted(latencies)

    def pct(p: float):
        return round(ms[min(len(ms) - 1, math.ceil(p / 100 * len(ms)) - 1)], 1) if ms else None

    return {"generator": "httpx", "requests": len(ms) + errors, "seconds": round(seconds, 1),
            "rps": round(len(ms) / seconds, 2), "errors": errors,
            "p50_ms": pct(50), "p95_ms": pct(95), "p99_ms": pct(99), "max_ms": pct(100)}


def load_test(info: dict, args) -> tuple[dict, list[dict]]:
    folder = OUT / f"web-{args.n}"
    lua = None
    if shutil.which("wrk") and args.generator != "httpx":
        lua = folder / "wrk-summary.lua"
        lua.write_text(WRK_LUA)
    port = free_port()
    server = start_server(folder / "store.db", port, folder / "server.log")
    base = f"http://{HOST}:{port}"
    largest, median = info["targets"]["largest"], info["targets"]["median"]
    targets = [("GET /", "/", None), (f"GET /api/storylines/{{largest}} ({largest['articles']} articles)",
                                      f"/api/storylines/{largest['id']}", largest),
               (f"GET /storylines/{{median}} ({median['articles']} articles)", f"/storylines/{median['id']}", median),
               (f"GET /storylines/{{largest}} ({largest['articles']} articles)", f"/storylines/{largest['id']}",
                largest)]
    results = []
    try:
        status, _, seconds = get(base + "/")
        first = {"status": status, "ms": round(seconds * 1000, 1), "server_rss_mib": rss_mib(server.pid)}
        log(f"server pid {server.pid} on {base}; first request (loads the view): {first}")
        for name, path, target in targets:
            warm = [get(base + path) for _ in range(2)]
            unloaded = warm[1][2]
            duration = max(args.duration, min(args.max_duration, math.ceil(10 * unloaded)))
            load_before = os.getloadavg()[0]
            if lua:
                r = run_wrk(base + path, duration, args.connections, lua)
            else:
                r = asyncio.run(_httpx_load(base + path, duration, args.connections))
            r.update({"target": name, "path": path, "story": target, "warmup_status": [w[0] for w in warm],
                      "first_ms": round(warm[0][2] * 1000, 1), "unloaded_ms": round(unloaded * 1000, 1),
                      "bytes": warm[1][1], "loadavg_before": round(load_before, 2),
                      "loadavg_after": round(os.getloadavg()[0], 2), "server_rss_mib": rss_mib(server.pid)})
            r["drain_s"] = wait_idle(server.pid)
            results.append(r)
            log(f"{name}: {r}")
    finally:
        stop_server(server)
    return first, results


# ------------------------------------------------------------------ main


def machine() -> str:
    cpu = cpu_model(platform.machine())
    kib = memory_kib()
    return (f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} CPUs, {kib / 2**20:.0f} GiB, "
            f"Python {platform.python_version()}")


def versions() -> dict:
    from importlib.metadata import version

    out = {name: version(name) for name in ("newsprism", "fastapi", "uvicorn", "jinja2", "spacy", "httpx")}
    wrk = shutil.which("wrk")
    out["wrk"] = subprocess.run([wrk, "--version"], capture_output=True, text=True, check=False).stdout.split("[")[0].strip() \
        if wrk else None
    return out


def git_state() -> dict:
    """HEAD and the files under src/ that differ from it (the run uses the working tree)."""
    def git(*cmd: str) -> str:
        return subprocess.run(["git", *cmd], cwd=Path(__file__).resolve().parent.parent, capture_output=True,
                              text=True, check=False).stdout

    return {"head": git("rev-parse", "--short", "HEAD").strip(),
            "dirty_src": [ln[3:] for ln in git("status", "--porcelain", "--", "src").splitlines()]}


def ms(x) -> str:
    return "-" if x is None else (f"{x:,.0f}" if x >= 100 else f"{x:,.1f}")


def report(info: dict, first: dict, results: list[dict], args) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=140)
    s, a, b = info["store"], info["analysis"], info["batches"]
    console.print(f"Store: {s['articles']:,} articles stored of {info['corpus']['records']:,} corpus records, "
                  f"{s['events']:,} events, {s['storylines']:,} storylines (largest {s['largest_storyline']:,}, "
                  f"median {s['median_storyline']}), relations {s['relations']}, {info['db_mib']} MiB")
    console.print(f"Analysed: {a['articles']:,} articles in {a['storylines']:,} whole storylines ({a['scope']}); "
                  f"targets analysed {a['targets_analysed']}; {a['counts']}")
    t = Table(title="Build, per batch (seconds)")
    for col in ("records", "stored", "ingest s", "group_new s", "ms/article"):
        t.add_column(col, justify="right")
    for x in b:
        t.add_row(f"{x['records']:,}", f"{x['stored']:,}", f"{x['ingest_s']}", f"{x['group_s']}",
                  f"{1000 * (x['ingest_s'] + x['group_s']) / max(1, x['added']):.0f}")
    t.add_row("total", "", f"{sum(x['ingest_s'] for x in b):.0f}", f"{sum(x['group_s'] for x in b):.0f}", "")
    console.print(t)
    console.print(f"Analysis: models {a['model_load_s']} s, {a['analyse_s']} s for {a['articles']:,} articles "
                  f"({a['s_per_article']} s/article), save {a['save_s']} s")
    gen = results[0]["generator"] if results else "-"
    t = Table(title=f"Load test: {gen}, {args.connections} connections, server and generator on one machine")
    for col in ("target", "status", "KiB", "unloaded ms", "s", "requests", "req/s", "p50 ms", "p95 ms", "errors",
                "RSS MiB", "load avg"):
        t.add_column(col, justify="left" if col == "target" else "right")
    for r in results:
        t.add_row(r["target"], ",".join(map(str, sorted(set(r["warmup_status"])))), f"{r['bytes'] / 1024:,.0f}",
                  ms(r["unloaded_ms"]), str(r["seconds"]), f"{r['requests']:,}", f"{r['rps']:.2f}",
                  ms(r["p50_ms"]), ms(r["p95_ms"]), str(r["errors"]), ms(r["server_rss_mib"]),
                  f"{r['loadavg_before']:.1f}")
    console.print(t)
    console.print(f"First request (GET /, loads the view): {first['ms']:,.0f} ms, status {first['status']}, "
                  f"server RSS after it {first['server_rss_mib']} MiB")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n\n", 1)[1])
    ap.add_argument("--n", type=int, default=FULL_N, help="articles in the corpus (default 10,000)")
    ap.add_argument("--rebuild", action="store_true", help="build the store again even when cached")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--batch", type=int, default=1000, help="records ingested and grouped at a time (default 1000)")
    ap.add_argument("--build-budget", type=float, default=2400.0,
                    help="seconds of ingest + grouping; the build stops at the next batch boundary (default 2400)")
    ap.add_argument("--analysis-budget", type=float, default=900.0,
                    help="seconds of analysis; above it, whole storylines within it (default 900)")
    ap.add_argument("--duration", type=int, default=20, help="seconds of load per target (default 20)")
    ap.add_argument("--max-duration", type=int, default=120, help="cap on the load stretched for slow pages")
    ap.add_argument("--connections", type=int, default=4, help="concurrent connections (default 4)")
    ap.add_argument("--generator", choices=("auto", "httpx"), default="auto", help="auto: wrk if installed")
    ap.add_argument("--build-only", action="store_true")
    ap.add_argument("--json", type=Path, help="write the numbers, date, machine and command here")
    args = ap.parse_args(argv)

    started = time.perf_counter()
    info = build(args)
    if args.build_only:
        return 0
    first, results = load_test(info, args)
    report(info, first, results, args)
    log(f"done in {time.perf_counter() - started:.0f} s")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({
            "date": _dt.datetime.now().isoformat(timespec="seconds"), "machine": machine(), "versions": versions(),
            "git": git_state(), "command": " ".join(["python", *sys.argv]),
            "settings": {k: getattr(args, k) for k in ("n", "batch", "build_budget", "analysis_budget", "duration",
                                                       "max_duration", "connections")} | {"host": HOST},
            "build": info, "first_request": first, "load": results,
            "run_s": round(time.perf_counter() - started, 1)}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
