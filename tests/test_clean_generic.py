"""The cleaner on text written for these tests: general signals, no example-corpus wording."""

from __future__ import annotations

from newsprism.clean import clean_document, html_body
from newsprism.model import RawDocument
from newsprism.pipeline import outlet_boilerplate

from conftest import FIXTURES, load

WIRE_STORY = """\
World | Business | Markets
Grain exporters brace for new tariffs
By Daniel Okafor
March 3, 2024
Share
Tweet
Grain exporters across the region are preparing for a new round of tariffs that the government announced on Monday, with traders warning that contracts signed for the spring could be cancelled.
The measures, which take effect next month, add a duty of 12 per cent on wheat and barley shipped abroad, according to Reuters, which first reported the plan.
Read more: Farmers protest outside parliament
"We have already lost two buyers this week," said Ana Petrovic, who runs a cooperative of 40 farms, adding that smaller producers would be hit hardest.
Officials said the tariffs would keep domestic bread prices stable through the summer, and that they would be reviewed in the autumn.
Related Stories
Wheat prices hit a two-year high
Port congestion eases after storm
Daniel Okafor is a senior correspondent covering agriculture and trade.
Copyright 2024 The Plains Ledger. All rights reserved.
"""


def _clean(text: str, **kwargs):
    return clean_document(RawDocument(source_path="test.txt", input_kind="text", content=text,
                                      content_format="text"), **kwargs)


def test_header_tail_and_inline_junk():
    article = _clean(WIRE_STORY)
    assert article.title == "Grain exporters brace for new tariffs"
    assert article.author == "Daniel Okafor" and article.origins["author"] == "text-cue"
    assert article.published == "2024-03-03T00:00:00" and article.origins["published"] == "text-cue"
    assert article.outlet == "The Plains Ledger"
    assert article.cites == ["Reuters"]
    reasons = {r.reason for r in article.removed}
    assert {"category", "byline", "dateline", "share", "related", "footer"} <= reasons
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("Grain exporters across the region")
    assert paragraphs[-1].startswith("Officials said the tariffs")
    for junk in ("Farmers protest", "Wheat prices hit", "senior correspondent", "Copyright", "Tweet"):
        assert junk not in article.text


def test_hard_wrapped_text_is_unwrapped():
    wrapped = """Council approves new cycle lanes

The city council voted on Tuesday to build twelve kilometres of protected
cycle lanes through the centre, after a two-year consultation that drew
more than four thousand responses from residents and local businesses.

Supporters said the lanes would cut traffic and make the streets safer for
children walking to school, while shop owners on the high street warned
that removing parking spaces could drive customers to out-of-town malls.

Construction is due to begin in the spring and to finish before the end of
next year, the council said in a statement published after the meeting.
"""
    article = _clean(wrapped)
    assert article.title == "Council approves new cycle lanes"
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 3
    assert "protected cycle lanes through the centre" in paragraphs[0]


CLOSING = "Residents can find the full details on the council's noticeboards and at the town hall this week."


def test_lines_repeated_across_one_outlets_articles_are_boilerplate():
    tagline = "The Harwick Ledger: independent local reporting since 1887"
    bodies = [
        "The bridge on Mill Road will close for repairs for six weeks from Monday, the county said, and buses will be diverted.",
        "A new library opened in the old post office building on Saturday after a renovation that took almost three years.",
    ]
    articles = [
        clean_document(RawDocument(source_path=f"s{i}", input_kind="jsonl", url=f"https://ledger.example/{i}",
                                   content=f"{body}\n{tagline}\n{CLOSING}", content_format="text"))
        for i, body in enumerate(bodies)
    ]
    assert all(tagline in a.text for a in articles)  # alone, each page cannot tell
    known = outlet_boilerplate(articles)["ledger.example"]
    again = clean_document(RawDocument(source_path="s0", input_kind="jsonl", url="https://ledger.example/0",
                                       content=f"{bodies[0]}\n{tagline}\n{CLOSING}", content_format="text"), known)
    assert tagline not in again.text
    assert any(r.reason == "boilerplate" and r.text == tagline for r in again.removed)


