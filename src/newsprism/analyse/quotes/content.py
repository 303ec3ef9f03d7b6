"""What a cue reports: its clause, object or prepositional object, however the parser
hung it."""

from __future__ import annotations

import re

from .lexicon import cue_data
from .speakers import _by_whom, _can_speak, _garden_path, _misparsed_namer, _RELATIVE, _subject


def _edges(tokens) -> tuple[int, int] | None:
    """Character range of ``tokens`` (in any order) without punctuation at either end (quote marks
    stay: they are part of what was said)."""
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and (tokens[0].is_punct and not tokens[0].is_quote or tokens[0].is_space):
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct and not tokens[-1].is_quote or tokens[-1].is_space
                      or tokens[-1].pos_ == "CCONJ"):
        if tokens[-1].text == ")" and sum(t.text == "(" for t in tokens) >= sum(t.text == ")" for t in tokens):
            break  # "the International Criminal Court (ICC)"
        tokens.pop()
    if len(tokens) > 1 and tokens[0].lower_ == "that" and tokens[0].dep_ == "mark":
        tokens.pop(0)
        while tokens and tokens[0].is_punct and not tokens[0].is_quote:  # 'said that, "..."'
            tokens.pop(0)
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _circumstance(prep) -> bool:
    """Whether a prepositional phrase says when, where or through what something was said
    ("on Tuesday", "in a statement", "on Twitter") rather than what."""
    data = cue_data()
    objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    return not objects or any(o.ent_type_ in ("DATE", "TIME") or o.lemma_.lower() in data["not_content"]
                              for o in objects) or prep.lower_ in data["circumstance_preps"]


def _coordinated(clause) -> bool:
    """Whether a clause the parser hung on a cue after its object is a sentence of its own
    joined by ", and"/", but": "Trump called the system "rigged" in a tweet, and a few lawmakers
    have called for ..." (a clause with its own subject after the comma and conjunction; not
    "criticized the lack of details about where X and just how much it would cost")."""
    return clause.dep_ == "ccomp" and _joined_sentence(clause)


def _joined_sentence(clause) -> bool:
    """Whether ``clause`` opens with ", and"/", but" and has a subject of its own."""
    start = clause.left_edge.i
    return start > 1 and clause.doc[start - 1].pos_ == "CCONJ" and clause.doc[start - 2].text == "," and \
        any(s.dep_ in ("nsubj", "nsubjpass") for s in clause.children)


def _what_follows(token, part) -> list:
    """The cue verb ``token``'s dependents after ``part`` (its object) that belong to what it
    reports: "called him a liar", "criticized X for Y", "called for the ban in December after
    ..." (when and why belong to what was called for); not a clause with a cue of its own
    ("..., when they said ...")."""
    return [c for c in token.children if c.i > part.i and not _coordinated(c) and (
        c.dep_ in ("oprd", "xcomp", "ccomp", "acomp", "dative", "prep", "npadvmod", "advmod", "dobj") or
        # ("discussing the harbour, the ferry or ...": the parser may hang the list on the verb.)
        c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") or
        # ("talked about trade and how he would fix it": the second topic hung on the verb.)
        c.dep_ == "conj" and c.left_edge.lower_ in ("how", "what", "why", "whether", "where", "when") or
        c.dep_ == "advcl" and not _has_cue(c))]


def _answer(clause) -> bool:
    """Whether ``clause`` is a reply hung on what someone said: "to which X replied ...",
    "at which point X interjected ..." (a cue of its own, after a preposition and "which")."""
    first = clause.left_edge
    return first.dep_ == "prep" and first.i + 1 < len(first.doc) and first.doc[first.i + 1].lower_ == "which" \
        and clause.pos_ == "VERB" and clause.lemma_.lower() in cue_data()["all_verbs"]


def _has_cue(phrase, before_quote: bool = False) -> bool:
    """Whether a verb or noun of attribution lies in ``phrase`` ("... when they said ...",
    "Petrovic's claim that ..."); with ``before_quote``, only before its first quote mark."""
    data = cue_data()
    tokens = list(phrase.subtree)
    if before_quote:
        tokens = tokens[:next((i for i, t in enumerate(tokens) if t.is_quote), len(tokens))]
    return any(t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in data["all_verbs"] or
               t.pos_ == "NOUN" and t.lemma_.lower() in data["nouns"] and None not in _noun_cue(t, set())
               for t in tokens)


def _that_clause(token):
    """The "that" clause a verb on no cue list reports ("he clarified that ...", "the Labor
    Department calculates that ..."), or None: not for the verbs that tie a fact to its
    consequence ("the opposition means that ..."), nor for a clause of result or time ("so
    humbled that ...", "panicking now that ...")."""
    data = cue_data()
    if token.pos_ != "VERB" or token.lemma_.lower() in data["consequence_verbs"]:
        return None
    for clause in token.children:
        mark = next((m for m in clause.children if m.dep_ == "mark" and m.lower_ == "that"), None)
        if clause.dep_ != "ccomp" or clause.i < token.i or mark is None:
            continue
        before = mark.nbor(-1)
        if before.lower_ in ("so", "such", "given", "except", "order") or \
                before.lower_ == "now" and before.dep_ not in ("pobj", "pcomp") or \
                any(t.lower_ in ("so", "such") for t in token.subtree if t.i < mark.i):
            return None  # ("heard by now that ..." reports)
        if any(t.lemma_.lower() in data["cue_words"] for t in token.doc[token.i + 1:mark.i]):
            # "chose not to respond to accusations that ...": the parser stranded the clause;
            # it is the accusations' (`_stranded_clause`).
            return None
        return clause
    # "Trump groused to a crowd in Georgia that CNN ...": the parser hung the clause on a noun
    # of the circumstance, as a relative clause - one that "that" marks, with a subject of its
    # own (not "the school that he attended": there "that" is the verb's object).
    for clause in _in_circumstances(token):
        mark = _that_mark(clause)
        if mark is not None and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children) and \
                not any(t.lemma_.lower() in data["cue_words"] or t.lower_ in ("so", "such")
                        for t in token.doc[token.i + 1:mark.i]):
            return clause
    return None


