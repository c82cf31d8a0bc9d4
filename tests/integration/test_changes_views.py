"""Change request pages: a refused plan edit leads to a pre-filled request, the register with
its filters, chart and CSV, drafts gathering operations, and bad input on every form."""

from datetime import date

import pytest
import sqlalchemy as sa

from app.changes import service
from app.changes.models import ChangeOperation, ChangeRequest
from app.planning import service as planning
from app.planning.models import PlanDependency
from tests.conftest import audit_count, login
from tests.integration.test_changes import approved, build_plan, request, submitted


@pytest.fixture
def plan(cast):
    return build_plan(cast)


def test_a_refused_plan_edit_leads_to_a_prefilled_request(client, cast, plan):
    project, phase, t = plan
    build = t["Build"]
    login(client, cast["pm"])
    response = client.post(f"/projects/CAST/plan/tasks/{build.id}/edit", data={
        "version": build.version, "name": "Build", "phase_id": phase.id, "duration": 9,
        "owner_id": "", "constraint_type": "", "percent_complete": 0, "planned_cost": 0,
        "actual_cost": 0})
    assert response.status_code == 302
    assert "/projects/CAST/changes/new?" in response.headers["Location"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "change request with your edit" in page and 'value="9"' in page
    assert planning.task_in(project, build.id).duration == 5


def test_pages_register_filters_chart_and_csv(client, cast, plan):
    project, _, _t = plan
    cr = approved(cast, plan)
    service.create_request(cast["steering"], project, request(title="Vendor swap",
                                                              category="other"), submit=True)
    login(client, cast["member"])
    page = client.get("/projects/CAST/changes").get_data(as_text=True)
    assert "CR-0001" in page and "CR-0002" in page and "<svg" in page and "+3" in page
    page = client.get("/projects/CAST/changes?category=other").get_data(as_text=True)
    assert "CR-0002" in page and "CR-0001" not in page
    csv = client.get("/projects/CAST/changes/export.csv?status=approved").get_data(as_text=True)
    assert "CR-0001" in csv and "CR-0002" not in csv and "延长构建" in csv
    page = client.get(f"/projects/CAST/changes/{cr.id}").get_data(as_text=True)
    assert "2026-01-19" in page and "Worth it" in page
    timeline = page[page.index('class="timeline"'):]
    assert "Change request vote" in timeline and "CR-0001" in timeline


def test_the_web_flow_bad_input_and_comments(client, cast, plan, db_session):
    _project, _, t = plan
    login(client, cast["pm"])
    base = {"title": "Shorter design", "rationale": "Workshops done.", "category": "schedule",
            "urgency": "normal", "kind": "task_change", "task_id": t["Design"].id,
            "action": "submit"}
    response = client.post("/projects/CAST/changes/new", data={**base, "duration": "-1"})
    assert response.status_code == 400 and "cannot be negative" in response.get_data(
        as_text=True)
    response = client.post("/projects/CAST/changes/new", data={**base, "title": ""})
    assert response.status_code == 400
    assert db_session.execute(sa.select(sa.func.count(ChangeRequest.id))).scalar_one() == 0
    response = client.post("/projects/CAST/changes/new", data={**base, "duration": "2"})
    assert response.status_code == 302
    cr = db_session.execute(sa.select(ChangeRequest)).scalar_one()
    assert cr.status == "submitted" and cr.finish_shift == -1
    client.post(f"/projects/CAST/changes/{cr.id}/comments", data={"body": "看起来不错"})
    assert cr.comments[0].body == "看起来不错"
    assert db_session.execute(sa.select(sa.func.count(ChangeOperation.id))).scalar_one() == 1
    assert db_session.execute(sa.select(sa.func.count(PlanDependency.id))).scalar_one() == 3


NEW_LINE = {"kind": "line_add", "line_name": "ERP", "line_category": "integration",
            "line_year": "2026", "line_quarter": "3", "amount": "5"}
NEW_FORM_CASES = [
    ({"title": ""}, "This field is required."),
    ({"title": "<b>x</b>"}, "Do not use the characters &lt; and &gt; here."),
    ({"title": "长" * 201}, "Field cannot be longer than 200 characters."),
    ({"rationale": "bad\x01text"}, "Remove control characters."),
    ({"category": "gossip"}, "Not a valid choice."),
    ({"urgency": "yesterday"}, "Not a valid choice."),
    ({"duration": "many"}, "Not a valid integer value."),
    ({"duration": ""}, "changes nothing"),
    ({"task_id": "999999"}, "is not in this plan"),
    ({"kind": "teleport"}, "Not a valid choice."),
    ({"kind": "task_change", "constraint_type": "MSO"}, "needs both its kind and its date"),
    ({"kind": "budget_change", "line_id": "", "amount": "5"}, "fill in"),
    ({"kind": "budget_change", "line_id": "999999", "amount": "5"}, "not in this budget"),
    ({"kind": "link_add", "predecessor_id": "", "successor_id": ""}, "fill in"),
    ({**NEW_LINE, "line_name": ""}, "fill in"),
    ({**NEW_LINE, "line_name": "<b>x</b>"}, "Do not use the characters &lt; and &gt; here."),
    ({**NEW_LINE, "line_category": "hardware"}, "Not a valid choice."),
    ({**NEW_LINE, "line_year": "3000"}, "Number must be between 1990 and 2100."),
    ({**NEW_LINE, "line_year": "soon"}, "Not a valid integer value."),
    ({**NEW_LINE, "line_quarter": "5"}, "Not a valid choice."),
    ({**NEW_LINE, "amount": ""}, "fill in"),
    ({**NEW_LINE, "amount": "-1"}, "Number must be between 0"),
    ({"kind": "line_remove", "line_id": ""}, "fill in"),
    ({"kind": "line_remove", "line_id": "999999"}, "not in this budget"),
    ({"kind": "", "category": "schedule"}, "at least one proposed change"),
]


@pytest.mark.parametrize(("changes", "message"), NEW_FORM_CASES)
def test_the_new_request_form_refuses_bad_input(client, cast, plan, db_session, changes,
                                                message):
    _, _, t = plan
    login(client, cast["pm"])
    data = {"title": "Longer build", "rationale": "Why", "category": "schedule",
            "urgency": "normal", "kind": "task_change", "task_id": t["Build"].id,
            "duration": "8", "action": "submit", **changes}
    before = audit_count()
    response = client.post("/projects/CAST/changes/new", data=data)
    assert response.status_code in (400, 409)
    assert message in response.get_data(as_text=True)
    assert audit_count() == before


def test_workflow_buttons_refuse_bad_and_stale_input(client, cast, plan, db_session):
    _project, _, _ = plan
    cr = submitted(cast, plan)
    login(client, cast["sponsor"])
    before = audit_count()
    url = f"/projects/CAST/changes/{cr.id}"
    for data in ({"version": cr.version, "outcome": "approve", "rationale": "",
                  "meeting_date": "2026-01-09"},
                 {"version": cr.version, "outcome": "veto", "rationale": "x",
                  "meeting_date": "2026-01-09"},
                 {"version": cr.version, "outcome": "approve", "rationale": "x",
                  "meeting_date": "someday"},
                 {"version": cr.version - 1, "outcome": "approve", "rationale": "x",
                  "meeting_date": "2026-01-09"}):
        response = client.post(f"{url}/decide", data=data, follow_redirects=True)
        assert response.status_code == 200 and "flash-error" in response.get_data(as_text=True)
    response = client.post(f"{url}/vote", data={"vote": "maybe"}, follow_redirects=True)
    assert "Not a valid choice" in response.get_data(as_text=True)
    response = client.post(f"{url}/apply", data={"version": cr.version}, follow_redirects=True)
    assert "not possible now" in response.get_data(as_text=True)
    response = client.post(f"{url}/comments", data={"body": ""}, follow_redirects=True)
    assert "This field is required." in response.get_data(as_text=True)
    assert audit_count() == before and cr.status == "submitted"
    # An operation can only be added to a draft.
    login(client, cast["pm"])
    response = client.post(f"{url}/operations", data={
        "version": cr.version, "kind": "task_remove", "task_id": plan[2]["Training"].id},
        follow_redirects=True)
    assert "Only a draft can be changed" in response.get_data(as_text=True)
    assert len(cr.operations) == 1


def test_drafts_gather_operations_then_submit(client, cast, plan, db_session):
    project, _, t = plan
    cr = service.create_request(cast["pm"], project, request())
    login(client, cast["pm"])
    url = f"/projects/CAST/changes/{cr.id}"
    client.post(f"{url}/operations", data={"version": cr.version, "kind": "task_change",
                                           "task_id": t["Build"].id, "duration": "7"})
    client.post(f"{url}/operations", data={"version": cr.version, "kind": "task_remove",
                                           "task_id": t["Training"].id})
    assert [op.kind for op in cr.operations] == ["task_change", "task_remove"]
    client.post(f"{url}/operations/{cr.operations[1].id}/delete", data={"version": cr.version})
    assert [op.kind for op in cr.operations] == ["task_change"]
    client.post(f"{url}/submit", data={"version": cr.version})
    assert cr.status == "submitted" and cr.finish_shift == 2
    page = client.get(url).get_data(as_text=True)
    assert "Build: duration 7 working days" in page


def test_csv_defuses_formulas_and_filters_by_requester(client, cast, plan):
    project, _, _ = plan
    service.create_request(cast["pm"], project, request(title="=HYPERLINK(1)",
                                                        category="other"), submit=True)
    service.create_request(cast["steering"], project, request(title="Steering idea",
                                                              category="other"), submit=True)
    login(client, cast["member"])
    text = client.get(f"/projects/CAST/changes/export.csv?requester={cast['pm'].id}").get_data(
        as_text=True)
    assert "'=HYPERLINK(1)" in text and "Steering idea" not in text
    assert client.get("/projects/CAST/changes?status=nonsense").status_code == 200



def test_a_free_text_request_is_marked_implemented_by_hand(client, cast, plan, db_session):
    project, _, _ = plan
    cr = service.create_request(cast["pm"], project, request(title="New vendor account manager",
                                                             category="other"), submit=True)
    service.vote(cast["steering"], project, cr, "approve")
    service.decide(cast["sponsor"], project, cr, cr.version, "approve", "Fine",
                   date(2026, 1, 9))
    login(client, cast["pm"])
    page = client.get(f"/projects/CAST/changes/{cr.id}").get_data(as_text=True)
    assert "Mark as implemented" in page and "carried out by hand" in page
    before = len(planning.dependencies(project))
    client.post(f"/projects/CAST/changes/{cr.id}/apply", data={"version": cr.version})
    assert cr.status == "implemented" and len(planning.dependencies(project)) == before
