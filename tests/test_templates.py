"""Tests for the template engine (briefing.templating) and its contract (briefing.contract):
per-theme section templates, the documented context, the sandbox and its limits, what the PDF
may load, error messages editors can act on, and the check/list/copy functions.

The PDF is printed once per module (WeasyPrint is the slow part) and shared.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import logging
import re
import socket
import struct
import time
import typing
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2.sandbox
import markdown
import pytest
from jinja2.defaults import DEFAULT_FILTERS
from pypdf import PdfReader

from briefing import contract, templating
from briefing.contract import (
    BLOCKS,
    GLOBALS,
    MODELS,
    PROPERTY_HELP,
    TEMPLATES,
    VARIABLES,
    context_document,
    documented_paths,
    example_briefing,
    reference_markdown,
)
from briefing.errors import TemplateError
from briefing.models import Briefing, Point
from briefing.render import (
    _template_fetcher,
    bundled_template_dir,
    check_templates,
    copy_template,
    list_templates,
    load_templates,
    render_outputs,
    resource_decision,
    template_context,
)
from briefing.templating import FILTERS, RenderLimits, display_path
from tests.test_render import make_briefing, parse_html, squash

REPO = Path(__file__).resolve().parent.parent
BUNDLED = bundled_template_dir().resolve()


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def render(briefing: Briefing, folder: Path, fmt: str = "md") -> str:
    return render_outputs(briefing, [fmt], [folder])[fmt].decode("utf-8")


def render_error(folder: Path, source: str, **limits: Any) -> str:
    """The TemplateError message of rendering ``source`` as the editor's briefing.md.j2."""
    write(folder, "briefing.md.j2", source)
    templates = load_templates([folder], limits=RenderLimits(**limits))
    with pytest.raises(TemplateError) as caught:
        templates.render("briefing.md.j2", template_context(make_briefing()))
    return str(caught.value)


# --- Per-theme section templates ---------------------------------------------------------------


def test_bundled_templates_are_the_documented_ones() -> None:
    names = {p.name for p in BUNDLED.iterdir() if p.is_file()}
    assert names == set(TEMPLATES)
    assert {"section.md.j2", "section.html.j2"} <= names


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_theme_template_replaces_only_its_theme(tmp_path: Path, fmt: str) -> None:
    briefing = make_briefing()
    bundled = render_outputs(briefing, [fmt], [])[fmt].decode("utf-8")
    write(tmp_path, f"section-sanctions.{fmt}.j2", "SANCTIONS: {{ section.title }}\n")
    edited = render(briefing, tmp_path, fmt)
    assert "SANCTIONS: Sanctions\n" in edited
    assert "No source covered this theme." in bundled
    assert "No source covered this theme." not in edited
    start = "\n## Sanctions" if fmt == "md" else '    <section class="theme" id="theme-sanctions">'
    end = "\n## Coverage" if fmt == "md" else '<section class="coverage"'
    assert edited.startswith(bundled.split(start, 1)[0] + "SANCTIONS")  # the other theme too
    assert edited.endswith(bundled[bundled.index(end) :])


def test_the_editor_section_template_serves_every_theme(tmp_path: Path) -> None:
    write(
        tmp_path,
        "section.md.j2",
        "\n### {{ loop.index }}. {{ section.title|md }}\n"
        "{% for point in section.points %}{{ render_point(point) }}\n{% endfor %}",
    )
    md = render(make_briefing(), tmp_path)
    assert "\n### 1. Talks offer\n- Officials said" in md
    assert "\n### 2. Sanctions\n\n## Coverage" in md


def test_a_theme_template_wins_over_the_editor_section_template(tmp_path: Path) -> None:
    write(tmp_path / "a", "section.md.j2", "GENERAL {{ section.key }}\n")
    write(tmp_path / "b", "section-talks.md.j2", "SPECIFIC {{ section.key }}\n")
    md = render_outputs(make_briefing(), ["md"], [tmp_path / "a", tmp_path / "b"])["md"]
    assert b"SPECIFIC talks\nGENERAL sanctions\n" in md


def test_a_theme_template_can_extend_the_section_template(tmp_path: Path) -> None:
    write(
        tmp_path,
        "section-talks.md.j2",
        '{% extends "section.md.j2" %}\n{% block heading %}\n## Talks, in brief\n{% endblock %}\n',
    )
    md = render(make_briefing(), tmp_path)
    assert "\n## Talks, in brief\n\n- Officials said" in md
    assert "Proposals for negotiations" not in md
    assert "\n## Sanctions\n" in md


