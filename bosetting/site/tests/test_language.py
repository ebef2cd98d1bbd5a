from django.conf import settings


def test_interface_speaks_bokmal_even_when_the_browser_asks_for_english(cast, client_for):
    response = client_for(cast.bergen_caseworker).get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "nb"
    assert "Hopp til hovedinnhold" in response.content.decode()


def test_chosen_language_is_kept_in_the_cookie(cast, client_for):
    client = client_for(cast.bergen_caseworker)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert client.get("/")["Content-Language"] == "en"


def test_django_password_rules_are_explained_in_bokmal(db):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.utils import translation

    with translation.override("nb"):
        try:
            validate_password("kort")
        except ValidationError as error:
            messages = " ".join(error.messages)
    assert "Passordet er for kort" in messages


def test_english_catalogue_translates_the_layout(cast, client_for):
    client = client_for(cast.bergen_caseworker)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert 'lang="en"' in page
    assert "Hopp til hovedinnhold" not in page
