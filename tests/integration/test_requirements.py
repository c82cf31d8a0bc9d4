"""The requirements register: creation, bad input, versions and comparison, lifecycle, the
register's search, CSV and printable view, and the guard on objectives requirements serve."""

import sqlalchemy as sa

from app.core.audit import AuditLog
from app.requirements import service
from app.requirements.models import Requirement, RequirementObjective, RequirementVersion
from app.strategy import service as strategy
from tests.conftest import audit_count, login


def objective(project, title: str):
    return strategy.create_objective(None, project, strategy.ObjectiveData(
        title=title, description="", aim="retain", aim_other="", horizon="short",
        priority="high", owner_id=None, goal_ids=()))


def form(**changes) -> dict:
    values = {"title": "Shared account view 共享客户视图", "description": "All **contacts**.",
              "kind": "functional", "priority": "must", "department": "sales",
              "acceptance_criteria": "- Sales and service see the same account."}
    values.update(changes)
    return values


def data(**changes) -> service.RequirementData:
    values = form(objective_ids=())
    values.update(changes)
    return service.RequirementData(**values)


def _requirements(session) -> list[Requirement]:
    return list(session.execute(sa.select(Requirement).order_by(Requirement.number)).scalars())


def test_pm_adds_a_requirement_with_objectives(client, cast, db_session):
    first, second = objective(cast.project, "Retain"), objective(cast.project, "One view")
    login(client, cast["pm"])
    before = audit_count()
    response = client.post("/projects/CAST/requirements/new",
                           data=form(objectives=[str(first.id), str(second.id)]))
    assert response.status_code == 302
    [requirement] = _requirements(db_session)
    assert (requirement.code, requirement.status, requirement.current_number) == (
        "REQ-001", "draft", 1)
    assert [o.code for o in requirement.objectives] == ["OBJ-01", "OBJ-02"]
    version = service.version_of(requirement, 1)
    assert version.objective_codes == "OBJ-01 OBJ-02" and version.author_label == "Pm person"
    types = db_session.execute(sa.select(AuditLog.entity_type, AuditLog.actor_id)
                               .where(AuditLog.id > 0).order_by(AuditLog.id)).all()[-4:]
    assert {t for t, _ in types} == {"Requirement", "RequirementVersion",
                                     "RequirementObjective"}
    assert all(actor == cast["pm"].id for _, actor in types)
    assert audit_count() == before + 4
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "REQ-001" in page and "<strong>contacts</strong>" in page and version.sha256 in page


def test_unlinking_an_objective_is_on_the_audit_trail(cast, db_session):
    first, second = objective(cast.project, "Retain"), objective(cast.project, "One view")
    requirement = service.create_requirement(
        cast["pm"], cast.project, data(objective_ids=(first.id, second.id)))
    service.update_requirement(cast["pm"], cast.project, requirement, requirement.version,
                               data(objective_ids=(first.id,)))
    assert [o.code for o in requirement.objectives] == ["OBJ-01"]
    deleted = db_session.execute(sa.select(AuditLog.entity_type).where(
        AuditLog.action == "delete")).scalars().all()
    assert deleted == ["RequirementObjective"]


def test_bad_input_gets_messages_and_writes_nothing(client, cast, db_session):
    other_project_objective = objective(cast.project, "Retain")
    login(client, cast["pm"])
    before = audit_count()
    cases = [
        (form(title=""), "This field is required."),
        (form(title="<script>x</script>"), "Do not use the characters &lt; and &gt; here."),
        (form(kind="wishlist"), "Not a valid choice"),
        (form(priority=""), "This field is required."),
        (form(acceptance_criteria=""), "This field is required."),
        (form(objectives=[str(other_project_objective.id + 1000)]), "is not a valid choice"),
        (form(title="x" * 201), "Field cannot be longer than 200 characters."),
    ]
    for values, message in cases:
        response = client.post("/projects/CAST/requirements/new", data=values)
        assert response.status_code == 400, values
        assert message in response.get_data(as_text=True), message
    assert audit_count() == before and _requirements(db_session) == []


