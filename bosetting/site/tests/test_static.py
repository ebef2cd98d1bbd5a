import pytest
from django.test import Client

from bosetting.core.testing import close_response


@pytest.mark.parametrize(
    "path",
    [
        "/static/vendor/designsystemet/designsystemet.css",
        "/static/vendor/designsystemet/theme.css",
        "/static/vendor/htmx/htmx.min.js",
        "/static/bosetting/bosetting.css",
    ],
)
def test_layout_assets_are_served_without_login(db, path):
    response = Client().get(path)
    assert response.status_code == 200
    close_response(response)
