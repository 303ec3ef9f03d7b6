"""Report: the JSON report contract (docs/report.schema.json) and a self-contained HTML page."""

from __future__ import annotations

from datetime import datetime, timezone

from .. import __version__
from ..model import Article

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


def build_report(articles: list[Article], *, database: str | None = None) -> dict:
    """The report as one JSON-ready dict. Sections of stages not built yet are absent."""
    return {
        "newsprism": {
            "version": __version__,
            "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "database": database,
        },
        "articles": [article_entry(a) for a in articles],
    }


def render_html(report: dict) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("newsprism", "report/templates"),
                      autoescape=select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True)
    return env.get_template("report.html.j2").render(report=report)
