"""Side-by-side differences between two texts, line by line and word by word (pure).

Rows hold plain text segments; templates escape them, so no markup is ever built here.
Chinese has no spaces, so CJK characters are compared one by one.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_TOKENS = re.compile(f"[{_WIDE}]|[^\\s{_WIDE}]+|\\s+")
SIMILAR = 0.4  # lines less alike than this are shown as removed and added, not as changed


@dataclass(frozen=True)
class Segment:
    kind: str  # same | del | ins
    text: str


@dataclass(frozen=True)
class DiffRow:
    kind: str  # equal | change | delete | insert
    left_no: int | None
    left: tuple[Segment, ...]
    right_no: int | None
    right: tuple[Segment, ...]


@dataclass(frozen=True)
class DiffStats:
    added: int
    removed: int
    changed: int


def _words(old: str, new: str) -> tuple[tuple[Segment, ...], tuple[Segment, ...]]:
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    left: list[Segment] = []
    right: list[Segment] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            left.append(Segment("same", "".join(a[i1:i2])))
            right.append(Segment("same", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            left.append(Segment("del", "".join(a[i1:i2])))
        if j2 > j1:
            right.append(Segment("ins", "".join(b[j1:j2])))
    return tuple(left), tuple(right)


def side_by_side(old: str, new: str) -> list[DiffRow]:
    """Rows pairing the lines of `old` (left) with those of `new` (right)."""
    a, b = old.splitlines(), new.splitlines()
    rows: list[DiffRow] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            rows.extend(
                DiffRow("equal", i + 1, (Segment("same", a[i]),), j + 1, (Segment("same", b[j]),))
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            )
            continue
        rows.extend(_replace_block(a[i1:i2], i1, b[j1:j2], j1))
    return rows


def _replace_block(old: list[str], i0: int, new: list[str], j0: int) -> list[DiffRow]:
    """Pair each old line with the next similar enough new line; the rest are deleted or added."""
    rows: list[DiffRow] = []
    j = 0
    for i, line in enumerate(old):
        best, best_ratio = None, SIMILAR
        for k in range(j, len(new)):
            ratio = SequenceMatcher(None, line, new[k], autojunk=False).ratio()
            if ratio > best_ratio:
                best, best_ratio = k, ratio
        if best is None:
            rows.append(DiffRow("delete", i0 + i + 1, (Segment("del", line),), None, ()))
            continue
        for k in range(j, best):
            rows.append(DiffRow("insert", None, (), j0 + k + 1, (Segment("ins", new[k]),)))
        left, right = _words(line, new[best])
        rows.append(DiffRow("change", i0 + i + 1, left, j0 + best + 1, right))
        j = best + 1
    for k in range(j, len(new)):
        rows.append(DiffRow("insert", None, (), j0 + k + 1, (Segment("ins", new[k]),)))
    return rows


def stats(rows: list[DiffRow]) -> DiffStats:
    return DiffStats(
        added=sum(r.kind == "insert" for r in rows),
        removed=sum(r.kind == "delete" for r in rows),
        changed=sum(r.kind == "change" for r in rows),
    )
