"""Quotation marks: the spans inside each pair, for every common kind of mark."""

from __future__ import annotations


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
