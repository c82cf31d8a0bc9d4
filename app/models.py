"""Every model, imported in one place so the metadata (and Alembic) sees the whole schema."""

from app.accounts.models import Membership, User, UserSession
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
from app.core.audit import AuditLog
from app.core.numbering import Counter
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
from app.requirements.baseline_models import BaselineItem, RequirementBaseline
from app.requirements.models import (
    Requirement,
    RequirementObjective,
    RequirementSignature,
    RequirementSigner,
    RequirementVersion,
)
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
    "Assessment",
    "AssessmentAnswer",
    "AssessmentResponse",
    "AuditLog",
    "BaselineItem",
    "BaselineTask",
    "Benefit",
    "Bid",
    "BidLine",
    "BudgetLine",
    "BudgetSettings",
    "Bulletin",
    "BulletinApproval",
    "BulletinImage",
    "BulletinSection",
    "BulletinSettings",
    "BusinessGoal",
    "Claim",
    "CostEntry",
    "Counter",
    "Criterion",
    "Evaluation",
    "Evaluator",
    "FeedToken",
    "Holiday",
    "Kpi",
    "Measurement",
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
    "ReadReceipt",
    "Requirement",
    "RequirementBaseline",
    "RequirementObjective",
    "RequirementSignature",
    "RequirementSigner",
    "RequirementVersion",
    "Score",
    "SiteVisit",
    "StageChange",
    "TaskRequirement",
    "User",
    "UserSession",
    "Vendor",
    "Vision",
    "VisionSignoff",
    "VisionVersion",
]
