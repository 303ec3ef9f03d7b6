"""Labelled copy/rewrite/credit pairs made by script from real news text (for bench/copies.py).

Real text, known relations. The originals are real articles read in place from
/work/shared/data (never copied into this repository):

* timeline17/ - 4,352 dated news articles on 9 topics (CNN, BBC, Reuters, Guardian,
  Fox News, Washington Post). Same-topic articles a few days apart are realistic
  hard negatives: different reports of the same story, often of the same day's event.
* basil/      - 50 events, each reported by the New York Times, Fox News and HuffPost:
  three real, independent reports of one event (hard negatives that must not be copies).

Derived articles are made from the originals by the transformations below; the label
of each pair is the relation the script created (kind expected from ``classify``):

=================  ==============  ================================================
transform          expected kind   how the derived text is made
=================  ==============  ================================================
copy               copy            wire syndication: same paragraphs, maybe a dateline,
                                   a different first paragraph, boilerplate added, the
                                   last paragraph dropped, "U.S." -> "US"; no credit
truncation         copy            the first 25-60 % of the paragraphs
merge              copy            the first half (by paragraphs) of one original + the
                                   first half of another of its topic published within 3
                                   days; one pair with each original
rewrite            rewrite         sentence by sentence: synonym swaps, reporting verbs
                                   changed, clauses and phrases moved, asides dropped,
                                   until a sentence's rapidfuzz ratio to the original is
                                   under 70-85 (where any operation applies); 15-30 % of
                                   the sentences dropped, a few neighbours swapped;
                                   quotes and numbers kept; no credit
cited-summary      cites           the lead 30-50 % of the sentences, rewritten harder,
                                   with "according to <Outlet>"; cites=[original outlet]
cited-alias        cites           the same, but the credit names the outlet another way:
                                   "the BBC", "Washington Post", "Reuters news agency"
shared-upstream    shares-source   two different rewrites of a third text, both
                                   crediting the same wire ("Associated Press", "AFP")
wire-copies        shares-source   two syndicated copies (as "copy") of a third text, both
                                   crediting the same wire ("CAIRO (AP) —", cites=[wire]):
                                   neither copied the other
same-topic         none            two real timeline17 articles of one topic published
                                   at most 3 days apart (different outlets when the
                                   topic has several)
basil-same-event   none            two real BASIL reports of one event by two outlets
=================  ==============  ================================================

Pairs whose two real texts already share text (8-word shingle containment >= 0.2: the
same agency story filed twice, live-blog updates) are left out of the negatives and
counted, since their true label is unknown.

Split: every original article belongs to *train* or *test* by
``int(sha256(uid).hexdigest(), 16) % 3`` (0 -> test, else train; BASIL pairs by their
event's id); a pair is drawn only from originals of one split (merges and negatives pick
their partner in the same split), so no original text is seen in both. Everything is
deterministic (``seed``).

Dates: a derived article is published 1-2 days after its original ("dated"); the
benchmark also evaluates every pair with no dates at all ("undated"), which is what
``classify`` falls back to whenever two publication times are equal or missing.

``synthetic_stream`` makes the large corpus for the LSH scale test: articles of 12-30
real timeline17 sentences (runs of consecutive sentences from several articles of one
topic), with a few % planted near-duplicates of earlier articles.

    python bench/copycorpus.py --show rewrite       # print one example pair per transform
"""

from __future__ import annotations

import glob
import hashlib
import json
import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from newsprism.model import Article, content_hash

DATA = Path("/work/shared/data")

T17_OUTLETS = {"cnn": "CNN", "bbc": "BBC", "reuters": "Reuters", "guardian": "The Guardian",
               "foxnews": "Fox News", "washingtonpost": "The Washington Post"}
BASIL_OUTLETS = {"nyt": "The New York Times", "fox": "Fox News", "hpo": "HuffPost"}
# Outlets of derived articles (not in the sources, so no accidental credit matches).
SYNDICATORS = ["Yahoo News", "MSN News", "The Daily Herald", "Gulf Times", "The Star Tribune",
               "Newsday", "The Independent Record", "Morning Ledger", "NewsNow", "Daily Sentinel"]
AGGREGATORS = ["NewsDigest", "World Briefing", "Headline Hub", "The Roundup", "Daily Brief", "News Pulse"]
WIRES = ["Associated Press", "AFP"]
# How other outlets name the sources' outlets in a credit.
ALIASES = {"CNN": ["CNN.com", "CNN's"], "BBC": ["the BBC", "BBC News"], "Reuters": ["Reuters news agency", "Thomson Reuters"],
           "The Guardian": ["the Guardian", "Guardian newspaper"], "Fox News": ["Fox", "FoxNews.com"],
           "The Washington Post": ["Washington Post", "the Post"]}