def test_point_and_citations_blocks_reach_into_section_templates(tmp_path: Path) -> None:
    write(
        tmp_path,
        "briefing.md.j2",
        '{% extends "default:briefing.md.j2" %}\n'
        "{% block citations %}({{ point.source_ids|join(', ') }}){% endblock %}\n",
    )
    write(
        tmp_path,
        "briefing.html.j2",
        '{% extends "default:briefing.html.j2" %}\n'
        '{% block point %}<li class="mine">{{ section.key }}: {{ point.text }}</li>'
        "{% endblock %}\n",
    )
    outputs = render_outputs(make_briefing(), ["md", "html"], [tmp_path])
    bullets = [line for line in outputs["md"].decode().splitlines() if line.startswith("- ")]
    assert [b.rsplit(" *(", 1)[0].rsplit(" ", 3)[-1] for b in bullets] == ["3)", "(2)", "3)"]
    assert " (1, 3) *(2 independent sources)*" in bullets[0]
    page = parse_html(outputs["html"].decode())
    mine = [attrs for tag, attrs in page.tags if tag == "li" and attrs.get("class") == "mine"]
    assert len(mine) == 3
    assert page.all_text("li")[0].startswith("talks: Officials said *three* rounds")


# --- The documented contract -------------------------------------------------------------------


def test_the_committed_reference_matches_the_code() -> None:
    committed = (REPO / "docs" / "templates.md").read_text(encoding="utf-8")
    regenerate = "python -m briefing.templating reference > docs/templates.md"
    assert committed == reference_markdown(), f"docs/templates.md is stale; run: {regenerate}"


def test_the_reference_command_prints_the_reference(capsys: pytest.CaptureFixture[str]) -> None:
    assert templating.main(["reference"]) == 0
    assert capsys.readouterr().out == reference_markdown()
    assert templating.main(["nonsense"]) == 2


def _reachable_models(cls: type, seen: list[type]) -> list[type]:
    if cls in seen:
        return seen
    seen.append(cls)
    hints = [typing.get_type_hints(cls)[f.name] for f in dataclasses.fields(cls)]
    hints += [
        typing.get_type_hints(getattr(cls, n).fget)["return"] for n in contract.properties(cls)
    ]
    for hint in hints:
        for arg in (hint, *typing.get_args(hint)):
            if dataclasses.is_dataclass(arg) and isinstance(arg, type):
                _reachable_models(arg, seen)
    return seen


def test_every_field_and_property_reachable_from_briefing_has_help() -> None:
    models = _reachable_models(Briefing, [])
    assert set(models) == set(MODELS), "a model is reachable from Briefing without help"
    for model in models:
        for field in dataclasses.fields(model):
            text = field.metadata.get("help", "")
            assert text.strip(), f"{model.__name__}.{field.name} has no help: add metadata"
        for name in contract.properties(model):
            assert PROPERTY_HELP.get((model, name), "").strip(), (
                f"{model.__name__}.{name} has no help in contract.PROPERTY_HELP"
            )
    assert all(MODELS.values())


def _paths(value: Any, prefix: str) -> Iterator[str]:
    if prefix:
        yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, f"{prefix}.{key}" if prefix else key)
    elif isinstance(value, list):
        for item in value:
            for path in _paths(item, prefix + "[]"):
                if path != prefix + "[]":
                    yield path


def test_the_context_document_holds_exactly_the_documented_variables() -> None:
    document = context_document(example_briefing())
    assert list(document) == list(VARIABLES) == list(template_context(example_briefing()))
    assert set(_paths(document, "")) == documented_paths()


def test_the_context_document_is_json_with_iso_dates() -> None:
    briefing = make_briefing()
    document = json.loads(json.dumps(context_document(briefing), ensure_ascii=False))
    assert document["briefing"]["date"] == "2025-05-11"
    assert document["briefing"]["generated"] == "2025-05-11T06:30:00+00:00"
    assert document["briefing"]["sources"][1]["published"] is None
    first = document["briefing"]["sections"][0]["points"][0]
    assert first["source_ids"] == [1, 3]
    assert first["text"] == briefing.points[0].text
    assert document["briefing"]["points"][0] == first
    assert document["generator"].startswith("briefing ")


def _first_value(value: Any, parts: list[str], prefix: str = "") -> tuple[str, Any] | None:
    """(Jinja path, value) of the first item of each list along ``parts`` where the path
    reaches a value other than none (a list item whose copy_evidence is none is passed)."""
    if not parts:
        return (prefix, value) if value is not None else None
    if value is None:
        return None
    key = parts[0].removesuffix("[]")
    here = f"{prefix}.{key}" if prefix else key
    if not parts[0].endswith("[]"):
        return _first_value(value[key], parts[1:], here)
    for n, item in enumerate(value[key]):
        found = _first_value(item, parts[1:], f"{here}[{n}]")
        if found is not None:
            return found
    return None


