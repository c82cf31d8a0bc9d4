"""Live sections: a registry of what a bulletin can show from the project at publication time.

Each section has a key, a label, a function (project, as_of) -> plain dataclass snapshot, and a
template partial that shows the snapshot. Sections whose source module is not installed (or not
importable yet) are simply not offered.
"""

import dataclasses
import importlib
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class SectionType:
    key: str
    label: Any  # lazy string: shown in the bulletin's language
    help: Any
    build: Callable[[Any, date], Any]
    template: str
    requires: tuple[str, ...] = ()

    def available(self) -> bool:
        return all(_importable(name) for name in self.requires)


_REGISTRY: dict[str, SectionType] = {}


def _importable(module: str) -> bool:
    try:
        importlib.import_module(module)
    except Exception:  # a module being written right now may fail to import: not offered
        return False
    return True


def register(section: SectionType) -> SectionType:
    _REGISTRY[section.key] = section
    return section


BUILTIN = ("app.bulletins.sections_project", "app.bulletins.sections_domains",
           "app.bulletins.sections_steering")


def _load_builtin() -> None:
    # Importing the modules registers their sections, in this order (the menu's order).
    for module in BUILTIN:
        importlib.import_module(module)


def available() -> list[SectionType]:
    """The menu of sections, in registration order, limited to those whose sources exist."""
    _load_builtin()
    return [s for s in _REGISTRY.values() if s.available()]


def get(key: str) -> SectionType | None:
    return next((s for s in available() if s.key == key), None)


class _SectionLabels(Mapping):
    """Section labels by key for the audit trail, read from the registry when asked."""

    def __getitem__(self, key: str):
        _load_builtin()
        return _REGISTRY[key].label

    def __iter__(self) -> Iterator[str]:
        _load_builtin()
        return iter(_REGISTRY)

    def __len__(self) -> int:
        _load_builtin()
        return len(_REGISTRY)


SECTION_LABELS = _SectionLabels()


def to_json(snapshots: dict[str, Any]) -> str:
    """Snapshots as JSON, kept with the published edition (dates as ISO text)."""

    def plain(value):
        if isinstance(value, date | datetime):
            return value.isoformat()
        if isinstance(value, Decimal):
            return str(value)
        raise TypeError(f"cannot store {type(value).__name__} in a snapshot")

    data = {key: dataclasses.asdict(snap) for key, snap in snapshots.items()}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=plain)
