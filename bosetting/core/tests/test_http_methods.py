"""Reading which methods a view accepts from Django's own decorators and class-based views."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)

from bosetting.core.http_methods import path_accepts_get, view_accepts_get


def plain(request: HttpRequest) -> HttpResponse:
    return HttpResponse()


class FormOnly(View):
    def post(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse()


class Page(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse()


def test_views_that_answer_get():
    assert view_accepts_get(plain)
    assert view_accepts_get(require_GET(plain))
    assert view_accepts_get(require_safe(plain))
    assert view_accepts_get(require_http_methods(["GET", "POST"])(plain))
    assert view_accepts_get(Page.as_view())


def test_views_that_only_receive_forms():
    assert not view_accepts_get(require_POST(plain))
    assert not view_accepts_get(require_http_methods(["POST", "DELETE"])(plain))
    assert not view_accepts_get(FormOnly.as_view())


def test_a_method_check_under_another_decorator_is_found():
    assert not view_accepts_get(never_cache(require_POST(plain)))
    assert view_accepts_get(never_cache(require_GET(plain)))


def test_paths_of_this_site(db):
    assert path_accepts_get("/saker/1/")
    assert path_accepts_get("/anmodninger/forbered/?aar=2027")
    assert not path_accepts_get("/saker/1/notater/")
    assert not path_accepts_get("/varsler/alle-lest/")
    assert not path_accepts_get("/finnes/ikke/")
