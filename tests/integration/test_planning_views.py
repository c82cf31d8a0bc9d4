"""Plan pages: forms with good and bad input, stale edits, Gantt, why-critical, import/export."""

import json
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.planning import baselines, mspdi, service
from app.planning.models import PlanDependency, PlanTask
from app.projects.service import get_by_code
from tests.conftest import audit_count, login

SAMPLES = Path(__file__).parents[2].parent / "shared" / "data" / "mspdi"


@pytest.fixture
def plan(cast):
    project = cast.project
    phase = service.create_phase(None, project, "需求 Requirements", "Requirements sign-off")
    a = service.create_task(None, project, service.TaskData("访谈 Interviews", phase.id, 4))
    b = service.create_task(None, project, service.TaskData("Sign-off", phase.id, 0))
    c = service.create_task(None, project, service.TaskData("Glossary", phase.id, 1))
    service.add_dependency(None, project, a.id, b.id, "FS", 0)
    service.add_dependency(None, project, c.id, b.id, "FS", 0)
    return project, phase, a, b, c


def task_form(phase, **changes):
    data = {"name": "数据迁移 Data migration", "phase_id": phase.id, "duration": 5,
            "owner_id": "", "constraint_type": "", "constraint_date": "",
            "percent_complete": 0, "actual_start": "", "actual_finish": "",
            "planned_cost": "2500.00", "actual_cost": "0"}
    data.update(changes)
    return data


def test_pm_adds_a_phase_and_a_task_in_chinese(client, cast, db_session):
    login(client, cast["pm"])
    response = client.post("/projects/CAST/plan/phases/new",
                           data={"name": "培训 Training", "gate": "Readiness review"})
    assert response.status_code == 302
    phase = service.phases(cast.project)[0]
    response = client.post("/projects/CAST/plan/tasks/new", data=task_form(
        phase, owner_id=cast["member"].id, constraint_type="SNET",
        constraint_date="2026-01-12"))
    assert response.status_code == 302
    page = client.get("/projects/CAST/plan").get_data(as_text=True)
    assert "数据迁移 Data migration" in page and "培训 Training" in page
    task = service.tasks(cast.project)[0]
    assert task.owner_id == cast["member"].id and task.constraint_date == date(2026, 1, 12)


@pytest.mark.parametrize(
    ("changes", "message"),
    [({"duration": "-1"}, "Number must be between 0 and 10000"),
     ({"name": "<script>"}, "Do not use the characters"),
     ({"constraint_type": "SNET"}, "Give the constraint"),
     ({"constraint_date": "2026-02-02"}, "Choose the kind of constraint"),
     ({"percent_complete": "30"}, "Give the actual start"),
     ({"owner_id": "999999"}, "Choose a member of the project")],
)
def test_bad_task_input_gets_a_message_and_writes_nothing(client, cast, plan, changes,
                                                          message):
    _, phase, *_ = plan
    login(client, cast["pm"])
    before = audit_count()
    response = client.post("/projects/CAST/plan/tasks/new", data=task_form(phase, **changes))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert audit_count() == before


def test_stale_task_edit_is_a_conflict(client, cast, plan):
    _, phase, a, *_ = plan
    login(client, cast["pm"])
    url = f"/projects/CAST/plan/tasks/{a.id}/edit"
    old = a.version
    first = client.post(url, data={**task_form(phase, name="Interviews v2"), "version": old})
    assert first.status_code == 302
    before = audit_count()
    second = client.post(url, data={**task_form(phase, name="Interviews v3"), "version": old})
    assert second.status_code == 409
    assert "changed by someone else" in second.get_data(as_text=True)
    assert audit_count() == before


