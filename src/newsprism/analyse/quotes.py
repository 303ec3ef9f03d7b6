"""Quotes: who said what, from a dependency parse and the quotation marks.

Three kinds:

* **direct** - a quoted passage that is the sentence's content ("..." Tokayev said);
* **partial** - quoted words inside reported speech: the whole reported clause is the
  quote (saying the border has been "largely demarcated");
* **indirect** - reported speech without marks ("X said that ...", "The economy is
  growing, the minister said", "X denied the report", "X talked about ...",
  "according to X, ...").

Every cue verb of a sentence counts (lists in ``data/cues.toml``), not only the first:
its content is its clausal complement on either side of it, or - for some verbs - its
object with what follows it, or its prepositional object; an attribution inside another's
content is not a second one ("Clinton said Trump claimed ..." is Clinton's). Beliefs,
intentions and stances count too, as attribution corpora annotate them: verbs ("X wants
to ...", "X knows that ..."), nouns with a holder ("Trump's claim that ...", "her promise
to ...", "X voiced concern that ..."), predicates ("X is sure that ...", "X was critical
of ...", "X is an opponent of ..."), and the writer's "The race appears closer", which
has no speaker. Speakers come from the cue verb's subject (or the passive's agent, the
inverted subject of '"...," said X', the subject of the verb a "saying"/"and said"/"who
said" hangs from), "according to X", a label
("PENCE: ...", "Poll: ..."), a dash after the quote ('"..." ― Name'), or - for a run of
quoted sentences - the speaker of the quote before; "He said:" at a paragraph's end
gives the next paragraph. Pronouns ("he said") resolve to the last one quoted or named
before them that they can mean: "she" not to someone the article calls "Mr." or
"spokesman", nor to a plural group; "they" only to a group or body, never to one person
(read from the article only; no gender is guessed from first names).
``extract_attributions`` also gives where the speaker is mentioned in the attribution
itself ("he"), which attribution corpora annotate.

Quote marks of every common kind are handled (straight, curly, guillemets, low-9, two
apostrophes), and a quote that runs over paragraphs (no closing mark at a paragraph's end,
an opening one at the next) is one quote, as is a quote interrupted by its attribution,
mid-sentence ('"A," she said, "b."') or between sentences ('"A," she said. "B."': the comma
shows A was cut short; not when the sentence between reports more: '"A," she said, adding
that ... "B."'). A closing mark typed as an opening one ('... born.“') closes. Headlines
in title case are parsed in lower case, so that their verb is seen ("Lawmakers Rip Trump
As ...").

Measured on PolNeAR with ``bench/quotes.py`` (see bench/README.md).
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..model import Quote
from .entities import role_data
from .nlp import load_nlp


@lru_cache(maxsize=1)
def cue_data() -> dict:
    with resources.files("newsprism.analyse").joinpath("data/cues.toml").open("rb") as handle:
        data = tomllib.load(handle)
    out = {key: set(value) for key, value in data.items() if key != "phrases"}
    out["phrases"] = data["phrases"]
    out["general_verbs"] = out["verbs"] | out["object_verbs"] | out["prep_verbs"] | out["quote_verbs"]
    # ("make" only in "made it clear that ...": `clear_words`.)
    out["all_verbs"] = out["general_verbs"] | out["as_verbs"] | out["clause_verbs"] | {"make"}
    return out


# Opening mark -> the closing marks that may end it.
_PAIRS = {"“": "”\"", "„": "“”\"", "«": "»", '"': '"”', "‘": "’", "‹": "›", "”": "”"}


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each pair of quotation marks (marks excluded).

    Single quotes count only as ‘curly’ pairs around at least two words, so that
    apostrophes (Russia’s) never open a quote. Two apostrophes ('' ... '') are a double
    quote mark, as some wire copy writes it.
    """
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if text.startswith("''", i) and (i == 0 or not text[i - 1].isalnum()) and i + 2 < n \
                and not text[i + 2].isspace():
            j = i + 2
            while j < n:
                if text.startswith("''", j) and (j + 2 >= n or not text[j + 2].isalnum()):
                    break
                if text.startswith("\n\n", j):
                    k = j
                    while k < n and text[k] in "\n ":
                        k += 1
                    if text.startswith("''", k):
                        j = k + 2
                        continue
                    break
                j += 1
            if j < n and text.startswith("''", j):
                spans.append((i + 2, j))
                i = j + 2
            else:
                i += 2
            continue
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
        typo = False
        while j < n:
            if text[j] in closers and (j + 1 == n or not text[j + 1].isalnum() or text[j] != '"'):
                break
            if text[j] == "“" and ch in "“\"„" and not text[j - 1].isspace() and \
                    (j + 1 == n or text[j + 1].isspace() or text[j + 1] in ",.;:!?"):
                typo = True  # a typo'd closing mark: 'native born.“' after the words, not before them
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
        if j < n and (text[j] in closers or typo) and j - i > 1:
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
    if token.pos_ != "PROPN" or token.ent_type_ != "PERSON":
        # "Kazakhstan's President, Kassym-Jomart Tokayev, said": the name in apposition.
        for child in token.subtree:
            if child.dep_ == "appos" and child.pos_ == "PROPN" and 0 < child.i - token.i <= 8:
                token = child
                break
    if token.ent_type_ and token.ent_type_ not in ("PERCENT", "CARDINAL", "QUANTITY"):
        for ent in doc.ents:
            if ent.start <= token.i < ent.end:
                start = ent.start
                # The small model often leaves a first name out of the entity.
                while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i in range(start, ent.end):
                    start -= 1
                while start < ent.end - 1 and doc[start].lower_ in ("said", "says"):
                    start += 1  # 'Said Ellis: "..."' (the model reads "Said" as a first name)
                return doc[start:ent.end]
    left = token.i
    # Modifiers of the noun or of its modifiers: "Foreign policy analysts", not "policy analysts".
    while left > 0:
        before = doc[left - 1]
        if left - 1 < before.head.i <= token.i and before.lower_ not in ("said", "says") and \
                before.dep_ in ("compound", "det", "poss", "amod", "flat", "nummod", "quantmod"):  # (not 'Said Ellis')
            left -= 1
        elif before.dep_ == "case" and left > 1 and before.head.i == left - 2 and doc[left - 2].dep_ == "poss" \
                and left - 2 < doc[left - 2].head.i <= token.i:
            left -= 2  # "Trump's campaign"
        else:
            break
    right = token.i
    while right + 1 < len(doc) and doc[right + 1].head.i == token.i and doc[right + 1].dep_ in ("flat", "flat:name"):
        right += 1
    # "those who back her opponents": who they are is the name.
    if token.lower_ in ("those", "these"):
        clause = next((c for c in token.children if c.dep_ in ("relcl", "acl", "prep", "amod") and c.i > token.i), None)
        if clause is not None and clause.right_edge.i - token.i <= 8:
            right = clause.right_edge.i
    # "26 percent of Democrats", "many of her aides", "Nine of 10 workers": the group is part of the name.
    if (token.lower_ in cue_data()["partitive_nouns"] or token.pos_ == "NUM") and right + 2 < len(doc) \
            and doc[right + 1].lower_ == "of" \
            and doc[right + 1].head.i == token.i:
        group = next((t for t in doc[right + 1].children if t.dep_ == "pobj"), None)
        if group is not None:
            ends = [t.i - 1 for t in group.subtree if t.i > group.i and t.dep_ in ("relcl", "acl", "punct", "prep")]
            right = min(ends + [group.right_edge.i])
            if right - token.i > 8:
                right = group.i
    # "the President of Kazakhstan Kassym-Jomart Tokayev": a title's name comes after its "of".
    if token.lower_ in role_data()["titles"] and right + 2 < len(doc) and doc[right + 1].lower_ == "of" \
            and doc[right + 1].head.i == token.i:
        names = [t for t in doc[right + 1].children if t.dep_ == "pobj" and t.pos_ == "PROPN"]
        if names and sum(1 for t in names[0].subtree if t.pos_ == "PROPN") >= 3:
            right = names[0].right_edge.i
    return doc[left:right + 1]


def _can_speak(token) -> bool:
    """People, bodies and documents speak ("officials", "the poll", "a memo"); "the
    situation", "this perspective" or an empty "it seems" do not."""
    data = cue_data()
    if token.lower_ in ("those", "these") and any(c.dep_ in ("relcl", "acl", "prep", "amod") for c in token.children):
        return True  # "those who back her opponents say", "those close to him said"
    if token.lower_ in data["not_speakers"] or token.lemma_.lower() in data["not_speakers"]:
        return False
    if token.lower_ == "it" and token.head.lemma_.lower() in ("seem", "appear", "look", "sound"):
        return False
    if token.ent_type_ in ("DATE", "TIME"):  # "Thursday morning" parsed as a subject
        return False
    if token.head.lemma_.lower() in ("seem", "appear") and token.pos_ == "NOUN" and not token.ent_type_:
        return False  # "the expectation appears to ...": only someone seems to think or want
    if token.pos_ == "VERB" and token.dep_ == "nsubj" and token.text[:1].isupper() and (
            token.tag_ != "VBG" or not any(True for _ in token.children)):
        # "Trump further said ...", "Schilling describes himself as ...": the tagger reads the
        # name as a verb ("trump", "schille"); a gerund subject has words of its own ("Running
        # a campaign is ...").
        return True
    if token.lower_ in ("most", "many", "some", "few", "several", "half", "others", "all", "both"):
        return True  # "most said they were worried" (tagged as an adverb)
    return token.pos_ in ("PROPN", "NOUN", "PRON", "NUM", "ADJ", "DET") or bool(token.ent_type_)


