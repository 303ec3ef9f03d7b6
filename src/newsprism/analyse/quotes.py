"""Quotes: who said what, from a dependency parse and the quotation marks.

Three kinds:

* **direct** - a quoted passage that is the sentence's content ("..." Tokayev said);
* **partial** - a quoted fragment inside the writer's own sentence (dismissed
  concerns, saying the border is "largely demarcated");
* **indirect** - reported speech without marks ("X said that ...", "according to X, ...").

Speakers come from the subject of the cue verb, "according to X", or - for a
run of quoted sentences - the speaker of the quote before; pronouns ("he said")
resolve to the last person named before them. Quote marks of every common kind
are handled (straight, curly, guillemets, low-9), and a quote that runs over
paragraphs (no closing mark at a paragraph's end, an opening one at the next)
is one quote.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..model import Quote
from .nlp import load_nlp


@lru_cache(maxsize=1)
def cue_data() -> dict:
    with resources.files("newsprism.analyse").joinpath("data/cues.toml").open("rb") as handle:
        data = tomllib.load(handle)
    return {"verbs": set(data["verbs"]), "phrases": data["phrases"], "pronouns": set(data["pronouns"]),
            "people_nouns": set(data["people_nouns"])}


# Opening mark -> the closing marks that may end it.
_PAIRS = {"“": "”\"", "„": "“”\"", "«": "»", '"': '"”', "‘": "’", "‹": "›", "”": "”"}


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each pair of quotation marks (marks excluded).

    Single quotes count only as ‘curly’ pairs around at least two words, so that
    apostrophes (Russia’s) never open a quote.
    """
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        closers = _PAIRS.get(ch)
        is_open = closers is not None and (i == 0 or not text[i - 1].isalnum())
        if ch == "‘" and is_open:
            end = text.find("’", i + 1)
            while end != -1 and end + 1 < n and text[end + 1].isalpha():  # an apostrophe inside
                end = text.find("’", end + 1)
            if end != -1 and len(text[i + 1:end].split()) >= 2 and "\n" not in text[i + 1:end]:
                spans.append((i + 1, end))
                i = end + 1
                continue
            i += 1
            continue
        if not is_open or ch == "‘":
            i += 1
            continue
        j = i + 1
        while j < n:
            if text[j] in closers and (j + 1 == n or not text[j + 1].isalnum() or text[j] != '"'):
                break
            if text.startswith("\n\n", j):
                # Newspaper style: a quote running on leaves its paragraph open and
                # reopens the next one with a quote mark.
                k = j
                while k < n and text[k] in "\n ":
                    k += 1
                if k < n and text[k] in _PAIRS and text[k] != "‘":
                    j = k + 1
                    continue
                break
            j += 1
        if j < n and text[j] in closers and j - i > 1:
            spans.append((i + 1, j))
            i = j + 1
        else:
            i += 1
    return spans


def _name_span(token):
    """The speaker's name around a subject token: its named entity if it has one, else the
    noun with its compounds; a common noun with a named appositive gives the name
    ("The author of the article, Isabelle Van Bruggen, believes" -> Isabelle Van Bruggen)."""
    doc = token.doc
    if token.pos_ != "PROPN":
        for child in token.subtree:
            if child.dep_ == "appos" and child.pos_ == "PROPN" and child.i - token.i <= 8:
                token = child
                break
    if token.ent_type_:
        for ent in doc.ents:
            if ent.start <= token.i < ent.end:
                start = ent.start
                # The small model often leaves a first name out of the entity.
                while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i in range(ent.start, ent.end):
                    start -= 1
                return doc[start:ent.end]
    left = token.i
    while left > 0 and doc[left - 1].head.i == token.i and doc[left - 1].dep_ in ("compound", "det", "poss", "amod", "flat"):
        left -= 1
    right = token.i
    while right + 1 < len(doc) and doc[right + 1].head.i == token.i and doc[right + 1].dep_ in ("flat", "flat:name"):
        right += 1
    return doc[left:right + 1]


def _can_speak(token) -> bool:
    """People and bodies speak; "the situation" or "this perspective" do not."""
    if token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    if token.pos_ == "PRON":
        return token.lower_ in cue_data()["pronouns"] or token.lower_ in ("i", "we", "you")
    if any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in token.subtree):
        return True
    return token.lemma_.lower() in cue_data()["people_nouns"] or token.lower_ in cue_data()["people_nouns"]