def _in_circumstances(token):
    """The words of the prepositional phrases after the verb ``token`` ("said in a statement
    ...", "groused to a crowd in Georgia ..."), in order."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.i > token.i:
            yield from prep.subtree


def _that_mark(clause):
    """The "that" marking ``clause`` as a complement, if the parser hung it as one (a relative,
    adjectival or complement clause with "that" as its mark before its verb), else None."""
    if clause.dep_ not in ("relcl", "acl", "ccomp"):
        return None
    return next((m for m in clause.children if m.dep_ == "mark" and m.lower_ == "that" and m.i < clause.i), None)


def _finding(token) -> bool:
    """Whether ``token`` is what a study or an inquiry found ("A CNN survey found ...")."""
    data = cue_data()
    return token.lemma_.lower() in data["finding_verbs"] and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in data["study_nouns"] for c in token.children)


def _content(token, skip: set[int]) -> tuple[int, int] | None:
    """What the cue verb ``token`` reports, in paragraph coordinates: its clausal complement
    on either side ("X said (that) ...", "... , X said"); for some verbs its object ("X
    endorsed Clinton", "X called him a liar") or prepositional object ("X talked about ...");
    or - when the cue is a parenthetical hung on the reported clause ("The economy, he said,
    is growing") - that clause.

    The readers are tried in order, the first that finds something wins: misparses of the cue
    itself (`_misread_cue`); a short answer ("said yes", "said so"); what was told an addressee
    (`_told`); the clause (`_clause_content`); naming and objects (`_object_content`); a plea;
    the preposition (`_prep_content`); a "that" clause hung on a circumstance
    (`_that_clause_in_circumstance`) or lost right after the cue (`_that_right_after`); the
    clause around the cue (`_surrounding_clause`)."""
    data = cue_data()
    lemma = token.lemma_.lower()
    if lemma in data["quote_verbs"]:
        return None
    misread = _misread_cue(token, lemma)
    if misread is not _NOT_THIS:
        return misread
    if lemma not in data["general_verbs"]:
        return _view_content(token)
    answer = _short_answer(token, lemma)
    if answer is not None:
        return answer
    comps, objects = _complements(token)
    if lemma == "ask" and not comps and objects:
        # "HuffPost asked the senator if he ...": the question, which the parser hung on the
        # verb as a clause of condition; not whom it was asked.
        question = next((c for c in token.children if c.dep_ == "advcl" and c.i > objects[0].i and any(
            m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in c.children)), None)
        if question is not None:
            return _edges(question.subtree)
    if not comps and objects and lemma in data["addressee_verbs"] and any(
            t.pos_ in ("PROPN", "PRON") or t.ent_type_ for t in objects[0].subtree):
        told, objects = _told(token, objects)
        if told is not None:
            return told
    if comps and objects and lemma not in data["addressee_verbs"] and all(c.i < token.i for c in comps) and \
            not _parenthetical(token) and token.dep_ != "parataxis" and \
            token.doc[min([token.i, *(c.left_edge.i for c in token.children if c.dep_ == "nsubj")]) - 1].text != ",":
        # "For that she drew Trump's ire - he called her 'weak'": a verb with its own object
        # after it reports that, not a clause before it the parser hung on it (but "..., Kennedy
        # wrote Linick", "his negatives, he called them": after a comma, the clause is it).
        comps = []
    if comps and (lemma in data["verbs"] or not objects):
        return _clause_content(token, comps)
    found = _object_content(token, lemma, objects)
    if found is not _NOT_THIS:
        return found
    plea = next((c for c in token.children if c.dep_ == "acomp" and c.lower_ in ("guilty", "innocent")), None) \
        if lemma == "plead" else None
    if plea is not None:
        # "pleaded guilty to one count of ...", "has pleaded not guilty": the plea.
        negation = [c for c in token.children if c.dep_ == "neg" and c.i == plea.i - 1]
        return _edges([*negation, *plea.subtree])
    if lemma in data["prep_verbs"]:
        found = _prep_content(token)
        if found is not None:
            return found
    if lemma in data["verbs"]:
        found = _that_clause_in_circumstance(token)
        if found is not None:
            return found
        found = _that_right_after(token)
        if found is not None:
            return found
    return _surrounding_clause(token, comps, objects, skip)


def _that_right_after(token) -> tuple[int, int] | None:
    """ "agreed that the Treasury Department has limited power to ...": a "that" right after the
    cue opens what was said, when the parser lost the clause it marks (here "limited power" read
    as the cue's object)."""
    doc = token.doc
    if token.i + 2 >= token.sent.end:
        return None
    mark = doc[token.i + 1]
    if mark.lower_ != "that" or mark.dep_ != "mark" or not token.is_ancestor(mark) or doc[token.i + 2].is_punct:
        return None
    return _edges(doc[token.i + 2:token.right_edge.i + 1])


_NOT_THIS = object()  # a reader's answer "not my case": try the next one (None is "nothing reported")


def _misread_cue(token, lemma: str):
    """Content where the parser misread the cue itself, else `_NOT_THIS`."""
    data = cue_data()
    clause = _garden_path(token)
    if clause is not None:
        return _edges(token.doc[token.right_edge.i + 1:clause.right_edge.i + 1])
    if token.dep_ == "amod" and token.tag_ in ("VBD", "VBN") and lemma in data["verbs"] and \
            token.head.dep_ in ("nsubj", "nsubjpass") and token.head.i > token.i and \
            any(c.dep_ == "nsubj" and c.i < token.i for c in token.children):
        # "He implied immigrants were the ones ...": the parser read the cue as an adjective of
        # the reported clause's subject; the clause is what was said.
        return _edges(token.doc[token.i + 1:token.head.head.right_edge.i + 1])
    if lemma == "make":
        # "X made it clear that ...", "made clear (that) ...": what X made clear.
        clear = next((c for c in token.children if c.lower_ in data["clear_words"] and c.i > token.i), None)
        clause = next((c for c in (clear.subtree if clear is not None else []) if c.dep_ in ("ccomp", "advcl")
                       and c.i > clear.i and c.pos_ in ("VERB", "AUX")), None)
        if clause is None and clear is not None:
            clause = next((c for c in token.children if c.dep_ == "ccomp" and c.i > clear.i), None)
        return _edges(clause.subtree) if clause is not None else None
    return _NOT_THIS


def _short_answer(token, lemma: str) -> tuple[int, int] | None:
    """ "46 percent of voters said yes"; "55 percent said so", "26 percent said the same"."""
    answer = next((c for c in token.children if c.i > token.i and c.lower_ in ("yes", "no") and c.dep_ in ("intj", "dobj")), None)
    if answer is not None and lemma in ("say", "answer", "reply", "respond"):
        return _edges([answer])
    if lemma in ("say", "think", "believe") and token.i + 2 < len(token.doc):
        # (What they said is the one before.)
        after = token.doc[token.i + 1:token.i + 3]
        if after[0].lower_ == "so" and after[0].head.i == token.i:
            return _edges(after[:1])
        if after[0].lower_ == "the" and after[1].lower_ == "same" and after[1].head.i == token.i:
            return _edges(after)
    return None


def _complements(token) -> tuple[list, list]:
    """The cue's clausal complements and its objects after it, less what the parser hung on
    it from elsewhere."""
    # A clause across a semicolon is a sentence of its own ("Most voters say A; 26 percent
    # say B"): the parser hangs it on the cue all the same.
    # So is a clause before a colon that the cue follows ("... as an example: He says X").
    semicolons = [c.i for c in token.children if c.text == ";"]
    colons = [c.i for c in token.children if c.text == ":"]
    comps = [c for c in token.children if c.dep_ in ("ccomp", "xcomp")
             and not any(min(c.i, token.i) < i < max(c.i, token.i) for i in semicolons)
             and not any(c.i < i < token.i for i in colons)]
    objects = [c for c in token.children if c.dep_ == "dobj" and c.i > token.i]
    comps = [c for c in comps if not (objects and objects[0].i < c.i and _coordinated(c))]
    brackets = _brackets_around(token)
    if brackets:
        # '... blowback from members ("I want my dues back," wrote X on Facebook), and ...':
        # a cue inside parentheses reports what is inside them, whatever the parser hung on it.
        comps = [c for c in comps if brackets[0] < c.i < brackets[1]]
        objects = [c for c in objects if brackets[0] < c.i < brackets[1]]
    if token.dep_ == "parataxis" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].text == "," and \
            all(c.dep_ == "xcomp" for c in comps):
        # "He was unable to find one, he said, on condition of anonymity to speak freely":
        # not what was said; the clause around the parenthetical is.
        comps = []
    if not comps and token.dep_ == "parataxis" and _parenthetical(token) and \
            all(o.pos_ == "PRON" for o in objects):  # "The difference, he told me, is ..."
        objects = []
    return comps, objects


def _told(token, objects: list) -> tuple[tuple[int, int] | None, list]:
    """ "X told The Washington Post he was ...": the parser hung what was said on the
    addressee, or made it the main clause; the addressee alone is not what was said.
    Returns (what was said or None, the objects left to read)."""
    addressee = objects[0]
    clause = next((c for c in addressee.subtree if c.dep_ in ("relcl", "acl", "ccomp") and c.i > addressee.i
                   and c.left_edge.lower_ not in ("who", "whom", "whose", "which", "where", "when")
                   and any(n.dep_ in ("nsubj", "nsubjpass") and n.lower_ not in _RELATIVE for n in c.children)),
                  None)
    if clause is not None:
        return _edges(clause.subtree), objects
    after = max(o.right_edge.i for o in objects) + 1
    # (The parser may end the sentence at the addressee: the clause is then the next one.)
    rest = token.doc[after:token.doc[after].sent.end] if after < len(token.doc) else token.doc[0:0]
    if len(rest) > 2 and rest[0].pos_ in ("PRON", "PROPN", "DET", "NOUN") and rest[0].dep_ in ("nsubj", "nsubjpass") \
            and rest[0].head.i > rest[0].i and rest[0].head.pos_ in ("VERB", "AUX"):
        return _edges(rest), objects
    if not any(c.dep_ in ("oprd", "xcomp", "ccomp", "acomp") or c.dep_ == "prep" and not _circumstance(c)
               for c in token.children if c.i > addressee.i):
        objects = []
    return None, objects


def _object_content(token, lemma: str, objects: list):
    """What a verb reports through its object: naming ("Critics call it a sham"), the object
    with what follows it ("called him a liar", "criticized X for Y"), or - in the passive -
    its subject ("Sanders was supported by majorities of ..."); `_NOT_THIS` when it has none
    of these."""
    data = cue_data()
    if _misparsed_namer(token) is not None:  # "one lawmaker called Trump 'the orange prince ...'"
        return _edges(t for c in token.children if c.dep_ in ("oprd", "dobj") and c.i > token.i for t in c.subtree)
    # (A pronoun object, or a relative word before the verb: "what officials called a hate crime".)
    named = next((c for c in token.children if c.dep_ == "oprd" and c.i > token.i), None)
    if named is not None and lemma in data["object_verbs"]:
        before = [c for c in token.children if c.dep_ == "dobj" and c.i < token.i and c.lower_ in ("what", "which", "that")]
        parts = (objects[:1] or before[:1]) + [named]
        return _edges(t for c in parts for t in c.subtree)
    if objects and (lemma in data["object_verbs"] or _finding(token)) and objects[0].lower_ != "so" and (
            lemma not in data["verbs"] or objects[0].lower_ not in ("it", "this", "that")):
        first = objects[0]
        return _edges(t for c in [first] + _what_follows(token, first) for t in c.subtree)
    agent = next((c for c in token.children if c.dep_ == "agent"), None)
    if not objects and lemma in data["object_verbs"] and agent is not None:
        # (With what follows: "The situation was described by X as ...".)
        patient = next((c for c in token.children if c.dep_ == "nsubjpass" and c.i < token.i), None)
        if patient is not None and patient.lower_ not in _RELATIVE and not _has_cue(patient):
            # (not "X's claim that ... was disputed by Y": that is X's claim)
            as_clause = next((c for c in token.children if c.dep_ == "advcl" and c.left_edge.lower_ == "as"
                              and c.left_edge.i == agent.right_edge.i + 1), None)
            if as_clause is not None:  # "The situation was described by X as Kazakhstan responding ..."
                return _edges(t for t in as_clause.subtree if t.i != as_clause.left_edge.i)
            return _edges(t for c in [patient] + _what_follows(token, agent) for t in c.subtree)
    return _NOT_THIS


def _clause_content(token, comps) -> tuple[int, int] | None:
    """What a cue verb reports through the clauses the parser hung on it (``comps``: its
    clausal complements): which clause, and what else belongs to it."""
    data = cue_data()
    # Of several clauses, the one after the cue ("The race is close - in fact, she said it
    # 'humanizes' her"), and not a second speaker's ("voters said A, and three-quarters
    # said B": the parser hangs B on the first cue).
    # (An object clause only: in 'said Sunday on NBC's "Meet the Press."' the parser reads
    # the title as one.)
    after = [c for c in comps if c.i > token.i and c.dep_ == "ccomp"]
    own = [c for c in after[1:] if c.pos_ == "VERB" and c.lemma_.lower() in data["all_verbs"] and
           c.left_edge.nbor(-1).pos_ == "CCONJ" and any(
           s.dep_ in ("nsubj", "nsubjpass") and _can_speak(s) for s in c.children)]
    # (A headline's second predicate, after a comma: "Clinton says Russians hacked DNC, calls
    # Trump's remarks 'troubling'" - the parser made "calls ... remarks" a second clause.)
    own += [c for c in after[1:] if c.left_edge.lemma_.lower() in data["all_verbs"] and
            c.left_edge.pos_ == "VERB" and c.left_edge.i > 0 and c.left_edge.nbor(-1).text == ","]
    # ("decided to trade ... despite concerns that it might ...": a clause after a cue noun
    # is the noun's, wherever the parser hung it.)
    own += [c for c in after if c.left_edge.lower_ == "that" and c.left_edge.dep_ == "mark" and any(
            t.lemma_.lower() in data["nouns"] and t.pos_ == "NOUN" for t in token.doc[token.i + 1:c.left_edge.i])]
    # ("but - after a ruling made it legal - he urged conservatives to obey": what to do,
    # after the cue, over an aside before it.)
    # (Not after a comma: "..., its manager said, on condition of anonymity to speak freely".)
    to_do = [c for c in comps if c.i > token.i and c.dep_ == "xcomp" and any(
             a.dep_ == "aux" and a.lower_ == "to" for a in c.children) and
             not any(t.is_punct for t in token.doc[token.i + 1:c.left_edge.i])]
    comps = [c for c in after if c not in own] or to_do or [c for c in comps if c not in own] or after or comps
    comp, split = max(comps, key=lambda c: len(list(c.subtree))), []
    if len(comps) > 1 and all(c.i > token.i and c.dep_ == "ccomp" for c in comps):
        # "said he saw no need to change, telling X that "we tell the truth, we deal with the
        # issues"": the parser broke one report into several clauses of the cue; the first opens
        # it, the rest go on with it (the longest alone lost its start).
        comp = min(comps, key=lambda c: c.i)
        split = [c for c in comps if c is not comp]
    if comp.dep_ == "xcomp":
        # "urged supporters to monitor polling places", "called for contestants to wear
        # ...": who is to do it belongs to the clause.
        lead = [c for c in token.children if token.i < c.i < comp.i and (
            c.dep_ in ("dobj", "dative") or (c.dep_ == "prep" and c.lower_ in ("for", "on", "upon")))]
        if lead:
            first = lead[0]
            if first.dep_ == "prep" and any(c.dep_ == "pobj" for c in first.children):
                first = next(c for c in first.children if c.dep_ == "pobj")
            return _edges(t for c in (first, comp) for t in c.subtree)
    # "said that A, and that B": the parser hangs the second clause on the cue verb.
    more = [c for c in token.children if c.dep_ == "conj" and c.i > comp.i and (
            any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) or
            # ('said he had offers, but "the offers were ..."': a quotation goes on with it.)
            # (A cue inside the quotation is the speaker's own words: "... I did not feel".)
            any(t.is_quote for t in c.subtree) and not _has_cue(c, before_quote=True))]
    # "said he's leaning toward Kasich because he prizes ...": the parser hangs the reason
    # on the cue; it is part of what was said. (After a clause before the cue, only a reason:
    # in '"A," Clinton told reporters as she emerged from ...' or '..., Trump said, harping on
    # ...' the rest is how and when she said it.)
    reasons = [c for c in token.children if c.dep_ == "advcl" and c.i > comp.right_edge.i and not _has_cue(c)
               and (comp.i > token.i or any(m.dep_ == "mark" and m.lower_ in data["reason_marks"]
                                            for m in c.children))]
    # "..., to which O'Malley interjected: '...'": someone else's answer, not part of it.
    not_theirs = {t.i for c in comp.subtree if c.dep_ in ("advcl", "relcl") and _answer(c) for t in c.subtree}
    # "Obama said Burma's reforms were not complete, and human rights groups warned that ...":
    # a second speaker's attribution the parser hung on the reported clause is not part of it
    # (unless quotation marks run through it: then the speaker's own words say so; a
    # possessive's apostrophe is no quotation mark).
    if comp.dep_ == "ccomp" and not any(t.is_quote and t.dep_ != "case" for t in comp.subtree):
        for c in comp.children:
            if c.dep_ == "conj" and c.i > comp.i and _joined_sentence(c) and c.lemma_.lower() in data["all_verbs"] \
                    and not any(m.dep_ == "mark" for m in c.children):
                not_theirs |= {t.i for t in c.subtree} | {c.left_edge.i - 1, c.left_edge.i - 2}
    # "The ferry, the mayor said on Monday, will run again": the parser made the reported
    # clause's subject a second subject of the cue; it opens what was said.
    subjects = [c for c in token.children if c.dep_ == "nsubj" and c.i < token.i]
    opening = [subjects[0]] if len(subjects) == 2 and comp.i > token.i and comp.dep_ == "ccomp" and \
        token.doc[subjects[0].right_edge.i + 1].text == "," and \
        not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in comp.children) else []
    return _edges(t for c in [*opening, comp, *split, *more, *reasons] for t in c.subtree if t.i not in not_theirs)


