"""The plan's task table: filters by requirement, owner and status, with phase, text and sort."""

import re
from datetime import date

import pytest

from app.planning import baselines, requirement_links, service
from tests.conftest import audit_count, login
from tests.integration.test_plan_requirement_links import requirement

URL = "/projects/CAST/plan"


@pytest.fixture
def plan(cast):
    """Four tasks, baselined, then progress to 23 January: Interviews done on time, Configure
    half done and four days longer than planned (so UAT slips too), Glossary due but not
    started."""
    project = cast.project
    req = service.create_phase(None, project, "需求 Requirements", "Sign-off")
    build = service.create_phase(None, project, "系统集成 Integration", "Go-live review")

    def task(name, phase, days, owner=None):
        return service.create_task(None, project, service.TaskData(
            name, phase.id, days, owner_id=cast[owner].id if owner else None))

    interviews = task("访谈 Interviews", req, 5, "pm")
    task("Glossary", req, 2)
    configure = task("Configure sales module", build, 10, "member")
    uat = task("User acceptance testing", build, 5, "pm")
    service.add_dependency(None, project, interviews.id, configure.id, "FS", 0)
    service.add_dependency(None, project, configure.id, uat.id, "FS", 0)
    shared = requirement(project, "共享客户视图 Shared account view")
    erp = requirement(project, "ERP order interface")
    requirement_links.set_requirements(None, project, configure, configure.version, [shared.id])
    requirement_links.set_requirements(None, project, uat, uat.version, [shared.id, erp.id])
    baselines.save_baseline(None, project, "Approved plan")

    def progress(t, days, percent, start, finish=None):
        service.update_task(None, project, t, t.version, service.TaskData(
            t.name, t.phase_id, days, t.owner_id, percent_complete=percent, actual_start=start,
            actual_finish=finish))

    progress(interviews, 5, 100, date(2026, 1, 5), date(2026, 1, 9))
    progress(configure, 14, 50, date(2026, 1, 12))
    settings = service.settings_for(project)
    service.update_settings(None, project, settings.version, date(2026, 1, 23), 5)
    return project, shared, erp


def shown(response) -> list[str]:
    assert response.status_code == 200
    return re.findall(r'/plan/tasks/\d+">([^<]+)</a>', response.get_data(as_text=True))


def alerts(response) -> str:
    return " ".join(re.findall(r'role="alert">(.*?)</div>', response.get_data(as_text=True),
                               re.S))


@pytest.mark.parametrize(("query", "expected"), [
    ({"status": "not_started"}, ["Glossary", "User acceptance testing"]),
    ({"status": "in_progress"}, ["Configure sales module"]),
    ({"status": "complete"}, ["访谈 Interviews"]),
    # Configure grew from 10 to 14 days and UAT follows it; Glossary, not started, can only
    # start after the status date: all three finish after the baseline.
    ({"status": "behind"}, ["Glossary", "Configure sales module", "User acceptance testing"]),
    # Due by 23 January in the baseline, not complete (UAT was due on 30 January).
    ({"status": "late"}, ["Glossary", "Configure sales module"]),
    ({"req": "REQ-001"}, ["Configure sales module", "User acceptance testing"]),
    ({"req": "req-002"}, ["User acceptance testing"]),
    ({"owner": "none"}, ["Glossary"]),
    ({"phase": "first", "status": "late"}, ["Glossary"]),
])
def test_each_filter_keeps_the_right_tasks(client, cast, plan, query, expected):
    login(client, cast["member"])
    if query.get("phase") == "first":
        query = {**query, "phase": service.phases(cast.project)[0].id}
    response = client.get(URL, query_string=query)
    assert shown(response) == expected and not alerts(response)


def test_owner_filter_offers_the_task_owners(client, cast, plan):
    login(client, cast["steering"])
    response = client.get(URL, query_string={"owner": cast["pm"].id})
    assert shown(response) == ["访谈 Interviews", "User acceptance testing"]
    page = response.get_data(as_text=True)
    assert f'<option value="{cast["pm"].id}" selected>Pm person</option>' in page
    assert "Member person</option>" in page and "Sponsor person</option>" not in page
    assert '<option value="REQ-001" >REQ-001 共享客户视图 Shared account view</option>' in page


