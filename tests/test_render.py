"""Tests for briefing.render and briefing.jsonout: a hand-built briefing through every format.

The points carry hostile text (Markdown syntax, HTML, Jinja syntax, entities) that must come
out literally in every format. The PDF is rendered once per module: WeasyPrint is the slow part.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import logging
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from briefing.errors import OutputError, TemplateError
from briefing.jsonout import BriefingDocument, json_schema, render_json
from briefing.models import Briefing, Citation, Point, Section, Source
from briefing.render import (
    FORMATS,
    bundled_template_dir,
    display_path,
    load_templates,
    print_pdf,
    render_outputs,
    template_context,
)

REPO = Path(__file__).resolve().parent.parent

POINT_TEXTS = (
    "Officials said *three* rounds (#1 of many) would <script>alert(1)</script> resume.",
    "The {{ 7*7 }} figure was cited as [x](javascript:alert(1)) by the ministry’s envoy.",
    "Markets &amp; analysts called it _under_ pressure, and C# stayed unchanged.",
)
TITLE = "Putin’s talks offer & Europe’s ultimatum"


def _point(text: str, source_ids: tuple[int, ...], score: float) -> Point:
    citations = tuple(
        Citation(
            source=source_id,
            sentence_id=f"s{source_id}:0:{n}",
            text=text,
            start=100 * n,
            end=100 * n + len(text),
        )
        for n, source_id in enumerate(source_ids)
    )
    return Point(
        text=text,
        sentence_id=citations[0].sentence_id,
        quoted_from=citations[0].source,
        citations=citations,
        score=score,
        rank_score=0.123456789,
        cue_score=0.5,
        support=len(set(source_ids)),
    )


def make_briefing() -> Briefing:
    """Two themes (the second empty) and three sources, one untitled, one read from a URL."""
    sources = (
        Source(
            id=1,
            key="000_bbc",
            path="examples/putin-talks/000_bbc.txt",
            title="Putin offers direct talks with Ukraine",
            outlet="BBC News",
            url="https://www.bbc.com/news/articles/x1",
            published=dt.date(2025, 5, 11),
        ),
        Source(
            id=2,
            key="001_untitled",
            path="examples/putin-talks/001_untitled.txt",
            title=None,
            outlet=None,
            url=None,
            published=None,
        ),
        Source(
            id=3,
            key="zelensky",
            path="https://www.theguardian.com/world/2025/may/11/zelensky",
            title="Zelensky: I will wait for Putin in Turkey",
            outlet="The Guardian",
            url="https://www.theguardian.com/world/2025/may/11/zelensky",
            published=dt.date(2025, 5, 10),
        ),
    )
    sections = (
        Section(
            key="talks",
            title="Talks offer",
            description="Proposals for negotiations, and who made them.",
            points=(
                _point(POINT_TEXTS[0], (3, 1), 0.9),
                _point(POINT_TEXTS[1], (2,), 0.8),
                _point(POINT_TEXTS[2], (1, 2, 3), 0.7),
            ),
        ),
        Section(key="sanctions", title="Sanctions", description="", points=()),
    )
    return Briefing(
        title=TITLE,
        date=dt.date(2025, 5, 11),
        generated=dt.datetime(2025, 5, 11, 6, 30, tzinfo=dt.UTC),
        summarizer="lexrank",
        sections=sections,
        sources=sources,
        warnings=("sources/broken.html: no readable text",),
    )


@pytest.fixture(scope="module")
def briefing() -> Briefing:
    return make_briefing()


@pytest.fixture(scope="module")
def outputs(briefing: Briefing) -> dict[str, bytes]:
    return render_outputs(briefing, ["md", "html", "pdf", "json"], [])


class _Html(HTMLParser):
    """A small DOM-less reader: element names, attributes and the text inside chosen tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.open: list[str] = []
        self.texts: dict[str, list[str]] = {}
        self._current: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in ("meta", "br", "img", "link"):
            self.open.append(tag)
            self._current.setdefault(tag, []).append("")

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1] == tag:
            self.open.pop()
            self.texts.setdefault(tag, []).append(self._current[tag].pop())

    def handle_data(self, data: str) -> None:
        for tag in set(self.open):
            stack = self._current[tag]
            stack[-1] += data

    def all_text(self, tag: str) -> list[str]:
        return [" ".join(t.split()) for t in self.texts.get(tag, [])]


def parse_html(html: str) -> _Html:
    parser = _Html()
    parser.feed(html)
    parser.close()
    return parser


