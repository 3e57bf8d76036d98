"""Quotes stage: the direct quotations that matter, each with its speaker and every outlet that
carried it.

Runs after merge, on every sentence of every article (a quotation is often in a sentence that
can never be a point: one that opens on "he said", or a bare quotation). ``find_quotes`` returns
every key quote, best first; compose keeps the first ``summarizer.max_quotes``.

1. **Find** each passage between double quotation marks, straight or curly, in the kept
   paragraphs (furniture is never quoted). A passage may run over several sentences; one left
   open at the end of its paragraph runs to the paragraph's end (the next paragraph, opening
   on a quotation mark, goes on with it). Its text is the words between the marks, verbatim,
   with the comma that closes a quoted clause left out.
2. **Attribute** it, most reliable first:

   - ``sentence``: the words right after it (``"...," Putin said.``, ``said Kremlin spokesman
     Dmitry Peskov``, ``said the commander, Gen. Huseyin Kivrikoglu`` (the name, not the
     description), ``according to X``; the one quoted, never the paper that quoted them:
     ``X was quoted as saying``, ``El Mundo quoted X as saying``, ``Tass quoted him as
     saying`` with "him" resolved as "he" is), or the verb that introduces it in its own
     sentence (``Trump wrote on Truth Social: "..."``, ``X, stressing: "..."``, ``X called it
     a "..."``, ``X: "..."``), or, when nothing before it does, a reporting clause closing
     the sentence (``"..." and the army's reactions bear watching, Castro said.``). A verb in
     another clause after the quotation (``"...," a habit that began before X dismissed
     them``), a passive (``X was charged with "..."``), a letter someone else sent (``X said
     Y sent a letter, saying "..."``), a fragment after "that" under a verb itself reported
     (``X said Y agreed that "..."``: the reporter's account of it) or a name that belongs
     to a place or a body (``X of River Vale, New Jersey,``; ``the group Remera``) names no
     speaker;
   - ``continued``: a bare quotation right after another quotation, whose speaker goes on
     (not after a question put to someone: '"...?" a reporter asked Holt.'), or the second
     half of an interrupted quotation, when nothing but the first half's attribution stands
     between them (``"...," Smith said. "..."``, ``"...," said Smith, "..."``);
   - ``neighbour``: a bare quotation after a sentence in which someone speaks ("Zelenskyy said
     on X."), or before a short one that says who spoke;
   - ``pronoun``: "he said"/"she said", only when the sentences just before name exactly one
     person, no one else ("the minister", another name, a name doing something: "after Jiang
     delivered a speech") is in sight, that person does nothing to another man or woman ("X
     gave her a second chance"), and nothing known about that person contradicts the pronoun:
     a title ("Mr."), a role in an apposition ("Lund, the plant's spokesman,"), a clause right
     after the name ("Hickey, who lives with his parents," is no "she"), or a quotation the
     article gave them with the other pronoun (unless it gives the surname to two people).
     Anyone else merely in sight further back is not counted: on DUC 2003/2004 and Multi-News
     nearly every such "he" is the one named just before.
     A role in an apposition is the person named ("Ricardo Ribeiro, a political consultant,");
     a role before a title and a name is that name ("Supreme leader Ayatollah Ali Khamenei").
     No other person, unless the story names them as one elsewhere: the words before a title
     ("National Security Adviser Sandy Berger"), a firm after a role and "at" or "with" ("an
     analyst with Goldman Sachs"), a people or party in the plural ("Republicans", "North
     Koreans"), and a name of two words the story writes after "in" ("in Phnom Penh"), a
     place unless a title or its last word alone doing something ("Sen said") says otherwise.
     Otherwise the speaker stays unknown: never a guess.

   A speaker is a name (shown in the fullest form its article uses for that person, "Dmitry
   Peskov" for "Peskov", when no other person shares the surname there; "Mrs. Yeltsin" stays
   so where the article also writes "Yeltsin" alone, for her husband), an institution ("the
   Kremlin") or a description the source gives ("a senior official"). The sentences that name
   the speaker are kept as evidence.
3. **Merge** the same quotation carried by several outlets (word for word after folding case,
   punctuation and contractions, one outlet's part of it counting as the same quotation, a
   word in ten different allowed, none under ten words) into one quote that cites every
   source. A part must be somebody's words, not a common phrase ("be kind to one another").
   When outlets name different people, the speaker is left out ("disputed"); an outlet
   carrying only a small part (under a third, or any part of a quotation that quotes someone
   in turn) cannot name the speaker of the whole.
   A quotation and the ones going on with it (``continued`` above: the next sentence that is
   a quotation only, or the second half of an interrupted one, a title such as "Meet the
   Press" in the attribution between them aside) are one quote, their words joined by
   ``CONTINUATION_JOINER``: the second half alone may say the opposite of the whole ("Guns
   are what people are using" ... "But violence is our problem"). Such a quote cites, part by
   part, only the outlets printing every part; no part is a quote of its own.
4. **Rank**: a quote needs ``MIN_WORDS`` words and must not read like a title (short quoted
   terms, scare quotes and names of works are not key quotes). A piece of a sentence (opening
   in lower case) must read on its own: opening on a subject, a noun phrase or a clause, not
   on a verb whose subject the writer left outside the marks ('Moussa said Mubarak "will
   head ... to Syria"' is not Moussa travelling). Its score grows with the number
   of independent reports carrying it (an article and its copies count once; every outlet is
   still cited) and with how central its words are to the story (their overlap with
   the ranked statements of the merge stage); quotes whose speaker is not named count less, and
   each quote by a speaker already chosen a little less again, so that the section is not one
   voice only. Ties are broken by position, then id.
"""

from __future__ import annotations

import difflib
import heapq
import math
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, NamedTuple

from .models import Article, Citation, Cluster, Quote, Sentence, cite
from .text import WEEKDAYS, content_stems, stop_words, words

if TYPE_CHECKING:  # corroborate reads quotation marks with this module's quotation_spans
    from .corroborate import Copy

# A key quote has at least this many words: "ceasefire", "special military operation" and other
# quoted terms are not quotes (tuned on the example corpus and DUC 2004: 6 keeps "Europe is
# actually confronting us very openly", leaves out "first step, but not enough").
MIN_WORDS = 6
# A quotation opening in lower case is a piece of a sentence worked into the writer's own: it
# needs more words to say something ("in accordance with the laws in force" does not).
MIN_FRAGMENT_WORDS = 8
# A part of a quotation this long, carried by another outlet, cites that outlet too (the
# shortest partial quotation of the example corpus that matters has 7 words).
MIN_CARRIER_WORDS = 5
# A part of a longer quotation carried by another outlet needs this many words, and this many
# distinct ones that are not stop words, to be that quotation: "be kind to one another", "it's
# a funny situation" could be anybody's words; "No help. No police. No firemen" is somebody's.
MIN_PART_WORDS = 6
MIN_CONTENT_WORDS = 2
# A short quotation ("It's supposition," Campbell said.) is no key quote, but the speech the
# next quotation goes on with.
_SPEECH_MIN_WORDS = 3
# How much of the shorter quotation must be found, in order, inside the longer one for both to
# be the same quotation (a word or two may differ: "Zelensky"/"Zelenskyy", "12"/"12th").
SAME_QUOTE_COVERAGE = 0.85
# A quotation and the quotations going on with it ('"...," X said. "..."') are one key quote,
# their words joined by this: an ellipsis for the writer's words left out between them.
CONTINUATION_JOINER = " … "
# A part of a quotation this large (a share of its words), carried by another outlet, may
# name its speaker (a third: outlets often quote the first or last sentence of three).
PART_SPEAKS = 1 / 3
# Scoring: each further outlet raises the score by this much; a quote without a named speaker
# is worth this much of one with; each quote already chosen from the same speaker lowers it.
SUPPORT_WEIGHT = 0.5
UNNAMED_WEIGHT = 0.8
UNKNOWN_WEIGHT = 0.5
SAME_SPEAKER_WEIGHT = 0.8
# A pronoun is resolved only from the sentences this close before it.
PRONOUN_REACH = 3
# Words after the verb of an attribution that interrupts a quotation: where, when, to whom
# ('"...," Smith said in an interview on Tuesday, "..."' has 5); after a verb that comes first,
# the speaker's name and an apposition ("said David Guercio, 49, a neighbor walking by the
# house Saturday," has 11). A safety bound: on DUC 2003/2004 and Multi-News the longest were
# 3 ("Tutu later told The Associated Press.") and 12.
_INTERRUPTION_WORDS = 6
_INTERRUPTION_SPEAKER_WORDS = 15

_OPENING = "“„"
_CLOSING = "”"
_MARK = re.compile(r"[\"“”„]")
# A quotation inside a quotation: a single quote that is no apostrophe inside a word ("it's"),
# a guillemet, or a double mark left inside.
_INNER_MARK = re.compile(r"[‘`\"“”„«»]|(?<![^\W\d_])['’]|['’](?![^\W\d_])")
_TOKEN = re.compile(
    r"(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Prof|Rev|Adm|Maj|Jr|Sr)\.(?=\s)"
    r"|[A-Z](?:\.[A-Z])+\.?"
    r"|[A-Z]\.(?=\s+[A-Z])"  # an initial: George W. Bush
    # A web address is one word: "the founder of kidsandcars.org, says" ends no clause.
    r"|[^\W_]+(?:\.[^\W_]+)*\.(?:com|org|net|gov|edu|co\.uk|info)\b"
    r"|[^\W_]+(?:['’\-][^\W_]+)*(?:['’](?=\s|$))?"
    r"|[,;:.!?()—–]"
)
_QUOTE = "\x00"
# A capitalized word inside a sentence (after a word and a space, or a comma): a name.
_INSIDE_CAPITALIZED = re.compile(r"(?<=[\w,;\"”] )([A-Z][\w’'\-]*?)(?:['’]s)?\b")

# Verbs of speech. Verbs as often about something else ("reflected", "maintained", "pleaded",
# "exploded", "advised") are left out: before a quotation the nearest such verb would hide the
# one that is speech ('Holt said the closure reflected "..."': Holt speaks).
_FINITE = frozenset(
    """said says told tells added adds stated states declared declares wrote writes posted
    tweeted insisted insists argued argues warned warns noted notes explained explains
    remarked affirmed replied replies responded claimed claims announced continued asserted
    asserts stressed stresses emphasized emphasised urged acknowledged admitted conceded
    complained promised pledged vowed predicted suggested recalled agreed denied observed joked
    quipped lamented boasted cautioned countered confirmed reiterated mused shouted exclaimed
    testified recounted wondered asked asks demanded charged accused called calls described
    describes dubbed termed referred branded labelled labeled hailed praised criticized
    criticised dismissed slammed blasted blamed thanked cited concluded concludes proclaimed
    pronounced sighed marveled marvelled muttered mutters whispered yelled screamed retorted
    cried""".split()
)
_PARTICIPLES = frozenset(
    """saying telling adding stating declaring writing posting tweeting insisting arguing
    warning noting explaining remarking affirming replying responding claiming announcing
    asserting stressing emphasizing emphasising urging acknowledging admitting conceding
    complaining promising pledging vowing predicting suggesting recalling calling describing
    dubbing terming referring branding labelling labeling hailing praising criticizing
    criticising dismissing accusing blaming asking demanding""".split()
)
# Between a subject and its verb: "Putin also said", "Hun Sen on Friday rejected".
_BETWEEN = frozenset(
    """also later then again further previously repeatedly earlier once recently reportedly
    simply just only even still separately publicly privately has had have was were is would
    will could might may has himself herself itself themselves late early on last this that
    night morning afternoon evening week weekend monday tuesday wednesday thursday friday
    saturday sunday today yesterday tonight""".split()
)
_INTRO = frozenset(
    """after before following accompanying during despite in on at as when while although
    though asked speaking addressing last earlier later meanwhile however yet but and also
    separately still instead then now today yesterday previously responding writing reacting
    since with without under by for from of to amid""".split()
)
# Verbs that report speech and nothing else: a closing ", the agency said." attributes the
# whole sentence.
_REPORTING = frozenset(
    """said says told tells added adds stated states declared declares wrote writes noted notes
    explained explains insisted insists argued argues warned warns recalled reported replied
    responded countered asserted affirmed confirmed reiterated claimed announced stressed
    emphasized emphasised acknowledged admitted conceded observed predicted continued""".split()
)
# Words that follow the subject of a verb, or are one: "according to Handy also created".
_VERBISH = frozenset(
    """also has had have was were is are would will could might may can later then again
    further previously repeatedly reportedly simply just only even still""".split()
)
# Words passing on someone else's words: "Holt said, quoting the engineer: "..."".
_RELAYING = frozenset("quoting citing".split())
# Words of a charge: a quotation completing one ("on suspicion of "..."") gives the charge's
# words.
_CHARGE_WORDS = 4  # how near before a quotation a word of a charge governs it
_ACCUSING = frozenset(
    """suspicion suspected accused accusation accusations charged charge charges convicted
    conviction indicted indictment alleged allegation allegations guilty""".split()
)
# A question put to someone ('"...?" a reporter asked Holt.'): the next words may be the
# answer, someone else's.
_QUESTIONS = frozenset("asked asks".split())
# Before a past participle, a passive: "was charged with".
_BE_FORMS = frozenset("was were is are be been being".split())
_ADVERBS = frozenset("also later then again further previously repeatedly reportedly".split())
# Words that open a clause: what follows them is no longer the phrase before.
_CLAUSE_WORDS = frozenset(
    """that which who whom whose when while before after because if as since until where and
    but or whether though although""".split()
)
_WEEKDAYS = frozenset(WEEKDAYS)
_CALENDAR = _WEEKDAYS | frozenset(
    "january february march april june july august september october november december".split()
)
_PARTICLE_NAME = re.compile(r"^(?:al|el|bin|ibn|abu|de|di|da|van|von|le|la)-[A-Z]")
# "Sen. Mike Lee, R-Utah, said": a party and a state, not a name.
_PARTY_TAG = re.compile(r"^[RDI]-[A-Z]")
_DETERMINERS = frozenset(["the", "a", "an"])
_PARTICLES = frozenset("de da di del der van von bin ibn al el la le dos das du".split())
# Words that, written with a capital, introduce a name rather than being one.
_TITLES = frozenset(
    """president vice prime minister chancellor secretary foreign defense defence finance
    interior state deputy general colonel major captain admiral senator representative
    governor mayor judge justice ambassador envoy king queen prince princess pope cardinal
    bishop archbishop reverend father sister rabbi imam sheikh ayatollah emir sultan crown mr
    mrs ms miss mx dr professor sir dame lord lady madam former ex chairman chairwoman chief
    director commissioner speaker leader premier attorney inspector detective officer sheriff
    coach spokesman spokeswoman spokesperson mr. mrs. ms. dr. gen. sen. rep. gov. lt. col.
    capt. sgt. prof prof. rev. adm. maj. democrat democratic republican conservative labour
    liberal independent american british briton french german russian ukrainian chinese
    japanese israeli palestinian iranian iraqi syrian turkish indian pakistani afghan italian
    spanish polish canadian mexican brazilian australian korean egyptian saudi""".split()
)
# Titles that say only whether the person is a man or a woman ("Mrs. Yeltsin"): the one
# surname may be a spouse's, so such a name is never filled in from another person's full name.
_COURTESY = frozenset("mr mrs ms miss".split())
# Titles written short ("Rep.", "Sen."), read as such before a full stop no name precedes
# ("said Rep." at the end of a cut sentence; not "Hun Sen.").
_ABBREVIATED = frozenset("rep sen gov gen lt col capt sgt rev adm maj prof dr mr mrs ms".split())
_COURTESY_BEFORE = re.compile(r"\b(Mr\.?|Mrs\.?|Ms\.?|Miss)\s+$")
_MALE = frozenset(
    """mr sir lord king prince spokesman chairman congressman businessman man boy husband son
    father brother""".split()
)
_FEMALE = frozenset(
    """mrs ms miss madam dame lady queen princess spokeswoman chairwoman congresswoman
    businesswoman woman girl wife daughter mother sister""".split()
)
# People by what they do: the head of a description ("a senior official", "the Russian
# president"), or of a title before a name ("Kremlin spokesman Dmitry Peskov").
_ROLES = frozenset(
    """president vice-president premier minister chancellor secretary spokesman spokeswoman
    spokesperson leader official diplomat ambassador envoy aide adviser advisor chief head
    director chairman chairwoman chair commander general officer soldier colonel captain
    governor mayor senator congressman congresswoman lawmaker legislator politician candidate
    judge prosecutor lawyer attorney analyst expert economist scientist researcher professor
    doctor nurse teacher student witness resident survivor victim suspect driver pilot
    journalist reporter correspondent editor writer author activist strategist negotiator
    mediator monarch king queen prince princess pope cardinal bishop priest imam rabbi man
    woman boy girl wife husband son daughter mother father brother sister friend neighbor
    neighbour owner founder executive ceo manager coach player source representative delegate
    deputy member commissioner inspector detective sheriff firefighter farmer worker employee
    voter citizen observer critic supporter opponent protester demonstrator rebel militant
    fighter hostage prisoner refugee migrant businessman businesswoman billionaire
    investigator official eyewitness volunteer veteran actor actress singer artist athlete
    fan shopper customer patient parent relative spokesperson fellow operative consultant
    staffer organizer organiser insider commentator columnist anchor host producer designer
    pastor chaplain principal superintendent coroner medic trooper agent ranger guard
    sergeant lieutenant assessor treasurer auditor clerk administrator planner developer
    engineer architect contractor landlord tenant homeowner counsel defendant plaintiff juror
    magistrate historian archaeologist physician surgeon psychologist councillor
    councilor""".split()
)
_PLURAL_ROLES = frozenset(
    {r + "s" for r in _ROLES if not r.endswith(("man", "y", "s", "ch", "sh"))}
    | {r[:-3] + "men" for r in _ROLES if r.endswith("man")}
    | {"police", "authorities", "people", "secretaries", "witnesses", "ministries", "allies"}
)
_ROLE_WORDS = _ROLES | _TITLES
_ROLE_HEADS = frozenset((role,) for role in _ROLES)  # a description's last word, as a tuple
# Bodies that speak as one: "the ministry said", "the Kremlin said".
_INSTITUTIONS = frozenset(
    """ministry government company department agency office embassy army military court
    council committee party group union organization organisation campaign administration
    parliament cabinet presidency commission kremlin network newspaper broadcaster channel
    station firm club team league school university hospital church board bank airline
    police""".split()
)
_ORG_WORDS = frozenset(
    """house council union party ministry office department agency commission committee court
    congress senate parliament assembly army forces bank news times post social war nations
    states kingdom republic federation front guard corps police service university institute
    foundation group company inc corp ltd network press agency airlines church staff
    cooperation association forum organization organisation alliance coalition movement fund
    authority institute center centre museum school college airport street river island
    city county province region ocean sea bay park bridge hall tower""".split()
)
_BODY_OR_ROLE_WORDS = _ORG_WORDS | _ROLE_WORDS
# A possessive before one of these marks a quotation as somebody else's words: "Zelenskyy
# dismissed Putin's claim that "..."".
_SPEECH_NOUNS = frozenset(
    """claim claims words statement statements remark remarks comment comments assertion
    promise pledge warning message post tweet call description phrase demand demands
    insistence suggestion accusation question answer reply response letter email note video
    interview speech""".split()
)
_PRONOUNS = {"he": "m", "she": "f"}
_MASCULINE_PRONOUNS = frozenset("he him his himself".split())
_FEMININE_PRONOUNS = frozenset("she her hers herself".split())
# "quoted him as saying": the object, standing for a man or a woman as "he" and "she" do.
_OBJECT_PRONOUNS = {"him": "m", "her": "f"}
# After "her" as an object ("gave her a chance", "told her that"), not a possessive.
_OBJECT_FOLLOWERS = frozenset(
    "a an the to that this some any in on at for from with about as".split()
)
_POSSESSIVE_PRONOUNS = frozenset("his her its their our my your".split())
_PREPOSITIONS = frozenset("for of to with at from by in on about against".split())
# Stop words that may stand in a description: "the two party leaders".
_COUNTING = frozenset("one two three four both several many some other top".split())
_ATTRIBUTION_ORDER = ("sentence", "neighbour", "continued", "pronoun")


