"""The coverage targets, read from seeds/training_targets.toml."""

import functools
import tomllib
from pathlib import Path

from app.training.coverage import Targets

DATA_FILE = Path(__file__).resolve().parents[2] / "seeds" / "training_targets.toml"


@functools.cache
def targets() -> Targets:
    with DATA_FILE.open("rb") as fh:
        data = tomllib.load(fh)
    found = Targets(float(data["concept"]), float(data["operational"]))
    if not (0 < found.concept <= 1 and 0 < found.operational <= 1):
        raise ValueError(f"{DATA_FILE}: targets are shares between 0 and 1")
    return found
