"""Importing actual costs from CSV: a row-by-row report, and bad rows change nothing."""

from decimal import Decimal
from io import BytesIO

import sqlalchemy as sa

from app.budget import service
from app.budget.models import CostEntry
from tests.conftest import audit_count

URL = "/projects/CAST/budget/entries/import"


def setup_lines(project):
    for name in ("Licences", "Training"):
        service.create_line(None, project, service.LineData(
            category="software_licences" if name == "Licences" else "training",
            fiscal_year=2026, quarter=1, name=name, planned=Decimal("1000.00")))


def costs(session):
    return session.execute(sa.select(CostEntry).order_by(CostEntry.id)).scalars().all()


GOOD = ("date,line,amount,supplier,reference,notes\n"
        "2026-01-10,BL-001,500.10,CloudCRM,INV-1,\n"
        "2026-01-11,2,0.20,Acme 培训,INV-2,第一期\n")
BAD_ROW = "2026-02-30,BL-009,12.345,X,Y,\n"


def test_a_good_file_imports_every_row_exactly_and_audited(client, cast, login_as, db_session):
    setup_lines(cast.project)
    login_as("pm")
    before = audit_count()
    response = client.post(URL, data={"text": GOOD})
    assert response.status_code == 302
    rows = costs(db_session)
    assert [(c.line.code, c.amount, c.supplier) for c in rows] == [
        ("BL-001", Decimal("500.10"), "CloudCRM"), ("BL-002", Decimal("0.20"), "Acme 培训")]
    assert audit_count() == before + 2
    again = client.post(URL, data={"text": GOOD})  # importing twice changes nothing
    assert again.status_code == 400
    assert "already recorded" in again.get_data(as_text=True)
    assert len(costs(db_session)) == 2


def test_one_bad_row_and_nothing_is_written_with_a_report_per_row(client, cast, login_as,
                                                                  db_session):
    setup_lines(cast.project)
    login_as("pm")
    before = audit_count()
    response = client.post(URL, data={"text": GOOD + BAD_ROW})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Nothing was imported: 1 of 3 rows have problems" in page
    assert "Write the date as YYYY-MM-DD." in page
    assert "There is no budget line BL-009 in this project." in page
    assert "at most 2 decimal places" in page
    assert 'class="row-bad"' in page and page.count('class="row-ok"') == 2
    assert costs(db_session) == [] and audit_count() == before
    assert "2026-02-30,BL-009" in page  # the text stays on the page to be fixed


def test_skipping_bad_rows_imports_the_good_ones(client, cast, login_as, db_session):
    setup_lines(cast.project)
    login_as("sponsor")
    response = client.post(URL, data={"text": GOOD + BAD_ROW, "skip_invalid": "y"})
    assert response.status_code == 200
    assert "2 rows imported; 1 bad rows were skipped" in response.get_data(as_text=True)
    assert len(costs(db_session)) == 2


def test_file_level_problems(client, cast, login_as, db_session):
    setup_lines(cast.project)
    login_as("pm")
    cases = [
        ("when,line,amount\n2026-01-01,1,1.00\n", "Missing: date"),
        ("date,line,amount\n", "holds no cost entries"),
        ("", "Choose a CSV file or paste its contents"),
        ("date,line,amount\n2026-01-01,1\n", "has 2 values where the header has 3"),
        ("date,line,amount,currency\n2026-01-01,1,5.00,EUR\n", "The amount is in EUR"),
    ]
    for text, message in cases:
        response = client.post(URL, data={"text": text})
        assert response.status_code == 400, text
        assert message in response.get_data(as_text=True), text
    assert costs(db_session) == []


def test_an_uploaded_file_in_chinese_excel_encoding_with_semicolons(client, cast, login_as,
                                                                    db_session):
    setup_lines(cast.project)
    login_as("pm")
    raw = "date;line;amount;supplier\n2026-01-05;BL-002;1,234.50;上海培训中心\n".encode("gb18030")
    response = client.post(URL, data={"file": (BytesIO(raw), "costs.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    [entry] = costs(db_session)
    assert (entry.amount, entry.supplier) == (Decimal("1234.50"), "上海培训中心")


def test_members_cannot_import(client, cast, login_as, db_session):
    setup_lines(cast.project)
    login_as("member")
    assert client.post(URL, data={"text": GOOD}).status_code == 403
    assert costs(db_session) == []
