import pytest
from django.test import Client


@pytest.mark.parametrize(
    "path",
    [
        "/static/vendor/designsystemet/designsystemet.css",
        "/static/vendor/designsystemet/theme.css",
        "/static/vendor/htmx/htmx.min.js",
        "/static/bosetting/bosetting.css",
    ],
)
def test_layout_assets_are_served_without_login(path):
    response = Client().get(path)
    assert response.status_code == 200
    response.close()