class _People:
    """People named in a document, for resolving "he said" to the last one named before it
    (outside quotations: a name inside a quote is not who is speaking)."""

    def __init__(self, quoted: list[tuple[int, int]]):
        self.mentions: list[tuple[int, str, int, int]] = []
        self.speakers: list[tuple[int, str, int, int]] = []
        self.quoted = quoted
        self.offset = 0  # of the paragraph being read

    def saw_at(self, text: str, start: int, end: int) -> None:
        if text[:1].isupper() and text.lower() not in cue_data()["pronouns"] and \
                not any(a <= start < b for a, b in self.quoted):
            self.mentions.append((start, text, start, end))
            self.mentions.sort()

    def spoke(self, text: str, start: int, end: int) -> None:
        if text[:1].isupper() and text.lower() not in cue_data()["pronouns"]:
            self.speakers.append((start, text, start, end))
            self.speakers.sort()

    def resolve(self, token):
        if token.lower_ not in cue_data()["pronouns"]:
            return None
        position = self.offset + token.idx
        # News convention: "he said" after a quote is the last one quoted, if recent;
        # otherwise the last person named.
        before = [m for m in self.speakers if position - 1500 < m[0] < position] or \
            [m for m in self.mentions if m[0] < position]
        if not before:
            return None
        _, text, start, end = before[-1]
        return (text, start - self.offset, end - self.offset)  # paragraph coordinates, as the caller expects


@dataclass
class _Cue:
    """One attribution found in a sentence, in article coordinates."""

    sentence: int
    text: str  # the cue as written: the verb, or the phrase ("according to")
    speaker: tuple[str, int, int]  # who speaks (a pronoun resolved to a name when possible)
    mention: tuple[int, int]  # the speaker as written in this attribution ("he", "who", "officials")
    content: tuple[int, int] | None  # what was said, when the parse shows it
    token: object = None  # the cue verb, if any
    used: bool = False


_RELATIVE = {"who", "which", "that"}


