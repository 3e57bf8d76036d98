"""Render stage: a finished ``Briefing`` becomes Markdown, HTML, PDF and JSON, in memory.

The last stage of the pipeline (``compose.compose_briefing`` -> ``render.render_outputs``);
writing the files is the caller's job. Each format is one entry of :data:`FORMATS` (name ->
renderer function, sumy's ``AVAILABLE_METHODS`` pattern), so a new format is one function and
one line.

- ``md``: ``briefing.md.j2``, article text escaped with the ``md`` filter (``markup.py``).
- ``html``: ``briefing.html.j2``, autoescaped, with ``print.css`` embedded: one file.
- ``pdf``: the same HTML printed by WeasyPrint (imported only when a PDF is asked for).
- ``json``: ``jsonout.render_json``, no template.

Templates
---------
Searched by name in the editor's folders first, then in the bundled folder
(:func:`bundled_template_dir`). ``default:briefing.md.j2`` always names the bundled file, so an
override can ``{% extends "default:briefing.md.j2" %}`` and replace single blocks
(``masthead``, ``summary``, ``sections``, ``section``, ``point``, ``citations``, ``sources``,
``source``, ``footer``, and ``styles`` in HTML).

Jinja runs sandboxed (``ImmutableSandboxedEnvironment``) with ``StrictUndefined``: a misspelt
name is an error naming the template file and line, never a silent blank. Article text is only
ever passed to templates as data.

Template context (the contract editors rely on)
-----------------------------------------------
``briefing`` : :class:`briefing.models.Briefing`
    The whole briefing. ``briefing.title`` (str), ``briefing.date`` (date),
    ``briefing.generated`` (datetime), ``briefing.summarizer`` (str), ``briefing.warnings``
    (tuple of str), ``briefing.points`` (every point, in order), and:

    ``briefing.sections`` : tuple of ``Section``, in config order
        ``key``, ``title``, ``description`` (str) and ``points`` (tuple of ``Point``, best
        first; empty when no source said anything on the theme).
    ``Point``
        ``text`` (str, verbatim from the first cited source), ``source_ids`` (tuple of int,
        ascending: the citation numbers), ``citations`` (tuple of ``Citation``: ``source``,
        ``sentence_id``, ``text``, ``start``, ``end``), ``support`` (int), ``score``,
        ``rank_score``, ``cue_score`` (float), ``sentence_id`` (str).
    ``briefing.sources`` : tuple of ``Source``, numbered from 1
        ``id`` (int, the citation number), ``path`` (str, the file as read, or the URL),
        ``title``, ``outlet``, ``url`` (str or None), ``published`` (date or None), ``key``.
``generator`` : str
    ``"briefing <version>"``, for ``<meta name="generator">``.

Filters: ``md`` (:func:`markup.escape_markdown`; required on article text in Markdown),
``md_code`` (:func:`markup.md_code`, a path shown verbatim), ``date`` (``11 May 2025``),
``iso`` (``2025-05-11``), ``plural`` (``5|plural("source")`` -> ``5 sources``), ``basename``
(last part of a path or URL), ``web_url`` (the URL if it is plain http(s), else ``""``).
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
import logging
import mimetypes
import traceback
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from pydantic import ValidationError

from . import __version__
from .errors import OutputError, TemplateError
from .jsonout import render_json
from .markup import escape_markdown, md_code
from .models import Briefing

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcher

logger = logging.getLogger(__name__)

MARKDOWN_TEMPLATE = "briefing.md.j2"
HTML_TEMPLATE = "briefing.html.j2"

# Templates whose output is HTML or XML get autoescaping; Markdown and CSS do not (Markdown
# escapes explicitly with the md filter, CSS holds no data).
_AUTOESCAPED_SUFFIXES = (".html.j2", ".htm.j2", ".xml.j2", ".html", ".htm", ".xml")

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


@dataclass(frozen=True, slots=True)
class Templates:
    """The Jinja environment of one render and the folders it searches, in order."""

    environment: ImmutableSandboxedEnvironment
    search_path: tuple[Path, ...]

    def render(self, name: str, context: Mapping[str, Any]) -> str:
        """Render template ``name``; every Jinja failure becomes a ``TemplateError`` that names
        the template file, the line, the problem and the folders searched."""
        try:
            return self.environment.get_template(name).render(context)
        except jinja2.TemplateNotFound as exc:
            missing = ", ".join(repr(n) for n in getattr(exc, "templates", [exc.name]))
            where = self._location(exc)
            needed = f" (included from {where})" if where else ""
            raise TemplateError(
                f"template {missing} not found{needed}; searched {self._searched()}. "
                "Put a file of that name in one of these folders, or fix the name."
            ) from None
        except jinja2.TemplateSyntaxError as exc:
            where = f"{exc.filename or exc.name or name}:{exc.lineno}"
            raise TemplateError(
                f"{where}: template syntax error: {exc.message}; "
                f"template folders searched: {self._searched()}"
            ) from None
        except Exception as exc:  # UndefinedError, SecurityError, a filter given a wrong value
            where = self._location(exc) or name
            problem = exc.message if isinstance(exc, jinja2.TemplateError) else repr(exc)
            hint = (
                " (the names a template can use are listed in briefing/render.py)"
                if isinstance(exc, jinja2.UndefinedError)
                else ""
            )
            raise TemplateError(
                f"{where}: error while rendering {name}: {problem}{hint}; "
                f"template folders searched: {self._searched()}"
            ) from exc

    def _searched(self) -> str:
        return ", ".join(str(d) for d in self.search_path)

    def _location(self, exc: BaseException) -> str | None:
        """``file:line`` of the innermost template frame of ``exc``'s traceback (Jinja rewrites
        tracebacks so that template code shows up with the template's file name and line)."""
        found = None
        for frame in traceback.extract_tb(exc.__traceback__):
            if self._is_template_file(frame.filename):
                found = f"{frame.filename}:{frame.lineno}"
        return found

    def _is_template_file(self, filename: str) -> bool:
        path = Path(filename)
        return path.is_absolute() and any(path.is_relative_to(d) for d in self.search_path)


