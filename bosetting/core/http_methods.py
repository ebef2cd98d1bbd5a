"""Whether an address of this site can be opened in a browser (GET), or only receives forms (POST).

A user is sent back to an address after login, and a GET of a POST-only address can only answer
405. Django keeps a view's allowed methods in two places: a class-based view's handlers, and the
closure of `require_http_methods` (and `require_POST`, `require_GET`, `require_safe`, which are
built on it), where they are read here. The test pins this on Django's own decorators.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve

_METHODS_IN_CLOSURE = "request_method_list"


def view_accepts_get(view: Callable[..., Any]) -> bool:
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        return "get" in view_class.http_method_names and hasattr(view_class, "get")
    current: Any = view
    while current is not None:
        methods = _methods_in_closure(current)
        if methods is not None and "GET" not in methods:
            return False
        current = getattr(current, "__wrapped__", None)
    return True


def path_accepts_get(url: str) -> bool:
    """True for a local path whose view answers GET; False for POST-only views and unknown paths."""
    path = urlsplit(url).path
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return view_accepts_get(match.func)


def _methods_in_closure(function: Any) -> list[str] | None:
    code = getattr(function, "__code__", None)
    closure = getattr(function, "__closure__", None)
    if code is None or not closure or _METHODS_IN_CLOSURE not in code.co_freevars:
        return None
    value = closure[code.co_freevars.index(_METHODS_IN_CLOSURE)].cell_contents
    return [str(method) for method in value]