def test_roles_decide_who_writes(client, cast):
    for who, status in (("member", 403), ("staff", 403), ("outsider", 404)):
        login(client, cast[who])
        assert client.post("/projects/CAST/requirements/new", data=form()).status_code == status
        client.post("/logout")
    login(client, cast["staff"])
    assert client.get("/projects/CAST/requirements").status_code == 403
    assert "Requirements" not in client.get("/projects/CAST").get_data(as_text=True)


def test_every_edit_is_a_new_version_and_versions_compare(client, cast, db_session):
    requirement = service.create_requirement(None, cast.project, data())
    login(client, cast["steering"])
    response = client.post(f"/projects/CAST/requirements/{requirement.id}/edit", data=form(
        version=requirement.version, note="Adds labs",
        title="Shared account view for sales and labs 共享客户视图", priority="should"))
    assert response.status_code == 302
    assert requirement.current_number == 2 and requirement.priority == "should"
    v1, v2 = service.version_of(requirement, 1), service.version_of(requirement, 2)
    assert (v1.priority, v2.priority, v2.note) == ("must", "should", "Adds labs")
    page = client.get(f"/projects/CAST/requirements/{requirement.id}/compare?from=1&to=2")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "<ins> for sales and labs</ins>" in html
    assert "<del>Must</del> have" in html and "<ins>Should</ins> have" in html
    assert "Fields changed: Title, Priority." in html


def test_unchanged_content_and_stale_forms_are_refused(client, cast, db_session):
    requirement = service.create_requirement(None, cast.project, data())
    old_version = requirement.version
    login(client, cast["pm"])
    same = client.post(f"/projects/CAST/requirements/{requirement.id}/edit",
                       data=form(version=old_version))
    assert same.status_code == 400 and "Nothing changed" in same.get_data(as_text=True)
    assert client.post(f"/projects/CAST/requirements/{requirement.id}/edit",
                       data=form(version=old_version, title="First")).status_code == 302
    before = audit_count()
    stale = client.post(f"/projects/CAST/requirements/{requirement.id}/edit",
                        data=form(version=old_version, title="Second"))
    assert stale.status_code == 409
    assert "changed by someone else" in stale.get_data(as_text=True)
    assert audit_count() == before
    db_session.expire_all()
    assert requirement.title == "First" and requirement.current_number == 2


def test_lifecycle_withdraw_and_supersede(client, cast, db_session):
    old = service.create_requirement(None, cast.project, data(title="Old"))
    new = service.create_requirement(None, cast.project, data(title="New"))
    gone = service.create_requirement(None, cast.project, data(title="Gone"))
    login(client, cast["pm"])
    refused = client.post(f"/projects/CAST/requirements/{old.id}/submit",
                          data={"version": old.version}, follow_redirects=True)
    assert "Name the required signers first" in refused.get_data(as_text=True)
    assert old.status == "draft"
    client.post(f"/projects/CAST/requirements/{old.id}/supersede",
                data={"version": old.version, "successor": new.id})
    client.post(f"/projects/CAST/requirements/{gone.id}/withdraw", data={"version": gone.version})
    db_session.expire_all()
    assert (old.status, old.superseded_by_id, gone.status) == ("superseded", new.id, "withdrawn")
    edit = client.post(f"/projects/CAST/requirements/{gone.id}/edit",
                       data=form(version=gone.version, title="Back"))
    assert edit.status_code == 400 and "cannot be changed" in edit.get_data(as_text=True)
    page = client.get(f"/projects/CAST/requirements/{old.id}").get_data(as_text=True)
    assert "Superseded by" in page and "REQ-002" in page


