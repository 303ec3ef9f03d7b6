"""Report: the JSON report contract (docs/report.schema.json) and a self-contained HTML page."""

from __future__ import annotations

from datetime import datetime, timezone
from functools import lru_cache

from .. import __version__
from ..model import Article, Grouping

__all__ = ["build_report", "render_html"]


def article_entry(article: Article) -> dict:
    return {
        "id": article.id,
        "source_path": article.source_path,
        "url": article.url,
        "title": article.title,
        "outlet": article.outlet,
        "author": article.author,
        "published": article.published,
        "language": article.language,
        "text": article.text,
        "removed": [r.text for r in article.removed],
        "removed_reasons": [r.reason for r in article.removed],
        "cites": list(article.cites),
        "origins": dict(article.origins),
        "previous_id": article.previous_id,
    }


def build_report(articles: list[Article], grouping: Grouping | None = None, *, database: str | None = None,
                 store_articles: dict[str, Article] | None = None, analysis=None) -> dict:
    """The report as one JSON-ready dict. Sections of stages not built yet are absent.

    ``articles`` are the ones the user asked about; with a ``grouping``, the events,
    storylines and relations that touch them are included, and so are the other
    stored articles of those events (from ``store_articles``) so every id resolves -
    and, with an ``analysis``, the articles holding other versions of their quotes (a
    quote group may reach into another storyline or language).
    """
    report = {
        "newsprism": {
            "version": __version__,
            "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "database": database,
        },
    }
    chosen = {a.id: a for a in articles}
    if grouping is None:
        report["articles"] = [article_entry(a) for a in articles]
        return report
    events = [e for e in grouping.events if chosen.keys() & set(e.article_ids)]
    for event in events:
        for article_id in event.article_ids:
            if article_id not in chosen and store_articles and article_id in store_articles:
                chosen[article_id] = store_articles[article_id]
    if analysis is not None and store_articles:
        grouped = {q.group_id for q in analysis.quotes if q.article_id in chosen and q.group_id}
        for quote in analysis.quotes:
            if quote.group_id in grouped and quote.article_id not in chosen and quote.article_id in store_articles:
                chosen[quote.article_id] = store_articles[quote.article_id]
    event_ids = {e.id for e in events}
    report["articles"] = [article_entry(a) for a in chosen.values()]
    report["events"] = [{"id": e.id, "label": e.label, "date": e.date, "article_ids": e.article_ids,
                         "independent_reports": e.independent_reports} for e in events]
    report["storylines"] = [{"id": s.id, "label": s.label, "event_ids": [e for e in s.event_ids if e in event_ids]}
                            for s in grouping.storylines if event_ids & set(s.event_ids)]
    report["relations"] = [r.to_dict() for r in grouping.relations if r.from_id in chosen]
    if analysis is not None:
        _add_analysis(report, chosen, analysis)
    return report


def _add_analysis(report: dict, chosen: dict, analysis) -> None:
    from ..analyse import quote_entry

    quotes = [q for q in analysis.quotes if q.article_id in chosen]
    group_ids = {q.group_id for q in quotes if q.group_id}
    report["entities"] = [e.to_dict() | {"article_ids": [a for a in e.article_ids if a in chosen]}
                          for e in analysis.entities if set(e.article_ids) & chosen.keys()]
    report["quotes"] = [quote_entry(q) for q in quotes]
    report["quote_groups"] = [g.to_dict() for g in analysis.quote_groups if g.id in group_ids]
    sections = analysis.sections()
    report["claims"] = [c for c in sections["claims"] if set(c["stance"]) & chosen.keys()]
    # An entry shared with articles outside the report names only those inside it.
    report["timeline"] = [t | {"article_ids": [a for a in t["article_ids"] if a in chosen]}
                          for t in sections["timeline"] if set(t["article_ids"]) & chosen.keys()]
    shown = {e["id"] for e in report.get("events", [])} | {s["id"] for s in report.get("storylines", [])}
    report["summaries"] = {k: v for k, v in sections["summaries"].items() if k in shown}
    report["framing"] = [f for f in sections.get("framing", []) if f["article_id"] in chosen]
    for event in report.get("events", []):
        dated = sections.get("event_dates", {}).get(event["id"])
        if not event["date"] and dated:
            event["date_from_text"] = dated  # {date, precision, inferred}: the lead's date
    report["outlet_profiles"] = [p for p in sections.get("outlet_profiles", []) if set(p["article_ids"]) & chosen.keys()]


