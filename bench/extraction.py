"""Article-body extraction benchmark: newsprism vs plain trafilatura.

Data: the Zyte/scrapinghub article-extraction-benchmark (181 real article pages
with hand-made ground-truth bodies). It is read in place and never copied into
this project; by default from /work/shared/data/article-extraction-benchmark,
else pass --data DIR pointing at a clone of
github.com/scrapinghub/article-extraction-benchmark.

Metric (our own implementation of the benchmark's published method):
  * per page, both texts are lowercased and tokenized into `\\w+` tokens;
  * each text becomes a multiset of 4-token shingles (overlapping 4-grams);
  * tp = shared shingles (sum of min counts), fp = predicted excess, fn = true excess;
  * the page's (tp, fp, fn) is normalised to sum to 1 so that every page weighs
    the same, whatever its length (a page where both texts are empty is perfect);
  * the normalised triples are summed over pages -> precision, recall, F1;
  * "accuracy" = share of pages whose own F1 is >= 0.9;
  * "± std" = std of F1 over bootstrap resamples of the pages (fixed seed).

Split: the benchmark has no official split. A page is "dev" when
int(sha256(page_hash).hexdigest(), 16) is even, else "test". Tune on dev only
(--dump-errors writes per-page junk/missed lines for that), report test.

Usage:
  python bench/extraction.py                      # all pages, both systems
  python bench/extraction.py --split dev --dump-errors /tmp/extraction-errors
  python bench/extraction.py --limit 20 --json /tmp/extraction.json
"""

from __future__ import annotations

import argparse
import datetime as _dt
import gzip
import hashlib
import json
import logging
import math
import os
import platform
import random
import re
import sys
import time
import warnings
from collections import Counter
from pathlib import Path
from typing import Callable

from _common import cpu_model, git_commit, package_versions

DEFAULT_DATA = Path("/work/shared/data/article-extraction-benchmark")
SHINGLE = 4
ACCURACY_F1 = 0.9
SPLITS = ("dev", "test", "all")

# ---------------------------------------------------------------- metric

_TOKEN = re.compile(r"\w+")


def tokens(text: str | None) -> list[str]:
    return _TOKEN.findall((text or "").lower())


def shingles(toks: list[str], n: int = SHINGLE) -> Counter:
    """Multiset of n-token shingles.

    A non-empty text shorter than n tokens becomes one shingle made of all its
    tokens (a shorter tuple), so it still counts as one unit of content: it can
    only match an identically short text, otherwise it is one fp (or fn).
    An empty text has no shingles.
    """
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


