"""Vision versions and sign-off, business goals, objectives and KPIs: services and pages."""

import hashlib
from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from app.core.audit import AuditLog
from app.core.errors import DomainError, PermissionDenied, StaleEdit
from app.strategy import service
from app.strategy.models import BusinessGoal, Kpi, Objective, ObjectiveGoal, VisionSignoff
from tests.conftest import audit_count, login

VISION_1 = "Know every customer.\n\n每一位客户都被了解。"
VISION_2 = "Know every Asian customer.\n\n每一位亚洲客户都被了解。\n\nServe small accounts cheaply."


def _objective_data(**changes) -> service.ObjectiveData:
    values = {"title": "Retain key accounts", "description": "", "aim": "retain",
              "aim_other": "", "horizon": "short", "priority": "high", "owner_id": None,
              "goal_ids": ()}
    values.update(changes)
    return service.ObjectiveData(**values)


def _kpi_data(objective_id: int, **changes) -> service.KpiData:
    values = {"objective_id": objective_id, "name": "Retention rate", "definition": "",
              "unit": "%", "direction": "higher", "kind": "loyalty",
              "baseline_value": Decimal("80"), "baseline_on": date(2025, 12, 1),
              "short_target_value": Decimal("85"), "short_target_on": date(2026, 6, 30),
              "long_target_value": Decimal("90"), "long_target_on": date(2027, 12, 31)}
    values.update(changes)
    return service.KpiData(**values)


# --- Vision -----------------------------------------------------------------------------------


def test_pm_drafts_sponsor_approves_and_home_shows_it(client, cast, db_session):
    login(client, cast["pm"])
    response = client.post("/projects/CAST/strategy/vision/edit",
                           data={"version": "0", "text": VISION_1, "note": "first"})
    assert response.status_code == 302
    vision = service.vision_of(cast.project)
    assert vision.latest_number == 1 and vision.approved_number is None
    client.post("/logout")

    login(client, cast["sponsor"])
    page = client.get("/projects/CAST/strategy/vision/1").get_data(as_text=True)
    digest = hashlib.sha256(VISION_1.encode()).hexdigest()
    assert digest in page and "Approve version 1" in page
    before = audit_count()
    response = client.post("/projects/CAST/strategy/vision/1/approve", data={
        "version": vision.version, "content_sha256": digest, "comment": "同意"})
    assert response.status_code == 302
    signoff = db_session.execute(sa.select(VisionSignoff)).scalar_one()
    assert (signoff.content_sha256, signoff.role, signoff.user_id) == (
        digest, "sponsor", cast["sponsor"].id)
    assert signoff.signer_label == cast["sponsor"].name and signoff.signed_at is not None
    assert "approve" in signoff.meaning and signoff.matches_text
    assert audit_count() > before  # sign-off and vision update are in the trail
    home = client.get("/projects/CAST").get_data(as_text=True)
    assert "每一位客户都被了解。" in home and "approved by" in home


def test_every_edit_is_a_new_version_and_the_diff_shows_the_change(client, cast, db_session):
    first = service.draft_vision(cast["pm"], cast.project, 0, VISION_1)
    service.draft_vision(cast["steering"], cast.project, first.vision.version, VISION_2, "wider")
    login(client, cast["member"])
    history = client.get("/projects/CAST/strategy/vision").get_data(as_text=True)
    assert "v1" in history and "v2" in history and "wider" in history
    page = client.get("/projects/CAST/strategy/vision/diff?from=1&to=2").get_data(as_text=True)
    assert "<ins>Asian </ins>" in page and "<ins>亚洲</ins>" in page
    assert "Serve small accounts cheaply." in page
    assert client.get("/projects/CAST/strategy/vision/diff?from=1&to=9").status_code == 404


def test_diff_escapes_markup_in_the_text(client, cast):
    first = service.draft_vision(cast["pm"], cast.project, 0, "Plain")
    service.draft_vision(cast["pm"], cast.project, first.vision.version,
                         "Plain <script>alert(1)</script>")
    login(client, cast["pm"])
    page = client.get("/projects/CAST/strategy/vision/diff").get_data(as_text=True)
    assert "<script>alert" not in page and "&lt;script&gt;" in page


def test_stale_vision_edit_is_refused_and_saves_nothing(client, cast, db_session):
    first = service.draft_vision(cast["pm"], cast.project, 0, VISION_1)
    stale = first.vision.version
    service.draft_vision(cast["steering"], cast.project, stale, VISION_2)
    login(client, cast["pm"])
    before = audit_count()
    response = client.post("/projects/CAST/strategy/vision/edit",
                           data={"version": stale, "text": "My overwrite"})
    assert response.status_code == 409
    assert "changed by someone else" in response.get_data(as_text=True)
    assert audit_count() == before and service.vision_of(cast.project).latest_number == 2


