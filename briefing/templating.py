"""The template engine: a sandboxed Jinja environment with limits, errors editors can act on,
and the template commands (check, list, copy).

Part of the render stage: ``render.py`` renders the formats through :func:`load_templates`;
``contract.py`` documents what templates receive (``docs/templates.md``).

Lookup
------
A template name is a file name inside a template folder. The editor's folders are searched
first, in order, then the bundled folder (:func:`bundled_template_dir`). ``default:NAME`` always
names the bundled file, so an override can ``{% extends "default:briefing.md.j2" %}`` and
replace single blocks. Each theme is rendered by the most specific section template found in
any folder: ``section-<theme key>.md.j2``, else ``section.md.j2`` (``.html.j2`` likewise).
Names starting with ``/``, holding ``..`` or ``\\``, and files reached through a link pointing out
of their folder are refused: a template can read nothing outside the template folders.

Safety and limits
-----------------
Jinja runs in ``ImmutableSandboxedEnvironment`` (no ``_private`` or Python-internal attribute,
no changing lists or dicts) with ``StrictUndefined``, so a misspelt name is an error naming the
file, the line and the closest valid name. Article text is only ever data. A render is stopped
with a ``TemplateError`` naming the template when it

- writes more than :attr:`RenderLimits.max_chars` characters (counted while generating) or
  builds a value that large (``"x" * 10**9``, a ``namespace`` attribute, a filter result);
- runs longer than :attr:`RenderLimits.max_seconds` (checked on every chunk of output, attribute
  access, call, filter and ``range`` step);
- steps through more than :attr:`RenderLimits.max_range_items` numbers of ``range()`` in total;
  one ``range()`` holds at most 100,000 numbers (Jinja's ``MAX_RANGE``);
- computes a power with more than 100,000 bits (``9**9**9``).

Generator: ``python -m briefing.templating reference > docs/templates.md``.
"""

from __future__ import annotations

import contextvars
import dataclasses
import datetime as dt
import difflib
import functools
import importlib.resources
import re
import shutil
import sys
import time
import typing
import urllib.parse
from collections.abc import (
    Callable,
    Generator,
    Iterator,
    Mapping,
    MutableMapping,
    Sequence,
    Sized,
)
from pathlib import Path, PurePosixPath
from types import FrameType, TracebackType
from typing import Any, NamedTuple

import jinja2
from jinja2 import nodes
from jinja2.debug import get_template_locals
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context, TemplateReference
from jinja2.sandbox import ImmutableSandboxedEnvironment, safe_range
from jinja2.utils import Namespace, missing

from . import __version__
from .errors import TemplateError
from .markup import escape_markdown, md_code
from .models import Briefing
from .text import counted, stop_words

MARKDOWN_TEMPLATE = "briefing.md.j2"
HTML_TEMPLATE = "briefing.html.j2"
MAIN_TEMPLATES = {"md": MARKDOWN_TEMPLATE, "html": HTML_TEMPLATE}
"""Template format -> main template. The PDF is the HTML printed; JSON has no template."""
SECTION_TEMPLATES = {"md": "section.md.j2", "html": "section.html.j2"}
"""Template format -> the section template used for a theme without its own."""
DEFAULT_PREFIX = "default:"

# Templates whose output is HTML or XML get autoescaping; Markdown and CSS do not (Markdown
# escapes explicitly with the md filter, CSS holds no data).
_AUTOESCAPED_SUFFIXES = (".html.j2", ".htm.j2", ".xml.j2", ".html", ".htm", ".xml")
_SECTION_NAME = re.compile(r"^section-(?P<key>[^/]+)\.(?P<fmt>md|html)\.j2$")
_THEME_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_MAX_POWER_BITS = 100_000

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def bundled_template_dir() -> Path:
    """Return the folder of the bundled templates.

    An installed wheel carries a copy inside the package (``briefing/templates``, see
    ``pyproject.toml``); an editable checkout uses ``templates/`` at the top of the repository.
    """
    packaged = importlib.resources.files("briefing") / "templates"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "templates"


