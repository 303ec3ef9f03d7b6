"""Every input format, and bad input: one clear error naming the input, the rest still read."""

from __future__ import annotations

import http.server
import io
import json
import threading
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsprism.config import Settings
from newsprism.ingest import read_inputs
from newsprism.model import InputError, RawDocument

from conftest import EXAMPLES, FIXTURES, load

PAGE = (FIXTURES / "pages" / "harbour-strike.html").read_bytes()
PROSE = ("The harbour authority confirmed on Friday that the northern quay will reopen next month "
         "after repairs to the sea wall, which was damaged in the January storms.")


def _split(items):
    docs = [i for i in items if isinstance(i, RawDocument)]
    errors = [i for i in items if isinstance(i, InputError)]
    return docs, errors


def test_directory_glob_and_single_file():
    docs, errors = _split(list(read_inputs([str(EXAMPLES)])))
    assert len(docs) == 5 and not errors
    docs, _ = _split(list(read_inputs([str(EXAMPLES / "00[12]_*.txt")])))
    assert len(docs) == 2
    assert all(d.content_format == "text" and d.input_kind == "text" for d in docs)


def test_feeds_rss_and_atom():
    rss = load(FIXTURES / "feeds" / "harbour.rss")
    assert [a.title for a in rss] == ["Dock workers walk out as pay talks collapse", "Ferry fares to rise in spring"]
    assert rss[0].url == "https://gazette.example/business/dock-strike"
    assert rss[0].outlet == "Northern Gazette" and rss[0].origins["outlet"] == "feed"
    assert rss[0].author == "Priya Raman"
    assert rss[0].published.startswith("2024-03-14T08:30")
    [atom] = load(FIXTURES / "feeds" / "harbour.atom")
    assert atom.author == "Lena Fischer" and atom.text.startswith("Union members at the port of Harwick")


def test_jsonl_records_and_bad_lines(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join([
        json.dumps({"text": PROSE, "url": "https://quay.example/a", "title": "Quay to reopen", "outlet": "Quay News"}),
        "{not json",
        json.dumps({"title": "no body"}),
        json.dumps(["a list"]),
        json.dumps({"html": PAGE.decode(), "url": "https://gazette.example/dock"}),
    ]), encoding="utf-8")
    docs, errors = _split(list(read_inputs([str(path)])))
    assert len(docs) == 2
    assert docs[0].hints["title"] == "Quay to reopen" and docs[0].hint_origin == "jsonl"
    assert docs[1].content_format == "html"
    assert [e.source for e in errors] == [f"{path}:2", f"{path}:3", f"{path}:4"]
    assert "not valid JSON" in errors[0].message and "'text' or 'html'" in errors[1].message


def _warc(records: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for url, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    return buffer.getvalue()


def test_warc_and_truncated_warc(tmp_path):
    second = PAGE.replace(b"1,200 dock workers", b"1,300 dock workers")
    data = _warc([("https://gazette.example/dock", PAGE), ("https://gazette.example/dock-2", second)])
    good = tmp_path / "crawl.warc.gz"
    good.write_bytes(data)
    docs, errors = _split(list(read_inputs([str(good)])))
    assert [d.url for d in docs] == ["https://gazette.example/dock", "https://gazette.example/dock-2"]
    assert not errors and docs[0].input_kind == "warc"

    truncated = tmp_path / "cut.warc.gz"
    truncated.write_bytes(data[: len(data) - 300])
    docs, errors = _split(list(read_inputs([str(truncated)])))
    assert len(docs) == 1  # the record before the damage is kept
    assert len(errors) == 1 and errors[0].source == str(truncated) and "truncated" in errors[0].message


@pytest.mark.parametrize("name,content,message", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n\t\n", "empty"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary"),
    ("random.bin", bytes(range(256)) * 64, "binary"),
    ("broken.rss", b"<?xml version='1.0'?><rss><channel><item><title>unclosed", "feed"),
    ("notawarc.warc", b"WARC/1.0\r\nWARC-Type: response\r\ngarbage", "WARC"),
])
def test_bad_inputs_get_one_clear_error_and_the_batch_goes_on(tmp_path, name, content, message):
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(PROSE)
    docs, errors = _split(list(read_inputs([str(bad), str(good), str(tmp_path / "missing.txt")])))
    assert [d.source_path for d in docs] == [str(good)]
    assert [e.source for e in errors] == [str(bad), str(tmp_path / "missing.txt")]
    assert message.lower() in errors[0].message.lower()
    assert "no such file" in errors[1].message