def test_unchanged_or_empty_text_is_refused(client, cast):
    first = service.draft_vision(cast["pm"], cast.project, 0, VISION_1)
    login(client, cast["pm"])
    same = client.post("/projects/CAST/strategy/vision/edit",
                       data={"version": first.vision.version, "text": VISION_1})
    assert same.status_code == 400 and "nothing to save" in same.get_data(as_text=True)
    empty = client.post("/projects/CAST/strategy/vision/edit",
                        data={"version": first.vision.version, "text": "  "})
    assert empty.status_code == 400


def test_only_the_sponsor_approves_and_only_the_latest_text(cast, db_session):
    first = service.draft_vision(cast["pm"], cast.project, 0, VISION_1)
    with pytest.raises(PermissionDenied):
        service.approve_vision(cast["pm"], cast.project, 1, first.vision.version,
                               first.sha256)
    second = service.draft_vision(cast["pm"], cast.project, first.vision.version, VISION_2)
    vision = second.vision
    with pytest.raises(DomainError, match="latest version"):
        service.approve_vision(cast["sponsor"], cast.project, 1, vision.version, first.sha256)
    with pytest.raises(StaleEdit):  # the sponsor read a different text than the one stored
        service.approve_vision(cast["sponsor"], cast.project, 2, vision.version, first.sha256)
    service.approve_vision(cast["sponsor"], cast.project, 2, vision.version, second.sha256)
    with pytest.raises(DomainError, match="already approved"):
        service.approve_vision(cast["sponsor"], cast.project, 2, vision.version, second.sha256)
    assert service.approved_vision(cast.project).number == 2


def test_audit_verify_detects_an_altered_approved_vision(cast, db_session, runner):
    draft = service.draft_vision(cast["pm"], cast.project, 0, VISION_1)
    service.approve_vision(cast["sponsor"], cast.project, 1, draft.vision.version, draft.sha256)
    assert runner.invoke(args=["audit", "verify"]).exit_code == 0
    db_session.execute(sa.text("UPDATE vision_version SET text = 'Sell more.' WHERE id = :id"),
                       {"id": draft.id})
    db_session.expire_all()
    cli = runner.invoke(args=["audit", "verify"])
    assert cli.exit_code == 1
    assert "vision of CAST v1" in cli.output and "does not match the stored text" in cli.output


def test_new_draft_keeps_the_approved_version_on_home(client, cast):
    first = service.draft_vision(cast["pm"], cast.project, 0, VISION_1)
    service.approve_vision(cast["sponsor"], cast.project, 1, first.vision.version, first.sha256)
    service.draft_vision(cast["pm"], cast.project, first.vision.version, VISION_2)
    login(client, cast["steering"])
    home = client.get("/projects/CAST").get_data(as_text=True)
    assert "每一位客户都被了解。" in home and "亚洲" not in home
    overview = client.get("/projects/CAST/strategy").get_data(as_text=True)
    assert "A newer draft (version 2) awaits approval." in overview


def test_tampered_text_no_longer_matches_its_signoff(client, cast, db_session):
    first = service.draft_vision(cast["pm"], cast.project, 0, VISION_1)
    service.approve_vision(cast["sponsor"], cast.project, 1, first.vision.version, first.sha256)
    db_session.execute(sa.text("UPDATE vision_version SET text = 'forged'"))
    db_session.expire_all()
    login(client, cast["sponsor"])
    page = client.get("/projects/CAST/strategy/vision/1").get_data(as_text=True)
    assert "does NOT match the stored text" in page


def test_staff_and_outsiders_do_not_see_the_strategy(client, cast, login_as):
    first = service.draft_vision(cast["pm"], cast.project, 0, VISION_1)
    service.approve_vision(cast["sponsor"], cast.project, 1, first.vision.version, first.sha256)
    login_as("staff")
    assert "每一位客户" not in client.get("/projects/CAST").get_data(as_text=True)
    assert client.get("/projects/CAST/strategy").status_code == 403


# --- Business goals and objectives ------------------------------------------------------------


def test_goals_are_created_edited_and_unique(client, cast, db_session):
    login(client, cast["steering"])
    response = client.post("/projects/CAST/strategy/goals/new", data={
        "title": "提升亚洲前二十大客户的份额", "description": "Top-20"})
    assert response.status_code == 302
    goal = db_session.execute(sa.select(BusinessGoal)).scalar_one()
    twice = client.post("/projects/CAST/strategy/goals/new",
                        data={"title": "提升亚洲前二十大客户的份额"})
    assert twice.status_code == 400 and "already exists" in twice.get_data(as_text=True)
    bad = client.post("/projects/CAST/strategy/goals/new", data={"title": "<b>x</b>"})
    assert bad.status_code == 400
    edit = client.post(f"/projects/CAST/strategy/goals/{goal.id}/edit",
                       data={"version": goal.version, "title": "Grow top-20 share"})
    assert edit.status_code == 302
    stale = client.post(f"/projects/CAST/strategy/goals/{goal.id}/edit",
                        data={"version": goal.version - 1, "title": "Overwrite"})
    assert stale.status_code == 409
    db_session.refresh(goal)
    assert goal.title == "Grow top-20 share"


