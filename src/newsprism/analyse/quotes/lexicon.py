"""The cue lexicon (``analyse/data/cues.toml``): verbs, nouns, adjectives and phrases that
attribute words to someone, with the word lists the rules read (loaded once)."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def cue_data() -> dict:
    with resources.files("newsprism.analyse").joinpath("data/cues.toml").open("rb") as handle:
        data = tomllib.load(handle)
    out = {key: set(value) for key, value in data.items() if key not in ("phrases", "role_words")}
    out["phrases"] = data["phrases"]
    out["role_words"] = {word: words[0] for words in data["role_words"] for word in words}  # word -> its role
    out["general_verbs"] = out["verbs"] | out["object_verbs"] | out["prep_verbs"] | out["quote_verbs"]
    # ("make" only in "made it clear that ...": `clear_words`.)
    out["all_verbs"] = out["general_verbs"] | out["as_verbs"] | out["clause_verbs"] | {"make"}
    # (Unions the rules ask about once per token, made once here.)
    out["noun_cues"] = out["nouns"] | out["group_nouns"] | out["open_nouns"]
    out["cue_words"] = out["all_verbs"] | out["nouns"]
    out["written"] = out["works"] | out["written_things"]  # what "read" quotes
    out["vehicles"] = out["works"] | out["occasions"]  # what someone speaks through ("a rally blasting X")
    out["reports"] = out["study_nouns"] | out["works"]  # what someone makes ("a report by X", "a study from Y")
    return out


def verb_stems(word: str) -> list[str]:
    """The verbs an inflected form may come from, for a word the tagger did not read as a verb:
    "blasts" -> blast, "denies" -> deny, "stated" -> state, "added" -> add, "replied" -> reply."""
    word = word.lower()
    stems = [word[:-3] + "y"] if word.endswith(("ies", "ied")) else []
    stems += [word[:-1]] if word.endswith(("s", "d")) else []
    return stems + ([word[:-2]] if word.endswith(("es", "ed")) else [])
