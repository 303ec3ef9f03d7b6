from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.clean import clean_document
from newsprism.ingest import read_inputs
from newsprism.model import Article, RawDocument

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "kazakhstan-russia"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def load(path: Path | str) -> list[Article]:
    """Ingest and clean a path the way the pipeline does (without storing)."""
    docs = list(read_inputs([str(path)]))
    assert all(isinstance(d, RawDocument) for d in docs), docs
    return [clean_document(d) for d in docs]


@pytest.fixture(scope="session")
def seeds() -> list[Article]:
    articles = load(EXAMPLES)
    assert len(articles) == 5
    return articles


def by_body(articles: list[Article], phrase: str) -> Article:
    """The one article whose body contains ``phrase`` (tests find articles by content, not file name)."""
    found = [a for a in articles if phrase in a.text or phrase in (a.title or "")]
    assert len(found) == 1, f"{phrase!r} found in {len(found)} articles"
    return found[0]