def test_goal_served_by_an_objective_cannot_be_deleted(client, cast, db_session):
    goal = service.create_goal(None, cast.project, "Grow share")
    objective = service.create_objective(None, cast.project, _objective_data(goal_ids=(goal.id,)))
    login(client, cast["pm"])
    page = client.post(f"/projects/CAST/strategy/goals/{goal.id}/delete",
                       data={"version": goal.version}, follow_redirects=True)
    assert objective.code in page.get_data(as_text=True)
    assert db_session.get(BusinessGoal, goal.id) is not None


def test_objective_with_aim_goals_owner_and_misalignment_flag(client, cast, db_session):
    goal = service.create_goal(None, cast.project, "Grow share")
    login(client, cast["pm"])
    response = client.post("/projects/CAST/strategy/objectives/new", data={
        "title": "赢得新的区域品牌", "aim": "acquire", "horizon": "long", "priority": "high",
        "owner": str(cast["member"].id), "goals": [str(goal.id)]})
    assert response.status_code == 302
    objective = db_session.execute(sa.select(Objective)).scalar_one()
    assert (objective.code, objective.aim, objective.horizon, objective.owner_id) == (
        "OBJ-01", "acquire", "long", cast["member"].id)
    assert [g.id for g in objective.goals] == [goal.id]
    link_rows = db_session.execute(sa.select(AuditLog).where(
        AuditLog.entity_type == "ObjectiveGoal")).scalars().all()
    assert len(link_rows) == 1
    edit = client.post(f"/projects/CAST/strategy/objectives/{objective.id}/edit", data={
        "version": objective.version, "title": "赢得新的区域品牌", "aim": "acquire",
        "horizon": "long", "priority": "high", "owner": ""})
    assert edit.status_code == 302, edit.get_data(as_text=True)
    db_session.refresh(objective)
    assert objective.goal_links == [] and objective.owner_id is None
    page = client.get("/projects/CAST/strategy").get_data(as_text=True)
    assert "Misaligned: serves no business goal" in page
    assert "Objectives that serve no business goal" in page


@pytest.mark.parametrize("field,value,message", [
    ("aim", "conquer", "Not a valid choice"),
    ("owner", "999999", "Not a valid choice"),
    ("title", "", "This field is required"),
    ("aim_other", "", "Say what the aim is"),
])
def test_objective_bad_input_changes_nothing(client, cast, db_session, field, value, message):
    login(client, cast["pm"])
    data = {"title": "Objective", "aim": "other", "aim_other": "Single view",
            "horizon": "short", "priority": "low", "owner": ""}
    data[field] = value
    before = audit_count()
    response = client.post("/projects/CAST/strategy/objectives/new", data=data)
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert audit_count() == before
    assert db_session.execute(sa.select(sa.func.count()).select_from(Objective)).scalar() == 0


def test_service_refuses_foreign_goals_and_staff_owners(cast, make_project):
    other = make_project("OTHER")
    foreign = service.create_goal(None, other, "Their goal")
    with pytest.raises(DomainError, match="business goals of this project"):
        service.create_objective(cast["pm"], cast.project, _objective_data(goal_ids=(foreign.id,)))
    with pytest.raises(DomainError, match="team"):
        service.create_objective(cast["pm"], cast.project,
                                 _objective_data(owner_id=cast["staff"].id))
    with pytest.raises(PermissionDenied):
        service.create_objective(cast["member"], cast.project, _objective_data())


def test_objective_with_kpis_cannot_be_deleted_but_an_empty_one_can(client, cast, db_session):
    objective = service.create_objective(None, cast.project, _objective_data())
    kpi = service.create_kpi(None, cast.project, _kpi_data(objective.id))
    login(client, cast["pm"])
    client.post(f"/projects/CAST/strategy/objectives/{objective.id}/delete",
                data={"version": objective.version})
    assert db_session.get(Objective, objective.id) is not None
    client.post(f"/projects/CAST/strategy/kpis/{kpi.id}/delete", data={"version": kpi.version})
    assert db_session.get(Kpi, kpi.id) is None
    db_session.expire_all()
    client.post(f"/projects/CAST/strategy/objectives/{objective.id}/delete",
                data={"version": objective.version})
    assert db_session.get(Objective, objective.id) is None
    deleted = db_session.execute(sa.select(AuditLog.entity_type).where(
        AuditLog.action == "delete")).scalars().all()
    assert {"Kpi", "Objective"} <= set(deleted)
    assert db_session.execute(sa.select(ObjectiveGoal)).first() is None


