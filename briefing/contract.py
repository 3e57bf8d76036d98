"""The template contract: every name a template can use, with help text, and the reference page
generated from it.

Templates receive :func:`templating.template_context`: ``briefing`` (a :class:`Briefing`) and
``generator``. The help of each field lives on the model's dataclass field
(``field(metadata={"help": ...})`` in ``models.py``); the help of the derived properties is in
:data:`PROPERTY_HELP`, of the filters in :data:`templating.FILTERS`, of the blocks in
:data:`BLOCKS`. Tests fail when a field, property, filter, global or block has no help, and when
``docs/templates.md`` differs from :func:`reference_markdown`:

    python -m briefing.templating reference > docs/templates.md

:func:`context_document` is the same context as JSON-able data (``briefing context``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from collections.abc import Iterator
from typing import Any

from .markup import md_code
from .models import (
    Briefing,
    Citation,
    Claim,
    CopyEvidence,
    Coverage,
    Disagreement,
    Point,
    Quote,
    Section,
    Signals,
    Source,
)
from .templating import (
    DEFAULT_PREFIX,
    FILTERS,
    RenderLimits,
    Templates,
    load_templates,
    template_context,
)

VARIABLES: dict[str, tuple[str, str]] = {
    "briefing": ("Briefing", "The whole briefing: its fields are listed below."),
    "generator": ("text", 'The program and its version, for `<meta name="generator">`.'),
}
"""The names every template receives: name -> (type, help). Exactly the keys of the context."""

SECTION_VARIABLES: dict[str, tuple[str, str]] = {
    "section": ("Section", "The theme being written: one of `briefing.sections`."),
    "render_point(point)": (
        "text",
        "One point with its citations, written by the `point` block of the main template: "
        "`- text [1][3]` in Markdown, an `<li>` in HTML.",
    ),
    "loop": (
        "loop",
        "Where this theme is in `briefing.sections`: `loop.index` (1 for the first), "
        "`loop.first`, `loop.last`, `loop.length`.",
    ),
}
"""What section templates receive on top of :data:`VARIABLES`."""

PROPERTY_HELP: dict[tuple[type, str], str] = {
    (Briefing, "points"): "Every point of every theme, in order (the same as in `sections`).",
    (Point, "source_ids"): "Citation numbers of the sources carrying the point, ascending.",
    (Point, "single_source"): (
        "True when one report only carries the point: one source, or a source and its copies."
    ),
    (Briefing, "coverage"): (
        "The coverage table: per source, in `sources` order, how many points of each theme "
        "cite it. A theme no source has a point on has no `points` in `sections`."
    ),
    (Claim, "source_ids"): "Citation numbers of the sources giving the value, ascending.",
    (Quote, "source_ids"): "Citation numbers of the sources carrying the quotation, ascending.",
}
"""Help for the derived values (properties) of the models, which templates can read too."""

MODELS: dict[type, str] = {
    Briefing: "The whole briefing.",
    Section: "One theme of the briefing and its points.",
    Point: "One point: a sentence quoted word for word from a source, with its citations.",
    Citation: (
        "One source carrying a point (or a quote), and the sentence (the quotation) in it that "
        "carries it."
    ),
    Source: "One entry of the numbered source list.",
    CopyEvidence: "Why a source counts as a copy of another.",
    Disagreement: "Sources giving different figures or dates for the same statement.",
    Claim: "One side of a disagreement: a value and the sources giving it.",
    Signals: "Why a point was chosen: the factors its score is the product of.",
    Coverage: "One row of the coverage table: a source and its points per theme.",
    Quote: "One key quote: a direct quotation word for word, its speaker, the sources carrying it.",
}
"""The objects templates receive, with one line of help each."""

LOOP_NAMES: dict[type, str] = {
    Section: "section",
    Point: "point",
    Source: "source",
    Disagreement: "disagreement",
    Claim: "claim",
    Coverage: "row",
    Quote: "quote",
}
"""What the bundled templates call one item of each list."""

TEMPLATES: dict[str, str] = {
    "briefing.md.j2": "The Markdown briefing (format `md`).",
    "briefing.html.j2": (
        "The web page (format `html`); printed with the rules of `print.css` it is also the "
        "PDF (format `pdf`)."
    ),
    "section.md.j2": (
        "One theme in the Markdown briefing. `section-<theme key>.md.j2`, if a template "
        "folder has it, replaces it for that theme."
    ),
    "section.html.j2": (
        "One theme in the web page and the PDF. `section-<theme key>.html.j2`, if a "
        "template folder has it, replaces it for that theme."
    ),
    "print.css": (
        "The look of the web page and the PDF, pasted into the page by `briefing.html.j2`."
    ),
}
"""Every bundled file, with what it renders."""

_MAIN_BLOCKS = {
    "masthead": "The title, the date and the number of sources.",
    "summary": "The line counting the points and themes.",
    "sections": "All the themes, one after the other.",
    "section": (
        "One theme: defines `render_point` and includes `section-<theme key>.*.j2` or "
        "`section.*.j2`."
    ),
    "point": "One point, its text and its citations (what `render_point` writes).",
    "citations": "The citation numbers after a point.",
    "corroboration": (
        "After the citations: how many sources carry the point and how many are independent "
        "(`single source`, `3 sources, 2 independent`)."
    ),
    "disagreements": (
        "Under a point, one line per figure or date other sources give differently "
        "(`Sources differ: 524 [5] vs 500 [3].`)."
    ),
    "coverage": (
        "The coverage table (sources as rows, themes as columns, the number of points citing "
        "each source) and the note naming any theme no source covered."
    ),
    "quotes": (
        "The key quotes, after the themes: each with its speaker (or a note that it is not "
        "identified) and its citations; nothing when there are none."
    ),
    "quote": "One key quote: speaker, quotation, citations.",
    "sources": "The numbered list of sources.",
    "source": (
        "One source: headline, outlet, date, carriers, the source it repeats, web address, file."
    ),
    "footer": "The closing note: how the points are chosen, and the summarizer.",
}
_SECTION_BLOCKS = {
    "heading": "The theme's title and description.",
    "points": "The theme's points, or the note that it has none.",
}
BLOCKS: dict[str, dict[str, str]] = {
    "briefing.md.j2": _MAIN_BLOCKS,
    "briefing.html.j2": {
        "styles": "The `<style>` element holding `print.css`; add `<link>` elements for more.",
        **_MAIN_BLOCKS,
    },
    "section.md.j2": _SECTION_BLOCKS,
    "section.html.j2": _SECTION_BLOCKS,
}
"""The blocks of each bundled template, with what each shows."""

GLOBALS: dict[str, tuple[str, str]] = {
    "range": (
        "Numbers to loop over: range(3) is 0, 1, 2 (at most 100,000 numbers).",
        "{% for n in range(1, 4) %}{{ n }} {% endfor %}",
    ),
    "dict": (
        "A lookup table written in the template.",
        "{% set short = dict(proposal='Offer', conditions='Terms') %}"
        "{{ short[briefing.sections[0].key] }}",
    ),
    "namespace": (
        "A box whose values a loop can change, for counting.",
        "{% set ns = namespace(n=0) %}{% for s in briefing.sections %}"
        "{% set ns.n = ns.n + s.points|length %}{% endfor %}{{ ns.n }}",
    ),
    "cycler": (
        "Gives its values in turn, e.g. to alternate two styles.",
        "{% set row = cycler('odd', 'even') %}"
        "{% for s in briefing.sources %}{{ row.next() }} {% endfor %}",
    ),
    "joiner": (
        "Gives nothing the first time and the separator afterwards.",
        "{% set comma = joiner(', ') %}"
        "{% for s in briefing.sources %}{{ comma() }}{{ s.id }}{% endfor %}",
    ),
}
"""Jinja's global helpers left in the sandbox: name -> (help, example)."""