class _People:
    """People named in a document, for resolving "he said" to the last one named before it
    that "he" can mean (outside quotations: a name inside a quote is not who is speaking).
    Whether a name is "he" or "she" is read from the article only (honorifics, role words,
    "X said she ..."); no guess from the first name."""

    def __init__(self, quoted: list[tuple[int, int]]):
        self.mentions: list[tuple[int, str, int, int]] = []
        self.subjects: list[tuple[int, str, int, int]] = []  # mentions that are a clause's subject
        self.speakers: list[tuple[int, str, int, int]] = []
        self.quoted = quoted
        self.offset = 0  # of the paragraph being read
        self.votes: dict[str, Counter] = defaultdict(Counter)  # surname -> how the text refers to them
        self.names: set[str] = set()  # surnames of people named
        self.plural: set[int] = set()  # where speakers that are groups ("Fishermen") start

    @staticmethod
    def _key(name: str) -> str:
        words = re.sub(r"['’]s$", "", name).split()
        return words[-1].lower() if words else ""

    def learn(self, ent) -> None:
        """How the text refers to the person ``ent`` names: an honorific or role word in its
        noun phrase ("Ms. White", "a spokeswoman, Anna White,"), or the pronoun subject of
        what they are said to have said ("Ayotte said she was appalled")."""
        data = cue_data()
        words = []
        for token in reversed(ent.doc[max(0, ent.start - 3):ent.start]):
            if token.is_punct and token.text != ".":
                break
            words.append(token.lower_.rstrip("."))
        root = ent.root
        if root.dep_ == "appos":
            words.append(root.head.lower_)
        words += [c.lower_ for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "nsubj":
            words += [s.lower_ for c in root.head.children if c.dep_ == "ccomp"
                      for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
        key = self._key(ent.text)
        self.names.add(key)
        for word in words:
            if word in data["male_words"] or word in ("he",):
                self.votes[key]["m"] += 1
            elif word in data["female_words"] or word in ("she",):
                self.votes[key]["f"] += 1

    def gender(self, name: str) -> str | None:
        votes = self.votes.get(self._key(name))
        if not votes:
            return None
        (best, n), *rest = votes.most_common()
        return best if not rest or n > rest[0][1] else None

    def saw_at(self, text: str, start: int, end: int, subject: bool = False) -> None:
        if text[:1].isupper() and text.lower() not in cue_data()["pronouns"] and \
                not any(a <= start < b for a, b in self.quoted):
            self.mentions.append((start, text, start, end))
            self.mentions.sort()
            if subject:
                self.subjects.append((start, text, start, end))
                self.subjects.sort()

    def spoke(self, text: str, start: int, end: int) -> None:
        if text[:1].isupper() and text.lower() not in cue_data()["pronouns"]:
            self.speakers.append((start, text, start, end))
            self.speakers.sort()

    def is_person(self, name: str) -> bool:
        """Whether ``name`` is (the surname of) a person named in the document."""
        return self._key(name) in self.names

    def most_named(self) -> tuple[str, int, int] | None:
        """The person the article names most often (by surname), at their first full mention."""
        counts = Counter(self._key(text) for _, text, _, _ in self.mentions)
        if not counts:
            return None
        key, _ = counts.most_common(1)[0]
        mentions = [m for m in self.mentions if self._key(m[1]) == key]
        full = max(mentions, key=lambda m: (len(m[1].split()), -m[0]))
        return (full[1], full[2], full[3])

    def named(self, speaker: tuple[str, int, int]) -> tuple[str, int, int]:
        """A speaker named by a label ("PENCE"): the full name of the person named before
        with that surname, if any, else the label itself."""
        name, start, _ = speaker
        if name.isupper() and len(name) > 2:
            for _, text, s, e in reversed(self.mentions):
                if text.split()[-1].upper() == name and s < start:
                    return (text, s, e)
        return speaker

    def resolve(self, token):
        if token.lower_ not in cue_data()["pronouns"]:
            return None
        data = cue_data()
        position = self.offset + token.idx
        pronoun = token.lower_
        if pronoun == "they":  # a group or body that spoke recently, never one person
            before = [m for m in self.speakers if position - 1500 < m[0] < position
                      and self._key(m[1]) not in self.names]
        else:
            want = "m" if pronoun in data["male_pronouns"] else "f" if pronoun in data["female_pronouns"] else None

            def fits(mention) -> bool:
                if mention[0] in self.plural:
                    return False  # "Fishermen said ... He said": not them
                name = mention[1]
                last = name.split()[-1] if name.split() else ""
                if re.fullmatch(r"[a-z]+[^su]s", last):
                    return False  # "Several Cruz associates" is not "she"
                return want is None or self.gender(name) in (None, want)
            # News convention: "he said" after a quote is the last one quoted, if recent,
            # unless someone has since been the subject of a sentence ('"...," the mayor said.
            # The harbour master, Tom Brandt, arrived later. He said ...'); otherwise the last
            # person named.
            before = [m for m in self.speakers if position - 1500 < m[0] < position and fits(m)]
            since = [m for m in self.subjects if m[0] < position and fits(m) and (not before or m[0] > before[-1][0])]
            before = since if before and since else before or \
                [m for m in self.mentions if m[0] < position and fits(m)]
        if not before:
            return None
        _, text, start, end = before[-1]
        return (text, start - self.offset, end - self.offset)  # paragraph coordinates, as the caller expects


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


_RELATIVE = {"who", "which", "that"}


def _depth(token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token = token.head
        depth += 1
    return depth


def _garden_path(token):
    """The main clause, for a cue verb the parser read as a participle of the subject before
    it: "Multiple outlets reported on Wednesday the Secret Service had ..." (parsed as
    "outlets [that were] reported ... had ..."); else None."""
    noun, clause = token.head, token.head.head
    if token.dep_ == "acl" and token.tag_ in ("VBD", "VBN") and token.i == noun.i + 1 and noun.dep_ == "nsubj" \
            and token.lemma_.lower() in cue_data()["verbs"] and \
            any(c.dep_ in ("nsubj", "nsubjpass") and c.i > token.right_edge.i for c in clause.children):
        return clause
    return None


def _subject(token, inside: set[int]):
    """The token that speaks for the cue verb ``token``: the passive's agent, the subject, or -
    for "..., saying ...", "and said", "who said" - the subject of the verb it hangs from.
    Returns (speaker token, mention token); they differ for a relative pronoun ("Pence, who
    said": Pence speaks, "who" is the mention)."""
    if token.lemma_.lower() == "ask" and token.tag_ == "VBN" and token.dep_ == "advcl":
        return None, None  # "Asked if ..., 46 percent said yes": they were asked; who asked is not said
    if _garden_path(token) is not None and token.head.i not in inside:
        return token.head, token.head
    agents = [p for c in token.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    if agents and not any(c.dep_ == "nsubj" for c in token.children):  # not "X said by email"
        return agents[0], agents[0]
    # "That attitude, many argue, could ...": the parser read "many" as a modifier of the verb.
    quantifier = next((c for c in token.children if c.dep_ in ("amod", "advmod", "npadvmod") and c.i == token.i - 1
                       and c.lower_ in ("many", "some", "most", "others", "few", "several", "critics")), None)
    if quantifier is not None and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        return quantifier, quantifier
    head, hops = token, 0
    while True:
        subjects = [c for c in head.children if c.dep_ == "nsubj" and c.i not in inside]
        if not subjects and any(c.dep_ == "auxpass" and c.lower_ in ("'s", "’s") for c in head.children):
            # "He's said he gets his ideas from ...": "has said", parsed as a passive.
            subjects = [c for c in head.children if c.dep_ == "nsubjpass" and c.i not in inside]
        if subjects:
            # (Two subjects are a misparse: the one nearest before the verb is its own -
            # "... for people ... to organize, she said".)
            before = [c for c in subjects if c.i < head.i]
            subject = before[-1] if len(subjects) > 1 and before else subjects[0]
            if subject.lower_ in _RELATIVE and head.dep_ == "relcl" and head.head.i not in inside:
                return head.head, subject
            return subject, subject
        if head.dep_ == "acl" and head.tag_ == "VBG" and head.head.pos_ in ("NOUN", "PROPN") and \
                head.head.i < head.i and head.head.i not in inside:
            if head.doc[head.i - 1].text == ",":
                # "he commended Tokayev for resisting pressures, alluding to ...": a participle
                # after a comma belongs to the clause's subject, wherever the parser hung it.
                verb = head.head
                while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                    verb = verb.head
                if verb.pos_ in ("VERB", "AUX") and verb.i not in inside:
                    return _subject(verb, inside)
            else:
                # "a super PAC backing Jeb Bush", "a statement saying ..."; "voters in all five
                # states supporting a ban": the voters, not the states.
                holder = head.head
                while holder.dep_ == "pobj" and holder.head.lower_ in ("in", "at", "from", "across", "around") \
                        and holder.head.head.pos_ in ("NOUN", "PROPN", "PRON") and holder.head.head.i not in inside:
                    holder = holder.head.head
                if holder.lemma_.lower() in cue_data()["works"] and holder.dep_ == "dobj":
                    # "The campaign issued a statement saying ...": the campaign's words.
                    author, mention = _subject(holder.head, inside)
                    if author is not None and _can_speak(author):
                        return author, mention
                return holder, holder
        if head.dep_ == "pcomp" and head.head.dep_ == "prep" and head.head.head.pos_ in ("VERB", "AUX") \
                and not (head.head.lower_ in ("for", "of") and any(c.dep_ == "dobj" for c in head.head.head.children)) \
                and not any(c.dep_ in ("nsubjpass", "nsubj") for c in head.children) \
                and hops < 3 and head.head.head.i not in inside:
            # "Trump pivoted to talking about trade", "launched his campaign by talking about ...";
            # "apologized for saying ..."; not "commended Tokayev for resisting ..." (Tokayev
            # resisted), "despite X being seen as".
            head, hops = head.head.head, hops + 1
            continue
        # ("Insiders were more likely to say ...": the subject of the verb the adjective hangs on.)
        if head.dep_ not in ("advcl", "xcomp", "conj", "acl", "acomp") or hops >= 3 or head.head.i in inside:
            break
        head, hops = head.head, hops + 1
    # Inversion after the words: '"...," wrote a Trump supporter' (parsed as an object).
    # "Trump further summed up Clinton as ..., denounced her record and said ...": the parser
    # made the first of the conjoined verbs an adverbial clause; its subject is theirs.
    # (Or a clausal complement, before a verb that cannot report one: "X summed up Y as ...,
    # denounced his record"; '"...," said X' has the clause before a verb of saying.)
    first = next((c for c in head.children if c.i < head.i and c.pos_ == "VERB" and c.i not in inside and (
                  c.dep_ == "advcl" or c.dep_ == "ccomp" and head.lemma_.lower() not in cue_data()["verbs"])
                  and not any(m.dep_ == "mark" or m.tag_ in ("WRB", "IN") and m.i < c.i for m in c.children)), None)
    if first is not None and head.head.i not in inside:
        subject = next((c for c in first.children if c.dep_ == "nsubj" and c.i not in inside), None)
        if subject is not None and subject.lower_ not in _RELATIVE:
            return subject, subject
    said_before = any(c.dep_ == "ccomp" and c.i < token.i for c in token.children) or \
        (token.i > 0 and token.doc[token.i - 1].is_punct) or \
        token.is_sent_start and token.text[:1].isupper()  # 'Said Ellis: "..."
    if said_before:
        for child in token.children:
            if child.i > token.i and child.dep_ in ("dobj", "npadvmod", "attr", "dep", "nsubjpass") \
                    and child.pos_ in ("PROPN", "NOUN") and child.i not in inside \
                    and not any(c.dep_ == "poss" for c in child.children):  # not "denounced her record"
                return child, child
        # '"The risk," said Edward Leamer, an economist, "is that ..."': the parser made the
        # name the subject of the quote's second half.
        if token.i + 1 < len(token.doc):
            name = token.doc[token.i + 1]
            while name.dep_ in ("compound", "det", "amod") and token.i < name.head.i <= token.i + 5:
                name = name.head
            if name.pos_ == "PROPN" and name.i not in inside and (
                    name.dep_ in ("nsubj", "appos") or token.is_sent_start and name.dep_ == "ROOT"):
                return name, name
    # '"...," Tulsa police Chief Chuck Jordan said Monday': the parser lost the name between
    # the quotation and the verb (here "Tulsa" read as a verb); it is the speaker.
    # So is a name the parser hung elsewhere right before the verb ("... of the Washington
    # Post Trump said that ...").
    doc = token.doc
    before = token.i - 1
    if doc[before].text == ")":  # "Sen. Elizabeth Warren (D-MA) said"
        opening = next((i for i in range(before - 1, max(before - 8, 0), -1) if doc[i].text == "("), None)
        before = opening - 1 if opening else before
    if before > 0 and doc[before].pos_ == "PROPN" and before not in inside and token.dep_ in ("ROOT", "conj", "ccomp"):
        return doc[before], doc[before]
    # "Sanders, meanwhile, who sits at zero endorsements, said ...": the parser made the
    # relative clause the cue's complement, with the name as its second subject.
    clause = next((c for c in token.children if c.dep_ == "ccomp" and c.i < token.i), None)
    if clause is not None:
        subjects = [c for c in clause.children if c.dep_ == "nsubj" and c.i not in inside]
        if len(subjects) == 2 and subjects[1].lower_ in ("who", "which") and subjects[0].pos_ in ("PROPN", "NOUN"):
            return subjects[0], subjects[0]
    return None, None


def _edges(tokens) -> tuple[int, int] | None:
    """Character range of ``tokens`` (sorted) without punctuation at either end (quote marks
    stay: they are part of what was said)."""
    tokens = list(tokens)
    while tokens and (tokens[0].is_punct and not tokens[0].is_quote or tokens[0].is_space):
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct and not tokens[-1].is_quote or tokens[-1].is_space
                      or tokens[-1].pos_ == "CCONJ"):
        tokens.pop()
    if len(tokens) > 1 and tokens[0].lower_ == "that" and tokens[0].dep_ == "mark":
        tokens.pop(0)
        while tokens and tokens[0].is_punct and not tokens[0].is_quote:  # 'said that, "..."'
            tokens.pop(0)
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _circumstance(prep) -> bool:
    """Whether a prepositional phrase says when, where or through what something was said
    ("on Tuesday", "in a statement", "on Twitter") rather than what."""
    data = cue_data()
    objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    return not objects or any(o.ent_type_ in ("DATE", "TIME") or o.lemma_.lower() in data["not_content"]
                              for o in objects) or prep.lower_ in data["circumstance_preps"]


def _what_follows(token, part) -> list:
    """The cue verb ``token``'s dependents after ``part`` (its object) that belong to what it
    reports: "called him a liar", "criticized X for Y", "called for the ban in December after
    ..." (when and why belong to what was called for); not a clause with a cue of its own
    ("..., when they said ...")."""
    return [c for c in token.children if c.i > part.i and (
        c.dep_ in ("oprd", "xcomp", "ccomp", "acomp", "dative", "prep", "npadvmod", "advmod", "dobj") or
        # ("discussing the harbour, the ferry or ...": the parser may hang the list on the verb.)
        c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") or
        # ("talked about trade and how he would fix it": the second topic hung on the verb.)
        c.dep_ == "conj" and c.left_edge.lower_ in ("how", "what", "why", "whether", "where", "when") or
        c.dep_ == "advcl" and not _has_cue(c))]


def _answer(clause) -> bool:
    """Whether ``clause`` is a reply hung on what someone said: "to which X replied ...",
    "at which point X interjected ..." (a cue of its own, after a preposition and "which")."""
    first = clause.left_edge
    return first.dep_ == "prep" and first.i + 1 < len(first.doc) and first.doc[first.i + 1].lower_ == "which" \
        and clause.pos_ == "VERB" and clause.lemma_.lower() in cue_data()["all_verbs"]


def _has_cue(phrase) -> bool:
    """Whether a verb or noun of attribution lies in ``phrase`` ("... when they said ...",
    "Petrovic's claim that ...")."""
    data = cue_data()
    return any(t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in data["all_verbs"] or
               t.pos_ == "NOUN" and t.lemma_.lower() in data["nouns"] and None not in _noun_cue(t, set())
               for t in phrase.subtree)


def _content(token, skip: set[int]) -> tuple[int, int] | None:
    """What the cue verb ``token`` reports, in paragraph coordinates: its clausal complement
    on either side ("X said (that) ...", "... , X said"); for some verbs its object ("X
    endorsed Clinton", "X called him a liar") or prepositional object ("X talked about ...");
    or - when the cue is a parenthetical hung on the reported clause ("The economy, he said,
    is growing") - that clause."""
    data = cue_data()
    lemma = token.lemma_.lower()
    if lemma in data["quote_verbs"]:
        return None
    clause = _garden_path(token)
    if clause is not None:
        return _edges(token.doc[token.right_edge.i + 1:clause.right_edge.i + 1])
    if lemma == "make":
        # "X made it clear that ...", "made clear (that) ...": what X made clear.
        clear = next((c for c in token.children if c.lower_ in data["clear_words"] and c.i > token.i), None)
        clause = next((c for c in (clear.subtree if clear is not None else []) if c.dep_ in ("ccomp", "advcl")
                       and c.i > clear.i and c.pos_ in ("VERB", "AUX")), None)
        if clause is None and clear is not None:
            clause = next((c for c in token.children if c.dep_ == "ccomp" and c.i > clear.i), None)
        return _edges(clause.subtree) if clause is not None else None
    if lemma not in data["general_verbs"]:
        return _view_content(token)
    answer = next((c for c in token.children if c.i > token.i and c.lower_ in ("yes", "no") and c.dep_ in ("intj", "dobj")), None)
    if answer is not None and lemma in ("say", "answer", "reply", "respond"):
        return _edges([answer])  # "46 percent of voters said yes"
    if lemma in ("say", "think", "believe") and token.i + 2 < len(token.doc):
        # "55 percent said so", "26 percent said the same": what they said is the one before.
        after = token.doc[token.i + 1:token.i + 3]
        if after[0].lower_ == "so" and after[0].head.i == token.i:
            return _edges(after[:1])
        if after[0].lower_ == "the" and after[1].lower_ == "same" and after[1].head.i == token.i:
            return _edges(after)
    # A clause across a semicolon is a sentence of its own ("Most voters say A; 26 percent
    # say B"): the parser hangs it on the cue all the same.
    # So is a clause before a colon that the cue follows ("... as an example: He says X").
    semicolons = [c.i for c in token.children if c.text == ";"]
    colons = [c.i for c in token.children if c.text == ":"]
    comps = [c for c in token.children if c.dep_ in ("ccomp", "xcomp")
             and not any(min(c.i, token.i) < i < max(c.i, token.i) for i in semicolons)
             and not any(c.i < i < token.i for i in colons)]
    objects = [c for c in token.children if c.dep_ == "dobj" and c.i > token.i]
    if token.dep_ == "parataxis" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].text == "," and \
            all(c.dep_ == "xcomp" for c in comps):
        # "He was unable to find one, he said, on condition of anonymity to speak freely":
        # not what was said; the clause around the parenthetical is.
        comps = []
    if not comps and token.dep_ == "parataxis" and _parenthetical(token) and \
            all(o.pos_ == "PRON" for o in objects):  # "The difference, he told me, is ..."
        objects = []
    if not comps and objects and lemma in data["addressee_verbs"] and any(
            t.pos_ in ("PROPN", "PRON") or t.ent_type_ for t in objects[0].subtree):
        # "X told The Washington Post he was ...": the parser hung what was said on the
        # addressee, or made it the main clause; the addressee alone is not what was said.
        addressee = objects[0]
        clause = next((c for c in addressee.subtree if c.dep_ in ("relcl", "acl", "ccomp") and c.i > addressee.i
                       and c.left_edge.lower_ not in ("who", "whom", "whose", "which", "where", "when")
                       and any(n.dep_ in ("nsubj", "nsubjpass") and n.lower_ not in _RELATIVE for n in c.children)),
                      None)
        if clause is not None:
            return _edges(clause.subtree)
        after = max(o.right_edge.i for o in objects) + 1
        # (The parser may end the sentence at the addressee: the clause is then the next one.)
        rest = token.doc[after:token.doc[after].sent.end] if after < len(token.doc) else token.doc[0:0]
        if len(rest) > 2 and rest[0].pos_ in ("PRON", "PROPN", "DET", "NOUN") and rest[0].dep_ in ("nsubj", "nsubjpass") \
                and rest[0].head.i > rest[0].i and rest[0].head.pos_ in ("VERB", "AUX"):
            return _edges(rest)
        if not any(c.dep_ in ("oprd", "xcomp", "ccomp", "acomp") or c.dep_ == "prep" and not _circumstance(c)
                   for c in token.children if c.i > addressee.i):
            objects = []
    if comps and (lemma in data["verbs"] or not objects):
        comp = max(comps, key=lambda c: len(list(c.subtree)))
        if comp.dep_ == "xcomp":
            # "urged supporters to monitor polling places", "called for contestants to wear
            # ...": who is to do it belongs to the clause.
            lead = [c for c in token.children if token.i < c.i < comp.i and (
                c.dep_ in ("dobj", "dative") or (c.dep_ == "prep" and c.lower_ in ("for", "on", "upon")))]
            if lead:
                first = lead[0]
                if first.dep_ == "prep" and any(c.dep_ == "pobj" for c in first.children):
                    first = next(c for c in first.children if c.dep_ == "pobj")
                return _edges(t for c in (first, comp) for t in c.subtree)
        # "said that A, and that B": the parser hangs the second clause on the cue verb.
        more = [c for c in token.children if c.dep_ == "conj" and c.i > comp.i and
                any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
        # "said he's leaning toward Kasich because he prizes ...": the parser hangs the reason
        # on the cue; it is part of what was said.
        reasons = [c for c in token.children if c.dep_ == "advcl" and c.i > comp.right_edge.i and not _has_cue(c)]
        # "..., to which O'Malley interjected: '...'": someone else's answer, not part of it.
        answers = {t.i for c in comp.subtree if c.dep_ in ("advcl", "relcl") and _answer(c) for t in c.subtree}
        return _edges(t for c in [comp, *more, *reasons] for t in c.subtree if t.i not in answers)
    # "Critics call it a sham", "what officials called a hate crime": naming, with its object
    # (a pronoun, or a relative word before the verb) and what it is named.
    named = next((c for c in token.children if c.dep_ == "oprd" and c.i > token.i), None)
    if named is not None and lemma in data["object_verbs"]:
        before = [c for c in token.children if c.dep_ == "dobj" and c.i < token.i and c.lower_ in ("what", "which", "that")]
        parts = (objects[:1] or before[:1]) + [named]
        return _edges(t for c in parts for t in c.subtree)
    if objects and lemma in data["object_verbs"] and objects[0].lower_ != "so" and (
            lemma not in data["verbs"] or objects[0].lower_ not in ("it", "this", "that")):
        first = objects[0]
        # The object with what follows it about it: "called him a liar", "criticized X for Y".
        return _edges(t for c in [first] + _what_follows(token, first) for t in c.subtree)
    agent = next((c for c in token.children if c.dep_ == "agent"), None)
    if not objects and lemma in data["object_verbs"] and agent is not None:
        # "Sanders was supported by majorities of ...": what the agent supports is the subject
        # (with what follows: "The situation was described by X as ...").
        patient = next((c for c in token.children if c.dep_ == "nsubjpass" and c.i < token.i), None)
        if patient is not None and patient.lower_ not in _RELATIVE and not _has_cue(patient):
            # (not "X's claim that ... was disputed by Y": that is X's claim)
            as_clause = next((c for c in token.children if c.dep_ == "advcl" and c.left_edge.lower_ == "as"
                              and c.left_edge.i == agent.right_edge.i + 1), None)
            if as_clause is not None:  # "The situation was described by X as Kazakhstan responding ..."
                return _edges(t for t in as_clause.subtree if t.i != as_clause.left_edge.i)
            return _edges(t for c in [patient] + _what_follows(token, agent) for t in c.subtree)
    if lemma in data["prep_verbs"]:
        # "called for the president to resign": the parser reads "for" as a clause's mark.
        clause = next((c for c in token.children if c.dep_ == "advcl" and c.i > token.i and any(
            m.dep_ == "mark" and m.lower_ == "for" and m.i == c.left_edge.i for m in c.children)), None)
        if clause is not None:
            return _edges(t for t in clause.subtree if t.i != clause.left_edge.i)
        preps = set(data["content_preps"])
        if lemma in data["to_verbs"]:
            preps.add("to")
        if lemma in data["with_verbs"]:
            preps.add("with")
        # ("talking to voters about health care": the parser may hang "about" on the addressee.)
        # (Not "of": "spoke to a crowd of supporters" names the addressee.)
        addressed = [p for c in token.children if c.dep_ == "prep" and c.lower_ == "to" and "to" not in preps
                     for o in c.children if o.dep_ == "pobj" for p in o.children if p.dep_ == "prep" and p.lower_ != "of"]
        for prep in [*token.children, *addressed]:
            if prep.dep_ != "prep" or prep.i < token.i or prep.lower_ not in preps:
                continue
            objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
            if not objects or objects[0].ent_type_ in ("DATE", "TIME") or \
                    objects[0].lemma_.lower() in data["not_content"]:
                continue
            if prep.lower_ == "on" and lemma in ("speak", "talk", "appear") and (
                    objects[0].ent_type_ in ("ORG", "WORK_OF_ART") or any(
                    t.lemma_.lower() in data["not_content"] for t in objects[0].lefts)):
                continue  # a medium: "speaking on CNN", "on the radio show X", "on the cable channel X"
            return _edges(t for c in objects + _what_follows(token, prep) for t in c.subtree)
    if lemma in data["verbs"]:
        # "said in one of a series of messages that the truck was ...": the parser hung the
        # "that" clause on a noun of the circumstance.
        for prep in token.children:
            if prep.dep_ != "prep" or prep.i < token.i:
                continue
            for clause in prep.subtree:
                if clause.dep_ in ("relcl", "acl", "ccomp") and any(
                        m.dep_ == "mark" and m.lower_ == "that" and m.i < clause.i for m in clause.children):
                    return _edges(clause.subtree)
    doc = token.doc
    if token.dep_ == "conj" and token.head.i < token.i and token.head.pos_ in ("VERB", "AUX") and \
            token.left_edge.i > 0 and doc[token.left_edge.i - 1].text == "," and \
            not any(c.dep_ in ("cc", "preconj") and c.i < token.i for c in token.head.children):
        # "This includes a special force, Defense Secretary Ash Carter told a Senate panel":
        # a cue joined to the clause before it by a comma alone reports that clause.
        own = {t.i for t in token.subtree}
        return _edges(t for t in token.head.subtree if t.i not in own and t.i < token.i and t.i not in skip)
    if lemma in data["verbs"] and not comps:
        # "As a Politico reporter noted, he didn't even fill the place": the clause it hangs on
        # ("The ferry, as the mayor said, will run ...": in the middle, the clause around it).
        own = _as_aside(token)
        if own is not None:
            clause = [t for t in own.head.subtree if t.i not in skip and not own.left_edge.i <= t.i <= own.right_edge.i]
            if not any(t.i < own.left_edge.i and not (t.is_punct or t.dep_ == "cc") for t in clause):
                clause = [t for t in clause if t.i > own.right_edge.i]  # "But as X noted, ..."
            return _edges(clause)
        subject = max((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < token.i),
                      key=lambda c: c.i, default=None)
        if subject is not None and not objects and subject.left_edge.i > token.sent.start + 2 and \
                doc[subject.left_edge.i - 1].text == "," and all(
                    t.is_punct and t.text != ":" or t.dep_ in ("npadvmod", "advmod") or t.ent_type_ in ("DATE", "TIME")
                    for t in doc[token.i + 1:token.sent.end]):  # the cue ends the sentence (not "he said:")
            # "..., a girl was pepper-sprayed by a bystander, police said.", "The Internet has made
            # it possible for people ... to organize, she said.": what comes before the comma,
            # wherever the parser hung it (an adverbial clause of the cue, or the cue on it).
            return _edges(doc[token.sent.start:subject.left_edge.i - 1])
    if token.dep_ == "parataxis" and (token.head.pos_ in ("VERB", "AUX") or _parenthetical(token)):
        # Only the parenthetical itself is left out: "If the ferry stops, X said, ..." keeps the
        # "if" clause the parser hung on "said".
        start = min([token.i] + [c.left_edge.i for c in token.children if c.dep_ in ("nsubj", "nsubjpass")
                                 or c.dep_ in ("amod", "advmod", "npadvmod") and c.i == token.i - 1])
        own = {t.i for t in token.subtree if t.i >= start}
        clause = token.head
        if clause.dep_ in ("nsubj", "nsubjpass") and clause.head.i > token.i:
            clause = clause.head  # "The difference now, he told me, is that ...": hung on the subject
        return _edges(t for t in clause.subtree if t.i not in own and t.i not in skip)
    return None


def _as_aside(token):
    """The "as X said" aside the cue verb ``token`` heads, hung on a verb's clause - the verb
    itself ("as" its mark) or the "as" the parser made a preposition - or None. Only a finite
    verb of saying: "as it seeks new routes", "as Kazakhstan responding with ..." are none."""
    finite = token.tag_ in ("VBD", "VBZ", "VBP") or token.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lemma_ == "have" for c in token.children)  # "as I've suggested"
    if token.lemma_.lower() not in cue_data()["as_cues"] or not finite:
        return None
    if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children):
        own = token
    elif token.head.lower_ == "as" and token.head.i < token.i and token.head.dep_ in ("prep", "mark", "advmod"):
        own = token.head
    else:
        return None
    return own if own.head.pos_ in ("VERB", "AUX") and own.head.i != own.i else None


def _view_content(token) -> tuple[int, int] | None:
    """For a verb of `as_verbs` / `clause_verbs`: "<sees> Clinton as the stronger candidate",
    "<feel> they have enough to do"; None for any other use ("saw a rise", "feel good")."""
    data = cue_data()
    lemma = token.lemma_.lower()
    if lemma in data["clause_verbs"]:
        clause = next((c for c in token.children if c.dep_ == "ccomp" and c.i > token.i), None)
        if clause is not None:
            return _edges(clause.subtree)
    if lemma in data["as_verbs"]:
        objects = [c for c in token.children if c.dep_ == "dobj" and c.i > token.i]
        as_phrase = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > token.i), None)
        if objects and as_phrase is not None:
            return _edges(t for c in (objects[0], as_phrase) for t in c.subtree)
        if objects and any(t.dep_ == "prep" and t.lower_ == "as" and t.head.lower_ != "such" for t in objects[0].subtree):
            return _edges(objects[0].subtree)  # the parser hung "as ..." inside the object
        patient = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
        if patient is not None and as_phrase is not None and any(c.dep_ == "agent" for c in token.children):
            # "she is seen by party leaders as credible": what the leaders see.
            return _edges(t for c in (patient, as_phrase) for t in c.subtree)
    return None