# --- KPIs -------------------------------------------------------------------------------------


KPI_FORM = {"name": "Share of wallet", "unit": "%", "direction": "higher", "kind": "monetary",
            "baseline_value": "31.5", "baseline_on": "2025-12-31",
            "short_target_value": "33", "short_target_on": "2026-06-30",
            "long_target_value": "40", "long_target_on": "2027-12-31"}


def test_kpi_is_created_with_exact_decimals(client, cast, db_session):
    objective = service.create_objective(None, cast.project, _objective_data())
    login(client, cast["steering"])
    response = client.post("/projects/CAST/strategy/kpis/new",
                           data={**KPI_FORM, "objective": objective.id})
    assert response.status_code == 302
    kpi = db_session.execute(sa.select(Kpi)).scalar_one()
    assert kpi.code == "KPI-01" and kpi.baseline_value == Decimal("31.5")
    assert isinstance(kpi.baseline_value, Decimal)
    page = client.get(f"/projects/CAST/strategy/kpis/{kpi.id}").get_data(as_text=True)
    assert "<svg" in page and "Baseline 31.5 (2025-12-31)" in page
    assert "No measurement yet" in page


@pytest.mark.parametrize("changes,message", [
    ({"baseline_value": "abc"}, "Enter a number"),
    ({"baseline_value": "1.23456"}, "four decimal places"),
    ({"baseline_on": ""}, "value and the date together"),
    ({"short_target_on": "2025-01-01"}, "Dates must follow each other"),
    ({"long_target_on": "2026-06-30"}, "Dates must follow each other"),
    ({"direction": "sideways"}, "Not a valid choice"),
    ({"unit": ""}, "This field is required"),
])
def test_kpi_bad_input_changes_nothing(client, cast, db_session, changes, message):
    objective = service.create_objective(None, cast.project, _objective_data())
    login(client, cast["pm"])
    before = audit_count()
    response = client.post("/projects/CAST/strategy/kpis/new",
                           data={**KPI_FORM, "objective": objective.id, **changes})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert audit_count() == before


def test_kpi_edit_is_audited_and_stale_edit_refused(client, cast, db_session):
    objective = service.create_objective(None, cast.project, _objective_data())
    kpi = service.create_kpi(None, cast.project, _kpi_data(objective.id))
    login(client, cast["pm"])
    data = {**KPI_FORM, "objective": objective.id, "version": kpi.version,
            "short_target_value": "86"}
    assert client.post(f"/projects/CAST/strategy/kpis/{kpi.id}/edit", data=data)\
        .status_code == 302
    change = db_session.execute(sa.select(AuditLog).where(
        AuditLog.entity_type == "Kpi", AuditLog.action == "update")).scalars().all()[-1]
    assert Decimal(change.change_dict()["short_target_value"][1]) == Decimal("86")
    stale = client.post(f"/projects/CAST/strategy/kpis/{kpi.id}/edit", data=data)
    assert stale.status_code == 409


def test_member_reads_but_cannot_edit_strategy(client, cast):
    objective = service.create_objective(None, cast.project, _objective_data())
    login(client, cast["member"])
    assert client.get(f"/projects/CAST/strategy/objectives/{objective.id}").status_code == 200
    assert client.get("/projects/CAST/strategy/kpis/new").status_code == 403
    assert client.post("/projects/CAST/strategy/goals/new", data={"title": "x"}).status_code \
        == 403


def test_records_of_another_project_are_not_reachable(client, cast, make_project):
    other = make_project("OTHER")
    objective = service.create_objective(None, other, _objective_data())
    login(client, cast["pm"])
    assert client.get(f"/projects/CAST/strategy/objectives/{objective.id}").status_code == 404


def test_balance_warnings_on_the_strategy_page(client, cast):
    objective = service.create_objective(None, cast.project, _objective_data(aim="retain"))
    service.create_kpi(None, cast.project, _kpi_data(
        objective.id, kind="monetary", baseline_value=None, baseline_on=None))
    service.create_objective(None, cast.project, _objective_data(title="Cut cost",
                                                                 aim="cost_to_serve"))
    login(client, cast["member"])
    page = client.get("/projects/CAST/strategy").get_data(as_text=True)
    for text in ("KPIs without a baseline", "Objectives without a KPI",
                 "No objective aims to acquire customers", "No KPI measures satisfaction"):
        assert text in page
    assert "No objective aims to retain customers" not in page
