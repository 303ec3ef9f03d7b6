"""Framing: how each article presents the story's actors, with the evidence.

* **headline stance** toward each principal actor: relation phrases kept as data
  ("turns its back on" X, "strengthens ties" with X, X's "failure to") give the
  direction by the actor's side of the phrase; otherwise VADER's tone of the
  words around the actor. A question headline ("Has X turned its back?") halves it.
* **loaded terms**: evaluative words and phrases (VADER's strongly valenced
  adjectives and adverbs, plus a lexicon kept as data), each marked as the
  outlet's own words or words it quotes (and whose);
* **tone toward each entity**: VADER on every sentence naming the entity, the
  quoted parts taken out so that the outlet's tone is measured, not its sources';
* **headline support**: the headline's distinctive words that the body never
  uses; a headline whose key terms the body lacks is flagged as unsupported;
* **tails**: clickbait and promotional lines the cleaner removed.

People stand for their country when their role says so ("Russian President
Vladimir Putin" -> Russia), and capitals do ("Moscow said", data: metonyms).
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from functools import lru_cache
from importlib import resources

from ..group.features import rarity, tokens
from ..model import Article, Entity, Quote
from .quotes import quoted_spans


@lru_cache(maxsize=1)
def framing_data() -> dict:
    with resources.files("newsprism.analyse").joinpath("data/framing.toml").open("rb") as handle:
        data = tomllib.load(handle)
    data["relation"] = [(re.compile(r["pattern"], re.I), r["subject"], r["object"]) for r in data["relation"]]
    return data


@lru_cache(maxsize=1)
def vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    for term, valence in framing_data()["loaded"].items():
        if " " not in term:
            analyzer.lexicon[term] = valence
    return analyzer


def tone(text: str) -> float:
    """VADER compound (-1 .. 1), with the lexicon's multi-word phrases counted too."""
    score = vader().polarity_scores(text)["compound"]
    lower = text.lower()
    for term, valence in framing_data()["loaded"].items():
        if " " in term and term in lower:
            score = max(-1.0, min(1.0, score + valence / 4))
    return score


def country_of(entity: Entity, places: dict[str, str]) -> str | None:
    """The country a person stands for, from the nationality in their role ("Russian President")."""
    demonyms = framing_data()["demonyms"]
    for role in entity.roles:
        for word in role.split():
            if word in demonyms:
                return demonyms[word]
            for folded, name in places.items():
                if len(word) >= 5 and folded.startswith(word.lower()[:-2]) and word[0].isupper():
                    return name
    return None


def actor_names(entity: Entity) -> list[str]:
    names = {entity.name, *entity.aliases}
    tokens_ = entity.name.split()
    if entity.type == "person" and len(tokens_) >= 2:
        names.add(tokens_[-1])  # "Putin"
    return sorted((n for n in names if len(n) >= 3), key=len, reverse=True)


@lru_cache(maxsize=4096)
def _any_name(names: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(name) for name in names) + r")(?![\w-])")


def _mentions(text: str, names: list[str]) -> list[tuple[int, int]]:
    found = []
    for name in names:
        for match in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text):
            if not any(a <= match.start() < b for a, b in found):
                found.append(match.span())
    return sorted(found)


def principal_actors(entities: list[Entity], article_ids: set[str], n: int = 4) -> list[Entity]:
    ranked = [e for e in entities if e.type in ("person", "place", "organisation") and set(e.article_ids) & article_ids]
    ranked.sort(key=lambda e: (-len(set(e.article_ids) & article_ids), -e.mentions, e.name))
    return ranked[:n]


def countries_of_people(entities: list[Entity]) -> dict[str, str]:
    """person entity id -> the country they stand for (:func:`country_of`), for those with one."""
    places = {e.name.lower(): e.name for e in entities if e.type == "place"}
    found = {e.id: country_of(e, places) for e in entities if e.type == "person" and e.roles}
    return {k: v for k, v in found.items() if v}


def actor_groups(entities: list[Entity], actors: list[Entity],
                 countries: dict[str, str] | None = None) -> dict[str, list[str]]:
    """actor name -> every name that stands for it (its aliases, its people, its capital).
    ``countries``: :func:`countries_of_people`, when already found (it is the same for
    every storyline of a corpus: finding it per storyline was most of framing's time)."""
    if countries is None:
        countries = countries_of_people(entities)
    groups: dict[str, list[str]] = {a.name: actor_names(a) for a in actors}
    for entity in entities:
        country = countries.get(entity.id)
        if country in groups:
            groups[country] += actor_names(entity)
    for capital, country in framing_data()["metonyms"].items():
        if country in groups:
            groups[country].append(capital)
    return {k: sorted(set(v), key=len, reverse=True) for k, v in groups.items()}


