"""Formal sign-off of requirements, tamper detection, baselines, volatility and traceability."""

import hashlib
import json

import pytest
import sqlalchemy as sa

from app.core.errors import DomainError
from app.requirements import baselines, service
from app.requirements.baseline_models import BaselineItem, RequirementBaseline
from app.requirements.models import (
    RequirementSignature,
    RequirementSigner,
)
from tests.conftest import audit_count, login
from tests.integration.test_requirements import data, objective


@pytest.fixture
def signed_setup(cast):
    """Sponsor and PM sign every requirement; the steering member owns those Sales raises."""
    project = cast.project
    service.add_signer(None, project, cast["sponsor"].id, "Executive sponsor", None,
                       "Approved for build")
    service.add_signer(None, project, cast["pm"].id, "Project manager", None,
                       "Approved for build")
    service.add_signer(None, project, cast["steering"].id, "Business owner, Sales", "sales",
                       "This is what Sales needs")
    retain = objective(project, "Retain")
    requirement = service.create_requirement(None, project, data(objective_ids=(retain.id,)))
    service.submit_for_review(None, project, requirement, requirement.version)
    return requirement


def _sign(client, requirement, number=1, digest=None, comment="同意"):
    version = service.version_of(requirement, number)
    return client.post(f"/projects/CAST/requirements/{requirement.id}/sign", data={
        "number": number, "content_sha256": digest or version.sha256, "comment": comment})


