"""Editorial judgement: can a sentence stand on its own as a point of the briefing?

Runs between segmenting and theming. A point is a statement a reader can use without the
article around it, so these never become points (``Verdict.usable`` is False, with the reason):

- questions, and fragments: no final full stop, a lower-case start, too few words;
- sentences in the writer's own voice ("including myself", "let's not forget"): first person
  outside quotation marks;
- furniture that survived cleaning: links, @handles, calls to action;
- a quotation left open (its other half is in another sentence, so it cannot be quoted whole),
  and the sentences inside a quotation that runs over several paragraphs;
- a sentence announcing what follows ("... shared the following thought.", "Here are ...").

Usable sentences that lean on what came before (they open on "He", "This", "But", "Since
then" or a bare "The move"; they quote "he said" without naming the speaker; they take up "the
issue" the sentence before raised) are ``dependent``: compose picks them only when nothing
self-contained fills the theme, and dedupe prefers a self-contained sentence as the text of a
point.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from .clean import CALL_TO_ACTION, PHOTO_AGENCIES, SOCIAL_POST, TERMINAL
from .models import Sentence, Verdict
from .segment import SPEECH_VERBS
from .text import MONTH_NAMES, WEEKDAY_NAMES, WEEKDAYS, stop_words, words

_QUOTE_MARK = re.compile(r"[\"“”]")
_QUOTED = re.compile(r"“[^“”]*”|\"[^\"]*\"")
# "I" and "us" are matched case-sensitively ("US" is the country); "mine" is left out (a mine
# is also a weapon).
_FIRST_PERSON = re.compile(
    r"\b(?:I(?:['’](?:m|ve|d|ll))?|us)\b"
    r"|\b(?i:me|my|myself|we|we['’](?:re|ve|d|ll)|our|ours|ourselves|let['’]s)\b"
)
_LINK = re.compile(r"https?://|www\.|\b\S+\.(?:com|org|net)/|(?<![\w.])@\w{2,}")
_LEANING_WORDS = frozenset(
    "he she they it this these that those his her their its him them such and but or so "
    "yet nor otherwise instead conversely then also still however nevertheless nonetheless "
    "moreover furthermore thus therefore hence consequently likewise similarly "
    "besides additionally now others".split()
)
_CALENDAR = frozenset(WEEKDAYS) | frozenset(
    "january february march april may june july august september october november december".split()
)
_PERSONAL_PRONOUNS = frozenset(["he", "she", "him", "his", "her", "they", "them", "their"])
_ENDS_ON_REFERENCE = re.compile(r"\b(?:this|that|these|those|it|them)[.!]$", re.IGNORECASE)
# "these demands", "those talks", "under pressure there": pointing back at an earlier sentence.
# (Existential "there is/was ..." points nowhere.)
_POINTS_BACK = re.compile(
    r"\b(?i:these|those)\b|\bthere\b(?!\s+(?:is|are|was|were|has|have|had|will|would|could|"
    r"may|might|must|should|seems?|appears?|remains?)\b)"
    r"|\b(?i:such)\b(?!\s+as\b)"
    # "this pledge" points back; "this week" and "this was" (a clause) are left to other rules.
    r"|\b(?i:this)\s+(?!(?:week|year|month|morning|afternoon|evening|weekend|time|summer|winter|"
    r"spring|autumn|fall|season|century|decade|is|was|are|were|has|had|will|would|could|may|"
    r"might|must|should|can|does|did|means?|meant)\b)[a-z]"
)
# An aside in brackets: "(Nixon resigned before the House voted.)" comments on the sentences
# around it; so does the end of one whose opening bracket is in the sentence before. ("[...]"
# marks words left out, not an aside.)
_ASIDE = re.compile(r"^\s*[(\[](?!\s*(?:\.\.\.|…)\s*\])|^[^(\[]*[.!?…][\"”’]?\s*[)\]]$")
# An item of a list ("_ Interior Department.", "• People ages 40 to 75 ..."): it leans on the
# sentence that opens the list.
_LIST_ITEM = re.compile(r"^\s*(?:_|•|\*|-)\s")
# "Meanwhile, it says, ...": an unnamed body or document speaks, named in the sentence before.
_IT_SAYS = re.compile(r"^\W*(?:\w+\W+){0,2}?it\s+(?:says|said)\b", re.IGNORECASE)
# "Eight other people were wounded", "another 173 people": more of what an earlier sentence
# counted, unless this one counts or names them first ("12 soldiers and two other officers",
# "the United States and 15 other nations").
_SMALL_COUNTS = "two|three|four|five|six|seven|eight|nine|ten|several|few|dozen"
_MORE_OF = re.compile(
    rf"\b(?:\d[\d,]*|(?i:{_SMALL_COUNTS}))\s+other\b"
    rf"|\b(?i:another)\s+(?:[\d,.]+|(?i:{_SMALL_COUNTS}))(?:\s+million)?\b"
    # "waited another 24 hours": a length of time, not more of anything.
    r"(?!\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b)"
)
_COUNT_OR_NAME = re.compile(rf"\d|\b(?i:{_SMALL_COUNTS})\b|(?<=\s)[A-Z]")
# The reader addressed: "You always have the option to delete your location history."
_SECOND_PERSON = re.compile(r"\b(?i:you|your|yours|yourself)\b")
# Photo captions and credits, by the conventions agencies and sites share: position words
# between commas, "FILE -", "file photo", a contributor line, a gallery counter, a video teaser.
_CAPTION = re.compile(
    r",\s(?:left|right|center|centre|second from (?:left|right)),"
    r"|\((?:C|L|R|center|centre|left|right)\)"
    r"|^\W*FILE\b|\bfile (?:photo|picture|image)\b"
    r"|\bcontributed (?:to )?(?:this|the) (?:report|story|article)\b"
    r"|\b(?:Hide|Show) Caption\b|\bPhotos?:\s|\bJUST WATCHED\b|\bMore Videos\b"
    r"|\b(?:" + PHOTO_AGENCIES + r")\s*(?:Photo|/)"
    # The agency caption's closing place and full date: "..., in Doha, Qatar, Tuesday, June 25,
    # 2013." (a report says "on Tuesday"; only a caption ends on ", Weekday, Month D, YYYY.")
    r"|,\s*(?:" + WEEKDAY_NAMES + r"),\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}\.?$",
)
# A teaser cut short: "... and then he said…"
_TRAILS_OFF = re.compile(r"(?:\.\.\.|…)[\"”’']?$")
_UNNAMED_SPEAKER = re.compile(
    rf"[,.!?…][\"”]\s+(?:he|she|they|it)\s+(?:{SPEECH_VERBS}|affirmed|admitted)\b", re.IGNORECASE
)
# "Local authorities will be completing an autopsy, he added.": an attribution to "he", "she"
# or "they" set off by a comma, at the end or in the middle ("Exxon, he added, is
# ..."), or after an opening phrase ("Asked about the talks, he said: ..."). The reader cannot
# know who spoke unless the sentence names a speaker ("..., Zha said", "said Brian Levin") or
# opens on the person "he" or "she" stands for ("Conard concedes that ..., he says").
_SPEECH = SPEECH_VERBS + "|says|adds|notes|explains|argues|insists|warns|continues|recalled|recalls"
_PRONOUN_ATTRIBUTION = re.compile(
    rf"(?:^|[,;:])\s*(?i:(he|she|they))\s+(?:also\s+|later\s+)?(?:{_SPEECH})\b"
)
# A speaker named beside a speech verb or "according to": "said Brian Levin", "..., Zha said".
# ("told Time magazine" names whom, not who; "said Tuesday" a day.)
_NAMED_SPEAKER = re.compile(
    rf"\b(?:{_SPEECH.replace('told|', '')}|according\s+to)\s+(?!(?:{WEEKDAY_NAMES})\b)[A-Z]"
    rf"|(?<=[a-z,\"]\s)[A-Z][\w’'.-]+\s+(?:{_SPEECH})\b"
)
# The sentence opens on a person, as its subject: "Joel Klein heads ...", "Mr. Trump has said
# ...", "Conard concedes ...". One capitalised word is a person only before a verb that says
# so ("Legwell had ..."): "Local authorities", "Power will" and "Doctors worry" are no one.
_OPENS_ON_PERSON = re.compile(
    r"^(?!(?:The|A|An|In|On|At|As|For|With|By|From|After|Before|When|While|If|Since|Under|"
    r"During|Last|This|That)\b)"
    # Names without a possessive ("Mr. Trump’s visit" is not Mr. Trump).
    r"(?:(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col)\.\s+[A-Z][\w.-]*\s+[a-z]"
    r"|[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)+\s+[a-z]"
    r"|[A-Z][a-z]+\s+(?:has|had|is|was|said|says|told|tells|added|adds|believes|believed|"
    r"thinks|thought|concedes|conceded|admits|admitted|acknowledges|acknowledged|argues|"
    r"argued|insists|insisted|wrote|writes)\b)"
)
# An opening that points back at a time, a turn or a case told before: "Since then, Maloney
# ...", "With that as a prelude, ...", "By then, ...", "At the time, ..." (not "At the time of
# the attack", "By the time the storm hit"), "Under the first outcome, ...".
_OPENS_ON_EARLIER = re.compile(
    r"^\W*(?i:since|until|till|by|before|after|from|at|in|with|under|prior\s+to)\s+"
    r"(?i:then\b|that\b|the\s+time\s*,"
    r"|the\s+(?:first|second|third|fourth|former|latter)\s+(?:outcome|scenario|option|case|"
    r"alternative|possibility|version)s?\b)"
    # "Afterward, ...", "By comparison, ...", "If approved, ...": a turn on what was just told
    # (not "For its part, Syria has accused ...", which says whose part).
    r"|^\W*(?i:afterwards?|by\s+comparison|in\s+comparison|if\s+(?:approved|so|not|passed|"
    r"confirmed)|in\s+turn)\s*,"
    # "A third prominent member ...", "One, Sakchai ...": one of several told before (not "The
    # second week of the trial").
    r"|^\W*A\s+(?:second|third|fourth|fifth)\b|^\W*One\s*,"
)
# A subject that can only be something told before: a bare "The comment", "The move", "The
# decision" (words, acts and events the sentence does not say; "The decision of the court", "The
# statement released by ..." say which), or any bare "The talks" set beside another event
# ("The talks come as ...", "The attack came a day after ..."). A bare "The talks will resume
# in Istanbul" is left alone: in a briefing on the talks it reads well.
_UNSAID_SUBJECT = re.compile(
    r"^\W*The\s+(?:(?:comments?|remarks?|statement|move|decision|announcement|development|"
    r"issue|incident|outcome)\s+"
    r"(?!(?:of|by|on|in|to|toward|towards|from|about|over|that|which|whether|between|with|for|"
    r"against|at|among|made|issued|released|announced|published)\b)[a-z]"
    r"|[a-z]+\s+(?:come|comes|came)\s+(?:as|after|amid|in\s+response|a|just|only|less|shortly|"
    r"soon|days?|weeks?|hours?|months?|one|two|on\s+the\s+heels|despite|following)\b)"
)
# Taking up "the issue" of the sentence before: "Warden raised the issue to suggest ...". (In
# an article's first sentence it is the issue the sentence itself tells. "Discuss the matter
# with Erdoğan" is left alone: the example corpus says what the matter is in the same breath.)
_TAKES_UP_THE_ISSUE = re.compile(
    r"\b(?:raise|raised|raises|raising|address|addressed|addresses|addressing|discuss|"
    r"discussed|discusses|discussing|broach|broached|pursue|pursued|press|pressed|drop|dropped)"
    r"\s+the\s+issue\b(?!\s+(?:of|that|whether|about|how|what|which)\b)"
)
# Pointing at what follows: "his mom shared the following thought.", "Here are their stories".
# What it announces is elsewhere (or was removed with a social post), so it says nothing of its
# own. ("the following year", or a list given after a colon in the same sentence, is fine.)
_POINTS_AHEAD = re.compile(
    r"\b(?i:the)\s+following\b(?!\s+(?:years?|months?|weeks?|days?|mornings?|afternoons?|"
    r"evenings?|nights?|weekends?|seasons?|decades?|summer|winter|spring|autumn|fall|"
    rf"(?i:{MONTH_NAMES})|{WEEKDAY_NAMES})\b)(?![^:]*:\s*\S)"
    r"|\b(?i:as)\s+follows\b(?!\s*:\s*\S)|^\W*(?i:here)\s+(?:is|are|were|was)\b"
)


def judge_sentences(
    sentences: Iterable[Sentence], *, min_words: int, max_words: int
) -> dict[str, Verdict]:
    """A verdict for every sentence, keyed by sentence id. A sentence answering the writer's own
    question just before it in its paragraph ("Putin's counterproposal? Direct talks with
    Ukraine, scheduled for next Thursday.") leans on that question."""
    sentences = list(sentences)
    quoted = _inside_quotations(sentences)
    verdicts = {}
    previous: Sentence | None = None
    for sentence in sentences:
        verdict = judge(sentence.text, sentence.id, min_words=min_words, max_words=max_words)
        if not verdict.dependent and previous is not None and _takes_up(previous, sentence):
            verdict = replace(verdict, dependent=True)
        if sentence.id in quoted:
            reasons = (*verdict.reasons, "inside a quotation")
            verdict = replace(verdict, usable=False, reasons=reasons)
        verdicts[sentence.id] = verdict
        previous = sentence
    return verdicts


def _inside_quotations(sentences: list[Sentence]) -> set[str]:
    """Ids of the sentences with no quotation mark of their own that lie inside a quotation
    running over several paragraphs, by the newspaper convention: a paragraph leaves the
    quotation open and the next one opens on a quotation mark. They are the speaker's words,
    not the writer's.

    Only a quotation that crosses a paragraph so is trusted: a quotation mark left open within
    one paragraph, or before a paragraph that does not open on one, is as often a stray mark
    (or a transcript whose inner quotations mix the marks) as the start of a long quotation.
    """
    inside: set[str] = set()
    pending: list[str] = []
    is_open = continued = False
    for position, sentence in enumerate(sentences):
        marks = _QUOTE_MARK.findall(sentence.text)
        previous = sentences[position - 1] if position else None
        new_paragraph = previous is None or (previous.article, previous.paragraph) != (
            sentence.article,
            sentence.paragraph,
        )
        if new_paragraph and is_open:
            if (
                sentence.text.lstrip()[:1] in ('"', "“")
                and previous is not None
                and (previous.article == sentence.article)
            ):
                inside.update(pending)  # the convention confirms the quotation goes on
                continued = True
                marks = marks[1:]
            else:
                is_open = continued = False
            pending = []
        if is_open and not marks:
            pending.append(sentence.id)
        for mark in marks:
            if not is_open and mark in ('"', "“"):
                is_open, continued, pending = True, False, []
            elif is_open and mark in ('"', "”"):
                if continued:
                    inside.update(pending)
                is_open = continued = False
                pending = []
    return inside


def _takes_up(previous: Sentence, sentence: Sentence) -> bool:
    """Whether ``sentence`` takes up what ``previous`` said: it answers the writer's question
    there, or, later in the same article, raises "the issue" it told."""
    if _answers(previous, sentence):
        return True
    same_article = previous.article == sentence.article
    return same_article and _TAKES_UP_THE_ISSUE.search(_QUOTED.sub(" ", sentence.text)) is not None


def _answers(question: Sentence, sentence: Sentence) -> bool:
    """Whether ``sentence`` follows the writer's own question (not a quoted one) in its
    paragraph."""
    same_paragraph = (question.article, question.paragraph) == (
        sentence.article,
        sentence.paragraph,
    )
    asked = question.text.rstrip().endswith("?") and not question.text.lstrip().startswith(
        ('"', "“")
    )
    return same_paragraph and asked


def judge(text: str, sentence_id: str = "", *, min_words: int, max_words: int) -> Verdict:
    """The verdict on one sentence's text."""
    reasons = []
    bare = text.rstrip("\"”’') ]")
    n_words = len(words(text))
    if bare.endswith("?"):
        reasons.append("question")
    if not TERMINAL.search(text):
        reasons.append("no sentence ending")
    first_letter = next((c for c in text if c.isalpha()), "")
    if first_letter.islower():
        reasons.append("starts in lower case")
    if n_words < min_words:
        reasons.append(f"fewer than {min_words} words")
    if n_words > max_words:
        reasons.append(f"more than {max_words} words")
    if _open_quotation(text):
        reasons.append("quotation left open")
    if _first_person(text):
        reasons.append("writer's first person")
    if _LINK.search(text) or SOCIAL_POST.search(text) or CALL_TO_ACTION.search(text):
        reasons.append("link or call to action")
    if _SECOND_PERSON.search(_QUOTED.sub(" ", text)):
        reasons.append("addresses the reader")
    if _CAPTION.search(text):
        reasons.append("photo caption or credit")
    if _TRAILS_OFF.search(text):
        reasons.append("trails off")
    if _POINTS_AHEAD.search(_QUOTED.sub(" ", text)):
        reasons.append("points to what follows")
    if _TYPESETTING_CODE.search(text):
        reasons.append("typesetting codes")
    dependent = leans_on_context(text)
    return Verdict(
        sentence_id=sentence_id,
        usable=not reasons,
        dependent=dependent,
        reasons=tuple(reasons),
    )


# Typesetting codes of wire copy left in some archives' text ("&UR; &LR; U.S. officials ..."):
# no reader should see them in a point.
_TYPESETTING_CODE = re.compile(r"&[A-Z]{2};")

# Reasons that mean a sentence asserts nothing a source could be cited for.
_NOT_ASSERTIONS = (
    "question",
    "no sentence ending",
    "starts in lower case",
    "link or call to action",
    "addresses the reader",
    "photo caption or credit",
    "trails off",
)


def is_assertion(verdict: Verdict) -> bool:
    """Whether the sentence states something, even if it cannot be a point itself (too long,
    first person, a quotation left open): such a sentence still shows that its source carries
    a statement, so it can be cited for it."""
    return not any(reason in _NOT_ASSERTIONS for reason in verdict.reasons)


def leans_on_context(text: str) -> bool:
    """Whether a reader needs the sentence before to know who or what it is about.

    True when it opens on a pronoun or connective outside a quotation ("He ...", "But ..."),
    ends on one ("... a condition for this."), points back ("these demands", "there"),
    uses "he"/"they" before naming anyone ("Though he offered ..."), is a bare quotation with no
    speaker, quotes an unnamed speaker ("..., he said"), opens on a time or case told before
    ("Since then", "At the time,") or on a subject only the sentence before can say ("The
    move ...", "The talks come as ...").
    """
    if _UNNAMED_SPEAKER.search(text) or _ENDS_ON_REFERENCE.search(text):
        return True
    outside = _QUOTED.sub(' " ', text).strip()
    if _POINTS_BACK.search(outside):
        return True
    if _IT_SAYS.match(outside) or _LIST_ITEM.match(text) or _ASIDE.search(text):
        return True
    if _OPENS_ON_EARLIER.match(outside) or _UNSAID_SUBJECT.match(outside):
        return True
    if _unnamed_attribution(outside):
        return True
    # Both shapes hold "other" ("another"): a cheap test first, most sentences have neither.
    more = _MORE_OF.search(outside) if "other" in outside.casefold() else None
    if more and not _COUNT_OR_NAME.search(outside, 0, more.start()):
        return True
    if text.lstrip().startswith(('"', "“")):
        # A quotation opens the sentence: what counts is who the rest says spoke, and whether
        # the quotation itself opens on someone unnamed ("“He will not take part,” X said.").
        opening = words(text)[:1]
        if opening and opening[0].lower() in _PERSONAL_PRONOUNS:
            return True
        return not any(w[0].isupper() and w.lower() not in _CALENDAR for w in words(outside))
    # "It’s", "That’s": the word before the apostrophe is what leans.
    tokens = [re.split(r"['’]", w)[0] for w in words(outside)]
    if not tokens:
        return True
    if tokens[0].lower() in _LEANING_WORDS:
        return True
    stop = stop_words()
    for position, token in enumerate(tokens):
        if token.lower() in _PERSONAL_PRONOUNS:
            return True  # a pronoun before any name
        if token.lower() in _CALENDAR:
            continue
        if token[0].isupper() and (position > 0 or token.lower() not in stop):
            return False
    return False


def _unnamed_attribution(outside: str) -> bool:
    """Whether ``outside`` (a sentence, its quotations blanked) attributes its words to "he",
    "she" or "they" and names nobody who could be meant."""
    attribution = _PRONOUN_ATTRIBUTION.search(outside)
    if attribution is None or _NAMED_SPEAKER.search(outside):
        return False
    singular = attribution.group(1).lower() != "they"
    return not (singular and _OPENS_ON_PERSON.match(outside))


def _open_quotation(text: str) -> bool:
    curly_open = text.count("“") - text.count("”")
    return curly_open != 0 or text.count('"') % 2 == 1


def _first_person(text: str) -> bool:
    """First person outside quotation marks: the writer speaking, not a quoted speaker."""
    return _FIRST_PERSON.search(_QUOTED.sub(" ", text)) is not None