def page_counts(pred: str | None, true: str | None) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of one page, summing to 1."""
    p, t = shingles(tokens(pred)), shingles(tokens(true))
    if not p and not t:
        return 1.0, 0.0, 0.0  # both empty: perfect
    tp = sum((p & t).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    return tp / total, fp / total, fn / total


def prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def page_f1(counts: tuple[float, float, float]) -> float:
    return prf(*counts)[2]


def summarise(counts: list[tuple[float, float, float]], n_boot: int, seed: int) -> dict:
    tp = sum(c[0] for c in counts)
    fp = sum(c[1] for c in counts)
    fn = sum(c[2] for c in counts)
    precision, recall, f1 = prf(tp, fp, fn)
    accuracy = sum(page_f1(c) >= ACCURACY_F1 for c in counts) / len(counts) if counts else 0.0
    rng = random.Random(seed)
    boot = []
    for _ in range(n_boot if counts else 0):
        sample = [counts[rng.randrange(len(counts))] for _ in counts]
        boot.append(prf(sum(c[0] for c in sample), sum(c[1] for c in sample), sum(c[2] for c in sample))[2])
    if len(boot) > 1:
        mean = sum(boot) / len(boot)
        f1_std = math.sqrt(sum((b - mean) ** 2 for b in boot) / (len(boot) - 1))
    else:
        f1_std = 0.0
    return {"pages": len(counts), "precision": precision, "recall": recall, "f1": f1,
            "f1_std": f1_std, "accuracy": accuracy}


# ---------------------------------------------------------------- data


def split_of(page_hash: str) -> str:
    return "dev" if int(hashlib.sha256(page_hash.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "test"


def load_pages(data: Path) -> list[dict]:
    truth_path, html_dir = data / "ground-truth.json", data / "html"
    if not truth_path.is_file() or not html_dir.is_dir():
        sys.exit(
            f"benchmark data not found under {data}\n"
            "get it with:\n"
            "  git clone https://github.com/scrapinghub/article-extraction-benchmark\n"
            "and run:\n"
            "  python bench/extraction.py --data article-extraction-benchmark"
        )
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth):
        path = html_dir / f"{key}.html.gz"
        if not path.is_file():
            print(f"warning: no HTML for {key}, skipped", file=sys.stderr)
            continue
        pages.append({
            "key": key,
            "url": truth[key].get("url"),
            "true": truth[key].get("articleBody") or "",
            "split": split_of(key),
            "path": path,
        })
    return pages


# ---------------------------------------------------------------- systems


def _trafilatura() -> Callable[[str, str | None], str]:
    import trafilatura

    def run(html: str, url: str | None) -> str:
        return trafilatura.extract(html, url=url) or ""

    return run


def _newsprism() -> Callable[[str, str | None], str]:
    try:
        from newsprism.clean import html_body  # type: ignore[attr-defined]
    except ImportError as error:
        from newsprism.clean.html import extract_html

        print(f"WARNING: `from newsprism.clean import html_body` failed ({error}); "
              "falling back to newsprism.clean.html.extract_html(html, url).text "
              "(trafilatura without newsprism's cleaner)", file=sys.stderr)

        def run(html: str, url: str | None) -> str:
            return extract_html(html, url).text or ""

        run.fallback = True  # type: ignore[attr-defined]
        return run

    def run(html: str, url: str | None) -> str:
        return html_body(html, url) or ""

    run.fallback = False  # type: ignore[attr-defined]
    return run


def _newsprism_raw() -> Callable[[str, str | None], str]:
    """newsprism's trafilatura call without its line cleaner: separates the two effects."""
    from newsprism.clean.html import extract_html

    def run(html: str, url: str | None) -> str:
        return extract_html(html, url).text or ""

    return run


# newsprism-raw is not run by default: --systems trafilatura,newsprism-raw,newsprism
SYSTEMS = {"trafilatura": _trafilatura, "newsprism": _newsprism, "newsprism-raw": _newsprism_raw}


def versions() -> dict:
    return package_versions("trafilatura", "newsprism", "lxml") | {"newsprism_git": git_commit()}


def machine() -> dict:
    cpu = cpu_model(platform.processor() or "")
    return {"platform": platform.platform(), "machine": platform.machine(), "cpu": cpu,
            "cpu_count": os.cpu_count()}


# ---------------------------------------------------------------- error dump

_SENTENCE = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")


def _ngram_sets(toks: list[str], upto: int = SHINGLE) -> list[set]:
    return [set(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1)) for n in range(1, upto + 1)]


def _covered(line_toks: list[str], other: list[set]) -> float:
    """Share of the line's 4-shingles found in the other text (short lines: all-or-nothing)."""
    if len(line_toks) < SHINGLE:
        return 1.0 if tuple(line_toks) in other[len(line_toks) - 1] else 0.0
    grams = [tuple(line_toks[i:i + SHINGLE]) for i in range(len(line_toks) - SHINGLE + 1)]
    return sum(g in other[SHINGLE - 1] for g in grams) / len(grams)


