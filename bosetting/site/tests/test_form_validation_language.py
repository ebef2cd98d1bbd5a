"""Every form with fields leaves validation to the server, in Norwegian.

A browser validates `required`, `type="email"`, `min`/`max` itself and says so in its own
language («Please select one of these options.»), before the server's Norwegian message can
appear. `novalidate` on the form turns that off. A form that is only a button (and hidden
fields) has nothing to validate and may go without.
"""

from __future__ import annotations

import re
from pathlib import Path

BOSETTING = Path(__file__).resolve().parents[2]

FORM = re.compile(r"<form\b(?P<attrs>[^>]*)>(?P<body>.*?)</form>", re.DOTALL)
# What a form may hold and still have nothing for the browser to validate.
INERT = [
    re.compile(r"\{#.*?#\}", re.DOTALL),
    re.compile(r"\{% comment %\}.*?\{% endcomment %\}", re.DOTALL),
    re.compile(r"\{% blocktranslate\b.*?\{% endblocktranslate %\}", re.DOTALL),
    re.compile(r"<button\b.*?</button>", re.DOTALL),
    re.compile(r"<input\b[^>]*\btype=\"hidden\"[^>]*>"),
    re.compile(r"<a\b.*?</a>", re.DOTALL),
]
# A field written out, or template code that renders one (a form, a field, an include).
FIELDS = re.compile(r"<input\b|<select\b|<textarea\b|\{\{|\{% (include|slot|for)\b")


def forms_with_fields_left_to_the_browser() -> list[str]:
    found = []
    for path in sorted(BOSETTING.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for match in FORM.finditer(text):
            body = match["body"]
            for pattern in INERT:
                body = pattern.sub("", body)
            if FIELDS.search(body) and "novalidate" not in match["attrs"]:
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(BOSETTING)}:{line}")
    return found


def test_every_form_with_fields_has_novalidate() -> None:
    assert forms_with_fields_left_to_the_browser() == []


def test_the_check_sees_a_form_with_fields() -> None:
    body = '{% csrf_token %}<input type="hidden" name="a"><button type="submit">Lagre</button>'
    assert not FIELDS.search(INERT[3].sub("", INERT[4].sub("", body)))
    assert FIELDS.search('<select name="x"></select>')
    assert FIELDS.search("{{ form }}")
