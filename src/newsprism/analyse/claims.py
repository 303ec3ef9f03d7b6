"""Claims: checkable statements, matched across articles, with who states, agrees,
contradicts or stays silent - and how many independent reports stand behind each.

A claim is a sentence carrying something checkable: a number with its unit
("a 7,500-kilometer border"), a date, or a statement about named actors (an
event, an attribution). Two sentences of different articles state the same
claim when they mean the same (multilingual sentence embeddings, plus shared
rare words); the later one agrees, unless a slot differs - another number for
the same unit, another date - and then it contradicts. A copy does not
corroborate its original: support is counted in independent reports, using the
grouping stage's copy/credit relations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..group import Derivation, independent_reports
from ..group.features import sentence_vectorizer, split_sentences
from ..model import Article, Grouping
from .dates import find_mentions

_NUMBER = re.compile(
    r"(?P<value>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?:-\s*)?(?P<unit>%|percent|per cent|"
    r"[a-z]+(?:meters?|metres?)|km|miles?|tons?|tonnes?|barrels?|people|dead|deaths|children|troops|soldiers|"
    r"billion|million|thousand|dollars?|euros?|rubles?|roubles?|tenge|years?|days?|months?|weeks?|hours?)?\b",
    re.I)
_NAME = re.compile(r"\b[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*")


@dataclass
class ClaimParams:
    lexical: float = 0.35  # shared rare words (rarity x corpus idf cosine) alone: the same claim
    match: float = 0.92  # or embedding cosine (e5 scores unrelated sentences ~0.80, same-topic ~0.88)...
    lexical_floor: float = 0.12  # ...with at least some rare words shared
    min_words: int = 6


@dataclass
class Claim:
    id: str
    text: str  # the reference wording (the most original article's)
    kind: str  # number | date | event
    article_id: str  # where the reference wording is
    supported_by: list[str] = field(default_factory=list)  # articles that state or agree
    contradicted_by: list[str] = field(default_factory=list)
    stance: dict[str, str] = field(default_factory=dict)  # article id -> states | agrees | contradicts
    wording: dict[str, str] = field(default_factory=dict)  # article id -> its sentence
    independent_support: int = 0

    def to_dict(self) -> dict:
        return {"id": self.id, "text": self.text, "kind": self.kind, "article_id": self.article_id,
                "supported_by": self.supported_by, "contradicted_by": self.contradicted_by,
                "stance": self.stance, "wording": self.wording, "independent_support": self.independent_support}


def numbers(sentence: str) -> list[tuple[float, str]]:
    out = []
    for match in _NUMBER.finditer(sentence):
        unit = (match.group("unit") or "").lower()
        value = float(match.group("value").replace(",", ""))
        if not unit and 1900 <= value <= 2100:
            continue  # a year is a date, not a quantity
        out.append((value, re.sub(r"s$", "", unit)))
    return out


def claim_kind(sentence: str) -> str | None:
    if len(sentence.split()) < 6:
        return None
    if any(unit for _, unit in numbers(sentence)) or any(v >= 10 for v, _ in numbers(sentence)):
        return "number"
    if find_mentions(sentence):
        return "date"
    names = {m.group(0) for m in _NAME.finditer(sentence[1:])}  # not the capital of the first word
    return "event" if len(names) >= 2 else None


def contradiction(a: str, b: str) -> bool:
    """Same kind of quantity, different value ("7,500 km" against "6,800 km")."""
    units_a = {u: v for v, u in numbers(a) if u}
    units_b = {u: v for v, u in numbers(b) if u}
    shared = set(units_a) & set(units_b)
    return any(units_a[u] != units_b[u] for u in shared)


_BLOCK_ROWS = 256  # candidates whose similarities to all earlier ones are computed at once


def _sparse_rows(vectors: list[dict[str, float]]):
    """The lexical vectors (term -> weight) as the rows of one sparse matrix."""
    from scipy.sparse import csr_matrix

    vocabulary: dict[str, int] = {}
    indptr, indices, data = [0], [], []
    for vector in vectors:
        for term, weight in vector.items():
            indices.append(vocabulary.setdefault(term, len(vocabulary)))
            data.append(weight)
        indptr.append(len(indices))
    return csr_matrix((data, indices, indptr), shape=(len(vectors), max(len(vocabulary), 1)))


def _matches(lexical, dense, params: ClaimParams):
    """For each candidate i in turn: (i, [(j, score)]) for the earlier candidates j whose
    wording it matches - the same words (lexical cosine >= ``lexical``), or - a
    paraphrase or translation shares few words but means the same - the same meaning
    (embedding cosine >= ``match``) with some rare words shared (>= ``lexical_floor``):
    in a story where every sentence is on one topic, meaning alone over-matches.

    Lexical cosines come from one sparse product per block of rows, and only pairs that
    share rare words get an embedding cosine: comparing each sentence with every
    earlier one in Python was quadratic, and a dense block of scores against the whole
    corpus is a quarter of a gigabyte at 100k sentences."""
    total = lexical.shape[0]
    for first in range(0, total, _BLOCK_ROWS):
        last = min(total, first + _BLOCK_ROWS)
        block = (lexical[first:last] @ lexical[:last].T).tocsr()
        for row in range(last - first):
            i = first + row
            columns = block.indices[block.indptr[row]:block.indptr[row + 1]]
            values = block.data[block.indptr[row]:block.indptr[row + 1]]
            keep = (columns < i) & (values >= params.lexical_floor)
            columns, values = columns[keep], values[keep]
            strong = values >= params.lexical
            found = [(int(j), float(v)) for j, v in zip(columns[strong], values[strong])]
            if dense is not None and not strong.all():
                loose = columns[~strong]
                found += [(int(j), float(m)) for j, m in zip(loose, dense[loose] @ dense[i]) if m >= params.match]
            yield i, found


def extract_claims(articles: list[Article], grouping: Grouping | None = None, order: dict[str, int] | None = None,
                   params: ClaimParams | None = None, embed=None) -> list[Claim]:
    """Claims of a set of articles, matched across them. ``order`` ranks articles from
    most original; ``embed`` maps sentences to unit vectors (None: lexical matching only)."""
    params = params or ClaimParams()
    order = order or {a.id: i for i, a in enumerate(articles)}
    candidates: list[tuple[str, str, str]] = []  # (article id, sentence, kind)
    for article in sorted(articles, key=lambda a: order.get(a.id, 0)):
        for sentence in split_sentences(article.text):
            kind = claim_kind(sentence)
            if kind and len(sentence.split()) >= params.min_words:
                candidates.append((article.id, sentence, kind))
    if not candidates:
        return []
    vector = sentence_vectorizer([s for _, s, _ in candidates])
    lexical = _sparse_rows([vector(s) for _, s, _ in candidates])
    dense = embed([s for _, s, _ in candidates]) if embed else None
    claims: list[Claim] = []
    claim_of: list[int] = []  # candidate -> the claim it states
    for i, found in _matches(lexical, dense, params):
        article_id, sentence, kind = candidates[i]
        # Any earlier wording of a claim will do; the best match wins, a tie the earliest claim.
        best, best_score = None, 0.0
        for j, score in found:
            c = claim_of[j]
            if article_id in claims[c].stance:
                continue
            if score > best_score or score == best_score and best is not None and c < best:
                best, best_score = c, score
        if best is None:
            claims.append(Claim(id=f"c-{article_id}-{len(claims)}", text=sentence, kind=kind, article_id=article_id,
                                stance={article_id: "states"}, wording={article_id: sentence}))
            claim_of.append(len(claims) - 1)
            continue
        claim = claims[best]
        claim_of.append(best)
        stated = [claim.wording[a] for a, st in claim.stance.items() if st != "contradicts"]
        claim.stance[article_id] = "contradicts" if any(contradiction(w, sentence) for w in stated) else "agrees"
        claim.wording[article_id] = sentence
    links = Derivation(grouping.relations if grouping else ()).links
    for claim in claims:
        claim.supported_by = [a for a, s in claim.stance.items() if s in ("states", "agrees")]
        claim.contradicted_by = [a for a, s in claim.stance.items() if s == "contradicts"]
        claim.independent_support = independent_reports(claim.supported_by, links)
    for number, claim in enumerate(claims):
        claim.id = f"c{number + 1}"
    return claims
