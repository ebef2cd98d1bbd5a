"""Names print in the scripts refugees write them in, with every font embedded (PDF/A).

No skip when the fonts are missing: a letter that prints empty boxes is a broken letter, so the
test fails and says how to install them."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from bosetting.cases import actions as case_actions
from bosetting.cases.models import Relation
from bosetting.cases.tests.factories import assess_completely, person_data
from bosetting.core.testing import pdf_font_problems, pdf_text

from ..models import DecisionLetter
from .helpers import accept_and_decide

pytestmark = pytest.mark.usefixtures("bergen_places")

LETTER_STYLE = Path(__file__).resolve().parents[2] / "templates" / "pdf" / "_letter_style.html"
INSTALL = "Install them with `scripts/install-system-packages fonts` (as root)."

# One invented name per script, as the household's members: (script, given names, family name).
NAMES = [
    ("Ge'ez (tigrinja)", "ሰላም", "ተወልደ"),
    ("Ge'ez (amharisk)", "መሰረት", "አበበ"),
    ("arabisk", "ليلى", "حداد"),
    ("arabisk skrift (persisk, dari)", "فرشته", "رضایی"),
    ("kyrillisk (ukrainsk)", "Оксана", "Їжакевич"),
    ("latin med diakritiske tegn (kurmanji)", "Şêrîn", "Çiçek"),
    ("latin, utvidet (lingala)", "Mbɔ́ngɔ", "Ngɛ́lɛ"),
    ("latin med diakritiske tegn (somali, vietnamesisk)", "Hằng", "Cabdiraxmaan"),
    ("myanmar (burmesisk, karen)", "အောင်", "မြင့်"),
    ("georgisk", "ნინო", "ბერიძე"),
    ("tamil", "கவிதா", "சிவகுமார்"),
]


def _families() -> list[str]:
    style = LETTER_STYLE.read_text(encoding="utf-8")
    stack = re.search(r"html, body \{ font-family: ([^;]+);", style)
    assert stack, f"No font-family for the letters in {LETTER_STYLE}"
    return [name.strip().strip('"') for name in stack.group(1).split(",") if '"' in name]


def test_every_font_the_letters_name_is_installed():
    fc_list = shutil.which("fc-list")
    assert fc_list, (
        f"fc-list (fontconfig) is missing, so the letter fonts cannot be found. {INSTALL}"
    )
    installed = set(
        subprocess.run([fc_list, ":", "family"], capture_output=True, text=True, check=True)
        .stdout.replace(",", "\n")
        .splitlines()
    )
    missing = [family for family in _families() if family not in installed]
    assert missing == [], f"Fonts the letters name are not installed: {missing}. {INSTALL}"


@pytest.fixture
def household_in_every_script(cast):
    _script, given, family = NAMES[0]
    case = case_actions.register_case(
        by=None, head=person_data(given_names=given, family_name=family)
    )
    for _script, given, family in NAMES[1:]:
        case_actions.add_member(
            by=None,
            case=case,
            person=person_data(given_names=given, family_name=family),
            relation=Relation.OTHER,
        )
    assess_completely(case)
    case = case_actions.mark_ready(by=None, case=case)
    return accept_and_decide(cast, case)


def test_names_in_every_script_are_in_each_letters_text_with_every_glyph_embedded(
    household_in_every_script,
):
    letters = list(DecisionLetter.objects.filter(decision__case=household_in_every_script))
    assert {letter.recipient for letter in letters} == {"household", "municipality"}
    for letter in letters:
        with letter.file.open("rb") as handle:
            content = handle.read()
        text = pdf_text(content)
        for script, given, family in NAMES:
            assert f"{given} {family}" in text, f"{script}: {given} {family} not in the {letter}"
        problems = pdf_font_problems(content)
        assert problems == [], f"{letter}: {problems[:5]}. {INSTALL}"
        fonts = {
            str(font.get_object()["/BaseFont"]).split("+")[-1]
            for page in PdfReader(letter.file.path).pages
            for font in page["/Resources"]["/Font"].values()
        }
        assert {
            "Noto-Sans",
            "Noto-Sans-Ethiopic",
            "Noto-Naskh-Arabic",
            "Noto-Sans-Myanmar",
        } <= fonts, f"{letter} uses {sorted(fonts)}. {INSTALL}"
