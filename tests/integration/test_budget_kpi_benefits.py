"""Benefits valued by a KPI: the link and its value per point through the pages, the gain and
the benefit it implies, KPI-derived realised values in ROI, refusals, stale edits, the trail."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from app.budget import reports
from app.budget import service as budget
from app.budget.models import Benefit
from app.core.audit import AuditLog
from app.strategy import measurements
from app.strategy import service as strategy
from tests.conftest import audit_count

BASE = "/projects/CAST/budget"
D = Decimal
TODAY = date.today()
THIS_MONTH = TODAY.replace(day=1)
LAST_MONTH = (THIS_MONTH - timedelta(days=1)).replace(day=1)


def make_kpi(project, direction="higher", baseline="85", name="Retention rate 保留率", unit="%"):
    goal = strategy.create_goal(None, project, f"Goal of {name}")
    objective = strategy.create_objective(None, project, strategy.ObjectiveData(
        title=f"Objective of {name}", description="", aim="retain", aim_other="",
        horizon="short", priority="high", owner_id=None, goal_ids=(goal.id,)))
    return strategy.create_kpi(None, project, strategy.KpiData(
        objective_id=objective.id, name=name, definition="", unit=unit, direction=direction,
        kind="loyalty", baseline_value=D(baseline), baseline_on=date(2025, 12, 31),
        short_target_value=None, short_target_on=None, long_target_value=None,
        long_target_on=None))


@pytest.fixture
def kpi(cast):
    kpi = make_kpi(cast.project)
    measurements.add_measurement(None, cast.project, kpi, LAST_MONTH + timedelta(days=3),
                                 D("87.5"), source="seed")
    return kpi


def benefit_form(**changes):
    data = {"month": f"{LAST_MONTH:%Y-%m}", "description": "Retention gain", "expected": "100.00",
            "realised": "", "kpi_id": "", "value_per_point": ""}
    data.update(changes)
    return data


def only_benefit(db_session) -> Benefit:
    return db_session.execute(sa.select(Benefit)).scalar_one()


def test_a_benefit_valued_by_a_kpi_shows_the_gain_and_counts_it_when_nothing_is_entered(
        client, cast, login_as, db_session, kpi):
    budget.create_line(None, cast.project, budget.LineData(
        category="software_licences", fiscal_year=LAST_MONTH.year,
        quarter=(LAST_MONTH.month - 1) // 3 + 1, name="Licences", planned=D("300.00")))
    login_as("pm")
    before = audit_count()
    response = client.post(f"{BASE}/benefits/new", data=benefit_form(
        kpi_id=str(kpi.id), value_per_point="40.00"))
    assert response.status_code == 302
    benefit = only_benefit(db_session)
    assert (benefit.kpi_id, benefit.value_per_point) == (kpi.id, D("40.00"))
    row = db_session.execute(sa.select(AuditLog).where(AuditLog.entity_type == "Benefit")
                             .order_by(AuditLog.id.desc())).scalars().first()
    assert audit_count() > before and row.action == "insert"
    assert "kpi_id" in str(row.change_dict()) and "value_per_point" in str(row.change_dict())

    page = client.get(f"{BASE}/benefits").get_data(as_text=True)
    assert "KPI-01" in page and "gain +2.5 over the baseline 85" in page
    assert "implies $100.00" in page and "derived from KPI-01" in page
    rows = reports.benefit_rows(cast.project, TODAY)
    assert rows[0].derived_counts and rows[0].from_kpi.realised == D("100.00")
    assert reports.investment(cast.project, TODAY).realised.total_benefit == D("100.00")

    # An entered realised value wins over the derived one.
    edit = client.post(f"{BASE}/benefits/{benefit.id}/edit", data=benefit_form(
        version=str(benefit.version), kpi_id=str(kpi.id), value_per_point="40.00",
        realised="55.00"))
    assert edit.status_code == 302
    page = client.get(f"{BASE}/benefits").get_data(as_text=True)
    assert "derived from KPI-01" not in page and "implies $100.00" in page
    assert reports.investment(cast.project, TODAY).realised.total_benefit == D("55.00")


def test_lower_is_better_kpis_gain_when_they_fall(cast, db_session):
    kpi = make_kpi(cast.project, direction="lower", baseline="4200", name="Cost to serve",
                   unit="USD per year")
    measurements.add_measurement(None, cast.project, kpi, LAST_MONTH + timedelta(days=2),
                                 D("4100"), source="seed")
    budget.create_benefit(None, cast.project, budget.BenefitData(
        LAST_MONTH, "Lower cost to serve", D("8000.00"), None, kpi.id, D("65.00")))
    [row] = reports.benefit_rows(cast.project, TODAY)
    assert (row.from_kpi.gain, row.from_kpi.implied) == (D("100"), D("6500.00"))


@pytest.mark.parametrize(("changes", "message"), [
    ({"kpi_id": "KPI", "value_per_point": "40.00"}, "Choose a KPI of this project."),
    ({"value_per_point": "40.00"}, "Choose the KPI whose points this value is for"),
    ({"kpi_id": "{kpi}", "value_per_point": ""}, "Give the money one point of the KPI is worth"),
    ({"kpi_id": "{kpi}", "value_per_point": "0"}, "Use an amount above zero."),
    ({"kpi_id": "{kpi}", "value_per_point": "-3"}, "negative"),
    ({"kpi_id": "{kpi}", "value_per_point": "1.001"}, "at most 2 decimal"),
    ({"kpi_id": "{other}", "value_per_point": "40.00"}, "Choose a KPI of this project."),
])
def test_bad_kpi_links_are_refused_and_change_nothing(
        client, cast, login_as, db_session, kpi, make_project, changes, message):
    other = make_kpi(make_project("OTHER"), name="Their KPI")
    login_as("sponsor")
    data = {k: v.format(kpi=kpi.id, other=other.id) for k, v in changes.items()}
    before = audit_count()
    response = client.post(f"{BASE}/benefits/new", data=benefit_form(**data))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db_session.execute(sa.select(sa.func.count(Benefit.id))).scalar_one() == 0
    assert audit_count() == before


def test_the_service_refuses_another_projects_kpi(cast, db_session, make_project):
    from app.core.errors import DomainError

    other = make_kpi(make_project("OTHER"), name="Their KPI")
    with pytest.raises(DomainError, match="KPI of this project"):
        budget.create_benefit(None, cast.project, budget.BenefitData(
            LAST_MONTH, "Retention gain", D("1.00"), None, other.id, D("5.00")))
    with pytest.raises(DomainError, match="above zero"):
        budget.create_benefit(None, cast.project, budget.BenefitData(
            LAST_MONTH, "Retention gain", D("1.00"), None, make_kpi(cast.project).id, None))


def test_a_stale_edit_of_the_link_is_refused(client, cast, login_as, db_session, kpi):
    benefit = budget.create_benefit(None, cast.project, budget.BenefitData(
        LAST_MONTH, "Retention gain", D("100.00")))
    login_as("pm")
    stale = client.post(f"{BASE}/benefits/{benefit.id}/edit", data=benefit_form(
        version=str(benefit.version - 1), kpi_id=str(kpi.id), value_per_point="40.00"))
    assert stale.status_code == 409
    assert only_benefit(db_session).kpi_id is None
    page = client.get(f"{BASE}/benefits/{benefit.id}/edit").get_data(as_text=True)
    assert "Valued by KPI" in page and "KPI-01 · Retention rate 保留率 (%)" in page


def test_a_kpi_valuing_benefits_cannot_be_deleted(client, cast, login_as, db_session, kpi):
    budget.create_benefit(None, cast.project, budget.BenefitData(
        LAST_MONTH, "Retention gain", D("100.00"), None, kpi.id, D("40.00")))
    login_as("pm")
    response = client.post(f"/projects/CAST/strategy/kpis/{kpi.id}/delete",
                           data={"version": str(kpi.version)}, follow_redirects=True)
    assert "Benefits are valued by this KPI" in response.get_data(as_text=True)
    assert strategy.kpi_in(cast.project, kpi.id) is not None


def test_the_benefits_page_speaks_chinese(client, cast, login_as, kpi):
    budget.create_benefit(None, cast.project, budget.BenefitData(
        LAST_MONTH, "Retention gain", D("100.00"), None, kpi.id, D("40.00")))
    login_as("pm")
    client.post("/language", data={"language": "zh_Hans_CN", "next": BASE})
    page = client.get(f"{BASE}/benefits").get_data(as_text=True)
    assert "由 KPI-01 推算" in page and "按 KPI 估值" in page


def test_the_kpi_page_lists_the_benefits_it_values(client, cast, login_as, kpi):
    for month in (LAST_MONTH, THIS_MONTH):
        budget.create_benefit(None, cast.project, budget.BenefitData(
            month, "Retention gain 保留收益", D("100.00"), None, kpi.id, D("40.00")))
    login_as("member")
    page = client.get(f"/projects/CAST/strategy/kpis/{kpi.id}").get_data(as_text=True)
    assert "Benefits valued by this KPI" in page and "Retention gain 保留收益" in page
    assert f"2 month(s), {LAST_MONTH:%Y-%m} to {THIS_MONTH:%Y-%m}" in page


def test_the_printable_report_says_how_many_months_are_derived(client, cast, login_as, kpi):
    budget.create_benefit(None, cast.project, budget.BenefitData(
        LAST_MONTH, "Retention gain", D("100.00"), None, kpi.id, D("40.00")))
    login_as("steering")
    page = client.get(f"{BASE}/report").get_data(as_text=True)
    assert "includes 1 month(s) whose realised value is derived from a KPI" in page