# ---------------------------------------------------------------- real text


_DETOK = [
    (re.compile(r"-LRB-\s*"), "("), (re.compile(r"\s*-RRB-"), ")"),
    (re.compile(r"-LSB-\s*"), "["), (re.compile(r"\s*-RSB-"), "]"),
    (re.compile(r"``\s*"), '"'), (re.compile(r"\s*''"), '"'),
    (re.compile(r"\s+([.,;:!?%)\]}])"), r"\1"), (re.compile(r"([(\[{$])\s+"), r"\1"),
    (re.compile(r"\s+(n't|'s|'re|'ve|'ll|'d|'m)\b", re.IGNORECASE), r"\1"),
    (re.compile(r"\s+-\s+"), " - "), (re.compile(r"\s{2,}"), " "),
]


def detok(text: str) -> str:
    """Undo timeline17's PTB tokenization ("it 's" -> "it's", `` '' -> quotes)."""
    for pattern, repl in _DETOK:
        text = pattern.sub(repl, text)
    return text.strip()


_SENT = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


def sentences_of(text: str) -> list[str]:
    return [s.strip() for s in _SENT.split(text) if len(s.split()) >= 4]


@dataclass
class Source:
    uid: str
    topic: str
    outlet: str
    published: str  # YYYY-MM-DD
    paragraphs: list[list[str]]  # sentences per paragraph
    title: str | None = None
    dataset: str = "timeline17"
    event: str | None = None  # BASIL triplet id

    @property
    def sentences(self) -> list[str]:
        return [s for p in self.paragraphs for s in p]

    @property
    def text(self) -> str:
        return "\n\n".join(" ".join(p) for p in self.paragraphs)


def split_of(uid: str) -> str:
    return "test" if int(hashlib.sha256(uid.encode()).hexdigest(), 16) % 3 == 0 else "train"


def _paragraphs(sents: list[str], rng: random.Random) -> list[list[str]]:
    """News paragraphs are short: 1-3 sentences."""
    out, i = [], 0
    while i < len(sents):
        k = rng.choice([1, 2, 2, 3])
        out.append(sents[i:i + k])
        i += k
    return out


def load_timeline17(data: Path = DATA, min_sentences: int = 8, max_sentences: int = 60) -> list[Source]:
    out = []
    for path in sorted(glob.glob(str(data / "timeline17" / "*" / "articles.json"))):
        folder = Path(path).parent.name
        topic, outlet_key = folder.rsplit("_", 1)
        for record in json.loads(Path(path).read_text(encoding="utf-8")):
            sents = sentences_of(detok(record["text"]))
            if not (min_sentences <= len(sents) <= max_sentences):
                continue
            uid = f"t17-{folder}-{record['uid']}"
            rng = random.Random(uid)
            out.append(Source(uid, topic, T17_OUTLETS[outlet_key], record["dct"][:10], _paragraphs(sents, rng)))
    return out


def load_timeline17_sentences(data: Path = DATA) -> dict[str, list[list[str]]]:
    """All timeline17 articles (any length) as sentence lists, by topic."""
    by_topic: dict[str, list[list[str]]] = {}
    for path in sorted(glob.glob(str(data / "timeline17" / "*" / "articles.json"))):
        topic = Path(path).parent.name.rsplit("_", 1)[0]
        for record in json.loads(Path(path).read_text(encoding="utf-8")):
            sents = sentences_of(detok(record["text"]))
            if len(sents) >= 3:
                by_topic.setdefault(topic, []).append(sents)
    return by_topic


def load_basil(data: Path = DATA) -> list[Source]:
    out = []
    for path in sorted(glob.glob(str(data / "basil" / "articles" / "*" / "*.json"))):
        record = json.loads(Path(path).read_text(encoding="utf-8"))
        paragraphs = [[s.strip() for s in p if s.strip()] for p in record["body-paragraphs"]]
        paragraphs = [p for p in paragraphs if p]
        out.append(Source(f"basil-{record['uuid']}", "basil:" + record["triplet-uuid"],
                          BASIL_OUTLETS[record["source"].lower()], record["date"][:10], paragraphs,
                          title=record.get("title"), dataset="basil", event=record["triplet-uuid"]))
    return out


# ---------------------------------------------------------------- rewriting

