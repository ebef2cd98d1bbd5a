"""What every task of the work queue is made of, and the helpers they share."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.formats import date_format

SHOWN = 5  # items shown per task; its link leads to all of them


@dataclass(frozen=True)
class Item:
    label: str
    url: str
    due: datetime.date | None = None
    overdue: bool = False
    due_today: bool = False


@dataclass(frozen=True)
class Task:
    key: str  # stable name: the page's anchors and the tests use it
    title: str
    count: int
    summary: str  # how many, said in words
    empty: str  # said when nothing waits
    link_url: str
    link_label: str
    items: list[Item] = field(default_factory=list)
    extra_url: str = ""  # a second way in, e.g. registering the settlement dates
    extra_label: str = ""


@dataclass(frozen=True)
class WorkQueue:
    tasks: list[Task]

    @property
    def keys(self) -> set[str]:
        return {task.key for task in self.tasks}


def short_date(value: datetime.date) -> str:
    return date_format(value, "d.m.Y")


def list_url(name: str, **query: Any) -> str:
    return f"{reverse(name)}?{urlencode(query)}" if query else reverse(name)


def due_item(label: str, url: str, due: datetime.date, today: datetime.date) -> Item:
    return Item(label, url, due=due, overdue=due < today, due_today=due == today)
