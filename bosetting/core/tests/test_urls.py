from __future__ import annotations

import pytest
from django.urls import reverse

from bosetting.core.urls import url_for_pk


def test_a_row_url_is_the_url_reverse_gives():
    detail = url_for_pk("planning:request_detail")
    for pk in (1, 42, 987654):
        assert detail(pk) == reverse("planning:request_detail", kwargs={"pk": pk})


def test_a_row_url_takes_only_a_number():
    detail = url_for_pk("planning:request_detail")
    with pytest.raises(ValueError):
        detail("1/../admin")  # type: ignore[arg-type]