SYNONYMS = {
    "said": ["stated", "noted", "added", "explained", "told reporters"],
    "says": ["states", "notes", "explains"],
    "told": ["informed", "said to"],
    "announced": ["declared", "revealed", "made public"],
    "reported": ["said", "disclosed"],
    "people": ["individuals", "persons", "residents"],
    "killed": ["left dead", "claimed the lives of"],
    "died": ["were killed", "lost their lives"],
    "government": ["administration", "authorities"],
    "officials": ["authorities", "representatives"],
    "official": ["representative", "spokesperson"],
    "president": ["head of state", "leader"],
    "company": ["firm", "group"],
    "country": ["nation"],
    "help": ["assist", "aid"],
    "helped": ["assisted", "aided"],
    "began": ["started", "commenced"],
    "begin": ["start"],
    "start": ["begin"],
    "started": ["began", "kicked off"],
    "many": ["numerous", "a large number of"],
    "large": ["big", "sizeable"],
    "big": ["large", "major"],
    "small": ["minor", "little"],
    "increase": ["rise", "growth"],
    "increased": ["rose", "grew"],
    "rose": ["climbed", "increased"],
    "fell": ["dropped", "declined"],
    "decline": ["drop", "fall"],
    "however": ["but", "yet"],
    "also": ["additionally", "as well"],
    "about": ["around", "roughly"],
    "nearly": ["almost", "close to"],
    "more than": ["over", "upwards of"],
    "because": ["since", "as"],
    "attack": ["assault", "strike"],
    "attacks": ["assaults", "strikes"],
    "forces": ["troops", "units"],
    "troops": ["soldiers", "forces"],
    "city": ["town"],
    "capital": ["capital city"],
    "week": ["seven days"],
    "meeting": ["talks", "session"],
    "statement": ["communique", "release"],
    "expected": ["anticipated", "likely"],
    "important": ["significant", "key"],
    "major": ["significant", "big"],
    "need": ["require"],
    "needed": ["required"],
    "show": ["indicate", "reveal"],
    "showed": ["indicated", "revealed"],
    "try": ["attempt"],
    "tried": ["attempted"],
    "plan": ["proposal", "scheme"],
    "plans": ["intends", "proposals"],
    "warned": ["cautioned"],
    "claimed": ["asserted", "alleged"],
    "spokesman": ["spokesperson", "representative"],
    "protesters": ["demonstrators"],
    "protests": ["demonstrations"],
    "violence": ["unrest", "bloodshed"],
    "crisis": ["emergency"],
    "oil": ["crude"],
    "leak": ["spill"],
    "virus": ["infection", "bug"],
    "cases": ["infections"],
    "hospital": ["medical centre"],
    "rebels": ["insurgents", "opposition fighters"],
    "regime": ["government"],
    "economy": ["economic system"],
    "banks": ["lenders"],
    "bank": ["lender"],
    "money": ["funds", "cash"],
    "percent": ["per cent"],
    "on Monday": ["Monday"], "on Tuesday": ["Tuesday"], "on Wednesday": ["Wednesday"],
    "on Thursday": ["Thursday"], "on Friday": ["Friday"],
    "will": ["would", "is set to"],
    "could": ["might", "may"],
    "must": ["has to", "needs to"],
    "according to": ["as reported by", "citing"],
    "after": ["following"],
    "before": ["ahead of", "prior to"],
    "during": ["in the course of", "amid"],
    "including": ["among them", "such as"],
    "against": ["versus"],
    "between": ["among"],
    "near": ["close to"],
    "around": ["about", "some"],
    "over": ["more than"],
    "under": ["below"],
    "said on": ["stated on"],
    "new": ["fresh", "latest"],
    "first": ["initial"],
    "last": ["previous", "past"],
    "biggest": ["largest"],
    "largest": ["biggest"],
    "make": ["create"],
    "made": ["created", "produced"],
    "take": ["carry out"],
    "took": ["carried out"],
    "get": ["obtain", "receive"],
    "got": ["received"],
    "give": ["provide", "offer"],
    "gave": ["provided", "offered"],
    "think": ["believe"],
    "believe": ["think"],
    "want": ["wish", "seek"],
    "wanted": ["sought", "wished"],
    "called": ["described as", "urged"],
    "asked": ["requested", "questioned"],
    "found": ["discovered", "identified"],
    "known": ["recognised"],
    "used": ["employed"],
    "use": ["employ"],
    "work": ["effort", "job"],
    "working": ["operating"],
    "area": ["region", "zone"],
    "areas": ["regions", "zones"],
    "problem": ["issue"],
    "problems": ["issues"],
    "team": ["group"],
    "group": ["organisation"],
    "children": ["kids", "youngsters"],
    "women": ["females"],
    "men": ["males"],
    "house": ["home", "residence"],
    "leaders": ["heads", "chiefs"],
    "leader": ["head", "chief"],
    "military": ["armed forces", "army"],
    "police": ["officers", "law enforcement"],
    "workers": ["employees", "staff"],
    "residents": ["locals", "inhabitants"],
    "deal": ["agreement", "accord"],
    "talks": ["negotiations"],
    "law": ["legislation"],
    "report": ["study", "account"],
    "information": ["details", "data"],
    "while": ["whereas"],
    "but": ["though", "however"],
    "so": ["therefore"],
    "if": ["should"],
    "still": ["yet"],
    "very": ["highly", "extremely"],
    "quickly": ["rapidly", "swiftly"],
    "recently": ["lately"],
    "likely": ["probably"],
    "possible": ["potential"],
    "several": ["a number of", "various"],
    "some": ["certain", "a few"],
    "most": ["the majority of"],
    "all": ["every one of"],
}
_ADVERBS = re.compile(r"\s\b(very|also|still|just|already|now|currently|reportedly|recently|only|even|clearly|"
                      r"really|further|again)\b")
