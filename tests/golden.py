"""The golden Markdown and JSON of the example briefing, and how to regenerate them.

After an intended change to the example briefing, run ``make golden`` (this module), read the
diff of tests/golden/ like any other change, and commit it with the change that caused it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"
ROOT = GOLDEN.parent.parent
# The clock is frozen: the generated time is part of the outputs.
FROZEN_NOW = dt.datetime(2025, 5, 11, 7, 0, tzinfo=dt.UTC)
FORMATS = ("md", "json")


def build_example() -> dict[str, bytes]:
    """The example briefing's Markdown and JSON, rendered in memory."""
    from briefing.config import load_config, with_overrides
    from briefing.pipeline import compose
    from briefing.render import render_outputs

    config = with_overrides(load_config(ROOT / "config.toml"), formats=FORMATS)
    briefing, _ = compose(config, now=FROZEN_NOW, root=ROOT)
    return render_outputs(briefing, FORMATS, template_dirs=list(config.output.templates))


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for fmt, content in build_example().items():
        path = GOLDEN / f"briefing.{fmt}"
        path.write_bytes(content)
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
