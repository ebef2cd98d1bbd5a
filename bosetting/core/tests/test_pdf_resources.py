"""WeasyPrint reads nothing but the project's own static files and inline data."""

from __future__ import annotations

import base64
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bosetting.core.pdf import ResourceRefused, _fetcher, render_html_pdf, static_url

PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


class _Counter(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:
        _Counter.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(PIXEL)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def web_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Counter.hits = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_document_cannot_reach_the_network(web_server):
    html = (
        f'<link rel="stylesheet" href="{web_server}/style.css">'
        f'<p>Hei</p><img src="{web_server}/image.png">'
        f'<p style="background: url({web_server}/background.png)">x</p>'
    )
    assert render_html_pdf(html).startswith(b"%PDF")
    assert _Counter.hits == []


def test_the_server_would_have_answered(web_server):
    """The check above proves something: the same server serves an ordinary client."""
    from urllib.request import urlopen

    with urlopen(f"{web_server}/image.png") as response:  # noqa: S310  (our own test server)
        assert response.read() == PIXEL
    assert _Counter.hits == ["/image.png"]


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "file:///etc/hostname", "file://example.org/etc/passwd"]
)
def test_files_outside_the_static_folders_are_refused(url):
    with pytest.raises(ResourceRefused):
        _fetcher().fetch(url)


def test_a_path_that_climbs_out_of_the_static_folder_is_refused():
    inside = static_url("bosetting/bosetting.css")
    climbing = inside.replace("bosetting/bosetting.css", "../../../../../../etc/passwd")
    with pytest.raises(ResourceRefused):
        _fetcher().fetch(climbing)


def test_the_projects_own_static_files_and_inline_data_are_read():
    css = _fetcher().fetch(static_url("bosetting/bosetting.css"))
    assert b".table-wrap" in css.read()
    data = _fetcher().fetch("data:image/png;base64," + base64.b64encode(PIXEL).decode())
    assert data.read() == PIXEL