def test_signed_off_when_every_required_signer_signed(client, cast, signed_setup, db_session):
    requirement = signed_setup
    expected = hashlib.sha256(json.dumps(
        {"code": "REQ-001", "number": 1, "title": requirement.title,
         "description": requirement.description, "kind": "functional", "priority": "must",
         "department": "sales", "acceptance_criteria": requirement.acceptance_criteria,
         "objectives": "OBJ-01"},
        sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()
    for who in ("sponsor", "pm"):
        login(client, cast[who])
        assert _sign(client, requirement).status_code == 302
        client.post("/logout")
        db_session.expire_all()
        assert requirement.status == "in_review"
    login(client, cast["steering"])
    page = client.get(f"/projects/CAST/requirements/{requirement.id}").get_data(as_text=True)
    assert "Sign version 1" in page and "This is what Sales needs" in page
    before = audit_count()
    assert _sign(client, requirement).status_code == 302
    db_session.expire_all()
    assert (requirement.status, requirement.signed_number) == ("signed_off", 1)
    assert audit_count() == before + 2  # the signature and the requirement's new status
    signatures = db_session.execute(sa.select(RequirementSignature)
                                    .order_by(RequirementSignature.id)).scalars().all()
    assert [(s.role, s.capacity) for s in signatures] == [
        ("sponsor", "Executive sponsor"), ("pm", "Project manager"),
        ("steering", "Business owner, Sales")]
    assert all(s.content_sha256 == expected and s.valid for s in signatures)
    assert signatures[2].meaning == "This is what Sales needs" and signatures[2].comment == "同意"


def test_only_required_signers_sign_and_only_once(client, cast, signed_setup, db_session):
    requirement = signed_setup
    login(client, cast["member"])
    response = _sign(client, requirement)
    assert response.status_code == 403
    assert "not one of the required signers" in response.get_data(as_text=True)
    client.post("/logout")
    login(client, cast["sponsor"])
    assert _sign(client, requirement).status_code == 302
    again = _sign(client, requirement)
    assert again.status_code == 400 and "already signed" in again.get_data(as_text=True)
    assert len(service.version_of(requirement, 1).signatures) == 1


def test_a_signer_cannot_sign_a_version_that_changed(client, cast, signed_setup, db_session):
    requirement = signed_setup
    opened = service.version_of(requirement, 1).sha256
    service.update_requirement(None, cast.project, requirement, requirement.version,
                               data(title="Changed while the sponsor was reading"))
    service.submit_for_review(None, cast.project, requirement, requirement.version)
    login(client, cast["sponsor"])
    before = audit_count()
    response = _sign(client, requirement, 1, opened)
    assert response.status_code == 409
    assert "changed after you opened it" in response.get_data(as_text=True)
    forged = _sign(client, requirement, 2, opened)
    assert forged.status_code == 409 and audit_count() == before
    assert db_session.execute(sa.select(RequirementSignature)).first() is None


def _sign_all(cast, requirement):
    version = service.version_of(requirement, requirement.current_number)
    for who in ("sponsor", "pm", "steering"):
        service.sign(cast[who], cast.project, requirement, version.number, version.sha256)


def test_signed_version_is_frozen_a_change_needs_new_signatures(client, cast, signed_setup,
                                                                db_session):
    requirement = signed_setup
    _sign_all(cast, requirement)
    login(client, cast["pm"])
    response = client.post(f"/projects/CAST/requirements/{requirement.id}/edit", data={
        "version": requirement.version, "title": "Shared account view, with labs",
        "description": requirement.description, "kind": "functional", "priority": "must",
        "department": "sales", "acceptance_criteria": requirement.acceptance_criteria,
        "objectives": [str(link.objective_id) for link in requirement.objective_links]})
    # A direct edit of signed-off content is refused and becomes a pre-filled change request
    # (tests/integration/test_changes.py); once approved and applied, the new version needs
    # signing again.
    assert response.status_code == 302 and "/changes/new?" in response.headers["Location"]
    assert requirement.current_number == 1
    from datetime import date

    from app.changes import service as changes
    cr = changes.create_request(cast["pm"], cast.project, changes.RequestData(
        "Labs in the account view", "Labs need it.", "requirement"), [changes.OperationData(
            "requirement_change", requirement.id, {
                "title": "Shared account view, with labs",
                "description": requirement.description,
                "acceptance_criteria": requirement.acceptance_criteria})], submit=True)
    changes.decide(cast["sponsor"], cast.project, cr, cr.version, "approve", "Agreed",
                   date(2026, 1, 9))
    changes.apply_request(cast["pm"], cast.project, cr, cr.version)
    db_session.expire_all()
    assert (requirement.status, requirement.current_number, requirement.signed_number) == (
        "in_review", 2, 1)
    v1 = service.version_of(requirement, 1)
    assert v1.title == "Shared account view 共享客户视图" and all(s.valid for s in v1.signatures)
    page = client.get(f"/projects/CAST/requirements/{requirement.id}").get_data(as_text=True)
    assert "needs signing again" in page


def test_tampered_signed_content_is_detected(client, cast, signed_setup, db_session, runner):
    requirement = signed_setup
    _sign_all(cast, requirement)
    assert runner.invoke(args=["audit", "verify"]).exit_code == 0
    db_session.execute(sa.text("UPDATE requirement_version SET acceptance_criteria = 'none' "
                               "WHERE requirement_id = :id"), {"id": requirement.id})
    db_session.expire_all()
    login(client, cast["member"])
    page = client.get(f"/projects/CAST/requirements/{requirement.id}").get_data(as_text=True)
    assert "Signature invalid" in page
    register = client.get("/projects/CAST/requirements").get_data(as_text=True)
    assert "Signature invalid" in register
    cli = runner.invoke(args=["audit", "verify"])
    assert cli.exit_code == 1
    assert "REQ-001 v1" in cli.output and "does not match the stored content" in cli.output


def test_baselines_freeze_compare_and_measure_volatility(client, cast, signed_setup,
                                                         db_session):
    requirement = signed_setup
    login(client, cast["pm"])
    empty = client.post("/projects/CAST/requirements/baselines/new", data={"name": "Scope v1"})
    assert empty.status_code == 400 and "nothing to freeze" in empty.get_data(as_text=True)
    assert db_session.execute(sa.select(RequirementBaseline)).first() is None
    _sign_all(cast, requirement)
    assert client.post("/projects/CAST/requirements/baselines/new",
                       data={"name": "Scope v1"}).status_code == 302
    duplicate = client.post("/projects/CAST/requirements/baselines/new",
                            data={"name": "Scope v1"})
    assert duplicate.status_code == 400 and "already exists" in duplicate.get_data(as_text=True)
    # After the baseline: one change re-signed, one requirement added and signed.
    service.update_requirement(None, cast.project, requirement, requirement.version,
                               data(title="Changed", objective_ids=()))
    service.submit_for_review(None, cast.project, requirement, requirement.version)
    _sign_all(cast, requirement)
    added = service.create_requirement(None, cast.project, data(title="Added", kind="data"))
    service.submit_for_review(None, cast.project, added, added.version)
    _sign_all(cast, added)
    second = baselines.create_baseline(cast["sponsor"], cast.project, "Scope v2")
    first = baselines.baselines(cast.project)[0]
    assert [(i.code, i.version_number) for i in first.items] == [("REQ-001", 1)]
    assert [(i.code, i.version_number) for i in second.items] == [("REQ-001", 2),
                                                                  ("REQ-002", 1)]
    page = client.get(f"/projects/CAST/requirements/baselines/compare?from={first.id}"
                      f"&to={second.id}").get_data(as_text=True)
    assert "1 added, 0 removed, 1 changed, 0 unchanged." in page
    page = client.get("/projects/CAST/requirements/baselines").get_data(as_text=True)
    assert "<svg" in page and "Changes since the first baseline" in page
    result = baselines.volatility_of(cast.project, first.created_at.date())
    assert result.total == 2 and result.percent_of_baseline == 200.0
    items = db_session.execute(sa.select(sa.func.count()).select_from(BaselineItem)).scalar_one()
    assert items == 3


def test_traceability_matrix_flags(client, cast, signed_setup, db_session):
    objective(cast.project, "Nobody serves this")
    service.create_requirement(None, cast.project, data(title="Gold plating"))
    login(client, cast["member"])
    page = client.get("/projects/CAST/requirements/traceability").get_data(as_text=True)
    assert "Possible scope creep" in page and "REQ-002" in page
    assert "No requirement serves these objectives" in page and "OBJ-02" in page


def test_signers_are_named_by_sponsor_or_pm(client, cast, db_session):
    login(client, cast["pm"])
    before = audit_count()
    refused = client.post("/projects/CAST/requirements/signers", data={
        "user": cast["staff"].id, "capacity": "Reader", "department": "", "meaning": "OK"})
    assert refused.status_code == 400 and "Not a valid choice" in refused.get_data(as_text=True)
    with pytest.raises(DomainError, match="active member of the project team"):
        service.add_signer(cast["pm"], cast.project, cast["staff"].id, "Reader", None, "OK")
    assert audit_count() == before
    assert client.post("/projects/CAST/requirements/signers", data={
        "user": cast["member"].id, "capacity": "Business owner, Finance",
        "department": "finance", "meaning": "Approved for build"}).status_code == 302
    signer = db_session.execute(sa.select(RequirementSigner)).scalar_one()
    assert (signer.user_id, signer.department) == (cast["member"].id, "finance")
    client.post(f"/projects/CAST/requirements/signers/{signer.id}/remove",
                data={"version": signer.version})
    assert db_session.execute(sa.select(RequirementSigner)).first() is None
    client.post("/logout")
    login(client, cast["steering"])
    assert client.get("/projects/CAST/requirements/signers").status_code == 403


def test_a_sign_off_can_carry_an_earlier_moment_but_never_a_future_one(cast, signed_setup,
                                                                      db_session):
    """The demo seed and imports date sign-offs in the past; the audit row is still stamped
    when it is written, and its changes carry the historic time."""
    from datetime import UTC, datetime, timedelta

    from app.core.audit import AuditLog, verify_chain
    from app.core.model_base import utcnow

    requirement = signed_setup
    version = service.version_of(requirement, 1)
    earlier = datetime(2026, 3, 10, 1, tzinfo=UTC)
    before = utcnow()
    first = service.sign(cast["sponsor"], cast.project, requirement, 1, version.sha256,
                         at=earlier)
    assert first.signed_at == earlier
    row = db_session.execute(sa.select(AuditLog).where(
        AuditLog.entity_type == "RequirementSignature").order_by(AuditLog.id.desc())
        .limit(1)).scalar_one()
    assert row.at >= before and row.change_dict()["signed_at"][1] == earlier.isoformat()
    second = service.sign(cast["pm"], cast.project, requirement, 1, version.sha256,
                          at=utcnow() + timedelta(days=30))
    assert before <= second.signed_at <= utcnow()
    assert first.valid and second.valid and verify_chain(db_session).ok