_LEAD = re.compile(r"^(In|On|At|During|After|Before|Since|By|Earlier|Later|Last|This)\b ([^,]{2,40}), (.+?)([.!?])$")
_TAIL_PP = re.compile(r"^(?P<main>[^\"]{25,}?) (?P<prep>on|in|at|during|after|before|since|by|over|from|for|with|"
                      r"across|near) (?P<pp>[^,\"]{3,45})(?P<end>[.!?])$")
_SYN = re.compile(r"\b(" + "|".join(sorted(map(re.escape, SYNONYMS), key=len, reverse=True)) + r")\b")
_QUOTED = re.compile(r'("[^"]*"|“[^”]*”)')
_CONJ = re.compile(r"^(?P<main>[^,]{25,}?),? (?P<conj>after|as|because|while|when|since|before|although|though)"
                   r" (?P<sub>[^,]{15,}?)([.!?])$")
_SAID = re.compile(r"^(?P<claim>.{20,}?),\"? (?P<who>(?:[A-Z][\w.'-]*\s?){1,5}|(?:he|she|they|officials)) "
                   r"(?P<verb>said|says|told \w+|added)(?P<rest>[^.]*)\.$")
_STARTERS = {"the", "a", "an", "it", "he", "she", "they", "this", "that", "these", "those", "there", "in", "on",
             "at", "but", "and", "its", "his", "her", "their", "we", "our", "some", "many", "one", "two", "when",
             "while", "after", "before", "as", "if", "so", "most", "all", "no", "what", "who"}


def _decap(text: str) -> str:
    """Lower-case the first letter when the first word is an ordinary word, not a name."""
    first = re.match(r"\w+", text)
    return text[0].lower() + text[1:] if first and first.group(0).lower() in _STARTERS else text


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _match_case(word: str, like: str) -> str:
    return _cap(word) if like[:1].isupper() else word