class _Token(NamedTuple):
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def possessive(self) -> bool:
        return self.text.endswith(("’s", "'s", "s’", "s'"))

    @property
    def base(self) -> str:
        if self.text.endswith(("’s", "'s")):
            return self.text[:-2]
        if self.text.endswith(("s’", "s'")):
            return self.text[:-1]
        return self.text

    @property
    def capitalized(self) -> bool:
        """Written with a capital, as names are (``al-Nahayan`` counts: a particle, a name)."""
        text = self.text
        return text[:1].isupper() or ("-" in text and _PARTICLE_NAME.match(text) is not None)

    @property
    def word(self) -> bool:
        return self.text[:1].isalnum()


@dataclass(frozen=True, slots=True)
class _Phrase:
    """Who a stretch of text names: a person's name, a body or description, or a pronoun."""

    kind: str  # "person", "group", "pronoun"
    text: str
    name: tuple[str, ...] = ()
    gender: str | None = None
    role: tuple[str, ...] = ()  # a description's words, lower case: ("russian", "president")
    definite: bool = False  # "the Russian president", one person the article may name
    first: int = -1  # index of the first token of the words that name it, titles included
    courtesy: str = ""  # "Mrs." in "Mrs. Yeltsin": the title, as written, before a surname

    @property
    def key(self) -> str | None:
        return _key(self.name[-1]) if self.kind == "person" and self.name else None


@dataclass(frozen=True, slots=True)
class _Speaker:
    name: str
    key: str | None  # a person's surname, folded; None for bodies and descriptions
    how: str
    evidence: tuple[Sentence, ...]
    gender: str | None = None
    tokens: int = 1
    written: str = ""  # the name as the attribution writes it ("Peskov"); name may be fuller


class _Name(NamedTuple):
    """A name in a sentence: where it starts, its words, its surname key, and what its shape
    says (a person, a body or place, the title before it)."""

    first: int
    name: tuple[str, ...]
    key: str
    person: bool
    body: bool
    title: str | None


@dataclass(slots=True)
class _Found:
    """One quotation as one article prints it."""

    article: int
    sentence: Sentence
    start: int
    end: int
    text: str
    words: tuple[str, ...]
    speaker: _Speaker | None = None
    why: str = "unknown"
    # Whether its words are those of its group's longest quotation, but for a word in ten
    # (``_worded_alike``): only then is its outlet cited for that quotation.
    worded_alike: bool = True
    # The quotation this one goes on with, with nothing of its own that says who speaks
    # ('"...," Smith said. "<this>"'), and the one that goes on with this one.
    continues: _Found | None = None
    continued_by: _Found | None = None


@dataclass(slots=True)
class _People:
    """What the articles say about who is a person: surnames confirmed as people, each name as
    written in each article (with the sentence), and genders known from titles."""

    confirmed: set[str] = field(default_factory=set)
    forms: dict[tuple[int, str], list[tuple[tuple[str, ...], Sentence]]] = field(
        default_factory=dict
    )
    gender: dict[str, set[str]] = field(default_factory=dict)
    # The words before a name that say what the person is, per article and surname, with the
    # sentence: 3 -> {"peskov": [({"kremlin", "spokesman"}, sentence)]} (by article first:
    # role_person looks through one article's).
    roles: dict[int, dict[str, list[tuple[frozenset[str], Sentence]]]] = field(default_factory=dict)
    # The genders titles give each name as written in each article: (3, ("Naina", "Yeltsin"))
    # -> {"f"}. A surname with "Mrs." before it is filled in only from a form known as hers.
    form_gender: dict[tuple[int, tuple[str, ...]], set[str]] = field(default_factory=dict)
    # The surnames an article writes alone, with no given name and no "Mr."/"Mrs." before
    # them ("Yeltsin said"): an article that also writes "Mrs. Yeltsin" means two people.
    bare: set[tuple[int, str]] = field(default_factory=set)
    # Names of two words or more written after "in" ("in Phnom Penh", "in South Korea"), in
    # any article of the story; once settled, those no title and no "X said" shows to be a
    # person's: places, never a person "he" or "she" may stand for.
    places: set[tuple[str, ...]] = field(default_factory=set)
    # What made each surname a person's: the forms of two or three words ("Phnom Penh"), or
    # None for a title ("Mr. Penh").
    confirming: dict[str, set[tuple[str, ...] | None]] = field(default_factory=dict)
    # Surnames shown to be people's: given a title or a role, or doing something ("Brown
    # said"); a name after "in" ending with one is no place.
    speaking: set[str] = field(default_factory=set)

    def settle_places(self) -> None:
        """Keep as places the names after "in" that nothing shows to be people's, and unconfirm
        the surnames only such a place made people's."""
        self.places = {form for form in self.places if _key(form[-1]) not in self.speaking}
        for key, forms in self.confirming.items():
            if all(form is not None and form in self.places for form in forms):
                self.confirmed.discard(key)

    def place(self, found: _Name) -> bool:
        return found.title is None and found.name in self.places


def find_quotes(
    articles: Sequence[Article],
    sentences: Sequence[Sentence],
    clusters: Sequence[Cluster] = (),
    copies: Iterable[Copy] = (),
) -> tuple[Quote, ...]:
    """Every key quote of the story, best first (see the module docstring).

    ``sentences`` are those of ``segment.split_sentences`` for ``articles`` (all of them, not
    only the usable ones); ``clusters`` are the statements of the merge stage, whose ranks say
    what the story is about; ``copies`` those of ``corroborate.find_copies``: an article and
    its copies are one report when quotes are ranked. Citation numbers are the articles'
    positions from 1, as in the briefing's source list. Pure: same input, same quotes in the
    same order.
    """
    by_article: dict[str, list[Sentence]] = {}
    for sentence in sentences:
        by_article.setdefault(sentence.article, []).append(sentence)
    readers = [
        _Reader(number, article, by_article.get(article.key, []))
        for number, article in enumerate(articles)
    ]
    readers = [r for r in readers if r.has_quotes]
    people = _People()
    for reader in readers:
        reader.learn_people(people)
    people.settle_places()
    found = [q for reader in readers for q in reader.quotations(people)]
    groups = _merge(found)
    profile = _Profile(sentences, clusters)
    number_of = {a.key: n for n, a in enumerate(articles, start=1)}
    original = {c.article: c.original for c in copies}
    report_of = [original.get(a.key, a.key) for a in articles]
    speeches, going_on = _speeches(groups)
    candidates = []
    for n, group in enumerate(groups):
        if n in going_on:
            continue
        first = _lead(group[0]) or group[0]
        length = sum(len(groups[m][0].words) for m in (n, *speeches.get(n, ())))
        if first is not group[0]:
            length += len(first.words)
        if _key_quote(first.text, length, _before(articles, first)):
            following = [groups[m] for m in speeches.get(n, ())]
            candidates.append(_candidate(group, number_of, profile, report_of, following))
    return _rank(candidates)


# --- Finding quotations ------------------------------------------------------------------------


def quotation_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(offset of the opening mark, offset of the closing mark) of each double-quoted passage of
    the paragraph ``text[start:end]``; a passage left open runs to ``end``.

    Curly marks say which way they face; a straight mark opens after a space or a bracket and
    before a letter, and closes after a letter or punctuation."""
    marks: list[tuple[int, bool]] = []
    pending = False
    for match in _MARK.finditer(text, start, end):
        at, mark = match.start(), match.group()
        before = text[at - 1] if at > start else " "
        after = text[at + 1] if at + 1 < end else " "
        if mark in _OPENING:
            opens = True
        elif mark in _CLOSING:
            opens = False
        else:
            can_open = (before.isspace() or before in "([{—–-/") and not after.isspace()
            can_close = not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-…’'")
            opens = can_open if can_open != can_close else not pending
        marks.append((at, opens))
        pending = opens
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for at, opens in marks:
        if opens:
            opened = at  # an earlier mark left open was not a quotation
        elif opened is not None:
            spans.append((opened, at))
            opened = None
    if opened is not None and text[start:end].rstrip()[-1:] in ".!?…":
        spans.append((opened, end))
    return spans


def _quoted_text(text: str, opening: int, closing: int) -> tuple[int, int]:
    """The span of the words between the marks: white space and a closing comma left out."""
    start, end = opening + 1, closing
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _normal_words(text: str) -> tuple[str, ...]:
    """Words folded for comparing quotations: lower case, curly apostrophes and accents
    folded, contractions written out ("can't", "can not"; "I'm", "I am": outlets' styles
    differ), punctuation dropped. A contraction counts two words either way."""
    folded = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    for pattern, replacement in _CONTRACTIONS:
        folded = pattern.sub(replacement, folded)
    return tuple(re.findall(r"[^\W_]+", "".join(c for c in folded if not unicodedata.combining(c))))


_CONTRACTIONS = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"\bcan't\b", "can not"),
        (r"\bwon't\b", "will not"),
        (r"\bshan't\b", "shall not"),
        (r"n't\b", " not"),
        (r"'m\b", " am"),
        (r"'re\b", " are"),
        (r"'ve\b", " have"),
        (r"'ll\b", " will"),
        (r"'d\b", " would"),
        (r"\b(it|that|what|there|here|he|she|who|where|how)'s\b", r"\1 is"),
    )
)


def _key(name: str) -> str:
    """A surname folded for comparing people: lower case, no accents, no possessive."""
    if name.endswith(("’s", "'s")):
        name = name[:-2]
    folded = unicodedata.normalize("NFKD", name.lower())
    return "".join(c for c in folded if c.isalnum())


def _same_person(a: str, b: str) -> bool:
    """Surnames spelt alike enough to be one person: "zelensky", "zelenskyy", "zelenskyi"."""
    if a == b:
        return True
    return a[:4] == b[:4] and difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


def _before(articles: Sequence[Article], quotation: _Found) -> str:
    """The words of a quotation's sentence before it, opening mark and space left out."""
    text = articles[quotation.article].text
    return text[quotation.sentence.start : quotation.start].rstrip().rstrip(_OPENING + '"')


