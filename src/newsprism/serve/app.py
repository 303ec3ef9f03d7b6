"""The web app: server-rendered pages over a newsprism database, and a JSON API.

Thin on purpose: pages reuse the report renderer (the same storyline view as the
HTML report) and the API returns the report contract's records. Everything is
served from this process: no CDN, no script beyond the little one vendored in
the page itself. Article text is untrusted: templates autoescape, and the
highlighted article body is built from escaped pieces.
"""

from __future__ import annotations

import csv
import io
from html import escape

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from .. import __version__
from ..analyse import quote_entry
from ..report import article_entry, render_html
from .view import ViewCache

# Entries per long section of a storyline page (claims, framing, quotes, timeline, relations):
# the strongest first, the rest in the API. Uncapped, a 3,000-article storyline was a 63 MB page.
STORY_PAGE_LIMIT = 100

TABLES = ("events", "storylines", "relations", "entities", "quotes", "quote_groups", "claims", "timeline", "framing")


def _templates() -> Environment:
    return Environment(loader=PackageLoader("newsprism", "serve/templates"),
                       autoescape=select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True)


def _csv(rows: list[dict], name: str) -> Response:
    buffer = io.StringIO()
    columns = list(dict.fromkeys(k for row in rows for k in row))
    writer = csv.DictWriter(buffer, fieldnames=columns)
    writer.writeheader()
    import json

    for row in rows:
        writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
                         for k, v in row.items()})
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


def _rows(rows: list[dict], fmt: str, name: str, limit: int | None = None, offset: int = 0):
    """``rows[offset:offset + limit]`` as JSON or CSV; when a page is asked for, the header
    X-Total-Count says how many rows there are in all, so a client can page through."""
    total = len(rows)
    paged = limit is not None or offset > 0
    rows = rows[offset:offset + limit] if limit is not None else rows[offset:]
    if fmt == "csv":
        response = _csv(rows, name)
    elif fmt == "json":
        response = JSONResponse(rows)
    else:
        raise HTTPException(400, "format must be json or csv")
    if paged:
        response.headers["X-Total-Count"] = str(total)
    return response


def create_app(db_path: str) -> FastAPI:
    cache = ViewCache(db_path)
    templates = _templates()
    # Swagger UI and ReDoc load their scripts from a CDN: off. /api documents the API
    # from the same OpenAPI schema, rendered here; /openapi.json is the machine form.
    app = FastAPI(title="newsprism", version=__version__, docs_url=None, redoc_url=None,
                  description="One news story through every outlet that covered it. Every list endpoint "
                              "takes `format=json` (default) or `format=csv`.")

    def storyline_rows(view) -> list[dict]:
        events = {e.id: e for e in view.grouping.events}
        rows = []
        for story in view.grouping.storylines:
            members = [events[e] for e in story.event_ids]
            article_ids = [a for e in members for a in e.article_ids]
            dates = sorted(e.date for e in members if e.date)
            rows.append({"id": story.id, "label": story.label, "events": len(members), "articles": len(article_ids),
                         "independent_reports": sum(e.independent_reports for e in members),
                         "outlets": sorted({view.articles[a].outlet for a in article_ids
                                            if a in view.articles and view.articles[a].outlet}),
                         "first_date": dates[0] if dates else None, "last_date": dates[-1] if dates else None})
        rows.sort(key=lambda r: (-r["articles"], r["id"]))
        return rows

    # ---------------------------------------------------------------- pages
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(q: str | None = None):
        view = cache.get()
        results = []
        if q:
            from ..store import open_store

            store = open_store(db_path)
            try:
                results = store.search(q)
            finally:
                store.close()
        return templates.get_template("home.html.j2").render(
            storylines=storyline_rows(view), q=q or "", results=results, articles=view.articles,
            count=len(view.articles), version=__version__)

    @app.get("/storylines/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def storyline_page(story_id: str):
        view = cache.get()
        if view.storyline(story_id) is None:
            raise HTTPException(404, f"no storyline {story_id}")
        report = view.report(view.story_article_ids(story_id))
        return render_html(report, article_href=lambda article_id: f"/articles/{article_id}", home_href="/",
                           limit=STORY_PAGE_LIMIT, bodies=False)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(article_id: str):
        view = cache.get()
        article = view.articles.get(article_id)
        if article is None:
            raise HTTPException(404, f"no article {article_id}")
        event_id = view.event_of_article.get(article_id)
        story_id = view.story_of_event.get(event_id) if event_id else None
        framing = view.framing_of.get(article_id)
        quotes = view.quotes_of.get(article_id, [])
        entities = view.entities_of.get(article_id, [])
        claims = [c for c in view.analysis.claims if article_id in c.stance]
        body = highlight(article.text, quotes, entities, claims, framing)
        return templates.get_template("article.html.j2").render(
            a=article, body=body, story_id=story_id, framing=framing, quotes=quotes, entities=entities,
            claims=claims, version=__version__)

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request):
        return templates.get_template("api.html.j2").render(schema=app.openapi(), version=__version__)

    # ------------------------------------------------------------------ API
    @app.get("/api/storylines", tags=["storylines"], summary="All storylines with counts")
    def api_storylines(format: str = Query("json", pattern="^(json|csv)$")):
        return _rows(storyline_rows(cache.get()), format, "storylines")

    @app.get("/api/storylines/{story_id}", tags=["storylines"],
             summary="One storyline as a report (the JSON report contract, restricted to it)")
    def api_storyline(story_id: str,
                      texts: bool = Query(True, description="each article's text and removed junk"),
                      evidence: bool = Query(True, description="each relation's aligned passages")):
        """Both on by default; off, a big storyline's answer shrinks (3,163 articles: 79 MiB in
        all, 59 without texts, 4 without texts and evidence)."""
        view = cache.get()
        if view.storyline(story_id) is None:
            raise HTTPException(404, f"no storyline {story_id}")
        report = view.report(view.story_article_ids(story_id))
        if not texts:
            report["articles"] = [{k: v for k, v in a.items() if k not in ("text", "removed", "removed_reasons")}
                                  for a in report["articles"]]
        if not evidence:
            report["relations"] = [{k: v for k, v in r.items() if k != "evidence"} for r in report["relations"]]
        return report

    @app.get("/api/articles", tags=["articles"], summary="Articles; `q` searches titles and bodies (full text)")
    def api_articles(q: str | None = None, limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0),
                     format: str = Query("json", pattern="^(json|csv)$")):
        view = cache.get()
        if q:
            from ..store import open_store

            store = open_store(db_path)
            try:
                ids = [row[0] for row in store.search(q, limit + offset)]
            finally:
                store.close()
        else:
            ids = list(view.articles)
        rows = [article_entry(view.articles[i]) for i in ids[offset:offset + limit] if i in view.articles]
        return _rows(rows, format, "articles")

    @app.get("/api/articles/{article_id}", tags=["articles"],
             summary="One article with its event, storyline, quotes and framing")
    def api_article(article_id: str):
        view = cache.get()
        article = view.articles.get(article_id)
        if article is None:
            raise HTTPException(404, f"no article {article_id}")
        event_id = view.event_of_article.get(article_id)
        return article_entry(article) | {
            "event_id": event_id, "storyline_id": view.story_of_event.get(event_id) if event_id else None,
            "quotes": [quote_entry(q) for q in view.quotes_of.get(article_id, [])],
            "framing": view.framing_of.get(article_id)}

    def table(name: str):
        def endpoint(storyline: str | None = Query(None, description="Only this storyline's records"),
                     format: str = Query("json", pattern="^(json|csv)$"),
                     limit: int | None = Query(None, ge=1, description="At most this many records (all by default)"),
                     offset: int = Query(0, ge=0, description="Skip this many first (X-Total-Count: how many in all)")):
            view = cache.get()
            if storyline:
                if view.storyline(storyline) is None:
                    raise HTTPException(404, f"no storyline {storyline}")
                rows = view.report(view.story_article_ids(storyline)).get(name, [])
            else:
                rows = view.report(list(view.articles)).get(name, [])
            return _rows(rows, format, name, limit, offset)
        endpoint.__name__ = f"api_{name}"
        return endpoint

    for name in TABLES:
        if name == "storylines":
            continue
        app.get(f"/api/{name}", tags=["tables"], summary=f"All {name.replace('_', ' ')} (JSON or CSV)")(table(name))

    @app.exception_handler(404)
    async def not_found(request: Request, exc):
        detail = getattr(exc, "detail", "not found")
        if request.url.path.startswith("/api"):
            return JSONResponse({"detail": detail}, status_code=404)
        return HTMLResponse(f"<!doctype html><title>not found</title><p>{escape(str(detail))}</p>"
                            f"<p><a href='/'>all storylines</a></p>", status_code=404)

    return app