def render_html(report: dict, *, article_href=None, home_href: str | None = None,
                limit: int | None = None, bodies: bool = True) -> str:
    """The report as one self-contained page. ``article_href`` maps an article id to its
    link (the web app links to article pages; the file report to anchors in itself).

    ``limit`` caps each long per-storyline section (claims, framing rows, who said what,
    timeline, relations drawn) at that many entries, the strongest first, saying how many
    there are: a storyline of 3,000 articles otherwise makes a 60 MB page. ``bodies=False``
    leaves out the article texts (the web app has a page per article). The file report
    keeps everything."""
    from markupsafe import Markup

    from .graph import KIND_COLOURS, storyline_svg, timeline_svg

    article_href = article_href or (lambda article_id: f"#article-{article_id}")
    articles = {a["id"]: a for a in report["articles"]}
    events = {e["id"]: e for e in report.get("events", [])}
    relations = list(enumerate(report.get("relations", [])))
    stories = []
    for story in report.get("storylines", []):
        member_ids = [a for e in story["event_ids"] for a in events[e]["article_ids"]]
        members = set(member_ids)
        story_relations = [(i, r) for i, r in relations if r["from"] in members]
        timeline = [t | {"article_ids": [a for a in t["article_ids"] if a in members]}
                    for t in report.get("timeline", []) if members & set(t["article_ids"])]
        claims = [c for c in report.get("claims", []) if len(set(c["stance"]) & members) >= 2]
        said = _who_said_what(report, members, articles)
        framing = [f for f in report.get("framing", []) if f["article_id"] in members]
        shown = {"claims": len(claims), "framing": len(framing), "who_said_what": len(said),
                 "timeline": len(timeline), "relations": len(story_relations)}
        outlets = [(a, _outlet(articles[a])) for a in member_ids]
        if limit is not None:
            # The strongest first: the most widely reported claims and quotes, the
            # relations with the highest scores; timeline and framing keep their order.
            claims = sorted(claims, key=lambda c: -len(set(c["stance"]) & members))[:limit]
            said = sorted(said, key=lambda row: -len(row["versions"]))[:limit]
            story_relations = sorted(story_relations, key=lambda ir: -ir[1]["score"])[:limit]
            timeline, framing = timeline[:limit], framing[:limit]
            # Matrix columns: the articles that state or contest the claims shown, at most ``limit``.
            stating = {a for c in claims for a in c["stance"]}
            outlets = [(a, o) for a, o in outlets if a in stating][:limit]
        stories.append({
            "who_said_what": said,
            "timeline": timeline,
            "timeline_svg": Markup(timeline_svg(timeline)),
            "claims": claims,
            "outlets": outlets,
            "shown_of": shown,
            "summary": report.get("summaries", {}).get(story["id"], []),
            "framing": framing,
            "story": story,
            # Time order, dating undated events by their lead where the text allows.
            "events": sorted((events[e] for e in story["event_ids"]),
                             key=lambda e: e["date"] or (e.get("date_from_text") or {}).get("date") or "9999"),
            "relations": story_relations,
            # storyline_svg escapes every piece of text it places.
            "svg": Markup(storyline_svg(_drawn(member_ids, story_relations, limit), articles, story_relations,
                                        article_href)),
        })
    return _template().render(report=report, stories=stories, articles=articles,
                                                     colours=KIND_COLOURS, summaries=report.get("summaries", {}),
                                                     article_href=article_href, home_href=home_href, bodies=bodies)


@lru_cache(maxsize=1)
def _template():
    """The page template, compiled once per process (compiling took 27 of a small page's 43 ms)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("newsprism", "report/templates"),
                      autoescape=select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True)
    return env.get_template("report.html.j2")


def _drawn(member_ids: list[str], relations: list, limit: int | None) -> list[str]:
    """The articles the graph draws: all, or with ``limit``, those the drawn relations touch."""
    if limit is None or len(member_ids) <= limit:
        return member_ids
    touched = {r["from"] for _, r in relations} | {r["to"] for _, r in relations}
    return [a for a in member_ids if a in touched][:limit] or member_ids[:limit]


def _diff_html(diff: list[list[str]]):
    """A version's words against the reference: removed words struck, added words marked."""
    from markupsafe import Markup, escape

    parts = []
    for op, old, new in diff:
        if op == "equal":
            parts.append(escape(new))
        else:
            if old:
                parts.append(Markup("<del>%s</del>") % old)
            if new:
                parts.append(Markup("<ins>%s</ins>") % new)
    return Markup(" ").join(parts)


def _who_said_what(report: dict, member_ids: set[str], articles: dict) -> list[dict]:
    """Rows for the storyline's table: each quote group with a version in the storyline,
    with all its versions in the report (an outlet the event grouping put in another
    storyline, or one in another language, still shows how the words drifted), then the
    storyline's other quoted words (reported speech only where it is grouped; stances, held
    rather than said, not at all)."""
    every_quote = {q["id"]: q for q in report.get("quotes", []) if q["article_id"] in articles}
    quotes = {i: q for i, q in every_quote.items() if q["article_id"] in member_ids}
    entities = {e["id"]: e for e in report.get("entities", [])}
    rows = []
    for group in report.get("quote_groups", []):
        versions = [v for v in group["versions"] if v["quote_id"] in every_quote]
        if len(versions) < 2 or not any(v["quote_id"] in quotes for v in versions):
            continue
        first = every_quote[versions[0]["quote_id"]]
        speaker = entities.get(group["speaker_entity_id"], {}).get("name") or first["speaker"]
        rows.append({"speaker": speaker or "unattributed", "versions": [
            {"outlet": _outlet(articles[every_quote[v["quote_id"]]["article_id"]]),
             "article_id": every_quote[v["quote_id"]]["article_id"], "relation": v["relation"],
             "kind": every_quote[v["quote_id"]]["kind"],
             # (A translation is shown as it reads: a word diff across languages marks every word.)
             "html": every_quote[v["quote_id"]]["text"] if v["relation"] == "translated" else _diff_html(v["diff"])}
            for v in versions]})
    for quote in quotes.values():
        if quote["group_id"] or quote["kind"] in ("indirect", "stance"):
            continue
        speaker = entities.get(quote["speaker_entity_id"], {}).get("name") or quote["speaker"]
        rows.append({"speaker": speaker or "unattributed", "versions": [
            {"outlet": _outlet(articles[quote["article_id"]]), "article_id": quote["article_id"],
             "relation": "only version", "kind": quote["kind"], "html": quote["text"]}]})
    return rows


def _outlet(article: dict) -> str:
    return article.get("outlet") or (article.get("title") or article["text"])[:40] + "…"
