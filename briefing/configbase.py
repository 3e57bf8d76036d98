"""What every part of the configuration shares: strict tables and paths relative to the file.

Both ``config.py`` and ``dailyconfig.py`` build on these (``config.py`` imports the daily
models, so they cannot live there).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationInfo


def _relative_to_config(path: Path, info: ValidationInfo) -> Path:
    """A relative path is relative to the config file (``base_dir`` in the validation context),
    not to the working directory: a scheduled run from anywhere reads the same folders."""
    base = (info.context or {}).get("base_dir")
    if base is not None and not path.is_absolute():
        return (Path(base) / path).resolve()
    return path


ConfigPath = Annotated[Path, AfterValidator(_relative_to_config)]


class Section(BaseModel):
    """A table of the config: unknown keys are errors, values never change after loading."""

    model_config = ConfigDict(extra="forbid", frozen=True)
