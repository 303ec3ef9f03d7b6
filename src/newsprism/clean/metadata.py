"""Metadata from the words of an article: author, outlet, and the sources it credits.

Each finder returns values found from text cues (origin "text-cue"). They read
the classified lines of :mod:`newsprism.clean.text`, so a bio or a copyright
footer can name the author or outlet even though it is removed from the body.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from functools import lru_cache
from importlib import resources

from .text import _BIO, _BYLINE, _EMAIL, CleanText

# A proper name: capitalised words, with the small words names contain. A full
# stop belongs to a name only inside it ("U.S."), never at its end.
_TOKEN = r"[A-Z](?:[\w'’&-]|\.(?=\w))*"
_NAME = _TOKEN + r"(?:\s+(?:" + _TOKEN + r"|of|de|del|der|the|and|&|\d+))*"
_MEDIA_WORDS = {
    "news", "times", "post", "journal", "agency", "tv", "radio", "press", "media", "daily", "herald",
    "tribune", "telegraph", "gazette", "wire", "channel", "network", "magazine", "review", "observer",
    "insider", "today", "chronicle", "guardian", "independent", "mail", "express", "mirror", "standard",
    "monitor", "bulletin", "courier", "dispatch", "examiner", "inquirer", "sentinel", "online", "24",
    "info", "broadcasting", "television", "newspaper", "weekly", "digest", "inform", "kz", "ru",
}
_MEDIA_NOUNS = (r"magazine|newspaper|outlet|publication|news agency|agency|broadcaster|tv channel|channel|"
                r"website|portal|tabloid|daily|weekly|news site|news portal|television|radio station|paper")
_PEOPLE_OF_MEDIA = r"journalists|reporters|correspondents|editors|media|press|outlets|newspapers|publications"
_NOT_NATIONALITY = {"western", "eastern", "northern", "southern", "mainstream", "independent", "local",
                    "foreign", "state", "social", "other", "international", "national", "some", "many"}


@lru_cache(maxsize=1)
def known_outlets() -> set[str]:
    with resources.files("newsprism.clean").joinpath("data/outlets.toml").open("rb") as handle:
        data = tomllib.load(handle)
    return {name for names in data.values() for name in names}


def _is_nationality(word: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][a-z]+(?:ese|ian|ish|an|i|ic|ch|ss)", word)) and word.lower() not in _NOT_NATIONALITY


def _outlet_like(name: str) -> bool:
    name = name.strip()
    if name in known_outlets():
        return True
    tokens = name.split()
    if not tokens:
        return False
    return tokens[-1].lower().strip(".") in _MEDIA_WORDS or bool(re.search(r"\.(?:com|net|org|kz|ru|ua|cn)$", name))


def _trim(name: str) -> str:
    name = re.sub(r"^the\s+", "", name.strip(" ,.;:'\"“”’"))
    return re.sub(r"\s+(?:and|of|the|de|&)$", "", name)


def find_author(clean: CleanText) -> str | None:
    for line in clean.lines:
        if line.label == "byline":
            match = _BYLINE.match(line.text.strip())
            if match:
                return match.group("name").strip()
    for line in clean.lines:
        text = line.text.strip()
        if line.label in ("bio", "tail", "furniture") or line.label not in ("body", "heading"):
            match = _BIO.match(text)
            if match:
                return match.group("name").strip()
        label_match = re.match(r"^(?:author|written by|by)\s*:\s*(" + _NAME + r")\s*$", text)
        if label_match and line.label not in ("body",):
            return label_match.group(1)
    return None


def find_outlet(clean: CleanText) -> str | None:
    """The outlet that published the article, from its own self-references."""
    votes: Counter[str] = Counter()
    junk_text = "\n".join(line.text for line in clean.lines if line.label not in ("body", "heading"))
    all_text = "\n".join(line.text for line in clean.lines)
    for line in clean.lines:
        bio = _BIO.match(line.text.strip())
        if bio and line.label not in ("body", "heading"):
            role = re.findall(r"\b(?:[A-Z][\w'’.-]*)(?:\s+[A-Z][\w'’.-]*)*", bio.group("role"))
            for candidate in role:
                if candidate.lower() not in {"senior", "staff", "chief", "deputy", "reporter", "editor",
                                             "news", "correspondent", "writer"}:
                    votes[_trim(re.sub(r"\s+(?:Reporter|Editor|Correspondent|Writer|Senior)\b.*", "", candidate))] += 3
    for holder in re.findall(r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–]?\s*\d{0,4})?\s*,?\s*(" + _NAME + r")",
                             junk_text, re.I):
        holder = _trim(re.sub(r"\b(?:All|Ltd|LLC|Inc|Limited|Group|Corporation)\b.*$", "", holder))
        if holder and len(holder) <= 60:
            votes[holder] += 2
    # "<Outlet> has contacted ... for comment": newsrooms speak of themselves in the third person.
    for name in re.findall(r"(?:^|[.!?]\s+)(" + _NAME + r")\s+(?:has|had|have)\s+(?:contacted|reached out|asked|approached)"
                           r"|(" + _NAME + r")\s+(?:could not|was unable to|cannot) (?:independently )?(?:verify|confirm)",
                           all_text):
        for candidate in name:
            if candidate and not candidate.startswith(("He ", "She ", "They ", "It ")) and candidate not in ("He", "She", "They", "It", "We"):
                votes[_trim(candidate)] += 2
    # Contact addresses of the newsroom (tips@outlet.com) in promos.
    for address in _EMAIL.findall(junk_text):
        domain = address.split("@")[1].split(".")[-2]
        for name in re.findall(_NAME, all_text):
            if name.replace(" ", "").lower() == domain.lower():
                votes[_trim(name)] += 1
                break
    votes.pop("", None)
    if not votes:
        return None
    return votes.most_common(1)[0][0]


def find_cites(title: str | None, clean: CleanText, exclude: set[str]) -> list[str]:
    """Outlets and sources the article credits, in order of first mention."""
    found: list[str] = []

    def add(name: str) -> None:
        name = _trim(name)
        if not name or len(name) > 60 or name.lower() in {e.lower() for e in exclude if e}:
            return
        if name.lower() not in {f.lower() for f in found}:
            found.append(name)

    texts = ([title] if title else []) + [line.text for line in clean.lines if line.label in ("body", "heading", "credit-line", "caption")]
    for text in texts:
        credit = re.match(r"^\s*(?:sources?|via)\s*:\s*(.+)$", text, re.I)
        if credit:
            for part in re.split(r"\s*(?:,|;|\band\b)\s*", credit.group(1)):
                add(part)
            continue
        for name, nationality_group in _credit_mentions(text):
            add(f"{nationality_group} media" if nationality_group else name)
    return found


def _credit_mentions(text: str):
    """Yield (name, nationality) pairs for every credit wording found in one paragraph."""
    patterns = [
        # according to AB News / according to Chinese journalists
        r"(?i:according to) (?:the |a |an )?(?P<name>" + _NAME + r")",
        # Newsweek reported / Chinese media reported / Sohu journalists
        r"(?P<name>" + _NAME + r")\s+(?:reported|reports|wrote|writes|said in a report|published|revealed|cited)\b",
        r"(?:told|quoted by|cited by|in an interview with|speaking to|interviewed by) (?:the )?(?P<name>" + _NAME + r")",
        r"\b(?:the |a )?(?:[A-Z][a-z]+ )?(?:" + _MEDIA_NOUNS + r") (?P<name>" + _NAME + r")",
        r"\((?P<name>" + _NAME + r")\)\s*[-–—]",
    ]
    for pattern in patterns:
        for match in re.finditer(pattern, text):
            name = _trim(match.group("name"))
            tokens = name.split()
            if not tokens:
                continue
            # "Chinese media", "Chinese journalists", "Sohu journalists"
            group = re.match(r"^(?P<head>.+?)\s+(?:" + _PEOPLE_OF_MEDIA + r")$", name, re.I)
            if group:
                head = group.group("head")
                if _is_nationality(head):
                    yield head, head
                elif head.lower() not in _NOT_NATIONALITY and not _is_nationality(head.split()[0]):
                    yield head, None
                continue
            if len(tokens) == 1 and _is_nationality(name):
                continue
            if _outlet_like(name) or "(" in match.group(0) and name in known_outlets() or \
                    (pattern.startswith(r"\b(?:the |a )?") and len(tokens) <= 4):
                yield name, None
    for match in re.finditer(r"\b(?P<nat>[A-Z][a-z]+)\s+(?:" + _PEOPLE_OF_MEDIA + r")\b", text):
        nat = match.group("nat")
        if _is_nationality(nat):
            yield nat, nat
        elif nat.lower() not in _NOT_NATIONALITY and nat not in ("The", "Both", "Some", "Many", "Several", "State", "Social"):
            # "Sohu journalists": a named outlet's staff
            if match.start() > 0 and not text[:match.start()].rstrip().endswith((".", "!", "?")):
                yield nat, None
