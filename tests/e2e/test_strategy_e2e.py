"""In a real Chromium: the PM drafts the vision, the sponsor approves it and records a KPI value."""

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from app.accounts.service import create_user
from app.core.audit import Actor, acting_as
from app.core.permissions import Role
from app.projects import service as projects
from app.strategy import service as strategy
from tests.conftest import project_data
from tests.e2e.conftest import ARTIFACTS

pytestmark = [pytest.mark.e2e, pytest.mark.committed]

PASSWORD = "Browser-Strategy-Check-47"
VISION = ("By 2027 every team works from **one view of each Asian customer**.\n\n"
          "愿景 每一位同事都使用同一个客户视图。")


@pytest.fixture
def kpi_id(fresh_app):
    with fresh_app.app_context(), acting_as(Actor(None, "test")):
        project = projects.create_project(None, "QUEST", project_data(name="Quest 亚洲试点"))
        for role in (Role.SPONSOR, Role.PM):
            create_user(None, f"{role.value}@e2e.example", f"E2E {role.value}", PASSWORD)
            projects.add_member(None, project, f"{role.value}@e2e.example", role)
        goal = strategy.create_goal(None, project, "Grow share with the top-20 Asian accounts")
        objective = strategy.create_objective(None, project, strategy.ObjectiveData(
            title="Retain key accounts 保留关键客户", description="", aim="retain",
            aim_other="", horizon="long", priority="high", owner_id=None, goal_ids=(goal.id,)))
        kpi = strategy.create_kpi(None, project, strategy.KpiData(
            objective_id=objective.id, name="Share of wallet 钱包份额", definition="",
            unit="%", direction="higher", kind="monetary", baseline_value=Decimal("31"),
            baseline_on=date(2025, 12, 31), short_target_value=Decimal("33"),
            short_target_on=date(2026, 6, 30), long_target_value=Decimal("40"),
            long_target_on=date(2027, 12, 31)))
        return kpi.id


def _log_in(page, server: str, who: str) -> None:
    page.goto(f"{server}/login")
    page.fill("#email", f"{who}@e2e.example")
    page.fill("#password", PASSWORD)
    page.click("button.primary")
    expect(page.locator("h1")).to_have_text("Your projects")


def test_draft_approve_vision_and_record_a_kpi_value(kpi_id, live_server, page):
    _log_in(page, live_server, "pm")
    page.goto(f"{live_server}/projects/QUEST/strategy")
    page.click("text=Edit the vision")
    page.fill("#text", VISION)
    page.fill("#note", "First draft")
    page.click("form button.primary")
    expect(page.locator("h1")).to_contain_text("version 1")
    expect(page.locator(".vision-text strong")).to_have_text("one view of each Asian customer")
    page.click("button:has-text('Log out')")

    _log_in(page, live_server, "sponsor")
    page.goto(f"{live_server}/projects/QUEST/strategy/vision/1")
    page.fill("#comment", "同意")
    page.click("text=Approve version 1")
    expect(page.locator(".signoff")).to_contain_text("E2E sponsor")
    expect(page.locator(".signoff .tag-ok")).to_be_visible()

    page.goto(f"{live_server}/projects/QUEST")
    expect(page.locator(".home-vision")).to_contain_text("愿景 每一位同事都使用同一个客户视图。")

    page.goto(f"{live_server}/projects/QUEST/strategy/kpis/{kpi_id}")
    page.fill("#measured_on", "2026-03-31")
    page.fill("#value", "32.4")
    page.fill("#note", "三月")
    page.click("text=Record measurement")
    expect(page.locator(".flash-success")).to_contain_text("Measurement recorded")
    expect(page.locator("table.measurements")).to_contain_text("32.4 %")
    expect(page.locator("figure.chart svg .series circle")).to_have_count(1)
    expect(page.locator("figure.chart svg polyline.reference")).to_have_count(2)
    # Real CJK glyphs: the Chinese heading is far wider than fallback boxes would make it.
    width = page.locator("h1").evaluate("e => e.getBoundingClientRect().width")
    assert width > 250

    page.emulate_media(media="print")
    expect(page.locator(".measure-form")).to_be_hidden()
    expect(page.locator("figure.chart svg")).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "strategy_kpi_print.png"), full_page=True)
    page.emulate_media(media="screen")