def _elaboration(token, content: tuple[int, int]) -> tuple[int, int]:
    """ "Rubio is following a 3-2-1 strategy: Finish third in Iowa, ...": what follows a colon
    right after the content spells it out, to the sentence's end, wherever the parser hung it.
    Not when it holds an attribution of its own ("... because it is paying off: He said he has
    raised $100,000"): that one is reported for itself."""
    doc = token.doc
    colon = next((t for t in doc[token.i + 1:] if t.idx >= content[1]), None)
    if colon is None or colon.text != ":" or content[0] < token.idx:
        return content
    rest = doc[colon.i + 1:colon.sent.end]
    if any("\n" in t.text for t in rest) or any(
            t.pos_ == "VERB" and t.lemma_.lower() in cue_data()["all_verbs"] and
            any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children) for t in rest):
        return content
    end = _edges(rest)
    return content if end is None else (content[0], end[1])


def _coordinated_gerund(token, content: tuple[int, int]) -> tuple[int, int]:
    """ "pushed his promise of free college and forcing Wall Street to ...", "voting for Trump or
    sitting out the election": a gerund the parser coordinated with the cue right after its
    content goes on with the content - unless the cue is a gerund too (one act after another)
    or the gerund has a subject or an auxiliary of its own ("... and is tearing the GOP apart")."""
    if token.tag_ == "VBG":
        return content
    gerund = next((c for c in token.children if c.dep_ == "conj" and c.i > token.i and c.tag_ == "VBG" and not any(
        d.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for d in c.children)), None)
    if gerund is None:
        return content
    if token.doc.text[content[1]:gerund.left_edge.idx].strip().lower() not in ("and", "or", ", and", ", or"):
        return content
    return content[0], max(t.idx + len(t.text) for t in gerund.subtree)


