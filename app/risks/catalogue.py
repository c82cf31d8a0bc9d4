"""The risk categories and score bands, read from seeds/risk_categories.toml."""

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

from app.risks.scoring import LEVELS, Band, Rules

DATA_FILE = Path(__file__).resolve().parents[2] / "seeds" / "risk_categories.toml"


@dataclass(frozen=True)
class Category:
    key: str
    name: str
    name_zh: str
    description: str
    description_zh: str
    responses: str
    responses_zh: str

    def label(self, locale: str) -> str:
        return self.name_zh if locale.startswith("zh") else self.name

    def text(self, locale: str) -> tuple[str, str]:
        """Description and typical responses in the reader's language."""
        if locale.startswith("zh"):
            return self.description_zh, self.responses_zh
        return self.description, self.responses


@functools.cache
def _load(path: Path = DATA_FILE) -> tuple[tuple[Category, ...], Rules]:
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    categories = tuple(Category(**spec) for spec in data["categories"])
    bands = tuple(sorted((Band(b["key"], int(b["from"])) for b in data["levels"]),
                         key=lambda b: b.lower))
    if [b.level for b in bands] != list(LEVELS) or bands[0].lower != 1:
        raise ValueError(f"{path}: levels must be {LEVELS} in ascending order from 1")
    return categories, Rules(bands, int(data["trend"]["min_change"]))


def categories() -> tuple[Category, ...]:
    return _load()[0]


def category(key: str) -> Category | None:
    return next((c for c in categories() if c.key == key), None)


def rules() -> Rules:
    return _load()[1]
