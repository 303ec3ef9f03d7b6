"""Who speaks: the subject of a cue, its name, and what a pronoun ("he", "they", "it")
stands for."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..entities import role_data
from .lexicon import cue_data


def _name_span(token):
    """The speaker's name around a subject token: its named entity if it has one, else the
    noun with its compounds and article ("the email", "the 46-year-old"); a common noun with
    a named appositive gives the name ("The author of the article, Isabelle Van Bruggen,
    believes" -> Isabelle Van Bruggen)."""
    doc = token.doc
    if token.pos_ != "PROPN" or token.ent_type_ != "PERSON":
        # "Kazakhstan's President, Kassym-Jomart Tokayev, said": the name in apposition.
        for child in token.subtree:
            if child.dep_ == "appos" and child.pos_ == "PROPN" and 0 < child.i - token.i <= 8:
                token = child
                break
    left = right = token.i
    if token.ent_type_ == "DATE":  # "the 46-year-old": an age the model tags as a date, with its article
        left, right = next((ent.start, ent.end - 1) for ent in doc.ents if ent.start <= token.i < ent.end)
    elif token.ent_type_ and token.ent_type_ not in ("PERCENT", "CARDINAL", "QUANTITY"):
        for ent in doc.ents:
            if ent.start <= token.i < ent.end:
                start = ent.start
                # The small model often leaves a first name out of the entity.
                while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i in range(start, ent.end):
                    start -= 1
                while start < ent.end - 1 and doc[start].lower_ in ("said", "says"):
                    start += 1  # 'Said Ellis: "..."' (the model reads "Said" as a first name)
                return doc[start:ent.end]
    # Modifiers of the noun or of its modifiers: "Foreign policy analysts", not "policy analysts".
    while left > 0:
        before = doc[left - 1]
        if left - 1 < before.head.i <= token.i and before.lower_ not in ("said", "says") and \
                before.dep_ in ("compound", "det", "poss", "amod", "flat", "nummod", "quantmod"):  # (not 'Said Ellis')
            left -= 1
        elif before.dep_ == "case" and left > 1 and before.head.i == left - 2 and doc[left - 2].dep_ == "poss" \
                and left - 2 < doc[left - 2].head.i <= token.i:
            left -= 2  # "Trump's campaign"
        elif before.dep_ == "det" and before.head.i > token.i and token.dep_ == "compound":
            left -= 1  # '"...," the email read': the parser made "email read" one noun; "the" is ours
        else:
            break
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
    if token.ent_type_ in ("DATE", "TIME") and not (
            token.lower_ == "old" and token.i >= 2 and "year" in token.doc[token.i - 2].lower_):
        return False  # "Thursday morning" parsed as a subject (but '"...," said the 46-year-old')
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
    if token.pos_ == "ADV" and token.is_title and not token.is_sent_start:
        return True  # '"...," said Skelly': a capitalised "adverb" inside a sentence is a name
    return token.pos_ in ("PROPN", "NOUN", "PRON", "NUM", "ADJ", "DET") or bool(token.ent_type_)


# Nouns for people and bodies end so: "voters", "senator", "economist", "politician",
# "participants", "residents", "the campaign", "the committee", "people", "staff", "critics",
# "aides", "officials", or are one of these (not "signs", "the reality", "that sentiment").
_AGENT_ENDINGS = re.compile(r"(?:er|or|ist|ian|ant|ent|aign|ee|ff|ple|ic|ide|ial)s?$")
_AGENT_NOUNS = {"party", "parties", "government", "governments", "department", "administration", "agency",
                "court", "majority", "minority", "public", "electorate", "team", "group", "board", "panel"}


def _agent(subject) -> bool:
    """Whether ``subject`` is a person or a body, as a verb on no cue list needs to report a
    clause ("Walter Hewlett sniped that ..."; not "the science became clear that ...")."""
    if not _can_speak(subject) or subject.lower_ in ("it", "this", "that", "which"):
        return False
    return subject.pos_ in ("PRON", "PROPN") or subject.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or \
        subject.lower_ in _AGENT_NOUNS or bool(_AGENT_ENDINGS.search(subject.lower_))


def _role(token) -> str | None:
    """The role a word names ("Gov." -> governor), "vice president" apart from president."""
    role = cue_data()["role_words"].get(token.lower_.rstrip("."))
    if role and (token.i > 0 and token.doc[token.i - 1].lower_ in ("vice", "vice-") or
                 any(c.lower_ == "vice" for c in token.children)):
        return "vice " + role
    return role


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
        self.bodies: set[str] = set()  # last words of the organisations and places named ("Factcheck.org")
        self.plural: set[int] = set()  # where speakers that are groups ("Fishermen") start
        self.descriptions: set[int] = set()  # where a description resolved by role ("the congressman") starts
        # Roles a person is named with ("Rep. Ann Ruiz" -> congressman), by surname and by name,
        # and the words that name them so ("Sen. Marco Rubio of Florida").
        self.roles: dict[str, set[str]] = defaultdict(set)
        self.contexts: dict[str, set[str]] = defaultdict(set)

    @staticmethod
    def _name(name: str) -> str:
        return re.sub(r"['’]s\b.*$|(?<=s)['’]$", "", name)

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
            if token.pos_ != "PRON":  # ("She says Trump ...": not how Trump is referred to)
                words.append(token.lower_.rstrip("."))
        root = ent.root
        appositives = ([root.head] if root.dep_ == "appos" else []) + [c for c in root.children if c.dep_ == "appos"]
        words += [t.lower_ for t in appositives]
        if root.dep_ == "nsubj":
            words += [s.lower_ for c in root.head.children if c.dep_ == "ccomp"
                      for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
        key = self._key(ent.text)
        self.names.add(key)
        # Roles only from the name's own phrase ("Texas Gov. Rick Perry", "a senator, Ann Ruiz,"),
        # not from the words of the clause before it ("the nominee explained that Comey ...").
        title = []
        for token in reversed(ent.doc[max(0, ent.start - 4):ent.start]):
            if not (ent.start <= token.head.i < ent.end or token.head.i in title) or token.is_punct:
                break
            title.append(token.i)
        phrase = [ent.doc[i] for i in title] + appositives
        # (Unlisted nouns count too: "Ann Ruiz, a harbour worker," is not "the congressman".)
        roles = {_role(t) or (t.lemma_.lower() if t.pos_ == "NOUN" else None) for t in phrase} - {None}
        if roles:
            self.roles[key] |= roles
            self.roles[self._name(ent.text)] |= roles
            # (Its own words only: "Texas Sen. Ted Cruz and Florida Sen. Marco Rubio".)
            after = ent.doc[ent.end:ent.end + 3]
            context = phrase + list(after if after and after[0].lower_ == "of" else [])
            self.contexts[key] |= {w.lower_ for t in context for w in (t.subtree if t.dep_ == "appos" else [t])}
        for word in words:
            if word in data["male_words"] or word in ("he",):
                self.votes[key]["m"] += 1
            elif word in data["female_words"] or word in ("she",):
                self.votes[key]["f"] += 1

    def saw_body(self, name: str) -> None:
        """An organisation or place named (`extract._a_body`): not who "he" or "she" can mean."""
        self.bodies.add(self._key(name))

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

    def spoke(self, text: str, start: int, end: int, at: int | None = None) -> None:
        if text[:1].isupper() and text.lower() not in cue_data()["pronouns"]:
            self.speakers.append((start if at is None else at, text, start, end))
            self.speakers.sort()

    def is_person(self, name: str) -> bool:
        """Whether ``name`` is (the surname of) a person named in the document."""
        return self._key(name) in self.names

    def is_name(self, token) -> bool:
        """Whether the word ``token`` is capitalised and names a person of the document, whatever
        the tagger read it as ("Will believes ...", "Day said ...")."""
        return token.text[:1].isupper() and self.is_person(token.text)

    def most_named(self, before: int | None = None) -> tuple[str, int, int] | None:
        """The person the article names most often (by surname) - or, given ``before``, most
        often before that offset - at their first full mention."""
        counts = Counter(self._key(text) for at, text, _, _ in self.mentions if before is None or at < before)
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

    def described(self, token):
        """The person a definite description names by role: "the congressman", "the Texas
        governor" -> the last person named before it with that role ("Rep. Anthony Weiner",
        "Gov. Rick Perry" of Texas); None when there is none, and for "the president of X" or
        "the chairman, Ann Ruiz," (the name is right there, as it is for a description the
        parser hung on a name as its appositive)."""
        role = _role(token)
        if role is None or token.tag_ != "NN" or token.dep_ == "appos" or \
                not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) or \
                any(c.dep_ == "prep" and c.lower_ == "of" or c.dep_ == "appos" for c in token.children):
            return None
        # "the Florida senator", "the French president": the words that name the person say so.
        qualifiers = {c.lower_ for c in token.children if c.dep_ in ("amod", "compound") and c.text[:1].isupper()}
        position = self.offset + token.idx
        # The last person named before it, passing over those named with other roles only
        # ("the president said" after Sen. Ruiz: not Ruiz); one named with no role may be the
        # one meant ("Christie said ... The governor claimed"), so then no one is chosen.
        passed = set()
        for at, text, start, end in reversed(self.mentions):
            key = self._key(text)
            if at >= position or key in passed:
                continue
            roles = self.roles.get(key, set())
            if role in roles and qualifiers <= self.contexts[key]:
                mentions = [m for m in self.mentions if m[0] < position and self._key(m[1]) == key]
                # Of a family ("Laura Bush", "George W. Bush"), the one named with the role.
                _, text, start, _ = ([m for m in mentions if role in self.roles.get(self._name(m[1]), ())] or
                                     mentions)[-1]
                name = self._name(text)
                return (name, start - self.offset, start + len(name) - self.offset)
            if not roles:
                return None
            passed.add(key)
        return None

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
                key = self._key(name)
                if want is not None and key in self.bodies and key not in self.names:
                    return False  # "(..., according to Factcheck.org). He defended ...": not it
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


_RELATIVE = {"who", "which", "that"}


# Nouns an infinitive cue hangs on that leave the speaker to the verb around them.
_OCCASIONS = {"way", "chance", "opportunity", "occasion", "moment", "time", "effort", "pains", "trouble"}


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


def _is_seen_as(token) -> bool:
    """Whether ``token`` reads as a passive view ("she's seen as ...", "he's expected to
    ..."): a verb of `sourceless_passives` with an "as" phrase or a to-clause."""
    return token.lemma_.lower() in cue_data()["sourceless_passives"] and any(
        c.dep_ == "prep" and c.lower_ == "as" or c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)
        for c in token.children)


