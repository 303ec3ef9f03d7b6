"""The quotes of a text: quoted passages given to the attribution that holds or governs
them, runs of quoted sentences, interrupted quotes, labelled paragraphs and interviews,
and reported speech without marks."""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

from ...model import Quote
from ..entities import role_data
from ..nlp import load_nlp
from .cues import _Cue, _cues, _depth
from .lexicon import cue_data, verb_stems
from .marks import quoted_spans
from .speakers import _People, _speaker_of
from .stances import StanceCandidate, StanceModel, candidates, stance_model


def _paragraph_docs(text: str, nlp):
    """Parse paragraph by paragraph: a heading never merges with the sentence after it.
    Lines joined by a single newline are one paragraph (a wrapped line), unless the line
    ends a sentence: the parser ran '... exceptions."' and 'Rubio said ...' on the next
    line into one sentence, and gave Rubio's cue to Bush's quote. (So does a headline that
    ends in ";" before its deck: "Trump says praise from Putin helps the U.S.; \nAfter ...".)
    A no-break space is parsed as a plain one: spaCy makes it a token of its own, which split
    "a<no-break space>serial liar" and hung the rest of the sentence elsewhere. (The clean stage already
    replaces it; text handed to the extractor directly may still hold it. Same length, so
    offsets hold.) A dateline opening a paragraph ("CLEVELAND, July 19 (UPI) — ") is parsed
    as blanks: the parser made the place the subject of the sentence and the agency its
    speaker."""
    offsets, paragraphs = [], []
    for match in re.finditer(r"[^\n]+(?:(?<![.!?][\"”’'])(?<![.!?;])(?<!; )\n(?!\n)[^\n]+)*", text):
        offsets.append(match.start())
        paragraph = _sentence_case(match.group(0)).replace("\u00a0", " ")
        dateline = _DATELINE.match(paragraph)
        if dateline:
            paragraph = " " * dateline.end() + paragraph[dateline.end():]
        paragraphs.append(paragraph)
    return zip(offsets, nlp.pipe(paragraphs))


