from __future__ import annotations

import pytest

from newsprism.analyse.claim_match import ClaimMatcher, normalise, split_tag

CLAIMS = [
    "The city council of Lisbon voted to ban all electric scooters from the old town in 2024.",
    "A photograph shows a humpback whale swimming through the flooded streets of Venice.",
    "The mayor of Oslo said free public transport will be funded by a tax on private jets.",
    "Drinking three cups of green tea a day cures seasonal flu, according to a Kyoto study.",
    "A video shows penguins escaping from the Berlin zoo during a thunderstorm.",
]


def test_normalise_drops_links_and_splits_tags():
    tweet = ("Unbelievable!! #VeniceFloods whale spotted 🐋🐋 https://t.co/AbC123 @CityOfVenice"
             "#Climate2024pic.twitter.com/xYz987 — Jane Doe (@jane_doe) November 13, 2019")
    text = normalise(tweet)
    assert "http" not in text and "pic.twitter" not in text and "🐋" not in text
    assert "Venice Floods" in text and "City Of Venice" in text and "Climate 2024" in text
    assert text.endswith("— Jane Doe")  # the signature keeps the author, not the handle or date
    assert "jane_doe" not in text and "2019" not in text
    assert normalise(tweet, keep_author=False).endswith("Climate 2024")
    assert split_tag("FreeIran2020") == "Free Iran 2020"
    assert normalise("Tom &amp; Jerry") == "Tom & Jerry"


@pytest.mark.parametrize("embed", [False, True])
def test_paraphrasing_tweet_ranks_its_claim_first(embed):
    matcher = ClaimMatcher(CLAIMS, embed=embed)
    tweets = [
        ("WOW a whale in the canals of #Venice after the floods?! pic.twitter.com/q1w2e3 "
         "— Marco (@marco_ve) November 14, 2019"),
        "So Oslo's mayor wants private jet owners to pay for everyone's free buses & trams 👏 https://t.co/x",
        "lol penguins broke out of the #BerlinZoo in the storm last night",
    ]
    ranked = matcher.rank_many(tweets, k=3)
    assert [row[0][0] for row in ranked] == [1, 2, 4]
    for row in ranked:
        assert len(row) == 3
        assert row[0][1] > row[1][1] >= row[2][1]
    assert matcher.rank(tweets[0], k=1)[0][0] == 1


def test_duplicate_claims_tie_and_the_earlier_ranks_first():
    claims = [*CLAIMS, 'The mayor of Oslo said "free public transport will be funded by a tax on private jets".']
    matcher = ClaimMatcher(claims, embed=False)
    (first, s1), (second, s2), *_ = matcher.rank("Oslo mayor: a tax on private jets will fund free public transport")
    assert (first, second) == (2, 5) and s1 == s2
