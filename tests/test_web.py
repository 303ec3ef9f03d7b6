"""The web app: JSON API (FastAPI's test client) and pages in a real headless Chromium."""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsprism.cli import app as cli
from newsprism.model import EventGroup, Grouping, Storyline
from newsprism.serve import create_app
from newsprism.store import open_store

from conftest import EXAMPLES, FIXTURES, ROOT

ARTIFACTS = ROOT / "test-artifacts"
HOSTILE = ("The harbour council met on Monday to discuss the new ferry timetable and the cost of repairs. "
           "<script>alert('pwned')</script> Members voted to publish the full budget next week.")


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("web")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps({"title": "Council <b>vote</b> <script>alert('t')</script>", "text": HOSTILE,
                                   "url": "https://harbour.example/vote"}))
    path = str(folder / "n.db")
    result = CliRunner().invoke(cli, ["analyze", str(EXAMPLES), str(hostile), "--db", path, "-q"])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    return TestClient(create_app(db))


def test_api_storylines_articles_and_tables(client):
    stories = client.get("/api/storylines").json()
    story = max(stories, key=lambda s: s["articles"])
    assert story["articles"] == 5 and story["events"] == 3
    report = client.get(f"/api/storylines/{story['id']}").json()
    slim = client.get(f"/api/storylines/{story['id']}", params={"texts": "false", "evidence": "false"}).json()
    assert [a["id"] for a in slim["articles"]] == [a["id"] for a in report["articles"]]
    assert all("text" not in a for a in slim["articles"]) and all(a["text"] for a in report["articles"])
    assert len(slim["relations"]) == len(report["relations"]) and all("evidence" not in r for r in slim["relations"])
    assert {"articles", "events", "relations", "quotes", "claims", "timeline", "framing"} <= set(report)
    assert len(report["articles"]) == 5
    article_id = report["articles"][0]["id"]
    article = client.get(f"/api/articles/{article_id}").json()
    assert article["storyline_id"] == story["id"] and "framing" in article
    found = client.get("/api/articles", params={"q": "Berlin sanctions"}).json()
    assert found and all("Berlin" in a["text"] for a in found)
    quotes_csv = client.get("/api/quotes", params={"storyline": story["id"], "format": "csv"})
    assert quotes_csv.headers["content-type"].startswith("text/csv")
    assert quotes_csv.text.splitlines()[0].startswith("id,article_id,speaker")
    for table in ("events", "relations", "entities", "claims", "timeline", "framing", "quote_groups"):
        assert client.get(f"/api/{table}", params={"storyline": story["id"]}).status_code == 200
    # Paging: the pages put together are the whole table, and the total is said.
    entities = client.get("/api/entities").json()
    pages = [client.get("/api/entities", params={"limit": 7, "offset": start}) for start in range(0, len(entities), 7)]
    assert [e for page in pages for e in page.json()] == entities
    assert {page.headers["x-total-count"] for page in pages} == {str(len(entities))} and len(pages) > 1
    assert client.get("/api/entities", params={"limit": 0}).status_code == 422
    assert client.get("/api/articles/nope").status_code == 404
    assert client.get("/api/storylines", params={"format": "xml"}).status_code == 422


def test_api_is_documented(client):
    schema = client.get("/openapi.json").json()
    assert {"/api/storylines", "/api/storylines/{story_id}", "/api/articles", "/api/quotes"} <= set(schema["paths"])
    docs = client.get("/api").text
    assert "/api/storylines/{story_id}" in docs and "cdn" not in docs.lower()


def test_pages_escape_untrusted_text(client):
    stories = client.get("/api/storylines").json()
    hostile_id = next(a["id"] for a in client.get("/api/articles").json() if "harbour" in (a["url"] or ""))
    page = client.get(f"/articles/{hostile_id}").text
    assert "<script>" not in page and "&lt;script&gt;alert(" in page  # shown as text, escaped
    home = client.get("/", params={"q": "<script>alert(1)</script>"}).text
    assert "<script>alert(1)" not in home
    for story in stories:
        assert "<script>" not in client.get(f"/storylines/{story['id']}").text