def squash(text: str) -> str:
    """Text compared without white space or hyphens, so line breaks and hyphenation in the
    PDF do not matter."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", text)


# --- Markdown ----------------------------------------------------------------------------------


def test_markdown_structure(outputs: dict[str, bytes], briefing: Briefing) -> None:
    md = outputs["md"].decode("utf-8")
    lines = md.splitlines()
    assert lines[0] == "# Putin’s talks offer & Europe’s ultimatum"
    assert lines[2] == "*11 May 2025 · 3 sources*"
    headings = [line for line in lines if line.startswith("## ")]
    assert headings == ["## Talks offer", "## Sanctions", "## Coverage", "## Sources"]
    bullets = [line for line in lines if line.startswith("- ")]
    assert len(bullets) == 3
    # Citations sorted, whatever the citation order, then how many sources carry the point.
    assert bullets[0].endswith(" [1][3] *(2 independent sources)*")
    assert bullets[1].endswith(" [2] *(single source)*")
    assert bullets[2].endswith(" [1][2][3] *(3 independent sources)*")
    sanctions = md.split("## Sanctions", 1)[1].split("## Coverage", 1)[0]
    assert sanctions.strip() == "*No source covered this theme.*"
    coverage = md.split("## Coverage", 1)[1].split("## Sources", 1)[0].strip().splitlines()
    assert coverage[2:] == [
        "| Source | Talks offer | Sanctions |",
        "| --- | ---: | ---: |",
        "| [1] BBC News | 2 | – |",
        "| [2] 001\\_untitled.txt | 2 | – |",
        "| [3] The Guardian | 2 | – |",
        "",
        "No source covered this theme: Sanctions.",
    ]
    sources = md.split("## Sources", 1)[1].strip().splitlines()
    assert sources[0].startswith("1. Putin offers direct talks with Ukraine · BBC News")
    assert "`examples/putin-talks/000_bbc.txt`" in sources[0]
    assert sources[1] == "2. 001\\_untitled.txt · `examples/putin-talks/001_untitled.txt`"
    assert sources[2].startswith("3. Zelensky: I will wait for Putin in Turkey")
    assert "<https://www.theguardian.com/world/2025/may/11/zelensky>" in sources[2]
    assert md.endswith(".*\n") and not md.endswith("\n\n")


def test_markdown_renders_article_text_literally(
    outputs: dict[str, bytes], briefing: Briefing
) -> None:
    html = markdown.markdown(outputs["md"].decode("utf-8"))
    page = parse_html(html)
    tags = [tag for tag, _ in page.tags]
    assert "script" not in tags
    assert page.all_text("h1") == [TITLE]
    items = page.all_text("li")
    notes = ["(2 independent sources)", "(single source)", "(3 independent sources)"]
    for point, item, note in zip(briefing.points, items, notes, strict=False):
        citations = "".join(f"[{n}]" for n in point.source_ids)
        assert item == f"{point.text} {citations} {note}"
    # Only the source list's web addresses become links; nothing from the point text does.
    hrefs = [attrs.get("href") for tag, attrs in page.tags if tag == "a"]
    assert hrefs == [
        "https://www.bbc.com/news/articles/x1",
        "https://www.theguardian.com/world/2025/may/11/zelensky",
    ]


HOSTILE = "*x* _y_ <b>z</b> [l](javascript:1) {{ 7*7 }} {% if %} &amp; # 1. | ~ \\"


def test_markdown_escapes_every_text_field(briefing: Briefing) -> None:
    """Title, theme title and description, and the source fields are escaped like points."""
    section = dataclasses.replace(
        briefing.sections[0], title="# " + HOSTILE, description="1. " + HOSTILE
    )
    source = dataclasses.replace(
        briefing.sources[0], title="- " + HOSTILE, outlet="> " + HOSTILE, path="a`b_*<i>.txt"
    )
    hostile = dataclasses.replace(
        briefing,
        title=HOSTILE,
        summarizer=HOSTILE,
        sections=(section, *briefing.sections[1:]),
        sources=(source, *briefing.sources[1:]),
    )
    md = render_outputs(hostile, ["md"], [])["md"].decode("utf-8")
    page = parse_html(markdown.markdown(md))
    assert {tag for tag, _ in page.tags} <= {"h1", "h2", "p", "em", "ul", "ol", "li", "a", "code"}
    assert page.all_text("h1") == [HOSTILE]
    assert page.all_text("h2")[0] == "# " + HOSTILE
    assert "1. " + HOSTILE in page.all_text("p")
    assert page.all_text("code")[0] == "a`b_*<i>.txt"
    assert page.all_text("li")[3].startswith(f"- {HOSTILE} · > {HOSTILE} · 11 May 2025")
    assert page.all_text("em")[-1].endswith(f"Summarizer: {HOSTILE}.")


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), min_size=1))
def test_markdown_points_render_literally(text: str) -> None:
    briefing = make_briefing()
    point = dataclasses.replace(briefing.points[0], text=text)
    section = dataclasses.replace(briefing.sections[0], points=(point,))
    md = render_outputs(dataclasses.replace(briefing, sections=(section,)), ["md"], [])["md"]
    items = parse_html(markdown.markdown(md.decode("utf-8"))).all_text("li")
    assert items[0] == " ".join(f"{text} [1][3] (2 independent sources)".split())


# --- HTML --------------------------------------------------------------------------------------


def test_html_document(outputs: dict[str, bytes], briefing: Briefing) -> None:
    html = outputs["html"].decode("utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    page = parse_html(html)
    tags = [tag for tag, _ in page.tags]
    assert "script" not in tags
    assert page.all_text("title") == [TITLE]
    metas = {attrs.get("name"): attrs.get("content") for tag, attrs in page.tags if tag == "meta"}
    assert metas["dcterms.created"] == "2025-05-11T06:30:00+00:00"
    assert metas["dcterms.date"] == "2025-05-11"
    assert metas["description"] and "11 May 2025" in metas["description"]
    # The print stylesheet is embedded, so the page is one file.
    style = page.all_text("style")[0]
    assert "@page" in style and "size: A4" in style
    assert 'rel="stylesheet"' not in html


def test_html_escapes_article_text(outputs: dict[str, bytes], briefing: Briefing) -> None:
    html = outputs["html"].decode("utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ 7*7 }}" in html  # data, never evaluated
    assert "&amp;amp;" in html
    page = parse_html(html)
    items = page.all_text("li")
    notes = ["2 independent sources", "single source", "3 independent sources"]
    for point, item, note in zip(briefing.points, items, notes, strict=False):
        # U+2060 WORD JOINER keeps the citation numbers on the line of the text's last word.
        citations = ",".join(str(n) for n in point.source_ids)
        assert item == f"{point.text}\u2060{citations} {note}"


def test_html_citations_link_to_numbered_sources(outputs: dict[str, bytes]) -> None:
    page = parse_html(outputs["html"].decode("utf-8"))
    citation_links = [
        attrs["href"]
        for tag, attrs in page.tags
        if tag == "a" and (attrs.get("href") or "").startswith("#")
    ]
    expected = ["#source-1", "#source-3", "#source-2", "#source-1", "#source-2", "#source-3"]
    coverage_rows = ["#source-1", "#source-2", "#source-3"]
    assert citation_links == expected + coverage_rows
    source_items = [
        (attrs.get("id"), attrs.get("value")) for tag, attrs in page.tags if tag == "li"
    ][-3:]
    assert source_items == [("source-1", "1"), ("source-2", "2"), ("source-3", "3")]
    assert "javascript:" not in " ".join(
        attrs.get("href") or "" for tag, attrs in page.tags if tag == "a"
    )


def test_html_empty_theme_keeps_its_heading(outputs: dict[str, bytes]) -> None:
    page = parse_html(outputs["html"].decode("utf-8"))
    assert page.all_text("h2") == [
        "Talks offer",
        "Sanctions",
        "Coverage points citing each source, by theme",
        "Sources",
    ]
    assert "No source covered this theme." in page.all_text("p")
    assert "No source covered this theme: Sanctions." in page.all_text("p")


# --- PDF ---------------------------------------------------------------------------------------


def test_pdf(outputs: dict[str, bytes], briefing: Briefing) -> None:
    pdf = outputs["pdf"]
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata is not None
    assert reader.metadata.title == TITLE
    text = squash("\n".join(page.extract_text() for page in reader.pages))
    for point in briefing.points:
        assert squash(point.text) in text
    assert squash("Page 1 of") in text


def test_pdf_fetches_only_template_files(caplog: pytest.LogCaptureFixture) -> None:
    html = (
        '<html><head><title>t</title><link rel="stylesheet" href="print.css"></head><body>'
        '<p>x</p><img src="https://example.com/tracker.png"><img src="file:///etc/hostname">'
        "</body></html>"
    )
    with caplog.at_level(logging.WARNING, logger="briefing.render"):
        pdf = print_pdf(html, [bundled_template_dir()])
    assert pdf.startswith(b"%PDF-")
    refused = [r.getMessage() for r in caplog.records if r.name == "briefing.render"]
    assert any("https://example.com/tracker.png" in m for m in refused)
    assert any("file:///etc/hostname" in m for m in refused)
    assert not any("print.css" in m for m in refused)


# --- JSON --------------------------------------------------------------------------------------


def test_json_document(outputs: dict[str, bytes], briefing: Briefing) -> None:
    text = outputs["json"].decode("utf-8")
    assert text.endswith("}\n")
    assert "’" in text  # ensure_ascii off
    data = json.loads(text)
    assert list(data) == [
        "schema_version",
        "title",
        "date",
        "undated",
        "generated",
        "summarizer",
        "sources",
        "themes",
        "coverage",
        "quotes",
        "warnings",
    ]
    assert data["quotes"] == []
    assert data["schema_version"] == "1"
    assert data["title"] == TITLE
    assert data["date"] == "2025-05-11"
    assert dt.datetime.fromisoformat(data["generated"]) == briefing.generated
    assert data["summarizer"] == "lexrank"
    assert data["warnings"] == ["sources/broken.html: no readable text"]
    assert [s["id"] for s in data["sources"]] == [1, 2, 3]
    assert data["sources"][1] == {
        "id": 2,
        "path": "examples/putin-talks/001_untitled.txt",
        "title": None,
        "outlet": None,
        "url": None,
        "published": None,
        "carriers": [],
        "copy_of": None,
        "copy_evidence": None,
    }
    assert [t["key"] for t in data["themes"]] == ["talks", "sanctions"]
    assert data["themes"][1]["points"] == []
    first = data["themes"][0]["points"][0]
    assert first["text"] == POINT_TEXTS[0]
    assert first["citations"] == [1, 3]
    assert first["support"] == 2
    assert first["independent"] == 2 and first["single_source"] is False
    assert first["disagreements"] == [] and first["signals"] is None
    assert data["themes"][0]["points"][1]["single_source"] is True
    assert data["coverage"][0] == {"source": 1, "points": {"talks": 2, "sanctions": 0}}
    assert first["rank_score"] == 0.123457
    assert first["sentence_id"] == "s3:0:0"
    assert first["evidence"][0] == {
        "source": 3,
        "sentence_id": "s3:0:0",
        "text": POINT_TEXTS[0],
        "start": 0,
        "end": len(POINT_TEXTS[0]),
    }


def test_json_validates_against_its_models(outputs: dict[str, bytes]) -> None:
    text = outputs["json"].decode("utf-8")
    document = BriefingDocument.model_validate_json(text)
    assert json.dumps(document.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n" == text


def test_json_validates_against_the_schema(outputs: dict[str, bytes]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(json.loads(outputs["json"]), json_schema())


def test_json_is_deterministic(briefing: Briefing) -> None:
    assert render_json(briefing) == render_json(make_briefing())


def test_every_schema_field_is_described() -> None:
    schema = json_schema()
    for name, definition in [("Briefing", schema), *schema["$defs"].items()]:
        for field, spec in definition["properties"].items():
            assert spec.get("description"), f"{name}.{field} has no description"


def test_committed_schema_matches_the_models() -> None:
    committed = json.loads((REPO / "docs" / "briefing.schema.json").read_text(encoding="utf-8"))
    regenerate = "python -m briefing.jsonout > docs/briefing.schema.json"
    assert committed == json_schema(), f"the schema changed; regenerate it: {regenerate}"


# --- Formats and templates ---------------------------------------------------------------------


def test_outputs_follow_the_requested_order(briefing: Briefing) -> None:
    assert list(render_outputs(briefing, ["json", "md"], [])) == ["json", "md"]
    assert set(FORMATS) == {"md", "html", "pdf", "json"}


def test_unknown_format(briefing: Briefing) -> None:
    with pytest.raises(OutputError, match="'docx'.*md, html, pdf, json"):
        render_outputs(briefing, ["md", "docx"], [])


def test_bundled_templates_exist() -> None:
    folder = bundled_template_dir()
    for name in ("briefing.md.j2", "briefing.html.j2", "print.css"):
        assert (folder / name).is_file()


def test_editor_template_extends_the_bundled_one(briefing: Briefing, tmp_path: Path) -> None:
    (tmp_path / "briefing.md.j2").write_text(
        '{% extends "default:briefing.md.j2" %}\n'
        "{% block footer %}\nEdited by the night desk.\n{% endblock %}\n",
        encoding="utf-8",
    )
    md = render_outputs(briefing, ["md"], [tmp_path])["md"].decode("utf-8")
    assert md.startswith("# Putin’s talks offer")
    assert md.endswith("\nEdited by the night desk.\n")
    assert "Every point is a sentence quoted" not in md


def test_missing_template_names_it_and_the_folders(tmp_path: Path) -> None:
    templates = load_templates([tmp_path])
    with pytest.raises(TemplateError) as caught:
        templates.render("missing.md.j2", template_context(make_briefing()))
    message = str(caught.value)
    assert message.startswith("template 'missing.md.j2' not found in ")
    assert str(tmp_path) in message
    assert display_path(bundled_template_dir().resolve()) in message


def test_missing_include_names_the_including_file(briefing: Briefing, tmp_path: Path) -> None:
    (tmp_path / "briefing.md.j2").write_text(
        '# Title\n{% include "header.md.j2" %}\n', encoding="utf-8"
    )
    with pytest.raises(TemplateError) as caught:
        render_outputs(briefing, ["md"], [tmp_path])
    message = str(caught.value)
    assert "'header.md.j2' not found" in message
    assert f"{tmp_path / 'briefing.md.j2'}, line 2:" in message
    assert str(tmp_path) in message


def test_undefined_name_names_file_and_line(briefing: Briefing, tmp_path: Path) -> None:
    (tmp_path / "briefing.md.j2").write_text(
        "# {{ briefing.title|md }}\n\n{{ briefing.titel }}\n", encoding="utf-8"
    )
    with pytest.raises(TemplateError) as caught:
        render_outputs(briefing, ["md"], [tmp_path])
    message = str(caught.value)
    assert message == (
        f"{tmp_path / 'briefing.md.j2'}, line 3: "
        "'Briefing' has no attribute 'titel' — did you mean 'title'?"
    )


def test_syntax_error_names_file_and_line(briefing: Briefing, tmp_path: Path) -> None:
    (tmp_path / "briefing.html.j2").write_text(
        "<html>\n<body>\n{% if %}\n</body>\n", encoding="utf-8"
    )
    with pytest.raises(TemplateError) as caught:
        render_outputs(briefing, ["html"], [tmp_path])
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / 'briefing.html.j2'}, line 3: syntax error: ")


def test_sandbox_blocks_python_internals(briefing: Briefing, tmp_path: Path) -> None:
    (tmp_path / "briefing.md.j2").write_text(
        "{{ briefing.__class__.__init__.__globals__ }}\n", encoding="utf-8"
    )
    with pytest.raises(TemplateError, match=r"briefing\.md\.j2, line 1: not allowed"):
        render_outputs(briefing, ["md"], [tmp_path])


def test_missing_template_folder(briefing: Briefing, tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="does not exist"):
        render_outputs(briefing, ["md"], [tmp_path / "nope"])


def test_outlets_carrying_the_same_article_are_named_in_every_format() -> None:
    import dataclasses
    import json

    briefing = make_briefing()
    first = dataclasses.replace(briefing.sources[0], carriers=("Wire Agency", "Daily Paper"))
    briefing = dataclasses.replace(briefing, sources=(first, *briefing.sources[1:]))
    out = render_outputs(briefing, ["md", "html", "json"], template_dirs=[])
    line = next(x for x in out["md"].decode().splitlines() if x.startswith("1. "))
    assert line.count("carried by Wire Agency, Daily Paper") == 1
    assert "carried by Wire Agency, Daily Paper" in out["html"].decode()
    assert json.loads(out["json"])["sources"][0]["carriers"] == ["Wire Agency", "Daily Paper"]
    assert "carried by" not in next(
        x for x in out["md"].decode().splitlines() if x.startswith("2. ")
    )


def test_an_undated_briefing_says_built_in_markdown_and_html(briefing: Briefing) -> None:
    from dataclasses import replace

    rendered = render_outputs(replace(briefing, undated=True), ["md", "html"], [])
    assert "Built " in rendered["md"].decode() and "(no source is dated)" in rendered["md"].decode()
    assert "(no source is dated)" in rendered["html"].decode()