def _prep_content(token) -> tuple[int, int] | None:
    """What a verb of `prep_verbs` reports through its preposition ("called for X", "talked
    about X", "voted in favor of X"); None when no preposition of its carries it."""
    data = cue_data()
    lemma = token.lemma_.lower()
    # "called for the president to resign": the parser reads "for" as a clause's mark.
    clause = next((c for c in token.children if c.dep_ == "advcl" and c.i > token.i and any(
        m.dep_ == "mark" and m.lower_ == "for" and m.i == c.left_edge.i for m in c.children)), None)
    if clause is not None:
        return _edges(t for t in clause.subtree if t.i != clause.left_edge.i)
    preps = set(data["content_preps"])
    if lemma in data["to_verbs"]:
        preps.add("to")
    if lemma in data["with_verbs"]:
        preps.add("with")
    if lemma in data["at_verbs"]:
        preps.add("at")
    if lemma in data["in_verbs"]:
        preps.add("in")
    if lemma in data["of_about_verbs"]:
        preps = {"of", "about"}
    # ("talking to voters about health care": the parser may hang "about" on the addressee.)
    # (Not "of": "spoke to a crowd of supporters" names the addressee.)
    addressed = [p for c in token.children if c.dep_ == "prep" and c.lower_ == "to" and "to" not in preps
                 for o in c.children if o.dep_ == "pobj" for p in o.children if p.dep_ == "prep" and p.lower_ != "of"]
    for prep in [*token.children, *addressed]:
        if prep.dep_ == "prep" and prep.i > token.i and prep.lower_ == "in" and any(
                o.dep_ == "pobj" and o.lower_ in ("favor", "favour", "support", "defense", "defence")
                for o in prep.children):
            # "voted in favor of joining Schengen", "spoke in support of the bill"
            return _edges(prep.subtree)
        if prep.dep_ != "prep" or prep.i < token.i or prep.lower_ not in preps:
            continue
        objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
        if not objects or objects[0].ent_type_ in ("DATE", "TIME") or \
                objects[0].lemma_.lower() in data["not_content"]:
            continue
        if prep.lower_ == "on" and lemma in ("speak", "talk", "appear") and (
                objects[0].ent_type_ in ("ORG", "WORK_OF_ART") or any(
                t.lemma_.lower() in data["not_content"] for t in objects[0].lefts)):
            continue  # a medium: "speaking on CNN", "on the radio show X", "on the cable channel X"
        return _edges(t for c in objects + _what_follows(token, prep) for t in c.subtree)
    return None