def headline_stance(title: str | None, groups: dict[str, list[str]]) -> dict[str, dict]:
    """actor -> {score, label, evidence}; actors the headline does not name are left out."""
    if not title:
        return {}
    question = title.strip().endswith("?") or bool(re.match(r"^(?:has|have|is|are|will|did|does|can|could)\b", title, re.I))
    out = {}
    for actor, names in groups.items():
        spans = _mentions(title, names)
        if not spans:
            continue
        score, evidence = None, None
        for pattern, subject, obj in framing_data()["relation"]:
            for match in pattern.finditer(title):
                before = [s for s in spans if s[1] <= match.start()]
                after = [s for s in spans if s[0] >= match.end()]
                # The nearest actor on each side of the relation phrase.
                if before and not _other_actor_between(title, before[-1][1], match.start(), groups, actor):
                    score, evidence = subject, match.group(0)
                elif after and not _other_actor_between(title, match.end(), after[0][0], groups, actor):
                    score, evidence = obj, match.group(0)
                if score is not None:
                    break
            if score is not None:
                break
        if score is None:
            start, end = spans[0]
            window = title[max(0, start - 40):end + 40]
            score, evidence = tone(window), window.strip()
        if question:
            score *= 0.5
        label = "favourable" if score >= 0.2 else "unfavourable" if score <= -0.2 else "neutral"
        out[actor] = {"score": round(score, 3), "label": label, "evidence": evidence, "question": question}
    return out


def _other_actor_between(text: str, start: int, end: int, groups: dict[str, list[str]], actor: str) -> bool:
    between = text[start:end]
    return any(_mentions(between, names) for other, names in groups.items() if other != actor)


def loaded_terms(article: Article, quotes: list[Quote], nlp=None) -> list[dict]:
    """Evaluative terms of the body: {term, start, end, valence, own, speaker}."""
    from .nlp import load_nlp

    quotes = [q for q in quotes if q.article_id == article.id]
    text = article.text
    spans = quoted_spans(text)
    lexicon = framing_data()["loaded"]
    found: list[dict] = []

    def add(term: str, start: int, end: int, valence: float) -> None:
        if any(f["start"] <= start < f["end"] for f in found):
            return
        inside = next(((a, b) for a, b in spans if a <= start < b), None)
        speaker = None
        if inside:
            quote = next((q for q in quotes if q.start <= start < q.end), None)
            speaker = quote.speaker if quote else None
        found.append({"term": term, "start": start, "end": end, "valence": valence,
                      "own": inside is None, "speaker": speaker})

    for term, valence in sorted(lexicon.items(), key=lambda kv: -len(kv[0])):
        for match in re.finditer(r"(?<![\w-])" + re.escape(term) + r"(?![\w-])", text, re.I):
            add(match.group(0), match.start(), match.end(), valence)
    analyzer = vader()
    for doc_offset, doc in _paragraphs(text, nlp or load_nlp()):
        for token in doc:
            valence = analyzer.lexicon.get(token.lower_)
            # Strong judgement words only: "idiotic", "disgraceful" - not "rich" or "strong".
            if valence is not None and abs(valence) >= 2.5 and token.pos_ in ("ADJ", "ADV"):
                add(token.text, doc_offset + token.idx, doc_offset + token.idx + len(token.text), valence)
    found.sort(key=lambda f: f["start"])
    return found


def _paragraphs(text: str, nlp):
    offsets, paragraphs = [], []
    for match in re.finditer(r"[^\n]+", text):
        offsets.append(match.start())
        paragraphs.append(match.group(0))
    return zip(offsets, nlp.pipe(paragraphs))