def load_templates(template_dirs: Sequence[Path]) -> Templates:
    """Return the sandboxed Jinja environment searching ``template_dirs``, then the bundled
    templates. Raises ``TemplateError`` when a given folder does not exist."""
    editor_dirs = tuple(Path(d).resolve() for d in template_dirs)
    for folder in editor_dirs:
        if not folder.is_dir():
            raise TemplateError(
                f"template folder {folder} does not exist; fix output.templates in the config "
                "or create the folder"
            )
    bundled = bundled_template_dir().resolve()
    search_path = tuple(dict.fromkeys((*editor_dirs, bundled)))
    loader = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader([str(d) for d in search_path]),
            jinja2.PrefixLoader({"default": jinja2.FileSystemLoader(str(bundled))}, delimiter=":"),
        ]
    )
    environment = ImmutableSandboxedEnvironment(
        loader=loader,
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    environment.filters.update(
        md=escape_markdown,
        md_code=md_code,
        date=format_date,
        iso=_iso,
        plural=_plural,
        basename=_basename,
        web_url=_web_url,
    )
    return Templates(environment, search_path)


def template_context(briefing: Briefing) -> dict[str, Any]:
    """Return the names every template can use (documented in this module's docstring)."""
    return {"briefing": briefing, "generator": f"briefing {__version__}"}


# --- Formats -----------------------------------------------------------------------------------

Renderer = Callable[[Briefing, Templates], bytes]


def _render_markdown(briefing: Briefing, templates: Templates) -> bytes:
    return templates.render(MARKDOWN_TEMPLATE, template_context(briefing)).encode("utf-8")


def _render_html(briefing: Briefing, templates: Templates) -> bytes:
    return templates.render(HTML_TEMPLATE, template_context(briefing)).encode("utf-8")


def _render_pdf(briefing: Briefing, templates: Templates) -> bytes:
    html = templates.render(HTML_TEMPLATE, template_context(briefing))
    return print_pdf(html, templates.search_path)


def _render_json(briefing: Briefing, templates: Templates) -> bytes:
    try:
        return render_json(briefing).encode("utf-8")
    except ValidationError as exc:
        raise OutputError(f"the briefing does not fit the JSON schema: {exc}") from exc


FORMATS: dict[str, Renderer] = {
    "md": _render_markdown,
    "html": _render_html,
    "pdf": _render_pdf,
    "json": _render_json,
}
"""Output formats: name (also the file extension) -> renderer."""


def render_outputs(
    briefing: Briefing, formats: Sequence[str], template_dirs: Sequence[Path]
) -> dict[str, bytes]:
    """Render ``briefing`` in each of ``formats`` (names from :data:`FORMATS`).

    ``template_dirs`` are the editor's template folders, searched before the bundled ones.
    Returns format name -> file content, in the order of ``formats``. Nothing is written.

    Raises ``TemplateError`` for a missing, broken or failing template (naming file and line)
    and ``OutputError`` for an unknown format or a PDF WeasyPrint cannot produce.
    """
    unknown = [name for name in formats if name not in FORMATS]
    if unknown:
        raise OutputError(
            f"unknown output format {', '.join(map(repr, unknown))}; "
            f"choose among {', '.join(FORMATS)}"
        )
    templates = load_templates(template_dirs)
    return {name: FORMATS[name](briefing, templates) for name in formats}


# --- PDF ---------------------------------------------------------------------------------------


def print_pdf(html: str, template_dirs: Sequence[Path]) -> bytes:
    """Print ``html`` to PDF with WeasyPrint.

    Relative URLs resolve against the bundled template folder; the URL fetcher serves only
    files inside ``template_dirs`` (looking a bundled path up in the editor's folders first) and
    refuses everything else, so article text can never make the PDF fetch a URL or read a file.
    Raises ``OutputError`` when WeasyPrint is missing or fails.
    """
    try:
        # Imported here, not at the top: it takes half a second and only PDF output needs it.
        import weasyprint
        import weasyprint.urls
    except (ImportError, OSError) as exc:
        raise OutputError(
            f"PDF output needs WeasyPrint and the Pango library ({exc}); install them "
            "(see the Makefile target 'sysdeps') or leave pdf out of output.formats"
        ) from exc
    fetcher = _template_fetcher(weasyprint.urls, tuple(template_dirs))
    try:
        document = weasyprint.HTML(
            string=html, base_url=str(bundled_template_dir().resolve()) + "/", url_fetcher=fetcher
        )
        pdf = document.write_pdf()
    except Exception as exc:  # WeasyPrint raises many unrelated types
        raise OutputError(f"WeasyPrint could not produce the PDF: {exc!r}") from exc
    if not pdf:
        raise OutputError("WeasyPrint produced an empty PDF")
    return bytes(pdf)


def _template_fetcher(urls: Any, template_dirs: tuple[Path, ...]) -> URLFetcher:
    """A WeasyPrint URL fetcher for ``file:`` URLs inside ``template_dirs`` only."""
    folders = tuple(d.resolve() for d in template_dirs)
    bundled = bundled_template_dir().resolve()

    class TemplateFolderFetcher(urls.URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            path = _local_file(url, folders, bundled)
            if path is None:
                logger.warning(
                    "PDF: refused to fetch %s: only files in the template folders (%s) are used",
                    url[:200],
                    ", ".join(map(str, folders)),
                )
                raise ValueError(f"refused to fetch {url[:200]}: not in a template folder")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return urls.URLFetcherResponse(
                url, path.read_bytes(), headers={"Content-Type": content_type}
            )

    return TemplateFolderFetcher()


def _local_file(url: str, folders: tuple[Path, ...], bundled: Path) -> Path | None:
    """The file a ``file:`` URL names if it lies inside one of ``folders``, else None.

    A path inside the bundled folder (where relative URLs resolve) is looked up in the editor's
    folders first, so an editor's ``logo.png`` replaces the bundled one like a template does.
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(urllib.request.url2pathname(parts.path)).resolve()
    candidates = [path]
    if path.is_relative_to(bundled):
        relative = path.relative_to(bundled)
        candidates = [folder / relative for folder in folders]
    for candidate in candidates:
        resolved = candidate.resolve()
        if resolved.is_file() and any(resolved.is_relative_to(f) for f in folders):
            return resolved
    return None


# --- Filters -----------------------------------------------------------------------------------


def format_date(value: dt.date | None) -> str:
    """``11 May 2025`` (English month names whatever the locale); ``""`` for None."""
    if value is None:
        return ""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def _iso(value: dt.date | None) -> str:
    return "" if value is None else value.isoformat()


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count == 1 else plural or singular + 's'}"


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


def _autoescape(template_name: str | None) -> bool:
    return template_name is not None and template_name.endswith(_AUTOESCAPED_SUFFIXES)