def _asked(token) -> tuple[int, int] | None:
    """What "Asked ..." asked: its clause ("if ...", "whether ...", "what ...", parsed as a
    complement or an adverbial clause) or what it was about."""
    question = next((c for c in token.children if c.i > token.i and (c.dep_ == "ccomp" or c.dep_ == "advcl" and any(
        m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in c.children))), None)
    return _edges(question.subtree) if question is not None else _content(token, set())


def _sourceless_passive(token) -> tuple[int, int] | None:
    """What a passive of `sourceless_passives` with no agent reports: its subject with the
    complement ("she ... to move swiftly", "Clinton ... as the favourite"), or None."""
    data = cue_data()
    if token.tag_ != "VBN" or token.lemma_.lower() not in data["sourceless_passives"] or \
            any(c.dep_ == "agent" for c in token.children):
        return None
    subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    if subject is None or not any(c.dep_ == "auxpass" for c in token.children):
        return None
    comp = next((c for c in token.children if c.i > token.i and (
        c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        or c.dep_ == "prep" and c.lower_ == "as")), None)
    if comp is None:
        return None
    return _edges(t for c in (subject, comp) for t in c.subtree)


def _parenthetical(token) -> bool:
    """Whether the cue's clause sits between commas: "The hashtag, Mr. Abboud said, ..."."""
    doc = token.doc
    left, right = token.left_edge.i, token.right_edge.i  # (the commas may be its own children)
    return (doc[left].text == "," or left > 0 and doc[left - 1].text == ",") and \
        (doc[right].text == "," or right + 1 < len(doc) and doc[right + 1].text == ",")


