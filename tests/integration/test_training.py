"""Training: programmes, sessions, the roster, attendance, settings, coverage and its warnings,
with bad input, stale edits and the scorecard summary."""

from datetime import date

import sqlalchemy as sa

from app.planning import service as planning
from app.training import service
from app.training.models import Attendance, Trainee, TrainingSession
from tests.conftest import audit_count, login


def setup(project, sales=10, service_people=2):
    concept = service.create_programme(None, project, "concept", "Why CRM 为什么要用 CRM")
    operational = service.create_programme(None, project, "operational", "Sales module")
    people = service.add_trainees(None, project, "sales", [f"Sales {n}" for n in range(sales)])
    people += service.add_trainees(None, project, "customer_service",
                                   [f"Service {n}" for n in range(service_people)])
    return concept, operational, people


def session(project, programme, on=date(2026, 9, 7), capacity=20, audience=("sales",)):
    return service.create_session(None, project, service.SessionData(
        programme_id=programme.id, held_on=on, place="Singapore", trainer="Priya",
        audience=audience, capacity=capacity))


def go_live_plan(project):
    phase = planning.create_phase(None, project, "Pilot")
    work = planning.create_task(None, project, planning.TaskData(
        name="Build", phase_id=phase.id, duration=10))
    review = planning.create_task(None, project, planning.TaskData(
        name="Go-live readiness review", phase_id=phase.id, duration=0))
    live = planning.create_task(None, project, planning.TaskData(
        name="Pilot go-live 试点上线", phase_id=phase.id, duration=0))
    planning.add_dependency(None, project, work.id, review.id, "FS", 0)
    planning.add_dependency(None, project, review.id, live.id, "FS", 5)
    return review, live


def test_pm_plans_a_programme_and_a_session(client, cast, db_session):
    login(client, cast["pm"])
    before = audit_count()
    response = client.post("/projects/CAST/training/programmes/new", data={
        "kind": "concept", "name": "Why CRM 为什么要用 CRM", "description": "Customer-centred."})
    assert response.status_code == 302
    [programme] = service.programmes(cast.project)
    response = client.post("/projects/CAST/training/sessions/new", data={
        "programme_id": str(programme.id), "held_on": "2026-09-07", "place": "上海",
        "trainer": "Priya", "audience": ["sales", "marketing"], "capacity": "12"})
    assert response.status_code == 302
    [record] = service.sessions(cast.project)
    assert (record.audience, record.capacity) == ("sales marketing", 12)
    assert audit_count() == before + 2
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "为什么要用 CRM" in page and "0 / 12" in page
    assert "上海" in client.get("/projects/CAST/training/programmes").get_data(as_text=True)


def test_bad_input_gets_messages_and_writes_nothing(client, cast, db_session):
    concept, _operational, _people = setup(cast.project)
    login(client, cast["pm"])
    before = audit_count()
    ok = {"programme_id": str(concept.id), "held_on": "2026-09-07", "audience": ["sales"],
          "capacity": "10"}
    for bad in ({"programme_id": "999999"}, {"held_on": "2026-02-30"}, {"audience": []},
                {"audience": ["nowhere"]}, {"capacity": "0"}, {"capacity": "x"},
                {"place": "<b>"}):
        response = client.post("/projects/CAST/training/sessions/new", data={**ok, **bad})
        assert response.status_code == 400, bad
    for bad in ({"kind": "fun"}, {"name": ""}, {"name": "Why CRM 为什么要用 CRM"}):
        data = {"kind": "concept", "name": "Another", **bad}
        response = client.post("/projects/CAST/training/programmes/new", data=data)
        assert response.status_code == 400, bad
    for bad in ({"department": "space"}, {"names": ""}, {"names": "a <b>"}):
        data = {"department": "sales", "names": "陈静", **bad}
        assert client.post("/projects/CAST/training/trainees/add", data=data).status_code == 400
    assert audit_count() == before


