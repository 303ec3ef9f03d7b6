"""Train the stance model (``newsprism/analyse/data/stances.json``) on PolNeAR's train split.

For every train article the rules run first (``_Attributions.rules()``, all but the last pass of
``extract_attributions``);
each candidate stance outside what they found (``newsprism.analyse.quotes.stances``) is
labelled 1 when it covers more than 30 % of a gold attribution's content that no rule quote
matched, the metric of ``bench/quotes.py``. A logistic regression (scikit-learn) learns the
labels from the candidates' features. Its regularisation C and the probability threshold are
chosen by five-fold cross-validation over articles: for each fold, the candidates above the
threshold are added to the rules' quotes (most likely first, none overlapping another), and
the whole split is scored as ``bench/quotes.py`` scores it; the pair with the best F1 at
0.3 wins. Dev and test are never read: check on dev with ``bench/quotes.py --split dev``.

The weights are written as a table {feature: weight} with the bias and the threshold, rounded
and without the near-zero ones, with how they were made.

Usage:
  python bench/train_stances.py                 # writes src/newsprism/analyse/data/stances.json
  python bench/train_stances.py --out /tmp/stances.json --limit 100
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import sys
import time
from pathlib import Path

import numpy as np

from _common import ROOT, machine_line, package_versions
from quotes import DATA, Pred, Score, load_split, match, newsprism_preds

OUT = ROOT / "src" / "newsprism" / "analyse" / "data" / "stances.json"
C_GRID = (0.1, 0.3, 1.0)
THRESHOLDS = tuple(round(0.3 + 0.05 * i, 2) for i in range(7))  # 0.3 .. 0.6


def rules_and_candidates(article, nlp):
    """The rules' predictions for ``article`` and its stance candidates as (content, mention, features)."""
    from newsprism.analyse.quotes.extract import _Attributions

    found = _Attributions(article.id, article.text, nlp)
    found.rules()
    preds = newsprism_preds(sorted(found.out, key=lambda item: item[0].start), article.text)
    out = []
    for cand in found.stance_candidates():
        offset = found.sentences[cand.sentence][3]
        mention = (offset + cand.mention.idx, offset + cand.mention.idx + len(cand.mention.text))
        out.append((cand.content, mention, cand.features))
    return preds, out


def missed_golds(article, preds: list[Pred]) -> list:
    """The gold attributions of ``article`` that no rule prediction matches at 0.3."""
    matched = {j for _, j in match(preds, article.gold, 0.3)}
    return [g for j, g in enumerate(article.gold) if j not in matched and g.size]


def label(missed: list, content: tuple[int, int]) -> int:
    """1 when ``content`` covers more than 30 % of one of the ``missed`` golds."""
    return int(any(Pred(*content, None).overlap(g.content) / g.size > 0.3 for g in missed))


def score_with(articles, preds, cands, probability, threshold: float) -> dict:
    """bench/quotes.py's numbers at 0.3 when the candidates above ``threshold`` are added as
    ``stances`` adds them."""
    score = Score()
    for index, article in enumerate(articles):
        added: list[Pred] = []
        ranked = sorted(cands[index], key=lambda item: (-probability[item[0]], item[1]))
        for row, (start, end), mention in ranked:
            if probability[row] <= threshold:
                break
            if any(p.start < end and start < p.end for p in preds[index] + added):
                continue
            added.append(Pred(start, end, mention, mention, "stance"))
        score.add(preds[index] + added, article.gold, 0.3)
    return score.numbers()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--limit", type=int, help="only the first N train articles (a quick try)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--min-count", type=int, default=3, help="drop features of fewer candidates (default 3)")
    args = ap.parse_args(argv)

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    from newsprism.analyse.nlp import SPACY_MODEL, load_nlp

    began = time.perf_counter()
    nlp = load_nlp()
    articles = load_split(args.data, "train", args.limit)
    rows, labels, groups = [], [], []
    preds, cands = [], []  # per article: the rules' predictions; (row, content, mention) of its candidates
    for index, article in enumerate(articles):
        rule_preds, found = rules_and_candidates(article, nlp)
        missed = missed_golds(article, rule_preds)
        preds.append(rule_preds)
        cands.append([])
        for content, mention, features in found:
            cands[-1].append((len(rows), content, mention))
            rows.append(features)
            labels.append(label(missed, content))
            groups.append(index)
    y = np.array(labels)
    vectorizer = DictVectorizer()
    X = vectorizer.fit_transform(rows)
    # Features of fewer than --min-count candidates are dropped: a lemma seen once or twice
    # teaches the model nothing it can use again, and the table stays small.
    keep = np.flatnonzero(np.asarray((X > 0).sum(axis=0)).ravel() >= args.min_count)
    X, names = X[:, keep], [vectorizer.feature_names_[i] for i in keep]
    print(f"{len(articles)} articles, {len(rows)} candidates ({len(names)} features), {int(y.sum())} cover a gold the rules missed; "
          f"rules alone: F1 {score_with(articles, preds, cands, np.zeros(len(rows)), 1.0)['f1']}")

    folds = list(GroupKFold(5).split(X, y, groups))
    best = None
    for c in C_GRID:
        probability = np.zeros(len(rows))
        for fit_rows, held_rows in folds:
            model = LogisticRegression(C=c, max_iter=5000).fit(X[fit_rows], y[fit_rows])
            probability[held_rows] = model.predict_proba(X[held_rows])[:, 1]
        for threshold in THRESHOLDS:
            numbers = score_with(articles, preds, cands, probability, threshold)
            print(f"  C {c}  threshold {threshold}: cross-validated F1 {numbers['f1']} "
                  f"(P {numbers['precision']}, R {numbers['recall']}, speakers {numbers['speaker_accuracy']})")
            if best is None or numbers["f1"] > best[0]["f1"]:
                best = (numbers, c, threshold)
    numbers, c, threshold = best
    model = LogisticRegression(C=c, max_iter=5000).fit(X, y)
    weights = {name: round(float(w), 3) for name, w in zip(names, model.coef_[0]) if abs(w) >= 0.005}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({
        "about": "Stance model of newsprism.analyse.quotes.stances: logistic regression weights per feature. "
                 "Made by bench/train_stances.py from PolNeAR v1.0.0's train split (Newell, Margolin & Ruths, "
                 "LREC 2018; US political news, 2016).",
        "date": _dt.date.today().isoformat(), "machine": machine_line(), "versions": package_versions("spacy", "scikit-learn"),
        "spacy_model": SPACY_MODEL, "train_articles": len(articles), "candidates": len(rows),
        "positives": int(y.sum()), "min_count": args.min_count, "C": c,
        "cross_validated": {"f1": numbers["f1"], "precision": numbers["precision"], "recall": numbers["recall"],
                            "speaker_accuracy": numbers["speaker_accuracy"]},
        "bias": round(float(model.intercept_[0]), 4), "threshold": threshold,
        "weights": dict(sorted(weights.items()))}, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"chose C {c}, threshold {threshold} (cross-validated F1 {numbers['f1']}); "
          f"{len(weights)} weights -> {args.out} in {time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