_MINOR = {"a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "at", "by", "as", "with", "from", "but"}


_WORD = re.compile(r"[^\W\d_][\w’'.-]*")


def _major_words(words: list[str]) -> list[str]:
    """The words a title capitalises: all but the minor ones ("of", "the", ...)."""
    return [w for w in words if w.lower() not in _MINOR]


def _title(quoted: str) -> bool:
    """Whether a quotation no one is said to have said is a title or a name ("The Big Short",
    "Morning Joe."): a few words, every one but the minor ones capitalised."""
    words = _WORD.findall(quoted)
    major = _major_words(words)
    return 1 <= len(words) <= 6 and bool(major) and all(w[0].isupper() for w in major)


def _sentence_case(paragraph: str) -> str:
    """A headline in title case ("Black Lawmakers Rip Donald Trump As A 'Disgusting Fraud'")
    hides its verb from the tagger, which reads every capitalised word as a name: such a
    paragraph is parsed in lower case after its first word (acronyms kept, and every
    character where it was, so that offsets into the text still hold)."""
    words = _WORD.findall(paragraph)
    major = _major_words(words)
    if not 3 <= len(words) <= 25 or sum(w[0].isupper() for w in major) < 0.8 * len(major):
        return paragraph
    first = re.search(r"[^\W\d_]", paragraph)
    out = list(paragraph)
    for match in _WORD.finditer(paragraph):
        word = match.group(0)
        if match.start() == first.start() or sum(c.isupper() for c in word) > 1:
            continue  # the first word; "FBI", "U.S.", "McCain"
        lowered = word.lower()
        if len(lowered) == len(word):
            out[match.start():match.end()] = lowered
    return "".join(out)


def _a_body(ent) -> bool:
    """Whether an entity names a place, a people or, by its shape, an organisation ("The New
    York Times", "Human Rights Watch", "CNN", "Factcheck.org"): no one "he" or "she" stands for.
    (The small model's ORG for a surname alone, "Fiorina", may still be a person.)"""
    if ent.label_ in ("GPE", "NORP"):
        return True
    words = ent.text.split()
    return ent.label_ in ("ORG", "FAC") and (
        ent.text.isupper() or "." in ent.text or words[0] in ("The", "the") or
        any(w.lower().strip(".,") in role_data()["org_words"] for w in words))


def extract_quotes(article_id: str, text: str, nlp=None) -> list[Quote]:
    return [quote for quote, _ in extract_attributions(article_id, text, nlp)]


def extract_attributions(article_id: str, text: str, nlp=None) -> list[tuple[Quote, tuple[int, int] | None]]:
    """The quotes of ``text``, each with where its speaker is mentioned in the attribution
    itself ("he" in '"...," he said', whereas ``Quote.speaker`` is the person "he" stands for),
    or None when no one is said to speak.

    In order, each pass leaving alone what an earlier one took: labelled paragraphs
    ("PENCE: ..."), interview answers, quoted passages with their attributions, reported
    speech without marks, then the stances a trained model finds (`stances`)."""
    found = _Attributions(article_id, text, nlp or load_nlp())
    found.rules()
    found.stances()
    return sorted(found.out, key=lambda item: item[0].start)


class _Attributions:
    """One text's parse, its cues, and the quotes found so far."""

    def __init__(self, article_id: str, text: str, nlp):
        self.article_id, self.text = article_id, text
        self.spans = quoted_spans(text)
        self.people = people = _People(self.spans)
        self.sentences = []  # (start_char, end_char, Span, paragraph offset) in article coordinates
        for offset, doc in _paragraph_docs(text, nlp):
            for sentence in doc.sents:
                self.sentences.append((offset + sentence.start_char, offset + sentence.end_char, sentence, offset))
            for ent in doc.ents:
                if _a_body(ent):
                    people.saw_body(ent.text)
                if ent.label_ == "PERSON":
                    # The subject of a main clause ("The harbour master, Tom Brandt, arrived"), not
                    # of what someone is reported to have said ("Trump said he wants Obama to ...").
                    root = ent.root if ent.root.dep_ != "appos" else ent.root.head
                    verb = root.head
                    main = verb.dep_ == "ROOT" or verb.dep_ == "conj" and verb.head.dep_ == "ROOT"
                    people.saw_at(ent.text, offset + ent.start_char, offset + ent.end_char,
                                  subject=root.dep_ in ("nsubj", "nsubjpass") and main)
                    people.learn(ent)
        self.cues: dict[int, list[_Cue]] = {}  # sentence number -> its cues
        self.inside: list[set[int]] = []  # sentence number -> its tokens inside quotation marks
        for number, (_, _, sentence, offset) in enumerate(self.sentences):
            people.offset = offset
            inside = {t.i for t in sentence if any(a <= offset + t.idx < b for a, b in self.spans)}
            self.inside.append(inside)
            self.cues[number] = _cues(number, sentence, inside, people, offset)
            for cue in self.cues[number]:
                if cue.speaker:
                    # ("The governor said", resolved to the Gov. Ann Ruiz named before: she spoke
                    # here, later than anyone quoted in between.)
                    described = cue.mention and cue.mention[0] in people.descriptions
                    people.spoke(*cue.speaker, at=cue.mention[0] if described else None)
        self.introduced = _introduced_paragraphs(text, self.sentences, self.cues)
        self.out: list[tuple[Quote, tuple[int, int] | None]] = []
        self.covered: list[tuple[int, int]] = []  # ranges already given to a quote
        self.labels: list[int] = []  # where each labelled paragraph's label starts

    def rules(self):
        """The rule passes, in order; the stance model was trained on what they leave."""
        self.labelled_paragraphs()
        self.interview_answers()
        self.quotations()
        self.reported_speech()

    def emit(self, start, end, kind, cue: _Cue | None, speaker=None, mention=None):
        text = self.text
        if start == 0 or text[start - 1] == "\n":
            dateline = _DATELINE.match(text, start, end)
            start = dateline.end() if dateline else start  # "ASTANA, Oct 6 (Reuters) - ": where, not what
        if cue is not None:
            speaker, mention = cue.speaker, cue.mention
            cue.used = True
        if speaker and text[speaker[1]:speaker[2]].lower() in ("it", "this", "that"):
            # "It signals a shift ...": a thing no one is named for; the mention stays, the
            # speaker is unknown rather than "It".
            speaker = None
        self.covered.append((start, end))
        self.out.append((Quote(self.article_id, self._words(start, end, cue), start, end, kind,
                               # (as written: a headline is parsed in lower case)
                               speaker=text[speaker[1]:speaker[2]] if speaker else None,
                               speaker_start=speaker[1] if speaker else None,
                               speaker_end=speaker[2] if speaker else None,
                               cue=cue.text if cue else None), mention))

    def _words(self, start: int, end: int, cue: _Cue | None) -> str:
        """What was said in ``text[start:end]``: without its own attribution when that sits
        inside, set off by commas or dashes ("If the law conflicts, Rubio said, Christians
        must ..." -> "If the law conflicts … Christians must ..."; "Putin, according to
        Chinese journalists, is ..."), the cut marked as in an interrupted quote."""
        text = self.text
        if cue is None or not cue.mention or not start < cue.mention[0] < cue.mention[1] < end:
            return text[start:end]
        low, high = cue.mention
        if cue.token is not None and cue.sentence >= 0:
            at = self.sentences[cue.sentence][3] + cue.token.idx
            low, high = min(low, at), max(high, at + len(cue.token.text))
        else:  # a phrase before its source: "according to X"
            at = text.lower().rfind(cue.text.lower(), start, low)
            low = at if at >= 0 else low
        left = max(text.rfind(mark, start, low) for mark in (",", "—", "–"))
        rights = [i for i in (text.find(mark, high, end) for mark in (",", "—", "–")) if i >= 0]
        if left <= start or not rights or min(rights) >= end - 1 or len(text[left:min(rights)].split()) > 12:
            return text[start:end]
        return text[start:left].rstrip() + ELISION + text[min(rights) + 1:end].lstrip()

    def overlaps_covered(self, start: int, end: int) -> bool:
        return any(a < end and start < b for a, b in self.covered)

    def labelled_paragraphs(self):
        """Transcripts and headlines ("PENCE: Well, ...", "Poll: Voters ..."): the rest of the
        paragraph is the quote. Also a headline's "Gillibrand on Clinton's Speeches: 'I Think
        She Will.'", "Clinton to Planned Parenthood: Trump will ...": someone the article names,
        to whom or on what, and what they said."""
        labels = list(_labelled_paragraphs(self.text))
        titles = role_data()["titles"]
        labels += [(speaker, content, mark) for speaker, content, mark in _headline_labels(self.text)
                   if self.people.is_person(speaker[0]) or speaker[0].split()[-1].lower() in titles]  # "CNN President
        for speaker, content, mark in labels:
            if self.overlaps_covered(*content):
                continue
            label = (speaker[1], speaker[2])
            self.emit(content[0], content[1], "direct", _Cue(-1, mark, self.people.named(speaker), label, content))
            self.labels.append(label[0])

    def interview_answers(self):
        """Interviews ("Q: ..." / "A: ..."): the answers are the person the introduction names
        most ("Q&A with Vice President Joe Biden. ... he spoke with ..."), else the article."""
        text, people = self.text, self.people
        interview = list(_interview_paragraphs(text))
        introduction_end = interview[0][0][0] if interview else None  # where the first label starts
        for label, content in interview:
            if self.overlaps_covered(*content):
                continue
            speaker = (text[label[0]:label[1]], label[0], label[1])
            if speaker[0].upper().startswith("A"):
                speaker = people.most_named(before=introduction_end) or people.most_named() or speaker
            self.emit(content[0], content[1], "direct", _Cue(-1, ":", speaker, label, content))
            self.labels.append(label[0])

    def _sentences_around(self, start: int, end: int) -> list[int]:
        """The sentences an attribution of ``text[start:end]`` may sit in: any the quote
        overlaps, or the one just after it ('"...," he said in a post on X.')."""
        text, sentences, cues = self.text, self.sentences, self.cues
        numbers = [i for i, s in enumerate(sentences) if s[0] < end + 1 and s[1] > start - 1]
        # ("... by Mr. Christie. ''Choke!'' blared ...": the parser gave the opening marks to the
        # sentence before; that sentence's cue is not the quotation's.)
        if len(numbers) > 1 and sentences[numbers[0]][1] <= start and \
                re.search(r"[.!?][\"”’'»]*\s*[\"“„«‘'‹]+$", text[sentences[numbers[0]][0]:start]):
            numbers.pop(0)
        # (The mark may close a quotation inside the quote: '... you need?’” Weaver said'.)
        if text[:end].rstrip("’'")[-1:] in ("?", "!") and numbers and numbers[-1] + 1 < len(sentences) and \
                re.fullmatch(r"[\"”’'»]{0,2}[ \t\u00a0]*", text[end:sentences[numbers[-1] + 1][0]]):
            # '"... votes?" Trump said, looking out ...': the parser ends the sentence at the
            # question mark; the attribution opens the next one. (Also after a closing mark of
            # two apostrophes: "... she's wrong!'' Mr. Trump wrote on Twitter".)
            # (Further in, when that sentence opens in lower case: '"...!" the presumptive GOP
            # nominee, Donald Trump, tweeted Sunday' is still the quotation's sentence.)
            after = numbers[-1] + 1
            reach = 12 if sentences[after][2].text[:1].islower() else 5
            # (Or whose speaker opens it: '"Perpetual motion!" Rep. Glenn Thompson, R-Pa., said ...'.)
            if any(c.token is not None and (c.token.i - sentences[after][2].start <= reach or
                                            c.mention and c.mention[0] - sentences[after][0] <= 1)
                   for c in cues.get(after, [])):
                numbers.append(after)
        return numbers

    def _attribution_of(self, start: int, end: int, kind: str, numbers: list[int]) -> _Cue | None:
        """The cue whose reported clause holds the quote, else the outermost cue verb that
        governs it ('described by X as ... a "stab in the back"'), else the nearest one."""
        text, sentences = self.text, self.sentences
        candidates = [c for i in numbers for c in self.cues.get(i, []) if c.speaker and
                      not (c.token is not None and start <= sentences[c.sentence][3] + c.token.idx < end)]
        if not candidates and start - 1 in self.introduced:  # 'He said:' and the quote as the next paragraph
            candidates = [self.introduced[start - 1]]
        holding = [c for c in candidates if c.content and c.content[0] < end and c.content[1] > start]
        # (A cue whose clause lies elsewhere does not govern a quote outside it: a title.)
        governing = [c for c in candidates if c.token is not None and not c.content and any(
            start <= sentences[c.sentence][3] + t.idx < end for t in c.token.subtree)]
        dash = _DASH.match(text, end + 1)
        if dash:  # '"..." ― Sonya Herridge'
            speaker = self.people.named((dash.group(1), dash.start(1), dash.end(1)))
            return _Cue(-1, "—", speaker, (dash.start(1), dash.end(1)), (start, end))
        if holding:
            best = max(holding, key=lambda c: min(end, c.content[1]) - max(start, c.content[0]))
            # '"...," Mr. Steele said, according to a video of his remarks': the video is where
            # the report comes from; the words are still his (the verb that introduces them
            # lies inside what "according to" holds).
            speaking = [c for c in candidates if best.token is None and c.token is not None and c.mention and
                        best.content[0] <= c.mention[0] < best.content[1] and
                        (not c.content or c.content[0] <= start + 1 and end <= c.content[1] + 1)]
            return min(speaking, key=lambda c: _depth(c.token)) if speaking else best
        if governing:
            return min(governing, key=lambda c: _depth(c.token))
        if candidates and (kind == "direct" or any(c.content is None for c in candidates) or
                           _SAID_BEFORE.search(text, 0, start)):  # '... including, he said, "politicians who ..."'
            # (Of two as near, one with nothing reported of its own: in 'X joked that A, but went
            # on to say, "B"' the quotation is what "say" says, and A stays the joke.)
            return min(candidates, key=lambda c: (min(abs(c.mention[0] - start), abs(c.mention[0] - end)),
                                                  c.content is not None))
        return None

    def _speaker_between(self, start: int, end: int) -> _Cue | None:
        """The last speech verb with a speaker in the paragraph that ends between ``start`` and
        ``end`` (between a quote and the next one, which has no attribution of its own): a
        copy with no content, to be that quote's attribution."""
        found = None
        for number, (s_start, s_end, _, _) in enumerate(self.sentences):
            if start <= s_start and s_end <= end and "\n" not in self.text[s_end:end].strip():
                found = next((cue for cue in reversed(self.cues.get(number, [])) if cue.speaker and cue.token is not None
                              and cue.token.pos_ == "VERB" and cue.token.lemma_.lower() in cue_data()["speech_verbs"]),
                             found)
        return dataclasses.replace(found, content=None, used=False) if found is not None else None

    def _names_a_work(self, start: int, end: int, numbers: list[int]) -> bool:
        """Whether a title-shaped quotation hangs where a programme or a book is named: on "on"
        or "in" ('said on ABC's "This Week,"') or in apposition to a work (`titled_works`:
        'his memoir, "Gifted Hands,"'), or right after a possessive ('Sunday on Fox News
        channel's "Sunday Morning Futures," Rep. X said ...', where the parser lost the "on"; of
        57 such quotations in PolNeAR's train split, none is an attribution's own content). The
        work may be named right before it or its maker right after it, however the parser hung
        them ('copies of his memoir, "Gifted Hands," and ...', 'the podcast "Here's the Thing."',
        '"Daily Show" host Trevor Noah': 52 in train, none an attribution's content). (Not "of":
        'proclaimed a goal of "Peace Through Strength."' quotes the slogan.)"""
        text = self.text
        if re.search(r"['’]s\s*[\"“”„«‘']+$", text[max(0, start - 8):start]):
            return True
        work_before, maker_after = _work_words()
        if work_before.search(text[max(0, start - 40):start]) or maker_after.match(text, end, end + 40):
            return True
        for number in numbers:
            _, _, sentence, offset = self.sentences[number]
            tokens = [t for t in sentence if start <= offset + t.idx < end]
            root = next((t for t in tokens if t.head.i == t.i or not start <= offset + t.head.idx < end), None)
            if root is not None:
                return root.dep_ == "appos" and root.head.lemma_.lower() in cue_data()["titled_works"] or \
                    root.dep_ == "pobj" and root.head.lower_ in ("on", "in")
        return False

    def quotations(self):
        """Quoted passages, each given to the attribution that holds or governs it; runs of
        quoted sentences and quotes interrupted by their attribution kept together."""
        text, sentences = self.text, self.sentences
        previous, previous_end = None, -1  # the attribution of the last attributed quote
        last = None  # (index in out, attribution, end) of the last direct quote, to extend
        for start, end in self.spans:
            words = text[start:end].split()
            if len(words) < 2 and not _one_word_answer(text, start, end):
                continue  # a scare-quoted word is no quotation
            if any(start <= at < end for at in self.labels):
                continue  # an open quote mark running over labelled paragraphs: they are the quotes
            if any(a <= start and end <= b + 2 for a, b in self.covered):
                continue  # a second fragment of a clause already taken ('"a" and "b"')
            numbers = self._sentences_around(start, end)
            if _title(text[start:end]) and self._names_a_work(start, end, numbers):
                continue
            first = sentences[numbers[0]] if numbers else None
            before = text[first[0]:start].rstrip("\"'“”„«»‘’‹› ").strip() if first else ""
            starts_clause = words[0][:1].isupper() or words[0][:1] in "…."
            # (A sentence end before the mark: the parser ran two sentences together,
            # 'He doesn't think so. "I don't judge ...," he said.')
            opens = not before or before.endswith((":", ",", ".", "!", "?"))
            kind = "direct" if starts_clause and opens else "partial"
            cue = self._attribution_of(start, end, kind, numbers)
            own_cue = cue is not None and cue is not previous
            if cue is None and previous and start - previous_end < 400 and kind == "direct":
                cue = previous  # a run of quoted sentences: same speaker, same attribution
                # (Unless someone else is reported to speak in between: '"A," X said.¶Y said
                # that ...¶"B."' - B is Y's.)
                between = self._speaker_between(previous_end, start)
                if between is not None and not (previous.speaker and between.speaker[0] == previous.speaker[0]):
                    cue = between
            if last is not None and _interrupted_by(text, last[2], start, last[1], sentences, self.cues,
                                                    over_paragraph=not own_cue) and (
                    cue is None or cue is last[1] or cue.speaker[0] == last[1].speaker[0]):
                # '"A," she said. "B."' is one quote, interrupted by its attribution: it runs
                # from A to B, across the interruption. (B may run on to a later attribution
                # of the same speaker.)
                quote, mention = self.out[last[0]]
                self.out[last[0]] = (Quote(self.article_id, _elided(quote.text, text[start:end]), quote.start, end,
                                           quote.kind, quote.speaker, quote.speaker_start, quote.speaker_end,
                                           quote.cue), mention)
                self.covered.append((start, end))
                # The interruption is not what was said, but the speaker may say more in it:
                # '"A," Mr. Hedge said, referring to the two resorts. "B."' (that reference
                # is a quote of its own); someone else's cue there is a description of the
                # speaker ('said X, whom Mayor Y appointed head of ...'), no quote.
                speaker = last[1].speaker
                for other in self.cues.get(last[1].sentence, []):
                    if other is not last[1] and other.content and last[2] <= other.content[0] < start and (
                            speaker is None or other.speaker is None or other.speaker[1:] != speaker[1:]):
                        other.used = True
                last, previous_end = (last[0], last[1], end), end
                continue
            if cue is not None:
                c_start, c_end = cue.content or (start, end)
                runs_on = kind == "direct" and c_start <= start and re.search(r"[^\W\d_]{3}", text[end:c_end]) \
                    and not re.search(r"[\"“”„«»]", text[end + 1:c_end])  # (not '"A," said X, "B"')
                if (kind == "partial" or runs_on) and c_start <= start and c_end - c_start > end - start and (
                        end <= c_end + 1 or kind == "partial" and start < c_end):
                    # A quoted fragment inside reported speech: the whole clause is what was said
                    # ('said that, "Of course he will defend himself" against what ...'), also when
                    # the fragment runs on past the sentence the parser gave the clause ('said X
                    # "were stiff. They weren't fun."').
                    self.emit(c_start, max(c_end, end), "partial", cue)
                    kind = "partial"
                else:
                    self.emit(start, end, kind, cue)
                previous, previous_end = cue, end
                # (A fragment that ends its clause may go on after the attribution too: 'X had
                # "never asked," Y said. "They found out ..."'.)
                # (So may a clause quoted in part before its attribution: '"People were celebrating"
                # before the incident, she said. "And it was so peaceful."')
                emitted_end = self.out[-1][0].end
                if kind == "direct" or emitted_end <= end + 1:
                    last = (len(self.out) - 1, cue, end)
                elif cue.mention and emitted_end <= cue.mention[0] and \
                        re.fullmatch(r"[\s,\"”’']*", text[emitted_end:cue.mention[0]]):
                    last = (len(self.out) - 1, cue, emitted_end)
                else:
                    last = None
                continue
            if kind == "direct" and not _title(text[start:end]):
                last = None  # (a title in the attribution, 'said on "Meet the Press."', is passed over)
                self.emit(start, end, kind, None)
            # else: a quoted phrase no one is said to have said - titles, scare quotes

    def reported_speech(self):
        """What cues report without quotation marks ("X said that ...", "according to X, ..."),
        where no quote has been found."""
        for number in range(len(self.sentences)):
            for cue in self.cues[number]:
                if cue.used or cue.content is None:
                    continue
                c_start, c_end = cue.content
                if self.overlaps_covered(c_start, c_end):
                    continue
                self.emit(c_start, c_end, cue.kind, cue)

    def stance_candidates(self) -> list[StanceCandidate]:
        """Every candidate stance outside the quotes found so far (``stances.candidates``)."""
        out = []
        for number, (_, _, sentence, offset) in enumerate(self.sentences):
            out += candidates(number, sentence, offset, self.inside[number], self.covered)
        return out

    def stances(self, model: StanceModel | None = None):
        """The candidates the model finds likely, most likely first, each taking its words
        from any less likely one that overlaps it."""
        model = model or stance_model()
        if model is None:
            return
        scored = sorted(((model.probability(c.features), c.content, c) for c in self.stance_candidates()),
                        key=lambda item: (-item[0], item[1]))
        for probability, (start, end), candidate in scored:
            if probability <= model.threshold:
                break
            if self.overlaps_covered(start, end):
                continue
            self.people.offset = offset = self.sentences[candidate.sentence][3]
            speaker, mention = _speaker_of(candidate.holder, candidate.mention, self.people, offset)
            self.emit(start, end, "stance", _Cue(candidate.sentence, candidate.cue, speaker, mention, (start, end),
                                                 candidate.token, kind="stance"))


ELISION = " … "


def _elided(before: str, after: str) -> str:
    """The words of a quote its attribution interrupts, without the attribution: the span
    runs across it ('"A," she said. "B."'), the text reads "A … B", as an editor marks a cut
    (the comma that closed A belonged to the attribution)."""
    return before.rstrip(" ,") + ELISION + after


def quote_pieces(quote: Quote, body: str) -> list[tuple[int, int]]:
    """Character ranges of the words a quote holds: its span, or - where an attribution
    interrupts it ("A … B") - the pieces on either side of the cut, without the attribution."""
    if ELISION not in quote.text:
        return [(quote.start, quote.end)]
    pieces, at = [], quote.start
    for part in quote.text.split(ELISION):
        found = body.find(part, at, quote.end) if part else -1
        if found < 0:  # (not cut from this body: the span is all there is)
            return [(quote.start, quote.end)]
        pieces.append((found, found + len(part)))
        at = found + len(part)
    return pieces


# A dateline opening a paragraph: "WASHINGTON (AP) — ", "CAMBRIDGE, Mass., Dec. 11 (UPI) — ",
# "ASTANA, Oct 6 - " (a place of up to three words in capitals).
_DATELINE = re.compile(r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}(?:, [A-Z][a-z]+\.?(?: [A-Z][a-z]+\.?)?)?"
                       r"(?:, [A-Z][a-z]{2,}\.? \d{1,2})?(?: \([^)\n]{1,40}\))?[ \u00a0]*[-—–]{1,2}[ \u00a0]+(?=\S)")


