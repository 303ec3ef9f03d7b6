"""Quotation marks: the spans inside each pair, for every common kind of mark."""

from __future__ import annotations

import bisect
import re

# Opening mark -> the closing marks that may end it.
_PAIRS = {"“": "”\"", "„": "“”\"", "«": "»", '"': '"”', "‘": "’", "‹": "›", "”": "”"}

_TWO_WORDS = re.compile(r"\S\s+\S")


class _FailedScan:
    """The positions a search for a closing mark went through without finding one.

    A search is a walk from a start position, the same at every position for one kind of
    opening mark, so a later opening mark whose search would start on that walk fails too:
    remembering the walk keeps a text with many unclosed marks ("“a “a “a ...", a garbled
    page) linear instead of quadratic (60 KB of them took 100 s)."""

    def __init__(self, start: int, stop: int, gaps: list[tuple[int, int]]):
        self.start, self.stop, self.gaps = start, stop, gaps  # gaps: (left at, resumed at) jumps
        self._lefts = [left for left, _ in gaps]

    def covers(self, position: int) -> bool:
        if not self.start <= position <= self.stop:
            return False
        k = bisect.bisect_left(self._lefts, position) - 1  # the last jump left before position
        return k < 0 or position >= self.gaps[k][1]


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each pair of quotation marks (marks excluded).

    Single quotes count only as ‘curly’ pairs around at least two words on one line, so that
    apostrophes (Russia’s) never open a quote. Two apostrophes ('' ... '') are a double
    quote mark, as some wire copy writes it. A quote left open at a paragraph's end goes on
    when the next paragraph opens with a quote mark (newspaper style).
    """
    spans: list[tuple[int, int]] = []
    failed: dict[str, _FailedScan] = {}  # kind of opening mark -> its last search that found nothing
    newlines = [m.start() for m in re.finditer("\n", text)]
    single: tuple[int, int, bool] | None = None  # (from, end, taken) of the last ‘ search
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if text.startswith("''", i) and (i == 0 or not text[i - 1].isalnum()) and i + 2 < n \
                and not text[i + 2].isspace():
            if "''" in failed and failed["''"].covers(i + 2):
                i += 2
                continue
            j, gaps = i + 2, []
            while j < n:
                if text.startswith("''", j) and (j + 2 >= n or not text[j + 2].isalnum()):
                    break
                if text.startswith("\n\n", j):
                    k = j
                    while k < n and text[k] in "\n ":
                        k += 1
                    if text.startswith("''", k):
                        gaps.append((j, k + 2))
                        j = k + 2
                        continue
                    break
                j += 1
            if j < n and text.startswith("''", j):
                spans.append((i + 2, j))
                i = j + 2
            else:
                failed["''"] = _FailedScan(i + 2, j, gaps)
                i += 2
            continue
        closers = _PAIRS.get(ch)
        is_open = closers is not None and (i == 0 or not text[i - 1].isalnum())
        if ch == "‘" and is_open:
            if single is None or not single[0] < i < single[1]:
                # Only on this line: a closing mark after a line break is no pair.
                line_end = newlines[bisect.bisect_left(newlines, i)] if newlines and newlines[-1] > i else n
                end = text.find("’", i + 1, line_end)
                while end != -1 and end + 1 < n and text[end + 1].isalpha():  # an apostrophe inside
                    end = text.find("’", end + 1, line_end)
                taken = end != -1 and _TWO_WORDS.search(text, i + 1, end) is not None
                # (A later ‘ before this end finds the same end, with fewer words between.)
                single = (i, end if end != -1 else line_end, taken)
                if taken:
                    spans.append((i + 1, end))
                    i = end + 1
                    continue
            i += 1
            continue
        if not is_open or ch == "‘":
            i += 1
            continue
        if ch in failed and failed[ch].covers(i + 1):
            i += 1
            continue
        j, gaps = i + 1, []
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
                    gaps.append((j, k + 1))
                    j = k + 1
                    continue
                break
            j += 1
        if j < n and (text[j] in closers or typo) and j - i > 1:
            spans.append((i + 1, j))
            i = j + 1
        elif not gaps and _left_open(text, i, j):
            close = j
            while text[close - 1].isspace():  # (not text[:j].rstrip(): a copy of all before it, per quote)
                close -= 1
            spans.append((i + 1, close))
            i = j
        else:
            if j >= n or text[j] not in closers and not typo:
                failed[ch] = _FailedScan(i + 1, j, gaps)
            i += 1
    return spans


def _left_open(text: str, start: int, end: int) -> bool:
    """Whether the quote opened at ``start`` runs to its paragraph's end at ``end``, its
    closing mark forgotten: at least three words, no other quotation mark, the last sentence
    ended ('... said Baron. “His candidacy ... in the greatest depth.' and a new paragraph
    without a mark)."""
    words = text[start + 1:end]
    # (Only a mark that opens: not a closing one after a comma, '... Israel,” wrote Klein.')
    opens = text[start] in "“„«\"" and (start == 0 or text[start - 1].isspace() or text[start - 1] in "([—–-")
    return opens and (end >= len(text) or text.startswith("\n\n", end)) and len(words.split()) >= 3 and \
        not any(mark in words for mark in "“”\"„«»") and words.rstrip().endswith((".", "?", "!"))
