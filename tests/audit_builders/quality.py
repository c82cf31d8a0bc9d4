"""Audit builders for the quality domain: standards, QA reviews and actions, checkpoints, gates."""

from datetime import date

from app.planning.models import Phase
from app.quality.models import Checkpoint, GateReview, QaAction, QaReview, QualityStandard


def _phase(s, ctx, name="设计 Design"):
    phase = Phase(project_id=ctx["project"].id, position=1, name=name, gate="设计评审")
    s.add(phase)
    s.flush()
    return phase


def _standard(s, ctx):
    return QualityStandard(project_id=ctx["project"].id, phase_id=_phase(s, ctx).id,
                           deliverable="需求规格书", title="Requirements are testable",
                           criterion="Each has acceptance criteria", method="Peer review",
                           owner_id=ctx["user"].id)


def _review(s, ctx):
    return QaReview(project_id=ctx["project"].id, review_date=date(2026, 6, 30),
                    reviewer_id=ctx["user"].id, judgement="concerns", findings="数据质量不足")


def _action(s, ctx):
    review = _review(s, ctx)
    s.add(review)
    s.flush()
    return QaAction(project_id=review.project_id, review=review, description="Clean the data",
                    owner_id=ctx["user"].id, due_date=date(2026, 7, 31), status="open")


def _checkpoint(s, ctx):
    return Checkpoint(project_id=ctx["project"].id, number=1, title="UAT sign-off",
                      target="gate", phase_id=_phase(s, ctx).id, criteria="All tests pass",
                      status="pending")


def _gate_review(s, ctx):
    return GateReview(project_id=ctx["project"].id, phase_id=_phase(s, ctx).id, status="open",
                      exit_criteria="Vision signed")


BUILDERS = {
    QualityStandard: (_standard, "method", "Walkthrough with the sponsor"),
    QaReview: (_review, "judgement", "on_track"),
    QaAction: (_action, "status", "done"),
    Checkpoint: (_checkpoint, "evidence", "UAT report 验收报告"),
    GateReview: (_gate_review, "exit_criteria", "Vision signed\nKPIs baselined"),
}
