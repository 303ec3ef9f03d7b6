"""Quote extraction benchmark: newsprism's rule-based extractor vs textacy's direct_quotations.

Data: PolNeAR v1.0.0 (Newell, Margolin & Ruths, LREC 2018), read in place from
/work/shared/data/polnear (or --data DIR): US election news from 7 publishers with every
attribution annotated (direct quotes, partial quotes, paraphrase / indirect speech,
"according to", beliefs and intentions) as brat standoff. Splits are the published ones:
train = months 1-10 of the 2016 campaign, dev = month 11, test = month 12 (use test once).

Gold: an article has one ``.txt`` and one ``.ann`` per annotator (``<article>_<annotator>.ann``);
the few articles with several annotators are scored against the first ``.ann`` by file name,
so every article counts once. Each ``E`` line (``Attribution`` or ``Attribution-no-source``)
is one gold quote: its content is the union of the characters of its ``Content`` /
``Content2`` spans (a discontinuous span, e.g. a quote interrupted by 'she said', keeps only
its own characters, not the covering range); its source is the ``Source`` span(s), absent for
``Attribution-no-source``. ``Discuss`` / ``Discard`` spans that no E line links are ignored.

Metric (the Gender Gap Tracker's quote evaluation, as we read it): per article, every
(predicted, gold) pair whose overlap covers more than 30 % (and, separately, 80 %) of the
gold content's characters is a candidate; pairs are taken greedily, largest share of the
gold first (then most characters), each prediction and each gold used at most once.
Precision = matched / predicted, recall = matched / gold, F1; all micro-averaged over the
articles of the split. Speaker accuracy: among matched pairs whose gold has a source, the
share whose predicted speaker span overlaps the gold source span (no predicted speaker =
wrong).

PolNeAR's source is the mention as written in the attribution ("he", "the campaign",
"who"). newsprism resolves pronouns ('he said' -> the last person named), and its
``Quote.speaker_start/end`` point at that earlier name, so it is scored in two ways:
``spk`` uses the mention the attribution is built on (``extract_attributions``, the same
convention as PolNeAR and textacy), ``spk-res`` the Quote's own (resolved) speaker span.
A newsprism quote its attribution interrupts ('"A," she said, referring to X. "B."') is
scored by its words, the pieces on either side of the cut (``quote_pieces``), not by the
span across it, as PolNeAR's discontinuous content is.

Systems (same texts, same spaCy pipeline object, one process):
  * newsprism - ``newsprism.analyse.quotes``;
  * textacy   - ``textacy.extract.triples.direct_quotations`` on ``nlp(text)`` (textacy
    0.13.0); its content span includes the quote marks, its speaker is the speaker tokens'
    character range. It raises on some inputs (unbalanced quote marks): such an article is
    counted with no predictions and reported as a crash.
articles/s counts everything each system does, parsing included.

Usage:
  python bench/quotes.py                              # test split, both systems
  python bench/quotes.py --split dev --json out.json
  python bench/quotes.py --split dev --dump-errors /tmp/quote-errors.txt   # for tuning
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from _common import machine_line, package_versions

DATA = Path("/work/shared/data/polnear")
THRESHOLDS = (0.3, 0.8)


# ---------------------------------------------------------------- data

@dataclass
class Gold:
    content: list[tuple[int, int]]  # merged, sorted character ranges
    source: list[tuple[int, int]] | None
    cue: list[tuple[int, int]] = field(default_factory=list)  # shown in --dump-errors

    @property
    def size(self) -> int:
        return sum(e - s for s, e in self.content)


@dataclass
class Article:
    id: str
    text: str
    ann: str
    gold: list[Gold] = field(default_factory=list)


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for s, e in sorted(ranges):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out if e > s]


def read_ann(path: Path) -> list[Gold]:
    spans: dict[str, list[tuple[int, int]]] = {}
    events: list[dict[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _, _, offsets = parts[1].partition(" ")
            try:
                spans[parts[0]] = [tuple(map(int, frag.split())) for frag in offsets.split(";")]
            except ValueError:
                continue
        elif line.startswith("E") and len(parts) >= 2:
            roles: dict[str, list[str]] = {}
            for arg in parts[1].split():
                role, _, ref = arg.partition(":")
                role = role.rstrip("0123456789")
                roles.setdefault(role, []).append(ref)
            events.append(roles)
    gold = []
    for roles in events:
        content = _merge([r for ref in roles.get("Content", []) for r in spans.get(ref, [])])
        if not content:
            continue
        sources = _merge([r for ref in roles.get("Source", []) for r in spans.get(ref, [])])
        cue = _merge([r for ref in roles.get("Cue", []) for r in spans.get(ref, [])])
        gold.append(Gold(content, sources or None, cue))
    return gold


def load_split(data: Path, split: str, limit: int | None = None) -> list[Article]:
    base = data / "data" / split
    anns: dict[str, Path] = {}
    for path in sorted((base / "attributions").glob("*.ann")):
        article = path.stem.rsplit("_", 1)[0]
        anns.setdefault(article, path)  # the first annotator by file name
    articles = []
    for text_path in sorted((base / "text").glob("*.txt")):
        ann = anns.get(text_path.stem)
        if ann is None:
            continue
        articles.append(Article(text_path.stem, text_path.read_text(encoding="utf-8"), ann.name, read_ann(ann)))
        if limit and len(articles) >= limit:
            break
    return articles


# ---------------------------------------------------------------- systems

@dataclass
class Pred:
    start: int
    end: int
    speaker: tuple[int, int] | None  # the span scored for speaker accuracy
    resolved: tuple[int, int] | None = None  # newsprism: the Quote's own (resolved) speaker span
    kind: str = ""
    speaker_text: str | None = None
    pieces: list[tuple[int, int]] | None = None  # the content's characters, where not all of start..end

    def overlap(self, ranges: list[tuple[int, int]]) -> int:
        return sum(_overlap(s, e, ranges) for s, e in self.pieces or [(self.start, self.end)])


def run_newsprism(article: Article, nlp) -> list[Pred]:
    from newsprism.analyse import quotes as q

    preds = []
    if hasattr(q, "extract_attributions"):
        preds = newsprism_preds(q.extract_attributions(article.id, article.text, nlp), article.text)
    else:  # an extractor without mentions: its speaker span is all there is
        for quote in q.extract_quotes(article.id, article.text, nlp):
            span = (quote.speaker_start, quote.speaker_end) if quote.speaker_start is not None else None
            preds.append(Pred(quote.start, quote.end, span, span, quote.kind, quote.speaker))
    return preds


def newsprism_preds(attributions, text: str) -> list[Pred]:
    """``extract_attributions``' (Quote, mention) pairs as predictions."""
    from newsprism.analyse import quotes as q

    preds = []
    for quote, mention in attributions:
        resolved = (quote.speaker_start, quote.speaker_end) if quote.speaker_start is not None else None
        pieces = q.quote_pieces(quote, text) if hasattr(q, "quote_pieces") else None
        preds.append(Pred(quote.start, quote.end, mention, resolved, quote.kind, quote.speaker, pieces))
    return preds