def junk_lines(pred: str, true: str) -> list[tuple[int, int, str]]:
    """Predicted lines of which fewer than half the 4-shingles occur in the true text."""
    true_sets = _ngram_sets(tokens(true))
    lines = [line.strip() for line in pred.splitlines() if line.strip()]
    out = []
    for i, line in enumerate(lines):
        toks = tokens(line)
        if toks and _covered(toks, true_sets) < 0.5:
            out.append((i + 1, len(lines), line))
    return out


def true_units(true: str) -> list[str]:
    units = []
    for line in true.splitlines():
        line = line.strip()
        if line:
            units.extend(s.strip() for s in _SENTENCE.split(line) if s.strip())
    return units


def missed_units(pred: str, true: str) -> list[tuple[int, int, str]]:
    """True sentences of which fewer than half the 4-shingles occur in the prediction."""
    pred_sets = _ngram_sets(tokens(pred))
    units = true_units(true)
    out = []
    for i, unit in enumerate(units):
        toks = tokens(unit)
        if toks and _covered(toks, pred_sets) < 0.5:
            out.append((i + 1, len(units), unit))
    return out


def audit_cleaner(out_dir: Path, pages: list[dict]) -> None:
    """What newsprism's line cleaner removed, per label, checked against the ground truth.

    Re-runs html_body's two steps (extract_html, then classify_lines) to see each
    line's label. This leans on newsprism internals: if they change, it is skipped.
    """
    try:
        from newsprism.clean.html import extract_html
        from newsprism.clean.text import KEPT, classify_lines
    except ImportError as error:
        print(f"note: cleaner audit skipped ({error})", file=sys.stderr)
        return
    audit_dir = out_dir / "newsprism-cleaner"
    audit_dir.mkdir(parents=True, exist_ok=True)
    per_label: dict[str, list[int]] = {}  # label -> [removed junk, removed BODY, kept junk]
    pages_hit: dict[str, set] = {}
    for page in pages:
        try:
            extraction = extract_html(page["html"], page["url"])
            clean = classify_lines(extraction.text, title_hint=extraction.metadata.get("title") or "", mode="html")
            labelled = [(line.label, line.text) for line in clean.lines]
        except Exception as error:  # internals changed: give up quietly
            print(f"note: cleaner audit skipped ({type(error).__name__}: {error})", file=sys.stderr)
            return
        true_sets = _ngram_sets(tokens(page["true"]))
        text = [f"page: {page['key']} ({page['split']})", f"url: {page['url']}",
                "every line of extract_html's text with the cleaner's label;",
                "'REMOVED-BODY' = removed but in the ground truth, 'KEPT-JUNK' = kept but not in it", ""]
        for label, line in labelled:
            toks = tokens(line)
            if not toks:
                continue
            is_body = _covered(toks, true_sets) >= 0.5
            kept = label in KEPT
            counts = per_label.setdefault(label, [0, 0, 0])
            if kept and not is_body:
                flag = "KEPT-JUNK"
                counts[2] += 1
            elif not kept and is_body:
                flag = "REMOVED-BODY"
                counts[1] += 1
                pages_hit.setdefault(label, set()).add(page["key"])
            else:
                flag = ""
                counts[0] += 0 if kept else 1
            text.append(f"{flag:12} {label:14} {line.strip()}")
        (audit_dir / f"{page['key']}.txt").write_text("\n".join(text) + "\n", encoding="utf-8")
    rows = ["label\tremoved_junk\tremoved_body\tpages_with_removed_body\tkept_junk"]
    for label, (junk, body, kept_junk) in sorted(per_label.items(), key=lambda kv: -kv[1][1]):
        rows.append(f"{label}\t{junk}\t{body}\t{len(pages_hit.get(label, ()))}\t{kept_junk}")
    (out_dir / "newsprism-cleaner.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def dump_errors(out_dir: Path, pages: list[dict], results: dict[str, dict[str, dict]]) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    index = ["key\tsplit\t" + "\t".join(f"{s}_f1\t{s}_junk\t{s}_missed" for s in results) + "\turl"]
    for page in pages:
        row = [page["key"], page["split"]]
        for system, by_key in results.items():
            res = by_key[page["key"]]
            pred = res["text"]
            junk = junk_lines(pred, page["true"])
            missed = missed_units(pred, page["true"])
            p, r, f = prf(*res["counts"])
            row += [f"{f:.3f}", str(len(junk)), str(len(missed))]
            sys_dir = out_dir / system
            sys_dir.mkdir(exist_ok=True)
            text = [
                f"page: {page['key']} ({page['split']})",
                f"url: {page['url']}",
                f"system: {system}   P {p:.3f}  R {r:.3f}  F1 {f:.3f}",
                "",
                f"## JUNK: {len(junk)} predicted lines not in the ground truth "
                "([line/of predicted lines])",
            ]
            text += [f"[{i}/{n}] {line}" for i, n, line in junk]
            text += ["", f"## MISSED: {len(missed)} true sentences missing from the prediction "
                         "([sentence/of true sentences])"]
            text += [f"[{i}/{n}] {unit}" for i, n, unit in missed]
            (sys_dir / f"{page['key']}.txt").write_text("\n".join(text) + "\n", encoding="utf-8")
        row.append(page["url"] or "")
        index.append("\t".join(row))
    (out_dir / "index.tsv").write_text("\n".join(index) + "\n", encoding="utf-8")
    if "newsprism" in results:
        audit_cleaner(out_dir, pages)


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA,
                    help=f"benchmark directory with html/ and ground-truth.json (default {DEFAULT_DATA})")
    ap.add_argument("--split", choices=SPLITS, default="all", help="pages to run (default all)")
    ap.add_argument("--limit", type=int, default=None, help="first N pages of the split (quick runs)")
    ap.add_argument("--systems", default="trafilatura,newsprism",
                    help="comma-separated, from: " + ", ".join(SYSTEMS))
    ap.add_argument("--bootstrap", type=int, default=200, help="bootstrap resamples for the F1 std")
    ap.add_argument("--seed", type=int, default=0, help="bootstrap seed")
    ap.add_argument("--json", type=Path, default=None, help="write the numbers to this file")
    ap.add_argument("--dump-errors", type=Path, default=None, metavar="DIR",
                    help="write per-page junk/missed lines for each system under DIR")
    args = ap.parse_args(argv)

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    warnings.filterwarnings("ignore")

    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    unknown = [s for s in systems if s not in SYSTEMS]
    if unknown:
        ap.error(f"unknown system(s): {', '.join(unknown)}")

    pages = load_pages(args.data)
    if args.split != "all":
        pages = [p for p in pages if p["split"] == args.split]
    if args.limit is not None:
        pages = pages[: args.limit]
    if not pages:
        sys.exit("no pages selected")
    # Same decoded string for every system.
    for page in pages:
        page["html"] = gzip.decompress(page["path"].read_bytes()).decode("utf-8", errors="replace")

    runners = {name: SYSTEMS[name]() for name in systems}
    fallback = bool(getattr(runners.get("newsprism"), "fallback", False))
    results: dict[str, dict[str, dict]] = {}
    for name, run in runners.items():
        try:  # warm-up call, not timed: lazy imports and caches load on the first page
            run(pages[0]["html"], pages[0]["url"])
        except Exception:
            pass
        by_key = {}
        for page in pages:
            start = time.perf_counter()
            try:
                text = run(page["html"], page["url"])
                error = None
            except Exception as exc:  # a crash is an empty extraction, reported
                text, error = "", f"{type(exc).__name__}: {exc}"
                print(f"warning: {name} failed on {page['key']}: {error}", file=sys.stderr)
            seconds = time.perf_counter() - start
            by_key[page["key"]] = {"text": text, "seconds": seconds, "error": error,
                                   "counts": page_counts(text, page["true"])}
        results[name] = by_key

    splits = ["dev", "test", "all"] if args.split == "all" else [args.split]
    numbers: dict[str, dict[str, dict]] = {}
    for name in systems:
        numbers[name] = {}
        for split in splits:
            chosen = [p for p in pages if split == "all" or p["split"] == split]
            if not chosen:
                continue
            res = [results[name][p["key"]] for p in chosen]
            summary = summarise([r["counts"] for r in res], args.bootstrap, args.seed)
            seconds = sum(r["seconds"] for r in res)
            summary["seconds"] = seconds
            summary["pages_per_s"] = len(res) / seconds if seconds else None
            summary["errors"] = sum(r["error"] is not None for r in res)
            numbers[name][split] = summary

    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not console.is_terminal and console.width < 100:
        console = Console(width=100)  # piped output: keep the table on one line per row
    table = Table(title=f"Article extraction, {len(pages)} pages of {args.data.name}"
                        + (f" (--limit {args.limit})" if args.limit is not None else "")
                        + (" [newsprism = FALLBACK extract_html]" if fallback else ""))
    for col in ("system", "split", "pages", "precision", "recall", "F1 ± std", "accuracy", "pages/s"):
        table.add_column(col, justify="left" if col in ("system", "split") else "right", no_wrap=True)
    for name in systems:
        for split, s in numbers[name].items():
            table.add_row(name, split, str(s["pages"]), f"{s['precision']:.3f}", f"{s['recall']:.3f}",
                          f"{s['f1']:.3f} ± {s['f1_std']:.3f}", f"{s['accuracy']:.3f}",
                          f"{s['pages_per_s']:.1f}" if s["pages_per_s"] else "-")
        if name != systems[-1]:
            table.add_section()
    console.print(table)
    ratios = {}
    if "newsprism" in numbers and "trafilatura" in numbers:
        for split in ("test", "all"):
            a, b = numbers["newsprism"].get(split), numbers["trafilatura"].get(split)
            if a and b and b["f1"]:
                ratios[split] = a["f1"] / b["f1"]
        if ratios:
            console.print("newsprism / trafilatura F1: "
                          + ", ".join(f"{k} {v:.3f}" for k, v in ratios.items()))
    if fallback:
        console.print("[yellow]WARNING: newsprism ran through the extract_html fallback "
                      "(newsprism.clean.html_body not importable)[/yellow]")

    if args.json:
        payload = {
            "date": _dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "command": " ".join([Path(sys.executable).name] + sys.argv),
            "data": str(args.data),
            "machine": machine(),
            "versions": versions(),
            "newsprism_fallback": fallback,
            "metric": {"tokens": r"lowercase \w+", "shingle": SHINGLE, "page_normalised": True,
                       "accuracy_page_f1_at_least": ACCURACY_F1,
                       "bootstrap": args.bootstrap, "seed": args.seed},
            "split_rule": "dev iff int(sha256(key).hexdigest(), 16) % 2 == 0",
            "split": args.split,
            "limit": args.limit,
            "results": numbers,
            "f1_ratio_newsprism_over_trafilatura": ratios,
            "pages": {p["key"]: {"split": p["split"],
                                 **{f"{n}_f1": round(page_f1(results[n][p["key"]]["counts"]), 4)
                                    for n in systems}} for p in pages},
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        console.print(f"numbers written to {args.json}")

    if args.dump_errors:
        if args.split != "dev":
            console.print("[yellow]note: error dumps include non-dev pages; tune the cleaner on "
                          "--split dev only, or the test numbers stop meaning anything[/yellow]")
        dump_errors(args.dump_errors, pages, results)
        console.print(f"per-page errors written to {args.dump_errors}/<system>/<page>.txt "
                      f"(summary: {args.dump_errors}/index.tsv; newsprism's cleaner line by line: "
                      f"{args.dump_errors}/newsprism-cleaner/, per label: {args.dump_errors}/newsprism-cleaner.tsv)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
