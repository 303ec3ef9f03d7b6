"""Russian-language articles: entities and quotes through natasha, and their quotes grouped
with the English versions of the same statements."""

from __future__ import annotations

import re

import pytest

from newsprism.analyse import analyse_articles
from newsprism.analyse.entities import fold
from newsprism.analyse.russian import russian_quotes
from newsprism.group import group_articles
from newsprism.clean import clean_document
from newsprism.model import EventGroup, Grouping, RawDocument, Storyline
from newsprism.report import build_report, render_html

from conftest import FIXTURES, by_body, load


@pytest.fixture(scope="module")
def articles():
    return load(FIXTURES / "russian")


@pytest.fixture(scope="module")
def grouping(articles):
    return group_articles(articles)


@pytest.fixture(scope="module")
def analysis(articles, grouping):
    return analyse_articles(articles, grouping)


def test_the_russian_article_is_read_as_russian(articles):
    assert by_body(articles, "По словам Токаева").language == "ru"
    assert by_body(articles, "unambiguously stated").language == "en"


def test_russian_quotes_have_their_speakers(articles):
    russian = by_body(articles, "По словам Токаева")
    quotes = {q.text: q for q in russian_quotes(russian.id, russian.text)}
    # «...», — сказал X: a quotation and the cue after its dash.
    direct = quotes["Казахстан однозначно заявил, что будет следовать режиму санкций"]
    assert (direct.speaker, direct.kind, direct.cue) == ("Токаев", "direct", "сказал")
    # "..., заявил ... X": the clause the cue interrupts; the title is no part of the name.
    assert quotes["Казахстан будет соблюдать западные санкции против России"].speaker == "Касым-Жомарт Токаев"
    # "По словам X, ...": X in the nominative, the phrase no part of what was said.
    according = quotes["его страна не намерена помогать Москве обходить ограничения"]
    assert according.speaker == "Токаев" and according.cue == "По словам"
    assert russian.text[according.speaker_start:according.speaker_end] == "Токаева"
    # "X заявила, что ...": the clause, without "что"; the person of "Главный редактор RT X", not RT.
    assert quotes["у России нет союзников в этой войне"].speaker == "Маргарита Симоньян"
    # "— сказала она": the last person named.
    assert quotes["Это самая трудная война в нашей истории"].speaker == "Маргарита Симоньян"


def test_more_russian_attributions():
    text = ("Как заявил Токаев, Казахстан не будет помогать России обходить санкции.\n\n"
            "«Это суверенное решение Казахстана», — отметил Песков, добавив, что отношения двух стран "
            "остаются союзническими.\n\n"
            "По данным агентства Reuters, Казахстан усилил контроль за реэкспортом.\n\n"
            "Экономист Тимоти Эш написал в соцсети X, что Москва теряет влияние в регионе.\n\n"
            "«Ничего страшного не произошло», — пишет «Коммерсант».")
    found = {q.text: (q.speaker, q.kind) for q in russian_quotes("a1", text)}
    assert found == {
        "Казахстан не будет помогать России обходить санкции": ("Токаев", "indirect"),  # "Как заявил X, ..."
        "Это суверенное решение Казахстана": ("Песков", "direct"),
        "отношения двух стран остаются союзническими": ("Песков", "indirect"),  # "добавив, что": his verb's subject
        "Казахстан усилил контроль за реэкспортом": ("Reuters", "indirect"),  # "по данным X"
        "Москва теряет влияние в регионе": ("Тимоти Эш", "indirect"),
        "Ничего страшного не произошло": ("Коммерсант", "direct"),  # an outlet in quotation marks
    }


def test_cyrillic_names_fold_as_the_english_press_spells_them():
    assert fold("Токаев") == fold("Tokayev")
    assert fold("Маргарита Симоньян") == fold("Margarita Simonyan")
    assert fold("Россия") == fold("Russia") and fold("Москва") == fold("Moscow")  # an English name of its own
    assert fold("Си Цзиньпин") == fold("Xi Jinping")  # a Chinese name in Russian spelling


def test_places_named_in_both_languages_are_one_and_named_in_english(analysis):
    by_alias = {alias: e for e in analysis.entities for alias in [e.name, *e.aliases]}
    for russian, english in (("Россия", "Russia"), ("Москва", "Moscow"), ("Казахстан", "Kazakhstan")):
        assert by_alias[russian] is by_alias[english] and by_alias[english].name == english