def run_textacy(article: Article, nlp) -> list[Pred]:
    from textacy.extract.triples import direct_quotations

    doc = nlp(article.text)
    preds = []
    for triple in direct_quotations(doc):
        content = triple.content
        speaker = None
        if triple.speaker:
            speaker = (min(t.idx for t in triple.speaker), max(t.idx + len(t) for t in triple.speaker))
        preds.append(Pred(content.start_char, content.end_char, speaker, speaker, "direct",
                          " ".join(t.text for t in triple.speaker) or None))
    return preds


SYSTEMS = {"newsprism": run_newsprism, "textacy": run_textacy}


# ---------------------------------------------------------------- metric

def _overlap(start: int, end: int, ranges: list[tuple[int, int]]) -> int:
    return sum(max(0, min(end, e) - max(start, s)) for s, e in ranges)


def match(preds: list[Pred], gold: list[Gold], threshold: float) -> list[tuple[int, int]]:
    """Greedy one-to-one (pred index, gold index) pairs, largest share of the gold first."""
    candidates = []
    for i, p in enumerate(preds):
        for j, g in enumerate(gold):
            chars = p.overlap(g.content)
            if g.size and chars / g.size > threshold:
                candidates.append((-chars / g.size, -chars, i, j))
    candidates.sort()
    used_p, used_g, pairs = set(), set(), []
    for _, _, i, j in candidates:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((i, j))
    return pairs


def _speaker_ok(span: tuple[int, int] | None, source: list[tuple[int, int]]) -> bool:
    return span is not None and _overlap(span[0], span[1], source) > 0


