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


def _cue_and_speaker(sentence, inside: set[int], people: _People):
    """Find an attribution in ``sentence`` outside the quoted token indices ``inside``.

    Returns (cue, speaker): cue is the verb token, or the phrase ("according to") as a
    string; speaker is (text, start, end) - or (None, None) when nothing attributes.
    """
    data = cue_data()
    for token in sentence:
        if token.i in inside or token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in data["verbs"]:
            continue
        # Passive "described by Sohu journalists": the agent speaks, not the subject.
        agents = [p for c in token.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        subjects = agents or [c for c in token.children if c.dep_ == "nsubj" and c.i not in inside]
        if not subjects and token.dep_ in ("advcl", "xcomp", "conj") and token.head.i not in inside:
            # "..., saying the border is ..." / "and said": the governing verb's subject speaks.
            subjects = [c for c in token.head.children if c.dep_ == "nsubj" and c.i not in inside]
        if not subjects:
            continue
        subject = subjects[0]
        if not _can_speak(subject):
            continue
        resolved = people.resolve(subject)
        if resolved:
            return token, resolved
        span = _name_span(subject)
        return token, (span.text, span.start_char, span.end_char)
    text = sentence.text.lower()
    for phrase in data["phrases"]:
        at = text.find(phrase)
        if at < 0:
            continue
        start_char = sentence.start_char + at + len(phrase)
        for token in sentence:
            if token.idx >= start_char and token.i not in inside and token.pos_ in ("PROPN", "NOUN"):
                head = token
                while head.head.i != head.i and head.head.pos_ in ("PROPN",) and head.head.i > head.i \
                        and head.head.i not in inside:
                    head = head.head
                span = _name_span(head)
                return phrase, (span.text, span.start_char, span.end_char)
    return None, None


def _paragraph_docs(text: str, nlp):
    """Parse paragraph by paragraph: a heading never merges with the sentence after it."""
    offsets, paragraphs = [], []
    for match in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text):
        offsets.append(match.start())
        paragraphs.append(match.group(0))
    return zip(offsets, nlp.pipe(paragraphs))


def extract_quotes(article_id: str, text: str, nlp=None) -> list[Quote]:
    nlp = nlp or load_nlp()
    spans = quoted_spans(text)
    people = _People(spans)
    quotes: list[Quote] = []
    sentences = []  # (start_char, end_char, Span) in article coordinates
    for offset, doc in _paragraph_docs(text, nlp):
        for sentence in doc.sents:
            sentences.append((offset + sentence.start_char, offset + sentence.end_char, sentence, offset))
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                people.saw_at(ent.text, offset + ent.start_char, offset + ent.end_char)

    def overlapping(start: int, end: int):
        return [s for s in sentences if s[0] < end and s[1] > start]

    attributions = {}  # sentence index -> (cue, speaker) in article coordinates
    for number, (s_start, s_end, sentence, offset) in enumerate(sentences):
        people.offset = offset
        inside = {t.i for t in sentence if any(a <= offset + t.idx < b for a, b in spans)}
        cue, speaker = _cue_and_speaker(sentence, inside, people)
        if speaker:
            speaker = (speaker[0], speaker[1] + offset, speaker[2] + offset)
            people.spoke(*speaker)
        attributions[number] = (cue, speaker)

    previous_speaker, previous_end = None, -1
    used_sentences: set[int] = set()
    for start, end in spans:
        words = text[start:end].split()
        if len(words) < 2:
            continue  # a scare-quoted word is no quotation
        # The attribution may sit in any sentence the quote overlaps, or just after it
        # ('"...," he said in a post on X.').
        numbers = [i for i, s in enumerate(sentences) if s[0] < end + 1 and s[1] > start - 1]
        cue, who = None, None
        for i in numbers:
            if attributions.get(i, (None, None))[1]:
                cue, who = attributions[i]
                break
        used_sentences.update(numbers)
        if who is None and previous_speaker and start - previous_end < 400:
            who, cue = previous_speaker, None  # a run of quoted sentences: same speaker
        first = sentences[numbers[0]] if numbers else None
        before = text[first[0]:start - 1].strip() if first else ""
        starts_clause = words[0][:1].isupper() or words[0][:1] in "…."
        kind = "direct" if starts_clause and (not before or before.endswith((":", ","))) else "partial"
        if who is None and kind == "partial":
            continue  # a quoted phrase no one is said to have said: titles, scare quotes
        quotes.append(Quote(article_id, text[start:end], start, end, kind,
                            speaker=who[0] if who else None,
                            speaker_start=who[1] if who else None, speaker_end=who[2] if who else None,
                            cue=_cue_text(cue)))
        if who:
            previous_speaker, previous_end = who, end

    for number, (s_start, s_end, sentence, offset) in enumerate(sentences):
        cue, speaker = attributions[number]
        if number in used_sentences or cue is None or speaker is None:
            continue
        if isinstance(cue, str):
            # "According to X, <what was said>": the sentence without the attribution.
            rest = _without_attribution(sentence, (speaker[0], speaker[1] - offset, speaker[2] - offset))
            if rest and len(text[rest[0] + offset:rest[1] + offset].split()) >= 4:
                quotes.append(Quote(article_id, text[rest[0] + offset:rest[1] + offset], rest[0] + offset,
                                    rest[1] + offset, "indirect", speaker=speaker[0], speaker_start=speaker[1],
                                    speaker_end=speaker[2], cue=cue))
            continue
        # Reported speech: the cue verb's clausal complement is what was said.
        content = [c for c in cue.children if c.dep_ in ("ccomp", "xcomp") and c.i > cue.i]
        if content:
            tokens = list(content[0].subtree)
            first, last = tokens[0], tokens[-1]
            if first.lower_ == "that" and len(tokens) > 1:
                first = tokens[1]
            begin, finish = offset + first.idx, offset + last.idx + len(last.text)
            if len(text[begin:finish].split()) >= 4:
                quotes.append(Quote(article_id, text[begin:finish], begin, finish, "indirect",
                                    speaker=speaker[0], speaker_start=speaker[1], speaker_end=speaker[2],
                                    cue=cue.text))
    quotes.sort(key=lambda q: q.start)
    return quotes


def _cue_text(cue) -> str | None:
    if cue is None:
        return None
    return cue if isinstance(cue, str) else cue.text


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
            return offset + start, offset + len(text.rstrip())
        end = at
        while end > 0 and text[end - 1] in " ,":
            end -= 1
        return offset, offset + end
    return None
