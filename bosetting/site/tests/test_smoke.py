from django.test import Client


def test_home_sends_anonymous_user_to_login(db):
    response = Client().get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")


def test_home_greets_logged_in_user(cast, client_for):
    response = client_for(cast.bergen_caseworker).get("/")
    assert response.status_code == 200
    assert "Velkommen" in response.content.decode()


def test_stord_is_told_why_it_reaches_no_personal_data(cast, client_for):
    response = client_for(cast.stord_caseworker).get("/")
    assert "har ikke signert gjeldende databehandleravtale" in response.content.decode()
