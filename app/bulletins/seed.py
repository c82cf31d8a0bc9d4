"""Demo bulletins for the Asia pilot (seeds/demo/bulletins.toml); loading twice changes nothing."""

from datetime import date

from app.accounts.service import find_user
from app.bulletins import reading, service
from app.projects.service import get_by_code


def seed_bulletins(summary) -> None:
    from app.demo import read_seed

    data = read_seed("bulletins.toml")
    project = get_by_code(summary.project_code)
    author, approver = find_user(data["author"]), find_user(data["approver"])
    if service.settings_for(project).version == 0:  # never saved
        service.save_settings(approver, project, "0", data["cadence"], None)
    for number, spec in enumerate(data["bulletins"], start=1):
        if reading.draft(project, number) is not None:
            continue
        bulletin = service.create_bulletin(author, project, service.BulletinData(
            title=spec["title"], period=spec["period"], language=spec["language"],
            body=spec["body"].strip(), sections=[tuple(s) for s in spec["sections"]]))
        service.submit(author, project, bulletin, bulletin.version)
        if spec["status"] in ("approved", "published"):
            service.approve(approver, project, bulletin, bulletin.version,
                            "Approved for publication to staff.")
        if spec["status"] == "published":
            service.publish(author, project, bulletin, bulletin.version,
                            on=date.fromisoformat(spec["published_on"]))
        summary.created.append(f"bulletin No. {bulletin.number} ({spec['status']})")

