"""KPI measurements by form and by CSV import, KPI status on the pages, and the CSV exports."""

import csv
import io
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from app.strategy import measurements, service
from app.strategy.models import Measurement
from tests.conftest import audit_count, login


@pytest.fixture
def kpi(cast):
    goal = service.create_goal(None, cast.project, "Grow share")
    objective = service.create_objective(None, cast.project, service.ObjectiveData(
        title="Retain key accounts 保留关键客户", description="", aim="retain", aim_other="",
        horizon="short", priority="high", owner_id=None, goal_ids=(goal.id,)))
    return service.create_kpi(None, cast.project, service.KpiData(
        objective_id=objective.id, name="Retention rate 保留率", definition="", unit="%",
        direction="higher", kind="loyalty", baseline_value=Decimal("60"),
        baseline_on=date(2025, 1, 1), short_target_value=Decimal("70"),
        short_target_on=date(2025, 7, 1), long_target_value=Decimal("80"),
        long_target_on=date(2026, 1, 1)))


def _count(db_session) -> int:
    return db_session.execute(sa.select(sa.func.count()).select_from(Measurement)).scalar_one()


def _upload(client, text: str | bytes, skip: bool = False, encoding: str = "utf-8"):
    data = text if isinstance(text, bytes) else text.encode(encoding)
    form = {"file": (io.BytesIO(data), "m.csv")}
    if skip:
        form["skip_bad_rows"] = "y"
    return client.post("/projects/CAST/strategy/measurements/import", data=form,
                       content_type="multipart/form-data")


def test_member_records_a_measurement_and_sees_the_status(client, cast, kpi, db_session):
    login(client, cast["member"])
    before = audit_count()
    response = client.post(f"/projects/CAST/strategy/kpis/{kpi.id}/measurements", data={
        "measured_on": "2025-07-01", "value": "66.5", "note": "第二季度"})
    assert response.status_code == 302
    stored = db_session.execute(sa.select(Measurement)).scalar_one()
    assert stored.value == Decimal("66.5") and stored.recorded_by_id == cast["member"].id
    assert audit_count() == before + 1
    page = client.get(f"/projects/CAST/strategy/kpis/{kpi.id}").get_data(as_text=True)
    # 66.5 against 70 planned: 3.5 behind, band 1.0 -> off track
    assert "kpi-off_track" in page and "第二季度" in page
    assert 'class="series"' in page and "Baseline 60 (2025-01-01)" in page


@pytest.mark.parametrize("data,message", [
    ({"measured_on": "2025-07-01", "value": ""}, "Enter a number"),
    ({"measured_on": "2025-07-01", "value": "1e5"}, "Enter a number"),
    ({"measured_on": "2025-07-01", "value": "NaN"}, "Enter a number"),
    ({"measured_on": "07/01/2025", "value": "5"}, "Not a valid date"),
    ({"measured_on": (date.today() + timedelta(days=1)).isoformat(), "value": "5"},
     "cannot be in the future"),
    ({"measured_on": "2025-07-01", "value": "5", "note": "<img>"}, "Do not use the characters"),
])
def test_bad_measurement_is_refused_with_a_message(client, cast, kpi, db_session, data, message):
    login(client, cast["pm"])
    before = audit_count()
    response = client.post(f"/projects/CAST/strategy/kpis/{kpi.id}/measurements", data=data)
    assert response.status_code == 400
    errors = re.findall(r'<p class="error">(.*?)</p>', response.get_data(as_text=True))
    assert any(message in e for e in errors), errors
    assert audit_count() == before and _count(db_session) == 0


def test_one_measurement_per_day_and_stale_delete(client, cast, kpi, db_session):
    first = measurements.add_measurement(cast["pm"], cast.project, kpi, date(2025, 3, 1),
                                         Decimal("62"))
    login(client, cast["pm"])
    twice = client.post(f"/projects/CAST/strategy/kpis/{kpi.id}/measurements",
                        data={"measured_on": "2025-03-01", "value": "63"})
    assert twice.status_code == 400 and "already has a measurement" in twice.get_data(
        as_text=True)
    stale = client.post(f"/projects/CAST/strategy/measurements/{first.id}/delete",
                        data={"version": first.version + 1}, follow_redirects=True)
    assert "changed by someone else" in stale.get_data(as_text=True)
    assert _count(db_session) == 1
    client.post(f"/projects/CAST/strategy/measurements/{first.id}/delete",
                data={"version": first.version})
    assert _count(db_session) == 0


def test_staff_cannot_record_measurements(client, cast, kpi, db_session):
    login(client, cast["staff"])
    response = client.post(f"/projects/CAST/strategy/kpis/{kpi.id}/measurements",
                           data={"measured_on": "2025-03-01", "value": "63"})
    assert response.status_code == 403 and _count(db_session) == 0