def highlight(text: str, quotes, entities, claims, framing) -> Markup:
    """The body with quotes, claims, entity names and loaded terms marked; every piece escaped."""
    import re

    marks: list[tuple[int, int, str, str]] = []
    for quote in quotes:
        marks.append((quote.start, quote.end, "hl-quote", f"quote ({quote.kind}): {quote.speaker or 'unattributed'}"))
    for claim in claims:
        wording = claim.wording.get(next((a for a in claim.stance if claim.wording.get(a) and claim.wording[a] in text), ""), "")
        at = text.find(wording) if wording else -1
        if at >= 0:
            marks.append((at, at + len(wording), "hl-claim", f"claim {claim.id}: {len(claim.supported_by)} articles state it"))
    for entity in entities:
        for name in sorted({entity.name, *entity.aliases}, key=len, reverse=True):
            for match in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text):
                marks.append((match.start(), match.end(), f"hl-ent hl-{entity.type}", f"{entity.type}: {entity.name}"))
    for term in (framing or {}).get("loaded_terms", []):
        kind = "hl-loaded" if term["own"] else "hl-loaded-quoted"
        marks.append((term["start"], term["end"], kind,
                      f"loaded term ({'own words' if term['own'] else 'quoted'}), valence {term['valence']}"))
    # Character by character: the classes that apply; runs of the same set become one span.
    classes: list[set] = [set() for _ in text]
    titles: list[list[str]] = [[] for _ in text]
    for start, end, cls, title in marks:
        for i in range(max(0, start), min(len(text), end)):
            if cls.startswith("hl-ent") and any(c.startswith("hl-ent") for c in classes[i]):
                continue
            classes[i].update(cls.split())
            titles[i].append(title)
    out, i = [], 0
    while i < len(text):
        j = i
        while j < len(text) and classes[j] == classes[i] and text[j] != "\n":
            j += 1
        if text[i] == "\n":
            out.append("</p><p>" if text[i:i + 2] == "\n\n" else "<br>")
            i += 2 if text[i:i + 2] == "\n\n" else 1
            continue
        piece = escape(text[i:j])
        if classes[i]:
            title = escape("; ".join(dict.fromkeys(titles[i])))
            out.append(f'<span class="{" ".join(sorted(classes[i]))}" title="{title}">{piece}</span>')
        else:
            out.append(piece)
        i = j
    return Markup("<p>" + "".join(out) + "</p>")
