"""Russian-language articles: their entities, their quotes, and the names the grouping
stage keys them by (`name_keys`).

The English side reads a spaCy parse (``entities.py``, ``quotes/``). A Russian article gets
the same from natasha (`load_russian`): sentences, lemmas, a Universal Dependencies parse and
PER / ORG / LOC names, from models bundled in its PyPI packages. The rules here are the
English ones at their plainest, since nothing measures them yet beyond the tests:

* a quotation in marks («...», „...“, "...") belongs to the cue verb next to it in its
  sentence ("«...», — сказал Токаев"), its speaker that verb's subject;
* "X заявил, что ..." reports the clause; "..., заявил X" and "Как заявил X, ..." the clause
  they are set in; a verbal adverb ("добавив, что ...") speaks for its verb's subject;
* "по словам X, ..." / "по мнению X" gives the rest of the sentence to X;
* "он" / "она" after a quote is the last person named.

A speaker is named in the nominative ("по словам Токаева" -> Токаев), so that entity
merging (which transliterates Cyrillic, ``entities.fold``) joins him to "Tokayev" of an
English article, and his quotes can be grouped with their English versions.
"""

from __future__ import annotations

import tomllib
from collections import Counter, defaultdict
from functools import lru_cache
from importlib import resources

from ..model import Article, Quote
from .entities import Mention, fold
from .nlp import load_russian
from .quotes.marks import quoted_spans

_LABELS = {"PER": "person", "ORG": "organisation", "LOC": "place"}
_PRONOUNS = {"он", "она", "они"}
_SUBJECTS = ("nsubj", "nsubj:pass")


@lru_cache(maxsize=1)
def russian_cues() -> dict[str, set[str]]:
    with resources.files("newsprism.analyse").joinpath("data/cues_ru.toml").open("rb") as handle:
        return {key: set(value) for key, value in tomllib.load(handle).items()}


class _Parse:
    """One article's natasha Doc with what the rules ask of it: a token's children and
    subtree, and the name (PER / ORG / LOC span) a token belongs to."""

    def __init__(self, text: str):
        self.text = text
        self.doc = load_russian().parse(text)
        self.children = defaultdict(list)
        self.by_id = {}
        for sentence in self.doc.sents:
            for token in sentence.tokens:
                self.by_id[token.id] = token
                if token.head_id != token.id and not token.head_id.endswith("_0"):
                    self.children[token.head_id].append(token)
        self.names = {}  # token start -> its name span
        for span in self.doc.spans:
            for token in span.tokens:
                self.names[token.start] = span

    def head(self, token):
        return self.by_id.get(token.head_id)

    def subtree(self, token) -> list:
        out, stack, seen = [], [token], set()
        while stack:
            current = stack.pop()
            if current.id in seen:
                continue  # (a parser's cycle would loop for ever)
            seen.add(current.id)
            out.append(current)
            stack.extend(self.children[current.id])
        return sorted(out, key=lambda t: t.start)

    def child(self, token, *relations):
        return next((c for c in self.children[token.id] if c.rel in relations), None)


@lru_cache(maxsize=2)  # the mentions and the quotes of one article read one parse
def _parsed(text: str) -> _Parse:
    return _Parse(text)


def name_keys(text: str) -> Counter:
    """The names of a Russian text as the grouping stage keys English names - the last word,
    folded - in Latin letters ("Касым-Жомарт Токаева" -> "tokayev", "России" -> "russia"), so
    that a Russian report and an English one of the same happening share them."""
    keys: Counter = Counter()
    for span in _parsed(text).doc.spans:
        words = fold(span.normal or span.text).split()
        if words and span.type in _LABELS:
            keys[words[-1]] += 1
    return keys


def russian_mentions(article: Article) -> list[Mention]:
    """The people, organisations and places natasha names in the body, each in the
    nominative ("Токаева" -> Токаев), with a title before it as its role."""
    parse = _parsed(article.text)
    titles = russian_cues()["titles"]
    found = []
    for span in parse.doc.spans:
        label = _LABELS.get(span.type)
        if label is None:
            continue
        name = (span.normal or span.text).strip()
        first = span.tokens[0]
        before = [t for t in _sentence_of(parse, first).tokens if t.stop <= first.start]
        role = before[-1].text if label == "person" and before and (before[-1].lemma or "").lower() in titles \
            else None
        start = before[-1].start if role else span.start
        found.append(Mention(article.id, article.text[start:span.stop], name, role, label, start, span.stop))
    return found