def test_search_filters_and_csv_export(client, cast, db_session):
    retain = objective(cast.project, "Retain")
    service.create_requirement(None, cast.project, data(
        title="=HYPERLINK(\"http://evil\")", department="finance", objective_ids=(retain.id,)))
    service.create_requirement(None, cast.project, data(
        title="销售拜访移动应用", kind="reporting", description="100% offline"))
    login(client, cast["member"])
    base = "/projects/CAST/requirements"
    assert "REQ-001" in client.get(f"{base}?q=hyperlink").get_data(as_text=True)
    page = client.get(f"{base}?q=拜访").get_data(as_text=True)
    assert "REQ-002" in page and "REQ-001" not in page
    assert "REQ-002" not in client.get(f"{base}?q=100%25x").get_data(as_text=True)
    assert "REQ-001" in client.get(f"{base}?q=REQ-001").get_data(as_text=True)
    page = client.get(f"{base}?department=finance").get_data(as_text=True)
    assert "REQ-001" in page and "REQ-002" not in page
    page = client.get(f"{base}?objective={retain.id}").get_data(as_text=True)
    assert "REQ-001" in page and "REQ-002" not in page
    page = client.get(f"{base}?unlinked=y&kind=reporting").get_data(as_text=True)
    assert "REQ-002" in page and "REQ-001" not in page
    bad = client.get(f"{base}?status=nonsense")
    assert bad.status_code == 200 and "Not a valid choice" in bad.get_data(as_text=True)

    export = client.get(f"{base}/export.csv")
    assert export.mimetype == "text/csv"
    text = export.data.decode("utf-8")
    assert text.startswith("\ufeffcode,title,status")
    assert "'=HYPERLINK" in text and "销售拜访移动应用" in text
    assert "REQ-001" not in client.get(f"{base}/export.csv?kind=reporting").data.decode()
    printable = client.get(f"{base}/print").get_data(as_text=True)
    assert "销售拜访移动应用" in printable and "Acceptance criteria" in printable


def test_an_objective_requirements_serve_cannot_be_deleted(client, cast, db_session):
    retain = objective(cast.project, "Retain")
    service.create_requirement(None, cast.project, data(objective_ids=(retain.id,)))
    login(client, cast["pm"])
    before = audit_count()
    response = client.post(f"/projects/CAST/strategy/objectives/{retain.id}/delete",
                           data={"version": retain.version}, follow_redirects=True)
    assert "Requirements serve this objective: REQ-001" in response.get_data(as_text=True)
    assert audit_count() == before
    assert db_session.execute(sa.select(sa.func.count()).select_from(RequirementObjective)
                              ).scalar_one() == 1


def test_versions_are_immutable_records(db_session, cast):
    requirement = service.create_requirement(None, cast.project, data())
    service.update_requirement(None, cast.project, requirement, requirement.version,
                               data(title="Changed"))
    titles = db_session.execute(sa.select(RequirementVersion.title)
                                .order_by(RequirementVersion.number)).scalars().all()
    assert titles == ["Shared account view 共享客户视图", "Changed"]


def test_demo_seeds_the_asia_pilot_requirements(runner, db_session):
    from app.projects.service import get_by_code
    from app.requirements import baselines

    assert runner.invoke(args=["seed", "demo"]).exit_code == 0
    project = get_by_code("QUEST-ASIA")
    rows = db_session.execute(sa.select(Requirement).where(
        Requirement.project_id == project.id)).scalars().all()
    assert len(rows) >= 20 and len({r.department for r in rows}) >= 5
    assert sum(r.status == "signed_off" for r in rows) >= 15
    assert any(any("\u4e00" <= c <= "\u9fff" for c in r.title) for r in rows)
    [baseline] = baselines.baselines(project)
    assert baseline.name == "Pilot scope v1" and len(baseline.items) >= 15
    assert any(r.current_number > 1 and r.signed_number == r.current_number for r in rows)
    assert any(r.current_number > r.signed_number for r in rows if r.signed_number)
    _rows, _objectives, trace = baselines.traceability(project)
    assert len(trace.requirements_serving_nothing) == 1
    assert service.invalid_signatures(project) == []