_NAME = r"[A-Z][\w.'’-]*(?: (?:[A-Z][\w.'’-]*|de|van|von|al|bin|la|le)){0,4}"


_DASH = re.compile(r"[\s\u00a0]*[―—–]\s*(" + _NAME + r")\b")


# (After a kicker: "EXCLUSIVE – Roger Stone: ...".)
_LABEL = re.compile(r"(?:[A-Z]{3,}[ \u00a0]+[–—-][ \u00a0]+)?[\"“]?(" + _NAME + r"):[ \u00a0]+(?=\S)")


_DASH_LABEL = re.compile(r"[ \u00a0][–—-][ \u00a0]+(" + _NAME + r"(?: and " + _NAME + r")?):[ \u00a0]*[“\"]")


_NOT_LABELS = {
    "update", "updated", "note", "editor", "editors", "photo", "photos", "video", "videos", "watch",
    "related", "read", "correction", "advertisement", "q", "a", "caption", "credit", "credits",
    "image", "images", "listen", "see", "also", "more", "breaking", "exclusive", "live", "warning",
    "transcript", "full", "source", "sources", "via", "tags", "topics", "share", "follow",
    "subscribe", "sign", "click", "contact", "email", "tel", "phone", "fax", "date", "time",
    "location", "where", "when", "what", "why", "how", "who", "question", "answer", "summary",
    "background", "disclosure", "disclaimer", "pictured", "above", "below", "top", "here", "there",
    "this", "that", "these", "those", "and", "but", "so", "then", "first", "second", "third",
    "finally", "plus", "bonus", "the", "in", "on", "at", "for", "by", "with", "from", "to", "of",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "part", "chapter", "step", "option", "rule", "lesson",
    "reason", "fact", "myth", "truth", "verdict", "result", "results", "bottom", "key", "look",
    "clarification", "editor's", "corrections", "opinion", "analysis", "report",
    # credit lines: "Contributing: Iris Ouyang, Thomas Vogel", "Reporting: ..."
    "contributing", "contributors", "reporting", "edited", "produced", "compiled",
    # a kicker, the writer's cry before a headline: "BUSTED: Emails Reveal ...", "Wow: Al Sharpton ..."
    "wow", "whoa", "boom", "busted", "bombshell", "shocking", "shock", "oops", "yikes", "ouch", "huge",
    "must-see", "finally", "epic", "hilarious", "unreal", "incredible", "stunning",
}