def tone_by_entity(article: Article, groups: dict[str, list[str]]) -> dict[str, dict]:
    """actor -> {score, sentences, evidence}: the outlet's own tone where it names the actor."""
    from ..group.features import split_sentences

    spans = quoted_spans(article.text)
    own_text = article.text
    for a, b in reversed(spans):  # the outlet's words only
        own_text = own_text[:a] + " " * (b - a) + own_text[b:]
    results: dict[str, dict] = {}
    sentences = split_sentences(own_text)
    tones: dict[int, tuple[float, str]] = {}  # a sentence naming two actors is scored once

    def tone_of(number: int) -> tuple[float, str]:
        if number not in tones:
            compact = re.sub(r"\s{2,}", " … ", sentences[number])
            tones[number] = (tone(compact), compact)
        return tones[number]

    for actor, names in groups.items():
        scores, evidence = [], []
        if not names:
            continue
        named = _any_name(tuple(names))
        for number, sentence in enumerate(sentences):
            if named.search(sentence):  # (as ``_mentions`` is non-empty, with one pattern per actor)
                value, compact = tone_of(number)
                scores.append(value)
                evidence.append((value, compact))
        if scores:
            evidence.sort(key=lambda item: -abs(item[0]))
            avg = sum(scores) / len(scores)
            results[actor] = {"score": round(avg, 3), "sentences": len(scores),
                              "label": "favourable" if avg >= 0.2 else "unfavourable" if avg <= -0.2 else "neutral",
                              "evidence": [text for _, text in evidence[:2]]}
    return results


def headline_support(title: str | None, body: str) -> tuple[bool | None, list[str]]:
    """(supported, the headline's distinctive words the body never uses)."""
    if not title:
        return None, []
    body_words = set(tokens(body))
    stems = {w[:5] for w in body_words}
    key = [w for w in dict.fromkeys(tokens(title)) if rarity(w) >= 3.5 and len(w) > 2]
    missing = [w for w in key if w not in body_words and w[:5] not in stems]
    # Weighted by rarity: a missing rare name or action counts more than a common word.
    total = sum(rarity(w) for w in key) or 1.0
    return sum(rarity(w) for w in missing) / total <= 0.3, missing


def frame_articles(articles: list[Article], entities: list[Entity], quotes: list[Quote],
                   story_of: dict[str, str] | None = None, terms: dict[str, list[dict]] | None = None) -> list[dict]:
    """One framing record per article. Actors are chosen per storyline (``story_of``: article -> storyline).
    ``terms``: each article's :func:`loaded_terms`, when already found."""
    by_story: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        by_story[(story_of or {}).get(article.id, "")].append(article)
    countries = countries_of_people(entities)
    records = []
    for members in by_story.values():
        ids = {a.id for a in members}
        groups = actor_groups(entities, principal_actors(entities, ids), countries)
        for article in members:
            supported, missing = headline_support(article.title, article.text)
            found = terms[article.id] if terms and article.id in terms else loaded_terms(article, quotes)
            records.append({
                "article_id": article.id,
                "headline_stance": headline_stance(article.title, groups),
                "loaded_terms": found,
                "own_loaded_terms": sorted({t["term"].lower() for t in found if t["own"]}),
                "quoted_loaded_terms": sorted({t["term"].lower() for t in found if not t["own"]}),
                "tone_by_entity": tone_by_entity(article, groups),
                "headline_supported": supported,
                "headline_unsupported_terms": missing,
                "tails": [{"reason": r.reason, "text": r.text} for r in article.removed
                          if r.reason in ("clickbait", "promo")],
            })
    return records


def outlet_profiles(records: list[dict], articles: list[Article]) -> list[dict]:
    """Per outlet: its articles' average tone and headline stance toward each actor, and loaded words."""
    by_id = {a.id: a for a in articles}
    profiles: dict[str, dict] = {}
    for record in records:
        article = by_id[record["article_id"]]
        outlet = article.outlet or "unknown outlet"
        profile = profiles.setdefault(outlet, {"outlet": outlet, "article_ids": [], "tone": defaultdict(list),
                                               "headline": defaultdict(list), "own_loaded_terms": set()})
        profile["article_ids"].append(article.id)
        for actor, value in record["tone_by_entity"].items():
            profile["tone"][actor].append(value["score"])
        for actor, value in record["headline_stance"].items():
            profile["headline"][actor].append(value["score"])
        profile["own_loaded_terms"].update(record["own_loaded_terms"])
    out = []
    for profile in profiles.values():
        out.append({"outlet": profile["outlet"], "article_ids": profile["article_ids"],
                    "tone": {k: round(sum(v) / len(v), 3) for k, v in profile["tone"].items()},
                    "headline_stance": {k: round(sum(v) / len(v), 3) for k, v in profile["headline"].items()},
                    "own_loaded_terms": sorted(profile["own_loaded_terms"])})
    return sorted(out, key=lambda p: p["outlet"])