def _that_clause_in_circumstance(token) -> tuple[int, int] | None:
    """A "that" clause the parser hung inside a circumstance of the cue verb ``token``."""
    # "said in one of a series of messages that the truck was ...": the parser hung the
    # "that" clause on a noun of the circumstance.
    for clause in _in_circumstances(token):
        if _that_mark(clause) is not None:
            return _edges(clause.subtree)
        if clause.dep_ == "relcl" and clause.left_edge.lower_ == "that" and \
                clause.left_edge.dep_ == "advmod" and any(
                c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in _RELATIVE for c in clause.children):
            # ("said for the first time that some emails have been located": a clause with
            # a subject of its own is what was said, not the time's.)
            return _edges(t for t in clause.subtree if t.i != clause.left_edge.i)
    return None


def _surrounding_clause(token, comps, objects, skip: set[int]) -> tuple[int, int] | None:
    """For a cue with nothing of its own to report, the clause around it that it comments on:
    joined by a comma, "as X said", "..., police said.", a parenthetical."""
    data = cue_data()
    lemma = token.lemma_.lower()
    doc = token.doc
    if token.dep_ == "conj" and token.head.i < token.i and token.head.pos_ in ("VERB", "AUX") and \
            token.left_edge.i > 0 and doc[token.left_edge.i - 1].text == "," and \
            not any(c.dep_ in ("cc", "preconj") and c.i < token.i and not any(
                o.dep_ == "conj" and c.i < o.i < token.i for o in token.head.children)
                for c in token.head.children):
        # "This includes a special force, Defense Secretary Ash Carter told a Senate panel":
        # a cue joined to the clause before it by a comma alone reports that clause (not another
        # clause joined to it with a subject of its own: '"...," Mr. Daniloff, now 81 and retired
        # in Cambridge, said', where the parser joined "retired" and "said" to the quotation).
        own = {t.i for t in token.subtree} | {t.i for c in token.head.children if c.dep_ == "conj" and c.i < token.i
                                              and any(t.i in skip for t in c.subtree) for t in c.subtree}
        return _edges(t for t in token.head.subtree if t.i not in own and t.i < token.i and t.i not in skip)
    if (lemma in data["verbs"] or lemma in data["as_cues"]) and not comps:
        # "As a Politico reporter noted, he didn't even fill the place": the clause it hangs on
        # ("The ferry, as the mayor said, will run ...": in the middle, the clause around it).
        own = _as_aside(token)
        if own is not None:
            clause = [t for t in own.head.subtree if t.i not in skip and not own.left_edge.i <= t.i <= own.right_edge.i]
            if not any(t.i < own.left_edge.i and not (t.is_punct or t.dep_ == "cc") for t in clause):
                clause = [t for t in clause if t.i > own.right_edge.i]  # "But as X noted, ..."
            return _edges(clause)
        subject = max((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < token.i),
                      key=lambda c: c.i, default=None)
        if subject is not None and not objects and subject.left_edge.i > token.sent.start + 2 and \
                doc[subject.left_edge.i - 1].text == "," and all(
                    t.is_punct and t.text != ":" or t.dep_ in ("npadvmod", "advmod") or t.ent_type_ in ("DATE", "TIME")
                    for t in doc[token.i + 1:token.sent.end]):  # the cue ends the sentence (not "he said:")
            # "..., a girl was pepper-sprayed by a bystander, police said.", "The Internet has made
            # it possible for people ... to organize, she said.": what comes before the comma,
            # wherever the parser hung it (an adverbial clause of the cue, or the cue on it).
            return _edges(doc[token.sent.start:subject.left_edge.i - 1])
    if token.dep_ == "parataxis" and (token.head.pos_ in ("VERB", "AUX") or _parenthetical(token)):
        # Only the parenthetical itself is left out: "If the ferry stops, X said, ..." keeps the
        # "if" clause the parser hung on "said".
        start = min([token.i] + [c.left_edge.i for c in token.children if c.dep_ in ("nsubj", "nsubjpass")
                                 or c.dep_ in ("amod", "advmod", "npadvmod") and c.i == token.i - 1])
        own = {t.i for t in token.subtree if t.i >= start}
        clause = token.head
        if clause.dep_ in ("nsubj", "nsubjpass") and clause.head.i > token.i:
            clause = clause.head  # "The difference now, he told me, is that ...": hung on the subject
        return _edges(t for t in clause.subtree if t.i not in own and t.i not in skip)
    return None