_SAID_NEXT = re.compile(r"[\"”’'\s]*(?:he\s+|she\s+|they\s+|(?:[A-Z][\w.’'-]*\s+){1,3})"
                        r"(?:said|says|asked|replied|added|answered|wrote|writes|tweeted)\b"
                        r"|[\"”’'\s]*(?:said|says|asked|replied|added|answered|wrote|writes|tweeted)\b")


_SAID_BEFORE = re.compile(r"\b(?:said|says|replied|answered|added)[,:]?\s*[\"“‘']*$")


def _one_word_answer(text: str, start: int, end: int) -> bool:
    """A one-word quotation that is an answer, not a scare-quoted word: 'Priebus said,
    "Probably."', '"Savage," she said'."""
    word = text[start:end].strip()
    if not re.fullmatch(r"[A-Z][\w’'-]*[.,!?]", word):
        return False
    return bool(_SAID_BEFORE.search(text[max(0, start - 20):start]) or
                (word[-1] == "," and _SAID_NEXT.match(text, end)) or word[-1] in ".!?")


def _introduced_paragraphs(text: str, sentences, cues: dict[int, list[_Cue]]) -> dict[int, _Cue]:
    """'In a speech last July, he said:' ending a paragraph introduces the next one as what
    was said. An unquoted paragraph becomes the cue's (direct) content; for one that opens
    with a quotation mark, the returned map (position of the mark -> cue) lets the quote
    find its attribution."""
    marks: dict[int, _Cue] = {}
    data = cue_data()
    for number, (_, end, sentence, _) in enumerate(sentences):
        if not sentence.text.rstrip().endswith(":"):
            continue
        cue = next((c for c in reversed(cues[number]) if c.speaker and c.content is None and c.token is not None
                    and c.token.lemma_.lower() in data["verbs"] | data["quote_verbs"]), None)
        if cue is None:
            cue = _inverted_introduction(text, sentences[number][0], end, number)
        gap = re.compile(r"[ \t\u00a0]*\n\s*").match(text, end)
        if cue is None or not gap:
            continue
        block = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*").match(text, gap.end())
        if not block:
            continue
        if text[block.start()] in "\"“„«'‘":
            marks[block.start()] = cue
        else:
            cue.content, cue.kind = (block.start(), block.start() + len(block.group(0).rstrip())), "direct"
    return marks


