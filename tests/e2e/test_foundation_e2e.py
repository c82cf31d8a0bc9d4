"""In a real Chromium: log in, switch to Simplified Chinese, create a project."""

import pytest
from playwright.sync_api import expect

from app.accounts.service import create_user
from app.core.audit import Actor, acting_as

pytestmark = [pytest.mark.e2e, pytest.mark.committed]

ADMIN_EMAIL, ADMIN_PASSWORD = "admin@e2e.example", "Browser-Admin-Check-31"


@pytest.fixture
def admin(fresh_app):
    with fresh_app.app_context(), acting_as(Actor(None, "test")):
        create_user(None, ADMIN_EMAIL, "E2E Admin", ADMIN_PASSWORD, is_admin=True)


def test_log_in_switch_to_chinese_and_create_a_project(admin, live_server, page):
    page.goto(f"{live_server}/login")
    page.fill("#email", ADMIN_EMAIL)
    page.fill("#password", ADMIN_PASSWORD)
    page.click("button.primary")
    expect(page.locator("h1")).to_have_text("Your projects")

    page.click("button[value=zh_Hans_CN]")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.locator("h1")).not_to_have_text("Your projects")

    page.click("a.button.primary")  # new project
    page.fill("#code", "quest-tw")
    page.fill("#name", "台湾饮料客户 CRM 试点")
    page.fill("#description", "**试点目标**：订单与预测在三个月内打通。")
    page.fill("#start_date", "2026-04-01")
    page.select_option("#currency", "TWD")
    page.fill("#holidays", "2026-04-03 清明节\n2026-10-10 国庆日")
    page.click("form button.primary")

    # Created: the members page of the new project, in Chinese.
    expect(page).to_have_url(f"{live_server}/projects/QUEST-TW/members")
    page.goto(f"{live_server}/projects/QUEST-TW")
    expect(page.locator("h1")).to_have_text("台湾饮料客户 CRM 试点")
    expect(page.locator(".prose strong")).to_have_text("试点目标")
    # Real CJK glyphs: the heading is wider than it would be in tofu boxes of a fallback font.
    width = page.locator("h1").evaluate("e => e.getBoundingClientRect().width")
    assert width > 200


def test_bad_input_shows_a_message_in_the_browser(admin, live_server, page):
    page.goto(f"{live_server}/login")
    page.fill("#email", ADMIN_EMAIL)
    page.fill("#password", ADMIN_PASSWORD)
    page.click("button.primary")
    page.goto(f"{live_server}/projects/new")
    page.fill("#code", "bad code!")
    page.fill("#name", "<script>alert(1)</script>")
    page.click("form button.primary")
    expect(page.locator(".form-errors")).to_be_visible()
    expect(page.locator(".field.has-error")).to_have_count(3)  # code, name, start date
