"""Command line: a thin Typer layer over pipeline, store and report.

Exit codes (scripts may rely on them):
  0  every input was processed
  1  some inputs failed (each named on stderr); the others were stored
  2  usage error (bad option, unknown article)
  3  nothing could be processed: every input failed
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__
from .config import DEFAULT_SETTINGS
from .model import IngestResult
from .pipeline import ingest as run_ingest
from .pipeline import group_new, reanalyse, regroup
from .report import article_entry, build_report, render_html
from .store import open_store

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="newsprism: one news story through every outlet that covered it.")
out = Console()
err = Console(stderr=True)

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3

DbOption = Annotated[str, typer.Option("--db", help="SQLite database file (created if missing).")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")]


def _version(value: bool) -> None:
    if value:
        out.print(f"newsprism {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,
                                                         help="Show the version and exit.")] = None) -> None:
    pass


def _ingest_with_progress(inputs: list[str], db: str, quiet: bool, fetch_links: bool) -> IngestResult:
    store = open_store(db)
    try:
        with Progress(SpinnerColumn(), TextColumn("[bold]ingesting"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("{task.description}"), TimeElapsedColumn(),
                      console=err, transient=True, disable=quiet) as progress:
            task = progress.add_task("", total=None)

            def step(name: str) -> None:
                progress.update(task, advance=1, description=name[-60:])

            result = run_ingest(inputs, store, DEFAULT_SETTINGS, fetch_links=fetch_links, on_item=step)
    finally:
        store.close()
    for error in result.errors:
        err.print(f"[red]error[/red] {escape(error.source)}: {escape(error.message)}", highlight=False, soft_wrap=True)
    if not quiet:
        out.print(f"{len(result.added)} added, {len(result.versions)} new versions, "
                  f"{len(result.unchanged)} already stored, {len(result.errors)} failed  ->  {db}")
    return result


def _exit_code(result: IngestResult) -> int:
    if result.errors and not result.article_ids:
        return EXIT_FAILED
    return EXIT_PARTIAL if result.errors else EXIT_OK


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, globs, URLs, or - for stdin.")],
    db: DbOption = DEFAULT_SETTINGS.db_path,
    fetch_links: Annotated[bool, typer.Option(help="For feeds: download each entry's page.")] = False,
    quiet: QuietOption = False,
) -> None:
    """Read, clean and store articles (text, HTML, JSONL, RSS/Atom, WARC, URLs)."""
    result = _ingest_with_progress(inputs, db, quiet, fetch_links)
    raise typer.Exit(_exit_code(result))


@app.command()
def analyze(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, globs, URLs, or - for stdin.")],
    db: DbOption = DEFAULT_SETTINGS.db_path,
    json_path: Annotated[Optional[Path], typer.Option("--json", help="Write the JSON report here.")] = None,
    html_path: Annotated[Optional[Path], typer.Option("--html", help="Write the HTML report here.")] = None,
    fetch_links: Annotated[bool, typer.Option(help="For feeds: download each entry's page.")] = False,
    quiet: QuietOption = False,
) -> None:
    """Ingest the inputs, analyse them, and report on the articles they hold."""
    result = _ingest_with_progress(inputs, db, quiet, fetch_links)
    store = open_store(db)
    try:
        ids = list(dict.fromkeys(result.article_ids))
        articles = [a for a in (store.get_article(i) for i in ids) if a]
        with err.status("grouping events and storylines", spinner="dots") if not quiet else _nothing():
            grouping = regroup(store)
        with err.status("finding entities and quotes", spinner="dots") if not quiet else _nothing():
            analysis = reanalyse(store, grouping)
        stored = {a.id: a for a in store.articles(latest_only=True)}
    finally:
        store.close()
    for problem in analysis.problems:
        err.print(f"[yellow]warning[/yellow] {escape(problem)}", highlight=False, soft_wrap=True)
    report = build_report(articles, grouping, database=db, store_articles=stored, analysis=analysis)
    if json_path:
        json_path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    if html_path:
        html_path.write_text(render_html(report), encoding="utf-8")
    if not quiet:
        _summary(articles)
        _stories_summary(report)
        for path in (json_path, html_path):
            if path:
                out.print(f"wrote {path}")
    raise typer.Exit(_exit_code(result))


def _summary(articles) -> None:
    table = Table(title=f"{len(articles)} articles", title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("outlet", max_width=18, overflow="ellipsis", no_wrap=True)
    table.add_column("title", ratio=3, overflow="fold")
    table.add_column("author", max_width=18, overflow="fold")
    table.add_column("credits", max_width=22, overflow="fold")
    table.add_column("words", justify="right", no_wrap=True)
    table.add_column("removed", justify="right", no_wrap=True)
    for a in articles:
        table.add_row(a.id[:8], a.outlet or "-", (a.title or "(no title)")[:70], a.author or "-",
                      ", ".join(a.cites) or "-", str(len(a.text.split())), str(len(a.removed)))
    out.print(table)


def _nothing():
    from contextlib import nullcontext

    return nullcontext()


def _stories_summary(report: dict) -> None:
    events = {e["id"]: e for e in report.get("events", [])}
    titles = {a["id"]: a["title"] or a["text"][:60] for a in report["articles"]}
    for story in report.get("storylines", []):
        out.print(f"[bold]storyline {story['id']}[/bold]  {escape(story['label'])}  ({len(story['event_ids'])} events)",
                  highlight=False)
        for event_id in story["event_ids"]:
            event = events[event_id]
            n = len(event["article_ids"])
            out.print(f"  {event['date'] or 'undated':>10}  {escape(event['label'][:70])}  "
                      f"[dim]{n} article{'s' if n != 1 else ''}, {event['independent_reports']} independent[/dim]",
                      highlight=False)
    relations = [r for r in report.get("relations", []) if r["kind"] != "credits"]
    for r in relations:
        out.print(f"  [cyan]{r['kind']:>13}[/cyan]  {escape(titles.get(r['from'], r['from'])[:40])}  ->  "
                  f"{escape(titles.get(r['to'], r['to'])[:40])}  [dim]({r['basis']}, {len(r['evidence'])} passages)[/dim]",
                  highlight=False)


@app.command()
def articles(db: DbOption = DEFAULT_SETTINGS.db_path,
             all_versions: Annotated[bool, typer.Option("--all-versions", help="Include superseded versions.")] = False
             ) -> None:
    """List the stored articles."""
    store = open_store(db)
    try:
        _summary(store.articles(latest_only=not all_versions))
    finally:
        store.close()


@app.command()
def show(ref: Annotated[str, typer.Argument(help="Article id (or unique prefix), URL or source path.")],
         db: DbOption = DEFAULT_SETTINGS.db_path,
         as_json: Annotated[bool, typer.Option("--json", help="Print the article as JSON.")] = False,
         raw: Annotated[bool, typer.Option("--raw", help="Print the raw input as it came in.")] = False) -> None:
    """Show one article: metadata with origins, clean text, and what was removed."""
    store = open_store(db)
    try:
        article = store.get_article(ref)
    finally:
        store.close()
    if article is None:
        err.print(f"no article matches {ref!r} in {db}")
        raise typer.Exit(EXIT_USAGE)
    if as_json:
        print(json.dumps(article_entry(article), ensure_ascii=False, indent=2))
        return
    if raw:
        print(article.raw)
        return
    out.rule(article.title or "(no title in the text)")
    for key in ("id", "outlet", "author", "published", "language", "url", "source_path", "previous_id"):
        value = getattr(article, key)
        if value:
            origin = article.origins.get(key)
            out.print(f"[dim]{key:>12}[/dim]  {value}" + (f"  [dim]({origin})[/dim]" if origin else ""),
                      highlight=False)
    if article.cites:
        out.print(f"[dim]{'credits':>12}[/dim]  {', '.join(article.cites)}", highlight=False)
    out.print()
    out.print(article.text, highlight=False, markup=False)
    if article.removed:
        out.rule(f"removed ({len(article.removed)})", style="red")
        for block in article.removed:
            out.print(f"[red]{block.reason:>12}[/red]  ", end="", highlight=False)
            out.print(block.text, highlight=False, markup=False)


def _grouping(db: str):
    """The stored grouping, regrouped first when articles were added since it was made."""
    store = open_store(db)
    try:
        group_new(store)  # cheap when nothing is new
        return store.load_grouping(), {a.id: a for a in store.articles()}
    finally:
        store.close()


def _name(article) -> str:
    return article.outlet or (article.title or article.text)[:50]


@app.command()
def stories(db: DbOption = DEFAULT_SETTINGS.db_path) -> None:
    """List the storylines: their events, articles and independent reports."""
    grouping, articles = _grouping(db)
    events = {e.id: e for e in grouping.events}
    table = Table(title=f"{len(grouping.storylines)} storylines", title_justify="left")
    for column in ("id", "label", "events", "articles", "independent reports", "dates"):
        table.add_column(column, overflow="fold")
    for story in grouping.storylines:
        members = [events[e] for e in story.event_ids]
        dates = sorted(e.date for e in members if e.date)
        table.add_row(story.id, story.label, str(len(members)), str(sum(len(e.article_ids) for e in members)),
                      str(sum(e.independent_reports for e in members)),
                      f"{dates[0]} – {dates[-1]}" if dates else "undated")
    out.print(table)


@app.command()
def story(ref: Annotated[str, typer.Argument(help="Storyline id (or unique prefix).")],
          db: DbOption = DEFAULT_SETTINGS.db_path) -> None:
    """Show one storyline: events in time order, their articles, and who copied or credited whom."""
    grouping, articles = _grouping(db)
    matches = [s for s in grouping.storylines if s.id == ref or s.id.startswith(ref)]
    if len(matches) != 1:
        err.print(f"no single storyline matches {ref!r} ({len(matches)} found); see `newsprism stories`")
        raise typer.Exit(EXIT_USAGE)
    chosen = matches[0]
    events = {e.id: e for e in grouping.events}
    out.rule(escape(f"storyline {chosen.id}: {chosen.label}"))
    members = set()
    for event_id in chosen.event_ids:
        event = events[event_id]
        members.update(event.article_ids)
        out.print(f"[bold]{event.date or 'undated'}[/bold]  {escape(event.label)}  [dim]({event.id}; "
                  f"{len(event.article_ids)} articles, {event.independent_reports} independent)[/dim]", highlight=False)
        for article_id in event.article_ids:
            a = articles[article_id]
            out.print(f"    {a.id}  {a.outlet or '-'}: {(a.title or a.text)[:70]}", highlight=False, markup=False)
    relations = [r for r in grouping.relations if r.from_id in members]
    if relations:
        out.rule("who copied or credited whom")
    for r in relations:
        target = _name(articles[r.to]) if r.to in articles else r.to
        out.print(f"  {escape(_name(articles[r.from_id]))} [cyan]{r.kind}[/cyan] {escape(target)}  "
                  f"[dim](score {r.score}, direction from {r.basis})[/dim]", highlight=False)
        for passage in r.evidence[:3]:
            out.print(f"      [dim]<[/dim] {escape(passage['from_text'][:110])}", highlight=False)
            if passage.get("to_text"):
                out.print(f"      [dim]>[/dim] {escape(passage['to_text'][:110])}", highlight=False)


@app.command()
def related(ref: Annotated[str, typer.Argument(help="Article id (or unique prefix), URL or source path.")],
            db: DbOption = DEFAULT_SETTINGS.db_path) -> None:
    """Articles related to one article: its event, what it derives from, and what derives from it."""
    grouping, articles = _grouping(db)
    store = open_store(db)
    try:
        article = store.get_article(ref)
    finally:
        store.close()
    if article is None:
        err.print(f"no article matches {ref!r} in {db}")
        raise typer.Exit(EXIT_USAGE)
    out.rule(escape(f"{article.id}  {_name(article)}: {(article.title or article.text)[:60]}"))
    for event in grouping.events:
        if article.id in event.article_ids:
            out.print(f"event {event.id}: {escape(event.label)}  [dim]({len(event.article_ids)} articles, "
                      f"{event.independent_reports} independent)[/dim]", highlight=False)
            for other in event.article_ids:
                if other != article.id:
                    out.print(f"    same event   {other}  {escape(_name(articles[other]))}", highlight=False)
    for r in grouping.relations:
        if r.from_id == article.id:
            target = f"{r.to}  {_name(articles[r.to])}" if r.to in articles else r.to
            out.print(f"    {r.kind:>12} → {escape(target)}  [dim](score {r.score}, {r.basis})[/dim]", highlight=False)
        elif r.to == article.id:
            out.print(f"    {r.kind:>12} ← {r.from_id}  {escape(_name(articles[r.from_id]))}  [dim](score {r.score}, {r.basis})[/dim]",
                      highlight=False)


@app.command()
def serve(db: DbOption = DEFAULT_SETTINGS.db_path,
          host: Annotated[str, typer.Option(help="Address to listen on (only this machine by default).")] = "127.0.0.1",
          port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000) -> None:
    """Browse the database in a web browser: storylines, articles, and the JSON API under /api."""
    import os

    import uvicorn

    from .serve import create_app

    if not os.path.exists(db):
        err.print(f"no database at {db}: run `newsprism analyze PATH...` first")
        raise typer.Exit(EXIT_USAGE)
    out.print(f"serving {db} at http://{host}:{port}/  (API docs at /api; Ctrl-C to stop)")
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")


@app.command()
def export(db: DbOption = DEFAULT_SETTINGS.db_path,
           format: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv or parquet.")] = "jsonl",
           output: Annotated[Optional[Path], typer.Option("--output", "-o",
                                                          help="File to write (default: stdout; required for parquet).")] = None
           ) -> None:
    """Export the stored articles (report fields) as JSONL, CSV or Parquet."""
    if format not in ("jsonl", "csv", "parquet"):
        err.print(f"unknown format {format!r}: use jsonl, csv or parquet")
        raise typer.Exit(EXIT_USAGE)
    store = open_store(db)
    try:
        rows = [article_entry(a) for a in store.articles()]
    finally:
        store.close()
    if format == "parquet":
        if output is None:
            err.print("parquet needs --output FILE")
            raise typer.Exit(EXIT_USAGE)
        import pyarrow as pa
        import pyarrow.parquet as pq

        flat = [{k: (json.dumps(v, ensure_ascii=False) if k == "origins" else v) for k, v in r.items()} for r in rows]
        pq.write_table(pa.Table.from_pylist(flat), output)
        return
    handle = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if format == "jsonl":
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            fields = list(rows[0]) if rows else []
            writer = csv.DictWriter(handle, fieldnames=fields)
            writer.writeheader()
            for row in rows:
                writer.writerow({k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
                                 for k, v in row.items()})
    finally:
        if output:
            handle.close()


if __name__ == "__main__":
    app()