def _misparsed_namer(token):
    """The person who names, when the parser read a naming verb with its two objects as a
    participle on the noun before it: "one lawmaker called Trump 'the orange prince of ...'",
    "De Blasio, speaking on WOR710, called Trump a 'blowhard'" (the objects may hang on each
    other). Not "a website called 'Save the Quay'": one object, no person; nor the letter in
    "One of the doctors who sent the letter called Oz a quack" (the relative clause ended before
    the verb: the namer is "One", no person or body, so no one is named rather than the letter)."""
    if not (token.dep_ == "acl" and token.tag_ == "VBN" and token.head.i < token.i and
            token.head.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in cue_data()["object_verbs"]):
        return None
    objects = [c for c in token.children if c.dep_ in ("oprd", "dobj") and c.i > token.i
               and c.pos_ in ("NOUN", "PROPN", "PRON")]
    if len(objects) + sum(g.dep_ in ("oprd", "dobj") for c in objects for g in c.children) < 2:
        return None
    namer = token.head
    if namer.dep_ == "dobj" and namer.head.dep_ == "relcl":
        namer = namer.head.head
        if namer.dep_ == "pobj" and namer.head.lower_ == "of" and namer.head.head.pos_ in ("NUM", "PRON"):
            namer = namer.head.head
    return namer if _agent(namer) else None