def _reporting_form(word: str) -> bool:
    """Whether ``word`` is the past tense of a verb of saying ("Stated", "Continued", "Replied")."""
    data = cue_data()
    verbs = data["verbs"] | data["quote_verbs"]  # (quote_verbs: "continued", which reports only quotations)
    return word.lower().endswith("ed") and any(stem in verbs for stem in verb_stems(word))


def _inverted_introduction(text: str, start: int, end: int, number: int) -> _Cue | None:
    """"Stated Stone:" - a verb of saying before its speaker - ending a paragraph (the parser
    reads the verb as a name and finds no cue)."""
    found = re.fullmatch(r"([A-Z][a-z]+) (" + _NAME + r"):", text[start:end].strip())
    if not found or not _reporting_form(found.group(1)):
        return None
    at = start + len(text[start:end]) - len(text[start:end].lstrip())
    speaker = (found.group(2), at + found.start(2), at + found.end(2))
    return _Cue(number, found.group(1), speaker, speaker[1:], None)


def _interview_paragraphs(text: str):
    """(label range, content range) for each "Q: ..." and "A: ..." paragraph of an interview
    (an article with both)."""
    found = [(m.start(1), m.end(1), m.start(2), m.start(2) + len(m.group(2).rstrip()))
             for m in re.finditer(r"(?m)^(Q|A|Question|Answer)\s*[:.][ \t\u00a0]+(\S[^\n]*)", text)]
    if not ({text[s].upper() for s, *_ in found} >= {"Q", "A"}):
        return
    for start, end, content_start, content_end in found:
        yield (start, end), (content_start, content_end)


