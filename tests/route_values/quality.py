"""Quality records for the access test: a standard, a QA review with an action, a checkpoint
and an open gate review on a phase of its own."""

from datetime import date

from app.planning import service as planning
from app.quality import gate_reviews, qa_reviews, service


def values(cast, db_session) -> dict:
    project = cast.project
    phase = planning.create_phase(None, project, "质量门 Quality gate phase", "Gate Q")
    standard = service.create_standard(None, project, service.StandardData(
        phase.id, "", "Plan reviewed", "Reviewed by the committee", "Walkthrough", None))
    review = qa_reviews.create_qa_review(None, project, qa_reviews.QaReviewData(
        date(2026, 3, 31), None, "concerns", "Findings"))
    action = qa_reviews.add_qa_action(None, project, review, review.version, "Fix it", None, None)
    checkpoint = service.create_checkpoint(None, project, service.CheckpointData(
        "Exit check", "gate", phase.id, None, "", "Criteria", None, "", "pending"))
    gate_review = gate_reviews.open_review(None, project, phase, "Criterion one")
    return {"standard_id": standard.id, "qa_review_id": review.id, "qa_action_id": action.id,
            "checkpoint_id": checkpoint.id, "gate_phase_id": phase.id,
            "gate_review_id": gate_review.id}
