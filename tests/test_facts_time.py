"""Dates, timeline, claims and summaries: on the example corpus and on sentences written here."""

from __future__ import annotations

from datetime import date

import pytest

from newsprism.analyse import _originality
from newsprism.analyse.claims import extract_claims
from newsprism.analyse.dates import resolve_mentions, solve_event_date
from newsprism.analyse.summary import summarise
from newsprism.analyse.timeline import build_timeline
from newsprism.clean import clean_document
from newsprism.group import group_articles
from newsprism.model import RawDocument

from conftest import by_body

FRIDAY = date(2024, 3, 15)


def _resolved(text: str, published=FRIDAY):
    return [(m.text, m.value, m.precision) for m in resolve_mentions(text, published)]


@pytest.mark.parametrize("text,value,precision", [
    ("The talks ended on Thursday.", "2024-03-14", "day"),
    ("The talks ended on Friday.", "2024-03-15", "day"),
    ("They met last Friday.", "2024-03-08", "day"),
    ("The vote is next Monday.", "2024-03-18", "day"),
    ("Prices rose in July.", "2023-07", "month"),
    ("Prices rose in January.", "2024-01", "month"),
    ("He resigned earlier this month.", "2024-03", "month"),
    ("He resigned last month.", "2024-02", "month"),
    ("Sales fell last year.", "2023", "year"),
    ("The bridge opened on March 2.", "2024-03-02", "day"),
    ("The bridge opened on December 28.", "2023-12-28", "day"),
    ("A summit is planned for April 2.", "2024-04-02", "day"),
    ("They met on December 26, 2022.", "2022-12-26", "day"),
    ("They met on 26 December 2022.", "2022-12-26", "day"),
    ("The war began in February 2022.", "2022-02", "month"),
    ("The law dates from 2019.", "2019", "year"),
    ("It happened yesterday.", "2024-03-14", "day"),
])
def test_date_expressions_resolved_against_publication(text, value, precision):
    [(_, got, got_precision)] = _resolved(text)
    assert (got, got_precision) == (value, precision)


def test_year_less_day_pinned_by_a_weekday_of_the_same_event():
    texts = ["Talks were held in Berlin on September 28.", "The minister spoke on Thursday in Berlin."]
    assert solve_event_date(texts, date(2022, 2, 1)) == date(2023, 9, 28)


def test_seed_timeline(seeds):
    grouping = group_articles(seeds)
    timeline = build_timeline(seeds, grouping)
    statement = [t for t in timeline if t.date == "2023-09-28"]
    newsweek = by_body(seeds, "Tokayev said his country would not help Russia")
    review = by_body(seeds, "interested the American magazine Newsweek")
    # "September 28" in one report, "on Thursday" in another: 28 September 2023 from the text alone.
    assert statement and {newsweek.id, review.id} <= set(statement[0].article_ids)
    visit = [t for t in timeline if "visited Kazakhstan" in t.text]
    assert visit and visit[0].date == "2023-11-09" and visit[0].precision == "day" and visit[0].inferred
    invasion = [t for t in timeline if t.date == "2022-02"]
    assert invasion and invasion[0].precision == "month" and not invasion[0].inferred


def _article(text: str, url: str, outlet: str):
    return clean_document(RawDocument(source_path=url, input_kind="jsonl", content=text, content_format="text",
                                      url=url, hints={"outlet": outlet}, hint_origin="jsonl"))


def test_claims_agree_contradict_and_count_independent_reports():
    a = _article("Officials said the new pipeline will carry 12 billion cubic metres of gas a year to the coast.\n\n"
                 "Construction of the 450-kilometre line is due to start in May, the ministry said.",
                 "https://a.example/1", "Alpha News")
    b = _article("The new pipeline will carry 12 billion cubic metres of gas a year to the coast, officials said.\n\n"
                 "The 450-kilometre line will be built by a consortium of three companies.",
                 "https://b.example/1", "Beta Times")
    c = _article("The pipeline, which is 520-kilometre long, will be built by a consortium of three companies.",
                 "https://c.example/1", "Gamma Post")
    claims = extract_claims([a, b, c])
    gas = next(claim for claim in claims if "12 billion cubic metres" in claim.text)
    assert set(gas.supported_by) == {a.id, b.id} and gas.independent_support == 2
    length = next(claim for claim in claims if c.id in claim.stance)
    assert "450-kilometre" in claim_wordings(length, b)
    assert length.stance[c.id] == "contradicts" and c.id in length.contradicted_by