def test_russian_and_english_versions_of_one_statement_are_grouped(analysis, articles):
    russian = by_body(articles, "По словам Токаева")
    english = by_body(articles, "unambiguously stated")
    tokayev = next(e for e in analysis.entities if e.name == "Kassym-Jomart Tokayev")
    assert {"Токаев", "Касым-Жомарт Токаев"} <= set(tokayev.aliases) and "президент" in tokayev.roles
    quotes = {q.id: q for q in analysis.quotes}
    for russian_text, english_start in (("Казахстан однозначно заявил", "Kazakhstan has unambiguously"),
                                        ("его страна не намерена", "his country had no plans")):
        ru = next(q for q in analysis.quotes if q.article_id == russian.id and q.text.startswith(russian_text))
        en = next(q for q in analysis.quotes if q.article_id == english.id and q.text.startswith(english_start))
        assert ru.speaker_entity_id == en.speaker_entity_id == tokayev.id
        group = next(g for g in analysis.quote_groups if ru.id in g.quote_ids)
        assert en.id in group.quote_ids
        assert all(quotes[i].speaker_entity_id == tokayev.id for i in group.quote_ids)


def test_a_russian_body_gives_no_english_model_entities(analysis, articles):
    russian = by_body(articles, "По словам Токаева")
    # (The English model read Russian text as names: "сказал Токаев", "По".)
    cyrillic = [e for e in analysis.entities if any("\u0400" <= ch <= "\u04ff" for ch in e.name)]
    assert not any(word in alias.split() for e in cyrillic for alias in [e.name, *e.aliases]
                   for word in ("сказал", "По", "заявил"))
    assert all(russian.id in e.article_ids for e in cyrillic)


def test_the_russian_and_english_reports_are_one_event(grouping, articles):
    # Their words differ; their names, in the Latin letters the grouping keys names in, do not.
    russian = by_body(articles, "По словам Токаева")
    english = by_body(articles, "unambiguously stated")
    assert any({russian.id, english.id} <= set(e.article_ids) for e in grouping.events)


def _apart(articles):
    """Each article its own event and storyline, as when the grouping keeps two reports apart."""
    return Grouping(events=[EventGroup(f"ev-{a.id}", a.title or "", None, [a.id], 1) for a in articles],
                    storylines=[Storyline(f"st-{a.id}", a.title or "", [f"ev-{a.id}"]) for a in articles])


def test_a_translation_is_marked_and_every_storyline_shows_every_version(analysis, articles):
    russian = by_body(articles, "По словам Токаева")
    ru = next(q for q in analysis.quotes if q.article_id == russian.id and q.text.startswith("Казахстан однозначно"))
    group = next(g for g in analysis.quote_groups if ru.id in g.quote_ids)
    relations = {v["quote_id"]: v["relation"] for v in group.versions}
    assert sorted(relations.values()) == ["reference", "translated"]
    # Each storyline that holds one version shows the group with both.
    report = build_report(articles, _apart(articles), analysis=analysis)
    tables = re.findall(r'<table class="said">(.*?)</table>', render_html(report), re.S)
    assert len(report["storylines"]) == 2 and len(tables) == 2
    for table in tables:
        assert "Kazakhstan has unambiguously stated" in table and "Казахстан однозначно заявил" in table


def test_two_happenings_in_two_languages_make_two_events_not_one():
    # Tokayev in Berlin and Putin in Beijing, each reported in Russian and in English: each
    # pair is one event, and the names they share ("Russia", "Kremlin") do not merge them.
    articles = load(FIXTURES / "russian") + load(FIXTURES / "russian-beijing")
    events = [set(e.article_ids) for e in group_articles(articles).events]
    for phrase_ru, phrase_en in (("По словам Токаева", "unambiguously stated"),
                                 ("прибыл в Пекин", "arrived in Beijing")):
        pair = {by_body(articles, phrase_ru).id, by_body(articles, phrase_en).id}
        assert pair in events
    assert len(events) == 2


def test_a_body_in_another_alphabet_is_not_read_with_the_english_model():
    # Kazakh in Cyrillic: no reader here; the English model's reading of it is noise.
    kazakh = ("Тоқаев: Қазақстан санкцияларды сақтайды\n\n"
              "АСТАНА. Қазақстан Ресейге қарсы батыс санкцияларын сақтайды, деді Президент Қасым-Жомарт Тоқаев "
              "жұма күні Берлинде баспасөз мәслихатында.\n\n"
              "«Қазақстан санкциялар режимін ұстанатынын анық мәлімдеді», — деді Тоқаев.\n")
    article = clean_document(RawDocument(source_path="kk.txt", input_kind="text", content=kazakh,
                                         content_format="text"))
    assert article.language == "kk"
    analysis = analyse_articles([article], group_articles([article]))
    assert analysis.entities == [] and analysis.quotes == []
