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
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__
from .config import DEFAULT_SETTINGS
from .model import IngestResult
from .pipeline import ingest as run_ingest
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
        err.print(f"[red]error[/red] {error.source}: {error.message}", highlight=False, markup=True, soft_wrap=True)
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
    finally:
        store.close()
    report = build_report(articles, database=db)
    if json_path:
        json_path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    if html_path:
        html_path.write_text(render_html(report), encoding="utf-8")
    if not quiet:
        _summary(articles)
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