def _by_whom(token) -> list:
    """The objects of a passive verb's agent ("asked by a reporter", "seen by some as ...")."""
    return [p for c in token.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]


def _subject(token, inside: set[int]):
    """The token that speaks for the cue verb ``token``: the passive's agent, the subject, or -
    for "..., saying ...", "and said", "who said" - the subject of the verb it hangs from.
    Returns (speaker token, mention token); they differ for a relative pronoun ("Pence, who
    said": Pence speaks, "who" is the mention). In order: the few forms with a speaker of
    their own, the climb to a subject (`_climb_to_subject`), then the speakers a misparse put
    elsewhere (`_inverted_subject`, `_name_before`, `_relative_clause_subject`)."""
    if token.lemma_.lower() == "ask" and token.tag_ == "VBN" and token.dep_ == "advcl":
        return None, None  # "Asked if ..., 46 percent said yes": they were asked; who asked is not said
    if _garden_path(token) is not None and token.head.i not in inside:
        return token.head, token.head
    agents = _by_whom(token)
    if agents and not any(c.dep_ == "nsubj" for c in token.children):  # not "X said by email"
        return agents[0], agents[0]
    # "That attitude, many argue, could ...": the parser read "many" as a modifier of the verb.
    quantifier = next((c for c in token.children if c.dep_ in ("amod", "advmod", "npadvmod") and c.i == token.i - 1
                       and c.lower_ in ("many", "some", "most", "others", "few", "several", "critics")), None)
    if quantifier is not None and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        return quantifier, quantifier
    if token.dep_ == "acl" and token.tag_ == "VBD" and token.head.dep_ == "ROOT" and token.head.i < token.i \
            and token.head.i not in inside and (token.head.pos_ == "PROPN" or any(
                c.dep_ == "appos" and c.pos_ == "PROPN" for c in token.head.children)):
        # '"...!" the presumptive GOP nominee, Walter Brandt, tweeted Sunday': a sentence of its
        # own that the parser read as a noun with a clause; a past tense is the noun's verb.
        return token.head, token.head
    found, head = _climb_to_subject(token, inside)
    if found is not None:
        return found
    misplaced = _inverted_subject(token, head, inside)
    if misplaced is None:
        misplaced = _name_before(token, inside)
    if misplaced is None:
        misplaced = _relative_clause_subject(token, inside)
    return misplaced, misplaced


