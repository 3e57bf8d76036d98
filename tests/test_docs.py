"""Contracts with users: what the README promises is what the code does."""

from __future__ import annotations

import re

from briefing.config import field_descriptions
from briefing.rank import SUMMARIZERS
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_setup_commands() -> None:
    first_block = README.split("```sh", 1)[1].split("```", 1)[0]
    assert [line.split("#")[0].strip() for line in first_block.strip().splitlines()] == [
        "make briefing",
        "make test",
    ]


def test_every_config_key_is_documented_in_the_readme() -> None:
    table = README.split("Every key:", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `([^`]+)` \|", table, flags=re.MULTILINE))
    keys = {key for key, _ in field_descriptions()}
    assert keys - documented == set(), "config keys missing from the README table"
    assert documented - keys == set(), "README documents keys the config does not have"


def test_every_summarizer_is_named_in_the_readme() -> None:
    for name in SUMMARIZERS:
        assert name in README


def test_makefile_targets_named_in_the_readme_exist() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in re.findall(r"^make (\w+)", README, flags=re.MULTILINE):
        assert re.search(rf"^{target}:", makefile, flags=re.MULTILINE), target
