"""Quotes: who said what, from a dependency parse and the quotation marks.

Four kinds:

* **direct** - a quoted passage that is the sentence's content ("..." Tokayev said);
* **partial** - quoted words inside reported speech: the whole reported clause is the
  quote (saying the border has been "largely demarcated");
* **indirect** - reported speech without marks ("X said that ...", "The economy is
  growing, the minister said", "X denied the report", "X talked about ...",
  "according to X, ...");
* **stance** - what someone is said to back, oppose, weigh or do, where no cue of the
  lexicon reports it ("Republicans wondering about his ability to continue", "Gowdy
  promises a report"): objects of verbs and nouns with a holder, kept when a model trained
  on PolNeAR finds them likely (``stances``). Never grouped across outlets.

Every cue verb of a sentence counts (lists in ``data/cues.toml``), not only the first:
its content is its clausal complement on either side of it, or - for some verbs - its
object with what follows it, or its prepositional object; an attribution inside another's
content is not a second one ("Clinton said Trump claimed ..." is Clinton's). Beliefs,
intentions and stances count too, as attribution corpora annotate them: verbs ("X wants
to ...", "X knows that ..."), nouns with a holder ("Trump's claim that ...", "her promise
to ...", "X voiced concern that ..."), predicates ("X is sure that ...", "X was critical
of ...", "X is an opponent of ..."), and the writer's "The race appears closer" or "Voters
appear fatigued", which have no speaker, like "X is reportedly planning ..." and "X had been
told that ...". Speakers come from the cue verb's subject (or the passive's agent, the
inverted subject of '"...," said X', the subject of the verb a "saying"/"and said"/"who
said" hangs from), "according to X", a label
("PENCE: ...", "Poll: ..."), a dash after the quote ('"..." ― Name'), or - for a run of
quoted sentences - the speaker of the quote before; "He said:" at a paragraph's end
gives the next paragraph. Pronouns ("he said") resolve to the last one quoted or named
before them that they can mean: "she" not to someone the article calls "Mr." or
"spokesman", nor to a plural group; "they" only to a group or body, never to one person
(read from the article only; no gender is guessed from first names); "it" only to the
organisation or country that is the subject just before it. A description by role ("the
congressman said", "the Texas governor said") resolves to the last person named before it
with that role in their own title or apposition ("Rep. Anthony Weiner", "Texas Gov. Rick
Perry"), and to no one when a person named in between has no role the article gives.
``extract_attributions`` also gives where the speaker is mentioned in the attribution
itself ("he"), which attribution corpora annotate.

Quote marks of every common kind are handled (straight, curly, guillemets, low-9, two
apostrophes), and a quote that runs over paragraphs (no closing mark at a paragraph's end,
an opening one at the next) is one quote, as is a quote interrupted by its attribution,
mid-sentence ('"A," she said, "b."') or between sentences ('"A," she said. "B."', '"A?" he
asked on "Meet the Press." "B."', also when B, with no attribution of its own, opens the next
paragraph; not when the sentence between reports more: '"A," she said, adding that ... "B."').
What the speaker says inside the interruption ('"A," he said, referring to X. "B."') is a
quote of its own. A closing mark typed as an opening one ('... born.“') closes. Headlines
in title case are parsed in lower case, so that their verb is seen ("Lawmakers Rip Trump
As ..."); in headline-ese the tagger still misreads ("Clinton blasts Trump over ...":
"blasts" a noun, "Trump" the verb), a present-tense cue splits who from what.

The package, in the order a sentence goes through it:

* ``lexicon`` - the cue lists of ``analyse/data/cues.toml``;
* ``marks`` - the spans inside quotation marks;
* ``speakers`` - a cue's subject, its name, and what "he", "they" or "it" stands for;
* ``content`` - what a cue reports, however the parser hung it;
* ``cues`` - every attribution of a sentence (``_Cue``), from cue words and set phrases;
* ``extract`` - quoted passages matched with attributions, and the public entry points.

The modules share their ``_``-prefixed helpers with one another; only the names below are
for use outside the package.

Measured on PolNeAR with ``bench/quotes.py`` (see bench/README.md).
"""

from .extract import extract_attributions, extract_quotes, quote_pieces
from .lexicon import cue_data
from .marks import quoted_spans

__all__ = ["cue_data", "extract_attributions", "extract_quotes", "quote_pieces", "quoted_spans"]