def test_every_documented_variable_is_what_templates_see(tmp_path: Path) -> None:
    briefing = example_briefing()
    document = context_document(briefing)
    expected: dict[str, Any] = {}
    for path in sorted(documented_paths()):
        found = _first_value(document, path.split("."))
        if found is not None and not isinstance(found[1], (dict, list)):
            expected[found[0]] = found[1]
    lines = [
        f"{{{{ {path}|iso if {path} is not string and {path} is not number and {path} "
        f"is not none else {path}|tojson }}}}"
        for path in expected
    ]
    write(tmp_path, "probe.md.j2", "\n".join(lines) + "\n")
    templates = load_templates([tmp_path])
    rendered = templates.render("probe.md.j2", template_context(briefing)).splitlines()
    assert len(expected) > 30
    for (path, value), line in zip(expected.items(), rendered, strict=True):
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d(T.*)?", value):
            assert line == value, path  # a date, compared in ISO form
        else:
            assert json.loads(line) == value, path


def test_every_filter_global_and_block_is_documented() -> None:
    environment = load_templates([]).environment
    assert set(environment.filters) - set(DEFAULT_FILTERS) == set(FILTERS)
    for name, doc in FILTERS.items():
        assert doc.help and "{{" in doc.example and f"|{name}" in doc.example, name
    assert set(environment.globals) == set(GLOBALS)
    for name, template in ((n, environment.get_template(n)) for n in BLOCKS):
        assert set(template.blocks) == set(BLOCKS[name]), name
    assert set(BLOCKS) == {n for n in TEMPLATES if n.endswith(".j2")}


# --- Safety ------------------------------------------------------------------------------------

ESCAPES = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}",
    "{{ self._TemplateReference__context }}",
    "{{ lipsum.__globals__ }}",
    "{{ lipsum(5) }}",
    "{{ request }}",
    "{% for x in ().__class__.__base__.__subclasses__() %}{{ x }}{% endfor %}",
    "{{ config.items() }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ range.__init__.__globals__ }}",
    "{{ briefing.__class__.__init__.__code__ }}",
    "{{ briefing.points[0].text.upper.__self__ }}",
    "{{ 'a'.format.__globals__ }}",
    "{{ (briefing.date|date).__class__ }}",
    "{{ briefing.sections|map(attribute='__class__')|list }}",
    "{{ briefing|attr('__class__') }}",
    "{{ briefing.sections.__len__ }}",
    "{% set x = namespace() %}{{ x._Namespace__attrs }}",
    "{% include '/etc/passwd' %}",
    "{% include '../../pyproject.toml' %}",
    "{% include 'sub/../../pyproject.toml' %}",
    "{% include 'default:/etc/passwd' %}",
    "{% import 'default:../pyproject.toml' as x %}",
    "{% extends 'default:../../pyproject.toml' %}",
    "{% include '..\\\\pyproject.toml' %}",
]


@pytest.mark.parametrize("source", ESCAPES)
def test_sandbox_escapes_are_refused(tmp_path: Path, source: str) -> None:
    folder = tmp_path / "editorial"
    (tmp_path / "MARKER").unlink(missing_ok=True)
    message = render_error(folder, source.replace("MARKER", str(tmp_path / "MARKER")))
    assert message.startswith(f"{folder / 'briefing.md.j2'}, line 1: ")
    assert not (tmp_path / "MARKER").exists()
    assert "[project]" not in message and "root:" not in message


def test_escape_names_are_refused_by_both_loaders(tmp_path: Path) -> None:
    loader = load_templates([tmp_path]).environment.loader
    assert loader is not None
    environment = load_templates([tmp_path]).environment
    for name in ("/etc/passwd", "../pyproject.toml", "a/../../x", "default:../pyproject.toml"):
        with pytest.raises(jinja2.TemplateNotFound, match="refused"):
            loader.get_source(environment, name)
    assert loader.get_source(environment, "default:briefing.md.j2")[1] == str(
        BUNDLED / "briefing.md.j2"
    )


def test_a_link_out_of_the_template_folder_is_not_read(tmp_path: Path) -> None:
    secret = write(tmp_path, "secret.txt", "TOP SECRET\n")
    folder = tmp_path / "editorial"
    folder.mkdir()
    (folder / "leak.md.j2").symlink_to(secret)
    message = render_error(folder, "{% include 'leak.md.j2' %}\n")
    assert "outside its template folder" in message
    assert "TOP SECRET" not in message


