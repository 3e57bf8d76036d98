"""Render stage: a finished ``Briefing`` becomes Markdown, HTML, PDF and JSON, in memory.

The last stage of the pipeline (``compose.compose_briefing`` -> ``render.render_outputs``);
writing the files is the caller's job. Each format is one entry of :data:`FORMATS` (name ->
renderer function, sumy's ``AVAILABLE_METHODS`` pattern), so a new format is one function and
one line.

- ``md``: ``briefing.md.j2`` (each theme through ``section[-<key>].md.j2``), article text
  escaped with the ``md`` filter (``markup.py``).
- ``html``: ``briefing.html.j2`` (each theme through ``section[-<key>].html.j2``), autoescaped,
  with ``print.css`` embedded: one file.
- ``pdf``: the same HTML printed by WeasyPrint (imported only when a PDF is asked for), which
  may load images, fonts and stylesheets from the template folders only.
- ``json``: ``jsonout.render_json``, no template.

The template engine (lookup, sandbox, limits, error messages, ``check``/``list``/``copy``) is
``templating.py``; what templates receive is documented in ``contract.py`` and generated into
``docs/templates.md``. Both are re-exported here.
"""

from __future__ import annotations

import logging
import mimetypes
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from .contract import context_document, reference_markdown
from .errors import OutputError
from .jsonout import render_json
from .models import Briefing
from .templating import (
    HTML_TEMPLATE,
    MARKDOWN_TEMPLATE,
    RenderLimits,
    TemplateFile,
    Templates,
    bundled_template_dir,
    check_templates,
    copy_template,
    display_path,
    format_date,
    list_templates,
    load_templates,
    template_context,
)

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcher

__all__ = [
    "FORMATS",
    "HTML_TEMPLATE",
    "MARKDOWN_TEMPLATE",
    "RenderLimits",
    "TemplateFile",
    "Templates",
    "bundled_template_dir",
    "check_templates",
    "context_document",
    "copy_template",
    "display_path",
    "format_date",
    "list_templates",
    "load_templates",
    "print_pdf",
    "resource_decision",
    "reference_markdown",
    "render_outputs",
    "template_context",
]

logger = logging.getLogger(__name__)

# --- Formats -----------------------------------------------------------------------------------

Renderer = Callable[[Briefing, Templates, list[str]], bytes]
"""A format: (briefing, templates, list to append warnings to) -> file content."""


def _render_markdown(briefing: Briefing, templates: Templates, warnings: list[str]) -> bytes:
    return templates.render(MARKDOWN_TEMPLATE, template_context(briefing)).encode("utf-8")


def _render_html(briefing: Briefing, templates: Templates, warnings: list[str]) -> bytes:
    return templates.render(HTML_TEMPLATE, template_context(briefing)).encode("utf-8")


def _render_pdf(briefing: Briefing, templates: Templates, warnings: list[str]) -> bytes:
    html = templates.render(HTML_TEMPLATE, template_context(briefing))
    return print_pdf(html, templates.search_path, warnings=warnings)


def _render_json(briefing: Briefing, templates: Templates, warnings: list[str]) -> bytes:
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
    briefing: Briefing,
    formats: Sequence[str],
    template_dirs: Sequence[Path],
    *,
    warnings: list[str] | None = None,
) -> dict[str, bytes]:
    """Render ``briefing`` in each of ``formats`` (names from :data:`FORMATS`).

    ``template_dirs`` are the editor's template folders, searched before the bundled ones.
    Returns format name -> file content, in the order of ``formats``. Nothing is written.
    Problems that do not stop rendering (a PDF image or stylesheet that is not loaded) are
    logged and, when ``warnings`` is given, appended to it.

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
    notes = warnings if warnings is not None else []
    return {name: FORMATS[name](briefing, templates, notes) for name in formats}


# --- PDF ---------------------------------------------------------------------------------------


def print_pdf(
    html: str, template_dirs: Sequence[Path], *, warnings: list[str] | None = None
) -> bytes:
    """Print ``html`` to PDF with WeasyPrint.

    Relative URLs resolve against the bundled template folder. The URL fetcher serves only
    files inside ``template_dirs`` (looking a bundled path up in the editor's folders first) and
    ``data:`` URLs; it refuses everything else before any connection or file access, with a
    warning (logged, and appended to ``warnings`` when given), and the PDF is made without it.
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
    fetcher = _template_fetcher(weasyprint.urls, tuple(template_dirs), warnings)
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


def _template_fetcher(
    urls: Any, template_dirs: tuple[Path, ...], warnings: list[str] | None = None
) -> URLFetcher:
    """A WeasyPrint URL fetcher for files inside ``template_dirs`` (and ``data:`` URLs) only."""
    folders = tuple(Path(d).resolve() for d in template_dirs)
    bundled = bundled_template_dir().resolve()

    class TemplateFolderFetcher(urls.URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if urllib.parse.urlsplit(url).scheme.lower() == "data":
                with urllib.request.DataHandler().data_open(urllib.request.Request(url)) as data:
                    return urls.URLFetcherResponse(url, data.read(), headers=dict(data.headers))
            decision = resource_decision(url, folders, bundled)
            if isinstance(decision, str):
                logger.warning("%s", decision)
                if warnings is not None and decision not in warnings:
                    warnings.append(decision)
                raise ValueError(decision)
            content_type = mimetypes.guess_type(decision.name)[0] or "application/octet-stream"
            return urls.URLFetcherResponse(
                url, decision.read_bytes(), headers={"Content-Type": content_type}
            )

    return TemplateFolderFetcher()


def resource_decision(url: str, folders: tuple[Path, ...], bundled: Path) -> Path | str:
    """What the PDF fetcher does with ``url``: the file to read, or why it is refused.

    Only a ``file:`` URL of a file inside one of ``folders`` (links followed) is read. A path
    inside the bundled folder (where relative URLs resolve) is looked up in the editor's
    folders first, so an editor's ``logo.png`` replaces the bundled one like a template does.
    Nothing is fetched from the network. Decides without opening anything.
    """
    shown = url if len(url) <= 200 else url[:200] + "..."
    where = ", ".join(display_path(f) for f in folders)
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return (
            f"PDF: {shown} not loaded: the PDF uses only files in the template folders "
            f"({where}), never the network"
        )
    path = Path(urllib.request.url2pathname(parts.path)).resolve()
    candidates = [path]
    if path.is_relative_to(bundled):
        relative = path.relative_to(bundled)
        candidates = [folder / relative for folder in folders]
    for candidate in candidates:
        resolved = candidate.resolve()
        if resolved.is_file() and any(resolved.is_relative_to(f) for f in folders):
            return resolved
    if path.is_relative_to(bundled):
        return (
            f"PDF: {relative.as_posix()} not loaded: no such file in the template folders ({where})"
        )
    return f"PDF: {shown} not loaded: only files inside the template folders ({where}) are used"