class Rewriter:
    """Rewords sentences the way a rewrite desk (or a spinner) does, deterministically from ``rng``.

    Words swapped for synonyms (``swap`` = share of swappable words), reporting verbs
    changed, clauses and phrases moved, asides and trailing phrases left out. Words in
    quotation marks and numbers are kept. Each sentence is reworded until it is no longer
    nearly the same words as the original (rapidfuzz ratio under a target of 70-85,
    drawn per sentence), unless it is mostly a quotation or no operation applies.
    """

    def __init__(self, rng: random.Random, swap: float = 0.6, reorder: float = 0.5):
        self.rng, self.swap, self.reorder = rng, swap, reorder

    def _swap(self, text: str, share: float | None = None) -> str:
        share = self.swap if share is None else share

        def repl(m: re.Match) -> str:
            key = m.group(1)
            options = SYNONYMS.get(key) or SYNONYMS.get(key.lower())
            if not options or self.rng.random() > share:
                return key
            return _match_case(self.rng.choice(options), key)

        # Words inside quotation marks are the speaker's and stay.
        return "".join(part if _QUOTED.fullmatch(part) else _SYN.sub(repl, part)
                       for part in _QUOTED.split(text))

    def _clauses(self, sentence: str) -> str:
        """Move a clause: "X after Y." -> "After Y, x."; "Claim, X said." -> "X said that claim.";
        "A, B." -> "B, a."."""
        m = _CONJ.match(sentence)
        if m:
            return f"{_cap(m['conj'])} {m['sub']}, {_decap(m['main'])}{m[4]}"
        m = _SAID.match(sentence)
        if m and '"' not in m["claim"][1:]:
            claim = m["claim"].lstrip('"').rstrip(",")
            return f"{_cap(m['who'].strip())} {m['verb']}{m['rest']} that {_decap(claim)}."
        parts = sentence.rstrip(".").split(", ")
        if len(parts) >= 2 and all(len(p.split()) >= 5 for p in parts[:2]) and '"' not in sentence:
            first, second = parts[0], ", ".join(parts[1:])
            return f"{_cap(second)}, {_decap(first)}."
        return sentence

    def _move_lead(self, s: str) -> str:
        """ "In 2005, X." -> "X in 2005." """
        m = _LEAD.match(s)
        return f"{_cap(m[3])} {m[1].lower()} {m[2]}{m[4]}" if m else s

    def _front_tail(self, s: str) -> str:
        """ "X happened on Tuesday." -> "On Tuesday, x happened." """
        m = _TAIL_PP.match(s)
        return f"{_cap(m['prep'])} {m['pp']}, {_decap(m['main'])}{m['end']}" if m else s

    def _drop_tail_pp(self, s: str) -> str:
        """Condense: "X happened in the Gulf of Mexico." -> "X happened." """
        m = _TAIL_PP.match(s)
        return f"{m['main']}{m['end']}" if m and len(m["main"].split()) >= 6 else s

    def _drop_adverbs(self, s: str) -> str:
        return _ADVERBS.sub("", s)

    def _drop_aside(self, s: str) -> str:
        """Condense: leave out one appositive or aside between commas."""
        asides = list(re.finditer(r", [^,\"]{12,90},", s))
        if not asides:
            return s
        m = self.rng.choice(asides)
        return s[:m.start()] + s[m.end() - 1:]

    def _drop_tail(self, s: str) -> str:
        """Condense: leave out a trailing clause after the last comma (four words or more)."""
        head, sep, tail = s.rpartition(", ")
        if sep and len(tail.split()) >= 4 and len(head.split()) >= 6 and '"' not in tail:
            return head + (s[-1] if s[-1:] in ".!?" else ".")
        return s

    def sentence(self, s: str) -> str:
        from rapidfuzz import fuzz

        out = self._swap(s)
        if self.rng.random() < self.reorder:
            out = self._clauses(out)
        quoted = sum(len(q) for q in _QUOTED.findall(s))
        if quoted > 0.6 * len(s):
            return out
        target = self.rng.uniform(70, 85)
        ops = [self._move_lead, self._front_tail, self._drop_tail_pp, self._drop_adverbs, self._drop_aside,
               self._drop_tail, self._clauses, lambda x: self._swap(x, 1.0)]
        self.rng.shuffle(ops)  # two rewrites of one text must not converge on the same words
        for op in ops:
            if fuzz.ratio(out.lower(), s.lower()) < target:
                break
            out = op(out)
        return out

    def article(self, sents: list[str], drop: float) -> list[str]:
        kept = [s for i, s in enumerate(sents) if i == 0 or self.rng.random() >= drop]
        # A few neighbours change places; the order stays mostly the same.
        for i in range(1, len(kept) - 1):
            if self.rng.random() < 0.08:
                kept[i], kept[i + 1] = kept[i + 1], kept[i]
        return [self.sentence(s) for s in kept]


# ---------------------------------------------------------------- corpus


@dataclass
class LabelledPair:
    a: str  # article ids
    b: str
    kind: str  # expected classify kind: copy | rewrite | cites | shares-source | none
    transform: str
    split: str
    source: str | None = None  # the original's id, when the pair has a direction
    derived: str | None = None


@dataclass
class Corpus:
    articles: dict[str, Article] = field(default_factory=dict)
    pairs: list[LabelledPair] = field(default_factory=list)
    excluded_negatives: int = 0  # real pairs left out because they share text
    info: dict = field(default_factory=dict)


def make_article(uid: str, text: str, outlet: str | None, published: str | None, *, title: str | None = None,
                 cites: list[str] | None = None) -> Article:
    digest = content_hash(f"{uid}\n{text}")
    return Article(id=uid, content_hash=digest, source_path=f"bench:{uid}", input_kind="text",
                   content_format="text", raw=text, title=title, outlet=outlet, published=published,
                   language="en", text=text, cites=list(cites or []))


