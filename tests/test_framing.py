"""Framing: headline stance, own vs quoted loaded words, tone, headline support - seeds and written text."""

from __future__ import annotations

import pytest

from newsprism.analyse.entities import extract_entities
from newsprism.analyse.framing import frame_articles, headline_stance, headline_support, tone
from newsprism.analyse.quotes import extract_quotes

from conftest import by_body


@pytest.fixture(scope="module")
def framing(seeds):
    entities, _ = extract_entities(seeds)
    quotes = [q for a in seeds for q in extract_quotes(a.id, a.text)]
    return {f["article_id"]: f for f in frame_articles(seeds, entities, quotes)}


def test_headline_stance_toward_russia_and_kazakhstan(seeds, framing):
    turns_back = framing[by_body(seeds, "Tokayev said his country would not help Russia").id]["headline_stance"]
    assert turns_back["Russia"]["label"] == "unfavourable"  # "Another Neighbor Turns Back on Russia"
    question = framing[by_body(seeds, "interested the American magazine Newsweek").id]["headline_stance"]
    assert question["Russia"]["question"] and question["Russia"]["score"] < 0
    ties = framing[by_body(seeds, "visited Kazakhstan on November 9").id]["headline_stance"]
    # "Vladimir Putin Strengthens Ties ... Visit to Kazakhstan": Putin stands for Russia by his role.
    assert ties["Russia"]["label"] == "favourable" and ties["Kazakhstan"]["label"] == "favourable"
    failure = framing[by_body(seeds, "sense of betrayal").id]["headline_stance"]
    assert failure["Russia"]["label"] == "unfavourable"  # "Russia's failure to defend ..."


def test_own_and_quoted_loaded_words(seeds, framing):
    newsweek = framing[by_body(seeds, "Tokayev said his country would not help Russia").id]
    assert "propagandist" in newsweek["own_loaded_terms"]  # "Kremlin propagandist Margarita Simonyan"
    assert "idiotic" in newsweek["quoted_loaded_terms"] and "idiotic" not in newsweek["own_loaded_terms"]
    idiotic = next(t for t in newsweek["loaded_terms"] if t["term"].lower() == "idiotic")
    assert idiotic["speaker"] and "Ash" in idiotic["speaker"]
    chinese = framing[by_body(seeds, "sense of betrayal").id]
    assert {"betrayal", "ingratitude"} <= set(chinese["own_loaded_terms"])
    assert "stab in the back" in chinese["quoted_loaded_terms"]


def test_third_hand_headline_not_supported_by_its_body(seeds, framing):
    chinese = framing[by_body(seeds, "sense of betrayal").id]
    assert chinese["headline_supported"] is False
    assert {"armenia", "csto"} <= set(chinese["headline_unsupported_terms"])
    for phrase in ("Tokayev said his country would not help Russia", "visited Kazakhstan on November 9"):
        assert framing[by_body(seeds, phrase).id]["headline_supported"] is True


def test_tails_reported(seeds, framing):
    assert [t["reason"] for t in framing[by_body(seeds, "As Russia faces a series of setbacks").id]["tails"]] == ["clickbait"]


def test_on_text_written_here():
    groups = {"Ostria": ["Ostria"], "Valmora": ["Valmora"]}
    stance = headline_stance("Ostria snubs Valmora as border talks collapse", groups)
    assert stance["Valmora"]["label"] == "unfavourable"
    assert headline_stance("Ostria and Valmora strengthen ties with new rail link", groups)["Ostria"]["label"] == "favourable"
    supported, missing = headline_support("Ostria invades Valmora and seizes border towns",
                                          "Ostria and Valmora held talks on trade on Monday.")
    assert supported is False and {"invades", "seizes"} <= set(missing)
    assert headline_support("Valmora talks on trade", "Ostria and Valmora held talks on trade.")[0] is True
    assert tone("a disgraceful and idiotic decision") < -0.5 < 0.5 < tone("a heroic and wise decision")