def display_path(path: str | Path) -> str:
    """``path`` as the editor sees it: relative to the current folder when inside it."""
    try:
        return str(Path(path).relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# --- Filters -----------------------------------------------------------------------------------


def format_date(value: dt.date | None) -> str:
    """``11 May 2025`` (English month names whatever the locale); ``""`` for None."""
    if value is None:
        return ""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def _iso(value: dt.date | None) -> str:
    return "" if value is None else value.isoformat()


def _basename(path: str) -> str:
    return PurePosixPath(path.replace("\\", "/").rstrip("/")).name or path


def _web_url(url: str | None) -> str:
    """``url`` if it is an http(s) URL safe to print as a link target, else ``""``."""
    if not url:
        return ""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    if any(c.isspace() or c in '<>"`\\' or ord(c) < 32 for c in url):
        return ""
    return url


def _in_sentence(text: str) -> str:
    """Words quoted from the start of a sentence, set inside another: a capital that only
    opened the sentence is lowered ("At least 15 people" -> "at least 15 people"); a name
    keeps its capital ("Monday", "Kyiv")."""
    first = text.split(" ", 1)[0]
    if first[:1].isupper() and first[1:].islower() and first.lower() in stop_words():
        return text[0].lower() + text[1:]
    return text


def _at_start(text: str) -> str:
    """Words set at the start of a line or sentence: the first letter raised, the rest kept
    ("the company" -> "The company"; "eBay" stays as it is)."""
    first = text.split(" ", 1)[0]
    if first[:1].islower() and not any(c.isupper() for c in first):
        return text[0].upper() + text[1:]
    return text


@dataclasses.dataclass(frozen=True, slots=True)
class FilterDoc:
    """A filter of briefing: the function, one line of help, and an example expression (rendered
    against the example briefing in ``docs/templates.md``, so the result shown is real)."""

    function: Callable[..., str]
    help: str
    example: str


FILTERS: dict[str, FilterDoc] = {
    "md": FilterDoc(
        escape_markdown,
        "Text from the articles or the config made safe for Markdown: it shows exactly as "
        "written, never as formatting. Required on such text in .md templates.",
        "{{ '*Breaking*: 1. <b>Q&A</b>'|md }}",
    ),
    "md_code": FilterDoc(
        md_code,
        "A file path or web address as Markdown code, shown exactly as it is.",
        "{{ briefing.sources[0].path|md_code }}",
    ),
    "date": FilterDoc(
        format_date,
        "A date as day, month name and year; nothing for none.",
        "{{ briefing.date|date }}",
    ),
    "iso": FilterDoc(
        _iso,
        "A date, or date and time, in ISO 8601 (for datetime= attributes); nothing for none.",
        "{{ briefing.generated|iso }}",
    ),
    "plural": FilterDoc(
        counted,
        "A count with its noun, singular for 1; give the plural when it is not noun + s.",
        "{{ briefing.sources|length|plural('source') }}, {{ 1|plural('story', 'stories') }}",
    ),
    "in_sentence": FilterDoc(
        _in_sentence,
        "Words quoted from the start of a sentence, set inside another: a capital that only "
        "opened the sentence is lowered (a name keeps its capital).",
        "{{ 'At least 15 people'|in_sentence }}, {{ 'Monday'|in_sentence }}",
    ),
    "at_start": FilterDoc(
        _at_start,
        "Words set at the start of a line: a first letter in lower case is raised (a speaker "
        "described as 'the company'); a name written with a capital inside ('eBay') is kept.",
        "{{ 'the company'|at_start }}, {{ 'eBay'|at_start }}",
    ),
    "basename": FilterDoc(
        _basename,
        "The last part of a file path or web address.",
        "{{ briefing.sources[0].path|basename }}",
    ),
    "web_url": FilterDoc(
        _web_url,
        "The address if it is a plain http(s) link safe to print as one, else nothing.",
        "{{ briefing.sources[0].url|web_url }}",
    ),
}
"""The filters briefing adds to Jinja's own, documented in docs/templates.md."""


# --- Limits ------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class RenderLimits:
    """How far one render may go before it is stopped with a ``TemplateError``."""

    max_chars: int = 20_000_000
    max_seconds: float = 10.0
    max_range_items: int = 10_000_000


class _LimitError(jinja2.TemplateRuntimeError):
    """A render went over a :class:`RenderLimits` limit; ``where`` is (file, line) if known."""

    def __init__(self, message: str, where: tuple[str, int] | None = None) -> None:
        super().__init__(message)
        self.where = where


class _Budget:
    """What one render has used so far."""

    __slots__ = ("deadline", "limits", "range_items")

    def __init__(self, limits: RenderLimits) -> None:
        self.limits = limits
        self.deadline = time.monotonic() + limits.max_seconds
        self.range_items = 0

    def check_time(self, where: tuple[str, int] | None = None) -> None:
        if time.monotonic() > self.deadline:
            raise _LimitError(
                f"stopped after {self.limits.max_seconds:g} seconds: the template takes too "
                "long (a loop that runs too often?)",
                where,
            )


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar(
    "briefing_template_budget", default=None
)


def _tick() -> None:
    budget = _BUDGET.get()
    if budget is not None:
        budget.check_time()


def _max_chars() -> int:
    budget = _BUDGET.get()
    return (budget.limits if budget else RenderLimits()).max_chars


def _check_size(value: Any) -> None:
    """Refuse a string, list or mapping longer than the output limit."""
    if isinstance(value, (str, list, tuple, dict)) and len(value) > _max_chars():
        raise _LimitError(
            f"stopped: a value of {len(value):,} characters or items is over the limit of "
            f"{_max_chars():,}"
        )


class _Range(Sequence[int]):
    """``range()`` in templates: at most 100,000 numbers (Jinja's ``safe_range``), and every
    step, forwards or backwards, counts towards the render's time and ``max_range_items``."""

    __slots__ = ("_numbers",)

    def __init__(self, *args: int) -> None:
        self._numbers = safe_range(*args)

    def __len__(self) -> int:
        return len(self._numbers)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            part = self._numbers[index]
            return _Range(part.start, part.stop, part.step)
        return self._numbers[index]

    def __contains__(self, value: object) -> bool:
        return value in self._numbers

    def __iter__(self) -> Iterator[int]:
        return _counted(iter(self._numbers))

    def __reversed__(self) -> Iterator[int]:
        return _counted(reversed(self._numbers))

    def __repr__(self) -> str:
        return repr(self._numbers)


def _counted(numbers: Iterator[int]) -> Iterator[int]:
    budget = _BUDGET.get()
    for number in numbers:
        if budget is not None:
            budget.range_items += 1
            if budget.range_items > budget.limits.max_range_items:
                raise _LimitError(
                    f"stopped after {budget.limits.max_range_items:,} steps of range(): "
                    "loops inside loops running too often?"
                )
            if not budget.range_items & 1023:
                budget.check_time()
        yield number


class _Namespace(Namespace):
    """``namespace()`` whose attributes cannot grow past the output limit."""

    def __setitem__(self, name: str, value: Any) -> None:
        _tick()
        _check_size(value)
        super().__setitem__(name, value)


def _guarded_filter(function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that counts towards the time limit and cannot return a value over the size
    limit. Jinja's own filters receive undefined values as they are (``default`` needs them)."""

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _tick()
        result = function(*args, **kwargs)
        _check_size(result)
        return result

    return guarded


def _strict_filter(function: Callable[..., Any]) -> Callable[..., Any]:
    """One of briefing's filters: an undefined value given to it is the error it is (naming the
    misspelt name), not a confusing failure inside the filter."""

    @functools.wraps(function)
    def strict(*args: Any, **kwargs: Any) -> Any:
        for value in (*args, *kwargs.values()):
            if isinstance(value, jinja2.Undefined):
                str(value)  # raises UndefinedError; records the problem while checking
                return ""
        return function(*args, **kwargs)

    return strict


# --- Undefined names: messages with suggestions ------------------------------------------------


def _suggestion(name: str, candidates: Sequence[str]) -> str:
    close = difflib.get_close_matches(name, list(dict.fromkeys(candidates)), n=1, cutoff=0.6)
    return f" — did you mean {close[0]!r}?" if close else ""


def _attribute_names(obj: Any) -> list[str]:
    """The names a template can read on ``obj``: fields and properties of our models, keys of
    a mapping, else the public attributes."""
    if dataclasses.is_dataclass(obj):
        properties = [
            name
            for name, value in vars(type(obj)).items()
            if isinstance(value, property) and not name.startswith("_")
        ]
        return [f.name for f in dataclasses.fields(obj)] + properties
    if isinstance(obj, Mapping):
        return [str(key) for key in obj]
    return [name for name in dir(obj) if not name.startswith("_")]


def _no_attribute(obj: Any, name: Any) -> str:
    kind = type(obj).__name__
    if isinstance(obj, TemplateReference) and isinstance(name, str):
        blocks = list(obj._TemplateReference__context.blocks)  # type: ignore[attr-defined]
        return f"no block named {name!r}" + (
            _suggestion(name, blocks) or f"; the blocks are {', '.join(blocks)}"
        )
    if not isinstance(name, str):
        size = f" (it has {len(obj)})" if isinstance(obj, Sized) else ""
        return f"{kind!r} has no item {name!r}{size}"
    names = _attribute_names(obj)
    message = f"{kind!r} has no attribute {name!r}"
    hint = _suggestion(name, names)
    if not hint and dataclasses.is_dataclass(obj):
        hint = f"; it has {', '.join(names)}"
    return message + hint


def _undefined_message(undefined: jinja2.Undefined) -> str:
    if undefined._undefined_hint:
        return undefined._undefined_hint
    if undefined._undefined_obj is missing:
        return f"{undefined._undefined_name!r} is undefined"
    return _no_attribute(undefined._undefined_obj, undefined._undefined_name)


class _StrictUndefined(jinja2.StrictUndefined):
    """Using an undefined value is an error whose message suggests the closest valid name;
    printing a list holding one too (``briefing.sections|map(attribute="x")|list``)."""

    __slots__ = ()
    __repr__ = jinja2.StrictUndefined._fail_with_undefined_error

    @property
    def _undefined_message(self) -> str:
        return _undefined_message(self)


_RECORDER: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar(
    "briefing_template_recorder", default=None
)


class _CheckingUndefined(jinja2.Undefined):
    """For :func:`check_templates`: using an undefined value records the problem (file, line,
    message) and goes on as if it were empty, so one check reports every misspelt name."""

    __slots__ = ()

    def _record(self) -> None:
        problems = _RECORDER.get()
        if problems is None:
            self._fail_with_undefined_error()
        frame = _innermost_template_frame(sys._getframe(1))
        message = self._undefined_message
        if self._undefined_exception is SecurityError:
            message = f"not allowed in a template: {message}"
        if frame is None:
            problems.append(message)
            return
        template = frame.f_globals["__jinja_template__"]
        line = template.get_corresponding_lineno(frame.f_lineno)
        if self._undefined_obj is missing and not self._undefined_hint:
            message += _suggestion(str(self._undefined_name), _names_in_frame(frame))
        problems.append(_located(template.filename or template.name, line, message))

    def __str__(self) -> str:
        self._record()
        return ""

    def __html__(self) -> str:
        self._record()
        return ""

    @property
    def _undefined_message(self) -> str:
        return _undefined_message(self)

    def __iter__(self) -> Iterator[Any]:
        self._record()
        return iter(())

    def __bool__(self) -> bool:
        self._record()
        return False

    def __len__(self) -> int:
        self._record()
        return 0

    def __getattr__(self, name: str) -> Any:
        if name[:2] == "__" and name[-2:] == "__":
            raise AttributeError(name)
        self._record()
        return self

    def __getitem__(self, key: Any) -> Any:
        self._record()
        return self

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self._record()
        return self

    def __eq__(self, other: object) -> bool:
        self._record()
        return False

    def __ne__(self, other: object) -> bool:
        self._record()
        return True

    def __hash__(self) -> int:
        return id(type(self))


def _innermost_template_frame(frame: FrameType | None) -> FrameType | None:
    while frame is not None:
        if "__jinja_template__" in frame.f_globals:
            return frame
        frame = frame.f_back
    return None


def _names_in_frame(frame: FrameType) -> list[str]:
    """The variable names visible in a compiled template's frame."""
    return [str(name) for name in get_template_locals(frame.f_locals)]


# --- The environment ---------------------------------------------------------------------------


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, plus the render limits and a check of overridden blocks."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._checked_blocks: set[str] = set()
        self.refuse_unknown_blocks = True  # check_templates reports them itself, and goes on

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        _tick()
        if operator == "*":
            for sequence, count in ((left, right), (right, left)):
                if (
                    isinstance(sequence, (str, list, tuple))
                    and isinstance(count, int)
                    and len(sequence) * count > _max_chars()
                ):
                    raise _LimitError(
                        f"stopped: {len(sequence) * count:,} characters or items is over "
                        f"the limit of {_max_chars():,}"
                    )
        elif (
            operator == "**"
            and isinstance(left, int)
            and isinstance(right, int)
            and right > 0
            and right * max(abs(left).bit_length() - 1, 0) > _MAX_POWER_BITS
        ):
            raise _LimitError(f"stopped: the number {left}**{right} is too large")
        result = super().call_binop(context, operator, left, right)
        _check_size(result)
        return result

    def getattr(self, obj: Any, attribute: str) -> Any:
        _tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        _tick()
        return super().getitem(obj, argument)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _tick()
        for value in (*args, *kwargs.values()):
            _check_size(value)
        result = super().call(__context, __obj, *args, **kwargs)
        _check_size(result)
        return result

    def _load_template(
        self, name: str, globals: MutableMapping[str, Any] | None
    ) -> jinja2.Template:
        template = super()._load_template(name, globals)
        if self.refuse_unknown_blocks and name not in self._checked_blocks:
            for filename, line, message in unknown_blocks(self, name):
                raise jinja2.TemplateSyntaxError(message, line, name, filename)
            self._checked_blocks.add(name)
        return template


class _Loader(jinja2.BaseLoader):
    """Templates by name from ``search_path`` in order; ``default:NAME`` from ``bundled`` only.

    Only plain relative names are served, and only files whose real location (links followed)
    is inside the folder they were found in.
    """

    def __init__(self, search_path: tuple[Path, ...], bundled: Path) -> None:
        self.search_path = search_path
        self.bundled = bundled

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        folders, name = self.search_path, template
        if name.startswith(DEFAULT_PREFIX):
            folders, name = (self.bundled,), name[len(DEFAULT_PREFIX) :]
        parts = _name_parts(template, name)
        for folder in folders:
            path = folder.joinpath(*parts)
            if not path.is_file():
                continue
            real = path.resolve()
            if not real.is_relative_to(folder):
                raise jinja2.TemplateNotFound(
                    template,
                    f"{display_path(path)} links to {real}, outside its template folder; "
                    "it is not read (copy the file into the folder instead)",
                )
            try:
                source = real.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                raise TemplateError(
                    f"{display_path(path)}: not UTF-8 text; save it as UTF-8"
                ) from None
            return source, str(path), lambda: True
        raise jinja2.TemplateNotFound(template)

    def list_templates(self) -> list[str]:
        names: set[str] = set()
        for folder in self.search_path:
            names.update(_folder_files(folder))
        names.update(DEFAULT_PREFIX + name for name in _folder_files(self.bundled))
        return sorted(names)


def _name_parts(template: str, name: str) -> list[str]:
    """The path parts of a template name; refuses absolute names, ``..`` and backslashes."""
    parts = name.split("/")
    if (
        not name
        or name.startswith("/")
        or "\\" in name
        or "\x00" in name
        or re.match(r"^[A-Za-z]:", name)
        or ".." in parts
    ):
        raise jinja2.TemplateNotFound(
            template,
            f"template name {template!r} refused: a template is named by its file name inside "
            "a template folder (no '/' at the start, no '..', no '\\')",
        )
    return [part for part in parts if part not in ("", ".")]


def _autoescape(template_name: str | None) -> bool:
    return template_name is not None and template_name.endswith(_AUTOESCAPED_SUFFIXES)


def _folder_files(folder: Path) -> dict[str, Path]:
    """Every file under ``folder`` by its template name (hidden files and backups left out)."""
    found: dict[str, Path] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") or part == "__pycache__" for part in relative.parts):
            continue
        if path.is_file() and not path.name.endswith("~"):
            found[relative.as_posix()] = path
    return found


@dataclasses.dataclass(frozen=True, slots=True)
class Templates:
    """The Jinja environment of one render, the folders it searches in order, and its limits."""

    environment: jinja2.Environment
    search_path: tuple[Path, ...]
    limits: RenderLimits = RenderLimits()

    def render(self, name: str, context: Mapping[str, Any]) -> str:
        """Render template ``name`` within :attr:`limits`. Every failure becomes a
        ``TemplateError`` naming the template file and line, the problem, and for a misspelt
        name the closest valid one."""
        try:
            return self._render(name, context)
        except Exception as exc:
            raise TemplateError(self.describe(exc, name)) from exc

    def _render(self, name: str, context: Mapping[str, Any]) -> str:
        template = self.environment.get_template(name)
        budget = _Budget(self.limits)
        token = _BUDGET.set(budget)
        try:
            stream = typing.cast(Generator[str, None, None], template.generate(context))
            parts: list[str] = []
            size = 0
            for chunk in stream:
                size += len(chunk)
                if size > self.limits.max_chars:
                    where = _suspended_location(stream)
                    stream.close()
                    raise _LimitError(
                        f"stopped: the output passed {self.limits.max_chars:,} characters "
                        "(a loop that runs too often?)",
                        where or (template.filename or name, 0),
                    )
                if time.monotonic() > budget.deadline:
                    budget.check_time(_suspended_location(stream))
                parts.append(chunk)
            return "".join(parts)
        finally:
            _BUDGET.reset(token)

    def describe(self, exc: BaseException, name: str) -> str:
        """One line: ``file, line N: problem`` for ``exc`` raised while rendering ``name``."""
        if isinstance(exc, TemplateError):
            return str(exc)
        filename: str | None = None
        line = 0
        names: list[str] = []
        if isinstance(exc, jinja2.TemplateSyntaxError):
            filename, line = exc.filename or exc.name, exc.lineno
        elif isinstance(exc, _LimitError) and exc.where is not None:
            filename, line = exc.where
        else:
            frame = self._template_frame(exc.__traceback__)
            if frame is not None:
                filename, line = frame.tb_frame.f_code.co_filename, frame.tb_lineno
                names = [str(n) for n in frame.tb_frame.f_locals]
        problem = self._problem(exc, names)
        if filename is None and isinstance(exc, jinja2.TemplateNotFound) and exc.name == name:
            return problem  # the template asked for is the one missing: no file to name
        return _located(filename or self._filename(name), line, problem)

    def _problem(self, exc: BaseException, names: list[str]) -> str:
        unknown = re.match(r"No (filter|test) named '([^']*)'", str(exc))
        if isinstance(exc, jinja2.TemplateError) and unknown:
            kind, misspelt = unknown.groups()
            known = self.environment.filters if kind == "filter" else self.environment.tests
            return f"unknown {kind} {misspelt!r}" + _suggestion(misspelt, list(known))
        if isinstance(exc, jinja2.TemplatesNotFound):
            tried = ", ".join(repr(n) for n in exc.templates)
            return f"none of the templates {tried} found in {self._searched()}"
        if isinstance(exc, jinja2.TemplateNotFound):
            if exc.message and exc.message != exc.name:
                return exc.message
            return f"template {exc.name!r} not found in {self._searched()}"
        if isinstance(exc, jinja2.TemplateSyntaxError):
            if exc.message and exc.message.startswith("block "):
                return exc.message
            return f"syntax error: {exc.message}"
        if isinstance(exc, jinja2.UndefinedError):
            message = exc.message or "undefined"
            variable = re.fullmatch(r"'([^']+)' is undefined", message)
            if variable:
                message += _suggestion(variable.group(1), [*names, *self.environment.globals])
            return message
        if isinstance(exc, SecurityError):
            return f"not allowed in a template: {exc.message}"
        if isinstance(exc, _LimitError):
            return str(exc.message)
        if isinstance(exc, OverflowError) and "MAX_RANGE" in str(exc):
            return "stopped: range() gives at most 100,000 numbers"
        if isinstance(exc, RecursionError):
            return "stopped: a macro or include calls itself without end"
        return f"{exc} ({type(exc).__name__})"

    def _template_frame(self, tb: TracebackType | None) -> TracebackType | None:
        """The innermost traceback entry in a template file (Jinja rewrites tracebacks so that
        template code shows with the template's file name and line)."""
        found = None
        while tb is not None:
            filename = tb.tb_frame.f_code.co_filename
            if self._is_template_file(filename):
                found = tb
            tb = tb.tb_next
        return found

    def _is_template_file(self, filename: str) -> bool:
        path = Path(filename)
        return path.is_absolute() and any(path.is_relative_to(d) for d in self.search_path)

    def _filename(self, name: str) -> str:
        loader = self.environment.loader
        try:
            if loader is not None:
                return loader.get_source(self.environment, name)[1] or name
        except Exception:  # the name itself is the problem
            pass
        return name

    def _searched(self) -> str:
        folders = [display_path(d) for d in self.search_path]
        folders[-1] += " (bundled)"
        return ", ".join(folders)


def _located(filename: str | None, line: int, problem: str) -> str:
    where = display_path(filename) if filename else "template"
    return f"{where}, line {line}: {problem}" if line else f"{where}: {problem}"


def _suspended_location(stream: Any) -> tuple[str, int] | None:
    """File and line where a suspended template generator (and those it delegates to through
    includes and blocks) stopped."""
    found = None
    generator = stream
    while generator is not None:
        frame = getattr(generator, "gi_frame", None)
        if frame is not None and "__jinja_template__" in frame.f_globals:
            template = frame.f_globals["__jinja_template__"]
            found = (
                template.filename or template.name,
                template.get_corresponding_lineno(frame.f_lineno),
            )
        generator = getattr(generator, "gi_yieldfrom", None)
    return found


def load_templates(
    template_dirs: Sequence[Path], *, limits: RenderLimits | None = None
) -> Templates:
    """Return the sandboxed Jinja environment searching ``template_dirs``, then the bundled
    templates. Raises ``TemplateError`` when a given folder does not exist."""
    return _load(template_dirs, limits or RenderLimits(), _StrictUndefined)


def _load(
    template_dirs: Sequence[Path], limits: RenderLimits, undefined: type[jinja2.Undefined]
) -> Templates:
    editor_dirs = tuple(Path(d).resolve() for d in template_dirs)
    for folder in editor_dirs:
        if not folder.is_dir():
            raise TemplateError(
                f"template folder {display_path(folder)} does not exist; fix output.templates "
                "in the config or create the folder"
            )
    bundled = bundled_template_dir().resolve()
    search_path = tuple(dict.fromkeys((*editor_dirs, bundled)))
    environment = _Sandbox(
        loader=_Loader(search_path, bundled),
        autoescape=_autoescape,
        undefined=undefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    # lipsum (random filler text) has no use here and can build huge strings in one call.
    del environment.globals["lipsum"]
    environment.globals["range"] = _Range
    environment.globals["namespace"] = _Namespace
    environment.filters = {
        **{name: _guarded_filter(function) for name, function in environment.filters.items()},
        **{name: _guarded_filter(_strict_filter(doc.function)) for name, doc in FILTERS.items()},
    }
    return Templates(environment, search_path, limits)


def template_context(briefing: Briefing) -> dict[str, Any]:
    """Return the names every template can use (documented in ``docs/templates.md``)."""
    return {"briefing": briefing, "generator": f"briefing {__version__}"}


# --- Blocks ------------------------------------------------------------------------------------


_EXTENDS = re.compile(r"{%[-+]?\s*extends\b")
_COMMENT = re.compile(r"{#.*?#}", re.DOTALL)


def _parse(
    environment: jinja2.Environment, name: str, *, only_if_extending: bool = False
) -> tuple[nodes.Template, str] | None:
    loader = environment.loader
    if loader is None:
        return None
    try:
        source, filename, _ = loader.get_source(environment, name)
        if only_if_extending and not _EXTENDS.search(_COMMENT.sub("", source)):
            return None  # the common case, without parsing the template a second time
        return environment.parse(source, name, filename), filename or name
    except (jinja2.TemplateError, TemplateError):
        return None  # reported where the template is loaded


def _parent_name(tree: nodes.Template) -> str | None:
    for node in tree.body:
        if isinstance(node, nodes.Extends) and isinstance(node.template, nodes.Const):
            return str(node.template.value)
    return None


def _available_blocks(environment: jinja2.Environment, name: str, seen: frozenset[str]) -> set[str]:
    """Blocks a template defines or calls through ``self.``, its parents' included."""
    parsed = _parse(environment, name) if name not in seen else None
    if parsed is None:
        return set()
    tree, _ = parsed
    names = {block.name for block in tree.find_all(nodes.Block)}
    names.update(
        node.attr
        for node in tree.find_all(nodes.Getattr)
        if isinstance(node.node, nodes.Name) and node.node.name == "self"
    )
    parent = _parent_name(tree)
    if parent is not None:
        names |= _available_blocks(environment, parent, seen | {name})
    return names


def _top_blocks(node: nodes.Node) -> Iterator[nodes.Block]:
    for child in node.iter_child_nodes():
        if isinstance(child, nodes.Block):
            yield child
        else:
            yield from _top_blocks(child)


def unknown_blocks(environment: jinja2.Environment, name: str) -> list[tuple[str, int, str]]:
    """(file, line, message) for each block a template that extends another one replaces but
    its parents do not have: Jinja would silently never show it (a misspelt block name)."""
    parsed = _parse(environment, name, only_if_extending=True)
    if parsed is None:
        return []
    tree, filename = parsed
    parent = _parent_name(tree)
    if parent is None:
        return []
    available = _available_blocks(environment, parent, frozenset({name}))
    problems = []
    for block in _top_blocks(tree):
        if block.name not in available:
            hint = _suggestion(block.name, sorted(available)) or (
                f"; it has {', '.join(sorted(available))}"
            )
            problems.append(
                (
                    filename,
                    block.lineno,
                    f"block {block.name!r} is not in {parent}, so it would never be shown{hint}",
                )
            )
    return problems


# --- Check, list, copy -------------------------------------------------------------------------


def check_templates(template_dirs: Sequence[Path], sample_briefing: Briefing) -> list[str]:
    """Load and render every template against ``sample_briefing``; return every problem found.

    Compiles each ``.j2`` file of the editor's folders and each bundled one in use (syntax,
    unknown filters and tests, blocks that replace nothing, ``section-<key>`` files naming no
    theme of the sample), then renders each format's main template, with all the sample's
    themes and with each theme alone (so each theme's section template is rendered), going on
    past misspelt names. Each problem is one line: ``file, line N: problem``. An empty list
    means every template renders.
    """
    problems: list[str] = []

    def add(problem: str) -> None:
        if problem not in problems:
            problems.append(problem)

    try:
        templates = _load(template_dirs, RenderLimits(), _CheckingUndefined)
    except TemplateError as exc:
        return [str(exc)]
    environment = templates.environment
    if isinstance(environment, _Sandbox):
        environment.refuse_unknown_blocks = False
    theme_keys = [section.key for section in sample_briefing.sections]
    for name, path, used in _template_sources(templates.search_path):
        try:
            source = path.read_text(encoding="utf-8")
            environment.compile(source, name, str(path))
        except UnicodeDecodeError:
            add(f"{display_path(path)}: not UTF-8 text; save it as UTF-8")
            continue
        except jinja2.TemplateSyntaxError as exc:
            add(templates.describe(exc, name))
            continue
        if used:
            for filename, line, message in unknown_blocks(environment, name):
                add(_located(filename, line, message))
        own = _SECTION_NAME.match(name)
        if own and own["key"] not in theme_keys:
            add(
                f"{display_path(path)}: no theme has the key {own['key']!r}, so this file "
                f"is never used{_suggestion(own['key'], theme_keys)} "
                f"(themes: {', '.join(theme_keys)})"
            )
    for main in MAIN_TEMPLATES.values():
        failed = []
        singles = [((section,), section) for section in sample_briefing.sections]
        for sections, section in [(sample_briefing.sections, None), *singles]:
            briefing = dataclasses.replace(sample_briefing, sections=sections)
            if not _check_render(templates, main, briefing, add) and section is not None:
                failed.append(section)
        if failed:
            rest = tuple(s for s in sample_briefing.sections if s not in failed)
            _check_render(templates, main, dataclasses.replace(sample_briefing, sections=rest), add)
    return sorted(problems, key=_problem_order)


def _problem_order(problem: str) -> tuple[str, int]:
    """Problems sorted by file, then line."""
    where = re.match(r"(.*?)(?:, line (\d+))?: ", problem)
    if where is None:
        return problem, 0
    return where.group(1), int(where.group(2) or 0)


def _check_render(
    templates: Templates, name: str, briefing: Briefing, add: Callable[[str], None]
) -> bool:
    recorded: list[str] = []
    token = _RECORDER.set(recorded)
    try:
        templates._render(name, template_context(briefing))
        ok = True
    except Exception as exc:
        add(templates.describe(exc, name))
        ok = False
    finally:
        _RECORDER.reset(token)
    for problem in recorded:
        add(problem)
    return ok


def _template_sources(search_path: tuple[Path, ...]) -> Iterator[tuple[str, Path, bool]]:
    """(name, file, whether that file is the one a lookup by name finds) for every ``.j2`` file
    of the editor's folders, and the bundled ones a lookup by name finds."""
    seen: set[str] = set()
    *editor_dirs, bundled = search_path
    for folder in editor_dirs:
        for name, path in _folder_files(folder).items():
            if name.endswith(".j2"):
                yield name, path, name not in seen
                seen.add(name)
    for name, path in _folder_files(bundled).items():
        if name.endswith(".j2") and name not in seen:
            yield name, path, True


class TemplateFile(NamedTuple):
    """One row of :func:`list_templates`."""

    name: str
    bundled: Path | None
    """The bundled file of that name; None for a file only the editor's folders have."""
    editor: Path | None
    """The editor's file used instead of the bundled one (or the editor-only file); None when
    the bundled file is used."""


def list_templates(template_dirs: Sequence[Path]) -> list[TemplateFile]:
    """Every file templates can use by name: the bundled ones, each with the editor's file that
    replaces it (or None), then the files only the editor's folders have (such as
    ``section-reactions.md.j2`` or an image), with ``bundled`` None. Raises ``TemplateError``
    when a folder does not exist."""
    search_path = _load(template_dirs, RenderLimits(), _StrictUndefined).search_path
    *editor_dirs, bundled = search_path
    editor: dict[str, Path] = {}
    for folder in editor_dirs:
        for name, path in _folder_files(folder).items():
            editor.setdefault(name, path)
    bundled_files = _folder_files(bundled)
    rows = [TemplateFile(name, path, editor.get(name)) for name, path in bundled_files.items()]
    rows += [
        TemplateFile(name, None, path) for name, path in editor.items() if name not in bundled_files
    ]
    return rows


def copy_template(name: str, dest_dir: Path) -> Path:
    """Copy the bundled template ``name`` into ``dest_dir`` (created if needed) to be edited
    there; return the new file.

    ``section-<theme key>.md.j2`` (or ``.html.j2``) copies the bundled section template under
    that name, to change one theme only. Raises ``TemplateError`` for a name that is not bundled
    (listing the bundled ones) and when the file exists already (it is never overwritten).
    """
    bundled = bundled_template_dir().resolve()
    available = _folder_files(bundled)
    wanted = name.removeprefix(DEFAULT_PREFIX)
    section = _SECTION_NAME.match(wanted)
    if wanted in available:
        source = available[wanted]
    elif section and _THEME_KEY.match(section["key"]):
        source = available[SECTION_TEMPLATES[section["fmt"]]]
    else:
        raise TemplateError(
            f"no bundled template {name!r}; the bundled templates are "
            f"{', '.join(available)} (or section-<theme key>.md.j2 / .html.j2, a copy of the "
            "section template for one theme)"
        )
    target = Path(dest_dir) / wanted
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with source.open("rb") as original, target.open("xb") as copy:
            shutil.copyfileobj(original, copy)
    except FileExistsError:
        raise TemplateError(
            f"{display_path(target)} exists already and was not overwritten; edit it, or "
            f"move it away first to start again from the bundled {source.name}"
        ) from None
    except OSError as exc:
        raise TemplateError(f"could not copy {wanted} to {display_path(target)}: {exc}") from exc
    return target


# --- python -m briefing.templating reference ---------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m briefing.templating reference``: print docs/templates.md."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args not in ([], ["reference"]):
        print("usage: python -m briefing.templating reference > docs/templates.md", file=sys.stderr)
        return 2
    from .contract import reference_markdown

    sys.stdout.buffer.write(reference_markdown().encode("utf-8"))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