def _verb_above(token):
    """The first verb at or above ``token`` in the parse, or None."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token if token.pos_ in ("VERB", "AUX") else None


def _climb_to_subject(token, inside: set[int]):
    """From the cue verb up through the verbs it hangs from (participles, conjoined verbs,
    "to say", "by talking about") to the first with a subject: ((speaker, mention), the verb
    where the climb stopped); (None, that verb) when none has one."""
    head, hops, conjoined = token, 0, False
    while True:
        subjects = [c for c in head.children if c.dep_ == "nsubj" and c.i not in inside]
        if not subjects and hops == 1 and token.tag_ == "VBG" and token.dep_ == "xcomp" and \
                head.lemma_.lower() in ("hear", "see") and head.tag_ == "VBN" and \
                any(c.dep_ == "ccomp" for c in token.children):
            # "Some Republicans could be heard grousing that ...": the one heard speaks.
            subjects = [c for c in head.children if c.dep_ == "nsubjpass" and c.i not in inside]
        if not subjects and (hops and conjoined or any(c.dep_ == "auxpass" and c.lower_ in ("'s", "’s")
                                                        for c in head.children) and not _is_seen_as(head)):
            # "Trump was forced into damage control and said ...": the passive's subject speaks
            # for the verb joined to it.
            # "He's said he gets his ideas from ...": "has said", parsed as a passive.
            subjects = [c for c in head.children if c.dep_ == "nsubjpass" and c.i not in inside]
        if subjects:
            # (Two subjects are a misparse: the one nearest before the verb is its own -
            # "... for people ... to organize, she said".)
            before = [c for c in subjects if c.i < head.i]
            subject = before[-1] if len(subjects) > 1 and before else subjects[0]
            if subject.lower_ in _RELATIVE and head.dep_ == "relcl" and head.head.i not in inside:
                return (_described_by(head.head) if subject.lower_ == "who" else head.head, subject), head
            return (subject, subject), head
        namer = _misparsed_namer(head)
        if namer is not None and namer.i not in inside:
            return (namer, namer), head
        if head.dep_ == "conj" and (head.head.i in inside or any(c.i in inside for c in head.head.children
                                                                    if c.dep_ == "nsubj")):
            # '"... sitting in Siberia," Mr. Daniloff, now 81 and retired in Cambridge, said ...':
            # the parser joined the cue to the quotation's verb; the subject of the verb joined
            # before it, outside the quotation, speaks.
            joined = [n for c in head.head.children if c.dep_ == "conj" and c.i < head.i and c.i not in inside
                      for n in c.children if n.dep_ == "nsubj" and n.i not in inside]
            if joined:
                return (joined[-1], joined[-1]), head
        if head.dep_ == "acl" and head.tag_ == "VBG" and head.head.pos_ in ("NOUN", "PROPN") and \
                head.head.i < head.i and head.head.i not in inside:
            found = _participle_holder(head, inside)
            if found is not None:
                return found, head
        if head.dep_ == "pcomp" and head.head.dep_ == "prep" and head.head.head.pos_ in ("VERB", "AUX") \
                and not (head.head.lower_ in ("for", "of") and any(c.dep_ == "dobj" for c in head.head.head.children)) \
                and not any(c.dep_ in ("nsubjpass", "nsubj") for c in head.children) \
                and hops < 3 and head.head.head.i not in inside:
            # "Trump pivoted to talking about trade", "launched his campaign by talking about ...";
            # "apologized for saying ..."; not "commended Tokayev for resisting ..." (Tokayev
            # resisted), "despite X being seen as".
            head, hops, conjoined = head.head.head, hops + 1, False
            continue
        if head.dep_ in ("relcl", "acl") and head.head.lemma_.lower() in _OCCASIONS and hops < 3 and \
                any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children) and \
                any(c.dep_ == "ccomp" for c in token.children):
            # "He went out of his way to say that ...", "took the opportunity to warn that ...":
            # the subject of the verb the occasion hangs on (not "has a chance to show X": a
            # clause reported, not an aim).
            verb = _verb_above(head.head)
            if verb is not None and verb.i not in inside:
                head, hops, conjoined = verb, hops + 1, False
                continue
        # ("Insiders were more likely to say ...": the subject of the verb the adjective hangs on;
        # "activists clamoring to block Trump say ...": the parser made the participle the
        # main verb and left "say" hanging on it.)
        stranded = head.dep_ == "dep" and head.head.tag_ == "VBG" and head.head.i < head.i
        if head.dep_ not in ("advcl", "xcomp", "conj", "acl", "acomp") and not stranded or hops >= 3 or \
                head.head.i in inside:
            return None, head
        conjoined = head.dep_ == "conj" and not any(c.dep_ == "nsubjpass" for c in head.children)
        head, hops = head.head, hops + 1


def _participle_holder(participle, inside: set[int]):
    """Who speaks for a participle hung on a noun: (speaker, mention), or None to climb on."""
    if participle.doc[participle.i - 1].text == ",":
        # "he commended Tokayev for resisting pressures, alluding to ...": a participle
        # after a comma belongs to the clause's subject, wherever the parser hung it.
        verb = _verb_above(participle.head)
        if verb is not None and verb.i not in inside:
            return _subject(verb, inside)
        return None
    # "a super PAC backing Jeb Bush", "a statement saying ..."; "voters in all five
    # states supporting a ban": the voters, not the states.
    holder = participle.head
    while holder.dep_ == "pobj" and holder.head.lower_ in ("in", "at", "from", "across", "around") \
            and holder.head.head.pos_ in ("NOUN", "PROPN", "PRON") and holder.head.head.i not in inside:
        holder = holder.head.head
    if holder.lemma_.lower() in cue_data()["vehicles"] and holder.dep_ == "dobj":
        # "The campaign issued a statement saying ...": the campaign's words; "the senator
        # opened a rally blasting Clinton": the senator blasts, not the rally.
        author, mention = _subject(holder.head, inside)
        if author is not None and _can_speak(author):
            return author, mention
    return holder, holder


def _inverted_subject(token, head, inside: set[int]):
    """The speaker after the verb or in a clause the parser put before it (``head``: where the
    climb to a subject stopped)."""
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
            return subject
    said_before = any(c.dep_ == "ccomp" and c.i < token.i for c in token.children) or \
        (token.i > 0 and token.doc[token.i - 1].is_punct) or \
        token.is_sent_start and token.text[:1].isupper()  # 'Said Ellis: "..."
    if not said_before:
        return None
    for child in token.children:
        if child.i > token.i and child.dep_ in ("dobj", "npadvmod", "attr", "dep", "nsubjpass") \
                and child.pos_ in ("PROPN", "NOUN") and child.i not in inside \
                and not any(c.dep_ == "poss" for c in child.children):  # not "denounced her record"
            return child
        if child.i == token.i + 1 and child.dep_ == "advmod" and child.is_title and child.i not in inside \
                and child.ent_type_ not in ("DATE", "TIME"):
            return child  # '"...," said Skelly': a name read as an adverb
    # '"The risk," said Edward Leamer, an economist, "is that ..."': the parser made the
    # name the subject of the quote's second half.
    if token.i + 1 < len(token.doc):
        name = token.doc[token.i + 1]
        while name.dep_ in ("compound", "det", "amod") and token.i < name.head.i <= token.i + 5:
            name = name.head
        if name.pos_ == "PROPN" and name.i not in inside and (
                name.dep_ in ("nsubj", "appos") or token.is_sent_start and name.dep_ == "ROOT"):
            return name
    return None


def _name_before(token, inside: set[int]):
    """The name or noun right before the verb, when the parser hung it elsewhere."""
    # '"...," Tulsa police Chief Chuck Jordan said Monday': the parser lost the name between
    # the quotation and the verb (here "Tulsa" read as a verb); it is the speaker.
    # So is a name the parser hung elsewhere right before the verb ("... of the Washington
    # Post Trump said that ...").
    doc = token.doc
    before = token.i - 1
    # (Past the verb's own adverbs: "..., the campaign chief, Paul Manafort, bluntly suggested".)
    while before > token.sent.start and doc[before].dep_ == "advmod" and doc[before].head.i == token.i and \
            doc[before].tag_ == "RB":
        before -= 1
    if doc[before].text == ")":
        # "Sen. Elizabeth Warren (D-MA) said", "Sen. Chris Murphy (a Connecticut Democrat so
        # boyish he has been mistaken for a junior staffer) says"
        opening = next((i for i in range(before - 1, max(before - 30, token.sent.start - 1, 0), -1)
                        if doc[i].text in "()"), None)
        before = opening - 1 if opening is not None and doc[opening].text == "(" else before
    elif doc[before].text == "," and before > 1 and token.dep_ == "ROOT":
        # "As part of his plea, Marcel Lehel Lazar, 44, said that ...": the parser hung the name
        # on the phrase before it; the appositive that the comma closes hangs on the speaker.
        # So is one hung on the end of what was said ("X have been placed in storage, Patrick F.
        # Kennedy, the undersecretary, wrote"; '"A," William M. Daley, a former aide, said').
        closed = doc[before - 1]
        while closed.dep_ != "appos" and closed.head.i < before and closed.head.i != closed.i and \
                closed.head.i >= token.sent.start:
            closed = closed.head
        named = closed.head
        if closed.dep_ == "appos" and named.i < closed.i and named.pos_ == "PROPN" and named.i not in inside:
            return named
        if closed.dep_ == "appos" and named.i < closed.i and named.dep_ == "appos" and closed.pos_ == "PROPN" and \
                closed.i not in inside:
            # "In a statement to the Observer, her senior policy adviser, Jake Sullivan, said":
            # the adviser and his name, both hung on the phrase before them; the name speaks.
            return closed
    if before > 0 and doc[before].pos_ == "PROPN" and before not in inside and token.dep_ in ("ROOT", "conj", "ccomp"):
        return doc[before]
    if before > 0 and doc[before].pos_ == "NOUN" and before not in inside and token.dep_ == "ROOT":
        # "In an interview with hosts X and Y, the Democratic candidate stated that ...": the
        # parser hung the subject on the names before it; a noun phrase after a comma.
        left = before
        while left - 1 > token.sent.start and doc[left - 1].dep_ in ("det", "amod", "compound", "poss", "case") \
                and doc[left - 1].head.i <= before:
            left -= 1
        if doc[left].pos_ == "DET" and doc[left - 1].text == ",":
            return doc[before]
    return None


def _relative_clause_subject(token, inside: set[int]):
    """ "Sanders, meanwhile, who sits at zero endorsements, said ...": the parser made the
    relative clause the cue's complement, with the name as its second subject."""
    clause = next((c for c in token.children if c.dep_ == "ccomp" and c.i < token.i), None)
    if clause is not None:
        subjects = [c for c in clause.children if c.dep_ == "nsubj" and c.i not in inside]
        if len(subjects) == 2 and subjects[1].lower_ in ("who", "which") and subjects[0].pos_ in ("PROPN", "NOUN"):
            return subjects[0]
    return None