def test_article_page_shows_each_quote_s_cue(client):
    # A stance's words alone can read as the opposite ("the regions ... as part of Russia"
    # under "not recognized"): the page shows the cue next to them.
    from markupsafe import escape  # as the templates escape

    quotes = client.get("/api/quotes").json()
    assert any(q["kind"] == "stance" for q in quotes)
    for article_id in {q["article_id"] for q in quotes if q["kind"] == "stance"}:
        page = client.get(f"/articles/{article_id}").text
        for quote in (q for q in quotes if q["article_id"] == article_id and q["cue"]):
            assert f"<td>{escape(quote['cue'])}</td>" in page


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def server(db):
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="error")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not instance.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed; .ci/run installs Debian's chromium")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield instance
        instance.close()


def test_browse_storyline_then_article_in_chromium(server, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1100, "height": 1400})
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(server + "/")
    page.get_by_role("link", name="Kazakhstan, Russia").first.click()
    page.wait_for_selector("svg.graph")
    # The pictures render: the copy/credit graph and the timeline have size and content.
    graph = page.locator("svg.graph").first
    assert graph.bounding_box()["width"] > 200 and graph.locator("line").count() >= 2
    assert page.locator("svg.timeline").first.bounding_box()["height"] > 50
    assert page.locator("table.said").count() == 1 and page.locator("table.framing").count() == 1
    page.screenshot(path=str(ARTIFACTS / "storyline.png"), full_page=True)
    # Clicking an arrow shows its evidence passages.
    page.locator("svg.graph a.edge").first.click()
    assert page.locator(".evidence:target").is_visible()
    # Through to an article: the node of the copy graph links to its page.
    page.locator("svg.graph a.node").first.click()
    page.wait_for_selector("#body")
    assert page.locator(".hl-quote").count() > 0 or page.locator(".hl-ent").count() > 0
    page.screenshot(path=str(ARTIFACTS / "article.png"), full_page=True)
    # An article carrying <script> shows it as text and runs nothing.
    page.goto(server + "/?q=harbour")
    page.locator("#results a").first.click()
    page.wait_for_selector("#body")
    assert "<script>alert('pwned')</script>" in page.locator("#body").inner_text()
    assert dialogs == []
    page.close()


def test_a_storyline_page_shows_the_versions_of_its_quotes_in_other_storylines(tmp_path):
    # The Russian and English reports of one statement in two storylines: each storyline's
    # page shows both versions of the quote.
    path = str(tmp_path / "ru.db")
    result = CliRunner().invoke(cli, ["analyze", str(FIXTURES / "russian"), "--db", path, "-q"])
    assert result.exit_code == 0, result.output
    # (They are one event; stored apart here, as two reports the grouping keeps apart are.)
    store = open_store(path)
    articles = store.articles(latest_only=True)
    store.save_grouping(Grouping(
        events=[EventGroup(f"ev-{a.id}", a.title or "", None, [a.id], 1) for a in articles],
        storylines=[Storyline(f"st-{a.id}", a.title or "", [f"ev-{a.id}"]) for a in articles]))
    store.close()
    client = TestClient(create_app(path))
    stories = client.get("/api/storylines").json()
    assert len(stories) == 2
    for story in stories:
        page = client.get(f"/storylines/{story['id']}").text
        table = page[page.index('<table class="said">'):]
        table = table[:table.index("</table>")]
        assert "Kazakhstan has unambiguously stated" in table and "Казахстан однозначно заявил" in table
        report = client.get(f"/api/storylines/{story['id']}").json()
        articles = {a["id"] for a in report["articles"]}
        assert all(q["article_id"] in articles for q in report["quotes"])  # every id resolves