def _key_quote(text: str, length: int, before: str = "") -> bool:
    """Long enough and shaped like speech: ``MIN_WORDS`` words, ``MIN_FRAGMENT_WORDS`` for a
    part of a sentence worked into the writer's own ("... was "just an excuse for them to stay
    abroad.""), which must read on its own (not ``_predicate``; ``before``: the words of its
    sentence before it), and not capitalized like a title."""
    fragment = text[:1].islower()
    if fragment and _predicate(text, before):
        return False
    return length >= (MIN_FRAGMENT_WORDS if fragment else MIN_WORDS) and not _title_like(text)


# Words a piece of a sentence may open with and read on its own: a subject ("it will take
# time", "there is no plan"), a noun phrase ("a large part of the population is weak"), a
# clause ("if it succeeds, ...").
_OPENS_ALONE = frozenset(
    """i we you he she it they there this that these those what nothing everything everyone
    everybody nobody someone somebody anyone anybody one the a an my our your his her its
    their all any every each no some many much most few several both either neither another
    other such if when because although though while unless since once whether whatever
    whenever wherever whoever something anything just only even simply merely truly very
    really quite too almost nearly more less perhaps maybe probably""".split()
)
_CONJUNCTIONS = frozenset("and but or so yet".split())
_AUXILIARIES = frozenset(
    """is are was were be been being has have had will would can could should shall must may
    might does do did""".split()
)
_SUBJECT_PRONOUNS = frozenset("i we you he she it they who which".split())


# Adverbs that may stand before the verb of a predicate: 'he "then will travel ..."'.
_PREDICATE_ADVERBS = frozenset("also then still already soon now never just only even".split())


def _predicate(text: str, before: str) -> bool:
    """Whether a quotation opening in lower case is the predicate of a subject the writer left
    outside the marks: it opens on an auxiliary ('the couple "are taking time apart"'), or on
    another word than a subject, noun phrase or clause (``_OPENS_ALONE``) right after a name,
    a pronoun or a noun with its article ('Mubarak "will head ... to Syria"', 'the king
    "backs dialogue"'). Shown alone, such words read as the speaker's own doing. ``before``:
    the words of its sentence before the opening mark. (After a verb, a preposition or an
    article the quotation is an object, "began "printing new copies"", 'as a "positive sign
    that ..."': it reads alone.)"""
    found = [re.split(r"['’]", w.lower())[0] for w in words(text)]  # "we'll": "we"
    if len(found) > 1 and found[0] in _CONJUNCTIONS:
        found = found[1:]
    while len(found) > 1 and (found[0] in _PREDICATE_ADVERBS or found[0].endswith("ly")):
        found = found[1:]  # 'Mubarak "also will head ..."': the auxiliary still opens it
    if not found:
        return False
    first = found[0]
    if first in _AUXILIARIES:
        return True
    if first in _OPENS_ALONE or first[:1].isdigit():
        return False
    if len(found) > 1 and found[1] in _AUXILIARIES:
        return False  # a subject of its own: "nature is an awful lot more powerful than we are"
    tail = before.rstrip()
    if not tail[-1:].isalnum():
        return False  # after a comma or a colon: words given whole
    previous = words(tail)[-2:]
    last = previous[-1]
    if last[:1].isupper() and last.lower() not in stop_words():
        return True  # 'Moussa said Mubarak "will head..."'
    if last.lower() in _SUBJECT_PRONOUNS:
        return True
    return (
        len(previous) == 2
        and previous[0].lower() in _DETERMINERS | _POSSESSIVE_PRONOUNS
        and last.islower()
        and last not in stop_words()
    )


def _title_like(text: str) -> bool:
    """Most words capitalized, as in the name of a work or a body, not speech."""
    found = words(text)[1:]
    long_words = [w for w in found if len(w) > 3]
    if len(long_words) < 3:
        return False
    return sum(1 for w in long_words if w[:1].isupper()) / len(long_words) > 0.75