def russian_quotes(article_id: str, text: str) -> list[Quote]:
    """The quotes of a Russian text: quotations with their cue, reported clauses, and
    "по словам X" sentences (see the module docstring)."""
    parse = _parsed(text)
    cues = russian_cues()
    marks = quoted_spans(text)
    inside = lambda token: any(a <= token.start < b for a, b in marks)  # noqa: E731
    out: list[Quote] = []

    def taken(start: int, end: int) -> bool:
        return any(q.start < end and start < q.end for q in out)

    def emit(start: int, end: int, kind: str, cue: str, speaker) -> None:
        if start >= end or taken(start, end):
            return
        name, where = speaker if speaker else (None, None)
        out.append(Quote(article_id, text[start:end], start, end, kind, speaker=name,
                         speaker_start=where[0] if where else None, speaker_end=where[1] if where else None,
                         cue=cue))

    sentences = list(parse.doc.sents)
    cue_tokens = {s_index: [t for t in s.tokens if t.pos == "VERB" and (t.lemma or "").lower() in cues["verbs"]
                            and not inside(t)]
                  for s_index, s in enumerate(sentences)}

    # Quotations: the nearest cue verb of their sentence outside them.
    for start, end in marks:
        if len(text[start:end].split()) < 2:
            continue  # a scare-quoted word
        numbers = [i for i, s in enumerate(sentences) if s.start < end and s.stop > start]
        candidates = [t for i in numbers for t in cue_tokens[i] if not start <= t.start < end]
        if not candidates:
            continue
        cue = min(candidates, key=lambda t: min(abs(t.start - end), abs(t.start - start)))
        kind = "direct" if text[start:start + 1].isupper() else "partial"
        emit(start, end, kind, cue.text, _speaker(parse, cue))

    # "по словам X, ...": the rest of the sentence is X's.
    for sentence in sentences:
        for token in sentence.tokens:
            case = parse.child(token, "case")
            source = parse.child(token, "nmod")
            if (token.lemma or "").lower() not in cues["according_to"] or case is None or \
                    case.text.lower() != "по" or source is None:
                continue
            phrase = {t.id for t in parse.subtree(token)}
            rest = [t for t in sentence.tokens if t.id not in phrase and t.pos != "PUNCT"]
            if rest:
                emit(rest[0].start, rest[-1].stop, "indirect", f"{case.text} {token.text}",
                     _name_of(parse, source))

    # Reported clauses: "X заявил, что ..." and "..., заявил X".
    for number, sentence in enumerate(sentences):
        for cue in cue_tokens[number]:
            clause = parse.child(cue, "ccomp")
            head = parse.head(cue)
            if clause is not None and clause.start > cue.start:
                tokens = parse.subtree(clause)
                while tokens and (tokens[0].rel == "mark" or tokens[0].pos == "PUNCT"):
                    tokens = tokens[1:]  # "..., что": the clause itself
            elif head is not None and (cue.rel == "parataxis" and head.start < cue.start or any(
                    c.text.lower() == "как" for c in parse.children[cue.id] if c.start < cue.start)):
                # "..., заявил X" and "Как заявил X, ...": the clause the cue is set in.
                own = {t.id for t in parse.subtree(cue)}
                tokens = [t for t in parse.subtree(head) if t.id not in own and t.pos != "PUNCT"]
            else:
                continue
            tokens = [t for t in tokens if t.pos != "PUNCT" or t.text not in ",—–-"]
            if tokens and not any(inside(t) for t in tokens):
                emit(tokens[0].start, tokens[-1].stop, "indirect", cue.text, _speaker(parse, cue))
    out.sort(key=lambda q: q.start)
    return out


def _sentence_of(parse: _Parse, token):
    return next(s for s in parse.doc.sents if s.start <= token.start < s.stop)


def _speaker(parse: _Parse, cue):
    """(name, (start, end)) of who speaks for a cue verb: its subject, or the subject of
    the verb it is joined to; "он" / "она" is the last person named before it."""
    subject = parse.child(cue, *_SUBJECTS)
    head = parse.head(cue)
    if subject is None and cue.rel in ("conj", "advcl", "xcomp") and head is not None:
        # "... и заявил", "..., — отметил Песков, добавив, что ...": the subject of the verb
        # it is joined or hung to (a verbal adverb, "добавив", has none of its own).
        subject = parse.child(head, *_SUBJECTS)
    if subject is None:
        return None
    if subject.text.lower() in _PRONOUNS:
        people = [s for s in parse.doc.spans if s.type == "PER" and s.stop <= subject.start]
        if not people:
            return None
        return (people[-1].normal or people[-1].text), (subject.start, subject.stop)
    return _name_of(parse, subject)


def _name_of(parse: _Parse, token):
    """The name a speaker token stands for: the natasha name among it and its appositives
    (in the nominative), else the word with its modifiers."""
    candidates = [token] + [t for t in parse.subtree(token) if t.rel in ("appos", "flat:name", "nmod")]
    spans = [parse.names[t.start] for t in candidates if t.start in parse.names]
    # (A person before an organisation: in "Главный редактор RT Маргарита Симоньян" she speaks.)
    span = next((s for s in spans if s.type == "PER"), spans[0] if spans else None)
    if span is not None:
        return (span.normal or span.text), (span.start, span.stop)
    words = [t for t in parse.subtree(token) if t.rel in ("amod", "det") or t is token]
    return parse.text[words[0].start:words[-1].stop], (words[0].start, words[-1].stop)