@dataclass
class Score:
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    with_source: int = 0
    speaker_ok: int = 0
    resolved_ok: int = 0

    def add(self, preds: list[Pred], gold: list[Gold], threshold: float) -> list[tuple[int, int]]:
        pairs = match(preds, gold, threshold)
        self.predicted += len(preds)
        self.gold += len(gold)
        self.matched += len(pairs)
        for i, j in pairs:
            if gold[j].source is None:
                continue
            self.with_source += 1
            self.speaker_ok += _speaker_ok(preds[i].speaker, gold[j].source)
            self.resolved_ok += _speaker_ok(preds[i].resolved, gold[j].source)
        return pairs

    def numbers(self) -> dict:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"predicted": self.predicted, "gold": self.gold, "matched": self.matched,
                "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                "speaker_pairs": self.with_source,
                "speaker_accuracy": round(self.speaker_ok / self.with_source, 4) if self.with_source else 0.0,
                "speaker_accuracy_resolved": round(self.resolved_ok / self.with_source, 4) if self.with_source else 0.0}


# ---------------------------------------------------------------- recall by kind of attribution

# Word forms of the verbs and phrases that report speech (PolNeAR's cue as written, lower case).
SPEECH_CUES = {
    "say", "says", "said", "saying", "tell", "tells", "told", "telling", "add", "adds", "added", "adding",
    "according to", "write", "writes", "wrote", "written", "tweet", "tweets", "tweeted", "state", "states",
    "stated", "ask", "asks", "asked", "reply", "replied", "respond", "responded", "explain", "explained",
    "note", "noted", "argue", "argued", "claim", "claimed", "insist", "insisted", "declare", "declared",
    "announce", "announced", "warn", "warned", "recall", "recalled", "quip", "quipped", ":"}


def gold_kind(article: Article, gold: Gold) -> str:
    """direct (the content is a quotation), partial (a quotation inside reported words),
    reported speech (a speech cue, no quotation marks), or other (beliefs, stances, actions:
    "X hopes to ...", "X endorsed Y", "X is expected to ...")."""
    text = article.text
    start, end = gold.content[0][0], gold.content[-1][1]
    content = " ".join(text[s:e] for s, e in gold.content)
    marks = "\"“”«»„" + "'‘’"
    if content[:1] in marks or text[max(0, start - 1):start] in marks or content.startswith("''"):
        return "direct"
    if any(m in content for m in "\"“”«»„") or "''" in content:
        return "partial"
    cue = " ".join(text[s:e] for s, e in gold.cue).lower().strip()
    words = cue.split()
    if cue in SPEECH_CUES or (words and words[-1] in SPEECH_CUES) or cue.endswith("according to"):
        return "reported speech"
    return "other"


KINDS = ("direct", "partial", "reported speech", "other")


def recall_by_kind(articles: list[Article], predictions: list[list[Pred]], threshold: float = 0.3) -> dict:
    total, found = {k: 0 for k in KINDS}, {k: 0 for k in KINDS}
    for article, preds in zip(articles, predictions):
        matched = {j for _, j in match(preds, article.gold, threshold)}
        for j, gold in enumerate(article.gold):
            kind = gold_kind(article, gold)
            total[kind] += 1
            found[kind] += j in matched
    return {k: {"gold": total[k], "recall": round(found[k] / total[k], 4) if total[k] else None} for k in KINDS}


# ---------------------------------------------------------------- errors dump (tuning)

def dump_errors(out, article: Article, preds: list[Pred]) -> None:
    pairs = match(preds, article.gold, 0.3)
    got_p = {i for i, _ in pairs}
    got_g = {j for _, j in pairs}
    text = article.text

    def show(ranges):
        return " … ".join(text[s:e] for s, e in ranges).replace("\n", " ¶ ")

    out.write(f"=== {article.id} ({article.ann})\n")
    for j, g in enumerate(article.gold):
        if j not in got_g:
            near = [p for p in preds if p.overlap(g.content)]
            out.write(f"MISS  [{show(g.source) if g.source else '-'}] <{show(g.cue)}> {show(g.content)[:300]}\n")
            for p in near:
                share = p.overlap(g.content) / g.size
                out.write(f"      ~{share:.2f} pred: {text[p.start:p.end][:200]!r}\n")
    for i, p in enumerate(preds):
        if i not in got_p:
            out.write(f"EXTRA [{p.speaker_text}] ({p.kind}) {text[p.start:p.end][:300]!r}\n")
    for i, j in pairs:
        g = article.gold[j]
        if g.source and not _speaker_ok(preds[i].speaker, g.source):
            spk = text[preds[i].speaker[0]:preds[i].speaker[1]] if preds[i].speaker else None
            out.write(f"SPK   gold [{show(g.source)}] pred [{spk}] :: {show(g.content)[:150]}\n")