class _Reader:
    """One article, read for its quotations: tokens outside quotation marks, with each quoted
    passage as one token, sentence by sentence."""

    def __init__(self, number: int, article: Article, sentences: Sequence[Sentence]) -> None:
        self.number = number
        self.article = article
        self.sentences = list(sentences)
        text = article.text
        self.spans: list[tuple[int, int]] = []
        self.has_quotes = False
        for start, end in article.paragraphs:
            if _MARK.search(text, start, end):
                self.has_quotes = True
            self.spans.extend(quotation_spans(text, start, end))
        # Quotations come paragraph by paragraph, in order and apart, so a sentence's are found
        # by bisection on where they close (not by a pass over every quotation per sentence).
        self._closings = [closing for _, closing in self.spans]
        # Tokens of the sentences read for quotations, by sentence index (learn_people reads
        # every sentence once and keeps none: millions of tokens kept alive would slow down
        # every garbage collection of the whole run).
        self._tokens: dict[int, list[_Token]] = {}
        self._names_inside: set[str] | None = None
        self._lower_words: set[str] | None = None
        # The people already found speaking in each sentence (by sentence index).
        self.resolved: dict[int, list[_Speaker]] = {}
        # The pronoun ("he", "she") quotations of each person were given in this article:
        # "she" is not the man an earlier '"...," he said' stood for.
        self.pronoun_gender: dict[str, set[str]] = {}

    # Tokens ---------------------------------------------------------------------------------

    def tokens(self, index: int) -> list[_Token]:
        """The tokens of sentence ``index``; each quoted passage is one ``_QUOTE`` token."""
        tokens = self._tokens.get(index)
        if tokens is None:
            tokens = self._tokens[index] = self._tokenize(self.sentences[index])
        return tokens

    def _tokenize(self, sentence: Sentence) -> list[_Token]:
        text = self.article.text
        out: list[_Token] = []
        cursor = sentence.start
        for n in range(bisect_left(self._closings, sentence.start), len(self.spans)):
            opening, closing = self.spans[n]
            if opening >= sentence.end:
                break
            if opening > cursor:
                out.extend(self._words(text, cursor, opening))
            out.append(_Token(_QUOTE, opening, closing + 1))
            cursor = max(cursor, closing + 1)
        if cursor < sentence.end:
            out.extend(self._words(text, cursor, sentence.end))
        return out

    @staticmethod
    def _words(text: str, start: int, end: int) -> list[_Token]:
        return [_Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]

    def common(self, word: str) -> bool:
        """Whether a capitalized word opening a sentence is an ordinary word rather than a
        name: a stop word or an opening word ("Meanwhile", "Yesterday"), a word this article
        also writes in lower case, or one shaped like a verb or an adverb ("Citing", "Asked",
        "Separately") that the article never writes with a capital inside a sentence."""
        low = word.lower()
        if low in stop_words() or low in _INTRO:
            return True
        if self._lower_words is None:
            self._lower_words = {w for w in words(self.article.text) if w[:1].islower()}
        if low in self._lower_words:
            return True
        return low.endswith(("ing", "ed", "ly")) and word not in self._inside()

    def _inside(self) -> set[str]:
        """The words this article writes with a capital inside a sentence."""
        if self._names_inside is None:
            self._names_inside = {
                match.group(1)
                for sentence in self.sentences
                for match in _INSIDE_CAPITALIZED.finditer(sentence.text)
            }
        return self._names_inside

    # Names ----------------------------------------------------------------------------------

    def is_name(self, tokens: Sequence[_Token], i: int) -> bool:
        token = tokens[i]
        if not token.capitalized or not token.word or token.text == _QUOTE:
            return False
        if _acronym(token):
            return False  # NATO, CNN, U.S.: bodies and places
        low = token.base.lower()
        if low in _TITLES or low in _ROLES or low in _PLURAL_ROLES:
            return False
        if low in stop_words() and not self._surname_stop_word(tokens, i):
            return False
        if low in _CALENDAR or _PARTY_TAG.match(token.text):
            return False
        if (
            low in _ABBREVIATED
            and i + 1 < len(tokens)
            and tokens[i + 1].text == "."
            and not (i > 0 and tokens[i - 1].capitalized and tokens[i - 1].word)
        ):
            return False  # '"...," said Rep.' cut by the sentence splitter: a title, no name
        first = i == 0 or tokens[i - 1].text in (":", "(", "—", "–")
        return not (first and self.common(token.base))

    def _surname_stop_word(self, tokens: Sequence[_Token], i: int) -> bool:
        """Whether a stop word written with a capital is a surname: after a given name, inside
        the sentence, and right before a verb of speech ("George Little said"; not "A Little
        Night Music", "Little is known", nor "Little said" with no given name)."""
        if i == 0 or i + 1 >= len(tokens) or not tokens[i].text[:1].isupper():
            return False
        given = tokens[i - 1]
        if not (given.word and given.capitalized and given.low not in stop_words()):
            return False
        if given.low in _TITLES or given.low in _ROLES or not self.is_name(tokens, i - 1):
            return False
        following = tokens[i + 1]
        return following.low in _FINITE and not following.capitalized

    def name_run(self, tokens: Sequence[_Token], last: int, floor: int = 0) -> int:
        """Index of the first token of the name ending at ``last`` (``last + 1`` if none)."""
        i = last
        while i >= floor:
            if (
                self.is_name(tokens, i)
                and (i == last or not tokens[i].possessive)
                or (
                    tokens[i].text in _PARTICLES
                    and i > floor
                    and i < last
                    and self.is_name(tokens, i - 1)
                )
            ):
                i -= 1
            else:
                break
        return i + 1

    def phrase_ending_at(
        self, tokens: Sequence[_Token], last: int, floor: int = 0
    ) -> _Phrase | None:
        """Who the words ending at ``last`` name, as the subject of a verb right after them:
        ``Putin``, ``Kremlin spokesman Dmitry Peskov``, ``Peskov, the Kremlin spokesman,``,
        ``the Kremlin``, ``a senior official``, ``he``. None for anything else."""
        i = last
        while i >= floor and tokens[i].low in _BETWEEN and not tokens[i].capitalized:
            i -= 1
        while i >= floor and tokens[i].low in _WEEKDAYS:
            i -= 1
            while i >= floor and tokens[i].low in _BETWEEN and not tokens[i].capitalized:
                i -= 1
        if i < floor:
            return None
        if tokens[i].text == ",":
            i = self._skip_apposition(tokens, i, floor)
            if i < floor:
                return None
            if self._after_place(tokens, i, floor):
                # "Bert Ammerman of River Vale, New Jersey, whose brother died, said": the name
                # before the apposition may be the state of a place, not who speaks.
                return None
        token = tokens[i]
        lead: int | None = None
        if i > floor and token.text == "," and self.is_name(tokens, i - 1):
            # "Trump's campaign manager, Corey Lewandowski, said": the name between the commas;
            # the words naming the speaker start with the description before them.
            lead = self.name_run(tokens, i - 1, floor) - 1
            if lead >= floor and tokens[lead].text == ",":
                while (
                    lead - 1 >= floor and tokens[lead - 1].word and tokens[lead - 1].text != _QUOTE
                ):
                    lead -= 1
            else:
                lead += 1
            i -= 1
            token = tokens[i]
        if token.low in _PRONOUNS:
            return _Phrase("pronoun", token.text, gender=_PRONOUNS[token.low], first=i)
        if token.low == "who" and i - 1 > floor and tokens[i - 1].text == ",":
            return self.phrase_ending_at(tokens, i - 2, floor)
        if token.possessive:
            return None
        if _acronym(token):
            # A body ("the CPP said", "NATO said"); not a heading in capitals ("WHAT HE FOUND:").
            the = i > floor and tokens[i - 1].low == "the"
            if not the and (len(token.base) > 4 or (i > floor and _acronym(tokens[i - 1]))):
                return None
            if i > floor and tokens[i - 1].low in ("a", "an"):
                return None  # "a GOP operative": the acronym describes someone
            start = i - 1 if the else i
            return _Phrase("group", self._text(tokens[start].start, token.end), first=start)
        first = self.name_run(tokens, i, floor)
        name = [t.text for t in tokens[first : i + 1]]
        if not name and token.low in _TITLES and i > floor and self.is_name(tokens, i - 1):
            first, name = i - 1, [tokens[i - 1].text, token.text]  # John Major
        if name:
            role = self.role_before(tokens, first, floor)
            j = first - len(role) - 1
            if not role and j >= floor:
                body = any(w.lower() in _ORG_WORDS for w in name)
                owned = self._named_body(tokens, j, i, body, floor)
                if owned is not None:
                    start, phrase = owned
                    if phrase is None:
                        return None
                    return replace(phrase, first=start) if phrase.first < 0 else phrase
            titled = any(t.low in _TITLES or t.low in _ROLES for t in role)
            if j >= floor and tokens[j].low in _PREPOSITIONS and not titled:
                # "A spokeswoman for Catherine Zeta-Jones says": the spokeswoman speaks (but
                # "University of Sao Paulo political scientist Eduardo Kugelmas" speaks himself).
                return self._described_by_role(tokens, j, i, floor)
            determiner = j >= floor and tokens[j].low in _DETERMINERS
            if (determiner and not role) or any(w.lower() in _ORG_WORDS for w in name):
                start = j if determiner else first
                return _Phrase("group", self._text(tokens[start].start, tokens[i].end), first=start)
            gender = _gender(t.low for t in role)
            start = first - len(role) if lead is None else lead
            courtesy = self._courtesy(tokens, first, role)
            return _Phrase(
                "person", " ".join(name), tuple(name), gender, first=start, courtesy=courtesy
            )
        # No name: a description whose head is a role or a body ("a senior U.S. official").
        head = token.low
        if head not in _ROLES and head not in _PLURAL_ROLES and head not in _INSTITUTIONS:
            return None
        k = i
        while k - 1 >= floor and i - (k - 1) <= 4:
            t = tokens[k - 1]
            if t.low in _DETERMINERS:
                k -= 1
                break
            if t.low in _POSSESSIVE_PRONOUNS:
                return None  # "its author", "his wife": who, the sentence does not say
            if not t.word or t.text == _QUOTE or t.low in _PRONOUNS:
                break
            if (
                t.low in stop_words()
                and t.low not in _COUNTING
                and not t.possessive
                and not t.capitalized  # "a US official": US, not us
            ):
                if self._partitive(tokens, k - 1, floor):
                    return None  # "one of his former Cabinet members": which one, no one says
                break
            k -= 1
        described = tokens[k : i + 1]
        if k - 1 >= floor and tokens[k - 1].low in _PREPOSITIONS:
            # "the chairman of the committee said": the chairman speaks, not the committee.
            return self._described_by_role(tokens, k - 1, i, floor)
        if head in _INSTITUTIONS and not (
            described[0].low in _DETERMINERS or described[0].possessive
        ):
            return None
        return _Phrase(
            "group",
            self._text(described[0].start, token.end),
            gender=_gender([head]),
            role=tuple(t.base.lower() for t in described if t.low not in _DETERMINERS),
            definite=described[0].low == "the" and head in _ROLES,
            first=k,
        )

    def _courtesy(self, tokens: Sequence[_Token], first: int, role: Sequence[_Token]) -> str:
        """The "Mr."/"Mrs."/"Ms."/"Miss" right before the name starting at ``first`` (its role
        words ``role``, nearest first, when known), as written; also when the sentence
        splitter cut after it ("Mrs. | Hayes said"). "" when there is none."""
        if role:
            return role[0].text if role[0].low.rstrip(".") in _COURTESY else ""
        if first > 0:
            before = tokens[first - 1]
            return before.text if before.low.rstrip(".") in _COURTESY else ""
        start = tokens[first].start if tokens else 0
        match = _COURTESY_BEFORE.search(self.article.text, max(0, start - 8), start)
        return match.group(1) if match else ""

    def _named_body(
        self, tokens: Sequence[_Token], before: int, last: int, body: bool, floor: int = 0
    ) -> tuple[int, _Phrase | None] | None:
        """A name that belongs to what comes right before it (at ``before``): a body's
        ("the group Remera", "the newspaper Kommersant") or, for the name of a body (``body``),
        its owner's ("the ICE Officers' Council"). The start of the whole phrase and who it
        names: the body, or the person of a role before "of" ("the President of the ICE
        Officers' Council"), or None for no one. None when the name stands on its own."""
        t = tokens[before]
        if t.word and not t.capitalized and (t.low in _INSTITUTIONS or t.low in _ORG_WORDS):
            start = before
        elif body and t.possessive and t.capitalized:
            start = before
            while (
                start - 1 >= floor
                and tokens[start - 1].word
                and tokens[start - 1].capitalized
                and tokens[start - 1].text != _QUOTE
            ):
                start -= 1
        else:
            return None
        for k in range(start - 1, max(floor, start - 4) - 1, -1):
            if tokens[k].low in _DETERMINERS:
                start = k  # "the official Syrian newspaper Al Baath"
                break
            if not tokens[k].word or tokens[k].text == _QUOTE or tokens[k].low in _PREPOSITIONS:
                break
        if start - 1 >= floor and tokens[start - 1].low in _PREPOSITIONS:
            # "director of the group Remera", "the President of the ICE Officers' Council".
            return start, self._described_by_role(tokens, start - 1, last, floor)
        return start, _Phrase(
            "group", self._text(tokens[start].start, tokens[last].end), first=start
        )

    def _partitive(self, tokens: Sequence[_Token], at: int, floor: int) -> bool:
        """Whether the lower-case words ending at ``at`` hold "of" or a possessive pronoun
        ("one of his former", "some of the"): the description after them is only part of
        who speaks."""
        for k in range(at, max(floor, at - 3) - 1, -1):
            t = tokens[k]
            if not t.word or t.text == _QUOTE or t.capitalized:
                return False
            if t.low == "of" or t.low in _POSSESSIVE_PRONOUNS:
                return True
        return False

    def _after_place(self, tokens: Sequence[_Token], last: int, floor: int) -> bool:
        """Whether the capitalized words ending at ``last`` follow a comma after a name, a
        preposition and a place (``Bert Ammerman of River Vale, New Jersey``): they may be the
        state or country of that place as well as the name of someone else."""
        k = last
        while k >= floor and tokens[k].word and tokens[k].capitalized:
            k -= 1
        if k == last or k < floor or tokens[k].text != ",":
            return False
        place = k - 1
        if place < floor or not self.is_name(tokens, place):
            return False
        preposition = self.name_run(tokens, place, floor) - 1
        return (
            preposition - 1 >= floor
            and tokens[preposition].low in ("of", "from", "in")
            and self.is_name(tokens, preposition - 1)
        )

    def _described_by_role(
        self, tokens: Sequence[_Token], preposition: int, last: int, floor: int
    ) -> _Phrase | None:
        """``a spokeswoman for Catherine Zeta-Jones``, ``the chairman of the committee``: a
        description whose head, a role, comes before the preposition; None if it is not one."""
        head = preposition - 1
        if head < floor or not (tokens[head].low in _ROLES or tokens[head].low in _PLURAL_ROLES):
            return None
        start = head
        while start - 1 >= floor and head - (start - 1) <= 3:
            t = tokens[start - 1]
            if t.low in _DETERMINERS:
                start -= 1
                break
            if not t.word or t.text == _QUOTE or t.low in _PRONOUNS or t.low in _PREPOSITIONS:
                break
            if t.low in _POSSESSIVE_PRONOUNS:
                return None
            start -= 1
        return _Phrase(
            "group",
            self._text(tokens[start].start, tokens[last].end),
            gender=_gender([tokens[head].low]),
            first=start,
        )

    def role_before(self, tokens: Sequence[_Token], first: int, floor: int = 0) -> list[_Token]:
        """The words before a name that say what the person is, nearest first: titles and
        roles ("President", "spokesman"), the capitalized words and adjectives before them
        ("Kremlin spokesman", "opposition leader", "Former U.S. President")."""
        role: list[_Token] = []
        j = first - 1
        while j >= floor and len(role) < 4:
            t = tokens[j]
            titled = t.low in _TITLES or t.low in _ROLES
            modifier = (
                t.word
                and t.text != _QUOTE
                and not t.possessive
                and (t.capitalized or (bool(role) and role[-1].low in _ROLES | _TITLES))
            )
            if t.low in _DETERMINERS or t.low in _PRONOUNS or not (titled or modifier):
                break
            if not titled and not t.capitalized and t.low in stop_words():
                break
            role.append(t)
            j -= 1
        while (
            role
            and not (role[-1].low in _TITLES or role[-1].low in _ROLES)
            and not role[-1].capitalized
        ):
            role.pop()
        return role

    def _skip_apposition(self, tokens: Sequence[_Token], comma: int, floor: int) -> int:
        """Index just before an apposition or relative clause ending at ``comma`` (``Peskov,
        the Kremlin spokesman,``; ``Zelenskyy, who met Trump on Friday,``), or of the comma
        itself when a name stands between the commas (``the campaign manager, Corey
        Lewandowski,``); ``floor - 1`` if the comma closes nothing of the kind."""
        k = comma - 1
        # Up to 25 words: "Nancy Selover, a climatologist and research professor at the
        # School of Geographical Sciences and Urban Planning at Arizona State, said".
        while k >= floor and comma - k <= 25:
            if tokens[k].text == ",":
                inside = tokens[k + 1] if k + 1 < comma else None
                if inside is not None and (
                    inside.text[:1].islower()
                    or inside.text[:1].isdigit()
                    or inside.low in _TITLES
                    or inside.low in _DETERMINERS
                    or _PARTY_TAG.match(inside.text)
                ):
                    if inside.text[:1].islower() and k > floor:
                        # Stacked: "Céline Figueiredo, mother of Sacha, one of the babies,".
                        earlier = self._skip_apposition(tokens, k, floor)
                        if (
                            floor <= earlier < k - 2
                            and tokens[earlier + 1].text == ","
                            and tokens[earlier + 2].text[:1].islower()
                        ):
                            return earlier
                    return k - 1
                if inside is not None and self.name_run(tokens, comma - 1, k + 1) == k + 1:
                    return comma
                return floor - 1
            if tokens[k].text in (_QUOTE, ".", ":", ";"):
                break
            k -= 1
        return floor - 1

    def _text(self, start: int, end: int) -> str:
        return " ".join(self.article.raw_text[start:end].split())

    def phrase_after(
        self, tokens: Sequence[_Token], first: int, *, clause: bool = False
    ) -> _Phrase | None:
        """The subject written after its verb: ``said Putin``, ``said Kremlin spokesman Dmitry
        Peskov``, ``according to a senior official``. With ``clause``, the words must end
        their clause: in "according to Handy also created", Handy is the subject of another
        verb (a source's name lost before it), not the source."""
        last = first
        of: int | None = None
        while last < len(tokens) and tokens[last].word and tokens[last].text != _QUOTE:
            t = tokens[last]
            if last > first and t.low in _DETERMINERS and tokens[last - 1].capitalized:
                break  # "said Luciano Dias a Brasilia-based consultant": the name ends
            if (
                t.low == "of"
                and last > first
                and tokens[last - 1].capitalized
                and tokens[last - 1].low in _BODY_OR_ROLE_WORDS
                and last + 1 < len(tokens)
                and tokens[last + 1].capitalized
            ):
                # "University of Sao Paulo political scientist Eduardo Kugelmas" (but "E.
                # Gerald Corrigan of Goldman Sachs" ends before "of").
                of = last
                last += 1
                continue
            # "New America fellow Jill Filipovic", "White House press secretary Josh Earnest",
            # "presidential spokesman Dmitry Yakushin": a word or two for a role, then the name.
            between = (
                (last > first or (last + 1 < len(tokens) and tokens[last + 1].low in _ROLE_WORDS))
                and t.low not in stop_words()
                and any(
                    tokens[n].capitalized and tokens[n].word and tokens[n].low not in _CALENDAR
                    for n in range(last + 1, min(len(tokens), last + 3))
                )
                and all(
                    tokens[n].word and tokens[n].low not in stop_words()
                    for n in range(last, min(len(tokens), last + 2))
                )
            )
            if not between and not (
                t.capitalized
                or t.low in _DETERMINERS
                or t.low in _ROLES
                or t.low in _PLURAL_ROLES
                or t.low in _INSTITUTIONS
                or t.low in _PARTICLES
                or t.low in {"senior", "top", "former", "deputy", "local", "foreign", "chief"}
            ):
                break
            last += 1
        if last == first:
            return None
        if clause and last < len(tokens):
            after = tokens[last]
            if (
                after.word
                and not after.capitalized
                and (after.low in _VERBISH or after.low in _FINITE or after.low.endswith("ed"))
            ):
                return None
        phrase = self.phrase_ending_at(tokens, last - 1, first)
        if phrase is None and of is not None:
            # No one after "of": a body's whole name ("the Penn State College of Agricultural
            # Sciences"), named by its words before "of".
            phrase = self.phrase_ending_at(tokens, of - 1, first)
        if phrase is not None and phrase.kind == "group" and phrase.role[-1:] in _ROLE_HEADS:
            # "said the commander, Gen. Huseyin Kivrikoglu.": the person, named.
            return self._name_in_apposition(tokens, last) or phrase
        return phrase

    def _name_in_apposition(self, tokens: Sequence[_Token], comma: int) -> _Phrase | None:
        """The person a description names in an apposition closing the clause, from the comma
        at ``comma``: ``said the commander, Gen. Huseyin Kivrikoglu.`` (a title, or a first
        name and a surname, so that a place, "the mayor, Ankara", is not taken for one)."""
        if comma >= len(tokens) or tokens[comma].text != ",":
            return None
        start = comma + 1
        k = start
        while k < len(tokens) and k - start < 3 and tokens[k].low in _TITLES:
            k += 1
        end = k
        while end < len(tokens) and self.is_name(tokens, end) and not tokens[end].possessive:
            end += 1
        if end == k or (k == start and not 2 <= end - k <= 3):
            return None
        if end < len(tokens) and tokens[end].text not in (".", ",", ";", "!", "?"):
            return None
        if any(t.low in _ORG_WORDS for t in tokens[k:end]):
            return None
        if k == start and self._written_as_place(" ".join(t.text for t in tokens[k:end])):
            return None  # "said the mayor, Los Angeles." where the story tells of "in Los Angeles"
        named = self.phrase_ending_at(tokens, end - 1, start)
        return named if named is not None and named.kind == "person" else None

    def _written_as_place(self, name: str) -> bool:
        """Whether the article writes ``name`` after "in", "at", "from" or "near": a place."""
        pattern = rf"\b(?:in|at|from|near)\s+{re.escape(name)}\b"
        return re.search(pattern, self.article.text) is not None

    # People ---------------------------------------------------------------------------------

    def learn_people(self, people: _People) -> None:
        """Record the names of this article: people confirmed by a title or role before the name
        or by a first name and surname, each form of a name, and genders titles give."""
        for sentence in self.sentences:
            tokens = self._tokenize(sentence)
            for found in self.names(tokens):
                if found.person:
                    people.confirmed.add(found.key)
                    form = None if found.title is not None else found.name
                    people.confirming.setdefault(found.key, set()).add(form)
                self._learn_place(tokens, found, people)
                if found.title is not None:
                    gender = _gender([found.title])
                    if gender:
                        people.gender.setdefault(found.key, set()).add(gender)
                        people.form_gender.setdefault((self.number, found.name), set()).add(gender)
                    role = frozenset(t.base.lower() for t in self.role_before(tokens, found.first))
                    roles = people.roles.setdefault(self.number, {})
                    roles.setdefault(found.key, []).append((role, sentence))
                after = found.first + len(found.name)
                described = None if found.body else self._gender_after(tokens, after)
                if described is not None:
                    people.gender.setdefault(found.key, set()).add(described)
                label = len(found.name) > 1 and after < len(tokens) and tokens[after].text == ":"
                if not found.body and not label:
                    # (Not "... North Koreans do for Kim Clapper: It's getting ...", a headline
                    # run into the text: the words before a label's colon may be anything.)
                    people.forms.setdefault((self.number, found.key), []).append(
                        (found.name, sentence)
                    )
                if (
                    not found.body
                    and len(found.name) == 1
                    and not self._courtesy(tokens, found.first, ())
                ):
                    people.bare.add((self.number, found.key))

    def _gender_after(self, tokens: Sequence[_Token], after: int) -> str | None:
        """Whether the words right after a name, from ``after``, say the person is a man or a
        woman: a role in an apposition ("Ms. Ward, the clinic spokeswoman,"; "Hickey, the
        father of one of the men,"), or the first "his" or "her" of a clause on the person
        before any other name ("Santos, who grew up in her husband's town,"; not "Santos, who
        met Lund at his plant,")."""
        role = self._apposition(tokens, after)
        if role:
            return _gender(tokens[k].low for k in role)
        if after + 2 >= len(tokens) or tokens[after].text != ",":
            return None
        if tokens[after + 1].low != "who":
            return None
        for token in tokens[after + 2 : after + 22]:
            if token.text in (",", _QUOTE, ".", ";") or (token.word and token.capitalized):
                return None
            if token.low in _MASCULINE_PRONOUNS:
                return "m"
            if token.low in _FEMININE_PRONOUNS:
                return "f"
        return None

    @staticmethod
    def _learn_place(tokens: Sequence[_Token], found: _Name, people: _People) -> None:
        """Record what the words around a name say about it being a place or a person's: "in"
        before a name of two words or more ("in Phnom Penh"; not "in Hun Sen's cabinet"); a
        title before it, or its last word alone doing something ("Sen said", "Sen has"): a
        person's. (Places act too, "North Korea said", but are not called by their last word
        alone: "Korea" in "Japan, Korea and Guam" or "in Korea" does nothing.)"""
        if found.body:
            return
        last = found.first + len(found.name) - 1
        after = tokens[last + 1] if last + 1 < len(tokens) else None
        acts = (
            len(found.name) == 1
            and after is not None
            and not tokens[last].possessive
            and (after.low in _FINITE or after.low in _VERBISH)
        )
        if found.title is not None or acts:
            people.speaking.add(found.key)
        elif (
            len(found.name) > 1
            and found.first > 0
            and tokens[found.first - 1].low == "in"
            and not (found.first > 1 and tokens[found.first - 2].low in _IN_SOMEONE)
            and not tokens[last].possessive
        ):
            people.places.add(found.name)

    def names(self, tokens: Sequence[_Token]) -> Iterable[_Name]:
        """Every name of a sentence, last first, with what its shape says: a person when a
        title or role comes before it or it has a first name and a surname; a body or place
        when "the" comes before it or it holds a word like "House" or "Council"."""
        i = len(tokens) - 1
        while i >= 0:
            if not tokens[i].capitalized:
                i -= 1  # no name ends here (``is_name`` is false): the common case, made quick
                continue
            first = self.name_run(tokens, i)
            if first > i:
                i -= 1
                continue
            name = tuple(t.base for t in tokens[first : i + 1])
            before = tokens[first - 1] if first > 0 else None
            titled = before is not None and (before.low in _TITLES or before.low in _ROLES)
            the = before is not None and before.low in _DETERMINERS
            body = (
                the
                or any(w.lower() in _ORG_WORDS for w in name)
                or _many_people(name[-1])
                or (not tokens[i].possessive and _workplace(tokens, first))
            )
            # Words before a title or role are what the title is of ("National Security
            # Adviser Sandy Berger", "a former Goteborg firefighter"), not a person by shape.
            qualifies = i + 1 < len(tokens) and tokens[i + 1].low in _ROLE_WORDS
            person = not body and not qualifies and (titled or 2 <= len(name) <= 3)
            title = before.low if titled and before is not None and person else None
            yield _Name(first, name, _key(name[-1]), person, body, title)
            i = first - 1

    def full_name(
        self, phrase: _Phrase, people: _People
    ) -> tuple[tuple[str, ...], Sentence | None]:
        """The fullest form of a person's name in this article (and the sentence holding it),
        when every longer form agrees with it ("Vladimir Putin" for "Putin"); else the name
        as given."""
        key = phrase.key
        if key is None:
            return phrase.name, None
        forms = people.forms.get((self.number, key), [])
        longer = [
            (n, s) for n, s in forms if len(n) > len(phrase.name) and _ends_with(n, phrase.name)
        ]
        titled = people.form_gender.get((self.number, phrase.name), set())
        if phrase.courtesy and (
            (self.number, key) in people.bare or titled - {phrase.gender or ""}
        ):
            # "Mrs. Yeltsin" in an article that also writes "Yeltsin" alone (for the
            # president), or "Mr. Yeltsin" in the paper's style, is not "Boris Yeltsin": two
            # people share the surname, and only a form given the same title, or a role of the
            # same gender, is hers. (Where every mention has the same title, "Ms. Lipman"
            # after "Masha Lipman", the title only is the paper's style.)
            longer = [
                (n, s)
                for n, s in longer
                if people.form_gender.get((self.number, n)) == {phrase.gender or ""}
            ]
            if not longer:
                return (phrase.courtesy, *phrase.name), None
        if not longer:
            return phrase.name, None
        best, where = max(longer, key=lambda f: (len(f[0]), -f[1].position))
        if all(_ends_with(best, n) for n, _ in longer):
            return best, where
        return phrase.name, None

    def role_person(self, phrase: _Phrase, people: _People) -> tuple[_Phrase, Sentence] | None:
        """The one person this article introduces with every word of a definite description
        ("the king": King Norodom Sihanouk; "the Russian president": Russian President
        Vladimir Putin), with the sentence that does; None when no one or several are."""
        wanted = {_spelt_out(w) for w in phrase.role}
        found: dict[str, Sentence] = {}
        for key, roles in people.roles.get(self.number, {}).items():
            for role, sentence in roles:
                if wanted <= {_spelt_out(w) for w in role}:
                    found.setdefault(key, sentence)
                    break
        if len(_distinct_people(found)) != 1:
            return None
        key, sentence = next(iter(found.items()))
        forms = [n for n, _ in people.forms.get((self.number, key), [])]
        if not forms:
            return None
        name = forms[0]
        return _Phrase("person", " ".join(name), name, phrase.gender), sentence

    # Mentions of people, for pronouns --------------------------------------------------------

    def mentions(self, index: int, people: _People) -> tuple[set[str], int]:
        """The people sentence ``index`` names outside quotation marks (by surname key) and the
        number of people it mentions without a name ("the minister", "his wife")."""
        tokens = self.tokens(index)
        found = list(self.names(tokens))
        named = {
            n.key
            for n in found
            if not n.body and not people.place(n) and (n.person or n.key in people.confirmed)
        }
        describing = {
            k for n in found if not n.body for k in self._apposition(tokens, n.first + len(n.name))
        }
        unnamed = sum(
            1
            for i, token in enumerate(tokens)
            if token.low in _ROLES
            and token.low != "source"
            and i not in describing
            and not self._titles_name(tokens, i)
        )
        return named, unnamed

    def _titles_name(self, tokens: Sequence[_Token], role: int) -> bool:
        """Whether the role at ``role`` is the title of the name after it, past other titles
        ("Supreme leader Ayatollah Ali Khamenei": the leader is Khamenei, nobody else)."""
        k = role + 1
        while k < len(tokens) and tokens[k].low in _ROLE_WORDS:
            k += 1
        return k < len(tokens) and self.is_name(tokens, k)

    @staticmethod
    def _apposition(tokens: Sequence[_Token], after: int) -> range:
        """The words of an apposition right after a name, up to the role that heads it
        ("Ricardo Ribeiro, a Sao Paulo political consultant,"; "Sten Swedlund, head of the
        delegation"): the role is that person, nobody else. Empty when the comma after the
        name opens anything else ("Putin, who met the minister,")."""
        if after + 1 >= len(tokens) or tokens[after].text != ",":
            return range(0)
        first = after + 1
        opening = tokens[first]
        if not (opening.low in _DETERMINERS or opening.low in _ROLE_WORDS or opening.capitalized):
            return range(0)
        for k in range(first, min(len(tokens), first + 6)):
            t = tokens[k]
            if not t.word or t.text == _QUOTE or t.low in _PREPOSITIONS or t.low in _CLAUSE_WORDS:
                return range(0)
            if t.low in _ROLES:
                return range(first, k + 1)
        return range(0)

    # Quotations and their speakers ------------------------------------------------------------

    def quotations(self, people: _People) -> list[_Found]:
        """Every quotation of the article with its speaker, in reading order."""
        text = self.article.text
        found: list[_Found] = []
        by_sentence: dict[int, list[_Found]] = {}
        starts = [s.start for s in self.sentences]
        for opening, closing in self.spans:
            index = _containing(starts, self.sentences, opening)
            if index is None:
                continue
            start, end = _quoted_text(text, opening, closing)
            quoted = " ".join(self.article.raw_text[start:end].split())
            folded = _normal_words(quoted)
            if len(folded) < _SPEECH_MIN_WORDS and not _opener(quoted, text[closing - 1]):
                continue  # a quoted term: nobody's speech to go on with
            quote = _Found(self.number, self.sentences[index], start, end, quoted, folded)
            self._attribute(quote, index, opening, people, by_sentence)
            if len(folded) >= MIN_CARRIER_WORDS:
                found.append(quote)
            by_sentence.setdefault(index, []).append(quote)
            if quote.speaker is not None and quote.speaker.key is not None:
                self.resolved.setdefault(index, []).append(quote.speaker)
        self._tokens.clear()  # read: kept, they would only slow down garbage collection
        return found

    def _attribute(
        self,
        quote: _Found,
        index: int,
        opening: int,
        people: _People,
        by_sentence: Mapping[int, list[_Found]],
    ) -> None:
        tokens = self.tokens(index)
        at = next(i for i, t in enumerate(tokens) if t.text == _QUOTE and t.start == opening)
        sentence = self.sentences[index]
        after, next_to = self._after(tokens, at)
        if next_to and after is not None and _relayed_fragment(quote.text, tokens, at):
            quote.why = "ambiguous"  # the words of someone the sentence reports, not its sayer's
            return
        phrase = (
            (after if next_to else None)
            or self._before(tokens, at)
            or (None if self._introduced(tokens, at) else after)
        )
        how = "sentence"
        evidence = [sentence]
        said_as: str | None = None  # the gender of the "he" or "she" that names the speaker
        if phrase is None:
            earlier = self._interrupted(tokens, at, by_sentence.get(index, ()))
            if earlier is not None and not _question(earlier):
                # '"First part," Smith said. "Second part."': the same speaker goes on.
                quote.speaker = _continue(earlier.speaker, sentence)
                quote.why = earlier.why
                _link(earlier, quote)
                return
        if phrase is None and (_bare(tokens) or self._stands_alone(tokens, at)):
            previous = self._previous(index)
            before = by_sentence.get(previous, ()) if previous is not None else ()
            spoken = [q for q in before if not _show_title(q.text)]  # not "Meet the Press"
            if previous is not None and spoken:
                earlier = spoken[-1]
                if _question(earlier) or self._asked(previous, earlier):
                    return  # '"...?" a reporter asked Holt. "..."': maybe Holt's answer
                quote.speaker = _continue(earlier.speaker, sentence)
                quote.why = earlier.why
                _link(earlier, quote)
                return
            phrase, neighbour = self._neighbour(index)
            if phrase is not None and neighbour is not None:
                how = "neighbour"
                evidence = [self.sentences[neighbour], sentence]
                if phrase.kind == "pronoun":
                    said_as = phrase.gender
                    phrase, antecedent = self._antecedent(phrase, neighbour, people, None)
                    if phrase is None:
                        quote.why = "ambiguous"
                        return
                    evidence = [*antecedent, *evidence]
                    how = "pronoun"
        elif phrase is not None and phrase.kind == "pronoun":
            said_as = phrase.gender
            phrase, antecedent = self._antecedent(phrase, index, people, at)
            if phrase is None:
                quote.why = "ambiguous"
                return
            evidence = [*antecedent, sentence]
            how = "pronoun"
        if phrase is None:
            return
        quote.speaker = self._speaker(phrase, how, evidence, people)
        if how == "pronoun" and said_as is not None and quote.speaker.key is not None:
            self.pronoun_gender.setdefault(quote.speaker.key, set()).add(said_as)

    def _speaker(
        self, phrase: _Phrase, how: str, evidence: list[Sentence], people: _People
    ) -> _Speaker:
        if phrase.kind == "group" and phrase.definite:
            named = self.role_person(phrase, people)
            if named is not None:
                phrase, introduced = named
                evidence = [*evidence, introduced]
        if phrase.kind != "person":
            return _Speaker(phrase.text, None, how, tuple(evidence), phrase.gender)
        name, where = self.full_name(phrase, people)
        if where is not None and where not in evidence:
            evidence = [*evidence, where]
        key = phrase.key
        gender = phrase.gender or _known_gender(people, key)
        written = " ".join((phrase.courtesy, *phrase.name) if phrase.courtesy else phrase.name)
        return _Speaker(" ".join(name), key, how, tuple(evidence), gender, len(name), written)

    def _interrupted(
        self, tokens: Sequence[_Token], at: int, earlier: Sequence[_Found]
    ) -> _Found | None:
        """The first half of an interrupted quotation the quotation at ``at`` goes on with:
        the quotation just before it in the sentence, when all that stands between them is
        that quotation's own attribution (``"...," Smith said. "..."``; ``"...," he said on
        Tuesday, "..."``; ``"...," said Smith, "..."``). Another verb, a clause or a question
        put to someone ("a reporter asked Smith") between them may hand the words to someone
        else: None."""
        previous = next(
            (
                p
                for p in range(at - 1, -1, -1)
                if tokens[p].text == _QUOTE and not self._quoted_title(tokens[p])
            ),
            None,
        )
        if previous is None:
            return None
        first = next(
            (q for q in earlier if tokens[previous].start < q.start < tokens[previous].end), None
        )
        if first is None:
            return None  # the quotation before was too short to be anybody's speech
        between = tokens[previous + 1 : at]
        closing = between[-1] if between else None
        if closing is not None and closing.text == _QUOTE:
            # '..., X said Sunday on NBC's "Meet the Press." "...": a title ends the sentence.
            if self.article.text[closing.end - 2 : closing.end - 1] != ".":
                return None
        elif closing is None or closing.text not in (",", ".", ":"):
            return None
        if len(between) < 2:
            return None
        verbs = [k for k, t in enumerate(between) if t.low in _FINITE and not t.capitalized]
        if len(verbs) != 1 or _asks_someone(between, verbs[0]):
            return None
        limit = _INTERRUPTION_SPEAKER_WORDS if verbs[0] == 0 else _INTERRUPTION_WORDS
        if sum(1 for t in between[verbs[0] + 1 :] if t.word) > limit:
            return None
        if any(
            t.text in (".", ";", ":", "(", ")", "!", "?")
            or t.low in _PARTICIPLES
            or t.low in _RELAYING
            or t.low in _CLAUSE_WORDS
            for t in between[:-1]
        ):
            return None
        phrase, next_to = self._after(tokens, previous)
        return first if phrase is not None and next_to else None

    def _quoted_title(self, token: _Token) -> bool:
        """Whether a quoted passage is the name of a work or a show (``_show_title``)."""
        return _show_title(self.article.text[token.start + 1 : token.end - 1])

    def _asked(self, index: int, quotation: _Found) -> bool:
        """Whether the attribution after ``quotation``, in sentence ``index``, puts a question
        to someone ('"...?" a reporter asked Holt.')."""
        tokens = self.tokens(index)
        at = next(
            (k for k, t in enumerate(tokens) if t.text == _QUOTE and t.end > quotation.start),
            None,
        )
        if at is None:
            return False
        after = tokens[at + 1 :]
        first = 1 if after and after[0].text == "," else 0
        for k in range(first, min(len(after), first + 12)):
            if after[k].text == _QUOTE or after[k].text in (".", ";", "!", "?"):
                return False
            if after[k].low in _FINITE and not after[k].capitalized:
                return _asks_someone(after[first:], k - first)
        return False

    @staticmethod
    def _introduced(tokens: Sequence[_Token], at: int) -> bool:
        """Whether a verb right before the quotation introduces it ('Protesters chanted "..."',
        'he called it "..."'): its words are that verb's subject's, and a reporting clause
        closing the sentence (', the mayor said.') reports the whole scene, not who spoke."""
        i = at - 1
        while i >= 0 and tokens[i].text in (",", ":"):
            i -= 1
        if i < 0 or not tokens[i].word or tokens[i].capitalized:
            return False
        word = tokens[i].low
        return word in _FINITE or (word.endswith("ed") and word not in stop_words())

    def _after(self, tokens: Sequence[_Token], at: int) -> tuple[_Phrase | None, bool]:
        """The speaker named right after the quotation: ``"...," Putin said`` or ``said
        Putin`` or ``according to X``; and whether it is named right there (True), or only by
        a reporting clause closing the sentence further on (``"..." and the reactions bear
        watching, Castro said.``), which names the speaker only when nothing before the
        quotation does."""
        i = at + 1
        if i < len(tokens) and tokens[i].text == ",":
            i += 1
        if i >= len(tokens):
            return None, False
        if tokens[i].low in _FINITE:
            return self.phrase_after(tokens, i + 1), True
        if tokens[i].low == "according" and i + 1 < len(tokens) and tokens[i + 1].low == "to":
            return self.phrase_after(tokens, i + 2, clause=True), True
        # The subject, then its verb within a few words: "Putin stated", "Peskov, the Kremlin
        # spokesman, said", "he affirmed".
        # After a quotation closed by a full stop, "X said" that goes on to say something
        # ('"... conditions." Gray said about 56 sailors had been rescued.') is a new sentence
        # the splitter left joined, not an attribution: only a few words may follow the verb.
        closed = self.article.text[tokens[at].end - 2 : tokens[at].end - 1] == "."
        for j in range(i, min(len(tokens), i + 24)):
            token = tokens[j]
            if token.text in (_QUOTE, ".", "!", "?", ";", ":", "(", ")"):
                return None, False
            if token.low in _PARTICIPLES and j > i and tokens[j - 1].low == "as":
                quoted = self._quoted_after(tokens, i, j, closed)
                if quoted is not None:
                    return quoted
            if token.low in _FINITE and not token.capitalized:
                if j == i:
                    return None, False
                rest = sum(1 for t in tokens[j + 1 :] if t.word)
                if closed and rest > 6:
                    return None, False
                phrase = self.phrase_ending_at(tokens, j - 1, i)
                if phrase is None or self._next_to(tokens, i, phrase.first):
                    return phrase, True
                # Further on, the subject of a verb in another clause ('"...," a census that
                # officials promoted before President X dismissed the government') is nobody's
                # attribution; a closing ", X said." is one, of the whole sentence.
                closing = (
                    tokens[phrase.first - 1].text == ","
                    and token.low in _REPORTING
                    and (rest <= 8 or (j + 1 < len(tokens) and tokens[j + 1].text == ","))
                )
                return (phrase, False) if closing else (None, False)
        return None, False

    def _quoted_after(
        self, tokens: Sequence[_Token], start: int, participle: int, closed: bool
    ) -> tuple[_Phrase | None, bool] | None:
        """The person quoted in ``"...," Habibie was quoted as saying`` or ``"...," El Mundo
        quoted Hiriart as saying``, from ``start`` (right after the quotation) to the
        participle after "as": (the phrase or None, True) when "quoted" is there, None when
        it is not (the words after "as" are something else). The subject, or the paper that
        quoted someone, must follow the quotation closely (no clause in between: "the report,
        which quoted X as saying," says nothing of the quotation before it)."""
        quoted = next(
            (k for k in range(participle - 2, start - 1, -1) if tokens[k].low == "quoted"), None
        )
        if quoted is None:
            return None
        if closed and sum(1 for t in tokens[participle + 1 :] if t.word) > 6:
            # '"... conditions." Gray was quoted as saying that about 56 sailors ...': a new
            # sentence the splitter left joined, saying something else.
            return None, False
        phrase = self._quoted_as(tokens, participle - 1, start)
        if phrase is None:
            return None, False
        lead = phrase.first if self._passive(tokens, quoted) else quoted
        return (phrase, True) if self._next_to(tokens, start, lead) else (None, False)

    @staticmethod
    def _next_to(tokens: Sequence[_Token], start: int, first: int) -> bool:
        """Whether the words naming a speaker, from ``first``, follow ``start`` closely enough
        to be one phrase with it: names, titles and at most a few describing words between
        ("17-year-old Zuhir Hersi", "rebel leader Ernest Wamba dia Wamba"), no clause (no
        comma, verb or conjunction)."""
        between = tokens[start:first]
        described = [t for t in between if not t.capitalized and t.low not in _ROLE_WORDS]
        return len(described) <= 3 and all(
            t.word
            and t.text != _QUOTE
            and t.low not in _FINITE
            and t.low not in _PARTICIPLES
            and t.low not in _CLAUSE_WORDS
            for t in between
        )

    def _before(self, tokens: Sequence[_Token], at: int) -> _Phrase | None:
        """The speaker named before the quotation in its sentence: the subject of the nearest
        verb of speech (``Putin declared:``, ``X, stressing:``, ``X called it a``), or a name
        and a colon (``Trump: "..."``)."""
        if at >= 2 and tokens[at - 1].text == ":":
            # "Zelenskyy: "..."": the name is all the clause says before the colon (not "He
            # began by praising Livingston: "..."").
            start = self._clause_start(tokens, at - 2)
            first = self.name_run(tokens, at - 2, start)
            if first <= at - 2:
                opening = first - len(self.role_before(tokens, first, start))
                if opening > start and tokens[opening - 1].low in _DETERMINERS:
                    opening -= 1
                if opening == start + 1 and tokens[start].low in ("by", "quoting"):
                    # An excerpt: '"Headline," by BuzzFeed's Adrian Carrasquillo: "..."' (but
                    # "STATEMENT, via Hadas Gold:" names who passed the words on, not who spoke).
                    start += 1
                direct = self.phrase_ending_at(tokens, at - 2, start)
                if opening == start and direct is not None and direct.kind == "person":
                    return direct
        for j in range(at - 1, max(-1, at - 40), -1):
            token = tokens[j]
            if token.text == _QUOTE or token.text in (".", "!", "?", ";"):
                return None
            if token.capitalized:
                continue
            if token.low in _RELAYING:
                return None  # "Holt said, quoting the engineer: "..."": the engineer's words
            if token.low in _FINITE:
                if self._passive(tokens, j):
                    continue  # "Ms. White said bin Laden was charged with "..."": White speaks
                if self._spoken_by_another(tokens, j + 1, at) or self._reported(tokens, j, at):
                    return None
                return self.phrase_ending_at(tokens, j - 1) if j > 0 else None
            if token.low in _PARTICIPLES:
                if self._spoken_by_another(tokens, j + 1, at):
                    return None
                if j > 0 and tokens[j - 1].low == "as":
                    return self._quoted_as(tokens, j - 1)
                return self._participle_subject(tokens, j)
            if token.low == "according" and tokens[j + 1].low == "to":
                return self.phrase_after(tokens, j + 2)
        return None

    def _reported(self, tokens: Sequence[_Token], verb: int, at: int) -> bool:
        """Whether the quotation at ``at`` is a fragment of reported speech ("that "..."")
        whose verb at ``verb`` is itself reported by an earlier one of the sentence ("The White
        House said the two leaders agreed that "...""): the words are the reporter's account
        of what was agreed, not words the subject of ``verb`` was heard to say. (Words given
        whole, after a comma or colon, stay the inner speaker's: 'Ms. He said Xu had told
        her, "..."'.)"""
        if tokens[at - 1].low != "that":
            return False
        for k in range(verb - 1, -1, -1):
            token = tokens[k]
            if token.text == _QUOTE or token.text in (".", "!", "?", ";", ":"):
                return False
            if token.low in _FINITE and not token.capitalized and not self._passive(tokens, k):
                return True
        return False

    @staticmethod
    def _passive(tokens: Sequence[_Token], verb: int) -> bool:
        """Whether the verb at ``verb`` is a passive ("was charged", "had been asked"): its
        subject is who it was done to, not who speaks."""
        k = verb - 1
        while k >= 0 and tokens[k].low in _ADVERBS:
            k -= 1
        return k >= 0 and tokens[k].low in _BE_FORMS

    def _stands_alone(self, tokens: Sequence[_Token], at: int) -> bool:
        """A quotation that is a whole sentence of its own, opening the sentence and closed by
        a full stop, with another sentence the splitter left joined after it."""
        closed = self.article.text[tokens[at].end - 2 : tokens[at].end - 1] in (".", "!", "?")
        return at == 0 and closed and at + 1 < len(tokens) and tokens[at + 1].capitalized

    def _clause_start(self, tokens: Sequence[_Token], last: int) -> int:
        """Where the clause ending at ``last`` starts: after the last comma or at the start."""
        for k in range(last, -1, -1):
            if tokens[k].text in (",", _QUOTE, ".", ";"):
                return k + 1
        return 0

    def _spoken_by_another(self, tokens: Sequence[_Token], first: int, at: int) -> bool:
        """Whether the words between a verb and the quotation make it someone else's words:
        "dismissed Putin's claim that"."""
        for k in range(first, at - 1):
            if (
                tokens[k].possessive
                and tokens[k].capitalized
                and tokens[k + 1].low in _SPEECH_NOUNS
            ):
                return True
            if tokens[k].low in {"his", "her", "their"} and tokens[k + 1].low in _SPEECH_NOUNS:
                return True
        return False

    def _quoted_as(self, tokens: Sequence[_Token], as_index: int, floor: int = 0) -> _Phrase | None:
        """Who is quoted in ``quoted Putin as saying``, ``Putin was quoted as saying`` and
        ``Putin was quoted by Tass as saying``: the person quoted, never the paper or agency
        that quoted them. The words between "quoted" and "as" must all name that person
        ("quoted Zhang Xiong, the team's coach, as"; not "quoted several officials, plant
        managers, even curators as"). None when nothing of the kind comes before ``as_index``
        (from ``floor``)."""
        for k in range(as_index - 1, max(floor - 1, as_index - 12), -1):
            token = tokens[k]
            if token.text == _QUOTE or token.text in (".", "!", "?", ";", ":"):
                return None
            if token.low != "quoted":
                continue
            if self._passive(tokens, k):
                # "X was quoted (by Tass) as saying": the subject before "was" is quoted.
                subject = k - 1
                while subject >= floor and (
                    tokens[subject].low in _ADVERBS or tokens[subject].low in _BE_FORMS
                ):
                    subject -= 1
                return self.phrase_ending_at(tokens, subject, floor) if subject >= floor else None
            if k + 1 >= as_index or tokens[k + 1].low == "by":
                return None
            return self._quoted_object(tokens, k + 1, as_index - 1)
        return None

    def _quoted_object(self, tokens: Sequence[_Token], first: int, last: int) -> _Phrase | None:
        """The one quoted in "quoted <first..last> as saying": a name or description filling
        the whole stretch, or "him"/"her" ("NTV quoted him Sunday as saying")."""
        end = last
        while end > first and tokens[end].low in _BETWEEN and not tokens[end].capitalized:
            end -= 1
        if end == first and tokens[end].low in _OBJECT_PRONOUNS:
            low = tokens[end].low
            return _Phrase("pronoun", tokens[end].text, gender=_OBJECT_PRONOUNS[low], first=end)
        phrase = self.phrase_ending_at(tokens, last, first)
        if phrase is None or phrase.kind == "pronoun" or phrase.first != first:
            return None
        return phrase

    def _participle_subject(self, tokens: Sequence[_Token], participle: int) -> _Phrase | None:
        """Who a participle's speech belongs to: the subject of the main clause when the
        participle opens a clause of its own (", saying", "by tweeting", "a statement
        saying"); the name after "with" in "with President X, 65, affirming"; otherwise (the
        media "began calling him ...") nobody this can tell."""
        before = tokens[participle - 1] if participle > 0 else None
        for k in range(participle - 1, max(-1, participle - 14), -1):
            if tokens[k].low == "with":
                phrase = self.phrase_ending_at(tokens, participle - 1, k + 1)
                return phrase if phrase is not None and phrase.kind != "pronoun" else None
            if tokens[k].word and not (
                tokens[k].capitalized or tokens[k].text[:1].isdigit() or tokens[k].low in _PARTICLES
            ):
                break
        if before is None or not (
            before.text == "," or before.low == "by" or before.low in _SPEECH_NOUNS
        ):
            return None
        subject = self._main_subject(tokens, participle)
        if subject is not None and before.text == ",":
            # "Kang said North Korea sent a letter to Hyundai, saying that ...": after what the
            # subject reports, a letter or statement someone else sent is what says it.
            reported = next(
                (
                    k
                    for k in range(max(subject.first, 0), participle)
                    if tokens[k].low in _REPORTING
                ),
                None,
            )
            if reported is not None and any(
                tokens[k].low in _SPEECH_NOUNS for k in range(reported + 1, participle)
            ):
                return None
        return subject

    def _main_subject(self, tokens: Sequence[_Token], participle: int) -> _Phrase | None:
        """The subject of the main clause, before ``participle`` (the participle that hangs on
        it, or the end of the sentence): ``Putin framed the proposal ..., stating``; ``"...,"
        Putin said, adding``. The first name or pronoun and the verb after it, past an
        opening phrase ("Meanwhile,", "After the talks,", "Intervening to ..., Putin vowed")."""
        start = 0
        while start < participle and tokens[start].text in (_QUOTE, ","):
            start += 1
        if start < participle and (
            tokens[start].low in _INTRO or tokens[start].low.endswith(("ing", "ed"))
        ):
            # Past the opening phrase: the subject starts after one of its next commas ("Before
            # leaving for Japan, Korea and Guam, he drew": not after the first).
            for _ in range(3):
                comma = next((k for k in range(start, participle) if tokens[k].text == ","), None)
                if comma is None:
                    return None
                start = comma + 1
                if start < participle and (
                    tokens[start].capitalized or tokens[start].low in _PRONOUNS
                ):
                    subject = self._subject_from(tokens, start, participle)
                    if subject is not None:
                        return subject
            return None
        return self._subject_from(tokens, start, participle)

    def _subject_from(
        self, tokens: Sequence[_Token], start: int, participle: int
    ) -> _Phrase | None:
        """The subject starting at ``start``, when a verb follows it before ``participle``."""
        k = start
        while k < participle:
            token = tokens[k]
            if token.text == ",":
                end = next(
                    (m for m in range(k + 1, min(participle, k + 16)) if tokens[m].text == ","),
                    None,
                )
                if end is None:
                    return None
                k = end + 1
                continue
            if (
                token.word
                and token.text[:1].islower()
                and not (
                    token.low in _DETERMINERS
                    or token.low in _ROLES
                    or token.low in _PLURAL_ROLES
                    or token.low in _INSTITUTIONS
                    or token.low in _PARTICLES
                    or (token.low in _PRONOUNS and k == start)
                )
            ):
                break
            if token.low in _PRONOUNS and k == start:
                k += 1
                break
            k += 1
        if k == start or k >= participle:
            return None
        verb = tokens[k] if k < participle else None
        if verb is None or not verb.word or verb.capitalized:
            return None
        if verb.low in ("and", "or", "nor"):
            return None  # "Japan, Korea and Guam": a list, not a subject and its verb
        return self.phrase_ending_at(tokens, k - 1, start)

    def _previous(self, index: int) -> int | None:
        """The sentence before ``index``, in the same paragraph or the one before."""
        if index == 0 or not self._adjacent(index - 1, index):
            return None
        return index - 1

    def _adjacent(self, earlier: int, later: int) -> bool:
        """Whether two sentences follow each other in the article as read: in one paragraph,
        or in consecutive paragraphs with nothing removed between them (a line dropped as
        furniture, "Chief X issued a statement saying —", may have named someone else)."""
        first, second = self.sentences[earlier], self.sentences[later]
        if second.paragraph - first.paragraph > 1:
            return False
        return not self.article.raw_text[first.end : second.start].strip()

    def _neighbour(self, index: int) -> tuple[_Phrase | None, int | None]:
        """Who speaks in the sentence before a bare quotation ("Zelenskyy said on X."), or in a
        short sentence after it ("Trump posted on Truth Social.")."""
        previous = self._previous(index)
        if previous is not None:
            tokens = self.tokens(previous)
            if all(t.text != _QUOTE for t in tokens):
                for j, token in enumerate(tokens):
                    if token.low in _FINITE and not token.capitalized and j > 0:
                        start = self._subject_start(tokens, j)
                        phrase = self.phrase_ending_at(tokens, j - 1, start)
                        if phrase is not None:
                            return phrase, previous
                        break
        following = index + 1
        if following < len(self.sentences) and self._adjacent(index, following):
            tokens = self.tokens(following)
            if len([t for t in tokens if t.word]) <= 12 and all(t.text != _QUOTE for t in tokens):
                for j, token in enumerate(tokens[:8]):
                    if token.low in _FINITE and not token.capitalized and j > 0:
                        phrase = self.phrase_ending_at(tokens, j - 1)
                        if phrase is not None and self._starts_sentence(tokens, j, phrase):
                            return phrase, following
                        break
        return None, None

    def _subject_start(self, tokens: Sequence[_Token], verb: int) -> int:
        """Where the subject of a verb early in a sentence may start: past an opening phrase."""
        if tokens and tokens[0].low in _INTRO:
            comma = next((k for k in range(verb) if tokens[k].text == ","), None)
            if comma is not None:
                return comma + 1
        return 0

    def _starts_sentence(self, tokens: Sequence[_Token], verb: int, phrase: _Phrase) -> bool:
        return (
            bool(tokens)
            and all(t.word or t.text == "," for t in tokens[:verb])
            and len(tokens[:verb]) <= 8
        )

    def _antecedent(
        self, pronoun: _Phrase, index: int, people: _People, at: int | None
    ) -> tuple[_Phrase | None, list[Sentence]]:
        """The person "he" or "she" in sentence ``index`` stands for, when that is safe: the
        nearest sentence before it that mentions anyone, within ``PRONOUN_REACH``, names
        exactly one person; the sentences in between mention nobody and go on about the same
        "he" or "she"; the pronoun's own sentence mentions nobody else (named or as "the
        minister"); and no title says otherwise about the pronoun's gender."""
        named, unnamed = self.mentions(index, people)
        if named or unnamed:
            return None, []
        chain = "he" if pronoun.gender == "m" else "she"
        k = index - 1
        seen: list[Sentence] = []
        while k >= 0 and index - k <= PRONOUN_REACH:
            named, unnamed = self.mentions(k, people)
            speakers = {s.key: s for s in self.resolved.get(k, []) if s.key is not None}
            seen.insert(0, self.sentences[k])
            if not named and not unnamed and not speakers:
                if not any(t.low == chain for t in self.tokens(k)):
                    return None, []
                if self._names_someone(k, people):
                    # "... after Jiang delivered a speech in which he made clear ...": a name
                    # not known as a person's may still be who "he" is.
                    return None, []
                k -= 1
                continue
            keys = _distinct_people(named | set(speakers))
            if unnamed or len(keys) != 1:
                return None, []
            key = keys[0]
            if key not in speakers:
                # Named, not speaking: only the subject of its sentence is what "he" goes on about.
                subject = self._main_subject(self.tokens(k), len(self.tokens(k)))
                if subject is None or subject.key is None or not _same_person(subject.key, key):
                    return None, []
                if key not in people.confirmed:
                    return None, []
                if self._object_of_gender(self.tokens(k), subject, pronoun.gender):
                    # "As far as she is concerned, Slepian gave her a second chance.": "her" is
                    # another woman, named earlier; "she" may be her.
                    return None, []
                if _described_as_other(self.tokens(k), subject, pronoun.gender):
                    # "Hickey, who lives with his parents, had been there before, she said.":
                    # the one named is a man, and the woman "she" stands for is not named here.
                    return None, []
            gender = self.gender_of(key, people)
            if gender is not None and pronoun.gender is not None and gender != pronoun.gender:
                return None, []
            if key in speakers:
                name = tuple(speakers[key].name.split())
                return _Phrase("person", speakers[key].name, name, gender), seen
            phrase = self._person_in(k, key)
            if phrase is None:
                return None, []
            return phrase, seen
        return None, []

    def gender_of(self, key: str | None, people: _People) -> str | None:
        """Whether the person ``key`` is a man ("m") or a woman ("f"), as the story says: by
        titles and roles (every article), or by the pronoun a quotation of theirs was given
        in this article; None when unknown or when these disagree."""
        if key is None or self._shared_surname(key, people):
            return None  # "Imer Delijaj" and "Zejnije Delijaj": whose "he" or "she", unknown
        known = people.gender.get(key, set()) | self.pronoun_gender.get(key, set())
        return next(iter(known)) if len(known) == 1 else None

    def _shared_surname(self, key: str, people: _People) -> bool:
        """Whether this article gives the surname ``key`` to two people: two given names
        before it ("Imer Delijaj", "Bashkim Delijaj")."""
        forms = {n for n, _ in people.forms.get((self.number, key), []) if len(n) > 1}
        return any(not (_ends_with(a, b) or _ends_with(b, a)) for a in forms for b in forms)

    @staticmethod
    def _object_of_gender(tokens: Sequence[_Token], subject: _Phrase, gender: str | None) -> bool:
        """Whether the object of the verb right after the subject is "him" (or "her", not as a
        possessive: "gave her a chance", not "gave her word"): another man, or woman, than
        the subject."""
        end = next(
            (
                k
                for k in range(max(subject.first, 0), len(tokens))
                if _key(tokens[k].base) == subject.key
            ),
            None,
        )
        if end is None:
            return False
        k = end + 2  # past the verb
        while k < len(tokens) and tokens[k].low in _BETWEEN and not tokens[k].capitalized:
            k += 1
        if k >= len(tokens) or not tokens[k - 1].word or tokens[k - 1].capitalized:
            return False
        low = tokens[k].low
        if gender == "m":
            return low == "him"
        after = tokens[k + 1] if k + 1 < len(tokens) else None
        return low == "her" and (after is None or not after.word or after.low in _OBJECT_FOLLOWERS)

    def _names_someone(self, index: int, people: _People) -> bool:
        """Whether sentence ``index`` has a name, neither a body's nor known as a person's, as
        the subject of a verb ("Jiang delivered"): someone "he" may stand for."""
        tokens = self.tokens(index)
        for n in self.names(tokens):
            if n.body or n.person or n.key in people.confirmed or people.place(n):
                continue
            last = n.first + len(n.name) - 1
            if tokens[last].possessive or last + 1 >= len(tokens):
                continue
            verb = tokens[last + 1]
            if (
                verb.word
                and not verb.capitalized
                and (verb.low in _FINITE or verb.low in _VERBISH or verb.low.endswith("ed"))
            ):
                return True
        return False

    def _person_in(self, index: int, key: str) -> _Phrase | None:
        """The name of person ``key`` as sentence ``index`` writes it."""
        tokens = self.tokens(index)
        for i in range(len(tokens) - 1, -1, -1):
            if self.is_name(tokens, i) and _key(tokens[i].base) == key:
                first = self.name_run(tokens, i)
                name = tuple(t.base for t in tokens[first : i + 1])
                role = self.role_before(tokens, first)
                courtesy = self._courtesy(tokens, first, role)
                gender = _gender([*(t.low for t in role), courtesy.lower()])
                return _Phrase(
                    "person", " ".join(name), name, gender, first=first, courtesy=courtesy
                )
        return None