def _trailing_cue(token, content: tuple[int, int], inside: set[int]):
    """A cue verb with no subject of its own that the parser hung inside the content of
    ``token`` after it, as a conjunct ("... and warned X to ...") or a participle ("...,
    citing ..."), or None."""
    data = cue_data()
    for other in token.doc[token.i + 1:]:
        if not content[0] <= other.idx < content[1] or other.i in inside or other.pos_ != "VERB":
            continue
        if other.lemma_.lower() not in data["verbs"] | data["object_verbs"] or \
                other.left_edge.idx <= content[0]:
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in other.children):
            continue
        if other.dep_ == "conj" and other.head.pos_ in ("VERB", "AUX"):
            # A conjunct shares its head's subject: "it was opposed and warned" is the
            # speaker's ("it"), "the statement was significant and shows" the statement's.
            shared = [c for c in other.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            # ("De Blasio said the move was made by X and said, ...": a move does not speak.)
            if not shared or shared[0].pos_ == "PRON" or shared[0].ent_type_ in ("PERSON", "ORG", "GPE", "NORP") \
                    or not _can_speak(shared[0]):
                return other
        elif other.dep_ == "advcl" and other.tag_ == "VBG" and token.doc[other.i - 1].text == ",":
            return other
    return None


def _predicate_content(token) -> tuple[int, int] | None:
    """What an attitude predicate is about: its clause ("sure that ...", "determined to ...",
    "not sure if ...") or its prepositional object ("critical of ...", "worried about ...")."""
    data = cue_data()
    clauses = [c for c in token.children if c.dep_ in ("ccomp", "xcomp") and c.i > token.i]
    if clauses:
        return _edges(clauses[0].subtree)
    for prep in token.children:
        if prep.dep_ == "prep" and prep.i > token.i and prep.lower_ in data["predicate_preps"] and not _circumstance(prep):
            return _edges(o for c in prep.children if c.dep_ in ("pobj", "pcomp") for o in c.subtree)
    return None


def _noun_cue(token, inside: set[int]):
    """(speaker token, content range) for a noun cue: "Trump's claim that ...", "her
    promise to ...", "a call by X for ...", "X voiced concern that ..."; (None, None) when
    the noun has no one holding it or nothing it is about."""
    data = cue_data()
    # (The parser often makes "a report that the mine would close" a relative clause.)
    clauses = [c for c in token.children if c.dep_ in ("acl", "ccomp", "relcl") and c.i > token.i and (
        any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) or
        any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))]
    if not clauses and token.dep_ == "dobj" and token.head.lemma_.lower() in data["light_verbs"]:
        # "has been making the case for weeks that ...": the clause hung on the verb.
        clauses = [c for c in token.head.children if c.dep_ == "ccomp" and c.i > token.i and
                   any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
    if clauses:
        content = _edges(clauses[0].subtree)
    else:
        preps = [c for c in token.children if c.dep_ == "prep" and c.i > token.i and c.lower_ in data["noun_preps"]
                 and any(o.dep_ in ("pobj", "pcomp") and o.ent_type_ not in ("DATE", "TIME")
                         and o.lemma_.lower() not in data["not_content"] for o in c.children)]
        if not preps:
            return None, None
        content = _edges(o for c in preps[0].children if c.dep_ in ("pobj", "pcomp") for o in c.subtree)
    subject = next((c for c in token.children if c.dep_ == "poss" and c.i not in inside), None)
    if subject is None:  # "a claim by Trump", "criticism from rivals that ..."
        subject = next((o for c in token.children if c.dep_ == "prep" and c.lower_ in ("by", "from")
                        for o in c.children if o.dep_ == "pobj" and o.i not in inside), None)
    if subject is None:  # "a Reuters report that ...", "a New York Times report that ..."
        subject = next((c for c in token.children if c.dep_ == "compound" and c.i < token.i and c.i not in inside
                        and c.ent_type_ in ("ORG", "PERSON", "GPE", "NORP")), None)
    if subject is None and token.dep_ == "dobj" and token.head.lemma_.lower() in data["light_verbs"]:
        subject, _ = _subject(token.head, inside)  # "X voiced concern that ..."
    return subject, content


def _body_it_stands_for(pronoun, people: _People):
    """The organisation or country "it" stands for: the nearest subject before it, in its
    sentence or the one before ("Russia has focused on Kazakhstan as it seeks routes"), if
    that subject is one; None when the nearest subject is anything else ("The refusal ...
    It signals ...": not a speaker)."""
    doc = pronoun.doc
    start = pronoun.sent.start
    if start > 0:
        start = doc[start - 1].sent.start
    for token in reversed(doc[start:pronoun.i]):
        if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ in ("PROPN", "NOUN", "PRON"):
            span = _name_span(token)
            if token.ent_type_ not in ("ORG", "GPE") or people.is_person(span.text):
                return None  # (not "Trump", the small model's ORG; not "the Russians", a people)
            return span.text, span.start_char, span.end_char
    return None


def _speaker_of(subject, mention, people: _People, offset: int):
    """(speaker, mention) in article coordinates for a subject token."""
    resolved = people.resolve(subject) if subject.lower_ != "it" else _body_it_stands_for(subject, people)
    if resolved:
        speaker = (resolved[0], resolved[1] + offset, resolved[2] + offset)
    else:
        span = _name_span(subject)
        speaker = (span.text, span.start_char + offset, span.end_char + offset)
        if subject.tag_ in ("NNS", "NNPS"):
            people.plural.add(speaker[1])
    if mention is subject:
        span = _name_span(mention) if not resolved else mention.doc[mention.i:mention.i + 1]
        where = (span.start_char + offset, span.end_char + offset)
    else:
        where = (mention.idx + offset, mention.idx + len(mention.text) + offset)
    return speaker, where


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
    word = word.lower()
    if not word.endswith("s") or len(word) < 4:
        return None
    for stem in (word[:-3] + "y" if word.endswith("ies") else None, word[:-1], word[:-2] if word.endswith("es") else None):
        if stem in verbs:
            return stem
    return None


def _headline_cue(number: int, sentence, inside: set[int], people: _People, offset: int, found: list[_Cue]) -> list[_Cue]:
    """ "London's mayor rebuffs Trump on 'exception' to ban", "Biden, stumping for Clinton,
    trashes Trump": headline-ese, where the tagger reads the verb as a noun and the parse has
    a verb elsewhere ("Clinton blasts Trump": "trump"). The words before the verb (after a
    comma) are who, those after it what."""
    doc = sentence.doc
    words = [t for t in sentence if not (t.is_punct or t.is_space)]
    if found or not 3 <= len(words) <= 20 or len(doc) - len(sentence) > 2:
        return []  # (a headline: one short sentence, the whole paragraph, with no cue found)
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
            first = next(t.i for t in sentence if t.text == ",")
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
    claimed ..." is Clinton's."""
    data = cue_data()
    found: list[_Cue] = []
    taken: list[tuple[int, int]] = []  # character ranges of the contents found so far
    verbs = [t for t in sentence if t.i not in inside and t.pos_ in ("VERB", "AUX")
             and t.lemma_.lower() in data["all_verbs"]]
    for token in sorted(verbs, key=_depth):
        if any(a <= token.idx < b for a, b in taken):
            continue
        subject, mention = _subject(token, inside)
        # "It is fair to say ...", "it is hard to imagine ...": the writer's, no one named.
        expletive = subject is not None and subject.lower_ == "it" and subject.head.lemma_.lower() == "be" and \
            subject.head.i != token.i
        if expletive or subject is None or not _can_speak(subject) and token.lemma_.lower() in data["raising_verbs"]:
            # Attributions no one in the sentence holds (speaker None).
            if expletive:
                content = _content(token, set())
            elif subject is None:
                # "Asked about the merger, she defended ...": what was asked, by no one named;
                # "she is expected to ...": a view reported with no holder.
                content = _asked(token) if token.lemma_.lower() == "ask" and token.tag_ == "VBN" \
                    else _sourceless_passive(token)
            else:
                # "The race appears closer in Ohio": the writer's judgement of the race; what is
                # judged is the subject with its complement.
                comps = [c for c in token.children if c.dep_ in ("xcomp", "acomp", "attr", "ccomp") and c.i > token.i]
                content = _edges(t for c in [subject] + comps[:1] for t in c.subtree) if comps else None
            if content:
                taken.append(content)
                found.append(_Cue(number, token.text, None, None, (content[0] + offset, content[1] + offset), token))
            continue
        if not _can_speak(subject):
            continue
        speaker, where = _speaker_of(subject, mention, people, offset)
        skip = {t.i for t in subject.subtree} if subject.i < token.i else set()
        content = _content(token, skip)
        if content is None and token.lemma_.lower() not in data["general_verbs"]:
            continue  # "saw a rise", "feel good": no attribution
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
            taken.append(cut)
            found.append(_Cue(number, chain[-1].text, speaker, where, (cut[0] + offset, cut[1] + offset), chain[-1]))
            chain.append(second)
            content = _content(second, set())
        if content:
            taken.append(content)
            content = (content[0] + offset, content[1] + offset)
        found.append(_Cue(number, chain[-1].text, speaker, where, content, chain[-1]))
    # "X is sure that ...", "X was critical of ...", "X is a staunch opponent of ..."
    for token in sentence:
        if token.i in inside or token.dep_ not in ("acomp", "attr") or \
                token.head.lemma_.lower() not in data["copulas"] or \
                token.lemma_.lower() not in data["adjectives"] | data["role_nouns"] or \
                any(a <= token.idx < b for a, b in taken):
            continue
        subject, mention = _subject(token.head, inside)
        content = _predicate_content(token)
        if subject is None or not _can_speak(subject) or subject.lower_ == "it" or content is None:
            continue
        speaker, where = _speaker_of(subject, mention, people, offset)
        taken.append(content)
        found.append(_Cue(number, token.text, speaker, where, (content[0] + offset, content[1] + offset), token))
    nouns = [t for t in sentence if t.i not in inside and t.pos_ == "NOUN" and t.lemma_.lower() in data["nouns"]
             and not any(a <= t.idx < b for a, b in taken)]
    for token in nouns:
        subject, content = _noun_cue(token, inside)
        if subject is None or not _can_speak(subject) or content is None:
            continue
        speaker, where = _speaker_of(subject, subject, people, offset)
        taken.append(content)
        found.append(_Cue(number, token.text, speaker, where, (content[0] + offset, content[1] + offset), token))
    # "If the law conflicts, Rubio said, Christians must ignore the law": a cue inside another
    # cue's content (here the parenthetical's) is part of what that one reports.
    found = [c for c in found if c.token is None or not any(
        o is not c and o.content and c.content and o.content[0] <= offset + c.token.idx < o.content[1]
        and o.content[0] <= c.content[0] and c.content[1] <= o.content[1] for o in found)]
    # "Clinton led Trump by 8 points in the survey": what the poll found.
    for prep in sentence:
        if prep.lower_ != "in" or prep.dep_ != "prep" or prep.i in inside or prep.head.pos_ not in ("VERB", "AUX") \
                or any(c.token is not None and c.token.i == prep.head.i for c in found):
            continue
        poll = next((o for o in prep.children if o.dep_ == "pobj" and o.lower_ in data["poll_nouns"]), None)
        if poll is None or any(a <= prep.idx < b for a, b in taken):
            continue
        own = {t.i for t in prep.subtree}
        rest = [t for t in prep.head.subtree if t.i not in own and (t.i < prep.i if prep.i > prep.head.i else t.i > prep.i)]
        subjects = [t for t in rest if t.dep_ in ("nsubj", "nsubjpass") and t.head.i == prep.head.i]
        # A finding says who did what: "the polls ... plummeted", "who leads in the polls" say too little.
        if not subjects or subjects[0].lower_ in _RELATIVE or sum(not t.is_punct for t in rest) < 4:
            continue
        content = _edges(rest)
        if content is None:
            continue
        speaker, where = _speaker_of(poll, poll, people, offset)
        taken.append(content)
        found.append(_Cue(number, prep.text, speaker, where, (content[0] + offset, content[1] + offset), prep))
    for cue in _in_someone_s_view(number, sentence, inside, people, offset) + \
            _final_cue(number, sentence, inside, people, offset, found) + \
            _headline_cue(number, sentence, inside, people, offset, found):
        start, end = cue.content[0] - offset, cue.content[1] - offset
        if any(a <= start < b for a, b in taken):
            continue
        taken.append((start, end))
        # (What the view or the records hold is theirs: a cue inside it is part of it.)
        found = [c for c in found if not (c.content and cue.content[0] <= c.content[0] and c.content[1] <= cue.content[1])
                 and (c.token is None or c.token.i != cue.token.i)]
        found.append(cue)
    low = sentence.text.lower()
    for phrase in data["phrases"]:
        at = low.find(phrase)
        if at < 0 or (at > 0 and low[at - 1].isalnum()):
            continue
        start_char = sentence.start_char + at + len(phrase)
        for token in sentence:
            if token.idx >= start_char and token.i not in inside and token.pos_ in ("PROPN", "NOUN", "PRON"):
                head = token
                # Up to the head of the name or noun phrase: "harbour officials", not "harbour".
                while head.head.i != head.i and (head.head.pos_ == "PROPN" or head.dep_ == "compound") \
                        and head.head.i > head.i and head.head.i not in inside:
                    head = head.head
                speaker, where = _speaker_of(head, head, people, offset)
                rest = _without_attribution(sentence, (head.text, where[0] - offset, where[1] - offset))
                content = (rest[0] + offset, rest[1] + offset) if rest else None
                if content:
                    # "X show(ed) / supported / is considering ..., according to Y": Y's
                    # attribution is what the sentence reports; a cue inside it is part of it.
                    found = [c for c in found if not (c.content and content[0] <= c.content[0]
                                                      and c.content[1] <= content[1])]
                found.append(_Cue(number, phrase, speaker, where, content))
                break
        break
    return found


def _paragraph_docs(text: str, nlp):
    """Parse paragraph by paragraph: a heading never merges with the sentence after it.
    Lines joined by a single newline are one paragraph (a wrapped line), unless the line
    ends a sentence: the parser ran '... exceptions."' and 'Rubio said ...' on the next
    line into one sentence, and gave Rubio's cue to Bush's quote."""
    offsets, paragraphs = [], []
    for match in re.finditer(r"[^\n]+(?:(?<![.!?][\"”’'])(?<![.!?])\n(?!\n)[^\n]+)*", text):
        offsets.append(match.start())
        paragraphs.append(_sentence_case(match.group(0)))
    return zip(offsets, nlp.pipe(paragraphs))


_MINOR = {"a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "at", "by", "as", "with", "from", "but"}


def _sentence_case(paragraph: str) -> str:
    """A headline in title case ("Black Lawmakers Rip Donald Trump As A 'Disgusting Fraud'")
    hides its verb from the tagger, which reads every capitalised word as a name: such a
    paragraph is parsed in lower case after its first word (acronyms kept, and every
    character where it was, so that offsets into the text still hold)."""
    words = re.findall(r"[^\W\d_][\w’'.-]*", paragraph)
    major = [w for w in words if w.lower() not in _MINOR]
    if not 3 <= len(words) <= 25 or sum(w[0].isupper() for w in major) < 0.8 * len(major):
        return paragraph
    first = re.search(r"[^\W\d_]", paragraph)
    out = list(paragraph)
    for match in re.finditer(r"[^\W\d_][\w’'.-]*", paragraph):
        word = match.group(0)
        if match.start() == first.start() or sum(c.isupper() for c in word) > 1:
            continue  # the first word; "FBI", "U.S.", "McCain"
        lowered = word.lower()
        if len(lowered) == len(word):
            out[match.start():match.end()] = lowered
    return "".join(out)


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
                # The subject of a main clause ("The harbour master, Tom Brandt, arrived"), not
                # of what someone is reported to have said ("Trump said he wants Obama to ...").
                root = ent.root if ent.root.dep_ != "appos" else ent.root.head
                verb = root.head
                main = verb.dep_ == "ROOT" or verb.dep_ == "conj" and verb.head.dep_ == "ROOT"
                people.saw_at(ent.text, offset + ent.start_char, offset + ent.end_char,
                              subject=root.dep_ in ("nsubj", "nsubjpass") and main)
                people.learn(ent)

    cues: dict[int, list[_Cue]] = {}
    for number, (s_start, s_end, sentence, offset) in enumerate(sentences):
        people.offset = offset
        inside = {t.i for t in sentence if any(a <= offset + t.idx < b for a, b in spans)}
        cues[number] = _cues(number, sentence, inside, people, offset)
        for cue in cues[number]:
            if cue.speaker:
                people.spoke(*cue.speaker)

    introduced = _introduced_paragraphs(text, sentences, cues)

    out: list[tuple[Quote, tuple[int, int] | None]] = []
    covered: list[tuple[int, int]] = []  # ranges already given to a quote

    def emit(start, end, kind, cue: _Cue | None, speaker=None, mention=None):
        if cue is not None:
            speaker, mention = cue.speaker, cue.mention
            cue.used = True
        covered.append((start, end))
        out.append((Quote(article_id, text[start:end], start, end, kind,
                          # (as written: a headline is parsed in lower case)
                          speaker=text[speaker[1]:speaker[2]] if speaker else None,
                          speaker_start=speaker[1] if speaker else None,
                          speaker_end=speaker[2] if speaker else None,
                          cue=cue.text if cue else None), mention))

    # Transcripts and headlines ("PENCE: Well, ...", "Poll: Voters ..."): the rest of the
    # paragraph is the quote.
    labels = []
    for speaker, content, mark in _labelled_paragraphs(text):
        if any(a < content[1] and content[0] < b for a, b in covered):
            continue
        label = (speaker[1], speaker[2])
        emit(content[0], content[1], "direct", _Cue(-1, mark, people.named(speaker), label, content))
        labels.append(label[0])

    # Interviews ("Q: ..." / "A: ..."): the answers are the person the article names most.
    for label, content in _interview_paragraphs(text):
        if any(a < content[1] and content[0] < b for a, b in covered):
            continue
        speaker = (text[label[0]:label[1]], label[0], label[1])
        if speaker[0].upper().startswith("A"):
            speaker = people.most_named() or speaker
        emit(content[0], content[1], "direct", _Cue(-1, ":", speaker, label, content))
        labels.append(label[0])

    previous, previous_end = None, -1  # the attribution of the last attributed quote
    last = None  # (index in out, attribution, end) of the last direct quote, to extend
    for start, end in spans:
        words = text[start:end].split()
        if len(words) < 2 and not _one_word_answer(text, start, end):
            continue  # a scare-quoted word is no quotation
        if any(start <= at < end for at in labels):
            continue  # an open quote mark running over labelled paragraphs: they are the quotes
        if any(a <= start and end <= b + 2 for a, b in covered):
            continue  # a second fragment of a clause already taken ('"a" and "b"')
        # The attribution may sit in any sentence the quote overlaps, or just after it
        # ('"...," he said in a post on X.').
        numbers = [i for i, s in enumerate(sentences) if s[0] < end + 1 and s[1] > start - 1]
        if text[end - 1:end] in "?!" and numbers and numbers[-1] + 1 < len(sentences) and \
                re.fullmatch(r"[\"”’'»]?[ \t\u00a0]*", text[end:sentences[numbers[-1] + 1][0]]):
            # '"... votes?" Trump said, looking out ...': the parser ends the sentence at the
            # question mark; the attribution opens the next one.
            after = numbers[-1] + 1
            if any(c.token is not None and c.token.i - sentences[after][2].start <= 5 for c in cues.get(after, [])):
                numbers.append(after)
        candidates = [c for i in numbers for c in cues.get(i, []) if c.speaker and
                      not (c.token is not None and start <= sentences[c.sentence][3] + c.token.idx < end)]
        if not candidates and start - 1 in introduced:  # 'He said:' and the quote as the next paragraph
            candidates = [introduced[start - 1]]
        first = sentences[numbers[0]] if numbers else None
        before = text[first[0]:start].rstrip("\"'“”„«»‘’‹› ").strip() if first else ""
        starts_clause = words[0][:1].isupper() or words[0][:1] in "…."
        # (A sentence end before the mark: the parser ran two sentences together,
        # 'He doesn't think so. "I don't judge ...," he said.')
        kind = "direct" if starts_clause and (not before or before.endswith((":", ",", ".", "!", "?"))) else "partial"
        # The cue whose reported clause holds the quote, else the outermost cue verb that
        # governs it ('described by X as ... a "stab in the back"'), else the nearest one.
        holding = [c for c in candidates if c.content and c.content[0] < end and c.content[1] > start]
        # (A cue whose clause lies elsewhere does not govern a quote outside it: a title.)
        governing = [c for c in candidates if c.token is not None and not c.content and any(
            start <= sentences[c.sentence][3] + t.idx < end for t in c.token.subtree)]
        dash = _DASH.match(text, end + 1)
        if dash:  # '"..." ― Sonya Herridge'
            speaker = people.named((dash.group(1), dash.start(1), dash.end(1)))
            cue = _Cue(-1, "—", speaker, (dash.start(1), dash.end(1)), (start, end))
        elif holding:
            cue = max(holding, key=lambda c: min(end, c.content[1]) - max(start, c.content[0]))
        elif governing:
            cue = min(governing, key=lambda c: _depth(c.token))
        elif candidates and (kind == "direct" or any(c.content is None for c in candidates)):
            cue = min(candidates, key=lambda c: min(abs(c.mention[0] - start), abs(c.mention[0] - end)))
        else:
            cue = None
        if cue is None and previous and start - previous_end < 400 and kind == "direct":
            cue = previous  # a run of quoted sentences: same speaker, same attribution
        if last is not None and _interrupted_by(text, last[2], start, last[1], sentences, cues) and (
                cue is None or cue is last[1] or cue.speaker[0] == last[1].speaker[0]):
            # '"A," she said. "B."' is one quote, interrupted by its attribution: it runs
            # from A to B, across the interruption. (B may run on to a later attribution
            # of the same speaker.)
            quote, mention = out[last[0]]
            out[last[0]] = (Quote(article_id, text[quote.start:end], quote.start, end, quote.kind,
                                  quote.speaker, quote.speaker_start, quote.speaker_end, quote.cue), mention)
            covered.append((quote.start, end))
            last, previous_end = (last[0], last[1], end), end
            continue
        if cue is not None:
            c_start, c_end = cue.content or (start, end)
            runs_on = kind == "direct" and c_start <= start and re.search(r"[^\W\d_]{3}", text[end:c_end]) \
                and not re.search(r"[\"“”„«»]", text[end + 1:c_end])  # (not '"A," said X, "B"')
            if (kind == "partial" or runs_on) and c_start <= start and end <= c_end + 1 and \
                    c_end - c_start > end - start:
                # A quoted fragment inside reported speech: the whole clause is what was said
                # ('said that, "Of course he will defend himself" against what ...').
                emit(c_start, max(c_end, end), "partial", cue)
                kind = "partial"
            else:
                emit(start, end, kind, cue)
            previous, previous_end = cue, end
            # (A fragment that ends its clause may go on after the attribution too: 'X had
            # "never asked," Y said. "They found out ..."'.)
            last = (len(out) - 1, cue, end) if kind == "direct" or out[-1][0].end <= end + 1 else None
            continue
        if kind == "direct":
            last = None  # (a title in the attribution, 'said on "Meet the Press."', is passed over)
            emit(start, end, kind, None)
        # else: a quoted phrase no one is said to have said - titles, scare quotes

    for number in range(len(sentences)):
        for cue in cues[number]:
            if cue.used or cue.content is None:
                continue
            c_start, c_end = cue.content
            if any(a < c_end and c_start < b for a, b in covered):
                continue
            emit(c_start, c_end, cue.kind, cue)
    out.sort(key=lambda item: item[0].start)
    return out


_NAME = r"[A-Z][\w.'’-]*(?: (?:[A-Z][\w.'’-]*|de|van|von|al|bin|la|le)){0,4}"
_DASH = re.compile(r"[\s\u00a0]*[―—–]\s*(" + _NAME + r")\b")
_LABEL = re.compile(r"[\"“]?(" + _NAME + r"):[ \u00a0]+(?=\S)")
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
}


_SAID_NEXT = re.compile(r"[\"”’'\s]*(?:he\s+|she\s+|they\s+|(?:[A-Z][\w.’'-]*\s+){1,3})"
                        r"(?:said|says|asked|replied|added|answered)\b"
                        r"|[\"”’'\s]*(?:said|says|asked|replied|added|answered)\b")
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


def _interview_paragraphs(text: str):
    """(label range, content range) for each "Q: ..." and "A: ..." paragraph of an interview
    (an article with both)."""
    found = [(m.start(1), m.end(1), m.start(2), m.start(2) + len(m.group(2).rstrip()))
             for m in re.finditer(r"(?m)^(Q|A|Question|Answer)\s*[:.][ \t\u00a0]+(\S[^\n]*)", text)]
    if not ({text[s].upper() for s, *_ in found} >= {"Q", "A"}):
        return
    for start, end, content_start, content_end in found:
        yield (start, end), (content_start, content_end)


def _labelled_paragraphs(text: str):
    """(speaker, content range, cue mark) for paragraphs that are a label and what it said:
    "PENCE: Well, ...", "Poll: Wealthy Voters ..."."""
    verbs = cue_data()["all_verbs"]
    for para in re.finditer(r"[^\n]+", text):
        line, base = para.group(0), para.start()
        label = _LABEL.match(line)
        if not label or len(line[label.end():].split()) < 3:
            continue
        words = label.group(1).lower().split()
        titled = words[0].rstrip(".") in role_data()["titles"]  # "Dr. Ben Carson: ..."
        if words[0] in _NOT_LABELS or (len(words) > 2 and not label.group(1).isupper() and not titled) or \
                any(w in verbs or w.rstrip("s") in verbs for w in words):
            continue  # "UPDATE:", a headline "Veto Power Impedes Peace Efforts:", "Trump Says:"
        end = len(line.rstrip())
        while end > label.end() and line[end - 1] in "\"”' .":
            end -= 1
        yield ((label.group(1), base + label.start(1), base + label.end(1)), (base + label.end(), base + end), ":")


def _interrupted_by(text: str, start: int, end: int, cue: _Cue, sentences, cues: dict[int, list[_Cue]]) -> bool:
    """Whether ``text[start:end]``, between two quoted passages, is only their attribution:
    in the middle of a sentence ('," she said, "', '," said X, a Y at Z, "') or between two
    sentences of one statement ('"A," she said. "B."', '"A?" he asked on "Meet the Press."
    "B."': attribution corpora keep A and B as one quote)."""
    gap = text[start:end]
    if len(gap) > 300 or "\n" in gap or cue.token is None:
        return False
    tail = re.sub(r"[\s\"“”„«»‘’']+$", "", gap)
    if not tail.endswith((",", ";", ":", "—", "–", "-", "but", "and", ".")):
        return False
    at = sentences[cue.sentence][3] + cue.token.idx
    if not (start <= at < end and start <= cue.mention[0] < end):
        return False
    # Only the attribution's own sentence lies between: '"A," she said. He paused. "B."'
    # is two quotes.
    after = text[sentences[cue.sentence][1]:end]
    if after.strip("\"“”„«»‘’' \n\u00a0"):
        return False
    # '"A," Christie said, adding that he had fought for bills. "B."': the sentence between
    # reports something else as well; A and B stay apart and that report is kept.
    return not any(other is not cue and other.content and start <= other.content[0] and other.content[1] <= end
                   and other.token is not None and other.token.lemma_.lower() in cue_data()["verbs"]
                   and any(c.dep_ == "ccomp" for c in other.token.children)
                   for other in cues.get(cue.sentence, []))


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
        lead = text[:at]
        if at <= 2 or lead.rstrip().endswith((":", "—", "–", " -")) or re.fullmatch(
                r"\s*(?:(?:and|but|yet|so|however|also|still|now|then|meanwhile|indeed|in fact)\W*\s*)+", lead, re.I):
            # At the start of its clause ("According to X, ...", "But according to X, ...",
            # "... unnoticed: According to X, ..."): the rest after the comma is the content.
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
        after = text[comma + 1:].strip().rstrip(".") if comma != -1 else ""
        if text[:at].rstrip().endswith(",") and len(after.split()) >= 3:
            # "Putin, according to Chinese journalists, is displeased with ...": the
            # attribution interrupts its content, which is the whole sentence around it.
            end = len(text.rstrip())
            while end > 0 and text[end - 1] in ".,;:":
                end -= 1
        return (offset, offset + end) if end > 0 else None
    return None