def test_the_sandbox_keeps_only_harmless_globals() -> None:
    environment = load_templates([]).environment
    assert set(environment.globals) == {"range", "dict", "cycler", "joiner", "namespace"}
    assert isinstance(environment, jinja2.sandbox.ImmutableSandboxedEnvironment)
    assert jinja2.sandbox.MAX_RANGE == 100_000


def test_range_is_bounded(tmp_path: Path) -> None:
    message = render_error(tmp_path, "{% for i in range(10**9) %}x{% endfor %}\n")
    assert message == (
        f"{tmp_path / 'briefing.md.j2'}, line 1: stopped: range() gives at most 100,000 numbers"
    )


def test_output_over_the_size_limit_is_stopped(tmp_path: Path) -> None:
    message = render_error(tmp_path, "\n{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}")
    assert message.startswith(f"{tmp_path / 'briefing.md.j2'}, line 2: stopped: the output ")
    assert "20,000,000 characters" in message


@pytest.mark.parametrize(
    "source",
    [
        "{{ 'x' * 10**9 }}",
        "{{ [1] * 10**8 }}",
        "{{ 9**(9**9) }}",
        "{% set ns = namespace(s='x') %}{% for i in range(40) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
        "{% macro m(s) %}{{ m(s ~ s) }}{% endmacro %}{{ m('x') }}",
        "{{ ('x' * 10000000)|replace('x', 'xxx') }}",
    ],
)
def test_huge_values_are_stopped(tmp_path: Path, source: str) -> None:
    started = time.monotonic()
    message = render_error(tmp_path, source)
    assert time.monotonic() - started < 2
    assert message.startswith(f"{tmp_path / 'briefing.md.j2'}, line 1: stopped")


def test_a_template_running_too_long_is_stopped(tmp_path: Path) -> None:
    loops = "\n\n{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    started = time.monotonic()
    message = render_error(tmp_path, loops, max_seconds=0.2, max_range_items=10**12)
    assert time.monotonic() - started < 2
    assert message == (
        f"{tmp_path / 'briefing.md.j2'}, line 3: stopped after 0.2 seconds: the template takes "
        "too long (a loop that runs too often?)"
    )
    writing = "{% for i in range(100000) %}{% for j in range(99) %}{{ i }}{% endfor %}{% endfor %}"
    message = render_error(tmp_path, writing, max_seconds=0.2, max_range_items=10**12)
    assert "stopped after 0.2 seconds" in message


def test_loops_over_range_have_a_step_budget(tmp_path: Path) -> None:
    loops = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    message = render_error(tmp_path, loops, max_range_items=50_000)
    assert "stopped after 50,000 steps of range()" in message


# --- Article text is data, in every format (one PDF for the module) ----------------------------

HOSTILE_TEXTS = (
    "{{ 7*7 }} and {% if true %}yes{% endif %} were printed verbatim by the ministry.",
    "<script>alert(1)</script> appeared in the envoy's statement, officials said.",
    "# heading: the talks would resume on Thursday, the Kremlin said.",
    "[x](javascript:alert(1)) was the link the spokesman posted on Sunday.",
)


def tiny_png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(pixels))
        + chunk(b"IEND", b"")
    )


@dataclasses.dataclass
class Printed:
    briefing: Briefing
    outputs: dict[str, bytes]
    warnings: list[str]
    connections: list[Any]
    outside: Path
    folder: Path


def hostile_briefing() -> Briefing:
    briefing = make_briefing()
    points = tuple(
        dataclasses.replace(briefing.points[n % 3], text=text)
        for n, text in enumerate(HOSTILE_TEXTS)
    )
    section = dataclasses.replace(briefing.sections[0], points=points)
    return dataclasses.replace(briefing, sections=(section, *briefing.sections[1:]))


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    """All four formats of a hostile briefing, through an editor folder whose HTML template
    uses an image and a stylesheet of its own and points at files and URLs it may not load."""
    root = tmp_path_factory.mktemp("pdf")
    folder, outside = root / "editorial", root / "outside"
    (folder / "img").mkdir(parents=True)
    outside.mkdir()
    (folder / "img" / "logo.png").write_bytes(tiny_png(4, 3, (200, 0, 0)))
    write(folder, "extra.css", "h1 { color: #00ff00; }\n")
    write(outside, "secret.css", 'body::after { content: "SECRETTOKEN"; }\n')
    (outside / "secret.png").write_bytes(tiny_png(7, 7, (0, 0, 255)))
    escape = "../" * 12 + str(outside / "secret.css").lstrip("/")
    write(
        folder,
        "briefing.html.j2",
        '{% extends "default:briefing.html.j2" %}\n'
        "{% block styles %}{{ super() }}\n"
        '<link rel="stylesheet" href="extra.css">\n'
        '<link rel="stylesheet" href="http://example.com/x.css">\n'
        f'<link rel="stylesheet" href="{escape}">\n'
        "{% endblock %}\n"
        "{% block masthead %}{{ super() }}\n"
        '<img src="img/logo.png" alt="">\n'
        '<img src="file:///etc/hostname" alt="">\n'
        '<img src="../../pyproject.toml" alt="">\n'
        f'<img src="{(outside / "secret.png").as_uri()}" alt="">\n'
        '<img src="https://example.com/tracker.png" alt="">\n'
        "{% endblock %}\n",
    )
    connections: list[Any] = []

    def no_network(self: socket.socket, *args: Any) -> None:
        connections.append(args)
        raise OSError("the tests make no network connection")

    warnings: list[str] = []
    briefing = hostile_briefing()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", no_network)
        outputs = render_outputs(
            briefing, ["md", "html", "pdf", "json"], [folder], warnings=warnings
        )
    return Printed(briefing, outputs, warnings, connections, outside, folder)


