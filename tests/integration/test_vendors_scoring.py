"""Blind multi-evaluator scoring through the pages, the comparison and the report."""

import re

import sqlalchemy as sa

from app.vendors import service
from app.vendors.models import Evaluator, Score
from tests.conftest import audit_count, login
from tests.integration.test_vendors import BASE, make_evaluation, make_vendor


def setup_scoring(cast):
    project = cast.project
    ev = make_evaluation(project)
    a = make_vendor(project, ev, "Alpha", to="shortlisted")
    b = make_vendor(project, ev, "Beta", to="shortlisted")
    make_vendor(project, ev, "Gamma")  # on the longlist: not scored
    cards = {who: service.add_evaluator(None, project, ev, cast[who].id)
             for who in ("sponsor", "steering")}
    return ev, a, b, cards


def card_form(ev, card, values, evidence="Seen in the demo"):
    data = {"version": card.version}
    for criterion, value in zip(ev.criteria, values, strict=True):
        data[f"s{criterion.id}"] = str(value) if value else ""
        data[f"e{criterion.id}"] = evidence if value else ""
    return data


def score_all(client, ev, card, vendor, values, db_session):
    response = client.post(f"{BASE}/{ev.id}/score/{vendor.id}", data=card_form(ev, card, values))
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    db_session.expire_all()


def test_evaluators_score_blind_until_they_submit(client, cast, db_session):
    ev, a, b, cards = setup_scoring(cast)
    login(client, cast["sponsor"])
    score_all(client, ev, cards["sponsor"], a, [5] * 7, db_session)
    page = client.get(f"{BASE}/{ev.id}/results").get_data(as_text=True)
    assert "stay hidden until you submit" in page
    refused = client.post(f"{BASE}/{ev.id}/score", data={"version": cards["sponsor"].version})
    assert refused.status_code == 400 and "1 = " not in refused.get_data(as_text=True)
    assert "Score every shortlisted vendor on every criterion first" in refused.get_data(True)
    score_all(client, ev, cards["sponsor"], b, [2] * 7, db_session)
    assert client.post(f"{BASE}/{ev.id}/score",
                       data={"version": cards["sponsor"].version}).status_code == 302
    client.post("/logout")

    # The steering member's draft is private: not on the sponsor's results page.
    login(client, cast["steering"])
    score_all(client, ev, cards["steering"], a, [1] * 7, db_session)
    assert "stay hidden" in client.get(f"{BASE}/{ev.id}/results").get_data(as_text=True)
    assert "stay hidden" in client.get(f"{BASE}/{ev.id}/report").get_data(as_text=True)
    client.post("/logout")
    login(client, cast["sponsor"])
    results = client.get(f"{BASE}/{ev.id}/results").get_data(as_text=True)
    assert "Still scoring: Steering person" in results
    assert "5.00" in results and "1.00" not in results
    client.post("/logout")

    # A team member who is not an evaluator sees only submitted scores, and cannot score.
    login(client, cast["member"])
    assert "5.00" in client.get(f"{BASE}/{ev.id}/results").get_data(as_text=True)
    before = audit_count()
    denied = client.post(f"{BASE}/{ev.id}/score/{a.id}",
                         data=card_form(ev, cards["sponsor"], [3] * 7))
    assert denied.status_code == 403 and audit_count() == before
    assert "not named as an evaluator" in client.get(f"{BASE}/{ev.id}/score").get_data(True)


def test_submitted_scores_are_final_and_disagreement_is_flagged(client, cast, db_session):
    ev, a, b, cards = setup_scoring(cast)
    for who, alpha in (("sponsor", [5, 5, 5, 5, 5, 5, 5]), ("steering", [2, 5, 5, 5, 5, 5, 5])):
        login(client, cast[who])
        score_all(client, ev, cards[who], a, alpha, db_session)
        score_all(client, ev, cards[who], b, [3] * 7, db_session)
        assert client.post(f"{BASE}/{ev.id}/score",
                           data={"version": cards[who].version}).status_code == 302
        client.post("/logout")
    login(client, cast["steering"])
    late = client.post(f"{BASE}/{ev.id}/score/{a.id}", data=card_form(ev, cards["steering"],
                                                                       [1] * 7))
    assert late.status_code == 400 and "submitted and final" in late.get_data(as_text=True)
    page = client.get(f"{BASE}/{ev.id}/results").get_data(as_text=True)
    assert "disagree" in page and "Leading: Alpha." in page
    # Alpha: financial mean 3.5 (weight 20), the rest 5 -> 0.2*3.5 + 0.8*5 = 4.70
    assert "4.70" in page and "3.00" in page
    assert "Sensitivity of the result" in page and "<svg" in page