# Titles written short before a name, as a description writes them: "Gov. Jim Geringer" is
# "the governor".
_SPELT_OUT = {
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "gen": "general",
    "lt": "lieutenant",
    "col": "colonel",
    "capt": "captain",
    "sgt": "sergeant",
    "adm": "admiral",
    "prof": "professor",
}


def _spelt_out(word: str) -> str:
    """A title written short ("gov.") as a description writes it ("governor")."""
    return _SPELT_OUT.get(word.rstrip("."), word)


def _ends_with(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    return [_key(w) for w in longer[-len(shorter) :]] == [_key(w) for w in shorter]


def _gender(words_before: Iterable[str]) -> str | None:
    for written in words_before:
        word = written.rstrip(".")  # "mrs." as "mrs"
        if word in _MALE:
            return "m"
        if word in _FEMALE:
            return "f"
    return None


def _known_gender(people: _People, key: str | None) -> str | None:
    known = people.gender.get(key or "", set())
    return next(iter(known)) if len(known) == 1 else None


# Words after which "in" is followed by a person, not a place: "trusted in Donald Trump".
_IN_SOMEONE = frozenset(
    "trust trusts trusted faith confidence belief believe believes believed interest "
    "interested hope hopes hoped".split()
)
# Who puts questions to others for a living: what follows their question is the answer.
_QUESTIONERS = frozenset(
    "reporter reporters journalist journalists interviewer correspondent questioner host "
    "moderator anchor".split()
)


def _relayed_fragment(text: str, tokens: Sequence[_Token], at: int) -> bool:
    """Whether the quotation opening at ``at`` is a piece of a clause that reports someone
    else's words, before the sentence names its own sayer after it: 'Xu is detained on
    suspicion of "having conducted activities ...," Rubin said' (China's charge, passed on by
    Rubin); 'Houghton said recalling them would allow him to "see if they can bring ...," the
    China Sports Daily said' (Houghton's words, reported by the paper). It opens in lower case,
    and before it in the sentence comes a verb of speech (not one attributing a quotation
    directly: '"...," he said, "..."') or, just before it, a word of a charge."""
    if not text[:1].islower():
        return False
    if any(t.low in _ACCUSING for t in tokens[max(0, at - _CHARGE_WORDS) : at]):
        return True
    return any(
        t.low in _FINITE and not (tokens[k + 1].text == "," and tokens[k + 2].text == _QUOTE)
        for k, t in enumerate(tokens[: at - 1])
    )


def _question(quotation: _Found) -> bool:
    """A question a reporter or interviewer asks: the words after it are the answer, someone
    else's ('"Will you give up any territory?" a reporter asked. "We will not."'). (A speaker
    asking a question of their own and going on, "What will I do?" asked Rep. Pascrell. "I'll
    pray.", keeps the words after it.)"""
    speaker = quotation.speaker
    asked = quotation.text.rstrip(" \"”’'").endswith("?")
    return asked and speaker is not None and speaker.name.split()[-1].lower() in _QUESTIONERS


def _asks_someone(tokens: Sequence[_Token], verb: int) -> bool:
    """Whether the verb at ``verb`` puts a question to someone named after it ("a reporter
    asked Holt", not "Holt asked" nor "asked Holt" with the asker after the verb): the words
    after the question may be the answer."""
    if tokens[verb].low not in _QUESTIONS or verb == 0 or verb + 1 >= len(tokens):
        return False
    after = tokens[verb + 1]
    if not after.word or after.text == _QUOTE:
        return False
    # Someone: "Holt", "the minister", "him", "his aide"; not "asked rhetorically".
    return (
        after.capitalized
        or after.low in _DETERMINERS
        or after.low in _POSSESSIVE_PRONOUNS
        or after.low in _ROLE_WORDS
        or after.low in ("him", "her", "them", "me", "us")
    )


def _bare(tokens: Sequence[_Token]) -> bool:
    """A sentence that is one quotation and nothing else but final punctuation."""
    quotes = [t for t in tokens if t.text == _QUOTE]
    return len(quotes) == 1 and all(t.text == _QUOTE or t.text in ".,!?" for t in tokens)


def _described_as_other(tokens: Sequence[_Token], subject: _Phrase, gender: str | None) -> bool:
    """Whether the clause between commas right after the subject's name calls the subject by
    a pronoun of the other gender than ``gender`` ("Hickey, who lives with his parents," for
    "she"): the one named is not who the pronoun stands for."""
    if gender is None or subject.key is None:
        return False
    end = next(
        (
            k
            for k in range(max(subject.first, 0), len(tokens))
            if _key(tokens[k].base) == subject.key
        ),
        None,
    )
    if end is None or end + 1 >= len(tokens) or tokens[end + 1].text != ",":
        return False
    other = _FEMININE_PRONOUNS if gender == "m" else _MASCULINE_PRONOUNS
    for token in tokens[end + 2 : end + 22]:
        if token.text in (",", _QUOTE, ".", ";"):
            return False
        if token.low in other:
            return True
    return False


def _many_people(word: str) -> bool:
    """A people or a party, in the plural ("Republicans", "North Koreans", "Albanians"): many
    people, never the one "he" or "she" stands for. (A surname may end in "s", "Evans", but
    not as a nationality or party word does, nor in "-ians".)"""
    low = word.lower()
    return low.endswith("s") and (low[:-1] in _TITLES or low.endswith("ians"))


def _workplace(tokens: Sequence[_Token], first: int) -> bool:
    """Whether the name starting at ``first`` is where someone works, after a role and "at"
    or "with" ("an analyst with Goldman Sachs", "a social worker at Oestra Hospital"): a firm
    or a body, not another person."""
    return (
        first >= 2
        and tokens[first - 1].low in ("at", "with")
        and (tokens[first - 2].low in _ROLES or tokens[first - 2].low in _PLURAL_ROLES)
    )


def _acronym(token: _Token) -> bool:
    """NATO, CNN, U.S.: two letters or more, all capitals (an initial, "W.", is not one)."""
    letters = token.base.replace(".", "")
    return token.word and letters.isupper() and len(letters) > 1


def _show_title(text: str) -> bool:
    """Whether quoted words are the name of a work or a show ("Meet the Press"), not speech:
    a few words, each capitalized but for small words, two of them at least (not "Every once
    in a while"), and no pronoun or verb of a sentence."""
    found = words(text)
    capitalized = [w for w in found if w[:1].isupper()]
    spoken = {w.lower() for w in found} & (_SUBJECT_PRONOUNS | _AUXILIARIES)
    return (
        len(found) <= 5
        and len(capitalized) >= 2
        and all(w[:1].isupper() or w.lower() in stop_words() for w in found)
        and not spoken  # "It's the World Series", "I Am Ready": said, not a title
        and not any("'" in w or "’" in w for w in found)
    )


def _link(earlier: _Found, later: _Found) -> None:
    """Record that ``later`` goes on with ``earlier``, the speaker's words going on."""
    if earlier.continued_by is None and later.continues is None:
        earlier.continued_by = later
        later.continues = earlier


def _continue(speaker: _Speaker | None, sentence: Sentence) -> _Speaker | None:
    if speaker is None:
        return None
    evidence = tuple(dict.fromkeys((*speaker.evidence, sentence)))
    return replace(speaker, how="continued", evidence=evidence)


def _containing(starts: Sequence[int], sentences: Sequence[Sentence], offset: int) -> int | None:
    """Index of the sentence holding ``offset``; None between sentences."""
    import bisect

    index = bisect.bisect_right(starts, offset) - 1
    if index < 0 or offset >= sentences[index].end:
        return None
    return index


def _same_name(longer: str, shorter: str) -> bool:
    """Whether two names can be one person's: the same surname (spelling aside), and the
    shorter's other words are the longer's last ones, an initial standing for a word ("Putin"
    and "Vladimir Putin"; "George Bush" and "George W. Bush"; not "Jeb Bush" and "George W.
    Bush")."""
    a, b = longer.split(), shorter.split()
    if len(b) == 1 and len(a) > 1 and _key(b[0]) == _key(a[0]):
        return True  # a family name written first: "Kim" and "Kim Dae-jung"
    if not _same_person(_key(a[-1]), _key(b[-1])):
        return False
    rest_a = [_key(w) for w in a[:-1]]
    for word in reversed(b[:-1]):
        folded = _key(word)
        while rest_a and not _same_given_name(rest_a[-1], folded):
            if len(rest_a[-1]) != 1:
                return False
            rest_a.pop()  # a middle initial the shorter name leaves out
        if not rest_a:
            return False
        rest_a.pop()
    return True


def _same_given_name(a: str, b: str) -> bool:
    """One given name, an initial for it, or a slip of one letter ("Hans", "Hand")."""
    if a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
        return True
    return (
        a[:1] == b[:1]
        and min(len(a), len(b)) >= 4
        and (difflib.SequenceMatcher(None, a, b).ratio() >= 0.75)
    )


def _distinct_people(keys: Iterable[str]) -> list[str]:
    """Surname keys with spelling variants of one person counted once."""
    distinct: list[str] = []
    for key in sorted(keys):
        if not any(_same_person(key, other) for other in distinct):
            distinct.append(key)
    return distinct


# --- Merging the outlets' quotations -----------------------------------------------------------


def _alignment(longer: tuple[str, ...], shorter: tuple[str, ...]) -> tuple[int, int]:
    """How ``shorter`` lies in ``longer``: the words matched in order, and how many words of
    ``longer`` the matches run over (0, 0 when nothing matches)."""
    matcher = difflib.SequenceMatcher(None, longer, shorter, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return 0, 0
    return sum(b.size for b in blocks), blocks[-1].a + blocks[-1].size - blocks[0].a


def _carries(longer: tuple[str, ...], shorter: tuple[str, ...], aligned: tuple[int, int]) -> float:
    """How much of ``shorter`` is found, in order and close together, inside ``longer``
    (0..1; ``aligned`` is their ``_alignment``); 0 when it is not the same quotation.

    A word of ``shorter`` in ten may be missing (a spelling, "12"/"12th"), none in a
    quotation under ten words: "the reaction of Chinese authorities" and "the reaction of
    Chinese courts" are two wordings, one outlet does not carry the other's. A part of a
    longer quotation needs ``MIN_PART_WORDS`` words, ``MIN_CONTENT_WORDS`` of them no stop
    words: "be kind to one another" could be anybody's words."""
    matched, spread = aligned
    if matched < MIN_CARRIER_WORDS:
        return 0.0
    if spread > len(shorter) * 1.25 + 2:
        return 0.0
    if len(shorter) - matched > len(shorter) // 10:
        return 0.0
    coverage = matched / len(shorter)
    if coverage < SAME_QUOTE_COVERAGE:
        return 0.0
    if len(shorter) < SAME_QUOTE_COVERAGE * len(longer):
        content = sum(1 for word in set(shorter) if word not in stop_words())
        if len(shorter) < MIN_PART_WORDS or content < MIN_CONTENT_WORDS:
            return 0.0
    return coverage


def _worded_alike(shorter: tuple[str, ...], aligned: tuple[int, int]) -> bool:
    """Whether ``shorter`` prints the words of the longer quotation where it runs (``aligned``:
    their ``_alignment``), but for a word in ten: counting both words of ``shorter`` missing
    from the longer and words the longer has between them that ``shorter`` leaves out ("to be
    pursuing ... their previous strategy" and "to pursue ... their strategy" differ by three
    words in nineteen)."""
    matched, spread = aligned
    return (len(shorter) - matched) + (spread - matched) <= len(shorter) // 10


def _merge(found: Sequence[_Found]) -> list[list[_Found]]:
    """Group the quotations that are one quotation, each group's longest first.

    Longest first: a quotation joins the first group, in that order, whose longest quotation
    carries it best; it is never compared through a chain of others. Only groups sharing a run
    of three words with it are compared (an index of word triples)."""
    order = sorted(
        range(len(found)),
        key=lambda i: (-len(found[i].words), found[i].article, found[i].start),
    )
    groups: list[list[_Found]] = []
    index: dict[tuple[str, ...], list[int]] = {}
    for i in order:
        quote = found[i]
        triples = _triples(quote.words)
        shared = Counter(g for t in triples for g in index.get(t, ()))
        needed = max(1, int(len(triples) * 0.3))
        best: tuple[float, int, tuple[int, int]] | None = None
        for group, count in sorted(shared.items()):
            if count < needed:
                continue
            longest = groups[group][0].words
            aligned = _alignment(longest, quote.words)
            coverage = _carries(longest, quote.words, aligned)
            if coverage and (best is None or coverage > best[0]):
                best = (coverage, group, aligned)
        if best is not None:
            quote.worded_alike = _worded_alike(quote.words, best[2])
            groups[best[1]].append(quote)
            continue
        for triple in set(triples):
            index.setdefault(triple, []).append(len(groups))
        groups.append([quote])
    return groups


def _triples(folded: tuple[str, ...]) -> list[tuple[str, ...]]:
    return [folded[k : k + 3] for k in range(len(folded) - 2)]


# --- Ranking -----------------------------------------------------------------------------------


class _Profile:
    """What the story is about: the content words of the merge stage's statements, weighted by
    their rank and number of sources, and by how rare each word is across the story."""

    def __init__(self, sentences: Sequence[Sentence], clusters: Sequence[Cluster]) -> None:
        # Outlets carry many sentences word for word: each text's stems are found once.
        texts = Counter(s.text for s in sentences)
        frequency: Counter[str] = Counter()
        for text, copies in texts.items():
            for stem in content_stems(text):
                frequency[stem] += copies
        total = max(len(sentences), 1)
        self.idf = {stem: math.log((total + 1) / (n + 1)) + 1 for stem, n in frequency.items()}
        weights: dict[str, float] = {}
        for cluster in clusters:
            rep = cluster.representative
            weight = rep.rank_score * (1 + 0.25 * (len(cluster.articles) - 1))
            for stem in content_stems(rep.sentence.text):
                weights[stem] = weights.get(stem, 0.0) + weight * self.idf.get(stem, 1.0)
        self.weights = weights
        self.norm = math.sqrt(math.fsum(w * w for w in weights.values())) or 1.0

    def centrality(self, text: str) -> float:
        """Cosine of the quotation's words with the story's (0..1)."""
        stems = sorted(content_stems(text))
        if not stems:
            return 0.0
        vector = [self.idf.get(stem, 1.0) for stem in stems]
        dot = math.fsum(
            v * self.weights.get(stem, 0.0) for stem, v in zip(stems, vector, strict=True)
        )
        length = math.sqrt(math.fsum(v * v for v in vector))
        return dot / (length * self.norm)


@dataclass(frozen=True, slots=True)
class _Candidate:
    quote: Quote
    key: str | None
    base: float
    position: tuple[int, int]


def _candidate(
    group: Sequence[_Found],
    number_of: Mapping[str, int],
    profile: _Profile,
    report_of: Sequence[str],
    continuations: Sequence[Sequence[_Found]] = (),
) -> _Candidate:
    """The quote a group of quotations makes: the longest one's text, every source's own
    words, one speaker if the outlets agree. ``number_of``: article key -> citation number;
    ``report_of``: by article index, the key of the report it is (its original's, for a
    copy): its score counts the independent reports carrying it, its citations every source.

    With ``continuations`` (the groups of the quotations that go on with it, in order), the
    quote is the whole speech: its first quotation is ``group[0]`` and each part is the one
    going on with the part before in that source; a source is cited only if it prints every
    part, each where it stands ('"Guns are what people are using," X said. "But violence is
    our problem."' is not cited to an outlet printing only the first half)."""
    root = group[0]
    count = len(continuations) + 1
    lead = _lead(root)
    parts = [*([lead] if lead else []), *_parts(root, count)]
    per_source: dict[int, list[_Found]] = {}
    for quote in group:
        whole = _parts(quote, count)
        if len(whole) < count or not all(q.worded_alike for q in whole):
            continue  # other words, or not every part: not cited for this quote
        if any(
            all(q is not other for other in others)
            for q, others in zip(whole[1:], continuations, strict=True)
        ):
            continue
        if lead is not None:
            if quote.continues is None or quote.continues.words != lead.words:
                continue  # not the words this quote opens with
            whole = [quote.continues, *whole]
        kept = per_source.get(quote.article)
        if kept is None or len(quote.words) > len(kept[0].words):
            per_source[quote.article] = whole
    citations = tuple(
        Citation(
            source=number + 1,
            sentence_id=quote.sentence.id,
            text=quote.text,
            start=quote.start,
            end=quote.end,
        )
        for number, whole in sorted(per_source.items())
        for quote in whole
    )
    speakers = [*group, *(q for others in continuations for q in others)]
    speaker, how, evidence = _agree(root, speakers)
    speaker_evidence = tuple(cite(s, number_of[s.article]) for s in evidence)
    support = len(per_source)
    text = CONTINUATION_JOINER.join(part.text for part in parts)
    centrality = profile.centrality(text)
    weight = 1.0
    if speaker is None:
        weight = UNKNOWN_WEIGHT
    elif speaker.key is None:
        weight = UNNAMED_WEIGHT
    reports = len({report_of[n] for n in per_source})
    base = (1 + SUPPORT_WEIGHT * (reports - 1)) * (0.5 + 0.5 * centrality) * weight
    made = Quote(
        text=text,
        speaker=speaker.name if speaker else None,
        attribution=how,
        speaker_evidence=speaker_evidence,
        sentence_id=parts[0].sentence.id,
        quoted_from=root.article + 1,
        citations=citations,
        score=round(base, 6),
        support=support,
    )
    position = (root.article, parts[0].start)
    return _Candidate(made, speaker.key if speaker else None, base, position)


def _opener(quoted: str, last: str) -> bool:
    """Whether a quotation of a word or two opens someone's speech ('"No," said Smith. "But
    ..."', '"Sure,"'), not a quoted term ('"terrorism"'): capitalised, and broken off by a comma
    or an exclamation inside the marks (``last``: the character before the closing mark)."""
    return quoted[:1].isupper() and last in (",", "!")


def _lead(quotation: _Found) -> _Found | None:
    """The quotation too short to be a quote of its own ('"Sure, it's frustrating," said X.
    "But we do things right."') that ``quotation`` goes on with: the words it opens with."""
    before = quotation.continues
    if before is None or len(before.words) >= MIN_CARRIER_WORDS or before.text[:1].islower():
        return None  # a quote of its own, or a piece of the writer's sentence ('she "looked well"')
    return before


def _parts(first: _Found, limit: int) -> list[_Found]:
    """``first`` and the quotations going on with it, up to ``limit`` of them."""
    parts = [first]
    while len(parts) < limit and parts[-1].continued_by is not None:
        parts.append(parts[-1].continued_by)
    return parts


def _speeches(groups: Sequence[list[_Found]]) -> tuple[dict[int, list[int]], set[int]]:
    """The speeches: for each group whose quotations go on in another quotation
    ('"...," X said. "..."'), the groups of the quotations going on with it, in order, by
    group index, and the groups that are no quote of their own because they go on with another
    one. Of a group's outlets, the one printing the longest speech gives its parts (and moves
    first in its group: its words are the quote's). A group whose first quotation goes on with
    another is never a quote of its own: shown alone, the second half of someone's words may
    say the opposite of the whole."""
    group_of = {id(q): n for n, group in enumerate(groups) for q in group}
    speeches: dict[int, list[int]] = {}
    for n, group in enumerate(groups):
        best: tuple[int, int, list[int]] | None = None
        for k, head in enumerate(group):
            if head.continues is not None and id(head.continues) in group_of:
                continue  # the speech starts before this quotation
            following: list[int] = []
            length = len(head.words)
            part = head.continued_by
            while part is not None and id(part) in group_of:
                m = group_of[id(part)]
                if m == n or m in following:
                    break
                following.append(m)
                length += len(part.words)
                part = part.continued_by
            if following and (best is None or length > best[0]):
                best = (length, k, following)
        if best is not None:
            _, k, following = best
            group.insert(0, group.pop(k))
            speeches[n] = following
    going_on = {m for following in speeches.values() for m in following}
    going_on |= {
        n
        for n, group in enumerate(groups)
        if group[0].continues is not None and id(group[0].continues) in group_of
    }
    return {n: f for n, f in speeches.items() if n not in going_on}, going_on


def _agree(root: _Found, group: Sequence[_Found]) -> tuple[_Speaker | None, str, list[Sentence]]:
    """The speaker the outlets agree on, how it was found, and the sentences naming it.

    People named win over bodies and descriptions; people named differently leave the quote
    without a speaker ("disputed"); the fullest form of the name any outlet gives is shown.
    An outlet carrying only a small part of the quotation (less than ``PART_SPEAKS`` of its
    words, or any part when the quotation quotes someone else in turn: "a statement mocking
    Trump: 'We learned...'") may have that part from someone else than the whole: its speaker
    can dispute the others', never name the whole quotation by itself."""
    share = SAME_QUOTE_COVERAGE if _INNER_MARK.search(root.text) else PART_SPEAKS
    whole = [q for q in group if len(q.words) >= share * len(root.words)]
    speakers = [q.speaker for q in whole if q.speaker is not None]
    named = sorted((s for s in speakers if s.key is not None), key=lambda s: s.tokens, reverse=True)
    if named:
        parts = [q.speaker for q in group if len(q.words) < share * len(root.words) and q.speaker]
        named += [s for s in parts if s.key is not None]
        # Of the fullest forms, the one most outlets write: one outlet's typo ("Hand
        # Carlsson" where two others write "Hans Carlsson") is not shown.
        fullest = [s for s in named if s.tokens == named[0].tokens]
        outlets = Counter(s.name for s in fullest)
        chosen = max(fullest, key=lambda s: outlets[s.name])
        if not all(_same_name(chosen.name, s.name) for s in named):
            # The fuller forms disagree ("Robert Livingston", "Bob Livingston"): what the
            # attributions themselves write decides; the name is then shown as written.
            written = sorted((s.written or s.name for s in named), key=len, reverse=True)
            if not all(_same_name(written[0], w) for w in written):
                evidence = [e for s in named for e in s.evidence]
                return None, "disputed", list(dict.fromkeys(evidence))
            chosen = replace(chosen, name=written[0], tokens=len(written[0].split()))
        how = min((s.how for s in named), key=_ATTRIBUTION_ORDER.index)
        evidence = list(dict.fromkeys(e for s in named for e in s.evidence))
        return (
            _Speaker(chosen.name, chosen.key, how, tuple(evidence), chosen.gender, chosen.tokens),
            how,
            evidence,
        )
    if speakers:
        chosen = root.speaker or speakers[0]
        return chosen, chosen.how, list(chosen.evidence)
    why = "ambiguous" if any(q.why == "ambiguous" for q in group) else "unknown"
    return None, why, []


def _rank(candidates: Sequence[_Candidate]) -> tuple[Quote, ...]:
    """Best first: score, then position, then id; each further quote of a speaker already
    chosen counts ``SAME_SPEAKER_WEIGHT`` times less. Lazy greedy: a score only ever falls, so
    a candidate popped with a stale score is pushed back with its new one."""
    spoken: Counter[str] = Counter()

    def entry(n: int, c: _Candidate) -> tuple[float, tuple[int, int], str, int, int]:
        times = spoken[c.key] if c.key else 0
        score = c.base * SAME_SPEAKER_WEIGHT**times
        return (-score, c.position, c.quote.sentence_id, n, times)

    heap = [entry(n, c) for n, c in enumerate(candidates)]
    heapq.heapify(heap)
    chosen: list[Quote] = []
    while heap:
        negative, _, _, n, times = heapq.heappop(heap)
        candidate = candidates[n]
        if candidate.key and spoken[candidate.key] != times:
            heapq.heappush(heap, entry(n, candidate))
            continue
        chosen.append(replace(candidate.quote, score=round(-negative, 6)))
        if candidate.key:
            spoken[candidate.key] += 1
    return tuple(chosen)