def _names_no_one(words: list[str], verbs) -> bool:
    """Whether the lower-cased words before a label's colon are no speaker: "UPDATE:", or a
    headline with a verb ("Trump Says:")."""
    # (A form of "be" says a headline too: "FIX IS IN: PBS Moderators Ignore ...".)
    return words[0] in _NOT_LABELS or any(w in verbs or w.rstrip("s") in verbs or w in _BE for w in words)


_BE = {"is", "are", "was", "were", "isn't", "aren't", "wasn't", "weren't"}


def _labelled_paragraphs(text: str):
    """(speaker, content range, cue mark) for paragraphs that are a label and what it said
    ("PENCE: Well, ...", "Poll: Wealthy Voters ..."), and for a round-up's "HEADLINE - Name:
    “...”" (only the quotation)."""
    verbs = cue_data()["all_verbs"]
    for para in re.finditer(r"[^\n]+", text):
        line, base = para.group(0), para.start()
        label = _LABEL.match(line)
        if not label or len(line[label.end():].split()) < 3:
            continue
        words = label.group(1).lower().split()
        name_start = base + label.start(1)
        if len(words) > 1 and _reporting_form(words[0]):  # "Continued Stone: ..."
            name_start += len(words[0]) + 1
            words = words[1:]
        titled = words[0].rstrip(".") in role_data()["titles"]  # "Dr. Ben Carson: ..."
        if _names_no_one(words, verbs) or (len(words) > 2 and not label.group(1).isupper() and not titled):
            continue  # "UPDATE:", a headline "Veto Power Impedes Peace Efforts:", "Trump Says:"
        start, end = _inside_marks(line, label.end(), len(line.rstrip()))  # ('Continued Stone: “So I think ...”')
        while end > start and line[end - 1] in "\"”' .":
            end -= 1
        yield ((text[name_start:base + label.end(1)], name_start, base + label.end(1)), (base + start, base + end), ":")
    # In a round-up, a headline, a dash and who said it: "IOWA POLLS NOT NECESSARILY WRONG - Mark
    # Blumenthal and Jon Cohen: “Although the polls failed ...” [HuffPost.]".
    for found in _DASH_LABEL.finditer(text):
        if _names_no_one(found.group(1).lower().split(), verbs):
            continue
        line_end = text.find("\n", found.end())
        line_end = len(text) if line_end < 0 else line_end
        close = max(text.rfind("”", found.end(), line_end), text.rfind('"', found.end(), line_end))
        if close <= found.end() or len(text[found.end():close].split()) < 3:
            continue
        yield ((found.group(1), found.start(1), found.end(1)), (found.end(), close), ":")