def _as_aside(token):
    """The "as X said" aside the cue verb ``token`` heads, hung on a verb's clause - the verb
    itself ("as" its mark) or the "as" the parser made a preposition - or None. Only a finite
    verb of saying: "as it seeks new routes", "as Kazakhstan responding with ..." are none."""
    finite = token.tag_ in ("VBD", "VBZ", "VBP") or token.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lemma_ == "have" or c.dep_ == "agent"  # "as I've suggested", "as noted by X"
        for c in token.children)
    if token.lemma_.lower() not in cue_data()["as_cues"] or not finite:
        return None
    if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children):
        own = token
    elif token.head.lower_ == "as" and token.head.i < token.i and token.head.dep_ in ("prep", "mark", "advmod"):
        own = token.head
    else:
        return None
    return own if own.head.pos_ in ("VERB", "AUX") and own.head.i != own.i else None


def _view_content(token) -> tuple[int, int] | None:
    """For a verb of `as_verbs` / `clause_verbs`: "<sees> Clinton as the stronger candidate",
    "<feel> they have enough to do"; None for any other use ("saw a rise", "feel good")."""
    data = cue_data()
    lemma = token.lemma_.lower()
    if lemma in data["clause_verbs"]:
        clause = next((c for c in token.children if c.dep_ == "ccomp" and c.i > token.i), None)
        if clause is not None:
            return _edges(clause.subtree)
    if lemma in data["as_verbs"]:
        objects = [c for c in token.children if c.dep_ == "dobj" and c.i > token.i]
        # (After an agent the parser may hang "as ..." on it: "seen by some as a demotion".)
        agents = _by_whom(token)
        as_phrase = next((c for c in [*token.children, *(c for a in agents for c in a.children)]
                          if c.dep_ == "prep" and c.lower_ == "as" and c.i > token.i), None)
        if objects and as_phrase is not None:
            return _edges(t for c in (objects[0], as_phrase) for t in c.subtree)
        if objects and any(t.dep_ == "prep" and t.lower_ == "as" and t.head.lower_ != "such" for t in objects[0].subtree):
            return _edges(objects[0].subtree)  # the parser hung "as ..." inside the object
        patient = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
        if patient is not None and as_phrase is not None and any(c.dep_ == "agent" for c in token.children):
            # "she is seen by party leaders as credible": what the leaders see.
            return _edges(t for c in (patient, as_phrase) for t in c.subtree)
    return None


def _asked(token) -> tuple[int, int] | None:
    """What "Asked ..." asked: its clause ("if ...", "whether ...", "what ...", parsed as a
    complement or an adverbial clause) or what it was about."""
    question = next((c for c in token.children if c.i > token.i and (c.dep_ == "ccomp" or c.dep_ == "advcl" and any(
        m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in c.children))), None)
    answerer = next((c for c in (question.children if question is not None else []) if c.dep_ == "nsubj"
                     and c.i < question.i and c.left_edge.i > 0 and c.doc[c.left_edge.i - 1].text == ","), None)
    if answerer is not None and question.lemma_.lower() in cue_data()["all_verbs"]:
        # "When asked why, Sembler responded: ...": the answer, which the parser hung on
        # "asked", is not part of the question.
        return _edges(t for t in question.subtree if t.i < answerer.left_edge.i)
    return _edges(question.subtree) if question is not None else _content(token, set())


def _sourceless_passive(token) -> tuple[int, int] | None:
    """What a passive of `sourceless_passives` with no agent reports: its subject with the
    complement ("she ... to move swiftly", "Clinton ... as the favourite"); what someone was
    told, by no one named ("Sanders had been told that he would lose": the clause); or None."""
    data = cue_data()
    if token.tag_ != "VBN" or any(c.dep_ == "agent" for c in token.children):
        return None
    if token.lemma_.lower() in data["addressee_verbs"] - {"ask", "urge"} and \
            any(c.dep_ == "auxpass" for c in token.children):
        told = next((c for c in token.children if c.dep_ == "ccomp" and c.i > token.i), None)
        return _edges(told.subtree) if told is not None else None
    if token.lemma_.lower() not in data["sourceless_passives"]:
        return None
    # ("known for its focus on ...": what someone is known for is how they are seen.)
    preps = ("as", "for") if token.lemma_.lower() == "know" else ("as",)
    comp = next((c for c in token.children if c.i > token.i and (
        c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        or c.dep_ == "prep" and c.lower_ in preps)), None)
    if comp is None:
        return None
    if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN") and token.head.i < token.i:
        # "the string of contests known as Super Tuesday", "a community known to be ...":
        # the noun it qualifies (with the one that noun is "of"), up to what it is known as.
        noun = token.head
        while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head.head
        return _edges(token.doc[noun.left_edge.i:comp.right_edge.i + 1])
    subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    if subject is None or not any(c.dep_ == "auxpass" for c in token.children):
        return None
    return _edges(t for c in (subject, comp) for t in c.subtree)


