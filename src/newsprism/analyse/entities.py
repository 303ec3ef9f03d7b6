"""Entities: people, organisations and places, merged across the corpus.

spaCy's NER finds the mentions; this module makes them into entities:

* **roles** are split off and kept ("Kazakh President Kassym-Jomart Tokayev" ->
  Kassym-Jomart Tokayev, role "Kazakh President");
* **type errors** of the small model are corrected from context and from the
  other mentions: a title makes a person, an organisation word ("Court",
  "House", "News") makes an organisation, and a merged entity takes the type
  most of its mentions support;
* **aliases** merge: a surname alone joins the one full name that ends with it
  ("Tokayev", "President Tokayev"), spelling variants of one full name merge by
  fuzzy match ("Isabel van Brugen" / "Isabelle Van Bruggen"), an acronym joins
  its long form ("CSTO" / "Collective Security Treaty Organization").

Beyond the body, the captions and the article's author and credited sources are
mentions too: they name people and organisations the article involves.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import iuliia
from rapidfuzz import fuzz, process

from ..model import Article, Entity
from .nlp import load_nlp

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")

TYPES = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place",
         "NORP": None}


@dataclass
class Mention:
    article_id: str
    text: str  # as written
    name: str  # role and determiners stripped
    role: str | None
    label: str  # person | organisation | place (after context correction)
    start: int | None = None  # offsets in the article body; None for captions and metadata
    end: int | None = None
    where: str = "body"  # body | caption | author | credit | known (a later use of a name NER found)


@lru_cache(maxsize=1)
def role_data() -> dict:
    with resources.files("newsprism.analyse").joinpath("data/roles.toml").open("rb") as handle:
        data = tomllib.load(handle)
    return {"titles": set(data["titles"]), "org_words": set(data["org_words"]), "modifiers": set(data["modifiers"]),
            "platforms": set(data["platforms"]), "formal_names": data["formal_names"]}


@lru_cache(maxsize=1)
def _exonyms() -> dict[str, str]:
    """Russian names with an English form of their own ("Россия" -> "Russia"), not a
    transliteration (data/names_ru.toml)."""
    with resources.files("newsprism.analyse").joinpath("data/names_ru.toml").open("rb") as handle:
        return tomllib.load(handle)["exonyms"]


@lru_cache(maxsize=1 << 16)  # the same names are folded again and again
def fold(text: str) -> str:
    """Lowercase, accents and punctuation removed, Cyrillic written in Latin letters as the
    English-language press spells Russian names (its own English name, "Россия" -> "russia",
    else iuliia's Wikipedia schema: "Токаев" -> "tokayev"): the key names are compared on."""
    if _CYRILLIC.search(text):
        text = _exonyms().get(text.lower().strip()) or iuliia.WIKIPEDIA.translate(text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9 ]", "", re.sub(r"[-‐–]", " ", text.lower())).strip()


def _is_nationality(word: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][a-z]+(?:an|ian|ish|ese|i|ic|ch)", word)) and word not in ("Van",)


def split_role(text: str) -> tuple[str, str | None]:
    """("Kazakh President Kassym-Jomart Tokayev") -> ("Kassym-Jomart Tokayev", "Kazakh President")."""
    text = re.sub(r"['’]s$", "", text.strip())
    text = re.sub(r"^(?:the|The)\s+", "", text)
    text = re.sub(r"\s*/\s*[^/]*$|[\[\]()]", "", text).strip()  # "Name/AFP]": a photo credit's agency
    tokens = text.split()
    titles = role_data()["titles"]
    cut = 0
    for i, token in enumerate(tokens[:-1]):
        if token == "New":
            break  # "New York Times", "New Delhi": part of a name; "the new minister" is lower case
        low = token.lower().strip(",")
        # A title word, or any word right before one at the start ("Kazakh President",
        # "Kremlin propagandist"), belongs to the role.
        if low in titles and tokens[i + 1].lower().strip(".,") not in role_data()["org_words"] \
                or (cut == i and tokens[i + 1].lower() in titles):
            cut = i + 1
        else:
            break
    # "President of Kazakhstan Kassym-Jomart Tokayev", "Secretary of State John Kerry": what
    # the title is "of" belongs to the role, as long as a name of two words is left.
    if cut and cut < len(tokens) - 2 and tokens[cut] == "of":
        end = cut + 1
        while len(tokens) - end > 2 and (tokens[end][:1].isupper() or tokens[end] == "the") and \
                not (len(tokens) - end == 3 and tokens[end + 1].islower()):  # "Isabel van Brugen"
            end += 1
        if end > cut + 1 and tokens[end - 1] != "the":
            cut = end
    if cut and cut < len(tokens):
        return " ".join(tokens[cut:]), " ".join(tokens[:cut])
    return text, None


def _looks_like_person(name: str) -> bool:
    tokens = name.split()
    org_words = role_data()["org_words"]
    return 1 <= len(tokens) <= 4 and all(t[:1].isupper() or t.lower() in ("van", "von", "de", "der", "al", "bin", "da")
                                         for t in tokens) \
        and not any(t.lower().strip(".") in org_words for t in tokens) and not name.isupper()


def _correct_type(label: str, name: str, role: str | None) -> str | None:
    kind = TYPES.get(label)
    if kind is None:
        return None
    if kind == "person" and not any(word[:1].isupper() for word in name.split()):
        return None  # the small model's PERSON for "marijuana advocates": no name
    tokens = [t.lower().strip(".") for t in name.split()]
    if " ".join(tokens) in role_data()["platforms"]:
        return "organisation"  # "wrote on Twitter": the small model's PERSON
    if fold(name) in role_data()["formal_names"]:
        return "place"  # "the Russian Federation": a state, whatever "Federation" says
    if any(t in role_data()["org_words"] for t in tokens):
        return "organisation" if kind != "place" or len(tokens) > 1 else kind
    if role and _looks_like_person(name) and (kind == "organisation" or any(
            word.lower().strip(".,") not in role_data()["modifiers"] for word in role.split())):
        return "person"  # the small model's ORG or GPE for a titled person; "interim United States" stays a place
    return kind


def mentions_of(article: Article, nlp=None, body: bool = True) -> list[Mention]:
    """The mentions spaCy's NER finds in the body (unless ``body`` is False: a Russian body
    is read by ``russian.russian_mentions``) and captions, with the author and credited
    sources."""
    nlp = nlp or load_nlp()
    found: list[Mention] = []
    pieces = [(m.start(), m.group(0), "body") for m in re.finditer(r"[^\n]+", article.text)] if body else []
    pieces += [(None, block.text, "caption") for block in article.removed if block.reason == "caption"]
    texts = [p[1] for p in pieces]
    for (offset, _, where), doc in zip(pieces, nlp.pipe(texts)):
        for ent in doc.ents:
            if ent.label_ not in TYPES or TYPES[ent.label_] is None:
                continue
            start = ent.start
            # The small model often leaves a first name, a title or a nationality outside
            # the entity ("Russian President Vladimir Putin" -> "Vladimir Putin").
            titles = role_data()["titles"]
            while start > 0:
                before = doc[start - 1]
                if (before.pos_ == "PROPN" and before.ent_type_ == "") or before.lower_ in titles or \
                        (before.ent_type_ == "NORP" and start - 1 > 0 and ent.label_ == "PERSON") or \
                        (before.ent_type_ == "NORP" and doc[start].lower_ in titles):
                    start -= 1
                else:
                    break
            if ent.label_ == "PERSON" and start > 0 and doc[start - 1].ent_type_ == "NORP":
                start -= 1  # "Kazakh President ..." : the nationality belongs to the role
            span = doc[start:ent.end]
            after = doc[ent.end] if ent.end < len(doc) else None
            if len(span) == 1 and (span[0].pos_ == "ADJ" or (after is not None and after.lower_ in role_data()["titles"])):
                continue  # "Ukrainian regions", "Tajik President ...": an adjective, not a name
            name, role = split_role(span.text)
            if not name or not any(ch.isalpha() for ch in name) or len(name) < 2:
                continue
            kind = _correct_type(ent.label_, name, role)
            before = doc[start - 1] if start > 0 else None
            if before is not None and before.lemma_.lower() in role_data()["org_words"] | {"outlet", "organization"}:
                kind = "organisation"  # "the media organization RT"
            if kind:
                found.append(Mention(article.id, span.text, name, role, kind,
                                     offset + span.start_char if offset is not None else None,
                                     offset + span.end_char if offset is not None else None, where))
    if article.author:
        name, role = split_role(article.author)
        found.append(Mention(article.id, article.author, name, role, "person", where="author"))
    for cite in article.cites:
        found.append(Mention(article.id, cite, cite, "credited source", "organisation", where="credit"))
    return found


def merge(mentions: list[Mention]) -> list[Entity]:
    """Merge mentions into entities (see the module docstring for the rules), in steps:
    identical names, spelling variants, a middle name, a leading "The", a mis-spanned
    mention ending in a full name, a surname alone."""
    clusters = _identical_names(mentions)
    clusters = _merge_spelling_variants(clusters)
    clusters = _merge_middle_names(clusters)
    clusters = _merge_leading_the(clusters)
    clusters = _merge_misspanned(clusters)
    clusters = _merge_surnames(clusters)
    entities = [_entity_of(cluster) for cluster in clusters]
    entities.sort(key=lambda e: (-len(e.article_ids), -e.mentions, e.name))
    _unique_ids(entities)
    return entities


def _kind(cluster: list[Mention]) -> str:
    return Counter(m.label for m in cluster).most_common(1)[0][0]


def _identical_names(mentions: list[Mention]) -> list[list[Mention]]:
    """Identical names (after folding, formal state names and acronym expansion) form one
    cluster."""
    acronyms = _acronym_map(mentions)
    clusters: list[list[Mention]] = []
    by_key: dict[str, int] = {}

    def key_of(m: Mention) -> str:
        folded = fold(m.name)
        # "The New York Times" (a credit line) is "New York Times"; "The Hill" keeps its "The".
        if folded.startswith("the ") and len(folded.split()) >= 3:
            folded = folded[4:]
        folded = role_data()["formal_names"].get(folded, folded)  # "Russian Federation" is Russia
        return acronyms.get(folded, folded)

    for m in sorted(mentions, key=lambda m: -len(m.name.split())):
        key = key_of(m)
        if key in by_key:
            clusters[by_key[key]].append(m)
        else:
            by_key[key] = len(clusters)
            clusters.append([m])
    return clusters


def _merge_middle_names(clusters: list[list[Mention]]) -> list[list[Mention]]:
    """ "Hillary Rodham Clinton" is "Hillary Clinton" when no other full name shares her
    first and last names ("George H. W. Bush" and "George W. Bush" both leave "George Bush")."""
    by_name = {fold(_best_name(c)): i for i, c in enumerate(clusters)}
    middle: dict[str, list[int]] = defaultdict(list)
    for index, cluster in enumerate(clusters):
        name = _best_name(cluster)
        words = fold(name).split()
        if 3 <= len(words) <= 4 and _looks_like_person(name) and any(m.label == "person" for m in cluster):
            middle[f"{words[0]} {words[-1]}"].append(index)
    for short, indices in middle.items():
        target = by_name.get(short)
        if len(indices) == 1 and target is not None and target != indices[0] and \
                any(m.label == "person" for m in clusters[target]):
            clusters[target].extend(clusters[indices[0]])
            clusters[indices[0]] = []
    return [c for c in clusters if c]


def _merge_leading_the(clusters: list[list[Mention]]) -> list[list[Mention]]:
    """ "The Guardian" and "Guardian" are one organisation unless one was read as a person
    ("The Hill" and the senator Hill)."""
    by_name = {fold(_best_name(c)): i for i, c in enumerate(clusters)}
    for index, cluster in enumerate(clusters):
        words = fold(_best_name(cluster)).split()
        target = by_name.get(words[1]) if len(words) == 2 and words[0] == "the" else None
        if target is not None and target != index and clusters[target] and \
                not any(m.label == "person" for m in [*cluster, *clusters[target]]):
            clusters[target].extend(cluster)
            clusters[index] = []
    return [c for c in clusters if c]


def _merge_misspanned(clusters: list[list[Mention]]) -> list[list[Mention]]:
    """A mis-spanned mention that ends with a person's full name joins that person
    ("Kazakhstan Kassym-Jomart Tokayev" from "the President of Kazakhstan K.-J. Tokayev")."""
    people = {fold(_best_name(c)): i for i, c in enumerate(clusters)
              if len(_best_name(c).split()) >= 2 and _kind(c) == "person"}
    for index, cluster in enumerate(clusters):
        folded = fold(_best_name(cluster))
        for full_name, target in people.items():
            if target != index and folded.endswith(" " + full_name) and clusters[target]:
                clusters[target].extend(cluster)
                clusters[index] = []
                break
    return [c for c in clusters if c]


def _merge_surnames(clusters: list[list[Mention]]) -> list[list[Mention]]:
    """A surname alone ("Tokayev") joins the one person whose full name ends with it."""
    full = defaultdict(list)
    for index, cluster in enumerate(clusters):
        name = _best_name(cluster)
        if len(name.split()) >= 2 and _looks_like_person(name) and _kind(cluster) != "place":
            full[fold(name).split()[-1]].append(index)
    for index, cluster in enumerate(clusters):
        name = _best_name(cluster)
        # (Not a place: "United States" looks like a name, and every "States" joined it.)
        if len(name.split()) == 1 and _looks_like_person(name) and not name.isupper() and _kind(cluster) != "place":
            targets = full.get(fold(name), [])
            # An organisation's last word is no surname ("Republicans" is not "Log Cabin
            # Republicans"): one side must have been read as a person, or the full name
            # written with a person's title ("spokesman Brad Woodhouse", "Officer Darren Wilson").
            if len(targets) == 1 and targets[0] != index and any(
                    m.label == "person" or m.role and m.where != "credit" for m in [*clusters[targets[0]], *cluster]):
                clusters[targets[0]].extend(cluster)
                clusters[index] = []
    return [c for c in clusters if c]


def _entity_of(cluster: list[Mention]) -> Entity:
    """A cluster's entity: its best name, the type most of its mentions support (a role or a
    credit counts twice), its aliases and roles."""
    votes = Counter()
    for m in cluster:
        if m.where != "known":  # found by name only: no evidence of type
            votes[m.label] += 2 if m.role or m.where in ("author", "credit") else 1
    votes = votes or Counter(m.label for m in cluster)
    name = _best_name(cluster)
    kind = votes.most_common(1)[0][0]
    if kind != "person" and votes["person"] and _looks_like_person(name) and len(name.split()) >= 2:
        kind = "person"  # the small model's ORG for a titled person
    # Each alias as written but cleaned as split_role cleans it: "Vladimir Putin's", "the
    # Russian Federation" and a caption's "Karen Minasyan/AFP]" are the names themselves.
    # A mis-spanned name with no role ("Kazakhstan Kassym-Jomart Tokayev", see
    # _merge_misspanned) is not a way the entity is written either.
    kept = [m for m in cluster if m.role or m.where == "credit" or not fold(m.name).endswith(" " + fold(name))]
    written = {m.text if m.where == "credit" else f"{m.role} {m.name}" if m.role else m.name for m in kept}
    aliases = sorted(written | {m.name for m in kept} - {name})
    return Entity(
        id="ent-" + re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")[:40],
        name=name, type=kind, aliases=[a for a in aliases if a != name],
        roles=sorted({m.role for m in cluster if m.role and m.where != "credit"}),
        article_ids=sorted({m.article_id for m in cluster}),
        mentions=len(cluster))


def _merge_spelling_variants(clusters: list[list[Mention]]) -> list[list[Mention]]:
    """Join clusters whose best names are full person names spelt alike ("Isabel van
    Brugen" / "Isabelle Van Bruggen": same first letter, rapidfuzz ratio >= 85), pass after
    pass until none joins. Only full person names are compared, each with the others of
    its first letter, all pairs of a letter at once (``process.cdist``): comparing every
    cluster with every other in Python took minutes on a few hundred articles."""
    while True:
        names = {i: _best_name(c) for i, c in enumerate(clusters)}
        by_letter: dict[str, list[int]] = defaultdict(list)
        folded = {}
        for i, name in names.items():
            key = fold(name)
            if len(key.split()) >= 2 and _looks_like_person(name):
                folded[i] = key
                by_letter[key[:1]].append(i)
        merged = False
        for members in by_letter.values():
            if len(members) < 2:
                continue
            scores = process.cdist([folded[i] for i in members], [folded[i] for i in members],
                                   scorer=fuzz.ratio, score_cutoff=85)
            for x, i in enumerate(members):
                for y in range(x + 1, len(members)):
                    j = members[y]
                    if scores[x, y] >= 85 and clusters[i] and clusters[j] and \
                            _same_initials(folded[i], folded[j]):
                        clusters[i] = clusters[i] + clusters[j]
                        clusters[j] = []
                        merged = True
        clusters = [c for c in clusters if c]
        if not merged:
            return clusters


def _same_initials(a: str, b: str) -> bool:
    """Whether two folded names written with initials have the same ones: "George H. W. Bush"
    and "George W. Bush" are two people however alike the letters; a name without initials
    ("Jesse Jackson Jr.") may be either."""
    initials_a, initials_b = ([w for w in re.split(r"[\s.]+", n) if len(w) == 1] for n in (a, b))
    return not initials_a or not initials_b or initials_a == initials_b


def _best_name(cluster: list[Mention]) -> str:
    """A state's common name rather than its formal one; a full form (two words or more) if
    there is one, in Latin letters if there is one
    (the reports are in English: "Russia", not "Россия"), the most frequent of those, then
    the longest."""
    counts = Counter(m.name for m in cluster if m.where != "credit" or len(cluster) == 1)
    if not counts:
        counts = Counter(m.name for m in cluster)
    formal = role_data()["formal_names"]
    return max(counts, key=lambda n: (fold(n) not in formal,  # "Russia", not "Russian Federation"
                                      len(n.split()) >= 2 and not n.isupper(), not _CYRILLIC.search(n), counts[n],
                                      len(n), n))


def _acronym_map(mentions: list[Mention]) -> dict[str, str]:
    """Folded acronym -> folded long form, when a long form's initials spell a mentioned acronym."""
    acronyms = {fold(m.name) for m in mentions if m.name.isupper() and 2 <= len(m.name) <= 6}
    mapping = {}
    for m in mentions:
        words = [w for w in re.split(r"[\s-]+", m.name) if w[:1].isupper()]
        if len(words) >= 2:
            initials = "".join(w[0] for w in words).lower()
            if initials in acronyms:
                mapping[initials] = fold(m.name)
    return mapping


def _unique_ids(entities: list[Entity]) -> None:
    seen: Counter[str] = Counter()
    for entity in entities:
        seen[entity.id] += 1
        if seen[entity.id] > 1:
            entity.id = f"{entity.id}-{seen[entity.id]}"


def extract_entities(articles: list[Article], nlp=None) -> tuple[list[Entity], list[Mention]]:
    nlp = nlp or load_nlp()
    return entities_from_mentions(articles, [m for a in articles for m in mentions_of(a, nlp)])


def entities_from_mentions(articles: list[Article], mentions: list[Mention]) -> tuple[list[Entity], list[Mention]]:
    """The corpus's entities from the NER mentions of its articles (:func:`mentions_of`),
    with the later uses of found names that NER missed."""
    mentions = mentions + known_name_mentions(articles, mentions)
    return merge(mentions), mentions


_ACRONYM_DEFINITION = re.compile(r"((?:[A-Z][\w’'-]+\s+)(?:(?:of|for|and|the|on|[A-Z][\w’'-]+)\s+)*[A-Z][\w’'-]+)\s+\(([A-Z]{2,6})\)")


def known_name_mentions(articles: list[Article], mentions: list[Mention]) -> list[Mention]:
    """Mentions the NER model missed: later uses of names it found once.

    A small model tags "Lena Fischer" but not "Fischer added ..."; "the Northern
    Ports Authority (NPA)" defines an acronym the model does not tag later. Each
    article is searched for the surnames of people and the names and acronyms of
    organisations found anywhere in the corpus.
    """
    known: dict[str, str] = {}  # surface form -> type
    labels: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        labels[m.name][m.label] += 1
    for m in mentions:
        tokens = m.name.split()
        if m.label == "person" and len(tokens) >= 2 and _looks_like_person(m.name):
            known.setdefault(tokens[-1], "person")
        elif m.label == "organisation" and m.where == "body" and len(m.name) >= 3 \
                and labels[m.name].most_common(1)[0][0] == "organisation":
            known.setdefault(m.name, "organisation")
    extra: list[Mention] = []
    for article in articles:
        for match in _ACRONYM_DEFINITION.finditer(article.text):
            long_form, acronym = match.group(1), match.group(2)
            if "".join(w[0] for w in re.split(r"[\s-]+", long_form) if w[:1].isupper()) == acronym:
                known.setdefault(acronym, "organisation")
                extra.append(Mention(article.id, long_form, long_form, None, "organisation",
                                     match.start(1), match.end(1)))
    if not known:
        return extra
    finder = _NameFinder(known)
    covered = defaultdict(list)
    for m in mentions + extra:
        if m.start is not None:
            covered[m.article_id].append((m.start, m.end))
    for article in articles:
        for start, name in finder.finditer(article.text):
            if any(a <= start < b for a, b in covered[article.id]):
                continue
            extra.append(Mention(article.id, name, name, None, known[name], start, start + len(name), "known"))
    return extra


class _NameFinder:
    """Finds names in a text as ``(?<![\\w’'-])(name|name|...)(?![\\w’-])`` with the longest
    names first would, leftmost first and without overlaps. One alternation of thousands of
    names made Python's re try each of them at every word start (8.5 of 45 s re-analysing
    1,000 articles); here a name is looked up by its first characters."""

    def __init__(self, names):
        self.by_prefix: dict[str, list[str]] = defaultdict(list)  # first (up to) 3 characters -> names, longest first
        for name in sorted(names, key=len, reverse=True):
            self.by_prefix[name[:3]].append(name)
        firsts = "".join(sorted({name[0] for name in names}))
        self.starts = re.compile(r"(?<![\w’'-])[" + re.escape(firsts) + "]") if firsts else None

    def finditer(self, text: str):
        end = 0
        for match in self.starts.finditer(text) if self.starts else ():
            at = match.start()
            if at < end:
                continue
            for size in (3, 2, 1):  # names of 3 characters or more first: they are the longer ones
                found = next((name for name in self.by_prefix.get(text[at:at + size], ())
                              if text.startswith(name, at) and not _NAME_GOES_ON.match(text, at + len(name))), None)
                if found:
                    end = at + len(found)
                    yield at, found
                    break


_NAME_GOES_ON = re.compile(r"[\w’-]")


class EntityLookup:
    """Finds the entity a speaker's name refers to: by name or alias (the first entity in
    list order that has it), else by surname when exactly one person has that surname.
    Built once per analysis: scanning every entity's aliases per quote was quadratic."""

    def __init__(self, entities: list[Entity]):
        self.by_name: dict[str, Entity] = {}
        for entity in entities:
            for name in [entity.name, *entity.aliases]:
                self.by_name.setdefault(fold(name), entity)
        self.by_surname: dict[str, list[Entity]] = defaultdict(list)
        for entity in entities:
            if entity.type == "person":
                self.by_surname[" ".join(fold(entity.name).split()[-1:])].append(entity)

    def find(self, name: str | None) -> Entity | None:
        if not name:
            return None
        stripped, _ = split_role(name)
        folded = fold(stripped)
        if folded in self.by_name:
            return self.by_name[folded]
        people = self.by_surname.get(" ".join(folded.split()[-1:]), [])
        return people[0] if len(people) == 1 else None