def _inside_marks(line: str, start: int, end: int) -> tuple[int, int]:
    """``line[start:end]`` without its quotation marks when it is one quotation ("‘I Think She
    Will.’"), else as it is ("‘Of Course’ Clinton Is Qualified")."""
    spans = quoted_spans(line[start:end])
    if spans and spans[0][0] == 1 and spans[0][1] >= end - start - 2:
        return start + 1, start + spans[0][1]
    if end - start > 2 and line[start] in "'\"" and line[end - 1] == line[start]:
        return start + 1, end - 1  # (straight single quotes, which quoted_spans leaves to apostrophes)
    return start, end


@lru_cache(maxsize=1)
def _work_words():
    """(a work named right before a quotation: 'his memoir, "', 'the podcast "'; its maker
    right after one: '" host', '," star')."""
    works = "|".join(sorted(map(re.escape, cue_data()["titled_works"]), key=len, reverse=True))
    return (re.compile(r"\b(?:" + works + r")s?(?: \([^)\n]{1,30}\))?,?\s*(?:''|[\"“‘'])+$", re.I),
            re.compile(r"[,.]?(?:''|[\"”’'])+\s+(?:star|host|creator|author|actor|actress|co-star|writer|director|"
                       r"producer)s?\b", re.I))


# "Gillibrand on Hillary Releasing Her Speech Transcripts: ...", "Former AG Mukasey at RNC: ...".
_HEADLINE_LABEL = re.compile(r"(" + _NAME + r") (?i:(on|about)|to|at) [^:\n]{2,80}?:[ \u00a0]+(?=\S)")


