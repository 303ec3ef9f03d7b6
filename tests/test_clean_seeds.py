"""The example corpus: five plain-text dumps of real articles with their page junk left in."""

from __future__ import annotations

import re

import pytest

from conftest import by_body


def _lines(text: str) -> list[str]:
    return [re.sub(r"\s+", " ", ln).strip() for ln in text.splitlines() if ln.strip()]


def test_nothing_is_lost(seeds):
    """Every input line ends up in the title, the body or the removed blocks, verbatim."""
    for article in seeds:
        kept = set(_lines(article.text)) | set(_lines("\n".join(r.text for r in article.removed)))
        if article.title:
            kept.add(re.sub(r"\s+", " ", article.title).strip())
        missing = [ln for ln in _lines(article.raw) if ln not in kept]
        assert not missing, (article.source_path, missing)


def test_titles_found_where_the_text_has_one(seeds):
    assert by_body(seeds, "Tokayev said his country would not help Russia").title == "Another Neighbor Turns Back on Russia"
    review = by_body(seeds, "interested the American magazine Newsweek")
    # The title, not the breadcrumb that repeats it or the category menu under it.
    assert review.title.startswith("Has Kazakhstan “turned Its Back” on Russia?")
    assert review.title.endswith("Cooperation With Central Asia?")
    assert by_body(seeds, "visited Kazakhstan on November 9").title == \
        "Vladimir Putin Strengthens Ties A Diplomatic Visit to Kazakhstan"
    assert by_body(seeds, "sense of betrayal").title.endswith("Chinese media reported")
    # This dump starts straight with the first paragraph: no title to find, none invented.
    rewrite = by_body(seeds, "As Russia faces a series of setbacks")
    assert rewrite.title is None
    assert rewrite.text.startswith("As Russia faces a series of setbacks")
    for article in seeds:
        if article.title:
            assert article.origins["title"] == "text-cue"


def test_outlet_and_author_where_the_text_states_them(seeds):
    newsweek = by_body(seeds, "Tokayev said his country would not help Russia")
    assert newsweek.outlet == "Newsweek" and newsweek.origins["outlet"] == "text-cue"
    assert newsweek.author == "Isabel van Brugen" and newsweek.origins["author"] == "text-cue"
    assert by_body(seeds, "sense of betrayal").outlet == "GDC"  # from its copyright footer
    review = by_body(seeds, "interested the American magazine Newsweek")
    # "The author of the article, Isabelle Van Bruggen" is the author of the article it reviews.
    assert review.author is None
    assert review.outlet is None
    assert by_body(seeds, "visited Kazakhstan on November 9").author is None  # an empty "Author" label


def test_credited_sources(seeds):
    review = by_body(seeds, "interested the American magazine Newsweek")
    assert review.cites == ["Newsweek", "Azattyq"]
    chinese = by_body(seeds, "sense of betrayal")
    assert set(chinese.cites) == {"AB News", "Chinese media", "Sohu"}
    newsweek = by_body(seeds, "Tokayev said his country would not help Russia")
    assert "Newsweek" not in newsweek.cites  # its own name is no credit
    assert by_body(seeds, "As Russia faces a series of setbacks").cites == []


JUNK = [
    # (phrase found only in page furniture, expected reason)
    ("Did you see the rare leaked footage", "clickbait"),
    ("Contributor/Getty Images", "caption"),
    ("Do you have a tip on a world news story", "promo"),
    ("About the writer", "bio"),
    ("Isabel van Brugen is a Newsweek Reporter", "bio"),
    ("To read how Newsweek uses AI", "promo"),
    ("Newsweek magazine delivered to your door", "promo"),
    ("Newsweek is committed to challenging conventional wisdom", "repeated"),
    ("Uncommon Knowledge", None),
    ("Home »", "breadcrumb"),
    ("Asia Central Asia Featured Global News", "category"),
    ("Source: Azattyq", "credit-line"),
    ("Views: 276", "counter"),
    ("You May Also Like", "related"),
    ("East Africa in Crisis", "related"),
    ("No results found.", "related"),
    ("[Karen Minasyan/AFP]", "caption"),
    ("© 2024, GDC.", "footer"),
    ("Be the first to comment", "comments"),
    ("Leave a Reply", "comments"),
    ("This site uses Akismet", "comments"),
]


@pytest.mark.parametrize("phrase,reason", JUNK)
def test_junk_removed_with_reason(seeds, phrase, reason):
    holders = [a for a in seeds if phrase in a.raw]
    assert holders, phrase
    for article in holders:
        assert phrase not in article.text
        blocks = [r for r in article.removed if phrase in r.text]
        assert blocks, (phrase, article.removed)
        if reason:
            assert blocks[0].reason == reason


BODY = [
    # Subheadings inside the body are body, not junk.
    "A series of unfortunate events for Russia",
    "No Fear of Territorial Claims",
    # First and last paragraphs of each article.
    "As Russia faces a series of setbacks, including an ally's threat",
    "The refusal of Kazakhstan to help Russia bust sanctions adds another layer",
    "Another ally appeared to turn its back on Moscow on Thursday",
    "\"But it's hard to call it an ally, because it is us,\" said Simonyan.",
    "Newsweek has contacted Russia's Foreign Ministry for comment via email.",
    "The statement by Kazakh President Kassym-Jomart Tokayev that his country",
    "Timothy Ash wrote in a post on Network X (formerly Twitter).",
    "Russian President Vladimir Putin visited Kazakhstan on November 9",
    "Lavrov emphasized Russia’s commitment to protecting Central Asian nations",
    "Kazakhstan’s recent actions have reportedly led to a sense of betrayal",
    "This development raises questions about the stability and future",
]


@pytest.mark.parametrize("sentence", BODY)
def test_body_kept(seeds, sentence):
    holders = [a for a in seeds if sentence in a.raw]
    assert len(holders) == 1
    assert sentence in holders[0].text


def test_language_detected(seeds):
    assert {a.language for a in seeds} == {"en"}