def test_article_text_is_literal_in_markdown(printed: Printed) -> None:
    page = parse_html(markdown.markdown(printed.outputs["md"].decode("utf-8")))
    assert not {tag for tag, _ in page.tags} - {
        "h1",
        "h2",
        "p",
        "em",
        "ul",
        "ol",
        "li",
        "a",
        "code",
    }
    items = page.all_text("li")[: len(HOSTILE_TEXTS)]
    for text, point, item in zip(HOSTILE_TEXTS, printed.briefing.points, items, strict=True):
        citations = "".join(f"[{n}]" for n in point.source_ids)
        assert item.startswith(f"{text} {citations} (")
    assert not any("javascript" in (a.get("href") or "") for _, a in page.tags)


def test_article_text_is_literal_in_html(printed: Printed) -> None:
    html = printed.outputs["html"].decode("utf-8")
    page = parse_html(html)
    assert "script" not in {tag for tag, _ in page.tags}
    items = page.all_text("li")
    for text in HOSTILE_TEXTS:
        assert any(item.startswith(text + "\u2060") for item in items), text
    assert "{{ 7*7 }}" in html and "49" not in html.replace("#8288", "")


def test_article_text_is_literal_in_the_pdf(printed: Printed) -> None:
    reader = PdfReader(io.BytesIO(printed.outputs["pdf"]))
    text = squash("".join(page.extract_text() for page in reader.pages))
    for hostile in HOSTILE_TEXTS:
        assert squash(hostile) in text


def test_article_text_is_literal_in_json(printed: Printed) -> None:
    data = json.loads(printed.outputs["json"])
    assert [p["text"] for p in data["themes"][0]["points"]] == list(HOSTILE_TEXTS)


def test_the_pdf_loads_images_and_stylesheets_from_the_template_folder(printed: Printed) -> None:
    page = PdfReader(io.BytesIO(printed.outputs["pdf"])).pages[0]
    images = [x.get_object() for x in page["/Resources"]["/XObject"].values()]
    assert [(i["/Width"], i["/Height"]) for i in images] == [(4, 3)]  # the logo, nothing else
    assert b"0 1 0 rg" in page.get_contents().get_data()  # extra.css made the title green


def test_the_pdf_reads_nothing_outside_the_template_folders(printed: Printed) -> None:
    refused = "\n".join(printed.warnings)
    for url in (
        "http://example.com/x.css",
        "https://example.com/tracker.png",
        "file:///etc/hostname",
        (REPO.parent / "pyproject.toml").as_uri(),
        (printed.outside / "secret.css").as_uri(),
        (printed.outside / "secret.png").as_uri(),
    ):
        assert f"PDF: {url} not loaded" in refused
    assert len(printed.warnings) == 6
    assert printed.connections == []
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(printed.outputs["pdf"])).pages)
    assert "SECRETTOKEN" not in text


