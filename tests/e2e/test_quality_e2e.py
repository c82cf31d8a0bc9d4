"""In a real Chromium: a phase gate refuses to pass while a checkpoint failed, the sponsor
waives the checkpoint with a rationale, the gate then passes, and the governance health
scorecard's "gates passed" rule turns from red to green."""

import pytest
from playwright.sync_api import expect

from app.accounts.service import create_user
from app.core.audit import Actor, acting_as
from app.core.permissions import Role
from app.planning import service as planning
from app.projects import service as projects
from app.quality import gate_reviews, service
from tests.conftest import project_data

pytestmark = [pytest.mark.e2e, pytest.mark.committed]

SPONSOR_EMAIL, SPONSOR_PASSWORD = "sponsor@e2e.example", "Browser-Sponsor-Gate-58"


@pytest.fixture
def gate(fresh_app):
    with fresh_app.app_context(), acting_as(Actor(None, "test")):
        create_user(None, SPONSOR_EMAIL, "王总 Sponsor", SPONSOR_PASSWORD)
        project = projects.create_project(None, "GATE", project_data())
        projects.add_member(None, project, SPONSOR_EMAIL, Role.SPONSOR)
        phase = planning.create_phase(None, project, "需求 Requirements", "需求冻结 Frozen")
        planning.create_task(None, project, planning.TaskData("Workshops", phase.id, 5))
        # The phase ends in January 2026, long past: undecided, its gate is red on the
        # scorecard. Four passed checkpoints keep the one waiver under the rule's waived share
        # (0.25), so once passed the gate is green, not amber.
        for n in range(1, 5):
            service.create_checkpoint(None, project, service.CheckpointData(
                f"Workshop {n} minutes", "gate", phase.id, None, "", "Minutes signed", None,
                "Signed minutes on file", "passed"))
        failed = service.create_checkpoint(None, project, service.CheckpointData(
            "实验室需求复核 Lab review", "gate", phase.id, None, "", "Both lab heads confirm",
            None, "Shanghai lab head absent", "failed"))
        gate_reviews.open_review(None, project, phase, "Requirements frozen")
        return phase.id, failed.id


def decide_pass(page, base, phase_id):
    page.goto(f"{base}/projects/GATE/quality/gates/{phase_id}")
    page.select_option("#decision", "pass")
    page.fill("#meeting_date", "2026-02-02")
    page.check("input[name=present]")
    page.click("text=Record decision")


def gates_rule(page, base):
    page.goto(f"{base}/projects/GATE/governance/health")
    return page.locator("#rule-gates_passed")


def test_gate_refuses_then_passes_after_the_sponsor_waives(gate, live_server, page):
    phase_id, checkpoint_id = gate
    page.goto(f"{live_server}/login")
    page.fill("#email", SPONSOR_EMAIL)
    page.fill("#password", SPONSOR_PASSWORD)
    page.click("button.primary")

    rule = gates_rule(page, live_server)
    expect(rule.locator(".kpi-state")).to_have_text("Red")
    expect(rule).to_contain_text("需求冻结 Frozen: due 2026-01-09, not decided "
                                 "(0 checkpoints pending, 1 failed).")

    decide_pass(page, live_server, phase_id)
    expect(page.locator(".form-errors")).to_contain_text(
        "cannot pass while checkpoints are pending or failed")
    expect(page.locator(".form-errors")).to_contain_text("实验室需求复核 Lab review (Failed)")
    expect(page.locator("h1 .gate-decision")).to_have_text("Not decided")

    page.goto(f"{live_server}/projects/GATE/quality/checkpoints/{checkpoint_id}")
    page.fill("#rationale", "不在试点关键范围 Not in the pilot's critical scope")
    page.click("text=Waive as sponsor")
    expect(page.locator(".flash-success")).to_be_visible()
    expect(page.locator("h1 .qc-status")).to_have_text("Waived")
    expect(page.locator(".waiver")).to_contain_text("王总 Sponsor")

    decide_pass(page, live_server, phase_id)
    expect(page.locator(".flash-success")).to_be_visible()
    expect(page.locator("h1 .gate-decision")).to_have_text("Pass")

    page.goto(f"{live_server}/projects/GATE/quality/gates")
    row = page.locator("tr.gate-row")
    expect(row).to_contain_text("Pass")
    expect(row.locator(".checkpoint-counts")).to_contain_text("1 waived, 0 failed")

    rule = gates_rule(page, live_server)
    expect(rule.locator(".kpi-state")).to_have_text("Green")
    expect(rule).to_contain_text("需求冻结 Frozen: passed; 4 passed and 1 waived of 5 checkpoints.")
    expect(rule).not_to_contain_text("not decided")
