"""Every attribution in a sentence: cue verbs, nouns and adjectives with their speaker and
content, and the patterns a parse alone misses ("according to X", "in X's view", headlines)."""

from __future__ import annotations

from dataclasses import dataclass

from .content import (_asked, _before_phrase, _content, _coordinated_gerund, _edges, _elaboration, _has_cue,
                      _noun_cue, _predicate_content, _someone_else_s_clause, _sourceless_passive, _stranded_clause,
                      _that_clause, _trailing_cue, _without_attribution)
from .lexicon import cue_data, verb_stems
from .speakers import _agent, _by_whom, _can_speak, _People, _RELATIVE, _speaker_of, _subject, _surname_before


@dataclass
class _Cue:
    """One attribution found in a sentence, in article coordinates."""

    sentence: int
    text: str  # the cue as written: the verb, or the phrase ("according to")
    speaker: tuple[str, int, int] | None  # who speaks (a pronoun resolved to a name when possible)
    mention: tuple[int, int] | None  # the speaker as written in this attribution ("he", "who", "officials")
    content: tuple[int, int] | None  # what was said, when the parse shows it
    token: object = None  # the cue word (verb, noun or adjective), if any
    used: bool = False
    kind: str = "indirect"  # of its content, when no quotation marks say otherwise


def _depth(token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token = token.head
        depth += 1
    return depth


_HEARSAY = {"reportedly", "allegedly", "purportedly", "supposedly", "reputedly"}
_VIEW_NOUNS = {"view", "opinion", "estimation", "word", "assessment", "judgment", "judgement", "mind", "eye", "telling"}


_FINAL_CUES = {"show", "shows", "showed", "indicate", "indicates", "indicated", "suggest", "suggests", "suggested"}


def _in_someone_s_view(number: int, sentence, inside: set[int], people: _People, offset: int) -> list[_Cue]:
    """ "In Ash's view, the change would ...", "The ferry, in the mayor's words, was ...": like
    "according to Ash", the clause is theirs."""
    out = []
    for prep in sentence:
        view = next((o for o in prep.children if o.dep_ == "pobj" and o.lemma_.lower() in _VIEW_NOUNS), None)
        if prep.lower_ != "in" or prep.dep_ != "prep" or view is None or prep.i in inside:
            continue
        holder = next((c for c in view.children if c.dep_ == "poss"), None)
        own = {t.i for t in prep.subtree}
        content = _edges(t for t in prep.head.subtree if t.i not in own)
        if holder is None or not _can_speak(holder) or content is None or prep.head.pos_ not in ("VERB", "AUX"):
            continue
        speaker, where = _speaker_of(holder, holder, people, offset)
        out.append(_Cue(number, prep.text + " " + view.text, speaker, where, (content[0] + offset, content[1] + offset), prep))
    return out


def _final_cue(number: int, sentence, inside: set[int], people: _People, offset: int, found: list[_Cue]) -> list[_Cue]:
    """ "..., campaign finance records show.": what comes before the comma is the records'
    finding, however the parser read "show" (as a noun, or as a verb with no clause)."""
    words = [t for t in sentence if not (t.is_punct or t.is_space)]
    last = words[-1] if words else None
    if last is None or last.lower_ not in _FINAL_CUES or last.i in inside or \
            any(c.token is not None and c.token.i == last.i and c.content for c in found):
        return []
    comma = next((t.i for t in reversed(sentence[:last.i - sentence.start]) if t.text == ","), None)
    if comma is None or not 1 <= last.i - comma - 1 <= 5 or comma - sentence.start < 4:
        return []
    holder = last.doc[last.i - 1]
    content = _edges(last.doc[sentence.start:comma])
    if holder.pos_ not in ("NOUN", "PROPN") or not _can_speak(holder) or content is None:
        return []
    speaker, where = _speaker_of(holder, holder, people, offset)
    return [_Cue(number, last.text, speaker, where, (content[0] + offset, content[1] + offset), last)]


def _headline_verb(word: str) -> str | None:
    """The cue verb a headline's present tense spells ("blasts", "rebuffs", "praises",
    "denies"), or None."""
    verbs = cue_data()["all_verbs"]
    if not word.lower().endswith("s") or len(word) < 4:
        return None
    return next((stem for stem in verb_stems(word) if stem in verbs), None)


def _headline_cue(number: int, sentence, inside: set[int], people: _People, offset: int, found: list[_Cue]) -> list[_Cue]:
    """ "London's mayor rebuffs Trump on 'exception' to ban", "Biden, stumping for Clinton,
    trashes Trump": headline-ese, where the tagger reads the verb as a noun and the parse has
    a verb elsewhere ("Clinton blasts Trump": "trump"). The words before the verb (after a
    comma) are who, those after it what."""
    doc = sentence.doc
    words = [t for t in sentence if not (t.is_punct or t.is_space)]
    # (A headline: one short sentence, the whole paragraph, with no cue found; or a sentence
    # that opens with the name of someone the article names: "Trump claims he's worth $10
    # billion. Would a real billionaire ...")
    named = len(words) > 1 and words[0].pos_ in ("PROPN", "NOUN") and people.is_name(words[0]) and \
        _headline_verb(words[1].text) is not None
    if found or not 3 <= len(words) <= 20 or len(doc) - len(sentence) > 2 and not named:
        return []
    verbs = cue_data()["all_verbs"]
    for token in words[1:-1]:
        lemma = _headline_verb(token.text)
        if lemma is None and token.lower_ in verbs and doc[token.i - 1].lower_.endswith("s"):
            lemma = token.lower_  # "Rose Bowl skywriters blast Trump"
        if lemma is None or token.i in inside or doc[token.i + 1].lower_ == "of" or \
                token.dep_ in ("nsubj", "nsubjpass") and token.head.i > token.i and token.head.pos_ == "VERB" \
                and not token.head.text[:1].isupper():
            # A plural noun: "Paris attacks test ...", "contrasts of"; not "X blasts Trump"
            # (a name read as the verb).
            continue
        comma = max((t.i for t in sentence if t.i < token.i and t.text in (",", ":", ";")), default=sentence.start - 1)
        holder = [t for t in doc[comma + 1:token.i] if not t.is_punct]
        if not holder and comma > sentence.start:  # "Biden, stumping for Clinton, trashes Trump"
            # (or "Clinton Wades In: Urges Britain to ...": the first mark may be a colon)
            first = next(t.i for t in sentence if t.text in (",", ":", ";"))
            holder = [t for t in doc[sentence.start:first] if not t.is_punct]
        head = next((t for t in reversed(holder) if t.pos_ in ("NOUN", "PROPN")), None)
        if head is None or head.i != holder[-1].i or any(
                t.pos_ in ("AUX", "ADP", "SCONJ", "PRON") or t.pos_ == "VERB" and (not t.text[:1].isupper() or t.tag_ == "VBG")
                for t in holder):  # (a name may be read as a verb: "Trump"; "Running a campaign shows" is no one)
            return []
        cue_end = token.i + 1
        if cue_end < sentence.end and doc[cue_end].pos_ == "ADP" and doc[cue_end].lower_ in \
                cue_data()["content_preps"] | {"on", "to", "for", "at"}:
            cue_end += 1  # "calls for", "hints at", "calls on"
        stop = next((t.i for t in doc[cue_end:sentence.end] if t.text == ";"), sentence.end)
        content = _edges(doc[cue_end:stop])
        if content is None:
            return []
        speaker, where = _speaker_of(head, head, people, offset)
        return [_Cue(number, doc[token.i:cue_end].text, speaker, where, (content[0] + offset, content[1] + offset), token)]
    return []


def _cues(number: int, sentence, inside: set[int], people: _People, offset: int) -> list[_Cue]:
    """Every attribution in ``sentence`` whose cue lies outside the quoted token indices
    ``inside``. Attributions nested in another's content are left out: "Clinton said Trump
    claimed ..." is Clinton's.

    In order, each pass leaving alone a cue inside a content found before: cue verbs
    (outermost first), "X is sure that" / "X is a critic of", cue nouns, findings "in the
    poll", "reportedly", then the patterns a parse alone misses (`_in_someone_s_view`,
    `_final_cue`, `_headline_cue`, "according to X")."""
    found = _SentenceCues(number, sentence, inside, people, offset)
    found.verbs()
    found.predicates()
    found.nouns()
    found.drop_nested()
    found.poll_findings()
    found.hearsay()
    found.whole_clause_cues()
    found.phrases()
    return found.found


class _SentenceCues:
    """The attributions of one sentence found so far, and the contents they took."""

    def __init__(self, number: int, sentence, inside: set[int], people: _People, offset: int):
        self.number, self.sentence, self.inside, self.people, self.offset = number, sentence, inside, people, offset
        self.found: list[_Cue] = []
        self.taken: list[tuple[int, int]] = []  # character ranges of the contents found so far

    def take(self, token, speaker, where, content: tuple[int, int]) -> None:
        """Record the attribution ``token`` cues, its content in paragraph coordinates."""
        self.taken.append(content)
        self.found.append(_Cue(self.number, token.text, speaker, where,
                               (content[0] + self.offset, content[1] + self.offset), token))

    def taken_at(self, at: int) -> bool:
        """Whether paragraph position ``at`` lies in a content found already."""
        return any(a <= at < b for a, b in self.taken)

    def _without_cues_inside(self, content: tuple[int, int]) -> list[_Cue]:
        """The cues found so far less those whose content lies inside ``content`` (a cue
        inside what a view, a finding or "according to X" holds is part of it)."""
        return [c for c in self.found if not (c.content and content[0] <= c.content[0] and c.content[1] <= content[1])]

    def _quotation(self, cue: _Cue) -> bool:
        """Whether what ``cue`` reports is a quotation (its words all inside quotation marks)."""
        if cue.token is None or not cue.content:
            return False
        words = [t for t in self.sentence if cue.content[0] <= self.offset + t.idx < cue.content[1] and t.is_alpha]
        return bool(words) and all(t.i in self.inside for t in words)

    def verbs(self) -> None:
        """Cue verbs: listed ones, unlisted ones with a "that" clause or casting their object as
        something quoted, and those that introduce or read a quotation next to them."""
        sentence, inside, people, offset = self.sentence, self.inside, self.people, self.offset
        data = cue_data()
        # (A verb the tagger read as a noun still has a verb's subject or auxiliary: "Trump did
        # post on Twitter that ...".)
        verbs = [t for t in sentence if t.i not in inside and t.lemma_.lower() in data["all_verbs"] and (
                 t.pos_ in ("VERB", "AUX") or t.pos_ == "NOUN" and any(c.dep_ in ("nsubj", "aux") for c in t.children))]
        # Verbs on no list that report a "that" clause ("he clarified that ...", "Walter Hewlett
        # sniped that ..."; `_that_clause`): only with a person or a body as subject (`_agent`).
        # (token index -> the words it reports)
        unlisted = {t.i: list(clause.subtree) for t in sentence if t.i not in inside and
                    t.lemma_.lower() not in data["all_verbs"] for clause in [_that_clause(t)] if clause is not None}
        # ("Reid has been pounding Trump as a "con artist"": the quotation is someone's words.)
        unlisted = {**_quoted_as(sentence, inside), **unlisted}
        verbs += [t for t in sentence if t.i in unlisted]
        introducing = _introducing_verbs(sentence, inside, unlisted)
        reading = _reading_verbs(sentence, inside)
        verbs += [t for t in sentence if t.i in introducing or t.i in reading]
        for token in sorted(verbs, key=_depth):
            if self.taken_at(token.idx) or _all_told(token):
                continue
            subject, mention = (reading[token.i],) * 2 if token.i in reading else _subject(token, inside)
            if subject is None:
                subject = mention = _surname_before(token, inside, people)
            if token.i in unlisted:
                if subject is not None and _agent(subject):
                    speaker, where = _speaker_of(subject, mention, people, offset)
                    self.take(token, speaker, where, _edges(unlisted[token.i]))
                continue
            if token.i in introducing or token.i in reading:
                if subject is not None and (token.i in reading or _agent(subject)):
                    speaker, where = _speaker_of(subject, mention, people, offset)
                    # (the quotation is its content)
                    self.found.append(_Cue(self.number, token.text, speaker, where, None, token))
                continue
            # "It is fair to say ...", "it is hard to imagine ...": the writer's, no one named.
            expletive = subject is not None and subject.lower_ == "it" and subject.head.lemma_.lower() == "be" and \
                subject.head.i != token.i
            # "Voters appear fatigued", "The race appears closer": the writer's judgement of the
            # subject, whoever it is (not "Clinton seemed to suggest that ...": hers; but "The
            # race appears to show ..." is no one's).
            judged = subject is not None and token.lemma_.lower() in data["raising_verbs"] and (
                not _can_speak(subject) or
                not any(c.dep_ == "xcomp" and c.lemma_.lower() in data["all_verbs"] for c in token.children))
            if expletive or subject is None or judged:
                content = _held_by_no_one(token, subject, expletive)
                if content:
                    # ("Asked by a reporter whether ..., X said": the one who asked is named.)
                    asker = next(iter(_by_whom(token)), None) if subject is None and token.tag_ == "VBN" else None
                    speaker, where = _speaker_of(asker, asker, people, offset) if asker is not None else (None, None)
                    self.take(token, speaker, where, content)
                continue
            if not _can_speak(subject) and not people.is_name(subject):
                continue
            self._spoken(token, subject, mention)

    def _spoken(self, token, subject, mention) -> None:
        """What the cue verb ``token`` reports of ``subject``: its content, or a cue with
        nothing reported of its own (a quotation nearby may be what it says)."""
        sentence, inside, offset = self.sentence, self.inside, self.offset
        speaker, where = _speaker_of(subject, mention, self.people, offset)
        skip = {t.i for t in subject.subtree} if subject.i < token.i else set()
        content = _content(token, skip)
        if content is not None and subject.i < token.i and content[0] < subject.left_edge.idx < content[1] and \
                subject.right_edge.idx + len(subject.right_edge.text) >= content[1]:
            # "X have been placed in storage, Patrick F. Kennedy, the undersecretary, wrote": the
            # parser hung the speaker on the end of what he wrote; it is not part of it.
            content = _edges(t for t in sentence if content[0] <= t.idx < subject.left_edge.idx)
        if content is not None:
            content = _coordinated_gerund(token, _elaboration(token, content))
        if content is None and token.lemma_.lower() not in cue_data()["general_verbs"]:
            return  # "saw a rise", "feel good": no attribution
        # "China said it was opposed to the test and warned ...", "Analysts said X,
        # citing Y": the parser hangs the second cue inside the first one's clause; it is
        # the same speaker's second attribution.
        chain = [token]
        while content:
            second = _trailing_cue(chain[-1], content, inside)
            if second is None:
                break
            cut = _edges(t for t in sentence if content[0] <= t.idx < second.left_edge.idx)
            if cut is None:
                break
            self.take(chain[-1], speaker, where, cut)
            chain.append(second)
            content = _content(second, set())
        if content:
            other = _someone_else_s_clause(chain[-1], content, inside)
            if other is not None:
                content = _edges(t for t in sentence if content[0] <= t.idx < other.idx) or content
            self.take(chain[-1], speaker, where, _stranded_clause(chain[-1], content) or content)
        else:
            self.found.append(_Cue(self.number, chain[-1].text, speaker, where, None, chain[-1]))

    def predicates(self) -> None:
        """ "X is sure that ...", "X was critical of ...", "X is a staunch opponent of ..." """
        data = cue_data()
        for token in self.sentence:
            if token.i in self.inside or token.dep_ not in ("acomp", "attr") or \
                    token.head.lemma_.lower() not in data["copulas"] or \
                    token.lemma_.lower() not in data["adjectives"] | data["role_nouns"] or \
                    self.taken_at(token.idx):
                continue
            subject, mention = _subject(token.head, self.inside)
            content = _predicate_content(token)
            if subject is None or not _can_speak(subject) or subject.lower_ == "it" or content is None:
                continue
            speaker, where = _speaker_of(subject, mention, self.people, self.offset)
            self.take(token, speaker, where, content)

    def nouns(self) -> None:
        """Cue nouns: "his claim that ...", "her criticism of ...", "questions about ..." """
        data = cue_data()
        nouns = [t for t in self.sentence if t.i not in self.inside and t.pos_ == "NOUN"
                 and t.lemma_.lower() in data["noun_cues"] and not self.taken_at(t.idx)]
        for token in nouns:
            subject, content = _noun_cue(token, self.inside)
            if content is None:
                continue
            if subject is None or not _can_speak(subject):
                if token.lemma_.lower() in data["open_nouns"]:
                    self.take(token, None, None, content)  # a question no one named asks
                continue
            speaker, where = _speaker_of(subject, subject, self.people, self.offset)
            self.take(token, speaker, where, content)

    def drop_nested(self) -> None:
        """ "If the law conflicts, Rubio said, Christians must ignore the law": a cue inside
        another cue's content (here the parenthetical's) is part of what that one reports."""
        offset, found = self.offset, self.found
        self.found = [c for c in found if c.token is None or not any(
            o is not c and o.content and c.content and o.content[0] <= offset + c.token.idx < o.content[1]
            and o.content[0] <= c.content[0] and c.content[1] <= o.content[1] for o in found)]

    def poll_findings(self) -> None:
        """ "Clinton led Trump by 8 points in the survey": what the poll found."""
        for prep in self.sentence:
            if prep.lower_ != "in" or prep.dep_ != "prep" or prep.i in self.inside or \
                    prep.head.pos_ not in ("VERB", "AUX") or \
                    any(c.token is not None and c.token.i == prep.head.i for c in self.found):
                continue
            poll = next((o for o in prep.children if o.dep_ == "pobj" and o.lower_ in cue_data()["poll_nouns"]), None)
            if poll is None or self.taken_at(prep.idx):
                continue
            own = {t.i for t in prep.subtree}
            rest = [t for t in prep.head.subtree
                    if t.i not in own and (t.i < prep.i if prep.i > prep.head.i else t.i > prep.i)]
            subjects = [t for t in rest if t.dep_ in ("nsubj", "nsubjpass") and t.head.i == prep.head.i]
            # A finding says who did what: "the polls ... plummeted", "who leads in the polls" say too little.
            if not subjects or subjects[0].lower_ in _RELATIVE or sum(not t.is_punct for t in rest) < 4:
                continue
            content = _edges(rest)
            if content is None:
                continue
            speaker, where = _speaker_of(poll, poll, self.people, self.offset)
            self.take(prep, speaker, where, content)

    def hearsay(self) -> None:
        """ "The FBI is reportedly making arrangements to ...": a report of no one named."""
        for adverb in self.sentence:
            if adverb.lower_ not in _HEARSAY or adverb.dep_ != "advmod" or adverb.i in self.inside or \
                    adverb.head.pos_ not in ("VERB", "AUX") or self.taken_at(adverb.idx):
                continue
            content = _edges(t for t in adverb.head.subtree if t.i != adverb.i)
            if content is not None:
                self.take(adverb, None, None, content)

    def whole_clause_cues(self) -> None:
        """Views ("in Ash's view"), findings at a sentence's end and headline verbs: what they
        hold is theirs, and a cue inside it is part of it."""
        number, sentence, inside, people, offset = self.number, self.sentence, self.inside, self.people, self.offset
        for cue in _in_someone_s_view(number, sentence, inside, people, offset) + \
                _final_cue(number, sentence, inside, people, offset, self.found) + \
                _headline_cue(number, sentence, inside, people, offset, self.found):
            start, end = cue.content[0] - offset, cue.content[1] - offset
            if self.taken_at(start):
                continue
            self.taken.append((start, end))
            self.found = [c for c in self._without_cues_inside(cue.content)
                          if c.token is None or c.token.i != cue.token.i]
            self.found.append(cue)

    def phrases(self) -> None:
        """ "according to X", "in the words of X", ... (`phrases` in cues.toml): the first
        listed one the sentence holds gives the rest of it to the name or noun after it."""
        sentence, offset = self.sentence, self.offset
        low = sentence.text.lower()
        for phrase in cue_data()["phrases"]:
            at = low.find(phrase)
            if at < 0 or (at > 0 and low[at - 1].isalnum()):
                continue
            start_char = sentence.start_char + at + len(phrase)
            for token in sentence:
                if token.idx >= start_char and token.i not in self.inside and token.pos_ in ("PROPN", "NOUN", "PRON"):
                    head = token
                    # Up to the head of the name or noun phrase: "harbour officials", not "harbour".
                    while head.head.i != head.i and (head.head.pos_ == "PROPN" or head.dep_ == "compound") \
                            and head.head.i > head.i and head.head.i not in self.inside:
                        head = head.head
                    head = _author_of(head) or head  # "according to a tally by the AP": the AP's
                    speaker, where = _speaker_of(head, head, self.people, offset)
                    rest = _without_attribution(sentence, (head.text, where[0] - offset, where[1] - offset))
                    content = (rest[0] + offset, rest[1] + offset) if rest else None
                    if content:
                        # "X show(ed) / supported / is considering ..., according to Y": Y's
                        # attribution is what the sentence reports; a cue inside it is part of it
                        # - unless what that cue reports is a quotation: in '"...," Mr. Steele
                        # said, according to a video of his remarks' the words are his.
                        kept = {id(c) for c in self._without_cues_inside(content)}
                        # A cue whose content the parser ran on into the phrase ("X said little,
                        # according to an attendee"; "X is considering a plan ..., according to
                        # officials"): a verb of saying keeps its words up to the phrase - "Trump said
                        # he was 'happy to see' that ..., according to The New York Times" is
                        # Trump's, as the paper reports it; any other cue is part of Y's clause.
                        phrase_at = sentence.start_char + at  # paragraph coordinates
                        for c in self.found:
                            if id(c) in kept and c.content and c.token is not None and \
                                    content[0] <= c.content[0] < content[1] < c.content[1]:
                                if c.token.lemma_.lower() in cue_data()["as_cues"]:
                                    c.content = (c.content[0], _before_phrase(sentence.doc.text, phrase_at,
                                                                              c.content[0] - offset) + offset)
                                else:
                                    kept.discard(id(c))
                        self.found = [c for c in self.found if id(c) in kept or self._quotation(c)]
                    self.found.append(_Cue(self.number, phrase, speaker, where, content))
                    break
            break


def _all_told(token) -> bool:
    """ "All told, the groups spent $2.5 million": "all told" means in all; no one told anything."""
    doc = token.doc
    return token.lower_ == "told" and token.i > 0 and doc[token.i - 1].lower_ == "all" and \
        token.i + 1 < len(doc) and doc[token.i + 1].text == ","


def _author_of(noun):
    """Who made the report, count or analysis ``noun`` ("a tally by the Associated Press", "a
    report from Bloomberg", "a court document filed by the state attorney"), or None."""
    data = cue_data()
    if noun.lemma_.lower() not in data["reports"] and noun.lemma_.lower() not in data["tallies"]:
        return None
    preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from")]
    preps += [a for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN" for a in c.children if a.dep_ == "agent"]
    for prep in preps:
        author = next((p for p in prep.children if p.dep_ == "pobj"), None)
        if author is not None and (author.pos_ == "PROPN" or author.ent_type_ in ("ORG", "PERSON", "GPE", "NORP")
                                   or _can_speak(author) and author.pos_ == "NOUN" and
                                   author.lemma_.lower() not in data["reports"]):
            return author
    return None


def _quoted_as(sentence, inside: set[int]) -> dict:
    """Verbs on no cue list that cast their object as something quoted: "Merkel heralded the
    deal as a "breakthrough"", "Reid has been pounding Trump as a "con artist"", "PolitiFact
    rated 32% of claims as "false"": token index -> the tokens of object and "as" phrase."""
    data = cue_data()
    found = {}
    for token in sentence:
        if token.i in inside or token.pos_ != "VERB" or token.lemma_.lower() in data["all_verbs"]:
            continue
        obj = next((c for c in token.children if c.dep_ == "dobj" and c.i > token.i), None)
        if obj is None:
            continue
        as_phrase = next((c for c in list(token.children) + list(obj.children)
                          if c.dep_ == "prep" and c.lower_ == "as" and c.i > obj.i), None)
        if as_phrase is None or not any(t.i in inside for t in as_phrase.subtree):
            continue
        words = sorted({*obj.subtree, *as_phrase.subtree}, key=lambda t: t.i)
        if any(t.pos_ == "VERB" and t.lemma_.lower() in data["all_verbs"] for t in words):
            continue  # ("based his campaign on ..., portraying immigrants as "rapists"": the portrayal's)
        found[token.i] = words
    return found


def _held_by_no_one(token, subject, expletive: bool) -> tuple[int, int] | None:
    """The content of a cue verb no one in the sentence holds: "it is fair to say ..." (the
    writer's), "Asked about the merger, she ..." (what was asked), "she is expected to ..." (a
    view with no holder), "The race appears closer in Ohio" (the writer's judgement of the
    subject: the subject with its complement)."""
    if expletive:
        return _content(token, set())
    if subject is None:
        return _asked(token) if token.lemma_.lower() == "ask" and token.tag_ == "VBN" else _sourceless_passive(token)
    comps = [c for c in token.children if c.i > token.i and (
        c.dep_ in ("xcomp", "acomp", "attr", "ccomp", "oprd") or c.dep_ == "prep" and c.lower_ == "like")]
    # (Not a clause with an attribution of its own: "Another ally appeared to turn
    # its back on Moscow when Tokayev said ..." - what Tokayev said is his.)
    theirs = {t.i for c in comps[:1] for a in c.subtree if a.dep_ == "advcl" and a.i > c.i and _has_cue(a)
              for t in a.subtree}
    return _edges(t for c in [subject] + comps[:1] for t in c.subtree if t.i not in theirs) if comps else None


def _introducing_verbs(sentence, inside: set[int], unlisted) -> set[int]:
    """Verbs on no cue list that attribute a quotation next to them to their subject (the
    quotation is their content): one that introduces it with a colon ("Mr. Christie gloated:
    '...'", "then leaned in and boomed: '...'"); "put it" ("As The Post's Dana Milbank puts it,
    '...'", "Brandt put it bluntly: '...'"; not "put it on the agenda", "put it off"); one right
    after a quotation and its subject ('"...," Bennett shot back', '"...," Oliver barked')."""
    data = cue_data()
    doc = sentence.doc

    def after_quotation(subject) -> bool:
        # (A spoken sentence of four words or more, not a title: '"The Apprentice," Trump starred in'.)
        at = subject.left_edge.i - 1  # the closing mark
        if at - 1 <= sentence.start or not doc[at].is_quote or doc[at - 1].text not in (",", "!", "?"):
            return False
        words, k = 0, at - 1
        while k >= sentence.start and k in inside:
            words += doc[k].is_alpha
            k -= 1
        return words >= 4

    found = set()
    for t in sentence:
        if t.i in inside or t.pos_ != "VERB" or t.i in unlisted or t.lemma_.lower() in data["all_verbs"]:
            continue
        colon = t.i + 2 < sentence.end and doc[t.i + 1].text == ":" and doc[t.i + 2].is_quote
        # (Or a comma, from someone who can speak, before a spoken sentence - four words or more, opening
        # with a capital: "Hillary Clinton cracked, ''I'm a progressive ...''", not "She took her BlackBerry
        # everywhere she went, ''sending and receiving ...''", someone else's words.)
        comma = t.i + 3 < sentence.end and doc[t.i + 1].text == "," and doc[t.i + 2].is_quote and t.i + 3 in inside
        if comma:  # (the words are counted only for that shape: this loop sees every verb)
            quoted = [doc[k] for k in range(t.i + 3, sentence.end) if k in inside]
            comma = sum(w.is_alpha for w in quoted) >= 4 and quoted[0].text[:1].isupper() and any(
                c.dep_ == "nsubj" and c.i < t.i and _can_speak(c) for c in t.children)
        put_it = t.lemma_.lower() == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in t.children) \
            and not any(c.dep_ == "prt" or c.dep_ == "prep" and c.lower_ not in ("in", "at", "during")
                        for c in t.children)
        after = not any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "acomp", "oprd") and c.i > t.i
                        for c in t.children) and any(
            s.dep_ == "nsubj" and s.i < t.i and t.i - s.left_edge.i <= 6 and after_quotation(s) for s in t.children)
        if colon or comma or put_it or after:
            found.add(t.i)
    return found


def _reading_verbs(sentence, inside: set[int]) -> dict:
    """'"...," the email read.', "The sign read: '...'", '"...," read the email.': "read" with a
    written thing (`written`) as who speaks -> that thing (the tagger may read "the email read"
    as one noun, then the thing is its compound; after a quotation it may parse the thing as
    the object). "read" is no cue for a person ("I read the report")."""
    data = cue_data()
    reading = {}
    for t in sentence:
        if t.i in inside or t.lower_ not in ("read", "reads"):
            continue
        inverted = t.i > 0 and t.doc[t.i - 1].is_punct
        for c in t.children:
            if c.lemma_.lower() in data["written"] and (
                    c.dep_ == "nsubj" and t.pos_ == "VERB" and not any(o.dep_ == "dobj" for o in t.children)
                    or c.dep_ == "compound" and c.i == t.i - 1 or c.dep_ == "dobj" and c.i > t.i and inverted):
                reading[t.i] = c
    return reading