def test_huge_file_refused_without_reading_it(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # sparse: 50 MB on paper, nothing on disk
        handle.truncate(50 * 1024 * 1024)
    docs, errors = _split(list(read_inputs([str(huge)], Settings(max_document_bytes=20 * 1024 * 1024))))
    assert not docs
    assert "50.0 MB" in errors[0].message and "limit" in errors[0].message


def test_encodings_cp1251_bom_utf16(tmp_path):
    russian = "Президент Казахстана заявил, что страна будет соблюдать режим санкций против России."
    (tmp_path / "cp1251.txt").write_bytes(russian.encode("cp1251"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + PROSE.encode())
    (tmp_path / "utf16.txt").write_bytes(PROSE.encode("utf-16"))
    (tmp_path / "latin1.html").write_bytes(
        b'<html><head><meta charset="iso-8859-1"></head><body><p>Caf\xe9 owners in the old town said on Monday that '
        b'the new parking rules had cut their trade by a third since the start of the year.</p></body></html>')
    docs, errors = _split(list(read_inputs([str(tmp_path)])))
    assert not errors
    by_name = {Path(d.source_path).name: d for d in docs}
    assert by_name["cp1251.txt"].content == russian and by_name["cp1251.txt"].encoding.replace("_", "").startswith("cp1251") \
        or by_name["cp1251.txt"].encoding.replace("-", "") in ("windows1251", "cp1251")
    assert not by_name["bom.txt"].content.startswith("\ufeff")
    assert by_name["utf16.txt"].content == PROSE
    assert "Café owners" in by_name["latin1.html"].content


def test_broken_html_still_yields_its_text(tmp_path):
    page = tmp_path / "broken.html"
    page.write_bytes(b"<html><body><div><p>" + PROSE.encode() + b"<p>" + PROSE.replace("Friday", "Monday").encode()
                     + b"</span></div><table><tr><td>")
    [article] = load(page)
    assert "northern quay will reopen" in article.text


@pytest.fixture()
def web(tmp_path):
    """A local web server: /page (HTML), /feed (RSS), /loop (redirect loop), /big (over the limit), /gone (404)."""
    rss = (FIXTURES / "feeds" / "harbour.rss").read_bytes()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            routes = {"/page": ("text/html; charset=utf-8", PAGE), "/feed": ("application/rss+xml", rss),
                      "/big": ("text/html", b"<p>" + b"x" * 300_000 + b"</p>")}
            if self.path == "/loop":
                self.send_response(302)
                self.send_header("Location", "/loop")
                self.end_headers()
            elif self.path in routes:
                ctype, body = routes[self.path]
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            else:
                self.send_error(404)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_urls(web):
    settings = Settings(max_document_bytes=200_000, http_timeout_s=5)
    urls = [f"{web}/page", f"{web}/feed", f"{web}/loop", f"{web}/big", f"{web}/gone", "http://127.0.0.1:9/closed"]
    docs, errors = _split(list(read_inputs(urls, settings)))
    assert [d.url for d in docs] == [f"{web}/page", "https://gazette.example/business/dock-strike",
                                     "https://gazette.example/travel/ferry-fares"]
    assert docs[0].input_kind == "url" and docs[0].content_format == "html"
    messages = {e.source.rsplit("/", 1)[-1]: e.message for e in errors}
    assert "redirects" in messages["loop"]
    assert "limit" in messages["big"]
    assert "404" in messages["gone"]
    assert "cannot fetch" in messages["closed"]
