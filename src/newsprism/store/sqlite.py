"""SQLite store: one file, schema created and migrated by the program."""

from __future__ import annotations

import json
import re
import sqlite3
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone

from ..model import Article, Entity, EventGroup, Grouping, InputError, Quote, QuoteGroup, Relation, Storyline
from .base import AddOutcome

# Each entry moves the schema one version up; PRAGMA user_version records where a file is.
# Never edit a released entry: append a new one.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE batches (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        inputs TEXT NOT NULL,            -- JSON list of the arguments given
        added INTEGER, versions INTEGER, unchanged INTEGER, errors INTEGER
    );
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE,
        source_path TEXT NOT NULL,
        input_kind TEXT NOT NULL,
        content_format TEXT NOT NULL,
        url TEXT,
        title TEXT, outlet TEXT, author TEXT, published TEXT, language TEXT,
        text TEXT NOT NULL,
        removed TEXT NOT NULL,           -- JSON [{text, reason}]
        cites TEXT NOT NULL,             -- JSON [name]
        origins TEXT NOT NULL,           -- JSON {field: origin}
        encoding TEXT,
        previous_id TEXT REFERENCES articles(id),
        ingested_at TEXT NOT NULL,
        batch_id INTEGER REFERENCES batches(id),
        raw TEXT NOT NULL
    );
    CREATE INDEX articles_url ON articles(url);
    CREATE INDEX articles_outlet ON articles(outlet);
    CREATE TABLE input_errors (
        batch_id INTEGER NOT NULL REFERENCES batches(id),
        source TEXT NOT NULL,
        message TEXT NOT NULL
    );
    """,
    # 2: the grouping stage's output. Replaced as a whole by each grouping run.
    """
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        date TEXT,
        independent_reports INTEGER NOT NULL
    );
    CREATE TABLE event_articles (
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL REFERENCES articles(id),
        position INTEGER NOT NULL,
        PRIMARY KEY (event_id, article_id)
    );
    CREATE INDEX event_articles_article ON event_articles(article_id);
    CREATE TABLE storylines (
        id TEXT PRIMARY KEY,
        label TEXT NOT NULL
    );
    CREATE TABLE storyline_events (
        storyline_id TEXT NOT NULL REFERENCES storylines(id) ON DELETE CASCADE,
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        PRIMARY KEY (storyline_id, event_id)
    );
    CREATE TABLE relations (
        from_id TEXT NOT NULL REFERENCES articles(id),
        to_ref TEXT NOT NULL,            -- an article id, or a source name outside the corpus
        kind TEXT NOT NULL,
        score REAL NOT NULL,
        basis TEXT NOT NULL,
        evidence TEXT NOT NULL,          -- JSON [{from_text, to_text, score}]
        PRIMARY KEY (from_id, to_ref)
    );
    CREATE INDEX relations_to ON relations(to_ref);
    """,
    # 3: the analysis stage's output (entities, quotes, quote groups). Replaced as a whole.
    """
    CREATE TABLE entities (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        aliases TEXT NOT NULL,           -- JSON [name]
        roles TEXT NOT NULL,             -- JSON [role]
        article_ids TEXT NOT NULL,       -- JSON [article id]
        mentions INTEGER NOT NULL
    );
    CREATE TABLE quotes (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id),
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        kind TEXT NOT NULL,
        speaker TEXT, speaker_start INTEGER, speaker_end INTEGER,
        cue TEXT,
        speaker_entity_id TEXT,
        group_id TEXT
    );
    CREATE INDEX quotes_article ON quotes(article_id);
    CREATE TABLE quote_groups (
        id TEXT PRIMARY KEY,
        speaker_entity_id TEXT,
        reference_id TEXT NOT NULL,
        quote_ids TEXT NOT NULL,         -- JSON [quote id]
        versions TEXT NOT NULL           -- JSON [{quote_id, relation, diff}]
    );
    """,
    # 4: further analysis sections (claims, timeline, summaries) as JSON documents.
    """
    CREATE TABLE report_sections (
        name TEXT PRIMARY KEY,
        data TEXT NOT NULL
    );
    """,
    # 5: full-text search over titles and bodies (FTS5, kept in step by triggers).
    """
    CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid');
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    END;
    INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
    """,
    # 6: the grouping stage's index, so that grouping new articles reads only what they need.
    """
    CREATE TABLE group_events (id TEXT PRIMARY KEY, state BLOB NOT NULL) WITHOUT ROWID;  -- zlib JSON
    CREATE TABLE group_terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL, ef INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE group_postings (term TEXT NOT NULL, event_id TEXT NOT NULL,
                                 PRIMARY KEY (term, event_id)) WITHOUT ROWID;
    CREATE TABLE group_lsh (band_key INTEGER NOT NULL, article_id TEXT NOT NULL,
                            PRIMARY KEY (band_key, article_id)) WITHOUT ROWID;
    CREATE TABLE group_names (kind TEXT NOT NULL, name TEXT NOT NULL, article_id TEXT NOT NULL,
                              UNIQUE (kind, name, article_id));  -- rowid: arrival order
    CREATE TABLE group_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE INDEX storyline_events_event ON storyline_events(event_id);
    """,
    # 7: sentence embeddings kept between analysis runs (by model and text hash).
    """
    CREATE TABLE vector_cache (model TEXT NOT NULL, key TEXT NOT NULL, vector BLOB NOT NULL,
                               PRIMARY KEY (model, key)) WITHOUT ROWID;
    """,
    # 8: cached idf-weighted event norms (grouping), and finding new versions without a scan.
    """
    CREATE TABLE group_norms (event_id TEXT PRIMARY KEY, size INTEGER NOT NULL, stamp INTEGER NOT NULL,
                              norm REAL NOT NULL) WITHOUT ROWID;
    CREATE INDEX articles_previous ON articles(previous_id);
    ALTER TABLE articles ADD COLUMN outlet_key TEXT;  -- Article.outlet_key; filled for older rows by migrate()
    CREATE INDEX articles_outlet_key ON articles(outlet_key);
    """,
    # 9: what analysis read from each article's parse (mentions, quotes, loaded terms),
    # kept until the article or the analysers change (``fingerprint``).
    """
    CREATE TABLE article_analysis_cache (article_id TEXT PRIMARY KEY, fingerprint TEXT NOT NULL,
                                         payload BLOB NOT NULL) WITHOUT ROWID;  -- zlib JSON
    """,
]

# Ids per IN (...) query: well under SQLite's limit on bound parameters.
_CHUNK = 900

_COLUMNS = ["id", "content_hash", "source_path", "input_kind", "content_format", "url", "title", "outlet",
            "author", "published", "language", "text", "removed", "cites", "origins", "encoding",
            "previous_id", "ingested_at", "raw"]
_JSON_COLUMNS = {"removed", "cites", "origins"}


class SQLiteStore:
    def __init__(self, path: str):
        self.path = path
        # isolation_level=None: transactions are explicit (BEGIN ... COMMIT) below.
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("PRAGMA busy_timeout = 5000")
        self._depth = 0
        self._batch_id: int | None = None
        self.migrate()

    def migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise RuntimeError(f"{self.path} was written by a newer newsprism (schema {version}); upgrade newsprism")
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            with self.transaction():
                for statement in _statements(script):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {number}")
                if number == 8:
                    self._fill_outlet_keys()

    def _fill_outlet_keys(self) -> None:
        rows = self.db.execute("SELECT rowid, * FROM articles WHERE outlet_key IS NULL").fetchall()
        self.db.executemany("UPDATE articles SET outlet_key = ? WHERE rowid = ?",
                            [(_article(r).outlet_key, r["rowid"]) for r in rows])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        # Nested use joins the outer transaction (a savepoint would also do; nothing needs it yet).
        if self._depth == 0:
            self.db.execute("BEGIN IMMEDIATE")
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            if self._depth == 0:
                self.db.execute("ROLLBACK")
            raise
        self._depth -= 1
        if self._depth == 0:
            self.db.execute("COMMIT")

    def add_article(self, article: Article) -> tuple[AddOutcome, str]:
        with self.transaction():
            row = self.db.execute("SELECT id FROM articles WHERE content_hash = ?", (article.content_hash,)).fetchone()
            if row:
                return "unchanged", row["id"]
            outcome: AddOutcome = "added"
            if article.url:
                older = self.db.execute(
                    "SELECT id FROM articles WHERE url = ? ORDER BY rowid DESC LIMIT 1", (article.url,)).fetchone()
                if older:
                    article.previous_id, outcome = older["id"], "version"
            values = [json.dumps(_plain(getattr(article, c)), ensure_ascii=False) if c in _JSON_COLUMNS
                      else getattr(article, c) for c in _COLUMNS]
            self.db.execute(
                f"INSERT INTO articles ({', '.join(_COLUMNS)}, batch_id, outlet_key) "
                f"VALUES ({', '.join('?' * len(_COLUMNS))}, ?, ?)", values + [self._batch_id, article.outlet_key])
            return outcome, article.id

    def get_article(self, ref: str) -> Article | None:
        for query, arg in (
            ("SELECT * FROM articles WHERE id = ?", ref),
            ("SELECT * FROM articles WHERE url = ? ORDER BY rowid DESC LIMIT 1", ref),
            ("SELECT * FROM articles WHERE source_path = ? ORDER BY rowid DESC LIMIT 1", ref),
        ):
            row = self.db.execute(query, (arg,)).fetchone()
            if row:
                return _article(row)
        if len(ref) >= 4 and all(c in "0123456789abcdef" for c in ref):
            rows = self.db.execute("SELECT * FROM articles WHERE id LIKE ? LIMIT 2", (ref + "%",)).fetchall()
            if len(rows) == 1:
                return _article(rows[0])
        return None

    def articles(self, *, latest_only: bool = False) -> list[Article]:
        query = "SELECT * FROM articles"
        if latest_only:
            query += " WHERE id NOT IN (SELECT previous_id FROM articles WHERE previous_id IS NOT NULL)"
        return [_article(row) for row in self.db.execute(query + " ORDER BY rowid")]

    def articles_of_outlet(self, key: str, *, limit: int = 200) -> list[Article]:
        rows = self.db.execute("SELECT * FROM articles WHERE outlet_key = ? ORDER BY rowid DESC LIMIT ?",
                               (key, limit)).fetchall()
        return [_article(row) for row in rows]

    def save_grouping(self, grouping: Grouping, index=None) -> None:
        """Replace the stored grouping. ``index`` (``group.GroupingDelta`` of a whole in-memory
        run, ``Grouper.index_state``) replaces the grouping index too; without it the index
        is dropped and the next incremental run starts with a full one."""
        with self.transaction():
            for table in ("relations", "storyline_events", "storylines", "event_articles", "events",
                          *_INDEX_TABLES):
                self.db.execute(f"DELETE FROM {table}")
            self._write_grouping(grouping.events, grouping.storylines, grouping.relations)
            if index is not None:
                self._write_index(index)

    def save_grouping_delta(self, delta) -> None:
        """Write what an incremental grouping run changed (``group.GroupingDelta``), in one transaction."""
        with self.transaction():
            for chunk in _chunks([e.id for e in delta.events] + [s.id for s in delta.storylines]
                                 + list(delta.dropped_storylines)):
                marks = ",".join("?" * len(chunk))
                self.db.execute(f"DELETE FROM event_articles WHERE event_id IN ({marks})", chunk)
                self.db.execute(f"DELETE FROM events WHERE id IN ({marks})", chunk)
                self.db.execute(f"DELETE FROM storyline_events WHERE storyline_id IN ({marks})", chunk)
                self.db.execute(f"DELETE FROM storylines WHERE id IN ({marks})", chunk)
            self.db.executemany("DELETE FROM relations WHERE from_id = ? AND to_ref = ?", delta.dropped_relations)
            self._write_grouping(delta.events, delta.storylines, delta.relations)
            self.db.executemany(
                "INSERT OR IGNORE INTO storyline_events (storyline_id, event_id, position) VALUES "
                "(?, ?, (SELECT coalesce(max(position), -1) + 1 FROM storyline_events WHERE storyline_id = ?))",
                [(story, event, story) for story, event in delta.storyline_events])
            self._write_index(delta)

    def _write_grouping(self, events, storylines, relations) -> None:
        self.db.executemany("INSERT INTO events (id, label, date, independent_reports) VALUES (?, ?, ?, ?)",
                            [(e.id, e.label, e.date, e.independent_reports) for e in events])
        self.db.executemany("INSERT INTO event_articles (event_id, article_id, position) VALUES (?, ?, ?)",
                            [(e.id, a, i) for e in events for i, a in enumerate(e.article_ids)])
        self.db.executemany("INSERT INTO storylines (id, label) VALUES (?, ?)", [(s.id, s.label) for s in storylines])
        self.db.executemany("INSERT INTO storyline_events (storyline_id, event_id, position) VALUES (?, ?, ?)",
                            [(s.id, e, i) for s in storylines for i, e in enumerate(s.event_ids)])
        self.db.executemany(
            "INSERT OR REPLACE INTO relations (from_id, to_ref, kind, score, basis, evidence) VALUES (?, ?, ?, ?, ?, ?)",
            [(r.from_id, r.to, r.kind, r.score, r.basis, json.dumps(r.evidence, ensure_ascii=False))
             for r in relations])

    def _write_index(self, delta) -> None:
        self.db.executemany("INSERT OR REPLACE INTO group_events (id, state) VALUES (?, ?)",
                            [(i, zlib.compress(json.dumps(st, ensure_ascii=False, separators=(",", ":")).encode()))
                             for i, st in delta.event_states.items()])
        self.db.executemany("INSERT OR REPLACE INTO group_terms (term, df, ef) VALUES (?, ?, ?)",
                            [(t, df, ef) for t, (df, ef) in delta.term_counts.items()])
        self.db.executemany("INSERT OR IGNORE INTO group_postings (term, event_id) VALUES (?, ?)", delta.postings)
        self.db.executemany("INSERT OR IGNORE INTO group_lsh (band_key, article_id) VALUES (?, ?)", delta.lsh_keys)
        self.db.executemany("INSERT OR IGNORE INTO group_names (kind, name, article_id) VALUES (?, ?, ?)", delta.names)
        self.db.executemany("INSERT OR REPLACE INTO group_norms (event_id, size, stamp, norm) VALUES (?, ?, ?, ?)",
                            [(e, size, stamp, norm) for e, (size, stamp, norm) in delta.norms.items()])
        # Every article up to this rowid is grouped: new ones are found without a scan.
        mark = max([self._grouped_rowid()] + [r[0] for r in self._in(
            "SELECT max(rowid) FROM articles WHERE id IN ({})", delta.grouped) if r[0] is not None])
        self.db.executemany("INSERT OR REPLACE INTO group_meta (key, value) VALUES (?, ?)",
                            [(k, json.dumps(v)) for k, v in delta.totals.items()]
                            + [("ready", "true"), ("grouped_rowid", json.dumps(mark))])

    def _grouped_rowid(self) -> int:
        row = self.db.execute("SELECT value FROM group_meta WHERE key = 'grouped_rowid'").fetchone()
        return json.loads(row["value"]) if row else 0

    # -- the grouping index, read by group.Grouper (see Store.index_*) ------------------

    def index_ready(self) -> bool:
        row = self.db.execute("SELECT value FROM group_meta WHERE key = 'ready'").fetchone()
        return bool(row and json.loads(row["value"]))

    def index_totals(self) -> dict[str, int]:
        return {r["key"]: json.loads(r["value"]) for r in self.db.execute("SELECT key, value FROM group_meta")
                if r["key"] not in ("ready", "grouped_rowid")}

    def index_events(self, ids) -> dict[str, dict]:
        """Event states by id, each with its cached ``idf_norm`` [size, stamp, norm] if any."""
        out = {}
        for r in self._in("SELECT e.id, e.state, n.size, n.stamp, n.norm FROM group_events e "
                          "LEFT JOIN group_norms n ON n.event_id = e.id WHERE e.id IN ({})", ids):
            state = json.loads(zlib.decompress(r["state"]))
            if r["norm"] is not None:
                state["idf_norm"] = [r["size"], r["stamp"], r["norm"]]
            out[r["id"]] = state
        return out

    def index_top_events(self, terms, limit: int) -> list[tuple[str, int]]:
        """The events indexed under most of ``terms``, with how many: at most ``limit``."""
        terms = list(terms)[:_CHUNK]
        rows = self.db.execute(
            f"SELECT event_id, COUNT(*) AS hits FROM group_postings WHERE term IN ({','.join('?' * len(terms))}) "
            "GROUP BY event_id ORDER BY hits DESC, event_id LIMIT ?", [*terms, limit]).fetchall()
        return [(r["event_id"], r["hits"]) for r in rows]

    def index_storyline_sizes(self, storyline_ids) -> dict[str, int]:
        return {r["storyline_id"]: r["n"] for r in self._in(
            "SELECT storyline_id, COUNT(*) AS n FROM storyline_events WHERE storyline_id IN ({}) "
            "GROUP BY storyline_id", storyline_ids)}

    def index_event_of(self, article_id: str) -> str | None:
        row = self.db.execute("SELECT event_id FROM event_articles WHERE article_id = ?", (article_id,)).fetchone()
        return row["event_id"] if row else None

    def index_term_counts(self, terms) -> dict[str, tuple[int, int]]:
        return {r["term"]: (r["df"], r["ef"]) for r in self._in("SELECT * FROM group_terms WHERE term IN ({})", terms)}

    def index_lsh(self, keys) -> set[str]:
        return {r["article_id"] for r in self._in("SELECT article_id FROM group_lsh WHERE band_key IN ({})", keys)}

    def index_names(self, kind: str, name: str, limit: int = 1000) -> list[str]:
        """The latest ``limit`` articles of an outlet (kind "outlet") or crediting it ("cites"), oldest first."""
        rows = self.db.execute("SELECT article_id FROM group_names WHERE kind = ? AND name = ? "
                               "ORDER BY rowid DESC LIMIT ?", (kind, name, limit)).fetchall()
        return [r["article_id"] for r in reversed(rows)]

    def index_articles(self, ids) -> dict[str, Article]:
        """Articles by id, without their raw input (grouping never reads it)."""
        columns = ", ".join("'' AS raw" if c == "raw" else c for c in _COLUMNS)
        return {r["id"]: _article(r) for r in self._in(f"SELECT {columns} FROM articles WHERE id IN ({{}})", ids)}

    def index_relations(self, from_ids) -> list[Relation]:
        return [Relation(r["from_id"], r["to_ref"], r["kind"], r["score"], r["basis"], json.loads(r["evidence"]))
                for r in self._in("SELECT * FROM relations WHERE from_id IN ({})", from_ids)]

    def index_storylines_of(self, event_ids) -> dict[str, str]:
        return {r["event_id"]: r["storyline_id"]
                for r in self._in("SELECT * FROM storyline_events WHERE event_id IN ({})", event_ids)}

    def index_storyline_events(self, storyline_ids) -> list[str]:
        return [r["event_id"] for r in self._in("SELECT * FROM storyline_events WHERE storyline_id IN ({})",
                                                  storyline_ids)]

    def cached_vectors(self, model: str, keys) -> dict[str, bytes]:
        return {r["key"]: r["vector"] for r in self._in(
            f"SELECT key, vector FROM vector_cache WHERE model = {_quoted(model)} AND key IN ({{}})", keys)}

    def cache_vectors(self, model: str, items: list[tuple[str, bytes]]) -> None:
        with self.transaction():
            self.db.executemany("INSERT OR REPLACE INTO vector_cache (model, key, vector) VALUES (?, ?, ?)",
                                [(model, k, v) for k, v in items])

    def cached_article_analyses(self, article_ids) -> dict[str, tuple[str, bytes]]:
        return {r["article_id"]: (r["fingerprint"], r["payload"]) for r in self._in(
            "SELECT * FROM article_analysis_cache WHERE article_id IN ({})", article_ids)}

    def cache_article_analyses(self, items: list[tuple[str, str, bytes]]) -> None:
        with self.transaction():
            self.db.executemany("INSERT OR REPLACE INTO article_analysis_cache (article_id, fingerprint, payload) "
                                "VALUES (?, ?, ?)", items)
            # Readings of versions a newer one replaced are never asked for again.
            self.db.execute("DELETE FROM article_analysis_cache WHERE article_id IN "
                            "(SELECT previous_id FROM articles WHERE previous_id IS NOT NULL)")

    def ungrouped_articles(self) -> list[Article]:
        """Latest versions of articles that no event holds yet."""
        return [_article(r) for r in self.db.execute(
            "SELECT * FROM articles a WHERE a.rowid > ? "
            "AND NOT EXISTS (SELECT 1 FROM articles b WHERE b.previous_id = a.id) "
            "AND NOT EXISTS (SELECT 1 FROM event_articles e WHERE e.article_id = a.id) ORDER BY a.rowid",
            (self._grouped_rowid() if self.index_ready() else 0,))]

    def superseded_in_grouping(self) -> bool:
        """Does the stored grouping hold an article that a newer version replaces?"""
        return self.db.execute("SELECT 1 FROM articles a JOIN event_articles e ON e.article_id = a.previous_id "
                               "WHERE a.previous_id IS NOT NULL LIMIT 1").fetchone() is not None

    def _in(self, query: str, values) -> Iterator[sqlite3.Row]:
        """Rows of ``query`` with its ``IN ({})`` filled with ``values``, in chunks."""
        for chunk in _chunks(list(values)):
            yield from self.db.execute(query.format(",".join("?" * len(chunk))), chunk)

    def load_grouping(self) -> Grouping:
        members: dict[str, list[str]] = {}
        for row in self.db.execute("SELECT event_id, article_id FROM event_articles ORDER BY event_id, position"):
            members.setdefault(row["event_id"], []).append(row["article_id"])
        events = [EventGroup(r["id"], r["label"], r["date"], members.get(r["id"], []), r["independent_reports"])
                  for r in self.db.execute("SELECT * FROM events ORDER BY coalesce(date, '9999'), id")]
        story_events: dict[str, list[str]] = {}
        for row in self.db.execute("SELECT storyline_id, event_id FROM storyline_events ORDER BY storyline_id, position"):
            story_events.setdefault(row["storyline_id"], []).append(row["event_id"])
        storylines = [Storyline(r["id"], r["label"], story_events.get(r["id"], []))
                      for r in self.db.execute("SELECT * FROM storylines ORDER BY id")]
        relations = [Relation(r["from_id"], r["to_ref"], r["kind"], r["score"], r["basis"], json.loads(r["evidence"]))
                     for r in self.db.execute("SELECT * FROM relations ORDER BY rowid")]
        return Grouping(events, storylines, relations)

    def save_analysis(self, entities: list[Entity], quotes: list[Quote], groups: list[QuoteGroup],
                      sections: dict | None = None) -> None:
        with self.transaction():
            for table in ("quote_groups", "quotes", "entities", "report_sections"):
                self.db.execute(f"DELETE FROM {table}")
            self.db.executemany("INSERT INTO report_sections (name, data) VALUES (?, ?)",
                                [(k, json.dumps(v, ensure_ascii=False)) for k, v in (sections or {}).items()])
            self.db.executemany(
                "INSERT INTO entities (id, name, type, aliases, roles, article_ids, mentions) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(e.id, e.name, e.type, json.dumps(e.aliases, ensure_ascii=False), json.dumps(e.roles, ensure_ascii=False),
                  json.dumps(e.article_ids), e.mentions) for e in entities])
            self.db.executemany(
                "INSERT OR REPLACE INTO quotes (id, article_id, text, start, end, kind, speaker, speaker_start, speaker_end,"
                " cue, speaker_entity_id, group_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(q.id, q.article_id, q.text, q.start, q.end, q.kind, q.speaker, q.speaker_start, q.speaker_end,
                  q.cue, q.speaker_entity_id, q.group_id) for q in quotes])
            self.db.executemany(
                "INSERT INTO quote_groups (id, speaker_entity_id, reference_id, quote_ids, versions) VALUES (?, ?, ?, ?, ?)",
                [(g.id, g.speaker_entity_id, g.reference_id, json.dumps(g.quote_ids),
                  json.dumps(g.versions, ensure_ascii=False)) for g in groups])

    def load_analysis(self) -> tuple[list[Entity], list[Quote], list[QuoteGroup]]:
        entities = [Entity(r["id"], r["name"], r["type"], json.loads(r["aliases"]), json.loads(r["roles"]),
                           json.loads(r["article_ids"]), r["mentions"])
                    for r in self.db.execute("SELECT * FROM entities ORDER BY rowid")]
        quotes = [Quote(r["article_id"], r["text"], r["start"], r["end"], r["kind"], r["speaker"], r["speaker_start"],
                        r["speaker_end"], r["cue"], r["speaker_entity_id"], r["group_id"])
                  for r in self.db.execute("SELECT * FROM quotes ORDER BY article_id, start")]
        groups = [QuoteGroup(r["id"], json.loads(r["quote_ids"]), r["speaker_entity_id"], r["reference_id"],
                             json.loads(r["versions"]))
                  for r in self.db.execute("SELECT * FROM quote_groups ORDER BY rowid")]
        return entities, quotes, groups

    def load_sections(self) -> dict:
        return {r["name"]: json.loads(r["data"]) for r in self.db.execute("SELECT name, data FROM report_sections")}

    def search(self, query: str, limit: int = 50) -> list[tuple[str, str | None, str]]:
        """(article id, title, snippet) for a full-text query; the query is taken as plain words."""
        words = re.findall(r"\w+", query)
        if not words:
            return []
        match = " ".join(f'"{w}"' for w in words)  # quoted: no FTS operators from user input
        rows = self.db.execute(
            "SELECT a.id, a.title, snippet(articles_fts, 1, '[', ']', '…', 12) AS snip FROM articles_fts "
            "JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (match, limit)).fetchall()
        return [(r["id"], r["title"], r["snip"]) for r in rows]

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def start_batch(self, inputs: list[str]) -> int:
        with self.transaction():
            cursor = self.db.execute("INSERT INTO batches (started_at, inputs) VALUES (?, ?)",
                                     (_now(), json.dumps(inputs, ensure_ascii=False)))
        self._batch_id = cursor.lastrowid
        return self._batch_id

    def finish_batch(self, batch_id: int, *, added: int, versions: int, unchanged: int,
                     errors: list[InputError]) -> None:
        with self.transaction():
            self.db.execute("UPDATE batches SET finished_at = ?, added = ?, versions = ?, unchanged = ?, errors = ? "
                            "WHERE id = ?", (_now(), added, versions, unchanged, len(errors), batch_id))
            self.db.executemany("INSERT INTO input_errors (batch_id, source, message) VALUES (?, ?, ?)",
                                [(batch_id, e.source, e.message) for e in errors])
        self._batch_id = None

    def close(self) -> None:
        self.db.close()


_INDEX_TABLES = ("group_events", "group_terms", "group_postings", "group_lsh", "group_names", "group_meta",
                 "group_norms")


def _quoted(value: str) -> str:
    """An SQL string literal (for the fixed part of a query that ``_in`` fills)."""
    return "'" + value.replace("'", "''") + "'"


def _chunks(values: list) -> Iterator[list]:
    for i in range(0, len(values), _CHUNK):
        yield values[i:i + _CHUNK]


def _plain(value):
    if isinstance(value, list):
        return [v.__dict__ if hasattr(v, "__dict__") else v for v in value]
    return value


def _article(row: sqlite3.Row) -> Article:
    data = {c: row[c] for c in _COLUMNS}
    for c in _JSON_COLUMNS:
        data[c] = json.loads(data[c])
    return Article.from_dict(data)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _statements(script: str) -> list[str]:
    """Split a migration into statements; a trigger's BEGIN ... END body stays whole."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
