"""Facts: whether two sentences alike in words tell two facts all the same.

Compose leaves out a candidate that restates a point already chosen (close in words, sharing a
phrase). Some sentences are close in words and still tell another fact; leaving them out hides
news (the trip made, not only announced) or a disagreement. ``distinct_facts`` says why two
sentences tell two facts, where they meet (the clause of each sharing most words with the
other):

- another day: each names the day or date of what it tells, and they share none (the day a
  source reports on, "officials said Monday", dates the report, not the fact);
- plan and deed: one tells only what is to happen ("will travel", "prepares to debate"), the
  other only something done ("flew", "voted");
- nothing in common but who tells it: once attribution runs ("said FAA spokesman Les Dorr")
  and titles are set aside, at most one common word and one name are shared.

Read against every restatement dropped in the 180 evaluation clusters (DUC 2003, DUC 2004, the
Multi-News sample) with a generic config: of 547 candidates reaching the test, about 90 are
now kept, nearly all distinct facts.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from .corroborate import Figure, figures, reported_on
from .text import MONTHS, SAYING_VERBS, WEEKDAYS, content_stems, deeds, words


def event_days_where_they_meet(text: str, other: str) -> frozenset[object]:
    """The days and dates ``text`` gives for what it tells, in its clause meeting ``other``."""
    return _event_days(_meeting(text, content_stems(other)))


def distinct_facts(text: str, other: str) -> str | None:
    """Why two sentences alike in words tell two facts, if they do:

    - ``"days"``: where they meet (the clause of each sharing most words with the other),
      each names the day or date of what it tells, and no day of one is a day of the other
      ("flew to Damascus on Sunday" / "talks in Damascus on Tuesday"); the day a source
      reports on ("officials said Monday") dates the report, not the fact;
    - ``"tense"``: where they meet, one tells a plan and nothing done ("will travel", "is
      expected to arrive", "prepares to debate whether to open"), the other something done
      and no plan ("flew", "arrived");
    - ``"gist"``: leaving out who tells it ("Carla Mendes said", "a top official said
      Saturday") and titles, they share at most ``GIST_SHARED`` common word and as many
      names: a speaker, a place or a topic word ("workers") is not a fact.
    """
    mine = _meeting(text, content_stems(other))
    theirs = _meeting(other, content_stems(text))
    days, other_days = _event_days(mine), _event_days(theirs)
    if days and other_days and days.isdisjoint(other_days):
        return "days"
    if {_tense(mine), _tense(theirs)} == {"plan", "done"}:
        return "tense"
    if _headline(text) or _headline(other):
        return None  # every word capitalised: names cannot be told from the rest
    (common, named), (other_common, other_named) = _gist(text, other), _gist(other, text)
    if len(common & other_common) <= GIST_SHARED and len(named & other_named) <= GIST_SHARED:
        return "gist"
    return None


def _headline(text: str) -> bool:
    """Whether most words of a sentence are capitalised, as in a headline."""
    found = words(text)
    return sum(1 for w in found if w[:1].isupper()) > len(found) / 2


GIST_SHARED = 1


def rounded(a: Figure, b: Figure) -> bool:
    """Whether one value is the other rounded to the places it gives, in the same scale
    ("$57 million" for "$57.1 million")."""
    written_a, written_b = _WRITTEN.search(a.text), _WRITTEN.search(b.text)
    if not (written_a and written_b and isinstance(a.value, float)):
        return False
    number_a = float(written_a.group(0).replace(",", ""))
    number_b = float(written_b.group(0).replace(",", ""))
    if not (number_a and number_b and isinstance(b.value, float)):
        return False  # in words ("six"): never rounded
    if a.value / number_a != b.value / number_b:
        return False  # another scale
    places = min(len(written_a.group(1) or ""), len(written_b.group(1) or ""))
    step = Decimal(1).scaleb(-places)  # half up, as writers round: 1.25 -> 1.3, 2.5 -> 3
    exact_a = Decimal(written_a.group(0).replace(",", "")).quantize(step, ROUND_HALF_UP)
    exact_b = Decimal(written_b.group(0).replace(",", "")).quantize(step, ROUND_HALF_UP)
    return exact_a == exact_b


_WRITTEN = re.compile(r"\d[\d,]*(?:\.(\d+))?")
# Figures that are facts of their own (as ``corroborate.adds_figure`` counts them): a count, a
# share, a sum; not a time.
FACT_KINDS = frozenset({"count", "percentage", "amount"})
WHEN_KINDS = frozenset({"day", "date"})
_CLAUSE = re.compile(r"[^,;:()—–_]+")


def _meeting(text: str, other: frozenset[str]) -> str:
    """The clause of ``text`` sharing most content words with the other sentence (``other``:
    its stems), the first of the best."""
    clauses: list[str] = _CLAUSE.findall(text) or [text]
    return max(clauses, key=lambda clause: len(content_stems(clause) & other))


def _event_days(text: str) -> frozenset[object]:
    """The weekdays and calendar dates a sentence gives for what it tells (not for the report)."""
    return frozenset(
        f.value
        for f in figures(text)
        if f.kind in ("day", "date")
        and not (f.kind == "day" and reported_on(text, f, then_what=True))
    )


# A plan: what is to happen. "would" too: reported ("said he would resign") or conditional. A
# bare "is to" only after its subject's name or a pronoun ("Mubarak is to travel"; not "the
# goal was to favor").
_PLAN = re.compile(
    r"\b(?:will|shall|would|won['’]t|wouldn['’]t|"
    r"(?:is|are|was|were|be|been)\s+(?:not\s+)?(?:due|set|scheduled|expected|going|supposed|"
    r"planning|preparing)\s+to|"
    r"(?:(?-i:[A-Z])[\w’'-]*|he|she|they|we|it)\s+(?:is|are|was|were)\s+to|"
    r"plans?\s+to|planned|planning|intends?\s+to|expects?\s+to|prepares?\s+to|upcoming|"
    r"expected|scheduled|proposed)\b"
    r"|\w+['’]ll\b",
    re.IGNORECASE,
)
_TITLES = frozenset(
    "president minister spokesman spokeswoman spokesperson official officials chairman "
    "chairwoman secretary leader chief premier governor senator sen rep gen mr mrs ms dr "
    "reporters journalists".split()
)
_WHEN_WORDS = frozenset((*WEEKDAYS, *MONTHS))
_IF_CLAUSE = re.compile(r"\bif\b[^,;.]*", re.IGNORECASE)


def _tense(text: str) -> str | None:
    """``"plan"`` for a sentence telling only what is to happen, ``"done"`` for one telling
    something done and no plan, else ``None``. Past tenses of attribution ("said") and of a
    condition ("if he lost") are not something done."""
    told = _IF_CLAUSE.sub(" ", text)
    plan = _PLAN.search(told) is not None
    without_plans = _PLAN.sub(" ", told)
    done = bool(deeds(without_plans))
    if plan and not done:
        return "plan"
    if done and not plan:
        return "done"
    return None


def _gist(text: str, other: str) -> tuple[frozenset[str], frozenset[str]]:
    """What a sentence tells, leaving out who tells it: the content stems of its common words
    and, apart, of its names (capitalised words but a first one the other sentence does not
    give as a name; days and months are common words here), once its attribution runs
    ("said FAA spokesman Les Dorr", "Dr. Steven Nissen, a cardiologist at the Cleveland
    Clinic, said", "according to police") and titles are taken out."""
    told = _ATTRIBUTION.sub(" ", text)
    names = {w for w in words(other)[1:] if w[:1].isupper()}
    common, named = [], []
    for n, word in enumerate(words(told)):
        if word.lower() in SAYING_VERBS or word.lower() in _TITLES:
            continue
        if word[:1].isupper() and (n > 0 or word in names) and word.lower() not in _WHEN_WORDS:
            named.extend(word.split("-"))
        else:
            common.append(word)
    return content_stems(" ".join(common)), content_stems(" ".join(named))


# Who tells it: a verb of saying with the capitalised run, title or "a/the ... official" right
# after it, or a capitalised run (with an appositive between commas) right before it.
_SAY = (
    r"(?:said|says|say|told|tells|added|adds|according\s+to|reported|reports|stated|"
    r"announced|confirmed|insisted|noted)"
)
_TITLE_WORDS = r"(?:official|officials|spokesman|spokeswoman|police|reporters|journalists)"
_WHO = rf"(?:(?:[A-Z][\w.’'-]*|a|an|the|of|for|and)\s+)*[A-Z][\w.’'-]*(?:\s+{_TITLE_WORDS})?"
_ATTRIBUTION = re.compile(
    rf"\b{_SAY}\s+(?:(?:a|an|the|its|his|her|their)\s+)?(?:[\w’'-]+\s+){{0,3}}?"
    rf"(?:[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*(?:\s+{_TITLE_WORDS})?|{_TITLE_WORDS}\b)"
    rf"|\b{_WHO}(?:,[^,]{{1,80}},)?\s+{_SAY}\b"
)