def test_filters_combine_with_each_other_and_with_sorting(client, cast, plan):
    login(client, cast["pm"])
    both = {"req": "REQ-001", "owner": cast["pm"].id}
    assert shown(client.get(URL, query_string=both)) == ["User acceptance testing"]
    behind = client.get(URL, query_string={"status": "behind", "sort": "variance"})
    assert shown(behind) == ["Glossary", "Configure sales module", "User acceptance testing"]
    by_name = client.get(URL, query_string={"status": "late", "sort": "name",
                                            "q": "o", "req": ""})
    assert shown(by_name) == ["Configure sales module", "Glossary"]
    page = by_name.get_data(as_text=True)
    # Sort links keep the filters; the form keeps the sort.
    assert "?sort=float&amp;q=o&amp;status=late&amp;baseline=" in page
    assert '<input type="hidden" name="sort" value="name">' in page
    assert '<option value="late" selected>' in page and "2 of 4 tasks" in page


def test_the_table_shows_the_finish_variance_against_the_chosen_baseline(client, cast, plan):
    login(client, cast["member"])
    page = client.get(URL, query_string={"status": "behind", "sort": "variance"}
                      ).get_data(as_text=True)
    cells = re.findall(r'<td class="num">([+-]\d+|0)</td>\s*<td>[^<]*</td>\s*<td class="codes">',
                       page)
    # Glossary can start only from the status date; Configure's remaining half (7 of 14 days)
    # runs after it, and UAT follows Configure. The baseline page gives the same figures.
    assert cells == ["+14", "+6", "+6"]
    rows, _ = baselines.variance(cast.project, baselines.baselines(cast.project)[0])
    assert sorted(v.finish_variance for v in rows) == [0, 6, 6, 14]
    assert "finish variance against Approved plan, in working days" in page


BAD = [
    {"phase": "abc"}, {"phase": "99999999999999999999"}, {"phase": "-1"},
    {"only": "everything"}, {"req": "REQ-999"}, {"req": "<script>alert(1)</script>"},
    {"owner": "0"}, {"owner": "1 OR 1=1"}, {"owner": "7\x00"}, {"status": "done"},
    {"status": "late' --"}, {"baseline": "abc"}, {"sort": "owner; DROP TABLE plan_task"},
]
MESSAGES = {
    "phase": "is not a phase of this plan", "only": "Unknown choice for",
    "req": "the requirement filter is ignored", "owner": "the owner filter is ignored",
    "status": "the status filter is ignored", "baseline": "the latest baseline is used",
    "sort": "the tasks are in plan order",
}


@pytest.mark.parametrize("query", BAD, ids=lambda q: "-".join(q))
def test_a_bad_value_gets_a_message_and_the_rest_of_the_table(client, cast, plan, query):
    login(client, cast["member"])
    before = audit_count()
    response = client.get(URL, query_string={**query, "status": query.get("status", "late")})
    (name,) = query
    assert MESSAGES[name] in alerts(response).replace("&#39;", "'")
    if name != "status":  # the good filter still applies
        assert shown(response) == ["Glossary", "Configure sales module"]
    else:
        assert len(shown(response)) == 4
    assert "<script>alert" not in response.get_data(as_text=True)
    assert audit_count() == before


def test_search_text_with_control_characters_is_just_text(client, cast, plan):
    login(client, cast["member"])
    response = client.get(URL, query_string={"q": "gloss\x00ary"})
    assert shown(response) == ["Glossary"] and not alerts(response)


def test_without_a_baseline_or_a_status_date_the_page_explains(client, cast):
    project = cast.project
    phase = service.create_phase(None, project, "需求 Requirements", "Sign-off")
    service.create_task(None, project, service.TaskData("Glossary", phase.id, 2))
    login(client, cast["member"])
    response = client.get(URL, query_string={"status": "behind"})
    assert shown(response) == [] and "The plan has no baseline yet" in response.get_data(
        as_text=True)
    assert "No task matches these filters." in response.get_data(as_text=True)
    baselines.save_baseline(None, project, "Approved plan")
    late = client.get(URL, query_string={"status": "late"}).get_data(as_text=True)
    assert "Set the status date in the plan settings to find late tasks." in late


def test_the_filters_read_in_chinese(client, cast, plan):
    login(client, cast["member"])
    with client.session_transaction() as session:
        session["language"] = "zh_Hans_CN"
    response = client.get(URL, query_string={"status": "late", "owner": "x"})
    page = response.get_data(as_text=True)
    assert shown(response) == ["Glossary", "Configure sales module"]
    for text in ("交付的需求", "负责人", "无负责人", "任何状态", "逾期（按基线应于状态日期前完成",
                 "落后于基线", "对比基线", "显示 2 项任务，共 4 项", "完成偏差", "清除筛选"):
        assert text in page, text
    assert "已忽略负责人筛选" in alerts(response)