def test_roster_add_and_edit(client, cast, db_session):
    login(client, cast["steering"])
    response = client.post("/projects/CAST/training/trainees/add", data={
        "department": "finance", "names": "陈静 Chen Jing\n\n  Tan Wei  \n"})
    assert response.status_code == 302
    people = service.trainees(cast.project)
    assert sorted(t.name for t in people) == ["Tan Wei", "陈静 Chen Jing"]
    person = people[0]
    response = client.post(f"/projects/CAST/training/trainees/{person.id}/edit", data={
        "version": str(person.version), "name": person.name, "department": "it"})
    assert response.status_code == 302
    db_session.expire_all()
    assert (db_session.get(Trainee, person.id).department,
            db_session.get(Trainee, person.id).active) == ("it", False)
    stale = client.post(f"/projects/CAST/training/trainees/{person.id}/edit", data={
        "version": str(person.version - 1), "name": "X", "department": "it", "active": "y"})
    assert stale.status_code == 409


def test_member_records_attendance_and_coverage_changes(client, cast, db_session):
    concept, _operational, people = setup(cast.project)
    record = session(cast.project, concept)
    login(client, cast["member"])
    page = client.get("/projects/CAST/training").get_data(as_text=True)
    assert "Below target before go-live" in page
    ids = [str(p.id) for p in people[:9]]
    response = client.post(f"/projects/CAST/training/sessions/{record.id}/attendance",
                           data={"version": str(record.version), "attended": ids})
    assert response.status_code == 302
    rows = {r.department: r for r in service.coverage_rows(cast.project, None)}
    assert (rows["sales"].concept, rows["sales"].end_users) == (9, 10)
    page = client.get("/projects/CAST/training").get_data(as_text=True)
    assert 'data-department="sales" data-share="0.900"' in page
    # Sales reached the concept target (90 %); its operational training is still missing.
    assert "Sales: Concept training" not in page and "Sales: Operational training" in page
    # Taking someone off the register again.
    db_session.expire_all()
    record = db_session.get(TrainingSession, record.id)
    client.post(f"/projects/CAST/training/sessions/{record.id}/attendance",
                data={"version": str(record.version), "attended": ids[:5]})
    assert db_session.execute(sa.select(sa.func.count()).select_from(Attendance)).scalar() == 5


def test_attendance_stale_over_capacity_and_strangers_are_refused(client, cast, db_session,
                                                                  make_project):
    concept, _operational, people = setup(cast.project)
    record = session(cast.project, concept, capacity=3)
    url = f"/projects/CAST/training/sessions/{record.id}/attendance"
    login(client, cast["pm"])
    response = client.post(url, data={"version": str(record.version),
                                      "attended": [str(p.id) for p in people[:4]]})
    assert response.status_code == 400 and "3 places" in response.get_data(as_text=True)
    other = make_project("OTHER")
    [stranger] = service.add_trainees(None, other, "sales", ["Stranger"])
    response = client.post(url, data={"version": str(record.version),
                                      "attended": [str(stranger.id)]})
    assert response.status_code == 400
    response = client.post(url, data={"version": str(record.version - 1),
                                      "attended": [str(people[0].id)]})
    assert response.status_code == 409
    assert db_session.execute(sa.select(sa.func.count()).select_from(Attendance)).scalar() == 0
    # The capacity cannot drop below the attendance already recorded.
    service.record_attendance(None, cast.project, record, record.version,
                              {p.id for p in people[:3]})
    response = client.post(f"/projects/CAST/training/sessions/{record.id}/edit", data={
        "version": str(record.version), "programme_id": str(concept.id),
        "held_on": "2026-09-07", "audience": ["sales"], "capacity": "2"})
    assert response.status_code == 400


def test_session_and_programme_edits_with_stale_versions(client, cast, db_session):
    concept, operational, _people = setup(cast.project)
    record = session(cast.project, concept)
    login(client, cast["sponsor"])
    data = {"version": str(record.version), "programme_id": str(operational.id),
            "held_on": "2026-10-05", "audience": ["sales", "it"], "capacity": "15",
            "place": "Taipei 台北"}
    assert client.get(f"/projects/CAST/training/sessions/{record.id}/edit").status_code == 200
    assert client.post(f"/projects/CAST/training/sessions/{record.id}/edit",
                       data=data).status_code == 302
    assert client.post(f"/projects/CAST/training/sessions/{record.id}/edit",
                       data=data).status_code == 409
    db_session.expire_all()
    assert db_session.get(TrainingSession, record.id).place == "Taipei 台北"
    url = f"/projects/CAST/training/programmes/{concept.id}/edit"
    assert client.get(url).status_code == 200
    ok = {"version": str(concept.version), "kind": "concept", "name": "Customer first 客户至上"}
    assert client.post(url, data=ok).status_code == 302
    assert client.post(url, data=ok).status_code == 409
    assert client.post(url, data={**ok, "name": "Sales module"}).status_code in (400, 409)