def _brackets_around(token) -> tuple[int, int] | None:
    """The token positions of the parentheses the cue ``token`` stands in, within its sentence."""
    sentence = token.sent
    opened = next((t.i for t in reversed(sentence.doc[sentence.start:token.i]) if t.text in "()"), None)
    closed = next((t.i for t in sentence.doc[token.i + 1:sentence.end] if t.text in "()"), None)
    if opened is None or closed is None or token.doc[opened].text != "(" or token.doc[closed].text != ")":
        return None
    return opened, closed


def _parenthetical(token) -> bool:
    """Whether the cue's clause sits between commas: "The hashtag, Mr. Abboud said, ..."."""
    doc = token.doc
    left, right = token.left_edge.i, token.right_edge.i  # (the commas may be its own children)
    return (doc[left].text == "," or left > 0 and doc[left - 1].text == ",") and \
        (doc[right].text == "," or right + 1 < len(doc) and doc[right + 1].text == ",")


def _trailing_cue(token, content: tuple[int, int], inside: set[int]):
    """A cue verb with no subject of its own that the parser hung inside the content of
    ``token`` after it, as a conjunct ("... and warned X to ...") or a participle ("...,
    citing ..."), or None."""
    data = cue_data()
    for other in token.doc[token.i + 1:]:
        if not content[0] <= other.idx < content[1] or other.i in inside or other.pos_ != "VERB":
            continue
        if other.lemma_.lower() not in data["verbs"] | data["object_verbs"] or \
                other.left_edge.idx <= content[0]:
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in other.children):
            continue
        if other.dep_ == "conj" and other.head.pos_ in ("VERB", "AUX"):
            # A conjunct shares its head's subject: "it was opposed and warned" is the
            # speaker's ("it"), "the statement was significant and shows" the statement's.
            # (Unless its form is its head's and not the cue's: "Sanders said he's proud and
            # expects to ...", "said Obama is acting unlawfully and showing disregard" go on
            # with what was said; "China said it was opposed and warned" is China's again.)
            if other.tag_ != token.tag_ and other.tag_ == other.head.tag_:
                continue
            # (The cue's own verb again - "Sanders says the answer was X and says he ..." - is
            # the speaker's next report, whatever subject the parser shares with it.)
            if other.lemma_ == token.lemma_ and other.tag_ == token.tag_:
                return other
            shared = [c for c in other.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            # ("De Blasio said the move was made by X and said, ...": a move does not speak.)
            if not shared or shared[0].pos_ == "PRON" or shared[0].ent_type_ in ("PERSON", "ORG", "GPE", "NORP") \
                    or not _can_speak(shared[0]):
                return other
        elif other.dep_ == "advcl" and other.tag_ == "VBG" and (
                token.doc[other.i - 1].text == "," or  # ('could be "messy," adding, "..."')
                other.i > 1 and token.doc[other.i - 1].is_quote and token.doc[other.i - 2].text == ","):
            return other
    return None


def _someone_else_s_clause(token, content: tuple[int, int], inside: set[int]):
    """A clause closing the content of ``token`` that is another speaker's attribution, hung
    on the content by the parser: "X said A, while other voters said B", "she will vote for
    Sanders, who similarly blasts free trade", "criticized her email use, which an FBI
    investigation said was careless". Returns that clause's first token, or None. (Not a
    complement: "X said Y claimed Z" is X's report of Y's claim.)"""
    data = cue_data()
    for other in token.doc[token.i + 1:]:
        if not content[0] < other.idx < content[1] or other.i in inside or other.pos_ != "VERB" or \
                other.lemma_.lower() not in data["all_verbs"]:
            continue
        # (Only a contrast, a concession or an aside: "before he announced", "every time he
        # thinks", "he was frustrated when he called", "the shootings that Obama mentioned" are
        # part of what was said; "..., though public records indicate he did not own a home",
        # "even as officials railed ..." are not.)
        first = other.left_edge
        if not (other.dep_ == "advcl" and first.lower_ in ("while", "whereas", "though", "although", "even") or
                other.dep_ == "relcl" and first.i > 0 and first.nbor(-1).text == ","):
            continue
        subjects = [c for c in other.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects or not _can_speak(subjects[0]) and subjects[0].lower_ not in _RELATIVE:
            continue
        last = max(t.idx + len(t.text) for t in other.subtree)
        if first.idx <= content[0] or last < content[1] - 1:
            continue
        return first
    return None


def _stranded_clause(token, content: tuple[int, int]) -> tuple[int, int] | None:
    """``content`` run on through a relative or "that" clause of its last noun that the parser
    hung elsewhere ("respond to accusations that his backers are waging ...", "point to
    charities that fund ..."), or None when nothing is stranded."""
    doc = token.doc
    last = next((t for t in doc[token.i:token.sent.end] if t.idx + len(t.text) == content[1]), None)
    if last is None or last.i + 1 >= token.sent.end or last.pos_ not in ("NOUN", "PROPN"):
        return None
    opener = doc[last.i + 1]
    if opener.lower_ not in ("that", "which", "who"):
        return None
    top = opener
    while top.head.i != top.i and top.head.i > last.i:
        top = top.head
    if top.left_edge.i != opener.i or top.i in {a.i for a in token.ancestors} | {token.i} or \
            top.lemma_.lower() in cue_data()["all_verbs"]:
        return None
    end = _edges(doc[opener.i:top.right_edge.i + 1])
    return (content[0], end[1]) if end else None


def _predicate_content(token) -> tuple[int, int] | None:
    """What an attitude predicate is about: its clause ("sure that ...", "determined to ...",
    "not sure if ...") or its prepositional object ("critical of ...", "worried about ...")."""
    data = cue_data()
    clauses = [c for c in token.children if c.dep_ in ("ccomp", "xcomp") and c.i > token.i]
    if clauses:
        return _edges(clauses[0].subtree)
    for prep in token.children:
        if prep.dep_ == "prep" and prep.i > token.i and prep.lower_ in data["predicate_preps"] and not _circumstance(prep):
            return _edges(o for c in prep.children if c.dep_ in ("pobj", "pcomp") for o in c.subtree)
    return None


def _noun_cue(token, inside: set[int]):
    """(speaker token, content range) for a noun cue: "Trump's claim that ...", "her
    promise to ...", "a call by X for ...", "X voiced concern that ..."; (None, None) when
    the noun has no one holding it or nothing it is about."""
    data = cue_data()
    if token.lemma_.lower() in data["group_nouns"]:
        # ("received more support from the youth": the group may hang on the verb.)
        holders = [*token.children, *(token.head.children if token.dep_ == "dobj" else [])]
        group = next((o for c in holders if c.dep_ == "prep" and c.lower_ in ("among", "from") and c.i > token.i
                      for o in c.children if o.dep_ == "pobj" and o.i not in inside), None)
        if group is not None:
            backed = next((o for c in token.children if c.dep_ == "prep" and c.lower_ == "for"
                           for o in c.children if o.dep_ == "pobj"), None)
            if backed is not None:
                return group, _edges(backed.subtree)
            backed = next((c for c in token.children if c.dep_ == "poss" and c.i not in inside), None)
            if backed is not None:
                return group, _edges([backed])
            if token.dep_ == "dobj":
                _, backed = _subject(token.head, inside)  # (the mention: "Pence, who has support")
                if backed is not None:
                    return group, _edges([backed] if backed.lower_ in _RELATIVE else backed.subtree)
        if token.lemma_.lower() not in data["nouns"]:
            return None, None  # ("has the backing of X": X backs)
    # (The parser often makes "a report that the mine would close" a relative clause.)
    clauses = [c for c in token.children if c.dep_ in ("acl", "ccomp", "relcl") and c.i > token.i and (
        any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) or
        any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))]
    if not clauses and token.dep_ == "dobj" and token.head.lemma_.lower() in data["light_verbs"]:
        # "has been making the case for weeks that ...": the clause hung on the verb.
        clauses = [c for c in token.head.children if c.dep_ == "ccomp" and c.i > token.i and
                   any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
    if clauses:
        content = _edges(clauses[0].subtree)
    else:
        preps = [c for c in token.children if c.dep_ == "prep" and c.i > token.i and c.lower_ in data["noun_preps"]
                 and any(o.dep_ in ("pobj", "pcomp") and o.ent_type_ not in ("DATE", "TIME")
                         and o.lemma_.lower() not in data["not_content"] for o in c.children)]
        if not preps:
            return None, None
        content = _edges(o for c in preps[0].children if c.dep_ in ("pobj", "pcomp") for o in c.subtree)
    subject = next((c for c in token.children if c.dep_ == "poss" and c.i not in inside), None)
    if subject is None:  # "a claim by Trump", "criticism from rivals that ..."
        subject = next((o for c in token.children if c.dep_ == "prep" and c.lower_ in ("by", "from")
                        for o in c.children if o.dep_ == "pobj" and o.i not in inside), None)
    if subject is None:  # "a Reuters report that ...", "a New York Times report that ..."
        subject = next((c for c in token.children if c.dep_ == "compound" and c.i < token.i and c.i not in inside
                        and c.ent_type_ in ("ORG", "PERSON", "GPE", "NORP")), None)
    if subject is None and token.dep_ == "dobj" and token.head.lemma_.lower() in data["light_verbs"]:
        subject, _ = _subject(token.head, inside)  # "X voiced concern that ..."
    return subject, content


def _before_phrase(text: str, at: int, start: int) -> int:
    """Where a content that runs on into the phrase at ``at`` ends: before it and the comma."""
    while at > start and text[at - 1] in " ,":
        at -= 1
    return at


def _without_attribution(sentence, speaker) -> tuple[int, int] | None:
    """Character range of a sentence minus its "according to X" part."""
    text = sentence.text
    offset = sentence.start_char  # paragraph coordinates, like ``speaker``
    low = text.lower()
    for phrase in cue_data()["phrases"]:
        at = low.find(phrase)
        if at < 0:
            continue
        cut_end = speaker[2] - offset
        # Through the end of the attribution's own clause: up to the next comma.
        comma = text.find(",", cut_end)
        lead = text[:at]
        if at <= 2 or lead.rstrip().endswith((":", "—", "–", " -")) or re.fullmatch(
                r"\s*(?:(?:and|but|yet|so|however|also|still|now|then|meanwhile|indeed|in fact)\W*\s*)+", lead, re.I):
            # At the start of its clause ("According to X, ...", "But according to X, ...",
            # "... unnoticed: According to X, ..."): the rest after the comma is the content.
            start = comma + 1 if comma != -1 else cut_end
            # "According to X, an expert at Y, <content>", "According to X, reports from Y,
            # <content>": skip the appositive too - a common noun's phrase without a verb before
            # another comma (not a clause, "According to X, the ferry will run again, the first
            # time in years"; not a name, "Cheryl Mills, a top aide, sent ..."; not a list's
            # first item, "voters in Alabama, Georgia and Ohio want ...").
            second = text.find(",", start)
            words = [t for t in sentence if start <= t.idx - offset < second]
            if second != -1 and words and words[0].pos_ in ("DET", "NOUN") and words[0].text.islower() and \
                    not any(t.pos_ in ("VERB", "AUX") for t in words) and \
                    not re.match(r"\s*[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*(?:,| and )", text[second + 1:]):
                start = second + 1
            while start < len(text) and text[start] == " ":
                start += 1
            end = len(text.rstrip())
            while end > start and text[end - 1] in ".,;:":
                end -= 1
            return (offset + start, offset + end) if end > start else None
        end = _before_phrase(text, at, 0)
        opened = text.rfind("(", 0, at)
        if opened > text.rfind(")", 0, at) and text.find(")", at) != -1:
            # "... victims (the actual number is closer to 15 percent, according to
            # Factcheck.org). He ...": inside parentheses, what they hold is the content.
            start = opened + 1
            while start < end and text[start] == " ":
                start += 1
            return (offset + start, offset + end) if end > start else None
        after = text[comma + 1:].strip().rstrip(".") if comma != -1 else ""
        if text[:at].rstrip().endswith(",") and len(after.split()) >= 3:
            # "Putin, according to Chinese journalists, is displeased with ...": the
            # attribution interrupts its content, which is the whole sentence around it.
            end = len(text.rstrip())
            while end > 0 and text[end - 1] in ".,;:":
                end -= 1
        return (offset, offset + end) if end > 0 else None
    return None