# ---------------------------------------------------------------- human agreement

AGREEMENT_SPLITS = ("train", "dev", "annotator-training")  # never test: it is read once, by main()


def doubly_annotated(data: Path, splits=AGREEMENT_SPLITS) -> list[tuple[Article, list[Gold]]]:
    """Articles that two annotators did: (the article with the first annotator's gold, the second's)."""
    out = []
    for split in splits:
        base = data / "data" / split
        anns: dict[str, list[Path]] = {}
        for path in sorted((base / "attributions").glob("*.ann")):
            anns.setdefault(path.stem.rsplit("_", 1)[0], []).append(path)
        for article_id, paths in sorted(anns.items()):
            text_path = base / "text" / f"{article_id}.txt"
            if len(paths) < 2 or not text_path.exists():
                continue
            text = text_path.read_text(encoding="utf-8")
            out.append((Article(article_id, text, paths[0].name, read_ann(paths[0])), read_ann(paths[1])))
    return out


def agreement(data: Path, nlp) -> dict:
    """The ceiling the metric allows on PolNeAR: the second annotator scored as a system against
    the first (content = the covering range of its spans, source = its first span), and newsprism
    on the same articles."""
    pairs = doubly_annotated(data)
    human = {t: Score() for t in THRESHOLDS}
    ours = {t: Score() for t in THRESHOLDS}
    human_preds, our_preds = [], []
    for article, second in pairs:
        as_preds = [Pred(g.content[0][0], g.content[-1][1], g.source[0] if g.source else None) for g in second]
        preds = run_newsprism(article, nlp)
        human_preds.append(as_preds)
        our_preds.append(preds)
        for t in THRESHOLDS:
            human[t].add(as_preds, article.gold, t)
            ours[t].add(preds, article.gold, t)
    articles = [article for article, _ in pairs]
    return {"articles": len(pairs), "splits": list(AGREEMENT_SPLITS),
            "second_annotator": {str(t): human[t].numbers() for t in THRESHOLDS},
            "newsprism": {str(t): ours[t].numbers() for t in THRESHOLDS},
            "recall_by_kind_at_0.3": {"second_annotator": recall_by_kind(articles, human_preds),
                                      "newsprism": recall_by_kind(articles, our_preds)}}


# ---------------------------------------------------------------- report

def machine() -> str:
    return machine_line()