def claim_wordings(claim, article) -> str:
    return claim.wording[article.id]


def test_seed_claims_border_and_copies_do_not_corroborate(seeds):
    grouping = group_articles(seeds)
    claims = extract_claims(seeds, grouping, _originality(seeds, grouping))
    border = next(c for c in claims if "7,500-kilometer border" in c.text)
    stating = {by_body(seeds, "Tokayev said his country would not help Russia").id,
               by_body(seeds, "As Russia faces a series of setbacks").id}
    assert set(border.supported_by) == stating  # stated by two outlets...
    assert border.independent_support == 1  # ...but one rewrites the other


def test_summary_sentences_are_cited_and_distinct(seeds):
    grouping = group_articles(seeds)
    order = _originality(seeds, grouping)
    summary = summarise(seeds, extract_claims(seeds, grouping, order), order, size=5)
    assert 3 <= len(summary) <= 5
    texts = {a.id: a.text for a in seeds}
    for item in summary:
        assert item["text"] in texts[item["article_id"]]
    assert len({item["text"] for item in summary}) == len(summary)


def test_seed_events_dated_by_their_leads(seeds):
    from newsprism.analyse.timeline import event_dates

    grouping = group_articles(seeds)
    dated = event_dates(seeds, grouping)
    newsweek = by_body(seeds, "Tokayev said his country would not help Russia").id
    visit = by_body(seeds, "visited Kazakhstan on November 9").id
    by_article = {a: dated.get(e.id) for e in grouping.events for a in e.article_ids}
    assert by_article[newsweek]["date"] == "2023-09-28" and by_article[newsweek]["inferred"]
    assert by_article[visit]["date"] == "2023-11-09"
    assert by_article[by_body(seeds, "sense of betrayal").id] is None  # its lead names no day


def _relations(pairs):
    from newsprism.model import Grouping, Relation

    return Grouping(events=[], storylines=[], relations=[Relation(a, b, "copy", 1.0, "date", []) for a, b in pairs])


def test_originality_puts_sources_first_on_dense_copy_graphs():
    # 40 syndicated copies, each derived from every earlier one: walking every path
    # (2^40) would never finish; the rank must still follow the derivation depth.
    from newsprism.model import Article

    articles = [Article(f"a{i:02d}", "h", "p", "text", "text", "x") for i in range(40)]
    grouping = _relations([(f"a{i:02d}", f"a{j:02d}") for i in range(40) for j in range(i)])
    rank = _originality(list(reversed(articles)), grouping)
    assert sorted(rank, key=rank.get) == [a.id for a in articles]


def test_originality_survives_cycles():
    from newsprism.model import Article

    articles = [Article(i, "h", "p", "text", "text", "x") for i in "abc"]
    rank = _originality(articles, _relations([("a", "b"), ("b", "c"), ("c", "a")]))
    assert sorted(rank.values()) == [0, 1, 2]


def test_timeline_entry_shared_across_storylines_renders_on_each(seeds):
    # One dated happening reported in two storylines: each page names only its own articles.
    from newsprism.analyse import analyse_articles
    from newsprism.report import build_report, render_html

    grouping = group_articles(seeds)
    analysis = analyse_articles(seeds, grouping)
    entry = analysis.timeline[0]
    entry.article_ids = list(entry.article_ids) + ["not-in-this-report"]
    report = build_report(seeds, grouping, analysis=analysis)
    assert all("not-in-this-report" not in t["article_ids"] for t in report["timeline"])
    assert entry.text.split()[0] in render_html(report)


def test_storyline_page_sections_can_be_capped(seeds):
    # The web app caps each long section of a storyline page (a 3,000-article storyline
    # would be a 60 MB page) and leaves article bodies to the article pages.
    from newsprism.analyse import analyse_articles
    from newsprism.report import build_report, render_html

    grouping = group_articles(seeds)
    report = build_report(seeds, grouping, analysis=analyse_articles(seeds, grouping))
    full = render_html(report)
    capped = render_html(report, limit=1, bodies=False)
    assert "strongest of" not in full and "strongest of" in capped
    assert capped.count('<div class="evidence"') == 1 < full.count('<div class="evidence"')
    body_sentence = by_body(seeds, "sense of betrayal").text.split("\n\n")[1]
    assert body_sentence[:60] in full.replace("&#39;", "'") and len(capped) < len(full)
    assert '<article id="article-' not in capped
