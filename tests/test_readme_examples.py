"""The worked examples of the README's section for editors, run as they are written there."""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import main
from tests.conftest import CONFIG, EXAMPLES, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
EDITORS = README.split("## For editors", 1)[1].split("\n## ", 1)[0]


def example(title: str) -> dict[str, str]:
    """The files of one worked example: {"editorial/x.j2": text, "config.toml": text}."""
    section = EDITORS.split(f"### {title}\n", 1)[1].split("\n### ", 1)[0]
    files = {}
    for name, body in re.findall(r"`([\w./-]+)`[^\n]*:\n\n```\w*\n(.*?)```", section, re.S):
        files[name] = body
    assert files, f"no files in README example {title!r}"
    return files


def project(tmp_path: Path, files: dict[str, str]) -> Path:
    """A project folder: the example config (with an editorial folder) plus the example files."""
    config = CONFIG.read_text(encoding="utf-8").replace(
        'folder = "examples/putin-talks"', f'folder = "{EXAMPLES}"'
    )
    config = config.replace("[output]\n", '[output]\ntemplates = ["editorial"]\n')
    (tmp_path / "editorial").mkdir()
    for name, body in files.items():
        if name == "config.toml":
            config += "\n" + body
        else:
            (tmp_path / name).write_text(body, encoding="utf-8")
    (tmp_path / "config.toml").write_text(config, encoding="utf-8")
    return tmp_path / "config.toml"


def build(config: Path, *formats: str) -> Path:
    out = config.parent / "out"
    args = ["build", "--config", str(config), "--out", str(out)]
    for fmt in formats:
        args += ["--format", fmt]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return out


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(path).pages)


def tiny_png() -> bytes:
    """A 2x2 red PNG, made here so the test needs no image file."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def test_change_the_masthead(tmp_path: Path) -> None:
    out = build(project(tmp_path, example("Change the masthead")), "md", "html", "pdf")
    markdown = (out / "briefing.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Morning Desk · Putin offers direct talks")
    assert "<h1>Morning Desk · Putin offers" in (out / "briefing.html").read_text(encoding="utf-8")
    assert "Morning Desk" in pdf_text(out / "briefing.pdf")
    assert "## The proposal" in markdown  # everything else as before


def test_hide_a_theme(tmp_path: Path) -> None:
    out = build(project(tmp_path, example("Hide a theme")), "md")
    markdown = (out / "briefing.md").read_text(encoding="utf-8")
    assert "## Battlefield context" not in markdown
    assert "## Reactions" in markdown


def test_restyle_the_pdf(tmp_path: Path) -> None:
    from pypdf import PdfReader

    config = project(tmp_path, example("Restyle the PDF: page size, fonts, a logo"))
    (tmp_path / "editorial" / "logo.png").write_bytes(tiny_png())
    out = build(config, "pdf")
    page = PdfReader(out / "briefing.pdf").pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)
    resources = page["/Resources"]
    assert "/XObject" in resources, "the logo is not in the PDF"


def test_add_an_edition(tmp_path: Path) -> None:
    out = build(project(tmp_path, example("Add an edition")))
    assert sorted(p.name for p in (out / "morning").iterdir()) == ["briefing.md", "briefing.pdf"]
    assert sorted(p.name for p in (out / "full").iterdir()) == [
        "briefing.html",
        "briefing.json",
        "briefing.md",
        "briefing.pdf",
    ]
    morning = (out / "morning" / "briefing.md").read_text(encoding="utf-8")
    assert "## Battlefield context" not in morning
    assert morning.count("\n- ") == 9 + 2  # 3 themes x 3 points, 2 key quotes
    assert morning.count("\n- **") == 2


@pytest.mark.parametrize("title", ["Change the masthead", "Hide a theme", "Add an edition"])
def test_examples_pass_briefing_check(tmp_path: Path, title: str) -> None:
    config = project(tmp_path, example(title))
    result = CliRunner().invoke(main, ["check", "--config", str(config)])
    assert result.exit_code == 0, result.output
