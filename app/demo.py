"""The demo project: Quest International's Asia pilot, loaded from data files in seeds/demo/.

Each domain adds its part in `STEPS`; every step skips what is already there, so loading twice
changes nothing.
"""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

SEED_DIR = Path(__file__).resolve().parent.parent / "seeds" / "demo"


def read_seed(name: str) -> dict:
    with (SEED_DIR / name).open("rb") as fh:
        return tomllib.load(fh)


@dataclass
class DemoSummary:
    project_code: str = ""
    logins: list[tuple[str, str, str, str]] = field(default_factory=list)
    created: list[str] = field(default_factory=list)

    def report(self) -> str:
        lines = [
            f"Demo project {self.project_code}: "
            + (", ".join(self.created) if self.created else "already loaded, nothing changed"),
            "",
            "Demo logins (email / password / role):",
        ]
        width = max(len(e) for _, e, _, _ in self.logins)
        pwidth = max(len(p) for _, _, p, _ in self.logins)
        for name, email, password, role in self.logins:
            lines.append(f"  {email.ljust(width)}  {password.ljust(pwidth)}  {role} ({name})")
        return "\n".join(lines)


def load_demo() -> DemoSummary:
    from app.budget.seed import seed_budget
    from app.bulletins.seed import seed_bulletins
    from app.changes.seed import seed_changes
    from app.governance.seed import seed_health
    from app.organisation.seed import seed_organisation
    from app.planning.seed import seed_plan, seed_requirement_links
    from app.projects.seed import seed_project
    from app.quality.seed import seed_quality
    from app.requirements.seed import seed_requirements
    from app.risks.seed import seed_risks
    from app.strategy.seed import seed_strategy
    from app.training.seed import seed_training
    from app.vendors.seed import seed_vendors

    summary = DemoSummary()
    # Bulletins come late: a published edition quotes the other modules as they stood.
    for step in (seed_project, seed_strategy, seed_requirements, seed_plan,
                 seed_requirement_links, seed_quality, seed_budget, seed_vendors,
                 seed_organisation, seed_changes, seed_risks, seed_training, seed_bulletins,
                 seed_health):
        step(summary)
    return summary
