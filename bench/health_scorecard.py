"""Time the governance health scorecard of the demo project and count its queries.

Run: DATABASE_URL=sqlite:////tmp/x.db .venv/bin/flask --app wsgi seed demo, then
DATABASE_URL=sqlite:////tmp/x.db .venv/bin/python bench/health_scorecard.py
"""

import sys
import time
from datetime import date
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import create_app
from app.extensions import db
from app.governance import service
from app.projects.service import get_by_code


def main() -> None:
    app = create_app()
    with app.app_context():
        project = get_by_code("QUEST-ASIA")
        if project is None:
            raise SystemExit("Load the demo first: flask --app wsgi seed demo")
        queries = []
        sa.event.listen(db.engine, "before_cursor_execute",
                        lambda *args: queries.append(1))
        runs = []
        for _ in range(5):
            queries.clear()
            start = time.perf_counter()
            card = service.scorecard(project, date.today())
            runs.append(time.perf_counter() - start)
            db.session.expire_all()
        print(f"scorecard of {project.code}: score {card.score} ({card.status.value}), "
              f"{len(card.results)} rules")
        print(f"best {min(runs) * 1000:.0f} ms, median {sorted(runs)[2] * 1000:.0f} ms, "
              f"{len(queries)} queries per computation")


if __name__ == "__main__":
    main()
