"""Translations: every catalogue complete and consistent, and every marked string translated."""

import re
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import PYTHON_FORMAT, Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
LOCALE = "zh_Hans_CN"
CATALOGUES = sorted(ROOT.glob(f"app/**/translations/{LOCALE}/LC_MESSAGES/messages.po"))
BRACES = re.compile(r"\{[^{}]*\}")


def name(path: Path) -> str:
    return str(path.relative_to(ROOT))


@cache
def catalogue(path: Path) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale=LOCALE)


def entries(path: Path):
    return [m for m in catalogue(path) if m.id]


def placeholders(text: str) -> Counter:
    """%(name)s, %s and {name} placeholders of a message, counted; %% is a literal percent."""
    found = [m.group(0) for m in PYTHON_FORMAT.finditer(text) if m.group(0) != "%%"]
    return Counter(found + BRACES.findall(text))


def extraction_settings() -> tuple[list, dict, dict]:
    """The method map of babel.cfg and the keywords `.ci/i18n` passes to pybabel extract."""
    with (ROOT / "babel.cfg").open() as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    script = (ROOT / ".ci" / "i18n").read_text()
    extract_line = next(line for line in script.splitlines() if "pybabel\" extract" in line)
    extra = re.findall(r"-k\s+(\S+)", extract_line)
    return method_map, options_map, {**DEFAULT_KEYWORDS, **parse_keywords(extra)}


def test_catalogues_exist():
    assert ROOT / "app/translations" / LOCALE / "LC_MESSAGES/messages.po" in CATALOGUES


@pytest.mark.parametrize("path", CATALOGUES, ids=name)
def test_catalogue_is_fully_translated(path):
    assert catalogue(path).locale_identifier == LOCALE
    assert catalogue(path).num_plurals == 1, "Chinese has one plural form: nplurals=1; plural=0;"
    problems = []
    for message in entries(path):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        elif not all(s.strip() for s in strings):
            problems.append(f"empty: {message.id!r}")
    assert not problems, f"{name(path)}: translate these entries\n" + "\n".join(problems)


@pytest.mark.parametrize("path", CATALOGUES, ids=name)
def test_placeholders_match(path):
    problems = []
    for message in entries(path):
        # For plurals the translation follows the plural msgid (Chinese has one form).
        source = message.id[-1] if isinstance(message.id, tuple) else message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for string in strings:
            if string and placeholders(string) != placeholders(source):
                problems.append(f"{source!r} -> {string!r}")
    assert not problems, f"{name(path)}: placeholders differ\n" + "\n".join(problems)


def test_a_string_translated_in_several_catalogues_is_translated_alike():
    # Flask-Babel merges the catalogues into one and the last one loaded wins, so two
    # translations of one msgid would make one page show the other's wording.
    seen = defaultdict(dict)
    for path in CATALOGUES:
        for message in entries(path):
            seen[(message.id, message.context)][name(path)] = message.string
    clashes = [f"{key[0]!r}: {by_file}" for key, by_file in seen.items()
               if len(set(by_file.values())) > 1]
    assert not clashes, "translate these msgids the same way everywhere\n" + "\n".join(clashes)


def test_every_marked_string_is_in_a_catalogue():
    known = {(m.id[0] if isinstance(m.id, tuple) else m.id, m.context)
             for path in CATALOGUES for m in entries(path)}
    method_map, options_map, keywords = extraction_settings()
    missing = []
    for folder in ("app", "templates"):
        for filename, lineno, message, _comments, context in extract_from_dir(
            ROOT / folder, method_map, options_map, keywords=keywords
        ):
            msgid = message[0] if isinstance(message, tuple) else message
            if msgid and (msgid, context) not in known:
                missing.append(f"{folder}/{filename}:{lineno}: {msgid!r}")
    assert not missing, (
        "marked strings missing from the catalogues: run `bash .ci/i18n update [DOMAIN]` and "
        "translate them\n" + "\n".join(missing)
    )
