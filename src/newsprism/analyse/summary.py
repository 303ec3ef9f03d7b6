"""Extractive summaries of events and storylines, every sentence cited to its article.

Sentences are scored by how central they are to the group (rarity-weighted
cosine with the group's centroid), how many independent reports support the
claim they carry, and how early they come in their article (the lead); the
best are taken greedily, skipping any too close to one already chosen, and put
back in story order. No model to download: it works from the words.
"""

from __future__ import annotations

import math
from collections import Counter

from ..group.features import cosine, sentence_vectorizer, split_sentences
from ..model import Article
from .claims import Claim


def claim_support(claims: list[Claim]) -> dict[tuple[str, str], int]:
    """(article id, sentence) -> independent reports behind the claim the sentence states."""
    support = {}
    for claim in claims:
        for article_id, wording in claim.wording.items():
            support[(article_id, wording)] = claim.independent_support
    return support


def summarise(articles: list[Article], claims: list[Claim], order: dict[str, int], size: int = 4,
              redundancy: float = 0.3, support: dict[tuple[str, str], int] | None = None) -> list[dict]:
    """[{text, article_id}] - ``size`` sentences (fewer when the group is small). ``support``:
    the claims' :func:`claim_support`, when found once for many summaries."""
    if support is None:
        support = claim_support(claims)
    sentences = []
    for article in articles:
        for position, sentence in enumerate(split_sentences(article.text)):
            if 8 <= len(sentence.split()) <= 60:
                sentences.append((article.id, position, sentence))
    if not sentences:
        return []
    vector = sentence_vectorizer([s for _, _, s in sentences], smooth=1.0)

    vectors = [vector(s) for _, _, s in sentences]
    centroid: Counter[str] = Counter()
    for v in vectors:
        centroid.update(v)
    norm = math.sqrt(sum(w * w for w in centroid.values())) or 1.0
    centroid_unit = {t: w / norm for t, w in centroid.items()}
    scored = []
    for (article_id, position, sentence), v in zip(sentences, vectors):
        score = cosine(v, centroid_unit) + 0.15 * support.get((article_id, sentence), 0) + 0.1 / (1 + position)
        scored.append((score, article_id, position, sentence, v))
    scored.sort(key=lambda item: -item[0])
    chosen = []
    for item in scored:
        if len(chosen) >= size:
            break
        if any(cosine(item[4], other[4]) >= redundancy for other in chosen):
            continue
        chosen.append(item)
    chosen.sort(key=lambda item: (order.get(item[1], 0), item[2]))
    return [{"text": sentence, "article_id": article_id} for _, article_id, _, sentence, _ in chosen]