def test_cycle_via_the_web_is_refused_with_the_loop(client, cast, plan, db_session):
    _, _, a, b, _ = plan
    login(client, cast["pm"])
    before = audit_count()
    response = client.post("/projects/CAST/plan/dependencies", data={
        "predecessor_id": b.id, "successor_id": a.id, "type": "SS", "lag": "-2",
        "back": a.id}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "would close a loop" in page and "访谈 Interviews" in page and "Sign-off" in page
    assert audit_count() == before
    assert db_session.execute(sa.select(sa.func.count()).select_from(PlanDependency)) \
        .scalar_one() == 2


def test_link_added_and_removed_on_the_task_page(client, cast, plan, db_session):
    project, _, a, _, c = plan
    login(client, cast["sponsor"])
    client.post("/projects/CAST/plan/dependencies", data={
        "predecessor_id": a.id, "successor_id": c.id, "type": "FF", "lag": "1", "back": c.id})
    dep = db_session.execute(sa.select(PlanDependency).where(
        PlanDependency.successor_id == c.id)).scalar_one()
    assert (dep.type, dep.lag) == ("FF", 1)
    client.post(f"/projects/CAST/plan/dependencies/{dep.id}/delete",
                data={"version": dep.version})
    assert service.dependency_in(project, dep.id) is None


def test_why_critical_page(client, cast, plan):
    _, _, a, _, c = plan
    login(client, cast["member"])
    critical = client.get(f"/projects/CAST/plan/tasks/{a.id}").get_data(as_text=True)
    assert "Why is this task critical?" in critical
    slack = client.get(f"/projects/CAST/plan/tasks/{c.id}").get_data(as_text=True)
    assert "Why is this task not critical?" in slack and "3 working day(s) of total float" in slack


def test_gantt_shows_critical_path_baseline_and_status_line(client, cast, plan):
    project, *_ = plan
    baselines.save_baseline(None, project, "Approved")
    settings = service.settings_for(project)
    service.update_settings(cast["pm"], project, settings.version, date(2026, 1, 7), 3)
    login(client, cast["steering"])
    for zoom in ("week", "month", "quarter"):
        page = client.get(f"/projects/CAST/plan/gantt?zoom={zoom}").get_data(as_text=True)
        assert "<svg" in page and 'class="bar critical"' in page
        assert 'class="milestone critical"' in page and 'class="baseline"' in page
        assert 'class="status-line"' in page and "访谈 Interviews" in page


def test_table_sorts_and_filters(client, cast, plan):
    login(client, cast["member"])
    page = client.get("/projects/CAST/plan?only=critical&sort=float").get_data(as_text=True)
    assert "访谈 Interviews" in page and "Glossary" not in page
    page = client.get("/projects/CAST/plan?q=gloss").get_data(as_text=True)
    assert "Glossary" in page and "访谈 Interviews" not in page


def test_baselines_variance_and_earned_value_pages(client, cast, plan):
    login(client, cast["pm"])
    response = client.post("/projects/CAST/plan/baselines", data={"name": "Gate 1"})
    assert response.status_code == 302
    assert client.post("/projects/CAST/plan/baselines",
                       data={"name": "Gate 1"}).status_code == 400
    variance = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Variance against Gate 1" in variance and "on time" in variance
    ev = client.get("/projects/CAST/plan/earned-value?date=2026-01-07").get_data(as_text=True)
    assert "SPI" in ev and "需求 Requirements" in ev


def test_export_reads_back(client, cast, plan):
    login(client, cast["member"])
    response = client.get("/projects/CAST/plan/export.xml")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    back = mspdi.parse(response.data)
    assert {t.name for t in back.tasks} >= {"访谈 Interviews", "Sign-off", "需求 Requirements"}
    assert len(back.links) == 2


def test_import_refuses_a_bad_file_and_changes_nothing(client, cast):
    login(client, cast["pm"])
    before = audit_count()
    response = client.post("/projects/CAST/plan/import", data={
        "file": (BytesIO(b"<Project><oops"), "plan.xml")}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "This file cannot be imported" in response.get_data(as_text=True)
    assert audit_count() == before


def test_import_into_an_empty_plan_reports_what_is_unsupported(client, cast, db_session):
    login(client, cast["pm"])
    data = (SAMPLES / "sample1.xml").read_bytes()
    response = client.post("/projects/CAST/plan/import", data={
        "file": (BytesIO(data), "sample1.xml")}, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page[:2000]
    assert "Import report" in page and "Second Resource" in page
    assert len(service.tasks(cast.project)) == 18
    again = client.post("/projects/CAST/plan/import", data={
        "file": (BytesIO(data), "sample1.xml")}, content_type="multipart/form-data")
    assert again.status_code == 400 and "empty plan" in again.get_data(as_text=True)


def test_cli_import_schedule_and_export(runner, db_session, tmp_path):
    path = SAMPLES / "mspdirelations.xml"
    result = runner.invoke(args=["plan", "import-mspdi", str(path), "--project", "REL"])
    assert result.exit_code == 0, result.output
    assert "Created REL: 1 phases, 5 tasks, 4 links." in result.output
    again = runner.invoke(args=["plan", "import-mspdi", str(path), "--project", "REL"])
    assert again.exit_code != 0 and "already exists" in again.output

    result = runner.invoke(args=["plan", "schedule", "--project", "REL", "--json"])
    data = json.loads(result.output)
    assert data["project_finish"] == "2006-09-25"
    by_uid = {t["source_uid"]: t for t in data["tasks"]}
    file_dates = {t.uid: t for t in mspdi.parse(path.read_bytes()).tasks}
    for uid, task in by_uid.items():
        assert (task["early_start"], task["early_finish"]) == (
            file_dates[uid].start.isoformat(), file_dates[uid].finish.isoformat())
        assert set(task) == {"name", "source_uid", "early_start", "early_finish",
                             "total_float_days", "critical"}

    out = tmp_path / "rel.xml"
    result = runner.invoke(args=["plan", "export-mspdi", "--project", "REL", "-o", str(out)])
    assert result.exit_code == 0, result.output
    back = mspdi.parse(out.read_bytes())
    assert {(k.predecessor_uid, k.successor_uid, k.type.value, k.lag) for k in back.links} == {
        (1, 2, "FS", 0), (2, 3, "SS", 1), (3, 4, "FF", 0), (4, 5, "SF", 0)}
    project = get_by_code("REL")
    assert db_session.execute(sa.select(sa.func.count()).select_from(PlanTask).where(
        PlanTask.project_id == project.id)).scalar_one() == 5


def test_dependency_graph_highlights_the_critical_path(client, cast, plan):
    login(client, cast["member"])
    page = client.get("/projects/CAST/plan/network").get_data(as_text=True)
    assert page.count('class="edge critical"') == 1 and page.count('class="edge"') == 1
    assert page.count('class="node critical"') == 2 and "Glossary" in page


def test_an_empty_plan_starts_from_the_standard_crm_plan(client, cast, db_session):
    login(client, cast["pm"])
    page = client.get("/projects/CAST/plan").get_data(as_text=True)
    assert "Start from the standard CRM rollout plan" in page
    response = client.post("/projects/CAST/plan/standard", follow_redirects=True)
    assert "The standard CRM rollout plan was added" in response.get_data(as_text=True)
    phases = service.phases(cast.project)
    assert len(phases) == 9 and "Vision and strategy" in phases[0].name
    assert "Measure and improve" in phases[-1].name
    kinds = {d.type for d in service.dependencies(cast.project)}
    assert kinds == {"FS", "SS", "FF"}
    before = audit_count()
    again = client.post("/projects/CAST/plan/standard", follow_redirects=True)
    assert "only starts an empty one" in again.get_data(as_text=True)
    assert audit_count() == before
