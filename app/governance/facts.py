"""The facts the governance health scorecard judges: one small plain dataclass per source.

`gather.py` fills them from the database; `health.py` judges them. No Flask, no database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.budget.analysis import BudgetWarning


@dataclass(frozen=True)
class VisionFacts:
    latest_number: int  # 0: no version written yet
    approved_number: int | None


@dataclass(frozen=True)
class ObjectiveFacts:
    code: str
    kpis: int
    kpis_with_baseline: int  # a baseline value and the date it was measured


@dataclass(frozen=True)
class AttendanceFacts:
    """The summary organisation's `attendance_summary(project)` gives."""

    sponsor_held: int  # steering meetings held since the sponsor was named
    sponsor_attended: int
    members: tuple[MemberAttendance, ...] = ()


@dataclass(frozen=True)
class MemberAttendance:
    name: str
    held: int
    attended: int


@dataclass(frozen=True)
class RequirementFacts:
    code: str
    status: str  # draft, in_review, signed_off, superseded, withdrawn
    signed_on: date | None  # when the version now in force was fully signed off


@dataclass(frozen=True)
class BudgetFacts:
    planned_total: Decimal
    warnings: tuple[BudgetWarning, ...]  # app/budget/analysis.py budget_warnings


@dataclass(frozen=True)
class VendorFacts:
    evaluations: int
    selected: str | None  # the vendor selected, if any
    by_override: bool  # selected by the sponsor although the selection rule was not met
    shortlisted: int


@dataclass(frozen=True)
class PlanFacts:
    """Dates read from the schedule (phases found by name, [plan] in the thresholds file)."""

    build_start: date | None  # the build phase's first start: requirements signed by then
    vendor_decision_due: date | None  # the vendor selection phase's finish


@dataclass(frozen=True)
class GateFacts:
    """One phase gate as quality's `gate_summary(project)` gives it."""

    phase_position: int
    phase_name: str
    gate_name: str
    gate_date: date | None
    decision: str | None  # None, pass, pass_with_conditions, fail
    decided_on: date | None
    total: int
    passed: int
    waived: int
    failed: int
    pending: int


@dataclass(frozen=True)
class TrainingFacts:
    """One department as training's `coverage_summary(project)` gives it."""

    department: str
    end_users: int
    trained_concept: int
    trained_operational: int
    go_live: date | None


@dataclass(frozen=True)
class EvmFacts:
    baseline: str
    status_date: date
    spi: Decimal | None
    cpi: Decimal | None


@dataclass(frozen=True)
class ChangeRequestFacts:
    number: str
    status: str
    submitted_on: date


@dataclass(frozen=True)
class RiskFacts:
    number: str
    title: str
    score: int
    level: str
    has_owner: bool
    has_response: bool
    status: str


@dataclass(frozen=True)
class BulletinFacts:
    cadence: str  # none, weekly, fortnightly, monthly, quarterly
    last_published: date | None


@dataclass(frozen=True)
class DocumentFacts:
    kind: str
    title: str
    approved_current: bool
    review_date: date | None
    overdue: bool


@dataclass(frozen=True)
class HealthInputs:
    """Everything the rules read. A source that is None is not recorded in Steerco."""

    as_of: date
    project_start: date
    vision: VisionFacts | None = None
    objectives: tuple[ObjectiveFacts, ...] | None = None
    attendance: AttendanceFacts | None = None
    requirements: tuple[RequirementFacts, ...] | None = None
    plan: PlanFacts | None = None
    budget: BudgetFacts | None = None
    vendors: VendorFacts | None = None
    gates: tuple[GateFacts, ...] | None = None
    training: tuple[TrainingFacts, ...] | None = None
    evm: EvmFacts | None = None
    change_requests: tuple[ChangeRequestFacts, ...] | None = None
    risks: tuple[RiskFacts, ...] | None = None
    bulletins: BulletinFacts | None = None
    documents: tuple[DocumentFacts, ...] | None = None