BUILTIN_FILTERS: dict[str, tuple[str, str]] = {
    "length": (
        "The number of items in a list, or of characters in a text.",
        "{{ briefing.sections|length }}",
    ),
    "default": (
        "A value to use instead of none (with true as second argument) or an undefined name.",
        "{{ briefing.sources[1].outlet|default('unknown outlet', true) }}",
    ),
    "join": ("The items of a list with a separator between them.", "{{ [1, 2, 3]|join(', ') }}"),
    "map": (
        "One attribute of every item of a list.",
        "{{ briefing.sections|map(attribute='key')|join(' ') }}",
    ),
    "selectattr": (
        "Only the items whose attribute is set (or passes a test).",
        "{{ briefing.sources|selectattr('url')|map(attribute='id')|join(' ') }}",
    ),
    "first": ("The first item of a list.", "{{ (briefing.sections|first).title }}"),
    "last": ("The last item of a list.", "{{ (briefing.sources|last).id }}"),
    "upper": ("Text in capitals.", "{{ briefing.sections[0].title|upper }}"),
    "truncate": (
        "Text cut at a word before the given length, ending in '...'.",
        "{{ briefing.sections[0].points[0].text|truncate(30) }}",
    ),
    "wordcount": (
        "The number of words of a text.",
        "{{ briefing.sections[0].points[0].text|wordcount }}",
    ),
    "replace": ("Text with a piece replaced.", "{{ 'Talks offer'|replace('offer', 'proposal') }}"),
}
"""Jinja's own filters used most in these templates: name -> (help, example). All of Jinja's
built-in filters work."""