def _headline_labels(text: str):
    """(speaker, content range, cue mark) for a one-line paragraph of a headline's length that
    opens with a name, "to" or "at" someone or somewhere, a colon and what was said, or "on" or
    "about" something, a colon and words quoted (the caller checks that the name is a person
    the article names, or a title)."""
    verbs = cue_data()["all_verbs"]
    for para in re.finditer(r"[^\n]+", text):
        line, base = para.group(0), para.start()
        label = _HEADLINE_LABEL.match(line)
        if not label or len(line.split()) > 30 or len(line[label.end():].split()) < 2 or \
                _names_no_one(label.group(1).lower().split(), verbs):  # "Follow X on Twitter: @X"
            continue
        if label.group(2) and not re.search(r"(?:^|\s)(?:''|[\"“‘'«])\w", line[label.end():]):
            # On a topic, only words quoted are what was said ("Obama on Climate Change: The Trends
            # Are 'Terrifying.'"), not a headline about it ("Trump On Defense: Campaign Shifts ...").
            continue
        start, end = _inside_marks(line, label.end(), len(line.rstrip()))  # "...: ‘I Think She Will.’"
        while end > start and line[end - 1] in " .":
            end -= 1
        yield (label.group(1), base + label.start(1), base + label.end(1)), (base + start, base + end), ":"


def _interrupted_by(text: str, start: int, end: int, cue: _Cue, sentences, cues: dict[int, list[_Cue]],
                    over_paragraph: bool = False) -> bool:
    """Whether ``text[start:end]``, between two quoted passages, is only their attribution:
    in the middle of a sentence ('," she said, "', '," said X, a Y at Z, "') or between two
    sentences of one statement ('"A," she said. "B."', '"A?" he asked on "Meet the Press."
    "B."': attribution corpora keep A and B as one quote). With ``over_paragraph`` (B has no
    attribution of its own), also when B opens the next paragraph: '"A," said X.¶"B."'."""
    gap = text[start:end]
    if len(gap) > 300 or cue.token is None or "\n" in gap and not (
            over_paragraph and gap.count("\n") <= 2 and re.search(r"\n[\s\"“”„«»‘’']*$", gap)):
        return False
    tail = re.sub(r"[\s\"“”„«»‘’']+$", "", gap)
    if not tail.endswith((",", ";", ":", "—", "–", "-", "but", "and", ".")):
        return False
    offset = sentences[cue.sentence][3]  # of the cue's paragraph
    at = offset + cue.token.idx
    if not (start <= at < end and start <= cue.mention[0] < end):
        return False
    # Only the attribution's own sentence lies between: '"A," she said. He paused. "B."'
    # is two quotes.
    after = text[sentences[cue.sentence][1]:end]
    if after.strip("\"“”„«»‘’' \n\u00a0"):
        return False
    # '"A," he said, adding, "B."' (also "..., and then predicted: "B"", "though he said, "B""):
    # B has an attribution of its own, the second verb of the same speaker; two quotes.
    if any(other is not cue and other.token is not None and other.token.i > cue.token.i
           and other.speaker is not None and other.speaker[1:] == cue.speaker[1:]
           and other.token.lemma_.lower() in cue_data()["verbs"]
           and start <= offset + other.token.idx < end
           and re.fullmatch(r"[\s,:\"“”„«»‘’']*", text[offset + other.token.idx + len(other.token.text):end])
           for other in cues.get(cue.sentence, [])):
        return False
    # '"A," Christie said, adding that he had fought for bills. "B."': the sentence between
    # reports something else as well; A and B stay apart and that report is kept.
    return not any(other is not cue and other.content and start <= other.content[0] and other.content[1] <= end
                   and other.token is not None and other.token.lemma_.lower() in cue_data()["verbs"]
                   and any(c.dep_ == "ccomp" for c in other.token.children)
                   for other in cues.get(cue.sentence, []))
