from tests.conftest import login


def test_login_and_home(client, cast):
    login(client, cast["pm"])
    response = client.get("/projects/CAST")
    assert response.status_code == 200
    assert "Asia pilot" in response.get_data(as_text=True)
