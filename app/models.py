"""Every model, imported in one place so the metadata (and Alembic) sees the whole schema."""

from app.accounts.models import Membership, User, UserSession
from app.budget.baseline_models import BudgetBaseline, BudgetBaselineLine
from app.budget.models import Benefit, BudgetLine, BudgetSettings, CostEntry
from app.bulletins.models import (
    Bulletin,
    BulletinApproval,
    BulletinImage,
    BulletinSection,
    BulletinSettings,
    FeedToken,
    PublishedEdition,
    ReadReceipt,
)
from app.changes.models import ChangeComment, ChangeOperation, ChangeRequest, ChangeVote
from app.core.audit import AuditLog
from app.core.numbering import Counter
from app.governance.models import HealthSnapshot
from app.organisation.doc_models import DocumentSignoff, DocumentVersion, GoverningDocument
from app.organisation.models import Action, Decision, GroupMember, Meeting, MeetingAttendance
from app.planning.models import (
    BaselineTask,
    Phase,
    PlanBaseline,
    PlanDependency,
    PlanSettings,
    PlanTask,
)
from app.planning.requirement_links import TaskRequirement
from app.projects.models import Holiday, Project
from app.quality.models import Checkpoint, GateReview, QaAction, QaReview, QualityStandard
from app.requirements.baseline_models import BaselineItem, RequirementBaseline
from app.requirements.models import (
    Requirement,
    RequirementObjective,
    RequirementSignature,
    RequirementSigner,
    RequirementVersion,
)
from app.risks.models import Risk, RiskAssessment, RiskChangeRequest, RiskClaim, RiskTask
from app.strategy.models import (
    BusinessGoal,
    Kpi,
    Measurement,
    Objective,
    ObjectiveGoal,
    Vision,
    VisionSignoff,
    VisionVersion,
)
from app.strategy.readiness_models import Assessment, AssessmentAnswer, AssessmentResponse
from app.training.models import (
    Attendance,
    Trainee,
    TrainingProgramme,
    TrainingSession,
    TrainingSettings,
)
from app.vendors.models import (
    Bid,
    BidLine,
    Claim,
    Criterion,
    Evaluation,
    Evaluator,
    Score,
    SiteVisit,
    StageChange,
    Vendor,
)

__all__ = [
    "Action",
    "Assessment",
    "AssessmentAnswer",
    "AssessmentResponse",
    "Attendance",
    "AuditLog",
    "BaselineItem",
    "BaselineTask",
    "Benefit",
    "Bid",
    "BidLine",
    "BudgetBaseline",
    "BudgetBaselineLine",
    "BudgetLine",
    "BudgetSettings",
    "Bulletin",
    "BulletinApproval",
    "BulletinImage",
    "BulletinSection",
    "BulletinSettings",
    "BusinessGoal",
    "ChangeComment",
    "ChangeOperation",
    "ChangeRequest",
    "ChangeVote",
    "Checkpoint",
    "Claim",
    "CostEntry",
    "Counter",
    "Criterion",
    "Decision",
    "DocumentSignoff",
    "DocumentVersion",
    "Evaluation",
    "Evaluator",
    "FeedToken",
    "GateReview",
    "GoverningDocument",
    "GroupMember",
    "HealthSnapshot",
    "Holiday",
    "Kpi",
    "Measurement",
    "Meeting",
    "MeetingAttendance",
    "Membership",
    "Objective",
    "ObjectiveGoal",
    "Phase",
    "PlanBaseline",
    "PlanDependency",
    "PlanSettings",
    "PlanTask",
    "Project",
    "PublishedEdition",
    "QaAction",
    "QaReview",
    "QualityStandard",
    "ReadReceipt",
    "Requirement",
    "RequirementBaseline",
    "RequirementObjective",
    "RequirementSignature",
    "RequirementSigner",
    "RequirementVersion",
    "Risk",
    "RiskAssessment",
    "RiskChangeRequest",
    "RiskClaim",
    "RiskTask",
    "Score",
    "SiteVisit",
    "StageChange",
    "TaskRequirement",
    "Trainee",
    "TrainingProgramme",
    "TrainingSession",
    "TrainingSettings",
    "User",
    "UserSession",
    "Vendor",
    "Vision",
    "VisionSignoff",
    "VisionVersion",
]