GOOD_AND_BAD = (
    "kpi,date,value,note\n"
    "KPI-01,2025-02-01,61.5,一月\n"
    "KPI-09,2025-03-01,62,\n"
    "KPI-01,2025-13-01,62,\n"
    "KPI-01,2025-04-01,abc,\n"
    "kpi-01,2025-05-01,\"1,064.25\",thousands\n"
    "KPI-01,2025-02-01,70,dup in file\n"
    "KPI-01,2025-06-01\n"
)


def test_import_with_bad_rows_reports_each_and_imports_nothing(client, cast, kpi, db_session):
    login(client, cast["pm"])
    before = audit_count()
    response = _upload(client, GOOD_AND_BAD)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Nothing was imported." in page
    for line, text in ((3, "No KPI KPI-09"), (4, "is not a date"), (5, "is not a number"),
                       (7, "already has a measurement on 2025-02-01"),
                       (8, "Expected 3 or 4 columns")):
        assert f"<td>{line}</td><td>" in page and text in page
    assert _count(db_session) == 0 and audit_count() == before


def test_import_good_rows_only_when_asked(client, cast, kpi, db_session):
    login(client, cast["pm"])
    response = _upload(client, GOOD_AND_BAD, skip=True)
    assert response.status_code == 200
    assert "2 rows imported." in response.get_data(as_text=True)
    stored = db_session.execute(sa.select(Measurement).order_by(Measurement.measured_on))\
        .scalars().all()
    assert [(m.measured_on, m.value, m.source) for m in stored] == [
        (date(2025, 2, 1), Decimal("61.5"), "import"),
        (date(2025, 5, 1), Decimal("1064.25"), "import")]
    assert stored[0].note == "一月"
    # Importing the same file again: those dates now exist, so every row is refused.
    again = _upload(client, GOOD_AND_BAD, skip=True)
    assert again.status_code == 400 and _count(db_session) == 2


def test_import_reads_excel_bom_and_chinese_excel_encoding(client, cast, kpi, db_session):
    login(client, cast["pm"])
    text = "kpi,date,value,note\r\nKPI-01,2025-02-01,61,二月\r\n"
    assert _upload(client, b"\xef\xbb\xbf" + text.encode()).status_code == 200
    other = "kpi,date,value,note\r\nKPI-01,2025-03-01,62,三月\r\n"
    assert _upload(client, other, encoding="gb18030").status_code == 200
    notes = db_session.execute(sa.select(Measurement.note).order_by(Measurement.measured_on))\
        .scalars().all()
    assert notes == ["二月", "三月"]


@pytest.mark.parametrize("content,message", [
    ("date,value\n2025-01-01,1\n", "The first line must name the columns"),
    ("kpi,date,value,note\n", "The file has no rows to import."),
    (b"\xff\xfe\x00\x00garbage\x81", "neither UTF-8 nor GB18030"),
])
def test_import_file_problems_are_explained(client, cast, kpi, db_session, content, message):
    login(client, cast["pm"])
    response = _upload(client, content, skip=True)
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert _count(db_session) == 0


def test_import_without_a_file_is_refused(client, cast, kpi):
    login(client, cast["pm"])
    response = client.post("/projects/CAST/strategy/measurements/import", data={},
                           content_type="multipart/form-data")
    assert response.status_code == 400 and "Choose a CSV file." in response.get_data(as_text=True)


def test_exports_round_trip_and_defuse_formulas(client, cast, kpi, db_session):
    measurements.add_measurement(None, cast.project, kpi, date(2025, 7, 1), Decimal("71.25"),
                                 note="=HYPERLINK(1)")
    login(client, cast["member"])
    response = client.get("/projects/CAST/strategy/export/measurements.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows == [["kpi", "date", "value", "note"],
                    ["KPI-01", "2025-07-01", "71.2500", "'=HYPERLINK(1)"]]
    kpis = list(csv.DictReader(io.StringIO(client.get(
        "/projects/CAST/strategy/export/kpis.csv").get_data().decode("utf-8-sig"))))
    assert kpis[0]["name"] == "Retention rate 保留率" and kpis[0]["status"] == "on_track"
    assert kpis[0]["baseline_value"] == "60.0000" and kpis[0]["latest_value"] == "71.2500"
    objectives = list(csv.DictReader(io.StringIO(client.get(
        "/projects/CAST/strategy/export/objectives.csv").get_data().decode("utf-8-sig"))))
    assert objectives[0]["title"] == "Retain key accounts 保留关键客户"
    assert objectives[0]["misaligned"] == "no" and objectives[0]["kpis"] == "KPI-01"


def test_exported_measurements_import_into_another_kpi_file(client, cast, kpi, db_session):
    measurements.add_measurement(None, cast.project, kpi, date(2025, 7, 1), Decimal("71.25"))
    login(client, cast["pm"])
    exported = client.get("/projects/CAST/strategy/export/measurements.csv").get_data()
    db_session.execute(sa.delete(Measurement))
    assert _upload(client, exported).status_code == 200
    assert db_session.execute(sa.select(Measurement.value)).scalar_one() == Decimal("71.25")
