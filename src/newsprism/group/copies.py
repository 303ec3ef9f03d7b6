"""Copies: which articles share text, and how - verbatim copy, rewrite, cited summary,
shared upstream source - with the aligned passages kept as evidence.

Candidates come from MinHash/LSH over word shingles (datasketch: near-duplicates at
scale), from the same event, and from credits (an article naming another's outlet).
Each candidate pair is then aligned sentence by sentence.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from datasketch import MinHash, MinHashLSH
from rapidfuzz import fuzz

from ..model import Article
from .features import Features, cosine, tokens, weighted_terms


@dataclass
class CopyParams:
    num_perm: int = 128
    shingle: int = 4  # words per shingle
    lsh_threshold: float = 0.3  # estimated Jaccard for a pair to be a candidate
    verbatim_ratio: float = 95.0  # rapidfuzz ratio for two sentences to be the same words
    match_score: float = 0.4  # sentence similarity for "the same fact, reworded"
    copy_share: float = 0.5  # share of the shorter text's sentences copied verbatim -> copy
    rewrite_share: float = 0.1  # share of a text's sentences matched -> rewrite
    rewrite_min_pairs: int = 2


@dataclass
class Pair:
    a_index: int
    b_index: int
    a_text: str
    b_text: str
    score: float
    verbatim: bool


@dataclass
class Alignment:
    pairs: list[Pair] = field(default_factory=list)
    a_sentences: int = 0
    b_sentences: int = 0

    @property
    def a_share(self) -> float:
        return len(self.pairs) / self.a_sentences if self.a_sentences else 0.0

    @property
    def b_share(self) -> float:
        return len(self.pairs) / self.b_sentences if self.b_sentences else 0.0

    @property
    def verbatim_share(self) -> float:
        shorter = min(self.a_sentences, self.b_sentences)
        return sum(p.verbatim for p in self.pairs) / shorter if shorter else 0.0

    @property
    def in_order(self) -> float:
        """Share of matched pairs in the same relative order in both texts (1.0 = same order)."""
        if len(self.pairs) < 2:
            return 1.0
        ordered = sorted(self.pairs, key=lambda p: p.a_index)
        b = [p.b_index for p in ordered]
        return _longest_increasing(b) / len(b)


def _longest_increasing(values: list[int]) -> int:
    import bisect

    tails: list[int] = []
    for v in values:
        i = bisect.bisect_left(tails, v)
        if i == len(tails):
            tails.append(v)
        else:
            tails[i] = v
    return len(tails)


def _vector(sentence: str, idf) -> dict[str, float]:
    import math

    weights = weighted_terms(sentence)
    if idf is not None:
        weights = {t: w * idf(t) for t, w in weights.items()}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {t: w / norm for t, w in weights.items() if w > 0}


def align(a: list[str], b: list[str], params: CopyParams | None = None, idf=None,
          vectors=None) -> Alignment:
    """One-to-one sentence alignment, best pairs first (greedy).

    Two sentences match when they share rare words: cosine of term vectors weighted
    by the words' rarity in the language and, given ``idf``, in the corpus (so the
    names a whole story repeats do not make every sentence match). Same words in
    the same order (rapidfuzz ratio) marks a verbatim copy.
    """
    params = params or CopyParams()
    # ``vectors``: a cache sentence -> vector shared across pairs (one grouping run, one idf).
    vector = (lambda s: vectors[s] if s in vectors else vectors.setdefault(s, _vector(s, idf))) \
        if vectors is not None else (lambda s: _vector(s, idf))
    ta = [vector(s) for s in a]
    tb = [vector(s) for s in b]
    scored = []
    for i, sa in enumerate(a):
        for j, sb in enumerate(b):
            verbatim = fuzz.ratio(sa.lower(), sb.lower()) >= params.verbatim_ratio
            score = 1.0 if verbatim else cosine(ta[i], tb[j])
            if score >= params.match_score:
                scored.append((score, i, j, verbatim))
    scored.sort(reverse=True)
    used_a, used_b, pairs = set(), set(), []
    for score, i, j, verbatim in scored:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append(Pair(i, j, a[i], b[j], round(score, 3), verbatim))
    pairs.sort(key=lambda p: p.a_index)
    return Alignment(pairs, len(a), len(b))


def minhash(text: str, params: CopyParams) -> MinHash:
    words = tokens(text)
    n = params.shingle
    shingles = {" ".join(words[i:i + n]) for i in range(max(1, len(words) - n + 1))}
    signature = MinHash(num_perm=params.num_perm)
    signature.update_batch([s.encode("utf-8") for s in shingles])
    return signature


def _band_key(band: int, values) -> int:
    """One LSH bucket as a signed 64-bit integer (what SQLite stores in an INTEGER)."""
    digest = hashlib.blake2b(band.to_bytes(2, "little") + values.tobytes(), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


class CopyIndex:
    """MinHash/LSH over article bodies: ``add`` returns the stored articles that share shingles.

    datasketch computes the signatures and picks the banding (how many bands of how many
    rows best separate Jaccard ``lsh_threshold``); the buckets are kept here because
    datasketch's own storage is in memory, Redis or Cassandra, and a store of 100k articles
    must not be loaded whole to add one: with ``backing`` (a store's grouping index) the
    buckets are looked up in it, and the new ones collected in ``new_keys`` for it to write.
    """

    def __init__(self, params: CopyParams | None = None, backing=None):
        self.params = params or CopyParams()
        self.ranges = MinHashLSH(threshold=self.params.lsh_threshold, num_perm=self.params.num_perm).hashranges
        self.backing = backing
        self.buckets: dict[int, list[str]] = {}
        self.new_keys: list[tuple[int, str]] = []

    def add(self, article_id: str, text: str) -> list[str]:
        signature = minhash(text, self.params)
        keys = [_band_key(i, signature.hashvalues[start:end]) for i, (start, end) in enumerate(self.ranges)]
        found: set[str] = set()
        for key in keys:
            found.update(self.buckets.get(key, ()))
        if self.backing:
            found.update(self.backing.index_lsh(keys))
        if article_id not in found:
            for key in keys:
                self.buckets.setdefault(key, []).append(article_id)
            self.new_keys.extend((key, article_id) for key in keys)
        found.discard(article_id)
        return sorted(found)


def _norm_name(name: str | None) -> str:
    """An outlet's name as writers vary it: "the BBC", "BBC News", "bbc.com", "Reuters'"
    all become "bbc" / "reuters"."""
    name = (name or "").lower().strip()
    name = re.sub(r"^the\s+", "", name)
    name = re.sub(r"['’]s?$", "", name)
    name = re.sub(r"\.(?:com|co\.uk|org|net|ru|kz)$", "", name)
    name = re.sub(r"\s+(?:news(?:paper| agency| service| network)?|magazine|online|website|newsroom)$", "", name)
    return re.sub(r"[^a-z0-9]", "", name)


def credits(a: Article, b: Article) -> bool:
    """Does ``a`` credit ``b``'s outlet among the sources it names?"""
    outlet = _norm_name(b.outlet)
    if not outlet or _norm_name(a.outlet) == outlet:
        return False
    return any(_norm_name(c) == outlet for c in a.cites)


@dataclass
class PairVerdict:
    kind: str  # copy | rewrite | cites | shares-source
    source: Article  # the original (or the credited article)
    derived: Article
    score: float
    basis: str  # how the direction was decided: credit | date | content
    alignment: Alignment  # sentences of the first article given to classify() as "a"

    @property
    def derived_is_a(self) -> bool:
        return self.derived.id != self.source.id and self.derived is self._a

    _a: Article | None = None


def classify(a: Article, fa: Features, b: Article, fb: Features, params: CopyParams | None = None,
             idf=None, vectors=None) -> PairVerdict | None:
    """How two articles relate through their text and credits; None when they don't."""
    params = params or CopyParams()
    alignment = align(fa.sentences, fb.sentences, params, idf, vectors)
    a_credits_b, b_credits_a = credits(a, b), credits(b, a)
    shared_sources = {_norm_name(c) for c in a.cites} & {_norm_name(c) for c in b.cites} - {""}

    if len(alignment.pairs) == 0:
        # A credit without shared text stays a credit to the outlet (see group_articles).
        return None

    def verdict(kind: str, source: Article, derived: Article, score: float, basis: str) -> PairVerdict:
        return PairVerdict(kind, source, derived, round(score, 3), basis, alignment, _a=a)

    if a_credits_b or b_credits_a:
        derived, source = (a, b) if a_credits_b else (b, a)
        share = alignment.a_share if derived is a else alignment.b_share
        return verdict("cites", source, derived, share, "credit")
    derived, source, basis = _direction(a, fa, b, fb, alignment)
    share = max(alignment.a_share, alignment.b_share)
    # Both credit one upstream source (a wire): their shared text is that source's,
    # not one copied from the other - checked before "copy".
    if shared_sources:
        return verdict("shares-source", source, derived, max(share, alignment.verbatim_share), basis)
    if alignment.verbatim_share >= params.copy_share:
        return verdict("copy", source, derived, alignment.verbatim_share, basis)
    if len(alignment.pairs) >= params.rewrite_min_pairs and share >= params.rewrite_share:
        return verdict("rewrite", source, derived, share * alignment.in_order, basis)
    return None


def _direction(a: Article, fa: Features, b: Article, fb: Features, alignment: Alignment):
    """Earlier publication is the source; without dates, the text whose sentences are more
    fully found in the other is the derived one (aggregators compress the original)."""
    when_a, when_b = _when(a), _when(b)
    if when_a and when_b and when_a != when_b:
        return (b, a, "date") if when_a < when_b else (a, b, "date")
    return (a, b, "content") if alignment.a_share >= alignment.b_share else (b, a, "content")


def _when(article: Article):
    """Publication time, comparable across articles (naive times taken as UTC)."""
    from datetime import datetime, timezone

    if not article.published:
        return None
    try:
        moment = datetime.fromisoformat(article.published.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