def test_html_page_metadata_origins_and_junk():
    [article] = load(FIXTURES / "pages" / "harbour-strike.html")
    assert article.title == "Dock workers walk out as pay talks collapse"
    assert article.origins["title"] == "json-ld"
    assert article.author == "Priya Raman" and article.outlet == "Northern Gazette"
    assert article.published.startswith("2024-03-14T08:30")
    assert article.language == "en"
    assert article.text.startswith("More than 1,200 dock workers")
    assert "The strike is due to last until Sunday" in article.text  # after an inline "Related:" link
    for junk in ("Related: Port operator", "newsletter", "You May Also Like", "Ferry fares", "All rights reserved",
                 "Photo: Tom Ellis"):
        assert junk not in article.text
    assert "Harwick Evening News" in article.cites


def test_html_body_helper_matches_article_text():
    html = (FIXTURES / "pages" / "harbour-strike.html").read_text()
    body = html_body(html)
    assert body.startswith("More than 1,200 dock workers")
    assert "Related: Port operator" not in body


def test_a_short_quotation_that_ends_the_article_is_kept():
    # A closing quote paragraph opens with its mark or a dialogue dash, not a capital; it is
    # still a sentence attached to the body, not tail furniture.
    body = ("Harbour reopens after storm\n\n"
            "The harbour of Kiel reopened on Monday after a week of repairs to the quay and the cranes, "
            "the port authority said in a statement.\n\n"
            "Ships queued outside the breakwater for most of the morning as pilots guided them in one by one.\n\n")
    for last in ('"We will be back by Friday," she said.', "«Это самая трудная война», — сказала она.",
                 "— Мы вернёмся к пятнице, — сказала она."):
        article = _clean(body + last + "\nRelated Stories\nWheat prices hit a two-year high\n")
        assert article.text.endswith(last), last
        assert "Wheat prices" not in article.text


def test_characters_that_show_nothing_are_removed_from_the_body():
    # Bidi marks, zero-width spaces, byte-order marks and soft hyphens come with pasted
    # social posts and web pages; they hid a paragraph's opening quote mark from the quote
    # finder and split names.
    from newsprism.analyse.quotes import extract_quotes

    text = ("Harbour town rallies behind the ferry\n\n"
            "The mayor's post drew hundreds of replies from residents on Sunday evening.\n\n"
            "\u202a\u201dDon't let them close the ferry, we need it every single day!!\u201d posted Lena Fis\u00adcher.\n\n"
            "\ufeff\u200b\u201cThis is why the harbour has to be rebuilt,\u201d said John Krys\u200etek.\n")
    article = _clean(text)
    assert not set(article.text) & set("\u202a\u200b\u200e\u00ad\ufeff")
    assert "Lena Fischer" in article.text and "John Krystek" in article.text
    assert "\u200d" in _clean(text.replace("residents", "residents \U0001F468\u200d\U0001F469")).text  # a joiner stays
    quotes = {q.text: (q.kind, q.speaker) for q in extract_quotes("a1", article.text)}
    assert quotes["Don't let them close the ferry, we need it every single day!!"] == ("direct", "Lena Fischer")
    assert quotes["This is why the harbour has to be rebuilt,"] == ("direct", "John Krystek")


def test_a_wall_of_text_is_cut_into_paragraphs_at_sentence_ends():
    # One "paragraph" of a million characters made spaCy refuse the text and stopped the
    # whole analysis run; the parser needs about 1 GB per 100,000 characters of one text.
    from newsprism.config import DEFAULT_SETTINGS

    sentence = "The harbour master said the ferry would run again once the quay is repaired. "
    wall = sentence * (3 * DEFAULT_SETTINGS.max_paragraph_chars // len(sentence))
    article = _clean("Harbour ferry dispute drags on\n\n" + wall + "\n\nThe council meets on Friday.\n")
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) >= 4 and max(map(len, paragraphs)) <= DEFAULT_SETTINGS.max_paragraph_chars
    assert all(p.endswith("repaired.") for p in paragraphs[:-1])  # cut after a sentence, not inside one
    assert " ".join(paragraphs[:-1]) == wall.strip() and paragraphs[-1] == "The council meets on Friday."
    # With no sentence end, at a space.
    words = "ferry " * (2 * DEFAULT_SETTINGS.max_paragraph_chars // 6)
    pieces = _clean("Harbour ferry dispute drags on\n\n" + words + "\n\nThe council meets on Friday.\n").text.split("\n\n")
    assert max(map(len, pieces)) <= DEFAULT_SETTINGS.max_paragraph_chars and all(p.endswith("ferry") for p in pieces[:-1])