def versions() -> dict:
    return package_versions("spacy", "textacy", "newsprism")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--split", default="test", choices=["train", "dev", "test"])
    ap.add_argument("--limit", type=int, help="only the first N articles (by name)")
    ap.add_argument("--systems", default="newsprism,textacy")
    ap.add_argument("--json", type=Path, help="write the numbers, date, machine and command here")
    ap.add_argument("--dump-errors", type=Path, help="newsprism's misses/extras/speaker errors at 0.3 (dev/train only)")
    ap.add_argument("--agreement", action="store_true",
                    help="instead: how far two PolNeAR annotators agree under this metric (articles of "
                         "train, dev and annotator-training that two annotators did), newsprism on the same")
    args = ap.parse_args(argv)

    from rich.console import Console
    from rich.table import Table

    from newsprism.analyse.nlp import load_nlp

    nlp = load_nlp()
    nlp("Warm up.")
    if args.agreement:
        return report_agreement(args, agreement(args.data, nlp))
    articles = load_split(args.data, args.split, args.limit)
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    results: dict[str, dict] = {}
    dump = args.dump_errors.open("w", encoding="utf-8") if args.dump_errors and args.split != "test" else None
    for name in systems:
        run = SYSTEMS[name]
        scores = {t: Score() for t in THRESHOLDS}
        survived = {t: Score() for t in THRESHOLDS}  # only the articles the system did not crash on
        crashes: list[str] = []
        seconds = 0.0
        all_preds: list[list[Pred]] = []
        for article in articles:
            began = time.perf_counter()
            try:
                preds = run(article, nlp)
            except Exception as exc:  # textacy raises on odd quote marks
                if name == "newsprism":
                    raise
                crashes.append(f"{article.id}: {type(exc).__name__}: {str(exc)[:80]}")
                preds = None
            seconds += time.perf_counter() - began
            for t in THRESHOLDS:
                scores[t].add(preds or [], article.gold, t)
                if preds is not None:
                    survived[t].add(preds, article.gold, t)
            preds = preds or []
            all_preds.append(preds)
            if dump and name == "newsprism":
                dump_errors(dump, article, preds)
        results[name] = {"thresholds": {str(t): scores[t].numbers() for t in THRESHOLDS},
                         "thresholds_without_crashed": {str(t): survived[t].numbers() for t in THRESHOLDS},
                         "seconds": round(seconds, 2), "articles_per_s": round(len(articles) / seconds, 2),
                         "crashes": len(crashes), "crashed_articles": crashes,
                         "recall_by_kind_at_0.3": recall_by_kind(articles, all_preds)}
    if dump:
        dump.close()

    n_gold = sum(len(a.gold) for a in articles)
    table = Table(title=f"Quotes on PolNeAR {args.split}: {len(articles)} articles, {n_gold} gold attributions")
    for col in ("system", "match >", "pred", "P", "R", "F1", "spk", "spk-res", "art/s", "crashes"):
        table.add_column(col, justify="left" if col == "system" else "right")
    for name, res in results.items():
        for t in THRESHOLDS:
            n = res["thresholds"][str(t)]
            table.add_row(name, f"{t:.1f}", str(n["predicted"]), f"{n['precision']:.3f}", f"{n['recall']:.3f}",
                          f"{n['f1']:.3f}", f"{n['speaker_accuracy']:.3f}",
                          f"{n['speaker_accuracy_resolved']:.3f}" if name == "newsprism" else "",
                          f"{res['articles_per_s']:.1f}", str(res["crashes"]))
    Console(width=120).print(table)
    kinds = Table(title="Recall at 0.3 by kind of gold attribution (see gold_kind)")
    kinds.add_column("system")
    first = next(iter(results.values()))["recall_by_kind_at_0.3"]
    for kind in KINDS:
        kinds.add_column(f"{kind} ({first[kind]['gold']})", justify="right")
    for name, res in results.items():
        kinds.add_row(name, *(f"{res['recall_by_kind_at_0.3'][k]['recall']:.3f}" for k in KINDS))
    Console(width=120).print(kinds)
    for name, res in results.items():
        for crash in res["crashed_articles"]:
            print(f"  {name} crashed on {crash}")
        if res["crashes"]:
            kept = res["thresholds_without_crashed"]
            print(f"  {name} on the {len(articles) - res['crashes']} articles it did not crash on: " + ", ".join(
                f"F1 {kept[str(t)]['f1']:.3f} / speakers {kept[str(t)]['speaker_accuracy']:.3f} at {t}"
                for t in THRESHOLDS))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({
            "date": _dt.datetime.now().isoformat(timespec="seconds"), "machine": machine(),
            "versions": versions(), "command": " ".join(["python", *sys.argv]),
            "split": args.split, "articles": len(articles), "gold": n_gold,
            "gold_choice": "first .ann by file name per article; content = union of Content spans",
            "results": results}, indent=2) + "\n", encoding="utf-8")
    return 0


def report_agreement(args, res: dict) -> int:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Agreement on the {res['articles']} PolNeAR articles that two annotators did "
                        f"({', '.join(res['splits'])}); gold = the first annotator")
    for col in ("system", "match >", "pred", "P", "R", "F1", "spk"):
        table.add_column(col, justify="left" if col == "system" else "right")
    for name in ("second_annotator", "newsprism"):
        for t in THRESHOLDS:
            n = res[name][str(t)]
            table.add_row(name.replace("_", " "), f"{t:.1f}", str(n["predicted"]), f"{n['precision']:.3f}",
                          f"{n['recall']:.3f}", f"{n['f1']:.3f}", f"{n['speaker_accuracy']:.3f}")
    Console(width=120).print(table)
    by_kind = res["recall_by_kind_at_0.3"]
    kinds = Table(title="Recall at 0.3 by kind of gold attribution")
    kinds.add_column("system")
    for kind in KINDS:
        kinds.add_column(f"{kind} ({by_kind['newsprism'][kind]['gold']})", justify="right")
    for name in ("second_annotator", "newsprism"):
        kinds.add_row(name.replace("_", " "), *(f"{by_kind[name][k]['recall']:.3f}" for k in KINDS))
    Console(width=120).print(kinds)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({
            "date": _dt.datetime.now().isoformat(timespec="seconds"), "machine": machine(),
            "versions": versions(), "command": " ".join(["python", *sys.argv]), **res}, indent=2) + "\n",
            encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
