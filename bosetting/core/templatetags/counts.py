"""`{{ number|counted:"sak" }}`: the number with its noun in the right form (bosetting.core.counts)."""

from django import template

from bosetting.core.counts import counted as _counted

register = template.Library()


@register.filter
def counted(number: int, noun: str) -> str:
    return _counted(number, noun)