def test_the_fetcher_refuses_before_connecting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import weasyprint.urls

    def no_network(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the fetcher opened a connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    folders = (tmp_path.resolve(), BUNDLED)
    write(tmp_path, "fonts/serif.woff2", "font bytes")
    assert resource_decision("https://example.com/x.css", folders, BUNDLED).startswith("PDF: ")
    assert resource_decision("ftp://example.com/x", folders, BUNDLED).startswith("PDF: ")
    assert resource_decision("file://evil.example/x.png", folders, BUNDLED).startswith("PDF: ")
    outside = (REPO / "pyproject.toml").as_uri()
    assert "only files inside the template folders" in str(
        resource_decision(outside, folders, BUNDLED)
    )
    escape = (BUNDLED / "fonts" / ".." / ".." / "pyproject.toml").as_uri()
    assert isinstance(resource_decision(escape, folders, BUNDLED), str)
    font = (BUNDLED / "fonts" / "serif.woff2").as_uri()  # a relative URL, resolved
    assert resource_decision(font, folders, BUNDLED) == tmp_path.resolve() / "fonts/serif.woff2"
    assert resource_decision((BUNDLED / "print.css").as_uri(), folders, BUNDLED) == (
        BUNDLED / "print.css"
    )
    warnings: list[str] = []
    fetcher = _template_fetcher(weasyprint.urls, folders, warnings)
    with (
        caplog.at_level(logging.WARNING, logger="briefing.render"),
        pytest.raises(ValueError, match="never the network"),
    ):
        fetcher.fetch("http://example.com/x.css")
    assert warnings == [caplog.records[-1].getMessage()]
    assert fetcher.fetch(font).read() == b"font bytes"
    assert fetcher.fetch("data:text/css,h1%7Bcolor:red%7D").read() == b"h1{color:red}"


# --- Errors editors can act on -----------------------------------------------------------------


def test_a_misspelt_attribute_names_file_line_and_the_right_name(tmp_path: Path) -> None:
    lines = ["{% for point in briefing.points %}", "{{ point.txet }}", "{% endfor %}"]
    message = render_error(tmp_path, "\n" * 9 + "\n".join(lines))
    path = tmp_path / "briefing.md.j2"
    assert message == f"{path}, line 11: 'Point' has no attribute 'txet' — did you mean 'text'?"


def test_a_misspelt_variable_suggests_one_in_scope(tmp_path: Path) -> None:
    source = "{% for source in briefing.sources %}\n{{ sorce.title }}\n{% endfor %}"
    message = render_error(tmp_path, source)
    assert message.endswith(", line 2: 'sorce' is undefined — did you mean 'source'?")
    message = render_error(tmp_path, "{{ breifing.title }}")
    assert message.endswith(", line 1: 'breifing' is undefined — did you mean 'briefing'?")


def test_an_unknown_attribute_lists_the_fields(tmp_path: Path) -> None:
    message = render_error(tmp_path, "{{ briefing.sources[0].headline }}")
    assert message.endswith(
        "'Source' has no attribute 'headline'; "
        "it has id, key, path, title, outlet, url, published, carriers, copy_of, copy_evidence"
    )


def test_a_misspelt_filter_or_test_suggests_the_right_one(tmp_path: Path) -> None:
    message = render_error(tmp_path, "\n{{ briefing.date|dat }}")
    assert (
        message
        == f"{tmp_path / 'briefing.md.j2'}, line 2: unknown filter 'dat' — did you mean 'date'?"
    )
    message = render_error(tmp_path, "{% if briefing is defind %}{% endif %}")
    assert message.endswith("unknown test 'defind' — did you mean 'defined'?")


def test_a_misspelt_filter_argument_is_the_undefined_name(tmp_path: Path) -> None:
    message = render_error(tmp_path, "{{ briefing.titel|md }}")
    assert message.endswith("'Briefing' has no attribute 'titel' — did you mean 'title'?")


def test_a_missing_include_names_the_including_line(tmp_path: Path) -> None:
    message = render_error(tmp_path, "# x\n\n{% include 'header.md.j2' %}")
    assert message.startswith(f"{tmp_path / 'briefing.md.j2'}, line 3: template 'header.md.j2' ")
    assert display_path(BUNDLED) in message


def test_blocks_that_do_not_exist_are_errors(tmp_path: Path) -> None:
    path = tmp_path / "briefing.md.j2"
    message = render_error(
        tmp_path, '{% extends "default:briefing.md.j2" %}\n\n{% block foter %}x{% endblock %}'
    )
    assert message == (
        f"{path}, line 3: block 'foter' is not in default:briefing.md.j2, so it would never be "
        "shown — did you mean 'footer'?"
    )
    message = render_error(tmp_path, "{{ self.sumary() }}{% block summary %}{% endblock %}")
    assert message == f"{path}, line 1: no block named 'sumary' — did you mean 'summary'?"
    message = render_error(tmp_path, "{% block footer %}{{ super() }}{% endblock %}")
    assert message == f"{path}, line 1: there is no parent block called 'footer'."


def test_an_error_in_a_section_template_names_that_file(tmp_path: Path) -> None:
    write(tmp_path, "section-sanctions.md.j2", "## {{ section.title|md }}\n{{ section.point }}\n")
    with pytest.raises(TemplateError) as caught:
        render(make_briefing(), tmp_path)
    assert str(caught.value) == (
        f"{tmp_path / 'section-sanctions.md.j2'}, line 2: 'Section' has no attribute 'point' "
        "— did you mean 'points'?"
    )


def test_paths_are_shown_as_the_editor_sees_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    message = render_error(Path("editorial"), "{{ briefing.titel }}")
    assert message.startswith("editorial/briefing.md.j2, line 1: ")


# --- check, list, copy -------------------------------------------------------------------------


def test_check_finds_nothing_wrong_with_the_bundled_templates() -> None:
    assert check_templates([], example_briefing()) == []
    assert check_templates([], make_briefing()) == []


def test_check_reports_every_problem_at_once(tmp_path: Path) -> None:
    write(
        tmp_path,
        "briefing.md.j2",
        '{% extends "default:briefing.md.j2" %}\n'
        "{% block foter %}x{% endblock %}\n"
        "{% block masthead %}\n# {{ briefing.titel }}\n{{ briefing.dat|date }}\n{% endblock %}\n",
    )
    write(tmp_path, "section-talks.md.j2", "## {{ section.title|md }}\n{{ section.descripton }}\n")
    write(tmp_path, "section-sanctons.md.j2", "## {{ section.title|md }}\n")
    write(tmp_path, "section.html.j2", "<h2>{{ section.title }}</h2>\n{% if %}\n")
    write(tmp_path, "partials/header.md.j2", "{% for %}\n")
    write(tmp_path, "logo.png", "not a template")
    d = tmp_path
    assert check_templates([tmp_path], make_briefing()) == [
        f"{d}/briefing.md.j2, line 2: block 'foter' is not in default:briefing.md.j2, so it "
        "would never be shown — did you mean 'footer'?",
        f"{d}/briefing.md.j2, line 4: 'Briefing' has no attribute 'titel' — did you mean 'title'?",
        f"{d}/briefing.md.j2, line 5: 'Briefing' has no attribute 'dat' — did you mean 'date'?",
        f"{d}/partials/header.md.j2, line 1: syntax error: Expected an expression, got 'end "
        "of statement block'",
        f"{d}/section-sanctons.md.j2: no theme has the key 'sanctons', so this file is never "
        "used — did you mean 'sanctions'? (themes: talks, sanctions)",
        f"{d}/section-talks.md.j2, line 2: 'Section' has no attribute 'descripton' — did you "
        "mean 'description'?",
        f"{d}/section.html.j2, line 2: syntax error: Expected an expression, got 'end of "
        "statement block'",
    ]


def test_check_goes_on_past_a_failing_theme(tmp_path: Path) -> None:
    write(tmp_path, "section-talks.md.j2", "{{ 1 + none }}\n")
    write(
        tmp_path,
        "briefing.md.j2",
        '{% extends "default:briefing.md.j2" %}\n'
        "{% block footer %}{{ briefing.sumarizer }}{% endblock %}\n",
    )
    problems = check_templates([tmp_path], make_briefing())
    assert len(problems) == 2
    assert problems[0].endswith(
        "'Briefing' has no attribute 'sumarizer' — did you mean 'summarizer'?"
    )
    assert problems[1].startswith(
        f"{tmp_path / 'section-talks.md.j2'}, line 1: unsupported operand"
    )


def test_check_of_a_missing_folder(tmp_path: Path) -> None:
    problems = check_templates([tmp_path / "nope"], make_briefing())
    assert len(problems) == 1 and "does not exist" in problems[0]


def test_list_templates(tmp_path: Path) -> None:
    bundled = sorted(p.name for p in BUNDLED.iterdir() if p.is_file())
    assert [(r.name, r.bundled, r.editor) for r in list_templates([])] == [
        (name, BUNDLED / name, None) for name in bundled
    ]
    first, second = tmp_path / "first", tmp_path / "second"
    write(first, "briefing.md.j2", "x")
    write(second, "briefing.md.j2", "shadowed")
    write(second, "section-reactions.md.j2", "x")
    write(second, "img/logo.png", "x")
    write(second, ".DS_Store", "x")
    rows = {r.name: r for r in list_templates([first, second])}
    assert rows["briefing.md.j2"].editor == first.resolve() / "briefing.md.j2"
    assert rows["briefing.md.j2"].bundled == BUNDLED / "briefing.md.j2"
    assert rows["print.css"].editor is None
    assert rows["section-reactions.md.j2"].bundled is None
    assert rows["section-reactions.md.j2"].editor == second.resolve() / "section-reactions.md.j2"
    assert rows["img/logo.png"].bundled is None
    assert ".DS_Store" not in rows
    assert list(rows)[: len(bundled)] == bundled


def test_copy_template(tmp_path: Path) -> None:
    folder = tmp_path / "editorial"
    copied = copy_template("briefing.md.j2", folder)
    assert copied == folder / "briefing.md.j2"
    assert copied.read_bytes() == (BUNDLED / "briefing.md.j2").read_bytes()
    assert copy_template("default:print.css", folder) == folder / "print.css"
    theme = copy_template("section-reactions.html.j2", folder)
    assert theme.read_bytes() == (BUNDLED / "section.html.j2").read_bytes()
    # The copies render like the bundled templates.
    assert render_outputs(make_briefing(), ["md", "html"], [folder]) == render_outputs(
        make_briefing(), ["md", "html"], []
    )


def test_copy_never_overwrites(tmp_path: Path) -> None:
    write(tmp_path, "briefing.md.j2", "my edits")
    with pytest.raises(TemplateError, match="exists already and was not overwritten"):
        copy_template("briefing.md.j2", tmp_path)
    assert (tmp_path / "briefing.md.j2").read_text(encoding="utf-8") == "my edits"


@pytest.mark.parametrize(
    "name", ["nope.md.j2", "../pyproject.toml", "/etc/passwd", "section-X.md.j2", "section.md"]
)
def test_copy_refuses_unknown_names(tmp_path: Path, name: str) -> None:
    with pytest.raises(TemplateError) as caught:
        copy_template(name, tmp_path)
    bundled = ", ".join(sorted(p.name for p in BUNDLED.iterdir() if p.is_file()))
    assert str(caught.value).startswith(f"no bundled template {name!r}; the bundled templates")
    assert bundled in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_the_context_and_documents_agree_on_point_fields() -> None:
    point_fields = {f.name for f in dataclasses.fields(Point)} | set(contract.properties(Point))
    document = context_document(example_briefing())
    assert set(document["briefing"]["points"][0]) == point_fields
    assert dt.date.fromisoformat(document["briefing"]["date"]) == example_briefing().date


def test_a_template_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    (tmp_path / "section.md.j2").write_bytes("## {{ section.title }} – café\n".encode("cp1252"))
    with pytest.raises(TemplateError, match=r"section\.md\.j2: not UTF-8 text; save it as UTF-8"):
        render(make_briefing(), tmp_path)
    problems = check_templates([tmp_path], make_briefing())
    assert problems == [f"{tmp_path / 'section.md.j2'}: not UTF-8 text; save it as UTF-8"]


@pytest.mark.parametrize("each", ["range(100000)", "range(100000)|reverse", "range(100000)[::2]"])
def test_every_way_through_range_counts(tmp_path: Path, each: str) -> None:
    loops = f"{{% for i in {each} %}}{{% for j in {each} %}}{{% endfor %}}{{% endfor %}}"
    message = render_error(tmp_path, loops, max_range_items=50_000)
    assert "stopped after 50,000 steps of range()" in message


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("At least 15 people", "at least 15 people"),
        ("About 180 people", "about 180 people"),
        ("Monday", "Monday"),
        ("Kyiv", "Kyiv"),
        ("UN troops", "UN troops"),
        ("472 drones", "472 drones"),
    ],
)
def test_in_sentence_lowers_only_a_capital_that_opened_a_sentence(value: str, shown: str) -> None:
    from briefing.templating import FILTERS

    assert FILTERS["in_sentence"].function(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("the company", "The company"),
        ("a senior official", "A senior official"),
        ("Dmitry Peskov", "Dmitry Peskov"),
        ("eBay", "eBay"),
    ],
)
def test_at_start_raises_only_a_lower_case_first_letter(value: str, shown: str) -> None:
    from briefing.templating import FILTERS

    assert FILTERS["at_start"].function(value) == shown


def test_a_speaker_described_in_lower_case_opens_its_line_with_a_capital() -> None:
    sample = example_briefing()
    quote = dataclasses.replace(sample.quotes[0], speaker="the company")
    briefing = dataclasses.replace(sample, quotes=(quote,))
    rendered = render_outputs(briefing, ["md", "html"], [])
    assert "**The company:**" in rendered["md"].decode()
    assert '<span class="speaker">The company:</span>' in rendered["html"].decode()


def test_a_verbatim_copy_is_said_to_repeat_its_original_nearly_word_for_word() -> None:
    """Verbatim copies are found at a similarity under 1 (light edits): the source list must
    not claim every matched sentence is word for word."""
    rendered = render_outputs(example_briefing(), ["md", "html"], [])
    for fmt in ("md", "html"):
        assert "(nearly word for word: " in rendered[fmt].decode()