JINJA_FILTERS_URL = "https://jinja.palletsprojects.com/en/stable/templates/#builtin-filters"


# --- The context as data -----------------------------------------------------------------------


def properties(cls: type) -> list[str]:
    """The public properties of ``cls``, in definition order."""
    return [
        name
        for name, value in vars(cls).items()
        if isinstance(value, property) and not name.startswith("_")
    ]


def context_document(briefing: Briefing) -> dict[str, Any]:
    """Exactly what templates receive for ``briefing``, as JSON-able data: each object's fields
    and properties, lists for tuples, ISO 8601 strings for dates."""
    return {name: _jsonable(value) for name, value in template_context(briefing).items()}


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data = {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
        data.update({name: _jsonable(getattr(value, name)) for name in properties(type(value))})
        return data
    if isinstance(value, (tuple, list)):
        return [_jsonable(item) for item in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"{type(value).__name__} in the template context has no JSON form")


# --- The documented variables ------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class Variable:
    """One documented value: its dotted path (``[]`` for any item of a list), type and help."""

    path: str
    type: Any
    help: str


def members(cls: type) -> Iterator[tuple[str, Any, str]]:
    """(name, type, help) of each field and property of a model."""
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        yield f.name, hints[f.name], str(f.metadata.get("help", ""))
    for name in properties(cls):
        getter = getattr(cls, name).fget
        yield name, typing.get_type_hints(getter)["return"], PROPERTY_HELP.get((cls, name), "")


def _item_model(tp: Any) -> type | None:
    """The model a type holds: ``Section`` for ``tuple[Section, ...]``, ``Source`` for Source,
    ``Signals`` for ``Signals | None``."""
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return tp
    if typing.get_origin(tp) is tuple:
        return _item_model(typing.get_args(tp)[0])
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        models = [m for m in map(_item_model, typing.get_args(tp)) if m is not None]
        return models[0] if len(models) == 1 else None
    return None


def _suffix(tp: Any) -> str:
    return "[]" if typing.get_origin(tp) is tuple else ""


def variables() -> list[Variable]:
    """Every value a template can reach from ``briefing``, by every path (a Point both as
    ``briefing.sections[].points[]`` and as ``briefing.points[]``)."""
    found: list[Variable] = []

    def walk(cls: type, prefix: str) -> None:
        for name, tp, text in members(cls):
            path = f"{prefix}.{name}"
            found.append(Variable(path, tp, text))
            model = _item_model(tp)
            if model is not None:
                walk(model, path + _suffix(tp))

    for name, (_, text) in VARIABLES.items():
        found.append(Variable(name, Briefing if name == "briefing" else str, text))
    walk(Briefing, "briefing")
    return found


def documented_paths() -> set[str]:
    """The dotted paths of :func:`variables`."""
    return {v.path for v in variables()}


def model_paths() -> dict[type, list[str]]:
    """Each model and the paths it is reached by, the first one the one it is documented at."""
    reached: dict[type, list[str]] = {}
    for variable in variables():
        model = _item_model(variable.type)
        if model is not None:
            reached.setdefault(model, []).append(variable.path + _suffix(variable.type))
    return reached


def type_label(tp: Any) -> str:
    """A type in words an editor reads: ``list of Point``, ``text or none``."""
    names = {str: "text", int: "whole number", float: "number", bool: "yes/no"}
    names |= {dt.date: "date", dt.datetime: "date and time"}
    if tp in names:
        return names[tp]
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return tp.__name__
    origin = typing.get_origin(tp)
    if origin is tuple:
        return f"list of {type_label(typing.get_args(tp)[0])}"
    if origin in (typing.Union, types.UnionType):
        parts = [type_label(arg) for arg in typing.get_args(tp) if arg is not type(None)]
        return " or ".join(parts) + (" or none" if type(None) in typing.get_args(tp) else "")
    return str(tp)


# --- The example briefing ----------------------------------------------------------------------


def example_briefing() -> Briefing:
    """A small fixed briefing: the examples of the reference page are rendered from it.

    Source 3 is a word-for-word copy of source 1, so the first point, cited by both, is a
    single report; source 2 gives another day for it (a disagreement)."""
    texts = (
        "The Kremlin proposed direct talks in Istanbul on Thursday.",
        "Kyiv said a 30-day ceasefire must come first.",
        "The Kremlin proposed direct talks in Istanbul on Friday.",
    )
    sources = (
        Source(
            id=1,
            key="000_bbc",
            path="examples/putin-talks/000_bbc.txt",
            title="Putin offers direct talks with Ukraine",
            outlet="BBC News",
            url="https://www.bbc.com/news/articles/c1",
            published=dt.date(2025, 5, 11),
        ),
        Source(
            id=2,
            key="001_notes",
            path="examples/putin-talks/001_notes.txt",
            title=None,
            outlet=None,
            url=None,
            published=None,
        ),
        Source(
            id=3,
            key="002_wire",
            path="examples/putin-talks/002_wire.txt",
            title="Putin offers direct talks with Ukraine",
            outlet="Daily Wire",
            url=None,
            published=dt.date(2025, 5, 11),
            copy_of=1,
            copy_evidence=CopyEvidence(
                compared_with=1, kind="verbatim", matched=18, sentences=20, share=0.9
            ),
        ),
    )

    def cite(n: int, text: str) -> Citation:
        return Citation(
            source=n, sentence_id=f"{sources[n - 1].key}:2:0", text=text, start=310, end=368
        )

    def point(
        text: str, cited: tuple[int, ...], signals: Signals, *disagreements: Disagreement
    ) -> Point:
        citations = tuple(cite(n, text) for n in cited)
        return Point(
            text=text,
            sentence_id=citations[0].sentence_id,
            quoted_from=cited[0],
            citations=citations,
            score=round(
                signals.rank * signals.corroboration * signals.theme_fit * signals.concreteness,
                6,
            ),
            rank_score=signals.rank,
            cue_score=1.5,
            support=len(cited),
            independent=signals.reports,
            disagreements=disagreements,
            signals=signals,
        )

    day = Disagreement(
        about="day",
        kind="day",
        claims=(
            Claim(value="Thursday", citations=(cite(1, texts[0]), cite(3, texts[0]))),
            Claim(value="Friday", citations=(cite(2, texts[2]),)),
        ),
    )
    return Briefing(
        title="Putin offers direct talks with Ukraine",
        date=dt.date(2025, 5, 11),
        generated=dt.datetime(2025, 5, 11, 7, 0, tzinfo=dt.UTC),
        summarizer="lexrank",
        sections=(
            Section(
                key="proposal",
                title="The proposal",
                description="What was offered, by whom, where and when.",
                points=(
                    point(
                        texts[0],
                        (1, 3),
                        Signals(
                            rank=0.91,
                            corroboration=1.0,
                            theme_fit=0.6875,
                            concreteness=0.8,
                            reports=1,
                            filler=False,
                        ),
                        day,
                    ),
                ),
            ),
            Section(
                key="conditions",
                title="The conditions",
                description="",
                points=(
                    point(
                        texts[1],
                        (2,),
                        Signals(
                            rank=0.64,
                            corroboration=1.0,
                            theme_fit=0.6875,
                            concreteness=0.666667,
                            reports=1,
                            filler=False,
                        ),
                    ),
                ),
            ),
        ),
        sources=sources,
        warnings=("theme 'reactions' has 0 point(s), fewer than min_points_per_theme = 2",),
        quotes=(
            Quote(
                text="We are ready to meet in Istanbul on Thursday.",
                speaker="Vladimir Putin",
                attribution="sentence",
                speaker_evidence=(
                    Citation(
                        source=1,
                        sentence_id="000_bbc:4:0",
                        text='"We are ready to meet in Istanbul on Thursday," Putin said.',
                        start=512,
                        end=571,
                    ),
                ),
                sentence_id="000_bbc:4:0",
                quoted_from=1,
                citations=tuple(
                    Citation(
                        source=n,
                        sentence_id=f"{sources[n - 1].key}:4:0",
                        text="We are ready to meet in Istanbul on Thursday.",
                        start=513,
                        end=558,
                    )
                    for n in (1, 2)
                ),
                score=1.25,
                support=2,
            ),
        ),
    )


# --- The reference page ------------------------------------------------------------------------


def _code(text: str) -> str:
    return md_code(text).replace("|", "\\|")


def _prose(text: str) -> str:
    """Help text in a table cell; `backticks` mark code."""
    pieces = text.split("`")
    for n, piece in enumerate(pieces):
        pieces[n] = piece.replace("|", "\\|")
        if n % 2 == 0:
            pieces[n] = pieces[n].replace("<", "&lt;")
    return "`".join(pieces)


def _example(value: Any) -> str:
    if isinstance(value, dict):
        return ""
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return f"{len(value)} item" + ("s" if len(value) != 1 else "")
    text = "none" if value is None else json.dumps(value, ensure_ascii=False)
    if len(text) > 48:
        text = text[:45] + "…" + text[-1]
    return _code(text)


def _value_at(document: Any, path: str) -> Any:
    """The value at ``path``, from the first item of each list that has one (not none)."""
    part, _, rest = path.partition(".")
    if document is None:
        return None
    value = document[part.removesuffix("[]")]
    items = value if part.endswith("[]") else [value]
    for item in items:
        found = _value_at(item, rest) if rest else item
        if found is not None:
            return found
    return None


def _render_example(templates: Templates, source: str, context: dict[str, Any]) -> str:
    return str(templates.environment.from_string(source).render(context))


def reference_markdown() -> str:
    """The reference page for template editors (``docs/templates.md``), generated from the
    code: templates, variables, filters, helpers, blocks, limits."""
    templates = load_templates([])
    example = example_briefing()
    context = {**template_context(example), "generator": "briefing 0.1.0"}
    document = {**context_document(example), "generator": context["generator"]}
    limits = RenderLimits()
    out: list[str] = []
    add = out.append

    add("# Template reference")
    add("")
    add(
        "<!-- Generated from the code by `python -m briefing.templating reference > "
        "docs/templates.md`; do not edit by hand. A test fails when this page and the code "
        "disagree. -->"
    )
    add("")
    add(
        "Everything a template can use: the templates and how they are found, the variables "
        "with their types, the filters and helpers, and the blocks that can be replaced one at "
        "a time. The examples are rendered from a small example briefing. To see the values "
        "of your own briefing, run `briefing context`; to check your templates, "
        "`briefing check`."
    )
    add("")
    add("## Templates")
    add("")
    add("| Template | What it renders |")
    add("| --- | --- |")
    for name, text in TEMPLATES.items():
        add(f"| {_code(name)} | {_prose(text)} |")
    add("")
    add(
        "A template is found by its file name: first in the editor's template folders "
        "(`output.templates` in config.toml, and an edition's `templates`), in order, then "
        "among the bundled templates above. `briefing templates list` shows which file is "
        "used; `briefing templates copy NAME` copies a bundled template into your folder to "
        "change it."
    )
    add("")
    add(
        f"- `{DEFAULT_PREFIX}NAME` always names the bundled template, so your file can start "
        'with `{% extends "default:briefing.md.j2" %}` and replace only some blocks (listed '
        "below); `{{ super() }}` inside a block writes the bundled content."
    )
    add(
        "- Each theme is written by the most specific section template found in any folder: "
        "`section-<theme key>.md.j2` (for the theme whose `key` is that), else "
        "`section.md.j2`; the same with `.html.j2` for the web page and the PDF."
    )
    add(
        "- Images, fonts and stylesheets the PDF uses are read from the template folders "
        '(`<img src="logo.png">`, `url(fonts/serif.woff2)`), the editor\'s first.'
    )
    add("")
    add("## Variables")
    add("")
    add("### In every template")
    add("")
    add("| Variable | Type | What it is | Example |")
    add("| --- | --- | --- | --- |")
    for name, (kind, text) in VARIABLES.items():
        add(f"| {_code(name)} | {kind} | {_prose(text)} | {_example(document[name])} |")
    add("")
    add("### In section templates")
    add("")
    add("| Variable | Type | What it is |")
    add("| --- | --- | --- |")
    for name, (kind, text) in SECTION_VARIABLES.items():
        add(f"| {_code(name)} | {kind} | {_prose(text)} |")
    add("")
    add(
        "`[]` in a path stands for any item of a list: loop over it with "
        "`{% for point in section.points %}`, or take one with `briefing.sections[0]`. "
        "`none` is Jinja's name for a missing value: test it with `{% if source.url %}`. "
        "The examples are written as `briefing context` prints them (JSON)."
    )
    for model, paths in model_paths().items():
        add("")
        add(f"### {model.__name__}")
        add("")
        reached = ", ".join(_code(p) for p in paths)
        called = (
            f"; called {_code(LOOP_NAMES[model])} in the bundled templates"
            if model in LOOP_NAMES
            else ""
        )
        add(f"{_prose(MODELS[model])} Reached as {reached}{called}.")
        add("")
        add("| Variable | Type | What it is | Example |")
        add("| --- | --- | --- | --- |")
        for name, tp, text in members(model):
            path = f"{paths[0]}.{name}"
            value = _value_at(document, path)
            add(f"| {_code(path)} | {type_label(tp)} | {_prose(text)} | {_example(value)} |")
    add("")
    add("## Filters")
    add("")
    add("A filter changes the value before it: `{{ briefing.date|date }}`. Filters of briefing:")
    add("")
    add("| Filter | What it does | Example | Gives |")
    add("| --- | --- | --- | --- |")
    for name, filter_doc in FILTERS.items():
        result = _render_example(templates, filter_doc.example, context)
        add(
            f"| {_code(name)} | {_prose(filter_doc.help)} | {_code(filter_doc.example)} "
            f"| {_code(result)} |"
        )
    add("")
    add(f"Jinja's own filters used most ([all of them]({JINJA_FILTERS_URL}) work):")
    add("")
    add("| Filter | What it does | Example | Gives |")
    add("| --- | --- | --- | --- |")
    for name, (text, source) in BUILTIN_FILTERS.items():
        result = _render_example(templates, source, context)
        add(f"| {_code(name)} | {_prose(text)} | {_code(source)} | {_code(result)} |")
    add("")
    add(
        "In Markdown templates put `|md` last on text from the articles or the config, after "
        "any other filter: `{{ point.text|truncate(80)|md }}`. Never use `|safe` on such text "
        "in HTML templates: it would let an article's HTML into the page."
    )
    add("")
    add("## Helpers")
    add("")
    add("| Name | What it does | Example | Gives |")
    add("| --- | --- | --- | --- |")
    for name, (text, source) in GLOBALS.items():
        result = _render_example(templates, source, context)
        add(f"| {_code(name)} | {_prose(text)} | {_code(source)} | {_code(result)} |")
    add("")
    add("## Blocks")
    add("")
    add(
        'A file that starts with `{% extends "default:NAME" %}` replaces only the blocks it '
        "defines, e.g. `{% block footer %}Prepared by the news desk.{% endblock %}`. A block "
        "name that the template does not have is an error."
    )
    for name, blocks in BLOCKS.items():
        add("")
        add(f"### {name}")
        add("")
        add("| Block | What it shows |")
        add("| --- | --- |")
        for block, text in blocks.items():
            add(f"| {_code(block)} | {_prose(text)} |")
    add("")
    add("## Limits")
    add("")
    add(
        "Templates run in Jinja's sandbox: they can read the values above and nothing else "
        "(no files outside the template folders, no Python internals, no network), and "
        "cannot change them. Text from the articles is always shown as written, never run as "
        "a template or read as Markdown or HTML. A misspelt name is an error naming the file, "
        "the line and the closest valid name, never an empty space. A template is stopped "
        "with an error naming it when:"
    )
    add("")
    add(f"- its output passes {limits.max_chars:,} characters;")
    add(f"- it runs longer than {limits.max_seconds:g} seconds;")
    add(
        f"- its loops over `range()` take more than {limits.max_range_items:,} steps in all "
        "(one `range()` gives at most 100,000 numbers)."
    )
    return "\n".join(out) + "\n"