def test_scores_need_evidence_and_bad_input_writes_nothing(client, cast, db_session):
    ev, a, _b, cards = setup_scoring(cast)
    login(client, cast["sponsor"])
    before = audit_count()
    no_evidence = card_form(ev, cards["sponsor"], [4] * 7)
    no_evidence[f"e{ev.criteria[2].id}"] = ""
    response = client.post(f"{BASE}/{ev.id}/score/{a.id}", data=no_evidence)
    assert response.status_code == 400
    assert "give the evidence for your score" in response.get_data(as_text=True)
    out_of_range = card_form(ev, cards["sponsor"], [4] * 7)
    out_of_range[f"s{ev.criteria[0].id}"] = "6"
    assert client.post(f"{BASE}/{ev.id}/score/{a.id}", data=out_of_range).status_code == 400
    stale = card_form(ev, cards["sponsor"], [4] * 7)
    stale["version"] = cards["sponsor"].version + 5
    assert client.post(f"{BASE}/{ev.id}/score/{a.id}", data=stale).status_code == 409
    assert audit_count() == before
    assert db_session.execute(sa.select(Score)).first() is None
    ok = client.post(f"{BASE}/{ev.id}/score/{a.id}", data=card_form(ev, cards["sponsor"],
                                                                     [4] * 7))
    assert ok.status_code == 302
    assert audit_count() == before + 7


def test_only_team_members_become_evaluators(client, cast, login_as, db_session):
    ev = make_evaluation(cast.project)
    login_as("pm")
    assert client.post(f"{BASE}/{ev.id}/evaluators",
                       data={"user_id": cast["staff"].id}).status_code == 302
    assert client.post(f"{BASE}/{ev.id}/evaluators",
                       data={"user_id": cast["member"].id}).status_code == 302
    names = {e.user_id for e in db_session.execute(sa.select(Evaluator)).scalars()}
    assert names == {cast["member"].id}


def test_the_demo_evaluation_tells_its_story(runner, client, db_session):
    assert runner.invoke(args=["seed", "demo"]).exit_code == 0
    response = client.post("/login", data={"email": "catherine.wong@quest.example",
                                           "password": "Quest-Sponsor-Pilot-26"})
    assert response.status_code == 302
    index = client.get("/projects/QUEST-ASIA/vendors").get_data(as_text=True)
    link = re.search(r'href="(/projects/QUEST-ASIA/vendors/[0-9]+)"', index).group(1)
    base = link
    overview = client.get(base).get_data(as_text=True)
    assert "上海客商软件" in overview and "Best-of-breed bundle" in overview
    results = client.get(f"{base}/results").get_data(as_text=True)
    assert "Leading: FlavourSoft Asia." in results
    assert "NovaSuite has strong features but weak finances" in results
    assert "NovaSuite: 1 claim(s) turned out false." in results
    assert "disagree" in results
    report = client.get(f"{base}/report").get_data(as_text=True)
    assert "Vendor evaluation report" in report and "<svg" in report


def test_the_report_is_a_pdf_with_the_ranking(runner, client, db_session, tmp_path):
    import subprocess

    assert runner.invoke(args=["seed", "demo"]).exit_code == 0
    client.post("/login", data={"email": "daniel.tan@quest.example",
                                "password": "Quest-PM-Pilot-26"})
    index = client.get("/projects/QUEST-ASIA/vendors").get_data(as_text=True)
    base = re.search(r'href="(/projects/QUEST-ASIA/vendors/[0-9]+)"', index).group(1)
    response = client.get(f"{base}/report.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.data)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Vendor evaluation report" in text and "FlavourSoft Asia" in text
    assert "上海客商软件" in text
