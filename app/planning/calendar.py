"""Working calendar: working weekdays, holidays, extra working days; fast working-day maths."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date, timedelta

MONDAY_TO_FRIDAY = frozenset({0, 1, 2, 3, 4})

# Working-day indices count from this Monday; any fixed date would do, the engine only
# compares indices of one calendar with each other.
_ANCHOR = date(2000, 1, 3).toordinal()
_MIN_SPAN_DAYS = 4 * 366
_MAX_SPAN_DAYS = 200 * 366  # tables stay small; plans do not span centuries


@dataclass(frozen=True)
class WorkingCalendar:
    """Which days are worked: weekdays (Monday=0 .. Sunday=6), minus holidays, plus extra days.

    Every working day has an integer index (consecutive working days have consecutive
    indices), so the scheduler can do its arithmetic on integers and convert at the edges.
    """

    working_weekdays: frozenset[int] = MONDAY_TO_FRIDAY
    holidays: frozenset[date] = frozenset()
    extra_working_days: frozenset[date] = frozenset()
    _index: _DayIndex = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        for attr in ("working_weekdays", "holidays", "extra_working_days"):
            if not isinstance(getattr(self, attr), frozenset):
                object.__setattr__(self, attr, frozenset(getattr(self, attr)))
        if not self.working_weekdays or not self.working_weekdays <= set(range(7)):
            raise ValueError("working_weekdays must be a non-empty subset of 0..6 (Monday=0)")
        object.__setattr__(self, "_index", _DayIndex(self))

    def is_working_day(self, day: date) -> bool:
        if day in self.holidays:
            return False
        return day.weekday() in self.working_weekdays or day in self.extra_working_days

    def index_on_or_after(self, day: date) -> int:
        """Index of `day` if it is worked, else of the next working day."""
        return self._index.position(day.toordinal())

    def index_on_or_before(self, day: date) -> int:
        """Index of `day` if it is worked, else of the previous working day."""
        if self.is_working_day(day):
            return self._index.position(day.toordinal())
        return self._index.position(day.toordinal()) - 1

    def date_at(self, index: int) -> date:
        """The working day with this index."""
        return self._index.date_at(index)

    def dates_at(self, first: int, last: int) -> list[date]:
        """Working days with indices first..last inclusive (used to convert many at once)."""
        return self._index.dates_between(first, last)

    def roll_forward(self, day: date) -> date:
        """`day` if it is worked, else the next working day."""
        return self.date_at(self.index_on_or_after(day))

    def roll_backward(self, day: date) -> date:
        """`day` if it is worked, else the previous working day."""
        return self.date_at(self.index_on_or_before(day))

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        return self.date_at(self.index_on_or_before(day) + 1)

    def previous_working_day(self, day: date) -> date:
        """The last working day strictly before `day`."""
        return self.date_at(self.index_on_or_after(day) - 1)

    def add_working_days(self, day: date, days: int) -> date:
        """Move `days` working days from `day` (negative moves back, 0 stays).

        A non-working `day` first rolls forward to the next working day (like numpy's
        busday_offset with roll="forward"), so Saturday + 0 is Monday and Saturday + 1 Tuesday.
        """
        return self.date_at(self.index_on_or_after(day) + days)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in [start, end); negative when end is before start."""
        return self.index_on_or_after(end) - self.index_on_or_after(start)

    def working_days_in(self, first: date, last: date) -> int:
        """Working days from `first` to `last`, both included (0 if last < first)."""
        return max(0, self.working_days_between(first, last + timedelta(days=1)))


class _DayIndex:
    """Lazily extended tables between ordinals and working-day indices of one calendar."""

    __slots__ = ("_cal", "_extra_ords", "_holiday_ords", "before", "dates", "first", "hi", "lo")

    def __init__(self, cal: WorkingCalendar) -> None:
        self._cal = cal
        self._holiday_ords = sorted(
            d.toordinal() for d in cal.holidays if d.weekday() in cal.working_weekdays
        )
        self._extra_ords = sorted(
            d.toordinal()
            for d in cal.extra_working_days
            if d.weekday() not in cal.working_weekdays and d not in cal.holidays
        )
        self.lo = self.hi = _ANCHOR
        self.before: list[int] = []
        self.first = 0
        self.dates: list[date] = []

    def position(self, ordinal: int) -> int:
        """Working days in [anchor, ordinal), negated for ordinals before the anchor."""
        if not self.lo <= ordinal < self.hi:
            self._cover(ordinal, ordinal + 1)
        return self.before[ordinal - self.lo]

    def date_at(self, index: int) -> date:
        j = index - self.first
        if 0 <= j < len(self.dates):
            return self.dates[j]
        self._cover_index(index)
        return self.dates[index - self.first]

    def dates_between(self, first: int, last: int) -> list[date]:
        if first - self.first < 0 or last - self.first >= len(self.dates):
            self._cover_index(first)
            self._cover_index(last)
        return self.dates[first - self.first : last - self.first + 1]

    def _cover_index(self, index: int) -> None:
        per_week = len(self._cal.working_weekdays)
        while not 0 <= index - self.first < len(self.dates):
            guess = _ANCHOR + (index * 7) // per_week
            span = max(_MIN_SPAN_DAYS, 2 * (self.hi - self.lo))
            self._cover(guess - span // 2, guess + span // 2)

    def _count(self, lo: int, hi: int) -> int:
        """Working days in the ordinal range [lo, hi), by whole weeks plus exceptions."""
        weeks, rest = divmod(hi - lo, 7)
        weekdays = self._cal.working_weekdays
        count = weeks * len(weekdays)
        first_weekday = (lo - 1) % 7  # date.fromordinal(1) is a Monday
        count += sum(1 for k in range(rest) if (first_weekday + k) % 7 in weekdays)
        count -= bisect_left(self._holiday_ords, hi) - bisect_left(self._holiday_ords, lo)
        count += bisect_left(self._extra_ords, hi) - bisect_left(self._extra_ords, lo)
        return count

    def _cover(self, lo: int, hi: int) -> None:
        lo = min(lo, self.lo) if self.before else lo
        hi = max(hi, self.hi) if self.before else hi
        if hi - lo < _MIN_SPAN_DAYS:
            lo, hi = lo - _MIN_SPAN_DAYS // 2, hi + _MIN_SPAN_DAYS // 2
        if hi - lo > _MAX_SPAN_DAYS:
            raise ValueError("dates more than 200 years apart in one calendar")
        start = self._count(_ANCHOR, lo) if lo >= _ANCHOR else -self._count(lo, _ANCHOR)
        weekdays = self._cal.working_weekdays
        holidays = set(self._holiday_ords)
        extras = set(self._extra_ords)
        before: list[int] = []
        dates: list[date] = []
        n = start
        weekday = (lo - 1) % 7
        for ordinal in range(lo, hi):
            before.append(n)
            if (weekday in weekdays and ordinal not in holidays) or ordinal in extras:
                dates.append(date.fromordinal(ordinal))
                n += 1
            weekday = 0 if weekday == 6 else weekday + 1
        self.lo, self.hi, self.before, self.first, self.dates = lo, hi, before, start, dates
