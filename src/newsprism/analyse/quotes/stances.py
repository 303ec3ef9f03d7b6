"""Stances: what someone is said to back, oppose, want, weigh or do where no cue of the
lexicon reports it ("Republicans wondering about his ability to continue", "Gowdy promises a
report", "The group views Obama more favourably", "Trump's support for the ban").

Attribution corpora annotate these as attributions; the cue words are a long tail (PolNeAR's
train split holds about 6,000 distinct cues, most seen once or twice) that no word list
covers. So each object of a verb or noun with a holder - a verb's direct or prepositional
object or passive subject, a noun's prepositional object - is a candidate, and a logistic
model scores it from the parse: the cue's lemma, the pattern, who holds it (a name, a
pronoun, a noun for a body), the content's head and length. It was trained on PolNeAR's
train split by ``bench/train_stances.py``, which writes the weights and the threshold to
``analyse/data/stances.json`` (a plain table of feature weights, so no pickle and no
scikit-learn at run time). Candidates the rules already cover, and those with no holder,
are left out: a stance no one holds tells a reader nothing."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .content import _edges
from .speakers import _RELATIVE, _agent, _by_whom, _can_speak, _subject

MODEL = "data/stances.json"  # under newsprism.analyse; swap in another trained table here

# A noun's prepositional objects that say what a stance is about ("criticism of X", "support
# for X", "a campaign against X"); "in", "at" and the like say where and when.
_NOUN_PREPS = {"of", "for", "against", "on", "about", "over", "to", "with"}
_PRONOUNS = {"he", "she", "they", "we", "i", "you", "it"} | _RELATIVE
_KID_DEPS = ("neg", "aux", "auxpass", "ccomp", "xcomp", "advmod", "dative", "prt", "dobj", "npadvmod")
_HEAD_DEPS = {"xcomp", "conj", "advcl", "relcl", "acl", "pcomp", "dobj", "pobj"}


@dataclass
class StanceCandidate:
    """One verb's or noun's object that may be a stance of its holder."""

    sentence: int  # number of the sentence in the article
    token: object  # the verb or noun ("promises", "criticism")
    pattern: str  # dobj | nsubjpass | prep:<word> | nprep:<word>
    content: tuple[int, int]  # article coordinates
    holder: object  # the token that holds the stance (subject, agent, possessor)
    mention: object  # where the holder is written ("who" for "Pence, who backs ...")
    features: dict[str, float]

    @property
    def cue(self) -> str:
        """The verb or noun as written, with its negation ("not recognized": the content
        alone reads as the opposite), particle and preposition ("weighed in about"); a noun
        its holder holds through a verb is read from that verb ("turned his back on",
        "voiced sharp criticism of"), when those are a few words in a row."""
        token = self.token
        if token.pos_ == "NOUN" and token.dep_ == "dobj" and \
                not any(c.dep_ == "poss" and c.i == self.holder.i for c in token.children):
            prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == self.pattern.partition(":")[2]), None)
            if prep is not None and 0 < prep.i - token.head.i <= 6:
                return token.doc[token.head.i:prep.i + 1].text
        kids = list(token.children)
        words = [c.text for c in kids if c.dep_ == "neg"] + [token.text] + [c.text for c in kids if c.dep_ == "prt"]
        return " ".join(words + [self.pattern.partition(":")[2]]).strip()


def candidates(number: int, sentence, offset: int, inside: set[int], covered) -> list[StanceCandidate]:
    """The candidates of one sentence (a spaCy Span at ``offset`` in the article) whose content
    lies in no range of ``covered`` (the quotes found so far) and that have a holder."""
    out = []
    quotes_here = sum(1 for a, b in covered if a < offset + sentence.end_char and offset + sentence.start_char < b)
    for token in sentence:
        if token.i in inside or token.pos_ not in ("VERB", "NOUN"):
            continue
        objects = list(_objects(token))
        holder, mention = _holder(token, inside) if objects else (None, None)
        if holder is None:
            continue
        for pattern, child in objects:
            edges = _edges(child.subtree)
            if edges is None:
                continue
            content = (edges[0] + offset, edges[1] + offset)
            if any(a < content[1] and content[0] < b for a, b in covered):
                continue
            features = _features(token, pattern, holder, content, quotes_here, offset)
            out.append(StanceCandidate(number, token, pattern, content, holder, mention, features))
    return out


def _objects(token):
    """(pattern, token heading the content) for each object of ``token``."""
    for child in token.children:
        if token.pos_ == "VERB" and child.dep_ in ("dobj", "nsubjpass"):
            yield child.dep_, child
        elif child.dep_ == "prep" and (child.lower_ != "by" if token.pos_ == "VERB" else child.lower_ in _NOUN_PREPS):
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                yield ("prep:" if token.pos_ == "VERB" else "nprep:") + child.lower_, obj


def _holder(token, inside: set[int]):
    """(holder, mention) of a verb (its subject or agent, as for a cue verb) or a noun: the
    subject of the verb it is the object of ("X voiced criticism of Y", "X turned his back
    on Y"), else its possessor ("Trump's support for Y")."""
    if token.pos_ == "VERB":
        return _subject(token, inside)
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if token.dep_ == "dobj" and token.head.pos_ == "VERB" and (owner is None or owner.pos_ == "PRON"):
        # ("Erdogan turned his back on ...": the pronoun is the subject's own; resolved
        # alone it went to the last name before it, "Putin".)
        holder, mention = _subject(token.head, inside)
        if holder is not None:
            return holder, mention
    return (owner, owner) if owner is not None else (None, None)


def _features(token, pattern: str, holder, content: tuple[int, int], quotes_here: int, offset: int) -> dict:
    """The candidate's features, names as ``bench/train_stances.py`` wrote them into the table
    (renaming one or adding another needs a retrained table)."""
    lemma, coarse, sentence = token.lemma_.lower(), pattern.partition(":")[0], token.sent
    kind = holder.ent_type_ or ("PRON" if holder.lower_ in _PRONOUNS else holder.pos_)
    f = {f"pattern={coarse}": 1.0, f"pattern={pattern}": 1.0, f"lemma={lemma}": 1.0, f"lemma|pattern={pattern}|{lemma}": 1.0,
         f"tag={token.tag_}": 1.0, f"dep={token.dep_}": 1.0, f"pattern|dep={coarse}|{token.dep_}": 1.0,
         f"holder={kind}": 1.0, f"holder_dep={holder.dep_}": 1.0, f"holder_lemma={holder.lemma_.lower()}": 1.0,
         f"lemma|holder={lemma}|{kind}": 1.0, f"pattern|holder={coarse}|{kind}": 1.0,
         f"holder_speaks={_can_speak(holder)}": 1.0, f"holder_agent={_agent(holder)}": 1.0,
         f"quotes_in_sentence={min(2, quotes_here)}": 1.0}
    if holder.lower_ in _PRONOUNS:
        f[f"holder_word={holder.lower_}"] = 1.0
    for child in token.children:
        if child.dep_ in _KID_DEPS:
            f[f"child={child.dep_}"] = 1.0
        if child.dep_ == "prt":
            f[f"particle={lemma}|{child.lower_}"] = 1.0
    if token.dep_ in _HEAD_DEPS:
        f[f"head={token.dep_}|{token.head.lemma_.lower()}"] = 1.0
    if _by_whom(token):
        f["passive_agent"] = 1.0
    f[f"length={min(8, (content[1] - content[0]).bit_length())}"] = 1.0
    words = [t for t in sentence if content[0] <= offset + t.idx < content[1]]  # (a subtree stays in its sentence)
    top = next((t for t in words if t.head not in words or t.head is t), None)
    if top is not None:
        what = top.ent_type_ or top.pos_
        f.update({f"content_pos={top.pos_}": 1.0, f"content_ent={top.ent_type_ or '-'}": 1.0,
                  f"content_lemma={top.lemma_.lower()}": 1.0, f"content_first={words[0].lower_}": 1.0,
                  f"lemma|content={lemma}|{what}": 1.0})
    f[f"quote_marks={any(t.is_quote for t in sentence)}"] = 1.0
    f[f"root={token.dep_ == 'ROOT'}"] = 1.0
    f[f"first_sentence={sentence.start == 0}"] = 1.0
    return f


@dataclass
class StanceModel:
    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=1)
def stance_model() -> StanceModel | None:
    """The trained table, or None when the package holds none (then no stances are found)."""
    path = resources.files("newsprism.analyse").joinpath(MODEL)
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return StanceModel(data["weights"], data["bias"], data["threshold"])
