"""The nouns every stage reads and writes.

Ingest produces :class:`RawDocument` (what came in, decoded, nothing judged yet);
clean turns each into an :class:`Article` (body separated from junk, metadata
found, every field's origin recorded). Later stages add their own records that
point back to articles by id. Plain dataclasses: cheap to build, easy to
serialise, no ORM.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from typing import Literal
from urllib.parse import urlparse

# Where a metadata field's value came from. Kept with the value so a user can
# tell a publisher's own <meta> tag from a guess made out of the text.
Origin = Literal[
    "html-meta",  # <meta> tags (og:, article:, name=author ...)
    "json-ld",  # schema.org JSON-LD block
    "extractor",  # trafilatura's metadata heuristics (title tag, bylines ...)
    "feed",  # RSS/Atom entry fields
    "jsonl",  # fields given in the JSONL record
    "text-cue",  # a cue in the text itself ("By ...", "Source: ...", "© ...")
    "url",  # derived from the URL (domain -> outlet)
    "inferred",  # inferred from weaker evidence
]

InputKind = Literal["text", "html", "jsonl", "feed", "warc", "url", "stdin"]


@dataclass
class RawDocument:
    """One document as it came in: decoded content plus what the container said about it."""

    source_path: str  # file path, URL, "stdin", or "file.warc.gz#record-3"
    input_kind: InputKind
    content: str  # decoded text: HTML markup or plain text
    content_format: Literal["html", "text"]
    url: str | None = None
    encoding: str | None = None  # encoding the bytes were decoded from
    # Metadata the container supplied (feed entry, JSONL fields): field -> value.
    hints: dict[str, str] = field(default_factory=dict)
    hint_origin: Origin | None = None

    @property
    def content_hash(self) -> str:
        return content_hash(self.content)


def content_hash(content: str) -> str:
    """Hash of the content with line endings and trailing whitespace normalised.

    The same article re-saved with CRLF or a trailing newline is still the same
    article; any change of words is a new one.
    """
    lines = [line.rstrip() for line in content.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    normalised = "\n".join(lines).strip()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


@dataclass
class Removed:
    """A line or block taken out of the body, verbatim, with the reason."""

    text: str
    reason: str  # e.g. "promo", "related", "caption", "footer", "comments", "bio"


@dataclass
class Article:
    id: str  # first 12 hex digits of content_hash: stable across databases
    content_hash: str
    source_path: str
    input_kind: str
    content_format: str
    raw: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    language: str | None = None
    text: str = ""  # clean body: paragraphs separated by blank lines
    removed: list[Removed] = field(default_factory=list)
    cites: list[str] = field(default_factory=list)  # outlets/sources the article credits
    origins: dict[str, str] = field(default_factory=dict)  # field name -> Origin
    encoding: str | None = None
    previous_id: str | None = None  # older version of the same URL
    ingested_at: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def outlet_key(self) -> str | None:
        """Who published it, as a key: the web host ("www." dropped), else the outlet name."""
        if self.url:
            host = urlparse(self.url).hostname
            if host:
                return re.sub(r"^www\d?\.", "", host)
        return self.outlet.lower() if self.outlet else None

    @classmethod
    def from_dict(cls, data: dict) -> "Article":
        data = dict(data)
        data["removed"] = [Removed(**r) for r in data.get("removed") or []]
        return cls(**data)


@dataclass
class InputError:
    """One input that could not be used, and why, in words a user can act on."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass
class IngestResult:
    """What one batch did: counts a script can rely on, and every error by input."""

    added: list[str] = field(default_factory=list)  # article ids newly stored
    versions: list[str] = field(default_factory=list)  # new versions of a known URL
    unchanged: list[str] = field(default_factory=list)  # content already stored
    errors: list[InputError] = field(default_factory=list)

    @property
    def article_ids(self) -> list[str]:
        return self.added + self.versions + self.unchanged


@dataclass
class EventGroup:
    """Articles that report the same happening."""

    id: str
    label: str
    date: str | None
    article_ids: list[str]
    independent_reports: int  # reports that derive from no other report in the event


@dataclass
class Storyline:
    """Events that belong to one developing story, in time order."""

    id: str
    label: str
    event_ids: list[str]


@dataclass
class Relation:
    """A derived article and its source: an article id, or the name of a source outside the corpus."""

    from_id: str  # the derived article (the one that copies, rewrites or credits)
    to: str
    kind: str  # copy | rewrite | cites | shares-source | credits
    score: float
    basis: str  # how the direction was decided: credit | date | content
    evidence: list[dict] = field(default_factory=list)  # aligned passages {from_text, to_text, score}

    def to_dict(self) -> dict:
        return {"from": self.from_id, "to": self.to, "kind": self.kind, "score": self.score,
                "basis": self.basis, "evidence": self.evidence}


@dataclass
class Grouping:
    events: list[EventGroup] = field(default_factory=list)
    storylines: list[Storyline] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


@dataclass
class Entity:
    """A person, organisation or place, merged across articles."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    mentions: int = 0

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "type": self.type, "aliases": self.aliases,
                "roles": self.roles, "article_ids": self.article_ids, "mentions": self.mentions}


@dataclass
class Quote:
    """Words attributed to a speaker in one article, with offsets into its body."""

    article_id: str
    text: str  # the quoted or reported words; an attribution that interrupts them is cut (" … ")
    start: int  # character offsets of the quote in the article body (interruptions included)
    end: int
    kind: str  # direct | partial | indirect | stance (held, not said: "X backs Y")
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None  # the attributing verb or phrase, as written
    speaker_entity_id: str | None = None
    group_id: str | None = None

    @property
    def id(self) -> str:
        return f"q-{self.article_id}-{self.start}"


@dataclass
class QuoteGroup:
    """One utterance across outlets: its versions compared with a reference version."""

    id: str
    quote_ids: list[str]
    speaker_entity_id: str | None
    reference_id: str  # the version the others are compared with
    versions: list[dict] = field(default_factory=list)  # {quote_id, relation, diff}

    def to_dict(self) -> dict:
        return {"id": self.id, "quote_ids": self.quote_ids, "speaker_entity_id": self.speaker_entity_id,
                "reference_id": self.reference_id, "versions": self.versions}
