"""What the grouping stage compares: weighted terms, names, and dates of one article.

Term weights are tf x "general rarity": the rarity of a word in the language
(wordfreq's Zipf frequency), not in the corpus. That keeps a weight fixed when
articles arrive one by one (online grouping needs no refit) and still gives
"Tokayev" and "sanctions" far more weight than "said" and "president".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from wordfreq import zipf_frequency

from ..model import Article

_TOKEN = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]|\d[\d,.]*\d|\d", re.U)
# A run of capitalised words (allowing a few lowercase joiners) is a name candidate.
_NAME = re.compile(r"(?<![\w’'])(?:[A-Z][\w’'-]+)(?:\s+(?:(?:of|de|van|von|al|bin|the)\s+)?[A-Z][\w’'-]+)*")
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"]
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_NOT_NAMES = {"the", "a", "an", "this", "that", "these", "those", "he", "she", "it", "they", "we", "i", "but",
              "and", "or", "if", "in", "on", "at", "as", "after", "before", "when", "while", "however", "despite",
              "during", "according", "from", "for", "with", "also", "its", "his", "her", "their", "our", "there",
              "what", "why", "how", "who", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
              "sunday", *_MONTHS}


@lru_cache(maxsize=200_000)
def rarity(word: str, language: str = "en") -> float:
    """0 for the commonest words, up to 8 for words the language has never seen."""
    return max(0.0, 8.0 - zipf_frequency(word, language))


def tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text)]


def weighted_terms(text: str, language: str = "en") -> dict[str, float]:
    return dict(_weighted_items(text, language))


@lru_cache(maxsize=20_000)
def _weighted_items(text: str, language: str) -> tuple[tuple[str, float], ...]:
    # Cached (as a tuple, so no caller can change it): summaries and claims weigh the same
    # sentences again for every event and storyline they belong to.
    counts = Counter(t for t in tokens(text) if t not in ENGLISH_STOP_WORDS and len(t) > 1)
    weights = {t: (1 + math.log(c)) * rarity(t, language) for t, c in counts.items()}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return tuple((t, w / norm) for t, w in weights.items() if w > 0)


def names(text: str) -> Counter[str]:
    """Capitalised name candidates, normalised to their last word ("President Tokayev" -> "tokayev").

    A stand-in for named entities until the entity stage exists; the last word of a
    name is what outlets agree on ("Kassym-Jomart Tokayev", "President Tokayev").
    """
    found: Counter[str] = Counter()
    for match in _NAME.finditer(text):
        parts = [p for p in match.group(0).split() if p.lower() not in _NOT_NAMES]
        if not parts:
            continue
        key = re.sub(r"['’]s$", "", parts[-1]).lower()
        if key not in _NOT_NAMES and len(key) > 2 and key not in ENGLISH_STOP_WORDS:
            found[key] += 1
    return found


def mentioned_years(text: str) -> set[int]:
    return {int(y) for y in _YEAR.findall(text)}


@dataclass
class Features:
    article_id: str
    terms: dict[str, float]  # unit-length weighted term vector of title + body
    title_terms: dict[str, float]
    names: Counter[str]
    published: date | None = None
    years: set[int] = field(default_factory=set)
    sentences: list[str] = field(default_factory=list)


def features(article: Article) -> Features:
    body = article.text
    title = article.title or ""
    published = None
    if article.published:
        try:
            published = date.fromisoformat(article.published[:10])
        except ValueError:
            published = None
    language = article.language or "en"
    # The title counts twice: it names the happening in the fewest words.
    terms = weighted_terms(f"{title}\n{title}\n{body}", language)
    if language == "ru":
        found_names, terms = _russian_names_and_terms(f"{title}\n{body}", terms)
    else:
        found_names = names(f"{title}\n{body}")
    return Features(
        article_id=article.id,
        terms=terms,
        title_terms=weighted_terms(title, language) if title else {},
        names=found_names,
        published=published,
        years=mentioned_years(body),
        sentences=split_sentences(body),
    )


def _russian_names_and_terms(text: str, terms: dict[str, float]) -> tuple[Counter[str], dict[str, float]]:
    """A Russian article's names, in the Latin letters English names are keyed in (natasha's
    names, folded: "Токаева" -> "tokayev"; ``analyse.russian.name_keys``), and its terms with
    those names among them, weighted as English words: what a Russian and an English report
    of one happening share, whatever their words (the names' share of the vector is that of
    the article's rarest words)."""
    from ..analyse.russian import name_keys

    keys = name_keys(text)
    named = {k: (1 + math.log(c)) * rarity(k, "en") for k, c in keys.items()}
    norm = math.sqrt(sum(w * w for w in named.values())) or 1.0
    top = max(terms.values(), default=1.0)
    merged = dict(terms)
    for key, weight in named.items():
        merged[key] = merged.get(key, 0.0) + top * weight / norm
    total = math.sqrt(sum(w * w for w in merged.values())) or 1.0
    return keys, {t: w / total for t, w in merged.items()}


_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’»)]*\s+(?=[\"“‘«(]?[A-Z0-9])")


def split_sentences(text: str) -> list[str]:
    """Sentences of a body, paragraph breaks respected. Abbreviations may split wrongly;
    alignment tolerates that (it compares sentence against sentence, both split alike)."""
    out: list[str] = []
    for paragraph in text.split("\n\n"):
        for sentence in _SENTENCE_END.split(paragraph.strip()):
            if len(sentence.split()) >= 3:
                out.append(sentence.strip())
    return out


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def name_overlap(a: Counter[str], b: Counter[str]) -> float:
    """Weighted overlap of the names two texts mention (weighted Jaccard on name frequency)."""
    if not a or not b:
        return 0.0
    keys = set(a) | set(b)
    sa, sb = sum(a.values()), sum(b.values())
    inter = sum(min(a[k] / sa, b[k] / sb) for k in keys)
    union = sum(max(a[k] / sa, b[k] / sb) for k in keys)
    return inter / union if union else 0.0


def sentence_vectorizer(texts: list[str], smooth: float = 0.0):
    """A function text -> unit vector weighted by rarity in the language x rarity among ``texts``.

    Corpus rarity (idf) keeps the words every text of one story shares from
    dominating; ``smooth`` > 0 keeps those words from vanishing altogether.
    """
    df = Counter(t for text in texts for t in set(weighted_terms(text)))
    n = len(texts)

    def vector(text: str) -> dict[str, float]:
        weights = {t: w * math.log((n + 1) / (df.get(t, 0) + 0.5) + smooth) for t, w in weighted_terms(text).items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {t: w / norm for t, w in weights.items()}

    return vector