def _surname_before(token, inside: set[int], people: _People):
    """The name right before a cue verb that the parser gave no subject, when the article
    names someone so: "Will believes ..." (George Will, read as "will"), "Jolly said ..." (read
    as an adverb); else None."""
    if token.i == token.sent.start or token.dep_ not in ("ROOT", "conj", "ccomp"):
        return None
    before = token.doc[token.i - 1]
    if before.i in inside or before.pos_ == "PROPN" or not people.is_name(before):
        return None  # (a PROPN is `_subject`'s own fallback)
    return before


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


def _described_by(noun):
    """Who the antecedent of "who" describes when it is what someone is said to be: "Donald
    Trump is a serial liar, rampant xenophobe and birther who has pledged ..." - the liar who
    pledged is Trump, not "rampant xenophobe"; else the antecedent itself (a name - "Trump was
    out-brutalizing Ted Cruz, who said ..." - is its own, however the parser hung it)."""
    first = noun
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if first.dep_ == "attr" and first.pos_ == "NOUN" and first.head.lemma_ == "be":
        subject = next((c for c in first.head.children if c.dep_ == "nsubj" and c.i < first.i), None)
        if subject is not None and subject.pos_ == "PROPN":
            return subject
    return noun


def _speaker_of(subject, mention, people: _People, offset: int):
    """(speaker, mention) in article coordinates for a subject token."""
    resolved = people.resolve(subject) if subject.lower_ != "it" else _body_it_stands_for(subject, people)
    described = None if resolved else people.described(subject)
    resolved = resolved or described
    if resolved:
        speaker = (resolved[0], resolved[1] + offset, resolved[2] + offset)
    else:
        span = _name_span(subject)
        speaker = (span.text, span.start_char + offset, span.end_char + offset)
        if subject.tag_ in ("NNS", "NNPS"):
            people.plural.add(speaker[1])
    if mention is subject:
        span = _name_span(mention) if not resolved or described else mention.doc[mention.i:mention.i + 1]
        where = (span.start_char + offset, span.end_char + offset)
    else:
        where = (mention.idx + offset, mention.idx + len(mention.text) + offset)
    if described:
        people.descriptions.add(where[0])
    return speaker, where