def test_coverage_is_counted_by_the_go_live_milestone(client, cast, db_session):
    concept, operational, people = setup(cast.project)
    review, live = go_live_plan(cast.project)
    found = service.go_live(cast.project)
    assert found.task.id == live.id and not found.chosen  # guessed: the last go-live milestone
    live_on = found.on
    before, after = session(cast.project, concept, on=live_on), session(
        cast.project, operational, on=date(live_on.year + 1, 1, 4))
    sales = {p.id for p in people if p.department == "sales"}
    service.record_attendance(None, cast.project, before, before.version, sales)
    service.record_attendance(None, cast.project, after, after.version, sales)
    [summary_sales, summary_service] = service.coverage_summary(cast.project)
    assert (summary_sales.department, summary_sales.end_users, summary_sales.trained_concept,
            summary_sales.trained_operational, summary_sales.go_live) == (
        "sales", 10, 10, 0, live_on)
    assert (summary_service.department, summary_service.trained_concept) == (
        "customer_service", 0)
    # Choosing the readiness review instead moves the date earlier: the session on go-live
    # day no longer counts.
    login(client, cast["pm"])
    page = client.get("/projects/CAST/training/settings").get_data(as_text=True)
    assert "Go-live readiness review" in page
    response = client.post("/projects/CAST/training/settings", data={
        "version": "0", "go_live_task_id": str(review.id)})
    assert response.status_code == 302
    chosen = service.go_live(cast.project)
    assert chosen.chosen and chosen.task.id == review.id and chosen.on < live_on
    assert service.coverage_summary(cast.project)[0].trained_concept == 0
    later = client.get(f"/projects/CAST/training?by={live_on.year + 1}-12-31")
    assert 'data-department="sales" data-share="1.000"' in later.get_data(as_text=True)
    bad = client.post("/projects/CAST/training/settings", data={
        "version": "1", "go_live_task_id": "999999"})
    assert bad.status_code == 400
    stale = client.post("/projects/CAST/training/settings", data={
        "version": "0", "go_live_task_id": str(live.id)})
    assert stale.status_code == 409


def test_coverage_without_plan_or_roster(client, cast, db_session):
    login(client, cast["member"])
    page = client.get("/projects/CAST/training").get_data(as_text=True)
    assert "no go-live milestone" in page and "No end users on the roster" in page
    assert service.coverage_summary(cast.project) == []
    assert client.get("/projects/CAST/training?by=garbage").status_code == 200


def test_another_projects_records_are_not_found(client, cast, make_project, db_session):
    other = make_project("OTHER")
    concept, _operational, people = setup(other)
    record = session(other, concept)
    login(client, cast["pm"])
    assert client.get(f"/projects/CAST/training/sessions/{record.id}").status_code == 404
    assert client.get(f"/projects/CAST/training/programmes/{concept.id}/edit").status_code == 404
    assert client.get(f"/projects/CAST/training/trainees/{people[0].id}/edit").status_code == 404


def test_chinese_pages(client, cast, db_session):
    concept, _operational, _people = setup(cast.project)
    session(cast.project, concept)
    login(client, cast["member"])
    client.post("/language", data={"language": "zh_Hans_CN", "next": "/projects/CAST/training"})
    page = client.get("/projects/CAST/training").get_data(as_text=True)
    assert "培训" in page and "为什么要用 CRM" in page


def test_training_pages_queries_do_not_grow_with_sessions(client, cast, db_session):
    from tests.integration.test_risks import _queries

    concept, operational, people = setup(cast.project)
    go_live_plan(cast.project)
    urls = ("/projects/CAST/training", "/projects/CAST/training/programmes",
            "/projects/CAST/training/trainees")

    def add(n):
        for k in range(n):
            for programme in (concept, operational):
                record = session(cast.project, programme, on=date(2026, 9, 1 + k))
                service.record_attendance(None, cast.project, record, record.version,
                                          {p.id for p in people[:3]})

    login(client, cast["member"])
    add(1)
    few = [_queries(db_session, lambda u=u: client.get(u)) for u in urls]
    add(5)
    many = [_queries(db_session, lambda u=u: client.get(u)) for u in urls]
    assert min(few) >= 3 and many == few
