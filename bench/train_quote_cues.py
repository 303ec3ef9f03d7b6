"""Train the quote extractor's cue scorer on PolNeAR train; write its weights.

The rule-based extractor (``newsprism.analyse.quotes``) finds attributions from cue lists.
PolNeAR annotates a long tail of predicates beyond any list ("reserved his passion for",
"shamed", "defended"), so a verb on no list is scored by a logistic regression over its
parse (``quotes.cue_features``: lemma, dependents, subject) and counts as a cue above
``quotes.CUE_THRESHOLD``. This script builds the training set - every verb outside
quotation marks in the train split, labelled by whether it lies in a gold ``Cue`` span -
fits scikit-learn's ``LogisticRegression``, reports candidate-level precision/recall on
dev, and writes the weights as JSON (feature -> weight, pruned) to
``src/newsprism/analyse/data/cue_weights.json``. Only train is fitted; dev picks C.

Usage:
  python bench/train_quote_cues.py                 # fit on train, report dev, write weights
  python bench/train_quote_cues.py --c 0.3 --dry-run
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import quotes as bench_quotes

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "newsprism" / "analyse" / "data" / "cue_weights.json"
CACHE = ROOT / "bench" / "out"


def candidates(article, nlp):
    """(features, label, listed) for every verb the extractor would score in ``article``: a
    verb outside quotation marks whose subject can speak and for which the rules find a
    content. The label is whether that content would match a gold attribution's (more
    than 30 % of its characters, the benchmark's looser bar)."""
    from newsprism.analyse import quotes as q

    spans = q.quoted_spans(article.text)
    data = q.cue_data()
    rows = []
    for offset, doc in q._paragraph_docs(article.text, nlp):
        inside = {t.i for t in doc if any(a <= offset + t.idx < b for a, b in spans)}
        for token in doc:
            if token.i in inside or not q._scored(token):
                continue
            subject, _ = q._subject(token, inside)
            if subject is None or not q._can_speak(subject):
                continue
            listed = token.lemma_.lower() in data["all_verbs"]
            skip = {t.i for t in subject.subtree} if subject.i < token.i else set()
            content = q._content(token, skip, learned=not listed)
            if content is None:
                continue
            start, end = offset + content[0], offset + content[1]
            label = any(bench_quotes._overlap(start, end, g.content) / g.size > 0.3 for g in article.gold if g.size)
            rows.append((q.cue_features(token, subject, content), int(label), listed))
    return rows


def load_rows(split: str, data: Path, nlp) -> list:
    cache = CACHE / f"cue-rows-{split}.json"
    if cache.exists():
        return json.loads(cache.read_text())
    rows = []
    articles = bench_quotes.load_split(data, split)
    for n, article in enumerate(articles, 1):
        rows.extend(candidates(article, nlp))
        if n % 100 == 0:
            print(f"  {split}: {n}/{len(articles)} articles", file=sys.stderr)
    CACHE.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(rows))
    return rows


def _report(c, name, threshold, scored):
    tp = sum(1 for p, y in scored if p >= threshold and y)
    predicted = sum(1 for p, _ in scored if p >= threshold)
    gold = sum(y for _, y in scored)
    precision = tp / predicted if predicted else 0.0
    recall = tp / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    print(f"C={c:<5} {name}, kept at >= {threshold}: P {precision:.3f} R {recall:.3f} F1 {f1:.3f} "
          f"({predicted} kept, {gold} matching)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=bench_quotes.DATA)
    parser.add_argument("--c", type=float, nargs="*", default=[0.1, 0.3, 1.0])
    parser.add_argument("--min-weight", type=float, default=0.01)
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from newsprism.analyse.nlp import load_nlp

    nlp = load_nlp()
    train = load_rows("train", args.data, nlp)
    dev = load_rows("dev", args.data, nlp)
    vectorizer = DictVectorizer()
    x_train = vectorizer.fit_transform([{f: 1 for f in row[0]} for row in train])
    y_train = [row[1] for row in train]
    x_dev = vectorizer.transform([{f: 1 for f in row[0]} for row in dev])
    print(f"train: {len(train)} verbs, {sum(y_train)} cues; dev: {len(dev)} verbs, "
          f"{sum(r[1] for r in dev)} cues; {len(vectorizer.vocabulary_)} features")
    best = None
    for c in args.c:
        model = LogisticRegression(C=c, max_iter=2000)
        model.fit(x_train, y_train)
        probs = model.predict_proba(x_dev)[:, 1]
        for name, scored in (("listed verbs", [(p, r[1]) for p, r in zip(probs, dev) if r[2]]),
                             ("unlisted verbs", [(p, r[1]) for p, r in zip(probs, dev) if not r[2]])):
            print(f"C={c:<5} {name}: keeping all gives precision {sum(y for _, y in scored) / len(scored):.3f}")
            for threshold in (0.3, 0.4, 0.5, 0.6):
                _report(c, name, threshold, scored)
        scored = [(p, r[1]) for p, r in zip(probs, dev)]
        for threshold in (0.5,):
            tp = sum(1 for p, y in scored if p >= threshold and y)
            predicted = sum(1 for p, _ in scored if p >= threshold)
            gold = sum(y for _, y in scored)
            precision = tp / predicted if predicted else 0.0
            recall = tp / gold if gold else 0.0
            f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
            if threshold == 0.5 and (best is None or f1 > best[0]):
                best = (f1, c, model)
    _, c, model = best
    names = vectorizer.get_feature_names_out()
    weights = {name: round(float(w), 4) for name, w in zip(names, model.coef_[0]) if abs(w) >= args.min_weight}
    print(f"chosen C={c}: {len(weights)} of {len(names)} weights kept (|w| >= {args.min_weight})")
    if not args.dry_run:
        OUT.write_text(json.dumps({
            "about": "newsprism quote cue scorer: logistic regression weights over quotes.cue_features, "
                     "fitted on PolNeAR v1.0.0 train by bench/train_quote_cues.py",
            "C": c, "bias": round(float(model.intercept_[0]), 4), "weights": dict(sorted(weights.items())),
        }, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