def _depth(token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token = token.head
        depth += 1
    return depth


def _subject(token, inside: set[int]):
    """The token that speaks for the cue verb ``token``: the passive's agent, the subject, or -
    for "..., saying ...", "and said", "who said" - the subject of the verb it hangs from.
    Returns (speaker token, mention token); they differ for a relative pronoun ("Pence, who
    said": Pence speaks, "who" is the mention)."""
    agents = [p for c in token.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    if agents:
        return agents[0], agents[0]
    head, hops = token, 0
    while True:
        subjects = [c for c in head.children if c.dep_ == "nsubj" and c.i not in inside]
        if subjects:
            subject = subjects[0]
            if subject.lower_ in _RELATIVE and head.dep_ == "relcl" and head.head.i not in inside:
                return head.head, subject
            return subject, subject
        if head.dep_ not in ("advcl", "xcomp", "conj", "acl") or hops >= 3 or head.head.i in inside:
            return None, None
        head, hops = head.head, hops + 1


def _edges(tokens) -> tuple[int, int] | None:
    """Character range of ``tokens`` (sorted) without punctuation at either end (quote marks
    stay: they are part of what was said)."""
    tokens = list(tokens)
    while tokens and (tokens[0].is_punct and not tokens[0].is_quote or tokens[0].is_space):
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct and not tokens[-1].is_quote or tokens[-1].is_space):
        tokens.pop()
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _content(token, skip: set[int]) -> tuple[int, int] | None:
    """What the cue verb ``token`` reports, in paragraph coordinates: its clausal complement
    on either side ("X said (that) ...", "... , X said"), or - when the cue is a parenthetical
    hung on the reported clause ("The economy, he said, is growing") - that clause."""
    comps = [c for c in token.children if c.dep_ in ("ccomp", "xcomp")]
    if comps:
        comp = max(comps, key=lambda c: len(list(c.subtree)))
        return _edges(t for t in comp.subtree)
    if token.dep_ == "parataxis" and token.head.pos_ in ("VERB", "AUX"):
        own = {t.i for t in token.subtree}
        return _edges(t for t in token.head.subtree if t.i not in own and t.i not in skip)
    return None


def _speaker_of(subject, mention, people: "_People", offset: int):
    """(speaker, mention) in article coordinates for a subject token."""
    resolved = people.resolve(subject)
    if resolved:
        speaker = (resolved[0], resolved[1] + offset, resolved[2] + offset)
    else:
        span = _name_span(subject)
        speaker = (span.text, span.start_char + offset, span.end_char + offset)
    if mention is subject:
        span = _name_span(mention) if not resolved else mention.doc[mention.i:mention.i + 1]
        where = (span.start_char + offset, span.end_char + offset)
    else:
        where = (mention.idx + offset, mention.idx + len(mention.text) + offset)
    return speaker, where


def _cues(number: int, sentence, inside: set[int], people: "_People", offset: int) -> list[_Cue]:
    """Every attribution in ``sentence`` whose cue lies outside the quoted token indices
    ``inside``. Attributions nested in another's content are left out: "Clinton said Trump
    claimed ..." is Clinton's."""
    data = cue_data()
    found: list[_Cue] = []
    taken: list[tuple[int, int]] = []  # character ranges of the contents found so far
    verbs = [t for t in sentence if t.i not in inside and t.pos_ in ("VERB", "AUX")
             and t.lemma_.lower() in data["verbs"]]
    for token in sorted(verbs, key=_depth):
        if any(a <= token.idx < b for a, b in taken):
            continue
        subject, mention = _subject(token, inside)
        if subject is None or not _can_speak(subject):
            continue
        speaker, where = _speaker_of(subject, mention, people, offset)
        skip = {t.i for t in subject.subtree} if subject.i < token.i else set()
        content = _content(token, skip)
        if content:
            taken.append(content)
            content = (content[0] + offset, content[1] + offset)
        found.append(_Cue(number, token.text, speaker, where, content, token))
    low = sentence.text.lower()
    for phrase in data["phrases"]:
        at = low.find(phrase)
        if at < 0 or (at > 0 and low[at - 1].isalnum()):
            continue
        start_char = sentence.start_char + at + len(phrase)
        for token in sentence:
            if token.idx >= start_char and token.i not in inside and token.pos_ in ("PROPN", "NOUN", "PRON"):
                head = token
                while head.head.i != head.i and head.head.pos_ in ("PROPN",) and head.head.i > head.i \
                        and head.head.i not in inside:
                    head = head.head
                speaker, where = _speaker_of(head, head, people, offset)
                rest = _without_attribution(sentence, (head.text, where[0] - offset, where[1] - offset))
                content = (rest[0] + offset, rest[1] + offset) if rest else None
                found.append(_Cue(number, phrase, speaker, where, content))
                break
        break
    return found


def _paragraph_docs(text: str, nlp):
    """Parse paragraph by paragraph: a heading never merges with the sentence after it."""
    offsets, paragraphs = [], []
    for match in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text):
        offsets.append(match.start())
        paragraphs.append(match.group(0))
    return zip(offsets, nlp.pipe(paragraphs))


def extract_quotes(article_id: str, text: str, nlp=None) -> list[Quote]:
    return [quote for quote, _ in extract_attributions(article_id, text, nlp)]