def _later(day: str, days: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def _join(paragraphs: list[list[str]]) -> str:
    return "\n\n".join(" ".join(p) for p in paragraphs if p)


def _shingles(text: str, n: int = 8) -> set[tuple[str, ...]]:
    toks = re.findall(r"\w+", text.lower())
    return {tuple(toks[i:i + n]) for i in range(len(toks) - n + 1)}


def containment(a: str, b: str) -> float:
    sa, sb = _shingles(a), _shingles(b)
    if not sa or not sb:
        return 0.0
    inter = len(sa & sb)
    return max(inter / len(sa), inter / len(sb))


BOILER_HEAD = ["Posted by the news desk. Follow our live coverage for updates throughout the day.",
               "This article is part of our continuing coverage. Sign up for our morning newsletter."]
BOILER_TAIL = [("Copyright {year} {wire}. All rights reserved. This material may not be published, "
                "broadcast, rewritten or redistributed."),
               ("Have a news tip? Contact our newsroom by email or follow us on social media for the latest "
                "updates."),
               "Reporting by staff writers; editing by the world desk. Our standards: the Trust Principles."]
DATELINES = ["WASHINGTON", "LONDON", "NEW YORK", "CAIRO", "BEIRUT", "PARIS"]


def _copy_paragraphs(src: Source, rng: random.Random, dateline: str | None = None) -> list[list[str]]:
    paras = [list(p) for p in src.paragraphs]
    if dateline:
        paras[0][0] = f"{dateline} — {paras[0][0]}"
    if rng.random() < 0.4:
        paras.insert(0, [rng.choice(BOILER_HEAD)])
    if len(paras) > 4 and rng.random() < 0.5:
        paras = paras[:-1]
    if rng.random() < 0.5:
        paras.append([rng.choice(BOILER_TAIL).format(year=src.published[:4], wire="the publisher")])
    if rng.random() < 0.3:
        paras = [[s.replace("U.S.", "US").replace(" percent", "%") for s in p] for p in paras]
    return paras


def build_corpus(seed: int = 0, data: Path = DATA, per_transform: int = 150, negatives: int = 450) -> Corpus:
    """The labelled pairs and every article they use (originals, derived, BASIL)."""
    rng = random.Random(seed)
    corpus = Corpus()
    t17 = load_timeline17(data)
    basil = load_basil(data)
    by_topic: dict[str, list[Source]] = {}
    for s in t17:
        by_topic.setdefault(s.topic, []).append(s)

    def add(article: Article) -> str:
        corpus.articles[article.id] = article
        return article.id

    def add_source(src: Source) -> str:
        if src.uid not in corpus.articles:
            add(make_article(src.uid, src.text, src.outlet, src.published, title=src.title))
        return src.uid

    def partner(src: Source, max_days: int, prefer_other_outlet: bool) -> Source | None:
        day = date.fromisoformat(src.published)
        pool = [s for s in by_topic[src.topic] if s.uid != src.uid and split_of(s.uid) == split_of(src.uid)
                and abs((date.fromisoformat(s.published) - day).days) <= max_days]
        if prefer_other_outlet:
            other = [s for s in pool if s.outlet != src.outlet]
            pool = other or pool
        return rng.choice(pool) if pool else None

    # Originals for the transformations, in a fixed shuffled order; each is used once.
    originals = list(t17)
    rng.shuffle(originals)
    it = iter(originals)
    transforms = ["copy", "truncation", "merge", "rewrite", "cited-summary", "shared-upstream", "wire-copies",
                  "cited-alias"]
    counter = 0
    for transform in transforms:
        made = 0
        while made < per_transform:
            src = next(it)
            split = split_of(src.uid)
            counter += 1
            r = random.Random(f"{seed}-{src.uid}-{transform}")
            rid = f"d{counter:05d}-{transform}"
            synd = r.choice(SYNDICATORS)
            agg = r.choice(AGGREGATORS)
            later = _later(src.published, r.choice([1, 1, 2]))
            if transform == "copy":
                paras = _copy_paragraphs(src, r, dateline=r.choice(DATELINES) if r.random() < 0.3 else None)
                d = add(make_article(rid, _join(paras), synd, later))
                corpus.pairs.append(LabelledPair(add_source(src), d, "copy", transform, split, src.uid, d))
            elif transform == "truncation":
                n = len(src.paragraphs)
                k = max(2, round(n * r.uniform(0.25, 0.6)))
                if sum(len(p) for p in src.paragraphs[:k]) < 3:
                    continue
                d = add(make_article(rid, _join(src.paragraphs[:k]), agg, later))
                corpus.pairs.append(LabelledPair(add_source(src), d, "copy", transform, split, src.uid, d))
            elif transform == "merge":
                other = partner(src, 3, prefer_other_outlet=False)
                if other is None or containment(src.text, other.text) >= 0.2:
                    continue
                half_a = src.paragraphs[: max(2, len(src.paragraphs) // 2)]
                half_b = other.paragraphs[: max(2, len(other.paragraphs) // 2)]
                d = add(make_article(rid, _join(half_a + half_b), synd, _later(max(src.published, other.published), 1)))
                corpus.pairs.append(LabelledPair(add_source(src), d, "copy", transform, split, src.uid, d))
                corpus.pairs.append(LabelledPair(add_source(other), d, "copy", transform, split, other.uid, d))
                made += 1  # a merge gives two pairs
            elif transform == "rewrite":
                rw = Rewriter(r, swap=r.uniform(0.5, 0.8), reorder=r.uniform(0.3, 0.6))
                sents = rw.article(src.sentences, drop=r.uniform(0.15, 0.3))
                d = add(make_article(rid, _join(_paragraphs(sents, r)), synd, later))
                corpus.pairs.append(LabelledPair(add_source(src), d, "rewrite", transform, split, src.uid, d))
            elif transform in ("cited-summary", "cited-alias"):
                # cited-alias: the credit names the outlet as writers do ("the BBC", "Washington
                # Post", "Reuters news agency"), not as its own pages spell it.
                name = r.choice(ALIASES[src.outlet]) if transform == "cited-alias" else src.outlet
                sents = src.sentences
                k = max(3, min(10, round(len(sents) * r.uniform(0.3, 0.5))))
                rw = Rewriter(r, swap=0.8, reorder=0.6)
                out = rw.article(sents[:k], drop=0.2)
                style = r.randrange(3)
                if style == 0:
                    out[0] = out[0].rstrip(".") + f", according to {name}."
                elif style == 1:
                    out[0] = f"{_cap(name)} reported that " + _decap(out[0])
                else:
                    out.append(f"The report was first published by {name}.")
                d = add(make_article(rid, _join(_paragraphs(out, r)), agg, later, cites=[name]))
                corpus.pairs.append(LabelledPair(add_source(src), d, "cites", transform, split, src.uid, d))
            elif transform in ("shared-upstream", "wire-copies"):
                wire = r.choice(WIRES)
                tag = "AP" if wire == "Associated Press" else "AFP"
                outlets = r.sample(SYNDICATORS, 2)
                made_ids = []
                for j, outlet in enumerate(outlets):
                    rj = random.Random(f"{seed}-{src.uid}-{transform}-{j}")
                    if transform == "shared-upstream":
                        rw = Rewriter(rj, swap=rj.uniform(0.5, 0.8), reorder=rj.uniform(0.3, 0.6))
                        sents = rw.article(src.sentences, drop=rj.uniform(0.15, 0.3))
                        sents[0] = sents[0].rstrip(".") + f", {wire} reported."
                        paras = _paragraphs(sents, rj)
                    else:
                        paras = _copy_paragraphs(src, rj, dateline=f"{rj.choice(DATELINES)} ({tag})")
                    made_ids.append(add(make_article(f"{rid}-{j}", _join(paras), outlet,
                                                     _later(src.published, j + rj.choice([0, 1])), cites=[wire])))
                # The upstream text itself is not in the corpus: the wire is outside it.
                corpus.pairs.append(LabelledPair(made_ids[0], made_ids[1], "shares-source", transform, split))
            made += 1

    # Negatives: real independent reports.
    excluded = 0
    made = 0
    negs = list(t17)
    rng.shuffle(negs)
    seen_pairs: set[frozenset[str]] = set()
    for src in negs:
        if made >= negatives:
            break
        other = partner(src, 3, prefer_other_outlet=True)
        if other is None or frozenset((src.uid, other.uid)) in seen_pairs:
            continue
        seen_pairs.add(frozenset((src.uid, other.uid)))
        if containment(src.text, other.text) >= 0.2:
            excluded += 1
            continue
        corpus.pairs.append(LabelledPair(add_source(src), add_source(other), "none", "same-topic", split_of(src.uid)))
        made += 1
    triplets: dict[str, list[Source]] = {}
    for s in basil:
        triplets.setdefault(s.event, []).append(s)
    for event, members in sorted(triplets.items()):
        members.sort(key=lambda s: s.outlet)
        for i in range(len(members)):
            for j in range(i + 1, len(members)):
                a, b = members[i], members[j]
                if containment(a.text, b.text) >= 0.2:
                    excluded += 1
                    continue
                corpus.pairs.append(LabelledPair(add_source(a), add_source(b), "none", "basil-same-event",
                                                 split_of(event)))
    corpus.excluded_negatives = excluded
    corpus.info = {"seed": seed, "timeline17_originals_available": len(t17), "basil_articles": len(basil),
                   "articles": len(corpus.articles), "pairs": len(corpus.pairs)}
    return corpus


# ---------------------------------------------------------------- scale corpus


@dataclass
class Planted:
    dup_id: str
    original_id: str
    how: str


def synthetic_stream(n: int, seed: int = 0, dup_rate: float = 0.03, event_size: float = 5.0,
                     data: Path = DATA):
    """Yield (Article, event key, Planted | None) for ``n`` articles made of real timeline17 sentences.

    An article reports one "story": it opens with a run of 3-6 consecutive sentences of a
    real article (the lead), then runs of 2-4 consecutive sentences from other real
    articles of the same topic, 12-30 sentences in all, in 1-3 sentence paragraphs, by
    one of 300 made-up outlets. Two articles share sentences only by chance (the same
    run of a real article drawn twice): the background overlap of real news (a shared
    quote, a stock paragraph). The event key groups articles with the same lead into
    events of about ``event_size`` articles. ``dup_rate`` of the articles are planted
    near-duplicates of one of the 5,000 latest articles (same event key): a syndicated
    copy (boilerplate added, last paragraph dropped), a truncation to 40-70 %, or a light
    rewrite (10 % of the sentences dropped, words swapped, clauses moved).
    """
    rng = random.Random(seed)
    by_topic = load_timeline17_sentences(data)
    topics = sorted(by_topic)
    total_docs = sum(len(v) for v in by_topic.values())
    buckets = max(1, round(n * (1 - dup_rate) / total_docs / event_size))
    outlets = [f"Outlet {i:03d}" for i in range(300)]
    recent: list[tuple[str, str, Source]] = []
    start = date(2010, 1, 1)
    for i in range(n):
        uid = f"s{i:06d}"
        day = (start + timedelta(days=i * 1500 // max(n, 1))).isoformat()
        if recent and rng.random() < dup_rate:
            orig_id, story, orig = rng.choice(recent[-5000:])
            how = rng.choice(["copy", "truncation", "rewrite"])
            r = random.Random(f"{seed}-{uid}")
            if how == "copy":
                paras = _copy_paragraphs(orig, r)
            elif how == "truncation":
                paras = orig.paragraphs[: max(2, round(len(orig.paragraphs) * r.uniform(0.4, 0.7)))]
            else:
                paras = _paragraphs(Rewriter(r, swap=0.3, reorder=0.2).article(orig.sentences, drop=0.1), r)
            art = make_article(uid, _join(paras), rng.choice(outlets), day)
            yield art, story, Planted(uid, orig_id, how)
            continue
        topic = rng.choice(topics)
        docs = by_topic[topic]
        k = rng.randint(12, 30)
        lead = rng.randrange(len(docs))
        sents: list[str] = []
        doc, want = docs[lead], rng.randint(3, 6)
        while len(sents) < k:
            at = rng.randrange(max(1, len(doc) - want + 1))
            sents.extend(doc[at:at + want])
            doc, want = docs[rng.randrange(len(docs))], rng.randint(2, 4)
        story = f"{topic}/{lead}/{rng.randrange(buckets)}"
        src = Source(uid, topic, rng.choice(outlets), day, _paragraphs(sents[:k], rng))
        recent.append((uid, story, src))
        yield make_article(uid, src.text, src.outlet, day), story, None


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description="Print examples of the labelled copy corpus.")
    ap.add_argument("--show", default=None, help="a transform to show (default: counts only)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    corpus = build_corpus(args.seed)
    from collections import Counter

    print(corpus.info, "excluded negatives:", corpus.excluded_negatives)
    print(Counter((p.transform, p.split) for p in corpus.pairs))
    if args.show:
        for p in [p for p in corpus.pairs if p.transform == args.show][:2]:
            for side in (p.a, p.b):
                art = corpus.articles[side]
                print(f"--- {art.id} | {art.outlet} | {art.published} | cites={art.cites}")
                print(art.text[:1500])
            print("=" * 80)


if __name__ == "__main__":
    main()