def extract_attributions(article_id: str, text: str, nlp=None) -> list[tuple[Quote, tuple[int, int] | None]]:
    """The quotes of ``text``, each with where its speaker is mentioned in the attribution
    itself ("he" in '"...," he said', whereas ``Quote.speaker`` is the person "he" stands for),
    or None when no one is said to speak."""
    nlp = nlp or load_nlp()
    spans = quoted_spans(text)
    people = _People(spans)
    sentences = []  # (start_char, end_char, Span, paragraph offset) in article coordinates
    for offset, doc in _paragraph_docs(text, nlp):
        for sentence in doc.sents:
            sentences.append((offset + sentence.start_char, offset + sentence.end_char, sentence, offset))
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                people.saw_at(ent.text, offset + ent.start_char, offset + ent.end_char)

    cues: dict[int, list[_Cue]] = {}
    for number, (s_start, s_end, sentence, offset) in enumerate(sentences):
        people.offset = offset
        inside = {t.i for t in sentence if any(a <= offset + t.idx < b for a, b in spans)}
        cues[number] = _cues(number, sentence, inside, people, offset)
        for cue in cues[number]:
            people.spoke(*cue.speaker)

    out: list[tuple[Quote, tuple[int, int] | None]] = []
    covered: list[tuple[int, int]] = []  # ranges already given to a quote

    def emit(start, end, kind, cue: _Cue | None, speaker=None, mention=None):
        if cue is not None:
            speaker, mention = cue.speaker, cue.mention
            cue.used = True
        covered.append((start, end))
        out.append((Quote(article_id, text[start:end], start, end, kind,
                          speaker=speaker[0] if speaker else None,
                          speaker_start=speaker[1] if speaker else None,
                          speaker_end=speaker[2] if speaker else None,
                          cue=cue.text if cue else None), mention))

    previous, previous_end = None, -1  # (speaker, mention) of the last attributed quote
    for start, end in spans:
        words = text[start:end].split()
        if len(words) < 2:
            continue  # a scare-quoted word is no quotation
        if any(a <= start and end <= b for a, b in covered):
            continue  # a second fragment of a clause already taken ('"a" and "b"')
        # The attribution may sit in any sentence the quote overlaps, or just after it
        # ('"...," he said in a post on X.').
        numbers = [i for i, s in enumerate(sentences) if s[0] < end + 1 and s[1] > start - 1]
        candidates = [c for i in numbers for c in cues.get(i, [])
                      if not (c.token is not None and start <= sentences[c.sentence][3] + c.token.idx < end)]
        # The cue whose reported clause holds the quote, else the outermost cue verb that
        # governs it ('described by X as ... a "stab in the back"'), else the nearest one.
        holding = [c for c in candidates if c.content and c.content[0] < end and c.content[1] > start]
        governing = [c for c in candidates if c.token is not None and any(
            start <= sentences[c.sentence][3] + t.idx < end for t in c.token.subtree)]
        if holding:
            cue = max(holding, key=lambda c: min(end, c.content[1]) - max(start, c.content[0]))
        elif governing:
            cue = min(governing, key=lambda c: _depth(c.token))
        elif candidates:
            cue = min(candidates, key=lambda c: min(abs(c.mention[0] - start), abs(c.mention[0] - end)))
        else:
            cue = None
        first = sentences[numbers[0]] if numbers else None
        before = text[first[0]:start - 1].strip() if first else ""
        starts_clause = words[0][:1].isupper() or words[0][:1] in "…."
        kind = "direct" if starts_clause and (not before or before.endswith((":", ","))) else "partial"
        if cue is not None:
            c_start, c_end = cue.content or (start, end)
            if kind == "partial" and c_start <= start and end <= c_end + 1 and c_end - c_start > end - start:
                # A quoted fragment inside reported speech: the whole clause is what was said.
                emit(c_start, max(c_end, end), "partial", cue)
            else:
                emit(start, end, kind, cue)
            previous, previous_end = (cue.speaker, cue.mention), end
            continue
        if previous and start - previous_end < 400:
            emit(start, end, kind, None, *previous)  # a run of quoted sentences: same speaker
            previous_end = end
            continue
        if kind == "direct":
            emit(start, end, kind, None)
        # else: a quoted phrase no one is said to have said - titles, scare quotes

    for number in range(len(sentences)):
        for cue in cues[number]:
            if cue.used or cue.content is None:
                continue
            c_start, c_end = cue.content
            if any(a < c_end and c_start < b for a, b in covered) or len(text[c_start:c_end].split()) < 2:
                continue
            emit(c_start, c_end, "indirect", cue)
    out.sort(key=lambda item: item[0].start)
    return out


def _without_attribution(sentence, speaker) -> tuple[int, int] | None:
    """Character range of a sentence minus its "according to X" part."""
    text = sentence.text
    offset = sentence.start_char  # paragraph coordinates, like ``speaker``
    low = text.lower()
    for phrase in cue_data()["phrases"]:
        at = low.find(phrase)
        if at < 0:
            continue
        cut_end = speaker[2] - offset
        # Through the end of the attribution's own clause: up to the next comma.
        comma = text.find(",", cut_end)
        if at <= 2:  # at the start: the rest after the comma is the content
            start = comma + 1 if comma != -1 else cut_end
            # "According to X, an expert at Y, <content>": skip the appositive too.
            if re.match(r"\s*(?:an?|the)\s", text[start:]) and text.find(",", start) != -1:
                start = text.find(",", start) + 1
            while start < len(text) and text[start] == " ":
                start += 1
            end = len(text.rstrip())
            while end > start and text[end - 1] in ".,;:":
                end -= 1
            return (offset + start, offset + end) if end > start else None
        end = at
        while end > 0 and text[end - 1] in " ,":
            end -= 1
        return (offset, offset + end) if end > 0 else None
    return None
